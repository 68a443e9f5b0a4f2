"""The city-wide booklet of a year from the working data (すべての部をまとめて書き出し)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..domain.matrix import CoverageMatrix, build_matrix
from ..domain.models import Plan, PolicyDocument
from ..domain.wareki import fiscal_year_label
from ..export.booklet import plan_contents, write_booklet
from ..export.collector import resting
from ..export.content import PlanContent
from ..export.filenames import sanitize
from ..export.options import ExportOptions
from ..storage import repository


def booklet_file_name(fiscal_year: int) -> str:
    """令和6年度_各部の運営方針・組織目標.docx"""
    return sanitize(f"{fiscal_year_label(fiscal_year)}_各部の運営方針・組織目標.docx")


@dataclass(frozen=True)
class BookletContents:
    """Everything the booklet prints, read from the working data (then written off the GUI thread)."""

    policy: PolicyDocument
    departments: list[str]
    plans: dict[str, Plan]
    matrix: CoverageMatrix
    counts: tuple = ()  # the review counts printed after the matrix (services/year_summary.py), once reviews exist

    def write(self, path: Path, options: ExportOptions | None = None) -> Path:
        """A .docx, or a .pdf through the single plans' PDF renderer, by the file's suffix."""
        with resting():
            return self._write(path, options)

    def _write(self, path: Path, options: ExportOptions | None) -> Path:
        if Path(path).suffix.lower() == ".pdf":
            from ..export.booklet_pdf import write_booklet_pdf

            return write_booklet_pdf(self.policy, self.departments, self.plans, self.matrix, Path(path), options,
                                     counts=self.counts)
        options = options or ExportOptions()
        contents = plan_contents(self.policy, self.plans, options)
        return write_booklet(self.policy, self.departments, self.plans, self.matrix, Path(path), options,
                             page_numbers=self.page_numbers(options, contents), counts=self.counts, contents=contents)

    def page_numbers(self, options: ExportOptions, contents: dict[str, PlanContent] | None = None
                     ) -> dict[str, int] | None:
        """The contents' page numbers by the app's layout; None where no Japanese font file is found
        (the numbers then stay empty until Word updates the fields: never a guessed number)."""
        from ..export.booklet_pdf import booklet_page_numbers
        from ..export.fonts import FontMissing

        try:
            return booklet_page_numbers(self.policy, self.departments, self.plans, self.matrix, options,
                                        contents=contents)
        except FontMissing:
            return None


def booklet_contents(session, fiscal_year: int) -> BookletContents:
    """Every department of the year in the year's order, plans as held, and the year's matrix."""
    if fiscal_year not in session.fiscal_years():
        raise repository.NotFound(f"{fiscal_year_label(fiscal_year)}の基本方針がありません")
    policy = session.policy(fiscal_year)
    names = [d.name for d in session.departments(fiscal_year)]
    plans = {name: session.load_plan(fiscal_year, name) for _year, name, _id in session.plan_keys(fiscal_year)}
    if not plans:
        raise LookupError(f"{fiscal_year_label(fiscal_year)}の計画が1つもありません")
    from .year_summary import YearSummary

    counts = YearSummary(fiscal_year, names, plans, session.review_marks(), policy).counts()
    return BookletContents(policy, names, plans, build_matrix(policy, names, plans), counts)


def export_booklet(session, fiscal_year: int, path: Path, options: ExportOptions | None = None) -> Path:
    return booklet_contents(session, fiscal_year).write(path, options)
