"""The ファイル menu's export commands, driven like a user: options, file dialogs, progress, ways out.

File and message dialogs are scripted through the ``alerts`` fixture of tests/ui; the options,
print and preview dialogs through ``alerts.run_dialog``, which the tests replace with a user who
clicks in the real dialog.
"""

from __future__ import annotations

import errno
import json
import threading
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QDialogButtonBox, QProgressDialog, QPushButton, QWidget

from hoshin_desktop.domain.models import Plan
from hoshin_desktop.export import atomic
from hoshin_desktop.export.nobreak import unheld
from hoshin_desktop.services.plan_files import PlanFile, export_plan_file, import_plan, plan_to_dict
from hoshin_desktop.services.workspace import Workspace
from hoshin_desktop.ui import alerts as alerts_module
from hoshin_desktop.ui import export_actions, folders
from hoshin_desktop.ui.export_actions import ExportOptionsDialog, run_with_progress
from tests.export.conftest import sample_plan

DOCX_NAME = "令和6年度_政策部_運営方針・組織目標.docx"
REAL_CHOOSE = alerts_module.choose  # the one the alerts fixture replaces


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def editor(session):
    import_plan(session, PlanFile(sample_plan()))
    return session.editor(2024, "政策部")


@pytest.fixture
def user(qtbot, monkeypatch):
    """Stands at the options/print/preview dialogs: does ``user.actions[kind]`` there, then presses OK."""
    class User:
        def __init__(self):
            self.actions: dict[type, list] = {}
            self.seen: list = []
            self.target: Path | None = None  # typed into the export dialog's 保存先
            self.suggested: list[str] = []  # what the export dialog offered as 保存先

        def answer(self, dialog) -> bool:
            self.seen.append(dialog)
            dialog.show()
            qtbot.waitExposed(dialog)
            if isinstance(dialog, ExportOptionsDialog) and hasattr(dialog, "target"):
                self.suggested.append(dialog.target.text())
                if self.target is not None:
                    dialog.target.setText(str(self.target))
            for kind, actions in self.actions.items():
                for action in actions if isinstance(dialog, kind) else ():
                    action(dialog)
            if isinstance(dialog, ExportOptionsDialog) and not dialog.isVisible():  # an action closed it
                return dialog.result() == dialog.DialogCode.Accepted
            if isinstance(dialog, ExportOptionsDialog):
                qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
                return dialog.result() == dialog.DialogCode.Accepted
            dialog.close()
            return True

    person = User()
    monkeypatch.setattr(alerts_module, "run_dialog", person.answer)
    return person


def test_options_dialog_is_driven_by_mouse_and_remembered(qtbot, parent, user):
    user.actions[ExportOptionsDialog] = [lambda d: qtbot.mouseClick(d.columns, Qt.MouseButton.LeftButton),
                                         lambda d: qtbot.mouseClick(d.bizud, Qt.MouseButton.LeftButton),
                                         lambda d: qtbot.mouseClick(d.review, Qt.MouseButton.LeftButton)]
    options = export_actions.ask_options(parent, "Word 文書として書き出す", "書き出す…")
    assert (options.layout, options.font, options.review_columns) == ("columns", "bizud", True)
    dialog = user.seen[0]
    assert not dialog.landscape.isEnabled()  # two columns are landscape anyway
    assert export_actions.saved_options() == options  # offered again next time
    user.actions.clear()
    assert export_actions.ask_options(parent, "PDF として書き出す", "書き出す…") == options


def test_direction_column_is_offered_off_and_remembered(qtbot, parent, user):
    assert not export_actions.saved_options().direction_column  # off until the drafter asks for it
    user.actions[ExportOptionsDialog] = [lambda d: qtbot.mouseClick(d.direction, Qt.MouseButton.LeftButton)]
    options = export_actions.ask_options(parent, "PDF として書き出す", "書き出す…")
    assert options.direction_column and not options.review_columns
    assert export_actions.saved_options().direction_column
    user.actions.clear()
    assert export_actions.ask_options(parent, "Word 文書として書き出す", "書き出す…").direction_column
    assert user.seen[-1].direction.isChecked()


