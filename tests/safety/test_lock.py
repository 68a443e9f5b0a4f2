"""A second instance on the same data folder, and a lock left behind by a crash."""

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from hoshin_desktop.services.session import Session
from hoshin_desktop.storage.lock import InstanceLock, LockInfo, LockState


def test_second_instance_is_told_the_folder_is_held(tmp_path):
    first = InstanceLock(tmp_path)
    assert first.acquire() == LockState.ACQUIRED
    second = InstanceLock(tmp_path)
    assert second.acquire() == LockState.HELD
    assert second.previous.pid is not None
    second.request_activation()
    assert first.take_activation_request() is True
    assert first.take_activation_request() is False
    first.release()
    assert InstanceLock(tmp_path).acquire() == LockState.ACQUIRED


def test_stale_lock_from_a_killed_process_is_recovered(tmp_path):
    code = textwrap.dedent(f"""
        import os, signal
        from hoshin_desktop.storage.lock import InstanceLock
        InstanceLock({str(tmp_path)!r}).acquire()
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    subprocess.run([sys.executable, "-c", code])
    assert (tmp_path / "hoshin.lock").exists()
    lock = InstanceLock(tmp_path)
    assert lock.acquire() == LockState.RECOVERED
    assert lock.previous.pid not in (None,)
    assert re.search(r"令和\d+年\d+月\d+日 \d\d:\d\d から", lock.previous.describe())  # dated as every screen dates
    lock.release()
    assert not (tmp_path / "hoshin.lock").exists()


@pytest.mark.parametrize("link", ["symbolic", "hard", "dangling"])
def test_lock_never_writes_through_a_link(tmp_path, link):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    target = tmp_path / "outside.txt"
    target.write_text("他のファイルの中身", encoding="utf-8")
    lock_path = data_dir / "hoshin.lock"
    if link == "symbolic":
        lock_path.symlink_to(target)
    elif link == "hard":
        os.link(target, lock_path)
    else:
        lock_path.symlink_to(tmp_path / "not-yet.txt")
    lock = InstanceLock(data_dir)
    assert lock.acquire() in (LockState.ACQUIRED, LockState.RECOVERED)
    assert lock_path.is_file() and not lock_path.is_symlink() and lock_path.stat().st_nlink == 1
    second = InstanceLock(data_dir)
    assert second.acquire() == LockState.HELD  # the lock still works
    lock.release()
    assert target.read_text(encoding="utf-8") == "他のファイルの中身"
    assert not (tmp_path / "not-yet.txt").exists()


def test_activation_request_never_writes_through_a_link(tmp_path):
    target = tmp_path / "outside.txt"
    target.write_text("そのまま", encoding="utf-8")
    first = InstanceLock(tmp_path / "data")
    first.acquire()
    (tmp_path / "data" / "hoshin.activate").symlink_to(target)
    InstanceLock(tmp_path / "data").request_activation()
    assert first.take_activation_request() is True
    assert target.read_text(encoding="utf-8") == "そのまま"
    first.release()


def test_import_with_a_symlinked_lock_leaves_the_target_alone(tmp_path):
    """As reported: data/hoshin.lock made a link, then import-plan run from the command line."""
    repo = Path(__file__).resolve().parents[2]
    data_dir = tmp_path / "data"
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "hoshin_desktop", "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, cwd=repo, timeout=120)
    session = Session.open(data_dir)
    editor = session.editor(2024, "政策部")
    editor.set_goal_field(editor.add_goal().select, "title", "取り込む目標")
    session.close()
    plan_file = tmp_path / "plan.json"
    assert run("export-plan", "--year", "2024", "--department", "政策部", "--out", str(plan_file)).returncode == 0
    target = tmp_path / "important.txt"
    target.write_bytes(b"important data\n")
    (data_dir / "hoshin.lock").symlink_to(target)
    done = run("import-plan", str(plan_file))
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == b"important data\n"
    assert not (data_dir / "hoshin.lock").exists()


def test_a_lock_file_written_by_another_program_is_described_as_it_stands():
    assert LockInfo(since="昨日の朝").describe() == "（昨日の朝 から）"


@pytest.mark.parametrize("moment", ["reading the last holder", "writing who holds it", "letting go"])
def test_ctrl_c_while_the_lock_is_taken_or_let_go_leaves_no_lock_file(tmp_path, monkeypatch, moment):
    """A lock file left behind says "the last session did not end normally" at the next start."""
    from hoshin_desktop.storage import lock as lock_module

    (tmp_path / "hoshin.lock").write_bytes(b"")  # left by an earlier run: the holder is read first
    lock = InstanceLock(tmp_path)

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    if moment == "letting go":
        assert lock.acquire() is LockState.ACQUIRED
        taking = lock_module._lock_byte
        monkeypatch.setattr(lock_module, "_lock_byte", lambda handle, exclusive: (
            taking(handle, exclusive) if exclusive else interrupted()))
        with pytest.raises(KeyboardInterrupt):
            lock.release()
    else:
        monkeypatch.setattr(InstanceLock, "read_info" if moment == "reading the last holder" else "_write_info",
                            interrupted)
        with pytest.raises(KeyboardInterrupt):
            lock.acquire()
    monkeypatch.undo()
    assert not (tmp_path / "hoshin.lock").exists()
    again = InstanceLock(tmp_path)
    assert again.acquire() is LockState.ACQUIRED  # not RECOVERED: nothing crashed, and nothing holds it
    again.release()
