"""The mouse wheel over a combo box, spin box or date field that the user has not clicked changes
nothing, in the window and in every dialog it opens: each such widget gets real wheel events,
and then its value and the stored data are what they were."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

from hoshin_desktop.services import lineage
from hoshin_desktop.services.session import Session
from hoshin_desktop.ui import alerts as alerts_module

from .helpers import stored_plan, wheel
from .plans import import_next_year, write_plan

# Actions that change the plan or end the window rather than open something to look at.
_NOT_OPENERS = ("quit", "add_goal", "add_child", "duplicate", "delete", "move_up", "move_down", "undo", "redo")


def _value(widget: QWidget):
    return widget.currentIndex() if isinstance(widget, QComboBox) else widget.text()


class Walk:
    """Turns the wheel over every guarded widget of the windows it is given, and keeps what it saw."""

    def __init__(self):
        self.seen: list[str] = []
        self.changed: list[str] = []

    def __call__(self, top: QWidget) -> None:
        for widget in top.findChildren(QWidget):
            if not isinstance(widget, (QComboBox, QAbstractSpinBox)) or not widget.isVisibleTo(top):
                continue
            if widget.hasFocus():  # the user's own choice (focused) may take the wheel: move focus away
                widget.clearFocus()
            name = f"{top.windowTitle()} / {widget.accessibleName() or type(widget).__name__}"
            before = _value(widget)
            for notches in (-1, 1):  # both ways: a choice at the end of its list moves only one way
                wheel(widget, notches)
                if _value(widget) != before:
                    self.changed.append(name)
                    break
            self.seen.append(name)

    def dialog(self, dialog) -> bool:
        """Stands in for alerts.run_dialog: show the modal dialog, walk it, cancel it."""
        dialog.show()
        QApplication.processEvents()
        self(dialog)
        dialog.reject()
        return False


def _menu_actions(window):
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if action.menu() is not None:
                continue  # 文字の大きさ: sizes, no dialog
            if not action.isSeparator() and action.isEnabled():
                yield action


def _walk_new_windows(walk: Walk, window, before: set) -> None:
    for top in QApplication.topLevelWidgets():
        if top.isVisible() and top is not window and top not in before and not top.inherits("QMenu"):
            walk(top)
            top.close()


def test_the_wheel_changes_nothing_it_passes_over(open_window, alerts, data_dir, tmp_path, monkeypatch, qtbot):
    goals = write_plan(data_dir)
    session = Session.open(data_dir)
    session.editor(2024, "政策部").set_revision(2)  # 第1版 kept: 版の比較 has two to choose from
    session.close()
    window = open_window(size=(1366, 705))
    window.panes.header.set_open(True)  # the cover's date and 版
    window.select_goal(goals[2])  # a 課 goal: its 位置づけ is a choice
    walk = Walk()
    monkeypatch.setattr(alerts_module, "run_dialog", walk.dialog)
    walk(window)
    skipped = {getattr(window.actions, name) for name in _NOT_OPENERS}
    for action in list(_menu_actions(window)):
        if action in skipped:
            continue
        before = set(QApplication.topLevelWidgets())
        action.trigger()
        QApplication.processEvents()
        _walk_new_windows(walk, window, before)
    before = set(QApplication.topLevelWidgets())
    import_next_year(window, alerts, tmp_path)  # the mapping table, with a choice on every line
    _walk_new_windows(walk, window, before)
    window.open_plan(2025, "政策部")
    window.panes.carry_button.click()  # 方向性 and 統合先 of each of last year's goals
    assert walk.changed == []
    shown = "\n".join(walk.seen)
    for name in ("年度", "部", "計画の日付", "版", "位置づけ", "1(3) を引き継ぐ今年度の項目", "方向性", "統合先の目標", "比較のもと", "評価", "指示者", "日付"):
        assert name in shown, name
    assert len(walk.seen) > 40
    stored = stored_plan(data_dir)
    assert stored.goal(goals[2]).parent == goals[1] and stored.revision == 2
    assert stored_plan(data_dir, 2025) is None and not lineage.directive_mapping(window.session, 2024, 2025).confirmed
