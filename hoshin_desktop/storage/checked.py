"""The working database as last found undamaged: its size and CRC-32, kept beside it in hoshin.db.checked.

``PRAGMA quick_check`` reads every page and every index of the data: about 10 ms for a city of ten
years (4.5 MB), and more with each year. A start checks the file before it writes anything. A file
that is byte for byte the one that passed the check (at the end of the session that last wrote it,
or at the start that last checked it) cannot have been damaged since, so that start reads it once
for its CRC-32 (3 ms for the same city) instead. Anything else (a -wal left by an app that did not
end, a copy put in its place, a disk that changed a byte, a file of the same size and time) differs
in its CRC-32 and is checked as before.
"""

from __future__ import annotations

import mmap
import os
import zlib
from pathlib import Path

SUFFIX = ".checked"


def fingerprint(path: Path) -> str | None:
    """The file's size and CRC-32 as it is on disk now; None when it cannot be read."""
    try:
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size == 0:
                return None
            with mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as content:
                return f"{size} {zlib.crc32(content)}"
    except (OSError, ValueError):
        return None


def passed(path: Path, found: str | None) -> bool:
    """Is ``found`` (the file's fingerprint) the one noted when it last passed the check?"""
    try:
        return found is not None and _note_of(path).read_text(encoding="ascii") == found
    except (OSError, UnicodeError):
        return False


def note(path: Path, found: str | None) -> None:
    """The file, whose fingerprint is ``found``, has just passed the check. A note that cannot be
    written only means the next start checks the file again."""
    if found is None:
        return
    try:
        _note_of(path).write_text(found, encoding="ascii")
    except OSError:
        forget(path)


def forget(path: Path) -> None:
    try:
        _note_of(path).unlink(missing_ok=True)
    except OSError:
        pass


def _note_of(path: Path) -> Path:
    return path.with_name(path.name + SUFFIX)
