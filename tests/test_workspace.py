"""The Workspace: commands stated as intentions, each returning the Change it made."""

from __future__ import annotations

import pytest

from hoshin_desktop.services.change import Change
from hoshin_desktop.services.workspace import Question, Workspace



@pytest.fixture
def workspace(session):
    workspace = Workspace(session)
    workspace.open_plan(2024, "政策部")
    return workspace


def titled(workspace, change, title):
    workspace.editor.set_goal_field(change.select, "title", title)
    return change.select


def titles(workspace):
    return [(workspace.number(g.id), g.title) for g in workspace.view().ordered]


def test_adding_goes_after_the_selected_goal_and_its_section_goals(workspace):
    first = titled(workspace, workspace.add_goal(None), "一")
    titled(workspace, workspace.add_section_goal(first), "一の課")
    change = workspace.add_goal(first)
    assert change.structure and change.label == "目標の追加" and change.message == "目標を追加しました。"
    titled(workspace, change, "二")
    assert titles(workspace) == [("1", "一"), ("1-1", "一の課"), ("2", "二")]
    assert [g.title for g in workspace.plan.goals] == ["一", "一の課", "二"]  # stored order too


def test_a_section_goal_needs_a_department_goal(workspace):
    with pytest.raises(LookupError, match="先に部の目標を選んで"):
        workspace.add_section_goal(None)
    first = workspace.add_goal(None).select
    child = workspace.add_section_goal(first).select
    grandchild = workspace.add_section_goal(child).select  # from a 課 goal: under the same department goal
    assert workspace.plan.goal(grandchild).parent == first


def test_delete_asks_first_for_a_goal_with_section_goals_and_selects_the_neighbour(workspace):
    first = titled(workspace, workspace.add_goal(None), "一")
    workspace.add_section_goal(first)
    second = titled(workspace, workspace.add_goal(first), "二")
    assert workspace.delete_question(second) is None
    assert "課の目標が1件" in workspace.delete_question(first) and "目標1「一」" in workspace.delete_question(first)
    change = workspace.delete_goal(first)
    assert change.select == second and change.message.startswith("目標1を削除しました。")
    last = workspace.delete_goal(second)
    assert last.select is None and workspace.plan.goals == []


def test_move_swaps_with_the_neighbour_of_the_same_directive(workspace):
    a = titled(workspace, workspace.add_goal(None), "A")
    b = titled(workspace, workspace.add_goal(a), "B")
    c = titled(workspace, workspace.add_goal(b), "C")
    for goal in (a, b):
        workspace.pin(goal, "1(2)")
    workspace.pin(c, "3(1)")
    assert not workspace.can_move(a, -1) and workspace.can_move(a, 1) and not workspace.can_move(b, 1)
    change = workspace.move_goal(b, -1)
    assert change.structure and change.select == b and change.message == "目標を上へ移動しました。"
    assert titles(workspace) == [("1", "B"), ("2", "A"), ("3", "C")]
    assert workspace.move_goal(c, -1) is None  # 3(1) is placed by its code


def test_pin_messages_name_the_number_the_goal_then_has(workspace):
    a = titled(workspace, workspace.add_goal(None), "A")
    b = titled(workspace, workspace.add_goal(a), "B")
    workspace.pin(a, "3(1)")
    change = workspace.pin(b, "1(1)")
    assert change.pins and change.select == b and change.message == "目標1を基本方針 1(1) に関連付けました。"
    again = workspace.pin(b, "1(1)")
    assert again.label is None and "すでに" in again.message  # nothing to undo
    assert workspace.unpin(b, "1(1)").message == "目標2と基本方針 1(1) の関連付けを解除しました。"


def test_undo_and_redo_return_the_change_of_the_step(workspace):
    goal = workspace.add_goal(None).select
    workspace.editor.seal()
    workspace.editor.set_goal_field(goal, "title", "目標")
    change = workspace.undo()
    assert change.goals == frozenset([goal]) and not change.structure
    assert change.message == "元に戻しました: 目標の編集"
    assert workspace.redo().message == "やり直しました: 目標の編集"
    assert workspace.redo().message == "やり直す操作はありません。"


def test_a_step_that_changed_nothing_is_passed_over(workspace):
    goal = workspace.add_goal(None).select
    workspace.editor.seal()
    workspace.editor.set_goal_field(goal, "title", "入力")
    workspace.editor.set_goal_field(goal, "title", "")  # typed, then undone in the field itself
    change = workspace.undo()
    assert change.label == "目標の追加" and workspace.plan.goals == []


def test_changing_the_sections_is_one_undo_step(workspace):
    goal = workspace.add_goal(None).select
    workspace.editor.set_owner_sections(goal, ["政策経営課"])
    before = [s.name for s in workspace.editor.department.sections]
    change = workspace.set_sections(["新しい課"])
    assert change.organisation and goal in change.goals and workspace.editor.undo_label == "課の一覧の変更"
    assert workspace.plan.goal(goal).owner_sections == []
    workspace.undo()
    assert [s.name for s in workspace.editor.department.sections] == before
    assert workspace.plan.goal(goal).owner_sections == ["政策経営課"]
    workspace.redo()
    assert [s.name for s in workspace.editor.department.sections] == ["新しい課"]


def test_a_renamed_section_stays_with_its_goals(workspace):
    goal = workspace.add_goal(None).select
    workspace.editor.set_owner_sections(goal, ["政策経営課"])
    names = [s.name for s in workspace.editor.department.sections]
    renamed = ["経営企画課" if n == "政策経営課" else n for n in names]
    workspace.set_sections(renamed, {"政策経営課": "経営企画課"})
    assert workspace.plan.goal(goal).owner_sections == ["経営企画課"]
    workspace.undo()
    assert workspace.plan.goal(goal).owner_sections == ["政策経営課"]


def test_importing_a_policy_that_exists_asks_as_data(workspace, tmp_path, seed_text):
    source = tmp_path / "r6.txt"
    source.write_text(seed_text, encoding="utf-8")
    from hoshin_desktop.services.policy_import import read_policy_file

    question = workspace.import_policy_document(read_policy_file(source))
    assert isinstance(question, Question) and "置き換えますか" in question.text
    change = question.confirm()
    assert isinstance(change, Change) and change.policy and "基本方針を取り込みました" in change.message
    assert workspace.key == (2024, "政策部")
