"""The one-page coverage sheet a 部長 brings to the interview: directives × the department's goals.

Rows are the year's directives (code and short text), then 「方針」 (● where the department
wrote a 【部の方針】) and one column per goal, numbered as printed, with ● at each pin. The
goals' titles are listed under the table. The sheet is laid out on A4 landscape and its
type made smaller until it fits on one page.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

from ..domain.matrix import coverage_summary, short_text
from ..domain.models import Plan, PolicyDocument
from ..domain.numbering import goal_numbers, paper_order
from ..domain.wareki import fiscal_year_label
from . import alerts
from .i18n import tr

PIN = "●"
MARGIN_MM = 12
LARGEST_PT, SMALLEST_PT = 10.5, 4.5


def page_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                       QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter)


def sheet_html(policy: PolicyDocument, plan: Plan, size_pt: float) -> str:
    numbers = goal_numbers(plan)
    goals = [goal for _number, goal in paper_order(plan)]  # columns in the order of the printed No.
    esc = html.escape
    share = f"{67 / max(1, len(goals)):.2f}%"  # the goals share what the directive columns leave
    limit = 30 if len(goals) <= 30 else 18  # one line of the directive, shorter when many goals need room
    head = "".join(f"<th width='{share}'>{esc(numbers.get(g.id, '?'))}</th>" for g in goals)
    rows = []
    for directive in policy.directives:
        answered = PIN if plan.answer(directive.code).strip() else ""
        pins = "".join(f"<td align='center'>{PIN if directive.code in g.directives else ''}</td>" for g in goals)
        rows.append(f"<tr><td nowrap>{esc(directive.code)}</td><td nowrap>{esc(short_text(directive.text, limit))}</td>"
                    f"<td align='center'>{answered}</td>{pins}</tr>")
    legend = "　".join(f"<b>{esc(numbers.get(g.id, '?'))}</b> {esc(short_text(g.title or tr('（無題）'), 24))}"
                      for g in goals)
    title = tr("{0} {1} 基本方針への対応状況").format(fiscal_year_label(plan.fiscal_year), plan.department)
    return (f"<html><body style='font-size:{size_pt}pt'>"
            f"<h3 style='font-size:{size_pt * 1.4:.1f}pt'>{esc(title)}</h3>"
            f"<p><b>{esc(coverage_summary(policy, plan).text())}</b>　{tr('● 部の方針あり／その目標を関連付け')}</p>"
            "<table border='1' cellspacing='0' cellpadding='1' width='100%'>"
            f"<tr><th width='4%'>{tr('項目')}</th><th width='26%'>{tr('基本方針')}</th>"
            f"<th width='3%'>{tr('方針')}</th>{head}</tr>"
            f"{''.join(rows)}</table><p>{tr('目標')}：{legend}</p></body></html>")


def sheet_document(policy: PolicyDocument, plan: Plan) -> QTextDocument:
    """The sheet at the largest type that fits on one A4 landscape page."""
    layout = page_layout()
    area = layout.paintRectPoints()
    document = QTextDocument()
    document.setDocumentMargin(0)
    size = LARGEST_PT
    while True:
        document.setHtml(sheet_html(policy, plan, size))
        document.setPageSize(QSizeF(area.width(), area.height()))
        if document.pageCount() <= 1 or size <= SMALLEST_PT:
            return document
        size -= 0.5


def print_sheet(parent, policy: PolicyDocument, plan: Plan) -> bool:
    """Show the sheet in the print preview, from where it is printed (or saved as PDF)."""
    document = sheet_document(policy, plan)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout())
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(tr("対応状況の印刷プレビュー — {0}").format(plan.department))
    dialog.paintRequested.connect(document.print_)
    return alerts.run_dialog(dialog)


def write_sheet_pdf(policy: PolicyDocument, plan: Plan, path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageLayout(page_layout())
    sheet_document(policy, plan).print_(printer)
