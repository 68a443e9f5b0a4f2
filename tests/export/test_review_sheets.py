"""The review table (中間確認／年度末評価 filled) and the list of the interview's 指示事項."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from hoshin_desktop.domain.cycle import Instruction, Review, ReviewMark
from hoshin_desktop.export.options import ExportOptions
from hoshin_desktop.export.review_sheets import (
    review_content,
    write_instructions_docx,
    write_review_docx,
)

from .conftest import STAMP_DATE, W, docx_paragraphs, part_xml, text_of

MARKS = [ReviewMark("◎", "達成"), ReviewMark("○", "概ね達成"), ReviewMark("△", "一部未達", True),
         ReviewMark("×", "未達", True)]
OPTIONS = ExportOptions(exported_on=STAMP_DATE)


@pytest.fixture
def reviewed(plan):
    plan.goals[0].reviews = [Review("interim", "○", "素案70%", "審議会に諮問した"),
                             Review("final", "△", "素案のみ", "策定は翌年度に", "審議会の日程が延びた")]
    plan.goals[3].reviews = [Review("interim", "◎", "30手続")]
    return plan


def cell_texts(content, number: str) -> tuple[str, ...]:
    row = next(r for r in content.goals if r.number == number)
    return tuple("\n".join(line.plain for line in cell) for cell in row.cells)


def by_title(content) -> dict[str, tuple[str, ...]]:
    return {cells[2].split("\n")[0]: cells for cells in (cell_texts(content, r.number) for r in content.goals)}


def test_interim_fills_only_the_interim_column(reviewed, policy):
    content = review_content(reviewed, policy, "interim", MARKS, OPTIONS)
    assert [col.title for col in content.goal_columns][-2:] == ["中間確認", "年度末評価"]
    vision = by_title(content)["第2次総合ビジョンの策定"]
    assert vision[-2:] == ("○ 概ね達成\n実績値：素案70%\n審議会に諮問した", "")


def test_final_fills_both_with_the_reason_of_a_missed_goal(reviewed, policy):
    content = review_content(reviewed, policy, "final", MARKS, OPTIONS)
    rows = by_title(content)
    assert rows["第2次総合ビジョンの策定"][-1] == (
        "△ 一部未達\n実績値：素案のみ\n策定は翌年度に\n【未達の理由・今後の対応】\n審議会の日程が延びた")
    assert rows["オンライン申請の拡充"][-2].startswith("◎ 達成")
    assert rows["60周年記念事業の実施"][-2:] == ("", "")


def test_portrait_keeps_goal_measure_and_reviews(reviewed, policy):
    content = review_content(reviewed, policy, "final", MARKS, OPTIONS, landscape=False)
    assert [col.title for col in content.goal_columns] == [
        "No.", "基本方針", "目標", "達成基準・指標\n（現状値→目標値）", "中間確認", "年度末評価"]
    assert all(len(row.cells) == 6 for row in content.goals)


@pytest.mark.parametrize("landscape", [True, False])
def test_review_docx_is_a4_in_the_asked_orientation(reviewed, policy, tmp_path, landscape):
    path = write_review_docx(reviewed, policy, tmp_path / "r.docx", "final", MARKS, landscape=landscape, options=OPTIONS)
    text = docx_paragraphs(path)
    assert "令和6年度　政策部　組織目標　年度末評価" in text
    assert "審議会の日程が延びた" in text
    assert any(t.startswith("評価の集計（年度末評価）：◎ 達成 0件　○ 概ね達成 0件　△ 一部未達 1件") for t in text)
    size = part_xml(path, "word/document.xml").find(f".//{W}pgSz")
    width, height = int(size.get(f"{W}w")), int(size.get(f"{W}h"))
    assert (width > height) == landscape and {width, height} == {11906, 16838}


def test_instructions_list(plan, policy, tmp_path):
    plan.instructions = [
        Instruction(date(2024, 4, 10), "市長", "市民に分かりやすく", goal=plan.goals[1].id, due=date(2024, 6, 30)),  # printed first: pinned to 1(1)
        Instruction(date(2024, 4, 10), "副市長", "効果を数字で", directive="3(1)", status="done", response="月次で集計"),
    ]
    path = write_instructions_docx(plan, policy, tmp_path / "i.docx", options=OPTIONS)
    text = docx_paragraphs(path)
    assert "令和6年度　政策部　面談における指示事項と対応状況" in text
    assert "指示事項 2件（うち未完了 1件）" in text
    start = text.index("No.")
    assert text[start:start + 8] == ["No.", "日付", "指示者", "指示事項", "関連する目標・項目", "期限", "状況", "対応の内容"]
    # dates in the 令和 form, parted only after the year (not R6.4.10, the mix 提出前の確認 flags)
    assert text[start + 8:start + 18] == ["1", "令和6年", "4月10日", "市長", "市民に分かりやすく", "目標 No.1", "令和6年",
                                          "6月30日", "未対応", ""]
    assert text[start + 18:start + 27] == ["2", "令和6年", "4月10日", "副市長", "効果を数字で", "基本方針 3(1)", "",
                                           "対応済み", "月次で集計"]
    header = part_xml(path, "word/document.xml").find(f"{W}body/{W}tbl/{W}tr")
    assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in header.iter(f"{W}p"))  # never alone at a page's foot


def test_the_lists_columns_hold_a_date_and_a_goal_number_whole(plan, policy, tmp_path):
    """「R6.12.3｜1」 and 「目標 No.2-｜1」 came from columns of fixed shares: each column now holds its
    longest date part and each 「目標 No.」 line whole, and the text columns share the rest."""
    from hoshin_desktop.export.review_sheets import INSTRUCTION_COLUMNS
    from hoshin_desktop.export.widths import estimate

    plan.instructions = [Instruction(date(2024, 12, 31), "教育長", "長い指示事項。" * 20, goal=plan.goals[2].id,
                                     directive="3(9)", due=date(2025, 12, 31), response="対応の内容。" * 20)]
    path = write_instructions_docx(plan, policy, tmp_path / "i.docx", options=OPTIONS)
    table = part_xml(path, "word/document.xml").find(f"{W}body/{W}tbl")
    widths = [int(cell.get(f"{W}w")) / 20 for cell in table.iter(f"{W}gridCol")]
    row = table.findall(f"{W}tr")[1]
    for column, width, tc in zip(INSTRUCTION_COLUMNS, widths, row.findall(f"{W}tc")):
        for line in (text_of(p) for p in tc.iter(f"{W}p")):
            if column.whole and line:
                assert estimate(line) * 9 + 9.5 <= width + 0.01, (column.title, line, width)
    assert text_of(row.findall(f"{W}tc")[4]) == "目標 No.1-1基本方針 3(9)"


def test_an_empty_list_still_prints_a_table_to_fill_in(plan, policy, tmp_path):
    path = write_instructions_docx(replace(plan, instructions=[]), policy, tmp_path / "i.docx", options=OPTIONS)
    assert "指示事項 0件（うち未完了 0件）" in docx_paragraphs(path)


def test_an_interim_sheet_warns_only_about_what_it_shows(plan, session):
    """A 年度末評価 missing its reason is not yet due when the 中間確認 sheet is printed."""
    from hoshin_desktop.domain.cycle import Review
    from hoshin_desktop.export.review_sheets import review_sheet_findings
    marks = session.review_marks()
    needs_reason = next(m for m in marks if m.needs_reason)
    plan.goals[0].reviews = [Review("interim", "？"), Review("final", needs_reason.mark)]
    interim = review_sheet_findings(plan, "interim", marks)
    final = review_sheet_findings(plan, "final", marks)
    assert len(interim) == 1 and "中間確認" in interim[0] and "？" in interim[0]
    assert len(final) == 2 and any("未達の理由" in line and "年度末評価" in line for line in final)
