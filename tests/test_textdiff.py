"""The Japanese-aware diff behind the review dialog and the redline."""

from hypothesis import given, settings
from hypothesis import strategies as st

from hoshin_desktop.domain.textdiff import DELETE, EQUAL, INSERT, Run, changed, diff_runs, new_text, old_text


def marks(old, new):
    return [(run.op, run.text) for run in diff_runs(old, new)]


def test_a_changed_kanji_word_is_struck_and_inserted_whole():
    assert marks("施策を推進すること。", "施策を促進すること。") == [
        (EQUAL, "施策を"), (DELETE, "推進"), (INSERT, "促進"), (EQUAL, "すること。")]


def test_numbers_change_as_a_whole_number():
    assert marks("2050年までに", "2040年までに") == [(DELETE, "2050"), (INSERT, "2040"), (EQUAL, "年までに")]


def test_an_inserted_phrase_leaves_the_rest_alone():
    assert marks("デジタル技術を活用すること。", "デジタル技術を積極的に活用すること。") == [
        (EQUAL, "デジタル技術を"), (INSERT, "積極的に"), (EQUAL, "活用すること。")]


def test_an_insertion_next_to_a_kanji_word_does_not_swallow_it():
    assert marks("＊訓練を行う。", "＊訓練を2回行う。") == [(EQUAL, "＊訓練を"), (INSERT, "2回"), (EQUAL, "行う。")]


def test_shared_particles_inside_a_rewritten_clause_are_not_kept_as_confetti():
    runs = diff_runs("令和6年能登半島地震により市民の防災意識が高まっていることを受け、",
                     "近年、全国各地で大規模な自然災害が頻発していることを踏まえ、")
    assert [run.text for run in runs if run.op == EQUAL] == ["ていることを", "、"]


def test_same_text_has_no_change():
    assert diff_runs("同じ文。", "同じ文。") == [Run(EQUAL, "同じ文。")]
    assert not changed(diff_runs("同じ文。", "同じ文。"))
    assert diff_runs("", "") == []


def test_all_new_and_all_gone():
    assert marks("", "新しい項目。") == [(INSERT, "新しい項目。")]
    assert marks("古い項目。", "") == [(DELETE, "古い項目。")]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="施策推進促市民のをにはアイウ12ab、。", max_size=40),
       st.text(alphabet="施策推進促市民のをにはアイウ12ab、。", max_size=40))
def test_the_runs_spell_both_texts(old, new):
    runs = diff_runs(old, new)
    assert old_text(runs) == old and new_text(runs) == new
    assert all(run.text for run in runs)
    assert all(a.op != b.op for a, b in zip(runs, runs[1:]))
    # one change between two kept runs: never struck, inserted, struck, inserted
    ops = "".join(run.op[0] for run in runs)
    assert "did" not in ops and "idi" not in ops and "ii" not in ops
