"""The page-break rules, each on a constructed document (measured without font files)."""

from __future__ import annotations

from hoshin_desktop.export import styles as s
from hoshin_desktop.export.layout import CELL_PAD_X, Body, Cell, Estimate, Pager, Row, Table, Text, row_fits, text_height, text_width
from hoshin_desktop.export.pages import LEFT

WIDTH = text_width(False)
LINE = s.BODY.line / 20  # a body line: 18 pt


def typesetter():
    from hoshin_desktop.export.layout import Typesetter

    return Typesetter(Estimate())


def body(text: str, style=s.DATE, **kwargs) -> Body:
    """A paragraph without spacing (style 日付: 18 pt lines)."""
    return Body(typesetter().paragraph(style, text, WIDTH, **kwargs), LEFT)


def filler(lines: int) -> list[Body]:
    """Single-line paragraphs of 18 pt each."""
    return [body(f"埋め草{n}") for n in range(lines)]


def pages_of(blocks) -> list[str]:
    pager = Pager(False)
    return [page.text() for page in pager.place(blocks)]


def lines_per_page() -> int:
    return int(text_height(False) // LINE)


def table_cell(texts: list[str], width: float) -> Cell:
    ts = typesetter()
    return Cell(width, tuple(ts.paragraph(s.TABLE_TEXT, t, width - 2 * CELL_PAD_X) for t in texts))


def goal_table():
    table = Table(LEFT, WIDTH)
    table.add_header([table_cell(["見出しA"], WIDTH / 2), table_cell(["見出しB"], WIDTH / 2)])
    return table


def test_a_heading_is_never_the_last_line_of_a_page():
    room = lines_per_page()
    heading = body("見出し", style=s.GOALS_HEADING)  # keep-with-next by its style
    blocks = filler(room - 1) + [heading, body("見出しの次の段落")]
    pages = pages_of(blocks)
    assert "見出し" not in pages[0].split("\n")
    assert pages[1].split("\n")[:2] == ["見出し", "見出しの次の段落"]


def test_without_keep_with_next_the_same_heading_would_stay_at_the_foot():
    """The control case: the rule above is what moves the heading."""
    room = lines_per_page()
    blocks = filler(room - 1) + [body("見出し"), body("見出しの次の段落")]
    assert pages_of(blocks)[0].split("\n")[-1] == "見出し"


def test_a_row_that_fits_is_never_split_and_the_header_repeats():
    table = goal_table()
    row = Row(table, [table_cell([f"段落{n}" for n in range(8)], WIDTH / 2), table_cell(["右"], WIDTH / 2)])
    assert row_fits(row, landscape=False)
    blocks = filler(lines_per_page() - 5) + table.header + [row]
    pages = pages_of(blocks)
    assert "段落0" not in pages[0] and "見出しA" not in pages[0]  # the header goes with its first row
    assert pages[1].split("\n")[:2] == ["見出しA", "見出しB"]
    assert all(f"段落{n}" in pages[1] for n in range(8))


def test_a_row_taller_than_a_page_splits_between_paragraphs_with_the_header_repeated():
    table = goal_table()
    paragraphs = [("長い段落" * 12) + f"{n:02d}。" for n in range(60)]  # each wraps to a few lines
    row = Row(table, [table_cell(paragraphs, WIDTH / 2), table_cell(["右"], WIDTH / 2)], cant_split=False)
    assert not row_fits(row, landscape=False)
    pages = pages_of(table.header + [row])
    assert len(pages) >= 3
    for page in pages:
        assert page.split("\n")[:2] == ["見出しA", "見出しB"]
    for n, paragraph in enumerate(paragraphs):  # every paragraph whole on one page
        assert sum("".join(page.split("\n")).count(paragraph) for page in pages) == 1, n


def test_no_page_holds_a_single_line_of_a_paragraph():
    room = lines_per_page()
    long = body("あ" * 43 * 4 + "終わり")  # five lines of 43 characters
    assert len(long.para.lines) == 5
    for before in (room - 4, room - 1):  # four lines would fit (widow), one line would fit (orphan)
        pages = pages_of(filler(before) + [long])
        first = [line for line in pages[0].split("\n") if line.startswith("あ")]
        second = [line for line in pages[1].split("\n") if line.startswith(("あ", "終"))]
        assert len(first) != 1 and len(second) != 1
        assert len(first) + len(second) == 5


def test_the_last_row_goes_with_the_closing_line():
    table = goal_table()
    row = Row(table, [table_cell(["最後の目標"] * 3, WIDTH / 2), table_cell(["右"], WIDTH / 2)], keep_next=True)
    closing = body("以上", style=s.CLOSING)
    rows_height = row.height + table.header[0].height
    lines = int((text_height(False) - rows_height) // LINE)  # the row fits, 以上 after it does not
    pages = pages_of(filler(lines) + table.header + [row, closing])
    assert "以上" in pages[-1] and "最後の目標" in pages[-1]
    assert "最後の目標" not in pages[0]


def test_ruby_is_drawn_above_its_base():
    from hoshin_desktop.domain.models import Ruby, RubyText

    para = typesetter().paragraph(s.BOX_TEXT, RubyText("強靱な", (Ruby(1, 1, "じん"),)), WIDTH)
    ops = [op for op in para.lines[0].ops if isinstance(op, Text)]
    base = next(op for op in ops if op.text == "靱")
    reading = next(op for op in ops if op.text == "じん")
    assert reading.ruby and reading.size == base.size / 2
    assert reading.baseline < base.baseline - base.size * 0.7  # above the base glyph, not after it
    centre = base.x + base.size / 2
    assert abs((reading.x + reading.size) - centre) < 0.01  # centred over its base
