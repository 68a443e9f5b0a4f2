"""A short fingerprint of a plan's content, printed on paper and kept with every export.

Identical content gives the identical fingerprint, whenever and wherever it is computed
(database ids and the time of saving are left out); any change to what the plan says —
a character of a goal, a pin, the order of goals, the 版 — gives another. So a page on the
mayor's desk can be matched to the draft it was printed from.
"""

from __future__ import annotations

import hashlib
import json

from .models import Plan

FINGERPRINT_LENGTH = 8  # hex digits: one draft in four billion shares another's by chance


def plan_fingerprint(plan: Plan) -> str:
    position = {goal.id: index for index, goal in enumerate(plan.goals) if goal.id is not None}
    content = {
        "year": plan.fiscal_year,
        "department": plan.department,
        "date": plan.plan_date.isoformat() if plan.plan_date else None,
        "revision": plan.revision,
        "signers": [[s.title, s.name] for s in plan.signers],
        "preamble": plan.preamble,
        "answers": sorted([a.directive, a.text] for a in plan.answers if a.text),
        "goals": [
            {"title": g.title, "background": g.background, "actions": g.actions, "indicator": g.indicator,
             "baseline": g.baseline, "target": g.target, "schedule": g.schedule,
             "sections": list(g.owner_sections), "directives": sorted(g.directives),
             "parent": position.get(g.parent) if g.parent is not None else None, "extra": g.extra}
            for g in plan.goals
        ],
        "extra": plan.extra,
    }
    data = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    # surrogatepass: a lone surrogate pasted into a field (dropped on paper) still counts as content
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()[:FINGERPRINT_LENGTH]
