"""Starting from the Word files the city already has: a plan read from a .docx in the submission format.

A city that adopts the app has last year's plans only as Word documents. This reads one into a
draft: the title (year and 部), date, signers, preamble, the 部の方針 under each directive, and
the goal table (word_goal_table.py). The app's own papers are read back exactly, by the styles
and rules that wrote them (export/content.py); a clerk's own file is read by what it says.

Nothing is guessed silently. What cannot be placed is listed with its page and row
(``WordPlan.not_placed``); what was placed by a judgement (a 部の方針 without its item number,
put under the directive its text is nearest to; a row taken as the rest of the goal above) is
listed too (``notes``). Directive codes written in the table become pins; a goal without any
gets ``proposals`` by the similarity of its text to the directives, which become pins only
when the user confirms them. The file is untrusted input, read with the limits of the policy
import (size, zip bombs, DTDs and entities; .doc, .rtf and .pdf told apart).
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.codes import code_sort_key, directive_code
from ..domain.models import Answer, Department, Goal, Plan, PolicyDocument, PolicySection, Signer
from ..domain.policy_mapping import normalize, similarity_matrix
from ..domain.text import MAX_FIELD_CHARS, clean_text, zenkaku_length
from ..domain.wareki import fiscal_year_label
from ..domain.written import written_date, written_fiscal_year
from ..storage.plan_arrival import Arrival
from .change import Change
from .docx_package import UNREADABLE_KINDS, DocxError
from .input_files import InputFileError, file_kind, read_limited
from .word_blocks import Line, Table, WordSource, read_source
from .word_goal_table import (
    Columns,
    ReadGoal,
    TableRead,
    find_columns,
    first_words,
    folded,
    goal_texts,
    read_rows,
)

MAX_FILE_BYTES = 10 * 1024 * 1024
LABEL = "Word 文書からの取り込み"
SIGNER_ROOM = 42.0  # full-width characters of a signer line before the app puts the name on a line of its own
PROPOSAL_FLOOR = 0.08  # below this similarity a directive is not proposed at all
PROPOSAL_SHARE = 0.75  # a second directive is proposed when it comes this close to the best
TITLE_SUFFIXES = ("長", "理事", "参事", "監", "官", "取扱", "代理")

_TITLE = re.compile(r"((?:令和|平成|R|H)?\s*(?:元|[0-9]{1,4})\s*年度)\s*(.*?)\s*の?\s*(?:運営方針|組織目標|目標設定)")
_MARKER = re.compile(r"^[(（]\s*([0-9０-９]{1,3})\s*[)）][\s\u3000]?")
_FULL_CODE = re.compile(r"^([0-9０-９]{1,3})\s*[(（]\s*([0-9０-９]{1,3})\s*[)）][\s\u3000]?")
_HEADING = re.compile(r"^([0-9]{1,2})[\s.．、]*(.+)$")
MAYOR_LABEL, ANSWER_LABEL = "市政運営の基本方針", "部の方針"
_IGNORED_LINES = {"記", "以上", "(案)", "案"}


class WordPlanError(ValueError):
    """The file cannot be read as a plan; the message says why and what to do."""


@dataclass(frozen=True)
class Finding:
    """Something to tell the user: where in the file (page, table, row), and what."""

    place: str
    text: str

    def line(self) -> str:
        return f"{self.place}: {self.text}" if self.place else self.text


@dataclass(frozen=True)
class Proposal:
    """Directives proposed for a goal that names none, by the similarity of the texts (to be confirmed)."""

    goal: int  # the goal's local id in WordPlan.plan
    number: str  # the No. it will print with
    title: str
    codes: tuple[str, ...]


@dataclass
class WordPlan:
    """A plan read from a Word document, with what the user is to check before it is stored."""

    source: str
    plan: Plan
    not_placed: list[Finding] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    new_sections: list[str] = field(default_factory=list)  # 課 the department does not have: added on import

    def with_proposals(self, accepted: Collection[int]) -> Plan:
        """A copy of the plan with the proposals of the goals ``accepted`` (local ids) made pins."""
        plan = copy.deepcopy(self.plan)
        chosen = {p.goal: p.codes for p in self.proposals if p.goal in accepted}
        for goal in plan.goals:
            if goal.id in chosen:
                goal.directives = sorted(chosen[goal.id], key=code_sort_key)
        return plan

    def report(self) -> list[str]:
        """Every finding, what could not be placed first, one line each."""
        return ([f"取り込めなかったもの: {f.line()}" for f in self.not_placed]
                + [f"確かめてください: {f.line()}" for f in self.notes])


# --- reading the file -----------------------------------------------------------------------------

def read_word_file(path: Path) -> WordSource:
    """The body of a .docx, checked as untrusted input; WordPlanError says why it cannot be read."""
    path = Path(path)
    try:
        raw = read_limited(path, MAX_FILE_BYTES, "Word 文書（.docx）")
    except InputFileError as exc:
        raise WordPlanError(str(exc)) from None
    kind = file_kind(raw)
    if kind in UNREADABLE_KINDS:
        raise WordPlanError(f"「{path.name}」は{UNREADABLE_KINDS[kind]}")
    try:
        return read_source(raw, path.name)
    except DocxError as exc:
        raise WordPlanError(str(exc)) from None


def word_files(path: Path) -> list[Path]:
    """``path`` itself, or the Word documents of the folder ``path`` (not Word's own 「~$」 lock files)."""
    path = Path(path)
    if not path.is_dir():
        return [path]
    files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".docx" and not p.name.startswith("~$") and p.is_file())
    if not files:
        raise WordPlanError(f"フォルダー「{path}」に Word 文書（.docx）がありません。")
    return files


