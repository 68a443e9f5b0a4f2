"""The paper laid out in pages: lines broken, rows placed, pages broken, ready to draw.

The PDF (``export.pdf_writer``, fpdf2) and the printout (``printout``, Qt) draw the same
pages from here, so preview, print and PDF break lines and pages alike. Measurements
come from the font files that are drawn (``fonts.Metrics``), or from a character-count
estimate (``Estimate``) where the .docx only needs to know whether a row fits on a page.

Page-break rules, shared with the .docx (which states them as cantSplit, keepNext and
keepLines for Word and LibreOffice):
- a paragraph or row marked keep-with-next (a heading, a label, the last goal row before
  以上) starts a new page rather than end one;
- a table row that fits on a page is never split; a taller row is split between
  paragraphs (lines only where one paragraph is taller than a page), with the table's
  header row repeated on the next page;
- a paragraph of body text leaves no single line alone at the foot or head of a page.

Lengths are in points, y grows downwards from the top of the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import NamedTuple

from ..domain.models import RubyText
from ..domain.text import zenkaku_length
from . import content as c
from . import nobreak
from . import styles as s

TWIP = 1 / 20
PAGE_SHORT, PAGE_LONG = s.A4_SHORT * TWIP, s.A4_LONG * TWIP
CELL_PAD_X, CELL_PAD_Y = 85 * TWIP, 40 * TWIP  # the .docx table's cell margins
BORDER = 0.5
RUBY_SCALE = 0.5  # the reading is half the size of its base, as in the .docx


# --- drawing operations: what a back end paints -------------------------------------------------

@dataclass(frozen=True)
class Text:
    x: float
    baseline: float
    text: str
    face: str
    size: float
    ruby: bool = False  # a reading: drawn after the page's text, so that copied text runs on unbroken
    # What the text belongs to, for the PDF's tags (``pdf_tags``): a Body, a paragraph of a table's cell
    # (Row, cell, paragraph), or None for page furniture (footers, a table's header repeated on a later page).
    owner: Body | tuple[Row, int, int] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Rule:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Fill:
    x: float
    y: float
    width: float
    height: float
    colour: str  # RRGGBB


@dataclass
class Page:
    landscape: bool
    ops: list = field(default_factory=list)
    outline: list = field(default_factory=list)  # (title, level, y): the PDF's bookmarks of headings on this page

    def mark_heading(self, title: str, level: int) -> bool:
        """Bookmark the first line drawn with ``title`` on this page; False when the page has none."""
        found = next((op for op in self.ops if isinstance(op, Text) and op.text == title), None)
        if found is not None:
            self.outline.append((title, level, found.baseline - found.size))
        return found is not None

    @property
    def size(self) -> tuple[float, float]:
        return (PAGE_LONG, PAGE_SHORT) if self.landscape else (PAGE_SHORT, PAGE_LONG)

    def text(self) -> str:
        return "\n".join(op.text for op in self.ops if isinstance(op, Text) and not op.ruby)

    def drawing_order(self) -> list:
        """Shading, then text, then readings, then lines: copied text keeps its order."""
        rank = {Fill: 0, Text: 1, Rule: 3}
        return sorted(self.ops, key=lambda op: rank[type(op)] + (1 if isinstance(op, Text) and op.ruby else 0))


# --- measuring without font files --------------------------------------------------------------

class Estimate:
    """Metrics by character count: full-width 1 em, half-width ½ em, lines 1.45 em (Noto CJK)."""

    def advance(self, text: str, face: str, size: float) -> float:
        return zenkaku_length(text) * size

    def line_height(self, face: str, size: float) -> float:
        return 1.45 * size

    def ascent(self, face: str, size: float) -> float:
        return 1.15 * size


# --- breaking lines ------------------------------------------------------------------------------

# Japanese line-breaking rules (kinsoku): never at the start of a line, never at its end.
NO_START = set("、。，．,.)）]］」』】〕〉》｝〙〗・：；？！!?:;ー―‐～〜ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ%％")
NO_END = set("（([［「『【〔〈《｛〘〖")


class Piece(NamedTuple):
    """An unbreakable piece of a line: plain text, or a ruby base with its reading (a tuple: tokens of
    pieces are hashed for the width memo, hundreds of thousands of times in a booklet)."""

    text: str
    reading: str | None = None


@lru_cache(maxsize=4096)  # the column widths, the page-fit estimate and the PDF each break the same texts
def pieces(text: RubyText, names: tuple[str, ...] = ()) -> tuple[tuple[Piece, ...], ...]:
    """The text as tokens (runs of pieces) a line may break between (``nobreak``: numbers with
    their units, ``names`` of 課 and 部; ``_token_starts``: kinsoku)."""
    atoms: list[Piece] = []
    for chunk, reading in text.segments():
        atoms += [Piece(chunk, reading)] if reading else map(_piece, _plain_texts(chunk, names))
    return tuple(tuple(atoms[start:end]) for start, end in _token_spans([atom.text for atom in atoms]))


def token_texts(text: RubyText, names: tuple[str, ...] = ()) -> list[str]:
    """The text of each token of ``pieces(text, names)``, found without making its pieces: the goal
    table's column widths want only these, for every line of the table (a fifth of the time)."""
    texts: list[str] = []
    for chunk, reading in text.segments():
        texts += [chunk] if reading else _plain_texts(chunk, names)
    return ["".join(texts[start:end]) for start, end in _token_spans(texts)]


