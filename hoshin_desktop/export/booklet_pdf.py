"""The city-wide booklet as PDF, through the same page layout and fpdf2 renderer as a single plan.

The same order as the .docx booklet: cover, contents, each department's plan on new pages
(laid out exactly as its own PDF, with its own stamp), a 「未提出」 page for a department
without a plan, and the matrix on landscape pages. Here every page is placed before the
contents is written, so the contents carries the true page numbers; the footers count the
booklet's pages (「12 / 230」) under each department's stamp.
"""

from __future__ import annotations

from pathlib import Path

from ..domain.matrix import CoverageMatrix
from ..domain.models import Plan, PolicyDocument, RubyText
from ..domain.wareki import format_date
from . import content as c
from . import pages as paper_pages
from . import styles as s
from .atomic import atomic_target
from .booklet import MATRIX_TITLE, booklet_names, booklet_title, not_submitted_title, plan_title_of
from .fonts import Faces, Metrics, find_faces
from .layout import CELL_PAD_X, Body, Cell, Page, Pager, Row, Table, Typesetter, borders, text_width
from .matrix_files import NOT_SUBMITTED
from .matrix_paper import LEGEND, UNADDRESSED_SHADE, matrix_paper
from .options import ExportOptions
from .pdf_writer import draw_pages, new_pdf  # one way of drawing pages, shared with the single plan's PDF
from .report_docx import ReportTable

LEFT = paper_pages.LEFT


class _Section:
    """Pages of one part of the booklet, its line in the contents and the stamp its footers carry."""

    def __init__(self, title: str | None, pages: list[Page], stamp: str, *, submitted: bool = True):
        self.title, self.pages, self.stamp, self.submitted = title, pages, stamp, submitted


def _parts(policy: PolicyDocument, departments: list[str], plans: dict[str, Plan], matrix: CoverageMatrix,
           options: ExportOptions, typesetter: Typesetter, on, counts: tuple[tuple[str, ReportTable], ...] = (),
           contents: dict[str, c.PlanContent] | None = None) -> list[_Section]:
    """The booklet laid out: cover, contents, each department's pages, the matrix (and the review counts).
    ``contents``: the plans' ``booklet.plan_contents`` when the caller has them already."""
    parts = [_Section(None, _place(_cover(typesetter, policy, on)), "")]
    for name in departments:
        plan = plans.get(name)
        if plan is None:
            blocks = [_body(typesetter, s.TITLE, not_submitted_title(policy.fiscal_year, name)),
                      _body(typesetter, s.BODY, f"{name}の計画は提出されていません。")]
            parts.append(_Section(plan_title_of(policy.fiscal_year, name), _place(blocks), "", submitted=False))
            continue
        content = (contents or {}).get(name) or c.build_content(plan, policy, options)
        pager = Pager(options.layout == "columns")
        placed = pager.place(paper_pages.blocks(content, options, typesetter))
        if typesetter.draw:  # the page count needs no lines
            borders(pager.fragments)
        paper_pages.outline(placed, content.title)
        parts.append(_Section(content.title, placed, content.stamp))
    pager = Pager(True)
    placed = pager.place(_matrix_blocks(typesetter, matrix) + _counts_blocks(typesetter, counts))
    if typesetter.draw:
        borders(pager.fragments)
    parts.append(_Section(MATRIX_TITLE, placed, ""))
    listing: list[Page] = []  # the pages of the table of contents
    while True:  # the page numbers depend on how many pages the contents itself takes
        placed = _place(_contents(typesetter, parts, max(1, len(listing))))
        if len(placed) == max(1, len(listing)):
            break
        listing = placed
    parts.insert(1, _Section(None, placed, ""))
    for part in parts:
        if part.title and not part.pages[0].outline:  # 未提出 notices and the matrix: their title's page
            paper_pages.outline(part.pages[:1], part.title)
    return parts


def booklet_pages(policy: PolicyDocument, departments: list[str], plans: dict[str, Plan], matrix: CoverageMatrix,
                  options: ExportOptions, metrics, on, counts: tuple[tuple[str, ReportTable], ...] = ()) -> list[Page]:
    typesetter = Typesetter(metrics, names=booklet_names(departments, plans))
    parts = _parts(policy, departments, plans, matrix, options, typesetter, on, counts)
    every = [page for part in parts for page in part.pages]
    number = 0
    for part in parts:
        for page in part.pages:
            number += 1
            if part.stamp or part.title:  # the cover and the contents carry no footer
                paper_pages._footer(page, typesetter, part.stamp, number, len(every))
    return every


def booklet_page_numbers(policy: PolicyDocument, departments: list[str], plans: dict[str, Plan],
                         matrix: CoverageMatrix, options: ExportOptions, faces: Faces | None = None,
                         contents: dict[str, c.PlanContent] | None = None) -> dict[str, int]:
    """The page each title of the contents starts on, by the app's own layout (the PDF booklet's numbers).

    The Word booklet shows them as its contents' page numbers until Word updates the fields. Only the
    heights of lines are measured (nothing is drawn)."""
    metrics = Metrics(faces or find_faces(options.fonts))
    typesetter = Typesetter(metrics, draw=False, names=booklet_names(departments, plans))
    numbers, page = {}, 0
    for part in _parts(policy, departments, plans, matrix, options, typesetter, None, contents=contents):
        if part.title and part.submitted:
            numbers[part.title] = page + 1
        page += len(part.pages)
    return numbers


