"""Which of two versions of a department's plan is the newer: by 版, then by the last edit each says.

Used before a plan file replaces the plan held here (the question, the CLI's notice) and when the
planning office sorts the files submitted for one department (services/plan_collection.py).
"""

from __future__ import annotations

from datetime import datetime

from ..domain.models import Plan
from ..domain.wareki import format_moment


def older_than_held(session, plan: Plan, updated_at: str | None) -> str | None:
    """When ``plan`` (from a plan file last edited at ``updated_at``) is older (by 版, then last edit)
    than the plan it would replace here: a sentence saying so (for the question before an import and
    the CLI's notice); else None. Reads the held plan's 版 and last edit only, not the plan whole."""
    stamp = session.plan_stamp(plan.fiscal_year, plan.department)
    if stamp is None:
        return None
    revision, edited_at = stamp
    mine, theirs = moment(updated_at), moment(edited_at)
    older = plan.revision < revision if plan.revision != revision else bool(mine and theirs and mine < theirs)
    if not older:
        return None

    def version(revision: int, edited_at: str | None) -> str:
        return f"第{revision}版" + (f" 最終更新 {format_moment(edited_at)}" if edited_at else "")

    return (f"このファイル（{version(plan.revision, updated_at)}）は、この作業データの計画"
            f"（{version(revision, edited_at)}）より古いものです。")


def moment(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        return None


def version_key(revision: int, edited_at: str | None) -> tuple:
    when = moment(edited_at)
    return (revision, when is not None, when or datetime.min)
