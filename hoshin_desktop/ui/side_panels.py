"""The panels under the policy tree: what is still uncovered, and search across all years."""

from __future__ import annotations

import html
from collections.abc import Mapping

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QShowEvent, QTextDocument
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.matrix import coverage_summary
from ..domain.models import Goal, Plan, PolicyDocument
from ..domain.numbering import number_of
from ..domain.text import first_line
from ..services.search import SearchHit, SearchIndex
from .i18n import tr
from .style import set_look
from .widgets import box_layout

# Item data holds only strings and ints (PySide6 may free Python objects kept in a QVariant twice).
KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "directive" or "goal"
KEY_ROLE = Qt.ItemDataRole.UserRole + 2  # directive code (str) or goal id (int)
HIT_ROLE = Qt.ItemDataRole.UserRole + 3  # index into SearchPanel.hits


GOAL_ROWS = 4  # the unpinned goals' list grows to this many rows, then scrolls


def _clip(text: str, length: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= length else text[:length] + "…"


class CoveragePanel(QWidget):
    """Directives with neither a goal nor an answer, and goals pinned to nothing."""

    directiveActivated = Signal(str)
    goalActivated = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("coveragePanel")
        # In a scroll area: with large text the panel yields its height to the policy tree above it.
        content = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        self._content = content
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        # 「21項目中14項目に対応（方針のみ2、目標あり12）」 and the one-page sheet for the interview
        self.summary = QLabel()
        self.summary.setObjectName("coverageSummary")
        self.summary.setWordWrap(True)
        self.print_button = QPushButton(tr("1枚に印刷…"))
        self.print_button.setToolTip(tr("基本方針の項目 × この部の目標の対応表を A4 1枚で印刷します（面談の資料に）"))
        self.print_button.clicked.connect(self.print_sheet)
        self.print_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.print_button)
        layout.addLayout(top)
        self._shown: tuple[PolicyDocument, Plan] | None = None
        self._made_of: tuple | None = None  # what the summary and the lists were made from (see _made_of)
        self.directives_caption = QLabel()
        set_look(self.directives_caption, "fieldCaption")
        self.directives = QListWidget()
        self.directives.setAccessibleName(tr("部の方針も目標もない基本方針の項目"))
        self.directives.setUniformItemSizes(True)
        self.goals_caption = QLabel()
        set_look(self.goals_caption, "fieldCaption")
        self.goals = QListWidget()
        self.goals.setAccessibleName(tr("基本方針に関連付けていない目標"))
        self.goals.setUniformItemSizes(True)
        self.directives_caption.setBuddy(self.directives)
        self.goals_caption.setBuddy(self.goals)
        self.note = QLabel()
        set_look(self.note, "hintLabel")
        self.note.setWordWrap(True)
        for widget in (self.directives_caption, self.directives, self.goals_caption, self.goals, self.note):
            layout.addWidget(widget)
        layout.setStretch(2, 1)  # the directives' list; the goals' list is as tall as its rows (_fit_rows)
        for view in (self.directives, self.goals):
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            view.setTextElideMode(Qt.TextElideMode.ElideRight)
            view.itemActivated.connect(self._activated)
            view.itemClicked.connect(self._activated)

    def needed_height(self) -> int:
        """The height at which the panel shows all it holds without scrolling."""
        return self._content.minimumSizeHint().height()

    def apply(self, change, view) -> None:
        if change.coverage or any(g.id in change.goals for g in view.unpinned):  # an unpinned goal's title
            self.show_coverage(view.policy, view.uncovered, view.unpinned, view.numbers, view.plan, view.pinned)

    def show_coverage(self, policy: PolicyDocument, uncovered: list[str], unpinned: list[Goal],
                      numbers: dict[int, str], plan: Plan, pinned: Mapping[str, int]) -> None:
        """``pinned``: directive code → how many of the plan's goals are pinned to it (PlanView.pinned)."""
        made_of = _made_of(uncovered, unpinned, numbers, plan, pinned)
        same = self._shown is not None and self._shown[0] is policy and made_of == self._made_of
        self._shown, self._made_of = (policy, plan), made_of
        if same:  # e.g. a goal added to a directive that had goals: rebuilding the lists would repaint them for nothing
            return
        self.summary.setText(coverage_summary(policy, plan, pinned).text())
        self.print_button.setEnabled(True)
        self.directives.clear()
        self.goals.clear()
        self.directives_caption.setText(tr("部の方針も目標もない項目（{0}）").format(len(uncovered)))
        self.goals_caption.setText(tr("基本方針に関連付けていない目標（{0}）").format(len(unpinned)))
        self.note.setText(self._note(policy))
        for code in uncovered:
            directive = policy.directive(code)
            item = QListWidgetItem(tr("{0}　{1}").format(code, _clip(directive.text if directive else '')))
            item.setData(KIND_ROLE, "directive")
            item.setData(KEY_ROLE, code)
            item.setToolTip(directive.text if directive else code)
            self.directives.addItem(item)
        if not uncovered:
            self._placeholder(self.directives, tr("すべての項目に部の方針か目標があります。"))
        for goal in unpinned:
            title = first_line(goal.title) or tr("（無題）")
            item = QListWidgetItem(tr("目標{0}　{1}").format(number_of(numbers, goal), _clip(title)))
            item.setData(KIND_ROLE, "goal")
            item.setData(KEY_ROLE, goal.id)
            self.goals.addItem(item)
        if not unpinned:  # (numbers: every goal of the plan)
            self._placeholder(self.goals, tr("すべての目標が基本方針に関連付けられています。") if numbers
                              else tr("目標はまだありません。"))
        self._fit_rows(self.goals, GOAL_ROWS)

    @staticmethod
    def _fit_rows(view: QListWidget, most: int) -> None:
        """As tall as its rows (up to ``most``): the rest of the panel goes to the directives' list."""
        rows = max(1, min(most, view.count()))
        height = view.sizeHintForRow(0) if view.count() else view.fontMetrics().height() + 4
        view.setMaximumHeight(rows * height + 2 * view.frameWidth() + 2)

    @staticmethod
    def _note(policy: PolicyDocument) -> str:
        """Which sections are not counted: the procedural ones of this year's policy (section 5 in 令和6年度)."""
        procedural = "".join(tr("「{0}」").format(s.heading) for s in policy.sections if s.is_procedural)
        counted = tr("{0}は手続きの定めのため数えません。").format(procedural) if procedural else ""
        return counted + tr("クリックで該当箇所へ移動します。")

    @staticmethod
    def _placeholder(view: QListWidget, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        view.addItem(item)

    def print_sheet(self) -> None:
        from .coverage_sheet import print_sheet

        if self._shown is not None:
            print_sheet(self, *self._shown)

    def _activated(self, item: QListWidgetItem) -> None:
        kind, key = item.data(KIND_ROLE), item.data(KEY_ROLE)
        if kind == "directive":
            self.directiveActivated.emit(key)
        elif kind == "goal":
            self.goalActivated.emit(int(key))


class HitDelegate(QStyledItemDelegate):
    """Two lines per hit: where (bold), the field and how often the words occur in it; then the text
    around the first, every occurrence in it marked."""

    def __init__(self, hits: list, parent=None):
        super().__init__(parent)
        self.hits = hits

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        hit: SearchHit = self.hits[index.data(HIT_ROLE)]
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(4)
        color = option.palette.color(QPalette.ColorRole.HighlightedText if option.state & QStyle.StateFlag.State_Selected
                                     else QPalette.ColorRole.Text).name()
        doc.setHtml(f"<div style='color:{color}'><b>{html.escape(hit.location)}</b>"
                    f"<span>\u3000{html.escape(hit_field_text(hit))}</span><br>{marked_snippet(hit)}</div>")
        doc.setTextWidth(max(80, option.rect.width()))
        return doc

    def paint(self, painter, option, index):
        self.initStyleOption(option, index)
        option.text = ""
        option.widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        doc = self._document(option, index)
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        context = QAbstractTextDocumentLayout.PaintContext()
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index):
        self.initStyleOption(option, index)
        option.rect.setWidth(option.widget.viewport().width() if option.widget else 300)
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 2)


