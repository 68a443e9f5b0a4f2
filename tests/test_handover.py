"""事務引継ぎ: notes kept per year through undoable operations, carried in plan files (version 4), shown once
to whoever receives the plan, and the handover document of a plan with reviews and 指示事項."""

from __future__ import annotations

import json
from datetime import date

import docx
import pytest

from hoshin_desktop.domain.cycle import Instruction, Review
from hoshin_desktop.services.change import Change
from hoshin_desktop.services.handover import arrival_text, department_report, export_handover, open_first
from hoshin_desktop.services.plan_files import dumps, import_plan, parse_plan, plan_to_dict
from hoshin_desktop.services.session import Session

from .benchmarks.city import add_years, make_plan
from .export.conftest import docx_text


@pytest.fixture
def reviewed(session):
    """政策部 2024: eight goals reviewed (two missed at 年度末), three 指示事項, notes on the plan and a goal."""
    session.store_plan(make_plan(session, 2024, "政策部", 8))
    editor = session.editor(2024, "政策部")
    goals = [goal.id for goal in editor.plan.goals]
    for goal, mark in zip(goals, ("◎", "○", "△", "×")):
        editor.set_review(goal, Review("interim", mark, comment="中間の進捗"))
    editor.set_review(goals[2], Review("final", "△", "素案まで", "素案を作成した", "審議会が延期されたため"))
    editor.set_review(goals[3], Review("final", "×", reason="国の制度改正待ち"))
    editor.add_instruction(Instruction(date(2024, 4, 10), "副市長", "訓練計画を見直すこと", status="done", response="9月に見直した"))
    editor.add_instruction(Instruction(date(2024, 4, 10), "市長", "オンライン申請の進捗を毎月報告すること", goal=goals[0]))
    editor.add_instruction(Instruction(date(2024, 4, 12), "市長", "人材育成の方針を示すこと", status="in_progress"))
    editor.set_handover_notes("＊審議会の答申は来年度前半に予定。\n・委員の任期は6月まで")
    editor.set_goal_handover_note(goals[2], "会長と直接日程を調整すること。")
    return editor


def test_notes_are_undo_steps_also_on_a_fixed_plan(reviewed, session):
    editor = reviewed
    editor.fix()
    editor.set_handover_notes("確定したあとで書いたメモ")
    assert session.load_plan(2024, "政策部").handover.notes == "確定したあとで書いたメモ"
    assert editor.undo_label == "引継ぎメモの編集"
    editor.undo()
    assert session.load_plan(2024, "政策部").handover.notes.startswith("＊審議会の答申")
    assert editor.plan.handover.notes.startswith("＊審議会の答申")  # the plan in memory follows the undo


def test_a_goals_note_goes_with_the_goal_and_comes_back_with_it(reviewed, session):
    editor = reviewed
    goal = editor.plan.goals[2].id
    editor.delete_goal(goal)
    assert session.load_plan(2024, "政策部").handover.goal_notes == {}
    editor.undo()
    assert session.load_plan(2024, "政策部").handover.goal_notes == {goal: "会長と直接日程を調整すること。"}
    assert editor.plan.handover.goal_note(goal) == "会長と直接日程を調整すること。"


def test_notes_are_kept_per_year(reviewed, session):
    add_years(session, 2)
    session.editor(2025, "政策部").set_handover_notes("翌年度のメモ")
    assert session.load_plan(2024, "政策部").handover.notes.startswith("＊審議会")
    assert session.load_plan(2025, "政策部").handover.notes == "翌年度のメモ"


