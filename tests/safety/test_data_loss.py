"""The six ways the app used to lose data, each inflicted for real: nothing is lost now.

1. a missing, 0-byte or emptied working database beside backups;
2. backups pruned by the wall clock or pushed out by backups of emptied data;
3. a full disk or a read-only folder taken for damaged data (a real small tmpfs);
4. impossible era years and dates in a policy, and such data already in the database;
5. NaN / Infinity / 1e400 in a plan file;
6. the -wal file deleted under the running app, then the process killed.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from hoshin_desktop.domain.models import PolicyDocument
from hoshin_desktop.domain.policy_parser import PolicyParseError, parse_policy
from hoshin_desktop.services.plan_files import PlanFileError, parse_plan, plan_to_dict
from hoshin_desktop.services.session import Session
from hoshin_desktop.services.startup import CorruptChoice, open_data
from hoshin_desktop.storage import backups, database
from hoshin_desktop.storage.database import WORKING_DB_NAME
from hoshin_desktop.storage.errors import DatabaseCorrupt, DatabaseMissing, StorageError

REPO = Path(__file__).resolve().parents[2]


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
        self.damaged_with.append((type(error), backup.reason if backup else None))
        return self.choice


def work(session, titles=("防災訓練の実施",)):
    editor = session.editor(2024, "政策部")
    for title in titles:
        editor.set_goal_field(editor.add_goal().select, "title", title)
    return editor


def titles(session, year=2024, department="政策部"):
    plan = session.load_plan(year, department)
    return [g.title for g in plan.goals] if plan else []


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- 1. a missing or empty database beside backups is damage, not a first run ------------------------

@pytest.mark.parametrize("harm", ["deleted", "zero bytes", "emptied schema"])
def test_lost_database_is_restored_not_recreated(data_dir, harm):
    opened = open_data(data_dir, Answers())
    work(opened.session, ("残すべき目標",))
    opened.session.close(backup=True)
    path = data_dir / WORKING_DB_NAME
    if harm == "deleted":
        path.unlink()
    elif harm == "zero bytes":
        path.write_bytes(b"")
    else:
        path.unlink()
        sqlite3.connect(path).close()  # a valid SQLite file with nothing in it
    before = snapshot(data_dir / "backups")

    refused = Answers(CorruptChoice.QUIT)
    assert open_data(data_dir, refused).session is None
    assert refused.damaged_with == [(DatabaseMissing, "close")]
    assert snapshot(data_dir / "backups") == before  # no "open" backup of empty data was taken

    answers = Answers(CorruptChoice.RESTORE)
    opened = open_data(data_dir, answers)
    assert titles(opened.session) == ["残すべき目標"]
    opened.session.close()


def test_first_run_is_only_an_empty_folder(data_dir):
    opened = open_data(data_dir, Answers())
    assert opened.session.fiscal_years() == [2024] and titles(opened.session) == []
    opened.session.close()


def test_command_line_refuses_and_names_the_restore_command(data_dir, tmp_path):
    session = Session.open(data_dir)
    work(session, ("コマンドで戻す目標",))
    session.close(backup=True)
    (data_dir / WORKING_DB_NAME).unlink()
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "hoshin_desktop", "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, cwd=REPO, timeout=120)
    refused = run("export-plan", "--year", "2024", "--department", "政策部", "--out", str(tmp_path / "p.json"))
    assert refused.returncode == 1
    assert "見つからないか、空になっています" in refused.stderr and "restore-backup close-" in refused.stderr
    assert not (data_dir / WORKING_DB_NAME).exists()  # nothing recreated
    name = backups.list_backups(data_dir)[0].path.name
    assert run("restore-backup", name).returncode == 0
    assert run("export-plan", "--year", "2024", "--department", "政策部", "--out", str(tmp_path / "p.json")).returncode == 0
    assert "コマンドで戻す目標" in (tmp_path / "p.json").read_text(encoding="utf-8")


# --- 2. pruning keeps what was just taken and the last copies of the user's work -----------------------

def clock_going_backwards(monkeypatch):
    moments = iter(datetime(2030, 1, 1) - timedelta(minutes=n) for n in range(10_000))
    monkeypatch.setattr(backups, "timestamp", lambda: next(moments).strftime("%Y%m%d-%H%M%S-%f"))


def test_clock_set_back_never_deletes_the_fresh_backup(data_dir, monkeypatch):
    session = Session.open(data_dir)
    work(session)
    clock_going_backwards(monkeypatch)
    taken = [session.backup("before-import") for _ in range(backups.KEEP_SPECIAL + 3)]
    listed = backups.list_backups(data_dir)
    assert listed[0].path == taken[-1] and taken[-1].exists()  # newest by sequence, though oldest by clock
    assert [b.path for b in listed] == taken[::-1][:backups.KEEP_SPECIAL]
    session.close()


def test_starts_on_emptied_data_never_push_out_the_last_backup_with_plans(data_dir):
    session = Session.open(data_dir)
    work(session, ("十二件", "のうちの", "三件"))
    full = session.backup("close")
    session.close()
    for _ in range(backups.KEEP + 5):  # e.g. the user chose to start afresh, then started daily
        empty = Session.open(data_dir / "elsewhere")
        backups.take_backup(empty._db, data_dir, "open")  # an open backup of empty data, into the first folder
        empty.close()
    assert full.exists()
    assert len([b for b in backups.list_backups(data_dir) if b.reason == "open"]) == backups.KEEP


def test_rolled_back_data_keeps_the_fuller_older_backup(data_dir):
    session = Session.open(data_dir)
    editor = work(session, [f"目標{n}" for n in range(5)])
    fuller = session.backup("periodic")
    for goal in editor.plan.goals[1:]:  # a sync client put back an old copy: four goals gone
        editor.delete_goal(goal.id)
    for _ in range(backups.KEEP + 3):
        session.backup("open")
    assert fuller.exists()
    assert backups.contents(fuller).goals == 5
    session.close()


def test_ordinary_backups_are_still_pruned(data_dir):
    session = Session.open(data_dir)
    work(session)
    for _ in range(backups.KEEP + 10):
        session.backup("periodic")
    assert len(backups.list_backups(data_dir)) == backups.KEEP
    session.close()


def test_backups_leave_no_sidecar_files(data_dir):
    session = Session.open(data_dir)
    work(session)
    path = session.backup("periodic")
    assert backups.is_good(path) and backups.contents(path).goals == 1
    session.close()
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


# --- 3. a full disk, a read-only folder: the machine's condition, nothing moved ----------------------

@pytest.fixture
def small_disk(tmp_path):
    """A real 1 MB file system (tmpfs), so SQLite meets a true ENOSPC; needs root, as CI has."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def kept(files: dict[str, bytes]) -> dict[str, bytes]:
    """The database and its backups (SQLite's own -wal/-shm and the lock note may come and go)."""
    return {name: data for name, data in files.items() if not name.endswith(("-wal", "-shm", ".lock"))}


