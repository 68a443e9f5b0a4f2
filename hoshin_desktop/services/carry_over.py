"""Starting this year's plan from last year's, through the directive mapping (lineage).

Each carried goal is re-pinned to the directives that continue its pins (the mapping the
user confirmed, or else the app's proposal), the 部の方針 answers move the same way, and
whatever has nowhere to go (a pin or an answer to a 廃止 directive) is listed for the
drafter. Each of last year's goals gets a 方向性: 継続・拡充・縮小 carry it, 統合 folds it
into another carried goal, 廃止・完了 leave it behind (listed, not copied).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from ..domain.goal_lineage import CARRIED, CONTINUED, DIRECTIONS, MERGED, GoalFate, GoalLineage
from ..domain.models import Goal, Plan, stored_id
from ..domain.wareki import fiscal_year_label
from . import lineage


@dataclass(frozen=True)
class LostPin:
    goal: str  # the goal's title
    directive: str  # last year's code, 廃止 this year


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
    lost_sections: list[tuple[str, str]] = field(default_factory=list)  # (goal, 担当課 not in this year's list)
    kept_signers: bool = False  # this year's signers were typed already: last year's not copied over them
    kept_answers: list[str] = field(default_factory=list)  # this year's codes whose answer was written already
    mapping_confirmed: bool = True

    def lineage(self, stored: dict[int, int]) -> GoalLineage:
        """The lineage once the copies are stored: ``stored`` maps last year's goal id to its copy's."""
        for fate in self.fates:
            target = self.merges.get(fate.goal, fate.goal)
            fate.successor = stored.get(target) if fate.direction in CARRIED + (MERGED,) else None
        return GoalLineage(self.source.fiscal_year, self.fates)

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


def code_map(session, from_year: int, to_year: int) -> tuple[dict[str, list[str]], bool]:
    """Last year's code → this year's codes continuing it (none: 廃止); and whether the user confirmed it."""
    if from_year == to_year:
        return {d.code: [d.code] for d in session.policy(to_year).directives}, True
    mapping = lineage.directive_mapping(session, from_year, to_year)
    codes: dict[str, list[str]] = {}
    for line in mapping.lines:
        if line.old:
            codes.setdefault(line.old, [])
            if line.new:
                codes[line.old].append(line.new)
    return codes, mapping.confirmed


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
    unknown = set(directions.values()) - set(DIRECTIONS)
    if unknown:
        raise ValueError(f"方向性「{'、'.join(sorted(unknown))}」は使えません（{'・'.join(DIRECTIONS)}のいずれか）")
    codes, confirmed = code_map(session, source.fiscal_year, target.fiscal_year)
    result = CarryOverPlan(source, [], [], [], merges, mapping_confirmed=confirmed)
    for goal in source.goals:
        direction = directions.get(goal_id := stored_id(goal), CONTINUED)
        result.fates.append(GoalFate(goal_id, goal.title, direction))
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
            result.lost_pins.append(LostPin(goal.title, code))
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
        for new in targets:
            texts.setdefault(new, []).append(answer.text)
    return [(code, "\n".join(parts)) for code, parts in texts.items()]


def report(plan: CarryOverPlan) -> list[str]:
    """What the drafter should know, one line each (CLI output and the window's summary)."""
    lines = [f"目標 {len(plan.goals)} 件を引き継ぎました（{fiscal_year_label(plan.source.fiscal_year)}の計画から）。"]
    if not plan.mapping_confirmed:
        lines.append("注意: 基本方針の対応表はまだ確定していません。アプリの提案で関連付けを引き継ぎました。")
    for title, old, new in plan.repinned:
        lines.append(f"関連付けの付け替え: 「{title}」 {old} → {new}")
    for fate in plan.fates:
        if fate.direction == MERGED:
            into = next((f.title for f in plan.fates if f.goal == plan.merges[fate.goal]), "")
            lines.append(f"統合: 「{fate.title}」 → 「{into}」")
    for fate in plan.ended:
        lines.append(f"引き継がない目標（{fate.direction}）: 「{fate.title}」")
    for lost in plan.lost_pins:
        lines.append(f"引き継げない関連付け: 「{lost.goal}」 → {lost.directive}（今年度の基本方針で廃止）。関連付けを選び直してください。")
    for code in plan.lost_answers:
        lines.append(f"引き継げない部の方針: {code}（今年度の基本方針で廃止）")
    if plan.kept_signers:
        lines.append("署名者は今年度に入力したものをそのまま残しました（前年度の署名者は写していません）。")
    for code in plan.kept_answers:
        lines.append(f"部の方針 {code} は今年度に書いた文をそのまま残しました（前年度の文は写していません）。")
    for title, name in plan.lost_sections:
        lines.append(f"引き継げない担当課: 「{title}」 → {name}（今年度のこの部の課の一覧にありません）。"
                     "課の一覧に追加して担当課を選び直すか、別の課を選んでください。")
    return lines
