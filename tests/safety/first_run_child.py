"""Child process for the first-run signal test: the app started as a user starts it (``app.main``)
on a new PC, so 「はじめに」 asks for the user's 部; "asked" is printed once the dialog shows."""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from hoshin_desktop.app import main  # noqa: E402
from hoshin_desktop.ui.application import create_application  # noqa: E402
from hoshin_desktop.ui.first_run import WelcomeDialog  # noqa: E402


def tell_when_asked() -> None:
    if any(isinstance(w, WelcomeDialog) and w.isVisible() for w in QApplication.topLevelWidgets()):
        print("asked", flush=True)
        return
    QTimer.singleShot(20, tell_when_asked)


if __name__ == "__main__":
    data_dir, settings_dir = sys.argv[1:3]
    create_application()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    QTimer.singleShot(0, tell_when_asked)  # runs in the dialog's own event loop
    sys.exit(main(["--data-dir", data_dir]))
