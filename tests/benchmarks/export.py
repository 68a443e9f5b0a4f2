"""Word export: the whole city by the command line, and the cost per goal as plans grow.

``export-all``: ``python -m hoshin_desktop export-docx --year 2024 --all`` as a whole
process (14 departments × 30 goals) against LibreOffice converting ONE department's
document to .docx. LibreOffice gets an HTML file made from the same content the Word
exporter lays out (export.content), and a profile of its own, created in an untimed
first run. Where LibreOffice is not installed, only the 2 s budget is judged.

``export-pdf``: ``python -m hoshin_desktop export-pdf`` of one department's plan as a whole
process against LibreOffice converting the app's own .docx of the same plan to PDF (its profile
created in an untimed first run): the app's PDF may cost at most one LibreOffice conversion. The
note gives the in-process time of the PDF with each Japanese font family found (Noto CJK: CFF
outlines, IPAex: TrueType outlines; Windows' ＭＳ 明朝 is TrueType too).

``export-scaling``: build_document + save to memory for one plan of 30, 300 and 3,000
goals. If a step were quadratic (python-docx's ``table.cell()``), the time per goal at
3,000 would be many times that at 30.
"""

from __future__ import annotations

import html
import io
import os
import shutil
import sys
from pathlib import Path

from hoshin_desktop.export.content import box_rows, build_content
from hoshin_desktop.export.docx_writer import build_document, write_docx
from hoshin_desktop.services.session import Session

from .city import make_plan
from .measure import Context, Figure, interleaved, median, python, run_process, time_calls

YEAR = 2024
DEPARTMENT = "政策部"
ALL_BUDGET_SECONDS = 2.0
SCALING_BUDGET = 1.5
SIZES = (30, 300, 3000)


# --- the whole city by the command line ------------------------------------------------------------

def run_all(ctx: Context) -> list[Figure]:
    out = ctx.work / "export-all"
    ours = [python(), "-m", "hoshin_desktop", "--data-dir", str(ctx.city), "export-docx",
            "--year", str(YEAR), "--all", "--out", str(out)]
    runs = ctx.runs(7, 3)
    soffice = _soffice()
    if soffice is None:
        run_process(ours, ctx.env)  # untimed warm-up, as with a reference
        times = [run_process(ours, ctx.env) for _ in range(runs)]
        figure = Figure("export-docx --all (14 departments)", median(times), "s", runs,
                        budget=f"< {ALL_BUDGET_SECONDS:g} s", note="LibreOffice not installed: no reference, no ratio")
        figure.passed = figure.value < ALL_BUDGET_SECONDS
        return [figure]
    source = ctx.work / f"{DEPARTMENT}.html"
    source.write_text(department_html(ctx), encoding="utf-8")
    profile = (ctx.work / "libreoffice-profile").as_uri()
    theirs = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx:MS Word 2007 XML",
              "--outdir", str(ctx.work / "libreoffice-out"), str(source)]
    times, reference = interleaved(ours, theirs, env=ctx.env, runs=runs)
    figure = Figure("export-docx --all (14 departments)", median(times), "s", runs,
                    reference="LibreOffice: 1 department .html -> .docx", reference_value=median(reference),
                    budget=f"ratio < 1.0 and < {ALL_BUDGET_SECONDS:g} s")
    figure.passed = figure.ratio < 1.0 and figure.value < ALL_BUDGET_SECONDS
    return [figure]


def _soffice() -> str | None:
    """LibreOffice's command: on the PATH, or where its Windows installer puts it (rarely on the PATH)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    windows = Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "LibreOffice" / "program" / "soffice.com"
    return found or (str(windows) if sys.platform == "win32" and windows.is_file() else None)


def department_html(ctx: Context) -> str:
    """One department's paper as HTML: the same text, boxes and goal table as the Word export."""
    session = Session.open(ctx.city)
    try:
        content = build_content(session.load_plan(YEAR, DEPARTMENT), session.policy(YEAR))
    finally:
        session.close()

    def para(text: str) -> str:
        return f"<p>{html.escape(text)}</p>"

    def box(lines) -> str:
        return "".join(para(line.plain) for line in lines)

    parts = [para(content.date), f"<h1>{html.escape(content.title)}</h1>"]
    parts += [para(signer) for signer in content.signers] + [box(content.preamble), para("記")]
    parts += [f"<table border='1'><tr><td>{box(line for row in box_rows(part) for line in row.lines)}</td></tr></table>"
              for part in content.parts]
    parts.append("<h2>組織目標</h2><table border='1'><tr>"
                 + "".join(f"<th>{html.escape(column.title)}</th>" for column in content.goal_columns) + "</tr>")
    parts += ["<tr>" + "".join(f"<td>{box(cell)}</td>" for cell in goal.cells) + "</tr>" for goal in content.goals]
    parts.append(f"</table>{para('以上')}")
    return ("<!DOCTYPE html><html lang='ja'><head><meta charset='utf-8'><title>"
            f"{html.escape(content.title)}</title></head><body>{''.join(parts)}</body></html>")


