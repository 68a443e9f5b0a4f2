"""The Word document: every text, in the city's order, with the fonts, page and table rules of FORMAT.md."""

from __future__ import annotations

import re
import time
from dataclasses import replace

import docx
import pytest

from hoshin_desktop.domain.models import Answer, Goal, Plan, Signer
from hoshin_desktop.export import docx_writer
from hoshin_desktop.export.content import ANSWER_LABEL, POLICY_LABEL
from hoshin_desktop.export.docx_writer import LANDSCAPE_WIDTH, PORTRAIT_WIDTH, build_document, write_docx
from hoshin_desktop.export.nobreak import BREAK, HELD_LANGUAGE, JOINER, OPENING, held_pieces, holds, unheld
from hoshin_desktop.export.options import ExportOptions

from .conftest import CARRIED_DIRECTIONS, W, carried_over, docx_paragraphs, docx_text, goal_table_rows, part_xml, text_of

OPTIONS = ExportOptions()


def export(plan, policy, tmp_path, **options):
    return write_docx(plan, policy, tmp_path / "plan.docx", replace(OPTIONS, **options))


def squeeze(text: str) -> str:
    return "".join(text.split())


def test_numbers_with_their_units_and_names_are_runs_held_whole(plan, policy, tmp_path):
    """「3,000人」「4月」「政策部」「政策経営課」: each a run of its own, its letters joined by the word joiner,
    its East Asian language the private Japanese tag that has LibreOffice honour the joiner, and a zero width
    space before it where a line may end (export.nobreak); what a reader sees is unchanged."""
    body = part_xml(export(plan, policy, tmp_path), "word/document.xml").find(f"{W}body")
    held, plain = [], []
    for paragraph in body.iter(f"{W}p"):
        before = None
        for run in paragraph.findall(f"{W}r"):
            lang = run.find(f"{W}rPr/{W}lang")
            written = "".join(t.text or "" for t in run.findall(f"{W}t"))
            if lang is not None and lang.get(f"{W}eastAsia") == HELD_LANGUAGE:
                held.append(written)
                assert before is None or before.rstrip(OPENING).endswith(BREAK), (before, written)
            else:
                plain.append(written)
            before = written
    assert {"3,000\u2060人", "4\u2060月", "政\u2060策\u2060部", "政\u2060策\u2060経\u2060営\u2060課"} <= set(held)
    assert all(JOINER not in text for text in plain) and all(BREAK not in text for text in held)
    assert not any(re.search(r"[0-9０-９][月日人件回]|政策経営課", text) for text in plain)
    assert "令和6年度政策部の運営方針・組織目標" in docx_paragraphs(tmp_path / "plan.docx")


@pytest.mark.parametrize(("text", "names", "pieces"), [
    ("年4回開催", (), [("年\u200b", False), ("4\u2060回", True), ("開催", False)]),
    ("「10月」に政策部と", ("政策部",), [("「", False), ("1" + "0\u2060月", True), ("」に\u200b", False),
                                  ("政\u2060策\u2060部", True), ("と", False)]),
    ("12月31日", (), [("1" + "2\u2060月", True), ("\u200b", False), ("3" + "1\u2060日", True)]),
    ("No.12-1は2024年", (), [("No.12-1は\u200b", False), ("2024\u2060年", True)]),
    ("ABC", (), [("ABC", False)]),
    ("第1期の政策部", (), [("第\u200b", False), ("1\u2060期", True), ("の政策部", False)]),
    ("政策部は2024年度も", ("政策部",), [("政\u2060策\u2060部", True), ("は\u200b", False), ("2024\u2060年", True),
                                     ("度も", False)]),
    ("No.12-1、ABCと1", ("政策部",), [("No.12-1、ABCと1", False)]),
])
def test_held_pieces_join_a_span_and_let_a_line_end_before_it(text, names, pieces):
    """Joiners only where a character is not ASCII; the zero width space before the brackets that open a span
    (none at the start); what a reader sees is the text."""
    assert held_pieces(text, names) == pieces
    assert holds(text, names) == any(held for _piece, held in pieces)  # the quick look that passes a run by
    assert unheld("".join(piece for piece, _held in pieces)) == text


