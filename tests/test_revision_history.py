"""A plan's revision history travels in its file: the planning office compares 第1版 with 第2版 on its own PC
exactly as the department does, and no 版 is lost when files arrive in any order."""

from __future__ import annotations

import json
import re
import zipfile
from datetime import datetime

import pytest

from hoshin_desktop.app import main
from hoshin_desktop.services.plan_files import PlanFileError, export_plan_file, import_plan_file, read_plan_file
from hoshin_desktop.services.session import Session
from hoshin_desktop.services.snapshots import export_revision_redline

from .city_files import sender as department_pc

DEPARTMENT = "監査委員事務局"


def revised(session: Session) -> None:
    """第1版 fixed after the interview, lifted with a reason, edited, and fixed again as 第2版."""
    editor = session.editor(2024, DEPARTMENT)
    editor.fix(at=datetime(2024, 4, 12, 10, 30))
    editor.unlock("面談での指示を反映するため", at=datetime(2024, 4, 15, 9, 0), by="監査 一郎")
    first, second = editor.plan.goals[0], editor.plan.goals[1]
    editor.set_goal_field(first.id, "target", "年6回")
    editor.set_goal_field(second.id, "title", second.title + "（面談を踏まえ見直し）")
    editor.delete_goal(editor.plan.goals[2].id)
    editor.add_goal(after=first.id)
    editor.set_goal_field(editor.plan.goals[1].id, "title", "内部統制の評価を始める")
    editor.set_answer(editor.plan.answers[0].directive, "＊面談を踏まえ、書き直した方針。")
    editor.fix(at=datetime(2024, 4, 20, 16, 0))


@pytest.fixture
def files(tmp_path):
    """The department's 第1版 file (as sent before the interview) and 第2版 file (after it)."""
    pc = department_pc(tmp_path / "department", [DEPARTMENT], goals=8, seed=3)
    first = export_plan_file(pc, 2024, DEPARTMENT, tmp_path / "第1版.json")
    revised(pc)
    second = export_plan_file(pc, 2024, DEPARTMENT, tmp_path / "第2版.json")
    yield pc, first, second
    pc.close()


def redline_text(path) -> str:
    """The redline's body, without the moment it was written (each mark is dated when written)."""
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    return re.sub(r' w:date="[^"]*"', "", xml)


def test_the_file_carries_every_kept_version_and_unlock(files):
    _pc, _first, second = files
    data = json.loads(second.read_text(encoding="utf-8"))
    revisions = data["history"]["revisions"]
    assert [(r["revision"], r["label"]) for r in revisions] == [(1, "第1版 確定"), (2, "第2版 確定")]
    assert all(goal["key"] for r in revisions for goal in r["plan"]["goals"])
    assert data["history"]["unlocks"] == [{"locked_at": "2024-04-12T10:30:00", "revision": 1,
                                           "unlocked_at": "2024-04-15T09:00:00", "by": "監査 一郎",
                                           "reason": "面談での指示を反映するため"}]


def test_the_comparison_of_versions_is_the_same_on_the_receiving_pc(files, tmp_path):
    pc, first, second = files
    office = Session.open(tmp_path / "office")
    import_plan_file(office, first)
    result = import_plan_file(office, second, unlock=False)
    assert result.warnings == []
    for n, session in enumerate((pc, office)):
        plan = session.load_plan(2024, DEPARTMENT)
        export_revision_redline(session, plan, 1, 2, tmp_path / f"{n}.docx")
        export_revision_redline(session, plan, 1, None, tmp_path / f"{n}-now.docx")
    assert redline_text(tmp_path / "0.docx") == redline_text(tmp_path / "1.docx")
    assert redline_text(tmp_path / "0-now.docx") == redline_text(tmp_path / "1-now.docx")
    text = redline_text(tmp_path / "1.docx")
    assert "内部統制の評価を始める" in text and "面談を踏まえ見直し" in text and "年6回" in text
    unlock = office.unlocks(office.load_plan(2024, DEPARTMENT))
    assert [(u.revision, u.by, u.reason) for u in unlock] == [(1, "監査 一郎", "面談での指示を反映するため")]
    office.close()


def test_the_command_line_compares_versions_on_the_receiving_pc(files, tmp_path, capsys):
    _pc, first, second = files
    office = tmp_path / "office"
    for path in (first, second):
        assert main(["--data-dir", str(office), "import-plan", str(path)]) == 0
    out = tmp_path / "redline.docx"
    assert main(["--data-dir", str(office), "export-redline", "--year", "2024", "--department", DEPARTMENT,
                 "--from-revision", "1", "--out", str(out)]) == 0
    assert "内部統制の評価を始める" in redline_text(out)


