"""A large editor for a long text (取組内容, 現状と課題, 部の方針 …): F2 or the field's 「拡大」 link.

The dialog edits a copy; 「OK」 puts the text back into the field as one typed change, so
autosave, the character count and Ctrl+Z in the field behave as if it had been typed there.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextOption
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ..domain.text import format_zenkaku_length
from . import alerts
from .i18n import tr
from .style import set_look
from .window_size import fit_to_screen


class LongTextDialog(QDialog):
    def __init__(self, parent: QWidget | None, caption: str, text: str):
        super().__init__(parent)
        self.setWindowTitle(tr("{0} — 大きな画面で編集").format(caption))
        layout = QVBoxLayout(self)
        self.caption = QLabel(caption)
        set_look(self.caption, "fieldCaption")
        layout.addWidget(self.caption)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName(caption)
        self.editor.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.editor.setPlainText(text)
        self.editor.moveCursor(QTextCursor.MoveOperation.End)
        self.caption.setBuddy(self.editor)
        layout.addWidget(self.editor, 1)
        self.count = QLabel()
        set_look(self.count, "countLabel")
        layout.addWidget(self.count)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.editor.textChanged.connect(self._count)
        self._count()
        fit_to_screen(self, 980, 720)

    def text(self) -> str:
        return self.editor.toPlainText()

    def _count(self) -> None:
        self.count.setText(tr("{0}（全角換算）").format(format_zenkaku_length(self.text())))


def put_text(field: QPlainTextEdit, text: str) -> None:
    """Replace the field's text as one edit of the user (undoable in the field, autosaved)."""
    if text == field.toPlainText():
        return
    cursor = field.textCursor()
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.insertText(text)
    field.setTextCursor(cursor)


def edit_large(parent: QWidget, field: QPlainTextEdit) -> bool:
    """Open the large editor on ``field``; True when its text was changed."""
    if field.isReadOnly():
        return False
    dialog = LongTextDialog(parent, field.accessibleName(), field.toPlainText())
    if not alerts.run_dialog(dialog):
        return False
    before = field.toPlainText()
    put_text(field, dialog.text())
    field.setFocus()
    return field.toPlainText() != before
