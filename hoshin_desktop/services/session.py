"""The facade the UI and the command line use: one working database, plans to edit.

Every edit is written to the database at once (the UI only debounces keystrokes), so
nothing depends on a Save button. Each edit of a plan is an undo step with a Japanese
name, e.g. 「目標の追加」; the menu shows 「元に戻す: 目標の追加」.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Hashable
from datetime import date
from pathlib import Path

from .. import paths
from ..domain import plan_template
from ..domain.codes import code_sort_key
from ..domain.cycle import PlanLocked, SectionsOfFixedPlan
from ..domain.models import (
    GOAL_FIELD_LABELS,
    GOAL_TEXT_FIELDS,
    Department,
    Goal,
    Plan,
    PolicyDocument,
    Signer,
    group_goal_order,
    removed_names,
)
from ..domain.text import clean_text
from ..domain.wareki import fiscal_year_label
from ..storage import lineage as lineage_store
from ..storage import repository
from ..storage.connection import Database
from ..storage.database import WORKING_DB_NAME, open_working, rescue_wal, wal_missing
from ..storage.errors import classify
from ..storage.row_log import RowLog
from ..storage.wal_guard import DELETED, REPLACED, TRUNCATED
from .change import Change
from .undo import UndoHistory


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

    def read(self, function: Callable[..., object], *args, **kwargs):
        """``function(db, *args, **kwargs)``: a storage function reading the working data."""
        return _write(lambda: function(self._db, *args, **kwargs), self)

    def store(self, function: Callable[..., object], *args, **kwargs):
        """``function(db, *args, **kwargs)``: a storage function writing the working data, as
        one transaction; the machine's failures (full, locked, read-only) become StorageError."""

        def action():
            with self._db.atomic():
                return function(self._db, *args, **kwargs)

        return _write(action, self)

    def attach_lock(self, lock) -> None:
        """Hold the data folder's instance lock until this session closes."""
        self._lock = lock

    def backup(self, reason: str) -> Path:
        """A rotating backup of the working data (reason: open, periodic, close, ...)."""
        from ..storage.backups import take_backup

        return _write(lambda: take_backup(self._db, self.data_dir, reason, report=self._notices.append), self)

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

    def forget_everything(self) -> None:
        """The data was replaced underneath (a restore): drop every cached policy."""
        self._policies.clear()

    def replace_data(self, backup: Path) -> None:
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

        _write(copy, self)
        self.forget_everything()

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
            self._db.close()
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

    # --- directive lineage and 版 snapshots (services/lineage.py, services/snapshots.py) ---

    def confirmed_mapping(self, from_year: int, to_year: int) -> list[tuple[str, str]] | None:
        return lineage_store.load_directive_mapping(self._db, from_year, to_year)

    def confirm_mapping(self, from_year: int, to_year: int, pairs: list[tuple[str, str]]) -> None:
        _write(lambda: lineage_store.save_directive_mapping(self._db, from_year, to_year, pairs), self)

    def keep_snapshot(self, plan: Plan, label: str, content: dict) -> int:
        return _write(lambda: lineage_store.save_snapshot(self._db, plan.id, plan.revision, label, content), self)

    def snapshots(self, plan: Plan) -> list[lineage_store.Snapshot]:
        return lineage_store.snapshots(self._db, plan.id) if plan.id is not None else []

    def snapshot(self, snapshot_id: int) -> dict:
        return lineage_store.snapshot_content(self._db, snapshot_id)

    def store_policy(self, document: PolicyDocument, *, replace: bool, continued: dict[str, int] | None = None) -> None:
        """Add a year's basic policy (with that year's departments), or rewrite it in place
        (``continued``: new code → the stored directive it continues, see services.policy_import)."""

        def action():
            with self._db.atomic():
                if replace:
                    repository.update_policy(self._db, document, continued)
                else:
                    repository.insert_policy(self._db, document)
                    repository.copy_departments(self._db, to_year=document.fiscal_year)

        _write(action, self)
        self._policies.pop(document.fiscal_year, None)

    def departments(self, fiscal_year: int) -> list[Department]:
        return repository.departments(self._db, fiscal_year)

    def department(self, fiscal_year: int, name: str) -> Department:
        departments = self.departments(fiscal_year)
        for department in departments:
            if department.name == name:
                return department
        raise repository.NotFound(_no_department(fiscal_year, name, departments, self.fiscal_years()))

    def set_departments(self, fiscal_year: int, names: list[str], renames: dict[str, str] | None = None) -> list[Department]:
        """Make the year's departments (部) exactly ``names``, in that order.

        A new name starts with no sections; ``renames`` (old → new) keeps a department's 課
        under its new name. A department with a plan cannot be left out or renamed
        (repository.DepartmentHasPlan says which).
        """
        cleaned = _names(names)
        if not cleaned:
            raise ValueError("部を1つ以上入力してください")
        _write(lambda: repository.set_departments(self._db, fiscal_year, cleaned, renames), self)
        return self.departments(fiscal_year)

    def set_sections(self, fiscal_year: int, department: str, names: list[str]) -> Department:
        """Make the department's sections (課) exactly ``names``, in that order.

        A section that stays (same name) keeps its id, so goals keep it as their 担当課; a
        section left out is removed, and with it its place in goals' 担当課. Blank and
        repeated names are ignored. Open PlanEditors of the department should be reopened
        afterwards (their undo steps may name a removed section). On a fixed plan, a 課 its goals
        print cannot be left out (SectionsOfFixedPlan), as in PlanEditor.edit_sections.
        """
        cleaned = _names(names)
        department_id = repository.department_id(self._db, fiscal_year, department)
        plan = self.load_plan(fiscal_year, department)
        if plan is not None and plan.lock is not None:  # as PlanEditor.edit_sections: the paper stays as fixed
            gone = sorted(set(plan.owner_section_names()) - set(cleaned))
            if gone:
                raise SectionsOfFixedPlan(plan.lock.revision, gone)

        def action():
            with self._db.atomic():
                repository.set_sections(self._db, department_id, cleaned)
                if plan is not None and plan.lock is None:
                    repository.touch(self._db, plan.id)

        _write(action, self)
        return self.department(fiscal_year, department)

    # --- plans -------------------------------------------------------------------------

    def plan_keys(self, fiscal_year: int | None = None) -> list[tuple[int, str, int]]:
        return repository.plan_keys(self._db, fiscal_year)

    def load_plan(self, fiscal_year: int, department: str) -> Plan | None:
        plan_id = repository.plan_id(self._db, fiscal_year, department)
        return repository.load_plan(self._db, plan_id) if plan_id else None

    def store_plan(self, plan: Plan) -> bool:
        """Make the department-year plan ``plan`` (a plan file's, say) in one transaction.

        The goals' ids are only local keys: they are stored with new ones. Returns whether a
        plan was there before (it is replaced). Open editors of that plan must be reopened.
        """

        def action() -> bool:
            with self._db.atomic():
                existing = repository.plan_id(self._db, plan.fiscal_year, plan.department)
                if existing is None:
                    repository.create_plan(self._db, plan, fresh_ids=True)
                else:
                    plan.id = existing
                    repository.replace_plan(self._db, plan, fresh_ids=True)
            return existing is not None

        return _write(action, self)

    def record_export(self, record) -> None:
        """Add a line to the export ledger (``storage.ledger.ExportRecord``)."""
        from ..storage import ledger

        _write(lambda: ledger.record_export(self._db, record), self)

    def last_saved(self, fiscal_year: int, department: str):
        """When the plan was last written to disk (a datetime), or None for a plan not yet stored."""
        from datetime import datetime

        plan_id = repository.plan_id(self._db, fiscal_year, department)
        stamp = repository.plan_updated_at(self._db, plan_id) if plan_id else None
        return datetime.fromisoformat(stamp) if stamp else None

    def export_records(self, fiscal_year: int | None = None, department: str | None = None) -> list:
        from ..storage import ledger

        return ledger.export_records(self._db, fiscal_year, department)

    def previous_plan(self, fiscal_year: int, department: str) -> Plan | None:
        """The department's plan of the latest earlier year that has one (what a new plan starts from)."""
        earlier = [year for year, name, _id in self.plan_keys() if name == department and year < fiscal_year]
        return self.load_plan(max(earlier), department) if earlier else None

    def editor(self, fiscal_year: int, department: str) -> PlanEditor:
        """An editor for the department's plan; a new plan is stored on its first edit."""
        plan = self.load_plan(fiscal_year, department)
        if plan is None:
            plan = plan_template.new_plan(self.policy(fiscal_year), self.department(fiscal_year, department))
        return PlanEditor(self, plan)



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


