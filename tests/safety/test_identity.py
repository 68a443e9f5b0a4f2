"""A file that is not the app's data is never adopted, migrated, backed up or restored.

Inflicted for real: another program's database in place of hoshin.db, another database's
-wal beside a good hoshin.db, a hostile "backup" with a table named plans, a backup of a newer
version. Each is refused with a Japanese message, the files stay byte for byte, the user's work
comes back from the newest good backup, and restoring one of the app's own backups always works.
"""

import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from hoshin_desktop.services.restore import restore_backup
from hoshin_desktop.services.session import Session
from hoshin_desktop.services.startup import CorruptChoice, open_data
from hoshin_desktop.storage import backups, schema
from hoshin_desktop.storage.backups import BackupRefused
from hoshin_desktop.storage.database import WORKING_DB_NAME
from hoshin_desktop.storage.errors import DatabaseForeign

REPO = Path(__file__).resolve().parents[2]
SAMPLES = Path(__file__).resolve().parents[1] / "samples"
TWELVE = [f"目標{n}" for n in range(1, 13)]


class Answers:
    def __init__(self, choice=CorruptChoice.QUIT):
        self.choice = choice
        self.damaged_with = []

    def already_running(self, info):
        pass

    def recovered_after_crash(self, info):
        pass

    def network_location(self, data_dir):
        return True

    def damaged(self, error, backup):
        self.damaged_with.append((error, backup))
        return self.choice


def titles(session):
    plan = session.load_plan(2024, "政策部")
    return [g.title for g in plan.goals] if plan else []


def twelve_goals(data_dir: Path) -> None:
    """The user's work, closed normally (a close backup, no -wal left)."""
    session = Session.open(data_dir)
    editor = session.editor(2024, "政策部")
    for title in TWELVE:
        editor.set_goal_field(editor.add_goal().select, "title", title)
    session.close(backup=True)


