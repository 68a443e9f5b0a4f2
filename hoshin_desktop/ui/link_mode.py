"""The linking mode (関連付け, Ctrl+L): checkboxes on the policy tree for ONE goal, named over the tree.

Checkboxes on every directive whenever a goal was selected left a first-time user guessing
what a tick would link. Now they appear only in this mode, under a bar that says
「目標2 の関連付け」 with the goal's title; a tick links that goal to the directive, Esc or
「終了」 leaves the mode. Selecting another goal while linking moves the mode to it.
Dragging a directive onto a goal still works at any time.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from ..domain.models import Goal
from ..domain.text import first_line
from .i18n import tr
from .policy_tree import PolicyTree
from .style import set_look

STYLE = """
QFrame#linkBar { background: #fff4d6; border: 2px solid #d9a520; border-radius: 4px; }
QLabel#linkHeading { font-weight: bold; color: #5a3f00; }
QLabel#linkTitle { color: #2f2a1d; }
"""


class LinkBar(QFrame):
    """Over the policy tree while linking: whose links are being edited, and how to stop."""

    closeRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("linkBar")
        self.setStyleSheet(STYLE)
        self.setAccessibleName(tr("関連付けの対象の目標"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        top = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setObjectName("linkHeading")
        top.addWidget(self.heading, 1)
        self.close_button = QPushButton(tr("終了（Esc）"))
        self.close_button.setAccessibleName(tr("関連付けを終える"))
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Esc does it from the tree
        self.close_button.clicked.connect(self.closeRequested)
        top.addWidget(self.close_button)
        layout.addLayout(top)
        self.title = QLabel()
        self.title.setObjectName("linkTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.title)
        hint = QLabel(tr("チェックでこの目標を項目に関連付けます（Space でも。外すと解除）。"))
        set_look(hint, "hintLabel")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.setVisible(False)

    def show_goal(self, number: str, title: str) -> None:
        self.heading.setText(tr("目標{0} の関連付け").format(number))
        self.title.setText(title or tr("（目標が未入力です）"))
        self.setAccessibleDescription(tr("目標{0}「{1}」を基本方針の項目に関連付けています").format(number, title))


class LinkMode(QObject):
    """On or off (the checkable action 関連付け, Ctrl+L); shows the checkboxes for the selected goal."""

    def __init__(self, tree: PolicyTree, bar: LinkBar, parent, message: Callable[[str], None]):
        super().__init__(parent)
        self.tree, self.bar, self._message = tree, bar, message
        self._goal: Goal | None = None
        self._number = ""
        self.action = QAction(tr("基本方針に関連付ける"), parent)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence("Ctrl+L"))
        self.action.setStatusTip(tr("選んでいる目標を、左の基本方針の項目にチェックで関連付けます（Ctrl+L）"))
        self.action.toggled.connect(self._toggled)
        bar.closeRequested.connect(lambda: self.action.setChecked(False))
        leave = QShortcut(QKeySequence("Esc"), tree, context=Qt.ShortcutContext.WidgetShortcut)
        leave.activated.connect(lambda: self.action.setChecked(False))

    @property
    def active(self) -> bool:
        return self.action.isChecked()

    def show_goal(self, goal: Goal | None, number: str = "") -> None:
        """The selected goal changed (or was edited): follow it."""
        self._goal, self._number = goal, number
        if goal is None and self.active:
            self.action.setChecked(False)  # nothing left to link
            return
        self._show()

    def _toggled(self, on: bool) -> None:
        if on and self._goal is None:
            self.action.setChecked(False)
            self._message(tr("関連付けるには、先に目標の一覧で目標を選んでください（まだなければ「目標を追加」（Ctrl+N））。"))
            return
        self._show()
        if on:
            self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _show(self) -> None:
        goal = self._goal if self.active else None
        self.tree.set_pin_target(goal)
        if goal is not None:
            self.bar.show_goal(self._number, first_line(goal.title))
        self.bar.setVisible(goal is not None)
