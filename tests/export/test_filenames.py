"""Export file names: the city's pattern, safe on Windows."""

import pytest

from hoshin_desktop.export.filenames import MAX_NAME_CHARS, plan_data_file_name, plan_file_name, sanitize


def test_the_city_pattern():
    assert plan_file_name(2024, "政策部") == "令和6年度_政策部_運営方針・組織目標.docx"
    assert plan_file_name(2019, "会計課", ".pdf") == "令和元年度_会計課_運営方針・組織目標.pdf"
    assert plan_data_file_name(2025, "教育部") == "令和7年度_教育部_運営方針・組織目標.json"


def test_characters_windows_forbids_are_removed():
    assert plan_file_name(2024, 'a<b>c:d"e/f\\g|h?i*j\x01部') == "令和6年度_abcdefghij部_運営方針・組織目標.docx"


@pytest.mark.parametrize("name, expected", [
    ("CON", "_CON"), ("con.docx", "_con.docx"), ("LPT1", "_LPT1"), ("NUL.txt", "_NUL.txt"),
    ("報告書. ", "報告書"), ("", "無題"), ("???", "無題"), ("CONSOLE", "CONSOLE"),
])
def test_reserved_names_and_trailing_dots(name, expected):
    assert sanitize(name) == expected


def test_long_names_are_shortened_keeping_the_extension():
    name = sanitize("長" * 300 + ".docx")
    assert len(name) <= MAX_NAME_CHARS and name.endswith(".docx")
