"""The whole paper as pages: the content of ``export.content`` in the blocks of ``export.layout``.

Same order as the .docx: date, title, signers, preamble, 記, the basic policy with the
department's answers (bordered boxes, or two columns on landscape pages), the goal table
on a new page (landscape if asked), 以上, and on every page the footer: the version stamp
at the right and 「1 / 3」 in the middle.
"""

from __future__ import annotations

from dataclasses import replace

from ..domain.models import RubyText
from . import content as c
from . import styles as s
from .layout import (
    CELL_PAD_X,
    CELL_PAD_Y,
    TWIP,
    Body,
    Cell,
    Estimate,
    NewPages,
    Page,
    Pager,
    Row,
    Table,
    Text,
    Typesetter,
    borders,
    row_fits,
    text_height,
    text_width,
)
from .options import ExportOptions
from .widths import goal_column_widths

LEFT = s.MARGIN_SIDE * TWIP


EMPTY_CELL = (c.Line(RubyText("")),)

# The structure tag in the PDF of a paragraph outside tables, by its style: the title and the headings; else P.
HEADINGS = {s.TITLE: "H1", s.GOALS_HEADING: "H2"}


def _cell_style(line: c.Line, styles: dict, centred: bool) -> s.StyleDef:
    return s.TABLE_CENTRED if centred else styles.get(line.role, s.TABLE_TEXT)


class _Blocks:
    def __init__(self, typesetter: Typesetter, landscape: bool):
        self.ts = typesetter
        self.landscape = landscape
        self.blocks: list = []

    @property
    def width(self) -> float:
        return text_width(self.landscape)

    def body(self, style: s.StyleDef, text: str | RubyText = "", *, line: c.Line | None = None, **kwargs) -> None:
        if line is not None:
            para = self.ts.line(style, line, self.width, **kwargs)
        else:
            para = self.ts.paragraph(style, text, self.width, **kwargs)
        self.blocks.append(Body(para, LEFT, HEADINGS.get(style, "P")))

    def cell(self, width: float, lines, styles: dict, *, shade: str | None = None, centred: bool = False,
             centre_vertically: bool = False) -> Cell:
        inner = width - 2 * CELL_PAD_X
        paras = []
        for line in lines or EMPTY_CELL:
            paras.append(self.ts.line(_cell_style(line, styles, centred), line, inner))
        return Cell(width, tuple(paras), shade, centre_vertically)

    def row(self, table: Table, cells: list[Cell], *, keep_next: bool = False) -> Row:
        row = Row(table, cells, keep_next=keep_next)
        row.cant_split = row_fits(row, self.landscape)
        if not row.cant_split:  # split between paragraphs, as keepLines asks of Word
            for cell in cells:
                cell.paras = tuple(_keep_lines(p) for p in cell.paras)
        self.blocks.append(row)
        return row


def _keep_lines(para):
    return replace(para, keep_lines=True)


def row_fits_estimated(cells: list[tuple[tuple[c.Line, ...], float]], styles: dict, *, landscape: bool,
                       centred: tuple[bool, ...] = ()) -> bool:
    """Whether a row of (lines, width in points) cells fits on a page, measured without font files.

    The .docx asks this to decide which rows may not split (cantSplit) and which split
    between paragraphs (keepLines): the same rule the PDF follows with real metrics.
    """
    if _height_bound(cells, styles, centred) <= text_height(landscape):
        return True  # surely fits: most rows, decided without setting their lines
    return row_fits(estimated_row(cells, styles, landscape=landscape, centred=centred), landscape)


def estimated_row(cells: list[tuple[tuple[c.Line, ...], float]], styles: dict, *, landscape: bool,
                  centred: tuple[bool, ...] = ()) -> Row:
    """The row with every line set in estimated metrics (only the heights)."""
    out = _Blocks(Typesetter(Estimate(), draw=False), landscape)
    table = Table(LEFT, out.width)
    return Row(table, [out.cell(w, lines, styles, centred=bool(centred and centred[i]))
                       for i, (lines, w) in enumerate(cells)])


def _height_bound(cells: list[tuple[tuple[c.Line, ...], float]], styles: dict, centred: tuple[bool, ...]) -> float:
    """An upper bound of the row's estimated height, from the lengths of its texts alone.

    Breaking a line moves the piece that did not fit to the next line, so any two neighbouring
    lines together hold more than one line's room: a paragraph of length L in room R takes
    at most 2·L/R + 2 lines.
    """
    ts = Typesetter(Estimate(), draw=False)
    tallest = 0.0
    for number, (lines, width) in enumerate(cells):
        height = 2 * CELL_PAD_Y
        for line in lines or EMPTY_CELL:
            style = _cell_style(line, styles, bool(centred and centred[number]))
            room = width - 2 * CELL_PAD_X - (line.left + max(line.first, 0.0)) * style.size
            if room <= 0:
                return float("inf")
            length = ts.metrics.advance(line.text.text, style.face, style.size)
            count = 2 * length / room + 2
            height += (style.before + style.after) * TWIP + count * ts.line_height(style, bool(line.text.ruby))
        tallest = max(tallest, height)
    return tallest


