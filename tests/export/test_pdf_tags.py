"""The app's PDFs are tagged: a screen reader finds the language, the headings, the paragraphs and the tables,
and skips the page furniture (footers, repeated table headers), read back with pypdf."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from hoshin_desktop.domain.matrix import build_matrix
from hoshin_desktop.export.booklet_pdf import write_booklet_pdf
from hoshin_desktop.export.content import build_content
from hoshin_desktop.export.options import ExportOptions
from hoshin_desktop.export.pdf_writer import write_pdf
from tests.benchmarks.city import make_plan

from .conftest import sample_plan
from .test_pdf import _faces, unspaced


@dataclass
class Element:
    role: str
    kids: list[Element] = field(default_factory=list)
    content: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID)
    attributes: dict = field(default_factory=dict)
    ref: int = 0  # the object number, for the parent tree


@dataclass
class Piece:
    """One marked-content sequence of a page: an MCID (or an artifact) and the text drawn in it."""

    mcid: int | None
    artifact: bool
    reading: bool = False  # drawn with an empty replacement text (a ruby reading)
    text: str = ""


@dataclass
class Tagged:
    reader: PdfReader
    root: Element
    pieces: list[list[Piece]]  # by page
    untagged_text: list[str]

    def walk(self, element: Element | None = None):
        element = element or self.root
        yield element
        for kid in element.kids:
            yield from self.walk(kid)

    def roles(self) -> set[str]:
        return {element.role for element in self.walk()}

    def text(self, element: Element) -> str:
        """The element's text in tree order (ruby readings left out)."""
        by_mcid = {(page, piece.mcid): piece for page, pieces in enumerate(self.pieces) for piece in pieces}
        own = "".join(by_mcid[key].text for key in element.content if not by_mcid[key].reading)
        return own + "".join(self.text(kid) for kid in element.kids)

    def of_role(self, role: str) -> list[Element]:
        return [element for element in self.walk() if element.role == role]

    def artifacts(self, page: int) -> str:
        return "".join(piece.text for piece in self.pieces[page] if piece.artifact)


def read_tags(path: Path) -> Tagged:
    reader = PdfReader(path)
    catalog = reader.trailer["/Root"]
    pages = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages)}
    tree = catalog["/StructTreeRoot"]
    root = Element("StructTreeRoot", ref=catalog.raw_get("/StructTreeRoot").idnum)
    _kids(tree, root, pages, None)
    pieces, untagged = [], []
    for page in reader.pages:
        found, stray = _marked(page)
        pieces.append(found)
        untagged += stray
    return Tagged(reader, root, pieces, untagged)


def _kids(node: DictionaryObject, into: Element, pages: dict[int, int], page: int | None) -> None:
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, ArrayObject) else [kids]:
        if isinstance(kid, int):
            assert page is not None, f"{into.role}: an MCID without a page"
            into.content.append((page, kid))
            continue
        reference = kid
        kid = kid.get_object()
        if kid.get("/Type") == "/MCR":
            into.content.append((pages[kid.raw_get("/Pg").idnum], kid["/MCID"]))
            continue
        element = Element(kid["/S"][1:], attributes=dict(kid.get("/A", {})), ref=reference.idnum)
        assert kid.raw_get("/P").idnum == into.ref, "its /P is its parent"
        own_page = pages[kid.raw_get("/Pg").idnum] if "/Pg" in kid else page
        _kids(kid, element, pages, own_page)
        into.kids.append(element)


def _marked(page) -> tuple[list[Piece], list[str]]:
    """The page's marked-content sequences with their text, and any text drawn outside them."""
    stack: list[Piece] = []
    pieces: list[Piece] = []
    stray: list[str] = []

    def before(operator, operands, _cm, _tm):
        if operator == b"BDC":
            properties = operands[1]
            piece = Piece(properties.get("/MCID"), operands[0] == "/Artifact", "/ActualText" in properties)
            stack.append(piece)
            pieces.append(piece)
        elif operator == b"BMC":
            stack.append(Piece(None, operands[0] == "/Artifact"))
            pieces.append(stack[-1])
        elif operator == b"EMC":
            stack.pop()

    def shown(text, _cm, _tm, _font, _size):
        if not text.strip():
            return
        if stack:
            stack[-1].text += text
        else:
            stray.append(text)

    page.extract_text(visitor_operand_before=before, visitor_text=shown)
    return pieces, stray


