"""Every string the window shows goes through ``tr()``, so the UI can be translated with Qt Linguist.

The source language is Japanese (the city's language); Qt's own strings (OK, キャンセル, …)
come from qtbase_ja, loaded by ui/qt_translations.py.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "hoshin"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)
