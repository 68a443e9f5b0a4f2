"""A SIGTERM (logout on Linux/macOS, ``kill``) closes the window the normal way: what was typed is
saved, the close backup is taken, the lock is released, and the next start reports no crash."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from hoshin_desktop.services.session import Session
from hoshin_desktop.services.startup import open_data
from hoshin_desktop.storage import backups

CHILD = Path(__file__).with_name("sigterm_child.py")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is POSIX (Windows: commitDataRequest)")


class NoQuestions:
    def __init__(self):
        self.calls = []

    def __getattr__(self, name):
        return lambda *args: self.calls.append(name)


def test_sigterm_saves_what_was_typed_and_ends_like_a_close(tmp_path):
    data_dir = tmp_path / "data"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, str(CHILD), str(data_dir), str(tmp_path / "settings")],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    lines = [child.stdout.readline() for _keystroke in range(6)]
    assert lines[0].startswith("typed 1 "), child.stderr.read()
    child.send_signal(signal.SIGTERM)  # while typing: the last keystrokes are still waiting for autosave
    lines += child.stdout.read().splitlines()
    stderr = child.stderr.read()
    assert child.wait(timeout=60) == 0, stderr  # not -15: the process was not cut off
    _typed, typed, year, department = lines[-1].split()

    assert not (data_dir / "hoshin.lock").exists()
    assert "close" in [b.reason for b in backups.list_backups(data_dir)]
    questions = NoQuestions()
    opened = open_data(data_dir, questions)
    opened.session.close()
    assert questions.calls == []  # no 「前回は正しく終了しませんでした」
    session = Session.open(data_dir)
    try:
        assert [g.title for g in session.load_plan(int(year), department).goals] == ["字" * int(typed)]
    finally:
        session.close()


FIRST_RUN_CHILD = Path(__file__).with_name("first_run_child.py")


@pytest.mark.parametrize("ending", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_signal_during_the_first_run_dialog_ends_like_a_close(tmp_path, ending):
    """A logout or a closed terminal while 「はじめに」 waits for the user's 部."""
    data_dir = tmp_path / "data"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, str(FIRST_RUN_CHILD), str(data_dir), str(tmp_path / "settings")],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    assert child.stdout.readline().strip() == "asked", child.stderr.read()
    assert (data_dir / "hoshin.lock").exists()  # the data is open while the dialog waits
    child.send_signal(ending)
    stderr = child.stderr.read()
    assert child.wait(timeout=60) == 0, stderr  # not killed by the signal
    assert "Traceback" not in stderr

    assert not (data_dir / "hoshin.lock").exists()
    assert "close" in [b.reason for b in backups.list_backups(data_dir)]
    questions = NoQuestions()
    opened = open_data(data_dir, questions)
    opened.session.close()
    assert questions.calls == []  # no 「前回は正しく終了しませんでした」
