"""The toolbars keep every button on screen at any text size.

At 200 % text on a 1366-pixel screen one row held the choosers and the goal buttons, and
「Word に書き出し」 and 「印刷プレビュー」 went into the overflow menu (»). The plan's toolbar
(年度, 部, 検索, Word に書き出し, 印刷プレビュー) comes first; the goals' toolbar stands beside it
when both fit the window's width, on a row of its own when they do not.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QMainWindow, QToolBar


class ToolbarFit(QObject):
    def __init__(self, window: QMainWindow, first: QToolBar, second: QToolBar):
        super().__init__(window)
        self.window, self.first, self.second = window, first, second
        window.installEventFilter(self)
        QTimer.singleShot(0, self, self.fit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange):
            QTimer.singleShot(0, self, self.fit)  # once the toolbars have their new size hints
        return False

    def fit(self) -> None:
        """The goals' toolbar on the plan's row when both fit, else on the next row."""
        needed = self.first.sizeHint().width() + self.second.sizeHint().width()
        apart = self.window.toolBarBreak(self.second)
        if needed > self.window.width() and not apart:
            self.window.insertToolBarBreak(self.second)
        elif needed <= self.window.width() and apart:
            self.window.removeToolBarBreak(self.second)


def install(window) -> ToolbarFit:
    return ToolbarFit(window, window.toolbar.bar, window.toolbar.goals)
