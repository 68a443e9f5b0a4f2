"""The plan's date as one Tab stop: ↑/↓ change the day, ←/→ move between year, month and day.

QDateEdit makes each of its sections a Tab stop (year, month, day: three presses to pass it);
a form is read field by field, so Tab leaves the date at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QDateEdit, QWidget


class DateField(QDateEdit):
    def focusNextPrevChild(self, next_: bool) -> bool:  # noqa: N802 (Qt's name)
        return QWidget.focusNextPrevChild(self, next_)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            self.setCurrentSection(QDateEdit.Section.DaySection)  # ↑/↓ then change the day

    def stepBy(self, steps: int) -> None:  # noqa: N802 (Qt's name)
        if self.currentSection() == QDateEdit.Section.DaySection:
            self.setDate(self.date().addDays(steps))  # 4月1日 ↓ is 3月31日, not a stop at day 1
        else:
            super().stepBy(steps)

    def stepEnabled(self):  # noqa: N802 (Qt's name)
        if self.currentSection() != QDateEdit.Section.DaySection:
            return super().stepEnabled()
        flags = QAbstractSpinBox.StepEnabledFlag.StepNone
        if self.date() < self.maximumDate():
            flags |= QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        if self.date() > self.minimumDate():
            flags |= QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        return flags
