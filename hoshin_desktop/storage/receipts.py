"""The receipt log of plan files (plan_receipts): what arrived, from whom, and what became of it."""

from __future__ import annotations

from dataclasses import dataclass

from .connection import Database

RECEIPT_COLUMNS = ("batch", "file_name", "fiscal_year", "department", "revision", "edited_at", "fingerprint",
                   "sender", "goals", "new_sections", "outcome", "note")


@dataclass(frozen=True)
class Receipt:
    """One plan file taken in by an import: from which batch, for which plan, how it went."""

    batch: str  # one id per folder import
    file_name: str
    fiscal_year: int | None
    department: str
    revision: int | None
    edited_at: str | None  # the plan's last edit, as the file says
    fingerprint: str
    sender: str  # the first signer, as the file says
    goals: int | None
    new_sections: str  # 「、」-joined
    outcome: str  # 取り込み, スキップ, エラー, 取り消し
    note: str = ""
    received_at: str = ""


def add_receipts(db: Database, receipts: list[Receipt]) -> None:
    db.conn.executemany(
        f"INSERT INTO plan_receipts ({', '.join(RECEIPT_COLUMNS)}) VALUES ({', '.join('?' * len(RECEIPT_COLUMNS))})",
        [tuple(getattr(r, c) for c in RECEIPT_COLUMNS) for r in receipts])


def mark_undone(db: Database, batch: str) -> None:
    db.execute("UPDATE plan_receipts SET outcome = '取り消し' WHERE batch = ? AND outcome = '取り込み'", [batch])


def receipts(db: Database, fiscal_year: int | None = None) -> list[Receipt]:
    """Newest first."""
    where = " WHERE fiscal_year = ?" if fiscal_year is not None else ""
    rows = db.execute(f"SELECT {', '.join(RECEIPT_COLUMNS)}, received_at FROM plan_receipts{where} "
                      "ORDER BY received_at DESC, id DESC", [fiscal_year] if fiscal_year is not None else [])
    return [Receipt(*row) for row in rows]
