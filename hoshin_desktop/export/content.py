"""What the exported paper says, in order, independent of Word or Qt.

Both renderers walk this model: ``export.docx_writer`` (Word) and ``export.pages``
(PDF, and through ``printout`` the preview and print). So the .docx and the printed page carry the same text in the same
order, and the rules of the city's format (numbering written as text with a full-width
space, hanging indents, goals sorted by directive code, section goals under their
department goal as No. 1-1) live in one place.

Indents are counted in characters of the body font (全角1文字 = 1), as a drafter would
count them, and converted to twips or pixels by each renderer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..domain.codes import code_sort_key, directive_code, parse_code
from ..domain.fingerprint import plan_fingerprint
from ..domain.goal_fields import ACTIONS_COLUMN, BLOCK, GOAL_COLUMN, GOAL_FIELDS, LABELLED, MEASURE_COLUMN, SCHEDULE_COLUMN
from ..domain.models import Directive, Goal, Plan, PolicyDocument, PolicySection, Ruby, RubyText, stored_id
from ..domain.numbering import paper_order
from ..domain.text import clean_text, zenkaku_length
from ..domain.wareki import default_plan_date, fiscal_year_label, format_date
from .options import ExportOptions

POLICY_LABEL = "市政運営の基本方針"
ANSWER_LABEL = "【 部 の 方 針 】"
KI = "記"
CLOSING = "以上"
GOALS_HEADING = "組織目標"
MARKER_SPACE = "\u3000"  # 全角スペース after a number such as (1), as official papers write it

# Paragraph markers drafters type at the start of a line of the department's answer.
ITEM_MARKS = "＊*※○●◎◇◆□■" + "".join(chr(c) for c in range(0x2460, 0x2474))  # ①…⑳
BULLET_MARKS = "・"

# Full-width characters a right-aligned signer line holds, one spare (half-width characters count
# one half here, and Latin faces run wider): A4 portrait, and A4 landscape for the two columns.
SIGNER_LINE = {"stacked": 42.0, "columns": 65.0}

ITEM_INDENT = 1.0  # the mayor's items (1)… and the answers sit one character in from the heading

# Roles tell a renderer which paragraph style to use.
ROLE_TEXT = "text"
ROLE_POLICY_LABEL = "policy_label"
ROLE_ANSWER_LABEL = "answer_label"
ROLE_SECTION_HEADING = "section_heading"
ROLE_CELL = "cell"
ROLE_CELL_TITLE = "cell_title"
ROLE_CELL_LABEL = "cell_label"


@dataclass(frozen=True)
class Line:
    """One paragraph: its text (with ruby), left indent and first-line offset in characters.

    ``first`` is relative to ``left``; a negative value is a hanging indent, so that the
    text after a marker such as (1)　 lines up on every following line.
    """

    text: RubyText
    left: float = 0.0
    first: float = 0.0
    role: str = ROLE_TEXT

    @property
    def plain(self) -> str:
        return self.text.text


@dataclass(frozen=True)
class PolicyItem:
    """One directive with the department's answer; for a procedural section, its body."""

    marker: str  # "(1)", "" for a procedural body
    mayor: tuple[Line, ...]
    answer: tuple[Line, ...]
    answer_marker: str = ""  # "(1)" when the answers print numbered by item, "" for the city's ＊ paragraphs
    code: str = ""  # the directive's code, "1(1)"
    starred: bool = False  # the paper put a 「＊」 in front of an answer typed without one

    def mark(self, after_marker: bool) -> str:
        """The name of the answer's hidden bookmark (``after_marker``: the answer printed after its item number)."""
        return answer_mark(self.code, "number" if after_marker else "star" if self.starred else "")


@dataclass(frozen=True)
class PolicyPart:
    """One section of the basic policy: heading, items, and whether it asks for answers."""

    heading: str
    items: tuple[PolicyItem, ...]
    procedural: bool


@dataclass(frozen=True)
class GoalColumn:
    title: str
    centred: bool = False
    grows: bool = False  # a text column: kept readable (TEXT_FLOOR), and widened with the width left over
    whole: float = 0.0  # characters up to which each line (a 課, a date) gets its whole width: never wrapped
    floor: float = 0.0  # characters a line of this column holds at the least (readable, or room to write in)
    key: str = ""  # the goal texts' ``column`` (domain/goal_fields.py) that print here; "" for the others


