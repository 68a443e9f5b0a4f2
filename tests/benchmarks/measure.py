"""What every benchmark shares: timing as medians, child processes, figures and budgets.

A figure is always a median over repeated runs, shown beside a reference measured in the
same run (so a busy or slow machine moves both), and judged against its budget.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Figure:
    """One measured figure, its reference and whether it keeps its budget."""

    name: str
    value: float  # the median, in ``unit``
    unit: str  # "s", "ms" or "MB"
    runs: int
    reference: str = ""  # what the reference is, e.g. "bare PySide6 window"
    reference_value: float | None = None  # its median, in ``unit``
    budget: str = ""  # the budget in words, e.g. "ratio <= 2.0"; empty: none given
    passed: bool | None = None  # None: no budget, or skipped
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if not self.reference_value:
            return None
        return self.value / self.reference_value

    @property
    def verdict(self) -> str:
        if self.passed is None:
            return "SKIP" if self.budget else "-"
        return "PASS" if self.passed else "FAIL"


@dataclass
class Context:
    """What the benchmarks run against: the generated city, the repetitions, the child environment."""

    work: Path  # a temporary folder for this run
    city: Path  # data folder with 10 years × 14 departments × 30 goals
    years: list[int]
    quick: bool
    env: dict[str, str] = field(default_factory=dict)  # for child processes
    platform: str = ""  # the Qt platform the window figures use

    def runs(self, full: int, quick: int) -> int:
        return quick if self.quick else full


def median(values: list[float]) -> float:
    return statistics.median(values)


def time_calls(action: Callable[[int], object], runs: int) -> list[float]:
    """Seconds taken by ``action(i)`` for i in range(runs)."""
    times = []
    for i in range(runs):
        start = time.perf_counter()
        action(i)
        times.append(time.perf_counter() - start)
    return times


def run_process(command: list[str], env: dict[str, str], cwd: Path = ROOT) -> float:
    """Wall-clock seconds of a whole child process; its failure stops the benchmark with its output."""
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                          errors="replace")
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return elapsed


def interleaved(*commands: list[str], env: dict[str, str], runs: int) -> list[list[float]]:
    """Time the commands in turn (after one untimed warm-up each), so drifting load hits all alike."""
    for command in commands:
        run_process(command, env)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for command, taken in zip(commands, times):
            taken.append(run_process(command, env))
    return times


def python() -> str:
    return sys.executable


def child_environment(work: Path) -> tuple[dict[str, str], str]:
    """The environment of child processes, and the Qt platform it gives them.

    The repository's own code comes first on the path; the window's settings file lives in
    the run's temporary folder, so the user's own settings are neither read nor written.
    Without a display (Linux with no X or Wayland), the window figures use Qt's offscreen
    platform; run the whole benchmark under ``xvfb-run -a`` to use a real X server.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env["PYTHONIOENCODING"] = "utf-8"
    env["XDG_CONFIG_HOME"] = str(work / "config")
    if sys.platform.startswith("linux") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    platform = env.get("QT_QPA_PLATFORM") or _native_platform(env)
    return env, platform


def _native_platform(env: dict[str, str]) -> str:
    if sys.platform == "win32":
        return "windows"
    if sys.platform == "darwin":
        return "cocoa"
    return f"xcb (DISPLAY={env['DISPLAY']})" if env.get("DISPLAY") else "wayland"
