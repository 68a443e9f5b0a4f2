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


def test_undoing_an_added_goal_returns_to_the_goal_it_was_added_after_and_redoing_shows_it_again(workspace):
    first = titled(workspace, workspace.add_goal(None), "一")
    titled(workspace, workspace.add_goal(first), "二")
    added = workspace.add_goal(first).select  # between 一 and 二 in the drafter's order
    workspace.editor.seal()
    undone = workspace.undo()
    assert workspace.plan.goal(added) is None and undone.select == first  # where the user was, as in Word
    redone = workspace.redo()
    assert workspace.plan.goal(added) is not None and redone.select == added


def test_undoing_an_added_goal_that_prints_elsewhere_still_returns_to_where_it_was_added(workspace):
    first = titled(workspace, workspace.add_goal(None), "一")
    first_section = titled(workspace, workspace.add_section_goal(first), "一の課")
    others = [titled(workspace, workspace.add_goal(None), name) for name in ("二", "三")]
    for goal in (first, *others):
        workspace.editor.pin(goal, "1(4)")
    workspace.editor.seal()
    added = workspace.add_goal(first).select  # unpinned: printed last, after 三
    workspace.editor.seal()
    assert workspace.undo().select == first
    workspace.duplicate_goal(others[0])
    workspace.editor.seal()
    assert workspace.undo().select == others[0]
    workspace.add_section_goal(first_section)
    workspace.editor.seal()
    assert workspace.undo().select in (first, first_section)  # in the block the user was working in
    assert workspace.plan.goal(added) is None


def test_undoing_an_edit_of_a_goal_shows_that_goal(workspace):
    first = titled(workspace, workspace.add_goal(None), "一")
    second = titled(workspace, workspace.add_goal(first), "二")
    workspace.editor.seal()
    workspace.editor.set_goal_field(first, "background", "現状")
    workspace.editor.seal()
    workspace.editor.set_owner_sections(second, ["政策経営課"])
    assert workspace.undo().select == second
    assert workspace.undo().select == first
    assert workspace.redo().select == first


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
    question = workspace.set_sections(["新しい課"])
    assert isinstance(question, Question) and question.title == "目標の担当課が変わります"
    assert "・No.1「（目標なし）」: 担当課から「政策経営課」を外します" in question.text
    assert [s.name for s in workspace.editor.department.sections] == before  # nothing until the answer
    change = question.confirm()
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
    workspace.set_sections(renamed, {"政策経営課": "経営企画課"}, confirmed=True)
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


# --- importing a plan file: the question is data, the Workspace opens what it imported ----------------

def plan_file_of(tmp_path, name: str, data: dict):
    import json

    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def before_import_backups(session) -> int:
    from hoshin_desktop.storage.backups import list_backups

    return sum(b.reason == "before-import" for b in list_backups(session.data_dir))


@pytest.fixture
def sent(tmp_path):
    """政策部's plan as a plan file, written on another PC (its 課 are known here)."""
    from hoshin_desktop.services.plan_files import plan_to_dict
    from tests.export.conftest import sample_plan

    return plan_file_of(tmp_path, "seisaku.json", plan_to_dict(sample_plan()))


def test_a_new_plan_is_imported_without_a_question_and_opened(session, sent):
    workspace = Workspace(session)
    workspace.open_plan(2024, "総務部")
    change = workspace.import_plan_file(workspace.read_plan_file(sent), sent.name)
    assert isinstance(change, Change)
    assert change.plan and change.structure and change.pins and change.cover and not change.policy
    assert change.label == "計画ファイルの取り込み"  # one undo step (and 「取り込む前に戻す」 puts the backup back)
    assert change.message == "令和6年度 政策部の計画を取り込みました。取り消すには「元に戻す」（Ctrl+Z）。"
    assert workspace.key == (2024, "政策部")
    assert change.select == workspace.view().ordered[0].id
    assert [g.title for g in workspace.plan.goals] == [g.title for g in session.load_plan(2024, "政策部").goals]
    assert workspace.imported.replaced is False and before_import_backups(session) == 1


