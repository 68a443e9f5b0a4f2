"""「指示事項」: the interview's instructions of one plan, filtered by status, each edited in place.

Every change is stored as it is made (texts a moment after typing stops, and when the panel
closes), each an undo step of the plan (「元に戻す: 指示事項の編集」); a fixed plan's instructions
stay editable. The panel shows again what a Change says (``apply``), an undo from the main window
included.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.cycle import FIRST_GIVER, STATUS_LABELS, STATUSES, Instruction, usual_giver
from ..domain.wareki import fiscal_year_label, format_date
from ..services import year_cycle as cycle
from ..services.change import Change
from . import alerts
from .date_field import DateField, to_date, to_qdate
from .i18n import tr
from .wheel_guard import ChoiceBox
from .widgets import fit_to_screen, table_item

TYPING_PAUSE_MS = 500
Runner = Callable[[Callable[[], Change], QWidget], "Change | None"]  # runs an operation, its messages over the dialog


def filters() -> tuple[tuple[str, str], ...]:
    """The choices of 表示: (key of cycle.instructions, label)."""
    return (("all", tr("すべて")), ("not_done", tr("未完了（未対応・対応中）")), ("open", tr("未対応")),
            ("in_progress", tr("対応中")), ("done", tr("対応済み")))


def new_text() -> str:
    """A new instruction's text, selected so that typing replaces it."""
    return tr("（指示事項を入力）")


