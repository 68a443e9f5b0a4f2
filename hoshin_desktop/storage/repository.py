"""Reading and writing domain objects. Every function takes the sqlite-utils Database.

Callers wrap multi-statement writes in ``db.atomic()``; the functions that write several
rows do so themselves, so each is all-or-nothing.
"""

from __future__ import annotations

import json
from datetime import date

from ..domain.models import (
    DEFAULT_INTERVIEWER,
    GOAL_TEXT_FIELDS,
    Department,
    Directive,
    Goal,
    Plan,
    PolicyDocument,
    PolicySection,
    Ruby,
    RubyText,
    Section,
    Signer,
    new_goal_key,
    stored_id,
)
from ..domain.sequence import longest_rising
from ..domain.text import name_key
from ..domain.wareki import fiscal_year_label
from . import dropped as dropped_rows
from . import handover as handover_rows
from . import year_cycle
from .connection import Database, inserted_id
from .plan_rows import NotFound, load_plan  # noqa: F401 (both are part of this module's interface)


def _ruby_json(text: RubyText) -> str:
    return json.dumps([[r.start, r.length, r.reading] for r in text.ruby], ensure_ascii=False)


def _ruby_text(text: str, ruby_json: str) -> RubyText:
    return RubyText(text, tuple(Ruby(*r) for r in json.loads(ruby_json or "[]")))


def _one(db: Database, sql: str, params=()):
    return db.execute(sql, params).fetchone()


# --- basic policies ------------------------------------------------------------------

def policy_years(db: Database) -> list[int]:
    return [r[0] for r in db.execute("SELECT fiscal_year FROM policy_documents ORDER BY fiscal_year")]


def insert_policy(db: Database, document: PolicyDocument) -> int:
    with db.atomic():
        doc_id = db.insert("policy_documents", {
            "fiscal_year": document.fiscal_year,
            "title": document.title,
            "issued_on": document.issued_on.isoformat(),
            "issuer": document.issuer,
            "preamble": document.preamble.text,
            "preamble_ruby": _ruby_json(document.preamble),
        })
        for section in document.sections:
            section_id = db.insert("policy_sections", {
                "document_id": doc_id,
                "number": section.number,
                "title": section.title,
                "body": section.body.text,
                "body_ruby": _ruby_json(section.body),
            })
            for directive in section.directives:
                db.table("directives").insert({
                    "section_id": section_id,
                    "number": directive.number,
                    "code": directive.code,
                    "text": directive.body.text,
                    "ruby": _ruby_json(directive.body),
                })
        for position, title in enumerate(document.references):
            db.table("policy_references").insert({"document_id": doc_id, "position": position, "title": title})
    return doc_id


def load_policy(db: Database, fiscal_year: int) -> PolicyDocument:
    row = _one(db, "SELECT id, title, issued_on, issuer, preamble, preamble_ruby FROM policy_documents WHERE fiscal_year = ?", [fiscal_year])
    if row is None:
        raise NotFound(f"{fiscal_year}年度の基本方針がありません")
    doc_id, title, issued_on, issuer, preamble, preamble_ruby = row
    directives: dict[int, list[Directive]] = {}
    for section_id, s_number, number, text, ruby in db.execute(
        "SELECT s.id, s.number, d.number, d.text, d.ruby FROM directives d JOIN policy_sections s ON s.id = d.section_id "
        "WHERE s.document_id = ? ORDER BY s.number, d.number", [doc_id]
    ):
        directives.setdefault(section_id, []).append(Directive(s_number, number, _ruby_text(text, ruby)))
    sections = tuple(
        PolicySection(number, s_title, tuple(directives.get(section_id, ())), _ruby_text(body, body_ruby))
        for section_id, number, s_title, body, body_ruby in db.execute(
            "SELECT id, number, title, body, body_ruby FROM policy_sections WHERE document_id = ? ORDER BY number", [doc_id]
        )
    )
    references = tuple(r[0] for r in db.execute(
        "SELECT title FROM policy_references WHERE document_id = ? ORDER BY position", [doc_id]))
    return PolicyDocument(fiscal_year, date.fromisoformat(issued_on), title, issuer,
                          _ruby_text(preamble, preamble_ruby), sections, references)


