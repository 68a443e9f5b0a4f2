"""Imports from the window: read off the GUI thread behind a progress dialog, and undoable.

Every import (a basic policy, a plan file) backs the data up first; 「編集 → 取り込む前に戻す」
puts that backup back, so an import replaced by mistake costs nothing. The current data is
itself backed up before it is replaced, so even going back can be undone from the backups.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from . import alerts
from .i18n import tr


class BeforeImport(NamedTuple):
    """What the last import replaced: the backup taken just before it, and what it was."""

    backup: Path
    what: str  # 「令和7年度の基本方針」, 「令和6年度 政策部の計画」


class LastImport:
    """The window's 「取り込む前に戻す」: what the last import replaced, and the menu item that puts it back."""

    def __init__(self, action) -> None:
        self.action = action
        self.before: BeforeImport | None = None

    def remember(self, backup: Path, what: str) -> None:
        self.before = BeforeImport(backup, what)
        self.action.setEnabled(True)
        self.action.setText(tr("取り込む前に戻す: {0}").format(what))

    def forget(self) -> None:
        self.before = None
        self.action.setEnabled(False)
        self.action.setText(tr("取り込む前に戻す"))


# --- after an import (ui/file_commands.py) ----------------------------------------------------------

def imported(window, what: str) -> None:
    """After an import: offer to go back to the backup it just took (the Workspace kept its path)."""
    if window.workspace.import_backup is not None:
        window.last_import.remember(window.workspace.import_backup, what)


# --- going back ----------------------------------------------------------------------------------------

def undo_import(window) -> None:
    """Put back the data as it was before the last import (after backing up the data as it is)."""
    before = window.last_import.before
    if before is None or not before.backup.exists():
        alerts.info(window, tr("取り込む前に戻す"), tr("戻せる取り込みはありません（バックアップが見つかりません）。"
                                                  "「ファイル」→「バックアップから復元」から選べます。"))
        return
    if not window.commit_edits() or not alerts.ask_yes_no(window, tr("取り込む前に戻す"), tr(
            "{0}を取り込む前のデータに戻します。取り込んだ後に入力した内容も戻ります。\n"
            "今のデータは先にバックアップするので、あとで「バックアップから復元」で戻すこともできます。\n\n戻しますか？").format(before.what)):
        return
    if window.run_command(lambda: window.workspace.restore(before.backup, tr("{0}を取り込む前のデータ").format(before.what)),
                          failure=tr("元に戻せませんでした"), refusal=tr("元に戻せませんでした")) is not None:
        window.last_import.forget()
