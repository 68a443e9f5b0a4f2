"""The mouse wheel scrolls; it never changes a choice the user did not pick.

Qt's combo boxes, spin boxes and date fields take the wheel without being clicked: scrolling a
table or a form with the pointer passing over one of them changed its value (a directive's
continuation in the mapping table, a plan's date, a goal's 位置づけ) without a word. So every
such widget of the app is a ``ChoiceBox``, a ``NumberBox`` or the app's ``DateField``, and the
combo boxes inside Qt's own dialogs (the print preview's zoom, say) get ``guard_children``:

- a wheel over one that does not have focus scrolls what is around it instead (the table, the
  form) and leaves its value alone;
- a wheel no longer gives them focus (Qt's WheelFocus); a click or Tab does, and once focused the
  wheel changes the value as the user expects.

The app once found these widgets as Qt polished them, through a Python style: Python was called
at the polish of every widget of every window, and PySide6 built the Python type of each widget
class Qt handed it. tests/test_architecture.py keeps plain
QComboBox and QSpinBox out of the app's code; tests/ui/test_wheel.py turns the wheel over each
choice in the window and in every dialog it opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QSpinBox, QWidget


def passed_on(widget: QWidget, event: QWheelEvent) -> bool:
    """A wheel over ``widget``: when it does not have focus, scroll what is around it and say so (True);
    the value stays. A focused widget (False) takes the wheel itself."""
    if widget.hasFocus():
        return False
    scroll_surroundings(widget, event)
    return True  # the event stays accepted, so that Qt does not pass it on again


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
        if isinstance(parent, (QComboBox, QAbstractSpinBox)) and not parent.hasFocus():
            continue  # a combo box's own line edit passes through its unfocused combo box
        QApplication.sendEvent(parent, passed)
        if passed.isAccepted():
            return


def keep_wheel_focus_off(widget: QWidget) -> None:
    """A click or Tab focuses the widget; the wheel does not (Qt's default for these is WheelFocus)."""
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


if TYPE_CHECKING:  # the mixin is a QWidget to the type checker; at run time the Qt class it is mixed into is
    _Widget = QWidget
else:
    _Widget = object


class WheelGuarded(_Widget):
    """Mixed into a choice widget of the app (before the Qt class): the wheel changes it only once
    the user has come to it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        keep_wheel_focus_off(self)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt's name)
        if not passed_on(self, event):
            super().wheelEvent(event)


class ChoiceBox(WheelGuarded, QComboBox):
    """The app's combo box."""


class NumberBox(WheelGuarded, QSpinBox):
    """The app's spin box (a plan's 版)."""


class _WheelToSurroundings(QObject):
    """Event filter on a combo or spin box of Qt's own: an unfocused one passes the wheel to its parents."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget) or not isinstance(event, QWheelEvent):
            return False
        return passed_on(watched, event)


def guard_children(dialog: QWidget) -> None:
    """Guard the combo and spin boxes a dialog of Qt's own holds (the print preview's zoom and page)."""
    guard = _WheelToSurroundings(dialog)
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, (QComboBox, QAbstractSpinBox)) and not isinstance(widget, WheelGuarded):
            keep_wheel_focus_off(widget)
            widget.installEventFilter(guard)
