"""The spec, the installer script, the portable zip and the app agree on names and version."""

import ast
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from hoshin_desktop import __version__, paths

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "packaging" / "installer" / "hoshin_desktop.iss"
SPEC = ROOT / "packaging" / "hoshin_desktop.spec"


@pytest.fixture(scope="module")
def iss() -> str:
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Inno Setup needs the BOM to read the Japanese text as UTF-8"
    return raw.decode("utf-8-sig")


def iss_define(text: str, name: str) -> str:
    match = re.search(rf'^\s*#define {name} "(.*)"\r?$', text, re.MULTILINE)
    assert match, f"#define {name} missing"
    return match.group(1)


def iss_section(text: str, name: str) -> str:
    match = re.search(rf"^\[{name}\]\r?\n(.*?)(?=^\[|\Z)", text, re.MULTILINE | re.DOTALL)
    return match.group(1) if match else ""


def test_one_version_for_app_and_package(bundle):
    assert bundle.project_version() == __version__


def test_installer_names_what_the_spec_builds(bundle, iss):
    assert iss_define(iss, "GuiExe") == f"{bundle.GUI_NAME}.exe"
    assert f"dist\\{bundle.DIST_NAME}" in iss
    assert iss_define(iss, "PortableMarker") == paths.PORTABLE_MARKER
    assert iss_define(iss, "DataDirName") == paths.WINDOWS_DATA_DIR


def test_installer_is_per_user_and_japanese(iss):
    setup = iss_section(iss, "Setup")
    assert re.search(r"^PrivilegesRequired=lowest\r?$", setup, re.MULTILINE)
    assert "PrivilegesRequiredOverridesAllowed" not in setup  # no way to ask for admin rights
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}", setup, re.MULTILINE)
    assert 'MessagesFile: "compiler:Languages\\Japanese.isl"' in iss_section(iss, "Languages")
    assert "{autoprograms}" in iss_section(iss, "Icons")


def test_build_passes_version_payload_and_program_name_to_the_script(build, bundle, iss, tmp_path, monkeypatch):
    """What build.py hands the real script, and the file name the script then gives the setup."""
    base = re.search(r"^OutputBaseFilename=(.*?)\r?$", iss, re.MULTILINE).group(1)
    calls = []

    def compile_setup(script, defines, out_dir, log):
        calls.append((script, defines, log))
        (out_dir / (base.replace("{#AppVersion}", defines["AppVersion"]) + ".exe")).write_bytes(b"MZ")

    monkeypatch.setattr(build.inno, "compile_setup", compile_setup)
    program = tmp_path / bundle.DIST_NAME
    setup = build.build_installer(program, tmp_path, version="1.2.3")
    assert setup == tmp_path / f"{bundle.DIST_NAME}-1.2.3-setup.exe"
    script, defines, log = calls[0]
    assert script == ISS
    assert defines == {"AppVersion": "1.2.3", "BuildDir": program, "GuiExe": build.executable(program, bundle.GUI_NAME).name}
    assert log == tmp_path / f"{bundle.DIST_NAME}-1.2.3-setup.compile.log"  # kept beside the setup


def test_build_reports_a_setup_the_compiler_did_not_make(build, tmp_path, monkeypatch):
    monkeypatch.setattr(build.inno, "compile_setup", lambda *args, **kwargs: None)
    with pytest.raises(build.BuildFailed, match="インストーラーができていません"):
        build.build_installer(tmp_path / "program", tmp_path, version="1.2.3")


def test_uninstall_keeps_the_users_data(iss):
    """Install and data folders differ, and nothing deletes the data folder on uninstall."""
    assert re.search(r"^DefaultDirName=\{localappdata\}\\Programs\\", iss, re.MULTILINE)
    assert "localappdata" not in iss_section(iss, "UninstallDelete").lower()
    assert "DelTree" not in iss and "RemoveDir" not in iss


def test_spec_is_onedir_without_upx(bundle):
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    calls = {node.func.id: node for node in ast.walk(tree)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    assert {"Analysis", "PYZ", "EXE", "COLLECT"} <= set(calls)  # COLLECT: one folder
    for name in ("EXE", "COLLECT"):
        keywords = {k.arg: k.value for k in calls[name].keywords}
        assert isinstance(keywords["upx"], ast.Constant) and keywords["upx"].value is False
    exe = {k.arg: k.value for k in calls["EXE"].keywords}
    assert exe["exclude_binaries"].value is True  # binaries go beside the .exe, not inside it


def test_bundle_carries_only_what_runs(bundle):
    sources = [Path(source) for source, _ in bundle.app_datas()]
    assert ROOT / "data" / "reference.db" in sources
    assert not any("sources" in p.parts for p in sources)  # the parser's input is for rebuilding only
    assert bundle.keep_data("PySide6/Qt/translations/qtbase_ja.qm")
    assert not bundle.keep_data("PySide6/Qt/translations/qtbase_de.qm")
    assert bundle.keep_data("data/reference.db")
    assert not bundle.keep_binary("opengl32sw.dll")
    assert bundle.keep_binary("PySide6/Qt6Widgets.dll")
    assert not bundle.keep_data("docx/templates/default-docx-template/word/styles.xml")
    assert bundle.keep_data("docx/templates/default.docx")  # what python-docx opens


@pytest.mark.parametrize("dest, kept", [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),  # the self-test draws the PDF offscreen
    ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),  # Japanese input
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
    ("PySide6/Qt/plugins/imageformats/libqico.so", True),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", False),
    ("libcups.so.2", False), ("libdbus-1.so.3", False), ("libX11.so.6", False), ("libxcb-xkb.so.1", False),
    ("libfontconfig.so.1", False), ("libglib-2.0.so.0", False),
    ("libpython3.11.so.1.0", True), ("libsqlite3.so.0", True), ("libssl.so.3", True),
])
def test_linux_bundle_keeps_what_the_window_uses(bundle, dest, kept):
    assert bundle.keep_binary(dest, linux=True) is kept
    assert bundle.keep_binary(dest, linux=False)  # on Windows these names do not occur; nothing else is dropped


