"""The directive × department matrix and one department's coverage summary, from plans alone."""

from __future__ import annotations

from hoshin_desktop.domain.matrix import build_matrix, coverage_summary, short_text, uncovered_directives, unpinned_goals
from hoshin_desktop.domain.models import Answer, Goal, Plan


def plan(department: str, answers: list[str], goals: list[list[str]]) -> Plan:
    return Plan(2024, department, answers=[Answer(code, "＊方針") for code in answers],
                goals=[Goal(title=f"目標{i}", directives=codes, id=i + 1) for i, codes in enumerate(goals)])


def test_cells_count_goals_and_answers_and_totals_add_up(session):
    policy = session.policy(2024)
    plans = {"政策部": plan("政策部", ["1(1)"], [["1(1)", "1(2)"], ["1(1)"]]),
             "総務部": plan("総務部", ["3(9)", "1(2)"], [["1(2)"]])}
    matrix = build_matrix(policy, ["政策部", "総務部", "会計課"], plans)
    row = {r.code: r for r in matrix.rows}
    assert (row["1(1)"].cells[0].goals, row["1(1)"].cells[0].answered) == (2, True)
    assert (row["1(2)"].goals, row["1(2)"].departments_addressing) == (2, 2)
    assert row["3(9)"].cells[1].answered and row["3(9)"].goals == 0 and row["3(9)"].addressed
    assert matrix.column_goals(0) == 3 and matrix.column_answers(1) == 2 and matrix.goals == 4
    assert matrix.submitted == (True, True, False)
    assert len(matrix.unaddressed) == 21 - 3


def test_a_goal_pinned_twice_to_one_directive_counts_once(session):
    matrix = build_matrix(session.policy(2024), ["政策部"], {"政策部": plan("政策部", [], [["1(1)", "1(1)"]])})
    assert matrix.rows[0].cells[0].goals == 1


def test_the_summary_a_department_head_reads(session):
    policy = session.policy(2024)
    summary = coverage_summary(policy, plan("政策部", ["1(1)", "1(3)", "2(1)"], [["1(1)"], ["1(2)", "3(1)"]]))
    assert summary.text() == "21項目中5項目に対応（方針のみ2、目標あり3）"  # 1(1) has both: it counts as 目標あり
    assert coverage_summary(policy, Plan(2024, "政策部")).text() == "21項目中0項目に対応（方針のみ0、目標あり0）"


def test_what_is_uncovered_and_unpinned_comes_in_the_order_of_the_paper(session):
    policy = session.policy(2024)
    drafted = plan("政策部", ["1(3)"], [[], ["2(1)"], [], ["1(1)"]])
    drafted.answers.append(Answer("1(2)", "　\n"))  # a blank 部の方針 covers nothing
    drafted.goals[2].parent = 4  # a 課 goal under the goal of 1(1): printed 1-1, before the unpinned No.3
    codes = [d.code for d in policy.directives]
    assert uncovered_directives(policy, drafted) == [c for c in codes if c not in ("1(1)", "1(3)", "2(1)")]
    assert [g.title for g in unpinned_goals(drafted)] == ["目標2", "目標0"]


def test_short_text_is_the_first_sentence_cut_to_length():
    assert short_text("令和6年度は、節目の年となる。記念事業を実施する。") == "令和6年度は、節目の年となる"
    assert short_text("あ" * 50, 10) == "あ" * 9 + "…"
    assert short_text("改行を\nまたぐ文") == "改行をまたぐ文"