def test_options_dialog_cancel(qtbot, parent, monkeypatch):
    def press_escape(dialog):
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(alerts_module, "run_dialog", press_escape)
    assert export_actions.ask_options(parent, "Word 文書として書き出す", "書き出す…") is None


def test_export_docx_writes_where_the_user_said_and_remembers_the_folder(parent, editor, user, alerts, tmp_path):
    user.target = tmp_path / "提出用"  # typed without .docx
    path = export_actions.export_docx(parent, editor)
    assert path == tmp_path / "提出用.docx"
    assert unheld(docx.Document(str(path)).paragraphs[1].text) == "令和6年度政策部の運営方針・組織目標"
    assert alerts.messages("save_path") == []  # one dialog: options and 保存先 together
    assert alerts.messages("choose")[-1][1] == "書き出しました"
    assert alerts.calls[-1][0] == "choose"
    assert export_actions.last_folder(folders.PLAN) == tmp_path


def test_export_dialog_suggests_the_city_file_name_and_changes_it(qtbot, parent, editor, user, alerts, tmp_path):
    other = tmp_path / "別の名前.docx"
    alerts.answers["save_path"] = [other]
    user.actions[ExportOptionsDialog] = [lambda d: qtbot.mouseClick(d.change_target, Qt.MouseButton.LeftButton)]
    assert export_actions.export_docx(parent, editor) == other and other.is_file()
    assert Path(user.suggested[0]).name == DOCX_NAME
    assert alerts.messages("save_path")[0][1] == "Word 文書として書き出す"


def test_an_existing_file_is_replaced_only_when_the_user_says_so(parent, editor, user, alerts, tmp_path):
    existing = tmp_path / DOCX_NAME
    existing.write_bytes(b"last week's copy")
    user.target = existing
    alerts.answers["ask_yes_no"] = [False]
    assert export_actions.export_docx(parent, editor) is None
    assert existing.read_bytes() == b"last week's copy"
    alerts.answers["ask_yes_no"] = [True]
    assert export_actions.export_docx(parent, editor) == existing
    assert existing.read_bytes() != b"last week's copy"


def test_findings_are_shown_in_the_export_dialog_and_one_jumps_instead(qtbot, parent, editor, user, alerts, tmp_path):
    user.target = tmp_path / "plan.docx"
    chosen = []

    def double_click_first(dialog):
        item = dialog.finding_list.list.item(0)
        dialog.finding_list.list.itemActivated.emit(item)
        chosen.append(item.text())

    user.actions[ExportOptionsDialog] = [double_click_first]
    assert export_actions.export_docx(parent, editor) is None  # went to the finding instead
    assert not (tmp_path / "plan.docx").exists()
    assert "まだ関連付けていない目標" in chosen[0] or "【部の方針】" in chosen[0]
    user.actions.clear()
    assert export_actions.export_docx(parent, editor) == tmp_path / "plan.docx"  # 書き出す: export anyway


def test_target_open_in_word_offers_another_name(parent, editor, user, alerts, tmp_path, monkeypatch):
    locked = tmp_path / DOCX_NAME
    locked.write_bytes(b"the copy open in Word")
    real_replace = atomic.os.replace

    def replace(source, target):
        if Path(target) == locked:
            error = PermissionError(errno.EACCES, "The process cannot access the file")
            error.winerror = 5  # as Windows says it while Word has the file open
            raise error
        real_replace(source, target)

    monkeypatch.setattr(atomic.os, "replace", replace)
    user.target = locked
    alerts.answers["ask_yes_no"] = [True]  # replace the copy: refused by Windows, as Word has it open
    alerts.answers["save_path"] = [tmp_path / "令和6年度_政策部_運営方針・組織目標 (2).docx"]
    alerts.answers["choose"] = [1, None]  # 別の名前で保存…, then close the done message
    path = export_actions.export_docx(parent, editor)
    assert path.name == "令和6年度_政策部_運営方針・組織目標 (2).docx" and path.is_file()
    assert locked.read_bytes() == b"the copy open in Word"
    failure = alerts.messages("choose")[0]
    assert failure[1] == "書き出せませんでした" and "Word などのほかのプログラムで開かれている" in failure[2]
    assert len(alerts.messages("save_path")) == 1


