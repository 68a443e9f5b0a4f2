"""The window at scale: opening a plan and drawing it, and redrawing after one edit.

Runs in a child process (Qt needs its own application): ``python -m tests.benchmarks.window
DATA_DIR RUNS`` prints one JSON line of timings. The data folder holds a 300-goal plan (a
large department's) and a 10,000-goal plan (the most a plan file may hold); the figures:

- open + draw 300 goals: the window switches to the plan, read from the database (no
  editor kept from before), and paints itself once. Budget 150 ms.
- update after one edit: a goal's title written (as autosave does), the window shown again
  from the edit's Change, and the paint Qt then does of what changed. Budget 16 ms, one
  frame at 60 Hz. Beside it, without a budget, the same with the whole window repainted
  (what the figure was until 2026-11-26; on this machine the whole repaint alone takes
  5–15 ms from run to run).
- open + draw 10,000 goals. Budget 2 s.
- at 3,000 goals, in the window: undo of one field (Ctrl+Z after a title was typed), 「目標を追加」
  and the update after one edit, each with the paint it causes. Budgets 50, 50 and 16 ms.

The reference is painting the window once with nothing changed (what any redraw costs).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from .measure import Context, Figure, median, python, run_process

YEAR = 2024
LARGE, HUGE, SMALL, MEDIUM = "総務部", "福祉部", "政策部", "健康部"
GOALS_LARGE, GOALS_HUGE, GOALS_MEDIUM = 300, 10_000, 3_000
BUDGET_OPEN_MS, BUDGET_UPDATE_MS, BUDGET_HUGE_S, BUDGET_STEP_MS = 150.0, 16.0, 2.0, 50.0


def prepare(data: Path) -> None:
    """A working data folder with the three plans the figures open."""
    from hoshin_desktop.services.session import Session

    from .city import make_plan

    session = Session.open(data)
    try:
        for department, goals in ((SMALL, 30), (LARGE, GOALS_LARGE), (HUGE, GOALS_HUGE), (MEDIUM, GOALS_MEDIUM)):
            if session.load_plan(YEAR, department) is None:
                session.store_plan(make_plan(session, YEAR, department, goals))
    finally:
        session.close()


def run(ctx: Context) -> list[Figure]:
    data = ctx.work / "window"
    prepare(data)
    runs = ctx.runs(15, 5)
    out = ctx.work / "window.json"
    env = dict(ctx.env, HOSHIN_BENCH_OUT=str(out))
    run_process([python(), "-m", "tests.benchmarks.window", str(data), str(runs)], env)
    times = json.loads(out.read_text(encoding="utf-8"))
    paint = median(times["paint"]) * 1000
    open_ms = median(times["open"]) * 1000
    update_ms = median(times["drawn"]) * 1000
    repainted_ms = median(times["update"]) * 1000
    huge_s = median(times["huge"])
    figures = [
        Figure(f"open + draw a {GOALS_LARGE}-goal plan", open_ms, "ms", len(times["open"]),
               reference="one repaint of the window", reference_value=paint,
               budget=f"< {BUDGET_OPEN_MS:g} ms", passed=open_ms < BUDGET_OPEN_MS),
        Figure(f"window update after one edit ({GOALS_LARGE} goals)", update_ms, "ms", len(times["drawn"]),
               reference="one repaint of the window", reference_value=paint,
               budget=f"< {BUDGET_UPDATE_MS:g} ms", passed=update_ms < BUDGET_UPDATE_MS,
               note="a goal's title written, the Change shown, what changed painted"),
        Figure(f"the same, whole window repainted ({GOALS_LARGE} goals)", repainted_ms, "ms", len(times["update"]),
               reference="one repaint of the window", reference_value=paint),
        Figure(f"open + draw a {GOALS_HUGE:,}-goal plan", huge_s, "s", len(times["huge"]),
               reference="one repaint of the window", reference_value=paint / 1000,
               budget=f"< {BUDGET_HUGE_S:g} s", passed=huge_s < BUDGET_HUGE_S),
    ]
    for key, name, budget in (("medium_undo", "undo of one field in the window", BUDGET_STEP_MS),
                              ("medium_add", "「目標を追加」 in the window", BUDGET_STEP_MS),
                              ("medium_update", "window update after one edit", BUDGET_UPDATE_MS)):
        value = median(times[key]) * 1000
        figures.append(Figure(f"{name} ({GOALS_MEDIUM:,} goals)", value, "ms", len(times[key]),
                              reference="one repaint of the window", reference_value=paint,
                              budget=f"< {budget:g} ms", passed=value < budget, note="with the paint it causes"))
    return figures


def _measure(data: Path, runs: int) -> dict[str, list[float]]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from hoshin_desktop.services.session import Session
    from hoshin_desktop.ui import first_run
    from hoshin_desktop.ui.application import configure_application
    from hoshin_desktop.ui.main_window import MainWindow
    from hoshin_desktop.ui.settings import settings

    app = QApplication.instance() or QApplication([])
    configure_application(app)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(data / "settings"))
    settings().setValue(first_run.DONE_KEY, True)
    session = Session.open(data)
    window = MainWindow(session, remember=False)
    window.resize(1366, 768)
    window.show()
    app.processEvents()

    def timed(action) -> float:
        start = time.perf_counter()
        action()
        window.repaint()
        return time.perf_counter() - start

    def shown(action) -> float:
        """``action`` and the paint Qt then does of what it changed (not the whole window)."""
        start = time.perf_counter()
        action()
        app.processEvents()
        return time.perf_counter() - start

    def open_fresh(department: str) -> float:
        window.show_change(window.workspace.reload(YEAR, SMALL))  # no editor kept: the plan is read from the database
        app.processEvents()
        return timed(lambda: window.open_plan(YEAR, department))

    times = {"paint": [timed(lambda: None) for _ in range(runs)],
             "open": [open_fresh(LARGE) for _ in range(runs)]}
    editor = window.editor
    goals = [goal.id for goal in editor.plan.goals]
    window.select_goal(goals[len(goals) // 2])
    app.processEvents()
    updates, drawn = [], []
    for i in range(runs * 4):
        change = editor.set_goal_field(goals[i % len(goals)], "title", f"書き直した目標 {i}")
        updates.append(timed(lambda change=change: window.show_change(change)))
        change = editor.set_goal_field(goals[i % len(goals)], "title", f"もう一度書き直した目標 {i}")
        drawn.append(shown(lambda change=change: window.show_change(change)))
    times["update"] = updates
    times["drawn"] = drawn
    times.update(_steps_at_scale(window, app, shown, runs))
    times["huge"] = [open_fresh(HUGE) for _ in range(max(2, runs // 5))]
    window.close()
    session.close()
    return times


def _steps_at_scale(window, app, shown, runs: int) -> dict[str, list[float]]:
    """Undo, 「目標を追加」 and one edit's update on the 3,000-goal plan, as the window does them."""
    window.open_plan(YEAR, MEDIUM)
    app.processEvents()
    editor = window.editor
    goals = [goal.id for goal in editor.plan.goals]
    window.select_goal(goals[len(goals) // 2])
    app.processEvents()
    undo, add, update = [], [], []
    for i in range(runs):
        editor.set_goal_field(goals[(i * 7) % len(goals)], "title", f"書き直した目標 {i}")
        editor.seal()
        undo.append(shown(window.undo))
        add.append(shown(window.add_goal))
        change = editor.set_goal_field(goals[(i * 11) % len(goals)], "title", f"もう一度 {i}")
        update.append(shown(lambda change=change: window.show_change(change)))
    return {"medium_undo": undo, "medium_add": add, "medium_update": update}


if __name__ == "__main__":
    result = _measure(Path(sys.argv[1]), int(sys.argv[2]))
    Path(os.environ["HOSHIN_BENCH_OUT"]).write_text(json.dumps(result), encoding="utf-8")