def foreign_database(path: Path, *, keep_wal: bool = False) -> sqlite3.Connection | None:
    """Another program's SQLite file (an address book), in WAL mode like many are."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")  # what it writes stays in its -wal file
    conn.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)")
    conn.executemany("INSERT INTO contacts (name) VALUES (?)", [(f"連絡先{n}",) for n in range(50)])
    if keep_wal:
        return conn
    conn.close()
    return None


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run_cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hoshin_desktop", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, cwd=REPO, timeout=120)


def test_the_list_of_tables_is_every_table_the_migrations_make(session):
    with closing(sqlite3.connect(session.data_dir / WORKING_DB_NAME)) as conn:
        made = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert made == schema.TABLES


def test_new_data_carries_the_identity_and_its_backups_too(session):
    backup = session.backup("periodic")
    for path in (session.data_dir / WORKING_DB_NAME, backup):
        with closing(sqlite3.connect(path)) as conn:
            assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
            assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.schema_version()


# --- another program's database in place of hoshin.db ------------------------------------------------

def test_foreign_database_is_kept_aside_untouched_and_the_backup_restored(data_dir):
    twelve_goals(data_dir)
    path = data_dir / WORKING_DB_NAME
    path.unlink()
    foreign_database(path)  # a sync conflict put another program's file in its place
    foreign = files(data_dir)
    kept_backups = files(data_dir / "backups")

    refused = Answers(CorruptChoice.QUIT)
    assert open_data(data_dir, refused).session is None
    (error, offered), = refused.damaged_with
    assert isinstance(error, DatabaseForeign) and "このアプリの作業データではありません" in str(error)
    assert offered is not None and offered.reason == "close"
    assert files(data_dir) == foreign  # not migrated, not backed up, not written

    opened = open_data(data_dir, Answers(CorruptChoice.RESTORE))
    assert titles(opened.session) == TWELVE
    opened.session.close()
    aside, = data_dir.glob("damaged-*")
    assert (aside / WORKING_DB_NAME).read_bytes() == foreign[WORKING_DB_NAME]  # kept, byte for byte
    assert set(kept_backups) <= set(files(data_dir / "backups"))


def test_foreign_database_without_backups_can_start_afresh_and_is_kept(data_dir):
    data_dir.mkdir()
    foreign_database(data_dir / WORKING_DB_NAME)
    foreign = (data_dir / WORKING_DB_NAME).read_bytes()
    answers = Answers(CorruptChoice.START_EMPTY)
    opened = open_data(data_dir, answers)
    assert answers.damaged_with[0][1] is None  # no backup to offer
    assert opened.session.fiscal_years() == [2024] and titles(opened.session) == []
    opened.session.close()
    assert (next(data_dir.glob("damaged-*")) / WORKING_DB_NAME).read_bytes() == foreign


def test_an_earlier_version_that_adopted_a_foreign_database_is_not_trusted(data_dir):
    """Versions before the identity migrated whatever they found: their own tables beside another's."""
    twelve_goals(data_dir)
    path = data_dir / WORKING_DB_NAME
    path.unlink()
    foreign_database(path)
    shutil.copy(SAMPLES / "schema_0001.db", data_dir / "schema.db")
    with closing(sqlite3.connect(path)) as conn:  # the old app's tables and records, added to the foreign file
        conn.execute("ATTACH ? AS old", [str(data_dir / "schema.db")])
        for (sql,) in conn.execute("SELECT sql FROM old.sqlite_master WHERE type = 'table'").fetchall():
            conn.execute(sql)
        conn.execute("INSERT INTO _sqlite_migrations SELECT * FROM old._sqlite_migrations")
        conn.commit()
    (data_dir / "schema.db").unlink()
    answers = Answers(CorruptChoice.QUIT)
    assert open_data(data_dir, answers).session is None
    assert isinstance(answers.damaged_with[0][0], DatabaseForeign)


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("schema_*.db")), ids=lambda p: p.name)
def test_data_of_earlier_versions_is_recognised_and_stamped(sample, data_dir):
    data_dir.mkdir()
    shutil.copy(sample, data_dir / WORKING_DB_NAME)
    session = Session.open(data_dir)
    assert [g.title for g in session.load_plan(2024, "政策部").goals]
    session.close()
    with closing(sqlite3.connect(data_dir / WORKING_DB_NAME)) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID


# --- another database's -wal beside a good hoshin.db ---------------------------------------------------

def test_foreign_wal_is_never_replayed_into_the_users_data(data_dir, tmp_path):
    twelve_goals(data_dir)
    other = tmp_path / "other.db"
    holder = foreign_database(other, keep_wal=True)  # still open: its -wal and -shm are there
    path = data_dir / WORKING_DB_NAME
    shutil.copyfile(f"{other}-wal", f"{path}-wal")
    shutil.copyfile(f"{other}-shm", f"{path}-shm")
    holder.close()
    before = files(data_dir)
    kept_backups = files(data_dir / "backups")

    refused = Answers(CorruptChoice.QUIT)
    assert open_data(data_dir, refused).session is None
    error, offered = refused.damaged_with[0]
    assert isinstance(error, DatabaseForeign) and "hoshin.db-wal" in str(error)
    assert offered.reason == "close"
    assert files(data_dir) == before  # the database and the -wal as they were: nothing replayed
    assert not [b for b in backups.list_backups(data_dir) if b.reason == "before-migration"]

    opened = open_data(data_dir, Answers(CorruptChoice.RESTORE))
    assert titles(opened.session) == TWELVE
    opened.session.close()
    aside, = data_dir.glob("damaged-*")
    assert files(aside) == {name: before[name] for name in (WORKING_DB_NAME, f"{WORKING_DB_NAME}-wal",
                                                             f"{WORKING_DB_NAME}-shm")}
    assert set(kept_backups) <= set(files(data_dir / "backups"))
    with closing(sqlite3.connect(aside / WORKING_DB_NAME)) as conn:  # the user's own file, intact underneath
        conn.execute("PRAGMA journal_mode")  # (replays the foreign -wal into this copy only)


