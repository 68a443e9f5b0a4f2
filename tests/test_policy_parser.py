"""The basic-policy parser on the 令和6年度 seed and on malformed text."""

from datetime import date

import pytest

from hoshin_desktop.domain.policy_parser import PolicyParseError, parse_policy, parse_ruby

EXPECTED_COUNTS = {1: 5, 2: 3, 3: 9, 4: 4, 5: 0}


@pytest.fixture
def doc(seed_text):
    return parse_policy(seed_text)


def test_header(doc):
    assert doc.fiscal_year == 2024
    assert doc.issued_on == date(2024, 3, 21)
    assert doc.title == "令和6年度市政運営の基本方針"
    assert doc.issuer == "国分寺市長 井澤邦夫"
    paragraphs = doc.preamble.text.split("\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("令和6年2月22日に表明した「令和6年度施政方針」")
    assert paragraphs[1].startswith("なお、")


def test_sections_and_directive_counts(doc):
    assert {s.number: len(s.directives) for s in doc.sections} == EXPECTED_COUNTS
    assert [s.title for s in doc.sections] == [
        "施政方針を踏まえた対応",
        "『国分寺市総合ビジョン』等を踏まえた方針",
        "適正な事務執行の確保に向けた方針",
        "職員の人材育成に向けた方針",
        "各部の運営方針等の取扱い",
    ]
    codes = [d.code for d in doc.directives]
    assert len(codes) == 21 and codes[0] == "1(1)" and codes[-1] == "4(4)"


def test_page_breaks_are_joined(doc):
    assert "新庁舎への移転に伴う各種計画" in doc.directive("1(2)").text
    assert "意見交換を行いながら" in doc.directive("2(1)").text
    assert "状況の変化について" in doc.directive("3(4)").text
    assert "『国分寺市人材育成実施計画』" in doc.directive("4(1)").text


def test_every_directive_is_whole_sentences(doc):
    for directive in doc.directives:
        assert directive.text.endswith("こと。"), directive.code
        assert "\n" not in directive.text
        assert not directive.text.startswith(("-", "(", "（"))
        assert "^{" not in directive.text


def test_stray_item_prefixes_removed(doc):
    assert doc.directive("2(2)").text.startswith("『第Ⅰ期 国分寺市業務改革プロジェクト』")
    assert doc.directive("3(1)").text.startswith("職員一人一人が改めて")


def test_ruby_is_structured(doc):
    body = doc.directive("1(2)").body
    assert "強靱なまちづくり" in body.text
    (ruby,) = body.ruby
    assert body.text[ruby.start:ruby.start + ruby.length] == "靱"
    assert ruby.reading == "じん"
    segments = list(body.segments())
    assert ("靱", "じん") in segments
    assert "".join(chunk for chunk, _ in segments) == body.text


def test_mayors_punctuation_kept(doc):
    assert "少子高齢化の進展，市民の価値観の多様化など" in doc.directive("4(2)").text
    assert "、" not in doc.directive("4(3)").text
    section5 = doc.sections[4]
    assert section5.is_procedural
    assert section5.body.text.split("\n") == [
        "この基本方針に基づく「各部の運営方針」と「目標設定」については，4月初旬に実施する市長，副市長又は教育長との面談時に提出すること。",
        "また，人事異動の内示を受けた者は，事務引継ぎを丁寧かつ確実に行った上で，新たな配属先の運営方針等を作成すること。",
    ]
    assert "、" in doc.directive("1(1)").text and "，" not in doc.directive("1(1)").text


def test_references(doc):
    assert "国分寺市行政デジタル化推進計画" in doc.references
    assert "第2次国分寺市総合ビジョン" in doc.references
    assert len(doc.references) == len(set(doc.references)) == 11


def test_full_width_digits_and_brackets_and_crlf():
    text = (
        "\ufeff令和７年３月２１日\r\n令和７年度市政運営の基本方針\r\n国分寺市長 山田太郎\r\n前文。\r\n記\r\n"
        "１　最初の方針\r\n（１）　最初の項目で\r\nある。\r\n（２）二つ目。\r\n２　手続\r\n手続の段落。\r\n"
    )
    doc = parse_policy(text)
    assert doc.fiscal_year == 2025
    assert [d.code for d in doc.directives] == ["1(1)", "1(2)"]
    assert doc.directive("1(1)").text == "最初の項目である。"
    assert doc.sections[1].body.text == "手続の段落。"


def test_first_year_of_reiwa():
    doc = parse_policy("令和元年5月7日\n令和元年度市政運営の基本方針\n記\n1 方針\n(1) 項目。\n")
    assert doc.fiscal_year == 2019


@pytest.mark.parametrize(
    "text, line, fragment",
    [
        ("令和6年3月21日\n令和6年度市政運営の基本方針\n記\n1 方針\n(1) 一。\n(3) 三。\n", 6, "(2)のはず"),
        ("令和6年3月21日\n令和6年度市政運営の基本方針\n記\n1 方針\n(1) 一。\n3 飛んだ見出し\n", 6, "2のはず"),
        ("令和6年3月21日\n令和6年度市政運営の基本方針\n記\n前置き。\n1 方針\n(1) 一。\n", 4, "前に本文"),
        ("令和6年3月21日\n令和6年度市政運営の基本方針\n記\n1 方針\n(1) 強靱^{} 。\n", 5, "ふりがな"),
        ("令和6年3月21日\n令和6年度市政運営の基本方針\n記\n1 方針\n(1)\n(2) 二。\n", 5, "本文がありません"),
        ("令和6年13月40日\n令和6年度市政運営の基本方針\n記\n1 方針\n(1) 一。\n", 1, "日付"),
    ],
)
def test_malformed_text_names_line_and_problem(text, line, fragment):
    with pytest.raises(PolicyParseError) as info:
        parse_policy(text)
    assert info.value.line == line
    assert fragment in str(info.value)
    assert str(info.value).startswith(f"{line}行目")


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("", "空"),
        ("ただの文章です。", "本文が見つかりません"),
        ("令和6年3月21日\n記\n1 方針\n(1) 一。\n", "表題"),
        ("令和6年度市政運営の基本方針\n記\n1 方針\n(1) 一。\n", "発行日"),
        ("令和6年3月21日\n市政運営の基本方針\n記\n1 方針\n(1) 一。\n", "表題"),
    ],
)
def test_missing_parts_are_named(text, fragment):
    with pytest.raises(PolicyParseError, match=fragment):
        parse_policy(text)


