"""The things a department's plan is made of, named as in the domain glossary (DOMAIN.md)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple, Protocol

from .codes import directive_code
from .cycle import Instruction, PlanLock, Review, SectionsOfFixedPlan
from .dropped import DroppedDirective
from .goal_fields import BUILT_IN, GOAL_FIELD_LABELS, GOAL_TEXT_FIELDS  # noqa: F401 (the fields by key)
from .goal_lineage import GoalLineage
from .handover import Handover


class Ruby(NamedTuple):
    """Furigana over ``text[start:start + length]`` of the text it belongs to."""

    start: int
    length: int
    reading: str


class RubyText(NamedTuple):
    """Plain text (paragraphs separated by "\\n") with its ruby kept apart as structure."""

    text: str = ""
    ruby: tuple[Ruby, ...] = ()

    def segments(self) -> Iterator[tuple[str, str | None]]:
        """Yield (chunk, reading) pairs in order; reading is None for plain chunks."""
        pos = 0
        for r in sorted(self.ruby, key=lambda r: r.start):
            if r.start > pos:
                yield self.text[pos:r.start], None
            yield self.text[r.start:r.start + r.length], r.reading
            pos = r.start + r.length
        if pos < len(self.text) or not self.text:
            yield self.text[pos:], None

    def paragraphs(self) -> list[RubyText]:
        """Split at "\\n", each paragraph keeping the ruby that falls inside it."""
        result, start = [], 0
        for line in self.text.split("\n"):
            end = start + len(line)
            ruby = tuple(
                Ruby(r.start - start, r.length, r.reading)
                for r in self.ruby
                if start <= r.start and r.start + r.length <= end
            )
            result.append(RubyText(line, ruby))
            start = end + 1
        return result

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Directive:
    """One numbered directive of the basic policy (方針項目), e.g. 1(2)."""

    section_number: int
    number: int
    body: RubyText

    @property
    def code(self) -> str:
        return directive_code(self.section_number, self.number)

    @property
    def text(self) -> str:
        return self.body.text


@dataclass(frozen=True)
class PolicySection:
    """A numbered section of the basic policy: numbered directives, or procedural paragraphs."""

    number: int
    title: str
    directives: tuple[Directive, ...] = ()
    body: RubyText = RubyText()

    @property
    def is_procedural(self) -> bool:
        """Section 5 of 令和6年度: rules for the plans themselves, nothing to answer."""
        return not self.directives

    @property
    def heading(self) -> str:
        return f"{self.number}\u3000{self.title}"


@dataclass(frozen=True)
class PolicyDocument:
    """The mayor's 市政運営の基本方針 for one fiscal year."""

    fiscal_year: int
    issued_on: date
    title: str
    issuer: str
    preamble: RubyText
    sections: tuple[PolicySection, ...]
    references: tuple[str, ...] = ()  # plan titles named in 『』, in order of first mention

    @property
    def directives(self) -> tuple[Directive, ...]:
        return tuple(d for s in self.sections for d in s.directives)

    def directive(self, code: str) -> Directive | None:
        return next((d for d in self.directives if d.code == code), None)


class Section(NamedTuple):
    """A section (課) of a department."""

    name: str
    id: int | None = None


DEFAULT_INTERVIEWER = "市長・副市長"  # 教育部 is interviewed by the 教育長


class Department(NamedTuple):
    """A department (部) of the city in one fiscal year, with its sections."""

    fiscal_year: int
    name: str
    interviewer: str = DEFAULT_INTERVIEWER  # 面談の相手
    sections: tuple[Section, ...] = ()
    id: int | None = None

    @property
    def head_title(self) -> str:
        """The usual title of the head: 政策部 → 政策部長, 会計課 → 会計課長, 議会事務局 → 議会事務局長."""
        return f"{self.name}長"


@dataclass
class Signer:
    """Whoever signs the plan's cover (役職と氏名)."""

    title: str = ""
    name: str = ""


