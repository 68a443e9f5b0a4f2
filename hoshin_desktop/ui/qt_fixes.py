"""Work-arounds for defects of the Qt binding that would otherwise crash the app.

PySide6 6.12 wheels drop one reference to ``None`` on every call of a method that returns
nothing (``setText``, ``setTextIndent``, ``insertText``...). From Python 3.12 ``None`` is
immortal and this is harmless; on Python 3.11 a few thousand such calls free ``None`` and
the interpreter aborts with "deallocating None" (an export of a large plan makes a
hundred thousand). Giving ``None`` a reference count no session can use up is what
Python 3.12 does itself (PEP 683).
"""

from __future__ import annotations

import ctypes
import sys

_SPARE_REFERENCES = 1 << 40


def protect_none() -> None:
    """Make ``None`` effectively immortal on CPython before 3.12 (idempotent)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is the first field of every object
    if refcount.value < _SPARE_REFERENCES:
        refcount.value += _SPARE_REFERENCES
