"""What goes into the frozen program, in one place for the spec, the build script and the tests.

Plain Python (no PyInstaller import at module level), so the tests can read it quickly.
"""

from __future__ import annotations

import tomllib
from pathlib import Path, PurePath

PACKAGING_DIR = Path(__file__).resolve().parent
ROOT = PACKAGING_DIR.parent
ENTRY_SCRIPT = PACKAGING_DIR / "hoshin_desktop_main.py"

# dist/hoshin-desktop/ holds both executables and their shared _internal/ folder.
DIST_NAME = "hoshin-desktop"
GUI_NAME = "hoshin-desktop"          # windowed: what the Start menu opens
CLI_NAME = "hoshin-desktop-cli"      # console: --self-test and the headless commands on Windows
PRODUCT_NAME = "部の運営方針・組織目標 作成ツール"
PUBLISHER = "hoshin_desktop"

# Qt's own Japanese texts (standard buttons, print and file dialogs); all other languages are dropped.
QT_TRANSLATIONS = ("qtbase_ja.qm", "qt_ja.qm")

# Nothing in the app imports these; excluding them keeps a hook from pulling them in anyway.
EXCLUDED_MODULES = [
    "tkinter", "pytest", "_pytest", "pytestqt", "hypothesis", "PyInstaller",
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtSql", "PySide6.QtTest",
    "PySide6.QtDBus", "PySide6.QtConcurrent", "PySide6.QtXml", "PySide6.QtHelp",
    "PySide6.QtDesigner", "PySide6.QtUiTools", "PySide6.QtPdf", "PySide6.QtPdfWidgets",
    "PySide6.QtMultimedia", "PySide6.QtMultimediaWidgets", "PySide6.QtNetworkAuth",
]

# opengl32sw.dll is Qt's 20 MB software OpenGL for Windows PCs without a GPU driver; it is only
# loaded for OpenGL contexts, and our widgets paint without OpenGL.
EXCLUDED_BINARY_PREFIXES = ("opengl32sw",)


def project_version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    with open(pyproject, "rb") as f:
        return tomllib.load(f)["project"]["version"]


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """0.1.0 → (0, 1, 0, 0): the four numbers of a Windows version resource."""
    numbers = [int(part) for part in version.split(".")[:4]]
    if len(numbers) < 1 or any(n < 0 or n > 65535 for n in numbers):
        raise ValueError(f"pyproject の version が Windows の版数にできません: {version}")
    return tuple(numbers + [0] * (4 - len(numbers)))


def version_strings(version: str) -> dict[str, str]:
    """The text fields of the Windows version resource (shown in the file's properties)."""
    return {
        "CompanyName": PUBLISHER,
        "FileDescription": PRODUCT_NAME,
        "FileVersion": version,
        "InternalName": GUI_NAME,
        "OriginalFilename": f"{GUI_NAME}.exe",
        "ProductName": PRODUCT_NAME,
        "ProductVersion": version,
    }


def windows_version_info(version: str):
    """The version resource PyInstaller writes into the .exe (ignored on other systems)."""
    from PyInstaller.utils.win32 import versioninfo as vi

    numbers = version_numbers(version)
    strings = [vi.StringStruct(key, value) for key, value in version_strings(version).items()]
    return vi.VSVersionInfo(
        ffi=vi.FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            vi.StringFileInfo([vi.StringTable("041104B0", strings)]),  # Japanese, Unicode
            vi.VarFileInfo([vi.VarStruct("Translation", [0x0411, 1200])]),
        ],
    )


def app_datas() -> list[tuple[str, str]]:
    """Our own files: (source, folder inside the bundle). data/sources is only for rebuilding."""
    return [
        (str(ROOT / "resources"), "resources"),
        (str(ROOT / "data" / "reference.db"), "data"),
    ]


def qt_translation_datas(translations_dir: Path, bundle_dir: str) -> list[tuple[str, str]]:
    """Qt's Japanese .qm files, placed where QLibraryInfo looks for them in the frozen program."""
    missing = [name for name in QT_TRANSLATIONS if not (translations_dir / name).is_file()]
    if missing:
        raise FileNotFoundError(f"Qt の日本語訳がありません: {', '.join(missing)}（{translations_dir}）")
    return [(str(translations_dir / name), bundle_dir) for name in QT_TRANSLATIONS]


def keep_data(dest: str) -> bool:
    """Drop Qt translations other than Japanese (about 20 MB for all languages), and the
    README's screenshot, which is for the repository only."""
    path = PurePath(dest)
    if "screenshots" in path.parts:
        return False
    if path.suffix == ".qm" and "translations" in path.parts:
        return path.stem.endswith("_ja")
    return True


def keep_binary(dest: str) -> bool:
    return not PurePath(dest).name.startswith(EXCLUDED_BINARY_PREFIXES)
