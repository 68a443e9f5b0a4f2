"""The year-end summary for the 政策経営課: how the city's goals fared, from every department's plan.

After the 年度末評価 the planning office reports the year: per department and city-wide, how many
goals reached each mark at the interim and at the year-end; which goals are △/× (the marks whose
scale asks for a reason) and why; which 指示事項 are still open; and the directives whose goals are
mostly △/× (by the pins). The plans are those held in the working data, as collected from the
departments' plan files (import-plans). One model, three files: Word, CSV and .xlsx.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..domain.cycle import STAGE_LABELS, STATUS_LABELS, ReviewMark, mark_counts, mark_of, review_of
from ..domain.models import Plan, PolicyDocument
from ..domain.numbering import paper_order
from ..domain.text import first_line
from ..domain.wareki import fiscal_year_label, format_date
from ..export.atomic import write_bytes
from ..export.filenames import sanitize
from ..export.report_docx import Report, ReportColumn, ReportPart, ReportTable, write_report
from .handover import open_first

TITLE = "組織目標の評価の集計（全庁）"
BLANK = "未記入"
NOT_SUBMITTED = "未提出"
CITY = "全庁"
SUFFIXES = (".docx", ".csv", ".xlsx")


def summary_file_name(fiscal_year: int, suffix: str = ".docx") -> str:
    """令和6年度_組織目標の評価の集計.docx"""
    return sanitize(f"{fiscal_year_label(fiscal_year)}_組織目標の評価の集計") + suffix


@dataclass(frozen=True)
class YearSummary:
    fiscal_year: int
    departments: list[str]  # the year's departments, in the city's order
    plans: dict[str, Plan]  # those with a plan
    marks: list[ReviewMark]
    policy: PolicyDocument

    def missed(self, mark: str) -> bool:
        known = mark_of(self.marks, mark)
        return known is not None and known.needs_reason

    @property
    def reviewed(self) -> bool:
        """Has any goal of the year a mark at either stage?"""
        return any(review.mark for plan in self.plans.values() for goal in plan.goals for review in goal.reviews)

    # --- the tables, as rows of text (each file writes them its way) --------------------------------

    def mark_columns(self) -> list[str]:
        """The scale's marks, then any other mark a plan holds, then 未記入."""
        found = {review.mark for plan in self.plans.values() for goal in plan.goals for review in goal.reviews
                 if review.mark}
        return [m.mark for m in self.marks] + sorted(found - {m.mark for m in self.marks}) + [BLANK]

    def counts_table(self, stage: str) -> ReportTable:
        marks = self.mark_columns()
        captions = {m.mark: m.caption for m in self.marks}
        columns = (ReportColumn("部", 24), ReportColumn("目標数", 9, True),
                   *(ReportColumn(captions.get(mark, mark), 11, True) for mark in marks))
        rows, total = [], dict.fromkeys(marks, 0)
        for name in self.departments:
            plan = self.plans.get(name)
            if plan is None:
                rows.append((name, NOT_SUBMITTED, *("" for _ in marks)))
                continue
            counts = mark_counts([goal.reviews for goal in plan.goals], stage, self.marks)
            for mark in marks:
                total[mark] += counts.get(mark, 0)
            rows.append((name, str(len(plan.goals)), *(str(counts.get(mark, 0)) for mark in marks)))
        goals = sum(len(plan.goals) for plan in self.plans.values())
        rows.append((CITY, str(goals), *(str(total[mark]) for mark in marks)))
        return ReportTable(columns, tuple(rows), bold_last=True)

    def missed_goals(self) -> ReportTable:
        """The goals whose 年度末評価 is a mark that asks for a reason, with that reason."""
        columns = (ReportColumn("部", 14), ReportColumn("No.", 6, True), ReportColumn("目標", 30),
                   ReportColumn("評価", 12, True), ReportColumn("未達の理由・今後の対応", 38))
        rows = []
        for name in self.departments:
            plan = self.plans.get(name)
            for number, goal in paper_order(plan) if plan else []:
                review = review_of(goal.reviews, "final")
                known = mark_of(self.marks, review.mark) if review is not None else None
                if review is not None and known is not None and known.needs_reason:
                    caption = known.caption
                    rows.append((name, number, first_line(goal.title), caption, review.reason.strip() or "（未記入）"))
        return ReportTable(columns, tuple(rows), empty="（年度末評価が△・×の目標はありません）")

    def open_instructions(self) -> ReportTable:
        columns = (ReportColumn("部", 14), ReportColumn("指示日・指示者", 17, True), ReportColumn("指示事項", 33),
                   ReportColumn("状況", 9, True), ReportColumn("対応", 27))
        rows = [(name, f"{format_date(item.given_on)}\n{item.given_by}", item.text, STATUS_LABELS[item.status],
                 item.response)
                for name in self.departments if name in self.plans
                for item in open_first(self.plans[name].instructions) if item.is_open]
        return ReportTable(columns, tuple(rows), empty="（未完了の指示事項はありません）")

    def weak_directives(self) -> ReportTable:
        """Directives more than half of whose assessed goals (年度末評価, through the pins) are △/×."""
        columns = (ReportColumn("項目", 8, True), ReportColumn("基本方針（抜粋）", 40), ReportColumn("評価した目標", 11, True),
                   ReportColumn("うち△・×", 10, True), ReportColumn("△・×の目標（部 No.）", 31))
        rows = []
        for directive in self.policy.directives:
            assessed, missed = 0, []
            for name in self.departments:
                plan = self.plans.get(name)
                for number, goal in paper_order(plan) if plan else []:
                    review = review_of(goal.reviews, "final")
                    if directive.code in goal.directives and review is not None and review.mark:
                        assessed += 1
                        if self.missed(review.mark):
                            missed.append(f"{name} No.{number}")
            if missed and 2 * len(missed) > assessed:
                text = directive.text if len(directive.text) <= 60 else directive.text[:60] + "…"
                rows.append((directive.code, text, str(assessed), str(len(missed)), "\n".join(missed)))
        return ReportTable(columns, tuple(rows), empty="（評価した目標の半数以上が△・×の項目はありません）")

    def counts(self) -> tuple[tuple[str, ReportTable], ...]:
        """The counts by mark of both stages, for the booklet's closing pages (none before any review)."""
        if not self.reviewed:
            return ()
        return tuple((f"評価の集計（{STAGE_LABELS[stage]}）", self.counts_table(stage)) for stage in ("final", "interim"))

    def parts(self) -> tuple[tuple[str, ReportTable], ...]:
        return (
            (f"1　評価の集計（{STAGE_LABELS['final']}）", self.counts_table("final")),
            (f"2　評価の集計（{STAGE_LABELS['interim']}）", self.counts_table("interim")),
            ("3　年度末評価が△・×の目標と理由", self.missed_goals()),
            ("4　未完了の指示事項（部別）", self.open_instructions()),
            ("5　関連付けた目標の半数以上が△・×の基本方針の項目", self.weak_directives()),
        )

    # --- the files ------------------------------------------------------------------------------------

    def report(self, written_on: date) -> Report:
        label = fiscal_year_label(self.fiscal_year)
        held = len(self.plans)
        lead = (f"計画 {held}部／{len(self.departments)}部（未提出 {len(self.departments) - held}部）",)
        return Report(title=f"{label}　{TITLE}", date=format_date(written_on),
                      stamp=f"{label} {TITLE}　{format_date(written_on)}", author="政策経営課", lead=lead,
                      parts=tuple(ReportPart(heading, table=table) for heading, table in self.parts()))

    def rows(self) -> list[list[str]]:
        """Every part as rows for CSV: its heading, its header, its rows, a blank line."""
        out: list[list[str]] = []
        for heading, table in self.parts():
            out += [[heading], [c.title for c in table.columns], *([list(row) for row in table.rows] or [[table.empty]]), []]
        return out

    def write(self, path: Path, written_on: date | None = None, font: str = "ms") -> Path:
        """The summary as .docx, .csv (UTF-8 with BOM, for Excel) or .xlsx, by the file's suffix."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix == ".csv":
            buffer = io.StringIO(newline="")
            csv.writer(buffer, lineterminator="\r\n").writerows(self.rows())
            return write_bytes(path, ("\ufeff" + buffer.getvalue()).encode("utf-8"))
        if suffix == ".xlsx":
            return write_bytes(path, self._xlsx())
        if suffix != ".docx":
            raise ValueError(f"書き出すファイルの拡張子は {'、'.join(SUFFIXES)} のいずれかにしてください（「{path.name}」）")
        return write_report(self.report(written_on or date.today()), path, font)

    def _xlsx(self) -> bytes:
        """One sheet per part, header frozen and bold, A4 landscape when printed."""
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter

        book = Workbook()
        book.remove(book.worksheets[0])  # the empty sheet a new workbook has
        for heading, table in self.parts():
            sheet = book.create_sheet(heading.split("\u3000", 1)[-1][:31].replace("/", "・"))
            sheet.append([c.title for c in table.columns])
            for row in table.rows:
                sheet.append([int(value) if value.isdigit() else value for value in row])
            for cell in sheet[1]:
                cell.font, cell.alignment = Font(bold=True), Alignment(wrap_text=True, vertical="top")
            if table.bold_last and table.rows:
                for cell in sheet[sheet.max_row]:
                    cell.font = Font(bold=True)
            sheet.freeze_panes = "A2"
            sheet.page_setup.orientation = "landscape"
            sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
            sheet.print_title_rows = "1:1"
            for index, column in enumerate(table.columns):
                sheet.column_dimensions[get_column_letter(index + 1)].width = max(8.0, column.weight * 1.2)
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()


def year_summary(session, fiscal_year: int) -> YearSummary:
    """The summary of ``fiscal_year`` from the plans held; LookupError when the year has no plan."""
    if fiscal_year not in session.fiscal_years():
        raise LookupError(f"{fiscal_year_label(fiscal_year)}の基本方針がありません")
    plans = {name: session.load_plan(fiscal_year, name) for _year, name, _id in session.plan_keys(fiscal_year)}
    if not plans:
        raise LookupError(f"{fiscal_year_label(fiscal_year)}の計画が1つもありません。各部の計画ファイルを取り込んでください"
                          "（「ファイル」→「提出された計画の取り込み」、コマンドでは import-plans）")
    departments = [d.name for d in session.departments(fiscal_year)]
    return YearSummary(fiscal_year, departments, plans, session.review_marks(), session.policy(fiscal_year))
