"""The layout-neutral content: markers, hanging indents, goal order, the text gate."""

from hoshin_desktop.domain.models import Goal, Plan, Ruby, RubyText
from hoshin_desktop.export.content import (
    Line,
    marked_lines,
    ordered_goals,
    safe_ruby,
    with_marker,
)


def shape(lines):
    return [(line.plain, line.left, line.first) for line in lines]


def test_star_items_hang_and_bullets_nest_under_their_text():
    text = "＊記念事業を実施する。\n・記念式典\n・記念誌\n続きの段落\n\n新しい段落\n* 半角の印"
    assert shape(marked_lines(text)) == [
        ("＊記念事業を実施する。", 1.0, -1.0),
        ("・記念式典", 2.0, -1.0),
        ("・記念誌", 2.0, -1.0),
        ("続きの段落", 1.0, 0.0),
        ("", 0.0, 0.0),
        ("新しい段落", 0.0, 0.0),
        ("* 半角の印", 1.0, -1.0),  # "*" and a half-width space: one full width together
    ]


def test_marker_hangs_back_to_the_base():
    lines = with_marker("(1)", marked_lines("＊一つ目\n・箇条"), base=1.0)
    assert shape(lines) == [("(1)\u3000＊一つ目", 4.5, -3.5), ("・箇条", 5.5, -1.0)]


def test_ruby_moves_with_a_prefix_and_survives_the_text_gate():
    body = RubyText("安全で強靱な\x0bまち", (Ruby(4, 1, "じん"),))
    cleaned = safe_ruby(body)
    assert cleaned.text == "安全で強靱な\nまち" and cleaned.ruby == (Ruby(4, 1, "じん"),)
    dirty = RubyText("\x01安全で強靱", (Ruby(5, 1, "じん"),))
    assert safe_ruby(dirty) == RubyText("安全で強靱", (Ruby(4, 1, "じん"),))
    (marked,) = with_marker("(2)", (Line(cleaned.paragraphs()[0]),))
    assert marked.text == RubyText("(2)\u3000安全で強靱な", (Ruby(8, 1, "じん"),))
    assert marked.text.text[8] == "靱"


def test_goals_sorted_by_smallest_code_then_drafters_order():
    plan = Plan(2024, "政策部", goals=[
        Goal("b", directives=["3(1)"], id=10), Goal("none", id=11), Goal("a", directives=["3(10)", "1(2)"], id=12),
        Goal("a-child2", directives=["4(1)"], parent=12, id=13),
        Goal("a-child1", directives=["1(1)"], parent=12, id=14),
        Goal("c", directives=["3(1)"], id=15),
    ])
    assert [(n, g.title) for n, g in ordered_goals(plan)] == [
        ("1", "a"), ("1-1", "a-child1"), ("1-2", "a-child2"), ("2", "b"), ("3", "c"), ("4", "none")]


def test_a_signer_too_long_for_one_line_gets_the_name_on_a_line_of_its_own(policy):
    from datetime import date

    from hoshin_desktop.domain.models import Signer
    from hoshin_desktop.export.content import build_content
    from hoshin_desktop.export.options import ExportOptions

    long_title = "建設環境部担当部長（兼）下水道課長事務取扱（兼）ゼロカーボン推進担当"
    plan = Plan(2024, "建設環境部", date(2024, 4, 1),
                [Signer("建設環境部長", "髙橋 𠮷郎"), Signer(long_title, "山﨑 ひかり（やまざき）"), Signer("参事", "")])
    assert build_content(plan, policy).signers == (
        "建設環境部長\u3000髙橋 𠮷郎", long_title, "山﨑 ひかり（やまざき）", "参事")
    wide = build_content(plan, policy, ExportOptions(layout="columns"))  # a landscape line holds it
    assert wide.signers[1] == f"{long_title}\u3000山﨑 ひかり（やまざき）"


def test_a_fixed_plan_says_so_in_its_footer_with_the_day_it_was_fixed(plan):
    from datetime import datetime

    from hoshin_desktop.domain.cycle import PlanLock
    from hoshin_desktop.export.content import plan_stamp

    assert plan_stamp(plan).startswith("第2版\u3000令和6年3月29日\u3000")
    plan.lock = PlanLock(datetime(2024, 4, 10, 15, 30), 2)
    assert plan_stamp(plan).startswith("第2版（確定）\u3000令和6年4月10日\u3000")
