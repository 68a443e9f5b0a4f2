"""Where the keyboard is, the eye can see: a field that takes focus scrolls into view.

Qt scrolls a scroll area to a child only when Tab reaches it. F6 to 「部の方針」 under an open
cover, a jump from a search hit or a check, a new goal's title: each gave the focus to a field
scrolled out of sight, and what the user typed next went into text they could not see. Installed
once on the application (``install``): whenever a field takes focus from the keyboard or the app,
every scroll area holding it scrolls until it (or, for a text taller than the area, its caret
line) is in view. A click is left alone: what was clicked is in view already, and scrolling
then would move the text under the pointer.

It asks Qt for no widget Qt made itself (a scroll area's viewport, say): given one, PySide6 builds
the Python type of every widget class it might be (some 65), about 1% of a start.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLineEdit, QPlainTextEdit, QScrollArea, QTextEdit, QWidget

MARGIN = 12  # pixels kept around the field: its caption's edge is not cut


def install(app: QApplication) -> None:
    if not app.property(_INSTALLED):
        app.focusChanged.connect(_focus_changed)
        app.setProperty(_INSTALLED, True)


_INSTALLED = "hoshinFocusView"


def _focus_changed(_old: QWidget | None, new: QWidget | None) -> None:
    if new is None or QApplication.mouseButtons() != Qt.MouseButton.NoButton:
        return
    # After the events already posted: a field just shown (a folded cover opened) has its place then.
    # (``new`` as the context: a field deleted meanwhile is skipped.)
    QTimer.singleShot(0, new, lambda: _still_focused(new))


def _still_focused(widget: QWidget) -> None:
    if widget.hasFocus():
        bring_into_view(widget)


def bring_into_view(widget: QWidget) -> None:
    """Scroll each scroll area that holds ``widget``, innermost first, until the field is in view."""
    area = _holding_area(widget)
    while area is not None:
        content = area.widget()
        if content is None:
            return
        layout = content.layout()
        if layout is not None:
            layout.activate()  # the field's place after what was just shown or hidden
        shown = _shown_part(widget, area)
        top_left = widget.mapTo(content, shown.topLeft())
        centre = top_left + QPoint(shown.width() // 2, shown.height() // 2)
        area.ensureVisible(centre.x(), centre.y(), shown.width() // 2 + MARGIN, shown.height() // 2 + MARGIN)
        area = _holding_area(area)


def _holding_area(widget: QWidget) -> QScrollArea | None:
    """The innermost scroll area whose content holds ``widget`` (found from the window down, not up
    through the viewports Qt made)."""
    holding = [area for area in widget.window().findChildren(QScrollArea)
               if area is not widget and (content := area.widget()) is not None and content.isAncestorOf(widget)]
    return next((area for area in holding if not any(other is not area and area.isAncestorOf(other) for other in holding)), None)


def view_size(area: QAbstractScrollArea) -> QSize:
    """The size of what ``area`` shows (its viewport's): its room less the scroll bars shown."""
    room, across, down = area.maximumViewportSize(), area.horizontalScrollBar(), area.verticalScrollBar()
    return QSize(room.width() - (down.width() if down.isVisible() else 0),
                 room.height() - (across.height() if across.isVisible() else 0))


def _shown_part(widget: QWidget, area: QScrollArea) -> QRect:
    """The part of ``widget`` to bring into view: all of it when it fits the area, else the caret's line."""
    whole, shown = widget.rect(), view_size(area)
    if whole.height() + 2 * MARGIN <= shown.height():
        return whole
    caret = _caret(widget)
    return caret.adjusted(0, -MARGIN, 0, MARGIN) if caret is not None else QRect(whole.topLeft(), shown)


def _caret(widget: QWidget) -> QRect | None:
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):  # in its viewport, which starts at its contents
        return widget.cursorRect().translated(widget.contentsRect().topLeft())
    return widget.cursorRect() if isinstance(widget, QLineEdit) else None
