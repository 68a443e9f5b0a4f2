"""ファイル → Word 文書から取り込み: a clerk's Word file becomes the department's draft, checked first, undoable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from hoshin_desktop.ui import alerts as alerts_module

from ..word_files import clerk_plan, policy_of, table_file
from .helpers import stored_plan


def _drive(monkeypatch, steps):
    """Run the next Word import dialog as a user would: ``steps(dialog)``, then 「取り込む」 if it is enabled."""
    seen = []

    def run_dialog(dialog):
        seen.append(dialog)
        steps(dialog)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok.isEnabled():
            ok.click()
        else:
            dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(alerts_module, "run_dialog", run_dialog)
    return seen


def test_a_clerks_file_becomes_the_draft_with_the_proposals_ticked(open_window, alerts, monkeypatch, qtbot, data_dir,
                                                                 tmp_path):
    path = clerk_plan(tmp_path / "政策部_運営方針.docx", policy_of(data_dir))
    alerts.answers["open_path"] = [path]

    def tick_first(dialog):
        assert dialog.department.currentText() == "政策部" and "目標4件" in dialog.summary.text()
        assert "＊数値は令和5年度末の見込み" in dialog.findings.toPlainText()
        table = dialog.proposals
        row = next(r for r in range(table.rowCount()) if table.item(r, 2).text() == "記念事業の実施")
        table.setFocus()
        table.setCurrentCell(row, 0)
        qtbot.keyClick(table.viewport(), Qt.Key.Key_Space)

    window = open_window()
    shown = _drive(monkeypatch, tick_first)
    window.adoption.import_word.trigger()
    assert len(shown) == 1 and alerts.messages("error") == []
    stored = stored_plan(data_dir)
    pins = {goal.title: goal.directives for goal in stored.goals}
    assert pins == {"記念事業の実施": ["1(1)"], "記念誌の発行": [], "行政手続のオンライン化": [], "新庁舎での文書管理の見直し": []}
    assert [s.name for s in stored.signers] == ["山田\u3000太郎", "鈴木花子"]
    assert window.toolbar.dept_combo.currentText() == "政策部"
    assert window.actions.undo.text() == "元に戻す: Word 文書からの取り込み"
    window.actions.undo.trigger()
    again = stored_plan(data_dir)
    assert again is None or again.goals == []


def test_a_file_without_a_title_asks_for_the_department(open_window, alerts, monkeypatch, data_dir, tmp_path):
    path = table_file(tmp_path / "目標.docx", [("No.", "目標", "担当課"), ("1", "窓口の待ち時間の短縮", "防災安全課")])
    alerts.answers["open_path"] = [path]

    def choose(dialog):
        assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        assert "部を選んで" in dialog.summary.text()
        dialog.department.setCurrentIndex(dialog.department.findText("総務部"))

    window = open_window()
    _drive(monkeypatch, choose)
    window.adoption.import_word.trigger()
    stored = stored_plan(data_dir, department="総務部")
    assert [(g.title, g.owner_sections) for g in stored.goals] == [("窓口の待ち時間の短縮", ["防災安全課"])]
    assert window.toolbar.dept_combo.currentText() == "総務部"


def test_replacing_a_plan_asks_and_no_changes_nothing(open_window, alerts, monkeypatch, data_dir, tmp_path):
    path = clerk_plan(tmp_path / "政策部.docx", policy_of(data_dir))
    window = open_window()
    window.editor.set_preamble("今の前文")
    alerts.answers["open_path"] = [path]
    alerts.answers["ask_yes_no"] = [False]
    _drive(monkeypatch, lambda dialog: None)
    window.adoption.import_word.trigger()
    [(_kind, title, text)] = alerts.messages("ask_yes_no")
    assert title == "Word 文書から取り込みますか" and "置き換えます" in text
    assert stored_plan(data_dir).preamble == "今の前文"


def test_a_pdf_is_refused_and_nothing_changes(open_window, alerts, data_dir, tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes(b"%PDF-1.7\n")
    alerts.answers["open_path"] = [path]
    window = open_window()
    window.adoption.import_word.trigger()
    [(_kind, title, text)] = alerts.messages("error")
    assert title == "Word 文書を取り込めません" and "PDF" in text and "何も変更していません" in text
    assert stored_plan(data_dir) is None
