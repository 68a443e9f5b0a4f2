"""「全庁の対応状況」: the directive × department matrix of a year, in a window beside the work.

Rows are the year's directives (code and short text), columns the departments in the
year's order, then the row totals. A cell shows the number of goals pinned and 「方」 where
the department wrote a 【部の方針】. Directives no department addresses are shaded and say
「未対応」 in words (the page may be printed in black and white). Clicking a cell lists that
department's goals for that directive below; double-clicking a goal opens it in the main window,
which comes to the front (the matrix is a window of its own, not one kept above the main window).
Department names stand in short lines (選挙管理 / 委員会 / 事務局) so that all fourteen columns fit a
1366-pixel screen; 「CSV・Excel に書き出し」 writes the same table as ``export-matrix``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.matrix import CoverageMatrix
from ..domain.numbering import goal_numbers, number_of, paper_order
from ..domain.wareki import fiscal_year_label
from ..services.matrix import coverage_matrix
from . import alerts, folders
from .i18n import tr
from .widgets import fit_to_screen

UNADDRESSED_SHADE = QColor("#fff2cc")
GOAL_ROLE = Qt.ItemDataRole.UserRole

# open_goal(year, department, code, goal_id or None): show it in the main window
OpenGoal = Callable[[int, str, str, int | None], None]


def cell_text(goals: int, answered: bool) -> str:
    """「3 方」: goals pinned, and 方 when a 【部の方針】 exists; empty when neither."""
    if not goals and not answered:
        return ""
    return f"{goals} {tr('方')}" if answered else str(goals)


HEADER_LINE = 4  # characters a department's name keeps on one line of the column heading, before a unit word
UNIT_WORDS = ("事務局", "委員会", "部")  # where a long name breaks: 農業 / 委員会 / 事務局, まちづくり / 部
ROW_HEADING_EM = 15  # the directives' column: code and opening words (the full text on hover)


def heading_lines(name: str) -> str:
    """A department's name in short lines for a narrow column: the unit words at the end go to lines of their own."""
    tail: list[str] = []
    while len(name) > HEADER_LINE:
        word = next((w for w in UNIT_WORDS if name.endswith(w) and len(name) > len(w)), None)
        if word is None:
            break
        tail.insert(0, word)
        name = name[:-len(word)]
    return "\n".join([name, *tail])