def directive_ids(db: Database, fiscal_year: int) -> dict[str, int]:
    """Code → row id of every directive of the year's basic policy."""
    return {code: id_ for id_, code in db.execute(
        "SELECT d.id, d.code FROM directives d JOIN policy_sections s ON s.id = d.section_id "
        "JOIN policy_documents p ON p.id = s.document_id WHERE p.fiscal_year = ?", [fiscal_year])}


# --- departments and sections --------------------------------------------------------

def department_years(db: Database) -> list[int]:
    return [r[0] for r in db.execute("SELECT DISTINCT fiscal_year FROM departments ORDER BY fiscal_year")]


def insert_department(db: Database, department: Department, position: int) -> int:
    with db.atomic():
        dep_id = db.insert("departments", {
            "fiscal_year": department.fiscal_year,
            "position": position,
            "name": department.name,
            "interviewer": department.interviewer,
        })
        for index, section in enumerate(department.sections):
            db.table("sections").insert({"department_id": dep_id, "position": index, "name": section.name})
    return dep_id


def departments(db: Database, fiscal_year: int) -> list[Department]:
    sections: dict[int, list[Section]] = {}
    for id_, dep_id, name in db.execute(
        "SELECT s.id, s.department_id, s.name FROM sections s JOIN departments d ON d.id = s.department_id "
        "WHERE d.fiscal_year = ? ORDER BY s.position, s.id", [fiscal_year]
    ):
        sections.setdefault(dep_id, []).append(Section(name, id_))
    return [
        Department(fiscal_year, name, interviewer, tuple(sections.get(id_, ())), id_)
        for id_, name, interviewer in db.execute(
            "SELECT id, name, interviewer FROM departments WHERE fiscal_year = ? ORDER BY position, id", [fiscal_year]
        )
    ]


def department_id(db: Database, fiscal_year: int, name: str) -> int:
    row = _one(db, "SELECT id FROM departments WHERE fiscal_year = ? AND name = ?", [fiscal_year, name])
    if row is None:
        raise NotFound(f"{fiscal_year_label(fiscal_year)}に「{name}」という部はありません")
    return row[0]


def section_ids(db: Database, department_id_: int) -> dict[str, int]:
    return {name: id_ for id_, name in db.execute(
        "SELECT id, name FROM sections WHERE department_id = ?", [department_id_])}


# --- plans -----------------------------------------------------------------------------

def plan_id(db: Database, fiscal_year: int, department: str) -> int | None:
    row = _one(db, "SELECT p.id FROM plans p JOIN departments d ON d.id = p.department_id "
                   "WHERE d.fiscal_year = ? AND d.name = ?", [fiscal_year, department])
    return row[0] if row else None


def goal_count(db: Database, plan_id_: int) -> int:
    """How many goals the plan has (a question about it need not read it whole)."""
    return _one(db, "SELECT COUNT(*) FROM goals WHERE plan_id = ?", [plan_id_])[0]


def plan_keys(db: Database, fiscal_year: int | None = None) -> list[tuple[int, str, int]]:
    """(fiscal_year, department, plan id) of every plan, in the city's department order."""
    sql = ("SELECT d.fiscal_year, d.name, p.id FROM plans p JOIN departments d ON d.id = p.department_id"
           + (" WHERE d.fiscal_year = ?" if fiscal_year is not None else "")
           + " ORDER BY d.fiscal_year, d.position, d.id")
    return [tuple(r) for r in db.execute(sql, [fiscal_year] if fiscal_year is not None else [])]


