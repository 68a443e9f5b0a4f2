"""A SIGTERM (logout on Linux and macOS, ``kill``) closes the window the normal way.

Without this, SIGTERM ends the process at once: what was typed in the last second is lost,
no close backup is taken, and the next start reports a crash. Windows sends a GUI program no
SIGTERM; its logoff comes through ``commitDataRequest`` (see keeper.py).

A Python signal handler runs only when Python code runs, and Qt's event loop may wait in C++
for a long time, so the signal is also written to a pipe (``signal.set_wakeup_fd``) that the
event loop watches (a pipe, not a socket: the app opens no socket, tests/safety/test_no_network.py).
"""

from __future__ import annotations

import os
import signal
import sys

from PySide6.QtCore import QSocketNotifier


def close_on_terminate(window) -> None:
    """On POSIX, a SIGTERM closes ``window`` as the user would (it saves what was typed first)."""
    if sys.platform == "win32":
        return
    reader, writer = os.pipe()
    for end in (reader, writer):
        os.set_blocking(end, False)
    signal.set_wakeup_fd(writer)
    signal.signal(signal.SIGTERM, lambda _number, _frame: None)  # not the default (end at once): the pipe tells
    notifier = QSocketNotifier(reader, QSocketNotifier.Type.Read, window)

    def woken() -> None:
        try:
            numbers = os.read(reader, 64)
        except BlockingIOError:
            return
        if signal.SIGTERM in numbers:
            window.close()

    notifier.activated.connect(woken)
