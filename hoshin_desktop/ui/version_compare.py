"""「版の比較」: choose two 版 of the plan (kept when the 版 was raised or the plan fixed, or the
plan as it is now) and read the redline between them, as after the interview."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from ..domain.wareki import fiscal_year_label, format_moment
from ..services import snapshots
from ..storage.errors import StorageError
from . import alerts
from .i18n import tr
from .redline_view import RedlineView
from .wheel_guard import ChoiceBox

NOW = snapshots.NOW


class VersionChooser(QDialog):
    def __init__(self, kept: list, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("versionChooser")
        self.setWindowTitle(tr("版の比較"))
        self.older, self.newer = ChoiceBox(), ChoiceBox()
        self.older.setAccessibleName(tr("比較のもとの版"))
        self.newer.setAccessibleName(tr("比較する版"))
        for combo in (self.older, self.newer):
            for snapshot in kept:
                combo.addItem(f"{snapshot.label}（{format_moment(snapshot.taken_at)}）", snapshot.id)
            combo.addItem(NOW, snapshots.CURRENT)
        self.older.setCurrentIndex(len(kept) - 1)
        self.newer.setCurrentIndex(len(kept))
        form = QFormLayout(self)
        form.addRow(QLabel(tr("どの版からどの版への変更を表示するかを選んでください。")))
        form.addRow(tr("比較のもと"), self.older)
        form.addRow(tr("比較する版"), self.newer)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("比較"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("キャンセル"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen(self) -> tuple[tuple[int | None, str], tuple[int | None, str]]:
        return ((self.older.currentData(), self.older.currentText().split("（")[0]),
                (self.newer.currentData(), self.newer.currentText().split("（")[0]))


def show_version_redline(parent: QWidget, session, plan) -> RedlineView | None:
    kept = session.snapshots(plan)
    if not kept:
        alerts.info(parent, tr("版の比較"), tr(
            "この計画には、まだ版の記録がありません。版を上げる（第2版など）か確定すると、その時点の内容が記録され、"
            "比較できるようになります。"))
        return None
    chooser = VersionChooser(kept, parent)
    if not alerts.run_dialog(chooser):
        return None
    (older, older_label), (newer, newer_label) = chooser.chosen()
    try:
        comparison = snapshots.compare(session, plan, older, newer)
    except (LookupError, ValueError, StorageError) as exc:
        alerts.error(parent, tr("版の比較"), str(exc))
        return None
    title = snapshots.version_title(plan, older_label, newer_label)
    view = RedlineView(comparison, title, tr("{0}_{1}_版の比較").format(fiscal_year_label(plan.fiscal_year), plan.department), parent)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    view.show()
    return view
