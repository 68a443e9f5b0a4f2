"""Search across the basic policies and the plans of every year, in Japanese.

An in-memory index of normalised strings: Japanese has no spaces to split words at, so a
query is matched as a substring (a 2-character query such as 防災 finds 防災意識) after both
sides are folded by ``normalize_for_search`` (full-/half-width, case). Several words
separated by spaces must all occur in the same directive or goal. A hit is one field (a goal's
スケジュール, a 部の方針) with how often the words occur in it and where each occurrence is.

The index is built once from the database (a few hundred small rows) and then kept up to
date one plan at a time: the window calls ``update_plan`` with the plan it edits, so a
search never reloads the whole database. For speed, all entries' folded texts are also
kept joined in one string: the longest word is found with ``str.find`` (C speed) and each
place found is mapped back to its entry. 10 years × 14 departments × 30 goals search in a
few milliseconds (tests/test_search.py measures it).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ..domain.models import GOAL_FIELD_LABELS, GOAL_TEXT_FIELDS, Plan, PolicyDocument
from ..domain.numbering import goal_numbers, number_of
from ..domain.text import normalize_for_search
from ..domain.wareki import fiscal_year_label

SNIPPET_BEFORE = 14
SNIPPET_AFTER = 40
DEFAULT_LIMIT = 200


@dataclass(frozen=True)
class SearchHit:
    """One field of a directive, answer or goal whose entry contains every word of the query."""

    kind: str  # "directive", "section", "answer" or "goal"
    fiscal_year: int
    department: str | None  # None for the basic policy
    code: str | None  # the directive's code (directive, answer)
    section_number: int | None  # for kind "section" (a procedural section's text)
    goal_id: int | None
    field: str  # what matched, in Japanese: 本文, 目標, 取組内容, 部の方針, …
    location: str  # e.g. 令和6年度 基本方針 1(2) / 令和6年度 政策部 目標2
    snippet: str  # a line of context around the first word found
    match: tuple[int, int]  # where that word is inside ``snippet``
    count: int = 1  # how often the query's words occur in the field
    marks: tuple[tuple[int, int], ...] = ()  # every occurrence inside ``snippet`` (the first is ``match``)
    words: tuple[str, ...] = ()  # the words as the field writes them (全角 or 半角), to mark in the field


@dataclass
class _Field:
    label: str
    text: str
    norm: str


@dataclass
class _Entry:
    kind: str
    fiscal_year: int
    department: str | None
    location: str
    fields: list[_Field]
    code: str | None = None
    section_number: int | None = None
    goal_id: int | None = None
    norm: str = field(init=False)

    def __post_init__(self):
        self.norm = "\n".join(f.norm for f in self.fields)


def _field(label: str, text: str) -> _Field:
    return _Field(label, text, normalize_for_search(text))


def _original_span(text: str, norm_start: int, norm_length: int) -> tuple[int, int]:
    """Where a match found in normalize(text) lies in ``text`` itself (NFKC changes lengths)."""

    def first_prefix_reaching(n: int) -> int:
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi) // 2
            if len(normalize_for_search(text[:mid])) >= n:
                hi = mid
            else:
                lo = mid + 1
        return lo

    if len(normalize_for_search(text)) == len(text):  # the usual case: folding kept every position
        return norm_start, norm_start + norm_length
    start = first_prefix_reaching(norm_start + 1) - 1
    end = first_prefix_reaching(norm_start + norm_length)
    return max(0, start), max(start + 1, end)


def _snippet(text: str, spans: list[tuple[int, int]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A line of ``text`` around the first span, and the spans that fall inside it, as placed in it."""
    flat = text.replace("\n", " ")
    start, end = spans[0]
    left = max(0, start - SNIPPET_BEFORE)
    right = min(len(flat), end + SNIPPET_AFTER)
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(flat) else ""
    offset = len(prefix) - left
    inside = tuple((a + offset, b + offset) for a, b in spans if left <= a and b <= right)
    return prefix + flat[left:right] + suffix, inside


def _occurrences(norm: str, words: list[str]) -> list[tuple[int, int]]:
    """Every place (in ``norm``) of every word, in order; a place inside a longer word's is not counted twice."""
    found = []
    for word in words:
        position = norm.find(word)
        while position >= 0:
            found.append((position, position + len(word)))
            position = norm.find(word, position + len(word))
    found.sort(key=lambda span: (span[0], -span[1]))
    kept: list[tuple[int, int]] = []
    for span in found:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def split_query(query: str) -> list[str]:
    """The words of a query, folded; spaces (either width) separate words."""
    return [w for w in re.split(r"\s+", normalize_for_search(query or "")) if w]


