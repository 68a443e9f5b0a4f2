"""The frozen program (PyInstaller's one folder, as shipped): its size, and its cold start.

Builds the program with ``packaging/build.py`` into the run's temporary folder (PyInstaller:
a few minutes; skipped when PyInstaller is not installed, see packaging/requirements-build.txt):

- size of the one-folder program: budget 120 MB (this is the Linux build; a Windows one carries
  no ICU data, Qt there uses the system's). The note names the largest files.
- start-up to the first painted window of the frozen program, with the city's data, beside the
  same from the source tree (``python -m hoshin_desktop``): no budget; it shows what freezing
  costs or saves at start.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from .measure import ROOT, Context, Figure, interleaved, median, python, run_process

sys.path.insert(0, str(ROOT / "packaging"))
import bundle  # noqa: E402  (packaging/ is a folder of scripts, not a package)


def run(ctx: Context) -> list[Figure]:
    size_name, start_name = "one-folder program size", "frozen start-up to first painted window"
    if importlib.util.find_spec("PyInstaller") is None:
        note = "skipped: PyInstaller is not installed (pip install -r packaging/requirements-build.txt)"
        return [Figure(size_name, 0.0, "MB", 0, budget=f"<= {bundle.SIZE_BUDGET_MB} MB", note=note),
                Figure(start_name, 0.0, "s", 0, note=note)]
    program = build(ctx)
    size = bundle.size_mb(program)
    largest = ", ".join(f"{name.rsplit('/', 1)[-1]} {bytes_ / 2**20:.1f}"
                        for bytes_, name in bundle.files_by_size(program)[:5])
    size_figure = Figure(size_name, size, "MB", 1, budget=f"<= {bundle.SIZE_BUDGET_MB} MB",
                         note=f"{len(bundle.files_by_size(program))} files; largest (MB): {largest}")
    size_figure.passed = size <= bundle.SIZE_BUDGET_MB
    return [size_figure, start_up(ctx, program, start_name)]


def build(ctx: Context) -> Path:
    """The program as build.py makes it (its self-test is the tests' business, not timed here)."""
    work = ctx.work / "frozen"
    command = [python(), str(ROOT / "packaging" / "build.py"), "--skip-self-test",
               "--dist", str(work / "dist"), "--work", str(work / "build")]
    run_process(command, env=ctx.env)
    return work / "dist" / bundle.DIST_NAME


def start_up(ctx: Context, program: Path, name: str) -> Figure:
    frozen = [str(program / bundle.GUI_NAME), "--data-dir", str(ctx.city), "--exit-after-startup"]
    source = [python(), "-m", "hoshin_desktop", "--data-dir", str(ctx.city), "--exit-after-startup"]
    runs = ctx.runs(15, 5)
    frozen_times, source_times = interleaved(frozen, source, env=ctx.env, runs=runs)
    return Figure(name, median(frozen_times), "s", runs, reference="python -m hoshin_desktop",
                  reference_value=median(source_times), note=f"Qt platform {ctx.platform}; no budget")
