"""The goal table (組織目標) of a plan typed in Word: columns found by their header words, rows read as goals.

The app's own paper has the columns No. | 基本方針 | 目標 | 取組内容 | 達成基準・指標（現状値→目標値） |
スケジュール | 担当課, each cell written by one rule (export/content.py); those are read back
exactly. A clerk's own table is read by what its headers say, in any order: a header over two
rows (達成基準 over 現状値 | 目標値), no No. or no 基本方針 column, cells merged down over
several goals (one 担当課 for three goals), a goal over two rows (its No. merged down), blank
rows, the header repeated, the table split over pages into two tables. Whatever cannot be put
into a goal is said, with its table and row; nothing is dropped without a word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..domain.codes import directive_code
from ..domain.models import Goal
from .word_blocks import Cell, Row, Table

# What each kind of column holds; None: a column the app does not read.
TEXT_KINDS = ("title", "background", "actions", "indicator", "baseline", "target", "schedule")
GOAL_KINDS = (*TEXT_KINDS, "sections")  # enough of these in a row make it the header of a goal table
NOT_READ = {"direction": "方向性", "interim": "中間確認", "final": "年度末評価"}  # records of the year, not the plan

_CODE = re.compile(r"([0-9]{1,3})\s*[-－‐ー―の]?\s*[(（]\s*([0-9]{1,3})\s*[)）]|([0-9]{1,3})\s*[-－‐ー―]\s*([0-9]{1,3})")
_CODE_WORDS = re.compile(r"[\s、,，・/]|基本方針|施政方針|方針|項目|番号|no\.?", re.IGNORECASE)  # around codes: nothing lost
_NUMBER = re.compile(r"^(?:no\.?|№)?\s*[(（]?([0-9]{1,4})[)）]?(?:\s*[-－‐ー―の・.]\s*([0-9]{1,4}))?\.?$")
_BACKGROUND_LABEL = re.compile(r"^[【〔［\[(（<＜]?\s*(現状と課題|現状・課題|現状及び課題)\s*[】〕］\])）>＞]?\s*[:：]?\s*")
_VALUE_LABEL = re.compile(r"^[【〔［\[(（]?\s*(現状値|目標値)\s*[】〕］\])）]?\s*[:：]?\s*")
_SECTION_SPLIT = re.compile(r"[\n、,，／/]")


# Header words, checked in this order (「目標値」 before 「目標」; a 目標 column may say 「目標（現状と課題）」).
_RECORD_WORDS = (("directives", ("基本方針", "方針項目", "項目番号", "関連する方針")), ("interim", ("中間",)),
                 ("final", ("年度末", "期末", "評価")), ("direction", ("方向性",)))
_FIELD_WORDS = (("background", ("現状と課題", "現状・課題", "現状及び課題", "課題")), ("actions", ("取組", "取り組み", "実施内容", "事業内容", "活動内容")),
                ("indicator", ("指標", "達成基準")), ("baseline", ("現状値",)), ("target", ("目標値",)),
                ("schedule", ("スケジュール", "時期", "工程", "日程")), ("sections", ("担当", "所管", "関係課", "課名")),
                ("title", ("目標",)))


def folded(text: str) -> str:
    """Header text as compared: NFKC, lower case, no spaces or line breaks."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def column_kind(header: str) -> str | None:
    """What a column holds, by the words of its header; None when they say nothing the app reads."""
    h = folded(header)
    if not h:
        return None
    if re.fullmatch(r"(目標)?(no\.?|番号)|項番|#|通番", h):
        return "number"
    for kind, words in _RECORD_WORDS:
        if any(word in h for word in words):
            return kind
    if h.startswith(("目標", "組織目標")) and not h.startswith("目標値"):
        return "title"
    return next((kind for kind, words in _FIELD_WORDS if any(word in h for word in words)), None)


@dataclass
class Columns:
    """The goal table's columns: kind per grid column, the header's own words, and the rows it took."""

    kinds: list[str | None]
    titles: list[str]
    header_rows: int
    arrow: bool = False  # the header says 現状値→目標値: a lone 「A→B」 line is the two values

    def is_header(self, row: Row) -> bool:
        """A row repeating the header's words (the header typed again where a table goes on over a page)."""
        words = {folded(part) for title in self.titles for part in (title, *title.split("\n"))}
        own = [c.text for c in row.cells if c.text.strip() and not c.merged_above]
        return len(own) >= 2 and all(folded(text) in words for text in own)


