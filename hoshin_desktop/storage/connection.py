"""One SQLite database as the storage functions see it: statements through the stdlib
connection, table writes through sqlite-utils, loaded on the first of them (single rows are
written in plain SQL: see ``insert``, ``update``).

Opening the window only reads (the lists, the plan, the basic policy), and importing
sqlite-utils takes about a tenth of a start; so it is imported when something writes a row
through a table, or migrates, not before.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

    from .wal_guard import WalGuard

_LOADING = threading.Lock()  # sqlite-utils may be loaded on a thread of its own while the window starts


class Database:
    """A connection whose transactions take the write lock when they begin.

    A deferred transaction that reads and then writes cannot wait for another writer (SQLite
    refuses the upgrade at once to avoid a deadlock), so the busy timeout would never apply.
    """

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._utils: sqlite_utils.Database | None = None
        self.wal_guard: WalGuard | None = None  # the working database's (storage/wal_guard.py)
        self._depth = 0  # savepoints open inside the transaction
        # As sqlite-utils sets it: a row that INSERT OR REPLACE removes fires its delete
        # triggers, so the undo log (row_log) sees it go.
        conn.execute("PRAGMA recursive_triggers = ON")

    @property
    def utils(self) -> sqlite_utils.Database:
        """sqlite-utils over this same connection (no plugins: none may change our connections,
        and looking for them reads the metadata of every installed package)."""
        if self._utils is None:
            with _LOADING:  # one wrapper, whichever thread comes first
                if self._utils is None:
                    import sqlite_utils

                    self._utils = sqlite_utils.Database(self.conn, execute_plugins=False, recursive_triggers=False)
        return self._utils

    def execute(self, sql: str, parameters=()) -> sqlite3.Cursor:
        """One statement. A write outside ``atomic()`` commits at once, as in sqlite-utils."""
        was_in_transaction = self.conn.in_transaction
        try:
            cursor = self.conn.execute(sql, parameters)
        except Exception:
            if not was_in_transaction and self.conn.in_transaction:
                self.conn.execute("ROLLBACK")  # never leave a failed statement's transaction open
            raise
        if not was_in_transaction and self.conn.in_transaction and cursor.description is None:
            self.conn.execute("COMMIT")
        return cursor

    def table(self, name: str) -> sqlite_utils.db.Table:
        return self.utils.table(name)

    def insert(self, name: str, row: dict) -> int:
        """Add ``row`` (column: text, number or None) to the table ``name``; the new row's id. Plain
        SQL, so that a one-off write (a 版 kept at 確定, an 指示事項) does not load sqlite-utils."""
        columns = ", ".join(quoted(column) for column in row)
        sql = f"INSERT INTO {quoted(name)} ({columns}) VALUES ({', '.join('?' * len(row))})"
        return inserted_id(self.execute(sql, list(row.values())).lastrowid, name)

    def update(self, name: str, row_id: int, values: dict) -> None:
        """Set ``values`` (column: value) on the row ``row_id`` of the table ``name``."""
        assignments = ", ".join(f"{quoted(column)} = ?" for column in values)
        cursor = self.execute(f"UPDATE {quoted(name)} SET {assignments} WHERE id = ?", [*values.values(), row_id])
        if cursor.rowcount != 1:
            raise LookupError(f"{name}: no row {row_id}")

    @contextmanager
    def atomic(self) -> Iterator[Database]:
        """One transaction (BEGIN IMMEDIATE); a nested block is a savepoint, undone alone when it fails."""
        if self.conn.in_transaction:
            with self._savepoint():
                yield self
            return
        # the checkpoint thread may be starting the -wal over: wait for that, not SQLite's busy sleeps
        with self.wal_guard.restarting if self.wal_guard else nullcontext():
            self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise

    @contextmanager
    def _savepoint(self) -> Iterator[None]:
        """As sqlite-utils' nested ``atomic()``, without loading sqlite-utils for it (recording an
        export inside a session's transaction is the only write of an export)."""
        self._depth += 1
        name = f"nested_{self._depth}"
        self.conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:  # a RAISE(ROLLBACK) trigger may have ended the whole transaction
                self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                self.conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        else:
            self.conn.execute(f"RELEASE SAVEPOINT {name}")
        finally:
            self._depth -= 1

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def close(self) -> None:
        if self.wal_guard is not None:
            self.wal_guard.settle()
        self.conn.close()


def quoted(name: str) -> str:
    """A table's, column's or trigger's name in a statement (names come from our code and schema, never
    from a user)."""
    return '"' + name.replace('"', '""') + '"'


def inserted_id(row_id: object, table: str) -> int:
    """The id an INSERT gave its row (``last_pk``, ``lastrowid``): every table here has an integer key."""
    if not isinstance(row_id, int):
        raise TypeError(f"{table}: no integer id for the row inserted ({row_id!r})")
    return row_id
