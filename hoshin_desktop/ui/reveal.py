"""Show where a search hit or a replace place is: the field scrolled into view, the word marked.

The marks are extra selections (a yellow background on every place of the found words), so they
show while the keyboard stays in the search box (Enter, ↓ for the next hit); they go when the
field's text changes or another place is shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QScrollArea, QTextEdit, QWidget

from ..domain.models import GOAL_FIELD_LABELS, GOAL_TEXT_FIELDS
from ..domain.text import normalize_for_search
from ..domain.wareki import fiscal_year_label
from . import alerts
from .i18n import tr
from .widgets import TextField

MARK = QColor("#ffd95a")
MARGIN = 48  # pixels kept above and below the field when it is scrolled into view


def find_in(text: str, needle: str) -> int:
    """Where ``needle`` is in ``text`` (-1 if nowhere); full/half width and case folded as search does."""
    if not needle:
        return -1
    position = text.find(needle)
    if position >= 0:
        return position
    folded = normalize_for_search(text)
    return folded.find(normalize_for_search(needle)) if len(folded) == len(text) else -1


def scroll_to(scroll: QScrollArea, widget: QWidget) -> None:
    """Scroll ``widget`` (with its caption above it) into view, laying the form out first."""
    form = scroll.widget()
    layout = form.layout() if form is not None else None
    if layout is not None:
        layout.activate()
    scroll.ensureWidgetVisible(widget.parentWidget() or widget, 0, MARGIN)
    scroll.ensureWidgetVisible(widget, 0, MARGIN // 2)


def find_all(text: str, needle: str) -> list[int]:
    """Every place of ``needle`` in ``text``, folded as find_in folds."""
    places, start = [], 0
    while (position := find_in(text[start:], needle)) >= 0:
        places.append(start + position)
        start += position + max(1, len(needle))
    return places


class FieldMarker:
    """Marks the found words in one field at a time: every place of each, the caret at the first."""

    def __init__(self):
        self._field: TextField | None = None
        self._word = ""

    def show(self, scroll: QScrollArea, field: TextField, *needles: str) -> None:
        self.clear()
        scroll_to(scroll, field)
        text = field.toPlainText()
        places = sorted((position, len(needle)) for needle in needles for position in find_all(text, needle))
        if not places:
            return
        marks = []
        for position, length in places:
            cursor = QTextCursor(field.document())
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            mark = QTextEdit.ExtraSelection()
            mark.cursor = cursor
            mark.format.setBackground(MARK)
            marks.append(mark)
        field.setExtraSelections(marks)
        first, length = places[0]
        visible = QTextCursor(field.document())
        visible.setPosition(first)
        field.setTextCursor(visible)
        field.ensureCursorVisible()
        field.textChanged.connect(self.clear)
        self._field = field
        self._word = text[first:first + length]

    def marked(self) -> str:
        """The marked word ("" when nothing is marked)."""
        return self._word

    def clear(self) -> None:
        if self._field is None:
            return
        field, self._field, self._word = self._field, None, ""
        field.setExtraSelections([])
        try:
            field.textChanged.disconnect(self.clear)
        except (RuntimeError, TypeError):
            pass


def _goal_field_named(label: str) -> str | None:
    """The goal field a search hit names by its label (目標, 取組内容 …), or None."""
    return next((name for name in GOAL_TEXT_FIELDS if GOAL_FIELD_LABELS[name] == label), None)


def go_to_hit(window, hit) -> None:
    """A search hit activated: open its plan (another year's too), select its directive or goal, mark the word."""
    department = hit.department or window.editor.plan.department
    names = [d.name for d in window.session.departments(hit.fiscal_year)]
    if department not in names:
        if hit.department is not None or not names:
            alerts.info(window, tr("移動できません"), tr("{0}に「{1}」がありません。").format(
                fiscal_year_label(hit.fiscal_year), department))
            return
        department = names[0]
    window.open_plan(hit.fiscal_year, department)
    if hit.kind == "section" and hit.section_number is not None:
        window.panes.tree.select_section(hit.section_number)
    elif hit.code is not None:
        window.panes.tree.select_directive(hit.code)
        if hit.kind == "answer":
            window.panes.answer_panel.answer.setFocus(Qt.FocusReason.OtherFocusReason)
    if hit.kind == "goal" and hit.goal_id is not None:
        window.select_goal(hit.goal_id)
        window.panes.goal_list.setFocus(Qt.FocusReason.OtherFocusReason)
    show_hit(window, hit)


def show_hit(window, hit) -> None:
    """After the window moved to a search hit: scroll to the field that matched and mark the word."""
    needles = hit.words or (hit.snippet[hit.match[0]:hit.match[1]],)
    field = _goal_field_named(hit.field) if hit.kind == "goal" else None
    if field is not None:
        window.marker.show(window.panes.goal_scroll, window.panes.goal_editor.fields[field], *needles)
    elif hit.kind == "goal":
        window.marker.clear()
        scroll_to(window.panes.goal_scroll, window.panes.goal_editor.sections)
    elif hit.kind == "answer":
        window.marker.show(window.panes.document_scroll, window.panes.answer_panel.answer, *needles)
    else:
        window.marker.clear()
        scroll_to(window.panes.document_scroll, window.panes.answer_panel.text)


def show_place(window, place, word: str) -> None:
    """Show one place of the replace preview (replace.Place) with ``word`` marked."""
    if place.kind == "goal":
        window.select_goal(place.key)
        window.marker.show(window.panes.goal_scroll, window.panes.goal_editor.fields[place.field], word)
    elif place.kind == "answer":
        window.panes.tree.select_directive(place.key)
        window.marker.show(window.panes.document_scroll, window.panes.answer_panel.answer, word)
    else:
        window.panes.header.set_open(True)
        window.marker.show(window.panes.document_scroll, window.panes.header.preamble, word)


def show_undone_answer(window, change) -> None:
    """After an undo or redo that changed a 部の方針 of another directive: choose that directive, so the
    text that came back (or went) is in view, as Word scrolls to what it undid."""
    view = window.workspace.view()
    if change is None or not change.answers or view is None or window.panes.answer_panel.code in change.answers:
        return
    code = next((d.code for d in view.policy.directives if d.code in change.answers), None)
    if code is not None and window.panes.tree.select_directive(code):
        scroll_to(window.panes.document_scroll, window.panes.answer_panel.answer)
