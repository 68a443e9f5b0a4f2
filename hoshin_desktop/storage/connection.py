"""One SQLite database as the storage functions see it: statements through the stdlib
connection, table writes through sqlite-utils, loaded on the first of them.

Opening the window only reads (the lists, the plan, the basic policy), and importing
sqlite-utils takes about a tenth of a start; so it is imported when something writes a row
through a table, or migrates, not before.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
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
        """Add ``row`` to the table ``name``; the new row's id."""
        return inserted_id(self.table(name).insert(row).last_pk, name)

    @contextmanager
    def atomic(self) -> Iterator[Database]:
        """One transaction (BEGIN IMMEDIATE); nested blocks are sqlite-utils' savepoints."""
        if self.conn.in_transaction:
            with self.utils.atomic():
                yield self
            return
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

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def close(self) -> None:
        if self.wal_guard is not None:
            self.wal_guard.settle()
        self.conn.close()


def inserted_id(row_id: object, table: str) -> int:
    """The id an INSERT gave its row (``last_pk``, ``lastrowid``): every table here has an integer key."""
    if not isinstance(row_id, int):
        raise TypeError(f"{table}: no integer id for the row inserted ({row_id!r})")
    return row_id
