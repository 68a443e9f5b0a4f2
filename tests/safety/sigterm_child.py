"""Child process for the SIGTERM test: the app started as a user starts it (``app.main``), typing into
a new goal's title without a pause until the window closes.

Each keystroke is reported on stdout, so the parent knows how many were typed; the last ones are
always within the autosave delay, still unsaved when the signal comes.
"""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from hoshin_desktop.app import main  # noqa: E402
from hoshin_desktop.ui import first_run  # noqa: E402
from hoshin_desktop.ui.application import create_application  # noqa: E402
from hoshin_desktop.ui.main_window import MainWindow  # noqa: E402
from hoshin_desktop.ui.settings import settings  # noqa: E402

KEYSTROKE_MS = 15


def type_until_closed() -> None:
    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    window.add_goal()
    field = window.panes.goal_editor.fields["title"]
    count = 0

    def type_one() -> None:
        nonlocal count
        if not window.isVisible():  # closed: what was typed is the parent's to check
            return
        field.setFocus()
        event = QInputMethodEvent("", [])
        event.setCommitString("字")
        QApplication.sendEvent(field, event)
        count += 1
        print(f"typed {count} {window.workspace.key[0]} {window.workspace.key[1]}", flush=True)

    timer = QTimer(window)
    timer.timeout.connect(type_one)
    timer.start(KEYSTROKE_MS)


if __name__ == "__main__":
    data_dir, settings_dir = sys.argv[1:3]
    create_application()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    settings().setValue(first_run.DONE_KEY, True)
    QTimer.singleShot(0, type_until_closed)  # once the window's event loop runs
    sys.exit(main(["--data-dir", data_dir]))