def test_replacing_a_plan_asks_with_both_counts_and_declining_changes_nothing(workspace, session, sent, monkeypatch):
    from hoshin_desktop.storage import repository

    kept = titled(workspace, workspace.add_goal(None), "ここで書いた目標")
    editor = workspace.editor
    plan_file = workspace.read_plan_file(sent)

    def whole_plan(*_args):
        raise AssertionError("the question counts the goals; it does not read the plan whole")

    monkeypatch.setattr(repository, "load_plan", whole_plan)
    question = workspace.import_plan_file(plan_file, sent.name)
    monkeypatch.undo()
    assert isinstance(question, Question) and question.title == "計画ファイルを取り込みますか"
    assert question.text == ("令和6年度 政策部の計画（目標1件）を、「seisaku.json」の内容（目標5件）で置き換えます。\n\n"
                             "取り込む前に、今のデータをバックアップします。\n\n取り込みますか？")
    # declined: the question is simply not confirmed
    assert [g.title for g in session.load_plan(2024, "政策部").goals] == ["ここで書いた目標"]
    assert before_import_backups(session) == 0
    assert workspace.editor is editor and workspace.plan.goal(kept) is not None


def test_accepting_replaces_the_plan_as_one_undo_step(workspace, session, sent):
    titled(workspace, workspace.add_goal(None), "ここで書いた目標")
    workspace.open_plan(2024, "総務部")
    other = workspace.editor
    titled(workspace, workspace.add_goal(None), "総務部の目標")
    workspace.open_plan(2024, "政策部")
    change = workspace.import_plan_file(workspace.read_plan_file(sent), sent.name).confirm()
    assert change.plan and change.structure and not change.organisation
    stored = session.load_plan(2024, "政策部")
    assert [g.title for g in workspace.plan.goals] == [g.title for g in stored.goals] and len(stored.goals) == 5
    assert "ここで書いた目標" not in [g.title for g in stored.goals]
    assert workspace.editor.undo_label == "計画ファイルの取り込み"
    assert workspace.imported.replaced and before_import_backups(session) == 1
    workspace.undo()  # the plan as it was here comes back, and the steps before the import go on
    assert [g.title for g in workspace.plan.goals] == ["ここで書いた目標"] == [
        g.title for g in session.load_plan(2024, "政策部").goals]
    assert workspace.editor.undo_label == "目標の編集"
    workspace.open_plan(2024, "総務部")
    assert workspace.editor is other and other.undo_label == "目標の編集"  # another plan keeps its history


def test_sections_the_department_lacks_are_listed_and_added_only_on_yes(session, tmp_path):
    from hoshin_desktop.services.plan_files import export_plan_file
    from tests.city_files import sender

    elsewhere = sender(tmp_path / "somu", ["総務部"], goals=4)
    path = export_plan_file(elsewhere, 2024, "総務部", tmp_path / "somu.json")
    elsewhere.close()
    workspace = Workspace(session)
    workspace.open_plan(2024, "政策部")
    question = workspace.import_plan_file(workspace.read_plan_file(path), path.name)
    assert question.text.startswith("総務部に、この作業データにない課が6つあります。取り込むと課の一覧に追加します:\n"
                                     "\u3000・総務課\n\u3000・職員課\n")
    assert "置き換え" not in question.text  # no plan of 総務部 here yet
    assert [s.name for s in session.department(2024, "総務部").sections] == ["防災安全課"]
    change = question.confirm()
    assert change.organisation and workspace.key == (2024, "総務部")
    assert [s.name for s in session.department(2024, "総務部").sections][:3] == ["防災安全課", "総務課", "職員課"]
    assert workspace.imported.added_sections[:2] == ["総務課", "職員課"]


def test_a_fixed_plan_is_unlocked_only_when_the_answer_is_yes(workspace, session, sent):

    titled(workspace, workspace.add_goal(None), "確定した目標")
    workspace.editor.fix()
    question = workspace.import_plan_file(workspace.read_plan_file(sent), sent.name)
    assert "この計画は第1版で確定しています。取り込むと確定を解除します（解除したことは記録されます）。" in question.text
    assert session.load_plan(2024, "政策部").lock is not None  # asked, not answered: still fixed
    question.confirm()
    assert session.load_plan(2024, "政策部").lock is None and workspace.plan.lock is None
    assert [u.reason for u in workspace.editor.session.unlocks(workspace.editor.plan)] == ["計画ファイルの取り込み"]


def test_a_broken_file_names_its_problems_and_writes_nothing(workspace, session, tmp_path):
    from hoshin_desktop.services.plan_files import PlanFileError, plan_to_dict
    from tests.export.conftest import sample_plan

    data = plan_to_dict(sample_plan())
    data["goals"][0]["directives"] = ["9(9)"]
    data["goals"][2]["parent"] = 99
    bad = plan_file_of(tmp_path, "bad.json", data)
    with pytest.raises(PlanFileError) as error:
        workspace.read_plan_file(bad)
    assert len(error.value.problems) == 2 and "基本方針に項目 9(9) はありません" in error.value.details()
    assert session.load_plan(2024, "政策部") is None and before_import_backups(session) == 0
    assert workspace.imported is None and workspace.key == (2024, "政策部")


