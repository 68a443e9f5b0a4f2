"""The stamp ties paper to file: 版, the plan's own last edit and a content fingerprint, kept in a ledger."""

from __future__ import annotations

import copy
from datetime import date

import docx

from hoshin_desktop.app import main
from hoshin_desktop.domain.fingerprint import plan_fingerprint
from hoshin_desktop.export.content import build_content
from hoshin_desktop.services.plan_files import PlanFile, import_plan
from hoshin_desktop.services.session import Session

from .export.conftest import sample_plan


def test_identical_content_gives_the_identical_fingerprint():
    one, two = sample_plan(), sample_plan()
    for goal in two.goals:  # other database ids, another day of saving: the same content
        goal.id = goal.id + 100
        goal.parent = goal.parent + 100 if goal.parent else None
    two.edited_on = date(2030, 1, 1)
    assert plan_fingerprint(one) == plan_fingerprint(two)
    assert len(plan_fingerprint(one)) == 8 and int(plan_fingerprint(one), 16) >= 0


def test_any_edit_changes_the_fingerprint():
    base = plan_fingerprint(sample_plan())
    edits = [
        lambda p: setattr(p.goals[0], "title", p.goals[0].title + "。"),
        lambda p: p.goals[1].directives.append("3(1)"),
        lambda p: p.goals.reverse(),
        lambda p: setattr(p, "revision", 3),
        lambda p: setattr(p.signers[0], "name", "山田 次郎"),
        lambda p: setattr(p.answers[0], "text", p.answers[0].text[:-1]),
        lambda p: setattr(p, "preamble", p.preamble.replace("下記", "次")),
        lambda p: setattr(p.goals[2], "parent", None),
    ]
    seen = {base}
    for edit in edits:
        plan = copy.deepcopy(sample_plan())
        edit(plan)
        seen.add(plan_fingerprint(plan))
    assert len(seen) == len(edits) + 1


def test_the_stamp_carries_the_last_edit_not_the_export_day(session):
    policy = session.policy(2024)
    plan = sample_plan()
    plan.edited_on = date(2024, 3, 29)
    assert build_content(plan, policy).stamp.startswith("第2版\u3000令和6年3月29日\u3000")


def test_saved_edits_move_the_date_and_the_export_lands_in_the_ledger(data_dir, tmp_path):
    session = Session.open(data_dir)
    import_plan(session, PlanFile(sample_plan()))
    editor = session.editor(2024, "政策部")
    editor.set_goal_field(editor.plan.goals[0].id, "title", "改めた目標")
    assert editor.plan.edited_on == date.today()
    fingerprint = plan_fingerprint(session.load_plan(2024, "政策部"))
    session.close()
    target = tmp_path / "plan.docx"
    assert main(["--data-dir", str(data_dir), "export-docx", "--year", "2024", "--department", "政策部",
                 "--out", str(target)]) == 0
    props = docx.Document(str(target)).core_properties
    assert props.identifier == fingerprint and fingerprint in props.subject
    session = Session.open(data_dir)
    try:
        records = session.export_records(2024, "政策部")
    finally:
        session.close()
    assert [(r.kind, r.path, r.revision, r.fingerprint) for r in records] == [("docx", str(target), 2, fingerprint)]
    assert records[0].edited_on == date.today().isoformat()
