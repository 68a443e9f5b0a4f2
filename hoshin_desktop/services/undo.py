"""Undo history of named steps, kept below the UI.

A step remembers the plan as it was before the edit; undoing puts that plan back and
keeps the state it replaced for redo. Consecutive edits with the same ``merge_key``
(typing in one field) become one step until the history is sealed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable

from ..domain.models import Plan


@dataclass
class Step:
    label: str
    before: Plan
    after: Plan | None = None
    merge_key: Hashable | None = None


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

    def record(self, label: str, before: Plan | None, merge_key: Hashable | None = None) -> None:
        """Record a new step, or let it join the previous one (see ``merges``)."""
        self._undone.clear()
        if self.merges(merge_key):
            return
        self._done.append(Step(label, before, merge_key=merge_key))
        del self._done[:-self.limit]
        self._sealed = merge_key is None

    def seal(self) -> None:
        """End the current merge run (focus left the field, or another kind of edit came)."""
        self._sealed = True

    def pop_undo(self, current: Plan) -> Step | None:
        if not self._done:
            return None
        step = self._done.pop()
        step.after = current
        self._undone.append(step)
        self._sealed = True
        return step

    def pop_redo(self) -> Step | None:
        if not self._undone:
            return None
        step = self._undone.pop()
        self._done.append(step)
        self._sealed = True
        return step

    @property
    def undo_label(self) -> str | None:
        return self._done[-1].label if self._done else None

    @property
    def redo_label(self) -> str | None:
        return self._undone[-1].label if self._undone else None
