"""Search across the basic policies and the plans of every year, in Japanese.

An in-memory index of normalised strings: Japanese has no spaces to split words at, so a
query is matched as a substring (a 2-character query such as 防災 finds 防災意識) after both
sides are folded by ``normalize_for_search`` (full-/half-width, case). Several words
separated by spaces must all occur in the same directive or goal. A hit is one field (a goal's
スケジュール, a 部の方針) with how often the words occur in it and where each occurrence is.

The index is built once from the database and then kept up to date one plan at a time: the
window calls ``update_plan`` with the plan it edits, so a search never reloads the whole
database. The window builds it ahead, on a thread of its own right after it appears
(``build_ahead``: at 10,000 goals the reading takes about half a second), so that the first
search does not wait for it; a search that comes earlier waits for the rest. For speed, all entries' folded texts are also
kept joined in one string: the longest word is found with ``str.find`` (C speed) and each
place found is mapped back to its entry. 10 years × 14 departments × 30 goals search in a
few milliseconds (tests/test_search.py measures it).
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from dataclasses import dataclass, field

from ..domain.goal_fields import GOAL_FIELDS
from ..domain.models import GOAL_FIELD_LABELS, Plan, PolicyDocument
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
    """One searched text of an entry, as shown and as normalised for matching."""

    label: str
    text: str
    norm: str


@dataclass
class _Entry:
    """One thing search can find: a directive, a 部の方針 or a goal, with its searched texts."""

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


def _policy_entries(policy: PolicyDocument) -> list[_Entry]:
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
    return entries


def _plan_entries(plan: Plan) -> list[_Entry]:
    year_label = fiscal_year_label(plan.fiscal_year)
    entries = []
    for answer in plan.answers:
        if answer.text.strip():
            entries.append(_Entry("answer", plan.fiscal_year, plan.department,
                                  f"{year_label} {plan.department} 部の方針 {answer.directive}",
                                  [_field("部の方針", answer.text)], code=answer.directive))
    numbers = goal_numbers(plan)
    for goal in plan.goals:
        fields = [_field(spec.label, goal.text(spec.key)) for spec in GOAL_FIELDS if spec.searched]
        if goal.owner_sections:
            fields.append(_field(GOAL_FIELD_LABELS["owner_sections"], "、".join(goal.owner_sections)))
        entries.append(_Entry("goal", plan.fiscal_year, plan.department,
                              f"{year_label} {plan.department} 目標{number_of(numbers, goal)}",
                              fields, goal_id=goal.id))
    return entries


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
        self._lock = threading.Lock()  # held briefly: a build ahead merges its entries under it
        self._ready = threading.Event()  # cleared while a build ahead reads
        self._ready.set()
        self._generation = 0  # raised by invalidate: a build ahead begun before it is dropped

    # --- building --------------------------------------------------------------------

    def ensure_built(self) -> None:
        """Read every policy and plan from the session once (later changes come through update_plan);
        if a build ahead is reading them, wait for it instead."""
        self._ready.wait()
        if not self._built:
            self._merge(self._generation, *self._read_everything(self.session))

    def build_ahead(self) -> None:
        """Build the index now, on the calling thread (not the window's), through a session of its
        own: a SQLite connection serves one thread at a time. A search meanwhile waits for it; if
        reading fails, the first search reads again (and says what went wrong)."""
        with self._lock:
            if self._built or not self._ready.is_set():
                return
            self._ready.clear()
            generation = self._generation
        try:
            reader = self.session.reader()
            try:
                self._merge(generation, *self._read_everything(reader))
            finally:
                reader.close()
            with self._lock:
                if self._built and not self._stale:
                    self._joined_entries()
        except Exception:  # noqa: BLE001 (the search that needs the index reads it again, and says why)
            pass
        finally:
            self._ready.set()

    def _read_everything(self, session) -> tuple[dict[int, list[_Entry]], dict[tuple[int, str], list[_Entry]]]:
        policies = {year: _policy_entries(session.policy(year)) for year in session.fiscal_years()}
        plans = {}
        for year, department, _plan_id in session.plan_keys():
            plan = session.load_plan(year, department)
            if plan is not None:
                plans[(year, department)] = _plan_entries(plan)
        return policies, plans

    def _merge(self, generation: int, policies: dict[int, list[_Entry]],
               plans: dict[tuple[int, str], list[_Entry]]) -> None:
        """Take what was read, unless the index was invalidated since; a plan handed over meanwhile
        (update_plan) is newer than what the database held."""
        with self._lock:
            if generation != self._generation:
                return
            for year, entries in policies.items():
                self._policies.setdefault(year, entries)
            for key, entries in plans.items():
                if key not in self._plans and key not in self._stale:
                    self._plans[key] = entries
            self._built = True
            self._joined = None

    def invalidate(self) -> None:
        """Forget everything (e.g. after importing plans): the next search rebuilds."""
        with self._lock:
            self._generation += 1
            self._policies.clear()
            self._plans.clear()
            self._stale.clear()
            self._built = self.session is None
            self._joined = None

    def update_plan(self, plan: Plan) -> None:
        """The plan changed: it is indexed again at the next search (so that typing stays cheap)."""
        with self._lock:
            self._stale[(plan.fiscal_year, plan.department)] = plan
            self._joined = None

    def _index_stale(self) -> None:
        with self._lock:
            for plan in self._stale.values():
                self._plans[(plan.fiscal_year, plan.department)] = _plan_entries(plan)
                self._joined = None
            self._stale.clear()

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
        with self._lock:
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
