"""Reading a plan's rows, whole (``load_plan``) or only those one write touched (``refresh``).

An edit, an undo or a redo writes a handful of rows, and the row log (row_log.py) knows which.
``refresh`` reads back just those into the plan in memory, so that undoing one field costs the
same at 30 goals and at 10,000 (reading the whole plan back took 307 ms at 10,000). Goals the
write did not touch keep their objects; a touched goal is updated in place, so what the window
holds of it stays valid.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter

from ..domain.codes import directive_code
from ..domain.goal_lineage import GoalLineage
from ..domain.models import GOAL_TEXT_FIELDS, Answer, Goal, Plan, Signer, stored_id
from . import dropped as dropped_rows
from . import handover as handover_rows
from . import year_cycle
from .connection import Database
from .row_log import Entry, RowLog

# Above this many touched goals, reading them one by one costs more than reading the plan's goals at once.
_FEW = 200
_ID = attrgetter("id")


class NotFound(LookupError):
    pass


@dataclass
class Touched:
    """What one write changed of a plan, found from the row log's entries."""

    cover: bool = False  # the plans row: date, preamble, 版, lineage, last edit
    signers: bool = False
    answers: bool = False
    goals: set[int] = field(default_factory=set)  # goals whose row, 課, pins or reviews changed
    parts: set[str] = field(default_factory=set)  # which of their tables: "goals" (the row itself) and _PARTS
    places: dict[int, tuple] = field(default_factory=dict)  # an updated goal's (position, parent) before the write
    added: set[int] = field(default_factory=set)  # goals whose row was inserted: put in their place
    deleted: bool = False  # a goal's row deleted: read the order (a change of place is found from ``places``)
    instructions: bool = False
    lock: bool = False
    sections: bool = False  # a department's 課 list (goals show their 担当課 by name)
    dropped: bool = False  # pins and 部の方針 for directives dropped since
    handover: bool = False  # the handover notes of the plan or of a goal
    unknown: bool = False  # a table this module does not know: read the plan whole


_IGNORED = ("plan_snapshots", "plan_unlocks", "departments")  # nothing of them is held in a Plan


def touched(log: RowLog, entries: Iterable[Entry]) -> Touched:
    """What ``entries`` (as recorded by ``log``) changed, for ``refresh``."""
    found = Touched()
    flags = {"plans": "cover", "signers": "signers", "answers": "answers", "instructions": "instructions",
             "plan_locks": "lock", "sections": "sections", "dropped_directives": "dropped", "plan_handovers": "handover",
             "goal_handover_notes": "handover"}
    goal_rows = log.tables["goals"].columns
    place = goal_rows.index("position"), goal_rows.index("parent_id")
    for event, table, keys, row in entries:
        if table in flags:
            setattr(found, flags[table], True)
        elif table == "goals":
            found.goals.add(keys[0])
            found.parts.add(table)
            if event == "UPDATE":  # the first entry of a goal has it as it was before the write
                found.places.setdefault(keys[0], (row[place[0]], row[place[1]]))
            elif event == "INSERT":
                found.added.add(keys[0])
            else:
                found.deleted = True
        elif table in _PARTS:
            goal = _goal_of(log, table, keys, row)
            if goal is not None:
                found.goals.add(goal)
                found.parts.add(table)
        elif table not in _IGNORED:
            found.unknown = True
    return found


def _goal_of(log: RowLog, table: str, keys: tuple, row: tuple) -> int | None:
    """The goal a child row belongs to: from the row as it was, or (a row just inserted) as it is."""
    if row:
        return row[log.tables[table].columns.index("goal_id")]
    found = log.connection.execute(f"SELECT goal_id FROM {table} WHERE rowid = ?", keys).fetchone()
    return found[0] if found else None


def refresh(db: Database, plan: Plan, what: Touched) -> None:
    """Bring ``plan`` up to date with the rows ``what`` names (read from ``db``)."""
    plan_id = stored_id(plan)
    if what.unknown:
        fresh = load_plan(db, plan_id)
        plan.__dict__.update(fresh.__dict__)
        return
    if what.cover:
        _read_cover(db, plan)
    if what.signers:
        plan.signers = _signers(db, plan_id)
    if what.answers:
        plan.answers = _answers(db, plan_id)
    if what.goals:
        _refresh_goals(db, plan, what)
    if what.sections:
        sections = _owner_sections(db, plan_id)
        for goal in plan.goals:
            goal.owner_sections = sections.get(stored_id(goal), [])
    if what.instructions:
        plan.instructions = year_cycle.instructions(db, plan_id)
    if what.lock:
        plan.lock = year_cycle.plan_lock(db, plan_id)
    if what.dropped:
        plan.dropped = dropped_rows.dropped(db, plan_id)
    if what.handover:
        plan.handover = handover_rows.load(db, plan_id)


