"""Snapshots of a plan per 版: taken when the 版 is raised or the plan is fixed (確定), compared in 「版の比較」."""

from __future__ import annotations

from ..domain.redline import Comparison, between_versions
from ..domain.snapshot import from_snapshot, to_snapshot

CURRENT = None  # in place of a snapshot id: the plan as it is now


def take(session, plan, label: str) -> int | None:
    """Keep ``plan`` as it is now (nothing for a plan never stored)."""
    return session.keep_snapshot(plan, label, to_snapshot(plan)) if plan.id is not None else None


def compare(session, plan, older: int | None, newer: int | None) -> Comparison:
    """Two versions of ``plan``: snapshot ids, or CURRENT for the plan as it is now."""
    def version(snapshot_id):
        return plan if snapshot_id is CURRENT else from_snapshot(session.snapshot(snapshot_id))

    return between_versions(version(older), version(newer))
