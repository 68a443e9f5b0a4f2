"""A plan or goal used where only a stored one can be says so (domain.models.stored_id), and a row
just inserted has its integer id (storage.connection.Database.insert)."""

import pytest

from hoshin_desktop.domain.models import Goal, NotStored, Plan, stored_id


def test_a_stored_plan_and_its_goals_give_their_ids(session):
    editor = session.editor(2024, "政策部")
    goal_id = editor.add_goal().select
    plan = session.load_plan(2024, "政策部")
    assert stored_id(plan) == plan.id and isinstance(plan.id, int)
    assert stored_id(plan.known_goal(goal_id)) == goal_id


def test_a_plan_or_goal_never_stored_is_refused_with_a_clear_error():
    with pytest.raises(NotStored, match="Plan is not stored yet"):
        stored_id(Plan(2024, "政策部"))
    with pytest.raises(LookupError):  # NotStored is a LookupError: callers that catch one catch both
        stored_id(Goal("新しい目標"))


def test_a_goal_not_in_the_plan_is_a_lookup_error():
    with pytest.raises(LookupError, match="目標 7 はこの計画にありません"):
        Plan(2024, "政策部", goals=[Goal("ある目標", id=1)]).known_goal(7)
