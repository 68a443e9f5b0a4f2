"""The blocks of our Word documents, built through python-docx's API.

Paragraphs with their style and format (indents, keep-with-next, keep-lines, page break
before: ``ParagraphFormat``), tables with their column grid and fixed layout, rows
(``Table.add_row``, which gives every cell the width of its column), merged cells, vertical
alignment, sections and page orientation. What python-docx cannot express (ruby, borders,
cantSplit, tblHeader, shading, fields) is in ``ooxml.py``.

Cost (cProfile, a plan of 1,000 goals; tests/benchmarks/README.md): python-docx looks up, for every element
it adds, each element that may follow it, so a paragraph's format through ``ParagraphFormat``
costs 40–80 µs, ``Paragraph.style`` 170 µs (it walks every style for the default one) and
``Table.add_row`` about 65 µs a cell (mostly the cell's width). A document holds a few dozen
distinct paragraph formats and two or three kinds of row among thousands: python-docx makes
each once, and later paragraphs and rows get a copy of what it made (``_properties``,
``_empty_row``). A row's cells are fetched once, from that row (never ``table.cell(r, c)``, which
builds the whole grid), and a new cell's own first paragraph is used before adding more.
"""

from __future__ import annotations

import copy
import functools

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row, CT_Tbl
from docx.section import Section
from docx.shared import Length, Twips
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.parfmt import ParagraphFormat
from lxml import etree

from ..domain.models import RubyText
from . import ooxml
from .content import Line
from .styles import A4_LONG, A4_SHORT, StyleDef

_P = qn("w:p")


def write(paragraph: Paragraph, style: StyleDef, text: str | RubyText = "", *, line: Line | None = None,
          page_break_before: bool = False, keep_next: bool = False, keep_lines: bool = False) -> Paragraph:
    """Fill a new, empty paragraph: ``style`` and its format, then the text (``line`` gives text and
    indents in characters).

    ``keep_next`` in a table keeps the row on the page of the next row; ``keep_lines`` lets a row
    taller than a page split between paragraphs, not inside one.
    """
    left, first = (_twips(line.left, style.size), _twips(line.first, style.size)) if line is not None else (0, 0)
    properties = _properties(style.id, left, first, page_break_before, keep_next, keep_lines)
    paragraph._p.insert(0, copy.copy(properties))  # an lxml element copies all it holds
    if line is not None:
        text = line.text
    ooxml.ruby_text_runs(paragraph._p, text if isinstance(text, RubyText) else RubyText(text), style.size)
    return paragraph


def _twips(chars: float, size_pt: float) -> int:
    return round(chars * size_pt * 20)


@functools.cache
def _properties(style_id: str, left: int, first: int, page_break_before: bool, keep_next: bool, keep_lines: bool):
    """The w:pPr of a paragraph in this format, made by python-docx once and copied into each paragraph
    (2 µs instead of 40–80 µs). Callers copy it; it is never changed.

    The style goes through the paragraph element's ``style`` (``Paragraph.style`` wants a style
    object of one document; both write the same w:pStyle).
    """
    p = OxmlElement("w:p")
    p.style = style_id
    form = ParagraphFormat(p)
    form.keep_with_next = keep_next or None
    form.keep_together = keep_lines or None
    form.page_break_before = page_break_before or None
    if left or first:
        form.left_indent = Twips(left)
        form.first_line_indent = Twips(first) if first else None  # negative: a hanging indent
    return p.pPr


def paragraph(container, style: StyleDef, text: str | RubyText = "", **formatting) -> Paragraph:
    """A new paragraph at the end of ``container`` (a Document, before its section properties; a cell)."""
    return write(container.add_paragraph(), style, text, **formatting)


def cell_paragraphs(cell: _Cell, count: int) -> list[Paragraph]:
    """``count`` empty paragraphs of a new cell: the one every cell is made with, then new ones at its end
    (what ``_Cell.add_paragraph`` does, without looking for elements that may follow a paragraph)."""
    tc = cell._tc
    return [Paragraph(tc.find(_P), cell)] + [Paragraph(etree.SubElement(tc, _P), cell) for _ in range(count - 1)]


def cell_text(cell: _Cell, style: StyleDef, text: str | RubyText = "", **formatting) -> Paragraph:
    """The text of a new cell, in its own first paragraph."""
    return write(cell.paragraphs[0], style, text, **formatting)


