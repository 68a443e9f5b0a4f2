"""Print and print preview: the very pages of the PDF (``export.pages``), painted with Qt.

The one Qt module outside ui/ (allowed by tests/test_architecture.py): the window's print
and preview call it, and so can a script without a window. Line and page breaks are made
once, in ``export.layout``, from the font files' own metrics; Qt only draws each line at
its place with the same faces, so the preview, the printout and the PDF have the same
pages. (Qt's own PDF writer is not used: its text layer holds CJK radicals, see README.)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMarginsF, QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPagedPaintDevice, QPageLayout, QPageSize, QPainter, QPen

from .domain.models import Plan, PolicyDocument
from .export import content as c
from .export.fonts import Faces, Metrics, family_name, find_faces
from .export.layout import BORDER, Fill, Page, Rule, Text
from .export.options import ExportOptions
from .export.pages import paper
from .export.styles import GOTHIC, MINCHO

UNITS_PER_POINT = 10  # the painter works in tenths of a point: font pixel sizes are whole numbers


def plan_pages(plan: Plan, policy: PolicyDocument, options: ExportOptions,
               faces: Faces | None = None) -> tuple[list[Page], Faces]:
    faces = faces or find_faces(options.fonts)
    return paper(c.build_content(plan, policy, options), options, Metrics(faces)), faces


def page_layout(landscape: bool) -> QPageLayout:
    """A4 without printer margins: the pages carry the Word template's margins themselves."""
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(0, 0, 0, 0))


def _families(faces: Faces) -> dict[str, str]:
    """The faces' family names, the files made known to Qt (they may lie outside the system's folders)."""
    families = {}
    for face in (MINCHO, GOTHIC):
        font = faces.of(face)
        QFontDatabase.addApplicationFont(str(font.path))
        families[face] = family_name(font)
    return families


def paint_pages(pages: list[Page], faces: Faces, device: QPagedPaintDevice,
                progress: Callable[[int, int], None] | None = None) -> int:
    """Paint ``pages`` on ``device`` (printer, preview or PDF writer); returns the page count.

    ``progress(page, pages)`` is called after each page (it may raise to stop).
    """
    families = _families(faces)
    device.setPageLayout(page_layout(pages[0].landscape))
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("印刷先を開けませんでした")
    try:
        for number, page in enumerate(pages, start=1):
            if number > 1:
                if page.landscape != pages[number - 2].landscape:  # a printer takes only this while active
                    device.setPageOrientation(page_layout(page.landscape).orientation())
                device.newPage()
            painter.save()
            scale = device.logicalDpiX() / 72 / UNITS_PER_POINT
            painter.scale(scale, device.logicalDpiY() / 72 / UNITS_PER_POINT)
            _paint(painter, page, families)
            painter.restore()
            if progress:
                progress(number, len(pages))
    finally:
        painter.end()
    return len(pages)


def _paint(painter: QPainter, page: Page, families: dict[str, str]) -> None:
    u = UNITS_PER_POINT
    pen = QPen(QColor("black"))
    pen.setWidthF(BORDER * u)
    current = None
    for op in page.drawing_order():
        if isinstance(op, Fill):
            painter.fillRect(QRectF(op.x * u, op.y * u, op.width * u, op.height * u), QColor(f"#{op.colour}"))
        elif isinstance(op, Rule):
            painter.setPen(pen)
            painter.drawLine(QPointF(op.x1 * u, op.y1 * u), QPointF(op.x2 * u, op.y2 * u))
        elif isinstance(op, Text):
            if current != (op.face, op.size):
                font = QFont(families[op.face])
                font.setPixelSize(round(op.size * u))
                font.setKerning(False)  # the layout measured advance widths alone
                painter.setFont(font)
                painter.setPen(QColor("black"))
                current = (op.face, op.size)
            painter.drawText(QPointF(op.x * u, op.baseline * u), op.text)
