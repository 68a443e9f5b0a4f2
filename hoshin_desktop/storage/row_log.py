"""Undo below the data: every row an edit writes under a plan is recorded as its inverse.

While an edit runs, temporary triggers turn each INSERT, UPDATE and DELETE on a plan's
tables into the SQL statement that reverses it. Undoing runs those statements newest first
(and records their own inverse, which is the redo). Only the rows the edit touched are
put back: a row that something else wrote (an export record, a review) is never deleted
by an undo of an unrelated edit.

Which tables are "a plan's tables" is read from the schema, not listed here: ``plans`` and
every table with a foreign key into one of them, transitively (goals, goal_sections, and any
table a later migration hangs under plans or goals). A new table is covered without
touching this module.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from typing import Iterator

ROOT = "plans"
_RECORDING = "hoshin_row_log_recording"
_RECORD = "hoshin_row_log_record"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def plan_tables(conn: sqlite3.Connection) -> list[str]:
    """``plans`` and every table that hangs under it through foreign keys, in schema order."""
    names = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")]
    parents = {name: {fk[2] for fk in conn.execute(f"PRAGMA foreign_key_list({_quoted(name)})")} for name in names}
    owned = {ROOT} if ROOT in names else set()
    grown = True
    while grown:
        added = {name for name in names if name not in owned and parents[name] & owned}
        owned |= added
        grown = bool(added)
    return [name for name in names if name in owned]


def _columns(conn: sqlite3.Connection, table: str) -> tuple[list[str], list[str]]:
    """(columns to restore, key columns that find the row): the rowid where the table has one."""
    info = list(conn.execute(f"PRAGMA table_info({_quoted(table)})"))
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone()[0]
    columns = [row[1] for row in info]
    if "WITHOUT ROWID" in sql.upper():
        return columns, [row[1] for row in sorted(info, key=lambda r: r[5]) if row[5]]
    keys = [row for row in info if row[5]]
    alias = len(keys) == 1 and keys[0][2].upper() == "INTEGER"  # INTEGER PRIMARY KEY is the rowid itself
    return (columns if alias else ["rowid", *columns]), ([keys[0][1]] if alias else ["rowid"])


def _values(prefix: str, columns: list[str]) -> str:
    """SQL that builds "quote(col1) || ',' || quote(col2) …" of the row ``prefix`` (old/new)."""
    return " || ',' || ".join(f"quote({prefix}.{_quoted(c)})" for c in columns)


def _assignments(prefix: str, columns: list[str], joiner: str) -> str:
    return f" || '{joiner}' || ".join(f"'{_quoted(c)}=' || quote({prefix}.{_quoted(c)})" for c in columns)


def _triggers(conn: sqlite3.Connection, table: str) -> list[str]:
    columns, keys = _columns(conn, table)
    name, target = _quoted(table), f"main.{_quoted(table)}"
    column_list = ", ".join(_quoted(c) for c in columns)
    when = f"WHEN {_RECORDING}()"
    inverse_insert = f"'DELETE FROM {target} WHERE ' || {_assignments('new', keys, ' AND ')}"
    inverse_update = (f"'UPDATE {target} SET ' || {_assignments('old', columns, ', ')}"
                      f" || ' WHERE ' || {_assignments('new', keys, ' AND ')}")
    inverse_delete = f"'INSERT INTO {target} ({column_list}) VALUES (' || {_values('old', columns)} || ')'"
    return [
        f"CREATE TEMP TRIGGER {_quoted('row_log_insert_' + table)} AFTER INSERT ON main.{name} {when} "
        f"BEGIN SELECT {_RECORD}({inverse_insert}); END",
        f"CREATE TEMP TRIGGER {_quoted('row_log_update_' + table)} AFTER UPDATE ON main.{name} {when} "
        f"BEGIN SELECT {_RECORD}({inverse_update}); END",
        f"CREATE TEMP TRIGGER {_quoted('row_log_delete_' + table)} BEFORE DELETE ON main.{name} {when} "
        f"BEGIN SELECT {_RECORD}({inverse_delete}); END",
    ]


class RowLog:
    """The recorder of one connection (temporary triggers live as long as the connection)."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn
        self._entries: list[str] | None = None
        conn.create_function(_RECORDING, 0, lambda: self._entries is not None)
        conn.create_function(_RECORD, 1, self._record)
        self.tables = plan_tables(conn)
        for table in self.tables:
            for statement in _triggers(conn, table):
                conn.execute(statement)

    def _record(self, statement: str) -> None:
        if self._entries is not None:
            self._entries.append(statement)

    @contextmanager
    def recording(self) -> Iterator[list[str]]:
        """Collect the inverse of every plan row written inside the block, oldest first."""
        if self._entries is not None:
            raise RuntimeError("row log: recordings do not nest")
        entries: list[str] = []
        self._entries = entries
        try:
            yield entries
        finally:
            self._entries = None

    def replay(self, statements: list[str]) -> list[str]:
        """Reverse a recording in one transaction; returns the recording that reverses this."""
        with self.recording() as inverse:
            in_transaction = self._conn.in_transaction
            if not in_transaction:
                self._conn.execute("BEGIN")
            try:
                # Rows come back parents-last (a goal after its pins): check keys at commit.
                self._conn.execute("PRAGMA defer_foreign_keys = ON")
                for statement in reversed(statements):
                    self._conn.execute(statement)
                if not in_transaction:
                    self._conn.execute("COMMIT")
            except BaseException:
                if not in_transaction and self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
        return list(inverse)
