"""組織改正: how one year's 部 and 課 continue the previous year's, and where last year's goals go.

Each 部 and 課 of a year names its predecessors in the previous year (``Lineage``): recorded by
the user (``recorded``), or else proposed (``propose``): the 部 of the same name; for a 部 with
no such name, the ended 部 whose 課 it now holds (課 membership), else the ended 部 whose name is
most alike; each 課 continues the 課 of the same name in a predecessor 部, else the only 課 of
that name elsewhere (a 課 that moved). What follows is read from the links: a 部 renamed (one
predecessor, its only successor), split (a predecessor with several successors), merged (several
predecessors), new (none); a last year's 部 with no successor has ended.

A goal of last year goes (``destinations``) where its 担当課 went; a goal whose 担当課 tell
nothing goes to its 部's successor, or, when that 部 was split, is for the user to place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from .models import Department, Goal
from .text import name_key

CONTINUED = "継続"
RENAMED = "名称変更"
SPLIT = "分割"
MERGED = "統合"
NEW = "新設"
KINDS = (CONTINUED, RENAMED, SPLIT, MERGED, NEW)

OWN = "own"  # the goal's 部 became this 部
MOVED_SECTION = "section"  # its 担当課 moved into this 部
UNCLEAR = "unclear"  # its 部 was split and its 担当課 tell nothing: the user decides
NOT_HERE = "この部では引き継がない"  # the carry-over's choice for such a goal (not a 方向性: it leaves no trace here)

SectionName = tuple[str, str]  # (部, 課)


class Offer(NamedTuple):
    """Why one of last year's goals is offered to a 部 of this year: its 部 then, the reason (OWN,
    MOVED_SECTION, UNCLEAR), and its 担当課 that went to another 部 ((課, 部), named in the report)."""

    department: str
    reason: str = OWN
    moved: tuple[tuple[str, str], ...] = ()

NAME_ALIKE = 0.5  # a renamed 部 found by its name alone must share at least this much of it
RECORDED, SAME_NAME, SAME_SECTIONS, NAME_ALIKE_BASIS, NO_MATCH = "記録済み", "同じ名前", "同じ課がある", "名前が似ている", "該当なし"


@dataclass
class Lineage:
    """The links from ``from_year``'s organisation to ``to_year``'s."""

    from_year: int
    to_year: int
    departments: dict[str, list[str]] = field(default_factory=dict)  # this year's 部 → last year's 部
    sections: dict[SectionName, list[SectionName]] = field(default_factory=dict)  # this year's 課 → last year's
    recorded: set[str] = field(default_factory=set)  # 部 whose links the user recorded (the others: proposed)
    basis: dict[str, str] = field(default_factory=dict)  # why a 部's links are what they are (記録済み, 同じ名前 …)
    old_departments: list[str] = field(default_factory=list)  # last year's 部, in order

    def successors(self, old: str) -> list[str]:
        return [new for new, olds in self.departments.items() if old in olds]

    def kind(self, department: str) -> str:
        olds = self.departments.get(department, [])
        if not olds:
            return NEW
        if len(olds) > 1:
            return MERGED
        if len(self.successors(olds[0])) > 1:
            return SPLIT
        return CONTINUED if name_key(olds[0]) == name_key(department) else RENAMED

    def ended(self) -> list[str]:
        """Last year's 部 that no 部 of this year continues."""
        return [old for old in self.old_departments if not self.successors(old)]

    def section_successors(self, old: SectionName) -> list[SectionName]:
        return [new for new, olds in self.sections.items() if old in olds]

    def moved_sections(self) -> list[tuple[SectionName, SectionName]]:
        """(this year's 課, last year's 課) of each 課 that came from a 部 that is not its 部's predecessor."""
        return [(new, old) for new, olds in self.sections.items() for old in olds
                if old[0] not in self.departments.get(new[0], [])]

    def describe(self, department: str) -> str:
        """「名称変更（まちづくり部から）」, 「統合（総務部・市民生活部から）」, 「新設」."""
        kind, olds = self.kind(department), self.departments.get(department, [])
        return kind if kind in (NEW, CONTINUED) else f"{kind}（{'・'.join(olds)}から）"


