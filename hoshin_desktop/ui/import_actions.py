"""Imports from the window: read off the GUI thread behind a progress dialog, and undoable.

Every import (a basic policy, a plan file) backs the data up first; 「編集 → 取り込む前に戻す」
puts that backup back, so an import replaced by mistake costs nothing. The current data is
itself backed up before it is replaced, so even going back can be undone from the backups.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..domain.wareki import fiscal_year_label
from ..storage.backups import list_backups
from ..storage.errors import StorageError
from . import alerts
from .i18n import tr

POLICY_FILTER = "基本方針 (*.txt *.docx);;すべてのファイル (*)"


@dataclass(frozen=True)
class BeforeImport:
    """What the last import replaced: the backup taken just before it, and what it was."""

    backup: Path
    what: str  # 「令和7年度の基本方針」, 「令和6年度 政策部の計画」


def _remember(window, backup: Path, what: str) -> None:
    window.before_import = BeforeImport(backup, what)
    window.act_undo_import.setEnabled(True)
    window.act_undo_import.setText(tr("取り込む前に戻す: {0}").format(what))


def _reopen(window, year: int | None = None, department: str | None = None) -> None:
    """Show the data again after it was replaced underneath; the year or department may be gone."""
    years = window.session.fiscal_years()
    if year not in years:
        year = years[-1]
    names = [d.name for d in window.session.departments(year)]
    if department not in names:
        department = names[0] if names else None
    window.reload_from_session(year, department)


# --- basic policy ------------------------------------------------------------------------------------

def import_policy(window) -> None:
    """A new year's basic policy (or a corrected one) from a text or Word file."""
    from ..domain.policy_parser import PolicyParseError
    from ..services.policy_import import PolicyExists, PolicyImportError, read_policy_file, store_policy
    from .export_actions import run_with_progress

    path = alerts.open_path(window, tr("基本方針の取り込み"), Path.home(), tr(POLICY_FILTER))
    if path is None:
        return
    try:
        document = run_with_progress(window, tr("「{0}」を読み取っています…").format(Path(path).name),
                                     lambda report: read_policy_file(path))
        try:
            backup = store_policy(window.session, document)
        except PolicyExists as exists:
            if not alerts.ask_yes_no(window, tr("基本方針の置き換え"), tr(
                    "{0}の基本方針はすでにあります。このファイルの内容（訂正版）で置き換えますか？\n"
                    "部の方針と目標の関連付けは、番号が変わっても対応する項目へ引き継ぎます。置き換える前にバックアップを取ります。"
                    ).format(fiscal_year_label(exists.fiscal_year))):
                return
            backup = _replace(window, document)
            if backup is None:
                return
    except (PolicyImportError, PolicyParseError, StorageError) as exc:
        alerts.error(window, tr("基本方針を取り込めません"), tr("{0}\n\n何も変更していません。").format(exc))
        return
    label = fiscal_year_label(document.fiscal_year)
    _remember(window, backup, tr("{0}の基本方針").format(label))
    department = window.editor.plan.department if window.editor else None
    _reopen(window, document.fiscal_year, department)
    window.statusBar().showMessage(tr("{0}の基本方針を取り込みました（項目 {1} 件）。取り消すには「編集」→「取り込む前に戻す」。").format(
        label, len(document.directives)), 15000)
    from .directive_mapping_dialog import show_mapping

    window.mapping_dialog = show_mapping(window, window.session, document.fiscal_year)


def _replace(window, document) -> Path | None:
    """Replace a year's policy by a corrected text; ask before pins or answers would be lost.
    The backup taken before, or None when the user kept the current policy."""
    from ..services.policy_import import PinsWouldBeLost, store_policy

    try:
        return store_policy(window.session, document, replace=True)
    except PinsWouldBeLost as lost:
        question = tr(
            "訂正版には、項目 {0} を引き継ぐ項目が見つかりません。\n置き換えると、これらの項目への目標の関連付けと"
            "部の方針が失われます（置き換える前にバックアップを取ります）。\n\nそれでも置き換えますか？"
        ).format("、".join(lost.lost))
        if not alerts.ask_yes_no(window, tr("関連付けが失われます"), question):
            return None
        return store_policy(window.session, document, replace=True, allow_lost_pins=True)


# --- plan file -----------------------------------------------------------------------------------------

def imported_plan(window, year: int, department: str) -> None:
    """After a plan file was imported: offer to go back to the backup the import just took."""
    backups = [b for b in list_backups(window.session.data_dir) if b.reason == "before-import"]
    if backups:
        _remember(window, backups[0].path, tr("{0} {1}の計画").format(fiscal_year_label(year), department))


# --- going back ----------------------------------------------------------------------------------------

def undo_import(window) -> None:
    """Put back the data as it was before the last import (after backing up the data as it is)."""
    from ..services.restore import restore_backup

    before: BeforeImport | None = getattr(window, "before_import", None)
    if before is None or not before.backup.exists():
        alerts.info(window, tr("取り込む前に戻す"), tr("戻せる取り込みはありません（バックアップが見つかりません）。"
                                                  "「ファイル」→「バックアップから復元」から選べます。"))
        return
    if not window.commit_edits() or not alerts.ask_yes_no(window, tr("取り込む前に戻す"), tr(
            "{0}を取り込む前のデータに戻します。取り込んだ後に入力した内容も戻ります。\n"
            "今のデータは先にバックアップするので、あとで「バックアップから復元」で戻すこともできます。\n\n戻しますか？").format(before.what)):
        return
    current = (window.editor.plan.fiscal_year, window.editor.plan.department) if window.editor else (None, None)
    try:
        restore_backup(window.session, before.backup)
    except (StorageError, ValueError) as exc:
        alerts.error(window, tr("元に戻せませんでした"), tr("{0}\n\nデータは変更していません。").format(exc))
        return
    window.before_import = None
    window.act_undo_import.setEnabled(False)
    window.act_undo_import.setText(tr("取り込む前に戻す"))
    _reopen(window, *current)
    window.statusBar().showMessage(tr("{0}を取り込む前のデータに戻しました。").format(before.what), 10000)
