"""How the main window fits a 1366×768 office laptop (and 1280×720), and how the keyboard travels it.

- The panes share the screen in proportions, not in pixels of a large monitor: the policy on
  the left (30 %, at most 460 px), the directive with its 部の方針 above, the goals below,
  the goal list beside the goal form, which gets most of the width (two columns of fields).
- The cover folds after first use and stays as the user left it (settings ``view/coverOpen``).
- Tab goes toolbar → policy → cover → 部の方針 → goal list → goal form → the panels under the
  policy; F6 / Shift+F6 move from pane to pane; the scroll areas are no Tab stops.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScrollArea, QWidget

from . import toolbar_fit
from .focus_view import view_size
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
    window.panes.main_splitter.setSizes([left, width - left])
    # The panels under the tree get what they need to show whole (they scroll when the text is large), up to half.
    panels = window.panes.coverage.needed_height() + window.panes.side_tabs.tabBar().sizeHint().height() + 4
    side = min(max(panels, height - int(height * TREE_SHARE)), height // 2)
    window.panes.left_splitter.setSizes([height - side, side])
    window.panes.right_splitter.setSizes([int(height * TOP_SHARE), height - int(height * TOP_SHARE)])
    right = width - left
    goals_list = min(LIST_MOST, int(right * LIST_SHARE))
    window.panes.goals_splitter.setSizes([goals_list, right - goals_list])


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


def build_link_mode(window, tree, tree_layout) -> tuple[LinkBar, LinkMode]:
    """The 「目標N の関連付け」 bar over the tree and the mode (Ctrl+L) that shows the checkboxes."""
    bar = LinkBar()
    tree_layout.insertWidget(1, bar)
    mode = LinkMode(tree, bar, window, lambda text: window.statusBar().showMessage(text, 6000))
    mode.action.toggled.connect(lambda on: tree_room(window) if on else None)
    return bar, mode


def tree_room(window) -> None:
    """Linking: the tree gets most of the left column back (the search results may have taken it)."""
    splitter = window.panes.left_splitter
    sizes, total = splitter.sizes(), sum(splitter.sizes())
    if total and sizes[0] < total * TREE_SHARE:
        splitter.setSizes([int(total * TREE_SHARE), total - int(total * TREE_SHARE)])
        window.room.sizes_before_search = None


@dataclass
class Room:
    """How the window shares the screen: F6 between panes, and the pane sizes kept to go back to."""

    pane_cycle: PaneCycle
    toolbar_fit: toolbar_fit.ToolbarFit  # the goal buttons to a second row when the text is large
    standard_panes: list[list[int]] | None = None  # the splitters' sizes before the text grew (room_for_text)
    sizes_before_search: list[int] | None = None  # the left column's before the search results took it


def install(window) -> Room:
    """Wire the window's small-screen and keyboard helpers (called once the panes and menus exist)."""
    window.panes.goal_editor.linkRequested.connect(lambda: window.panes.link_mode.action.setChecked(True))
    window.panes.header.toggle.clicked.connect(lambda on: remember_cover(window, on))
    window.panes.header.foldedChanged.connect(lambda _folded: tab_chain(window))  # the cover's fields, once made
    window.panes.side_tabs.currentChanged.connect(lambda index: side_tab_changed(window, index))
    room = Room(panes(window), toolbar_fit.install(window))
    window.menus.goal.insertAction(window.actions.move_up, window.panes.link_mode.action)
    window.menus.goal.insertSeparator(window.actions.move_up)
    window.menus.view.addSeparator()
    window.menus.view.addActions([room.pane_cycle.next, room.pane_cycle.previous])
    for action in window.text_size.actions():  # after the text size is applied (connected first)
        action.triggered.connect(lambda _checked=False: room_for_text(window))
    return room


def tab_chain(window) -> None:
    """Reading order (the cover's and the form's widgets change with the plan: called after each show)."""
    chain([window.toolbar.year_combo, window.toolbar.dept_combo, window.panes.tree, *window.panes.header.tab_chain(),
           window.panes.answer_panel.answer, window.panes.goal_list, *window.panes.goal_editor.tab_chain(), window.panes.side_tabs])


