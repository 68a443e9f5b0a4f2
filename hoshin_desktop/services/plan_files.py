"""Plan files: one department-year plan as JSON, to travel over the file share and be scripted.

Format "hoshin-plan", version 2 (schema: resources/hoshin-plan.schema.json); version 1 is
still read. Version 2 adds what the receiving PC needs to print the plan as the sender did:
the department's 課 list (``sections``), its interviewer and the plan's last edit. Fields
this version does not know are kept in ``Plan.extra`` / ``Goal.extra`` and written back, so
a file passed through an older app loses nothing. A goal's ``parent`` is the index of its
department goal in ``goals``. Version 3 adds the year after the interview (``plan_file_cycle``)
and the carry-over's 方向性 (``plan_file_lineage``). Version 4 gives each goal a key that travels
with it (``plan_file_keys``): 指示事項 and the lineage name goals by key, or by printed number;
it carries the plan's revision history (``plan_file_history``: the 版 kept and the 確定 lifted),
what was held for directives dropped since (``plan_file_dropped``), the 部's predecessors
(組織改正), and the handover notes (``plan_file_handover``).

Import checks the whole file before it changes anything, and names every problem so that a
clerk can find it (「目標 No.3「防災訓練の実施」の基本方針: 基本方針に項目 9(9) はありません」),
with the JSON path on a detail line for support staff. 課 that the department does not have
here are not a problem: they are listed (``PlanFile.new_sections``) and added on import,
since every department keeps its own 課 list. Only then is the working database backed up
and the department-year plan replaced in one transaction.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from ..domain.codes import normalize_code
from ..domain.history import PlanHistory
from ..domain.models import GOAL_FIELD_LABELS, GOAL_TEXT_FIELDS, Answer, Department, Goal, Plan, Signer
from ..domain.numbering import goal_numbers
from ..domain.text import TextTooLong, clean_text, cleaning_notes, name_key, readable_name
from ..domain.wareki import default_plan_date, fiscal_year_label
from ..domain.written import date_value, whole_number, written_fiscal_year, written_moment
from ..export.atomic import write_bytes
from ..storage import repository
from ..storage.plan_arrival import Arrival
from . import plan_file_cycle as cycle_fields
from . import plan_file_dropped, plan_file_handover, plan_file_history, plan_file_keys, plan_file_lineage
from .change import NOTHING, Change
from .input_files import OLE, PDF, ZIP, InputFileError, file_kind, is_blank, read_limited
from .json_mistakes import mistake
from .plan_file_cycle import MAX_REVISION

FORMAT = "hoshin-plan"
VERSION = 4
READABLE_VERSIONS = (1, 2, 3, 4)
MAX_FILE_BYTES = 20 * 1024 * 1024  # a plan of 3,000 long goals is about 5 MB
MAX_DEPTH = 32  # nesting of extra fields; the known fields need 4
MAX_GOALS = 10_000
MAX_PROBLEMS = 30  # enough to fix a file; more would hide the first ones
NAME_LIMIT = 200  # signers' titles and names, section names
QUESTION_NAMES = 15  # 課 named in the question before 「ほかN課」: the question must fit a 768-pixel screen

PREDECESSORS = "predecessors"  # the 部 of the previous year this plan's 部 continues, as recorded by the sender
PLAN_FIELDS = ("format", "version", "fiscal_year", "department", "sections", "interviewer", "updated_at",
               "date", "revision", "signers", "preamble", "answers", "goals", *cycle_fields.PLAN_FIELDS,
               plan_file_lineage.FIELD, plan_file_history.FIELD, plan_file_dropped.FIELD, PREDECESSORS,
               plan_file_handover.FIELD)
VERSION_2_FIELDS = ("sections", "interviewer", "updated_at")
VERSION_3_FIELDS = (*cycle_fields.PLAN_FIELDS, plan_file_lineage.FIELD)  # 確定, 指示事項, the carry-over's 方向性
# 版 and 解除, dropped directives, 組織改正, 事務引継ぎ
VERSION_4_FIELDS = (plan_file_history.FIELD, plan_file_dropped.FIELD, PREDECESSORS, plan_file_handover.FIELD)
GOAL_LISTS = ("sections", "directives", "parent", *cycle_fields.GOAL_FIELDS, plan_file_keys.KEY, plan_file_handover.GOAL_FIELD)


def goal_keys() -> tuple[str, ...]:
    """A goal's keys in a plan file: its texts (as the goal fields say now) and the rest."""
    return (*GOAL_TEXT_FIELDS, *GOAL_LISTS)
SIGNER_FIELDS = ("title", "name")
ANSWER_FIELDS = ("directive", "text")