def test_vanished_folder_offers_another_folder(parent, editor, user, alerts, tmp_path):
    user.target = tmp_path / "gone" / DOCX_NAME
    alerts.answers["choose"] = [2, None]  # 別のフォルダーに保存…
    alerts.answers["choose_folder"] = [tmp_path]
    assert export_actions.export_docx(parent, editor) == tmp_path / DOCX_NAME
    assert "見つかりません" in alerts.messages("choose")[0][2]


def test_giving_up_after_a_failure(parent, editor, user, alerts, tmp_path):
    user.target = tmp_path / "gone" / DOCX_NAME
    alerts.answers["choose"] = [None]  # キャンセル
    assert export_actions.export_docx(parent, editor) is None


def test_export_pdf_runs_off_the_gui_thread(parent, editor, user, alerts, tmp_path, qapp, monkeypatch):
    from hoshin_desktop.export import pdf_writer

    threads = []
    real = pdf_writer.write_pdf

    def spy(*args, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(pdf_writer, "write_pdf", spy)
    user.target = tmp_path / "plan.pdf"
    assert export_actions.export_pdf(parent, editor) == tmp_path / "plan.pdf"
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF-")
    assert threads == [False]


def test_export_all_retries_the_failed_ones_elsewhere(parent, session, user, alerts, tmp_path, monkeypatch):
    import_plan(session, PlanFile(sample_plan()))
    import_plan(session, PlanFile(Plan(2024, "会計課")))
    first, second = tmp_path / "share", tmp_path / "local"
    first.mkdir()
    second.mkdir()
    real_replace = atomic.os.replace

    def replace(source, target):
        if Path(target) == first / DOCX_NAME:
            error = PermissionError(errno.EACCES, "in use")
            error.winerror = 32  # Windows: a sharing violation
            raise error
        real_replace(source, target)

    monkeypatch.setattr(atomic.os, "replace", replace)
    (first / DOCX_NAME).write_bytes(b"open in Word")
    alerts.answers["choose_folder"] = [first, second]
    alerts.answers["choose"] = [1, None]  # 別のフォルダーに書き出す…, then close
    assert export_actions.export_all_docx(parent, session, 2024) == second
    assert sorted(p.name for p in first.iterdir()) == sorted([DOCX_NAME, "令和6年度_会計課_運営方針・組織目標.docx"])
    assert [p.name for p in second.iterdir()] == [DOCX_NAME]
    retry, done = alerts.messages("choose")
    assert retry[1] == "一部を書き出せませんでした" and "・政策部:" in retry[2] and "会計課" not in retry[2]
    assert done[2] == f"1部の計画を書き出しました。\n保存先: {second}\n（ほかに1部: {first}）"
    written = sorted((r.department, Path(r.path).parent.name) for r in session.export_records(2024))
    assert written == [("会計課", "share"), ("政策部", "local")]  # the ledger has what was written, where


def test_export_all_as_pdf_writes_every_plan_and_lists_a_failure(parent, session, user, alerts, tmp_path, monkeypatch):
    """The PDF counterpart of 「すべての部をWord文書に書き出し」: the same folder question, loop and failure list."""
    import_plan(session, PlanFile(sample_plan()))
    import_plan(session, PlanFile(Plan(2024, "会計課")))
    folder = tmp_path / "pdf"
    folder.mkdir()
    names = ["令和6年度_政策部_運営方針・組織目標.pdf", "令和6年度_会計課_運営方針・組織目標.pdf"]
    real_replace = atomic.os.replace
    refused = []

    def replace(source, target):
        if Path(target) == folder / names[1] and not refused:  # open in a PDF viewer the first time
            refused.append(target)
            raise PermissionError(errno.EACCES, "in use")
        real_replace(source, target)

    monkeypatch.setattr(atomic.os, "replace", replace)
    alerts.answers["choose_folder"] = [folder]
    alerts.answers["choose"] = [0, None]  # もう一度試す, then 閉じる (not 「フォルダーを開く」)
    assert export_actions.export_all_pdf(parent, session, 2024) == folder
    (_kind, title, text), (_kind2, done_title, done_text) = alerts.messages("choose")
    assert title == "一部を書き出せませんでした" and "・会計課:" in text and "政策部" not in text
    assert done_title == "書き出しました" and done_text == f"2部の計画を書き出しました。\n保存先: {folder}"  # both, after the retry
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)
    for name in names:
        assert (folder / name).read_bytes().startswith(b"%PDF-")
    assert not list(folder.glob("*.docx"))
    assert sorted((r.department, r.kind) for r in session.export_records(2024)) == [("会計課", "pdf"), ("政策部", "pdf")]