def propose(from_year: int, to_year: int, old: list[Department], new: list[Department],
            recorded: dict[str, list[str]] | None = None,
            recorded_sections: dict[SectionName, list[SectionName]] | None = None) -> Lineage:
    """The links: those ``recorded`` (部) and ``recorded_sections`` (課), the app's proposal for the rest."""
    recorded = dict(recorded or {})
    lineage = Lineage(from_year, to_year, recorded={name for name in recorded}, old_departments=[d.name for d in old])
    by_key = {name_key(d.name): d.name for d in old}
    for department in new:  # first the 部 that keep their name or were recorded: what they continue is taken
        if department.name in recorded:
            lineage.departments[department.name], lineage.basis[department.name] = list(recorded[department.name]), RECORDED
        elif name_key(department.name) in by_key:
            lineage.departments[department.name] = [by_key[name_key(department.name)]]
            lineage.basis[department.name] = SAME_NAME
    taken = {name for olds in lineage.departments.values() for name in olds}
    for department in new:
        if department.name not in lineage.departments:
            found, basis = _proposed(department, [d for d in old if d.name not in taken])
            lineage.departments[department.name], lineage.basis[department.name] = found, basis
    lineage.sections = _sections(old, new, lineage.departments, recorded_sections or {})
    return lineage


def _proposed(department: Department, ended: list[Department]) -> tuple[list[str], str]:
    """The ended 部 that hold the 課 this 部 has now (several: merged), else the one most alike by name; with why."""
    mine = {name_key(s.name) for s in department.sections}
    holding = [d.name for d in ended if mine & {name_key(s.name) for s in d.sections}]
    if holding:
        return holding, SAME_SECTIONS
    best = max(ended, key=lambda d: name_likeness(d.name, department.name), default=None)
    if best is not None and name_likeness(best.name, department.name) >= NAME_ALIKE:
        return [best.name], NAME_ALIKE_BASIS
    return [], NO_MATCH


def name_likeness(a: str, b: str) -> float:
    """How much two 部 names share (character pairs, the 部・課・局 ending set aside): 0..1."""
    def pairs(name: str) -> set[str]:
        stem = name_key(name).rstrip("部課局室")
        return {stem[i:i + 2] for i in range(len(stem) - 1)} or {stem}

    x, y = pairs(a), pairs(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def _sections(old: list[Department], new: list[Department], links: dict[str, list[str]],
              recorded: dict[SectionName, list[SectionName]]) -> dict[SectionName, list[SectionName]]:
    everywhere: dict[str, list[SectionName]] = {}
    for department in old:
        for section in department.sections:
            everywhere.setdefault(name_key(section.name), []).append((department.name, section.name))
    found: dict[SectionName, list[SectionName]] = {}
    for department in new:
        for section in department.sections:
            here = (department.name, section.name)
            if here in recorded:
                found[here] = list(recorded[here])
                continue
            same = everywhere.get(name_key(section.name), [])
            inside = [s for s in same if s[0] in links.get(department.name, [])]
            found[here] = inside[:1] or (same if len(same) == 1 else [])
    return found


def destinations(goal: Goal, department: str, lineage: Lineage) -> tuple[list[str], str]:
    """Where last year's ``goal`` of ``department`` goes: the 部 its 担当課 went to, else its 部's successor;
    with why (OWN, MOVED_SECTION, or UNCLEAR: its 部 was split and its 担当課 tell nothing, so every
    successor is offered it)."""
    went = []
    for name in goal.owner_sections:
        for new_department, _section in lineage.section_successors((department, name)):
            if new_department not in went:
                went.append(new_department)
    successors = lineage.successors(department)
    if went:
        return went, OWN
    if len(successors) > 1:
        return successors, UNCLEAR
    return successors, OWN


def new_sections(goal: Goal, department: str, to_department: str, lineage: Lineage
                 ) -> tuple[list[str], tuple[tuple[str, str], ...]]:
    """The goal's 担当課 as named in ``to_department`` this year (a 課 renamed or moved in takes its new
    name), and those that went to another 部 ((課, 部), no longer this 部's)."""
    names: list[str] = []
    away: list[tuple[str, str]] = []
    for name in goal.owner_sections:
        successors = lineage.section_successors((department, name))
        there = [s for d, s in successors if d == to_department]
        if successors and not there:
            away.extend((name, d) for d, _s in successors)
        for section in there or ([] if successors else [name]):
            if section not in names:
                names.append(section)
    return names, tuple(away)


def offered_from(department: str, lineage: Lineage, plans: Iterable[str]) -> list[str]:
    """Last year's 部 (of those with a plan, ``plans``) whose goals may go to ``department``: its
    predecessors, and the 部 a 課 of it came from."""
    sources = list(lineage.departments.get(department, []))
    for (new_department, _section), old in lineage.moved_sections():
        if new_department == department and old[0] not in sources:
            sources.append(old[0])
    held = set(plans)
    return [name for name in sources if name in held]
