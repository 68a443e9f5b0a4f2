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
    allowed = {package / "services" / "session.py"}
    leaks = [str(path.relative_to(package)) for path in package.rglob("*.py")
             if "storage" not in path.relative_to(package).parts and path not in allowed
             and "._db" in path.read_text(encoding="utf-8")]
    assert leaks == []


def test_the_main_window_stays_layout_menus_and_wiring():
    """Behaviour goes to the Workspace (services/) or to a panel or dialog module of its own."""
    lines = (PACKAGE / "ui" / "main_window.py").read_text(encoding="utf-8").count("\n")
    assert lines < 600, f"ui/main_window.py has {lines} lines: move the new behaviour into its own module"
