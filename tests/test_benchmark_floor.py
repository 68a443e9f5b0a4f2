"""The start-up floor reads the same plan the window opens on (tests/benchmarks/plain_window.py).

It reads the working data with plain SQL; a schema change that breaks it fails here, not
silently in a benchmark run.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from .benchmarks.city import build_city
from .benchmarks.plain_window import read_plan


def test_the_floor_shows_the_newest_years_first_department(session, data_dir):
    build_city(session, years=2, goals=4)
    year = session.fiscal_years()[-1]
    department = session.departments(year)[0].name
    plan = session.load_plan(year, department)

    title, directives, goals = read_plan(data_dir)

    assert title == f"{session.policy(year).title} {department}"
    assert len(directives) == len(session.policy(year).directives)
    assert [line.split(". ", 1)[1] for line in goals] == [goal.title for goal in plan.goals]


def test_the_floor_with_the_apps_qt_types_makes_what_the_window_made(session, data_dir, tmp_path):
    """qt_types_window.py collects the Qt types the app has made by its first paint, then runs the
    floor after making them: a rename in the app that stops the collection fails here."""
    build_city(session, years=1, goals=3)
    session.close()
    script = Path(__file__).parent / "benchmarks" / "qt_types_window.py"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               PYTHONPATH=str(Path(__file__).parent.parent))
    types = tmp_path / "types.json"
    collected = subprocess.run([sys.executable, str(script), "collect", str(data_dir), str(types)], env=env,
                               capture_output=True, text=True, timeout=120)
    assert collected.returncode == 0, collected.stderr
    made = json.loads(types.read_text(encoding="utf-8"))
    assert {"Qt", "QObject"} <= set(made["PySide6.QtCore"])
    assert {"QMainWindow", "QTreeView", "QPlainTextEdit", "QSplitter"} <= set(made["PySide6.QtWidgets"])

    floor = subprocess.run([sys.executable, str(script), str(data_dir), str(types)], env=env,
                           capture_output=True, text=True, timeout=120)
    assert floor.returncode == 0, floor.stderr
