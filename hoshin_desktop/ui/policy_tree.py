"""The left pane: the mayor's basic policy as a tree, each directive with its coverage badges.

Sections → directives, each in two lines: its code and opening words ("1(2) 令和6年能登半島地震により…")
across the pane, the badges under them; the full text on hover and in the right pane when selected.
The badges say how many goals of the plan are pinned to the directive (目標 2) and whether the
department has written its answer (部の方針あり/部の方針なし),
in words as well as colour so that they read in black and white, at the size of the UI font.
In the linking mode (ui/link_mode.py) each directive has a checkbox that pins the selected goal
to it; a directive can also be dragged onto a goal at any time.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
)

from ..domain.models import Goal, Plan, PolicyDocument
from .i18n import tr

DIRECTIVE_MIME = "application/x-hoshin-directive"
KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "section" or "directive"
KEY_ROLE = Qt.ItemDataRole.UserRole + 2  # section number or directive code
# Only ints and strings go into item data: PySide6 can free Python objects kept in a QVariant
# (a tuple, a bool) once too often when the items are destroyed, and crash the interpreter.
GOALS_ROLE = Qt.ItemDataRole.UserRole + 3  # int: goals pinned to the directive (directive rows only)
ANSWERED_ROLE = Qt.ItemDataRole.UserRole + 4  # int 0/1: the department wrote its answer
PROCEDURAL_ROLE = Qt.ItemDataRole.UserRole + 5  # int 0/1 on section rows
TEXT_EM = 8  # full-width characters of its text a directive row shows at least beside its code (see text_room)

GOALS_FILLED = QColor("#dce8f5")
GOALS_TEXT = QColor("#1d4a7a")
ANSWER_FILLED = QColor("#e2f0e0")
ANSWER_TEXT = QColor("#2c6127")
EMPTY_TEXT = QColor("#8a8f96")
EMPTY_BORDER = QColor("#c8ccd2")


def tooltip_html(title: str, text: str) -> str:
    """Rich text so that Qt wraps long Japanese lines in the tooltip."""
    body = "<br>".join(html.escape(line) for line in text.split("\n"))
    return f"<p><b>{html.escape(title)}</b></p><p>{body}</p>"


def badge_texts(goal_count: int, answered: bool) -> tuple[str, str]:
    """「部の方針」 in full: 「方針なし」 alone read as "the directive has no policy"."""
    return tr("目標 {0}").format(goal_count), (tr("部の方針あり") if answered else tr("部の方針なし"))


class DirectiveDelegate(QStyledItemDelegate):
    """A directive row in two lines: its code and opening words across the whole pane (elided at
    the end), and under them the two badges. The badges used to stand in a column of their own beside
    the text, which left a laptop's pane room for about eight characters of it."""

    PADDING_X = 6
    GAP = 4
    MARGIN = 4  # above and below the two lines

    @classmethod
    def badges_width(cls, metrics) -> int:
        """The width the widest pair of badges needs in this font."""
        texts = (badge_texts(99, False)[0], badge_texts(0, False)[1])
        return sum(metrics.horizontalAdvance(t) + 2 * cls.PADDING_X for t in texts) + cls.GAP

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        goals = index.sibling(index.row(), 1).data(GOALS_ROLE)
        if goals is None:  # a section row: one line, as Qt draws it
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        text, option.text = option.text, ""
        widget = option.widget
        style = widget.style() if widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)  # background, checkbox
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget).adjusted(2, 0, -2, 0)
        metrics = option.fontMetrics
        line = metrics.height()
        top = option.rect.top() + (option.rect.height() - 2 * line - self.GAP) // 2
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(option.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        painter.setFont(option.font)
        painter.drawText(QRect(area.left(), top, area.width(), line), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(text, Qt.TextElideMode.ElideRight, area.width()))
        code_width = metrics.horizontalAdvance(text.split("\u3000")[0] + "\u3000")
        self._paint_badges(painter, metrics, area.left() + code_width, top + line + self.GAP, line,
                           int(goals), bool(index.sibling(index.row(), 1).data(ANSWERED_ROLE)))
        painter.restore()

    def _paint_badges(self, painter: QPainter, metrics, x: int, top: int, height: int, goal_count: int,
                      answered: bool) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        goals_text, answer_text = badge_texts(goal_count, answered)
        for text, filled, fg, bg in ((goals_text, goal_count > 0, GOALS_TEXT, GOALS_FILLED),
                                     (answer_text, answered, ANSWER_TEXT, ANSWER_FILLED)):
            width = metrics.horizontalAdvance(text) + 2 * self.PADDING_X
            rect = QRectF(x, top, width, height)
            if filled:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(bg)
                painter.drawRoundedRect(rect, height / 2, height / 2)
                painter.setPen(fg)
            else:
                painter.setPen(QPen(EMPTY_BORDER, 1))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), height / 2, height / 2)
                painter.setPen(EMPTY_TEXT)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            x += width + self.GAP

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        if index.sibling(index.row(), 1).data(GOALS_ROLE) is None:
            return super().sizeHint(option, index)
        # The text is elided to the pane's width (the one column stretches to it), so Qt's measure of
        # the whole text is not needed: it cost 25 ms for the ~80 rows at start-up.
        metrics = option.fontMetrics
        return QSize(self.badges_width(metrics), 2 * metrics.height() + self.GAP + 2 * self.MARGIN)


