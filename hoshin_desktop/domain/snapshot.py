"""A plan as it stood at one 版, kept as plain data for 「版の比較」.

Only what a comparison between 版 reads: the goals with their ids (the same goal keeps its
id from 版 to 版), texts, pins and 担当課, and the 部の方針 answers.
"""

from __future__ import annotations

from .models import GOAL_TEXT_FIELDS, Answer, Goal, Plan


def to_snapshot(plan: Plan) -> dict:
    return {
        "fiscal_year": plan.fiscal_year,
        "department": plan.department,
        "revision": plan.revision,
        "answers": [[a.directive, a.text] for a in plan.answers],
        "goals": [{"id": g.id, "key": g.key, "parent": g.parent, "directives": list(g.directives),
                   "owner_sections": list(g.owner_sections), **g.texts()}
                  for g in plan.goals],
    }


def from_snapshot(data: dict) -> Plan:
    plan = Plan(data["fiscal_year"], data["department"], revision=data["revision"])
    plan.answers = [Answer(code, text) for code, text in data["answers"]]
    plan.goals = [Goal.with_texts({name: g.get(name, "") for name in GOAL_TEXT_FIELDS}, id=g["id"], key=g.get("key", ""),
                                  parent=g["parent"], directives=list(g["directives"]), owner_sections=list(g["owner_sections"]))
                  for g in data["goals"]]
    return plan
