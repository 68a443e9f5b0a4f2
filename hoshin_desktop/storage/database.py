"""Opening databases: the bundled reference data read-only, the user's working data safely.

The working database lives in a local folder (never a network share: SQLite's locking is
unreliable there). It is created atomically on first run from the reference data, carries the
app's identity (schema.identify), is backed up before every migration, and refused untouched
when a newer app version wrote it or when it is not the app's at all.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from . import checked, schema
from .connection import Database
from .errors import DatabaseCorrupt, DatabaseForeign, DatabaseMissing, StorageError, classify, is_environment
from .files import (  # noqa: F401  (re-exported: where the rest of the app finds them)
    BACKUP_DIR_NAME,
    WORKING_DB_NAME,
    _remove_partial,
    backup_to,
    check_not_newer,
    timestamp,
)
from .reference import copy_reference_years
from .wal_guard import WalGuard

BUSY_TIMEOUT_S = 3.0  # how long a write waits for another program that holds the data


def connect_working(path: Path) -> Database:
    conn = sqlite3.connect(str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_S)
    conn.isolation_level = "IMMEDIATE"  # implicit transactions too take the write lock up front
    return Database(conn)


def snapshot(data_dir: Path) -> Database:
    """A connection of its own to the working data that reads it as it is now until it is closed:
    for a backup copied on another thread (a connection is used by one thread at a time; this
    one is opened here and then handed over whole)."""
    conn = sqlite3.connect(str(Path(data_dir) / WORKING_DB_NAME), check_same_thread=False, timeout=BUSY_TIMEOUT_S)
    try:
        conn.execute("BEGIN")  # on the connection itself: Database.execute would commit at once
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the read transaction starts here
        return Database(conn)
    except BaseException:
        conn.close()
        raise


def configure(db: Database) -> Database:
    """Pragmas every working connection needs: foreign keys, WAL, a little patience."""
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        db.execute("PRAGMA journal_mode = WAL")
    # WAL + NORMAL: a commit survives a killed process; only a power cut can lose the
    # last moments, and never corrupts the file.
    db.execute("PRAGMA synchronous = NORMAL")
    return db


def quick_check(db: Database, path) -> None:
    """Damaged data raises DatabaseCorrupt; a disk that cannot be read or written is not damage."""
    try:
        result = [row[0] for row in db.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        if is_environment(exc):
            raise classify(exc, path) from exc
        raise DatabaseCorrupt(path, str(exc)) from None
    if result != ["ok"]:
        raise DatabaseCorrupt(path, "; ".join(result[:3]))


def create_working(path: Path, reference: Path | None) -> None:
    """Build a new working database beside ``path`` and move it into place in one step."""
    partial = path.with_name(path.name + ".new")
    _remove_partial(partial)  # a start killed while building left it
    try:
        db = Database(sqlite3.connect(str(partial)))
        try:
            db.execute("PRAGMA foreign_keys = ON")
            schema.migrate(db)
            if reference is not None:
                copy_reference_years(db, reference)
        finally:
            db.close()
        os.replace(partial, path)
    except BaseException:
        _remove_partial(partial)
        raise


LEFTOVER_AGE_S = 600  # no copy takes this long: an older partial file was left by a killed app


def _is_partial(folder: Path, name: str) -> bool:
    if folder.name == BACKUP_DIR_NAME:
        return name.endswith((".db.tmp", ".db.tmp-journal"))
    return name.startswith(f"{WORKING_DB_NAME}.") and name.endswith(
        (".new", ".new-journal", ".new-wal", ".new-shm", ".restoring", ".check", ".check-wal", ".check-shm",
         ".check-journal"))


def remove_leftovers(data_dir: Path) -> None:
    """Partial files a killed app left (a first database half built, a backup or a restore half
    copied): never the user's data, since each is moved into place only when complete."""
    now = datetime.now().timestamp()
    for folder in (Path(data_dir), Path(data_dir) / BACKUP_DIR_NAME):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if _is_partial(folder, entry.name) and entry.is_file() and now - entry.stat().st_mtime > LEFTOVER_AGE_S:
                    os.unlink(entry.path)
            except OSError:  # in use, or gone already
                continue


def has_backups(data_dir: Path) -> bool:
    """Did this folder ever hold the user's work? Then a missing database is damage, not a first run."""
    folder = Path(data_dir) / BACKUP_DIR_NAME
    return folder.is_dir() and any(p.suffix == ".db" and p.is_file() and p.stat().st_size > 0 for p in folder.iterdir())


def _is_blank(path: Path) -> bool:
    return not path.exists() or path.stat().st_size == 0


