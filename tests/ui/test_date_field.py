"""The plan's date is one Tab stop; ↑/↓ change the day."""

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QSpinBox, QVBoxLayout, QWidget

from hoshin_desktop.ui.date_field import DateField


def test_date_is_one_tab_stop_and_arrows_change_the_day(qtbot):
    form = QWidget()
    layout = QVBoxLayout(form)
    before, date, after = QSpinBox(), DateField(), QSpinBox()
    date.setDisplayFormat("yyyy年M月d日")
    date.setDate(QDate(2024, 4, 1))
    for widget in (before, date, after):
        layout.addWidget(widget)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    before.setFocus()
    qtbot.waitUntil(before.hasFocus)
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is date
    qtbot.keyClick(date, Qt.Key.Key_Up)
    assert date.date() == QDate(2024, 4, 2)
    qtbot.keyClick(date, Qt.Key.Key_Down)
    qtbot.keyClick(date, Qt.Key.Key_Down)
    assert date.date() == QDate(2024, 3, 31)
    qtbot.keyClick(date, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is after
    qtbot.keyClick(after, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is date
    qtbot.keyClick(date, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is before
