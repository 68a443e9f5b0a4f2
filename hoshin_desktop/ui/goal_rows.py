"""The plan's goals as the rows of a tree model: department goals, each with its 課 goals beneath,
in paper order, read from the Workspace's PlanView.

No text is copied into the rows: the list asks for what it draws (a screenful of a plan of
10,000 goals), an edited goal is one ``dataChanged``, and a change of the order (goals added,
deleted, moved) becomes rows removed and inserted, found by comparing the order shown with the
new one (``row_edits``), never a rebuild.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import compress, count
from operator import attrgetter, ne

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QStandardItem, QStandardItemModel

from ..domain.goal_lineage import GoalLineage
from ..domain.models import Goal
from ..domain.sequence import longest_rising
from ..domain.text import first_line
from .i18n import tr

GOAL_ROLE = Qt.ItemDataRole.UserRole + 1  # the goal id of a row
COLUMN_COUNT = 4  # 番号, 目標, 基本方針, 担当課 (their headings: GoalRows._headings)
HIGHLIGHT = QColor("#fff2c6")
DROP_TARGET = QColor("#cfe2f7")
# Colours, not brushes, for the colour roles (the view makes the brush): the first QBrush made from
# Python builds QGradient's 169 presets as a Python enum, ~4 ms of every start.
_GREY, _RED = QColor("#8a8f96"), QColor("#a33a2a")
_BOLD = QFont()
_BOLD.setBold(True)  # only the weight is set: the rest comes from the list's own font
_NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled
_ID, _PARENT = attrgetter("id"), attrgetter("parent")
_MANY = 200  # more goals to draw again than this: tell the list to draw every row (it draws only those on screen)

Index = QModelIndex | QPersistentModelIndex


def _untitled() -> str:
    return tr("（目標を入力してください）")


codes_text: Callable[[list[str]], str] = " ".join  # 「1(2) 3(6)」; a builtin, so that 10,000 goals are joined in C


def row_edits(old: list[int], new: list[int]) -> tuple[list[tuple[int, int]], list[tuple[int, list[int]]]]:
    """How ``old`` becomes ``new`` by removing and inserting rows: runs of rows of ``old`` to remove
    as (first, last), last run first, so that each position holds when it comes; then runs to
    insert as (first row, ids), first run first. The longest run of ``old`` already in ``new``'s
    order stays where it is."""
    if old == new:
        return [], []
    start, end = _common_ends(old, new)  # a goal added, deleted or moved: the rows around it stay
    if start or end:
        within_removed, within_inserted = row_edits(old[start:len(old) - end], new[start:len(new) - end])
        return ([(first + start, last + start) for first, last in within_removed],
                [(first + start, goals) for first, goals in within_inserted])
    place = {goal: i for i, goal in enumerate(new)}
    common = [goal for goal in old if goal in place]
    kept = {common[i] for i in longest_rising([place[goal] for goal in common])}
    removed: list[tuple[int, int]] = []
    for row in range(len(old) - 1, -1, -1):
        if old[row] in kept:
            continue
        if removed and removed[-1][0] == row + 1:
            removed[-1] = (row, removed[-1][1])
        else:
            removed.append((row, row))
    inserted: list[tuple[int, list[int]]] = []
    for row, goal in enumerate(new):
        if goal in kept:
            continue
        if inserted and inserted[-1][0] + len(inserted[-1][1]) == row:
            inserted[-1][1].append(goal)
        else:
            inserted.append((row, [goal]))
    return removed, inserted


def _common_ends(old: list[int], new: list[int]) -> tuple[int, int]:
    """How many goals ``old`` and ``new`` share at their start, and then at their end."""
    shortest = min(len(old), len(new))
    start = next(compress(count(), map(ne, old, new)), shortest)  # compared in C: 10,000 goals per update
    end = next(compress(count(), map(ne, reversed(old[start:]), reversed(new[start:]))), shortest - start)
    return start, end


class GoalRows(QStandardItemModel):
    """Department goals at the top level, 課 goals beneath, in paper order; four columns.

    The rows are Qt's own items (so that laying out 10,000 rows needs no Python), each holding only
    its goal's id; what a cell shows is read from the PlanView when the list draws it (``data``).
    """

    def __init__(self, parent=None):
        super().__init__(0, COLUMN_COUNT, parent)
        self._headings = (tr("番号"), tr("目標"), tr("基本方針"), tr("担当課"))
        self._view = None
        self._numbers: dict[int, str] = {}
        self._goals: dict[int | None, Goal] = {}
        self._lineage = GoalLineage()
        self._tops: list[int] = []  # department goals (and 課 goals whose department goal is gone)
        self._children: dict[int, list[int]] = {}  # department goal → its 課 goals shown beneath
        self._items: dict[int, QStandardItem] = {}  # goal → the item of its row (column 0)
        self.marked: set[int] = set()  # goals pinned to the directive chosen in the policy tree
        self.marked_code: str | None = None
        self.drop_target: int | None = None  # the row a dragged directive would land on
        # (parent item, row) → the goal of that row, filled as the list draws; any change of rows empties it
        self._row_goals: dict[tuple[int, int], int | None] = {}
        for rows_change in (self.rowsAboutToBeInserted, self.rowsAboutToBeRemoved, self.rowsInserted,
                            self.rowsRemoved, self.modelAboutToBeReset, self.layoutAboutToBeChanged):
            rows_change.connect(self._forget_rows)

    # --- reading the plan --------------------------------------------------------------------

    def reset(self, view) -> None:
        """Show another plan (or the plan read again as a whole)."""
        self._read(view)
        self._tops, self._children = _families(view.ordered)
        self._items = {}
        self.marked, self.drop_target = set(), None
        self.setRowCount(0)
        if self._tops:
            self.invisibleRootItem().appendRows([self._new_row(goal) for goal in self._tops])

    def show(self, view, goals: frozenset[int] | None = None) -> list[int]:
        """Follow ``view``: rows of goals added or gone, in their new order, and every row whose
        texts or number changed (all of them when ``goals`` is None). Returns the department goals
        inserted that have 課 goals (the tree is to open them)."""
        if view is self._view and goals is not None:  # the same order and numbers: texts only
            self._redraw(set(goals))
            return []
        old_numbers = self._numbers
        self._read(view)
        inserted = self._reorder(*_families(view.ordered))
        if goals is None:
            self._redraw(None)
            return inserted
        changed = set(goals)
        if self._numbers is not old_numbers:  # the goals whose number is new, found in C
            numbers = self._numbers
            changed.update(compress(numbers, map(ne, map(old_numbers.get, numbers), numbers.values())))
        self._redraw(changed)
        return inserted

    def _read(self, view) -> None:
        self._view = view
        self._numbers = view.numbers  # kept: the numbers shown, to find those that change
        self._goals = view.goals_by_id  # (a goal not stored is never shown)
        self._lineage = view.plan.lineage

    def _new_row(self, goal: int) -> QStandardItem:
        item = QStandardItem()
        item.setData(goal, GOAL_ROLE)
        item.setFlags(_FLAGS)
        self._items[goal] = item
        kids = self._children.get(goal)
        if kids:
            item.setColumnCount(COLUMN_COUNT)
            item.appendRows([self._new_row(kid) for kid in kids])
        return item

    def _reorder(self, tops: list[int], children: dict[int, list[int]]) -> list[int]:
        """Remove and insert rows until the department goals are ``tops`` with ``children`` beneath
        (every row that goes first, so that a goal moving to another place is not found twice)."""
        root = self.invisibleRootItem()
        removed, inserted = row_edits(self._tops, tops)
        for first, last in removed:
            for top in self._tops[first:last + 1]:
                for goal in [top, *self._children.pop(top, [])]:
                    del self._items[goal]
            root.removeRows(first, last - first + 1)
            del self._tops[first:last + 1]
        later = []
        still = set(self._tops)
        for top in [top for top in self._children.keys() | children.keys() if top in still]:  # those with 課 goals
            shown, wanted = self._children.setdefault(top, []), children.get(top, [])
            if shown != wanted:
                gone, added = row_edits(shown, wanted)
                for first, last in gone:
                    for goal in shown[first:last + 1]:
                        del self._items[goal]
                    self._items[top].removeRows(first, last - first + 1)
                    del shown[first:last + 1]
                later.append((top, added))
        for first, goals in inserted:
            self._children.update((goal, list(children.get(goal, []))) for goal in goals)
            root.insertRows(first, [self._new_row(goal) for goal in goals])
            self._tops[first:first] = goals
        for top, added in later:
            parent, shown = self._items[top], self._children[top]
            parent.setColumnCount(COLUMN_COUNT)
            for first, goals in added:
                parent.insertRows(first, [self._new_row(goal) for goal in goals])
                shown[first:first] = goals
        return [goal for _first, goals in inserted for goal in goals if self._children[goal]]

    def _redraw(self, goals: set[int] | None) -> None:
        """Tell the list which rows to draw again: one dataChanged per run of neighbouring rows among
        ``goals`` (every row when None or more than _MANY: the list draws only what is on screen)."""
        runs: dict[int | None, list[tuple[int, int]]] = {}  # department goal (None: the top level) → runs under it
        if goals is None or len(goals) > _MANY:
            runs[None] = [(0, len(self._tops) - 1)] if self._tops else []
            runs.update((top, [(0, len(kids) - 1)]) for top, kids in self._children.items() if kids)
        else:
            rows: dict[int | None, list[int]] = {}
            for goal in goals:
                item = self._items.get(goal)
                if item is not None:
                    above = item.parent()
                    rows.setdefault(above.data(GOAL_ROLE) if above is not None else None, []).append(item.row())
            runs = {top: _runs(shown) for top, shown in rows.items()}
        for top, shown_runs in runs.items():
            under = self._items[top].index() if top is not None else QModelIndex()
            for first, last in shown_runs:
                self.dataChanged.emit(self.index(first, 0, under), self.index(last, COLUMN_COUNT - 1, under))

    # --- the highlight and the drop target ---------------------------------------------------------

    def mark(self, code: str | None, goals: set[int]) -> None:
        """Show ``goals`` as pinned to the directive ``code`` (and only the rows that change)."""
        changed, self.marked, self.marked_code = goals ^ self.marked, goals, code
        self._redraw(changed)

    def set_drop_target(self, goal: int | None) -> None:
        if goal != self.drop_target:
            changed = {g for g in (self.drop_target, goal) if g is not None}
            self.drop_target = goal
            self._redraw(changed)

    # --- finding rows ------------------------------------------------------------------------------

    def goal_id(self, index: Index) -> int | None:
        if not index.isValid():
            return None
        row = index.internalId(), index.row()  # an index's internal id is its parent item: with the row, one row
        try:
            return self._row_goals[row]
        except KeyError:
            goal = self._row_goals[row] = QStandardItemModel.data(self, index.sibling(index.row(), 0), GOAL_ROLE)
            return goal

    def _forget_rows(self, *_where) -> None:
        self._row_goals.clear()

    def has_section_goals(self) -> bool:
        """Whether some row stands beneath another (a 課 goal numbered under its department goal)."""
        return any(self._children.values())

    def index_of(self, goal_id: int | None, column: int = 0) -> QModelIndex:
        item = self._items.get(goal_id) if goal_id is not None else None
        return item.index().siblingAtColumn(column) if item is not None else QModelIndex()

    # --- what the list asks ----------------------------------------------------------------------------

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headings[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        reader = _ROLES.get(role)
        goal_id = self.goal_id(index) if reader is not None else None
        if reader is None or goal_id is None or goal_id not in self._goals:
            return None
        return reader(self, goal_id, self._goals[goal_id], index.column())

    # --- what each role shows (of the goal ``goal_id``) -----------------------------------------------

    def _text(self, goal_id: int, goal: Goal, column: int) -> str:
        if column == 0:
            return self._numbers.get(goal_id, "")
        if column == 1:
            direction = self._lineage.direction(goal_id)  # 方向性 against last year's plan
            return (tr("［{0}］").format(direction) if direction else "") + (first_line(goal.title) or _untitled())
        if column == 2:
            return codes_text(goal.directives) or tr("未設定")
        return tr("、").join(goal.owner_sections)

    def _background(self, goal_id: int, _goal: Goal, _column: int) -> QColor | None:
        if goal_id == self.drop_target:
            return DROP_TARGET
        return HIGHLIGHT if goal_id in self.marked else None

    def _foreground(self, _goal_id: int, goal: Goal, column: int) -> QColor | None:
        if column == 1 and not first_line(goal.title):
            return _GREY
        return _RED if column == 2 and not goal.directives else None

    def _tooltip(self, _goal_id: int, goal: Goal, column: int) -> str | None:
        return (goal.title or _untitled()) if column == 1 else None

    def _accessible_text(self, goal_id: int, goal: Goal, column: int) -> str | None:
        if column == 0:
            return tr("目標{0}").format(self._numbers.get(goal_id, ""))
        if column == 2:
            return tr("基本方針 {0}").format(codes_text(goal.directives)) if goal.directives else tr("基本方針に未関連付け")
        return None

    def _accessible_description(self, goal_id: int, _goal: Goal, column: int) -> str | None:
        if column == 1 and goal_id in self.marked:
            return tr("選択中の項目 {0} に関連付けた目標").format(self.marked_code)
        return None


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """The rows as (first, last) runs of neighbours."""
    runs: list[tuple[int, int]] = []
    for row in sorted(rows):
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


def _families(ordered: list[Goal]) -> tuple[list[int], dict[int, list[int]]]:
    """Department goals and the 課 goals under each, from the goals in paper order (a 課 goal
    whose department goal is gone stands at the top level, as paper_order numbers it). No list is
    made for a goal without 課 goals: thousands of empty lists would wake the garbage collector."""
    if not any(map(_PARENT, ordered)):  # no 課 goals (most plans): found and listed in C
        return list(filter(None, map(_ID, ordered))), {}  # (ids start at 1: None is a goal not stored)
    tops: list[int] = []
    shown: set[int] = set()
    children: dict[int, list[int]] = {}
    for goal in ordered:
        if goal.id is None:  # not stored: never shown in a plan's view
            continue
        parent = goal.parent
        if parent is not None and parent in shown:
            children.setdefault(parent, []).append(goal.id)
        else:
            tops.append(goal.id)
            shown.add(goal.id)
    return tops, children


_ROLES: dict[int, Callable[[GoalRows, int, Goal, int], object]] = {
    Qt.ItemDataRole.DisplayRole: GoalRows._text,
    GOAL_ROLE: lambda _model, goal_id, _goal, _column: goal_id,
    Qt.ItemDataRole.FontRole: lambda model, goal_id, _goal, _column: _BOLD if goal_id in model.marked else None,
    Qt.ItemDataRole.BackgroundRole: GoalRows._background,
    Qt.ItemDataRole.ForegroundRole: GoalRows._foreground,
    Qt.ItemDataRole.ToolTipRole: GoalRows._tooltip,
    Qt.ItemDataRole.TextAlignmentRole: lambda _model, _goal_id, _goal, column: _NUMBER_ALIGNMENT if column == 0 else None,
    Qt.ItemDataRole.AccessibleTextRole: GoalRows._accessible_text,
    Qt.ItemDataRole.AccessibleDescriptionRole: GoalRows._accessible_description,
}
