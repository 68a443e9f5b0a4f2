"""Snapshots per 版 and the comparison between two of them."""

from __future__ import annotations

from hoshin_desktop.domain.redline import ADDED, CARRIED_GOAL, DROPPED, PINNED
from hoshin_desktop.domain.snapshot import from_snapshot, to_snapshot
from hoshin_desktop.domain.textdiff import DELETE, EQUAL, INSERT
from hoshin_desktop.services import snapshots


def _plan(session):
    editor = session.editor(2024, "政策部")
    kept = editor.add_goal().select
    editor.set_goal_field(kept, "title", "防災訓練の実施")
    editor.set_goal_field(kept, "target", "年2回")
    editor.pin(kept, "1(2)")
    gone = editor.add_goal().select
    editor.set_goal_field(gone, "title", "広報紙の刷新")
    editor.set_answer("1(2)", "＊訓練を行う。")
    return editor, kept, gone


def test_a_snapshot_round_trips_the_plan(session):
    editor, _, _ = _plan(session)
    again = from_snapshot(to_snapshot(editor.plan))
    assert [(g.id, g.title, g.target, g.directives) for g in again.goals] == [
        (g.id, g.title, g.target, g.directives) for g in editor.plan.goals]
    assert again.answers == editor.plan.answers and again.revision == 1


def test_raising_the_revision_keeps_the_version_it_ends(session):
    editor, kept, gone = _plan(session)
    editor.set_revision(2)
    editor.set_goal_field(kept, "target", "年3回")
    editor.pin(kept, "3(6)")
    editor.delete_goal(gone)
    editor.set_answer("1(2)", "＊訓練を2回行う。")
    added = editor.add_goal().select
    editor.set_goal_field(added, "title", "面談の指示による新しい目標")
    editor.set_revision(1)  # lowering keeps nothing
    editor.set_revision(2)
    [first, again] = session.snapshots(editor.plan)
    assert (first.revision, first.label, again.label) == (1, "第1版", "第1版")
    comparison = snapshots.compare(session, editor.plan, first.id, snapshots.CURRENT)
    goals = {(g.old or g.new).title: g for g in comparison.goals}
    assert goals["防災訓練の実施"].status == CARRIED_GOAL
    target = next(f for f in goals["防災訓練の実施"].fields if f.name == "target")
    assert [(r.op, r.text) for r in target.runs if r.op != EQUAL] == [(DELETE, "2"), (INSERT, "3")]
    assert [(p.new, p.kind) for p in goals["防災訓練の実施"].pins if p.kind == PINNED] == [("3(6)", PINNED)]
    assert goals["広報紙の刷新"].status == DROPPED and goals["面談の指示による新しい目標"].status == ADDED
    assert [(r.op, r.text) for r in comparison.answers[0].runs if r.op != EQUAL] == [(INSERT, "2回")]


def test_fixing_the_plan_keeps_a_snapshot(session):
    editor, _, _ = _plan(session)
    editor.fix()
    assert [s.label for s in session.snapshots(editor.plan)] == ["第1版 確定"]