def test_export_all_without_plans_says_so(parent, session, user, alerts):
    assert export_actions.export_all_docx(parent, session, 2024) is None
    assert alerts.messages("info")[0][1] == "書き出す計画がありません"


def test_progress_can_be_cancelled(qtbot, parent):
    def click_cancel_when_shown():
        dialog = parent.findChild(QProgressDialog)
        if dialog is not None and dialog.isVisible():
            qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
        else:
            QTimer.singleShot(20, click_cancel_when_shown)

    def endless(report):
        pace = threading.Event()  # never set: paces the loop like a page being written
        done = 0
        while True:
            report(done, 1000, "書き出しています")
            done = (done + 1) % 1000
            pace.wait(0.005)

    QTimer.singleShot(0, click_cancel_when_shown)
    with pytest.raises(export_actions.Cancelled):
        run_with_progress(parent, "書き出しています…", endless, cancellable=True)


def test_progress_returns_the_result_and_raises_the_error(parent):
    assert run_with_progress(parent, "…", lambda report: 42) == 42
    with pytest.raises(ZeroDivisionError):
        run_with_progress(parent, "…", lambda report: 1 / 0)


def test_plan_file_export_and_import(parent, session, editor, user, alerts, tmp_path):
    alerts.answers["save_path"] = [tmp_path / "plan.json"]
    path = export_actions.export_plan_file(parent, editor)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == plan_to_dict(editor.plan, editor.department, data["updated_at"])
    assert data["sections"] == ["政策経営課", "政策法務課"] and data["updated_at"]
    data["preamble"] = "取り込んだ前文"
    data["signers"][0]["seal"] = "印"  # not a field this version reads: a warning after the import
    received = tmp_path / "received"
    received.mkdir()
    path = received / "plan.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    alerts.answers["open_path"] = [path, path]
    alerts.answers["ask_yes_no"] = [False, True]
    workspace = Workspace(session)
    assert export_actions.import_plan_file(parent, workspace) is None  # the user keeps the current plan
    assert session.load_plan(2024, "政策部").preamble != "取り込んだ前文" and not alerts.messages("warning")
    assert export_actions.last_folder(folders.PLAN_FILE) == tmp_path  # the export's folder: a declined import is not remembered
    change = export_actions.import_plan_file(parent, workspace)
    assert change.plan and workspace.key == (2024, "政策部") and export_actions.last_folder(folders.PLAN_FILE) == received
    assert session.load_plan(2024, "政策部").preamble == "取り込んだ前文" == workspace.plan.preamble
    assert alerts.messages("warning") == [("warning", "読み込まなかった項目があります",
                                           "署名者（1番目）の「seal」: このアプリの知らない項目のため読み込みませんでした（場所: signers[0].seal）")]
    question = alerts.messages("ask_yes_no")[0]
    assert "置き換えます" in question[2] and "バックアップ" in question[2]


def test_a_plan_with_new_sections_is_imported_after_one_question(parent, session, user, alerts, tmp_path):
    from tests.city_files import sender

    first = sender(tmp_path / "somu", ["総務部"])
    path = export_plan_file(first, 2024, "総務部", tmp_path / "somu.json")
    first.close()
    alerts.answers["open_path"] = [path, path]
    alerts.answers["ask_yes_no"] = [False, True]
    workspace = Workspace(session)
    assert export_actions.import_plan_file(parent, workspace) is None  # declined: nothing added
    assert [s.name for s in session.department(2024, "総務部").sections] == ["防災安全課"]
    assert export_actions.import_plan_file(parent, workspace).organisation and workspace.key == (2024, "総務部")
    questions = alerts.messages("ask_yes_no")
    assert len(questions) == 2  # one question per import
    assert "課が6つあります" in questions[1][2] and "・総務課" in questions[1][2] and "置き換え" not in questions[1][2]
    assert [s.name for s in session.department(2024, "総務部").sections][:3] == ["防災安全課", "総務課", "職員課"]
    assert len(session.load_plan(2024, "総務部").goals) == 30


