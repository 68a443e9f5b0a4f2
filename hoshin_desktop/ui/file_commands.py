"""The File menu's commands: export, print and import, each after what was typed is written.

Export and print live in ui/export_actions.py, imported only when first used (it brings
python-docx and Qt's printing). Imports go through the Workspace, which says what changed.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from ..services.workspace import Question
from ..storage.errors import StorageError
from . import alerts
from .i18n import tr


def _export_module(window):
    """ui/export_actions.py, or None (with a message) when this build does not have it."""
    name = f"{__package__}.export_actions"
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        alerts.info(window, tr("準備中"), tr("この機能はまだ使えません。書き出しと印刷の機能は準備中です。"))
        return None


def export(window, name: str) -> None:
    """One of export_docx, export_pdf, print_plan, print_preview, export_plan_file."""
    editor = window.workspace.editor
    if editor is None or not window.commit_edits():
        return
    module = _export_module(window)
    if module is not None:
        getattr(module, name)(window, editor)


def export_all(window) -> None:
    workspace = window.workspace
    if workspace.editor is None or not window.commit_edits():
        return
    module = _export_module(window)
    if module is not None:
        module.export_all_docx(window, workspace.session, workspace.plan.fiscal_year)


def import_plan_file(window) -> None:
    if not window.commit_edits():
        return
    module = _export_module(window)
    result = module.import_plan_file(window, window.workspace.session) if module else None
    if result:
        window.show_change(window.workspace.reload(*result).with_(
            message=tr("{0} {1}の計画を取り込みました。取り消すには「編集」→「取り込む前に戻す」。").format(*_label(result))))
        from .import_actions import imported

        imported(window, tr("{0} {1}の計画").format(*_label(result)))


def _label(key: tuple[int, str]) -> tuple[str, str]:
    from ..domain.wareki import fiscal_year_label

    return fiscal_year_label(key[0]), key[1]


def import_policy(window) -> None:
    """A new year's basic policy (or a corrected one) from a text or Word file."""
    from ..domain.policy_parser import PolicyParseError
    from ..services.policy_import import PolicyImportError
    from .directive_mapping_dialog import show_mapping

    if not window.commit_edits():
        return
    path = alerts.open_path(window, tr("基本方針の取り込み"), Path.home(), tr("基本方針 (*.txt *.docx);;すべてのファイル (*)"))
    if path is None:
        return
    from ..domain.wareki import fiscal_year_label
    from ..services.policy_import import read_policy_file
    from .export_actions import run_with_progress
    from .import_actions import imported

    try:  # a long or ruby-heavy document takes a moment: read off the GUI thread
        document = run_with_progress(window, tr("「{0}」を読み取っています…").format(Path(path).name),
                                     lambda report: read_policy_file(path))
        result = window.workspace.import_policy_document(document)
        while isinstance(result, Question):
            if not alerts.ask_yes_no(window, tr(result.title), tr(result.text)):
                return
            result = result.confirm()
    except (PolicyImportError, PolicyParseError, StorageError) as exc:
        alerts.error(window, tr("基本方針を取り込めません"), tr("{0}\n\n何も変更していません。").format(exc))
        return
    window.show_change(result)
    imported(window, tr("{0}の基本方針").format(fiscal_year_label(document.fiscal_year)))
    window.mapping_dialog = show_mapping(window, window.session, window.workspace.key[0])
