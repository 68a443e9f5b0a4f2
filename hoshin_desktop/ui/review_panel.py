"""「中間確認・年度末評価」: the review mode of the goal form, beside the plan's fixed text.

Left, the goals with their marks; middle, the goal as the plan says it (read-only: a review
never changes the plan); right, the review of the chosen stage. Everything typed is stored a
moment after typing stops and when the panel closes, each review one undo step (「元に戻す:
中間確認の入力」). The form always belongs to one goal and one stage (``shown``): switching the
stage or the goal stores the form under what it showed, then shows the other; it never writes
one stage's form into another. A △/× at 年度末 without a reason is stored as typed and shown as
a problem until the reason is written. The panel shows again what a Change says (``apply``): an
undo from the main window, an edit of a goal's text.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..domain.cycle import REVIEW_FIELD_LABELS, STAGE_LABELS, STAGES, Review, review_of, review_problems
from ..domain.goal_fields import GOAL_FIELDS
from ..domain.models import GOAL_FIELD_LABELS
from ..domain.wareki import fiscal_year_label
from ..services import year_cycle as cycle
from ..services.change import Change
from . import alerts
from .i18n import tr
from .style import FAILED, set_text_look
from .wheel_guard import ChoiceBox
from .widgets import fit_to_screen, refill_goal_list

TYPING_PAUSE_MS = 500
OPEN_SHOWN = 3  # open 指示事項 listed under the form; the rest counted
Runner = Callable[[Callable[[], Change], QWidget], "Change | None"]  # runs an operation, its messages over the dialog


class ReviewPanel(QDialog):
    def __init__(self, editor, stage: str, run: Runner, parent=None, open_instructions: Callable[[], None] | None = None):
        super().__init__(parent)
        self.editor = editor
        self.run = run
        self.open_instructions = open_instructions
        self.marks = editor.session.review_marks()
        self.stage = stage
        self.goal_id: int | None = None
        self.shown: tuple[int, str] | None = None  # (goal, stage) whose review the form holds; None: none
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
        layout.addWidget(self._open_instructions_strip())
        self.fill_goals()

    def _top(self) -> QHBoxLayout:
        top = QHBoxLayout()
        self.stage_buttons = QButtonGroup(self)
        for stage in STAGES:
            button = QRadioButton(STAGE_LABELS[stage])
            button.setChecked(stage == self.stage)
            button.toggled.connect(lambda on, s=stage: self.set_stage(s) if on else None)
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
        self.mark = ChoiceBox()
        self.mark.addItem(tr("（未記入）"), "")
        for m in self.marks:
            self.mark.addItem(m.caption, m.mark)
        self.actual = QLineEdit()
        self.comment = QPlainTextEdit()
        self.reason = QPlainTextEdit()
        self.problem = QLabel()
        self.problem.setObjectName("reviewProblem")
        self.problem.setWordWrap(True)
        set_text_look(self.problem, bold=True, colour=FAILED)
        self.target = QLabel()
        self.target.setWordWrap(True)
        for label, widget in ((tr("目標値"), self.target), (REVIEW_FIELD_LABELS["mark"], self.mark),
                              (REVIEW_FIELD_LABELS["actual"], self.actual), (REVIEW_FIELD_LABELS["comment"], self.comment),
                              (REVIEW_FIELD_LABELS["reason"], self.reason), ("", self.problem)):
            if label:
                widget.setAccessibleName(label)
            form.addRow(label, widget)
        self.mark.currentIndexChanged.connect(lambda _i: self.save())
        self.actual.textEdited.connect(lambda _t: self.timer.start())
        for widget in (self.comment, self.reason):
            widget.textChanged.connect(self.timer.start)
        return box

    def _open_instructions_strip(self) -> QWidget:
        """The 指示事項 still open, under the form (the 中間確認 starts from them), with a way to edit them."""
        strip = QWidget()
        strip.setObjectName("openInstructions")
        row = QHBoxLayout(strip)
        row.setContentsMargins(0, 4, 0, 0)
        self.open_items = QLabel()
        self.open_items.setWordWrap(True)
        self.open_items.setAccessibleName(tr("未完了の指示事項"))
        button = QPushButton(tr("指示事項を開く…"))
        button.clicked.connect(lambda _checked=False: self.open_instructions and self.open_instructions())
        button.setVisible(self.open_instructions is not None)
        row.addWidget(self.open_items, 1)
        row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.instructions_strip = strip
        return strip

    def _show_open_instructions(self) -> None:
        """「未完了の指示事項（2件）: 市長「…」、副市長「…」」 at the 中間確認; nothing at the 年度末評価 or with none open."""
        items = cycle.instructions(self.editor.plan, "not_done") if self.stage == "interim" else []
        self.instructions_strip.setVisible(bool(items))
        shown = [tr("・{0}「{1}」").format(i.given_by, i.text.splitlines()[0][:40]) for i in items[:OPEN_SHOWN]]
        more = [tr("ほか{0}件").format(len(items) - OPEN_SHOWN)] if len(items) > OPEN_SHOWN else []
        self.open_items.setText(tr("未完了の指示事項（{0}件）").format(len(items)) + "\n" + "\n".join(shown + more))

    # --- showing -----------------------------------------------------------------------------------

    def fill_goals(self) -> None:
        rows = ((goal.id, self._goal_line(number, goal), goal.title)  # the tooltip: a title the narrow list cuts
                for number, goal in cycle.ordered_goals(self.editor.plan))
        if not refill_goal_list(self.goals, rows, self.goal_id):
            self.show_goal(None)
        self.summary.setText("　".join(cycle.summary_text(self.editor.plan, self.marks)))
        self._show_open_instructions()

    def select_goal(self, goal_id: int) -> None:
        ids = [self.goals.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.goals.count())]
        if goal_id in ids:
            self.goals.setCurrentRow(ids.index(goal_id))

    def _goal_line(self, number: str, goal) -> str:
        """「No.3　中△ 末－　行政手続の…」: the marks first, where a narrow list still shows them."""
        abbreviations = {"interim": tr("中"), "final": tr("末")}  # 中間確認, 年度末評価
        marks = " ".join(f"{abbreviations[s]}{(review_of(goal.reviews, s) or Review(s)).mark or '－'}" for s in STAGES)
        title = goal.title.splitlines()[0] if goal.title.strip() else tr("（目標未入力）")
        return f"No.{number}　{marks}　{title}"

    def set_stage(self, stage: str) -> None:
        """Show the other stage's review: what the form holds is stored under the stage it showed first."""
        self.save()
        self.stage = stage
        self.show_goal(self.goal_id)
        self._show_open_instructions()

    def show_goal(self, goal_id: int | None) -> None:
        self.save()
        self.editor.seal()  # what was entered for the review shown is one undo step
        goal = self.editor.plan.goal(goal_id) if goal_id is not None else None
        self.goal_id = goal_id if goal else None
        for widget in (self.mark, self.actual, self.comment, self.reason):
            widget.setEnabled(goal is not None)
        self.plan_text.setHtml(_goal_html(goal) if goal else tr("<p>目標がありません。</p>"))
        self.target.setText(tr("{0}（現状値 {1}）").format(goal.target, goal.baseline) if goal and goal.baseline
                            else (goal.target if goal else ""))
        self._fill_form()

    def _stored(self) -> Review | None:
        """The stored review of what the form shows (None: the form shows no goal)."""
        if self.shown is None:
            return None
        goal = self.editor.plan.goal(self.shown[0])
        if goal is None:
            return None
        return review_of(goal.reviews, self.shown[1]) or Review(self.shown[1])

    def _fill_form(self) -> None:
        """The stored review of the goal and stage chosen, into the form (storing nothing meanwhile)."""
        self.timer.stop()
        self.shown = None  # while the form is filled, nothing it holds belongs to anything
        goal = self.editor.plan.goal(self.goal_id) if self.goal_id is not None else None
        review = (review_of(goal.reviews, self.stage) if goal else None) or Review(self.stage)
        for widget in (self.mark, self.actual, self.comment, self.reason):
            widget.blockSignals(True)
        self.mark.setCurrentIndex(max(0, self.mark.findData(review.mark)))
        self.actual.setText(review.actual)
        self.comment.setPlainText(review.comment)
        self.reason.setPlainText(review.reason)
        for widget in (self.mark, self.actual, self.comment, self.reason):
            widget.blockSignals(False)
        self.shown = (goal.id, self.stage) if goal else None
        self._show_problems()

    def _show_problems(self) -> None:
        problems = review_problems(self.entered(), self.marks) if self.shown is not None else []
        self.problem.setText("\n".join(problems))

    # --- edits --------------------------------------------------------------------------------------

    def entered(self) -> Review:
        """What the form holds, as a review of the stage it shows."""
        stage = self.shown[1] if self.shown else self.stage
        return Review(stage, self.mark.currentData() or "", self.actual.text(), self.comment.toPlainText(),
                      self.reason.toPlainText())

    def save(self) -> None:
        """Store the form under the goal and stage it shows (an undo step); nothing when it is as stored."""
        self.timer.stop()
        stored, shown = self._stored(), self.shown
        if stored is None or shown is None:
            return
        entered = self.entered()
        if entered != stored:
            goal_id = shown[0]
            self.run(lambda: self.editor.set_review(goal_id, entered), self)
        self._show_problems()

    def apply(self, change: Change) -> None:
        """Show again what ``change`` concerns: the list's marks and the counts; the form when the review it
        shows was changed from elsewhere (an undo in the main window); everything when goals changed."""
        if not self.isVisible():
            return
        if change.instructions:
            self._show_open_instructions()
        if change.numbers or change.goal_texts or change.lock:
            self.fill_goals()
            self.show_goal(self.goal_id)
            return
        if not change.reviews:
            return
        numbers = cycle.goal_numbers(self.editor.plan)
        for row in range(self.goals.count()):
            item = self.goals.item(row)
            goal = self.editor.plan.goal(item.data(Qt.ItemDataRole.UserRole))
            if goal is not None and goal.id in change.reviews:
                item.setText(self._goal_line(numbers.get(goal.id, ""), goal))
        self.summary.setText("　".join(cycle.summary_text(self.editor.plan, self.marks)))
        if self.shown is not None and self.shown[0] in change.reviews and self._stored() != self.entered():
            self._fill_form()

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
    for spec in GOAL_FIELDS:
        value = goal.text(spec.key)
        if spec.reviewed and value.strip():
            text = "<br>".join(e(line) for line in value.split("\n"))
            rows.append(f"<p><b>{e(spec.label)}</b><br>{text}</p>")
    if goal.directives:
        rows.append(f"<p><b>{e(GOAL_FIELD_LABELS['directives'])}</b><br>{e(' '.join(goal.directives))}</p>")
    if goal.owner_sections:
        rows.append(f"<p><b>{e(GOAL_FIELD_LABELS['owner_sections'])}</b><br>{e('、'.join(goal.owner_sections))}</p>")
    return "".join(rows)