def test_libraries_nothing_kept_links_to_are_dropped(bundle):
    binaries = [
        ("lxml/etree.so", "/src/etree.so", "EXTENSION"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/src/libQt6XcbQpa.so.6", "BINARY"),
        ("libxslt.so.1", "/src/libxslt.so.1", "BINARY"),
        ("libgnutls.so.30", "/src/libgnutls.so.30", "BINARY"),  # only the dropped libcups linked to it
        ("libpython3.11.so.1.0", "/src/libpython3.11.so.1.0", "BINARY"),  # loaded by name: always kept
    ]
    links = {"/src/etree.so": ["libxslt.so.1", "libc.so.6"], "/src/libqxcb.so": ["libQt6XcbQpa.so.6"]}
    kept = bundle.drop_unreached(binaries, lambda source: links.get(source, []))
    assert [dest for dest, _, _ in kept] == [
        "lxml/etree.so", "PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/lib/libQt6XcbQpa.so.6",
        "libxslt.so.1", "libpython3.11.so.1.0"]


def test_links_to_dropped_libraries_are_dropped(bundle):
    binaries = [("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY")]
    datas = [
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),  # the library was left out
        ("PySide6/Qt/plugins/libQt6Core.so.6", "../lib/libQt6Core.so.6", "SYMLINK"),  # relative to its folder
        ("data/reference.db", "/src/reference.db", "DATA"),
    ]
    kept = bundle.drop_dangling_links(datas, binaries)
    assert [dest for dest, _, _ in kept] == ["libQt6Core.so.6", "PySide6/Qt/plugins/libQt6Core.so.6", "data/reference.db"]


@pytest.mark.skipif(not shutil.which("objdump"), reason="objdump (binutils, which PyInstaller needs on Linux) is missing")
def test_elf_needed_reads_what_a_program_links_to(bundle):
    assert "libc.so.6" in bundle.elf_needed(os.path.realpath(sys.executable))


def test_linux_cli_is_a_launcher_of_the_one_program(bundle, tmp_path):
    program = tmp_path / bundle.DIST_NAME
    program.mkdir()
    (program / bundle.GUI_NAME).write_text('#!/bin/sh\necho "program $*"\n', encoding="utf-8")
    (program / bundle.GUI_NAME).chmod(0o755)
    launcher = bundle.write_cli_launcher(program)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "cli").symlink_to(launcher)  # started through a link from another folder, too
    out = subprocess.run([str(elsewhere / "cli"), "--self-test", "a b"], capture_output=True, text=True, check=True)
    assert out.stdout == "program --self-test a b\n"


def test_qt_japanese_translations_are_found(bundle):
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    datas = bundle.qt_translation_datas(folder, "PySide6/Qt/translations")
    assert [Path(source).name for source, _ in datas] == ["qtbase_ja.qm", "qt_ja.qm"]


def test_missing_translation_stops_the_build(bundle, tmp_path):
    with pytest.raises(FileNotFoundError, match="qtbase_ja.qm"):
        bundle.qt_translation_datas(tmp_path, "translations")


def test_portable_note_explains_the_marker():
    note = (ROOT / "packaging" / "portable.txt").read_text(encoding="utf-8-sig")
    assert paths.PORTABLE_MARKER in note and paths.PORTABLE_DATA_DIR in note


def test_portable_zip_puts_the_marker_beside_the_program(build, bundle, tmp_path, monkeypatch):
    program = tmp_path / "dist" / bundle.DIST_NAME
    (program / "_internal" / "data").mkdir(parents=True)
    (program / "_internal" / "data" / "reference.db").write_bytes(b"db")
    (program / bundle.GUI_NAME).write_bytes(b"exe")
    archive = build.make_portable_zip(program, tmp_path / "dist")
    assert archive.name.startswith(f"{bundle.DIST_NAME}-{__version__}-portable-")
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(archive) as zf:
        assert set(zf.namelist()) == {
            f"{bundle.DIST_NAME}/{bundle.GUI_NAME}",
            f"{bundle.DIST_NAME}/_internal/data/reference.db",
            f"{bundle.DIST_NAME}/{paths.PORTABLE_MARKER}",
        }
        zf.extractall(unpacked)
    # The unpacked program, started from there, keeps its data beside itself.
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(unpacked / bundle.DIST_NAME / bundle.GUI_NAME))
    assert paths.default_user_data_dir() == unpacked / bundle.DIST_NAME / paths.PORTABLE_DATA_DIR


def test_self_test_environment_hides_the_source_tree(build, monkeypatch, tmp_path):
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("PYTHONHOME", str(ROOT))
    env = build.minimal_env(tmp_path)
    assert "PYTHONPATH" not in env and "PYTHONHOME" not in env
    assert not any(str(ROOT) in value for value in env.values())