def test_a_bad_plan_file_is_refused_with_every_problem(parent, session, user, alerts, tmp_path):
    data = plan_to_dict(sample_plan())
    data["goals"][3]["directives"] = ["9(9)"]
    data["department"] = 7
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    alerts.answers["open_path"] = [bad]
    assert export_actions.import_plan_file(parent, Workspace(session)) is None
    title, text = alerts.messages("error")[0][1:]
    assert title == "計画ファイルを取り込めません"
    assert "データは何も変更していません" in text and "・部: 部の名前（文字列）が必要です\n\u3000（場所: department）" in text
    assert session.load_plan(2024, "政策部") is None


def test_print_preview_shows_the_pages(qtbot, parent, editor, user):
    pages = []
    user.actions[QPrintPreviewDialog] = [
        lambda d: qtbot.waitUntil(lambda: d.findChild(QPrintPreviewWidget).pageCount() > 0),
        lambda d: pages.append(d.findChild(QPrintPreviewWidget).pageCount())]
    export_actions.print_preview(parent, editor)
    preview = next(d for d in user.seen if isinstance(d, QPrintPreviewDialog))
    assert pages[0] >= 4
    assert preview.windowTitle().startswith("印刷プレビュー")


def test_print_goes_to_the_printer_the_user_chose(qtbot, parent, editor, user, tmp_path, alerts):
    output = tmp_path / "printed.pdf"

    def choose_pdf_printer(dialog):
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(output))

    user.actions[QPrintDialog] = [choose_pdf_printer]
    alerts.answers["choose"] = [1]  # 「このまま印刷する」 (the test machine's only printer is a PDF file)
    assert export_actions.print_plan(parent, editor) is True
    assert output.read_bytes().startswith(b"%PDF-")


def test_a_data_file_that_cannot_be_written_says_so_and_keeps_the_data(parent, faults, user, alerts, tmp_path):
    session = faults.session
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan_to_dict(sample_plan()), ensure_ascii=False), encoding="utf-8")
    alerts.answers["open_path"] = [path, path]
    workspace = Workspace(session)
    workspace.open_plan(2024, "総務部")
    faults.read_only()
    assert export_actions.import_plan_file(parent, workspace) is None
    title, text = alerts.messages("error")[0][1:]
    assert title == "計画ファイルを取り込めません" and "に書き込めません。フォルダーの書き込み権限を確認" in text
    faults.read_only(False)
    assert session.load_plan(2024, "政策部") is None and workspace.key == (2024, "総務部")
    assert export_actions.last_folder(folders.PLAN_FILE) != tmp_path  # a failed import is not remembered
    assert export_actions.import_plan_file(parent, workspace).plan and workspace.key == (2024, "政策部")


def test_the_written_message_reports_with_the_information_icon_not_a_question_mark(parent, editor, user, alerts,
                                                                                  tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []

    def look(box):  # the real message box, looked at instead of waited on
        shown.append((box.windowTitle(), box.icon(), [b.text() for b in box.buttons()]))
        return 0

    monkeypatch.setattr(alerts_module, "choose", REAL_CHOOSE)
    monkeypatch.setattr(QMessageBox, "exec", look)
    user.target = tmp_path / "提出用"
    assert export_actions.export_docx(parent, editor) == tmp_path / "提出用.docx"
    title, icon, buttons = shown[-1]
    assert title.startswith("書き出しました") and "Wordで開く" in buttons
    assert icon == QMessageBox.Icon.Information  # a report with follow-ups, not a question


def test_enter_on_the_written_message_closes_it_and_a_file_no_program_opens_is_said(parent, editor, user, alerts, qtbot,
                                                                                   tmp_path, monkeypatch):
    """Enter (a habit after 書き出す) presses 閉じる, not 「Wordで開く」; a click on 「Wordで開く」 on a PC
    with no program for .docx says so instead of doing nothing."""
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    opened, press = [], []

    def answer(box):  # the real message box, answered with a key or a click
        box.show()
        qtbot.waitExposed(box)
        key_or_button = press.pop(0)
        if key_or_button == "Enter":
            qtbot.keyClick(box, Qt.Key.Key_Return)
        else:
            qtbot.mouseClick(next(b for b in box.buttons() if b.text() == key_or_button), Qt.MouseButton.LeftButton)
        return 0

    monkeypatch.setattr(alerts_module, "choose", REAL_CHOOSE)
    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) and False)
    press.append("Enter")
    user.target = tmp_path / "提出用"
    assert export_actions.export_docx(parent, editor) == tmp_path / "提出用.docx"
    assert opened == [] and alerts.messages("warning") == []
    press.append("Wordで開く")
    user.target = tmp_path / "提出用2"
    export_actions.export_docx(parent, editor)
    assert opened == [str(tmp_path / "提出用2.docx")]
    [(_kind, title, text)] = alerts.messages("warning")
    assert title == "開けませんでした" and "「提出用2.docx」を開くプログラムが見つかりませんでした" in text and str(tmp_path) in text