def test_foreign_wal_on_the_command_line_says_so_and_changes_nothing(data_dir, tmp_path):
    twelve_goals(data_dir)
    other = tmp_path / "other.db"
    holder = foreign_database(other, keep_wal=True)
    shutil.copyfile(f"{other}-wal", data_dir / f"{WORKING_DB_NAME}-wal")
    holder.close()
    before = files(data_dir)
    done = run_cli(data_dir, "export-plan", "--year", "2024", "--department", "政策部", "--out", str(tmp_path / "p.json"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "このアプリのデータのものではありません" in done.stderr and "restore-backup close-" in done.stderr
    assert files(data_dir) == before


# --- restore-backup: a hostile file is refused; the app's own backups always restore ---------------------

def hostile_backup(path: Path) -> Path:
    """A SQLite file with a table named plans: what the old check let through."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE plans (id INTEGER PRIMARY KEY, what TEXT)")
        conn.execute("INSERT INTO plans (what) VALUES ('not a plan')")
        conn.commit()
    return path


def newer_backup(data_dir: Path, target: Path) -> Path:
    shutil.copyfile(backups.list_backups(data_dir)[0].path, target)
    with closing(sqlite3.connect(target)) as conn:
        conn.execute(f"PRAGMA user_version = {schema.schema_version() + 1}")
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('hoshin', '9999_future', '')")
        conn.commit()
    return target


@pytest.mark.parametrize("kind, message", [
    ("hostile", "このアプリのデータのバックアップではありません"),
    ("newer", "より新しい版"),
    ("damaged", "壊れている"),
])
def test_restore_backup_refuses_and_changes_nothing(data_dir, tmp_path, kind, message):
    twelve_goals(data_dir)
    if kind == "hostile":
        offered = hostile_backup(tmp_path / "backup.db")
    elif kind == "newer":
        offered = newer_backup(data_dir, tmp_path / "backup.db")
    else:
        offered = tmp_path / "backup.db"
        shutil.copyfile(backups.list_backups(data_dir)[0].path, offered)
        raw = bytearray(offered.read_bytes())
        raw[len(raw) // 2:len(raw) // 2 + 4000] = b"\xa5" * 4000  # a damaged page in the middle
        offered.write_bytes(bytes(raw))
    before = files(data_dir)
    done = run_cli(data_dir, "restore-backup", str(offered))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert message in done.stderr
    assert files(data_dir) == before  # no before-restore backup either: nothing happened

    session = Session.open(data_dir)
    with pytest.raises(BackupRefused, match=message):
        restore_backup(session, offered)
    assert titles(session) == TWELVE
    session.close()


def test_restore_backup_works_whatever_state_the_working_data_is_in(data_dir, tmp_path):
    twelve_goals(data_dir)
    own = backups.list_backups(data_dir)[0].path.name
    path = data_dir / WORKING_DB_NAME
    for state in ("hostile", "foreign", "newer", "garbage", "missing"):
        if state == "hostile":  # what the old restore left: a file with plans but none of the app's records
            path.unlink()
            hostile_backup(path)
        elif state == "foreign":
            path.unlink()
            foreign_database(path)
        elif state == "newer":
            newer_backup(data_dir, path)
        elif state == "garbage":
            path.write_bytes(b"SQLite format 3\x00" + b"\x13" * 9000)
        else:
            path.unlink()
        done = run_cli(data_dir, "restore-backup", own)
        assert done.returncode == 0, (state, done.stderr)
        assert "復元しました" in done.stdout
        session = Session.open(data_dir)
        assert titles(session) == TWELVE, state
        session.close()
    assert len(list(data_dir.glob("damaged-*"))) == 4  # every replaced file kept (none when it was missing)


def test_hostile_file_in_the_backups_folder_is_never_offered(data_dir):
    twelve_goals(data_dir)
    named_like_a_backup = backups.backup_dir(data_dir) / "close-999999-20991231-235959-000000.db"
    hostile_backup(named_like_a_backup)
    assert backups.newest_good_backup(data_dir).path != named_like_a_backup
    with pytest.raises(BackupRefused):
        backups.open_read_only(named_like_a_backup)
