"""Getting Inno Setup's compiler on Linux: paths for wine, the cache, the npm package, wine itself."""

import io
import tarfile
from pathlib import Path

import pytest


def test_windows_path_names_the_file_on_wines_z_drive(inno, tmp_path):
    assert inno.windows_path(tmp_path / "計画" / "a.iss") == "Z:" + str(tmp_path).replace("/", "\\") + "\\計画\\a.iss"


def test_cache_lives_outside_the_repository(inno, monkeypatch, tmp_path):
    monkeypatch.delenv("HOSHIN_BUILD_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert inno.cache_dir() == tmp_path / "cache" / "hoshin-desktop-build"
    monkeypatch.setenv("HOSHIN_BUILD_CACHE", str(tmp_path / "elsewhere"))
    assert inno.cache_dir() == tmp_path / "elsewhere"


def npm_tarball(path: Path) -> Path:
    """The layout npm pack gives: everything under package/."""
    with tarfile.open(path, "w:gz") as archive:
        for name, data in (("package/bin/ISCC.exe", b"MZ"), ("package/bin/Languages/Japanese.isl", b"[LangOptions]")):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def test_npm_package_is_unpacked_once_into_the_cache(inno, monkeypatch, tmp_path):
    monkeypatch.setenv("HOSHIN_BUILD_CACHE", str(tmp_path))
    monkeypatch.setattr(inno, "ensure_wine", lambda: None)
    packed = []

    def run(command, **kwargs):
        assert command[:3] == ["npm", "pack", f"innosetup@{inno.INNO_NPM_VERSION}"]
        packed.append(command)
        tarball = npm_tarball(Path(command[-1]) / "innosetup-6.4.1.tgz")

        class Done:
            returncode, stdout, stderr = 0, f"{tarball.name}\n", ""
        return Done()

    monkeypatch.setattr(inno.shutil, "which", lambda name: "/usr/bin/" + name)
    monkeypatch.setattr(inno.subprocess, "run", run)
    iscc = inno.linux_iscc()
    assert iscc.read_bytes() == b"MZ"
    assert (iscc.parent / "Languages" / "Japanese.isl").is_file()
    assert inno.linux_iscc() == iscc and len(packed) == 1  # the second build takes the cached copy


def test_without_root_the_build_says_how_to_install_wine(inno, monkeypatch):
    monkeypatch.setattr(inno.shutil, "which", lambda name: None)
    monkeypatch.setattr(inno.os, "geteuid", lambda: 1000)
    with pytest.raises(inno.InnoError, match="dpkg --add-architecture i386 && apt-get update && apt-get install -y wine"):
        inno.ensure_wine()
