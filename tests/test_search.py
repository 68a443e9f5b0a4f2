"""Search across directives and goals of every year: Japanese substrings, width folding.

Its speed is measured in tests/benchmarks/search.py."""

import threading

import pytest

from hoshin_desktop.domain.models import Goal, Plan
from hoshin_desktop.services.search import SearchIndex, _original_span, split_query


@pytest.fixture
def index(session):
    return SearchIndex(session)


def test_two_character_query_finds_a_directive(index):
    hits, more = index.search("防災")
    directive_hits = [h for h in hits if h.kind == "directive"]
    assert [h.code for h in directive_hits] == ["1(2)"]
    hit = directive_hits[0]
    assert hit.location == "令和6年度 基本方針 1(2)"
    start, end = hit.match
    assert hit.snippet[start:end] == "防災"
    assert "防災意識" in hit.snippet
    assert not more


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
    only_one_word = editor.add_goal().select
    editor.set_goal_field(only_one_word, "title", "防災倉庫の点検")
    index.update_plan(editor.plan)
    hits, _ = index.search("防災　新庁舎")  # full-width space between the words
    kinds = {(h.kind, h.code or h.goal_id) for h in hits}
    assert ("goal", goal) in kinds and ("goal", only_one_word) not in kinds
    assert ("directive", "1(2)") in kinds  # 1(2) mentions both
    texts = {("directive", d.code): d.text for d in session.policy(2024).directives}
    texts[("goal", goal)] = "防災訓練の実施\n新庁舎で年2回"
    assert all("防災" in texts[key] and "新庁舎" in texts[key] for key in kinds)  # every hit has both words


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
    assert len(index.search("古い")[0]) == 1
    editor.set_goal_field(goal, "title", "新しい文言")
    index.update_plan(editor.plan)
    assert index.search("古い")[0] == []
    assert len(index.search("新しい")[0]) == 1


def test_empty_query_finds_nothing(index):
    assert index.search("") == ([], False)
    assert index.search(" \u3000 ") == ([], False)
    assert split_query("防災　訓練 ") == ["防災", "訓練"]


def test_original_span_maps_through_nfkc():
    text = "㈱国分寺の取組"  # ㈱ becomes (株): 3 characters after folding
    assert _original_span(text, 3, 3) == (1, 4)


def test_each_field_is_a_hit_of_its_own_with_every_place_of_the_words(index, session):
    """「防災」 in a goal's title and twice in its スケジュール: two hits, the schedule's counting two places."""
    editor = session.editor(2024, "政策部")
    goal = editor.add_goal().select
    editor.set_goal_field(goal, "title", "防災訓練の実施")
    editor.set_goal_field(goal, "schedule", "6月 防災マップ改定、9月 総合防災訓練、ＢＰＲは通年")
    index.update_plan(editor.plan)
    hits = [h for h in index.search("防災")[0] if h.goal_id == goal]
    assert [(h.field, h.count) for h in hits] == [("目標", 1), ("スケジュール", 2)]
    schedule = hits[1]
    assert [schedule.snippet[a:b] for a, b in schedule.marks] == ["防災", "防災"] and schedule.words == ("防災",)
    both = [h for h in index.search("bpr 防災")[0] if h.goal_id == goal]  # two words: the title has one of them
    assert [(h.field, h.count, h.words) for h in both] == [("目標", 1, ("防災",)), ("スケジュール", 3, ("防災", "ＢＰＲ"))]
    fewer, more = index.search("防災", limit=1)  # the list's end: the search says there is more, and stops
    assert len(fewer) == 1 and more and not index.search("防災", limit=200)[1]
def _held_while_reading(monkeypatch):
    """Make a build ahead stop once it has read the database, until the test lets it go on."""
    read, go_on = threading.Event(), threading.Event()
    original = SearchIndex._read_everything

    def reading(index, session):
        result = original(index, session)
        read.set()
        go_on.wait(10)
        return result

    monkeypatch.setattr(SearchIndex, "_read_everything", reading)
    return read, go_on


def test_an_index_built_ahead_keeps_what_the_window_edited_meanwhile(session, monkeypatch):
    editor = session.editor(2024, "政策部")
    goal = editor.add_goal().select
    editor.set_goal_field(goal, "title", "データベースにある古い題名")
    index = SearchIndex(session)
    read, go_on = _held_while_reading(monkeypatch)
    builder = threading.Thread(target=index.build_ahead)
    builder.start()
    assert read.wait(10)
    editor.set_goal_field(goal, "title", "画面で書き直した新しい題名")
    index.update_plan(editor.plan)  # what the window does on every edit
    go_on.set()
    hits, _ = index.search("新しい題名")  # waits for the build, if it is still running
    builder.join()
    assert [h.goal_id for h in hits] == [goal]
    assert index.search("古い題名") == ([], 0)
    assert any(h.kind == "directive" for h in index.search("防災")[0])


def test_an_index_invalidated_while_built_ahead_reads_again(session, monkeypatch):
    index = SearchIndex(session)
    read, go_on = _held_while_reading(monkeypatch)
    builder = threading.Thread(target=index.build_ahead)
    builder.start()
    assert read.wait(10)
    editor = session.editor(2024, "政策部")
    goal = editor.add_goal().select
    editor.set_goal_field(goal, "title", "取り込んだ計画の目標")
    index.invalidate()  # e.g. plans imported: what was read before is out of date
    go_on.set()
    builder.join()
    hits, _ = index.search("取り込んだ計画")
    assert [h.goal_id for h in hits] == [goal]


def test_a_failed_build_ahead_leaves_the_index_to_the_first_search(session, monkeypatch):
    index = SearchIndex(session)

    def unreadable():
        raise OSError("the data folder went away")

    monkeypatch.setattr(session, "reader", unreadable)
    index.build_ahead()
    hits, _ = index.search("防災")
    assert any(h.kind == "directive" and h.code == "1(2)" for h in hits)