def _refresh_goals(db: Database, plan: Plan, what: Touched) -> None:
    """Read back what changed of the goals ``what`` names: only their rows and the parts written."""
    if len(what.goals) > _FEW:
        _reread_goals(db, plan)
        return
    plan_id = stored_id(plan)
    ids = list(map(_ID, plan.goals))  # made in C: a plan may hold 10,000 goals
    goals = dict(zip(ids, plan.goals))
    held = {goal_id: goals[goal_id] for goal_id in what.goals if goal_id in goals}
    held_moved = False
    kept = set(held)
    if "goals" in what.parts and kept:
        rows = _goal_rows(db, plan_id, kept)
        for row in rows:
            goal = held[row[0]]
            goal.__dict__.update(_goal(row, {name: getattr(goal, name) for name, _read in _PARTS.values()}).__dict__)
            held_moved = held_moved or row[1:3] != what.places.get(row[0], row[1:3])
        kept = {row[0] for row in rows}  # a goal deleted stays as it was (it leaves the order below)
    for table, (name, read) in _PARTS.items():
        if table in what.parts and kept:
            values = read(db, plan_id, kept)
            for goal_id in kept:
                setattr(held[goal_id], name, values.get(goal_id, []))
    if held_moved or what.deleted or what.goals - held.keys() != what.added:
        _reorder_goals(db, plan)  # (a goal new to the plan in memory and not inserted: brought back)
    elif what.added:
        _place_added(db, plan, what.added, ids)


def _place_added(db: Database, plan: Plan, added: set[int], ids: list[int | None]) -> None:
    """Put the goals ``added`` (new to the plan in memory, the others staying in order: ``ids``) after
    the goal stored before each: adding a goal to 10,000 reads its rows and one neighbour's id, not the order."""
    plan_id = stored_id(plan)
    for goal in _goals(db, plan_id, added):  # in stored order: the goal before each is placed first
        position = db.execute("SELECT position FROM goals WHERE id = ?", [goal.id]).fetchone()[0]
        before = db.execute("SELECT id FROM goals WHERE plan_id = ? AND (position < ? OR (position = ? AND id < ?)) "
                            "ORDER BY position DESC, id DESC LIMIT 1", [plan_id, position, position, goal.id]).fetchone()
        at = ids.index(before[0]) + 1 if before else 0
        ids.insert(at, goal.id)
        plan.goals.insert(at, goal)


def _reorder_goals(db: Database, plan: Plan) -> None:
    """Put the plan's goals in their stored order, reading those it does not hold (added, or brought back)."""
    plan_id = stored_id(plan)
    held = {goal.id: goal for goal in plan.goals}
    order = [r[0] for r in db.execute("SELECT id FROM goals WHERE plan_id = ? ORDER BY position, id", [plan_id])]
    held.update((goal.id, goal) for goal in _goals(db, plan_id, {goal_id for goal_id in order if goal_id not in held}))
    plan.goals = [held[goal_id] for goal_id in order]


def _reread_goals(db: Database, plan: Plan) -> None:
    """Read every goal of the plan again (cheaper than one by one when many were written), keeping the
    objects of those it holds: the window may hold them."""
    held = {goal.id: goal for goal in plan.goals}
    fresh = _goals(db, stored_id(plan))
    for goal in fresh:
        if goal.id in held:
            held[goal.id].__dict__.update(goal.__dict__)
    plan.goals = [held.get(goal.id, goal) for goal in fresh]


# --- reading ---------------------------------------------------------------------------------------

def load_plan(db: Database, plan_id: int, *, whole: bool = False) -> Plan:
    """The stored plan ``plan_id``; ``whole`` also reads its 確定's snapshot (to be put back later)."""
    plan = Plan(0, "", id=plan_id)
    _read_cover(db, plan)
    plan.signers = _signers(db, plan_id)
    plan.answers = _answers(db, plan_id)
    plan.goals = _goals(db, plan_id)
    plan.instructions = year_cycle.instructions(db, plan_id)
    plan.lock = year_cycle.plan_lock(db, plan_id, with_snapshot=whole)
    plan.dropped = dropped_rows.dropped(db, plan_id)
    plan.handover = handover_rows.load(db, plan_id)
    return plan


