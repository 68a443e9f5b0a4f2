"""Carry-over through the directive mapping: re-pins, answers, 方向性 and what could not be carried."""

from __future__ import annotations

import pytest

from hoshin_desktop.domain.goal_lineage import ABOLISHED, COMPLETED, CONTINUED, EXPANDED, NEW_GOAL
from hoshin_desktop.services import lineage
from hoshin_desktop.services.carry_over import report
from hoshin_desktop.services.policy_import import import_policy

from .policy_variants import New, build, edit, render, title

# 令和7年度: 1(1) dropped, a new 1(1) and 1(4); 1(4) reworded as 1(5), 1(5) is 1(6); 3(6) moved to 4(5); 3(3) dropped.
NEXT = [
    (title(1), [New("こどもまんなか社会の実現に向けて、子育て世帯への支援を充実させること。"), "1(2)", "1(3)",
                New("公共施設の老朽化に対応するため、長寿命化を計画的に進めること。"),
                edit("1(4)", ("急速な進化を遂げている", "生成AIをはじめとする")), "1(5)"]),
    (title(2), ["2(1)", "2(2)", "2(3)"]),
    (title(3), ["3(1)", "3(2)", "3(4)", "3(5)", "3(7)", "3(8)", "3(9)"]),
    (title(4), ["4(1)", "4(2)", "4(3)", "4(4)", "3(6)"]),
]
GOALS = [  # (title, pins, parent index)
    ("デジタル手続の拡大", ["1(4)", "3(1)"], None),
    ("60周年記念事業", ["1(1)"], None),
    ("個人情報の研修", ["3(6)", "3(3)"], None),
    ("課の研修計画", ["3(6)"], 2),
    ("防災訓練", ["1(2)"], None),
]


@pytest.fixture
def years(session, tmp_path):
    editor = session.editor(2024, "政策部")
    ids = []
    for name, pins, parent in GOALS:
        goal = editor.add_goal(parent=ids[parent] if parent is not None else None).select
        editor.set_goal_field(goal, "title", name)
        for code in pins:
            editor.pin(goal, code)
        ids.append(goal)
    editor.set_answer("1(4)", "デジタルの方針")
    editor.set_answer("1(1)", "60周年の方針")
    editor.set_answer("3(6)", "個人情報の方針")
    source = tmp_path / "r7.txt"
    source.write_text(render("令和7", NEXT), encoding="utf-8")
    import_policy(session, source)
    return session, ids


def carry(session, **options):
    editor = session.editor(2025, "政策部")
    _change, work = editor.carry_over(session.load_plan(2024, "政策部"), **options)
    return work, session.load_plan(2025, "政策部")


def test_the_proposal_is_the_true_mapping(years):
    session, _ = years
    _, truth, fresh = build("令和7", NEXT)
    lines = lineage.directive_mapping(session, 2024, 2025).lines
    assert {line.old: line.new for line in lines if line.old} == truth
    assert sorted(line.new for line in lines if line.old is None) == sorted(fresh)


def test_every_goal_is_repinned_and_pins_to_dropped_directives_are_listed(years):
    session, _ = years
    work, plan = carry(session)
    assert [(g.title, g.directives) for g in plan.goals] == [
        ("デジタル手続の拡大", ["1(5)", "3(1)"]), ("60周年記念事業", []), ("個人情報の研修", ["4(5)"]),
        ("課の研修計画", ["4(5)"]), ("防災訓練", ["1(2)"])]
    assert plan.goals[3].parent == plan.goals[2].id
    assert [(p.goal, p.directive) for p in work.lost_pins] == [("60周年記念事業", "1(1)"), ("個人情報の研修", "3(3)")]
    assert plan.answer("1(5)") == "デジタルの方針" and plan.answer("4(5)") == "個人情報の方針"
    assert plan.answer("1(1)") == ""  # this year's 1(1) is a new directive
    assert work.lost_answers == ["1(1)"]
    assert not work.mapping_confirmed
    text = "\n".join(report(work))
    assert "関連付けの付け替え: 「デジタル手続の拡大」 1(4) → 1(5)" in text
    assert "引き継げない関連付け: 「60周年記念事業」 → 1(1)（今年度の基本方針で廃止）" in text
    assert "基本方針の対応表はまだ確定していません" in text


def test_the_confirmed_mapping_wins_over_the_proposal(years):
    session, _ = years
    lineage.confirm(session, 2024, 2025, [("1(1)", "1(1)"), ("3(3)", "3(3)"), ("1(4)", "1(5)")])
    work, plan = carry(session)
    assert plan.goals[1].directives == ["1(1)"]
    assert plan.goals[0].directives == ["1(5)"]  # 3(1) is not in the confirmed pairs: 廃止
    assert work.mapping_confirmed


