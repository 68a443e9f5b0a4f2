"""The carry-over's lineage in a plan file (version 3): what became of last year's goals.

    "lineage": null | {"from_year": 2024,
                       "fates": [{"goal": "g3f9a1c20b7", "title": "…", "direction": "廃止", "successor": null},
                                 {"goal": "g81c0d2e4a9", "title": "…", "direction": "統合", "successor": "g0a7…"}]}

Version 4 names goals by key (plan_file_keys.py): ``goal`` is last year's goal's key (a person
may write its printed number on last year's paper, "No.3", or null to go by the title), and
``successor`` this year's goal's key or printed number. Version 3 wrote last year's goal id in
the sending data folder and the successor's place in ``goals``. Without the lineage a plan sent
as a file lost every 方向性: the 方向性 column printed blank and the redline called every
廃止・完了・統合 goal 【削除】.

Last year's goals are found again in the receiving data folder (``_matches``): by key, by the
printed number a person wrote, by id and title, by a title only one goal has (width and blanks
set aside), or by place when the titles that did match prove the order is the same and this
year's copy of the goal still shares its text. A wrong link would print a wrong 方向性, so a fate
whose goal cannot be told for sure is left out (the redline then shows that goal as it would
without a carry-over) and the import says so; with no plan of that year there, the lineage is left out.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from ..domain.goal_lineage import CARRIED, DIRECTIONS, GoalFate, GoalLineage
from ..domain.models import Goal, Plan, stored_id
from ..domain.numbering import goal_numbers
from ..domain.text import first_line
from ..domain.wareki import fiscal_year_label
from .input_files import is_blank
from .plan_file_keys import FIRST_VERSION, printed_number

FIELD = "lineage"
PLACE = "前年度からの引き継ぎ（方向性）"
MAX_FATES = 10_000


def lineage_field(plan: Plan, refer: dict[int, str]) -> dict:
    """``{"lineage": …}`` of the plan; ``refer`` maps goal ids to how the file names them (their keys).
    Last year's goal goes by its key; a fate kept before goals had keys goes by its title (null)."""
    lineage = plan.lineage
    if not lineage:
        return {FIELD: None}
    return {FIELD: {"from_year": lineage.from_year, "fates": [
        {"goal": fate.key or None, "title": fate.title, "direction": fate.direction,
         "successor": refer.get(fate.successor) if fate.successor is not None else None}
        for fate in lineage.fates], **({"from_departments": list(lineage.from_departments)} if lineage.from_departments else {})}}


def with_keys(lineage: GoalLineage, previous: Plan | None) -> GoalLineage:
    """``lineage`` with the key of each of last year's goals that it does not name yet (kept before keys)."""
    keys = previous.goal_keys() if previous is not None else {}
    if not lineage or all(fate.key for fate in lineage.fates) or not keys:
        return lineage
    return GoalLineage(lineage.from_year, [GoalFate(f.goal, f.title, f.direction, f.successor, f.key or keys.get(f.goal, ""))
                                           for f in lineage.fates], list(lineage.from_departments))


def read_lineage(value, plan: Plan, refs, version: int, check) -> GoalLineage:
    """The file's lineage with successors as the goals' local ids; ``refs`` finds this year's goal a fate
    names (plan_file_keys.goal_refs). In version 4 last year's goal is left to ``found_again`` (its key
    or printed number in ``GoalFate.key``); problems go to ``check``."""
    if is_blank(value):
        return GoalLineage()
    data = check.object(value, FIELD)
    if data is None:
        return GoalLineage()
    from_year = check.fiscal_year(data.get("from_year"), f"{FIELD}.from_year")  # a problem is named there
    if from_year is not None and not from_year < plan.fiscal_year:
        check.fail(f"{FIELD}.from_year", f"引き継いだ計画の年度（{plan.fiscal_year}より前の西暦の年度）が必要です")
    if from_year is None or not from_year < plan.fiscal_year:
        return GoalLineage()
    fates = []
    for i, item in enumerate(check.array(data.get("fates"), f"{FIELD}.fates", limit=MAX_FATES)):
        fate = _fate(item, f"{FIELD}.fates[{i}]", refs, version, check)
        if fate is not None:
            fates.append(fate)
    departments = [name.strip() for j, raw in enumerate(check.array(data.get("from_departments"), f"{FIELD}.from_departments", 100))
                   if (name := check.text(raw, f"{FIELD}.from_departments[{j}]", limit=200, required=True)).strip()]
    return GoalLineage(from_year, fates, departments)