def create_plan(db: Database, plan: Plan, *, fresh_ids: bool = False) -> int:
    """Insert ``plan`` (and its signers, answers, goals) for its department and year.

    With ``fresh_ids`` the goals get new ids, their ``id``/``parent`` being only local keys
    (a plan file, last year's plan); otherwise they keep their ids (undo, redo).
    """
    with db.atomic():
        dep_id = department_id(db, plan.fiscal_year, plan.department)
        new_id = db.insert("plans", {
            "department_id": dep_id,
            "plan_date": plan.plan_date.isoformat() if plan.plan_date else None,
            "preamble": plan.preamble,
            "revision": plan.revision,
            "extra": json.dumps(plan.extra, ensure_ascii=False),
            "lineage": json.dumps(plan.lineage.as_dict(), ensure_ascii=False),
        })
        plan.id = new_id
        _write_contents(db, plan, fresh_ids)
    return new_id


def replace_plan(db: Database, plan: Plan, *, fresh_ids: bool = False) -> None:
    """Make the stored plan ``plan.id`` equal ``plan`` (an import, or a snapshot put back; ``fresh_ids`` as in
    create_plan), its 指示事項, 確定 and reviews included."""
    plan_id_ = stored_id(plan)
    with db.atomic():
        update_plan(db, plan_id_, plan_date=plan.plan_date, preamble=plan.preamble,
                    revision=plan.revision, extra=plan.extra, lineage=plan.lineage)
        for table in ("answers", "goals"):  # signers: set_signers replaces them itself
            db.execute(f"DELETE FROM {table} WHERE plan_id = ?", [plan_id_])
        _write_contents(db, plan, fresh_ids)


def _write_contents(db: Database, plan: Plan, fresh_ids: bool) -> None:
    """Signers, answers and goals of a plan with none stored (imports and restores rewrite them all),
    with the goals' reviews and the plan's 指示事項 and 確定."""
    plan_id_ = stored_id(plan)
    set_signers(db, plan_id_, plan.signers)
    directives = directive_ids(db, plan.fiscal_year)
    for answer in plan.answers:
        if answer.text:
            _write_answer(db, plan_id_, _chosen_directives([answer.directive], directives, plan.fiscal_year)[0],
                          answer.text)
    keys = [goal.id for goal in plan.goals]
    insert_goals(db, plan, plan.goals, fresh_ids=fresh_ids)
    stored = {key: stored_id(goal) for key, goal in zip(keys, plan.goals) if key is not None}
    year_cycle.write_for_plan(db, plan, stored)
    dropped_rows.write_for_plan(db, plan, stored)
    handover_rows.write_for_plan(db, plan, stored)


def insert_goals(db: Database, plan: Plan, goals: list[Goal], *, start: int = 0, fresh_ids: bool = False) -> None:
    """Store ``goals`` in the stored plan ``plan`` at positions ``start``, ``start + GOAL_GAP``, …
    (the room between them lets a goal be put between two others by writing its row alone).

    The year's directive ids and the department's section ids are looked up once, not once
    per goal, and rows go in as plain INSERTs: a plan's rows cost linear time. Each goal's
    ``id`` (and a section goal's ``parent``) is set to what was stored.
    """
    plan_id_ = stored_id(plan)
    with db.atomic():
        directives = directive_ids(db, plan.fiscal_year)
        sections = section_ids(db, department_id(db, plan.fiscal_year, plan.department))
        keys: set[str] | None = None  # read when a goal brings a key of its own: a new goal (or a copy) has none
        stored: dict[int, int] = {}
        # Parents first, so that a section goal's parent row exists when it is inserted.
        placed = [(start + n * GOAL_GAP, goal) for n, goal in enumerate(goals)]
        for position, goal in sorted(placed, key=lambda item: item[1].parent is not None):
            if fresh_ids:
                key, goal.id = goal.id, None
                goal.parent = None if goal.parent is None else stored.get(goal.parent)
            if goal.key and keys is None:
                keys = goal_keys(db, plan_id_)
            if not goal.key or goal.key in (keys or ()):  # a copy in the same plan is another goal
                goal.key = new_goal_key()
            if keys is not None:
                keys.add(goal.key)
            goal.id = _insert_goal_row(db, plan_id_, goal, position, goal.id)
            if fresh_ids and key is not None:
                stored[key] = goal.id
            _insert_goal_sections(db, goal.id, _chosen_sections(goal.owner_sections, sections))
            _insert_goal_directives(db, goal.id, _chosen_directives(goal.directives, directives, plan.fiscal_year))
        touch(db, plan_id_)