GOAL_COLUMNS = (
    GoalColumn("No.", centred=True),
    GoalColumn("基本方針", centred=True),
    GoalColumn("目標", grows=True, floor=8, key=GOAL_COLUMN),
    GoalColumn("取組内容", grows=True, floor=9, key=ACTIONS_COLUMN),
    GoalColumn("達成基準・指標\n（現状値→目標値）", grows=True, floor=8, key=MEASURE_COLUMN),
    GoalColumn("スケジュール", floor=6, key=SCHEDULE_COLUMN),
    GoalColumn("担当課", whole=6),  # 子ども子育て支援課 wraps after its kana (nobreak)
)


def goal_column(key: str) -> GoalColumn:
    return next(column for column in GOAL_COLUMNS if column.key == key)
# blank on the plan's paper, filled in by hand at the reviews: room for a mark and a short sentence
REVIEW_COLUMNS = (GoalColumn("中間確認", grows=True, floor=12), GoalColumn("年度末評価", grows=True, floor=12))
DIRECTION_COLUMN = GoalColumn("方向性", centred=True)  # after No., when asked for


@dataclass(frozen=True)
class GoalRow:
    """One row of the goal table: a department goal (No. 1) or a section goal (No. 1-1)."""

    number: str
    cells: tuple[tuple[Line, ...], ...]  # in the order of the columns


@dataclass(frozen=True)
class PlanContent:
    fiscal_year: int
    department: str
    date: str
    title: str
    signers: tuple[str, ...]
    preamble: tuple[Line, ...]
    parts: tuple[PolicyPart, ...]
    goal_columns: tuple[GoalColumn, ...]
    goals: tuple[GoalRow, ...]
    stamp: str  # 第2版　令和6年3月29日　1a2b3c4d: 版, day of the last edit, fingerprint (the footer)
    fingerprint: str
    names: tuple[str, ...] = ()  # the 部 and its 課, longest first: no line breaks inside them

    @property
    def goal_rows(self) -> tuple[GoalRow, ...]:
        """The goals, or one empty row: the table of an empty plan can still be filled in by hand."""
        return self.goals or (GoalRow("", tuple(() for _ in self.goal_columns)),)


# --- text helpers ------------------------------------------------------------------------

def safe(text: str | None) -> str:
    """Plan text as it may go into a document: line ends unified, characters XML forbids gone,
    a tab (pasted from Excel) a full-width space: a Word tab stop would throw the rest of a line
    across a narrow cell, and the PDF's fonts have no tab to draw."""
    return clean_text(text or "", limit=None).replace("\t", MARKER_SPACE)


def safe_ruby(text: RubyText) -> RubyText:
    """The same gate for text with ruby, moving each reading along with its base text."""
    if safe(text.text) == text.text:
        return text
    parts, ruby, pos = [], [], 0
    for chunk, reading in text.segments():
        chunk = safe(chunk)
        if reading is not None and chunk:
            ruby.append(Ruby(pos, len(chunk), safe(reading)))
        parts.append(chunk)
        pos += len(chunk)
    return RubyText("".join(parts), tuple(ruby))


def width(text: str) -> float:
    """Width in full-width characters (half-width counts one half)."""
    return zenkaku_length(text)


def prefixed(prefix: str, text: RubyText) -> RubyText:
    """``prefix`` + ``text``, the ruby moved along."""
    shift = len(prefix)
    return RubyText(prefix + text.text, tuple(Ruby(r.start + shift, r.length, r.reading) for r in text.ruby))


def hanging(head: str, lines: tuple[Line, ...], base: float = 0.0) -> tuple[Line, ...]:
    """Put ``head`` in front of the first line at ``base``; every line moves right by its width.

    The first line hangs back to ``base`` so that the head stands out and the text after it
    lines up with the following lines.
    """
    if not lines:
        return ()
    shift = base + width(head)
    first = lines[0]
    result = [Line(prefixed(head, first.text), first.left + shift, -(first.left + shift - base), first.role)]
    result += [Line(line.text, line.left + shift, line.first, line.role) for line in lines[1:]]
    return tuple(result)


