"""編集 → この年度の部の一覧を編集: a list editor like the 課 one; a 部 with a plan stays; the chooser follows."""

from hoshin_desktop.services.session import Session

from .helpers import drive_list_editor, rename_row


def chooser(window):
    return [window.toolbar.dept_combo.itemText(i) for i in range(window.toolbar.dept_combo.count())]


def sections(data_dir, department):
    session = Session.open(data_dir)
    try:
        return [s.name for s in session.department(2024, department).sections]
    finally:
        session.close()


def test_adding_and_moving_a_department_needs_no_question(open_window, alerts, monkeypatch):
    window = open_window()
    before = chooser(window)

    def add_on_top(dialog):
        dialog.list.setCurrentRow(0)
        dialog.add_name().setText("デジタル推進部")
        dialog.up_button.click()

    drive_list_editor(monkeypatch, add_on_top)
    window.actions.departments.trigger()
    assert chooser(window) == ["デジタル推進部"] + before
    assert window.toolbar.dept_combo.currentText() == "政策部" and window.editor.plan.department == "政策部"
    assert alerts.calls == []


def test_a_renamed_department_keeps_its_sections_after_the_question(open_window, alerts, monkeypatch, data_dir):
    window = open_window()
    row = chooser(window).index("総務部")
    kept = sections(data_dir, "総務部")
    assert kept  # the bundled list has 課 for 総務部
    drive_list_editor(monkeypatch, lambda d: rename_row(d, row, "総務管理部"))
    alerts.answers["ask_yes_no"] = [True]
    window.actions.departments.trigger()
    [(_kind, title, text)] = alerts.messages("ask_yes_no")
    assert title == "部の一覧を変更しますか"
    assert "「総務部」を「総務管理部」に変えます（課の一覧はそのまま引き継ぎます）" in text and "元に戻す" in text
    assert chooser(window)[row] == "総務管理部" and "総務部" not in chooser(window)
    assert sections(data_dir, "総務管理部") == kept


def test_removing_a_department_says_what_goes_and_can_be_declined(open_window, alerts, monkeypatch, data_dir):
    window = open_window()
    before = chooser(window)
    row = before.index("総務部")
    count = len(sections(data_dir, "総務部"))

    def remove(dialog):
        dialog.list.setCurrentRow(row)
        dialog.remove_button.click()

    drive_list_editor(monkeypatch, remove)
    alerts.answers["ask_yes_no"] = [False]
    window.actions.departments.trigger()
    [(_kind, _title, text)] = alerts.messages("ask_yes_no")
    assert f"「総務部」を一覧から外します（この部の課 {count}件も消えます）" in text
    assert chooser(window) == before  # declined: nothing changed

    alerts.answers["ask_yes_no"] = [True]
    window.actions.departments.trigger()
    assert chooser(window) == [n for n in before if n != "総務部"]


def test_cancel_changes_nothing(open_window, alerts, monkeypatch, data_dir):
    window = open_window()
    before = chooser(window)

    def edit_then_cancel(dialog):
        rename_row(dialog, 1, "別の名前")
        dialog.list.setCurrentRow(2)
        dialog.remove_button.click()
        dialog.add_name().setText("新設部")

    drive_list_editor(monkeypatch, edit_then_cancel, button="Cancel")
    window.actions.departments.trigger()
    assert chooser(window) == before and alerts.calls == []
    session = Session.open(data_dir)
    assert [d.name for d in session.departments(2024)] == before
    session.close()


def test_a_department_with_a_plan_can_be_moved_but_not_removed_or_renamed(open_window, alerts, monkeypatch):
    window = open_window()
    window.add_goal()  # 政策部 now has a plan
    before = chooser(window)
    row = before.index("政策部")
    notices = []

    def try_everything(dialog):
        held = dialog.list.item(row)
        assert held.font().bold() and "作成中の計画" in held.toolTip()
        dialog.list.setCurrentRow(row)
        dialog.remove_button.click()
        notices.append(dialog.notice.text())
        dialog.rename_button.click()
        notices.append(dialog.notice.text())
        dialog.down_button.click()

    drive_list_editor(monkeypatch, try_everything)
    window.actions.departments.trigger()
    assert notices == ["「政策部」は削除できません。作成中の計画があります。計画のある部の組織を変えるときは、新しい年度で行います。",
                       "「政策部」の名前は変えられません。作成中の計画があります。計画のある部の組織を変えるときは、新しい年度で行います。"]
    after = chooser(window)
    assert after.index("政策部") == row + 1 and sorted(after) == sorted(before)
    assert alerts.calls == []


def test_a_plan_started_while_the_dialog_was_open_is_refused_with_a_message(open_window, alerts, monkeypatch, data_dir):
    """What storage refuses (a 部 that has a plan by the time OK is pressed) is said, and nothing changes."""
    window = open_window()
    before = chooser(window)
    row = before.index("総務部")

    def remove_while_a_plan_starts(dialog):
        dialog.list.setCurrentRow(row)
        dialog.remove_button.click()
        window.session.editor(2024, "総務部").add_goal()

    drive_list_editor(monkeypatch, remove_while_a_plan_starts)
    window.actions.departments.trigger()
    [(_kind, title, text)] = alerts.messages("warning")  # refused, as every operation the window runs
    assert title == "部の一覧を変更できません" and "「総務部」には作成中の計画がある" in text
    assert chooser(window) == before


def test_the_chooser_says_a_plan_exists_after_importing_one_for_the_department_shown(open_window, alerts, tmp_path):
    import json

    from PySide6.QtCore import Qt

    from hoshin_desktop.domain.models import Plan
    from hoshin_desktop.services.plan_files import plan_to_dict

    window = open_window()
    tip = lambda: window.toolbar.dept_combo.itemData(window.toolbar.dept_combo.currentIndex(), Qt.ItemDataRole.ToolTipRole)  # noqa: E731
    assert window.toolbar.dept_combo.currentText() == "政策部" and tip() == "未作成"
    source = tmp_path / "plan.json"
    source.write_text(json.dumps(plan_to_dict(Plan(2024, "政策部")), ensure_ascii=False), encoding="utf-8")
    alerts.answers["open_path"] = [source]
    window.actions.import_file.trigger()
    assert window.toolbar.dept_combo.currentText() == "政策部" and tip() == "作成中の計画があります"


def test_the_chooser_says_a_plan_exists_after_the_first_edit(open_window, qtbot):
    from PySide6.QtCore import Qt

    from .helpers import type_text, wait_saved

    window = open_window()
    tip = lambda: window.toolbar.dept_combo.itemData(window.toolbar.dept_combo.currentIndex(), Qt.ItemDataRole.ToolTipRole)  # noqa: E731
    assert tip() == "未作成"
    window.panes.answer_panel.answer.setFocus()
    type_text(qtbot, window.panes.answer_panel.answer, "部の方針")
    wait_saved(qtbot, window)
    assert window.editor.plan.id is not None and tip() == "作成中の計画があります"
