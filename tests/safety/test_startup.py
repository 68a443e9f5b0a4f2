"""Opening the data folder: second instance, crash recovery, damaged data and its restore."""

import os
import sqlite3
import subprocess
import sys
import textwrap
import threading

import pytest

from hoshin_desktop.services.startup import CorruptChoice, open_data
from hoshin_desktop.storage import backups
from hoshin_desktop.storage.database import WORKING_DB_NAME


class Answers:
    def __init__(self, damaged_choice=CorruptChoice.QUIT):
        self.damaged_choice = damaged_choice
        self.calls = []

    def already_running(self, info):
        self.calls.append(("already_running", info.pid))

    def recovered_after_crash(self, info):
        self.calls.append(("recovered", info.pid))

    def damaged(self, error, backup):
        self.calls.append(("damaged", backup.reason if backup else None))
        return self.damaged_choice


def write_plan(session, text):
    editor = session.editor(2024, "政策部")
    editor.set_preamble(text)


def test_clean_open_takes_a_backup_and_close_releases(data_dir):
    answers = Answers()
    opened = open_data(data_dir, answers)
    write_plan(opened.session, "前文")
    opened.session.close(backup=True)
    assert answers.calls == []
    reasons = [b.reason for b in backups.list_backups(data_dir)]
    assert reasons.count("open") == 1 and reasons.count("close") == 1
    assert not (data_dir / "hoshin.lock").exists()


def test_second_instance_defers_to_the_running_one(data_dir):
    first = open_data(data_dir, Answers())
    answers = Answers()
    second = open_data(data_dir, answers)
    assert second.session is None
    assert answers.calls == [("already_running", os.getpid())]
    assert first.session.activation_requested() is True
    write_plan(first.session, "一つ目の画面は使い続けられる")
    first.session.close()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_lock_left_by_a_crash_is_taken_over_and_reported(data_dir):
    code = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from hoshin_desktop.services.startup import open_data
        class A:
            pass
        opened = open_data(Path({str(data_dir)!r}), A())
        opened.session.editor(2024, "政策部").set_preamble("落ちる前の入力")
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    subprocess.run([sys.executable, "-c", code], check=False)
    answers = Answers()
    opened = open_data(data_dir, answers)
    assert answers.calls[0][0] == "recovered"
    assert opened.session.load_plan(2024, "政策部").preamble == "落ちる前の入力"
    opened.session.close()


def damage(data_dir):
    path = data_dir / WORKING_DB_NAME
    path.write_bytes(path.read_bytes()[:4096] + b"\xde\xad" * 4000)
    return path.read_bytes()


def test_damaged_data_restored_from_backup_on_request(data_dir):
    opened = open_data(data_dir, Answers())
    write_plan(opened.session, "バックアップ済みの前文")
    opened.session.close(backup=True)
    damaged = damage(data_dir)
    answers = Answers(CorruptChoice.RESTORE)
    opened = open_data(data_dir, answers)
    assert answers.calls == [("damaged", "close")]
    assert "復元しました" in opened.message
    assert opened.session.load_plan(2024, "政策部").preamble == "バックアップ済みの前文"
    opened.session.close()
    kept = list(data_dir.glob(f"damaged-*/{WORKING_DB_NAME}"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged


def test_damaged_data_quit_leaves_everything_untouched(data_dir):
    open_data(data_dir, Answers()).session.close(backup=True)
    damaged = damage(data_dir)
    opened = open_data(data_dir, Answers(CorruptChoice.QUIT))
    assert opened.session is None
    assert (data_dir / WORKING_DB_NAME).read_bytes() == damaged
    assert not (data_dir / "hoshin.lock").exists()


def test_damaged_without_backup_can_start_empty(data_dir):
    open_data(data_dir, Answers()).session.close()
    for backup in backups.list_backups(data_dir):
        backup.path.unlink()
    damage(data_dir)
    answers = Answers(CorruptChoice.START_EMPTY)
    opened = open_data(data_dir, answers)
    assert answers.calls == [("damaged", None)]
    assert opened.session.fiscal_years() == [2024]
    opened.session.close()
    assert list(data_dir.glob("damaged-*/hoshin.db"))


def test_the_window_takes_the_open_backup_after_its_first_paint(data_dir):
    opened = open_data(data_dir, Answers(), backup_now=False)  # what the window asks for
    try:
        assert backups.list_backups(data_dir) == []
        assert opened.take_open_backup() == ""
        assert [b.reason for b in backups.list_backups(data_dir)] == ["open"]
    finally:
        opened.session.close()


def test_the_open_backup_taken_on_its_thread_holds_the_data_as_it_was_opened(data_dir, monkeypatch):
    """The window copies the data on a thread of its own; an edit written while the copy waits is
    in the data, not in the 「起動時」 backup, which holds what was there when it was asked for."""
    opened = open_data(data_dir, Answers(), backup_now=False)
    write_plan(opened.session, "開いたときの方針")
    edited, take = threading.Event(), backups.take_backup
    monkeypatch.setattr(backups, "take_backup", lambda *args, **kwargs: edited.wait(10) and take(*args, **kwargs))
    notes = []
    try:
        copy = threading.Thread(target=opened.open_backup_job(notes.append))
        copy.start()
        write_plan(opened.session, "コピーの最中に書いた方針")
        edited.set()
        copy.join()
        assert notes == [""]
        [backup] = backups.list_backups(data_dir)
        assert backup.reason == "open"
        taken = sqlite3.connect(backup.path)
        assert [row[0] for row in taken.execute("SELECT preamble FROM plans")] == ["開いたときの方針"]
        taken.close()
        assert opened.session.load_plan(2024, "政策部").preamble == "コピーの最中に書いた方針"
    finally:
        opened.session.close()


def test_an_open_backup_that_cannot_be_copied_on_its_thread_becomes_a_note(data_dir):
    opened = open_data(data_dir, Answers(), backup_now=False)
    notes = []
    try:
        (data_dir / "backups").write_text("a file where the backup folder belongs", encoding="utf-8")
        opened.open_backup_job(notes.append)()
        [note] = notes
        assert note.startswith("起動時のバックアップを作れませんでした")
        write_plan(opened.session, "データは使い続けられる")
    finally:
        opened.session.close()


def test_an_open_backup_that_cannot_be_written_becomes_a_note_not_a_failure(data_dir):
    opened = open_data(data_dir, Answers(), backup_now=False)
    try:
        (data_dir / "backups").write_text("a file where the backup folder belongs", encoding="utf-8")
        note = opened.take_open_backup()
        assert note.startswith("起動時のバックアップを作れませんでした")
        write_plan(opened.session, "データは使い続けられる")
    finally:
        opened.session.close()
