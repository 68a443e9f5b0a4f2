"""事務引継ぎ (section 5 of the basic policy): the handover document of a department, and what the
person arriving is shown once.

The document (A4, the city's style) holds, for the department's plan of the year: the notes of the
person leaving; each goal with its 年度末評価 (the 中間確認 while the year-end is not entered), its
実績 and its note; the 指示事項 with their status and response, open ones first; what is already
drafted for next year (goals carried over, directives still without an answer, the 部の方針 written so
far); and the organisation (each 課 with its goals).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..domain.cycle import STAGE_LABELS, STATUS_LABELS, Instruction, ReviewMark, mark_of, review_of
from ..domain.goal_lineage import CARRIED
from ..domain.handover import HANDOVER_TITLE
from ..domain.matrix import uncovered_directives
from ..domain.models import Goal, Plan, PolicyDocument
from ..domain.numbering import paper_order
from ..domain.text import first_line
from ..domain.wareki import fiscal_year_label, format_date
from ..export.filenames import sanitize
from ..export.report_docx import Report, ReportColumn, ReportPart, ReportTable, write_report

GOAL_COLUMNS = (ReportColumn("No.", 6, True), ReportColumn("目標（担当課）", 25), ReportColumn("目標値・実績", 15),
                ReportColumn("評価", 13, True), ReportColumn("進捗・未達の理由", 21), ReportColumn("引継ぎメモ", 20))
INSTRUCTION_COLUMNS = (ReportColumn("状況", 9, True), ReportColumn("指示日・指示者", 13, True),
                       ReportColumn("指示事項", 30), ReportColumn("関連", 10, True), ReportColumn("対応", 38))
ANSWER_COLUMNS = (ReportColumn("項目", 8, True), ReportColumn("部の方針（作成中）", 92))
CARRIED_COLUMNS = (ReportColumn("No.", 7, True), ReportColumn("方向性", 10, True), ReportColumn("目標", 83))
SECTION_COLUMNS = (ReportColumn("課", 22), ReportColumn("担当する目標", 78))
NO_NOTES = "（記入なし）"


def handover_file_name(fiscal_year: int, department: str) -> str:
    """令和6年度_政策部_事務引継書.docx"""
    return sanitize(f"{fiscal_year_label(fiscal_year)}_{department}_{HANDOVER_TITLE}") + ".docx"


@dataclass(frozen=True)
class Assessment:
    """The latest review of a goal: 年度末評価, else 中間確認 (None: neither entered)."""

    stage: str
    mark: str  # 「○」
    caption: str  # 「○ 概ね達成」
    actual: str
    comment: str
    reason: str


def assessment(goal: Goal, marks: list[ReviewMark]) -> Assessment | None:
    for stage in ("final", "interim"):
        review = review_of(goal.reviews, stage)
        if review is not None and not review.is_blank:
            known = mark_of(marks, review.mark)
            return Assessment(stage, review.mark, known.caption if known else review.mark, review.actual,
                              review.comment, review.reason)
    return None


def open_first(items: list[Instruction]) -> list[Instruction]:
    """未対応, then 対応中, then 対応済み; each in the order given."""
    order = {"open": 0, "in_progress": 1, "done": 2}
    return sorted(items, key=lambda item: order[item.status])


# --- the document -----------------------------------------------------------------------------------

def handover_report(plan: Plan, marks: list[ReviewMark], sections: list[str], next_plan: Plan | None,
                    next_policy: PolicyDocument | None, written_on: date) -> Report:
    """The 事務引継書 of ``plan``'s department (``sections``: its 課 list; ``next_plan``: its plan of the year
    after, None when not started, with ``next_policy`` when that year's basic policy is in)."""
    year, name = fiscal_year_label(plan.fiscal_year), plan.department
    numbers = {goal.id: number for number, goal in paper_order(plan) if goal.id is not None}
    signers = [f"{s.title}　{s.name}".strip() for s in plan.signers if s.title.strip() or s.name.strip()]
    parts = (
        ReportPart("1　引継ぎメモ", (plan.handover.notes.strip() or NO_NOTES,)),
        ReportPart("2　組織目標と評価", (_review_line(plan, marks),), ReportTable(GOAL_COLUMNS, _goal_rows(plan, marks))),
        ReportPart("3　面談における指示事項と対応状況", (_instruction_line(plan),),
                   ReportTable(INSTRUCTION_COLUMNS, _instruction_rows(plan, numbers))),
        *_next_year(plan, next_plan, next_policy),
        ReportPart("5　組織（課と担当する目標）", (), ReportTable(SECTION_COLUMNS, _section_rows(plan, sections))),
    )
    return Report(title=f"{year}　{name}　{HANDOVER_TITLE}", date=format_date(written_on),
                  stamp=f"{year} {name} {HANDOVER_TITLE}　{format_date(written_on)}", author=name,
                  lead=tuple(signers), parts=parts)


