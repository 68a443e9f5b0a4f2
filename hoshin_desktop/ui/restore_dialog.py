"""「ファイル → バックアップから復元」: every backup with when, why and what it holds; a plan
from one can be looked at before anything is restored, and the current data is backed up first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..domain.models import Plan
from ..domain.numbering import paper_order
from ..domain.wareki import fiscal_year_label, format_date, format_moment
from ..services.restore import BackupEntry, backup_entries, backup_plans, preview_plan
from . import alerts
from .i18n import tr
from .wheel_guard import ChoiceBox
from .widgets import fit_to_screen


class RestoreDialog(QDialog):
    """Lists the backups newest first; 「このバックアップに戻す」 is the accept button."""

    def __init__(self, parent: QWidget | None, data_dir):
        super().__init__(parent)
        self.setWindowTitle(tr("バックアップから復元"))
        self.setObjectName("restoreDialog")
        fit_to_screen(self, 980, 560)
        self.entries: list[BackupEntry] = backup_entries(data_dir)
        self.table = self._build_table()
        self.plans = ChoiceBox()
        self.plans.setAccessibleName(tr("見る計画"))
        self.preview = QTextBrowser()
        self.preview.setAccessibleName(tr("計画の中身"))
        self.buttons = QDialogButtonBox()
        self.restore_button = self.buttons.addButton(tr("このバックアップに戻す…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(tr("閉じる"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.table.itemSelectionChanged.connect(self._backup_chosen)
        self.plans.currentIndexChanged.connect(self._plan_chosen)
        if self.entries:
            self.table.selectRow(0)
        else:
            self.preview.setPlainText(tr("バックアップはまだありません。"))
        self._backup_chosen()

    def _build_table(self) -> QTableWidget:
        table = QTableWidget(len(self.entries), 3)
        table.setHorizontalHeaderLabels([tr("日時"), tr("いつ取ったか"), tr("中身")])
        table.setAccessibleName(tr("バックアップの一覧"))
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, entry in enumerate(self.entries):
            cells = (format_moment(entry.backup.taken_at, seconds=True), entry.backup.reason_label, entry.summary)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(entry.backup.path.name)
                table.setItem(row, column, item)
        table.resizeColumnsToContents()
        table.setWordWrap(True)  # 中身 of a backup of many years wraps rather than being cut off
        table.horizontalHeader().sectionResized.connect(lambda *_: table.resizeRowsToContents())
        return table

    def _table_room(self) -> int:
        """The width the list needs to show its dates and reasons whole, with the summaries a line each."""
        table = self.table
        return (sum(table.columnWidth(c) for c in range(table.columnCount())) + 2 * table.frameWidth()
                + table.verticalScrollBar().sizeHint().width())

    def _lay_out(self) -> None:
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("計画を見る:")))
        row.addWidget(self.plans, 1)
        column.addLayout(row)
        column.addWidget(self.preview, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        left = min(self._table_room(), int(self.width() * 0.6))
        splitter.setSizes([left, self.width() - left])
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("戻したいバックアップを選びます。戻す前に、今のデータもバックアップします"
                                   "（あとでこの一覧から元に戻せます）。")))
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)

    def chosen(self) -> BackupEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def _backup_chosen(self) -> None:
        entry = self.chosen()
        self.restore_button.setEnabled(entry is not None)
        self.plans.blockSignals(True)
        self.plans.clear()
        if entry is not None:
            try:
                keys = backup_plans(entry.backup.path)
            except ValueError as exc:
                keys = []
                self.restore_button.setEnabled(False)
                self.preview.setPlainText(str(exc))
            for year, department in keys:
                self.plans.addItem(f"{fiscal_year_label(year)} {department}", (year, department))
        self.plans.blockSignals(False)
        if self.plans.count():
            self._plan_chosen(0)
        elif entry is not None and self.restore_button.isEnabled():
            self.preview.setPlainText(tr("このバックアップには計画がありません。"))

    def _plan_chosen(self, _index: int) -> None:
        entry, key = self.chosen(), self.plans.currentData()
        if entry is None or key is None:
            return
        plan = preview_plan(entry.backup.path, *key)
        self.preview.setHtml(plan_html(plan) if plan else tr("（計画がありません）"))


def plan_html(plan: Plan) -> str:
    """A plain page of the plan: cover, then each goal with its fields (enough to recognise it)."""
    from html import escape

    dated = f"　{format_date(plan.plan_date)}" if plan.plan_date else ""
    parts = [f"<h3>{escape(fiscal_year_label(plan.fiscal_year))} {escape(plan.department)}</h3>",
             "<p>" + tr("第{0}版").format(plan.revision) + f"{dated}</p>"]
    if plan.preamble.strip():
        parts.append(f"<p>{escape(plan.preamble[:300])}</p>")
    parts.append("<p><b>" + tr("組織目標 {0}件").format(len(plan.goals)) + "</b></p>")
    for number, goal in paper_order(plan):  # the numbers said at the interview and printed as No.
        notes = [f"{label}: {escape(text)}" for label, text in ((tr("担当課"), "、".join(goal.owner_sections)),
                                                                (tr("項目"), " ".join(goal.directives))) if text]
        indent = " style='margin-left:1.5em'" if goal.parent is not None else ""
        parts.append(f"<p{indent}>No.{escape(number)} {escape(goal.title or tr('（目標なし）'))}"
                     + (f"<br><small>{'　'.join(notes)}</small>" if notes else "") + "</p>")
    return "".join(parts)


def restore_from_backup(window) -> None:
    """The menu command: choose, confirm, back up the current data, restore, show the restored data."""
    if not window.commit_edits():
        return
    dialog = RestoreDialog(window, window.session.data_dir)
    entry = dialog.chosen() if alerts.run_dialog(dialog) else None
    if entry is None:
        return
    if not alerts.ask_yes_no(window, tr("バックアップから復元"), tr(
            "作業データを、{0} のバックアップ（{1}）の内容に戻します。それより後の入力は戻ります。\n"
            "今のデータは先にバックアップするので、あとでこの一覧から元に戻せます。\n\n戻しますか？").format(
            format_moment(entry.backup.taken_at), entry.summary)):
        return
    what = tr("{0} のバックアップ「{1}」").format(format_moment(entry.backup.taken_at, seconds=True), entry.backup.reason_label)
    window.run_command(lambda: window.workspace.restore(entry.backup.path, what),
                       failure=tr("復元できませんでした"), refusal=tr("復元できませんでした"))
