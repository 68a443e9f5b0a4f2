"""The user interface: the only package that imports PySide6."""

from .qt_fixes import protect_none

protect_none()  # before any Qt call: see qt_fixes


def run_gui(args) -> int:
    from .application import run

    return run(args)
