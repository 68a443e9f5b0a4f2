"""A list editor for the organisation (the 課 of a 部, the 部 of a year): add, rename, reorder,
remove in a list, never a text box.

Each row remembers the name it started as, so a renamed row is reported as a rename and keeps
what hangs off it (a 課 its goals, a 部 its 課); which rows are removed the Workspace works out
from the names and renames (``removed_names``), and it names what they take along. Rows the data cannot
change (``held``: a 部 with a plan, a 課 a fixed plan prints) can be moved but not removed or
renamed; trying says why, in the dialog.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.text import clean_text
from . import alerts
from .i18n import tr
from .style import set_text_look
from .widgets import fit_to_screen

ORIGINAL = Qt.ItemDataRole.UserRole  # the name the row had when the dialog opened (None: added here)


@dataclass
class NameListChange:
    names: list[str]
    renames: dict[str, str] = field(default_factory=dict)  # old → new


class NameListEditor(QDialog):
    def __init__(self, parent: QWidget | None, noun: str, title: str, names: list[str],
                 held: dict[str, str] | None = None):
        super().__init__(parent)
        self.noun = noun  # 課 / 部
        self.held = dict(held or {})
        self.setWindowTitle(tr("{0}の一覧の編集").format(noun))
        self.setObjectName("nameListEditor")
        self.original = list(names)
        self.list = QListWidget()
        self.list.setAccessibleName(tr("{0}の一覧").format(noun))
        self.list.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        for name in names:
            self._add_row(name, name)
        self.problem = self._label("#b3261e")  # what keeps OK off
        self.notice = self._label("#7a4f00")  # why a held row cannot be removed or renamed
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)
        self.add_button = self._button(tr("追加"), self.add_name)
        self.rename_button = self._button(tr("名前を変更"), self.rename_current)
        self.up_button = self._button(tr("上へ"), lambda: self.move_current(-1))
        self.down_button = self._button(tr("下へ"), lambda: self.move_current(1))
        self.remove_button = self._button(tr("削除"), self.remove_current)
        self._lay_out(title)
        self._keys()
        self.list.currentRowChanged.connect(self._update_buttons)
        self.list.itemChanged.connect(lambda _item: self._validate())
        self.list.itemDoubleClicked.connect(lambda item: self._refuse_if_held(item, tr("「{0}」の名前は変えられません。")))
        self.list.setCurrentRow(0 if names else -1)
        self._update_buttons()

    def _keys(self) -> None:
        """Delete removes and F2 renames the selected row, as in Explorer; only while the list itself
        has the focus, so the keys keep their meaning while a name is being typed."""
        for key, slot in ((QKeySequence.StandardKey.Delete, self.remove_current), (Qt.Key.Key_F2, self.rename_current)):
            action = QAction(self.list)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.list.addAction(action)

    def _label(self, colour: str) -> QLabel:
        label = QLabel()
        set_text_look(label, colour=colour)
        label.setWordWrap(True)
        return label

    def _button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        return button

    def _lay_out(self, title: str) -> None:
        side = QVBoxLayout()
        for button in (self.add_button, self.rename_button, self.up_button, self.down_button, self.remove_button):
            side.addWidget(button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        self.heading = QLabel(title + tr("\nキー: Delete で削除、F2 で名前を変更。"))
        self.heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(row, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 480, 440)

    def _add_row(self, text: str, original: str | None, at: int | None = None) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(ORIGINAL, original)
        if original in self.held:  # bold, and the reason on hover; the heading says what bold means
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            item.setToolTip(self.held[original])
        else:
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.list.insertItem(self.list.count() if at is None else at, item)
        return item

    # --- the buttons ------------------------------------------------------------------------------

    def add_name(self) -> QListWidgetItem:
        """A new row after the current one, its name ready to be typed."""
        at = self.list.currentRow() + 1 if self.list.currentRow() >= 0 else self.list.count()
        item = self._add_row(self._free_name(), None, at)
        self.list.setCurrentItem(item)
        self.list.editItem(item)
        return item

    def rename_current(self) -> None:
        item = self.list.currentItem()
        if item is not None and not self._refuse_if_held(item, tr("「{0}」の名前は変えられません。")):
            self.list.editItem(item)

    def move_current(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0 and not self._refuse_if_held(self.list.item(row), tr("「{0}」は削除できません。")):
            self.list.takeItem(row)
            self.list.setCurrentRow(min(row, self.list.count() - 1))
        self._validate()

    def _refuse_if_held(self, item: QListWidgetItem, refusal: str) -> bool:
        """Say in the dialog why a held row cannot be removed or renamed; True when it is held."""
        reason = self.held.get(item.data(ORIGINAL))
        if reason is not None:
            self.notice.setText(refusal.format(item.text()) + reason)
        return reason is not None

    def _free_name(self) -> str:
        names = set(self.names())
        base = tr("新しい{0}").format(self.noun)
        return next(name for n in range(1, 1000) if (name := base + (f"{n}" if n > 1 else "")) not in names)

    def _update_buttons(self) -> None:
        row, count = self.list.currentRow(), self.list.count()
        self.notice.clear()
        self.rename_button.setEnabled(row >= 0)
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)

    # --- the result -----------------------------------------------------------------------------------

    def names(self) -> list[str]:
        return [self._text(self.list.item(i)) for i in range(self.list.count())]

    @staticmethod
    def _text(item: QListWidgetItem) -> str:
        return clean_text(item.text(), limit=None).strip()

    def _validate(self) -> str:
        names = self.names()
        problem = ""
        if any(not name for name in names):
            problem = tr("名前が空の{0}があります。名前を入れるか、削除してください。").format(self.noun)
        elif any(len(name) > 200 for name in names):
            problem = tr("{0}の名前は200文字までです。").format(self.noun)
        else:
            repeated = sorted({name for name in names if names.count(name) > 1})
            if repeated:
                problem = tr("同じ名前の{0}が2つあります: {1}").format(self.noun, "、".join(repeated))
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
        return problem

    def _accept_if_valid(self) -> None:
        if not self._validate():
            self.accept()

    def change(self) -> NameListChange:
        rows = [self.list.item(i) for i in range(self.list.count())]
        renames = {item.data(ORIGINAL): self._text(item) for item in rows
                   if item.data(ORIGINAL) is not None and self._text(item) != item.data(ORIGINAL)}
        return NameListChange(self.names(), renames)


def edit_names(parent: QWidget | None, noun: str, title: str, names: list[str],
               held: dict[str, str] | None = None) -> NameListChange | None:
    """The list editor shown; what the user changed, or None when cancelled or nothing changed."""
    dialog = NameListEditor(parent, noun, title, names, held)
    if not alerts.run_dialog(dialog):
        return None
    change = dialog.change()
    return None if change.names == dialog.original else change
