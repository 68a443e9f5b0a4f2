"""Rows of the organisation's lineage: which 部 and 課 of the previous year each 部 and 課 continues."""

from __future__ import annotations

from .connection import Database
from .repository import department_id


def department_links(db: Database, fiscal_year: int) -> dict[str, list[str]]:
    """This year's 部 → the previous year's 部 it continues, for the 部 whose links were recorded."""
    links: dict[str, list[str]] = {}
    for name, old in db.execute(
            "SELECT d.name, p.name FROM department_predecessors l JOIN departments d ON d.id = l.department_id "
            "JOIN departments p ON p.id = l.predecessor_id WHERE d.fiscal_year = ? ORDER BY d.position, p.position",
            [fiscal_year]):
        links.setdefault(name, []).append(old)
    for (name,) in db.execute("SELECT name FROM departments WHERE fiscal_year = ? AND lineage_recorded = 1", [fiscal_year]):
        links.setdefault(name, [])  # recorded as new: no predecessor
    return links


def section_links(db: Database, fiscal_year: int) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(部, 課) of this year → the (部, 課) of the previous year it continues, where recorded."""
    links: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for department, section, old_department, old_section in db.execute(
            "SELECT d.name, s.name, pd.name, ps.name FROM section_predecessors l "
            "JOIN sections s ON s.id = l.section_id JOIN departments d ON d.id = s.department_id "
            "JOIN sections ps ON ps.id = l.predecessor_id JOIN departments pd ON pd.id = ps.department_id "
            "WHERE d.fiscal_year = ? ORDER BY d.position, s.position", [fiscal_year]):
        links.setdefault((department, section), []).append((old_department, old_section))
    return links


def set_department_links(db: Database, fiscal_year: int, previous_year: int, department: str, olds: list[str]) -> None:
    """Record that ``department`` continues ``olds`` of ``previous_year`` (none: a new 部)."""
    with db.atomic():
        here = department_id(db, fiscal_year, department)
        db.execute("DELETE FROM department_predecessors WHERE department_id = ?", [here])
        db.conn.executemany("INSERT INTO department_predecessors (department_id, predecessor_id) VALUES (?, ?)",
                            [(here, department_id(db, previous_year, old)) for old in dict.fromkeys(olds)])
        db.execute("UPDATE departments SET lineage_recorded = 1 WHERE id = ?", [here])


def set_section_links(db: Database, fiscal_year: int, previous_year: int, section: tuple[str, str],
                      olds: list[tuple[str, str]]) -> None:
    """Record that the 課 ``section`` (部, 課) continues ``olds`` of ``previous_year``."""
    with db.atomic():
        here = _section_id(db, fiscal_year, *section)
        db.execute("DELETE FROM section_predecessors WHERE section_id = ?", [here])
        db.conn.executemany("INSERT INTO section_predecessors (section_id, predecessor_id) VALUES (?, ?)",
                            [(here, _section_id(db, previous_year, *old)) for old in dict.fromkeys(olds)])


def _section_id(db: Database, fiscal_year: int, department: str, section: str) -> int:
    from .repository import NotFound

    row = db.execute("SELECT s.id FROM sections s WHERE s.department_id = ? AND s.name = ?",
                     [department_id(db, fiscal_year, department), section]).fetchone()
    if row is None:
        raise NotFound(f"{department}に「{section}」という課はありません")
    return row[0]