def assert_well_formed(tagged: Tagged) -> None:
    """Tagged, in Japanese; every text drawn is tagged or an artifact; every MCID of the pages is in the
    tree exactly once, and the parent tree names the element that holds it."""
    catalog = tagged.reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == "ja-JP"
    assert tagged.untagged_text == []
    on_pages = [(number, piece.mcid) for number, pieces in enumerate(tagged.pieces)
                for piece in pieces if piece.mcid is not None]
    in_tree = [key for element in tagged.walk() for key in element.content]
    assert sorted(in_tree) == sorted(on_pages) and len(set(on_pages)) == len(on_pages)
    holder = {key: element.ref for element in tagged.walk() for key in element.content}
    numbers = tagged.reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    parents = {numbers[i]: numbers[i + 1].get_object() for i in range(0, len(numbers), 2)}
    for number, page in enumerate(tagged.reader.pages):
        listed = parents[page["/StructParents"]]
        mcids = sorted(mcid for page_number, mcid in on_pages if page_number == number)
        assert mcids == list(range(len(listed)))
        assert [listed[mcid].idnum for mcid in mcids] == [holder[(number, mcid)] for mcid in mcids]


def assert_tables_are_regular(tagged: Tagged) -> None:
    """Each table: one header row of TH, then rows with a cell for every column (or one cell across)."""
    for table in tagged.of_role("Table"):
        assert {kid.role for kid in table.kids} == {"TR"}
        header = table.kids[0]
        assert {cell.role for cell in header.kids} == {"TH"}
        columns = len(header.kids)
        for row in table.kids[1:]:
            assert {cell.role for cell in row.kids} == {"TD"}
            if len(row.kids) != columns:
                assert len(row.kids) == 1 and row.kids[0].attributes["/ColSpan"] == columns


def running_text(tagged: Tagged) -> str:
    """What the pages draw outside artifacts and readings, page by page, as drawn."""
    return "".join(piece.text for pieces in tagged.pieces for piece in pieces
                   if not piece.artifact and not piece.reading)


def test_a_plan_is_tagged_with_headings_paragraphs_and_its_goal_table(session, tmp_path):
    policy = session.policy(2024)
    plan = make_plan(session, 2024, "政策部", 30, seed=3)
    content = build_content(plan, policy)
    tagged = read_tags(write_pdf(plan, policy, tmp_path / "plan.pdf", faces=_faces("ipaex")))
    assert_well_formed(tagged)
    assert {"Document", "H1", "H2", "P", "Sect", "Table", "TR", "TH", "TD"} <= tagged.roles()
    assert [tagged.text(h) for h in tagged.of_role("H1")] == [content.title]
    headings = [unspaced(tagged.text(h)) for h in tagged.of_role("H2")]
    assert headings[-1] == "組織目標" and all(h.startswith("市政運営の基本方針") for h in headings[:-1])
    assert_tables_are_regular(tagged)
    (table,) = tagged.of_role("Table")
    assert len(table.kids) == 1 + len(plan.goals)  # the header once: its repeats on later pages are artifacts
    assert [unspaced(tagged.text(cell)) for cell in table.kids[0].kids] == [
        unspaced(column.title) for column in content.goal_columns]
    cells = [[unspaced(tagged.text(cell)) for cell in row.kids] for row in table.kids[1:]]
    assert cells == [[unspaced("".join(line.plain for line in lines)) for lines in goal.cells]
                     for goal in content.goal_rows]
    # the tree reads as the pages do: every word once, in order
    assert unspaced(tagged.text(tagged.root)) == unspaced(running_text(tagged))
    for number in range(len(tagged.pieces)):  # the footers are artifacts, and only there
        assert f"{number + 1} / {len(tagged.pieces)}" in tagged.artifacts(number)
        assert unspaced(content.stamp) in unspaced(tagged.artifacts(number))
    assert unspaced(content.stamp) not in unspaced(tagged.text(tagged.root))
    header_page, last_page = table.kids[0].kids[0].content[0][0], table.kids[-1].kids[0].content[-1][0]
    assert last_page > header_page
    for number in range(header_page + 1, last_page + 1):  # the header row repeated on the table's later pages
        assert unspaced(content.goal_columns[3].title) in unspaced(tagged.artifacts(number))


