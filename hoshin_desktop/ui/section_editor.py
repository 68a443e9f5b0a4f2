"""編集 → この部の課の一覧を編集: the list editor (ui/name_list_editor.py) for the open plan's 部.

A renamed 課 keeps its goals (their 担当課 shows the new name); the goals a removal or a rename
touches are named and the user is asked (services/workspace.py); the whole change is one step
of 「元に戻す」. On a fixed (確定) plan, a 課 its goals print cannot be removed or renamed.
"""

from __future__ import annotations

from ..domain.wareki import fiscal_year_label
from .i18n import tr
from .name_list_editor import edit_names


def edit_sections(window) -> None:
    """The menu command: edit the current department's 課, ask about touched goals, save as one undo step."""
    editor = window.editor
    if editor is None or not window.commit_edits():
        return
    department = editor.department
    held = window.workspace.held_sections()
    title = tr("{0} {1}の課です。「追加」「名前を変更」「上へ」「下へ」「削除」で直します"
               "（名前はダブルクリックでも変えられます）。").format(fiscal_year_label(department.fiscal_year), department.name)
    if held:
        title += tr("\n太字の課は、確定した計画の目標の担当課なので、並べ替えだけができます。")
    change = edit_names(window, tr("課"), title, [s.name for s in department.sections], held)
    if change is None:
        return
    window.run_command(lambda: window.workspace.set_sections(change.names, change.renames))
