"""A plan's revision history: the 版 kept (snapshots, for 「版の比較」) and each 確定 lifted (解除).

It travels in plan files, so that the planning office compares 第1版 with 第2版 on its own PC
exactly as the department does. ``merge`` decides what an arriving history adds to the one
held: nothing is dropped, the same 版 is not kept twice, and a 版 whose content differs from
the one held under the same number is kept beside it and named (``contradictions``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from .cycle import Unlock
from .models import GOAL_TEXT_FIELDS, Plan
from .snapshot import to_snapshot

ARRIVED = "（受け取ったファイルの記録）"  # added to a 版's label that the data holds with other content
BEFORE_IMPORT = "（取り込みの前）"  # the plan as it was here before a file replaced it


@dataclass(frozen=True)
class KeptRevision:
    """One 版 as kept: its number, its label (「第1版 確定」), when it was kept, and the plan then
    (domain.snapshot's plain data)."""

    revision: int
    label: str
    taken_at: str
    content: dict


@dataclass
class PlanHistory:
    """The 版 a plan has kept and the 確定 it has had lifted."""

    revisions: list[KeptRevision] = field(default_factory=list)
    unlocks: list[Unlock] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.revisions or self.unlocks)


@dataclass
class HistoryMerge:
    """What an arriving history adds: the 版 to keep (the plan held now first, when it is kept), the
    解除 records, and the 版 numbers whose content differs from what was held."""

    revisions: list[KeptRevision] = field(default_factory=list)
    unlocks: list[Unlock] = field(default_factory=list)
    contradictions: list[KeptRevision] = field(default_factory=list)


def signature(content: dict) -> str:
    """What a 版 says, without the ids and keys that differ from PC to PC: two copies of one 版
    on two PCs have the same signature."""
    goals = content.get("goals", [])
    place = {goal.get("id"): i for i, goal in enumerate(goals)}
    said = {"answers": sorted([code, text] for code, text in content.get("answers", []) if text),
            "goals": [[*(goal.get(name, "") for name in GOAL_TEXT_FIELDS), sorted(goal.get("directives", [])),
                       list(goal.get("owner_sections", [])), place.get(goal.get("parent"))] for goal in goals]}
    text = json.dumps(said, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    import hashlib  # here: it loads OpenSSL (~4 ms), which the window's start does not need

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def before_import(plan: Plan) -> KeptRevision:
    """The plan held as a 版 to keep before a file replaces it: 「第2版（取り込みの前）」."""
    return KeptRevision(plan.revision, f"第{plan.revision}版{BEFORE_IMPORT}", "", to_snapshot(plan))


def merge(held: PlanHistory, held_now: KeptRevision | None, arriving: PlanHistory,
          arriving_now: dict | None = None) -> HistoryMerge:
    """What ``arriving`` (a file's history) adds to ``held``. ``held_now`` is the plan held here as it is
    (kept as a 版 unless it is kept already or is what arrives, ``arriving_now``); None: no plan here."""
    result = HistoryMerge()
    kept = {(r.revision, signature(r.content)) for r in held.revisions}
    labels = {(r.revision, r.label) for r in held.revisions}
    known = {r.revision for r in held.revisions} | ({held_now.revision} if held_now else set())
    said_now = signature(held_now.content) if held_now else None
    added = []
    for revision in arriving.revisions:
        said = signature(revision.content)
        if (revision.revision, said) in kept:
            continue
        if revision.revision in known and said != said_now:
            result.contradictions.append(revision)
        if (revision.revision, revision.label) in labels:
            revision = KeptRevision(revision.revision, revision.label + ARRIVED, revision.taken_at, revision.content)
        kept.add((revision.revision, said))
        added.append(revision)
    if held_now is not None and said_now is not None and (held_now.revision, said_now) not in kept \
            and (arriving_now is None or signature(arriving_now) != said_now) and _has_content(held_now.content):
        result.revisions.append(held_now)
    result.revisions += added
    result.unlocks = [u for u in arriving.unlocks if u not in held.unlocks]
    return result


def _has_content(content: dict) -> bool:
    return bool(content.get("goals") or any(text for _code, text in content.get("answers", [])))