class PlanFileError(ValueError):
    """The file cannot be imported; ``problems`` lists each problem, readable, with where it is."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        more = f"（ほか{len(problems) - 1}件）" if len(problems) > 1 else ""
        super().__init__(f"{source} を読み込めません: {problems[0].splitlines()[0]}{more}")

    def details(self) -> str:
        """Every problem, one per entry (its JSON path on an indented line), for a message box or the command line."""
        return "\n".join("・" + problem.replace("\n", "\n\u3000") for problem in self.problems)


@dataclass
class PlanFile:
    """A checked plan file. Goal ids are local (index + 1) so that ``parent`` links resolve.

    ``new_sections`` are 課 the file names (in its 課 list or as a goal's 担当課) that the
    department does not have here; import adds them. ``section_problems`` says where each is
    used, for a refusal when adding is not wanted (``refuse_new_sections``).
    """

    plan: Plan
    warnings: list[str] = field(default_factory=list)
    new_sections: list[str] = field(default_factory=list)
    section_problems: list[str] = field(default_factory=list)
    interviewer: str | None = None  # the department's interviewer as the sender had it (version 2)
    updated_at: str | None = None  # the plan's last edit on the sender's PC (version 2)
    version: int = VERSION
    history: PlanHistory = field(default_factory=PlanHistory)  # the 版 kept and 解除 records the file brings (version 4)
    predecessors: list[str] | None = None  # the 部 the sender recorded this 部 as continuing (version 4)

    def refuse_new_sections(self, source: str) -> None:
        """Raise PlanFileError naming each use of a 課 the department does not have here."""
        if self.new_sections:
            raise PlanFileError(source, self.section_problems[:MAX_PROBLEMS])


@dataclass
class ImportResult:
    fiscal_year: int
    department: str
    replaced: bool  # a plan of that department and year existed and was replaced
    backup: Path
    warnings: list[str] = field(default_factory=list)
    added_sections: list[str] = field(default_factory=list)
    change: Change = NOTHING  # what the import changed (one undo step of the plan's editor)

    def summary(self) -> str:
        verb = "置き換えました" if self.replaced else "読み込みました"
        return (f"{fiscal_year_label(self.fiscal_year)} {self.department}の計画を{verb}。"
                f"読み込む前のデータはバックアップしました（{self.backup}）。")

    def added_text(self) -> str:
        """「課を追加しました」 line, or "" when none was added."""
        if not self.added_sections:
            return ""
        return f"{self.department}に課を追加しました: {'、'.join(self.added_sections)}"


# --- writing --------------------------------------------------------------------------------------

def plan_to_dict(plan: Plan, department: Department | None = None, updated_at: str | None = None,
                 history: PlanHistory | None = None, predecessors: list[str] | None = None) -> dict:
    """The plan as the JSON object of a plan file, known fields first, then kept extras.

    ``department`` gives the 課 list and interviewer the file carries; without it the 課 list
    is the 課 the goals name. ``history``: the 版 kept and 解除 records the file carries; ``predecessors``:
    the 部 of the previous year the department continues (None: not recorded).
    """
    index = {goal.id: i for i, goal in enumerate(plan.goals) if goal.id is not None}
    refer = plan.goal_keys()
    if department is not None:
        sections = [s.name for s in department.sections]
    else:
        sections = plan.owner_section_names()
    data = {
        "format": FORMAT,
        "version": VERSION,
        "fiscal_year": plan.fiscal_year,
        "department": plan.department,
        "sections": sections,
        "interviewer": department.interviewer if department is not None else None,
        "updated_at": updated_at,
        "date": plan.plan_date.isoformat() if plan.plan_date else None,
        "revision": plan.revision,
        "signers": [{"title": s.title, "name": s.name} for s in plan.signers],
        "preamble": plan.preamble,
        "answers": [{"directive": a.directive, "text": a.text} for a in plan.answers if a.text],
        "goals": [_goal_to_dict(goal, index) | plan_file_handover.goal_handover_field(plan, goal) for goal in plan.goals],
        **cycle_fields.plan_fields(plan, refer),
        **plan_file_lineage.lineage_field(plan, refer),
        **plan_file_history.history_field(history, refer),
        **plan_file_dropped.dropped_field(plan, refer),
        PREDECESSORS: predecessors,
        **plan_file_handover.handover_field(plan),
    }
    data.update({key: value for key, value in plan.extra.items() if key not in data})
    return data


def _goal_to_dict(goal: Goal, index: dict[int, int]) -> dict:
    data = plan_file_keys.key_field(goal)
    data.update(goal.texts())
    data.update(sections=list(goal.owner_sections), directives=list(goal.directives),
                parent=index.get(goal.parent) if goal.parent is not None else None, **cycle_fields.goal_fields(goal))
    data.update({key: value for key, value in goal.extra.items() if key not in data})
    return data


def dumps(plan: Plan, department: Department | None = None, updated_at: str | None = None,
          history: PlanHistory | None = None, predecessors: list[str] | None = None) -> str:
    return json.dumps(plan_to_dict(plan, department, updated_at, history, predecessors), ensure_ascii=False, indent=2) + "\n"


def write_plan_file(session, plan: Plan, path: Path) -> Path:
    """Write ``plan`` as UTF-8 JSON with its department's 課 list, safely (temporary file, then moved into place)."""
    department = session.department(plan.fiscal_year, plan.department)
    stamp = session.plan_stamp(plan.fiscal_year, plan.department) if plan.id is not None else None
    updated_at = stamp[1] if stamp else None
    history = plan_file_history.held_history(session, plan)
    predecessors = session.department_links(plan.fiscal_year).get(plan.department)
    plan = _with_lineage_keys(session, plan)
    return write_bytes(Path(path), dumps(plan, department, updated_at, history, predecessors).encode("utf-8"))


def _with_lineage_keys(session, plan: Plan) -> Plan:
    """``plan`` whose lineage names last year's goals by key, where it was kept before goals had keys."""
    lineage = plan.lineage
    if not lineage or all(fate.key for fate in lineage.fates):
        return plan
    previous = session.lineage_source(plan, every_goal=True)
    return replace(plan, lineage=plan_file_lineage.with_keys(lineage, previous))


def export_plan_file(session, fiscal_year: int, department: str, path: Path) -> Path:
    plan = session.load_plan(fiscal_year, department)
    if plan is None:
        raise repository.NotFound(f"{fiscal_year_label(fiscal_year)}の{department}の計画はまだありません")
    return write_plan_file(session, plan, path)


# --- reading and checking -------------------------------------------------------------------------

_LIST_SEPARATORS = re.compile(r"[、,，\n]")  # no 課 name or directive code holds one


class _Check:
    """Collects problems as (JSON path, what) while the file is read; ``readable`` names them for a clerk."""

    def __init__(self):
        self.problems: list[tuple[str, str]] = []
        self.warnings: list[str] = []
        self.new_sections: list[str] = []
        self.section_problems: list[tuple[str, str]] = []
        self.unknown_fields: list[tuple[str, str]] = []  # (where, the field's name) not read
        self.cleaned: list[tuple[str, str]] = []  # (where, what clean_text changed there)

    def fail(self, where: str, message: str) -> None:
        self.problems.append((where, message))

    def text(self, value, where: str, *, limit: int | None = None, required: bool = False) -> str:
        if value is None and not required:
            return ""
        if not isinstance(value, str):
            self.fail(where, f"文字列でなければなりません（{_kind(value)}です）")
            return ""
        try:
            cleaned = clean_text(value, **({"limit": limit} if limit else {}))
        except TextTooLong as exc:
            self.fail(where, str(exc))
            return ""
        if cleaned != value.replace("\r\n", "\n"):
            self.cleaned.append((where, "、".join(cleaning_notes(value)) + "しました"))
        return cleaned

    def object(self, value, where: str) -> dict | None:
        if not isinstance(value, dict):
            self.fail(where, f"オブジェクト（{{…}}）でなければなりません（{_kind(value)}です）")
            return None
        return value

    def array(self, value, where: str, limit: int = MAX_GOALS) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(where, f"配列（[…]）でなければなりません（{_kind(value)}です）")
            return []
        if len(value) > limit:
            self.fail(where, f"項目が多すぎます（{len(value):,}件。{limit:,}件まで）")
            return []
        return value

    def number(self, value, where: str, what: str, *, blank: int | None = None) -> int | None:
        """A whole number written as one or as digits ("2", "２", " 2 "); ``blank`` for null or ""
        (a spreadsheet's empty cell). Anything else is named, with what the field is (``what``)."""
        if is_blank(value):
            return blank
        try:
            return whole_number(value)
        except ValueError as exc:
            reason = exc if isinstance(value, (str, bool, float)) else f"{_kind(value)}です"
            self.fail(where, f"{what}は数字で書いてください（{reason}）")
            return None

    def fiscal_year(self, value, where: str) -> int | None:
        """2024, "2024", "２０２４", "2024年度" or "令和6年度"; 「2024年」 is refused (a calendar year is not a fiscal year)."""
        if is_blank(value) or isinstance(value, (list, dict)):
            self.fail(where, f"年度（例: 2024）が必要です（{_kind(value)}です）")
            return None
        try:
            return written_fiscal_year(value)
        except ValueError as exc:
            self.fail(where, f"{exc}。年度は 2024 か「令和6年度」の形で書いてください")
            return None

    def day(self, value, where: str, *, required: bool = False) -> date | None:
        """A date as "2025-04-01", "2025/4/1", "2025年4月1日", "令和7年4月1日", "R7.4.1" …; None for null or ""."""
        if is_blank(value) and not required:
            return None
        reason = f"{_kind(value)}です" if not isinstance(value, str) else "空です"
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            try:
                return date_value(value)
            except ValueError as exc:
                reason = str(exc)
        self.fail(where, f"日付として読めません（{reason}）。\"2025-04-01\" か「令和7年4月1日」の形で書いてください")
        return None

    def moment(self, value, where: str) -> datetime | None:
        """A date and time as "2024-03-29T17:05:00" (or a written date with a time); None for null or ""."""
        if is_blank(value):
            return None
        reason = f"{_kind(value)}です"
        if isinstance(value, str):
            try:
                return written_moment(value)
            except ValueError as exc:
                reason = str(exc)
        self.fail(where, f"日時として読めません（{reason}）。\"2024-03-29T17:05:00\" の形で書いてください")
        return None

    def names(self, value, where: str, limit: int) -> list[tuple[str, Any]]:
        """The entries of a list of 課 or codes, each with its place; also one text listing them
        (「政策経営課、政策法務課」, as a spreadsheet cell holds them). Empty entries are left out."""
        if isinstance(value, str):
            return [(where, part) for part in _LIST_SEPARATORS.split(value) if part.strip()][:limit]
        return [(f"{where}[{j}]", item) for j, item in enumerate(self.array(value, where, limit)) if not is_blank(item)]

    def unknown(self, data: dict, known: tuple[str, ...], where: str) -> None:
        for key in data:
            if key not in known:
                self.unknown_fields.append((where, key))


def _kind(value) -> str:
    names = {bool: "真偽値", int: "数値", float: "数値", str: "文字列", list: "配列", dict: "オブジェクト"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _decode(raw: bytes, source: str) -> tuple[object, str]:
    """The file's JSON value and its text."""
    if len(raw) > MAX_FILE_BYTES:
        raise PlanFileError(source, [f"ファイルが大きすぎます（{len(raw) / 1e6:.1f} MB。"
                                     f"{MAX_FILE_BYTES // 1024 // 1024} MB まで）"])
    text = _text(raw, source)
    if not text.strip():
        raise PlanFileError(source, ["ファイルが空です。書き出した計画ファイルをもう一度受け取ってください"])
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_Refused.constant,
                          parse_float=_Refused.float, parse_int=_Refused.int), text
    except json.JSONDecodeError as exc:
        # the file ends where JSON still expects more, or inside a text that never closes
        cut = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        slip = None if cut else mistake(text, exc)
        why = ("ファイルが途中で終わっています（コピーや保存が途中で止まったようです）。書き出した元の計画ファイルをもう一度受け取ってください"
               if cut else f"{slip}。直して保存してから、もう一度取り込んでください" if slip else
               "計画ファイルの形になっていません（手で書き換えたときに壊れたようです）。書き出した元の計画ファイルをもう一度受け取ってください")
        where = "" if slip else f"（{exc.lineno}行目、{exc.colno}文字目）"  # the slip names its own line
        raise PlanFileError(source, [f"JSON として読めません{where}。{why}"]) from None
    except RecursionError:
        raise PlanFileError(source, ["入れ子が深すぎます"]) from None
    except ValueError as exc:
        raise PlanFileError(source, [str(exc)]) from None


# Files that are plainly something else, by their first bytes.
_OTHER_FILES = {ZIP: "Word 文書・Excel ブック・zip などの圧縮された形式", OLE: "古い Word・Excel の形式（.doc・.xls）",
                PDF: "PDF"}


def _text(raw: bytes, source: str) -> str:
    """UTF-8 (with or without BOM) as written here; also UTF-16 with its BOM and シフトJIS, as Notepad
    or Excel on a Japanese PC save a file edited by hand. A file in yet another code is refused."""
    kind = file_kind(raw)
    if kind in _OTHER_FILES:
        raise PlanFileError(source, [f"計画ファイル（.json）ではなく、{_OTHER_FILES[kind]}のファイルです。"
                                     "書き出した計画ファイル（.json）を指定してください"])
    encodings = ("utf-16",) if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig", "cp932")
    for encoding in encodings:
        try:
            return raw.decode(encoding).lstrip("\ufeff")
        except UnicodeDecodeError:
            continue
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = f"{exc.start + 1}バイト目"
    else:
        where = "UTF-16"
    raise PlanFileError(source, [f"UTF-8 の文字として読めません（{where}）。計画ファイルは UTF-8 で保存してください"
                                 "（メモ帳では「名前を付けて保存」の文字コードで「UTF-8」を選びます）"])


def _no_duplicates(pairs):
    duplicates = sorted(key for key, n in Counter(key for key, _ in pairs).items() if n > 1)
    if duplicates:
        raise ValueError(f"同じ項目名が2回あります（{'、'.join(duplicates)}）")
    return dict(pairs)


# --- values every field must hold to be stored and written back --------------------

MAX_INT = 2**63 - 1  # what SQLite stores; anything larger cannot come back out the same


class _Refused:
    """A number JSON can spell but the app cannot keep (NaN, Infinity, 1e400, 2^70):
    kept as a marker while parsing so that the check can name where it is."""

    def __init__(self, literal: str, reason: str):
        self.literal = literal if len(literal) <= 20 else f"{literal[:12]}…（{len(literal):,}桁）"
        self.reason = reason

    @classmethod
    def constant(cls, name: str) -> _Refused:
        return cls(name, "JSON の数値ではありません（NaN や Infinity は使えません）")

    @classmethod
    def float(cls, literal: str):
        value = float(literal)
        return value if math.isfinite(value) else cls(literal, "数値が大きすぎます")

    @classmethod
    def int(cls, literal: str):
        if len(literal) > 20:  # before int(): a 5,000-digit literal must not reach Python's limit
            return cls(literal, "数値が大きすぎます")
        value = int(literal)
        return value if -MAX_INT <= value <= MAX_INT else cls(literal, "数値が大きすぎます")


def _surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def _check_values(data, check: _Check) -> None:
    """Every value in the file, known field or extra, at any depth: finite numbers that fit,
    text that is real Unicode (no lone surrogates). Walked without recursion."""
    stack = [(data, "")]
    while stack and len(check.problems) < MAX_PROBLEMS:
        value, where = stack.pop()
        if isinstance(value, _Refused):
            check.fail(where or "ファイル全体", f"{value.reason}（{value.literal}）")
        elif isinstance(value, str) and _surrogate(value):
            check.fail(where or "ファイル全体", "文字として表せない符号（対になっていないサロゲート）が含まれています")
        elif isinstance(value, dict):
            for key, child in reversed(list(value.items())):
                path = f"{where}.{key}" if where else key
                if _surrogate(key):
                    check.fail(where or "ファイル全体", "項目名に文字として表せない符号（サロゲート）が含まれています")
                    continue
                stack.append((child, path))
        elif isinstance(value, list):
            stack.extend((child, f"{where}[{i}]") for i, child in reversed(list(enumerate(value))))


def _depth(value) -> int:
    """Nesting depth, counted without recursion (the input may be hostile)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            break
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        stack.extend((child, level + 1) for child in children)
    return deepest


def parse_plan(session, raw: bytes, source: str = "計画ファイル") -> PlanFile:
    """Check a plan file completely against this data folder; raise PlanFileError listing every problem."""
    data, text = _decode(raw, source)
    if _depth(data) > MAX_DEPTH:
        raise PlanFileError(source, [f"入れ子が深すぎます（{MAX_DEPTH}段まで）"])
    check = _Check()
    _check_values(data, check)
    if check.problems:
        raise PlanFileError(source, _readable(check.problems[:MAX_PROBLEMS], Plan(0, "")))
    data = _the_plan(data, source)
    version, year = _check_header(data, check)
    if check.problems:  # without a known format, year and department the rest cannot be judged
        raise PlanFileError(source, _readable(check.problems, Plan(0, "")))
    plan_file = _read_plan(session, data, version, year, check)
    if check.problems:
        raise PlanFileError(source, _readable(check.problems[:MAX_PROBLEMS], plan_file.plan))
    if plan_file.plan.lock is not None:  # the plan as fixed is the file as it came
        plan_file.plan.lock = plan_file.plan.lock._replace(snapshot=text)
    plan_file.warnings = (_unknown_fields(check.unknown_fields, plan_file.plan) + check.warnings
                          + _readable(check.cleaned, plan_file.plan))
    plan_file.new_sections = check.new_sections
    plan_file.section_problems = _readable(check.section_problems, plan_file.plan)
    return plan_file


def _the_plan(data, source: str) -> dict:
    """The file's plan: its one object, or the only object of a list (as a flow's array output holds it)."""
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    if isinstance(data, dict):
        return data
    if isinstance(data, list) and data and all(isinstance(item, dict) for item in data):
        raise PlanFileError(source, [f"ファイル全体: {len(data)}件の計画が1つのファイルに入っています。"
                                     "計画ファイルは1つの部・年度に1つです。1件ずつのファイルに分けてください"])
    raise PlanFileError(source, [f"ファイル全体: オブジェクト（{{…}}）でなければなりません（{_kind(data)}です）。"
                                 "書き出した計画ファイルを指定してください"])


# Where a problem is, in the words of the form: top-level fields, then parts of a goal.
_PLACES = {"format": "形式", "version": "形式の版", "fiscal_year": "年度", "department": "部",
           "sections": "課の一覧", "interviewer": "面談の相手", "updated_at": "最終更新日時", "date": "日付",
           "revision": "版数", "signers": "署名者", "preamble": "前文", "answers": "部の方針", "goals": "目標の一覧",
           "locked": "確定", "instructions": "指示事項", plan_file_lineage.FIELD: plan_file_lineage.PLACE,
           plan_file_history.FIELD: plan_file_history.PLACE, plan_file_dropped.FIELD: plan_file_dropped.PLACE,
           PREDECESSORS: "前身の部", plan_file_handover.FIELD: plan_file_handover.PLACE}
_GOAL_PLACES = {**GOAL_FIELD_LABELS, "sections": "担当課", "directives": "基本方針", "parent": "上の目標",
                "reviews": "評価（中間確認・年度末評価）", plan_file_keys.KEY: "キー", plan_file_handover.GOAL_FIELD: "引継ぎメモ"}
_PATH = re.compile(r"^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?")


def _readable(problems: list[tuple[str, str]], plan: Plan) -> list[str]:
    """「目標 No.3「…」の担当課: …」 and the JSON path on a second line, for each problem."""
    numbers = goal_numbers(plan)
    titles = {goal.id: goal.title for goal in plan.goals if goal.id is not None}
    return [f"{_place(where, numbers, titles)}: {message}" + (f"\n（場所: {where}）" if where else "")
            for where, message in problems]


def _unknown_fields(fields: list[tuple[str, str]], plan: Plan) -> list[str]:
    """「署名者（1番目）の「seal」: このアプリの知らない項目のため読み込みませんでした」 for each field not read."""
    numbers = goal_numbers(plan)
    titles = {goal.id: goal.title for goal in plan.goals if goal.id is not None}
    return [f"{_place(where, numbers, titles)}の「{key}」: このアプリの知らない項目のため読み込みませんでした（場所: {where}.{key}）"
            for where, key in fields]


def _place(where: str, numbers: dict[int, str], titles: dict[int, str]) -> str:
    match = _PATH.match(where)
    if not match:
        return where
    name, index, part = match.groups()
    if name == "goals" and index is not None:
        goal_id = int(index) + 1  # goals are read with local ids index + 1
        if goal_id in numbers:
            title = titles[goal_id].strip().splitlines()[0][:30] if titles[goal_id].strip() else ""
            place = f"目標 No.{numbers[goal_id]}" + (f"「{title}」" if title else "")
        else:
            place = f"目標（ファイルの{int(index) + 1}番目）"
        return place + (f"の{_GOAL_PLACES.get(part, part)}" if part else "")
    place = _PLACES.get(name, name)
    if index is not None:
        place += f"（{int(index) + 1}番目）"
    return place


def _check_header(data: dict, check: _Check) -> tuple[int, int]:
    """The file's format version and fiscal year, as numbers; problems go to ``check``."""
    written = data.get("format")
    if not (isinstance(written, str) and written.strip() == FORMAT):
        check.fail("format", f"計画ファイル（\"{FORMAT}\"）ではありません（{json.dumps(written, ensure_ascii=False)}）")
        return 0, 0
    version = check.number(data.get("version"), "version", "形式の版")
    if is_blank(data.get("version")):
        check.fail("version", f"形式の版（例: {VERSION}）が必要です（{_kind(data.get('version'))}です）")
    elif version is not None and version > VERSION:
        check.fail("version", f"新しい版のアプリ（形式の版 {version}）で作られたファイルです。"
                              f"このアプリは版 {VERSION} まで読めます。アプリを更新してください")
    elif version is not None and version not in READABLE_VERSIONS:
        check.fail("version", f"形式の版 {version} はありません（{'、'.join(map(str, READABLE_VERSIONS))} のみ）")
    year = check.fiscal_year(data.get("fiscal_year"), "fiscal_year")
    if not isinstance(data.get("department"), str) or not data["department"].strip():
        check.fail("department", "部の名前（文字列）が必要です")
    return version or 0, year or 0


