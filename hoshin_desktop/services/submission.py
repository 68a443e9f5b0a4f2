"""提出前の確認 for one plan: the city's rules read from resources/submission_rules.json."""

from __future__ import annotations

import json

from .. import paths
from ..domain.checks import CheckRules, Finding, RulesError, check_plan
from ..domain.models import Plan, PolicyDocument
from ..domain.numbering import goal_numbers

RULES_FILE = "submission_rules.json"


def load_rules(path=None) -> CheckRules:
    path = path or paths.resource(RULES_FILE)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise RulesError(f"提出前の確認の決まり（{path}）を読めません: {error}") from None
    return CheckRules.from_dict(data)


def findings(plan: Plan, policy: PolicyDocument, rules: CheckRules | None = None, marks=()) -> list[Finding]:
    """``marks``: the city's review scale (``Session.review_marks``), for the 年度末評価 reasons."""
    return check_plan(plan, policy, rules or load_rules(), goal_numbers(plan), list(marks))
