"""Databases written by every earlier schema version open, are backed up and migrated."""

import hashlib
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from hoshin_desktop.services.session import Session
from hoshin_desktop.storage import schema
from hoshin_desktop.storage.database import WORKING_DB_NAME


def applied(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    finally:
        conn.close()


SAMPLES = sorted((Path(__file__).resolve().parents[1] / "samples").glob("schema_*.db"))


def test_there_is_a_sample_of_the_current_schema():
    names = {p.stem.removeprefix("schema_") for p in SAMPLES}
    assert schema.known_migrations()[-1].split("_")[0] in names


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
def test_sample_opens_migrated_with_its_plan(sample, data_dir):
    data_dir.mkdir(parents=True)
    shutil.copy(sample, data_dir / WORKING_DB_NAME)
    original = hashlib.sha256(sample.read_bytes()).hexdigest()
    session = Session.open(data_dir)
    try:
        with closing(sqlite3.connect(data_dir / WORKING_DB_NAME)) as migrated:  # read as another program would
            assert migrated.execute("PRAGMA user_version").fetchone()[0] == schema.schema_version()
        assert sorted(applied(data_dir / WORKING_DB_NAME)) == sorted(schema.known_migrations())  # none pending
        plan = session.load_plan(2024, "政策部")
        assert [s.name for s in plan.signers] == ["見本 太郎", "見本 花子"]
        parent, child = plan.goals
        assert parent.directives == ["1(2)", "3(6)"] and parent.owner_sections == ["政策経営課"]
        assert child.parent == parent.id
        assert plan.answer("1(2)").startswith("*新庁舎移転")
    finally:
        session.close()
    version = sample.stem.removeprefix("schema_")
    if version != schema.known_migrations()[-1].split("_")[0]:
        backups = list((data_dir / "backups").glob("before-migration-*.db"))
        assert len(backups) == 1
        assert applied(backups[0]) == applied(sample)  # the copy is of the database before migrating
    assert hashlib.sha256(sample.read_bytes()).hexdigest() == original