def _fate(item, where: str, refs, version: int, check) -> GoalFate | None:
    if check.object(item, where) is None:
        return None
    before = len(check.problems)
    goal, key = _last_years_goal(item.get("goal"), f"{where}.goal", version, check)
    title = check.text(item.get("title"), f"{where}.title")
    direction = item.get("direction").strip() if isinstance(item.get("direction"), str) else item.get("direction")
    if direction not in DIRECTIONS:
        check.fail(f"{where}.direction", f"方向性は {'・'.join(DIRECTIONS)} のどれかです")
    successor = refs.find(item.get("successor"), f"{where}.successor", "今年度の目標の番号", check)
    if len(check.problems) > before:
        return None
    if not key and not title.strip() and version >= FIRST_VERSION:
        check.fail(f"{where}.goal", "前年度の目標のキーか目標名（title）が必要です")
        return None
    return GoalFate(goal, title, direction, successor, key)


def _last_years_goal(value, where: str, version: int, check) -> tuple[int, str]:
    """(id in the sending folder, key or printed number) of the fate's goal as the file names it."""
    if version >= FIRST_VERSION:
        if is_blank(value):
            return 0, ""
        if isinstance(value, int) and not isinstance(value, bool):
            return 0, str(value)
        if isinstance(value, str):
            return 0, check.text(value, where, limit=64).strip()
        check.fail(where, "前年度の目標のキー（文字列）か、前年度の印刷の番号（No.3 など）で書いてください")
        return 0, ""
    goal = check.number(value, where, "前年度の目標の番号")
    if goal is None:
        check.fail(where, "前年度の目標の番号（数値）が必要です")
    return goal or 0, ""


def found_again(lineage: GoalLineage, previous: Plan | None, plan: Plan) -> tuple[GoalLineage, list[str]]:
    """The lineage of ``plan`` (the file's, goals with local ids) with last year's goals as they are in
    this data folder (``previous``: that plan here), and a line for the import summary about each
    fate that could not be linked."""
    from_year = lineage.from_year
    if from_year is None:  # not carried over
        return GoalLineage(), []
    if previous is None:
        return GoalLineage(), [f"{PLACE}: この作業データに{fiscal_year_label(from_year)}の"
                               f"{'・'.join(lineage.from_departments or [plan.department])}の計画がないため、"
                               f"前年度からの方向性（{len(lineage.fates)}件）は取り込みませんでした。"
                               f"{fiscal_year_label(from_year)}の計画ファイルを先に取り込んでから、"
                               "このファイルをもう一度取り込むと結び付きます"]
    goals = _matches(lineage.fates, previous, {goal.id: goal for goal in plan.goals if goal.id is not None})
    fates = [GoalFate(stored_id(goal), goal.title, fate.direction, fate.successor, goal.key)
             for fate, goal in zip(lineage.fates, goals) if goal is not None]
    lost = [f"{PLACE}: 前年度の目標「{_short(fate.title)}」（方向性: {fate.direction}）は、この作業データの"
            f"{fiscal_year_label(from_year)}の計画に確かに同じと言える目標がないため、結び付けませんでした"
            for fate, goal in zip(lineage.fates, goals) if goal is None]
    return GoalLineage(from_year, fates, list(lineage.from_departments)), lost


