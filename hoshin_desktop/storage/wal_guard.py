"""The -wal file under the running app.

SQLite writes each commit to ``hoshin.db-wal`` and copies it into ``hoshin.db`` only now and
then. A program that deletes, replaces or cuts that file short (a sync client, a clean-up tool)
would take every edit since the last copy with it. So the copy (a checkpoint) runs on a thread
of its own right after each write, keeping the file's unique content down to the last moment,
and the next write notices what happened to the file (see ``Session.check_storage``).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

DELETED, REPLACED, TRUNCATED = "deleted", "replaced", "truncated"


class WalGuard:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.wal = Path(f"{path}-wal")
        self._seen: tuple[int, int, int] | None = None  # (device, inode, size) after the last write
        self._lock = threading.Lock()
        self._pending = False
        self._thread: threading.Thread | None = None

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
        with self._lock:
            self._pending = True
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="hoshin-checkpoint", daemon=True)
                self._thread.start()

    def settle(self) -> None:
        """Wait for the copy under way (before the database is closed or its -wal rebuilt)."""
        thread = self._thread
        if thread is not None:
            thread.join()

    def _run(self) -> None:
        while True:
            with self._lock:
                if not self._pending:
                    self._thread = None
                    return
                self._pending = False
            self._checkpoint()

    def _checkpoint(self) -> None:
        if not self.wal.exists():  # opening the database would make a new, empty -wal and hide the loss
            return
        try:
            conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=rw", uri=True, timeout=1.0)
            try:
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            finally:
                conn.close()
        except sqlite3.Error:  # busy or failing: SQLite's own checkpoints still run, later
            pass
