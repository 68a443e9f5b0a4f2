"""The list of the plan's goals in paper order: department goals with their sections' goals beneath.

Each row shows the goal's number (1, 2, 2-1 …), its title, the directives it is pinned to
(「1(2) 3(6)」) and the owning sections. Dropping a directive from the policy tree on a row
pins that goal to it. Selecting a directive in the tree marks the goals pinned to it.

The rows come from a model (goal_rows.py) that reads the plan as shown: the list draws only the
rows on screen, and an edit, an undo or a new goal changes only the rows concerned.
"""

from __future__ import annotations

from operator import attrgetter

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTreeView

from .goal_rows import GoalRows, codes_text
from .i18n import tr
from .policy_tree import codes_from_mime

_DIRECTIVES = attrgetter("directives")
NARROW_EM = 34  # below this width (in full-width characters) the list leaves out its 担当課 column
TITLE_EM = 12  # full-width characters of the 目標 column when the form leaves room (text_room); 「［継続］」 takes four
TITLE_LEAST_EM = 7  # … and at the least, before the policy tree gets its room


class GoalList(QTreeView):
    currentGoalChanged = Signal(object)  # goal id or None
    directiveDropped = Signal(int, str)  # goal id, directive code

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("goalList")
        self.setAccessibleName(tr("組織目標の一覧"))
        self.setAccessibleDescription(tr("部の目標と、その下の課の目標です。基本方針の項目をここへドラッグすると、その目標に関連付けます。"))
        self.rows = GoalRows(self)
        self.setModel(self.rows)
        header = self.header()
        header.setAccessibleName(tr("目標の一覧の列見出し"))
        header.setStretchLastSection(False)
        # The 番号 and 基本方針 columns are sized from the plan's texts (_fit_columns), not by measuring rows.
        for column, mode in enumerate((QHeaderView.ResizeMode.Fixed, QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.Fixed, QHeaderView.ResizeMode.Interactive)):
            header.setSectionResizeMode(column, mode)
        self.setColumnWidth(3, 110)
        header.setMinimumSectionSize(44)
        self.setUniformRowHeights(True)
        self.setRootIsDecorated(True)
        self.setIndentation(14)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # goals are edited in the form
        self.setAcceptDrops(True)  # the scroll area passes it on to its viewport
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(True)
        self._view = None
        self._highlight_code: str | None = None
        self._updating = False
        self.selectionModel().currentChanged.connect(self._on_current_changed)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        # Narrow beside the goal form: the titles need the room; the form shows the 担当課 anyway.
        self.setColumnHidden(3, self.width() < NARROW_EM * self.fontMetrics().horizontalAdvance("あ"))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:  # 表示 → 文字の大きさ
            self._fit_columns()

    def text_room(self, characters: int = TITLE_EM) -> int:
        """The width at which the 目標 column shows ``characters`` beside the number and 基本方針 columns."""
        header = self.header()
        title = characters * self.fontMetrics().horizontalAdvance("あ") + 2 * header.style().pixelMetric(
            QStyle.PixelMetric.PM_FocusFrameHMargin)
        return (header.sectionSize(0) + header.sectionSize(2) + title + self.verticalScrollBar().sizeHint().width()
                + 2 * self.frameWidth())

    # --- content ------------------------------------------------------------------------------

    def apply(self, change, view) -> None:
        """Show again what ``change`` concerns: the rows edited, and rows added, gone or renumbered."""
        if change.plan or self._view is None or view.plan is not self._view.plan:
            self.show_plan(view)
        elif change.numbers or change.organisation or change.goals:
            self._view = view
            self._update(lambda: self._open(self.rows.show(view, None if change.organisation else change.goals)))
            if change.numbers:
                self._fit_columns()

    def show_plan(self, view) -> None:
        """Show the plan's goals in paper order (another plan, or the plan read again), keeping the selection."""
        self._view = view
        self._update(lambda: self.rows.reset(view))
        self.expandAll()
        self._fit_columns()
        self._apply_highlight()

    def _update(self, action) -> None:
        """Change the rows, keeping the goal selected (if it is still there) without telling anyone."""
        current = self.current_goal_id()
        self._updating = True
        try:
            action()
            index = self.rows.index_of(current)
            if index.isValid() and index != self.currentIndex():
                self.setCurrentIndex(index)
        finally:
            self._updating = False

    def _open(self, tops: list[int]) -> None:
        """New department goals show their 課 goals, as all others do."""
        for goal in tops:
            self.expand(self.rows.index_of(goal))

    def _fit_columns(self) -> None:
        """The 番号 and 基本方針 columns as wide as the longest text they show, in bold (a marked
        goal's): found from the plan's texts, not by measuring every row (a plan may have 10,000)."""
        if self._view is None:
            return
        bold = QFont(self.font())
        bold.setBold(True)
        metrics, header = QFontMetrics(bold), self.header()
        # the item view style leaves this margin on each side of a cell, and again on each side of its text
        margins = 4 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1)
        levels = 1 + self.rows.has_section_goals()  # the tree's margin, and the 課 goals' step in
        number = metrics.horizontalAdvance(max(self._view.numbers.values(), key=len, default=""))
        header.resizeSection(0, max(header.sectionSizeHint(0), number + margins + levels * self.indentation()))
        codes = max(map(codes_text, map(_DIRECTIVES, self._view.plan.goals)), key=len, default="")
        widest = max(metrics.horizontalAdvance(codes), metrics.horizontalAdvance(tr("未設定")))
        header.resizeSection(2, max(header.sectionSizeHint(2), widest + margins))

    # --- highlight the goals of a directive --------------------------------------------------

    def highlight_directive(self, code: str | None) -> None:
        self._highlight_code = code
        self._apply_highlight()

    def highlighted_ids(self) -> list[int]:
        if self._view is None or self._highlight_code is None:
            return []
        return [g.id for g in self._view.plan.goals_pinned_to(self._highlight_code) if g.id is not None]

    def _apply_highlight(self) -> None:
        self.rows.mark(self._highlight_code, set(self.highlighted_ids()))

    # --- selection ---------------------------------------------------------------------------------

    def current_goal_id(self) -> int | None:
        return self.rows.goal_id(self.currentIndex())

    def index_of(self, goal_id: int, column: int = 0) -> QModelIndex:
        """The row of ``goal_id`` (invalid when it is not shown), for what the list shows of it."""
        return self.rows.index_of(goal_id, column)

    def select_goal(self, goal_id: int | None) -> None:
        index = self.rows.index_of(goal_id)
        if not index.isValid():
            self.setCurrentIndex(QModelIndex())
            self.clearSelection()
            self.currentGoalChanged.emit(None)
            return
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._updating:
            return
        self.currentGoalChanged.emit(self.rows.goal_id(current))

    # --- drops of directives ------------------------------------------------------------------

    def _goal_at(self, event) -> int | None:
        return self.rows.goal_id(self.indexAt(event.position().toPoint()))

    def dragLeaveEvent(self, event):  # noqa: N802
        self.rows.set_drop_target(None)
        event.accept()

    def dragEnterEvent(self, event):  # noqa: N802
        if codes_from_mime(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event):  # noqa: N802
        goal_id = self._goal_at(event)
        if codes_from_mime(event.mimeData()) and goal_id is not None:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()
        self.rows.set_drop_target(goal_id if event.isAccepted() else None)

    def dropEvent(self, event):  # noqa: N802
        self.rows.set_drop_target(None)
        codes = codes_from_mime(event.mimeData())
        goal_id = self._goal_at(event)
        if not codes or goal_id is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        for code in codes:
            self.directiveDropped.emit(goal_id, code)
