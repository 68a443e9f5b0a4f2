"""File names of exports, safe on Windows and the office file share."""

from __future__ import annotations

import re

from ..domain.cycle import INSTRUCTIONS_TITLE, STAGE_LABELS
from ..domain.wareki import fiscal_year_label

# Characters Windows forbids in a name, and control characters.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
# Names Windows reserves for devices, with or without an extension (CON.docx is refused too).
_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])(\..*)?$", re.IGNORECASE)
MAX_NAME_CHARS = 120  # leaves room for deep folders on the share within Windows' 259


def sanitize(name: str, fallback: str = "無題") -> str:
    """``name`` with what Windows forbids removed: reserved characters, trailing dots and spaces,
    device names such as CON or LPT1; shortened so that a path on the share stays openable."""
    name = _FORBIDDEN.sub("", name).strip().rstrip(". ")
    if _RESERVED.match(name):
        name = f"_{name}"
    if len(name) > MAX_NAME_CHARS:
        stem, dot, suffix = name.rpartition(".")
        keep = suffix if dot and len(suffix) <= 5 else ""
        name = name[: MAX_NAME_CHARS - len(keep) - 1].rstrip(". ") + (f".{keep}" if keep else "")
    return name or fallback


def plan_file_name(fiscal_year: int, department: str, suffix: str = ".docx") -> str:
    """令和6年度_政策部_運営方針・組織目標.docx"""
    return _department_file_name(fiscal_year, department, "運営方針・組織目標", suffix)


def review_sheet_file_name(fiscal_year: int, department: str, stage: str) -> str:
    """The goal table with a review filled: 令和6年度_政策部_組織目標_中間確認.docx (stage "interim" / "final")."""
    return _department_file_name(fiscal_year, department, f"組織目標_{STAGE_LABELS[stage]}", ".docx")


def instructions_file_name(fiscal_year: int, department: str) -> str:
    """令和6年度_政策部_面談における指示事項と対応状況.docx"""
    return _department_file_name(fiscal_year, department, INSTRUCTIONS_TITLE, ".docx")


def _department_file_name(fiscal_year: int, department: str, paper: str, suffix: str) -> str:
    department = _FORBIDDEN.sub("", department).strip() or "部"
    return sanitize(f"{fiscal_year_label(fiscal_year)}_{department}_{paper}{suffix}")


def plan_data_file_name(fiscal_year: int, department: str) -> str:
    """The JSON plan file: 令和6年度_政策部_運営方針・組織目標.json"""
    return plan_file_name(fiscal_year, department, ".json")
