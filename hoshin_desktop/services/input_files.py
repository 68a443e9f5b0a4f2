"""Reading a file the user chose to import: checked before it is opened, read bounded.

A path can name a FIFO (which would block forever), a device such as /dev/zero (which never
ends), a folder, or a 3 GB file; each is refused by its type and size before a byte is read,
and the read itself stops at the limit in case the file grows meanwhile.
"""

from __future__ import annotations

import errno
import stat
from pathlib import Path

from ..domain.text import readable_name

# Windows error numbers Python does not map to errno.
_WIN_IN_USE = {32, 33}


class InputFileError(ValueError):
    """The file cannot be read; ``str()`` says why and what to do, in Japanese."""


def os_error_message(exc: OSError, path: Path | str | None = None) -> str:
    """Why an operating-system call on ``path`` failed, in Japanese, with what to do."""
    where = f"「{readable_name(str(path))}」" if path else "ファイル"
    code, winerror = exc.errno, getattr(exc, "winerror", None)
    if winerror in _WIN_IN_USE:
        return f"{where}はほかのプログラムが使用中です。そのプログラムを閉じてから、もう一度お試しください。"
    messages = {
        errno.ENOENT: f"ファイル{where}が見つかりません。場所と名前を確かめてください。",
        errno.ENOTDIR: f"{where}の途中のフォルダーが見つかりません。場所を確かめてください。",
        errno.EACCES: f"{where}を読み書きする権限がありません。権限を確かめるか、別の場所を選んでください。",
        errno.EPERM: f"{where}は変更できないように保護されています（読み取り専用など）。保護を外すか、別の場所を選んでください。",
        errno.EROFS: f"{where}は読み取り専用の場所にあります。書き込める場所を選んでください。",
        errno.ENOSPC: f"{where}の保存先の空き容量が足りません。不要なファイルを削除して空き容量を増やしてから、もう一度お試しください。",
        errno.EEXIST: f"{where}はすでにあります。別の名前を指定してください。",
        errno.EISDIR: f"{where}はフォルダーです。ファイルを指定してください。",
        errno.ENAMETOOLONG: f"{where}の名前（パス）が長すぎます。もっと浅いフォルダーか短い名前にしてください。",
        errno.EIO: f"{where}の読み書き中にディスクのエラーが起きました。ディスクや接続を確かめてください。",
        errno.EBUSY: f"{where}はほかのプログラムが使用中です。しばらくしてからもう一度お試しください。",
    }
    if code in messages:
        return messages[code]
    return f"{where}を扱えませんでした（エラー番号 {code}）。場所と権限を確かめてから、もう一度お試しください。"


def read_limited(path: Path, limit: int, what: str = "ファイル") -> bytes:
    """The bytes of the regular file ``path``, refused if it is not one or is larger than ``limit``."""
    path = Path(path)
    shown = readable_name(str(path))
    try:
        info = path.stat()
    except OSError as exc:
        raise InputFileError(os_error_message(exc, path)) from None
    except ValueError:  # a NUL in the name
        raise InputFileError(f"「{shown}」はファイルの名前として使えない文字を含んでいます。") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputFileError(f"「{shown}」はフォルダーです。{what}を指定してください。")
    if not stat.S_ISREG(info.st_mode):
        raise InputFileError(f"「{shown}」は普通のファイルではありません（装置やパイプなど）。{what}を指定してください。")
    if info.st_size > limit:
        raise InputFileError(f"「{readable_name(path.name)}」が大きすぎます（{info.st_size / 1e6:,.1f} MB。"
                             f"{limit / 1e6:,.0f} MB まで）。{what}を指定してください。")
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise InputFileError(os_error_message(exc, path)) from None
    if len(raw) > limit:
        raise InputFileError(f"「{readable_name(path.name)}」が大きすぎます（{limit / 1e6:,.0f} MB まで）。{what}を指定してください。")
    return raw


# Kinds of file, by their first bytes, that arrive where a plan file or a policy text is expected.
ZIP, OLE, RTF, PDF = "zip", "ole", "rtf", "pdf"
_SIGNATURES = ((b"PK\x03\x04", ZIP), (b"\xd0\xcf\x11\xe0", OLE), (b"{\\rtf", RTF), (b"%PDF", PDF))


def file_kind(raw: bytes) -> str | None:
    """ZIP (.docx, .xlsx, .zip), OLE (.doc, .xls), RTF or PDF; None for anything else (text, say)."""
    head = raw[:8].removeprefix(b"\xef\xbb\xbf")
    return next((kind for magic, kind in _SIGNATURES if head.startswith(magic)), None)


def is_blank(value) -> bool:
    """null, or text of blanks only: what Excel-style tools write for an empty cell."""
    return value is None or (isinstance(value, str) and not value.strip())