def test_every_text_of_the_plan_is_in_the_document(plan, policy, tmp_path):
    path = export(plan, policy, tmp_path)
    text = docx_text(path)
    expected = ["令和6年4月1日", "令和6年度政策部の運営方針・組織目標", "政策部長\u3000山田 太郎", "政策部担当部長\u3000鈴木 花子",
                *plan.preamble.split("\n"), "記", "以上", POLICY_LABEL, ANSWER_LABEL, "組織目標"]
    expected += [line for answer in plan.answers for line in answer.text.split("\n")]
    for goal in plan.goals:
        expected += [goal.title, goal.background, goal.indicator, goal.baseline, goal.target, goal.schedule,
                     *goal.actions.split("\n"), *goal.owner_sections, *goal.directives]
    missing = [t for t in expected if t and t not in text]
    assert missing == []
    # the mayor's text verbatim, ruby bases included, section 5 too
    for section in policy.sections:
        assert section.heading in text
        for paragraph in [*section.body.text.split("\n"), *(d.text for d in section.directives)]:
            assert squeeze(paragraph) in squeeze(text)
    footer = docx_text_of(path, "word/footer1.xml")
    assert "第2版\u3000令和6年3月29日" in footer


def docx_text_of(path, part):
    return "\n".join(docx_paragraphs(path, part))


def test_python_docx_reads_the_document_back(plan, policy, tmp_path):
    document = docx.Document(str(export(plan, policy, tmp_path)))
    assert unheld(document.paragraphs[1].text) == "令和6年度政策部の運営方針・組織目標"
    goals = document.tables[-1]
    assert [cell.text for cell in goals.rows[0].cells][:3] == ["No.", "基本方針", "目標"]
    assert document.core_properties.title == "令和6年度政策部の運営方針・組織目標"
    assert document.core_properties.language == "ja-JP"


def test_the_paper_follows_the_city_order(plan, policy, tmp_path):
    paragraphs = docx_paragraphs(export(plan, policy, tmp_path))
    index = {text: i for i, text in reversed(list(enumerate(paragraphs)))}  # first occurrence
    order = ["令和6年4月1日", "令和6年度政策部の運営方針・組織目標", "政策部長\u3000山田 太郎", "記", POLICY_LABEL,
             "1\u3000施政方針を踏まえた対応", ANSWER_LABEL, "2\u3000『国分寺市総合ビジョン』等を踏まえた方針",
             "5\u3000各部の運営方針等の取扱い", "組織目標", "No.", "以上"]
    positions = [index[text] for text in order]
    assert positions == sorted(positions)
    assert paragraphs[-1] == "以上"
    answer = next(p for p in paragraphs if p.startswith("＊市制施行"))  # the city's form: 「＊」 paragraphs
    assert paragraphs[paragraphs.index(answer) + 1] == "・記念式典の開催"
    assert not any(p.startswith("(1)\u3000＊") for p in paragraphs)


def test_answers_are_paragraphs_marked_with_a_star_that_hang(plan, policy, tmp_path):
    """The city's paper: each answer a 「＊」 paragraph one character in, its text hanging after the mark;
    an answer typed without a mark gets one on paper, so that two answers never run into one."""
    plan.answers[1].text = "オンライン申請を拡充する。"
    body = part_xml(export(plan, policy, tmp_path), "word/document.xml")
    texts = ["".join(p.itertext()) for p in body.iter(f"{W}p")]
    first = next(p for p in body.iter(f"{W}p") if "".join(p.itertext()).startswith("＊市制施行"))
    indent = first.find(f"{W}pPr/{W}ind")
    assert int(indent.get(f"{W}left")) - int(indent.get(f"{W}hanging")) == 210
    assert "＊オンライン申請を拡充する。" in texts and "＊当初予算事業の進捗を四半期ごとに確認する。" in texts


