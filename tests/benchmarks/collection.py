"""The planning office's two batch jobs: taking in 14 plan files, and writing the city-wide booklet.

``import-plans``: check and import a 提出 folder of 14 plan files of 30 goals each (what
the departments send, with their own 課) into a fresh data folder, in process: the time
from the folder to the stored plans, one backup and the receipts included. The reference
is reading the same 14 files with ``json.loads`` alone, the floor any import pays.

``booklet``: ``python -m hoshin_desktop export-booklet --year 2024`` as a whole process
(14 departments × 30 goals, the matrix, the TOC) against LibreOffice converting ONE
department's paper (.html → .docx, as in export-all). Where LibreOffice is not installed,
only the 2 s budget is judged.
"""

from __future__ import annotations

import json
import shutil

from hoshin_desktop.services.plan_collection import check_folder, import_submissions
from hoshin_desktop.services.session import Session

from ..city_files import write_city_files
from .export import _soffice, department_html
from .measure import Context, Figure, interleaved, median, python, run_process, time_calls

YEAR = 2024
BUDGET_SECONDS = 2.0


def run_import(ctx: Context) -> list[Figure]:
    inbox = ctx.work / "提出"
    files = write_city_files(ctx.work / "departments", inbox, goals=30)
    runs = ctx.runs(7, 3)
    folders = []
    for i in range(runs + 1):  # fresh, empty data folders, made untimed
        Session.open(ctx.work / f"office-{i}").close()
        folders.append(ctx.work / f"office-{i}")

    def take_in(i: int) -> None:
        session = Session.open(folders[i])
        try:
            submissions = check_folder(session, inbox)
            result = import_submissions(session, submissions)
            assert len(result.imported) == len(files)
        finally:
            session.close()

    take_in(runs)  # warm-up
    times = time_calls(take_in, runs)
    floor = time_calls(lambda _: [json.loads(p.read_bytes()) for p in files], runs)
    figure = Figure(f"import-plans ({len(files)} files × 30 goals)", median(times), "s", runs,
                    reference="json.loads of the same files", reference_value=median(floor),
                    budget=f"< {BUDGET_SECONDS:g} s", note="check all, one backup, store, receipts; fresh data folder")
    figure.passed = figure.value < BUDGET_SECONDS
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
    return [figure]


def run_booklet(ctx: Context) -> list[Figure]:
    out = ctx.work / "booklet.docx"
    ours = [python(), "-m", "hoshin_desktop", "--data-dir", str(ctx.city), "export-booklet",
            "--year", str(YEAR), "--out", str(out)]
    runs = ctx.runs(7, 3)
    name = "export-booklet (14 departments × 30 goals)"
    soffice = _soffice()
    if soffice is None:
        run_process(ours, ctx.env)
        figure = Figure(name, median([run_process(ours, ctx.env) for _ in range(runs)]), "s", runs,
                        budget=f"< {BUDGET_SECONDS:g} s", note="LibreOffice not installed: no reference, no ratio")
        figure.passed = figure.value < BUDGET_SECONDS
        return [figure]
    source = ctx.work / "booklet-reference.html"
    source.write_text(department_html(ctx), encoding="utf-8")
    profile = (ctx.work / "libreoffice-profile").as_uri()
    theirs = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx:MS Word 2007 XML",
              "--outdir", str(ctx.work / "libreoffice-booklet"), str(source)]
    times, reference = interleaved(ours, theirs, env=ctx.env, runs=runs)
    figure = Figure(name, median(times), "s", runs, reference="LibreOffice: 1 department .html -> .docx",
                    reference_value=median(reference), budget=f"< {BUDGET_SECONDS:g} s")
    figure.passed = figure.value < BUDGET_SECONDS
    return [figure]
