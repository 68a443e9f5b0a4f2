"""The running QApplication, typed as one: Qt's ``instance()`` says only ``QCoreApplication | None``."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def application() -> QApplication:
    """The application the window runs in (the window's code never runs without one)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("no QApplication is running")
    return app
