"""「組織の引き継ぎ」: how this year's 部 continue last year's (組織改正), shown before anything is carried.

One row per 部 of the year: the 部 of last year it continues, the kind (継続・名称変更・分割・統合・
新設) and why the app proposes it (同じ名前, 同じ課がある, 名前が似ている) or 記録済み; under the table,
the 課 that moved to another 部 and last year's 部 that no 部 continues. 「前年度の部を選ぶ…」 records
the current row's predecessors; 「課の引き継ぎを選ぶ…」 records which of last year's 課 (of any 部) a 課 of
the current row's 部 continues (a 課 renamed, or moved from another 部); 「提案をすべて記録」 records every
proposal as it stands. All are the session's operations, run through the window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.organisation import Lineage
from ..domain.wareki import fiscal_year_label
from ..services.organisation import lineage_changes, year_lineage
from . import alerts
from .i18n import tr
from .wheel_guard import ChoiceBox
from .widgets import fit_to_screen


class OrganisationDialog(QDialog):
    """The year's organisation lineage, to check and record; not modal, refreshed by the window's changes."""

    def __init__(self, window, fiscal_year: int, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.setObjectName("organisationDialog")
        self.window_ = window
        self.fiscal_year = fiscal_year
        self.note = QLabel()
        self.note.setWordWrap(True)
        columns = [tr("今年度の部"), tr("引き継ぐ前年度の部"), tr("種類"), tr("根拠")]
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setAccessibleName(tr("今年度の部と前年度の部の対応"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)  # the 根拠 whole: 「提案: 名前が似ている」
        self.table.itemDoubleClicked.connect(lambda _item: self.choose_predecessors())
        self.others = QLabel()
        self.others.setObjectName("organisationChanges")
        self.others.setWordWrap(True)
        self.others.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton(tr("前年度の部を選ぶ…"))
        self.choose_button.clicked.connect(self.choose_predecessors)
        self.section_button = QPushButton(tr("課の引き継ぎを選ぶ…"))
        self.section_button.clicked.connect(self.choose_section_predecessors)
        self.record_button = QPushButton(tr("提案をすべて記録"))
        self.record_button.clicked.connect(self.record_proposals)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("閉じる"))
        buttons.addButton(self.choose_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.section_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.record_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.others)
        layout.addWidget(buttons)
        fit_to_screen(self, 820, 560)
        self.lineage: Lineage | None = None
        self.refresh()

    def apply(self, change) -> None:
        """A window watcher: the organisation changed (here or in the 部・課 editors)."""
        if change.organisation:
            self.refresh()

    def refresh(self) -> None:
        session = self.window_.session
        self.lineage = year_lineage(session, self.fiscal_year)
        self.table.setRowCount(0)
        if self.lineage is None:
            self.setWindowTitle(tr("組織の引き継ぎ"))
            self.note.setText(tr("{0}より前の年度の部の一覧がないため、引き継ぐ部はありません。").format(fiscal_year_label(self.fiscal_year)))
            for button in (self.record_button, self.choose_button, self.section_button):
                button.setEnabled(False)
            return
        lineage = self.lineage
        self.setWindowTitle(tr("組織の引き継ぎ（{0} → {1}）").format(fiscal_year_label(lineage.from_year),
                                                             fiscal_year_label(lineage.to_year)))
        proposed = [name for name in lineage.departments if name not in lineage.recorded]
        self.note.setText(tr(
            "{0}の部が{1}のどの部を引き継ぐかです。前年度の計画の目標は、この対応と担当課に従って引き継がれます"
            "（名前の変わった部・統合した部・課の移った部）。「提案」の行はアプリの提案です。違っていれば行を選んで"
            "「前年度の部を選ぶ…」で直し、合っていれば「提案をすべて記録」を押します。").format(
            fiscal_year_label(lineage.to_year), fiscal_year_label(lineage.from_year)))
        for department, olds in lineage.departments.items():
            row = self.table.rowCount()
            self.table.insertRow(row)
            basis = lineage.basis.get(department, "")
            values = (department, tr("・").join(olds) or tr("（なし）"), lineage.kind(department),
                      basis if department in lineage.recorded else tr("提案: {0}").format(basis))
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        changes = lineage_changes(lineage)
        self.others.setText("\n".join(changes) if changes else tr("課の移動や、引き継ぐ部のない前年度の部はありません。"))
        self.record_button.setEnabled(bool(proposed))
        if self.table.currentRow() < 0 and self.table.rowCount():
            self.table.selectRow(0)

    def current_department(self) -> str | None:
        item = self.table.item(self.table.currentRow(), 0)
        return item.text() if item is not None else None

    def choose_predecessors(self) -> None:
        department = self.current_department()
        if department is None or self.lineage is None:
            return
        chosen = choose_departments(self, department, self.lineage)
        if chosen is not None:
            session = self.window_.session
            self.window_.run_command(lambda: session.set_department_predecessors(self.fiscal_year, department, chosen).with_(
                message=tr("{0}が引き継ぐ前年度の部を記録しました。").format(department)), self)

    def choose_section_predecessors(self) -> None:
        department = self.current_department()
        if department is None or self.lineage is None:
            return
        session = self.window_.session
        sections = [s.name for s in session.department(self.fiscal_year, department).sections]
        if not sections:
            alerts.info(self, tr("課の引き継ぎ"),
                        tr("{0}には課がありません。先に「編集」→「この部の課の一覧を編集…」で課を足してください。").format(department))
            return
        olds = [(d.name, s.name) for d in session.departments(self.lineage.from_year) for s in d.sections]
        chosen = choose_sections(self, department, sections, olds, self.lineage)
        if chosen is not None:
            section, links = chosen
            self.window_.run_command(lambda: session.set_section_predecessors(self.fiscal_year, department, section, links).with_(
                message=tr("{0}の{1}が引き継ぐ前年度の課を記録しました。").format(department, section)), self)

    def record_proposals(self) -> None:
        if self.lineage is None:
            return
        session, lineage = self.window_.session, self.lineage

        def record():
            change = None
            for department, olds in lineage.departments.items():
                if department not in lineage.recorded:
                    step = session.set_department_predecessors(self.fiscal_year, department, olds)
                    change = step if change is None else change | step
            return change.with_(message=tr("組織の引き継ぎを記録しました。")) if change is not None else None

        self.window_.run_command(record, self)


class _Checklist(QDialog):
    """A note, optionally a chooser above, and last year's names each with a check box; OK or Cancel."""

    def __init__(self, parent: QWidget, title: str, note: str, what: str, names: list[str],
                 above: QWidget | None = None, size: tuple[int, int] = (420, 480)):
        super().__init__(parent)
        self.setWindowTitle(title)
        label = QLabel(note)
        label.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(what)
        for name in names:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        if above is not None:
            layout.addWidget(above)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, *size)

    def set_checked(self, rows: set[int]) -> None:
        for i in range(self.list.count()):
            self.list.item(i).setCheckState(Qt.CheckState.Checked if i in rows else Qt.CheckState.Unchecked)

    def checked(self) -> list[int]:
        return [i for i in range(self.list.count()) if self.list.item(i).checkState() == Qt.CheckState.Checked]


