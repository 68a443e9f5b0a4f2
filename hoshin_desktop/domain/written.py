"""Numbers and dates as people write them: a plan file typed in Notepad or passed through Excel.

A value is read when it can mean only one thing: "2", "２", " 2 " are the number 2; "2025/4/1",
"2025年4月1日", "令和7年4月1日", "R7.4.1", "2025-04-01T09:00:00" and Excel's day number 45748
are the same day. Anything
else raises ValueError saying what was read, for the caller to name the field. Text such as
"第2版" or "4/1/2025" is refused rather than guessed (is 4/1 April 1 or January 4?).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta, timezone

from .wareki import ERAS, FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR, check_fiscal_year, era_date

_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_DIGITS = re.compile(r"[0-9]{1,18}")  # 18 digits still fit SQLite's integer; int() never sees thousands
_LARGEST = 10**18 - 1
_FISCAL_YEAR = re.compile(r"([0-9]{4})\s*年度|(令和|R)\s*(元|[0-9]{1,3})\s*(?:年度)?")
JAPAN = timezone(timedelta(hours=9))  # the city's clock: a time written with a zone is read as Japan's

_SPREADSHEET_DAY_0 = date(1899, 12, 30)  # Excel's day 0 as counted from 1900-03-01 on (past its 1900 leap-year slip)
_FIRST_SERIAL = (date(FIRST_FISCAL_YEAR, 1, 1) - _SPREADSHEET_DAY_0).days
_LAST_SERIAL = (date(LAST_FISCAL_YEAR + 1, 3, 31) - _SPREADSHEET_DAY_0).days
_WEEKDAYS = "月火水木金土日"
_WEEKDAY = re.compile(rf"\s*\(([{_WEEKDAYS}])(?:曜日?)?\)$")  # 「令和7年4月1日（火）」
_ERA = r"(?P<era>令和|平成|R|H)"
_YEAR = r"(?P<year>元|[0-9]{1,4})"
_DAY = r"(?P<month>[0-9]{1,2})\s*(?:月\s*(?P<day1>[0-9]{1,2})\s*日|(?P<sep>[-/.])\s*(?P<day2>[0-9]{1,2}))"
_TIME = r"(?:(?:\s+|T)(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2})(?:\.[0-9]{1,6})?)?)?"
_WESTERN = r"(?:\(\s*(?P<western>[0-9]{4})\s*年?\s*\)\s*)?"  # 「令和7年（2025年）4月1日」
_DATE = re.compile(rf"(?:{_ERA}\s*)?{_YEAR}\s*(?:年\s*{_WESTERN}|(?P<ysep>[-/.]))\s*{_DAY}{_TIME}")
_ERA_LETTERS = {"R": "令和", "H": "平成"}


def whole_number(value) -> int:
    """2, 2.0, "2", "２" or " 2 " → 2. Booleans, fractions and other text raise ValueError."""
    if isinstance(value, bool):
        raise ValueError(f"{'true' if value else 'false'} は数ではありません")
    if isinstance(value, (int, float)) and abs(value) > _LARGEST:
        raise ValueError(f"{_shown(str(value))} は大きすぎます")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.translate(_FULL_WIDTH_DIGITS).strip()
        if _DIGITS.fullmatch(text):
            return int(text)
        raise ValueError(f"「{_shown(value)}」は数として読めません")
    raise ValueError(f"{value!r} は数として読めません" if isinstance(value, float) else "数ではありません")


def written_fiscal_year(value) -> int:
    """2025, "2025", "2025年度", "令和7年度", "R7" → 2025, within the years the app plans for.
    「2025年」 is refused: a calendar year is not a fiscal year (January to March differ)."""
    if isinstance(value, str) and not _DIGITS.fullmatch(value.translate(_FULL_WIDTH_DIGITS).strip()):
        match = _FISCAL_YEAR.fullmatch(unicodedata.normalize("NFKC", value).strip().upper())
        if not match:
            raise ValueError(f"「{_shown(value)}」は年度として読めません")
        western, era, number = match.groups()
        year = int(western) if western else ERAS["令和"].offset + (1 if number == "元" else int(number))
        return check_fiscal_year(year, value.strip())
    return check_fiscal_year(whole_number(value))


def written_date(text: str) -> date:
    """A day written in one of the usual ways (see the module), or ValueError saying why not."""
    return written_moment(text).date()


def date_value(value) -> date:
    """A date field's value: written text (``written_date``) or Excel's day number (45383, "45383")."""
    if isinstance(value, str) and not _DIGITS.fullmatch(value.translate(_FULL_WIDTH_DIGITS).strip()):
        return written_date(value)
    return spreadsheet_day(value)


def spreadsheet_day(value) -> date:
    """Excel's serial day number (45383 = 2024-04-01), as Excel-style tools export a date cell;
    only days within the years the app plans for, so that 20240401 or a count is not taken for one."""
    number = whole_number(value)
    if not _FIRST_SERIAL <= number <= _LAST_SERIAL:
        raise ValueError(f"{number} は日付として読めません")
    return _SPREADSHEET_DAY_0 + timedelta(days=number)


def written_moment(text: str) -> datetime:
    """A date and time as ISO 8601 ("2024-03-29T17:05:00", with a zone: read as Japan's time)
    or as a written date with an optional time ("2024/3/29 17:05"); midnight when no time is given."""
    plain = unicodedata.normalize("NFKC", text).strip().upper()
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}([T ].*)?", plain):
        iso = _iso(plain)
        if iso is not None:
            return iso
    weekday = _WEEKDAY.search(plain)
    match = _DATE.fullmatch(plain[:weekday.start()] if weekday else plain)
    if not match or (match["ysep"] or "") != (match["sep"] or "") or (match["year"] == "元" and not match["era"]):
        raise ValueError(f"「{_shown(text)}」は日付として読めません")
    moment = _moment(match)
    if weekday and _WEEKDAYS[moment.weekday()] != weekday.group(1):
        raise ValueError(f"{moment.month}月{moment.day}日は{_WEEKDAYS[moment.weekday()]}曜日です"
                         f"（「{weekday.group(1)}」と書かれています）")
    return moment


def _iso(plain: str) -> datetime | None:
    """ISO 8601 as this app and Excel-style tools write it; an aware time in Japan's clock, without its zone."""
    try:
        moment = datetime.fromisoformat(plain)
    except ValueError:
        return None
    try:
        return moment.astimezone(JAPAN).replace(tzinfo=None) if moment.tzinfo else moment
    except OverflowError:  # 9999-12-31T23:59-12:00 is in the year 10000 in Japan: the time as written
        return moment.replace(tzinfo=None)


def _moment(match: re.Match) -> datetime:
    day = _day(match)
    try:
        return datetime(day.year, day.month, day.day, int(match["hour"] or 0), int(match["minute"] or 0),
                        int(match["second"] or 0))
    except ValueError:
        raise ValueError(f"{match['hour']}:{match['minute']} という時刻はありません") from None


def _day(match: re.Match) -> date:
    era, year = match["era"], match["year"]
    month, day = int(match["month"]), int(match["day1"] or match["day2"])
    if era:
        return _era_day(match, _ERA_LETTERS.get(era, era), month, day)
    if match["western"]:
        raise ValueError(f"「{_shown(match.group(0))}」は日付として読めません（かっこの西暦は和暦の年に添えるものです）")
    if len(year) != 4:
        raise ValueError(f"年は4桁の西暦か「令和」を付けて書いてください（「{year}年」では何年か分かりません）")
    try:
        return date(int(year), month, day)
    except ValueError:
        raise ValueError(f"{month}月{day}日という日はありません") from None


def _era_day(match: re.Match, era: str, month: int, day: int) -> date:
    value = era_date(era, match["year"], month, day)
    if match["western"] and int(match["western"]) != value.year:
        raise ValueError(f"{era}{match['year']}年は{value.year}年です（{match['western']}年と書かれています）")
    return value


def _shown(text: str) -> str:
    return text if len(text) <= 30 else f"{text[:20]}…"
