"""The schema of the working and reference databases, changed only through migrations.

Add a new migration at the end for every change; never edit one that has shipped.
``known_migrations()`` lets the app refuse a database written by a newer version.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING

from .connection import Database

if TYPE_CHECKING:
    import sqlite_utils

    Migrating = sqlite_utils.Database  # what sqlite-utils hands each migration step

MIGRATION_SET = "hoshin"  # the set's name in sqlite-utils' _sqlite_migrations table
# PRAGMA application_id of the working data ("HSDK"): set when the file is made, so that a
# SQLite file of another program put in its place is never taken for the user's data.
APPLICATION_ID = 0x4853444B
# Every table the migrations below make (tests/safety/test_identity.py checks the list).
TABLES = frozenset({
    "_sqlite_migrations", "policy_documents", "policy_sections", "directives", "policy_references",
    "departments", "sections", "plans", "signers", "answers", "goals", "goal_sections", "goal_directives",
    "review_marks", "instruction_givers", "goal_reviews", "instructions", "plan_locks", "plan_unlocks",
    "directive_mappings", "directive_mapping_pairs", "plan_snapshots", "plan_receipts", "export_ledger",
    "plan_handovers", "goal_handover_notes", "dropped_directives", "department_predecessors", "section_predecessors"})
# What the first migration made: working data of any version has at least these.
_FIRST_TABLES = frozenset({"_sqlite_migrations", "policy_documents", "departments", "sections", "plans", "goals"})
_MIGRATIONS: list[tuple[str, Callable[[Migrating], None]]] = []


def _migration(name: str):
    """Register a migration; they run in the order of this file (through sqlite-utils)."""

    def register(function):
        _MIGRATIONS.append((name, function))
        return function

    return register


def _run(db: Migrating, script: str) -> None:
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


@_migration("0001_initial")
def _initial(db: Migrating) -> None:
    _run(db, """
    CREATE TABLE policy_documents (
        id INTEGER PRIMARY KEY,
        fiscal_year INTEGER NOT NULL UNIQUE,
        title TEXT NOT NULL,
        issued_on TEXT NOT NULL,
        issuer TEXT NOT NULL DEFAULT '',
        preamble TEXT NOT NULL DEFAULT '',
        preamble_ruby TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE policy_sections (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES policy_documents(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL DEFAULT '',
        body_ruby TEXT NOT NULL DEFAULT '[]',
        UNIQUE (document_id, number)
    );
    CREATE TABLE directives (
        id INTEGER PRIMARY KEY,
        section_id INTEGER NOT NULL REFERENCES policy_sections(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        code TEXT NOT NULL,
        text TEXT NOT NULL,
        ruby TEXT NOT NULL DEFAULT '[]',
        UNIQUE (section_id, number)
    );
    CREATE TABLE policy_references (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES policy_documents(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        title TEXT NOT NULL,
        UNIQUE (document_id, title)
    );
    CREATE TABLE departments (
        id INTEGER PRIMARY KEY,
        fiscal_year INTEGER NOT NULL,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        interviewer TEXT NOT NULL DEFAULT '市長・副市長',
        UNIQUE (fiscal_year, name)
    );
    CREATE TABLE sections (
        id INTEGER PRIMARY KEY,
        department_id INTEGER NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        UNIQUE (department_id, name)
    );
    CREATE TABLE plans (
        id INTEGER PRIMARY KEY,
        department_id INTEGER NOT NULL UNIQUE REFERENCES departments(id) ON DELETE CASCADE,
        plan_date TEXT,
        preamble TEXT NOT NULL DEFAULT '',
        revision INTEGER NOT NULL DEFAULT 1,
        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
        extra TEXT NOT NULL DEFAULT '{}'
    );
    CREATE TABLE signers (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        name TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE answers (
        plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        directive_id INTEGER NOT NULL REFERENCES directives(id) ON DELETE CASCADE,
        text TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (plan_id, directive_id)
    );
    CREATE TABLE goals (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        parent_id INTEGER REFERENCES goals(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        background TEXT NOT NULL DEFAULT '',
        actions TEXT NOT NULL DEFAULT '',
        indicator TEXT NOT NULL DEFAULT '',
        baseline TEXT NOT NULL DEFAULT '',
        target TEXT NOT NULL DEFAULT '',
        schedule TEXT NOT NULL DEFAULT '',
        extra TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX goals_plan ON goals(plan_id, position);
    CREATE TABLE goal_sections (
        goal_id INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
        section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        PRIMARY KEY (goal_id, section_id)
    );
    CREATE TABLE goal_directives (
        goal_id INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
        directive_id INTEGER NOT NULL REFERENCES directives(id) ON DELETE CASCADE,
        PRIMARY KEY (goal_id, directive_id)
    );
    CREATE INDEX goal_directives_directive ON goal_directives(directive_id);
    """)


@_migration("0002_foreign_key_indexes")
def _foreign_key_indexes(db: Migrating) -> None:
    # Deleting a row makes SQLite look up the rows whose foreign keys point at it. Without an
    # index, deleting one goal read every goal of every year (parent_id), and undo, which
    # rewrites a plan's goals, took 50 ms on 10 years of plans instead of a few.
    _run(db, """
    CREATE INDEX goals_parent ON goals(parent_id);
    CREATE INDEX goal_sections_section ON goal_sections(section_id);
    CREATE INDEX answers_directive ON answers(directive_id);
    CREATE INDEX signers_plan ON signers(plan_id, position);
    """)


@_migration("0006_year_cycle")
def _year_cycle(db: Migrating) -> None:
    # The year after the interview: 指示事項, 確定 and the reviews of each goal. The review
    # scale and the people who give instructions are the city's data: rows, not code.
    _run(db, """
    CREATE TABLE review_marks (
        id INTEGER PRIMARY KEY,
        position INTEGER NOT NULL,
        mark TEXT NOT NULL UNIQUE,
        label TEXT NOT NULL DEFAULT '',
        needs_reason INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO review_marks (position, mark, label, needs_reason) VALUES
        (0, '◎', '達成', 0), (1, '○', '概ね達成', 0), (2, '△', '一部未達', 1), (3, '×', '未達', 1);
    CREATE TABLE instruction_givers (
        id INTEGER PRIMARY KEY,
        position INTEGER NOT NULL,
        name TEXT NOT NULL UNIQUE
    );
    INSERT INTO instruction_givers (position, name) VALUES (0, '市長'), (1, '副市長'), (2, '教育長');
    CREATE TABLE goal_reviews (
        goal_id INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
        stage TEXT NOT NULL CHECK (stage IN ('interim', 'final')),
        mark TEXT NOT NULL DEFAULT '',
        actual TEXT NOT NULL DEFAULT '',
        comment TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (goal_id, stage)
    );
    CREATE TABLE instructions (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        given_on TEXT NOT NULL,
        given_by TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL DEFAULT '',
        goal_id INTEGER REFERENCES goals(id) ON DELETE SET NULL,
        directive TEXT,
        due TEXT,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done')),
        response TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX instructions_plan ON instructions(plan_id, position);
    CREATE INDEX instructions_goal ON instructions(goal_id);
    CREATE TABLE plan_locks (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL UNIQUE REFERENCES plans(id) ON DELETE CASCADE,
        locked_at TEXT NOT NULL,
        revision INTEGER NOT NULL,
        snapshot TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE plan_unlocks (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        locked_at TEXT NOT NULL,
        revision INTEGER NOT NULL,
        unlocked_at TEXT NOT NULL,
        reason TEXT NOT NULL
    );
    CREATE INDEX plan_unlocks_plan ON plan_unlocks(plan_id);
    """)


@_migration("0005_directive_lineage")
def _directive_lineage(db: Migrating) -> None:
    # The confirmed mapping between two years' directives: the pairs (old continued by new)
    # the user confirmed, by directive row, so a later correction that renumbers a year keeps
    # them (a row keeps its id across import-policy --replace). Unpaired directives are 廃止
    # or 新規. plans.lineage: what became of each of last year's goals (方向性, successor).
    # plan_snapshots: the plan as it stood at each 版, for 「版の比較」.
    _run(db, """
    CREATE TABLE directive_mappings (
        id INTEGER PRIMARY KEY,
        from_year INTEGER NOT NULL,
        to_year INTEGER NOT NULL,
        confirmed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
        UNIQUE (from_year, to_year)
    );
    CREATE TABLE directive_mapping_pairs (
        mapping_id INTEGER NOT NULL REFERENCES directive_mappings(id) ON DELETE CASCADE,
        from_directive_id INTEGER NOT NULL REFERENCES directives(id) ON DELETE CASCADE,
        to_directive_id INTEGER NOT NULL REFERENCES directives(id) ON DELETE CASCADE,
        PRIMARY KEY (mapping_id, from_directive_id, to_directive_id)
    );
    CREATE INDEX directive_mapping_pairs_from ON directive_mapping_pairs(from_directive_id);
    CREATE INDEX directive_mapping_pairs_to ON directive_mapping_pairs(to_directive_id);
    ALTER TABLE plans ADD COLUMN lineage TEXT NOT NULL DEFAULT '{}';
    CREATE TABLE plan_snapshots (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        label TEXT NOT NULL DEFAULT '',
        taken_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
        content TEXT NOT NULL
    );
    CREATE INDEX plan_snapshots_plan ON plan_snapshots(plan_id, revision);
    """)


@_migration("0004_plan_receipts")
def _plan_receipts(db: Migrating) -> None:
    # The planning office's log of plan files received: who sent which 版 when, as far as
    # the file says. Plain values, no foreign keys: a receipt outlives the plan it brought.
    _run(db, """
    CREATE TABLE plan_receipts (
        id INTEGER PRIMARY KEY,
        received_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
        batch TEXT NOT NULL,
        file_name TEXT NOT NULL,
        fiscal_year INTEGER,
        department TEXT NOT NULL DEFAULT '',
        revision INTEGER,
        edited_at TEXT,
        fingerprint TEXT NOT NULL DEFAULT '',
        sender TEXT NOT NULL DEFAULT '',
        goals INTEGER,
        new_sections TEXT NOT NULL DEFAULT '',
        outcome TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX plan_receipts_department ON plan_receipts(fiscal_year, department, received_at);
    """)


@_migration("0003_export_ledger")
def _export_ledger(db: Migrating) -> None:
    # What was exported or printed, with the fingerprint on its footer: the paper on the mayor's
    # desk can be matched to a draft. No foreign keys, so that no rewrite of a plan loses a record.
    _run(db, """
    CREATE TABLE export_ledger (
        id INTEGER PRIMARY KEY,
        exported_at TEXT NOT NULL,
        fiscal_year INTEGER NOT NULL,
        department TEXT NOT NULL,
        kind TEXT NOT NULL,
        path TEXT NOT NULL DEFAULT '',
        revision INTEGER NOT NULL,
        edited_on TEXT NOT NULL,
        fingerprint TEXT NOT NULL
    );
    CREATE INDEX export_ledger_plan ON export_ledger(fiscal_year, department, exported_at);
    """)


@_migration("0007_handover")
def _handover(db: Migrating) -> None:
    # 事務引継ぎ: notes for whoever takes the post over, per plan (a department-year) and per goal.
    # ``arrived``: the notes came in a plan file and were not yet shown on this PC.
    _run(db, """
    CREATE TABLE plan_handovers (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL UNIQUE REFERENCES plans(id) ON DELETE CASCADE,
        notes TEXT NOT NULL DEFAULT '',
        arrived INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE goal_handover_notes (
        id INTEGER PRIMARY KEY,
        goal_id INTEGER NOT NULL UNIQUE REFERENCES goals(id) ON DELETE CASCADE,
        notes TEXT NOT NULL DEFAULT ''
    );
    """)


@_migration("0008_goal_keys")
def _goal_keys(db: Migrating) -> None:
    # A goal's key names it where its row id means nothing: in a plan file on another PC, in
    # the 指示事項 and lineage a file carries, in next year's plan it is carried into. Goals
    # stored before get one each ("g" and ten hex digits, as domain.models.new_goal_key).
    _run(db, """
    ALTER TABLE goals ADD COLUMN key TEXT NOT NULL DEFAULT '';
    UPDATE goals SET key = 'g' || lower(hex(randomblob(5)));
    """)


@_migration("0009_unlocked_by")
def _unlocked_by(db: Migrating) -> None:
    # Who lifted a 確定, beside when and why: the record travels in plan files with the 版 kept.
    _run(db, "ALTER TABLE plan_unlocks ADD COLUMN unlocked_by TEXT NOT NULL DEFAULT ''")


@_migration("0010_dropped_directives")
def _dropped_directives(db: Migrating) -> None:
    # What a plan held for a directive the next year's policy drops: a goal's pin (goal_id) or the
    # 部の方針 written for it (goal_id NULL, its text kept), shown until re-pinned or dismissed.
    _run(db, """
    CREATE TABLE dropped_directives (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        goal_id INTEGER REFERENCES goals(id) ON DELETE CASCADE,
        from_year INTEGER NOT NULL,
        code TEXT NOT NULL,
        text TEXT NOT NULL DEFAULT '',
        pins TEXT NOT NULL DEFAULT '[]',
        dismissed INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX dropped_directives_plan ON dropped_directives(plan_id);
    CREATE INDEX dropped_directives_goal ON dropped_directives(goal_id);
    """)


@_migration("0011_organisation_lineage")
def _organisation_lineage(db: Migrating) -> None:
    # 組織改正: which 部 and 課 of the previous year each 部 and 課 continues (renamed, split, merged,
    # moved). A 部 with no rows is proposed from names and 課 (domain/organisation.py) unless the user
    # recorded it (lineage_recorded; with no rows: a new 部).
    _run(db, """
    CREATE TABLE department_predecessors (
        department_id INTEGER NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
        predecessor_id INTEGER NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
        PRIMARY KEY (department_id, predecessor_id)
    );
    CREATE INDEX department_predecessors_predecessor ON department_predecessors(predecessor_id);
    CREATE TABLE section_predecessors (
        section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
        predecessor_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
        PRIMARY KEY (section_id, predecessor_id)
    );
    CREATE INDEX section_predecessors_predecessor ON section_predecessors(predecessor_id);
    ALTER TABLE departments ADD COLUMN lineage_recorded INTEGER NOT NULL DEFAULT 0;
    """)


def known_migrations() -> list[str]:
    """Every migration this version of the app knows, in order."""
    return [name for name, _function in _MIGRATIONS]


def applied_migrations(db: Database) -> list[str]:
    """The migrations recorded in ``db``, read without loading sqlite-utils (start-up only reads)."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'").fetchone():
        return []
    rows = db.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid", (MIGRATION_SET,))
    return [name for (name,) in rows]


def _recorded(db: Database) -> list[str]:
    """The migrations recorded, or none when the records are not sqlite-utils' (another program's table)."""
    try:
        return applied_migrations(db)
    except sqlite3.DatabaseError:
        return []


def pending_migrations(db: Database) -> list[str]:
    applied = set(applied_migrations(db))
    return [name for name in known_migrations() if name not in applied]


def schema_version() -> int:
    """The number this version of the app writes to PRAGMA user_version."""
    return len(known_migrations())


def migrate(db: Database) -> None:
    """Apply every pending migration; record the schema version (PRAGMA user_version) and the
    app's identity (PRAGMA application_id)."""
    from sqlite_utils import Migrations

    migrations = Migrations(MIGRATION_SET)
    for name, function in _MIGRATIONS:
        migrations(name=name)(function)
    migrations.apply(db.utils)
    db.execute(f"PRAGMA user_version = {schema_version()}")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


class Identity(Enum):
    OURS = "ours"  # made by this app (it carries the application id)
    EARLIER = "earlier"  # made by an app version before the id: our tables and migration records only
    EMPTY = "empty"  # a SQLite file with nothing in it
    FOREIGN = "foreign"  # another program's database, or ours mixed with another's


def identify(db: Database) -> Identity:
    """Whose database is this? Read only: nothing is written to a file that is not ours."""
    application_id = db.execute("PRAGMA application_id").fetchone()[0]
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
              if not name.startswith("sqlite_")}
    if application_id not in (0, APPLICATION_ID):
        return Identity.FOREIGN
    if not tables:
        return Identity.EMPTY
    if not _FIRST_TABLES <= tables or known_migrations()[0] not in _recorded(db):
        return Identity.FOREIGN
    if application_id == APPLICATION_ID:
        return Identity.OURS
    # Unstamped: an earlier version's data holds only the tables its migrations made. A file with
    # other tables too is another program's database that such a version migrated by mistake.
    return Identity.EARLIER if tables <= TABLES else Identity.FOREIGN
