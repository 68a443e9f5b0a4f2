"""A carried-over plan sent as a plan file keeps its 方向性: the redline and the 方向性 column are the same after."""

from __future__ import annotations

import json

import pytest

from hoshin_desktop.domain.goal_lineage import ABOLISHED, COMPLETED, CONTINUED, EXPANDED, MERGED
from hoshin_desktop.domain.models import Goal, Plan
from hoshin_desktop.services.plan_files import PlanFile, PlanFileError, export_plan_file, import_plan, import_plan_file
from hoshin_desktop.services.policy_import import import_policy
from hoshin_desktop.services.redline import year_comparison
from hoshin_desktop.services.session import Session

from .policy_variants import render, title

SAME = [(title(1), ["1(1)", "1(2)", "1(3)", "1(4)", "1(5)"]), (title(2), ["2(1)", "2(2)", "2(3)"]),
        (title(3), [f"3({n})" for n in range(1, 10)]), (title(4), ["4(1)", "4(2)", "4(3)", "4(4)"])]
LAST_YEAR = ["デジタル手続の拡大", "60周年記念事業", "個人情報の研修", "課の研修計画", "防災訓練"]


def carried_folder(folder, policy_file) -> Session:
    """令和6年度 政策部 with five goals, carried into 令和7年度: 拡充, 完了, 継続, 統合 into 個人情報の研修, 廃止."""
    session = Session.open(folder)
    import_plan(session, PlanFile(Plan(2024, "政策部", goals=[Goal(name, actions=f"{name}を進める", directives=["1(2)"], id=n)
                                                              for n, name in enumerate(LAST_YEAR, start=1)])))
    import_policy(session, policy_file)
    ids = [goal.id for goal in session.load_plan(2024, "政策部").goals]
    session.editor(2025, "政策部").carry_over(
        session.load_plan(2024, "政策部"), directions={ids[0]: EXPANDED, ids[1]: COMPLETED, ids[4]: ABOLISHED},
        merges={ids[3]: ids[2]})
    return session


@pytest.fixture
def policy_file(tmp_path):
    path = tmp_path / "r7.txt"
    path.write_text(render("令和7", SAME), encoding="utf-8")
    return path


def what_became(session) -> list[tuple[str, str, str | None]]:
    """(last year's title, 方向性, this year's goal it went to) as the redline reads them."""
    comparison = year_comparison(session, 2025, "政策部")
    return sorted((c.old.title if c.old else "", c.direction,
                   (c.new or c.merged_into).title if (c.new or c.merged_into) else None)
                  for c in comparison.goals)


EXPECTED = [("60周年記念事業", COMPLETED, None), ("デジタル手続の拡大", EXPANDED, "デジタル手続の拡大"),
            ("個人情報の研修", CONTINUED, "個人情報の研修"), ("課の研修計画", MERGED, "個人情報の研修"),
            ("防災訓練", ABOLISHED, None)]


def test_the_round_trip_through_a_file_keeps_every_direction(tmp_path, policy_file):
    session = carried_folder(tmp_path / "data", policy_file)
    assert what_became(session) == EXPECTED
    path = export_plan_file(session, 2025, "政策部", tmp_path / "plan.json")
    import_plan_file(session, path)
    assert what_became(session) == EXPECTED
    plan = session.load_plan(2025, "政策部")
    assert sorted(plan.lineage.direction(goal.id) for goal in plan.goals) == sorted([CONTINUED, EXPANDED])
    session.close()


def test_last_years_goals_are_found_again_in_another_folder_by_title(tmp_path, policy_file):
    sender = carried_folder(tmp_path / "sender", policy_file)
    last_year = export_plan_file(sender, 2024, "政策部", tmp_path / "r6.json")
    this_year = export_plan_file(sender, 2025, "政策部", tmp_path / "r7.json")
    sender.close()
    receiver = Session.open(tmp_path / "receiver")
    import_plan(receiver, PlanFile(Plan(2024, "総務部", goals=[Goal("先に入った目標", id=1), Goal("もう一つ", id=2)])))
    import_plan_file(receiver, last_year)  # other goal ids than the sender's
    import_policy(receiver, policy_file)
    import_plan_file(receiver, this_year)
    assert what_became(receiver) == EXPECTED
    receiver.close()


