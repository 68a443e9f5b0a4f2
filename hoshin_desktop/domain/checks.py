"""提出前の確認: what a recipient would send back, found before the plan is handed in.

The city's own rules (which goal fields are required, the 字数 budgets) are data
(``CheckRules.from_dict``, read by ``services.submission`` from
resources/submission_rules.json), not code. Every finding names its place, so the window
can jump there, and nothing here changes the plan: an export "anyway" prints what is there.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from .cycle import ReviewMark, missing_reason
from .dropped import open_dropped
from .goal_fields import GOAL_FIELDS
from .models import GOAL_FIELD_LABELS, Plan, PolicyDocument
from .numbering import number_of
from .text import zenkaku_length

CATEGORY_MISSING = "未記入"
CATEGORY_LINKS = "関連付け"
CATEGORY_LENGTH = "字数"
CATEGORY_NOTATION = "表記"
CATEGORY_PERSONAL = "個人情報"
CATEGORY_REVIEW = "評価"



def _requirable() -> set[str]:
    return {spec.key for spec in GOAL_FIELDS if spec.checked} | {"owner_sections"}


def _budgeted() -> set[str]:
    return {spec.key for spec in GOAL_FIELDS if spec.checked} | {"answer", "preamble"}


class RulesError(ValueError):
    """The rules file says something the checks cannot follow."""


@dataclass(frozen=True)
class CheckRules:
    required_goal_fields: tuple[str, ...]
    budgets: dict  # field name (goal fields, "answer", "preamble") -> characters (全角1, 半角½)

    @classmethod
    def from_dict(cls, data: dict) -> CheckRules:
        if not isinstance(data, dict):
            raise RulesError("提出前の確認の決まりは {…} の形で書いてください")
        required = data.get("required_goal_fields", [])
        budgets = data.get("budgets", {})
        if not isinstance(required, list) or any(name not in _requirable() for name in required):
            raise RulesError(f"required_goal_fields に使える名前は {', '.join(sorted(_requirable()))} です")
        if not isinstance(budgets, dict) or any(name not in _budgeted() for name in budgets):
            raise RulesError(f"budgets に使える名前は {', '.join(sorted(_budgeted()))} です")
        if any(not isinstance(v, int) or isinstance(v, bool) or v <= 0 for v in budgets.values()):
            raise RulesError("budgets の字数は 1 以上の整数で書いてください")
        return cls(tuple(required), dict(budgets))


@dataclass(frozen=True)
class Place:
    """Where a finding is: a goal's field, an answer, the signers or the preamble."""

    kind: str  # "goal", "answer", "signers", "preamble"
    key: int | str | None = None  # goal id, directive code, signer's position
    field: str = ""  # the goal field's name
    word: str = ""  # the text to mark there ("" for the whole field)


@dataclass(frozen=True)
class Finding:
    category: str
    message: str
    place: Place

    def line(self) -> str:
        return f"［{self.category}］{self.message}"


def _label(field: str) -> str:
    return {"answer": "部の方針", "preamble": "前文"}.get(field, GOAL_FIELD_LABELS.get(field, field))


def check_plan(plan: Plan, policy: PolicyDocument, rules: CheckRules, numbers: dict[int, str],
               marks: Sequence[ReviewMark] = ()) -> list[Finding]:
    """Every finding, in the order of the paper. ``numbers``: goal id -> its No. on paper;
    ``marks``: the city's review scale (which marks need a reason at 年度末)."""
    findings = _cover(plan, rules) + _sections_without_answers(plan, policy) + _dropped_answers(plan)
    findings += _goals(plan, rules, numbers) + budget_findings(plan, rules, numbers)
    texts = list(_texts(plan, numbers))
    findings += _notation(_without_quotes(texts, policy)) + _emoji(texts) + _personal(texts) + _reviews(plan, marks, numbers)
    return findings


def _cover(plan: Plan, rules: CheckRules) -> list[Finding]:
    findings = []
    for position, signer in enumerate(plan.signers):
        if not signer.name.strip():
            who = f"「{signer.title.strip()}」" if signer.title.strip() else f"{position + 1}人目"
            findings.append(Finding(CATEGORY_MISSING, f"署名者{who}の氏名がありません。",
                                    Place("signers", position)))
    if not plan.signers:
        findings.append(Finding(CATEGORY_MISSING, "署名者がいません。", Place("signers", 0)))
    if not plan.preamble.strip():
        findings.append(Finding(CATEGORY_MISSING, "前文がありません（「記」の前に何も印刷されません）。", Place("preamble")))
    return findings


