"""Find and replace across a plan: every match, previewed, one undo step."""

import pytest

from hoshin_desktop.domain.text import TextTooLong
from hoshin_desktop.services import replace


@pytest.fixture
def editor(session):
    editor = session.editor(2024, "政策部")
    first = editor.add_goal().select
    editor.set_goal_field(first, "title", "ＤＸの推進")
    editor.set_goal_field(first, "actions", "・ＤＸ研修\n・ＤＸ推進員の配置（ＤＸ）")
    second = editor.add_goal().select
    editor.set_goal_field(second, "indicator", "DX研修の受講者数")  # half-width: not the same text
    editor.set_answer("1(4)", "＊ＤＸを進める。")
    editor.set_preamble("前文。ＤＸ。")
    editor.seal()
    return editor


def test_find_lists_every_field_with_a_match_in_paper_order(editor):
    places = replace.find(editor.plan, "ＤＸ")
    assert [(p.label, p.count) for p in places] == [
        ("前文", 1), ("部の方針 1(4)", 1), ("目標1 目標", 1), ("目標1 取組内容", 3)]
    assert replace.find(editor.plan, "") == []


def test_preview_shows_the_first_match_in_context():
    before, after = replace.preview("・研修の実施\n・ＤＸ推進員の配置", "ＤＸ", "デジタル化")
    assert before == "・研修の実施⏎・ＤＸ推進員の配置"
    assert after == "・研修の実施⏎・デジタル化推進員の配置"
    long_before, _ = replace.preview("あ" * 30 + "ＤＸ" + "い" * 30, "ＤＸ", "X")
    assert long_before == "…" + "あ" * 12 + "ＤＸ" + "い" * 12 + "…"


def test_replace_changes_every_match_and_undoes_in_one_step(session, editor):
    original = editor.plan
    assert replace.replace_all(editor, "ＤＸ", "デジタル化")[0] == 6
    plan = session.load_plan(2024, "政策部")
    assert plan.preamble == "前文。デジタル化。"
    assert plan.answer("1(4)") == "＊デジタル化を進める。"
    assert plan.goals[0].title == "デジタル化の推進"
    assert plan.goals[0].actions == "・デジタル化研修\n・デジタル化推進員の配置（デジタル化）"
    assert plan.goals[1].indicator == "DX研修の受講者数"
    assert editor.undo_label == "置換（「ＤＸ」→「デジタル化」）"
    editor.undo()
    restored = session.load_plan(2024, "政策部")
    assert restored.preamble == original.preamble and restored.answers == original.answers
    assert [g.title for g in restored.goals] == ["ＤＸの推進", ""]
    assert restored.goals[0].actions == "・ＤＸ研修\n・ＤＸ推進員の配置（ＤＸ）"
    assert editor.undo_label != "置換（「ＤＸ」→「デジタル化」）"


def test_nothing_to_replace_records_no_step(editor):
    label = editor.undo_label
    assert replace.replace_all(editor, "存在しない語", "x") == (0, None)
    assert replace.replace_all(editor, "ＤＸ", "ＤＸ") == (0, None)
    assert editor.undo_label == label


def test_a_replacement_that_makes_a_field_too_long_writes_nothing(session, editor):
    with pytest.raises(TextTooLong):
        replace.replace_all(editor, "ＤＸ", "長" * 40000)  # 3 in one field: over 100,000
    assert session.load_plan(2024, "政策部").goals[0].title == "ＤＸの推進"
