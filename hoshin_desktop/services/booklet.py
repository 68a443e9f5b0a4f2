"""The city-wide booklet of a year from the working data (すべての部をまとめて書き出し)."""

from __future__ import annotations

from pathlib import Path

from ..domain.matrix import build_matrix
from ..domain.wareki import fiscal_year_label
from ..export.booklet import write_booklet
from ..export.filenames import sanitize
from ..export.options import ExportOptions
from ..storage import repository


def booklet_file_name(fiscal_year: int) -> str:
    """令和6年度_各部の運営方針・組織目標.docx"""
    return sanitize(f"{fiscal_year_label(fiscal_year)}_各部の運営方針・組織目標.docx")


def export_booklet(session, fiscal_year: int, path: Path, options: ExportOptions | None = None) -> Path:
    """Every department of the year in the year's order, plans as held, the matrix at the end."""
    if fiscal_year not in session.fiscal_years():
        raise repository.NotFound(f"{fiscal_year_label(fiscal_year)}の基本方針がありません")
    policy = session.policy(fiscal_year)
    names = [d.name for d in session.departments(fiscal_year)]
    plans = {name: repository.load_plan(session.db, plan_id) for _year, name, plan_id in session.plan_keys(fiscal_year)}
    if not plans:
        raise LookupError(f"{fiscal_year_label(fiscal_year)}の計画が1つもありません")
    return write_booklet(policy, names, plans, build_matrix(policy, names, plans), Path(path), options)
