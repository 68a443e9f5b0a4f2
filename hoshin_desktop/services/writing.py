"""Running a write of the working data: the machine's failures become the user's messages.

Every operation of the session and of a plan editor runs its database work through ``write``,
so that a full disk, a locked or read-only file or damage reaches the window (or the command
line) as a StorageError whose text says what happened and what to do; anything else is our bug
and propagates unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol, TypeVar

from ..storage.errors import classify

T = TypeVar("T")


class Writer(Protocol):
    data_dir: Path

    def check_storage(self) -> None: ...


def write(session: Writer, action: Callable[[], T]) -> T:
    """Run ``action``; afterwards look whether the storage was tampered with (session.check_storage)."""
    try:
        result = action()
        session.check_storage()
        return result
    except Exception as exc:
        mapped = classify(exc, session.data_dir)
        if mapped is exc:
            raise
        raise mapped from exc