def _read_cover(db: Database, plan: Plan) -> None:
    row = db.execute("SELECT d.fiscal_year, d.name, p.plan_date, p.preamble, p.revision, p.extra, p.lineage, "
                     "p.updated_at FROM plans p JOIN departments d ON d.id = p.department_id WHERE p.id = ?",
                     [plan.id]).fetchone()
    if row is None:
        raise NotFound(f"plan {plan.id} does not exist")
    year, name, plan_date, preamble, revision, extra, lineage, updated_at = row
    plan.fiscal_year, plan.department, plan.preamble, plan.revision = year, name, preamble, revision
    plan.plan_date = date.fromisoformat(plan_date) if plan_date else None
    plan.extra = json.loads(extra)
    plan.lineage = GoalLineage.from_dict(json.loads(lineage))
    plan.edited_on = date.fromisoformat(updated_at[:10])


def _signers(db: Database, plan_id: int) -> list[Signer]:
    return [Signer(t, n) for t, n in db.execute("SELECT title, name FROM signers WHERE plan_id = ? ORDER BY position",
                                                [plan_id])]


def _answers(db: Database, plan_id: int) -> list[Answer]:
    return [Answer(directive_code(s, n), text) for s, n, text in db.execute(
        "SELECT s.number, d.number, a.text FROM answers a JOIN directives d ON d.id = a.directive_id "
        "JOIN policy_sections s ON s.id = d.section_id WHERE a.plan_id = ? ORDER BY s.number, d.number", [plan_id])]


def _goal_filter(ids: set[int] | None) -> tuple[str, list[int]]:
    """SQL that keeps the goals ``ids`` (all of the plan's for None), with its parameters."""
    if ids is None:
        return "", []
    return f" AND g.id IN ({', '.join('?' * len(ids))})", sorted(ids)


def _owner_sections(db: Database, plan_id: int, ids: set[int] | None = None) -> dict[int, list[str]]:
    where, params = _goal_filter(ids)
    sections: dict[int, list[str]] = {}
    for goal_id, name in db.execute(
            "SELECT gs.goal_id, s.name FROM goal_sections gs JOIN sections s ON s.id = gs.section_id "
            f"JOIN goals g ON g.id = gs.goal_id WHERE g.plan_id = ?{where} ORDER BY gs.position", [plan_id, *params]):
        sections.setdefault(goal_id, []).append(name)
    return sections


def _pins(db: Database, plan_id: int, ids: set[int] | None) -> dict[int, list[str]]:
    where, params = _goal_filter(ids)
    pins: dict[int, list[str]] = {}
    for goal_id, s, n in db.execute(
            "SELECT gd.goal_id, s.number, d.number FROM goal_directives gd JOIN directives d ON d.id = gd.directive_id "
            "JOIN policy_sections s ON s.id = d.section_id JOIN goals g ON g.id = gd.goal_id "
            f"WHERE g.plan_id = ?{where} ORDER BY s.number, d.number", [plan_id, *params]):
        pins.setdefault(goal_id, []).append(directive_code(s, n))
    return pins


def _goal_rows(db: Database, plan_id: int, ids: set[int] | None) -> list[tuple]:
    """The goals' own rows (id, position, parent, extra, key, texts …) in the drafter's order."""
    where, params = _goal_filter(ids)
    return db.execute(f"SELECT g.id, g.position, g.parent_id, g.extra, g.key, {', '.join('g.' + f for f in GOAL_TEXT_FIELDS)} "
                      f"FROM goals g WHERE g.plan_id = ?{where} ORDER BY g.position, g.id", [plan_id, *params]).fetchall()


def _goal(row: tuple, parts: dict[str, list]) -> Goal:
    """A goal from its row and its parts (課, pins and reviews, by attribute)."""
    goal_id, _position, parent, extra, key, *texts = row
    return Goal.with_texts(dict(zip(GOAL_TEXT_FIELDS, texts)), parent=parent, id=goal_id, extra=json.loads(extra),
                           key=key, **parts)


def _goals(db: Database, plan_id: int, ids: set[int] | None = None) -> list[Goal]:
    """The plan's goals in the drafter's order (only ``ids``, when given), with their 課, pins and reviews."""
    if ids is not None and not ids:
        return []
    parts = {name: read(db, plan_id, ids) for name, read in _PARTS.values()}
    return [_goal(row, {name: found.get(row[0], []) for name, found in parts.items()})
            for row in _goal_rows(db, plan_id, ids)]


# A goal's rows in other tables: table → (the Goal's attribute, reading it for some goals or all).
_PARTS: dict[str, tuple[str, Callable[[Database, int, set[int] | None], dict[int, list]]]] = {
    "goal_sections": ("owner_sections", _owner_sections),
    "goal_directives": ("directives", _pins),
    "goal_reviews": ("reviews", year_cycle.plan_reviews),
}