def test_plan_files_carry_the_notes_and_the_receiver_sees_them_once(reviewed, session, tmp_path):
    data = plan_to_dict(session.load_plan(2024, "政策部"))
    assert data["version"] == 4 and data["handover"] == {"notes": "＊審議会の答申は来年度前半に予定。\n・委員の任期は6月まで"}
    assert [g.get("handover") for g in data["goals"]][2] == "会長と直接日程を調整すること。"
    receiver = Session.open(tmp_path / "arriving")
    try:
        plan_file = parse_plan(receiver, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        import_plan(receiver, plan_file)
        arrived = receiver.load_plan(2024, "政策部")
        assert arrived.handover.arrived and arrived.handover.notes.startswith("＊審議会")
        assert list(arrived.handover.goal_notes.values()) == ["会長と直接日程を調整すること。"]
        assert dumps(arrived) == dumps(session.load_plan(2024, "政策部"))  # nothing of the seen-ness travels
        editor = receiver.editor(2024, "政策部")
        assert editor.acknowledge_handover().handover and editor.undo_label is None  # no undo step
        assert not receiver.load_plan(2024, "政策部").handover.arrived
        assert editor.acknowledge_handover() == Change()
    finally:
        receiver.close()


def test_an_older_plan_file_keeps_the_notes_held_here(reviewed, session):
    data = plan_to_dict(session.load_plan(2024, "政策部"))
    data["version"] = 3  # as a version 3 app wrote it: goals by their place, none of version 4's fields
    place = {goal.pop("key"): i for i, goal in enumerate(data["goals"])}
    for item in data["instructions"]:
        item["goal"] = place.get(item["goal"])
    for name in ("handover", "history", "dropped", "predecessors"):
        del data[name]
    for goal in data["goals"]:
        goal.pop("handover", None)
    import_plan(session, parse_plan(session, json.dumps(data, ensure_ascii=False).encode("utf-8")))
    held = session.load_plan(2024, "政策部").handover
    assert held.notes.startswith("＊審議会") and not held.arrived


def test_the_handover_document_holds_the_year(reviewed, session, tmp_path):
    add_years(session, 2)
    next_editor = session.editor(2025, "政策部")
    next_editor.carry_over(session.load_plan(2024, "政策部"))
    next_editor.set_answer("1(1)", "＊新しい年度の方針を書き始めた。")
    path = export_handover(session, 2024, "政策部", tmp_path / "handover.docx")
    text = docx_text(path)
    assert "令和6年度　政策部　事務引継書" in text
    assert "＊審議会の答申は来年度前半に予定。" in text and "会長と直接日程を調整すること。" in text
    assert "△ 一部未達" in text and "審議会が延期されたため" in text and "国の制度改正待ち" in text
    assert "○ 概ね達成" in text  # no year-end yet: the 中間確認
    assert "令和7年度に引き継いだ目標" in text and "＊新しい年度の方針を書き始めた。" in text
    assert "部の方針がまだない項目" in text
    statuses = [p.text for p in _table_after(path, "指示日・指示者")]
    assert statuses == ["未対応", "対応中", "対応済み"]  # open ones first


def _table_after(path, header: str):
    """The first column's cells of the table whose header row holds ``header``."""
    for table in docx.Document(str(path)).tables:
        if any(cell.text == header for cell in table.rows[0].cells):
            return [row.cells[0].paragraphs[0] for row in table.rows[1:]]
    raise AssertionError(f"no table with {header}")


def test_without_next_year_the_document_says_so(reviewed, session):
    report = department_report(session, 2024, "政策部", date(2025, 3, 20))
    part = next(p for p in report.parts if p.heading.startswith("4"))
    assert part.paragraphs == ("令和7年度の基本方針はまだ取り込まれていないため、令和7年度の計画はまだ作成できません。",)
    assert report.date == "令和7年3月20日"


def test_the_arriving_person_is_shown_the_notes_and_what_is_open(reviewed):
    text = arrival_text(reviewed.plan, reviewed.session.review_marks())
    assert "＊審議会の答申は来年度前半に予定。" in text and "会長と直接日程を調整すること。" in text
    assert "未完了の指示事項 2件" in text and "訓練計画を見直すこと" not in text
    assert "△ 一部未達（年度末評価）" in text and "× 未達（年度末評価）" in text


def test_open_first_keeps_the_order_within_a_status():
    items = [Instruction(date(2024, 4, 1), "市長", text, status=status)
             for text, status in (("a", "done"), ("b", "open"), ("c", "in_progress"), ("d", "open"))]
    assert [i.text for i in open_first(items)] == ["b", "d", "c", "a"]