def test_a_cell_taller_than_a_page_is_one_cell_across_both_pages(session, tmp_path):
    policy = session.policy(2024)
    plan = make_plan(session, 2024, "政策部", 3, seed=1)
    long = "".join(f"{n}月に市民の意見を聴きながら事業の進み具合を確かめる。" for n in range(1, 13)) * 8
    plan.goals[1].actions = long  # one paragraph, split between lines
    content = build_content(plan, policy)
    tagged = read_tags(write_pdf(plan, policy, tmp_path / "plan.pdf", faces=_faces("ipaex")))
    assert_well_formed(tagged)
    (holder,) = [e for e in tagged.of_role("TD") if len({page for page, _ in e.content}) > 1]
    assert unspaced(tagged.text(holder)) == unspaced(long)
    assert [len(row.kids) for row in tagged.of_role("Table")[0].kids] == [len(content.goal_columns)] * 4


def test_the_columns_layout_tags_its_two_column_table_and_a_heading_row_across_it(session, tmp_path):
    policy = session.policy(2024)
    path = write_pdf(sample_plan(), policy, tmp_path / "plan.pdf", ExportOptions(layout="columns"),
                     faces=_faces("ipaex"))
    tagged = read_tags(path)
    assert_well_formed(tagged)
    assert_tables_are_regular(tagged)
    policy_table = tagged.of_role("Table")[0]
    assert [unspaced(tagged.text(cell)) for cell in policy_table.kids[0].kids] == ["市政運営の基本方針", "部の方針"]
    assert any(len(row.kids) == 1 for row in policy_table.kids[1:])


def test_a_reading_is_tagged_in_its_paragraph_and_read_as_nothing(session, tmp_path):
    tagged = read_tags(write_pdf(sample_plan(), session.policy(2024), tmp_path / "plan.pdf", faces=_faces("ipaex")))
    readings = [(n, p) for n, pieces in enumerate(tagged.pieces) for p in pieces if p.reading]
    assert [p.text for _, p in readings] == ["じん"]
    (page, piece), = readings
    (holder,) = [e for e in tagged.walk() if (page, piece.mcid) in e.content]
    assert holder.role == "P" and "強靱なまちづくり" in tagged.text(holder)


def test_the_booklet_is_tagged_plan_by_plan(session, tmp_path):
    policy = session.policy(2024)
    everyone = [d.name for d in session.departments(2024)]
    plans = {name: make_plan(session, 2024, name, 4) for name in everyone[:2]}
    path = write_booklet_pdf(policy, everyone, plans, build_matrix(policy, everyone, plans), tmp_path / "booklet.pdf",
                             faces=_faces("ipaex"))
    tagged = read_tags(path)
    assert_well_formed(tagged)
    assert_tables_are_regular(tagged)
    titles = [tagged.text(h) for h in tagged.of_role("H1")]
    assert "目次" in titles and all(build_content(plan, policy).title in titles for plan in plans.values())
    assert len(tagged.of_role("Table")) == len(plans) + 1  # each plan's goals, and the matrix
    footers = [n for n in range(len(tagged.pieces)) if re.search(rf"\d+ / {len(tagged.pieces)}", tagged.artifacts(n))]
    assert len(footers) == len(tagged.pieces) - 2  # every page but the cover and the contents
    assert unspaced(tagged.text(tagged.root)) == unspaced(running_text(tagged))


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler's pdfinfo is not installed")
def test_poppler_reads_the_plan_as_tagged(session, tmp_path):
    path = write_pdf(sample_plan(), session.policy(2024), tmp_path / "plan.pdf", faces=_faces("ipaex"))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    assert re.search(r"^Tagged:\s+yes$", info.stdout, re.M) and not info.stderr
    tree = subprocess.run(["pdfinfo", "-struct", str(path)], capture_output=True, check=True, text=True).stdout
    assert re.search(r"^\s+H1", tree, re.M) and re.search(r"^\s+TD", tree, re.M) and not info.stderr
