"""The year after the interview, as the UI and the command line read it: summaries of the reviews,
the 指示事項 by status, last year's 年度末評価 beside a carried goal, the interview's slides.

The writes (評価, 指示事項, 確定 and its 解除) are operations of the plan's editor
(plan_editor.py), each an undo step; the city's lists are the session's (session.py).
"""

from __future__ import annotations

from typing import NamedTuple

from ..domain import numbering
from ..domain.cycle import (
    STAGE_LABELS,
    STATUSES,
    Instruction,
    PlanLock,
    Review,
    ReviewMark,
    mark_counts,
    review_of,
)
from ..domain.models import Goal, Plan, stored_id
from ..domain.numbering import paper_order
from ..domain.wareki import format_date


def ordered_goals(plan: Plan) -> list[tuple[str, Goal]]:
    """(No., goal) in the printed paper's order: the app's one numbering rule."""
    return paper_order(plan)


# --- reviews ---------------------------------------------------------------------------------

def department_summary(plan: Plan, marks: list[ReviewMark]) -> dict[str, dict[str, int]]:
    """Per stage, how many goals got each mark (then 未記入)."""
    reviews = [goal.reviews for goal in plan.goals]
    return {stage: mark_counts(reviews, stage, marks) for stage in STAGE_LABELS}


def summary_text(plan: Plan, marks: list[ReviewMark]) -> list[str]:
    """「中間確認: ◎ 2件、○ 1件、△ 0件、× 0件、未記入 3件」, one line per stage."""
    return [f"{STAGE_LABELS[stage]}: " + "、".join(f"{mark} {n}件" for mark, n in counts.items())
            for stage, counts in department_summary(plan, marks).items()]


def last_year_reviews(session, plan: Plan) -> tuple[int | None, dict[int, list[tuple[str, Review]]]]:
    """Last year's 年度末評価 of the goals each goal carries on, to show beside it while drafting.

    Returns (that year, goal id → [(last year's goal title, its 年度末評価)]). The goals come from
    the carry-over's lineage (the predecessor and the goals merged into it); a plan carried
    before the lineage was kept is matched by the same title with the latest earlier plan.
    """
    if not plan.goals:
        return None, {}  # nothing to show beside: last year's plan is not read
    lineage = plan.lineage
    previous = session.lineage_source(plan) if lineage else session.previous_plan(plan.fiscal_year, plan.department)
    if previous is None:
        return None, {}
    by_id = {goal.id: goal for goal in previous.goals}
    found: dict[int, list[tuple[str, Review]]] = {}
    for goal in plan.goals:
        goal_id = stored_id(goal)
        if lineage:
            fates = [f for f in (lineage.predecessor(goal_id),) if f is not None] + lineage.merged_into(goal_id)
            sources = [by_id[f.goal] for f in fates if f.goal in by_id]
        else:
            sources = [g for g in previous.goals if g.title.strip() and g.title == goal.title]
        pairs = [(source.title, review) for source in sources
                 if (review := review_of(source.reviews, "final")) is not None]
        if pairs:
            found[goal_id] = pairs
    return previous.fiscal_year, found


# --- 指示事項 ----------------------------------------------------------------------------------

def instructions(plan: Plan, status: str | None = None) -> list[Instruction]:
    """The plan's 指示事項: all (None), those of one status, or "not_done" (未対応 and 対応中)."""
    if status is None:
        return list(plan.instructions)
    if status == "not_done":
        return [i for i in plan.instructions if i.is_open]
    if status not in STATUSES:
        raise ValueError(f"対応状況「{status}」はありません")
    return [i for i in plan.instructions if i.status == status]


# --- plan files over a fixed plan ---------------------------------------------------------------

def refuse_fixed_import(session, plan: Plan, *, unlock: bool) -> None:
    """A plan file may replace a fixed plan only when the user says so (``unlock``)."""
    lock = session.plan_lock(plan.fiscal_year, plan.department)
    if lock is not None and not unlock:
        raise PlanFixedError(lock)


class PlanFixedError(ValueError):
    def __init__(self, lock: PlanLock):
        super().__init__(f"取り込み先の計画は第{lock.revision}版で確定しています（{format_date(lock.locked_at.date())} {lock.locked_at:%H:%M}）。"
                         "置き換えるときは確定を解除してください（コマンドでは --unlock を付けます）。何も変更していません。")
        self.lock = lock


# --- 面談モード ----------------------------------------------------------------------------------

class InterviewSlide(NamedTuple):
    """One directive as shown at the interview: the mayor's text, the department's answer, its goals."""

    code: str
    heading: str  # the section's heading, e.g. 「1　施政方針を踏まえた対応」
    directive: str
    answer: str
    goals: tuple[tuple[str, Goal], ...]  # (No. as printed, goal)


def goal_numbers(plan: Plan) -> dict[int, str]:
    """Goal id → No. as on the printed paper the interview is held over."""
    return numbering.goal_numbers(plan)


def _shown_pins(plan: Plan, goal) -> list[str]:
    """A 課 goal with no pins of its own is shown with its department goal (as the paper lists it
    under it, 2-1 under 2), so the interview does not leave it out."""
    if goal.directives or goal.parent is None:
        return goal.directives
    parent = plan.goal(goal.parent)
    return parent.directives if parent is not None else []


def interview_slides(plan: Plan, policy) -> list[InterviewSlide]:
    """The directives the department answered or pinned goals to, in the policy's order (all when none)."""
    numbered = ordered_goals(plan)
    slides = []
    for section in policy.sections:
        for directive in section.directives:
            goals = tuple((n, g) for n, g in numbered if directive.code in _shown_pins(plan, g))
            slides.append(InterviewSlide(directive.code, section.heading, directive.text,
                                         plan.answer(directive.code), goals))
    answered = [s for s in slides if s.answer.strip() or s.goals]
    return answered or slides
