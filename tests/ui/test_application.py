"""Start-up, Japanese translations, accessible names, and the hand-off to the export actions."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import types
from argparse import Namespace
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QToolButton,
    QWidget,
)

from .helpers import disk_full_until_freed, type_text, wait_saved

ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path) -> dict:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / "home"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "share"), PYTHONPATH=str(ROOT))
    return env


def test_exit_after_startup_paints_once_and_exits_0_without_loading_docx(tmp_path):
    code = (
        "import gc, sys\n"
        "from hoshin_desktop.app import main\n"
        "runs = []\n"
        "gc.callbacks.append(lambda phase, info: runs.append(phase) if phase == 'start' else None)\n"
        f"rc = main(['--data-dir', {str(tmp_path / 'data')!r}, '--exit-after-startup'])\n"
        "print('COLLECTOR', len(runs) < 5, gc.isenabled(), gc.get_freeze_count() > 10000)\n"
        "heavy = sorted(m for m in ('docx', 'lxml', 'PySide6.QtPrintSupport', 'hoshin_desktop.export',\n"
        "                           'tomllib', 'hoshin_desktop.domain.policy_parser', 'hoshin_desktop.cli')\n"
        "               if m in sys.modules)\n"
        "import sqlite_utils.plugins\n"
        "print('HEAVY', heavy, 'PLUGIN SCAN', sqlite_utils.plugins._plugins_loaded)\n"
        "sys.exit(rc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env=_env(tmp_path), timeout=60)
    assert out.returncode == 0, out.stderr
    assert "HEAVY []" in out.stdout
    # the cycle collector rested through start-up (it ran 76 times), and what start-up made is kept out of
    # its way from the first paint on
    assert "COLLECTOR True True True" in out.stdout
    assert "PLUGIN SCAN False" in out.stdout  # sqlite-utils plugins: none wanted, and the scan costs every start
    assert (tmp_path / "data" / "hoshin.db").is_file()
    assert not (tmp_path / "config" / "hoshin-desktop").exists()  # diagnostic runs leave settings alone


# What a start does not load (each costs it a few milliseconds): the backups (taken after the first paint),
# restoring (damaged data only), OpenSSL (a 版's signature), the stores of 版, exports, arrivals and receipts.
UNUSED_AT_START = ("hoshin_desktop.storage.backups", "hoshin_desktop.services.restore", "hashlib",
                   "hoshin_desktop.storage.lineage", "hoshin_desktop.storage.ledger", "hoshin_desktop.storage.receipts",
                   "hoshin_desktop.storage.plan_arrival")


# Given a widget Qt made (a scroll area's viewport, say), PySide6 builds the Python type of every widget
# class it might be, these among them: about 1% of a start.
QT_TYPES_UNMADE = ("QWizard", "QColorDialog", "QMdiArea", "QGraphicsView")


def test_a_later_start_reads_without_loading_sqlite_utils(tmp_path):
    """The first start builds the data (migrations: sqlite-utils); a later one only reads until the first edit."""
    code = (
        "import sys\n"
        "from hoshin_desktop.app import main\n"
        f"UNUSED = {UNUSED_AT_START!r}\n"
        f"UNMADE = {QT_TYPES_UNMADE!r}\n"
        f"rc = main(['--data-dir', {str(tmp_path / 'data')!r}, '--exit-after-startup'])\n"
        "print('LOADED', 'sqlite_utils' in sys.modules)\n"
        "print('UNUSED', [m for m in UNUSED if m in sys.modules])\n"
        "print('QT TYPES', [n for n in UNMADE if n in vars(sys.modules['PySide6.QtWidgets'])])\n"
        "sys.exit(rc)\n"
    )
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                           env=_env(tmp_path), timeout=60) for _ in range(2)]
    assert [run.returncode for run in runs] == [0, 0], runs[-1].stderr
    assert "LOADED True" in runs[0].stdout and "LOADED False" in runs[1].stdout
    assert "UNUSED []" in runs[1].stdout
    assert "QT TYPES []" in runs[1].stdout


def test_pyside_reads_no_source_of_the_modules_a_start_names(tmp_path):
    """PySide6's import hook reads each module's source to look for PySide6 (ui/feature_probe.py):
    the start answers it ahead for ours and the standard library's."""
    code = (
        "import inspect, sys\n"
        "read = []\n"
        "source_of = inspect.getsource\n"
        "def getsource(obj):\n"
        "    read.append(getattr(obj, '__name__', '?'))\n"
        "    return source_of(obj)\n"
        "inspect.getsource = getsource\n"
        "from hoshin_desktop.app import main\n"
        f"rc = main(['--data-dir', {str(tmp_path / 'data')!r}, '--exit-after-startup'])\n"
        "print('READ', sorted(set(n for n in read if n.split('.')[0] in ('hoshin_desktop', 'typing', 'sqlite3'))))\n"
        "sys.exit(rc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env=_env(tmp_path), timeout=60)
    assert out.returncode == 0, out.stderr
    assert "READ []" in out.stdout, out.stdout


def test_unreadable_data_folder_is_reported_in_japanese_and_exits_1(tmp_path, alerts, qapp):
    from hoshin_desktop.ui import application

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    args = Namespace(data_dir=blocker / "data", exit_after_startup=False)
    assert application.run(args) == 1
    [(kind, title, text)] = alerts.calls
    assert kind == "error" and title == "データを開けません"
    assert "書き込めません" in text  # storage's own Japanese message, not a traceback


def test_damaged_database_offers_restore_and_quitting_keeps_it(tmp_path, alerts, qapp):
    from hoshin_desktop.ui import application

    data = tmp_path / "data"
    data.mkdir()
    damaged = b"this is not a database" * 100
    (data / "hoshin.db").write_bytes(damaged)
    alerts.answers["choose"] = [None]  # the user chooses 終了する
    opened = application.open_session(Namespace(data_dir=data, exit_after_startup=False), None)
    assert opened.session is None and not opened.handed_over
    [(kind, title, text)] = alerts.calls
    assert kind == "choose" and title == "データが壊れています" and "壊れたファイルは削除せず" in text
    assert (data / "hoshin.db").read_bytes() == damaged


def test_damaged_database_restored_from_backup_by_the_user(tmp_path, alerts, qapp):
    from hoshin_desktop.services.startup import open_data
    from hoshin_desktop.ui import application

    data = tmp_path / "data"
    first = open_data(data, object()).session
    first.editor(2024, "政策部").set_preamble("昨日の入力")
    first.close(backup=True)
    (data / "hoshin.db").write_bytes(b"\x00" * 5000)
    alerts.answers["choose"] = [0]  # バックアップから復元する
    opened = application.open_session(Namespace(data_dir=data, exit_after_startup=False), None)
    try:
        assert "復元しました" in opened.message
        assert opened.session.load_plan(2024, "政策部").preamble == "昨日の入力"
    finally:
        opened.session.close()


def test_foreign_database_is_named_as_such_and_the_backup_restored(tmp_path, alerts, qapp):
    import sqlite3

    from hoshin_desktop.services.startup import open_data
    from hoshin_desktop.ui import application

    data = tmp_path / "data"
    first = open_data(data, object()).session
    first.editor(2024, "政策部").set_preamble("昨日の入力")
    first.close(backup=True)
    (data / "hoshin.db").unlink()
    with sqlite3.connect(data / "hoshin.db") as other:  # another program's database, put in its place
        other.execute("CREATE TABLE notes (text TEXT)")
    foreign = (data / "hoshin.db").read_bytes()
    alerts.answers["choose"] = [0]  # バックアップから復元する
    opened = application.open_session(Namespace(data_dir=data, exit_after_startup=False), None)
    try:
        [(kind, title, text)] = alerts.calls
        assert kind == "choose" and title == "このアプリのデータではありません"
        assert "変更も削除もせずに残します" in text and "バックアップ" in text
        assert opened.session.load_plan(2024, "政策部").preamble == "昨日の入力"
        assert (next(data.glob("damaged-*")) / "hoshin.db").read_bytes() == foreign
    finally:
        opened.session.close()


def test_second_start_hands_over_to_the_running_window(tmp_path, alerts, qapp):
    from hoshin_desktop.services.startup import open_data
    from hoshin_desktop.ui import application

    data = tmp_path / "data"
    running = open_data(data, object()).session
    try:
        assert application.run(Namespace(data_dir=data, exit_after_startup=False)) == 0
        [(kind, title, _text)] = alerts.calls
        assert kind == "info" and title == "すでに開いています"
        assert running.activation_requested()
    finally:
        running.close()


def test_qt_standard_buttons_are_japanese(qapp):
    from hoshin_desktop.ui.application import configure_application

    configure_application(qapp)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "キャンセル"
    assert qapp.organizationName() and qapp.applicationName()


INTERACTIVE = (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QAbstractItemView, QAbstractSpinBox, QTabBar)


def _is_internal(widget) -> bool:
    """Parts Qt builds inside another control (a combo's line edit, a spin box's, a scroll area's bar)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox)):
            return True
        parent = parent.parentWidget()
    return False


def test_every_control_has_a_japanese_accessible_name(open_window, qtbot):
    window = open_window()
    window.add_goal()
    window.panes.tree.select_directive("1(2)")
    missing = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or _is_internal(widget) or not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QToolButton) and widget.objectName() == "qt_toolbar_ext_button":
            continue
        if isinstance(widget, QTabBar):
            names = [widget.tabText(i) for i in range(widget.count())]
            if all(names):
                continue
        name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
        if not name or not any(ord(ch) > 0x3000 for ch in name):
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} {name!r}")
    assert missing == []


def test_tab_walks_from_the_goal_list_through_the_goal(open_window, qtbot):
    window = open_window()
    window.add_goal()
    window.panes.goal_list.setFocus()
    seen = []
    for _ in range(14):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget().accessibleName())
    assert seen[:8] == ["目標1の目標", "目標1の現状と課題", "目標1の取組内容", "目標1の達成基準・指標",
                        "目標1の現状値", "目標1の目標値", "目標1のスケジュール", "担当課: 政策経営課"]
    assert seen.index("担当課: 政策法務課") < seen.index("この部の課の一覧を編集")


@pytest.fixture
def fake_export(monkeypatch):
    """A stand-in for ui/export_actions.py that records what it was given."""
    calls = []
    module = types.ModuleType("hoshin_desktop.ui.export_actions")

    def recorder(name):
        def record(parent, *args):
            calls.append((name, args, [g.title for g in args[0].plan.goals] if hasattr(args[0], "plan") else None))
        return record

    for name in ("export_docx", "export_all_docx", "export_pdf", "export_all_pdf", "print_plan", "print_preview",
                 "export_plan_file"):
        setattr(module, name, recorder(name))
    monkeypatch.setitem(sys.modules, "hoshin_desktop.ui.export_actions", module)
    return calls


def test_export_gets_everything_typed_even_mid_word(open_window, qtbot, fake_export):
    window = open_window()
    window.add_goal()
    type_text(qtbot, QApplication.focusWidget(), "書きかけの目標")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert fake_export[0][0] == "export_docx"
    assert fake_export[0][2] == ["書きかけの目標"]  # written before the export ran
    for action, name in ((window.actions.export_pdf, "export_pdf"), (window.actions.print, "print_plan"),
                         (window.actions.preview, "print_preview"), (window.actions.export_file, "export_plan_file"),
                         (window.actions.export_all_pdf, "export_all_pdf"), (window.actions.export_all, "export_all_docx")):
        action.trigger()
        assert fake_export[-1][0] == name
    assert fake_export[-1][1][1] == 2024  # export_all_docx(parent, session, fiscal_year)
    assert window.toolbar.export.text() == "Word に書き出し"


def test_import_opens_the_imported_plan_and_finds_its_goals(open_window, qtbot, alerts, tmp_path):
    from hoshin_desktop.services.plan_files import export_plan_file
    from tests.city_files import sender

    elsewhere = sender(tmp_path / "somu", ["総務部"], goals=3)  # another PC's data folder
    path = export_plan_file(elsewhere, 2024, "総務部", tmp_path / "somu.json")
    sent = [g.title for g in elsewhere.load_plan(2024, "総務部").goals]
    elsewhere.close()
    window = open_window()
    alerts.answers["open_path"] = [path]
    alerts.answers["ask_yes_no"] = [True]  # add the 課 this folder does not have
    window.actions.import_file.trigger()
    assert "課が6つあります" in alerts.messages("ask_yes_no")[0][2]
    assert window.toolbar.dept_combo.currentText() == "総務部"
    assert sorted(g.title for g in window.editor.plan.goals) == sorted(sent)
    assert window.statusBar().currentMessage().startswith("令和6年度 総務部の計画を取り込みました。")
    assert window.actions.undo_import.text() == "取り込む前に戻す: 令和6年度 総務部の計画"
    window.panes.search_panel.field.setText(sent[0])
    window.panes.search_panel.run()
    assert window.panes.search_panel.results.count() == 1  # the imported plan is in the search index


def test_export_menu_items_exist_before_the_export_module_does(open_window, qtbot, alerts, monkeypatch):
    monkeypatch.setitem(sys.modules, "hoshin_desktop.ui.export_actions", None)  # import fails like a missing file
    window = open_window()
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions() if a.text()]
    assert texts[:10] == ["提出前の確認(&K)…", "Word文書として書き出し(&W)…", "すべての部をWord文書に書き出し(&A)…",
                          "PDFとして書き出し(&D)…", "すべての部をPDFに書き出し(&F)…", "印刷プレビュー(&V)…", "印刷(&P)…",
                          "書き出しの記録(&L)…", "計画ファイルの書き出し(&E)…", "計画ファイルの取り込み(&I)…"]
    assert window.actions.export_docx.shortcut().toString() == "Ctrl+E"
    assert window.actions.print.shortcut().toString() == "Ctrl+P"
    window.actions.export_docx.trigger()
    assert alerts.messages("info") and alerts.messages("info")[0][1] == "準備中"


@pytest.mark.qt_log_ignore(r"This plugin does not support (grabbing the keyboard|raise\(\)|propagateSizeHints\(\))")  # a popup menu
def test_every_item_of_the_file_menu_has_its_own_access_key(open_window, qtbot, alerts):
    """Alt+F, then one letter, as in Word: every item of ファイル answers to a letter no other item has."""
    window = open_window()
    menu = window.menuBar().actions()[0].menu()
    items = [a for a in menu.actions() if not a.isSeparator()]
    keys = [re.search(r"\(&(.)\)", a.text()) for a in items]
    assert all(keys), [a.text() for a, key in zip(items, keys) if not key]
    letters = [key.group(1) for key in keys]
    assert len(set(letters)) == len(letters), letters
    window.menuBar().setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(menu.isVisible)
    qtbot.keyClick(menu, Qt.Key.Key_H)  # 基本方針の取り込み(&H): the file dialog opens (cancelled here)
    qtbot.waitUntil(lambda: bool(alerts.messages("open_path")))
    assert alerts.messages("open_path")[0][1] == "基本方針の取り込み"


def test_a_write_failure_keeps_the_text_and_retries(open_window, qtbot, alerts, monkeypatch, data_dir):
    window = open_window()
    window.add_goal()
    wait_saved(qtbot, window)
    disk_full = disk_full_until_freed(window, monkeypatch, data_dir)
    type_text(qtbot, QApplication.focusWidget(), "ディスクが一杯")
    assert not window.commit_edits()
    assert alerts.messages("error")[0][1] == "保存できませんでした"
    assert window.keeper.save_state.text().startswith("保存できていません")
    disk_full[0] = False  # space was freed
    assert window.commit_edits()
    assert window.editor.plan.goals[0].title == "ディスクが一杯"
    assert window.keeper.save_state.text().startswith("保存済み")


def test_a_rotating_backup_is_taken_while_editing(open_window, qtbot, data_dir):
    from hoshin_desktop.storage.backups import list_backups

    window = open_window()
    window.backup_timer.setInterval(50)
    window.keeper.periodic_backup()
    assert [b.reason for b in list_backups(data_dir)].count("periodic") == 0  # nothing edited yet
    window.add_goal()
    qtbot.waitUntil(lambda: [b.reason for b in list_backups(data_dir)].count("periodic") == 1, timeout=2000)
    for _ in range(3):  # the timer fires again (counted, not slept on) ...
        with qtbot.waitSignal(window.backup_timer.timeout, timeout=2000):
            pass
    assert [b.reason for b in list_backups(data_dir)].count("periodic") == 1  # ... but nothing was edited since


def test_word_export_from_the_window_end_to_end(open_window, qtbot, alerts, monkeypatch, tmp_path):
    """The real ui/export_actions.py, driven from the menu: the file has what was just typed."""
    import zipfile

    from hoshin_desktop.ui import alerts as alerts_module

    target = tmp_path / "out.docx"

    def accept_with_target(dialog) -> bool:  # the options as shown, the file where the test wants it
        dialog.target.setText(str(target))
        return True

    monkeypatch.setattr(alerts_module, "run_dialog", accept_with_target)
    window = open_window()
    window.add_goal()
    type_text(qtbot, QApplication.focusWidget(), "窓から書き出す目標")
    window.actions.export_docx.trigger()
    assert target.is_file()
    assert "窓から書き出す目標" in zipfile.ZipFile(target).read("word/document.xml").decode("utf-8")


def test_the_window_has_the_app_icon(qapp):
    from hoshin_desktop.ui.application import configure_application

    configure_application(qapp)
    assert not qapp.windowIcon().isNull()
    assert qapp.windowIcon().availableSizes()  # the PNG was found and read


def test_network_data_folder_is_questioned_before_opening(tmp_path, alerts, qapp, monkeypatch):
    from hoshin_desktop.services import startup
    from hoshin_desktop.ui import application

    monkeypatch.setattr(startup, "is_network_location", lambda path: True)
    alerts.answers["ask_yes_no"] = [False]
    opened = application.open_session(Namespace(data_dir=tmp_path / "data", exit_after_startup=False), None)
    assert opened.session is None
    [(kind, title, text)] = alerts.calls
    assert kind == "ask_yes_no" and title == "ネットワーク上のフォルダーです" and "壊れるおそれ" in text
    assert not (tmp_path / "data").exists()


def test_after_the_first_paint_the_open_backup_is_taken_or_its_failure_shown(open_window, data_dir, qtbot):
    from hoshin_desktop.services.startup import Opened
    from hoshin_desktop.storage import backups
    from hoshin_desktop.ui.application import _after_first_paint

    window = open_window()
    _after_first_paint(window, Opened(window.session)).join()  # off the GUI thread
    assert [b.reason for b in backups.list_backups(data_dir)] == ["open"]
    shutil.rmtree(data_dir / "backups")
    (data_dir / "backups").write_text("a file where the backup folder belongs", encoding="utf-8")
    _after_first_paint(window, Opened(window.session)).join()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("起動時のバックアップを作れませんでした"))

def test_the_work_after_the_first_paint_waits_for_that_paint(qtbot, monkeypatch):
    """A timer set before the event loop ran came before the first paint and held it up."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QMainWindow

    from hoshin_desktop.ui import application

    app, window, order = QApplication.instance(), QMainWindow(), []
    qtbot.addWidget(window)

    class Paints(QObject):
        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint and obj is window:
                order.append("paint")
            return False

    paints = Paints()
    app.installEventFilter(paints)
    application._FirstPaint(app, window, lambda: order.append("work"))
    window.show()
    qtbot.waitUntil(lambda: "work" in order)
    app.removeEventFilter(paints)
    assert order[0] == "paint" and order.count("work") == 1
    monkeypatch.setattr(application, "FIRST_PAINT_WAIT_MS", 50)
    hidden, done = QMainWindow(), []  # started minimised, say: never painted, the work still comes
    qtbot.addWidget(hidden)
    application._FirstPaint(app, hidden, lambda: done.append(True))
    qtbot.waitUntil(lambda: done == [True], timeout=2000)


def test_the_import_hook_is_answered_without_the_app_s_folders(monkeypatch):
    """A frozen build has no folder of sources: the start goes on (and PySide6 finds no source to read)."""
    from hoshin_desktop.ui import feature_probe

    monkeypatch.setattr(feature_probe, "__file__", "/nowhere/hoshin_desktop/ui/feature_probe.py")
    assert feature_probe.app_modules() == []
    assert feature_probe.answer_ahead() >= 0