def hit_field_text(hit: SearchHit) -> str:
    """「スケジュール」, or 「スケジュール（3か所）」 when the words occur more than once in the field."""
    return hit.field + (tr("（{0}か所）").format(hit.count) if hit.count > 1 else "")


def marked_snippet(hit: SearchHit) -> str:
    """The snippet as HTML with every occurrence of the words in it marked."""
    parts, done = [], 0
    for start, end in hit.marks or (hit.match,):
        parts += [html.escape(hit.snippet[done:start]), "<b style='background:#fff2c6;color:#1f2328'>",
                  html.escape(hit.snippet[start:end]), "</b>"]
        done = end
    return "".join(parts) + html.escape(hit.snippet[done:])


class SearchPanel(QWidget):
    """Ctrl+F: directives, answers and goals of every year; Enter or a click jumps to a hit.

    A side tab the first screen does not show: its field and list are made when it is first
    shown or reached (start-up builds only what the user sees)."""

    hitActivated = Signal(object)  # SearchHit

    def __init__(self, index: SearchIndex, parent=None):
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self.index = index
        self.hits: list[SearchHit] = []
        self._parts: tuple[QLineEdit, QLabel, QListWidget] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.run)

    @property
    def field(self) -> QLineEdit:
        return self._built()[0]

    @property
    def status(self) -> QLabel:
        return self._built()[1]

    @property
    def results(self) -> QListWidget:
        return self._built()[2]

    def showEvent(self, event: QShowEvent) -> None:
        self._built()
        super().showEvent(event)

    def _built(self) -> tuple[QLineEdit, QLabel, QListWidget]:
        if self._parts is None:
            self._parts = self._build()
            if self.isVisible():  # made while being shown: at once, not a moment later
                self._parts[0].show()
                self._parts[2].show()
        return self._parts

    def _build(self) -> tuple[QLineEdit, QLabel, QListWidget]:
        layout = box_layout(self)
        field = QLineEdit()
        field.setPlaceholderText(tr("検索する語（例: 防災）　全角・半角は区別しません"))
        field.setClearButtonEnabled(True)
        field.setAccessibleName(tr("検索する語"))
        layout.addWidget(field)
        field.setToolTip(tr("基本方針と、すべての年度の部の方針・目標を検索します。"))
        status = QLabel()  # how many were found; hidden before a search (the field says what to type)
        set_look(status, "hintLabel")
        status.setWordWrap(True)
        status.hide()
        layout.addWidget(status)
        results = QListWidget()
        results.setAccessibleName(tr("検索結果"))
        results.setItemDelegate(HitDelegate(self.hits, results))
        results.setWordWrap(True)
        results.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        results.setResizeMode(QListWidget.ResizeMode.Adjust)
        results.setMinimumHeight(1)  # large text: the panel yields its height to the tree (searching, it is given more)
        layout.addWidget(results, 1)
        field.textChanged.connect(lambda _t: self._timer.start())
        field.returnPressed.connect(self._enter)
        results.itemActivated.connect(self._activated)
        results.itemClicked.connect(self._activated)
        return field, status, results

    def plan_changed(self) -> None:
        """The open plan was edited (replaced, undone, typed): its hits are searched again shortly, so the
        list does not offer words that are no longer there (or miss words that came back)."""
        if self._parts is not None and self.field.text().strip():
            self._timer.start()

    def focus_field(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def run(self) -> None:
        self._timer.stop()
        query = self.field.text()
        self.results.clear()
        self.hits.clear()
        self.status.setVisible(bool(query.strip()))
        if not query.strip():
            return
        hits, more = self.index.search(query)
        self.hits.extend(hits)
        for number, hit in enumerate(hits):
            item = QListWidgetItem()
            item.setData(HIT_ROLE, number)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{hit.location} {hit_field_text(hit)}: {hit.snippet}")
            item.setToolTip(hit.snippet)
            self.results.addItem(item)
        if not hits:
            self.status.setText(tr("「{0}」は見つかりませんでした。").format(query.strip()))
        elif more:
            self.status.setText(tr("{0}件を超える欄で見つかりました（新しい年度から{0}件を表示）。"
                                   "語を足すと絞り込めます（例: 「防災 訓練」）。").format(len(hits)))
        else:
            self.status.setText(tr("{0}件の欄で見つかりました（{1}か所）。Enter またはクリックで移動します。").format(
                len(hits), sum(hit.count for hit in hits)))

    def _enter(self) -> None:
        self.run()
        if self.results.count():
            self.results.setCurrentRow(0)
            self._activated(self.results.item(0))

    def _activated(self, item: QListWidgetItem) -> None:
        number = item.data(HIT_ROLE)
        if number is not None and number < len(self.hits):
            self.hitActivated.emit(self.hits[number])


def _made_of(uncovered: list[str], unpinned: list[Goal], numbers: dict[int, str], plan: Plan,
             counts: Mapping[str, int]) -> tuple:
    """All that the coverage panel's texts are made of (besides the policy itself): the codes pinned
    and answered (the summary), the uncovered codes, and the unpinned goals as listed."""
    pinned = {code for code, count in counts.items() if count}
    answered = {a.directive for a in plan.answers if a.text.strip()}
    goals = [(goal.id, number_of(numbers, goal), first_line(goal.title)) for goal in unpinned]
    return pinned, answered, list(uncovered), goals, bool(numbers)
