"""What a command changed: every Workspace command, undo and redo returns one.

The window hands the Change to its panels, and each panel shows again only what the Change
concerns (a keystroke in a goal's 取組内容 redraws that goal's row, not the policy tree).
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Change:
    cover: bool = False  # date, revision, signers, preamble
    answers: frozenset[str] = frozenset()  # codes whose 部の方針 changed
    goals: frozenset[int] = frozenset()  # goals whose texts or 担当課 changed
    pins: bool = False  # goals pinned to or unpinned from directives (numbers may change)
    structure: bool = False  # goals added, deleted, moved, put under another
    organisation: bool = False  # the year's 部 or a department's 課 list
    policy: bool = False  # the basic policy itself (imported or replaced)
    plan: bool = False  # another plan is shown, or the plan was read again as a whole
    label: str | None = None  # the undo step's name, e.g. 「目標の追加」
    select: int | None = None  # the goal to select afterwards (None: keep the selection)
    message: str = ""  # for the status bar

    def __or__(self, other: Change) -> Change:
        """Both changes together (an undo step that merged several edits)."""
        return Change(
            cover=self.cover or other.cover,
            answers=self.answers | other.answers,
            goals=self.goals | other.goals,
            pins=self.pins or other.pins,
            structure=self.structure or other.structure,
            organisation=self.organisation or other.organisation,
            policy=self.policy or other.policy,
            plan=self.plan or other.plan,
            label=other.label or self.label,
        )

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
    def empty(self) -> bool:
        return self == Change(label=self.label, select=self.select, message=self.message)

    def with_(self, **fields) -> Change:
        return replace(self, **fields)


PLAN_SHOWN = Change(cover=True, pins=True, structure=True, plan=True)  # another plan (or the same, re-read)
EVERYTHING = PLAN_SHOWN.with_(organisation=True, policy=True)  # the data changed under every plan
NOTHING = Change()
