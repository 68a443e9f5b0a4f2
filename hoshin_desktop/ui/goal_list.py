"""The list of the plan's goals in paper order: department goals with their sections' goals beneath.

Each row shows the goal's number (1, 2, 2-1 …), its title, the directives it is pinned to
(「1(2) 3(6)」) and the owning sections. Dropping a directive from the policy tree on a row
pins that goal to it. Selecting a directive in the tree marks the goals pinned to it.
"""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTreeWidget, QTreeWidgetItem

from ..domain.models import Plan
from ..domain.text import first_line
from .i18n import tr
from .policy_tree import codes_from_mime

GOAL_ROLE = Qt.ItemDataRole.UserRole + 1
HIGHLIGHT = QColor("#fff2c6")
DROP_TARGET = QColor("#cfe2f7")
UNTITLED = "（目標を入力してください）"
NARROW_EM = 34  # below this width (in full-width characters) the list leaves out its 担当課 column
TITLE_EM = 12  # full-width characters of the 目標 column when the form leaves room (text_room); 「［継続］」 takes four
TITLE_LEAST_EM = 7  # … and at the least, before the policy tree gets its room


def codes_text(codes: list[str]) -> str:
    return " ".join(codes)


class GoalList(QTreeWidget):
    currentGoalChanged = Signal(object)  # goal id or None
    directiveDropped = Signal(int, str)  # goal id, directive code

    COLUMNS = ["番号", "目標", "基本方針", "担当課"]

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("goalList")
        self.setAccessibleName(tr("組織目標の一覧"))
        self.setAccessibleDescription(tr("部の目標と、その下の課の目標です。基本方針の項目をここへドラッグすると、その目標に関連付けます。"))
        self.setColumnCount(len(self.COLUMNS))
        self.setHeaderLabels([tr(name) for name in self.COLUMNS])
        header = self.header()
        header.setAccessibleName(tr("目標の一覧の列見出し"))
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(3, 110)
        header.setMinimumSectionSize(44)
        self.setUniformRowHeights(True)
        self.setRootIsDecorated(True)
        self.setIndentation(14)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(True)
        self._items: dict[int, QTreeWidgetItem] = {}
        self._structure: list[tuple[int, int | None]] = []
        self._highlight_code: str | None = None
        self._marked: set[int] = set()  # goals shown highlighted now
        self._plan: Plan | None = None
        self._updating = False
        self.currentItemChanged.connect(self._on_current_changed)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        # Narrow beside the goal form: the titles need the room; the form shows the 担当課 anyway.
        self.setColumnHidden(3, self.width() < NARROW_EM * self.fontMetrics().horizontalAdvance("あ"))

    def text_room(self, characters: int = TITLE_EM) -> int:
        """The width at which the 目標 column shows ``characters`` beside the number and 基本方針 columns."""
        header = self.header()
        title = characters * self.fontMetrics().horizontalAdvance("あ") + 2 * header.style().pixelMetric(
            QStyle.PixelMetric.PM_FocusFrameHMargin)
        return (header.sectionSize(0) + header.sectionSize(2) + title + self.verticalScrollBar().sizeHint().width()
                + 2 * self.frameWidth())

    # --- content ------------------------------------------------------------------------------

    def apply(self, change, view) -> None:
        """Show again what ``change`` concerns: every row when numbers may move, else the rows edited."""
        if change.numbers or change.organisation:
            self.show_plan(view)
        elif change.goals:
            self._show_rows(view, [g for g in (view.plan.goal(i) for i in change.goals) if g is not None])

    def show_plan(self, view) -> None:
        """Show the plan's goals in paper order, keeping the selection; rebuilds only when the order changed."""
        self._plan = view.plan
        structure = [(g.id, g.parent) for g in view.ordered]
        current = self.current_goal_id()
        self._updating = True
        try:
            if structure != self._structure:
                self._rebuild(view.ordered)
                self._structure = structure
            self._show_rows(view, view.plan.goals)
            if current is not None and current in self._items:
                self.setCurrentItem(self._items[current])
        finally:
            self._updating = False
        self._apply_highlight()

    @contextmanager
    def _sized_once(self):
        """Columns sized to their contents are measured once after a bulk update, not per cell."""
        header = self.header()
        fitted = [c for c in range(self.columnCount())
                  if header.sectionResizeMode(c) == QHeaderView.ResizeMode.ResizeToContents]
        for column in fitted:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        try:
            yield
        finally:
            for column in fitted:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def _show_rows(self, view, goals) -> None:
        with self._sized_once():
            self._write_rows(view, goals)

    def _write_rows(self, view, goals) -> None:
        numbers = view.numbers
        for goal in goals:
            item = self._items.get(goal.id)
            if item is None:
                continue
            title = first_line(goal.title)
            number = numbers.get(goal.id, "")
            direction = view.plan.lineage.direction(goal.id)  # 方向性 against last year's plan
            item.setText(0, number)
            item.setText(1, (f"［{tr(direction)}］" if direction else "") + (title or tr(UNTITLED)))
            item.setText(2, codes_text(goal.directives) or tr("未設定"))
            item.setText(3, tr("、").join(goal.owner_sections))
            item.setToolTip(1, goal.title or tr(UNTITLED))
            item.setForeground(1, QBrush(QColor("#8a8f96")) if not title else QBrush())
            item.setForeground(2, QBrush(QColor("#a33a2a")) if not goal.directives else QBrush())
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, tr("目標{0}").format(number))
            item.setData(2, Qt.ItemDataRole.AccessibleTextRole,
                         tr("基本方針 {0}").format(codes_text(goal.directives)) if goal.directives else tr("基本方針に未関連付け"))

    def _rebuild(self, ordered) -> None:
        self.clear()
        self._items.clear()
        self._marked = set()
        for goal in ordered:  # paper order: a section goal comes after its department goal
            parent = self._items.get(goal.parent) if goal.parent is not None else None
            self._items[goal.id] = self._new_item(parent if parent is not None else self, goal.id)
        self.expandAll()

    @staticmethod
    def _new_item(parent, goal_id: int) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent)
        item.setData(0, GOAL_ROLE, goal_id)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled)
        item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    # --- highlight the goals of a directive --------------------------------------------------

    def highlight_directive(self, code: str | None) -> None:
        self._highlight_code = code
        self._apply_highlight()

    def highlighted_ids(self) -> list[int]:
        if self._plan is None or self._highlight_code is None:
            return []
        return [g.id for g in self._plan.goals_pinned_to(self._highlight_code) if g.id is not None]

    def _apply_highlight(self) -> None:
        marked = set(self.highlighted_ids())
        changed, self._marked = marked ^ self._marked, marked
        for goal_id in changed:  # only the rows that change: a plan has up to 10,000 goals
            item = self._items.get(goal_id)
            if item is None:
                continue
            on = goal_id in marked
            for column in range(self.columnCount()):
                item.setBackground(column, QBrush(HIGHLIGHT) if on else QBrush())
                font = QFont(item.font(column))
                font.setBold(on)
                item.setFont(column, font)
            item.setData(1, Qt.ItemDataRole.AccessibleDescriptionRole,
                         tr("選択中の項目 {0} に関連付けた目標").format(self._highlight_code) if on else "")

    # --- selection ---------------------------------------------------------------------------------

    def current_goal_id(self) -> int | None:
        item = self.currentItem()
        return item.data(0, GOAL_ROLE) if item is not None else None

    def select_goal(self, goal_id: int | None) -> None:
        item = self._items.get(goal_id) if goal_id is not None else None
        if item is None:
            self.setCurrentItem(None)  # type: ignore[call-overload]  # Qt takes None (no current item); its stubs do not say so
            self.clearSelection()
            self.currentGoalChanged.emit(None)
            return
        self.setCurrentItem(item)
        self.scrollToItem(item)

    def _on_current_changed(self, current, _previous) -> None:
        if self._updating:
            return
        self.currentGoalChanged.emit(current.data(0, GOAL_ROLE) if current is not None else None)

    # --- drops of directives ------------------------------------------------------------------

    def _goal_at(self, event) -> int | None:
        item = self.itemAt(event.position().toPoint())
        return item.data(0, GOAL_ROLE) if item is not None else None

    def _show_drop_target(self, goal_id: int | None) -> None:
        """Mark the row a dragged directive would land on (the selection stays as it is)."""
        self._apply_highlight()
        item = self._items.get(goal_id) if goal_id is not None else None
        if item is not None:
            for column in range(self.columnCount()):
                item.setBackground(column, QBrush(DROP_TARGET))

    def dragLeaveEvent(self, event):
        self._show_drop_target(None)
        event.accept()

    def dragEnterEvent(self, event):
        if codes_from_mime(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event):
        goal_id = self._goal_at(event)
        if codes_from_mime(event.mimeData()) and goal_id is not None:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()
        self._show_drop_target(goal_id if event.isAccepted() else None)

    def dropEvent(self, event):
        self._show_drop_target(None)
        codes = codes_from_mime(event.mimeData())
        goal_id = self._goal_at(event)
        if not codes or goal_id is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        for code in codes:
            self.directiveDropped.emit(goal_id, code)
