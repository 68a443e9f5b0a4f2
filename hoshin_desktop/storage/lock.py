"""One app instance per data folder, enforced by an OS file lock.

The operating system releases the lock when the holding process ends, even by a crash,
so a lock that can be taken is never "in use": a leftover lock file only tells us that
the previous session did not close normally. The lock file also carries a request flag
that a second instance sets to ask the running one to come to the front.
"""

from __future__ import annotations

import errno
import io
import json
import os
import stat
import sys
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path

from ..domain.wareki import format_date

LOCK_NAME = "hoshin.lock"
ACTIVATE_NAME = "hoshin.activate"


class LockState(Enum):
    ACQUIRED = "acquired"  # clean start
    RECOVERED = "recovered"  # taken over from a session that ended without closing
    HELD = "held"  # another running instance has this data folder open


@dataclass
class LockInfo:
    """Who holds the data folder's lock: process, PC, since when, which program."""

    pid: int | None = None
    host: str = ""
    since: str = ""
    holder: str = ""  # 「画面」 or 「コマンド import-plan」: who has the data folder open

    def describe(self) -> str:
        parts = [self.holder, f"コンピューター {self.host}" if self.host else "", f"{_when(self.since)} から" if self.since else ""]
        return "（" + "、".join(p for p in parts if p) + "）" if any(parts) else ""


def _when(since: str) -> str:
    """「令和8年12月7日 09:30」 for the stored 「2026-12-07 09:30」, as every screen dates; other text as it is."""
    try:
        moment = datetime.strptime(since, "%Y-%m-%d %H:%M")
    except ValueError:
        return since
    return f"{format_date(moment.date())} {moment:%H:%M}"


def _lock_byte(handle, exclusive: bool) -> bool:
    """Try to lock the first byte of ``handle`` without waiting."""
    try:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK if exclusive else msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), (fcntl.LOCK_EX | fcntl.LOCK_NB) if exclusive else fcntl.LOCK_UN)
        return True
    except OSError:
        return False


class InstanceLock:
    def __init__(self, data_dir: Path, holder: str = "画面"):
        self.data_dir = Path(data_dir)
        self.holder = holder
        self.path = self.data_dir / LOCK_NAME
        self._handle: io.FileIO | None = None
        self.previous = LockInfo()

    def acquire(self) -> LockState:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        existed = self.path.exists()
        handle = os.fdopen(_open_own(self.path, os.O_RDWR | os.O_CREAT), "r+b", buffering=0)  # nothing to flush at close
        try:
            if not _lock_byte(handle, True):
                handle.close()
                self.previous = self.read_info()
                return LockState.HELD
            self._handle = handle
            self.previous = self.read_info() if existed else LockInfo()
            try:
                self._write_info(handle)
            except OSError:  # a full disk: the OS lock holds without the note of who holds it
                pass
        except BaseException:  # Ctrl+C: no lock file of ours left to report a crash next time
            if self._handle is None:
                handle.close()  # not ours yet: the file may be another instance's
            else:
                self.release()
            raise
        return LockState.RECOVERED if existed and self.previous.pid else LockState.ACQUIRED

    def read_info(self) -> LockInfo:
        try:
            with os.fdopen(_open_own(self.path, os.O_RDONLY), "rb") as handle:
                handle.seek(1)  # byte 0 is the locked byte (unreadable on Windows)
                text = handle.read(4096).decode("utf-8")
            data = json.loads(text) if text.strip() else {}
            return LockInfo(data.get("pid"), str(data.get("host", "")), str(data.get("since", "")),
                            str(data.get("holder", "")))
        except (OSError, ValueError, AttributeError):
            return LockInfo()

    def _write_info(self, handle: io.FileIO) -> None:
        info = {"pid": os.getpid(), "host": _host_name(), "since": f"{datetime.now():%Y-%m-%d %H:%M}",
                "holder": self.holder}
        # Byte 0 is the locked byte; the information follows it. Rewrite from byte 1.
        handle.seek(0)
        handle.truncate()
        handle.write(b" " + json.dumps(info, ensure_ascii=False).encode("utf-8"))
        handle.flush()

    def release(self) -> None:
        """Unlock and remove the lock file: its absence means the last session closed normally."""
        handle, self._handle = self._handle, None
        if handle is None:
            return
        try:  # each step even when a Ctrl+C lands in the one before (a command ending as the user presses it)
            try:
                _lock_byte(handle, False)
            finally:
                handle.close()
        finally:
            self.path.unlink(missing_ok=True)

    # --- asking the running instance to come to the front ----------------------------------

    def request_activation(self) -> None:
        with os.fdopen(_open_own(self.data_dir / ACTIVATE_NAME, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), "wb") as request:
            request.write(f"{os.getpid()}".encode())

    def take_activation_request(self) -> bool:
        request = self.data_dir / ACTIVATE_NAME
        if request.exists():
            request.unlink(missing_ok=True)
            return True
        return False


def _open_own(path: Path, flags: int) -> int:
    """Open a file of ours in the data folder, never through a link: a symbolic link, a hard link
    or anything but a plain file standing at its name is removed (its target is left untouched)
    and the file made anew, so that nothing is ever written outside the data folder."""
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _attempt in range(3):
        if path.is_symlink():  # Windows has no O_NOFOLLOW: look first
            path.unlink()
        try:
            fd = os.open(path, flags, 0o644)
        except OSError as exc:
            if exc.errno != errno.ELOOP:  # ELOOP: a link appeared after the look
                raise
            continue
        info = os.fstat(fd)
        if stat.S_ISREG(info.st_mode) and info.st_nlink <= 1:
            return fd
        os.close(fd)
        path.unlink()
    raise OSError(errno.ELOOP, "リンクを作り直し続けるため開けません", str(path))


def _host_name() -> str:
    """This PC's name, as platform.node() gives it, without importing platform at every start."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    return os.environ.get("COMPUTERNAME", "")
