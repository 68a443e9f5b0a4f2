"""A section goal always stays right after its department goal, whatever the drafter does."""

from hoshin_desktop.domain.models import Goal, block_end, group_goal_order


def titles(editor):
    return [g.title for g in editor.plan.goals]


def family(editor):
    """T with section goal Tc, then G with section goal Gc."""
    ids = {}
    for name, parent in (("T", None), ("Tc", "T"), ("G", None), ("Gc", "G")):
        after = ids[parent] if parent else (editor.plan.goals[-1].id if editor.plan.goals else None)
        ids[name] = editor.add_goal(after=after, parent=ids.get(parent)).select
        editor.set_goal_field(ids[name], "title", name)
    assert titles(editor) == ["T", "Tc", "G", "Gc"]
    return ids


def test_duplicating_a_department_goal_puts_the_copy_after_its_section_goals(session):
    editor = session.editor(2024, "政策部")
    ids = family(editor)
    editor.duplicate_goal(ids["T"])
    assert titles(editor) == ["T", "Tc", "T", "G", "Gc"]


def test_moving_a_department_goal_takes_its_section_goals_along(session):
    editor = session.editor(2024, "政策部")
    ids = family(editor)
    editor.move_goal(ids["T"], 2)  # the window's 下へ移動: just after G
    assert titles(editor) == ["G", "Gc", "T", "Tc"]
    editor.undo()
    assert titles(editor) == ["T", "Tc", "G", "Gc"]


def test_a_goal_put_under_another_joins_its_group(session):
    editor = session.editor(2024, "政策部")
    ids = family(editor)
    editor.set_goal_parent(ids["Gc"], ids["T"])
    assert titles(editor) == ["T", "Tc", "Gc", "G"]
    assert editor.plan.goal(ids["Gc"]).parent == ids["T"]


def test_grouping_keeps_orders_and_never_loses_an_orphan():
    assert group_goal_order([3, 1, 4, 2], {1: None, 2: 1, 3: None, 4: 3}) == [3, 4, 1, 2]
    assert group_goal_order([5, 1], {5: 9, 1: None}) == [1, 5]


def test_a_goal_added_after_a_block_goes_after_its_last_section_goal():
    goals = [Goal(id=3), Goal(id=4, parent=3), Goal(id=1), Goal(id=2, parent=3), Goal(id=5, parent=9)]
    assert [block_end(goals, department_goal) for department_goal in (3, 1, 9)] == [2, 1, 5]


def test_a_goal_with_section_goals_cannot_go_under_another(session):
    import pytest

    editor = session.editor(2024, "政策部")
    ids = family(editor)
    with pytest.raises(ValueError, match="部の目標の下にだけ"):
        editor.set_goal_parent(ids["T"], ids["G"])
    assert titles(editor) == ["T", "Tc", "G", "Gc"]


def positions(editor):
    return dict(editor._db.execute("SELECT id, position FROM goals WHERE plan_id = ?", [editor.plan.id]).fetchall())


def test_a_goal_added_between_two_others_writes_its_row_alone(session):
    editor = session.editor(2024, "政策部")
    ids = family(editor)
    before = positions(editor)
    new = editor.add_goal(after=ids["Tc"]).select
    after = positions(editor)
    assert {goal: after[goal] for goal in before} == before  # no other goal moved
    assert before[ids["Tc"]] < after[new] < before[ids["G"]]
    assert [g.id for g in editor.plan.goals] == [ids["T"], ids["Tc"], new, ids["G"], ids["Gc"]]
    editor.undo()
    assert positions(editor) == before


def test_a_goal_added_where_its_neighbours_leave_no_room_numbers_the_goals_again(session):
    editor = session.editor(2024, "政策部")
    ids = family(editor)
    for position, name in enumerate(("T", "Tc", "G", "Gc")):  # consecutive, as plans were once stored
        editor._db.execute("UPDATE goals SET position = ? WHERE id = ?", [position, ids[name]])
    editor = session.editor(2024, "政策部")
    new = editor.add_goal(after=ids["Tc"], parent=ids["T"]).select
    assert [g.id for g in editor.plan.goals] == [ids["T"], ids["Tc"], new, ids["G"], ids["Gc"]]
    stored = [goal for goal, _position in sorted(positions(editor).items(), key=lambda item: (item[1], item[0]))]
    assert stored == [ids["T"], ids["Tc"], new, ids["G"], ids["Gc"]]


def test_a_department_goal_added_after_one_with_section_goals_goes_after_them(session):
    editor = session.editor(2024, "政策部")
    ids = family(editor)
    new = editor.add_goal(after=ids["G"]).select  # right after G would part G from Gc
    assert [g.id for g in editor.plan.goals] == [ids["T"], ids["Tc"], ids["G"], ids["Gc"], new]
