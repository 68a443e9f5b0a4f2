"""Goals named by key in a plan file (version 4): ``goals[].key``, and the references to a goal
(also on the command line: ``named_goal``).

    goals[i].key: "g3f9a1c20b7"  (any text up to 64 characters; written by the app, kept by hand)
    instructions[].goal, lineage.fates[].successor: a goal's key, or its printed number
        ("No.3", "3", "2-1", 3), or null
    lineage.fates[].goal: last year's goal's key (or its printed number on last year's paper)

Version 3 and earlier named a goal by its place in ``goals`` (0 from the first) and last
year's goal by its id in the sending data folder; those files are read as before
(``IndexRefs``). A key is the goal's wherever it goes: it is carried over into next year's
plan with the goal, so last year's goal is found again on any PC that holds last year's plan.
"""

from __future__ import annotations

import json
import re
import unicodedata

from ..domain.models import Goal, Plan
from ..domain.numbering import goal_numbers
from .input_files import is_blank

KEY = "key"
KEY_LIMIT = 64
FIRST_VERSION = 4  # the plan-file version that carries keys
_PRINTED = re.compile(r"(?:NO\.?|№)?\s*([0-9]+(?:-[0-9]+)?)")


def key_field(goal: Goal) -> dict:
    return {KEY: goal.key or None}


def read_key(value, where: str, seen: set[str], check) -> str:
    """A goal's key as the file writes it; "" when left out (the goal gets a new one when stored)."""
    if is_blank(value):
        return ""
    if not isinstance(value, str):
        check.fail(where, "目標のキーは文字列で書いてください（例: \"g3f9a1c20b7\"）")
        return ""
    key = check.text(value, where, limit=KEY_LIMIT).strip()
    if key in seen:  # a goal copied by hand with its key: the copy is another goal
        check.warnings.append(f"目標のキー「{key}」が2つの目標にあったため、後の目標には新しいキーを付けました（場所: {where}）")
        return ""
    seen.add(key)
    return key


def printed_number(value) -> str | None:
    """"No.3", "ＮＯ．３", " 2-1 ", 3 → "3", "2-1"; None when ``value`` is not written as a printed number."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        return None
    text = unicodedata.normalize("NFKC", value).strip().upper().replace("ー", "-").replace("−", "-")
    match = _PRINTED.fullmatch(text)
    return match.group(1) if match else None


class GoalRefs:
    """Finds a goal of a file's plan by its key or its printed number (version 4)."""

    def __init__(self, plan: Plan):
        self.keys = {goal.key: goal.id for goal in plan.goals if goal.key}
        self.numbers = {number: goal_id for goal_id, number in goal_numbers(plan).items()}

    def find(self, value, where: str, what: str, check) -> int | None:
        """The local id of the goal ``value`` names; None for null (or a problem, named in ``check``)."""
        if is_blank(value):
            return None
        if isinstance(value, str) and value.strip() in self.keys:
            return self.keys[value.strip()]
        number = printed_number(value)
        if number is not None and number in self.numbers:
            return self.numbers[number]
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        check.fail(where, f"{what.removesuffix('の番号')}「{shown[:40]}」はこの計画にありません。目標のキー（goals の key）か、"
                          "印刷の番号（No.3、2-1 など）で書いてください")
        return None


class IndexRefs:
    """Version 3 and earlier: a goal by its place in ``goals`` (0 from the first)."""

    def __init__(self, goal_count: int):
        self.goal_count = goal_count

    def find(self, value, where: str, what: str, check) -> int | None:
        index = check.number(value, where, what)
        if index is None:
            return None
        if not 0 <= index < self.goal_count:
            check.fail(where, f"{what}（0〜{self.goal_count - 1}）か null にしてください" if self.goal_count
                       else "この計画には目標がないため、null にしてください")
            return None
        return index + 1


def goal_refs(plan: Plan, version: int) -> GoalRefs | IndexRefs:
    return GoalRefs(plan) if version >= FIRST_VERSION else IndexRefs(len(plan.goals))


def named_goal(plan: Plan, written: str) -> Goal:
    """The goal of ``plan`` that a person names by its printed number (No.3, 2-1) or its key;
    LookupError listing the numbers there are when none is."""
    found = GoalRefs(plan)
    text = written.strip()
    goal_id = found.keys.get(text)
    if goal_id is None and (number := printed_number(text)) is not None:
        goal_id = found.numbers.get(number)
    goal = plan.goal(goal_id) if goal_id is not None else None
    if goal is None:
        numbers = "、".join(f"No.{number}" for number in list(found.numbers)[:30]) or "目標がありません"
        raise LookupError(f"目標「{written}」はこの計画にありません（この計画の目標: {numbers}）")
    return goal
