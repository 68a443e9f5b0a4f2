"""Can the working data live in this folder? SQLite's locking is unreliable on file shares and
WAL does not work there at all, so the working data must stay on the PC's own disk; and on
Windows the folder's path must leave room for the files inside it and use no device names."""

from __future__ import annotations

import ntpath
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

from .errors import StorageError

NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p", "afs", "ncpfs"}
_DRIVE_REMOTE = 4  # GetDriveTypeW

# Windows opens no path longer than 259 characters (without the long-path setting, which office
# PCs do not have); the longest name the app writes inside the folder is a backup's, about 60.
MAX_WINDOWS_FOLDER_CHARS = 259 - len("\\backups\\before-restore-000001-20250328-173012-123456.db-journal")
# Device names: "CON" or "NUL.txt" opens a device, not a folder; nor may a name end in a dot or space.
_DEVICE_NAME = re.compile(r"^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])(\..*)?$", re.IGNORECASE)
_FORBIDDEN_CHARS = re.compile(r'[<>:"|?*\x00-\x1f]')


class UnusableLocation(StorageError):
    """The data folder's path cannot work on this system; nothing was created."""


def _existing(path: Path) -> Path:
    """The folder itself, or its nearest existing parent (the data folder may not exist yet)."""
    path = Path(os.path.abspath(path))
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def is_unc(path: str) -> bool:
    r"""\\server\share\... or \\?\UNC\server\...; not \\?\D:\... (a local long path) or \\.\ devices."""
    if path.startswith(("\\\\?\\", "//?/")):
        return path[4:8].upper() in ("UNC\\", "UNC/")
    return path.startswith(("\\\\", "//")) and not path.startswith(("\\\\.\\", "//./"))


def mount_type(path: str, mounts: str) -> str:
    """The filesystem type of the longest mount point in /proc/mounts that holds ``path``."""
    best, kind = "", ""
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, kind = point, fields[2]
    return kind


def is_network_location(path: Path) -> bool:
    if sys.platform == "win32":
        return is_windows_network(os.fspath(path), _drive_type)
    folder = str(_existing(path))
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False  # no way to tell (macOS): assume local, as SQLite itself does
    return mount_type(folder, mounts) in NETWORK_FILESYSTEMS


def is_windows_network(path: str, drive_type: Callable[[str], int]) -> bool:
    """Judged on the path's text and its drive alone: probing a folder on a server that does not
    answer makes Windows wait half a minute, and the folder need not exist yet."""
    full = ntpath.abspath(path)
    if is_unc(path) or is_unc(full):
        return True
    drive = ntpath.splitdrive(full)[0]
    return bool(drive) and drive_type(drive + "\\") == _DRIVE_REMOTE  # a mapped network drive


def _drive_type(root: str) -> int:
    import ctypes

    # windll exists on Windows only
    return ctypes.windll.kernel32.GetDriveTypeW(root)  # type: ignore[attr-defined]


def windows_location_problem(path: str) -> str | None:
    """Why Windows cannot keep the working data in ``path`` (too long, a device name, a forbidden
    character), as a message for the user; None when it can."""
    full = ntpath.abspath(path)
    if len(full) > MAX_WINDOWS_FOLDER_CHARS:
        return (f"作業データのフォルダーのパスが長すぎます（{len(full)}文字）。Windows では、中に作るバックアップの"
                f"名前を含めて259文字までしか扱えないため、{MAX_WINDOWS_FOLDER_CHARS}文字までのフォルダーを指定してください"
                "（例: ドキュメントの直下）。何も作っていません。")
    drive, rest = ntpath.splitdrive(full)
    for name in filter(None, re.split(r"[\\/]", rest)):
        if _DEVICE_NAME.match(name) or name[-1] in ". " or _FORBIDDEN_CHARS.search(name):
            return (f"作業データのフォルダーの名前「{name}」は Windows では使えません（CON・NUL・COM1 などの"
                    "予約された名前、末尾の点や空白、記号 < > : \" | ? *）。別の名前のフォルダーを指定してください。何も作っていません。")
    return None


def check_windows_location(path: Path) -> None:
    """Refuse, before anything is created, a data folder that Windows cannot use."""
    problem = windows_location_problem(os.fspath(path))
    if problem:
        raise UnusableLocation(problem)
