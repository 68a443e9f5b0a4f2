"""事務引継ぎ (DOMAIN.md, step 6): what the person leaving a post writes down for the one who arrives.

Section 5 of the basic policy asks whoever is transferred to hand over carefully before the new
post's plan is written. The notes belong to the year's plan (a department-year): one text for the
plan as a whole and one per goal where useful. They travel in plan files; a plan that arrives with
notes is shown once to whoever opens it on the receiving PC (``arrived``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

HANDOVER_TITLE = "事務引継書"


@dataclass
class Handover:
    """The 引継ぎ notes a plan carries to the next person in charge."""

    notes: str = ""  # for the plan as a whole: what the successor must know first
    goal_notes: dict[int, str] = field(default_factory=dict)  # goal id → a note on that goal
    arrived: bool = False  # came in a plan file and was not yet shown on this PC

    @property
    def written(self) -> bool:
        return bool(self.notes.strip() or any(note.strip() for note in self.goal_notes.values()))

    def goal_note(self, goal_id: int | None) -> str:
        return self.goal_notes.get(goal_id, "") if goal_id is not None else ""
