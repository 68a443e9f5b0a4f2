"""「前年度の計画を引き継ぐ」: choose each of last year's goals' 方向性, then carry over and say
what could not be carried (pins to directives that were dropped this year).

After a 組織改正 the goals may come from several of last year's 部 (services/organisation.py): a
column names each goal's 部 and why it is offered, and a goal of a 部 that was split whose 担当課
do not tell where it goes starts as 「この部では引き継がない」: the user decides."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.goal_lineage import CONTINUED, DIRECTIONS, MERGED
from ..domain.models import Plan, stored_id
from ..domain.numbering import number_of
from ..domain.organisation import MOVED_SECTION, NOT_HERE, UNCLEAR
from ..domain.text import first_line
from ..domain.wareki import fiscal_year_label
from ..export.content import ordered_goals
from . import alerts
from .i18n import tr
from .wheel_guard import ChoiceBox
from .widgets import fit_to_screen


def offer_reasons() -> dict[str, str]:
    """Why a goal of another 部 is offered here, after a 組織改正 (domain/organisation.py's reasons)."""
    return {MOVED_SECTION: tr("担当課がこの部に移った"), UNCLEAR: tr("分割: 担当課から決まらない")}


class CarryOverDialog(QDialog):
    """Last year's goals, each with its 方向性 (継続 unless changed) and, for 統合, the goal it joins."""

    def __init__(self, source: Plan, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("carryOverDialog")
        self.setWindowTitle(tr("前年度の計画を引き継ぐ"))
        self.goals = [goal for _, goal in ordered_goals(source)]
        self.offered = source.offered
        numbers = {stored_id(goal): number for number, goal in ordered_goals(source)}
        note = QLabel(tr(
            "{0}の目標ごとに方向性を選んでください。継続・拡充・縮小の目標は今年度の計画に写し、基本方針の関連付けと"
            "部の方針は基本方針の対応表で今年度の項目へ付け替えます。統合は選んだ目標にまとめ、廃止・完了の目標は写さずに"
            "一覧に残します。").format(fiscal_year_label(source.fiscal_year)) + self._organisation_note())
        note.setWordWrap(True)
        columns = [tr("番号"), tr("前年度の目標"), tr("基本方針"), tr("方向性"), tr("統合先")]
        columns += [tr("前年度の部")] if self.offered else []  # only after a 組織改正
        self.table = QTableWidget(len(self.goals), len(columns))
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setAccessibleName(tr("前年度の目標と方向性"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.direction: dict[int, QComboBox] = {}
        self.merge_target: dict[int, QComboBox] = {}
        reasons = offer_reasons()
        for row, goal in enumerate(self.goals):
            self.table.setItem(row, 0, QTableWidgetItem(number_of(numbers, goal)))
            self.table.setItem(row, 1, QTableWidgetItem(first_line(goal.title) or tr("（目標名なし）")))
            self.table.setItem(row, 2, QTableWidgetItem(" ".join(goal.directives)))
            goal_id = stored_id(goal)
            self.table.setCellWidget(row, 3, self._direction(goal_id))
            self.table.setCellWidget(row, 4, self._target(goal_id, numbers))
            if self.offered:
                offer = self.offered[goal_id]
                why = reasons.get(offer.reason)
                self.table.setItem(row, 5, QTableWidgetItem(offer.department + (tr("（{0}）").format(why) if why else "")))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("引き継ぐ"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("キャンセル"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 900, 520)

    def _organisation_note(self) -> str:
        departments = list(dict.fromkeys(offer.department for offer in self.offered.values()))
        if not departments:
            return ""
        return tr("\n組織改正: この部には{0}の目標を引き継ぎます（「編集」→「組織の引き継ぎ」の対応と担当課のとおり）。"
                  "分かれた部の目標で担当課から引き継ぎ先が決まらないものは「{1}」になっています。この部で引き継ぐなら"
                  "方向性を選んでください。").format(tr("・").join(departments), NOT_HERE)

    def _choices(self, goal_id: int) -> tuple[str, ...]:
        unclear = goal_id in self.offered and self.offered[goal_id].reason == UNCLEAR
        return ((NOT_HERE,) if unclear else ()) + DIRECTIONS

    def _direction(self, goal_id: int) -> QComboBox:
        combo = ChoiceBox()
        combo.setAccessibleName(tr("方向性"))
        choices = self._choices(goal_id)
        combo.addItems(choices)  # the domain's words, as the plans store them (ui/i18n.py)
        combo.setCurrentIndex(0 if choices[0] == NOT_HERE else choices.index(CONTINUED))
        combo.currentIndexChanged.connect(lambda _i, g=goal_id: self._direction_changed(g))
        self.direction[goal_id] = combo
        return combo

    def _target(self, goal_id: int, numbers: dict[int, str]) -> QComboBox:
        combo = ChoiceBox()
        combo.setAccessibleName(tr("統合先の目標"))
        for other in self.goals:
            if other.id != goal_id:
                combo.addItem(f"{number_of(numbers, other)} {first_line(other.title)[:20]}", other.id)
        combo.setEnabled(False)
        self.merge_target[goal_id] = combo
        return combo

    def _direction_changed(self, goal_id: int) -> None:
        self.merge_target[goal_id].setEnabled(self.chosen(goal_id) == MERGED)

    def chosen(self, goal_id: int) -> str:
        return self._choices(goal_id)[self.direction[goal_id].currentIndex()]

    def choose(self, goal_id: int, direction: str, into: int | None = None) -> None:
        """Set a goal's 方向性 as a user would (tests, keyboard-free scripting)."""
        self.direction[goal_id].setCurrentIndex(self._choices(goal_id).index(direction))
        if into is not None:
            self.merge_target[goal_id].setCurrentIndex(self.merge_target[goal_id].findData(into))

    def directions(self) -> dict[int, str]:
        ids = [stored_id(goal) for goal in self.goals]
        return {goal_id: self.chosen(goal_id) for goal_id in ids if self.chosen(goal_id) != MERGED}

    def merges(self) -> dict[int, int]:
        ids = [stored_id(goal) for goal in self.goals]
        return {goal_id: self.merge_target[goal_id].currentData() for goal_id in ids
                if self.chosen(goal_id) == MERGED and self.merge_target[goal_id].currentData() is not None}


def choose_directions(parent: QWidget, source: Plan) -> tuple[dict[int, str], dict[int, int]] | None:
    """Ask for the 方向性 of last year's goals; None when cancelled."""
    dialog = CarryOverDialog(source, parent)
    if not alerts.run_dialog(dialog):
        return None
    return dialog.directions(), dialog.merges()


def tell_what_was_left(parent: QWidget, lines: list[str], needs_attention: bool) -> None:
    """After the carry-over: list pins that could not be carried and goals not carried."""
    if needs_attention:
        alerts.info(parent, tr("前年度の計画の引き継ぎ"), "\n".join(lines))
