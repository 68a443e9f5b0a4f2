"""Property-based tests for the text gate and the basic-policy parser."""

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoshin_desktop.domain.policy_parser import PolicyParseError, parse_policy
from hoshin_desktop.domain.text import MAX_FIELD_CHARS, TextTooLong, clean_text, normalize_for_search, zenkaku_length

XML_ILLEGAL = {chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"} | {"\ufffe", "\uffff"}

any_text = st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF), max_size=300)
japanese = st.text(alphabet=st.sampled_from("あいうえお漢字方針目標、。「」『』（）強靱ー・ 　１２３abcＡＢＣ"), min_size=1, max_size=40)


@given(any_text)
def test_clean_text_leaves_nothing_xml_cannot_hold(text):
    cleaned = clean_text(text)
    assert not (set(cleaned) & XML_ILLEGAL)
    assert "\r" not in cleaned
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in cleaned)
    cleaned.encode("utf-8")  # no lone surrogates left


@given(any_text)
def test_clean_text_is_idempotent_and_keeps_printable_text(text):
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
    printable = [c for c in text if c.isprintable() and not (0xD800 <= ord(c) <= 0xDFFF) and c not in "\ufffe\uffff"]
    kept = [c for c in cleaned if c.isprintable()]
    assert kept == printable


@given(japanese)
def test_japanese_text_passes_unchanged(text):
    assert clean_text(text) == text


def test_huge_paste_is_refused_with_a_message():
    with pytest.raises(TextTooLong, match="文字まで"):
        clean_text("あ" * (MAX_FIELD_CHARS + 1))


@given(st.text(alphabet=string.ascii_letters + string.digits, max_size=20))
def test_full_and_half_width_fold_together(text):
    wide = "".join(chr(ord(c) + 0xFEE0) for c in text)
    assert normalize_for_search(wide) == normalize_for_search(text)


@given(japanese)
def test_zenkaku_length_counts_half_width_as_half(text):
    assert zenkaku_length(text + "a") == zenkaku_length(text) + 0.5
    assert zenkaku_length(text + "あ") == zenkaku_length(text) + 1


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_parser_never_crashes_on_garbage(text):
    try:
        parse_policy(text)
    except PolicyParseError as exc:
        assert str(exc)  # a message for the user, never an empty one


sentence = st.text(alphabet=st.sampled_from("市民の安全と安心を高める取組を進め、行政サービスを向上させる"),
                   min_size=2, max_size=60).map(lambda s: s + "こと。")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(sentence, min_size=1, max_size=4), min_size=1, max_size=5), st.integers(1, 30))
def test_parser_recovers_directives_split_at_any_point(sections, cut):
    """Whatever the page breaks, every directive comes back whole and in order."""
    lines = ["令和7年3月21日", "令和7年度市政運営の基本方針", "記"]
    for s_number, items in enumerate(sections, start=1):
        lines.append(f"{s_number} 方針その{s_number}")
        for i_number, text in enumerate(items, start=1):
            head, tail = text[:cut], text[cut:]
            lines.append(f"({i_number}) {head}")
            if tail:
                lines += ["", tail]  # a page break in the middle of the sentence
    document = parse_policy("\n".join(lines))
    assert [[d.text for d in s.directives] for s in document.sections] == sections
