"""The blocks python-docx builds for us: rows and paragraph formats made once and copied stay independent."""

from __future__ import annotations

from docx.shared import Twips
from lxml import etree

from hoshin_desktop.domain.models import RubyText
from hoshin_desktop.export import docx_blocks as blocks
from hoshin_desktop.export import styles as s
from hoshin_desktop.export.content import Line
from hoshin_desktop.export.docx_writer import empty_body, open_template

from .conftest import W


def _document():
    document = open_template()
    empty_body(document)
    return document


def _flags(tr) -> tuple[bool, bool]:
    return tr.find(f"{W}trPr/{W}tblHeader") is not None, tr.find(f"{W}trPr/{W}cantSplit") is not None


def _text(tc) -> str:
    return "".join(t.text for t in tc.iter(f"{W}t"))


def test_every_row_has_a_cell_per_column_as_wide_as_it_and_only_the_flags_asked_for():
    widths = [700, 2100, 1300]
    grid = blocks.table(_document(), widths)
    kinds = [(True, True), (False, True), (False, False), (False, True), (False, False), (False, True)]
    for index, (header, cant_split) in enumerate(kinds):
        for column, cell in enumerate(grid.row(header=header, cant_split=cant_split)):
            blocks.cell_text(cell, s.TABLE_TEXT, f"{index}-{column}")
    rows = grid.table._tbl.tr_lst
    assert [_flags(tr) for tr in rows] == kinds
    for index, tr in enumerate(rows):
        cells = tr.tc_lst
        assert [tc.width for tc in cells] == [Twips(w) for w in widths]
        assert [_text(tc) for tc in cells] == [f"{index}-{column}" for column in range(3)]


def test_a_merged_row_does_not_change_the_rows_after_it():
    grid = blocks.table(_document(), [1000, 2000])
    merged = blocks.merged(grid.row(cant_split=True))
    assert merged.width == Twips(3000)
    assert [len(grid.row(cant_split=True)) for _ in range(2)] == [2, 2]
    assert [len(tr.tc_lst) for tr in grid.table._tbl.tr_lst] == [1, 2, 2]


def test_a_merged_row_is_what_python_docx_merges():
    ours, theirs = (blocks.table(_document(), [700, 2100, 1300]) for _ in range(2))
    for grid in (ours, theirs):
        grid.row(header=True, cant_split=True)
        grid.row()
    blocks.merged(ours.row(cant_split=True))
    cells = theirs.row(cant_split=True)
    cells[0].merge(cells[-1])
    assert etree.tostring(ours.table._tbl) == etree.tostring(theirs.table._tbl)
    assert b'gridSpan w:val="3"' in etree.tostring(ours.table._tbl)


def test_paragraph_formats_go_where_asked_and_copies_are_independent():
    document = _document()
    hanging = Line(RubyText("＊市の魅力を発信する。"), left=1.0, first=-1.0)
    first = blocks.paragraph(document, s.BODY, line=hanging, keep_next=True)
    second = blocks.paragraph(document, s.BODY, line=hanging, keep_next=True)
    plain = blocks.paragraph(document, s.BODY, "本文", page_break_before=True)
    for paragraph in (first, second):
        form = paragraph.paragraph_format
        assert (form.left_indent, form.first_line_indent) == (Twips(210), Twips(-210))
        assert form.keep_with_next and not form.page_break_before and not form.keep_together
        assert paragraph.style.style_id == s.BODY.id and paragraph.text == "＊市の魅力を発信する。"
    first.paragraph_format.left_indent = Twips(420)
    assert second.paragraph_format.left_indent == Twips(210)
    form = plain.paragraph_format
    assert form.page_break_before and not form.keep_with_next and form.left_indent is None
