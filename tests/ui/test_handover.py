"""ファイル → 事務引継ぎ: notes typed in the panel are stored and undoable, the document is written, and the
person who receives the plan file is shown the handover once."""

from __future__ import annotations

import re
from datetime import date

import docx
from PySide6.QtWidgets import QPushButton

from hoshin_desktop.domain.cycle import Instruction, Review
from hoshin_desktop.services.plan_files import export_plan_file
from hoshin_desktop.services.session import Session

from .helpers import stored_plan, type_text
from .plans import write_plan


def _button(panel, text: str) -> QPushButton:
    return next(b for b in panel.findChildren(QPushButton) if b.text() == text)


def test_notes_typed_in_the_panel_are_stored_and_undone(open_window, alerts, qtbot, data_dir):
    ids = write_plan(data_dir, goals=3)
    window = open_window()
    window.adoption.handover.trigger()
    panel = window.adoption.handover_panel
    assert panel.isVisible() and panel.goals.count() == 4
    panel.notes.setFocus()
    type_text(qtbot, panel.notes, "委員の任期は6月まで")
    qtbot.waitUntil(lambda: stored_plan(data_dir).handover.notes == "委員の任期は6月まで", timeout=3000)
    panel.goals.setCurrentRow(1)
    chosen = panel.goal_id
    assert chosen in ids
    panel.goal_note.setFocus()
    type_text(qtbot, panel.goal_note, "会長と調整")
    panel.close()  # closing stores what was typed at once
    assert stored_plan(data_dir).handover.goal_notes == {chosen: "会長と調整"}
    assert window.actions.undo.isEnabled()
    window.actions.undo.trigger()
    assert stored_plan(data_dir).handover.goal_notes == {}
    assert stored_plan(data_dir).handover.notes == "委員の任期は6月まで"


def test_the_handover_document_is_written_from_the_panel(open_window, alerts, qtbot, data_dir, tmp_path):
    write_plan(data_dir, goals=2)
    session = Session.open(data_dir)
    editor = session.editor(2024, "政策部")
    editor.set_review(editor.plan.goals[0].id, Review("final", "×", reason="予算が付かなかった"))
    editor.set_handover_notes("引継ぎの本文")
    session.close()
    target = tmp_path / "引継書.docx"
    alerts.answers["save_path"] = [target]
    window = open_window()
    window.adoption.handover.trigger()
    _button(window.adoption.handover_panel, "Word に書き出し…").click()
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "令和6年度　政策部　事務引継書" in text and "引継ぎの本文" in text
    cells = "\n".join(cell.text for table in docx.Document(str(target)).tables for row in table.rows for cell in row.cells)
    assert "予算が付かなかった" in cells


def test_the_person_arriving_sees_the_handover_once(open_window, alerts, qtbot, data_dir, tmp_path):
    leaving = Session.open(tmp_path / "leaving")
    editor = leaving.editor(2024, "政策部")
    goal = editor.add_goal().select
    editor.set_goal_field(goal, "title", "審議会の運営")
    editor.add_instruction(Instruction(date(2024, 4, 10), "市長", "答申の時期を報告すること"))
    editor.set_handover_notes("審議会の答申は来年度前半の予定です。")
    plan_file = export_plan_file(leaving, 2024, "政策部", tmp_path / "政策部.json")
    leaving.close()
    alerts.answers["open_path"] = [plan_file]
    window = open_window()
    window.actions.import_file.trigger()
    qtbot.waitUntil(lambda: bool(alerts.messages("info")), timeout=3000)
    [(_kind, title, text)] = alerts.messages("info")
    assert title == "前任の方からの引継ぎ"
    assert "審議会の答申は来年度前半の予定です。" in text and "答申の時期を報告すること" in text
    assert not stored_plan(data_dir).handover.arrived
    window.open_plan(2024, "総務部")
    window.open_plan(2024, "政策部")
    qtbot.wait(50)
    assert len(alerts.messages("info")) == 1  # once


def test_the_year_summary_is_written_as_the_kind_chosen(open_window, alerts, data_dir, tmp_path):
    """ファイル → 年度末の評価の集計を書き出し: the file kind follows the name the user gives (.xlsx here)."""
    from openpyxl import load_workbook

    ids = write_plan(data_dir, goals=2)
    session = Session.open(data_dir)
    session.editor(2024, "政策部").set_review(ids[0], Review("final", "△", reason="延期した"))
    session.close()
    target = tmp_path / "集計.xlsx"
    alerts.answers["save_path"] = [target]
    window = open_window()
    window.adoption.year_summary.trigger()
    sheets = load_workbook(target).worksheets
    assert [cell.value for cell in sheets[2][2]][3:] == ["△ 一部未達", "延期した"]


def test_the_file_menu_holds_the_new_items_where_they_belong(open_window):
    window = open_window()
    menu = next(a.menu() for a in window.menuBar().actions() if a.menu() and window.actions.import_file in a.menu().actions())
    names = [re.sub(r"\(&.\)", "", a.text()) for a in menu.actions() if a.text()]  # without the access keys
    assert names.index("Word 文書から取り込み…") == names.index("計画ファイルの取り込み…") + 1
    assert names.index("年度末の評価の集計を書き出し…") == names.index("すべての部をまとめて書き出し…") + 1
    assert names.index("事務引継ぎ…") == names.index("年度末の評価の集計を書き出し…") + 1