class Grid:
    """A table being filled row by row."""

    def __init__(self, table: Table, widths: tuple[int, ...]):
        self.table = table
        self.widths = widths  # twips, the grid's columns

    def row(self, *, header: bool = False, cant_split: bool = False) -> tuple[_Cell, ...]:
        """A new row's cells, each as wide as its column; a header row repeats on every page,
        a cant_split row is kept on one page."""
        tr = copy.copy(_empty_row(self.widths, header, cant_split))  # an lxml element copies all it holds
        self.table._tbl.append(tr)  # rows are the last children of w:tbl, as add_row puts them
        return tuple(_Cell(tc, self.table) for tc in tr.tc_lst)  # what row.cells gives for a row without spans


@functools.lru_cache(maxsize=256)
def _empty_row(widths: tuple[int, ...], header: bool, cant_split: bool) -> CT_Row:
    """An empty row of cells as wide as the columns ``widths`` (twips), made by python-docx once and
    copied for every row of that kind (``Table.add_row`` costs about 65 µs a cell, a copy of the whole
    row 15 µs; every plan's policy boxes have the same columns)."""
    tr = CT_Tbl.new_tbl(0, len(widths), Twips(sum(widths))).add_tr()
    for width in widths:
        tr.add_tc().width = Twips(width)  # what Table.add_row gives each cell: its column's width
    ooxml.row_flags(tr, header=header, cant_split=cant_split)
    return tr


def table(document, widths: list[int], *, inside: bool = True) -> Grid:
    """A fixed-layout table of ``widths`` (twips) with single black borders, at the end of ``document``."""
    body = document._body  # what Document.add_table adds the table to
    tbl = copy.copy(_empty_table(tuple(widths), inside))  # an lxml element copies all it holds
    body._element._insert_tbl(tbl)
    return Grid(Table(tbl, body), tuple(widths))


@functools.lru_cache(maxsize=256)
def _empty_table(widths: tuple[int, ...], inside: bool) -> CT_Tbl:
    """The table ``Document.add_table`` makes, without rows, fixed to the columns ``widths``: made once for
    each set of widths and copied (add_table looks for the page width through every section so far, and
    every plan's policy boxes have the same columns)."""
    tbl = CT_Tbl.new_tbl(0, len(widths), Twips(sum(widths)))  # its even columns are set just below
    tbl.tblPr.autofit = False
    for column, width in zip(tbl.tblGrid.gridCol_lst, widths):
        column.w = Twips(width)
    ooxml.table_frame(tbl, inside=inside)
    return tbl


def merged(cells: tuple[_Cell, ...]) -> _Cell:
    """One cell across ``cells`` (of a new row, still empty): the first spans the grid columns of all and
    is as wide as all, the others are gone. This is what ``_Cell.merge`` writes, without its walk over
    every row above for vertical merges (5 ms under the last row of a goal table)."""
    first, *others = (cell._tc for cell in cells)
    first.width = Length(sum(tc.width or 0 for tc in (first, *others)))  # every cell of ours has its width
    first.grid_span = sum(tc.grid_span for tc in (first, *others))
    for tc in others:
        first.getparent().remove(tc)
    return cells[0]


def closing_row(grid: Grid, style: StyleDef, text: str) -> None:
    """「以上」 as the table's own last row, without side or bottom lines, at the right.

    Word and LibreOffice keep a row whole and with the row before it when that row's
    paragraphs keep with the next (cantSplit and keepNext inside one table); LibreOffice does not
    keep the paragraph after a table with the table's last row, which left 以上 alone on a page.
    """
    cell = merged(grid.row(cant_split=True))
    ooxml.open_cell(cell._tc)
    cell_text(cell, style, text)


def shaded(cell: _Cell, fill: str | None, *, centre_vertically: bool = False) -> _Cell:
    """``cell`` filled with ``fill`` (RRGGBB; None: left white), its text centred vertically if asked."""
    if fill:
        ooxml.shade(cell._tc, fill)
    if centre_vertically:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    return cell


def set_page(section: Section, *, landscape: bool) -> None:
    """A4 portrait or landscape: width and height are swapped by hand (Word does not)."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width = Twips(A4_LONG if landscape else A4_SHORT)
    section.page_height = Twips(A4_SHORT if landscape else A4_LONG)