class PredecessorPicker(_Checklist):
    """Last year's 部, each with a check box: the ones ``department`` continues (none: a new 部)."""

    def __init__(self, parent: QWidget, department: str, lineage: Lineage):
        super().__init__(parent, tr("{0}が引き継ぐ前年度の部").format(department),
                         tr("{0}が引き継ぐ{1}の部にチェックを付けてください（名称変更は1つ、統合は2つ以上、"
                            "新設ならチェックなし）。").format(department, fiscal_year_label(lineage.from_year)),
                         tr("前年度の部"), lineage.old_departments)
        self.setObjectName("predecessorPicker")
        self.olds = lineage.old_departments
        current = set(lineage.departments.get(department, []))
        self.set_checked({i for i, name in enumerate(self.olds) if name in current})

    def chosen(self) -> list[str]:
        return [self.olds[i] for i in self.checked()]


def choose_departments(parent: QWidget, department: str, lineage: Lineage) -> list[str] | None:
    picker = PredecessorPicker(parent, department, lineage)
    return picker.chosen() if alerts.run_dialog(picker) else None


class SectionPredecessorPicker(_Checklist):
    """A 課 of ``department`` and, each with a check box, last year's 課 it continues: the same 課, a 課
    renamed, or one that moved from another 部 (its goals then follow it into this 部's plan)."""

    def __init__(self, parent: QWidget, department: str, sections: list[str], olds: list[tuple[str, str]],
                 lineage: Lineage):
        self.section = ChoiceBox()
        self.section.setAccessibleName(tr("今年度の課"))
        self.section.addItems(sections)
        super().__init__(parent, tr("{0}の課が引き継ぐ前年度の課").format(department),
                         tr("課を選び、その課が引き継ぐ{0}の課にチェックを付けてください（ほかの部から移った課は、"
                            "その部の課に。新設ならチェックなし）。").format(fiscal_year_label(lineage.from_year)),
                         tr("前年度の課"), [tr("{0}／{1}").format(*old) for old in olds], above=self.section, size=(460, 520))
        self.setObjectName("sectionPredecessorPicker")
        self.department, self.lineage, self.olds = department, lineage, olds
        self.section.currentTextChanged.connect(self._show_links)
        self._show_links(self.section.currentText())

    def _show_links(self, section: str) -> None:
        """The chosen 課's links as recorded or proposed."""
        current = set(self.lineage.sections.get((self.department, section), []))
        self.set_checked({i for i, old in enumerate(self.olds) if old in current})

    def chosen(self) -> tuple[str, list[tuple[str, str]]]:
        return self.section.currentText(), [self.olds[i] for i in self.checked()]


def choose_sections(parent: QWidget, department: str, sections: list[str], olds: list[tuple[str, str]],
                    lineage: Lineage) -> tuple[str, list[tuple[str, str]]] | None:
    picker = SectionPredecessorPicker(parent, department, sections, olds, lineage)
    return picker.chosen() if alerts.run_dialog(picker) else None


def show_organisation(window, fiscal_year: int) -> OrganisationDialog:
    """Open (not modal) the year's organisation lineage, kept up to date by the window's changes."""
    dialog = OrganisationDialog(window, fiscal_year)
    window.watchers.add(dialog)
    dialog.finished.connect(lambda _result: window.watchers.remove(dialog))
    dialog.show()
    return dialog
