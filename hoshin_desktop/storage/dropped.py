"""Rows of what a plan held for directives dropped since (domain/dropped.py): one per lost pin or 部の方針."""

from __future__ import annotations

import json

from ..domain.dropped import DroppedDirective
from .connection import Database

_COLUMNS = "id, goal_id, from_year, code, text, pins, dismissed"


def dropped(db: Database, plan_id: int) -> list[DroppedDirective]:
    return [DroppedDirective(from_year, code, goal, text, json.loads(pins), bool(dismissed), id_)
            for id_, goal, from_year, code, text, pins, dismissed in db.execute(
                f"SELECT {_COLUMNS} FROM dropped_directives WHERE plan_id = ? ORDER BY id", [plan_id])]


def add_dropped(db: Database, plan_id: int, items: list[DroppedDirective]) -> None:
    """Store ``items`` (their ``goal`` already the stored goal's id); each gets its id."""
    for item in items:
        item.id = db.execute(
            "INSERT INTO dropped_directives (plan_id, goal_id, from_year, code, text, pins, dismissed) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [plan_id, item.goal, item.from_year, item.code, item.text, json.dumps(item.pins, ensure_ascii=False),
             int(item.dismissed)]).lastrowid


def set_dismissed(db: Database, item_id: int, dismissed: bool) -> None:
    db.execute("UPDATE dropped_directives SET dismissed = ? WHERE id = ?", [int(dismissed), item_id])


def write_for_plan(db: Database, plan, goal_ids: dict[int, int]) -> None:
    """A plan arriving whole brings its own (``goal_ids``: the ids its goals had → the stored ones); a
    goal that did not arrive takes its rows with it."""
    db.execute("DELETE FROM dropped_directives WHERE plan_id = ?", [plan.id])
    items = [item for item in plan.dropped if item.goal is None or item.goal in goal_ids]
    for item in items:
        item.goal = goal_ids.get(item.goal) if item.goal is not None else None
    add_dropped(db, plan.id, items)
    plan.dropped = items
