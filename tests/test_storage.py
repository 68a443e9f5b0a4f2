"""The working database: creation, pragmas, foreign keys, migrations and refusal of newer data."""

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from hoshin_desktop import paths
from hoshin_desktop.domain.models import Goal, Plan, Signer
from hoshin_desktop.storage import repository, schema
from hoshin_desktop.storage.database import WORKING_DB_NAME, open_working
from hoshin_desktop.storage.errors import DatabaseCorrupt, DatabaseTooNew
from hoshin_desktop.storage.reference import build_reference, open_reference


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db(data_dir):
    database = open_working(data_dir, paths.reference_db_path())
    yield database
    database.close()


def test_fresh_database_has_reference_data(db):
    assert repository.policy_years(db) == [2024]
    names = [d.name for d in repository.departments(db, 2024)]
    assert len(names) == 14 and names[0] == "政策部" and "農業委員会事務局" in names
    education = next(d for d in repository.departments(db, 2024) if d.name == "教育部")
    assert education.interviewer == "教育長"
    assert {d.interviewer for d in repository.departments(db, 2024) if d.name != "教育部"} == {"市長・副市長"}
    assert len(repository.load_policy(db, 2024).directives) == 21


def test_pragmas(db):
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema.schema_version()


def test_foreign_keys_are_enforced(db):
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO goals (plan_id, position) VALUES (9999, 0)")


def test_plan_round_trip_and_cascade(db):
    plan = Plan(2024, "政策部", signers=[Signer("政策部長", "山田 太郎"), Signer("担当部長", "鈴木 花子")],
                preamble="前文", goals=[Goal(title="目標1", owner_sections=["政策経営課"], directives=["3(6)", "1(2)"])])
    plan_id = repository.create_plan(db, plan)
    loaded = repository.load_plan(db, plan_id)
    assert [s.name for s in loaded.signers] == ["山田 太郎", "鈴木 花子"]
    assert loaded.goals[0].directives == ["1(2)", "3(6)"]
    assert loaded.goals[0].owner_sections == ["政策経営課"]
    db.execute("DELETE FROM plans WHERE id = ?", [plan_id])  # the schema's cascade (the app never deletes a plan)
    assert db.execute("SELECT count(*) FROM goal_directives").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM goals").fetchone()[0] == 0


def test_unknown_directive_or_section_is_refused(db):
    plan_id = repository.create_plan(db, Plan(2024, "政策部"))
    repository.insert_goals(db, repository.load_plan(db, plan_id), [goal := Goal(title="x")])
    goal_id = goal.id
    with pytest.raises(repository.NotFound, match="9\\(9\\)"):
        repository.set_goal_directives(db, goal_id, ["9(9)"])
    with pytest.raises(repository.NotFound, match="防災安全課"):  # a section of 総務部, not 政策部
        repository.set_goal_sections(db, goal_id, ["防災安全課"])


def test_reopen_keeps_data(data_dir):
    db = open_working(data_dir, paths.reference_db_path())
    repository.create_plan(db, Plan(2024, "総務部", preamble="残る"))
    db.close()
    db = open_working(data_dir, paths.reference_db_path())
    assert repository.load_plan(db, repository.plan_id(db, 2024, "総務部")).preamble == "残る"
    assert repository.policy_years(db) == [2024]  # reference years are not copied twice
    db.close()


def test_newer_database_is_refused_untouched(data_dir):
    open_working(data_dir, paths.reference_db_path()).close()
    path = data_dir / WORKING_DB_NAME
    raw = Database(sqlite3.connect(str(path)))
    raw.table("_sqlite_migrations").insert({"migration_set": schema.MIGRATION_SET, "name": "9999_future", "applied_at": "x"})
    raw.execute("PRAGMA user_version = 99")
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    before = sha(path)
    with pytest.raises(DatabaseTooNew, match="より新しい版"):
        open_working(data_dir, paths.reference_db_path())
    assert sha(path) == before


def test_pending_migration_is_backed_up_first(data_dir, monkeypatch):
    open_working(data_dir, paths.reference_db_path()).close()

    def _add(db):
        db.execute("ALTER TABLE plans ADD COLUMN note TEXT")

    monkeypatch.setattr(schema, "_MIGRATIONS", [*schema._MIGRATIONS, ("0099_test_column", _add)])
    db = open_working(data_dir, paths.reference_db_path())
    assert "note" in db.table("plans").columns_dict
    db.close()
    backups = list((data_dir / "backups").glob("before-migration-*.db"))
    assert len(backups) == 1
    old = Database(backups[0])
    assert "note" not in old.table("plans").columns_dict
    assert len(repository.load_policy(old, 2024).directives) == 21
    old.close()


def test_damaged_database_is_reported_and_kept(data_dir):
    open_working(data_dir, paths.reference_db_path()).close()
    path = data_dir / WORKING_DB_NAME
    path.write_bytes(b"this is not a database" * 100)
    before = sha(path)
    with pytest.raises(DatabaseCorrupt, match="壊れて"):
        open_working(data_dir, paths.reference_db_path())
    assert sha(path) == before


def test_reference_is_read_only():
    ref = open_reference(paths.reference_db_path())
    with pytest.raises(sqlite3.OperationalError):
        ref.execute("DELETE FROM directives")
    ref.close()


# The tables of the bundled reference data, in foreign-key order.
REFERENCE_TABLES = ("policy_documents", "policy_sections", "directives", "policy_references", "departments", "sections")


def dump(db) -> list[tuple]:
    """The reference content as rows, for comparing a committed database with a fresh build."""
    return [(table, *row) for table in REFERENCE_TABLES
            for row in db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()]


def test_committed_reference_equals_fresh_build(tmp_path):
    fresh = build_reference(paths.data_dir() / "sources", tmp_path / "reference.db")
    committed, rebuilt = open_reference(paths.reference_db_path()), open_reference(fresh)
    assert dump(committed) == dump(rebuilt)
    assert len(dump(committed)) > 40
    committed.close()
    rebuilt.close()