class MatrixView(QDialog):
    def __init__(self, session, fiscal_year: int, open_goal: OpenGoal, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.open_goal = open_goal
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.setWindowFlag(Qt.WindowType.WindowMinMaxButtonsHint, True)  # a window to maximise, not a fixed dialog
        self.setSizeGripEnabled(True)
        fit_to_screen(self, 1600, 960)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget()
        self.table.setAccessibleName(tr("基本方針の項目と部の対応状況の表"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.currentCellChanged.connect(lambda row, column, *_: self._show_cell(row, column))
        splitter.addWidget(self.table)
        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        self.detail_title = QLabel(tr("表のマスをクリックすると、その部のその項目の目標と部の方針が出ます。"))
        self.detail_title.setWordWrap(True)
        details_layout.addWidget(self.detail_title)
        self.goals = QListWidget()
        self.goals.setAccessibleName(tr("選んだ部と項目の目標"))
        self.goals.itemActivated.connect(self._open_item)
        details_layout.addWidget(self.goals)
        splitter.addWidget(details)
        splitter.setSizes([520, 200])
        layout.addWidget(splitter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("閉じる"))
        self.export_button = buttons.addButton(tr("CSV・Excel に書き出し…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setToolTip(tr("この表を Excel ブック（.xlsx）か CSV に書き出します"))
        self.export_button.clicked.connect(self.export)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.show_year(fiscal_year)

    def show_year(self, fiscal_year: int) -> None:
        self.fiscal_year = fiscal_year
        self.matrix = coverage_matrix(self.session, fiscal_year)
        self.setWindowTitle(tr("全庁の対応状況 — {0}").format(fiscal_year_label(fiscal_year)))
        self._fill(self.matrix)

    def _fill(self, matrix: CoverageMatrix) -> None:
        departments = len(matrix.departments)
        self.table.clear()
        self.table.setRowCount(len(matrix.rows) + 1)
        self.table.setColumnCount(departments + 2)
        headers = [heading_lines(name) + ("" if submitted else tr("\n（未提出）"))
                   for name, submitted in zip(matrix.departments, matrix.submitted)]
        for column, text in enumerate(headers + [tr("目標\n数計"), tr("対応\nした部")]):
            heading = QTableWidgetItem(text)
            heading.setToolTip(matrix.departments[column] if column < departments else "")
            self.table.setHorizontalHeaderItem(column, heading)
        self._row_headings([f"{row.code} {row.short_text}" for row in matrix.rows] + [tr("合計")])
        for r, row in enumerate(matrix.rows):
            for c, cell in enumerate(row.cells):
                self._set(r, c, cell_text(cell.goals, cell.answered), shade=not row.addressed)
            self._set(r, departments, str(row.goals), shade=not row.addressed)
            self._set(r, departments + 1, f"{row.departments_addressing}" if row.addressed else tr("未対応"),
                      shade=not row.addressed)
        total_row = len(matrix.rows)
        for c in range(departments):
            self._set(total_row, c, str(matrix.column_goals(c)) if matrix.submitted[c] else tr("未提出"))
        self._set(total_row, departments, str(matrix.goals))
        self._set(total_row, departments + 1, "")
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        unaddressed = "、".join(row.code for row in matrix.unaddressed) or tr("なし")
        self.summary.setText(tr("{0}：基本方針 {1}項目 × {2}部（計画あり {3}部）。数字は関連付けた目標の数、「{4}」は部の方針あり。"
                                "どの部も対応していない項目（網掛け）: {5}").format(
            fiscal_year_label(matrix.fiscal_year), len(matrix.rows), departments, sum(matrix.submitted),
            tr("方"), unaddressed))

    def _row_headings(self, texts: list[str]) -> None:
        """Each directive's code and opening words, cut to ROW_HEADING_EM characters (whole on hover)."""
        metrics = self.table.verticalHeader().fontMetrics()
        room = ROW_HEADING_EM * metrics.horizontalAdvance("あ")
        for number, text in enumerate(texts):
            heading = QTableWidgetItem(metrics.elidedText(text, Qt.TextElideMode.ElideRight, room))
            heading.setToolTip(text)
            self.table.setVerticalHeaderItem(number, heading)

    def _set(self, row: int, column: int, text: str, *, shade: bool = False) -> None:
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        if shade:
            item.setBackground(QBrush(UNADDRESSED_SHADE))
        self.table.setItem(row, column, item)

    def _show_cell(self, row: int, column: int) -> None:
        """List the department's goals pinned to the directive, and say whether it answered it."""
        self.goals.clear()
        if not (0 <= row < len(self.matrix.rows) and 0 <= column < len(self.matrix.departments)):
            return
        code, department = self.matrix.rows[row].code, self.matrix.departments[column]
        plan = self.session.load_plan(self.fiscal_year, department)
        if plan is None:
            self.detail_title.setText(tr("{0}: 計画はまだ提出されていません。").format(department))
            return
        answered = tr("部の方針あり") if plan.answer(code).strip() else tr("部の方針なし")
        pinned = [goal for _number, goal in paper_order(plan) if code in goal.directives]
        self.detail_title.setText(tr("{0} × 項目 {1}: 目標 {2}件、{3}（ダブルクリックでその目標を開きます）").format(
            department, code, len(pinned), answered))
        numbers = goal_numbers(plan)
        for goal in pinned:
            item = QListWidgetItem(f"No.{number_of(numbers, goal, '?')}　{goal.title or tr('（目標未記入）')}")
            item.setData(GOAL_ROLE, (department, code, goal.id))
            self.goals.addItem(item)
        if not pinned:
            item = QListWidgetItem(tr("（この項目に関連付けた目標はありません。ダブルクリックで項目を開きます）"))
            item.setData(GOAL_ROLE, (department, code, None))
            self.goals.addItem(item)

    def _open_item(self, item: QListWidgetItem) -> None:
        department, code, goal_id = item.data(GOAL_ROLE)
        self.open_goal(self.fiscal_year, department, code, goal_id)

    def export(self) -> Path | None:
        """The table as the command line's ``export-matrix`` writes it: .xlsx, or .csv when the user names one."""
        from ..export.filenames import sanitize
        from ..services.matrix import MATRIX_SUFFIXES, export_matrix
        from .export_actions import save_file

        caption = tr("全庁の対応状況を書き出し")
        name = sanitize(tr("{0}_全庁の対応状況.xlsx").format(fiscal_year_label(self.fiscal_year)))
        file_filter = tr("Excel ブック (*.xlsx);;CSV (*.csv)")
        path = alerts.save_path(self, caption, folders.last_folder(folders.MATRIX) / name, file_filter)
        if path is None:
            return None
        suffix = path.suffix.lower() if path.suffix.lower() in MATRIX_SUFFIXES else ".xlsx"
        return save_file(self, caption, Path(name).with_suffix(suffix).name, file_filter,
                         lambda target, _report: export_matrix(self.session, self.fiscal_year, target),
                         purpose=folders.MATRIX, path=path)
