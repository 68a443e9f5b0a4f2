"""The main window's layout: the policy and the side panels on the left, the plan's cover and
answer above its goals on the right; splitter sizes and geometry kept between runs."""

from __future__ import annotations

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
from .plan_pane import AnswerPanel, PlanHeader
from .policy_tree import PolicyTree
from .settings import read_bytes, read_int, settings
from .side_panels import CoveragePanel, SearchPanel
from .widgets import fit_to_screen, heading, separator


def build_central(w) -> None:
    # left: the basic policy, then coverage / search
    w.tree = PolicyTree()
    w.policy_heading = heading(tr("市政運営の基本方針"))
    tree_box, tree_layout = _stacked(w.policy_heading, w.tree)
    screen_fit.build_link_mode(w, tree_layout)
    w.coverage = CoveragePanel()
    w.search_panel = SearchPanel(w.search_index)
    w.side_tabs = QTabWidget()
    w.side_tabs.setAccessibleName(tr("未対応の確認と検索"))
    w.side_tabs.setDocumentMode(True)
    w.side_tabs.addTab(w.coverage, tr("未対応の確認"))
    w.side_tabs.addTab(w.search_panel, tr("検索"))
    w.left_splitter = QSplitter(Qt.Orientation.Vertical)
    w.left_splitter.setObjectName("leftSplitter")
    w.left_splitter.addWidget(tree_box)
    w.left_splitter.addWidget(w.side_tabs)
    w.left_splitter.setStretchFactor(0, 3)
    w.left_splitter.setStretchFactor(1, 2)

    # right top: cover and the selected directive with the answer
    w.header = PlanHeader(w.hub)
    w.answer_panel = AnswerPanel(w.hub)
    document = QWidget()
    document.setObjectName("documentArea")
    doc_layout = QVBoxLayout(document)
    doc_layout.setContentsMargins(16, 10, 16, 12)
    doc_layout.setSpacing(10)
    doc_layout.addWidget(w.header)
    doc_layout.addWidget(separator())
    doc_layout.addWidget(w.answer_panel)
    doc_layout.addStretch(1)
    w.plan_heading = heading("")
    w.document_scroll = QScrollArea()
    w.document_scroll.setWidgetResizable(True)
    w.document_scroll.setFrameShape(QFrame.Shape.NoFrame)
    w.document_scroll.setWidget(document)
    w.document_scroll.setAccessibleName(tr("計画の表紙と部の方針"))
    screen_fit.fit_scroll_area(w.document_scroll)
    top, _layout = _stacked(w.plan_heading, _carry_bar(w), w.document_scroll)

    # right bottom: goals
    w.goal_list = GoalList()
    w.goal_editor = GoalEditor()
    for field in w.goal_editor.text_fields():
        w.hub.register(field)
    w.goals_heading = heading(tr("組織目標"))
    list_box, _layout = _stacked(w.goals_heading, w.goal_list)
    w.goal_scroll = QScrollArea()
    w.goal_scroll.setWidgetResizable(True)
    w.goal_scroll.setFrameShape(QFrame.Shape.StyledPanel)
    w.goal_scroll.setWidget(w.goal_editor)
    w.goal_scroll.setAccessibleName(tr("目標の内容の欄"))
    screen_fit.fit_scroll_area(w.goal_scroll)
    w.goals_splitter = QSplitter(Qt.Orientation.Horizontal)
    w.goals_splitter.setObjectName("goalsSplitter")
    w.goals_splitter.addWidget(list_box)
    w.goals_splitter.addWidget(w.goal_scroll)
    w.goals_splitter.setStretchFactor(0, 2)
    w.goals_splitter.setStretchFactor(1, 3)
    for action in (w.act_delete, w.act_move_up, w.act_move_down):
        w.goal_list.addAction(action)
    for action in (w.act_move_up, w.act_move_down):
        w.goal_scroll.addAction(action)

    w.right_splitter = QSplitter(Qt.Orientation.Vertical)
    w.right_splitter.setObjectName("rightSplitter")
    w.right_splitter.addWidget(top)
    w.right_splitter.addWidget(w.goals_splitter)
    w.right_splitter.setStretchFactor(0, 2)
    w.right_splitter.setStretchFactor(1, 3)

    w.main_splitter = QSplitter(Qt.Orientation.Horizontal)
    w.main_splitter.setObjectName("mainSplitter")
    w.main_splitter.addWidget(w.left_splitter)
    w.main_splitter.addWidget(w.right_splitter)
    w.main_splitter.setStretchFactor(0, 2)
    w.main_splitter.setStretchFactor(1, 5)
    for splitter in splitters(w).values():
        splitter.setChildrenCollapsible(False)
        splitter.setHandleWidth(6)
    w.setCentralWidget(w.main_splitter)


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


def _carry_bar(w) -> QWidget:
    """Offered on a plan without goals when the department has a plan of an earlier year."""
    bar = QFrame()
    bar.setObjectName("carryBar")
    layout = QHBoxLayout(bar)
    layout.setContentsMargins(10, 6, 10, 6)
    w.carry_label = QLabel()
    w.carry_label.setWordWrap(True)
    w.carry_button = QPushButton(tr("前年度の計画を引き継ぐ"))
    w.carry_button.setAccessibleName(tr("前年度の計画の目標と署名者を引き継ぐ"))
    w.carry_button.clicked.connect(w.carry_over_previous)
    layout.addWidget(w.carry_label, 1)
    layout.addWidget(w.carry_button)
    bar.setVisible(False)
    w.carry_bar = bar
    return bar

def build_status_bar(w) -> None:
    bar = w.statusBar()
    w.save_state = w.keeper.save_state
    w.coverage_state = QLabel("")
    w.coverage_state.setAccessibleName(tr("未対応の件数"))
    bar.addPermanentWidget(w.coverage_state)
    bar.addPermanentWidget(w.save_state)

def splitters(w) -> dict[str, QSplitter]:
    return {"main": w.main_splitter, "left": w.left_splitter, "right": w.right_splitter,
            "goals": w.goals_splitter}

def set_tab_order(w) -> None:
    screen_fit.tab_chain(w)  # reading order; again after each goal shown (its 担当課 boxes change)

def restore_layout(w) -> None:
    store = settings()
    geometry = read_bytes(store, "window/geometry")
    if geometry is None or not w.restoreGeometry(geometry):
        fit_to_screen(w, 1440, 920)
    state = read_bytes(store, "window/state")
    if state is not None:
        w.restoreState(state)
    restored = False
    for name, splitter in splitters(w).items():
        value = read_bytes(store, f"splitters/{name}")
        if value is not None and splitter.restoreState(value):
            restored = True
    if not restored:
        screen_fit.default_sizes(w)
    w.side_tabs.setCurrentIndex(read_int(store, "view/sideTab", 0) or 0)

def save_layout(w) -> None:
    if not w.remember:
        return
    store = settings()
    store.setValue("window/geometry", w.saveGeometry())
    store.setValue("window/state", w.saveState())
    for name, splitter in splitters(w).items():
        store.setValue(f"splitters/{name}", splitter.saveState())
    store.setValue("view/sideTab", w.side_tabs.currentIndex())
    if w.workspace.key is not None:
        store.setValue("plan/year", w.workspace.key[0])
        store.setValue("plan/department", w.workspace.key[1])
    store.sync()
