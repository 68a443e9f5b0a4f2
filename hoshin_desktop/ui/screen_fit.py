"""How the main window fits a 1366×768 office laptop (and 1280×720), and how the keyboard travels it.

- The panes share the screen in proportions, not in pixels of a large monitor: the policy on
  the left (30 %, at most 460 px), the directive with its 部の方針 above, the goals below,
  the goal list beside the goal form, which gets most of the width (two columns of fields).
- The cover folds after first use and stays as the user left it (settings ``view/coverOpen``).
- Tab goes toolbar → policy → cover → 部の方針 → goal list → goal form → the panels under the
  policy; F6 / Shift+F6 move from pane to pane; the scroll areas are no Tab stops.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScrollArea, QWidget

from . import toolbar_fit
from .goal_list import TITLE_LEAST_EM
from .i18n import tr
from .keyboard import Pane, PaneCycle, chain
from .link_mode import LinkBar, LinkMode
from .settings import read_bool, settings

COVER_KEY = "view/coverOpen"
LEFT_SHARE, LEFT_MOST = 0.30, 460
TOP_SHARE = 0.38  # the directive and its 部の方針; the goals get the rest
LIST_SHARE, LIST_MOST = 0.32, 480
SEARCH_SHARE = 0.6  # the search results take this much of the left column while searching
TREE_SHARE = 0.62  # the tree's share of the left column on a first start and while linking
LARGE_TEXT_TREE_MOST = 0.8  # with large text, the tree's share grows with the text up to this


def fit_scroll_area(scroll: QScrollArea) -> None:
    """A form in a scroll area: no Tab stop of its own, no sideways scrolling (fields wrap instead)."""
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustIgnored)


def default_sizes(window) -> None:
    """Splitter positions for a first start, from the window's size."""
    width, height = window.width(), window.centralWidget().height() or window.height()
    left = min(LEFT_MOST, int(width * LEFT_SHARE))
    window.main_splitter.setSizes([left, width - left])
    # The panels under the tree get what they need to show whole (they scroll when the text is large), up to half.
    panels = window.coverage.needed_height() + window.side_tabs.tabBar().sizeHint().height() + 4
    side = min(max(panels, height - int(height * TREE_SHARE)), height // 2)
    window.left_splitter.setSizes([height - side, side])
    window.right_splitter.setSizes([int(height * TOP_SHARE), height - int(height * TOP_SHARE)])
    right = width - left
    goals_list = min(LIST_MOST, int(right * LIST_SHARE))
    window.goals_splitter.setSizes([goals_list, right - goals_list])


SMALL_SCREEN = 1600  # narrower than this, a first start fills the screen (a 1366×768 laptop)


def show_first(window) -> None:
    """Show the window; maximised on a small screen when it has no size of its own yet."""
    screen = window.screen().availableGeometry()
    if settings().value("window/geometry") is None and screen.width() < SMALL_SCREEN:
        window.showMaximized()
    else:
        window.show()


def cover_open(plan, remember: bool) -> bool:
    """Open for a plan without signers until the user folds or opens the cover; then as they left it."""
    stored = settings().value(COVER_KEY) if remember else None
    if stored is None:
        return not any(s.name.strip() for s in plan.signers)
    return read_bool(settings(), COVER_KEY, False)


def remember_cover(window, on: bool) -> None:
    if window.remember:
        settings().setValue(COVER_KEY, on)


def build_link_mode(window, tree_layout) -> None:
    """The 「目標N の関連付け」 bar over the tree and the mode (Ctrl+L) that shows the checkboxes."""
    window.link_bar = LinkBar()
    tree_layout.insertWidget(1, window.link_bar)
    window.link_mode = LinkMode(window.tree, window.link_bar, window,
                                lambda text: window.statusBar().showMessage(text, 6000))
    window.link_mode.action.toggled.connect(lambda on: on and tree_room(window))


def tree_room(window) -> None:
    """Linking: the tree gets most of the left column back (the search results may have taken it)."""
    splitter = window.left_splitter
    sizes, total = splitter.sizes(), sum(splitter.sizes())
    if total and sizes[0] < total * TREE_SHARE:
        splitter.setSizes([int(total * TREE_SHARE), total - int(total * TREE_SHARE)])
        window._sizes_before_search = None


def install(window) -> None:
    """Wire the window's small-screen and keyboard helpers (called once the panes and menus exist)."""
    window.goal_editor.linkRequested.connect(lambda: window.link_mode.action.setChecked(True))
    window.header.toggle.clicked.connect(lambda on: remember_cover(window, on))
    window.side_tabs.currentChanged.connect(lambda index: side_tab_changed(window, index))
    window.pane_cycle = panes(window)
    window.toolbar_fit = toolbar_fit.install(window)  # the goal buttons to a second row when the text is large
    window.standard_panes = None  # the splitters' sizes before the text grew (room_for_text)
    window.goal_menu.insertAction(window.act_move_up, window.link_mode.action)
    window.goal_menu.insertSeparator(window.act_move_up)
    window.view_menu.addSeparator()
    window.view_menu.addActions([window.pane_cycle.next, window.pane_cycle.previous])
    for action in window.text_size.actions():  # after the text size is applied (connected first)
        action.triggered.connect(lambda _checked=False: room_for_text(window))


def tab_chain(window) -> None:
    """Reading order (the cover's and the form's widgets change with the plan: called after each show)."""
    chain([window.year_combo, window.dept_combo, window.tree, *window.header.tab_chain(),
           window.answer_panel.answer, window.goal_list, *window.goal_editor.tab_chain(), window.side_tabs])


def panes(window) -> PaneCycle:
    """F6 / Shift+F6: toolbar, policy, 部の方針 (or the cover), goal list, goal form, coverage/search."""

    def document_entry() -> QWidget:
        answer = window.answer_panel.answer
        return answer if answer.isVisible() else window.header.toggle

    def form_entry() -> QWidget:
        editor = window.goal_editor
        return editor.fields["title"] if editor.currentIndex() == 1 else editor.empty_add

    def side_entry() -> QWidget:
        current = window.side_tabs.currentWidget()
        return window.search_panel.field if current is window.search_panel else window.coverage.directives

    return PaneCycle(window, [
        Pane(tr("ツールバー"), window.toolbar, lambda: window.dept_combo),
        Pane(tr("市政運営の基本方針"), window.tree.parentWidget(), lambda: window.tree),
        Pane(tr("部の方針"), window.document_scroll, document_entry),
        Pane(tr("組織目標の一覧"), window.goal_list, lambda: window.goal_list),
        Pane(tr("目標の内容"), window.goal_scroll, form_entry),
        Pane(tr("未対応の確認と検索"), window.side_tabs, side_entry),
    ], lambda text: window.statusBar().showMessage(text, 4000))


def side_tab_changed(window, _index: int) -> None:
    """Searching: the results get most of the left column; back on 未対応の確認, the tree gets its room back."""
    splitter = window.left_splitter
    sizes, total = splitter.sizes(), sum(splitter.sizes())
    searching = window.side_tabs.currentWidget() is window.search_panel
    if searching and total and sizes[1] < total * SEARCH_SHARE:
        window._sizes_before_search = sizes
        splitter.setSizes([total - int(total * SEARCH_SHARE), int(total * SEARCH_SHARE)])
    elif not searching and getattr(window, "_sizes_before_search", None):
        splitter.setSizes(window._sizes_before_search)
        window._sizes_before_search = None


def reveal_answer(window) -> None:
    """A directive (or section) chosen in the tree: its text and 部の方針 come into view, even when the
    open cover fills the area above them (a first start at 1366×768). Left alone when already in view."""
    scroll, panel = window.document_scroll, window.answer_panel
    scroll.widget().layout().activate()
    top = panel.mapTo(scroll.widget(), QPoint(0, 0)).y()
    bar = scroll.verticalScrollBar()
    if not bar.value() <= top <= top + panel.height() <= bar.value() + scroll.viewport().height():
        bar.setValue(top)


def room_for_text(window) -> None:
    """After a change of text size: the policy tree and the goal list widen until their rows show words
    again (150 % on 1280×720 had left them a character or two), taking the room from the goal form,
    which keeps its own minimum (one column of fields). Panes already wide enough are left as set.
    Back at 標準の大きさ (100 %), the panes return to the widths they had before the text grew."""
    splitters = (window.main_splitter, window.goals_splitter, window.left_splitter)
    if window.text_size.percent == 100 and window.standard_panes is not None:
        for splitter, sizes in zip(splitters, window.standard_panes):
            splitter.setSizes(sizes)
        window.standard_panes = None
        return
    if window.standard_panes is None:
        window.standard_panes = [splitter.sizes() for splitter in splitters]
    QApplication.sendPostedEvents()  # the new font reaches styled widgets through posted events: measure after
    form = window.goal_scroll
    form_least = (window.goal_editor.minimumSizeHint().width() + form.verticalScrollBar().sizeHint().width()
                  + 2 * form.frameWidth())
    goals = window.goals_splitter
    list_chrome = _chrome(goals.widget(0), window.goal_list)
    tree_need = window.tree.text_room() + _chrome(window.main_splitter.widget(0), window.tree)
    right_least = window.goal_list.text_room(TITLE_LEAST_EM) + list_chrome + goals.handleWidth() + form_least
    _share(window.main_splitter, tree_need, right_least)
    _share(goals, window.goal_list.text_room() + list_chrome, form_least)
    tree_rows(window)


def tree_rows(window) -> None:
    """Large text: the tree keeps rows to read (at 200 % its share had room for one directive)."""
    splitter = window.left_splitter
    sizes, total = splitter.sizes(), sum(splitter.sizes())
    share = min(LARGE_TEXT_TREE_MOST, TREE_SHARE * window.text_size.percent / 100)
    if total and sizes[0] < total * share:
        splitter.setSizes([int(total * share), total - int(total * share)])


def _chrome(pane: QWidget, inner: QWidget) -> int:
    """What a pane adds around the list it holds (margins, frames)."""
    return max(0, pane.width() - inner.width())


def _share(splitter, need: int, second_least: int) -> None:
    """The first pane of ``splitter`` widened up to ``need`` pixels, as far as the second keeps
    ``second_least`` (narrowed for it, if the second had less)."""
    first, second = splitter.sizes()[:2]
    total = first + second
    wanted = min(max(first, need), total - second_least)
    if wanted != first and wanted > 0:
        splitter.setSizes([wanted, total - wanted])


def top_of_form(window) -> None:
    """Another goal selected: its form starts at its title."""
    window.goal_scroll.verticalScrollBar().setValue(0)