def open_working(data_dir: Path, reference: Path | None) -> Database:
    """Open (creating on first run) the user's working database in ``data_dir``."""
    data_dir = Path(data_dir)
    path = data_dir / WORKING_DB_NAME
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        remove_leftovers(data_dir)
        if _is_blank(path):
            if has_backups(data_dir):
                raise DatabaseMissing(path, "0 バイト" if path.exists() else "ファイルがありません")
            create_working(path, reference)
        check_wal(path)
        found = None if _wal_holds_edits(path) else checked.fingerprint(path)
        db = connect_working(path)
    except (sqlite3.Error, OSError) as exc:
        raise classify(exc, path) from exc
    try:
        _prepare(db, path, data_dir, reference, found)
        db.wal_guard = WalGuard(path)
        return db
    except BaseException as exc:
        db.close()  # an open handle would keep Windows from moving a damaged file aside
        if isinstance(exc, (sqlite3.Error, OSError)):
            raise classify(exc, path) from exc
        raise


def _prepare(db: Database, path: Path, data_dir: Path, reference: Path | None, found: str | None) -> None:
    """Check before writing: damaged, not ours, emptied or too new is refused with the file untouched.
    ``found``: the file's fingerprint (storage/checked.py), None while a -wal holds edits."""
    checked_before = checked.passed(path, found)
    if not checked_before:
        quick_check(db, path)
    identity = schema.identify(db)
    if identity is schema.Identity.FOREIGN:
        raise DatabaseForeign(path)
    if identity is schema.Identity.EMPTY and has_backups(data_dir):
        raise DatabaseMissing(path, "データベースの中身が空です")
    check_not_newer(db, path)
    pending = schema.pending_migrations(db)
    if pending and identity is not schema.Identity.EMPTY:
        from .backups import take_backup

        take_backup(db, data_dir, "before-migration")
    if pending or identity is not schema.Identity.OURS:  # an earlier version's data is stamped as ours
        schema.migrate(db)
    configure(db)
    if reference is not None:
        copy_reference_years(db, reference)
    if not (checked_before or pending or identity is not schema.Identity.OURS or db.conn.total_changes):
        checked.note(path, found)  # ours, and still the file that was checked: the next start need not


def close_working(db: Database, path: Path) -> None:
    """Close the working database. After a session that wrote, check it once more and note the file
    as undamaged (storage/checked.py): the next start then need not read every page of it."""
    try:
        wrote = db.conn.total_changes > 0
    except sqlite3.ProgrammingError:  # closed already
        wrote = False
    try:
        if wrote:
            quick_check(db, path)
    except StorageError:  # damaged, or unreadable: the next start checks it, and says so
        wrote = False
        checked.forget(path)
    finally:
        db.close()
    if wrote and not Path(f"{path}-wal").exists():  # the last connection: every edit is in the file
        checked.note(path, checked.fingerprint(path))


def _wal_holds_edits(path: Path) -> bool:
    wal = Path(f"{path}-wal")
    return wal.is_file() and wal.stat().st_size > 0


def check_wal(path: Path) -> None:
    """A -wal file beside the database (the app did not end cleanly, or someone put one there):
    SQLite would replay it into the database on open and keep the result. Replay it on a copy
    first; if what opens is not the app's data, the files stay as they are and are refused."""
    if not _wal_holds_edits(path):
        return
    wal = Path(f"{path}-wal")
    copy = path.with_name(path.name + ".check")
    _remove_partial(copy)
    try:
        shutil.copyfile(path, copy)
        shutil.copyfile(wal, Path(f"{copy}-wal"))
        replayed = Database(sqlite3.connect(str(copy)))
        try:
            quick_check(replayed, path)
            identity = schema.identify(replayed)
        finally:
            replayed.close()
        if identity is schema.Identity.FOREIGN:
            raise DatabaseForeign(path, wal=True)
    except sqlite3.DatabaseError as exc:  # the -wal made the copy unreadable
        raise classify(exc, path) if is_environment(exc) else DatabaseForeign(path, wal=True) from exc
    finally:
        _remove_partial(copy)


def wal_missing(db: Database, path: Path) -> bool:
    """Was the open database's -wal file deleted under us (a cleanup tool, a sync client)?

    SQLite keeps writing into the deleted file, which no later start would read: every edit
    since the last checkpoint would be lost with this process.
    """
    if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        return False
    return not Path(f"{path}-wal").exists()


def rescue_wal(db: Database) -> None:
    """Move everything into the database file and start a new -wal beside it.

    Leaving WAL mode checkpoints what this connection still sees (the deleted file stays
    readable to it) into the main file; entering WAL again creates a fresh -wal.
    """
    db.execute("PRAGMA journal_mode = DELETE")
    db.execute("PRAGMA journal_mode = WAL")
