"""The File menu's items for taking a plan over from Word, handing a post over, and reporting the year,
added to the main window in one call (``install``):

ファイル → Word 文書から取り込み… (after 計画ファイルの取り込み); 年度末の評価の集計を書き出し… and 事務引継ぎ…
(after すべての部をまとめて書き出し).
Each reads and writes off the GUI thread behind a progress dialog, and stores through the window's runner.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from ..domain.wareki import fiscal_year_label
from . import alerts
from .i18n import tr

WORD_FILTER = "Word 文書 (*.docx);;すべてのファイル (*)"


def _menu_holding(window: QMainWindow, action: QAction) -> QMenu:
    menus = (a.menu() for a in window.menuBar().actions())
    return next(menu for menu in menus if isinstance(menu, QMenu) and action in menu.actions())


def _action(window, text: str, tip: str, slot) -> QAction:
    action = QAction(text, window)
    action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


class AdoptionActions:
    def __init__(self, window):
        self.window = window
        self.import_word = _action(window, tr("Word 文書から取り込み(&O)…"),
                                   tr("市の提出様式の Word 文書（昨年度の計画など）を読み取り、この部の計画の下書きにします"),
                                   self.run_import_word)
        self.handover = _action(window, tr("事務引継ぎ(&G)…"),
                                tr("異動する人が後任へのメモを書き、評価・指示事項・来年度の準備状況をまとめた事務引継書を書き出します"),
                                self.show_handover)
        self.handover_panel = None
        self.year_summary = _action(window, tr("年度末の評価の集計を書き出し(&Y)…"),
                                    tr("各部の計画の中間確認・年度末評価を全庁で集計し、△・×の目標と理由、未完了の指示事項とともに"
                                       "Word 文書・CSV・Excel ブックに書き出します"), self.export_year_summary)
        file_menu = _menu_holding(window, window.actions.import_file)
        before = file_menu.actions()[file_menu.actions().index(window.actions.import_file) + 1]
        file_menu.insertActions(before, [self.import_word])
        collection = getattr(window, "collection", None)  # after すべての部をまとめて書き出し (the planning office's)
        after = collection.export_booklet if collection is not None else self.import_word
        following = file_menu.actions()[file_menu.actions().index(after) + 1]
        file_menu.insertActions(following, [self.year_summary, self.handover])  # the tasks of the year's end
        self.notice = HandoverNotice(window)
        window.watchers.add(self.notice)

    # --- Word 文書から取り込み -------------------------------------------------------------------------

    def run_import_word(self) -> None:
        from ..services.word_plan_import import WordPlanError, import_into, read_word_file
        from . import folders
        from .export_actions import run_with_progress
        from .import_actions import imported
        from .word_import_dialog import WordImportDialog

        window = self.window
        if not window.commit_edits():
            return
        path = alerts.open_path(window, tr("Word 文書から取り込み"), folders.last_folder(folders.WORD_PLANS), tr(WORD_FILTER))
        if path is None:
            return
        try:  # a long document takes a moment: read off the GUI thread
            source = run_with_progress(window, tr("「{0}」を読み取っています…").format(Path(path).name),
                                       lambda report: read_word_file(path))
        except WordPlanError as error:
            alerts.error(window, tr("Word 文書を取り込めません"), tr("{0}\n\n何も変更していません。").format(error))
            return
        folders.remember_folder(Path(path).parent, folders.WORD_PLANS)
        dialog = WordImportDialog(window.session, source, window)
        if not alerts.run_dialog(dialog) or dialog.read is None:
            return
        read, accepted = dialog.read, dialog.accepted_proposals()
        if window.run_command(lambda: import_into(window.workspace, read, accepted), failure="Word 文書を取り込めません",
                              refusal="Word 文書を取り込めません") is None:
            return
        plan = read.plan
        imported(window, tr("{0} {1}の計画").format(fiscal_year_label(plan.fiscal_year), plan.department))


    # --- 事務引継ぎ -----------------------------------------------------------------------------------------

    def show_handover(self) -> None:
        from .handover_panel import HandoverPanel

        window = self.window
        if window.editor is None or not window.commit_edits():
            return
        if self.handover_panel is None or self.handover_panel.editor is not window.editor:
            if self.handover_panel is not None:
                self.handover_panel.close()
            run = lambda operation, dialog: window.run_command(operation, dialog, typing=True)  # noqa: E731
            self.handover_panel = HandoverPanel(window.editor, run, self.export_handover, window)
            window.watchers.add(self.handover_panel)
        self.handover_panel.show()
        self.handover_panel.raise_()

    def export_handover(self, parent, every: bool) -> None:
        """The 事務引継書 of the open plan's department (read here, written off the GUI thread), or of every
        department with a plan this year, into a folder."""
        from ..export.report_docx import write_report
        from ..services.exports import year_departments
        from ..services.handover import department_report, handover_file_name
        from . import folders
        from .export_actions import run_with_progress, save_file

        session, plan = self.window.session, self.window.editor.plan
        year = plan.fiscal_year
        caption = tr("事務引継書を書き出し")
        if not every:
            report = department_report(session, year, plan.department)
            save_file(parent, caption, handover_file_name(year, plan.department), tr("Word 文書 (*.docx)"),
                      lambda path, _progress: write_report(report, path), purpose=folders.HANDOVER)
            return
        try:
            reports = {name: department_report(session, year, name) for name in year_departments(session, year)}
        except LookupError as error:
            alerts.info(parent, caption, str(error))
            return
        folder = alerts.choose_folder(parent, tr("書き出し先のフォルダーを選んでください"), folders.last_folder(folders.HANDOVER))
        if folder is None:
            return
        failures = run_with_progress(parent, tr("{0}の事務引継書を書き出しています…").format(fiscal_year_label(year)),
                                     lambda progress: _write_reports(reports, year, folder, progress))
        folders.remember_folder(folder, folders.HANDOVER)
        if failures:
            alerts.warning(parent, caption, tr("次の部は書き出せませんでした。\n\n{0}").format("\n".join(failures)))
        else:
            alerts.info(parent, caption, tr("{0}部の事務引継書を書き出しました。\n保存先: {1}").format(len(reports), folder))


    # --- 年度末の評価の集計 ---------------------------------------------------------------------------------

    def export_year_summary(self) -> None:
        """The year-end summary of the open plan's year (read here, written off the GUI thread) as the file
        kind the user picks by its name: .docx, .csv or .xlsx."""
        from ..services.year_summary import SUFFIXES, summary_file_name, year_summary
        from . import folders
        from .export_actions import save_file

        window = self.window
        if window.editor is None or not window.commit_edits():
            return
        year = window.editor.plan.fiscal_year
        caption = tr("年度末の評価の集計を書き出し")
        try:
            summary = year_summary(window.session, year)
        except LookupError as error:
            alerts.info(window, caption, str(error))
            return
        kinds = tr("Word 文書 (*.docx);;CSV（Excel で開けます） (*.csv);;Excel ブック (*.xlsx)")
        path = alerts.save_path(window, caption, folders.last_folder(folders.SUMMARY) / summary_file_name(year), kinds)
        if path is None:
            return
        path = path if path.suffix.lower() in SUFFIXES else path.with_name(path.name + ".docx")
        save_file(window, caption, path.name, kinds, lambda target, _progress: summary.write(target), path=path,
                  purpose=folders.SUMMARY)


def _write_reports(reports: dict, year: int, folder: Path, progress) -> list[str]:
    """Each department's report into ``folder``; the departments that failed, with why."""
    from ..export.atomic import ExportError
    from ..export.report_docx import write_report
    from ..services.handover import handover_file_name

    failures = []
    for number, (name, report) in enumerate(reports.items(), start=1):
        progress(number - 1, len(reports), tr("{0}（{1}/{2}）").format(name, number, len(reports)))
        try:
            write_report(report, folder / handover_file_name(year, name))
        except ExportError as error:
            failures.append(f"{name}: {error}")
    return failures


class HandoverNotice:
    """Shows the person arriving, once, what was handed over with the plan they open (its notes and open
    items), then marks it seen (not an undo step). Watches every Change; looks when another plan is shown."""

    def __init__(self, window):
        self.window = window
        self._pending = False

    def apply(self, change) -> None:
        if change.plan and not self._pending:
            from PySide6.QtCore import QTimer

            self._pending = True
            QTimer.singleShot(0, self.show)  # after the window has shown the plan

    def show(self) -> None:
        self._pending = False
        window = self.window
        editor = window.editor
        if editor is None or not editor.plan.handover.arrived:
            return
        from ..services.handover import arrival_text  # python-docx with it: only when there is something to show

        alerts.info(window, tr("前任の方からの引継ぎ"), arrival_text(editor.plan, editor.session.review_marks()))
        window.run_command(editor.acknowledge_handover, failure="引継ぎを表示済みにできませんでした")


def install(window) -> AdoptionActions:
    return AdoptionActions(window)