class SearchIndex:
    """Directives of every basic policy and answers and goals of every plan, searchable."""

    def __init__(self, session=None):
        self.session = session
        self._policies: dict[int, list[_Entry]] = {}
        self._plans: dict[tuple[int, str], list[_Entry]] = {}
        self._stale: dict[tuple[int, str], Plan] = {}  # changed plans, indexed at the next search
        self._built = session is None
        self._joined: tuple[list[_Entry], list[int], str] | None = None  # entries, start offsets, text

    # --- building --------------------------------------------------------------------

    def ensure_built(self) -> None:
        """Read every policy and plan from the session once (later changes come through update_plan)."""
        if self._built:
            return
        for year in self.session.fiscal_years():
            self.add_policy(self.session.policy(year))
        for year, department, _plan_id in self.session.plan_keys():
            key = (year, department)
            if key not in self._plans and key not in self._stale:  # a plan handed over is newer than the database
                plan = self.session.load_plan(year, department)
                if plan is not None:
                    self._index_plan(plan)
        self._built = True

    def invalidate(self) -> None:
        """Forget everything (e.g. after importing plans): the next search rebuilds."""
        self._policies.clear()
        self._plans.clear()
        self._stale.clear()
        self._built = self.session is None
        self._joined = None

    def add_policy(self, policy: PolicyDocument) -> None:
        year_label = fiscal_year_label(policy.fiscal_year)
        entries = []
        for section in policy.sections:
            if section.is_procedural:
                entries.append(_Entry("section", policy.fiscal_year, None,
                                      f"{year_label} 基本方針 {section.number}",
                                      [_field("見出し", section.title), _field("本文", section.body.text)],
                                      section_number=section.number))
            for directive in section.directives:
                entries.append(_Entry("directive", policy.fiscal_year, None,
                                      f"{year_label} 基本方針 {directive.code}",
                                      [_field("本文", directive.text)], code=directive.code,
                                      section_number=section.number))
        self._policies[policy.fiscal_year] = entries
        self._joined = None

    def update_plan(self, plan: Plan) -> None:
        """The plan changed: it is indexed again at the next search (so that typing stays cheap)."""
        self._stale[(plan.fiscal_year, plan.department)] = plan
        self._joined = None

    def _index_stale(self) -> None:
        for plan in self._stale.values():
            self._index_plan(plan)
        self._stale.clear()

    def _index_plan(self, plan: Plan) -> None:
        year_label = fiscal_year_label(plan.fiscal_year)
        entries = []
        for answer in plan.answers:
            if answer.text.strip():
                entries.append(_Entry("answer", plan.fiscal_year, plan.department,
                                      f"{year_label} {plan.department} 部の方針 {answer.directive}",
                                      [_field("部の方針", answer.text)], code=answer.directive))
        numbers = goal_numbers(plan)
        for goal in plan.goals:
            fields = [_field(GOAL_FIELD_LABELS[name], getattr(goal, name)) for name in GOAL_TEXT_FIELDS]
            if goal.owner_sections:
                fields.append(_field(GOAL_FIELD_LABELS["owner_sections"], "、".join(goal.owner_sections)))
            entries.append(_Entry("goal", plan.fiscal_year, plan.department,
                                  f"{year_label} {plan.department} 目標{number_of(numbers, goal)}",
                                  fields, goal_id=goal.id))
        self._plans[(plan.fiscal_year, plan.department)] = entries
        self._joined = None

    # --- searching ---------------------------------------------------------------------

    def _entries(self):
        for year in sorted(self._policies, reverse=True):
            yield from self._policies[year]
        for key in sorted(self._plans, key=lambda k: -k[0]):
            yield from self._plans[key]

    def _joined_entries(self) -> tuple[list[_Entry], list[int], str]:
        if self._joined is None:
            entries = list(self._entries())
            offsets, position = [], 0
            for entry in entries:
                offsets.append(position)
                position += len(entry.norm) + 1
            self._joined = (entries, offsets, "\x00".join(e.norm for e in entries))
        return self._joined

    def search(self, query: str, limit: int = DEFAULT_LIMIT) -> tuple[list[SearchHit], bool]:
        """Hits (newest year first, policy before plans), at most ``limit``, and whether there were
        more: the search stops there (a word found in thousands of fields wants another word, not a count)."""
        words = split_query(query)
        if not words:
            return [], False
        self.ensure_built()
        self._index_stale()
        entries, offsets, joined = self._joined_entries()
        key = max(words, key=len)  # the rarest word, most likely
        others = [w for w in words if w != key]
        hits: list[SearchHit] = []
        position = joined.find(key)
        while position >= 0:
            index = bisect_right(offsets, position) - 1
            entry = entries[index]
            if all(w in entry.norm for w in others):
                found = self._hits(entry, words)
                if len(hits) + len(found) > limit:
                    return hits + found[:limit - len(hits)], True
                hits += found
            following = offsets[index + 1] if index + 1 < len(offsets) else len(joined)
            position = joined.find(key, following)
        return hits, False

    @staticmethod
    def _hits(entry: _Entry, words: list[str]) -> list[SearchHit]:
        """One hit per field of ``entry`` that holds a word of the query."""
        hits = []
        for f in entry.fields:
            places = _occurrences(f.norm, words)
            if not places:
                continue
            spans = [_original_span(f.text, start, end - start) for start, end in places]
            snippet, marks = _snippet(f.text, spans)
            written = tuple(dict.fromkeys(f.text[start:end] for start, end in spans))
            hits.append(SearchHit(entry.kind, entry.fiscal_year, entry.department, entry.code, entry.section_number,
                                  entry.goal_id, f.label, entry.location, snippet, marks[0], len(spans), marks, written))
        return hits
