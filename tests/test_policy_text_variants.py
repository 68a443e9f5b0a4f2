"""Basic-policy texts as a city really receives them: another year's copy rewritten or scanned.

Each variant is built here from the 令和6年度 seed, and the mayor's sentences must come out
exactly as in the clean text: nothing a scan left on the page (page numbers, the title
repeated at the top of each page) may end up inside a directive, and list lines must stay
separate lines.
"""

from __future__ import annotations

import re

import pytest

from hoshin_desktop.domain.policy_parser import PolicyParseError, parse_policy


@pytest.fixture
def clean(seed_text):
    return parse_policy(seed_text)


def _texts(document) -> dict[str, str]:
    return {d.code: d.text for d in document.directives}


def _with_page_furniture(text: str, furniture: list[str]) -> str:
    """The text with each line of ``furniture`` inserted at a page break inside a sentence,
    as a scan leaves the foot of one page and the head of the next between two halves."""
    lines = text.split("\n")
    breaks = [i for i, line in enumerate(lines) if line and not re.search(r"[。」]$", line)
              and not line.startswith(("1 ", "2 ", "3 ", "4 ", "5 ")) and i > 12]
    assert len(breaks) >= 2
    for i in reversed(breaks[:3]):
        lines[i + 1:i + 1] = ["", *furniture, ""]
    return "\n".join(lines)


@pytest.mark.parametrize("furniture", [
    ["2"], ["- 2 -"], ["－２－"], ["— 3 —"], ["2 / 5"], ["２／５"], ["P.2"], ["3ページ"], ["２／５ページ"],
    ["- 2 -", "令和6年度市政運営の基本方針"],
    ["令和６年度　市政運営の基本方針", "２"],
])
def test_page_numbers_and_running_titles_left_by_a_scan_are_not_the_mayors_text(seed_text, clean,
                                                                               furniture):
    scanned = parse_policy(_with_page_furniture(seed_text, furniture))
    assert _texts(scanned) == _texts(clean)
    assert scanned.preamble.text == clean.preamble.text


def test_list_lines_under_an_item_stay_separate_lines():
    text = ("令和7年3月21日\n令和7年度市政運営の基本方針\n国分寺市長 井澤邦夫\n下記のとおり定める。\n記\n"
            "1 施政方針を踏まえた対応\n"
            "(1) 次の事業を着実に実施すること。\n・新庁舎への移転\n・市制施行60周年記念事業\n"
            "(2) 次の点に留意すること。\n① 防災\n② 福祉\nア 高齢者\nイ 子ども\n(ア) 保育\n"
            "(3) 以下の計画に基づくこと\n　○『国分寺市総合ビジョン』\n　○『国分寺市行政デジタル\n化推進計画』\n"
            "2 その他\n※ この方針は、令和7年4月1日から適用する。\n")
    document = parse_policy(text)
    assert document.directive("1(1)").text == "次の事業を着実に実施すること。\n・新庁舎への移転\n・市制施行60周年記念事業"
    assert document.directive("1(2)").text == "次の点に留意すること。\n① 防災\n② 福祉\nア 高齢者\nイ 子ども\n(ア) 保育"
    # a list line broken by a page is still joined
    assert document.directive("1(3)").text == ("以下の計画に基づくこと\n○『国分寺市総合ビジョン』\n"
                                              "○『国分寺市行政デジタル化推進計画』")
    assert document.sections[1].body.text == "※ この方針は、令和7年4月1日から適用する。"


def test_a_sentence_that_starts_with_katakana_is_still_joined():
    text = ("令和7年3月21日\n令和7年度市政運営の基本方針\n記\n1 方針\n"
            "(1) 職員一人一人が業務の目的と\nアウトカムを意識すること。\n")
    assert parse_policy(text).directive("1(1)").text == "職員一人一人が業務の目的とアウトカムを意識すること。"


