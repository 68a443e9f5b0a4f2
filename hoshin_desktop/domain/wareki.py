"""Japanese era dates (和暦) for the Reiwa era, in which every plan of this app is written."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

REIWA_START = date(2019, 5, 1)
_REIWA_OFFSET = 2018  # 令和N年 = 2018 + N
_WAREKI_DATE = re.compile(r"令和\s*(元|\d+)\s*年\s*(\d+)\s*月\s*(\d+)\s*日")
_WAREKI_YEAR = re.compile(r"令和\s*(元|\d+)\s*年度")


def era_year(year: int) -> str:
    """2019 → "元", 2024 → "6"."""
    n = year - _REIWA_OFFSET
    if n < 1:
        raise ValueError(f"{year}年は令和より前です")
    return "元" if n == 1 else str(n)


def fiscal_year_label(fiscal_year: int) -> str:
    """2024 → 令和6年度."""
    return f"令和{era_year(fiscal_year)}年度"


def format_date(d: date) -> str:
    """date(2024, 4, 1) → 令和6年4月1日 (Arabic digits, as on the city's papers)."""
    if d < REIWA_START:
        raise ValueError(f"{d.isoformat()} は令和より前の日付です")
    return f"令和{era_year(d.year)}年{d.month}月{d.day}日"


def _era_number(text: str) -> int:
    return 1 if text == "元" else int(text)


def parse_date(text: str) -> date:
    """令和6年3月21日 (full- or half-width digits) → date(2024, 3, 21)."""
    match = _WAREKI_DATE.search(unicodedata.normalize("NFKC", text))
    if not match:
        raise ValueError(f"和暦の日付が見つかりません: {text!r}")
    year = _REIWA_OFFSET + _era_number(match.group(1))
    return date(year, int(match.group(2)), int(match.group(3)))


def parse_fiscal_year(text: str) -> int:
    """令和6年度 → 2024."""
    match = _WAREKI_YEAR.search(unicodedata.normalize("NFKC", text))
    if not match:
        raise ValueError(f"年度（令和N年度）が見つかりません: {text!r}")
    return _REIWA_OFFSET + _era_number(match.group(1))


def default_plan_date(fiscal_year: int) -> date:
    """Plans are dated April 1 of their fiscal year unless the drafter says otherwise."""
    return date(fiscal_year, 4, 1)