def guess_key(session, source: WordSource) -> tuple[int | None, str | None]:
    """The year and 部 the document's title names (else its file name's); None for what neither says."""
    lines = [line.text.strip() for line in source.blocks[:40] if isinstance(line, Line) and line.text.strip()]
    pairs = [first + second for first, second in zip(lines, lines[1:])]  # 「令和6年度」 over 「政策部の運営方針」
    for text in lines + pairs + [Path(source.name).stem]:
        match = _TITLE.search(unicodedata.normalize("NFKC", text).replace("_", ""))
        if not match:
            continue
        try:
            year = written_fiscal_year(match.group(1).replace(" ", ""))
        except ValueError:
            continue
        if year not in session.fiscal_years():
            return year, None
        names = sorted((d.name for d in session.departments(year)), key=len, reverse=True)
        named = next((name for name in names if name in match.group(2)), None)  # 「令和6年度政策部の…」
        return year, named or next((name for name in names if name in unicodedata.normalize("NFKC", text)), None)
    return None, None


def read_word_plan(session, path: Path, fiscal_year: int | None = None, department: str | None = None) -> WordPlan:
    """Read ``path`` as the plan of ``department`` in ``fiscal_year`` (by default, those its title names)."""
    return interpret(session, read_word_file(path), fiscal_year, department)


def interpret(session, source: WordSource, fiscal_year: int | None = None, department: str | None = None) -> WordPlan:
    """The plan ``source`` holds, for the year and 部 given or named in it."""
    guessed_year, guessed_department = guess_key(session, source)
    year = fiscal_year or guessed_year
    name = department or (guessed_department if year == guessed_year else None)
    if year is None or name is None:
        raise WordPlanError(f"「{source.name}」の表題（「令和6年度〇〇部の運営方針・組織目標」）から年度と部を読み取れません。"
                            "年度と部を指定してください（コマンドでは --year と --department）。")
    if year not in session.fiscal_years():
        raise WordPlanError(f"{fiscal_year_label(year)}の基本方針はまだ取り込まれていません。"
                            "先に「ファイル」→「基本方針の取り込み」でその年度の基本方針を取り込んでください。")
    unit = session.department(year, name)
    return _Reader(source, session.policy(year), unit).read()


# --- the reader -----------------------------------------------------------------------------------

