"""Commands of the directive lineage: policy-mapping (and, below, carry-over and export-redline)."""

from __future__ import annotations

import json

import pytest

from hoshin_desktop.app import main

from .policy_variants import New, build, edit, render, title


def run(data_dir, *args):
    return main(["--data-dir", str(data_dir), *map(str, args)])


NEXT = [
    (title(1), [New("こどもまんなか社会の実現に向けて、子育て世帯への支援を充実させること。"), "1(1)", "1(3)"]),
    (title(3), ["3(2)", edit("3(1)", ("的確に", "確実に"))]),
]


@pytest.fixture
def two_years(data_dir, tmp_path):
    source = tmp_path / "r7.txt"
    source.write_text(render("令和7", NEXT), encoding="utf-8")
    assert run(data_dir, "import-policy", source) == 0
    return data_dir


def test_policy_mapping_json_is_the_proposal(two_years, capsys):
    capsys.readouterr()
    assert run(two_years, "policy-mapping", "--from", 2024, "--to", "令和7年度", "--json") == 0
    lines = json.loads(capsys.readouterr().out)
    _, truth, fresh = build("令和7", NEXT)
    assert {line["from"]: line["to"] for line in lines if line["from"]} == truth
    assert [line["to"] for line in lines if line["from"] is None] == fresh
    assert all(set(line) == {"from", "to", "kind", "score"} for line in lines)
    assert {(line["from"], line["to"]): line["kind"] for line in lines if line["to"]} == {
        (None, "1(1)"): "new", ("1(1)", "1(2)"): "moved", ("1(3)", "1(3)"): "same",
        ("3(2)", "2(1)"): "moved", ("3(1)", "2(2)"): "moved"}
    assert all(line["score"] == 1.0 for line in lines if line["kind"] in ("same", "moved") and line["from"] != "3(1)")


def test_policy_mapping_for_people(two_years, capsys):
    capsys.readouterr()
    assert run(two_years, "policy-mapping", "--from", 2024, "--to", 2025) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "令和6年度 → 令和7年度 の基本方針の対応表（提案・未確認）"
    assert out[1].startswith("  新規 → 1(1)\t新規\t類似度 0.")
    assert out[2] == "  1(1) → 1(2)\t移動\t類似度 1.00"
    assert out[3].startswith("  1(2) → 廃止\t廃止\t類似度 0.")


def test_policy_mapping_of_a_missing_year_says_what_to_do(data_dir, capsys):
    assert run(data_dir, "policy-mapping", "--from", 2024, "--to", 2025) == 1
    assert capsys.readouterr().err.strip() == (
        "エラー: 令和7年度の基本方針が登録されていません。先に基本方針を取り込んでください。")


def test_policy_mapping_prints_the_confirmed_mapping_once_stored(two_years, capsys):
    from hoshin_desktop.services import lineage
    from hoshin_desktop.services.session import Session

    session = Session.open(two_years)
    try:
        # The user says 1(2) was merged into the new 1(2) together with 1(1), and 3(1) ended.
        lineage.confirm(session, 2024, 2025, [("1(1)", "1(2)"), ("1(2)", "1(2)"), ("1(3)", "1(3)"), ("3(2)", "2(1)")])
    finally:
        session.close()
    capsys.readouterr()
    assert run(two_years, "policy-mapping", "--from", 2024, "--to", 2025, "--json") == 0
    lines = json.loads(capsys.readouterr().out)
    assert [(line["from"], line["to"], line["kind"]) for line in lines if line["from"] in ("1(1)", "1(2)", "3(1)")] == [
        ("1(1)", "1(2)", "moved"), ("1(2)", "1(2)", "reworded"), ("3(1)", None, "dropped")]
    assert (None, "2(2)", "new") in [(line["from"], line["to"], line["kind"]) for line in lines]
    assert run(two_years, "policy-mapping", "--from", 2024, "--to", 2025) == 0
    assert "（確定済み）" in capsys.readouterr().out.splitlines()[0]


def test_carry_over_command_prints_what_moved_and_what_could_not(two_years, capsys):
    from hoshin_desktop.services.session import Session

    session = Session.open(two_years)
    try:
        editor = session.editor(2024, "政策部")
        for name, code in (("記念事業", "1(1)"), ("防災", "1(2)"), ("研修", "3(1)")):
            goal = editor.add_goal().select
            editor.set_goal_field(goal, "title", name)
            editor.pin(goal, code)
    finally:
        session.close()
    capsys.readouterr()
    assert run(two_years, "carry-over", "--from", 2024, "--to", 2025, "--department", "政策部",
               "--direction", "9=廃止") == 1
    assert capsys.readouterr().err.strip() == "エラー: 前年度の計画に目標9がありません（1、2、3）"
    for conflict in (["3=拡充", "3=廃止"], ["2=継続", "2=統合:1"], ["1=統合:2", "1=統合:3"]):
        assert run(two_years, "carry-over", "--from", 2024, "--to", 2025, "--department", "政策部",
                   *[arg for given in conflict for arg in ("--direction", given)]) == 1
        number = conflict[0].split("=")[0]
        assert f"エラー: 前年度の目標{number}に、違う方向性が2つ指定されています" in capsys.readouterr().err
    unchanged = Session.open(two_years)
    assert unchanged.load_plan(2025, "政策部") is None  # refused before anything was written
    unchanged.close()
    assert run(two_years, "carry-over", "--from", 2024, "--to", 2025, "--department", "政策部",
               "--direction", "3=拡充", "--direction", "2=完了") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "目標 2 件を引き継ぎました（令和6年度の計画から）。"
    assert "関連付けの付け替え: 「記念事業」 1(1) → 1(2)" in out
    assert "関連付けの付け替え: 「研修」 3(1) → 2(2)（番号が変わり、文言も修正されています。関連付けが合っているか確かめてください）" in out
    assert "引き継がない目標（完了）: 「防災」" in out
    session = Session.open(two_years)
    try:
        plan = session.load_plan(2025, "政策部")
        assert [(g.title, g.directives, plan.lineage.direction(g.id)) for g in plan.goals] == [
            ("記念事業", ["1(2)"], "継続"), ("研修", ["2(2)"], "拡充")]
    finally:
        session.close()
    assert run(two_years, "carry-over", "--from", 2024, "--to", 2025, "--department", "政策部") == 1
    assert "すでに目標があります" in capsys.readouterr().err


def test_carry_over_command_refuses_bad_numbers_and_missing_plans(two_years, capsys):
    assert run(two_years, "carry-over", "--from", 2024, "--to", 2025, "--department", "政策部") == 1
    assert capsys.readouterr().err.strip() == "エラー: 令和6年度の政策部の計画がありません。"
