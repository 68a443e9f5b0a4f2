"""A plan read from a Word document: the app's own papers exactly, a clerk's own files by what they say,
every file as untrusted input, and what cannot be placed said with its page and row."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest

from hoshin_desktop.domain.codes import code_sort_key
from hoshin_desktop.domain.models import Answer, Goal, Plan
from hoshin_desktop.domain.numbering import paper_order
from hoshin_desktop.domain.text import clean_text
from hoshin_desktop.export.docx_writer import write_docx
from hoshin_desktop.export.nobreak import BREAK, JOINER
from hoshin_desktop.export.options import ExportOptions
from hoshin_desktop.services.word_plan_import import (
    WordPlanError,
    import_question,
    read_word_plan,
    store_word_plan,
)

from .export.conftest import sample_plan
from .word_files import ANSWER_1, ANSWER_1_LIST, ANSWER_4, CLERK_GOALS, clerk_plan, coded_plan, table_file

GOAL_FIELDS = ("title", "background", "actions", "indicator", "baseline", "target", "schedule", "owner_sections",
               "directives")


def printed(plan: Plan) -> dict:
    """Everything of a plan its paper shows, goals by their printed No. (with the No. of the goal above)."""
    numbers = {goal.id: number for number, goal in paper_order(plan)}
    return {
        "cover": (plan.fiscal_year, plan.department, plan.plan_date, plan.signers, plan.preamble, plan.revision),
        "answers": sorted((a.directive, a.text) for a in plan.answers if a.text),
        "goals": {number: ({f: getattr(goal, f) for f in GOAL_FIELDS} | {"directives": sorted(goal.directives, key=code_sort_key)},
                           numbers.get(goal.parent))
                  for number, goal in paper_order(plan)},
    }


def a_rich_plan() -> Plan:
    """The export tests' plan, with what a paper makes hard to read back: a long title whose name goes on a line
    of its own, an empty line inside an answer, texts over several lines, 課 with 「・」, a goal with nothing."""
    plan = sample_plan()
    plan.signers.append(replace(plan.signers[0], title="政策部担当部長（兼）政策経営課長事務取扱（新庁舎移転担当）", name="佐藤 一郎"))
    plan.answers.append(replace(plan.answers[0], directive="4(2)", text="＊研修を行う。\n\n・年2回\n（1）外部講師"))
    plan.goals.append(Goal("複数行の目標\n二行目", "課題1\n課題2", "(1) 手順\n(2) 手順", "指標\n（内訳）", "10件\n（R5）",
                           "20件", "4月\n9月", ["政策法務課"], ["4(2)"], None, 6))
    plan.goals.append(Goal("", "", "", "", "", "", "", [], ["3(9)"], None, 7))
    return plan


@pytest.mark.parametrize("options", [
    ExportOptions(), ExportOptions(layout="columns"), ExportOptions(review_columns=True),
    ExportOptions(goals_landscape=True, direction_column=True), ExportOptions(font="bizud"),
], ids=["stacked", "columns", "review-columns", "landscape-direction", "bizud"])
def test_the_apps_own_paper_reads_back_every_field(session, tmp_path, options):
    plan = a_rich_plan()
    path = write_docx(plan, session.policy(2024), tmp_path / "令和6年度_政策部_運営方針・組織目標.docx", options)
    read = read_word_plan(session, path)
    assert printed(read.plan) == printed(plan)
    assert read.not_placed == [] and read.new_sections == []
    unpinned = [number for number, goal in paper_order(plan) if not goal.directives]
    assert all(p.number in unpinned for p in read.proposals)  # a pinned goal gets no proposal


def test_the_word_joiners_of_the_apps_paper_stay_out_of_the_plan(session, tmp_path):
    """The app's Word file joins 「4月」 and 「政策経営課」 with U+2060 and puts U+200B before them
    (export.nobreak); reading it back gives the text as typed, and a copy of it pasted into a field is
    stored without them."""
    plan = a_rich_plan()
    path = write_docx(plan, session.policy(2024), tmp_path / "plan.docx", ExportOptions())
    written = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert JOINER in written and BREAK in written
    read = read_word_plan(session, path).plan
    texts = [read.preamble, *(a.text for a in read.answers), *(s.title for s in read.signers)]
    texts += [getattr(goal, f) for goal in read.goals for f in GOAL_FIELDS[:-2]]
    texts += [name for goal in read.goals for name in goal.owner_sections]
    assert not [text for text in texts if JOINER in text or BREAK in text]
    assert "4月\n9月" in texts and "政策経営課" in texts
    assert clean_text("\u200b政\u2060策\u2060経\u2060営\u2060課と\u200b4\u2060月に調整\ufeff") == "政策経営課と4月に調整"


# Answers of section 1 each written in the words of another item: 1(1) speaks of digital work (1(4)), 1(2) of
# prices (1(3)), 1(3) of disaster drills (1(2)), 1(4) of the anniversary (1(1)), 1(5) of online forms (1(4)).
MISLEADING = {
    "1(1)": "＊デジタル技術を積極的に活用した記念事業の広報で、効果的かつ効率的に事務を執行する。",
    "1(2)": "物価高騰の影響を受ける市民生活と地域経済の動向を注視し、適時適切に支援策を講じる。",
    "1(3)": "\u3000防災意識の高まりを受け、安全・安心で強靱なまちづくりのためマニュアルを見直す。\n・避難訓練",
    "1(4)": "・市制施行60周年と新庁舎への移転の節目に、記念事業で市の魅力を市内外に発信する。",
    "1(5)": "＊行政デジタル化推進計画に基づき、オンライン申請を拡充する。\n\n＊紙の使用を減らす。",
}


def _without_bookmarks(path: Path) -> Path:
    """The same paper with every bookmark taken out: what similarity alone would make of it."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/document.xml"] = re.sub(rb"<w:bookmark(Start|End) [^>]*/>", b"", parts["word/document.xml"])
    bare = path.with_name("bare_" + path.name)
    with zipfile.ZipFile(bare, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return bare


@pytest.mark.parametrize("layout", ["stacked", "columns"])
@pytest.mark.parametrize("answer_form", ["paragraphs", "numbered"])
def test_answers_worded_like_other_items_read_back_under_their_own(session, tmp_path, layout, answer_form):
    """Several answers in one section, each nearer in wording to another item: the paper names each answer's
    item invisibly, so they come back where they were, with the 「＊」 the paper added taken off again."""
    plan = sample_plan()
    plan.answers = [Answer(code, text) for code, text in MISLEADING.items()]
    path = write_docx(plan, session.policy(2024), tmp_path / "令和6年度_政策部_運営方針・組織目標.docx",
                      ExportOptions(layout=layout, answer_form=answer_form))
    read = read_word_plan(session, path)
    assert printed(read.plan)["answers"] == printed(plan)["answers"]
    assert read.not_placed == [] and read.notes == []
    if (layout, answer_form) == ("stacked", "paragraphs"):  # the city's form: without the marks, misplaced
        guessed = read_word_plan(session, _without_bookmarks(path))
        assert {a.directive for a in guessed.plan.answers} != set(MISLEADING)
        assert any("文章の近さから" in note.text for note in guessed.notes)


def test_a_clerks_own_file_is_read_by_its_headers(session, tmp_path):
    """Other column order, a header over two rows, no 基本方針 column, merged cells, full-width numbers, a blank
    row, a goal over two rows, the table split over pages, 「＊」 answers without item numbers."""
    read = read_word_plan(session, clerk_plan(tmp_path / "政策部.docx", session.policy(2024)))
    plan = read.plan
    assert (plan.fiscal_year, plan.department, plan.plan_date.isoformat()) == (2024, "政策部", "2024-04-01")
    assert [(s.title, s.name) for s in plan.signers] == [("政策部長", "山田\u3000太郎"), ("政策部 担当部長", "鈴木花子")]
    assert plan.preamble.endswith("下記のとおり定める。")
    assert {a.directive: a.text for a in plan.answers} == {"1(1)": f"{ANSWER_1}\n{ANSWER_1_LIST}", "1(4)": ANSWER_4}
    numbered = paper_order(plan)
    assert [n for n, _g in numbered] == ["1", "1-1", "2", "3"]
    first, child, online, files = (g for _n, g in numbered)
    assert (first.title, first.background, first.actions) == ("記念事業の実施", "市制施行60周年を迎える。", "・記念式典\n・記念誌")
    assert (first.baseline, first.target, first.schedule) == ("未実施", "式典の開催", "１１月")
    assert child.parent == first.id and child.owner_sections == ["政策経営課"]  # merged down from goal 1
    assert online.owner_sections == ["政策法務課", "政策経営課"]  # 「政策法務課・政策経営課」: two 課 the list has
    assert files.actions == f"{CLERK_GOALS[3][3]}\n・職員研修の実施"  # its No. merged into the row below
    assert all(not g.directives for g in plan.goals)  # the file names none: proposals only
    proposed = {p.title: p.codes for p in read.proposals}
    assert proposed["記念事業の実施"] == ("1(1)",)
    assert [f.text for f in read.not_placed] == ["「＊数値は令和5年度末の見込み」は計画のどこにも当てはまらないため、取り込みませんでした"]
    assert read.not_placed[0].place == "2ページ目"
    assert any("文章の近さから 1(4)" in f.text for f in read.notes)


def test_codes_in_the_table_become_pins_and_what_is_not_a_code_is_said(session, tmp_path):
    read = read_word_plan(session, coded_plan(tmp_path / "coded.docx", session.policy(2024)))
    goals = {g.title: g for g in read.plan.goals}
    online, drill = goals["オンライン申請の拡充"], goals["防災訓練の実施"]
    assert online.directives == ["1(4)", "3(1)"] and drill.directives == ["1(2)"]
    assert (online.indicator, online.baseline, online.target) == ("オンライン化した手続数", "20手続", "40手続")
    assert (drill.baseline, drill.target) == ("年1回", "年2回")
    assert read.new_sections == ["情報政策課"]
    assert [(f.place, f.text) for f in read.not_placed] == [
        ("表1の3行目", "基本方針の項目 9(9) は令和6年度の基本方針にないため、関連付けていません")]
    assert {a.directive: a.text for a in read.plan.answers} == {"1(4)": "＊オンラインで完結する手続を増やす。",
                                                                "3(1)": "＊職員一人一人が仕事の目的を確かめる。"}
    assert read.proposals == []


def test_a_paragraph_that_is_neither_policy_nor_answer_is_listed(session, tmp_path):
    document = docx.Document()
    document.add_paragraph("令和6年度政策部の運営方針・組織目標")
    document.add_paragraph("1　施政方針を踏まえた対応")
    document.add_paragraph("この段落は部の方針の見出しの前に書かれています。")
    document.add_paragraph("【部の方針】")
    document.add_paragraph("（2）　＊防災計画を見直す。")
    path = tmp_path / "p.docx"
    document.save(str(path))
    read = read_word_plan(session, path)
    assert [a.directive for a in read.plan.answers] == ["1(2)"]
    assert len(read.not_placed) == 1 and "この段落は部の方針の見出しの前" in read.not_placed[0].text


def test_year_and_department_come_from_the_title_or_are_asked_for(session, tmp_path):
    path = table_file(tmp_path / "無題.docx", [("目標", "取組内容"), ("窓口の改善", "待ち時間の計測")], title="組織目標")
    with pytest.raises(WordPlanError, match="年度と部を指定"):
        read_word_plan(session, path)
    read = read_word_plan(session, path, 2024, "総務部")
    assert (read.plan.department, [g.title for g in read.plan.goals]) == ("総務部", ["窓口の改善"])
    named = tmp_path / "令和6年度_市民生活部_運営方針・組織目標.docx"  # the file name the app gives its papers
    path.rename(named)
    assert read_word_plan(session, named).plan.department == "市民生活部"


def _docx_bytes(document_xml: bytes, extra: dict | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("content, message", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "古い形式の Word 文書"),
    (b"{\\rtf1\\ansi hello}", "リッチテキスト"),
    (b"%PDF-1.7\n", "PDF は取り込めません"),
    (b"PK\x03\x04 not really a zip", "Word 文書（.docx）として読めません"),
    (_docx_bytes(b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><w:document '
                 b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                 b'<w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>'), "DOCTYPE/ENTITY"),
    (_docx_bytes(b"<w:document/>", {f"x{i}": b"" for i in range(2001)}), "展開後の大きさが異常"),
    (_docx_bytes(b"<w:document/>", {"big": b"0" * (51 * 1024 * 1024)}), "展開後の大きさが異常"),
], ids=["doc", "rtf", "pdf", "broken-zip", "entities", "many-entries", "zip-bomb"])
def test_untrusted_files_are_refused_with_a_reason(session, tmp_path, content, message):
    path = tmp_path / "plan.docx"
    path.write_bytes(content)
    with pytest.raises(WordPlanError, match=message):
        read_word_plan(session, path, 2024, "政策部")


