"""The plan's date is one Tab stop, reads 令和 as on the paper, and takes the keys and typed dates a user gives it."""

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QSpinBox, QVBoxLayout, QWidget

from hoshin_desktop.ui.date_field import DateField

from .helpers import stored_plan, type_text, wait_saved
from .plans import write_plan


def _form(qtbot):
    form = QWidget()
    layout = QVBoxLayout(form)
    before, date, after = QSpinBox(), DateField(), QSpinBox()
    date.setDate(QDate(2024, 4, 1))
    for widget in (before, date, after):
        layout.addWidget(widget)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    return form, before, date, after  # the form too: qtbot keeps only a weak reference


def test_date_is_one_tab_stop_and_arrows_change_the_day(qtbot):
    _form_, before, date, after = _form(qtbot)
    assert date.text() == "令和6年4月1日"
    before.setFocus()
    qtbot.waitUntil(before.hasFocus)
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is date
    qtbot.keyClick(date, Qt.Key.Key_Up)
    assert date.date() == QDate(2024, 4, 2) and date.text() == "令和6年4月2日"
    qtbot.keyClick(date, Qt.Key.Key_Down)
    qtbot.keyClick(date, Qt.Key.Key_Down)
    assert date.date() == QDate(2024, 3, 31) and date.text() == "令和6年3月31日"
    qtbot.keyClick(date, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is after
    qtbot.keyClick(after, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is date
    qtbot.keyClick(date, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is before


def test_a_date_typed_as_people_write_it_is_read_and_other_text_gives_the_date_back(qtbot):
    _form_, _before, date, after = _form(qtbot)
    for typed, expected in (("2025/4/1", QDate(2025, 4, 1)), ("R7.4.2", QDate(2025, 4, 2)),
                            ("令和元年5月7日", QDate(2019, 5, 7)), ("あした", QDate(2019, 5, 7))):
        date.setFocus()
        qtbot.waitUntil(date.hasFocus)
        date.lineEdit().selectAll()
        type_text(qtbot, date.lineEdit(), typed)
        qtbot.keyClick(date, Qt.Key.Key_Tab)
        assert date.date() == expected, typed
        assert date.text().startswith("令和")


def test_the_cover_date_is_stored_as_typed_and_shown_in_wareki(open_window, data_dir, qtbot):
    write_plan(data_dir, goals=1)
    window = open_window()
    window.panes.header.set_open(True)
    field = window.panes.header.date_edit
    assert field.text() == "令和6年4月1日"
    field.setFocus()
    field.lineEdit().selectAll()
    type_text(qtbot, field.lineEdit(), "令和6年4月10日")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.keyClick(field, Qt.Key.Key_Down)  # and one day back with the key
    wait_saved(qtbot, window)
    assert stored_plan(data_dir).plan_date.isoformat() == "2024-04-09"
    assert field.text() == "令和6年4月9日" and "令和6年4月9日" in window.panes.header.summary.text()


@pytest.mark.qt_log_ignore(r"This plugin does not support (grabbing the keyboard|raise\(\)|propagateSizeHints\(\))")  # a popup
def test_alt_down_opens_a_calendar_and_the_day_chosen_is_the_date(qtbot):
    from PySide6.QtWidgets import QTableView

    _form_, _before, date, _after = _form(qtbot)
    date.setFocus()
    qtbot.waitUntil(date.hasFocus)
    qtbot.keyClick(date, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = QApplication.activePopupWidget()
    assert calendar is not None and calendar.selectedDate() == QDate(2024, 4, 1)
    days = calendar.findChild(QTableView)
    for _ in range(2):
        qtbot.keyClick(days, Qt.Key.Key_Down)  # a week on, twice: 15 April
    qtbot.keyClick(days, Qt.Key.Key_Return)
    assert date.date() == QDate(2024, 4, 15) and date.text() == "令和6年4月15日"
    assert QApplication.activePopupWidget() is None
