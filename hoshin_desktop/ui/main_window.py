"""The main window: the basic policy on the left, the department's plan on the right.

The window owns no data and computes no positions. It asks the Workspace (services/) for
what the user meant, gets back a Change, and passes it to its panels, each of which shows
again only what the Change concerns. Typing reaches the editor through PendingEdits
(written a moment after the last keystroke); everything else at once.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow

from .. import __version__
from ..domain.models import Signer
from ..domain.plan_template import default_preamble
from ..domain.wareki import fiscal_year_label
from ..services.change import Change
from ..services.search import SearchHit, SearchIndex
from ..services.session import PlanEditor, Session
from ..services.workspace import Workspace
from . import alerts, file_commands, first_run, operations, place, reveal, screen_fit, window_actions, window_layout
from .autosave import PendingEdits
from .i18n import tr
from .import_actions import LastImport
from .keeper import Keeper
from .operations import Watchers
from .plan_pane import FieldHub
from .reveal import FieldMarker, go_to_hit
from .settings import read_int, settings
from .text_size import TextSize
from .widgets import EDIT_FIELDS
from .year_cycle_actions import YearCycleActions

if TYPE_CHECKING:
    from .directive_mapping_dialog import DirectiveMappingDialog
    from .help import HelpWindow
    from .redline_view import RedlineView
    from .replace_dialog import ReplaceDialog
    from .window_actions import WindowActions


def window_title() -> str:
    return tr("部の運営方針・組織目標 作成ツール")


class MainWindow(QMainWindow):
    actions: WindowActions  # type: ignore[assignment]  # the menus' commands; hides QWidget.actions(), which nothing calls

    def __init__(self, session: Session, *, remember: bool = True):
        super().__init__()
        self.session = session
        self.workspace = Workspace(session)
        self.remember = remember  # False in --exit-after-startup: leave the user's settings alone
        self._goal_id: int | None = None
        self._help: HelpWindow | None = None
        self.mapping_dialog: DirectiveMappingDialog | None = None  # 基本方針の対応表, not modal
        self.redline_view: RedlineView | None = None  # 前年度との比較, not modal
        self._policy_year: int | None = None
        self.search_index = SearchIndex(session)
        self.pending = PendingEdits(self)
        self.hub = FieldHub(self)
        self.watchers = Watchers()  # the open dialogs that show part of the plan
        self.keeper = Keeper(self, session)
        self.backup_timer = self.keeper.backup_timer
        self.marker = FieldMarker()  # the word a search or replace found
        self.replace_dialog: ReplaceDialog | None = None
        self.text_size = TextSize(self, remember=remember)
        self.setObjectName("mainWindow")
        self.setAccessibleName(window_title())
        self.actions = window_actions.build_actions(self)
        self.menus = window_actions.build_menus(self, self.actions, self.text_size.actions())
        self.last_import = LastImport(self.actions.undo_import)  # 「取り込む前に戻す」
        from .collection_actions import install as install_collection  # the planning office's menu items
        self.collection = install_collection(self)
        from .adoption_actions import install as install_adoption  # Word 文書から取り込み, 事務引継ぎ, 年度末の集計
        self.adoption = install_adoption(self)
        self.panes = window_layout.build_central(self)
        window_layout.add_goal_keys(self.panes, self.actions)
        self.toolbar = window_actions.build_toolbar(self, self.actions)
        self.coverage_state = window_layout.build_status_bar(self)
        from .paper_actions import install as install_paper  # 提出前の確認, Ctrl+S, Ctrl+F2, 書き出しの記録
        self.paper = install_paper(self)
        self._wire()
        self.room = screen_fit.install(self)  # linking mode, F6, the cover remembered, search room
        screen_fit.tab_chain(self)  # reading order; again after each goal shown (its 担当課 boxes change)
        window_layout.restore_layout(self)
        self.year_cycle = YearCycleActions(self)  # 面談・評価: interview, instructions, reviews, 確定
        self._open_initial_plan()

    @property
    def editor(self) -> PlanEditor | None:
        return self.workspace.editor

    def _wire(self) -> None:
        self.toolbar.year_combo.activated.connect(self._year_chosen)
        self.toolbar.dept_combo.activated.connect(self._department_chosen)
        self.panes.tree.directiveSelected.connect(self._directive_selected)
        self.panes.tree.sectionSelected.connect(self._section_selected)
        self.panes.tree.itemClicked.connect(lambda *_: screen_fit.reveal_answer(self))  # also the row already chosen
        self.panes.tree.pinToggled.connect(self._pin_toggled)
        self.panes.goal_list.currentGoalChanged.connect(self._goal_selected)
        self.panes.goal_list.directiveDropped.connect(self._directive_dropped)
        self.panes.goal_editor.fieldEdited.connect(self._goal_field_edited)
        self.panes.goal_editor.sectionsChanged.connect(self._owner_sections_changed)
        self.panes.goal_editor.parentChanged.connect(self._goal_parent_changed)
        self.panes.goal_editor.addGoalRequested.connect(self.add_goal)
        self.panes.goal_editor.editSectionsRequested.connect(self.edit_sections)
        self.panes.goal_editor.droppedSeen.connect(lambda ids: self.run_command(lambda: self.workspace.open_editor.dismiss_dropped(ids)))
        self.panes.header.dateEdited.connect(self._date_edited)
        self.panes.header.revisionEdited.connect(self._revision_edited)
        self.panes.header.signersEdited.connect(self._signers_edited)
        self.panes.header.preambleEdited.connect(self._preamble_edited)
        self.panes.header.resetPreambleRequested.connect(self._reset_preamble)
        self.panes.header.foldedChanged.connect(lambda folded: self.actions.fold_header.setChecked(not folded))
        self.panes.answer_panel.answerEdited.connect(self._answer_edited)
        self.panes.answer_panel.goalLinkActivated.connect(self.select_goal)
        self.panes.coverage.directiveActivated.connect(self.jump_to_directive)
        self.panes.coverage.goalActivated.connect(self.select_goal)
        self.panes.search_panel.hitActivated.connect(self.jump_to_hit)
        self.hub.left.connect(self._field_left)
        self.hub.typingUndoChanged.connect(self.update_undo_actions)
        self.pending.saved.connect(self._after_typing_saved)
        self.pending.failed.connect(self.keeper.failed)
        self.pending.rejected.connect(self._edit_rejected)
        self.pending.pendingChanged.connect(self.keeper.pending)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    # --- choosing the plan ------------------------------------------------------------------------

    def _open_initial_plan(self) -> None:
        years = self.session.fiscal_years()
        if not years:
            alerts.error(self, tr("基本方針がありません"), tr("基本方針のデータが見つかりません。アプリを入れ直してください。"))
            return
        store = settings()
        year = read_int(store, "plan/year")
        year = year if year in years else years[-1]
        department = (store.value("plan/department") or store.value(first_run.DEPARTMENT_KEY)
                      or self._only_drafted())
        names = [d.name for d in self.session.departments(year)]
        if self.remember and first_run.needed(store) and names:
            department = first_run.ask(self, names, department, store) or department
        department = department if department in names else (names[0] if names else None)
        self._fill_choosers(year, department)
        if department is not None:
            self.open_plan(year, department)

    def _only_drafted(self) -> str | None:
        """The one 部 whose plans this data holds (copied from its PC, say): likely the user's own."""
        drafted = {name for _year, name, _id in self.session.plan_keys()}
        return drafted.pop() if len(drafted) == 1 else None

    def _fill_choosers(self, year: int, department: str | None) -> None:
        """The toolbar's year and department lists, showing ``year`` and ``department``."""
        for combo in (self.toolbar.year_combo, self.toolbar.dept_combo):
            combo.blockSignals(True)
            combo.clear()
        for each in self.session.fiscal_years():
            self.toolbar.year_combo.addItem(fiscal_year_label(each), each)
        self.toolbar.year_combo.setCurrentIndex(self.toolbar.year_combo.findData(year))
        stored = {name for _y, name, _id in self.session.plan_keys(year)}
        for name in (d.name for d in self.session.departments(year)):
            self.toolbar.dept_combo.addItem(name, name)
            self.toolbar.dept_combo.setItemData(self.toolbar.dept_combo.count() - 1, tr("作成中の計画があります") if name in stored
                                        else tr("未作成"), Qt.ItemDataRole.ToolTipRole)
        self.toolbar.dept_combo.setCurrentIndex(max(0, self.toolbar.dept_combo.findData(department) if department else -1))
        for combo in (self.toolbar.year_combo, self.toolbar.dept_combo):
            combo.blockSignals(False)

    def _year_chosen(self, _index: int) -> None:
        year = self.toolbar.year_combo.currentData()
        names = [d.name for d in self.session.departments(year)]
        department = self.workspace.key[1] if self.workspace.key else None
        department = department if department in names else (names[0] if names else None)
        self._fill_choosers(year, department)
        if department is not None:
            self.open_plan(year, department)

    def _department_chosen(self, _index: int) -> None:
        self.open_plan(self.toolbar.year_combo.currentData(), self.toolbar.dept_combo.currentData())

    def open_plan(self, year: int, department: str) -> None:
        """Show the plan of ``department`` in ``year`` (a new plan is stored on its first edit)."""
        if self.workspace.key == (year, department):
            return
        left = place.stored(year, department) if self.remember else None  # read before the redraw notes 1(1)
        self.commit_edits()
        self._goal_id = None
        self.show_change(self.workspace.open_plan(year, department))
        self.panes.header.set_open(screen_fit.cover_open(self.workspace.open_editor.plan, self.remember))
        goals = self.workspace.shown().ordered
        self.panes.goal_list.select_goal(goals[0].id if goals else None)
        if self.remember:
            store = settings()
            store.setValue("plan/year", year)
            store.setValue("plan/department", department)
            place.return_to(self, left)

    # --- showing what changed ---------------------------------------------------------------------

    def _show_frame(self, view) -> None:
        """What belongs to the plan as a whole: the choosers, the headings, the policy, the carry-over offer."""
        plan = view.plan
        year, department = plan.fiscal_year, plan.department
        self._fill_choosers(year, department)  # also which 部 have a plan (an import or a 部 list edit)
        if self._policy_year != year:
            self.panes.tree.show_policy(view.policy)
            self._policy_year = year
            self.panes.policy_heading.setText(tr("{0} 市政運営の基本方針").format(fiscal_year_label(year)))
            if self.panes.tree.current_code() is None and view.policy.directives:
                self.panes.tree.select_directive(view.policy.directives[0].code)
        self.panes.plan_heading.setText(tr("{0}　{1}の運営方針・組織目標").format(fiscal_year_label(year), department))
        self.setWindowTitle(f"{fiscal_year_label(year)} {department} — {window_title()}")

    def _show_carry_offer(self, view) -> None:
        previous = self.workspace.previous_plan()
        if previous is not None:
            self.panes.carry_label.setText(tr("{0}の{1}の計画（目標{2}件）があります。目標と署名者を引き継いで始められます。"
                                        "基本方針の文言が変わった項目の関連付けは、引き継いだあとで付け直します。").format(
                fiscal_year_label(previous.fiscal_year), view.plan.department, len(previous.goals)))
        self.panes.carry_bar.setVisible(previous is not None)

    def show_change(self, change: Change) -> None:
        """Pass ``change`` to every panel; each shows again only what the change concerns."""
        view = self.workspace.view()
        if view is None:
            return
        if change.policy:  # read again from the data: the policy, and every plan searched
            self._policy_year = None
            self.search_index.invalidate()
        if change.plan or change.policy or change.organisation:
            self._show_frame(view)
        elif change.label:  # an edit: the first one stores a new plan, no longer 未作成 in the chooser
            self.toolbar.dept_combo.setItemData(self.toolbar.dept_combo.currentIndex(), tr("作成中の計画があります"),
                                        Qt.ItemDataRole.ToolTipRole)
        if change.select is not None and view.goal(change.select) is not None:
            self._goal_id = change.select
        elif self._goal_id is not None and view.goal(self._goal_id) is None:
            self._goal_id = None
        for panel in (self.panes.header, self.panes.tree, self.panes.goal_list, self.panes.answer_panel, self.panes.coverage):
            panel.apply(change, view)
        if change.structure or change.plan:
            self._show_carry_offer(view)
            self.panes.goals_heading.setText(tr("組織目標（{0}件）").format(len(view.plan.goals)))
        if change.coverage or change.goals:
            uncovered, unpinned = len(view.uncovered), len(view.unpinned)
            text = tr("未対応の確認（{0}）").format(uncovered + unpinned)
            if self.panes.side_tabs.tabText(0) != text:  # setting it again lays out and repaints the whole side panel
                self.panes.side_tabs.setTabText(0, text)
            self.coverage_state.setText(tr("部の方針も目標もない項目 {0}件　関連付けのない目標 {1}件").format(uncovered, unpinned))
        if (change.answers or change.goals or change.numbers) and view.plan.id is not None:
            self.search_index.update_plan(view.plan)
            self.panes.search_panel.plan_changed()
        if self._goal_id != self.panes.goal_list.current_goal_id():
            self.panes.goal_list.select_goal(self._goal_id)
        self._show_goal(change, view)
        self.year_cycle.apply(change, view)
        self.watchers.apply(change)
        if change.label:
            self.keeper.saved()
        if change.message:
            self.statusBar().showMessage(change.message, 8000)  # the services' Japanese (ui/i18n.py)

    def _show_goal(self, change: Change, view) -> None:
        self.panes.goal_editor.apply(change, view, self._goal_id)
        goal = view.goal(self._goal_id)
        self.panes.link_mode.show_goal(goal if view.plan.lock is None else None, view.numbers.get(self._goal_id, ""))
        screen_fit.tab_chain(self)
        self.panes.goal_list.highlight_directive(self.panes.tree.current_code())
        self._update_actions()

    def _update_actions(self) -> None:
        editable = self.editor is not None and self.editor.plan.lock is None  # a fixed (確定) plan's text stays
        has_goal = editable and self._goal_id is not None
        for action in (self.actions.duplicate, self.actions.delete, self.actions.add_child):
            action.setEnabled(has_goal)
        self.actions.add_goal.setEnabled(editable)
        self.actions.move_up.setEnabled(editable and self.workspace.can_move(self._goal_id, -1))
        self.actions.move_down.setEnabled(editable and self.workspace.can_move(self._goal_id, 1))
        for action in (self.actions.replace, self.panes.link_mode.action):  # no 置換 or linking on a fixed (確定) plan
            action.setEnabled(editable)
        self.update_undo_actions()

    def _typing_field(self):
        widget = QApplication.focusWidget()
        return widget if isinstance(widget, EDIT_FIELDS) and self.isAncestorOf(widget) else None

    def _focus_changed(self, _old, _new) -> None:
        self.update_undo_actions()

    def update_undo_actions(self) -> None:
        window_actions.show_undo_state(self.actions, self.toolbar, self._typing_field(), self.editor)

    # --- edits -------------------------------------------------------------------------------------

    def commit_edits(self, seal: bool = True) -> bool:
        """Finish the input method's composition and write everything typed (and, with ``seal``, end
        the run of keystrokes that make one undo step). False if it failed."""
        QGuiApplication.inputMethod().commit()
        ok = self.pending.flush()
        if seal and self.editor is not None:
            self.editor.seal()
        return ok

    def run_command(self, command, parent=None, **messages) -> Change | None:
        """Run one operation (after what was typed is written) and show its Change (ui/operations.py)."""
        if self.editor is None:
            return None
        return operations.run(self, command, parent, **messages)

    def _schedule(self, key, method: str, *args) -> None:
        self.pending.schedule(key, partial(getattr(self.editor, method), *args))

    def _goal_field_edited(self, goal_id: int, field: str, text: str) -> None:
        self._schedule(("goal", goal_id, field), "set_goal_field", goal_id, field, text)

    def _answer_edited(self, code: str, text: str) -> None:
        self._schedule(("answer", code), "set_answer", code, text)

    def _preamble_edited(self, text: str) -> None:
        self._schedule(("preamble",), "set_preamble", text)

    def _date_edited(self, value) -> None:
        self._schedule(("date",), "set_plan_date", value)

    def _revision_edited(self, value: int) -> None:
        self._schedule(("revision",), "set_revision", value)

    def _signers_edited(self, signers: list, structural: bool) -> None:
        signers = [Signer(s.title, s.name) for s in signers]  # the header keeps its own
        if structural:
            self.run_command(partial(self.workspace.open_editor.set_signers, signers))
        else:
            self._schedule(("signers",), "set_signers", signers)

    def _reset_preamble(self) -> None:
        editor = self.workspace.open_editor
        text = default_preamble(editor.policy, editor.plan.department)
        self.run_command(lambda: editor.set_preamble(text).with_(message=tr("前文を既定の文に戻しました。")))

    def _owner_sections_changed(self, goal_id: int, names: list) -> None:
        self.run_command(partial(self.workspace.open_editor.set_owner_sections, goal_id, list(names)))

    def _goal_parent_changed(self, goal_id: int, parent) -> None:
        self.run_command(partial(self.workspace.set_goal_parent, goal_id, parent))

    def _after_typing_saved(self, change: Change) -> None:
        self.keeper.saved()  # also when what was pending was refused: nothing is waiting any more
        self.show_change(change)

    def _edit_rejected(self, _key, message: str) -> None:
        alerts.warning(self, tr("入力できません"), message)
        self.show_change(Change(cover=True, plan=True))

    def _field_left(self) -> None:
        """Focus left a text field: what was typed there becomes one undo step."""
        self.pending.flush()
        if self.editor is not None:
            self.editor.seal()
        self.update_undo_actions()

    # --- goals -------------------------------------------------------------------------------------

    def add_goal(self) -> None:
        if self.run_command(lambda: self.workspace.add_goal(self._goal_id, self.panes.tree.current_code())):
            self.panes.goal_editor.focus_title()

    def add_child_goal(self) -> None:
        if self._goal_id is None:
            self.statusBar().showMessage(tr("課の目標を追加するには、先に部の目標を選んでください。"), 6000)
        elif self.run_command(lambda: self.workspace.add_section_goal(self._goal_id)):
            self.panes.goal_editor.focus_title()

    def duplicate_goal(self) -> None:
        if self._goal_id is not None:
            self.run_command(partial(self.workspace.duplicate_goal, self._goal_id))

    def delete_goal(self) -> None:
        goal_id = self._goal_id
        if goal_id is None or not self.commit_edits():
            return
        question = self.workspace.delete_question(goal_id)
        if question and not alerts.ask_yes_no(self, tr("目標の削除"), question):
            return
        if self.run_command(partial(self.workspace.delete_goal, goal_id)):
            if self._goal_id is None:
                self.panes.goal_list.select_goal(None)
            self.panes.goal_list.setFocus(Qt.FocusReason.OtherFocusReason)

    def move_goal(self, step: int) -> None:
        if self._goal_id is not None:
            self.run_command(partial(self.workspace.move_goal, self._goal_id, step))

    def _pin_toggled(self, code: str, pinned: bool) -> None:
        if self._goal_id is not None:
            self.run_command(partial(self.workspace.pin if pinned else self.workspace.unpin, self._goal_id, code))

    def _directive_dropped(self, goal_id: int, code: str) -> None:
        self.run_command(partial(self.workspace.pin, goal_id, code))

    def carry_over_previous(self) -> None:
        """Start this plan from the department's plan of an earlier year (one undo step)."""
        from .carry_over_dialog import choose_directions, tell_what_was_left  # 方向性 and lineage

        source = self.workspace.previous_plan()
        chosen = choose_directions(self, source) if source is not None else None
        if chosen is None:
            return
        if self.run_command(partial(self.workspace.carry_over, *chosen)):
            self.show_coverage()
            if (carried := self.workspace.carried) is not None:
                tell_what_was_left(self, carried.report(), carried.needs_attention)

    # --- undo / redo ----------------------------------------------------------------------------

    def undo(self) -> None:
        field = self._typing_field()
        if field is not None and field.can_undo_typing():
            field.undo()
            self.update_undo_actions()
            return
        reveal.show_undone_answer(self, self.run_command(self.workspace.undo))

    def redo(self) -> None:
        field = self._typing_field()
        if field is not None and field.can_redo_typing():
            field.redo()
            self.update_undo_actions()
            return
        if field is not None and field.can_undo_typing():
            return  # redoing a plan step now would throw away what is being typed
        reveal.show_undone_answer(self, self.run_command(self.workspace.redo))

    # --- organisation, search, coverage, help ------------------------------------------------------

    def edit_sections(self) -> None:
        """A list editor for the department's 課 (ui/section_editor.py); one undo step."""
        from .section_editor import edit_sections

        edit_sections(self)

    def edit_departments(self) -> None:
        """A list editor for the year's 部 (ui/department_editor.py)."""
        from .department_editor import edit_departments

        edit_departments(self)

    def show_search(self) -> None:
        self.commit_edits()
        self.panes.side_tabs.setCurrentWidget(self.panes.search_panel)
        self.panes.search_panel.focus_field()

    def show_coverage(self) -> None:
        self.panes.side_tabs.setCurrentWidget(self.panes.coverage)
        self.panes.coverage.directives.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def toggle_header(self) -> None:
        self.panes.header.set_open(self.actions.fold_header.isChecked())
        screen_fit.remember_cover(self, self.actions.fold_header.isChecked())

    def show_help(self) -> None:
        from .help import HelpWindow

        if self._help is None:
            self._help = HelpWindow(self)
        self._help.show()
        self._help.raise_()
        self._help.activateWindow()

    def show_welcome(self) -> None:
        """ヘルプ → はじめに: the first-run screen again; another 部 chosen there opens its plan."""
        if self.editor is None:
            return
        year = self.editor.plan.fiscal_year
        chosen = first_run.ask(self, [d.name for d in self.session.departments(year)],
                               self.editor.plan.department, settings())
        if chosen:
            self.open_plan(year, chosen)

    def show_replace(self) -> None:
        from . import replace_dialog

        self.replace_dialog = replace_dialog.open_for(self, self.replace_dialog)

    def edit_in_large(self) -> None:
        field = self._typing_field()
        if field is None or not hasattr(field, "max_lines"):
            self.statusBar().showMessage(tr("大きな画面で編集するには、先に文章の欄（取組内容など）をクリックしてください。"), 6000)
            return
        from .long_text import edit_large

        edit_large(self, field)

    def show_year_redline(self) -> None:
        from .redline_view import show_year_redline

        if self.editor is not None and self.commit_edits():
            self.redline_view = show_year_redline(self, self.session, self.editor.plan.fiscal_year, self.editor.plan.department)

    def show_version_redline(self) -> None:
        from .version_compare import show_version_redline

        if self.editor is not None and self.commit_edits():
            self.redline_view = show_version_redline(self, self.session, self.editor.plan)

    def show_policy_mapping(self) -> None:
        from .directive_mapping_dialog import open_mapping

        if self.editor is not None:
            self.mapping_dialog = open_mapping(self, self.session, self.editor.plan.fiscal_year)

    def show_about(self) -> None:
        alerts.info(self, tr("このアプリについて"),
                    tr("{0}\n版 {1}\n\n国分寺市の各部が、市政運営の基本方針に沿って部の運営方針と組織目標を作成するためのアプリです。"
                       "ネットワークには接続しません。\n\nデータの保存先: {2}").format(window_title(), __version__, self.session.data_dir))

    # --- export, print, import (ui/file_commands.py) ------------------------------------------------

    def export(self, name: str) -> None:
        file_commands.export(self, name)

    def export_all(self, name: str = "export_all_docx") -> None:
        file_commands.export_all(self, name)

    def import_plan_file(self) -> None:
        file_commands.import_plan_file(self)

    def import_policy(self) -> None:
        self.mapping_dialog = file_commands.import_policy(self) or self.mapping_dialog

    # --- selection ------------------------------------------------------------------------------------

    def _directive_selected(self, code: str) -> None:
        view = self.workspace.view()
        if view is None:
            return
        self.commit_edits()
        self.panes.answer_panel.show_directive(view.policy, code, view.plan, view.numbers)
        self.panes.goal_list.highlight_directive(code)
        place.keep(self)
        if self.panes.tree.hasFocus():  # the user's choice, not a redraw: show what was chosen
            screen_fit.reveal_answer(self)

    def _section_selected(self, number: int) -> None:
        if self.editor is None:
            return
        self.commit_edits()
        self.panes.answer_panel.show_section(self.editor.policy, number)
        self.panes.goal_list.highlight_directive(None)
        if self.panes.tree.hasFocus():
            screen_fit.reveal_answer(self)

    def _goal_selected(self, goal_id) -> None:
        if self.editor is None:
            return
        same = goal_id == self._goal_id
        self._goal_id = goal_id  # before the flush: its redraw keeps this goal
        self.commit_edits()
        place.keep(self)
        if same:  # the list follows a Change: show_change showed the goal, once
            return
        screen_fit.top_of_form(self)
        self._show_goal(Change(), self.workspace.view())

    def select_goal(self, goal_id: int) -> None:
        self.panes.goal_list.select_goal(goal_id)
        if self.panes.goal_list.current_goal_id() != self._goal_id:
            self._goal_selected(self.panes.goal_list.current_goal_id())

    def jump_to_directive(self, code: str) -> None:
        self.panes.tree.select_directive(code)
        self.panes.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def jump_to_hit(self, hit: SearchHit) -> None:
        if self.editor is not None:
            go_to_hit(self, hit)

    # --- closing ----------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.commit_edits() and not alerts.ask_yes_no(
                self, tr("保存できていない内容があります"),
                tr("最後に入力した内容を保存できませんでした。このまま閉じると、その入力は失われます。\n閉じますか？")):
            event.ignore()
            return
        self.year_cycle.close_panels()
        window_layout.save_layout(self)
        if self._help is not None:
            self._help.close()
        event.accept()