def update_plan(db: Database, plan_id_: int, **fields) -> None:
    values = {}
    for key, value in fields.items():
        if key == "plan_date":
            value = value.isoformat() if value else None
        elif key == "extra":
            value = json.dumps(value, ensure_ascii=False)
        elif key == "lineage":
            value = json.dumps(value.as_dict(), ensure_ascii=False)
        elif key not in ("preamble", "revision"):
            raise ValueError(f"unknown plan field {key}")
        values[key] = value
    with db.atomic():
        db.table("plans").update(plan_id_, values)
        touch(db, plan_id_)


def edited_on(db: Database, plan_id_: int) -> date:
    """The day of the plan's last saved edit."""
    return date.fromisoformat(_one(db, "SELECT updated_at FROM plans WHERE id = ?", [plan_id_])[0][:10])


def set_revision(db: Database, plan_id_: int, revision: int) -> None:
    """The plan's 版 alone (a lifted 確定 starts the next one); its last edit stays as it was."""
    db.execute("UPDATE plans SET revision = ? WHERE id = ?", [revision, plan_id_])


def touch(db: Database, plan_id_: int) -> None:
    db.execute("UPDATE plans SET updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime') WHERE id = ?", [plan_id_])


def plan_revision(db: Database, plan_id_: int) -> int:
    """The plan's 版 (a question about it need not read it whole)."""
    row = _one(db, "SELECT revision FROM plans WHERE id = ?", [plan_id_])
    if row is None:
        raise NotFound(f"plan {plan_id_} does not exist")
    return row[0]


def plan_updated_at(db: Database, plan_id_: int) -> str:
    """When the plan was last edited (local time, ISO 8601 without zone)."""
    row = _one(db, "SELECT updated_at FROM plans WHERE id = ?", [plan_id_])
    if row is None:
        raise NotFound(f"plan {plan_id_} does not exist")
    return row[0]


def set_updated_at(db: Database, plan_id_: int, value: str) -> None:
    """Keep the last edit a plan file says (an import is not an edit of the plan's content)."""
    db.execute("UPDATE plans SET updated_at = ? WHERE id = ?", [value, plan_id_])


def set_signers(db: Database, plan_id_: int, signers: list[Signer]) -> None:
    with db.atomic():
        db.execute("DELETE FROM signers WHERE plan_id = ?", [plan_id_])
        for position, signer in enumerate(signers):
            db.table("signers").insert({"plan_id": plan_id_, "position": position,
                                        "title": signer.title, "name": signer.name})
        touch(db, plan_id_)


def _plan_year(db: Database, plan_id_: int) -> int:
    row = _one(db, "SELECT d.fiscal_year FROM plans p JOIN departments d ON d.id = p.department_id WHERE p.id = ?", [plan_id_])
    if row is None:
        raise NotFound(f"plan {plan_id_} does not exist")
    return row[0]


def _chosen_directives(codes: list[str], ids: dict[str, int], fiscal_year: int) -> list[int]:
    """Row ids of ``codes`` (each once, in order), from the year's ``directive_ids``."""
    missing = [c for c in codes if c not in ids]
    if missing:
        raise NotFound(f"{fiscal_year}年度の基本方針に項目 {'、'.join(missing)} はありません")
    return [ids[c] for c in dict.fromkeys(codes)]


def _chosen_sections(names: list[str], ids: dict[str, int]) -> list[int]:
    """Row ids of the sections ``names`` (each once, in order), from the department's ``section_ids``."""
    missing = [n for n in names if n not in ids]
    if missing:
        raise NotFound(f"この部に「{'」「'.join(missing)}」という課はありません")
    return [ids[n] for n in dict.fromkeys(names)]


