"""ファイル → Word 文書から取り込み: what was read from the .docx, checked before anything is stored.

The file is read off the GUI thread (ui/adoption_actions.py); this dialog shows for which year and
部 it was read (changeable: the title may not say), how many goals and answers, everything that could
not be placed or was placed by a judgement, and the proposed pins of goals that name no directive,
each to be confirmed with its check box. 「取り込む」 stores it as one undo step of that plan.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.wareki import fiscal_year_label
from ..services.word_blocks import WordSource
from ..services.word_plan_import import WordPlan, WordPlanError, guess_key, interpret
from .i18n import tr
from .wheel_guard import ChoiceBox
from .widgets import fit_to_screen


class WordImportDialog(QDialog):
    def __init__(self, session, source: WordSource, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("wordImportDialog")
        self.setWindowTitle(tr("Word 文書から取り込み"))
        self.session = session
        self.source = source
        self.read: WordPlan | None = None
        year, department = guess_key(session, source)
        self.year = ChoiceBox()
        self.year.setAccessibleName(tr("年度"))
        for known in session.fiscal_years():
            self.year.addItem(fiscal_year_label(known), known)
        self.year.setCurrentIndex(max(0, self.year.findData(year if year in session.fiscal_years() else None)))
        self.department = ChoiceBox()
        self.department.setAccessibleName(tr("部"))
        self._fill_departments(department)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("wordImportSummary")
        self.findings = QPlainTextEdit()
        self.findings.setReadOnly(True)
        self.findings.setAccessibleName(tr("取り込めなかったものと、確かめてほしいもの"))
        columns = [tr("関連付ける"), tr("No."), tr("目標"), tr("提案する基本方針の項目")]
        self.proposals = QTableWidget(0, len(columns))
        self.proposals.setHorizontalHeaderLabels(columns)
        self.proposals.setAccessibleName(tr("基本方針の関連付けの提案"))
        self.proposals.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.proposals.verticalHeader().hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("取り込む"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("キャンセル"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.year.currentIndexChanged.connect(self._year_changed)
        self.department.currentIndexChanged.connect(lambda _i: self._read_again())
        self._read_again()
        fit_to_screen(self, 860, 640)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(tr("ファイル:"), QLabel(self.source.name))
        form.addRow(tr("年度(&Y):"), self.year)
        form.addRow(tr("部(&B):"), self.department)
        proposals_note = QLabel(tr("基本方針の項目番号が書かれていない目標には、文章の近さから項目を提案しています。"
                                   "正しいものだけチェックを付けてください（付けなかった目標は、取り込んだあとで関連付けます）。"))
        proposals_note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(tr("取り込めなかったもの・確かめてほしいもの:")))
        layout.addWidget(self.findings, 2)
        layout.addWidget(proposals_note)
        layout.addWidget(self.proposals, 2)
        layout.addWidget(self.buttons)

    def _fill_departments(self, chosen: str | None) -> None:
        self.department.blockSignals(True)
        self.department.clear()
        year = self.year.currentData()
        for unit in self.session.departments(year) if year is not None else []:
            self.department.addItem(unit.name, unit.name)
        self.department.setCurrentIndex(self.department.findData(chosen) if chosen else -1)
        self.department.blockSignals(False)

    def _year_changed(self) -> None:
        self._fill_departments(self.department.currentData())
        self._read_again()

    def _read_again(self) -> None:
        """Read the document as the plan of the chosen year and 部 (quick: the file was read already)."""
        self.read = None
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        year, department = self.year.currentData(), self.department.currentData()
        if year is None or department is None:
            self._show_problem(tr("表題から部を読み取れませんでした。取り込む部を選んでください。"))
            return
        try:
            self.read = interpret(self.session, self.source, year, department)
        except (WordPlanError, LookupError) as error:
            self._show_problem(str(error))
            return
        plan = self.read.plan
        added = (tr("\n取り込むと、{0}の課の一覧に次の課を加えます: {1}").format(department, "、".join(self.read.new_sections))
                 if self.read.new_sections else "")
        self.summary.setText(tr("{0} {1}の計画として、目標{2}件、部の方針{3}項目を読み取りました。"
                                "取り込んだあと、内容を確かめてください。{4}").format(
            fiscal_year_label(year), department, len(plan.goals), len(plan.answers), added))
        report = self.read.report()
        self.findings.setPlainText("\n".join(report) if report else tr("（すべて読み取れました）"))
        self._show_proposals()
        ok.setEnabled(True)

    def _show_problem(self, text: str) -> None:
        self.summary.setText(text)
        self.findings.setPlainText("")
        self.proposals.setRowCount(0)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def _show_proposals(self) -> None:
        proposals = self.read.proposals if self.read else []
        self.proposals.setRowCount(len(proposals))
        for row, proposal in enumerate(proposals):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            check.setCheckState(Qt.CheckState.Unchecked)
            check.setData(Qt.ItemDataRole.UserRole, proposal.goal)
            self.proposals.setItem(row, 0, check)
            self.proposals.setItem(row, 1, QTableWidgetItem(proposal.number))
            self.proposals.setItem(row, 2, QTableWidgetItem(proposal.title or tr("（目標名なし）")))
            self.proposals.setItem(row, 3, QTableWidgetItem("、".join(proposal.codes)))
        self.proposals.resizeColumnsToContents()
        self.proposals.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def accepted_proposals(self) -> set[int]:
        """The goals (local ids) whose proposed directives the user checked."""
        rows = (self.proposals.item(row, 0) for row in range(self.proposals.rowCount()))
        return {item.data(Qt.ItemDataRole.UserRole) for item in rows
                if item is not None and item.checkState() == Qt.CheckState.Checked}
