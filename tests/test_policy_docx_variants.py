"""Basic policies typed in Word: Word's own list numbers, numbered heading styles, text boxes, tables.

The documents are built here with python-docx (the way Word stores them), and each must read
as the same policy as the plain text it was typed from.
"""

from __future__ import annotations

import re

import docx
import pytest
from docx.oxml import parse_xml

from hoshin_desktop.domain.policy_parser import parse_policy
from hoshin_desktop.services.docx_text import format_number
from hoshin_desktop.services.policy_import import read_policy_file

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
HEADING = re.compile(r"^(\d) (.*)$")
ITEM = re.compile(r"^(?:- )?\((\d+)\) (.*)$")


def _lines(seed_text: str) -> list[str]:
    """The seed as its writer typed it in Word, one paragraph a line. The scan broke four sentences
    of the body at page breaks (「新庁舎への」 / 「移転に伴う…」); typed in Word each is one paragraph."""
    typed: list[str] = []
    for line in (line for line in seed_text.split("\n") if line.strip()):
        broken = "記" in typed[:-1] and not typed[-1].endswith("。") and not HEADING.match(typed[-1])
        if broken:
            typed[-1] += line
        else:
            typed.append(line)
    return typed


def _add_list(document, num_id: int, levels: list[tuple[str, str, str]]) -> None:
    """A Word multi-level list: (numFmt, lvlText, suff) per level."""
    xml = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                  f'<w:suff w:val="{suffix}"/></w:lvl>' for i, (fmt, text, suffix) in enumerate(levels))
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(f'<w:abstractNum {W} w:abstractNumId="{num_id}">{xml}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'))


def _number(paragraph, num_id: int, level: int) -> None:
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _policy(seed_text: str, tmp_path, document, heading, item):
    """The seed typed in ``document``: ``heading(title)`` and ``item(text)`` add those paragraphs."""
    for line in _lines(seed_text):
        if HEADING.match(line):
            heading(HEADING.match(line).group(2))
        elif ITEM.match(line):
            item(ITEM.match(line).group(2))
        else:
            document.add_paragraph(line)
    path = tmp_path / "policy.docx"
    document.save(path)
    return read_policy_file(path)


def _same_policy(document, seed_text):
    clean = parse_policy(seed_text)
    assert [(s.number, s.title) for s in document.sections] == [(s.number, s.title) for s in clean.sections]
    assert {d.code: d.text for d in document.directives} == {d.code: d.text for d in clean.directives}
    assert document.issued_on == clean.issued_on and document.issuer == clean.issuer


@pytest.mark.parametrize("levels", [
    [("decimal", "%1", "space"), ("decimal", "(%2)", "space")],
    [("decimalFullWidth", "%1", "tab"), ("decimalFullWidth", "（%2）", "tab")],
    [("decimal", "%1.", "tab"), ("decimalEnclosedParen", "%2", "nothing")],
    [("decimalFullWidth", "第%1", "space"), ("decimal", "(%2)", "nothing")],
])
def test_word_list_numbers_are_read(seed_text, tmp_path, levels):
    document = docx.Document()
    _add_list(document, 7, levels)
    read = _policy(seed_text, tmp_path, document, lambda text: _number(document.add_paragraph(text), 7, 0),
                   lambda text: _number(document.add_paragraph(text), 7, 1))
    _same_policy(read, seed_text)


def test_numbered_heading_styles_are_read(seed_text, tmp_path):
    """Word's 見出し 1 / 見出し 2 carrying the list in the style, as a city template does."""
    document = docx.Document()
    _add_list(document, 5, [("decimal", "%1", "space"), ("decimal", "(%2)", "space")])
    for style, level in (("Heading 1", 0), ("Heading 2", 1)):
        document.styles[style].element.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="5"/></w:numPr>'))
    read = _policy(seed_text, tmp_path, document, lambda text: document.add_paragraph(text, style="Heading 1"),
                   lambda text: document.add_paragraph(text, style="Heading 2"))
    _same_policy(read, seed_text)


def test_a_text_box_is_read_once_as_a_line_of_its_own(seed_text, tmp_path):
    box = ('<w:r {W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
           'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
           '<wps:txbx><w:txbxContent><w:p><w:r><w:t>写</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing>'
           '</mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>写</w:t></w:r></w:p>'
           '</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>').replace("{W}", W)
    document = docx.Document()
    for line in _lines(seed_text):
        paragraph = document.add_paragraph(line)
        if line.startswith("令和6年3月21日"):
            paragraph._p.append(parse_xml(box))
    path = tmp_path / "policy.docx"
    document.save(path)
    read = read_policy_file(path)
    _same_policy(read, seed_text)
    assert read.preamble.text.count("写") == 1


