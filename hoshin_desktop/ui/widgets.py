"""Small widgets shared by the panes: text fields with their own typing undo, counted labels.

Undo in the window works like this (what a Word user expects):
- while a text field has focus and has typing to undo, Ctrl+Z undoes typing in that field;
- otherwise Ctrl+Z undoes the last step of the plan (目標の追加, 基本方針 1(2) への関連付け, …);
- when focus leaves a field, what was typed there becomes one step of the plan, and the
  field forgets its own typing history.
Text widgets normally swallow Ctrl+Z/Ctrl+Y themselves; these fields let the window's
actions have them, and the window asks the focused field first.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import QFocusEvent, QKeySequence, QTextOption
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.text import format_zenkaku_length
from .i18n import tr
from .style import set_look
from .window_size import WINDOW_FRAME, fit_to_screen  # noqa: F401 (the dialogs take them from here)

LARGE_EDITOR_LINES = 8  # fields that may grow this tall get a 「拡大」 link to the large editor
_UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
_REDO_EXTRA = (QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z"))

# Focus changes that do not end an edit: a menu opened, another window came to the front.
_KEEP_EDITING = (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason)


def _is_undo_or_redo(event) -> bool:
    if any(event.matches(key) for key in _UNDO_KEYS):
        return True
    combo = QKeySequence(event.keyCombination())
    return any(combo.matches(seq) == QKeySequence.SequenceMatch.ExactMatch for seq in _REDO_EXTRA)


def box_layout(widget: QWidget | None) -> QBoxLayout:
    """The row or column layout the code gave ``widget`` (Qt's layout() may be None, or any layout)."""
    layout = widget.layout() if widget is not None else None
    if not isinstance(layout, QBoxLayout):
        raise TypeError("the widget has no row or column layout")
    return layout


def table_item(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    """The item the code put in a cell (Qt's item() says None for a cell without one)."""
    item = table.item(row, column)
    if item is None:
        raise LookupError(f"{table.accessibleName()}: no item at row {row}, column {column}")
    return item


# The keys the 編集 menu shows; a field's right-click menu names the same (Qt's own menu says the
# platform's, Ctrl+Shift+Z for やり直す on Linux).
MENU_KEYS = {"edit-undo": "Ctrl+Z", "edit-redo": "Ctrl+Y"}


if TYPE_CHECKING:
    _QtField = QWidget  # for the checker: the mixin goes before a Qt field class
else:
    _QtField = object


class _FieldEditing(_QtField):
    """What both field kinds share: Ctrl+Z/Ctrl+Y go to the window (which asks the field first),
    and leaving the field ends its typing as one undo step."""

    if TYPE_CHECKING:  # what both field classes have
        left: SignalInstance

        def createStandardContextMenu(self, position: QPoint = ...) -> QMenu: ...  # noqa: N802 (Qt's name)

        def forget_typing(self) -> None: ...

    def contextMenuEvent(self, event):  # noqa: N802 (Qt's name)
        menu = self.createStandardContextMenu()
        for action in menu.actions():
            if action.objectName() in MENU_KEYS:
                key = QKeySequence(MENU_KEYS[action.objectName()]).toString(QKeySequence.SequenceFormat.NativeText)
                label = action.text().split("\t")[0]
                action.setText(f"{label}\t{key}")
        menu.setParent(self, menu.windowFlags())  # kept alive by the field while it shows, deleted when closed
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())

    def event(self, event):
        if event.type() == QEvent.Type.ShortcutOverride and _is_undo_or_redo(event):
            event.ignore()  # the window's 元に戻す/やり直し decide (and ask this field first)
            return False
        return super().event(event)

    def focusOutEvent(self, event: QFocusEvent):
        super().focusOutEvent(event)
        if event.reason() not in _KEEP_EDITING:
            self.forget_typing()
            self.left.emit()


class TextField(_FieldEditing, QPlainTextEdit):
    """Multi-line plain text that grows with its content (between ``min_lines`` and ``max_lines``).

    A field that ``fills`` is sized by the form around it instead, between ``min_lines`` (or the lines
    of the text it was given, up to ``fits_shown`` lines) and ``max_lines``: it does not grow while
    the user types, so nothing below it moves under the pointer; a longer text scrolls inside it.
    """

    left = Signal()  # focus went elsewhere in the window: the edit is finished
    typingUndoChanged = Signal()
    textShown = Signal()  # set_text() replaced the text (no textChanged: it is not an edit)

    def __init__(self, accessible_name: str, parent: QWidget | None = None, *, min_lines: int = 2,
                 max_lines: int = 14, placeholder: str = "", fills: bool = False, fits_shown: int = 0):
        super().__init__(parent)
        self.min_lines, self.max_lines = min_lines, max_lines
        self.fills, self.fits_shown = fills, fits_shown
        self._shown_text = ""  # what set_text() showed: a filling field's least height is its lines, not the typing's
        self._shown_lines = min_lines
        self.setAccessibleName(accessible_name)
        self.setTabChangesFocus(True)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding if fills else QSizePolicy.Policy.Fixed)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        if placeholder:
            self.setPlaceholderText(placeholder)
        self.document().documentLayout().documentSizeChanged.connect(lambda _size: self._fit())
        self.undoAvailable.connect(lambda _on: self.typingUndoChanged.emit())
        self.redoAvailable.connect(lambda _on: self.typingUndoChanged.emit())
        self._fit()

    # --- size -----------------------------------------------------------------------------

    def _height_for(self, lines: int) -> int:
        margins = self.contentsMargins()
        doc_margin = self.document().documentMargin()
        return int(lines * self.fontMetrics().lineSpacing() + 2 * doc_margin + margins.top() + margins.bottom() + 2)

    def _fit(self) -> None:
        if self.fills:
            self.setMinimumHeight(self._height_for(self._least_lines()))
            self.setMaximumHeight(self._height_for(self.max_lines))
            return
        self.setFixedHeight(self._height_for(max(self.min_lines, min(self.max_lines, self.text_lines()))))

    def text_lines(self) -> int:
        """The lines the text takes at the field's width now."""
        return int(self.document().documentLayout().documentSize().height())

    def _least_lines(self) -> int:
        """A filling field shows the lines of the text it was given (at its width now), up to
        ``fits_shown``; once the user has typed, it keeps the height it had."""
        if self.fits_shown and self.toPlainText() == self._shown_text:
            self._shown_lines = max(self.min_lines, min(self.fits_shown, self.text_lines()))
        return self._shown_lines

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # 文字の大きさ: the lines are taller
            self._fit()

    def sizeHint(self) -> QSize:
        return QSize(300, self.minimumHeight() if self.fills else self.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        # A filling field's layout asks no more than its lines (a scroll area's own hint is its scroll bar's height).
        hint = super().minimumSizeHint()
        return QSize(hint.width(), self.minimumHeight()) if self.fills else hint

    # --- text -----------------------------------------------------------------------------

    def text(self) -> str:
        return self.toPlainText()

    def set_text(self, text: str) -> None:
        """Show ``text`` without signalling an edit; keeps the widget's state if nothing changed."""
        if self.toPlainText() == text:
            return
        position = self.textCursor().position() if self.hasFocus() else None
        self.blockSignals(True)
        try:
            self.setPlainText(text)
            if position is not None:  # e.g. undo of a step while the cursor is here: stay put
                cursor = self.textCursor()
                cursor.setPosition(min(position, len(text)))
                self.setTextCursor(cursor)
        finally:
            self.blockSignals(False)
        self._shown_text = text
        self._fit()
        self.textShown.emit()
        self.typingUndoChanged.emit()

    # --- undo ------------------------------------------------------------------------------

    def can_undo_typing(self) -> bool:
        return not self.isReadOnly() and self.document().isUndoAvailable()

    def can_redo_typing(self) -> bool:
        return not self.isReadOnly() and self.document().isRedoAvailable()

    def forget_typing(self) -> None:
        self.document().clearUndoRedoStacks()
        self.typingUndoChanged.emit()


class LineField(_FieldEditing, QLineEdit):
    """One line of text with the same undo behaviour as TextField."""

    left = Signal()
    typingUndoChanged = Signal()
    textShown = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None, *, placeholder: str = ""):
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        if placeholder:
            self.setPlaceholderText(placeholder)
        self.textChanged.connect(lambda _t: self.typingUndoChanged.emit())

    def set_text(self, text: str) -> None:
        if self.text() == text:
            return
        self.blockSignals(True)
        try:
            self.setText(text)  # also clears the widget's own undo history
        finally:
            self.blockSignals(False)
        self.textShown.emit()
        self.typingUndoChanged.emit()

    def can_undo_typing(self) -> bool:
        return not self.isReadOnly() and self.isUndoAvailable()

    def can_redo_typing(self) -> bool:
        return not self.isReadOnly() and self.isRedoAvailable()

    def forget_typing(self) -> None:
        text, position = self.text(), self.cursorPosition()
        self.blockSignals(True)
        try:
            self.setText(text)
            self.setCursorPosition(position)
        finally:
            self.blockSignals(False)
        self.typingUndoChanged.emit()


