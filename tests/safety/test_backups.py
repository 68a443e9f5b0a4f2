"""Rotating backups, damaged databases set aside, restoring the newest good copy."""

import sqlite3
from pathlib import Path

import pytest

from hoshin_desktop import paths
from hoshin_desktop.storage import backups, repository
from hoshin_desktop.storage.database import WORKING_DB_NAME, open_working
from hoshin_desktop.storage.errors import DatabaseCorrupt


def make_plan(data_dir, preamble):
    db = open_working(data_dir, paths.reference_db_path())
    from hoshin_desktop.domain.models import Plan

    plan_id = repository.plan_id(db, 2024, "政策部")
    if plan_id:
        repository.update_plan(db, plan_id, preamble=preamble)
    else:
        repository.create_plan(db, Plan(2024, "政策部", preamble=preamble))
    return db


def test_rotation_keeps_a_bounded_number(data_dir, monkeypatch):
    monkeypatch.setattr(backups, "KEEP", 3)
    db = make_plan(data_dir, "x")
    for _ in range(6):
        backups.take_backup(db, data_dir, "periodic")
    backups.take_backup(db, data_dir, "before-import")
    found = backups.list_backups(data_dir)
    assert [b.reason for b in found].count("periodic") == 3
    assert [b.reason for b in found].count("before-import") == 1
    assert found == sorted(found, key=lambda b: b.taken_at, reverse=True)
    db.close()


def test_damaged_database_restored_from_newest_good_backup(data_dir):
    db = make_plan(data_dir, "朝の版")
    backups.take_backup(db, data_dir, "open")
    repository.update_plan(db, repository.plan_id(db, 2024, "政策部"), preamble="昼の版")
    backups.take_backup(db, data_dir, "periodic")
    db.close()
    newest = backups.list_backups(data_dir)[0]
    newest.path.write_bytes(newest.path.read_bytes()[:3000])  # the newest backup is damaged too

    path = data_dir / WORKING_DB_NAME
    damaged_bytes = path.read_bytes()[:8192] + b"\x00garbage" * 500
    path.write_bytes(damaged_bytes)
    with pytest.raises(DatabaseCorrupt):
        open_working(data_dir, paths.reference_db_path())

    good = backups.newest_good_backup(data_dir)
    assert good is not None and good.reason == "open"
    aside = backups.restore(data_dir, good.path)
    assert (aside / WORKING_DB_NAME).read_bytes() == damaged_bytes  # kept, not overwritten
    db = open_working(data_dir, paths.reference_db_path())
    assert repository.load_plan(db, repository.plan_id(db, 2024, "政策部")).preamble == "朝の版"
    db.close()


def test_restore_refuses_a_damaged_backup(data_dir, tmp_path):
    make_plan(data_dir, "x").close()
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    before = (data_dir / WORKING_DB_NAME).read_bytes()
    with pytest.raises(ValueError, match="壊れている"):
        backups.restore(data_dir, bad)
    assert (data_dir / WORKING_DB_NAME).read_bytes() == before


def test_truncated_database_is_corrupt_not_overwritten(data_dir):
    make_plan(data_dir, "x").close()
    path = data_dir / WORKING_DB_NAME
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    truncated = path.read_bytes()[: len(path.read_bytes()) // 2]
    path.write_bytes(truncated)
    with pytest.raises(DatabaseCorrupt, match="バックアップから復元"):
        open_working(data_dir, paths.reference_db_path())
    assert path.read_bytes() == truncated


def fill_special_backups(session, data_dir):
    for _ in range(backups.KEEP_SPECIAL):
        session.backup("before-import")
    return backups.list_backups(data_dir)[-1].path  # the oldest: the next backup prunes it


def import_own_plan(session, tmp_path, title):
    from hoshin_desktop.services.plan_files import export_plan_file, import_plan_file

    editor = session.editor(2024, "政策部")
    editor.set_goal_field(editor.add_goal().select, "title", title)
    plan_file = tmp_path / f"{title}.json"
    export_plan_file(session, 2024, "政策部", plan_file)
    return import_plan_file(session, plan_file)


def held_by_antivirus(monkeypatch, stuck: Path) -> None:
    """Deleting ``stuck`` fails as on Windows when another program holds it open (the tests run as root)."""
    real_unlink = Path.unlink

    def unlink(path, missing_ok=False):
        if path == stuck:
            raise PermissionError(13, "アクセスが拒否されました。", str(path))
        return real_unlink(path, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)


def test_a_directory_named_like_a_backup_is_not_a_backup(session, data_dir, tmp_path):
    folder = backups.backup_dir(data_dir) / "before-import-000001-20200101-000000-000000.db"
    folder.mkdir(parents=True)
    (folder / "someone's file.txt").write_text("x", encoding="utf-8")
    fill_special_backups(session, data_dir)
    result = import_own_plan(session, tmp_path, "ディレクトリがあっても取り込める")
    assert result.backup.exists()
    assert folder.is_dir() and (folder / "someone's file.txt").exists()
    assert folder not in [b.path for b in backups.list_backups(data_dir)]
    assert session.take_notices() == []


def test_an_undeletable_backup_never_stops_the_work_and_is_named(session, data_dir, tmp_path, monkeypatch):
    stuck = fill_special_backups(session, data_dir)
    held_by_antivirus(monkeypatch, stuck)
    result = import_own_plan(session, tmp_path, "削除できなくても取り込める")
    assert [g.title for g in session.load_plan(2024, "政策部").goals][-1] == "削除できなくても取り込める"
    assert result.backup.exists() and stuck.exists()
    [notice] = session.take_notices()
    assert stuck.name in notice and "削除できませんでした" in notice


def test_the_command_line_names_the_backup_it_could_not_remove(data_dir, tmp_path, monkeypatch, capsys):
    from hoshin_desktop.app import main
    from hoshin_desktop.services.session import Session

    session = Session.open(data_dir)
    stuck = fill_special_backups(session, data_dir)
    editor = session.editor(2024, "政策部")
    editor.set_goal_field(editor.add_goal().select, "title", "コマンドで取り込む")
    session.close()
    assert main(["--data-dir", str(data_dir), "export-plan", "--year", "2024", "--department", "政策部",
                 "--out", str(tmp_path / "plan.json")]) == 0
    held_by_antivirus(monkeypatch, stuck)
    assert main(["--data-dir", str(data_dir), "import-plan", str(tmp_path / "plan.json")]) == 0
    out = capsys.readouterr().out
    assert f"注意: 古いバックアップ（{stuck.name}）を削除できませんでした" in out
    assert "コマンドで取り込む" not in out and "置き換えました" in out, out
