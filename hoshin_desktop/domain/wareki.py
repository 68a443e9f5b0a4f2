"""Japanese era dates (和暦) for the Reiwa era, in which every plan of this app is written.

Reading is strict (a policy or a command line names a real Reiwa date or a plausible fiscal
year, or is refused); writing never fails, so the app shows whatever the data holds.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

REIWA_START = date(2019, 5, 1)
_REIWA_OFFSET = 2018  # 令和N年 = 2018 + N
FIRST_FISCAL_YEAR = 2019  # 令和元年度
LAST_FISCAL_YEAR = 2118  # 令和100年度: any later year is a typing mistake, not a plan
_NUMBER = r"(元|[0-9]{1,12})"  # long enough to name the mistake, short enough for int()
_WAREKI_DATE = re.compile(rf"令和\s*{_NUMBER}\s*年\s*([0-9]{{1,12}})\s*月\s*([0-9]{{1,12}})\s*日")
_WAREKI_YEAR = re.compile(rf"令和\s*{_NUMBER}\s*年度")


def era_year(year: int) -> str:
    """2019 → "元", 2024 → "6"."""
    n = year - _REIWA_OFFSET
    if n < 1:
        raise ValueError(f"{year}年は令和より前です")
    return "元" if n == 1 else str(n)


def fiscal_year_label(fiscal_year: int) -> str:
    """2024 → 令和6年度; a year outside Reiwa (only in damaged data) as 「2018年度」."""
    if not FIRST_FISCAL_YEAR <= fiscal_year <= LAST_FISCAL_YEAR:
        return f"{fiscal_year}年度"
    return f"令和{era_year(fiscal_year)}年度"


def format_date(d: date) -> str:
    """date(2024, 4, 1) → 令和6年4月1日 (Arabic digits, as on the city's papers); 2019年4月30日 before Reiwa."""
    if d < REIWA_START:
        return f"{d.year}年{d.month}月{d.day}日"
    return f"令和{era_year(d.year)}年{d.month}月{d.day}日"


def _era_number(text: str) -> int:
    return 1 if text == "元" else int(text)


def parse_date(text: str) -> date:
    """令和6年3月21日 (full- or half-width digits, 元年) → date(2024, 3, 21); a day that never was is refused."""
    match = _WAREKI_DATE.search(unicodedata.normalize("NFKC", text))
    if not match:
        raise ValueError(f"和暦の日付（令和N年M月D日）が見つかりません: {text!r}")
    era, month, day = _era_number(match.group(1)), int(match.group(2)), int(match.group(3))
    if not 1 <= era <= LAST_FISCAL_YEAR - _REIWA_OFFSET:
        raise ValueError(f"令和{match.group(1)}年という年はありません（令和は元年から）")
    try:
        value = date(_REIWA_OFFSET + era, month, day)
    except ValueError:
        raise ValueError(f"{month}月{day}日という日はありません") from None
    if value < REIWA_START:
        raise ValueError("令和は元年5月1日からです。それより前の日付は令和では書けません")
    return value


def parse_fiscal_year(text: str) -> int:
    """令和6年度 → 2024 (令和元年度 to 令和100年度)."""
    match = _WAREKI_YEAR.search(unicodedata.normalize("NFKC", text))
    if not match:
        raise ValueError(f"年度（令和N年度）が見つかりません: {text!r}")
    return check_fiscal_year(_REIWA_OFFSET + _era_number(match.group(1)), f"令和{match.group(1)}年度")


def check_fiscal_year(fiscal_year: int, written: str | None = None) -> int:
    """``fiscal_year`` if it is a year this app can plan for, else ValueError saying the range."""
    if not FIRST_FISCAL_YEAR <= fiscal_year <= LAST_FISCAL_YEAR:
        shown = written or (f"{fiscal_year}年度" if abs(fiscal_year) < 10**12 else "その年度")
        raise ValueError(f"{shown}は扱えません（令和元年度＝{FIRST_FISCAL_YEAR}年度から"
                         f"令和{LAST_FISCAL_YEAR - _REIWA_OFFSET}年度＝{LAST_FISCAL_YEAR}年度まで）")
    return fiscal_year


def default_plan_date(fiscal_year: int) -> date:
    """Plans are dated April 1 of their fiscal year unless the drafter says otherwise."""
    return date(min(max(fiscal_year, 1), 9999), 4, 1)
