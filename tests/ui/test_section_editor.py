"""編集 → この部の課の一覧を編集: add, rename, reorder, remove; touched goals named and asked; one undo step."""

import pytest
from PySide6.QtCore import Qt

from hoshin_desktop.ui import alerts as alerts_module
from hoshin_desktop.ui.section_editor import SectionEditor

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
    window.reload_from_session()
    return window, names


def drive(monkeypatch, steps):
    """Run the dialog as a user would: ``steps(dialog)`` clicks and types, then OK."""
    seen = []

    def run_dialog(dialog):
        seen.append(dialog)
        steps(dialog)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(alerts_module, "run_dialog", run_dialog)
    return seen


def rename(dialog, row, text):
    dialog.list.setCurrentRow(row)
    dialog.rename_button.click()
    dialog.list.item(row).setText(text)


def test_rename_updates_goals_after_asking_and_undoes_in_one_step(window_with_goals, alerts, monkeypatch, data_dir):
    window, names = window_with_goals
    drive(monkeypatch, lambda d: rename(d, 1, "新しい名前の課"))
    alerts.answers["ask_yes_no"] = [True]
    window.act_sections.trigger()
    [(_kind, title, text)] = alerts.messages("ask_yes_no")
    assert title == "目標の担当課が変わります"
    assert "No.1「防災訓練」" in text and "No.2「広報」" in text and f"「{names[1]}」を「新しい名前の課」" in text
    goals = stored_plan(data_dir).goals
    assert goals[0].owner_sections == [names[0], "新しい名前の課"] and goals[1].owner_sections == ["新しい名前の課"]
    assert [s.name for s in window.editor.department.sections][1] == "新しい名前の課"
    assert window.editor.undo_label == "課の一覧の変更"
    window.act_undo.trigger()
    assert [s.name for s in window.editor.department.sections] == names
    assert stored_plan(data_dir).goals[1].owner_sections == [names[1]]
    window.act_redo.trigger()
    assert stored_plan(data_dir).goals[1].owner_sections == ["新しい名前の課"]


def test_removing_a_used_section_names_the_goals_and_can_be_declined(window_with_goals, alerts, monkeypatch, data_dir):
    window, names = window_with_goals

    def remove_second(dialog):
        dialog.list.setCurrentRow(1)
        dialog.remove_button.click()

    drive(monkeypatch, remove_second)
    alerts.answers["ask_yes_no"] = [False]
    window.act_sections.trigger()
    [(_kind, _title, text)] = alerts.messages("ask_yes_no")
    assert f"担当課から「{names[1]}」を外します" in text and "防災訓練" in text and "広報" in text
    assert [s.name for s in window.editor.department.sections] == names  # declined: nothing changed
    assert stored_plan(data_dir).goals[1].owner_sections == [names[1]]

    alerts.answers["ask_yes_no"] = [True]
    window.act_sections.trigger()
    assert names[1] not in [s.name for s in window.editor.department.sections]
    assert stored_plan(data_dir).goals[1].owner_sections == []
    window.act_undo.trigger()
    assert [s.name for s in window.editor.department.sections] == names
    assert stored_plan(data_dir).goals[0].owner_sections == names[:2]


def test_add_and_reorder_need_no_question(window_with_goals, alerts, monkeypatch):
    window, names = window_with_goals

    def add_and_move(dialog):
        dialog.list.setCurrentRow(0)
        item = dialog.add_section()
        item.setText("防災課")
        dialog.up_button.click()

    drive(monkeypatch, add_and_move)
    window.act_sections.trigger()
    assert alerts.messages("ask_yes_no") == []
    assert [s.name for s in window.editor.department.sections] == ["防災課"] + names


def test_typing_a_name_never_replaces_the_list(qtbot):
    """The old text box had the whole list selected: typing one name replaced every 課."""
    dialog = SectionEditor(None, "", ["総務課", "財政課"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.list, "jinjika")  # QTest types Latin-1 only; an IME would commit 人事課 the same way
    assert dialog.names() == ["総務課", "財政課"]


def test_blank_and_repeated_names_are_refused_in_the_dialog(qtbot):
    dialog = SectionEditor(None, "", ["総務課", "財政課"])
    qtbot.addWidget(dialog)
    dialog.list.item(1).setText("総務課")
    assert "同じ名前" in dialog.problem.text()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.list.item(1).setText("  ")
    assert "空" in dialog.problem.text()
    dialog.remove_current() if dialog.list.currentRow() == 1 else (dialog.list.setCurrentRow(1), dialog.remove_current())
    assert dialog.problem.text() == "" and dialog.names() == ["総務課"]
    assert dialog.change().removed == ["財政課"]


def test_swapped_names_keep_each_goal_with_its_section(window_with_goals, alerts, monkeypatch, data_dir):
    window, names = window_with_goals

    def swap(dialog):
        rename(dialog, 0, names[1])
        rename(dialog, 1, names[0])

    drive(monkeypatch, swap)
    alerts.answers["ask_yes_no"] = [True]
    window.act_sections.trigger()
    assert stored_plan(data_dir).goals[1].owner_sections == [names[0]]  # 広報's 課 now carries the other name
