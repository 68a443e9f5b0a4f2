"""The layers stay apart: Qt only in ui/, sqlite-utils never in ui/, domain free of I/O libraries."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "hoshin_desktop"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def layer_files(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


FORBIDDEN = {
    "domain": ("PySide6", "shiboken6", "sqlite_utils", "sqlite3", "docx"),
    "storage": ("PySide6", "shiboken6", "docx"),
    "services": ("PySide6", "shiboken6"),
    "export": ("PySide6", "shiboken6", "sqlite_utils"),
    "ui": ("sqlite_utils", "sqlite3"),
}


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports(layer):
    files = layer_files(layer)
    assert files, f"layer {layer} has no modules"
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in files
        for name in imported_modules(path)
        if name.split(".")[0] in FORBIDDEN[layer]
    ]
    assert offenders == []


# --- the import graph: no loops, and every import points down the layers -------------------------

# A module may import what lies on its own level or below. Within a level, storage and export stay
# apart. paths.py and argparse_ja.py are base modules; printout.py paints the PDF's pages for ui/.
RANKS = {"domain": 0, "paths": 0, "argparse_ja": 0, "interrupts": 0, "__init__": 0, "storage": 1, "export": 1, "services": 2,
         "printout": 3, "ui": 3, "cli": 4, "cli_common": 4, "cli_organisation": 4, "cli_year": 4, "selftest": 4, "app": 5, "__main__": 6}
SIBLINGS_APART = {("storage", "export"), ("export", "storage")}


def _module_name(package: Path, path: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _typing_only(tree: ast.AST) -> set[int]:
    """Nodes under ``if TYPE_CHECKING:``: names for annotations, no import when the program runs."""
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(inner) for child in node.body for inner in ast.walk(child))
    return skipped


def import_graph(package: Path) -> dict[str, set[str]]:
    """Module → the package's modules it imports, at the top or inside a function (a lazy import is an
    import too: it only moves the moment the loop closes)."""
    modules = {_module_name(package, path): path for path in package.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = _typing_only(tree)
        here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        found = set()
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            if isinstance(node, ast.ImportFrom):
                base = here[:len(here) - node.level + 1] if node.level else []
                target = ".".join(base + ([node.module] if node.module else []))
                for alias in node.names:
                    full = f"{target}.{alias.name}"
                    found.add(full if full in modules else target)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
        graph[name] = {module for module in found if module in modules and module != name}
    return graph


def import_loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that import one another round a loop (strongly connected, Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    loops = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in sorted(graph[module]):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                loops.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return loops


def _level(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    return [f"{module} imports {other}" for module, others in sorted(graph.items()) for other in sorted(others)
            if RANKS[_level(other)] > RANKS[_level(module)] or (_level(module), _level(other)) in SIBLINGS_APART]


def test_no_module_imports_another_that_imports_it_back():
    assert import_loops(import_graph(PACKAGE)) == []


def test_every_import_points_down_the_layers():
    graph = import_graph(PACKAGE)
    assert {_level(module) for module in graph} <= set(RANKS), "a new top-level module needs its rank here"
    assert upward_imports(graph) == []


def test_the_graph_checks_see_a_loop_and_an_upward_import(tmp_path):
    package = tmp_path / "hoshin_desktop"
    for folder in ("domain", "services", "ui"):
        (package / folder).mkdir(parents=True)
        (package / folder / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "services" / "a.py").write_text("def f():\n    from . import b\n")  # lazy, still an import
    (package / "services" / "b.py").write_text("from .a import f\nfrom ..ui import c\n")
    (package / "ui" / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..services import a\n")
    graph = import_graph(package)
    assert import_loops(graph) == [["hoshin_desktop.services.a", "hoshin_desktop.services.b"]]
    assert upward_imports(graph) == ["hoshin_desktop.services.b imports hoshin_desktop.ui.c"]


def test_checker_sees_a_forbidden_import(tmp_path):
    """The check itself must be able to fail."""
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtWidgets import QWidget\nimport sqlite_utils\n", encoding="utf-8")
    assert {"PySide6.QtWidgets", "sqlite_utils"} <= imported_modules(bad)


def test_non_ui_layers_import_without_qt():
    """Importing every non-UI module must not load Qt (checked in a fresh interpreter)."""
    import subprocess
    import sys

    modules = [
        "hoshin_desktop." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
        for layer in ("domain", "storage", "services", "export")
        for p in layer_files(layer)
    ]
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules) + "print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PACKAGE.parent, check=True)
    assert out.stdout.strip() == "False"


# Qt outside ui/: only the printout, which paints the PDF's pages for print and preview.
QT_OUTSIDE_UI = {"printout.py"}


def test_qt_outside_ui_only_where_allowed():
    users = {
        path.name for path in PACKAGE.glob("*.py")
        if any(name.split(".")[0] in ("PySide6", "shiboken6") for name in imported_modules(path))
    }
    assert users == QT_OUTSIDE_UI


def test_the_database_stays_inside_the_session(session):
    """Services and tests reach storage through the Session's named functions, never its connection."""
    assert not hasattr(session, "db") and not hasattr(session.editor(2024, "政策部"), "db")
    package = Path(__file__).resolve().parents[1] / "hoshin_desktop"
    allowed = {package / "services" / "session.py", package / "services" / "plan_editor.py"}
    leaks = [str(path.relative_to(package)) for path in package.rglob("*.py")
             if "storage" not in path.relative_to(package).parts and path not in allowed
             and "._db" in path.read_text(encoding="utf-8")]
    assert leaks == []


