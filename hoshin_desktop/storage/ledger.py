"""The export ledger: every document written from a plan, with the fingerprint printed on it.

Kept apart from the plan tables (no foreign key into plans or goals): a record of what was
handed out stays even when the plan is rewritten by an undo, replaced by an import or deleted.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.text import readable_name
from .connection import Database


@dataclass(frozen=True)
class ExportRecord:
    """One paper that left the app: when, which plan, what kind, where to."""

    exported_at: str  # local time, 2024-03-29T17:30:12
    fiscal_year: int
    department: str
    kind: str  # "docx", "pdf", "print"
    path: str  # "" for a printout
    revision: int
    edited_on: str  # the plan's last edit, as printed in the stamp
    fingerprint: str


_COLUMNS = ("exported_at", "fiscal_year", "department", "kind", "path", "revision", "edited_on", "fingerprint")


def record_export(db: Database, record: ExportRecord) -> None:
    with db.atomic():
        db.execute(f"INSERT INTO export_ledger ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
                   [readable_name(record.path) if name == "path" else getattr(record, name) for name in _COLUMNS])


def export_records(db: Database, fiscal_year: int | None = None, department: str | None = None) -> list[ExportRecord]:
    """Newest first, of one plan or of all."""
    where: list[str] = []
    params: list[int | str] = []
    if fiscal_year is not None:
        where.append("fiscal_year = ?")
        params.append(fiscal_year)
    if department is not None:
        where.append("department = ?")
        params.append(department)
    sql = f"SELECT {', '.join(_COLUMNS)} FROM export_ledger"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return [ExportRecord(*row) for row in db.execute(sql + " ORDER BY exported_at DESC, id DESC", params)]
