"""The directive × department matrix (全庁の対応状況): which department answers which directive.

One row per numbered directive of the year's basic policy, one column per department in
the order of the year's list. A cell holds the number of the department's goals pinned to
the directive (a goal pinned to two directives counts in both rows) and whether the
department wrote a 【部の方針】 for it. A directive no department answers or pins is
"unaddressed": the planning office asks about it before the interviews.

The same rule for one department's plan: a directive is covered when the department wrote a
【部の方針】 for it or pinned a goal to it (``uncovered_directives``); a goal pinned to no
directive is unpinned (``unpinned_goals``). Both lists come in the order of the paper.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from itertools import chain, compress
from operator import attrgetter, itemgetter, not_
from typing import NamedTuple

from .models import Goal, Plan, PolicyDocument
from .numbering import paper_order

_DIRECTIVES = attrgetter("directives")

SHORT_TEXT_CHARS = 40


class MatrixCell(NamedTuple):
    """One department's answer to one directive in the coverage matrix."""

    goals: int = 0  # goals pinned to the directive
    answered: bool = False  # a 【部の方針】 text exists

    @property
    def addressed(self) -> bool:
        return self.goals > 0 or self.answered


class MatrixRow(NamedTuple):
    """One directive's row of the coverage matrix."""

    code: str
    short_text: str
    cells: tuple[MatrixCell, ...]  # one per department, in the matrix's department order

    @property
    def goals(self) -> int:
        return sum(cell.goals for cell in self.cells)

    @property
    def departments_addressing(self) -> int:
        return sum(cell.addressed for cell in self.cells)

    @property
    def addressed(self) -> bool:
        return self.departments_addressing > 0


class CoverageMatrix(NamedTuple):
    """Which department answers which directive, for a fiscal year (一覧表)."""

    fiscal_year: int
    departments: tuple[str, ...]
    submitted: tuple[bool, ...]  # has the department a plan at all
    rows: tuple[MatrixRow, ...]

    def column_goals(self, index: int) -> int:
        return sum(row.cells[index].goals for row in self.rows)

    def column_answers(self, index: int) -> int:
        return sum(row.cells[index].answered for row in self.rows)

    @property
    def goals(self) -> int:
        return sum(row.goals for row in self.rows)

    @property
    def unaddressed(self) -> tuple[MatrixRow, ...]:
        return tuple(row for row in self.rows if not row.addressed)


def short_text(text: str, limit: int = SHORT_TEXT_CHARS) -> str:
    """The directive's first sentence, cut to ``limit`` characters with 「…」."""
    flat = "".join(text.split())  # the mayor's paragraphs and the OCR's line breaks both go
    first = flat.split("。", 1)[0]
    return first if len(first) <= limit else first[:limit - 1] + "…"


def build_matrix(policy: PolicyDocument, departments: list[str], plans: dict[str, Plan]) -> CoverageMatrix:
    """The matrix of the year: ``plans`` maps a department name to its plan (missing: not submitted)."""
    pins: dict[str, Mapping[str, int]] = {name: pin_counts(plan) for name, plan in plans.items()}
    answers = {name: _answered(plan) for name, plan in plans.items()}
    rows = tuple(
        MatrixRow(d.code, short_text(d.text), tuple(
            MatrixCell(pins.get(name, {}).get(d.code, 0), d.code in answers.get(name, set()))
            for name in departments))
        for d in policy.directives)
    return CoverageMatrix(policy.fiscal_year, tuple(departments), tuple(name in plans for name in departments), rows)


def pin_counts(plan: Plan) -> Counter[str]:
    """Directive code → how many of the plan's goals are pinned to it (codes with none are missing)."""
    return Counter(chain.from_iterable(map(dict.fromkeys, map(_DIRECTIVES, plan.goals))))  # in C: 10,000 goals


def _answered(plan: Plan) -> set[str]:
    """The codes the plan wrote a 【部の方針】 for (blank text is none)."""
    return {a.directive for a in plan.answers if a.text.strip()}


def uncovered_directives(policy: PolicyDocument, plan: Plan, pinned: Mapping[str, int] | None = None) -> list[str]:
    """The codes with neither a 【部の方針】 nor a pinned goal, in the basic policy's order (procedural
    sections have no codes). ``pinned``: pin_counts(plan), if known."""
    pinned, answered = pin_counts(plan) if pinned is None else pinned, _answered(plan)
    return [d.code for d in policy.directives if d.code not in pinned and d.code not in answered]


def unpinned_goals(plan: Plan, numbered: list[tuple[str, Goal]] | None = None) -> list[Goal]:
    """The goals pinned to no directive, in paper order (``numbered``: paper_order(plan), if known)."""
    goals = list(map(itemgetter(1), numbered if numbered is not None else paper_order(plan)))
    return list(compress(goals, map(not_, map(_DIRECTIVES, goals))))  # in C: 10,000 goals


class CoverageSummary(NamedTuple):
    """One department's answer to the year's directives, in the words a 部長 reads at a glance."""

    directives: int
    answer_only: int  # a 【部の方針】 but no goal pinned
    with_goals: int  # at least one goal pinned (with or without a 【部の方針】)

    @property
    def addressed(self) -> int:
        return self.answer_only + self.with_goals

    def text(self) -> str:
        """「21項目中14項目に対応（方針のみ2、目標あり12）」"""
        return f"{self.directives}項目中{self.addressed}項目に対応（方針のみ{self.answer_only}、目標あり{self.with_goals}）"


def coverage_summary(policy: PolicyDocument, plan: Plan, pinned: Mapping[str, int] | None = None) -> CoverageSummary:
    """``pinned``: pin_counts(plan), if known."""
    pinned, answered = pin_counts(plan) if pinned is None else pinned, _answered(plan)
    codes = [d.code for d in policy.directives]
    with_goals = sum(1 for code in codes if pinned.get(code))
    answer_only = sum(1 for code in codes if not pinned.get(code) and code in answered)
    return CoverageSummary(len(codes), answer_only, with_goals)