def window_assignments(folder: Path) -> list[str]:
    """Assignments onto the window from modules other than main_window.py (``window.x = …``)."""
    found = []
    for path in sorted(folder.glob("*.py")):
        if path.name == "main_window.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
                node, (ast.AnnAssign, ast.AugAssign)) else []
            for target in targets:
                owner = ast.unparse(target.value) if isinstance(target, ast.Attribute) else ""
                if owner in ("window", "w", "self.window", "self._window"):
                    found.append(f"{path.name}:{node.lineno} {ast.unparse(target)}")
    return found


def test_the_window_declares_its_parts():
    """The builders return typed parts (panes, actions, menus, toolbar) that the window keeps; no other
    module sets attributes on the window."""
    assert window_assignments(PACKAGE / "ui") == []


def test_the_assignment_check_sees_one(tmp_path):
    (tmp_path / "helper.py").write_text("def build(window):\n    window.tree = object()\n", encoding="utf-8")
    assert window_assignments(tmp_path) == ["helper.py:2 window.tree"]


def test_the_main_window_stays_layout_menus_and_wiring():
    """Behaviour goes to the Workspace (services/) or to a panel or dialog module of its own."""
    lines = (PACKAGE / "ui" / "main_window.py").read_text(encoding="utf-8").count("\n")
    assert lines < 600, f"ui/main_window.py has {lines} lines: move the new behaviour into its own module"


# Made by the app only through ui/wheel_guard.py (ChoiceBox, NumberBox) or as ui/date_field.py's DateField:
# Qt's own take the wheel without being clicked.
WHEEL_TAKERS = ("QComboBox", "QFontComboBox", "QSpinBox", "QDoubleSpinBox", "QDateEdit", "QTimeEdit", "QDateTimeEdit")


def unguarded_choices(folder: Path) -> list[str]:
    """Where a module makes one of Qt's wheel-taking widgets, or subclasses one, itself."""
    found = []
    for path in sorted(folder.glob("*.py")):
        if path.name == "wheel_guard.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            named = [node.func] if isinstance(node, ast.Call) else node.bases if isinstance(node, ast.ClassDef) else []
            found += [(path.name, node.lineno, ast.unparse(name)) for name in named
                      if ast.unparse(name).split(".")[-1] in WHEEL_TAKERS]
    return [f"{name}:{line} {made}" for name, line, made in sorted(found)]


def test_every_choice_box_guards_the_wheel():
    assert unguarded_choices(PACKAGE / "ui") == []


def test_the_choice_check_sees_one(tmp_path):
    (tmp_path / "dialog.py").write_text("from PySide6 import QtWidgets\nbox = QtWidgets.QComboBox()\n"
                                        "class Pick(QtWidgets.QSpinBox):\n    pass\n", encoding="utf-8")
    assert unguarded_choices(tmp_path) == ["dialog.py:2 QtWidgets.QComboBox", "dialog.py:3 QtWidgets.QSpinBox"]