def find_columns(table: Table) -> Columns | None:
    """The columns of ``table`` when one of its first rows is the header of a goal table; else None."""
    for index, row in enumerate(table.rows[:3]):
        kinds = [column_kind(cell.text) for cell in row.grid()]
        if _goal_header(kinds):
            titles = [cell.text for cell in row.grid()]
            rows = index + 1
            below = table.rows[index + 1].grid() if index + 1 < len(table.rows) else []
            merged = any(cell.span > 1 for cell in row.cells) or any(cell.merged_above for cell in below)
            if below and merged and _sub_header(below):  # 達成基準・指標 over 現状値 | 目標値 (a header over two rows)
                for j, cell in enumerate(below[:len(kinds)]):
                    if cell.text.strip() and not cell.merged_above:
                        kinds[j], titles[j] = column_kind(cell.text), f"{titles[j]}\n{cell.text}".strip()
                rows += 1
            arrow = any("→" in unicodedata.normalize("NFKC", t) and "現状値" in t for t in titles)
            return Columns(kinds, titles, rows, arrow)
    return None


def _goal_header(kinds: list[str | None]) -> bool:
    """Two of a goal's columns (目標 and 取組内容, …), or 目標 beside its No. or its 基本方針."""
    goal_kinds = {k for k in kinds if k in GOAL_KINDS}
    return len(goal_kinds) >= 2 or ("title" in goal_kinds and bool({"number", "directives"} & set(kinds)))


def _sub_header(cells: list[Cell]) -> bool:
    own = [c for c in cells if c.text.strip() and not c.merged_above]
    return bool(own) and all(column_kind(c.text) not in (None, "number") or folded(c.text) in ("現状", "目標") for c in own)


@dataclass
class ReadGoal:
    """A goal as read, before it is checked against the year's policy and the department's 課."""

    row: str  # where it starts, for the report
    number: tuple[int, int | None] | None
    texts: dict[str, list[str]] = field(default_factory=dict)  # kind → cell texts, in row order
    codes: list[str] = field(default_factory=list)  # as written, checked later
    sections: list[str] = field(default_factory=list)

    def add(self, kind: str, text: str) -> None:
        self.texts.setdefault(kind, []).append(text)


@dataclass
class TableRead:
    goals: list[ReadGoal] = field(default_factory=list)
    not_placed: list[tuple[str, str]] = field(default_factory=list)  # (where, what)
    notes: list[tuple[str, str]] = field(default_factory=list)


def read_rows(table: Table, columns: Columns, start: int, where, read: TableRead) -> None:
    """Add the goals of ``table``'s rows from ``start`` to ``read``; ``where(table, row_index)`` names a row."""
    above: dict[int, str] = {}  # grid column → the text of the cell a merged-down cell continues
    for index in range(start, len(table.rows)):
        row = table.rows[index]
        if columns.is_header(row) or _closing(row):
            continue
        values = _row_values(row, columns, above, where(table, index), read)
        own = {kind: text for kind, (text, merged) in values.items() if not merged and text.strip()}
        if not own:
            continue  # a blank row, or one only merged-down cells reach
        _take_row(values, own, where(table, index), read)


def _closing(row: Row) -> bool:
    """The 「以上」 that ends the paper, written as the table's last row (the app's own paper puts it there)."""
    return folded("".join(cell.text for cell in row.cells)) == "以上"


def _row_values(row: Row, columns: Columns, above: dict[int, str], place: str, read: TableRead
                ) -> dict[str, tuple[str, bool]]:
    """Kind → (text, merged from above) of one row; a cell across columns of several kinds goes to the first."""
    values: dict[str, tuple[str, bool]] = {}
    position = 0
    for cell in row.cells:
        span = range(position, min(position + max(1, cell.span), len(columns.kinds)))
        position += max(1, cell.span)
        kinds = [columns.kinds[j] for j in span]
        kind = next((k for k in kinds if k), None)
        text = above.get(span.start, "") if cell.merged_above else cell.text
        if not cell.merged_above:
            for j in span:
                above[j] = cell.text
        if kind is None:
            if text.strip() and not cell.merged_above and span:
                title = columns.titles[span.start].strip() or f"{span.start + 1}列目"
                read.not_placed.append((place, f"列「{first_words(title)}」の「{first_words(text)}」は、"
                                               "読み取れる見出しの列にないため取り込みませんでした"))
            continue
        if len({k for k in kinds if k}) > 1 and text.strip() and not cell.merged_above:
            names = "」「".join(first_words(columns.titles[j]) for j in span if columns.kinds[j])
            read.notes.append((place, f"列「{names}」にまたがって結合されたセルの内容を、「{first_words(columns.titles[span.start])}」として読みました"))
        if kind in values and text.strip():
            text = values[kind][0] + "\n" + text if values[kind][0].strip() else text
        values[kind] = (text, cell.merged_above and kind not in values)
    return values


