"""A SIGTERM (logout on Linux and macOS, ``kill``) closes the window the normal way.

Without this, SIGTERM ends the process at once: what was typed in the last second is lost,
no close backup is taken, and the next start reports a crash. Windows sends a GUI program no
SIGTERM; its logoff comes through ``commitDataRequest`` (see keeper.py).

A Python signal handler runs only when Python code runs, and Qt's event loop may wait in C++
for a long time, so the signal is also written to a socket (``signal.set_wakeup_fd``) that the
event loop watches.
"""

from __future__ import annotations

import signal
import socket
import sys

from PySide6.QtCore import QSocketNotifier


def close_on_terminate(window) -> None:
    """On POSIX, a SIGTERM closes ``window`` as the user would (it saves what was typed first)."""
    if sys.platform == "win32":
        return
    reader, writer = socket.socketpair()
    for end in (reader, writer):
        end.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    signal.signal(signal.SIGTERM, lambda _number, _frame: None)  # not the default (end at once): the socket tells
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, window)
    notifier.sockets = (reader, writer)  # kept open as long as the window watches them

    def woken() -> None:
        try:
            numbers = reader.recv(64)
        except BlockingIOError:
            return
        if signal.SIGTERM in numbers:
            window.close()

    notifier.activated.connect(woken)