def _token_spans(texts: list[str]) -> list[tuple[int, int]]:
    """Where each token begins and ends among the pieces' ``texts``: kinsoku keeps a piece that may not
    start a line, or one after a piece that may not end a line, in the token before it."""
    starts: list[int] = []
    last: str | None = None
    for index, atom in enumerate(texts):
        if last is None or not (atom[:1] in NO_START or last[-1:] in NO_END):
            starts.append(index)
        last = atom
    return list(zip(starts, [*starts[1:], len(texts)]))


def _plain_texts(chunk: str, names: tuple[str, ...]) -> list[str]:
    """The pieces' texts of a chunk without ruby: each span ``nobreak`` holds, every other character."""
    texts: list[str] = []
    pos = 0
    for start, end in nobreak.spans(chunk, names):
        texts += chunk[pos:start]
        texts.append(chunk[start:end])
        pos = end
    texts += chunk[pos:]
    return texts


@lru_cache(maxsize=8192)
def _piece(text: str) -> Piece:
    """A piece without ruby, made once (a booklet breaks some 300,000 characters into lines)."""
    return Piece(text)


@dataclass(frozen=True)
class SetLine:
    """One line of a paragraph: its height and what it draws, relative to its top left."""

    height: float
    ops: tuple[Text, ...]


@dataclass(frozen=True)
class Para:
    """A paragraph set in a width: its lines, spacing and page-break wishes."""

    lines: tuple[SetLine, ...]
    before: float = 0.0
    after: float = 0.0
    keep_next: bool = False
    keep_lines: bool = False  # moves whole rather than split (rows taller than a page)
    page_break_before: bool = False
    widow_control: bool = True

    @cached_property  # asked for again and again by the pager; a Para never changes
    def height(self) -> float:
        return self.before + sum(line.height for line in self.lines) + self.after


