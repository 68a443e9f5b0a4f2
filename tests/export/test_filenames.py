"""Export file names: the city's pattern, safe on Windows."""

import pytest

from hoshin_desktop.export.filenames import (
    MAX_NAME_CHARS,
    instructions_file_name,
    plan_data_file_name,
    plan_file_name,
    review_sheet_file_name,
    sanitize,
)


def test_the_city_pattern():
    assert plan_file_name(2024, "政策部") == "令和6年度_政策部_運営方針・組織目標.docx"
    assert plan_file_name(2019, "会計課", ".pdf") == "令和元年度_会計課_運営方針・組織目標.pdf"
    assert plan_data_file_name(2025, "教育部") == "令和7年度_教育部_運営方針・組織目標.json"


def test_the_papers_of_the_year_after_the_interview_follow_the_same_pattern():
    assert review_sheet_file_name(2024, "政策部", "interim") == "令和6年度_政策部_組織目標_中間確認.docx"
    assert review_sheet_file_name(2019, "会計課", "final") == "令和元年度_会計課_組織目標_年度末評価.docx"
    assert instructions_file_name(2024, "政策部") == "令和6年度_政策部_面談における指示事項と対応状況.docx"


def test_characters_windows_forbids_are_removed():
    assert plan_file_name(2024, 'a<b>c:d"e/f\\g|h?i*j\x01部') == "令和6年度_abcdefghij部_運営方針・組織目標.docx"
    assert review_sheet_file_name(2024, "総務/部", "final") == "令和6年度_総務部_組織目標_年度末評価.docx"


@pytest.mark.parametrize("name, expected", [
    ("CON", "_CON"), ("con.docx", "_con.docx"), ("LPT1", "_LPT1"), ("NUL.txt", "_NUL.txt"),
    ("報告書. ", "報告書"), ("", "無題"), ("???", "無題"), ("CONSOLE", "CONSOLE"),
])
def test_reserved_names_and_trailing_dots(name, expected):
    assert sanitize(name) == expected


def test_long_names_are_shortened_keeping_the_extension():
    name = sanitize("長" * 300 + ".docx")
    assert len(name) <= MAX_NAME_CHARS and name.endswith(".docx")
