"""services/undo.py on its own: named steps, merging while typing, sealing, the limit, redo."""

from hoshin_desktop.services.change import Change
from hoshin_desktop.services.undo import UndoHistory

TYPED = Change(goals=frozenset([1]))


def test_steps_undo_newest_first_and_redo_in_turn():
    history = UndoHistory()
    history.record("目標の追加", Change(structure=True), ["a"])
    history.record("担当課の変更", TYPED, ["b"])
    assert (history.undo_label, history.redo_label) == ("担当課の変更", None)
    assert history.next_undo.reverse == ["b"]
    step = history.undone(["b-again"])
    assert step.label == "担当課の変更" and step.reverse == ["b-again"]
    assert (history.undo_label, history.redo_label) == ("目標の追加", "担当課の変更")
    assert history.next_redo.reverse == ["b-again"]
    history.redone(["b"])
    assert (history.undo_label, history.redo_label) == ("担当課の変更", None)


def test_typing_in_one_field_merges_until_sealed():
    history = UndoHistory()
    key = ("goal", 1, "title")
    history.record("目標の編集", TYPED, ["1"], key)
    assert history.merges(key) and not history.merges(("goal", 1, "actions")) and not history.merges(None)
    history.record("目標の編集", TYPED, ["2"], key)
    assert history.next_undo.reverse == ["1", "2"]  # one step, undone newest write first by the row log
    history.seal()
    assert not history.merges(key)
    history.record("目標の編集", TYPED, ["3"], key)
    assert history.next_undo.reverse == ["3"]


def test_merged_steps_name_everything_they_changed():
    history = UndoHistory()
    history.record("部の方針の編集（1(2)）", Change(answers=frozenset(["1(2)"])), ["1"], ("answer", "1(2)"))
    history.record("部の方針の編集（1(2)）", Change(answers=frozenset(["1(2)"]), cover=True), ["2"], ("answer", "1(2)"))
    assert history.next_undo.change == Change(answers=frozenset(["1(2)"]), cover=True, label="部の方針の編集（1(2)）")


def test_a_step_without_a_merge_key_never_merges():
    history = UndoHistory()
    history.record("目標の追加", Change(structure=True), ["1"])
    history.record("目標の追加", Change(structure=True), ["2"])
    assert history.undone([]).reverse == [] and history.undo_label == "目標の追加"


def test_the_history_keeps_only_the_newest_steps():
    history = UndoHistory(limit=3)
    for n in range(5):
        history.record(f"手順{n}", Change(cover=True), [n])
    labels = []
    while history.next_undo is not None:
        labels.append(history.undone([]).label)
    assert labels == ["手順4", "手順3", "手順2"]


def test_a_new_edit_clears_redo():
    history = UndoHistory()
    history.record("目標の追加", Change(structure=True), ["1"])
    history.undone(["1r"])
    assert history.redo_label == "目標の追加"
    history.record("日付の変更", Change(cover=True), ["2"])
    assert history.redo_label is None and history.next_redo is None


def test_undoing_seals_a_merge_run():
    history = UndoHistory()
    key = ("preamble",)
    history.record("前文の編集", Change(cover=True), ["1"], key)
    history.record("日付の変更", Change(cover=True), ["2"])
    history.undone([])
    history.record("前文の編集", Change(cover=True), ["3"], key)  # not merged into the step before the undo
    assert history.next_undo.reverse == ["3"]