class Typesetter:
    """Sets paragraphs of the content's styles in a width with one set of metrics."""

    def __init__(self, metrics, *, draw: bool = True, names: tuple[str, ...] = ()):
        self.metrics = metrics
        self.names = names  # the 課 and 部 a line does not break inside (``nobreak``)
        self.draw = draw  # False: only the lines' heights are wanted (the .docx's page-fit estimate)
        self._widths: dict[tuple[str, float], dict[tuple[Piece, ...], float]] = {}  # (face, size) → token → width
        self._paragraphs: dict[tuple, Para] = {}
        self._heights: dict[tuple[s.StyleDef, bool], SetLine] = {}  # lines set only for their height
        self._advances: dict[tuple[str, float], dict[str, float]] = {}  # (face, size) → a piece's text → width

    def width(self, piece_list, face: str, size: float) -> float:
        return self._measure(self._widths_in(face, size), tuple(piece_list), face, size)

    def _widths_in(self, face: str, size: float) -> dict[tuple[Piece, ...], float]:
        """The widths of the tokens measured in this face and size: most tokens are one character."""
        return self._widths.setdefault((face, size), {})

    def _measure(self, widths: dict[tuple[Piece, ...], float], token: tuple[Piece, ...], face: str, size: float
                 ) -> float:
        found = widths.get(token)
        if found is None:
            found = widths[token] = sum(self.metrics.advance(p.text, face, size) for p in token)
        return found

    def line_height(self, style: s.StyleDef, ruby: bool) -> float:
        natural = self.metrics.line_height(style.face, style.size)
        if ruby:
            natural += self.metrics.line_height(style.face, style.size * RUBY_SCALE)
        return max(style.line * TWIP, natural)

    def paragraph(self, style: s.StyleDef, text: RubyText | str, width: float, *, left: float = 0.0,
                  first: float = 0.0, keep_next: bool = False, page_break_before: bool = False,
                  keep_lines: bool = False) -> Para:
        """``left`` and ``first`` in characters of the style's size, as in ``content.Line``.

        A paragraph set once is set again from memory: every plan of a booklet quotes the mayor's
        whole basic policy, and a set paragraph is only read (its lines are relative to its corner)."""
        text = text if isinstance(text, RubyText) else RubyText(text)
        key = (style, text, width, left, first, keep_next, page_break_before, keep_lines)
        done = self._paragraphs.get(key)
        if done is None:
            done = self._paragraphs[key] = self._paragraph(style, text, width, left, first, keep_next,
                                                           page_break_before, keep_lines)
        return done

    def _paragraph(self, style: s.StyleDef, text: RubyText, width: float, left: float, first: float,
                   keep_next: bool, page_break_before: bool, keep_lines: bool) -> Para:
        em = style.size
        count = None
        if not self.draw and not text.ruby:  # only the lines' height is wanted, the same for every line
            if self.metrics.advance(text.text, style.face, style.size) <= width - (left + first) * em - 0.01:
                count = 1
            else:
                count = self._count_lines(text.text, style, width - left * em, first * em)
        if count is not None:
            lines = [self._set([], style, width, 0.0)] * count
            return Para(tuple(lines), style.before * TWIP, style.after * TWIP, keep_next or style.keep_next,
                        keep_lines, page_break_before)
        rows = self._break(pieces(text, self.names), style, width - left * em, first * em)
        lines = []
        for number, row in enumerate(rows):
            indent = (left + (first if number == 0 else 0.0)) * em
            lines.append(self._set(row, style, width, indent))
        return Para(tuple(lines), style.before * TWIP, style.after * TWIP, keep_next or style.keep_next,
                    keep_lines, page_break_before)

    def line(self, style: s.StyleDef, line: c.Line, width: float, **kwargs) -> Para:
        return self.paragraph(style, line.text, width, left=line.left, first=line.first, **kwargs)

    def _count_lines(self, text: str, style: s.StyleDef, width: float, first: float) -> int | None:
        """How many lines ``_break`` makes of plain text, found without making its pieces (the page count
        wants no more); None where a token is longer than a line (``_break`` cuts it by characters)."""
        face, em = style.face, style.size
        advances = self._advances.setdefault((face, em), {})
        texts = _plain_texts(text, self.names)  # the pieces' texts, as ``pieces`` makes them
        for atom in texts:
            if atom not in advances:
                advances[atom] = self.metrics.advance(atom, face, em)
        tokens = [sum(advances[atom] for atom in texts[start:end]) for start, end in _token_spans(texts)]
        count, room, used, started = 1, width - first, 0.0, False
        for size in tokens:  # ``_break``'s rule
            if started and used + size > room + 0.01:
                count, room, used, started = count + 1, width, 0.0, False
            if not started and size > room:
                return None
            started = True
            used += size
        return count

    def _break(self, tokens: tuple[tuple[Piece, ...], ...], style: s.StyleDef, width: float, first: float) -> list[list[Piece]]:
        rows: list[list[Piece]] = [[]]
        room, used = width - first, 0.0
        face, em = style.face, style.size
        widths = self._widths_in(face, em)
        for token in tokens:
            size = widths.get(token)
            if size is None:
                size = self._measure(widths, token, face, em)
            if rows[-1] and used + size > room + 0.01:  # no hanging punctuation (overflowPunct off in the .docx)
                rows.append([])
                room, used = width, 0.0
            if not rows[-1] and size > room:  # longer than a whole line: break it by characters
                for piece in _split_pieces(token):
                    step = self._measure(widths, (piece,), face, em)
                    if rows[-1] and used + step > room + 0.01:
                        rows.append([])
                        room, used = width, 0.0
                    rows[-1].append(piece)
                    used += step
                continue
            rows[-1] += token
            used += size
        return rows

    def _set(self, row: list[Piece], style: s.StyleDef, width: float, indent: float) -> SetLine:
        ruby = any(p.reading for p in row)
        if not self.draw:  # only its height: one line of each style serves all
            key = (style, ruby)
            line = self._heights.get(key)
            if line is None:
                line = self._heights[key] = SetLine(self.line_height(style, ruby), ())
            return line
        height = self.line_height(style, ruby)
        natural = self.metrics.line_height(style.face, style.size)
        baseline = height - natural + self.metrics.ascent(style.face, style.size)
        used = self.width(row, style.face, style.size)
        room = width - indent
        if style.jc == "center":
            x = indent + (room - used) / 2
        elif style.jc == "right":
            x = indent + room - used
        else:
            x = indent
        return SetLine(height, tuple(self._ops(row, style, x, baseline)))

    def _ops(self, row: list[Piece], style: s.StyleDef, x: float, baseline: float):
        plain = ""
        start = x
        for piece in row:
            if piece.reading is None:
                if not plain:
                    start = x
                plain += piece.text
                x += self.metrics.advance(piece.text, style.face, style.size)
                continue
            if plain:
                yield Text(start, baseline, plain, style.face, style.size)
                plain = ""
            base = self.metrics.advance(piece.text, style.face, style.size)
            yield Text(x, baseline, piece.text, style.face, style.size)
            small = style.size * RUBY_SCALE
            above = self.metrics.advance(piece.reading, style.face, small)
            yield Text(x + (base - above) / 2, baseline - self.metrics.ascent(style.face, style.size),
                       piece.reading, style.face, small, ruby=True)
            x += base
        if plain:
            yield Text(start, baseline, plain, style.face, style.size)


