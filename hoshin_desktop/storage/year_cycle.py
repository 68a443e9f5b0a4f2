"""Rows of the year after the interview: reviews per goal, 指示事項 and 確定 per plan, the city's lists.

These rows are not the plan's text: undo (storage.row_log) leaves them alone unless its step
wrote them, and a plan arriving whole (a file, a snapshot put back) brings its own
(``write_for_plan``).
"""

from __future__ import annotations

from datetime import date, datetime

from ..domain.cycle import Instruction, PlanLock, Review, ReviewMark, Unlock
from ..domain.models import stored_id
from .connection import Database

_REVIEW_COLUMNS = ("mark", "actual", "comment", "reason")


# --- the city's lists ------------------------------------------------------------------------

def review_marks(db: Database) -> list[ReviewMark]:
    return [ReviewMark(mark, label, bool(needs)) for mark, label, needs in db.execute(
        "SELECT mark, label, needs_reason FROM review_marks ORDER BY position, id")]


def set_review_marks(db: Database, marks: list[ReviewMark]) -> None:
    with db.atomic():
        db.execute("DELETE FROM review_marks")
        db.conn.executemany("INSERT INTO review_marks (position, mark, label, needs_reason) VALUES (?, ?, ?, ?)",
                            [(i, m.mark, m.label, int(m.needs_reason)) for i, m in enumerate(marks)])


