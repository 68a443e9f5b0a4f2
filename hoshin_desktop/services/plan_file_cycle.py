"""The year-cycle part of a plan file (version 3): ``locked``, ``instructions`` and each goal's ``reviews``.

    "locked": null | {"at": "2024-04-12T10:30:00", "revision": 2}
    "instructions": [{"date": "2024-04-10", "by": "市長", "text": "…", "goal": "g3f9a1c20b7" | "No.3" | null,
                      "directive": "1(2)" | null, "due": "2024-09-30" | null,
                      "status": "open" | "in_progress" | "done", "response": "…"}]
    goals[i].reviews: [{"stage": "interim" | "final", "mark": "◎" | … | "", "actual": "…",
                        "comment": "…", "reason": "…"}]

Reading is as strict as the rest of the file: every problem is named with its place, and
nothing is stored unless the whole file is sound. ``goal`` names a goal by its key or printed
number (version 4; version 3 wrote its place in ``goals``: plan_file_keys.py). A mark must be one of this data folder's
review marks (or ""); a missed goal without a reason is not a file error (the
pre-submission checks flag it), since the file carries what was entered.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from ..domain.cycle import STAGES, STATUSES, Instruction, PlanLock, Review, ReviewMark
from ..domain.models import Goal, Plan
from .input_files import is_blank

PLAN_FIELDS = ("locked", "instructions")
GOAL_FIELDS = ("reviews",)
LOCK_FIELDS = ("at", "revision")
INSTRUCTION_FIELDS = ("date", "by", "text", "goal", "directive", "due", "status", "response")
REVIEW_FIELDS = ("stage", "mark", "actual", "comment", "reason")
MAX_INSTRUCTIONS = 1000
NAME_LIMIT = 200
MAX_REVISION = 9_999  # of the plan's 版数 and of a 確定's (plan_files.py reads it from here)


# --- writing --------------------------------------------------------------------------------------

def plan_fields(plan: Plan, refer: dict[int, str]) -> dict:
    """``locked`` and ``instructions`` of the plan; ``refer`` maps goal ids to how the file names them (their keys)."""
    lock = plan.lock
    return {
        "locked": {"at": lock.locked_at.isoformat(), "revision": lock.revision} if lock else None,
        "instructions": [{
            "date": item.given_on.isoformat(), "by": item.given_by, "text": item.text,
            "goal": refer.get(item.goal) if item.goal is not None else None, "directive": item.directive,
            "due": item.due.isoformat() if item.due else None, "status": item.status, "response": item.response,
        } for item in plan.instructions],
    }


def goal_fields(goal: Goal) -> dict:
    return {"reviews": [{name: getattr(review, name) for name in REVIEW_FIELDS} for review in goal.reviews]}


# --- reading ------------------------------------------------------------------------------------

def read_plan_fields(data: dict, plan: Plan, refs, code: Callable[[object, str], str | None], check) -> None:
    """Set ``plan.lock`` and ``plan.instructions`` from the file; ``refs`` finds a goal it names
    (plan_file_keys.goal_refs), ``code`` checks a directive code."""
    plan.lock = _lock(data.get("locked"), check)
    items = check.array(data.get("instructions"), "instructions", limit=MAX_INSTRUCTIONS)
    plan.instructions = [item for i, raw in enumerate(items)
                         if (item := _instruction(raw, f"instructions[{i}]", refs, code, check)) is not None]


def read_reviews(value, where: str, marks: list[ReviewMark], check) -> list[Review]:
    reviews: list[Review] = []
    known = [m.mark for m in marks]
    for j, raw in enumerate(check.array(value, where, limit=len(STAGES))):
        place = f"{where}[{j}]"
        if check.object(raw, place) is None:
            continue
        check.unknown(raw, REVIEW_FIELDS, place)
        stage = raw.get("stage")
        if stage not in STAGES:
            check.fail(f"{place}.stage", f"評価の段階は \"interim\"（中間確認）か \"final\"（年度末評価）にしてください"
                                         f"（{json.dumps(stage, ensure_ascii=False)}）")
            continue
        if any(r.stage == stage for r in reviews):
            check.fail(f"{place}.stage", f"同じ段階（{stage}）の評価が2回あります")
            continue
        mark = check.text(raw.get("mark"), f"{place}.mark", limit=10)
        if mark and mark not in known:
            check.fail(f"{place}.mark", f"評価「{mark}」は評価の一覧にありません（{'、'.join(known)} か空欄）")
        reviews.append(Review(stage, mark, *(check.text(raw.get(name), f"{place}.{name}")
                                             for name in ("actual", "comment", "reason"))))
    return reviews


def _lock(value, check) -> PlanLock | None:
    if is_blank(value) or check.object(value, "locked") is None:
        return None
    check.unknown(value, LOCK_FIELDS, "locked")
    locked_at = check.moment(value.get("at"), "locked.at")
    if locked_at is None and is_blank(value.get("at")):
        check.fail("locked.at", "確定の日時（例: \"2024-04-12T10:30:00\"）が必要です")

    revision = check.number(value.get("revision"), "locked.revision", "確定した版数")
    if revision is None or not 1 <= revision <= MAX_REVISION:
        check.fail("locked.revision", f"確定した版数は1以上の整数で書いてください（{MAX_REVISION:,}まで）")
        return None
    return PlanLock(locked_at, revision) if locked_at else None


def _instruction(raw, where: str, refs, code, check) -> Instruction | None:
    if check.object(raw, where) is None:
        return None
    check.unknown(raw, INSTRUCTION_FIELDS, where)
    given_on = check.day(raw.get("date"), f"{where}.date", required=True)
    given_by = check.text(raw.get("by"), f"{where}.by", limit=NAME_LIMIT, required=True)
    if not given_by.strip():
        check.fail(f"{where}.by", "指示者（市長・副市長・教育長など）が必要です")
    text = check.text(raw.get("text"), f"{where}.text", required=True)
    if not text.strip():
        check.fail(f"{where}.text", "指示事項の内容が必要です")
    goal = refs.find(raw.get("goal"), f"{where}.goal", "目標の番号", check)
    directive = code(raw["directive"], f"{where}.directive") if not is_blank(raw.get("directive")) else None
    due = check.day(raw.get("due"), f"{where}.due")
    status = raw.get("status")
    if status not in STATUSES:
        check.fail(f"{where}.status", f"対応状況は \"open\"、\"in_progress\"、\"done\" のいずれかにしてください"
                                      f"（{json.dumps(status, ensure_ascii=False)}）")
        status = "open"
    if given_on is None:
        return None
    return Instruction(given_on, given_by, text, goal, directive, due, status,
                       check.text(raw.get("response"), f"{where}.response"))
