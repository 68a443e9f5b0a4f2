"""A Word document as its reader sees it: paragraphs and tables in order, each with its page.

What the plan import (word_plan_import.py) needs of a .docx, whoever wrote it: each paragraph's
text (Word's list numbers in front, ruby as its base text, deleted tracked changes left out),
its style and alignment; each table as rows of cells laid on the table's grid (a cell merged
across columns spans them, a cell merged down from the row above says so). The page of each
paragraph and row is the one Word showed when it last saved the file (``w:lastRenderedPageBreak``);
a file no Word has saved counts its hard page breaks instead.

Every part comes through the safe reader (docx_package.py); everything is walked without recursion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice

from . import docx_text
from .docx_package import docx_parts

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_RENDERED_BREAK = f"{_W}lastRenderedPageBreak"
_SKIPPED = {f"{_W}{tag}" for tag in ("pPr", "rPr", "del", "delText", "moveFrom", "instrText", "delInstrText",
                                     "footnoteReference", "endnoteReference", "rt")} | {_FALLBACK}
_CONTAINERS = {f"{_W}{tag}" for tag in ("sdt", "sdtContent", "customXml", "smartTag", "ins", "moveTo")}
_PARTS = ("word/document.xml", "word/numbering.xml", "word/styles.xml")
MAX_COLUMNS = 63  # Word's own limit: a larger span is a damaged or hostile file


@dataclass(frozen=True)
class Line:
    """One paragraph (or one line a text box holds)."""

    text: str
    style: str = ""  # the paragraph style's id ("PlanSigner" in the app's own papers)
    align: str = ""  # w:jc: "right", "center", "both" …
    page: int = 1
    bookmarks: tuple[str, ...] = ()  # the names of the bookmarks that start in it (the app marks each answer so)


@dataclass
class Cell:
    lines: list[Line] = field(default_factory=list)
    span: int = 1  # grid columns it covers
    merged_above: bool = False  # the lower part of a cell merged down (w:vMerge continue): no content of its own

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass
class Row:
    cells: list[Cell]
    page: int
    header: bool = False  # repeated on every page (w:tblHeader)

    def grid(self) -> list[Cell]:
        """The row's cells, one per grid column (a spanning cell repeated), as many as Word allows."""
        return list(islice((cell for cell in self.cells for _ in range(max(1, cell.span))), MAX_COLUMNS))


@dataclass
class Table:
    rows: list[Row]
    number: int  # 1 for the document's first table

    @property
    def page(self) -> int:
        return self.rows[0].page if self.rows else 1


Block = Line | Table


@dataclass
class WordSource:
    """A read .docx: its body in order, the text of its footers, whether pages are Word's own."""

    name: str
    blocks: list[Block]
    footers: list[str]
    pages_rendered: bool


def read_source(raw: bytes, name: str) -> WordSource:
    """The body of the .docx ``raw`` (named ``name`` in messages); DocxError when it cannot be read."""
    from .docx_package import DocxError

    parts = docx_parts(raw, name, _PARTS, prefixes=("word/footer",))
    document = parts["word/document.xml"]
    body = document.find(f"{_W}body") if document is not None else None
    if body is None:
        raise DocxError(f"「{name}」は Word 文書（.docx）として読めません。ファイルが壊れていないか確認してください。")
    rendered = any(True for _ in body.iter(_RENDERED_BREAK))
    styles = parts["word/styles.xml"]
    walker = _Walker(docx_text.read_numbering(parts["word/numbering.xml"], styles), rendered, _styles(styles))
    footers = ["\n".join(walker.paragraph(p).text for p in root.iter(f"{_W}p"))
               for part, root in parts.items() if part.startswith("word/footer") and root is not None]
    walker.page = 1
    try:
        blocks = walker.body(body)
    except RecursionError:  # tables inside tables hundreds deep: no document a clerk writes
        raise DocxError(f"「{name}」は表の入れ子が深すぎるため、読み込みません。") from None
    return WordSource(name, blocks, footers, rendered)


