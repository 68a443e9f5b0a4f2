"""Undo history of named steps, kept below the UI.

A step holds what reverses it (the row log's entries, see storage/row_log.py) and the
Change it made, so that undoing it can tell the window what to show again. The caller
reverses ``next_undo`` first and only then reports it ``undone`` with what reverses the
undo (the redo): a failed write leaves the history as it was. Consecutive edits with the same ``merge_key``
(typing in one field) become one step until the history is sealed; a new step clears redo.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field

from .change import Change


@dataclass
class Step:
    """One undo step: its label, what it changed and what reverses it."""

    label: str
    change: Change
    reverse: list = field(default_factory=list)  # what undoes it (once undone: redoes it); opaque here
    merge_key: Hashable | None = None
    on_fixed: bool = False  # a record (評価, 指示事項, 確定), not the plan's text: it runs on a fixed plan


class UndoHistory:
    def __init__(self, limit: int = 200):
        self._done: list[Step] = []
        self._undone: list[Step] = []
        self._sealed = True
        self.limit = limit

    def merges(self, merge_key: Hashable | None) -> bool:
        """Would an edit with this key join the previous step?"""
        last = self._done[-1] if self._done else None
        return merge_key is not None and not self._sealed and last is not None and last.merge_key == merge_key

    def record(self, label: str, change: Change, reverse: list, merge_key: Hashable | None = None, *,
               on_fixed: bool = False) -> None:
        """Record a new step, or let it join the previous one (see ``merges``)."""
        self._undone.clear()
        change = change.with_(label=label)
        if self.merges(merge_key):
            last = self._done[-1]
            last.reverse.extend(reverse)
            last.change = last.change | change
            return
        self._done.append(Step(label, change, list(reverse), merge_key, on_fixed))
        del self._done[:-self.limit]
        self._sealed = merge_key is None

    def seal(self) -> None:
        """End the current merge run (focus left the field, or another kind of edit came)."""
        self._sealed = True

    @property
    def next_undo(self) -> Step | None:
        return self._done[-1] if self._done else None

    @property
    def next_redo(self) -> Step | None:
        return self._undone[-1] if self._undone else None

    def undone(self, reverse: list) -> Step:
        """The last step was reversed; ``reverse`` now redoes it."""
        step = self._done.pop()
        step.reverse = reverse
        self._undone.append(step)
        self._sealed = True
        return step

    def redone(self, reverse: list) -> Step:
        """The last undone step was made again; ``reverse`` undoes it again."""
        step = self._undone.pop()
        step.reverse = reverse
        self._done.append(step)
        self._sealed = True
        return step

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
        self._sealed = True

    @property
    def undo_label(self) -> str | None:
        return self._done[-1].label if self._done else None

    @property
    def redo_label(self) -> str | None:
        return self._undone[-1].label if self._undone else None
