"""The start-up floor: the least a window can be that shows the plan the app opens on.

Run as a whole process (``python tests/benchmarks/plain_window.py DATA_DIR``). Like
bare_window.py it is shown and painted once, the same size; unlike it, it opens the working
data with the standard sqlite3 module and shows, in Japanese with the font the app chooses,
the menu bar's titles, the newest year's basic policy (one line per directive) and the first
department's goal titles, in three plain lists. No code of the app is imported.

It is the reference of the start-up budget (at most 2.0× this window, tests/benchmarks/startup.py):
what the data and Japanese text alone take before the app builds anything of its own.
"""

import sqlite3
import sys
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QListWidget, QMainWindow, QSplitter

MENUS = ("ファイル(&F)", "編集(&E)", "目標(&G)", "表示(&V)", "面談・評価(&R)", "ヘルプ(&H)")


def read_plan(data_dir: Path) -> tuple[str, list[str], list[str]]:
    """The window title, the directives and the goal titles of the newest year's first 部."""
    db = sqlite3.connect(f"file:{data_dir / 'hoshin.db'}?mode=ro", uri=True)
    try:
        policy, title = db.execute("SELECT id, title FROM policy_documents ORDER BY fiscal_year DESC").fetchone()
        year, = db.execute("SELECT fiscal_year FROM policy_documents WHERE id = ?", (policy,)).fetchone()
        department, name = db.execute("SELECT id, name FROM departments WHERE fiscal_year = ? ORDER BY position",
                                      (year,)).fetchone()
        directives = [f"{code} {text}" for code, text in db.execute(
            "SELECT d.code, d.text FROM directives d JOIN policy_sections s ON s.id = d.section_id"
            " WHERE s.document_id = ? ORDER BY s.number, d.number", (policy,))]
        goals = [f"{number}. {goal}" for number, (goal,) in enumerate(db.execute(
            "SELECT g.title FROM goals g JOIN plans p ON p.id = g.plan_id WHERE p.department_id = ?"
            " ORDER BY g.position", (department,)), start=1)]
        return f"{title} {name}", directives, goals
    finally:
        db.close()


def build(app: QApplication, data_dir: Path) -> QMainWindow:
    """The floor window, sized as the app's, not yet shown."""
    title, directives, goals = read_plan(data_dir)
    if "Noto Sans CJK JP" in QFontDatabase.families():  # what the app chooses on Linux
        app.setFont(QFont("Noto Sans CJK JP", 10))
    window = QMainWindow()
    window.setWindowTitle(title)
    for menu in MENUS:
        window.menuBar().addMenu(menu)
    lists = QSplitter()
    for lines in (directives, goals, [title]):
        shown = QListWidget()
        shown.addItems(lines)
        lists.addWidget(shown)
    window.setCentralWidget(lists)
    window.statusBar().showMessage("開きました")
    available = QGuiApplication.primaryScreen().availableGeometry()
    window.resize(min(1440, available.width() - 60), min(920, available.height() - 60))
    return window


def main(data_dir: Path) -> None:
    app = QApplication(sys.argv[:1])
    window = build(app, data_dir)
    window.show()
    app.processEvents()
    window.repaint()
    app.processEvents()
    window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
