"""Every offered text size on a 1366×768 laptop: the toolbar keeps its buttons on screen and the
policy tree keeps directive rows to read; at the standard size a row shows the directive's
opening words without hovering."""

from __future__ import annotations

from operator import attrgetter

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

from hoshin_desktop.ui.text_size import STEPS

from .helpers import directive_row, rows, stored_plan
from .plans import write_plan

LAPTOP = (1366, 705)  # a maximised window on a 1366×768 screen
TOOLBAR = ("toolbar.export", "actions.find", "actions.add_goal", "actions.add_child", "actions.duplicate",
           "actions.delete", "actions.move_up", "actions.move_down", "toolbar.undo", "toolbar.redo")


def shown_words(tree, item) -> str:
    """What a directive row shows of its code and text, as its delegate draws it (elided to the row's text area)."""
    index = tree.indexFromItem(item, 0)
    option = QStyleOptionViewItem()
    tree.initViewItemOption(option)
    tree.itemDelegateForIndex(index).initStyleOption(option, index)
    option.rect = tree.visualRect(index)
    area = tree.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, tree).adjusted(2, 0, -2, 0)
    shown = tree.fontMetrics().elidedText(item.text(0), Qt.TextElideMode.ElideRight, area.width())
    return shown[:-1] if shown != item.text(0) else shown


def visible_directive_rows(tree) -> list:
    viewport = tree.viewport().rect()
    return [item for item in rows(tree) if item.data(0, Qt.ItemDataRole.UserRole + 1) == "directive"
            and viewport.contains(tree.visualItemRect(item))]


def test_at_the_standard_size_each_row_shows_the_directives_opening_words(open_window, data_dir):
    write_plan(data_dir, goals=2)
    window = open_window(size=LAPTOP)
    tree = window.panes.tree
    assert len(visible_directive_rows(tree)) >= 4
    for code in ("1(1)", "1(2)", "2(1)", "3(9)", "4(4)"):
        shown = shown_words(tree, directive_row(tree, code))
        assert len(shown) >= len(code) + 1 + 15, shown  # the code, a space and fifteen characters at least


@pytest.mark.parametrize("percent", STEPS)
def test_every_text_size_keeps_the_toolbar_buttons_and_a_readable_tree(open_window, data_dir, qtbot, percent):
    goals = write_plan(data_dir, goals=3)
    window = open_window(size=LAPTOP)
    size = window.text_size
    while size.percent != percent:  # 表示 → 文字の大きさ, as the user steps through the sizes
        (size.larger if size.percent < percent else size.smaller).trigger()
    QApplication.processEvents()
    actions = [attrgetter(name)(window) for name in TOOLBAR]
    buttons = [window.toolbar.bar.widgetForAction(action) or window.toolbar.goals.widgetForAction(action)
               for action in actions] + [window.toolbar.bar.widgetForAction(window.paper.tool_preview)]
    for button in buttons:
        qtbot.waitUntil(button.isVisible, timeout=1000)  # not folded into the toolbar's » menu
        corner = button.mapTo(window, button.rect().bottomRight())
        assert QRect(0, 0, window.width(), window.height()).contains(corner), button.text()
    tree = window.panes.tree
    shown = visible_directive_rows(tree)
    assert len(shown) >= 3, percent
    for item in shown:
        assert len(shown_words(tree, item)) >= len(item.data(0, Qt.ItemDataRole.UserRole + 2)) + 1 + 5
    qtbot.mouseClick(window.toolbar.bar.widgetForAction(window.actions.find), Qt.MouseButton.LeftButton)  # the buttons work
    assert window.panes.search_panel.field.hasFocus()
    window.select_goal(goals[0])
    qtbot.mouseClick(window.toolbar.goals.widgetForAction(window.actions.duplicate), Qt.MouseButton.LeftButton)
    assert len(stored_plan(data_dir).goals) == len(goals) + 1
    size.reset.trigger()
