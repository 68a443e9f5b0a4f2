"""The window's look is set widget by widget (ui/style.py), never by a sheet on a window: a sheet there
makes Qt polish and paint every widget under it. The looks that follow a state change with it, and
every text still follows 表示 → 文字の大きさ."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from hoshin_desktop.ui import first_run
from hoshin_desktop.ui.policy_tree import KIND_ROLE
from hoshin_desktop.ui.style import FAILED, FIXED_SHADE, LOOKS, PINNED, UNPINNED

from .helpers import directive_row, disk_full_until_freed, goal_row, rows, stored_plan, type_text, wait_saved
from .plans import write_plan

SMALL = 6  # a widget with a sheet of its own has at most this many widgets under it (a bar, a button)


def colour(widget: QWidget, role=QPalette.ColorRole.WindowText) -> str:
    return widget.palette().color(role).name()


def looked(window) -> list[QWidget]:
    return [w for w in window.findChildren(QWidget) if w.objectName() in LOOKS]


def test_no_window_carries_a_style_sheet_and_widget_sheets_stay_small(open_window, data_dir):
    write_plan(data_dir, goals=2)
    window = open_window()
    for top in QApplication.topLevelWidgets():
        assert top.styleSheet() == "", top.objectName() or type(top).__name__
    sheeted = [w for w in (window, *window.findChildren(QWidget)) if w.styleSheet()]
    assert sheeted  # the few borders that need one have theirs
    for widget in sheeted:
        assert len(widget.findChildren(QWidget)) <= SMALL, widget.objectName()
    names = {w.objectName() for w in looked(window)}
    assert {"paneHeading", "fieldCaption", "hintLabel", "pinsLabel", "directiveText", "linkButton"} <= names
    heading = window.panes.plan_heading
    assert heading.font().bold() and colour(heading) == "#1d3557"


def test_pins_label_turns_red_and_plain_on_a_goal_without_directives(open_window, data_dir, qtbot):
    write_plan(data_dir, goals=2)
    window = open_window()
    pins = window.panes.goal_editor.pins
    goals = window.panes.goal_list
    pinned, unpinned = (next(g.id for g in stored_plan(data_dir).goals if bool(g.directives) is has) for has in (True, False))

    def click(goal_id: int) -> None:
        index = goal_row(goals, goal_id)
        goals.scrollTo(index)
        qtbot.mouseClick(goals.viewport(), Qt.MouseButton.LeftButton, pos=goals.visualRect(index).center())

    click(unpinned)
    assert pins.property("empty") is True and not pins.font().bold() and colour(pins) == UNPINNED
    click(pinned)
    assert pins.property("empty") is False and pins.font().bold() and colour(pins) == PINNED


def test_save_state_turns_bold_red_while_saving_fails_and_back(open_window, qtbot, alerts, monkeypatch, data_dir):
    window = open_window()
    window.add_goal()
    wait_saved(qtbot, window)
    state = window.keeper.save_state
    assert not state.font().bold() and colour(state) == colour(window.statusBar())
    full = disk_full_until_freed(window, monkeypatch, data_dir)
    type_text(qtbot, QApplication.focusWidget(), "ディスクが一杯")
    assert not window.commit_edits()
    assert state.font().bold() and colour(state) == FAILED
    full[0] = False
    assert window.commit_edits()
    assert stored_plan(data_dir).goals[0].title == "ディスクが一杯"
    assert not state.font().bold() and colour(state) == colour(window.statusBar())


def test_directive_text_is_a_cream_panel_for_a_directive_and_a_dashed_hint_for_a_section(open_window, data_dir, qtbot):
    write_plan(data_dir, goals=1)
    window = open_window()
    tree, text = window.panes.tree, window.panes.answer_panel.text

    def click(item) -> None:
        tree.scrollToItem(item)
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())

    def background() -> QColor:
        return text.grab().toImage().pixelColor(QPoint(text.width() // 2, 3))  # inside the border, above the text

    click(directive_row(tree, "1(2)"))
    qtbot.waitUntil(lambda: text.property("placeholder") is False)
    assert background() == QColor("#f7f4ec")  # the mayor's text on its cream panel
    click(next(item for item in rows(tree) if item.data(0, KIND_ROLE) == "section"))
    qtbot.waitUntil(lambda: text.property("placeholder") is True)
    assert background() != QColor("#f7f4ec")  # a dashed box saying what to choose


def test_a_fixed_plans_fields_are_shaded_and_unshaded_on_unlock(open_window, data_dir, alerts, monkeypatch):
    from hoshin_desktop.ui import alerts as alerts_module

    write_plan(data_dir, goals=2)
    window = open_window()
    window.select_goal(window.editor.plan.goals[0].id)
    title = window.panes.goal_editor.fields["title"]
    plain = colour(title, QPalette.ColorRole.Base)
    assert plain != FIXED_SHADE
    alerts.answers["ask_yes_no"].append(True)
    window.year_cycle.act_fix.trigger()
    assert stored_plan(data_dir).lock is not None
    assert title.property("fixedPlan") and colour(title, QPalette.ColorRole.Base) == FIXED_SHADE
    assert colour(title.viewport(), QPalette.ColorRole.Base) == FIXED_SHADE  # what the text is drawn on
    monkeypatch.setattr(alerts_module, "ask_text", lambda *args, **kwargs: "誤って確定したため")
    window.year_cycle.act_unlock.trigger()
    assert stored_plan(data_dir).lock is None
    assert not title.property("fixedPlan") and colour(title, QPalette.ColorRole.Base) == plain


def test_larger_text_grows_every_named_text_in_the_window_and_dialogs(open_window, data_dir, qtbot):
    write_plan(data_dir, goals=2)
    window = open_window()
    window.select_goal(window.editor.plan.goals[0].id)
    dialog = first_run.WelcomeDialog(window, ["政策部", "総務部"], "政策部")
    qtbot.addWidget(dialog)
    dialog.show()
    start = QApplication.font().pointSizeF()
    bold = {id(w) for w in looked(window) + looked(dialog) if w.font().bold()}
    assert bold
    for _ in range(3):  # 100 → 110 → 125 → 150
        qtbot.keyClick(window, Qt.Key.Key_Semicolon, Qt.KeyboardModifier.ControlModifier)  # Ctrl++ on a Japanese keyboard
    assert window.text_size.percent == 150
    size = QApplication.font().pointSizeF()
    assert size == round(start * 1.5, 1)
    for widget in looked(window) + looked(dialog):
        assert widget.font().pointSizeF() == size and widget.font().bold() == (id(widget) in bold), widget.objectName()
    for widget in window.panes.link_bar.findChildren(QWidget):  # under the link bar's own sheet
        assert widget.font().pointSizeF() == size, widget.objectName()
