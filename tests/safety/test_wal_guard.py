"""The copy of each write from hoshin.db-wal into hoshin.db (storage/wal_guard.py) over a working day:
one thread for the whole session, the -wal started over by it between writes, nothing left at close."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from hoshin_desktop.services.session import Session
from hoshin_desktop.storage import wal_guard
from hoshin_desktop.storage.database import WORKING_DB_NAME

ROOT = Path(__file__).resolve().parents[2]
PAUSE_S = 0.4  # the user stops typing; the autosave writes after a pause like this one


def copiers() -> set[threading.Thread]:
    return {thread for thread in threading.enumerate() if thread.name == "hoshin-checkpoint"}


def wait_for(condition, what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.01)


def in_database_file(data_dir: Path, text: str) -> bool:
    """Is ``text`` in hoshin.db itself (copied there), not only in the -wal?"""
    return text.encode("utf-8") in (data_dir / WORKING_DB_NAME).read_bytes()


def wal_round(data_dir: Path) -> int:
    """How many times the -wal was started over (its header's checkpoint sequence number)."""
    return int.from_bytes((data_dir / f"{WORKING_DB_NAME}-wal").read_bytes()[12:16], "big")


def test_writes_after_pauses_share_one_thread_that_starts_the_wal_over_between_them(session, monkeypatch):
    # the thread waits this long before it starts the -wal over: time enough, even on a busy machine,
    # to look at the -wal right after each write
    monkeypatch.setattr(wal_guard, "QUIET_S", PAUSE_S)
    editor = session.editor(2024, "政策部")
    goal = editor.add_goal().select
    added = wal_round(session.data_dir)
    wait_for(lambda: wal_round(session.data_dir) > added, "the -wal was not started over after the first write")
    seen: set[threading.Thread] = set()
    for n in range(3):
        before = wal_round(session.data_dir)
        editor.set_goal_field(goal, "title", f"休みながらの入力{n}")
        assert wal_round(session.data_dir) == before  # the write appended: the -wal was started over already
        seen |= copiers()
        wait_for(lambda n=n: in_database_file(session.data_dir, f"休みながらの入力{n}"), "the write was not copied")
        # the header of the next round is written (and synced) by the thread, not by the next write
        wait_for(lambda before=before: wal_round(session.data_dir) > before, "the -wal was not started over")
        time.sleep(PAUSE_S)
        seen |= copiers()
    assert len(seen) == 1 and all(thread.is_alive() for thread in seen)


def test_close_after_a_write_leaves_everything_in_the_database_and_no_thread(data_dir):
    session = Session.open(data_dir)
    editor = session.editor(2024, "政策部")
    editor.set_goal_field(editor.add_goal().select, "title", "閉じる直前の入力")
    assert copiers()
    session.close()
    assert not copiers()
    wal = data_dir / f"{WORKING_DB_NAME}-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    assert in_database_file(data_dir, "閉じる直前の入力")


def test_the_thread_is_stopped_for_a_rescue_and_started_again_by_the_next_write(session):
    """A -wal deleted under the app is rebuilt by its one connection: the thread lets go of its own first."""
    editor = session.editor(2024, "政策部")
    goal = editor.add_goal().select
    [first] = copiers()
    (session.data_dir / f"{WORKING_DB_NAME}-wal").unlink()
    editor.set_goal_field(goal, "title", "消された後の入力")
    assert any("hoshin.db-wal" in notice for notice in session.take_notices())
    assert not first.is_alive()
    [second] = copiers()
    wait_for(lambda: in_database_file(session.data_dir, "消された後の入力"), "the write after the rescue was not copied")
    assert second.is_alive()


def test_an_open_session_does_not_keep_the_program_from_ending(data_dir):
    child = (
        "from pathlib import Path\n"
        "from hoshin_desktop.services.session import Session\n"
        f"session = Session.open(Path({str(data_dir)!r}))\n"
        "editor = session.editor(2024, '政策部')\n"
        "editor.set_goal_field(editor.add_goal().select, 'title', '閉じずに終わる')\n"
        "print('written', flush=True)\n"  # and the program ends without closing the session
    )
    done = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "written", done.stderr
    reopened = Session.open(data_dir)
    assert [goal.title for goal in reopened.load_plan(2024, "政策部").goals] == ["閉じずに終わる"]
    reopened.close()
