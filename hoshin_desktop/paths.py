"""Where the program's own files live: the source tree, an installed wheel, or a frozen build.

This is the only module that knows the three layouts; everything else asks it.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _install_root() -> Path:
    """The folder that holds resources/ and data/."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:  # PyInstaller onedir: bundled next to the executable's _internal
        return Path(frozen_root)
    if (_PACKAGE_DIR / "resources").is_dir():  # installed wheel: mapped into the package
        return _PACKAGE_DIR
    return _PACKAGE_DIR.parent  # source tree or editable install


def resources_dir() -> Path:
    return _install_root() / "resources"


def data_dir() -> Path:
    return _install_root() / "data"


def reference_db_path() -> Path:
    """The bundled, read-only reference database (basic policies, departments)."""
    return data_dir() / "reference.db"


def resource(name: str) -> Path:
    return resources_dir() / name