def with_marker(marker: str, lines: tuple[Line, ...], base: float = 0.0) -> tuple[Line, ...]:
    """「(1)　…」: a number written as text with a full-width space, hanging."""
    return hanging(marker + MARKER_SPACE, lines, base)


def _marker_of(paragraph: str) -> str:
    """The leading marker of a typed paragraph with the spaces after it, or ""."""
    if not paragraph or paragraph[0] not in ITEM_MARKS + BULLET_MARKS:
        return ""
    end = 1
    while end < len(paragraph) and paragraph[end] in " \u3000":
        end += 1
    return paragraph[:end]


def marked_lines(text: str, role: str = ROLE_TEXT) -> tuple[Line, ...]:
    """Split typed text into paragraphs with hanging indents for ＊ items and ・ lists.

    A ・ line under a ＊ item is indented to the item's text; a plain line continues at the
    indent of the ＊ item it follows; an empty line ends the item.
    """
    lines: list[Line] = []
    item_text_at = 0.0
    for paragraph in safe(text).split("\n"):
        marker = _marker_of(paragraph)
        if marker and marker[0] in BULLET_MARKS:
            hang = width(marker)
            lines.append(Line(RubyText(paragraph), item_text_at + hang, -hang, role))
        elif marker:
            hang = width(marker)
            item_text_at = hang
            lines.append(Line(RubyText(paragraph), hang, -hang, role))
        else:
            if not paragraph.strip():
                item_text_at = 0.0
            lines.append(Line(RubyText(paragraph), item_text_at, 0.0, role))
    return tuple(lines)


def _lines(text: str, role: str = ROLE_CELL) -> tuple[Line, ...]:
    """Paragraphs of typed text, or nothing for text that is empty once cleaned."""
    text = safe(text)
    return marked_lines(text, role) if text else ()


# --- the basic policy and the department's answers ----------------------------------------------

def _ruby_lines(text: RubyText, role: str = ROLE_TEXT) -> tuple[Line, ...]:
    return tuple(Line(p, role=role) for p in safe_ruby(text).paragraphs())


def _policy_part(section: PolicySection, plan: Plan, numbered: bool) -> PolicyPart:
    heading = safe(section.heading)
    if section.is_procedural:
        body = tuple(Line(line.text, 1.0, 1.0) for line in _ruby_lines(section.body))
        return PolicyPart(heading, (PolicyItem("", body, ()),), True)
    items = tuple(_item(d, plan.answer(d.code), numbered) for d in section.directives)
    return PolicyPart(heading, items, False)


def _item(directive: Directive, answer: str, numbered: bool) -> PolicyItem:
    """A directive with the department's answer. In the city's form each answer starts a 「＊」 paragraph:
    the mark is added on paper where the drafter typed none, so that two answers do not run into one
    (a space typed before the text stays after the mark; blank lines before it are left out)."""
    text = safe(answer)
    starred = not numbered and bool(text.strip()) and text.lstrip()[0] not in ITEM_MARKS + BULLET_MARKS
    lines = _lines("＊" + text.lstrip("\n") if starred else text, ROLE_TEXT)
    marker = f"({directive.number})"
    return PolicyItem(marker, _ruby_lines(directive.body), lines, marker if numbered else "", directive.code, starred)


# The hidden bookmark at the start of each answer on the app's paper: 「_HoshinAnswer_1_4_star」 says the
# answer is to 1(4) and that the paper put a 「＊」 in front of the typed text ("number": its item number
# 「(4)　」). Nothing of it shows or prints; Word hides bookmarks named with a leading 「_」, and Word and
# LibreOffice keep them when they save the file again. The Word import reads each answer back under
# its own directive by it, whatever the text says (services/word_plan_import.py).
ANSWER_MARK = "_HoshinAnswer"
_ANSWER_MARK = re.compile(rf"^{ANSWER_MARK}_([0-9]{{1,4}})_([0-9]{{1,4}})(?:_(star|number))?$")  # as domain/codes.py


