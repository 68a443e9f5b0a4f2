"""Builders of the document body: python-docx's API where it is not in the hot path, raw XML elsewhere.

Through python-docx: tables (created with their column grid and fixed layout), sections
and page orientation (``set_page``; the landscape goal table's section comes from
``Document.add_section``). Raw WordprocessingML for what python-docx cannot express — ruby
(w:ruby), rows kept on one page (w:cantSplit) and repeated as a header (w:tblHeader), cell
shading (w:shd), borders and cell margins, the East Asian font slots, PAGE / NUMPAGES — and,
measured, for the per-paragraph and per-row work: python-docx's ``paragraph_format``,
``Table.add_row`` and cell widths made the Word export four times slower (4.5 ms instead of
1.1 ms a goal, 1,000 goals), which breaks the export-all budget. Rows are added one after
another (never ``table.cell(r, c)``), so a table takes time in proportion to its rows.
"""

from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.section import Section
from docx.shared import Twips
from docx.table import Table
from lxml import etree

from ..domain.models import RubyText
from .content import Line
from .options import FontSet
from .styles import FACES, GOTHIC


def element(tag: str, parent=None, **attributes: str):
    """A w: element with w: attributes, appended to ``parent`` when given."""
    attrs = {qn(f"w:{name}"): str(value) for name, value in attributes.items()}
    if parent is None:
        return OxmlElement(tag, attrs)
    return etree.SubElement(parent, qn(tag), attrs)


# --- fonts ------------------------------------------------------------------------------------

_THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def set_fonts(rpr, font: str) -> None:
    """Set one face in all four slots Word reads (ascii, hAnsi, eastAsia, cs).

    ``font.name`` in python-docx sets only the Latin slots, which Japanese text ignores;
    a theme attribute would override the name, so those are removed.
    """
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(1 if rpr.find(qn("w:rStyle")) is not None else 0, rfonts)  # schema order
    for attribute in _THEME_ATTRIBUTES:
        rfonts.attrib.pop(qn(attribute), None)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(slot), font)


def apply_font_set(styles_element, fonts: FontSet) -> None:
    """Give every style of ours, and the document defaults, the faces of ``fonts``."""
    defaults = styles_element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if defaults is not None:
        set_fonts(defaults, fonts.mincho)
    for style in styles_element.iterfind(qn("w:style")):
        face = FACES.get(style.get(qn("w:styleId")))
        rpr = style.find(qn("w:rPr"))
        if face is not None and rpr is not None:
            set_fonts(rpr, fonts.gothic if face == GOTHIC else fonts.mincho)


# --- runs -------------------------------------------------------------------------------------

def _append_text(run, text: str) -> None:
    """Text into a run: tabs and line breaks become w:tab / w:br, spaces are preserved."""
    for index, line in enumerate(text.split("\n")):
        if index:
            element("w:br", run)
        for part_index, part in enumerate(line.split("\t")):
            if part_index:
                element("w:tab", run)
            if part:
                t = element("w:t", run)
                t.text = part
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def text_run(parent, text: str):
    run = element("w:r", parent)
    _append_text(run, text)
    return run


def _size_rpr(run, half_points: int) -> None:
    rpr = element("w:rPr", run)
    element("w:sz", rpr, val=half_points)
    element("w:szCs", rpr, val=half_points)


