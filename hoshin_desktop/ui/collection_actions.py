"""The planning office's menu items, added to the main window in one call (``install``).

ファイル (after 計画ファイルの取り込み): 提出された計画の取り込み / その取り込みを元に戻す /
すべての部をまとめて書き出し;
表示: 全庁の対応状況. Kept out of main_window.py, which only calls ``install(self)``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from ..domain.wareki import fiscal_year_label
from . import alerts
from .i18n import tr


def _menu_holding(window: QMainWindow, action: QAction) -> QMenu:
    return next(menu for a in window.menuBar().actions() if isinstance(menu := a.menu(), QMenu) and action in menu.actions())


class CollectionActions:
    def __init__(self, window):
        self.window = window
        self.last_batch = None
        self.matrix_view = None
        self.import_plans = QAction(tr("提出された計画の取り込み(&T)…"), window)
        self.import_plans.setStatusTip(tr("各部から提出された計画ファイルを、フォルダーごと確かめてまとめて取り込みます"))
        self.import_plans.triggered.connect(lambda _checked=False: self.run_import())
        self.undo_import = QAction(tr("提出された計画の取り込みを元に戻す(&U)"), window)
        self.undo_import.setStatusTip(tr("直前にまとめて取り込んだ計画を、取り込む前の状態に戻します"))
        self.undo_import.setEnabled(False)
        self.undo_import.triggered.connect(lambda _checked=False: self.undo())
        self.export_booklet = QAction(tr("すべての部をまとめて書き出し(&B)…"), window)
        self.export_booklet.setStatusTip(tr("この年度のすべての部の計画を、表紙・目次・対応状況の表を付けた1つの Word 文書に書き出します"))
        self.export_booklet.triggered.connect(lambda _checked=False: self.write_booklet())
        self.show_matrix = QAction(tr("全庁の対応状況"), window)
        self.show_matrix.setStatusTip(tr("基本方針の項目ごとに、各部の目標の数と部の方針の有無を一覧します"))
        self.show_matrix.triggered.connect(lambda _checked=False: self.open_matrix())
        file_menu = _menu_holding(window, window.actions.import_file)
        before = file_menu.actions()[file_menu.actions().index(window.actions.import_file) + 1]
        file_menu.insertActions(before, [self.import_plans, self.undo_import, self.export_booklet])
        _menu_holding(window, window.actions.coverage).addAction(self.show_matrix)

    def _year(self) -> int | None:
        editor = self.window.editor
        return editor.plan.fiscal_year if editor is not None else None

    def run_import(self) -> None:
        from ..services.plan_collection import import_submissions
        from .plan_collection_dialog import choose_submitted_plans, tell_imported

        if not self.window.commit_edits():
            return
        submissions = choose_submitted_plans(self.window, self.window.session)
        if submissions is None:
            return
        batches = []

        def take_in():
            batches.append(import_submissions(self.window.session, submissions))
            return self.window.workspace.reread(batches[0].change).with_(
                message=tr("{0}件の計画を取り込みました。").format(len(batches[0].imported)))

        if self.window.run_command(take_in, failure=tr("提出された計画を取り込めません"),
                                   refusal=tr("提出された計画を取り込めません")) is None:
            return
        self.last_batch = batches[0]
        self.undo_import.setEnabled(True)
        self._show_matrix_again()
        tell_imported(self.window, self.last_batch)

    def undo(self) -> None:
        if self.last_batch is None or not self.window.commit_edits():
            return
        if not alerts.ask_yes_no(self.window, tr("取り込みを元に戻しますか"),
                                 tr("まとめて取り込んだ{0}件の計画を、取り込む前の状態に戻します。"
                                    "取り込んだあとにそれらの計画を編集していれば、その編集も元に戻ります。\n\n元に戻しますか？")
                                 .format(len(self.last_batch.imported))):
            return
        batch, workspace = self.last_batch, self.window.workspace
        if self.window.run_command(lambda: workspace.reread(batch.undo(self.window.session)).with_(
                message=tr("提出された計画の取り込みを元に戻しました。")), failure=tr("元に戻せませんでした")) is None:
            return
        self.last_batch = None
        self.undo_import.setEnabled(False)
        self._show_matrix_again()

    def _show_matrix_again(self) -> None:
        if self.matrix_view is not None and self.matrix_view.isVisible():
            self.matrix_view.show_year(self.matrix_view.fiscal_year)

    def write_booklet(self) -> None:
        from ..services.booklet import booklet_contents, booklet_file_name
        from .export_actions import ask_options, save_file

        year = self._year()
        if year is None or not self.window.commit_edits():
            return
        try:
            contents = booklet_contents(self.window.session, year)
        except LookupError as error:
            alerts.info(self.window, tr("まとめて書き出せません"), str(error))
            return
        from . import folders

        caption = tr("すべての部をまとめて書き出し")
        options = ask_options(self.window, caption, tr("書き出す…"))
        if options is not None:
            save_file(self.window, caption, booklet_file_name(year), tr("Word 文書 (*.docx)"),
                      lambda path, report: contents.write(path, options), purpose=folders.BOOKLET)

    def open_matrix(self) -> None:
        from .matrix_view import MatrixView

        year = self._year()
        if year is None or not self.window.commit_edits():
            return
        if self.matrix_view is None:
            # A window of its own (no parent): the main window can come in front of it (open_goal).
            self.matrix_view = MatrixView(self.window.session, year, self.open_goal)
            self.matrix_view.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
            self.window.installEventFilter(_ClosesWith(self.matrix_view, self.window))
        else:
            self.matrix_view.show_year(year)
        self.matrix_view.show()
        self.matrix_view.raise_()
        self.matrix_view.activateWindow()

    def open_goal(self, year: int, department: str, code: str, goal_id: int | None) -> None:
        """From the matrix: that department's plan, the directive selected, the goal if one was chosen."""
        self.window.open_plan(year, department)
        self.window.jump_to_directive(code)
        if goal_id is not None:
            self.window.select_goal(goal_id)
        self.window.raise_()
        self.window.activateWindow()
        self.window.statusBar().showMessage(
            tr("{0} {1}の項目 {2} を開きました。").format(fiscal_year_label(year), department, code), 6000)


class _ClosesWith(QObject):
    """Closes ``view`` when the main window closes (the view has no parent that would take it along)."""

    def __init__(self, view: QWidget, window: QMainWindow):
        super().__init__(window)
        self.view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Close:
            self.view.close()
        return False


def install(window) -> CollectionActions:
    return CollectionActions(window)
