"""The one rule that numbers a plan's goals: the paper's order.

The interview works from the printed sheet, so the number people say aloud is the printed
No. Every place that shows a goal's number (the goal list, search results, status messages,
headings, the Word/PDF export, print and plan files) takes it from here.

The order: department goals sorted by the smallest directive code they are pinned to,
goals pinned to nothing last; each followed by its section goals (課の目標, numbered 2-1,
2-2 …), sorted the same way. Goals with the same smallest code keep the drafter's order
(their stored position): that order is what "move up/down" changes (see ``move_neighbour``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from functools import lru_cache
from operator import attrgetter, itemgetter
from typing import cast

from .codes import code_sort_key
from .models import Goal, Plan

UNPINNED = (10**9, 10**9)  # sorts after every directive code
_DIRECTIVES, _ID, _PARENT = attrgetter("directives"), attrgetter("id"), attrgetter("parent")
_NUMBER, _GOAL = itemgetter(0), itemgetter(1)


def order_key(goal: Goal) -> tuple[int, int]:
    """Where a goal stands among its siblings: its smallest directive code (unpinned last)."""
    return _codes_key(tuple(goal.directives))


@lru_cache(maxsize=4096)  # a plan's goals share a few hundred sets of pins: sorting 10,000 goals parses none twice
def _codes_key(codes: tuple[str, ...]) -> tuple[int, int]:
    return min(map(code_sort_key, codes), default=UNPINNED)


@lru_cache(maxsize=4096)
def _codes_rank(codes: tuple[str, ...]) -> int:
    """_codes_key as one int, in the same order (both numbers are below 2**30): ints sort faster than pairs."""
    section, item = _codes_key(codes)
    return section << 31 | item


def _families(plan: Plan) -> tuple[list[Goal], dict[int, list[Goal]]]:
    """Department goals and section goals by parent, each list in the stored order."""
    ids = {g.id for g in plan.goals}
    ids.discard(None)
    tops: list[Goal] = []
    children: dict[int, list[Goal]] = {}
    for goal in plan.goals:
        parent = goal.parent
        if parent is not None and parent in ids:
            children.setdefault(parent, []).append(goal)
        else:  # a section goal whose department goal is missing still gets a number
            tops.append(goal)
    return tops, children


def _by_code(goals: list[Goal]) -> list[Goal]:
    """``goals`` sorted by order_key. The sort is stable: goals with the same smallest code keep
    their stored position. Keys and sort run in C (the window renumbers 10,000 goals per edit)."""
    keys = list(map(_codes_rank, map(tuple, map(_DIRECTIVES, goals))))
    return list(map(goals.__getitem__, sorted(range(len(goals)), key=keys.__getitem__)))


def paper_order(plan: Plan) -> list[tuple[str, Goal]]:
    """(No., goal) in the order of the printed sheet: 1, 1-1, 1-2, 2, …"""
    tops, children = _families(plan)
    tops = _by_code(tops)
    if not children:  # no 課 goals: the numbers are 1, 2, 3 …
        return list(zip(map(str, range(1, len(tops) + 1)), tops))
    numbered = []
    for n, goal in enumerate(tops, start=1):
        number = str(n)
        numbered.append((number, goal))
        kids = children.get(goal.id) if goal.id is not None else None
        if kids:
            numbered += [(f"{number}-{m}", kid) for m, kid in enumerate(_by_code(kids), start=1)]
    return numbered


def paper_order_adding(numbered: list[tuple[str, Goal]], plan: Plan, added: Goal) -> list[tuple[str, Goal]]:
    """paper_order(plan), where ``plan`` is the plan that ``numbered`` (its paper_order) was made from,
    with the goal ``added`` put in and the others in the same stored order: the goal is placed by the
    same rule, and only the numbers after it are made again (a new 課 goal renumbers the 課 goals of
    its department goal, not the plan): a third of the time of sorting 10,000 goals again."""
    goals = plan.goals
    where: dict[int | None, int] = dict(zip(map(_ID, goals), range(len(goals))))  # the stored order breaks ties
    parents = set(map(_PARENT, goals))
    parents.discard(None)
    if None in where or added.id in parents or not parents <= where.keys():  # not stored, or 課 goals without
        return paper_order(plan)  # their department goal (numbered at the top level): placed in full

    def key(goal: Goal) -> tuple[int, int]:
        return _codes_rank(tuple(goal.directives)), where[goal.id]

    if added.parent is None:  # among the department goals, each followed by its 課 goals
        tops = [row for row in numbered if "-" not in row[0]] if parents else numbered
        at = bisect_left(tops, key(added), key=lambda row: key(row[1]))
        start = numbered.index(tops[at]) if at < len(tops) else len(numbered)
        return [*numbered[:start], *_renumbered([("", added), *numbered[start:]], at + 1, bool(parents))]
    head = next(i for i, (_number, goal) in enumerate(numbered) if goal.id == added.parent)
    end = next((i for i in range(head + 1, len(numbered)) if "-" not in numbered[i][0]), len(numbered))
    kids = [goal for _number, goal in numbered[head + 1:end]]
    kids.insert(bisect_left(kids, key(added), key=key), added)
    number = numbered[head][0]
    return [*numbered[:head + 1], *((f"{number}-{m}", kid) for m, kid in enumerate(kids, start=1)), *numbered[end:]]


def _renumbered(rows: list[tuple[str, Goal]], first: int, with_sections: bool) -> list[tuple[str, Goal]]:
    """``rows`` (department goals, each followed by its 課 goals) numbered again from ``first``: each
    department goal one more than the last, its 課 goals keeping their places under it."""
    if not with_sections:  # 1, 2, 3 … made in C
        return list(zip(map(str, range(first, first + len(rows))), map(_GOAL, rows)))
    renumbered = []
    n = first - 1
    for number, goal in rows:
        if "-" in number:
            renumbered.append((f"{n}-{number.partition('-')[2]}", goal))
        else:
            n += 1
            renumbered.append((str(n), goal))
    return renumbered


def numbers_of(numbered: list[tuple[str, Goal]]) -> dict[int, str]:
    """Goal id → its printed No., from paper_order's list (made in C; goals not stored have no number)."""
    numbers: dict[int | None, str] = dict(zip(map(_ID, map(_GOAL, numbered)), map(_NUMBER, numbered)))
    numbers.pop(None, None)
    return cast(dict[int, str], numbers)  # None is gone


