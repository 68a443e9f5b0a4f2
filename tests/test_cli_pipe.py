"""A command whose reader goes away (``… | head -1``) stops quietly, as other command-line tools do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hoshin_desktop.services.session import Session

ROOT = Path(__file__).resolve().parent.parent


def test_a_closed_output_pipe_ends_the_command_quietly_with_141(data_dir):
    session = Session.open(data_dir)
    editor = session.editor(2024, "政策部")
    for _ in range(200):  # empty goals: some 140 KB of findings, twice what a pipe holds: the writer must meet the close
        editor.add_goal()
    session.close()
    command = [sys.executable, "-m", "hoshin_desktop", "--data-dir", str(data_dir), "check",
               "--year", "2024", "--department", "政策部"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    first = process.stdout.readline().decode("utf-8")
    process.stdout.close()  # as `head -1` does after its line
    stderr = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=60) == 141
    assert first.startswith("令和6年度 政策部: 提出前の確認で") and stderr == ""

    whole = subprocess.run(command, capture_output=True, env=env, cwd=ROOT, timeout=60)
    assert whole.returncode == 1 and len(whole.stdout.decode("utf-8").splitlines()) > 300  # read to the end: as before


@pytest.mark.parametrize("arguments", [["--help"], ["--version"], ["check", "--help"]])
def test_help_into_a_closed_pipe_ends_quietly_too(arguments):
    """argparse prints and leaves by SystemExit, before any command runs: the flush at exit met the closed
    pipe and Python printed 'Exception ignored … BrokenPipeError' (exit 120)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}  # as a user's shell
    env["PYTHONPATH"] = str(ROOT)
    process = subprocess.Popen([sys.executable, "-m", "hoshin_desktop", *arguments], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env, cwd=ROOT)
    process.stdout.close()  # before the program writes: as `| head -1` that has its line, or `| true`
    stderr = process.stderr.read().decode("utf-8")
    assert (process.wait(timeout=60), stderr) == (141, "")
