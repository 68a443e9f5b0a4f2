"""Where the window keeps its habits (geometry, splitters, last plan): one INI file per user.

An INI file rather than the Windows registry, so that support staff can read or delete it.
Tests point ``QSettings.setPath`` at a temporary folder.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "hoshin-desktop"
APPLICATION = "hoshin-desktop"


def settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def read_bytes(store: QSettings, key: str) -> QByteArray | None:
    value = store.value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def read_int(store: QSettings, key: str, default: int | None = None) -> int | None:
    try:
        return int(store.value(key))
    except (TypeError, ValueError):
        return default


def read_bool(store: QSettings, key: str, default: bool) -> bool:
    value = store.value(key)
    if value is None:
        return default
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)
