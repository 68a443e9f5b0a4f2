"""The one-page coverage sheet a 部長 brings to the interview: directives × the department's goals.

Rows are the year's directives (code and short text), then 「方針」 (● where the department
wrote a 【部の方針】) and one column per goal, numbered as printed, with ● at each pin. The
goals' titles are listed under the table. The sheet is laid out on A4 landscape at the largest
type that fits one page (a few goals: large type and two lines of each directive's words).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

from ..domain.matrix import coverage_summary, short_text
from ..domain.models import Plan, PolicyDocument
from ..domain.numbering import goal_numbers, number_of, paper_order
from ..domain.wareki import fiscal_year_label
from . import alerts
from .i18n import tr
from .wheel_guard import guard_children

PIN = "●"
MARGIN_MM = 12
LARGEST_PT, SMALLEST_PT = 14.0, 4.5
# Shares of the page width (per cent): the code, 「方針」, and each goal's column within its bounds;
# the directive's words get the rest (a sheet of four goals is mostly words, one of forty mostly pins).
CODE_SHARE, ANSWER_SHARE = 4.5, 4.0
GOAL_SHARE_MOST, GOAL_SHARE_LEAST, GOALS_SHARE = 6.0, 1.4, 64.0


def page_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                       QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter)


def sheet_html(policy: PolicyDocument, plan: Plan, size_pt: float, lines: int = 1) -> str:
    """The sheet at ``size_pt``, each directive's opening words in ``lines`` lines at most. Sizes are written in px: the document's page is measured in points
    (1 px = 1 pt on paper); a size in pt would be taken at the screen's 96 dpi, a third too large."""
    numbers = goal_numbers(plan)
    goals = [goal for _number, goal in paper_order(plan)]  # columns in the order of the printed No.
    esc = html.escape
    goal_share = max(GOAL_SHARE_LEAST, min(GOAL_SHARE_MOST, GOALS_SHARE / max(1, len(goals))))
    text_share = 100 - CODE_SHARE - ANSWER_SHARE - goal_share * len(goals)
    per_line = int(page_layout().paintRectPoints().width() * text_share / 100 / size_pt) - 1
    limit = max(6, per_line * lines)
    head = "".join(f"<th width='{goal_share:.2f}%'>{esc(number_of(numbers, g, '?'))}</th>" for g in goals)
    rows = []
    for directive in policy.directives:
        answered = PIN if plan.answer(directive.code).strip() else ""
        pins = "".join(f"<td align='center'>{PIN if directive.code in g.directives else ''}</td>" for g in goals)
        rows.append(f"<tr><td nowrap>{esc(directive.code)}</td><td>{esc(short_text(directive.text, limit))}</td>"
                    f"<td align='center'>{answered}</td>{pins}</tr>")
    legend = "　".join(f"<b>{esc(number_of(numbers, g, '?'))}</b> {esc(short_text(g.title or tr('（無題）'), 24))}"
                      for g in goals)
    title = tr("{0} {1} 基本方針への対応状況").format(fiscal_year_label(plan.fiscal_year), plan.department)
    return (f"<html><body style='font-size:{size_pt:.1f}px'>"
            f"<h3 style='font-size:{size_pt * 1.4:.1f}px'>{esc(title)}</h3>"
            f"<p><b>{esc(coverage_summary(policy, plan).text())}</b>　{tr('● 部の方針あり／その目標を関連付け')}</p>"
            "<table border='1' cellspacing='0' cellpadding='1' width='100%'>"
            f"<tr><th width='{CODE_SHARE}%'>{tr('項目')}</th><th width='{text_share:.2f}%'>{tr('基本方針')}</th>"
            f"<th width='{ANSWER_SHARE}%'>{tr('方針')}</th>{head}</tr>"
            f"{''.join(rows)}</table><p>{tr('目標')}：{legend}</p></body></html>")


def sheet_document(policy: PolicyDocument, plan: Plan) -> QTextDocument:
    """The sheet at the largest type that fits on one A4 landscape page: two lines of each directive's
    words when they fit at that type, else one."""
    area = page_layout().paintRectPoints()
    document = QTextDocument()
    document.setDocumentMargin(0)
    size = LARGEST_PT
    while True:
        for lines in (2, 1):
            document.setHtml(sheet_html(policy, plan, size, lines))
            document.setPageSize(QSizeF(area.width(), area.height()))
            if document.pageCount() <= 1:
                return document
        if size <= SMALLEST_PT:
            return document  # more than a page even so: printed on two
        size -= 0.5


def print_sheet(parent, policy: PolicyDocument, plan: Plan) -> bool:
    """Show the sheet in the print preview, from where it is printed (or saved as PDF)."""
    document = sheet_document(policy, plan)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout())
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(tr("対応状況の印刷プレビュー — {0}").format(plan.department))
    dialog.paintRequested.connect(document.print_)
    guard_children(dialog)
    return alerts.run_dialog(dialog)