def _review_line(plan: Plan, marks: list[ReviewMark]) -> str:
    found = [assessment(goal, marks) for goal in plan.goals]
    final = sum(1 for a in found if a and a.stage == "final")
    interim = sum(1 for a in found if a and a.stage == "interim")
    return (f"目標{len(plan.goals)}件（年度末評価 {final}件、年度末評価がなく中間確認のもの {interim}件、"
            f"評価なし {len(plan.goals) - final - interim}件）。評価は年度末評価を、まだないときは中間確認を示します。")


def _goal_rows(plan: Plan, marks: list[ReviewMark]) -> tuple[tuple[str, ...], ...]:
    rows = []
    for number, goal in paper_order(plan):
        found = assessment(goal, marks)
        title = first_line(goal.title) or "（目標名なし）"
        owners = f"\n（{'、'.join(goal.owner_sections)}）" if goal.owner_sections else ""
        target = f"目標値：{goal.target}" if goal.target.strip() else ""
        actual = f"\n実績：{found.actual}" if found and found.actual.strip() else ""
        mark = f"{found.caption}\n（{STAGE_LABELS[found.stage]}）" if found and found.caption else (
            f"（{STAGE_LABELS[found.stage]}）" if found else "未評価")
        progress = "\n".join(part for part in (found.comment.strip() if found else "",
                                                 f"【未達の理由・今後の対応】\n{found.reason.strip()}"
                                                 if found and found.reason.strip() else "") if part)
        rows.append((number, title + owners, target + actual, mark, progress, plan.handover.goal_note(goal.id)))
    return tuple(rows)


def _instruction_line(plan: Plan) -> str:
    still = sum(1 for item in plan.instructions if item.is_open)
    return f"指示事項 {len(plan.instructions)}件（うち未完了 {still}件）。未完了のものを先に示します。"


def _instruction_rows(plan: Plan, numbers: dict[int, str]) -> tuple[tuple[str, ...], ...]:
    rows = []
    for item in open_first(plan.instructions):
        concerns = [f"目標 No.{numbers[item.goal]}"] if item.goal in numbers else []
        concerns += [f"項目 {item.directive}"] if item.directive else []
        due = f"\n期限 {format_date(item.due)}" if item.due else ""
        rows.append((STATUS_LABELS[item.status], f"{format_date(item.given_on)}\n{item.given_by}{due}", item.text,
                     "\n".join(concerns), item.response))
    return tuple(rows)


def _next_year(plan: Plan, next_plan: Plan | None, next_policy: PolicyDocument | None) -> tuple[ReportPart, ...]:
    """What is already drafted for next year, or why there is nothing yet."""
    label = fiscal_year_label(plan.fiscal_year + 1)
    heading = f"4　{label}の計画の準備状況"
    if next_policy is None:
        return (ReportPart(heading, (f"{label}の基本方針はまだ取り込まれていないため、{label}の計画はまだ作成できません。",)),)
    if next_plan is None:
        return (ReportPart(heading, (f"{label}の{plan.department}の計画はまだ作成していません"
                                     f"（{label}の基本方針の項目 {len(next_policy.directives)}件）。",)),)
    numbers = {goal.id: number for number, goal in paper_order(next_plan)}
    order = {number: place for place, (number, _goal) in enumerate(paper_order(next_plan))}
    carried = sorted(((numbers.get(fate.successor, ""), fate.direction, fate.title) for fate in next_plan.lineage.fates
                      if fate.direction in CARRIED and fate.successor is not None), key=lambda row: order.get(row[0], 0))
    waiting = [d.code for d in next_policy.directives if not next_plan.answer(d.code).strip()]
    bare = uncovered_directives(next_policy, next_plan)
    summary = (f"{label}の計画: 目標{len(next_plan.goals)}件（うち引き継いだ目標 {len(carried)}件）、"
               f"部の方針を書いた項目 {len(next_policy.directives) - len(waiting)}件／{len(next_policy.directives)}件。")
    waiting_line = ("部の方針がまだない項目: " + "、".join(waiting)) if waiting else "すべての項目に部の方針があります。"
    bare_line = f"うち、部の方針も関連付けた目標もない項目: {'、'.join(bare)}" if bare else ""
    answers = tuple((a.directive, a.text) for a in next_plan.answers if a.text.strip())
    return (
        ReportPart(heading, (summary,)),
        ReportPart(f"（1）{label}に引き継いだ目標", (), ReportTable(CARRIED_COLUMNS, tuple(carried),
                                                          empty="（前年度の計画から引き継いだ目標はありません）")),
        ReportPart(f"（2）{label}の部の方針（作成中）", tuple(line for line in (waiting_line, bare_line) if line),
                   ReportTable(ANSWER_COLUMNS, answers, empty="（まだ書いていません）")),
    )