def _sections_without_answers(plan: Plan, policy: PolicyDocument) -> list[Finding]:
    findings = []
    for section in policy.sections:
        codes = [d.code for d in section.directives]
        pinned = [code for code in codes if plan.goals_pinned_to(code)]
        if pinned and not any(plan.answer(code).strip() for code in codes):
            findings.append(Finding(
                CATEGORY_MISSING, f"基本方針「{section.heading}」に目標がありますが、【部の方針】が書かれていません。",
                Place("answer", pinned[0])))
    return findings


def goal_name(goal, numbers: dict[int, str]) -> str:
    title = goal.title.strip().split("\n")[0]
    title = title if len(title) <= 20 else title[:20] + "…"
    return f"目標 No.{numbers.get(goal.id, '?')}「{title or '（目標が未記入）'}」"


def _dropped_answers(plan: Plan) -> list[Finding]:
    """The 部の方針 written for a directive dropped since: kept as a note until seen."""
    return [Finding(CATEGORY_LINKS, f"{item.reason}: その項目に書いた部の方針「{_opening(item.text)}」が残っています。"
                                    "今年度の項目の部の方針に使うか、確認済みにしてください。", Place("dropped", item.id))
            for item in open_dropped(plan) if item.goal is None]


def _opening(text: str) -> str:
    line = text.strip().split("\n")[0]
    return line if len(line) <= 20 else line[:20] + "…"


def _goals(plan: Plan, rules: CheckRules, numbers: dict[int, str]) -> list[Finding]:
    findings = []
    dropped: dict[int, list[str]] = {}
    for item in open_dropped(plan):
        if item.goal is not None:
            dropped.setdefault(item.goal, []).append(item.reason)
    for goal in sorted(plan.goals, key=lambda g: _paper_order(number_of(numbers, g))):
        name = goal_name(goal, numbers)
        why = "、".join(dropped.get(goal.id, []) if goal.id is not None else [])
        if not goal.directives:
            findings.append(Finding(CATEGORY_LINKS, f"{name}が基本方針のどの項目にも関連付けられていません"
                                    + (f"（関連付けていた{why}）。" if why else "。"), Place("goal", goal.id, "directives")))
        elif why:
            findings.append(Finding(CATEGORY_LINKS, f"{name}の関連付けのうち、{why}です。ほかの項目に関連付けるか、"
                                    "確認済みにしてください。", Place("goal", goal.id, "directives")))
        for field in rules.required_goal_fields:
            value = goal.owner_sections if field == "owner_sections" else goal.text(field).strip()
            if not value:
                findings.append(Finding(CATEGORY_MISSING, f"{name}の「{_label(field)}」が書かれていません。",
                                        Place("goal", goal.id, field)))
    return findings


def _reviews(plan: Plan, marks: Sequence[ReviewMark], numbers: dict[int, str]) -> list[Finding]:
    findings = []
    for goal in sorted(plan.goals, key=lambda g: _paper_order(number_of(numbers, g))):
        for review in goal.reviews:
            if missing := missing_reason(review, marks):
                findings.append(Finding(CATEGORY_REVIEW, f"{goal_name(goal, numbers)}: {missing}。",
                                        Place("goal", goal.id, "reviews")))
    return findings


def _paper_order(number: str) -> tuple:
    return tuple(int(part) for part in number.split("-") if part.isdigit()) or (10**9,)


def _texts(plan: Plan, numbers: dict[int, str]):
    """(place, label, text) of every text the drafter wrote, in the order of the paper."""
    yield Place("preamble"), "前文", plan.preamble
    for answer in plan.answers:
        yield Place("answer", answer.directive), f"部の方針 {answer.directive}", answer.text
    for goal in sorted(plan.goals, key=lambda g: _paper_order(number_of(numbers, g))):
        for spec in GOAL_FIELDS:
            if spec.checked:
                yield (Place("goal", goal.id, spec.key), f"{goal_name(goal, numbers)}の「{_label(spec.key)}」",
                       goal.text(spec.key))


def budget_findings(plan: Plan, rules: CheckRules, numbers: dict[int, str]) -> list[Finding]:
    findings = []
    for place, label, text in _texts(plan, numbers):
        field = place.field or place.kind
        budget = rules.budgets.get(field)
        length = zenkaku_length(text)
        if budget is not None and length > budget:
            findings.append(Finding(CATEGORY_LENGTH, f"{label}が{budget}字の目安を超えています（{length:g}字）。", place))
    return findings


# --- notation -------------------------------------------------------------------------------