@dataclass
class Answer:
    """The department's policy text (部の方針) answering one directive."""

    directive: str  # code, e.g. "1(2)"
    text: str = ""


@dataclass
class Goal:
    """One organisational goal (組織目標) of a plan.

    ``parent`` is the id of the department goal a section's goal belongs to (None for a
    department goal). ``key`` names the goal wherever it travels (plan files, other PCs, next
    year's plan it is carried into), where the database id means nothing; "" until stored.
    ``extra`` keeps fields of imported plan files that this version does not know, so that
    they survive a round trip. The texts are the fields of domain/goal_fields.py: read and write
    them by key with ``text`` and ``set_text`` (a field added to the specs after these attributes
    lives in ``more``).
    """

    title: str = ""
    background: str = ""
    actions: str = ""
    indicator: str = ""
    baseline: str = ""
    target: str = ""
    schedule: str = ""
    owner_sections: list[str] = field(default_factory=list)
    directives: list[str] = field(default_factory=list)  # codes, e.g. ["1(2)", "3(6)"]
    parent: int | None = None
    id: int | None = None
    extra: dict = field(default_factory=dict)
    reviews: list[Review] = field(default_factory=list)  # 中間確認／年度末評価, not the plan's text
    key: str = ""
    more: dict[str, str] = field(default_factory=dict)  # texts of fields specified after the attributes above

    @classmethod
    def with_texts(cls, texts: Mapping[str, str], **fields) -> Goal:
        """A goal with the texts ``texts`` (key → text) and the other ``fields``."""
        goal = cls(**fields)
        for key, text in texts.items():
            goal.set_text(key, text)
        return goal

    def text(self, key: str) -> str:
        return getattr(self, key) if key in BUILT_IN else self.more.get(key, "")

    def set_text(self, key: str, value: str) -> None:
        if key in BUILT_IN:
            setattr(self, key, value)
        else:
            self.more[key] = value

    def texts(self) -> dict[str, str]:
        """Key → text, every field of the specs, in the sheet's order."""
        return {key: self.text(key) for key in GOAL_TEXT_FIELDS}


def new_goal_key() -> str:
    """A goal's key: a letter first, so that it is never read as a printed number (No.3)."""
    import secrets  # here, not at start-up: it brings hmac, random and base64 (10 ms) for the first new goal only

    return "g" + secrets.token_hex(5)


@dataclass
class Plan:
    """A department's 運営方針・組織目標 for one fiscal year."""

    fiscal_year: int
    department: str
    plan_date: date | None = None
    signers: list[Signer] = field(default_factory=list)
    preamble: str = ""
    answers: list[Answer] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    revision: int = 1  # 第N版, printed in the footer
    id: int | None = None
    extra: dict = field(default_factory=dict)
    instructions: list[Instruction] = field(default_factory=list)  # 指示事項 of the interview
    lock: PlanLock | None = None  # 確定 (its snapshot is loaded only when asked for)
    lineage: GoalLineage = field(default_factory=GoalLineage)  # from last year's plan, if carried over
    edited_on: date | None = field(default=None, compare=False)  # the day of the last saved edit (the stamp)
    dropped: list[DroppedDirective] = field(default_factory=list)  # pins and 部の方針 for directives dropped since
    # last year's plan as offered to a 部 after a 組織改正 (never stored): goal id → its Offer (domain/organisation.py)
    offered: dict = field(default_factory=dict, compare=False, repr=False)
    handover: Handover = field(default_factory=Handover)  # 事務引継ぎ: notes for whoever takes the post over

    def answer(self, code: str) -> str:
        return next((a.text for a in self.answers if a.directive == code), "")

    def goals_pinned_to(self, code: str) -> list[Goal]:
        return [g for g in self.goals if code in g.directives]

    def goal(self, goal_id: int) -> Goal | None:
        return next((g for g in self.goals if g.id == goal_id), None)

    def goal_keys(self) -> dict[int, str]:
        """Goal id → its key, for the goals that have both."""
        return {g.id: g.key for g in self.goals if g.id is not None and g.key}

    def known_goal(self, goal_id: int) -> Goal:
        """The goal ``goal_id``, which the caller knows to be in the plan (LookupError if it is not)."""
        goal = self.goal(goal_id)
        if goal is None:
            raise LookupError(f"目標 {goal_id} はこの計画にありません")
        return goal

    def owner_section_names(self) -> list[str]:
        """Every 課 a goal names as its 担当課 (printed with the goal), once each, in goal order."""
        return list(dict.fromkeys(name for goal in self.goals for name in goal.owner_sections))


