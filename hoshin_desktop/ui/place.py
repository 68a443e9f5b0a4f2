"""Where the user was in the plan: the chosen goal and directive, kept across closing and reopening.

Kept for the last plan shown only (the one that reopens); written on every choice, so a logoff
or a crash keeps it too. A goal or directive that no longer exists is passed over."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QTimer

from . import screen_fit
from .settings import settings

PLACE_KEY = "plan/place"


class Place(NamedTuple):
    """Where the user was in a plan: the goal and directive to return to."""

    year: int
    department: str
    goal_id: int | None
    code: str | None


def remember(year: int, department: str, goal_id: int | None, code: str | None) -> None:
    settings().setValue(PLACE_KEY, [str(year), department, "" if goal_id is None else str(goal_id), code or ""])


def stored(year: int, department: str) -> Place | None:
    """The place kept for the plan of ``department`` in ``year``; None when another plan was last."""
    value = settings().value(PLACE_KEY)
    if not isinstance(value, list) or len(value) != 4 or value[:2] != [str(year), department]:
        return None
    goal = value[2]
    return Place(year, department, int(goal) if str(goal).isdigit() else None, value[3] or None)


def keep(window) -> None:
    """Note the window's chosen goal and directive (a choice made by the user or by a redraw)."""
    if window.remember and window.workspace.key is not None:
        year, department = window.workspace.key
        remember(year, department, window._goal_id, window.panes.tree.current_code())


def return_to(window, left: Place | None) -> None:
    """Back to where the user was in this plan, as far as that goal and directive still exist."""
    if left is None:
        return
    if left.goal_id is not None and window.editor.plan.goal(left.goal_id) is not None:
        window.select_goal(left.goal_id)
    if left.code and left.code != window.panes.tree.current_code() and window.panes.tree.select_directive(left.code):
        # its 部の方針 into view once the window is shown and laid out (an open cover is above it)
        QTimer.singleShot(0, window, lambda: screen_fit.reveal_answer(window))