class _Reader:
    def __init__(self, source: WordSource, policy: PolicyDocument, department: Department):
        self.source = source
        self.policy = policy
        self.department = department
        self.result = WordPlan(source.name, Plan(policy.fiscal_year, department.name))
        self.pages = source.pages_rendered or any(_page(block) > 1 for block in source.blocks)
        self.policy_text = normalize("".join([d.text for d in policy.directives] + [s.body.text for s in policy.sections]
                                             + [s.title for s in policy.sections] + [policy.preamble.text]))

    # places, in the user's words
    def at_line(self, line: Line) -> str:
        return f"{line.page}ページ目" if self.pages else ""

    def at_row(self, table: Table, index: int) -> str:
        page = f"（{table.rows[index].page}ページ目）" if self.pages else ""
        return f"表{table.number}の{index + 1}行目{page}"

    def not_placed(self, place: str, text: str) -> None:
        self.result.not_placed.append(Finding(place, text))

    def note(self, place: str, text: str) -> None:
        self.result.notes.append(Finding(place, text))

    def read(self) -> WordPlan:
        blocks = self.source.blocks
        goal_tables = self._goal_tables()
        first = min(goal_tables, default=len(blocks))
        start = next((i for i, block in enumerate(blocks[:first]) if self._starts_policy(block)), first)
        self._head([b for b in blocks[:start] if isinstance(b, Line)])
        self._answers(blocks[start:first])
        self._goals(blocks[first:], goal_tables, first)
        self._revision()
        if not self.result.plan.goals and not self.result.plan.answers:
            raise WordPlanError(f"「{self.source.name}」には、部の方針も組織目標の表も見つかりません。"
                                "市の提出様式（運営方針・組織目標）の Word 文書を指定してください。")
        self._propose()
        return self.result

    # --- the head: title, date, signers, preamble -------------------------------------------------

    def _head(self, lines: list[Line]) -> None:
        plan = self.result.plan
        title = next((i for i, line in enumerate(lines) if _TITLE.search(unicodedata.normalize("NFKC", line.text))), -1)
        signers: list[str] = []
        preamble: list[str] = []
        for i, line in enumerate(lines):
            text = line.text.strip()
            if i == title or (not text and not preamble) or (text and _ignorable(text)):
                continue
            day = _day(text)
            if day is not None and plan.plan_date is None:
                plan.plan_date = day
            elif i < title:
                self.not_placed(self.at_line(line), f"表題の前の「{first_words(text)}」は取り込みませんでした")
            elif not preamble and _signer_like(line):
                signers.append(text)
            else:
                preamble.append(line.text)
        plan.signers = _signers(signers)
        plan.preamble = self._clean("\n".join(preamble).strip("\n"), "前文")

    # --- the 部の方針 under each directive ---------------------------------------------------------

    def _starts_policy(self, block) -> bool:
        if isinstance(block, Table):
            return True
        text = block.text.strip()
        return bool(text) and (_label_rest(text, MAYOR_LABEL) is not None or _label_rest(text, ANSWER_LABEL) is not None
                               or self._section_of(text) is not None)

    def _answers(self, blocks: list) -> None:
        answers = _Answers(self)
        for block in blocks:
            if isinstance(block, Line):
                if not (block.text.strip() and _ignorable(block.text)):  # 「組織目標」 over the table, 記, 以上
                    answers.line(block.text, block.style, self.at_line(block), row_start=True)
            elif _two_columns(block):
                answers.columns(block)
            else:
                for index, row in enumerate(block.rows):
                    for n, line in enumerate(line for cell in row.cells for line in cell.lines):
                        answers.line(line.text, line.style, self.at_row(block, index), row_start=n == 0, in_row=True)
        answers.finish()

    def _section_of(self, text: str) -> PolicySection | None:
        """The policy section a heading line names: 「1　施政方針を踏まえた対応」 (its number and its title,
        as printed or nearly: a few characters more or less)."""
        match = _HEADING.match(unicodedata.normalize("NFKC", text).strip())
        if not match:
            return None
        number, title = int(match.group(1)), normalize(match.group(2))
        section = next((s for s in self.policy.sections if s.number == number), None)
        if section is None or not title:
            return None
        own = normalize(section.title)
        near = (title in own or own in title) and abs(len(title) - len(own)) <= 8
        return section if near else None

    def not_policy_texts(self, texts: list[str]) -> list[bool]:
        """For each line, whether it is *not* the mayor's own words (copied into the paper above the answers):
        neither found in the policy's text nor close to one of its items. One similarity pass for all lines."""
        plain = [normalize(_MARKER.sub("", text.strip())) for text in texts]
        doubtful = [i for i, line in enumerate(plain) if line and line not in self.policy_text]
        result = [False] * len(texts)
        if doubtful:
            own = [d.text for d in self.policy.directives] + [s.body.text for s in self.policy.sections if s.body.text]
            for i, row in zip(doubtful, similarity_matrix([plain[i] for i in doubtful], own)):
                result[i] = max(row, default=0.0) < 0.5
        return result

    def is_item_text(self, code: str, text: str) -> bool:
        """Is ``text`` (「(2)　令和6年能登半島地震により…」) the mayor's directive ``code`` quoted (most of it)?"""
        directive = self.policy.directive(code)
        plain, own = normalize(_FULL_CODE.sub("", _MARKER.sub("", text.strip()))), normalize(directive.text) if directive else ""
        if not plain or not own:
            return False
        return (plain in own and len(plain) >= 0.6 * len(own)) or similarity_matrix([plain], [own])[0][0] >= 0.8

    # --- the goal table -----------------------------------------------------------------------------

    def _goal_tables(self) -> dict[int, Columns]:
        """Block index → columns of every goal table: those with a goal header, and the tables that go on
        after one (a table split over pages) with the same number of columns and no header of their own."""
        found: dict[int, Columns] = {}
        last: Columns | None = None
        for i, block in enumerate(self.source.blocks):
            if isinstance(block, Table):
                columns = find_columns(block)
                if columns is None and last is not None and block.rows and len(block.rows[0].grid()) == len(last.kinds):
                    columns = Columns(last.kinds, last.titles, 0, last.arrow)
                if columns is not None:
                    found[i] = last = columns
                else:
                    last = None
            elif not _ignorable(block.text.strip()):
                last = None
        return found

    def _goals(self, blocks: list, tables: dict[int, Columns], offset: int) -> None:
        read = TableRead()
        arrow = False
        for i, block in enumerate(blocks, start=offset):
            if i in tables:
                read_rows(block, tables[i], tables[i].header_rows, self.at_row, read)
                arrow = arrow or tables[i].arrow
            elif isinstance(block, Table):
                self.not_placed(self.at_row(block, 0), "組織目標の表の見出し（目標・取組内容など）がない表のため、取り込みませんでした")
            elif not _ignorable(block.text.strip()):
                self.not_placed(self.at_line(block), f"「{first_words(block.text.strip())}」は計画のどこにも当てはまらないため、"
                                                     "取り込みませんでした")
        self.result.not_placed += [Finding(*item) for item in read.not_placed]
        self.result.notes += [Finding(*item) for item in read.notes]
        self.result.plan.goals = self._checked_goals(read.goals, arrow)

    def _checked_goals(self, read: list[ReadGoal], arrow: bool) -> list[Goal]:
        """The goals with local ids (index + 1), section goals under their department goal, pins checked
        against the year's policy and 担当課 against the department's list."""
        codes = {d.code for d in self.policy.directives}
        sections = {s.name for s in self.department.sections}
        goals: list[Goal] = []
        by_number: dict[int, Goal] = {}
        for item in read:
            goal = goal_texts(item, arrow)
            goal.id = len(goals) + 1
            for kind in ("title", "background", "actions", "indicator", "baseline", "target", "schedule"):
                goal.set_text(kind, self._clean(goal.text(kind), f"{item.row}の{kind}"))
            goal.directives = self._pins(item, codes)
            goal.owner_sections = self._owner_sections(item, sections)
            if item.number is not None and item.number[1] is not None:
                parent = by_number.get(item.number[0])
                if parent is None:
                    self.note(item.row, f"No.{item.number[0]}-{item.number[1]} の上の部の目標 No.{item.number[0]} が"
                                        "見つからないため、部の目標として読みました")
                else:
                    goal.parent = parent.id
            elif item.number is not None:
                by_number[item.number[0]] = goal
            goals.append(goal)
        return goals

    def _pins(self, item: ReadGoal, codes: set[str]) -> list[str]:
        pins: list[str] = []
        for code in item.codes:
            if code not in codes:
                self.not_placed(item.row, f"基本方針の項目 {code} は{fiscal_year_label(self.policy.fiscal_year)}の基本方針に"
                                          "ないため、関連付けていません")
            elif code not in pins:
                pins.append(code)
        return sorted(pins, key=code_sort_key)

    def _owner_sections(self, item: ReadGoal, known: set[str]) -> list[str]:
        names: list[str] = []
        for part in item.sections:
            pieces = part.split("・") if part not in known and "・" in part else [part]
            if len(pieces) > 1 and not all(piece.strip() in known for piece in pieces):
                pieces = [part]  # 「子ども・若者支援課」: one 課 the list does not have yet
            for name in (piece.strip() for piece in pieces):
                name = clean_text(name, limit=200)
                if name and name not in names:
                    names.append(name)
                    if name not in known and name not in self.result.new_sections:
                        self.result.new_sections.append(name)
        return names

    # --- the rest ---------------------------------------------------------------------------------

    def _revision(self) -> None:
        for text in self.source.footers:
            match = re.search(r"第\s*([0-9]{1,4})\s*版", unicodedata.normalize("NFKC", text))
            if match and int(match.group(1)) >= 1:
                self.result.plan.revision = int(match.group(1))
                return

    def _propose(self) -> None:
        """Directives proposed for the goals that name none, by the similarity of the texts."""
        from ..domain.numbering import goal_numbers

        plan = self.result.plan
        bare = [goal for goal in plan.goals if not goal.directives]
        directives = self.policy.directives
        if not bare or not directives:
            return
        numbers = goal_numbers(plan)
        scores = similarity_matrix(["\n".join((g.title, g.background, g.actions)) for g in bare], [d.text for d in directives])
        for goal, row in zip(bare, scores):
            best = max(row)
            if best < PROPOSAL_FLOOR or goal.id is None:
                continue
            ranked = sorted(range(len(row)), key=lambda j: -row[j])
            codes = tuple(directives[j].code for j in ranked[:2] if row[j] >= max(PROPOSAL_FLOOR, best * PROPOSAL_SHARE))
            self.result.proposals.append(Proposal(goal.id, numbers.get(goal.id, ""), first_words(goal.title, 40), codes))

    def _clean(self, text: str, what: str) -> str:
        text = clean_text(text, limit=None)
        if len(text) > MAX_FIELD_CHARS:
            self.not_placed("", f"{what}が長すぎるため（{len(text):,}文字）、{MAX_FIELD_CHARS:,}文字までを取り込みました")
            return text[:MAX_FIELD_CHARS]
        return text


