"""Print preview, printing and PDF through Qt: the same paper as the Word export, without Word.

One paint path serves all three: ``paint(content, options, device)`` lays the plan out
in QTextDocuments on A4 (page size and the Word template's margins set explicitly) and
paints page after page with the footer (version stamp, 「1 / 3」). The preview dialog's
printer, a real printer and the PDF writer are only different devices for it. The text
and its order come from ``export.content``, as in the .docx; Qt cannot keep a table row
on one page, so page breaks match Word's only as far as Qt allows.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (QBrush, QColor, QFont, QGuiApplication, QPageLayout, QPagedPaintDevice, QPageSize,
                           QImage, QPainter, QPdfWriter, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument,
                           QTextFormat, QTextFrameFormat, QTextLength, QTextTableFormat)

from ..domain.models import Plan, PolicyDocument, RubyText
from ..export import content as c
from ..export import styles as s
from ..export.atomic import atomic_target
from ..export.options import ExportOptions, FontSet

PDF_DPI = 300
LAYOUT_RESOLUTION = 300  # dots per inch of the page layout, whatever the device
# QTextDocument takes margins, indents, line heights and borders in pixels of 1/96 inch and
# scales them to the device itself; fonts (points) and the page size (device pixels) it does not.
QT_LENGTH_DPI = 96
MM_PER_TWIP = 25.4 / 1440
# Faces to fall back on where the Windows fonts are missing (e.g. Linux with Noto CJK).
_MINCHO_FALLBACKS = ["MS Mincho", "Noto Serif CJK JP", "IPAexMincho", "IPAMincho", "serif"]
_GOTHIC_FALLBACKS = ["MS Gothic", "Noto Sans CJK JP", "IPAexGothic", "Meiryo", "sans-serif"]
# Justified ("both") text is set flush left: Qt's print preview misplaces glyphs of justified
# CJK lines (it replays them from a recording), and the preview must show what prints.
# The line and page breaks are the same either way.
_ALIGN = {"left": Qt.AlignmentFlag.AlignLeft, "center": Qt.AlignmentFlag.AlignHCenter,
          "right": Qt.AlignmentFlag.AlignRight, "both": Qt.AlignmentFlag.AlignLeft}
HEADER_SHADE = QColor(f"#{s.HEADER_SHADE}")
HEADING_SHADE = QColor(f"#{s.HEADING_SHADE}")

_application = None  # the application object write_pdf creates when run without a window


def page_layout(landscape: bool) -> QPageLayout:
    """A4 with the Word template's side and top margins; the bottom margin holds the footer band."""
    side, top, bottom = (round(v * MM_PER_TWIP, 1) for v in (s.MARGIN_SIDE, s.MARGIN_TOP, s.FOOTER_DISTANCE))
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(side, top, side, bottom),
                       QPageLayout.Unit.Millimeter)


def _footer_band_pt() -> float:
    """Height between the bottom of the text and the footer distance, as in the template."""
    return (s.MARGIN_BOTTOM - s.FOOTER_DISTANCE) / 20


@dataclass
class _Scale:
    """Points and characters in the pixels of the device the document is laid out for."""

    dpi: float

    def pt(self, points: float) -> float:
        return points * self.dpi / 72

    def chars(self, count: float, size_pt: float) -> float:
        return self.pt(count * size_pt)


