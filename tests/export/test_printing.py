"""Print and preview paint the PDF's pages with Qt: same page count, sizes and text on any device."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from hoshin_desktop import printout
from hoshin_desktop.domain.models import Plan
from hoshin_desktop.export.atomic import FolderMissing
from hoshin_desktop.export.options import ExportOptions
from hoshin_desktop.export.pdf_writer import write_pdf

from .conftest import docx_paragraphs
from .test_pdf import ruby_readings, running_text, unspaced

pytestmark = pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler's pdfinfo is not installed")


def pdf_pages(path) -> list[tuple[int, int]]:
    """Page sizes in points, as poppler reads them."""
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(path)], capture_output=True, text=True,
                         check=True).stdout
    return [(round(float(w)), round(float(h))) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out)]


def test_pdf_is_a4_with_fonts_embedded(plan, policy, tmp_path):
    path = write_pdf(plan, policy, tmp_path / "plan.pdf")
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    sizes = pdf_pages(path)
    assert len(sizes) >= 3 and set(sizes) == {(595, 842)}  # A4 portrait in points
    assert b"/FontFile" in data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "plan.pdf"]  # no temporary file left


def test_landscape_goal_table_gets_landscape_pages(plan, policy, tmp_path):
    sizes = pdf_pages(write_pdf(plan, policy, tmp_path / "plan.pdf", ExportOptions(goals_landscape=True)))
    assert sizes[0] == (595, 842) and sizes[-1] == (842, 595)


def test_progress_is_reported_page_by_page(plan, policy, tmp_path):
    seen = []
    write_pdf(plan, policy, tmp_path / "plan.pdf", progress=lambda page, pages: seen.append((page, pages)))
    assert seen == [(n, len(seen)) for n in range(1, len(seen) + 1)] and len(seen) >= 3


def test_pdf_into_a_vanished_folder_says_so(plan, policy, tmp_path):
    with pytest.raises(FolderMissing):
        write_pdf(plan, policy, tmp_path / "gone" / "plan.pdf")


def test_empty_plan_prints(policy, tmp_path):
    assert len(pdf_pages(write_pdf(Plan(2024, "会計課"), policy, tmp_path / "empty.pdf"))) >= 2


@pytest.mark.parametrize("layout", ["stacked", "columns"])
def test_pdf_carries_the_text_of_word_in_the_same_order(plan, policy, tmp_path, layout):
    options = ExportOptions(layout=layout)
    from hoshin_desktop.export.content import build_content
    from hoshin_desktop.export.docx_writer import write_docx

    word = unspaced("".join(docx_paragraphs(write_docx(plan, policy, tmp_path / "p.docx", options))))
    pdf = running_text(write_pdf(plan, policy, tmp_path / "p.pdf", options), build_content(plan, policy).stamp,
                       ruby_readings(policy))
    header = "市政運営の基本方針部の方針"  # the two-column table's header row, repeated on every page
    if layout == "columns":
        assert pdf.count(header) >= 2
    assert pdf.replace(header, "") == word.replace(header, "")


@pytest.mark.parametrize("options", [ExportOptions(), ExportOptions(layout="columns"),
                                     ExportOptions(goals_landscape=True)])
def test_qt_paints_the_pdf_pages_on_any_resolution(qapp, plan, policy, tmp_path, options):
    """Laid out once: a 1200 dpi printer gets the pages, sizes and orientations of the PDF."""
    from PySide6.QtGui import QPdfWriter

    pages, faces = printout.plan_pages(plan, policy, options)
    expected = pdf_pages(write_pdf(plan, policy, tmp_path / "fpdf.pdf", options, faces=faces))
    for dpi in (300, 1200):
        path = tmp_path / f"{dpi}.pdf"
        writer = QPdfWriter(str(path))
        writer.setResolution(dpi)
        assert printout.paint_pages(pages, faces, writer) == len(expected)
        del writer
        assert pdf_pages(path) == expected
