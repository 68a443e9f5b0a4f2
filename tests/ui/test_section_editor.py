"""編集 → この部の課の一覧を編集: add, rename, reorder, remove; touched goals named and asked; one undo step."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from hoshin_desktop.domain.models import removed_names
from hoshin_desktop.ui.name_list_editor import NameListEditor

from .helpers import drive_list_editor as drive
from .helpers import rename_row as rename
from .helpers import stored_plan


@pytest.fixture
def window_with_goals(open_window):
    window = open_window()
    editor = window.editor
    names = [s.name for s in editor.department.sections]
    first = editor.add_goal().select
    editor.set_goal_field(first, "title", "防災訓練")
    editor.set_owner_sections(first, names[:2])
    second = editor.add_goal().select
    editor.set_goal_field(second, "title", "広報")
    editor.set_owner_sections(second, [names[1]])
    window.show_change(window.workspace.reload())
    return window, names


def test_rename_updates_goals_after_asking_and_undoes_in_one_step(window_with_goals, alerts, monkeypatch, data_dir):
    window, names = window_with_goals
    drive(monkeypatch, lambda d: rename(d, 1, "新しい名前の課"))
    alerts.answers["ask_yes_no"] = [True]
    window.actions.sections.trigger()
    [(_kind, title, text)] = alerts.messages("ask_yes_no")
    assert title == "目標の担当課が変わります"
    assert "No.1「防災訓練」" in text and "No.2「広報」" in text and f"「{names[1]}」を「新しい名前の課」" in text
    goals = stored_plan(data_dir).goals
    assert goals[0].owner_sections == [names[0], "新しい名前の課"] and goals[1].owner_sections == ["新しい名前の課"]
    assert [s.name for s in window.editor.department.sections][1] == "新しい名前の課"
    assert window.editor.undo_label == "課の一覧の変更"
    window.actions.undo.trigger()
    assert [s.name for s in window.editor.department.sections] == names
    assert stored_plan(data_dir).goals[1].owner_sections == [names[1]]
    window.actions.redo.trigger()
    assert stored_plan(data_dir).goals[1].owner_sections == ["新しい名前の課"]


def test_removing_a_used_section_names_the_goals_and_can_be_declined(window_with_goals, alerts, monkeypatch, data_dir):
    window, names = window_with_goals

    def remove_second(dialog):
        dialog.list.setCurrentRow(1)
        dialog.remove_button.click()

    drive(monkeypatch, remove_second)
    alerts.answers["ask_yes_no"] = [False]
    window.actions.sections.trigger()
    [(_kind, _title, text)] = alerts.messages("ask_yes_no")
    assert f"担当課から「{names[1]}」を外します" in text and "防災訓練" in text and "広報" in text
    assert [s.name for s in window.editor.department.sections] == names  # declined: nothing changed
    assert stored_plan(data_dir).goals[1].owner_sections == [names[1]]

    alerts.answers["ask_yes_no"] = [True]
    window.actions.sections.trigger()
    assert names[1] not in [s.name for s in window.editor.department.sections]
    assert stored_plan(data_dir).goals[1].owner_sections == []
    window.actions.undo.trigger()
    assert [s.name for s in window.editor.department.sections] == names
    assert stored_plan(data_dir).goals[0].owner_sections == names[:2]


def test_add_and_reorder_need_no_question(window_with_goals, alerts, monkeypatch):
    window, names = window_with_goals

    def add_and_move(dialog):
        dialog.list.setCurrentRow(0)
        item = dialog.add_name()
        item.setText("防災課")
        dialog.up_button.click()

    drive(monkeypatch, add_and_move)
    window.actions.sections.trigger()
    assert alerts.messages("ask_yes_no") == []
    assert [s.name for s in window.editor.department.sections] == ["防災課"] + names


def test_typing_a_name_never_replaces_the_list(qtbot):
    """The old text box had the whole list selected: typing one name replaced every 課."""
    dialog = NameListEditor(None, "課", "", ["総務課", "財政課"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.list, "jinjika")  # QTest types Latin-1 only; an IME would commit 人事課 the same way
    assert dialog.names() == ["総務課", "財政課"]


def test_blank_and_repeated_names_are_refused_in_the_dialog(qtbot):
    dialog = NameListEditor(None, "課", "", ["総務課", "財政課"])
    qtbot.addWidget(dialog)
    dialog.list.item(1).setText("総務課")
    assert "同じ名前" in dialog.problem.text()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.list.item(1).setText("  ")
    assert "空" in dialog.problem.text()
    dialog.remove_current() if dialog.list.currentRow() == 1 else (dialog.list.setCurrentRow(1), dialog.remove_current())
    assert dialog.problem.text() == "" and dialog.names() == ["総務課"]
    change = dialog.change()
    assert removed_names(dialog.original, change.names, change.renames) == ["財政課"]


def test_swapped_names_keep_each_goal_with_its_section(window_with_goals, alerts, monkeypatch, data_dir):
    window, names = window_with_goals

    def swap(dialog):
        rename(dialog, 0, names[1])
        rename(dialog, 1, names[0])

    drive(monkeypatch, swap)
    alerts.answers["ask_yes_no"] = [True]
    window.actions.sections.trigger()
    assert stored_plan(data_dir).goals[1].owner_sections == [names[0]]  # 広報's 課 now carries the other name


def test_a_fixed_plan_keeps_the_sections_its_goals_print(window_with_goals, alerts, monkeypatch, data_dir):
    """On a 確定 plan the dialog refuses removing a printed 課 in place; if it got through, the
    Workspace refuses it with the fixed plan's message; adding a 課 still works."""

    window, names = window_with_goals
    window.run_command(window.editor.fix)
    notices = []

    def try_to_remove(dialog):
        assert "太字の課は、確定した計画" in dialog.heading.text()
        dialog.list.setCurrentRow(0)
        dialog.remove_button.click()
        notices.append(dialog.notice.text())
        dialog.list.item(0).setText("名前を変えた課")  # as if the row could be edited after all

    drive(monkeypatch, try_to_remove)
    window.actions.sections.trigger()
    assert notices == [f"「{names[0]}」は削除できません。確定した計画（第1版）の目標の担当課として印刷されています。"
                       "変えるときは「確定を解除」を選びます。"]
    [(_kind, title, text)] = alerts.messages("warning")
    assert title == "この操作はできません" and f"課「{names[0]}」は目標の担当課として印刷されるため" in text
    assert "確定を解除" in text and alerts.messages("ask_yes_no") == []
    assert [s.name for s in window.editor.department.sections] == names

    def add(dialog):
        dialog.list.setCurrentRow(len(names) - 1)
        dialog.add_name().setText("新設の課")

    drive(monkeypatch, add)
    window.actions.sections.trigger()
    assert [s.name for s in window.editor.department.sections] == names + ["新設の課"]
    assert "確定した計画の内容は変わりません" in window.statusBar().currentMessage()
    assert stored_plan(data_dir).goals[0].owner_sections == names[:2]