def _opening(out: _Blocks, content: c.PlanContent) -> None:
    out.body(s.DATE, content.date)
    out.body(s.TITLE, content.title)
    for signer in content.signers:
        out.body(s.SIGNER, signer)
    for line in content.preamble:
        out.body(s.BODY, line=line)
    out.body(s.KI, c.KI)


def _policy_boxes(out: _Blocks, content: c.PlanContent) -> None:
    for part in content.parts:
        table = Table(LEFT, out.width, inside=False)
        for box_row in c.box_rows(part):
            out.row(table, [out.cell(out.width, box_row.lines, s.BOX_ROLE_STYLES)], keep_next=box_row.keep_with_next)
        out.body(s.BOX_GAP)


def _policy_columns(out: _Blocks, content: c.PlanContent) -> None:
    half = out.width / 2
    table = Table(LEFT, out.width)
    out.blocks.append(table.add_header([out.cell(half, (c.Line(RubyText(title)),), {c.ROLE_TEXT: s.COLUMN_HEADER},
                                                 shade=s.HEADER_SHADE) for title in (c.POLICY_LABEL, "部の方針")]))
    for part in content.parts:
        heading = (c.Line(RubyText(part.heading), role=c.ROLE_SECTION_HEADING),)
        out.row(table, [out.cell(out.width, heading, {c.ROLE_SECTION_HEADING: s.SECTION_HEADING},
                                 shade=s.HEADING_SHADE)], keep_next=True)
        for mayor, answer in c.column_rows(part):
            out.row(table, [out.cell(half, lines, {c.ROLE_TEXT: s.BOX_TEXT}) for lines in (mayor, answer)])


def _goal_table(out: _Blocks, content: c.PlanContent, *, new_page: bool) -> None:
    out.body(s.GOALS_HEADING, c.GOALS_HEADING, page_break_before=new_page)
    columns = content.goal_columns
    widths = goal_column_widths(content, out.width)
    table = Table(LEFT, out.width)
    header_cells = [out.cell(w, tuple(c.Line(RubyText(t)) for t in column.title.split("\n")),
                             {c.ROLE_TEXT: s.TABLE_HEADER}, shade=s.HEADER_SHADE, centre_vertically=True)
                    for column, w in zip(columns, widths)]
    out.blocks.append(table.add_header(header_cells))
    rows = content.goal_rows
    for number, goal in enumerate(rows, start=1):
        cells = [out.cell(w, lines, s.CELL_ROLE_STYLES, centred=column.centred)
                 for column, w, lines in zip(columns, widths, goal.cells)]
        out.row(table, cells, keep_next=number == len(rows))  # the last row goes with 以上


def blocks(content: c.PlanContent, options: ExportOptions, typesetter: Typesetter) -> list:
    columns = options.layout == "columns"
    out = _Blocks(typesetter, landscape=columns)
    _opening(out, content)
    (_policy_columns if columns else _policy_boxes)(out, content)
    split = options.goal_table_landscape and not columns
    if split:
        out.blocks.append(NewPages(True))
        out.landscape = True
    _goal_table(out, content, new_page=not split)
    out.body(s.CLOSING, c.CLOSING)
    return out.blocks


def paper(content: c.PlanContent, options: ExportOptions, metrics) -> list[Page]:
    """Every page of the plan, footers included."""
    typesetter = Typesetter(metrics, names=content.names)
    pager = Pager(options.layout == "columns")
    pages = pager.place(blocks(content, options, typesetter))
    borders(pager.fragments)
    for number, page in enumerate(pages, start=1):
        _footer(page, typesetter, content.stamp, number, len(pages))
    outline(pages, content.title)
    return pages


def outline(pages: list[Page], title: str, level: int = 0) -> None:
    """The plan's bookmarks: its title, and 組織目標 under it where the goal table starts."""
    if pages and not pages[0].mark_heading(title, level):
        pages[0].outline.append((title, level, 0.0))
    for page in pages:
        if page.mark_heading(c.GOALS_HEADING, level + 1):
            return


def _footer(page: Page, typesetter: Typesetter, stamp: str, number: int, count: int) -> None:
    """Stamp at the right above 「1 / 3」, the last line 10 mm above the page's lower edge."""
    width = text_width(page.landscape)
    bottom = page.size[1] - s.FOOTER_DISTANCE * TWIP
    numbers = typesetter.paragraph(s.FOOTER, f"{number} / {count}", width)
    stamp_para = typesetter.paragraph(s.FOOTER_STAMP, stamp, width)
    y = bottom - numbers.height - stamp_para.height
    for para in (stamp_para, numbers):
        for line in para.lines:
            page.ops += [Text(op.x + LEFT, op.baseline + y, op.text, op.face, op.size) for op in line.ops]
            y += line.height
