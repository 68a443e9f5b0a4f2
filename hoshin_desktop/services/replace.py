"""Find and replace across one plan (置換): the preamble, every 部の方針 and every goal's texts.

For 表記ゆれ (「ＤＸ」 and 「DX」, 「取り組み」 and 「取組」) the drafter first sees every place
that would change, then replaces them all as ONE undo step (「元に戻す: 置換」 restores every
field). Matching is exact, character for character: replacing must never touch a variant the
drafter did not type (search, by contrast, folds full-/half-width).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.models import GOAL_FIELD_LABELS, GOAL_TEXT_FIELDS, Plan
from ..domain.numbering import paper_order
from ..domain.text import clean_text

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
    for number, goal in paper_order(plan):
        for name in GOAL_TEXT_FIELDS:
            yield "goal", goal.id, name, f"目標{number} {GOAL_FIELD_LABELS[name]}", goal.text(name)


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


def replace_all(editor, query: str, replacement: str):
    """Replace every ``query`` in the editor's plan with ``replacement`` as one undo step.

    Returns (how many were replaced, the Change; None when nothing was replaced).
    """
    places = find(editor.plan, query)
    if not places or query == replacement:
        return 0, None
    edits = [(place.kind, place.key, place.field, clean_text(place.text.replace(query, replacement)))
             for place in places]
    change = editor.write_texts(f"置換（「{query}」→「{replacement}」）", edits)
    return sum(place.count for place in places), change
