"""paths finds the program's files in all three layouts, and the user's data in the right folder."""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from hoshin_desktop import paths

ROOT = Path(__file__).resolve().parents[2]
REAL_ENV = dict(os.environ)  # taken at import, before the autouse fixture moves HOME away


def fake_frozen(monkeypatch, program: Path) -> Path:
    """Pretend to be the PyInstaller onedir program in ``program`` (bundle in _internal/)."""
    internal = program / "_internal"
    (internal / "data").mkdir(parents=True)
    (internal / "data" / "reference.db").write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(internal), raising=False)
    monkeypatch.setattr(sys, "executable", str(program / "hoshin-desktop.exe"))
    return internal


def test_source_tree_layout():
    assert paths.data_dir() == ROOT / "data"
    assert paths.resources_dir() == ROOT / "resources"
    assert paths.reference_db_path().is_file()
    assert not paths.is_frozen() and paths.program_dir() is None


def test_wheel_layout(monkeypatch, tmp_path):
    package = tmp_path / "site-packages" / "hoshin_desktop"
    (package / "data").mkdir(parents=True)
    monkeypatch.setattr(paths, "_PACKAGE_DIR", package)
    assert paths.reference_db_path() == package / "data" / "reference.db"
    assert paths.resource("template.docx") == package / "resources" / "template.docx"


def test_frozen_layout(monkeypatch, tmp_path):
    internal = fake_frozen(monkeypatch, tmp_path / "hoshin-desktop")
    assert paths.is_frozen()
    assert paths.reference_db_path() == internal / "data" / "reference.db"
    assert paths.resources_dir() == internal / "resources"
    assert paths.program_dir() == tmp_path / "hoshin-desktop"


def test_installed_program_keeps_data_in_local_app_data(monkeypatch, tmp_path):
    fake_frozen(monkeypatch, tmp_path / "Programs" / "hoshin_desktop")
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    assert paths.portable_data_dir() is None
    assert paths.default_user_data_dir() == tmp_path / "Local" / "hoshin_desktop"


def test_portable_marker_keeps_data_beside_the_program(monkeypatch, tmp_path):
    program = tmp_path / "USB" / "hoshin-desktop"
    fake_frozen(monkeypatch, program)
    (program / paths.PORTABLE_MARKER).write_text("portable", encoding="utf-8")
    assert paths.default_user_data_dir() == program / paths.PORTABLE_DATA_DIR


def test_marker_beside_python_is_ignored_when_not_frozen(monkeypatch, tmp_path):
    """A developer's Python folder is no portable build, whatever lies beside it."""
    (tmp_path / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert paths.default_user_data_dir() == tmp_path / "xdg" / "hoshin-desktop"


def test_app_default_data_dir_follows_paths(monkeypatch, tmp_path):
    from hoshin_desktop import app

    program = tmp_path / "hoshin-desktop"
    fake_frozen(monkeypatch, program)
    (program / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert app.default_data_dir() == program / "userdata"


def test_installed_wheel_finds_its_data(tmp_path):
    """Build a real wheel from a copy of the project (as `pip install .` does) and look inside."""
    project = tmp_path / "project"
    for name in ("hoshin_desktop", "resources", "data"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, project / name)
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(wheels),
                    str(project)], check=True, capture_output=True, env=REAL_ENV)  # real HOME: pip's cache
    site = tmp_path / "site"
    with zipfile.ZipFile(next(wheels.glob("*.whl"))) as wheel:
        wheel.extractall(site)
    modules = {p.relative_to(project).as_posix() for p in (project / "hoshin_desktop").rglob("*.py")}
    assert modules <= {p.relative_to(site).as_posix() for p in site.rglob("*.py")}, "pyproject's packages list"
    probe = "from hoshin_desktop import paths; print(paths.reference_db_path())"
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env={"PYTHONPATH": str(site)},
                         capture_output=True, text=True, check=True)
    reference = Path(out.stdout.strip())
    assert reference == site / "hoshin_desktop" / "data" / "reference.db"
    assert reference.is_file()


@pytest.mark.parametrize("version, numbers", [("0.1.0", (0, 1, 0, 0)), ("2.10", (2, 10, 0, 0)), ("1.2.3.4", (1, 2, 3, 4))])
def test_windows_version_numbers(bundle, version, numbers):
    assert bundle.version_numbers(version) == numbers


def test_version_that_windows_cannot_hold_is_refused(bundle):
    with pytest.raises(ValueError):
        bundle.version_numbers("1.70000.0")
