"""Find and replace across one plan (置換): the preamble, every 部の方針 and every goal's texts.

For 表記ゆれ (「ＤＸ」 and 「DX」, 「取り組み」 and 「取組」) the drafter first sees every place
that would change, then replaces them all as ONE undo step (「元に戻す: 置換」 restores every
field). Matching is exact, character for character: replacing must never touch a variant the
drafter did not type (search, by contrast, folds full-/half-width).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.models import GOAL_FIELD_LABELS, GOAL_TEXT_FIELDS, Plan
from ..domain.text import clean_text
from ..storage import repository
from .search import goal_numbers

CONTEXT = 12  # characters shown either side of a match in the preview


@dataclass(frozen=True)
class Place:
    """One field of the plan that contains the searched text."""

    kind: str  # "preamble", "answer" or "goal"
    key: str | int | None  # directive code (answer), goal id (goal)
    field: str  # the goal field's name; "preamble" / "answer" otherwise
    label: str  # where, in Japanese: 前文 / 部の方針 1(2) / 目標2 取組内容
    text: str
    count: int  # how many times it occurs there


def _fields(plan: Plan):
    """Every text of the plan a drafter writes, in the order of the paper."""
    yield "preamble", None, "preamble", "前文", plan.preamble
    for answer in plan.answers:
        yield "answer", answer.directive, "answer", f"部の方針 {answer.directive}", answer.text
    numbers = goal_numbers(plan)
    for goal in plan.goals:
        for name in GOAL_TEXT_FIELDS:
            yield "goal", goal.id, name, f"目標{numbers.get(goal.id, '')} {GOAL_FIELD_LABELS[name]}", getattr(goal, name)


def find(plan: Plan, query: str) -> list[Place]:
    """The places of ``plan`` whose text contains ``query`` (nothing for an empty query)."""
    if not query:
        return []
    return [Place(kind, key, field, label, text, text.count(query))
            for kind, key, field, label, text in _fields(plan) if query in text]


def preview(text: str, query: str, replacement: str) -> tuple[str, str]:
    """The first match in context, before and after the replacement (one line each)."""
    start = text.index(query)
    before = text[max(0, start - CONTEXT):start]
    after = text[start + len(query):start + len(query) + CONTEXT]
    lead = "…" if start > CONTEXT else ""
    tail = "…" if start + len(query) + CONTEXT < len(text) else ""

    def line(middle: str) -> str:
        return (lead + before + middle + after + tail).replace("\n", "⏎")

    return line(query), line(replacement)


def replace_all(editor, query: str, replacement: str) -> int:
    """Replace every ``query`` in the editor's plan with ``replacement`` as one undo step; the count replaced."""
    places = find(editor.plan, query)
    if not places or query == replacement:
        return 0
    changes = [(place, clean_text(place.text.replace(query, replacement))) for place in places]
    plan = editor.plan

    def action():
        db = editor.db
        with db.atomic():
            for place, text in changes:
                if place.kind == "preamble":
                    repository.update_plan(db, plan.id, preamble=text)
                elif place.kind == "answer":
                    repository.set_answer(db, plan.id, place.key, text, fiscal_year=plan.fiscal_year)
                else:
                    repository.update_goal(db, place.key, **{place.field: text})

    editor._edit(f"置換（「{query}」→「{replacement}」）", action)
    return sum(place.count for place in places)