def answer_mark(code: str, prefix: str = "") -> str:
    """The bookmark's name for the answer to ``code`` with ``prefix`` ("", "star" or "number") printed before it."""
    return "_".join(part for part in (ANSWER_MARK, *map(str, parse_code(code)), prefix) if part)


def read_answer_mark(name: str) -> tuple[str, str] | None:
    """(code, prefix) of a bookmark ``answer_mark`` named; None for any other name."""
    match = _ANSWER_MARK.match(name)
    if match is None:
        return None
    return directive_code(int(match.group(1)), int(match.group(2))), match.group(3) or ""


@dataclass(frozen=True)
class BoxRow:
    """A piece of a bordered box that a page break should not cut: a label, one item, one answer."""

    lines: tuple[Line, ...]
    keep_with_next: bool = False  # a label or heading stays on the page of what follows it
    mark: str = ""  # an answer's hidden bookmark (answer_mark), on its first line


def box_rows(part: PolicyPart) -> tuple[BoxRow, ...]:
    """One bordered box of the stacked layout, in reading order, in pieces a page may end between."""
    rows = [BoxRow((Line(RubyText(POLICY_LABEL), role=ROLE_POLICY_LABEL),
                    Line(RubyText(part.heading), role=ROLE_SECTION_HEADING)), keep_with_next=True)]
    rows += [BoxRow(with_marker(item.marker, item.mayor, ITEM_INDENT) if item.marker else item.mayor)
             for item in part.items]
    if part.procedural:
        return tuple(rows)
    rows.append(BoxRow((Line(RubyText(ANSWER_LABEL), role=ROLE_ANSWER_LABEL),), keep_with_next=True))
    answers = [BoxRow(with_marker(item.answer_marker, item.answer, ITEM_INDENT) if item.answer_marker
                      else _indented(item.answer, ITEM_INDENT), mark=item.mark(bool(item.answer_marker)))
               for item in part.items if item.answer]
    rows += answers or [BoxRow((Line(RubyText("")),))]  # room to write by hand on an empty draft
    return tuple(rows)


def _indented(lines: tuple[Line, ...], by: float) -> tuple[Line, ...]:
    return tuple(Line(line.text, line.left + by, line.first, line.role) for line in lines)


def column_rows(part: PolicyPart) -> tuple[tuple[tuple[Line, ...], tuple[Line, ...]], ...]:
    """Rows of the two-column layout: (the mayor's item, the department's answer)."""
    return tuple(
        (with_marker(item.marker, item.mayor) if item.marker else item.mayor, item.answer)
        for item in part.items
    )


# --- goals --------------------------------------------------------------------------------------

def ordered_goals(plan: Plan) -> list[tuple[str, Goal]]:
    """(No., goal) in print order: the app's one numbering rule (domain/numbering.py)."""
    return paper_order(plan)


def _labelled(label: str, text: str) -> tuple[Line, ...]:
    """「現状値：…」 with the following lines under the value."""
    return hanging(label + "：", _lines(text))


def _text_cell(goal: Goal, column: str) -> tuple[Line, ...]:
    """The goal's texts that print in ``column``, each as its spec says: the column's own text, a
    【block】 under it, or 「label：text」 (domain/goal_fields.py)."""
    lines: tuple[Line, ...] = ()
    for spec in GOAL_FIELDS:
        text = goal.text(spec.key)
        if spec.column != column:
            continue
        if spec.printed == LABELLED:
            lines += _labelled(spec.label, text)
        elif spec.printed == BLOCK:
            shown = _lines(text)
            lines += ((Line(RubyText(f"【{spec.label}】"), role=ROLE_CELL_LABEL),) + shown) if shown else ()
        else:
            lines += _lines(text, ROLE_CELL_TITLE if column == GOAL_COLUMN else ROLE_CELL)
    return lines


