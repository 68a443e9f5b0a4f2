"""Japanese era dates (和暦) for the Reiwa era, in which every plan of this app is written.

Reading is strict (a policy or a command line names a real Reiwa date or a plausible fiscal
year, or is refused); writing never fails, so the app shows whatever the data holds. ``era_date``
also knows 平成, for dates typed into plan files (令和元年度 began on 平成31年4月1日); the other
written forms of a date are read in ``written``.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import NamedTuple

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


def format_moment(moment: datetime | str, *, seconds: bool = False) -> str:
    """A moment as the user reads every date in the app: 令和8年12月6日 20:31 (20:31:05 with ``seconds``).
    A stored ISO text (2026-12-06T20:31:05) is read first; a text that is no date is shown as it is."""
    if isinstance(moment, str):
        try:
            when = datetime.fromisoformat(moment)
        except ValueError:
            return moment
    else:
        when = moment
    return f"{format_date(when.date())} {when:%H:%M:%S}" if seconds else f"{format_date(when.date())} {when:%H:%M}"


def _era_number(text: str) -> int:
    return 1 if text == "元" else int(text)


def parse_date(text: str) -> date:
    """令和6年3月21日 (full- or half-width digits, 元年) → date(2024, 3, 21); a day that never was is refused."""
    match = _WAREKI_DATE.search(unicodedata.normalize("NFKC", text))
    if not match:
        raise ValueError(f"和暦の日付（令和N年M月D日）が見つかりません: {text!r}")
    return era_date("令和", match.group(1), int(match.group(2)), int(match.group(3)))


class Era(NamedTuple):
    """A Japanese era (元号) and the Western years it covers."""

    first_day: date
    offset: int  # the Western year of the era's year N is offset + N
    last_day: date | None = None  # None: the era goes on


# The eras a plan's dates can be written in: 令和, and 平成 for 令和元年度's own April (平成31年4月1日).
ERAS = {"令和": Era(REIWA_START, _REIWA_OFFSET), "平成": Era(date(1989, 1, 8), 1988, date(2019, 4, 30))}


def era_date(era: str, year: str, month: int, day: int) -> date:
    """令和7年4月1日 as its parts (``year`` 元 or digits) → date(2025, 4, 1); a year, a day or
    a date outside the era that never was is refused with a message saying why."""
    span = ERAS[era]
    last_year = (span.last_day.year if span.last_day else LAST_FISCAL_YEAR) - span.offset
    number = _era_number(year)
    if not 1 <= number <= last_year:
        raise ValueError(f"{era}{year}年という年はありません（{era}は元年から{last_year}年まで）")
    try:
        value = date(span.offset + number, month, day)
    except ValueError:
        raise ValueError(f"{month}月{day}日という日はありません") from None
    if value < span.first_day:
        raise ValueError(f"{era}は{format_era_day(era, span.first_day)}からです。それより前の日付は{era}では書けません")
    if span.last_day and value > span.last_day:
        raise ValueError(f"{era}は{format_era_day(era, span.last_day)}までです。それより後の日付は令和で書いてください")
    return value


def format_era_day(era: str, day: date) -> str:
    """date(2019, 5, 1) in 令和 → 元年5月1日."""
    number = day.year - ERAS[era].offset
    return f"{'元' if number == 1 else number}年{day.month}月{day.day}日"


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