def _read_plan(session, data: dict, version: int, year: int, check: _Check) -> PlanFile:
    name = data["department"].strip()  # " 政策部　" typed by hand
    if year not in session.fiscal_years():
        check.fail("fiscal_year", f"{fiscal_year_label(year)}（{year}年度）の基本方針はまだ取り込まれていません。"
                                  "先に「ファイル」→「基本方針の取り込み」でその年度の基本方針を取り込んでください")
        return PlanFile(Plan(year, name))
    codes = {d.code for d in session.policy(year).directives}
    department = next((d for d in session.departments(year) if name_key(d.name) == name_key(name)), None)
    if department is None:
        check.fail("department", f"{fiscal_year_label(year)}に「{name}」という部はありません。新しくできた部・名前の変わった部なら、"
                                 f"画面の「編集」→「この年度の部の一覧を編集」で{fiscal_year_label(year)}の部の一覧に加えてから取り込んでください")
        return PlanFile(Plan(year, name))
    name = department.name  # 「ｾｲｻｸ部」 in the file is this data's 「セイサク部」
    later = ((VERSION_2_FIELDS if version < 2 else ()) + (VERSION_3_FIELDS if version < 3 else ())
             + (VERSION_4_FIELDS if version < 4 else ()))
    known = tuple(f for f in PLAN_FIELDS if f not in later)
    plan = Plan(year, name, plan_date=check.day(data.get("date"), "date"), revision=_revision(data.get("revision"), check),
                preamble=check.text(data.get("preamble"), "preamble"),
                extra={key: value for key, value in data.items() if key not in known})
    sections = {name_key(s.name): s.name for s in department.sections}
    plan_file = PlanFile(plan, version=version)
    check.warnings.extend(_later_fields(data, version, later))
    if version >= 2:
        plan_file.interviewer, plan_file.updated_at = _version_2_fields(data, sections, name, check)
    plan.signers = _signers(data.get("signers"), check)
    plan.answers = _answers(data.get("answers"), codes, check)
    marks = session_review_marks(session) if version >= 3 else None
    plan.goals = _goals(data.get("goals"), codes, sections, name, check, marks, version)
    if version >= 3:
        refs = plan_file_keys.goal_refs(plan, version)
        cycle_fields.read_plan_fields(data, plan, refs, lambda value, where: _code(value, codes, where, check), check)
        lineage = plan_file_lineage.read_lineage(data.get(plan_file_lineage.FIELD), plan, refs, version, check)
        previous = session.lineage_source(replace(plan, lineage=lineage), every_goal=True) if lineage else None
        plan.lineage, lost = plan_file_lineage.found_again(lineage, previous, plan)
        check.warnings.extend(lost)
    if version >= 4:
        _read_history(session, data, plan_file, check)
        plan.dropped = plan_file_dropped.read_dropped(data.get(plan_file_dropped.FIELD), plan, refs, check)
        plan_file.predecessors = _predecessors(session, data.get(PREDECESSORS), plan, check)
        plan_file_handover.read_handover(data, plan, check.array(data.get("goals"), "goals"), check)
    return plan_file


