"""The rows of 事務引継ぎ: a plan's handover notes, each goal's note, and whether they arrived unseen."""

from __future__ import annotations

from ..domain.handover import Handover
from .connection import Database


def load(db: Database, plan_id: int) -> Handover:
    row = db.execute("SELECT notes, arrived FROM plan_handovers WHERE plan_id = ?", [plan_id]).fetchone()
    goal_notes = dict(db.execute("SELECT n.goal_id, n.notes FROM goal_handover_notes n JOIN goals g ON g.id = n.goal_id "
                                 "WHERE g.plan_id = ?", [plan_id]).fetchall())
    return Handover(row[0] if row else "", goal_notes, bool(row[1]) if row else False)


def set_notes(db: Database, plan_id: int, notes: str) -> None:
    with db.atomic():
        db.execute("INSERT INTO plan_handovers (plan_id, notes) VALUES (?, ?) "
                   "ON CONFLICT (plan_id) DO UPDATE SET notes = excluded.notes", [plan_id, notes])


def set_goal_note(db: Database, goal_id: int, notes: str) -> None:
    with db.atomic():
        if notes:
            db.execute("INSERT INTO goal_handover_notes (goal_id, notes) VALUES (?, ?) "
                       "ON CONFLICT (goal_id) DO UPDATE SET notes = excluded.notes", [goal_id, notes])
        else:
            db.execute("DELETE FROM goal_handover_notes WHERE goal_id = ?", [goal_id])


def acknowledge(db: Database, plan_id: int) -> None:
    """The notes that arrived were shown: they are not shown again."""
    with db.atomic():
        db.execute("UPDATE plan_handovers SET arrived = 0 WHERE plan_id = ?", [plan_id])


def write_for_plan(db: Database, plan, goal_ids: dict[int, int]) -> None:
    """The handover of ``plan`` for a plan whose goals were just stored (``goal_ids``: the ids its goals had
    before → their stored ids, as year_cycle.write_for_plan)."""
    handover: Handover = plan.handover
    db.execute("DELETE FROM plan_handovers WHERE plan_id = ?", [plan.id])
    if handover.notes or handover.arrived:
        db.execute("INSERT INTO plan_handovers (plan_id, notes, arrived) VALUES (?, ?, ?)",
                   [plan.id, handover.notes, int(handover.arrived)])
    notes = {goal_ids[key]: text for key, text in handover.goal_notes.items() if key in goal_ids and text}
    db.conn.executemany("INSERT INTO goal_handover_notes (goal_id, notes) VALUES (?, ?)", sorted(notes.items()))
    handover.goal_notes = notes
