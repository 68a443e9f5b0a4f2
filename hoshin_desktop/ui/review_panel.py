"""「中間確認・年度末評価」: the review mode of the goal form, beside the plan's fixed text.

Left, the goals with their marks; middle, the goal as the plan says it (read-only: a review
never changes the plan); right, the review of the chosen stage. Everything typed is stored a
moment after typing stops and when the panel closes. A △/× at 年度末 without a reason is
stored as typed and shown as a problem until the reason is written.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..domain.cycle import REVIEW_FIELD_LABELS, STAGE_LABELS, STAGES, Review, review_of, review_problems
from ..domain.models import GOAL_FIELD_LABELS
from ..domain.wareki import fiscal_year_label
from ..services import year_cycle as cycle
from . import alerts
from .i18n import tr
from .widgets import fit_to_screen

TYPING_PAUSE_MS = 500
STAGE_ABBREVIATIONS = {"interim": "中", "final": "末"}  # 中間確認, 年度末評価


class ReviewPanel(QDialog):
    def __init__(self, editor, stage: str = "interim", parent=None):
        super().__init__(parent)
        self.editor = editor
        self.marks = cycle.review_marks(editor.session)
        self.stage = stage
        self.goal_id: int | None = None
        self.setWindowTitle(tr("中間確認・年度末評価 — {0} {1}").format(
            fiscal_year_label(editor.plan.fiscal_year), editor.plan.department))
        fit_to_screen(self, 1240, 720)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TYPING_PAUSE_MS)
        self.timer.timeout.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(self._top())
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.goals = QListWidget()
        self.goals.setAccessibleName(tr("目標の一覧"))
        self.goals.currentItemChanged.connect(lambda current, _old: self.show_goal(
            current.data(Qt.ItemDataRole.UserRole) if current else None))
        self.plan_text = QTextBrowser()
        self.plan_text.setAccessibleName(tr("計画に書かれた目標（ここでは変更できません）"))
        plan_box = QWidget()
        plan_layout = QVBoxLayout(plan_box)
        plan_layout.setContentsMargins(0, 0, 0, 0)
        plan_layout.addWidget(QLabel(tr("計画に書かれた目標（ここでは変更できません）")))
        plan_layout.addWidget(self.plan_text, 1)
        splitter.addWidget(self.goals)
        splitter.addWidget(plan_box)
        splitter.addWidget(self._form())
        splitter.setSizes([340, 440, 460])
        layout.addWidget(splitter, 1)
        self.summary = QLabel()
        self.summary.setAccessibleName(tr("評価の集計"))
        layout.addWidget(self.summary)
        self.fill_goals()

    def _top(self) -> QHBoxLayout:
        top = QHBoxLayout()
        self.stage_buttons = QButtonGroup(self)
        for stage in STAGES:
            button = QRadioButton(tr(STAGE_LABELS[stage]))
            button.setChecked(stage == self.stage)
            button.toggled.connect(lambda on, s=stage: on and self.set_stage(s))
            self.stage_buttons.addButton(button)
            top.addWidget(button)
        top.addStretch(1)
        export = QPushButton(tr("評価表を Word に書き出し…"))
        export.clicked.connect(self.export)
        top.addWidget(export)
        return top

    def _form(self) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        self.mark = QComboBox()
        self.mark.addItem(tr("（未記入）"), "")
        for m in self.marks:
            self.mark.addItem(m.caption, m.mark)
        self.actual = QLineEdit()
        self.comment = QPlainTextEdit()
        self.reason = QPlainTextEdit()
        self.problem = QLabel()
        self.problem.setObjectName("reviewProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.target = QLabel()
        self.target.setWordWrap(True)
        for label, widget in ((tr("目標値"), self.target), (tr(REVIEW_FIELD_LABELS["mark"]), self.mark),
                              (tr(REVIEW_FIELD_LABELS["actual"]), self.actual),
                              (tr(REVIEW_FIELD_LABELS["comment"]), self.comment),
                              (tr(REVIEW_FIELD_LABELS["reason"]), self.reason), ("", self.problem)):
            if label:
                widget.setAccessibleName(label)
            form.addRow(label, widget)
        self.mark.currentIndexChanged.connect(lambda _i: self.save())
        self.actual.textEdited.connect(lambda _t: self.timer.start())
        for widget in (self.comment, self.reason):
            widget.textChanged.connect(self.timer.start)
        return box

    # --- showing -----------------------------------------------------------------------------------

    def fill_goals(self) -> None:
        current = self.goal_id
        self.goals.blockSignals(True)
        self.goals.clear()
        for number, goal in cycle.ordered_goals(self.editor.plan):
            item = QListWidgetItem(self._goal_line(number, goal))
            item.setData(Qt.ItemDataRole.UserRole, goal.id)
            self.goals.addItem(item)
        self.goals.blockSignals(False)
        ids = [self.goals.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.goals.count())]
        if ids:
            self.goals.setCurrentRow(ids.index(current) if current in ids else 0)
        else:
            self.show_goal(None)
        self.summary.setText("　".join(cycle.summary_text(self.editor.plan, self.marks)))

    def select_goal(self, goal_id: int) -> None:
        ids = [self.goals.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.goals.count())]
        if goal_id in ids:
            self.goals.setCurrentRow(ids.index(goal_id))

    def _goal_line(self, number: str, goal) -> str:
        """「No.3　中△ 末－　行政手続の…」: the marks first, where a narrow list still shows them."""
        marks = " ".join(f"{tr(STAGE_ABBREVIATIONS[s])}{(review_of(goal.reviews, s) or Review(s)).mark or '－'}"
                         for s in STAGES)
        title = goal.title.splitlines()[0] if goal.title.strip() else tr("（目標未入力）")
        return f"No.{number}　{marks}　{title}"

    def set_stage(self, stage: str) -> None:
        self.save()
        self.stage = stage
        self.show_goal(self.goal_id)

    def show_goal(self, goal_id: int | None) -> None:
        self.save()
        self.goal_id = None  # no saving while the form is filled
        goal = self.editor.plan.goal(goal_id) if goal_id is not None else None
        for widget in (self.mark, self.actual, self.comment, self.reason):
            widget.setEnabled(goal is not None)
        self.plan_text.setHtml(_goal_html(goal) if goal else tr("<p>目標がありません。</p>"))
        review = (review_of(goal.reviews, self.stage) if goal else None) or Review(self.stage)
        self.mark.setCurrentIndex(max(0, self.mark.findData(review.mark)))
        self.actual.setText(review.actual)
        self.comment.setPlainText(review.comment)
        self.reason.setPlainText(review.reason)
        self.target.setText(f"{goal.target}（現状値 {goal.baseline}）" if goal and goal.baseline else (goal.target if goal else ""))
        self.timer.stop()
        self.goal_id = goal_id if goal else None
        self._show_problems()

    def _show_problems(self) -> None:
        problems = review_problems(self.entered(), self.marks) if self.goal_id is not None else []
        self.problem.setText("\n".join(problems))

    # --- edits --------------------------------------------------------------------------------------

    def entered(self) -> Review:
        return Review(self.stage, self.mark.currentData() or "", self.actual.text(), self.comment.toPlainText(),
                      self.reason.toPlainText())

    def save(self) -> None:
        self.timer.stop()
        if self.goal_id is None:
            return
        goal = self.editor.plan.goal(self.goal_id)
        entered = self.entered()
        stored = review_of(goal.reviews, self.stage) or Review(self.stage)
        if entered == stored:
            self._show_problems()
            return
        try:
            cycle.set_review(self.editor, self.goal_id, entered)
        except (ValueError, LookupError) as exc:
            alerts.warning(self, tr("保存できません"), str(exc))
            return
        self._show_problems()
        row = self.goals.currentRow()
        number = cycle.goal_numbers(self.editor.plan).get(self.goal_id, "")
        if row >= 0:
            self.goals.item(row).setText(self._goal_line(number, goal))
        self.summary.setText("　".join(cycle.summary_text(self.editor.plan, self.marks)))

    def export(self) -> None:
        from ..export.filenames import review_sheet_file_name
        from ..export.review_sheets import review_sheet_findings, write_review_docx
        from .export_actions import save_word

        self.save()
        findings = review_sheet_findings(self.editor.plan, self.stage, self.marks)
        if findings and not alerts.ask_yes_no(self, tr("提出前の確認"), tr(
                "確認が必要な評価が{0}件あります。\n\n{1}\n\nこのまま書き出しますか？").format(
                len(findings), "\n".join(findings[:10]))):
            return
        choice = alerts.choose(self, tr("評価表の向き"), tr("用紙の向きを選んでください。"), [tr("A4横"), tr("A4縦")])
        if choice is None:
            return
        plan, policy, stage, marks = self.editor.plan, self.editor.policy, self.stage, self.marks
        save_word(self, tr("評価表を書き出し"),
                  review_sheet_file_name(plan.fiscal_year, plan.department, stage),
                  lambda path: write_review_docx(plan, policy, path, stage, marks, landscape=choice == 0))

    def done(self, result: int) -> None:  # noqa: D401 (Qt's name): closing keeps what was typed
        self.save()
        super().done(result)


def _goal_html(goal) -> str:
    """The goal as the plan states it, for reading beside the review."""
    e = html.escape
    rows = []
    for field in ("title", "background", "actions", "indicator", "baseline", "target", "schedule"):
        value = getattr(goal, field)
        if value.strip():
            text = "<br>".join(e(line) for line in value.split("\n"))
            rows.append(f"<p><b>{e(GOAL_FIELD_LABELS[field])}</b><br>{text}</p>")
    if goal.directives:
        rows.append(f"<p><b>{e(GOAL_FIELD_LABELS['directives'])}</b><br>{e(' '.join(goal.directives))}</p>")
    if goal.owner_sections:
        rows.append(f"<p><b>{e(GOAL_FIELD_LABELS['owner_sections'])}</b><br>{e('、'.join(goal.owner_sections))}</p>")
    return "".join(rows)