def fill(folder: Path) -> None:
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


def test_full_disk_at_start_is_not_called_damage(small_disk):
    data = small_disk / "data"
    session = Session.open(data)
    work(session)
    session.close()
    before = snapshot(data)
    fill(small_disk)
    answers = Answers(CorruptChoice.START_EMPTY)
    with pytest.raises(StorageError) as caught:
        open_data(data, answers)
    assert not isinstance(caught.value, DatabaseCorrupt)
    assert "空き容量" in str(caught.value)
    assert answers.damaged_with == []
    assert kept(snapshot(data)) == kept(before)  # nothing moved, nothing rewritten
    assert not list(data.glob("damaged-*"))
    (small_disk / "filler").unlink()
    opened = open_data(data, Answers())
    assert titles(opened.session) == ["防災訓練の実施"]
    opened.session.close()


def test_full_disk_while_editing_says_so(small_disk):
    session = Session.open(small_disk / "data")
    editor = work(session)
    fill(small_disk)
    with pytest.raises(StorageError, match="空き容量"):
        editor.set_goal_field(editor.plan.goals[0].id, "actions", "取組" * 200_00)
    (small_disk / "filler").unlink()
    session.close()
    reopened = Session.open(small_disk / "data")
    assert titles(reopened) == ["防災訓練の実施"]
    reopened.close()


def test_read_only_folder_is_not_called_damage(small_disk):
    data = small_disk / "data"
    session = Session.open(data)
    work(session)
    session.close()
    before = snapshot(data)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        answers = Answers(CorruptChoice.START_EMPTY)
        with pytest.raises(StorageError) as caught:
            open_data(data, answers)
        assert not isinstance(caught.value, DatabaseCorrupt)
        assert "書き込" in str(caught.value)
        assert answers.damaged_with == []
        assert kept(snapshot(data)) == kept(before) and not list(data.glob("damaged-*"))
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)


# --- 4. impossible years and dates are refused before anything is written ---------------------------

def policy_text(seed_text, *, title=None, issued=None):
    lines = seed_text.splitlines()
    for i, line in enumerate(lines):
        if title and line.strip().endswith("基本方針") and "年度" in line:
            lines[i] = title
            title = None
        elif issued and line.strip().startswith("令和") and line.strip().endswith("日"):
            lines[i] = issued
            issued = None
    return "\n".join(lines)


@pytest.mark.parametrize("title, issued, message", [
    ("令和0年度市政運営の基本方針", None, "令和0年度は扱えません"),
    ("令和99999年度市政運営の基本方針", None, "扱えません"),
    ("令和" + "9" * 5000 + "年度市政運営の基本方針", None, "年度"),
    (None, "令和元年4月30日", "令和は元年5月1日から"),
    (None, "令和6年2月30日", "2月30日という日はありません"),
    (None, "令和0年3月1日", "令和0年という年はありません"),
])
def test_impossible_era_dates_are_refused(seed_text, title, issued, message):
    with pytest.raises(PolicyParseError, match=message):
        parse_policy(policy_text(seed_text, title=title, issued=issued))


