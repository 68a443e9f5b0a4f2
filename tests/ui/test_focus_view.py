"""A field that takes focus comes into view: F6 to 「部の方針」 under an open cover, a field reached
by the app (a new goal's title), a long text whose caret is far down."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from .helpers import shown_in, stored_plan, type_text, wait_saved
from .plans import write_plan

LAPTOP = (1366, 705)  # a maximised window on a 1366×768 screen


def test_f6_to_the_answer_under_the_open_cover_shows_it_and_typing_lands_there(open_window, data_dir, qtbot):
    write_plan(data_dir, goals=2)
    window = open_window(size=LAPTOP)
    window.panes.header.set_open(True)
    window.panes.tree.select_directive("1(3)")
    scroll, answer = window.panes.document_scroll, window.panes.answer_panel.answer
    scroll.verticalScrollBar().setValue(0)  # the cover at the top: the answer is below the fold
    assert not shown_in(scroll, answer)
    window.panes.tree.setFocus()
    qtbot.waitUntil(window.panes.tree.hasFocus)
    qtbot.keyClick(window.panes.tree, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is answer
    qtbot.waitUntil(lambda: shown_in(scroll, answer))
    type_text(qtbot, answer, "＊物価高騰対策を進める。")
    wait_saved(qtbot, window)
    assert stored_plan(data_dir).answer("1(3)") == "＊物価高騰対策を進める。"
    assert shown_in(scroll, answer)


def test_every_field_of_the_goal_form_comes_into_view_when_it_takes_focus(open_window, data_dir, qtbot):
    goals = write_plan(data_dir, goals=2)
    window = open_window(size=LAPTOP)
    window.text_size.set_percent(150)  # a form of one column, longer than the area
    window.select_goal(goals[0])
    scroll, editor = window.panes.goal_scroll, window.panes.goal_editor
    bar = scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    for widget in [*editor.fields.values(), *editor.sections.boxes(), editor.parent_combo]:
        bar.setValue(0 if bar.value() == bar.maximum() else bar.maximum())  # away from it, one way or the other
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        qtbot.waitUntil(lambda w=widget: shown_in(scroll, w) or _caret_shown(scroll, w), timeout=1000)


def test_the_caret_of_a_text_taller_than_the_form_is_kept_in_view(open_window, data_dir, qtbot, session):
    editor = session.editor(2024, "政策部")
    goal = editor.add_goal().select
    editor.set_goal_field(goal, "actions", "\n".join(f"・取組その{n}: 手続のオンライン化を進める" for n in range(1, 40)))
    session.close()
    window = open_window(size=LAPTOP)
    window.select_goal(goal)
    field = window.panes.goal_editor.fields["actions"]
    cursor = field.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    field.setTextCursor(cursor)
    field.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: _caret_shown(window.panes.goal_scroll, field), timeout=1000)


def _caret_shown(scroll, field) -> bool:
    """Is the caret's line of a text field inside the visible part of the scroll area?"""
    if not hasattr(field, "cursorRect"):
        return False
    rect = field.cursorRect()
    top = field.viewport().mapTo(scroll.viewport(), rect.topLeft()) if hasattr(field, "viewport") else \
        field.mapTo(scroll.viewport(), rect.topLeft())
    return 0 <= top.y() and top.y() + rect.height() <= scroll.viewport().height()


def test_the_view_and_the_caret_are_found_without_asking_qt_for_a_viewport(open_window, data_dir, qtbot):
    """focus_view measures from the scroll area (a viewport handed to Python costs the start 65 widget
    types): what it finds is what the viewport says."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QAbstractScrollArea, QPlainTextEdit, QScrollArea, QWidget

    from hoshin_desktop.ui import focus_view

    goals = write_plan(data_dir, goals=2)
    window = open_window(size=LAPTOP)
    window.text_size.set_percent(150)  # the form longer than its area
    window.select_goal(goals[0])
    both = QScrollArea(window)  # and one that scrolls both ways
    content = QWidget()
    content.setMinimumSize(2000, 2000)
    both.setWidget(content)
    both.setGeometry(0, 0, 300, 200)
    both.show()
    qtbot.waitUntil(lambda: window.panes.goal_scroll.verticalScrollBar().isVisible() and both.horizontalScrollBar().isVisible())
    areas = [a for a in window.findChildren(QAbstractScrollArea) if a.isVisible()]
    for area in areas:
        assert focus_view.view_size(area) == area.viewport().size(), area.accessibleName()
    for field in [f for f in areas if isinstance(f, QPlainTextEdit)]:
        field.moveCursor(field.textCursor().MoveOperation.End)
        rect = field.cursorRect()
        assert focus_view._caret(field) == QRect(field.viewport().mapTo(field, rect.topLeft()), rect.size())