class _Answers:
    """The 部の方針 of each directive, read line by line: a label or a heading changes what follows."""

    def __init__(self, reader: _Reader):
        self.reader = reader
        self.section: PolicySection | None = None
        self.answering = False  # after 【部の方針】, until the next label or heading
        self.code: str | None = None
        self.texts: dict[str, list[str]] = {}
        self.from_rows: set[str] = set()  # answers read from the app's boxes: kept to the last blank line
        self.loose: list[tuple[PolicySection, list[str], str]] = []  # without an item number: placed by similarity
        self.items: list[str] = []  # the mayor's items quoted since the last label or heading
        self.stray: list[tuple[str, str]] = []  # lines outside the answers: the mayor's text, or to be reported

    def line(self, text: str, style: str, place: str, *, row_start: bool, in_row: bool = False) -> None:
        stripped = text.strip()
        if style == "BoxGap":
            return
        section = self.reader._section_of(stripped) if stripped else None
        if section is not None or _label_rest(stripped, MAYOR_LABEL) is not None:
            self.answering, self.code, self.items = False, None, []
            self.section = section or self.section
            return
        rest = _label_rest(stripped, ANSWER_LABEL)
        if rest is not None:  # after one mayor's item (the layout item by item) the answer is to that item
            self.answering, self.code = True, self.items[0] if len(self.items) == 1 else None
            self.items = []
            if self.code is not None:
                self.texts.setdefault(self.code, [])
            if rest:
                self._answer(rest, place, False, in_row)
            return
        code = self._marked_code(text) if row_start else None
        if code is not None and self.reader.is_item_text(code, stripped):  # the mayor's item (n), quoted
            self.answering, self.code = False, None
            self.items.append(code)
        elif self.answering or (code is not None and _FULL_CODE.match(unicodedata.normalize("NFKC", stripped))):
            self.answering = True  # 「1(2)　＊…」: a full code says whose answer it is, label or not
            self._answer(text, place, row_start, in_row)
        elif stripped:
            self.stray.append((stripped, place))  # the mayor's words, or said at the end (finish)

    def _answer(self, text: str, place: str, row_start: bool, in_row: bool) -> None:
        code = self._marked_code(text) if row_start else None
        if not in_row and not text.strip() and self.code in self.from_rows:
            return  # a blank paragraph between the app's boxes is no part of the answer in the box
        if code is not None:
            text = _FULL_CODE.sub("", text, count=1) if _FULL_CODE.match(text) else _MARKER.sub("", text, count=1)
            if code in self.texts:
                self.reader.note(place, f"項目 {code} の部の方針が2か所にあるため、続けてつなぎました")
            self.code = code
            if in_row:
                self.from_rows.add(code)
            if not text.strip() and not self.texts.get(code):
                self.texts[code] = []  # 「1(1)」 alone on its line: the answer starts on the next one
                return
        elif self.code is None:
            if text.strip() or (self.loose and self.loose[-1][0] is self.section):
                self._loose(text, place)
            return
        self.texts.setdefault(self.code, []).append(text)

    def _marked_code(self, text: str) -> str | None:
        normal = unicodedata.normalize("NFKC", text)
        full = _FULL_CODE.match(normal)
        if full:
            return directive_code(int(full.group(1)), int(full.group(2)))
        marker = _MARKER.match(normal)
        if marker and self.section is not None:
            return directive_code(self.section.number, int(marker.group(1)))
        return None

    def _loose(self, text: str, place: str) -> None:
        if self.section is None:
            self.reader.not_placed(place, f"「{first_words(text.strip())}」はどの基本方針の項目の部の方針か分からないため、取り込みませんでした")
            return
        if self.loose and self.loose[-1][0] is self.section and not _starts_item(text):
            self.loose[-1][1].append(text)
        else:
            self.loose.append((self.section, [text], place))

    def columns(self, table: Table) -> None:
        """A table of two columns, the right one 「部の方針」: the landscape layout (「市政運営の基本方針」 | 「部の方針」,
        a heading row per section), or a clerk's (「項目」 | 「部の方針」, a code or the mayor's item on the left)."""
        for index, row in enumerate(table.rows):
            place = self.reader.at_row(table, index)
            own = [cell for cell in row.cells if not cell.merged_above]
            left, right = own[0].text if own else "", own[-1].text if len(own) > 1 else ""
            if len(own) == 1 or self.reader._section_of(left.strip()) is not None:
                self.line(left, "", place, row_start=True)
                continue
            if _is_label(right.strip(), ANSWER_LABEL):  # the header row
                continue
            code = self._marked_code(left)
            if code is None and right.strip():
                self._loose(right, place)
            elif code is not None and right.strip():
                self.texts.setdefault(code, []).append(right)
                self.from_rows.add(code)
            self.answering, self.code = False, None

    def finish(self) -> None:
        """The answers of the plan: codes checked, loose paragraphs put where their text is nearest."""
        reader, plan = self.reader, self.reader.result.plan
        for (text, place), stray in zip(self.stray, reader.not_policy_texts([text for text, _place in self.stray])):
            if stray:
                reader.not_placed(place, f"「{first_words(text)}」は基本方針の本文でも部の方針でもないため、"
                                         "取り込みませんでした（部の方針なら、前に【部の方針】の見出しを付けてください）")
        codes = {d.code for d in reader.policy.directives}
        for section, lines, place in self.loose:
            text = "\n".join(lines).strip("\n")
            code = self._nearest(section, text)
            if code is None:
                reader.not_placed(place, f"「{first_words(text)}」はどの項目の部の方針か分からないため、取り込みませんでした")
                continue
            if len(section.directives) > 1:
                reader.note(place, f"「{first_words(text)}」は項目番号がないため、文章の近さから {code} の部の方針に入れました")
            self.texts.setdefault(code, []).append(text)
        for code in sorted(self.texts, key=code_sort_key):
            lines = self.texts[code]
            text = "\n".join(lines) if code in self.from_rows else "\n".join(lines).strip("\n")
            if code not in codes:
                reader.not_placed("", f"部の方針の項目 {code} は{fiscal_year_label(reader.policy.fiscal_year)}の基本方針に"
                                      f"ないため取り込みませんでした: 「{first_words(text)}」")
            elif text.strip():
                plan.answers.append(Answer(code, reader._clean(text, f"項目 {code} の部の方針")))

    @staticmethod
    def _nearest(section: PolicySection, text: str) -> str | None:
        if len(section.directives) == 1:
            return section.directives[0].code
        if not section.directives:
            return None
        row = similarity_matrix([text], [d.text for d in section.directives])[0]
        best = max(range(len(row)), key=lambda j: row[j])
        return section.directives[best].code if row[best] > 0 else None