@pytest.mark.parametrize("marker", ["1. ", "1．", "１．", "１.　", "第1 ", "第１　"])
def test_headings_numbered_another_way(seed_text, clean, marker):
    def heading(match):
        return marker.replace("1", match.group(1)).replace("１", chr(ord("０") + int(match.group(1)))) + match.group(2)

    text = re.sub(r"^([1-5]) (.*)$", heading, seed_text, flags=re.M)
    document = parse_policy(text)
    assert [s.title for s in document.sections] == [s.title for s in clean.sections]
    assert _texts(document) == _texts(clean)


def test_a_decimal_at_the_start_of_a_line_is_not_a_heading():
    text = ("令和7年3月21日\n令和7年度市政運営の基本方針\n記\n1 方針\n(1) 歳出を前年度の\n"
            "1.5倍以内に抑えること。\n2 手続\n本文。\n")
    document = parse_policy(text)
    assert document.directive("1(1)").text == "歳出を前年度の1.5倍以内に抑えること。"
    assert [s.title for s in document.sections] == ["方針", "手続"]


@pytest.mark.parametrize("written", ["令和 7年 3月21日", "令和７年　３月２１日", "令和7年3月 21日"])
def test_an_issue_date_with_spaces_is_read(seed_text, written):
    text = seed_text.replace("令和6年3月21日", written, 1).replace("令和6年度市政運営", "令和7年度市政運営")
    document = parse_policy(text)
    assert str(document.issued_on) == "2025-03-21"


def test_a_lone_number_is_still_refused_where_it_breaks_the_numbering():
    text = "令和7年3月21日\n令和7年度市政運営の基本方針\n記\n1 方針\n(1) 一。\n3 飛んだ見出し\n"
    with pytest.raises(PolicyParseError, match="2のはず"):
        parse_policy(text)


@pytest.mark.parametrize("space", ["\u00a0", "\u2002", "\u2003", " \u00a0", "\u3000\u3000", "\u200b "])
def test_any_space_after_a_number_marks_a_heading_or_an_item(space):
    """Word's no-break space, the en/em spaces of a PDF copy, a zero-width space pasted from the web."""
    text = (f"令和7年3月21日\n令和7年度市政運営の基本方針\n国分寺市長{space}井澤邦夫\n記\n1{space}方針\n"
            f"(1){space}項目。\n{space}2{space}手続\n本文。\n")
    document = parse_policy(text)
    assert [s.title for s in document.sections] == ["方針", "手続"]
    assert document.directive("1(1)").text == "項目。"
    assert document.issuer.startswith("国分寺市長") and document.issuer.endswith("井澤邦夫")


@pytest.mark.parametrize("close", ["以上", "以　上", "　　　　　　　以上", "以上\n\n（担当）政策部政策経営課\n内線 123"])
def test_the_closing_ijou_and_what_follows_it_are_not_the_mayors_text(seed_text, clean, close):
    document = parse_policy(f"{seed_text}\n{close}\n")
    assert _texts(document) == _texts(clean)
    assert document.sections[-1].body.text == clean.sections[-1].body.text
    without_section_5 = seed_text.split("\n5 ")[0]
    assert _texts(parse_policy(f"{without_section_5}\n{close}\n")) == _texts(clean)


@pytest.mark.parametrize("title", ["令和6年度市政運営の基本方針について（通知）", "令和6年度市政運営の基本方針（案）",
                                   "令和６年度　市政運営の基本方針について"])
def test_the_title_as_a_notice_words_it(seed_text, clean, title):
    document = parse_policy(seed_text.replace("令和6年度市政運営の基本方針\n", f"{title}\n", 1))
    assert document.title == title.removesuffix("（通知）").removesuffix("（案）").removesuffix("について")
    assert _texts(document) == _texts(clean)


def test_a_notices_number_and_addressee_do_not_hide_the_date_or_title(seed_text, clean):
    notice = seed_text.replace("令和6年3月21日\n", "国政経第１２３号\n令和6年3月21日\n各部長　様\n", 1)
    document = parse_policy(notice)
    assert str(document.issued_on) == "2024-03-21" and document.title == clean.title
    assert _texts(document) == _texts(clean)