def test_ctrl_p_to_a_pdf_printer_offers_the_apps_own_pdf_under_the_exports_name(open_window, qtbot, alerts, user,
                                                                               data_dir, tmp_path):
    """Printing to 「PDF ファイル」 (or Microsoft Print to PDF) wrote a PDF whose text has CJK radicals, into the
    home folder under another name: the app says so and writes its own PDF where the export goes."""
    import subprocess

    from .plans import write_plan

    write_plan(data_dir, goals=2)
    window = open_window()
    printed = tmp_path / "印刷.pdf"

    def choose_pdf_printer(dialog):
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(printed))

    user.actions[QPrintDialog] = [choose_pdf_printer]
    user.target = tmp_path / "令和6年度_政策部_運営方針・組織目標.pdf"
    alerts.answers["choose"] = [0, None]  # PDFとして書き出す; then 閉じる on 「書き出しました」
    alerts.answers["ask_yes_no"] = [True]  # 提出前の確認: go on
    qtbot.keyClick(window.panes.goal_list, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    question = alerts.messages("choose")[0]
    assert question[1] == "PDF への印刷" and "文字を検索・コピーできず" in question[2]
    assert [Path(place).name for place in user.suggested] == ["令和6年度_政策部_運営方針・組織目標.pdf"]  # the export's name
    assert not printed.exists() and user.target.exists()
    text = subprocess.run(["pdftotext", str(user.target), "-"], capture_output=True, text=True).stdout
    assert "方針" in text and "⽅" not in text  # the app's PDF: real characters, not radicals
def test_a_goal_table_too_wide_for_portrait_is_offered_landscape(qtbot, parent, session, user, alerts, tmp_path):
    """方向性 beside the seven columns of a carried-over plan leaves 目標 and 取組内容 too narrow on A4
    portrait: the export says so and, asked, prints the goal table on landscape pages."""
    from hoshin_desktop.export.options import ExportOptions
    from hoshin_desktop.services.exports import portrait_table_warning

    from ..export.conftest import carried_over

    import_plan(session, PlanFile(sample_plan()))
    plan = session.load_plan(2024, "政策部")
    session.store_plan(carried_over(plan))
    editor = session.editor(2024, "政策部")
    assert portrait_table_warning(editor.plan, editor.policy, ExportOptions()) == ""
    user.actions[ExportOptionsDialog] = [lambda d: qtbot.mouseClick(d.direction, Qt.MouseButton.LeftButton)]
    user.target = tmp_path / "横"
    alerts.answers["choose"] = [0]  # 「A4横にする」
    path = export_actions.export_docx(parent, editor)
    asked = alerts.messages("choose")[0]
    assert "A4縦では読みやすい幅に収まらない" in asked[2] and "A4横にしますか" in asked[2]
    sections = docx.Document(str(path)).sections
    assert sections[0].page_width < sections[0].page_height  # the policy part stays portrait
    assert sections[-1].page_width > sections[-1].page_height  # the goal table went landscape
    header = [cell.text for cell in docx.Document(str(path)).tables[-1].rows[0].cells]
    assert header[1] == "方向性"
