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

from collections.abc import Mapping
from functools import lru_cache
from operator import attrgetter, itemgetter

from .codes import code_sort_key
from .models import Goal, Plan

UNPINNED = (10**9, 10**9)  # sorts after every directive code


def order_key(goal: Goal) -> tuple[int, int]:
    """Where a goal stands among its siblings: its smallest directive code (unpinned last)."""
    return _codes_key(tuple(goal.directives))


@lru_cache(maxsize=4096)  # a plan's goals share a few hundred sets of pins: sorting 10,000 goals parses none twice
def _codes_key(codes: tuple[str, ...]) -> tuple[int, int]:
    return min(map(code_sort_key, codes), default=UNPINNED)


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


def paper_order(plan: Plan) -> list[tuple[str, Goal]]:
    """(No., goal) in the order of the printed sheet: 1, 1-1, 1-2, 2, …"""
    tops, children = _families(plan)
    # Python's sort is stable: goals with the same smallest code keep their stored position.
    tops.sort(key=order_key)
    numbered = []
    for n, goal in enumerate(tops, start=1):
        number = str(n)
        numbered.append((number, goal))
        kids = children.get(goal.id) if goal.id is not None else None
        if kids:
            kids.sort(key=order_key)
            numbered += [(f"{number}-{m}", kid) for m, kid in enumerate(kids, start=1)]
    return numbered


def goal_numbers(plan: Plan) -> dict[int, str]:
    """Goal id → its printed No."""
    return {goal.id: number for number, goal in paper_order(plan) if goal.id is not None}


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
    goals = list(map(itemgetter(1), ordered or paper_order(plan)))
    try:
        here = list(map(attrgetter("id"), goals)).index(goal_id)  # found in C: the window asks at every goal shown
    except ValueError:
        return None
    goal, there = goals[here], here + step
    while 0 <= there < len(goals) and goals[there].parent != goal.parent:  # over the 課 goals of a neighbour
        there += step
    if not 0 <= there < len(goals):
        return None
    neighbour = goals[there]
    return neighbour if order_key(neighbour) == order_key(goal) else None