def _with_heading_split(seed_text: str, heading: str, at: int, blank: str) -> str:
    """``heading`` broken after ``at`` characters of its title, as a narrow copy or a scan wraps it."""
    number, title = heading.split(" ", 1)
    return seed_text.replace(heading, f"{number} {title[:at]}\n{blank}{title[at:]}", 1)


@pytest.mark.parametrize("blank", ["", "\n", "\n- 2 -\n"])
def test_a_heading_wrapped_onto_a_second_line_is_one_heading(seed_text, clean, blank):
    """「1 施政方針を」/「踏まえた対応」 is the heading 「施政方針を踏まえた対応」, not a heading and a
    paragraph of the section's own text (which would print under the heading as the mayor's words)."""
    text = _with_heading_split(seed_text, "1 施政方針を踏まえた対応", 5, blank)
    text = _with_heading_split(text, "4 職員の人材育成に向けた方針", 7, blank)
    wrapped = parse_policy(text.replace("1 ", "１　", 1))
    assert [(s.number, s.title, s.body.text) for s in wrapped.sections] == [
        (s.number, s.title, s.body.text) for s in clean.sections]
    assert _texts(wrapped) == _texts(clean)


def test_a_sections_own_text_under_its_heading_is_not_taken_for_the_heading(seed_text, clean):
    """Section 5 has text and no items: its first line stays its text, even without a full stop."""
    five = next(s for s in clean.sections if s.number == 5)
    first = five.body.text.split("\n")[0]
    text = seed_text.replace(first, first.rstrip("。"), 1)
    read = parse_policy(text)
    assert next(s for s in read.sections if s.number == 5).title == five.title


@pytest.mark.parametrize("split", ["令和6年度\n市政運営の基本方針", "令和６年度\n\n市政運営の基本方針"])
def test_a_title_set_in_two_lines_is_read_as_the_title(seed_text, clean, split):
    """A title in large type often breaks after 年度; the copy was refused with 「表題…が見つかりません」."""
    read = parse_policy(seed_text.replace("令和6年度市政運営の基本方針", split, 1))
    assert read.fiscal_year == 2024 and read.title.replace("６", "6") == clean.title
    assert read.preamble.text == clean.preamble.text and _texts(read) == _texts(clean)


@pytest.mark.parametrize("head", ["政経発第123号\n", "７国政経第１２３号\n", "", "政経発第 45 号\n"])
@pytest.mark.parametrize("addressee", ["各部長　様\n", "各部長殿\n", "部長各位\n", ""])
def test_a_notices_number_and_addressee_are_not_the_mayors_preamble(seed_text, clean, head, addressee):
    """As a notice (通知) arrives: 「政経発第123号」 above the date and 「各部長　様」 under it were
    glued to the front of the preamble (「政経発第123号令和6年2月22日に表明した…」)."""
    text = seed_text.replace("令和6年3月21日\n", f"{head}令和6年3月21日\n{addressee}", 1)
    read = parse_policy(text)
    assert read.preamble.text == clean.preamble.text
    assert (read.issued_on, read.title, read.issuer) == (clean.issued_on, clean.title, clean.issuer)


@pytest.mark.parametrize("written", ["令和6年3月21日（木）", "令和６年３月２１日(木)", "令和６年（２０２４年）３月２１日",
                                     "令和6年(2024年)3月21日"])
def test_the_date_with_its_weekday_or_western_year_is_the_issue_date(seed_text, clean, written):
    """「令和6年3月21日（木）」 went into the preamble and the import stopped with 「発行日…が見つかりません」;
    「令和6年（2024年）3月21日」 was refused as not a date."""
    read = parse_policy(seed_text.replace("令和6年3月21日\n", f"{written}\n", 1))
    assert read.issued_on == clean.issued_on and read.preamble.text == clean.preamble.text
