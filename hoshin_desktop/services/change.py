"""What an operation changed: every write of the app's data returns one (services/operations are
the only writers), and so do undo and redo.

The window hands the Change to its panels and open dialogs, and each shows again only what the
Change concerns (a keystroke in a goal's 取組内容 redraws that goal's row, not the policy tree; an
evaluation entry redraws the review list, not the plan).
"""

from __future__ import annotations

from typing import NamedTuple


class Change(NamedTuple):  # a NamedTuple, not a frozen dataclass: see CONTRIBUTING, "records"
    """What one operation changed, facet by facet: each panel shows again only what concerns it."""

    cover: bool = False  # date, revision, signers, preamble
    answers: frozenset[str] = frozenset()  # codes whose 部の方針 changed
    goals: frozenset[int] = frozenset()  # goals whose texts or 担当課 changed
    pins: bool = False  # goals pinned to or unpinned from directives (numbers may change)
    structure: bool = False  # goals added, deleted, moved, put under another
    reviews: frozenset[int] = frozenset()  # goals whose 中間確認 or 年度末評価 changed
    instructions: frozenset[int] = frozenset()  # 指示事項 added, edited or deleted (their ids)
    handover: bool = False  # the handover notes (事務引継ぎ) of the plan or of a goal
    lock: bool = False  # the plan was fixed (確定) or unlocked
    organisation: bool = False  # the year's 部 or a department's 課 list
    policy: bool = False  # the basic policy itself (imported or replaced)
    mapping: bool = False  # the confirmed correspondence between two years' directives
    lists: bool = False  # the city's review marks or the people who give 指示事項
    exports: bool = False  # the record of what was exported or printed
    plans: frozenset[tuple[int, str]] = frozenset()  # plans written whole, (year, 部): imports, restores
    plan: bool = False  # another plan is shown, or the plan was read again as a whole
    dropped: bool = False  # what the plan remembers of directives dropped since (seen, or brought back)
    label: str | None = None  # the undo step's name, e.g. 「目標の追加」
    select: int | None = None  # the goal to select afterwards (None: keep the selection)
    message: str = ""  # for the status bar

    def __or__(self, other: Change) -> Change:
        """Both changes together (an undo step that merged several edits): sets joined, flags or-ed,
        the later label; what to select and say belongs to one command, not to a sum of them."""
        merged = {}
        for name in self._fields:
            if name in ("select", "message"):
                continue
            mine, theirs = getattr(self, name), getattr(other, name)
            merged[name] = (theirs or mine) if name == "label" else (mine | theirs)
        return Change(**merged)

    @property
    def numbers(self) -> bool:
        """Goals' numbers may have changed (they follow the pins: domain/numbering.py)."""
        return self.pins or self.structure or self.plan

    @property
    def goal_texts(self) -> bool:
        return bool(self.goals) or self.numbers

    @property
    def coverage(self) -> bool:
        """What is still uncovered may have changed."""
        return bool(self.answers) or self.numbers or self.policy

    @property
    def derived(self) -> bool:
        """What is computed from the plan as a whole (order, numbers, coverage) may have changed."""
        return self.coverage or self.organisation or self.lock

    def with_(self, **values) -> Change:
        return self._replace(**values)


PLAN_SHOWN = Change(cover=True, pins=True, structure=True, lock=True, plan=True)  # another plan (or the same, re-read)
EVERYTHING = PLAN_SHOWN.with_(organisation=True, policy=True, mapping=True, lists=True)  # the data changed under every plan
NOTHING = Change()
