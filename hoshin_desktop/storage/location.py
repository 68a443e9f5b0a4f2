"""Is a folder on the network? SQLite's locking is unreliable on file shares and WAL does not
work there at all, so the working data must stay on the PC's own disk."""

from __future__ import annotations

import os
import sys
from pathlib import Path

NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p", "afs", "ncpfs"}
_DRIVE_REMOTE = 4  # GetDriveTypeW


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
    folder = str(_existing(path))
    if sys.platform == "win32":
        if is_unc(folder):
            return True
        import ctypes

        drive = os.path.splitdrive(folder)[0] + "\\"
        return ctypes.windll.kernel32.GetDriveTypeW(drive) == _DRIVE_REMOTE
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False  # no way to tell (macOS): assume local, as SQLite itself does
    return mount_type(folder, mounts) in NETWORK_FILESYSTEMS
