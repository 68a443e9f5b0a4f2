"""What goes into the frozen program, in one place for the spec, the build script and the tests.

Plain Python (no PyInstaller import at module level), so the tests can read it quickly.
"""

from __future__ import annotations

import posixpath
import re
import subprocess
import tomllib
from collections.abc import Callable, Iterable
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
# PIL: fpdf2 and openpyxl take it only for pictures, and the app puts none in its documents.
# lxml: python-docx uses etree only. The Chinese and Korean codecs: the app reads Japanese text.
# readline, pdb, doctest, pydoc_data: for an interactive Python only.
EXCLUDED_MODULES = [
    "tkinter", "pytest", "_pytest", "pytestqt", "hypothesis", "PyInstaller",
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtSql", "PySide6.QtTest",
    "PySide6.QtDBus", "PySide6.QtConcurrent", "PySide6.QtXml", "PySide6.QtHelp",
    "PySide6.QtDesigner", "PySide6.QtUiTools", "PySide6.QtPdf", "PySide6.QtPdfWidgets",
    "PySide6.QtMultimedia", "PySide6.QtMultimediaWidgets", "PySide6.QtNetworkAuth",
    "PIL", "readline", "pdb", "doctest", "pydoc_data",
    "lxml.objectify", "lxml.html", "lxml.sax", "lxml.builder", "lxml.isoschematron",
    "_codecs_cn", "_codecs_hk", "_codecs_kr", "_codecs_tw",
]

# opengl32sw.dll is Qt's 20 MB software OpenGL for Windows PCs without a GPU driver; it is only
# loaded for OpenGL contexts, and our widgets paint without OpenGL.
EXCLUDED_BINARY_PREFIXES = ("opengl32sw",)

# Linux: Qt plugins the window does not use. Kept: the X11 display (xcb), offscreen (self-test),
# the input methods (ibus: Japanese input), printing (CUPS), the SVG and ICO image formats. On a
# Wayland desktop Qt falls back to xcb (XWayland); without the GTK theme Qt draws its own dialogs.
EXCLUDED_LINUX_QT_PLUGINS = re.compile(
    r"/plugins/("
    r"egldeviceintegrations|generic|platformthemes|wayland-[^/]+|xcbglintegrations"
    r"|platforms/libq(?!xcb|offscreen)[^/]*"
    r"|imageformats/libq(?:gif|icns|jpeg|tga|tiff|wbmp|webp)"
    r")")

# Linux: libraries taken from the system, as the PySide6 package itself takes them (the README's
# apt-get line): the window system (X11, xcb, xkbcommon; they must match the X server), fonts
# (fontconfig reads the system's configuration), GLib and D-Bus; and CUPS, the print server's client.
SYSTEM_LIBRARIES = re.compile(
    r"^lib(X11|X11-xcb|Xau|Xdmcp|Xext|Xrender|xcb(-[\w-]+)?|xkbcommon(-x11)?|fontconfig|freetype"
    r"|glib-2\.0|gthread-2\.0|gobject-2\.0|gio-2\.0|gmodule-2\.0|dbus-1|cups)\.so")


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
    """Drop Qt translations other than Japanese (about 20 MB for all languages), the README's
    screenshot (for the repository only) and python-docx's unpacked copy of its default.docx."""
    path = PurePath(dest)
    if "screenshots" in path.parts or "default-docx-template" in path.parts:
        return False
    if path.suffix == ".qm" and "translations" in path.parts:
        return path.stem.endswith("_ja")
    return True


def keep_binary(dest: str, linux: bool = False) -> bool:
    name = PurePath(dest).name
    if name.startswith(EXCLUDED_BINARY_PREFIXES):
        return False
    return not linux or not (SYSTEM_LIBRARIES.match(name) or EXCLUDED_LINUX_QT_PLUGINS.search("/" + dest))


Entry = tuple[str, str, str]  # PyInstaller's (bundle path, source, type code)


def drop_unreached(binaries: Iterable[Entry], needed: Callable[[str], list[str]]) -> list[Entry]:
    """Keep the shared libraries that something kept still links to, directly or through others.

    Roots are the Python extension modules, the Qt plugins and libpython (which the program loads
    by name); ``needed(source)`` names the libraries a binary links to directly.
    """
    binaries = list(binaries)
    by_name = {PurePath(dest).name: dest for dest, _, _ in binaries}
    sources = {dest: source for dest, source, _ in binaries}
    roots = [dest for dest, _, kind in binaries
             if kind == "EXTENSION" or "/plugins/" in dest or PurePath(dest).name.startswith("libpython")]
    reached: set[str] = set()
    while roots:
        dest = roots.pop()
        if dest not in reached:
            reached.add(dest)
            roots += [by_name[name] for name in needed(sources[dest]) if name in by_name]
    return [entry for entry in binaries if entry[0] in reached]


def drop_dangling_links(datas: Iterable[Entry], binaries: Iterable[Entry]) -> list[Entry]:
    """PyInstaller links each library in a subfolder from the top folder (its SYMLINK entries, kept
    with the data); a link to a library that was left out would point nowhere."""
    datas, binaries = list(datas), list(binaries)
    collected = {PurePath(dest).as_posix() for dest, _, kind in datas + binaries if kind != "SYMLINK"}

    def target(dest: str, link: str) -> str:
        return posixpath.normpath(posixpath.join(posixpath.dirname(PurePath(dest).as_posix()), link))

    return [(dest, source, kind) for dest, source, kind in datas
            if kind != "SYMLINK" or target(dest, source) in collected]


CLI_LAUNCHER = f"""#!/bin/sh
# The headless commands and --self-test: on Linux the same program as {GUI_NAME}.
exec "$(dirname "$(readlink -f "$0")")/{GUI_NAME}" "$@"
"""


def write_cli_launcher(program: Path) -> Path:
    launcher = program / CLI_NAME
    launcher.write_text(CLI_LAUNCHER, encoding="utf-8")
    launcher.chmod(0o755)
    return launcher


def elf_needed(path: str) -> list[str]:
    """The libraries an ELF file links to directly (objdump: binutils, which PyInstaller needs anyway)."""
    out = subprocess.run(["objdump", "-p", path], capture_output=True, text=True, check=True).stdout
    return re.findall(r"^\s*NEEDED\s+(\S+)", out, re.MULTILINE)


# The Linux one-folder build; the Windows one has no ICU data (Qt uses the system's) and is smaller.
SIZE_BUDGET_MB = 120


def files_by_size(program: Path) -> list[tuple[int, str]]:
    """(bytes, path inside the folder) of every file, largest first; links count nothing."""
    found = [(p.stat().st_size, p.relative_to(program).as_posix())
             for p in program.rglob("*") if p.is_file() and not p.is_symlink()]
    return sorted(found, reverse=True)


def size_mb(program: Path) -> float:
    return sum(size for size, _ in files_by_size(program)) / 2**20


def largest_files(program: Path, count: int = 15) -> str:
    """The largest files as lines a person reads, so that growth is seen where it happens."""
    return "\n".join(f"{size / 2**20:7.2f} MB  {name}" for size, name in files_by_size(program)[:count])
