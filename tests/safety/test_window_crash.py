"""The window killed while the user types: every keystroke older than the autosave delay is on disk.

The child runs the real main window and types into a new goal's title; the parent kills it
with SIGKILL at a random moment. Long version: `python -m pytest -m slow tests/safety/test_window_crash.py`.
"""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from hoshin_desktop.services.session import Session
from hoshin_desktop.storage.database import WORKING_DB_NAME

CHILD = Path(__file__).with_name("window_crash_child.py")
ROOT = Path(__file__).resolve().parents[2]
AUTOSAVE_PROMISE_S = 1.0  # "every edit is on disk within about a second of the last keystroke"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def harm_wal(data_dir: Path, harm: str, rng: random.Random) -> None:
    """What a sync client or a clean-up tool does to the -wal file under the running app."""
    wal = data_dir / f"{WORKING_DB_NAME}-wal"
    if harm == "delete":
        wal.unlink(missing_ok=True)
    elif harm == "truncate" and wal.exists():
        os.truncate(wal, rng.randrange(0, max(1, wal.stat().st_size)))


def type_then_kill(data_dir: Path, rng: random.Random, harm: str | None = None) -> list[float]:
    """Start the window, let it type for a while (``harm`` the -wal file at a random moment), kill it;
    returns when each keystroke was typed."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, str(CHILD), str(data_dir)], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, env=env, text=True)
    assert child.stdout.readline().strip() == "ready"
    typed: list[float] = []

    def read() -> None:
        for line in child.stdout:
            if line.startswith("typed "):
                typed.append(float(line.split()[2]))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if harm:
        time.sleep(rng.uniform(0.8, 1.6))
        harm_wal(data_dir, harm, rng)
        time.sleep(rng.uniform(0.0, 1.0))
    else:
        time.sleep(rng.uniform(1.5, 2.5))
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    reader.join(timeout=10)
    return [t for t in typed if t <= time.monotonic()]


def stored_titles(data_dir: Path) -> list[str]:
    """The stored goals' titles, oldest goal first (a new goal lands after the selected one on paper, so
    from the third round on the paper's last goal is not the one just typed into)."""
    conn = sqlite3.connect(data_dir / WORKING_DB_NAME)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    session = Session.open(data_dir)
    try:
        return [g.title for g in sorted(session.load_plan(2024, "政策部").goals, key=lambda goal: goal.id or 0)]
    finally:
        session.close()


def kill_rounds(tmp_path: Path, rounds: int, seed: int, harm: str | None = None) -> None:
    rng = random.Random(seed)
    data_dir = tmp_path / "data"
    for n in range(rounds):
        typed = type_then_kill(data_dir, rng, harm)
        kill_time = time.monotonic()
        assert len(typed) > 20, "the child did not type"
        old_enough = [t for t in typed if t < kill_time - AUTOSAVE_PROMISE_S]
        titles = stored_titles(data_dir)
        assert len(titles) == n + 1  # one new goal per round, none lost
        assert len(titles[-1]) >= len(old_enough), (len(titles[-1]), len(old_enough), len(typed))


def test_typing_survives_a_killed_window(tmp_path):
    kill_rounds(tmp_path, rounds=2, seed=3)


@pytest.mark.slow
def test_typing_survives_many_killed_windows(tmp_path):
    kill_rounds(tmp_path, rounds=25, seed=int(os.environ.get("HOSHIN_CRASH_SEED", "11")))


@pytest.mark.parametrize("harm", ["delete", "truncate"])
def test_typing_survives_a_harmed_wal_and_a_killed_window(tmp_path, harm):
    """The -wal file deleted or cut short by another program while the user types, then the app killed."""
    kill_rounds(tmp_path, rounds=2, seed=5, harm=harm)


@pytest.mark.slow
@pytest.mark.parametrize("harm", ["delete", "truncate"])
def test_typing_survives_many_harmed_wals_and_killed_windows(tmp_path, harm):
    kill_rounds(tmp_path, rounds=20, seed=int(os.environ.get("HOSHIN_CRASH_SEED", "13")), harm=harm)
