"""The storage connection: statements through sqlite3, table writes through sqlite-utils when first needed."""

import sqlite3
import sys

import pytest

from hoshin_desktop.storage.connection import Database


@pytest.fixture
def db(tmp_path):
    database = Database(sqlite3.connect(str(tmp_path / "t.db")))
    database.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)")
    yield database
    database.close()


def _count(tmp_path) -> int:
    other = sqlite3.connect(str(tmp_path / "t.db"))  # what another connection (a backup) sees
    try:
        return other.execute("SELECT count(*) FROM items").fetchone()[0]
    finally:
        other.close()


def test_a_write_outside_a_transaction_is_committed_at_once(db, tmp_path):
    db.execute("INSERT INTO items (name) VALUES (?)", ("一",))
    assert not db.conn.in_transaction
    assert _count(tmp_path) == 1


def test_a_failed_write_leaves_no_transaction_open(db, tmp_path):
    db.execute("INSERT INTO items (name) VALUES ('一')")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO items (name) VALUES ('一')")
    assert not db.conn.in_transaction
    db.execute("INSERT INTO items (name) VALUES ('二')")
    assert _count(tmp_path) == 2


def test_atomic_rolls_back_the_whole_block_and_nested_blocks_are_savepoints(db, tmp_path):
    with pytest.raises(RuntimeError):
        with db.atomic():
            db.table("items").insert({"name": "一"})
            raise RuntimeError("interrupted")
    assert _count(tmp_path) == 0
    with db.atomic():
        db.table("items").insert({"name": "一"})
        with pytest.raises(sqlite3.IntegrityError):
            with db.atomic():
                db.table("items").insert({"name": "二"})
                db.table("items").insert({"name": "一"})  # the inner block fails alone
    assert [row[0] for row in db.execute("SELECT name FROM items")] == ["一"]
    assert _count(tmp_path) == 1


def test_reads_do_not_load_sqlite_utils_and_table_writes_use_it(tmp_path, monkeypatch):
    for name in [m for m in sys.modules if m == "sqlite_utils" or m.startswith("sqlite_utils.")]:
        monkeypatch.delitem(sys.modules, name)
    database = Database(sqlite3.connect(":memory:"))
    database.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)")
    database.execute("SELECT * FROM items").fetchall()
    assert "sqlite_utils" not in sys.modules
    assert database.table("items").insert({"name": "一"}).last_pk == 1
    assert "sqlite_utils" in sys.modules
    assert database.utils.conn is database.conn


def test_single_rows_and_nested_blocks_are_written_without_sqlite_utils(tmp_path, monkeypatch):
    for name in [m for m in sys.modules if m == "sqlite_utils" or m.startswith("sqlite_utils.")]:
        monkeypatch.delitem(sys.modules, name)
    database = Database(sqlite3.connect(str(tmp_path / "t.db")))
    database.execute('CREATE TABLE "odd items" (id INTEGER PRIMARY KEY, name TEXT UNIQUE, "the size" INTEGER)')
    with database.atomic():
        first = database.insert("odd items", {"name": "一", "the size": 1})
        with pytest.raises(sqlite3.IntegrityError), database.atomic():
            database.insert("odd items", {"name": "二", "the size": 2})
            database.insert("odd items", {"name": "一", "the size": 3})  # the inner block fails alone
        database.update("odd items", first, {"the size": 10})
        with pytest.raises(LookupError):
            database.update("odd items", first + 100, {"the size": 0})
    database.close()
    assert "sqlite_utils" not in sys.modules
    other = sqlite3.connect(str(tmp_path / "t.db"))
    assert other.execute('SELECT id, name, "the size" FROM "odd items"').fetchall() == [(first, "一", 10)]
    other.close()


def test_a_session_opens_without_sqlite_utils_and_loads_it_before_the_first_edit(tmp_path, monkeypatch):
    from hoshin_desktop.services.session import Session

    Session.open(tmp_path / "data").close()  # the first start builds the data (migrations use sqlite-utils)
    for name in [m for m in sys.modules if m == "sqlite_utils" or m.startswith("sqlite_utils.")]:
        monkeypatch.delitem(sys.modules, name)
    session = Session.open(tmp_path / "data")
    try:
        assert session.load_plan(2024, "政策部") is None and session.fiscal_years()
        assert "sqlite_utils" not in sys.modules
        session.prepare_for_edits()  # the window calls it after its first paint
        assert "sqlite_utils" in sys.modules
    finally:
        session.close()
