"""A directive the next year's policy drops stays visible: the plan remembers what was pinned to it and
the 部の方針 written for it, check lists it with the reason until re-pinned or dismissed, the plan file
carries it; a directive both moved and reworded is reported as both."""

from __future__ import annotations

import json

import pytest

from hoshin_desktop.app import main
from hoshin_desktop.domain.dropped import open_dropped
from hoshin_desktop.domain.models import Answer, Goal, Plan
from hoshin_desktop.services.plan_files import export_plan_file
from hoshin_desktop.services.session import Session
from hoshin_desktop.services.submission import findings

from .policy_variants import edit, render, title

MOVED_AND_REWORDED = edit("3(9)", ("令和6年度当初予算", "当初予算"), ("早期着手し", "速やかに着手し"))
NEXT = [(title(1), ["1(1)", "1(2)", "1(3)", "1(4)", "1(5)"]), (title(2), ["2(1)", "2(2)", "2(3)"]),
        (title(3), [*(f"3({n})" for n in range(1, 8)), MOVED_AND_REWORDED]),  # 3(8) dropped, 3(9) now 3(8)
        (title(4), ["4(1)", "4(2)", "4(3)", "4(4)"])]
OLD_ANSWER = "＊新庁舎への移転を見据え、二重投資のない予算執行を徹底する。\n・備品の計画的な更新"


def run(data_dir, *args):
    return main(["--data-dir", str(data_dir), *map(str, args)])


def department_plan() -> Plan:
    return Plan(2024, "政策部", answers=[Answer("3(8)", OLD_ANSWER), Answer("3(9)", "＊事業に早期着手する。")], goals=[
        Goal("公共施設の予算の計画的執行", actions="施設ごとの更新計画", directives=["3(8)"], id=1),
        Goal("移転経費の精査", actions="二重投資の点検", directives=["1(2)", "3(8)"], id=2),
        Goal("当初予算事業の進行管理", actions="四半期ごとの点検", directives=["3(9)"], id=3)])


@pytest.fixture
def carried(tmp_path, capsys):
    """The department's PC: 令和6年度's plan, 令和7年度's policy, and the carry-over by command line."""
    folder = tmp_path / "dept"
    session = Session.open(folder)
    session.store_plan(department_plan())
    session.close()
    policy = tmp_path / "r7.txt"
    policy.write_text(render("令和7", NEXT), encoding="utf-8")
    assert run(folder, "import-policy", policy) == 0
    capsys.readouterr()
    assert run(folder, "carry-over", "--from", 2024, "--to", 2025, "--department", "政策部") == 0
    return folder, capsys.readouterr().out


def check_lines(folder, capsys) -> tuple[int, list[str]]:
    capsys.readouterr()
    code = run(folder, "check", "--year", 2025, "--department", "政策部")
    return code, [line for line in capsys.readouterr().out.splitlines() if "廃止" in line]


def test_the_carry_over_reports_a_dropped_and_a_moved_and_reworded_directive(carried):
    _folder, out = carried
    assert "関連付けの付け替え: 「当初予算事業の進行管理」 3(9) → 3(8)（番号が変わり、文言も修正されています。" in out
    assert "引き継げない関連付け: 「公共施設の予算の計画的執行」 → 3(8)（今年度の基本方針で廃止）" in out
    assert "引き継げない部の方針: 3(8)（今年度の基本方針で廃止）。書いた文はメモとして残しました" in out


def test_the_policy_mapping_says_moved_and_reworded(carried, capsys):
    folder, _ = carried
    assert run(folder, "policy-mapping", "--from", 2024, "--to", 2025) == 0
    out = capsys.readouterr().out
    assert "3(9) → 3(8)\t移動・修正" in out and "3(8) → 廃止\t廃止" in out


def test_check_lists_each_with_the_reason_until_re_pinned_or_dismissed(carried, capsys):
    folder, _ = carried
    code, lines = check_lines(folder, capsys)
    assert code == 1
    assert any("「公共施設の予算の計画的執行」が基本方針のどの項目にも関連付けられていません（関連付けていた令和6年度 3(8) は廃止）"
               in line for line in lines), lines
    assert any("「移転経費の精査」の関連付けのうち、令和6年度 3(8) は廃止です" in line for line in lines), lines
    assert any("令和6年度 3(8) は廃止: その項目に書いた部の方針「＊新庁舎への移転を見据え、二重投資のない…」が残っています" in line
               for line in lines), lines
    session = Session.open(folder)
    editor = session.editor(2025, "政策部")
    first, second = (next(g for g in editor.plan.goals if g.title == t) for t in ("公共施設の予算の計画的執行", "移転経費の精査"))
    editor.pin(first.id, "3(6)")  # re-pinned: answered
    [note] = [d for d in open_dropped(editor.plan) if d.goal == second.id]
    editor.dismiss_dropped([note.id])  # seen: answered too
    assert [d.goal for d in open_dropped(editor.plan)] == [None]
    editor.undo()  # dismissing is an undo step
    assert {d.goal for d in open_dropped(editor.plan)} == {None, second.id}
    editor.redo()
    session.close()
    code, lines = check_lines(folder, capsys)
    assert len(lines) == 1 and "その項目に書いた部の方針" in lines[0]