def _section_rows(plan: Plan, sections: list[str]) -> tuple[tuple[str, ...], ...]:
    """Each 課 of the department (then 課 the goals name that the list lacks) with the goals it owns."""
    ordered = paper_order(plan)
    names = list(dict.fromkeys(sections + plan.owner_section_names()))
    rows = [(name, "\n".join(f"No.{number}　{first_line(goal.title)}" for number, goal in ordered
                              if name in goal.owner_sections) or "（担当する目標なし）") for name in names]
    without = [f"No.{number}　{first_line(goal.title)}" for number, goal in ordered if not goal.owner_sections]
    if without:
        rows.append(("（担当課の記入なし）", "\n".join(without)))
    return tuple(rows)


def _missed(found: Assessment, marks: list[ReviewMark]) -> bool:
    """A mark of the scale that asks for a reason (△ 一部未達, × 未達 as shipped)."""
    known = mark_of(marks, found.mark)
    return known is not None and known.needs_reason


# --- from the working data -------------------------------------------------------------------------------

def department_report(session, fiscal_year: int, department: str, written_on: date | None = None) -> Report:
    """The handover document of ``department`` from the working data; LookupError when it has no plan."""
    plan = session.load_plan(fiscal_year, department)
    if plan is None:
        raise LookupError(f"{fiscal_year_label(fiscal_year)}の{department}の計画はまだありません")
    later = fiscal_year + 1
    next_policy = session.policy(later) if later in session.fiscal_years() else None
    next_plan = session.load_plan(later, department) if next_policy is not None else None
    sections = [s.name for s in session.department(fiscal_year, department).sections]
    return handover_report(plan, session.review_marks(), sections, next_plan, next_policy, written_on or date.today())


def export_handover(session, fiscal_year: int, department: str, path: Path, font: str = "ms") -> Path:
    return write_report(department_report(session, fiscal_year, department), path, font)


def export_all_handovers(session, fiscal_year: int, folder: Path, font: str = "ms",
                         written: Callable[[int, int, str, Path], None] | None = None) -> list[Path]:
    """A 事務引継書 for every department with a plan in ``fiscal_year``, into ``folder``."""
    from .exports import year_departments

    departments = year_departments(session, fiscal_year)
    Path(folder).mkdir(parents=True, exist_ok=True)
    paths = []
    for number, department in enumerate(departments, start=1):
        path = export_handover(session, fiscal_year, department, Path(folder) / handover_file_name(fiscal_year, department),
                               font)
        paths.append(path)
        if written is not None:
            written(number, len(departments), department, path)
    return paths


# --- the person arriving --------------------------------------------------------------------------------

def arrival_text(plan: Plan, marks: list[ReviewMark]) -> str:
    """What the person arriving is shown once: the notes, each goal's note, the open 指示事項, the goals
    missed or not yet assessed."""
    numbers = {goal.id: number for number, goal in paper_order(plan)}
    lines = [f"{fiscal_year_label(plan.fiscal_year)} {plan.department}の計画には、前任の方からの引継ぎがあります"
             "（あとで「ファイル」→「事務引継ぎ」でも見られます）。", "",
             "【引継ぎメモ】", plan.handover.notes.strip() or NO_NOTES]
    goal_notes = [(numbers.get(goal_id, ""), note) for goal_id, note in plan.handover.goal_notes.items() if note.strip()]
    if goal_notes:
        lines += ["", "【目標ごとのメモ】"] + [f"No.{number}: {note.strip()}" for number, note in sorted(goal_notes)]
    still = [item for item in open_first(plan.instructions) if item.is_open]
    if still:
        lines += ["", f"【未完了の指示事項 {len(still)}件】"]
        lines += [f"・{STATUS_LABELS[item.status]}　{first_line(item.text)}（{item.given_by}、{format_date(item.given_on)}）"
                  for item in still]
    missed = [(number, goal, found) for number, goal in paper_order(plan)
              if (found := assessment(goal, marks)) is not None and _missed(found, marks)]
    if missed:
        lines += ["", "【達成できていない目標】"]
        lines += [f"・No.{number} {first_line(goal.title)}: {found.caption}（{STAGE_LABELS[found.stage]}）"
                  for number, goal, found in missed]
    return "\n".join(lines)
