"""Kill the app with SIGKILL in the middle of editing, many times; nothing logged is lost.

The short loop runs in CI; the long one is `python -m pytest -m slow tests/safety/test_crash.py`.
"""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hoshin_desktop.services.session import Session
from hoshin_desktop.storage.database import WORKING_DB_NAME

CHILD = Path(__file__).with_name("crash_child.py")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def kill_while_editing(data_dir: Path, log: Path, round_tag: str, rng: random.Random) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, str(CHILD), str(data_dir), round_tag, str(log)],
                             stdout=subprocess.PIPE, env=env, text=True)
    assert child.stdout.readline().strip() == "ready"
    _wait_for_an_edit(log, round_tag)  # on a loaded machine the first edit may come long after "ready"
    time.sleep(rng.uniform(0.0, 0.4))  # a random moment in the middle of the edits
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()


def _wait_for_an_edit(log: Path, round_tag: str, timeout: float = 30.0) -> None:
    """Until the child has logged an edit of this round (so that it is killed while editing)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and any(line.startswith(f"{round_tag} ") for line in log.read_text(encoding="utf-8").splitlines()):
            return
        time.sleep(0.01)


def op_order(value: str) -> tuple[int, int]:
    """"value-3-17-字字" → (round 3, edit 17)."""
    _kind, round_number, index, *_ = value.split("-")
    return int(round_number), int(index)


def check_logged_edits_present(data_dir: Path, log: Path) -> int:
    conn = sqlite3.connect(data_dir / WORKING_DB_NAME)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    session = Session.open(data_dir)
    try:
        plan = session.load_plan(2024, "政策部")
        goals = {g.id: g for g in plan.goals} if plan else {}
        last_value: dict[tuple, str] = {}
        pins: set[tuple] = set()
        lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
        for line in lines:
            _tag, _i, kind, *rest = line.split(" ", 5)
            if kind == "add_goal":
                assert int(rest[0]) in goals, line
            elif kind == "pin":
                pins.add((int(rest[0]), rest[1]))
            elif kind == "answer":
                last_value[("answer", rest[0])] = rest[1]
            else:
                last_value[(int(rest[0]), rest[1])] = rest[2]
        for goal_id, code in pins:
            assert code in goals[goal_id].directives
        for key, value in last_value.items():
            if key[0] == "answer":
                actual = plan.answer(key[1])
            else:
                actual = getattr(goals[key[0]], key[1])
            # the edit in flight when the process died may have reached the disk, unlogged
            assert op_order(actual) >= op_order(value), (key, value, actual)
        return len(lines)
    finally:
        session.close()


def crash_rounds(tmp_path: Path, rounds: int, seed: int) -> None:
    rng = random.Random(seed)
    data_dir, log = tmp_path / "data", tmp_path / "edits.log"
    Session.open(data_dir).close()
    logged = 0
    for n in range(rounds):
        kill_while_editing(data_dir, log, f"r{n}", rng)
        logged = check_logged_edits_present(data_dir, log)
    assert logged > rounds  # the children really were editing when killed


def test_sigkill_loses_no_committed_edit(tmp_path):
    crash_rounds(tmp_path, rounds=6, seed=1)


@pytest.mark.slow
def test_sigkill_many_rounds(tmp_path):
    crash_rounds(tmp_path, rounds=150, seed=int(os.environ.get("HOSHIN_CRASH_SEED", "7")))
