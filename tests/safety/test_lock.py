"""A second instance on the same data folder, and a lock left behind by a crash."""

import subprocess
import sys
import textwrap

from hoshin_desktop.storage.lock import InstanceLock, LockState


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
    lock.release()
    assert not (tmp_path / "hoshin.lock").exists()
