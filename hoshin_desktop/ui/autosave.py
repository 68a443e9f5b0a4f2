"""Autosave: typing reaches the database a moment after the last keystroke, without a Save button.

Each field schedules the edit it wants written under a key (one key per field); a new
keystroke replaces the pending edit of the same key and restarts the timer, but typing
without a pause cannot hold an edit back longer than MAX_WAIT_MS. ``flush()``
writes everything now: the window calls it when focus leaves a field, before any
structural edit, undo, export, switching plans and closing. An edit that fails because of
the machine (disk full, data locked) stays pending and is retried; nothing typed is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import QObject, QTimer, Signal

from ..domain.cycle import PlanLocked
from ..domain.text import TextTooLong
from ..services.change import Change
from ..storage.errors import StorageError

DEBOUNCE_MS = 400
MAX_WAIT_MS = 800  # someone typing without a pause is still saved this often
RETRY_MS = 5000


class PendingEdits(QObject):
    saved = Signal(object)  # everything pending was written: the Change (services/change.py) it made
    failed = Signal(str)  # a message for the user; the edits stay pending
    rejected = Signal(object, str)  # key, message: the edit itself is not acceptable (too long)
    pendingChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, delay_ms: int = DEBOUNCE_MS):
        super().__init__(parent)
        self._pending: dict[Hashable, Callable[[], Change | None]] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self._deadline = QTimer(self)  # not restarted by keystrokes: bounds the wait while typing
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(max(delay_ms, MAX_WAIT_MS))
        self._deadline.timeout.connect(self.flush)
        self._failing = False

    def schedule(self, key: Hashable, write: Callable[[], Change | None]) -> None:
        """Write ``write()`` soon, replacing an earlier pending write of the same key."""
        was_empty = not self._pending
        self._pending.pop(key, None)
        self._pending[key] = write
        self._timer.start(self._timer.interval() if not self._failing else RETRY_MS)
        if was_empty:
            if not self._failing:
                self._deadline.start()
            self.pendingChanged.emit(True)

    def flush(self) -> bool:
        """Write everything pending now. False if something could not be written (it stays pending)."""
        self._timer.stop()
        self._deadline.stop()
        if not self._pending:
            return True
        change = Change()
        while self._pending:
            key = next(iter(self._pending))
            write = self._pending[key]
            try:
                change = change | (write() or Change())
            except (TextTooLong, PlanLocked) as exc:  # said to the user; the field shows the stored text again
                del self._pending[key]
                self.rejected.emit(key, str(exc))
                continue
            except StorageError as exc:
                self._failing = True
                self._timer.start(RETRY_MS)
                self.failed.emit(str(exc))
                return False
            del self._pending[key]
        self._failing = False
        self.pendingChanged.emit(False)
        self.saved.emit(change)
        return True