def test_answers_are_marked_with_their_item_and_hang(plan, policy, tmp_path):
    body = part_xml(export(plan, policy, tmp_path, answer_form="numbered"), "word/document.xml")
    first = next(p for p in body.iter(f"{W}p") if "".join(p.itertext()).startswith("(1)\u3000＊市制施行"))
    indent = first.find(f"{W}pPr/{W}ind")
    left, hanging = int(indent.get(f"{W}left")), int(indent.get(f"{W}hanging"))
    assert hanging > 0 and left - hanging == 210  # the marker stands one character in, the text hangs
    bullet = first.getnext()
    assert "".join(bullet.itertext()) == "・記念式典の開催"
    assert int(bullet.find(f"{W}pPr/{W}ind").get(f"{W}left")) > int(indent.get(f"{W}left"))


def test_ruby_of_the_mayors_text_is_word_ruby(plan, policy, tmp_path):
    body = part_xml(export(plan, policy, tmp_path), "word/document.xml")
    rubies = list(body.iter(f"{W}ruby"))
    assert len(rubies) == 1
    ruby = rubies[0]
    assert "".join(ruby.find(f"{W}rt").itertext()) == "じん"
    assert "".join(ruby.find(f"{W}rubyBase").itertext()) == "靱"
    assert ruby.find(f"{W}rubyPr/{W}lid").get(f"{W}val") == "ja-JP"
    assert "強靱じん" not in docx_text(export(plan, policy, tmp_path))


@pytest.mark.parametrize("font, mincho, gothic", [("ms", "ＭＳ 明朝", "ＭＳ ゴシック"),
                                                 ("bizud", "BIZ UD明朝 Medium", "BIZ UDゴシック")])
def test_every_style_used_has_east_asian_fonts(plan, policy, tmp_path, font, mincho, gothic):
    path = export(plan, policy, tmp_path, font=font)
    styles = part_xml(path, "word/styles.xml")
    used = {p.get(f"{W}val") for part in ("word/document.xml", "word/footer1.xml")
            for p in part_xml(path, part).iter(f"{W}pStyle")}
    assert {"PlanTitle", "BoxText", "TableText", "FooterStamp"} <= used
    faces = {}
    for style in styles.iter(f"{W}style"):
        fonts = style.find(f"{W}rPr/{W}rFonts")
        if style.get(f"{W}styleId") in used:
            assert fonts is not None, style.get(f"{W}styleId")
            slots = {fonts.get(f"{W}{slot}") for slot in ("ascii", "hAnsi", "eastAsia", "cs")}
            assert len(slots) == 1 and not any("Theme" in key or "theme" in key for key in fonts.attrib)
            faces[style.get(f"{W}styleId")] = slots.pop()
    assert faces["PlanTitle"] == gothic and faces["BoxText"] == mincho
    assert set(faces.values()) == {mincho, gothic}
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert default.find(f"{W}rFonts").get(f"{W}eastAsia") == mincho
    assert default.find(f"{W}lang").get(f"{W}eastAsia") == "ja-JP"


def section_sizes(path):
    return [(int(s.find(f"{W}pgSz").get(f"{W}w")), int(s.find(f"{W}pgSz").get(f"{W}h")),
             s.find(f"{W}pgSz").get(f"{W}orient")) for s in part_xml(path, "word/document.xml").iter(f"{W}sectPr")]


def test_a4_portrait_by_default_and_landscape_for_two_columns(plan, policy, tmp_path):
    assert section_sizes(export(plan, policy, tmp_path)) == [(11906, 16838, None)]
    columns = export(plan, policy, tmp_path, layout="columns")
    assert section_sizes(columns) == [(16838, 11906, "landscape")]
    body = part_xml(columns, "word/document.xml")
    pairs = body.findall(f"{W}body/{W}tbl")[0]
    header = [("".join(tc.itertext())) for tc in pairs.find(f"{W}tr").iter(f"{W}tc")]
    assert header == [POLICY_LABEL, "部の方針"]
    text = docx_text(columns)
    assert "＊オンライン申請を拡充する。" in text and ANSWER_LABEL not in text