def test_directions_end_merge_and_link_to_predecessors(years):
    session, ids = years
    work, plan = carry(session, directions={ids[0]: EXPANDED, ids[1]: COMPLETED, ids[4]: ABOLISHED},
                       merges={ids[3]: ids[2]})
    assert [g.title for g in plan.goals] == ["デジタル手続の拡大", "個人情報の研修"]
    first, second = plan.goals
    assert plan.lineage.from_year == 2024
    assert plan.lineage.direction(first.id) == EXPANDED and plan.lineage.predecessor(first.id).goal == ids[0]
    assert plan.lineage.direction(second.id) == CONTINUED
    assert [f.title for f in plan.lineage.merged_into(second.id)] == ["課の研修計画"]
    assert [(f.title, f.direction) for f in plan.lineage.ended()] == [("60周年記念事業", COMPLETED), ("防災訓練", ABOLISHED)]
    assert [p.goal for p in work.lost_pins] == ["個人情報の研修"]  # the ended goals' pins do not matter
    text = "\n".join(report(work))
    assert "統合: 「課の研修計画」 → 「個人情報の研修」" in text and "引き継がない目標（完了）: 「60周年記念事業」" in text


def test_a_goal_added_afterwards_is_new_and_undo_forgets_the_lineage(years):
    session, _ = years
    editor = session.editor(2025, "政策部")
    editor.carry_over(session.load_plan(2024, "政策部"))
    added = editor.add_goal().select
    assert editor.plan.lineage.direction(added) == NEW_GOAL
    editor.undo()
    editor.undo()
    assert not session.load_plan(2025, "政策部").lineage


def test_merging_into_an_ended_goal_is_refused(years):
    session, ids = years
    with pytest.raises(ValueError, match="統合先の目標「60周年記念事業」が引き継がれません"):
        carry(session, directions={ids[1]: ABOLISHED}, merges={ids[0]: ids[1]})
    with pytest.raises(ValueError, match="方向性「やめる」は使えません"):
        carry(session, directions={ids[1]: "やめる"})
    assert session.load_plan(2025, "政策部") is None or not session.load_plan(2025, "政策部").goals


def test_merged_directives_join_their_answers(years):
    session, _ = years
    editor = session.editor(2024, "政策部")
    editor.set_answer("1(5)", "ゼロカーボンの方針")
    lineage.confirm(session, 2024, 2025, [("1(4)", "1(5)"), ("1(5)", "1(5)")])
    _, plan = carry(session)
    assert plan.answer("1(5)") == "デジタルの方針\nゼロカーボンの方針"


def test_a_section_missing_from_this_years_list_is_reported_not_dropped_silently(years):
    """A 課 added to last year's list after this year's was made (a plan file brought 情報政策課)
    cannot be this year's 担当課: the goal loses it, and the drafter is told which goal and 課."""
    session, ids = years
    this_year = [s.name for s in session.department(2025, "政策部").sections]
    session.set_sections(2024, "政策部", [*this_year, "情報政策課"])
    last = session.editor(2024, "政策部")
    last.set_owner_sections(ids[0], ["情報政策課", this_year[0]])
    work, plan = carry(session)
    assert plan.goals[0].owner_sections == [this_year[0]]
    assert work.lost_sections == [("デジタル手続の拡大", "情報政策課")]
    assert work.needs_attention
    assert ("引き継げない担当課: 「デジタル手続の拡大」 → 情報政策課（今年度のこの部の課の一覧にありません）。"
            in "\n".join(report(work)))


def test_signers_and_answers_typed_this_year_are_kept_and_the_drafter_is_told(years):
    """After an April transfer the drafter types the new 部長 first; carrying last year's plan
    over must not put last year's 部長 back on the paper, nor replace an answer written already."""
    from hoshin_desktop.domain.models import Signer

    session, _ = years
    last = session.editor(2024, "政策部")
    last.set_signers([Signer("政策部長", "山田 太郎")])
    this = session.editor(2025, "政策部")
    this.set_signers([Signer("政策部長", "高橋 次郎")])
    this.set_answer("1(5)", "今年度に書いた方針")
    work, plan = carry(session)
    assert [(s.title, s.name) for s in plan.signers] == [("政策部長", "高橋 次郎")]
    assert plan.answer("1(5)") == "今年度に書いた方針"
    assert work.kept_signers and work.kept_answers == ["1(5)"] and work.needs_attention
    text = "\n".join(report(work))
    assert "署名者は今年度に入力したものをそのまま残しました" in text
    assert "部の方針 1(5) は今年度に書いた文をそのまま残しました" in text


def test_an_unnamed_signer_of_a_new_plan_is_replaced_by_last_years(years):
    from hoshin_desktop.domain.models import Signer

    session, _ = years
    session.editor(2024, "政策部").set_signers([Signer("政策部長", "山田 太郎")])
    work, plan = carry(session)
    assert [(s.title, s.name) for s in plan.signers] == [("政策部長", "山田 太郎")] and not work.kept_signers