class _Walker:
    """Reads paragraphs and tables in order, counting pages as it goes."""

    def __init__(self, numbering: docx_text.Numbering, rendered: bool, styles: dict[str, tuple[str, str]]):
        self.numbering = numbering
        self.styles = styles  # style id → (the app's id for it, its alignment)
        self.rendered = rendered  # count Word's rendered page breaks (else hard breaks)
        self.page = 1
        self.tables = 0

    def body(self, container) -> list[Block]:
        blocks: list[Block] = []
        pending = [iter(container)]
        while pending:
            node = next(pending[-1], None)
            if node is None:
                pending.pop()
            elif node.tag == f"{_W}p":
                blocks.extend(self.paragraph_and_boxes(node))
            elif node.tag == f"{_W}tbl":
                self.tables += 1
                blocks.append(Table(self.rows(node), self.tables))
            elif node.tag in _CONTAINERS:
                pending.append(iter(node))
        return blocks

    def paragraph_and_boxes(self, node) -> list[Line]:
        """A paragraph, then the paragraphs of its text boxes (a stamp such as 「案」), each a line."""
        line = self.paragraph(node)
        boxes = [p for box in node.iter(f"{_W}txbxContent") for p in box.iter(f"{_W}p")
                 if not _inside_fallback(node, box)]
        return [line] + [Line(_text(p)[0], line.style, "", line.page) for p in boxes]

    def paragraph(self, node) -> Line:
        properties = node.find(f"{_W}pPr")
        if not self.rendered and properties is not None and _on(properties.find(f"{_W}pageBreakBefore")):
            self.page += 1
        text, before, after = _text(node, rendered=self.rendered)
        self.page += before
        style, align = self.styles.get(_value(properties, "pStyle"), (_value(properties, "pStyle"), ""))
        marks = tuple(mark.get(f"{_W}name", "") for mark in node.iter(f"{_W}bookmarkStart"))
        line = Line(docx_text.list_label(node, self.numbering) + text, style, _value(properties, "jc") or align, self.page,
                    marks)
        self.page += after
        if not self.rendered and properties is not None and _section_break(properties):
            self.page += 1
        return line

    def rows(self, table) -> list[Row]:
        rows = []
        for tr in _children(table, f"{_W}tr"):
            page = self.page
            properties = tr.find(f"{_W}trPr")
            skipped = min(MAX_COLUMNS, _int(_value(properties, "gridBefore"), 0))  # the row starts right of the edge
            cells = [Cell(span=skipped)] if skipped > 0 else []
            for tc in _children(tr, f"{_W}tc"):
                self.add_cell(tc, cells)
            first_page = next((line.page for cell in cells for line in cell.lines), page)
            rows.append(Row(cells, first_page, properties is not None and _on(properties.find(f"{_W}tblHeader"))))
        return rows

    def add_cell(self, tc, cells: list[Cell]) -> None:
        properties = tc.find(f"{_W}tcPr")
        span = min(MAX_COLUMNS, max(1, _int(_value(properties, "gridSpan"), 1)))
        merge = properties.find(f"{_W}vMerge") if properties is not None else None
        lines = [line for block in self.body(tc) for line in _lines_of(block)]
        if _value(properties, "hMerge") == "continue" and cells:  # Word 97's merge across: widens the cell before
            cells[-1].span = min(MAX_COLUMNS, cells[-1].span + span)
            cells[-1].lines += lines
            return
        cells.append(Cell(lines, span, merged_above=merge is not None and merge.get(f"{_W}val", "continue") == "continue"))


def _styles(root) -> dict[str, tuple[str, str]]:
    """Each paragraph style's id → (the app's own id when its name is one of the app's styles, its alignment).

    A paper the app wrote and another program saved again keeps the styles' names (「署名」) but may
    renumber their ids (LibreOffice writes 「Style16」); the alignment may come from a style it is based on."""
    from ..export.styles import STYLES

    ours = {style.name: style.id for style in STYLES}
    found: dict[str, tuple[str, str, str]] = {}  # id → (name, own alignment, based on)
    for style in root.iter(f"{_W}style") if root is not None else ():
        properties = style.find(f"{_W}pPr")
        found[style.get(f"{_W}styleId", "")] = (_value(style, "name"), _value(properties, "jc"), _value(style, "basedOn"))
    resolved = {}
    for style_id, (name, align, parent) in found.items():
        seen = {style_id}
        while not align and parent in found and parent not in seen:
            seen.add(parent)
            _name, align, parent = found[parent]
        resolved[style_id] = (ours.get(name, style_id), align)
    return resolved


def _lines_of(block: Block) -> list[Line]:
    """A table inside a cell is read as its lines, row by row."""
    if isinstance(block, Line):
        return [block]
    return [line for row in block.rows for cell in row.cells for line in cell.lines]


def _children(node, tag: str):
    """``tag`` children of ``node``, also those wrapped in content controls (w:sdt) or custom XML."""
    pending = [iter(node)]
    while pending:
        child = next(pending[-1], None)
        if child is None:
            pending.pop()
        elif child.tag == tag:
            yield child
        elif child.tag in _CONTAINERS:
            pending.append(iter(child))


def _text(paragraph, *, rendered: bool = True) -> tuple[str, int, int]:
    """The paragraph's text, and the page breaks before its first character and after it."""
    parts: list[str] = []
    before = after = 0
    stack = [iter(paragraph)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        breaks = (tag == _RENDERED_BREAK) if rendered else (tag == f"{_W}br" and child.get(f"{_W}type") == "page")
        if breaks:
            if any(part.strip() for part in parts):
                after += 1
            else:
                before += 1
        elif tag == f"{_W}t":
            parts.append(docx_text.run_text(child))
        elif tag == f"{_W}tab":
            parts.append("\u3000")
        elif tag in (f"{_W}br", f"{_W}cr"):
            if child.get(f"{_W}type") not in ("page", "column"):
                parts.append("\n")
        elif tag == f"{_W}txbxContent":
            continue  # read as lines of their own (paragraph_and_boxes)
        elif tag not in _SKIPPED:
            stack.append(iter(child))
    return "".join(parts), before, after


def _inside_fallback(paragraph, box) -> bool:
    """Is ``box`` the copy Word keeps for old readers (mc:Fallback)? Each text box is read once."""
    for fallback in paragraph.iter(_FALLBACK):
        if any(inner is box for inner in fallback.iter(f"{_W}txbxContent")):
            return True
    return False


def _value(element, tag: str) -> str:
    child = element.find(f"{_W}{tag}") if element is not None else None
    return child.get(f"{_W}val", "") if child is not None else ""


def _on(element) -> bool:
    return element is not None and element.get(f"{_W}val", "true") not in ("false", "0", "off")


def _section_break(properties) -> bool:
    """A paragraph that ends a section starting on a new page (the default kind of section break)."""
    section = properties.find(f"{_W}sectPr")
    return section is not None and _value(section, "type") not in ("continuous",)


def _int(text: str, default: int) -> int:
    try:
        return int(text) if text else default
    except ValueError:
        return default