# --- small rules ------------------------------------------------------------------------------------

def _page(block) -> int:
    return block.page


def _ignorable(text: str) -> bool:
    """Blank, 記, 以上, a heading of the goal table (「組織目標（続き）」), a typed page number (「- 3 -」, 「3/5」)."""
    plain = folded(text)
    return (not plain or plain in _IGNORED_LINES or bool(re.fullmatch(r"(組織目標|目標設定)?(\(?続き\)?)?", plain))
            or bool(re.fullmatch(r"[-‐ー―]?[0-9]{1,3}[-‐ー―]?|[0-9]{1,3}/[0-9]{1,3}|p\.?[0-9]{1,3}", plain)))


def _is_label(text: str, label: str) -> bool:
    """「【 部 の 方 針 】」, 「〔部の方針〕」, 「部の方針」 … as the label ``label``, alone on its line."""
    return _label_rest(text, label) == ""


def _label_rest(text: str, label: str) -> str | None:
    """What follows the label ``label`` at the start of ``text`` (「【部の方針】＊…」 → 「＊…」); None: no label."""
    opening, closing = r"【〔［\[(（<＜〈「○●◆■", r"】〕］\])）>＞〉」"
    pattern = (rf"^[\s{opening}]*" + r"\s*".join(map(re.escape, label))
               + rf"\s*(?=$|[{closing}:：\s])[{closing}]?\s*[:：]?\s*")
    match = re.match(pattern, text)
    return text[match.end():] if match else None


