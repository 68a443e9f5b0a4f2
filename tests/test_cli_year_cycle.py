"""The command line in the year after the interview: a fixed plan and the review papers."""

from __future__ import annotations

from datetime import date

import pytest

from hoshin_desktop.app import main
from hoshin_desktop.domain.cycle import Instruction, Review
from hoshin_desktop.services.plan_files import PlanFile, import_plan, write_plan_file
from hoshin_desktop.services.session import Session

from .export.conftest import docx_paragraphs, sample_plan


@pytest.fixture
def fixed(data_dir, tmp_path):
    """政策部's sample plan, with a review and an instruction, fixed; and a plan file of it."""
    session = Session.open(data_dir)
    import_plan(session, PlanFile(sample_plan()))
    editor = session.editor(2024, "政策部")
    editor.set_review(editor.plan.goals[0].id, Review("interim", "○", comment="順調"))
    editor.add_instruction(Instruction(date(2024, 4, 10), "市長", "市民に見える形で"))
    write_plan_file(session, editor.plan, tmp_path / "plan.json")
    editor.fix()
    session.close()
    return data_dir


def run(data_dir, *args):
    return main(["--data-dir", str(data_dir), *map(str, args)])


def test_import_plan_refuses_a_fixed_plan_unless_unlock(fixed, tmp_path, capsys):
    assert run(fixed, "import-plan", tmp_path / "plan.json") == 1
    err = capsys.readouterr().err
    assert "確定しています（令和" in err and "--unlock" in err and "何も変更していません" in err
    assert run(fixed, "import-plan", tmp_path / "plan.json", "--unlock") == 0
    session = Session.open(fixed)
    try:
        editor = session.editor(2024, "政策部")
        assert editor.plan.lock is None
        assert [u.reason for u in editor.session.unlocks(editor.plan)] == ["計画ファイルの取り込み"]
    finally:
        session.close()


@pytest.mark.parametrize("stage, heading", [("interim", "中間確認"), ("final", "年度末評価")])
def test_export_review(fixed, tmp_path, capsys, stage, heading):
    assert run(fixed, "export-review", "--year", 2024, "--department", "政策部", "--stage", stage,
               "--out", tmp_path) == 0
    target = tmp_path / f"令和6年度_政策部_組織目標_{heading}.docx"
    assert capsys.readouterr().out.strip() == f"書き出しました: {target}"
    assert f"令和6年度　政策部　組織目標　{heading}" in docx_paragraphs(target)
    assert "○ 概ね達成\n順調" in "\n".join(docx_paragraphs(target))


def test_export_instructions_and_a_missing_plan(fixed, tmp_path, capsys):
    assert run(fixed, "export-instructions", "--year", 2024, "--department", "政策部", "--out", tmp_path / "i.docx") == 0
    assert "市民に見える形で" in docx_paragraphs(tmp_path / "i.docx")
    assert run(fixed, "export-review", "--year", 2024, "--department", "会計課", "--stage", "final",
               "--out", tmp_path / "x.docx") == 1
    assert "計画はまだありません" in capsys.readouterr().err
    assert not (tmp_path / "x.docx").exists()


def test_export_review_names_a_missed_goal_without_reason(fixed, tmp_path, capsys):
    session = Session.open(fixed)
    editor = session.editor(2024, "政策部")
    editor.set_review(editor.plan.goals[1].id, Review("final", "×"))
    session.close()
    assert run(fixed, "export-review", "--year", 2024, "--department", "政策部", "--stage", "final",
               "--out", tmp_path / "f.docx") == 0
    out = capsys.readouterr().out
    assert "注意: 目標 No." in out and "未達の理由・今後の対応を入力してください" in out
