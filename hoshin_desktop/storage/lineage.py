"""Storage of the confirmed directive mappings between years and of the plans' 版 snapshots."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..domain.history import KeptRevision
from .connection import Database
from .repository import NotFound, directive_ids


def save_directive_mapping(db: Database, from_year: int, to_year: int, pairs: list[tuple[str, str]]) -> None:
    """Store the pairs (old code, new code) the user confirmed, replacing any earlier confirmation."""
    old_ids, new_ids = directive_ids(db, from_year), directive_ids(db, to_year)
    unknown = [code for code, _ in pairs if code not in old_ids] + [code for _, code in pairs if code not in new_ids]
    if unknown:
        raise NotFound(f"基本方針に項目 {'、'.join(unknown)} がありません")
    with db.atomic():
        db.execute("DELETE FROM directive_mappings WHERE from_year = ? AND to_year = ?", [from_year, to_year])
        mapping_id = db.insert("directive_mappings", {"from_year": from_year, "to_year": to_year})
        db.table("directive_mapping_pairs").insert_all(
            ({"mapping_id": mapping_id, "from_directive_id": old_ids[a], "to_directive_id": new_ids[b]}
             for a, b in dict.fromkeys(pairs)), pk=None)


def load_directive_mapping(db: Database, from_year: int, to_year: int) -> list[tuple[str, str]] | None:
    """The confirmed pairs with the codes the directives have now, or None when none was confirmed."""
    row = db.execute("SELECT id FROM directive_mappings WHERE from_year = ? AND to_year = ?",
                     [from_year, to_year]).fetchone()
    if row is None:
        return None
    return [(a, b) for a, b in db.execute(
        "SELECT o.code, n.code FROM directive_mapping_pairs p JOIN directives o ON o.id = p.from_directive_id "
        "JOIN directives n ON n.id = p.to_directive_id WHERE p.mapping_id = ? ORDER BY p.rowid", [row[0]])]


@dataclass(frozen=True)
class Snapshot:
    """A kept 版 of a plan, as listed (its content is read on demand)."""

    id: int
    revision: int
    label: str
    taken_at: str


def save_snapshot(db: Database, plan_id: int, revision: int, label: str, content: dict, taken_at: str | None = None) -> int:
    """Keep a 版 of the plan; ``taken_at`` (ISO, local time) for one kept elsewhere, else now."""
    row = {"plan_id": plan_id, "revision": revision, "label": label, "content": json.dumps(content, ensure_ascii=False)}
    if taken_at:
        row["taken_at"] = taken_at
    with db.atomic():
        return db.insert("plan_snapshots", row)


def kept_revisions(db: Database, plan_id: int) -> list[KeptRevision]:
    """Every 版 kept of the plan, with its content, oldest first."""
    return [KeptRevision(revision, label, taken_at, json.loads(content)) for revision, label, taken_at, content in db.execute(
        "SELECT revision, label, taken_at, content FROM plan_snapshots WHERE plan_id = ? ORDER BY id", [plan_id])]


def snapshots(db: Database, plan_id: int) -> list[Snapshot]:
    return [Snapshot(*row) for row in db.execute(
        "SELECT id, revision, label, taken_at FROM plan_snapshots WHERE plan_id = ? ORDER BY id", [plan_id])]


def snapshot_content(db: Database, snapshot_id: int) -> dict:
    row = db.execute("SELECT content FROM plan_snapshots WHERE id = ?", [snapshot_id]).fetchone()
    if row is None:
        raise NotFound(f"snapshot {snapshot_id} does not exist")
    return json.loads(row[0])
