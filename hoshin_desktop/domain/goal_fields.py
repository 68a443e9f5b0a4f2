"""A goal's texts as data: one spec per field, read by everything that shows, stores or checks them.

The editor builds a field per spec (label, hint, example, lines), the plan file and the database
carry a key per spec, the goal table of the paper prints each in its column (``column``, ``printed``),
search and the pre-submission checks read those marked so, and the review form shows those marked
``reviewed``. Adding a text to every goal (「予算額」, say) is one spec in GOAL_FIELDS plus one
migration adding its column to ``goals`` (storage/schema.py).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple, overload

# The goal table's columns a text can print in (export/content.py names the columns by these keys).
GOAL_COLUMN = "goal"
ACTIONS_COLUMN = "actions"
MEASURE_COLUMN = "measure"
SCHEDULE_COLUMN = "schedule"

# How a text prints in its column: the column's own text, a 【block】 under it, or 「label：text」.
FIRST, BLOCK, LABELLED = "first", "block", "labelled"


class GoalField(NamedTuple):
    """One text of a goal: where it is stored, shown, printed, searched and checked."""

    key: str  # the Goal's attribute, the column of ``goals``, the plan file's key
    label: str  # as the city's sheet names it
    column: str = ""  # the goal table's column it prints in; "" for a text the paper does not print
    printed: str = FIRST  # FIRST, BLOCK or LABELLED
    hint: str = ""  # beside the label in the form
    example: str = ""  # the empty field's placeholder
    lines: tuple[int, int] = (3, 14)  # the form's field grows from and to this many lines
    shown_lines: int = 0  # a short field shows its whole text up to this many lines
    searched: bool = True  # 検索 and 置換 look in it
    checked: bool = True  # 提出前の確認 reads it (required, 字数, 表記)
    reviewed: bool = True  # shown beside the 評価 form, as the plan states the goal


GOAL_FIELDS: list[GoalField] = [
    GoalField("title", "目標", GOAL_COLUMN, hint="何を達成するか", lines=(1, 6), shown_lines=3,
              example="例: 新庁舎移転に合わせた防災関連計画・マニュアルの見直し"),
    GoalField("background", "現状と課題", GOAL_COLUMN, BLOCK, example="この目標に取り組む理由、現在の状況と課題"),
    GoalField("actions", "取組内容", ACTIONS_COLUMN, example="具体的な取組（「・」で始める箇条書きも使えます）"),
    GoalField("indicator", "達成基準・指標", MEASURE_COLUMN, hint="何で達成を測るか", lines=(1, 8),
              example="例: 見直したマニュアルの数、訓練の参加者数"),
    GoalField("baseline", "現状値", MEASURE_COLUMN, LABELLED, lines=(1, 2), shown_lines=2, example="例: 0件"),
    GoalField("target", "目標値", MEASURE_COLUMN, LABELLED, lines=(1, 2), shown_lines=2, example="例: 5件"),
    GoalField("schedule", "スケジュール", SCHEDULE_COLUMN, hint="いつまでに", lines=(1, 8),
              example="例: 6月 素案作成、9月 庁内調整、12月 改定"),
]

BUILT_IN = frozenset(spec.key for spec in GOAL_FIELDS)  # Goal's own attributes; a field added later lives in Goal.more
OTHER_LABELS = {"owner_sections": "担当課", "directives": "基本方針"}  # a goal's lists, not texts


def goal_field(key: str) -> GoalField:
    spec = next((spec for spec in GOAL_FIELDS if spec.key == key), None)
    if spec is None:
        raise KeyError(f"unknown goal field {key}")
    return spec


class _Keys(Sequence[str]):
    """The text fields' keys in the sheet's order, as GOAL_FIELDS holds them now."""

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:  # a slice gives a list, as a sequence's may
        return [spec.key for spec in GOAL_FIELDS][index]

    def __len__(self) -> int:
        return len(GOAL_FIELDS)

    def __repr__(self) -> str:
        return repr(tuple(self))


class _Labels(Mapping[str, str]):
    """Field key → label, the texts' as GOAL_FIELDS holds them now and the lists'."""

    def __getitem__(self, key: str) -> str:
        return OTHER_LABELS[key] if key in OTHER_LABELS else goal_field(key).label

    def __iter__(self) -> Iterator[str]:
        return iter([*(spec.key for spec in GOAL_FIELDS), *OTHER_LABELS])

    def __len__(self) -> int:
        return len(GOAL_FIELDS) + len(OTHER_LABELS)


GOAL_TEXT_FIELDS: Sequence[str] = _Keys()
GOAL_FIELD_LABELS: Mapping[str, str] = _Labels()
