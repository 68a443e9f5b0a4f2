"""The upper right pane: the plan's cover (date, signers, preamble) and the selected directive
with the department's answer to it (部の方針)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.models import Plan, PolicyDocument, Signer
from ..domain.numbering import number_of
from ..domain.wareki import default_plan_date, format_date
from .i18n import tr
from .style import set_look, show_placeholder
from .wheel_guard import NumberBox
from .widgets import LabeledField, LineField, TextField

if TYPE_CHECKING:
    from .date_field import DateField


class FieldHub(QObject):
    """Collects the signals of every text field of the window in one place."""

    left = Signal()
    typingUndoChanged = Signal()

    def register(self, field) -> None:
        field.left.connect(self.left)
        field.typingUndoChanged.connect(self.typingUndoChanged)


def wareki_text(value: date) -> str:
    try:
        return format_date(value)
    except ValueError:
        return tr("（令和より前の日付です）")


class SignersEditor(QWidget):
    """Signers 1..n: title and name on one row each."""

    edited = Signal(list, bool)  # signers, structural (a row added or removed)

    def __init__(self, hub: FieldHub, parent=None):
        super().__init__(parent)
        self.hub = hub
        self.setAccessibleName(tr("署名者"))
        self._rows: list[tuple[LineField, LineField, QToolButton]] = []
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(4)
        layout.addLayout(self._grid)
        add_row = QHBoxLayout()
        self.add_button = QPushButton(tr("＋ 署名者を追加"))
        set_look(self.add_button, "linkButton")
        self.add_button.setFlat(True)
        self.add_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.add_button.setAccessibleName(tr("署名者を追加"))
        self.add_button.setToolTip(tr("部長のほかに担当部長なども署名する場合に追加します"))
        self.add_button.clicked.connect(self._add)
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        layout.addLayout(add_row)

    def signers(self) -> list[Signer]:
        return [Signer(t.text(), n.text()) for t, n, _ in self._rows]

    def set_signers(self, signers: list[Signer]) -> None:
        self._loading = True
        try:
            while len(self._rows) > len(signers):
                for widget in self._rows.pop():
                    self._grid.removeWidget(widget)
                    widget.hide()
                    widget.deleteLater()
            while len(self._rows) < len(signers):
                self._new_row()
            for (title, name, remove), signer in zip(self._rows, signers):
                title.set_text(signer.title)
                name.set_text(signer.name)
                remove.setEnabled(len(signers) > 1)
        finally:
            self._loading = False

    def fields(self) -> list[LineField]:
        return [w for t, n, _ in self._rows for w in (t, n)]

    def tab_chain(self) -> list[QWidget]:
        """Row by row: 職名, 氏名, 削除; then 署名者を追加."""
        return [w for row in self._rows for w in row] + [self.add_button]

    def _new_row(self) -> None:
        index = len(self._rows)
        title = LineField(tr("署名者{0}の職名").format(index + 1), placeholder=tr("職名（例: 政策部長）"))
        name = LineField(tr("署名者{0}の氏名").format(index + 1), placeholder=tr("氏名"))
        remove = QToolButton()
        remove.setText(tr("削除"))
        remove.setAccessibleName(tr("署名者{0}を削除").format(index + 1))
        remove.setToolTip(tr("この署名者を削除します"))
        for field in (title, name):
            self.hub.register(field)
            field.textChanged.connect(self._typed)
        remove.clicked.connect(lambda _checked=False, row=index: self._remove(row))
        self._grid.addWidget(title, index, 0)
        self._grid.addWidget(name, index, 1)
        self._grid.addWidget(remove, index, 2)
        if self.isVisible():  # a layout shows new children only later; the new row takes focus now
            for widget in (title, name, remove):
                widget.show()
        self._grid.setColumnStretch(0, 1)
        self._grid.setColumnStretch(1, 1)
        self._rows.append((title, name, remove))

    def _typed(self, _text: str) -> None:
        if not self._loading:
            self.edited.emit(self.signers(), False)

    def _add(self) -> None:
        signers = self.signers() + [Signer("", "")]
        self.set_signers(signers)
        self.edited.emit(signers, True)
        self._rows[-1][0].setFocus()

    def _remove(self, row: int) -> None:
        signers = self.signers()
        if len(signers) <= 1 or row >= len(signers):
            return
        del signers[row]
        self.set_signers(signers)
        self.edited.emit(signers, True)


class CoverFields(QWidget):
    """The cover's fields under the fold: date and 版 on one row, the signers, the preamble."""

    def __init__(self, hub: FieldHub, parent=None):
        super().__init__(parent)
        from .date_field import DateField  # the cover is built when first opened (PlanHeader.fields)

        body = QGridLayout(self)
        body.setContentsMargins(4, 0, 0, 0)
        body.setHorizontalSpacing(12)
        body.setVerticalSpacing(8)

        date_caption = QLabel(tr("日付"))
        set_look(date_caption, "fieldCaption")
        self.date_edit = DateField()  # 令和6年4月1日, as on the paper
        self.date_edit.setAccessibleName(tr("計画の日付"))
        date_caption.setBuddy(self.date_edit)
        revision_caption = QLabel(tr("版"))
        set_look(revision_caption, "fieldCaption")
        self.revision = NumberBox()
        self.revision.setRange(1, 99)
        self.revision.setPrefix(tr("第"))
        self.revision.setSuffix(tr("版"))
        self.revision.setAccessibleName(tr("版数（印刷物の欄外に出ます）"))
        self.revision.setToolTip(tr("面談後に修正したら版を上げます。書き出した文書の欄外に「第2版」のように出ます。"))
        revision_caption.setBuddy(self.revision)
        date_row = QHBoxLayout()
        date_row.setSpacing(10)
        date_row.addWidget(self.date_edit)
        date_row.addSpacing(24)
        date_row.addWidget(revision_caption)
        date_row.addWidget(self.revision)
        date_row.addStretch(1)
        body.addWidget(date_caption, 0, 0)
        body.addLayout(date_row, 0, 1)

        signer_caption = QLabel(tr("署名者"))
        set_look(signer_caption, "fieldCaption")
        self.signers = SignersEditor(hub)
        body.addWidget(signer_caption, 1, 0, Qt.AlignmentFlag.AlignTop)
        body.addWidget(self.signers, 1, 1)

        self.preamble = TextField(tr("前文"), min_lines=2, max_lines=8)
        self.preamble.setObjectName("preamble")
        hub.register(self.preamble)
        self.preamble_block = LabeledField(tr("前文"), self.preamble)
        self.reset_preamble = QPushButton(tr("既定の文に戻す"))
        set_look(self.reset_preamble, "linkButton")
        self.reset_preamble.setFlat(True)
        self.reset_preamble.setCursor(Qt.CursorShape.PointingHandCursor)
        self.reset_preamble.setAccessibleName(tr("前文を既定の文に戻す"))
        preamble_box = QVBoxLayout()
        preamble_box.setSpacing(2)
        preamble_box.addWidget(self.preamble_block)
        reset_row = QHBoxLayout()
        reset_row.addStretch(1)
        reset_row.addWidget(self.reset_preamble)
        preamble_box.addLayout(reset_row)
        body.addLayout(preamble_box, 2, 0, 1, 2)
        body.setColumnStretch(1, 1)

    def show_plan(self, plan: Plan) -> None:
        value = plan.plan_date or default_plan_date(plan.fiscal_year)
        self.date_edit.setDate(QDate(value.year, value.month, value.day))
        self.revision.setValue(plan.revision)
        self.signers.set_signers(plan.signers or [Signer("", "")])
        self.preamble.set_text(plan.preamble)

    def tab_chain(self) -> list[QWidget]:
        return [self.date_edit, self.revision, *self.signers.tab_chain(), self.preamble, self.reset_preamble]


