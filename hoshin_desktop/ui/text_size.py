"""表示 → 文字の大きさ: the whole window's text larger or smaller (Ctrl++ / Ctrl+- / Ctrl+0), remembered.

The size is a percentage of the UI font the app started with; it is set on the application, so
every pane, list, dialog and menu follows (the fields grow with their text).
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from .i18n import tr
from .running_app import application
from .settings import read_int, settings

STEPS = (80, 90, 100, 110, 125, 150, 175, 200)
KEY = "view/textSize"
_BASE = "hoshinBaseFontSize"  # the start-up point size, kept on the application (windows come and go)


def base_point_size() -> float:
    app = application()
    if app.property(_BASE) is None:
        app.setProperty(_BASE, app.font().pointSizeF())
    return float(app.property(_BASE))


def apply(percent: int) -> None:
    app = application()
    font = app.font()
    size = round(base_point_size() * percent / 100, 1)
    if font.pointSizeF() == size:
        return
    font.setPointSizeF(size)
    app.setFont(font)
    # A widget under a style sheet (its own or a parent's) keeps the font it was polished with:
    # set each sheet again, parents before children (findChildren lists a parent before its own).
    for window in app.topLevelWidgets():
        for widget in (window, *window.findChildren(QWidget)):
            sheet = widget.styleSheet()
            if sheet:
                widget.setStyleSheet("")
                widget.setStyleSheet(sheet)


class TextSize:
    """The three actions of the 表示 menu and the remembered percentage."""

    def __init__(self, parent: QWidget, *, remember: bool):
        self.remember = remember
        stored = read_int(settings(), KEY, 100)
        self.percent = stored if stored in STEPS else 100
        self.larger = self._action(parent, tr("文字を大きく"), ["Ctrl++", "Ctrl+=", "Ctrl+;"], 1)
        self.smaller = self._action(parent, tr("文字を小さく"), ["Ctrl+-"], -1)
        self.reset = self._action(parent, tr("標準の大きさ"), ["Ctrl+0"], 0)
        self.set_percent(self.percent, store=False)

    def _action(self, parent: QWidget, text: str, keys: list[str], step: int) -> QAction:
        action = QAction(text, parent)
        action.setShortcuts([QKeySequence(k) for k in keys])  # Ctrl+; is Ctrl++ on a Japanese keyboard
        action.triggered.connect(lambda _checked=False: self.step(step))
        return action

    def actions(self) -> list[QAction]:
        return [self.larger, self.smaller, self.reset]

    def step(self, step: int) -> None:
        if step == 0:
            self.set_percent(100)
            return
        index = STEPS.index(self.percent) + step
        self.set_percent(STEPS[max(0, min(len(STEPS) - 1, index))])

    def set_percent(self, percent: int, *, store: bool = True) -> None:
        self.percent = percent
        apply(percent)
        self.larger.setEnabled(percent < STEPS[-1])
        self.smaller.setEnabled(percent > STEPS[0])
        self.reset.setText(tr("標準の大きさ（いま {0}%）").format(percent))
        if store and self.remember:
            settings().setValue(KEY, percent)
