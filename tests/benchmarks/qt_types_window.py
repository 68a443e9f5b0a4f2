"""The floor with the app's Qt types: what PySide6 spends on the Qt classes the app's window uses.

PySide6 makes each Qt class's Python type the first time Python names it (an import, an
attribute, an object Qt hands to Python), and with it all of that class's enums, as Python
Enum types. That cost comes with the classes a window uses, whoever writes the window. This
measures it apart from the app's own work, in two steps (no budget; beside the start-up figure):

- ``python qt_types_window.py collect DATA_DIR OUT.json`` starts the app on ``DATA_DIR`` in
  this process and writes the Qt types PySide6 had made by the first paint;
- ``python qt_types_window.py DATA_DIR TYPES.json`` makes those types, then runs the floor
  (plain_window.py) unchanged.
"""

import json
import sys
from pathlib import Path

MODULES = ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets")


def made_types() -> dict[str, list[str]]:
    """The Qt types made so far: a type PySide6 has not made yet is not in its module's namespace."""
    return {name: sorted(key for key, value in vars(sys.modules[name]).items() if isinstance(value, type))
            for name in MODULES if name in sys.modules}


def collect(data_dir: Path, out: Path) -> None:
    from argparse import Namespace

    from hoshin_desktop.ui import application

    made: dict[str, list[str]] = {}
    keep = application.keep_what_start_up_made

    def at_first_paint() -> None:  # called once the window has painted, in both ways of starting
        made.update(made_types())
        keep()

    application.keep_what_start_up_made = at_first_paint
    code = application.run(Namespace(data_dir=data_dir, exit_after_startup=True))
    if code != 0 or not made:
        raise SystemExit(f"the app did not reach its first paint (exit {code})")
    out.write_text(json.dumps(made), encoding="utf-8")


def floor_with_types(data_dir: Path, types: Path) -> None:
    import importlib

    for module_name, names in json.loads(types.read_text(encoding="utf-8")).items():
        module = importlib.import_module(module_name)
        for name in names:
            getattr(module, name)
    sys.path.insert(0, str(Path(__file__).parent))
    import plain_window

    plain_window.main(data_dir)


if __name__ == "__main__":
    if sys.argv[1] == "collect":
        collect(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        floor_with_types(Path(sys.argv[1]), Path(sys.argv[2]))
