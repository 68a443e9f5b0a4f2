"""Plan files version 3 and later: 確定, 指示事項 and each goal's reviews travel and round-trip exactly."""

from __future__ import annotations

import copy
import json
from datetime import datetime

import pytest

from hoshin_desktop.domain.cycle import Review
from hoshin_desktop.services import year_cycle as cycle
from hoshin_desktop.services.plan_files import PlanFileError, export_plan_file, import_plan, import_plan_file, parse_plan, plan_to_dict

from .export.conftest import sample_plan
from .test_year_cycle import review_findings


def raw(data) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


@pytest.fixture
def data() -> dict:
    """The sample plan as a file, with the year's records filled in; its goals have keys, as the app writes them."""
    data = plan_to_dict(sample_plan())
    for number, goal in enumerate(data["goals"]):
        goal["key"] = f"g{number:010x}"
    data["goals"][3]["directives"] = ["1(4)", "3(1)"]  # as stored: in code order
    data["goals"][0]["reviews"] = [
        {"stage": "interim", "mark": "○", "actual": "素案70%", "comment": "審議会に諮問", "reason": ""},
        {"stage": "final", "mark": "△", "actual": "素案のみ", "comment": "", "reason": "審議会の延期"}]
    data["goals"][3]["reviews"] = [{"stage": "interim", "mark": "", "actual": "", "comment": "集計中", "reason": ""}]
    data["locked"] = {"at": "2024-04-12T10:30:00", "revision": 2}
    data["instructions"] = [
        {"date": "2024-04-10", "by": "市長", "text": "市民に分かりやすく", "goal": "g0000000001", "directive": "1(1)",
         "due": "2024-09-30", "status": "in_progress", "response": "記念誌に章を設ける"},
        {"date": "2024-04-10", "by": "副市長", "text": "DXの効果を数字で", "goal": None, "directive": None,
         "due": None, "status": "open", "response": ""}]
    return data


def test_a_file_with_reviews_and_instructions_round_trips_exactly(session, data, tmp_path):
    import_plan(session, parse_plan(session, raw(data)))
    out = export_plan_file(session, 2024, "政策部", tmp_path / "out.json")
    written = json.loads(out.read_text(encoding="utf-8"))
    for key in ("sections", "interviewer", "updated_at"):  # the receiving folder's, as before
        written.pop(key), data.pop(key)
    assert written == data
    plan = session.load_plan(2024, "政策部")
    assert plan.lock.revision == 2 and plan.lock.locked_at == datetime(2024, 4, 12, 10, 30)
    assert plan.instructions[0].goal == plan.goals[1].id
    assert plan.goals[0].reviews[1] == Review("final", "△", "素案のみ", "", "審議会の延期")
    # the plan arrives fixed, and what was fixed is the file
    assert json.loads(session.plan_lock(2024, "政策部", with_snapshot=True).snapshot)["locked"]["revision"] == 2


def test_the_written_shape_is_the_documented_one(session, data):
    import_plan(session, parse_plan(session, raw(data)))
    written = plan_to_dict(session.load_plan(2024, "政策部"))
    assert list(written)[-7:] == ["locked", "instructions", "lineage", "history", "dropped", "predecessors", "handover"]
    assert list(written["instructions"][0]) == ["date", "by", "text", "goal", "directive", "due", "status", "response"]
    assert list(written["goals"][0]["reviews"][0]) == ["stage", "mark", "actual", "comment", "reason"]
    assert plan_to_dict(sample_plan())["locked"] is None and plan_to_dict(sample_plan())["lineage"] is None


def test_a_missed_goal_without_reason_is_carried_and_flagged_not_refused(session, data):
    data["goals"][0]["reviews"][1]["reason"] = ""
    plan = parse_plan(session, raw(data)).plan
    found = review_findings(plan, session)  # the 提出前の確認 flags it
    assert len(found) == 1 and "未達の理由" in found[0]


BAD = [
    (("goals", 0, "reviews", 0, "stage"), "midterm", "評価の段階は"),
    (("goals", 0, "reviews", 1, "stage"), "interim", "同じ段階（interim）の評価が2回"),
    (("goals", 0, "reviews", 0, "mark"), "☆", "評価「☆」は評価の一覧にありません"),
    (("goals", 0, "reviews", 0, "comment"), 3, "文字列でなければなりません"),
    (("locked", "at"), "4月12日", "日時として読めません（「4月12日」は日付として読めません）"),
    (("locked", "at"), None, "確定の日時（例: "),
    (("locked", "revision"), 0, "確定した版数は1以上"),
    (("locked", "revision"), 10_000, "確定した版数は1以上"),
    (("instructions", 0, "date"), "2024/02/30", "日付として読めません（2月30日という日はありません）"),
    (("instructions", 0, "date"), "", "日付として読めません（空です）"),
    (("instructions", 0, "by"), "", "指示者"),
    (("instructions", 0, "text"), " ", "指示事項の内容"),
    (("instructions", 0, "goal"), 99, "目標「99」はこの計画にありません"),
    (("instructions", 0, "goal"), True, "目標「true」はこの計画にありません"),
    (("instructions", 0, "goal"), "g0000000009", "目標「g0000000009」はこの計画にありません"),
    (("instructions", 0, "directive"), "9(9)", "基本方針に項目 9(9) はありません"),
    (("instructions", 0, "due"), "来月", "日付として読めません（「来月」は日付として読めません）"),
    (("instructions", 0, "status"), "closed", "対応状況は"),
]


@pytest.mark.parametrize("path, value, message", BAD, ids=[".".join(map(str, p)) for p, _v, _m in BAD])
def test_bad_values_are_named_and_nothing_is_stored(session, data, path, value, message):
    bad = copy.deepcopy(data)
    target = bad
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(PlanFileError) as error:
        parse_plan(session, raw(bad))
    assert any(message in problem for problem in error.value.problems), error.value.problems
    assert session.load_plan(2024, "政策部") is None


def test_version_2_files_are_still_read_and_keep_the_plans_instructions(session, data, tmp_path):
    import_plan(session, parse_plan(session, raw(data)), unlock=True)
    older = plan_to_dict(sample_plan())
    older["version"] = 2
    del older["locked"], older["instructions"]
    for goal in older["goals"]:
        del goal["key"]
    older["goals"][0]["reviews"] = [{"stage": "later"}]  # not a field of version 2: kept as it is
    path = tmp_path / "v2.json"
    path.write_text(json.dumps(older, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(cycle.PlanFixedError):
        import_plan_file(session, path)
    import_plan_file(session, path, unlock=True)
    plan = session.load_plan(2024, "政策部")
    assert [i.text for i in plan.instructions] == ["市民に分かりやすく", "DXの効果を数字で"]
    assert plan.goals[0].reviews == [] and plan.goals[0].extra == {"reviews": [{"stage": "later"}]}
    assert plan.lock is None


def test_version_1_file_is_read(session):
    older = plan_to_dict(sample_plan())
    older["version"] = 1
    for key in ("sections", "interviewer", "updated_at", "locked", "instructions"):
        del older[key]
    for goal in older["goals"]:
        del goal["key"]
    plan = parse_plan(session, raw(older)).plan
    assert len(plan.goals) == 5 and plan.instructions == [] and plan.lock is None
    assert session.plan_stamp(2024, "政策部") is None