def _predecessors(session, value, plan: Plan, check: _Check) -> list[str] | None:
    """The 部 the sender recorded this 部 as continuing, as this data names them; None: not said, or
    an organisation here that does not have them (a warning says so: nothing is recorded then)."""
    if value is None:
        return None
    names = [check.text(raw, f"{PREDECESSORS}[{i}]", limit=NAME_LIMIT, required=True).strip()
             for i, raw in enumerate(check.array(value, PREDECESSORS, 100))]
    earlier = [year for year in session.department_years() if year < plan.fiscal_year]
    here = {name_key(d.name): d.name for d in session.departments(max(earlier))} if earlier else {}
    unknown = [name for name in names if name_key(name) not in here]
    if unknown or not earlier:
        check.warnings.append(f"前身の部: ファイルでは{plan.department}は{'・'.join(names) or '新設の部'}を引き継いでいますが、"
                              "この作業データの前年度の部の一覧にないため、記録しませんでした")
        return None
    return [here[name_key(name)] for name in names]


def _read_history(session, data: dict, plan_file: PlanFile, check: _Check) -> None:
    """The 版 kept and 解除 records the file brings, and a warning for each 版 that says otherwise than here."""
    plan_file.history = plan_file_history.read_history(data.get(plan_file_history.FIELD), plan_file.plan, check)
    if not check.problems:
        check.warnings.extend(plan_file_history.contradictions(session, plan_file.plan, plan_file.history))