def _write_answer(db: Database, plan_id_: int, directive_id: int, text: str) -> None:
    db.execute("INSERT INTO answers (plan_id, directive_id, text) VALUES (?, ?, ?) "
               "ON CONFLICT (plan_id, directive_id) DO UPDATE SET text = excluded.text",
               [plan_id_, directive_id, text])


def set_answer(db: Database, plan_id_: int, code: str, text: str, *, fiscal_year: int | None = None) -> None:
    year = fiscal_year or _plan_year(db, plan_id_)
    directive = _chosen_directives([code], directive_ids(db, year), year)[0]
    with db.atomic():
        if text:
            _write_answer(db, plan_id_, directive, text)
        else:
            db.execute("DELETE FROM answers WHERE plan_id = ? AND directive_id = ?", [plan_id_, directive])
        touch(db, plan_id_)


GOAL_GAP = 1024  # room left between goals' positions when they are numbered afresh


def goal_keys(db: Database, plan_id_: int | None) -> set[str]:
    """The keys the plan's goals have."""
    return {r[0] for r in db.execute("SELECT key FROM goals WHERE plan_id = ?", [plan_id_])}


def _insert_goal_row(db: Database, plan_id_: int, goal: Goal, position: int, goal_id: int | None) -> int:
    """The goal's own row (a new id when ``goal_id`` is None); a plain INSERT, as it runs once per goal.
    Its text columns are the goal fields' keys (domain/goal_fields.py)."""
    columns = ("id", "plan_id", "parent_id", "position", *GOAL_TEXT_FIELDS, "extra", "key")
    values = [goal_id, plan_id_, goal.parent, position, *(goal.text(f) for f in GOAL_TEXT_FIELDS),
              json.dumps(goal.extra, ensure_ascii=False), goal.key]
    return inserted_id(db.execute(f"INSERT INTO goals ({', '.join(columns)}) VALUES ({', '.join('?' * len(values))})",
                                  values).lastrowid, "goals")


def _insert_goal_sections(db: Database, goal_id: int, section_ids_: list[int]) -> None:
    db.conn.executemany("INSERT INTO goal_sections (goal_id, section_id, position) VALUES (?, ?, ?)",
                        [(goal_id, id_, position) for position, id_ in enumerate(section_ids_)])


def _insert_goal_directives(db: Database, goal_id: int, directive_ids_: list[int]) -> None:
    db.conn.executemany("INSERT INTO goal_directives (goal_id, directive_id) VALUES (?, ?)",
                        [(goal_id, id_) for id_ in directive_ids_])


def _goal_plan(db: Database, goal_id: int) -> int:
    row = _one(db, "SELECT plan_id FROM goals WHERE id = ?", [goal_id])
    if row is None:
        raise NotFound(f"goal {goal_id} does not exist")
    return row[0]


def update_goal(db: Database, goal_id: int, **fields) -> None:
    unknown = set(fields) - set(GOAL_TEXT_FIELDS) - {"parent", "extra"}
    if unknown:
        raise ValueError(f"unknown goal fields {sorted(unknown)}")
    values = {k: v for k, v in fields.items() if k in GOAL_TEXT_FIELDS}
    if "parent" in fields:
        values["parent_id"] = fields["parent"]
    if "extra" in fields:
        values["extra"] = json.dumps(fields["extra"], ensure_ascii=False)
    with db.atomic():
        db.table("goals").update(goal_id, values)
        touch(db, _goal_plan(db, goal_id))


def delete_goal(db: Database, goal_id: int) -> None:
    with db.atomic():
        plan = _goal_plan(db, goal_id)
        db.execute("DELETE FROM goals WHERE id = ?", [goal_id])
        touch(db, plan)


def reorder_goals(db: Database, plan_id_: int, goal_ids: list[int], *, moved: int | None = None) -> None:
    """Put the plan's goals in the order ``goal_ids``, writing as few rows as it can (each row written
    is also an undo record): see ``new_positions``. ``moved``: the only goal out of place (one just
    added), the others being stored in that order: with room between its neighbours, it alone is
    written and only they are read (adding a goal to 10,000 reads three rows, not 10,000)."""
    with db.atomic():
        placed = _between_neighbours(db, plan_id_, goal_ids, moved) if moved is not None else None
        if placed is None:
            now = dict(db.execute("SELECT id, position FROM goals WHERE plan_id = ?", [plan_id_]).fetchall())
            placed = new_positions(goal_ids, now)
        for goal_id, position in placed.items():
            db.execute("UPDATE goals SET position = ? WHERE id = ? AND plan_id = ?", [position, goal_id, plan_id_])
        touch(db, plan_id_)