def test_first_day_of_reiwa_is_accepted(seed_text):
    document = parse_policy(policy_text(seed_text, issued="令和元年5月1日"))
    assert document.issued_on.isoformat() == "2019-05-01"


def test_app_opens_whatever_years_the_database_holds(session, seed_text):
    document = parse_policy(seed_text)
    for year, issued in ((2018, document.issued_on.replace(year=2019, month=4, day=30)),
                         (101017, document.issued_on)):
        odd = PolicyDocument(**{**document.__dict__, "fiscal_year": year, "issued_on": issued})
        session.store_policy(odd, replace=False)
        editor = session.editor(year, "政策部")  # a new plan: date, preamble from the odd policy
        editor.set_goal_field(editor.add_goal().select, "title", "開ける")
        assert titles(session, year) == ["開ける"]
    session.close()
    reopened = Session.open(session.data_dir)
    assert set(reopened.fiscal_years()) >= {2018, 2024, 101017}
    reopened.close()


# --- 5. numbers JSON can spell but the app cannot keep ---------------------------------------------

@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1" + "0" * 30,
                                     "9" * 5000, str(2**70)])
@pytest.mark.parametrize("where", ["extra", "goal extra", "nested extra", "revision"])
def test_unkeepable_numbers_are_refused_with_their_place(session, literal, where):
    editor = work(session)
    session._db.wal_guard.settle()  # the last write's copy into hoshin.db runs on its own thread
    before = snapshot(session.data_dir)
    data = plan_to_dict(editor.plan)
    if where == "extra":
        data["memo"] = "@"
        expected = "memo"
    elif where == "goal extra":
        data["goals"][0]["score"] = "@"
        expected = "goals[0].score"
    elif where == "nested extra":
        data["history"] = [{"points": [1, "@"]}]
        expected = "history[0].points[1]"
    else:
        data["revision"] = "@"
        expected = "revision"
    raw = json.dumps(data, ensure_ascii=False).replace('"@"', literal).encode("utf-8")
    with pytest.raises(PlanFileError) as caught:
        parse_plan(session, raw)
    problem = caught.value.problems[0]
    assert f"（場所: {expected}）" in problem and "数値" in problem
    assert snapshot(session.data_dir) == before


# --- 6. the -wal file deleted under the running app ---------------------------------------------------

@pytest.mark.skipif(sys.platform == "win32", reason="Windows does not let an open -wal file be deleted")
def test_deleted_wal_is_noticed_and_nothing_is_lost_when_the_app_dies(data_dir):
    child = textwrap.dedent(f"""
        import os, sys
        from pathlib import Path
        from hoshin_desktop.services.session import Session
        session = Session.open(Path({str(data_dir)!r}))
        session._db.execute("PRAGMA wal_autocheckpoint = 0")  # every edit stays in the -wal file
        editor = session.editor(2024, "政策部")
        editor.set_goal_field(editor.add_goal().select, "title", "消される前の入力")
        os.remove({str(data_dir / WORKING_DB_NAME)!r} + "-wal")  # a cleanup tool
        editor.set_goal_field(editor.add_goal().select, "title", "消された後の入力")
        print("|".join(session.take_notices()))
        sys.stdout.flush()
        os._exit(0)  # the process dies without closing anything
    """)
    done = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "hoshin.db-wal" in done.stdout and "失われていません" in done.stdout
    reopened = Session.open(data_dir)
    assert titles(reopened) == ["消される前の入力", "消された後の入力"]
    reopened.close()


def test_wal_check_is_quiet_when_nothing_happened(session):
    work(session)
    assert session.take_notices() == []
    assert database.wal_missing(session._db, session.data_dir / WORKING_DB_NAME) is False


def test_database_left_by_older_names_still_lists(data_dir):
    session = Session.open(data_dir)
    work(session)
    old = backups.backup_dir(data_dir) / "close-20240101-120000-000000.db"
    shutil.copyfile(session.backup("periodic"), old)
    listed = backups.list_backups(data_dir)
    assert listed[-1].path == old and listed[-1].sequence == 0
    session.close()


def test_partial_files_of_a_killed_app_are_removed(data_dir):
    Session.open(data_dir).close()
    (data_dir / "backups").mkdir(exist_ok=True)
    stale = [data_dir / "hoshin.db.new", data_dir / "hoshin.db.restoring", data_dir / "backups" / "close-000003-20240101-120000-000000.db.tmp"]
    fresh = data_dir / "backups" / "periodic-000004-20240101-120000-000000.db.tmp"  # another process may be writing it
    kept = data_dir / "hoshin.db.new.txt"  # not ours
    old = datetime.now().timestamp() - database.LEFTOVER_AGE_S - 60
    for path in stale + [fresh, kept]:
        path.write_bytes(b"")
    for path in stale + [kept]:
        os.utime(path, (old, old))
    Session.open(data_dir).close()
    assert [p.exists() for p in stale] == [False, False, False]
    assert fresh.exists() and kept.exists()
