"""The WordprocessingML that python-docx has no API for, written directly.

Each helper exists because python-docx 1.2 cannot express its part of the document:

- ``set_fonts`` / ``apply_font_set``: the East Asian font slot (``font.name`` sets only the Latin ones);
- ``text_run`` / ``ruby_run``: ruby (w:ruby); plain text shares the writer so that the base text
  under a reading and the text beside it are written alike (and it costs 6 µs a run where
  python-docx's ``add_run`` costs 30 µs);
- ``table_frame``: table borders and cell margins (w:tblBorders, w:tblCellMar);
- ``row_flags``: a row kept on one page (w:cantSplit) and repeated as a header (w:tblHeader);
- ``shade``: cell shading (w:shd);
- ``field``: complex fields (PAGE, NUMPAGES, PAGEREF);
- ``holding``: a number with its unit and a name kept on one line (``nobreak``);
- ``bookmark``: the hidden bookmark that names the directive of each answer (w:bookmarkStart);
- ``element``: any other w: element python-docx lacks — the booklet's bookmarks, outline levels,
  TOC field and updateFields setting, the redline's revision marks (w:ins, w:del).

Everything else — paragraphs and their styles, indents, keep-with-next, page breaks, tables,
rows, cell widths, merged cells, vertical alignment, tab stops, sections and page orientation —
goes through python-docx's API in ``docx_blocks.py``, at a cost close to writing the XML here
(tests/benchmarks/README.md).
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from ..domain.models import RubyText
from . import nobreak
from .options import FontSet
from .styles import FACES, GOTHIC


def element(tag: str, parent=None, **attributes: str | int):
    """A w: element with w: attributes, appended to ``parent`` when given."""
    attrs = {_qn(f"w:{name}"): str(value) for name, value in attributes.items()}
    if parent is None:
        return OxmlElement(tag, attrs)
    return etree.SubElement(parent, _qn(tag), attrs)


_qn = functools.cache(qn)  # a paper of 30 goals names some 10,000 elements and attributes


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

_T, _SPACE = qn("w:t"), qn("xml:space")
_PRESERVE = {_SPACE: "preserve"}  # a w:t keeps its spaces
_BREAK, _TAB = ("w:br",), ("w:tab",)  # a run's children other than text (``_parts``)

# The names held whole (``nobreak``) in the runs written now; None: nothing is held (footers, the
# comparison of versions, reports). A context variable: an export off the GUI thread has its own.
_HOLDING: ContextVar[tuple[str, ...] | None] = ContextVar("holding", default=None)


@contextmanager
def holding(names: tuple[str, ...]) -> Iterator[None]:
    """Text written inside keeps every number with its unit and every one of ``names`` on one line: each
    such span a run of its own, joined and marked as ``nobreak`` says (ruby is left alone).

    Done as the runs are written: splitting finished runs afterwards cost ten times the text's own work.
    Not nested: a document built inside another's holding would hold its footer's text too."""
    if _HOLDING.get() is not None:
        raise RuntimeError("holding() inside holding()")
    token = _HOLDING.set(names)
    try:
        yield
    finally:
        _HOLDING.reset(token)


def _parts(text: str) -> list[str | tuple[str]]:
    """A run's text as the children it is written as: the pieces of text, and ``_BREAK`` / ``_TAB`` for
    each line break and tab."""
    parts: list[str | tuple[str]] = []
    for index, line in enumerate(text.split("\n")):
        if index:
            parts.append(_BREAK)
        for part_index, part in enumerate(line.split("\t")):
            if part_index:
                parts.append(_TAB)
            if part:
                parts.append(part)
    return parts


def _append(run, part: str | tuple[str]) -> None:
    if isinstance(part, str):
        etree.SubElement(run, _T, _PRESERVE).text = part
    else:
        element(part[0], run)


def _append_text(run, text: str) -> None:
    """Text into a run: tabs and line breaks become w:tab / w:br, spaces are preserved."""
    for part in _parts(text):
        _append(run, part)


def text_run(parent, text: str) -> None:
    """Plain text as a run at the end of ``parent``; inside ``holding``, as the runs that hold its spans."""
    parts = _parts(text)
    names = _HOLDING.get()
    if names is None or not any(isinstance(part, str) and nobreak.holds(part, names) for part in parts):
        _plain_run(parent, parts)
        return
    plain: list[str | tuple[str]] = []  # the text, tabs and breaks between two held spans: one run
    for part in parts:
        if not isinstance(part, str):
            plain.append(part)
            continue
        for piece, held in nobreak.held_pieces(part, names):
            if held:
                if plain:
                    _plain_run(parent, plain)
                    plain = []
                _copy_run(parent, _HELD_RUN, piece)
            else:
                plain.append(piece)
    if plain:
        _plain_run(parent, plain)


# The two runs of plain text a paper is mostly made of, copied (a third of the time of building them).
_PLAIN_RUN = parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve"/></w:r>')
_HELD_RUN = parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:lang w:eastAsia="{nobreak.HELD_LANGUAGE}"/></w:rPr>'
                      '<w:t xml:space="preserve"/></w:r>')


def _copy_run(parent, run, text: str) -> None:
    copied = copy.copy(run)  # an lxml element copies all it holds
    copied[-1].text = text
    parent.append(copied)


def _plain_run(parent, parts: list[str | tuple[str]]) -> None:
    if len(parts) == 1 and isinstance(parts[0], str):
        _copy_run(parent, _PLAIN_RUN, parts[0])
        return
    run = element("w:r", parent)
    for part in parts:
        _append(run, part)


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


# --- tables -----------------------------------------------------------------------------------

_BORDER_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")


def table_frame(tbl, *, inside: bool = True) -> None:
    """Single black borders (without the inner lines unless ``inside``) and the cells' margins."""
    pr = tbl.tblPr
    borders = element("w:tblBorders")
    for side in _BORDER_SIDES if inside else _BORDER_SIDES[:4]:
        element(f"w:{side}", borders, val="single", sz=4, space=0, color="000000")
    margins = element("w:tblCellMar")
    for side, width in (("top", 40), ("left", 85), ("bottom", 40), ("right", 85)):
        element(f"w:{side}", margins, w=width, type="dxa")
    pr.find(qn("w:tblW")).addnext(borders)  # schema order: tblW, tblBorders, …, tblLayout, tblCellMar
    pr.find(qn("w:tblLayout")).addnext(margins)


