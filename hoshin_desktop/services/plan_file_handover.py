"""The handover part of a plan file (version 4): the plan's notes and each goal's.

    "handover": null | {"notes": "…"}
    goals[i].handover: "…" (a goal's note; "" or absent: none)

Whether the notes were already shown on the sender's PC does not travel: a plan that arrives
with notes is shown once on the receiving PC (plan_files.import_plan).
"""

from __future__ import annotations

from ..domain.handover import Handover
from ..domain.models import Goal, Plan
from .input_files import is_blank

FIELD = "handover"
GOAL_FIELD = "handover"
PLACE = "事務引継ぎ"
HANDOVER_FIELDS = ("notes",)


def handover_field(plan: Plan) -> dict:
    return {FIELD: {"notes": plan.handover.notes} if plan.handover.notes else None}


def goal_handover_field(plan: Plan, goal: Goal) -> dict:
    note = plan.handover.goal_note(goal.id)
    return {GOAL_FIELD: note} if note else {}


def read_handover(data: dict, plan: Plan, goals: list, check) -> None:
    """``plan.handover`` from the file's ``handover`` and its goals' notes (``goals``: the file's goal
    objects, in order; the plan's goals have the local ids index + 1)."""
    value = data.get(FIELD)
    found = check.object(value, FIELD) if not is_blank(value) else None
    notes = ""
    if found is not None:
        check.unknown(found, HANDOVER_FIELDS, FIELD)
        notes = check.text(found.get("notes"), f"{FIELD}.notes")
    goal_notes = {}
    for i, item in enumerate(goals):
        if isinstance(item, dict) and not is_blank(item.get(GOAL_FIELD)):
            note = check.text(item.get(GOAL_FIELD), f"goals[{i}].{GOAL_FIELD}")
            if note:
                goal_notes[i + 1] = note
    plan.handover = Handover(notes, goal_notes)