# --- the app's PDF against one LibreOffice conversion ---------------------------------------------------

PDF_BUDGET = 1.0


def run_pdf(ctx: Context) -> list[Figure]:
    out = ctx.work / "export-pdf"
    out.mkdir(exist_ok=True)
    ours = [python(), "-m", "hoshin_desktop", "--data-dir", str(ctx.city), "export-pdf", "--year", str(YEAR),
            "--department", DEPARTMENT, "--out", str(out / "plan.pdf")]
    runs = ctx.runs(7, 3)
    soffice = _soffice()
    note = _pdf_by_font(ctx)
    if soffice is None:
        times = [run_process(ours, ctx.env) for _ in range(runs)]
        return [Figure("export-pdf (1 department)", median(times), "s", runs, budget="ratio <= 1.0",
                       note=f"LibreOffice not installed: no reference; {note}")]
    source = out / "plan.docx"
    session = Session.open(ctx.city)
    try:
        write_docx(session.load_plan(YEAR, DEPARTMENT), session.policy(YEAR), source)
    finally:
        session.close()
    profile = (ctx.work / "libreoffice-profile").as_uri()
    theirs = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
              "--outdir", str(out / "libreoffice"), str(source)]
    times, reference = interleaved(ours, theirs, env=ctx.env, runs=runs)
    figure = Figure("export-pdf (1 department)", median(times), "s", runs,
                    reference="LibreOffice: the same plan's .docx -> .pdf", reference_value=median(reference),
                    budget=f"ratio <= {PDF_BUDGET:g}", note=note)
    figure.passed = figure.ratio <= PDF_BUDGET
    return [figure]


def _pdf_by_font(ctx: Context) -> str:
    """In-process seconds of write_pdf for the plan with each font family this machine has."""
    from hoshin_desktop.export.fonts import Faces, FontFile, _files_by_name, font_folders
    from hoshin_desktop.export.pdf_writer import write_pdf

    files = _files_by_name(tuple(font_folders()))
    families = {"Noto CJK": ("notoserifcjk-regular.ttc", "notosanscjk-regular.ttc"), "IPAex": ("ipaexm.ttf", "ipaexg.ttf")}
    session = Session.open(ctx.city)
    try:
        plan, policy = session.load_plan(YEAR, DEPARTMENT), session.policy(YEAR)
        found = []
        for family, (mincho, gothic) in families.items():
            if mincho in files and gothic in files:
                faces = Faces(FontFile(files[mincho]), FontFile(files[gothic]))
                seconds = time_calls(lambda i, faces=faces: write_pdf(plan, policy, ctx.work / f"font{i}.pdf", faces=faces),
                                     ctx.runs(3, 1))
                found.append(f"{family} {median(seconds):.2f} s")
    finally:
        session.close()
    return "in-process write_pdf: " + (", ".join(found) or "no Noto CJK or IPAex font found")


# --- cost per goal -----------------------------------------------------------------------------------

def run_scaling(ctx: Context) -> list[Figure]:
    session = Session.open(ctx.city)
    try:
        policy = session.policy(YEAR)
        seconds = {}
        for size in SIZES:
            plan = make_plan(session, YEAR, DEPARTMENT, size)
            runs = ctx.runs(*{30: (9, 5), 300: (5, 3), 3000: (3, 1)}[size])
            seconds[size] = (median(time_calls(lambda _, plan=plan: _export_to_memory(plan, policy), runs)), runs)
    finally:
        session.close()
    base = seconds[SIZES[0]][0] / SIZES[0] * 1000
    figures = []
    for size in SIZES:
        total, runs = seconds[size]
        figure = Figure(f"export per goal, {size:,} goals", total / size * 1000, "ms", runs,
                        reference=f"per goal at {SIZES[0]} goals" if size != SIZES[0] else "",
                        reference_value=base if size != SIZES[0] else None, note=f"whole plan {total:.3f} s")
        if size == SIZES[-1]:
            figure.budget = f"ratio <= {SCALING_BUDGET}"
            figure.passed = figure.ratio <= SCALING_BUDGET
            figure.note += "; " + _marginal(seconds)
        figures.append(figure)
    return figures


def _export_to_memory(plan, policy) -> None:
    build_document(plan, policy).save(io.BytesIO())


def _marginal(seconds: dict[int, tuple[float, int]]) -> str:
    """Cost of each added goal, without the fixed cost of a document (the plainer test of linearity)."""
    (a, ta), (b, tb), (c, tc) = ((size, seconds[size][0]) for size in SIZES)
    return (f"each added goal {(tc - tb) / (c - b) * 1000:.3f} ms from {b:,} to {c:,}, "
            f"{(tb - ta) / (b - a) * 1000:.3f} ms from {a} to {b:,}")
