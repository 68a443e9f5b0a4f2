"""ファイル → バックアップから復元, and 編集 → 取り込む前に戻す after each kind of import."""

from hoshin_desktop.services.plan_files import plan_to_dict
from hoshin_desktop.storage import backups
from hoshin_desktop.ui import alerts as alerts_module
from hoshin_desktop.ui.restore_dialog import RestoreDialog

from .helpers import stored_plan

NEXT_YEAR = "令和7年3月21日\n令和7年度市政運営の基本方針\n国分寺市長 井澤邦夫\n前文。\n記\n1 方針\n(1) 第一の項目。\n(2) 第二の項目。\n"


def test_policy_import_can_be_undone(open_window, alerts, tmp_path, data_dir):
    source = tmp_path / "r7.txt"
    source.write_text(NEXT_YEAR, encoding="utf-8")
    window = open_window()
    assert not window.actions.undo_import.isEnabled()
    alerts.answers["open_path"] = [source]
    window.actions.import_policy.trigger()
    assert window.session.fiscal_years() == [2024, 2025]
    assert window.actions.undo_import.isEnabled() and "令和7年度の基本方針" in window.actions.undo_import.text()
    alerts.answers["ask_yes_no"] = [True]
    window.actions.undo_import.trigger()
    assert window.session.fiscal_years() == [2024]
    assert window.editor.plan.fiscal_year == 2024 and not window.actions.undo_import.isEnabled()
    assert [b.reason for b in backups.list_backups(data_dir)][:2] == ["before-restore", "before-import"]
    assert 2025 in backups.contents(backups.list_backups(data_dir)[0].path).years  # going back is undoable too


def test_plan_file_import_can_be_undone(open_window, alerts, tmp_path, data_dir):
    window = open_window()
    window.add_goal()
    window.editor.set_goal_field(window.editor.plan.goals[0].id, "title", "取り込む前の目標")
    data = plan_to_dict(window.editor.plan)
    data["goals"][0]["title"] = "ファイルの目標"
    source = tmp_path / "plan.json"
    import json

    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    alerts.answers["open_path"] = [source]
    alerts.answers["ask_yes_no"] = [True]  # replace the plan
    window.actions.import_file.trigger()
    assert window.editor.plan.goals[0].title == "ファイルの目標"
    alerts.answers["ask_yes_no"] = [True]
    window.actions.undo_import.trigger()
    assert window.editor.plan.goals[0].title == "取り込む前の目標"
    assert stored_plan(data_dir).goals[0].title == "取り込む前の目標"


def test_going_back_uses_the_backup_the_import_took_not_the_newest(open_window, alerts, tmp_path, monkeypatch):
    """Another 「取り込みの前」 backup taken after the import (by another window's import, say) is not the one."""
    import json

    from hoshin_desktop.services import plan_files

    window = open_window()
    real = plan_files.import_plan

    def import_then_another_backup(session, *args, **kwargs):
        result = real(session, *args, **kwargs)
        session.backup("before-import")
        return result

    monkeypatch.setattr(plan_files, "import_plan", import_then_another_backup)
    source = tmp_path / "plan.json"
    source.write_text(json.dumps(plan_to_dict(window.editor.plan), ensure_ascii=False), encoding="utf-8")
    alerts.answers["open_path"] = [source]
    window.actions.import_file.trigger()
    newest = [b for b in backups.list_backups(window.session.data_dir) if b.reason == "before-import"][0].path
    assert window.last_import.before.backup == window.workspace.imported.backup != newest


def backups_with_two_versions(window, data_dir):
    editor = window.editor
    window.add_goal()
    editor.set_goal_field(editor.plan.goals[0].id, "title", "朝の目標")
    morning = window.session.backup("periodic")
    window.add_goal()
    editor.set_goal_field(editor.plan.goals[0].id, "title", "昼の目標")
    window.session.backup("periodic")
    return morning


