"""Opening databases: the bundled reference data read-only, the user's working data safely.

The working database lives in a local folder (never a network share: SQLite's locking is
unreliable there). It is created atomically on first run from the reference data, backed
up before every migration, and refused untouched when a newer app version wrote it.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from . import schema
from .errors import DatabaseCorrupt, DatabaseTooNew, classify
from .reference import copy_reference_years

WORKING_DB_NAME = "hoshin.db"
BACKUP_DIR_NAME = "backups"


def configure(db: Database) -> Database:
    """Pragmas every working connection needs: foreign keys, WAL, a little patience."""
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 3000")
    if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        db.execute("PRAGMA journal_mode = WAL")
    # WAL + NORMAL: a commit survives a killed process; only a power cut can lose the
    # last moments, and never corrupts the file.
    db.execute("PRAGMA synchronous = NORMAL")
    return db


def quick_check(db: Database, path) -> None:
    try:
        result = [row[0] for row in db.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        raise DatabaseCorrupt(path, str(exc)) from None
    if result != ["ok"]:
        raise DatabaseCorrupt(path, "; ".join(result[:3]))


def check_not_newer(db: Database, path) -> None:
    """Refuse a database that a newer app version migrated, before changing anything."""
    known = set(schema.known_migrations())
    applied = {m.name for m in schema.migrations.applied(db)}
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if applied - known or version > schema.schema_version():
        raise DatabaseTooNew(path)


def backup_to(db: Database, target: Path) -> Path:
    """A consistent copy through SQLite's backup API (a file copy could miss the WAL)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".tmp")
    dest = sqlite3.connect(str(partial))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    os.replace(partial, target)
    return target


def timestamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def create_working(path: Path, reference: Path | None) -> None:
    """Build a new working database beside ``path`` and move it into place in one step."""
    partial = path.with_name(path.name + ".new")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    db = Database(sqlite3.connect(str(partial)), execute_plugins=False)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        schema.migrate(db)
        if reference is not None:
            copy_reference_years(db, reference)
    finally:
        db.close()
    os.replace(partial, path)


def open_working(data_dir: Path, reference: Path | None) -> Database:
    """Open (creating on first run) the user's working database in ``data_dir``."""
    data_dir = Path(data_dir)
    path = data_dir / WORKING_DB_NAME
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            create_working(path, reference)
        # No sqlite-utils plugins (on every connection here): none may change our connections,
        # and looking for them reads the metadata of every installed package at each start.
        db = Database(sqlite3.connect(str(path), check_same_thread=False), execute_plugins=False)
    except (sqlite3.Error, OSError) as exc:
        raise classify(exc, path) from exc
    try:
        _prepare(db, path, data_dir, reference)
        return db
    except BaseException as exc:
        db.close()  # an open handle would keep Windows from moving a damaged file aside
        if isinstance(exc, (sqlite3.Error, OSError)):
            raise classify(exc, path) from exc
        raise


def _prepare(db: Database, path: Path, data_dir: Path, reference: Path | None) -> None:
    quick_check(db, path)
    check_not_newer(db, path)
    if schema.migrations.pending(db):
        backup_to(db, data_dir / BACKUP_DIR_NAME / f"before-migration-{timestamp()}.db")
        schema.migrate(db)
    configure(db)
    if reference is not None:
        copy_reference_years(db, reference)
