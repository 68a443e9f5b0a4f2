"""Opening the user's data safely: one instance per folder, damaged data restored, backups taken.

The questions for the user are asked through a ``StartupQuestions`` object that the UI
implements with dialogs (and tests with scripted answers), so the rules live here, Qt-free.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from .. import paths
from ..storage.database import WORKING_DB_NAME, create_working, snapshot
from ..storage.errors import DatabaseCorrupt, StorageError, classify
from ..storage.location import check_windows_location, is_network_location
from ..storage.lock import InstanceLock, LockInfo, LockState
from .session import Session

if TYPE_CHECKING:
    from ..storage.backups import Backup


class CorruptChoice(Enum):
    RESTORE = "restore"  # put the newest good backup in place
    START_EMPTY = "start_empty"  # set the damaged file aside and start from the bundled data
    QUIT = "quit"


class StartupQuestions(Protocol):
    def already_running(self, info: LockInfo) -> None:
        """Tell the user the data folder is open in another window (which is brought to the front)."""

    def recovered_after_crash(self, info: LockInfo) -> None:
        """Tell the user the last session ended abnormally and the data was checked."""

    def network_location(self, data_dir: Path) -> bool:
        """Warn that the data folder is on a network share; True if the user still wants to open it."""

    def damaged(self, error: DatabaseCorrupt, backup: Backup | None) -> CorruptChoice:
        """Ask what to do with damaged data: restore ``backup`` (None if there is none), start empty, or quit."""


@dataclass
class Opened:
    """What opening the data folder gave: the session (None: do not start) and a note."""

    session: Session | None
    message: str = ""  # a note for the status bar, e.g. which backup was restored
    handed_over: bool = False  # another window has the data open and was asked to come forward

    def take_open_backup(self) -> str:
        """The rotating 「起動時」 backup; a failure becomes a note for the user (the data opened fine)."""
        if self.session is None:  # nothing opened: nothing to back up
            return ""
        try:
            self.session.backup("open")
        except StorageError as exc:
            return _open_backup_failed(exc)
        return ""

    def open_backup_job(self, done: Callable[[str], None]) -> Callable[[], None]:
        """The 「起動時」 backup of the data as it is at this moment, to be copied by the job returned,
        on a thread of its own (a copy of the whole data would hold up a window just shown). ``done``
        gets the note for the user, "" when it worked, on that thread."""
        assert self.session is not None, "only an opened session is backed up"
        data_dir = self.session.data_dir
        try:
            reader = snapshot(data_dir)  # the data as it is now, whatever is edited meanwhile
        except (sqlite3.Error, OSError) as exc:
            message = _open_backup_failed(classify(exc, data_dir))
            return lambda: done(message)

        def copy() -> None:
            from ..storage import backups  # on the copying thread: a start does not wait for it

            stuck: list[str] = []  # an old backup that pruning could not remove
            try:
                backups.take_backup(reader, data_dir, "open", report=stuck.append)
            except Exception as exc:  # noqa: BLE001 (told to the user: nothing may be lost in a thread)
                done(_open_backup_failed(classify(exc, data_dir)))
                return
            finally:
                reader.close()
            done(" ".join(stuck))

        return copy


def _open_backup_failed(exc: BaseException) -> str:
    return f"起動時のバックアップを作れませんでした: {exc}"


def open_data(data_dir: Path, questions: StartupQuestions, reference: Path | None = None, *,
              backup_now: bool = True) -> Opened:
    """Lock the data folder and open it; None in ``session`` means the app should not start.

    The window passes ``backup_now=False`` and takes the open backup right after its first paint.
    """
    if sys.platform == "win32":
        check_windows_location(data_dir)
    if is_network_location(data_dir) and not questions.network_location(data_dir):
        return Opened(None)
    lock = InstanceLock(data_dir)
    try:
        state = lock.acquire()
    except OSError as exc:
        raise classify(exc, data_dir) from exc
    if state is LockState.HELD:
        lock.request_activation()
        questions.already_running(lock.previous)
        return Opened(None, handed_over=True)
    try:
        opened = _open_checked(Path(data_dir), questions, reference)
    except BaseException:
        lock.release()
        raise
    if opened.session is None:
        lock.release()
        return opened
    opened.session.attach_lock(lock)
    if state is LockState.RECOVERED:
        questions.recovered_after_crash(lock.previous)
    if backup_now:
        opened.message = " ".join(filter(None, (opened.message, opened.take_open_backup())))
    return opened


def _open_checked(data_dir: Path, questions: StartupQuestions, reference: Path | None) -> Opened:
    """Open the data; damaged or missing data is the user's choice. A full disk, a read-only
    folder or an I/O error is not damage: it propagates as its own StorageError and nothing moves."""
    try:
        return Opened(Session.open(data_dir, reference))
    except DatabaseCorrupt as error:
        from ..storage import backups  # damaged data only
        from .restore import open_or_put_back, restore_files

        backup = backups.newest_good_backup(data_dir)
        choice = questions.damaged(error, backup)
        if choice is CorruptChoice.RESTORE and backup is not None:
            session, aside = restore_files(data_dir, backup.path, reference)
            where = f"元のファイルは {aside} に残しています。" if aside else ""
            return Opened(session, f"バックアップ（{backup.label}）から復元しました。{where}")
        if choice is CorruptChoice.START_EMPTY:
            aside = backups.set_aside_damaged(data_dir)
            try:
                create_working(Path(data_dir) / WORKING_DB_NAME, _reference(reference))
            except BaseException:
                backups.put_back(data_dir, aside)
                raise
            where = f"壊れたファイルは {aside} に残しています。" if aside else ""
            return Opened(open_or_put_back(data_dir, reference, aside), f"新しいデータで開始しました。{where}")
        return Opened(None)


def _reference(reference: Path | None) -> Path:
    return paths.reference_db_path() if reference is None else reference
