"""From an edit to its being committed on disk: ``PlanEditor.set_goal_field`` on a WAL database file.

Each edit goes to a different goal, so each is a new undo step (the row log records the
rows it writes): the costlier case; keystrokes in one field merge into one step and cost
less. The reference is a raw sqlite3 UPDATE + commit of one row in the same file, with
the durability the app uses (WAL, synchronous=NORMAL: committed to the file, which
survives a killed process). After the run, a separate connection reads the last edit back.

Undo and redo are edits too: each writes back the rows its step changed
(storage/row_log.py), so they are held to the same budget.

The autosave writes after a pause in typing, so the third figure times edits that each come
after a pause as long as the autosave's (ui/autosave.py): what the copy of the -wal into the
database (storage/wal_guard.py) left to do between writes shows there. Its reference is the same
raw UPDATE after the same pause, on a copy of the file that nothing else writes or copies.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Callable

from hoshin_desktop.domain.models import GOAL_TEXT_FIELDS
from hoshin_desktop.services.session import Session
from hoshin_desktop.storage.database import WORKING_DB_NAME

from .measure import Context, Figure, median, time_calls

BUDGET_MS = 5.0
PAUSE_S = 0.4  # the autosave's delay after the last keystroke (ui/autosave.py DEBOUNCE_MS)
PAUSED_FROM = 100_000  # text numbers of the edits after pauses: none writes what a field holds already
YEAR = 2024
DEPARTMENT = "総務部"


def run(ctx: Context) -> list[Figure]:
    data = ctx.work / "edit"
    shutil.copytree(ctx.city, data, dirs_exist_ok=True)
    runs = ctx.runs(500, 200)
    session = Session.open(data)
    raw = sqlite3.connect(data / WORKING_DB_NAME)
    try:
        raw.execute("PRAGMA synchronous = NORMAL")
        editor = session.editor(YEAR, DEPARTMENT)
        goals = [goal.id for goal in editor.plan.goals]
        others = [row[0] for row in raw.execute(  # rows of another plan, so the check below sees only our edits
            "SELECT id FROM goals WHERE plan_id <> ? ORDER BY id LIMIT 30", [editor.plan.id])]

        def edit(i: int) -> None:
            editor.set_goal_field(goals[i % len(goals)], GOAL_TEXT_FIELDS[i % len(GOAL_TEXT_FIELDS)], f"編集{i}")

        def raw_update(i: int) -> None:
            raw.execute("UPDATE goals SET title = ? WHERE id = ?", [f"直接{i}", others[i % len(others)]])
            raw.commit()

        ours, reference = [], []
        for i in range(runs):  # alternately, so that drifting load hits both alike
            ours += time_calls(lambda _, i=i: edit(i), 1)
            reference += time_calls(lambda _, i=i: raw_update(i), 1)
        _check_on_disk(data / WORKING_DB_NAME, goals, runs - 1)
        undo_runs = ctx.runs(100, 40)
        undo = time_calls(lambda i: editor.undo() if i % 2 == 0 else editor.redo(), undo_runs)
        paused_runs = ctx.runs(60, 20)
        paused, paused_reference = _after_pauses(ctx, lambda i: edit(PAUSED_FROM + i), paused_runs)
        _check_on_disk(data / WORKING_DB_NAME, goals, PAUSED_FROM + paused_runs - 1)
    finally:
        raw.close()
        session.close()
    figure = Figure("edit -> committed on disk", median(ours) * 1000, "ms", runs,
                    reference="raw sqlite3 UPDATE + commit", reference_value=median(reference) * 1000,
                    budget=f"< {BUDGET_MS:g} ms", note="each edit a new undo step")
    figure.passed = figure.value < BUDGET_MS
    undo_figure = Figure("undo / redo -> committed on disk", median(undo) * 1000, "ms", undo_runs,
                         reference="raw sqlite3 UPDATE + commit", reference_value=median(reference) * 1000,
                         budget=f"< {BUDGET_MS:g} ms", note="each writes back the rows of its step")
    undo_figure.passed = undo_figure.value < BUDGET_MS
    paused_figure = Figure("edit after a pause -> committed on disk", median(paused) * 1000, "ms", paused_runs,
                           reference="raw UPDATE + commit after the same pause", budget=f"< {BUDGET_MS:g} ms",
                           reference_value=median(paused_reference) * 1000,
                           note=f"{PAUSE_S:g} s before each, as the autosave writes")
    paused_figure.passed = paused_figure.value < BUDGET_MS
    return [figure, undo_figure, paused_figure]


def _after_pauses(ctx: Context, edit: Callable[[int], None], runs: int) -> tuple[list[float], list[float]]:
    """Each edit (and each raw UPDATE, alternately) after a pause; the raw ones on a file of their own."""
    alone = ctx.work / "edit-alone.db"
    with sqlite3.connect(ctx.work / "edit" / WORKING_DB_NAME) as source, sqlite3.connect(alone) as copy:
        source.backup(copy)
    raw = sqlite3.connect(alone)
    try:
        raw.execute("PRAGMA journal_mode = WAL")
        raw.execute("PRAGMA synchronous = NORMAL")
        others = [row[0] for row in raw.execute("SELECT id FROM goals ORDER BY id LIMIT 30")]

        def raw_alone(i: int) -> None:
            raw.execute("UPDATE goals SET title = ? WHERE id = ?", [f"直接{i}", others[i % len(others)]])
            raw.commit()

        ours, reference = [], []
        for i in range(runs):
            time.sleep(PAUSE_S)
            ours += time_calls(lambda _, i=i: edit(i), 1)
            time.sleep(PAUSE_S)
            reference += time_calls(lambda _, i=i: raw_alone(i), 1)
        return ours, reference
    finally:
        raw.close()


def _check_on_disk(path, goals: list[int], last: int) -> None:
    """The last edit is in the file, as another connection sees it."""
    field = GOAL_TEXT_FIELDS[last % len(GOAL_TEXT_FIELDS)]
    with sqlite3.connect(path) as other:
        value = other.execute(f"SELECT {field} FROM goals WHERE id = ?", [goals[last % len(goals)]]).fetchone()[0]
    if value != f"編集{last}":
        raise RuntimeError(f"the last edit is not on disk: {field} = {value!r}")
