"""Plan files between two PCs: a file older than the plan held here is said to be older before it
replaces it (the window's question) and after (the CLI's notice, naming the backup to restore)."""

from __future__ import annotations

import json

from hoshin_desktop.app import main
from hoshin_desktop.services import plan_files
from hoshin_desktop.services.plan_files import PlanFile, export_plan_file, import_plan, read_plan_file
from hoshin_desktop.services.session import Session

from .export.conftest import sample_plan


def _department_pc(folder, sent):
    """The department's PC: the plan sent to the planning office, then edited on."""
    session = Session.open(folder)
    import_plan(session, PlanFile(sample_plan()))
    export_plan_file(session, 2024, "政策部", sent)
    data = json.loads(sent.read_text(encoding="utf-8"))
    data["updated_at"] = "2024-03-28T17:05:00"  # sent the evening before; edited on this morning
    sent.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    editor = session.editor(2024, "政策部")
    editor.set_goal_field(editor.plan.goals[0].id, "target", "3,500人")  # after the file was sent
    return session


def test_importing_an_older_copy_of_the_plan_asks_with_its_age(tmp_path):
    sent = tmp_path / "sent.json"
    session = _department_pc(tmp_path / "pc", sent)
    question = plan_files.import_question(session, read_plan_file(session, sent), "sent.json")
    assert "この作業データの計画" in question and "より古いものです" in question
    assert "その後の変更は失われます" in question
    session.close()


def test_a_newer_file_is_not_called_older(tmp_path):
    sent = tmp_path / "sent.json"
    session = _department_pc(tmp_path / "pc", sent)
    newer = tmp_path / "newer.json"
    export_plan_file(session, 2024, "政策部", newer)
    session.editor(2024, "政策部").set_goal_field(session.load_plan(2024, "政策部").goals[0].id, "target", "—")
    other = Session.open(tmp_path / "office")
    import_plan(other, read_plan_file(other, sent))
    assert "より古い" not in plan_files.import_question(other, read_plan_file(other, newer), "newer.json")
    other.close()
    session.close()


def test_the_cli_says_when_it_replaced_a_newer_plan_and_which_backup_has_it(tmp_path, capsys):
    sent = tmp_path / "sent.json"
    _department_pc(tmp_path / "pc", sent).close()
    assert main(["--data-dir", str(tmp_path / "pc"), "import-plan", str(sent)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("注意: このファイル（第2版 最終更新 令和6年3月28日 17:05）は、この作業データの計画（第2版 最終更新 ")
    assert "より古いものです" in out and "restore-backup" in out and "before-import-" in out
    assert main(["--data-dir", str(tmp_path / "pc"), "import-plan", str(sent)]) == 0
    assert "より古い" not in capsys.readouterr().out  # the same plan now: nothing lost
