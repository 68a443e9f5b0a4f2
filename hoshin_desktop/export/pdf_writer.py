"""The PDF: the pages of ``export.pages`` drawn with fpdf2, fonts embedded as subsets.

Why fpdf2 and not Qt's PDF writer: Qt writes CJK radicals (⾏ ⽉ ⽬ ⽅ ⺠ ⻑) into the text
layer, so searching the PDF for 方針 or 部長 finds nothing. fpdf2 maps every glyph back to
the character it was drawn for, with TrueType (IPAex, ＭＳ 明朝) and CFF (Noto CJK)
outlines alike; reportlab refuses CFF fonts. See the README 「PDF の作り方」. The PDF is tagged
(headings, paragraphs, tables, language) for screen readers: ``pdf_tags``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.models import Plan, PolicyDocument
from . import content as c
from .atomic import atomic_target
from .fonts import Faces, Metrics, find_faces, share_tables
from .layout import BORDER, Fill, Page, Rule, Text
from .options import ExportOptions
from .pages import paper
from .styles import GOTHIC, MINCHO

if TYPE_CHECKING:  # fpdf is imported when a PDF is written: the Word booklet counts its pages through here
    from .pdf_tags import Tags

# fpdf2 tells of a character its font lacks (an emoji typed into a goal) in English on stderr when the
# program has no log of its own: not a line for the user. The PDF draws nothing for that character.
logging.getLogger("fpdf").addHandler(logging.NullHandler())


def _grey(colour: str) -> tuple[int, int, int]:
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def render_pdf(content: c.PlanContent, options: ExportOptions, faces: Faces,
               progress: Callable[[int, int], None] | None = None) -> bytes:
    pdf = new_pdf(faces, title=content.title, author=content.department, subject=content.stamp,
                  keywords=content.fingerprint)
    pages = paper(content, options, Metrics(faces))
    return draw_pages(pdf, pages, progress)


def new_pdf(faces: Faces, **properties: str):
    """An empty A4 PDF with both faces added; ``properties`` name fpdf's set_<name>.

    The fonts are read here once: the layout's metrics take the widths from the tables fpdf has
    just read (``fonts.share_tables``) instead of reading the font files a second time.
    """
    from fpdf import FPDF, ViewerPreferences
    from fpdf.fonts import TTFFont

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    for name, value in properties.items():
        getattr(pdf, f"set_{name}")(value)
    pdf.set_creator("hoshin_desktop")
    pdf.set_lang("ja-JP")
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)  # the title bar shows the title, not the file name
    for face in (MINCHO, GOTHIC):
        font = faces.of(face)
        pdf.add_font(face, fname=str(font.path), collection_font_number=font.index)
        added = pdf.fonts[face]  # fpdf keys a font by its family in lower case
        assert isinstance(added, TTFFont), face  # a font file, never one of the PDF's 14 built-in faces
        # The subset keeps the whole font's bounding boxes: fontTools would otherwise draw every kept
        # glyph's outline to recompute them (a third of a CJK PDF's cost, for a box no viewer needs exact).
        added.ttfont.recalcBBoxes = False
        if added.is_cff and added.is_cid_keyed:
            _embed_cff_only(added.ttfont)
        share_tables(font, added.ttfont)
    pdf.set_line_width(BORDER)
    pdf.set_draw_color(0)
    return pdf


def _embed_cff_only(ttfont) -> None:
    """Skip the whole-font save fpdf makes of a CID-keyed CFF font (Noto CJK) before it embeds only the
    font's CFF table, compiled once more: fpdf 2.8 throws the saved file away (fpdf/output.py,
    ``_add_fonts``), and saving it compiled every table, the CFF charstrings included, for nothing.
    tests/export/test_pdf.py checks that such a PDF still embeds its fonts and reads back."""
    ttfont.save = lambda *_args, **_kwargs: None


def draw_pages(pdf, pages: list[Page], progress: Callable[[int, int], None] | None = None) -> bytes:
    """The PDF of laid-out ``pages`` (one plan or the booklet) drawn into ``pdf`` (``new_pdf``), tagged."""
    from .pdf_tags import Tags

    tags = Tags(pdf)
    for number, page in enumerate(pages, start=1):
        _draw(pdf, page, tags)
        if progress:
            progress(number, len(pages))
    tags.finish()
    return bytes(pdf.output())


def _draw(pdf, page: Page, tags: Tags) -> None:
    pdf.add_page(orientation="L" if page.landscape else "P")
    for title, level, y in page.outline:  # bookmarks (the outline pane)
        pdf.set_y(y)
        pdf.start_section(title, level, strict=False)
    tags.start_page()
    current = None
    for op in page.drawing_order():
        tags.mark(op)
        if isinstance(op, Fill):
            pdf.set_fill_color(*_grey(op.colour))
            pdf.rect(op.x, op.y, op.width, op.height, style="F")
        elif isinstance(op, Rule):
            pdf.line(op.x1, op.y1, op.x2, op.y2)
        elif isinstance(op, Text):
            if current != (op.face, op.size):
                pdf.set_font(op.face, size=op.size)
                current = (op.face, op.size)
            pdf.text(op.x, op.baseline, op.text)
    tags.close()


def write_pdf(plan: Plan, policy: PolicyDocument, path: Path, options: ExportOptions | None = None, *,
              faces: Faces | None = None, progress: Callable[[int, int], None] | None = None) -> Path:
    """Export ``plan`` as PDF safely (temporary file, then moved into place)."""
    options = options or ExportOptions()
    content = c.build_content(plan, policy, options)
    data = render_pdf(content, options, faces or find_faces(options.fonts), progress)
    path = Path(path)
    with atomic_target(path) as partial:
        partial.write_bytes(data)
    return path