def test_a_file_too_large_is_refused_before_it_is_read(session, tmp_path):
    path = tmp_path / "plan.docx"
    with open(path, "wb") as handle:
        handle.truncate(11 * 1024 * 1024)
    with pytest.raises(WordPlanError, match="大きすぎます"):
        read_word_plan(session, path)


def test_a_word_file_without_a_plan_is_refused(session, tmp_path):
    document = docx.Document()
    document.add_paragraph("令和6年度政策部の運営方針・組織目標")
    document.add_paragraph("議事録")
    path = tmp_path / "minutes.docx"
    document.save(str(path))
    with pytest.raises(WordPlanError, match="部の方針も組織目標の表も見つかりません"):
        read_word_plan(session, path)


def test_storing_adds_new_sections_keeps_the_instructions_and_is_asked_about(session, tmp_path):
    from hoshin_desktop.domain.cycle import Instruction

    editor = session.editor(2024, "政策部")
    editor.add_goal()
    editor.add_instruction(Instruction(date_(2024, 4, 10), "市長", "進捗を報告すること"))
    read = read_word_plan(session, coded_plan(tmp_path / "coded.docx", session.policy(2024)))
    question = import_question(session, read)
    assert "情報政策課" in question and "置き換えます" in question
    change, backup = store_word_plan(session, read)
    assert backup.exists() and change.plans == frozenset([(2024, "政策部")])
    stored = session.load_plan(2024, "政策部")
    assert printed(stored)["goals"] == printed(read.plan)["goals"]
    assert [i.text for i in stored.instructions] == ["進捗を報告すること"]
    assert "情報政策課" in [s.name for s in session.department(2024, "政策部").sections]


