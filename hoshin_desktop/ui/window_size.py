"""A window's first size on the user's screen (kept apart from widgets.py, which the large editor uses too)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

WINDOW_FRAME = 60  # what a window manager adds around a window: title bar and borders, with some slack


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """A window's first size, but never larger than the screen's free area: a 1366×768 laptop
    with its taskbar has about 1366×728, and a dialog sized for a large monitor hid its buttons."""
    owner = window.parentWidget()
    screen = (owner.window() if owner is not None else window).screen() or QGuiApplication.primaryScreen()
    free = screen.availableGeometry()
    window.resize(min(width, free.width() - WINDOW_FRAME), min(height, free.height() - WINDOW_FRAME))
