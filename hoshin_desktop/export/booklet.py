"""The city-wide booklet: every department's plan in one Word document (すべての部をまとめて書き出し).

Order: a cover (令和N年度 各部の運営方針・組織目標), a table of contents, then each department of
the year's list on new pages, its plan exactly as the single-plan export writes it (the same
body and footer stamp; the page numbers count the whole booklet, 「12 / 230」, so that the
contents can point at them), a one-page 「未提出」 notice for a department without a plan,
and at the end the directive × department matrix. Every page after the contents is numbered,
as in the PDF booklet (the contents points at the matrix's page too).

The table of contents is a real TOC field over the plans' titles (outline level 1), which
Word updates when the document opens (updateFields). Its entries are written with a PAGEREF
field to a bookmark on each title, whose shown result is the page the app's own layout gives
the title (the PDF booklet's numbers): LibreOffice prints that result as it stands, and Word
prints it too unless the drafter lets Word update the fields, when Word counts its own pages.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION_START
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.shared import Twips
from docx.text.paragraph import Paragraph

from ..domain.matrix import CoverageMatrix
from ..domain.models import Plan, PolicyDocument
from ..domain.wareki import fiscal_year_label, format_date
from . import docx_blocks as blocks
from . import ooxml
from . import styles as s
from .atomic import atomic_target
from .content import ANSWER_MARK, PlanContent, build_content, plan_names
from .docx_writer import _whole_twips, build_document, empty_body, open_template
from .matrix_files import NOT_SUBMITTED
from .matrix_paper import LEGEND, UNADDRESSED_SHADE, matrix_paper
from .nobreak import unheld
from .options import ExportOptions
from .report_docx import ReportTable, report_table

TOC_INSTRUCTION = 'TOC \\o "1-1" \\h \\z \\u'
MATRIX_TITLE = "全庁の対応状況（基本方針の項目 × 部）"
# The numbers are the app's own count (the PDF booklet's); Word and LibreOffice lay a long goal table out a
# little differently, and a department can take a page more there (measured: 1 of 14 in a 30-goal city).
CONTENTS_NOTE = ("ページ番号は、書き出したときにこのアプリが数えたものです。Word では、目次を右クリックして"
                 "「フィールド更新」を選ぶと、Word が数え直した番号になります。")


def booklet_title(fiscal_year: int) -> str:
    return f"{fiscal_year_label(fiscal_year)} 各部の運営方針・組織目標"


def plan_title_of(fiscal_year: int, department: str) -> str:
    return f"{fiscal_year_label(fiscal_year)}{department}の運営方針・組織目標"


def not_submitted_title(fiscal_year: int, department: str) -> str:
    """The heading of a 未提出 notice page (the contents lists the plain title with 「未提出」)."""
    return f"{plan_title_of(fiscal_year, department)}（{NOT_SUBMITTED}）"


@dataclass
class _Entry:
    """One line of the table of contents: a title, and the bookmark on it."""

    title: str
    bookmark: str
    submitted: bool


class _Bookmarks:
    def __init__(self):
        self.count = 0

    def mark(self, paragraph) -> str:
        """Bookmark ``paragraph`` (a title's w:p) and make it a level-1 heading for the TOC field.

        python-docx has neither bookmarks nor outline levels: both are written here.
        """
        self.count += 1
        name = f"_Toc{self.count:08d}"
        ppr = paragraph.find(qn("w:pPr"))
        ooxml.element("w:outlineLvl", ppr, val=0)
        start = ooxml.element("w:bookmarkStart", None, id=self.count, name=name)
        end = ooxml.element("w:bookmarkEnd", None, id=self.count)
        ppr.addnext(start)
        paragraph.append(end)
        return name


def plan_contents(policy: PolicyDocument, plans: dict[str, Plan], options: ExportOptions) -> dict[str, PlanContent]:
    """What each plan prints, by department: made once for both the page count and the document."""
    return {name: build_content(plan, policy, options) for name, plan in plans.items()}


def booklet_names(departments: list[str], plans: dict[str, Plan]) -> tuple[str, ...]:
    """Every 部 and 課 of the booklet, longest first: no line breaks inside them."""
    names = set(departments) | {name for plan in plans.values() for name in plan_names(plan)}
    return tuple(sorted(names, key=lambda name: (-len(name), name)))


def build_booklet(policy: PolicyDocument, departments: list[str], plans: dict[str, Plan], matrix: CoverageMatrix,
                  options: ExportOptions | None = None, *, on: date | None = None,
                  page_numbers: dict[str, int] | None = None,
                  counts: tuple[tuple[str, ReportTable], ...] = (),
                  contents: dict[str, PlanContent] | None = None) -> Document:
    """The booklet as a python-docx Document; ``plans`` maps department names to their plans.

    ``page_numbers`` (title → page, from the app's own layout: ``booklet_pdf.booklet_page_numbers``)
    are what the contents show until Word updates its fields; without them the numbers stay empty.
    ``counts``: the review counts (a heading and a table each) printed after the matrix once reviews exist.
    ``contents``: the plans' ``plan_contents`` when the caller has them already (the page count made them)."""
    options = options or ExportOptions()
    booklet = open_template()
    if options.font != "ms":
        ooxml.apply_font_set(booklet.styles.element, options.fonts)
    empty_body(booklet)
    page_number = _page_number_only(booklet)
    booklet.sections[0].footer.is_linked_to_previous = True  # each section gets its own below
    last = booklet.sections[-1]  # python-docx keeps this w:sectPr at the end through add_section
    bookmarks = _Bookmarks()
    entries: list[_Entry] = []
    footers: dict[int, list] = {}  # section index → the department's footer content
    names = booklet_names(departments, plans)
    with ooxml.holding(names):  # the plans hold the same names as they are written (build_document)
        toc = _cover(booklet, policy, on)
    _end_section(booklet, last, landscape=False)
    footers[0], sections = [], 1
    for name in departments:
        plan = plans.get(name)
        if plan is None:
            with ooxml.holding(names):
                title = blocks.paragraph(booklet, s.TITLE, not_submitted_title(policy.fiscal_year, name))
                blocks.paragraph(booklet, s.BODY, f"{name}の計画は提出されていません。")
            entries.append(_Entry(plan_title_of(policy.fiscal_year, name), bookmarks.mark(title._p), False))
            _end_section(booklet, last, landscape=False)
            footers[sections], sections = copy.deepcopy(page_number), sections + 1
            continue
        document = build_document(plan, policy, options, content=(contents or {}).get(name), names=names)
        sections = _append_plan(booklet, last, document, bookmarks, entries, footers, sections)
    with ooxml.holding(names):
        title = blocks.paragraph(booklet, s.GOALS_HEADING, MATRIX_TITLE)
        _matrix_table(booklet, matrix)
        for heading, table in counts:
            blocks.paragraph(booklet, s.GOALS_HEADING, heading)
            report_table(booklet, table, s.LANDSCAPE_WIDTH)
        entries.append(_Entry(MATRIX_TITLE, bookmarks.mark(title._p), True))
        _fill_toc(toc, entries, page_numbers or {})
    blocks.set_page(last, landscape=True)
    footers[sections] = page_number
    _set_footers(booklet, footers)
    ooxml.element("w:updateFields", booklet.settings.element, val="true")  # no python-docx API
    props = booklet.core_properties
    props.title, props.author, props.language = booklet_title(policy.fiscal_year), "hoshin_desktop", "ja-JP"
    return booklet


def write_booklet(policy: PolicyDocument, departments: list[str], plans: dict[str, Plan], matrix: CoverageMatrix,
                  path: Path, options: ExportOptions | None = None, *,
                  page_numbers: dict[str, int] | None = None,
                  counts: tuple[tuple[str, ReportTable], ...] = (),
                  contents: dict[str, PlanContent] | None = None) -> Path:
    """Write the booklet to ``path`` safely (temporary file, then moved into place)."""
    document = build_booklet(policy, departments, plans, matrix, options, page_numbers=page_numbers, counts=counts,
                             contents=contents)
    path = Path(path)
    with atomic_target(path) as partial:
        document.save(str(partial))
    return path


# --- cover and contents -----------------------------------------------------------------------

def _cover(booklet: Document, policy: PolicyDocument, on: date | None) -> Paragraph:
    """The cover page and the 目次 heading; returns the paragraph the TOC field starts in."""
    for _ in range(8):
        blocks.paragraph(booklet, s.BODY)
    blocks.paragraph(booklet, s.TITLE, booklet_title(policy.fiscal_year))
    blocks.paragraph(booklet, s.KI, f"（{policy.title}に基づく各部の運営方針及び組織目標）")
    blocks.paragraph(booklet, s.KI, format_date(on or date.today()))
    blocks.paragraph(booklet, s.TITLE, "目次", page_break_before=True)
    blocks.paragraph(booklet, s.TABLE_TEXT, CONTENTS_NOTE)
    return blocks.paragraph(booklet, s.BODY)


def _fill_toc(first: Paragraph, entries: list[_Entry], numbers: dict[str, int]) -> None:
    """A TOC field whose shown result lists every title with a PAGEREF to its bookmark, showing the
    page ``numbers`` gives it (LibreOffice shows what is written; Word recomputes it on updating)."""
    following = Paragraph(first._p.getnext(), first._parent)  # the break at the end of the contents' section
    paragraph = first
    _field_char(paragraph._p, "begin", dirty="true")
    _instruction(paragraph._p, TOC_INSTRUCTION)
    _field_char(paragraph._p, "separate")
    for index, entry in enumerate(entries):
        if index:
            paragraph = blocks.write(following.insert_paragraph_before(), s.BODY)
        _toc_tab(paragraph)
        p = paragraph._p
        ooxml.text_run(p, entry.title)
        ooxml.element("w:tab", ooxml.element("w:r", p))
        if entry.submitted:
            shown = numbers.get(entry.title)
            ooxml.field(p, f"PAGEREF {entry.bookmark} \\h", str(shown) if shown else "")
        else:
            ooxml.text_run(p, NOT_SUBMITTED)
    _field_char(paragraph._p, "end")


def _toc_tab(paragraph: Paragraph) -> None:
    """Page numbers at the right margin, after a dotted leader."""
    paragraph.paragraph_format.tab_stops.add_tab_stop(Twips(s.PORTRAIT_WIDTH), WD_TAB_ALIGNMENT.RIGHT,
                                                      WD_TAB_LEADER.DOTS)


def _field_char(paragraph, kind: str, **attributes: str) -> None:
    ooxml.element("w:fldChar", ooxml.element("w:r", paragraph), fldCharType=kind, **attributes)


def _instruction(paragraph, text: str) -> None:
    instr = ooxml.element("w:instrText", ooxml.element("w:r", paragraph))
    instr.text = f" {text} "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


# --- the departments' plans ---------------------------------------------------------------------

def _end_section(booklet: Document, last, *, landscape: bool) -> None:
    """End the section of what precedes on new pages, A4 portrait or landscape.

    python-docx's ``add_section`` moves a copy of the last section's properties into a paragraph
    at the end: set the page of the ending section on the last one just before.
    """
    blocks.set_page(last, landscape=landscape)
    booklet.add_section(WD_SECTION_START.NEW_PAGE)


def _append_plan(booklet: Document, last, document: Document, bookmarks: _Bookmarks, entries: list[_Entry],
                 footers: dict, sections: int) -> int:
    """Copy a single-plan document's body in as new sections; returns the booklet's section count.
    (Copies: moving the elements out of the plan's document took three times as long.)"""
    source = document.element.body
    final = source.sectPr
    end = booklet.element.body.sectPr
    first_section = sections
    marked = False
    for child in list(source):
        if child is final:
            continue
        child = copy.deepcopy(child)
        ooxml.drop_bookmarks(child, ANSWER_MARK)  # the same names in every plan; the booklet is not read back
        for inner in child.iter(qn("w:sectPr")):  # a landscape goal table: a section of its own
            for reference in inner.findall(qn("w:footerReference")):  # they point into the plan's package
                inner.remove(reference)
            sections += 1
        end.addprevious(child)
        if not marked and _style(child) == s.TITLE.id:
            title = unheld("".join(t.text or "" for t in child.iter(qn("w:t"))))
            entries.append(_Entry(title, bookmarks.mark(child), True))
            marked = True
    _end_section(booklet, last, landscape=document.sections[-1].orientation == WD_ORIENT.LANDSCAPE)
    footers[first_section] = [copy.deepcopy(e) for e in document.sections[0].footer._element]
    return sections + 1


def _style(paragraph) -> str | None:
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style.get(qn("w:val")) if style is not None else None


def _page_number_only(booklet: Document) -> list:
    """The template footer's 「1 / 3」 without the stamp: the footer of a page no plan owns."""
    return [copy.deepcopy(p) for p in booklet.sections[0].footer._element.p_lst if _style(p) == s.FOOTER.id]


def _set_footers(booklet: Document, footers: dict[int, list]) -> None:
    """Give each listed section its own footer: a department's stamp and page number, the page number
    alone (未提出, the matrix), or nothing (the cover and contents).

    Sections not listed (the inner sections of one plan) go on with the footer before them.
    """
    sections = booklet.sections
    for index, content in footers.items():
        section = sections[index]
        section.footer.is_linked_to_previous = False
        element = section.footer._element
        for child in list(element):
            element.remove(child)
        for child in content or [ooxml.element("w:p", None)]:
            element.append(child)


# --- the matrix ---------------------------------------------------------------------------------

def _matrix_table(booklet: Document, matrix: CoverageMatrix) -> None:
    """Directives down, departments across (their names set vertically): goals pinned, 「方」 where a
    【部の方針】 exists, the legend above (``matrix_paper``)."""
    paper = matrix_paper(matrix, s.LANDSCAPE_WIDTH / 20)
    widths = _whole_twips([w * 20 for w in paper.widths], s.LANDSCAPE_WIDTH)
    blocks.paragraph(booklet, s.TABLE_TEXT, LEGEND)
    tbl = blocks.table(booklet, widths)
    for title, cell in zip(paper.header, tbl.row(header=True, cant_split=True)):
        blocks.cell_text(blocks.shaded(cell, s.HEADER_SHADE, centre_vertically=True), s.TABLE_HEADER, title,
                         keep_next=True)
    for texts, addressed in paper.rows:
        shade = None if addressed else UNADDRESSED_SHADE
        for index, (text, cell) in enumerate(zip(texts, tbl.row(cant_split=True))):
            blocks.cell_text(blocks.shaded(cell, shade), s.TABLE_TEXT if index == 1 else s.TABLE_CENTRED, text)
    for text, cell in zip(paper.totals, tbl.row(cant_split=True)):
        blocks.cell_text(blocks.shaded(cell, s.HEADING_SHADE), s.TABLE_CENTRED, text)