def _later_fields(data: dict, version: int, later: tuple[str, ...]) -> list[str]:
    """Fields of a later format version in a file that says it is an earlier one (a file edited by
    hand, or by another program): not read, since this version's file cannot hold them; said so."""
    found = [_PLACES[name] + f"（{name}）" for name in later if not is_blank(data.get(name)) and data.get(name) != []]
    goals = given if isinstance(given := data.get("goals"), list) else []
    reviewed = sum(1 for goal in goals if isinstance(goal, dict) and goal.get("reviews") not in (None, [], ""))
    if version < 3 and reviewed:
        found.append(f"{_GOAL_PLACES['reviews']}（reviews、目標{reviewed}件）")
    if not found:
        return []
    return [f"{'、'.join(found)}: 形式の版 {version} のファイルにはない項目のため、読み込みませんでした"
            f"（形式の版 {VERSION} で加わった項目です。ファイルの \"version\" を書き換えずに項目だけ書き加えたと考えられます）。"
            "必要なら、送った人にこのアプリの今の版で書き出し直してもらってください"]


def _version_2_fields(data: dict, sections: dict[str, str], department: str, check: _Check) -> tuple[str | None, str | None]:
    """The sender's 課 list (those not here become new 課); returns its interviewer and last edit."""
    for where, section in check.names(data.get("sections"), "sections", limit=1000):
        section = check.text(section, where, limit=NAME_LIMIT, required=True).strip()
        if section:
            _known_section(section, sections, department, where, check)
    interviewer = check.text(data.get("interviewer"), "interviewer", limit=NAME_LIMIT).strip()
    updated_at = _timestamp(data.get("updated_at"), check)
    if updated_at is not None and not _plausible(updated_at):
        check.warnings.append(f"最終更新日時: ファイルの日時（{updated_at}）は、送ったパソコンの時計が合っていなかったようなので"
                              "使わず、取り込んだ日時にしました")
        updated_at = None
    return interviewer or None, updated_at