class PlanHeader(QWidget):
    """Date (shown in 和暦 as well), revision, signers and preamble; can fold to one line.

    Folded, it is one line: its fields (CoverFields) are made when the cover is first opened or
    a field of it is first reached, since most plans open with the cover folded."""

    dateEdited = Signal(object)
    revisionEdited = Signal(int)
    signersEdited = Signal(list, bool)
    preambleEdited = Signal(str)
    resetPreambleRequested = Signal()
    foldedChanged = Signal(bool)
    fieldsMade = Signal()  # the fields exist from now on (a fixed plan makes them read-only)

    def __init__(self, hub: FieldHub, parent=None):
        super().__init__(parent)
        self.setObjectName("planHeader")
        self._hub = hub
        self._loading = False
        self._fields: CoverFields | None = None
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        top = QHBoxLayout()
        self.toggle = QToolButton()
        set_look(self.toggle, "foldButton")
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setText(tr("表紙（日付・署名者・前文）"))
        self.toggle.setAccessibleName(tr("表紙の欄を表示または折りたたむ"))
        self.toggle.toggled.connect(self._set_open)
        top.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        self.summary = QLabel()
        set_look(self.summary, "summaryLabel")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        top.addWidget(self.summary, 1)
        layout.addLayout(top)
        self._plan: Plan | None = None

    @property
    def fields(self) -> CoverFields:
        """The cover's fields, made (hidden while folded) on first use."""
        if self._fields is None:
            self._fields = fields = CoverFields(self._hub)
            self._layout.addWidget(fields)
            fields.setVisible(self.toggle.isChecked())
            fields.date_edit.dateChanged.connect(self._date_changed)
            fields.revision.valueChanged.connect(self._revision_changed)
            fields.signers.edited.connect(self.signersEdited)
            fields.preamble.textChanged.connect(self._preamble_changed)
            fields.reset_preamble.clicked.connect(self.resetPreambleRequested)
            if self._plan is not None:
                self._fill(self._plan)
            self.fieldsMade.emit()
        return self._fields

    # The fields other parts reach (the search, the pre-submission check, tests), made on first use.
    @property
    def date_edit(self) -> DateField:
        return self.fields.date_edit

    @property
    def revision(self) -> QSpinBox:
        return self.fields.revision

    @property
    def signers(self) -> SignersEditor:
        return self.fields.signers

    @property
    def preamble(self) -> TextField:
        return self.fields.preamble

    @property
    def reset_preamble(self) -> QPushButton:
        return self.fields.reset_preamble

    def show_plan(self, plan: Plan) -> None:
        self._plan = plan
        if self._fields is not None:
            self._fill(plan)
        self._update_summary()

    def _fill(self, plan: Plan) -> None:
        assert self._fields is not None
        self._loading = True
        try:
            self._fields.show_plan(plan)
        finally:
            self._loading = False

    def apply(self, change, view) -> None:
        if change.cover or change.plan:
            self.show_plan(view.plan)

    def _update_summary(self) -> None:
        plan = self._plan
        if plan is None:
            return
        value = plan.plan_date or default_plan_date(plan.fiscal_year)
        names = tr("、").join(f"{s.title} {s.name}".strip() for s in plan.signers if (s.title or s.name)) or tr("署名者未記入")
        self.summary.setText(tr("{0}　{1}　第{2}版").format(wareki_text(value), names, plan.revision))

    def tab_chain(self) -> list[QWidget]:
        """The cover in reading order; folded, only its toggle is reached (Tab skips hidden widgets)."""
        return [self.toggle, *(self._fields.tab_chain() if self._fields is not None else ())]

    def set_open(self, on: bool) -> None:
        self.toggle.setChecked(on)
        self._set_open(on)

    def _set_open(self, on: bool) -> None:
        if on or self._fields is not None:
            self.fields.setVisible(on)
        self.summary.setVisible(not on)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.foldedChanged.emit(not on)

    def _date_changed(self, value: QDate) -> None:
        as_date = date(value.year(), value.month(), value.day())
        if not self._loading:
            self.dateEdited.emit(as_date)

    def _revision_changed(self, value: int) -> None:
        if not self._loading:
            self.revisionEdited.emit(value)

    def _preamble_changed(self) -> None:
        if not self._loading:
            self.preambleEdited.emit(self.fields.preamble.toPlainText())


