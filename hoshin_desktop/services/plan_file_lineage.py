"""The carry-over's lineage in a plan file (version 3): what became of last year's goals.

    "lineage": null | {"from_year": 2024,
                       "fates": [{"goal": 812, "title": "…", "direction": "廃止", "successor": null},
                                 {"goal": 815, "title": "…", "direction": "統合", "successor": 3}]}

``goal`` is last year's goal id in the sending data folder and ``title`` its title there;
``successor`` is this year's goal as its place in ``goals`` (0 from the first). Without it a
plan sent as a file lost every 方向性: the 方向性 column printed blank and the redline called
every 廃止・完了・統合 goal 【削除】.

Last year's goals are found again in the receiving data folder (``_matches``): by id and title,
by a title only one goal has (width and blanks set aside), or by place when the titles that did
match prove the order is the same and this year's copy of the goal still shares its text. A wrong link would print a wrong 方向性, so a fate whose goal
cannot be told for sure is left out (the redline then shows that goal as it would without a
carry-over) and the import says so; with no plan of that year there, the lineage is left out.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from ..domain.goal_lineage import CARRIED, DIRECTIONS, GoalFate, GoalLineage
from ..domain.models import Goal, Plan, stored_id
from ..domain.text import first_line
from ..domain.wareki import fiscal_year_label
from .input_files import is_blank

FIELD = "lineage"
PLACE = "前年度からの引き継ぎ（方向性）"
FATE_FIELDS = ("goal", "title", "direction", "successor")
MAX_FATES = 10_000


def lineage_field(plan: Plan, index: dict[int, int]) -> dict:
    """``{"lineage": …}`` of the plan; ``index`` maps goal ids to their place in ``goals``."""
    lineage = plan.lineage
    if not lineage:
        return {FIELD: None}
    return {FIELD: {"from_year": lineage.from_year, "fates": [
        {"goal": fate.goal, "title": fate.title, "direction": fate.direction,
         "successor": index.get(fate.successor) if fate.successor is not None else None}
        for fate in lineage.fates]}}


def read_lineage(value, plan: Plan, goal_count: int, check) -> GoalLineage:
    """The file's lineage with successors as the goals' local ids (place + 1); problems go to ``check``."""
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
        fate = _fate(item, f"{FIELD}.fates[{i}]", goal_count, check)
        if fate is not None:
            fates.append(fate)
    return GoalLineage(from_year, fates)


def _fate(item, where: str, goal_count: int, check) -> GoalFate | None:
    if check.object(item, where) is None:
        return None
    goal = check.number(item.get("goal"), f"{where}.goal", "前年度の目標の番号")
    successor = check.number(item.get("successor"), f"{where}.successor", "今年度の目標の番号")
    title = check.text(item.get("title"), f"{where}.title")
    direction = item.get("direction").strip() if isinstance(item.get("direction"), str) else item.get("direction")
    if goal is None:
        check.fail(f"{where}.goal", "前年度の目標の番号（数値）が必要です")
    elif direction not in DIRECTIONS:
        check.fail(f"{where}.direction", f"方向性は {'・'.join(DIRECTIONS)} のどれかです")
    elif successor is not None and not 0 <= successor < goal_count:
        check.fail(f"{where}.successor", f"今年度の目標の番号（0〜{goal_count - 1}）か null にしてください")
    else:
        return GoalFate(goal, title, direction, successor + 1 if successor is not None else None)
    return None


def found_again(lineage: GoalLineage, previous: Plan | None, plan: Plan) -> tuple[GoalLineage, list[str]]:
    """The lineage of ``plan`` (the file's, goals with local ids) with last year's goals as they are in
    this data folder (``previous``: that plan here), and a line for the import summary about each
    fate that could not be linked."""
    from_year = lineage.from_year
    if from_year is None:  # not carried over
        return GoalLineage(), []
    if previous is None:
        return GoalLineage(), [f"{PLACE}: この作業データに{fiscal_year_label(from_year)}の{plan.department}の計画がないため、"
                               f"前年度からの方向性（{len(lineage.fates)}件）は取り込みませんでした。"
                               f"{fiscal_year_label(from_year)}の計画ファイルを先に取り込んでから、"
                               "このファイルをもう一度取り込むと結び付きます"]
    goals = _matches(lineage.fates, previous.goals, {goal.id: goal for goal in plan.goals if goal.id is not None})
    fates = [GoalFate(stored_id(goal), goal.title, fate.direction, fate.successor)
             for fate, goal in zip(lineage.fates, goals) if goal is not None]
    lost = [f"{PLACE}: 前年度の目標「{_short(fate.title)}」（方向性: {fate.direction}）は、この作業データの"
            f"{fiscal_year_label(from_year)}の計画に確かに同じと言える目標がないため、結び付けませんでした"
            for fate, goal in zip(lineage.fates, goals) if goal is None]
    return GoalLineage(from_year, fates), lost


def _matches(fates: list[GoalFate], goals: list[Goal], successors: dict[int, Goal]) -> list[Goal | None]:
    """Last year's goal here for each fate, or None where it cannot be told for sure; no goal twice.

    In turn: the same id with the same title (the same folder), with the same title once blanks
    and full/half width are set aside; then a title only one goal here and one fate have; then,
    when the file lists exactly this plan's goals in order and more than half were found by
    title each at its own place, the goal at the same place (its title was edited since), if it
    still shares a written field with this year's copy of it (a goal deleted and another put in
    its place would not). Ended and merged goals have no copy to compare, so never by place.
    """
    found: list[Goal | None] = [None] * len(fates)
    by_id = {goal.id: goal for goal in goals}
    for i, fate in enumerate(fates):
        goal = by_id.pop(fate.goal, None)  # popped: a fate listed twice by hand does not take it twice
        if goal is not None and _plain(goal.title) == _plain(fate.title):
            found[i] = goal
    _by_unique_title(fates, goals, found)
    _by_place(fates, goals, found, successors)
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
    return any(len(_plain(getattr(goal, name))) >= 4 and _plain(getattr(goal, name)) == _plain(getattr(copy, name))
               for name in _CONTENT)


def _plain(title: str) -> str:
    """A title as compared between folders: width (ＡＢＣ／ABC, ｶﾅ／カナ), case and blanks set aside."""
    return "".join(unicodedata.normalize("NFKC", title).casefold().split())


def _short(title: str) -> str:
    line = first_line(title) or "（題名なし）"
    return line if len(line) <= 30 else f"{line[:30]}…"
