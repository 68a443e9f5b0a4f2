"""Papers of the year after the interview, in the city's format and from the same template.

- The goal table with its 中間確認 and 年度末評価 columns filled (A4 portrait or landscape):
  the same columns, numbering and row rules as the plan's goal table (``docx_writer``),
  with each goal's reviews written into the last two columns.
- 「面談における指示事項と対応状況」: the interview's 指示事項 and the department's response,
  one A4 portrait list.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from docx.document import Document

from ..domain.cycle import (
    INSTRUCTIONS_TITLE,
    REVIEW_FIELD_LABELS,
    STAGE_LABELS,
    STAGES,
    STATUS_LABELS,
    Review,
    ReviewMark,
    mark_counts,
    mark_of,
    review_of,
    review_problems,
)
from ..domain.goal_fields import GOAL_COLUMN, MEASURE_COLUMN
from ..domain.models import Plan, PolicyDocument, RubyText
from ..domain.wareki import fiscal_year_label
from . import content as c
from . import docx_blocks as blocks
from . import docx_writer, ooxml
from . import styles as s
from .atomic import atomic_target
from .options import ExportOptions
from .pages import row_fits_estimated
from .widths import table_widths

# --- the review table ------------------------------------------------------------------------

def review_title(plan: Plan, stage: str) -> str:
    """「令和6年度 政策部 組織目標 中間確認」 (年度末評価 for the final stage)."""
    return f"{fiscal_year_label(plan.fiscal_year)}　{c.safe(plan.department)}　組織目標　{STAGE_LABELS[stage]}"


def review_cell(review: Review | None, marks: list[ReviewMark]) -> tuple[c.Line, ...]:
    """A review as the lines of its cell: the mark with its meaning, 実績値, 進捗・成果, then the reason."""
    if review is None:
        return ()
    known = mark_of(marks, review.mark)
    lines: tuple[c.Line, ...] = ()
    if review.mark:
        lines += (c.Line(RubyText(c.safe(known.caption if known else review.mark)), role=c.ROLE_CELL_TITLE),)
    if review.actual.strip():
        lines += c.hanging(f"{REVIEW_FIELD_LABELS['actual']}：", c._lines(review.actual))
    lines += c._lines(review.comment)
    if review.reason.strip():
        lines += (c.Line(RubyText(f"【{REVIEW_FIELD_LABELS['reason']}】"), role=c.ROLE_CELL_LABEL),)
        lines += c._lines(review.reason)
    return lines


# A4 portrait has room for the goal, its measure and the two reviews only; 取組内容, スケジュール
# and 担当課 stay on the plan's own table (nine columns of 9 pt would break words into single characters).
PORTRAIT_COLUMNS = ("No.", "基本方針", c.goal_column(GOAL_COLUMN).title, c.goal_column(MEASURE_COLUMN).title)


def review_content(plan: Plan, policy: PolicyDocument, stage: str, marks: list[ReviewMark],
                   options: ExportOptions, *, landscape: bool = True) -> c.PlanContent:
    """The plan's goal table with review columns, filled up to ``stage`` (interim: 中間確認 only)."""
    if stage not in STAGES:
        raise ValueError(f"評価の段階「{stage}」はありません（interim または final）")
    shown = STAGES[:STAGES.index(stage) + 1]
    content = c.build_content(plan, policy, replace(options, review_columns=True))
    keep = [i for i, column in enumerate(content.goal_columns)
            if landscape or column.title in PORTRAIT_COLUMNS or column in c.REVIEW_COLUMNS]
    rows = []
    for row, (_number, goal) in zip(content.goals, c.ordered_goals(plan)):
        cells = row.cells[:-len(STAGES)] + tuple(
            review_cell(review_of(goal.reviews, st), marks) if st in shown else () for st in STAGES)
        rows.append(replace(row, cells=tuple(cells[i] for i in keep)))
    return replace(content, title=review_title(plan, stage), date=c._wareki(options.stamp_date), goals=tuple(rows),
                   goal_columns=tuple(content.goal_columns[i] for i in keep))


def review_sheet_findings(plan: Plan, stage: str, marks: list[ReviewMark]) -> list[str]:
    """What to check before printing the sheet of ``stage``: problems of the reviews it shows only (an
    interim sheet says nothing of year-end reasons not yet due), with each goal's printed number."""
    shown = STAGES[:STAGES.index(stage) + 1]
    return [f"目標 No.{number}（{STAGE_LABELS[review.stage]}）: {problem}"
            for number, goal in c.ordered_goals(plan) for review in goal.reviews if review.stage in shown
            for problem in review_problems(review, marks)]


def summary_line(plan: Plan, stage: str, marks: list[ReviewMark]) -> str:
    """「評価の集計（中間確認）：◎ 達成 2件　○ 概ね達成 1件 … 未記入 0件」."""
    counts = mark_counts([g.reviews for g in plan.goals], stage, marks)
    captions = {m.mark: m.caption for m in marks}
    parts = [f"{captions.get(mark, mark)} {n}件" for mark, n in counts.items()]
    return f"評価の集計（{STAGE_LABELS[stage]}）：" + "　".join(parts)


def build_review_document(plan: Plan, policy: PolicyDocument, stage: str, marks: list[ReviewMark], *,
                          landscape: bool = True, options: ExportOptions | None = None) -> Document:
    options = options or ExportOptions()
    content = review_content(plan, policy, stage, marks, options, landscape=landscape)
    document = _start(plan, content, options)
    with ooxml.holding(content.names):
        blocks.paragraph(document, s.DATE, content.date)
        blocks.paragraph(document, s.TITLE, content.title)
        docx_writer._goal_table(document, content, s.LANDSCAPE_WIDTH if landscape else s.PORTRAIT_WIDTH,
                                new_page=False)
        blocks.paragraph(document, s.BODY, summary_line(plan, stage, marks), keep_next=True)
        blocks.paragraph(document, s.CLOSING, c.CLOSING)
    blocks.set_page(document.sections[-1], landscape=landscape)
    return document


