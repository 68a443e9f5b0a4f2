"""Storage errors sorted by whose fault they are, each with a Japanese message for the user.

"The environment's fault" (locked, full, read-only, damaged, too new) becomes one of the
classes below with a message that says what happened and what to do; anything else is
our bug and propagates unchanged.
"""

from __future__ import annotations

import errno
import sqlite3


class StorageError(Exception):
    """A condition of the user's machine, not a bug. ``str()`` is the user's message."""


class DatabaseTooNew(StorageError):
    def __init__(self, path):
        super().__init__(
            f"データ（{path}）は、より新しい版のアプリで保存されています。"
            "このアプリでは開けません（データは変更していません）。新しい版のアプリを使ってください。"
        )
        self.path = path


class DatabaseCorrupt(StorageError):
    def __init__(self, path, detail: str = ""):
        super().__init__(
            f"データ（{path}）が壊れているため開けません。"
            "バックアップから復元できます。壊れたファイルは上書きせずに残します。"
            + (f"（詳細: {detail}）" if detail else "")
        )
        self.path = path
        self.detail = detail


class DatabaseMissing(DatabaseCorrupt):
    """The working database is gone or empty while backups of earlier work exist: damage, not a first run."""

    def __init__(self, path, detail: str = ""):
        StorageError.__init__(
            self,
            f"作業データ（{path}）が見つからないか、空になっています。以前に作ったバックアップがあるため、"
            "初めての起動ではなく、ファイルが消えたか壊れたと考えられます（同期ソフトやウイルス対策ソフトが原因のことがあります）。"
            "バックアップから復元してください。" + (f"（詳細: {detail}）" if detail else "")
        )
        self.path = path
        self.detail = detail


class DatabaseForeign(DatabaseCorrupt):
    """In place of the working data: a SQLite file that is not the app's, or the app's with another
    program's -wal beside it. Treated like damage: kept untouched, a backup offered."""

    def __init__(self, path, *, wal: bool = False):
        what = (f"前回正しく終了しなかったときの一時ファイル（{path}-wal）が、このアプリのデータのものではありません"
                if wal else f"データ（{path}）は、このアプリの作業データではありません")
        StorageError.__init__(
            self,
            f"{what}（別のプログラムのファイルが置かれたと考えられます。同期ソフトの競合やコピーの間違いで起こることがあります）。"
            "このファイルは変更も削除もせずに残します。バックアップから復元してください。")
        self.path = path
        self.detail = "wal" if wal else "foreign"


class StorageUnavailable(StorageError):
    """The disk or folder failed to read or write (I/O error): the machine's condition, not damaged data."""

    def __init__(self, path=None):
        super().__init__(
            f"データの保存先（{path or '既定のフォルダー'}）の読み書きに失敗しました。"
            "ディスクの空き容量が足りないか、フォルダーへの書き込み権限がないか、ディスクに問題があります。"
            "空き容量と書き込み権限を確認してから、もう一度お試しください。データは壊れていないと考えられ、何も移動・変更していません。"
        )
        self.path = path


class DatabaseLocked(StorageError):
    def __init__(self, path=None, holder: str = ""):
        super().__init__(
            f"データが{holder or '別のプログラム（データベースを開くソフトなど）'}で使用中のため、しばらく待っても保存できませんでした。"
            "そのプログラムを閉じてから、もう一度お試しください。"
        )
        self.path = path


class DiskFull(StorageError):
    def __init__(self, path=None):
        super().__init__(
            "ディスクの空き容量が足りないため、保存できませんでした。"
            "不要なファイルを削除して空き容量を増やしてから、もう一度お試しください。入力した内容は画面に残っています。"
        )
        self.path = path


class ReadOnlyLocation(StorageError):
    def __init__(self, path=None):
        super().__init__(
            f"データの保存先（{path or '既定のフォルダー'}）に書き込めません。"
            "フォルダーの書き込み権限を確認するか、別の保存先を指定してください。"
        )
        self.path = path


def classify(exc: BaseException, path=None) -> BaseException:
    """Map a sqlite3/OS error to a StorageError, or return it unchanged if it is our bug."""
    if isinstance(exc, StorageError):
        return exc
    message = str(exc).lower()
    if isinstance(exc, sqlite3.Error):
        if "locked" in message or "busy" in message:
            return DatabaseLocked(path)
        if "full" in message:
            return DiskFull(path)
        if "readonly" in message or "read-only" in message:
            return ReadOnlyLocation(path)
        if "disk i/o" in message:
            return StorageUnavailable(path)
        if "malformed" in message or "not a database" in message or "corrupt" in message:
            return DatabaseCorrupt(path, str(exc))
        if "unable to open" in message:
            return ReadOnlyLocation(path)
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return DiskFull(path)
        # EEXIST: a file stands where a folder (backups) must be made
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR, errno.ENOENT, errno.EEXIST):
            return ReadOnlyLocation(path)
        if exc.errno == errno.EIO:
            return StorageUnavailable(path)
    return exc


def is_environment(exc: BaseException) -> bool:
    """True when ``exc`` is the machine's condition (full, read-only, I/O, locked), not damaged data."""
    mapped = classify(exc)
    return isinstance(mapped, StorageError) and not isinstance(mapped, DatabaseCorrupt)