def test_a_wrong_direction_is_named(tmp_path, policy_file):
    session = carried_folder(tmp_path / "data", policy_file)
    path = export_plan_file(session, 2025, "政策部", tmp_path / "plan.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["lineage"]["fates"][0]["direction"] = "不明"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(PlanFileError) as caught:
        import_plan_file(session, path)
    assert any("前年度からの引き継ぎ" in p and "方向性は 継続・拡充・縮小・統合・廃止・完了 のどれかです" in p
               for p in caught.value.problems), caught.value.problems
    session.close()


def received(tmp_path, policy_file, edit, *, keys: bool = False) -> tuple[Session, list[str]]:
    """令和7年度's file imported in another folder whose 令和6年度 plan came from the sender's file, changed by
    ``edit``; without ``keys`` that file lost its goals' keys (as a version 3 file has none), so last year's
    goals are found by title and place."""
    sender = carried_folder(tmp_path / "sender", policy_file)
    last_year = export_plan_file(sender, 2024, "政策部", tmp_path / "r6.json")
    this_year = export_plan_file(sender, 2025, "政策部", tmp_path / "r7.json")
    sender.close()
    data = json.loads(last_year.read_text(encoding="utf-8"))
    if not keys:
        for goal in data["goals"]:
            goal["key"] = None
    edit(data["goals"])
    last_year.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    receiver = Session.open(tmp_path / "receiver")
    import_plan(receiver, PlanFile(Plan(2024, "総務部", goals=[Goal("先に入った目標", id=1)])))  # other ids than the sender's
    import_plan_file(receiver, last_year)
    import_policy(receiver, policy_file)
    return receiver, import_plan_file(receiver, this_year).warnings


def retitle(changes: dict[int, str]):
    def edit(goals):
        for index, written in changes.items():
            goals[index]["title"] = written
    return edit


@pytest.mark.parametrize("changes", [
    {0: "デジタル 手続の拡大", 1: "６０周年記念事業"},  # a blank typed, full-width digits
    {0: "デジタル手続の拡大（全庁）"},  # a carried goal's title edited: its place, and its copy's 取組内容
    {0: "デジタル手続の拡大（全庁）", 2: "個人情報保護の研修"},
])
def test_last_years_goals_whose_titles_were_retyped_are_still_found(tmp_path, policy_file, changes):
    receiver, warnings = received(tmp_path, policy_file, retitle(changes))
    expected = [(changes.get(LAST_YEAR.index(old), old), direction, new) for old, direction, new in EXPECTED]
    assert what_became(receiver) == sorted(expected) and warnings == []
    receiver.close()


def test_with_keys_retitled_and_reordered_goals_are_found_by_their_key(tmp_path, policy_file):
    def edit(goals):  # every title retyped and the order reversed: only the keys still tell
        for goal in goals:
            goal["title"] += "（見直し）"
            goal["parent"] = None
        goals.reverse()
    receiver, warnings = received(tmp_path, policy_file, edit, keys=True)
    assert warnings == []
    assert what_became(receiver) == sorted((f"{old}（見直し）", direction, new) for old, direction, new in EXPECTED)
    receiver.close()


@pytest.mark.parametrize("index, edit", [
    (4, {"title": "総合防災訓練"}),  # 廃止: no copy this year to prove that the goal in its place is it
    (2, {"title": "窓口の案内の改善", "actions": "案内表示を見直す"}),  # deleted, and another goal put in its place
])
def test_a_goal_in_the_same_place_is_not_taken_without_proof(tmp_path, policy_file, index, edit):
    receiver, warnings = received(tmp_path, policy_file, lambda goals: goals[index].update(edit))
    [note] = warnings
    assert f"前年度の目標「{LAST_YEAR[index]}」" in note and note.endswith("結び付けませんでした")
    became = {old: direction for old, direction, _new in what_became(receiver)}
    assert became[edit["title"]] == ""  # no 方向性 rather than one that may be another goal's
    receiver.close()


def test_a_goal_that_cannot_be_told_for_sure_is_left_unlinked_and_said(tmp_path, policy_file):
    def edit(goals):  # order changed and a title edited: the place proves nothing
        goals[3]["title"] = "課の研修計画の見直し"
        goals.reverse()
        for goal in goals:
            goal["parent"] = None
    receiver, warnings = received(tmp_path, policy_file, edit)
    became = dict((old, direction) for old, direction, _new in what_became(receiver))
    assert became["課の研修計画の見直し"] != MERGED  # never the 統合 it had, and never another goal's
    assert {became[t] for t in ("60周年記念事業", "デジタル手続の拡大", "個人情報の研修", "防災訓練")} == {
        COMPLETED, EXPANDED, CONTINUED, ABOLISHED}
    assert warnings == ["前年度からの引き継ぎ（方向性）: 前年度の目標「課の研修計画」（方向性: 統合）は、この作業データの"
                        "令和6年度の計画に確かに同じと言える目標がないため、結び付けませんでした"]
    receiver.close()


def test_two_goals_of_the_same_title_are_not_guessed(tmp_path, policy_file):
    def edit(goals):  # 個人情報の研修 retitled a second 防災訓練, and a goal added: neither title nor place tells
        goals[2]["title"] = "防災訓練"
        goals.append({**goals[0], "title": "新しい目標"})
    receiver, warnings = received(tmp_path, policy_file, edit)
    became = {(old, direction) for old, direction, _new in what_became(receiver)}
    assert ("防災訓練", ABOLISHED) not in became and ("防災訓練", CONTINUED) not in became
    assert len(warnings) == 2 and all("結び付けませんでした" in w for w in warnings)
    receiver.close()


def test_without_last_years_plan_the_import_says_what_to_do(tmp_path, policy_file):
    sender = carried_folder(tmp_path / "sender", policy_file)
    this_year = export_plan_file(sender, 2025, "政策部", tmp_path / "r7.json")
    sender.close()
    receiver = Session.open(tmp_path / "receiver")
    import_policy(receiver, policy_file)
    warnings = import_plan_file(receiver, this_year).warnings
    assert warnings == ["前年度からの引き継ぎ（方向性）: この作業データに令和6年度の政策部の計画がないため、前年度からの方向性（5件）"
                        "は取り込みませんでした。令和6年度の計画ファイルを先に取り込んでから、このファイルをもう一度取り込むと結び付きます"]
    receiver.close()


def test_one_of_last_years_goals_is_never_linked_twice():
    from hoshin_desktop.domain.goal_lineage import GoalFate, GoalLineage
    from hoshin_desktop.services.plan_file_lineage import found_again

    previous = Plan(2024, "政策部", goals=[Goal("防災訓練", id=7), Goal("研修", id=8)])
    lineage = GoalLineage(2024, [GoalFate(7, "防災訓練", CONTINUED, 1), GoalFate(30, "防災訓練", ABOLISHED)])
    found, lost = found_again(lineage, previous, Plan(2025, "政策部", goals=[Goal("防災訓練", id=1)]))
    assert [(f.goal, f.direction) for f in found.fates] == [(7, CONTINUED)] and len(lost) == 1
    twice = GoalLineage(2024, [GoalFate(7, "防災訓練", CONTINUED, 1), GoalFate(7, "防災訓練", ABOLISHED)])  # edited by hand
    found, lost = found_again(twice, previous, Plan(2025, "政策部", goals=[Goal("防災訓練", id=1)]))
    assert [(f.goal, f.direction) for f in found.fates] == [(7, CONTINUED)] and len(lost) == 1
