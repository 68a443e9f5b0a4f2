"""Backups of the working database, what each holds, which to keep, and restoring one.

Backups are consistent copies made with SQLite's backup API into ``<data>/backups``:
on open, every few minutes while editing, on close, and before a migration, an import
or a restore. Each name carries a sequence number (``close-000042-20250328-173012-123456.db``):
order is the sequence, never the clock, so a clock set back cannot make a fresh backup look
old. Pruning (see ``prune``) never deletes the backup just taken, keeps the newest of each
kind, and keeps any older backup that holds work the kept ones lack. A damaged database is
never overwritten but moved aside, so that nothing is lost even if the wrong copy is restored.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from . import schema
from .connection import Database
from .errors import DatabaseTooNew
from .files import BACKUP_DIR_NAME, WORKING_DB_NAME, backup_to, check_not_newer, timestamp

KEEP = 20  # rotating backups (open / periodic / close) kept
KEEP_SPECIAL = 10  # backups taken before a migration, an import or a restore, kept apart
ROTATING = ("open", "periodic", "close")
_NAME = re.compile(r"^(?P<reason>[a-z]+(?:-[a-z]+)*)-(?:(?P<seq>\d{6,})-)?(?P<stamp>\d{8}-\d{6}-\d{6})\.db$")

REASON_LABELS = {
    "open": "起動時",
    "periodic": "編集中（定期）",
    "close": "終了時",
    "before-migration": "データ形式の更新前",
    "before-import": "取り込みの前",
    "before-restore": "バックアップからの復元の前",
    "wal-rescue": "一時ファイルの消失を検知したとき",
}


@dataclass(frozen=True)
class Contents:
    """What a backup holds, per plan: (year, department) → number of goals and answers."""

    plans: dict[tuple[int, str], int] = field(default_factory=dict)
    years: tuple[int, ...] = ()
    goals: int = 0

    @property
    def size(self) -> int:
        return sum(self.plans.values())


@dataclass(frozen=True)
class Backup:
    path: Path
    reason: str
    taken_at: datetime  # the clock when it was taken: shown to the user, never used for order
    sequence: int = 0  # 0 for backups named before sequence numbers existed

    @property
    def reason_label(self) -> str:
        return REASON_LABELS.get(self.reason, self.reason)

    @property
    def label(self) -> str:
        return f"{self.taken_at:%Y年%m月%d日 %H:%M:%S}（{self.reason_label}）"


def backup_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUP_DIR_NAME


_TAKING = threading.Lock()  # one backup at a time: each takes the next sequence number, then prunes


def take_backup(db: Database, data_dir: Path, reason: str, report: Callable[[str], None] | None = None) -> Path:
    """A new backup; ``report`` is told of an old backup that pruning could not remove."""
    with _TAKING:
        folder = backup_dir(data_dir)
        sequence = max((b.sequence for b in list_backups(data_dir)), default=0) + 1
        path = backup_to(db, folder / f"{reason}-{sequence:06d}-{timestamp()}.db")
        stuck = prune(data_dir, keep=path)
    if stuck and report is not None:
        report(not_removed_message(stuck))
    return path


def not_removed_message(stuck: list[Path]) -> str:
    names = "、".join(path.name for path in stuck)
    return (f"古いバックアップ（{names}）を削除できませんでした。ほかのプログラム（ウイルス対策ソフトなど）が使っているか、"
            f"読み取り専用になっています。作業は続けられ、データに影響はありません。"
            f"気になる場合は、アプリを閉じてから {stuck[0].parent} のそのファイルを削除してください。")


def _parse(path: Path) -> Backup | None:
    match = _NAME.match(path.name)
    if not match:
        return None
    try:
        taken = datetime.strptime(match.group("stamp"), "%Y%m%d-%H%M%S-%f")
    except ValueError:
        return None
    return Backup(path, match.group("reason"), taken, int(match.group("seq") or 0))


def list_backups(data_dir: Path) -> list[Backup]:
    """Every backup in the folder, newest (highest sequence) first."""
    folder = backup_dir(data_dir)
    if not folder.is_dir():
        return []
    found = [b for b in (_parse(p) for p in folder.iterdir()) if b is not None and b.path.is_file()]
    return sorted(found, key=lambda b: (b.sequence, b.taken_at), reverse=True)


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """Open a backup for reading without creating -wal/-shm or a lock beside it."""
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro&immutable=1", uri=True)


_CONTENTS_CACHE: dict[tuple[str, int, int], Contents] = {}


def contents(path: Path) -> Contents:
    """What the backup at ``path`` holds; empty when it cannot be read."""
    try:
        stat = Path(path).stat()
    except OSError:
        return Contents()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _CONTENTS_CACHE:
        _CONTENTS_CACHE[key] = _read_contents(path)
    return _CONTENTS_CACHE[key]


def _read_contents(path: Path) -> Contents:
    try:
        conn = _connect_read_only(path)
        try:
            rows = conn.execute(
                "SELECT d.fiscal_year, d.name,"
                " (SELECT count(*) FROM goals g WHERE g.plan_id = p.id),"
                " (SELECT count(*) FROM answers a WHERE a.plan_id = p.id AND a.text != '')"
                " FROM plans p JOIN departments d ON d.id = p.department_id").fetchall()
            years = tuple(r[0] for r in conn.execute("SELECT fiscal_year FROM policy_documents ORDER BY fiscal_year"))
        finally:
            conn.close()
    except sqlite3.Error:
        return Contents()
    return Contents({(year, name): 1 + goals + answers for year, name, goals, answers in rows},
                    years, sum(r[2] for r in rows))


def prune(data_dir: Path, keep: Path | None = None) -> list[Path]:
    """Delete old backups, never losing the only copy of some work.

    Kept: ``keep`` (the backup just taken); the newest ``KEEP`` rotating and ``KEEP_SPECIAL``
    other backups (by sequence); and, of the rest, any backup that holds a plan no kept
    backup holds, or holds more of a plan (goals and answers) than every kept backup does.
    So starting twenty times on emptied or rolled-back data cannot push out the last
    backups that still hold the user's work; and since the kept set grows only with each
    such backup, backups of ordinary editing are still pruned.

    Best effort: a backup that cannot be deleted (in use, read-only) stays, and is returned.
    """
    backups = list_backups(data_dir)
    rotating = [b for b in backups if b.reason in ROTATING]
    special = [b for b in backups if b.reason not in ROTATING]
    kept = rotating[:KEEP] + special[:KEEP_SPECIAL]
    candidates = [b for b in backups if b not in kept and b.path != keep]
    if not candidates:
        return []
    best: dict[tuple[int, str], int] = {}
    for backup in kept:
        _record(best, contents(backup.path))
    stuck = []
    for old in candidates:  # newest first: a later, equally full backup wins
        held = contents(old.path)
        if any(size > best.get(plan, 0) for plan, size in held.plans.items()):
            _record(best, held)
            continue
        try:
            old.path.unlink(missing_ok=True)
        except OSError:
            stuck.append(old.path)
    return stuck


def _record(best: dict[tuple[int, str], int], held: Contents) -> None:
    for plan, size in held.plans.items():
        best[plan] = max(best.get(plan, 0), size)


class BackupRefused(ValueError):
    """A file offered as a backup that is not one the app can restore; ``str()`` says why."""


def check_backup(path: Path, *, thorough: bool = False) -> None:
    """Refuse what is not a good backup of the app's data, before anything is replaced: another
    program's file, a damaged one (``thorough``: the full integrity check, for a restore), or one
    from a newer app version."""
    name = Path(path).name
    try:
        conn = _connect_read_only(path)
        try:
            check = conn.execute("PRAGMA integrity_check" if thorough else "PRAGMA quick_check").fetchone()[0]
            db = Database(conn)
            identity = schema.identify(db) if check == "ok" else None
            newer = identity is not None and _newer(db)
        finally:
            conn.close()
    except sqlite3.Error:
        check, identity, newer = "", None, False
    if check != "ok":
        raise BackupRefused(f"バックアップ {name} は壊れているため、復元できません。別のバックアップを選んでください。")
    if identity not in (schema.Identity.OURS, schema.Identity.EARLIER):
        raise BackupRefused(f"ファイル {name} は、このアプリのデータのバックアップではありません。"
                            "復元できるのは、このアプリが作ったバックアップ（backups フォルダーの .db）だけです。")
    if newer:
        raise BackupRefused(f"バックアップ {name} は、より新しい版のアプリで作られているため、この版では復元できません。"
                            "新しい版のアプリを使ってください。")


def _newer(db: Database) -> bool:
    try:
        check_not_newer(db, "")
    except DatabaseTooNew:
        return True
    return False


def is_good(path: Path) -> bool:
    """A backup is good when it is the app's data, SQLite's quick check passes and this version can read it."""
    try:
        check_backup(path)
    except BackupRefused:
        return False
    return True


def newest_good_backup(data_dir: Path) -> Backup | None:
    return next((b for b in list_backups(data_dir) if is_good(b.path)), None)


def working_files(data_dir: Path) -> list[Path]:
    db = Path(data_dir) / WORKING_DB_NAME
    return [db, Path(f"{db}-wal"), Path(f"{db}-shm")]


def set_aside_damaged(data_dir: Path) -> Path | None:
    """Move the damaged database (and its WAL) into ``damaged-<time>/``; never delete it."""
    files = [p for p in working_files(data_dir) if p.exists()]
    if not files:
        return None
    aside = Path(data_dir) / f"damaged-{timestamp()}"
    aside.mkdir(parents=True)
    for path in files:
        os.replace(path, aside / path.name)
    return aside


def put_back(data_dir: Path, aside: Path | None) -> None:
    """Undo ``set_aside_damaged`` (a restore that could not finish must not leave the folder empty)."""
    if aside is None:
        return
    for moved in Path(aside).iterdir():
        os.replace(moved, Path(data_dir) / moved.name)
    Path(aside).rmdir()


def restore(data_dir: Path, backup: Path) -> Path | None:
    """Put ``backup`` in place of the working database; returns where the old files went.

    The working database must be closed. The copy is made beside the target first, so a
    full disk fails before anything is moved.
    """
    check_backup(backup, thorough=True)
    target = Path(data_dir) / WORKING_DB_NAME
    partial = target.with_name(target.name + ".restoring")
    partial.unlink(missing_ok=True)  # never copy through something already standing there (a link)
    try:
        shutil.copyfile(backup, partial)
        aside = set_aside_damaged(data_dir)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    try:
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        put_back(data_dir, aside)
        raise
    return aside


def open_read_only(path: Path) -> Database:
    """A backup as a read-only Database (for a preview); refuses what is not a good backup (BackupRefused)."""
    check_backup(path)
    return Database(_connect_read_only(path))


def copy_into(db: Database, backup: Path) -> None:
    """Replace the contents of the open working database with ``backup``, in place.

    SQLite's backup API writes the pages through ``db``'s own connection, in one transaction:
    the connection stays valid and in WAL mode, and a failure leaves the data as it was.
    """
    source = _connect_read_only(backup)
    try:
        source.backup(db.conn)
    finally:
        source.close()
