"""「置換」 (Ctrl+H): replace a word across the whole plan, after seeing every place it changes.

A window beside the main one (as in Word): type the word and its replacement, read the
preview (where, before → after), then 「すべて置換」 makes one undo step of it. Double-click or
Enter on a row shows that field in the main window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ..domain.models import Plan
from ..services import replace
from .i18n import tr
from .style import set_look
from .widgets import fit_to_screen

PLACE_ROLE = Qt.ItemDataRole.UserRole + 1


class ReplaceDialog(QDialog):
    placeActivated = Signal(object)  # replace.Place

    def __init__(self, parent, plan: Callable[[], Plan | None], apply: Callable[[str, str], str | None],
                 commit: Callable[[], bool], undo: Callable[[], None]):
        """``apply`` replaces and says how it went (None: nothing replaced); ``commit`` writes what is
        being typed in the window, so that the list shows every place すべて置換 will change; ``undo``
        is the plan's 元に戻す, which Ctrl+Z reaches from here right after a すべて置換."""
        super().__init__(parent)
        self.setWindowTitle(tr("置換"))
        self.setAccessibleName(tr("計画全体の置換"))
        self._plan, self._apply, self._commit, self._undo = plan, apply, commit, undo
        self._places: list[replace.Place] = []
        self._shown: tuple[str, str, list[replace.Place]] | None = None  # the words and places on screen
        # The last すべて置換 (words and the fields' texts after it, its message): while nothing has changed,
        # a replacement holding the word (相談 → 相談支援) must not be offered again (相談支援支援).
        self._replaced: tuple[str, str, list[str], str] | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.find_field = QLineEdit()
        self.find_field.setAccessibleName(tr("置き換える語"))
        self.find_field.setPlaceholderText(tr("例: 取り組み"))
        self.replace_field = QLineEdit()
        self.replace_field.setAccessibleName(tr("置き換えた後の語"))
        self.replace_field.setPlaceholderText(tr("例: 取組（空欄にすると削除します）"))
        form.addRow(tr("置き換える語(&F)"), self.find_field)
        form.addRow(tr("置換後(&R)"), self.replace_field)
        layout.addLayout(form)
        note = QLabel(tr("この計画の前文・部の方針・目標の欄が対象です。全角と半角、大文字と小文字は区別します。"))
        set_look(note, "hintLabel")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.preview = QTreeWidget()
        self.preview.setAccessibleName(tr("置き換わる箇所の一覧"))
        self.preview.setHeaderLabels([tr("場所"), tr("件数"), tr("置換前"), tr("置換後")])
        self.preview.setRootIsDecorated(False)
        self.preview.setUniformRowHeights(True)
        header = self.preview.header()
        for column in (0, 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.preview, 1)
        self.summary = QLabel()
        self.summary.setAccessibleName(tr("置き換わる件数"))
        layout.addWidget(self.summary)
        buttons = QDialogButtonBox()
        self.replace_button = QPushButton(tr("すべて置換(&A)"))
        buttons.addButton(self.replace_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.close)
        # No default button: Enter in 置き換える語 must move on, never replace (with an empty 置換後, delete).
        for button in (self.replace_button, close):
            button.setAutoDefault(False)
            button.setDefault(False)
        layout.addWidget(buttons)
        self.find_field.textChanged.connect(self.update_preview)
        self.replace_field.textChanged.connect(self.update_preview)
        self.replace_field.returnPressed.connect(self.replace_all)
        self.find_field.returnPressed.connect(self.replace_field.setFocus)
        self.replace_button.clicked.connect(self.replace_all)
        self.preview.itemActivated.connect(self._activated)
        for widget in (self.find_field, self.replace_field, self.preview, self.replace_button, close):
            widget.installEventFilter(self)
        fit_to_screen(self, 760, 460)
        self.update_preview()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.update_preview()  # the plan may have been edited in the main window meanwhile

    def start(self, word: str = "") -> None:
        """Show the dialog (a selected word becomes the word to replace)."""
        if word and "\n" not in word:
            self.find_field.setText(word)
        self.update_preview()
        self.show()
        self.raise_()
        self.activateWindow()
        self.find_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_field.selectAll()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        """Ctrl+Z right after すべて置換 undoes it in the plan, as the message says; a line edit would
        otherwise take it for its own typing (and empty 置換後). Once the words change, it is theirs again."""
        kinds = (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
        if (event.type() in kinds and self._replaced is not None
                and event.matches(QKeySequence.StandardKey.Undo)):
            event.accept()
            if event.type() == QEvent.Type.KeyPress:
                self._undo()
                self.update_preview()
            return True
        return super().eventFilter(watched, event)

    def update_preview(self) -> None:
        query, replacement = self.find_field.text(), self.replace_field.text()
        plan = self._plan()
        places = replace.find(plan, query) if plan is not None else []
        if self._shown == (query, replacement, places):
            return  # e.g. the dialog was only activated again: a note under the list stays
        self._shown, self._places = (query, replacement, places), places
        self.preview.clear()
        for number, place in enumerate(self._places):
            before, after = replace.preview(place.text, query, replacement)
            item = QTreeWidgetItem([place.label, str(place.count), before, after])
            item.setData(0, PLACE_ROLE, number)
            item.setToolTip(2, place.text)
            self.preview.addTopLevelItem(item)
        total = sum(place.count for place in self._places)
        done = self._just_replaced(query, replacement)
        if done:
            self.summary.setText(done)
        elif not query:
            self.summary.setText(tr("置き換える語を入力してください。"))
        elif not self._places:
            self.summary.setText(tr("「{0}」はこの計画にありません。").format(query))
        else:
            self.summary.setText(tr("{0}か所の欄で {1}件を置き換えます。「すべて置換」のあと、元に戻す（Ctrl+Z）で1回で戻せます。").format(
                len(self._places), total))
        self.replace_button.setEnabled(bool(self._places) and query != replacement and not done)

    def _just_replaced(self, query: str, replacement: str) -> str:
        """What the last すべて置換 did, if these are its words and the plan is as it left it."""
        if self._replaced and self._replaced[:3] == (query, replacement, [p.text for p in self._places]):
            return self._replaced[3]
        self._replaced = None
        return ""

    def replace_all(self) -> None:
        if not self.replace_button.isEnabled():
            return
        shown = self._places
        if not self._commit():
            return
        self.update_preview()
        if self._places != shown:  # typed in the window meanwhile: replace only what the drafter has seen
            self.summary.setText(tr("入力した文字を保存したので、置き換わる箇所が変わりました。"
                                    "一覧を確かめて、もう一度「すべて置換」を押してください。"))
            return
        query, replacement = self.find_field.text(), self.replace_field.text()
        message = self._apply(query, replacement)
        if message:
            plan = self._plan()
            after = [place.text for place in replace.find(plan, query)] if plan is not None else []
            self._replaced = (query, replacement, after, message)
        self.update_preview()

    def _activated(self, item: QTreeWidgetItem) -> None:
        number = item.data(0, PLACE_ROLE)
        if number is not None and number < len(self._places):
            self.placeActivated.emit(self._places[number])


def open_for(window, dialog: ReplaceDialog | None) -> ReplaceDialog | None:
    """編集 → 置換: the dialog for the window's plan (``dialog``: the one kept from before, if any);
    returns the dialog for the window to keep between uses."""
    from . import reveal

    if window.editor is None or not window.commit_edits():
        return dialog
    if dialog is None:
        dialog = ReplaceDialog(window, lambda: window.editor.plan if window.editor else None,
                               lambda query, replacement: _apply(window, query, replacement), window.commit_edits,
                               window.undo)
        dialog.placeActivated.connect(lambda place: reveal.show_place(window, place, dialog.find_field.text()))
    field = QApplication.focusWidget()
    selected = field.textCursor().selectedText() if isinstance(field, QPlainTextEdit) else ""
    dialog.start(selected or window.marker.marked())  # else the word a search just found
    return dialog


def _apply(window, query: str, replacement: str) -> str | None:
    """The Workspace's own message (how many it replaced), shown in the dialog as in the status bar."""
    change = window.run_command(lambda: window.workspace.replace_all(query, replacement))
    return change.message if change else None
