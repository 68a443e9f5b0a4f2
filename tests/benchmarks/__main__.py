"""The benchmark command: ``python -m tests.benchmarks [--quick] [--check] [NAME ...]``.

Generates the city (10 fiscal years × 14 departments × 30 goals, seeded) in a temporary
folder, runs the chosen benchmarks (all by default), and prints every figure as a median
with the reference measured in the same run, their ratio, and PASS/FAIL against its
budget. Exit status 0 either way, unless --check is given: then 1 when a budget fails.
See README「性能」.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import sys
import tempfile
import time
from datetime import datetime
from importlib import metadata
from pathlib import Path

from . import collection, edit, export, frozen, mapping, memory, search, stalls, startup, undo, window
from .measure import ROOT, Context, Figure, child_environment

BENCHMARKS = {
    "startup": startup.run,
    "startup-instructions": startup.run_instructions,  # where valgrind is installed (about a minute)
    "stalls": stalls.run,
    "export-all": export.run_all,
    "export-pdf": export.run_pdf,
    "export-scaling": export.run_scaling,
    "edit": edit.run,
    "undo": undo.run,
    "search": search.run,
    "window": window.run,
    "memory": memory.run,
    "policy-mapping": mapping.run,
    "import-plans": collection.run_import,
    "booklet": collection.run_booklet,
    "frozen": frozen.run,  # builds the program first (PyInstaller, a few minutes)
}
YEARS = 10
GOALS = 30


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.list:
        print("\n".join(BENCHMARKS))
        return 0
    unknown = [name for name in args.names if name not in BENCHMARKS]
    if unknown:
        _parser().error(f"unknown benchmark {', '.join(unknown)} (choose from {', '.join(BENCHMARKS)})")
    # An installed copy runs from bytecode; without it every start would compile our modules first.
    compileall.compile_dir(ROOT / "hoshin_desktop", quiet=1)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="hoshin-bench-") as folder:
        ctx = _prepare(Path(folder), args.quick)
        print(_header(ctx, args.quick), flush=True)
        figures = []
        for name in args.names or BENCHMARKS:
            _progress(f"running {name} ...")
            figures += BENCHMARKS[name](ctx)
    print(report(figures))
    print(f"\n{len(figures)} figures in {time.perf_counter() - started:.0f} s{_load()}")
    failed = [figure.name for figure in figures if figure.passed is False]
    if failed:
        print(f"over budget: {'; '.join(failed)}")
    return 1 if args.check and failed else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks", description=__doc__.split("\n\n")[1])
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"benchmarks to run: {', '.join(BENCHMARKS)}")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (about a minute)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a budget fails")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    return parser


def _prepare(work: Path, quick: bool) -> Context:
    from hoshin_desktop.services.session import Session

    from .city import build_city

    _progress(f"generating the city: {YEARS} years × 14 departments × {GOALS} goals ...")
    city = work / "city"
    session = Session.open(city)
    try:
        build_city(session, years=YEARS, goals=GOALS)
        years = session.fiscal_years()
    finally:
        session.close()
    env, qt_platform = child_environment(work)
    return Context(work=work, city=city, years=years, quick=quick, env=env, platform=qt_platform)


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- the report ------------------------------------------------------------------------------------

def _header(ctx: Context, quick: bool) -> str:
    versions = ", ".join(f"{name} {_version(name)}" for name in ("PySide6-Essentials", "sqlite-utils", "python-docx"))
    return "\n".join([
        f"hoshin_desktop benchmarks, {datetime.now():%Y-%m-%d %H:%M}, {'quick' if quick else 'full'} run",
        f"machine: {_cpu()}, {os.cpu_count()} CPUs, {_memory()} RAM; {platform.platform()}",
        f"Python {platform.python_version()}; {versions}; Qt platform {ctx.platform}{_load()}",
        f"data: {len(ctx.years)} years × 14 departments × {GOALS} goals; figures are medians; "
        "ratio = figure / reference",
    ])


def report(figures: list[Figure]) -> str:
    rows = [("benchmark", "median", "runs", "reference (median)", "ratio", "budget", "result")]
    notes = {}
    for figure in figures:
        reference = f"{figure.reference} {_value(figure.reference_value, figure.unit)}" if figure.reference else "-"
        ratio = f"{figure.ratio:.2f}x" if figure.ratio is not None else "-"
        rows.append((figure.name, _value(figure.value, figure.unit) if figure.runs else "-", str(figure.runs),
                     reference, ratio, figure.budget or "(none)", figure.verdict))
        notes[len(rows) - 1] = figure.note
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for number, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
        if notes.get(number):
            lines.append(f"    {notes[number]}")
    return "\n" + "\n".join(lines)


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.3f} {unit}" if value < 10 else f"{value:.1f} {unit}"


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "?"


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _memory() -> str:
    try:
        return f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB"
    except (AttributeError, ValueError, OSError):
        return "? GiB"


def _load() -> str:
    """The load average: other work on the machine slows figures and references alike."""
    return f"; load average {os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else ""


if __name__ == "__main__":
    sys.exit(main())
