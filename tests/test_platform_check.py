"""The xcb diagnosis: which libraries are missing, said in Japanese, from ldd's output."""

from pathlib import Path

from hoshin_desktop.ui import platform_check

LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007ffd4b5f2000)
\tlibQt6XcbQpa.so.6 => /opt/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f3a1c000000)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f3a1bf00000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxkbcommon-x11.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibX11-xcb.so.1 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f3a1b800000)
"""


def test_missing_libraries_are_read_from_ldd_once_each_in_order():
    assert platform_check.missing_libraries(LDD_OUTPUT) == [
        "libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxkbcommon-x11.so.0", "libX11-xcb.so.1"]
    assert platform_check.missing_libraries("\tlibc.so.6 => /lib/libc.so.6 (0x1)\n") == []


def test_debian_package_names():
    assert platform_check.debian_package("libxcb-icccm.so.4") == "libxcb-icccm4"
    assert platform_check.debian_package("libxcb-cursor.so.0") == "libxcb-cursor0"
    assert platform_check.debian_package("libxkbcommon-x11.so.0") == "libxkbcommon-x11-0"
    assert platform_check.debian_package("libX11-xcb.so.1") == "libx11-xcb1"


def test_message_names_every_missing_library_and_one_apt_line():
    text = platform_check.message(platform_check.missing_libraries(LDD_OUTPUT))
    assert "画面を開けません" in text
    for name in ("libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxkbcommon-x11.so.0", "libX11-xcb.so.1"):
        assert name in text
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0 libx11-xcb1" in text
    assert "libxcb-cursor" not in text  # installed: Qt's own hint would have named it


def test_check_reports_a_plugin_that_cannot_load(tmp_path, monkeypatch):
    broken = tmp_path / "libqxcb.so"
    broken.write_bytes(b"not a shared library")
    monkeypatch.setattr(platform_check, "xcb_plugin", lambda: broken)
    monkeypatch.setattr(platform_check, "uses_xcb", lambda: True)
    asked = []

    def fake_ldd(path: Path) -> str:
        asked.append(path)
        return LDD_OUTPUT

    text = platform_check.check_xcb(run_ldd=fake_ldd)
    assert asked == [broken]
    assert "libxcb-keysyms.so.1" in text


def test_check_passes_when_the_plugin_loads_or_xcb_is_not_used(monkeypatch):
    monkeypatch.setattr(platform_check, "uses_xcb", lambda: False)
    assert platform_check.check_xcb(run_ldd=lambda _p: LDD_OUTPUT) is None
    monkeypatch.setattr(platform_check, "uses_xcb", lambda: True)
    plugin = platform_check.xcb_plugin()
    assert plugin is not None and plugin.name == "libqxcb.so"
    assert platform_check.check_xcb(run_ldd=lambda _p: LDD_OUTPUT) is None  # this machine has the libraries


def test_which_platform_qt_will_use():
    assert platform_check.uses_xcb({"DISPLAY": ":0"}, "linux")
    assert not platform_check.uses_xcb({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert platform_check.uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not platform_check.uses_xcb({}, "linux")
    assert not platform_check.uses_xcb({"DISPLAY": ":0"}, "win32")


def test_missing_qt_libraries_ask_for_a_reinstall_not_for_apt():
    text = platform_check.message(["libQt6XcbQpa.so.6", "libxcb-icccm.so.4"])
    assert "sudo apt-get install libxcb-icccm4\n" in text + "\n"
    assert "libqt6" not in text and "入れ直して" in text
