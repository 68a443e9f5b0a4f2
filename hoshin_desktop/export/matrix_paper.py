"""The booklet's directive × department table as printed, shared by the Word booklet and the PDF.

Fourteen departments side by side leave each a narrow column: a name there is set vertically (one
character a line, as Japanese tables do), so that no name breaks inside a word (「子ど｜も家｜庭部」);
a cell says 「3方」 (three goals and a 【部の方針】), 「方」 (a 部の方針 alone) or 「3」, explained
by the legend above the table; the directive's text is cut to one line, so that as many rows as
possible share a page.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.matrix import CoverageMatrix, MatrixCell
from . import styles as s
from .layout import CELL_PAD_X
from .matrix_files import NOT_SUBMITTED, UNADDRESSED
from .widths import estimate

ANSWERED = "方"
UNADDRESSED_SHADE = "F2F2F2"  # a row no department answers
LEGEND = (f"数字：その項目に関連付けた目標の数　{ANSWERED}：その項目に【部の方針】があること（「3{ANSWERED}」は目標3件と部の方針、"
          f"「{ANSWERED}」は部の方針のみ）　空欄：対応なし　網掛けの行：どの部も対応していない項目（{UNADDRESSED}）")
CODE_TITLE, TEXT_TITLE, GOALS_TITLE, DEPARTMENTS_TITLE = "項目", "基本方針", "目標数計", "対応した部"


def vertical(text: str) -> str:
    """One character a line: a name set vertically in a narrow column."""
    return "\n".join(text)


def cell_text(cell: MatrixCell) -> str:
    if not cell.addressed:
        return ""
    return f"{cell.goals or ''}{ANSWERED if cell.answered else ''}" or "0"


@dataclass(frozen=True)
class MatrixPaper:
    """The table's texts and column widths (points) for a page ``width`` points wide."""

    header: list[str]
    rows: list[tuple[list[str], bool]]  # (cells, addressed: False rows are shaded)
    totals: list[str]
    widths: list[float]


def _points(characters: float) -> float:
    return characters * s.TABLE_PT + 2 * CELL_PAD_X + 1


def _one_line(text: str, characters: float) -> str:
    """``text`` cut to one line of ``characters`` (full-width), with 「…」 where cut."""
    if estimate(text) <= characters:
        return text
    kept = ""
    for ch in text:
        if estimate(kept + ch) > characters - 1:
            break
        kept += ch
    return kept.rstrip("…") + "…"


def matrix_paper(matrix: CoverageMatrix, width: float) -> MatrixPaper:
    count = len(matrix.departments)
    totals = ["合計", "", *(str(matrix.column_goals(i)) if matrix.submitted[i] else vertical(NOT_SUBMITTED)
                          for i in range(count)), str(matrix.goals), ""]
    bodies = [[row.code, row.short_text, *map(cell_text, row.cells), str(row.goals),
               str(row.departments_addressing) if row.addressed else UNADDRESSED] for row in matrix.rows]
    columns = list(zip(*bodies, totals)) if bodies else [(t,) for t in totals]

    def widest(index: int, least: float) -> float:
        return max([least, *(max(map(estimate, text.split("\n"))) for text in columns[index] if text)])

    # half a character spare: Word and LibreOffice put a little space between a digit and 方 (autospace)
    widths = [_points(widest(0, 2.5)), 0.0, *(_points(widest(2 + i, 1.0) + 0.5) for i in range(count)),
              _points(widest(2 + count, 2.0)), _points(widest(3 + count, 2.0))]
    widths[1] = max(width - sum(widths), _points(8))
    characters = (widths[1] - _points(0)) / s.TABLE_PT - 1  # one spare: Latin digits run wider in Word
    header = [CODE_TITLE, TEXT_TITLE, *map(vertical, matrix.departments), vertical(GOALS_TITLE),
              vertical(DEPARTMENTS_TITLE)]
    rows = [([body[0], _one_line(body[1], characters), *body[2:]], row.addressed)
            for body, row in zip(bodies, matrix.rows)]
    return MatrixPaper(header, rows, totals, widths)
