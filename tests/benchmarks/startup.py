"""Cold start: a new process to the first painted main window with the city's data loaded.

Measured from outside, as a user waits for it: ``hoshin-desktop --data-dir D
--exit-after-startup`` (open the data, build the window on the newest year's plan, paint
once, exit 0) against a bare PySide6 window process. "Cold" means a fresh process; the
operating system's file cache is warm (one untimed run of each comes first).

A third process, plain_window.py, shows the same data in three plain lists with no app
code: the floor the stack itself sets, reported beside the budget (it has none).
"""

from __future__ import annotations

from pathlib import Path

from .measure import Context, Figure, interleaved, median, python

BUDGET = 1.3
BARE_WINDOW = Path(__file__).with_name("bare_window.py")
PLAIN_WINDOW = Path(__file__).with_name("plain_window.py")


def run(ctx: Context) -> list[Figure]:
    app = [python(), "-m", "hoshin_desktop", "--data-dir", str(ctx.city), "--exit-after-startup"]
    bare = [python(), str(BARE_WINDOW)]
    plain = [python(), str(PLAIN_WINDOW), str(ctx.city)]
    runs = ctx.runs(21, 7)
    app_times, bare_times, plain_times = interleaved(app, bare, plain, env=ctx.env, runs=runs)
    reference = "bare PySide6 window process"
    figure = Figure("start-up to first painted window", median(app_times), "s", runs,
                    reference=reference, reference_value=median(bare_times),
                    budget=f"ratio <= {BUDGET}", note=f"Qt platform {ctx.platform}")
    figure.passed = figure.ratio <= BUDGET
    floor = Figure("  floor: the plan's data in three plain lists", median(plain_times), "s", runs,
                   reference=reference, reference_value=median(bare_times),
                   note="no app code (tests/benchmarks/plain_window.py); no budget")
    return [figure, floor]
