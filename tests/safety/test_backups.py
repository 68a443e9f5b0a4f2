"""Rotating backups, damaged databases set aside, restoring the newest good copy."""

import sqlite3

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
