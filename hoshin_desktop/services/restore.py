"""Backups as the user sees them, and putting one back while the app is open.

Every restore first backs up the current data (reason ``before-restore``), so restoring the
wrong copy can itself be undone from the list. A backup written by an older app version is
brought up to date after it is copied in; one written by a newer version is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..domain.models import Plan
from ..storage import backups, repository
from .session import Session


@dataclass(frozen=True)
class BackupEntry:
    backup: backups.Backup
    contents: backups.Contents

    @property
    def summary(self) -> str:
        """「令和6年度・令和7年度、計画 3、目標 42」."""
        from ..domain.wareki import fiscal_year_label

        years = "・".join(fiscal_year_label(y) for y in self.contents.years) or "年度なし"
        return f"{years}、計画 {len(self.contents.plans)}、目標 {self.contents.goals}"


def backup_entries(data_dir: Path) -> list[BackupEntry]:
    """Every backup, newest first, with what it holds."""
    return [BackupEntry(b, backups.contents(b.path)) for b in backups.list_backups(data_dir)]


def find_backup(data_dir: Path, name: str | Path) -> Path:
    """A backup named by its path or by its file name in the backups folder."""
    given = Path(name)
    for candidate in (given, backups.backup_dir(data_dir) / given.name):
        if candidate.is_file():
            return candidate
    raise LookupError(f"バックアップ「{name}」が見つかりません。一覧は backups コマンドで確かめられます。")


def backup_plans(path: Path) -> list[tuple[int, str]]:
    """(year, department) of every plan in a backup, newest year first."""
    db = backups.open_read_only(path)
    try:
        return [(year, name) for year, name, _id in sorted(repository.plan_keys(db), key=lambda k: (-k[0], k[1]))]
    finally:
        db.close()


def preview_plan(path: Path, fiscal_year: int, department: str) -> Plan | None:
    db = backups.open_read_only(path)
    try:
        plan_id = repository.plan_id(db, fiscal_year, department)
        return repository.load_plan(db, plan_id) if plan_id else None
    finally:
        db.close()


def restore_backup(session, path: Path) -> Path:
    """Put the backup at ``path`` in place of the open session's data; returns the backup of
    the data as it was (from which this restore can itself be undone).

    A file that is not a good backup of the app's data is refused (BackupRefused) before
    anything is written; a restore that fails midway puts the data back as it was.
    """
    path = Path(path)
    backups.check_backup(path, thorough=True)
    before = session.backup("before-restore")
    if path.resolve() == before.resolve():
        return before
    try:
        session.replace_data(path)
    except BaseException:
        session.replace_data(before)
        raise
    return before


def restore_files(data_dir: Path, path: Path, reference: Path | None = None) -> tuple[Session, Path | None]:
    """Restore ``path`` when the working data cannot be opened (damaged, missing, not the app's,
    or from a newer version): its files are moved aside, never deleted, and the backup copied in.
    Returns the opened data and where the old files went."""
    aside = backups.restore(data_dir, path)
    return open_or_put_back(data_dir, reference, aside), aside


def open_or_put_back(data_dir: Path, reference: Path | None, aside: Path | None) -> Session:
    """Open what was just put in place; if even that fails, the folder goes back as it was."""
    try:
        return Session.open(data_dir, reference)
    except BaseException:
        for file in backups.working_files(data_dir):
            if aside is not None and file.exists():
                file.unlink()
        backups.put_back(data_dir, aside)
        raise
