"""Every document kind rendered through LibreOffice (and the app's own PDF), read back and counted.

The small variant (two departments' papers and the whole booklet) always runs where LibreOffice
is installed; the whole city of 14 departments × 30 goals is ``slow``.
"""

from __future__ import annotations

import shutil

import pytest

from hoshin_desktop.export.pdf_writer import write_pdf

from .paper_check import PDFTOTEXT, SOFFICE, check
from .paper_city import LAYOUTS, city_plans, read_city, section_names

pytestmark = [
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: nothing renders the .docx"),
    pytest.mark.skipif(PDFTOTEXT is None or shutil.which("pdfinfo") is None, reason="poppler-utils is not installed"),
]


def _totals(findings) -> dict[str, int]:
    totals: dict[str, int] = {}
    for found in findings.values():
        for key, value in found.counts().items():
            totals[key] = totals.get(key, 0) + value
    return totals


def _assert_reads_well(findings) -> None:
    assert any(name == "booklet.pdf" for name in findings)
    totals = _totals(findings)
    assert totals["splits"] == 0, {n: f.splits[:5] for n, f in findings.items() if f.splits}
    assert totals["lonely_closings"] == 0, {n: f.lonely_closings for n, f in findings.items() if f.lonely_closings}
    assert totals["empty_toc_numbers"] == 0, findings["booklet.pdf"].empty_toc_numbers


@pytest.mark.timeout(600)  # LibreOffice renders some 20 documents: about a minute on a busy machine
def test_two_departments_and_the_booklet_read_well_in_libreoffice(session, tmp_path):
    findings = read_city(session, tmp_path, ["健康部", "選挙管理委員会事務局"], goals=8)
    assert {name.split("_")[0] for name in findings} == {"plan", "review", "instructions", "booklet.pdf"}
    _assert_reads_well(findings)


def test_the_contents_numbers_are_the_pages_of_the_apps_own_layout(session, tmp_path):
    """The Word booklet's contents carry the app's count; in the app's PDF booklet, laid out by the same
    count, every title stands on the page its line names. (LibreOffice and Word lay a long goal table
    out a little differently: there a title can stand a page later; README: the booklet.)"""
    from hoshin_desktop.domain.matrix import build_matrix
    from hoshin_desktop.export.booklet_pdf import booklet_page_numbers, write_booklet_pdf
    from hoshin_desktop.export.options import ExportOptions

    from .paper_check import page_texts, toc_entries, wrong_toc_numbers

    policy = session.policy(2024)
    everyone = [d.name for d in session.departments(2024)]
    plans = city_plans(session, ["健康部", "選挙管理委員会事務局", "教育部"], 12)
    matrix = build_matrix(policy, everyone, plans)
    numbers = booklet_page_numbers(policy, everyone, plans, matrix, ExportOptions())
    pages = page_texts(write_booklet_pdf(policy, everyone, plans, matrix, tmp_path / "booklet.pdf"))
    assert len(toc_entries(pages)) == len(everyone) + 1 and wrong_toc_numbers(pages) == []
    assert sorted(numbers.values()) == sorted(int(line.rsplit("…", 1)[-1]) for line in toc_entries(pages)
                                               if not line.endswith("未提出"))


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_a_whole_city_reads_well_in_libreoffice(session, tmp_path):
    """14 departments × 30 goals. The contents' numbers are not checked page by page here: LibreOffice
    lays one of these long goal tables out a page longer than the app counts (README: the booklet)."""
    _assert_reads_well(read_city(session, tmp_path, goals=30))


@pytest.mark.timeout(600)
def test_libreoffice_keeps_numbers_and_names_whole(session, tmp_path):
    """Five departments: the plan in each layout, both review sheets, the 指示事項 list and the booklet
    (export.nobreak: the held runs). Before them, LibreOffice split 378 numbers and names here."""
    findings = read_city(session, tmp_path, ["健康部", "選挙管理委員会事務局", "子ども家庭部", "政策部", "教育部"],
                         goals=6)
    assert {name.rsplit("_", 1)[-1] for name in findings if name.startswith("plan_")} == {f"{layout}.pdf" for layout in LAYOUTS}
    assert _totals(findings)["splits"] == 0, {n: f.splits[:5] for n, f in findings.items() if f.splits}


def test_the_apps_pdf_keeps_numbers_and_names_whole(session, tmp_path):
    """The same count on the app's own PDF, laid out by the app's rule (export.nobreak)."""
    policy = session.policy(2024)
    names = section_names(session)
    splits = {}
    for department, plan in city_plans(session, ["政策部", "子ども家庭部"], 12).items():
        for layout, options in LAYOUTS.items():
            pdf = write_pdf(plan, policy, tmp_path / f"{department}_{layout}.pdf", options)
            splits[pdf.name] = check(pdf, names, _plan_text(plan)).splits
    assert sum(map(len, splits.values())) == 0, {n: s[:5] for n, s in splits.items() if s}
    assert len(splits) == 2 * len(LAYOUTS)


def _plan_text(plan) -> list[str]:
    texts = [plan.department, *(a.text for a in plan.answers)]
    for goal in plan.goals:
        texts += [goal.title, goal.background, goal.actions, goal.indicator, f"現状値：{goal.baseline}",
                  f"目標値：{goal.target}", goal.schedule, *goal.owner_sections]
    return [line for text in texts for line in text.split("\n")]
