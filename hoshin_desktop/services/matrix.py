"""The directive × department matrix of a year from the working data, and its table files."""

from __future__ import annotations

from pathlib import Path

from ..domain.matrix import CoverageMatrix, build_matrix
from ..domain.wareki import fiscal_year_label
from ..export.matrix_files import write_matrix_csv, write_matrix_xlsx
from ..storage import repository

MATRIX_SUFFIXES = (".csv", ".xlsx")


def coverage_matrix(session, fiscal_year: int) -> CoverageMatrix:
    """Rows: the year's directives; columns: the year's departments in their order."""
    policy = session.policy(fiscal_year)
    names = [d.name for d in session.departments(fiscal_year)]
    plans = {name: session.load_plan(fiscal_year, name) for _year, name, _id in session.plan_keys(fiscal_year)}
    return build_matrix(policy, names, plans)


def export_matrix(session, fiscal_year: int, path: Path) -> Path:
    """Write the year's matrix as .csv or .xlsx, chosen by the file's suffix; returns the file written."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in MATRIX_SUFFIXES:
        raise ValueError(f"書き出すファイルの拡張子は .csv か .xlsx にしてください（「{path.name}」）")
    if fiscal_year not in session.fiscal_years():
        raise repository.NotFound(f"{fiscal_year_label(fiscal_year)}の基本方針がありません")
    matrix = coverage_matrix(session, fiscal_year)
    return (write_matrix_csv if suffix == ".csv" else write_matrix_xlsx)(matrix, path)