class _Builder:
    """Writes content into a QTextDocument with the styles of the Word template."""

    def __init__(self, fonts: FontSet):
        self.fonts = fonts
        self.scale = _Scale(QT_LENGTH_DPI)
        self.document = QTextDocument()
        self.document.setUndoRedoEnabled(False)
        self.document.setDocumentMargin(0)
        self.cursor = QTextCursor(self.document)
        self.fresh = True  # the cursor sits in an empty block that the next paragraph should use

    # --- formats ---

    def char_format(self, style: s.StyleDef, size: float | None = None) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if style.face == s.GOTHIC:
            fmt.setFontFamilies([self.fonts.gothic, *_GOTHIC_FALLBACKS])
        else:
            fmt.setFontFamilies([self.fonts.mincho, *_MINCHO_FALLBACKS])
        fmt.setFontPointSize(size or style.size)
        return fmt

    def block_format(self, style: s.StyleDef, line: c.Line | None) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setAlignment(_ALIGN.get(style.jc or "both"))
        fmt.setTopMargin(self.scale.pt(style.before / 20))
        fmt.setBottomMargin(self.scale.pt(style.after / 20))
        fmt.setLineHeight(self.scale.pt(style.line / 20), QTextBlockFormat.LineHeightTypes.MinimumHeight.value)
        if line is not None:
            fmt.setLeftMargin(self.scale.chars(line.left, style.size))
            fmt.setTextIndent(self.scale.chars(line.first, style.size))
        return fmt

    # --- paragraphs ---

    def paragraph(self, style: s.StyleDef, text: str | RubyText = "", *, line: c.Line | None = None,
                  cursor: QTextCursor | None = None, page_break: bool = False) -> None:
        cursor = cursor or self.cursor
        block = self.block_format(style, line)
        if page_break:
            block.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        chars = self.char_format(style)
        if self.fresh:
            cursor.setBlockFormat(block)
            cursor.setBlockCharFormat(chars)
            self.fresh = False
        else:
            cursor.insertBlock(block, chars)
        self._ruby_text(cursor, line.text if line else text, style, chars)

    def _ruby_text(self, cursor: QTextCursor, text, style: s.StyleDef, chars: QTextCharFormat) -> None:
        """Qt has no ruby: the reading follows its base text, small and raised."""
        if isinstance(text, str):
            cursor.insertText(text, chars)
            return
        for chunk, reading in text.segments():
            cursor.insertText(chunk, chars)
            if reading:
                raised = self.char_format(style, style.size * 0.75)  # Qt shrinks superscript to ⅔: half size
                raised.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
                cursor.insertText(reading, raised)

    def lines(self, cursor: QTextCursor, styles: dict, lines, *, centred: bool = False) -> None:
        """Paragraphs into a table cell (a fresh cell holds one empty block)."""
        self.fresh = True
        for line in lines or (c.Line(RubyText("")),):
            style = s.TABLE_CENTRED if centred else styles.get(line.role, s.TABLE_TEXT)
            self.paragraph(style, line=line, cursor=cursor)

    # --- tables ---

    def table(self, rows: int, weights: list[float], *, header_rows: int = 0):
        fmt = QTextTableFormat()
        fmt.setBorder(1)  # 1/96 inch: thinner rounds to no border at all
        fmt.setBorderBrush(QBrush(QColor("black")))
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setBorderCollapse(True)
        fmt.setCellSpacing(0)
        fmt.setCellPadding(self.scale.pt(3))
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        total = sum(weights)
        fmt.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, 100 * w / total)
                                       for w in weights])
        fmt.setHeaderRowCount(header_rows)
        return self.cursor.insertTable(rows, len(weights), fmt)

    def after_table(self) -> None:
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        self.fresh = True  # Qt keeps an empty block after every table

    @staticmethod
    def shade(table, row: int, column: int, colour: QColor) -> None:
        """Shade a cell; after its text, since the first paragraph's format would reset it."""
        cell = table.cellAt(row, column)
        fmt = cell.format()
        fmt.setBackground(colour)
        cell.setFormat(fmt)


# --- the paper ----------------------------------------------------------------------------------

def _opening(builder: _Builder, content: c.PlanContent) -> None:
    builder.paragraph(s.DATE, content.date)
    builder.paragraph(s.TITLE, content.title)
    for signer in content.signers:
        builder.paragraph(s.SIGNER, signer)
    for line in content.preamble:
        builder.paragraph(s.BODY, line=line)
    builder.paragraph(s.KI, c.KI)


def _policy_boxes(builder: _Builder, content: c.PlanContent) -> None:
    for part in content.parts:
        table = builder.table(1, [1])
        builder.lines(table.cellAt(0, 0).firstCursorPosition(), s.BOX_ROLE_STYLES, c.stacked_box(part))
        builder.after_table()
        builder.paragraph(s.BOX_GAP)


