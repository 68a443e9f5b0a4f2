"""Search across directives and goals of every year: Japanese substrings, width folding, speed."""

import time

import pytest

from hoshin_desktop.domain.models import Answer, Goal, Plan
from hoshin_desktop.services.search import SearchIndex, _original_span, goal_numbers, split_query


@pytest.fixture
def index(session):
    return SearchIndex(session)


def test_two_character_query_finds_a_directive(index):
    hits, total = index.search("防災")
    directive_hits = [h for h in hits if h.kind == "directive"]
    assert [h.code for h in directive_hits] == ["1(2)"]
    hit = directive_hits[0]
    assert hit.location == "令和6年度 基本方針 1(2)"
    start, end = hit.match
    assert hit.snippet[start:end] == "防災"
    assert "防災意識" in hit.snippet
    assert total == len(hits)


def test_width_variants_match(index, session):
    editor = session.editor(2024, "政策部")
    goal = editor.add_goal().select
    editor.set_goal_field(goal, "title", "ＤＸ推進によるＢＰＲの徹底")
    index.update_plan(editor.plan)
    for query in ("dx", "ＤＸ", "bpr", "ｂｐｒ"):
        hits, _ = index.search(query)
        assert any(h.kind == "goal" and h.goal_id == goal for h in hits), query
    # The directive 2(2) writes BPR in half-width: a full-width query finds it too.
    hits, _ = index.search("ＢＰＲ")
    assert any(h.kind == "directive" and h.code == "2(2)" for h in hits)


def test_half_width_katakana_is_folded():
    plan = Plan(2024, "政策部", goals=[Goal(title="ﾃﾞｼﾞﾀﾙ化の推進", id=1)])
    index = SearchIndex()
    index.update_plan(plan)
    hits, _ = index.search("デジタル")
    assert len(hits) == 1
    start, end = hits[0].match
    assert hits[0].snippet[start:end] == "ﾃﾞｼﾞﾀﾙ"


def test_all_words_must_occur(index, session):
    editor = session.editor(2024, "政策部")
    goal = editor.add_goal().select
    editor.set_goal_field(goal, "title", "防災訓練の実施")
    editor.set_goal_field(goal, "actions", "新庁舎で年2回")
    index.update_plan(editor.plan)
    hits, _ = index.search("防災　新庁舎")  # full-width space between the words
    kinds = {(h.kind, h.code or h.goal_id) for h in hits}
    assert ("goal", goal) in kinds
    assert ("directive", "1(2)") in kinds  # 1(2) mentions both
    assert all("防災" in h.snippet or "防災" in h.location or h.kind == "goal" for h in hits)


def test_answers_and_sections_are_found(index, session):
    editor = session.editor(2024, "総務部")
    editor.set_answer("1(2)", "*避難所運営マニュアルを改定する。")
    index.update_plan(editor.plan)
    hits, _ = index.search("避難所")
    assert [(h.kind, h.department, h.code) for h in hits] == [("answer", "総務部", "1(2)")]
    assert hits[0].field == "部の方針"
    hits, _ = index.search("事務引継")
    assert any(h.kind == "section" and h.section_number == 5 for h in hits)


def test_index_reads_stored_plans_of_every_year(session):
    editor = session.editor(2024, "政策部")
    goal = editor.add_goal().select
    editor.set_goal_field(goal, "indicator", "満足度調査で防災意識を測る")
    hits, _ = SearchIndex(session).search("防災意識")
    assert {h.kind for h in hits} == {"directive", "goal"}


def test_update_plan_replaces_old_entries(index, session):
    editor = session.editor(2024, "政策部")
    goal = editor.add_goal().select
    editor.set_goal_field(goal, "title", "古い文言")
    index.update_plan(editor.plan)
    assert index.search("古い")[1] == 1
    editor.set_goal_field(goal, "title", "新しい文言")
    index.update_plan(editor.plan)
    assert index.search("古い")[1] == 0
    assert index.search("新しい")[1] == 1


def test_empty_query_finds_nothing(index):
    assert index.search("") == ([], 0)
    assert index.search(" \u3000 ") == ([], 0)
    assert split_query("防災　訓練 ") == ["防災", "訓練"]


def test_original_span_maps_through_nfkc():
    text = "㈱国分寺の取組"  # ㈱ becomes (株): 3 characters after folding
    assert _original_span(text, 3, 3) == (1, 4)


def test_goal_numbers_follow_the_printed_order():
    plan = Plan(2024, "政策部", goals=[Goal(id=10), Goal(id=11, parent=10), Goal(id=12), Goal(id=13, parent=10)])
    assert goal_numbers(plan) == {10: "1", 11: "1-1", 12: "2", 13: "1-2"}


def test_search_is_fast_on_ten_years_of_plans(session):
    """10 years × 14 departments × 30 goals: each search well under 20 ms."""
    index = SearchIndex(session)
    index.ensure_built()
    filler = "市民サービスの向上に向けて業務の流れを見直し、関係部署と連携して着実に推進する。" * 2
    goal_id = 1
    for year in range(2024, 2034):
        for d in range(14):
            goals = []
            for g in range(30):
                goals.append(Goal(title=f"目標{g} {filler[:30]}", background=filler, actions=filler,
                                  indicator="満足度", baseline="60%", target="80%", schedule="通年",
                                  owner_sections=["政策経営課"], directives=["1(2)"], id=goal_id))
                goal_id += 1
            index.update_plan(Plan(year, f"部{d}", answers=[Answer("1(1)", filler)], goals=goals))
    goals = [g for g in index._plans.values()]
    assert sum(len(e) for e in goals) == 10 * 14 * 31
    for query in ("防災意識", "業務", "存在しない語", "ＤＸ 推進"):
        best = min(_timed(index, query) for _ in range(3))
        assert best < 0.020, f"{query}: {best * 1000:.1f} ms"


def _timed(index, query):
    start = time.perf_counter()
    index.search(query)
    return time.perf_counter() - start


def test_search_is_fast_on_a_realistic_city_of_ten_years(session):
    """The city generator's 10 years × 14 departments × 30 goals, read from the database."""
    from tests.benchmarks.city import build_city

    assert build_city(session, years=10, goals=30) == 10 * 14 * 30
    index = SearchIndex(session)
    start = time.perf_counter()
    index.ensure_built()
    build = time.perf_counter() - start
    assert build < 5.0, f"building the index took {build:.2f} s"
    for query in ("防災", "防災意識", "ＢＰＲ", "オンライン 申請", "見つからない語"):
        best = min(_timed(index, query) for _ in range(3))
        assert best < 0.020, f"{query}: {best * 1000:.1f} ms"
    hits, total = index.search("防災意識")
    assert total > 100 and {h.fiscal_year for h in hits} >= {2024, 2033}
