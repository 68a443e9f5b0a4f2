"""The year after April (DOMAIN.md, steps 4–5): the interview's 指示事項, 確定, 中間確認 and 年度末評価.

The review marks (◎ 達成 …) and the people who give instructions (市長 …) are the city's
data, stored in the working database and editable; nothing here names them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from .wareki import format_date

STAGES = ("interim", "final")
STAGE_LABELS = {"interim": "中間確認", "final": "年度末評価"}
INSTRUCTIONS_TITLE = "面談における指示事項と対応状況"  # the list of 指示事項 the interview gave

STATUSES = ("open", "in_progress", "done")
STATUS_LABELS = {"open": "未対応", "in_progress": "対応中", "done": "対応済み"}

REVIEW_FIELD_LABELS = {
    "mark": "評価",
    "actual": "実績値",
    "comment": "進捗・成果",
    "reason": "未達の理由・今後の対応",
}


class ReviewMark(NamedTuple):
    """One mark of the city's review scale, e.g. △ 一部未達; ``needs_reason`` at 年度末 for goals missed."""

    mark: str
    label: str
    needs_reason: bool = False

    @property
    def caption(self) -> str:
        return f"{self.mark} {self.label}".strip()


@dataclass
class Review:
    """The department's 中間確認 or 年度末評価 of one goal."""

    stage: str
    mark: str = ""
    actual: str = ""  # 実績値, against the goal's 目標値
    comment: str = ""  # 進捗・成果
    reason: str = ""  # 未達の理由・今後の対応

    def __post_init__(self):
        if self.stage not in STAGES:
            raise ValueError(f"評価の段階「{self.stage}」はありません（interim または final）")

    @property
    def is_blank(self) -> bool:
        return not (self.mark or self.actual.strip() or self.comment.strip() or self.reason.strip())


@dataclass
class Instruction:
    """One 指示事項 given at the interview, with the department's response.

    ``goal`` is the id of the goal it concerns (None: the whole plan), ``directive`` the
    code of the basic policy's item it concerns (None: none).
    """

    given_on: date
    given_by: str
    text: str
    goal: int | None = None
    directive: str | None = None
    due: date | None = None
    status: str = "open"
    response: str = ""
    id: int | None = None

    def __post_init__(self):
        if self.status not in STATUSES:
            raise ValueError(f"対応状況「{self.status}」はありません（open、in_progress、done）")

    @property
    def is_open(self) -> bool:
        return self.status != "done"


class Unlock(NamedTuple):
    """A 確定 that was undone: which 版 was fixed when, when and why it was unlocked, and by whom."""

    locked_at: datetime
    revision: int
    unlocked_at: datetime
    reason: str
    by: str = ""


class PlanLock(NamedTuple):
    """The plan's 確定: 第``revision``版, fixed at ``locked_at``; ``snapshot`` is the plan as fixed (plan-file JSON)."""

    locked_at: datetime
    revision: int
    snapshot: str = ""


class PlanLocked(ValueError):
    """An edit of a fixed plan's text; the message says what to do."""

    def __init__(self, revision: int):
        super().__init__(f"この計画は第{revision}版で確定しているため、変更できません。"
                         "変更するときは「確定を解除」を選び、理由を入力してください"
                         "（評価と指示事項は確定したままでも入力できます）。")
        self.revision = revision


class SectionsOfFixedPlan(PlanLocked):
    """Removing or renaming a 課 that a fixed plan's goals name as 担当課 (it would change the paper)."""

    def __init__(self, revision: int, sections: list[str]):
        ValueError.__init__(self, f"この計画は第{revision}版で確定しています。課「{'」「'.join(sections)}」は目標の担当課として"
                                  "印刷されるため、削除も名前の変更もできません。変更するときは「確定を解除」を選び、"
                                  "理由を入力してください（課の追加と並べ替えは、確定したままでもできます）。")
        self.revision = revision
        self.sections = sections


FIRST_GIVER = "市長"  # who gives an instruction when the city's list of givers is empty (the list starts with 市長)


def usual_giver(givers: list[str], interviewer: str) -> int:
    """The index in ``givers`` of the first who holds the department's interview (「市長・副市長」 →
    市長, 「副市長」 → 副市長, not 市長, whose name is inside 副市長); 0 when none of them does."""
    names = [name for name in re.split(r"[・、，,／/\s]+", interviewer) if name]
    return next((givers.index(name) for name in names if name in givers), 0)


def lock_caption(lock: PlanLock) -> str:
    """「第2版 確定（令和6年4月12日 10:30）」 for the status bar and the window title: dates as on paper."""
    return f"第{lock.revision}版 確定（{format_date(lock.locked_at.date())} {lock.locked_at:%H:%M}）"


def mark_of(marks: Sequence[ReviewMark], mark: str) -> ReviewMark | None:
    return next((m for m in marks if m.mark == mark), None)


def review_problems(review: Review, marks: list[ReviewMark]) -> list[str]:
    """What is wrong with a review as entered (a mark the city's scale lacks; a missed goal without reason)."""
    problems = []
    known = mark_of(marks, review.mark)
    if review.mark and known is None:
        problems.append(f"評価「{review.mark}」は評価の一覧にありません"
                        f"（{'、'.join(m.mark for m in marks)} のいずれか）")
    missing = missing_reason(review, marks)
    return problems + ([missing] if missing else [])


def missing_reason(review: Review, marks: Sequence[ReviewMark]) -> str | None:
    """The one rule for a missed goal: its 年度末評価's mark needs a reason, and none is written."""
    known = mark_of(marks, review.mark)
    if review.stage == "final" and known is not None and known.needs_reason and not review.reason.strip():
        return f"年度末評価が「{known.caption}」のときは、未達の理由・今後の対応を入力してください"
    return None


def review_of(reviews: list[Review], stage: str) -> Review | None:
    return next((r for r in reviews if r.stage == stage), None)


def mark_counts(reviews_by_goal: list[list[Review]], stage: str, marks: list[ReviewMark]) -> dict[str, int]:
    """Marks of one stage counted over the goals, in the scale's order, then 未記入 and any unknown mark."""
    counts = {m.mark: 0 for m in marks}
    blank = 0
    for reviews in reviews_by_goal:
        review = review_of(reviews, stage)
        if review is None or not review.mark:
            blank += 1
        else:
            counts[review.mark] = counts.get(review.mark, 0) + 1
    counts["未記入"] = blank
    return counts
