"""The form of one goal: every field of the goal, with full-width character counts."""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.dropped import open_dropped
from ..domain.goal_fields import GOAL_FIELDS
from ..domain.models import GOAL_FIELD_LABELS, Goal, stored_id
from ..domain.text import first_line
from .i18n import tr
from .style import set_look, set_text_look, show_pins_empty
from .wheel_guard import ChoiceBox
from .widgets import LabeledField, TextField

_PARENT = attrgetter("parent")

if TYPE_CHECKING:
    from ..services.workspace import PlanView

WIDE_FORM_EM = 44  # from this width (in full-width characters) the form has two columns of texts
PLACED = ("title", "background", "actions", "indicator", "baseline", "target", "schedule")  # where _arrange puts them


class SectionPicker(QWidget):
    """The department's sections as checkboxes (a goal may have several owners)."""

    changed = Signal(list)
    editRequested = Signal()

    COLUMNS = 2  # two names a row: the row beside 位置づけ stays short

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName(tr("担当課の選択"))
        self._boxes: list[QCheckBox] = []
        boxes = QVBoxLayout(self)
        boxes.setContentsMargins(0, 0, 0, 0)
        boxes.setSpacing(4)
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(16)
        self._grid.setVerticalSpacing(2)
        self._grid.setColumnStretch(self.COLUMNS, 1)  # keep the boxes together on the left
        boxes.addLayout(self._grid)
        self._empty = QLabel(tr("この部には課が登録されていません。"))
        set_look(self._empty, "hintLabel")
        boxes.addWidget(self._empty)
        # Placed by the form under the caption 担当課 (one line less than a row of its own).
        self.edit_button = QPushButton(tr("課の編集…"))
        set_look(self.edit_button, "linkButton")
        self.edit_button.setFlat(True)
        self.edit_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.edit_button.setAccessibleName(tr("この部の課の一覧を編集"))
        self.edit_button.clicked.connect(self.editRequested)
        self._names: list[str] = []

    def set_sections(self, names: list[str]) -> None:
        if names == self._names:
            return
        self._names = list(names)
        for box in self._boxes:
            self._grid.removeWidget(box)
            box.hide()
            box.deleteLater()
        self._boxes = []
        for i, name in enumerate(names):
            box = QCheckBox(name)
            box.setAccessibleName(tr("担当課: {0}").format(name))
            box.toggled.connect(self._emit)
            self._grid.addWidget(box, i // self.COLUMNS, i % self.COLUMNS)
            if self.isVisible():
                box.show()
            self._boxes.append(box)
        self._empty.setVisible(not names)

    def set_checked(self, names: list[str]) -> None:
        for box in self._boxes:
            box.blockSignals(True)
            box.setChecked(box.text() in names)
            box.blockSignals(False)

    def checked(self) -> list[str]:
        return [b.text() for b in self._boxes if b.isChecked()]

    def boxes(self) -> list[QCheckBox]:
        return list(self._boxes)

    def _emit(self, _on: bool) -> None:
        self.changed.emit(self.checked())


class ParentChoice(ChoiceBox):
    """位置づけ: a department goal, or a 課 goal under one of the department goals.

    Until the user comes to the box (focus, a click, the wheel) it holds only the goal's own
    choice: listing every department goal each time a goal is shown took most of an undo's
    time in a plan of 3,000 goals.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._unlisted: tuple[Goal, PlanView] | None = None  # (goal, view) whose choices are not listed yet

    def show_choice(self, goal: Goal, view: PlanView) -> None:
        self.clear()
        self.addItem(tr("部の目標"), None)
        if goal.parent is not None:
            parent = view.goal(goal.parent)
            self.addItem(_under_label(parent, view.numbers) if parent else "", goal.parent)
            self.setCurrentIndex(1)
        self._unlisted = (goal, view)
        has_children = goal.id in map(_PARENT, view.plan.goals)  # searched in C: a plan may have 10,000 goals
        self.setEnabled(not has_children)
        self.setToolTip(tr("課の目標を持つ部の目標は、ほかの目標の下に移せません。") if has_children else "")

    def list_choices(self) -> None:
        """Every department goal the goal could be put under (once per goal shown)."""
        if self._unlisted is None:
            return
        goal, view = self._unlisted
        self._unlisted = None
        self.clear()
        self.addItem(tr("部の目標"), None)
        for other in view.ordered:
            if other.parent is None and other.id != goal.id:
                self.addItem(_under_label(other, view.numbers), other.id)
        self.setCurrentIndex(max(0, self.findData(goal.parent)) if goal.parent is not None else 0)

    def showPopup(self) -> None:  # noqa: N802 (Qt's names, here and below)
        self.list_choices()
        super().showPopup()

    def focusInEvent(self, event) -> None:  # noqa: N802
        self.list_choices()
        super().focusInEvent(event)

    def wheelEvent(self, event) -> None:  # noqa: N802
        if self.hasFocus():  # unfocused, the wheel scrolls the form (ChoiceBox)
            self.list_choices()
        super().wheelEvent(event)


def _under_label(department_goal: Goal, numbers: dict[int, str]) -> str:
    """「目標3の下の課の目標（防災計画の見直し…）」"""
    label = tr("目標{0}の下の課の目標").format(numbers.get(department_goal.id, "") if department_goal.id is not None else "")
    title = first_line(department_goal.title)
    if title:
        label += tr("（{0}{1}）").format(title[:18], '…' if len(title) > 18 else '')
    return label


class GoalEditor(QStackedWidget):
    fieldEdited = Signal(int, str, str)  # goal id, field, text
    sectionsChanged = Signal(int, list)
    parentChanged = Signal(int, object)  # goal id, parent id or None
    addGoalRequested = Signal()
    editSectionsRequested = Signal()
    linkRequested = Signal()
    droppedSeen = Signal(list)  # ids of the goal's pins to directives dropped since, now seen

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("goalEditor")
        self.setAccessibleName(tr("目標の内容"))
        self.goal_id: int | None = None
        self._loading = False
        self.addWidget(self._build_empty())
        self.addWidget(self._build_form())
        self.setCurrentIndex(0)

    # --- layout --------------------------------------------------------------------------------

    def _build_empty(self) -> QWidget:
        page = QWidget()
        set_look(page, "emptyPage")
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.empty_label = QLabel()
        set_look(self.empty_label, "emptyLabel")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty_label)
        self.empty_add = QPushButton(tr("目標を追加（Ctrl+N）"))
        self.empty_add.setAccessibleName(tr("目標を追加"))
        self.empty_add.clicked.connect(self.addGoalRequested)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.empty_add)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self.show_empty(has_goals=False)
        return page

    def _build_form(self) -> QWidget:
        page = QWidget()
        set_look(page, "goalForm")
        self.form_page = page
        outer = QVBoxLayout(page)
        outer.setContentsMargins(14, 6, 14, 6)
        outer.setSpacing(4)
        self.heading = QLabel()
        set_look(self.heading, "goalHeading")
        # A 課 goal names its department goal on a line of its own under the heading: beside the
        # pins it would squeeze 「未設定（…）」 into a column of single characters.
        self.parent_note = QLabel()
        set_look(self.parent_note, "goalParentNote")
        self.parent_note.setWordWrap(True)
        self.parent_note.hide()

        self.fields: dict[str, TextField] = {}
        self.blocks: dict[str, LabeledField] = {}
        for spec in GOAL_FIELDS:  # a field per spec (domain/goal_fields.py), in the sheet's order
            field = TextField(spec.label, min_lines=spec.lines[0], max_lines=spec.lines[1], placeholder=spec.example, fills=True,
                              fits_shown=spec.shown_lines)
            field.setObjectName(f"goal_{spec.key}")
            field.textChanged.connect(lambda name=spec.key: self._on_text(name))
            self.fields[spec.key] = field
            self.blocks[spec.key] = LabeledField(spec.label, field, hint=spec.hint)
        outer.addWidget(self._build_pins())  # 目標3 ｜ 基本方針 1(4) 2(2) ｜ 関連付け: one line
        outer.addWidget(self.blocks["title"])
        # The texts in two columns when the form is wide (all of a goal on one screen at 1366×768),
        # in one column when narrow; Tab follows the city's sheet either way (apply_tab_order).
        self.values = QWidget()
        values = QHBoxLayout(self.values)
        values.setContentsMargins(0, 0, 0, 0)
        values.setSpacing(12)
        values.addWidget(self.blocks["baseline"])
        values.addWidget(self.blocks["target"])
        self.texts = QHBoxLayout()
        self.texts.setSpacing(16)
        self.columns = (QVBoxLayout(), QVBoxLayout())
        for column in self.columns:
            column.setSpacing(6)
            column.setContentsMargins(0, 0, 0, 0)
            holder = QWidget()  # the columns share the width by their stretch alone: a count growing
            holder.setLayout(column)  # while the user types (「92.5文字」) does not shift them
            holder.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            self.texts.addWidget(holder, 1)
        self._second_column = holder  # shown only when the form is wide enough for two columns
        outer.addLayout(self.texts, 1)
        self.choices = QWidget()
        self.choices.setLayout(self._build_choices())
        outer.addWidget(self.choices)
        self.wide: bool | None = None
        self._arrange(False)
        return page

    def _build_pins(self) -> QWidget:
        box = QWidget()
        layout = QGridLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(10)
        layout.setVerticalSpacing(2)
        pins_caption = QLabel(tr("基本方針"))
        set_look(pins_caption, "fieldCaption")
        self.pins = QLabel()
        set_look(self.pins, "pinsLabel")
        self.pins.setWordWrap(True)
        self.pins.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pins.setAccessibleName(tr("関連付けた基本方針の項目"))
        self.link_button = QPushButton(tr("関連付け（Ctrl+L）"))
        self.link_button.setAccessibleName(tr("この目標を基本方針の項目に関連付ける"))
        self.link_button.setToolTip(tr("左の基本方針の一覧にチェック欄を出し、この目標を項目に関連付けます。"
                                       "項目を目標の一覧へドラッグしても関連付けられます。"))
        self.link_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Ctrl+L from anywhere; Tab stays on the texts
        self.link_button.clicked.connect(self.linkRequested)
        layout.addWidget(self.heading, 0, 0)
        layout.addWidget(pins_caption, 0, 1)
        layout.addWidget(self.pins, 0, 2)
        layout.addWidget(self.link_button, 0, 3)
        layout.addWidget(self.parent_note, 1, 0, 1, 4)
        layout.addWidget(self._build_dropped(), 2, 0, 1, 4)
        layout.setColumnStretch(2, 1)
        layout.setColumnMinimumWidth(1, 0)
        layout.setHorizontalSpacing(14)
        return box

    def _build_dropped(self) -> QWidget:
        """「令和6年度 3(8) は廃止」 beside the goal that was pinned to it, until re-pinned or seen."""
        self.dropped_box = QWidget()
        row = QHBoxLayout(self.dropped_box)
        row.setContentsMargins(0, 0, 0, 0)
        self.dropped_note = QLabel()
        self.dropped_note.setObjectName("droppedNote")
        self.dropped_note.setWordWrap(True)
        set_text_look(self.dropped_note, colour="#7a4f00")
        self.dropped_seen = QPushButton(tr("確認済みにする"))
        self.dropped_seen.setAccessibleName(tr("廃止された項目への関連付けを確認済みにする"))
        self.dropped_seen.clicked.connect(lambda: self.droppedSeen.emit(list(self._dropped_ids)))
        row.addWidget(self.dropped_note, 1)
        row.addWidget(self.dropped_seen)
        self._dropped_ids: list[int] = []
        self.dropped_box.hide()
        return self.dropped_box

    def show_dropped(self, goal: Goal, plan) -> None:
        mentioned = any(item.goal == goal.id for item in plan.dropped)  # mostly not: then no look at the plan's goals
        items = [item for item in open_dropped(plan) if item.goal == goal.id] if mentioned else []
        self._dropped_ids = [stored_id(item) for item in items]
        reasons = "、".join(item.reason for item in items)
        self.dropped_note.setText(tr("前年度に関連付けていた{0}です。ほかの項目に関連付けるか、確認済みにしてください。").format(reasons))
        self.dropped_box.setVisible(bool(items))

    def _build_choices(self) -> QGridLayout:
        owner_caption = QLabel(GOAL_FIELD_LABELS["owner_sections"])
        set_look(owner_caption, "fieldCaption")
        self.sections = SectionPicker()
        self.sections.changed.connect(self._on_sections)
        self.sections.editRequested.connect(self.editSectionsRequested)
        parent_caption = QLabel(tr("位置づけ"))
        set_look(parent_caption, "fieldCaption")
        self.parent_combo = ParentChoice()
        self.parent_combo.setAccessibleName(tr("目標の位置づけ（部の目標、または部の目標の下の課の目標）"))
        self.parent_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.parent_combo.setMinimumContentsLength(12)
        self.parent_combo.activated.connect(self._on_parent)
        parent_caption.setBuddy(self.parent_combo)
        self._choice_parts = (owner_caption, self.sections, self.sections.edit_button, parent_caption, self.parent_combo)
        grid = self._choices_grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        return grid

    def _place_choices(self, wide: bool) -> None:
        """担当課 and 位置づけ under the texts: one row across a wide form (its width does not count
        towards the form's least width: a form too narrow for it has one column, and this layout);
        in a narrow form 課の編集 under the caption and 位置づけ on a row of its own."""
        grid = self._choices_grid
        owner_caption, sections, edit, parent_caption, combo = self._choice_parts
        for part in self._choice_parts:
            grid.removeWidget(part)
        top, left = Qt.AlignmentFlag.AlignTop, Qt.AlignmentFlag.AlignLeft
        grid.addWidget(owner_caption, 0, 0, top)
        grid.addWidget(sections, 0, 1, 1 if wide else 2, 1, top)
        grid.addWidget(edit, 0 if wide else 1, 2 if wide else 0, top | left)
        parent_at = (0, 3) if wide else (2, 0)
        grid.addWidget(parent_caption, *parent_at, Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(combo, parent_at[0], parent_at[1] + 1)
        for column in range(5):
            grid.setColumnStretch(column, 1 if column == 1 else 0)
        horizontal = QSizePolicy.Policy.Ignored if wide else QSizePolicy.Policy.Preferred
        self.choices.setSizePolicy(horizontal, QSizePolicy.Policy.Preferred)

    def _arrange(self, wide: bool) -> None:
        """現状と課題・取組内容 | 達成基準・指標・現状値・目標値・スケジュール side by side, or all stacked;
        担当課 and 位置づけ under them, across the form."""
        if wide == self.wide:
            return
        self.wide = wide
        left = [self.blocks["background"], self.blocks["actions"]]
        right = [self.blocks["indicator"], self.values, self.blocks["schedule"]]
        right += [block for key, block in self.blocks.items() if key not in PLACED]  # a field added later: at the end
        for column in self.columns:
            while column.count():
                column.takeAt(0)
        first, second = self.columns
        for widget in (left if wide else left + right):
            first.addWidget(widget)
        for widget in (right if wide else []):
            second.addWidget(widget)
        self._second_column.setVisible(wide)
        self._place_choices(wide)
        self._share_room()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._arrange(self.width() >= WIDE_FORM_EM * self.fontMetrics().horizontalAdvance("あ"))

    # --- showing a goal ---------------------------------------------------------------------------

    def show_empty(self, *, has_goals: bool) -> None:
        self.goal_id = None
        if has_goals:
            self.empty_label.setText(tr("目標の一覧から目標を選ぶと、ここで内容を編集できます。"))
            self.empty_add.setVisible(False)
        else:
            self.empty_label.setText(tr("この計画にはまだ目標がありません。\n最初の目標を追加しましょう。"))
            self.empty_add.setVisible(True)
        self.setCurrentIndex(0)

    def apply(self, change, view, goal_id: int | None) -> None:
        """Show the selected goal again where ``change`` concerns it (or another goal is selected)."""
        goal = view.goal(goal_id)
        if goal is None:
            if self.goal_id is not None or self.currentIndex() == 1 or change.structure or change.plan:
                self.show_empty(has_goals=bool(view.plan.goals))
        elif goal.id != self.goal_id or goal.id in change.goals or change.numbers or change.organisation:
            self.show_goal(goal, view)
        elif change.dropped:
            self.show_dropped(goal, view.plan)

    def show_goal(self, goal: Goal, view) -> None:
        plan, department, numbers = view.plan, view.department, view.numbers
        self._loading = True
        try:
            switching = goal.id != self.goal_id
            self.goal_id = goal.id
            number = numbers.get(goal.id, "")
            parent_text = ""
            if goal.parent is not None:
                parent = view.goal(goal.parent)
                parent_text = tr("部の目標{0}「{1}」の下の課の目標").format(numbers.get(goal.parent, ''), first_line(parent.title) if parent else '')
            replaced = switching or any(field.toPlainText() != goal.text(name) for name, field in self.fields.items())
            self.heading.setText(tr("目標{0}").format(number))
            self.parent_note.setText(parent_text)
            self.parent_note.setVisible(bool(parent_text))
            self.heading.setAccessibleName(self.heading.text() + (tr("（{0}）").format(parent_text) if parent_text else ""))
            for name, field in self.fields.items():
                field.set_text(goal.text(name))
                field.setAccessibleName(tr("目標{0}の{1}").format(number, GOAL_FIELD_LABELS[name]))
                if switching:
                    field.forget_typing()
            self.show_pins(goal)
            self.show_dropped(goal, plan)
            self.sections.set_sections([s.name for s in department.sections])
            extra = [name for name in goal.owner_sections if name not in [s.name for s in department.sections]]
            if extra:  # sections removed from the department since: keep showing them
                self.sections.set_sections([s.name for s in department.sections] + extra)
            self.sections.set_checked(goal.owner_sections)
            self.apply_tab_order()
            self.parent_combo.show_choice(goal, view)
            self.setCurrentIndex(1)
            if replaced:  # another goal, or its text changed (undo): not the redraw after the user's typing
                self._share_room()
        finally:
            self._loading = False

    def _share_room(self) -> None:
        """The form's room goes to the texts in proportion to the lines they take as shown: a long
        現状と課題 gets more, 取組内容 keeps its first lines on screen. Set when a goal is shown, not
        while the user types, so that no field moves under the pointer."""
        for column in self.columns:
            for index in range(column.count()):
                item = column.itemAt(index)
                column.setStretch(index, self._lines_wanted(item.widget() if item is not None else None))

    @staticmethod
    def _lines_wanted(widget: QWidget | None) -> int:
        """A text's share of the room: its lines as shown. 現状値・目標値 take no more than their least
        (two short lines at most), nor do 担当課 and 位置づけ."""
        if not isinstance(widget, LabeledField):
            return 0
        field = widget.field
        return max(field.min_lines, min(field.max_lines, field.text_lines()))

    def show_pins(self, goal: Goal) -> None:
        if goal.directives:
            self.pins.setText(tr("\u3000").join(goal.directives))
        else:
            self.pins.setText(tr("未設定（どの項目にも関連付けていません）"))
        show_pins_empty(self.pins, not goal.directives)

    # --- edits ------------------------------------------------------------------------------------

    def _on_text(self, name: str) -> None:
        if not self._loading and self.goal_id is not None:
            self.fieldEdited.emit(self.goal_id, name, self.fields[name].toPlainText())

    def _on_sections(self, names: list) -> None:
        if not self._loading and self.goal_id is not None:
            self.sectionsChanged.emit(self.goal_id, names)

    def _on_parent(self, index: int) -> None:
        if not self._loading and self.goal_id is not None:
            self.parentChanged.emit(self.goal_id, self.parent_combo.itemData(index))

    def tab_chain(self) -> list[QWidget]:
        """目標 → 現状と課題 → … → スケジュール → 担当課 → 位置づけ (the sections change with the department)."""
        return [*self.fields.values(), *self.sections.boxes(), self.sections.edit_button, self.parent_combo]

    def apply_tab_order(self) -> None:
        order = self.tab_chain()
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)

    def text_fields(self) -> list[TextField]:
        return list(self.fields.values())

    def focus_title(self) -> None:
        field = self.fields["title"]
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        cursor = field.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        field.setTextCursor(cursor)
