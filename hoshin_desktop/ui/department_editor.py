"""編集 → この年度の部の一覧を編集: the list editor (ui/name_list_editor.py) for the year's 部.

A 部 with a plan cannot be removed or renamed (storage refuses it: the plan belongs to that 部
of that year); the dialog shows those in bold and says why when tried. Removing or renaming
another 部 is asked about first (services/workspace.py): it is not a step of 「元に戻す」.
"""

from __future__ import annotations

from ..domain.wareki import fiscal_year_label
from .i18n import tr
from .name_list_editor import edit_names


def edit_departments(window) -> None:
    workspace = window.workspace
    if window.editor is None or not window.commit_edits():
        return
    year = workspace.plan.fiscal_year
    title = tr("{0}の部です。「追加」「名前を変更」「上へ」「下へ」「削除」で直します（名前はダブルクリックでも"
               "変えられます）。\n太字の部は作成中の計画があるため、並べ替えだけができます。").format(fiscal_year_label(year))
    change = edit_names(window, tr("部"), title, [d.name for d in window.session.departments(year)],
                        workspace.held_departments())
    if change is None:
        return
    window.run_command(lambda: workspace.set_departments(change.names, change.renames),
                       failure=tr("部の一覧を変更できません"), refusal=tr("部の一覧を変更できません"))
