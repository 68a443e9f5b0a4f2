"""The main window's 「面談・評価」 menu: 面談モード, 指示事項, 中間確認・年度末評価, 確定 and its unlock.

The window gives every Change to ``apply``: when another plan is shown or the plan is fixed or
unlocked, a fixed plan's fields become read-only (and look it), a banner says which 版 is fixed,
and a carried goal shows last year's 年度末評価 beside the form while drafting. The writes of
this menu are operations of the open plan's editor (評価, 指示事項, 確定, 解除) or of the session
(the city's lists), run through the window's one runner (ui/operations.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QToolTip, QWidget

from ..domain.cycle import PlanLocked, lock_caption, mark_of
from ..domain.wareki import fiscal_year_label
from ..services import year_cycle as cycle
from ..services.change import Change
from . import alerts
from .i18n import tr
from .style import set_look, show_fixed
from .widgets import box_layout

if TYPE_CHECKING:
    from .instructions_panel import InstructionsPanel
    from .interview_mode import InterviewMode
    from .main_window import MainWindow
    from .review_panel import ReviewPanel

KEEP_ENABLED = ("foldButton",)  # folding the cover changes nothing


class YearCycleActions:
    def __init__(self, window: MainWindow):
        self.window = window
        self.interview: InterviewMode | None = None
        self.instructions_panel: InstructionsPanel | None = None
        self.review_panel: ReviewPanel | None = None
        self.banner = QLabel()
        set_look(self.banner, "fixedBanner")
        self.banner.setVisible(False)
        self.banner.setAccessibleName(tr("確定の状態"))
        heading = window.panes.plan_heading
        box_layout(heading.parentWidget()).insertWidget(1, self.banner)
        self.last_year = QLabel()
        set_look(self.last_year, "lastYearReview")
        self.last_year.setWordWrap(True)
        self.last_year.setVisible(False)
        self.last_year.setAccessibleName(tr("前年度の年度末評価"))
        box_layout(window.panes.goal_editor.widget(1)).insertWidget(1, self.last_year)  # under the goal's heading
        window.panes.goal_list.currentGoalChanged.connect(self._goal_chosen)  # after the window's own slot
        window.panes.header.fieldsMade.connect(self._cover_made)
        self.notice = FixedPlanNotice(window)  # typing into a fixed plan's field says why nothing happens
        self._last_year: int | None = None  # the year whose 年度末評価 the carried goals show
        self._last_year_reviews: dict = {}
        self._build_menu()

    def _action(self, text: str, slot, shortcut: str | None = None, tip: str = "") -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_menu(self) -> None:
        a = self._action
        self.act_interview = a(tr("面談モード"), self.start_interview, "F5",
                               tr("計画を大きな文字で表示し、面談で受けた指示事項を記録します（Esc で終了）"))
        self.act_instructions = a(tr("指示事項…"), self.show_instructions, tip=tr("面談における指示事項と対応状況を記録します"))
        self.act_interim = a(tr("中間確認の入力…"), lambda: self.show_reviews("interim"),
                             tip=tr("目標ごとの中間確認を入力します（未完了の指示事項も表示します）"))
        self.act_final = a(tr("年度末評価の入力…"), lambda: self.show_reviews("final"), tip=tr("目標ごとの年度末評価を入力します"))
        self.act_fix = a(tr("確定…"), self.fix, tip=tr("面談後の計画を第N版として確定し、本文を変更できないようにします"))
        self.act_unlock = a(tr("確定を解除…"), self.unlock, tip=tr("理由を記録して確定を解除します"))
        self.act_lists = a(tr("評価の記号と指示者の一覧を編集…"), self.edit_lists,
                           tip=tr("評価の記号（◎ 達成 など）と指示者（市長 など）の一覧を編集します"))
        bar = self.window.menuBar()
        menu = bar.addMenu(tr("面談・評価(&R)"))
        help_menu = next((m.menuAction() for m in bar.findChildren(type(menu)) if m.title().startswith(tr("ヘルプ"))), None)
        if help_menu is not None:
            bar.insertMenu(help_menu, menu)
        for action in (self.act_interview, None, self.act_instructions, self.act_interim, self.act_final, None,
                       self.act_fix, self.act_unlock, None, self.act_lists):
            menu.addSeparator() if action is None else menu.addAction(action)
        self.menu = menu

    @property
    def editor(self):
        return self.window.editor

    # --- the plan on screen -------------------------------------------------------------------------

    def apply(self, change: Change, view) -> None:
        """After a Change: the fixed state and last year's reviews, when they may have changed."""
        if change.plan or change.structure or change.lock or change.lists:
            self.plan_shown(view.plan)

    def plan_shown(self, plan) -> None:
        """Make a fixed plan's fields read-only and say so; enable the actions that apply."""
        lock = plan.lock
        fixed = lock is not None
        self.banner.setVisible(fixed)
        if fixed:
            self.banner.setText(tr("{0}　— 本文は変更できません（評価と指示事項は入力できます）。"
                                   "変更するときは「面談・評価」→「確定を解除」").format(lock_caption(lock)))
        for area in (self.window.panes.header, self.window.panes.answer_panel, self.window.panes.goal_editor):
            _set_fixed(area, fixed, self.notice)
        self._keep_structure_fixed()
        self.window.panes.carry_button.setEnabled(not fixed)
        self.act_fix.setEnabled(not fixed)
        self.act_unlock.setEnabled(fixed)
        self._last_year, self._last_year_reviews = cycle.last_year_reviews(self.window.session, plan)
        self._show_last_year(self.window.panes.goal_list.current_goal_id())

    def _cover_made(self) -> None:
        """The cover's fields, made after the plan was shown, follow its fixed state too."""
        if self.editor is not None and self.editor.plan.lock is not None:
            _set_fixed(self.window.panes.header, True, self.notice)

    def _keep_structure_fixed(self) -> None:
        """On a fixed plan, the goal actions and the pin boxes stay off (the window turns them on per goal)."""
        if self.editor is None or self.editor.plan.lock is None:
            return
        self.window.panes.link_mode.action.setChecked(False)  # no linking on a fixed plan
        self.window.panes.tree.set_pin_target(None)
        _set_fixed(self.window.panes.goal_editor, True, self.notice)  # the form of the goal just chosen, 担当課 boxes included
        for action in (self.window.actions.add_goal, self.window.actions.add_child, self.window.actions.duplicate,
                       self.window.actions.delete, self.window.actions.move_up, self.window.actions.move_down,
                       self.window.actions.replace, self.window.panes.link_mode.action):
            action.setEnabled(False)

    def _goal_chosen(self, goal_id) -> None:
        self._keep_structure_fixed()
        self._show_last_year(goal_id)

    def _show_last_year(self, goal_id) -> None:
        pairs = self._last_year_reviews.get(goal_id, []) if goal_id is not None else []
        year = self._last_year
        self.last_year.setVisible(bool(pairs) and year is not None)
        if not pairs or year is None:  # reviews come with the year they are of
            return
        marks = self.window.session.review_marks()
        lines = []
        for title, review in pairs:
            known = mark_of(marks, review.mark)
            lines.append(tr("{0}の年度末評価: {1}").format(fiscal_year_label(year),
                                                     known.caption if known else review.mark or tr("（評価なし）"))
                         + (f"（{title}）" if len(pairs) > 1 else ""))
            lines += [f"{tr('実績値')}: {review.actual}"] if review.actual.strip() else []
            lines += [review.comment.strip()] if review.comment.strip() else []
            lines += [f"{tr('未達の理由・今後の対応')}: {review.reason.strip()}"] if review.reason.strip() else []
        self.last_year.setText("\n".join(lines))

    def save_panels(self) -> None:
        """Write what was typed in the 評価・指示事項 panels now (a Windows logoff ends the app
        without closing them, before their pause in typing is over)."""
        for panel in (self.review_panel, self.instructions_panel):
            if panel is not None and panel.isVisible():
                panel.save()

    def close_panels(self) -> None:
        """With the window: close the interview and the 評価・指示事項 panels, each writing what was
        typed into it (they save after a pause in typing, which never comes once the app has ended)."""
        for panel in (self.interview, self.review_panel, self.instructions_panel):
            if panel is not None and panel.isVisible():
                panel.close()

    # --- actions --------------------------------------------------------------------------------

    def start_interview(self) -> None:
        from .interview_mode import InterviewMode

        if self.editor is None or not self.window.commit_edits():
            return
        self.interview = InterviewMode(self.editor, self._runner(), self.window)
        self.interview.closed.connect(self._interview_ended)
        self.window.watchers.add(self.interview)
        self.interview.start()

    def _runner(self):
        """How a dialog runs an operation: through the window's runner, its messages shown over the dialog."""
        return lambda operation, dialog: self.window.run_command(operation, dialog, typing=True)

    def _interview_ended(self) -> None:
        count = self.interview.recorded if self.interview else 0
        if self.interview is not None:
            self.window.watchers.remove(self.interview)
        self.interview = None
        if count:
            self.window.statusBar().showMessage(tr("面談モードで指示事項を{0}件記録しました。").format(count), 8000)

    def show_instructions(self, status: str = "all") -> None:
        from .instructions_panel import InstructionsPanel

        if self.editor is None or not self.window.commit_edits():
            return
        if self.instructions_panel is None or self.instructions_panel.editor is not self.editor:
            self.instructions_panel = InstructionsPanel(self.editor, self._runner(), self.window)
            self.window.watchers.add(self.instructions_panel)
        self.instructions_panel.set_filter(status)
        self.instructions_panel.show_list()
        self.instructions_panel.show()
        self.instructions_panel.raise_()

    def show_reviews(self, stage: str) -> None:
        from .review_panel import ReviewPanel

        if self.editor is None or not self.window.commit_edits():
            return
        if self.review_panel is not None:
            self.window.watchers.remove(self.review_panel)
            self.review_panel.close()
        self.review_panel = ReviewPanel(self.editor, stage, self._runner(), self.window,
                                        open_instructions=lambda: self.show_instructions("not_done"))
        self.window.watchers.add(self.review_panel)
        self.review_panel.show()

    def fix(self) -> None:
        if self.editor is None or not self.window.commit_edits():
            return
        plan = self.editor.plan
        if not alerts.ask_yes_no(self.window, tr("計画の確定"), tr(
                "{0} {1}の計画を第{2}版として確定します。\n確定すると本文は変更できなくなります（評価と指示事項は入力できます）。"
                "\n確定したときの計画は記録として残ります。確定しますか？").format(
                fiscal_year_label(plan.fiscal_year), plan.department, plan.revision)):
            return
        self.window.run_command(lambda: self.editor.fix().with_(
            message=tr("第{0}版として確定しました。").format(plan.revision)))

    def unlock(self) -> None:
        if self.editor is None or self.editor.plan.lock is None:
            return
        question = tr("確定を解除する理由を入力してください（記録として残ります）。\n解除すると計画は第{0}版になります。").format(
            self.editor.plan.revision + 1)
        reason = alerts.ask_text(self.window, tr("確定の解除"), question)
        while reason is not None and not reason.strip():  # the reason is the record: ask again, say why
            reason = alerts.ask_text(self.window, tr("確定の解除"), tr("理由が空のままでは解除できません。") + "\n" + question)
        if reason is None:
            return
        editor = self.editor
        self.window.run_command(lambda: editor.unlock(reason).with_(
            message=tr("確定を解除しました。計画は第{0}版になりました。").format(editor.plan.revision)))

    def edit_lists(self) -> None:
        session = self.window.session
        marks = alerts.edit_lines(self.window, tr("評価の記号"), tr(
            "1行に1つ、「記号 意味」の形で入力してください。理由が必要な評価（未達）は行末に「*」を付けます。"),
            [f"{m.mark} {m.label}{' *' if m.needs_reason else ''}" for m in session.review_marks()])
        if marks is not None:
            self.window.run_command(lambda: session.set_review_marks([_parse_mark(line) for line in marks]))
        givers = alerts.edit_lines(self.window, tr("指示者の一覧"), tr("1行に1人入力してください。"),
                                   session.instruction_givers())
        if givers is not None:
            self.window.run_command(lambda: session.set_instruction_givers(givers))


