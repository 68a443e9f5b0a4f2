"""The cover's fields (date, 版, signers, preamble) are made when a folded cover is first opened:
opened by the user, they take what is typed, join the Tab order, and follow a fixed plan."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from hoshin_desktop.services.session import Session

from .helpers import stored_plan, type_text, wait_saved
from .plans import write_plan


def _folded_window(open_window, data_dir):
    write_plan(data_dir, goals=2)  # signers written: the cover opens folded
    window = open_window()
    header = window.panes.header
    assert not header.toggle.isChecked()
    assert header.findChildren(QPlainTextEdit) == []  # not made yet: the preamble field does not exist
    return window, header


def test_a_folded_cover_opened_by_the_user_takes_typing_and_tab(open_window, qtbot, data_dir):
    window, header = _folded_window(open_window, data_dir)
    qtbot.mouseClick(header.toggle, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(header.preamble.isVisible)
    assert window.actions.fold_header.isChecked()
    assert [s.text() for s in header.signers.fields()] == ["政策部長", "山田 太郎", "担当部長", "鈴木 花子"]
    header.toggle.setFocus()
    qtbot.keyClick(header.toggle, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is header.date_edit  # the fields joined the reading order
    header.revision.setFocus()
    qtbot.keyClick(header.revision, Qt.Key.Key_Up)
    header.preamble.setFocus()
    header.preamble.selectAll()
    type_text(qtbot, header.preamble, "前文を書き換えた。")
    wait_saved(qtbot, window)
    plan = stored_plan(data_dir)
    assert plan.revision == 2 and plan.preamble == "前文を書き換えた。"
    qtbot.mouseClick(header.toggle, Qt.MouseButton.LeftButton)
    assert not header.preamble.isVisible() and "第2版" in header.summary.text()


def test_a_folded_cover_of_a_fixed_plan_opens_read_only(open_window, qtbot, data_dir):
    write_plan(data_dir, goals=2)
    session = Session.open(data_dir)
    session.editor(2024, "政策部").fix()
    session.close()
    window = open_window()
    header = window.panes.header
    assert header.findChildren(QPlainTextEdit) == []
    window.actions.fold_header.trigger()  # 表示 → 表紙の欄を表示
    qtbot.waitUntil(header.preamble.isVisible)
    assert header.preamble.isReadOnly() and header.revision.isReadOnly() and header.date_edit.isReadOnly()
    assert not header.signers.add_button.isEnabled()
    before = stored_plan(data_dir).preamble
    header.preamble.setFocus()
    qtbot.keyClicks(header.preamble, "abc")
    window.commit_edits()
    assert header.preamble.toPlainText() == before and stored_plan(data_dir).preamble == before
