"""Undo and redo write back the rows of their step and read back only those (storage/plan_rows.py):
the plan in memory must then be the stored plan, and the work of one undo must not grow with the plan."""

import pytest

from hoshin_desktop.domain.cycle import Review
from hoshin_desktop.domain.models import Goal
from hoshin_desktop.domain.plan_template import new_plan

YEAR = 2024


def editor_with_goals(session, department: str, count: int):
    """An editor of a stored plan whose ``count`` goals are alike (one pin, one 課 each)."""
    policy, unit = session.policy(YEAR), session.department(YEAR, department)
    plan = new_plan(policy, unit)
    plan.goals = [Goal(title=f"目標{n}", actions="・取組", directives=[policy.directives[0].code],
                       owner_sections=[unit.sections[0].name]) for n in range(count)]
    session.store_plan(plan)
    return session.editor(YEAR, department)


def held_as_stored(session, editor) -> None:
    stored = session.load_plan(YEAR, editor.plan.department)
    assert [g.id for g in editor.plan.goals] == [g.id for g in stored.goals]  # the drafter's order
    assert editor.plan == stored


STEPS = {
    "a title": lambda e, ids, codes: e.set_goal_field(ids[1], "title", "書き直した目標"),
    "typing, merged": lambda e, ids, codes: [e.set_goal_field(ids[1], "actions", text) for text in ("・取", "・取組を進める")],
    "a move": lambda e, ids, codes: e.move_goal(ids[0], 3),
    "a swap": lambda e, ids, codes: e.swap_goals(ids[1], ids[2]),
    "a pin": lambda e, ids, codes: e.pin(ids[2], codes[1]),
    "an unpin": lambda e, ids, codes: e.unpin(ids[0], codes[0]),
    "the 担当課": lambda e, ids, codes: e.set_owner_sections(ids[3], []),
    "a goal added": lambda e, ids, codes: e.add_goal(after=ids[1]),
    "a goal added last": lambda e, ids, codes: e.add_goal(after=ids[-1]),
    "a 課 goal added": lambda e, ids, codes: e.add_goal(after=ids[1], parent=ids[1]),
    "a goal copied": lambda e, ids, codes: e.duplicate_goal(ids[2]),
    "the first goal deleted": lambda e, ids, codes: e.delete_goal(ids[0]),
    "a goal deleted": lambda e, ids, codes: e.delete_goal(ids[2]),
    "a goal put under another": lambda e, ids, codes: e.set_goal_parent(ids[3], ids[1]),
    "a review": lambda e, ids, codes: e.set_review(ids[1], Review("interim", comment="順調に進んでいる")),
    "the preamble": lambda e, ids, codes: e.set_preamble("前文を書き直した。"),
    "an answer": lambda e, ids, codes: e.set_answer(codes[0], "部の方針を書いた。"),
}


@pytest.mark.parametrize("step", list(STEPS))
def test_after_a_step_its_undo_and_its_redo_the_plan_in_memory_is_the_stored_plan(session, step):
    editor = editor_with_goals(session, "政策部", 5)
    ids = [g.id for g in editor.plan.goals]
    codes = [d.code for d in editor.policy.directives]
    order = list(ids)
    STEPS[step](editor, ids, codes)
    editor.seal()
    held_as_stored(session, editor)
    changed = [(g.id, g.title, g.actions, g.directives, g.owner_sections, g.parent, g.reviews) for g in editor.plan.goals]
    assert editor.undo() is not None
    held_as_stored(session, editor)
    assert [g.id for g in editor.plan.goals] == order
    assert editor.redo() is not None
    held_as_stored(session, editor)
    assert [(g.id, g.title, g.actions, g.directives, g.owner_sections, g.parent, g.reviews)
            for g in editor.plan.goals] == changed


def undo_work(editor) -> tuple[int, list[str]]:
    """The virtual machine instructions SQLite runs for undoing one edit of a title, and the statements."""
    editor.set_goal_field(editor.plan.goals[2].id, "title", "書き直した目標")
    editor.seal()
    conn = editor._db.conn
    instructions, statements = [0], []

    def count() -> int:
        instructions[0] += 1
        return 0  # go on

    conn.set_progress_handler(count, 1)
    conn.set_trace_callback(statements.append)
    try:
        editor.undo()
    finally:
        conn.set_progress_handler(None, 1)
        conn.set_trace_callback(None)
    return instructions[0], statements


def test_undoing_one_field_does_the_same_work_at_5_goals_and_at_500(session):
    small, small_statements = undo_work(editor_with_goals(session, "政策部", 5))
    large, large_statements = undo_work(editor_with_goals(session, "総務部", 500))
    assert small == large  # nothing scans the plan's goals (reading it back, or checking who points at it)
    assert len(small_statements) == len(large_statements)
    assert sum(s.startswith("COMMIT") for s in large_statements) == 1  # one transaction


def test_an_undo_whose_reading_back_fails_is_still_undone_and_can_be_redone(session, monkeypatch):
    import sqlite3

    from hoshin_desktop.storage import plan_rows
    from hoshin_desktop.storage.errors import StorageError

    editor = editor_with_goals(session, "政策部", 3)
    goal = editor.plan.goals[1].id
    editor.set_goal_field(goal, "title", "書き直した目標")
    editor.seal()

    def failing(*_args) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    with monkeypatch.context() as patch:
        patch.setattr(plan_rows, "refresh", failing)
        with pytest.raises(StorageError):
            editor.undo()
    assert session.load_plan(YEAR, "政策部").goal(goal).title == "目標1"  # the undo was committed
    assert (editor.undo_label, editor.redo_label) == (None, "目標の編集")  # and the history says so
    editor.redo()
    held_as_stored(session, editor)
    assert editor.plan.goal(goal).title == "書き直した目標"
