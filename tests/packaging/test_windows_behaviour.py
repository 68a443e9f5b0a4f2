"""What only Windows does, simulated here: the errors and paths Windows gives are faked, and the
app's own decisions are checked (the question asked, the message shown, nothing created)."""

from __future__ import annotations

import errno
import sys
from pathlib import Path

import pytest

from hoshin_desktop.export import atomic
from hoshin_desktop.services import startup
from hoshin_desktop.storage import location


class Answers:
    def __init__(self, open_anyway: bool):
        self.open_anyway = open_anyway
        self.asked: list[Path] = []

    def network_location(self, data_dir):
        self.asked.append(data_dir)
        return self.open_anyway


@pytest.fixture
def windows(monkeypatch, tmp_path):
    """sys.platform says win32; a relative path would land in an empty folder, and asking the
    file system or the drive about a path fails the test (the checks use the text alone)."""
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.chdir(tmp_path)

    def no_probe(*args):
        raise AssertionError("the location was probed")

    monkeypatch.setattr(location, "_existing", no_probe)
    monkeypatch.setattr(location, "_drive_type", no_probe)
    return tmp_path


@pytest.mark.parametrize("share", [r"\\fileserver\seisaku\hoshin", "//fileserver/seisaku/hoshin",
                                   r"\\?\UNC\fileserver\seisaku\hoshin"])
def test_unc_data_folder_asks_the_network_question_and_declining_creates_nothing(windows, share):
    answers = Answers(open_anyway=False)
    assert startup.open_data(Path(share), answers).session is None
    assert answers.asked == [Path(share)]
    assert list(windows.iterdir()) == []


def test_mapped_network_drive_is_a_network_location(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    asked = []

    def drive_type(root):
        asked.append(root)
        return {"Z:\\": 4}.get(root, 3)  # DRIVE_REMOTE for Z:, DRIVE_FIXED otherwise

    monkeypatch.setattr(location, "_drive_type", drive_type)
    assert location.is_network_location(Path(r"Z:\部\hoshin_desktop")) is True
    assert location.is_network_location(Path(r"C:\Users\taro\AppData\Local\hoshin_desktop")) is False
    assert asked == ["Z:\\", "C:\\"]


@pytest.mark.parametrize("folder, words", [
    ("C:\\Users\\taro\\" + "とても長いフォルダー名" * 20, "パスが長すぎます"),
    (r"C:\Users\taro\CON", "「CON」は Windows では使えません"),
    (r"C:\Users\taro\lpt1.data\hoshin", "「lpt1.data」"),
    ("C:\\Users\\taro\\データ. \\hoshin", "末尾の点や空白"),
    (r"C:\Users\taro\a|b", "「a|b」"),
])
def test_folder_windows_cannot_use_is_refused_before_anything_is_created(windows, folder, words):
    with pytest.raises(location.UnusableLocation, match=words):
        startup.open_data(Path(folder), Answers(open_anyway=True))
    assert list(windows.iterdir()) == []


def test_usual_windows_folders_pass():
    for folder in (r"C:\Users\山田 太郎\AppData\Local\hoshin_desktop", r"D:\hoshin-desktop\userdata",
                   r"C:\Users\taro\Documents\console\hoshin", "C:\\" + "x" * (location.MAX_WINDOWS_FOLDER_CHARS - 3)):
        assert location.windows_location_problem(folder) is None, folder


def test_the_limit_leaves_room_for_the_longest_backup_name():
    deepest = "C:\\" + "x" * (location.MAX_WINDOWS_FOLDER_CHARS - 3)
    assert len(deepest + "\\backups\\before-restore-000001-20250328-173012-123456.db-journal") <= 259


def windows_error(cls: type[OSError], code: int, winerror: int, text: str) -> OSError:
    error = cls(code, text)
    error.winerror = winerror  # what Windows adds to the errno Python derives
    return error


@pytest.mark.parametrize("error, kind, words", [
    (windows_error(PermissionError, errno.EACCES, 32, "The process cannot access the file because it is being used"),
     atomic.TargetInUse, "Word などのほかのプログラムで開かれている"),
    (windows_error(PermissionError, errno.EACCES, 33, "The process cannot access the file because another process has locked"),
     atomic.TargetInUse, "閉じてからもう一度書き出す"),
    (windows_error(OSError, errno.EINVAL, 206, "The filename or extension is too long"), atomic.PathTooLong, "パスが長すぎます"),
])
def test_export_over_a_file_held_open_keeps_it_and_says_why(tmp_path, monkeypatch, error, kind, words):
    target = tmp_path / "令和6年度_政策部_運営方針・組織目標.docx"
    target.write_bytes(b"the version in Word")

    def replace(src, dst):
        raise error

    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(kind, match=words):
        atomic.write_bytes(target, b"new")
    assert target.read_bytes() == b"the version in Word"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left
