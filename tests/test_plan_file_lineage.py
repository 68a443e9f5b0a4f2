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
    import_plan(session, PlanFile(Plan(2024, "政策部", goals=[Goal(name, directives=["1(2)"], id=n)
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
