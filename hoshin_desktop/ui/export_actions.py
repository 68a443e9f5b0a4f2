"""The ファイル menu's export, print and plan-file commands: dialogs, progress and ways out.

The main window flushes pending edits, then calls one function per command. Each asks
for its options and target, writes off the GUI thread behind a progress dialog, and on a
failure (the file open in Word, a read-only or vanished folder, a full disk) says what
happened and offers a way out: try again, another name, another folder. Every modal goes
through ``alerts`` (``alerts.run_dialog`` for the options, print and preview dialogs), so
tests script them. The last folder and the chosen options are remembered.
"""

from __future__ import annotations

import copy
import logging
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QThreadPool, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.wareki import fiscal_year_label
from ..export.atomic import ExportError
from ..export.filenames import plan_data_file_name, plan_file_name
from ..export.options import ANSWER_FORM_LABELS, FONT_LABELS, LAYOUT_LABELS, ExportOptions
from ..services.change import Change
from ..services.exports import KIND_LABELS, KINDS, DocumentResult, record_documents, write_documents
from ..services.names import NAME_LIMIT
from ..storage.errors import StorageError
from . import alerts, folders, operations
from .folders import last_folder, remember_folder
from .i18n import tr
from .settings import read_bool, settings
from .wheel_guard import guard_children
from .widgets import fit_to_screen

if TYPE_CHECKING:
    from ..export.fonts import Faces
    from ..export.layout import Page

log = logging.getLogger(__name__)

T = TypeVar("T")

PDF_FILTER = "PDF (*.pdf)"


# --- remembered choices ---------------------------------------------------------------------------

def saved_options() -> ExportOptions:
    store = settings()
    layout = str(store.value("export/layout", "stacked"))
    font = str(store.value("export/font", "ms"))
    return ExportOptions(
        layout=layout if layout in LAYOUT_LABELS else "stacked",
        font=font if font in FONT_LABELS else "ms",
        review_columns=read_bool(store, "export/review_columns", False),
        goals_landscape=read_bool(store, "export/goals_landscape", False),
        direction_column=read_bool(store, "export/direction_column", False),
        answer_form="numbered" if str(store.value("export/answer_form", "")) == "numbered" else "paragraphs",
        author=str(store.value("export/author", "") or "")[:NAME_LIMIT],
    )


def save_options(options: ExportOptions) -> None:
    store = settings()
    store.setValue("export/layout", options.layout)
    store.setValue("export/font", options.font)
    store.setValue("export/review_columns", options.review_columns)
    store.setValue("export/goals_landscape", options.goals_landscape)
    store.setValue("export/direction_column", options.direction_column)
    store.setValue("export/answer_form", options.answer_form)
    store.setValue("export/author", options.author)


# --- the options dialog ---------------------------------------------------------------------------

