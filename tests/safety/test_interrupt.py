"""Ctrl+C (SIGINT) at random moments of every command: one Japanese line, exit 130, nothing half-written.

Each command runs as the user runs it (``python -m hoshin_desktop``) and is interrupted at a
random moment within its usual run time. Afterwards: no traceback, no lock file, no temporary
file, every output complete or absent, the data passes integrity_check and holds the plan either
as it was or as the command made it. Long version: ``python -m pytest -m slow tests/safety/test_interrupt.py``.
"""

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from contextlib import closing
from pathlib import Path

import pytest

from hoshin_desktop.interrupts import EXIT_CODE, MESSAGE
from hoshin_desktop.services.session import Session
from hoshin_desktop.storage.database import WORKING_DB_NAME

REPO = Path(__file__).resolve().parents[2]
BEFORE = [f"目標{n}" for n in range(40)]
AFTER = [f"取り込む目標{n}" for n in range(40)]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is POSIX here")


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """A data folder with a 40-goal plan, and plan files that change every title."""
    root = tmp_path_factory.mktemp("interrupt")
    data_dir = root / "data"
    session = Session.open(data_dir)
    editor = session.editor(2024, "政策部")
    for title in BEFORE:
        editor.set_goal_field(editor.add_goal().select, "title", title)
    session.backup("close")
    session.close()
    assert run(data_dir, "export-plan", "--year", "2024", "--department", "政策部", "--out",
               str(root / "own.json")).returncode == 0
    data = json.loads((root / "own.json").read_text(encoding="utf-8"))
    for goal, title in zip(data["goals"], AFTER):
        goal["title"] = title
    data["revision"] = data.get("revision", 1) + 1
    submitted = root / "提出"
    submitted.mkdir()
    for path in (root / "plan.json", submitted / "政策部.json"):
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return root


def run(data_dir: Path, *args: str, interrupt_after: float | None = None) -> subprocess.CompletedProcess:
    """The command as a user runs it, Ctrl+C ``interrupt_after`` s after the program began to
    handle it (before, Python itself is still starting, and no program could; Python's import
    timing says when the module that handles it was loaded). ``elapsed``: the run time from then."""
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    child = subprocess.Popen([sys.executable, "-m", "hoshin_desktop", "--data-dir", str(data_dir), *args],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO, env=env)
    for line in child.stderr:
        if line.rstrip().endswith("hoshin_desktop.interrupts"):
            break
    begun = time.monotonic()
    if interrupt_after is not None:
        time.sleep(interrupt_after)
        child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=180)
    done = subprocess.CompletedProcess(child.args, child.returncode, out,
                                       "".join(line for line in err.splitlines(True) if not line.startswith("import time:")))
    done.elapsed = time.monotonic() - begun
    return done


def commands(root: Path, out: Path) -> dict[str, list[str]]:
    plan = ["--year", "2024", "--department", "政策部"]
    return {
        "export-docx": ["export-docx", *plan, "--out", str(out / "計画.docx")],
        "export-pdf": ["export-pdf", *plan, "--out", str(out / "計画.pdf")],
        "export-booklet": ["export-booklet", "--year", "2024", "--out", str(out / "冊子.docx")],
        "export-plan": ["export-plan", *plan, "--out", str(out / "計画.json")],
        "export-matrix": ["export-matrix", "--year", "2024", "--out", str(out / "対応.xlsx")],
        "import-plan": ["import-plan", str(root / "plan.json")],
        "import-plans": ["import-plans", str(root / "提出")],
        "restore-backup": ["restore-backup", "close-000001"],  # completed below with the real name
        "check": ["check", *plan],
        "backups": ["backups"],
    }


def fresh_copy(root: Path, target: Path) -> Path:
    """The prepared data folder, copied with SQLite's backup API (the same data every round)."""
    data_dir = target / "data"
    (data_dir / "backups").mkdir(parents=True)
    for source in [root / "data" / WORKING_DB_NAME, *sorted((root / "data" / "backups").glob("*.db"))]:
        dest = data_dir / source.relative_to(root / "data")
        with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(dest)) as copy:
            src.backup(copy)
    return data_dir


def goal_titles(data_dir: Path) -> list[str]:
    with closing(sqlite3.connect(data_dir / WORKING_DB_NAME)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    session = Session.open(data_dir)
    try:
        return [g.title for g in session.load_plan(2024, "政策部").goals]
    finally:
        session.close()


def complete(path: Path) -> bool:
    """An output is whole: a .docx/.xlsx is a readable zip, a PDF ends with %%EOF, JSON parses."""
    if path.suffix in (".docx", ".xlsx"):
        with zipfile.ZipFile(path) as archive:
            return archive.testzip() is None
    if path.suffix == ".pdf":
        return path.read_bytes().rstrip().endswith(b"%%EOF")
    return bool(json.loads(path.read_text(encoding="utf-8")))


def interrupt_once(prepared: Path, tmp_path: Path, name: str, delay: float | None) -> tuple[bool, float]:
    """Run ``name``, interrupt it after ``delay`` s (None: not); check everything. Was it interrupted,
    and how long did it run?"""
    data_dir = fresh_copy(prepared, tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    args = commands(prepared, out)[name]
    if name == "restore-backup":
        args = ["restore-backup", next((data_dir / "backups").glob("close-*.db")).name]
    done = run(data_dir, *args, interrupt_after=delay)
    assert "Traceback" not in done.stderr, done.stderr
    # 1: `check` found something to say; -SIGINT: the command had finished, and Python, ending,
    # had handed Ctrl+C back to the system (a shell shows 130 for both)
    assert done.returncode in (0, 1, EXIT_CODE, -signal.SIGINT), done.stderr
    interrupted = done.returncode == EXIT_CODE
    if interrupted:
        assert done.stderr.strip().splitlines()[-1] == MESSAGE, done.stderr
    assert not (data_dir / "hoshin.lock").exists()
    leftovers = [p.name for p in [*out.iterdir(), *data_dir.iterdir(), *(data_dir / "backups").iterdir()]
                 if p.name.endswith((".tmp", ".new", ".restoring", ".check")) or p.name.startswith(".~")]
    assert leftovers == []
    for written in out.iterdir():
        assert complete(written), written
    assert goal_titles(data_dir) in (BEFORE, AFTER)
    return interrupted, done.elapsed


NAMES = ["export-docx", "export-pdf", "export-booklet", "export-plan", "export-matrix", "import-plan",
         "import-plans", "restore-backup", "check", "backups"]


@pytest.mark.parametrize("name", NAMES)
def test_ctrl_c_during_a_command_ends_cleanly(prepared, tmp_path, name):
    """Random moments within the command's usual run time until one interrupts it (a run that
    finished all the same must be clean too)."""
    rng = random.Random(f"{name}-{os.environ.get('HOSHIN_CRASH_SEED', '5')}")
    end = interrupt_once(prepared, tmp_path / "usual", name, None)[1]
    delays = []
    for n in range(4):  # until one is interrupted (a busy machine shifts the times)
        delays.append(rng.uniform(0.005, end * 0.8))
        if interrupt_once(prepared, tmp_path / str(n), name, delays[-1])[0]:
            return
    pytest.fail(f"never interrupted: runs {end:.2f} s, interrupted after {delays}")


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_ctrl_c_at_many_moments(prepared, tmp_path, name):
    rng = random.Random(f"{name}-{os.environ.get('HOSHIN_CRASH_SEED', '17')}")
    end = interrupt_once(prepared, tmp_path / "usual", name, None)[1]
    for round_ in range(12):
        interrupt_once(prepared, tmp_path / str(round_), name, rng.uniform(0.005, end))