def _policy_columns(builder: _Builder, content: c.PlanContent) -> None:
    rows = [(None, None)]
    for part in content.parts:
        rows.append((part.heading, None))
        rows += [(None, pair) for pair in c.column_rows(part)]
    table = builder.table(len(rows), [1, 1], header_rows=1)
    for column, title in enumerate((c.POLICY_LABEL, "部の方針")):
        builder.fresh = True
        builder.paragraph(s.COLUMN_HEADER, title, cursor=table.cellAt(0, column).firstCursorPosition())
        builder.shade(table, 0, column, HEADER_SHADE)
    for number, (heading, pair) in enumerate(rows[1:], start=1):
        if heading is not None:
            table.mergeCells(number, 0, 1, 2)
            builder.fresh = True
            builder.paragraph(s.SECTION_HEADING, heading, cursor=table.cellAt(number, 0).firstCursorPosition())
            builder.shade(table, number, 0, HEADING_SHADE)
            continue
        for column, lines in enumerate(pair):
            builder.lines(table.cellAt(number, column).firstCursorPosition(), {c.ROLE_TEXT: s.BOX_TEXT}, lines)
    builder.after_table()


def _column_header(builder: _Builder, table, columns) -> None:
    for column, spec in enumerate(columns):
        cursor = table.cellAt(0, column).firstCursorPosition()
        builder.fresh = True
        for title in spec.title.split("\n"):
            builder.paragraph(s.TABLE_HEADER, title, cursor=cursor)
        builder.shade(table, 0, column, HEADER_SHADE)


def _goal_table(builder: _Builder, content: c.PlanContent, *, new_page: bool, landscape: bool) -> None:
    builder.paragraph(s.GOALS_HEADING, c.GOALS_HEADING, page_break=new_page)
    columns = content.goal_columns
    rows = content.goal_rows
    width = s.LANDSCAPE_WIDTH if landscape else s.PORTRAIT_WIDTH
    table = builder.table(len(rows) + 1, c.column_widths(columns, width, s.PORTRAIT_WIDTH), header_rows=1)
    _column_header(builder, table, columns)
    for number, row in enumerate(rows, start=1):
        for column, (spec, lines) in enumerate(zip(columns, row.cells)):
            builder.lines(table.cellAt(number, column).firstCursorPosition(), s.CELL_ROLE_STYLES, lines,
                          centred=spec.centred)
    builder.after_table()


@dataclass
class _Run:
    """Pages of one orientation: a laid-out document and its page layout."""

    document: QTextDocument
    layout: QPageLayout


def _runs(content: c.PlanContent, options: ExportOptions) -> list[_Run]:
    """The paper as one or two runs of pages (portrait text, then landscape goals if asked)."""
    columns = options.layout == "columns"
    split = options.goal_table_landscape and not columns
    first = _Builder(options.fonts)
    _opening(first, content)
    (_policy_columns if columns else _policy_boxes)(first, content)
    goals = _Builder(options.fonts) if split else first
    _goal_table(goals, content, new_page=not split, landscape=options.goal_table_landscape)
    goals.paragraph(s.CLOSING, c.CLOSING)
    runs = [_Run(first.document, page_layout(columns))]
    if split:
        runs.append(_Run(goals.document, page_layout(True)))
    return runs


