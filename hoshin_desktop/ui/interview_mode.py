"""面談モード (F5): the plan, read-only and in large type, for the meeting room or a projector.

One directive at a time (the mayor's text, the department's answer, the goals pinned to it)
or the goal table; ←/→ (or PageUp/PageDown) move, T switches to the table and back, Esc
leaves — from the page, and from the note while it is empty; any other typing goes into the
note. The note pane on the right records 指示事項 as they are given: each is stored at once
(Ctrl+Enter or 「記録」) with the interview's date (choosable) and tied to the directive on screen.
Text left in the note is never filed silently: leaving asks whether to record it.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..domain.cycle import Instruction, usual_giver
from ..services import year_cycle as cycle
from ..services.change import Change
from . import alerts
from .date_field import DateField, to_date
from .i18n import tr
from .wheel_guard import ChoiceBox

Runner = Callable[[Callable[[], Change], QWidget], "Change | None"]  # runs an operation, its messages over the mode

NAVIGATION_KEYS = {Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageDown: 1, Qt.Key.Key_Space: 1,
                   Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageUp: -1}
# Keys that also turn the page from an empty note (↑/↓ and Space belong to typing there).
NOTE_PAGE_KEYS = (Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp)


def type_size(height: int) -> int:
    """Body text in pixels for a screen ``height`` pixels tall: 24 px at 768, 33 px at 1080 (legible at 5 m)."""
    return max(18, round(height / 32))


class SlideView(QTextBrowser):
    """The page on screen; it takes the arrow keys (the note field keeps its own)."""

    step = Signal(int)
    toggle_table = Signal()
    typed = Signal(str)  # text typed while the page has the keys: it belongs in the note

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        commands = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        if event.key() in NAVIGATION_KEYS and not event.modifiers():
            self.step.emit(NAVIGATION_KEYS[event.key()])
        elif event.key() == Qt.Key.Key_T and not event.modifiers():
            self.toggle_table.emit()
        elif event.text().isprintable() and event.text().strip() and not commands:
            self.typed.emit(event.text())
        else:
            super().keyPressEvent(event)

    def inputMethodEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Text an input method commits here (the page is read-only) belongs in the note too."""
        if event.commitString():
            self.typed.emit(event.commitString())
        event.accept()


