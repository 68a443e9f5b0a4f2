"""The main window's layout: the policy and the side panels on the left, the plan's cover and
answer above its goals on the right; splitter sizes and geometry kept between runs."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from . import screen_fit
from .goal_editor import GoalEditor
from .goal_list import GoalList
from .i18n import tr
from .link_mode import LinkBar, LinkMode
from .plan_pane import AnswerPanel, PlanHeader
from .policy_tree import PolicyTree
from .settings import read_bytes, read_int, settings
from .side_panels import CoveragePanel, SearchPanel
from .style import pad, set_look
from .widgets import fit_to_screen, heading, separator


class Panes(NamedTuple):  # the window's parts (a NamedTuple: see CONTRIBUTING, "records")
    """The window's panes and what other parts reach in them; built once by ``build_central``."""

    tree: PolicyTree
    policy_heading: QLabel
    link_bar: LinkBar
    link_mode: LinkMode
    coverage: CoveragePanel
    search_panel: SearchPanel
    side_tabs: QTabWidget
    left_splitter: QSplitter
    header: PlanHeader
    answer_panel: AnswerPanel
    plan_heading: QLabel
    document_scroll: QScrollArea
    carry_bar: QFrame  # offered on a plan without goals when the department has a plan of an earlier year
    carry_label: QLabel
    carry_button: QPushButton
    goal_list: GoalList
    goal_editor: GoalEditor
    goals_heading: QLabel
    goal_scroll: QScrollArea
    goals_splitter: QSplitter
    right_splitter: QSplitter
    main_splitter: QSplitter

    def splitters(self) -> dict[str, QSplitter]:
        return {"main": self.main_splitter, "left": self.left_splitter, "right": self.right_splitter,
                "goals": self.goals_splitter}


def build_central(w) -> Panes:
    # left: the basic policy, then coverage / search
    tree = PolicyTree()
    policy_heading = heading(tr("市政運営の基本方針"))
    tree_box, tree_layout = _stacked(policy_heading, tree)
    link_bar, link_mode = screen_fit.build_link_mode(w, tree, tree_layout)
    coverage = CoveragePanel()
    search_panel = SearchPanel(w.search_index)
    side_tabs = QTabWidget()
    side_tabs.setAccessibleName(tr("未対応の確認と検索"))
    side_tabs.setDocumentMode(True)
    side_tabs.addTab(coverage, tr("未対応の確認"))
    side_tabs.addTab(search_panel, tr("検索"))
    left_splitter = _splitter(Qt.Orientation.Vertical, "leftSplitter", tree_box, side_tabs, (3, 2))

    # right top: cover and the selected directive with the answer
    header = PlanHeader(w.hub)
    answer_panel = AnswerPanel(w.hub)
    document = QWidget()
    set_look(document, "documentArea")
    doc_layout = QVBoxLayout(document)
    doc_layout.setContentsMargins(16, 10, 16, 12)
    doc_layout.setSpacing(10)
    doc_layout.addWidget(header)
    doc_layout.addWidget(separator())
    doc_layout.addWidget(answer_panel)
    doc_layout.addStretch(1)
    plan_heading = heading("")
    document_scroll = _scroll(document, QFrame.Shape.NoFrame, tr("計画の表紙と部の方針"))
    carry_bar, carry_label, carry_button = _carry_bar(w)
    top, _layout = _stacked(plan_heading, carry_bar, document_scroll)

    # right bottom: goals
    goal_list = GoalList()
    goal_editor = GoalEditor()
    for field in goal_editor.text_fields():
        w.hub.register(field)
    goals_heading = heading(tr("組織目標"))
    list_box, _layout = _stacked(goals_heading, goal_list)
    goal_scroll = _scroll(goal_editor, QFrame.Shape.StyledPanel, tr("目標の内容の欄"))
    goals_splitter = _splitter(Qt.Orientation.Horizontal, "goalsSplitter", list_box, goal_scroll, (2, 3))
    right_splitter = _splitter(Qt.Orientation.Vertical, "rightSplitter", top, goals_splitter, (2, 3))
    main_splitter = _splitter(Qt.Orientation.Horizontal, "mainSplitter", left_splitter, right_splitter, (2, 5))
    w.setCentralWidget(main_splitter)
    return Panes(tree, policy_heading, link_bar, link_mode, coverage, search_panel, side_tabs, left_splitter, header,
                 answer_panel, plan_heading, document_scroll, carry_bar, carry_label, carry_button, goal_list,
                 goal_editor, goals_heading, goal_scroll, goals_splitter, right_splitter, main_splitter)