def panes(window) -> PaneCycle:
    """F6 / Shift+F6: toolbar, policy, 部の方針 (or the cover), goal list, goal form, coverage/search."""

    def document_entry() -> QWidget:
        answer = window.panes.answer_panel.answer
        return answer if answer.isVisible() else window.panes.header.toggle

    def form_entry() -> QWidget:
        editor = window.panes.goal_editor
        return editor.fields["title"] if editor.currentIndex() == 1 else editor.empty_add

    def side_entry() -> QWidget:
        current = window.panes.side_tabs.currentWidget()
        return window.panes.search_panel.field if current is window.panes.search_panel else window.panes.coverage.directives

    return PaneCycle(window, [
        Pane(tr("ツールバー"), window.toolbar.bar, lambda: window.toolbar.dept_combo),
        Pane(tr("市政運営の基本方針"), window.panes.tree.parentWidget(), lambda: window.panes.tree),
        Pane(tr("部の方針"), window.panes.document_scroll, document_entry),
        Pane(tr("組織目標の一覧"), window.panes.goal_list, lambda: window.panes.goal_list),
        Pane(tr("目標の内容"), window.panes.goal_scroll, form_entry),
        Pane(tr("未対応の確認と検索"), window.panes.side_tabs, side_entry),
    ], lambda text: window.statusBar().showMessage(text, 4000))


def side_tab_changed(window, _index: int) -> None:
    """Searching: the results get most of the left column; back on 未対応の確認, the tree gets its room back."""
    splitter = window.panes.left_splitter
    sizes, total = splitter.sizes(), sum(splitter.sizes())
    searching = window.panes.side_tabs.currentWidget() is window.panes.search_panel
    if searching and total and sizes[1] < total * SEARCH_SHARE:
        window.room.sizes_before_search = sizes
        splitter.setSizes([total - int(total * SEARCH_SHARE), int(total * SEARCH_SHARE)])
    elif not searching and window.room.sizes_before_search:
        splitter.setSizes(window.room.sizes_before_search)
        window.room.sizes_before_search = None


def reveal_answer(window) -> None:
    """A directive (or section) chosen in the tree: its text and 部の方針 come into view, even when the
    open cover fills the area above them (a first start at 1366×768). Left alone when already in view."""
    scroll, panel = window.panes.document_scroll, window.panes.answer_panel
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # a cover just made is laid out from the inside
    scroll.widget().layout().activate()
    top = panel.mapTo(scroll.widget(), QPoint(0, 0)).y()
    bar = scroll.verticalScrollBar()
    if not bar.value() <= top <= top + panel.height() <= bar.value() + view_size(scroll).height():
        bar.setValue(top)


def room_for_text(window) -> None:
    """After a change of text size: the policy tree and the goal list widen until their rows show words
    again (150 % on 1280×720 had left them a character or two), taking the room from the goal form,
    which keeps its own minimum (one column of fields). Panes already wide enough are left as set.
    Back at 標準の大きさ (100 %), the panes return to the widths they had before the text grew."""
    splitters = (window.panes.main_splitter, window.panes.goals_splitter, window.panes.left_splitter)
    if window.text_size.percent == 100 and window.room.standard_panes is not None:
        for splitter, sizes in zip(splitters, window.room.standard_panes):
            splitter.setSizes(sizes)
        window.room.standard_panes = None
        return
    if window.room.standard_panes is None:
        window.room.standard_panes = [splitter.sizes() for splitter in splitters]
    QApplication.sendPostedEvents()  # the new font reaches styled widgets through posted events: measure after
    form = window.panes.goal_scroll
    form_least = (window.panes.goal_editor.minimumSizeHint().width() + form.verticalScrollBar().sizeHint().width()
                  + 2 * form.frameWidth())
    goals = window.panes.goals_splitter
    list_chrome = _chrome(goals.widget(0), window.panes.goal_list)
    tree_need = window.panes.tree.text_room() + _chrome(window.panes.main_splitter.widget(0), window.panes.tree)
    right_least = window.panes.goal_list.text_room(TITLE_LEAST_EM) + list_chrome + goals.handleWidth() + form_least
    _share(window.panes.main_splitter, tree_need, right_least)
    _share(goals, window.panes.goal_list.text_room() + list_chrome, form_least)
    tree_rows(window)


def tree_rows(window) -> None:
    """Large text: the tree keeps rows to read (at 200 % its share had room for one directive)."""
    splitter = window.panes.left_splitter
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
    window.panes.goal_scroll.verticalScrollBar().setValue(0)
