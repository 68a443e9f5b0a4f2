"""The PDF's text layer is the document's text, with two different CJK font families embedded as subsets."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from hoshin_desktop.export.content import build_content
from hoshin_desktop.export.docx_writer import write_docx
from hoshin_desktop.export.fonts import Faces, FontFile, find_faces
from hoshin_desktop.export.options import FONT_SETS, ExportOptions
from hoshin_desktop.export.pdf_writer import write_pdf
from tests.benchmarks.city import make_plan

from .conftest import CARRIED_DIRECTIONS, carried_over, sample_plan, text_of

NOTO = Path("/usr/share/fonts/opentype/noto")
IPAEX = Path("/usr/share/fonts/opentype")
FAMILIES = {
    "noto": Faces(FontFile(NOTO / "NotoSerifCJK-Regular.ttc"), FontFile(NOTO / "NotoSansCJK-Regular.ttc")),
    "ipaex": Faces(FontFile(IPAEX / "ipaexfont-mincho" / "ipaexm.ttf"),
                   FontFile(IPAEX / "ipaexfont-gothic" / "ipaexg.ttf")),
}
pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext is not installed")


def _faces(name: str) -> Faces:
    faces = FAMILIES[name]
    if not (faces.mincho.path.is_file() and faces.gothic.path.is_file()):
        pytest.skip(f"{name} fonts are not installed (apt-get install fonts-noto-cjk fonts-ipaexfont)")
    return faces


def extracted_lines(path: Path) -> list[str]:
    """pdftotext in the order the text was drawn (-raw): lines of a cell follow one another."""
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8").replace("\f", "\n").split("\n")


def unspaced(text: str) -> str:
    """Text without spaces and line ends: pdftotext rebuilds spaces from the gaps between glyphs
    (an ideographic space comes out as " ", one at a line's end not at all). Every other
    character is compared as it is (no NFKC)."""
    return re.sub(r"[\s\u3000]", "", text)


def running_text(path: Path, stamp: str, readings: frozenset[str] = frozenset()) -> str:
    """The document's text without the page furniture (stamp, 「1 / 3」), spaces and line wraps.

    Ruby readings, drawn after a page's text, come out as lines of their own: ``readings`` leaves them out.
    """
    kept = [line for line in extracted_lines(path)
            if unspaced(line) != unspaced(stamp) and not re.fullmatch(r"\d+ / \d+", line) and line not in readings]
    return unspaced("".join(kept))


def ruby_readings(policy) -> frozenset[str]:
    return frozenset(r.reading for d in policy.directives for r in d.body.ruby) | frozenset(
        r.reading for section in policy.sections for r in section.body.ruby)


def field_texts(plan) -> list[str]:
    texts = [plan.preamble, *(s.title for s in plan.signers), *(s.name for s in plan.signers)]
    texts += [a.text for a in plan.answers]
    for goal in plan.goals:
        texts += [goal.title, goal.background, goal.actions, goal.indicator, goal.baseline, goal.target,
                  goal.schedule, *goal.owner_sections]
    return [t for t in texts if t.strip()]


@pytest.mark.parametrize("family", sorted(FAMILIES))
@pytest.mark.parametrize("layout", ["stacked", "columns"])
def test_every_field_is_found_exactly_in_the_text_layer(session, tmp_path, family, layout):
    policy = session.policy(2024)
    plan = make_plan(session, 2024, "政策部", 30, seed=3)
    plan.goals[0].title = "部長・市民・方針・目標・4月・行政（﨑・髙）"
    path = write_pdf(plan, policy, tmp_path / "plan.pdf", ExportOptions(layout=layout), faces=_faces(family))
    text = running_text(path, build_content(plan, policy).stamp)
    missing = [t for t in field_texts(plan) if unspaced(t) not in text]
    assert missing == []
    assert not re.search("[\u2e80-\u2fdf]", text)  # no CJK radicals in place of kanji
    for word in ("方針", "目標", "部長", "4月"):
        assert word in text


def test_ruby_readings_do_not_break_the_base_text(session, tmp_path):
    policy = session.policy(2024)
    assert any(d.body.ruby for d in policy.directives), "the bundled policy has ruby (強靱)"
    path = write_pdf(sample_plan(), policy, tmp_path / "plan.pdf", faces=_faces("ipaex"))
    text = running_text(path, build_content(sample_plan(), policy).stamp)
    assert "強靱なまちづくり" in text


def test_a_reading_is_drawn_but_copying_the_page_does_not_pick_it_up(session, tmp_path):
    """じん above 強靱 came after the footer in the text layer: a stray 「じん」 in every copied page."""
    path = write_pdf(sample_plan(), session.policy(2024), tmp_path / "plan.pdf", faces=_faces("ipaex"))
    lines = [line.strip() for line in extracted_lines(path)]
    assert "じん" not in "".join(lines) and any("強靱なまちづくり" in line for line in lines)
    raw = zlib_streams(path)
    assert raw.count(b"/ActualText <FEFF>") == 1  # the one reading of the mayor's text, drawn in a Span


def zlib_streams(path: Path) -> bytes:
    import zlib

    data = path.read_bytes()
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            out.append(match.group(1))
    return b"".join(out)


def test_both_families_are_embedded_as_subsets(session, tmp_path):
    policy = session.policy(2024)
    for name in FAMILIES:
        data = write_pdf(sample_plan(), policy, tmp_path / f"{name}.pdf", faces=_faces(name)).read_bytes()
        base_fonts = re.findall(rb"/BaseFont\s*/([A-Z]{6}\+[^\s/]+)", data)
        assert base_fonts, f"{name}: no subset fonts"
        assert b"/FontFile2" in data or b"/FontFile3" in data
        expected = b"IPAex" if name == "ipaex" else b"Noto"
        assert all(expected in font for font in base_fonts)


def test_the_stamp_and_fingerprint_are_in_the_footer_and_properties(session, tmp_path):
    policy = session.policy(2024)
    plan = sample_plan()
    content = build_content(plan, policy)
    path = write_pdf(plan, policy, tmp_path / "plan.pdf", faces=_faces("ipaex"))
    lines = extracted_lines(path)
    assert content.stamp == f"第2版\u3000令和6年3月29日\u3000{content.fingerprint}"
    stamps = [line for line in lines if unspaced(line) == unspaced(content.stamp)]
    assert len(stamps) == len([line for line in lines if re.fullmatch(r"\d+ / \d+", line)]) >= 3
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout.decode()
    assert content.fingerprint in info


def test_the_platform_faces_are_found_for_both_font_sets():
    for fonts in FONT_SETS.values():
        faces = find_faces(fonts)
        assert faces.mincho.path.is_file() and faces.gothic.path.is_file()
        assert faces.mincho != faces.gothic


@pytest.mark.parametrize("layout", ["stacked", "columns"])
def test_direction_column_is_in_the_text_layer_when_asked_for(session, tmp_path, layout):
    policy, plan = session.policy(2024), carried_over(sample_plan())
    plain = write_pdf(plan, policy, tmp_path / "plain.pdf", ExportOptions(layout=layout), faces=_faces("ipaex"))
    assert "方向性" not in "".join(extracted_lines(plain))
    path = write_pdf(plan, policy, tmp_path / "direction.pdf", ExportOptions(layout=layout, direction_column=True),
                     faces=_faces("ipaex"))
    lines = extracted_lines(path)
    assert any(line.startswith("No. 方向性 基本方針") for line in lines)
    starts = [" ".join(line.split()[:2]) for line in lines]  # a row is drawn No. first, then 方向性
    assert all(f"{number} {direction}" in starts for number, direction in CARRIED_DIRECTIONS)


def test_direction_column_stays_narrow_and_never_wraps_its_word(session):
    from hoshin_desktop.export import styles as s
    from hoshin_desktop.export.widths import goal_column_widths

    content = build_content(carried_over(sample_plan()), session.policy(2024), ExportOptions(direction_column=True))
    widths = dict(zip((c.title.split("\n")[0] for c in content.goal_columns),
                      goal_column_widths(content, s.PORTRAIT_WIDTH / 20)))
    assert 2 * s.TABLE_PT < widths["方向性"] < min(widths["目標"], widths["取組内容"], widths["担当課"])


def test_goal_columns_follow_the_content_and_never_squeeze_a_number(session):
    from hoshin_desktop.export import styles as s
    from hoshin_desktop.export.widths import goal_column_widths

    plan = make_plan(session, 2024, "政策部", 30, seed=1)
    plan.goals[0].target = "1,500件"
    plan.goals[1].actions = "A" * 3000  # one unbreakable run must not take the page from the others
    content = build_content(plan, session.policy(2024))
    widths = goal_column_widths(content, s.PORTRAIT_WIDTH / 20)
    assert abs(sum(widths) - s.PORTRAIT_WIDTH / 20) < 0.01
    titles = [c.title.split("\n")[0] for c in content.goal_columns]
    by_title = dict(zip(titles, widths))
    assert by_title["達成基準・指標"] > 4 * s.TABLE_PT * 2  # not 4 characters a line
    assert by_title["担当課"] < by_title["取組内容"]
    assert min(widths[2:5]) >= 5 * s.TABLE_PT


def test_a_sections_name_in_the_owner_column_is_not_broken_across_lines(session, tmp_path):
    """「政策経/営課」 reads badly on the interview's paper: the 担当課 column is as wide as the
    longest 課 name up to six characters (most names; longer ones wrap at a sensible point, 子ども｜
    子育て支援課, rather than take the text columns' room), so each such name prints whole."""
    from hoshin_desktop.export import styles as s
    from hoshin_desktop.export.widths import goal_column_widths

    plan = make_plan(session, 2024, "政策部", 6, seed=3)
    names = ["政策経営課", "情報政策課", "防災安全課"]
    for number, goal in enumerate(plan.goals):
        goal.owner_sections = [names[number % 3]]
        goal.title, goal.actions = goal.title * 3, goal.actions * 3  # the text columns want every point
    path = write_pdf(plan, session.policy(2024), tmp_path / "plan.pdf", faces=_faces("ipaex"))
    words = [word for line in extracted_lines(path) for word in line.split()]
    for name in names:
        assert name in words, name
        assert not any(name.startswith(word) and word != name for word in words if len(word) >= 2), name
    plan.goals[0].owner_sections = ["子ども子育て支援課"]
    content = build_content(plan, session.policy(2024))
    widths = dict(zip((c.title.split("\n")[0] for c in content.goal_columns),
                      goal_column_widths(content, s.PORTRAIT_WIDTH / 20)))
    # a long name wraps after its kana: the column holds 子育て支援課 (6 characters and the cell's margins)
    assert 6 * s.TABLE_PT < widths["担当課"] < 8 * s.TABLE_PT < widths["取組内容"]


def test_numbers_with_units_never_break_inside(session):
    from hoshin_desktop.export import styles as s
    from hoshin_desktop.export.layout import Estimate, Typesetter

    typesetter = Typesetter(Estimate())
    for text in ("予定は1月と12月", "目標値80%以上", "件数は1,500件です"):
        for width in range(32, 120, 3):  # any line as wide as the unit (column widths see to that)
            para = typesetter.paragraph(s.TABLE_TEXT, text * 3, width)
            lines = ["".join(op.text for op in line.ops) for line in para.lines]
            assert "".join(lines) == text * 3
            for unit in ("1月", "12月", "80%", "1,500件"):
                if unit in text:
                    assert all(not (line.endswith(unit[:k]) and lines[i + 1].startswith(unit[k:]))
                               for i, line in enumerate(lines[:-1]) for k in range(1, len(unit)))


def test_a_section_goal_number_stays_on_one_line(session, tmp_path):
    """「12-1」 is one number: the No. column is as wide as it, and no line breaks after its hyphen."""
    from hoshin_desktop.domain.models import Goal

    policy = session.policy(2024)
    plan = make_plan(session, 2024, "政策部", 12, seed=5)
    for number, goal in enumerate(plan.goals, start=1):
        goal.directives, goal.id = ["1(1)"], number
    plan.goals.append(Goal("課の目標", directives=["1(1)"], parent=12, id=13))
    path = write_pdf(plan, policy, tmp_path / "plan.pdf", faces=_faces("ipaex"))
    lines = extracted_lines(path)
    assert any(line.split()[:1] == ["12-1"] for line in lines)
    assert not any(line.rstrip().endswith("12-") for line in lines)


def test_a_character_the_fonts_lack_prints_no_english_line(tmp_path):
    """An emoji typed into a goal: the fonts have no glyph for it; the command prints no library's English warning."""
    import sys

    from hoshin_desktop.services.session import Session

    session = Session.open(tmp_path / "data")
    plan = sample_plan()
    plan.goals[0].title = "🎉" + plan.goals[0].title
    session.store_plan(plan)
    session.close()
    done = subprocess.run([sys.executable, "-m", "hoshin_desktop", "--data-dir", str(tmp_path / "data"), "export-pdf",
                           "--year", "2024", "--department", "政策部", "--out", str(tmp_path / "plan.pdf")],
                          capture_output=True, text=True, encoding="utf-8", cwd=Path(__file__).parents[2], timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert done.stderr == "" and lines[-1].startswith("書き出しました")
    assert all(line.startswith("注意: ") for line in lines[:-1])  # what check finds, in Japanese


def test_a_tab_typed_or_pasted_from_excel_prints_as_a_full_width_space(session, tmp_path):
    """Not dropped (「4月1日受付開始」 in the PDF) and not a Word tab stop (a gap across a narrow cell)."""
    from hoshin_desktop.domain.models import Goal, Signer

    from .conftest import part_xml

    policy = session.policy(2024)
    plan = sample_plan()
    plan.signers = [Signer("福祉部長", "佐藤\t花子")]
    plan.goals = [Goal("給付金の支給\t迅速化", actions="日程\t内容\n4月1日\t受付開始", schedule="4月\t受付",
                       directives=["1(3)"], id=1)]
    lines = extracted_lines(write_pdf(plan, policy, tmp_path / "plan.pdf", faces=_faces("ipaex")))
    for text in ("福祉部長 佐藤 花子", "4月1日 受付開始", "4月 受付"):
        assert any(text in line for line in lines), text
    docx = write_docx(plan, policy, tmp_path / "plan.docx", ExportOptions())
    body = part_xml(docx, "word/document.xml")
    assert body.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tab") is None
    assert "4月1日\u3000受付開始" in text_of(body)


def test_a_number_never_parts_from_a_latin_or_symbol_unit(session):
    """「850m」「1.2km」「1,234.5㎡」「30℃」 stay whole, as Word keeps a Latin word (850m) whole."""
    from hoshin_desktop.export import styles as s
    from hoshin_desktop.export.layout import Estimate, Typesetter

    typesetter = Typesetter(Estimate())
    text = "管きょL=850mの更生、延長1.2kmの区間、面積1,234.5㎡以上、気温30℃。"
    for width in range(56, 160, 3):  # any line as wide as the widest unit (column widths see to that)
        lines = ["".join(op.text for op in line.ops) for line in typesetter.paragraph(s.TABLE_TEXT, text * 2, width).lines]
        assert "".join(lines) == text * 2
        for unit in ("850m", "1.2km", "1,234.5㎡", "30℃"):
            assert all(not (line.endswith(unit[:k]) and lines[i + 1].startswith(unit[k:]))
                       for i, line in enumerate(lines[:-1]) for k in range(1, len(unit))), (width, lines)


def pdf_titles(path: Path) -> list[str]:
    """Every /Title string of the file (the document's, then the bookmarks'), decoded."""
    found = []
    for match in re.finditer(rb"/Title (<[0-9A-Fa-f]+>|\([^)]*\))", path.read_bytes()):
        raw = match.group(1)
        if raw.startswith(b"<"):
            found.append(bytes.fromhex(raw[1:-1].decode()).decode("utf-16-be").lstrip("\ufeff"))
        else:
            found.append(raw[1:-1].decode("latin-1"))
    return found


def test_the_pdf_has_bookmarks_of_its_headings_and_says_its_language(session, tmp_path):
    """The document language and an outline (bookmarks) of the plan's title and of 組織目標 (the structure
    tags: test_pdf_tags.py)."""
    path = write_pdf(sample_plan(), session.policy(2024), tmp_path / "plan.pdf", faces=_faces("ipaex"))
    data = path.read_bytes()
    assert b"/Lang (ja-JP)" in data and b"/Outlines" in data
    assert sorted(pdf_titles(path)) == sorted(["令和6年度政策部の運営方針・組織目標"] * 2 + ["組織目標"])
