"""Goals keep one key wherever they go (plan files, other PCs, next year), and files name goals by it
or by the printed number a person reads on the paper (version 4); version 3 files are read as before."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from hoshin_desktop.domain.cycle import Instruction
from hoshin_desktop.domain.models import Goal
from hoshin_desktop.domain.numbering import goal_numbers
from hoshin_desktop.services.plan_files import PlanFileError, export_plan_file, import_plan_file, parse_plan
from hoshin_desktop.services.session import Session

from .export.conftest import sample_plan
from .test_plan_file_lineage import carried_folder, policy_file  # noqa: F401 (a fixture)


def raw(data) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def stored_sample(session: Session):
    """The sample plan stored, with a 指示事項 on its second goal in the file's order."""
    session.store_plan(sample_plan())
    editor = session.editor(2024, "政策部")
    target = editor.plan.goals[1]
    editor.add_instruction(Instruction(date(2024, 4, 10), "市長", "成果を分かりやすく", goal=target.id))
    return editor.plan, target


def test_every_stored_goal_has_its_own_key_and_a_copy_gets_another(session):
    plan, _ = stored_sample(session)
    keys = [goal.key for goal in plan.goals]
    assert all(keys) and len(set(keys)) == len(keys)
    editor = session.editor(2024, "政策部")
    copy = editor.duplicate_goal(plan.goals[0].id).select
    added = editor.add_goal().select
    held = session.load_plan(2024, "政策部")
    assert held.goal(copy).key not in keys and held.goal(added).key not in keys + [held.goal(copy).key]
    assert [goal.key for goal in held.goals if goal.id not in (copy, added)] == keys  # the others keep theirs


