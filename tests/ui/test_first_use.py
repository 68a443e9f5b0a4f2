"""First start (which 部, 「はじめに」), the text size of the whole window, the large editor."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from hoshin_desktop.services.session import Session
from hoshin_desktop.ui import alerts, first_run
from hoshin_desktop.ui.screen_fit import COVER_KEY
from hoshin_desktop.ui.settings import settings

from .helpers import directive_row, goal_row, shown_in, stored_plan, wait_saved
from .plans import write_plan

CTRL = Qt.KeyboardModifier.ControlModifier


def test_first_start_asks_for_the_department_once_and_opens_its_plan(open_window, monkeypatch):
    settings().remove(first_run.DONE_KEY)
    shown = []

    def answer(dialog):
        shown.append([label.text() for label in dialog.findChildren(QLabel)])
        dialog.department.setCurrentText("福祉部")
        return True

    monkeypatch.setattr(alerts, "run_dialog", answer)
    window = open_window()
    assert len(shown) == 1
    texts = "".join(shown[0])
    for step in ("方針を書く", "目標を追加", "関連付け", "書き出し"):
        assert step in texts
    assert window.editor.plan.department == "福祉部"
    assert settings().value(first_run.DEPARTMENT_KEY) == "福祉部"
    window.close()
    again = open_window()
    assert len(shown) == 1  # not asked again
    assert again.editor.plan.department == "福祉部"


def test_the_first_start_chooses_no_department_for_the_user(open_window, monkeypatch, qtbot):
    """Nothing is preselected: Enter at once starts nothing; the 部 picked with the keys opens."""
    settings().remove(first_run.DONE_KEY)
    seen = []

    def answer(dialog):
        dialog.show()
        qtbot.waitExposed(dialog)
        seen.append((dialog.department.currentText(), dialog.start.isEnabled()))
        qtbot.keyClick(dialog.department, Qt.Key.Key_Return)
        seen.append(dialog.result())
        dialog.department.setFocus()
        qtbot.keyClick(dialog.department, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.department, Qt.Key.Key_Down)
        qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(alerts, "run_dialog", answer)
    window = open_window()
    assert seen == [("", False), 0]
    assert window.editor.plan.department == "総務部"
    assert settings().value(first_run.DEPARTMENT_KEY) == "総務部"


def test_the_first_start_offers_the_one_department_whose_plan_the_data_holds(open_window, data_dir, monkeypatch):
    session = Session.open(data_dir)  # 福祉部's plan, as in data copied from its PC
    try:
        session.editor(2024, "福祉部").add_goal()
    finally:
        session.close()
    settings().remove(first_run.DONE_KEY)
    offered = []
    monkeypatch.setattr(alerts, "run_dialog", lambda dialog: offered.append(dialog.department.currentText()) or True)
    window = open_window()
    assert offered == ["福祉部"] and window.editor.plan.department == "福祉部"


def test_closing_the_first_start_screen_still_opens_a_plan_and_is_not_asked_again(open_window, monkeypatch):
    settings().remove(first_run.DONE_KEY)
    monkeypatch.setattr(alerts, "run_dialog", lambda dialog: False)
    window = open_window()
    assert window.editor is not None
    assert not first_run.needed(settings())


def test_help_welcome_switches_to_the_chosen_department(open_window, monkeypatch):
    window = open_window()
    monkeypatch.setattr(alerts, "run_dialog", lambda dialog: dialog.department.setCurrentText("総務部") or True)
    window.actions.welcome.trigger()
    assert window.editor.plan.department == "総務部"


def test_text_size_follows_ctrl_plus_minus_zero_and_is_remembered(open_window, qtbot):
    window = open_window()
    app = QApplication.instance()
    base = app.font().pointSizeF()
    field = window.panes.answer_panel.answer
    qtbot.keyClick(window.panes.tree, Qt.Key.Key_Plus, CTRL)
    assert app.font().pointSizeF() > base
    qtbot.waitUntil(lambda: field.font().pointSizeF() == app.font().pointSizeF())
    assert window.panes.goal_list.font().pointSizeF() == app.font().pointSizeF()
    assert "110%" in window.text_size.reset.text()
    qtbot.keyClick(window.panes.tree, Qt.Key.Key_Plus, CTRL)
    larger = app.font().pointSizeF()
    window.close()
    again = open_window()
    assert app.font().pointSizeF() == larger  # remembered
    qtbot.keyClick(again.panes.tree, Qt.Key.Key_Minus, CTRL)
    assert base < app.font().pointSizeF() < larger
    qtbot.keyClick(again.panes.tree, Qt.Key.Key_0, CTRL)
    assert app.font().pointSizeF() == base
    assert int(settings().value("view/textSize")) == 100


def test_f2_opens_the_large_editor_and_its_text_is_saved_like_typing(open_window, qtbot, data_dir, monkeypatch):
    ids = write_plan(data_dir, goals=2)
    window = open_window()
    window.select_goal(ids[0])
    field = window.panes.goal_editor.fields["actions"]
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    seen = []

    def edit(dialog):
        seen.append((dialog.windowTitle(), dialog.text()))
        dialog.editor.setPlainText(dialog.text() + "\n・大きな画面で足した行")
        return True

    monkeypatch.setattr(alerts, "run_dialog", edit)
    qtbot.keyClick(field, Qt.Key.Key_F2)
    assert seen and "取組内容" in seen[0][0]
    assert field.toPlainText().endswith("・大きな画面で足した行")
    wait_saved(qtbot, window)
    assert stored_plan(data_dir).goals[0].actions.endswith("・大きな画面で足した行")
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)  # one typed change in the field: one Ctrl+Z
    assert not field.toPlainText().endswith("・大きな画面で足した行")


def test_cancelling_the_large_editor_changes_nothing(open_window, qtbot, data_dir, monkeypatch):
    ids = write_plan(data_dir, goals=2)
    window = open_window()
    window.select_goal(ids[0])
    field = window.panes.goal_editor.fields["background"]
    before = field.toPlainText()
    monkeypatch.setattr(alerts, "run_dialog", lambda dialog: dialog.editor.setPlainText("x") and False)
    button = field.parentWidget().findChild(type(window.panes.goal_editor.blocks["actions"]._large_button()), "largeButton")
    assert button is not None
    button.click()
    assert field.toPlainText() == before
    assert window.actions.undo.text() != "元に戻す: 入力"


def test_reopening_returns_to_the_goal_and_directive_the_user_left(open_window, data_dir, qtbot):
    ids = write_plan(data_dir, goals=3)
    window = open_window(size=(1366, 768))
    assert window.panes.goal_list.current_goal_id() == ids[0] and window.panes.tree.current_code() == "1(1)"
    for widget, index in ((window.panes.goal_list, goal_row(window.panes.goal_list, ids[3])),
                          (window.panes.tree, window.panes.tree.indexFromItem(directive_row(window.panes.tree, "2(1)")))):  # with the mouse
        widget.scrollTo(index)
        qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=widget.visualRect(index).center())
    assert window.panes.answer_panel.code == "2(1)"
    window.close()
    settings().setValue(COVER_KEY, True)  # the cover left open: 2(1)'s 部の方針 is below it
    again = open_window(size=(1366, 768))
    assert again.panes.header.toggle.isChecked()
    assert again.panes.goal_list.current_goal_id() == ids[3]
    assert again.panes.goal_editor.fields["title"].toPlainText() == stored_plan(data_dir).goal(ids[3]).title
    assert again.panes.tree.current_code() == "2(1)" and again.panes.answer_panel.code == "2(1)"
    assert shown_in(again.panes.document_scroll, again.panes.answer_panel.answer)


def test_a_goal_deleted_since_is_passed_over_on_reopening(open_window, data_dir, qtbot):
    ids = write_plan(data_dir, goals=3)
    window = open_window()
    window.select_goal(ids[3])
    window.close()
    session = Session.open(data_dir)
    session.editor(2024, "政策部").delete_goal(ids[3])
    session.close()
    again = open_window()
    assert again.panes.goal_list.current_goal_id() == ids[0]
