"""ファイル → 事務引継ぎ: the notes of the person leaving the post, and the handover document.

Left, the note on the plan as a whole; right, the goals with their latest review and the note on
the chosen goal. What is typed is stored a moment after typing stops and when the panel closes,
each note one undo step (「元に戻す: 引継ぎメモの編集」), also on a fixed plan. The notes travel in
the plan file to whoever takes the post over, who is shown them once. 「Word に書き出し」 writes
the 事務引継書 of this department or of every department.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..domain.cycle import STAGE_LABELS
from ..domain.numbering import paper_order
from ..domain.text import first_line
from ..domain.wareki import fiscal_year_label
from ..services.change import Change
from ..services.handover import assessment
from .i18n import tr
from .widgets import fit_to_screen, refill_goal_list

TYPING_PAUSE_MS = 500
Runner = Callable[[Callable[[], Change], QWidget], "Change | None"]


class HandoverPanel(QDialog):
    def __init__(self, editor, run: Runner, export: Callable[[QWidget, bool], None], parent=None):
        super().__init__(parent)
        self.setObjectName("handoverPanel")
        self.editor = editor
        self.run = run
        self.marks = editor.session.review_marks()
        self.goal_id: int | None = None
        self.shown_goal: int | None = None  # the goal whose note the goal box holds
        self.setWindowTitle(tr("事務引継ぎ — {0} {1}").format(fiscal_year_label(editor.plan.fiscal_year),
                                                          editor.plan.department))
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TYPING_PAUSE_MS)
        self.timer.timeout.connect(self.save)
        note = QLabel(tr("異動の内示を受けたら、後任の方へのメモを書いてください。メモは計画ファイルで後任の方に渡り、"
                         "後任の方がその計画を最初に開いたときに表示されます。評価・指示事項・来年度の準備状況は、"
                         "「Word に書き出し」の事務引継書にまとめて載ります。"))
        note.setWordWrap(True)
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName(tr("部全体の引継ぎメモ"))
        self.goals = QListWidget()
        self.goals.setAccessibleName(tr("目標の一覧"))
        self.goals.currentItemChanged.connect(lambda current, _old: self.show_goal(
            current.data(Qt.ItemDataRole.UserRole) if current else None))
        self.goal_note = QPlainTextEdit()
        self.goal_note.setAccessibleName(tr("選んだ目標の引継ぎメモ"))
        self.goal_label = QLabel()
        self.goal_label.setWordWrap(True)
        for box in (self.notes, self.goal_note):
            box.textChanged.connect(self.timer.start)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self._split(), 1)
        layout.addLayout(self._buttons(export))
        self.notes.setPlainText(editor.plan.handover.notes)
        self.fill_goals()
        fit_to_screen(self, 1100, 640)

    def _split(self) -> QSplitter:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(tr("部全体の引継ぎメモ(&M):"))
        label.setBuddy(self.notes)
        left_layout.addWidget(label)
        left_layout.addWidget(self.notes, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(tr("目標（評価は年度末評価、まだなければ中間確認）:")))
        right_layout.addWidget(self.goals, 2)
        right_layout.addWidget(self.goal_label)
        right_layout.addWidget(self.goal_note, 1)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([520, 560])
        return splitter

    def _buttons(self, export: Callable[[QWidget, bool], None]) -> QHBoxLayout:
        row = QHBoxLayout()
        one = QPushButton(tr("Word に書き出し…"))
        one.setToolTip(tr("この部の事務引継書を Word 文書に書き出します"))
        one.clicked.connect(lambda: self._export(export, every=False))
        every = QPushButton(tr("すべての部を書き出し…"))
        every.setToolTip(tr("この年度に計画があるすべての部の事務引継書を、選んだフォルダーに書き出します"))
        every.clicked.connect(lambda: self._export(export, every=True))
        close = QPushButton(tr("閉じる"))
        close.clicked.connect(self.close)
        row.addWidget(one)
        row.addWidget(every)
        row.addStretch(1)
        row.addWidget(close)
        return row

    def _export(self, export: Callable[[QWidget, bool], None], *, every: bool) -> None:
        self.save()  # the document carries what was just typed
        export(self, every)

    # --- showing -----------------------------------------------------------------------------------

    def fill_goals(self) -> None:
        rows = ((goal.id, self._goal_line(number, goal), goal.title) for number, goal in paper_order(self.editor.plan))
        if not refill_goal_list(self.goals, rows, self.goal_id):
            self.show_goal(None)

    def _goal_line(self, number: str, goal) -> str:
        """「No.3　△（年度末評価）　財源の確保…　✎」: the note's mark at the end, in words for screen readers too."""
        found = assessment(goal, self.marks)
        review = f"{found.mark or '－'}（{STAGE_LABELS[found.stage]}）" if found else tr("未評価")
        noted = tr("　［メモあり］") if self.editor.plan.handover.goal_note(goal.id).strip() else ""
        return f"No.{number}　{review}　{first_line(goal.title) or tr('（目標未入力）')}{noted}"

    def show_goal(self, goal_id: int | None) -> None:
        self.save()
        self.editor.seal()  # what was typed for the goal shown is one undo step
        goal = self.editor.plan.goal(goal_id) if goal_id is not None else None
        self.goal_id = goal.id if goal else None
        self.shown_goal = None
        self.goal_note.blockSignals(True)
        self.goal_note.setPlainText(self.editor.plan.handover.goal_note(self.goal_id))
        self.goal_note.blockSignals(False)
        self.goal_note.setEnabled(goal is not None)
        self.goal_label.setText(tr("この目標の引継ぎメモ（No.{0}）:").format(self._number(goal)) if goal else
                                tr("目標がありません。"))
        self.shown_goal = self.goal_id

    def _number(self, goal) -> str:
        return next((number for number, g in paper_order(self.editor.plan) if g is goal), "")

    # --- edits ---------------------------------------------------------------------------------------

    def save(self) -> None:
        """Store what the two boxes hold (each an undo step); nothing when it is as stored."""
        self.timer.stop()
        handover = self.editor.plan.handover
        text = self.notes.toPlainText()
        if text != handover.notes:
            self.run(lambda: self.editor.set_handover_notes(text), self)
        goal = self.shown_goal
        note = self.goal_note.toPlainText()
        if goal is not None and self.editor.plan.goal(goal) is not None and note != handover.goal_note(goal):
            self.run(lambda: self.editor.set_goal_handover_note(goal, note), self)
            self._relabel(goal)

    def _relabel(self, only: int | None = None) -> None:
        """The list's lines again (only the goal ``only``, when given): a note written or undone."""
        numbers = {g.id: number for number, g in paper_order(self.editor.plan)}
        for row in range(self.goals.count()):
            item = self.goals.item(row)
            goal = self.editor.plan.goal(item.data(Qt.ItemDataRole.UserRole))
            if goal is not None and only in (None, goal.id):
                item.setText(self._goal_line(numbers.get(goal.id, ""), goal))

    def apply(self, change: Change) -> None:
        """Show again what ``change`` concerns: an undo of a note from the main window, goals added or reviewed."""
        if not self.isVisible():
            return
        if change.numbers or change.goal_texts or change.reviews:
            self.fill_goals()
        if change.handover:
            handover = self.editor.plan.handover
            if self.notes.toPlainText() != handover.notes and not self.timer.isActive():
                self.notes.blockSignals(True)
                self.notes.setPlainText(handover.notes)
                self.notes.blockSignals(False)
            if self.shown_goal is not None and not self.timer.isActive():
                stored = handover.goal_note(self.shown_goal)
                if self.goal_note.toPlainText() != stored:
                    self.goal_note.blockSignals(True)
                    self.goal_note.setPlainText(stored)
                    self.goal_note.blockSignals(False)
            self._relabel()

    def done(self, result: int) -> None:  # noqa: D401 (Qt's name): closing keeps what was typed
        self.save()
        super().done(result)
