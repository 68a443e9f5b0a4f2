"""Pasting what comes from Excel, broken files or a slip of the hand into the window's fields."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from hoshin_desktop.domain.text import MAX_FIELD_CHARS

from .helpers import stored_plan, wait_saved


def paste(qtbot, widget, text: str) -> None:
    QApplication.clipboard().setText(text)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_control_characters_and_nul_are_cleaned_not_saved(open_window, qtbot, data_dir):
    window = open_window()
    window.add_goal()
    field = window.panes.goal_editor.fields["actions"]
    paste(qtbot, field, "一行目\x0b二行目\x00\x07\ufffe・三行目\r\n四行目")
    wait_saved(qtbot, window)
    assert stored_plan(data_dir).goals[0].actions == "一行目\n二行目・三行目\n四行目"


def test_huge_paste_is_refused_with_a_message_and_the_old_text_kept(open_window, qtbot, alerts, data_dir):
    window = open_window()
    window.add_goal()
    field = window.panes.goal_editor.fields["title"]
    paste(qtbot, field, "残る目標")
    wait_saved(qtbot, window)
    field.selectAll()
    paste(qtbot, field, "あ" * (MAX_FIELD_CHARS + 10))
    wait_saved(qtbot, window)
    [(_kind, title, text)] = alerts.messages("warning")
    assert title == "入力できません" and "文字まで" in text
    assert stored_plan(data_dir).goals[0].title == "残る目標"
    window.add_goal()  # the window is still usable
    assert len(stored_plan(data_dir).goals) == 2