def add_goal_keys(panes: Panes, actions) -> None:
    """Delete and move up/down where the goals are: the list, and the form (moving only)."""
    for action in (actions.delete, actions.move_up, actions.move_down):
        panes.goal_list.addAction(action)
    for action in (actions.move_up, actions.move_down):
        panes.goal_scroll.addAction(action)


def _splitter(orientation: Qt.Orientation, name: str, first: QWidget, second: QWidget,
              stretch: tuple[int, int]) -> QSplitter:
    splitter = QSplitter(orientation)
    splitter.setObjectName(name)
    splitter.addWidget(first)
    splitter.addWidget(second)
    splitter.setStretchFactor(0, stretch[0])
    splitter.setStretchFactor(1, stretch[1])
    splitter.setChildrenCollapsible(False)
    splitter.setHandleWidth(6)
    return splitter


def _scroll(widget: QWidget, frame: QFrame.Shape, name: str) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(frame)
    scroll.setWidget(widget)
    scroll.setAccessibleName(name)
    screen_fit.fit_scroll_area(scroll)
    return scroll


def _stacked(*widgets: QWidget) -> tuple[QWidget, QVBoxLayout]:
    """The widgets one under another without margins; the last takes the room left."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    for widget in widgets[:-1]:
        layout.addWidget(widget)
    layout.addWidget(widgets[-1], 1)
    return box, layout


def _carry_bar(w) -> tuple[QFrame, QLabel, QPushButton]:
    """Offered on a plan without goals when the department has a plan of an earlier year."""
    bar = QFrame()
    set_look(bar, "carryBar")
    layout = QHBoxLayout(bar)
    layout.setContentsMargins(10, 6, 10, 6)
    label = QLabel()
    label.setWordWrap(True)
    button = QPushButton(tr("前年度の計画を引き継ぐ"))
    button.setAccessibleName(tr("前年度の計画の目標と署名者を引き継ぐ"))
    button.clicked.connect(w.carry_over_previous)
    layout.addWidget(label, 1)
    layout.addWidget(button)
    bar.setVisible(False)
    return bar, label, button


def build_status_bar(w) -> QLabel:
    """The status bar's permanent parts: how much is still uncovered, and whether what was typed is saved."""
    bar = w.statusBar()
    coverage_state = QLabel("")
    coverage_state.setAccessibleName(tr("未対応の件数"))
    for label in (coverage_state, w.keeper.save_state):
        pad(label, 8, 0, 8, 0)
        bar.addPermanentWidget(label)
    return coverage_state


def restore_layout(w) -> None:
    store = settings()
    geometry = read_bytes(store, "window/geometry")
    if geometry is None or not w.restoreGeometry(geometry):
        fit_to_screen(w, 1440, 920)
    state = read_bytes(store, "window/state")
    if state is not None:
        w.restoreState(state)
    restored = False
    for name, splitter in w.panes.splitters().items():
        value = read_bytes(store, f"splitters/{name}")
        if value is not None and splitter.restoreState(value):
            restored = True
    if not restored:
        screen_fit.default_sizes(w)
    w.panes.side_tabs.setCurrentIndex(read_int(store, "view/sideTab", 0) or 0)

def save_layout(w) -> None:
    if not w.remember:
        return
    store = settings()
    store.setValue("window/geometry", w.saveGeometry())
    store.setValue("window/state", w.saveState())
    for name, splitter in w.panes.splitters().items():
        store.setValue(f"splitters/{name}", splitter.saveState())
    store.setValue("view/sideTab", w.panes.side_tabs.currentIndex())
    if w.workspace.key is not None:
        store.setValue("plan/year", w.workspace.key[0])
        store.setValue("plan/department", w.workspace.key[1])
    store.sync()
