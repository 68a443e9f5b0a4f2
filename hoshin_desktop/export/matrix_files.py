"""The directive × department matrix as a table file: CSV for any program, .xlsx for Excel.

Both hold the same table (``matrix_table``): one row per directive, for each department the
number of goals pinned and a ○ where it wrote a 【部の方針】 (blank for a department without a
plan, which has nothing to count: not 0), the row's totals and 「未対応」 where no department
answers the directive; a last row of column totals (「未提出」 for a department without a plan). The CSV is UTF-8
with a BOM, which Excel needs to read Japanese; the .xlsx is made with openpyxl.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..domain.matrix import CoverageMatrix
from .atomic import write_bytes

UNADDRESSED = "未対応"
NOT_SUBMITTED = "未提出"
ANSWER_MARK = "○"


def answer_column(department: str) -> str:
    return f"{department}（部の方針）"


def matrix_header(matrix: CoverageMatrix) -> list[str]:
    columns = [column for name in matrix.departments for column in (name, answer_column(name))]
    return ["項目", "基本方針", *columns, "目標数計", "対応した部の数", "状況"]


def matrix_table(matrix: CoverageMatrix) -> list[list]:
    """Header, one row per directive, then the totals: what both file kinds hold."""
    rows: list[list] = [matrix_header(matrix)]
    for row in matrix.rows:
        cells = [value for cell, submitted in zip(row.cells, matrix.submitted)
                 for value in ((cell.goals, ANSWER_MARK if cell.answered else "") if submitted else ("", ""))]
        rows.append([row.code, row.short_text, *cells, row.goals, row.departments_addressing,
                     "" if row.addressed else UNADDRESSED])
    totals = [value for i, submitted in enumerate(matrix.submitted)
              for value in ((matrix.column_goals(i), matrix.column_answers(i)) if submitted
                            else (NOT_SUBMITTED, NOT_SUBMITTED))]
    rows.append(["合計", "", *totals, matrix.goals, "", f"{UNADDRESSED} {len(matrix.unaddressed)}項目"])
    return rows


def write_matrix_csv(matrix: CoverageMatrix, path: Path) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(matrix_table(matrix))
    return write_bytes(Path(path), ("\ufeff" + buffer.getvalue()).encode("utf-8"))


def write_matrix_xlsx(matrix: CoverageMatrix, path: Path) -> Path:
    """One sheet, header frozen, unaddressed rows shaded and marked in words (prints in black and white)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.worksheets[0]  # a new workbook's one sheet
    sheet.title = "全庁の対応状況"
    table = matrix_table(matrix)
    for values in table:
        sheet.append(values)
    bold, shade = Font(bold=True), PatternFill("solid", fgColor="FFF2CC")
    for cell in sheet[1]:
        cell.font, cell.alignment = bold, Alignment(wrap_text=True, vertical="top")
    for row_number, values in enumerate(table[1:-1], start=2):
        if values[-1] == UNADDRESSED:
            for cell in sheet[row_number]:
                cell.fill = shade
    for cell in sheet[len(table)]:
        cell.font = bold
    sheet.freeze_panes = "C2"
    sheet.column_dimensions["B"].width = 44
    for index in range(3, len(table[0]) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 8
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.print_title_rows = "1:1"
    buffer = io.BytesIO()
    book.save(buffer)
    return write_bytes(Path(path), buffer.getvalue())
