"""The -wal file under the running app.

SQLite writes each commit to ``hoshin.db-wal`` and copies it into ``hoshin.db`` only now and
then. A program that deletes, replaces or cuts that file short (a sync client, a clean-up tool)
would take every edit since the last copy with it. So the copy (a checkpoint) runs on a thread
of its own right after each write, keeping the file's unique content down to the last moment,
and the next write notices what happened to the file (see ``Session.check_storage``).

The thread lives as long as the database is open and sleeps between writes (starting one per
write cost the window's thread about 3 ms). Once everything is copied, SQLite's next commit would
start the -wal over and wait for its new header to reach the disk (an fsync, 3-10 ms). When no
write has come for a moment the thread does that itself, so that the window's next write (the
autosave, after a pause in typing) only appends (see ``_Copier._start_over``).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

DELETED, REPLACED, TRUNCATED = "deleted", "replaced", "truncated"
QUIET_S = 0.05  # a write this soon after the copy starts the -wal over itself (the autosave waits 0.4 s)


class WalGuard:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.wal = Path(f"{path}-wal")
        self._seen: tuple[int, int, int] | None = None  # (device, inode, size) after the last write
        # Held while the copier starts the -wal over: a write begins under it (Database.atomic) and so
        # waits exactly that long, where SQLite's busy handler would sleep 1, 2, 5 ms and try again.
        self.restarting = threading.Lock()
        self._copier: _Copier | None = None
        self._changing = threading.Lock()  # the copier started or stopped by one thread at a time

    def harm(self) -> str | None:
        """What another program did to the -wal file since the last write, if anything."""
        if self._seen is None:
            return None
        try:
            info = os.stat(self.wal)
        except FileNotFoundError:
            return DELETED
        except OSError:
            return None
        if (info.st_dev, info.st_ino) != self._seen[:2]:
            return REPLACED
        return TRUNCATED if info.st_size < self._seen[2] else None  # SQLite itself never shrinks it while open

    def written(self) -> None:
        """After a write: note the file as it is now, and copy its content into the database soon."""
        try:
            info = os.stat(self.wal)
            self._seen = (info.st_dev, info.st_ino, info.st_size)
        except OSError:
            self._seen = None
        with self._changing:
            if self._copier is None:
                self._copier = _Copier(self)
                self._copier.start()
            self._copier.wake.set()

    def settle(self) -> None:
        """Let the copy under way finish and stop the thread, closing its connections: before the
        database is closed (the last connection copies everything and removes the -wal) or its -wal
        rebuilt (which only the one connection left may do, copying everything). The next write
        starts it again."""
        with self._changing:
            copier, self._copier = self._copier, None
            if copier is not None:
                copier.stop()

    def same_wal(self) -> bool:
        """Is the -wal file the one this app wrote last? Opening a replaced one would copy another
        program's pages into the database; opening a deleted one would make a new, empty one and hide
        the loss. Either is for the next write to notice, not for the copier to open."""
        try:
            info = os.stat(self.wal)
        except OSError:
            return False
        return self._seen is not None and (info.st_dev, info.st_ino) == self._seen[:2]


class _Copier(threading.Thread):
    """The checkpoint thread, woken after each write, with two connections of its own: one copies
    and starts the -wal over, the other reads between writes (see ``_start_over``)."""

    def __init__(self, guard: WalGuard):
        super().__init__(name="hoshin-checkpoint", daemon=True)  # never what keeps the app from ending
        self.guard = guard
        self.wake = threading.Event()
        self._stopping = False
        self._copying: sqlite3.Connection | None = None
        self._holding: sqlite3.Connection | None = None

    def stop(self) -> None:
        self._stopping = True
        self.wake.set()
        self.join()

    def run(self) -> None:
        try:
            while True:
                self.wake.wait()
                self.wake.clear()
                if self._stopping:
                    return
                if self._copy() and not self.wake.wait(QUIET_S):
                    self._start_over()
        finally:
            self._close()

    def _copy(self) -> bool:
        """Copy the -wal into the database; whether everything in it is in the database now."""
        try:
            if self._copying is None:
                self._copying = self._open()
                self._holding = self._open()
            if self._copying is None or self._holding is None:
                self._close()
                return False
            _end(self._holding)  # its snapshot would keep the newer pages out of the copy
            _busy, frames, copied = self._copying.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            return frames > 0 and frames == copied
        except sqlite3.Error:  # busy or failing: SQLite's own checkpoints still run, later
            self._close()
            return False

    def _start_over(self) -> None:
        """Start the -wal over here, not in the window's next write: a write that changes nothing (the
        schema version set to itself) writes and syncs the new header. It is copied too, and a read
        kept open on it stops SQLite from starting the file over again at the next write, which then
        only appends. Meanwhile the -wal holds nothing that is not in hoshin.db, as before. Skipped
        when a write of the window is under way."""
        copying, holding = self._copying, self._holding
        if copying is None or holding is None:
            return
        try:
            with self.guard.restarting:
                try:
                    copying.execute("BEGIN IMMEDIATE")
                except sqlite3.OperationalError:  # busy (no wait: timeout 0): the write under way goes first
                    return
                try:
                    version = int(copying.execute("PRAGMA user_version").fetchone()[0])
                    copying.execute(f"PRAGMA user_version = {version}")
                    copying.execute("COMMIT")
                finally:
                    _end(copying)
            # begun before the copy: a read begun after it would read hoshin.db alone and hold nothing
            holding.execute("BEGIN")
            holding.execute("SELECT count(*) FROM sqlite_master").fetchone()
            copying.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error:
            self._close()

    def _open(self) -> sqlite3.Connection | None:
        """A connection on the -wal file the app is writing, or None if that file is gone or replaced."""
        if not self.guard.same_wal():
            return None
        conn = sqlite3.connect(f"{self.guard.path.resolve().as_uri()}?mode=rw", uri=True, timeout=0,
                               isolation_level=None)
        try:
            conn.execute("PRAGMA synchronous = NORMAL")  # as the app's own connection (database.configure)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opens the -wal
            opened = self.guard.same_wal()  # still the file it had a moment ago: the one now open
        except sqlite3.Error:
            conn.close()
            raise
        if not opened:
            conn.close()
            return None
        return conn

    def _close(self) -> None:
        """Let go of both connections (the next write opens new ones, on the right file)."""
        for conn in (self._copying, self._holding):
            if conn is not None:
                conn.close()
        self._copying = self._holding = None


def _end(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK")
