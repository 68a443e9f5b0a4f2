"""Undo and redo of one field at scale, headless: ``PlanEditor.undo`` / ``redo`` on a 300-goal and a
10,000-goal plan (the most a plan file may hold).

Each step is a goal's title edited (a new step each time, on different goals); the figures time
undoing and then redoing them one by one. Undo writes back the rows of its step and reads back
only those (storage/plan_rows.py), so its cost must not grow with the plan: budgets 2 ms at 300
goals and 20 ms at 10,000. The reference is one edit of a title on the same plan (what typing costs).
"""

from __future__ import annotations

import shutil

from hoshin_desktop.services.session import Session

from .measure import Context, Figure, median, time_calls
from .window import GOALS_HUGE, GOALS_LARGE, HUGE, LARGE, YEAR, prepare

BUDGETS_MS = {GOALS_LARGE: 2.0, GOALS_HUGE: 20.0}


def run(ctx: Context) -> list[Figure]:
    data = ctx.work / "undo"
    if not data.exists():
        shutil.copytree(ctx.city, data)
    prepare(data)
    runs = ctx.runs(60, 20)
    session = Session.open(data)
    figures = []
    try:
        for department, size in ((LARGE, GOALS_LARGE), (HUGE, GOALS_HUGE)):
            figures.append(_figure(session, department, size, runs))
    finally:
        session.close()
    return figures


def _figure(session: Session, department: str, size: int, runs: int) -> Figure:
    editor = session.editor(YEAR, department)
    goals = [goal.id for goal in editor.plan.goals]
    step = max(1, len(goals) // runs)

    def edit(i: int) -> None:
        editor.set_goal_field(goals[(i * step) % len(goals)], "title", f"書き直した目標 {i}")
        editor.seal()

    edits = time_calls(edit, runs)
    undone = time_calls(lambda _i: editor.undo(), runs)
    redone = time_calls(lambda _i: editor.redo(), runs)
    if editor.plan.goal(goals[((runs - 1) * step) % len(goals)]).title != f"書き直した目標 {runs - 1}":
        raise RuntimeError("redo did not bring the last edit back")
    value = median(undone + redone) * 1000
    budget = BUDGETS_MS[size]
    return Figure(f"undo / redo of one field ({size:,} goals)", value, "ms", 2 * runs,
                  reference="one edit of a title", reference_value=median(edits) * 1000,
                  budget=f"< {budget:g} ms", passed=value < budget,
                  note="the rows of the step written back and read back into the plan in memory")