def _two_columns(table: Table) -> bool:
    """A table of the policy and the answers side by side: its first row ends with 「部の方針」."""
    cells = table.rows[0].cells if table.rows else []
    return len(cells) == 2 and _is_label(cells[1].text.strip(), ANSWER_LABEL)


def _starts_item(text: str) -> bool:
    from ..export.content import ITEM_MARKS

    return bool(text.strip()) and text.strip()[0] in ITEM_MARKS


def _day(text: str):
    if not text or len(text) > 24:
        return None
    try:
        return written_date(unicodedata.normalize("NFKC", text).replace(" ", ""))
    except ValueError:
        return None


def _signer_like(line: Line) -> bool:
    """A line of the signers: the app's style, or a short right-aligned line, or a short line that is no sentence."""
    text = line.text.strip()
    if line.style == "PlanSigner":
        return True
    if line.style == "PlanBody" or "。" in text or zenkaku_length(text) > SIGNER_ROOM:
        return False
    return line.align == "right" or zenkaku_length(text) <= 30


def _signers(lines: list[str]) -> list[Signer]:
    """「職名　氏名」 lines as signers; a line with no space followed by another is a long title whose
    name the app put on a line of its own."""
    signers: list[Signer] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        following = lines[i + 1] if i + 1 < len(lines) else None
        if (following is not None and not re.search(r"\s", line) and not re.search(r"\s", following)
                and zenkaku_length(f"{line}\u3000{following}") > SIGNER_ROOM):
            signers.append(Signer(clean_text(line, limit=200), clean_text(following, limit=200)))
            i += 2
            continue
        signers.append(_signer(line))
        i += 1
    return signers


