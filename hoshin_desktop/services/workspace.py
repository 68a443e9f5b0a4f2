"""The application's state below the window: the open plan, its editor, and commands as intentions.

The window asks for what the user meant ("add a goal after this one", "move it up") and
gets back a Change saying what to show again; it never computes positions or ids. The
Workspace keeps one PlanEditor (with its undo history) per plan opened in this run and
drops them when what they were made from changed: the 課 or 部 lists, an import, a policy.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable
from functools import cached_property
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..domain.matrix import pin_counts, uncovered_directives, unpinned_goals
from ..domain.models import (
    Department,
    Goal,
    Plan,
    PolicyDocument,
    block_end,
    printed_sections,
    removed_names,
    stored_id,
)
from ..domain.numbering import (
    move_neighbour,
    neighbour_at,
    number_of,
    numbers_of,
    paper_order,
    paper_order_adding,
    siblings_in_order,
)
from ..domain.text import first_line
from ..domain.wareki import fiscal_year_label
from .change import EVERYTHING, PLAN_SHOWN, Change
from .names import cleaned_names, respelled
from .plan_editor import PlanEditor
from .session import Session

if TYPE_CHECKING:
    from .carry_over import CarryOverPlan
    from .plan_files import ImportResult, PlanFile


class PlanView:
    """The open plan as the panels show it; what is derived from it is computed once per update."""

    def __init__(self, plan: Plan, policy: PolicyDocument, department: Callable[[], Department], generation: int = 0):
        self.plan = plan
        self.policy = policy
        self._department = department
        self.generation = generation  # the editor's, when this view was made

    def before_adding(self) -> Callable[[Goal, int], PlanView | None]:
        """The view to have once a goal is added (an edit that changes nothing else), from what this view
        makes now, before the edit changes the plan in place: its numbers, pins and 部 follow, the new goal
        placed in them (paper_order_adding), not the whole plan sorted and counted again. The view is None
        if the editor's generation says that the edit changed more."""
        numbered, pinned, department = self.numbered, self.pinned, self.department

        def after(goal: Goal, generation: int) -> PlanView | None:
            if generation != self.generation + 1:
                return None
            view = PlanView(self.plan, self.policy, self._department, generation)
            counts = Counter(pinned)
            counts.update(dict.fromkeys(goal.directives).keys())
            view.__dict__.update(numbered=paper_order_adding(numbered, self.plan, goal), pinned=counts,
                                 department=department)  # where cached_property keeps them
            return view

        return after

    @cached_property
    def department(self) -> Department:
        return self._department()

    @cached_property
    def numbered(self) -> list[tuple[str, Goal]]:
        """(No., goal) in paper order (domain/numbering.py)."""
        return paper_order(self.plan)

    @cached_property
    def numbers(self) -> dict[int, str]:
        return numbers_of(self.numbered)

    @cached_property
    def ordered(self) -> list[Goal]:
        """The goals in paper order (the order of the list and of the printout)."""
        return list(map(itemgetter(1), self.numbered))  # made in C: 10,000 goals at every update

    @cached_property
    def goals_by_id(self) -> dict[int | None, Goal]:
        """Goal id → the plan's goal (made in C, once per update: the panels ask for goals by id many times)."""
        return dict(zip(map(attrgetter("id"), self.plan.goals), self.plan.goals))

    def goal(self, goal_id: int | None) -> Goal | None:
        """The plan's goal ``goal_id`` (None: not in the plan)."""
        return self.goals_by_id.get(goal_id) if goal_id is not None else None

    @cached_property
    def pinned(self) -> Counter[str]:
        """Directive code → how many goals are pinned to it (domain/matrix.py)."""
        return pin_counts(self.plan)

    @cached_property
    def places(self) -> dict[int | None, int]:
        """Goal id → its index in ``ordered`` (the window asks whether the goal shown can move at every update)."""
        return dict(zip(map(attrgetter("id"), self.ordered), range(len(self.ordered))))

    @cached_property
    def uncovered(self) -> list[str]:
        """Codes with neither an answer nor a pinned goal, in the policy's order (domain/matrix.py)."""
        return uncovered_directives(self.policy, self.plan, self.pinned)

    @cached_property
    def unpinned(self) -> list[Goal]:
        """Goals pinned to no directive, in paper order (domain/matrix.py)."""
        return unpinned_goals(self.plan, self.numbered)