def test_a_section_removed_while_another_takes_its_name_leaves_the_goals(workspace):
    """Remove 課 A and rename B to A: goals of the old A lose it, goals of B keep it under the name A."""
    a, b = "政策経営課", "政策法務課"
    first, second = workspace.add_goal(None).select, workspace.add_goal(None).select
    workspace.editor.set_owner_sections(first, [a])
    workspace.editor.set_owner_sections(second, [b])
    question = workspace.set_sections([a], {b: a})
    assert f"担当課から「{a}」を外します" in question.text and f"担当課「{b}」を「{a}」に変えます" in question.text
    question.confirm()
    assert workspace.plan.goal(first).owner_sections == [] and workspace.plan.goal(second).owner_sections == [a]
    workspace.undo()
    assert [s.name for s in workspace.editor.department.sections][:2] == [a, b]


def test_a_fixed_plan_keeps_the_sections_its_goals_print(workspace):
    from hoshin_desktop.domain.cycle import PlanLocked

    goal = workspace.add_goal(None).select
    workspace.editor.set_owner_sections(goal, ["政策経営課"])
    workspace.editor.fix()
    edited_on = workspace.plan.edited_on
    names = [s.name for s in workspace.editor.department.sections]
    assert set(workspace.held_sections()) == {"政策経営課"} and "第1版" in workspace.held_sections()["政策経営課"]
    for attempt in (lambda: workspace.set_sections([n for n in names if n != "政策経営課"]),
                    lambda: workspace.set_sections(["経営企画課" if n == "政策経営課" else n for n in names],
                                                   {"政策経営課": "経営企画課"}, confirmed=True)):
        with pytest.raises(PlanLocked, match="課「政策経営課」は目標の担当課として印刷されるため"):
            attempt()
        assert [s.name for s in workspace.editor.department.sections] == names
    with pytest.raises(PlanLocked):  # the path without undo refuses it too
        workspace.session.set_sections(2024, "政策部", names[1:])
    change = workspace.set_sections(list(reversed(names)) + ["新しい課"])  # adding and reordering print nothing
    assert change.organisation and "内容は変わりません" in change.message
    assert [s.name for s in workspace.editor.department.sections] == list(reversed(names)) + ["新しい課"]
    assert workspace.plan.edited_on == edited_on and workspace.plan.goal(goal).owner_sections == ["政策経営課"]
    assert workspace.editor.undo_label == "課の一覧の変更"  # not the plan's text: undone on the fixed plan too
    workspace.undo()
    assert [s.name for s in workspace.editor.department.sections] == names and workspace.plan.edited_on == edited_on


def test_the_department_list_asks_before_a_removal_or_a_rename_and_refuses_a_department_with_a_plan(workspace):
    from hoshin_desktop.storage.repository import DepartmentHasPlan

    workspace.add_goal(None)  # 政策部 has a plan now
    names = [d.name for d in workspace.session.departments(2024)]
    assert set(workspace.held_departments()) == {"政策部"}
    with pytest.raises(DepartmentHasPlan):
        workspace.set_departments(["企画部" if n == "政策部" else n for n in names], {"政策部": "企画部"})
    sections = [s.name for s in workspace.session.department(2024, "総務部").sections]
    question = workspace.set_departments(["総務管理部" if n == "総務部" else n for n in names], {"総務部": "総務管理部"})
    assert isinstance(question, Question) and "「総務部」を「総務管理部」に変えます" in question.text
    assert [d.name for d in workspace.session.departments(2024)] == names  # nothing until the answer
    change = question.confirm()
    assert change.organisation and workspace.key == (2024, "政策部")
    assert [s.name for s in workspace.session.department(2024, "総務管理部").sections] == sections
    added = workspace.set_departments(["デジタル推進部"] + [d.name for d in workspace.session.departments(2024)])
    assert isinstance(added, Change)  # adding needs no question


def test_putting_a_goal_under_another_says_the_number_it_now_has(workspace):
    first = titled(workspace, workspace.add_goal(None), "一")
    second = titled(workspace, workspace.add_goal(first), "二")
    third = titled(workspace, workspace.add_goal(second), "三")
    change = workspace.set_goal_parent(third, first)
    assert change.message == "目標3を目標1の下の課の目標にしました。番号は 1-1 になります。"
    change = workspace.set_goal_parent(third, None)
    assert change.message == "目標1-1を部の目標にしました。番号は 2 になります。"  # right after its old block
    assert workspace.number(third) == "2"