def _between_neighbours(db: Database, plan_id_: int, goal_ids: list[int], moved: int) -> dict[int, int] | None:
    """The position that puts ``moved`` between its neighbours in ``goal_ids`` (None: no room there)."""
    index = goal_ids.index(moved)
    before, after = goal_ids[index - 1] if index else None, goal_ids[index + 1] if index + 1 < len(goal_ids) else None
    neighbours = [goal for goal in (before, after) if goal is not None]
    now = dict(db.execute(f"SELECT id, position FROM goals WHERE plan_id = ? AND id IN ({', '.join('?' * len(neighbours))})",
                          [plan_id_, *neighbours]).fetchall())
    if len(now) != len(neighbours):
        return None
    placed = _between(now.get(before) if before is not None else None, now.get(after) if after is not None else None, 1)
    return {moved: placed[0]} if placed else None


def next_goal_position(db: Database, plan_id_: int) -> int:
    """A position after every goal of the plan (positions need not be consecutive)."""
    return _one(db, "SELECT COALESCE(MAX(position) + 1, 0) FROM goals WHERE plan_id = ?", [plan_id_])[0]


def new_positions(order: list[int], now: dict[int, int]) -> dict[int, int]:
    """The positions to write so that ``ORDER BY position, id`` gives ``order``: goals already in
    that order keep theirs, and each run of the others takes free positions between its neighbours
    (adding a goal in the middle of 10,000 writes one row, not 5,000). Without room there, every
    goal is numbered again with GOAL_GAP between them, so that later moves find room."""
    keys = [(now[goal], goal) for goal in order]
    kept = set(longest_rising(keys))
    moved: dict[int, int] = {}
    start = 0
    while start < len(order):
        if start in kept:
            start += 1
            continue
        end = next((i for i in range(start, len(order)) if i in kept), len(order))
        placed = _between(keys[start - 1][0] if start else None, keys[end][0] if end < len(order) else None, end - start)
        if placed is None:
            return {goal: n * GOAL_GAP for n, goal in enumerate(order) if now[goal] != n * GOAL_GAP}
        moved.update(zip(order[start:end], placed))
        start = end
    return moved


def _between(low: int | None, high: int | None, count: int) -> list[int] | None:
    """``count`` rising positions after ``low`` and before ``high`` (None: no bound); None if no room."""
    if high is None:
        start = -GOAL_GAP if low is None else low
        return [start + (n + 1) * GOAL_GAP for n in range(count)]
    if low is None:
        return [high - (count - n) * GOAL_GAP for n in range(count)]
    step = (high - low) // (count + 1)
    return [low + (n + 1) * step for n in range(count)] if step >= 1 else None


def set_goal_sections(db: Database, goal_id: int, names: list[str]) -> None:
    with db.atomic():
        dep = _one(db, "SELECT p.department_id FROM goals g JOIN plans p ON p.id = g.plan_id WHERE g.id = ?", [goal_id])[0]
        chosen = _chosen_sections(names, section_ids(db, dep))
        db.execute("DELETE FROM goal_sections WHERE goal_id = ?", [goal_id])
        _insert_goal_sections(db, goal_id, chosen)


def set_goal_directives(db: Database, goal_id: int, codes: list[str]) -> None:
    with db.atomic():
        year = _plan_year(db, _goal_plan(db, goal_id))
        chosen = _chosen_directives(codes, directive_ids(db, year), year)
        db.execute("DELETE FROM goal_directives WHERE goal_id = ?", [goal_id])
        _insert_goal_directives(db, goal_id, chosen)


# --- a new or corrected basic policy ------------------------------------------------------

