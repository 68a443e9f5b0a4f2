"""What changed between two versions of a department's plan: last year's and this year's
(through the goals' lineage and the directive mapping), or two 版 of one plan (by goal id).

The comparison is plain data: the export writes it as revision marks, the window shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .codes import code_sort_key
from .goal_lineage import CARRIED, MERGED
from .models import GOAL_FIELD_LABELS, GOAL_TEXT_FIELDS, Goal, Plan, stored_id
from .textdiff import Run, changed, diff_runs
from .wareki import fiscal_year_label

ADDED = "added"
DROPPED = "dropped"
CARRIED_GOAL = "carried"

KEPT, RENUMBERED, PINNED, UNPINNED = "kept", "renumbered", "pinned", "unpinned"
REUSED_ID_RATIO = 0.4  # below, with another title too: a reused id, not the same goal rewritten between two 版


@dataclass(frozen=True)
class FieldChange:
    name: str  # a GOAL_TEXT_FIELDS name
    runs: list[Run]

    @property
    def label(self) -> str:
        return GOAL_FIELD_LABELS[self.name]

    @property
    def changed(self) -> bool:
        return changed(self.runs)


@dataclass(frozen=True)
class PinChange:
    old: str | None  # last version's code
    new: str | None  # this version's code
    kind: str  # KEPT, RENUMBERED (the same directive under a new number), PINNED, UNPINNED


@dataclass
class GoalComparison:
    status: str  # ADDED, DROPPED or CARRIED_GOAL
    old: Goal | None
    new: Goal | None
    direction: str = ""  # 方向性 (comparisons between years)
    fields: list[FieldChange] = field(default_factory=list)
    pins: list[PinChange] = field(default_factory=list)
    merged_into: Goal | None = None  # a dropped goal 統合 into this one of the new version

    @property
    def goal(self) -> Goal:
        """The goal compared: this version's, or last version's for a goal dropped."""
        goal = self.new or self.old
        if goal is None:
            raise ValueError("a goal comparison without a goal")
        return goal

    @property
    def changed(self) -> bool:
        return (self.status != CARRIED_GOAL or any(f.changed for f in self.fields)
                or any(p.kind != KEPT for p in self.pins))


@dataclass(frozen=True)
class AnswerComparison:
    directive: str  # this version's code; last version's when the directive was dropped
    old_codes: tuple[str, ...]
    runs: list[Run]


@dataclass
class Comparison:
    old: Plan
    new: Plan
    goals: list[GoalComparison]
    answers: list[AnswerComparison]
    old_name: str = "前年度"  # what the reader calls the older version: 前年度, 令和5年度, 第1版


def year_name(old: Plan, new: Plan) -> str:
    """「前年度」 for last year's plan, the year itself for an earlier one (a plan skipped a year)."""
    return "前年度" if old.fiscal_year == new.fiscal_year - 1 else fiscal_year_label(old.fiscal_year)


def between_years(old: Plan, new: Plan, codes: dict[str, list[str]]) -> Comparison:
    """Last year's plan against this year's: goals matched through ``new.lineage`` (or, for a
    plan not carried over in the app, by the same title), pins and answers through ``codes``
    (last year's code → this year's codes continuing it)."""
    if not new.lineage:
        return _compare(old, new, _same_titles(old, new), {}, {}, codes, year_name(old, new))
    successors: dict[int, int] = {}
    directions: dict[int, str] = {}
    merged: dict[int, int] = {}
    for fate in new.lineage.fates:
        directions[fate.goal] = fate.direction
        if fate.successor is not None and fate.direction in CARRIED:
            successors[fate.goal] = fate.successor
        elif fate.successor is not None and fate.direction == MERGED:
            merged[fate.goal] = fate.successor
    return _compare(old, new, successors, directions, merged, codes, year_name(old, new))


def _same_titles(old: Plan, new: Plan) -> dict[int, int]:
    unused: dict[str, list[int]] = {}
    for goal in new.goals:
        unused.setdefault(goal.title.strip(), []).append(stored_id(goal))
    return {stored_id(goal): unused[goal.title.strip()].pop(0) for goal in old.goals if unused.get(goal.title.strip())}


def between_versions(old: Plan, new: Plan) -> Comparison:
    """Two 版 of one plan: a goal is the goal with the same key (on every PC: a 版 may come in a plan file),
    however much its text changed between the 版; a 版 kept before goals had keys goes by the goal's id
    (texts are compared only between years); the same directive keeps its code.

    The one exception, by id: the database may give a deleted goal's id to the next goal added, and that
    goal shares neither the title nor the texts of the one deleted: a goal dropped and another added.
    """
    by_key = {goal.key: goal for goal in new.goals if goal.key}
    successors = {stored_id(g): stored_id(after) for g in old.goals if (after := _same_goal(g, new, by_key)) is not None}
    codes = {code: [code] for goal in old.goals + new.goals for code in goal.directives}
    codes.update({answer.directive: [answer.directive] for answer in old.answers + new.answers})
    return _compare(old, new, successors, {}, {}, codes, f"第{old.revision}版")


