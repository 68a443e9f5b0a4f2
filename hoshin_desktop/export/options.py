"""What the drafter may choose when exporting: layout, fonts, optional review columns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

LAYOUTS = ("stacked", "columns")
LAYOUT_LABELS = {
    "stacked": "A4縦（基本方針と部の方針を上下に）",
    "columns": "A4横（基本方針と部の方針を左右2列に）",
}


@dataclass(frozen=True)
class FontSet:
    """The two faces of a document: 明朝 for text, ゴシック for headings and labels."""

    mincho: str
    gothic: str


# Word knows these faces by their Japanese names; a Latin alias would make Word fall back.
FONT_SETS = {
    "ms": FontSet("ＭＳ 明朝", "ＭＳ ゴシック"),
    "bizud": FontSet("BIZ UD明朝 Medium", "BIZ UDゴシック"),
}
FONT_LABELS = {"ms": "ＭＳ 明朝／ＭＳ ゴシック", "bizud": "BIZ UD明朝／BIZ UDゴシック"}

# How the 【部の方針】 of the portrait layout prints: the city's paper writes 「＊」 paragraphs in the
# order of the mayor's items; the numbered form puts each answer under its item's number (1)(2)(4).
ANSWER_FORMS = ("paragraphs", "numbered")
ANSWER_FORM_LABELS = {"paragraphs": "「＊」の段落で（市の様式）", "numbered": "基本方針の項目番号 (1)(2)… を付けて"}


@dataclass(frozen=True)
class ExportOptions:
    """``layout``: "stacked" (A4 portrait, the default) or "columns" (A4 landscape, two columns).

    ``review_columns`` adds empty 中間確認 / 年度末評価 columns to the goal table (on landscape
    pages, where nine columns stay readable), and ``goals_landscape`` prints the goal table
    on landscape pages, ``direction_column`` adds a narrow 方向性 column after No. (each goal's
    方向性 against last year's plan; all off by default).
    ``answer_form``: the 【部の方針】 as 「＊」 paragraphs (the city's form, the default) or numbered
    by the mayor's items ("numbered"). ``author``: whose name a tracked-changes copy gives its
    changes (the department's name when empty).
    ``exported_on`` is the date printed at the head of review sheets (today when None); the
    plan's own footer stamp carries its last edit instead.
    """

    layout: str = "stacked"
    font: str = "ms"
    review_columns: bool = False
    goals_landscape: bool = False
    direction_column: bool = False
    answer_form: str = "paragraphs"
    author: str = ""
    exported_on: date | None = None

    def __post_init__(self):
        if self.layout not in LAYOUTS:
            raise ValueError(f"レイアウト「{self.layout}」はありません（stacked または columns）")
        if self.font not in FONT_SETS:
            raise ValueError(f"フォント「{self.font}」はありません（ms または bizud）")
        if self.answer_form not in ANSWER_FORMS:
            raise ValueError(f"部の方針の形「{self.answer_form}」はありません（paragraphs または numbered）")

    @property
    def goal_table_landscape(self) -> bool:
        """Landscape pages for the goal table: asked for, or needed for the extra columns."""
        return self.layout == "columns" or self.goals_landscape or self.review_columns

    @property
    def fonts(self) -> FontSet:
        return FONT_SETS[self.font]

    @property
    def stamp_date(self) -> date:
        return self.exported_on or date.today()
