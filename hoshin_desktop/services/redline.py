"""Redlines of a department's plan: against last year's plan (through the lineage) and between 版."""

from __future__ import annotations

from pathlib import Path

from ..domain.redline import Comparison, between_years
from ..domain.wareki import fiscal_year_label
from ..export.redline import write_redline
from .carry_over import code_map
from .session import Session


def year_comparison(session: Session, fiscal_year: int, department: str) -> Comparison:
    """This year's plan of ``department`` against the plan it was carried over from (or last year's)."""
    new = session.load_plan(fiscal_year, department)
    if new is None:
        raise LookupError(f"{fiscal_year_label(fiscal_year)}の{department}の計画がまだないため、比較できません。")
    old = (session.load_plan(new.lineage.from_year, department) if new.lineage.from_year is not None
           else session.previous_plan(fiscal_year, department))
    if old is None:
        raise LookupError(f"{fiscal_year_label(fiscal_year)}より前の{department}の計画がないため、比較できません。")
    codes, _confirmed = code_map(session, old.fiscal_year, fiscal_year)
    return between_years(old, new, codes)


def year_title(comparison: Comparison) -> str:
    return (f"{fiscal_year_label(comparison.new.fiscal_year)} {comparison.new.department} 運営方針・組織目標"
            f"（{fiscal_year_label(comparison.old.fiscal_year)}との比較）")


def export_year_redline(session: Session, fiscal_year: int, department: str, path: Path, *, author: str = "") -> Path:
    comparison = year_comparison(session, fiscal_year, department)
    return write_redline(comparison, year_title(comparison), path, author=author)
