"""ファイル → 提出された計画の取り込み: every department's plan file from one folder, in one batch.

The folder is checked whole before anything is written; one table shows every file (what
it is, how it compares with the plan held, its problems) with a check box for the files
to take in. New and newer files are ticked; older, identical and duplicate files are not,
and unreadable ones cannot be. Taking them in is one backup and one step to undo.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.wareki import format_moment
from ..services.plan_collection import SAME, BatchImport, Submission, check_folder
from . import alerts, folders
from .i18n import tr
from .widgets import fit_to_screen, table_item

FILE_COLUMN_WIDTH = 180  # long names are shortened in the middle; the tooltip has the whole name
# A long comparison (「重複（同じ部のファイル「…」と同じ内容です）」) or list of new 課 wraps onto more
# lines rather than push 版 and 最終更新 off a 1366-wide screen.
WRAPPED_COLUMNS = (2, 3, 8)  # 年度・部, 持っている計画と比べて, 追加する課
WRAPPED_COLUMN_WIDTH = 160


class SubmissionsDialog(QDialog):
    """The table of checked files; the ticks say which to take in."""

    def __init__(self, folder: Path, submissions: list[Submission], parent: QWidget | None = None):
        super().__init__(parent)
        self.submissions = submissions
        self.setWindowTitle(tr("提出された計画の取り込み"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        fit_to_screen(self, 1240, 560)
        layout = QVBoxLayout(self)
        unreadable = sum(not s.readable for s in submissions)
        intro = tr("「{0}」の計画ファイル {1}件を確かめました（まだ何も取り込んでいません）。"
                   "チェックを付けたファイルを取り込みます。古い・同じ・重複のファイルは、選んだときだけ取り込みます。").format(
            folder, len(submissions))
        if unreadable:
            intro += tr("\n問題のある {0}件は取り込めません（ほかのファイルは取り込めます）。").format(unreadable)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        columns = [tr("取り込む"), tr("ファイル"), tr("年度・部"), tr("持っている計画と比べて"), tr("版"), tr("最終更新"),
                   tr("指紋"), tr("目標"), tr("追加する課"), tr("問題")]
        self.table = QTableWidget(len(submissions), len(columns))
        self.table.setAccessibleName(tr("確かめた計画ファイルの一覧"))
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for row, submission in enumerate(submissions):
            self._fill_row(row, submission)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(1, FILE_COLUMN_WIDTH)
        for column in WRAPPED_COLUMNS:
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), WRAPPED_COLUMN_WIDTH))
        # 問題 takes the room that is left and wraps: 版 and 最終更新 stay in sight, the problem whole.
        self.table.horizontalHeader().setSectionResizeMode(len(columns) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(self._tick_changed)
        layout.addWidget(self.table)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("キャンセル"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update_ok()

    def _fill_row(self, row: int, s: Submission) -> None:
        tick = QTableWidgetItem()
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        tick.setFlags(flags | Qt.ItemFlag.ItemIsUserCheckable if s.choosable else flags)
        tick.setCheckState(Qt.CheckState.Checked if s.chosen else Qt.CheckState.Unchecked)
        self.table.setItem(row, 0, tick)
        edited = format_moment(s.edited_at) if s.edited_at else tr("不明")
        problems = (s.problems[0].splitlines()[0] + (tr("（ほか{0}件）").format(len(s.problems) - 1)
                                                     if len(s.problems) > 1 else "")) if s.problems else ""
        # An unreadable file's problem goes in 問題 only: here it widened the column past the screen.
        compared = s.status if not s.readable else s.status + (f"（{s.note}）" if s.note else _held(s))
        values = [s.path.name, s.plan_label, compared,
                  tr("第{0}版").format(s.revision) if s.readable else "", edited if s.readable else "", s.fingerprint,
                  str(s.goals) if s.readable else "", "、".join(s.new_sections), problems]
        for column, value in enumerate(values, start=1):
            item = QTableWidgetItem(value)
            item.setToolTip("\n".join([s.path.name, *s.problems]))
            self.table.setItem(row, column, item)

    def _tick_changed(self, item: QTableWidgetItem) -> None:
        """Keep the ticks and the submissions in step; at most one file per department."""
        if item.column() != 0:
            return
        chosen = self.submissions[item.row()]
        chosen.chosen = item.checkState() == Qt.CheckState.Checked
        if chosen.chosen:
            for row, other in enumerate(self.submissions):
                if other is not chosen and other.chosen and other.key == chosen.key:
                    other.chosen = False
                    table_item(self.table, row, 0).setCheckState(Qt.CheckState.Unchecked)
        self._update_ok()

    def _update_ok(self) -> None:
        count = sum(s.chosen for s in self.submissions)
        self.ok.setText(tr("{0}件を取り込む").format(count))
        self.ok.setEnabled(count > 0)


def _held(s: Submission) -> str:
    """「（持っている計画: 第2版 2024-03-28 10:15）」 when a plan is held and the file differs from it."""
    if s.held is None or s.status == SAME:
        return ""
    return tr("（持っている計画: 第{0}版 {1}）").format(s.held.revision, format_moment(s.held.edited_at))


def choose_submitted_plans(parent, session) -> list[Submission] | None:
    """Choose the 提出 folder, check every file, let the user choose which to take in (None: none)."""
    folder = alerts.choose_folder(parent, tr("提出された計画ファイルのあるフォルダーを選んでください"),
                                  folders.last_folder(folders.SUBMISSIONS))
    if folder is None:
        return None
    try:
        submissions = check_folder(session, folder)
    except (LookupError, OSError) as error:
        alerts.error(parent, tr("提出された計画を取り込めません"), str(error))
        return None
    folders.remember_folder(folder, folders.SUBMISSIONS)
    dialog = SubmissionsDialog(folder, submissions, parent)
    if not alerts.run_dialog(dialog) or not any(s.chosen for s in submissions):
        return None
    return submissions


def tell_imported(parent, result: BatchImport) -> None:
    """What the batch took in, the 課 it added, what the files held that was not read, how to undo it."""
    added = [f"{s.department}: {'、'.join(s.new_sections)}" for s in result.imported if s.new_sections]
    text = result.summary() + (tr("\n\n追加した課:\n") + "\n".join(added) if added else "")
    notes = result.notes()
    text += tr("\n\n読み込まなかった項目:\n") + "\n".join(notes[:20]) if notes else ""
    alerts.info(parent, tr("提出された計画を取り込みました"),
                text + tr("\n\n「ファイル」→「提出された計画の取り込みを元に戻す」で、まとめて元に戻せます。"))
