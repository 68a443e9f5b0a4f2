"""The main window's commands as QActions, its menus and its toolbar, built in one place.

Each action calls a method of the window; the window decides nothing here. The builders return
typed objects the window keeps (``window.actions``, ``window.menus``, ``window.toolbar``): the names
the menus, shortcuts and tests know them by.
"""

from __future__ import annotations

from functools import partial
from typing import NamedTuple

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QMenu, QToolBar, QWidget

from .i18n import tr
from .style import pad
from .wheel_guard import ChoiceBox


class WindowActions(NamedTuple):  # the window's parts (a NamedTuple: see CONTRIBUTING, "records")
    """The window's commands, each a QAction the menus, the toolbar, the shortcuts and the tests share."""

    export_docx: QAction
    export_all: QAction
    export_pdf: QAction
    export_all_pdf: QAction
    preview: QAction
    print: QAction
    export_file: QAction
    import_file: QAction
    import_policy: QAction
    quit: QAction
    restore: QAction
    undo_import: QAction
    undo: QAction
    redo: QAction
    find: QAction
    replace: QAction
    large: QAction
    sections: QAction
    departments: QAction
    organisation: QAction
    add_goal: QAction
    add_child: QAction
    duplicate: QAction
    delete: QAction
    move_up: QAction
    move_down: QAction
    year_redline: QAction
    version_redline: QAction
    policy_mapping: QAction
    coverage: QAction
    fold_header: QAction
    help: QAction
    welcome: QAction
    about: QAction


def _action(window, text: str, slot, shortcut=None, *, tip: str = "", context=None) -> QAction:
    action = QAction(text, window)
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


def _show_year_organisation(window) -> None:
    from .department_editor import show_year_organisation  # a dialog's module: imported when it is opened

    show_year_organisation(window)


