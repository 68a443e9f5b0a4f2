"""Every modal question and message of the app goes through here, so tests patch one place.

Tests replace these functions (monkeypatch) with scripted answers; an unexpected modal in
a test fails instead of hanging.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from .i18n import tr


def info(parent: QWidget | None, title: str, text: str) -> None:
    _message(QMessageBox.Icon.Information, parent, title, text)


def warning(parent: QWidget | None, title: str, text: str) -> None:
    _message(QMessageBox.Icon.Warning, parent, title, text)


def error(parent: QWidget | None, title: str, text: str) -> None:
    _message(QMessageBox.Icon.Critical, parent, title, text)


# Lines of a message as shown (about 30 full-width characters to a line): a longer message (30 problems
# of a plan file) grew taller than a 768-pixel screen with its OK button below it.
_SHOWN_LINES = 22
_LINE_CHARS = 30


def _message(icon: QMessageBox.Icon, parent: QWidget | None, title: str, text: str) -> None:
    """A message; a long one shows its beginning, and the whole text scrolls under 「詳細を表示」."""
    box = QMessageBox(icon, title, short_text(text), QMessageBox.StandardButton.Ok, parent)
    if box.text() != text:
        box.setDetailedText(text)
    box.exec()


def short_text(text: str) -> str:
    """``text`` itself, or its first lines and how to see the rest when it is too long to show whole."""
    lines, used = text.splitlines(), 0
    for count, line in enumerate(lines):
        room = _SHOWN_LINES - used  # shown lines left for this one
        used += max(1, -(-len(line) // _LINE_CHARS))
        if used > _SHOWN_LINES:
            part = line[:(room - 1) * _LINE_CHARS]  # a long line (a pasted text, say) is cut too
            return "\n".join(lines[:count] + [part] * bool(part) + [tr("…（続きは「詳細を表示」で見られます）")])
    return text


def ask_yes_no(parent: QWidget | None, title: str, text: str, *, default_yes: bool = False) -> bool:
    default = QMessageBox.StandardButton.Yes if default_yes else QMessageBox.StandardButton.No
    answer = QMessageBox.question(
        parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, default
    )
    return answer == QMessageBox.StandardButton.Yes


def choose(parent: QWidget | None, title: str, text: str, choices: list[str], *, cancel: str | None = None,
           icon: QMessageBox.Icon = QMessageBox.Icon.Question, default: int | None = 0) -> int | None:
    """Ask the user to pick one of ``choices`` (button labels); None if cancelled. ``icon``: Information
    for a report of something done with follow-ups (開く…), Warning for a failure with ways out.
    ``default``: the choice Enter presses; None for ``cancel`` (a report: Enter closes it, as OK would).
    ``cancel``: the label of the button that chooses nothing (キャンセル when not given)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    buttons = [box.addButton(label, QMessageBox.ButtonRole.AcceptRole) for label in choices]
    cancel_button = box.addButton(cancel or tr("キャンセル"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(buttons[default] if buttons and default is not None else cancel_button)
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else None


def save_path(parent: QWidget | None, caption: str, suggested: Path, file_filter: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, caption, str(suggested), file_filter)
    return Path(name) if name else None


def open_path(parent: QWidget | None, caption: str, folder: Path, file_filter: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, caption, str(folder), file_filter)
    return Path(name) if name else None


def choose_folder(parent: QWidget | None, caption: str, folder: Path) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, caption, str(folder))
    return Path(name) if name else None


def edit_lines(parent: QWidget | None, title: str, text: str, lines: list[str]) -> list[str] | None:
    """Let the user edit a short list, one item a line; None if cancelled."""
    from PySide6.QtWidgets import QInputDialog

    value, ok = QInputDialog.getMultiLineText(parent, title, text, "\n".join(lines))
    if not ok:
        return None
    return [line.strip() for line in value.splitlines() if line.strip()]


def run_dialog(dialog: QDialog) -> bool:
    """Show one of the app's own dialogs (export options, print) modally; True when accepted."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def ask_text(parent: QWidget | None, title: str, text: str) -> str | None:
    """Ask for a short text (a reason, say); None if cancelled."""
    from PySide6.QtWidgets import QInputDialog

    value, ok = QInputDialog.getMultiLineText(parent, title, text, "")
    return value if ok else None
