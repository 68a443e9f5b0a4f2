"""First start: which 部 the user belongs to, and 「はじめに」 — the four steps on one screen.

The answer is remembered (settings ``user/department``) and that department's plan opens. The
same screen is under ヘルプ → はじめに; choosing another 部 there opens its plan.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from . import alerts
from .i18n import tr
from .settings import read_bool
from .style import set_look
from .wheel_guard import ChoiceBox

DONE_KEY = "firstRun/done"
DEPARTMENT_KEY = "user/department"


def steps() -> tuple[tuple[str, str], ...]:
    """The four steps of drafting a plan: a name and what to do."""
    return (
        (tr("方針を書く"), tr("左の「市政運営の基本方針」で項目を選び、右の【部の方針】の欄に、部としてどう応えるかを書きます。")),
        (tr("目標を追加"), tr("「目標を追加」（Ctrl+N）で組織目標を作り、目標・取組内容・達成基準・目標値・スケジュール・担当課を書きます。")),
        (tr("関連付け"), tr("目標を選んで「関連付け」（Ctrl+L）を押し、左の基本方針で、その目標が応える項目にチェックを付けます"
                         "（項目を目標へドラッグしても関連付けられます）。")),
        (tr("書き出し"), tr("「ファイル」→「Word文書として書き出し」（Ctrl+E）で、面談用の提出様式の文書ができます。")),
    )


def needed(store) -> bool:
    return not read_bool(store, DONE_KEY, False)


class WelcomeDialog(QDialog):
    """「はじめに」: the user's 部 and the four steps, on one screen."""

    def __init__(self, parent: QWidget | None, departments: list[str], current: str | None):
        super().__init__(parent)
        self.setWindowTitle(tr("はじめに"))
        self.setObjectName("welcomeDialog")
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        title = QLabel(tr("部の運営方針・組織目標を作成します"))
        set_look(title, "paneHeading")
        layout.addWidget(title)
        row = QHBoxLayout()
        label = QLabel(tr("あなたの部(&B):"))
        self.department = ChoiceBox()
        self.department.setAccessibleName(tr("あなたの部"))
        self.department.addItems(departments)
        self.department.setMaxVisibleItems(20)
        # Nothing chosen for the user: a clerk pressing 始める at once would draft another 部's plan.
        self.department.setPlaceholderText(tr("（部を選んでください）"))
        self.department.setCurrentIndex(departments.index(current) if current in departments else -1)
        label.setBuddy(self.department)
        row.addWidget(label)
        row.addWidget(self.department, 1)
        layout.addLayout(row)
        hint = QLabel(tr("選んだ部の計画が開きます。あとからツールバーの「部」で切り替えられます。"))
        set_look(hint, "hintLabel")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self._steps())
        buttons = QDialogButtonBox()
        self.start = buttons.addButton(tr("始める"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.start.setDefault(True)
        self.start.setEnabled(self.department.currentIndex() >= 0)
        self.department.currentIndexChanged.connect(lambda index: self.start.setEnabled(index >= 0))
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    @staticmethod
    def _steps() -> QFrame:
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setAccessibleName(tr("作成の4つの手順"))
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        for row, (name, text) in enumerate(steps()):
            number = QLabel("①②③④"[row])
            set_look(number, "paneHeading")
            heading = QLabel(name)
            set_look(heading, "fieldCaption")
            body = QLabel(text)
            body.setWordWrap(True)
            body.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(number, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(heading, row, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(body, row, 2)
        grid.setColumnStretch(2, 1)
        return box

    def chosen(self) -> str:
        return self.department.currentText() if self.department.currentIndex() >= 0 else ""


def ask(parent: QWidget | None, departments: list[str], current: str | None, store) -> str | None:
    """Show 「はじめに」; the department chosen (remembered), or None when closed without one."""
    dialog = WelcomeDialog(parent, departments, current)
    accepted = alerts.run_dialog(dialog)
    store.setValue(DONE_KEY, True)  # asked once: closing it is an answer too
    if not accepted or not dialog.chosen():
        return None
    store.setValue(DEPARTMENT_KEY, dialog.chosen())
    return dialog.chosen()
