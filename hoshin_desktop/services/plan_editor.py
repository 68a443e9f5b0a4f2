"""The operations on one department-year plan: each a named undo step that returns a Change.

Drafting (texts, goals, pins, 課), the year after the interview (評価, 指示事項, 確定 and its
解除) and a plan arriving whole (a plan file) all go through ``_edit``: one transaction, one
undo step (or part of the last one, while typing in one field), the rows it wrote recorded
(storage/row_log.py) and read back into the plan in memory (storage/plan_rows.py). Undo writes
those rows back and reads back only them, so it costs the same at 30 goals and at 10,000.

A fixed (確定) plan refuses steps that change its text; its 評価 and 指示事項 are records of
what was said and assessed, and stay editable: those steps run, and are undone, ``on_fixed``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Hashable
from datetime import date, datetime
from operator import attrgetter
from typing import TYPE_CHECKING

from ..domain.codes import code_sort_key
from ..domain.cycle import Instruction, PlanLock, PlanLocked, Review, review_problems
from ..domain.models import (
    GOAL_FIELD_LABELS,
    GOAL_TEXT_FIELDS,
    Department,
    Goal,
    Plan,
    PolicyDocument,
    Signer,
    group_goal_order,
    keep_printed_sections,
    sections_leaving,
    stored_id,
)
from ..domain.text import clean_text
from ..storage import dropped as dropped_rows
from ..storage import handover as handover_rows
from ..storage import organisation as organisation_rows
from ..storage import plan_rows, repository
from ..storage import year_cycle as cycle_rows
from ..storage.connection import Database
from ..storage.row_log import Entry, RowLog
from .change import Change
from .names import NAME_LIMIT, cleaned_names, login_name, respelled
from .undo import Step, UndoHistory
from .writing import write

if TYPE_CHECKING:
    from ..storage.plan_arrival import Arrival
    from .carry_over import CarryOverPlan
    from .session import Session

CARRY_OVER = "前年度の計画の引き継ぎ"
STEP_LABELS = {"interim": "中間確認の入力", "final": "年度末評価の入力"}

_ID = attrgetter("id")


class PlanEditor:
    """Edits one department-year plan; made by ``Session.editor``."""

    def __init__(self, session: Session, plan: Plan, db: Database, row_log: RowLog):
        self.session = session
        self.plan = plan
        self._db = db
        self._row_log = row_log
        self._history = UndoHistory()
        self.generation = 0  # raised when what is derived from the plan (order, numbers, coverage) may change

    # --- plumbing ------------------------------------------------------------------------

    @property
    def policy(self) -> PolicyDocument:
        return self.session.policy(self.plan.fiscal_year)

    @property
    def department(self) -> Department:
        return self.session.department(self.plan.fiscal_year, self.plan.department)

    @property
    def _plan_id(self) -> int:
        """The plan's id, once stored (``_edit`` stores a new plan before its action runs)."""
        return stored_id(self.plan)

    def _order(self) -> list[int]:
        """The goals' ids in the stored (drafter's) order."""
        order = list(map(_ID, self.plan.goals))  # made in C: 10,000 goals at every added goal
        return order if None not in order else list(map(stored_id, self.plan.goals))  # stored_id raises: a goal not stored

    def _ensure_stored(self) -> None:
        if self.plan.id is None:
            def store() -> None:
                self._row_log.prepare()  # first: the edit's writes then follow the new plan's at once
                repository.create_plan(self._db, self.plan)

            write(self.session, store)

    def _edit(self, label: str, change: Change, action: Callable[[], object], merge_key: Hashable | None = None,
              *, on_fixed: bool = False, boundary: bool = False) -> Change:
        """Run ``action`` as one transaction and one undo step (or part of the last one); a ``boundary``
        (確定, 解除) is no step, and no undo crosses it."""
        if not on_fixed:
            self.refuse_if_fixed()
        self._ensure_stored()
        change = change.with_(label=label)

        def run() -> Change:
            with self._row_log.recording() as written, self._db.atomic():
                result = action()
            # what only the write knows (a new goal's id): undo and redo know it too
            done = change.with_(**result) if isinstance(result, dict) else change
            if boundary:
                self._history.clear()
            else:
                self._history.record(label, done, written, merge_key, on_fixed=on_fixed)
            self._apply(written, done)
            return done

        return write(self.session, run)

    def _apply(self, entries: list[Entry], change: Change) -> None:
        """Read back into the plan the rows ``entries`` wrote (inside the step's ``write``: its storage
        is checked once, after)."""
        plan_rows.refresh(self._db, self.plan, plan_rows.touched(self._row_log, entries))
        if change.derived or change.reviews:
            self.generation += 1

    def seal(self) -> None:
        """End the current merge run (focus left the field, or another kind of edit came)."""
        self._history.seal()

    def refuse_if_fixed(self) -> None:
        """A fixed (確定) plan's text cannot change; its reviews and 指示事項 can."""
        if self.plan.lock is not None:
            raise PlanLocked(self.plan.lock.revision)

    # --- undo / redo ---------------------------------------------------------------------

    @property
    def undo_label(self) -> str | None:
        return self._history.undo_label

    @property
    def redo_label(self) -> str | None:
        return self._history.redo_label

    def _reverse(self, step: Step, done: Callable[[list[Entry]], object]) -> bool:
        """Write back the rows of ``step`` as one transaction, hand the history what reverses that
        (``done``) and read the rows back; whether it changed nothing (typing undone in its field)."""
        if not step.on_fixed:
            self.refuse_if_fixed()
        entries = step.reverse
        # the plan's text changed back: its last edit is now (a record's step leaves it)
        stamp = None if step.on_fixed else lambda: repository.touch(self._db, self._plan_id)

        def run() -> bool:
            reverse = self._row_log.replay(entries, then=stamp)
            done(reverse)  # committed: the history follows even if reading back fails
            self._apply(reverse, step.change)
            return self._row_log.unchanged(entries, reverse)

        return write(self.session, run)

    def undo(self) -> Change | None:
        """Undo the last step; one that would change nothing (typing undone in its field) is passed
        over while there is an earlier one."""
        while (step := self._history.next_undo) is not None:
            idle = self._reverse(step, self._history.undone)
            if not idle or self._history.next_undo is None:
                return step.change
        return None

    def redo(self) -> Change | None:
        while (step := self._history.next_redo) is not None:
            idle = self._reverse(step, self._history.redone)
            if not idle or self._history.next_redo is None:
                return step.change
        return None

    # --- the plan's own fields -------------------------------------------------------------

    def set_plan_date(self, value: date) -> Change:
        return self._edit("日付の変更", Change(cover=True),
                          lambda: repository.update_plan(self._db, self._plan_id, plan_date=value))

    def set_preamble(self, text: str) -> Change:
        text = clean_text(text)
        return self._edit("前文の編集", Change(cover=True),
                          lambda: repository.update_plan(self._db, self._plan_id, preamble=text), merge_key=("preamble",))

    def set_revision(self, revision: int) -> Change:
        """The plan's 版; raising it keeps the 版 it ends (「版の比較」), in the same step."""
        revision = max(1, int(revision))

        def action():
            if revision > self.plan.revision:
                self._keep_snapshot(f"第{self.plan.revision}版")
            repository.update_plan(self._db, self._plan_id, revision=revision)

        return self._edit("版数の変更", Change(cover=True), action)

    def set_signers(self, signers: list[Signer]) -> Change:
        cleaned = [Signer(clean_text(s.title, limit=NAME_LIMIT), clean_text(s.name, limit=NAME_LIMIT)) for s in signers]
        return self._edit("署名者の編集", Change(cover=True),
                          lambda: repository.set_signers(self._db, self._plan_id, cleaned),
                          merge_key=("signers", len(cleaned)))

    def set_answer(self, code: str, text: str) -> Change:
        text = clean_text(text)
        return self._edit(
            f"部の方針の編集（{code}）", Change(answers=frozenset([code])),
            lambda: repository.set_answer(self._db, self._plan_id, code, text, fiscal_year=self.plan.fiscal_year),
            merge_key=("answer", code))

    def write_texts(self, label: str, edits: list[tuple[str, str | int | None, str, str]]) -> Change:
        """Several texts as one step (replace all): (kind, key, field, text), kind being
        "preamble", "answer" (key: its code) or "goal" (key: its id, field: which text)."""
        plan = self.plan

        def action():
            for kind, key, field, text in edits:
                if kind == "preamble":
                    repository.update_plan(self._db, self._plan_id, preamble=text)
                elif kind == "answer" and isinstance(key, str):
                    repository.set_answer(self._db, self._plan_id, key, text, fiscal_year=plan.fiscal_year)
                elif kind == "goal" and isinstance(key, int):
                    repository.update_goal(self._db, key, **{field: text})
                else:
                    raise ValueError(f"no text {kind} {key!r} in a plan")

        change = Change(cover=any(kind == "preamble" for kind, *_ in edits),
                        answers=frozenset(key for kind, key, *_ in edits if kind == "answer" and isinstance(key, str)),
                        goals=frozenset(key for kind, key, *_ in edits if kind == "goal" and isinstance(key, int)))
        return self._edit(label, change, action)

    # --- goals -------------------------------------------------------------------------------

    def add_goal(self, *, after: int | None = None, parent: int | None = None, goal: Goal | None = None,
                 label: str | None = None) -> Change:
        """Add a goal (a copy of ``goal``, or an empty one) after the goal ``after``; its id is ``select``."""
        goal = copy.deepcopy(goal) if goal else Goal()
        goal.id, goal.parent, goal.key = None, parent, ""  # a copy is another goal, with a key of its own
        goal.reviews = []  # a copy is a new goal: nothing of it was assessed yet
        order = self._order()
        index = order.index(after) + 1 if after in order else len(order)

        def action():
            repository.insert_goals(self._db, self.plan, [goal], start=index)
            new_id = stored_id(goal)
            placed = order[:index] + [new_id] + order[index:]
            if self._in_its_block(index, parent):  # the others keep their places: one row written, none read
                repository.reorder_goals(self._db, self._plan_id, placed, moved=new_id)
            else:
                repository.reorder_goals(self._db, self._plan_id, self._grouped(placed, {new_id: parent}))
            return {"select": new_id}

        return self._edit(label or ("課の目標の追加" if parent else "目標の追加"), Change(structure=True, pins=bool(goal.directives)),
                          action)

    def duplicate_goal(self, goal_id: int) -> Change:
        source = self._goal(goal_id)
        return self.add_goal(after=goal_id, parent=source.parent, goal=source, label="目標の複製")

    def delete_goal(self, goal_id: int) -> Change:
        self._goal(goal_id)
        # select: undoing the deletion shows the goal brought back (the Workspace picks the next goal for the deletion)
        return self._edit("目標の削除", Change(structure=True, select=goal_id),
                          lambda: repository.delete_goal(self._db, goal_id))

    def move_goal(self, goal_id: int, new_index: int) -> Change:
        """Put the goal at ``new_index`` of the stored (drafter's) order; its section goals follow."""
        order = self._order()
        order.remove(goal_id)
        new_index = max(0, min(new_index, len(order)))
        order.insert(new_index, goal_id)
        return self._edit("目標の移動", Change(structure=True),
                          lambda: repository.reorder_goals(self._db, self._plan_id, self._grouped(order)))

    def swap_goals(self, goal_id: int, other_id: int) -> Change:
        """Exchange two goals' places in the drafter's order (what "move up/down" does)."""
        order = self._order()
        i, j = order.index(goal_id), order.index(other_id)
        order[i], order[j] = order[j], order[i]
        return self._edit("目標の移動", Change(structure=True, select=goal_id),
                          lambda: repository.reorder_goals(self._db, self._plan_id, self._grouped(order)))

    def set_goal_field(self, goal_id: int, field: str, value: str) -> Change:
        if field not in GOAL_TEXT_FIELDS:
            raise ValueError(f"unknown goal field {field}")
        value = clean_text(value)
        self._goal(goal_id)
        return self._edit(f"{GOAL_FIELD_LABELS[field]}の編集", Change(goals=frozenset([goal_id])),
                          lambda: repository.update_goal(self._db, goal_id, **{field: value}),
                          merge_key=("goal", goal_id, field))

    def set_goal_parent(self, goal_id: int, parent: int | None) -> Change:
        has_section_goals = any(g.parent == goal_id for g in self.plan.goals)
        if parent is not None and (parent == goal_id or self._goal(parent).parent is not None or has_section_goals):
            raise ValueError("課の目標は部の目標の下にだけ置けます（課の目標を持つ目標は、ほかの目標の下に置けません）")
        order = self._order()

        def action():
            repository.update_goal(self._db, goal_id, parent=parent)
            repository.reorder_goals(self._db, self._plan_id, self._grouped(order, {goal_id: parent}))

        return self._edit("目標の階層の変更", Change(structure=True, select=goal_id), action)

    def set_owner_sections(self, goal_id: int, names: list[str]) -> Change:
        self._goal(goal_id)
        return self._edit("担当課の変更", Change(goals=frozenset([goal_id])),
                          lambda: repository.set_goal_sections(self._db, goal_id, names))

    def set_pins(self, goal_id: int, codes: list[str], label: str) -> Change:
        """The goal's pins become exactly ``codes`` (kept in the policy's order)."""
        self._goal(goal_id)
        codes = sorted(dict.fromkeys(codes), key=code_sort_key)
        return self._edit(label, Change(pins=True, goals=frozenset([goal_id])),
                          lambda: repository.set_goal_directives(self._db, goal_id, codes))

    def pin(self, goal_id: int, code: str) -> Change | None:
        goal = self._goal(goal_id)
        if code in goal.directives:
            return None
        return self.set_pins(goal_id, goal.directives + [code], f"基本方針 {code} への関連付け")

    def unpin(self, goal_id: int, code: str) -> Change | None:
        goal = self._goal(goal_id)
        if code not in goal.directives:
            return None
        return self.set_pins(goal_id, [c for c in goal.directives if c != code], f"基本方針 {code} の関連付けの解除")

    def _in_its_block(self, index: int, parent: int | None) -> bool:
        """Whether a goal put at ``index`` of the stored order (under ``parent``) leaves every section goal
        right after its department goal: a department goal not before a section goal, a section goal
        right after its department goal or one of its section goals (then ``_grouped`` would move nothing)."""
        goals = self.plan.goals
        if parent is None:
            return index == len(goals) or goals[index].parent is None
        return index > 0 and parent in (goals[index - 1].id, goals[index - 1].parent)

    def _grouped(self, order: list[int], changed: dict[int, int | None] | None = None) -> list[int]:
        """``order`` with every section goal right after its department goal (``changed``: new parents)."""
        parent_of = {stored_id(g): g.parent for g in self.plan.goals}
        parent_of.update(changed or {})
        return group_goal_order(order, parent_of)

    def _goal(self, goal_id: int) -> Goal:
        return self.plan.known_goal(goal_id)

    # --- the department's 課 list ----------------------------------------------------

    def edit_sections(self, names: list[str], renames: dict[str, str] | None = None) -> Change:
        """Make the department's 課 exactly ``names`` (in that order), as one undo step.

        ``renames`` (old → new) renames a 課 in place, so the goals that have it as 担当課
        show the new name; a 課 left out is removed, and with it its place in goals' 担当課.
        The row log records the 課 rows too, so undo brings back the list and the 担当課.
        On a fixed plan, a 課 its goals print can neither go nor be renamed (SectionsOfFixedPlan);
        adding and reordering change nothing printed and are allowed.
        """
        cleaned = cleaned_names(names)
        current = [s.name for s in self.department.sections]
        renames = {**respelled(cleaned, current), **(renames or {})}
        renames = {old: new for old, new in renames.items() if new in cleaned and old != new}
        leaving = sections_leaving(current, cleaned, renames)
        keep_printed_sections(self.plan, leaving)
        fixed = self.plan.lock
        touched = frozenset(stored_id(g) for g in self.plan.goals if set(g.owner_sections) & leaving)
        continued = self._continued_sections(renames)

        def action():
            department = repository.department_id(self._db, self.plan.fiscal_year, self.plan.department)
            repository.rename_sections(self._db, department, renames)
            repository.set_sections(self._db, department, cleaned)
            for new, old in continued.items():  # a 課 renamed this year still continues last year's 課
                organisation_rows.set_section_links(self._db, self.plan.fiscal_year, old[0], (self.plan.department, new),
                                                    [old[1]])
            if fixed is None:  # a fixed plan's paper (its footer date too) stays as fixed
                repository.touch(self._db, self._plan_id)

        return self._edit("課の一覧の変更", Change(organisation=True, goals=touched), action, on_fixed=fixed is not None)

    def _continued_sections(self, renames: dict[str, str]) -> dict[str, tuple[int, tuple[str, str]]]:
        """New name → (last year, (部, 課)) for each renamed 課 that continued one of last year's by its old name."""
        from .organisation import year_lineage

        lineage = year_lineage(self.session, self.plan.fiscal_year) if renames else None
        if lineage is None:
            return {}
        found = {}
        for old, new in renames.items():
            before = lineage.sections.get((self.plan.department, old), [])
            if len(before) == 1:
                found[new] = (lineage.from_year, before[0])
        return found

    # --- starting from last year's plan --------------------------------------------------------

    def carry_over(self, source: Plan, directions: dict[int, str] | None = None,
                   merges: dict[int, int] | None = None) -> tuple[Change, CarryOverPlan]:
        """Copy ``source`` (the department's plan of an earlier year) into this plan, as one undo step.

        Goals come over with all their text, their place under a department goal and the
        sections that still exist. Signers come over (titles and names, to be checked) unless a
        name was typed this year; an answer already written this year is kept.
        Pins and answers follow the directive mapping between the two years, and each goal
        gets its 方向性 (``directions``, ``merges``): see services/carry_over.py,
        which returns what was carried and what could not be.
        """
        from .carry_over import plan_carry_over

        work = plan_carry_over(self.session, source, self.plan, {s.name for s in self.department.sections},
                               directions, merges)
        if any(signer.name.strip() for signer in self.plan.signers):  # typed this year (after 人事異動): kept
            signers, work.kept_signers = self.plan.signers, True
        else:
            signers = [Signer(_retitled(s.title, source.department, self.plan.department), s.name)
                       for s in source.signers] or self.plan.signers
        work.kept_answers = [code for code, _text in work.answers if self.plan.answer(code).strip()]

        def action():
            repository.set_signers(self._db, self._plan_id, signers)
            for code, text in work.answers:
                if not self.plan.answer(code).strip():
                    repository.set_answer(self._db, self._plan_id, code, text, fiscal_year=self.plan.fiscal_year)
            keys = [stored_id(goal) for goal in work.goals]  # last year's ids: insert_goals gives new ones
            start = repository.next_goal_position(self._db, self._plan_id)  # after the goals there are
            repository.insert_goals(self._db, self.plan, work.goals, start=start, fresh_ids=True)
            stored = dict(zip(keys, (stored_id(goal) for goal in work.goals)))
            repository.update_plan(self._db, self._plan_id, lineage=work.lineage(stored))
            dropped_rows.add_dropped(self._db, self._plan_id, work.dropped(stored))

        change = Change(cover=True, answers=frozenset(code for code, _text in work.answers), structure=True)
        return self._edit(CARRY_OVER, change, action), work

    def dismiss_dropped(self, item_ids: list[int], dismissed: bool = True) -> Change:
        """Say that pins or 部の方針 for dropped directives were seen (``dismissed``), or bring them back; one undo step."""
        items = [next((d for d in self.plan.dropped if d.id == item_id), None) for item_id in item_ids]
        if not items or None in items:
            raise LookupError("廃止された項目の記録がこの計画にありません")
        goals = frozenset(item.goal for item in items if item is not None and item.goal is not None)

        def action():
            for item_id in item_ids:
                dropped_rows.set_dismissed(self._db, item_id, dismissed)

        return self._edit("廃止された項目の確認" if dismissed else "廃止された項目の確認の取り消し",
                          Change(goals=goals, dropped=True), action)

    # --- a plan that arrives whole -------------------------------------------------------------

    def replace_whole(self, plan: Plan, arrival: Arrival, label: str = "計画ファイルの取り込み") -> Change:
        """Make this plan ``plan`` (a plan file's: its goal ids are only local keys), as one undo step;
        ``arrival`` says how (store_arrived)."""
        from ..storage.plan_arrival import store_arrived  # only an import needs it, not the start

        if self.plan.lock is not None and not arrival.unlock:
            raise PlanLocked(self.plan.lock.revision)
        change = Change(cover=True, structure=True, pins=True, lock=True, plan=True, organisation=bool(arrival.new_sections),
                        plans=frozenset([(plan.fiscal_year, plan.department)]))
        return self._edit(label, change, lambda: store_arrived(self._db, plan, arrival), on_fixed=True)

    # --- the year after the interview: 評価, 指示事項, 確定 -----------------------------------------

    def set_review(self, goal_id: int, review: Review) -> Change:
        """Store a goal's 中間確認 or 年度末評価 (also on a fixed plan); typing in one review is one step.

        A mark outside the city's scale is refused (ValueError). A missed goal without a reason is
        stored as typed (``domain.cycle.review_problems`` says what is missing): nothing typed is
        lost, and 提出前の確認 flags it until the reason is written.
        """
        self._goal(goal_id)
        cleaned = Review(review.stage, clean_text(review.mark, limit=10).strip(),
                         *(clean_text(getattr(review, f)) for f in ("actual", "comment", "reason")))
        marks = self.session.review_marks()
        if cleaned.mark and not any(m.mark == cleaned.mark for m in marks):
            raise ValueError(review_problems(cleaned, marks)[0])
        return self._edit(STEP_LABELS[cleaned.stage], Change(reviews=frozenset([goal_id])),
                          lambda: cycle_rows.set_review(self._db, goal_id, cleaned),
                          merge_key=("review", goal_id, cleaned.stage), on_fixed=True)

    def add_instruction(self, item: Instruction) -> Change:
        """Record a 指示事項 (also on a fixed plan: given at the interview, before or after 確定);
        its id is the one in ``change.instructions``."""
        checked = self._checked(item)
        return self._edit("指示事項の追加", Change(), lambda: {"instructions": frozenset(
            [cycle_rows.add_instruction(self._db, self._plan_id, checked)])}, on_fixed=True)

    def update_instruction(self, item: Instruction) -> Change:
        instruction_id = stored_id(self._instruction(item.id))
        checked = self._checked(item)
        return self._edit("指示事項の編集", Change(instructions=frozenset([instruction_id])),
                          lambda: cycle_rows.update_instruction(self._db, checked),
                          merge_key=("instruction", instruction_id), on_fixed=True)

    def delete_instruction(self, instruction_id: int) -> Change:
        self._instruction(instruction_id)
        return self._edit("指示事項の削除", Change(instructions=frozenset([instruction_id])),
                          lambda: cycle_rows.delete_instruction(self._db, instruction_id), on_fixed=True)

    def fix(self, at: datetime | None = None) -> Change:
        """Fix the plan as 第N版 確定, keeping it as it is now (plan-file JSON, and a 版 for 「版の比較」).

        Not an undo step: a fixed plan is lifted only by 解除 with a reason, which is recorded; and the
        steps before it are no longer undone (they would change the fixed text)."""
        from .plan_files import dumps

        self.refuse_if_fixed()
        self._ensure_stored()
        lock = PlanLock((at or datetime.now()).replace(microsecond=0), self.plan.revision, dumps(self.plan))

        def action():
            cycle_rows.lock_plan(self._db, self._plan_id, lock)
            self._keep_snapshot(f"第{self.plan.revision}版 確定")

        return self._edit("確定", Change(lock=True), action, boundary=True)

    def unlock(self, reason: str, at: datetime | None = None, by: str = "") -> Change:
        """Lift the 確定, recording ``reason`` and who lifted it (``by``; the PC's user when not said); the
        plan goes on as the next 版. Not an undo step either: the record of the 解除 stays (fixing again is 確定)."""
        reason = clean_text(reason, limit=2000).strip()
        by = clean_text(by, limit=NAME_LIMIT).strip() or login_name()
        if not reason:
            raise ValueError("確定を解除する理由を入力してください（記録として残ります）")
        lock = self.plan.lock
        if lock is None:
            return Change()
        revision = max(self.plan.revision, lock.revision) + 1

        def action():
            cycle_rows.unlock_plan(self._db, self._plan_id, reason, (at or datetime.now()).replace(microsecond=0), by)
            repository.set_revision(self._db, self._plan_id, revision)

        return self._edit("確定の解除", Change(lock=True, cover=True), action, on_fixed=True, boundary=True)

    # --- 事務引継ぎ: notes for whoever takes the post over ------------------------------------------

    def set_handover_notes(self, text: str) -> Change:
        """The plan's handover notes (also on a fixed plan: the post is handed over in March, long after 確定)."""
        text = clean_text(text)
        return self._edit("引継ぎメモの編集", Change(handover=True),
                          lambda: handover_rows.set_notes(self._db, self._plan_id, text), merge_key=("handover",),
                          on_fixed=True)

    def set_goal_handover_note(self, goal_id: int, text: str) -> Change:
        self._goal(goal_id)
        text = clean_text(text)
        return self._edit("目標の引継ぎメモの編集", Change(handover=True),
                          lambda: handover_rows.set_goal_note(self._db, goal_id, text),
                          merge_key=("handover", goal_id), on_fixed=True)

    def acknowledge_handover(self) -> Change:
        """The notes that arrived with a plan file were shown to whoever opened the plan: they are not
        shown again. No undo step: nothing of the plan changed."""
        plan_id = self.plan.id
        if not self.plan.handover.arrived or plan_id is None:
            return Change()
        write(self.session, lambda: handover_rows.acknowledge(self._db, plan_id))
        self.plan.handover.arrived = False
        return Change(handover=True)

    def _keep_snapshot(self, label: str) -> None:
        from ..domain.snapshot import to_snapshot
        from ..storage import lineage as lineage_store  # only 確定 needs it, not the start

        lineage_store.save_snapshot(self._db, self._plan_id, self.plan.revision, label, to_snapshot(self.plan))

    def _checked(self, item: Instruction) -> Instruction:
        text = clean_text(item.text).strip()
        if not text:
            raise ValueError("指示事項の内容を入力してください")
        given_by = clean_text(item.given_by, limit=NAME_LIMIT).strip()
        if not given_by:
            raise ValueError("指示者（市長・副市長・教育長など）を選んでください")
        if item.goal is not None:
            self._goal(item.goal)
        if item.directive is not None and self.policy.directive(item.directive) is None:
            raise ValueError(f"基本方針に項目 {item.directive} はありません")
        if not isinstance(item.given_on, date) or (item.due is not None and not isinstance(item.due, date)):
            raise ValueError("日付が正しくありません")
        return Instruction(item.given_on, given_by, text, item.goal, item.directive or None, item.due,
                           item.status, clean_text(item.response), item.id)

    def _instruction(self, instruction_id: int | None) -> Instruction:
        found = next((i for i in self.plan.instructions if i.id == instruction_id), None)
        if found is None:
            raise LookupError(f"指示事項 {instruction_id} はこの計画にありません")
        return found


def _retitled(title: str, old: str, new: str) -> str:
    """A signer's title carried into a 部 of another name (組織改正): 「まちづくり部長」 becomes 「都市計画部長」."""
    return new + title[len(old):] if old != new and title.startswith(old) else title
