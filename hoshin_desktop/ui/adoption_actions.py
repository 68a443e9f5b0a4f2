"""The File menu's items for taking a plan over from Word, handing a post over, and reporting the year,
added to the main window in one call (``install``):

ファイル → Word 文書から取り込み… (after 計画ファイルの取り込み), 事務引継ぎ…, 年度末の全庁集計の書き出し….
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
    return next(a.menu() for a in window.menuBar().actions() if a.menu() and action in a.menu().actions())


def _action(window, text: str, tip: str, slot) -> QAction:
    action = QAction(text, window)
    action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


class AdoptionActions:
    def __init__(self, window):
        self.window = window
        self.import_word = _action(window, tr("Word 文書から取り込み…"),
                                   tr("市の提出様式の Word 文書（昨年度の計画など）を読み取り、この部の計画の下書きにします"),
                                   self.run_import_word)
        file_menu = _menu_holding(window, window.act_import_file)
        before = file_menu.actions()[file_menu.actions().index(window.act_import_file) + 1]
        file_menu.insertActions(before, [self.import_word])

    # --- Word 文書から取り込み -------------------------------------------------------------------------

    def run_import_word(self) -> None:
        from ..services.word_plan_import import WordPlanError, import_into, read_word_file
        from .export_actions import last_folder, remember_folder, run_with_progress
        from .import_actions import imported
        from .word_import_dialog import WordImportDialog

        window = self.window
        if not window.commit_edits():
            return
        path = alerts.open_path(window, tr("Word 文書から取り込み"), last_folder(), tr(WORD_FILTER))
        if path is None:
            return
        try:  # a long document takes a moment: read off the GUI thread
            source = run_with_progress(window, tr("「{0}」を読み取っています…").format(Path(path).name),
                                       lambda report: read_word_file(path))
        except WordPlanError as error:
            alerts.error(window, tr("Word 文書を取り込めません"), tr("{0}\n\n何も変更していません。").format(error))
            return
        remember_folder(Path(path).parent)
        dialog = WordImportDialog(window.session, source, window)
        if not alerts.run_dialog(dialog) or dialog.read is None:
            return
        read, accepted = dialog.read, dialog.accepted_proposals()
        if window.run_command(lambda: import_into(window.workspace, read, accepted), failure="Word 文書を取り込めません",
                              refusal="Word 文書を取り込めません") is None:
            return
        plan = read.plan
        imported(window, tr("{0} {1}の計画").format(fiscal_year_label(plan.fiscal_year), plan.department))


def install(window) -> AdoptionActions:
    return AdoptionActions(window)
