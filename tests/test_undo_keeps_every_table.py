"""Undo reverses only the rows its step wrote: a row another feature keeps under a plan or a goal
survives the undo of an unrelated edit, in every table the schema hangs under plans, now and later.

The tables are found by walking the schema (foreign keys into plans, transitively), not listed
here; a table made after this test was written (``later_goal_notes`` below stands in for the
reviews, ledgers and mappings to come) is covered the same way. Rows are written as another
program would, through a connection of their own.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from itertools import islice, product

import pytest

from hoshin_desktop.services.session import Session
from hoshin_desktop.storage.database import WORKING_DB_NAME
from hoshin_desktop.storage.row_log import plan_tables

LATER_TABLE = """CREATE TABLE later_goal_notes (
    id INTEGER PRIMARY KEY,
    goal_id INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    note TEXT NOT NULL
)"""


def _connect(data_dir):
    conn = sqlite3.connect(data_dir / WORKING_DB_NAME, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    return closing(conn)


@pytest.fixture
def plan_with_goals(data_dir):
    """A stored plan with two pinned goals, and a table a later version of the app might add."""
    session = Session.open(data_dir)
    session.editor(2024, "総務部").set_preamble("ほかの部の計画")
    editor = session.editor(2024, "政策部")
    kept, edited = editor.add_goal().select, editor.add_goal().select
    for goal, code in ((kept, "1(2)"), (edited, "3(6)")):
        editor.set_goal_field(goal, "title", f"目標 {code}")
        editor.set_owner_sections(goal, ["政策経営課"])
        editor.pin(goal, code)
    editor.set_answer("1(2)", "＊部の方針")
    session.close()
    with _connect(data_dir) as conn:
        conn.execute(LATER_TABLE)
    return kept, edited


def _tables_under_plans(conn) -> list[str]:
    found = plan_tables(conn)
    assert {"plans", "goals", "goal_sections", "goal_directives", "answers", "signers", "later_goal_notes"} <= set(found)
    return [t for t in found if t != "plans"]


def _columns(conn, table):
    return [(row[1], row[2].upper(), bool(row[3]), row[4] is not None, bool(row[5]))
            for row in conn.execute(f'PRAGMA table_info("{table}")')]


def _candidates(conn, table: str, column: str, kind: str, targets: dict) -> list | None:
    """Values a column may take: for a key, rows of the table it refers to (``targets`` first)."""
    for fk in conn.execute(f'PRAGMA foreign_key_list("{table}")'):
        if fk[3] == column:
            first = targets.get(fk[2], [])
            rest = [r[0] for r in conn.execute(f'SELECT "{fk[4] or "rowid"}" FROM "{fk[2]}" ORDER BY rowid DESC LIMIT 20')]
            return first + [value for value in rest if value not in first]
    if kind in ("INTEGER", "REAL"):
        return [7, 1, 0]
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    return ["2024-04-01", "別の機能が書いた行", *re.findall(r"'([^']*)'", sql)]  # CHECK lists, defaults


def write_a_row(conn, table: str, targets: dict) -> int:
    """Insert one row that fits ``table`` (its keys pointing at ``targets``, table → ids); its rowid."""
    columns = _columns(conn, table)
    single_key = sum(c[4] for c in columns) == 1
    choices = {}
    for name, kind, not_null, has_default, primary in columns:
        if primary and kind == "INTEGER" and single_key:
            continue  # the rowid
        values = _candidates(conn, table, name, kind, targets)
        is_key = values is not None and any(fk[3] == name for fk in conn.execute(f'PRAGMA foreign_key_list("{table}")'))
        if is_key or (not_null and not has_default) or primary:
            choices[name] = values
    names = list(choices)
    for values in islice(product(*(choices[n] for n in names)), 2000):  # the first that no constraint refuses
        try:
            cursor = conn.execute(f'INSERT INTO "{table}" ({", ".join(names)}) VALUES ({", ".join("?" * len(names))})',
                                  values)
            return cursor.lastrowid
        except sqlite3.IntegrityError:
            continue
    raise AssertionError(f"could not write a row into {table}")


def write_rows(conn, session, tables, goals, other_plan) -> dict[str, int]:
    """A row in every table; one that would fix (確定) the plan goes to another plan instead:
    edits are refused while it exists, so it is no unrelated row for this plan."""
    this_plan = session.load_plan(2024, "政策部").id
    rows = {}
    for table in tables:
        rows[table] = write_a_row(conn, table, {"goals": goals, "plans": [this_plan]})
        if session.load_plan(2024, "政策部").lock is not None:
            conn.execute(f'DELETE FROM "{table}" WHERE rowid = ?', [rows[table]])
            rows[table] = write_a_row(conn, table, {"goals": goals, "plans": [other_plan]})
    return rows


def _exists(conn, table, rowid) -> bool:
    return conn.execute(f'SELECT count(*) FROM "{table}" WHERE rowid = ?', [rowid]).fetchone()[0] == 1


EDITS = {
    "typing": lambda editor, goal: editor.set_goal_field(goal, "actions", "取組内容を書いた"),
    "pin": lambda editor, goal: editor.pin(goal, "2(1)"),
    "sections": lambda editor, goal: editor.set_owner_sections(goal, []),
    "add": lambda editor, goal: editor.add_goal(after=goal),
    "move": lambda editor, goal: editor.move_goal(goal, 0),
    "cover": lambda editor, goal: editor.set_signers([]),
    "answer": lambda editor, goal: editor.set_answer("3(6)", "＊別の方針"),
}


@pytest.mark.parametrize("edit", EDITS)
@pytest.mark.parametrize("when", ["before the edit", "between the edit and its undo"])
def test_a_row_of_every_table_under_plans_survives_undoing_an_unrelated_edit(plan_with_goals, data_dir, edit, when):
    kept, edited = plan_with_goals
    session = Session.open(data_dir)
    try:
        other = session.load_plan(2024, "総務部").id
        with _connect(data_dir) as conn:
            tables = _tables_under_plans(conn)
            rows = write_rows(conn, session, tables, [kept, edited], other) if when == "before the edit" else {}
        editor = session.editor(2024, "政策部")
        EDITS[edit](editor, edited)
        with _connect(data_dir) as conn:
            rows = rows or write_rows(conn, session, tables, [kept, edited], other)
        edited_plan = session.load_plan(2024, "政策部")
        editor.undo()
        with _connect(data_dir) as conn:
            lost = [t for t, rowid in rows.items() if not _exists(conn, t, rowid)]
        assert lost == [], f"undoing 「{edit}」 deleted rows of {lost}"
        editor.redo()
        assert session.load_plan(2024, "政策部") == edited_plan
    finally:
        session.close()


def test_deleting_a_goal_and_undoing_brings_back_the_rows_under_it(plan_with_goals, data_dir):
    kept, edited = plan_with_goals
    with _connect(data_dir) as conn:
        conn.execute("INSERT INTO later_goal_notes (goal_id, note) VALUES (?, '中間の確認')", [edited])
    session = Session.open(data_dir)
    try:
        editor = session.editor(2024, "政策部")
        editor.delete_goal(edited)
        with _connect(data_dir) as conn:
            assert conn.execute("SELECT count(*) FROM later_goal_notes").fetchone()[0] == 0  # cascaded away
        editor.undo()
        with _connect(data_dir) as conn:
            assert conn.execute("SELECT goal_id, note FROM later_goal_notes").fetchall() == [(edited, "中間の確認")]
        restored = editor.plan.goal(edited)
        assert (restored.title, restored.directives, restored.owner_sections) == ("目標 3(6)", ["3(6)"], ["政策経営課"])
    finally:
        session.close()


def _recorders(session: Session) -> list[str]:
    return [row[0] for row in session._db.conn.execute("SELECT name FROM sqlite_temp_master WHERE type = 'trigger'")]


def test_the_recorder_is_made_by_the_first_edit_and_its_undo_is_whole(data_dir):
    """Opening and reading make no triggers (the window's start does not pay for them); the first edit
    makes them before it writes, so that edit is undone like any other."""
    session = Session.open(data_dir)
    try:
        editor = session.editor(2024, "政策部")
        session.policy(2024)
        assert _recorders(session) == []
        goal = editor.add_goal().select
        editor.set_goal_field(goal, "title", "最初の編集")
        assert _recorders(session)
        editor.undo()
        editor.undo()
        assert [g.title for g in session.load_plan(2024, "政策部").goals] == []
        editor.redo()
        assert [g.id for g in session.load_plan(2024, "政策部").goals] == [goal]
    finally:
        session.close()
