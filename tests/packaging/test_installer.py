"""The real installer, run as a Windows user would under wine: install, upgrade, uninstall.

``packaging/build.py --installer`` builds the one-folder program and compiles the real
packaging/installer/hoshin_desktop.iss with Inno Setup under wine. Its payload is the Linux
program folder (a Windows one can only be built on Windows), so the program itself is not run
here: what is checked is what the setup program does to a Windows user's profile.

Slow (PyInstaller, Inno Setup's compression, wine; about ten minutes here):
    python -m pytest -m slow tests/packaging/test_installer.py
The setup program and the logs of every step are kept in build/installer-check/ for a person to read.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from hoshin_desktop import paths

from .conftest import load

ROOT = Path(__file__).resolve().parents[2]
REAL_ENV = dict(os.environ)  # taken at import, before the autouse fixture moves HOME away
BUILD_CACHE = load("inno", "inno").cache_dir()  # the real one: the compiler is unpacked once
ARTEFACTS = ROOT / "build" / "installer-check"
OLD_VERSION = "0.0.9"
TITLE = "部の運営方針・組織目標 作成ツール"
DATA_KEPT = "作業データのフォルダーは消さずに残しました"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(2400),
    pytest.mark.skipif(sys.platform != "linux", reason="runs the installer under wine (Linux)"),
    pytest.mark.skipif(not shutil.which("wine") or not shutil.which("xvfb-run"),
                       reason="wine and xvfb-run are needed (packaging/build.py --installer installs wine)"),
]


@dataclass
class WindowsUser:
    """A fresh wine prefix: one Windows user's profile, and the setup programs run in it."""

    prefix: Path
    home: Path
    logs: dict[str, str] = field(default_factory=dict)

    @property
    def profile(self) -> Path:
        return next((self.prefix / "drive_c" / "users").glob("*/AppData")).parent

    @property
    def local(self) -> Path:
        return self.profile / "AppData" / "Local"

    @property
    def program_dir(self) -> Path:
        return self.local / "Programs" / "hoshin_desktop"

    @property
    def data_dir(self) -> Path:
        return self.local / paths.WINDOWS_DATA_DIR

    @property
    def start_menu_link(self) -> Path:
        return self.profile / "AppData/Roaming/Microsoft/Windows/Start Menu/Programs" / f"{TITLE}.lnk"

    @property
    def desktop_link(self) -> Path:
        return self.home / f"{TITLE}.lnk"  # wine maps the user's Desktop to $HOME

    def env(self) -> dict[str, str]:
        return load("inno", "inno").wine_env(self.prefix, HOME=str(self.home))

    def windows_path(self, path: Path) -> str:
        """A path inside the prefix's drive C: as Windows names it."""
        return "C:\\" + str(path.relative_to(self.prefix / "drive_c")).replace("/", "\\")

    def run(self, name: str, program: str, *args: str) -> int:
        """Run a setup program silently under a display that lasts until wine is done: the
        uninstaller hands over to a copy of itself and returns before the work is finished."""
        log = f"C:\\{name}.log"
        script = 'wine "$0" "$@"; code=$?; wineserver -w; exit $code'
        command = ["xvfb-run", "-a", "sh", "-c", script, program, "/VERYSILENT", "/SUPPRESSMSGBOXES", f"/LOG={log}", *args]
        done = subprocess.run(command, env=self.env(), capture_output=True, timeout=900)
        text_log = self.prefix / "drive_c" / f"{name}.log"
        self.logs[name] = text_log.read_text(encoding="utf-8-sig", errors="replace") if text_log.exists() else ""
        return done.returncode

    def uninstall_entry(self, app_id: str) -> dict[str, str]:
        """The values of the uninstall key under HKCU, read from wine's registry file."""
        text = (self.prefix / "user.reg").read_text(encoding="utf-8", errors="replace")
        key = re.escape(f"[Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Uninstall\\\\{{{app_id}}}_is1]")
        match = re.search(key + r"[^\n]*\n(.*?)(?:\n\n|\Z)", text, re.DOTALL)
        if not match:
            return {}
        values = re.findall(r'^"(.+?)"="(.*)"$', match.group(1), re.MULTILINE)
        return {name: _reg_string(value) for name, value in values}


