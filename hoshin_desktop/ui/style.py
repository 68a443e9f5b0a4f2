"""The window's look, given to each widget by the object name it carries.

There is no style sheet on the main window: a sheet there makes Qt's style-sheet style polish and
paint every widget of the window (some 270 at start, and every dialog opened over it), although
the looks concern a dozen names. ``set_look(widget, "fieldCaption")`` names a widget and gives it
its look on that widget alone: bold and colour as a font and a palette that resolve nothing else
(so the text still follows 表示 → 文字の大きさ), paddings as contents margins, and a small sheet
only where the plain style cannot draw a border or background. The states a widget shows later
(未設定の基本方針, 保存の失敗, 確定した計画, the placeholder of the mayor's text) each have one
function here.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QWidget

NAVY = "#1d3557"  # headings
INK = "#2f343b"  # field captions
GREY = "#676c74"  # hints, counts, summaries
PINNED = "#1d4a7a"  # the directives a goal serves
UNPINNED = "#a33a2a"  # 未設定: a goal that serves none yet
FAILED = "#b3261e"  # 保存できていません
LINK = "#1f5fa8"
FIXED_SHADE = "#eef0f2"  # a field of a 確定 plan
FIXED_INK = "#30343a"

_DIRECTIVE_TEXT = """
#directiveText { background: #f7f4ec; border: 1px solid #e4ddca; border-left: 4px solid #b89b52;
                 padding: 8px 10px; color: #1f2328; }
#directiveText[placeholder="true"] { background: transparent; border: 1px dashed #c9cdd3; color: #676c74; }
"""
_LINK_BUTTON = """
QPushButton { border: none; padding: 2px 4px; text-align: left; }
QPushButton:hover { text-decoration: underline; }
QPushButton:focus { border: 1px dotted #1f5fa8; }
QPushButton:disabled { color: #8a8f96; text-decoration: none; }
"""


class Look(NamedTuple):
    """How the widgets of one name look: what set_look gives each of them."""

    bold: bool = False
    colour: str = ""
    padding: tuple[int, int, int, int] | None = None  # left, top, right, bottom (see pad)
    page: bool = False  # a page of the document: the fields' white behind it
    background: str = ""  # a plain band of colour (no border)
    sheet: str = ""  # borders and states the plain style cannot draw, on this widget alone


_HINT = Look(colour=GREY)
_HEADING = Look(bold=True, colour=NAVY)
_PAGE = Look(page=True)

LOOKS: dict[str, Look] = {
    "paneHeading": Look(bold=True, colour=NAVY, padding=(8, 6, 8, 4)),
    "fieldCaption": Look(bold=True, colour=INK),
    "hintLabel": _HINT,
    "countLabel": _HINT,
    "summaryLabel": _HINT,
    "emptyLabel": _HINT,
    "directiveHeading": _HEADING,
    "goalHeading": _HEADING,
    "goalParentNote": Look(colour=NAVY),
    "pinsLabel": Look(bold=True, colour=PINNED),
    "directiveText": Look(sheet=_DIRECTIVE_TEXT),
    "linkButton": Look(colour=LINK, sheet=_LINK_BUTTON),
    "documentArea": _PAGE,
    "goalForm": _PAGE,
    "emptyPage": _PAGE,
    "carryBar": Look(sheet="#carryBar { background: #eef4fb; border: 1px solid #c9daf0; border-radius: 3px; margin: 4px 8px; }"),
    "separator": Look(sheet="#separator { border: none; border-top: 1px solid #d9dce0; max-height: 1px; }"),
    "foldButton": Look(bold=True, colour=NAVY, sheet="QToolButton { border: none; padding: 2px; }"),
    "fixedBanner": Look(bold=True, colour="#ffffff", background=NAVY, padding=(10, 4, 10, 4)),
    "lastYearReview": Look(sheet="#lastYearReview { background: #fff8e1; border: 1px solid #e0c56e; padding: 4px 8px; }"),
}

_TEXT_ROLES = (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText)


def set_look(widget: QWidget, name: str) -> QWidget:
    """Name ``widget`` and give it the look of that name (a name without a look only names it)."""
    widget.setObjectName(name)
    look = LOOKS.get(name)
    if look is None:
        return widget
    set_text_look(widget, bold=look.bold, colour=look.colour, background=look.background)
    if look.padding is not None:
        pad(widget, *look.padding)
    if look.page:
        widget.setBackgroundRole(QPalette.ColorRole.Base)  # this widget only: its children keep theirs
        widget.setAutoFillBackground(True)
    if look.sheet:
        widget.setStyleSheet(look.sheet)
    return widget


def pad(label: QWidget, left: int, top: int, right: int, bottom: int) -> None:
    """Room around a label's text, as a sheet's ``padding`` gave it: a padded label also indented its
    text by half an 「x」 on either side (at the text size of the start)."""
    indent = label.fontMetrics().horizontalAdvance("x") // 2
    label.setContentsMargins(left + indent, top, right + indent, bottom)


def set_text_look(widget: QWidget, *, bold: bool = False, colour: str = "", background: str = "") -> None:
    """Bold, colour and a band of background on ``widget`` alone (none of them: back to its parent's look);
    size and face keep following the application's font."""
    font = QFont()  # resolves only what is set below: the point size still follows 文字の大きさ
    if bold:
        font.setBold(True)
    widget.setFont(font)
    palette = QPalette()  # likewise: only the roles set below, the rest comes from the parent
    if colour:
        for role in _TEXT_ROLES:
            palette.setColor(role, QColor(colour))
    if background:
        palette.setColor(QPalette.ColorRole.Window, QColor(background))
    widget.setPalette(palette)
    widget.setAutoFillBackground(bool(background))


def _switched(widget: QWidget, name: str, value: object) -> bool:
    """Keep the state as the dynamic property ``name`` (tests and sheets read it); True when it changed."""
    if widget.property(name) == value:
        return False
    widget.setProperty(name, value)
    return True


def show_placeholder(text: QWidget, placeholder: bool) -> None:
    """#directiveText: the mayor's text on its gold rule, or a dashed box saying what to choose."""
    if _switched(text, "placeholder", placeholder):
        text.style().unpolish(text)  # its own sheet selects on the property
        text.style().polish(text)


def show_pins_empty(pins: QWidget, empty: bool) -> None:
    """#pinsLabel: the goal's directives in bold blue, or 「未設定」 in plain red."""
    if _switched(pins, "empty", empty):
        set_text_look(pins, bold=not empty, colour=UNPINNED if empty else PINNED)


def show_save_state(label: QWidget, state: str) -> None:
    """#saveState: plain while saving works, bold red while it fails ("failed")."""
    if _switched(label, "state", state):
        failed = state == "failed"
        set_text_look(label, bold=failed, colour=FAILED if failed else "")


def show_fixed(field: QWidget, fixed: bool) -> None:
    """A field of a 確定 plan: shaded grey (its frame, scroll bar and placeholder with it), as read-only as it is."""
    if not _switched(field, "fixedPlan", fixed):
        return
    palette = QPalette()
    if fixed:
        ink = QColor(FIXED_INK)
        for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
            palette.setColor(role, QColor(FIXED_SHADE))
        for role in _TEXT_ROLES:
            palette.setColor(role, ink)
        ink.setAlpha(128)
        palette.setColor(QPalette.ColorRole.PlaceholderText, ink)
    field.setPalette(palette)