def _parse_mark(line: str):
    from ..domain.cycle import ReviewMark

    needs = line.rstrip().endswith("*")
    mark, _, label = line.rstrip(" *").partition(" ")
    return ReviewMark(mark.strip(), label.strip(), needs)


class FixedPlanNotice(QObject):
    """Watches the read-only fields of a fixed plan: a key that would type, a paste or an input method's
    text says, beside the field and in the status bar, why nothing was written and what to do."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if _would_type(event) and isinstance(watched, QWidget):
            lock = self.window.editor.plan.lock if self.window.editor is not None else None
            if lock is not None:
                message = PlanLocked(lock.revision).args[0]
                QToolTip.showText(watched.mapToGlobal(watched.rect().center()), message, watched)
                self.window.statusBar().showMessage(message, 10000)
        return False


def _would_type(event) -> bool:
    kind = event.type()
    if kind == QEvent.Type.InputMethod:
        return bool(event.commitString())
    if kind != QEvent.Type.KeyPress:
        return False
    edits = (QKeySequence.StandardKey.Paste, QKeySequence.StandardKey.Cut, QKeySequence.StandardKey.Delete)
    return (bool(event.text()) and event.text().isprintable() and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier) \
        or event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Return) \
        or any(event.matches(key) for key in edits)


def _set_fixed(area: QWidget, fixed: bool, notice: QObject) -> None:
    """Fields of a fixed plan: read-only and shaded (typing there says why); buttons and choices off.
    Unfixing undoes only that."""
    for widget in area.findChildren(QWidget):
        if isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(), QAbstractSpinBox):
            continue  # the spin box's own line follows the spin box
        if isinstance(widget, (QPlainTextEdit, QLineEdit, QAbstractSpinBox)):
            if fixed == bool(widget.property("fixedPlan")):
                continue
            widget.setReadOnly(fixed)
            show_fixed(widget, fixed)
            if fixed:
                widget.installEventFilter(notice)
            else:
                widget.removeEventFilter(notice)
        elif isinstance(widget, (QAbstractButton, QComboBox)) and widget.objectName() not in KEEP_ENABLED:
            if fixed and widget.isEnabled():
                widget.setEnabled(False)
                widget.setProperty("offWhileFixed", True)
            elif not fixed and widget.property("offWhileFixed"):
                widget.setEnabled(True)
                widget.setProperty("offWhileFixed", False)