def _split_pieces(token: tuple[Piece, ...]) -> list[Piece]:
    split: list[Piece] = []
    for piece in token:
        if piece.reading is None:
            split.extend(Piece(ch) for ch in piece.text)
        else:
            split.append(piece)
    return split


# --- blocks: what the pager places ------------------------------------------------------------

@dataclass
class Cell:
    width: float
    paras: tuple[Para, ...]
    shade: str | None = None
    centre_vertically: bool = False

    @property
    def height(self) -> float:
        return 2 * CELL_PAD_Y + sum(p.height for p in self.paras)


@dataclass
class Table:
    """Column positions and borders shared by the rows; the header rows repeat on every page."""

    left: float
    width: float
    inside: bool = True  # lines between rows and cells (a policy box has only the outer frame)
    header: list[Row] = field(default_factory=list)

    def add_header(self, cells: list[Cell]) -> Row:
        """A header row: repeated on every page, and kept with the row after it (it never ends a page)."""
        row = Row(self, cells, keep_next=True)
        self.header.append(row)
        return row


@dataclass
class Row:
    table: Table
    cells: list[Cell]
    keep_next: bool = False
    cant_split: bool = True

    @property
    def height(self) -> float:
        return max(cell.height for cell in self.cells)


@dataclass
class Body:
    """A paragraph outside tables, at the left edge of the text area."""

    para: Para
    left: float
    role: str = "P"  # its structure tag in the PDF: P, or H1/H2 for the title and headings

    @property
    def keep_next(self) -> bool:
        return self.para.keep_next

    @property
    def height(self) -> float:
        return self.para.height


@dataclass
class NewPages:
    """The following blocks start on a new page of this orientation."""

    landscape: bool
    keep_next = False
    height = 0.0


def row_fits(row: Row, landscape: bool) -> bool:
    """Whether a row can be kept on one page (with its table's header above it)."""
    header = sum(h.height for h in row.table.header)
    return row.height + header <= text_height(landscape)


def text_height(landscape: bool) -> float:
    page = PAGE_SHORT if landscape else PAGE_LONG
    return page - (s.MARGIN_TOP + s.MARGIN_BOTTOM) * TWIP


def text_width(landscape: bool) -> float:
    return (s.LANDSCAPE_WIDTH if landscape else s.PORTRAIT_WIDTH) * TWIP


# --- the pager --------------------------------------------------------------------------------

@dataclass
class _Fragment:
    """The part of a table on one page: its rows' cells and their rectangles, for the borders."""

    table: Table
    page: Page
    top: float
    bottom: float
    body_top: float = 0.0  # below the repeated header rows
    cells: list[tuple[float, float, float, float]] = field(default_factory=list)  # x, y, w, h