def _take_row(values: dict[str, tuple[str, bool]], own: dict[str, str], place: str, read: TableRead) -> None:
    """A new goal, or the rest of the one before (its No. merged down, or no No. and no 目標)."""
    number_text, number_merged = values.get("number", ("", False))
    written = bool(number_text.strip()) and not number_merged
    number = _number(number_text) if written else None
    previous = read.goals[-1] if read.goals else None
    if written and number is None:
        read.notes.append((place, f"No.「{first_words(number_text)}」を番号として読めないため、部の目標として読みました"))
    again = previous is not None and number is not None and number == previous.number and not own.get("title")
    if written:
        new = not again
    else:  # no No. (or no No. column): a row with a 目標 of its own starts a goal
        new = not number_merged and bool(own.get("title"))
    if new:
        goal = ReadGoal(place, number)
        read.goals.append(goal)
        chosen = {kind: text for kind, (text, _merged) in values.items() if text.strip()}
    elif previous is None:
        read.not_placed.append((place, "目標のない行のため取り込みませんでした: " + "／".join(first_words(t) for t in own.values())))
        return
    else:
        goal = previous
        if not number_merged:
            read.notes.append((place, f"目標の欄が空のため、前の行の目標（{goal.row}）の続きとして読みました"))
        chosen = own
    for kind, text in chosen.items():
        _take_cell(goal, kind, text, place, read)


def _take_cell(goal: ReadGoal, kind: str, text: str, place: str, read: TableRead) -> None:
    if kind == "number":
        return
    if kind == "directives":
        goal.codes += found_codes(text)
        rest = _CODE.sub("", unicodedata.normalize("NFKC", text))
        if _CODE_WORDS.sub("", rest):
            read.not_placed.append((place, f"基本方針の欄の「{first_words(rest.strip())}」は項目番号として読めないため、関連付けていません"))
    elif kind == "sections":
        goal.sections += [part.strip() for part in _SECTION_SPLIT.split(text) if part.strip()]
    elif kind in NOT_READ:
        read.notes.append((place, f"{NOT_READ[kind]}の列の内容は取り込みません（評価と方向性は画面で入力します）"))
    else:
        goal.add(kind, text)


def _number(text: str) -> tuple[int, int | None] | None:
    match = _NUMBER.match(folded(text))
    if not match:
        return None
    return int(match.group(1)), int(match.group(2)) if match.group(2) else None


def found_codes(text: str) -> list[str]:
    """Directive codes written in a cell: 1(2), １（２）, 1-2 — in the order written."""
    codes = []
    for match in _CODE.finditer(unicodedata.normalize("NFKC", text)):
        section, number = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        codes.append(directive_code(int(section), int(number)))
    return codes


def first_words(text: str, limit: int = 30) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[:limit] + "…"


# --- a goal's texts from its cells ----------------------------------------------------------------

def goal_texts(goal: ReadGoal, arrow: bool) -> Goal:
    """The goal's fields from its cells: 目標 and 【現状と課題】 from one cell, the indicator with
    現状値： and 目標値： lines (or 「A→B」 under a 現状値→目標値 header), the rest as typed."""
    texts = {kind: "\n".join(parts) for kind, parts in goal.texts.items()}
    title, background = _split_title(texts.get("title", ""))
    indicator, baseline, target = _split_indicator(texts.get("indicator", ""), arrow)

    def joined(*parts: str) -> str:
        return "\n".join(part for part in parts if part)

    return Goal(title=title, background=joined(background, texts.get("background", "")), actions=texts.get("actions", ""),
                indicator=indicator, baseline=joined(baseline, texts.get("baseline", "")),
                target=joined(target, texts.get("target", "")), schedule=texts.get("schedule", ""))


def _split_title(text: str) -> tuple[str, str]:
    lines = text.split("\n")
    for i, line in enumerate(lines):
        match = _BACKGROUND_LABEL.match(line.strip())
        if match:
            rest = line.strip()[match.end():]
            return "\n".join(lines[:i]), "\n".join(([rest] if rest else []) + lines[i + 1:])
    return text, ""


def _split_indicator(text: str, arrow: bool) -> tuple[str, str, str]:
    parts: dict[str, list[str]] = {"indicator": [], "現状値": [], "目標値": []}
    current = "indicator"
    for line in text.split("\n") if text else []:
        match = _VALUE_LABEL.match(line)
        if match:
            current = match.group(1)
            parts[current].append(line[match.end():])
        else:
            parts[current].append(line)
    indicator = parts["indicator"]
    if arrow and not parts["現状値"] and not parts["目標値"]:
        for i in range(len(indicator) - 1, -1, -1):
            if unicodedata.normalize("NFKC", indicator[i]).count("→") == 1:
                before, after = re.split("→|\u2192", unicodedata.normalize("NFKC", indicator[i]))
                return "\n".join(indicator[:i] + indicator[i + 1:]), before.strip(), after.strip()
    return "\n".join(indicator), "\n".join(parts["現状値"]), "\n".join(parts["目標値"])