class PolicyTree(QTreeWidget):
    directiveSelected = Signal(str)  # code
    sectionSelected = Signal(int)  # section number
    pinToggled = Signal(str, bool)  # code, pinned

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("policyTree")
        self.setAccessibleName(tr("市政運営の基本方針の項目一覧"))
        self.setAccessibleDescription(
            tr("基本方針の節と項目です。項目ごとに、関連付けた目標の数と部の方針の記入状況を示します。"
            "目標を選んでいるときは、チェックで目標を項目に関連付けます。"))
        self.setColumnCount(2)  # the second column keeps each directive's counts; its badges are drawn in the first
        self.setColumnHidden(1, True)
        self.setHeaderHidden(True)  # one column under the pane's heading
        self.setItemDelegateForColumn(0, DirectiveDelegate(self))
        self.setUniformRowHeights(False)  # a section's heading is one line, a directive two
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setAlternatingRowColors(False)
        self.setIndentation(14)
        self._directive_items: dict[str, QTreeWidgetItem] = {}
        self._section_items: dict[int, QTreeWidgetItem] = {}
        self._updating = False
        self._pin_target: Goal | None = None
        self._pins_shown: tuple | None = None  # (goal id, its pins) the boxes show; None: no boxes
        self.currentItemChanged.connect(self._on_current_changed)
        self.itemChanged.connect(self._on_item_changed)

    def text_room(self) -> int:
        """The width at which a directive row shows its code and TEXT_EM characters of its text, and its badges whole."""
        metrics = self.fontMetrics()
        code = metrics.horizontalAdvance("3(10)\u3000")
        line = max(code + metrics.horizontalAdvance("…") + TEXT_EM * metrics.horizontalAdvance("あ"),
                   code + DirectiveDelegate.badges_width(metrics))
        return line + 2 * self.indentation() + 12 + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()

    # --- content ---------------------------------------------------------------------------

    def show_policy(self, policy: PolicyDocument) -> None:
        self._updating = True
        self._pins_shown = None
        try:
            self.clear()
            self._directive_items.clear()
            self._section_items.clear()
            bold = QFont(self.font())
            bold.setBold(True)
            for section in policy.sections:
                item = QTreeWidgetItem(self, [section.heading, ""])
                item.setData(0, KIND_ROLE, "section")
                item.setData(0, KEY_ROLE, section.number)
                item.setData(1, PROCEDURAL_ROLE, int(section.is_procedural))
                item.setFont(0, bold)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                body = section.body.text or "\n".join(f"{d.code} {d.text}" for d in section.directives)
                item.setToolTip(0, tooltip_html(section.heading, body if section.is_procedural else section.title))
                self._section_items[section.number] = item
                for directive in section.directives:
                    child = QTreeWidgetItem(item, [tr("{0}　{1}").format(directive.code, directive.text.splitlines()[0]), ""])
                    child.setData(0, KIND_ROLE, "directive")
                    child.setData(0, KEY_ROLE, directive.code)
                    child.setData(1, GOALS_ROLE, 0)
                    child.setData(1, ANSWERED_ROLE, 0)
                    child.setToolTip(0, tooltip_html(tr("基本方針 {0}").format(directive.code), directive.text))
                    child.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                                   | Qt.ItemFlag.ItemIsDragEnabled)
                    self._directive_items[directive.code] = child
            self.expandAll()
        finally:
            self._updating = False

    def show_status(self, plan: Plan, pinned: Mapping[str, int]) -> None:
        """Update the badges (and the accessible text saying the same) from the plan and its goals' pins
        (directive code → how many): only the rows whose badges change, so that a goal added redraws
        one row of the tree, not all of it."""
        answers = {answer.directive: answer.text for answer in reversed(plan.answers)}  # the first of a code's, as plan.answer
        self._updating = True
        try:
            for code, item in self._directive_items.items():
                count, answered = pinned.get(code, 0), int(bool(answers.get(code, "").strip()))
                if item.data(1, GOALS_ROLE) == count and item.data(1, ANSWERED_ROLE) == answered:
                    continue
                item.setData(1, GOALS_ROLE, count)
                item.setData(1, ANSWERED_ROLE, answered)
                goals_text, answer_text = badge_texts(count, bool(answered))
                # column 0's data: the row where the delegate draws the badges is drawn again
                item.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, tr("{0}、{1}").format(goals_text, answer_text))
        finally:
            self._updating = False

    def apply(self, change, view) -> None:
        """Show again what ``change`` (a services.change.Change) concerns: the policy, the badges."""
        if change.policy:
            self.show_policy(view.policy)
        if change.answers or change.numbers or change.policy:
            self.show_status(view.plan, view.pinned)

    def status(self, code: str) -> tuple[int, bool]:
        item = self._directive_items[code]
        return int(item.data(1, GOALS_ROLE)), bool(item.data(1, ANSWERED_ROLE))

    # --- checkboxes for the selected goal ---------------------------------------------------

    def set_pin_target(self, goal: Goal | None) -> None:
        """Show checkboxes for ``goal``'s pins, or none when no goal is selected."""
        self._pin_target = goal
        shown = None if goal is None else (goal.id, tuple(goal.directives))
        if shown == self._pins_shown and self._directive_items:
            return  # the same boxes: an edit of the goal's text repaints nothing here
        self._pins_shown = shown
        self._updating = True
        try:
            for code, item in self._directive_items.items():
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
                if goal is None:
                    item.setFlags(flags)
                    item.setData(0, Qt.ItemDataRole.CheckStateRole, None)
                else:
                    item.setFlags(flags | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(0, Qt.CheckState.Checked if code in goal.directives else Qt.CheckState.Unchecked)
        finally:
            self._updating = False

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._updating or column != 0 or item.data(0, KIND_ROLE) != "directive" or self._pin_target is None:
            return
        value = item.data(0, Qt.ItemDataRole.CheckStateRole)
        if value is None:
            return
        self.pinToggled.emit(item.data(0, KEY_ROLE), Qt.CheckState(value) == Qt.CheckState.Checked)

    # --- selection ---------------------------------------------------------------------------

    def _on_current_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        if self._updating or current is None:
            return
        if current.data(0, KIND_ROLE) == "directive":
            self.directiveSelected.emit(current.data(0, KEY_ROLE))
        else:
            self.sectionSelected.emit(current.data(0, KEY_ROLE))

    def select_directive(self, code: str) -> bool:
        item = self._directive_items.get(code)
        if item is None:
            return False
        self.setCurrentItem(item)
        self.scrollToItem(item)
        return True

    def select_section(self, number: int) -> bool:
        item = self._section_items.get(number)
        if item is None:
            return False
        self.setCurrentItem(item)
        self.scrollToItem(item)
        return True

    def current_code(self) -> str | None:
        item = self.currentItem()
        return item.data(0, KEY_ROLE) if item is not None and item.data(0, KIND_ROLE) == "directive" else None

    # --- drag ----------------------------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [DIRECTIVE_MIME]

    def mimeData(self, items) -> QMimeData:
        codes = [i.data(0, KEY_ROLE) for i in items if i.data(0, KIND_ROLE) == "directive"]
        mime = QMimeData()
        mime.setData(DIRECTIVE_MIME, "\n".join(codes).encode("utf-8"))
        mime.setText(" ".join(codes))
        return mime

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction


def codes_from_mime(mime: QMimeData) -> list[str]:
    if not mime.hasFormat(DIRECTIVE_MIME):
        return []
    return [c for c in bytes(mime.data(DIRECTIVE_MIME).data()).decode("utf-8").split("\n") if c]