class ExportOptionsDialog(QDialog):
    """Layout, fonts and the goal table's extras, before a document is written or printed."""

    def __init__(self, parent: QWidget | None, title: str, accept_label: str, options: ExportOptions, *,
                 target: Path | None = None, file_filter: str = "", findings=()):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.chosen_place = None  # a finding the drafter went to instead of exporting
        layout = QVBoxLayout(self)
        if target is not None:
            layout.addWidget(self._target_row(title, target, file_filter))
        self.stacked = QRadioButton(tr("{0}（標準）(&P)").format(LAYOUT_LABELS["stacked"]))
        self.columns = QRadioButton(f"{LAYOUT_LABELS['columns']}(&L)")
        layout.addWidget(self._group(tr("レイアウト"), self.stacked, self.columns))
        self.ms = QRadioButton(tr("{0}（標準）(&M)").format(FONT_LABELS["ms"]))
        self.bizud = QRadioButton(f"{FONT_LABELS['bizud']}(&B)")
        layout.addWidget(self._group(tr("フォント"), self.ms, self.bizud))
        self.review = QCheckBox(tr("中間確認・年度末評価の欄を付ける（表は A4横）(&R)"))
        self.landscape = QCheckBox(tr("組織目標の表を A4横にする(&A)"))
        self.direction = QCheckBox(tr("方向性の列を付ける（継続・拡充・新規など、No. の次に）(&D)"))
        layout.addWidget(self._group(tr("組織目標の表"), self.review, self.landscape, self.direction))
        self.starred = QRadioButton(tr("{0}（標準）(&S)").format(ANSWER_FORM_LABELS["paragraphs"]))
        self.numbered = QRadioButton(f"{ANSWER_FORM_LABELS['numbered']}(&N)")
        layout.addWidget(self._group(tr("部の方針（A4縦）"), self.starred, self.numbered))
        self.author = QLineEdit(options.author)
        self.author.setMaxLength(NAME_LIMIT)
        self.author.setPlaceholderText(tr("空欄なら部の名前"))
        self.author.setAccessibleName(tr("変更履歴の作成者名"))
        layout.addWidget(self._group(tr("比較（変更履歴）に記す作成者名"), self.author))
        if findings:
            layout.addWidget(self._findings(findings), 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(accept_label)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("キャンセル"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons
        (self.columns if options.layout == "columns" else self.stacked).setChecked(True)
        (self.bizud if options.font == "bizud" else self.ms).setChecked(True)
        self.review.setChecked(options.review_columns)
        self.landscape.setChecked(options.goals_landscape)
        self.direction.setChecked(options.direction_column)
        (self.numbered if options.answer_form == "numbered" else self.starred).setChecked(True)
        self.columns.toggled.connect(self._follow_layout)
        self._follow_layout()

    def _target_row(self, title: str, target: Path, file_filter: str) -> QGroupBox:
        """Where to save, shown in the dialog itself: 書き出す at once, 変更… for another place."""
        self.target = QLineEdit(str(target))
        self.target.setAccessibleName(tr("保存先"))
        change = self.change_target = QPushButton(tr("変更…(&C)"))

        def choose() -> None:
            chosen = alerts.save_path(self, title, Path(self.target.text()), file_filter)
            if chosen is not None:
                self.target.setText(str(chosen))

        change.clicked.connect(choose)
        box = QGroupBox(tr("保存先"))
        row = QHBoxLayout(box)
        row.addWidget(self.target, 1)
        row.addWidget(change)
        return box

    def _findings(self, findings) -> QGroupBox:
        """提出前の確認: shown here so that 書き出す is the drafter's "export anyway"."""
        from .submission_panel import FindingList

        self.finding_list = FindingList()
        self.finding_list.show_findings(list(findings))
        self.finding_list.placeRequested.connect(self._go_to)
        box = QGroupBox(tr("提出前の確認（{0}件。このまま書き出すこともできます）").format(len(findings)))
        QVBoxLayout(box).addWidget(self.finding_list)
        return box

    def _go_to(self, place) -> None:
        self.chosen_place = place
        self.reject()

    def chosen_target(self) -> Path | None:
        text = self.target.text().strip() if hasattr(self, "target") else ""
        return Path(text) if text else None

    @staticmethod
    def _group(title: str, *widgets: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        column = QVBoxLayout(box)
        for widget in widgets:
            column.addWidget(widget)
        return box

    def _follow_layout(self) -> None:
        """On landscape pages the goal table is landscape anyway."""
        self.landscape.setEnabled(not self.columns.isChecked())

    def options(self) -> ExportOptions:
        return ExportOptions(
            layout="columns" if self.columns.isChecked() else "stacked",
            font="bizud" if self.bizud.isChecked() else "ms",
            review_columns=self.review.isChecked(),
            goals_landscape=self.landscape.isChecked(),
            direction_column=self.direction.isChecked(),
            answer_form="numbered" if self.numbered.isChecked() else "paragraphs",
            author=self.author.text().strip(),
        )


def _findings(parent, plan, policy, marks) -> list:
    from ..domain.checks import RulesError
    from ..services.submission import findings

    try:
        return findings(plan, policy, marks=marks)
    except RulesError as error:
        alerts.warning(parent, tr("提出前の確認ができません"), str(error))
        return []


def _ask_export(parent, caption: str, target: Path, file_filter: str, findings) -> tuple[ExportOptions, Path] | None:
    """The export dialog; (options, path), or None when cancelled or a finding was chosen (shown then)."""
    dialog = ExportOptionsDialog(parent, caption, tr("書き出す"), saved_options(), target=target, file_filter=file_filter,
                                 findings=findings)
    try:
        accepted = alerts.run_dialog(dialog)
        options, path, place = dialog.options(), dialog.chosen_target(), dialog.chosen_place
    finally:
        dialog.deleteLater()
    if place is not None and hasattr(parent, "goal_editor"):
        from .submission_panel import show_finding

        show_finding(parent, place)
    if not accepted or path is None:
        return None
    save_options(options)
    return options, _with_suffix(path, target.suffix.lower())


def ask_options(parent: QWidget | None, title: str, accept_label: str) -> ExportOptions | None:
    dialog = ExportOptionsDialog(parent, title, accept_label, saved_options())
    try:
        if not alerts.run_dialog(dialog):
            return None
        options = dialog.options()
    finally:
        dialog.deleteLater()
    save_options(options)
    return options


# --- work off the GUI thread -----------------------------------------------------------------------

class Cancelled(Exception):
    """The user pressed 中止 in the progress dialog."""


class _Bridge(QObject):
    """Lives in the GUI thread; the worker's signals reach it queued."""

    progress = Signal(int, int, str)
    finished = Signal()

    def __init__(self, dialog: QProgressDialog, loop: QEventLoop):
        super().__init__()
        self.dialog = dialog
        self.progress.connect(self._show_progress)
        self.finished.connect(loop.quit)

    @Slot(int, int, str)
    def _show_progress(self, done: int, total: int, text: str) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        if text:
            self.dialog.setLabelText(text)


def run_with_progress(parent: QWidget | None, label: str, work: Callable[[Callable], T], *,
                      cancellable: bool = False) -> T:
    """Run ``work(report)`` on a worker thread behind a window-modal progress dialog; return its result.

    ``report(done, total, text)`` moves the bar and raises Cancelled once 中止 was pressed.
    Exceptions of ``work`` are raised here, in the GUI thread.
    """
    dialog = QProgressDialog(label, tr("中止") if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle(tr("お待ちください"))
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)  # quick exports do not flash a window
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    loop = QEventLoop()
    bridge = _Bridge(dialog, loop)
    stop = threading.Event()
    dialog.canceled.connect(stop.set)
    outcome: dict = {}

    def report(done: int, total: int, text: str = "") -> None:
        if stop.is_set():
            raise Cancelled()
        bridge.progress.emit(done, total, text)

    def job() -> None:
        try:
            outcome["result"] = work(report)
        except BaseException as exc:  # handed to the GUI thread, raised there
            outcome["error"] = exc
        finally:
            bridge.finished.emit()

    QThreadPool.globalInstance().start(job)
    loop.exec()
    dialog.close()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


# --- saving one file, with ways out -------------------------------------------------------------

def _with_suffix(path: Path, suffix: str) -> Path:
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def free_name(path: Path) -> Path:
    """「…(2).docx」, the first such name not taken, for 別の名前で保存."""
    number = 2
    while True:
        candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")
        if not candidate.exists():
            return candidate
        number += 1


def _existing_folder(folder: Path) -> Path:
    for candidate in (folder, *folder.parents):
        if candidate.is_dir():
            return candidate
    return Path.home()


def _way_out(parent, caption: str, error: ExportError, file_filter: str) -> Path | None:
    """After a failed write: try again, another name, or another folder (None: give up)."""
    choice = alerts.choose(parent, tr("書き出せませんでした"), str(error),
                           [tr("もう一度試す"), tr("別の名前で保存…"), tr("別のフォルダーに保存…")], icon=QMessageBox.Icon.Warning)
    if choice == 0:
        return error.path
    if choice == 1:
        return alerts.save_path(parent, caption, free_name(error.path), file_filter)
    if choice == 2:
        folder = alerts.choose_folder(parent, tr("保存先のフォルダーを選んでください"), _existing_folder(error.path.parent))
        return folder / error.path.name if folder else None
    return None


def _unexpected(parent, caption: str, error: BaseException) -> None:
    log.exception("export failed", exc_info=error)
    alerts.error(parent, caption, tr("書き出しの途中で思いがけないエラーが起きました。\n\n{0}\n\n"
                                     "入力した内容はそのまま残っています。").format(error))


def _offer_to_open(parent, path: Path) -> None:
    """After an export: open it (with Word for a .docx), print it with Word, or open its folder."""
    from ..services.word import can_print_with_word, print_with_word

    word = path.suffix.lower() == ".docx"
    choices = [tr("Wordで開く") if word else tr("開く"), tr("フォルダーを開く")]
    if can_print_with_word(path):
        choices.append(tr("Wordで印刷"))
    choice = alerts.choose(parent, tr("書き出しました"), tr("「{0}」を書き出しました。\n保存先: {1}").format(path.name, path.parent),
                           choices, cancel=tr("閉じる"), icon=QMessageBox.Icon.Information, default=None)
    if choice is None:
        return
    if choice == 2:  # Wordで印刷
        try:
            print_with_word(path)
        except OSError as error:
            alerts.error(parent, tr("Wordで印刷できませんでした"), tr("Word に印刷を頼めませんでした。\n\n{0}").format(error))
        return
    open_with_system(parent, path if choice == 0 else path.parent)


def open_with_system(parent, path: Path) -> bool:
    """Open a written file (or its folder) with the program Windows has for it; say so when there is none."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    if path.is_dir():
        text = tr("フォルダーを開くプログラムが見つかりませんでした。\nファイルは保存されています: {0}").format(path)
    else:
        text = tr("「{0}」を開くプログラムが見つかりませんでした（.docx は Word、.pdf は PDF を読むプログラム、"
                  ".xlsx と .csv は Excel で開きます）。\nファイルは保存されています: {1}").format(path.name, path.parent)
    alerts.warning(parent, tr("開けませんでした"), text)
    return False


def save_file(parent, caption: str, name: str, file_filter: str, write: Callable[[Path, Callable], object],
              *, purpose: str, offer_open: bool = True, path: Path | None = None) -> Path | None:
    """Write where the user said (``path``, or asked now in the folder last used for ``purpose``, see
    ui/folders.py), off the GUI thread, and offer ways out until it works or the user stops."""
    suffix = Path(name).suffix.lower()
    if path is None:
        path = alerts.save_path(parent, caption, last_folder(purpose) / name, file_filter)
    while path is not None:
        target = _with_suffix(Path(path), suffix)
        try:
            run_with_progress(parent, tr("「{0}」を書き出しています…").format(target.name), partial(write, target))
        except ExportError as error:
            path = _way_out(parent, caption, error, file_filter)
            continue
        except Exception as error:  # our bug, or an installation problem: say so, keep the app running
            _unexpected(parent, caption, error)
            return None
        remember_folder(target.parent, purpose)
        if offer_open:
            _offer_to_open(parent, target)
        return target
    return None


def save_word(parent, caption: str, name: str, write: Callable[[Path], object]) -> Path | None:
    """A Word sheet of a panel (評価表, 指示事項): asked where, written as every export is, and said so."""
    target = save_file(parent, caption, name, tr("Word 文書 (*.docx)"), lambda path, _report: write(path), offer_open=False,
                       purpose=folders.SHEETS)
    if target is not None:
        alerts.info(parent, tr("書き出しました"), str(target))
    return target


def _snapshot(editor):
    """A copy of the plan for the worker thread; the user may go on typing meanwhile."""
    return copy.deepcopy(editor.plan), editor.policy


# --- the commands ---------------------------------------------------------------------------------

def _export_document(parent, editor, caption: str, suffix: str, file_filter: str, write_document) -> Path | None:
    """One dialog (options, where, 提出前の確認), then write the plan as it is now with
    ``write_document(plan, policy, path, options, report)`` off the GUI thread."""
    plan, policy = _snapshot(editor)
    name = plan_file_name(plan.fiscal_year, plan.department, suffix)
    chosen = _ask_export(parent, caption, last_folder(folders.PLAN) / name, file_filter,
                         _findings(parent, plan, policy, editor.session.review_marks()))
    if chosen is None:
        return None
    asked, path = chosen
    options = _landscape_if_too_wide(parent, caption, plan, policy, asked)
    if options is None:
        return None
    if path.exists() and not alerts.ask_yes_no(parent, caption, tr("「{0}」はすでにあります。置き換えますか？").format(path.name)):
        return None
    target = save_file(parent, caption, name, file_filter,
                       lambda path, report: write_document(plan, policy, path, options, report), path=path,
                       purpose=folders.PLAN)
    if target is not None:
        _record(editor.session, plan, suffix.lstrip("."), target)
    return target


def _landscape_if_too_wide(parent, caption: str, plan, policy, options: ExportOptions) -> ExportOptions | None:
    """Offer A4 landscape for a goal table whose columns do not fit portrait; None when cancelled."""
    from ..services.exports import portrait_table_warning

    warning = portrait_table_warning(plan, policy, options)
    if not warning:
        return options
    choice = alerts.choose(parent, caption, tr("{0}\n\n組織目標の表を A4横にしますか？").format(warning),
                           [tr("A4横にする"), tr("A4縦のまま")])
    if choice is None:
        return None
    return replace(options, goals_landscape=True) if choice == 0 else options


def _record(session, plan, kind: str, path: Path | None) -> None:
    """Note the export in the ledger; a failure to note it does not undo the export."""
    from ..services.exports import ledger_record

    try:
        session.record_export(ledger_record(plan, kind, path))
    except StorageError:
        log.exception("export ledger not written")


def export_docx(parent, editor) -> Path | None:
    def write(plan, policy, path: Path, options, report) -> Path:
        from ..export.docx_writer import write_docx

        return write_docx(plan, policy, path, options)

    return _export_document(parent, editor, tr("Word 文書として書き出す"), ".docx", tr("Word 文書 (*.docx)"), write)


def export_pdf(parent, editor) -> Path | None:
    def write(plan, policy, path: Path, options, report) -> Path:
        from ..export.pdf_writer import write_pdf

        return write_pdf(plan, policy, path, options,
                         progress=lambda page, pages: report(page, pages, tr("「{0}」を書き出しています（{1}/{2}ページ）").format(path.name, page, pages)))

    return _export_document(parent, editor, tr("PDF として書き出す"), ".pdf", PDF_FILTER, write)


def export_plan_file(parent, editor) -> Path | None:
    from ..services.plan_files import write_plan_file

    plan = copy.deepcopy(editor.plan)
    return save_file(parent, tr("計画ファイルの書き出し"), plan_data_file_name(plan.fiscal_year, plan.department),
                     tr("計画ファイル (*.json)"), lambda path, report: write_plan_file(editor.session, plan, path), purpose=folders.PLAN_FILE)


def export_all_docx(parent, session, fiscal_year: int) -> Path | None:
    return _export_all(parent, session, fiscal_year, ".docx")


def export_all_pdf(parent, session, fiscal_year: int) -> Path | None:
    return _export_all(parent, session, fiscal_year, ".pdf")


def _export_all(parent, session, fiscal_year: int, suffix: str) -> Path | None:
    """Every department with a plan in ``fiscal_year`` as .docx or .pdf (``suffix``), into one folder,
    through the loop the CLI uses (services/exports.py); failed ones can be retried."""
    label = fiscal_year_label(fiscal_year)
    names = [name for _, name, _ in session.plan_keys(fiscal_year)]
    if not names:
        alerts.info(parent, tr("書き出す計画がありません"), tr("{0}の計画はまだ1つもありません。").format(label))
        return None
    caption = tr("{0}のすべての部を {1} に書き出す").format(label, KIND_LABELS[KINDS[suffix]])
    options = ask_options(parent, caption, tr("フォルダーを選ぶ…"))
    if options is None:
        return None
    plans = {name: session.load_plan(fiscal_year, name) for name in names}  # read here, written off the GUI thread
    policy = session.policy(fiscal_year)
    folder = alerts.choose_folder(parent, tr("書き出し先のフォルダーを選んでください"), last_folder(folders.ALL_PLANS))
    written: list = []  # every document written, over the retries
    while folder is not None:
        def write_all(report: Callable, folder: Path = folder, names: list[str] = names) -> list[DocumentResult]:
            return write_documents(fiscal_year, names, plans.__getitem__, policy, folder, options, suffix, progress=report)

        try:
            results = run_with_progress(parent, tr("{0}の計画を書き出しています…").format(label), write_all, cancellable=True)
        except Cancelled:
            alerts.info(parent, tr("中止しました"), tr("書き出しを中止しました。中止までに書き出したファイルは残っています。"))
            return None
        except Exception as error:
            _unexpected(parent, caption, error)
            return None
        record_documents(session, results)
        written += [result for result in results if result.ok]
        failures = [result for result in results if not result.ok]
        if not failures:
            remember_folder(folder, folders.ALL_PLANS)
            _offer_folder(parent, folder, written)
            return folder
        names, folder = _retry_failures(parent, failures, folder)
    return None


def _retry_failures(parent, failures, folder: Path):
    """Which departments to write again, and where; (…, None) when the user gives up."""
    lines = "\n".join(tr("・{0}: {1}").format(result.department, result.error) for result in failures)
    choice = alerts.choose(parent, tr("一部を書き出せませんでした"), tr("次の{0}件を書き出せませんでした。\n\n{1}").format(len(failures), lines),
                           [tr("もう一度試す"), tr("別のフォルダーに書き出す…")], icon=QMessageBox.Icon.Warning)
    names = [result.department for result in failures]
    if choice == 0:
        return names, folder
    if choice == 1:
        return names, alerts.choose_folder(parent, tr("書き出し先のフォルダーを選んでください"), _existing_folder(folder))
    return names, None


def _offer_folder(parent, folder: Path, written: list) -> None:
    """「N部の計画を書き出しました」 for the last folder, and where the others went after a retry elsewhere."""
    counts = Counter(result.path.parent for result in written)  # folders in the order first written
    text = tr("{0}部の計画を書き出しました。\n保存先: {1}").format(counts.pop(folder, 0), folder)
    for other, count in counts.items():
        text += tr("\n（ほかに{0}部: {1}）").format(count, other)
    choice = alerts.choose(parent, tr("書き出しました"), text, [tr("フォルダーを開く")], cancel=tr("閉じる"),
                           icon=QMessageBox.Icon.Information, default=None)
    if choice == 0:
        open_with_system(parent, folder)


def import_plan_file(window, workspace) -> Change | None:
    """Choose a plan file, have the Workspace check it off the GUI thread, then import it through the
    window's runner (which asks its question: a replaced plan, 課 to add, a fixed plan to unlock)."""
    from ..services.plan_files import PlanFileError

    path = alerts.open_path(window, tr("計画ファイルの取り込み"), last_folder(folders.PLAN_FILE),
                            tr("計画ファイル (*.json);;すべてのファイル (*)"))
    if path is None:
        return None
    name = Path(path).name
    try:  # checking a large file takes a moment: off the GUI thread, behind a progress dialog
        plan_file = run_with_progress(window, tr("「{0}」を確かめています…").format(name),
                                      lambda report: workspace.read_plan_file(path))
    except PlanFileError as error:
        alerts.error(window, tr("計画ファイルを取り込めません"),
                     tr("「{0}」は取り込めませんでした。データは何も変更していません。\n\n{1}").format(name, error.details()))
        return None
    change = operations.run(window, lambda: workspace.import_plan_file(plan_file, name),
                            failure=tr("計画ファイルを取り込めません"), refusal=tr("計画ファイルを取り込めません"))
    if change is None:
        return None
    remember_folder(Path(path).parent, folders.PLAN_FILE)
    if workspace.imported.warnings:
        alerts.warning(window, tr("読み込まなかった項目があります"), "\n".join(workspace.imported.warnings[:20]))
    return change


def new_printer(plan, options: ExportOptions):
    """A high-resolution printer on A4 in the paper's first orientation, margins left to the pages."""
    from PySide6.QtPrintSupport import QPrinter

    from ..export.content import plan_title
    from ..printout import page_layout

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    printer.setPageLayout(page_layout(options.layout == "columns"))
    printer.setDocName(plan_title(plan))
    return printer


def _pages(parent, plan, policy, options: ExportOptions) -> tuple[list[Page], Faces] | None:
    """The plan's pages and faces, or None after saying why (no Japanese font)."""
    from ..export.fonts import FontMissing
    from ..printout import plan_pages

    try:
        return plan_pages(plan, policy, options)
    except FontMissing as error:
        alerts.error(parent, tr("印刷できません"), str(error))
        return None


def prints_to_pdf(printer) -> bool:
    """The printer chosen makes a PDF file (Qt's 「PDF ファイル」, Microsoft Print to PDF, Adobe PDF, …)."""
    from PySide6.QtPrintSupport import QPrinter

    return printer.outputFormat() == QPrinter.OutputFormat.PdfFormat or "pdf" in printer.printerName().lower()


def print_plan(parent, editor) -> bool:
    """Print through the system's print dialog; True when sent to the printer."""
    from PySide6.QtPrintSupport import QPrintDialog

    from ..printout import paint_pages
    from .submission_panel import confirm_before_output

    options = saved_options()  # chosen in the export dialog or the preview, remembered
    plan, policy = _snapshot(editor)
    if not confirm_before_output(parent, plan, policy, tr("このまま印刷する"), editor.session.review_marks()):
        return False
    laid_out = _pages(parent, plan, policy, options)
    if laid_out is None:
        return False
    printer = new_printer(plan, options)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("印刷"))
    guard_children(dialog)
    if not alerts.run_dialog(dialog):
        return False
    if prints_to_pdf(printer):
        choice = alerts.choose(parent, tr("PDF への印刷"), tr(
            "「{0}」は、印刷の代わりに PDF ファイルを作る印刷先です。印刷で作る PDF は、日本語の文字を検索・コピーできず"
            "（「方針」などが別の文字として入ります）、ファイルの名前と保存先も書き出しとは別になります。\n\n"
            "「PDFとして書き出す」では、このアプリが PDF を作ります。文字を検索・コピーでき、ファイル名は"
            "「令和6年度_政策部_運営方針・組織目標.pdf」の形で、保存先を確かめてから書き出します。").format(
            printer.printerName() or tr("PDF ファイル")), [tr("PDFとして書き出す…"), tr("このまま印刷する")])
        if choice != 1:  # the app's own PDF, through the export's dialog (保存先 with the export's file name)
            return choice == 0 and export_pdf(parent, editor) is not None
    pages, faces = laid_out
    try:
        paint_pages(pages, faces, printer)
    except Exception as error:
        log.exception("printing failed")
        alerts.error(parent, tr("印刷できませんでした"), tr("印刷できませんでした。プリンターの状態を確認してください。\n\n{0}").format(error))
        return False
    _record(editor.session, plan, "print", None)
    return True


def print_preview(parent, editor) -> None:
    """Show the pages as they will print (the PDF's pages); 「設定…」 changes the remembered options."""
    from PySide6.QtGui import QAction
    from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
    from PySide6.QtWidgets import QToolBar

    from ..printout import paint_pages

    options = saved_options()
    plan, policy = _snapshot(editor)
    laid_out = _pages(parent, plan, policy, options)
    if laid_out is None:
        return
    pages = laid_out
    printer = new_printer(plan, options)  # kept alive here: the dialog does not own it
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(tr("印刷プレビュー — {0}").format(plan_file_name(plan.fiscal_year, plan.department, "")))
    dialog.paintRequested.connect(lambda device: paint_pages(*pages, device))

    def change_options() -> None:
        nonlocal pages
        chosen = ask_options(dialog, tr("印刷の設定"), "OK")
        again = _pages(dialog, plan, policy, chosen) if chosen else None
        if again is not None:
            pages = again
            preview = dialog.findChild(QPrintPreviewWidget)
            if preview is not None:
                preview.updatePreview()

    settings_action = QAction(tr("設定…"), dialog)
    settings_action.setToolTip(tr("レイアウト・フォント・組織目標の表の設定（書き出しと共通）"))
    settings_action.triggered.connect(lambda _checked=False: change_options())
    toolbar = dialog.findChild(QToolBar)
    if toolbar is not None:
        toolbar.addSeparator()
        toolbar.addAction(settings_action)
    fit_to_screen(dialog, 900, 1000)
    guard_children(dialog)
    alerts.run_dialog(dialog)
    dialog.deleteLater()
