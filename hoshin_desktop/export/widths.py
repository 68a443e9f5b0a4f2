"""Column widths of the goal table that follow what is written in it.

Each column gets at least the width of its longest unbreakable piece (a number with its
unit such as 「1,500件」, a Latin word, a header word) and at most what its longest paragraph
needs; the rest of the page is shared in proportion to how much text each column holds.
So no column wraps at four characters while another stays half empty, and the .docx and
the PDF, which both call this, get the same table. Widths are estimated in characters
(full-width 1, half-width a little over ½), which needs no font file.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

from ..domain.models import RubyText
from . import content as c
from . import styles as s
from .layout import CELL_PAD_X, token_texts

TEXT_FLOOR = 5  # characters: the narrowest a column of running text may get
TOKEN_CAP = 8  # characters: a longer unbreakable piece (a pasted URL, 「AAAA…」) is broken, not given the page
# a half-width character's width in em: wider than ½ for the Latin faces Word may pick, and LibreOffice's
# stand-in for ＭＳ 明朝's digits (DejaVu Serif, 0.64 em)
LATIN = 0.65


AUTOSPACE = 0.25  # em Word and LibreOffice add between a kanji and a Latin letter or digit (「4月10日」)


@lru_cache(maxsize=65536)  # the .docx and the booklet's page count measure the same lines
def estimate(text: str) -> float:
    """Width in em, on the safe side: a column fitted to it does not wrap in Word or LibreOffice either."""
    widths = list(map(_em, text))
    seams = sum(1 for a, b in zip(widths, widths[1:]) if a != b and a and b)  # half-width next to full-width
    return sum(widths) + AUTOSPACE * seams


@cache
def _em(ch: str) -> float:
    if ch == "\n":
        return 0.0
    return 1.0 if unicodedata.east_asian_width(ch) in "FWA" else LATIN


@lru_cache(maxsize=65536)
def _token_width(text: RubyText, names: tuple[str, ...]) -> float:
    return min(TOKEN_CAP, max(map(estimate, set(token_texts(text, names))), default=0.0))


def _column_needs(lines_per_row: list[tuple[c.Line, ...]], column: c.GoalColumn, names: tuple[str, ...]):
    """(unbreakable, narrowest, widest, amount of text) of one column, in characters: ``unbreakable``
    is what its words need, ``narrowest`` adds the column's floor."""
    narrowest = max(estimate(part) for part in column.title.split("\n")) * s.TABLE_HEADER.size / s.TABLE_PT
    widest, amount = narrowest, 0.0
    for lines in lines_per_row:
        for line in lines:
            length = estimate(line.plain)
            indent = max(line.left, line.left + line.first)
            # 「政策経/営課」 reads badly: a line of a ``whole`` column (a 課, a date) gets its whole width up to
            # that many characters (Word and LibreOffice would break it anywhere on a shorter line); every line
            # its longest unbreakable piece's (a number with its unit, a long name's longest word: nobreak)
            whole = max(min(column.whole, length), _token_width(line.text, names))
            narrowest = max(narrowest, whole + indent)
            widest = max(widest, length + indent)
            amount += length
    floored = max(narrowest, column.floor, TEXT_FLOOR if column.grows else 0.0)
    return narrowest, floored, max(widest, floored), amount


def _needs(columns, rows, names) -> list[tuple[float, float, float, float]]:
    return [_column_needs([cells[i] for cells in rows], column, names) for i, column in enumerate(columns)]


def _goal_needs(content: c.PlanContent) -> list[tuple[float, float, float, float]]:
    return _needs(content.goal_columns, [row.cells for row in content.goal_rows], content.names)


def _width_of(characters: float) -> float:
    """Points a column needs for lines of ``characters``, its cell margins and border included."""
    return characters * s.TABLE_PT + 2 * CELL_PAD_X + 1


def goal_table_fits(content: c.PlanContent, width: float) -> bool:
    """Whether every column gets at least its narrowest width (its floor, its longest unbreakable
    piece) in ``width`` points: when not, the columns are squeezed alike and the paper should be
    landscape (the export says so and offers it)."""
    return sum(_width_of(narrowest) for _, narrowest, _, _ in _goal_needs(content)) <= width + 0.01


def _squeezed(hard: list[float], low: list[float], width: float) -> list[float]:
    """Widths below the floors: every column keeps what its words need and the floors share what is left;
    when even the words do not fit, every column shrinks alike."""
    if sum(hard) >= width:
        return [w * width / sum(hard) for w in hard]
    spare, wanted = width - sum(hard), sum(lo - h for h, lo in zip(hard, low))
    return [h + spare * (lo - h) / wanted for h, lo in zip(hard, low)]


def goal_column_widths(content: c.PlanContent, width: float) -> list[float]:
    """Widths in points (summing to ``width``) of the goal table's columns."""
    return table_widths(content.goal_columns, [row.cells for row in content.goal_rows], width, content.names)


def table_widths(columns: tuple[c.GoalColumn, ...], rows: list[tuple[tuple[c.Line, ...], ...]], width: float,
                 names: tuple[str, ...] = ()) -> list[float]:
    """Widths in points (summing to ``width``) of a table's ``columns`` holding ``rows`` of cells."""
    needs = _needs(columns, rows, names)
    low = [_width_of(n) for _, n, _, _ in needs]
    high = [_width_of(w) for _, _, w, _ in needs]
    amount = [max(a, 1.0) for *_, a in needs]
    if sum(low) >= width:  # more than a page can hold (goal_table_fits says so)
        return _squeezed([_width_of(u) for u, *_ in needs], low, width)
    widths = list(low)
    open_columns = set(range(len(widths)))
    while open_columns:
        spare = width - sum(widths)
        if spare <= 0.01:
            break
        share = sum(amount[i] for i in open_columns)
        capped = {i for i in open_columns if widths[i] + spare * amount[i] / share >= high[i]}
        if not capped:
            for i in open_columns:
                widths[i] += spare * amount[i] / share
            break
        for i in capped:
            widths[i] = high[i]
        open_columns -= capped
    spare = width - sum(widths)
    if spare > 0.01:  # every column has room for its longest line: widen the text columns
        grow = [i for i, column in enumerate(columns) if column.grows] or list(range(len(widths)))
        total = sum(widths[i] for i in grow)
        for i in grow:
            widths[i] += spare * widths[i] / total
    return widths