def _signer(line: str) -> Signer:
    """「政策部長　山田 太郎」 → 政策部長 / 山田 太郎; 「政策部 部長 山田太郎」 → 政策部 部長 / 山田太郎."""
    tokens = list(re.finditer(r"\S+", line))
    cut = 1
    if tokens and not tokens[0].group().endswith(TITLE_SUFFIXES):
        cut = next((k + 1 for k in range(1, len(tokens) - 1) if tokens[k].group().endswith(TITLE_SUFFIXES)), 1)
    if len(tokens) <= cut:
        return Signer(clean_text(line.strip(), limit=200), "")
    title = line[:tokens[cut - 1].end()].strip()
    name = line[tokens[cut - 1].end():].strip()
    return Signer(clean_text(title, limit=200), clean_text(name, limit=200))


# --- storing ------------------------------------------------------------------------------------------

def import_question(session, word_plan: WordPlan, accepted: Collection[int] = ()) -> str | None:
    """What to ask before storing (a plan replaced, 課 added, a fixed plan unlocked); None: nothing."""
    from .plan_files import PlanFile
    from .plan_files import import_question as plan_file_question

    plan_file = PlanFile(word_plan.with_proposals(accepted), new_sections=list(word_plan.new_sections))
    return plan_file_question(session, plan_file, word_plan.source)


