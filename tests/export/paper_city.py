"""Every document kind of a generated city, written as .docx (and the app's PDF), for reading back.

``python -m tests.export.paper_city OUT [DEPARTMENTS]`` writes them into OUT and renders the .docx
through LibreOffice, to look at the pages; the test (test_paper_reading.py) counts what reads badly.
"""

from __future__ import annotations

import random
import sys
import tempfile
from datetime import date
from pathlib import Path

from hoshin_desktop.domain.cycle import Instruction, Review
from hoshin_desktop.domain.matrix import build_matrix
from hoshin_desktop.domain.models import Plan
from hoshin_desktop.export.booklet import write_booklet
from hoshin_desktop.export.booklet_pdf import booklet_page_numbers
from hoshin_desktop.export.docx_writer import write_docx
from hoshin_desktop.export.options import ExportOptions
from hoshin_desktop.export.review_sheets import write_instructions_docx, write_review_docx
from hoshin_desktop.services.session import Session
from tests.benchmarks.city import make_plan
from tests.city_files import LOCAL_SECTIONS

from .conftest import docx_paragraphs
from .paper_check import Findings, check, render_with_libreoffice

LAYOUTS = {"stacked": ExportOptions(), "columns": ExportOptions(layout="columns"),
           "landscape": ExportOptions(goals_landscape=True), "review": ExportOptions(review_columns=True),
           "direction": ExportOptions(direction_column=True)}
REVIEW_SHEETS = (("interim", True), ("final", False))
MONTH_PHRASES = ("10月に移転", "年4回開催", "1,500件", "政策第3課と調整", "令和6年12月31日まで")


def city_plans(session: Session, departments: list[str], goals: int) -> dict[str, Plan]:
    """Filled-in plans with the department's own 課, reviews, 指示事項 and month-and-number text."""
    plans = {}
    for department in departments:
        session.set_sections(2024, department, LOCAL_SECTIONS.get(department, []) + ["政策第3課"])
        plan = make_plan(session, 2024, department, goals)
        rng = random.Random(department)
        for number, goal in enumerate(plan.goals):
            goal.id = number + 1
            goal.actions += "\n・" + "、".join(rng.sample(MONTH_PHRASES, 3)) + "。"
            goal.reviews = [Review("interim", "○", "年2回", "4月〜9月に2回実施した。"),
                            Review("final", rng.choice(["◎", "△"]), "1,200件", "10月に完了。", "")]
        plan.instructions = [Instruction(date(2024, 4, 10 + i), "市長", f"目標の進捗を12月{i + 1}日までに報告すること。",
                                         goal=plan.goals[i].id, directive="3(9)", due=date(2024, 12, 31))
                             for i in range(3)]
        plans[department] = plan
    return plans


def write_city_documents(session: Session, out: Path, departments: list[str] | None = None, *,
                         goals: int = 12) -> dict[str, list[Path]]:
    """Each kind's .docx files: {"plan": [...], "booklet": [...], "review": [...], "instructions": [...]}."""
    policy = session.policy(2024)
    names = departments or [d.name for d in session.departments(2024)]
    plans = city_plans(session, names, goals)
    written: dict[str, list[Path]] = {"plan": [], "booklet": [], "review": [], "instructions": []}
    for index, plan in enumerate(plans.values()):
        for layout, options in LAYOUTS.items():
            if layout == "stacked" or index % len(LAYOUTS) == list(LAYOUTS).index(layout):
                written["plan"].append(write_docx(plan, policy, out / f"plan_{index:02}_{layout}.docx", options))
        for stage, landscape in REVIEW_SHEETS:
            written["review"].append(write_review_docx(plan, policy, out / f"review_{index:02}_{stage}.docx", stage,
                                                       session.review_marks(), landscape=landscape))
        written["instructions"].append(write_instructions_docx(plan, policy, out / f"instructions_{index:02}.docx"))
    everyone = [d.name for d in session.departments(2024)]
    matrix = build_matrix(policy, everyone, plans)
    numbers = booklet_page_numbers(policy, everyone, plans, matrix, ExportOptions())
    written["booklet"].append(write_booklet(policy, everyone, plans, matrix, out / "booklet.docx", page_numbers=numbers))
    return written


def section_names(session: Session) -> list[str]:
    names = {name for sections in LOCAL_SECTIONS.values() for name in sections} | {"政策第3課"}
    names |= {d.name for d in session.departments(2024)}
    return sorted(names, key=len, reverse=True)


def read_city(session: Session, out: Path, departments: list[str] | None = None, *,
              goals: int = 12) -> dict[str, Findings]:
    """The findings of each rendered document, by file name."""
    written = write_city_documents(session, out, departments, goals=goals)
    documents = [path for paths in written.values() for path in paths]
    pdfs = render_with_libreoffice(documents, out, out / "lo-profile")
    names = section_names(session)
    return {pdf.name: check(pdf, names, docx_paragraphs(docx), booklet=pdf.stem == "booklet")
            for docx, pdf in zip(documents, pdfs)}


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    departments = argv[1].split(",") if len(argv) > 1 else None
    with tempfile.TemporaryDirectory() as folder:
        session = Session.open(Path(folder))
        try:
            findings = read_city(session, out, departments)
        finally:
            session.close()
    total: dict[str, int] = {}
    for name, found in sorted(findings.items()):
        for key, value in found.counts().items():
            total[key] = total.get(key, 0) + value
        if any(found.counts().values()):
            print(name, found.counts(), found.splits[:6], found.lonely_closings, found.empty_toc_numbers[:3],
                  found.wrong_toc_numbers[:5])
    print("total", total)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