def write_booklet_pdf(policy: PolicyDocument, departments: list[str], plans: dict[str, Plan], matrix: CoverageMatrix,
                      path: Path, options: ExportOptions | None = None, *, faces: Faces | None = None, on=None,
                      counts: tuple[tuple[str, ReportTable], ...] = ()) -> Path:
    options = options or ExportOptions()
    faces = faces or find_faces(options.fonts)
    pdf = new_pdf(faces, title=booklet_title(policy.fiscal_year))
    pages = booklet_pages(policy, departments, plans, matrix, options, Metrics(faces), on, counts)
    data = draw_pages(pdf, pages)
    path = Path(path)
    with atomic_target(path) as partial:
        partial.write_bytes(data)
    return path


# --- blocks ---------------------------------------------------------------------------------------

def _body(typesetter: Typesetter, style: s.StyleDef, text: str, *, landscape: bool = False, **kwargs) -> Body:
    return Body(typesetter.paragraph(style, text, text_width(landscape), **kwargs), LEFT,
                paper_pages.HEADINGS.get(style, "P"))


def _place(blocks: list) -> list[Page]:
    return Pager(False).place(blocks)


def _cover(typesetter: Typesetter, policy: PolicyDocument, on) -> list:
    from datetime import date

    spacer = [_body(typesetter, s.BODY, "") for _ in range(8)]
    return spacer + [_body(typesetter, s.TITLE, booklet_title(policy.fiscal_year)),
                     _body(typesetter, s.KI, f"（{policy.title}に基づく各部の運営方針及び組織目標）"),
                     _body(typesetter, s.KI, format_date(on or date.today()))]


def _contents(typesetter: Typesetter, parts: list[_Section], own_pages: int) -> list:
    """「目次」: each title and the booklet page it starts on (after the cover and ``own_pages``)."""
    blocks = [_body(typesetter, s.TITLE, "目次")]
    page = 1 + own_pages
    for part in parts[1:]:
        start = page + 1
        page += len(part.pages)
        shown = str(start) if part.submitted else NOT_SUBMITTED
        blocks.append(_body(typesetter, s.BODY, _leader(part.title or "", shown)))  # every part after the cover has one
    return blocks


def _leader(title: str, number: str, width: int = 42) -> str:
    """「title……………12」 on one line of the portrait text width (43 full-width characters, one spare)."""
    used = c.width(title) + c.width(number)
    dots = max(2, int(width - used))
    return f"{title}{'…' * dots}{number}"


def _matrix_blocks(typesetter: Typesetter, matrix: CoverageMatrix) -> list:
    """The directive × department table as the Word booklet prints it (``matrix_paper``)."""
    paper = matrix_paper(matrix, text_width(True))
    table = Table(LEFT, text_width(True))

    def cell(text: str, w: float, style: s.StyleDef, shade: str | None = None, centre: bool = False) -> Cell:
        paras = tuple(typesetter.paragraph(style, RubyText(line), w - 2 * CELL_PAD_X) for line in text.split("\n"))
        return Cell(w, paras, shade, centre_vertically=centre)

    blocks: list[Body | Row] = [_body(typesetter, s.GOALS_HEADING, MATRIX_TITLE, landscape=True),
                                _body(typesetter, s.TABLE_TEXT, LEGEND, landscape=True)]
    blocks.append(table.add_header([cell(t, w, s.TABLE_HEADER, s.HEADER_SHADE, centre=True)
                                    for t, w in zip(paper.header, paper.widths)]))
    for texts, addressed in paper.rows:
        shade = None if addressed else UNADDRESSED_SHADE
        blocks.append(Row(table, [cell(t, w, s.TABLE_TEXT if i == 1 else s.TABLE_CENTRED, shade)
                                  for i, (t, w) in enumerate(zip(texts, paper.widths))]))
    blocks.append(Row(table, [cell(t, w, s.TABLE_CENTRED, s.HEADING_SHADE) for t, w in zip(paper.totals, paper.widths)]))
    return blocks


def _counts_blocks(typesetter: Typesetter, counts: tuple[tuple[str, ReportTable], ...]) -> list:
    """The review counts after the matrix (as in the .docx booklet): a heading and a table each."""
    width = text_width(True)
    blocks: list = []
    for heading, report in counts:
        total = sum(column.weight for column in report.columns)
        widths = [column.weight * width / total for column in report.columns]
        table = Table(LEFT, width)

        def cell(text: str, w: float, style: s.StyleDef, shade: str | None = None) -> Cell:
            return Cell(w, (typesetter.paragraph(style, RubyText(text), w - 2 * CELL_PAD_X),), shade)

        blocks.append(_body(typesetter, s.GOALS_HEADING, heading, landscape=True))
        blocks.append(table.add_header([cell(column.title, w, s.TABLE_HEADER, s.HEADER_SHADE)
                                        for column, w in zip(report.columns, widths)]))
        for index, texts in enumerate(report.rows):
            shade = s.HEADING_SHADE if report.bold_last and index == len(report.rows) - 1 else None
            blocks.append(Row(table, [cell(text, w, s.TABLE_CENTRED if column.centred else s.TABLE_TEXT, shade)
                                      for text, w, column in zip(texts, widths, report.columns)]))
    return blocks