def test_goal_table_alone_can_go_landscape(plan, policy, tmp_path):
    path = export(plan, policy, tmp_path, goals_landscape=True)
    assert section_sizes(path) == [(11906, 16838, None), (16838, 11906, "landscape")]
    sections = docx.Document(str(path)).sections
    assert not sections[0].footer.is_linked_to_previous
    assert sections[1].footer.is_linked_to_previous  # one footer: stamp and page numbers go on


def test_review_columns_are_optional(plan, policy, tmp_path):
    def header(path):
        table = part_xml(path, "word/document.xml").findall(f"{W}body/{W}tbl")[-1]
        return ["".join(tc.itertext()) for tc in table.find(f"{W}tr").iter(f"{W}tc")]

    assert "中間確認" not in header(export(plan, policy, tmp_path))
    with_reviews = export(plan, policy, tmp_path, review_columns=True)
    assert header(with_reviews)[-2:] == ["中間確認", "年度末評価"]
    assert section_sizes(with_reviews)[-1][2] == "landscape"  # nine columns need the width


def test_direction_column_is_optional_and_follows_no(plan, policy, tmp_path):
    def table(path):
        return [[text_of(tc) for tc in tr.findall(f"{W}tc")] for tr in goal_table_rows(path)]

    plan = carried_over(plan)
    without = table(export(plan, policy, tmp_path))
    assert "方向性" not in without[0] and without[1][1] == "1(1)"
    with_direction = table(export(plan, policy, tmp_path, direction_column=True))
    assert with_direction[0][:3] == ["No.", "方向性", "基本方針"]
    assert [(row[0], row[1]) for row in with_direction[1:]] == CARRIED_DIRECTIONS
    assert [row[:1] + row[2:] for row in with_direction] == without  # the other columns as they were


def test_direction_column_is_left_out_for_a_plan_not_carried_over(plan, policy, tmp_path):
    """A plan started afresh has no 方向性 against last year's: an empty column would only take room."""
    asked = [[text_of(tc) for tc in tr.findall(f"{W}tc")]
             for tr in goal_table_rows(export(plan, policy, tmp_path, direction_column=True))]
    plain = [[text_of(tc) for tc in tr.findall(f"{W}tc")] for tr in goal_table_rows(export(plan, policy, tmp_path))]
    assert "方向性" not in asked[0] and asked == plain


def header_keeps_with_next(row) -> bool:
    """Every paragraph of a header row keeps with the next: Word never leaves it alone at a page's foot."""
    paragraphs = row.iter(f"{W}p")
    return all(p.find(f"{W}pPr/{W}keepNext") is not None for p in paragraphs)


def test_the_two_column_header_goes_with_the_first_item(plan, policy, tmp_path):
    table = part_xml(export(plan, policy, tmp_path, layout="columns"), "word/document.xml").findall(f"{W}body/{W}tbl")[0]
    assert header_keeps_with_next(table.find(f"{W}tr"))


@pytest.mark.parametrize("layout, width", [("stacked", PORTRAIT_WIDTH), ("columns", LANDSCAPE_WIDTH)])
def test_goal_table_repeats_its_header_and_keeps_rows_whole(plan, policy, tmp_path, layout, width):
    table = part_xml(export(plan, policy, tmp_path, layout=layout), "word/document.xml").findall(f"{W}body/{W}tbl")[-1]
    rows = table.findall(f"{W}tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(row.find(f"{W}trPr/{W}tblHeader") is None for row in rows[1:])
    assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
    assert header_keeps_with_next(rows[0])
    assert table.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"
    grid = [int(col.get(f"{W}w")) for col in table.iter(f"{W}gridCol")]
    assert sum(grid) == width
    for row in rows[:-1]:
        assert [int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) for tc in row.findall(f"{W}tc")] == grid
    assert text_of(rows[-1]) == "以上"  # the closing row, one cell across the table


