"""What a plan held for a directive that this year's basic policy no longer has (廃止).

At the carry-over, a goal pinned to last year's 3(8) loses that pin when 3(8) is dropped, and the
部の方針 written for 3(8) has no place this year. The plan remembers both (``DroppedDirective``):
beside the goal, in 提出前の確認 and ``check``, with the reason 「令和6年度 3(8) は廃止」, until the
user pins the goal to another directive or says it is seen (dismissed); the old 部の方針 stays
readable as a note to reuse.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .wareki import fiscal_year_label


@dataclass
class DroppedDirective:
    """A pin (``goal``: the goal pinned) or a 部の方針 (``goal`` None, ``text`` the old answer) for last
    year's directive ``code`` of ``from_year``, which this year drops. ``pins``: the goal's pins right
    after the carry-over; a pin beyond them is the user's answer (re-pinned)."""

    from_year: int
    code: str
    goal: int | None = None
    text: str = ""
    pins: list[str] = field(default_factory=list)
    dismissed: bool = False
    id: int | None = None

    @property
    def reason(self) -> str:
        return f"{fiscal_year_label(self.from_year)} {self.code} は廃止"

    def open_for(self, pins: list[str] | None) -> bool:
        """Still to be answered: not dismissed, and (for a goal, whose pins are ``pins``) not re-pinned."""
        if self.dismissed:
            return False
        return self.goal is None or not set(pins or []) - set(self.pins)


def open_dropped(plan) -> list[DroppedDirective]:
    """The plan's dropped directives still to be answered, the 部の方針 first, then by goal."""
    goals = {goal.id: goal for goal in plan.goals}
    found = [d for d in plan.dropped if (d.goal is None or d.goal in goals)
             and d.open_for(goals[d.goal].directives if d.goal is not None else None)]
    return sorted(found, key=lambda d: d.goal is not None)
