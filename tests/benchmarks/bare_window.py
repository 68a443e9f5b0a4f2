"""A bare PySide6 window, shown and painted once, then exit: beside the start-up figures (no budget).

Run as a whole process (``python tests/benchmarks/bare_window.py``). It paints the way
``hoshin-desktop --exit-after-startup`` does (hoshin_desktop/ui/application.py) and takes
the size the main window takes without saved settings, so the two differ only in what
the app itself does: its imports, its data and its widgets.
"""

import sys

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv)
window = QMainWindow()
available = QGuiApplication.primaryScreen().availableGeometry()
window.resize(min(1440, available.width() - 60), min(920, available.height() - 60))
window.show()
app.processEvents()
window.repaint()
app.processEvents()
window.close()