def test_closing_stays_with_the_last_goal_inside_the_table(plan, policy, tmp_path):
    """以上 is the goal table's last row (no side or bottom lines), kept with the last goal's row: no
    page can hold it alone in Word or LibreOffice, which keeps no paragraph with a table before it."""
    table = part_xml(export(plan, policy, tmp_path), "word/document.xml").findall(f"{W}body/{W}tbl")[-1]
    *_, last_goal, closing = table.findall(f"{W}tr")
    assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in last_goal.iter(f"{W}p"))
    assert closing.find(f"{W}trPr/{W}cantSplit") is not None
    borders = closing.find(f"{W}tc/{W}tcPr/{W}tcBorders")
    assert {b.tag.split("}")[1]: b.get(f"{W}val") for b in borders} == {"left": "nil", "bottom": "nil", "right": "nil",
                                                                         "insideV": "nil"}
    assert docx_paragraphs(tmp_path / "plan.docx")[-1] == "以上"


def test_a_row_too_tall_for_a_page_may_split(plan, policy, tmp_path):
    plan.goals[0].actions = "長い取組内容。" * 2000
    table = part_xml(export(plan, policy, tmp_path), "word/document.xml").findall(f"{W}body/{W}tbl")[-1]
    rows = table.findall(f"{W}tr")
    numbers = ["".join(row.find(f"{W}tc").itertext()) for row in rows]
    tall = rows[numbers.index("3")]  # 第2次総合ビジョン (2(1)) prints as No. 3
    assert tall.find(f"{W}trPr/{W}cantSplit") is None


def goal_rows(path):
    return [[text_of(p) for p in tc.iter(f"{W}p")] for tr in goal_table_rows(path)[1:]
            for tc in tr.findall(f"{W}tc")[:3]]


def test_goals_sorted_by_code_with_section_goals_under_their_department_goal(plan, policy, tmp_path):
    rows = goal_rows(export(plan, policy, tmp_path))
    numbers_codes_titles = [(rows[i][0], rows[i + 1], rows[i + 2][0]) for i in range(0, len(rows), 3)]
    assert numbers_codes_titles == [
        ("1", ["1(1)"], "60周年記念事業の実施"),
        ("1-1", ["1(1)"], "記念誌の発行"),
        ("2", ["1(4)", "3(1)"], "オンライン申請の拡充"),
        ("3", ["2(1)"], "第2次総合ビジョンの策定"),
        ("4", [""], "まだ関連付けていない目標"),
    ]


def test_indicator_cell_shows_baseline_then_target(plan, policy, tmp_path):
    table = part_xml(export(plan, policy, tmp_path), "word/document.xml").findall(f"{W}body/{W}tbl")[-1]
    last_row = table.findall(f"{W}tr")[4]  # No. 3, 第2次総合ビジョンの策定
    indicator = ["".join(p.itertext()) for p in last_row.findall(f"{W}tc")[4].iter(f"{W}p")]
    assert indicator == ["計画の策定", "現状値：素案作成中", "目標値：策定・公表"]


def test_hostile_text_exports_to_a_valid_file(policy, tmp_path):
    controls = "".join(chr(c) for c in [*range(0, 32), *range(0x7F, 0xA0)]) + "\ufffe\uffff\ud800"
    nasty = f"<&>\"' 絵文字😀👨‍👩‍👧 {controls} 終わり"
    long = "長" * 10_000
    plan = Plan(2024, "政策部", signers=[Signer(nasty, nasty)], preamble=nasty + "\n" + long,
                answers=[Answer("1(1)", nasty), Answer("1(2)", long)],
                goals=[Goal(nasty, nasty, nasty, nasty, nasty, nasty, nasty, [], ["1(1)"], None, 1),
                       Goal(long, long, long, long, long, long, long, [], [], None, 2)])
    path = export(plan, policy, tmp_path)
    document = docx.Document(str(path))  # a valid package python-docx can open
    assert document.tables
    text = docx_text(path)
    assert "<&>\"' 絵文字😀👨‍👩‍👧" in text and "終わり" in text
    assert text.count(long) >= 8  # preamble, answer, seven goal fields: nothing cut
    assert not any(ch in text for ch in "\x00\x01\x08\x1f\x7f\ufffe\ud800")


