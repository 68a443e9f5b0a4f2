"""Writing an export file safely, and saying in Japanese why it could not be written.

The file is written next to the target under a temporary name and moved into place in
one step, so a failed export never leaves half a file and never destroys the previous
one. The conditions of the user's machine (the target open in Word, a read-only or
vanished folder, a full disk, a path too long for Windows) become ``ExportError``s whose
text tells the user what happened and what to do; the UI offers another name or folder.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Word (and Explorer) cannot open a path longer than this, whatever Windows allows.
MAX_PATH_CHARS = 259

# Windows error numbers Python does not map to errno.
_WIN_FOLDER_GONE = {2, 3, 53, 64, 67, 1231}  # not found: file, path, network path; share dropped; unreachable
_WIN_IN_USE = {32, 33}  # sharing violation, lock violation (the file is open in Word)
_WIN_DISK_FULL = {39, 112}
_WIN_NAME_TOO_LONG = {206}
_FILE_ATTRIBUTE_READONLY = 0x1


class ExportError(Exception):
    """Writing ``path`` failed because of the user's machine. ``str()`` is the message for the user."""

    def __init__(self, message: str, path: Path):
        super().__init__(message)
        self.path = Path(path)


class TargetInUse(ExportError):
    def __init__(self, path: Path):
        super().__init__(
            f"「{Path(path).name}」は Word などのほかのプログラムで開かれているため、上書きできませんでした。"
            "そのファイルを閉じてからもう一度書き出すか、別の名前で保存してください。", path)


class TargetProtected(ExportError):
    def __init__(self, path: Path):
        super().__init__(
            f"「{Path(path).name}」は読み取り専用か、変更できないように保護されているため、上書きできませんでした。"
            "ファイルのプロパティで「読み取り専用」を外すか、別の名前で保存してください。", path)


class FolderNotWritable(ExportError):
    def __init__(self, path: Path):
        super().__init__(
            f"フォルダー「{Path(path).parent}」には書き込む権限がありません（読み取り専用です）。"
            "別のフォルダーを選んでください。", path)


class FolderMissing(ExportError):
    def __init__(self, path: Path):
        super().__init__(
            f"フォルダー「{Path(path).parent}」が見つかりません。削除されたか、ネットワークのフォルダーが"
            "切断されている可能性があります。接続を確認するか、別のフォルダーを選んでください。", path)


class NoSpace(ExportError):
    def __init__(self, path: Path):
        super().__init__(
            f"保存先（{Path(path).parent}）の空き容量が足りないため、書き出せませんでした。"
            "不要なファイルを削除するか、別のフォルダーを選んでください。以前のファイルはそのまま残っています。", path)


class PathTooLong(ExportError):
    def __init__(self, path: Path):
        super().__init__(
            f"保存先のパスが長すぎます（{len(str(path))}文字）。Word で開けるのは{MAX_PATH_CHARS}文字までです。"
            "もっと浅いフォルダーを選ぶか、短い名前にしてください。", path)


class TargetIsFolder(ExportError):
    def __init__(self, path: Path):
        super().__init__(
            f"「{Path(path).name}」という名前のフォルダーがあるため、その名前では保存できません。"
            "別の名前を指定してください。", path)


def classify(exc: OSError, path: Path, *, replacing: bool = False) -> ExportError:
    """The ExportError for an OSError met while writing ``path``."""
    path = Path(path)
    winerror = getattr(exc, "winerror", None)
    code = exc.errno
    if code == errno.ENAMETOOLONG or winerror in _WIN_NAME_TOO_LONG:
        return PathTooLong(path)
    if code == errno.ENOSPC or winerror in _WIN_DISK_FULL:
        return NoSpace(path)
    if code == errno.EISDIR or path.is_dir():
        return TargetIsFolder(path)
    if winerror in _WIN_IN_USE:
        return TargetInUse(path)
    if replacing and isinstance(exc, PermissionError) and path.exists():
        return _refused_target(path, on_windows=winerror is not None)
    if isinstance(exc, PermissionError) or code == errno.EROFS:
        return FolderNotWritable(path)
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)) or winerror in _WIN_FOLDER_GONE:
        return FolderMissing(path)
    reason = exc.strerror or str(exc)
    return ExportError(f"「{path}」に保存できませんでした（{reason}）。別の名前か別のフォルダーを指定してください。", path)


def _refused_target(path: Path, *, on_windows: bool) -> ExportError:
    """Why an existing file could not be replaced. Only on Windows does an open document (Word)
    refuse it; a read-only or immutable file, or a folder without write permission, is said as such."""
    try:
        read_only = bool(getattr(os.stat(path), "st_file_attributes", 0) & _FILE_ATTRIBUTE_READONLY)
    except OSError:
        read_only = False
    if on_windows and not read_only:
        return TargetInUse(path)
    if not on_windows and not os.access(path.parent, os.W_OK):
        return FolderNotWritable(path)
    return TargetProtected(path)


def check_path(path: Path) -> Path:
    path = Path(path).absolute()
    if len(str(path)) > MAX_PATH_CHARS:
        raise PathTooLong(path)
    return path


@contextmanager
def atomic_target(path: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; when the block succeeds, move it into place.

    On any failure the temporary file is removed and the old ``path`` is left untouched.
    """
    path = check_path(path)
    if path.is_dir():
        raise TargetIsFolder(path)
    _clean_leftovers(path.parent)
    partial = path.with_name(f".~{secrets.token_hex(6)}.tmp")
    try:
        with open(partial, "xb"):  # created here, so that a folder problem is reported as one
            pass
    except OSError as exc:
        raise classify(exc, path) from exc
    try:
        yield partial
        _flush_to_disk(partial)
        os.replace(partial, path)
    except OSError as exc:
        _discard(partial)
        raise classify(exc, path, replacing=True) from exc
    except BaseException:
        _discard(partial)
        raise


_LEFTOVER = re.compile(r"^\.~[0-9a-f]{12}\.tmp$")
LEFTOVER_AGE_S = 300  # no export takes this long: an older temporary file was left by a killed app


def _clean_leftovers(folder: Path) -> None:
    """Remove this app's temporary files that an export killed half-way left in ``folder``."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        try:
            if _LEFTOVER.match(entry.name) and entry.is_file() and now - entry.stat().st_mtime > LEFTOVER_AGE_S:
                os.unlink(entry.path)
        except OSError:  # in use (Windows) or already gone: leave it
            continue


def _discard(partial: Path) -> None:
    try:
        partial.unlink(missing_ok=True)
    except OSError:  # the folder itself is gone: nothing is left to clean
        pass


def _flush_to_disk(path: Path) -> None:
    """Make sure the bytes are on the disk before the old file is replaced (power cuts)."""
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def write_bytes(path: Path, data: bytes) -> Path:
    with atomic_target(path) as partial:
        partial.write_bytes(data)
    return Path(path)