def arrival(word_plan: WordPlan, *, unlock: bool = False) -> Arrival:
    """How the read plan is stored: its 課 added, the held plan's 指示事項 kept (the paper has none)."""
    return Arrival(tuple(word_plan.new_sections), unlock=unlock, keep_instructions=True)


def store_word_plan(session, word_plan: WordPlan, accepted: Collection[int] = (), *, unlock: bool = False,
                    editor=None) -> tuple[Change, Path]:
    """Back the data up, then store the read plan (with the proposals of ``accepted`` goals as pins) over
    the department-year plan: one undo step of ``editor`` when given (the window's). Returns the Change
    and the backup."""
    from .year_cycle import refuse_fixed_import

    plan = word_plan.with_proposals(accepted)
    refuse_fixed_import(session, plan, unlock=unlock)
    backup = session.backup("before-import")
    how = arrival(word_plan, unlock=unlock)
    change = editor.replace_whole(plan, how, LABEL) if editor is not None else session.store_plan(plan, how)
    return change, backup


def import_into(workspace, word_plan: WordPlan, accepted: Collection[int] = (), *, confirmed: bool = False):
    """The window's import: a Question first when it replaces a plan, adds 課 or unlocks a fixed plan; then
    the plan is opened and replaced as one undo step of its editor (「元に戻す: Word 文書からの取り込み」),
    after a backup (「取り込む前に戻す」). Returns the Change, or the Question."""
    from .change import PLAN_SHOWN
    from .workspace import Question

    text = None if confirmed else import_question(workspace.session, word_plan, accepted)
    if text is not None:
        return Question("Word 文書から取り込みますか", text,
                        lambda: import_into(workspace, word_plan, accepted, confirmed=True))
    plan = word_plan.plan
    workspace.open_plan(plan.fiscal_year, plan.department)
    change, workspace.import_backup = store_word_plan(workspace.session, word_plan, accepted, unlock=confirmed,
                                                      editor=workspace.editor)
    goals = workspace.view().ordered
    return (change | PLAN_SHOWN).with_(
        select=goals[0].id if goals else None,
        message=f"「{word_plan.source}」を{fiscal_year_label(plan.fiscal_year)} {plan.department}の計画として取り込みました。"
                "内容を確かめてください。取り消すには「元に戻す」（Ctrl+Z）。")