class Pager:
    def __init__(self, landscape: bool):
        self.pages: list[Page] = []
        self.fragments: list[_Fragment] = []
        self._start(landscape)

    # --- pages ---

    def _start(self, landscape: bool) -> None:
        self.page = Page(landscape)
        self.pages.append(self.page)
        self.top = s.MARGIN_TOP * TWIP
        self.bottom = self.top + text_height(landscape)
        self.y = self.top
        self.fragment: _Fragment | None = None

    def new_page(self, landscape: bool | None = None) -> None:
        self._start(self.page.landscape if landscape is None else landscape)

    @property
    def at_top(self) -> bool:
        return self.y <= self.top + 0.01

    @property
    def room(self) -> float:
        return self.bottom - self.y

    # --- placing ---

    def place(self, blocks: list) -> list[Page]:
        for index, block in enumerate(blocks):
            if isinstance(block, NewPages):
                self.new_page(block.landscape)
                continue
            needed = self._needed(blocks, index)
            if needed > self.room + 0.01 and not self.at_top and needed <= self._full(block):
                self.new_page()
            if isinstance(block, Body):
                self._body(block)
            else:
                self._row(block)
        return self.pages

    def _full(self, block) -> float:
        if isinstance(block, Row):
            return text_height(self.page.landscape) - sum(h.height for h in block.table.header)
        return text_height(self.page.landscape)

    def _needed(self, blocks: list, index: int) -> float:
        """The height that must stay together from ``blocks[index]`` on the current page."""
        total = 0.0
        while index < len(blocks):
            block = blocks[index]
            if isinstance(block, NewPages):
                return total
            if block.keep_next:
                total += block.height
                index += 1
                continue
            return total + self._start_of(block)
        return total

    def _start_of(self, block) -> float:
        """What of a block must be on the page where it starts."""
        if isinstance(block, Row):
            if block.cant_split:
                return block.height + self._header_if_new(block)
            return self._header_if_new(block) + 2 * CELL_PAD_Y + min(
                (cell.paras[0].height if cell.paras else 0.0) for cell in block.cells)
        para = block.para
        if para.keep_lines or len(para.lines) <= 3:
            return para.height
        return para.before + sum(line.height for line in para.lines[:2])

    def _header_if_new(self, row: Row) -> float:
        if self.fragment is not None and self.fragment.table is row.table:
            return 0.0
        return sum(h.height for h in row.table.header) if row not in row.table.header else 0.0

    def _body(self, block: Body) -> None:
        para = block.para
        if para.page_break_before and not self.at_top:
            self.new_page()
        self.fragment = None
        self.y += 0.0 if self.at_top else para.before
        lines = list(para.lines)
        while lines:
            fit = self._lines_that_fit(lines, self.room)
            if fit < len(lines) and para.widow_control and len(lines) > 1:
                fit = _widow_safe(fit, len(lines))
            if fit == 0 and not self.at_top:
                self.new_page()
                continue
            fit = max(fit, 1)
            for line in lines[:fit]:
                self._draw_line(line, block.left, self.y, block)
                self.y += line.height
            lines = lines[fit:]
            if lines:
                self.new_page()
        self.y += para.after

    @staticmethod
    def _lines_that_fit(lines, room: float) -> int:
        used = 0.0
        for count, line in enumerate(lines):
            used += line.height
            if used > room + 0.01:
                return count
        return len(lines)

    def _draw_line(self, line: SetLine, x: float, y: float, owner: Body | tuple[Row, int, int] | None) -> None:
        for op in line.ops:
            self.page.ops.append(Text(op.x + x, op.baseline + y, op.text, op.face, op.size, op.ruby, owner))

    # --- rows ---

    def _row(self, row: Row) -> None:
        fragment = self.fragment
        if fragment is None or fragment.table is not row.table or fragment.page is not self.page:
            fragment = self._open_fragment(row.table, repeat=row not in row.table.header)
        remaining = [list(cell.paras) for cell in row.cells]
        while True:
            remaining = self._row_part(row, remaining, fragment)
            if not any(remaining):
                return
            self.new_page()
            fragment = self._open_fragment(row.table, repeat=True)

    def _open_fragment(self, table: Table, *, repeat: bool) -> _Fragment:
        fragment = self.fragment = _Fragment(table, self.page, self.y, self.y)
        self.fragments.append(fragment)
        if repeat:
            for header in table.header:
                self._row_part(header, [list(cell.paras) for cell in header.cells], fragment, repeated=True)
        fragment.body_top = self.y
        return fragment

    def _row_part(self, row: Row, remaining: list[list[Para]], fragment: _Fragment, *,
                  repeated: bool = False) -> list[list[Para]]:
        """Draw what fits of each cell on this page, whole paragraphs first; returns what is left.
        ``repeated``: a header row drawn again at the head of a later page (page furniture)."""
        room = self.room - 2 * CELL_PAD_Y
        taken: list[list[Para]] = []
        left_over: list[list[Para]] = []
        for paras in remaining:
            used, count = 0.0, 0
            for para in paras:
                if used + para.height > room + 0.01:
                    break
                used += para.height
                count += 1
            taken.append(paras[:count])
            left_over.append(paras[count:])
        if not any(taken):
            if self.y > fragment.body_top + 0.01 or fragment.top > self.top + 0.01:
                return remaining  # nothing fits below what is on this page: go on on the next
            taken, left_over = _split_first_paragraphs(remaining, room)
        height = max(sum(p.height for p in paras) for paras in taken) + 2 * CELL_PAD_Y
        if any(left_over):
            height = max(height, self.room)  # a split row runs to the foot of the page
        # The number in its cell of each cell's first paragraph here (a split paragraph keeps its own).
        firsts = None if repeated else [len(cell.paras) - len(paras) for cell, paras in zip(row.cells, remaining)]
        self._draw_cells(row, taken, height, fragment, firsts)
        self.y += height
        fragment.bottom = self.y
        return left_over

    def _draw_cells(self, row: Row, taken: list[list[Para]], height: float, fragment: _Fragment,
                    firsts: list[int] | None) -> None:
        """``firsts``: each cell's number of its first paragraph drawn here; None for page furniture."""
        x = row.table.left
        for index, (cell, paras) in enumerate(zip(row.cells, taken)):
            if cell.shade:
                self.page.ops.append(Fill(x, self.y, cell.width, height, cell.shade))
            content = sum(p.height for p in paras)
            y = self.y + CELL_PAD_Y
            if cell.centre_vertically:
                y += max(0.0, (height - 2 * CELL_PAD_Y - content) / 2)
            for number, para in enumerate(paras, start=0 if firsts is None else firsts[index]):
                y += para.before
                for line in para.lines:
                    self._draw_line(line, x + CELL_PAD_X, y, None if firsts is None else (row, index, number))
                    y += line.height
                y += para.after
            fragment.cells.append((x, self.y, cell.width, height))
            x += cell.width


