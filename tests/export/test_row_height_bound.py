"""The quick bound on a row's height never says "fits" for a row the full estimate would not fit."""

from hypothesis import given, settings
from hypothesis import strategies as st

from hoshin_desktop.domain.models import Ruby, RubyText
from hoshin_desktop.export import content as c
from hoshin_desktop.export import styles as s
from hoshin_desktop.export.pages import _height_bound, estimated_row, row_fits_estimated

# Japanese, punctuation a line may not start or end with, numbers with units, Latin words, spaces.
PARTS = st.sampled_from(["市", "政", "運営", "の", "、", "。", "「", "」", "（", "）", "・", "ー", "1,500件", "80%",
                         "12月", "R6", "DX", "https://example.jp/a/very/long/address/of/a/page", " ", "ｱｲｳ",
                         "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "令和6年度"])


@st.composite
def lines(draw):
    text = "".join(draw(st.lists(PARTS, max_size=120)))
    ruby = ()
    if text and draw(st.booleans()):
        start = draw(st.integers(0, len(text) - 1))
        ruby = (Ruby(start, 1, "よみ"),)
    role = draw(st.sampled_from([c.ROLE_CELL, c.ROLE_CELL_TITLE, c.ROLE_CELL_LABEL]))
    left = draw(st.sampled_from([0.0, 1.0, 2.0]))
    first = draw(st.sampled_from([0.0, -1.0, 1.0]))
    return c.Line(RubyText(text, ruby), left, first, role)


CELLS = st.lists(st.tuples(st.lists(lines(), max_size=6).map(tuple), st.floats(30, 500)), min_size=1, max_size=7)


@settings(max_examples=300, deadline=None)
@given(CELLS)
def test_the_bound_is_never_below_the_estimated_height(cells):
    row = estimated_row(cells, s.CELL_ROLE_STYLES, landscape=True)
    assert _height_bound(cells, s.CELL_ROLE_STYLES, ()) >= row.height - 1e-6


def test_a_row_taller_than_a_page_is_still_found_and_a_short_one_fits():
    long = tuple(c.Line(RubyText("市政運営の基本方針を踏まえた取組。" * 40)) for _ in range(8))
    assert row_fits_estimated([(long, 120.0)], s.CELL_ROLE_STYLES, landscape=True) is False
    short = (c.Line(RubyText("防災訓練")),)
    assert row_fits_estimated([(short, 120.0)], s.CELL_ROLE_STYLES, landscape=True) is True
