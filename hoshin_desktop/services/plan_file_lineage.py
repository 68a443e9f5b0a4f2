"""The carry-over's lineage in a plan file (version 3): what became of last year's goals.

    "lineage": null | {"from_year": 2024,
                       "fates": [{"goal": 812, "title": "…", "direction": "廃止", "successor": null},
                                 {"goal": 815, "title": "…", "direction": "統合", "successor": 3}]}

``goal`` is last year's goal id in the sending data folder and ``title`` its title there;
``successor`` is this year's goal as its place in ``goals`` (0 from the first). Without it a
plan sent as a file lost every 方向性: the 方向性 column printed blank and the redline called
every 廃止・完了・統合 goal 【削除】.

Last year's goals are found again in the receiving data folder: by id when that goal has the
same title (the same folder), else by a title only one of last year's goals has. A fate whose
goal is not found there is left out (the redline then shows that goal as it would without a
carry-over); with no plan of that year there, the lineage is left out.
"""

from __future__ import annotations

from ..domain.goal_lineage import DIRECTIONS, GoalFate, GoalLineage
from ..domain.models import Plan
from .input_files import is_blank

FIELD = "lineage"
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
    from_year = check.fiscal_year(data.get("from_year"), f"{FIELD}.from_year")
    if from_year is None or not from_year < plan.fiscal_year:
        check.fail(f"{FIELD}.from_year", f"引き継いだ計画の年度（{plan.fiscal_year}より前の西暦の年度）が必要です")
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


def found_again(lineage: GoalLineage, previous: Plan | None) -> GoalLineage:
    """The lineage with last year's goals as they are in this data folder (``previous``: that plan here)."""
    if not lineage or previous is None:
        return GoalLineage()
    titles: dict[str, list[int]] = {}
    for goal in previous.goals:
        titles.setdefault(goal.title, []).append(goal.id)
    by_id = {goal.id: goal.title for goal in previous.goals}
    fates = []
    for fate in lineage.fates:
        if by_id.get(fate.goal) == fate.title:
            fates.append(fate)
        elif len(titles.get(fate.title, [])) == 1:
            fates.append(GoalFate(titles[fate.title][0], fate.title, fate.direction, fate.successor))
    return GoalLineage(lineage.from_year, fates)


def stored(lineage: GoalLineage, ids: dict[int, int]) -> GoalLineage:
    """The lineage with successors as the ids the goals were stored with (``ids``: local id → stored id)."""
    if not lineage:
        return lineage
    return GoalLineage(lineage.from_year, [
        GoalFate(f.goal, f.title, f.direction, ids.get(f.successor) if f.successor is not None else None)
        for f in lineage.fates])
