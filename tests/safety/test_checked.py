"""A start checks every page of the working data (PRAGMA quick_check) unless the file is byte for byte
the one that last passed the check: then it reads it once for its CRC-32 (storage/checked.py). Damage
since then, even of the same size and time, is found and refused as before."""

import os

import pytest

from hoshin_desktop import paths
from hoshin_desktop.services.session import Session
from hoshin_desktop.storage import checked, database
from hoshin_desktop.storage.database import WORKING_DB_NAME, open_working
from hoshin_desktop.storage.errors import DatabaseCorrupt


@pytest.fixture
def checks(monkeypatch):
    """Every quick_check run, by the file it checked."""
    made = []
    check = database.quick_check

    def counted(db, path):
        made.append(path)
        check(db, path)

    monkeypatch.setattr(database, "quick_check", counted)
    return made


def a_session_that_writes(data_dir, text="前文"):
    session = Session.open(data_dir)
    session.editor(2024, "政策部").set_preamble(text)
    return session


def test_a_start_after_a_session_that_wrote_reads_the_file_instead_of_checking_it(data_dir, checks):
    a_session_that_writes(data_dir).close()
    assert len(checks) == 2  # the first start's, then the end's: the session wrote
    path = data_dir / WORKING_DB_NAME
    assert checked.passed(path, checked.fingerprint(path))
    Session.open(data_dir).close()
    assert len(checks) == 2  # neither the start nor the end of a session that only read
    assert Session.open(data_dir).load_plan(2024, "政策部").preamble == "前文"


def test_damage_of_the_same_size_and_time_is_still_found_and_the_file_kept(data_dir):
    a_session_that_writes(data_dir).close()
    path = data_dir / WORKING_DB_NAME
    before = path.stat()
    damaged = path.read_bytes()[:4096] + b"\xde\xad" * ((before.st_size - 4096) // 2)
    path.write_bytes(damaged)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    with pytest.raises(DatabaseCorrupt):
        open_working(data_dir, paths.reference_db_path())
    assert path.read_bytes() == damaged


def test_a_session_that_did_not_end_is_checked_at_the_next_start(data_dir, checks):
    session = a_session_that_writes(data_dir)
    session._db.wal_guard.settle()  # its thread ends as the process would
    session._db.conn.close()  # as if the app had been killed: no check at the end, no note
    assert len(checks) == 1
    Session.open(data_dir).close()
    assert len(checks) > 1  # its -wal replayed on a copy and checked, then the file


def test_damage_found_at_the_end_leaves_no_note(data_dir, monkeypatch):
    session = a_session_that_writes(data_dir)

    def damaged(db, path):
        raise DatabaseCorrupt(path, "page 3 is never used")

    monkeypatch.setattr(database, "quick_check", damaged)
    session.close()
    path = data_dir / WORKING_DB_NAME
    assert not path.with_name(path.name + checked.SUFFIX).exists()
    assert not checked.passed(path, checked.fingerprint(path))  # the next start checks it
