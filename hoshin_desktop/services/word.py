"""「Wordで印刷」: hand a .docx to the program Windows registered for printing it (Word, as a rule).

On Windows the office prints exactly what recipients see by printing the .docx with Word;
the shell's "print" verb does that without opening a window. Elsewhere there is no such
verb, so the window does not offer it. Kept in one small function so that a test can check
the call (the real print cannot be tried on this machine).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def can_print_with_word(path: Path) -> bool:
    """Windows, a .docx, and a program registered to print .docx files."""
    if sys.platform != "win32" or Path(path).suffix.lower() != ".docx":
        return False
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, ".docx") as key:
            program = winreg.QueryValue(key, None)
        with winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, rf"{program}\shell\print\command"):
            return True
    except OSError:
        return False


def print_with_word(path: Path) -> None:
    """Send ``path`` to the default printer through the shell's print verb (raises OSError on failure)."""
    os.startfile(str(path), "print")  # type: ignore[attr-defined]  # Windows only, as is the command that calls this
