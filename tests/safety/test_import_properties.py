"""Any JSON value in any plan-file field, any text as a basic policy: a clean import, or a
Japanese message with the working database exactly as it was. Never an escaping exception."""

import copy
import hashlib
import json
import re
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hoshin_desktop.domain.policy_parser import PolicyParseError, parse_policy
from hoshin_desktop.services.plan_files import PlanFileError, import_plan, parse_plan, plan_to_dict
from hoshin_desktop.services.policy_import import PolicyImportError, import_policy
from hoshin_desktop.storage.errors import StorageError

JAPANESE = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")

any_text = st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF), max_size=40)
numbers = st.one_of(
    st.integers(), st.integers(min_value=-(2**80), max_value=2**80), st.sampled_from([2**63, -(2**63), 2**70]),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([float("inf"), float("nan"), 1e308]),
)
scalars = st.one_of(st.none(), st.booleans(), numbers, any_text)
json_values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(any_text, inner, max_size=4)), max_leaves=12)
# Literals json.dumps cannot make from Python values: thousands of digits, numbers past a double.
raw_literals = st.sampled_from(["9" * 5000, "-" + "9" * 400, "1e400", "-1e400", "NaN", "Infinity", "1E99999"])

PLAN_FIELDS = ["format", "version", "fiscal_year", "department", "date", "revision", "signers", "preamble",
               "answers", "goals", "sections", "interviewer", "updated_at"]
GOAL_FIELDS = ["title", "background", "actions", "indicator", "baseline", "target", "schedule", "sections",
               "directives", "parent"]


def fingerprint(session) -> str:
    """Everything in the working database, read by another connection as a second program would."""
    conn = sqlite3.connect(session.data_dir / "hoshin.db")
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode("utf-8", "surrogatepass")).hexdigest()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def plan_session(tmp_path_factory):
    from hoshin_desktop.services.session import Session

    session = Session.open(tmp_path_factory.mktemp("props") / "data")
    editor = session.editor(2024, "政策部")
    first = editor.add_goal().select
    editor.set_goal_field(first, "title", "目標")
    editor.pin(first, "1(1)")
    editor.add_goal(parent=first)
    editor.set_answer("1(1)", "方針")
    session.baseline = plan_to_dict(session.load_plan(2024, "政策部"))  # each example starts from this file
    yield session
    session.close()


def place(data: dict, target: str, index: int, key: str):
    """Where in the file the arbitrary value goes: a known field or an extra, at the top, in a goal,
    a signer or an answer."""
    goals, signers, answers = data["goals"], data.setdefault("signers", [{}]), data.setdefault("answers", [{}])
    signers.append({}) if not signers else None
    answers.append({}) if not answers else None
    return {
        "plan": (data, PLAN_FIELDS[index % len(PLAN_FIELDS)]),
        "plan extra": (data, key),
        "goal": (goals[index % len(goals)], GOAL_FIELDS[index % len(GOAL_FIELDS)]),
        "goal extra": (goals[index % len(goals)], key),
        "signer": (signers[0], ("title", "name", key)[index % 3]),
        "answer": (answers[0], ("directive", "text", key)[index % 3]),
    }[target]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=st.sampled_from(["plan", "plan extra", "goal", "goal extra", "signer", "answer"]),
       index=st.integers(min_value=0, max_value=100), key=any_text.filter(lambda k: k not in PLAN_FIELDS + GOAL_FIELDS),
       value=st.one_of(json_values, raw_literals.map(lambda literal: ("raw", literal))))
def test_any_value_in_any_field_imports_cleanly_or_changes_nothing(plan_session, target, index, key, value):
    session = plan_session
    data = copy.deepcopy(session.baseline)
    container, field = place(data, target, index, key)
    marker = "\u0000MARKER\u0000"
    container[field] = marker if isinstance(value, tuple) else value
    text = json.dumps(data, ensure_ascii=True, allow_nan=True)
    if isinstance(value, tuple):
        text = text.replace(json.dumps(marker), value[1])
    before = fingerprint(session)
    try:
        plan_file = parse_plan(session, text.encode("utf-8"))
        import_plan(session, plan_file)
    except (PlanFileError, StorageError) as exc:
        assert JAPANESE.search(str(exc)), str(exc)
        assert all(JAPANESE.search(p) for p in getattr(exc, "problems", [])), exc
        assert fingerprint(session) == before
        return
    exported = plan_to_dict(session.load_plan(2024, "政策部"))  # what was imported goes out and back in
    parse_plan(session, json.dumps(exported, ensure_ascii=False).encode("utf-8"))


policy_lines = st.one_of(any_text, st.sampled_from(["記", "1 方針", "2 手続", "(1) 項目。", "(100) 項目。",
                                                    "令和0年度市政運営の基本方針", "令和元年4月30日", "令和7年2月29日",
                                                    "令和" + "9" * 5000 + "年度市政運営の基本方針", "｜強靱《》",
                                                    "強靱^{じん}", "(1)", "3 見出し"]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=400), policy_lines), max_size=6))
def test_any_text_as_a_policy_parses_or_is_refused_in_japanese(seed_text, insertions):
    lines = seed_text.splitlines()
    for position, line in insertions:
        lines.insert(position % (len(lines) + 1), line)
    try:
        parse_policy("\n".join(lines))
    except PolicyParseError as exc:
        assert JAPANESE.search(str(exc)), str(exc)


@given(any_text)
def test_any_short_text_as_a_policy_is_refused_in_japanese(text):
    with pytest.raises(PolicyParseError) as caught:
        parse_policy(text)
    assert JAPANESE.search(str(caught.value))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=400), policy_lines), max_size=4))
def test_importing_any_policy_text_changes_nothing_unless_it_succeeds(plan_session, tmp_path_factory, seed_text, insertions):
    lines = seed_text.splitlines()
    for position, line in insertions:
        lines.insert(position % (len(lines) + 1), line)
    path = tmp_path_factory.mktemp("policy") / "policy.txt"
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
    before = fingerprint(plan_session)
    try:
        import_policy(plan_session, path, replace=True)
    except (PolicyImportError, PolicyParseError, StorageError) as exc:
        assert JAPANESE.search(str(exc)), str(exc)
        assert fingerprint(plan_session) == before