def _plausible(timestamp: str) -> bool:
    """A last edit the sender's clock could really have written: in Reiwa, and not in the future.
    A wrong clock would print 「1年1月1日」 in the paper's footer (0001-01-01) and decide which file is newer."""
    moment = datetime.fromisoformat(timestamp).replace(tzinfo=None)
    return datetime(2019, 5, 1) <= moment <= datetime.now() + timedelta(days=1)


def _timestamp(value, check: _Check) -> str | None:
    """The last edit as the sender wrote it when that is already ISO 8601 (kept to the character:
    it travels on to the next PC), else as read from another form ("2024/3/29 17:05")."""
    moment = check.moment(value, "updated_at")
    if moment is None:
        return None
    return value.strip() if _is_iso(value.strip()) else moment.isoformat()


def _is_iso(value: str) -> bool:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return len(value) <= 32


def _known_section(section: str, sections: dict[str, str], department: str, where: str, check: _Check) -> str:
    """The 課 as this data spells it (names compared after width normalisation: ｾｲｻｸ課 is セイサク課);
    one the department does not have here is noted (import adds it), with where it is used."""
    key = name_key(section)
    if key in sections:
        return sections[key]
    known = next((name for name in check.new_sections if name_key(name) == key), None)
    if known is None:
        check.new_sections.append(section)
    check.section_problems.append((where, f"{department}に「{section}」という課はありません"))
    return known or section


