"""The revision history in a plan file (version 4): the 版 kept and the 確定 lifted.

    "history": null | {
      "revisions": [{"revision": 1, "label": "第1版 確定", "taken_at": "2024-04-12T10:30:00",
                     "plan": {"answers": [["1(2)", "…"]],
                              "goals": [{"id": 12, "key": "g3f9a1c20b7", "parent": null, "title": "…", …,
                                         "directives": ["1(2)"], "owner_sections": ["政策経営課"]}]}}],
      "unlocks": [{"locked_at": "2024-04-12T10:30:00", "revision": 1, "unlocked_at": "2024-04-20T09:00:00",
                   "by": "山田", "reason": "面談後の修正"}]}

A 版's goals are the plan as it stood then (domain/snapshot.py): ``id`` and ``parent`` tie the
goals of that 版 together, ``key`` says which goal of today's plan each one is, on any PC
(「版の比較」 matches goals by key). The receiving PC keeps what it does not hold yet
(domain/history.py) and says when a 版 it holds under the same number says something else.
"""

from __future__ import annotations

from datetime import datetime

from ..domain.cycle import Unlock
from ..domain.history import KeptRevision, PlanHistory, before_import, merge
from ..domain.models import GOAL_TEXT_FIELDS, Plan
from ..domain.snapshot import to_snapshot
from ..domain.wareki import fiscal_year_label
from .input_files import is_blank
from .plan_file_cycle import MAX_REVISION

FIELD = "history"
PLACE = "版の記録"
REVISION_FIELDS = ("revision", "label", "taken_at", "plan")
UNLOCK_FIELDS = ("locked_at", "revision", "unlocked_at", "by", "reason")
MAX_REVISIONS = 500
NAME_LIMIT = 200


# --- writing --------------------------------------------------------------------------------------

def history_field(history: PlanHistory | None, keys: dict[int, str]) -> dict:
    """``{"history": …}``; ``keys``: today's goal ids → keys, for 版 kept before goals had keys."""
    if not history:
        return {FIELD: None}
    return {FIELD: {
        "revisions": [{"revision": r.revision, "label": r.label, "taken_at": r.taken_at, "plan": _plan(r.content, keys)}
                      for r in history.revisions],
        "unlocks": [{"locked_at": _moment(u.locked_at), "revision": u.revision, "unlocked_at": _moment(u.unlocked_at),
                     "by": u.by, "reason": u.reason} for u in history.unlocks]}}


def _plan(content: dict, keys: dict[int, str]) -> dict:
    goals = [{**goal, "key": goal.get("key") or keys.get(goal.get("id"), "")} for goal in content.get("goals", [])]
    return {"answers": content.get("answers", []), "goals": goals}