def _matches(fates: list[GoalFate], previous: Plan, successors: dict[int, Goal]) -> list[Goal | None]:
    """Last year's goal here for each fate, or None where it cannot be told for sure; no goal twice.

    In turn: the goal with the key the fate names (version 4), or with the printed number a
    person wrote; the same id with the same title (the same folder), with the same title once blanks
    and full/half width are set aside; then a title only one goal here and one fate have; then,
    when the file lists exactly this plan's goals in order and more than half were found by
    title each at its own place, the goal at the same place (its title was edited since), if it
    still shares a written field with this year's copy of it (a goal deleted and another put in
    its place would not). Ended and merged goals have no copy to compare, so never by place.
    """
    goals = previous.goals
    found = _by_key(fates, previous)
    taken = {goal.id for goal in found if goal is not None}
    by_id = {goal.id: goal for goal in goals if goal.id not in taken}
    for i, fate in enumerate(fates):
        goal = by_id.pop(fate.goal, None) if found[i] is None else None  # popped: a fate listed twice takes it once
        if goal is not None and _plain(goal.title) == _plain(fate.title):
            found[i] = goal
    _by_unique_title(fates, goals, found)
    _by_place(fates, goals, found, successors)
    return found


def _by_key(fates: list[GoalFate], previous: Plan) -> list[Goal | None]:
    """Each fate's goal by the key it names, else by the printed number a person wrote; no goal twice."""
    by_key = {goal.key: goal for goal in previous.goals if goal.key}
    by_number = {number: previous.goal(goal_id) for goal_id, number in goal_numbers(previous).items()}
    found: list[Goal | None] = []
    taken: set[int | None] = set()
    for fate in fates:
        goal = by_key.get(fate.key) if fate.key else None
        if goal is None and fate.key and (number := printed_number(fate.key)) is not None:
            goal = by_number.get(number)
        found.append(goal if goal is not None and goal.id not in taken else None)
        taken.add(goal.id if goal is not None else None)
    return found


def _by_unique_title(fates: list[GoalFate], goals: list[Goal], found: list[Goal | None]) -> None:
    taken = {goal.id for goal in found if goal is not None}
    here = Counter(_plain(goal.title) for goal in goals)
    only = {_plain(goal.title): goal for goal in goals}  # the goal of each title that only one goal has
    titles = [_plain(fate.title) for fate in fates]
    there = Counter(titles)
    for i, title in enumerate(titles):
        if found[i] is None and title and here[title] == 1 and there[title] == 1 and only[title].id not in taken:
            found[i] = only[title]
            taken.add(only[title].id)


def _by_place(fates: list[GoalFate], goals: list[Goal], found: list[Goal | None], successors: dict[int, Goal]) -> None:
    linked = [(i, goal) for i, goal in enumerate(found) if goal is not None]
    if len(found) != len(goals) or len(linked) * 2 <= len(goals):
        return
    if any(goals[i] is not goal for i, goal in linked):
        return  # the file's order is not this plan's order
    for i, fate in enumerate(fates):
        copy = successors.get(fate.successor) if fate.direction in CARRIED and fate.successor is not None else None
        if found[i] is None and copy is not None and _same_content(goals[i], copy):
            found[i] = goals[i]


_CONTENT = ("background", "actions", "indicator")  # written at length: a match is not chance


def _same_content(goal: Goal, copy: Goal) -> bool:
    return any(len(_plain(goal.text(name))) >= 4 and _plain(goal.text(name)) == _plain(copy.text(name))
               for name in _CONTENT)


def _plain(title: str) -> str:
    """A title as compared between folders: width (ＡＢＣ／ABC, ｶﾅ／カナ), case and blanks set aside."""
    return "".join(unicodedata.normalize("NFKC", title).casefold().split())


def _short(title: str) -> str:
    line = first_line(title) or "（題名なし）"
    return line if len(line) <= 30 else f"{line[:30]}…"
