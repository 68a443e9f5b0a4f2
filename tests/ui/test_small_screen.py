"""The window on a 1366×768 office laptop (and 1280×720): nothing of a goal hidden, keyboard travel, linking."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QStyle, QStyleOptionComboBox

from hoshin_desktop.ui.screen_fit import COVER_KEY
from hoshin_desktop.ui.settings import settings

from ..benchmarks.city import add_years
from .helpers import directive_row, goal_row, is_checked, shown_in, type_text, wait_saved
from .plans import write_plan

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def focused():
    return QApplication.focusWidget()


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_after_selecting_each_goal_its_title_is_visible_and_nothing_needs_sideways_scrolling(open_window, data_dir, qtbot, size):
    ids = write_plan(data_dir, goals=6)
    window = open_window(size=size)
    scroll, editor = window.panes.goal_scroll, window.panes.goal_editor
    for goal_id in ids[1:] + ids[:1]:  # the first is selected on opening: start with the second
        bar = scroll.verticalScrollBar()
        bar.setValue(bar.maximum())  # the user had scrolled down to 担当課 of the previous goal
        window.panes.goal_list.scrollTo(goal_row(window.panes.goal_list, goal_id))
        rect = window.panes.goal_list.visualRect(goal_row(window.panes.goal_list, goal_id))
        qtbot.mouseClick(window.panes.goal_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window._goal_id == goal_id
        assert shown_in(scroll, editor.fields["title"]), goal_id
        assert not scroll.horizontalScrollBar().isVisible()
        viewport = scroll.viewport().width()
        for name, field in editor.fields.items():
            right = field.mapTo(scroll.viewport(), field.rect().topRight()).x()
            assert right <= viewport, (name, right, viewport)
        assert editor.parent_combo.mapTo(scroll.viewport(), editor.parent_combo.rect().topRight()).x() <= viewport


def test_at_1366_by_768_a_typical_goal_shows_every_field_without_scrolling(open_window, data_dir, session):
    editor = session.editor(2024, "政策部")
    goal = editor.add_goal().select
    for name, text in (("title", "行政手続のオンライン化の推進"),
                       ("background", "『国分寺市行政デジタル化推進計画』に基づき、オンラインで完結する手続を増やす必要がある。"),
                       ("actions", "・申請件数の多い手続から順にオンライン化する\n・窓口の待ち時間を計測し、効果を検証する"),
                       ("indicator", "オンラインで申請できる手続の数"), ("baseline", "48手続"), ("target", "80手続"),
                       ("schedule", "通年（四半期ごとに進捗確認）")):
        editor.set_goal_field(goal, name, text)
    session.close()
    window = open_window(size=(1366, 768))
    window.select_goal(goal)
    QApplication.processEvents()
    editor = window.panes.goal_editor
    for widget in [*editor.fields.values(), *editor.sections.boxes(), editor.parent_combo]:
        assert shown_in(window.panes.goal_scroll, widget), widget.accessibleName()


def test_f6_reaches_each_pane_and_shift_f6_goes_back(open_window, data_dir, qtbot):
    ids = write_plan(data_dir, goals=2)
    window = open_window(size=(1366, 768))
    window.select_goal(ids[0])
    window.panes.tree.setFocus()
    qtbot.waitUntil(window.panes.tree.hasFocus)
    cycle = window.room.pane_cycle
    visited = [cycle.current()]
    for _ in range(len(cycle.panes)):
        qtbot.keyClick(focused(), Qt.Key.Key_F6)
        visited.append(cycle.current())
    assert sorted(set(visited)) == list(range(len(cycle.panes)))
    assert visited[-1] == visited[0]  # round the window and back
    assert focused() is window.panes.tree
    qtbot.keyClick(focused(), Qt.Key.Key_F6)
    assert focused() is window.panes.answer_panel.answer
    qtbot.keyClick(focused(), Qt.Key.Key_F6)
    assert focused() is window.panes.goal_list
    qtbot.keyClick(focused(), Qt.Key.Key_F6)
    assert focused() is window.panes.goal_editor.fields["title"]
    qtbot.keyClick(focused(), Qt.Key.Key_F6, SHIFT)
    assert focused() is window.panes.goal_list
    assert "組織目標の一覧" in window.statusBar().currentMessage()
    assert window.room.pane_cycle.next in window.menus.view.actions()


def test_tab_goes_in_reading_order_and_the_cover_comes_after_the_tree(open_window, data_dir, qtbot):
    ids = write_plan(data_dir, goals=2)
    window = open_window(size=(1366, 768))
    window.select_goal(ids[0])
    window.panes.header.set_open(True)
    window.toolbar.year_combo.setFocus()
    qtbot.waitUntil(window.toolbar.year_combo.hasFocus)
    order = [focused()]
    for _ in range(40):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        order.append(focused())
        if focused() is window.panes.goal_editor.fields["title"]:
            break
    header = window.panes.header
    signers = header.signers.fields()
    position = order.index
    assert position(window.toolbar.dept_combo) < position(window.panes.tree) < position(header.date_edit)
    assert position(header.date_edit) + 1 == position(header.revision)  # the date is one Tab stop
    assert all(position(window.panes.tree) < position(f) < position(header.preamble) for f in signers)
    assert position(header.preamble) < position(header.reset_preamble) < position(window.panes.answer_panel.answer)
    assert position(window.panes.answer_panel.answer) < position(window.panes.goal_list) < position(window.panes.goal_editor.fields["title"])
    assert not [w for w in order if isinstance(w, QAbstractScrollArea) and not hasattr(w, "text")
                and w not in (window.panes.tree, window.panes.goal_list)]


def test_a_folded_cover_keeps_the_tree_before_it_and_hides_the_signers_from_tab(open_window, data_dir, qtbot):
    ids = write_plan(data_dir, goals=1)
    window = open_window(size=(1366, 768))
    window.select_goal(ids[0])
    assert not window.panes.header.toggle.isChecked()  # signers written: folded
    window.panes.tree.setFocus()
    qtbot.waitUntil(window.panes.tree.hasFocus)
    qtbot.keyClick(window.panes.tree, Qt.Key.Key_Tab)
    assert focused() is window.panes.header.toggle
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is window.panes.answer_panel.answer


def test_the_cover_stays_as_the_user_left_it(open_window, data_dir, qtbot):
    window = open_window(size=(1366, 768))  # a new plan: the cover is open to be filled in
    assert window.panes.header.toggle.isChecked()
    qtbot.mouseClick(window.panes.header.toggle, Qt.MouseButton.LeftButton)
    assert not window.panes.header.toggle.isChecked()
    assert settings().value(COVER_KEY) in (False, "false")
    window.close()
    again = open_window(size=(1366, 768))
    assert not again.panes.header.toggle.isChecked()  # folded after first use, even though no signer is written yet


def test_linking_mode_names_the_goal_and_esc_leaves_it(open_window, data_dir, qtbot):
    ids = write_plan(data_dir, goals=2)
    window = open_window(size=(1366, 768))
    window.select_goal(ids[0])
    tree, bar = window.panes.tree, window.panes.link_bar
    assert is_checked(tree, "1(4)") is None  # no checkboxes outside the mode
    qtbot.mouseClick(window.panes.goal_editor.link_button, Qt.MouseButton.LeftButton)
    assert bar.isVisible() and bar.heading.text() == "目標1 の関連付け"
    assert bar.title.text().startswith("目標その1")
    assert is_checked(tree, "1(4)") is True and is_checked(tree, "1(1)") is False
    window.select_goal(ids[-1])  # another goal (the 課 goal under goal 2): the mode follows it
    assert bar.heading.text() == "目標2-1 の関連付け"
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Escape)
    assert not bar.isVisible() and is_checked(tree, "1(4)") is None
    assert not window.panes.link_mode.action.isChecked()


def test_linking_without_a_goal_says_what_to_do(open_window, qtbot):
    window = open_window(size=(1366, 768))
    window.panes.link_mode.action.trigger()
    assert not window.panes.link_mode.action.isChecked() and not window.panes.link_bar.isVisible()
    assert "先に目標" in window.statusBar().currentMessage()
    assert "目標を追加」（Ctrl+N）" in window.statusBar().currentMessage()  # the list is empty: how to get one


def test_badges_are_at_the_ui_font_on_a_line_of_their_own_and_grow_with_the_text_size(open_window, qtbot):
    window = open_window(size=(1366, 768))
    tree = window.panes.tree
    row = directive_row(tree, "1(2)")
    before = tree.visualItemRect(row).height()
    assert before >= 2 * tree.fontMetrics().height()  # the code and text, then the badges under them
    assert tree.text_room() >= tree.fontMetrics().horizontalAdvance("3(10)\u3000目標 99部の方針なし")
    window.text_size.step(1)
    qtbot.waitUntil(lambda: tree.visualItemRect(row).height() > before)
    window.text_size.step(0)


def test_every_action_with_a_shortcut_is_in_a_menu_that_shows_it(open_window):
    window = open_window(size=(1366, 768))
    in_menus = set()
    for menu_action in window.menuBar().actions():
        stack = [menu_action.menu()]
        while stack:
            menu = stack.pop()
            for action in menu.actions():
                if action.menu():
                    stack.append(action.menu())
                in_menus.add(action)
    with_keys = [a for a in window.findChildren(type(window.actions.find)) if a.shortcuts()]
    missing = [a.text() for a in with_keys if a not in in_menus]
    assert missing == []


def test_a_fixed_plan_has_no_linking_and_no_replace_until_unlocked(open_window, data_dir, qtbot, alerts, monkeypatch):
    ids = write_plan(data_dir, goals=2)
    window = open_window(size=(1366, 768))
    window.select_goal(ids[0])
    window.panes.link_mode.action.trigger()
    assert window.panes.link_bar.isVisible()
    alerts.answers["ask_yes_no"].append(True)
    window.year_cycle.act_fix.trigger()
    assert window.editor.plan.lock is not None
    assert not window.panes.link_mode.action.isEnabled() and not window.panes.link_bar.isVisible()
    assert not window.actions.replace.isEnabled()
    window.select_goal(ids[-1])
    assert not window.panes.link_mode.action.isEnabled() and is_checked(window.panes.tree, "1(4)") is None
    monkeypatch.setattr("hoshin_desktop.ui.alerts.ask_text", lambda *a, **k: "面談後の修正")
    window.year_cycle.act_unlock.trigger()
    assert window.panes.link_mode.action.isEnabled() and window.actions.replace.isEnabled()


class _StubWindow:
    """Records how screen_fit.show_first shows a window on a screen of a given size."""

    def __init__(self, width, height):
        from PySide6.QtCore import QRect

        self.shown = None
        rect = QRect(0, 0, width, height)
        self.screen = lambda: type("Screen", (), {"availableGeometry": lambda _self: rect})()

    def showMaximized(self):
        self.shown = "maximized"

    def show(self):
        self.shown = "normal"


@pytest.mark.parametrize("size, expected", [((1366, 728), "maximized"), ((1280, 680), "maximized"),
                                            ((1920, 1040), "normal")])
def test_a_first_start_on_a_laptop_fills_the_screen(size, expected):
    from hoshin_desktop.ui.screen_fit import show_first

    window = _StubWindow(*size)
    show_first(window)
    assert window.shown == expected
    settings().setValue("window/geometry", b"saved")  # the user's own size from now on
    window = _StubWindow(*size)
    show_first(window)
    assert window.shown == "normal"


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_a_directive_chosen_in_the_tree_shows_its_text_and_answer_even_below_the_open_cover(open_window, qtbot, size):
    window = open_window(size=size)  # a new plan: the cover is open and fills the area above the goals
    assert window.panes.header.toggle.isChecked()
    scroll, panel = window.panes.document_scroll, window.panes.answer_panel
    for code in ("1(3)", "3(2)", "2(1)"):
        item = directive_row(window.panes.tree, code)
        window.panes.tree.scrollToItem(item)
        qtbot.mouseClick(window.panes.tree.viewport(), Qt.MouseButton.LeftButton, pos=window.panes.tree.visualItemRect(item).center())
        assert panel.code == code
        assert shown_in(scroll, panel.heading), code
        assert shown_in(scroll, panel.answer), code
    name = window.panes.header.signers.fields()[0]
    scroll.ensureWidgetVisible(name)  # back up to the cover and type a signer's name:
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    type_text(qtbot, name, "国分寺 太郎")
    wait_saved(qtbot, window)
    assert shown_in(scroll, name)  # saving and redrawing leave the area where the user is typing


def shown_text(view, index) -> str:
    """What a cell shows of its text (the rest is elided)."""
    rect = view.visualRect(index)
    text = index.data()
    shown = view.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, rect.width() - 8)
    return shown[:-1] if shown != text else shown


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_at_150_percent_text_the_lists_still_show_words_not_single_characters(open_window, data_dir, qtbot, size):
    ids = write_plan(data_dir, goals=3)
    window = open_window(size=size)
    for _step in range(3):  # 表示 → 文字の大きさ → 文字を大きく, three times: 110 %, 125 %, 150 %
        window.text_size.larger.trigger()
    assert window.text_size.percent == 150
    tree, goals = window.panes.tree, window.panes.goal_list
    for code in ("1(1)", "3(9)"):
        shown = shown_text(tree, tree.indexFromItem(directive_row(tree, code), 0))
        assert len(shown) >= len(code) + 1 + 5, shown  # the code, a space, five characters of the text at least
    for goal_id in ids:
        shown = shown_text(goals, goal_row(goals, goal_id, 1))
        assert len(shown) >= 7, shown
    scroll, editor = window.panes.goal_scroll, window.panes.goal_editor
    assert not scroll.horizontalScrollBar().isVisible()
    for name, field in editor.fields.items():  # the narrower form still fits without sideways scrolling
        assert field.mapTo(scroll.viewport(), field.rect().topRight()).x() <= scroll.viewport().width(), name
    window.text_size.reset.trigger()


def test_the_large_dialogs_open_no_larger_than_the_screen(open_window, data_dir, qtbot, monkeypatch):
    """Sized for a large monitor, the review panel (1240×720), the mapping and matrix views
    (1200×720) and the print preview (900×1000) hid their lower part and buttons on a laptop."""
    from PySide6.QtGui import QGuiApplication

    from hoshin_desktop.ui import export_actions
    from hoshin_desktop.ui.long_text import LongTextDialog
    from hoshin_desktop.ui.restore_dialog import RestoreDialog
    from hoshin_desktop.ui.widgets import WINDOW_FRAME

    write_plan(data_dir, goals=2)
    window = open_window(size=(760, 700))
    free = QGuiApplication.primaryScreen().availableGeometry()  # the test screen: 800×800
    opened = []

    def look(dialog) -> bool:
        opened.append((type(dialog).__name__, dialog.size(), dialog.minimumSizeHint()))
        return False

    monkeypatch.setattr(export_actions.alerts, "run_dialog", look)
    window.actions.preview.trigger()
    window.year_cycle.act_interim.trigger()
    window.year_cycle.act_instructions.trigger()
    window.collection.show_matrix.trigger()
    for dialog in (window.year_cycle.review_panel, window.year_cycle.instructions_panel, window.collection.matrix_view,
                   RestoreDialog(window, data_dir), LongTextDialog(window, "取組内容", "本文")):
        opened.append((type(dialog).__name__, dialog.size(), dialog.minimumSizeHint()))
    assert len(opened) == 6
    for name, size, least in opened:  # room is left for the title bar and borders (and the taskbar)
        assert size.height() <= free.height() - WINDOW_FRAME, (name, size)
        assert size.width() <= max(free.width() - WINDOW_FRAME, least.width()), (name, size)


def test_a_first_start_sizes_the_window_by_the_dialogs_rule(session, qtbot):
    """The window without a stored size: 1440×920 at most, and room for its frame, as every dialog
    (it kept only 40 px for the title bar, borders and taskbar)."""
    from PySide6.QtGui import QGuiApplication

    from hoshin_desktop.ui.main_window import MainWindow
    from hoshin_desktop.ui.widgets import WINDOW_FRAME

    window = MainWindow(session)
    qtbot.addWidget(window)
    free = QGuiApplication.primaryScreen().availableGeometry()  # the test screen: 800×800
    assert (window.width(), window.height()) == (min(1440, free.width() - WINDOW_FRAME),
                                                 min(920, free.height() - WINDOW_FRAME))


def test_a_section_goal_without_pins_shows_its_heading_and_pins_on_readable_lines(open_window, session):
    """「未設定（どの項目にも関連付けていません）」 beside a 課 goal's heading that names its department goal
    was squeezed into a column of one or two characters a line, pushing the fields down at 1366×768."""
    editor = session.editor(2024, "政策部")
    parent = editor.add_goal().select
    editor.set_goal_field(parent, "title", "中間確認・年度末評価による進行管理の徹底")
    editor.pin(parent, "3(9)")
    child = editor.add_goal(after=parent, parent=parent).select
    editor.set_goal_field(child, "title", "政策経営課: 中間確認の様式の見直し")
    session.close()
    window = open_window(size=(1366, 768))
    window.select_goal(child)
    QApplication.processEvents()
    goal_editor = window.panes.goal_editor
    line = goal_editor.pins.fontMetrics().lineSpacing()
    assert goal_editor.pins.text().startswith("未設定")
    assert goal_editor.pins.height() <= 2 * line + 4, goal_editor.pins.height()
    assert goal_editor.heading.text() == "目標1-1"
    assert "部の目標1「中間確認・年度末評価による進行管理の徹底」の下の課の目標" in goal_editor.parent_note.text()
    assert goal_editor.parent_note.isVisibleTo(goal_editor)
    assert shown_in(window.panes.goal_scroll, goal_editor.fields["title"])
    window.select_goal(parent)
    QApplication.processEvents()
    assert not goal_editor.parent_note.isVisibleTo(goal_editor)


def test_at_150_percent_text_on_a_small_screen_the_year_chooser_shows_the_whole_year(open_window, session, qtbot):
    add_years(session, 5)  # up to 令和10年度: two digits, the widest year the chooser shows
    session.close()
    window = open_window(size=(1280, 720))
    for _step in range(3):  # 110 %, 125 %, 150 %: the toolbar is squeezed and widgets get their least width
        window.text_size.larger.trigger()
    QApplication.processEvents()
    combo = window.toolbar.year_combo
    assert combo.currentText() == "令和10年度"
    room = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, _combo_option(combo),
                                        QStyle.SubControl.SC_ComboBoxEditField, combo).width()
    assert combo.fontMetrics().horizontalAdvance(combo.currentText()) <= room, room
    window.text_size.reset.trigger()


def _combo_option(combo):
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    return option


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_clicking_the_directive_already_chosen_at_a_first_start_shows_its_answer(open_window, qtbot, size):
    window = open_window(size=size)  # a first start: 1(1) is chosen, its 部の方針 below the open cover
    scroll, panel = window.panes.document_scroll, window.panes.answer_panel
    first = window.panes.tree.currentItem()
    assert panel.code == "1(1)" and first is directive_row(window.panes.tree, "1(1)")
    assert not shown_in(scroll, panel.answer)  # what a new user sees: the cover, no field to write in
    qtbot.mouseClick(window.panes.tree.viewport(), Qt.MouseButton.LeftButton, pos=window.panes.tree.visualItemRect(first).center())
    assert shown_in(scroll, panel.heading)
    assert shown_in(scroll, panel.answer)


def test_back_to_the_standard_text_size_the_panes_are_as_the_user_left_them(open_window, data_dir, qtbot):
    write_plan(data_dir, goals=3)
    window = open_window(size=(1366, 768))
    splitters = (window.panes.main_splitter, window.panes.goals_splitter)
    window.panes.goals_splitter.setSizes([300, sum(window.panes.goals_splitter.sizes()) - 300])  # the user's own layout
    before = [s.sizes() for s in splitters]
    for _step in range(3):
        qtbot.keyClick(window.panes.tree, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.text_size.percent == 150
    assert [s.sizes() for s in splitters] != before  # widened so that the lists show words
    qtbot.keyClick(window.panes.tree, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.text_size.percent == 100
    assert [s.sizes() for s in splitters] == before
