"""Starting the window: QApplication, Japanese translations, the session, the main window.

Start-up stays light: python-docx, lxml and the exporter are imported only when the user
exports (tests/ui/test_application.py checks this).
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QTimer, QTranslator, Signal, Slot
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from .. import APP_NAME, __version__, paths
from ..services.input_files import os_error_message
from ..services.startup import Opened, open_data
from ..storage.errors import StorageError
from . import alerts, focus_view, qt_translations, screen_fit
from .i18n import tr
from .settings import APPLICATION, ORGANIZATION
from .startup_dialogs import DiagnosticQuestions, DialogQuestions

if TYPE_CHECKING:
    from ..services.session import Session
    from .main_window import MainWindow

# How long the window's thread waits for the interpreter while a worker thread runs Python (a
# start's sqlite-utils import, an export): Python's 5 ms default let a click wait 50-150 ms.
SWITCH_INTERVAL_S = 0.0002
FIRST_PAINT_WAIT_MS = 2000  # the work after the first paint starts at the latest this long after the window is shown
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


class _BackupNote(QObject):
    """What became of the open backup, carried from its thread to the status bar (a queued signal)."""

    arrived = Signal(str)

    def __init__(self, window: QMainWindow, opened: Opened):
        super().__init__(window)
        self._window, self._opened = window, opened
        self.arrived.connect(self._show)

    @Slot(str)
    def _show(self, problem: str) -> None:
        if problem:  # beside what the start already said (a restored backup, say)
            self._window.statusBar().showMessage(" ".join(filter(None, (self._opened.message, problem))), 30000)


class _FirstPaint(QObject):
    """Calls ``then`` once ``window`` has painted for the first time, or after FIRST_PAINT_WAIT_MS
    if it has not (started minimised, say). A timer set before the event loop runs would come
    before the first paint, and hold it up."""

    def __init__(self, app: QApplication, window: QMainWindow, then: Callable[[], object]):
        super().__init__(window)
        self._app, self._window = app, window
        self._then: Callable[[], object] | None = then
        app.installEventFilter(self)
        QTimer.singleShot(FIRST_PAINT_WAIT_MS, self, self._done)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint and isinstance(obj, QWidget) and obj.window() is self._window:
            QTimer.singleShot(0, self, self._done)  # once this paint is on the screen
            self._app.removeEventFilter(self)
        return False

    def _done(self) -> None:
        self._app.removeEventFilter(self)
        if self._then is not None:
            then, self._then = self._then, None
            then()


def keep_what_start_up_made() -> None:
    """At the first paint: what start-up made lives as long as the window, so no collection of the
    cycle collector need look at it again (a full collection over it, run by whichever thread
    triggers it, held the window's thread 30-70 ms while the index was read; at the end, a last
    one over it took ~100 ms). The collector, resting since the start (run_gui), works again."""
    gc.freeze()
    gc.enable()


def _after_first_paint(window: MainWindow, opened: Opened) -> threading.Thread:
    """Work the first screen does not need, on a thread of its own so that the window answers from
    its first moment: the open backup (a copy of the whole data as it is now), loading what the
    first edit needs (sqlite-utils, about a tenth of a second of Python), then the search index
    (half a second at 10,000 goals), so that the first search does not wait for it. One thread,
    not three: each competes with the window's thread for the interpreter."""
    keep_what_start_up_made()
    session, index = window.session, window.search_index
    backup = opened.open_backup_job(_BackupNote(window, opened).arrived.emit)

    def work() -> None:
        backup()
        session.prepare_for_edits()
        index.build_ahead()

    thread = threading.Thread(target=work, name="after-first-paint")
    thread.start()
    return thread


def run(args) -> int:
    sys.setswitchinterval(SWITCH_INTERVAL_S)
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
    workers: list[threading.Thread] = []
    try:
        window = MainWindow(session, remember=not args.exit_after_startup)
        screen_fit.show_first(window)
        if opened.message:
            window.statusBar().showMessage(opened.message, 30000)
        if args.exit_after_startup:  # the first paint is all it waits for
            app.processEvents()
            window.repaint()  # paints synchronously, with the plan loaded
            app.processEvents()
            keep_what_start_up_made()
            window.close()
            return 0
        _FirstPaint(app, window, lambda: workers.append(_after_first_paint(window, opened)))
        termination.watch(window)
        code = app.exec()
        _finish(workers)
        closed = True
        try:
            session.close(backup=True)  # a rotating "close" backup after a normal end
        except StorageError as exc:
            print(tr("終了時のバックアップを作れませんでした: {0}").format(exc), file=sys.stderr)
        return code
    finally:
        if not closed:
            _finish(workers)  # the open backup ends before the data folder is let go
            session.close()


def _finish(workers: list[threading.Thread]) -> None:
    for thread in workers:
        thread.join()
