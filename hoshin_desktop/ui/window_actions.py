"""The main window's commands as QActions, its menus and its toolbar, built in one place.

Each action calls a method of the window; the window decides nothing here. The actions are
set on the window as ``act_*`` (the names the menus, shortcuts and tests know them by).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QToolBar, QWidget

from .department_editor import show_year_organisation
from .i18n import tr


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


def build_actions(w) -> None:
    a = partial(_action, w)
    w.act_export_docx = a(tr("Word文書として書き出し…"), partial(w.export, "export_docx"), "Ctrl+E",
                          tip=tr("この計画を市の提出様式の Word 文書（.docx）に書き出します"))
    w.act_export_all = a(tr("すべての部をWord文書に書き出し…"), w.export_all,
                         tip=tr("この年度のすべての部の計画を Word 文書に書き出します"))
    w.act_export_pdf = a(tr("PDFとして書き出し…"), partial(w.export, "export_pdf"), tip=tr("この計画を PDF に書き出します"))
    w.act_export_all_pdf = a(tr("すべての部をPDFに書き出し…"), partial(w.export_all, "export_all_pdf"),
                             tip=tr("この年度のすべての部の計画を PDF に書き出します"))
    w.act_preview = a(tr("印刷プレビュー…"), partial(w.export, "print_preview"), tip=tr("印刷したときの見た目を確かめます"))
    w.act_print = a(tr("印刷…"), partial(w.export, "print_plan"), "Ctrl+P", tip=tr("この計画を印刷します"))
    w.act_export_file = a(tr("計画ファイルの書き出し…"), partial(w.export, "export_plan_file"),
                          tip=tr("政策経営課とのやり取りに使う計画ファイルを書き出します"))
    w.act_import_file = a(tr("計画ファイルの取り込み…"), w.import_plan_file, tip=tr("計画ファイルを取り込みます"))
    w.act_import_policy = a(tr("基本方針の取り込み…"), w.import_policy,
                            tip=tr("新しい年度の市政運営の基本方針（テキストまたは Word 文書）を取り込みます"))
    w.act_quit = a(tr("終了"), w.close, "Ctrl+Q")
    # Data safety: ui/restore_dialog.py and ui/import_actions.py
    w.act_restore = a(tr("バックアップから復元…"), lambda: _data_safety("restore_dialog", "restore_from_backup", w),
                      tip=tr("自動で取ったバックアップの一覧から、データを以前の状態に戻します"))
    w.act_undo_import = a(tr("取り込む前に戻す"), lambda: _data_safety("import_actions", "undo_import", w),
                          tip=tr("最後に取り込んだ基本方針や計画ファイルを、取り込む前の状態に戻します"))
    w.act_undo_import.setEnabled(False)

    w.act_undo = a(tr("元に戻す"), w.undo, ["Ctrl+Z"])
    w.act_redo = a(tr("やり直し"), w.redo, ["Ctrl+Y", "Ctrl+Shift+Z"])
    w.act_find = a(tr("検索…"), w.show_search, "Ctrl+F", tip=tr("基本方針と、すべての年度の部の方針・目標を検索します"))
    w.act_replace = a(tr("置換…"), w.show_replace, "Ctrl+H",
                      tip=tr("この計画の中の語をまとめて置き換えます（置き換わる箇所を先に確かめられます）"))
    w.act_large = a(tr("大きな画面で編集…"), w.edit_in_large, "F2", tip=tr("入力中の欄を大きな画面で編集します"))
    w.act_sections = a(tr("この部の課の一覧を編集…"), w.edit_sections, tip=tr("担当課として選べる課の一覧を編集します"))
    w.act_departments = a(tr("この年度の部の一覧を編集…"), w.edit_departments,
                          tip=tr("組織改正に合わせて、この年度の部の一覧を編集します"))
    w.act_organisation = a(tr("組織の引き継ぎ（前年度との対応）…"), lambda: show_year_organisation(w),
                           tip=tr("この年度の部が前年度のどの部を引き継ぐか（名称変更・分割・統合・課の移動）を確かめ、記録します"))

    goals_context = Qt.ShortcutContext.WidgetWithChildrenShortcut
    w.act_add_goal = a(tr("目標を追加"), w.add_goal, "Ctrl+N", tip=tr("選んでいる目標の次に新しい目標を追加します（Ctrl+N）"))
    w.act_add_child = a(tr("課の目標を追加"), w.add_child_goal, "Ctrl+Shift+N",
                        tip=tr("選んでいる部の目標の下に課の目標を追加します（Ctrl+Shift+N）"))
    w.act_duplicate = a(tr("目標を複製"), w.duplicate_goal, "Ctrl+D", tip=tr("選んでいる目標を複製します（Ctrl+D）"))
    w.act_delete = a(tr("目標を削除"), w.delete_goal, "Delete", context=goals_context,
                     tip=tr("選んでいる目標を削除します（元に戻す Ctrl+Z で取り消せます）"))
    w.act_move_up = a(tr("上へ移動"), partial(w.move_goal, -1), "Alt+Up", context=goals_context,
                      tip=tr("同じ基本方針の項目の目標の中で、1つ上へ移動します（Alt+↑）"))
    w.act_move_down = a(tr("下へ移動"), partial(w.move_goal, 1), "Alt+Down", context=goals_context,
                        tip=tr("同じ基本方針の項目の目標の中で、1つ下へ移動します（Alt+↓）"))

    w.act_year_redline = a(tr("前年度との比較…"), w.show_year_redline,
                           tip=tr("この計画と前年度の計画の違い（加わった・削られた文字）を表示し、Word に書き出します"))
    w.act_version_redline = a(tr("版の比較…"), w.show_version_redline,
                              tip=tr("この計画の2つの版（版を上げたとき・確定したときの記録）の違いを表示します"))
    w.act_policy_mapping = a(tr("基本方針の対応表…"), w.show_policy_mapping,
                             tip=tr("前年度の基本方針の各項目が今年度のどの項目に引き継がれたかを確認・訂正します"))
    w.act_coverage = a(tr("未対応の確認"), w.show_coverage, "Ctrl+Shift+K",
                       tip=tr("部の方針も目標もない項目と、関連付けていない目標を表示します"))
    w.act_fold_header = a(tr("表紙の欄を表示"), w.toggle_header)
    w.act_fold_header.setCheckable(True)
    w.act_help = a(tr("使い方"), w.show_help, "F1")
    w.act_welcome = a(tr("はじめに…"), w.show_welcome, tip=tr("あなたの部と、作成の4つの手順"))
    w.act_about = a(tr("このアプリについて"), w.show_about)


def _fill_menu(menu, actions) -> None:
    for action in actions:
        menu.addSeparator() if action is None else menu.addAction(action)


def _data_safety(module: str, command: str, w) -> None:
    """A command of ui/restore_dialog.py or ui/import_actions.py, imported when first used."""
    import importlib

    getattr(importlib.import_module(f"{__package__}.{module}"), command)(w)


def build_menus(w) -> None:
    bar = w.menuBar()
    _fill_menu(bar.addMenu(tr("ファイル(&F)")), (
        w.act_export_docx, w.act_export_all, w.act_export_pdf, w.act_export_all_pdf, None, w.act_preview, w.act_print, None,
        w.act_export_file, w.act_import_file, None, w.act_import_policy, None, w.act_restore, None, w.act_quit))
    w.edit_menu = bar.addMenu(tr("編集(&E)"))
    _fill_menu(w.edit_menu, (w.act_undo, w.act_redo, w.act_undo_import, None, w.act_find, w.act_replace, w.act_large, None,
                             w.act_sections, w.act_departments, w.act_organisation))
    w.goal_menu = bar.addMenu(tr("目標(&G)"))
    _fill_menu(w.goal_menu, (
        w.act_add_goal, w.act_add_child, w.act_duplicate, None, w.act_move_up, w.act_move_down, None, w.act_delete))
    w.view_menu = view_menu = bar.addMenu(tr("表示(&V)"))
    _fill_menu(view_menu, (w.act_fold_header, w.act_coverage, w.act_policy_mapping, w.act_year_redline,
                           w.act_version_redline, w.act_find, None))
    view_menu.addMenu(tr("文字の大きさ(&Z)")).addActions(w.text_size.actions())
    _fill_menu(bar.addMenu(tr("ヘルプ(&H)")), (w.act_welcome, w.act_help, w.act_about))
    w.edit_menu.aboutToShow.connect(w.update_undo_actions)


def _combo(name: str, length: int) -> tuple[QLabel, QComboBox]:
    label = QLabel(tr(name))
    combo = QComboBox()
    combo.setAccessibleName(tr(name))
    combo.setMinimumContentsLength(length)
    label.setBuddy(combo)
    return label, combo


def build_toolbar(w) -> None:
    bar = QToolBar(tr("計画の選択と操作"))
    bar.setObjectName("mainToolBar")
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    bar.setIconSize(QSize(16, 16))
    w.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    year_label, w.year_combo = _combo("年度", 11)  # 「令和10年度」 whole even when the toolbar is squeezed
    dept_label, w.dept_combo = _combo("部", 12)
    w.dept_combo.setMaxVisibleItems(20)
    for widget in (year_label, w.year_combo, dept_label, w.dept_combo):
        bar.addWidget(widget)
    bar.addSeparator()
    for action in (w.act_add_goal, w.act_add_child, w.act_duplicate, w.act_delete, w.act_move_up, w.act_move_down):
        bar.addAction(action)
    bar.addSeparator()
    w.tool_undo = QAction(tr("元に戻す"), w)
    w.tool_undo.triggered.connect(lambda _c=False: w.undo())
    w.tool_redo = QAction(tr("やり直し"), w)
    w.tool_redo.triggered.connect(lambda _c=False: w.redo())
    bar.addAction(w.tool_undo)
    bar.addAction(w.tool_redo)
    bar.addSeparator()
    bar.addAction(w.act_find)
    w.tool_export = QAction(tr("Word に書き出し"), w)
    w.tool_export.setToolTip(tr("この計画を Word 文書に書き出します（Ctrl+E）"))
    w.tool_export.triggered.connect(lambda _c=False: w.act_export_docx.trigger())
    bar.addAction(w.tool_export)
    for button in bar.findChildren(QWidget):
        if hasattr(button, "defaultAction") and button.defaultAction() is not None:
            button.setAccessibleName(button.defaultAction().text().replace("…", ""))
    w.toolbar = bar


def show_undo_state(w, field, editor) -> None:
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
    w.act_undo.setText(undo_text)
    w.act_undo.setEnabled(undo_on)
    w.act_redo.setText(redo_text)
    w.act_redo.setEnabled(redo_on)
    w.tool_undo.setEnabled(undo_on)
    w.tool_undo.setToolTip(tr("{0}（Ctrl+Z）").format(undo_text))
    w.tool_redo.setEnabled(redo_on)
    w.tool_redo.setToolTip(tr("{0}（Ctrl+Y）").format(redo_text))