def _revision(value, check: _Check) -> int:
    """The 版数; 1 when the file leaves it out or blank."""
    revision = check.number(value, "revision", "版数", blank=1)
    if revision is not None and not 1 <= revision <= MAX_REVISION:
        check.fail("revision", f"版数は1以上の整数で書いてください（{MAX_REVISION:,}まで。{revision:,}と書かれています）")
    return revision if revision is not None and 1 <= revision <= MAX_REVISION else 1


def _signers(value, check: _Check) -> list[Signer]:
    signers = []
    for i, item in enumerate(check.array(value, "signers", limit=20)):
        where = f"signers[{i}]"
        if check.object(item, where) is not None:
            check.unknown(item, SIGNER_FIELDS, where)
            signers.append(Signer(check.text(item.get("title"), f"{where}.title", limit=NAME_LIMIT),
                                  check.text(item.get("name"), f"{where}.name", limit=NAME_LIMIT)))
    return signers


def _code(value, codes: set[str], where: str, check: _Check) -> str | None:
    if not isinstance(value, str):
        check.fail(where, f"基本方針の項目番号（例: \"1(2)\"）が必要です（{_kind(value)}です）")
        return None
    try:
        code = normalize_code(value)
    except ValueError as exc:
        check.fail(where, str(exc))
        return None
    if code not in codes:
        check.fail(where, f"基本方針に項目 {value} はありません。この年度の基本方針の項目番号に直すか、消してください")
        return None
    return code


def _answers(value, codes: set[str], check: _Check) -> list[Answer]:
    answers: dict[str, Answer] = {}
    for i, item in enumerate(check.array(value, "answers", limit=1000)):
        where = f"answers[{i}]"
        if check.object(item, where) is None:
            continue
        check.unknown(item, ANSWER_FIELDS, where)
        if is_blank(item.get("directive")) and is_blank(item.get("text")):
            continue  # an empty row of a spreadsheet
        code = _code(item.get("directive"), codes, f"{where}.directive", check)
        text = check.text(item.get("text"), f"{where}.text")
        if code in answers:
            check.fail(f"{where}.directive", f"項目 {code} の部の方針が2回あります")
        elif code and text:
            answers[code] = Answer(code, text)
    return list(answers.values())


def _goals(value, codes: set[str], sections: dict[str, str], department: str, check: _Check,
           marks: list | None = None, version: int = VERSION) -> list[Goal]:
    """The file's goals; ``marks`` (the review marks) when the file's version carries reviews."""
    items = check.array(value, "goals")
    later = (() if marks is not None else cycle_fields.GOAL_FIELDS) + (
        (plan_file_keys.KEY, plan_file_handover.GOAL_FIELD) if version < plan_file_keys.FIRST_VERSION else ())
    known = tuple(f for f in goal_keys() if f not in later)
    keys: set[str] = set()
    goals = []
    for i, item in enumerate(items):
        where = f"goals[{i}]"
        if check.object(item, where) is None:
            continue
        goal = Goal(id=i + 1, extra={key: v for key, v in item.items() if key not in known})
        if version >= plan_file_keys.FIRST_VERSION:
            goal.key = plan_file_keys.read_key(item.get(plan_file_keys.KEY), f"{where}.key", keys, check)
        if marks is not None:
            goal.reviews = cycle_fields.read_reviews(item.get("reviews"), f"{where}.reviews", marks, check)
        for name in GOAL_TEXT_FIELDS:
            goal.set_text(name, check.text(_cell(item.get(name)), f"{where}.{name}"))
        goal.owner_sections = _goal_sections(item.get("sections"), f"{where}.sections", sections, department, check)
        goal.directives = _goal_directives(item.get("directives"), f"{where}.directives", codes, check)
        goal.parent = _parent(item.get("parent"), i, items, check)
        goals.append(goal)
    return goals