def write_review_docx(plan: Plan, policy: PolicyDocument, path: Path, stage: str, marks: list[ReviewMark], *,
                      landscape: bool = True, options: ExportOptions | None = None) -> Path:
    return _save(build_review_document(plan, policy, stage, marks, landscape=landscape, options=options), path)


# --- 面談における指示事項と対応状況 ---------------------------------------------------------------

# The list's columns; their widths follow what is written in them (export.widths), each date and each
# 「目標 No.2-1」 whole on its line: a date parts only after its year (令和6年｜12月31日).
INSTRUCTION_COLUMNS = (c.GoalColumn("No.", centred=True), c.GoalColumn("日付", centred=True, whole=6),
                       c.GoalColumn("指示者", centred=True, whole=5),
                       c.GoalColumn("指示事項", grows=True, floor=8),
                       c.GoalColumn("関連する目標・項目", whole=8), c.GoalColumn("期限", centred=True, whole=6),
                       c.GoalColumn("状況", centred=True, whole=4), c.GoalColumn("対応の内容", grows=True, floor=6))


def _wareki_lines(d: date | None) -> str:
    """令和6年4月10日 as 「令和6年」 over 「4月10日」: the 令和 form the plan's own dates use (not R6.4.10,
    which 提出前の確認 flags as a mix), in two lines that fit a narrow column."""
    if d is None:
        return ""
    written = c._wareki(d)
    year, _, day = written.partition("年")
    return f"{year}年\n{day}" if day else written


def instruction_rows(plan: Plan) -> list[tuple[tuple[c.Line, ...], ...]]:
    numbers = {goal.id: number for number, goal in c.ordered_goals(plan)}
    rows = []
    for n, item in enumerate(plan.instructions, start=1):
        concerns = ([f"目標 No.{numbers[item.goal]}"] if item.goal in numbers else []) + \
                   ([f"基本方針 {item.directive}"] if item.directive else [])
        cells = (str(n), _wareki_lines(item.given_on), item.given_by, item.text, "\n".join(concerns),
                 _wareki_lines(item.due), STATUS_LABELS[item.status], item.response)
        rows.append(tuple(c._lines(text) for text in cells))
    return rows


def instructions_title(plan: Plan) -> str:
    return f"{fiscal_year_label(plan.fiscal_year)}　{c.safe(plan.department)}　{INSTRUCTIONS_TITLE}"


def build_instructions_document(plan: Plan, policy: PolicyDocument, *, options: ExportOptions | None = None,
                                ) -> Document:
    options = options or ExportOptions()
    content = c.build_content(plan, policy, options)
    document = _start(plan, content, options)
    open_count = sum(1 for item in plan.instructions if item.is_open)
    with ooxml.holding(content.names):
        blocks.paragraph(document, s.DATE, c._wareki(options.stamp_date))
        blocks.paragraph(document, s.TITLE, instructions_title(plan))
        blocks.paragraph(document, s.BODY, f"指示事項 {len(plan.instructions)}件（うち未完了 {open_count}件）")
        blocks.closing_row(_instruction_table(document, instruction_rows(plan), content.names), s.CLOSING, c.CLOSING)
    blocks.set_page(document.sections[-1], landscape=False)
    return document


def _instruction_table(document: Document, rows, names: tuple[str, ...]) -> blocks.Grid:
    width = s.PORTRAIT_WIDTH
    points = table_widths(INSTRUCTION_COLUMNS, rows or [tuple(() for _ in INSTRUCTION_COLUMNS)], width / 20, names)
    widths = docx_writer._whole_twips([w * 20 for w in points], width)
    tbl = blocks.table(document, widths)
    for column, cell in zip(INSTRUCTION_COLUMNS, tbl.row(header=True, cant_split=True)):
        blocks.cell_text(blocks.shaded(cell, s.HEADER_SHADE, centre_vertically=True), s.TABLE_HEADER, column.title,
                         keep_next=True)
    rows = rows or [tuple(() for _ in INSTRUCTION_COLUMNS)]
    for cells in rows:
        fits = row_fits_estimated([(lines, w / 20) for lines, w in zip(cells, widths)], s.CELL_ROLE_STYLES,
                                  landscape=False)
        for column, cell, lines in zip(INSTRUCTION_COLUMNS, tbl.row(cant_split=fits), cells):
            style = s.TABLE_CENTRED if column.centred else s.TABLE_TEXT
            docx_writer._cell_lines(cell, lines, lambda _line, style=style: style, keep_next=cells is rows[-1])
    return tbl


def write_instructions_docx(plan: Plan, policy: PolicyDocument, path: Path, *,
                            options: ExportOptions | None = None) -> Path:
    return _save(build_instructions_document(plan, policy, options=options), path)


# --- shared -----------------------------------------------------------------------------------

def _start(plan: Plan, content: c.PlanContent, options: ExportOptions) -> Document:
    """The template emptied, with its fonts, footer stamp and properties set."""
    document = docx_writer.open_template()
    if options.font != "ms":
        ooxml.apply_font_set(document.styles.element, options.fonts)
    docx_writer.empty_body(document)
    docx_writer._set_stamp(document, content.stamp)
    docx_writer._set_properties(document, content, plan.revision)
    return document


def _save(document: Document, path: Path) -> Path:
    path = Path(path)
    with atomic_target(path) as partial:
        document.save(str(partial))
    return path