def used_directive_codes(db: Database, fiscal_year: int) -> set[str]:
    """Codes of the year that some plan answers or some goal is pinned to."""
    return {r[0] for r in db.execute(
        "SELECT d.code FROM directives d JOIN policy_sections s ON s.id = d.section_id "
        "JOIN policy_documents p ON p.id = s.document_id WHERE p.fiscal_year = ? AND ("
        " EXISTS (SELECT 1 FROM answers a WHERE a.directive_id = d.id) OR"
        " EXISTS (SELECT 1 FROM goal_directives g WHERE g.directive_id = d.id))", [fiscal_year])}


def update_policy(db: Database, document: PolicyDocument, continued: dict[str, int] | None = None) -> None:
    """Rewrite the year's policy in place.

    ``continued`` maps a code of ``document`` to the stored directive it continues: that row
    is kept (renumbered if need be), and with it every answer and pin on it. By default a
    directive continues the stored one with the same code. Stored directives continued by
    none are deleted, with their answers and pins.
    """
    with db.atomic():
        doc_id = _one(db, "SELECT id FROM policy_documents WHERE fiscal_year = ?", [document.fiscal_year])[0]
        if continued is None:
            continued = directive_ids(db, document.fiscal_year)
        db.table("policy_documents").update(doc_id, {
            "title": document.title, "issued_on": document.issued_on.isoformat(), "issuer": document.issuer,
            "preamble": document.preamble.text, "preamble_ruby": _ruby_json(document.preamble)})
        # Free every number first: a kept directive may take the number another one had.
        db.execute("UPDATE directives SET number = -id WHERE section_id IN "
                   "(SELECT id FROM policy_sections WHERE document_id = ?)", [doc_id])
        sections = {n: i for i, n in db.execute("SELECT id, number FROM policy_sections WHERE document_id = ?", [doc_id])}
        for section in document.sections:
            row = {"document_id": doc_id, "number": section.number, "title": section.title,
                   "body": section.body.text, "body_ruby": _ruby_json(section.body)}
            if section.number in sections:
                section_id = sections.pop(section.number)
                db.table("policy_sections").update(section_id, row)
            else:
                section_id = db.insert("policy_sections", row)
            _update_directives(db, section_id, section, continued)
        db.execute("DELETE FROM directives WHERE number < 0 AND section_id IN "
                   "(SELECT id FROM policy_sections WHERE document_id = ?)", [doc_id])
        for stale in sections.values():
            db.execute("DELETE FROM policy_sections WHERE id = ?", [stale])
        db.execute("DELETE FROM policy_references WHERE document_id = ?", [doc_id])
        for position, title in enumerate(document.references):
            db.table("policy_references").insert({"document_id": doc_id, "position": position, "title": title})


def _update_directives(db: Database, section_id: int, section: PolicySection, continued: dict[str, int]) -> None:
    for directive in section.directives:
        row = {"section_id": section_id, "number": directive.number, "code": directive.code,
               "text": directive.body.text, "ruby": _ruby_json(directive.body)}
        if directive.code in continued:
            db.table("directives").update(continued[directive.code], row)
        else:
            db.table("directives").insert(row)


def copy_departments(db: Database, *, to_year: int) -> bool:
    """Start a year's department list from the nearest earlier year's (or later, if none)."""
    years = department_years(db)
    if to_year in years or not years:
        return False
    earlier = [y for y in years if y < to_year]
    source = max(earlier) if earlier else min(years)
    with db.atomic():
        for position, department in enumerate(departments(db, source)):
            insert_department(db, Department(to_year, department.name, department.interviewer, department.sections), position)
    return True


# --- the city's organisation, edited by the users -------------------------------------------

def set_sections(db: Database, department_id_: int, names: list[str]) -> None:
    """Make the department's sections exactly ``names``; a kept name keeps its row (and its goals)."""
    with db.atomic():
        existing = section_ids(db, department_id_)
        for name, section_id in existing.items():
            if name not in names:
                db.execute("DELETE FROM sections WHERE id = ?", [section_id])
        for position, name in enumerate(names):
            if name in existing:
                db.execute("UPDATE sections SET position = ? WHERE id = ?", [position, existing[name]])
            else:
                db.table("sections").insert({"department_id": department_id_, "position": position, "name": name})


