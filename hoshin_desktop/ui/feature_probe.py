"""PySide6's import hook, answered ahead for the modules of a start.

Once PySide6 is loaded, every module named in an import statement (loaded before or not) is
looked at once: PySide6 reads its source (``inspect.getsource``) to learn whether it mentions
PySide6 and so may switch on ``from __feature__ import snake_case``. For the ~150 modules a start
names (ours and the standard library's) that was 24 M instructions, 1.4% of a start. No
module of the app uses ``__feature__``; this writes down, before the window's modules are
imported, what the hook would have found: a module of ``ui/`` uses PySide6 with no feature (0),
any other module of the app or already loaded does not use it (-1, "ignore").

PySide6 keeps those answers in ``shibokensupport.feature.pyside_feature_dict``. Where a version
of PySide6 keeps them elsewhere nothing is written, and the hook reads the sources as before.
"""

from __future__ import annotations

import os
import sys

NO_FEATURE, NOT_PYSIDE = 0, -1  # PySide6's own marks (feature.py)


def answer_ahead() -> int:
    """Mark the modules loaded so far and every module of the app; how many were marked."""
    import PySide6.QtCore  # noqa: F401  (loads PySide6, which installs the hook and its table)

    table = getattr(sys.modules.get("shibokensupport.feature"), "pyside_feature_dict", None)
    if not isinstance(table, dict):
        return 0
    before = len(table)
    for name in [*app_modules(), *sys.modules]:
        table.setdefault(name, NO_FEATURE if _in_ui(name) else NOT_PYSIDE)
    return len(table) - before


def app_modules() -> list[str]:
    """The name of every module and package of the app, from the .py files in its folders (none in a
    frozen build, where the hook finds no source to read either). os.scandir: pathlib's glob took 2.5 ms."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    package = os.path.basename(root)
    names = []
    try:
        for entry in os.scandir(root):
            if entry.is_dir():
                names += _modules_in(os.listdir(entry.path), f"{package}.{entry.name}")
        return names + _modules_in(os.listdir(root), package)
    except OSError:  # no such folder: a frozen build
        return []


def _modules_in(files: list[str], package: str) -> list[str]:
    return [package if name == "__init__.py" else f"{package}.{name[:-3]}" for name in files if name.endswith(".py")]


def _in_ui(name: str) -> bool:
    return name == __package__ or name.startswith(f"{__package__}.")
