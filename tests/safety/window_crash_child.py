"""Child process for the window crash test: the real window, a user typing into a goal, until killed.

Each keystroke is typed through the input method (as Japanese arrives on Windows) and then
reported on stdout with the monotonic clock, so the parent knows what was typed when.
"""

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from hoshin_desktop.services.session import Session  # noqa: E402
from hoshin_desktop.ui.application import create_application  # noqa: E402
from hoshin_desktop.ui.main_window import MainWindow  # noqa: E402

KEYSTROKE_MS = 15


def main(data_dir: Path) -> None:
    app = create_application()
    window = MainWindow(Session.open(data_dir), remember=False)
    window.show()
    window.add_goal()
    field = window.panes.goal_editor.fields["title"]
    count = 0

    def type_one() -> None:
        nonlocal count
        field.setFocus()
        event = QInputMethodEvent("", [])
        event.setCommitString("字")
        QApplication.sendEvent(field, event)
        count += 1
        try:
            print(f"typed {count} {time.monotonic()}", flush=True)
        except BrokenPipeError:  # the parent has stopped listening
            os._exit(0)

    timer = QTimer()
    timer.timeout.connect(type_one)
    timer.start(KEYSTROKE_MS)
    print("ready", flush=True)
    app.exec()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
