"""A date as the city writes it, 「令和6年4月1日」, in one field that is one Tab stop.

Qt's date field can only show a Western year (2024年4月1日), beside the 令和 dates of every other
screen and of the paper. This field shows the 和暦 itself:

- ↑/↓ (and the buttons, or the wheel once the field is focused) change the day; 4月1日 ↓ is 3月31日;
- a date typed in any form people write (令和7年4月1日, R7.4.1, 2025/4/1, 2025年4月1日) is read when the
  field is left or Enter is pressed; text that is no date gives the date back as it was;
- Alt+↓ or F4 opens a calendar to pick the day from.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent, QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QCalendarWidget, QWidget

from ..domain.wareki import REIWA_START, format_date
from ..domain.written import written_date
from .i18n import tr
from .wheel_guard import WheelGuarded

LAST_DAY = QDate(2118, 12, 31)  # 令和100年: any later day is a typing mistake


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class DateField(WheelGuarded, QAbstractSpinBox):
    dateChanged = Signal(QDate)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._least, self._most = to_qdate(REIWA_START), LAST_DAY
        self._date = max(self._least, min(self._most, QDate.currentDate()))
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)
        self.setKeyboardTracking(False)
        self.setToolTip(tr("↑/↓ で1日ずつ変わります。「令和7年4月1日」「2025/4/1」のように入力もできます（Alt+↓ でカレンダー）。"))
        self.lineEdit().setText(self._text(self._date))
        self._typed: str | None = None  # what the user typed, kept: Qt puts its own text back as the field is left
        self.lineEdit().textEdited.connect(self._keep_typed)
        self.editingFinished.connect(self._read_typed)
        self._calendar: QCalendarWidget | None = None

    # --- the value ------------------------------------------------------------------------------

    def date(self) -> QDate:
        return self._date

    def setDate(self, value: QDate) -> None:  # noqa: N802 (Qt's name, as QDateEdit)
        value = max(self._least, min(self._most, value))
        changed = value != self._date
        self._date = value
        self.lineEdit().setText(self._text(value))
        if changed:
            self.dateChanged.emit(value)

    def setCalendarPopup(self, _on: bool) -> None:  # noqa: N802 (QDateEdit's name)
        """As QDateEdit: kept for its callers; the calendar is always on Alt+↓ / F4."""

    def setDisplayFormat(self, _format: str) -> None:  # noqa: N802 (QDateEdit's name)
        """As QDateEdit: kept for its callers; the field always shows the 和暦 the paper prints."""

    @staticmethod
    def _text(value: QDate) -> str:
        return format_date(to_date(value))

    # --- keys, buttons and typing -------------------------------------------------------------------

    def stepBy(self, steps: int) -> None:  # noqa: N802 (Qt's name)
        self.setDate(self._date.addDays(steps))

    def stepEnabled(self):  # noqa: N802 (Qt's name)
        flags = QAbstractSpinBox.StepEnabledFlag.StepNone
        if self._date < self._most:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        if self._date > self._least:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        return flags

    def validate(self, text: str, position: int):
        """Anything may be typed on the way to a date; the date is read when the field is left."""
        return QValidator.State.Acceptable if _read(text) is not None else QValidator.State.Intermediate, text, position

    def fixup(self, text: str) -> str:
        return self._text(self._date)

    def _keep_typed(self, text: str) -> None:
        self._typed = text

    def _read_typed(self) -> None:
        typed = _read(self._typed) if self._typed is not None else None
        self._typed = None
        self.setDate(to_qdate(typed) if typed is not None else self._date)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        alt_down = event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        if alt_down or event.key() == Qt.Key.Key_F4:
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def show_calendar(self) -> QCalendarWidget:
        """A month to pick the day from, under the field (as QDateEdit's calendar popup)."""
        calendar = self._calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        calendar.setDateRange(self._least, self._most)
        calendar.setSelectedDate(self._date)
        calendar.clicked.connect(self._picked)
        calendar.activated.connect(self._picked)
        calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        calendar.show()
        return calendar

    def _picked(self, value: QDate) -> None:
        self.setDate(value)
        if self._calendar is not None:
            self._calendar.close()
            self._calendar = None

    def sizeHint(self):  # noqa: N802 (Qt's name)
        hint = super().sizeHint()
        hint.setWidth(max(hint.width(), self.fontMetrics().horizontalAdvance("令和10年12月31日") + 40))  # the widest date
        return hint

    def minimumSizeHint(self):  # noqa: N802 (Qt's name)
        return self.sizeHint()


def _read(text: str) -> date | None:
    try:
        return written_date(text)
    except ValueError:
        return None