def test_confirmed_proposals_become_pins_and_the_import_is_one_undo_step(session, tmp_path):
    read = read_word_plan(session, clerk_plan(tmp_path / "政策部.docx", session.policy(2024)))
    proposal = next(p for p in read.proposals if p.title == "記念事業の実施")
    editor = session.editor(2024, "政策部")
    editor.set_preamble("取り込む前の前文")
    store_word_plan(session, read, {proposal.goal}, editor=editor)
    pinned = {g.title: g.directives for g in session.load_plan(2024, "政策部").goals}
    assert pinned["記念事業の実施"] == list(proposal.codes)
    assert all(codes == [] for title, codes in pinned.items() if title != "記念事業の実施")
    assert editor.undo_label == "Word 文書からの取り込み"
    editor.undo()
    again = session.load_plan(2024, "政策部")
    assert again.preamble == "取り込む前の前文" and again.goals == []


def date_(*parts):
    from datetime import date

    return date(*parts)


def test_a_page_number_comes_from_words_rendering(session, tmp_path):
    """A file Word saved carries where its pages began: the report names the page Word showed."""
    path = clerk_plan(tmp_path / "政策部.docx", session.policy(2024), split=False)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    note = "＊数値は令和5年度末の見込み"
    xml = xml.replace(f"<w:t>{note}</w:t>", f"<w:lastRenderedPageBreak/><w:lastRenderedPageBreak/><w:t>{note}</w:t>")
    parts["word/document.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    read = read_word_plan(session, Path(path))
    assert [f.place for f in read.not_placed] == ["3ページ目"]


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_the_apps_paper_saved_again_by_another_program_reads_back(session, tmp_path):
    """Saved again by LibreOffice: style ids renumbered (「Style16」), alignment left to the styles, blank
    paragraphs between the boxes. The styles' names still say what each paragraph is."""
    plan = a_rich_plan()
    (tmp_path / "in").mkdir()
    written = write_docx(plan, session.policy(2024), tmp_path / "in" / "令和6年度_政策部_運営方針・組織目標.docx")
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx:MS Word 2007 XML",
                    "--outdir", str(tmp_path / "out"), str(written)], capture_output=True, check=True, timeout=300)
    read = read_word_plan(session, tmp_path / "out" / written.name)
    assert printed(read.plan) == printed(plan)
    assert read.not_placed == []


