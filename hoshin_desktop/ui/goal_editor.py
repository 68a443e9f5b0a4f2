"""The form of one goal: every field of the goal, with full-width character counts."""

from __future__ import annotations

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

from ..domain.models import GOAL_FIELD_LABELS, GOAL_TEXT_FIELDS, Goal
from ..domain.text import first_line
from .i18n import tr
from .widgets import LabeledField, TextField, repolish

FIELD_LINES = {"title": (1, 6), "background": (3, 14), "actions": (3, 14), "indicator": (1, 8),
               "baseline": (1, 2), "target": (1, 2), "schedule": (1, 8)}
# The short fields show their whole text up to this many lines (set when a goal is shown, not while typing);
# the others share the room left by the lines of their texts.
SHOWN_LINES = {"title": 3, "baseline": 2, "target": 2}
WIDE_FORM_EM = 44  # from this width (in full-width characters) the form has two columns of texts


def field_hints() -> dict[str, str]:
    """The short hint beside a field's label (the fields not named have none)."""
    return {"title": tr("何を達成するか"), "indicator": tr("何で達成を測るか"), "schedule": tr("いつまでに")}


def field_placeholders() -> dict[str, str]:
    """The grey example in an empty field."""
    return {
        "title": tr("例: 新庁舎移転に合わせた防災関連計画・マニュアルの見直し"),
        "background": tr("この目標に取り組む理由、現在の状況と課題"),
        "actions": tr("具体的な取組（「・」で始める箇条書きも使えます）"),
        "indicator": tr("例: 見直したマニュアルの数、訓練の参加者数"),
        "baseline": tr("例: 0件"),
        "target": tr("例: 5件"),
        "schedule": tr("例: 6月 素案作成、9月 庁内調整、12月 改定"),
    }


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
        self._empty.setObjectName("hintLabel")
        boxes.addWidget(self._empty)
        # Placed by the form under the caption 担当課 (one line less than a row of its own).
        self.edit_button = QPushButton(tr("課の編集…"))
        self.edit_button.setObjectName("linkButton")
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


class GoalEditor(QStackedWidget):
    fieldEdited = Signal(int, str, str)  # goal id, field, text
    sectionsChanged = Signal(int, list)
    parentChanged = Signal(int, object)  # goal id, parent id or None
    addGoalRequested = Signal()
    editSectionsRequested = Signal()
    linkRequested = Signal()

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
        page.setObjectName("emptyPage")
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyLabel")
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
        page.setObjectName("goalForm")
        self.form_page = page
        outer = QVBoxLayout(page)
        outer.setContentsMargins(14, 6, 14, 6)
        outer.setSpacing(4)
        self.heading = QLabel()
        self.heading.setObjectName("goalHeading")
        # A 課 goal names its department goal on a line of its own under the heading: beside the
        # pins it would squeeze 「未設定（…）」 into a column of single characters.
        self.parent_note = QLabel()
        self.parent_note.setObjectName("goalParentNote")
        self.parent_note.setWordWrap(True)
        self.parent_note.hide()

        self.fields: dict[str, TextField] = {}
        self.blocks: dict[str, LabeledField] = {}
        hints, placeholders = field_hints(), field_placeholders()
        for name in GOAL_TEXT_FIELDS:
            min_lines, max_lines = FIELD_LINES.get(name, (3, 14))
            field = TextField(GOAL_FIELD_LABELS[name], min_lines=min_lines, max_lines=max_lines,
                              placeholder=placeholders.get(name, ""), fills=True,
                              fits_shown=SHOWN_LINES.get(name, 0))
            field.setObjectName(f"goal_{name}")
            field.textChanged.connect(lambda name=name: self._on_text(name))
            self.fields[name] = field
            self.blocks[name] = LabeledField(GOAL_FIELD_LABELS[name], field, hint=hints.get(name, ""))
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
        pins_caption.setObjectName("fieldCaption")
        self.pins = QLabel()
        self.pins.setObjectName("pinsLabel")
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
        layout.setColumnStretch(2, 1)
        layout.setColumnMinimumWidth(1, 0)
        layout.setHorizontalSpacing(14)
        return box

    def _build_choices(self) -> QGridLayout:
        owner_caption = QLabel(GOAL_FIELD_LABELS["owner_sections"])
        owner_caption.setObjectName("fieldCaption")
        self.sections = SectionPicker()
        self.sections.changed.connect(self._on_sections)
        self.sections.editRequested.connect(self.editSectionsRequested)
        parent_caption = QLabel(tr("位置づけ"))
        parent_caption.setObjectName("fieldCaption")
        self.parent_combo = QComboBox()
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
        goal = view.plan.goal(goal_id) if goal_id is not None else None
        if goal is None:
            if self.goal_id is not None or self.currentIndex() == 1 or change.structure or change.plan:
                self.show_empty(has_goals=bool(view.plan.goals))
        elif goal.id != self.goal_id or goal.id in change.goals or change.numbers or change.organisation:
            self.show_goal(goal, view)

    def show_goal(self, goal: Goal, view) -> None:
        plan, department, numbers = view.plan, view.department, view.numbers
        self._loading = True
        try:
            switching = goal.id != self.goal_id
            self.goal_id = goal.id
            number = numbers.get(goal.id, "")
            parent_text = ""
            if goal.parent is not None:
                parent = plan.goal(goal.parent)
                parent_text = tr("部の目標{0}「{1}」の下の課の目標").format(numbers.get(goal.parent, ''), first_line(parent.title) if parent else '')
            replaced = switching or any(field.toPlainText() != getattr(goal, name) for name, field in self.fields.items())
            self.heading.setText(tr("目標{0}").format(number))
            self.parent_note.setText(parent_text)
            self.parent_note.setVisible(bool(parent_text))
            self.heading.setAccessibleName(self.heading.text() + (tr("（{0}）").format(parent_text) if parent_text else ""))
            for name, field in self.fields.items():
                field.set_text(getattr(goal, name))
                field.setAccessibleName(tr("目標{0}の{1}").format(number, GOAL_FIELD_LABELS[name]))
                if switching:
                    field.forget_typing()
            self.show_pins(goal)
            self.sections.set_sections([s.name for s in department.sections])
            extra = [name for name in goal.owner_sections if name not in [s.name for s in department.sections]]
            if extra:  # sections removed from the department since: keep showing them
                self.sections.set_sections([s.name for s in department.sections] + extra)
            self.sections.set_checked(goal.owner_sections)
            self.apply_tab_order()
            self._fill_parents(goal, view)
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
            self.pins.setProperty("empty", False)
        else:
            self.pins.setText(tr("未設定（どの項目にも関連付けていません）"))
            self.pins.setProperty("empty", True)
        repolish(self.pins)

    def _fill_parents(self, goal: Goal, view) -> None:
        combo, numbers = self.parent_combo, view.numbers
        combo.clear()
        combo.addItem(tr("部の目標"), None)
        has_children = any(g.parent == goal.id for g in view.plan.goals)
        for other in view.ordered:
            if other.parent is None and other.id != goal.id:
                title = first_line(other.title)
                label = tr("目標{0}の下の課の目標").format(numbers.get(other.id, ''))
                if title:
                    label += tr("（{0}{1}）").format(title[:18], '…' if len(title) > 18 else '')
                combo.addItem(label, other.id)
        combo.setCurrentIndex(max(0, combo.findData(goal.parent)) if goal.parent is not None else 0)
        combo.setEnabled(not has_children)
        combo.setToolTip(tr("課の目標を持つ部の目標は、ほかの目標の下に移せません。") if has_children else "")

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
