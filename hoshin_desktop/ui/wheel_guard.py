"""The mouse wheel scrolls; it never changes a choice the user did not pick.

Qt's combo boxes, spin boxes and date fields take the wheel without being clicked: scrolling a
table or a form with the pointer passing over one of them changed its value (a directive's
continuation in the mapping table, a plan's date, a goal's 位置づけ) without a word. Installed
once on the application (``install``), for every such widget of every window and dialog:

- a wheel over one that does not have focus scrolls what is around it instead (the table, the
  form) and leaves its value alone;
- a wheel no longer gives them focus (Qt's WheelFocus); a click or Tab does, and once focused the
  wheel changes the value as the user expects.

The widgets are found as Qt polishes them (``QProxyStyle.polish``: once per widget, before it is
first shown), so no per-event work is added to the rest of the application.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QProxyStyle, QWidget

GUARDED = (QComboBox, QAbstractSpinBox)  # QAbstractSpinBox: spin boxes, QDateEdit and the app's DateField


def is_guarded(widget: QObject) -> bool:
    return isinstance(widget, GUARDED)


class _WheelToSurroundings(QObject):
    """Event filter on each guarded widget: an unfocused widget passes the wheel to its parents."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if not isinstance(event, QWheelEvent) or not isinstance(watched, QWidget) or watched.hasFocus():
            return False
        scroll_surroundings(watched, event)
        return True  # the value stays; the event stays accepted so that Qt does not pass it on again


def scroll_surroundings(widget: QWidget, event: QWheelEvent) -> None:
    """Offer ``event`` to ``widget``'s parents in turn (a cell, the table's viewport, …) until one
    uses it, as Qt does with a wheel a widget ignores."""
    position = event.position()
    parent: QWidget = widget
    while not parent.isWindow() and (above := parent.parentWidget()) is not None:
        position += QPointF(parent.pos())
        parent = above
        passed = QWheelEvent(position, event.globalPosition(), event.pixelDelta(), event.angleDelta(),
                             event.buttons(), event.modifiers(), event.phase(), event.inverted(), event.source())
        if is_guarded(parent) and not parent.hasFocus():
            continue  # a combo box's own line edit passes through its unfocused combo box
        QApplication.sendEvent(parent, passed)
        if passed.isAccepted():
            return


class _GuardingStyle(QProxyStyle):
    """The platform's style, unchanged, that also guards each combo box and spin box it polishes."""

    def __init__(self, base_name: str, guard: _WheelToSurroundings):
        super().__init__(base_name)
        self._guard = guard

    def polish(self, target):  # QStyle.polish is overloaded (widget, palette, app): this takes any
        if isinstance(target, QWidget) and is_guarded(target):
            guard(target, self._guard)
        return super().polish(target)


def guard(widget: QWidget, guard_filter: QObject) -> None:
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a click or Tab focuses it; a wheel does not
    widget.removeEventFilter(guard_filter)  # polished again after a style sheet change: one filter only
    widget.installEventFilter(guard_filter)


def install(app: QApplication) -> None:
    """Guard every combo box, spin box and date field the application will show (once)."""
    if isinstance(app.style(), _GuardingStyle):
        return
    guard_filter = _WheelToSurroundings(app)
    app.setStyle(_GuardingStyle(app.style().name(), guard_filter))