def test_the_layout_item_by_item_puts_each_answer_under_its_item(session, tmp_path):
    """The mayor's item, then its 【部の方針】, item after item; a label with the answer on its own line."""
    policy = session.policy(2024)
    document = docx.Document()
    document.add_paragraph("令和6年度　総務部　運営方針・組織目標")
    document.add_paragraph("1 施政方針を踏まえた対応")
    for number, answer in ((1, "＊記念事業に協力する。"), (2, "＊防災訓練を年2回行う。")):
        document.add_paragraph(f"({number}) {policy.directive(f'1({number})').text}")
        document.add_paragraph(f"【部の方針】{answer}")
    document.add_paragraph("3 適正な事務執行の確保に向けた方針")
    document.add_paragraph("3(9)　＊進捗を四半期ごとに確かめる。")  # a full code needs no label
    path = tmp_path / "総務部.docx"
    document.save(str(path))
    read = read_word_plan(session, path)
    assert {a.directive: a.text for a in read.plan.answers} == {
        "1(1)": "＊記念事業に協力する。", "1(2)": "＊防災訓練を年2回行う。", "3(9)": "＊進捗を四半期ごとに確かめる。"}
    assert read.not_placed == [] and read.notes == []


def test_directive_codes_written_in_other_ways(session, tmp_path):
    path = table_file(tmp_path / "p.docx", [("目標No.", "基本方針の項目", "目標"), ("１", "基本方針1-(2)・３－（９）", "防災")],
                      title="令和6年度政策部の運営方針・組織目標")
    read = read_word_plan(session, path)
    assert read.plan.goals[0].directives == ["1(2)", "3(9)"] and read.not_placed == []


