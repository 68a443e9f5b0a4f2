"""組織改正 as the session reads it: a year's organisation lineage (recorded, or proposed), last year's
plan as it is offered to a 部 of this year (``carry_source``), and the plan a lineage came from.

What is offered to a 部: the goals of its predecessors that stay with it, and the goals whose 担当課
moved into it from another 部, each 課 under its new name; the 部の方針 of its predecessors (joined
for a merge); the signers of the first. A goal of a 部 that was split whose 担当課 tell nothing is
offered to each successor as UNCLEAR: the user says where it goes.
"""

from __future__ import annotations

import copy

from ..domain.models import Answer, Plan
from ..domain.organisation import (
    MOVED_SECTION,
    OWN,
    SAME_NAME,
    UNCLEAR,
    Lineage,
    Offer,
    destinations,
    new_sections,
    offered_from,
    propose,
)
from ..domain.wareki import fiscal_year_label


def previous_year(session, fiscal_year: int) -> int | None:
    """The latest year before ``fiscal_year`` with an organisation: the one its 部 continue."""
    earlier = [year for year in session.department_years() if year < fiscal_year]
    return max(earlier) if earlier else None


def year_lineage(session, fiscal_year: int) -> Lineage | None:
    """How ``fiscal_year``'s 部 and 課 continue the previous year's (recorded, else proposed); None: no earlier year."""
    from_year = previous_year(session, fiscal_year)
    if from_year is None:
        return None
    return propose(from_year, fiscal_year, session.departments(from_year), session.departments(fiscal_year),
                   session.department_links(fiscal_year), session.section_links(fiscal_year))


def carry_source(session, fiscal_year: int, department: str, from_departments: list[str] | None = None,
                 from_year: int | None = None) -> Plan | None:
    """Last year's plan as offered to ``department`` (goal ids are last year's; ``Plan.offered`` says where each
    goal comes from and why); ``from_departments`` chooses the 部 to take it from, ``from_year`` another
    year than the one the organisation continues. None: nothing to offer."""
    lineage = year_lineage(session, fiscal_year)
    if lineage is not None and from_year not in (None, lineage.from_year):
        lineage = None  # an older year: its plans as they are, by the 部 named
    year = from_year if lineage is None else lineage.from_year
    if year is None:
        return None
    held = [name for _year, name, _id in session.plan_keys(year)]
    if from_departments:
        sources = list(from_departments)
    elif lineage is not None:
        sources = offered_from(department, lineage, held)
    else:
        sources = [department] if department in held else []
    missing = [name for name in sources if name not in held]
    if missing:
        raise LookupError(f"{fiscal_year_label(year)}の{'・'.join(missing)}の計画がありません。")
    if not sources:
        return None
    plans = [session.load_plan(year, name) for name in sources]  # read for this offer alone: its goals are handed on
    predecessors = set(lineage.departments.get(department, [])) if lineage is not None else set()
    combined = _cover_of(plans[0])
    for name, plan in zip(sources, plans):
        for goal in plan.goals:
            reason = OWN if lineage is None or from_departments else _offered(goal, name, department, lineage)
            if reason is not None:
                moved = tuple[tuple[str, str], ...]()
                if lineage is not None:
                    goal.owner_sections, moved = new_sections(goal, name, department, lineage)
                combined.goals.append(goal)
                combined.offered[goal.id] = Offer(name, reason, moved)
    combined.answers = _joined([plan for name, plan in zip(sources, plans)
                                if name in predecessors or from_departments or lineage is None])
    if sources == [department] and all(offer.reason == OWN and not offer.moved for offer in combined.offered.values()):
        combined.offered = {}  # nothing changed: the plan of the same 部, as before any 組織改正
    return combined


def _offered(goal, name: str, department: str, lineage: Lineage) -> str | None:
    """Why last year's ``goal`` of ``name`` is offered to ``department``, or None when it goes elsewhere."""
    places, reason = destinations(goal, name, lineage)
    if department not in places:
        return None
    if reason == UNCLEAR:
        return UNCLEAR
    return OWN if department in lineage.successors(name) else MOVED_SECTION


def lineage_source(session, plan: Plan, *, every_goal: bool = False) -> Plan | None:
    """Last year's plan that ``plan``'s carry-over lineage came from: after a 組織改正, the 部 plans it names
    together, with only the goals its fates name (``every_goal``: all of theirs, to find them again);
    None when the plan was not carried over or that plan is not here."""
    lineage = plan.lineage
    if not lineage or lineage.from_year is None:
        return None
    names = lineage.from_departments or [plan.department]
    plans = [p for name in names if (p := session.load_plan(lineage.from_year, name)) is not None]
    if not plans:
        return None
    if not lineage.from_departments:
        return plans[0]
    wanted = {fate.goal for fate in lineage.fates}
    combined = _cover_of(plans[0])
    combined.goals = [goal for p in plans for goal in p.goals if every_goal or goal.id in wanted]
    combined.answers = plans[0].answers if len(plans) == 1 else _joined(plans)
    return combined


def _cover_of(plan: Plan) -> Plan:
    """A plan of ``plan``'s year and 部 with its cover (date, signers, preamble, 版) only: goals and answers of
    several 部 are put in it."""
    return Plan(plan.fiscal_year, plan.department, plan_date=plan.plan_date, signers=copy.deepcopy(plan.signers),
                preamble=plan.preamble, revision=plan.revision)


def _joined(plans: list[Plan]) -> list[Answer]:
    texts: dict[str, list[str]] = {}
    for plan in plans:
        for answer in plan.answers:
            if answer.text.strip():
                texts.setdefault(answer.directive, []).append(answer.text)
    return [Answer(code, "\n".join(parts)) for code, parts in texts.items()]


def lineage_report(lineage: Lineage) -> list[str]:
    """One line per 部 of the year (how it continues last year's), then ``lineage_changes``: for the command
    line (the window's organisation step shows the 部 in a table and the changes below it)."""
    lines = []
    for department in lineage.departments:
        state = "" if department in lineage.recorded or lineage.basis.get(department) == SAME_NAME else "（提案）"
        lines.append(f"{department}: {lineage.describe(department)}{state}")
    return lines + lineage_changes(lineage)


def lineage_changes(lineage: Lineage) -> list[str]:
    """The 課 that moved to another 部, and last year's 部 that no 部 continues, one line each."""
    lines = []
    for (department, section), (old_department, old_section) in lineage.moved_sections():
        renamed = f"（{old_section}から）" if old_section != section else ""
        lines.append(f"課の移動: {old_department}の{old_section} → {department}の{section}{renamed}")
    for old in lineage.ended():
        lines.append(f"引き継ぐ部のない{fiscal_year_label(lineage.from_year)}の部: {old}")
    return lines
