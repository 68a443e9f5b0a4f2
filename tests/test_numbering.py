"""One numbering rule (domain/numbering.py): the screen's number of a goal is its printed No."""

from hoshin_desktop.domain.models import Goal, Plan
from hoshin_desktop.domain.numbering import (
    goal_numbers,
    move_neighbour,
    number_of,
    order_key,
    paper_order,
    paper_order_adding,
)
from hoshin_desktop.export.content import build_content
from hoshin_desktop.services.workspace import Workspace


def out_of_order_plan() -> Plan:
    """Goals added in the drafter's order, pinned to directives in another order."""
    return Plan(2024, "政策部", goals=[
        Goal("三番目の項目の目標", directives=["3(1)"], id=1),
        Goal("課の目標（2(1)）", directives=["2(1)"], parent=1, id=2),
        Goal("課の目標（1(1)）", directives=["1(1)", "3(9)"], parent=1, id=3),
        Goal("関連付けのない目標", id=4),
        Goal("一番目の項目の目標", directives=["1(2)"], id=5),
        Goal("同じく1(2)の目標", directives=["3(2)", "1(2)"], id=6),
    ])


def test_paper_order_follows_directive_codes_with_section_goals_under_their_department_goal():
    plan = out_of_order_plan()
    assert [(n, g.id) for n, g in paper_order(plan)] == [
        ("1", 5), ("2", 6), ("3", 1), ("3-1", 3), ("3-2", 2), ("4", 4)]


def test_the_export_numbers_goals_with_the_same_rule(session):
    plan = out_of_order_plan()
    printed = {row.number: row for row in build_content(plan, session.policy(2024)).goals}
    numbers = goal_numbers(plan)
    assert sorted(printed, key=lambda n: [int(p) for p in n.split("-")]) == ["1", "2", "3", "3-1", "3-2", "4"]
    for goal in plan.goals:  # the row printed under a goal's number is that goal's row
        assert printed[numbers[goal.id]].cells[2][0].text.text == goal.title


def test_move_stays_among_goals_of_the_same_first_directive():
    plan = out_of_order_plan()
    assert move_neighbour(plan, 5, 1).id == 6 and move_neighbour(plan, 6, -1).id == 5
    assert move_neighbour(plan, 6, 1) is None  # goal 1 (3(1)) is placed by its code, not by moving
    assert move_neighbour(plan, 5, -1) is None
    assert move_neighbour(plan, 3, 1) is None  # 課 goals of different codes under goal 1


def test_pinned_goals_added_out_of_order_are_numbered_as_printed(session):
    workspace = Workspace(session)
    workspace.open_plan(2024, "政策部")
    later = workspace.add_goal(None).select
    workspace.pin(later, "3(1)")
    earlier = workspace.add_goal(later).select
    change = workspace.pin(earlier, "1(2)")
    assert change.message == "目標1を基本方針 1(2) に関連付けました。"  # the number it has after the pin
    assert workspace.numbers() == {earlier: "1", later: "2"}
    printed = build_content(workspace.plan, session.policy(2024)).goals
    assert [(row.number, row.cells[1][0].text.text) for row in printed] == [("1", "1(2)"), ("2", "3(1)")]


def test_number_of_a_goal_is_its_printed_number_and_the_default_for_one_without():
    plan = out_of_order_plan()
    numbers = goal_numbers(plan)
    assert number_of(numbers, plan.goals[2]) == "3-1"
    assert number_of(numbers, Goal("まだ保存していない目標"), "?") == "?"  # no id: a plan read from a file
    assert number_of(numbers, Goal("ほかの計画の目標", id=99)) == ""


def _random_plan(rng) -> Plan:
    """Department goals, 課 goals under some of them (and one whose department goal is gone), pinned
    at random to a few codes (several goals share their smallest code), in a random stored order."""
    codes = ["1(1)", "1(2)", "1(10)", "2(1)", "3(6)", "not a code"]
    goals: list[Goal] = []
    for goal_id in range(1, rng.randint(2, 40)):
        tops = [g.id for g in goals if g.parent is None]
        parent = rng.choice(tops + [999]) if tops and rng.random() < 0.4 else None
        goals.append(Goal(f"目標{goal_id}", directives=rng.sample(codes, rng.randint(0, 2)), parent=parent, id=goal_id))
    rng.shuffle(goals)
    return Plan(2024, "政策部", goals=goals)


def _printed(plan: Plan) -> list[tuple[str, int]]:
    """The rule said plainly: siblings by (smallest code, stored position), 課 goals under theirs."""
    position = {g.id: n for n, g in enumerate(plan.goals)}
    ids = set(position)

    def siblings(parent):
        found = [g for g in plan.goals if (g.parent if g.parent in ids else None) == parent]
        return sorted(found, key=lambda g: (order_key(g), position[g.id]))

    rows = []
    for n, top in enumerate(siblings(None), start=1):
        rows.append((str(n), top.id))
        rows += [(f"{n}-{m}", kid.id) for m, kid in enumerate(siblings(top.id), start=1)]
    return rows


def test_paper_order_and_moves_follow_the_rule_on_random_plans():
    import random

    rng = random.Random(20261201)
    for _ in range(300):
        plan = _random_plan(rng)
        printed = _printed(plan)
        assert [(n, g.id) for n, g in paper_order(plan)] == printed
        order = [goal_id for _n, goal_id in printed]
        for goal in plan.goals:
            same_parent = [g for g in order if plan.goal(g).parent == goal.parent]
            for step in (-1, 1):
                at = same_parent.index(goal.id) + step
                beside = plan.goal(same_parent[at]) if 0 <= at < len(same_parent) else None
                expected = beside if beside is not None and order_key(beside) == order_key(goal) else None
                assert move_neighbour(plan, goal.id, step) is expected


def test_a_goal_added_is_numbered_as_the_rule_says_without_sorting_the_plan_again():
    """paper_order_adding (the window's numbering after 目標を追加) gives what the rule gives: a department
    goal or a 課 goal put anywhere in the stored order, pinned to any codes, in plans with and without
    課 goals (and with one whose department goal is gone, which it hands to paper_order)."""
    import random

    rng = random.Random(20261207)
    codes = ["1(1)", "1(2)", "1(10)", "2(1)", "3(6)", "not a code"]
    for round_ in range(400):
        plan = _random_plan(rng)
        if round_ % 2:  # half of them without 課 goals, as most plans are
            for goal in plan.goals:
                goal.parent = None
        elif round_ % 4 == 0:  # no 課 goal without its department goal
            for goal in plan.goals:
                goal.parent = None if goal.parent == 999 else goal.parent
        numbered = paper_order(plan)
        tops = [g.id for g in plan.goals if g.parent is None]
        parent = rng.choice(tops) if tops and rng.random() < 0.4 else None
        added = Goal("足した目標", directives=rng.sample(codes, rng.randint(0, 2)), parent=parent, id=1000)
        plan.goals.insert(rng.randint(0, len(plan.goals)), added)
        assert [(n, g.id) for n, g in paper_order_adding(numbered, plan, added)] == _printed(plan)
