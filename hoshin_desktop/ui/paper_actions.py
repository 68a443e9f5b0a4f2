"""Word habits around paper, added to the main window in one call (``install``).

- 提出前の確認 (F7, Word's key for checking a document): a panel, its items jump to their place;
- 印刷プレビュー on Ctrl+F2 (Word's key) and a toolbar button;
- Ctrl+S: nothing to save by hand, so the status bar says when the plan was last saved;
- ファイル → 書き出しの記録: every export and printout of this plan, with the fingerprint on its footer.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout

from ..domain.wareki import fiscal_year_label, format_moment
from ..storage.errors import StorageError
from . import alerts
from .i18n import tr
from .widgets import fit_to_screen

if TYPE_CHECKING:
    from .submission_panel import SubmissionPanel

SAVED_MESSAGE_MS = 8000


def _menu_holding(window, action):
    return next(a.menu() for a in window.menuBar().actions() if a.menu() and action in a.menu().actions())


class PaperActions:
    def __init__(self, window):
        self.window = window
        self._panel: SubmissionPanel | None = None
        self.check = QAction(tr("提出前の確認(&K)…"), window)
        self.check.setShortcut(QKeySequence("F7"))
        self.check.setStatusTip(tr("受け取る側が差し戻しそうな点（未記入、字数、表記の混在、個人情報など）を一覧します（F7）"))
        self.check.triggered.connect(lambda _checked=False: self.panel.open())
        self.ledger = QAction(tr("書き出しの記録(&L)…"), window)
        self.ledger.setStatusTip(tr("この計画を書き出し・印刷した日時、保存先、版と指紋の一覧です"))
        self.ledger.triggered.connect(lambda _checked=False: self.show_ledger())
        self.save = QAction(tr("保存(&S)"), window)
        self.save.setShortcut(QKeySequence.StandardKey.Save)
        self.save.triggered.connect(lambda _checked=False: self.say_saved())
        window.addAction(self.save)
        window.actions.preview.setShortcut(QKeySequence("Ctrl+F2"))
        window.actions.preview.setToolTip(tr("印刷したときの見た目を確かめます（Ctrl+F2）"))
        file_menu = _menu_holding(window, window.actions.export_docx)
        file_menu.insertActions(window.actions.export_docx, [self.check])
        file_menu.insertActions(window.actions.quit, [self.save])  # every shortcut shows in a menu
        file_menu.insertSeparator(window.actions.quit)
        file_menu.insertSeparator(window.actions.export_docx)
        file_menu.insertActions(window.actions.export_file, [self.ledger])
        file_menu.insertSeparator(window.actions.export_file)
        self.tool_preview = QAction(tr("印刷プレビュー"), window)
        self.tool_preview.setToolTip(window.actions.preview.toolTip())
        self.tool_preview.triggered.connect(lambda _checked=False: window.actions.preview.trigger())
        window.toolbar.bar.addAction(self.tool_preview)

    @property
    def panel(self) -> SubmissionPanel:
        """The F7 panel, built when first opened: the first screen does without it and its rules."""
        if self._panel is None:
            from .submission_panel import SubmissionPanel

            self._panel = SubmissionPanel(self.window)
            self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self._panel)
        return self._panel

    def say_saved(self) -> None:
        """Ctrl+S: write what is still being typed, then say that saving is automatic, and when it last happened."""
        window = self.window
        if window.editor is None or not window.commit_edits():
            return
        plan = window.editor.plan
        try:
            saved = window.session.last_saved(plan.fiscal_year, plan.department)
        except StorageError:
            saved = None
        when = f"{saved:%H:%M:%S}" if saved and saved.date() == datetime.now().date() else (
            format_moment(saved) if saved else tr("まだありません"))
        window.statusBar().showMessage(tr("自動で保存されています（最終保存 {0}）").format(when), SAVED_MESSAGE_MS)

    def show_ledger(self) -> None:
        window = self.window
        if window.editor is None:
            return
        plan = window.editor.plan
        try:
            records = window.session.export_records(plan.fiscal_year, plan.department)
        except StorageError as error:
            alerts.error(window, tr("書き出しの記録"), str(error))
            return
        dialog = LedgerDialog(window, f"{fiscal_year_label(plan.fiscal_year)} {plan.department}", records)
        try:
            alerts.run_dialog(dialog)
        finally:
            dialog.deleteLater()


class LedgerDialog(QDialog):
    """The export ledger of one plan, newest first."""

    def __init__(self, parent, label: str, records):
        from ..services.exports import KIND_LABELS

        super().__init__(parent)
        self.setWindowTitle(tr("書き出しの記録 — {0}").format(label))
        intro = QLabel(tr("紙のフッターの「第2版　令和6年3月29日　1A2B3C4D」の最後の8文字（指紋）で、どの書き出しの紙かを照らし合わせられます。")
                       if records else tr("この計画はまだ書き出し・印刷されていません。"))
        intro.setWordWrap(True)
        columns = [tr("日時"), tr("種類"), tr("版"), tr("最終編集"), tr("指紋"), tr("保存先")]
        self.table = QTableWidget(len(records), len(columns))
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setAccessibleName(tr("書き出しの記録"))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, record in enumerate(records):
            values = (format_moment(record.exported_at), KIND_LABELS.get(record.kind, record.kind),
                      tr("第{0}版").format(record.revision), record.edited_on, record.fingerprint, record.path or "—")
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(str(value)))
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("閉じる"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 820, 360)


def install(window) -> PaperActions:
    return PaperActions(window)