EDIT_FIELDS = (TextField, LineField)


class CountLabel(QLabel):
    """「123文字」: the length as Japanese offices count it (full-width 1, half-width 0.5)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        set_look(self, "countLabel")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setAccessibleName(tr("文字数"))

    def show_count(self, text: str) -> None:
        count = format_zenkaku_length(text)
        self.setText(count)
        self.setAccessibleDescription(tr("全角換算で{0}").format(count))


class LabeledField(QWidget):
    """A caption with the character count on the right, the field below."""

    def __init__(self, caption: str, field: TextField, parent: QWidget | None = None, *, hint: str = ""):
        super().__init__(parent)
        self.field = field
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        top = QHBoxLayout()
        top.setSpacing(8)
        self.caption = QLabel(caption)
        set_look(self.caption, "fieldCaption")
        self.caption.setBuddy(field)
        top.addWidget(self.caption)
        if hint:
            hint_label = QLabel(hint)
            set_look(hint_label, "hintLabel")
            top.addWidget(hint_label)
        top.addStretch(1)
        self.count = CountLabel()
        top.addWidget(self.count)
        if field.max_lines >= LARGE_EDITOR_LINES:
            top.addWidget(self._large_button())
        field.textChanged.connect(self._update_count)
        field.textShown.connect(self._update_count)
        layout.addLayout(top)
        layout.addWidget(field, 1)
        layout.addStretch(0)  # room beyond a filled field's last line goes below it, not between it and its caption
        self._update_count()

    def _update_count(self, *_args) -> None:
        self.count.show_count(self.field.toPlainText())

    def _large_button(self) -> QToolButton:
        """「拡大」: the long text in a large editor (F2 does the same from the keyboard; no Tab stop)."""
        from .long_text import edit_large

        button = QToolButton()
        button.setObjectName("largeButton")
        button.setText(tr("拡大"))
        button.setToolTip(tr("大きな画面で編集します（F2）"))
        button.setAccessibleName(tr("{0}を大きな画面で編集").format(self.caption.text()))
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoRaise(True)
        button.clicked.connect(lambda _checked=False: edit_large(self.window(), self.field))
        return button


def separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    set_look(line, "separator")
    return line


def heading(text: str) -> QLabel:
    label = QLabel(text)
    set_look(label, "paneHeading")
    return label


def refill_goal_list(goals: QListWidget, rows: Iterable[tuple[int | None, str, str]], current: int | None) -> bool:
    """Fill a list of goals with ``rows`` (goal id, line, tooltip) and select ``current``, else the first,
    with one selection signal, not one per row; False when the list is empty (nothing to select)."""
    goals.blockSignals(True)
    goals.clear()
    ids = []
    for goal_id, line, tip in rows:
        item = QListWidgetItem(line)
        item.setToolTip(tip)
        item.setData(Qt.ItemDataRole.UserRole, goal_id)
        goals.addItem(item)
        ids.append(goal_id)
    goals.blockSignals(False)
    if ids:
        goals.setCurrentRow(ids.index(current) if current in ids else 0)
    return bool(ids)
