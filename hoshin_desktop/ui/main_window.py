"""The main window: the basic policy on the left, the department's plan on the right.

The window owns no data. It shows ``self.editor.plan`` (a services.session.PlanEditor) and
sends every change to the editor: typing through PendingEdits (written a moment after the
last keystroke), everything else at once. After any change it re-shows the plan from the
editor, so what is on screen is always what is in the database.
"""

from __future__ import annotations

import copy
import importlib
from datetime import datetime
from functools import partial
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..domain.models import Plan
from ..domain.plan_template import default_preamble
from ..domain.text import TextTooLong
from ..domain.wareki import fiscal_year_label
from ..services.search import SearchHit, SearchIndex, goal_numbers
from ..services.session import PlanEditor, Session
from ..storage.errors import StorageError
from . import alerts, first_run, replace_dialog, screen_fit
from .autosave import PendingEdits
from .goal_editor import GoalEditor
from .goal_list import GoalList, first_line
from .plan_pane import AnswerPanel, FieldHub, PlanHeader
from .long_text import edit_large
from .policy_tree import PolicyTree
from .reveal import FieldMarker, show_hit
from .settings import read_bytes, read_int, settings
from .side_panels import CoveragePanel, SearchPanel
from .text_size import TextSize
from .widgets import EDIT_FIELDS, heading, repolish, separator
from .year_cycle_actions import YearCycleActions
from .i18n import tr

WINDOW_TITLE = "部の運営方針・組織目標 作成ツール"
ACTIVATION_POLL_MS = 1000
BACKUP_INTERVAL_MS = 5 * 60 * 1000  # a rotating backup every five minutes while the plan is being edited
SPLITTERS = ("main", "left", "right", "goals")

STYLE_SHEET = """
#paneHeading { font-weight: bold; color: #1d3557; padding: 6px 8px 4px 8px; }
#fieldCaption { font-weight: bold; color: #2f343b; }
#hintLabel, #countLabel, #summaryLabel { color: #676c74; }
#directiveHeading { font-weight: bold; color: #1d3557; }
#directiveText { background: #f7f4ec; border: 1px solid #e4ddca; border-left: 4px solid #b89b52;
                 padding: 8px 10px; color: #1f2328; }
#directiveText[placeholder="true"] { background: transparent; border: 1px dashed #c9cdd3; color: #676c74; }
#goalHeading { font-weight: bold; color: #1d3557; }
#pinsLabel { color: #1d4a7a; font-weight: bold; }
#pinsLabel[empty="true"] { color: #a33a2a; font-weight: normal; }
#warekiLabel { color: #2f343b; }
QPushButton#linkButton { color: #1f5fa8; border: none; padding: 2px 4px; text-align: left; }
QPushButton#linkButton:hover { text-decoration: underline; }
QPushButton#linkButton:focus { border: 1px dotted #1f5fa8; }
#documentArea, #goalForm, #emptyPage { background: palette(base); }
#emptyLabel { color: #676c74; }
QFrame#carryBar { background: #eef4fb; border: 1px solid #c9daf0; border-radius: 3px; margin: 4px 8px; }
QFrame#separator { border: none; border-top: 1px solid #d9dce0; max-height: 1px; }
QToolButton#foldButton { border: none; font-weight: bold; color: #1d3557; padding: 2px; }
QToolBar#mainToolBar { spacing: 4px; padding: 3px 6px; }
QToolBar#mainToolBar QLabel { padding: 0 2px 0 8px; }
QStatusBar QLabel { padding: 0 8px; }
QStatusBar QLabel#saveState[state="failed"] { color: #b3261e; font-weight: bold; }
"""


