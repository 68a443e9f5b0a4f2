"""提出前の確認 in the window: a panel the drafter opens any time (F7), and the same list before
an export or a printout, where 「このまま書き出す」 goes on and an item jumps to its place.

The findings come from ``services.submission``; this module only shows them and moves the
window to a finding's place (``show_finding``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.checks import Finding, Place, RulesError
from ..domain.models import GOAL_TEXT_FIELDS
from . import alerts
from .i18n import tr
from .reveal import scroll_to
from .widgets import fit_to_screen


def current_findings(window) -> list[Finding]:
    from ..services.submission import findings

    if window.editor is None:
        return []
    try:
        return findings(window.editor.plan, window.editor.policy, marks=window.session.review_marks())
    except RulesError as error:
        alerts.error(window, tr("提出前の確認ができません"), str(error))
        return []


class FindingList(QWidget):
    """The findings, one a line; activating one (double click, Enter) asks to go to its place."""

    placeRequested = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(tr("提出前の確認の一覧"))
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(lambda item: self.placeRequested.emit(item.data(Qt.ItemDataRole.UserRole)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)

    def show_findings(self, findings: list[Finding]) -> None:
        self.list.clear()
        for finding in findings:
            item = QListWidgetItem(finding.line())
            item.setData(Qt.ItemDataRole.UserRole, finding.place)
            item.setToolTip(tr("ダブルクリックでその場所へ移動します"))
            self.list.addItem(item)
        self.summary.setText(tr("受け取る側が差し戻しそうな点が{0}件あります。ダブルクリックでその場所へ移動します。").format(len(findings))
                             if findings else tr("気になる点は見つかりませんでした。"))


class SubmissionPanel(QDockWidget):
    def __init__(self, window):
        super().__init__(tr("提出前の確認"), window)
        self.setObjectName("submissionPanel")
        self.window_ = window
        body = QWidget()
        self.findings = FindingList()
        self.findings.placeRequested.connect(lambda place: show_finding(window, place))
        again = QPushButton(tr("もう一度確認"))
        again.clicked.connect(self.refresh)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.findings, 1)
        layout.addWidget(again)
        self.setWidget(body)

    def refresh(self) -> None:
        if self.window_.commit_edits():
            self.findings.show_findings(current_findings(self.window_))

    def open(self) -> None:
        self.show()
        self.raise_()
        self.refresh()
        self.findings.list.setFocus(Qt.FocusReason.OtherFocusReason)


def show_finding(window, place: Place) -> None:
    """Move the window to ``place``: the goal's field, the answer, the signer or the preamble."""
    if place.kind == "goal":
        window.select_goal(place.key)
        editor = window.panes.goal_editor
        if place.field in GOAL_TEXT_FIELDS:
            _mark(window, window.panes.goal_scroll, editor.fields[place.field], place.word)
        elif place.field == "owner_sections":
            scroll_to(window.panes.goal_scroll, editor.sections)
            editor.sections.setFocus(Qt.FocusReason.OtherFocusReason)
        elif place.field == "reviews":  # the reason is written in the 年度末評価 panel
            window.year_cycle.show_reviews("final")
            if window.year_cycle.review_panel is not None:
                window.year_cycle.review_panel.select_goal(place.key)
        else:  # pins are made in the basic policy tree
            window.panes.tree.setFocus(Qt.FocusReason.OtherFocusReason)
    elif place.kind == "answer":
        window.panes.tree.select_directive(place.key)
        _mark(window, window.panes.document_scroll, window.panes.answer_panel.answer, place.word)
    elif place.kind == "dropped" and isinstance(place.key, int):
        show_dropped_answer(window, place.key)
    else:
        window.panes.header.set_open(True)
        if place.kind == "signers":
            names = window.panes.header.signers.fields()[1::2]
            target = names[min(place.key or 0, len(names) - 1)] if names else window.panes.header.signers
        else:
            target = window.panes.header.preamble
        scroll_to(window.panes.document_scroll, target)
        target.setFocus(Qt.FocusReason.OtherFocusReason)


def show_dropped_answer(window, item_id: int) -> None:
    """The 部の方針 written last year for a directive dropped since: to copy (and use under this year's
    items) or to mark as seen (an undo step)."""
    from PySide6.QtWidgets import QApplication

    item = next((d for d in window.editor.plan.dropped if d.id == item_id), None) if window.editor else None
    if item is None:
        return
    chosen = alerts.choose(window, tr("廃止された項目の部の方針"), tr(
        "{0}です。その項目に書いていた部の方針です（今年度の項目の部の方針に使えます）:\n\n{1}").format(item.reason, item.text),
        [tr("文をコピー"), tr("確認済みにする")], cancel=tr("閉じる"))
    if chosen == 0:
        QApplication.clipboard().setText(item.text)
        window.statusBar().showMessage(tr("前年度の部の方針をコピーしました。今年度の項目の部の方針に貼り付けられます。"), 8000)
    elif chosen == 1:
        window.run_command(lambda: window.workspace.open_editor.dismiss_dropped([item_id]))


def _mark(window, scroll, field, word: str) -> None:
    if word:
        window.marker.show(scroll, field, word)
    else:
        window.marker.clear()
        scroll_to(scroll, field)
    field.setFocus(Qt.FocusReason.OtherFocusReason)


class BeforeOutputDialog(QDialog):
    """The findings before an export or a printout: go on anyway, or go back to one of them."""

    def __init__(self, parent, findings: list[Finding], go_on: str):
        super().__init__(parent)
        self.setWindowTitle(tr("提出前の確認"))
        self.chosen: Place | None = None
        self.list = FindingList()
        self.list.show_findings(findings)
        self.list.placeRequested.connect(self._go_to)
        self.buttons = QDialogButtonBox()
        self.go_on = self.buttons.addButton(go_on, QDialogButtonBox.ButtonRole.AcceptRole)
        self.back = self.buttons.addButton(tr("戻って直す"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 640, 420)
        self.go_on.setDefault(True)
        self.go_on.setFocus()  # Enter goes on, as the default button shows (not to the first finding)

    def _go_to(self, place: Place) -> None:
        self.chosen = place
        self.reject()


def confirm_before_output(window, plan, policy, go_on: str, marks=()) -> bool:
    """True to go on: nothing found, or the drafter chose to go on anyway. An item jumps there.
    ``marks``: the city's review scale."""
    from ..services.submission import findings

    try:
        found = findings(plan, policy, marks=marks)
    except RulesError as error:
        alerts.warning(window, tr("提出前の確認ができません"), str(error))
        return True
    if not found:
        return True
    dialog = BeforeOutputDialog(window, found, go_on)
    try:
        go = alerts.run_dialog(dialog)
        place = dialog.chosen
    finally:
        dialog.deleteLater()
    if place is not None and hasattr(window, "goal_editor"):
        show_finding(window, place)
    return go
