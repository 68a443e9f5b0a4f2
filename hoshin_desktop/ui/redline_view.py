"""「前年度との比較」: the redline shown in a window, and written to Word on request.

The view shows the same paragraphs as the Word document (export/redline.py), with
insertions underlined in blue and deletions struck through in red.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..domain.redline import Comparison
from ..domain.textdiff import DELETE, INSERT
from ..domain.wareki import fiscal_year_label
from ..export.atomic import ExportError
from ..export.filenames import sanitize
from ..export.redline import HEADING, LABEL, MARKED, TITLE, redline_blocks, write_redline
from ..storage.errors import StorageError
from . import alerts, folders
from .i18n import tr
from .widgets import fit_to_screen

_RUN_STYLES = {
    INSERT: "color:#0a3d91; text-decoration:underline;",
    DELETE: "color:#a40000; text-decoration:line-through;",
}
_TAGS = {TITLE: "h2", HEADING: "h3", LABEL: "p style='font-weight:bold; margin-top:10px'"}


def _escaped(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def comparison_html(comparison: Comparison, title: str) -> str:
    parts = []
    for block in redline_blocks(comparison, title):
        if block.kind == MARKED:
            runs = "".join(f"<span style='{_RUN_STYLES[r.op]}'>{_escaped(r.text)}</span>" if r.op in _RUN_STYLES
                           else _escaped(r.text) for r in block.runs)
            parts.append(f"<p>{_escaped(block.text)}{runs}</p>")
        else:
            tag = _TAGS.get(block.kind, "p")
            parts.append(f"<{tag}>{_escaped(block.text)}</{tag.split()[0]}>")
    return "\n".join(parts)


class RedlineView(QDialog):
    """A redline to read (not modal), with 「Word文書に書き出し」."""

    def __init__(self, comparison: Comparison, title: str, file_stem: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("redlineView")
        self.setWindowTitle(title)
        self.comparison, self.title, self.file_stem = comparison, title, file_stem
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(tr("比較の内容"))
        self.browser.setHtml(comparison_html(comparison, title))
        buttons = QDialogButtonBox()
        self.export_button = buttons.addButton(tr("Word文書に書き出し…"), QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(tr("閉じる"), QDialogButtonBox.ButtonRole.RejectRole)
        self.export_button.clicked.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 860, 760)

    def export(self) -> Path | None:
        path = alerts.save_path(self, tr("比較をWord文書に書き出し"),
                                folders.last_folder(folders.REDLINE) / f"{sanitize(self.file_stem)}.docx", tr("Word 文書 (*.docx)"))
        if path is None:
            return None
        folders.remember_folder(path.parent, folders.REDLINE)
        try:
            from .export_actions import saved_options

            written = write_redline(self.comparison, self.title, path, author=saved_options().author)
        except (ExportError, OSError) as exc:
            alerts.error(self, tr("書き出せませんでした"), str(exc))
            return None
        alerts.info(self, tr("書き出しました"), tr("{0} に書き出しました。Word の「校閲」→「変更履歴」で変更を確かめられます。").format(written))
        return written


def show_year_redline(parent: QWidget, session, fiscal_year: int, department: str) -> RedlineView | None:
    """「前年度との比較」: this plan against the plan it came from."""
    from ..services.redline import year_comparison, year_title

    try:
        comparison = year_comparison(session, fiscal_year, department)
    except (LookupError, ValueError, StorageError) as exc:
        alerts.info(parent, tr("前年度との比較"), str(exc))
        return None
    view = RedlineView(comparison, year_title(comparison),
                       tr("{0}_{1}_前年度との比較").format(fiscal_year_label(fiscal_year), department), parent)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    view.show()
    return view
