"""Disk full and read-only storage while editing: a clear message, data intact, still usable."""

import sqlite3

import pytest

from hoshin_desktop.services.session import Session
from hoshin_desktop.storage.database import open_working
from hoshin_desktop.storage.errors import DatabaseLocked, DiskFull, ReadOnlyLocation, classify


@pytest.fixture
def editor(faults):
    editor = faults.session.editor(2024, "政策部")
    goal = editor.add_goal().select
    editor.set_goal_field(goal, "title", "保存済みの目標")
    return editor


def test_disk_full_says_so_and_keeps_everything(editor, faults, data_dir):
    session = faults.session
    goal = editor.plan.goals[0].id
    faults.disk_full()
    with pytest.raises(DiskFull, match="空き容量"):
        editor.set_goal_field(goal, "actions", "長い取組内容" * 2000)
    assert editor.plan.goals[0].actions == ""  # the failed edit did not half-apply in memory
    assert editor.undo_label == "目標の編集"  # and left no undo step behind
    faults.disk_freed()  # the app goes on
    editor.set_goal_field(goal, "actions", "取組内容")
    session.close()
    reopened = Session.open(data_dir)
    plan = reopened.load_plan(2024, "政策部")
    assert (plan.goals[0].title, plan.goals[0].actions) == ("保存済みの目標", "取組内容")
    reopened.close()


def test_read_only_storage_says_so_and_recovers(editor, faults):
    session = faults.session
    faults.read_only()
    with pytest.raises(ReadOnlyLocation, match="書き込めません"):
        editor.add_goal()
    assert len(editor.plan.goals) == 1
    faults.read_only(False)
    editor.add_goal()
    assert len(session.load_plan(2024, "政策部").goals) == 2


def test_unwritable_data_folder_on_open(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    with pytest.raises(ReadOnlyLocation, match="書き込めません"):
        open_working(blocker / "data", None)


@pytest.mark.parametrize("message, expected", [
    ("database is locked", DatabaseLocked),
    ("database or disk is full", DiskFull),
    ("attempt to write a readonly database", ReadOnlyLocation),
])
def test_sqlite_errors_are_sorted(message, expected):
    assert isinstance(classify(sqlite3.OperationalError(message)), expected)


def test_our_bugs_are_not_disguised():
    bug = sqlite3.OperationalError("no such column: titel")
    assert classify(bug) is bug
