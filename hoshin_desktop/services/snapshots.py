"""Snapshots of a plan per 版: taken when the 版 is raised or the plan is fixed (確定), compared in 「版の比較」
and written to Word (the window's button, the ``export-redline --from-revision`` command)."""

from __future__ import annotations

from pathlib import Path

from ..domain.redline import Comparison, between_versions
from ..domain.snapshot import from_snapshot
from ..domain.wareki import fiscal_year_label
from ..export.redline import write_redline

CURRENT = None  # in place of a snapshot id: the plan as it is now
NOW = "現在の内容"


def compare(session, plan, older: int | None, newer: int | None) -> Comparison:
    """Two versions of ``plan``: snapshot ids, or CURRENT for the plan as it is now."""
    def version(snapshot_id):
        return plan if snapshot_id is CURRENT else from_snapshot(session.snapshot(snapshot_id))

    return between_versions(version(older), version(newer))


def version_title(plan, older_label: str, newer_label: str) -> str:
    return (f"{fiscal_year_label(plan.fiscal_year)} {plan.department} 運営方針・組織目標"
            f"（{older_label}と{newer_label}の比較）")


def of_revision(session, plan, revision: int | None):
    """The snapshot kept of 版 ``revision`` (the latest, if kept twice), or CURRENT for None.

    LookupError, naming the 版 that were kept, when there is none."""
    if revision is None:
        return CURRENT
    kept = session.snapshots(plan)
    found = [s for s in kept if s.revision == revision]
    if found:
        return found[-1]
    label = f"{fiscal_year_label(plan.fiscal_year)}の{plan.department}の計画"
    if not kept:
        raise LookupError(f"{label}には、まだ版の記録がありません。版を上げる（第2版など）か確定すると、"
                          "その時点の内容が記録されます。")
    revisions = "、".join(f"第{r}版" for r in sorted({s.revision for s in kept}))
    raise LookupError(f"{label}には第{revision}版の記録がありません。記録のある版: {revisions}")


def export_revision_redline(session, plan, from_revision: int, to_revision: int | None, path: Path, *,
                            author: str = "") -> Path:
    """The redline from 版 ``from_revision`` to 版 ``to_revision`` (None: the plan as it is now)."""
    older, newer = of_revision(session, plan, from_revision), of_revision(session, plan, to_revision)
    comparison = compare(session, plan, older.id, CURRENT if newer is CURRENT else newer.id)
    title = version_title(plan, older.label, NOW if newer is CURRENT else newer.label)
    return write_redline(comparison, title, path, author=author)
