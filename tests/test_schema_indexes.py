"""Every foreign key has an index, so deleting a row never reads a whole table.

SQLite looks up the rows that refer to a deleted row (ON DELETE CASCADE); without an
index on the referring column that is a scan of the table, for every row deleted. Undo
rewrites a plan's goals, so one missing index made each undo read every goal of every
year (tests/benchmarks measures undo and edits).
"""

import sqlite3

from hoshin_desktop.storage import schema
from hoshin_desktop.storage.connection import Database


def _leading_columns(db: Database, table: str) -> set[str]:
    """The first column of each index of ``table`` (a composite primary key counts)."""
    firsts = set()
    for index in db.execute(f"PRAGMA index_list({table})").fetchall():
        columns = db.execute(f"PRAGMA index_info({index[1]})").fetchall()
        firsts.add(columns[0][2])
    return firsts


def test_every_foreign_key_column_leads_an_index():
    db = Database(sqlite3.connect(":memory:"))
    schema.migrate(db)
    unindexed = []
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        indexed = _leading_columns(db, table)
        for key in db.execute(f"PRAGMA foreign_key_list({table})").fetchall():
            if key[3] not in indexed:
                unindexed.append(f"{table}.{key[3]}")
    assert unindexed == []
