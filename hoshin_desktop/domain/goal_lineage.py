"""What became of last year's goals in this year's plan: each one's 方向性 and successor.

A carried goal (継続・拡充・縮小) has the copy made of it as successor; a goal 統合 into
another has that goal; 廃止 and 完了 goals have none and are not carried, but stay listed.
A goal of this year that is nobody's successor (except through 統合) is 新規.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CONTINUED = "継続"
EXPANDED = "拡充"
REDUCED = "縮小"
MERGED = "統合"
ABOLISHED = "廃止"
COMPLETED = "完了"
NEW_GOAL = "新規"

DIRECTIONS = (CONTINUED, EXPANDED, REDUCED, MERGED, ABOLISHED, COMPLETED)
CARRIED = (CONTINUED, EXPANDED, REDUCED)
ENDED = (ABOLISHED, COMPLETED)


@dataclass
class GoalFate:
    """One of last year's goals: its id, title and key there, its 方向性 and its successor here."""

    goal: int
    title: str
    direction: str
    successor: int | None = None
    key: str = ""  # last year's goal's key ("" in lineages kept before goals had keys)

    def as_dict(self) -> dict:
        return {"goal": self.goal, "title": self.title, "direction": self.direction, "successor": self.successor,
                **({"key": self.key} if self.key else {})}


@dataclass
class GoalLineage:
    """The lineage of a plan from the department's plan of ``from_year``; empty: not carried over.
    ``from_departments``: the 部 of that year it came from when not its own name (組織改正: renamed,
    merged, a 課 that moved in); empty: the plan of the same 部."""

    from_year: int | None = None
    fates: list[GoalFate] = field(default_factory=list)
    from_departments: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.from_year is not None

    def as_dict(self) -> dict:
        if not self:
            return {}
        return {"from_year": self.from_year, "fates": [fate.as_dict() for fate in self.fates],
                **({"from_departments": list(self.from_departments)} if self.from_departments else {})}

    @classmethod
    def from_dict(cls, data: dict) -> GoalLineage:
        if not data:
            return cls()
        return cls(data["from_year"], [GoalFate(f["goal"], f["title"], f["direction"], f.get("successor"),
                                                f.get("key", "")) for f in data.get("fates", [])],
                   list(data.get("from_departments", [])))

    def predecessor(self, goal_id: int) -> GoalFate | None:
        """The fate of the goal that ``goal_id`` carries on (not one merged into it)."""
        return next((f for f in self.fates if f.successor == goal_id and f.direction in CARRIED), None)

    def merged_into(self, goal_id: int) -> list[GoalFate]:
        return [f for f in self.fates if f.successor == goal_id and f.direction == MERGED]

    def direction(self, goal_id: int) -> str:
        """The 方向性 shown beside a goal of this year: its predecessor's, 統合 when others were
        merged into it, 新規 when it continues nothing; "" for a plan not carried over."""
        if not self:
            return ""
        fate = self.predecessor(goal_id)
        if fate is not None:
            return fate.direction
        return MERGED if self.merged_into(goal_id) else NEW_GOAL

    def with_successors(self, ids: dict[int, int]) -> GoalLineage:
        """The lineage with successors as the ids the goals were stored with (``ids``: local id → stored id)."""
        if not self:
            return self
        return GoalLineage(self.from_year, [
            GoalFate(f.goal, f.title, f.direction, ids.get(f.successor) if f.successor is not None else None, f.key)
            for f in self.fates], list(self.from_departments))

    def ended(self) -> list[GoalFate]:
        """Last year's goals that are not carried (廃止・完了)."""
        return [f for f in self.fates if f.direction in ENDED]
