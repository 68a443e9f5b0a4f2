"""Numbers and dates as people write them by hand or as Excel-style tools export them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from hoshin_desktop.domain.written import date_value, whole_number, written_date, written_fiscal_year, written_moment


@pytest.mark.parametrize("written", [
    "2025-04-01", "2025/4/1", "2025/04/01", "2025-4-1", "2025.4.1", "２０２５／４／１", " 2025/4/1 ",
    "2025-04-01T09:00:00", "2025-04-01 09:00", "2025/4/1 9:00", "2025年4月1日", "2025 年 4 月 1 日",
    "令和7年4月1日", "令和７年４月１日", "令和 7年　4月1日", "R7.4.1", "r07/04/01", "R7年4月1日",
    "令和7年4月1日（火）", "2025年4月1日(火曜日)", "令和7年（2025年）4月1日", "令和７年（２０２５）４月１日",
    "2025-03-31T15:00:00Z", "2025-04-01T00:00:00+09:00",  # a zone is read as Japan's clock
])
def test_a_day_written_in_the_usual_ways_is_read(written):
    assert written_date(written) == date(2025, 4, 1)


@pytest.mark.parametrize("written, day", [
    ("令和元年5月1日", date(2019, 5, 1)), ("令和元年５月１日", date(2019, 5, 1)),
    ("平成31年4月1日", date(2019, 4, 1)), ("H31.4.30", date(2019, 4, 30)),
])
def test_the_first_year_of_an_era_and_heisei_are_read(written, day):
    assert written_date(written) == day


@pytest.mark.parametrize("written, message", [
    ("2025/2/30", "2月30日という日はありません"),
    ("令和7年2月29日", "2月29日という日はありません"),
    ("令和0年4月1日", "令和0年という年はありません"),
    ("令和元年4月30日", "令和は元年5月1日からです"),
    ("平成31年5月1日", "平成は31年4月30日までです"),
    ("平成32年4月1日", "平成32年という年はありません"),
    ("4/1/2025", "「4/1/2025」は日付として読めません"),  # April 1 or January 4?
    ("25/4/1", "年は4桁の西暦か「令和」を付けて書いてください"),
    ("元年4月1日", "は日付として読めません"),
    ("2025年4/1", "は日付として読めません"),
    ("2025/4-1", "は日付として読めません"),
    ("令和7年4月1日（水）", "4月1日は火曜日です（「水」と書かれています）"),
    ("令和7年（2024年）4月1日", "令和7年は2025年です（2024年と書かれています）"),
    ("2025年（2025年）4月1日", "かっこの西暦は和暦の年に添えるものです"),
    ("2025-04-01T25:00", "25:00 という時刻はありません"),
    ("来月", "「来月」は日付として読めません"),
    ("", "「」は日付として読めません"),
])
def test_a_day_that_never_was_or_that_could_be_read_two_ways_is_refused(written, message):
    with pytest.raises(ValueError, match=message):
        written_date(written)


def test_a_moment_keeps_its_time():
    assert written_moment("2024/3/29 17:05") == datetime(2024, 3, 29, 17, 5)
    assert written_moment("2024-03-29T08:05:00Z") == datetime(2024, 3, 29, 17, 5)
    assert written_moment("9999-12-31T23:59:59-12:00") == datetime(9999, 12, 31, 23, 59, 59)  # no year 10000 in Japan


@pytest.mark.parametrize("written, number", [(2, 2), (2.0, 2), ("2", 2), ("２", 2), (" 2 ", 2), ("\u30002\t", 2),
                                             ("０", 0), ("2025", 2025)])
def test_a_whole_number_is_read_from_digits(written, number):
    assert whole_number(written) == number


@pytest.mark.parametrize("written, message", [
    (True, "true は数ではありません"), (False, "false は数ではありません"), (2.5, "2.5 は数として読めません"),
    ("2.5", "「2.5」は数として読めません"), ("第2版", "「第2版」は数として読めません"), ("二", "「二」は数として読めません"),
    ("-1", "「-1」は数として読めません"), ("1 2", "「1 2」は数として読めません"), ("①", "「①」は数として読めません"),
    ("9" * 5000, "は数として読めません"), (None, "数ではありません"), ([2], "数ではありません"),
    (1e300, "1e\\+300 は大きすぎます"), (10**19, "10000000000000000000 は大きすぎます"),
])
def test_anything_else_is_not_a_number(written, message):
    with pytest.raises(ValueError, match=message):
        whole_number(written)


@pytest.mark.parametrize("written", [2025, "2025", "２０２５", " 2025 ", "2025年度", "令和7年度", "令和７年度", "R7", "r7年度",
                                     "令和 7 年度"])
def test_a_fiscal_year_is_read_as_a_city_clerk_writes_it(written):
    assert written_fiscal_year(written) == 2025


@pytest.mark.parametrize("written, message", [
    ("2025年", "「2025年」は年度として読めません"),  # a calendar year: January to March belong to the year before
    ("令和7年", "「令和7年」は年度として読めません"), ("令和0年度", "令和0年度は扱えません"), ("2017", "2017年度は扱えません"),
    (True, "true は数ではありません"), ("平成30年度", "は年度として読めません"),
])
def test_a_fiscal_year_that_is_not_one_is_refused(written, message):
    with pytest.raises(ValueError, match=message):
        written_fiscal_year(written)


@pytest.mark.parametrize("value, day", [(45383, date(2024, 4, 1)), ("45383", date(2024, 4, 1)), (45383.0, date(2024, 4, 1)),
                                        (43466, date(2019, 1, 1)), ("令和6年4月1日", date(2024, 4, 1))])
def test_a_date_cell_may_hold_excels_day_number(value, day):
    assert date_value(value) == day


@pytest.mark.parametrize("value, message", [(20240401, "20240401 は日付として読めません"), (43465, "43465 は日付として読めません"),
                                            (1, "1 は日付として読めません"), (True, "true は数ではありません"),
                                            (45383.5, "45383.5 は数として読めません")])
def test_a_number_that_cannot_be_one_of_the_apps_days_is_refused(value, message):
    with pytest.raises(ValueError, match=message):
        date_value(value)