WIDE_PAIR_EM = 56  # from this width (full-width characters) the directive and the answer sit side by side
GOAL_LINKS = 20  # the goals of a directive named one by one; more are counted (the goal list marks them all)


class AnswerPanel(QWidget):
    """The selected directive, quoted in full, above the department's answer to it."""

    answerEdited = Signal(str, str)  # code, text
    goalLinkActivated = Signal(int)

    def __init__(self, hub: FieldHub, parent=None):
        super().__init__(parent)
        self.setObjectName("answerPanel")
        self.code: str | None = None
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.heading = QLabel()
        set_look(self.heading, "directiveHeading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.text = QLabel()
        set_look(self.text, "directiveText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.text.setAccessibleName(tr("基本方針の本文"))
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.pair = QGridLayout()  # the mayor's text beside the answer when wide, above it when narrow
        self.pair.setContentsMargins(0, 0, 0, 0)
        self.pair.setHorizontalSpacing(14)
        self.pair.setVerticalSpacing(6)
        layout.addLayout(self.pair)

        self.answer = TextField(tr("部の方針"), min_lines=4, max_lines=16,
                                placeholder=tr("この項目に対する部の方針を書きます。\n例: ＊新庁舎への移転に合わせ、部内の業務マニュアルを見直す。"))
        self.answer.setObjectName("answer")
        hub.register(self.answer)
        self.answer.textChanged.connect(self._changed)
        self.answer_block = LabeledField(tr("【部の方針】"), self.answer, hint=tr("「＊」で始まる段落、「・」の箇条書き"))
        self.wide: bool | None = None
        self._arrange(False)
        self.goals = QLabel()
        set_look(self.goals, "hintLabel")
        self.goals.setWordWrap(True)
        self.goals.setTextFormat(Qt.TextFormat.RichText)
        self.goals.setAccessibleName(tr("この項目に関連付けた目標"))
        self.goals.linkActivated.connect(lambda link: self.goalLinkActivated.emit(int(link.split(":")[1])))
        layout.addWidget(self.goals)
        self.show_nothing()

    def _arrange(self, wide: bool) -> None:
        if wide == self.wide:
            return
        self.wide = wide
        for widget in (self.text, self.answer_block):
            self.pair.removeWidget(widget)
        self.pair.addWidget(self.text, 0, 0, Qt.AlignmentFlag.AlignTop if wide else Qt.AlignmentFlag(0))
        self.pair.addWidget(self.answer_block, 0 if wide else 1, 1 if wide else 0, Qt.AlignmentFlag.AlignTop)
        self.pair.setColumnStretch(0, 5 if wide else 1)
        self.pair.setColumnStretch(1, 6 if wide else 0)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._arrange(self.width() >= WIDE_PAIR_EM * self.fontMetrics().horizontalAdvance("あ"))

    def show_nothing(self) -> None:
        self.code = None
        self.heading.setText(tr("基本方針の項目"))
        self.text.setText(tr("左の一覧から基本方針の項目を選ぶと、ここに本文が表示され、その項目に対する部の方針を書けます。"))
        show_placeholder(self.text, True)
        self.answer_block.setVisible(False)
        self.goals.setVisible(False)

    def show_section(self, policy: PolicyDocument, number: int) -> None:
        self.code = None
        section = next((s for s in policy.sections if s.number == number), None)
        if section is None:
            self.show_nothing()
            return
        self.heading.setText(section.heading)
        if section.is_procedural:
            self.text.setText(section.body.text + tr("\n\n（この節は各部の運営方針等の取扱いを定めたものです。"
                                                  "部の方針や目標の関連付けは必要ありません。）"))
        else:
            self.text.setText(tr("この節の項目: ") + tr("、").join(d.code for d in section.directives)
                              + tr("\n項目を選ぶと本文と部の方針の欄が表示されます。"))
        show_placeholder(self.text, not section.is_procedural)
        self.answer_block.setVisible(False)
        self.goals.setVisible(False)

    def show_directive(self, policy: PolicyDocument, code: str, plan: Plan, numbers: dict[int, str]) -> None:
        directive = policy.directive(code)
        if directive is None:
            self.show_nothing()
            return
        section = next(s for s in policy.sections if s.number == directive.section_number)
        self._loading = True
        try:
            switching = code != self.code
            self.code = code
            self.heading.setText(tr("基本方針 {0}\u3000<span style='font-weight:normal'>{1}</span>").format(code, section.heading))
            self.heading.setTextFormat(Qt.TextFormat.RichText)
            self.text.setText(directive.text)
            show_placeholder(self.text, False)
            self.answer.set_text(plan.answer(code))
            self.answer.setAccessibleName(tr("基本方針 {0} に対する部の方針").format(code))
            if switching:
                self.answer.forget_typing()
            self.answer_block.setVisible(True)
            self.show_goals(plan, numbers)
        finally:
            self._loading = False

    def apply(self, change, view) -> None:
        if self.code is not None and (self.code in change.answers or change.numbers or change.policy):
            self.show_directive(view.policy, self.code, view.plan, view.numbers)

    def show_goals(self, plan: Plan, numbers: dict[int, str]) -> None:
        if self.code is None:
            return
        pinned = sorted(plan.goals_pinned_to(self.code), key=lambda g: [int(p) for p in number_of(numbers, g, "0").split("-")])
        if pinned:
            links = tr("、").join(tr("<a href='goal:{0}'>目標{1}</a>").format(g.id, number_of(numbers, g))
                                 for g in pinned[:GOAL_LINKS])
            if len(pinned) > GOAL_LINKS:  # hundreds of links are no help to read, and take long to lay out
                links = tr("{0} ほか{1}件（目標の一覧に黄色で示しています）").format(links, len(pinned) - GOAL_LINKS)
            self.goals.setText(tr("この項目に関連付けた目標: {0}").format(links))
        else:
            self.goals.setText(tr("この項目に関連付けた目標はまだありません。"))
        self.goals.setVisible(True)

    def _changed(self) -> None:
        if not self._loading and self.code is not None:
            self.answerEdited.emit(self.code, self.answer.toPlainText())

