"""The working database's files: their names, and consistent copies of it (backups, the first
database). Apart from database.py so that backups.py and database.py need not import each other."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from . import schema
from .connection import Database
from .errors import DatabaseTooNew

WORKING_DB_NAME = "hoshin.db"
BACKUP_DIR_NAME = "backups"


def check_not_newer(db: Database, path) -> None:
    """Refuse a database that a newer app version migrated, before changing anything."""
    known = set(schema.known_migrations())
    applied = set(schema.applied_migrations(db))
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if applied - known or version > schema.schema_version():
        raise DatabaseTooNew(path)


def backup_to(db: Database, target: Path) -> Path:
    """A consistent copy through SQLite's backup API (a file copy could miss the WAL).

    The copy is a single self-contained file (rollback journal, not WAL), so reading it
    later makes no -wal/-shm beside it; a failed copy leaves no partial file behind.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".tmp")
    _remove_partial(partial)  # never write through something already standing there (a link)
    try:
        dest = sqlite3.connect(str(partial))
        try:
            db.conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        os.replace(partial, target)
    except BaseException:
        _remove_partial(partial)
        raise
    return target


def _remove_partial(partial: Path) -> None:
    """A half-written database and the files SQLite may have made beside it."""
    for leftover in (partial, Path(f"{partial}-journal"), Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)


def timestamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S-%f")