def test_empty_plan_exports_a_complete_paper(policy, tmp_path):
    path = export(Plan(2024, "会計課"), policy, tmp_path)
    paragraphs = docx_paragraphs(path)
    assert "令和6年度会計課の運営方針・組織目標" in paragraphs and "以上" in paragraphs
    assert paragraphs.count(ANSWER_LABEL) == 4  # sections 1–4 ask for answers, section 5 does not
    table = docx.Document(str(path)).tables[-1]
    assert len(table.rows) == 3 and table.rows[0].cells[0].text == "No." and table.rows[2].cells[0].text == "以上"


def test_a_failed_export_keeps_the_previous_file(plan, policy, tmp_path, monkeypatch):
    target = tmp_path / "out" / "plan.docx"
    target.parent.mkdir()
    target.write_bytes(b"previous")

    def broken_save(self, path):
        open(path, "wb").write(b"half a file")
        raise RuntimeError("disk went away")

    monkeypatch.setattr(docx.document.Document, "save", broken_save)
    with pytest.raises(RuntimeError):
        write_docx(plan, policy, target, OPTIONS)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in target.parent.iterdir()] == ["plan.docx"]


def test_export_time_grows_linearly_with_goals(policy):
    """3,000 goals export in time proportional to their number (no quadratic table walks). CPU time, so
    that other work on the machine does not count; the time itself is the benchmark's (export-scaling)."""
    def seconds(count: int) -> float:
        goals = [Goal(f"目標{i}", "背景", "・取組\n・取組", "指標", "10", "20", "通年", ["政策経営課"],
                      [f"{1 + i % 4}(1)"], None, i + 1) for i in range(count)]
        start = time.process_time()
        build_document(Plan(2024, "政策部", goals=goals), policy, OPTIONS)
        return time.process_time() - start

    seconds(50)  # warm up
    small, large = seconds(300), seconds(3000)
    assert large / small < 20  # linear is 10; quadratic would be 100


def test_template_style_check_fails_on_a_broken_template(tmp_path, monkeypatch):
    broken = docx.Document(str(docx_writer.template_path()))
    style = broken.styles["表本文"]
    style.element.getparent().remove(style.element)
    broken.save(str(tmp_path / "broken.docx"))
    monkeypatch.setattr(docx_writer, "template_path", lambda: tmp_path / "broken.docx")
    with pytest.raises(docx_writer.TemplateError, match="TableText"):
        docx_writer.open_template()


def test_policy_box_breaks_between_items_never_after_a_label(plan, policy, tmp_path):
    body = part_xml(export(plan, policy, tmp_path), "word/document.xml")
    box = body.findall(f"{W}body/{W}tbl")[0]
    borders = [b.tag.split("}")[1] for b in box.find(f"{W}tblPr/{W}tblBorders")]
    assert borders == ["top", "left", "bottom", "right"]  # one box: no lines between its rows
    rows = box.findall(f"{W}tr")
    texts = [["".join(p.itertext()) for p in row.iter(f"{W}p")] for row in rows]
    assert texts[0] == [POLICY_LABEL, "1\u3000施政方針を踏まえた対応"]
    assert [t[0][:3] for t in texts[1:6]] == ["(1)", "(2)", "(3)", "(4)", "(5)"]
    assert texts[6] == [ANSWER_LABEL]
    for index in (0, 6):  # labels keep with the row after them
        assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in rows[index].iter(f"{W}p"))
    assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