def _names(names: list[str]) -> list[str]:
    """A list of organisation names as typed: cleaned, blanks and repeats dropped, order kept."""
    return list(dict.fromkeys(name for name in (clean_text(n, limit=200).strip() for n in names) if name))


def _write(action: Callable[[], object], session: Session):
    """Run a database write; turn environment failures into StorageError messages."""
    try:
        result = action()
        session.check_storage()
        return result
    except Exception as exc:
        mapped = classify(exc, session.data_dir)
        if mapped is exc:
            raise
        raise mapped from exc


CARRY_OVER = "前年度の計画の引き継ぎ"


class PlanEditor:
    """Edits one department-year plan, each edit an undo step, each written at once.

    Every edit returns the Change it made (an added goal's id is ``change.select``). Undo
    reverses exactly the rows the step wrote (storage/row_log.py), so rows of other tables
    under the plan (written by other features) are left as they are.
    """

    def __init__(self, session: Session, plan: Plan):
        self.session = session
        self._db = session._db
        self._row_log = session._row_log
        self.plan = plan
        self.history = UndoHistory()

    # --- plumbing ------------------------------------------------------------------------

    @property
    def policy(self) -> PolicyDocument:
        return self.session.policy(self.plan.fiscal_year)

    @property
    def department(self) -> Department:
        return self.session.department(self.plan.fiscal_year, self.plan.department)

    def _ensure_stored(self) -> None:
        if self.plan.id is None:
            _write(lambda: repository.create_plan(self._db, self.plan), self.session)

    def _edit(self, label: str, change: Change, action: Callable[[], object],
              merge_key: Hashable | None = None, reload: bool = True) -> Change:
        """Run ``action`` as one transaction and one undo step (or part of the last one)."""
        self.refuse_if_fixed()
        self._ensure_stored()
        change = change.with_(label=label)

        def run():
            with self._row_log.recording() as reverse, self._db.atomic():
                result = action()
            return result, reverse

        result, reverse = _write(run, self.session)
        if isinstance(result, int):  # a new goal's id: undoing and redoing its step know it too
            change = change.with_(select=result)
        self.history.record(label, change, reverse, merge_key)
        if reload:
            self.plan = repository.load_plan(self._db, self.plan.id)
        else:
            self.plan.edited_on = repository.edited_on(self._db, self.plan.id)
        return change

    def seal(self) -> None:
        self.history.seal()

    def refuse_if_fixed(self) -> None:
        """A fixed (確定) plan's text cannot change; its reviews and 指示事項 can (services.year_cycle)."""
        if self.plan.lock is not None:
            raise PlanLocked(self.plan.lock.revision)

    # --- undo / redo ---------------------------------------------------------------------

    @property
    def undo_label(self) -> str | None:
        return self.history.undo_label

    @property
    def redo_label(self) -> str | None:
        return self.history.redo_label

    def _reverse(self, entries: list) -> list:
        def run():
            reverse = self._row_log.replay(entries)
            repository.touch(self._db, self.plan.id)
            return reverse

        reverse = _write(run, self.session)
        self.plan = repository.load_plan(self._db, self.plan.id)
        return reverse

    def undo(self) -> Change | None:
        self.refuse_if_fixed()
        step = self.history.next_undo
        if step is None:
            return None
        self.history.undone(self._reverse(step.reverse))
        return step.change

    def redo(self) -> Change | None:
        self.refuse_if_fixed()
        step = self.history.next_redo
        if step is None:
            return None
        self.history.redone(self._reverse(step.reverse))
        return step.change

    # --- the plan's own fields -------------------------------------------------------------

    def set_plan_date(self, value: date) -> Change:
        return self._edit("日付の変更", Change(cover=True),
                          lambda: repository.update_plan(self._db, self.plan.id, plan_date=value))

    def set_preamble(self, text: str) -> Change:
        text = clean_text(text)
        change = self._edit("前文の編集", Change(cover=True),
                            lambda: repository.update_plan(self._db, self.plan.id, preamble=text),
                            merge_key=("preamble",), reload=False)
        self.plan.preamble = text
        return change

    def set_revision(self, revision: int) -> Change:
        if self.plan.id is not None and int(revision) > self.plan.revision:  # 版 raised: keep the one it ends
            from .snapshots import take

            take(self.session, self.plan, f"第{self.plan.revision}版")
        return self._edit("版数の変更", Change(cover=True),
                          lambda: repository.update_plan(self._db, self.plan.id, revision=max(1, int(revision))))

    def set_signers(self, signers: list[Signer]) -> Change:
        cleaned = [Signer(clean_text(s.title, limit=200), clean_text(s.name, limit=200)) for s in signers]
        return self._edit("署名者の編集", Change(cover=True),
                          lambda: repository.set_signers(self._db, self.plan.id, cleaned),
                          merge_key=("signers", len(cleaned)))

    def set_answer(self, code: str, text: str) -> Change:
        text = clean_text(text)
        return self._edit(
            f"部の方針の編集（{code}）", Change(answers=frozenset([code])),
            lambda: repository.set_answer(self._db, self.plan.id, code, text, fiscal_year=self.plan.fiscal_year),
            merge_key=("answer", code))

    def write_texts(self, label: str, edits: list[tuple[str, str | int | None, str, str]]) -> Change:
        """Several texts as one step (replace all): (kind, key, field, text), kind being
        "preamble", "answer" (key: its code) or "goal" (key: its id, field: which text)."""
        plan = self.plan

        def action():
            for kind, key, field, text in edits:
                if kind == "preamble":
                    repository.update_plan(self._db, plan.id, preamble=text)
                elif kind == "answer":
                    repository.set_answer(self._db, plan.id, key, text, fiscal_year=plan.fiscal_year)
                else:
                    repository.update_goal(self._db, key, **{field: text})

        change = Change(cover=any(kind == "preamble" for kind, *_ in edits),
                        answers=frozenset(key for kind, key, *_ in edits if kind == "answer"),
                        goals=frozenset(key for kind, key, *_ in edits if kind == "goal"))
        return self._edit(label, change, action)

    # --- goals -------------------------------------------------------------------------------

    def add_goal(self, *, after: int | None = None, parent: int | None = None, goal: Goal | None = None,
                 label: str | None = None) -> Change:
        """Add a goal (a copy of ``goal``, or an empty one) after the goal ``after``; its id is ``select``."""
        goal = copy.deepcopy(goal) if goal else Goal()
        goal.id, goal.parent = None, parent
        order = [g.id for g in self.plan.goals]
        index = order.index(after) + 1 if after in order else len(order)

        def action():
            repository.insert_goals(self._db, self.plan, [goal], start=index)
            new_id = goal.id
            repository.reorder_goals(self._db, self.plan.id,
                                     self._grouped(order[:index] + [new_id] + order[index:], {new_id: parent}))
            return new_id

        return self._edit(label or ("課の目標の追加" if parent else "目標の追加"), Change(structure=True), action)

    def duplicate_goal(self, goal_id: int) -> Change:
        source = self._goal(goal_id)
        return self.add_goal(after=goal_id, parent=source.parent, goal=source, label="目標の複製")

    def delete_goal(self, goal_id: int) -> Change:
        self._goal(goal_id)
        # select: undoing the deletion shows the goal brought back (the Workspace picks the next goal for the deletion)
        return self._edit("目標の削除", Change(structure=True, select=goal_id),
                          lambda: repository.delete_goal(self._db, goal_id))

    def move_goal(self, goal_id: int, new_index: int) -> Change:
        """Put the goal at ``new_index`` of the stored (drafter's) order; its section goals follow."""
        order = [g.id for g in self.plan.goals]
        order.remove(goal_id)
        new_index = max(0, min(new_index, len(order)))
        order.insert(new_index, goal_id)
        return self._edit("目標の移動", Change(structure=True),
                          lambda: repository.reorder_goals(self._db, self.plan.id, self._grouped(order)))

    def swap_goals(self, goal_id: int, other_id: int) -> Change:
        """Exchange two goals' places in the drafter's order (what "move up/down" does)."""
        order = [g.id for g in self.plan.goals]
        i, j = order.index(goal_id), order.index(other_id)
        order[i], order[j] = order[j], order[i]
        return self._edit("目標の移動", Change(structure=True, select=goal_id),
                          lambda: repository.reorder_goals(self._db, self.plan.id, self._grouped(order)))

    def set_goal_field(self, goal_id: int, field: str, value: str) -> Change:
        if field not in GOAL_TEXT_FIELDS:
            raise ValueError(f"unknown goal field {field}")
        value = clean_text(value)
        goal = self._goal(goal_id)
        change = self._edit(f"{GOAL_FIELD_LABELS[field]}の編集", Change(goals=frozenset([goal_id])),
                            lambda: repository.update_goal(self._db, goal_id, **{field: value}),
                            merge_key=("goal", goal_id, field), reload=False)
        setattr(goal, field, value)
        return change

    def set_goal_parent(self, goal_id: int, parent: int | None) -> Change:
        has_section_goals = any(g.parent == goal_id for g in self.plan.goals)
        if parent is not None and (parent == goal_id or self._goal(parent).parent is not None or has_section_goals):
            raise ValueError("課の目標は部の目標の下にだけ置けます（課の目標を持つ目標は、ほかの目標の下に置けません）")
        order = [g.id for g in self.plan.goals]

        def action():
            repository.update_goal(self._db, goal_id, parent=parent)
            repository.reorder_goals(self._db, self.plan.id, self._grouped(order, {goal_id: parent}))

        return self._edit("目標の階層の変更", Change(structure=True, select=goal_id), action)

    def set_owner_sections(self, goal_id: int, names: list[str]) -> Change:
        self._goal(goal_id)
        return self._edit("担当課の変更", Change(goals=frozenset([goal_id])),
                          lambda: repository.set_goal_sections(self._db, goal_id, names))

    def pin(self, goal_id: int, code: str) -> Change | None:
        goal = self._goal(goal_id)
        if code in goal.directives:
            return None
        codes = sorted(goal.directives + [code], key=code_sort_key)
        return self._edit(f"基本方針 {code} への関連付け", Change(pins=True, goals=frozenset([goal_id])),
                          lambda: repository.set_goal_directives(self._db, goal_id, codes))

    def unpin(self, goal_id: int, code: str) -> Change | None:
        goal = self._goal(goal_id)
        if code not in goal.directives:
            return None
        codes = [c for c in goal.directives if c != code]
        return self._edit(f"基本方針 {code} の関連付けの解除", Change(pins=True, goals=frozenset([goal_id])),
                          lambda: repository.set_goal_directives(self._db, goal_id, codes))

    def _grouped(self, order: list[int], changed: dict[int, int | None] | None = None) -> list[int]:
        """``order`` with every section goal right after its department goal (``changed``: new parents)."""
        parent_of = {g.id: g.parent for g in self.plan.goals}
        parent_of.update(changed or {})
        return group_goal_order(order, parent_of)

    def _goal(self, goal_id: int) -> Goal:
        goal = self.plan.goal(goal_id)
        if goal is None:
            raise repository.NotFound(f"goal {goal_id} is not in this plan")
        return goal

    # --- the department's 課 list ----------------------------------------------------

    def edit_sections(self, names: list[str], renames: dict[str, str] | None = None) -> Change:
        """Make the department's 課 exactly ``names`` (in that order), as one undo step.

        ``renames`` (old → new) renames a 課 in place, so the goals that have it as 担当課
        show the new name; a 課 left out is removed, and with it its place in goals' 担当課.
        The row log records the 課 rows too, so undo brings back the list and the 担当課.
        """
        cleaned = _names(names)
        renames = {old: new for old, new in (renames or {}).items() if new in cleaned and old != new}
        current = [s.name for s in self.department.sections]
        leaving = set(removed_names(current, cleaned, renames)) | (set(renames) & set(current))
        touched = frozenset(g.id for g in self.plan.goals if set(g.owner_sections) & leaving)

        def action():
            department = repository.department_id(self._db, self.plan.fiscal_year, self.plan.department)
            repository.rename_sections(self._db, department, renames)
            repository.set_sections(self._db, department, cleaned)
            if self.plan.lock is None:  # a fixed plan's paper (its footer date too) stays as fixed
                repository.touch(self._db, self.plan.id)

        if self.plan.lock is not None:
            return self._edit_sections_of_fixed_plan(sorted(set(self.plan.owner_section_names()) & leaving), action)
        return self._edit("課の一覧の変更", Change(organisation=True, goals=touched), action)

    def _edit_sections_of_fixed_plan(self, changed: list[str], action: Callable[[], object]) -> Change:
        """A fixed plan prints its goals' 担当課, so a 課 they name (``changed``: those the edit would
        remove or rename) can neither go nor be renamed; adding and reordering change nothing printed
        and are written, outside the undo history (which a fixed plan refuses)."""
        if changed:
            raise SectionsOfFixedPlan(self.plan.lock.revision, changed)

        def run():
            with self._db.atomic():
                action()

        _write(run, self.session)
        self.plan = repository.load_plan(self._db, self.plan.id)
        return Change(organisation=True)

    # --- starting from last year's plan --------------------------------------------------------

    def carry_over(self, source: Plan, directions: dict[int, str] | None = None,
                   merges: dict[int, int] | None = None):
        """Copy ``source`` (the department's plan of an earlier year) into this plan, as one undo step.

        Goals come over with all their text, their place under a department goal and the
        sections that still exist. Signers come over (titles and names, to be checked) unless a
        name was typed this year; an answer already written this year is kept.
        Pins and answers follow the directive mapping between the two years, and each goal
        gets its 方向性 (``directions``, ``merges``): see services/carry_over.py,
        which returns what was carried and what could not be.
        """
        from .carry_over import plan_carry_over

        work = plan_carry_over(self.session, source, self.plan, {s.name for s in self.department.sections},
                               directions, merges)
        if any(signer.name.strip() for signer in self.plan.signers):  # typed this year (after 人事異動): kept
            signers, work.kept_signers = self.plan.signers, True
        else:
            signers = [Signer(s.title, s.name) for s in source.signers] or self.plan.signers
        work.kept_answers = [code for code, _text in work.answers if self.plan.answer(code).strip()]
        existing = len(self.plan.goals)

        def action():
            repository.set_signers(self._db, self.plan.id, signers)
            for code, text in work.answers:
                if not self.plan.answer(code).strip():
                    repository.set_answer(self._db, self.plan.id, code, text, fiscal_year=self.plan.fiscal_year)
            keys = [goal.id for goal in work.goals]  # last year's ids: insert_goals gives new ones
            repository.insert_goals(self._db, self.plan, work.goals, start=existing, fresh_ids=True)
            stored = dict(zip(keys, (goal.id for goal in work.goals)))
            repository.update_plan(self._db, self.plan.id, lineage=work.lineage(stored))

        change = Change(cover=True, answers=frozenset(code for code, _text in work.answers), structure=True)
        self._edit(CARRY_OVER, change, action)
        return work

    # --- what the drafter still has to do ----------------------------------------------------

    def uncovered_directives(self) -> list[str]:
        """Codes with neither an answer nor a pinned goal (procedural sections have no codes)."""
        return [d.code for d in self.policy.directives
                if not self.plan.answer(d.code).strip() and not self.plan.goals_pinned_to(d.code)]

    def unpinned_goals(self) -> list[Goal]:
        return [g for g in self.plan.goals if not g.directives]