def test_delete_and_f2_work_from_the_keyboard(qtbot):
    dialog = NameListEditor(None, "部", "", ["政策部", "総務部", "福祉部"], {"政策部": "作成中の計画があります。"})
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.list.setFocus()
    dialog.list.setCurrentRow(1)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Delete)
    change = dialog.change()
    assert change.names == ["政策部", "福祉部"] and removed_names(dialog.original, change.names, change.renames) == ["総務部"]
    dialog.list.setCurrentRow(0)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Delete)
    assert dialog.names() == ["政策部", "福祉部"] and dialog.notice.text() == "「政策部」は削除できません。作成中の計画があります。"
    qtbot.keyClick(dialog.list, Qt.Key.Key_F2)
    assert dialog.notice.text() == "「政策部」の名前は変えられません。作成中の計画があります。"
    dialog.list.setCurrentRow(1)
    qtbot.keyClick(dialog.list, Qt.Key.Key_F2)
    editor = dialog.list.findChild(QLineEdit)
    assert editor is not None and editor.hasFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, "fukushi")
    qtbot.keyClick(editor, Qt.Key.Key_Delete)  # in the name being typed: the character, not the row
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Qt commits the typed name on its next turn of the event loop
    qtbot.waitUntil(lambda: dialog.names() == ["政策部", "fukushi"])
    assert dialog.change().renames == {"福祉部": "fukushi"}