def test_the_old_answer_is_kept_whole_and_the_plan_file_carries_it_all(carried, tmp_path, capsys):
    folder, _ = carried
    sender = Session.open(folder)
    plan = sender.load_plan(2025, "政策部")
    assert [(d.code, d.text) for d in plan.dropped if d.goal is None] == [("3(8)", OLD_ANSWER)]
    last_year = export_plan_file(sender, 2024, "政策部", tmp_path / "r6.json")
    this_year = export_plan_file(sender, 2025, "政策部", tmp_path / "r7.json")
    expected = [f.line() for f in findings(plan, sender.policy(2025))]
    sender.close()
    data = json.loads(this_year.read_text(encoding="utf-8"))
    assert sorted((d["code"], d["goal"] is None) for d in data["dropped"]) == [("3(8)", False), ("3(8)", False), ("3(8)", True)]
    office = tmp_path / "office"
    for path in (tmp_path / "r7.txt", last_year, this_year):
        assert run(office, "import-policy" if path.suffix == ".txt" else "import-plan", path) == 0
    received = Session.open(office)
    assert [f.line() for f in findings(received.load_plan(2025, "政策部"), received.policy(2025))] == expected
    received.close()


def test_a_goal_deleted_takes_its_note_along_and_undo_brings_both_back(carried):
    folder, _ = carried
    session = Session.open(folder)
    editor = session.editor(2025, "政策部")
    goal = next(g for g in editor.plan.goals if g.title == "公共施設の予算の計画的執行")
    editor.delete_goal(goal.id)
    assert all(d.goal != goal.id for d in editor.plan.dropped)
    editor.undo()
    assert any(d.goal == goal.id for d in open_dropped(editor.plan))
    assert any(d.goal == goal.id for d in session.load_plan(2025, "政策部").dropped)  # stored, not only in memory
    session.close()


@pytest.mark.parametrize("bad, message", [
    ({"from_year": 2025, "code": "3(8)"}, "前の年度（2025より前）が必要です"),
    ({"from_year": 2024, "code": "三の八"}, "項目番号"),
    ({"from_year": 2024, "code": "3(8)", "goal": "No.9"}, "目標「No.9」はこの計画にありません"),
    ({"from_year": 2024, "code": "3(8)", "dismissed": "はい"}, "true か false"),
])
def test_a_broken_entry_is_named(carried, tmp_path, bad, message):
    from hoshin_desktop.services.plan_files import PlanFileError, parse_plan

    folder, _ = carried
    session = Session.open(folder)
    path = export_plan_file(session, 2025, "政策部", tmp_path / "r7.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["dropped"].append(bad)
    with pytest.raises(PlanFileError) as caught:
        parse_plan(session, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    assert any(p.startswith("廃止された項目の記録") and message in p for p in caught.value.problems), caught.value.problems
    session.close()


def test_the_command_line_lists_the_old_answer_and_marks_it_seen(carried, capsys):
    folder, _ = carried
    capsys.readouterr()
    assert run(folder, "dropped", "--year", 2025, "--department", "政策部") == 0
    out = capsys.readouterr().out
    assert "令和6年度 3(8) は廃止: その項目に書いた部の方針\n    ＊新庁舎への移転を見据え" in out and "    ・備品の計画的な更新" in out
    assert "「公共施設の予算の計画的執行」が関連付けていました" in out
    assert run(folder, "dropped", "--year", 2025, "--department", "政策部", "--seen", "3(9)") == 1
    assert "確認していない廃止された項目 3(9) の記録はありません" in capsys.readouterr().err
    assert run(folder, "dropped", "--year", 2025, "--department", "政策部", "--seen", "３（８）") == 0
    assert capsys.readouterr().out.strip() == "3件を確認済みにしました。"
    assert run(folder, "check", "--year", 2025, "--department", "政策部") == 1  # still not pinned to anything
    out = capsys.readouterr().out
    assert "廃止" not in out and "「公共施設の予算の計画的執行」が基本方針のどの項目にも関連付けられていません。" in out