_REIWA = re.compile(r"令和\s*[0-9０-９元]")
_R_ERA = re.compile(r"(?<![A-Za-zＡ-Ｚａ-ｚ])[RＲ]\s*[0-9０-９]{1,2}(?=\s*(?:年|[.．/／]))")
_HALF_DIGITS = re.compile(r"[0-9]+")
_FULL_DIGITS = re.compile(r"[０-９]+")


def _without_quotes(texts, policy: PolicyDocument) -> list:
    """The texts less the mayor's words they quote (the policy's title, the plans it names): those
    keep the widths the mayor issued them in (「令和７年度市政運営の基本方針」), so they mix no notation."""
    quoted = sorted({policy.title, *policy.references} - {""}, key=len, reverse=True)
    bare = []
    for place, label, text in texts:
        for words in quoted:
            text = text.replace(words, "")
        bare.append((place, label, text))
    return bare


def _first(pattern: re.Pattern, texts) -> tuple[Place, str, str, int] | None:
    count, first = 0, None
    for place, label, text in texts:
        for match in pattern.finditer(text):
            count += 1
            if first is None:
                first = (Place(place.kind, place.key, place.field, match.group()), label, match.group())
    return (*first, count) if first else None


def _notation(texts) -> list[Finding]:
    findings = []
    for name, one, other, kinds in (("和暦", _REIWA, _R_ERA, ("令和", "R")),
                                    ("数字", _HALF_DIGITS, _FULL_DIGITS, ("半角", "全角"))):
        a, b = _first(one, texts), _first(other, texts)
        if a and b:
            minority, kind = (b, kinds[1]) if b[3] <= a[3] else (a, kinds[0])
            place, label, word, count = minority
            findings.append(Finding(
                CATEGORY_NOTATION,
                f"{name}の書き方が混在しています（{kinds[0]} {a[3]}か所、{kinds[1]} {b[3]}か所）。"
                f"{kind}の「{word}」が{label}にあります。", place))
    return findings


def _is_emoji(ch: str) -> bool:
    """A pictograph beyond the fonts of the paper (ＭＳ 明朝, BIZ UD, Noto, IPAex): the PDF draws
    nothing there; Word and the printer show it only from another font the PC may have."""
    return ord(ch) >= 0x1F000 and unicodedata.category(ch) == "So"


def _emoji(texts) -> list[Finding]:
    findings = []
    for place, label, text in texts:
        found = "".join(dict.fromkeys(ch for ch in text if _is_emoji(ch)))
        if found:
            findings.append(Finding(CATEGORY_NOTATION, f"{label}に絵文字「{found}」があります。"
                                    "PDF には出ません（Word と印刷では、パソコンにある別のフォントで出ることがあります）。",
                                    Place(place.kind, place.key, place.field, found[0])))
    return findings


# --- personal information ---------------------------------------------------------------------

_PERSONAL = (
    ("電話番号", re.compile(r"(?<![\d-])0\d{1,4}[-(]\d{1,4}[-)]\d{3,4}(?![\d-])|(?<!\d)0[5789]0\d{8}(?!\d)")),
    ("マイナンバー（12桁の番号）", re.compile(r"(?<![\d-])\d{4}[ -]?\d{4}[ -]?\d{4}(?![\d-])")),
    ("メールアドレス", re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")),
    ("郵便番号", re.compile(r"〒\s*\d{3}-?\d{4}")),
    ("住所", re.compile(r"[\u4e00-\u9fff]{0,4}[市区町村][\u4e00-\u9fffぁ-んァ-ヶ]{0,8}\d+(?:丁目(?:\d+番地?)?(?:\d+号)?|-\d+(?:-\d+)?)")),
)


def _folded(text: str) -> str:
    """Full-width digits, hyphens and letters read as half-width, one character for one."""
    out = []
    for ch in text:
        folded = unicodedata.normalize("NFKC", ch)
        if ch in "ー―‐－−":
            folded = "-"
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out)


def _personal(texts) -> list[Finding]:
    findings = []
    for place, label, text in texts:
        folded = _folded(text)
        taken: list[tuple[int, int]] = []
        for kind, pattern in _PERSONAL:
            for match in pattern.finditer(folded):
                if any(start < match.end() and match.start() < end for start, end in taken):
                    continue
                taken.append(match.span())
                word = text[match.start():match.end()]
                findings.append(Finding(CATEGORY_PERSONAL, f"{label}に{kind}らしい文字「{word}」があります。",
                                        Place(place.kind, place.key, place.field, word)))
    return findings