def build_actions(w) -> WindowActions:
    a = partial(_action, w)
    goals_context = Qt.ShortcutContext.WidgetWithChildrenShortcut
    actions = WindowActions(
        export_docx=a(tr("Word文書として書き出し(&W)…"), partial(w.export, "export_docx"), "Ctrl+E",
                      tip=tr("この計画を市の提出様式の Word 文書（.docx）に書き出します")),
        export_all=a(tr("すべての部をWord文書に書き出し(&A)…"), w.export_all,
                     tip=tr("この年度のすべての部の計画を Word 文書に書き出します")),
        export_pdf=a(tr("PDFとして書き出し(&D)…"), partial(w.export, "export_pdf"), tip=tr("この計画を PDF に書き出します")),
        export_all_pdf=a(tr("すべての部をPDFに書き出し(&F)…"), partial(w.export_all, "export_all_pdf"),
                         tip=tr("この年度のすべての部の計画を PDF に書き出します")),
        preview=a(tr("印刷プレビュー(&V)…"), partial(w.export, "print_preview"), tip=tr("印刷したときの見た目を確かめます")),
        print=a(tr("印刷(&P)…"), partial(w.export, "print_plan"), "Ctrl+P", tip=tr("この計画を印刷します")),
        export_file=a(tr("計画ファイルの書き出し(&E)…"), partial(w.export, "export_plan_file"),
                      tip=tr("政策経営課とのやり取りに使う計画ファイルを書き出します")),
        import_file=a(tr("計画ファイルの取り込み(&I)…"), w.import_plan_file, tip=tr("計画ファイルを取り込みます")),
        import_policy=a(tr("基本方針の取り込み(&H)…"), w.import_policy,
                        tip=tr("新しい年度の市政運営の基本方針（テキストまたは Word 文書）を取り込みます")),
        quit=a(tr("終了(&X)"), w.close, "Ctrl+Q"),
        # Data safety: ui/restore_dialog.py and ui/import_actions.py
        restore=a(tr("バックアップから復元(&R)…"), lambda: _data_safety("restore_dialog", "restore_from_backup", w),
                  tip=tr("自動で取ったバックアップの一覧から、データを以前の状態に戻します")),
        undo_import=a(tr("取り込む前に戻す"), lambda: _data_safety("import_actions", "undo_import", w),
                      tip=tr("最後に取り込んだ基本方針や計画ファイルを、取り込む前の状態に戻します")),
        undo=a(tr("元に戻す"), w.undo, ["Ctrl+Z"]),
        redo=a(tr("やり直し"), w.redo, ["Ctrl+Y", "Ctrl+Shift+Z"]),
        find=a(tr("検索…"), w.show_search, "Ctrl+F", tip=tr("基本方針と、すべての年度の部の方針・目標を検索します")),
        replace=a(tr("置換…"), w.show_replace, "Ctrl+H",
                  tip=tr("この計画の中の語をまとめて置き換えます（置き換わる箇所を先に確かめられます）")),
        large=a(tr("大きな画面で編集…"), w.edit_in_large, "F2", tip=tr("入力中の欄を大きな画面で編集します")),
        sections=a(tr("この部の課の一覧を編集…"), w.edit_sections, tip=tr("担当課として選べる課の一覧を編集します")),
        departments=a(tr("この年度の部の一覧を編集…"), w.edit_departments,
                      tip=tr("組織改正に合わせて、この年度の部の一覧を編集します")),
        organisation=a(tr("組織の引き継ぎ（前年度との対応）…"), lambda: _show_year_organisation(w),
                       tip=tr("この年度の部が前年度のどの部を引き継ぐか（名称変更・分割・統合・課の移動）を確かめ、記録します")),
        add_goal=a(tr("目標を追加"), w.add_goal, "Ctrl+N", tip=tr("選んでいる目標の次に新しい目標を追加します（Ctrl+N）")),
        add_child=a(tr("課の目標を追加"), w.add_child_goal, "Ctrl+Shift+N",
                    tip=tr("選んでいる部の目標の下に課の目標を追加します（Ctrl+Shift+N）")),
        duplicate=a(tr("目標を複製"), w.duplicate_goal, "Ctrl+D", tip=tr("選んでいる目標を複製します（Ctrl+D）")),
        delete=a(tr("目標を削除"), w.delete_goal, "Delete", context=goals_context,
                 tip=tr("選んでいる目標を削除します（元に戻す Ctrl+Z で取り消せます）")),
        move_up=a(tr("上へ移動"), partial(w.move_goal, -1), "Alt+Up", context=goals_context,
                  tip=tr("同じ基本方針の項目の目標の中で、1つ上へ移動します（Alt+↑）")),
        move_down=a(tr("下へ移動"), partial(w.move_goal, 1), "Alt+Down", context=goals_context,
                    tip=tr("同じ基本方針の項目の目標の中で、1つ下へ移動します（Alt+↓）")),
        year_redline=a(tr("前年度との比較…"), w.show_year_redline,
                       tip=tr("この計画と前年度の計画の違い（加わった・削られた文字）を表示し、Word に書き出します")),
        version_redline=a(tr("版の比較…"), w.show_version_redline,
                          tip=tr("この計画の2つの版（版を上げたとき・確定したときの記録）の違いを表示します")),
        policy_mapping=a(tr("基本方針の対応表…"), w.show_policy_mapping,
                         tip=tr("前年度の基本方針の各項目が今年度のどの項目に引き継がれたかを確認・訂正します")),
        coverage=a(tr("未対応の確認"), w.show_coverage, "Ctrl+Shift+K",
                   tip=tr("部の方針も目標もない項目と、関連付けていない目標を表示します")),
        fold_header=a(tr("表紙の欄を表示"), w.toggle_header),
        help=a(tr("使い方"), w.show_help, "F1"),
        welcome=a(tr("はじめに…"), w.show_welcome, tip=tr("あなたの部と、作成の4つの手順")),
        about=a(tr("このアプリについて"), w.show_about),
    )
    actions.undo_import.setEnabled(False)
    actions.fold_header.setCheckable(True)
    return actions


def _fill_menu(menu, actions) -> None:
    for action in actions:
        menu.addSeparator() if action is None else menu.addAction(action)


def _data_safety(module: str, command: str, w) -> None:
    """A command of ui/restore_dialog.py or ui/import_actions.py, imported when first used."""
    import importlib

    getattr(importlib.import_module(f"{__package__}.{module}"), command)(w)


class Menus(NamedTuple):
    """The menus other parts add to (the planning office's items, the linking mode, the panes' keys)."""

    file: QMenu
    edit: QMenu
    goal: QMenu
    view: QMenu


def build_menus(w, actions: WindowActions, text_size_actions: list[QAction]) -> Menus:
    bar = w.menuBar()
    file_menu = bar.addMenu(tr("ファイル(&F)"))
    _fill_menu(file_menu, (
        actions.export_docx, actions.export_all, actions.export_pdf, actions.export_all_pdf, None, actions.preview,
        actions.print, None, actions.export_file, actions.import_file, None, actions.import_policy, None,
        actions.restore, None, actions.quit))
    edit_menu = bar.addMenu(tr("編集(&E)"))
    _fill_menu(edit_menu, (actions.undo, actions.redo, actions.undo_import, None, actions.find, actions.replace,
                           actions.large, None, actions.sections, actions.departments, actions.organisation))
    goal_menu = bar.addMenu(tr("目標(&G)"))
    _fill_menu(goal_menu, (actions.add_goal, actions.add_child, actions.duplicate, None, actions.move_up,
                           actions.move_down, None, actions.delete))
    view_menu = bar.addMenu(tr("表示(&V)"))
    _fill_menu(view_menu, (actions.fold_header, actions.coverage, actions.policy_mapping, actions.year_redline,
                           actions.version_redline, actions.find, None))
    view_menu.addMenu(tr("文字の大きさ(&Z)")).addActions(text_size_actions)
    _fill_menu(bar.addMenu(tr("ヘルプ(&H)")), (actions.welcome, actions.help, actions.about))
    edit_menu.aboutToShow.connect(w.update_undo_actions)
    return Menus(file_menu, edit_menu, goal_menu, view_menu)


