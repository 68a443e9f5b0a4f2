"""Ctrl+C on the command line ends a command with one Japanese line and exit code 130.

Python's own handler raises KeyboardInterrupt wherever the program is, which shows a traceback,
and inside a SQLite callback it even becomes ``sqlite3.OperationalError``. Here the handler
notes that the user interrupted, so that whatever exception the interrupt turns into, the
command ends with the same short line. Every write is a transaction or a file moved into place
when complete (rolled back or discarded on any exception), so nothing is left half-written. A
second Ctrl+C is ignored, so that the clean-up of the first one finishes.
"""

from __future__ import annotations

import signal
import sys

EXIT_CODE = 130  # 128 + SIGINT: what shells report for a command ended by Ctrl+C
MESSAGE = "中断しました（Ctrl+C）。書きかけのファイルやデータは残していません。"

_interrupted = False
_stopping = False  # raise KeyboardInterrupt at once; before main() runs, a Ctrl+C is only noted
_earlier_hook = sys.unraisablehook  # what handled unraisable exceptions before install()


def _on_interrupt(_number, _frame) -> None:
    global _interrupted
    if _interrupted:
        return
    _interrupted = True
    if _stopping:
        raise KeyboardInterrupt


def install(*, defer: bool = False) -> None:
    """Handle Ctrl+C from now on; ``defer``: only note it (while the program loads, for main() to act on)."""
    global _stopping, _earlier_hook
    _stopping = not defer
    signal.signal(signal.SIGINT, _on_interrupt)
    if sys.unraisablehook is not _again_later:
        _earlier_hook = sys.unraisablehook
        sys.unraisablehook = _again_later


def _again_later(unraisable) -> None:
    """Where Python cannot let an exception through (a callback of the import machinery, a
    finaliser) it prints it as "Exception ignored" and goes on: the interrupt is sent again, to be
    raised where it can stop the command."""
    global _interrupted
    if unraisable.exc_type is KeyboardInterrupt and _interrupted:
        _interrupted = False
        signal.raise_signal(signal.SIGINT)
        return
    _earlier_hook(unraisable)


def uninstall() -> None:
    """The window handles its own ending (see ui/termination.py)."""
    signal.signal(signal.SIGINT, signal.default_int_handler)


def happened() -> bool:
    return _interrupted


def report() -> int:
    """Tell the user; the exit code of an interrupted command."""
    try:
        print(MESSAGE, file=sys.stderr, flush=True)
    except (OSError, ValueError):  # no console to tell
        pass
    # CPython notes a KeyboardInterrupt that left an exec() of a string (dataclasses make their
    # methods so, at import) as unhandled, and at exit kills itself with SIGINT instead of exiting
    # with our code. Each exec() of a string clears that note first.
    exec("pass")
    return EXIT_CODE
