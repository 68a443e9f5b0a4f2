"""The year after the interview by command line: 指示事項, 評価, 確定 and 解除, the coverage line, each with
the window's checks, messages and exit codes, stored through the same operations."""

from __future__ import annotations

import json
from datetime import date

import pytest

from hoshin_desktop.app import main
from hoshin_desktop.domain.numbering import goal_numbers
from hoshin_desktop.services.plan_files import export_plan_file
from hoshin_desktop.services.session import Session

from .city_files import sender

DEPARTMENT = "福祉部"


def run(data_dir, *args):
    return main(["--data-dir", str(data_dir), *map(str, args)])


@pytest.fixture
def office(tmp_path):
    """The planning office's folder holding 福祉部's plan (made on the department's PC, sent as a file)."""
    pc = sender(tmp_path / "dept", [DEPARTMENT], goals=12, seed=5)
    path = export_plan_file(pc, 2024, DEPARTMENT, tmp_path / "plan.json")
    pc.close()
    folder = tmp_path / "office"
    assert run(folder, "import-plan", path) == 0
    return folder


def held(folder):
    session = Session.open(folder)
    try:
        return session.load_plan(2024, DEPARTMENT), session.review_marks()
    finally:
        session.close()


def plan_args(*args):
    return ("--year", "令和6年度", "--department", DEPARTMENT, *args)


def test_instructions_are_added_listed_and_updated(office, capsys):
    plan, _ = held(office)
    numbers = goal_numbers(plan)
    second = next(g for g in plan.goals if numbers[g.id] == "2")
    assert run(office, "add-instruction", *plan_args("--text", "成果を市民に分かりやすく", "--by", "市長",
                                                   "--date", "令和6年4月10日", "--goal", "No.2", "--directive", "1(1)",
                                                   "--due", "2024-09-30")) == 0
    assert run(office, "add-instruction", *plan_args("--text", "予算の裏付けを", "--by", "副市長")) == 0
    capsys.readouterr()
    assert run(office, "instructions", *plan_args()) == 0
    out = capsys.readouterr().out
    assert "1. [未対応] 令和6年4月10日 市長: 成果を市民に分かりやすく（目標 No.2、基本方針 1(1)、期限 令和6年9月30日）" in out
    assert f"2. [未対応] {_today()} 副市長: 予算の裏付けを" in out
    assert run(office, "update-instruction", *plan_args("1", "--status", "対応済み", "--response", "記念誌に章を設けた",
                                                      "--no-due")) == 0
    plan, _ = held(office)
    first, other = plan.instructions
    assert (first.status, first.response, first.due, first.goal) == ("done", "記念誌に章を設けた", None, second.id)
    assert (other.given_by, other.goal, other.status) == ("副市長", None, "open")
    capsys.readouterr()
    assert run(office, "instructions", *plan_args("--status", "not_done")) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1件（全2件）"


@pytest.mark.parametrize("args, message", [
    (("--text", "  ", "--by", "市長"), "指示事項の内容を入力してください"),
    (("--text", "確認", "--by", " "), "指示者（市長・副市長・教育長など）を選んでください"),
    (("--text", "確認", "--by", "市長", "--goal", "No.99"), "目標「No.99」はこの計画にありません（この計画の目標: No.1、"),
    (("--text", "確認", "--by", "市長", "--directive", "9(9)"), "基本方針に項目 9(9) はありません"),
    (("--text", "確認", "--by", "市長", "--due", "来月"), "--due の日付が読めません"),
    (("--text", "確認", "--by", "市長", "--status", "済"), "対応状況「済」はありません"),
])
def test_a_bad_instruction_is_refused_with_the_windows_message(office, capsys, args, message):
    capsys.readouterr()
    assert run(office, "add-instruction", *plan_args(*args)) == 1
    assert message in capsys.readouterr().err
    assert held(office)[0].instructions == []


def test_a_review_is_entered_field_by_field_and_a_missing_reason_is_said(office, capsys):
    assert run(office, "set-review", *plan_args("--goal", "3", "--stage", "interim", "--mark", "○", "--comment", "順調")) == 0
    assert run(office, "set-review", *plan_args("--goal", "No.3", "--stage", "final", "--mark", "△")) == 0
    out = capsys.readouterr().out
    assert "注意: 目標 No.3（年度末評価）: 年度末評価が「△ 一部未達」のときは、未達の理由・今後の対応を入力してください" in out
    assert run(office, "set-review", *plan_args("--goal", "3", "--stage", "final", "--reason", "入札の不調")) == 0
    assert "注意" not in capsys.readouterr().out
    plan, _ = held(office)
    goal = next(g for g in plan.goals if goal_numbers(plan)[g.id] == "3")
    assert [(r.stage, r.mark, r.comment, r.reason) for r in goal.reviews] == [
        ("interim", "○", "順調", ""), ("final", "△", "", "入札の不調")]
    assert run(office, "set-review", *plan_args("--goal", "3", "--stage", "final", "--mark", "☆")) == 1
    assert "評価「☆」は評価の一覧にありません" in capsys.readouterr().err


