"""Reports in the city's style from the plan's template: the 事務引継書 and the year-end summary.

A report is a date and a title, a few lines under the title, then parts, each a heading with
paragraphs and a table (header repeated on every page, rows kept whole where they fit), then
以上. Built from the same styles, fonts and blocks as the plan's own paper (docx_blocks.py); the
footer carries the report's own stamp (what it is and when it was written) where the plan has
its 版.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from docx.document import Document

from . import content as c
from . import docx_blocks as blocks
from . import docx_writer, ooxml
from . import styles as s
from .atomic import atomic_target
from .options import FONT_SETS
from .pages import row_fits_estimated


@dataclass(frozen=True)
class ReportColumn:
    title: str
    weight: float  # share of the text width (any unit: the columns' weights are summed)
    centred: bool = False


@dataclass(frozen=True)
class ReportTable:
    columns: tuple[ReportColumn, ...]
    rows: tuple[tuple[str, ...], ...]
    empty: str = "（なし）"  # said instead of an empty table
    bold_last: bool = False  # a totals row


@dataclass(frozen=True)
class ReportPart:
    heading: str
    paragraphs: tuple[str, ...] = ()
    table: ReportTable | None = None
    after: tuple[str, ...] = ()  # paragraphs under the table


@dataclass(frozen=True)
class Report:
    title: str
    date: str  # 和暦, right-aligned above the title
    stamp: str  # the footer's stamp
    author: str  # the document's author property (a department, or the planning office)
    lead: tuple[str, ...] = ()  # right-aligned lines under the title (who hands over, …)
    parts: tuple[ReportPart, ...] = ()
    landscape: bool = False


def build_report(report: Report, font: str = "ms") -> Document:
    document = docx_writer.open_template()
    if font != "ms":
        ooxml.apply_font_set(document.styles.element, FONT_SETS[font])
    docx_writer.empty_body(document)
    width = s.LANDSCAPE_WIDTH if report.landscape else s.PORTRAIT_WIDTH
    blocks.paragraph(document, s.DATE, report.date)
    blocks.paragraph(document, s.TITLE, c.safe(report.title))
    for line in report.lead:
        blocks.paragraph(document, s.SIGNER, c.safe(line))
    for part in report.parts:
        blocks.paragraph(document, s.GOALS_HEADING, c.safe(part.heading))
        for text in part.paragraphs:
            _paragraphs(document, text)
        if part.table is not None:
            report_table(document, part.table, width)
        for text in part.after:
            _paragraphs(document, text)
    blocks.paragraph(document, s.CLOSING, c.CLOSING)
    blocks.set_page(document.sections[-1], landscape=report.landscape)
    docx_writer._set_stamp(document, c.safe(report.stamp))
    props = document.core_properties
    props.title, props.author, props.subject = c.safe(report.title), c.safe(report.author), c.safe(report.stamp)
    props.language, props.last_modified_by = "ja-JP", "hoshin_desktop"
    props.created = props.modified = datetime.now().replace(microsecond=0)
    return document


def _paragraphs(document: Document, text: str) -> None:
    """Typed text as body paragraphs, ＊ and ・ lines hanging as on the plan's paper."""
    for line in c.marked_lines(text):
        blocks.paragraph(document, s.BOX_TEXT, line=line)


def report_table(document: Document, table: ReportTable, width: int) -> None:
    """``table`` at the end of ``document``, ``width`` twips wide (「（なし）」 for a table without rows)."""
    if not table.rows:
        blocks.paragraph(document, s.BOX_TEXT, table.empty)
        return
    total = sum(column.weight for column in table.columns)
    widths = docx_writer._whole_twips([column.weight * width / total for column in table.columns], width)
    grid = blocks.table(document, widths)
    for column, cell in zip(table.columns, grid.row(header=True, cant_split=True)):
        blocks.cell_text(blocks.shaded(cell, s.HEADER_SHADE, centre_vertically=True), s.TABLE_HEADER,
                         c.safe(column.title), keep_next=True)
    for index, texts in enumerate(table.rows):
        cells = [c._lines(text, c.ROLE_CELL_TITLE if table.bold_last and index == len(table.rows) - 1 else c.ROLE_CELL)
                 for text in texts]
        centred = tuple(column.centred for column in table.columns)
        fits = row_fits_estimated([(lines, w / 20) for lines, w in zip(cells, widths)], s.CELL_ROLE_STYLES,
                                  landscape=width == s.LANDSCAPE_WIDTH, centred=centred)
        for column, cell, lines in zip(table.columns, grid.row(cant_split=fits), cells):
            style = s.TABLE_CENTRED if column.centred else None
            docx_writer._cell_lines(cell, lines, lambda line, style=style: style or s.CELL_ROLE_STYLES.get(line.role, s.TABLE_TEXT))


def write_report(report: Report, path: Path, font: str = "ms") -> Path:
    """Write ``report`` to ``path`` safely (temporary file, then moved into place)."""
    document = build_report(report, font)
    path = Path(path)
    with atomic_target(path) as partial:
        document.save(str(partial))
    return path
