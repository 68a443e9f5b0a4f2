"""A short fingerprint of a plan's content, to tell two copies of a plan apart at a glance.

Eight hex digits over everything that is printed or travels in a plan file (ids and the
order in which pins were made do not count), so the same plan has the same fingerprint on
the sender's PC, in the file and on the receiving PC.
"""

from __future__ import annotations

import hashlib
import json

from .codes import code_sort_key
from .models import GOAL_TEXT_FIELDS, Plan


def plan_fingerprint(plan: Plan) -> str:
    index = {goal.id: i for i, goal in enumerate(plan.goals)}
    content = {
        "year": plan.fiscal_year,
        "department": plan.department,
        "date": plan.plan_date.isoformat() if plan.plan_date else None,
        "revision": plan.revision,
        "signers": [[s.title, s.name] for s in plan.signers],
        "preamble": plan.preamble,
        "answers": sorted([a.directive, a.text] for a in plan.answers if a.text),
        "goals": [[*(g.text(f) for f in GOAL_TEXT_FIELDS), g.owner_sections,
                   sorted(g.directives, key=code_sort_key), index.get(g.parent), g.extra] for g in plan.goals],
        "extra": plan.extra,
    }
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # surrogatepass: a lone surrogate in a plan built outside the app (dropped on paper) must not
    # stop an export; the footer stamp of the PDF and the .docx carries this fingerprint too
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8].upper()