def rename_sections(db: Database, department_id_: int, renames: dict[str, str]) -> None:
    """Rename sections in place (their goals keep them); swaps such as A→B, B→A are allowed."""
    with db.atomic():
        ids = section_ids(db, department_id_)
        moving = {ids[old]: new for old, new in renames.items() if old in ids and old != new}
        for name in set(moving.values()) & set(ids) - set(renames):  # a 課 removed, its name taken by another
            db.execute("DELETE FROM sections WHERE id = ?", [ids[name]])
        for section_id in moving:  # first out of the way, so that no two rows share a name meanwhile
            db.execute("UPDATE sections SET name = ? WHERE id = ?", [f"\x00renaming {section_id}", section_id])
        for section_id, new in moving.items():
            db.execute("UPDATE sections SET name = ? WHERE id = ?", [new, section_id])


def add_sections(db: Database, department_id_: int, names: list[str]) -> None:
    """Append the sections ``names`` that the department does not have yet, in that order."""
    with db.atomic():
        existing = {name_key(name) for name in section_ids(db, department_id_)}
        position = _one(db, "SELECT COALESCE(MAX(position), -1) + 1 FROM sections WHERE department_id = ?",
                        [department_id_])[0]
        adding = {name_key(n): n for n in reversed(names) if name_key(n) not in existing}  # the first spelling
        for name in dict.fromkeys(adding[name_key(n)] for n in names if name_key(n) in adding):
            db.table("sections").insert({"department_id": department_id_, "position": position, "name": name})
            position += 1


def set_interviewer(db: Database, department_id_: int, interviewer: str) -> None:
    db.execute("UPDATE departments SET interviewer = ? WHERE id = ?", [interviewer, department_id_])


class DepartmentHasPlan(ValueError):
    def __init__(self, names: list[str]):
        super().__init__(f"「{'」「'.join(names)}」には作成中の計画があるため、一覧から外せません"
                         "（名前の変更もできません）。計画を残したまま組織を変えるときは、新しい年度で行ってください。")
        self.names = names


def set_departments(db: Database, fiscal_year: int, names: list[str], renames: dict[str, str] | None = None) -> None:
    """Make the year's departments exactly ``names``, in that order; one with a plan cannot go
    nor be renamed. ``renames`` (old → new) renames a department in place: it keeps its 課."""
    renames = {old: new for old, new in (renames or {}).items() if old != new and new in names}
    with db.atomic():
        existing = {d.name: d for d in departments(db, fiscal_year)}
        with_plan = {name for _year, name, _id in plan_keys(db, fiscal_year)}
        renamed = {old: new for old, new in renames.items() if old in existing}
        taken = set(renamed.values())  # a name a renamed department takes from one that goes
        dropped = [name for name in existing if name not in renamed and (name not in names or name in taken)]
        refused = [name for name in [*dropped, *renamed] if name in with_plan]
        if refused:
            raise DepartmentHasPlan(refused)
        for name in dropped:
            db.execute("DELETE FROM departments WHERE id = ?", [existing[name].id])
        for old in renamed:  # first out of the way, so that swaps (A→B, B→A) never share a name
            db.execute("UPDATE departments SET name = ? WHERE id = ?", [f"\x00renaming {existing[old].id}", existing[old].id])
        for old, new in renamed.items():
            db.execute("UPDATE departments SET name = ? WHERE id = ?", [new, existing[old].id])
        existing = {d.name: d for d in departments(db, fiscal_year)}
        for position, name in enumerate(names):
            if name in existing:
                db.execute("UPDATE departments SET position = ? WHERE id = ?", [position, existing[name].id])
            else:
                interviewer = "教育長" if name.startswith("教育") else DEFAULT_INTERVIEWER
                insert_department(db, Department(fiscal_year, name, interviewer), position)
