"""Where the program's own files and the user's working data live.

This is the only module that knows the layouts; everything else asks it.

The program's own files (resources/ and the bundled data/) are found in one of three layouts:
- source tree or editable install: ``<repo>/resources``, ``<repo>/data`` beside the package;
- installed wheel: mapped into the package, ``hoshin_desktop/resources``, ``hoshin_desktop/data``;
- frozen (PyInstaller onedir): ``<program folder>/_internal/resources`` and ``.../data``.

The user's working data live in the per-user *local* app-data folder, except in the portable
build: a marker file beside the program makes the data stay in a folder beside it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from . import APP_NAME

_PACKAGE_DIR = Path(__file__).resolve().parent

# The portable zip ships this file beside the executable; its presence is the whole switch.
PORTABLE_MARKER = "portable.txt"
PORTABLE_DATA_DIR = "userdata"
# %LOCALAPPDATA%\\hoshin_desktop: the installer's uninstaller leaves this folder alone.
WINDOWS_DATA_DIR = "hoshin_desktop"


def _install_root() -> Path:
    """The folder that holds resources/ and data/."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:  # PyInstaller onedir: the _internal folder beside the executable
        return Path(frozen_root)
    if (_PACKAGE_DIR / "data").is_dir():  # installed wheel: mapped into the package
        return _PACKAGE_DIR
    return _PACKAGE_DIR.parent  # source tree or editable install


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def resources_dir() -> Path:
    return _install_root() / "resources"


def data_dir() -> Path:
    return _install_root() / "data"


def reference_db_path() -> Path:
    """The bundled, read-only reference database (basic policies, departments)."""
    return data_dir() / "reference.db"


def resource(name: str) -> Path:
    return resources_dir() / name


def program_dir() -> Path | None:
    """The folder of the frozen executable; None when running from Python."""
    return Path(sys.executable).resolve().parent if is_frozen() else None


def portable_data_dir() -> Path | None:
    """The data folder beside the program when it was unpacked from the portable zip."""
    folder = program_dir()
    if folder is not None and (folder / PORTABLE_MARKER).is_file():
        return folder / PORTABLE_DATA_DIR
    return None


def local_app_data_dir() -> Path:
    """The per-user *local* app-data folder (roaming folders are often on a server)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / WINDOWS_DATA_DIR
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_NAME


def default_user_data_dir() -> Path:
    """Where the working database lives unless --data-dir says otherwise."""
    return portable_data_dir() or local_app_data_dir()
