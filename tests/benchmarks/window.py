"""The window at scale: opening a plan and drawing it, redrawing after one edit, undo, 「目標を追加」.

Runs in a child process (Qt needs its own application): ``python -m tests.benchmarks.window
DATA_DIR RUNS`` prints one JSON line of timings. The data folder holds a 300-goal plan (a
large department's), a 3,000-goal plan and a 10,000-goal plan (the most a plan file may
hold); the figures:

- open + draw 300 goals: the window switches to the plan, read from the database (no
  editor kept from before), and paints itself once. Budget 150 ms.
- update after one edit: a goal's title written (as autosave does), the window shown again
  from the edit's Change, and the paint Qt then does of what changed. Budget 16 ms, one
  frame at 60 Hz. Beside it, without a budget, the same with the whole window repainted
  (what the figure was until 2026-11-26; on this machine the whole repaint alone takes
  5–15 ms from run to run).
- the same update after one edit at 3,000 goals. Budget 16 ms.
- undo of one field at 3,000 goals: a goal's title written (one undo step), then Ctrl+Z in
  the goal list as the user presses it (``MainWindow.undo``) and the paint that follows.
  Budget 50 ms.
- 「目標を追加」 at 3,000 goals: ``MainWindow.add_goal`` (the toolbar button) and the paint
  that follows; the goal is then undone, untimed, so every run adds to the same plan. Budget 50 ms.
- open + draw 10,000 goals. Budget 2 s.

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
LARGE, GREAT, HUGE, SMALL = "総務部", "市民生活部", "福祉部", "政策部"
GOALS_LARGE, GOALS_GREAT, GOALS_HUGE = 300, 3_000, 10_000
BUDGET_OPEN_MS, BUDGET_UPDATE_MS, BUDGET_HUGE_S = 150.0, 16.0, 2.0
BUDGET_UNDO_MS = BUDGET_ADD_MS = 50.0


def prepare(data: Path) -> None:
    """A working data folder with the four plans the figures open (each stored with exactly its
    number of goals, also over a copy of the city, whose plans have 30)."""
    from hoshin_desktop.services.session import Session

    from .city import make_plan

    session = Session.open(data)
    try:
        for department, goals in ((SMALL, 30), (LARGE, GOALS_LARGE), (GREAT, GOALS_GREAT), (HUGE, GOALS_HUGE)):
            if session.goal_count(YEAR, department) != goals:
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
    great = {key: median(times[key]) * 1000 for key in ("drawn_great", "undo_great", "add_great")}
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
        Figure(f"window update after one edit ({GOALS_GREAT:,} goals)", great["drawn_great"], "ms",
               len(times["drawn_great"]), reference="one repaint of the window", reference_value=paint,
               budget=f"< {BUDGET_UPDATE_MS:g} ms", passed=great["drawn_great"] < BUDGET_UPDATE_MS),
        Figure(f"undo of one field in the window ({GOALS_GREAT:,} goals)", great["undo_great"], "ms",
               len(times["undo_great"]), reference="one repaint of the window", reference_value=paint,
               budget=f"< {BUDGET_UNDO_MS:g} ms", passed=great["undo_great"] < BUDGET_UNDO_MS,
               note="Ctrl+Z in the goal list after a title was written, and the paint that follows"),
        Figure(f"「目標を追加」 in the window ({GOALS_GREAT:,} goals)", great["add_great"], "ms",
               len(times["add_great"]), reference="one repaint of the window", reference_value=paint,
               budget=f"< {BUDGET_ADD_MS:g} ms", passed=great["add_great"] < BUDGET_ADD_MS,
               note="the toolbar's 目標を追加 and the paint that follows"),
        Figure(f"open + draw a {GOALS_HUGE:,}-goal plan", huge_s, "s", len(times["huge"]),
               reference="one repaint of the window", reference_value=paint / 1000,
               budget=f"< {BUDGET_HUGE_S:g} s", passed=huge_s < BUDGET_HUGE_S),
    ]
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
    user = _User(window, app)
    times = {"paint": [user.timed(lambda: None) for _ in range(runs)],
             "open": [user.open_fresh(LARGE) for _ in range(runs)]}
    times["update"], times["drawn"] = user.edits(runs * 4)
    user.open_fresh(GREAT)
    times["drawn_great"] = user.edits(runs * 4)[1]
    times["undo_great"] = user.undos(runs * 2)
    times["add_great"] = user.additions(runs * 2)
    times["huge"] = [user.open_fresh(HUGE) for _ in range(max(2, runs // 5))]
    window.close()
    session.close()
    return times


class _User:
    """What the figures time in the window, each as a user's action followed by Qt's paint."""

    def __init__(self, window, app):
        self.window, self.app = window, app

    def timed(self, action) -> float:
        """``action`` and a repaint of the whole window."""
        start = time.perf_counter()
        action()
        self.window.repaint()
        return time.perf_counter() - start

    def shown(self, action) -> float:
        """``action`` and the paint Qt then does of what it changed (not the whole window)."""
        start = time.perf_counter()
        action()
        self.app.processEvents()
        return time.perf_counter() - start

    def open_fresh(self, department: str) -> float:
        window = self.window
        window.show_change(window.workspace.reload(YEAR, SMALL))  # no editor kept: the plan is read from the database
        self.app.processEvents()
        return self.timed(lambda: window.open_plan(YEAR, department))

    def _middle_goal(self) -> list[int]:
        """The open plan's goals, with the middle one selected (as a user works somewhere in the list)."""
        goals = [goal.id for goal in self.window.editor.plan.goals]
        self.window.select_goal(goals[len(goals) // 2])
        self.app.processEvents()
        return goals

    def _in_the_list(self) -> None:
        """Focus in the goal list, so that Ctrl+Z undoes a step of the plan, not typing in a field."""
        self.window.panes.goal_list.setFocus()
        self.app.processEvents()

    def edits(self, runs: int) -> tuple[list[float], list[float]]:
        """A title written (as autosave does) and shown: with the whole window repainted, and as Qt draws it."""
        goals, window, editor = self._middle_goal(), self.window, self.window.editor
        updates, drawn = [], []
        for i in range(runs):
            change = editor.set_goal_field(goals[i % len(goals)], "title", f"書き直した目標 {i}")
            updates.append(self.timed(lambda change=change: window.show_change(change)))
            change = editor.set_goal_field(goals[i % len(goals)], "title", f"もう一度書き直した目標 {i}")
            drawn.append(self.shown(lambda change=change: window.show_change(change)))
        return updates, drawn

    def undos(self, runs: int) -> list[float]:
        """Ctrl+Z after a goal's title was written (a new undo step each time)."""
        goals, window, editor = self._middle_goal(), self.window, self.window.editor
        taken = []
        for i in range(runs):
            goal = goals[(i * 7) % len(goals)]
            window.show_change(editor.set_goal_field(goal, "title", f"元に戻す前の題名 {i}"))
            editor.seal()
            self._in_the_list()
            taken.append(self.shown(window.undo))
            if editor.plan.goal(goal).title == f"元に戻す前の題名 {i}":
                raise RuntimeError("undo did not take the title back")
        return taken

    def additions(self, runs: int) -> list[float]:
        """「目標を追加」 after the selected goal; undone (untimed) so that the plan keeps its size."""
        self._middle_goal()
        window = self.window
        before = len(window.editor.plan.goals)
        taken = []
        for _ in range(runs):
            taken.append(self.shown(window.add_goal))
            if len(window.editor.plan.goals) != before + 1:
                raise RuntimeError("no goal was added")
            self._in_the_list()
            window.undo()
            self.app.processEvents()
        return taken


if __name__ == "__main__":
    result = _measure(Path(sys.argv[1]), int(sys.argv[2]))
    Path(os.environ["HOSHIN_BENCH_OUT"]).write_text(json.dumps(result), encoding="utf-8")
