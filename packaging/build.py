"""Build the one-folder program, self-test it, then pack the portable zip and the installer.

    python packaging/build.py               # dist/hoshin-desktop/, --self-test, portable zip
    python packaging/build.py --installer   # also dist/hoshin-desktop-<版>-setup.exe (Inno Setup 6)

The installer is built on Windows with the installed Inno Setup; on Linux with Inno Setup's
compiler under wine (packaging/inno.py installs both when missing), where the payload is the
Linux program folder: the setup program is real, what it installs is a stand-in.

Run it with the Python that has the app installed (``pip install .``). PyInstaller is installed
with pip when missing; offline, point pip at a wheelhouse with PIP_NO_INDEX=1 and PIP_FIND_LINKS.
Exit 0 when everything was built and the self-test passed.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import bundle
import inno

sys.path.insert(0, str(bundle.ROOT))
from hoshin_desktop import paths  # noqa: E402  (only its names; the app itself is not run here)

SPEC = bundle.PACKAGING_DIR / "hoshin_desktop.spec"
BUILD_REQUIREMENTS = bundle.PACKAGING_DIR / "requirements-build.txt"
PORTABLE_NOTE = bundle.PACKAGING_DIR / "portable.txt"
INSTALLER_SCRIPT = bundle.PACKAGING_DIR / "installer" / "hoshin_desktop.iss"
SELF_TEST_TIMEOUT = 300  # seconds; a first start on a slow office PC may take a while


class BuildFailed(Exception):
    pass


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        check_app_dependencies()
        ensure_pyinstaller()
        program = freeze(args.dist, args.work)
        if not args.skip_self_test:  # before packing: a broken build must not be shipped
            self_test(program)
        print(f"ポータブル版: {make_portable_zip(program, args.dist)}")
        if args.installer:
            print(f"インストーラー: {build_installer(program, args.dist)}")
    except (BuildFailed, inno.InnoError) as exc:
        print(f"ビルド失敗: {exc}", file=sys.stderr)
        return 1
    print(f"完成: {program}")
    return 0


def parse_args(argv):
    parser = argparse.ArgumentParser(description="凍結版（1フォルダー）、ポータブル zip、インストーラーを作る")
    parser.add_argument("--dist", type=Path, default=bundle.ROOT / "dist", help="出力先（既定: dist/）")
    parser.add_argument("--work", type=Path, default=bundle.ROOT / "build" / "pyinstaller",
                        help="PyInstaller の作業フォルダー（既定: build/pyinstaller/）")
    parser.add_argument("--installer", action="store_true", help="Inno Setup でインストーラーも作る（Linux では wine で）")
    parser.add_argument("--skip-self-test", action="store_true", help="自己診断を省く（勧めません）")
    return parser.parse_args(argv)


def check_app_dependencies() -> None:
    missing = [name for name in ("PySide6", "docx", "sqlite_utils") if _missing(name)]
    if missing:
        raise BuildFailed(f"この Python にアプリの依存パッケージがありません（{', '.join(missing)}）。"
                          f"先にリポジトリのフォルダーで `{sys.executable} -m pip install .` を実行してください。")


def ensure_pyinstaller() -> None:
    if not _missing("PyInstaller"):
        return
    print("PyInstaller を pip で入れます…", flush=True)
    command = [sys.executable, "-m", "pip", "install", "-r", str(BUILD_REQUIREMENTS)]
    if subprocess.run(command).returncode != 0:
        raise BuildFailed("PyInstaller を入れられませんでした。ネットワークのない PC では README の"
                          "「オフラインでの開発環境」の手順で wheelhouse を用意してください。")


def freeze(dist: Path, work: Path) -> Path:
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
               "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    print("+ " + " ".join(command), flush=True)
    if subprocess.run(command, cwd=bundle.ROOT).returncode != 0:
        raise BuildFailed("PyInstaller が失敗しました（上の出力を見てください）")
    program = dist / bundle.DIST_NAME
    for name in (bundle.GUI_NAME, bundle.CLI_NAME):
        if not executable(program, name).is_file():
            raise BuildFailed(f"実行ファイルができていません: {executable(program, name)}")
    return program


def executable(program: Path, name: str) -> Path:
    return program / (name + ".exe" if sys.platform == "win32" else name)


def platform_tag() -> str:
    system = "windows" if sys.platform == "win32" else sys.platform
    return f"{system}-{platform.machine().lower()}"


def make_portable_zip(program: Path, dist: Path) -> Path:
    """The program folder plus the marker that keeps the user's data beside it (see paths)."""
    archive = dist / f"{bundle.DIST_NAME}-{bundle.project_version()}-portable-{platform_tag()}.zip"
    partial = archive.with_name(archive.name + ".tmp")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
        for file in sorted(program.rglob("*")):
            if file.is_file():
                zf.write(file, Path(bundle.DIST_NAME) / file.relative_to(program))
        zf.write(PORTABLE_NOTE, Path(bundle.DIST_NAME) / paths.PORTABLE_MARKER)
    os.replace(partial, archive)
    return archive


def self_test(program: Path) -> None:
    """Run the frozen --self-test as a user would: another folder, no PYTHONPATH, bare environment."""
    command = [str(executable(program, bundle.CLI_NAME)), "--self-test"]
    print("+ " + " ".join(command), flush=True)
    with tempfile.TemporaryDirectory(prefix="hoshin-build-") as elsewhere:
        result = subprocess.run(command, cwd=elsewhere, env=minimal_env(Path(elsewhere)),
                                capture_output=True, timeout=SELF_TEST_TIMEOUT)
    sys.stdout.write(result.stdout.decode("utf-8", "replace"))
    sys.stdout.write(result.stderr.decode("utf-8", "replace"))
    if result.returncode != 0:
        raise BuildFailed(f"凍結版の自己診断が失敗しました（終了コード {result.returncode}）")


def minimal_env(home: Path) -> dict[str, str]:
    """Only what the operating system itself needs; nothing that could point at the source tree."""
    if sys.platform == "win32":
        keep = ("SYSTEMROOT", "WINDIR", "SYSTEMDRIVE", "COMSPEC", "TEMP", "TMP", "USERPROFILE",
                "LOCALAPPDATA", "APPDATA", "PROGRAMDATA", "PATH")
        return {name: os.environ[name] for name in keep if name in os.environ}
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "TMPDIR": tempfile.gettempdir(), "LANG": "C.UTF-8"}


def build_installer(program: Path, dist: Path, version: str | None = None) -> Path:
    """dist/hoshin-desktop-<版>-setup.exe from the real script, and beside it the compiler's log."""
    version = version or bundle.project_version()
    setup = dist / setup_name(version)
    defines = {"AppVersion": version, "BuildDir": program, "GuiExe": executable(program, bundle.GUI_NAME).name}
    inno.compile_setup(INSTALLER_SCRIPT, defines, dist, log=setup.with_suffix(".compile.log"))
    if not setup.is_file():
        raise BuildFailed(f"インストーラーができていません: {setup}")
    return setup


def setup_name(version: str) -> str:
    return f"{bundle.DIST_NAME}-{version}-setup.exe"


def _missing(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is None


if __name__ == "__main__":
    sys.exit(main())
