"""Gestures a user makes, written once: drag a directive onto a goal, click a checkbox, wait for autosave."""

from __future__ import annotations

import warnings
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

from hoshin_desktop.services.session import Session


def wait_saved(qtbot, window, timeout: int = 1500) -> None:
    """Autosave must have written everything within about a second of the last keystroke
    (the status bar stops saying 「入力中…」)."""
    qtbot.waitUntil(lambda: window.keeper.save_state.text() != "入力中…", timeout=timeout)


def disk_full_until_freed(window, monkeypatch, data_dir: Path) -> list[bool]:
    """Make every write of a goal's text fail as a full disk does, until the returned flag's [0] is
    set False (space freed)."""
    from hoshin_desktop.storage.errors import DiskFull

    full = [True]
    original = window.editor.set_goal_field

    def full_until_freed(*args, **kwargs):
        if full[0]:
            raise DiskFull(data_dir)
        return original(*args, **kwargs)

    monkeypatch.setattr(window.editor, "set_goal_field", full_until_freed)
    return full


def rows(tree):
    """Every item of a QTreeWidget, depth first."""
    from PySide6.QtWidgets import QTreeWidgetItemIterator

    iterator = QTreeWidgetItemIterator(tree)
    while iterator.value() is not None:
        yield iterator.value()
        iterator += 1


def goal_row(goal_list, goal_id: int, column: int = 0):
    """The goal list's row of ``goal_id`` (its index in ``column``); ``.data()`` is what it shows there."""
    index = goal_list.index_of(goal_id, column)
    assert index.isValid(), f"goal {goal_id} is not in the list"
    return index


def goal_texts(goal_list, parent=None) -> list[list[str]]:
    """What the goal list shows, row by row (the department goals, or the 課 goals under ``parent``)."""
    from PySide6.QtCore import QModelIndex

    model, under = goal_list.model(), parent if parent is not None else QModelIndex()
    return [[model.index(row, column, under).data() for column in range(model.columnCount())]
            for row in range(model.rowCount(under))]


def directive_row(tree, code: str):
    return next(item for item in rows(tree) if item.text(0).startswith(f"{code}\u3000"))


def is_checked(tree, code: str) -> bool | None:
    """The checkbox of a directive row: None when there is none (outside the linking mode)."""
    value = directive_row(tree, code).data(0, Qt.ItemDataRole.CheckStateRole)
    return None if value is None else Qt.CheckState(value) == Qt.CheckState.Checked


def stored_plan(data_dir: Path, year: int = 2024, department: str = "政策部"):
    """The plan as another program would read it from disk right now."""
    session = Session.open(data_dir)
    try:
        return session.load_plan(year, department)
    finally:
        session.close()


def drag_directive_onto_goal(window, code: str, goal_id: int) -> bool:
    """Drag the directive ``code`` from the policy tree and drop it on the goal's row."""
    tree, goals = window.panes.tree, window.panes.goal_list
    mime = tree.mimeData([directive_row(tree, code)])
    assert Qt.DropAction.CopyAction & tree.supportedDropActions()
    rect = goals.visualRect(goal_row(goals, goal_id))
    point = rect.center()
    viewport = goals.viewport()
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    with warnings.catch_warnings():  # PySide6 marks the QPoint constructors deprecated; Qt has no other
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, buttons, modifiers)
        move = QDragMoveEvent(point, Qt.DropAction.CopyAction, mime, buttons, modifiers, QEvent.Type.DragMove)
    QApplication.sendEvent(viewport, enter)
    if not enter.isAccepted():
        return False
    QApplication.sendEvent(viewport, move)
    if not move.isAccepted():
        return False
    drop = QDropEvent(QPointF(point), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    QApplication.sendEvent(viewport, drop)
    return drop.isAccepted()


def checkbox_point(tree, code: str) -> QPoint:
    """Where the checkbox of a directive row is drawn."""
    item = directive_row(tree, code)
    index = tree.indexFromItem(item, 0)
    option = QStyleOptionViewItem()
    tree.initViewItemOption(option)
    tree.itemDelegateForIndex(index).initStyleOption(option, index)
    option.rect = tree.visualRect(index)
    rect = tree.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, tree)
    return rect.center()


def click_checkbox(qtbot, tree, code: str) -> None:
    tree.scrollToItem(directive_row(tree, code))
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=checkbox_point(tree, code))


def type_text(qtbot, widget, text: str) -> None:
    """Type like a Japanese user: ASCII as key presses, Japanese as the input method commits it.

    (QTest cannot press keys for kana/kanji; the IME delivers them as QInputMethodEvent commits.)
    """
    from PySide6.QtGui import QInputMethodEvent

    run = ""

    def commit(chunk: str) -> None:
        event = QInputMethodEvent("", [])
        event.setCommitString(chunk)
        QApplication.sendEvent(widget, event)

    for ch in text:
        if ch.isascii() and ch.isprintable():
            if run:
                commit(run)
                run = ""
            qtbot.keyClicks(widget, ch)
        else:
            run += ch
    if run:
        commit(run)


def shown_in(scroll, widget) -> bool:
    """Is all of ``widget`` inside the visible part of the scroll area ``scroll``?"""
    from PySide6.QtCore import QRect

    viewport = scroll.viewport()
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    return widget.isVisible() and viewport.rect().contains(QRect(top_left, widget.size()))


def drive_list_editor(monkeypatch, steps, *, button: str = "Ok") -> list:
    """Run the next list editor (ui/name_list_editor.py) as a user would: ``steps(dialog)`` clicks
    and types, then ``button`` (Ok / Cancel) is clicked. The dialogs shown are returned as they come."""
    from hoshin_desktop.ui import alerts as alerts_module

    seen = []

    def run_dialog(dialog):
        seen.append(dialog)
        steps(dialog)
        dialog.buttons.button(getattr(dialog.buttons.StandardButton, button)).click()
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(alerts_module, "run_dialog", run_dialog)
    return seen


def rename_row(dialog, row: int, text: str) -> None:
    """Select the row, press 「名前を変更」 and type the new name into the open editor."""
    dialog.list.setCurrentRow(row)
    dialog.rename_button.click()
    dialog.list.item(row).setText(text)


def wheel(widget, notches: int = -1) -> None:
    """Turn the mouse wheel ``notches`` notches (negative: towards the user, scrolling down) with
    the pointer over the middle of ``widget``."""
    from PySide6.QtGui import QWheelEvent

    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, 120 * notches),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)
