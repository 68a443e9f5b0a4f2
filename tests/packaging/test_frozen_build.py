"""The real thing: build the one-folder program with PyInstaller and run it as a user would.

Slow (a minute or two): run with  python -m pytest -m slow tests/packaging/test_frozen_build.py
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hoshin_desktop import paths

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


@pytest.fixture(scope="module")
def built(tmp_path_factory, bundle):
    """Run the documented build command into a temporary dist/; it self-tests the result itself."""
    out = tmp_path_factory.mktemp("frozen")
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py"), "--dist", str(out / "dist"), "--work", str(out / "work")],
        capture_output=True, text=True, timeout=540,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out, result.stdout, out / "dist" / bundle.DIST_NAME


def without_network() -> list[str]:
    """As root, run in a fresh network namespace (no interface up), as on the office PCs."""
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("unshare"):
        if subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0:
            return ["unshare", "-n"]
    return []


def run_frozen(executable: Path, *args: str, cwd: Path, build, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([*without_network(), str(executable), *args], cwd=cwd,
                          env={**build.minimal_env(cwd), **env},
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


def test_build_script_self_tests_the_frozen_program(built):
    _, stdout, _ = built
    assert "合格: Word 文書を書き出して確認しました" in stdout
    assert "合格: PDF を書き出して確認しました" in stdout
    assert "合格: プログラムのフォルダーの中のファイルだけで動いています" in stdout
    assert "自己診断はすべて合格しました。" in stdout


def test_bundle_holds_japanese_qt_texts_and_no_sources(built):
    _, _, program = built
    qm = {p.name for p in program.rglob("*.qm")}
    assert {"qtbase_ja.qm", "qt_ja.qm"} <= qm
    assert all(name.endswith("_ja.qm") for name in qm)
    assert (program / "_internal" / "data" / "reference.db").is_file()
    assert not (program / "_internal" / "data" / "sources").exists()


def test_window_opens_in_the_frozen_program(built, bundle, tmp_path, build):
    """Every UI module the window needs is in the bundle (the self-test only touches export)."""
    _, _, program = built
    gui = build.executable(program, bundle.GUI_NAME)
    assert bundle.project_version() in run_frozen(gui, "--version", cwd=tmp_path, build=build).stdout
    result = run_frozen(gui, "--exit-after-startup", "--data-dir", str(tmp_path / "data"), cwd=tmp_path,
                        build=build, QT_QPA_PLATFORM="offscreen")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "data" / "hoshin.db").is_file()


def test_portable_zip_keeps_data_beside_the_program(built, bundle, tmp_path, build):
    out, _, _ = built
    archive = next((out / "dist").glob(f"{bundle.DIST_NAME}-*-portable-*.zip"))
    subprocess.run(["unzip", "-q", str(archive), "-d", str(tmp_path)], check=True)  # keeps the x bits
    program = tmp_path / bundle.DIST_NAME
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_frozen(build.executable(program, bundle.CLI_NAME), "--self-test", cwd=elsewhere, build=build)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"作業データの保存先: {program / paths.PORTABLE_DATA_DIR}" in result.stdout


def test_one_folder_program_within_its_size_budget(built, bundle, capsys):
    """The fifteen largest files are printed on every run, so that growth is seen where it happens."""
    _, _, program = built
    size, listing = bundle.size_mb(program), bundle.largest_files(program, 15)
    with capsys.disabled():
        print(f"\n1フォルダー版: {size:.1f} MB, {len(bundle.files_by_size(program))} files; the largest:\n{listing}")
    assert size <= bundle.SIZE_BUDGET_MB, f"{size:.1f} MB > {bundle.SIZE_BUDGET_MB} MB; the largest files:\n{listing}"
    assert (program / bundle.CLI_NAME).is_file() and not (program / "_internal" / "PIL").exists()
    assert [p for p in program.rglob("*") if p.is_symlink() and not p.exists()] == []  # no link to a left-out library