def ruby_run(parent, base: str, reading: str, size_pt: float):
    """Real Word ruby (w:ruby): ``reading`` set small above ``base``."""
    base_hp = round(size_pt * 2)
    ruby_hp = max(2, base_hp // 2)
    run = element("w:r", parent)
    ruby = element("w:ruby", run)
    props = element("w:rubyPr", ruby)
    element("w:rubyAlign", props, val="distributeSpace")
    element("w:hps", props, val=ruby_hp)
    element("w:hpsRaise", props, val=round(base_hp * 0.85))
    element("w:hpsBaseText", props, val=base_hp)
    element("w:lid", props, val="ja-JP")
    rt_run = element("w:r", element("w:rt", ruby))
    _size_rpr(rt_run, ruby_hp)
    _append_text(rt_run, reading)
    base_run = element("w:r", element("w:rubyBase", ruby))
    _size_rpr(base_run, base_hp)
    _append_text(base_run, base)
    return run


def ruby_text_runs(paragraph, text: RubyText, size_pt: float) -> None:
    for chunk, reading in text.segments():
        if reading:
            ruby_run(paragraph, chunk, reading, size_pt)
        elif chunk:
            text_run(paragraph, chunk)


# --- paragraphs -------------------------------------------------------------------------------

def _twips(chars: float, size_pt: float) -> int:
    return round(chars * size_pt * 20)


def paragraph(parent, style_id: str, text: str | RubyText = "", *, size_pt: float, line: Line | None = None,
              page_break_before: bool = False, keep_next: bool = False, keep_lines: bool = False):
    """A paragraph in ``style_id``; ``line`` gives text and indents counted in characters.

    In the body it goes before the section properties (python-docx's ``add_p``), in a cell at the end.
    """
    p = parent.add_p() if parent.tag == qn("w:body") else element("w:p", parent)
    ppr = element("w:pPr", p)
    element("w:pStyle", ppr, val=style_id)
    if keep_next:  # in a table: the row stays on the page of the next row
        element("w:keepNext", ppr)
    if keep_lines:  # a row taller than a page splits between paragraphs, not inside one
        element("w:keepLines", ppr)
    if page_break_before:
        element("w:pageBreakBefore", ppr)
    if line is not None:
        text = line.text
        _indent(ppr, line, size_pt)
    ruby_text_runs(p, text if isinstance(text, RubyText) else RubyText(text), size_pt)
    return p


def _indent(ppr, line: Line, size_pt: float) -> None:
    if not line.left and not line.first:
        return
    ind = element("w:ind", ppr, left=_twips(line.left, size_pt))
    if line.first < 0:
        ind.set(qn("w:hanging"), str(_twips(-line.first, size_pt)))
    elif line.first > 0:
        ind.set(qn("w:firstLine"), str(_twips(line.first, size_pt)))


# --- tables -----------------------------------------------------------------------------------

_BORDER_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")


def table(parent, widths: list[int], *, inside: bool = True):
    """A fixed-layout table of ``widths`` (twips) with single black borders, at the end of ``parent``."""
    tbl = CT_Tbl.new_tbl(0, len(widths), Twips(sum(widths)))
    parent._insert_tbl(tbl)
    grid = Table(tbl, None)
    grid.autofit = False
    for column, width in zip(grid.columns, widths):
        column.width = Twips(width)
    pr = tbl.tblPr
    borders = element("w:tblBorders")  # no python-docx API for borders and cell margins
    for side in _BORDER_SIDES if inside else _BORDER_SIDES[:4]:
        element(f"w:{side}", borders, val="single", sz=4, space=0, color="000000")
    margins = element("w:tblCellMar")
    for side, width in (("top", 40), ("left", 85), ("bottom", 40), ("right", 85)):
        element(f"w:{side}", margins, w=width, type="dxa")
    layout = pr.find(qn("w:tblLayout"))
    layout.addnext(margins)
    pr.find(qn("w:tblW")).addnext(borders)
    return tbl


def table_row(tbl, *, header: bool = False, cant_split: bool = False):
    """A row; a header row repeats on every page, a cant_split row is kept on one page."""
    tr = element("w:tr", tbl)
    if header or cant_split:
        pr = element("w:trPr", tr)
        if cant_split:
            element("w:cantSplit", pr)
        if header:
            element("w:tblHeader", pr)
    return tr


def table_cell(tr, width: int, *, span: int = 1, shade: str | None = None, centre_vertically: bool = False):
    """A cell with its width set (Word and LibreOffice both need it on every cell)."""
    tc = element("w:tc", tr)
    pr = element("w:tcPr", tc)
    element("w:tcW", pr, w=width, type="dxa")
    if span > 1:
        element("w:gridSpan", pr, val=span)
    if shade:
        element("w:shd", pr, val="clear", color="auto", fill=shade)
    if centre_vertically:
        element("w:vAlign", pr, val="center")
    return tc


# --- fields and pages -------------------------------------------------------------------------

def field(parent, instruction: str, shown: str) -> None:
    """A complex field (PAGE, NUMPAGES): Word and LibreOffice compute it; ``shown`` until then."""
    element("w:fldChar", element("w:r", parent), fldCharType="begin")
    instr = element("w:instrText", element("w:r", parent))
    instr.text = f" {instruction} "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    element("w:fldChar", element("w:r", parent), fldCharType="separate")
    text_run(parent, shown)
    element("w:fldChar", element("w:r", parent), fldCharType="end")


def set_page(sect_pr, *, landscape: bool, short: int, long: int) -> None:
    """A4 portrait or landscape: width and height are swapped by hand (Word does not)."""
    section = Section(sect_pr, None)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width = Twips(long if landscape else short)
    section.page_height = Twips(short if landscape else long)
