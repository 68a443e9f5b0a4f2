"""置換 across the plan (previewed, one undo step) and search hits shown in their field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from hoshin_desktop.domain.models import GOAL_TEXT_FIELDS

from .helpers import shown_in, stored_plan, type_text
from .plans import write_plan

CTRL = Qt.KeyboardModifier.ControlModifier


def test_replace_changes_every_match_and_undoes_in_one_step(open_window, qtbot, data_dir):
    write_plan(data_dir, goals=4)
    before = stored_plan(data_dir)
    window = open_window(size=(1366, 768))
    qtbot.keyClick(window.panes.tree, Qt.Key.Key_H, CTRL)
    dialog = window.replace_dialog
    assert dialog is not None and dialog.isVisible()
    type_text(qtbot, dialog.find_field, "ＤＸ")
    type_text(qtbot, dialog.replace_field, "デジタル変革")
    # every goal's 目標 and 取組内容 hold ＤＸ: 8 places, previewed before anything changes
    assert dialog.preview.topLevelItemCount() == 8
    first = dialog.preview.topLevelItem(0)
    assert first.text(0) == "目標1 目標" and "ＤＸ" in first.text(2) and "デジタル変革" in first.text(3)
    assert stored_plan(data_dir) == before
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    after = stored_plan(data_dir)
    texts = [getattr(g, f) for g in after.goals for f in ("title", "actions")]
    assert not [t for t in texts if "ＤＸ" in t]
    assert sum(t.count("デジタル変革") for t in texts) == 8
    assert dialog.preview.topLevelItemCount() == 0
    assert window.actions.undo.text() == "元に戻す: 置換（「ＤＸ」→「デジタル変革」）"
    window.actions.undo.trigger()
    assert stored_plan(data_dir) == before
    assert window.panes.goal_editor.fields["title"].toPlainText() == before.goal(window._goal_id).title


def test_a_replace_place_opens_its_field_with_the_word_marked(open_window, qtbot, data_dir):
    ids = write_plan(data_dir, goals=4)
    window = open_window(size=(1366, 768))
    window.actions.replace.trigger()
    dialog = window.replace_dialog
    type_text(qtbot, dialog.find_field, "本格実施")
    items = [dialog.preview.topLevelItem(i) for i in range(dialog.preview.topLevelItemCount())]
    last = items[-1]
    assert last.text(0) == "目標4 スケジュール"
    dialog.preview.itemActivated.emit(last, 0)
    assert window._goal_id == ids[-1]
    field = window.panes.goal_editor.fields["schedule"]
    assert shown_in(window.panes.goal_scroll, field)
    assert window.marker.marked() == "本格実施"


def test_enter_on_a_search_hit_scrolls_to_the_matched_field_and_marks_the_word(open_window, qtbot, data_dir):
    ids = write_plan(data_dir, goals=3)
    window = open_window(size=(1024, 700))  # the form in one column: スケジュール is below the fold
    window.select_goal(ids[0])
    assert not shown_in(window.panes.goal_scroll, window.panes.goal_editor.fields["schedule"])  # below the fold at first
    qtbot.keyClick(window.panes.tree, Qt.Key.Key_F, CTRL)
    panel = window.panes.search_panel
    type_text(qtbot, panel.field, "四半期")
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert window.panes.goal_editor.goal_id is not None
    field = window.panes.goal_editor.fields["schedule"]
    assert shown_in(window.panes.goal_scroll, field)
    assert window.marker.marked() == "四半期"
    type_text(qtbot, field, "x")  # typing in the field takes the mark away
    assert window.marker.marked() == ""


def test_replace_by_keyboard_starts_from_the_selected_word(open_window, qtbot, data_dir):
    ids = write_plan(data_dir, goals=2)
    window = open_window(size=(1366, 768))
    window.select_goal(ids[0])
    field = window.panes.goal_editor.fields["indicator"]
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    cursor = field.textCursor()
    start = field.toPlainText().index("手続")
    cursor.setPosition(start)
    cursor.setPosition(start + 2, cursor.MoveMode.KeepAnchor)
    field.setTextCursor(cursor)
    qtbot.keyClick(field, Qt.Key.Key_H, CTRL)
    dialog = window.replace_dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.find_field.text() == "手続"  # the selected word
    qtbot.keyClick(dialog.find_field, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is dialog.replace_field
    type_text(qtbot, dialog.replace_field, "手続き")
    count = sum(int(dialog.preview.topLevelItem(i).text(1)) for i in range(dialog.preview.topLevelItemCount()))
    qtbot.keyClick(dialog.replace_field, Qt.Key.Key_Return)
    plan = stored_plan(data_dir)
    assert sum(getattr(g, f).count("手続き") for g in plan.goals for f in GOAL_TEXT_FIELDS) == count == 16
    assert "置き換えました" in dialog.summary.text()


def test_a_replacement_holding_the_word_is_not_offered_again_until_something_changes(open_window, qtbot, data_dir):
    write_plan(data_dir, goals=4)
    window = open_window(size=(1366, 768))
    window.actions.replace.trigger()
    dialog = window.replace_dialog
    type_text(qtbot, dialog.find_field, "ＤＸ")
    type_text(qtbot, dialog.replace_field, "ＤＸ化")
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    texts = [getattr(g, f) for g in stored_plan(data_dir).goals for f in ("title", "actions")]
    assert sum(t.count("ＤＸ化") for t in texts) == 8 and not [t for t in texts if "化化" in t]
    # the new text holds ＤＸ again: listed, but a second press would make ＤＸ化化
    assert dialog.preview.topLevelItemCount() == 8
    assert not dialog.replace_button.isEnabled()
    assert dialog.summary.text().startswith("「ＤＸ」を「ＤＸ化」に 8件置き換えました")
    dialog.replace_all()  # Alt+A or Enter in 置換後 goes the same way
    assert "化化" not in stored_plan(data_dir).goals[0].title
    window.actions.undo.trigger()  # the plan changed: the same words may be replaced again
    dialog.update_preview()
    assert dialog.replace_button.isEnabled()
    type_text(qtbot, dialog.replace_field, "2")  # other words: offered at once
    assert dialog.replace_button.isEnabled()


def test_replace_changes_only_the_places_listed_and_says_one_count(open_window, qtbot, data_dir):
    """Typing in the window while the dialog is open: the list did not show the new text, yet すべて置換
    replaced it too, and the dialog counted the places it had listed (2件) while the status bar said 3件."""
    ids = write_plan(data_dir, goals=4)
    window = open_window(size=(1366, 768))
    window.actions.replace.trigger()
    dialog = window.replace_dialog
    type_text(qtbot, dialog.find_field, "移転")  # in 部の方針 1(2) and in the 課 goal's 目標
    type_text(qtbot, dialog.replace_field, "移設")
    assert [dialog.preview.topLevelItem(i).text(0) for i in range(dialog.preview.topLevelItemCount())] == [
        "部の方針 1(2)", "目標2-1 目標"]
    window.select_goal(ids[0])
    field = window.panes.goal_editor.fields["actions"]
    field.setFocus()
    type_text(qtbot, field, "移転を急ぐ")  # not written yet: autosave waits for a pause
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    assert stored_plan(data_dir).goal(ids[0]).actions.startswith("移転を急ぐ")  # written, not replaced unseen
    assert "移転" in stored_plan(data_dir).answers[0].text
    assert dialog.preview.topLevelItemCount() == 3 and "もう一度" in dialog.summary.text()
    dialog.update_preview()  # as the dialog's activation does: the note stays while the list is the same
    assert "もう一度" in dialog.summary.text()
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    plan = stored_plan(data_dir)
    assert plan.goal(ids[0]).actions.startswith("移設を急ぐ") and "移設" in plan.answers[0].text
    assert dialog.summary.text() == window.statusBar().currentMessage() == (
        "「移転」を「移設」に 3件置き換えました。元に戻すには Ctrl+Z を押します。")


def test_ctrl_h_after_a_search_starts_from_the_word_found(open_window, qtbot, data_dir):
    window = _searched(open_window, qtbot, data_dir, "四半期")
    assert window.marker.marked() == "四半期"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_H, CTRL)  # as in Word: 検索 then 置換
    dialog = window.replace_dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.find_field.text() == "四半期"
    assert dialog.preview.topLevelItemCount() > 0


def test_ctrl_z_in_the_replace_dialog_after_replacing_undoes_the_replacement_as_it_says(open_window, qtbot, data_dir):
    write_plan(data_dir, goals=2)
    window = open_window(size=(1366, 768))
    qtbot.keyClick(window.panes.tree, Qt.Key.Key_H, CTRL)
    dialog = window.replace_dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    type_text(qtbot, dialog.find_field, "手続")
    qtbot.keyClick(dialog.find_field, Qt.Key.Key_Return)
    type_text(qtbot, dialog.replace_field, "てつづき")
    qtbot.keyClick(dialog.replace_field, Qt.Key.Key_Return)
    assert "Ctrl+Z" in dialog.summary.text() and "てつづき" in stored_plan(data_dir).goals[0].indicator
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL)  # the focus is still in 置換後
    plan = stored_plan(data_dir)
    assert "てつづき" not in plan.goals[0].indicator and "手続" in plan.goals[0].indicator
    assert dialog.replace_field.text() == "てつづき"  # the words stay, ready to try again
    assert dialog.replace_button.isEnabled()
    type_text(qtbot, dialog.replace_field, "x")
    qtbot.keyClick(dialog.replace_field, Qt.Key.Key_Z, CTRL)  # typing in the dialog: its own undo again
    assert "x" not in dialog.replace_field.text()
    assert window.statusBar().currentMessage() == "元に戻しました: 置換（「手続」→「てつづき」）"  # no second plan undo


def test_search_results_follow_a_replacement_instead_of_listing_words_no_longer_there(open_window, qtbot, data_dir):
    window = _searched(open_window, qtbot, data_dir, "四半期")
    panel = window.panes.search_panel
    assert panel.results.count() > 0
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_H, CTRL)
    dialog = window.replace_dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.find_field, Qt.Key.Key_Return)
    type_text(qtbot, dialog.replace_field, "3か月")
    qtbot.keyClick(dialog.replace_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.results.count() == 0)
    assert "見つかりませんでした" in panel.status.text()
    dialog.close()
    window.actions.undo.trigger()  # the words come back, and so do the hits
    assert "四半期" in stored_plan(data_dir).goals[0].schedule
    qtbot.waitUntil(lambda: panel.results.count() > 0)


def _searched(open_window, qtbot, data_dir, word: str):
    """A window on a two-goal plan in which the user has searched ``word`` (Ctrl+F, typed, Enter)."""
    write_plan(data_dir, goals=2)
    window = open_window(size=(1366, 768))
    qtbot.keyClick(window.panes.tree, Qt.Key.Key_F, CTRL)
    type_text(qtbot, window.panes.search_panel.field, word)
    qtbot.keyClick(window.panes.search_panel.field, Qt.Key.Key_Return)
    return window


def test_a_field_found_twice_is_its_own_row_and_both_places_are_marked(open_window, qtbot, data_dir, session):
    """「防災」 in a goal's title and twice in its スケジュール: the schedule is a row of its own (2か所), and
    going there marks both places, not only the first."""
    editor = session.editor(2024, "政策部")
    goal = editor.add_goal().select
    editor.set_goal_field(goal, "title", "防災訓練の実施")
    editor.set_goal_field(goal, "schedule", "6月 防災マップ改定\n9月 総合防災訓練")
    session.close()
    window = open_window(size=(1366, 768))
    qtbot.keyClick(window.panes.tree, Qt.Key.Key_F, CTRL)
    panel = window.panes.search_panel
    type_text(qtbot, panel.field, "防災")
    qtbot.waitUntil(lambda: panel.results.count() > 0)
    rows = [panel.results.item(n).data(Qt.ItemDataRole.AccessibleTextRole) for n in range(panel.results.count())]
    ours = [row for row in rows if row.startswith("令和6年度 政策部 目標1 ")]
    assert [row.split(":")[0] for row in ours] == ["令和6年度 政策部 目標1 目標", "令和6年度 政策部 目標1 スケジュール（2か所）"]
    panel.results.setFocus()
    panel.results.setCurrentRow(rows.index(ours[1]))
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    field = window.panes.goal_editor.fields["schedule"]
    marked = [(mark.cursor.selectionStart(), mark.cursor.selectedText()) for mark in field.extraSelections()]
    assert marked == [(3, "防災"), (16, "防災")]
    assert "件の欄で見つかりました" in panel.status.text()


def test_the_search_tab_is_made_when_first_reached_and_ctrl_f_types_into_it_at_once(open_window, qtbot, data_dir):
    write_plan(data_dir, goals=3)
    window = open_window(size=(1366, 768))
    search_tab = window.panes.side_tabs.widget(1)
    assert not search_tab.findChildren(QLineEdit)  # start-up made nothing of the tab the first screen does not show
    qtbot.keyClick(window.panes.tree, Qt.Key.Key_F, CTRL)
    field = QApplication.focusWidget()
    assert isinstance(field, QLineEdit) and search_tab.isAncestorOf(field) and field.isVisible()
    type_text(qtbot, field, "四半期")  # the first keys after Ctrl+F land in the search field
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.panes.goal_editor.goal_id is not None
    assert window.marker.marked() == "四半期"
