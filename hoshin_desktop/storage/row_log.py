"""Undo below the data: every row an edit writes under a plan is recorded, to be written back.

While an edit runs, temporary triggers hand each INSERT, UPDATE and DELETE on a plan's
tables to ``RowLog`` with the row as it was. Undoing writes those rows back, newest first
(and records what that writes, which is the redo). Only the rows the edit touched are put
back: a row that something else wrote (an export record, a review) is never deleted by an
undo of an unrelated edit.

Which tables are "a plan's tables" is read from the schema, not listed here: ``plans`` and
every table with a foreign key into one of them, transitively (goals, goal_sections, and any
table a later migration hangs under plans or goals). A new table is covered without
touching this module.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property

from .connection import quoted

ROOT = "plans"
# Outside the plans but edited as a step of the open plan: the department's 課 list (its
# removal or rename is undone together with the goals' 担当課 it changed) and the 課's links to
# last year's 課 (組織改正), which a removal drops and a rename records.
ALSO_RECORDED = ("sections", "section_predecessors")
STAMPS = {"plans": "updated_at"}  # when a plan was last edited: not content of its own
_RECORDING = "hoshin_row_log_recording"
_RECORD = "hoshin_row_log_record"

Entry = tuple  # (operation, table, key values, row values): what one write did


class ReplayConflict(ValueError):
    """The rows to write back collide with rows written since (nothing was changed)."""

    def __init__(self):
        super().__init__("元に戻せませんでした。この操作のあとで、ほかの操作が同じデータを変えています。（何も変更していません）")


def _references(conn: sqlite3.Connection, names: list[str]) -> dict[str, set[str]]:
    return {name: {fk[2] for fk in conn.execute(f"PRAGMA foreign_key_list({quoted(name)})")} for name in names}


def plan_tables(conn: sqlite3.Connection) -> list[str]:
    """``plans`` and every table that hangs under it through foreign keys, in schema order."""
    names = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")]
    parents = _references(conn, names)
    owned = {ROOT} if ROOT in names else set()
    grown = True
    while grown:
        added = {name for name in names if name not in owned and parents[name] & owned}
        owned |= added
        grown = bool(added)
    return [name for name in names if name in owned]


@dataclass(frozen=True)
class _Table:
    """What the row log needs to know of a table to record and undo its rows."""

    name: str
    columns: tuple[str, ...]  # every stored column
    keys: tuple[str, ...]  # what finds a row: the rowid, or a WITHOUT ROWID table's primary key
    leaf: bool  # no foreign key points at it: a row may come back under another rowid
    alias: str | None  # the INTEGER PRIMARY KEY column that is the rowid itself

    @classmethod
    def read(cls, conn: sqlite3.Connection, name: str, referenced: set[str]) -> _Table:
        info = list(conn.execute(f"PRAGMA table_info({quoted(name)})"))
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [name]).fetchone()[0]
        columns = tuple(row[1] for row in info)
        primary = [row for row in info if row[5]]
        if "WITHOUT ROWID" in sql.upper():
            return cls(name, columns, tuple(row[1] for row in sorted(primary, key=lambda r: r[5])), False, None)
        alias = primary[0][1] if len(primary) == 1 and primary[0][2].upper() == "INTEGER" else None
        return cls(name, columns, ("rowid",), name not in referenced, alias)

    def triggers(self) -> list[str]:
        target = f"main.{quoted(self.name)}"
        label = self.name.replace("'", "''")

        def values(prefix: str, names: tuple[str, ...]) -> str:
            return ", ".join(f"{prefix}.{quoted(n)}" for n in names)

        count = len(self.keys)
        made = []
        # The keys find the row as it is after the write; the values are the row as it was before.
        for event, timing, key, row in (("INSERT", "AFTER", "new", None), ("UPDATE", "AFTER", "new", "old"),
                                        ("DELETE", "BEFORE", "old", "old")):
            arguments = f"'{event}', '{label}', {count}, {values(key, self.keys)}"
            if row:
                arguments += f", {values(row, self.columns)}"
            made.append(f"CREATE TEMP TRIGGER IF NOT EXISTS {quoted(f'row_log_{event.lower()}_{self.name}')} "
                        f"{timing} {event} ON {target} WHEN {_RECORDING}() BEGIN SELECT {_RECORD}({arguments}); END")
        return made

    def where(self) -> str:
        return " AND ".join(f"{quoted(k)} = ?" for k in self.keys)

    # The statements that write a row back, built once: an undo step runs them, not Python building them.
    @cached_property
    def delete_sql(self) -> str:
        return f"DELETE FROM main.{quoted(self.name)} WHERE {self.where()}"

    def update_sql(self, columns: tuple[int, ...]) -> str:
        assignments = ", ".join(f"{quoted(self.columns[i])} = ?" for i in columns)
        return f"UPDATE main.{quoted(self.name)} SET {assignments} WHERE {self.where()}"

    @cached_property
    def key_columns(self) -> tuple[int, ...]:
        """Where the columns that find a row (the rowid's own column, a WITHOUT ROWID key) are in a row."""
        names = (self.alias,) if self.keys == ("rowid",) else self.keys
        return tuple(self.columns.index(name) for name in names if name in self.columns)

    @cached_property
    def update_all_sql(self) -> str:
        return self.update_sql(tuple(range(len(self.columns))))

    @cached_property
    def value_columns(self) -> tuple[int, ...]:
        """The columns written back to a row that keeps its key (all, when the key is all it has)."""
        return tuple(i for i in range(len(self.columns)) if i not in self.key_columns) or tuple(range(len(self.columns)))

    @cached_property
    def update_values_sql(self) -> str:
        return self.update_sql(self.value_columns)

    @cached_property
    def implicit_rowid(self) -> bool:
        """The rowid finds the row but is no column of its own: putting a row back names it."""
        return self.keys == ("rowid",) and self.alias is None

    @cached_property
    def insert_sql(self) -> str:
        columns = [*self.columns] + (["rowid"] if self.implicit_rowid else [])
        return (f"INSERT INTO main.{quoted(self.name)} ({', '.join(map(quoted, columns))}) "
                f"VALUES ({', '.join('?' * len(columns))})")


class RowLog:
    """The recorder of one connection (temporary triggers live as long as the connection).

    The triggers are made at the first recording, not when the session opens: reading the schema
    and making them takes some 10 ms that the window's start (and a session that only reads) does
    not need."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn
        self._entries: list[Entry] | None = None

    @cached_property
    def tables(self) -> dict[str, _Table]:
        """The recorded tables, by name; the first call makes the triggers that record them."""
        conn = self._conn
        if conn.in_transaction:  # a rollback would take the triggers with it, and undo would miss edits
            raise RuntimeError("row log: the triggers are made outside a transaction")
        conn.create_function(_RECORDING, 0, lambda: self._entries is not None)
        conn.create_function(_RECORD, -1, self._record)
        names = plan_tables(conn)
        names += [name for name in ALSO_RECORDED if name not in names and conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]).fetchone()]
        everything = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        referenced = set().union(*_references(conn, everything).values())
        tables = {name: _Table.read(conn, name, referenced) for name in names}
        for table in tables.values():
            for statement in table.triggers():
                conn.execute(statement)
        return tables

    def prepare(self) -> None:
        """Make the triggers now (once), before the writes of an edit rather than between them. A failure
        (a data file that cannot be written) makes nothing that counts: the next call tries again."""
        self.tables  # noqa: B018

    @property
    def connection(self) -> sqlite3.Connection:
        return self._conn

    def _record(self, event: str, table: str, count: int, *values) -> None:
        if self._entries is not None:
            self._entries.append((event, table, tuple(values[:count]), tuple(values[count:])))

    @contextmanager
    def recording(self) -> Iterator[list[Entry]]:
        """Collect every plan row written inside the block, oldest first."""
        if self._entries is not None:
            raise RuntimeError("row log: recordings do not nest")
        self.prepare()
        entries: list[Entry] = []
        self._entries = entries
        try:
            yield entries
        finally:
            self._entries = None

    def unchanged(self, entries: list[Entry], reverse: list[Entry], stamps: dict[str, str] = STAMPS) -> bool:
        """Did writing back ``entries`` (``replay``, which recorded ``reverse``) change nothing? True when
        each is an update whose row already was as written back, apart from a table's stamp column
        (``stamps``: the last-edit time). No row is read: ``reverse`` holds every row as it was before.
        A row written several times (keystrokes merged into one step) came back as its first entry had it."""
        if any(entry[0] != "UPDATE" for entry in entries):
            return False
        before: dict[tuple[str, tuple], tuple] = {}
        for _event, name, keys, row in reverse:
            before.setdefault((name, keys), row)
        written: dict[tuple[str, tuple], tuple] = {}
        for _event, name, keys, row in entries:
            written.setdefault((name, keys), row)
        for (name, keys), row in written.items():
            was = before.get((name, keys))  # None: the row is gone, nothing was written back
            stamp = stamps.get(name)
            if was is None or any(a != b for column, a, b in zip(self.tables[name].columns, was, row) if column != stamp):
                return False
        return True

    def replay(self, entries: list[Entry], then: Callable[[], object] | None = None) -> list[Entry]:
        """Write back what ``entries`` changed, in one transaction; returns the entries that reverse this.
        ``then`` runs last in the same transaction, unrecorded (the plan's last-edit stamp)."""
        conn = self._conn
        own_transaction = not conn.in_transaction
        if own_transaction:
            conn.execute("BEGIN")
        try:
            with self.recording() as reverse:
                # Rows come back parents-last (a goal after its pins): check keys at commit.
                conn.execute("PRAGMA defer_foreign_keys = ON")
                moved: dict[tuple[str, tuple], tuple] = {}
                for event, name, keys, row in reversed(entries):
                    self._reverse(self.tables[name], event, moved.get((name, keys), keys), row, moved)
            if then is not None:
                then()
            if own_transaction:
                conn.execute("COMMIT")
        except BaseException as exc:
            if own_transaction and conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.IntegrityError):
                raise ReplayConflict() from exc
            raise
        return reverse

    def _reverse(self, table: _Table, event: str, keys: tuple, row: tuple, moved: dict) -> None:
        if event == "INSERT":
            self._conn.execute(table.delete_sql, keys)
        elif event == "UPDATE":
            self._update(table, keys, row)
        else:
            self._insert(table, keys, row, moved)

    def _update(self, table: _Table, keys: tuple, row: tuple) -> None:
        """Write a row back as it was. A key written, even unchanged, has SQLite look for the rows that
        point at it (every goal of a plan): a row that keeps its key is written without it."""
        if all(row[i] == key for i, key in zip(table.key_columns, keys)):
            self._conn.execute(table.update_values_sql, [*(row[i] for i in table.value_columns), *keys])
        else:
            self._conn.execute(table.update_all_sql, [*row, *keys])

    def _insert(self, table: _Table, keys: tuple, row: tuple, moved: dict) -> None:
        """Put a deleted row back; a leaf row whose rowid was taken since comes back under a new one."""
        try:
            self._conn.execute(table.insert_sql, [*row] + ([keys[0]] if table.implicit_rowid else []))
        except sqlite3.IntegrityError:
            taken = table.keys == ("rowid",) and self._conn.execute(
                f"SELECT 1 FROM main.{quoted(table.name)} WHERE rowid = ?", keys).fetchone()
            if not (taken and table.leaf):
                raise
            fresh = [(c, v) for c, v in zip(table.columns, row) if c != table.alias]
            cursor = self._conn.execute(
                f"INSERT INTO main.{quoted(table.name)} ({', '.join(quoted(c) for c, _ in fresh)}) "
                f"VALUES ({', '.join('?' * len(fresh))})", [v for _, v in fresh])
            moved[(table.name, keys)] = (cursor.lastrowid,)
