"""Word files as a city clerk makes them by hand, built with python-docx's own blank document (not the
app's template or styles): the title typed with full-width digits, the policy pasted as plain paragraphs,
the 部の方針 as 「＊」 paragraphs without item numbers, and a goal table in the clerk's own shape."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

from hoshin_desktop.domain.models import PolicyDocument

ANSWER_1 = "＊市制施行60周年記念事業を全庁で進め、市の魅力を市内外に発信する。"
ANSWER_1_LIST = "・記念式典の開催"
ANSWER_4 = "＊デジタル技術を活用し、行政手続のオンライン化を進める。"


def _right(document, text: str) -> None:
    document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT


def clerk_head(document, policy: PolicyDocument, *, title: str = "令和６年度　政策部の運営方針・組織目標") -> None:
    _right(document, "令和６年４月１日")
    document.add_paragraph(title).alignment = WD_ALIGN_PARAGRAPH.CENTER
    _right(document, "政策部長　山田　太郎")
    _right(document, "政策部 担当部長 鈴木花子")
    document.add_paragraph("")
    document.add_paragraph("令和6年3月21日付けで示された「令和6年度市政運営の基本方針」に基づき、"
                           "政策部の運営方針及び組織目標を下記のとおり定める。")
    document.add_paragraph("記").alignment = WD_ALIGN_PARAGRAPH.CENTER


def clerk_policy(document, policy: PolicyDocument) -> None:
    """Section 1 with the mayor's items and an answer without item numbers; section 2 with none."""
    section = policy.sections[0]
    document.add_paragraph("市政運営の基本方針")
    document.add_paragraph(f"{section.number}　{section.title}")
    for directive in section.directives:
        document.add_paragraph(f"（{directive.number}）　{directive.text}")
    document.add_paragraph("【部の方針】")
    document.add_paragraph(ANSWER_1)
    document.add_paragraph(ANSWER_1_LIST)
    document.add_paragraph("")
    document.add_paragraph(ANSWER_4)
    document.add_paragraph("")


def _fill(row, texts) -> None:
    for cell, text in zip(row.cells, texts):
        lines = text.split("\n")
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)


# Columns in the clerk's order: 目標 first, 担当課 second, No. in the middle, no 基本方針 column,
# 達成基準 over 現状値 | 目標値 (a header over two rows).
CLERK_HEADER = ["目標", "担当課", "No.", "取組内容", "達成基準・指標", "達成基準・指標", "スケジュール"]
CLERK_SUBHEADER = ["", "", "", "", "現状値", "目標値", ""]
CLERK_GOALS = [
    ["記念事業の実施\n【現状と課題】\n市制施行60周年を迎える。", "政策経営課", "１", "・記念式典\n・記念誌", "未実施", "式典の開催", "１１月"],
    ["記念誌の発行", "政策経営課", "１－１", "原稿の取りまとめ", "なし", "3,000部", "３月"],
    ["行政手続のオンライン化", "政策法務課・政策経営課", "２", "対象手続の選定", "20手続", "40手続", "通年"],
    ["新庁舎での文書管理の見直し", "政策法務課", "３", "文書管理規程の改正", "未改正", "改正", "上半期"],
]


def clerk_goal_table(document, *, split: bool = True, merged_sections: bool = True) -> None:
    """The goal table: two header rows, a blank row, the 担当課 of goals 1 and 1-1 merged down, a goal whose
    取組内容 goes on in a second row (its No. cell merged down), and the table split over two pages
    into two tables with the header typed again."""
    document.add_paragraph("組織目標")
    table = document.add_table(rows=2, cols=7)
    table.style = "Table Grid"
    _fill(table.rows[0], CLERK_HEADER)
    _fill(table.rows[1], CLERK_SUBHEADER)
    header = table.rows[0].cells
    header[4].merge(header[5])
    for j in (0, 1, 2, 3, 6):
        table.cell(0, j).merge(table.cell(1, j))
    for goal in CLERK_GOALS[:2]:
        _fill(table.add_row(), goal)
    table.add_row()  # a blank row left in the table
    if merged_sections:
        table.cell(2, 1).merge(table.cell(3, 1))
        table.cell(2, 1).text = "政策経営課"
    second = table
    if split:
        paragraph = document.add_paragraph()
        paragraph.add_run().add_break(WD_BREAK.PAGE)
        second = document.add_table(rows=1, cols=7)
        second.style = "Table Grid"
        _fill(second.rows[0], ["目標", "担当課", "No.", "取組内容", "現状値", "目標値", "スケジュール"])
    for goal in CLERK_GOALS[2:]:
        _fill(second.add_row(), goal)
    more = second.add_row()  # goal 3's actions go on in the row below, its No. merged down
    _fill(more, ["", "", "", "・職員研修の実施", "", "", ""])
    rows = len(second.rows)
    second.cell(rows - 2, 2).merge(second.cell(rows - 1, 2))
    document.add_paragraph("＊数値は令和5年度末の見込み")
    document.add_paragraph("以上").alignment = WD_ALIGN_PARAGRAPH.RIGHT


def clerk_plan(path: Path, policy: PolicyDocument, **options) -> Path:
    document = docx.Document()
    clerk_head(document, policy)
    clerk_policy(document, policy)
    clerk_goal_table(document, **options)
    document.save(str(path))
    return path


# A second shape: a 基本方針 column with full-width codes, the 部の方針 per item with its code, and
# a 課 the department does not have.
CODED_HEADER = ["No", "関連する基本方針", "組織目標", "現状と課題", "取組内容", "達成基準・指標（現状値→目標値）",
                "達成時期", "所管課"]
CODED_GOALS = [
    ["1", "１（４）、３（１）", "オンライン申請の拡充", "窓口申請が多い", "対象手続の選定", "オンライン化した手続数\n20手続→40手続",
     "通年", "政策法務課\n情報政策課"],
    ["2", "1(2)\n9(9)", "防災訓練の実施", "", "訓練の実施", "訓練回数\n現状値：年1回\n目標値：年2回", "10月", "政策経営課"],
]


def coded_plan(path: Path, policy: PolicyDocument) -> Path:
    document = docx.Document()
    document.add_paragraph("令和6年度 政策部 運営方針・組織目標")
    document.add_paragraph("政策部長 山田太郎")
    document.add_paragraph("記")
    document.add_paragraph("〔部の方針〕")
    document.add_paragraph("1(4)　＊オンラインで完結する手続を増やす。")
    document.add_paragraph("3(1)　＊職員一人一人が仕事の目的を確かめる。")
    table = document.add_table(rows=1, cols=len(CODED_HEADER))
    _fill(table.rows[0], CODED_HEADER)
    for goal in CODED_GOALS:
        _fill(table.add_row(), goal)
    document.save(str(path))
    return path


def table_file(path: Path, rows: list[tuple[str, ...]], *, title: str | None = None) -> Path:
    """A Word file holding only a table (``rows``, the first its header), under ``title`` when given."""
    document = docx.Document()
    if title:
        document.add_paragraph(title)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, texts in zip(table.rows, rows):
        _fill(row, texts)
    document.save(str(path))
    return path


def policy_of(data_dir: Path) -> PolicyDocument:
    """The 令和6年度 policy of a data folder (opened and closed again)."""
    from hoshin_desktop.services.session import Session

    session = Session.open(data_dir)
    try:
        return session.policy(2024)
    finally:
        session.close()