def _combo(name: str, length: int) -> tuple[QLabel, QComboBox]:
    """A labelled choice of the toolbar; ``name`` is translated by the caller."""
    label = QLabel(name)
    pad(label, 8, 0, 2, 0)  # the label sits with its choice, apart from what comes before
    combo = ChoiceBox()
    combo.setAccessibleName(name)
    combo.setMinimumContentsLength(length)
    label.setBuddy(combo)
    return label, combo


class Toolbar(NamedTuple):
    """Two toolbars: the plan's (年度, 部, 検索, Word に書き出し; 印刷プレビュー added by ui/paper_actions.py)
    and the goals' (目標を追加 … やり直し), on one row, or two when the text is large (ui/toolbar_fit.py)."""

    bar: QToolBar
    goals: QToolBar
    year_combo: QComboBox
    dept_combo: QComboBox
    undo: QAction  # the toolbar's own, named by what they would undo (show_undo_state)
    redo: QAction
    export: QAction


def _tool(w, text: str, slot, tip: str = "") -> QAction:
    action = QAction(text, w)
    action.triggered.connect(lambda _c=False: slot())
    if tip:
        action.setToolTip(tip)
    return action


def build_toolbar(w, actions: WindowActions) -> Toolbar:
    bar = _toolbar(w, tr("計画の選択と書き出し"), "mainToolBar")
    spaced = bar.layout()  # room around and between the choosers (Qt sets it again only if the style changes)
    if spaced is not None:
        spaced.setContentsMargins(6, 6, 6, 6)
        spaced.setSpacing(4)
    year_label, year_combo = _combo(tr("年度"), 11)  # 「令和10年度」 whole even when the toolbar is squeezed
    dept_label, dept_combo = _combo(tr("部"), 12)
    dept_combo.setMaxVisibleItems(20)
    for widget in (year_label, year_combo, dept_label, dept_combo):
        bar.addWidget(widget)
    bar.addSeparator()
    goals = _toolbar(w, tr("目標の操作"), "goalToolBar")
    tools = Toolbar(bar, goals, year_combo, dept_combo, _tool(w, tr("元に戻す"), w.undo), _tool(w, tr("やり直し"), w.redo),
                    _tool(w, tr("Word に書き出し"), actions.export_docx.trigger, tr("この計画を Word 文書に書き出します（Ctrl+E）")))
    bar.addAction(actions.find)
    bar.addAction(tools.export)
    for action in (actions.add_goal, actions.add_child, actions.duplicate, actions.delete, actions.move_up,
                   actions.move_down, None, tools.undo, tools.redo):
        goals.addSeparator() if action is None else goals.addAction(action)
    for button in bar.findChildren(QWidget) + goals.findChildren(QWidget):
        if hasattr(button, "defaultAction") and button.defaultAction() is not None:
            button.setAccessibleName(button.defaultAction().text().replace("…", ""))
    return tools


def _toolbar(w, title: str, name: str) -> QToolBar:
    bar = QToolBar(title)
    bar.setObjectName(name)
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    bar.setIconSize(QSize(16, 16))
    w.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar


def show_undo_state(actions: WindowActions, tools: Toolbar, field, editor) -> None:
    """Name what Ctrl+Z / Ctrl+Y would do: typing in the focused field first, then the plan's steps."""
    typing_undo = field is not None and field.can_undo_typing()
    if typing_undo:
        undo_text, undo_on = tr("元に戻す: 入力"), True
    elif editor is not None and editor.undo_label:
        undo_text, undo_on = tr("元に戻す: {0}").format(editor.undo_label), True
    else:
        undo_text, undo_on = tr("元に戻す"), False
    if field is not None and field.can_redo_typing():
        redo_text, redo_on = tr("やり直し: 入力"), True
    elif editor is not None and editor.redo_label and not typing_undo:
        redo_text, redo_on = tr("やり直し: {0}").format(editor.redo_label), True
    else:
        redo_text, redo_on = tr("やり直し"), False
    actions.undo.setText(undo_text)
    actions.undo.setEnabled(undo_on)
    actions.redo.setText(redo_text)
    actions.redo.setEnabled(redo_on)
    tools.undo.setEnabled(undo_on)
    tools.undo.setToolTip(tr("{0}（Ctrl+Z）").format(undo_text))
    tools.redo.setEnabled(redo_on)
    tools.redo.setToolTip(tr("{0}（Ctrl+Y）").format(redo_text))
