"""The year after the interview, for the UI and the command line: 確定, 指示事項, reviews, summaries.

A fixed plan refuses edits of its text (PlanEditor.refuse_if_fixed); its reviews and
指示事項 stay editable here. None of these edits is an undo step: they are records of
what was said and assessed, and undoing an edit of the plan's text never takes them back
(undo reverses only the rows its own step wrote).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from ..domain import numbering
from ..domain.cycle import (
    STAGE_LABELS,
    STATUSES,
    Instruction,
    PlanLock,
    Review,
    ReviewMark,
    Unlock,
    mark_counts,
    review_of,
    review_problems,
)
from ..domain.models import Goal, Plan
from ..domain.numbering import paper_order
from ..domain.text import clean_text
from ..storage import year_cycle as rows
from ..storage.repository import set_revision
from .undo import UndoHistory

NAME_LIMIT = 200


def ordered_goals(plan: Plan) -> list[tuple[str, Goal]]:
    """(No., goal) in the printed paper's order: the app's one numbering rule."""
    return paper_order(plan)


# --- the city's lists ------------------------------------------------------------------------

def review_marks(session) -> list[ReviewMark]:
    return session.read(rows.review_marks)


def set_review_marks(session, marks: list[ReviewMark]) -> list[ReviewMark]:
    """Make the review scale exactly ``marks`` (blank marks dropped, each mark once)."""
    cleaned: dict[str, ReviewMark] = {}
    for m in marks:
        mark = clean_text(m.mark, limit=10).strip()
        if mark and mark not in cleaned:
            cleaned[mark] = ReviewMark(mark, clean_text(m.label, limit=NAME_LIMIT).strip(), m.needs_reason)
    if not cleaned:
        raise ValueError("評価の記号を1つ以上入力してください")
    session.store(rows.set_review_marks, list(cleaned.values()))
    return review_marks(session)


def instruction_givers(session) -> list[str]:
    return session.read(rows.instruction_givers)


def set_instruction_givers(session, names: list[str]) -> list[str]:
    cleaned = list(dict.fromkeys(n for n in (clean_text(n, limit=NAME_LIMIT).strip() for n in names) if n))
    if not cleaned:
        raise ValueError("指示者を1人以上入力してください")
    session.store(rows.set_instruction_givers, cleaned)
    return cleaned


# --- 確定 ------------------------------------------------------------------------------------

def fix_plan(editor, at: datetime | None = None) -> PlanLock:
    """Fix the plan as 第N版 確定, keeping a snapshot of it as it is now (plan-file JSON)."""
    from .plan_files import dumps

    editor.refuse_if_fixed()
    editor._ensure_stored()
    lock = PlanLock((at or datetime.now()).replace(microsecond=0), editor.plan.revision, dumps(editor.plan))
    editor.session.store(rows.lock_plan, editor.plan.id, lock)
    _reload(editor)
    from .snapshots import take  # 「版の比較」 can start from the fixed plan

    take(editor.session, editor.plan, f"第{editor.plan.revision}版 確定")
    return editor.plan.lock


def unlock_plan(editor, reason: str, at: datetime | None = None) -> int:
    """Lift the 確定, recording ``reason``; the plan goes on as the next 版. Returns that 版."""
    reason = clean_text(reason, limit=2000).strip()
    if not reason:
        raise ValueError("確定を解除する理由を入力してください（記録として残ります）")
    lock = editor.plan.lock
    if lock is None:
        return editor.plan.revision
    revision = max(editor.plan.revision, lock.revision) + 1

    def action(db):
        rows.unlock_plan(db, editor.plan.id, reason, (at or datetime.now()).replace(microsecond=0))
        set_revision(db, editor.plan.id, revision)

    editor.session.store(action)
    _reload(editor)
    return revision


def unlock_history(editor) -> list[Unlock]:
    return editor.session.read(rows.unlocks, editor.plan.id) if editor.plan.id is not None else []


def fixed_snapshot(editor) -> str:
    """The plan as it was fixed (plan-file JSON), or "" when it is not fixed."""
    lock = editor.session.read(rows.plan_lock, editor.plan.id, with_snapshot=True) if editor.plan.id is not None else None
    return lock.snapshot if lock else ""


def _reload(editor) -> None:
    """The plan as stored; the undo history starts again at a 確定 boundary (undo must not cross it)."""
    from ..storage.repository import load_plan

    editor.plan = editor.session.read(load_plan, editor.plan.id)
    editor.history = UndoHistory(editor.history.limit)


# --- reviews ---------------------------------------------------------------------------------

def set_review(editor, goal_id: int, review: Review) -> list[str]:
    """Store a goal's 中間確認 or 年度末評価 (also on a fixed plan).

    A mark outside the city's scale is refused (ValueError). A missed goal without a reason
    is stored as typed, and the problem returned: nothing typed is lost, and the
    pre-submission checks flag it until the reason is written.
    """
    goal = _goal(editor.plan, goal_id)
    cleaned = Review(review.stage, clean_text(review.mark, limit=10).strip(),
                     *(clean_text(getattr(review, f)) for f in ("actual", "comment", "reason")))
    marks = review_marks(editor.session)
    problems = review_problems(cleaned, marks)
    if cleaned.mark and not any(m.mark == cleaned.mark for m in marks):
        raise ValueError(problems[0])
    editor._ensure_stored()
    editor.session.store(rows.set_review, goal_id, cleaned)
    goal.reviews = [r for r in goal.reviews if r.stage != cleaned.stage] + ([] if cleaned.is_blank else [cleaned])
    goal.reviews.sort(key=lambda r: r.stage == "final")
    return problems


def department_summary(plan: Plan, marks: list[ReviewMark]) -> dict[str, dict[str, int]]:
    """Per stage, how many goals got each mark (then 未記入)."""
    reviews = [goal.reviews for goal in plan.goals]
    return {stage: mark_counts(reviews, stage, marks) for stage in STAGE_LABELS}


def summary_text(plan: Plan, marks: list[ReviewMark]) -> list[str]:
    """「中間確認: ◎ 2件、○ 1件、△ 0件、× 0件、未記入 3件」, one line per stage."""
    return [f"{STAGE_LABELS[stage]}: " + "、".join(f"{mark} {n}件" for mark, n in counts.items())
            for stage, counts in department_summary(plan, marks).items()]


def review_findings(plan: Plan, marks: list[ReviewMark]) -> list[str]:
    """Each problem of the plan's reviews, with the goal's printed number (the review panel, export-review).

    The missed-goal rule itself is ``domain.cycle.missing_reason``; 提出前の確認 uses it too."""
    findings = []
    for number, goal in ordered_goals(plan):
        for review in goal.reviews:
            findings += [f"目標 No.{number}（{STAGE_LABELS[review.stage]}）: {p}" for p in review_problems(review, marks)]
    return findings


def last_year_reviews(session, plan: Plan) -> tuple[int | None, dict[int, list[tuple[str, Review]]]]:
    """Last year's 年度末評価 of the goals each goal carries on, to show beside it while drafting.

    Returns (that year, goal id → [(last year's goal title, its 年度末評価)]). The goals come from
    the carry-over's lineage (the predecessor and the goals merged into it); a plan carried
    before the lineage was kept is matched by the same title with the latest earlier plan.
    """
    lineage = plan.lineage
    previous = (session.load_plan(lineage.from_year, plan.department) if lineage
                else session.previous_plan(plan.fiscal_year, plan.department))
    if previous is None:
        return None, {}
    by_id = {goal.id: goal for goal in previous.goals}
    found = {}
    for goal in plan.goals:
        if lineage:
            fates = [f for f in (lineage.predecessor(goal.id),) if f is not None] + lineage.merged_into(goal.id)
            sources = [by_id[f.goal] for f in fates if f.goal in by_id]
        else:
            sources = [g for g in previous.goals if g.title.strip() and g.title == goal.title]
        pairs = [(source.title, review) for source in sources
                 if (review := review_of(source.reviews, "final")) is not None]
        if pairs:
            found[goal.id] = pairs
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


def _checked(editor, item: Instruction) -> Instruction:
    text = clean_text(item.text).strip()
    if not text:
        raise ValueError("指示事項の内容を入力してください")
    given_by = clean_text(item.given_by, limit=NAME_LIMIT).strip()
    if not given_by:
        raise ValueError("指示者（市長・副市長・教育長など）を選んでください")
    if item.goal is not None:
        _goal(editor.plan, item.goal)
    if item.directive is not None and editor.policy.directive(item.directive) is None:
        raise ValueError(f"基本方針に項目 {item.directive} はありません")
    if not isinstance(item.given_on, date) or (item.due is not None and not isinstance(item.due, date)):
        raise ValueError("日付が正しくありません")
    return Instruction(item.given_on, given_by, text, item.goal, item.directive or None, item.due,
                       item.status, clean_text(item.response), item.id)


def add_instruction(editor, item: Instruction) -> Instruction:
    """Record a 指示事項 (also on a fixed plan: they are given at the interview, before or after 確定)."""
    checked = _checked(editor, item)
    editor._ensure_stored()
    checked.id = editor.session.store(rows.add_instruction, editor.plan.id, checked)
    editor.plan.instructions.append(checked)
    return checked


def update_instruction(editor, item: Instruction) -> Instruction:
    index = _instruction_index(editor.plan, item.id)
    checked = _checked(editor, item)
    editor.session.store(rows.update_instruction, checked)
    editor.plan.instructions[index] = checked
    return checked


def delete_instruction(editor, instruction_id: int) -> None:
    index = _instruction_index(editor.plan, instruction_id)
    editor.session.store(rows.delete_instruction, instruction_id)
    del editor.plan.instructions[index]


def _instruction_index(plan: Plan, instruction_id: int | None) -> int:
    for index, item in enumerate(plan.instructions):
        if item.id == instruction_id:
            return index
    raise LookupError(f"指示事項 {instruction_id} はこの計画にありません")


def _goal(plan: Plan, goal_id: int) -> Goal:
    goal = plan.goal(goal_id)
    if goal is None:
        raise LookupError(f"目標 {goal_id} はこの計画にありません")
    return goal


# --- plan files over a fixed plan ---------------------------------------------------------------

IMPORT_UNLOCK_REASON = "計画ファイルの取り込み"


def refuse_fixed_import(session, plan: Plan, *, unlock: bool) -> None:
    """A plan file may replace a fixed plan only when the user says so (``unlock``)."""
    from ..storage.repository import plan_id

    existing = session.read(plan_id, plan.fiscal_year, plan.department)
    lock = session.read(rows.plan_lock, existing) if existing is not None else None
    if lock is not None and not unlock:
        raise PlanFixedError(lock)


def lift_lock_for_import(db, plan_id: int) -> None:
    """Record the unlock a confirmed import of a fixed plan implies (inside the import's transaction)."""
    rows.unlock_plan(db, plan_id, IMPORT_UNLOCK_REASON, datetime.now().replace(microsecond=0))


class PlanFixedError(ValueError):
    def __init__(self, lock: PlanLock):
        super().__init__(f"取り込み先の計画は第{lock.revision}版で確定しています（{lock.locked_at:%Y-%m-%d %H:%M}）。"
                         "置き換えるときは確定を解除してください（コマンドでは --unlock を付けます）。何も変更していません。")
        self.lock = lock


def keep_instructions(db, plan: Plan, existing: int) -> None:
    """A plan file older than version 3 knows no 指示事項: the plan keeps its own (their goals are replaced)."""
    plan.instructions = [replace(item, goal=None) for item in rows.instructions(db, existing)]


# --- 面談モード ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class InterviewSlide:
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