def test_ruby_notations():
    assert parse_ruby("｜国分寺《こくぶんじ》市").ruby[0].length == 3
    run = parse_ruby("強靱《きょうじん》な")
    assert run.text == "強靱な" and run.ruby[0].length == 2 and run.ruby[0].reading == "きょうじん"
    caret = parse_ruby("強靱^{じん}")
    assert caret.text == "強靱" and (caret.ruby[0].start, caret.ruby[0].length) == (1, 1)


def numbered_items(last: str) -> str:
    items = "\n".join(f"({n}) 項目{n}を進める。" for n in range(1, 1000))
    return ("令和6年度市政運営の基本方針\n令和6年3月21日\n国分寺市長 井澤邦夫\n前文である。\n"
            f"1 見出し\n{items}\n{last}\n")


@pytest.mark.parametrize("last", ["(1000) 項目1000を進める。", "（１０００）項目1000を進める。", "- (12345) 続き"])
def test_an_item_number_the_parser_cannot_place_is_refused_with_its_line(last):
    """It used to be glued onto 1(999), and the import reported 「項目 999 件」 as a success."""
    with pytest.raises(PolicyParseError) as caught:
        parse_policy(numbered_items(last))
    assert caught.value.line == 1005  # four header lines, the heading, 999 items
    assert "読み取れません" in str(caught.value) and "(999)まで" in str(caught.value)


def test_nine_hundred_and_ninety_nine_items_are_read():
    document = parse_policy(numbered_items("以上"))
    assert len(document.directives) == 999 and document.directives[-1].text == "項目999を進める。"