class InstructionsPanel(QDialog):
    """Not modal: it stays open beside the main window (or the review panel)."""

    def __init__(self, editor, run: Runner, parent=None):
        super().__init__(parent)
        self.editor = editor
        self.run = run
        self.setWindowTitle(tr("面談における指示事項と対応状況 — {0} {1}").format(
            fiscal_year_label(editor.plan.fiscal_year), editor.plan.department))
        fit_to_screen(self, 1100, 640)
        self.current: Instruction | None = None  # the one in the form; None while the form is filled
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TYPING_PAUSE_MS)
        self.timer.timeout.connect(self.save)
        self.filter = ChoiceBox()
        self.filter.setAccessibleName(tr("対応状況で絞り込み"))
        for key, label in filters():
            self.filter.addItem(label, key)
        self.filter.currentIndexChanged.connect(lambda _i: self.show_list())
        self.count = QLabel()
        add = QPushButton(tr("指示事項を追加"))
        add.clicked.connect(self.add)
        self.remove = QPushButton(tr("削除"))
        self.remove.clicked.connect(self.delete_current)
        export = QPushButton(tr("一覧を Word に書き出し…"))
        export.clicked.connect(self.export)
        close = QPushButton(tr("閉じる"))
        close.clicked.connect(self.close)
        top = QHBoxLayout()
        for widget in (QLabel(tr("表示:")), self.filter, self.count):
            top.addWidget(widget)
        top.addStretch(1)
        for button in (add, self.remove, export, close):
            top.addWidget(button)
        columns = [tr("日付"), tr("指示者"), tr("指示事項"), tr("関連"), tr("期限"), tr("状況"), tr("対応の内容")]
        self.table = QTableWidget(0, len(columns))
        self.table.setAccessibleName(tr("指示事項の一覧"))
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        for column in (0, 4):  # 令和6年10月10日 whole, not 「令和6年10月…」
            self.table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.itemSelectionChanged.connect(self._selected)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 3)
        layout.addLayout(self._form(), 2)
        self.show_list()

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        self.given_on = DateField()  # 令和, as the cover's date and the interview's
        self.given_by = ChoiceBox()
        self.given_by.setEditable(True)
        self.given_by.addItems(self.editor.session.instruction_givers())
        self.goal = ChoiceBox()
        self.directive = ChoiceBox()
        self.has_due = QCheckBox(tr("期限あり"))
        self.due = DateField()
        self.status = ChoiceBox()
        for status in STATUSES:
            self.status.addItem(STATUS_LABELS[status], status)
        self.text = QPlainTextEdit()
        self.response = QPlainTextEdit()
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        for label, widget in ((tr("日付"), self.given_on), (tr("指示者"), self.given_by), (tr("指示事項"), self.text),
                              (tr("関連する目標"), self.goal), (tr("関連する基本方針"), self.directive),
                              (tr("期限"), due_row), (tr("対応状況"), self.status), (tr("対応の内容"), self.response)):
            if isinstance(widget, QHBoxLayout):
                form.addRow(label, widget)
            else:
                widget.setAccessibleName(label)
                form.addRow(label, widget)
        for widget in (self.text, self.response):
            widget.textChanged.connect(self.timer.start)
        self.given_by.currentTextChanged.connect(lambda _t: self.timer.start())
        for signal in (self.given_on.dateChanged, self.due.dateChanged, self.has_due.toggled,
                       self.goal.currentIndexChanged, self.directive.currentIndexChanged, self.status.currentIndexChanged):
            signal.connect(lambda *_a: self.save())
        return form

    # --- the list ---------------------------------------------------------------------------------

    def set_filter(self, key: str) -> None:
        self.filter.setCurrentIndex(self.filter.findData(key))

    def shown(self) -> list[Instruction]:
        key = self.filter.currentData()
        return cycle.instructions(self.editor.plan, None if key == "all" else key)

    def show_list(self, select: int | None = None) -> None:
        self.save()
        items = self.shown()
        numbers = cycle.goal_numbers(self.editor.plan)
        self.table.blockSignals(True)
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            for column in range(self.table.columnCount()):
                cell = QTableWidgetItem()
                cell.setData(Qt.ItemDataRole.UserRole, item.id)
                self.table.setItem(row, column, cell)
            self._write_row(row, item, numbers)
        self.table.blockSignals(False)
        total = len(self.editor.plan.instructions)
        self.count.setText(tr("{0}件を表示（全{1}件、未完了{2}件）").format(
            len(items), total, len(cycle.instructions(self.editor.plan, "not_done"))))
        ids = [item.id for item in items]
        row = ids.index(select) if select in ids else (0 if ids else -1)
        if row < 0:
            self._show_item(None)
            return
        self.table.selectRow(row)
        self._selected()

    def _selected(self) -> None:
        self.save()
        rows = self.table.selectionModel().selectedRows()
        item_id = table_item(self.table, rows[0].row(), 0).data(Qt.ItemDataRole.UserRole) if rows else None
        if self._drop_untouched(keep=item_id):
            self.show_list(select=item_id)
            return
        self._show_item(self._held(item_id))

    def _show_item(self, item: Instruction | None) -> None:
        self.current = None  # no saving while the form is filled
        plan = self.editor.plan
        for widget in (self.given_on, self.given_by, self.goal, self.directive, self.has_due, self.due, self.status,
                       self.text, self.response, self.remove):
            widget.setEnabled(item is not None)
        self.goal.clear()
        self.goal.addItem(tr("（なし）"), None)
        for number, goal in cycle.ordered_goals(plan):
            self.goal.addItem(f"No.{number} {goal.title.splitlines()[0] if goal.title else ''}", goal.id)
        self.directive.clear()
        self.directive.addItem(tr("（なし）"), None)
        for directive in self.editor.policy.directives:
            self.directive.addItem(f"{directive.code} {directive.text[:30]}", directive.code)
        if item is not None:
            self.given_on.setDate(to_qdate(item.given_on))
            self.given_by.setCurrentText(item.given_by)
            self.text.setPlainText(item.text)
            self.goal.setCurrentIndex(max(0, self.goal.findData(item.goal)))
            self.directive.setCurrentIndex(max(0, self.directive.findData(item.directive)))
            self.has_due.setChecked(item.due is not None)
            self.due.setDate(to_qdate(item.due or date.today()))
            self.status.setCurrentIndex(self.status.findData(item.status))
            self.response.setPlainText(item.response)
        else:
            self.text.clear()
            self.response.clear()
        self.timer.stop()
        self.current = item

    # --- edits ------------------------------------------------------------------------------------

    def edited(self) -> Instruction | None:
        if self.current is None:
            return None
        due = to_date(self.due.date()) if self.has_due.isChecked() else None
        return Instruction(to_date(self.given_on.date()), self.given_by.currentText(), self.text.toPlainText(),
                           self.goal.currentData(), self.directive.currentData(), due, self.status.currentData(),
                           self.response.toPlainText(), self.current.id)

    def save(self) -> None:
        """Store the form (no message while the text is still empty: it is being written)."""
        self.timer.stop()
        edited = self.edited()
        if edited is None or edited == self.current or not edited.text.strip() or not edited.given_by.strip():
            return
        if self.run(lambda: self.editor.update_instruction(edited), self) is not None:
            self.current = self._held(edited.id)
            self._refresh_row()

    def _refresh_row(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and self.current is not None:
            self._write_row(rows[0].row(), self.current, cycle.goal_numbers(self.editor.plan))

    def _write_row(self, row: int, item: Instruction, numbers: dict[int, str]) -> None:
        """Every column of one row, dates as on the printed list's pages (令和6年4月10日);
        ``numbers``: the plan's goal numbers (counted once for the whole list)."""
        concerns = "、".join(([tr("目標 No.{0}").format(numbers[item.goal])] if item.goal in numbers else [])
                            + ([tr("基本方針 {0}").format(item.directive)] if item.directive else []))
        values = (format_date(item.given_on), item.given_by, item.text, concerns,
                  format_date(item.due) if item.due else "", STATUS_LABELS[item.status], item.response)
        for column, value in enumerate(values):
            table_item(self.table, row, column).setText(value)

    def _drop_untouched(self, keep: int | None = None) -> bool:
        """An instruction added and left as it came (its text still 「（指示事項を入力）」) is not kept:
        it would be printed in the list of instructions."""
        item = self.current
        if item is None or item.id == keep or item.text != new_text() or self.text.toPlainText() != item.text:
            return False
        self.current = None
        self.run(lambda: self.editor.delete_instruction(item.id), self)
        return True

    def add(self) -> None:
        self.save()
        self._drop_untouched()
        givers = self.editor.session.instruction_givers()
        given_by = givers[usual_giver(givers, self.editor.department.interviewer)] if givers else FIRST_GIVER
        change = self.run(lambda: self.editor.add_instruction(Instruction(date.today(), given_by, new_text())), self)
        if change is None:
            return
        self.set_filter("all")
        self.show_list(select=next(iter(change.instructions)))
        self.text.setFocus()
        self.text.selectAll()

    def delete_current(self) -> None:
        if self.current is None or not alerts.ask_yes_no(self, tr("指示事項の削除"), tr(
                "選んでいる指示事項を削除しますか？\n（削除したあとでも、計画の画面の「元に戻す」（Ctrl+Z）で取り消せます）")):
            return
        item_id, self.current = self.current.id, None
        self.run(lambda: self.editor.delete_instruction(item_id), self)
        self.show_list()

    def _held(self, item_id: int | None) -> Instruction | None:
        return next((i for i in self.editor.plan.instructions if i.id == item_id), None)

    def apply(self, change: Change) -> None:
        """Show again what ``change`` concerns: the list (and the form, when what it shows was changed
        from elsewhere, an undo say) after 指示事項 changed; the goals it may name after goals changed."""
        if not self.isVisible() or not (change.instructions or change.numbers or change.goal_texts or change.lock):
            return
        shown = self.current.id if self.current is not None else None
        if self.current is not None and self._held(shown) == self.edited():
            self.current = self._held(shown)  # our own save: the form already shows it
        self.show_list(select=shown)

    def export(self) -> None:
        from ..export.filenames import instructions_file_name
        from ..export.review_sheets import write_instructions_docx
        from .export_actions import save_word

        self.save()
        plan, policy = self.editor.plan, self.editor.policy
        save_word(self, tr("指示事項の一覧を書き出し"),
                  instructions_file_name(plan.fiscal_year, plan.department),
                  lambda path: write_instructions_docx(plan, policy, path))

    def done(self, result: int) -> None:  # noqa: D401 (Qt's name): closing keeps what was typed
        self.save()
        self._drop_untouched()
        super().done(result)
