"""The city-wide booklet: cover, table of contents, every department in order, the matrix at the end."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import date

import pytest
from lxml import etree

from hoshin_desktop.app import main
from hoshin_desktop.export.booklet import MATRIX_TITLE, TOC_INSTRUCTION, booklet_title, not_submitted_title
from hoshin_desktop.export.docx_writer import write_docx
from hoshin_desktop.export.options import ExportOptions
from hoshin_desktop.services.booklet import export_booklet
from hoshin_desktop.services.plan_files import import_plan_file

from .city_files import write_city_files
from .export.conftest import STAMP_DATE, W, docx_paragraphs

MISSING = ("会計課", "農業委員会事務局")


@pytest.fixture(scope="module")
def sent(tmp_path_factory):
    root = tmp_path_factory.mktemp("booklet")
    return write_city_files(root / "departments", root / "files", goals=6)


@pytest.fixture
def office(session, sent):
    for path in sent:
        if not any(f"_{name}_" in path.name for name in MISSING):
            import_plan_file(session, path)
    return session


def footer_texts(path) -> list[str]:
    """The footers in the order the sections use them."""
    with zipfile.ZipFile(path) as archive:
        document = etree.fromstring(archive.read("word/document.xml"))
        rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        texts = []
        for reference in document.iter(f"{W}footerReference"):
            footer = etree.fromstring(archive.read("word/" + targets[reference.get(
                "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")]))
            texts.append("".join(t.text or "" for t in footer.iter(f"{W}t")))
    return texts


def test_every_department_in_order_each_as_its_single_export(office, tmp_path):
    options = ExportOptions(exported_on=STAMP_DATE)
    target = export_booklet(office, 2024, tmp_path / "booklet.docx", options)
    paragraphs = docx_paragraphs(target)
    assert paragraphs[8] == booklet_title(2024) and "目次" in paragraphs
    names = [d.name for d in office.departments(2024)]
    titles = [f"令和6年度{n}の運営方針・組織目標" if n not in MISSING else not_submitted_title(2024, n) for n in names]
    positions = [paragraphs.index(title) for title in titles]
    assert positions == sorted(positions)  # the year's department order
    assert paragraphs.index(MATRIX_TITLE) > positions[-1]
    stamps = []
    for name in names:
        if name in MISSING:
            continue
        single = write_docx(office.load_plan(2024, name), office.policy(2024), tmp_path / f"{name}.docx", options)
        body = docx_paragraphs(single)
        start = paragraphs.index(body[0], paragraphs.index(f"令和6年度{name}の運営方針・組織目標") - 1)
        assert paragraphs[start:start + len(body)] == body, name
        stamps.append(docx_paragraphs(single, "word/footer1.xml")[0])
    footers = footer_texts(target)
    assert [f for f in footers if f.startswith("第")] == [s + "1 / 1" for s in stamps]  # cached PAGE / NUMPAGES
    assert footers[0] == ""  # the cover and the contents carry no stamp


def test_the_contents_is_a_toc_field_over_bookmarked_titles(office, tmp_path):
    target = export_booklet(office, 2024, tmp_path / "booklet.docx")
    with zipfile.ZipFile(target) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
        settings = archive.read("word/settings.xml").decode("utf-8")
    assert TOC_INSTRUCTION.replace('"', "&quot;") in xml or TOC_INSTRUCTION in xml
    assert 'w:updateFields w:val="true"' in settings
    bookmarks = re.findall(r'w:bookmarkStart w:id="\d+" w:name="(_Toc\d+)"', xml)
    assert len(bookmarks) == len(office.departments(2024)) + 1
    every = re.findall(r'w:bookmarkStart w:id="(\d+)" w:name="([^"]*)"', xml)  # the plans' own marks left out:
    assert len(every) == len(bookmarks) and len({i for i, _name in every}) == len(every)  # ids and names unique
    assert all(f"PAGEREF {name} \\h" in xml for name in bookmarks[:1])
    assert xml.count('<w:outlineLvl w:val="0"/>') == len(bookmarks)
    assert xml.count("未提出</w:t>") >= len(MISSING)


def test_the_command_writes_the_booklet(office, data_dir, tmp_path, capsys):
    office.close()
    assert main(["--data-dir", str(data_dir), "export-booklet", "--year", "2024", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "令和6年度_各部の運営方針・組織目標.docx" in out and "未提出 2部" in out
    assert main(["--data-dir", str(data_dir), "export-booklet", "--year", "2024", "--out", str(tmp_path / "a.txt")]) == 1


def test_the_pdf_booklet_has_true_page_numbers_in_its_contents(office, data_dir, tmp_path):
    office.close()
    target = tmp_path / "booklet.pdf"
    assert main(["--data-dir", str(data_dir), "export-booklet", "--year", "2024", "--out", str(target)]) == 0
    text = subprocess.run(["pdftotext", str(target), "-"], check=True, capture_output=True, text=True).stdout
    pages = [re.sub(r"\s+", "", page) for page in text.split("\f")]
    assert pages[0].startswith(booklet_title(2024).replace(" ", "")) and pages[1].startswith("目次")
    lines = re.findall(r"(令和6年度\S+?の運営方針・組織目標|全庁の対応状況（基本方針の項目×部）)…+(\d+|未提出)", pages[1])
    assert len(lines) == 15
    for title, number in lines:
        if number == "未提出":
            assert title.removeprefix("令和6年度").split("の")[0] in MISSING
            continue
        page = pages[int(number) - 1]
        assert page.startswith(title) or page.startswith("令和6年4月1日" + title), (title, number)
        assert f"{number}/{len(pages) - 1}" in page  # the footer counts the booklet's pages


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_booklet_opens_in_libreoffice_with_every_title_and_the_contents(office, tmp_path):
    target = export_booklet(office, 2024, tmp_path / "booklet.docx", ExportOptions(exported_on=date(2024, 3, 29)))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(target)], check=True, capture_output=True, timeout=300)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "booklet.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    pages = [re.sub(r"\s+", "", page) for page in text.split("\f")]
    assert booklet_title(2024).replace(" ", "") in pages[0]
    assert pages[1].startswith("目次")
    starts = []
    for department in office.departments(2024):
        name = department.name
        title = f"令和6年度{name}の運営方針・組織目標"
        if name in MISSING:
            first_line = not_submitted_title(2024, name)
            assert re.search(re.escape(title) + r"\.*未提出", pages[1]), name  # listed as 未提出
        else:
            first_line = "令和6年4月1日" + title  # the plan's own first page: date, then title
        assert title in pages[1]
        starts.append(next(i for i, page in enumerate(pages) if page.startswith(first_line)))
    assert starts == sorted(starts) and starts[0] == 2  # in the year's order, each on a new page
    matrix = next(i for i, page in enumerate(pages) if page.startswith(MATRIX_TITLE.replace(" ", "")))
    assert matrix > starts[-1] and "合計" in "".join(pages[matrix:])


def test_every_page_after_the_contents_carries_its_page_number(office, tmp_path):
    """As in the PDF booklet: the 未提出 pages and the matrix are numbered too (the contents points at them)."""
    footers = footer_texts(export_booklet(office, 2024, tmp_path / "booklet.docx"))
    assert footers[0] == ""  # the cover and the contents
    assert len(footers) == len(office.departments(2024)) + 2
    assert all(re.search(r"1 / 1$", footer) for footer in footers[1:]), footers  # cached PAGE / NUMPAGES
    assert [f for f in footers if not f.startswith("第")][1:] == ["1 / 1"] * (len(MISSING) + 1)  # no stamp


def test_the_matrix_names_read_vertically_with_a_legend_and_one_line_rows(session, tmp_path):
    """「子ど｜も家｜庭部」 and a cryptic 「0 方」: the names stand vertically, a cell says 「3方」 or 「方」,
    the legend says what they mean, and each directive takes one line so that many rows share a page."""
    from hoshin_desktop.domain.matrix import build_matrix
    from hoshin_desktop.export.matrix_paper import LEGEND, matrix_paper
    from hoshin_desktop.export.widths import estimate
    from tests.benchmarks.city import make_plan

    policy = session.policy(2024)
    names = [d.name for d in session.departments(2024)]
    plans = {name: make_plan(session, 2024, name, 8) for name in names[:-1]}
    paper = matrix_paper(build_matrix(policy, names, plans), 770.0)
    assert paper.header[2 + names.index("子ども家庭部")] == "子\nど\nも\n家\n庭\n部"
    cells = [text for texts, _ in paper.rows for text in texts[2:2 + len(names)]]
    assert "0 方" not in cells and all(text == "" or text.rstrip("方").isdigit() or text == "方" for text in cells)
    assert "「方」は部の方針のみ" in LEGEND
    assert paper.totals[1 + len(names)] == "未\n提\n出"  # the last department sent no plan
    text_width = (paper.widths[1] - 9.5) / 9
    assert all(estimate(texts[1]) <= text_width for texts, _ in paper.rows)
    assert abs(sum(paper.widths) - 770.0) < 0.01