def _reg_string(value: str) -> str:
    r"""wine writes non-ASCII characters as \x and up to four hex digits, and escapes \ and "."""
    return re.sub(r'\\x([0-9a-fA-F]{1,4})|\\(["\\])',
                  lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), value)


def files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() or p.is_symlink()}


GOAL_TITLE = "アンインストールの後も残る目標"


def make_user_data(data_dir: Path) -> None:
    """A data folder as the app leaves it: a plan with a goal, and a backup."""
    from hoshin_desktop.services.session import Session

    session = Session.open(data_dir)
    try:
        year = session.fiscal_years()[-1]
        editor = session.editor(year, session.departments(year)[0].name)
        editor.set_goal_field(editor.add_goal().select, "title", GOAL_TITLE)
        session.backup("open")
    finally:
        session.close()


def goal_titles(data_dir: Path) -> list[str]:
    from hoshin_desktop.services.session import Session

    session = Session.open(data_dir)
    try:
        year, department, _ = session.plan_keys()[0]
        return [goal.title for goal in session.load_plan(year, department).goals]
    finally:
        session.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The documented command: the program, its self-test, the portable zip and the installer."""
    out = tmp_path_factory.mktemp("installer")
    env = {**REAL_ENV, "HOSHIN_BUILD_CACHE": str(BUILD_CACHE)}
    command = [sys.executable, str(ROOT / "packaging" / "build.py"), "--installer",
               "--dist", str(out / "dist"), "--work", str(out / "work")]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=2000)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    return out


@dataclass
class Scenario:
    user: WindowsUser
    program: Path  # the payload the build made
    version: str
    app_id: str
    seen: dict[str, object] = field(default_factory=dict)


def old_version_payload(program: Path, folder: Path) -> Path:
    """A stand-in for the version installed before: the executable, a library file the new
    version no longer has, and the portable marker (which must never be installed)."""
    (folder / "_internal").mkdir(parents=True)
    shutil.copy2(program / "hoshin-desktop", folder / "hoshin-desktop")
    (folder / "_internal" / "only-in-0.0.9.txt").write_text("old", encoding="utf-8")
    (folder / paths.PORTABLE_MARKER).write_text("portable", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def scenario(built, build, bundle, inno, tmp_path_factory):
    """One Windows user's story, each step's outcome recorded for the tests below."""
    out = built
    version = bundle.project_version()
    setup = out / "dist" / build.setup_name(version)
    old_setup = build.build_installer(old_version_payload(out / "dist" / bundle.DIST_NAME, out / "old"),
                                      out / "old-dist", version=OLD_VERSION)
    work = tmp_path_factory.mktemp("windows-user")
    user = WindowsUser(prefix=work / "prefix", home=work / "home")
    user.home.mkdir()
    inno.make_prefix(user.prefix, HOME=str(user.home))
    app_id = re.search(r"^AppId=\{\{([0-9A-F-]{36})\}", build.INSTALLER_SCRIPT.read_text(encoding="utf-8-sig"),
                       re.MULTILINE).group(1)
    story = Scenario(user, out / "dist" / bundle.DIST_NAME, version, app_id)
    seen = story.seen

    try:
        seen["refused"] = user.run("refused", str(setup), f"/DIR={user.windows_path(user.data_dir / 'Programs')}")
        seen["refused_left"] = files_under(user.local)

        seen["old"] = user.run("install-old", str(old_setup))
        seen["old_files"] = files_under(user.program_dir)
        seen["old_entry"] = user.uninstall_entry(app_id)
        seen["old_desktop_link"] = user.desktop_link.exists()

        make_user_data(user.data_dir)
        seen["data_before"] = files_under(user.data_dir)

        seen["upgrade"] = user.run("upgrade", str(setup), "/MERGETASKS=desktopicon")
        seen["new_files"] = files_under(user.program_dir)
        seen["new_entry"] = user.uninstall_entry(app_id)
        seen["start_menu_link"] = user.start_menu_link.read_bytes() if user.start_menu_link.exists() else b""
        seen["desktop_link"] = user.desktop_link.read_bytes() if user.desktop_link.exists() else b""

        uninstaller = user.program_dir / "unins000.exe"
        seen["uninstall"] = user.run("uninstall", user.windows_path(uninstaller))
        seen["after_uninstall"] = user.program_dir.exists(), user.start_menu_link.exists(), user.desktop_link.exists()
        seen["after_entry"] = user.uninstall_entry(app_id)
        seen["data_after"] = files_under(user.data_dir)
        seen["titles_after"] = goal_titles(user.data_dir)

    finally:  # the logs are worth most when a step failed
        keep_artefacts(user, out, setup)
    return story


def keep_artefacts(user: WindowsUser, out: Path, setup: Path) -> None:
    """The setup program and every log (the compiler's too) where a person finds them after the
    run: pytest's temporary folders are soon reused."""
    shutil.rmtree(ARTEFACTS, ignore_errors=True)
    ARTEFACTS.mkdir(parents=True)
    for name, text in user.logs.items():
        (ARTEFACTS / f"{name}.log").write_text(text, encoding="utf-8")
    for kept in (setup, *(out / "dist").glob("*.compile.log")):
        shutil.copy2(kept, ARTEFACTS / kept.name)


def test_build_made_the_setup_and_kept_its_log(built, build, bundle):
    setup = built / "dist" / build.setup_name(bundle.project_version())
    assert setup.read_bytes()[:2] == b"MZ"  # a Windows program
    assert "Successful compile" in setup.with_suffix(".compile.log").read_text(encoding="utf-8")


def test_data_folder_is_refused_as_install_folder(scenario):
    seen = scenario.seen
    assert seen["refused"] != 0
    assert "Refused install folder" in scenario.user.logs["refused"]
    assert not any(name.startswith(paths.WINDOWS_DATA_DIR + "/") for name in seen["refused_left"])


def test_install_puts_program_shortcut_and_uninstall_entry(scenario):
    seen, user = scenario.seen, scenario.user
    assert seen["old"] == 0, user.logs["install-old"][-2000:]
    assert {"hoshin-desktop", "_internal/only-in-0.0.9.txt", "unins000.exe"} <= seen["old_files"]
    assert paths.PORTABLE_MARKER not in seen["old_files"]  # would move the data into the program folder
    assert seen["old_entry"]["DisplayVersion"] == OLD_VERSION
    assert seen["old_desktop_link"] is False  # the desktop shortcut is a task, unchecked by default


def test_upgrade_replaces_the_program_and_its_version(scenario):
    seen, user = scenario.seen, scenario.user
    assert seen["upgrade"] == 0, user.logs["upgrade"][-2000:]
    payload = files_under(scenario.program)
    assert payload - {paths.PORTABLE_MARKER} <= seen["new_files"]
    assert "_internal/only-in-0.0.9.txt" not in seen["new_files"]  # no old library beside the new ones
    entry = seen["new_entry"]
    assert entry["DisplayVersion"] == scenario.version
    assert entry["DisplayName"] == TITLE
    assert entry["Inno Setup: App Path"].endswith("\\AppData\\Local\\Programs\\hoshin_desktop")
    assert entry["UninstallString"].endswith('unins000.exe"')
    assert seen["data_after"] and seen["data_before"] <= seen["data_after"]


def test_shortcuts_open_the_installed_program(scenario):
    seen = scenario.seen
    target = b"\\AppData\\Local\\Programs\\hoshin_desktop\\hoshin-desktop"
    assert target in seen["start_menu_link"]
    assert target in seen["desktop_link"]  # chosen with /MERGETASKS=desktopicon


def test_uninstall_removes_the_program_and_keeps_the_data(scenario):
    seen, user = scenario.seen, scenario.user
    assert seen["uninstall"] == 0, user.logs["uninstall"][-2000:]
    assert seen["after_uninstall"] == (False, False, False)
    assert seen["after_entry"] == {}
    assert seen["data_before"] <= seen["data_after"]
    assert any(name.startswith("backups/") for name in seen["data_after"])
    assert GOAL_TITLE in seen["titles_after"]
    kept = user.logs["uninstall"]
    assert DATA_KEPT in kept and "\\AppData\\Local\\hoshin_desktop" in kept
