"""The year-end summary for the 政策経営課: counts by mark and stage per department and city-wide, △/× goals
with their reasons, open 指示事項, directives whose goals are mostly △/×; as Word, CSV and .xlsx; and the
same counts at the end of the booklet once reviews exist."""

from __future__ import annotations

import csv
from datetime import date

import docx
import pytest

from hoshin_desktop.domain.cycle import Instruction, Review
from hoshin_desktop.domain.models import Goal
from hoshin_desktop.services.booklet import export_booklet
from hoshin_desktop.services.year_summary import year_summary

from .export.conftest import docx_text


def _goal(editor, title: str, codes: list[str], interim: str, final: str, reason: str = "") -> int:
    goal = editor.add_goal(goal=Goal(title=title)).select
    for code in codes:
        editor.pin(goal, code)
    if interim:
        editor.set_review(goal, Review("interim", interim))
    if final:
        editor.set_review(goal, Review("final", final, reason=reason))
    return goal


@pytest.fixture
def city(session):
    """政策部 and 総務部 reviewed; 会計課 with a plan and no review; every other department without a plan."""
    policy = session.editor(2024, "政策部")
    _goal(policy, "記念事業の実施", ["1(1)"], "○", "◎")
    _goal(policy, "オンライン申請の拡充", ["1(4)"], "△", "×", "システム改修が遅れた")
    _goal(policy, "防災計画の見直し", ["1(2)"], "○", "△", "国の指針の改定待ち")
    policy.add_instruction(Instruction(date(2024, 4, 10), "市長", "改修の遅れを報告すること", status="in_progress",
                                       response="9月に報告"))
    policy.add_instruction(Instruction(date(2024, 4, 10), "副市長", "済んだ指示", status="done"))
    general = session.editor(2024, "総務部")
    _goal(general, "防災訓練の実施", ["1(2)"], "○", "×", "")  # no reason written: said so
    _goal(general, "窓口の改善", ["1(4)", "3(1)"], "◎", "○")
    _goal(general, "研修の実施", ["4(1)"], "", "")
    general.add_instruction(Instruction(date(2024, 4, 11), "市長", "訓練の参加者を増やすこと"))
    session.editor(2024, "会計課").add_goal(goal=Goal(title="決算の早期化"))
    return session


def _row(table, name: str) -> tuple[str, ...]:
    return next(row for row in table.rows if row[0] == name)


def test_counts_per_department_and_city_wide(city):
    summary = year_summary(city, 2024)
    final = summary.counts_table("final")
    assert [c.title for c in final.columns] == ["部", "目標数", "◎ 達成", "○ 概ね達成", "△ 一部未達", "× 未達", "未記入"]
    assert _row(final, "政策部") == ("政策部", "3", "1", "0", "1", "1", "0")
    assert _row(final, "総務部") == ("総務部", "3", "0", "1", "0", "1", "1")
    assert _row(final, "会計課") == ("会計課", "1", "0", "0", "0", "0", "1")
    assert _row(final, "福祉部") == ("福祉部", "未提出", "", "", "", "", "")
    assert final.rows[-1] == ("全庁", "7", "1", "1", "1", "2", "2")
    interim = summary.counts_table("interim")
    assert interim.rows[-1] == ("全庁", "7", "1", "3", "1", "0", "2")


def test_missed_goals_with_their_reasons_and_open_instructions(city):
    summary = year_summary(city, 2024)
    missed = [(r[0], r[2], r[3], r[4]) for r in summary.missed_goals().rows]
    assert missed == [("政策部", "防災計画の見直し", "△ 一部未達", "国の指針の改定待ち"),
                      ("政策部", "オンライン申請の拡充", "× 未達", "システム改修が遅れた"),
                      ("総務部", "防災訓練の実施", "× 未達", "（未記入）")]
    assert [(r[0], r[2], r[3]) for r in summary.open_instructions().rows] == [
        ("政策部", "改修の遅れを報告すること", "対応中"), ("総務部", "訓練の参加者を増やすこと", "未対応")]


def test_directives_whose_goals_are_mostly_missed(city):
    """1(2): both assessed goals missed; 1(4): one of two (not more than half); 1(1): none."""
    rows = year_summary(city, 2024).weak_directives().rows
    assert [(r[0], r[2], r[3], r[4]) for r in rows] == [("1(2)", "2", "2", "政策部 No.2\n総務部 No.1")]


def test_the_three_files(city, tmp_path):
    summary = year_summary(city, 2024)
    text = docx_text(summary.write(tmp_path / "集計.docx", date(2025, 4, 20)))
    assert "令和6年度　組織目標の評価の集計（全庁）" in text and "システム改修が遅れた" in text and "令和7年4月20日" in text
    with open(summary.write(tmp_path / "集計.csv"), encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["1　評価の集計（年度末評価）"] and ["全庁", "7", "1", "1", "1", "2", "2"] in rows
    from openpyxl import load_workbook

    book = load_workbook(summary.write(tmp_path / "集計.xlsx"))
    assert book.sheetnames[0] == "評価の集計（年度末評価）" and len(book.sheetnames) == 5
    assert [cell.value for cell in book.worksheets[0][16]] == ["全庁", 7, 1, 1, 1, 2, 2]
    with pytest.raises(ValueError, match=".docx"):
        summary.write(tmp_path / "集計.txt")


def test_the_booklet_ends_with_the_counts_once_reviews_exist(city, tmp_path):
    text = docx_text(export_booklet(city, 2024, tmp_path / "booklet.docx"))
    assert "評価の集計（年度末評価）" in text and "評価の集計（中間確認）" in text
    titles = [table.rows[0].cells[2].text for table in docx.Document(str(tmp_path / "booklet.docx")).tables[-2:]]
    assert titles == ["◎ 達成", "◎ 達成"]


def test_a_booklet_before_any_review_has_no_counts(session, tmp_path):
    session.editor(2024, "政策部").add_goal(goal=Goal(title="目標"))
    assert "評価の集計" not in docx_text(export_booklet(session, 2024, tmp_path / "booklet.docx"))


def test_a_year_without_plans_is_refused_with_what_to_do(session):
    with pytest.raises(LookupError, match="import-plans"):
        year_summary(session, 2024)


def test_the_pdf_booklet_ends_with_the_counts_too(city, tmp_path):
    import subprocess

    path = export_booklet(city, 2024, tmp_path / "booklet.pdf")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "評価の集計（年度末評価）" in text and "概ね達成" in text
