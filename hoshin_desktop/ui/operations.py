"""The one way the window runs an operation of the services (every write of the user's data).

``run`` commits what is being typed (the input method's composition and the debounced keystrokes),
asks the yes/no Questions an operation returns, runs it, says what went wrong once and in one
place (the machine's failures as errors, refusals as warnings, each in the window or dialog the
user is in), and hands the Change to the window, which passes it to its panels and to every open
dialog that watches it (``Watchers``). Nothing else in ui/ catches StorageError around a write.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtWidgets import QWidget

from ..domain.text import TextTooLong
from ..services.change import Change
from ..services.workspace import Question
from ..storage.errors import StorageError
from . import alerts
from .i18n import tr

Operation = Callable[[], "Change | Question | None"]
REFUSALS = (TextTooLong, ValueError, LookupError)  # the operation refused what was asked (PlanLocked is a ValueError)


def run(host: QWidget, operation: Operation, parent: QWidget | None = None, *, typing: bool = False,
        failure: str | None = None, refusal: str | None = None) -> Change | None:
    """Run ``operation`` as described above; the Change it made, or None (refused, failed, said no).
    ``failure`` and ``refusal``: the titles of the error and the warning (translated by the caller).
    ``host`` is the main window (a dialog shown on its own has no typing to commit and no panels).
    ``typing``: the operation stores what is being typed in a dialog (a review, a 指示事項), which goes
    on as one undo step while the user stays in it (the step's merge key says so)."""
    where = parent if parent is not None else host
    commit = getattr(host, "commit_edits", None)
    if commit is not None and not commit(seal=not typing):
        return None
    try:
        result = operation()
        while isinstance(result, Question):
            if not alerts.ask_yes_no(where, result.title, result.text):
                return None
            result = result.confirm()
    except StorageError as exc:
        alerts.error(where, failure or tr("保存できませんでした"), str(exc))
        return None
    except REFUSALS as exc:
        alerts.warning(where, refusal or tr("この操作はできません"), str(exc))
        return None
    if result is None:
        return None
    show = getattr(host, "show_change", None)
    if show is not None:
        show(result)
    return result


class Watcher(Protocol):
    """An open dialog that shows part of the plan (the review panel, the 指示事項, the interview)."""

    def apply(self, change: Change) -> None: ...


class Watchers:
    """The open dialogs that are given every Change, as the window's panels are."""

    def __init__(self) -> None:
        self._watching: list[Watcher] = []

    def add(self, watcher: Watcher) -> None:
        if watcher not in self._watching:
            self._watching.append(watcher)
        if isinstance(watcher, QWidget):
            watcher.destroyed.connect(lambda *_: self.remove(watcher))

    def remove(self, watcher: Watcher) -> None:
        if watcher in self._watching:
            self._watching.remove(watcher)

    def apply(self, change: Change) -> None:
        for watcher in list(self._watching):
            watcher.apply(change)