def _widow_safe(fit: int, total: int) -> int:
    """Lines to keep on this page so that neither page holds a single line of the paragraph."""
    if fit == 1:
        return 0
    if total - fit == 1:
        return fit - 1 if fit - 1 >= 2 else 0
    return fit


def _split_first_paragraphs(remaining: list[list[Para]], room: float) -> tuple[list[list[Para]], list[list[Para]]]:
    """A paragraph taller than a page: split it by lines (the only way it can be printed)."""
    taken: list[list[Para]] = []
    left_over: list[list[Para]] = []
    for paras in remaining:
        if not paras:
            taken.append([])
            left_over.append([])
            continue
        first = paras[0]
        used, count = first.before, 0
        for line in first.lines:
            if used + line.height > room + 0.01:
                break
            used += line.height
            count += 1
        count = max(count, 1)
        head = Para(first.lines[:count], first.before, 0.0)
        tail = Para(first.lines[count:], 0.0, first.after) if count < len(first.lines) else None
        taken.append([head])
        left_over.append(([tail] if tail else []) + paras[1:])
    return taken, left_over


def borders(fragments: list[_Fragment]) -> None:
    """Add each table's lines to its pages: every cell's frame, or the outer frame of a box."""
    for fragment in fragments:
        ops = fragment.page.ops
        if not fragment.cells:
            continue
        if fragment.table.inside:
            for x, y, w, h in fragment.cells:
                ops += [Rule(x, y, x + w, y), Rule(x, y + h, x + w, y + h), Rule(x, y, x, y + h),
                        Rule(x + w, y, x + w, y + h)]
            continue
        left, right = fragment.table.left, fragment.table.left + fragment.table.width
        ops += [Rule(left, fragment.top, right, fragment.top), Rule(left, fragment.bottom, right, fragment.bottom),
                Rule(left, fragment.top, left, fragment.bottom), Rule(right, fragment.top, right, fragment.bottom)]
