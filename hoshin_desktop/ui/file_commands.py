"""The File menu's commands: export, print and import, each after what was typed is written.

Export and print live in ui/export_actions.py, imported only when first used (it brings
python-docx and Qt's printing). Imports go through the Workspace, which says what changed.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from ..storage.errors import StorageError
from . import alerts, operations
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


def export_all(window, name: str) -> None:
    """export_all_docx or export_all_pdf: every plan of the open plan's year."""
    workspace = window.workspace
    if workspace.editor is None or not window.commit_edits():
        return
    module = _export_module(window)
    if module is not None:
        getattr(module, name)(window, workspace.session, workspace.plan.fiscal_year)


def import_plan_file(window) -> None:
    """A plan file from another PC (ui/export_actions.py asks; the Workspace imports and opens it)."""
    if not window.commit_edits():
        return
    module = _export_module(window)
    change = module.import_plan_file(window, window.workspace) if module else None
    if change is not None:
        from ..domain.wareki import fiscal_year_label
        from .import_actions import imported

        year, department = window.workspace.key
        imported(window, tr("{0} {1}の計画").format(fiscal_year_label(year), department))


def import_policy(window):
    """A new year's basic policy (or a corrected one) from a text or Word file; afterwards the directive
    mapping to look at (the dialog, for the window to keep), or None when nothing was imported."""
    from ..domain.policy_parser import PolicyParseError
    from ..services.policy_import import PolicyImportError
    from .directive_mapping_dialog import show_mapping

    if not window.commit_edits():
        return None
    from . import folders
    from .export_actions import run_with_progress

    path = alerts.open_path(window, tr("基本方針の取り込み"), folders.last_folder(folders.POLICY),
                            tr("基本方針 (*.txt *.docx);;すべてのファイル (*)"))
    if path is None:
        return None
    from ..domain.wareki import fiscal_year_label
    from ..services.policy_import import read_policy_file
    from .import_actions import imported

    try:  # a long or ruby-heavy document takes a moment: read off the GUI thread
        document = run_with_progress(window, tr("「{0}」を読み取っています…").format(Path(path).name),
                                     lambda report: read_policy_file(path))
    except (PolicyImportError, PolicyParseError, StorageError) as exc:
        alerts.error(window, tr("基本方針を取り込めません"), tr("{0}\n\n何も変更していません。").format(exc))
        return None
    if operations.run(window, lambda: window.workspace.import_policy_document(document),
                      failure=tr("基本方針を取り込めません"), refusal=tr("基本方針を取り込めません")) is None:
        return None
    folders.remember_folder(Path(path).parent, folders.POLICY)
    imported(window, tr("{0}の基本方針").format(fiscal_year_label(document.fiscal_year)))
    return show_mapping(window, window.session, window.workspace.key[0])
