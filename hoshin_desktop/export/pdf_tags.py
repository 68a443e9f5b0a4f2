"""The PDF's tags: the structure a screen reader follows, and the page furniture it skips.

Tagged, in the order the paper is laid out: the title (H1), the headings (H2), every other
paragraph (P), the tables (Table > TR > TH/TD, a P for each paragraph of a cell that has several),
and each policy box, a frame without inner lines, as a Sect (its first row, 基本方針 and the
section's title, an H2; then a P for each paragraph). Marked as artifacts: the footers (stamp and 「1 / 3」), a table's header row repeated
on a later page, the cells' shading and the borders. A ruby reading stays in its paragraph with an
empty replacement text, so that copying or reading the page gives the base (強靱) without a stray
「じん」.

fpdf2 (2.8) builds a structure tree only for images' alternative texts, one flat level under
/Document (fpdf/structure_tree.py). This module keeps fpdf's tree root, element class and parent
tree (which element each marked piece of a page belongs to) and adds what fpdf lacks: nested
elements, an element whose text runs on to the next page, and the marked-content operators
(BDC … EMC with an MCID) around what each page draws.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fpdf.structure_tree import StructElem, StructureTreeBuilder
from fpdf.syntax import PDFArray, PDFObject

from .layout import Body, Row, Text

ARTIFACT = "/Artifact BMC"  # borders and shading
FURNITURE = "/Artifact <</Type /Pagination>> BDC"  # footers, repeated table headers


class _Element(StructElem):
    """A structure element with attributes (/A: a header cell's scope, a cell's column span) and the
    marked content it holds, page by page (turned into its /K when the document is finished)."""

    __slots__ = ("a", "_content")

    def __init__(self, role: str, parent: PDFObject, page_number: int, attributes: str | None = None):
        super().__init__(struct_type="/" + role, parent=parent, kids=[], page_number=page_number)
        self.a = attributes
        self._content: list[tuple[PDFObject, int]] = []  # (page, MCID)

    def serialize(self, obj_dict: dict[str, object] | None = None, _security_handler: Any = None) -> str:
        """The element's dictionary, written directly: fpdf's generic way reads every attribute through
        dir() and costs a booklet's thousands of elements a noticeable part of the export."""
        entries: dict[str, object] = {"/Type": "/StructElem", "/S": self.s, "/P": self.p.ref,
                                      "/K": self.k.serialize()}
        if self.pg is not None:
            entries["/Pg"] = self.pg.ref
        if self.a is not None:
            entries["/A"] = self.a
        return super().serialize(entries, _security_handler)


class _OnPage:
    """A marked-content reference: an element's text on another page than its /Pg."""

    def __init__(self, page: PDFObject, mcid: int):
        self.page, self.mcid = page, mcid

    def serialize(self, _security_handler: Any = None, _obj_id: int | None = None) -> str:
        return f"<</Type /MCR /Pg {self.page.ref} /MCID {self.mcid}>>"


class _Tree(StructureTreeBuilder):
    """fpdf's tree, its elements nested: fpdf writes out the objects this yields. (fpdf's own marked
    content, for images and links, counts on its flat tree; these documents have neither.)"""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[_Element] = []

    def empty(self) -> bool:
        return not self.elements

    def __iter__(self) -> Iterator[PDFObject]:
        yield self.struct_tree_root
        yield self.doc_struct_elem
        yield self.struct_tree_root.parent_tree
        yield from self.elements