def _layout_device() -> QImage:
    """The device the text is laid out for: the same for every printer, preview and PDF.

    Laying out at one resolution and scaling the painter gives the same line and page breaks
    everywhere (and avoids Qt dropping indents when laying out for 600 dpi and finer printers).
    """
    image = QImage(1, 1, QImage.Format.Format_Mono)
    dots_per_metre = round(LAYOUT_RESOLUTION / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


def _paginate(run: _Run, device: QImage) -> QRectF:
    """Lay ``run`` out in pages; returns the text area of a page in layout pixels."""
    paint = run.layout.paintRectPixels(LAYOUT_RESOLUTION)
    area = QRectF(0, 0, paint.width(), paint.height() - _Scale(LAYOUT_RESOLUTION).pt(_footer_band_pt()))
    run.document.documentLayout().setPaintDevice(device)
    run.document.setPageSize(QSizeF(area.width(), area.height()))
    return area


def _footer_font(fonts: FontSet, size_pt: float) -> QFont:
    """A 明朝 font sized in layout pixels, so that the painter's scaling alone sizes it on the device."""
    font = QFont()
    font.setFamilies([fonts.mincho, *_MINCHO_FALLBACKS])
    font.setPixelSize(round(_Scale(LAYOUT_RESOLUTION).pt(size_pt)))
    return font


def _paint_footer(painter: QPainter, area: QRectF, paint_height: float, fonts: FontSet,
                  stamp: str, page: int, pages: int) -> None:
    """Version stamp at the right, 「1 / 3」 centred below it, as in the Word footer."""
    line = _Scale(LAYOUT_RESOLUTION).pt(s.FOOTER.line / 20)
    painter.setPen(QColor("black"))
    painter.setFont(_footer_font(fonts, s.FOOTER_STAMP.size))
    painter.drawText(QRectF(0, paint_height - 2 * line, area.width(), line),
                     Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, stamp)
    painter.setFont(_footer_font(fonts, s.FOOTER.size))
    painter.drawText(QRectF(0, paint_height - line, area.width(), line),
                     Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, f"{page} / {pages}")


def paint(content: c.PlanContent, options: ExportOptions, device: QPagedPaintDevice,
          progress: Callable[[int, int], None] | None = None) -> int:
    """Paint the whole paper on ``device`` (printer, preview or PDF writer); returns the page count.

    ``progress(page, pages)`` is called after each page (it may raise to stop).
    """
    layout_device = _layout_device()
    runs = _runs(content, options)
    areas = [_paginate(run, layout_device) for run in runs]
    total = sum(run.document.pageCount() for run in runs)
    device.setPageLayout(runs[0].layout)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("印刷先を開けませんでした")
    try:
        painter.scale(device.logicalDpiX() / LAYOUT_RESOLUTION, device.logicalDpiY() / LAYOUT_RESOLUTION)
        page = 0
        for index, (run, area) in enumerate(zip(runs, areas)):
            if index:
                device.setPageLayout(run.layout)
                device.newPage()
            paint_height = run.layout.paintRectPixels(LAYOUT_RESOLUTION).height()
            for number in range(run.document.pageCount()):
                if number:
                    device.newPage()
                page += 1
                _paint_page(painter, run.document, area, number)
                _paint_footer(painter, area, paint_height, options.fonts, content.stamp, page, total)
                if progress:
                    progress(page, total)
    finally:
        painter.end()
    return total


def _paint_page(painter: QPainter, document: QTextDocument, area: QRectF, number: int) -> None:
    painter.save()
    painter.translate(0, -number * area.height())
    document.drawContents(painter, QRectF(0, number * area.height(), area.width(), area.height()))
    painter.restore()


# --- PDF ----------------------------------------------------------------------------------------

def ensure_gui_application() -> None:
    """Qt needs an application object for fonts. Without a window: the offscreen platform, except
    on Windows, whose own platform needs no display and is the one that knows the installed fonts.
    A full QApplication, so that a window opened later in the same process does not abort."""
    global _application
    if QGuiApplication.instance() is not None:
        return
    from PySide6.QtWidgets import QApplication

    platform = [] if sys.platform == "win32" else ["-platform", "offscreen"]
    _application = QApplication(["hoshin-desktop", *platform])


def paint_plan(plan: Plan, policy: PolicyDocument, options: ExportOptions, device: QPagedPaintDevice,
               progress: Callable[[int, int], None] | None = None) -> int:
    return paint(c.build_content(plan, policy, options), options, device, progress)


def new_printer(plan: Plan, options: ExportOptions):
    """A high-resolution printer set to A4 and the paper's first orientation."""
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(options.layout == "columns"))
    printer.setDocName(c.plan_title(plan))
    return printer


def write_pdf(plan: Plan, policy: PolicyDocument, path: Path, options: ExportOptions | None = None, *,
              progress: Callable[[int, int], None] | None = None) -> Path:
    """Export ``plan`` as PDF through Qt alone, safely (temporary file, then moved into place)."""
    ensure_gui_application()
    options = options or ExportOptions()
    content = c.build_content(plan, policy, options)
    path = Path(path)
    with atomic_target(path) as partial:
        writer = QPdfWriter(str(partial))
        writer.setResolution(PDF_DPI)
        writer.setTitle(content.title)
        writer.setCreator("hoshin_desktop")
        writer.setAuthor(content.department)
        try:
            paint(content, options, writer, progress)
        finally:
            del writer  # closes the file before it is moved into place (or removed)
    return path
