"""Starting the window: QApplication, Japanese translations, the session, the main window.

Start-up stays light: python-docx, lxml and the exporter are imported only when the user
exports (tests/ui/test_application.py checks this).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QLocale, Qt, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from .. import APP_NAME, __version__, paths
from ..services.input_files import os_error_message
from ..services.session import Session
from ..services.startup import Opened, open_data
from ..storage.errors import StorageError
from . import alerts, focus_view, qt_translations, screen_fit, wheel_guard
from .i18n import tr
from .settings import APPLICATION, ORGANIZATION
from .startup_dialogs import DiagnosticQuestions, DialogQuestions

# Japanese UI fonts to prefer where the platform's default is not a Japanese one (Linux).
_JAPANESE_FONTS = ("Noto Sans CJK JP", "Noto Sans JP", "IPAexGothic", "IPAGothic", "TakaoPGothic",
                   "VL PGothic", "Source Han Sans JP")


def _choose_font(app: QApplication) -> None:
    if sys.platform in ("win32", "darwin"):
        return  # the system UI font (Yu Gothic UI / Meiryo UI, Hiragino) is already Japanese
    families = set(QFontDatabase.families())
    for family in _JAPANESE_FONTS:
        if family in families:
            font = QFont(family)
            font.setPointSizeF(max(10.0, app.font().pointSizeF()))
            app.setFont(font)
            return


_translators: list[QTranslator] = []


def create_application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):  # none yet
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication([sys.argv[0] if sys.argv else APP_NAME])
    configure_application(app)
    return app


def configure_application(app: QApplication) -> None:
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(tr("部の運営方針・組織目標 作成ツール"))
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(paths.resource("icons/hoshin.png"))))
    QLocale.setDefault(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan))
    if not _translators:  # once for the app's life; kept here, since Qt holds only the C++ side
        _translators.extend(qt_translations.install(app))
    _choose_font(app)
    wheel_guard.install(app)  # the wheel scrolls; it never changes an unfocused combo box or date
    focus_view.install(app)  # a field that takes focus scrolls into view


def open_session(args, parent: QWidget | None) -> Opened:
    """Lock and open the working data in ``args.data_dir``; ``session`` None means do not start."""
    diagnostic = getattr(args, "exit_after_startup", False)
    report = lambda message: print(tr("エラー: {0}").format(message), file=sys.stderr)  # noqa: E731
    questions = DiagnosticQuestions(report) if diagnostic else DialogQuestions(parent)
    try:
        return open_data(args.data_dir, questions, backup_now=False)  # backed up after the first paint
    except (StorageError, OSError, ValueError) as exc:
        message = str(exc) if isinstance(exc, (StorageError, ValueError)) else tr(
            "データのフォルダー（{0}）を開けません。{1}").format(args.data_dir, os_error_message(exc, exc.filename))
        if diagnostic:
            report(message)  # diagnostic mode: never wait for a click
        else:
            alerts.error(parent, tr("データを開けません"), message)
        return Opened(None)


def _after_first_paint(window: QMainWindow, opened: Opened) -> None:
    """Work the first screen does not need: the open backup (a copy of the whole data), and
    loading what the first edit needs."""
    if opened.session is not None:
        opened.session.prepare_for_edits()
    problem = opened.take_open_backup()
    if problem:  # beside what the start already said (a restored backup, say)
        window.statusBar().showMessage(" ".join(filter(None, (opened.message, problem))), 30000)


def run(args) -> int:
    app = create_application()
    from .termination import Termination

    with Termination() as termination:  # from the first question on: a logout ends it like a close
        opened = open_session(args, None)
        if opened.session is None:
            return 0 if opened.handed_over else 1
        return _run_window(app, args, opened, opened.session, termination)


def _run_window(app: QApplication, args, opened: Opened, session: Session, termination) -> int:
    from .main_window import MainWindow

    closed = False
    try:
        window = MainWindow(session, remember=not args.exit_after_startup)
        screen_fit.show_first(window)
        if opened.message:
            window.statusBar().showMessage(opened.message, 30000)
        if args.exit_after_startup:  # the first paint is all it waits for
            app.processEvents()
            window.repaint()  # paints synchronously, with the plan loaded
            app.processEvents()
            window.close()
            return 0
        QTimer.singleShot(0, lambda: _after_first_paint(window, opened))
        termination.watch(window)
        code = app.exec()
        closed = True
        try:
            session.close(backup=True)  # a rotating "close" backup after a normal end
        except StorageError as exc:
            print(tr("終了時のバックアップを作れませんでした: {0}").format(exc), file=sys.stderr)
        return code
    finally:
        if not closed:
            session.close()
