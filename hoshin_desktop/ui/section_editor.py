"""編集 → この部の課の一覧を編集: a list editor (add, rename, reorder, remove), never a text box.

Each row remembers the 課 it started as, so a renamed 課 keeps its goals (their 担当課 shows
the new name) and only a 課 really removed leaves the goals that had it. Before anything is
saved, the goals a removal or a rename touches are named and the user is asked; the whole
change is one step of 「元に戻す」.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)

from ..domain.text import clean_text
from ..domain.wareki import fiscal_year_label
from . import alerts
from .i18n import tr

ORIGINAL = Qt.ItemDataRole.UserRole  # the name the row had when the dialog opened (None: added here)


@dataclass
class SectionChange:
    names: list[str]
    renames: dict[str, str] = field(default_factory=dict)  # old → new
    removed: list[str] = field(default_factory=list)


class SectionEditor(QDialog):
    def __init__(self, parent: QWidget | None, title: str, names: list[str]):
        super().__init__(parent)
        self.setWindowTitle(tr("課の一覧の編集"))
        self.setObjectName("sectionEditor")
        self.original = list(names)
        self.list = QListWidget()
        self.list.setAccessibleName(tr("課の一覧"))
        self.list.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        for name in names:
            self._add_row(name, name)
        self.problem = QLabel()
        self.problem.setObjectName("sectionProblem")
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)
        self.add_button = self._button(tr("追加"), self.add_section)
        self.rename_button = self._button(tr("名前を変更"), self.rename_current)
        self.up_button = self._button(tr("上へ"), lambda: self.move_current(-1))
        self.down_button = self._button(tr("下へ"), lambda: self.move_current(1))
        self.remove_button = self._button(tr("削除"), self.remove_current)
        self._lay_out(title)
        self.list.currentRowChanged.connect(self._update_buttons)
        self.list.itemChanged.connect(lambda _item: self._validate())
        self.list.setCurrentRow(0 if names else -1)
        self._update_buttons()

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
        heading = QLabel(title)
        heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(row, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(460, 420)

    def _add_row(self, text: str, original: str | None, at: int | None = None) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(ORIGINAL, original)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.list.insertItem(self.list.count() if at is None else at, item)
        return item

    # --- the buttons ------------------------------------------------------------------------------

    def add_section(self) -> QListWidgetItem:
        """A new row after the current one, its name ready to be typed."""
        at = self.list.currentRow() + 1 if self.list.currentRow() >= 0 else self.list.count()
        item = self._add_row(self._free_name(), None, at)
        self.list.setCurrentItem(item)
        self.list.editItem(item)
        return item

    def rename_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
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
        if row >= 0:
            self.list.takeItem(row)
            self.list.setCurrentRow(min(row, self.list.count() - 1))
        self._validate()

    def _free_name(self) -> str:
        names = set(self.names())
        return next(name for n in range(1, 1000) if (name := tr("新しい課") + (f"{n}" if n > 1 else "")) not in names)

    def _update_buttons(self) -> None:
        row, count = self.list.currentRow(), self.list.count()
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
            problem = tr("名前が空の課があります。名前を入れるか、削除してください。")
        elif any(len(name) > 200 for name in names):
            problem = tr("課の名前は200文字までです。")
        else:
            repeated = sorted({name for name in names if names.count(name) > 1})
            if repeated:
                problem = tr("同じ名前の課が2つあります: {0}").format("、".join(repeated))
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
        return problem

    def _accept_if_valid(self) -> None:
        if not self._validate():
            self.accept()

    def change(self) -> SectionChange:
        rows = [self.list.item(i) for i in range(self.list.count())]
        kept = {item.data(ORIGINAL) for item in rows if item.data(ORIGINAL) is not None}
        renames = {item.data(ORIGINAL): self._text(item) for item in rows
                   if item.data(ORIGINAL) is not None and self._text(item) != item.data(ORIGINAL)}
        return SectionChange(self.names(), renames, [name for name in self.original if name not in kept])


def _touched_goals(editor, change: SectionChange) -> str:
    """「・No.2「…」: 担当課から「総務課」を外します」, one line per goal a removal or rename touches."""
    from ..services.search import goal_numbers

    numbers = goal_numbers(editor.plan)
    lines = []
    for old in change.removed:
        for goal in editor.goals_with_section(old):
            lines.append(tr("・No.{0}「{1}」: 担当課から「{2}」を外します").format(
                numbers.get(goal.id, "?"), (goal.title or tr("（目標なし）"))[:30], old))
    for old, new in change.renames.items():
        for goal in editor.goals_with_section(old):
            lines.append(tr("・No.{0}「{1}」: 担当課「{2}」を「{3}」に変えます").format(
                numbers.get(goal.id, "?"), (goal.title or tr("（目標なし）"))[:30], old, new))
    return "\n".join(lines)


def edit_sections(window) -> None:
    """The menu command: edit the current department's 課, ask about touched goals, save as one undo step."""
    editor = window.editor
    if editor is None or not window.commit_edits():
        return
    department = editor.department
    title = tr("{0} {1}の課です。「追加」「名前を変更」「上へ」「下へ」「削除」で直します"
               "（名前はダブルクリックでも変えられます）。").format(fiscal_year_label(department.fiscal_year), department.name)
    dialog = SectionEditor(window, title, [s.name for s in department.sections])
    if not alerts.run_dialog(dialog):
        return
    change = dialog.change()
    if change.names == dialog.original:
        return
    touched = _touched_goals(editor, change)
    if touched and not alerts.ask_yes_no(window, tr("目標の担当課が変わります"), tr(
            "次の目標の担当課が変わります。\n\n{0}\n\n変更しますか？（あとで「元に戻す」で戻せます）").format(touched)):
        return
    window.run_command(lambda: window.workspace.set_sections(change.names, change.renames))
