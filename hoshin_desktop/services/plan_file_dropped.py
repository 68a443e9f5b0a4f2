"""Directives dropped since, as the plan remembers them, in a plan file (version 4):

    "dropped": [{"from_year": 2024, "code": "3(8)", "goal": "g3f9a1c20b7" | "No.3" | null,
                 "text": "（goal が null のとき: その項目に書いた部の方針）", "pins": ["1(2)"], "dismissed": false}]

A goal's entry is the pin it lost at the carry-over (``pins``: its pins right after it); an entry
without a goal is the 部の方針 written for the dropped directive. The receiving PC shows them in
提出前の確認 as the sender's does, until they are answered (domain/dropped.py).
"""

from __future__ import annotations

from ..domain.codes import normalize_code
from ..domain.dropped import DroppedDirective
from ..domain.models import Plan

FIELD = "dropped"
PLACE = "廃止された項目の記録"
ITEM_FIELDS = ("from_year", "code", "goal", "text", "pins", "dismissed")
MAX_ITEMS = 10_000


def dropped_field(plan: Plan, refer: dict[int, str]) -> dict:
    return {FIELD: [{"from_year": item.from_year, "code": item.code,
                     "goal": refer.get(item.goal) if item.goal is not None else None, "text": item.text,
                     "pins": list(item.pins), "dismissed": item.dismissed} for item in plan.dropped]}


def read_dropped(value, plan: Plan, refs, check) -> list[DroppedDirective]:
    items = []
    for i, raw in enumerate(check.array(value, FIELD, limit=MAX_ITEMS)):
        where = f"{FIELD}[{i}]"
        if check.object(raw, where) is None:
            continue
        check.unknown(raw, ITEM_FIELDS, where)
        year = check.fiscal_year(raw.get("from_year"), f"{where}.from_year")
        code = _code(raw.get("code"), f"{where}.code", check)
        goal = refs.find(raw.get("goal"), f"{where}.goal", "目標の番号", check)
        pins = [c for j, item in enumerate(check.array(raw.get("pins"), f"{where}.pins", limit=100))
                if (c := _code(item, f"{where}.pins[{j}]", check))]
        dismissed = raw.get("dismissed", False)
        if not isinstance(dismissed, bool):
            check.fail(f"{where}.dismissed", "true か false で書いてください")
        if year is not None and year >= plan.fiscal_year:
            check.fail(f"{where}.from_year", f"前の年度（{plan.fiscal_year}より前）が必要です")
        elif year is not None and code:
            items.append(DroppedDirective(year, code, goal, check.text(raw.get("text"), f"{where}.text"), pins,
                                          dismissed is True))
    return items


def _code(value, where: str, check) -> str | None:
    """A directive code of the year it was written for (not this year's: it was dropped)."""
    if not isinstance(value, str):
        check.fail(where, "基本方針の項目番号（例: \"3(8)\"）が必要です")
        return None
    try:
        return normalize_code(value)
    except ValueError as exc:
        check.fail(where, str(exc))
        return None
