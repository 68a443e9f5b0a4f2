"""Writing a plan that arrives whole (a plan file, a collected submission) over the one held.

The plan's goal ids are only local keys in the file: the goals are stored with new ones, and the
lineage's successors follow. The caller runs it inside its transaction (and, for an undo step,
inside the row log's recording: services/plan_editor.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from ..domain.cycle import PlanLocked
from ..domain.handover import Handover
from ..domain.history import PlanHistory, before_import, merge
from ..domain.models import Plan, stored_id
from ..domain.snapshot import to_snapshot
from . import handover as handover_rows
from . import lineage as kept
from . import organisation, repository
from . import year_cycle as cycle_rows
from .connection import Database

IMPORT_UNLOCK_REASON = "計画ファイルの取り込み"


@dataclass(frozen=True)
class Arrival:
    """How a plan that arrives whole (a plan file) is to be stored over what is held."""

    new_sections: tuple[str, ...] = ()  # 課 the department does not have here: added first
    interviewer: str = ""  # the sender's 面談の相手, kept
    updated_at: str | None = None  # the sender's last edit, kept (an import is no edit of the content)
    unlock: bool = False  # the user agreed to replace a fixed plan: the unlock is recorded
    keep_instructions: bool = False  # the file knows no 指示事項 (version 2): the plan keeps its own
    history: PlanHistory = field(default_factory=PlanHistory)  # the 版 kept and 解除 records the file brings
    predecessors: list[str] | None = None  # the 部 the sender recorded its 部 as continuing: recorded here if not yet
    keep_handover: bool = False  # the file knows no handover notes (before version 4): the plan keeps its own


def store_arrived(db: Database, plan: Plan, arrival: Arrival) -> None:
    """Store ``plan``, arrived whole, over the department-year plan held (or as a new one), inside the
    caller's transaction: the 課 it names first, the sender's interviewer and last edit kept, the
    lineage's successors made the stored goals. A fixed plan is replaced only with ``arrival.unlock``,
    and that unlock is recorded."""
    held = repository.plan_id(db, plan.fiscal_year, plan.department)
    if held is not None and not arrival.unlock:
        lock = cycle_rows.plan_lock(db, held)
        if lock is not None:
            raise PlanLocked(lock.revision)
    department = repository.department_id(db, plan.fiscal_year, plan.department)
    repository.add_sections(db, department, list(arrival.new_sections))
    if arrival.interviewer:
        repository.set_interviewer(db, department, arrival.interviewer)
    if held is not None and arrival.unlock:
        cycle_rows.unlock_plan(db, held, IMPORT_UNLOCK_REASON, datetime.now().replace(microsecond=0))
    if held is not None and arrival.keep_instructions:
        plan.instructions = [replace(item, goal=None) for item in cycle_rows.instructions(db, held)]
    history = _history(db, held, plan, arrival.history)
    if held is not None and arrival.keep_handover:  # the notes on the plan; those on its goals go with the goals
        plan.handover = Handover(handover_rows.load(db, held).notes)
    keys = [goal.id for goal in plan.goals]
    if held is None:
        plan_id = repository.create_plan(db, plan, fresh_ids=True)
    else:
        plan.id = plan_id = held
        repository.replace_plan(db, plan, fresh_ids=True)
    if plan.lineage:
        plan.lineage = plan.lineage.with_successors({key: stored_id(goal) for key, goal in zip(keys, plan.goals)
                                                     if key is not None})
        repository.update_plan(db, plan_id, lineage=plan.lineage)
    for revision in history.revisions:
        kept.save_snapshot(db, plan_id, revision.revision, revision.label, revision.content, revision.taken_at or None)
    cycle_rows.add_unlocks(db, plan_id, history.unlocks)
    if arrival.predecessors is not None:
        _record_predecessors(db, plan, arrival.predecessors)
    if arrival.updated_at:
        repository.set_updated_at(db, plan_id, arrival.updated_at)


def _record_predecessors(db: Database, plan: Plan, names: list[str]) -> None:
    """The sender's 組織改正 of the 部, where this data has not recorded one for it."""
    earlier = [year for year in repository.department_years(db) if year < plan.fiscal_year]
    if earlier and plan.department not in organisation.department_links(db, plan.fiscal_year):
        organisation.set_department_links(db, plan.fiscal_year, max(earlier), plan.department, names)


def _history(db: Database, held: int | None, plan: Plan, arriving: PlanHistory):
    """What the file's history adds to the held plan's, the plan held now first (nothing is lost: a
    plan replaced, even by an older file, stays as a 版 to compare)."""
    if held is None:
        return merge(PlanHistory(), None, arriving)
    held_history = PlanHistory(kept.kept_revisions(db, held), cycle_rows.unlocks(db, held))
    return merge(held_history, before_import(repository.load_plan(db, held)), arriving, to_snapshot(plan))
