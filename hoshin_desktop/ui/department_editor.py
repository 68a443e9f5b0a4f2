"""編集 → この年度の部の一覧を編集: the list editor (ui/name_list_editor.py) for the year's 部.

A 部 with a plan cannot be removed or renamed (storage refuses it: the plan belongs to that 部
of that year); the dialog shows those in bold and says why when tried. Removing or renaming
another 部 is asked about first (services/workspace.py): it is not a step of 「元に戻す」.

A renamed 部 is recorded as continuing the 部 of its old name; when the year's 部 no longer match
last year's one for one (a 部 added, renamed, removed), 「組織の引き継ぎ」 opens to show how they
continue last year's (ui/organisation_dialog.py), before any plan is carried over.
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
    done = window.run_command(lambda: workspace.set_departments(change.names, change.renames),
                              failure=tr("部の一覧を変更できません"), refusal=tr("部の一覧を変更できません"))
    if done and _reorganised(window.session, year):
        show_year_organisation(window, year)


def _reorganised(session, year: int) -> bool:
    """Do the year's 部 continue last year's otherwise than one for one by name?"""
    from ..domain.organisation import CONTINUED
    from ..services.organisation import year_lineage

    lineage = year_lineage(session, year)
    return lineage is not None and bool(lineage.ended() or any(
        lineage.kind(name) != CONTINUED for name in lineage.departments))


def show_year_organisation(window, year: int | None = None) -> None:
    """編集 → 組織の引き継ぎ: how this year's 部 continue last year's."""
    from .organisation_dialog import show_organisation

    if window.editor is None or not window.commit_edits():
        return
    show_organisation(window, year or window.workspace.plan.fiscal_year)