class _Stored(Protocol):
    @property
    def id(self) -> int | None: ...


class NotStored(LookupError):
    """A plan, goal or 部 was used where only a stored one (with its database id) can be: a program error."""


def stored_id(item: _Stored) -> int:
    """The database id of ``item``, which the caller knows to be stored (read from the database, or
    just written); raises NotStored rather than let a None id reach SQL or a lookup by id."""
    if item.id is None:
        raise NotStored(f"{type(item).__name__} is not stored yet: it has no id")
    return item.id


def removed_names(current: Iterable[str], names: Collection[str], renames: Mapping[str, str]) -> list[str]:
    """Of ``current`` (a 部 or 課 list), those an edit to ``names`` removes: the ones left out, and the
    ones whose name a renamed one takes. A renamed one is not removed: it goes on under its new name."""
    taken = set(renames.values())
    return [name for name in current if name not in renames and (name not in names or name in taken)]


def sections_leaving(current: Iterable[str], names: Collection[str], renames: Mapping[str, str]) -> set[str]:
    """Of the 課 ``current``, those an edit to ``names`` (``renames``: old → new) takes away from the
    goals' 担当課 as printed: the removed ones and the renamed ones."""
    current = list(current)
    return set(removed_names(current, names, renames)) | (set(renames) & set(current))


def printed_sections(plan: Plan) -> list[str]:
    """The 課 that a fixed plan's paper prints (its goals' 担当課), in goal order: while it stays fixed
    they can neither go nor be renamed. Empty when the plan is not fixed."""
    return plan.owner_section_names() if plan.lock is not None else []


def keep_printed_sections(plan: Plan, leaving: Collection[str]) -> None:
    """Refuse (SectionsOfFixedPlan) an edit of the 課 list that takes away a 課 the fixed plan prints;
    adding and reordering 課 change nothing printed and pass."""
    printed = sorted(set(printed_sections(plan)) & set(leaving))
    if plan.lock is not None and printed:
        raise SectionsOfFixedPlan(plan.lock.revision, printed)


def goal_blocks(order: Iterable[int], parent_of: Mapping[int, int | None]) -> list[list[int]]:
    """``order`` cut into blocks: each department goal followed by its section goals.

    The one rule that keeps 課 goals under their department goal. Department goals keep their
    relative order, and so do the section goals under each; section goals whose department goal
    is missing come last, a block for each missing one, rather than being lost.
    """
    order = list(order)
    children: dict[int, list[int]] = {}
    for goal_id in order:
        parent = parent_of.get(goal_id)
        if parent is not None:
            children.setdefault(parent, []).append(goal_id)
    blocks = [[goal_id, *children.pop(goal_id, [])] for goal_id in order if parent_of.get(goal_id) is None]
    return blocks + list(children.values())


def group_goal_order(order: list[int], parent_of: Mapping[int, int | None]) -> list[int]:
    """``order`` rearranged so that each department goal is followed by its section goals (goal_blocks)."""
    return [goal_id for block in goal_blocks(order, parent_of) for goal_id in block]


def block_end(goals: Sequence[Goal], department_goal: int) -> int:
    """The last goal of the stored ``goals`` in ``department_goal``'s block (goal_blocks): its last
    section goal in the stored order, or itself. A goal added after it keeps the block whole."""
    return next((stored_id(g) for g in reversed(goals) if g.parent == department_goal), department_goal)