def test_restore_dialog_lists_previews_and_restores(open_window, alerts, data_dir, monkeypatch, qtbot):
    window = open_window()
    morning = backups_with_two_versions(window, data_dir)
    shown = []

    def run_dialog(dialog):
        shown.append(dialog)
        assert dialog.table.rowCount() == 2
        assert dialog.table.item(0, 1).text() == "編集中（定期）"
        assert "令和6年度" in dialog.table.item(0, 2).text() and "目標 2" in dialog.table.item(0, 2).text()
        dialog.table.selectRow(1)
        assert dialog.plans.currentText() == "令和6年度 政策部"
        assert "朝の目標" in dialog.preview.toPlainText()
        return True

    monkeypatch.setattr(alerts_module, "run_dialog", run_dialog)
    alerts.answers["ask_yes_no"] = [True]
    window.actions.restore.trigger()
    assert shown and [g.title for g in window.editor.plan.goals] == ["朝の目標"]
    assert [g.title for g in stored_plan(data_dir).goals] == ["朝の目標"]
    newest = backups.list_backups(data_dir)[0]
    assert newest.reason == "before-restore" and backups.contents(newest.path).goals == 2
    assert morning.exists()


def test_restore_declined_changes_nothing(open_window, alerts, data_dir, monkeypatch):
    window = open_window()
    backups_with_two_versions(window, data_dir)
    monkeypatch.setattr(alerts_module, "run_dialog", lambda dialog: dialog.table.selectRow(1) or True)
    alerts.answers["ask_yes_no"] = [False]
    window.actions.restore.trigger()
    assert [g.title for g in stored_plan(data_dir).goals] == ["昼の目標", ""]


def test_dialog_with_no_backups(qtbot, data_dir):
    dialog = RestoreDialog(None, data_dir)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0 and not dialog.restore_button.isEnabled()
    assert "まだありません" in dialog.preview.toPlainText()


def test_a_backups_plan_numbers_its_goals_as_the_paper_does():
    from hoshin_desktop.domain.models import Goal, Plan
    from hoshin_desktop.domain.numbering import goal_numbers
    from hoshin_desktop.ui.restore_dialog import plan_html

    plan = Plan(2024, "政策部")
    plan.goals = [Goal(title="三の一の目標", directives=["3(1)"], id=1),  # written first, printed second
                  Goal(title="一の二の目標", directives=["1(2)"], id=2),
                  Goal(title="課の目標", parent=2, id=3)]
    assert goal_numbers(plan) == {2: "1", 3: "1-1", 1: "2"}
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.setHtml(plan_html(plan))
    lines = [line.strip() for line in document.toPlainText().splitlines() if "目標" in line and "件" not in line]
    assert lines == ["No.1 一の二の目標", "No.1-1 課の目標", "No.2 三の一の目標"]


def test_the_restore_list_shows_every_cell_whole_in_the_apps_date_form_and_the_status_says_it_once(
        open_window, alerts, data_dir, monkeypatch, qtbot, tmp_path):
    """A backup of three years: its 中身 wraps instead of being cut off; dates read 令和…; the status after
    restoring has no parentheses inside parentheses."""
    import re

    from PySide6.QtCore import Qt as QtCore_Qt

    from hoshin_desktop.services.policy_import import import_policy

    from ..policy_variants import render, title

    window = open_window(size=(1366, 705))
    for year in ("令和7", "令和8"):  # three years of policies in the data: a long 中身
        source = tmp_path / f"{year}.txt"
        source.write_text(render(year, [(title(1), ["1(1)", "1(2)"])]), encoding="utf-8")
        import_policy(window.session, source)
    window.add_goal()
    window.session.backup("periodic")

    def look(dialog):
        dialog.resize(1366 - 60, 705 - 60)
        dialog.show()
        qtbot.waitExposed(dialog)
        table = dialog.table
        for row in range(table.rowCount()):
            assert re.match(r"令和\d+年\d+月\d+日 \d\d:\d\d:\d\d$", table.item(row, 0).text())
            for column in range(table.columnCount()):
                item = table.item(row, column)
                rect = table.visualItemRect(item).adjusted(3, 0, -3, 0)
                needed = table.fontMetrics().boundingRect(rect, int(QtCore_Qt.TextFlag.TextWordWrap), item.text())
                assert needed.width() <= rect.width() and needed.height() <= rect.height(), item.text()
        assert "令和6年度・令和7年度・令和8年度" in table.item(0, 2).text()
        return True

    monkeypatch.setattr(alerts_module, "run_dialog", look)
    alerts.answers["ask_yes_no"] = [True]
    window.actions.restore.trigger()
    [(_kind, _title, question)] = alerts.messages("ask_yes_no")
    assert re.search(r"令和\d+年\d+月\d+日 \d\d:\d\d のバックアップ", question)
    status = window.statusBar().currentMessage()
    assert re.match(r"令和\d+年\d+月\d+日 \d\d:\d\d:\d\d のバックアップ「編集中（定期）」に戻しました", status), status
    assert "））" not in status