class MainWindow(QMainWindow):
    def __init__(self, session: Session, *, remember: bool = True):
        super().__init__()
        self.session = session
        self.remember = remember  # False in --exit-after-startup: leave the user's settings alone
        self.editor: PlanEditor | None = None
        self._editors: dict[tuple[int, str], PlanEditor] = {}
        self._goal_id: int | None = None
        self._help = None
        self.mapping_dialog = None  # 基本方針の対応表, not modal
        self._save_error_shown = False
        self._policy_year: int | None = None
        self.search_index = SearchIndex(session)
        self.pending = PendingEdits(self)
        self.hub = FieldHub(self)
        self.marker = FieldMarker()  # the word a search or replace found
        self.replace_dialog = None
        self.text_size = TextSize(self, remember=remember)
        self.setObjectName("mainWindow")
        self.setAccessibleName(WINDOW_TITLE)
        self.setStyleSheet(STYLE_SHEET)
        self._edited_since_backup = False
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_INTERVAL_MS)
        self.backup_timer.timeout.connect(self._periodic_backup)
        self.backup_timer.start()
        self.activation_timer = QTimer(self)  # a second start of the app asks this window forward
        self.activation_timer.setInterval(ACTIVATION_POLL_MS)
        self.activation_timer.timeout.connect(self._come_forward_if_asked)
        self.activation_timer.start()
        # Windows logoff or shutdown ends the app without closing the window: save first.
        QGuiApplication.instance().commitDataRequest.connect(self._save_for_logoff)
        self._build_actions()
        self._build_menus()
        from .collection_actions import install as install_collection  # the planning office's menu items
        self.collection = install_collection(self)
        self._build_central()
        self._build_toolbar()
        self._build_status_bar()
        self._wire()
        self._set_tab_order()
        self._restore_layout()
        self.year_cycle = YearCycleActions(self)  # 面談・評価: interview, instructions, reviews, 確定
        self._open_initial_plan()

    # ======================================================================================
    # building
    # ======================================================================================

    def _action(self, text: str, slot, shortcut=None, *, tip: str = "", context=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if context is not None:
            action.setShortcutContext(context)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.act_export_docx = a(tr("Word文書として書き出し…"), partial(self._export, "export_docx"), "Ctrl+E",
                                 tip=tr("この計画を市の提出様式の Word 文書（.docx）に書き出します"))
        self.act_export_all = a(tr("すべての部をWord文書に書き出し…"), self._export_all,
                                tip=tr("この年度のすべての部の計画を Word 文書に書き出します"))
        self.act_export_pdf = a(tr("PDFとして書き出し…"), partial(self._export, "export_pdf"), tip=tr("この計画を PDF に書き出します"))
        self.act_preview = a(tr("印刷プレビュー…"), partial(self._export, "print_preview"), tip=tr("印刷したときの見た目を確かめます"))
        self.act_print = a(tr("印刷…"), partial(self._export, "print_plan"), "Ctrl+P", tip=tr("この計画を印刷します"))
        self.act_export_file = a(tr("計画ファイルの書き出し…"), partial(self._export, "export_plan_file"),
                                 tip=tr("政策経営課とのやり取りに使う計画ファイルを書き出します"))
        self.act_import_file = a(tr("計画ファイルの取り込み…"), self._import_plan_file,
                                 tip=tr("計画ファイルを取り込みます"))
        self.act_import_policy = a(tr("基本方針の取り込み…"), self._import_policy,
                                   tip=tr("新しい年度の市政運営の基本方針（テキストまたは Word 文書）を取り込みます"))
        self.act_quit = a(tr("終了"), self.close, "Ctrl+Q")

        self.act_undo = a(tr("元に戻す"), self.undo, ["Ctrl+Z"])
        self.act_redo = a(tr("やり直し"), self.redo, ["Ctrl+Y", "Ctrl+Shift+Z"])
        self.act_find = a(tr("検索…"), self.show_search, "Ctrl+F", tip=tr("基本方針と、すべての年度の部の方針・目標を検索します"))
        self.act_replace = a(tr("置換…"), partial(replace_dialog.open_for, self), "Ctrl+H",
                             tip=tr("この計画の中の語をまとめて置き換えます（置き換わる箇所を先に確かめられます）"))
        self.act_large = a(tr("大きな画面で編集…"), self.edit_in_large, "F2",
                           tip=tr("入力中の欄を大きな画面で編集します"))
        self.act_sections = a(tr("この部の課の一覧を編集…"), self.edit_sections, tip=tr("担当課として選べる課の一覧を編集します"))
        self.act_departments = a(tr("この年度の部の一覧を編集…"), self.edit_departments,
                                 tip=tr("組織改正に合わせて、この年度の部の一覧を編集します"))

        goals_context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.act_add_goal = a(tr("目標を追加"), self.add_goal, "Ctrl+N", tip=tr("選んでいる目標の次に新しい目標を追加します（Ctrl+N）"))
        self.act_add_child = a(tr("課の目標を追加"), self.add_child_goal, "Ctrl+Shift+N",
                               tip=tr("選んでいる部の目標の下に課の目標を追加します（Ctrl+Shift+N）"))
        self.act_duplicate = a(tr("目標を複製"), self.duplicate_goal, "Ctrl+D", tip=tr("選んでいる目標を複製します（Ctrl+D）"))
        self.act_delete = a(tr("目標を削除"), self.delete_goal, "Delete", context=goals_context,
                            tip=tr("選んでいる目標を削除します（元に戻す Ctrl+Z で取り消せます）"))
        self.act_move_up = a(tr("上へ移動"), partial(self.move_goal, -1), "Alt+Up", context=goals_context,
                             tip=tr("選んでいる目標を1つ上へ移動します（Alt+↑）"))
        self.act_move_down = a(tr("下へ移動"), partial(self.move_goal, 1), "Alt+Down", context=goals_context,
                               tip=tr("選んでいる目標を1つ下へ移動します（Alt+↓）"))

        self.act_policy_mapping = a(tr("基本方針の対応表…"), self.show_policy_mapping,
                                    tip=tr("前年度の基本方針の各項目が今年度のどの項目に引き継がれたかを確認・訂正します"))
        self.act_coverage = a(tr("未対応の確認"), self.show_coverage, "Ctrl+Shift+K",
                              tip=tr("部の方針も目標もない項目と、関連付けていない目標を表示します"))
        self.act_fold_header = a(tr("表紙の欄を表示"), self._toggle_header)
        self.act_fold_header.setCheckable(True)
        self.act_help = a(tr("使い方"), self.show_help, "F1")
        self.act_welcome = a(tr("はじめに…"), self.show_welcome, tip=tr("あなたの部と、作成の4つの手順"))
        self.act_about = a(tr("このアプリについて"), self.show_about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(tr("ファイル(&F)"))
        for action in (self.act_export_docx, self.act_export_all, self.act_export_pdf, None, self.act_preview,
                       self.act_print, None, self.act_export_file, self.act_import_file, None, self.act_import_policy, None, self.act_quit):
            file_menu.addSeparator() if action is None else file_menu.addAction(action)
        edit_menu = bar.addMenu(tr("編集(&E)"))
        for action in (self.act_undo, self.act_redo, None, self.act_find, self.act_replace, self.act_large, None,
                       self.act_sections, self.act_departments):
            edit_menu.addSeparator() if action is None else edit_menu.addAction(action)
        goal_menu = bar.addMenu(tr("目標(&G)"))
        for action in (self.act_add_goal, self.act_add_child, self.act_duplicate, None, self.act_move_up,
                       self.act_move_down, None, self.act_delete):
            goal_menu.addSeparator() if action is None else goal_menu.addAction(action)
        view_menu = bar.addMenu(tr("表示(&V)"))
        view_menu.addAction(self.act_fold_header)
        view_menu.addAction(self.act_coverage)
        view_menu.addAction(self.act_policy_mapping)
        view_menu.addAction(self.act_find)
        view_menu.addSeparator()
        size_menu = view_menu.addMenu(tr("文字の大きさ(&Z)"))
        size_menu.addActions(self.text_size.actions())
        self.goal_menu, self.view_menu = goal_menu, view_menu
        help_menu = bar.addMenu(tr("ヘルプ(&H)"))
        help_menu.addAction(self.act_welcome)
        help_menu.addAction(self.act_help)
        help_menu.addAction(self.act_about)
        self.edit_menu = edit_menu
        edit_menu.aboutToShow.connect(self._update_undo_actions)

    def _build_toolbar(self) -> None:
        bar = QToolBar(tr("計画の選択と操作"))
        bar.setObjectName("mainToolBar")
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.setIconSize(QSize(16, 16))
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        year_label = QLabel(tr("年度"))
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName(tr("年度"))
        self.year_combo.setMinimumContentsLength(8)
        year_label.setBuddy(self.year_combo)
        dept_label = QLabel(tr("部"))
        self.dept_combo = QComboBox()
        self.dept_combo.setAccessibleName(tr("部"))
        self.dept_combo.setMinimumContentsLength(12)
        self.dept_combo.setMaxVisibleItems(20)
        dept_label.setBuddy(self.dept_combo)
        for widget in (year_label, self.year_combo, dept_label, self.dept_combo):
            bar.addWidget(widget)
        bar.addSeparator()
        for action in (self.act_add_goal, self.act_add_child, self.act_duplicate, self.act_delete,
                       self.act_move_up, self.act_move_down):
            bar.addAction(action)
        bar.addSeparator()
        self.tool_undo = QAction(tr("元に戻す"), self)
        self.tool_undo.triggered.connect(lambda _c=False: self.undo())
        self.tool_redo = QAction(tr("やり直し"), self)
        self.tool_redo.triggered.connect(lambda _c=False: self.redo())
        bar.addAction(self.tool_undo)
        bar.addAction(self.tool_redo)
        bar.addSeparator()
        bar.addAction(self.act_find)
        self.tool_export = QAction(tr("Word に書き出し"), self)
        self.tool_export.setToolTip(tr("この計画を Word 文書に書き出します（Ctrl+E）"))
        self.tool_export.triggered.connect(lambda _c=False: self.act_export_docx.trigger())
        bar.addAction(self.tool_export)
        for button in bar.findChildren(QWidget):
            if hasattr(button, "defaultAction") and button.defaultAction() is not None:
                action = button.defaultAction()
                button.setAccessibleName(action.text().replace("…", ""))
        self.toolbar = bar

    def _build_central(self) -> None:
        # left: the basic policy, then coverage / search
        self.tree = PolicyTree()
        self.policy_heading = heading(tr("市政運営の基本方針"))
        tree_box = QWidget()
        tree_layout = QVBoxLayout(tree_box)
        tree_layout.setContentsMargins(0, 0, 0, 0)
        tree_layout.setSpacing(0)
        tree_layout.addWidget(self.policy_heading)
        tree_layout.addWidget(self.tree, 1)
        screen_fit.build_link_mode(self, tree_layout)
        self.coverage = CoveragePanel()
        self.search_panel = SearchPanel(self.search_index)
        self.side_tabs = QTabWidget()
        self.side_tabs.setAccessibleName(tr("未対応の確認と検索"))
        self.side_tabs.setDocumentMode(True)
        self.side_tabs.addTab(self.coverage, tr("未対応の確認"))
        self.side_tabs.addTab(self.search_panel, tr("検索"))
        self.left_splitter = QSplitter(Qt.Orientation.Vertical)
        self.left_splitter.setObjectName("leftSplitter")
        self.left_splitter.addWidget(tree_box)
        self.left_splitter.addWidget(self.side_tabs)
        self.left_splitter.setStretchFactor(0, 3)
        self.left_splitter.setStretchFactor(1, 2)

        # right top: cover and the selected directive with the answer
        self.header = PlanHeader(self.hub)
        self.answer_panel = AnswerPanel(self.hub)
        document = QWidget()
        document.setObjectName("documentArea")
        doc_layout = QVBoxLayout(document)
        doc_layout.setContentsMargins(16, 10, 16, 12)
        doc_layout.setSpacing(10)
        doc_layout.addWidget(self.header)
        doc_layout.addWidget(separator())
        doc_layout.addWidget(self.answer_panel)
        doc_layout.addStretch(1)
        self.plan_heading = heading("")
        self.document_scroll = QScrollArea()
        self.document_scroll.setWidgetResizable(True)
        self.document_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.document_scroll.setWidget(document)
        self.document_scroll.setAccessibleName(tr("計画の表紙と部の方針"))
        screen_fit.fit_scroll_area(self.document_scroll)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(0)
        top_layout.addWidget(self.plan_heading)
        top_layout.addWidget(self._build_carry_bar())
        top_layout.addWidget(self.document_scroll, 1)

        # right bottom: goals
        self.goal_list = GoalList()
        self.goal_editor = GoalEditor()
        for field in self.goal_editor.text_fields():
            self.hub.register(field)
        self.goals_heading = heading(tr("組織目標"))
        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.setSpacing(0)
        list_layout.addWidget(self.goals_heading)
        list_layout.addWidget(self.goal_list, 1)
        self.goal_scroll = QScrollArea()
        self.goal_scroll.setWidgetResizable(True)
        self.goal_scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.goal_scroll.setWidget(self.goal_editor)
        self.goal_scroll.setAccessibleName(tr("目標の内容の欄"))
        screen_fit.fit_scroll_area(self.goal_scroll)
        self.goals_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.goals_splitter.setObjectName("goalsSplitter")
        self.goals_splitter.addWidget(list_box)
        self.goals_splitter.addWidget(self.goal_scroll)
        self.goals_splitter.setStretchFactor(0, 2)
        self.goals_splitter.setStretchFactor(1, 3)
        for action in (self.act_delete, self.act_move_up, self.act_move_down):
            self.goal_list.addAction(action)
        for action in (self.act_move_up, self.act_move_down):
            self.goal_scroll.addAction(action)

        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.setObjectName("rightSplitter")
        self.right_splitter.addWidget(top)
        self.right_splitter.addWidget(self.goals_splitter)
        self.right_splitter.setStretchFactor(0, 2)
        self.right_splitter.setStretchFactor(1, 3)

        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.left_splitter)
        self.main_splitter.addWidget(self.right_splitter)
        self.main_splitter.setStretchFactor(0, 2)
        self.main_splitter.setStretchFactor(1, 5)
        for splitter in self._splitters().values():
            splitter.setChildrenCollapsible(False)
            splitter.setHandleWidth(6)
        self.setCentralWidget(self.main_splitter)

    def _build_carry_bar(self) -> QWidget:
        """Offered on a plan without goals when the department has a plan of an earlier year."""
        bar = QFrame()
        bar.setObjectName("carryBar")
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(10, 6, 10, 6)
        self.carry_label = QLabel()
        self.carry_label.setWordWrap(True)
        self.carry_button = QPushButton(tr("前年度の計画を引き継ぐ"))
        self.carry_button.setAccessibleName(tr("前年度の計画の目標と署名者を引き継ぐ"))
        self.carry_button.clicked.connect(self.carry_over_previous)
        layout.addWidget(self.carry_label, 1)
        layout.addWidget(self.carry_button)
        bar.setVisible(False)
        self.carry_bar = bar
        self._previous: Plan | None = None
        return bar

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.save_state = QLabel(tr("入力は自動で保存されます"))
        self.save_state.setObjectName("saveState")
        self.save_state.setAccessibleName(tr("保存の状態"))
        self.coverage_state = QLabel("")
        self.coverage_state.setAccessibleName(tr("未対応の件数"))
        bar.addPermanentWidget(self.coverage_state)
        bar.addPermanentWidget(self.save_state)

    def _splitters(self) -> dict[str, QSplitter]:
        return {"main": self.main_splitter, "left": self.left_splitter, "right": self.right_splitter,
                "goals": self.goals_splitter}

    def _wire(self) -> None:
        self.year_combo.activated.connect(self._year_chosen)
        self.dept_combo.activated.connect(self._department_chosen)
        self.tree.directiveSelected.connect(self._directive_selected)
        self.tree.sectionSelected.connect(self._section_selected)
        self.tree.pinToggled.connect(self._pin_toggled)
        self.goal_list.currentGoalChanged.connect(self._goal_selected)
        self.goal_list.directiveDropped.connect(self._directive_dropped)
        self.goal_editor.fieldEdited.connect(self._goal_field_edited)
        self.goal_editor.sectionsChanged.connect(self._owner_sections_changed)
        self.goal_editor.parentChanged.connect(self._goal_parent_changed)
        self.goal_editor.addGoalRequested.connect(self.add_goal)
        self.goal_editor.editSectionsRequested.connect(self.edit_sections)
        self.header.dateEdited.connect(self._date_edited)
        self.header.revisionEdited.connect(self._revision_edited)
        self.header.signersEdited.connect(self._signers_edited)
        self.header.preambleEdited.connect(self._preamble_edited)
        self.header.resetPreambleRequested.connect(self._reset_preamble)
        self.header.foldedChanged.connect(lambda folded: self.act_fold_header.setChecked(not folded))
        self.answer_panel.answerEdited.connect(self._answer_edited)
        self.answer_panel.goalLinkActivated.connect(self.select_goal)
        self.coverage.directiveActivated.connect(self.jump_to_directive)
        self.coverage.goalActivated.connect(self.select_goal)
        self.search_panel.hitActivated.connect(self.jump_to_hit)
        self.goal_editor.linkRequested.connect(lambda: self.link_mode.action.setChecked(True))
        self.header.toggle.clicked.connect(lambda on: screen_fit.remember_cover(self, on))
        self.side_tabs.currentChanged.connect(lambda index: screen_fit.side_tab_changed(self, index))
        self.pane_cycle = screen_fit.panes(self)
        self.goal_menu.insertAction(self.goal_menu.actions()[4], self.link_mode.action)
        self.view_menu.addSeparator()
        self.view_menu.addActions([self.pane_cycle.next, self.pane_cycle.previous])
        self.hub.left.connect(self._field_left)
        self.hub.typingUndoChanged.connect(self._update_undo_actions)
        self.pending.saved.connect(self._after_typing_saved)
        self.pending.failed.connect(self._save_failed)
        self.pending.rejected.connect(self._edit_rejected)
        self.pending.pendingChanged.connect(self._pending_changed)
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._focus_changed)

    def _set_tab_order(self) -> None:
        screen_fit.tab_chain(self)

    # ======================================================================================
    # settings
    # ======================================================================================

    def _restore_layout(self) -> None:
        store = settings()
        geometry = read_bytes(store, "window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            screen = QGuiApplication.primaryScreen()
            available = screen.availableGeometry() if screen else None
            width = min(1440, available.width() - 40) if available else 1440
            height = min(920, available.height() - 40) if available else 920
            self.resize(width, height)
        state = read_bytes(store, "window/state")
        if state is not None:
            self.restoreState(state)
        restored = False
        for name, splitter in self._splitters().items():
            value = read_bytes(store, f"splitters/{name}")
            if value is not None and splitter.restoreState(value):
                restored = True
        if not restored:
            screen_fit.default_sizes(self)
        self.side_tabs.setCurrentIndex(read_int(store, "view/sideTab", 0) or 0)

    def save_layout(self) -> None:
        if not self.remember:
            return
        store = settings()
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue("window/state", self.saveState())
        for name, splitter in self._splitters().items():
            store.setValue(f"splitters/{name}", splitter.saveState())
        store.setValue("view/sideTab", self.side_tabs.currentIndex())
        if self.editor is not None:
            store.setValue("plan/year", self.editor.plan.fiscal_year)
            store.setValue("plan/department", self.editor.plan.department)
        store.sync()

    # ======================================================================================
    # choosing the plan
    # ======================================================================================

    def _open_initial_plan(self) -> None:
        years = self.session.fiscal_years()
        if not years:
            alerts.error(self, tr("基本方針がありません"), tr("基本方針のデータが見つかりません。アプリを入れ直してください。"))
            return
        store = settings()
        year = read_int(store, "plan/year")
        year = year if year in years else years[-1]
        department = store.value("plan/department") or store.value(first_run.DEPARTMENT_KEY)
        names = [d.name for d in self.session.departments(year)]
        if self.remember and first_run.needed(store) and names:
            department = first_run.ask(self, names, department, store) or department
        department = department if department in names else (names[0] if names else None)
        self._fill_years(years, year)
        self._fill_departments(year, department)
        if department is not None:
            self.open_plan(year, department)

    def _fill_years(self, years: list[int], current: int) -> None:
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in years:
            self.year_combo.addItem(fiscal_year_label(year), year)
        self.year_combo.setCurrentIndex(self.year_combo.findData(current))
        self.year_combo.blockSignals(False)

    def _fill_departments(self, year: int, current: str | None) -> None:
        self.dept_combo.blockSignals(True)
        self.dept_combo.clear()
        stored = {name for _y, name, _id in self.session.plan_keys(year)}
        for department in self.session.departments(year):
            self.dept_combo.addItem(department.name, department.name)
            index = self.dept_combo.count() - 1
            self.dept_combo.setItemData(index, tr("作成中の計画があります") if department.name in stored else tr("未作成"),
                                        Qt.ItemDataRole.ToolTipRole)
        index = self.dept_combo.findData(current) if current else -1
        self.dept_combo.setCurrentIndex(max(0, index))
        self.dept_combo.blockSignals(False)

    def _year_chosen(self, _index: int) -> None:
        year = self.year_combo.currentData()
        department = self.editor.plan.department if self.editor else None
        names = [d.name for d in self.session.departments(year)]
        if department not in names:
            department = names[0] if names else None
        self._fill_departments(year, department)
        if department is not None:
            self.open_plan(year, department)

    def _department_chosen(self, _index: int) -> None:
        self.open_plan(self.year_combo.currentData(), self.dept_combo.currentData())

    def open_plan(self, year: int, department: str) -> None:
        """Show the plan of ``department`` in ``year`` (a new plan is stored on its first edit)."""
        if self.editor is not None and (self.editor.plan.fiscal_year, self.editor.plan.department) == (year, department):
            return
        self.commit_edits()
        key = (year, department)
        if key not in self._editors:
            self._editors[key] = self.session.editor(year, department)
        self.editor = self._editors[key]
        if self.year_combo.currentData() != year:
            self._fill_years(self.session.fiscal_years(), year)
        if self.dept_combo.currentData() != department:
            self._fill_departments(year, department)
        if self._policy_year != year:
            self.tree.show_policy(self.editor.policy)
            self._policy_year = year
            self.policy_heading.setText(tr("{0} 市政運営の基本方針").format(fiscal_year_label(year)))
        self._goal_id = None
        self._previous = self.session.previous_plan(year, department) if not self.editor.plan.goals else None
        if self._previous is not None:
            self.carry_label.setText(tr("{0}の{1}の計画（目標{2}件）があります。目標と署名者を引き継いで始められます。"
                                        "基本方針の文言が変わった項目の関連付けは、引き継いだあとで付け直します。").format(
                fiscal_year_label(self._previous.fiscal_year), department, len(self._previous.goals)))
        self.plan_heading.setText(tr("{0}　{1}の運営方針・組織目標").format(fiscal_year_label(year), department))
        self.setWindowTitle(f"{fiscal_year_label(year)} {department} — {WINDOW_TITLE}")
        self.header.set_open(screen_fit.cover_open(self.editor.plan, self.remember))
        code = self.tree.current_code()
        if code is None:
            first = next((d.code for d in self.editor.policy.directives), None)
            if first:
                self.tree.select_directive(first)
        self.refresh()
        goals = self.editor.plan.goals
        self.goal_list.select_goal(goals[0].id if goals else None)
        if self.remember:
            store = settings()
            store.setValue("plan/year", year)
            store.setValue("plan/department", department)

    def reload_from_session(self, year: int | None = None, department: str | None = None) -> None:
        """Re-read plans after something outside this window changed them (an import, say)."""
        self.commit_edits()
        current = (self.editor.plan.fiscal_year, self.editor.plan.department) if self.editor else None
        target = (year, department) if year is not None and department is not None else current
        self._editors.clear()
        self.editor = None
        self._policy_year = None
        self.search_index.invalidate()
        if target is not None:
            self._fill_years(self.session.fiscal_years(), target[0])
            self._fill_departments(target[0], target[1])
            self.open_plan(*target)

    # ======================================================================================
    # showing the plan
    # ======================================================================================

    def refresh(self) -> None:
        """Show ``self.editor.plan`` everywhere (cheap: a plan is a few dozen rows)."""
        if self.editor is None:
            return
        plan = self.editor.plan
        numbers = goal_numbers(plan)
        self.header.show_plan(plan)
        self.tree.show_status(plan)
        self.goal_list.show_plan(plan)
        self.carry_bar.setVisible(self._previous is not None and not plan.goals)
        self.goals_heading.setText(tr("組織目標（{0}件）").format(len(plan.goals)))
        goal = plan.goal(self._goal_id) if self._goal_id is not None else None
        if goal is None and self._goal_id is not None:
            self._goal_id = None
            self.goal_list.select_goal(None)
        self._show_goal(goal, plan, numbers)
        if self.answer_panel.code is not None:
            self.answer_panel.show_directive(self.editor.policy, self.answer_panel.code, plan, numbers)
        self.goal_list.highlight_directive(self.tree.current_code())
        uncovered = self.editor.uncovered_directives()
        unpinned = self.editor.unpinned_goals()
        self.coverage.show_coverage(self.editor.policy, uncovered, unpinned, numbers)
        self.side_tabs.setTabText(0, tr("未対応の確認（{0}）").format(len(uncovered) + len(unpinned)))
        self.coverage_state.setText(tr("部の方針も目標もない項目 {0}件　関連付けのない目標 {1}件").format(len(uncovered), len(unpinned)))
        if plan.id is not None:
            self.search_index.update_plan(plan)
        self._update_actions()
        self.year_cycle.plan_shown(plan)

    def _show_goal(self, goal, plan: Plan, numbers) -> None:
        if goal is None:
            self.goal_editor.show_empty(has_goals=bool(plan.goals))
            self.link_mode.show_goal(None)
        else:
            self.goal_editor.show_goal(goal, plan, self.editor.department, numbers)
            self.link_mode.show_goal(goal, numbers.get(goal.id, ""))
        screen_fit.tab_chain(self)

    def _update_actions(self) -> None:
        has_goal = self._goal_id is not None
        for action in (self.act_duplicate, self.act_delete, self.act_add_child):
            action.setEnabled(has_goal)
        goal = self.editor.plan.goal(self._goal_id) if has_goal and self.editor else None
        siblings = [g.id for g in self.editor.plan.goals if goal and g.parent == goal.parent] if goal else []
        self.act_move_up.setEnabled(bool(goal) and siblings.index(goal.id) > 0)
        self.act_move_down.setEnabled(bool(goal) and siblings.index(goal.id) < len(siblings) - 1)
        for action in (self.act_replace, self.link_mode.action):
            action.setEnabled(True)  # off again on a fixed plan (year_cycle_actions)
        self._update_undo_actions()

    def _typing_field(self):
        widget = QApplication.focusWidget()
        return widget if isinstance(widget, EDIT_FIELDS) and self.isAncestorOf(widget) else None

    def _update_undo_actions(self) -> None:
        field = self._typing_field()
        editor = self.editor
        if field is not None and field.can_undo_typing():
            undo_text, undo_on = tr("元に戻す: 入力"), True
        elif editor is not None and editor.undo_label:
            undo_text, undo_on = tr("元に戻す: {0}").format(editor.undo_label), True
        else:
            undo_text, undo_on = tr("元に戻す"), False
        if field is not None and field.can_redo_typing():
            redo_text, redo_on = tr("やり直し: 入力"), True
        elif editor is not None and editor.redo_label and not (field is not None and field.can_undo_typing()):
            redo_text, redo_on = tr("やり直し: {0}").format(editor.redo_label), True
        else:
            redo_text, redo_on = tr("やり直し"), False
        self.act_undo.setText(undo_text)
        self.act_undo.setEnabled(undo_on)
        self.act_redo.setText(redo_text)
        self.act_redo.setEnabled(redo_on)
        self.tool_undo.setEnabled(undo_on)
        self.tool_undo.setToolTip(tr("{0}（Ctrl+Z）").format(undo_text))
        self.tool_redo.setEnabled(redo_on)
        self.tool_redo.setToolTip(tr("{0}（Ctrl+Y）").format(redo_text))

    # ======================================================================================
    # edits
    # ======================================================================================

    def commit_edits(self) -> bool:
        """Finish the input method's composition and write everything typed. False if it failed."""
        QGuiApplication.inputMethod().commit()
        ok = self.pending.flush()
        if self.editor is not None:
            self.editor.seal()
        return ok

    def _structural(self, change, *, message: str | None = None):
        """Run one structural edit of the plan (an undo step of its own) and show the result."""
        if self.editor is None or not self.commit_edits():
            return None
        try:
            result = change()
        except StorageError as exc:
            alerts.error(self, tr("保存できませんでした"), str(exc))
            return None
        except (TextTooLong, ValueError, LookupError) as exc:
            alerts.warning(self, tr("この操作はできません"), str(exc))
            return None
        self.refresh()
        self._mark_saved()
        if message:
            self.statusBar().showMessage(message, 6000)
        return result

    def _schedule(self, key, write) -> None:
        self.pending.schedule(key, write)

    def _goal_field_edited(self, goal_id: int, field: str, text: str) -> None:
        self._schedule(("goal", goal_id, field), partial(self.editor.set_goal_field, goal_id, field, text))

    def _answer_edited(self, code: str, text: str) -> None:
        self._schedule(("answer", code), partial(self.editor.set_answer, code, text))

    def _preamble_edited(self, text: str) -> None:
        self._schedule(("preamble",), partial(self.editor.set_preamble, text))

    def _date_edited(self, value) -> None:
        self._schedule(("date",), partial(self.editor.set_plan_date, value))

    def _revision_edited(self, value: int) -> None:
        self._schedule(("revision",), partial(self.editor.set_revision, value))

    def _signers_edited(self, signers: list, structural: bool) -> None:
        if structural:
            self._structural(partial(self.editor.set_signers, copy.deepcopy(signers)))
        else:
            self._schedule(("signers",), partial(self.editor.set_signers, copy.deepcopy(signers)))

    def _reset_preamble(self) -> None:
        text = default_preamble(self.editor.policy, self.editor.plan.department)
        self._structural(partial(self.editor.set_preamble, text), message=tr("前文を既定の文に戻しました。"))

    def _owner_sections_changed(self, goal_id: int, names: list) -> None:
        self._structural(partial(self.editor.set_owner_sections, goal_id, list(names)))

    def _goal_parent_changed(self, goal_id: int, parent) -> None:
        self._structural(partial(self.editor.set_goal_parent, goal_id, parent))
        self.goal_list.select_goal(goal_id)

    def _after_typing_saved(self) -> None:
        self._mark_saved()
        self.refresh()

    def _periodic_backup(self) -> None:
        if not self._edited_since_backup:
            return
        try:
            self.session.backup("periodic")
        except StorageError as exc:
            self.statusBar().showMessage(tr("バックアップを作れませんでした: {0}").format(exc), 10000)
            return
        for notice in self.session.take_notices():
            alerts.warning(self, tr("作業データを保護しました"), notice)
        self._edited_since_backup = False

    def _save_for_logoff(self, _manager) -> None:
        self.commit_edits()

    def _come_forward_if_asked(self) -> None:
        if self.session.activation_requested():
            self.showNormal() if self.isMinimized() else self.show()
            self.raise_()
            self.activateWindow()

    def _mark_saved(self) -> None:
        for notice in self.session.take_notices():  # e.g. a deleted -wal file, rescued (issue 11)
            alerts.warning(self, tr("作業データを保護しました"), notice)
        self._edited_since_backup = True
        self._save_error_shown = False
        self.save_state.setProperty("state", "ok")
        self.save_state.setText(tr("保存済み {0:%H:%M:%S}").format(datetime.now()))
        self.save_state.setToolTip(tr("入力した内容は自動で保存されます"))
        repolish(self.save_state)

    def _pending_changed(self, pending: bool) -> None:
        if pending and self.save_state.property("state") != "failed":
            self.save_state.setText(tr("入力中…"))

    def _save_failed(self, message: str) -> None:
        self.save_state.setProperty("state", "failed")
        self.save_state.setText(tr("保存できていません（自動で再試行します）"))
        self.save_state.setToolTip(message)
        repolish(self.save_state)
        if not self._save_error_shown:
            self._save_error_shown = True
            alerts.error(self, tr("保存できませんでした"), message + tr("\n\n入力した内容は画面に残っており、数秒ごとに保存を再試行します。"))

    def _edit_rejected(self, _key, message: str) -> None:
        alerts.warning(self, tr("入力できません"), message)
        self.refresh()

    def _field_left(self) -> None:
        """Focus left a text field: what was typed there becomes one undo step."""
        self.pending.flush()
        if self.editor is not None:
            self.editor.seal()
        self._update_undo_actions()

    def _focus_changed(self, _old, _new) -> None:
        self._update_undo_actions()


    # ======================================================================================
    # selection
    # ======================================================================================

    def _directive_selected(self, code: str) -> None:
        if self.editor is None:
            return
        self.commit_edits()
        plan = self.editor.plan
        self.answer_panel.show_directive(self.editor.policy, code, plan, goal_numbers(plan))
        self.goal_list.highlight_directive(code)

    def _section_selected(self, number: int) -> None:
        if self.editor is None:
            return
        self.commit_edits()
        self.answer_panel.show_section(self.editor.policy, number)
        self.goal_list.highlight_directive(None)

    def _goal_selected(self, goal_id) -> None:
        if self.editor is None:
            return
        self.commit_edits()
        if goal_id != self._goal_id:
            screen_fit.top_of_form(self)
        self._goal_id = goal_id
        plan = self.editor.plan
        self._show_goal(plan.goal(goal_id) if goal_id is not None else None, plan, goal_numbers(plan))
        self._update_actions()

    def select_goal(self, goal_id: int) -> None:
        self.goal_list.select_goal(goal_id)
        if self.goal_list.current_goal_id() != self._goal_id:
            self._goal_selected(self.goal_list.current_goal_id())

    def jump_to_directive(self, code: str) -> None:
        self.tree.select_directive(code)
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def jump_to_hit(self, hit: SearchHit) -> None:
        if self.editor is None:
            return
        department = hit.department or self.editor.plan.department
        names = [d.name for d in self.session.departments(hit.fiscal_year)]
        if department not in names:
            if hit.department is not None or not names:
                alerts.info(self, tr("移動できません"), tr("{0}に「{1}」がありません。").format(fiscal_year_label(hit.fiscal_year), department))
                return
            department = names[0]
        self.open_plan(hit.fiscal_year, department)
        if hit.kind == "section" and hit.section_number is not None:
            self.tree.select_section(hit.section_number)
        elif hit.code is not None:
            self.tree.select_directive(hit.code)
            if hit.kind == "answer":
                self.answer_panel.answer.setFocus(Qt.FocusReason.OtherFocusReason)
        if hit.kind == "goal" and hit.goal_id is not None:
            self.select_goal(hit.goal_id)
            self.goal_list.setFocus(Qt.FocusReason.OtherFocusReason)
        show_hit(self, hit)

    # ======================================================================================
    # goals
    # ======================================================================================

    def _current_goal(self):
        return self.editor.plan.goal(self._goal_id) if self.editor and self._goal_id is not None else None

    def add_goal(self) -> None:
        goal = self._current_goal()
        after = None
        if goal is not None:
            after = goal.parent if goal.parent is not None else goal.id
            # after the last goal of the block, so the new department goal comes next in the list
            block = [g.id for g in self.editor.plan.goals if g.id == after or g.parent == after]
            after = block[-1]
        new_id = self._structural(lambda: self.editor.add_goal(after=after), message=tr("目標を追加しました。"))
        if new_id is not None:
            self.select_goal(new_id)
            self.goal_editor.focus_title()

    def add_child_goal(self) -> None:
        goal = self._current_goal()
        if goal is None:
            self.statusBar().showMessage(tr("課の目標を追加するには、先に部の目標を選んでください。"), 6000)
            return
        parent = goal.parent if goal.parent is not None else goal.id
        block = [g.id for g in self.editor.plan.goals if g.id == parent or g.parent == parent]
        new_id = self._structural(lambda: self.editor.add_goal(after=block[-1], parent=parent),
                                  message=tr("課の目標を追加しました。"))
        if new_id is not None:
            self.select_goal(new_id)
            self.goal_editor.focus_title()

    def duplicate_goal(self) -> None:
        goal = self._current_goal()
        if goal is None:
            return
        new_id = self._structural(lambda: self.editor.duplicate_goal(goal.id), message=tr("目標を複製しました。"))
        if new_id is not None:
            self.select_goal(new_id)

    def delete_goal(self) -> None:
        goal = self._current_goal()
        if goal is None:
            return
        plan = self.editor.plan
        number = goal_numbers(plan).get(goal.id, "")
        children = [g for g in plan.goals if g.parent == goal.id]
        if children and not alerts.ask_yes_no(
                self, tr("目標の削除"),
                tr("目標{0}「{1}」の下に課の目標が{2}件あります。まとめて削除しますか？\n（削除したあとでも「元に戻す」（Ctrl+Z）で取り消せます）").format(number, first_line(goal.title) or '無題', len(children))):
            return
        siblings = [g.id for g in plan.goals if g.parent == goal.parent]
        index = siblings.index(goal.id)
        neighbour = siblings[index + 1] if index + 1 < len(siblings) else (siblings[index - 1] if index > 0 else goal.parent)
        done = self._structural(lambda: self.editor.delete_goal(goal.id) or True,
                                message=tr("目標{0}を削除しました。取り消すには「元に戻す」（Ctrl+Z）を押します。").format(number))
        if done:
            if neighbour is not None:
                self.select_goal(neighbour)
            else:
                self.goal_list.select_goal(None)
            self.goal_list.setFocus(Qt.FocusReason.OtherFocusReason)

    def move_goal(self, step: int) -> None:
        goal = self._current_goal()
        if goal is None:
            return
        order = [g.id for g in self.editor.plan.goals]
        siblings = [g for g in order if self.editor.plan.goal(g).parent == goal.parent]
        index = siblings.index(goal.id)
        target_index = index + step
        if not 0 <= target_index < len(siblings):
            return
        target = siblings[target_index]
        order.remove(goal.id)
        new_index = order.index(target) + (1 if step > 0 else 0)
        self._structural(lambda: self.editor.move_goal(goal.id, new_index),
                         message=tr("目標を上へ移動しました。") if step < 0 else tr("目標を下へ移動しました。"))
        self.goal_list.select_goal(goal.id)

    # --- pins --------------------------------------------------------------------------------

    def _pin_toggled(self, code: str, pinned: bool) -> None:
        goal = self._current_goal()
        if goal is None:
            return
        number = goal_numbers(self.editor.plan).get(goal.id, "")
        if pinned:
            self._structural(lambda: self.editor.pin(goal.id, code), message=tr("目標{0}を基本方針 {1} に関連付けました。").format(number, code))
        else:
            self._structural(lambda: self.editor.unpin(goal.id, code),
                             message=tr("目標{0}と基本方針 {1} の関連付けを解除しました。").format(number, code))

    def _directive_dropped(self, goal_id: int, code: str) -> None:
        number = goal_numbers(self.editor.plan).get(goal_id, "")
        goal = self.editor.plan.goal(goal_id)
        if goal is not None and code in goal.directives:
            self.statusBar().showMessage(tr("目標{0}はすでに基本方針 {1} に関連付けられています。").format(number, code), 6000)
            self.select_goal(goal_id)
            return
        self._structural(lambda: self.editor.pin(goal_id, code), message=tr("目標{0}を基本方針 {1} に関連付けました。").format(number, code))
        self.select_goal(goal_id)

    # ======================================================================================
    # undo / redo
    # ======================================================================================

    def undo(self) -> None:
        field = self._typing_field()
        if field is not None and field.can_undo_typing():
            field.undo()
            self._update_undo_actions()
            return
        self._history_step(undo=True)

    def redo(self) -> None:
        field = self._typing_field()
        if field is not None and field.can_redo_typing():
            field.redo()
            self._update_undo_actions()
            return
        if field is not None and field.can_undo_typing():
            return  # redoing a plan step now would throw away what is being typed
        self._history_step(undo=False)

    def _history_step(self, *, undo: bool) -> None:
        if self.editor is None or not self.commit_edits():
            return
        step = self.editor.undo if undo else self.editor.redo
        before = copy.deepcopy(self.editor.plan)
        try:
            label = step()
            # A step that changed nothing (typing undone again in its field) is skipped over.
            while label and self.editor.plan == before and (self.editor.undo_label if undo else self.editor.redo_label):
                label = step()
        except StorageError as exc:
            alerts.error(self, tr("保存できませんでした"), str(exc))
            return
        if label is None:
            self.statusBar().showMessage(tr("元に戻す操作はありません。") if undo else tr("やり直す操作はありません。"), 4000)
            return
        self.refresh()
        self._mark_saved()
        self.statusBar().showMessage(f"{'元に戻しました' if undo else 'やり直しました'}: {label}", 6000)

    # ======================================================================================
    # sections, search, coverage, help
    # ======================================================================================

    def edit_sections(self) -> None:
        if self.editor is None or not self.commit_edits():
            return
        department = self.editor.department
        names = alerts.edit_lines(
            self, tr("課の一覧の編集"),
            tr("{0} {1}の課を1行に1つずつ書きます。\n消した課は、目標の担当課からも外れます。").format(fiscal_year_label(department.fiscal_year), department.name),
            [s.name for s in department.sections])
        if names is None:
            return
        removed = [s.name for s in department.sections if s.name not in names]
        try:
            self.session.set_sections(department.fiscal_year, department.name, names)
        except StorageError as exc:
            alerts.error(self, tr("保存できませんでした"), str(exc))
            return
        # Undo steps of this plan may name a removed section: start its history afresh.
        key = (department.fiscal_year, department.name)
        goal_id = self._goal_id
        self._editors[key] = self.session.editor(*key)
        self.editor = self._editors[key]
        self.refresh()
        if goal_id is not None:
            self.select_goal(goal_id)
        message = tr("課の一覧を更新しました。")
        if removed:
            message += tr("（削除: {0}。この計画の「元に戻す」の履歴は消去しました）").format('、'.join(removed))
        self.statusBar().showMessage(message, 8000)

    def edit_departments(self) -> None:
        if self.editor is None or not self.commit_edits():
            return
        year, current = self.editor.plan.fiscal_year, self.editor.plan.department
        names = alerts.edit_lines(
            self, tr("部の一覧の編集"),
            tr("{0}の部を1行に1つずつ、並べたい順に書きます。\n計画を作成中の部は、消したり名前を変えたりできません。").format(
                fiscal_year_label(year)),
            [d.name for d in self.session.departments(year)])
        if names is None:
            return
        try:
            departments = self.session.set_departments(year, names)
        except (StorageError, ValueError) as exc:
            alerts.error(self, tr("部の一覧を変更できません"), tr("{0}\n\n何も変更していません。").format(exc))
            return
        kept = [d.name for d in departments]
        self._editors = {key: editor for key, editor in self._editors.items() if key[0] != year or key[1] in kept}
        target = current if current in kept else kept[0]
        self._fill_departments(year, target)
        if target != current:
            self.open_plan(year, target)
        self.statusBar().showMessage(tr("{0}の部の一覧を更新しました。").format(fiscal_year_label(year)), 8000)

    def carry_over_previous(self) -> None:
        """Start this plan from the department's plan of an earlier year (one undo step)."""
        source = self._previous
        if source is None or self.editor is None:
            return
        carried = self._structural(lambda: self.editor.carry_over(source),
                                 message=tr("{0}の計画から目標を引き継ぎました。取り消すには「元に戻す」（Ctrl+Z）を押します。").format(
                                     fiscal_year_label(source.fiscal_year)))
        if carried and carried.goals:
            self.select_goal(self.editor.plan.goals[0].id)
            self.show_coverage()

    def show_search(self) -> None:
        self.commit_edits()
        self.side_tabs.setCurrentWidget(self.search_panel)
        self.search_panel.focus_field()

    def show_coverage(self) -> None:
        self.side_tabs.setCurrentWidget(self.coverage)
        self.coverage.directives.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _toggle_header(self) -> None:
        self.header.set_open(self.act_fold_header.isChecked())
        screen_fit.remember_cover(self, self.act_fold_header.isChecked())

    def show_help(self) -> None:
        from .help import HelpWindow

        if self._help is None:
            self._help = HelpWindow(self)
        self._help.show()
        self._help.raise_()
        self._help.activateWindow()

    def show_welcome(self) -> None:
        """ヘルプ → はじめに: the first-run screen again; another 部 chosen there opens its plan."""
        if self.editor is None:
            return
        year = self.editor.plan.fiscal_year
        chosen = first_run.ask(self, [d.name for d in self.session.departments(year)],
                               self.editor.plan.department, settings())
        if chosen:
            self.open_plan(year, chosen)

    def edit_in_large(self) -> None:
        field = self._typing_field()
        if field is None or not hasattr(field, "max_lines"):
            self.statusBar().showMessage(tr("大きな画面で編集するには、先に文章の欄（取組内容など）をクリックしてください。"), 6000)
            return
        edit_large(self, field)

    def show_about(self) -> None:
        alerts.info(self, tr("このアプリについて"),
                    tr("{0}\n版 {1}\n\n国分寺市の各部が、市政運営の基本方針に沿って部の運営方針と組織目標を作成するためのアプリです。ネットワークには接続しません。\n\nデータの保存先: ").format(WINDOW_TITLE, __version__) + str(self.session.data_dir))

    # ======================================================================================
    # export, print, import (provided by ui/export_actions.py)
    # ======================================================================================

    def _export_module(self):
        """ui/export_actions.py, imported only when needed (it brings python-docx and printing)."""
        name = f"{__package__}.export_actions"
        try:
            return importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            alerts.info(self, tr("準備中"), tr("この機能はまだ使えません。書き出しと印刷の機能は準備中です。"))
            return None

    def _export(self, name: str) -> None:
        if self.editor is None or not self.commit_edits():
            return
        module = self._export_module()
        if module is not None:
            getattr(module, name)(self, self.editor)

    def _export_all(self) -> None:
        if self.editor is None or not self.commit_edits():
            return
        module = self._export_module()
        if module is not None:
            module.export_all_docx(self, self.session, self.editor.plan.fiscal_year)

    def _import_plan_file(self) -> None:
        if not self.commit_edits():
            return
        module = self._export_module()
        if module is None:
            return
        result = module.import_plan_file(self, self.session)
        if result:
            year, department = result
            self.reload_from_session(year, department)
            self.statusBar().showMessage(tr("{0} {1}の計画を取り込みました。").format(fiscal_year_label(year), department), 8000)

    def show_policy_mapping(self) -> None:
        from .directive_mapping_dialog import open_mapping

        if self.editor is not None:
            self.mapping_dialog = open_mapping(self, self.session, self.editor.plan.fiscal_year)

    def _import_policy(self) -> None:
        """A new year's basic policy (or a corrected one) from a text or Word file."""
        from ..domain.policy_parser import PolicyParseError
        from ..services.policy_import import PolicyExists, PolicyImportError, import_policy
        from .directive_mapping_dialog import replace_policy, show_mapping

        if not self.commit_edits():
            return
        path = alerts.open_path(self, tr("基本方針の取り込み"), Path.home(),
                                tr("基本方針 (*.txt *.docx);;すべてのファイル (*)"))
        if path is None:
            return
        try:
            try:
                document = import_policy(self.session, path)
            except PolicyExists as exists:
                if not alerts.ask_yes_no(self, tr("基本方針の置き換え"), tr(
                        "{0}の基本方針はすでにあります。このファイルの内容（訂正版）で置き換えますか？\n"
                        "部の方針と目標の関連付けは、番号が変わっても対応する項目へ引き継ぎます。置き換える前にバックアップを取ります。"
                        ).format(fiscal_year_label(exists.fiscal_year))):
                    return
                document = replace_policy(self, self.session, path)
                if document is None:
                    return
        except (PolicyImportError, PolicyParseError, StorageError) as exc:
            alerts.error(self, tr("基本方針を取り込めません"), tr("{0}\n\n何も変更していません。").format(exc))
            return
        department = self.editor.plan.department if self.editor else None
        names = [d.name for d in self.session.departments(document.fiscal_year)]
        self.reload_from_session(document.fiscal_year, department if department in names else names[0])
        self.statusBar().showMessage(tr("{0}の基本方針を取り込みました（項目 {1} 件）。").format(
            fiscal_year_label(document.fiscal_year), len(document.directives)), 10000)
        self.mapping_dialog = show_mapping(self, self.session, document.fiscal_year)

    # ======================================================================================
    # closing
    # ======================================================================================

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.commit_edits() and not alerts.ask_yes_no(
                self, tr("保存できていない内容があります"),
                tr("最後に入力した内容を保存できませんでした。このまま閉じると、その入力は失われます。\n閉じますか？")):
            event.ignore()
            return
        self.save_layout()
        if self._help is not None:
            self._help.close()
        event.accept()