def _same_goal(goal: Goal, new: Plan, by_key: dict[str, Goal]) -> Goal | None:
    if goal.key and goal.key in by_key:
        return by_key[goal.key]
    after = new.goal(stored_id(goal))
    if after is None or (goal.key and after.key):  # both have keys, and not the same one
        return None
    return None if _id_reused(goal, after) else after


def _id_reused(old: Goal, new: Goal) -> bool:
    if _unspaced(old.title) == _unspaced(new.title):
        return False  # the same goal, whatever else was rewritten
    texts = ["\n".join(text for name in GOAL_TEXT_FIELDS if (text := goal.text(name).strip()))
             for goal in (old, new)]
    if not texts[0].strip() or not texts[1].strip():
        return False  # an empty goal (just added, or just cleared) stays itself
    old_text, new_text = texts
    return SequenceMatcher(None, old_text, new_text, autojunk=False).ratio() < REUSED_ID_RATIO


def _unspaced(text: str) -> str:
    return "".join(text.split())


def _compare(old: Plan, new: Plan, successors: dict[int, int], directions: dict[int, str],
             merged: dict[int, int], codes: dict[str, list[str]], old_name: str) -> Comparison:
    goals: list[GoalComparison] = []
    predecessor = {new_id: old_id for old_id, new_id in successors.items()}
    for goal in new.goals:
        old_id = predecessor.get(stored_id(goal))
        before = None if old_id is None else old.goal(old_id)
        if old_id is not None and before is not None:
            goals.append(GoalComparison(CARRIED_GOAL, before, goal, directions.get(old_id, ""),
                                        _fields(before, goal), _pins(before.directives, goal.directives, codes)))
        else:
            goals.append(GoalComparison(ADDED, None, goal, "新規" if directions else "",
                                        _fields(Goal(), goal), _pins([], goal.directives, codes)))
    for goal in old.goals:
        if (old_id := stored_id(goal)) not in successors:
            merged_into = new.goal(merged[old_id]) if old_id in merged else None
            goals.append(GoalComparison(DROPPED, goal, None, directions.get(old_id, ""), _fields(goal, Goal()),
                                        _pins(goal.directives, [], codes), merged_into=merged_into))
    return Comparison(old, new, goals, _answers(old, new, codes), old_name)


def _fields(old: Goal, new: Goal) -> list[FieldChange]:
    return [FieldChange(name, diff_runs(old.text(name), new.text(name))) for name in GOAL_TEXT_FIELDS
            if old.text(name) or new.text(name)]


def _pins(old: list[str], new: list[str], codes: dict[str, list[str]]) -> list[PinChange]:
    changes: list[PinChange] = []
    matched: set[str] = set()
    for code in old:
        continued = [c for c in codes.get(code, []) if c in new and c not in matched]
        if continued:
            matched.add(continued[0])
            changes.append(PinChange(code, continued[0], KEPT if continued[0] == code else RENUMBERED))
        else:
            changes.append(PinChange(code, None, UNPINNED))
    changes += [PinChange(None, code, PINNED) for code in new if code not in matched]
    return changes


def _answers(old: Plan, new: Plan, codes: dict[str, list[str]]) -> list[AnswerComparison]:
    before: dict[str, list[tuple[str, str]]] = {}
    dropped = []
    for answer in old.answers:
        if not answer.text.strip():
            continue
        targets = codes.get(answer.directive, [])
        for code in targets:
            before.setdefault(code, []).append((answer.directive, answer.text))
        if not targets:
            dropped.append(AnswerComparison(answer.directive, (answer.directive,), diff_runs(answer.text, "")))
    result = []
    for answer in new.answers:
        parts = before.pop(answer.directive, [])
        old_text = "\n".join(text for _, text in parts)
        if answer.text.strip() or old_text:
            result.append(AnswerComparison(answer.directive, tuple(code for code, _ in parts),
                                           diff_runs(old_text, answer.text)))
    for code, parts in before.items():  # answered last time, empty now
        result.append(AnswerComparison(code, tuple(c for c, _ in parts), diff_runs("\n".join(t for _, t in parts), "")))
    return sorted(result + dropped, key=lambda a: code_sort_key(a.directive))