def _cell(value):
    """A goal's text as a spreadsheet may hold it: a number (現状値 20, 目標値 1.5) is the text it reads as."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def _goal_sections(value, where: str, sections: dict[str, str], department: str, check: _Check) -> list[str]:
    names: list[str] = []
    for place, section in check.names(value, where, limit=100):
        section = check.text(section, place, limit=NAME_LIMIT, required=True).strip()
        if section:
            section = _known_section(section, sections, department, place, check)
            if section not in names:
                names.append(section)
    return names


def _goal_directives(value, where: str, codes: set[str], check: _Check) -> list[str]:
    directives: list[str] = []
    for place, raw in check.names(value, where, limit=100):
        code = _code(raw, codes, place, check)
        if code and code not in directives:
            directives.append(code)
    return directives


def _parent(value, index: int, items: list, check: _Check) -> int | None:
    """The local id of the department goal at index ``value``, or None."""
    where = f"goals[{index}].parent"
    parent = check.number(value, where, "部の目標の番号")
    if parent is None:  # a department goal (null or ""), or already named
        return None
    if not 0 <= parent < len(items):
        check.fail(where, f"部の目標の番号（0〜{len(items) - 1}）か null にしてください（{parent:,}と書かれています）")
    elif parent == index:
        check.fail(where, "目標が自分自身の下に置かれています")
    elif isinstance(items[parent], dict) and not is_blank(items[parent].get("parent")):
        title = items[parent].get("title") if isinstance(items[parent].get("title"), str) else ""
        check.fail(where, f"{parent} はファイルの{parent + 1}番目の目標「{title[:30]}」で、課の目標です。"
                          "課の目標は部の目標の下にだけ置けます")
    else:
        return parent + 1
    return None


def session_review_marks(session) -> list:
    return session.review_marks()


def read_plan_file(session, path: Path) -> PlanFile:
    path = Path(path)
    name = readable_name(path.name)
    try:
        raw = read_limited(path, MAX_FILE_BYTES, "計画ファイル（.json）")
    except InputFileError as exc:
        raise PlanFileError(name, [str(exc)]) from None
    return parse_plan(session, raw, name)


# --- importing ----------------------------------------------------------------------------------

def import_question(session, plan_file: PlanFile, source: str) -> str | None:
    """What to ask before importing ``plan_file`` (read from ``source``, a file name): one question
    for everything beyond a new plan — 課 to add, a replaced plan, a fixed plan to unlock. None: nothing to ask."""
    plan = plan_file.plan
    held = session.goal_count(plan.fiscal_year, plan.department) if session.plan_stamp(plan.fiscal_year, plan.department) else None
    if held is None and not plan_file.new_sections:
        return None
    parts = []
    if plan_file.new_sections:
        names = plan_file.new_sections
        shown = names if len(names) <= QUESTION_NAMES else names[:QUESTION_NAMES - 1]
        more = [f"\u3000ほか{len(names) - len(shown)}課"] if len(shown) < len(names) else []
        count = f"{len(names)}つ" if len(names) < 10 else f"{len(names)}個"  # 「つ」 counts to nine
        parts.append(f"{plan.department}に、この作業データにない課が{count}あります。"
                     "取り込むと課の一覧に追加します:\n"
                     + "\n".join([f"\u3000・{name}" for name in shown] + more))
    if held is not None:
        from ..domain.fingerprint import plan_fingerprint
        from .plan_versions import older_than_held

        label = f"{fiscal_year_label(plan.fiscal_year)} {plan.department}の計画"
        fingerprint = plan_fingerprint(plan)
        # The held plan is read whole only when it could be the same (as many goals): a large plan's question stays quick.
        if held == len(plan.goals) and fingerprint == plan_fingerprint(session.load_plan(plan.fiscal_year, plan.department)):
            parts.append(f"「{source}」は、この作業データの{label}と同じ内容です（指紋 {fingerprint}: 印刷される内容が"
                         "すべて同じです）。取り込んでも計画の本文は変わりません。")
        else:
            parts.append(f"{label}（目標{held}件）を、「{source}」の内容（目標{len(plan.goals)}件）で置き換えます。")
            older = older_than_held(session, plan_file.plan, plan_file.updated_at)
            if older:
                parts.append(older + "置き換えると、この作業データでのその後の変更は失われます。")
        lock = session.plan_lock(plan.fiscal_year, plan.department)
        if lock is not None:
            parts.append(f"この計画は第{lock.revision}版で確定しています。取り込むと確定を解除します"
                         "（解除したことは記録されます）。")
    parts.append("取り込む前に、今のデータをバックアップします。\n\n取り込みますか？")
    return "\n\n".join(parts)


def import_plan(session, plan_file: PlanFile, *, unlock: bool = False, editor=None) -> ImportResult:
    """Replace the department-year plan with the checked file, after a backup, as one undo step of
    the plan's editor (``editor``: the window's, whose history then holds it).

    課 the department does not have here are added first, and the sender's interviewer and
    last edit are kept, so that the plan prints here as it did on the sender's PC. A fixed
    (確定) plan is replaced only with ``unlock``, which records the unlock in the same step.
    """
    from .year_cycle import refuse_fixed_import

    plan = plan_file.plan
    refuse_fixed_import(session, plan, unlock=unlock)
    plan.handover.arrived = plan.handover.written  # handed over: shown once to whoever opens the plan here
    backup = session.backup("before-import")
    replaced = session.plan_stamp(plan.fiscal_year, plan.department) is not None
    how = arrival(plan_file, unlock=unlock)
    change = editor.replace_whole(plan, how) if editor is not None else session.store_plan(plan, how)
    return ImportResult(plan.fiscal_year, plan.department, replaced, backup, plan_file.warnings,
                        list(plan_file.new_sections), change)


def arrival(plan_file: PlanFile, *, unlock: bool = False) -> Arrival:
    """How the plan of ``plan_file`` is stored over what is held here."""
    return Arrival(tuple(plan_file.new_sections), plan_file.interviewer or "",
                   plan_file.updated_at or _content_moment(plan_file.plan), unlock,
                   keep_instructions=plan_file.version < 3, keep_handover=plan_file.version < 4,
                   history=plan_file.history, predecessors=plan_file.predecessors)


def _content_moment(plan: Plan) -> str:
    """The last edit of a file that names none (an old file, a sender's wrong clock): the plan's own
    date, the same on every PC that imports the same file. The moment of the import is no edit of the
    plan, and printed in the footer it made the same content look like two versions."""
    return f"{(plan.plan_date or default_plan_date(plan.fiscal_year)).isoformat()}T00:00:00"


def import_plan_file(session, path: Path, *, new_sections: bool = True, unlock: bool = False) -> ImportResult:
    """Check and import one file; with ``new_sections`` False a file naming 課 unknown here is refused."""
    plan_file = read_plan_file(session, path)
    if not new_sections:
        plan_file.refuse_new_sections(Path(path).name)
    return import_plan(session, plan_file, unlock=unlock)