class InterviewMode(QWidget):
    """A top-level, full-screen view of one plan; ``closed`` when it ends."""

    closed = Signal()

    def __init__(self, editor, run: Runner, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.editor = editor
        self.run = run
        self.slides = cycle.interview_slides(editor.plan, editor.policy)
        self.index = 0
        self.table = False
        self.recorded = 0
        self.setWindowTitle(tr("面談モード — {0}").format(editor.plan.department))
        self.setObjectName("interviewMode")
        self.view = SlideView()
        self.view.setAccessibleName(tr("面談モードの表示"))
        self.view.setOpenLinks(False)
        self.view.step.connect(self.step_by)
        self.view.toggle_table.connect(self.toggle_table)
        self.view.typed.connect(self._type_into_note)
        self.position = QLabel()
        self.position.setObjectName("interviewPosition")
        hint = QLabel(tr("←/→ 移動　T 目標の一覧　Esc 終了"))
        hint.setObjectName("interviewHint")
        footer = QHBoxLayout()
        footer.addWidget(self.position)
        footer.addStretch(1)
        footer.addWidget(hint)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(24, 16, 12, 12)
        left_layout.addWidget(self.view, 1)
        left_layout.addLayout(footer)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self._note_pane())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _note_pane(self) -> QWidget:
        pane = QWidget()
        pane.setObjectName("interviewNotes")
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(12, 16, 16, 12)
        layout.addWidget(QLabel(tr("指示事項のメモ")))
        self.held_on = DateField()
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat(tr("yyyy年M月d日"))
        self.held_on.setDate(QDate.currentDate())
        self.held_on.setAccessibleName(tr("面談の日"))
        when = QHBoxLayout()
        when.addWidget(QLabel(tr("面談の日")))
        when.addWidget(self.held_on, 1)
        layout.addLayout(when)
        self.given_by = ChoiceBox()
        self.given_by.setEditable(True)
        self.given_by.setAccessibleName(tr("指示者"))
        givers = self.editor.session.instruction_givers()
        self.given_by.addItems(givers)
        interviewer = self.editor.department.interviewer
        self.given_by.setCurrentIndex(usual_giver(givers, interviewer))
        self.note = QPlainTextEdit()
        self.note.installEventFilter(self)
        self.note.setAccessibleName(tr("指示事項の内容"))
        self.note.setPlaceholderText(tr("指示を受けたら入力し、Ctrl+Enter で記録します"))
        self.concerns = QLabel()
        self.concerns.setWordWrap(True)
        record = QPushButton(tr("記録（Ctrl+Enter）"))
        record.clicked.connect(self.record)
        self.log = QListWidget()
        self.log.setAccessibleName(tr("この面談で記録した指示事項"))
        self.log.setWordWrap(True)
        self.log.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for widget in (self.given_by, self.note, self.concerns, record, QLabel(tr("記録した指示事項")), self.log):
            layout.addWidget(widget, 2 if widget in (self.note, self.log) else 0)
        return pane

    # --- showing ------------------------------------------------------------------------------

    def start(self, screen_height: int | None = None) -> None:
        """Fill the screen and show the first directive."""
        screen = self.screen().geometry() if self.screen() else None
        self.apply_type_size(type_size(screen_height or (screen.height() if screen else 768)))
        self.show_current()
        if screen is not None:
            self.setGeometry(screen)  # a desktop without a window manager ignores full screen alone
        self.showFullScreen()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def apply_type_size(self, px: int) -> None:
        self.px = px
        self.setStyleSheet(f"""
            QWidget#interviewMode {{ background: #ffffff; }}
            QTextBrowser {{ border: none; font-size: {px}px; }}
            QLabel#interviewPosition, QLabel#interviewHint {{ font-size: {max(14, px * 2 // 3)}px; color: #555; }}
            QWidget#interviewNotes {{ background: #f4f6f8; }}
            QWidget#interviewNotes * {{ font-size: {max(14, px * 2 // 3)}px; }}
            QWidget#interviewNotes QPlainTextEdit, QWidget#interviewNotes QListWidget {{ background: #ffffff; }}
        """)

    def step_by(self, step: int) -> None:
        if self.table:
            bar = self.view.verticalScrollBar()
            bar.setValue(bar.value() + step * bar.pageStep())
            return
        self.index = max(0, min(len(self.slides) - 1, self.index + step))
        self.show_current()

    def toggle_table(self) -> None:
        self.table = not self.table
        self.show_current()

    def show_current(self) -> None:
        if self.table:
            self.view.setHtml(self._table_html())
            self.position.setText(tr("目標の一覧（{0}件）").format(len(self.editor.plan.goals)))
        else:
            slide = self.current_slide()
            self.view.setHtml(self._slide_html(slide) if slide else tr("<p>基本方針の項目がありません。</p>"))
            self.position.setText(tr("{0} / {1}").format(self.index + 1, len(self.slides)))
        self.concerns.setText(tr("関連: 基本方針 {0}").format(self.current_code()) if self.current_code()
                              else tr("関連: 計画全体"))

    def current_slide(self) -> cycle.InterviewSlide | None:
        return self.slides[self.index] if self.slides else None

    def current_code(self) -> str | None:
        slide = self.current_slide()
        return None if self.table or slide is None else slide.code

    def _slide_html(self, slide: cycle.InterviewSlide) -> str:
        e = html.escape
        small = f"font-size:{self.px * 3 // 4}px; color:#444;"
        parts = [f"<p style='{small}'>{e(slide.heading)}</p>",
                 f"<h2 style='font-size:{self.px * 5 // 4}px'>{e(slide.code)}</h2>",
                 f"<p>{e(slide.directive)}</p>",
                 f"<p style='margin-top:{self.px}px; font-weight:bold'>{tr('【部の方針】')}</p>",
                 _paragraphs(slide.answer) or f"<p style='{small}'>{tr('（部の方針は書かれていません）')}</p>"]
        if slide.goals:
            parts.append(f"<p style='margin-top:{self.px}px; font-weight:bold'>{tr('関連する組織目標')}</p>")
            for number, goal in slide.goals:
                measure = " → ".join(x for x in (goal.baseline.strip(), goal.target.strip()) if x)
                parts.append(f"<p><b>No.{e(number)}　{e(goal.title)}</b><br>"
                             f"<span style='{small}'>{e(goal.indicator)}{'　' + e(measure) if measure else ''}"
                             f"{'　（' + e(goal.schedule) + '）' if goal.schedule.strip() else ''}</span></p>")
        return "".join(parts)

    def _table_html(self) -> str:
        e = html.escape
        rows = "".join(
            f"<tr><td>{e(number)}</td><td>{e(' '.join(goal.directives))}</td><td>{e(goal.title)}</td>"
            f"<td>{e(goal.indicator)}<br>{e(goal.baseline)} → {e(goal.target)}</td><td>{e(goal.schedule)}</td>"
            f"<td>{e('、'.join(goal.owner_sections))}</td></tr>"
            for number, goal in cycle.ordered_goals(self.editor.plan))
        head = "".join(f"<th>{heading}</th>" for heading in (tr("No."), tr("基本方針"), tr("目標"), tr("指標（現状値→目標値）"),
                                                          tr("スケジュール"), tr("担当課")))
        return (f"<table border='1' cellspacing='0' cellpadding='{self.px // 3}' width='100%'>"
                f"<tr style='background:#e6e9ed'>{head}</tr>{rows}</table>")

    # --- notes ------------------------------------------------------------------------------------

    def _type_into_note(self, text: str) -> None:
        """Typing before clicking the note: the keys go on in the note (they went nowhere)."""
        self.note.setFocus(Qt.FocusReason.OtherFocusReason)
        self.note.moveCursor(QTextCursor.MoveOperation.End)
        self.note.insertPlainText(text)

    def record(self) -> bool:
        """Store the note as a 指示事項 of the directive on screen; False when the note is empty."""
        text = self.note.toPlainText().strip()
        if not text:
            return False
        item = Instruction(to_date(self.held_on.date()), self.given_by.currentText().strip() or self.given_by.itemText(0),
                           text, directive=self.current_code())
        change = self.run(lambda: self.editor.add_instruction(item), self)
        if change is None:
            return False
        stored = next(i for i in self.editor.plan.instructions if i.id in change.instructions)
        self.recorded += 1
        self.log.addItem(f"{stored.given_by}（{stored.directive or tr('全体')}）: {stored.text}")
        self.note.clear()
        return True

    def apply(self, change: Change) -> None:
        """The plan changed while the mode is open (an undo in the main window): show it again."""
        if change.numbers or change.goal_texts or change.answers or change.policy:
            self.slides = cycle.interview_slides(self.editor.plan, self.editor.policy)
            self.index = min(self.index, max(0, len(self.slides) - 1))
            self.show_current()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        """Ctrl+Enter in the note records it (a plain Enter starts a new line). In an empty note
        (just recorded) ←/→ and PageUp/PageDown still turn the page: the cursor has nowhere to go,
        and the note keeps the keys so that the IME types the next 指示事項 there."""
        if watched is self.note and event.type() == QEvent.Type.KeyPress:
            if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                    and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
                self.record()
                return True
            if not self.note.toPlainText() and not event.modifiers() and self._footer_key(event.key()):
                return True
        return super().eventFilter(watched, event)

    def _footer_key(self, key) -> bool:
        """←/→, PageUp/PageDown, T and Esc from an empty note: what the footer says they do."""
        if key in NOTE_PAGE_KEYS:
            self.step_by(NAVIGATION_KEYS[key])
        elif key == Qt.Key.Key_T:
            self.toggle_table()
        elif key == Qt.Key.Key_Escape:
            self.close()
        else:
            return False
        return True

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name): Esc from anywhere in the mode
        if event.key() == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self.note.toPlainText().strip() and not self._leave_note():
            event.ignore()
            return
        super().closeEvent(event)
        self.closed.emit()

    def _leave_note(self) -> bool:
        """Text in the note that was never recorded: record it, leave it out, or stay (False)."""
        choice = alerts.choose(self, tr("記録していないメモ"), tr(
            "メモ欄に、指示事項として記録していない文があります。\n\n「{0}」\n\n指示事項として記録しますか？").format(
            self.note.toPlainText().strip()[:200]), [tr("記録して終了"), tr("記録せずに終了")], cancel=tr("面談モードに戻る"))
        if choice == 0:
            return self.record()
        if choice == 1:
            self.note.clear()
            return True
        self.note.setFocus(Qt.FocusReason.OtherFocusReason)
        return False


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())
