"""Qt's own strings are Japanese: file dialogs, standard buttons, the text fields' context menus."""

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel, QLineEdit, QPlainTextEdit

from hoshin_desktop.ui.application import configure_application
from hoshin_desktop.ui.qt_translations import with_accelerator


def test_pyside6_ships_qt_japanese_catalogue():
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert (folder / "qtbase_ja.qm").is_file()


def test_accelerator_is_written_the_japanese_way():
    assert with_accelerator("アドレス:", "&Look in:") == "アドレス(&L):"
    assert with_accelerator("ファイルの種類:", "Files of &type:") == "ファイルの種類(&T):"
    assert with_accelerator("名前", "&Name") == "名前(&N)"


def test_qt_file_dialog_labels_are_japanese(qtbot, tmp_path):
    configure_application(QApplication.instance())
    dialog = QFileDialog(None, "基本方針の取り込み", str(tmp_path), "基本方針 (*.txt *.docx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = {label.text() for label in dialog.findChildren(QLabel) if label.text()}
    assert "アドレス(&L):" in texts
    assert "ファイルの種類(&T):" in texts
    assert not [t for t in texts if any(word in t for word in ("Look in", "Files of", "File name"))]
    (tmp_path / "sub").mkdir()
    assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder") == "フォルダー"


def test_standard_buttons_and_context_menus_are_japanese(qtbot):
    configure_application(QApplication.instance())
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "キャンセル"
    for field in (QLineEdit(), QPlainTextEdit()):
        qtbot.addWidget(field)
        menu = field.createStandardContextMenu()
        texts = [a.text() for a in menu.actions() if a.text()]
        assert any("元に戻す" in t for t in texts) and any("貼り付け" in t for t in texts), texts
        assert not [t for t in texts if "Undo" in t or "Paste" in t]


def test_the_folder_chooser_says_folder_as_the_app_does(qtbot, tmp_path):
    """The folder chooser (提出 folder, すべての部の書き出し先) labels its field 「フォルダー」, not 「ディレクトリ」."""
    from PySide6.QtWidgets import QAbstractButton, QToolButton

    configure_application(QApplication.instance())
    dialog = QFileDialog(None, "書き出し先のフォルダーを選んでください", str(tmp_path))
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    dialog.show()
    shown = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    shown += [button.toolTip() for button in dialog.findChildren(QToolButton)]
    shown += [button.text() for button in dialog.findChildren(QAbstractButton)]
    assert any(text.startswith("フォルダー") for text in shown), shown
    assert not [text for text in shown if "ディレクトリ" in text or "フォルダ " in text or text.endswith("フォルダ")]
