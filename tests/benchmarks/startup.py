"""Cold start: a new process to the first painted main window with the city's data loaded.

Measured from outside, as a user waits for it: ``hoshin-desktop --data-dir D
--exit-after-startup`` (open the data, build the window on the newest year's plan, paint
once, exit 0) against the product's own floor, plain_window.py: a process that shows the same
data (the menu titles, the newest year's directives and the first department's goal titles,
in Japanese with the font the app chooses) in three plain lists, with no app code. Budget: at
most 2.0× the floor. "Cold" means a fresh process; the operating system's file cache is warm
(one untimed run of each comes first). The three processes run in turn, so that drifting
load hits all alike.

A bare PySide6 window (bare_window.py) is reported beside them, without a budget: the floor's
own distance from it is what Japanese text and the data cost before the app builds anything.
So is the floor with the app's Qt types (qt_types_window.py): the floor after PySide6 has made
the Python types (and their enums) of every Qt class the app's window had used by its first
paint, which any window built of the same classes pays; the app's own work is the rest.

``startup-instructions`` counts the instructions of one start of each (valgrind's callgrind,
where valgrind is installed; about a minute): a figure that a busy machine does not move, to
compare two versions of the app. It has no budget of its own: the budget is judged on time, and
an instruction of the app's Python costs more time than one of the floor's Qt.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from .measure import ROOT, Context, Figure, interleaved, median, python, run_process

BUDGET = 2.0
BARE_WINDOW = Path(__file__).with_name("bare_window.py")
PLAIN_WINDOW = Path(__file__).with_name("plain_window.py")
QT_TYPES_WINDOW = Path(__file__).with_name("qt_types_window.py")


def run(ctx: Context) -> list[Figure]:
    app = [python(), "-m", "hoshin_desktop", "--data-dir", str(ctx.city), "--exit-after-startup"]
    bare = [python(), str(BARE_WINDOW)]
    plain = [python(), str(PLAIN_WINDOW), str(ctx.city)]
    typed = [python(), str(QT_TYPES_WINDOW), str(ctx.city), str(_app_qt_types(ctx))]
    runs = ctx.runs(21, 7)
    app_times, plain_times, bare_times, typed_times = interleaved(app, plain, bare, typed, env=ctx.env, runs=runs)
    floor = "floor: the same data in three plain lists"
    figure = Figure("start-up to first painted window", median(app_times), "s", runs,
                    reference=floor, reference_value=median(plain_times),
                    budget=f"ratio <= {BUDGET}", note=f"Qt platform {ctx.platform}")
    figure.passed = figure.ratio <= BUDGET
    floor_figure = Figure("  the floor itself", median(plain_times), "s", runs,
                          reference="bare PySide6 window process", reference_value=median(bare_times),
                          note="no app code (tests/benchmarks/plain_window.py); no budget")
    typed_figure = Figure("  the floor with the app's Qt types", median(typed_times), "s", runs, reference=floor,
                          reference_value=median(plain_times),
                          note="the Python types PySide6 makes for the Qt classes the window uses; no budget")
    return [figure, floor_figure, typed_figure]


def _app_qt_types(ctx: Context) -> Path:
    """The Qt types the app has made by its first paint on the city (one start, in its own process)."""
    out = ctx.work / "app_qt_types.json"
    subprocess.run([python(), str(QT_TYPES_WINDOW), "collect", str(ctx.city), str(out)], env=ctx.env, cwd=ROOT,
                   check=True, capture_output=True)
    return out


def run_instructions(ctx: Context) -> list[Figure]:
    name = "start-up instructions (callgrind)"
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return [Figure(name, 0.0, "G", 0, note="skipped: valgrind is not installed")]
    app = [python(), "-m", "hoshin_desktop", "--data-dir", str(ctx.city), "--exit-after-startup"]
    plain = [python(), str(PLAIN_WINDOW), str(ctx.city)]
    return [Figure(name, _instructions(valgrind, app, ctx) / 1e9, "G", 1, reference="the floor",
                   reference_value=_instructions(valgrind, plain, ctx) / 1e9,
                   note="no budget: one run each, the same on a busy machine; the budget is on time")]


def _instructions(valgrind: str, command: list[str], ctx: Context) -> int:
    run_process(command, ctx.env)  # as the timed figure: a start after the first (which builds and checks the data)
    done = subprocess.run([valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
                          env=ctx.env, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", errors="replace")
    found = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    if done.returncode != 0 or found is None:
        raise RuntimeError(f"callgrind of {' '.join(command)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    return int(found.group(1))
