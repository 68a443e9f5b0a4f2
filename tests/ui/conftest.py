"""Fixtures for driving the window like a user.

- Settings go to a temporary INI file (QSettings.setPath), never the user's.
- Every modal goes through ui/alerts.py; the ``alerts`` fixture scripts its answers. A real
  QDialog/QMessageBox/QFileDialog/QInputDialog that opens modally without being scripted fails
  the test (autouse guard) instead of hanging it.
- Qt warnings fail the tests of this folder.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QInputDialog, QMessageBox

HERE = Path(__file__).resolve().parent

# The one application object, made at collection time: a test elsewhere that prints or writes
# a PDF first would otherwise make a widget-less QGuiApplication, and the first window here
# would abort the interpreter ("Must construct a QApplication before a QWidget").
_APPLICATION = QApplication.instance() or QApplication([])


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            # Qt's offscreen test platform itself cannot resize windows to their size hints.
            item.add_marker(pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)"))


@pytest.fixture(autouse=True)
def _temporary_settings(tmp_path):
    """A fresh settings file in which the first-run 「はじめに」 was already answered (its tests clear that)."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    from hoshin_desktop.ui import first_run
    from hoshin_desktop.ui.settings import settings

    settings().setValue(first_run.DONE_KEY, True)
    yield tmp_path / "settings"


@pytest.fixture(autouse=True)
def _no_unexpected_modals(monkeypatch):
    """Fail (not hang) when a modal dialog would open without the test scripting it."""
    opened: list[str] = []

    def refuse(name):
        def _refuse(*args, **kwargs):
            opened.append(name)
            raise AssertionError(f"unexpected modal dialog: {name}")
        return _refuse

    for cls in (QDialog, QMessageBox, QFileDialog, QInputDialog):
        monkeypatch.setattr(cls, "exec", refuse(f"{cls.__name__}.exec"))
    for name in ("information", "warning", "critical", "question", "about"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse(f"QMessageBox.{name}")))
    for name in ("getOpenFileName", "getSaveFileName", "getExistingDirectory", "getOpenFileNames"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(refuse(f"QFileDialog.{name}")))
    for name in ("getText", "getMultiLineText", "getItem", "getInt", "getDouble"):
        monkeypatch.setattr(QInputDialog, name, staticmethod(refuse(f"QInputDialog.{name}")))
    yield opened
    assert opened == [], f"modal dialogs opened unexpectedly: {opened}"


class ScriptedAlerts:
    """Stands in for ui/alerts.py: records every call, answers from scripted queues."""

    def __init__(self):
        self.calls: list[tuple[str, str, str]] = []
        self.answers: dict[str, list] = defaultdict(list)

    def _answer(self, name, default):
        queue = self.answers[name]
        return queue.pop(0) if queue else default

    def messages(self, name: str | None = None) -> list[tuple[str, str, str]]:
        return [c for c in self.calls if name is None or c[0] == name]


@pytest.fixture
def alerts(monkeypatch):
    from hoshin_desktop.ui import alerts as module

    script = ScriptedAlerts()

    def recorder(name, default=None):
        def record(parent, title, text="", *args, **kwargs):
            script.calls.append((name, title, text))
            return script._answer(name, default)
        return record

    for name in ("info", "warning", "error"):
        monkeypatch.setattr(module, name, recorder(name))
    monkeypatch.setattr(module, "ask_yes_no", recorder("ask_yes_no", False))
    monkeypatch.setattr(module, "choose", recorder("choose", None))
    monkeypatch.setattr(module, "save_path", recorder("save_path", None))
    monkeypatch.setattr(module, "open_path", recorder("open_path", None))
    monkeypatch.setattr(module, "choose_folder", recorder("choose_folder", None))
    monkeypatch.setattr(module, "edit_lines", recorder("edit_lines", None))
    return script


@pytest.fixture
def open_window(qtbot, data_dir):
    """open_window() → a shown, active MainWindow on ``data_dir``; closed (and its session) at the end."""
    from PySide6.QtWidgets import QApplication

    from hoshin_desktop.services.session import Session
    from hoshin_desktop.ui.application import configure_application
    from hoshin_desktop.ui.main_window import MainWindow

    configure_application(QApplication.instance())
    opened = []

    def _open(folder: Path | None = None, *, size=(1400, 880)):
        session = Session.open(folder or data_dir)
        window = MainWindow(session)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        opened.append((window, session))
        return window

    yield _open
    for window, session in opened:
        if window.isVisible():
            window.close()
        session.close()