def test_a_table_in_the_document_is_kept(seed_text, tmp_path):
    document = docx.Document()
    for line in _lines(seed_text):
        document.add_paragraph(line)
        if line.startswith("5 "):
            table = document.add_table(rows=1, cols=2)
            table.cell(0, 0).text, table.cell(0, 1).text = "提出期限", "令和6年3月29日"
    path = tmp_path / "policy.docx"
    document.save(path)
    read = read_policy_file(path)
    clean = parse_policy(seed_text)
    # The row is a line of its own: the mayor's first sentence of section 5 is not glued to it.
    assert read.sections[-1].body.text == "提出期限\u3000令和6年3月29日\n" + clean.sections[-1].body.text
    assert {d.code: d.text for d in read.directives} == {d.code: d.text for d in clean.directives}


def _typed_with(seed_text: str, replaced: str, write) -> docx.Document:
    """The seed typed in Word, the paragraph starting with ``replaced`` written by ``write(document)``."""
    document = docx.Document()
    for line in _lines(seed_text):
        if line.startswith(replaced):
            write(document)
        else:
            document.add_paragraph(line)
    return document


def _two_paragraphs(document):
    document.add_paragraph("(1) 令和6年度の重点（市制施行60周年）")
    document.add_paragraph("記念事業を通じて、市の魅力を発信すること。")


def _line_break(document):
    run = document.add_paragraph().add_run("(1) 令和6年度の重点（市制施行60周年）")
    run.add_break()
    run.add_text("記念事業を通じて、市の魅力を発信すること。")


@pytest.mark.parametrize("write", [_two_paragraphs, _line_break])
def test_a_line_without_a_full_stop_is_not_glued_to_the_next(seed_text, tmp_path, write):
    """A Word paragraph end or line break is the writer's, whatever the line ends with."""
    path = tmp_path / "policy.docx"
    _typed_with(seed_text, "(1) 令和6年度は、市制施行60周年", write).save(path)
    read = read_policy_file(path)
    assert read.directive("1(1)").text == "令和6年度の重点（市制施行60周年）\n記念事業を通じて、市の魅力を発信すること。"
    clean = parse_policy(seed_text)
    assert [d.text for d in read.directives][1:] == [d.text for d in clean.directives][1:]


def test_a_policy_typed_in_word_reads_as_the_same_text(seed_text, tmp_path):
    """Headings, numbered items and sentences ending in 。, a directive of two paragraphs: the Word
    document and a text file of the same lines are the same policy."""
    lines = _lines(seed_text)
    lines.insert(lines.index(next(line for line in lines if line.startswith("2 "))), "事業の選択と集中を図ること。")
    text_path, word_path = tmp_path / "policy.txt", tmp_path / "policy.docx"
    text_path.write_text("\n".join(lines), encoding="utf-8")
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(word_path)
    read = read_policy_file(word_path)
    assert read == read_policy_file(text_path)
    assert read.directive("1(5)").text.endswith("こと。\n事業の選択と集中を図ること。")


@pytest.mark.parametrize("number, fmt, shown", [
    (3, "decimal", "3"), (12, "decimalFullWidth", "１２"), (2, "decimalEnclosedCircle", "②"),
    (4, "decimalEnclosedParen", "⑷"), (1, "aiueoFullWidth", "ア"), (3, "irohaFullWidth", "ハ"),
    (4, "upperRoman", "IV"), (28, "lowerLetter", "bb"), (21, "japaneseCounting", "二十一"), (5, "bogus", "5"),
])
def test_number_formats(number, fmt, shown):
    assert format_number(number, fmt) == shown


def test_a_policy_laid_out_in_a_table_reads_row_by_row(seed_text, tmp_path):
    """Numbers in one column, text in the next (the 方眼紙 layout): each row is the line it shows."""
    document = docx.Document()
    table = None
    for line in _lines(seed_text):
        marker = HEADING.match(line) or ITEM.match(line)
        if not marker:
            document.add_paragraph(line)
            table = None
            continue
        if table is None:
            table = document.add_table(rows=0, cols=2)
        cells = table.add_row().cells
        cells[0].text = marker.group(1) if HEADING.match(line) else f"({marker.group(1)})"
        cells[1].text = marker.group(2)
    path = tmp_path / "policy.docx"
    document.save(path)
    _same_policy(read_policy_file(path), seed_text)


def _heading_with_line_break(document):
    run = document.add_paragraph().add_run("1 施政方針を")
    run.add_break()
    run.add_text("踏まえた対応")


def test_a_heading_wrapped_with_a_line_break_in_word_is_one_heading(seed_text, tmp_path):
    """Shift+Enter inside a heading only wraps it: the section's title is the whole heading."""
    path = tmp_path / "policy.docx"
    _typed_with(seed_text, "1 施政方針を踏まえた対応", _heading_with_line_break).save(path)
    _same_policy(read_policy_file(path), seed_text)


def test_a_title_typed_in_two_paragraphs_is_the_title(seed_text, tmp_path):
    def two_lines(document):
        document.add_paragraph("令和6年度")
        document.add_paragraph("市政運営の基本方針")

    path = tmp_path / "policy.docx"
    _typed_with(seed_text, "令和6年度市政運営の基本方針", two_lines).save(path)
    read = read_policy_file(path)
    assert read.title == "令和6年度市政運営の基本方針"
    _same_policy(read, seed_text)
