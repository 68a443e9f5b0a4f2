"""Safe writing: the old file survives every failure, and each failure has a Japanese message."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import time

import pytest

from hoshin_desktop.export import atomic
from hoshin_desktop.export.atomic import (
    ExportError,
    FolderMissing,
    FolderNotWritable,
    NoSpace,
    PathTooLong,
    TargetInUse,
    TargetIsFolder,
    atomic_target,
    write_bytes,
)


def test_writes_and_replaces(tmp_path):
    target = tmp_path / "a.docx"
    write_bytes(target, b"one")
    write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]


def windows(error: OSError, winerror: int) -> OSError:
    """The error as Windows raises it (with its own error number)."""
    error.winerror = winerror
    return error


def fail_replace(monkeypatch, error: OSError):
    def replace(src, dst):
        raise error
    monkeypatch.setattr(atomic.os, "replace", replace)


@pytest.mark.parametrize("error, kind, words", [
    (windows(PermissionError(errno.EACCES, "Access is denied"), 5), TargetInUse, "Word などのほかのプログラムで開かれている"),
    (OSError(errno.ENOSPC, "No space left on device"), NoSpace, "空き容量が足りない"),
])
def test_failed_replace_keeps_the_old_file(tmp_path, monkeypatch, error, kind, words):
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")
    fail_replace(monkeypatch, error)
    with pytest.raises(kind, match=words) as caught:
        write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]
    assert caught.value.path == target


def test_windows_sharing_violation_means_open_in_word(tmp_path):
    error = PermissionError(errno.EACCES, "The process cannot access the file")
    error.winerror = 32
    assert isinstance(atomic.classify(error, tmp_path / "a.docx"), TargetInUse)


def test_vanished_folder(tmp_path):
    with pytest.raises(FolderMissing, match="見つかりません") as caught:
        write_bytes(tmp_path / "gone" / "a.docx", b"x")
    assert "別のフォルダー" in str(caught.value)


def test_read_only_folder(tmp_path, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() == 0:  # root writes anywhere: make the folder refuse the way Windows does
        real_open = open

        def refusing_open(path, mode="r", *args, **kwargs):
            if str(path).startswith(str(folder)) and "x" in mode:
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(path, mode, *args, **kwargs)

        monkeypatch.setattr("builtins.open", refusing_open)
    else:
        folder.chmod(0o555)
    try:
        with pytest.raises(FolderNotWritable, match="読み取り専用"):
            write_bytes(folder / "a.docx", b"x")
    finally:
        folder.chmod(0o755)


def test_too_long_path_is_refused_before_writing(tmp_path):
    target = tmp_path / ("長い名前" * 70 + ".docx")
    with pytest.raises(PathTooLong, match="パスが長すぎます"):
        write_bytes(target, b"x")
    assert list(tmp_path.iterdir()) == []


def test_name_too_long_for_the_file_system(tmp_path):
    error = OSError(errno.ENAMETOOLONG, "File name too long")
    assert isinstance(atomic.classify(error, tmp_path / "a.docx"), PathTooLong)


def test_target_that_is_a_folder(tmp_path):
    (tmp_path / "a.docx").mkdir()
    with pytest.raises(TargetIsFolder):
        write_bytes(tmp_path / "a.docx", b"x")


def test_an_error_inside_the_block_removes_the_partial_file(tmp_path):
    with pytest.raises(ValueError):
        with atomic_target(tmp_path / "a.docx") as partial:
            partial.write_bytes(b"half")
            raise ValueError("bug")
    assert list(tmp_path.iterdir()) == []


def test_unknown_os_error_still_reads_as_japanese(tmp_path):
    error = atomic.classify(OSError(errno.EIO, "Input/output error"), tmp_path / "a.docx")
    assert type(error) is ExportError and "保存できませんでした" in str(error)


def test_protected_target_is_not_blamed_on_word(tmp_path, monkeypatch):
    """On Linux no program holds a file against replacement: an immutable file is said as such."""
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")
    fail_replace(monkeypatch, PermissionError(errno.EPERM, "Operation not permitted"))
    with pytest.raises(atomic.TargetProtected, match="保護されている") as caught:
        write_bytes(target, b"new")
    assert "Word" not in str(caught.value)
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["a.docx"]


@pytest.mark.skipif(sys.platform == "win32" or not shutil.which("chattr"), reason="chattr +i is Linux")
def test_really_immutable_target(tmp_path):
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")
    if subprocess.run(["chattr", "+i", str(target)], capture_output=True).returncode:
        pytest.skip("this file system has no immutable flag")
    try:
        with pytest.raises(atomic.TargetProtected):
            write_bytes(target, b"new")
        assert target.read_bytes() == b"old"
    finally:
        subprocess.run(["chattr", "-i", str(target)], check=False)
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]


def test_temporary_files_left_by_a_killed_export_are_cleaned(tmp_path):
    stale, fresh = tmp_path / ".~0123456789ab.tmp", tmp_path / ".~ba9876543210.tmp"
    stale.write_bytes(b"half a document")
    fresh.write_bytes(b"another export, still writing")
    old = time.time() - atomic.LEFTOVER_AGE_S - 60
    os.utime(stale, (old, old))
    (tmp_path / ".~mine.tmp").write_bytes(b"not ours")
    write_bytes(tmp_path / "a.docx", b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".~ba9876543210.tmp", ".~mine.tmp", "a.docx"]
