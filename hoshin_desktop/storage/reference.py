"""The bundled reference data: basic policies and the city's departments, per fiscal year.

``build_reference`` makes data/reference.db from the plain-text sources in data/sources/
through the same policy parser users import next year's policy with;
``copy_reference_years`` brings the years a working database does not have yet into it.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..domain.models import DEFAULT_INTERVIEWER, Department, PolicyDocument, Section
from . import repository
from .connection import Database
from .schema import migrate


class DepartmentSourceError(ValueError):
    pass


def read_departments(path: Path) -> list[Department]:
    """Read a departments file (TOML): fiscal_year and [[department]] name/interviewer/sections."""
    import tomllib  # here, like the parser below: every start imports this module, only a build reads sources

    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        year = int(data["fiscal_year"])
        return [
            Department(
                fiscal_year=year,
                name=str(entry["name"]),
                interviewer=str(entry.get("interviewer", DEFAULT_INTERVIEWER)),
                sections=tuple(Section(str(name)) for name in entry.get("sections", [])),
            )
            for entry in data["department"]
        ]
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise DepartmentSourceError(f"{path}: 部の一覧を読めません（{exc}）") from exc


def source_files(sources: Path) -> tuple[list[Path], list[Path]]:
    return sorted(sources.glob("policy_*.txt")), sorted(sources.glob("departments_*.toml"))


def build_reference(sources: Path, out: Path) -> Path:
    """Build the reference database from ``sources`` into ``out``, replacing it atomically."""
    from ..domain.policy_parser import parse_policy

    policies, departments = source_files(Path(sources))
    documents: list[PolicyDocument] = [parse_policy(p.read_text(encoding="utf-8")) for p in policies]
    department_lists = [read_departments(p) for p in departments]
    partial = Path(out).with_name(Path(out).name + ".new")
    partial.unlink(missing_ok=True)
    db = Database(sqlite3.connect(str(partial)))
    try:
        db.execute("PRAGMA foreign_keys = ON")
        migrate(db)
        with db.atomic():
            for document in documents:
                repository.insert_policy(db, document)
            for department_list in department_lists:
                for position, department in enumerate(department_list):
                    repository.insert_department(db, department, position)
            # A fixed timestamp keeps the build reproducible byte for byte.
            db.execute("UPDATE _sqlite_migrations SET applied_at = '2024-01-01 00:00:00+00:00'")
        db.execute("VACUUM")
    finally:
        db.close()
    os.replace(partial, out)
    return Path(out)


def open_reference(path: Path) -> Database:
    """The bundled reference database, read-only and immutable: the app never writes it."""
    if not Path(path).is_file():
        raise FileNotFoundError(f"同梱データが見つかりません: {path}")
    uri = f"{Path(path).resolve().as_uri()}?mode=ro&immutable=1"
    return Database(sqlite3.connect(uri, uri=True, check_same_thread=False))


def copy_reference_years(db: Database, reference: Path) -> list[int]:
    """Copy the basic policies and departments of years the working database lacks."""
    ref = open_reference(reference)
    try:
        have_policy = set(repository.policy_years(db))
        have_departments = set(repository.department_years(db))
        added = []
        with db.atomic():
            for year in repository.policy_years(ref):
                if year not in have_policy:
                    repository.insert_policy(db, repository.load_policy(ref, year))
                    added.append(year)
            for year in repository.department_years(ref):
                if year not in have_departments:
                    for position, department in enumerate(repository.departments(ref, year)):
                        repository.insert_department(db, department, position)
        return added
    finally:
        ref.close()
