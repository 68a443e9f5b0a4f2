"""Starting this year's plan from last year's, through the directive mapping (lineage).

Each carried goal is re-pinned to the directives that continue its pins (the mapping the
user confirmed, or else the app's proposal), the 部の方針 answers move the same way, and
whatever has nowhere to go (a pin or an answer to a 廃止 directive) is listed for the
drafter and remembered by the plan (domain/dropped.py) until answered. Each of last year's goals
gets a 方向性: 継続・拡充・縮小 carry it, 統合 folds it into another carried goal, 廃止・完了 leave
it behind (listed, not copied).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from ..domain.dropped import DroppedDirective
from ..domain.goal_lineage import CARRIED, CONTINUED, DIRECTIONS, MERGED, GoalFate, GoalLineage
from ..domain.models import Goal, Plan, stored_id
from ..domain.organisation import MOVED_SECTION, NOT_HERE, UNCLEAR, Offer
from ..domain.wareki import fiscal_year_label
from . import lineage


@dataclass(frozen=True)
class LostPin:
    goal: str  # the goal's title
    directive: str  # last year's code, 廃止 this year
    goal_id: int | None = None  # last year's goal (its copy keeps the lost pin in mind)


@dataclass
class CarryOverPlan:
    """What a carry-over will do, worked out before anything is written."""

    source: Plan
    goals: list[Goal]  # copies, ids still last year's (insert_goals gives new ones)
    answers: list[tuple[str, str]]  # (this year's code, text)
    fates: list[GoalFate]  # successors filled in once the copies are stored
    merges: dict[int, int]  # last year's goal → last year's goal it is merged into
    repinned: list[tuple[str, str, str]] = field(default_factory=list)  # (goal, old code, new code) renumbered
    lost_pins: list[LostPin] = field(default_factory=list)
    lost_answers: list[str] = field(default_factory=list)  # last year's codes, 廃止
    lost_texts: dict[str, str] = field(default_factory=dict)  # last year's code → the 部の方針 written for it
    lost_sections: list[tuple[str, str]] = field(default_factory=list)  # (goal, 担当課 not in this year's list)
    kept_signers: bool = False  # this year's signers were typed already: last year's not copied over them
    kept_answers: list[str] = field(default_factory=list)  # this year's codes whose answer was written already
    mapping_confirmed: bool = True
    reworded: set[tuple[str, str]] = field(default_factory=set)  # (old code, new code) moved and reworded
    left_elsewhere: list[str] = field(default_factory=list)  # a split 部's goals not carried into this 部

    def lineage(self, stored: dict[int, int]) -> GoalLineage:
        """The lineage once the copies are stored: ``stored`` maps last year's goal id to its copy's."""
        for fate in self.fates:
            target = self.merges.get(fate.goal, fate.goal)
            fate.successor = stored.get(target) if fate.direction in CARRIED + (MERGED,) else None
        return GoalLineage(self.source.fiscal_year, self.fates, self.from_departments())

    def from_departments(self) -> list[str]:
        """Last year's 部 the goals came from, after a 組織改正 (empty: the 部's own plan)."""
        offered = self.source.offered
        return list(dict.fromkeys([self.source.department] + [offered[f.goal].department for f in self.fates
                                                              if f.goal in offered])) if offered else []

    @property
    def needs_attention(self) -> bool:
        """Something the drafter must look at: a goal, a pin, an answer or a 担当課 not carried."""
        return bool(self.lost_pins or self.ended or self.lost_answers or self.lost_sections
                    or self.kept_signers or self.kept_answers)

    @property
    def ended(self) -> list[GoalFate]:
        return [fate for fate in self.fates if fate.direction not in CARRIED + (MERGED,)]

    def report(self) -> list[str]:
        return report(self)

    def dropped(self, stored: dict[int, int]) -> list[DroppedDirective]:
        """What the plan remembers of the pins and 部の方針 that had nowhere to go (``stored``: last year's
        goal id → its copy's); a goal's pins as carried, so that a pin the user adds later answers it."""
        copies = {goal.id: goal for goal in self.goals}  # stored by now: their ids are this year's
        copy_of: dict[int | None, Goal] = {old: copies[new] for old, new in stored.items() if new in copies}  # by last year's id
        year = self.source.fiscal_year
        items = [DroppedDirective(year, code, text=self.lost_texts.get(code, "")) for code in self.lost_answers]
        items += [DroppedDirective(year, lost.directive, copy.id, pins=list(copy.directives))
                  for lost in self.lost_pins if (copy := copy_of.get(lost.goal_id)) is not None]
        return items


def code_map(session, from_year: int, to_year: int) -> tuple[dict[str, list[str]], bool]:
    """Last year's code → this year's codes continuing it (none: 廃止); and whether the user confirmed it."""
    codes, confirmed, _reworded = _code_map(session, from_year, to_year)
    return codes, confirmed


def _code_map(session, from_year: int, to_year: int) -> tuple[dict[str, list[str]], bool, set[tuple[str, str]]]:
    """``code_map`` and the (old, new) pairs of directives both moved and reworded."""
    if from_year == to_year:
        return {d.code: [d.code] for d in session.policy(to_year).directives}, True, set()
    mapping = lineage.directive_mapping(session, from_year, to_year)
    codes: dict[str, list[str]] = {}
    for line in mapping.lines:
        if line.old:
            codes.setdefault(line.old, [])
            if line.new:
                codes[line.old].append(line.new)
    return codes, mapping.confirmed, {(line.old, line.new) for line in mapping.lines if line.reworded and line.old and line.new}


def plan_carry_over(session, source: Plan, target: Plan, section_names: set[str],
                    directions: dict[int, str] | None = None, merges: dict[int, int] | None = None) -> CarryOverPlan:
    """Work out the carry-over of ``source`` into ``target``.

    ``directions``: 方向性 of last year's goals by id (default 継続). ``merges``: a goal 統合
    into another of last year's goals, which must itself be carried.
    """
    directions = dict(directions or {})
    merges = dict(merges or {})
    for goal_id, into in merges.items():
        directions[goal_id] = MERGED
        if directions.get(into, CONTINUED) not in CARRIED:
            title = next((g.title for g in source.goals if g.id == into), "")
            raise ValueError(f"統合先の目標「{title}」が引き継がれません。統合先には継続・拡充・縮小の目標を選んでください。")
    unknown = set(directions.values()) - set(DIRECTIONS) - {NOT_HERE}
    if unknown:
        raise ValueError(f"方向性「{'、'.join(sorted(unknown))}」は使えません（{'・'.join(DIRECTIONS)}のいずれか）")
    codes, confirmed, reworded = _code_map(session, source.fiscal_year, target.fiscal_year)
    result = CarryOverPlan(source, [], [], [], merges, mapping_confirmed=confirmed, reworded=reworded)
    for goal in source.goals:
        goal_id = stored_id(goal)
        offer = source.offered.get(goal_id, Offer(source.department))
        unclear = offer.reason == UNCLEAR  # a split 部's goal: only where the user puts it
        direction = directions.get(goal_id, NOT_HERE if unclear else CONTINUED)
        if direction == NOT_HERE:
            result.left_elsewhere.append(goal.title)
            continue
        result.fates.append(GoalFate(goal_id, goal.title, direction, key=goal.key))
        if direction in CARRIED:
            result.goals.append(_copy(goal, codes, section_names, result))
    carried = {goal.id for goal in result.goals}
    for goal in result.goals:
        if goal.parent not in carried:
            goal.parent = None  # its department goal ended: it stands on its own
    result.answers = _answers(source, codes, result)
    return result


def _copy(goal: Goal, codes: dict[str, list[str]], section_names: set[str], result: CarryOverPlan) -> Goal:
    copied = copy.deepcopy(goal)
    copied.owner_sections = [name for name in goal.owner_sections if name in section_names]
    result.lost_sections.extend((goal.title, name) for name in goal.owner_sections if name not in section_names)
    pins: list[str] = []
    for code in goal.directives:
        targets = codes.get(code, [])
        if not targets:
            result.lost_pins.append(LostPin(goal.title, code, goal.id))
        for new in targets:
            if new != code:
                result.repinned.append((goal.title, code, new))
            if new not in pins:
                pins.append(new)
    copied.directives = pins
    return copied


def _answers(source: Plan, codes: dict[str, list[str]], result: CarryOverPlan) -> list[tuple[str, str]]:
    """Answers under this year's codes; two merged directives' answers are joined, in last year's order."""
    texts: dict[str, list[str]] = {}
    for answer in source.answers:
        if not answer.text.strip():
            continue
        targets = codes.get(answer.directive, [])
        if not targets:
            result.lost_answers.append(answer.directive)
            result.lost_texts[answer.directive] = answer.text
        for new in targets:
            texts.setdefault(new, []).append(answer.text)
    return [(code, "\n".join(parts)) for code, parts in texts.items()]


def _counted(plan: CarryOverPlan) -> dict[str, int]:
    """Per 部 of last year, how many goals came only because their 担当課 moved into this 部."""
    counts: dict[str, int] = {}
    for fate in plan.fates:
        offer = plan.source.offered.get(fate.goal)
        if offer is not None and offer.reason == MOVED_SECTION:
            counts[offer.department] = counts.get(offer.department, 0) + 1
    return counts


def report(plan: CarryOverPlan) -> list[str]:
    """What the drafter should know, one line each (CLI output and the window's summary)."""
    departments = plan.from_departments()
    lines = [f"目標 {len(plan.goals)} 件を引き継ぎました（{fiscal_year_label(plan.source.fiscal_year)}の"
             f"{'・'.join(departments) + 'の' if departments else ''}計画から）。"]
    for department, count in _counted(plan).items():
        lines.append(f"組織改正: {department}の目標 {count} 件（担当課がこの部に移った目標）を引き継ぎました。")
    for title in plan.left_elsewhere:
        lines.append(f"組織改正: 「{title}」は分かれた前の部の目標で、担当課から引き継ぎ先が決まらないため、この部には引き継いでいません。")
    if not plan.mapping_confirmed:
        lines.append("注意: 基本方針の対応表はまだ確定していません。アプリの提案で関連付けを引き継ぎました。")
    for title, old, new in plan.repinned:
        both = "（番号が変わり、文言も修正されています。関連付けが合っているか確かめてください）" if (old, new) in plan.reworded else ""
        lines.append(f"関連付けの付け替え: 「{title}」 {old} → {new}{both}")
    for fate in plan.fates:
        if fate.direction == MERGED:
            into = next((f.title for f in plan.fates if f.goal == plan.merges[fate.goal]), "")
            lines.append(f"統合: 「{fate.title}」 → 「{into}」")
    for fate in plan.ended:
        lines.append(f"引き継がない目標（{fate.direction}）: 「{fate.title}」")
    for lost in plan.lost_pins:
        lines.append(f"引き継げない関連付け: 「{lost.goal}」 → {lost.directive}（今年度の基本方針で廃止）。関連付けを選び直してください"
                     "（選び直すか確認済みにするまで、提出前の確認に出ます）。")
    for code in plan.lost_answers:
        lines.append(f"引き継げない部の方針: {code}（今年度の基本方針で廃止）。書いた文はメモとして残しました"
                     "（提出前の確認から開いて使えます）")
    if plan.kept_signers:
        lines.append("署名者は今年度に入力したものをそのまま残しました（前年度の署名者は写していません）。")
    for code in plan.kept_answers:
        lines.append(f"部の方針 {code} は今年度に書いた文をそのまま残しました（前年度の文は写していません）。")
    for fate in plan.fates:
        offer = plan.source.offered.get(fate.goal)
        for section, department in (offer.moved if offer is not None and fate.direction in CARRIED else ()):
            lines.append(f"組織改正: 「{fate.title}」の担当課 {section} は今年度は{department}の課です"
                         f"（この目標は{department}の計画にも引き継がれます）。")
    for title, name in plan.lost_sections:
        lines.append(f"引き継げない担当課: 「{title}」 → {name}（今年度のこの部の課の一覧にありません）。"
                     "課の一覧に追加して担当課を選び直すか、別の課を選んでください。")
    return lines