def _moment(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def held_history(session, plan: Plan) -> PlanHistory:
    """The history the data holds of ``plan`` (nothing for a plan never stored)."""
    if plan.id is None:
        return PlanHistory()
    return PlanHistory(session.kept_revisions(plan), session.unlocks(plan))


# --- reading --------------------------------------------------------------------------------------

def read_history(value, plan: Plan, check) -> PlanHistory:
    """The file's history; each problem goes to ``check`` with its place."""
    if is_blank(value):
        return PlanHistory()
    data = check.object(value, FIELD)
    if data is None:
        return PlanHistory()
    check.unknown(data, ("revisions", "unlocks"), FIELD)
    revisions = [r for i, item in enumerate(check.array(data.get("revisions"), f"{FIELD}.revisions", limit=MAX_REVISIONS))
                 if (r := _revision(item, f"{FIELD}.revisions[{i}]", plan, check)) is not None]
    unlocks = [u for i, item in enumerate(check.array(data.get("unlocks"), f"{FIELD}.unlocks", limit=MAX_REVISIONS))
               if (u := _unlock(item, f"{FIELD}.unlocks[{i}]", check)) is not None]
    return PlanHistory(revisions, unlocks)


def _number(value, where: str, check) -> int | None:
    number = check.number(value, where, "版数")
    if number is None or not 1 <= number <= MAX_REVISION:
        check.fail(where, f"版数は1以上の整数で書いてください（{MAX_REVISION:,}まで）")
        return None
    return number


def _revision(item, where: str, plan: Plan, check) -> KeptRevision | None:
    if check.object(item, where) is None:
        return None
    check.unknown(item, REVISION_FIELDS, where)
    revision = _number(item.get("revision"), f"{where}.revision", check)
    label = check.text(item.get("label"), f"{where}.label", limit=NAME_LIMIT).strip()
    taken_at = check.moment(item.get("taken_at"), f"{where}.taken_at")
    content = _content(item.get("plan"), f"{where}.plan", plan, revision, check)
    if revision is None or content is None:
        return None
    return KeptRevision(revision, label or f"第{revision}版", _moment(taken_at) if taken_at else "", content)


def _content(value, where: str, plan: Plan, revision: int | None, check) -> dict | None:
    """The 版's plan as domain/snapshot.py keeps it."""
    data = check.object(value, where)
    if data is None:
        return None
    answers = []
    for i, pair in enumerate(check.array(data.get("answers"), f"{where}.answers", limit=1000)):
        if not (isinstance(pair, list) and len(pair) == 2):
            check.fail(f"{where}.answers[{i}]", "[\"項目番号\", \"部の方針\"] の形で書いてください")
            continue
        answers.append([check.text(pair[0], f"{where}.answers[{i}]", limit=20), check.text(pair[1], f"{where}.answers[{i}]")])
    goals = [goal for i, item in enumerate(check.array(data.get("goals"), f"{where}.goals"))
             if (goal := _goal(item, f"{where}.goals[{i}]", check)) is not None]
    ids = [goal["id"] for goal in goals]
    if len(set(ids)) != len(ids):
        check.fail(f"{where}.goals", "同じ id の目標が2つあります（id は版の中の目標ごとに違う番号にしてください）")
    return {"fiscal_year": plan.fiscal_year, "department": plan.department, "revision": revision or 1,
            "answers": answers, "goals": goals}


def _goal(item, where: str, check) -> dict | None:
    if check.object(item, where) is None:
        return None
    goal_id = check.number(item.get("id"), f"{where}.id", "目標の id")
    if goal_id is None:
        check.fail(f"{where}.id", "目標の id（版の中で目標ごとに違う番号）が必要です")
        return None
    parent = check.number(item.get("parent"), f"{where}.parent", "上の目標の id")
    names = {}
    for field in ("directives", "owner_sections"):
        names[field] = [check.text(name, f"{where}.{field}[{j}]", limit=NAME_LIMIT)
                        for j, name in enumerate(check.array(item.get(field), f"{where}.{field}", limit=100))]
    return {"id": goal_id, "key": check.text(item.get("key"), f"{where}.key", limit=64).strip(), "parent": parent,
            **names, **{name: check.text(item.get(name), f"{where}.{name}") for name in GOAL_TEXT_FIELDS}}


def _unlock(item, where: str, check) -> Unlock | None:
    if check.object(item, where) is None:
        return None
    check.unknown(item, UNLOCK_FIELDS, where)
    locked_at = check.moment(item.get("locked_at"), f"{where}.locked_at")
    unlocked_at = check.moment(item.get("unlocked_at"), f"{where}.unlocked_at")
    revision = _number(item.get("revision"), f"{where}.revision", check)
    reason = check.text(item.get("reason"), f"{where}.reason", limit=2000).strip()
    if locked_at is None or unlocked_at is None:
        check.fail(where, "確定の日時（locked_at）と解除の日時（unlocked_at）が必要です")
        return None
    if revision is None:
        return None
    return Unlock(locked_at.replace(tzinfo=None), revision, unlocked_at.replace(tzinfo=None), reason,
                  check.text(item.get("by"), f"{where}.by", limit=NAME_LIMIT).strip())


# --- against what the data holds --------------------------------------------------------------------

def contradictions(session, plan: Plan, arriving: PlanHistory) -> list[str]:
    """A line for the import's summary about each 版 of the file that says something else than the same
    版 held here (both are kept)."""
    held = session.load_plan(plan.fiscal_year, plan.department)
    if held is None or not arriving.revisions:
        return []
    found = merge(held_history(session, held), before_import(held), arriving, to_snapshot(plan)).contradictions
    label = f"{fiscal_year_label(plan.fiscal_year)}の{plan.department}の計画"
    return [f"{PLACE}: ファイルの「{r.label}」は、この作業データにある{label}の第{r.revision}版と内容が違います。"
            "両方を版として残しました（「版の比較」で見比べられます）" for r in found]