def test_an_older_file_imported_last_leaves_the_newer_version_to_compare(files, tmp_path):
    _pc, first, second = files
    office = Session.open(tmp_path / "office")
    import_plan_file(office, first)
    import_plan_file(office, second)
    import_plan_file(office, first, unlock=True)  # the old file again, by mistake
    plan = office.load_plan(2024, DEPARTMENT)
    assert plan.revision == 1
    kept = [(s.revision, s.label) for s in office.snapshots(plan)]
    assert (2, "第2版 確定") in kept and (1, "第1版 確定") in kept
    export_revision_redline(office, plan, 2, None, tmp_path / "back.docx")  # what the old file took back
    assert "内部統制の評価を始める" in redline_text(tmp_path / "back.docx")
    assert len([k for k in kept if k == (2, "第2版 確定")]) == 1  # the same 版 is not kept twice
    office.close()


def test_a_later_file_keeps_the_earlier_plan_held_as_a_version(files, tmp_path):
    pc, first, _second = files
    office = Session.open(tmp_path / "office")
    import_plan_file(office, first)
    editor = pc.editor(2024, DEPARTMENT)
    editor.unlock("再修正", by="監査 一郎")
    editor.set_goal_field(editor.plan.goals[0].id, "title", "第3版で書き直した目標")
    third = export_plan_file(pc, 2024, DEPARTMENT, tmp_path / "第3版.json")
    data = json.loads(third.read_text(encoding="utf-8"))
    data["history"] = None  # a file that brings no history: the plan held is still kept
    third.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    import_plan_file(office, third)
    plan = office.load_plan(2024, DEPARTMENT)
    assert [(s.revision, s.label) for s in office.snapshots(plan)] == [(1, "第1版（取り込みの前）")]
    export_revision_redline(office, plan, 1, None, tmp_path / "r.docx")
    assert "第3版で書き直した目標" in redline_text(tmp_path / "r.docx")
    office.close()


def test_a_file_whose_first_version_differs_from_the_one_held_says_so_and_keeps_both(files, tmp_path):
    pc, _first, second = files
    office = Session.open(tmp_path / "office")
    other_pc = department_pc(tmp_path / "other", [DEPARTMENT], goals=5, seed=9)  # another 第1版 altogether
    editor = other_pc.editor(2024, DEPARTMENT)
    editor.fix(at=datetime(2024, 4, 11, 9, 0))
    other = export_plan_file(other_pc, 2024, DEPARTMENT, tmp_path / "別の第1版.json")
    other_pc.close()
    import_plan_file(office, other)
    plan_file = read_plan_file(office, second)
    assert any("ファイルの「第1版 確定」は、この作業データにある" in w and "内容が違います" in w for w in plan_file.warnings)
    result = import_plan_file(office, second, unlock=True)
    assert any("両方を版として残しました" in w for w in result.warnings)
    labels = [s.label for s in office.snapshots(office.load_plan(2024, DEPARTMENT))]
    assert labels.count("第1版 確定") == 1 and "第1版 確定（受け取ったファイルの記録）" in labels
    # the department's own 第1版 is the one compared, as on its PC (the title names it as kept here)
    for n, session in enumerate((pc, office)):
        export_revision_redline(session, session.load_plan(2024, DEPARTMENT), 1, 2, tmp_path / f"{n}.docx")
    assert redline_text(tmp_path / "0.docx") == redline_text(tmp_path / "1.docx").replace("（受け取ったファイルの記録）", "")
    office.close()


@pytest.mark.parametrize("edit, message", [
    (lambda h: h["revisions"][0].update(revision="一"), "版数は数字で書いてください"),
    (lambda h: h["revisions"][0]["plan"]["goals"][0].update(id=None), "目標の id"),
    (lambda h: h["revisions"][0]["plan"].update(answers=[["1(1)"]]), "[\"項目番号\", \"部の方針\"] の形"),
    (lambda h: h["unlocks"][0].update(unlocked_at="昨日"), "日時として読めません"),
    (lambda h: h.update(revisions={}), "配列（[…]）でなければなりません"),
])
def test_a_broken_history_is_named_and_nothing_is_stored(files, tmp_path, edit, message):
    _pc, _first, second = files
    data = json.loads(second.read_text(encoding="utf-8"))
    edit(data["history"])
    second.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    office = Session.open(tmp_path / "office")
    with pytest.raises(PlanFileError) as caught:
        import_plan_file(office, second)
    assert any(problem.startswith("版の記録") and message in problem for problem in caught.value.problems), \
        caught.value.problems
    assert office.load_plan(2024, DEPARTMENT) is None
    office.close()