class Question(NamedTuple):
    """A yes/no question a command needs answered before it goes on (``confirm`` goes on)."""

    title: str
    text: str
    confirm: Callable[[], Change | Question]  # the answer may raise another question


def _shown_after_deleting(plan: Plan, goal_id: int, ordered=None) -> int | None:
    """The goal to show once ``goal_id`` is deleted: the next of its siblings on paper, else the one
    before, else the department goal it was under."""
    goal = plan.known_goal(goal_id)
    siblings = [g.id for g in siblings_in_order(plan, goal, ordered)]
    index = siblings.index(goal_id)
    return siblings[index + 1] if index + 1 < len(siblings) else (siblings[index - 1] if index > 0 else goal.parent)


def _shown_after_step(before: Plan, after: PlanView, change: Change, undo: bool) -> int | None:
    """The goal to show after an undo or redo: where the step happened, as Word puts the cursor back.
    An added goal undone: the goal it was added after (where the user was), even when it printed
    elsewhere; a deletion redone: its neighbour; a goal whose text or 担当課 came back: that goal
    (the first on paper of several)."""
    gone = change.select
    if gone is not None and after.plan.goal(gone) is None and before.goal(gone) is not None:
        return _added_after(before, gone) if undo else _shown_after_deleting(before, gone)
    if gone is None and len(change.goals) == 1:
        return next(iter(change.goals))
    if gone is None and change.goals:  # the view's order: computed once for the window too
        return next((g.id for g in after.ordered if g.id in change.goals), None)
    return gone


def _added_after(plan: Plan, goal_id: int) -> int | None:
    """The goal before ``goal_id`` in the drafter's order: the one it was added after (a department goal
    goes after a whole block, so its 課 goals lead back to their department goal)."""
    order = plan.goals
    index = next(i for i, g in enumerate(order) if g.id == goal_id)
    if index == 0:
        return _shown_after_deleting(plan, goal_id)
    previous = order[index - 1]
    return previous.parent if previous.parent is not None and plan.known_goal(goal_id).parent is None else previous.id


def _departments_question(removed: list[Department], renames: dict[str, str]) -> str:
    lines = [f"・「{d.name}」を一覧から外します" + (f"（この部の課 {len(d.sections)}件も消えます）" if d.sections else "")
             for d in removed]
    lines += [f"・「{old}」を「{new}」に変えます（課の一覧はそのまま引き継ぎます）" for old, new in renames.items()]
    return ("\n".join(lines) + "\n\nこの変更は「元に戻す」（Ctrl+Z）では戻せません（外した部は、追加し直して課を入れ直します）。"
            "\n\n変更しますか？")