class Tags:
    """Marks what ``pdf_writer`` draws, page by page, and builds the structure tree alongside."""

    def __init__(self, pdf: Any):
        self.pdf = pdf
        self.tree = pdf.struct_builder = _Tree()
        self._holders: dict[tuple[int, int, int], _Element] = {}  # (id of a Body or Row, cell, paragraph) → element
        self._cells: dict[tuple[int, int], tuple[_Element, bool]] = {}  # → element, and whether a P for each paragraph
        self._groups: dict[int, _Element] = {}  # id of a layout Table → its Table, or Sect of a policy box
        self._open: str | tuple[_Element, bool] | None = None  # what the marked content now open is for
        self._page: Any = None  # fpdf's current page object
        self._parents: list[PDFObject] = []  # the elements of this page's marked pieces, by MCID

    def start_page(self) -> None:
        """Begin fpdf's current page: its marked pieces are numbered from 0 in the parent tree."""
        self._page = self.pdf.pages[self.pdf.page]
        self._page.struct_parents = self.pdf.page - 1
        self._parents = self.tree.struct_tree_root.parent_tree.nums[self._page.struct_parents]

    def mark(self, op: object) -> None:
        """Open the marked content ``op`` is drawn in, unless the one open is already it."""
        key: str | tuple[_Element, bool]
        if not isinstance(op, Text):
            key = ARTIFACT
        elif op.owner is None:
            key = FURNITURE
        else:
            key = (self._holder(op.owner), op.ruby)
        if key == self._open:
            return
        self.close()
        self._open = key
        if isinstance(key, str):
            self.pdf._out(key)
            return
        element, ruby = key
        mcid = len(self._parents)
        self._parents.append(element)
        element._content.append((self._page, mcid))
        if ruby:  # drawn, read as nothing: the base beside it is what the text says
            self.pdf._out(f"/Span <</MCID {mcid} /ActualText <FEFF>>> BDC")
        else:
            self.pdf._out(f"{element.s} <</MCID {mcid}>> BDC")

    def close(self) -> None:
        """Close the marked content still open (at the end of a page)."""
        if self._open is not None:
            self.pdf._out("EMC")
            self._open = None

    def finish(self) -> None:
        """Give each element holding text its page and marked content, before fpdf writes the file."""
        for element in self.tree.elements:
            if element._content:
                first = element._content[0][0]
                element.pg = first  # type: ignore[assignment]  # fpdf types it None until output sets a page
                element.k = PDFArray(mcid if page is first else _OnPage(page, mcid) for page, mcid in element._content)
        self.pdf._set_min_pdf_version("1.5")  # /ActualText of the readings

    # --- the elements ---

    def _holder(self, owner: Body | tuple[Row, int, int]) -> _Element:
        """The element holding the text of a paragraph, made the first time the paragraph is drawn."""
        if isinstance(owner, Body):
            key = (id(owner), -1, 0)
            if key not in self._holders:
                self._holders[key] = self._add(owner.role, self.tree.doc_struct_elem)
            return self._holders[key]
        row, cell, para = owner
        key = (id(row), cell, para)
        if key not in self._holders:
            if (id(row), cell) not in self._cells:
                self._row(row)
            element, each = self._cells[(id(row), cell)]
            self._holders[key] = self._add("P", element) if each else element
        return self._holders[key]

    def _row(self, row: Row) -> None:
        """The elements of a row's cells, every cell at once (an empty one too: a screen reader counts columns)."""
        table = row.table
        if not table.inside:  # a policy box: its first row is the heading (基本方針 and its title), then paragraphs
            if id(table) in self._groups:
                holder = (self._groups[id(table)], True)
            else:
                self._groups[id(table)] = section = self._add("Sect", self.tree.doc_struct_elem)
                holder = (self._add("H2", section), False)
            self._cells.update({(id(row), number): holder for number in range(len(row.cells))})
            return
        if id(table) not in self._groups:
            self._groups[id(table)] = self._add("Table", self.tree.doc_struct_elem)
        tr = self._add("TR", self._groups[id(table)])
        header = any(row is h for h in table.header)
        columns = len(table.header[0].cells) if table.header else len(row.cells)
        for number, cell in enumerate(row.cells):
            if header:
                kind, attributes = "TH", "<</O /Table /Scope /Column>>"
            elif len(row.cells) == 1 < columns:  # one cell across the table (a heading row of the columns layout)
                kind, attributes = "TD", f"<</O /Table /ColSpan {columns}>>"
            else:
                kind, attributes = "TD", None
            # a cell of several paragraphs (a goal's lines, its 課 one per line) holds a P for each
            self._cells[(id(row), number)] = (self._add(kind, tr, attributes), len(cell.paras) > 1)

    def _add(self, role: str, parent: StructElem, attributes: str | None = None) -> _Element:
        element = _Element(role, parent, self.pdf.page, attributes)
        parent.k.append(element)
        self.tree.elements.append(element)
        return element
