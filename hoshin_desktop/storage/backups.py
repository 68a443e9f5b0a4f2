"""Rotating backups of the working database, and restoring one when the database is damaged.

Backups are consistent copies made with SQLite's backup API into ``<data>/backups``:
on open, every few minutes while editing, on close, and before a migration or an import.
The rotating kinds are kept to ``KEEP`` copies; a damaged database is never overwritten
but moved aside, so that nothing is lost even if the user restores the wrong copy.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from .database import BACKUP_DIR_NAME, WORKING_DB_NAME, backup_to, timestamp

KEEP = 20  # rotating backups (open / periodic / close) kept
KEEP_SPECIAL = 10  # backups taken before a migration or an import, kept apart
ROTATING = ("open", "periodic", "close")
_NAME = re.compile(r"^(?P<reason>[a-z-]+)-(?P<stamp>\d{8}-\d{6}-\d{6})\.db$")

REASON_LABELS = {
    "open": "起動時",
    "periodic": "編集中（定期）",
    "close": "終了時",
    "before-migration": "データ形式の更新前",
    "before-import": "計画ファイルの取り込み前",
}


@dataclass(frozen=True)
class Backup:
    path: Path
    reason: str
    taken_at: datetime

    @property
    def label(self) -> str:
        return f"{self.taken_at:%Y年%m月%d日 %H:%M:%S}（{REASON_LABELS.get(self.reason, self.reason)}）"


def backup_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUP_DIR_NAME


def take_backup(db: Database, data_dir: Path, reason: str) -> Path:
    path = backup_to(db, backup_dir(data_dir) / f"{reason}-{timestamp()}.db")
    prune(data_dir)
    return path


def list_backups(data_dir: Path) -> list[Backup]:
    """Every backup in the folder, newest first."""
    found = []
    folder = backup_dir(data_dir)
    if not folder.is_dir():
        return []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match:
            taken = datetime.strptime(match.group("stamp"), "%Y%m%d-%H%M%S-%f")
            found.append(Backup(path, match.group("reason"), taken))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def prune(data_dir: Path) -> None:
    backups = list_backups(data_dir)
    rotating = [b for b in backups if b.reason in ROTATING]
    special = [b for b in backups if b.reason not in ROTATING]
    for old in rotating[KEEP:] + special[KEEP_SPECIAL:]:
        old.path.unlink(missing_ok=True)


def is_good(path: Path) -> bool:
    """A backup is good when SQLite can open it and its quick check passes."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            return conn.execute("PRAGMA quick_check").fetchone()[0] == "ok" and bool(
                conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'plans'").fetchone()[0]
            )
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def newest_good_backup(data_dir: Path) -> Backup | None:
    return next((b for b in list_backups(data_dir) if is_good(b.path)), None)


def _working_files(data_dir: Path) -> list[Path]:
    db = Path(data_dir) / WORKING_DB_NAME
    return [db, Path(f"{db}-wal"), Path(f"{db}-shm")]


def set_aside_damaged(data_dir: Path) -> Path | None:
    """Move the damaged database (and its WAL) into ``damaged-<time>/``; never delete it."""
    files = [p for p in _working_files(data_dir) if p.exists()]
    if not files:
        return None
    aside = Path(data_dir) / f"damaged-{timestamp()}"
    aside.mkdir(parents=True)
    for path in files:
        os.replace(path, aside / path.name)
    return aside


def restore(data_dir: Path, backup: Path) -> Path | None:
    """Put ``backup`` in place of the working database; returns where the old files went."""
    if not is_good(backup):
        raise ValueError(f"バックアップ {backup.name} も壊れているため、復元できません。別のバックアップを選んでください。")
    target = Path(data_dir) / WORKING_DB_NAME
    partial = target.with_name(target.name + ".restoring")
    shutil.copyfile(backup, partial)
    aside = set_aside_damaged(data_dir)
    os.replace(partial, target)
    return aside
