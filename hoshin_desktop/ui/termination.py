"""SIGTERM (logout on Linux and macOS, ``kill``), SIGHUP (the terminal closed) and Ctrl+C end the
app the normal way, from the first question at start-up (「はじめに」, damaged data) to the window.

Without this, such a signal ends the process at once: what was typed in the last second is
lost, no close backup is taken, the lock stays, and the next start reports a crash. Windows
sends a GUI program none of these; its logoff comes through ``commitDataRequest`` (keeper.py).

A Python signal handler runs only when Python code runs, and Qt's event loop may wait in C++
for a long time, so the signal is also written to a pipe (``signal.set_wakeup_fd``) that the
event loop watches, nested loops of modal dialogs included (a pipe, not a socket: the app opens
no socket, tests/safety/test_no_network.py).
"""

from __future__ import annotations

import os
import signal
import sys

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

ENDING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name))


class Termination(QObject):
    """While open (a ``with`` block), an ending signal closes the open dialogs as Cancel would
    and then the window (``watch``), which saves first; ``requested`` tells that one came."""

    def __init__(self):
        super().__init__()
        self.requested = False
        self._window: QWidget | None = None
        self._saved: list = []
        self._pipe: tuple[int, int] | None = None
        self._notifier: QSocketNotifier | None = None

    def __enter__(self) -> Termination:
        if sys.platform == "win32":
            return self
        reader, writer = os.pipe()
        for end in (reader, writer):
            os.set_blocking(end, False)
        self._pipe = (reader, writer)
        self._saved = [(number, signal.signal(number, lambda _number, _frame: None)) for number in ENDING]
        self._saved.append(("wakeup", signal.set_wakeup_fd(writer)))  # the handler is not the default (end at once): the pipe tells
        self._notifier = QSocketNotifier(reader, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)
        return self

    def __exit__(self, *_exc) -> None:
        for number, previous in reversed(self._saved):
            if number == "wakeup":
                signal.set_wakeup_fd(previous)
            else:
                signal.signal(number, previous)
        if self._notifier is not None:
            self._notifier.setEnabled(False)  # before its pipe closes
            self._notifier = None
        if self._pipe is not None:
            for end in self._pipe:
                os.close(end)
            self._pipe = None

    def watch(self, window: QWidget) -> None:
        """Close ``window`` on an ending signal; at once (when its event loop runs) if one came already."""
        self._window = window
        if self.requested:
            QTimer.singleShot(0, window.close)

    def _woken(self) -> None:
        try:
            numbers = os.read(self._pipe[0], 64) if self._pipe else b""
        except BlockingIOError:
            return
        if any(number in numbers for number in ENDING):
            self.requested = True
            self._end()

    def _end(self) -> None:
        """Answer the open dialog as Cancel (the nested event loop returns), then close the window."""
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog):
            modal.reject()
        elif modal is not None:
            modal.close()
        if self._window is not None:
            QTimer.singleShot(0, self._window.close)