def row_flags(tr, *, header: bool = False, cant_split: bool = False) -> None:
    """A header row repeats on every page, a cant_split row is kept on one page."""
    if header or cant_split:
        pr = tr.get_or_add_trPr()
        if cant_split:
            element("w:cantSplit", pr)
        if header:
            element("w:tblHeader", pr)


def open_cell(tc) -> None:
    """A cell without its left, right and bottom lines and without side margins: text in it reads as
    a paragraph below the table (the closing 以上 kept in the table's last row area)."""
    pr = tc.get_or_add_tcPr()
    borders = element("w:tcBorders")
    for side in ("left", "bottom", "right", "insideV"):
        element(f"w:{side}", borders, val="nil")
    pr.insert_element_before(borders, "w:shd", *_AFTER_SHADING)
    margins = element("w:tcMar")
    for side in ("left", "right"):
        element(f"w:{side}", margins, w="0", type="dxa")
    pr.insert_element_before(margins, *_AFTER_SHADING[2:])


# what may follow w:shd in a cell's properties (schema order)
_AFTER_SHADING = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
                  "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")


def shade(tc, fill: str) -> None:
    """Fill a cell with the colour ``fill`` (RRGGBB)."""
    tc.get_or_add_tcPr().insert_element_before(element("w:shd", val="clear", color="auto", fill=fill),
                                               *_AFTER_SHADING)


# --- fields ----------------------------------------------------------------------------------

def field(parent, instruction: str, shown: str) -> None:
    """A complex field (PAGE, NUMPAGES): Word and LibreOffice compute it; ``shown`` until then."""
    element("w:fldChar", element("w:r", parent), fldCharType="begin")
    instr = element("w:instrText", element("w:r", parent))
    instr.text = f" {instruction} "
    instr.set(_SPACE, "preserve")
    element("w:fldChar", element("w:r", parent), fldCharType="separate")
    text_run(parent, shown)
    element("w:fldChar", element("w:r", parent), fldCharType="end")


# --- bookmarks -------------------------------------------------------------------------------

def bookmark(paragraph, name: str, number: int) -> None:
    """An empty bookmark ``name`` (its w:id ``number``, unique in the document) before the paragraph's
    text: nothing shows or prints, and it stays where it is when the file is saved again."""
    start = element("w:bookmarkStart", None, id=str(number), name=name)
    properties = paragraph.find(qn("w:pPr"))
    if properties is None:
        paragraph.insert(0, start)
    else:
        properties.addnext(start)
    start.addnext(element("w:bookmarkEnd", None, id=str(number)))


def drop_bookmarks(element, prefix: str) -> None:
    """Remove the bookmarks inside ``element`` whose names start with ``prefix``, both their ends."""
    starts = [b for b in element.iter(qn("w:bookmarkStart")) if b.get(qn("w:name"), "").startswith(prefix)]
    ids = {b.get(qn("w:id")) for b in starts}
    for mark in starts + [b for b in element.iter(qn("w:bookmarkEnd")) if b.get(qn("w:id")) in ids]:
        mark.getparent().remove(mark)