def goal_numbers(plan: Plan) -> dict[int, str]:
    """Goal id → its printed No."""
    return numbers_of(paper_order(plan))


def number_of(numbers: Mapping[int, str], goal: Goal, default: str = "") -> str:
    """``goal``'s printed No. in ``numbers`` (goal_numbers), or ``default`` for a goal without one
    (not numbered, or not stored yet: a plan read from a file before it is stored)."""
    return default if goal.id is None else numbers.get(goal.id, default)


def siblings_in_order(plan: Plan, goal: Goal, ordered: list[tuple[str, Goal]] | None = None) -> list[Goal]:
    """The goals that share ``goal``'s parent, in paper order (``ordered``: paper_order(plan), if known)."""
    return [g for _number, g in (ordered or paper_order(plan)) if g.parent == goal.parent]


def move_neighbour(plan: Plan, goal_id: int, step: int, ordered: list[tuple[str, Goal]] | None = None) -> Goal | None:
    """The goal that "move up" (step -1) or "move down" (+1) swaps ``goal_id`` with, or None.

    Moving changes only the drafter's order among siblings with the same smallest directive
    code: a goal never jumps over a goal of another directive (its place there is fixed by
    the codes; pin it to another directive to move it there).
    """
    goals = list(map(_GOAL, ordered or paper_order(plan)))
    try:
        here = list(map(_ID, goals)).index(goal_id)  # found in C
    except ValueError:
        return None
    return neighbour_at(goals, here, step)


def neighbour_at(goals: Sequence[Goal], here: int, step: int) -> Goal | None:
    """move_neighbour of the goal at ``here`` in ``goals``, the plan's goals in paper order."""
    goal, there = goals[here], here + step
    while 0 <= there < len(goals) and goals[there].parent != goal.parent:  # over the 課 goals of a neighbour
        there += step
    if not 0 <= there < len(goals):
        return None
    neighbour = goals[there]
    return neighbour if order_key(neighbour) == order_key(goal) else None
