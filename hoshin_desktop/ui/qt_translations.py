"""Qt's own strings in Japanese: the qtbase_ja.qm shipped with PySide6, and what it lacks.

qtbase_ja.qm translates the file dialog's labels as Qt 5 wrote them ("Look in:", "Files of
type:"); Qt 6 added keyboard accelerators ("&Look in:", "Files of &type:"), so Qt's own
non-native file dialog (Linux) would stay half English. ``GapTranslator`` answers those: the
translation of the text without "&", with the accelerator in the Japanese way 「アドレス(&L):」,
and a few strings the file is missing altogether. Its ディレクトリ and フォルダ read フォルダー, the
app's word (「ディレクトリ:」 in the folder chooser beside 「保存先のフォルダー」 in the app's own text).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

QT_CATALOGUE = "qtbase_ja"
# Only the contexts of Qt's file dialog are looked at (every tr() of the app passes through here).
_CONTEXTS = {"QFileDialog", "QFileSystemModel", "QAbstractFileIconProvider", "QSidebar"}
_MISSING = {
    ("QAbstractFileIconProvider", "Folder"): "フォルダー",
    ("QAbstractFileIconProvider", "File Folder"): "フォルダー",
    ("QAbstractFileIconProvider", "File"): "ファイル",
    ("QAbstractFileIconProvider", "%1 File"): "%1 ファイル",
    ("QAbstractFileIconProvider", "Drive"): "ドライブ",
}


def with_accelerator(translation: str, source: str) -> str:
    """「アドレス:」 for "&Look in:" → 「アドレス(&L):」 (the accelerator after the word, as Japanese Windows does)."""
    letter = source[source.index("&") + 1].upper()
    colon = translation[-1] if translation[-1:] in (":", "：") else ""
    body = translation[: len(translation) - len(colon)]
    return f"{body}(&{letter}){colon}"


class GapTranslator(QTranslator):
    """Fills the gaps of ``base`` (Qt's own catalogue) in the file dialog's contexts."""

    def __init__(self, base: QTranslator, parent=None):
        super().__init__(parent)
        self.base = base

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        return False

    def translate(self, context, source, disambiguation=None, n=-1):
        # None, not "": Qt takes an empty string as the translation and asks no other catalogue.
        if context not in _CONTEXTS or not source:
            return None
        if (context, source) in _MISSING:
            return _MISSING[(context, source)]
        text = self.base.translate(context, source, disambiguation, n)
        if "&" in source[:-1] and not text:
            plain = self.base.translate(context, source.replace("&", ""), disambiguation, n)
            if plain:
                return with_accelerator(our_words(plain), source)
        return our_words(text) if text and our_words(text) != text else None


def our_words(text: str) -> str:
    """The app's word for a folder: Qt's catalogue says ディレクトリ (and フォルダ) where the app says フォルダー."""
    return _FOLDER.sub("フォルダー", text.replace("ディレクトリ", "フォルダー"))


_FOLDER = re.compile("フォルダ(?!ー)")


def install(app: QCoreApplication) -> list[QTranslator]:
    """Install Qt's Japanese catalogue and its gap filler; [] when the catalogue is not there."""
    base = QTranslator(app)
    if not base.load(QT_CATALOGUE, QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        return []
    gaps = GapTranslator(base, app)
    app.installTranslator(base)
    app.installTranslator(gaps)  # asked first: installed last
    return [base, gaps]
