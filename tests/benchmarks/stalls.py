"""Stalls of the GUI thread in the 3 s after the window first appears.

A child process starts the app on the city's data as ``hoshin-desktop`` does
(``hoshin_desktop.ui.application.run``, so whatever the app does after its first paint is
in it). From the end of the main window's first paint it ticks a 5 ms timer on the GUI thread
for 3 s and records the gaps between the ticks: the longest gap is the longest time the window
could not have answered a click or a key. Budget 50 ms, the longest of each run, as a median
over the runs. The note gives the time from the window shown to the end of its first paint:
work done before the first paint does not stall the window but leaves it blank that long.

The reference is the same watch over the floor window (plain_window.py: the same data in
three plain lists), which does nothing after its paint: what the machine itself adds (other
programs, the scheduler, the collector).

Child process: ``python -m tests.benchmarks.stalls app|floor DATA_DIR OUT``.
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import time
from pathlib import Path

from .measure import Context, Figure, median, python, run_process

BUDGET_MS = 50.0
WATCH_S = 3.0
TICK_MS = 5


def run(ctx: Context) -> list[Figure]:
    data = ctx.work / "stalls"  # a copy: the app takes its backups and keeps its settings there
    if not data.exists():
        shutil.copytree(ctx.city, data)
    runs = ctx.runs(7, 3)
    longest: dict[str, list[float]] = {"app": [], "floor": []}
    painted: dict[str, list[float]] = {"app": [], "floor": []}
    for n in range(runs):
        for kind in longest:  # in turn, so that drifting load hits both alike
            out = ctx.work / f"stalls-{kind}-{n}.json"
            run_process([python(), "-m", "tests.benchmarks.stalls", kind, str(data), str(out)], ctx.env)
            result = json.loads(out.read_text(encoding="utf-8"))
            longest[kind].append(max(result["gaps"]))
            painted[kind].append(result["to_first_paint"])
    value = median(longest["app"])
    return [Figure("longest GUI-thread stall, 3 s after the first paint", value, "ms", runs,
                   reference="the same in the floor window", reference_value=median(longest["floor"]),
                   budget=f"< {BUDGET_MS:g} ms", passed=value < BUDGET_MS,
                   note=f"gaps between {TICK_MS} ms timer ticks; longest per run: "
                        + ", ".join(f"{gap:.0f}" for gap in longest["app"]) + " ms; from the window shown to the end of "
                        f"its first paint {median(painted['app']):.0f} ms (floor {median(painted['floor']):.0f} ms)")]


class _Watch:
    """Ticks from the end of the first paint of a top-level window, for ``seconds``, then quits."""

    def __init__(self, app, seconds: float):
        from PySide6.QtCore import QEvent, QObject, Qt, QTimer

        self.app, self.seconds = app, seconds
        self.ticks: list[float] = []
        self.shown: float | None = None  # when the window was shown
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        watch = self

        class FirstPaint(QObject):
            """Starts the watch when the first paint is done: at the first event after it that is
            not a paint (seen before it is handled, so the work the app does after its first
            paint is watched too)."""

            painted = False

            def eventFilter(self, obj, event):  # noqa: N802 (Qt's name)
                if event.type() == QEvent.Type.Show and obj.isWidgetType() and obj.isWindow() and watch.shown is None:
                    watch.shown = time.perf_counter()
                elif event.type() == QEvent.Type.Paint:
                    self.painted = True
                elif self.painted:
                    app.removeEventFilter(self)
                    watch._start()
                return False

        self._filter = FirstPaint()
        app.installEventFilter(self._filter)

    def _start(self) -> None:
        from PySide6.QtCore import QTimer

        self.ticks.append(time.perf_counter())
        self.timer.start()
        QTimer.singleShot(int(self.seconds * 1000), self._stop)

    def _tick(self) -> None:
        self.ticks.append(time.perf_counter())

    def _stop(self) -> None:
        self.timer.stop()
        self.app.quit()

    def gaps(self) -> list[float]:
        return [(b - a) * 1000 for a, b in zip(self.ticks, self.ticks[1:])]

    def to_first_paint(self) -> float:
        """From the window shown to the end of its first paint, in ms (what comes before the watch)."""
        return (self.ticks[0] - self.shown) * 1000 if self.shown is not None and self.ticks else float("nan")


def _app(data: Path) -> tuple[object, _Watch]:
    from argparse import Namespace

    from PySide6.QtCore import QSettings

    from hoshin_desktop.ui import first_run
    from hoshin_desktop.ui.application import create_application
    from hoshin_desktop.ui.application import run as run_window
    from hoshin_desktop.ui.settings import settings

    app = create_application()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(data / "settings"))
    settings().setValue(first_run.DONE_KEY, True)  # the first-run screen would wait for a click
    watch = _Watch(app, WATCH_S)
    code = run_window(Namespace(data_dir=data, exit_after_startup=False))
    if code != 0:
        raise SystemExit(f"the app ended with {code}")
    return app, watch


def _floor(data: Path) -> tuple[object, _Watch]:
    from PySide6.QtWidgets import QApplication

    from .plain_window import build

    app = QApplication.instance() or QApplication(sys.argv[:1])
    watch = _Watch(app, WATCH_S)
    window = build(app, data)
    window.show()
    app.exec()
    window.close()
    return app, watch


if __name__ == "__main__":
    kind, folder, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    _app_, watched = (_app if kind == "app" else _floor)(folder)
    gaps = watched.gaps()
    if not gaps:
        raise SystemExit("no tick was recorded: the window never painted")
    out.write_text(json.dumps({"gaps": gaps, "median": statistics.median(gaps), "to_first_paint": watched.to_first_paint()}),
                   encoding="utf-8")
