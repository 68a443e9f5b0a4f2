"""「基本方針の対応表」: review last year's directives against this year's, line by line, and confirm.

Each line shows last year's text with what was struck, this year's with what was added,
the kind of change and the similarity; the user corrects a line by choosing another
continuation (or 廃止) and confirms the whole table. Two old directives may be pointed at
one new directive: that says they were merged. The dialog is not modal: it opens after a
policy import without blocking the window.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.policy_mapping import DROPPED, NEW, MappingLine, corrections, counts, mapping_lines
from ..domain.textdiff import DELETE, EQUAL, INSERT, diff_runs
from ..domain.wareki import fiscal_year_label
from ..services import lineage
from ..storage.errors import StorageError
from . import alerts
from .i18n import tr
from .wheel_guard import ChoiceBox
from .widgets import fit_to_screen

_STYLES = {
    DELETE: "color:#a40000; text-decoration:line-through; background:#fde7e7;",
    INSERT: "color:#0a3d91; text-decoration:underline; background:#e3eeff;",
}


def marked_html(old: str, new: str, side: str) -> str:
    """One side of the diff as HTML: ``side`` DELETE shows ``old`` with its deletions marked,
    INSERT shows ``new`` with its insertions marked."""
    parts = []
    for run in diff_runs(old, new):
        if run.op != EQUAL and run.op != side:
            continue
        text = html.escape(run.text).replace("\n", "<br>")
        parts.append(text if run.op == EQUAL else f'<span style="{_STYLES[side]}">{text}</span>')
    return "".join(parts)


class DirectiveMappingDialog(QDialog):
    """The mapping from ``from_year``'s directives to ``to_year``'s, to review and confirm."""

    confirmed = Signal()

    def __init__(self, session, from_year: int, to_year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("directiveMappingDialog")
        self.session = session
        self.from_year, self.to_year = from_year, to_year
        self.old = session.policy(from_year).directives
        self.new = session.policy(to_year).directives
        mapping = lineage.directive_mapping(session, from_year, to_year)
        self.lines: list[MappingLine] = mapping.lines
        self.setWindowTitle(tr("基本方針の対応表（{0} → {1}）").format(
            fiscal_year_label(from_year), fiscal_year_label(to_year)))
        self.state = QLabel()
        self.state.setObjectName("mappingState")
        self.state.setWordWrap(True)
        columns = [tr("前年度"), tr("前年度の文（削られた部分）"), tr("今年度"), tr("今年度の文（加わった部分）"), tr("種類"),
                   tr("類似度")]
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setAccessibleName(tr("基本方針の項目の対応表"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.Fixed, QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        self.table.setColumnWidth(2, 190)
        self.choices: dict[int, QComboBox] = {}  # row → the continuation chooser of an old directive
        buttons = QDialogButtonBox()
        self.confirm_button = buttons.addButton(tr("この対応で確定"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.reset_button = buttons.addButton(tr("提案に戻す"), QDialogButtonBox.ButtonRole.ResetRole)
        buttons.addButton(tr("閉じる"), QDialogButtonBox.ButtonRole.RejectRole)
        self.confirm_button.clicked.connect(self.confirm)
        self.reset_button.clicked.connect(self.reset_to_proposal)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._set_state(mapping.confirmed)
        self._fill()
        fit_to_screen(self, 1200, 720)

    # --- the table --------------------------------------------------------------------------

    def _fill(self) -> None:
        texts_old = {d.code: d.text for d in self.old}
        texts_new = {d.code: d.text for d in self.new}
        shared = {line.new for line in self.lines if line.old and line.new}
        merged = {code for code in shared if sum(1 for each in self.lines if each.old and each.new == code) > 1}
        self.table.setRowCount(0)  # drops the cell widgets of the lines before
        self.choices = {}
        self.table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            old_text = texts_old.get(line.old, "")
            new_text = texts_new.get(line.new, "")
            self.table.setItem(row, 0, QTableWidgetItem(line.old or "—"))
            self.table.setCellWidget(row, 1, self._text(marked_html(old_text, new_text if line.old else "", DELETE)))
            if line.old is None:
                self.table.setItem(row, 2, QTableWidgetItem(line.new or ""))  # a 新規 line: new is set
            else:
                self.table.setCellWidget(row, 2, self._choice(row, line))
            self.table.setCellWidget(row, 3, self._text(marked_html(old_text, new_text, INSERT) if line.new else ""))
            kind = line.label + (tr("（統合）") if line.new in merged and line.old else "")
            self.table.setItem(row, 4, QTableWidgetItem(kind))
            self.table.setItem(row, 5, QTableWidgetItem(f"{line.score:.2f}"))
        self.table.resizeRowsToContents()

    @staticmethod
    def _text(markup: str) -> QLabel:
        label = QLabel(markup)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setContentsMargins(4, 2, 4, 2)
        return label

    def _choice(self, row: int, line: MappingLine) -> QWidget:
        combo = ChoiceBox()
        combo.setAccessibleName(tr("{0} を引き継ぐ今年度の項目").format(line.old))
        combo.addItem(tr("廃止"), None)
        for directive in self.new:
            combo.addItem(f"{directive.code}  {_clip(directive.text)}", directive.code)
        combo.setCurrentIndex(max(0, combo.findData(line.new)) if line.new else 0)
        combo.currentIndexChanged.connect(lambda _index, r=row: self._corrected(r))
        self.choices[row] = combo
        cell = QWidget()  # keeps the combo its own height at the top of a tall row
        layout = QVBoxLayout(cell)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(combo)
        layout.addStretch(1)
        return cell

    def choice(self, old_code: str) -> QComboBox:
        """The continuation chooser of ``old_code``'s line (its first, when it was split)."""
        for row, line in enumerate(self.lines):
            if line.old == old_code:
                return self.choices[row]
        raise KeyError(old_code)

    def pairs(self) -> list[tuple[str, str]]:
        return [(line.old, line.new) for line in self.lines if line.old and line.new]

    def _corrected(self, row: int) -> None:
        line = self.lines[row]
        target = self.choices[row].currentData()
        pairs = [p for p in self.pairs() if p != (line.old, line.new)]
        if target is not None and line.old is not None:  # a row with a choice continues an old directive
            pairs.append((line.old, target))
        self.lines = mapping_lines(self.old, self.new, pairs)
        self._set_state(False)
        # not inside the signal of a combo that _fill replaces; the user's place and focus stay on the line
        QTimer.singleShot(0, lambda: self._refill_keeping_place(line.old))

    def _refill_keeping_place(self, old_code: str | None) -> None:
        """Show the corrected lines where the user was: the table scrolled as before, the keyboard on the
        chooser just used (refilling the table dropped both: the view jumped to the top, focus to nowhere)."""
        bar = self.table.verticalScrollBar()
        focus = self.focusWidget()
        position, focused = bar.value(), focus is not None and self.table.isAncestorOf(focus)
        if focused:
            self.table.setFocus()  # off the chooser about to be deleted: its window would lose the focus with it
        self._fill()
        bar.setValue(position)
        if focused and old_code is not None:
            self.choice(old_code).setFocus(Qt.FocusReason.OtherFocusReason)

    def reset_to_proposal(self) -> None:
        self.lines = lineage.proposal(self.session, self.from_year, self.to_year).lines
        self._set_state(False)
        self._fill()

    def _set_state(self, confirmed: bool) -> None:
        dropped = sum(1 for line in self.lines if line.new is None)
        fresh = sum(1 for line in self.lines if line.kind == NEW)
        head = tr("確定済みの対応です。") if confirmed else tr("アプリの提案です（まだ確定していません）。")
        self.state.setText(head + tr(
            "各行の「今年度」で、前年度の項目を引き継ぐ今年度の項目を選び直せます（なければ「廃止」）。"
            "2つの項目に同じ今年度の項目を選ぶと「統合」になります。廃止 {0} 件、新規 {1} 件。").format(dropped, fresh))

    def confirm(self) -> None:
        """Say what differs from the app's proposal and ask; store; then say what was stored."""
        proposal = lineage.proposal(self.session, self.from_year, self.to_year).lines
        if not alerts.ask_yes_no(self, tr("基本方針の対応表の確定"), self._question(proposal), default_yes=True):
            return
        try:
            self.lines = lineage.confirm(self.session, self.from_year, self.to_year, self.pairs()).lines
        except (StorageError, LookupError, ValueError) as exc:  # keep the dialog and the corrections
            alerts.error(self, tr("対応表を保存できません"), str(exc))
            return
        self._set_state(True)
        self.confirmed.emit()
        owner = self.parentWidget() or self
        self.accept()
        alerts.info(owner, tr("基本方針の対応表を確定しました"), self._summary() + tr(
            "前年度の計画を引き継ぐと、目標の関連付けはこの対応で今年度の項目に付け替わります。"
            "「表示」→「基本方針の対応表」でいつでも見直せます。"))

    def _question(self, proposal: list[MappingLine]) -> str:
        changed = corrections(proposal, self.lines)
        if not changed:
            head = tr("アプリの提案のとおりです（選び直した行はありません）。\n")
        else:
            head = tr("アプリの提案から選び直した行が {0} 件あります:\n").format(len(changed)) + "\n".join(
                tr("・{0}　提案: {1}　→　確定: {2}").format(
                    self._named(fix.old, self.old), self._targets(fix.proposed), self._targets(fix.chosen))
                for fix in changed) + "\n\n"
        return head + self._summary() + tr("この対応で確定しますか？")

    def _summary(self) -> str:
        tally = counts(self.lines)
        return tr("前年度の {0} 項目のうち引き継ぎ {1} 件（統合 {2} 件）、廃止 {3} 件。今年度の新規 {4} 件。\n").format(
            len(self.old), len(self.old) - tally[DROPPED], tally["merged"], tally[DROPPED], tally[NEW])

    def _targets(self, codes: tuple[str, ...]) -> str:
        return "、".join(self._named(code, self.new) for code in codes) or tr("廃止")

    @staticmethod
    def _named(code: str, directives) -> str:
        text = next((d.text for d in directives if d.code == code), "")
        return f"{code} {_clip(text, 16)}"


def _clip(text: str, length: int = 10) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= length else text[:length] + "…"


def show_mapping(parent: QWidget, session, to_year: int) -> DirectiveMappingDialog | None:
    """Open the review of ``to_year`` against the previous year's policy (not modal); None when
    ``to_year`` is the first year with a policy."""
    from_year = lineage.previous_policy_year(session, to_year)
    if from_year is None:
        return None
    dialog = DirectiveMappingDialog(session, from_year, to_year, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def open_mapping(parent: QWidget, session, to_year: int) -> DirectiveMappingDialog | None:
    """「基本方針の対応表」 from the menu: say so when there is no earlier year to compare with."""
    dialog = show_mapping(parent, session, to_year)
    if dialog is None:
        alerts.info(parent, tr("基本方針の対応表"), tr(
            "{0}より前の年度の基本方針がないため、対応表はありません。前年度の基本方針を取り込むと作れます。"
            ).format(fiscal_year_label(to_year)))
    return dialog
