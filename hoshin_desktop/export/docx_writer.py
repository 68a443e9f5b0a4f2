"""The Word document in the city's submission format (see FORMAT.md), from our own template.

Order of the paper: date (right), title (centred), signers (right), preamble, 記, then per
section of the basic policy the mayor's text and the department's answer (stacked in a
bordered box, or side by side on landscape pages), then the goal table on a new page,
then 以上. The footer carries the version stamp and 「1 / 3」.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.section import WD_SECTION_START

from ..domain.models import Plan, PolicyDocument
from . import content as c
from . import docx_blocks as blocks
from . import ooxml
from . import styles as s
from .atomic import atomic_target
from .options import ExportOptions
from .pages import EMPTY_CELL, row_fits_estimated
from .pages import _cell_style as _line_style
from .template import template_path
from .widths import goal_column_widths

PORTRAIT_WIDTH, LANDSCAPE_WIDTH = s.PORTRAIT_WIDTH, s.LANDSCAPE_WIDTH


class TemplateError(RuntimeError):
    """The bundled template is missing or damaged: an installation problem, not the user's."""


def open_template() -> Document:
    """Our template, checked to hold every style the exporter uses."""
    path = template_path()
    if not path.is_file():
        raise TemplateError(f"Word の書式ファイルが見つかりません（{path}）。アプリを入れ直してください。")
    document = docx.Document(str(path))
    missing = missing_styles(document)
    if missing:
        raise TemplateError(f"Word の書式ファイル（{path}）にスタイル {', '.join(missing)} がありません。"
                            "アプリを入れ直してください。")
    return document


def empty_body(document: Document) -> None:
    """Remove the template's body text; its section properties stay (new blocks go before them)."""
    body = document.element.body
    for child in list(body):
        if child is not body.sectPr:
            body.remove(child)


def missing_styles(document: Document) -> list[str]:
    present = {style.style_id for style in document.styles}
    return [style.id for style in s.STYLES if style.id not in present]


# --- the parts of the paper ---------------------------------------------------------------------

def _cell_lines(cell, lines: tuple[c.Line, ...], style_of, **kwargs) -> None:
    """A cell's lines, one paragraph each, in the style ``style_of(line)`` (an empty cell: one empty line)."""
    lines = lines or EMPTY_CELL
    for paragraph, line in zip(blocks.cell_paragraphs(cell, len(lines)), lines):
        blocks.write(paragraph, style_of(line), line=line, **kwargs)


def _mark(cell, name: str, ids: Iterator[int]) -> None:
    """The answer's hidden bookmark (content.answer_mark) before the text of the cell's first paragraph,
    so that the Word import reads the answer back under its own directive."""
    if name:
        ooxml.bookmark(cell.paragraphs[0]._p, name, next(ids))


def _opening(document: Document, content: c.PlanContent) -> None:
    blocks.paragraph(document, s.DATE, content.date)
    blocks.paragraph(document, s.TITLE, content.title)
    for signer in content.signers:
        blocks.paragraph(document, s.SIGNER, signer)
    for line in content.preamble:
        blocks.paragraph(document, s.BODY, line=line)
    blocks.paragraph(document, s.KI, c.KI)


def _policy_boxes(document: Document, content: c.PlanContent, width: int) -> None:
    """Stacked layout: one bordered box per section, the mayor's text above the answer.

    The box is a table without inner lines, one row per label, item and answer: a page ends
    between items, never right after a label (its paragraphs keep with the next row).
    """
    ids = itertools.count(1)
    for part in content.parts:
        box = blocks.table(document, [width], inside=False)
        for row in c.box_rows(part):
            fits = row_fits_estimated([(row.lines, width / 20)], s.BOX_ROLE_STYLES, landscape=False)
            (cell,) = box.row(cant_split=fits)
            _cell_lines(cell, row.lines, lambda line: s.BOX_ROLE_STYLES[line.role], keep_next=row.keep_with_next,
                        keep_lines=not fits)
            _mark(cell, row.mark, ids)
        blocks.paragraph(document, s.BOX_GAP)  # Word merges two tables that touch


