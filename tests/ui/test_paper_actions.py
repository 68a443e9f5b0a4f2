"""Word habits in the window: 提出前の確認 (F7) jumps to its place, Ctrl+S, Ctrl+F2, the export ledger, Wordで印刷."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from hoshin_desktop.services import word
from hoshin_desktop.services.plan_files import PlanFile, import_plan
from hoshin_desktop.services.session import Session
from hoshin_desktop.ui import paper_actions

from ..export.conftest import sample_plan


def stored_sample(data_dir):
    session = Session.open(data_dir)
    plan = sample_plan()
    plan.signers[1].name = ""
    import_plan(session, PlanFile(plan))
    session.close()


def test_the_check_panel_lists_findings_and_jumps_to_the_goal_field(open_window, qtbot, data_dir):
    stored_sample(data_dir)
    window = open_window()
    window.open_plan(2024, "政策部")
    window.paper.check.trigger()
    panel = window.paper.panel
    assert panel.isVisible()
    items = [panel.findings.list.item(i) for i in range(panel.findings.list.count())]
    texts = [item.text() for item in items]
    assert any("政策部担当部長" in t for t in texts)
    target = next(item for item in items if "「目標値」" in item.text())
    panel.findings.list.itemActivated.emit(target)
    goal = window.editor.plan.goal(window._goal_id)
    assert goal.title == "まだ関連付けていない目標"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.panes.goal_editor.fields["target"])


def test_a_signer_finding_opens_the_cover_at_the_name(open_window, qtbot, data_dir):
    stored_sample(data_dir)
    window = open_window()
    window.open_plan(2024, "政策部")
    window.paper.check.trigger()
    panel = window.paper.panel
    item = next(panel.findings.list.item(i) for i in range(panel.findings.list.count())
                if "政策部担当部長" in panel.findings.list.item(i).text())
    panel.findings.list.itemActivated.emit(item)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.panes.header.signers.fields()[3])


def test_keys_and_the_toolbar_button(open_window, qtbot, data_dir):
    window = open_window()
    assert window.paper.check.shortcut() == QKeySequence("F7")
    assert window.actions.preview.shortcut() == QKeySequence("Ctrl+F2")
    assert window.paper.tool_preview in window.toolbar.bar.actions()
    window.add_goal()
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("自動で保存されています（最終保存 "))
    assert "まだありません" not in window.statusBar().currentMessage()


def test_the_export_ledger_lists_what_was_exported(open_window, qtbot, data_dir, tmp_path, monkeypatch):
    from hoshin_desktop.app import main

    stored_sample(data_dir)
    target = tmp_path / "plan.pdf"
    assert main(["--data-dir", str(data_dir), "export-pdf", "--year", "2024", "--department", "政策部",
                 "--out", str(target)]) == 0
    window = open_window()
    window.open_plan(2024, "政策部")
    shown = []

    def look(dialog) -> bool:
        shown.append([dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())])
        return True

    monkeypatch.setattr(paper_actions.alerts, "run_dialog", look)
    window.paper.ledger.trigger()
    kind, revision, fingerprint, path = shown[0][1], shown[0][2], shown[0][4], shown[0][5]
    assert (kind, revision, path) == ("PDF", "第2版", str(target))
    assert len(fingerprint) == 8


def test_print_with_word_uses_the_shell_print_verb(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(os, "startfile", lambda *args: calls.append(args), raising=False)
    word.print_with_word(tmp_path / "plan.docx")
    assert calls == [(str(tmp_path / "plan.docx"), "print")]


def test_print_with_word_is_offered_only_for_a_docx_on_windows(monkeypatch):
    assert not word.can_print_with_word(Path("plan.pdf"))
    monkeypatch.setattr(word.sys, "platform", "linux")
    assert not word.can_print_with_word(Path("plan.docx"))


def test_after_an_export_word_opens_or_prints_it(qapp, alerts, monkeypatch, tmp_path):
    from hoshin_desktop.ui import export_actions

    opened, printed = [], []
    monkeypatch.setattr(export_actions.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    monkeypatch.setattr(word, "can_print_with_word", lambda path: True)
    monkeypatch.setattr(word, "print_with_word", lambda path: printed.append(path))
    path = tmp_path / "plan.docx"
    alerts.answers["choose"] = [0, 2]
    export_actions._offer_to_open(None, path)
    export_actions._offer_to_open(None, path)
    assert opened == [str(path)] and printed == [path]
    assert alerts.messages("choose")[0][0] == "choose"
    assert [c for c in alerts.calls if c[0] == "choose"][0][1] == "書き出しました"


def test_enter_in_the_check_before_printing_goes_on_as_its_default_button_says(open_window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from hoshin_desktop.ui import submission_panel

    window = open_window()
    window.add_goal()  # an empty goal: the check finds something and asks
    seen = []

    def press_enter(dialog) -> bool:
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is dialog)
        seen.append(dialog.go_on.isDefault())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(submission_panel.alerts, "run_dialog", press_enter)
    assert submission_panel.confirm_before_output(window, window.editor.plan, window.editor.policy, "このまま印刷する")
    assert seen == [True]