def _goal_cells(number: str, goal: Goal, review: bool, direction: str | None) -> tuple[tuple[Line, ...], ...]:
    """The row's cells; ``direction`` is the 方向性 cell's text, None when the column is not printed."""
    cells: tuple[tuple[Line, ...], ...] = (
        (Line(RubyText(number), role=ROLE_CELL),),
        tuple(Line(RubyText(safe(code)), role=ROLE_CELL) for code in sorted(goal.directives, key=code_sort_key)),
        *(_text_cell(goal, column.key) for column in GOAL_COLUMNS if column.key),
        tuple(Line(RubyText(safe(name)), role=ROLE_CELL) for name in goal.owner_sections),
    )
    if direction is not None:  # a goal of a plan not carried over has none: the cell stays blank
        shown = (Line(RubyText(direction), role=ROLE_CELL),) if direction else ()
        cells = cells[:1] + (shown,) + cells[1:]
    return cells + ((), ()) if review else cells


# --- the whole paper ----------------------------------------------------------------------------

def _wareki(d: date) -> str:
    try:
        return format_date(d)
    except ValueError:  # a date before 令和 typed by mistake: still print it, readably
        return f"{d.year}年{d.month}月{d.day}日"


def plan_title(plan: Plan) -> str:
    return f"{fiscal_year_label(plan.fiscal_year)}{safe(plan.department)}の運営方針・組織目標"


def build_content(plan: Plan, policy: PolicyDocument, options: ExportOptions | None = None) -> PlanContent:
    options = options or ExportOptions()
    room = SIGNER_LINE[options.layout]
    signers = tuple(line for s in plan.signers for line in _signer_lines(safe(s.title).strip(), safe(s.name).strip(), room))
    preamble = tuple(Line(RubyText(p), 0.0, 1.0) for p in safe(plan.preamble).split("\n")) if plan.preamble else ()
    # a plan not carried over from last year's has no 方向性 to print: the column is left out
    direction = options.direction_column and bool(plan.lineage)
    columns = _goal_columns(options, direction)
    goals = tuple(
        GoalRow(number, _goal_cells(number, goal, options.review_columns,
                                    plan.lineage.direction(stored_id(goal)) if direction else None))
        for number, goal in ordered_goals(plan)
    )
    return PlanContent(
        fiscal_year=plan.fiscal_year,
        department=safe(plan.department),
        date=_wareki(plan.plan_date or default_plan_date(plan.fiscal_year)),
        title=plan_title(plan),
        signers=signers,
        preamble=preamble,
        parts=tuple(_policy_part(section, plan, options.answer_form == "numbered") for section in policy.sections),
        goal_columns=columns,
        goals=goals,
        stamp=plan_stamp(plan),
        fingerprint=plan_fingerprint(plan),
        names=plan_names(plan),
    )


def plan_names(plan: Plan) -> tuple[str, ...]:
    """The department and every 課 its goals name, longest first (a longer name wins where two overlap)."""
    names = {safe(plan.department).strip()} | {safe(name).strip() for goal in plan.goals for name in goal.owner_sections}
    return tuple(sorted((name for name in names if len(name) > 1), key=lambda name: (-len(name), name)))


def _signer_lines(title: str, name: str, room: float) -> tuple[str, ...]:
    """「職名　氏名」 on one line; when it does not fit, the name on a line of its own, so that a
    long title (担当部長（兼）…事務取扱) never breaks a name in two."""
    joined = "\u3000".join(part for part in (title, name) if part)
    if width(joined) <= room or not (title and name):
        return (joined,) if joined else ()
    return title, name


def _goal_columns(options: ExportOptions, with_direction: bool) -> tuple[GoalColumn, ...]:
    number, *rest = GOAL_COLUMNS
    direction = (DIRECTION_COLUMN,) if with_direction else ()
    return (number, *direction, *rest) + (REVIEW_COLUMNS if options.review_columns else ())


def plan_stamp(plan: Plan) -> str:
    """「第2版　令和6年3月29日　1a2b3c4d」: the plan's own last edit, never the day it is exported;
    a fixed plan says so with the day it was fixed: 「第2版（確定）　令和6年4月10日　1a2b3c4d」."""
    if plan.lock is not None:
        return f"第{plan.revision}版（確定）\u3000{_wareki(plan.lock.locked_at.date())}\u3000{plan_fingerprint(plan)}"
    edited = plan.edited_on or plan.plan_date or default_plan_date(plan.fiscal_year)
    return f"第{plan.revision}版\u3000{_wareki(edited)}\u3000{plan_fingerprint(plan)}"