class Workspace:
    def __init__(self, session: Session):
        self.session = session
        self.editor: PlanEditor | None = None
        self._editors: dict[tuple[int, str], PlanEditor] = {}
        self._view: PlanView | None = None
        self.carried: CarryOverPlan | None = None  # the last carry-over's (what could not be carried)
        self.imported: ImportResult | None = None  # the last plan file import's (its warnings, its backup)
        self.import_backup: Path | None = None  # the backup the last import (a policy, a plan file) took first

    # --- the open plan ---------------------------------------------------------------------

    @property
    def plan(self) -> Plan | None:
        return self.editor.plan if self.editor else None

    @property
    def open_editor(self) -> PlanEditor:
        """The open plan's editor: the commands below are offered only while a plan is open."""
        if self.editor is None:
            raise LookupError("計画が開かれていません")
        return self.editor

    @property
    def _open_plan(self) -> Plan:
        return self.open_editor.plan

    def shown(self) -> PlanView:
        """The open plan as shown (``view``), for the commands that need a plan open."""
        view = self.view()
        if view is None:
            raise LookupError("計画が開かれていません")
        return view

    @property
    def key(self) -> tuple[int, str] | None:
        return (self.editor.plan.fiscal_year, self.editor.plan.department) if self.editor else None

    def open_plan(self, fiscal_year: int, department: str) -> Change:
        """Make the department-year plan the open one (its editor kept for this run)."""
        self.editor = self._editor((fiscal_year, department))
        return PLAN_SHOWN

    def _editor(self, key: tuple[int, str]) -> PlanEditor:
        """The editor of a plan (with its undo history) for this run, made when first asked for."""
        if key not in self._editors:
            self._editors[key] = self.session.editor(*key)
        return self._editors[key]

    def reload(self, fiscal_year: int | None = None, department: str | None = None) -> Change:
        """Forget every editor (something outside them changed the data) and open a plan again: the
        one asked for, else the one open, in a year and 部 that still exist."""
        year, name = (fiscal_year, department) if fiscal_year is not None else (self.key or (None, None))
        self._editors.clear()
        self.editor = None
        years = self.session.fiscal_years()
        if years:
            year = year if year in years else years[-1]
            names = [d.name for d in self.session.departments(year)]
            if names:
                self.open_plan(year, name if name in names else names[0])
        return EVERYTHING

    def reread(self, change: Change) -> Change:
        """A session operation wrote plans whole outside their editors (``change.plans``): their editors
        (and undo histories) are forgotten, and the open plan is read again if it is one of them."""
        stale = change.plans
        self._editors = {key: e for key, e in self._editors.items() if key not in stale}
        if self.key in stale:
            key = self.key
            self.editor = None
            self.open_plan(*key)
            return change | PLAN_SHOWN
        return change

    def restore(self, backup: Path, what: str) -> Change:
        """Put a backup in place of the working data (the data as it is is backed up first); ``what``
        names the backup for the message (「バックアップ（…）」, 「令和7年度の基本方針を取り込む前のデータ」)."""
        from .restore import restore_backup

        before = restore_backup(self.session, backup)
        return self.reload().with_(message=f"{what}に戻しました。戻す前のデータは {before.name} にあります。")

    def view(self) -> PlanView | None:
        """The open plan as shown, kept until an edit can change numbers, order, answers, pins or the
        organisation (the editor's generation); typing changes texts in place, which the view does not keep."""
        editor = self.editor
        if editor is None:
            return None
        view = self._view
        if view is None or view.plan is not editor.plan or view.generation != editor.generation:
            self._view = PlanView(editor.plan, editor.policy, lambda: editor.department, editor.generation)
        return self._view

    def numbers(self) -> dict[int, str]:
        view = self.view()
        return view.numbers if view is not None else {}

    def number(self, goal_id: int) -> str:
        return self.numbers().get(goal_id, "")

    def previous_plan(self) -> Plan | None:
        """Last year's plan to start from, offered while this plan has no goals."""
        plan = self.plan
        if plan is None or plan.goals:
            return None
        return self.session.previous_plan(plan.fiscal_year, plan.department)

    # --- goals ---------------------------------------------------------------------------------

    def _goal(self, goal_id: int | None) -> Goal | None:
        plan = self.plan
        return plan.goal(goal_id) if plan is not None and goal_id is not None else None

    def _block_end(self, department_goal: int) -> int:
        """The last goal of a department goal's block (itself, or its last section goal)."""
        return block_end(self._open_plan.goals, department_goal)

    def add_goal(self, after: int | None, directive: str | None = None) -> Change:
        """A new department goal after the block of the selected goal (at the end without one), pinned to
        ``directive`` (the one chosen in the policy when it was added), so that it is not 未関連付け at once."""
        goal = self._goal(after)
        position = self._block_end(goal.parent if goal.parent is not None else stored_id(goal)) if goal else None
        pins = [directive] if directive and self.open_editor.policy.directive(directive) else []
        change = self._adding(lambda: self.open_editor.add_goal(after=position, goal=Goal(directives=pins)))
        return change.with_(message=f"目標を追加しました（基本方針 {pins[0]} に関連付けました）。" if pins
                            else "目標を追加しました。")

    def add_section_goal(self, under: int | None) -> Change:
        """A new 課 goal at the end of the department goal's block (``under`` may be one of its 課 goals),
        pinned where its department goal is."""
        goal = self._goal(under)
        if goal is None:
            raise LookupError("課の目標を追加するには、先に部の目標を選んでください。")
        parent = goal.parent if goal.parent is not None else stored_id(goal)
        pins = list(self._open_plan.known_goal(parent).directives)
        change = self._adding(lambda: self.open_editor.add_goal(after=self._block_end(parent), parent=parent,
                                                                goal=Goal(directives=pins)))
        return change.with_(message="課の目標を追加しました。")

    def duplicate_goal(self, goal_id: int) -> Change:
        return self._adding(lambda: self.open_editor.duplicate_goal(goal_id)).with_(message="目標を複製しました。")

    def _adding(self, add: Callable[[], Change]) -> Change:
        """Run ``add``, an edit that adds one goal (its id ``select``), and make the next view from the one
        before (PlanView.before_adding): at 3,000 goals, numbering the plan again takes twice as long."""
        before, editor = self.view(), self.open_editor
        after = before.before_adding() if before is not None else None
        change = add()
        goal = editor.plan.goal(change.select) if change.select is not None else None
        view = after(goal, editor.generation) if after is not None and goal is not None else None
        if view is not None:
            self._view = view
        return change

    def delete_question(self, goal_id: int) -> str | None:
        """What to ask before deleting a goal that has 課 goals under it (None: nothing to ask)."""
        goal = self._goal(goal_id)
        if goal is None:
            return None
        children = [g for g in self._open_plan.goals if g.parent == goal_id]
        if not children:
            return None
        return (f"目標{self.number(goal_id)}「{first_line(goal.title) or '無題'}」の下に課の目標が{len(children)}件あります。"
                "まとめて削除しますか？\n（削除したあとでも「元に戻す」（Ctrl+Z）で取り消せます）")

    def delete_goal(self, goal_id: int) -> Change:
        """Delete the goal (and its 課 goals); ``select`` is the goal to show next."""
        self._goal(goal_id)
        number = self.number(goal_id)
        neighbour = _shown_after_deleting(self._open_plan, goal_id, self.shown().numbered)
        change = self.open_editor.delete_goal(goal_id)
        return change.with_(select=neighbour,
                            message=f"目標{number}を削除しました。取り消すには「元に戻す」（Ctrl+Z）を押します。")

    def can_move(self, goal_id: int | None, step: int) -> bool:
        view = self.view()
        here = view.places.get(goal_id) if view is not None and goal_id is not None else None
        return view is not None and here is not None and neighbour_at(view.ordered, here, step) is not None

    def move_goal(self, goal_id: int, step: int) -> Change | None:
        """Move one step up (-1) or down (+1) among goals of the same first directive (None: cannot)."""
        neighbour = move_neighbour(self._open_plan, goal_id, step)
        if neighbour is None:
            return None
        change = self.open_editor.swap_goals(goal_id, stored_id(neighbour))
        return change.with_(message="目標を上へ移動しました。" if step < 0 else "目標を下へ移動しました。")

    def set_goal_parent(self, goal_id: int, parent: int | None) -> Change:
        """Put the goal under ``parent`` (None: a department goal again); its number changes, so say it."""
        before = self.number(goal_id)
        where = f"目標{self.number(parent)}の下の課の目標" if parent is not None else "部の目標"
        change = self.open_editor.set_goal_parent(goal_id, parent)
        return change.with_(message=f"目標{before}を{where}にしました。番号は {self.number(goal_id)} になります。")

    def pin(self, goal_id: int, code: str) -> Change:
        """Pin the goal to the directive; an existing pin is a message, not an error."""
        change = self.open_editor.pin(goal_id, code)
        number = self.number(goal_id)  # after the pin: the number it now has
        if change is None:
            return Change(select=goal_id, message=f"目標{number}はすでに基本方針 {code} に関連付けられています。")
        return change.with_(select=goal_id, message=f"目標{number}を基本方針 {code} に関連付けました。")

    def unpin(self, goal_id: int, code: str) -> Change:
        change = self.open_editor.unpin(goal_id, code) or Change()
        return change.with_(select=goal_id,
                            message=f"目標{self.number(goal_id)}と基本方針 {code} の関連付けを解除しました。")

    def carry_over(self, directions: dict[int, str] | None = None, merges: dict[int, int] | None = None) -> Change | None:
        """Start this plan from the department's plan of an earlier year (one undo step), with
        each old goal's 方向性 (services/carry_over.py); ``carried`` keeps what was and was not carried."""
        source = self.previous_plan()
        if source is None:
            return None
        change, self.carried = self.open_editor.carry_over(source, directions, merges)
        goals = self._open_plan.goals
        first = goals[0].id if goals else None
        return change.with_(select=first, message=(
            f"{fiscal_year_label(source.fiscal_year)}の計画から目標を引き継ぎました。"
            "取り消すには「元に戻す」（Ctrl+Z）を押します。"))

    def replace_all(self, query: str, replacement: str) -> Change | None:
        """Every ``query`` in the plan's texts replaced, as one undo step (None: nothing found)."""
        from .replace import replace_all

        count, change = replace_all(self.editor, query, replacement)
        return change.with_(message=f"「{query}」を「{replacement}」に {count}件置き換えました。"
                                    "元に戻すには Ctrl+Z を押します。") if change else None

    # --- undo / redo -------------------------------------------------------------------------

    def undo(self) -> Change:
        return self._history_step(undo=True)

    def redo(self) -> Change:
        return self._history_step(undo=False)

    def _history_step(self, *, undo: bool) -> Change:
        """Undo or redo one step; a step that changed nothing (typing undone in its field) is passed over."""
        editor = self.editor
        verb = "元に戻しました" if undo else "やり直しました"
        if editor is None:
            return Change()
        before = copy.copy(editor.plan)  # the plan is updated in place: keep which goals were where
        before.goals = list(editor.plan.goals)
        change = editor.undo() if undo else editor.redo()
        if change is None:
            return Change(message="元に戻す操作はありません。" if undo else "やり直す操作はありません。")
        view = self.view()
        assert view is not None  # an editor is open
        return change.with_(select=_shown_after_step(before, view, change, undo),
                            message=f"{verb}: {change.label}")

    # --- the organisation -------------------------------------------------------------------------

    def held_sections(self) -> dict[str, str]:
        """The 課 that cannot be removed or renamed, with why: on a fixed plan, those its goals print as 担当課."""
        plan = self.plan
        lock = plan.lock if plan is not None else None
        if plan is None or lock is None:
            return {}
        reason = f"確定した計画（第{lock.revision}版）の目標の担当課として印刷されています。変えるときは「確定を解除」を選びます。"
        return dict.fromkeys(printed_sections(plan), reason)

    def set_sections(self, names: list[str], renames: dict[str, str] | None = None, *,
                     confirmed: bool = False) -> Change | Question:
        """The open plan's department gets exactly these 課 (``renames``: old → new, kept by its goals);
        one undo step of the open plan. A Question first when goals' 担当課 change; on a fixed plan that
        is refused (SectionsOfFixedPlan), and what is allowed is not an undo step."""
        current = [s.name for s in self.open_editor.department.sections]
        renames = {**respelled(cleaned_names(names), current), **(renames or {})}  # a name in another width: the same 課
        touched = self._touched_goals(names, renames)
        if touched and not confirmed and self._open_plan.lock is None:
            return Question("目標の担当課が変わります", f"次の目標の担当課が変わります。\n\n{touched}\n\n"
                            "変更しますか？（あとで「元に戻す」で戻せます）",
                            lambda: self.set_sections(names, renames, confirmed=True))
        change = self.open_editor.edit_sections(names, renames)
        if self._open_plan.lock is not None:
            return change.with_(message="課の一覧を更新しました（確定した計画の内容は変わりません）。")
        return change.with_(message="課の一覧を更新しました。取り消すには「元に戻す」（Ctrl+Z）。")

    def _touched_goals(self, names: list[str], renames: dict[str, str]) -> str:
        """「・No.2「…」: 担当課から「総務課」を外します」, one line per goal a removal or rename touches."""
        removed = removed_names([s.name for s in self.open_editor.department.sections], names, renames)
        lines = []
        for goal in self.shown().ordered:
            title = first_line(goal.title)[:30] or "（目標なし）"
            number = number_of(self.numbers(), goal)
            lines += [f"・No.{number}「{title}」: 担当課から「{old}」を外します"
                      for old in removed if old in goal.owner_sections]
            lines += [f"・No.{number}「{title}」: 担当課「{old}」を「{new}」に変えます"
                      for old, new in renames.items() if old != new and old in goal.owner_sections]
        return "\n".join(lines)

    def held_departments(self) -> dict[str, str]:
        """The open year's 部 that cannot be removed or renamed, with why: those with a plan (storage refuses)."""
        reason = "作成中の計画があります。計画のある部の組織を変えるときは、新しい年度で行います。"
        return {name: reason for _year, name, _id in self.session.plan_keys(self._open_plan.fiscal_year)}

    def set_departments(self, names: list[str], renames: dict[str, str] | None = None, *,
                        confirmed: bool = False) -> Change | Question:
        """The open plan's year gets exactly these 部 (``renames``: old → new, keeping their 課). A Question
        first when a 部 goes or is renamed (it is not an undo step); a 部 with a plan cannot
        (DepartmentHasPlan). The open plan stays open if it is kept."""
        from ..storage.repository import DepartmentHasPlan

        renames = {old: new for old, new in (renames or {}).items() if old != new}
        year, current = self._open_plan.fiscal_year, self._open_plan.department
        before = self.session.departments(year)
        gone = removed_names([d.name for d in before], names, renames)
        removed = [d for d in before if d.name in gone]
        held = self.held_departments()
        refused = [name for name in [*(d.name for d in removed), *renames] if name in held]
        if refused:
            raise DepartmentHasPlan(refused)
        if (removed or renames) and not confirmed:
            return Question("部の一覧を変更しますか", _departments_question(removed, renames),
                            lambda: self.set_departments(names, renames, confirmed=True))
        self.session.set_departments(year, names, renames)
        kept = [d.name for d in self.session.departments(year)]
        # an editor of a plan not yet stored may carry a name that is gone or now another 部's
        self._editors = {key: e for key, e in self._editors.items() if key[0] != year or e.plan.id is not None}
        current = renames.get(current, current)
        self.open_plan(year, current if current in kept else kept[0])
        return PLAN_SHOWN.with_(organisation=True, message=f"{fiscal_year_label(year)}の部の一覧を更新しました。")

    # --- imports -----------------------------------------------------------------------------------

    def import_policy_document(self, document, *, replace: bool = False,
                               allow_lost_pins: bool = False) -> Change | Question:
        """A read basic policy (the window reads the file off the GUI thread). A Question when that
        year has one already (replace it?), or when the corrected text would lose pins (replace anyway?).
        The data is backed up first (「取り込む前に戻す」, ui/import_actions.py)."""
        from .policy_import import PinsWouldBeLost, PolicyExists, store_policy

        try:
            self.import_backup = store_policy(self.session, document, replace=replace, allow_lost_pins=allow_lost_pins)
        except PolicyExists as exists:
            return Question("基本方針の置き換え", (
                f"{fiscal_year_label(exists.fiscal_year)}の基本方針はすでにあります。このファイルの内容（訂正版）で置き換えますか？\n"
                "部の方針と目標の関連付けは、番号が変わっても対応する項目へ引き継ぎます。置き換える前にバックアップを取ります。"),
                lambda: self.import_policy_document(document, replace=True))
        except PinsWouldBeLost as lost:
            return Question("関連付けが失われます", (
                f"訂正版には、項目 {'、'.join(lost.lost)} を引き継ぐ項目が見つかりません。\n置き換えると、これらの項目への"
                "目標の関連付けと部の方針が失われます（置き換える前にバックアップを取ります）。\n\nそれでも置き換えますか？"),
                lambda: self.import_policy_document(document, replace=True, allow_lost_pins=True))
        department = self.plan.department if self.plan is not None else None
        names = [d.name for d in self.session.departments(document.fiscal_year)]
        self.reload(document.fiscal_year, department if department in names else names[0])
        return EVERYTHING.with_(message=(f"{fiscal_year_label(document.fiscal_year)}の基本方針を取り込みました"
                                         f"（項目 {len(document.directives)} 件）。取り消すには「編集」→「取り込む前に戻す」。"))

    def read_plan_file(self, path) -> PlanFile:
        """A plan file checked whole, nothing written (it only reads: the window runs it off the GUI
        thread). PlanFileError names every problem."""
        from .plan_files import read_plan_file

        return read_plan_file(self.session, path)

    def import_plan_file(self, plan_file: PlanFile, source: str, *, confirmed: bool = False) -> Change | Question:
        """A checked plan file (read_plan_file; ``source`` is its file name). A Question when it adds
        課 or replaces a plan (a fixed one is unlocked, recorded, when the answer is yes). The data is
        backed up first (「取り込む前に戻す」); the imported plan is opened, read again, without undo history."""
        from .plan_files import import_plan, import_question

        text = None if confirmed else import_question(self.session, plan_file, source)
        if text is not None:
            return Question("計画ファイルを取り込みますか", text,
                            lambda: self.import_plan_file(plan_file, source, confirmed=True))
        key = (plan_file.plan.fiscal_year, plan_file.plan.department)
        result = self.imported = import_plan(self.session, plan_file, unlock=confirmed, editor=self._editor(key))
        self.import_backup = result.backup
        self.open_plan(*key)
        goals = self.shown().ordered
        return result.change.with_(
            organisation=bool(result.added_sections or plan_file.interviewer),
            select=goals[0].id if goals else None,
            message=(f"{fiscal_year_label(result.fiscal_year)} {result.department}の計画を取り込みました。"
                     "取り消すには「元に戻す」（Ctrl+Z）。"))
