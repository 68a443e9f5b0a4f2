"""Plan files as the departments send them: each department has added its own 課 locally.

The bundled data knows only the 課 seen in public pages (総務部 has just 防災安全課), so a
department's real plan names 課 a fresh data folder does not have. ``sender`` builds that
department PC's data folder; ``write_city_files`` writes every department's plan file.
"""

from __future__ import annotations

from pathlib import Path

from hoshin_desktop.export.filenames import plan_data_file_name
from hoshin_desktop.services.plan_files import export_plan_file
from hoshin_desktop.services.session import Session

from .benchmarks.city import make_plan

# What each department's 課 list looks like after its clerks have edited it (plausible, not official).
LOCAL_SECTIONS = {
    "政策部": ["政策経営課", "政策法務課", "財政課", "情報政策課"],
    "総務部": ["総務課", "職員課", "防災安全課", "契約管財課", "課税課", "納税課"],
    "市民生活部": ["市民課", "保険年金課", "経済課", "文化と人権課"],
    "福祉部": ["地域福祉課", "障害福祉課", "高齢福祉課", "生活福祉課"],
    "健康部": ["健康推進課", "地域共生推進課", "介護保険課"],
    "子ども家庭部": ["子ども若者計画課", "子ども子育て支援課", "保育幼稚園課"],
    "まちづくり部": ["まちづくり計画課", "まちづくり推進課", "建築指導課"],
    "建設環境部": ["道路管理課", "下水道課", "環境対策課", "ごみ減量推進課"],
    "会計課": ["会計係"],
    "教育部": ["教育総務課", "学務課", "社会教育課", "図書館課"],
    "議会事務局": ["議事係", "調査係"],
    "選挙管理委員会事務局": ["選挙係"],
    "監査委員事務局": ["監査係"],
    "農業委員会事務局": ["農地係"],
}


def sender(folder: Path, departments: list[str] | None = None, *, goals: int = 30, seed: int = 0) -> Session:
    """A department PC's data folder: local 課 added, a filled-in plan for each of ``departments``."""
    session = Session.open(folder)
    for department in departments or [d.name for d in session.departments(2024)]:
        session.set_sections(2024, department, LOCAL_SECTIONS.get(department, []) + ["担当課（追加）"])
        plan = make_plan(session, 2024, department, goals, seed)
        session.store_plan(plan)
    return session


def write_city_files(folder: Path, out: Path, *, goals: int = 30) -> list[Path]:
    """Every department's plan file, as each sends it to the 政策経営課, in ``out``."""
    session = sender(folder, goals=goals)
    out.mkdir(parents=True, exist_ok=True)
    try:
        return [export_plan_file(session, 2024, name, out / plan_data_file_name(2024, name))
                for _year, name, _id in session.plan_keys(2024)]
    finally:
        session.close()
