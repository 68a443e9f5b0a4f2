"""Print and PDF through Qt: the same text in the same order as the .docx, on A4, without Word."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest
from PySide6.QtGui import QTextCharFormat

from hoshin_desktop.export.atomic import FolderMissing
from hoshin_desktop.export.content import build_content
from hoshin_desktop.export.docx_writer import write_docx
from hoshin_desktop.export.options import ExportOptions
from hoshin_desktop.ui import printing

from .conftest import docx_paragraphs

OPTIONS = ExportOptions()


def qt_paragraphs(document) -> list[str]:
    """Blocks of a QTextDocument in order, without the ruby readings Qt prints raised after their base."""
    result, block = [], document.begin()
    while block.isValid():
        parts, fragments = [], block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().verticalAlignment() != QTextCharFormat.VerticalAlignment.AlignSuperScript:
                parts.append(fragment.text())
            fragments += 1
        result.append("".join(parts))
        block = block.next()
    return result


@pytest.mark.parametrize("layout", ["stacked", "columns"])
def test_print_carries_the_same_text_in_the_same_order_as_word(qapp, plan, policy, tmp_path, layout):
    options = ExportOptions(layout=layout)
    word = [p for p in docx_paragraphs(write_docx(plan, policy, tmp_path / "p.docx", options)) if p]
    runs = printing._runs(build_content(plan, policy, options), options)
    qt = [p for run in runs for p in qt_paragraphs(run.document) if p]
    assert qt == word


def pdf_pages(data: bytes) -> list[tuple[int, int]]:
    """Page sizes in points, from each page's MediaBox."""
    return [(round(float(w)), round(float(h)))
            for w, h in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)]


def test_pdf_is_a4_with_fonts_embedded(qapp, plan, policy, tmp_path):
    path = printing.write_pdf(plan, policy, tmp_path / "plan.pdf", OPTIONS)
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    sizes = pdf_pages(data)
    assert len(sizes) >= 3 and set(sizes) == {(595, 842)}  # A4 portrait in points
    assert b"/FontFile" in data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "plan.pdf"]  # no temporary file left


def test_landscape_goal_table_gets_landscape_pages(qapp, plan, policy, tmp_path):
    options = ExportOptions(goals_landscape=True)
    sizes = pdf_pages(printing.write_pdf(plan, policy, tmp_path / "plan.pdf", options).read_bytes())
    assert sizes[0] == (595, 842) and sizes[-1] == (842, 595)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext is not installed")
def test_pdf_text_and_footer(qapp, plan, policy, tmp_path):
    path = printing.write_pdf(plan, policy, tmp_path / "plan.pdf", OPTIONS)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    # Extraction is approximate: CJK radicals for ideographs (⽉ for 月), ‧ for ・, spaces dropped.
    pages = ["".join(unicodedata.normalize("NFKC", page).replace("‧", "・").split()) for page in text.split("\f")[:-1]]
    assert "令和6年度政策部の運営方針・組織目標" in pages[0]
    for number, page in enumerate(pages, start=1):
        assert f"{number}/{len(pages)}" in page and "第2版令和6年3月29日" in page
    assert "以上" in pages[-1]


def test_progress_is_reported_page_by_page(qapp, plan, policy, tmp_path):
    seen = []
    printing.write_pdf(plan, policy, tmp_path / "plan.pdf", OPTIONS,
                       progress=lambda page, pages: seen.append((page, pages)))
    assert seen == [(n, len(seen)) for n in range(1, len(seen) + 1)]


def test_pdf_into_a_vanished_folder_says_so(qapp, plan, policy, tmp_path):
    with pytest.raises(FolderMissing):
        printing.write_pdf(plan, policy, tmp_path / "gone" / "plan.pdf", OPTIONS)


def test_empty_plan_prints(qapp, policy, tmp_path):
    from hoshin_desktop.domain.models import Plan

    data = printing.write_pdf(Plan(2024, "会計課"), policy, tmp_path / "empty.pdf", OPTIONS).read_bytes()
    assert len(pdf_pages(data)) >= 2


def test_pages_do_not_depend_on_the_printer_resolution(qapp, plan, policy, tmp_path):
    """Laid out once, scaled to the device: a 1200 dpi printer breaks pages as the 300 dpi PDF."""
    from PySide6.QtGui import QPdfWriter

    content = build_content(plan, policy, OPTIONS)
    counts = []
    for dpi in (300, 1200):
        writer = QPdfWriter(str(tmp_path / f"{dpi}.pdf"))
        writer.setResolution(dpi)
        counts.append(printing.paint(content, OPTIONS, writer))
        del writer
    assert counts[0] == counts[1] >= 4