def instruction_givers(db: Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT name FROM instruction_givers ORDER BY position, id")]


def set_instruction_givers(db: Database, names: list[str]) -> None:
    with db.atomic():
        db.execute("DELETE FROM instruction_givers")
        db.conn.executemany("INSERT INTO instruction_givers (position, name) VALUES (?, ?)", list(enumerate(names)))


# --- reviews ---------------------------------------------------------------------------------

def plan_reviews(db: Database, plan_id: int, goals: set[int] | None = None) -> dict[int, list[Review]]:
    """Goal id → its reviews (interim before final), of every goal of the plan or of ``goals``."""
    reviews: dict[int, list[Review]] = {}
    where = f" AND g.id IN ({', '.join('?' * len(goals))})" if goals is not None else ""
    for goal_id, stage, *values in db.execute(
        "SELECT r.goal_id, r.stage, r.mark, r.actual, r.comment, r.reason FROM goal_reviews r "
        f"JOIN goals g ON g.id = r.goal_id WHERE g.plan_id = ?{where} ORDER BY r.goal_id, r.stage = 'final'",
            [plan_id, *sorted(goals or ())]):
        reviews.setdefault(goal_id, []).append(Review(stage, **dict(zip(_REVIEW_COLUMNS, values))))
    return reviews


def set_review(db: Database, goal_id: int, review: Review) -> None:
    """Store the goal's review of ``review.stage``; a blank review removes it."""
    with db.atomic():
        db.execute("DELETE FROM goal_reviews WHERE goal_id = ? AND stage = ?", [goal_id, review.stage])
        if not review.is_blank:
            db.execute("INSERT INTO goal_reviews (goal_id, stage, mark, actual, comment, reason) VALUES (?, ?, ?, ?, ?, ?)",
                       [goal_id, review.stage, *(getattr(review, c) for c in _REVIEW_COLUMNS)])


# --- 指示事項 ----------------------------------------------------------------------------------

_INSTRUCTION_COLUMNS = "id, given_on, given_by, text, goal_id, directive, due, status, response"


def _instruction(row) -> Instruction:
    id_, given_on, given_by, text, goal, directive, due, status, response = row
    return Instruction(date.fromisoformat(given_on), given_by, text, goal, directive,
                       date.fromisoformat(due) if due else None, status, response, id_)


def instructions(db: Database, plan_id: int) -> list[Instruction]:
    return [_instruction(r) for r in db.execute(
        f"SELECT {_INSTRUCTION_COLUMNS} FROM instructions WHERE plan_id = ? ORDER BY position, id", [plan_id])]


def _instruction_values(item: Instruction) -> dict:
    return {"given_on": item.given_on.isoformat(), "given_by": item.given_by, "text": item.text,
            "goal_id": item.goal, "directive": item.directive,
            "due": item.due.isoformat() if item.due else None, "status": item.status, "response": item.response}


def add_instruction(db: Database, plan_id: int, item: Instruction) -> int:
    with db.atomic():
        position = db.execute("SELECT COALESCE(MAX(position) + 1, 0) FROM instructions WHERE plan_id = ?",
                              [plan_id]).fetchone()[0]
        return db.insert("instructions", {"plan_id": plan_id, "position": position, **_instruction_values(item)})


def update_instruction(db: Database, item: Instruction) -> None:
    with db.atomic():
        db.update("instructions", stored_id(item), _instruction_values(item))


def delete_instruction(db: Database, instruction_id: int) -> None:
    with db.atomic():
        db.execute("DELETE FROM instructions WHERE id = ?", [instruction_id])


# --- 確定 ------------------------------------------------------------------------------------

def plan_lock(db: Database, plan_id: int, *, with_snapshot: bool = False) -> PlanLock | None:
    snapshot = "snapshot" if with_snapshot else "''"  # a whole plan: read only when asked for
    row = db.execute(f"SELECT locked_at, revision, {snapshot} FROM plan_locks WHERE plan_id = ?", [plan_id]).fetchone()
    return PlanLock(datetime.fromisoformat(row[0]), row[1], row[2]) if row else None


def lock_plan(db: Database, plan_id: int, lock: PlanLock) -> None:
    with db.atomic():
        db.execute("INSERT OR REPLACE INTO plan_locks (plan_id, locked_at, revision, snapshot) VALUES (?, ?, ?, ?)",
                   [plan_id, lock.locked_at.isoformat(timespec="seconds"), lock.revision, lock.snapshot])


def unlock_plan(db: Database, plan_id: int, reason: str, unlocked_at: datetime, by: str = "") -> None:
    """Lift the plan's 確定, recording which 版 it was, why and by whom."""
    with db.atomic():
        lock = plan_lock(db, plan_id)
        if lock is None:
            return
        add_unlocks(db, plan_id, [Unlock(lock.locked_at, lock.revision, unlocked_at, reason, by)])
        db.execute("DELETE FROM plan_locks WHERE plan_id = ?", [plan_id])


def add_unlocks(db: Database, plan_id: int, records: list[Unlock]) -> None:
    """Add 解除 records (one lifted here, or those a plan file brings)."""
    db.conn.executemany(
        "INSERT INTO plan_unlocks (plan_id, locked_at, revision, unlocked_at, reason, unlocked_by) VALUES (?, ?, ?, ?, ?, ?)",
        [(plan_id, u.locked_at.isoformat(timespec="seconds"), u.revision, u.unlocked_at.isoformat(timespec="seconds"),
          u.reason, u.by) for u in records])


def unlocks(db: Database, plan_id: int) -> list[Unlock]:
    return [Unlock(datetime.fromisoformat(a), rev, datetime.fromisoformat(b), reason, by)
            for a, rev, b, reason, by in db.execute(
                "SELECT locked_at, revision, unlocked_at, reason, unlocked_by FROM plan_unlocks WHERE plan_id = ? ORDER BY id",
                [plan_id])]


# --- with the plan's own rows ----------------------------------------------------------------

def write_for_plan(db: Database, plan, goal_ids: dict[int, int]) -> None:
    """The reviews of ``plan.goals``, and the plan's 指示事項 and 確定, for a plan whose goals were just stored.

    ``goal_ids`` maps the ids the plan's goals had before they were stored to their stored
    ids (a plan file's local keys; the same ids for a snapshot put back).
    """
    db.conn.executemany(  # as they come, blank ones too: a plan file round-trips exactly
        "INSERT INTO goal_reviews (goal_id, stage, mark, actual, comment, reason) VALUES (?, ?, ?, ?, ?, ?)",
        [(goal.id, r.stage, *(getattr(r, c) for c in _REVIEW_COLUMNS)) for goal in plan.goals for r in goal.reviews])
    db.execute("DELETE FROM instructions WHERE plan_id = ?", [plan.id])
    for position, item in enumerate(plan.instructions):
        values = _instruction_values(item)
        values["goal_id"] = goal_ids.get(item.goal)
        item.id = db.insert("instructions", {"plan_id": plan.id, "position": position, **values})
        item.goal = values["goal_id"]
    stored = plan_lock(db, plan.id, with_snapshot=True)
    db.execute("DELETE FROM plan_locks WHERE plan_id = ?", [plan.id])
    if plan.lock is not None:
        same = stored is not None and (stored.locked_at, stored.revision) == (plan.lock.locked_at, plan.lock.revision)
        # load_plan leaves the snapshot out: putting the same 確定 back keeps the stored one
        lock_plan(db, plan.id, stored if stored is not None and same and not plan.lock.snapshot else plan.lock)
