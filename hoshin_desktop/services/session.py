"""The facade the UI and the command line use: one working database, plans to edit.

Nothing outside this module and plan_editor.py touches the database. The session answers
named questions (``departments``, ``plan_stamp``, ``review_marks`` …) and runs named operations,
each returning the Change it made; the operations on one plan belong to its PlanEditor
(plan_editor.py), each an undo step with a Japanese name, e.g. 「目標の追加」 (the menu shows
「元に戻す: 目標の追加」). Every edit is written at once (the UI only debounces keystrokes), so
nothing depends on a Save button.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .. import paths
from ..domain import plan_template
from ..domain.cycle import PlanLock, ReviewMark, Unlock
from ..domain.models import Department, Plan, PolicyDocument, keep_printed_sections, sections_leaving, stored_id
from ..domain.text import name_key
from ..domain.wareki import fiscal_year_label
from ..storage import organisation as organisation_rows
from ..storage import repository
from ..storage import year_cycle as cycle_rows
from ..storage.connection import Database
from ..storage.database import WORKING_DB_NAME, close_working, connect_working, open_working, rescue_wal, wal_missing
from ..storage.row_log import Entry, RowLog
from ..storage.wal_guard import DELETED, REPLACED, TRUNCATED
from .change import EVERYTHING, Change
from .names import NAME_LIMIT, cleaned_names, respelled
from .plan_editor import PlanEditor
from .writing import write

if TYPE_CHECKING:
    from ..domain.history import KeptRevision
    from ..storage.ledger import ExportRecord
    from ..storage.lineage import Snapshot
    from ..storage.plan_arrival import Arrival
    from ..storage.receipts import Receipt

T = TypeVar("T")


class Session:
    """The user's working data in one data folder."""

    def __init__(self, db: Database, data_dir: Path):
        self._db = db  # private: everything else reaches storage through the methods below
        self._row_log = RowLog(db.conn)
        self.data_dir = Path(data_dir)
        self._policies: dict[int, PolicyDocument] = {}
        self._lock = None
        self._notices: list[str] = []

    @classmethod
    def open(cls, data_dir: Path, reference: Path | None = None) -> Session:
        reference = paths.reference_db_path() if reference is None else reference
        return cls(open_working(Path(data_dir), reference), Path(data_dir))

    def reader(self) -> Session:
        """A session of its own over the same data, to read it on another thread (a SQLite connection
        serves one thread at a time): the search index is read so while the window is in use."""
        return Session(connect_working(self.data_dir / WORKING_DB_NAME), self.data_dir)

    def _read(self, action: Callable[[], T]) -> T:
        return write(self, action)

    def _atomic(self, action: Callable[[], T]) -> T:
        """``action`` as one transaction."""

        def run() -> T:
            with self._db.atomic():
                return action()

        return write(self, run)

    def attach_lock(self, lock) -> None:
        """Hold the data folder's instance lock until this session closes."""
        self._lock = lock

    def backup(self, reason: str) -> Path:
        """A rotating backup of the working data (reason: open, periodic, close, ...)."""
        from ..storage.backups import take_backup

        return self._read(lambda: take_backup(self._db, self.data_dir, reason, report=self._notices.append))

    # --- data safety: what the storage noticed and repaired, for the user -------------

    def check_storage(self) -> None:
        """After each write: notice a -wal file that another program deleted, replaced or cut short
        under the running app and move the edits to safety at once; then have the write copied
        into the database file (storage/wal_guard.py)."""
        guard = self._db.wal_guard
        harm = DELETED if wal_missing(self._db, self.data_dir / WORKING_DB_NAME) else guard and guard.harm()
        if harm:
            if guard:
                guard.settle()
            rescue_wal(self._db)
            self._notices.append(_WAL_NOTICES[harm])
        if guard:
            guard.written()

    def replace_data(self, backup: Path) -> Change:
        """The working data becomes the backup ``backup`` (refused with BackupRefused, nothing
        changed, unless it is a good backup of the app's data), migrated to this version."""
        from ..storage import backups, schema
        from ..storage.database import configure
        from ..storage.reference import copy_reference_years

        backups.check_backup(backup)

        def copy() -> None:
            backups.copy_into(self._db, backup)
            if schema.pending_migrations(self._db) or schema.identify(self._db) is not schema.Identity.OURS:
                schema.migrate(self._db)
            configure(self._db)
            copy_reference_years(self._db, paths.reference_db_path())

        self._read(copy)
        self._policies.clear()
        return EVERYTHING

    def prepare_for_edits(self) -> None:
        """Load what writing needs (sqlite-utils), which opening does without, so that the first
        edit after the window appears does not wait for it."""
        _ = self._db.utils

    def take_notices(self) -> list[str]:
        notices, self._notices = self._notices, []
        return notices

    def activation_requested(self) -> bool:
        """Did a second start of the app ask this one to come to the front?"""
        return bool(self._lock and self._lock.take_activation_request())

    def close(self, *, backup: bool = False) -> None:
        try:
            if backup:
                self.backup("close")
        finally:
            close_working(self._db, self.data_dir / WORKING_DB_NAME)
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    # --- reference data ----------------------------------------------------------------

    def fiscal_years(self) -> list[int]:
        return repository.policy_years(self._db)

    def policy(self, fiscal_year: int) -> PolicyDocument:
        if fiscal_year not in self._policies:
            self._policies[fiscal_year] = repository.load_policy(self._db, fiscal_year)
        return self._policies[fiscal_year]

    def codes_in_use(self, fiscal_year: int) -> set[str]:
        """Directive codes of the year that some plan answers or pins a goal to."""
        return repository.used_directive_codes(self._db, fiscal_year)

    def directive_ids(self, fiscal_year: int) -> dict[str, int]:
        """Code → the stored directive's id, for the year's basic policy."""
        return repository.directive_ids(self._db, fiscal_year)

    def store_policy(self, document: PolicyDocument, *, replace: bool, continued: dict[str, int] | None = None) -> Change:
        """Add a year's basic policy (with that year's departments), or rewrite it in place
        (``continued``: new code → the stored directive it continues, see services.policy_import)."""

        def action() -> None:
            if replace:
                repository.update_policy(self._db, document, continued)
            else:
                repository.insert_policy(self._db, document)
                repository.copy_departments(self._db, to_year=document.fiscal_year)

        self._atomic(action)
        self._policies.pop(document.fiscal_year, None)
        return Change(policy=True, organisation=not replace)

    # --- directive lineage and 版 snapshots (services/lineage.py, services/snapshots.py) ---
    # Their stores, and those of exports and arrivals below, are imported where used: a start needs none.

    def confirmed_mapping(self, from_year: int, to_year: int) -> list[tuple[str, str]] | None:
        from ..storage import lineage as lineage_store

        return lineage_store.load_directive_mapping(self._db, from_year, to_year)

    def confirm_mapping(self, from_year: int, to_year: int, pairs: list[tuple[str, str]]) -> Change:
        from ..storage import lineage as lineage_store

        self._atomic(lambda: lineage_store.save_directive_mapping(self._db, from_year, to_year, pairs))
        return Change(mapping=True)

    def snapshots(self, plan: Plan) -> list[Snapshot]:
        from ..storage import lineage as lineage_store

        return lineage_store.snapshots(self._db, plan.id) if plan.id is not None else []

    def snapshot(self, snapshot_id: int) -> dict:
        from ..storage import lineage as lineage_store

        return lineage_store.snapshot_content(self._db, snapshot_id)

    def kept_revisions(self, plan: Plan) -> list[KeptRevision]:
        """Every 版 kept of the plan, with its content (a plan file carries them)."""
        from ..storage import lineage as lineage_store

        return lineage_store.kept_revisions(self._db, plan.id) if plan.id is not None else []

    # --- the organisation --------------------------------------------------------------------

    def departments(self, fiscal_year: int) -> list[Department]:
        return repository.departments(self._db, fiscal_year)

    def department_years(self) -> list[int]:
        return repository.department_years(self._db)

    def department_links(self, fiscal_year: int) -> dict[str, list[str]]:
        """The year's 部 whose predecessors (the previous year's 部) were recorded → those predecessors."""
        return organisation_rows.department_links(self._db, fiscal_year)

    def section_links(self, fiscal_year: int) -> dict[tuple[str, str], list[tuple[str, str]]]:
        return organisation_rows.section_links(self._db, fiscal_year)

    def set_department_predecessors(self, fiscal_year: int, department: str, olds: list[str]) -> Change:
        """Record which 部 of the previous year ``department`` continues (renamed, split from, merged from;
        none: a new 部)."""
        previous = self._previous_organisation(fiscal_year)
        names = {d.name for d in self.departments(previous)}
        unknown = [old for old in olds if old not in names]
        if unknown:
            raise ValueError(f"{fiscal_year_label(previous)}に「{'」「'.join(unknown)}」という部はありません")
        department = self.department(fiscal_year, department).name
        self._atomic(lambda: organisation_rows.set_department_links(self._db, fiscal_year, previous, department, olds))
        return Change(organisation=True)

    def set_section_predecessors(self, fiscal_year: int, department: str, section: str,
                                 olds: list[tuple[str, str]]) -> Change:
        """Record which 課 (部, 課) of the previous year the 課 continues (renamed, moved from another 部)."""
        previous = self._previous_organisation(fiscal_year)
        self._atomic(lambda: organisation_rows.set_section_links(self._db, fiscal_year, previous, (department, section), olds))
        return Change(organisation=True)

    def _previous_organisation(self, fiscal_year: int) -> int:
        earlier = [year for year in self.department_years() if year < fiscal_year]
        if not earlier:
            raise LookupError(f"{fiscal_year_label(fiscal_year)}より前の年度の部の一覧がありません")
        return max(earlier)

    def department(self, fiscal_year: int, name: str) -> Department:
        departments = self.departments(fiscal_year)
        for department in departments:  # as typed, else in another width (ｾｲｻｸ部 for セイサク部)
            if department.name == name:
                return department
        for department in departments:
            if name_key(department.name) == name_key(name):
                return department
        raise repository.NotFound(_no_department(fiscal_year, name, departments, self.fiscal_years()))

    def set_departments(self, fiscal_year: int, names: list[str], renames: dict[str, str] | None = None) -> Change:
        """Make the year's departments (部) exactly ``names``, in that order.

        A new name starts with no sections; ``renames`` (old → new) keeps a department's 課
        under its new name. A department with a plan cannot be left out or renamed
        (repository.DepartmentHasPlan says which).
        """
        cleaned = cleaned_names(names)
        if not cleaned:
            raise ValueError("部を1つ以上入力してください")
        renames = {**respelled(cleaned, [d.name for d in self.departments(fiscal_year)]), **(renames or {})}

        def action() -> None:
            repository.set_departments(self._db, fiscal_year, cleaned, renames)
            self._record_renames(fiscal_year, renames)

        self._atomic(action)
        return Change(organisation=True)

    def _record_renames(self, fiscal_year: int, renames: dict[str, str]) -> None:
        """A 部 renamed in a year whose 部 continue an earlier year's: it continues the 部 of its old name."""
        earlier = [year for year in repository.department_years(self._db) if year < fiscal_year]
        if not earlier:
            return
        before = {d.name for d in repository.departments(self._db, max(earlier))}
        recorded = organisation_rows.department_links(self._db, fiscal_year)
        for old, new in renames.items():
            if old in before and new not in recorded and old != new:
                organisation_rows.set_department_links(self._db, fiscal_year, max(earlier), new, [old])

    def set_sections(self, fiscal_year: int, department: str, names: list[str]) -> Change:
        """Make the department's sections (課) exactly ``names``, in that order (the command line's
        way; the window edits them as an undo step of the open plan, PlanEditor.edit_sections).

        A section that stays (same name) keeps its id, so goals keep it as their 担当課; a
        section left out is removed, and with it its place in goals' 担当課. Blank and
        repeated names are ignored. On a fixed plan, a 課 its goals print cannot be left out
        (SectionsOfFixedPlan).
        """
        cleaned = cleaned_names(names)
        department = self.department(fiscal_year, department).name
        department_id = repository.department_id(self._db, fiscal_year, department)
        current = [s.name for s in self.department(fiscal_year, department).sections]
        renames = respelled(cleaned, current)
        plan = self.load_plan(fiscal_year, department)
        if plan is not None:
            keep_printed_sections(plan, sections_leaving(current, cleaned, renames))

        def action() -> None:
            repository.rename_sections(self._db, department_id, renames)
            repository.set_sections(self._db, department_id, cleaned)
            if plan is not None and plan.lock is None:
                repository.touch(self._db, stored_id(plan))

        self._atomic(action)
        return Change(organisation=True)

    # --- the city's lists for the year after the interview -------------------------------------

    def review_marks(self) -> list[ReviewMark]:
        return cycle_rows.review_marks(self._db)

    def set_review_marks(self, marks: list[ReviewMark]) -> Change:
        """Make the review scale exactly ``marks`` (blank marks dropped, each mark once)."""
        from ..domain.text import clean_text

        cleaned: dict[str, ReviewMark] = {}
        for m in marks:
            mark = clean_text(m.mark, limit=10).strip()
            if mark and mark not in cleaned:
                cleaned[mark] = ReviewMark(mark, clean_text(m.label, limit=NAME_LIMIT).strip(), m.needs_reason)
        if not cleaned:
            raise ValueError("評価の記号を1つ以上入力してください")
        self._atomic(lambda: cycle_rows.set_review_marks(self._db, list(cleaned.values())))
        return Change(lists=True)

    def instruction_givers(self) -> list[str]:
        return cycle_rows.instruction_givers(self._db)

    def set_instruction_givers(self, names: list[str]) -> Change:
        cleaned = cleaned_names(names)
        if not cleaned:
            raise ValueError("指示者を1人以上入力してください")
        self._atomic(lambda: cycle_rows.set_instruction_givers(self._db, cleaned))
        return Change(lists=True)

    # --- plans -------------------------------------------------------------------------

    def plan_keys(self, fiscal_year: int | None = None) -> list[tuple[int, str, int]]:
        return repository.plan_keys(self._db, fiscal_year)

    def load_plan(self, fiscal_year: int, department: str, *, whole: bool = False) -> Plan | None:
        """The stored plan, or None; ``whole`` also reads its 確定's snapshot."""
        plan_id = repository.plan_id(self._db, fiscal_year, department)
        return repository.load_plan(self._db, plan_id, whole=whole) if plan_id else None

    def plan_stamp(self, fiscal_year: int, department: str) -> tuple[int, str] | None:
        """(版, last edit as ISO text) of the stored plan, without reading it whole; None: no plan."""
        plan_id = repository.plan_id(self._db, fiscal_year, department)
        if plan_id is None:
            return None
        return repository.plan_revision(self._db, plan_id), repository.plan_updated_at(self._db, plan_id)

    def goal_count(self, fiscal_year: int, department: str) -> int:
        plan_id = repository.plan_id(self._db, fiscal_year, department)
        return repository.goal_count(self._db, plan_id) if plan_id else 0

    def plan_lock(self, fiscal_year: int, department: str, *, with_snapshot: bool = False) -> PlanLock | None:
        """The stored plan's 確定 (None: not fixed, or no plan)."""
        plan_id = repository.plan_id(self._db, fiscal_year, department)
        return cycle_rows.plan_lock(self._db, plan_id, with_snapshot=with_snapshot) if plan_id else None

    def unlocks(self, plan: Plan) -> list[Unlock]:
        """Every 確定 of the plan that was lifted, with its reason."""
        return cycle_rows.unlocks(self._db, plan.id) if plan.id is not None else []

    def last_saved(self, fiscal_year: int, department: str) -> datetime | None:
        """When the plan was last written to disk, or None for a plan not yet stored."""
        stamp = self.plan_stamp(fiscal_year, department)
        return datetime.fromisoformat(stamp[1]) if stamp else None

    def previous_plan(self, fiscal_year: int, department: str) -> Plan | None:
        """What a new plan starts from: last year's plan as the organisation lineage offers it to the 部
        (its predecessors', and the goals of 課 that moved in: services/organisation.py), else the
        department's plan of the latest earlier year that has one."""
        from .organisation import carry_source

        offered = carry_source(self, fiscal_year, department)
        if offered is not None:
            return offered
        earlier = [year for year, name, _id in self.plan_keys() if name == department and year < fiscal_year]
        return self.load_plan(max(earlier), department) if earlier else None

    def lineage_source(self, plan: Plan, *, every_goal: bool = False) -> Plan | None:
        """Last year's plan (or the 部 plans, after a 組織改正) that ``plan``'s carry-over lineage came from."""
        from .organisation import lineage_source

        return lineage_source(self, plan, every_goal=every_goal)

    def store_plan(self, plan: Plan, arrival: Arrival | None = None) -> Change:
        """Store a plan that arrives whole (a plan file read on the command line, a generated city) over
        the department-year plan held, in one transaction (no undo step: the window's import is one,
        PlanEditor.replace_whole). Its goal ids are only local keys."""
        from ..storage.plan_arrival import Arrival, store_arrived

        self._atomic(lambda: store_arrived(self._db, plan, arrival or Arrival()))
        return Change(plans=frozenset([(plan.fiscal_year, plan.department)]), organisation=bool(arrival and arrival.new_sections))

    def editor(self, fiscal_year: int, department: str) -> PlanEditor:
        """An editor for the department's plan; a new plan is stored on its first edit."""
        plan = self.load_plan(fiscal_year, department)
        if plan is None:
            plan = plan_template.new_plan(self.policy(fiscal_year), self.department(fiscal_year, department))
        return PlanEditor(self, plan, self._db, self._row_log)

    # --- what was exported, and what was received ------------------------------------------------

    def record_export(self, record: ExportRecord) -> Change:
        """Add a line to the export ledger (the paper on the mayor's desk can be matched to a draft)."""
        from ..storage import ledger

        # ledger.record_export is one transaction itself: another around it would only make it a savepoint
        write(self, lambda: ledger.record_export(self._db, record))
        return Change(exports=True)

    def export_records(self, fiscal_year: int | None = None, department: str | None = None) -> list[ExportRecord]:
        from ..storage import ledger

        return ledger.export_records(self._db, fiscal_year, department)

    def receipts(self, fiscal_year: int | None = None) -> list[Receipt]:
        from ..storage import receipts as receipt_log

        return receipt_log.receipts(self._db, fiscal_year)

    def import_plans(self, arrivals: list[tuple[Plan, Arrival]], receipts: list[Receipt]
                     ) -> tuple[Change, list[Entry]]:
        """Store several plans that arrive whole (the planning office's collection) in one transaction,
        with a receipt for every file. Returns the Change and what undoes the whole batch (``undo_import``)."""
        from ..storage import receipts as receipt_log
        from ..storage.plan_arrival import store_arrived

        def run() -> list[Entry]:
            with self._row_log.recording() as written, self._db.atomic():
                for plan, arrival in arrivals:
                    store_arrived(self._db, plan, arrival)
                receipt_log.add_receipts(self._db, receipts)
            return written

        written = write(self, run)
        keys = frozenset((plan.fiscal_year, plan.department) for plan, _arrival in arrivals)
        return Change(plans=keys, organisation=True), written

    def undo_import(self, written: list[Entry], batch: str, keys: frozenset[tuple[int, str]]) -> Change:
        """Put back every plan and 課 list of the departments ``keys`` that an ``import_plans`` batch wrote
        (``written``); its receipts say 取り消し."""
        from ..storage import receipts as receipt_log

        def run() -> None:
            self._row_log.replay(written)
            receipt_log.mark_undone(self._db, batch)

        self._atomic(run)
        return Change(plans=keys, organisation=True)


_WAL_NOTICES = {harm: f"作業データの一時ファイル（hoshin.db-wal）が、別のプログラムに{done}。{kept}"
                "同期ソフト（OneDrive など）やお掃除ソフトがデータのフォルダーを対象にしていないか確認してください。"
                for harm, done, kept in (
                    (DELETED, "削除されていました", "それまでの入力はすべてデータに書き込み直したので、失われていません。"),
                    (REPLACED, "置き換えられていました", "それまでの入力はすべてデータに書き込み直したので、失われていません。"),
                    (TRUNCATED, "切り詰められていました", "入力は保存のたびにデータへ書き込んでいるので、失われていません。"))}


def _no_department(fiscal_year: int, name: str, departments: list[Department], years: list[int]) -> str:
    """Why a department was not found, in the user's words: a year not yet imported says so
    (not 「…という部はありません」), and a mistyped name is shown the year's departments."""
    label = fiscal_year_label(fiscal_year)
    if not departments:
        have = "、".join(fiscal_year_label(year) for year in years)
        return f"{label}の基本方針はまだ取り込まれていません（取り込み済み: {have}）。先に基本方針を取り込んでください"
    return f"{label}に「{name}」という部はありません（{label}の部: {'、'.join(d.name for d in departments)}）"
