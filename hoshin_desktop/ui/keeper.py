"""What keeps the user's work safe around the window: the save state in the status bar, the
rotating backup while editing, saving at Windows logoff, and a second start asking forward."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel

from ..storage.errors import StorageError
from . import alerts
from .i18n import tr
from .running_app import application
from .style import show_save_state

ACTIVATION_POLL_MS = 1000
BACKUP_INTERVAL_MS = 5 * 60 * 1000  # a rotating backup every five minutes while the plan is being edited


class Keeper(QObject):
    def __init__(self, window, session):
        super().__init__(window)
        self._window = window
        self._session = session
        self._edited_since_backup = False
        self._error_shown = False
        self.save_state = QLabel(tr("入力は自動で保存されます"))
        self.save_state.setObjectName("saveState")
        self.save_state.setAccessibleName(tr("保存の状態"))
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_INTERVAL_MS)
        self.backup_timer.timeout.connect(self.periodic_backup)
        self.backup_timer.start()
        self.activation_timer = QTimer(self)
        self.activation_timer.setInterval(ACTIVATION_POLL_MS)
        self.activation_timer.timeout.connect(self._come_forward_if_asked)
        self.activation_timer.start()
        # Windows logoff or shutdown ends the app without closing the window: save first.
        application().commitDataRequest.connect(self._save_for_logoff)

    def _save_for_logoff(self, _manager) -> None:
        self._window.commit_edits()
        self._window.year_cycle.save_panels()

    def periodic_backup(self) -> None:
        if not self._edited_since_backup:
            return
        try:
            self._session.backup("periodic")
        except StorageError as exc:
            self._window.statusBar().showMessage(tr("バックアップを作れませんでした: {0}").format(exc), 10000)
            return
        self._tell_notices()
        self._edited_since_backup = False

    def _tell_notices(self) -> None:
        for notice in self._session.take_notices():  # e.g. a deleted -wal file, rescued
            alerts.warning(self._window, tr("作業データを保護しました"), notice)

    def _come_forward_if_asked(self) -> None:
        if self._session.activation_requested():
            window = self._window
            window.showNormal() if window.isMinimized() else window.show()
            window.raise_()
            window.activateWindow()

    def saved(self) -> None:
        self._tell_notices()
        self._edited_since_backup = True
        self._error_shown = False
        self.save_state.setText(tr("保存済み {0:%H:%M:%S}").format(datetime.now()))
        self.save_state.setToolTip(tr("入力した内容は自動で保存されます"))
        show_save_state(self.save_state, "ok")

    def pending(self, pending: bool) -> None:
        if pending and self.save_state.property("state") != "failed":
            self.save_state.setText(tr("入力中…"))

    def failed(self, message: str) -> None:
        self.save_state.setText(tr("保存できていません（自動で再試行します）"))
        self.save_state.setToolTip(message)
        show_save_state(self.save_state, "failed")
        if not self._error_shown:
            self._error_shown = True
            alerts.error(self._window, tr("保存できませんでした"),
                         message + tr("\n\n入力した内容は画面に残っており、数秒ごとに保存を再試行します。"))
