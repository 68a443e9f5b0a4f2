"""The PDF has as many pages as LibreOffice's rendering of the app's own .docx, on realistic plans."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from hoshin_desktop.export.docx_writer import write_docx
from hoshin_desktop.export.options import ExportOptions
from hoshin_desktop.export.pdf_writer import write_pdf
from tests.benchmarks.city import make_plan

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: nothing to compare with"),
    pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler's pdfinfo is not installed"),
]
CASES = {"stacked": ExportOptions(), "columns": ExportOptions(layout="columns"),
         "landscape_goals": ExportOptions(goals_landscape=True)}


def page_count(path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[1] for line in out.splitlines() if line.startswith("Pages:")))


def test_pdf_and_libreoffice_agree_on_the_page_count(session, tmp_path):
    policy = session.policy(2024)
    names = [d.name for d in session.departments(2024)]
    documents = []
    for seed, department in enumerate(names[:2]):
        plan = make_plan(session, 2024, department, 30, seed=seed)
        if seed:  # long texts: rows that fill half a page
            for goal in plan.goals[::3]:
                goal.actions += "\n・" + "関係課と連携し、" * 12 + "長い取組内容を記載する。"
        for case, options in CASES.items():
            stem = f"{seed}_{case}"
            write_docx(plan, policy, tmp_path / f"{stem}.docx", options)
            write_pdf(plan, policy, tmp_path / f"{stem}.app.pdf", options)
            documents.append(stem)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
                    str(tmp_path), *(str(tmp_path / f"{stem}.docx") for stem in documents)],
                   capture_output=True, check=True, timeout=300)
    counts = {stem: (page_count(tmp_path / f"{stem}.pdf"), page_count(tmp_path / f"{stem}.app.pdf"))
              for stem in documents}
    assert {stem: lo for stem, (lo, _) in counts.items()} == {stem: app for stem, (_, app) in counts.items()}
    assert all(lo >= 10 for lo, _ in counts.values())  # realistic: many pages, not a toy
