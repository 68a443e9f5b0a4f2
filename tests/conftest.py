"""Shared fixtures. Qt runs offscreen and never touches the user's real data folder."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from hoshin_desktop import paths  # noqa: E402

SEED_POLICY = paths.data_dir() / "sources" / "policy_2024.txt"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Point every default location at a temporary home so no test writes the user's data."""
    home = tmp_path_factory.mktemp("home")
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "LOCALAPPDATA", "APPDATA"):
        monkeypatch.setenv(name, str(home / name.lower()))


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def session(data_dir):
    from hoshin_desktop.services.session import Session

    s = Session.open(data_dir)
    yield s
    s.close()


@pytest.fixture
def seed_text() -> str:
    return SEED_POLICY.read_text(encoding="utf-8")
