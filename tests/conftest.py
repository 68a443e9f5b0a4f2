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


class StorageFaults:
    """The machine failing under a live session: a full disk, a read-only file.

    The fault is set on the session's own connection, caught when the session opened it; no
    data is written around the app.
    """

    def __init__(self, connect):
        self._connect = connect
        self._connections = []
        self.session = None

    def connect(self, *args, **kwargs):
        conn = self._connect(*args, **kwargs)
        self._connections.append(conn)
        return conn

    def _pragma(self, statement: str) -> None:
        for conn in self._connections:
            try:
                if statement.endswith("{pages}"):
                    pages = conn.execute("PRAGMA page_count").fetchone()[0]
                    conn.execute(statement.format(pages=pages))
                else:
                    conn.execute(statement)
            except Exception:  # a connection the app already closed
                continue

    def disk_full(self) -> None:
        """SQLite's own limit on the file size: the next page it needs fails as on a full disk."""
        self._pragma("PRAGMA max_page_count = {pages}")

    def disk_freed(self) -> None:
        self._pragma("PRAGMA max_page_count = 1073741823")

    def read_only(self, on: bool = True) -> None:
        """Every write fails as on a read-only file."""
        self._pragma(f"PRAGMA query_only = {'ON' if on else 'OFF'}")


@pytest.fixture
def faults(monkeypatch, data_dir):
    """A session (``faults.session``) whose storage the test can make fail."""
    import sqlite3

    from hoshin_desktop.services.session import Session

    faults = StorageFaults(sqlite3.connect)
    monkeypatch.setattr(sqlite3, "connect", faults.connect)
    faults.session = Session.open(data_dir)
    monkeypatch.setattr(sqlite3, "connect", faults._connect)
    yield faults
    faults.session.close()
