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
- ``hold_spans``: a number with its unit and a name kept on one line (``nobreak``);
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

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
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

_R, _RPR, _T, _LANG = qn("w:r"), qn("w:rPr"), qn("w:t"), qn("w:lang")
_EAST_ASIA, _SPACE = qn("w:eastAsia"), qn("xml:space")
_PRESERVE = {_SPACE: "preserve"}  # a w:t keeps its spaces


def _append_text(run, text: str) -> None:
    """Text into a run: tabs and line breaks become w:tab / w:br, spaces are preserved."""
    for index, line in enumerate(text.split("\n")):
        if index:
            element("w:br", run)
        for part_index, part in enumerate(line.split("\t")):
            if part_index:
                element("w:tab", run)
            if part:
                etree.SubElement(run, _T, _PRESERVE).text = part


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


_INSIDE_RUBY = (qn("w:rubyBase"), qn("w:rt"))


def hold_spans(part, names: tuple[str, ...]) -> None:
    """Every number with its unit and every one of ``names`` in the runs of ``part`` as a run of its
    own, joined and marked as ``nobreak`` says (ruby is left alone; a run already held is skipped).

    The runs' texts are read first, without their elements: most runs hold nothing and are passed by."""
    for run in list(part.iter(_R)):
        if any(nobreak.holds(text, names) for text in run.itertext(_T, with_tail=False)) \
                and run.getparent().tag not in _INSIDE_RUBY and not _held(run):
            _split_held(run, names)


def _held(run) -> bool:
    properties = run.find(_RPR)
    lang = properties.find(_LANG) if properties is not None else None
    return lang is not None and lang.get(_EAST_ASIA) == nobreak.HELD_LANGUAGE


def _split_held(run, names: tuple[str, ...]) -> None:
    """Replace ``run`` by runs of its format: its tabs, breaks and plain text, and each held piece alone."""
    properties = run.find(_RPR)
    parts: list[tuple[object, bool]] = []  # (a w:tab, w:br… element or a text, held)
    for child in run:
        if child is not properties:
            parts += nobreak.held_pieces(child.text or "", names) if child.tag == _T else [(child, False)]
    if not any(held for _part, held in parts):
        return
    plain = None
    for part, held in parts:
        target = plain if plain is not None and not held else _run_like(run, properties, held=held)
        plain = None if held else target
        if isinstance(part, str):
            etree.SubElement(target, _T, _PRESERVE).text = part
        else:
            target.append(part)
    run.getparent().remove(run)


def _run_like(run, properties, *, held: bool):
    """A new, empty run before ``run`` with a copy of its properties (and the held language)."""
    new = run.makeelement(_R)
    run.addprevious(new)
    if held:
        if properties is None:
            etree.SubElement(etree.SubElement(new, _RPR), _LANG, {_EAST_ASIA: nobreak.HELD_LANGUAGE})
            return new
        pr = copy.deepcopy(properties)
        lang = pr.find(_LANG)
        if lang is None:
            lang = pr.makeelement(_LANG)
            pr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath", "w:rPrChange")
        lang.set(_EAST_ASIA, nobreak.HELD_LANGUAGE)
        new.append(pr)
    elif properties is not None:
        new.append(copy.deepcopy(properties))
    return new


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
