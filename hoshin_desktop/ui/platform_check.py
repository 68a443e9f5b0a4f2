"""Before Qt starts on Linux: can its xcb plugin load? If not, say in Japanese which libraries are missing.

Qt aborts the process when its platform plugin fails to load, and its message names only
libxcb-cursor0 (even when that one is installed and another is missing). So the app first
loads the plugin itself (cheap: Qt loads the same libraries a moment later) and, only when that
fails, asks ``ldd`` for every library that is not found. No PySide6 import here: this runs
before Qt does.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from pathlib import Path

_NOT_FOUND = re.compile(r"^\s*(\S+)\s*=>\s*not found", re.MULTILINE)
_SONAME = re.compile(r"^(lib.+?)\.so(?:\.(\d+))?")


def missing_libraries(ldd_output: str) -> list[str]:
    """The shared libraries ``ldd`` reports as "not found", each once, in its order."""
    return list(dict.fromkeys(_NOT_FOUND.findall(ldd_output)))


def debian_package(soname: str) -> str:
    """The usual Debian/Ubuntu package of a library: libxcb-icccm.so.4 → libxcb-icccm4, libxkbcommon-x11.so.0 → libxkbcommon-x11-0."""
    match = _SONAME.match(soname)
    if not match:
        return soname
    name, version = match.group(1).lower(), match.group(2) or ""
    return name + ("-" if version and name[-1].isdigit() else "") + version


def message(missing: list[str]) -> str:
    own = [name for name in missing if name.startswith("libQt")]  # PySide6's own: not a system package
    system = [name for name in missing if name not in own]
    lines = ["画面を開けません: Qt の画面表示（xcb）に必要なライブラリが見つかりません。",
             "足りないライブラリ: " + "、".join(missing)]
    if system:
        lines += ["Debian / Ubuntu では、管理者が次のコマンドで入れられます（パッケージ名は目安です）:",
                  "  sudo apt-get install " + " ".join(debian_package(name) for name in system),
                  "（README の「Linux で使うとき」に、画面に必要なパッケージの一覧があります）"]
    if own:
        lines.append("Qt のライブラリ（libQt6…）はアプリと一緒に入るものです。アプリを入れ直してください。")
    return "\n".join(lines)


def xcb_plugin() -> Path | None:
    """PySide6's xcb platform plugin, or None when it is not where a PySide6 install puts it."""
    spec = importlib.util.find_spec("PySide6")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        plugin = Path(folder) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


def uses_xcb(environ=os.environ, platform: str = sys.platform) -> bool:
    """Will Qt pick the xcb plugin? (an X display and no other platform asked for)"""
    if not platform.startswith("linux"):
        return False
    requested = environ.get("QT_QPA_PLATFORM", "")
    if requested:
        return requested.split(":")[0].split(";")[0] == "xcb"
    return bool(environ.get("DISPLAY")) and not environ.get("WAYLAND_DISPLAY")


def ldd(path: Path) -> str:
    import subprocess  # only when the plugin failed: not on every start

    try:
        return subprocess.run(["ldd", str(path)], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def check_xcb(run_ldd=ldd) -> str | None:
    """None when the window can start; otherwise the Japanese message to print."""
    if not uses_xcb():
        return None
    plugin = xcb_plugin()
    if plugin is None:
        return None
    import ctypes  # only where Qt will load xcb (the plugin loaded here stays loaded for Qt)

    try:
        ctypes.CDLL(str(plugin))
        return None
    except OSError as exc:
        missing = missing_libraries(run_ldd(plugin))
        if missing:
            return message(missing)
        return f"画面を開けません: Qt の画面表示（xcb）を読み込めません（{exc}）。"
