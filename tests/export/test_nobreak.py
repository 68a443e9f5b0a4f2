"""The spans a line may not end inside: names and numbers found by one rule."""

from __future__ import annotations

import re

import pytest

from hoshin_desktop.export.nobreak import UNBREAKABLE, name_words, spans

NAMES = ("政策部", "政策経営課", "第2政策課", "子ども子育て支援課", "選挙管理委員会事務局", "A1課", "部")


def one_pattern_spans(text: str, names: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """The rule as one regular expression: at each place the longest name, else a number; leftmost first."""
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    found: list[tuple[int, int]] = []
    for match in re.finditer(f"(?P<name>{alternatives})|{UNBREAKABLE.pattern}", text):
        if match.group("name"):
            at = match.start()
            for word in name_words(match.group()):
                found.append((at, at + len(word)))
                at += len(word)
        else:
            found.append(match.span())
    return tuple(found)


TEXTS = [
    "",
    "政策部は2024年度に1,500件、80%を。",
    "第2政策課と第2回、2政策課、政策経営課の12-1、No.12-1。",
    "子ども子育て支援課と選挙管理委員会事務局（10月）",
    "A1課はA1課長とABC123、ＡＢＣ１２３ｋｍ、850m。",
    "部部部、政策部部、1部、部1",
    "12月31日12時30分、令和6年4月1日",
]


@pytest.mark.parametrize("text", TEXTS)
def test_names_and_numbers_are_found_as_by_one_pattern(text):
    assert spans(text, NAMES) == one_pattern_spans(text, NAMES)
    assert spans(text) == tuple(match.span() for match in UNBREAKABLE.finditer(text))


def test_a_name_goes_before_a_number_at_the_same_place_and_the_longer_name_wins():
    def found(text, names):
        return [text[a:b] for a, b in spans(text, names)]

    assert found("第2政策課の第2回", ("第2政策課", "政策")) == ["第2政策課", "2回"]
    assert found("第2政策課の第2回", ()) == ["2政", "2回"]
    assert found("A1課長", ("A1課",)) == ["A1課"]
    assert found("A1課長", ()) == ["A1"]
    assert found("ABC1課長", ("C1課",)) == ["ABC1"]  # the word starts first
