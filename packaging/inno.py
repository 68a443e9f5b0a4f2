"""Inno Setup's compiler, on Windows as installed, on Linux under wine (for build.py and the tests).

On Linux the compiler comes from the npm package ``innosetup`` (which carries ISCC.exe and the
Japanese messages) and runs under Debian's wine; both are installed here when missing, into a
cache folder outside the repository (``HOSHIN_BUILD_CACHE``, else ``~/.cache/hoshin-desktop-build``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

INNO_NPM_VERSION = "6.4.1"  # the Inno Setup version it carries
WINE_PACKAGES = ["wine", "wine64", "wine32:i386"]  # ISCC.exe is a 32-bit program
# No .NET or browser engine (their installers would ask), no Linux menu entries for what is installed.
WINE_DLL_OVERRIDES = "mscoree,mshtml=;winemenubuilder.exe=d"


class InnoError(Exception):
    """The compiler cannot be had here (the text says what to install), or it failed."""


def cache_dir() -> Path:
    if os.environ.get("HOSHIN_BUILD_CACHE"):
        return Path(os.environ["HOSHIN_BUILD_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "hoshin-desktop-build"


def compile_setup(script: Path, defines: dict[str, str], out_dir: Path, log: Path) -> None:
    """Run ISCC on ``script`` with /D``defines``; its output goes to ``log`` (kept for a person to read)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if sys.platform == "win32":
        command, env = [str(find_windows_iscc())], None
        to_arg = str
    else:
        command, env = ["wine", str(linux_iscc())], wine_env(compiler_prefix())
        to_arg = windows_path
    command += [f"/D{name}={to_arg(value) if isinstance(value, Path) else value}" for name, value in defines.items()]
    command += [f"/O{to_arg(out_dir)}", to_arg(script)]
    print("+ " + " ".join(command), flush=True)
    with open(log, "w", encoding="utf-8", errors="replace") as out:
        done = subprocess.run(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
        raise InnoError(f"Inno Setup のコンパイルが失敗しました（記録: {log}）\n{tail}")


def find_windows_iscc() -> Path:
    """ISCC.exe on PATH or where the Inno Setup 6 installer puts it (for all users or just one)."""
    found = shutil.which("ISCC")
    candidates = [Path(found)] if found else []
    for base in ("ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA"):
        if os.environ.get(base):
            sub = "Programs/Inno Setup 6" if base == "LOCALAPPDATA" else "Inno Setup 6"
            candidates.append(Path(os.environ[base]) / sub / "ISCC.exe")
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise InnoError("Inno Setup 6 の ISCC.exe が見つかりません。Inno Setup 6 を入れるか、"
                          "ISCC.exe のフォルダーを PATH に加えてください。")


# --- Linux: wine and the npm package ---------------------------------------------------------------

def windows_path(path: Path) -> str:
    """The path as a Windows program under wine sees it (wine maps drive Z: to /)."""
    return "Z:" + str(Path(path).resolve()).replace("/", "\\")


def wine_env(prefix: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "WINEPREFIX": str(prefix), "WINEDEBUG": "-all",
            "WINEDLLOVERRIDES": WINE_DLL_OVERRIDES, **extra}


def ensure_wine() -> None:
    """Install Debian's wine with its 32-bit part when missing (as root, with apt-get)."""
    if shutil.which("wine") and _has_wine32():
        return
    commands = [["dpkg", "--add-architecture", "i386"], ["apt-get", "update"],
                ["apt-get", "install", "-y", *WINE_PACKAGES]]
    if not (shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0):
        raise InnoError("wine がありません。root で次を実行してください: "
                              + " && ".join(" ".join(c) for c in commands))
    print("wine を apt-get で入れます…", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in commands:
        print("+ " + " ".join(command), flush=True)
        if subprocess.run(command, env=env).returncode != 0:
            raise InnoError(f"wine を入れられませんでした（{' '.join(command)}）")


def _has_wine32() -> bool:
    return subprocess.run(["dpkg", "-s", "wine32:i386"], capture_output=True).returncode == 0


def linux_iscc() -> Path:
    """ISCC.exe from the npm package, unpacked once into the cache."""
    ensure_wine()
    folder = cache_dir() / f"innosetup-{INNO_NPM_VERSION}"
    iscc = folder / "bin" / "ISCC.exe"
    if iscc.is_file():
        return iscc
    if not shutil.which("npm"):
        raise InnoError("npm がありません（apt-get install npm）。Inno Setup のコンパイラーは npm の innosetup パッケージから取ります。")
    download = cache_dir() / "download"
    download.mkdir(parents=True, exist_ok=True)
    print(f"Inno Setup {INNO_NPM_VERSION} を npm から取ります…", flush=True)
    done = subprocess.run(["npm", "pack", f"innosetup@{INNO_NPM_VERSION}", "--pack-destination", str(download)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise InnoError(f"npm pack innosetup が失敗しました: {done.stderr.strip()[-500:]}")
    _unpack(download / done.stdout.strip().splitlines()[-1], folder)
    return iscc


def _unpack(tarball: Path, folder: Path) -> None:
    """The npm tarball's package/ folder becomes ``folder`` (in one step: a half copy never counts)."""
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    with tarfile.open(tarball) as archive:
        archive.extractall(partial, filter="data")
    os.replace(partial / "package", folder)
    shutil.rmtree(partial, ignore_errors=True)


def compiler_prefix() -> Path:
    """A wine prefix of its own for the compiler, made once."""
    prefix = cache_dir() / "wineprefix"
    if not (prefix / "system.reg").is_file():
        make_prefix(prefix)
    return prefix


def make_prefix(prefix: Path, **extra: str) -> None:
    """A new wine prefix. Under a display (xvfb-run) when there is one: a setup program run in the
    prefix later needs what wineboot sets up only with a display."""
    prefix.parent.mkdir(parents=True, exist_ok=True)
    command = ["wineboot", "-i"]
    if shutil.which("xvfb-run"):
        command = ["xvfb-run", "-a", "sh", "-c", "wineboot -i && wineserver -w"]
    if subprocess.run(command, env=wine_env(prefix, **extra), capture_output=True).returncode != 0:
        raise InnoError(f"wine の環境（{prefix}）を作れませんでした")