def test_fix_and_unlock_with_reason_as_the_window_does(office, capsys):
    assert run(office, "unlock", *plan_args("--reason", "修正")) == 1
    assert "確定していません" in capsys.readouterr().err
    assert run(office, "fix", *plan_args()) == 0
    assert capsys.readouterr().out.strip() == "第1版として確定しました。"
    assert run(office, "fix", *plan_args()) == 1
    assert "すでに第1版 確定" in capsys.readouterr().err
    assert run(office, "add-instruction", *plan_args("--text", "確定後の指示", "--by", "市長")) == 0  # as in the window
    assert run(office, "unlock", *plan_args("--reason", "  ")) == 1
    assert "確定を解除する理由を入力してください" in capsys.readouterr().err
    assert run(office, "unlock", *plan_args("--reason", "面談の指示を反映", "--by", "福祉 花子")) == 0
    assert capsys.readouterr().out.strip() == "確定を解除しました。計画は第2版になりました。"
    session = Session.open(office)
    plan = session.load_plan(2024, DEPARTMENT)
    assert plan.lock is None and plan.revision == 2
    assert [(u.revision, u.by, u.reason) for u in session.unlocks(plan)] == [(1, "福祉 花子", "面談の指示を反映")]
    session.close()
    capsys.readouterr()
    assert run(office, "revisions", *plan_args()) == 0
    out = capsys.readouterr().out
    assert "第1版\t第1版 確定" in out and "（福祉 花子）: 面談の指示を反映" in out


def test_the_coverage_line_of_every_department(office, capsys):
    capsys.readouterr()
    assert run(office, "coverage", "--year", 2024) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "令和6年度 基本方針への対応状況"
    assert any(line.startswith(f"{DEPARTMENT}: 21項目中") and "に対応（方針のみ" in line for line in lines)
    assert "政策部: 計画なし" in lines
    assert run(office, "coverage", "--year", 2024, "--department", "福祉局") == 1
    assert "「福祉局」という部はありません" in capsys.readouterr().err


def test_a_write_is_refused_while_the_window_holds_the_folder(office, capsys):
    from hoshin_desktop.storage.lock import InstanceLock

    lock = InstanceLock(office, holder="画面")
    lock.acquire()
    try:
        assert run(office, "fix", *plan_args()) == 1
        assert "画面で開かれています" in capsys.readouterr().err
    finally:
        lock.release()
    assert held(office)[0].lock is None


def test_check_only_exits_1_when_a_file_cannot_be_read_and_the_receipt_names_its_department(tmp_path, capsys):
    pc = sender(tmp_path / "dept", ["教育部", "健康部"], goals=3)
    folder = tmp_path / "提出"
    folder.mkdir()
    for name in ("教育部", "健康部"):
        export_plan_file(pc, 2024, name, folder / f"令和6年度_{name}_運営方針・組織目標.json")
    pc.close()
    broken = folder / "令和6年度_健康部_運営方針・組織目標.json"
    broken.write_bytes(broken.read_bytes()[:200])  # cut off while copying
    office = tmp_path / "office"
    assert run(office, "import-plans", folder, "--check-only") == 1
    out = capsys.readouterr().out
    assert "× 令和6年度_健康部_運営方針・組織目標.json: 取り込めません" in out
    assert run(office, "import-plans", folder) == 1
    session = Session.open(office)
    receipts = {r.file_name: r for r in session.receipts()}
    session.close()
    bad = receipts[broken.name]
    assert (bad.outcome, bad.department, bad.fiscal_year) == ("エラー", "健康部", 2024)
    assert json.loads((folder / "令和6年度_教育部_運営方針・組織目標.json").read_text(encoding="utf-8"))
    assert receipts["令和6年度_教育部_運営方針・組織目標.json"].outcome == "取り込み"


def _today() -> str:
    from hoshin_desktop.domain.wareki import format_date

    return format_date(date.today())
