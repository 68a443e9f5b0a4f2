"""「基本方針の対応表」: opened after importing next year's policy, corrected line by line, confirmed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from hoshin_desktop.services import lineage

from .helpers import wheel
from .plans import import_next_year


def rows(dialog):
    table = dialog.table
    return [(table.item(r, 0).text(), dialog.choices[r].currentData() if r in dialog.choices else
             table.item(r, 2).text(), table.item(r, 4).text()) for r in range(table.rowCount())]


def test_opens_after_import_with_the_proposal_and_marked_changes(open_window, alerts, tmp_path):
    window = open_window()
    dialog = import_next_year(window, alerts, tmp_path)
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    assert "まだ確定していません" in dialog.state.text()
    assert rows(dialog)[:4] == [("—", "1(1)", "新規"), ("1(1)", "1(2)", "移動・修正"), ("1(2)", None, "廃止"),
                                ("1(3)", "1(3)", "同文")]
    struck = dialog.table.cellWidget(1, 1).text()
    added = dialog.table.cellWidget(1, 3).text()
    assert "line-through" in struck and "市制施行60周年と" in struck
    assert "underline" in added and "業務が本格化" in added
    assert alerts.messages("error") == []


def test_correct_a_line_merge_two_and_confirm(open_window, alerts, tmp_path, qtbot):
    window = open_window()
    dialog = import_next_year(window, alerts, tmp_path)
    # 1(2) (防災) was in fact merged into this year's 1(2) with 1(1).
    dialog.choice("1(2)").setCurrentIndex(dialog.choice("1(2)").findData("1(2)"))
    qtbot.waitUntil(lambda: ("1(2)", "1(2)", "修正（統合）") in rows(dialog))
    assert ("1(1)", "1(2)", "移動・修正（統合）") in rows(dialog)  # moved and reworded: both said
    # and 3(1) ended rather than continuing as 2(2)
    dialog.choice("3(1)").setCurrentIndex(0)
    qtbot.waitUntil(lambda: ("3(1)", None, "廃止") in rows(dialog))
    assert ("—", "2(2)", "新規") in rows(dialog)
    alerts.answers["ask_yes_no"] = [True]
    with qtbot.waitSignal(dialog.confirmed):
        dialog.confirm_button.click()
    [(_kind, _title, question)] = alerts.messages("ask_yes_no")
    assert "選び直した行が 2 件" in question and "1(2) 令和6年能登半島地震" in question and "確定: 廃止" in question
    stored = lineage.directive_mapping(window.session, 2024, 2025)
    assert stored.confirmed
    assert {(line.old, line.new) for line in stored.lines if line.old in ("1(1)", "1(2)", "3(1)")} == {
        ("1(1)", "1(2)"), ("1(2)", "1(2)"), ("3(1)", None)}


def test_menu_reopens_the_confirmed_mapping_and_first_year_has_none(open_window, alerts, tmp_path, qtbot):
    window = open_window()
    window.actions.policy_mapping.trigger()
    [(_kind, title_, text)] = alerts.messages("info")
    assert title_ == "基本方針の対応表" and "前の年度の基本方針がない" in text
    dialog = import_next_year(window, alerts, tmp_path)
    alerts.answers["ask_yes_no"] = [True]
    with qtbot.waitSignal(dialog.confirmed):
        dialog.confirm_button.click()
    window.actions.policy_mapping.trigger()
    assert "確定済み" in window.mapping_dialog.state.text()
    window.mapping_dialog.reset_to_proposal()
    assert "まだ確定していません" in window.mapping_dialog.state.text()
    window.mapping_dialog.close()


def test_scrolling_the_table_changes_no_choice_and_confirming_asks_then_reports(open_window, alerts, tmp_path, qtbot):
    """The wheel over a 今年度 choice scrolls the table; confirming the untouched proposal says
    nothing differs, 「いいえ」 stores nothing, 「はい」 stores it and says what was stored."""
    window = open_window(size=(1366, 705))
    dialog = import_next_year(window, alerts, tmp_path)
    dialog.resize(1100, 300)  # a short window: the table has to scroll
    before = rows(dialog)
    bar = dialog.table.verticalScrollBar()
    assert bar.maximum() > 0
    for row, combo in dialog.choices.items():
        dialog.table.scrollTo(dialog.table.model().index(row, 2))
        start = bar.value()
        wheel(combo, -1)
        assert bar.value() > start or start == bar.maximum()
    assert rows(dialog) == before
    dialog.confirm_button.click()  # answered 「いいえ」 (the scripted default)
    [(_kind, _title, question)] = alerts.messages("ask_yes_no")
    assert "提案のとおり" in question and "引き継ぎ 4 件" in question and "廃止 17 件" in question
    assert not lineage.directive_mapping(window.session, 2024, 2025).confirmed and dialog.isVisible()
    alerts.answers["ask_yes_no"] = [True]
    dialog.confirm_button.click()
    stored = lineage.directive_mapping(window.session, 2024, 2025)
    assert stored.confirmed and [(line.old or "—", line.new) for line in stored.lines] == [(old, new) for old, new, _ in before]
    [(_kind, title_, text)] = alerts.messages("info")
    assert title_ == "基本方針の対応表を確定しました" and "廃止 17 件" in text and "付け替わります" in text
    assert not dialog.isVisible()


@pytest.mark.qt_log_ignore(r"This plugin does not support (grabbing the keyboard|raise\(\)|propagateSizeHints\(\))")  # the list
def test_choosing_with_the_keyboard_keeps_the_place_and_the_focus(open_window, alerts, tmp_path, qtbot):
    """Correcting a line far down the table: the table stays where it was scrolled and the keys stay
    on that line's chooser, so a second ↓ moves the same choice on (the refilled table had jumped to
    the top and dropped the focus)."""
    window = open_window(size=(1366, 705))
    dialog = import_next_year(window, alerts, tmp_path)
    dialog.resize(1100, 300)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    bar = dialog.table.verticalScrollBar()
    bar.setValue(bar.maximum())
    combo = dialog.choice("4(4)")
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_Escape)  # the list the click opened
    assert combo.hasFocus() and combo.currentData() is None  # 廃止, as proposed
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: ("4(4)", "1(1)", "移動・修正") in rows(dialog))  # the table was refilled
    assert bar.value() == bar.maximum() > 0
    assert dialog.focusWidget() is dialog.choice("4(4)")
    # (Qt's offscreen test platform deactivates a window when the old chooser's list is deleted)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.choice("4(4)").hasFocus())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: ("4(4)", "1(2)", "移動・修正（統合）") in rows(dialog))
    alerts.answers["ask_yes_no"] = [True]
    dialog.confirm_button.click()
    assert ("4(4)", "1(2)") in {(line.old, line.new) for line in lineage.directive_mapping(window.session, 2024, 2025).lines}