def _policy_columns(document: Document, content: c.PlanContent, width: int) -> None:
    """Two-column layout: 「市政運営の基本方針」 | 「部の方針」, one row per item."""
    widths = [width // 2, width - width // 2]
    tbl = blocks.table(document, widths)
    for title, cell in zip((c.POLICY_LABEL, "部の方針"), tbl.row(header=True, cant_split=True)):
        blocks.cell_text(blocks.shaded(cell, s.HEADER_SHADE), s.COLUMN_HEADER, title, keep_next=True)
    styles = {c.ROLE_TEXT: s.BOX_TEXT}
    ids = itertools.count(1)
    for part in content.parts:
        heading = blocks.merged(tbl.row(cant_split=True))
        blocks.cell_text(blocks.shaded(heading, s.HEADING_SHADE), s.SECTION_HEADING, part.heading, keep_next=True)
        for item, (mayor, answer) in zip(part.items, c.column_rows(part)):
            fits = row_fits_estimated([(mayor, widths[0] / 20), (answer, widths[1] / 20)], styles, landscape=True)
            cells = tbl.row(cant_split=fits)
            for lines, cell in zip((mayor, answer), cells):
                _cell_lines(cell, lines, lambda line: s.BOX_TEXT, keep_lines=not fits)
            _mark(cells[1], item.mark(False) if answer else "", ids)


def _goal_table(document: Document, content: c.PlanContent, width: int, *, new_page: bool) -> blocks.Grid:
    blocks.paragraph(document, s.GOALS_HEADING, c.GOALS_HEADING, page_break_before=new_page)
    columns = content.goal_columns
    widths = _whole_twips([w * 20 for w in goal_column_widths(content, width / 20)], width)
    tbl = blocks.table(document, widths)
    for column, cell in zip(columns, tbl.row(header=True, cant_split=True)):
        titles = column.title.split("\n")
        blocks.shaded(cell, s.HEADER_SHADE, centre_vertically=True)
        for paragraph, title in zip(blocks.cell_paragraphs(cell, len(titles)), titles):
            blocks.write(paragraph, s.TABLE_HEADER, title, keep_next=True)
    landscape = width == LANDSCAPE_WIDTH
    centred = tuple(column.centred for column in columns)
    styles = [_cell_style(column) for column in columns]
    rows = content.goal_rows
    for number, goal in enumerate(rows, start=1):
        fits = row_fits_estimated([(lines, w / 20) for lines, w in zip(goal.cells, widths)], s.CELL_ROLE_STYLES,
                                  landscape=landscape, centred=centred)
        last = number == len(rows)  # the last row goes to the page of 以上
        for style_of, cell, lines in zip(styles, tbl.row(cant_split=fits), goal.cells):
            _cell_lines(cell, lines, style_of, keep_next=last, keep_lines=not fits)
    return tbl


def _cell_style(column: c.GoalColumn):
    """The style of a line of ``column``, by the rule the page-fit estimate and the PDF use."""
    return functools.partial(_line_style, styles=s.CELL_ROLE_STYLES, centred=column.centred)


def _whole_twips(widths: list[float], width: int) -> list[int]:
    """Whole twips summing exactly to ``width`` (Word wants the grid and the cells to agree)."""
    result = [int(w) for w in widths]
    result[-1] += width - sum(result)
    return result


def _set_stamp(document: Document, stamp: str) -> None:
    """Put the version stamp into the footer's stamp paragraph (the page fields stay untouched)."""
    footer = document.sections[0].footer
    for paragraph in footer.paragraphs:
        if paragraph.style is not None and paragraph.style.style_id == s.FOOTER_STAMP.id:
            for run in list(paragraph._p.r_lst):
                paragraph._p.remove(run)
            ooxml.text_run(paragraph._p, stamp)
            return
    raise TemplateError("Word の書式ファイルのフッターに版数の欄がありません。アプリを入れ直してください。")


def _set_properties(document: Document, content: c.PlanContent, revision: int) -> None:
    props = document.core_properties
    props.title = content.title
    props.author = content.department
    props.last_modified_by = "hoshin_desktop"
    props.language = "ja-JP"
    props.revision = max(1, revision)
    props.version = content.stamp.split("\u3000")[0]
    props.subject = content.stamp
    props.identifier = content.fingerprint
    props.keywords = content.fingerprint
    props.created = props.modified = datetime.now().replace(microsecond=0)


# --- the document -------------------------------------------------------------------------------

def build_document(plan: Plan, policy: PolicyDocument, options: ExportOptions | None = None, *,
                   content: c.PlanContent | None = None, names: tuple[str, ...] | None = None) -> Document:
    """The whole paper as a python-docx Document (not yet saved).

    ``content``: the plan's ``build_content`` when the caller has it already; ``names``: the names held
    whole in the text (``ooxml.holding``; the booklet's every 部 and 課), by default the plan's own."""
    options = options or ExportOptions()
    content = content or c.build_content(plan, policy, options)
    document = open_template()
    if options.font != "ms":
        ooxml.apply_font_set(document.styles.element, options.fonts)
    empty_body(document)
    columns = options.layout == "columns"
    landscape_goals = options.goal_table_landscape
    with ooxml.holding(content.names if names is None else names):
        _opening(document, content)
        if columns:
            _policy_columns(document, content, LANDSCAPE_WIDTH)
        else:
            _policy_boxes(document, content, PORTRAIT_WIDTH)
        if landscape_goals and not columns:
            # The portrait pages end here; the goal table gets a landscape section of its own
            # (its footer is linked to the portrait one).
            document.add_section(WD_SECTION_START.NEW_PAGE)
        goals = _goal_table(document, content, LANDSCAPE_WIDTH if landscape_goals else PORTRAIT_WIDTH,
                            new_page=not (landscape_goals and not columns))
        blocks.closing_row(goals, s.CLOSING, c.CLOSING)
    blocks.set_page(document.sections[-1], landscape=landscape_goals)
    _set_stamp(document, content.stamp)
    _set_properties(document, content, plan.revision)
    return document


def write_docx(plan: Plan, policy: PolicyDocument, path: Path, options: ExportOptions | None = None) -> Path:
    """Export ``plan`` to ``path`` safely (temporary file, then moved into place)."""
    document = build_document(plan, policy, options)
    path = Path(path)
    with atomic_target(path) as partial:
        document.save(str(partial))
    return path
