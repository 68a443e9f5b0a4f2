"""Keyboard travel through the window: Tab in reading order, F6 / Shift+F6 from pane to pane.

Tab follows what a reader's eye does: the toolbar, the basic policy, the cover (only what is
unfolded), the 部の方針, the goal list, the goal form, then the panels under the policy. F6
jumps to the next pane as in Word and Explorer, Shift+F6 back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from .i18n import tr


def chain(widgets: list[QWidget]) -> None:
    """Tab goes from each widget to the next, in this order."""
    for first, second in zip(widgets, widgets[1:]):
        QWidget.setTabOrder(first, second)


class Pane:
    """A part of the window F6 stops at: ``area`` holds it, ``entry()`` takes the focus there."""

    def __init__(self, name: str, area: QWidget, entry: Callable[[], QWidget | None]):
        self.name, self.area, self.entry = name, area, entry

    def holds(self, widget: QWidget | None) -> bool:
        return widget is not None and (widget is self.area or self.area.isAncestorOf(widget))

    def reachable(self) -> QWidget | None:
        target = self.entry() if self.area.isVisible() else None
        return target if target is not None and target.isVisible() and target.isEnabled() else None


class PaneCycle(QObject):
    """F6 / Shift+F6 over the panes, skipping those hidden or empty."""

    def __init__(self, window: QWidget, panes: list[Pane], message: Callable[[str], None]):
        super().__init__(window)
        self.panes, self._message = panes, message
        self.next = QAction(tr("次の枠へ"), window)
        self.next.setShortcut(QKeySequence(Qt.Key.Key_F6))
        self.next.triggered.connect(lambda _checked=False: self.step(1))
        self.previous = QAction(tr("前の枠へ"), window)
        self.previous.setShortcut(QKeySequence(Qt.KeyboardModifier.ShiftModifier | Qt.Key.Key_F6))
        self.previous.triggered.connect(lambda _checked=False: self.step(-1))
        for action in (self.next, self.previous):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            window.addAction(action)

    def current(self) -> int | None:
        focus = QApplication.focusWidget()
        return next((i for i, pane in enumerate(self.panes) if pane.holds(focus)), None)

    def step(self, direction: int) -> None:
        start = self.current()
        start = -1 if start is None and direction > 0 else (0 if start is None else start)
        count = len(self.panes)
        for offset in range(1, count + 1):
            pane = self.panes[(start + direction * offset) % count]
            target = pane.reachable()
            if target is not None:
                target.setFocus(Qt.FocusReason.ShortcutFocusReason)
                self._message(tr("{0}（F6 で次の枠、Shift+F6 で前の枠）").format(pane.name))
                return
