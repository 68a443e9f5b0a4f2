"""The questions opening the data may need, asked with dialogs (see services/startup.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ..services.startup import CorruptChoice
from ..storage.errors import DatabaseCorrupt, DatabaseForeign, DatabaseMissing
from ..storage.lock import LockInfo
from . import alerts
from .i18n import tr

if TYPE_CHECKING:
    from ..storage.backups import Backup


class DialogQuestions:
    def __init__(self, parent: QWidget | None = None):
        self.parent = parent

    def already_running(self, info: LockInfo) -> None:
        alerts.info(self.parent, tr("すでに開いています"), tr(
            "このデータは別の画面で開いています{0}。開いている画面を前面に表示します。\n"
            "同じデータを2つの画面で同時に編集することはできません。").format(info.describe()))

    def recovered_after_crash(self, info: LockInfo) -> None:
        alerts.info(self.parent, tr("前回は正しく終了しませんでした"), tr(
            "前回の作業{0}は、アプリが正しく終了しないまま終わりました。\n"
            "データを検査し、問題がないことを確認しました。保存済みの入力はすべて残っています。").format(info.describe()))

    def network_location(self, data_dir) -> bool:
        return alerts.ask_yes_no(self.parent, tr("ネットワーク上のフォルダーです"), tr(
            "作業データのフォルダー（{0}）は、ネットワーク上（ファイル共有）にあります。\n"
            "ネットワーク上ではデータが壊れるおそれがあるため、自分の PC の中のフォルダーを使ってください"
            "（共有フォルダーには、書き出した Word 文書や計画ファイルを置きます）。\n\nそれでも開きますか？").format(data_dir))

    def damaged(self, error: DatabaseCorrupt, backup: Backup | None) -> CorruptChoice:
        kept = tr("壊れたファイルは削除せず、別のフォルダーに移して残します。")
        if isinstance(error, DatabaseMissing):
            title, what = tr("データが見つかりません"), tr(
                "作業データ（hoshin.db）が見つからないか、空になっています。以前のバックアップがあるので、"
                "初めての起動ではありません（同期ソフトやお掃除ソフトがファイルを消したり空にしたりすることがあります）。")
        elif isinstance(error, DatabaseForeign):
            title, what = tr("このアプリのデータではありません"), str(error)
        else:
            title, what = tr("データが壊れています"), tr("作業データが壊れているため開けません。\n{0}").format(kept)
        if backup is not None:
            choice = alerts.choose(self.parent, title, tr(
                "{0}\n\n最新の正常なバックアップ（{1}）から復元できます。"
                "それ以降の入力は失われます。").format(what, backup.label),
                [tr("バックアップから復元する"), tr("新しいデータで始める")], cancel=tr("終了する"))
            return [CorruptChoice.RESTORE, CorruptChoice.START_EMPTY, CorruptChoice.QUIT][2 if choice is None else choice]
        choice = alerts.choose(self.parent, title, tr("{0}\n\n復元できる正常なバックアップはありません。").format(what),
            [tr("新しいデータで始める")], cancel=tr("終了する"))
        return CorruptChoice.START_EMPTY if choice == 0 else CorruptChoice.QUIT


class DiagnosticQuestions:
    """--exit-after-startup: never wait for a click; report on stderr and do not start."""

    def __init__(self, report):
        self.report = report

    def already_running(self, info: LockInfo) -> None:
        self.report(tr("このデータは別の画面で開いています{0}。").format(info.describe()))

    def recovered_after_crash(self, info: LockInfo) -> None:
        self.report(tr("前回は正しく終了しませんでした。データは検査済みです。"))

    def network_location(self, data_dir) -> bool:
        self.report(tr("作業データのフォルダー（{0}）がネットワーク上にあるため、開きません。").format(data_dir))
        return False

    def damaged(self, error: DatabaseCorrupt, backup: Backup | None) -> CorruptChoice:
        self.report(str(error))
        return CorruptChoice.QUIT