def test_keys_and_the_goal_a_instruction_names_travel_to_another_pc(tmp_path):
    sender = Session.open(tmp_path / "sender")
    plan, target = stored_sample(sender)
    path = export_plan_file(sender, 2024, "政策部", tmp_path / "plan.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 4 and [g["key"] for g in data["goals"]] == [g.key for g in plan.goals]
    assert data["instructions"][0]["goal"] == target.key
    receiver = Session.open(tmp_path / "receiver")
    receiver.store_plan(sample_plan())  # other ids on the receiving PC
    import_plan_file(receiver, path)
    held = receiver.load_plan(2024, "政策部")
    assert [g.key for g in held.goals] == [g.key for g in plan.goals]
    assert held.goal(held.instructions[0].goal).title == target.title
    sender.close()
    receiver.close()


def test_a_carried_goal_keeps_its_key_into_next_year(tmp_path, policy_file):  # noqa: F811
    session = carried_folder(tmp_path / "data", policy_file)
    last_year = session.load_plan(2024, "政策部")
    this_year = session.load_plan(2025, "政策部")
    carried = {fate.key: fate.successor for fate in this_year.lineage.fates if fate.direction in ("継続", "拡充")}
    assert carried and all(this_year.goal(successor).key == key for key, successor in carried.items())
    assert {fate.key for fate in this_year.lineage.fates} == {goal.key for goal in last_year.goals}
    session.close()


@pytest.mark.parametrize("written", ["No.2", "ｎｏ．２", "２", 2, " No. 2 "])
def test_a_person_may_name_a_goal_by_its_printed_number(session, written):
    data = json.loads(_sample_file())
    data["instructions"] = [{"date": "2024-04-10", "by": "市長", "text": "確認すること", "goal": written,
                             "status": "open"}]
    plan = parse_plan(session, raw(data)).plan
    assert goal_numbers(plan)[plan.instructions[0].goal] == "2"


def test_a_section_goal_is_named_by_its_printed_number_too(session):
    data = json.loads(_sample_file())
    plan = parse_plan(session, raw(data)).plan
    number, goal = next((n, g) for g_id, n in goal_numbers(plan).items() if "-" in n for g in [plan.goal(g_id)])
    data["instructions"] = [{"date": "2024-04-10", "by": "市長", "text": "確認", "goal": f"No.{number}", "status": "open"}]
    assert parse_plan(session, raw(data)).plan.instructions[0].goal == goal.id


@pytest.mark.parametrize("written, named", [("No.9", "No.9"), ("gnone", "gnone"), ("1(2)", "1(2)"), (0, "0")])
def test_a_goal_that_is_not_there_is_named(session, written, named):
    data = json.loads(_sample_file())
    data["instructions"] = [{"date": "2024-04-10", "by": "市長", "text": "確認", "goal": written, "status": "open"}]
    with pytest.raises(PlanFileError) as caught:
        parse_plan(session, raw(data))
    assert any(f"目標「{named}」はこの計画にありません" in problem for problem in caught.value.problems), caught.value.problems


def test_a_goal_copied_by_hand_with_its_key_gets_a_new_key_and_the_import_says_so(session):
    data = json.loads(_sample_file())
    data["goals"].append(dict(data["goals"][0], title="写して足した目標"))
    plan_file = parse_plan(session, raw(data))
    assert plan_file.plan.goals[0].key == data["goals"][0]["key"] and plan_file.plan.goals[-1].key == ""
    assert any("2つの目標にあったため" in warning for warning in plan_file.warnings)
    session.store_plan(plan_file.plan)
    keys = [goal.key for goal in session.load_plan(2024, "政策部").goals]
    assert len(set(keys)) == len(keys) and all(keys)


def test_a_version_3_file_names_goals_by_their_place(session):
    data = json.loads(_sample_file())
    data["version"] = 3
    for goal in data["goals"]:
        del goal["key"]
    data["instructions"] = [{"date": "2024-04-10", "by": "市長", "text": "確認", "goal": 1, "status": "open"}]
    plan = parse_plan(session, raw(data)).plan
    assert plan.goal(plan.instructions[0].goal).title == data["goals"][1]["title"]
    data["goals"][0]["key"] = "gkept"  # not a field of version 3: kept as written, not read
    assert parse_plan(session, raw(data)).plan.goals[0].extra == {"key": "gkept"}


def test_last_years_goal_named_by_its_printed_number_is_found(tmp_path, policy_file):  # noqa: F811
    sender = carried_folder(tmp_path / "sender", policy_file)
    last_year = sender.load_plan(2024, "政策部")
    numbers = goal_numbers(last_year)
    this_year = export_plan_file(sender, 2025, "政策部", tmp_path / "r7.json")
    data = json.loads(this_year.read_text(encoding="utf-8"))
    by_key = {goal.key: goal for goal in last_year.goals}
    for fate in data["lineage"]["fates"]:  # a person writes the number printed on last year's paper
        fate["goal"] = f"No.{numbers[by_key[fate['goal']].id]}"
        fate["title"] = ""
    this_year.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = import_plan_file(sender, this_year)
    assert result.warnings == []
    fates = sender.load_plan(2025, "政策部").lineage.fates
    assert sorted((by_key[f.key].title, f.direction) for f in fates) == sorted(
        (g.title, d) for g, d in zip(last_year.goals, ["拡充", "完了", "継続", "統合", "廃止"]))
    sender.close()


def test_goals_stored_before_keys_get_one_each_when_the_data_is_opened(data_dir):
    data_dir.mkdir(parents=True)
    shutil.copy(Path(__file__).parent / "samples" / "schema_0006.db", data_dir / "hoshin.db")
    session = Session.open(data_dir)
    keys = [goal.key for goal in session.load_plan(2024, "政策部").goals]
    assert len(keys) == 2 and all(key.startswith("g") and len(key) == 11 for key in keys) and keys[0] != keys[1]
    session.close()


def _sample_file() -> str:
    plan = sample_plan()
    for n, goal in enumerate(plan.goals):
        goal.key = f"gkey{n}"
    from hoshin_desktop.services.plan_files import dumps

    return dumps(plan)


def test_goal_keys_never_look_like_a_printed_number():
    from hoshin_desktop.domain.models import new_goal_key
    from hoshin_desktop.services.plan_file_keys import printed_number

    assert all(printed_number(new_goal_key()) is None for _ in range(200))
    assert Goal().key == ""