def test_a_hostile_table_is_read_within_words_limits(session, tmp_path):
    """A cell spanning a million columns, thousands of cells in a row: read as Word would show them (63 columns)."""
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="1000000"/></w:tcPr><w:p><w:r><w:t>取組</w:t></w:r></w:p></w:tc>'
    header = ('<w:tr><w:tc><w:p><w:r><w:t>目標</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>取組内容</w:t></w:r></w:p></w:tc>'
              '</w:tr>')
    row = '<w:tr><w:tc><w:p><w:r><w:t>目標A</w:t></w:r></w:p></w:tc>' + cell * 20000 + '</w:tr>'
    body = (f'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            f'<w:tbl>{header}{row}</w:tbl></w:body></w:document>').encode()
    path = tmp_path / "hostile.docx"
    path.write_bytes(_docx_bytes(body))
    read = read_word_plan(session, path, 2024, "政策部")
    assert [(g.title, g.actions) for g in read.plan.goals] == [("目標A", "取組")]


def test_tables_nested_thousands_deep_are_refused(session, tmp_path):
    nested = "<w:tbl><w:tr><w:tc>" * 3000 + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * 3000
    body = (f'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{nested}'
            '</w:body></w:document>').encode()
    path = tmp_path / "nested.docx"
    path.write_bytes(_docx_bytes(body))
    with pytest.raises(WordPlanError, match="入れ子が深すぎる"):
        read_word_plan(session, path, 2024, "政策部")


def test_a_clerks_two_column_table_of_answers_and_a_title_over_two_lines(session, tmp_path):
    document = docx.Document()
    document.add_paragraph("令和６年度")
    document.add_paragraph("総務部の運営方針・組織目標")
    rows = [("項目", "部の方針"), ("1　施政方針を踏まえた対応", ""), ("(2)", "＊避難所の運営訓練を行う。"),
            ("3(9)", "＊四半期ごとに進捗を確かめる。\n・部内会議で報告")]
    table = document.add_table(rows=len(rows), cols=2)
    for row, (left, right) in zip(table.rows, rows):
        row.cells[0].text = left
        lines = right.split("\n")
        row.cells[1].text = lines[0]
        for line in lines[1:]:
            row.cells[1].add_paragraph(line)
    goals = document.add_table(rows=2, cols=2)
    for row, texts in zip(goals.rows, (("目標名", "実施内容"), ("避難所の運営", "訓練の実施"))):
        row.cells[0].text, row.cells[1].text = texts
    path = tmp_path / "somu.docx"
    document.save(str(path))
    read = read_word_plan(session, path)
    assert read.plan.department == "総務部"
    assert {a.directive: a.text for a in read.plan.answers} == {
        "1(2)": "＊避難所の運営訓練を行う。", "3(9)": "＊四半期ごとに進捗を確かめる。\n・部内会議で報告"}
    assert [(g.title, g.actions) for g in read.plan.goals] == [("避難所の運営", "訓練の実施")]
    assert read.not_placed == []
