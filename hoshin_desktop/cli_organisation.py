"""組織改正 from the command line: how a year's 部 and 課 continue the previous year's (shown, confirmed,
or recorded one by one), the same data the 部 and 課 editors of the window record."""

from __future__ import annotations

import argparse

from .cli_common import exclusive_session, fiscal_year, shared_session

MENU = "この年度の部の一覧を編集"


def add_commands(commands) -> None:
    show = commands.add_parser("organisation", help="その年度の部・課が前年度のどの部・課を引き継ぐか（名称変更・分割・統合・課の移動・新設）を"
                                                    "表示する（--confirm でアプリの提案を記録する）")
    show.add_argument("--year", type=fiscal_year, required=True, help="年度（例: 2025 または 令和7年度）")
    show.add_argument("--confirm", action="store_true", help="まだ記録していない部の提案を、そのまま記録する")
    show.set_defaults(handler=_organisation)
    record = commands.add_parser("set-predecessors", help="部（または課）が前年度のどの部（課）を引き継ぐかを記録する")
    record.add_argument("--year", type=fiscal_year, required=True, help="年度（例: 2025 または 令和7年度）")
    record.add_argument("--department", required=True, help="その年度の部の名前（例: 都市計画部）")
    record.add_argument("--section", help="課の名前（指定すると、課の引き継ぎを記録する）")
    record.add_argument("--from", dest="olds", action="append", default=[], metavar="NAME",
                        help="前年度の部（課のときは「部/課」。例: まちづくり部、総務部/防災安全課）。統合は何度でも指定")
    record.add_argument("--none", action="store_true", help="前年度に引き継ぐ部・課がない（新設）")
    record.set_defaults(handler=_set_predecessors)


def _organisation(args: argparse.Namespace) -> int:
    from .domain.wareki import fiscal_year_label
    from .services.organisation import lineage_report

    if args.confirm:
        with exclusive_session(args, MENU) as session:
            lineage = _lineage(session, args.year)
            for department, olds in lineage.departments.items():
                if department not in lineage.recorded:
                    session.set_department_predecessors(args.year, department, olds)
            lineage = _lineage(session, args.year)
    else:
        with shared_session(args) as session:
            lineage = _lineage(session, args.year)
    print(f"{fiscal_year_label(lineage.from_year)} → {fiscal_year_label(lineage.to_year)} の組織の引き継ぎ")
    for line in lineage_report(lineage):
        print(f"  {line}")
    return 0


def _lineage(session, year: int):
    from .domain.wareki import fiscal_year_label
    from .services.organisation import year_lineage

    session.departments(year) or session.department(year, "")  # a year not imported says so
    lineage = year_lineage(session, year)
    if lineage is None:
        raise LookupError(f"{fiscal_year_label(year)}より前の年度の部の一覧がないため、引き継ぎはありません。")
    return lineage


def _set_predecessors(args: argparse.Namespace) -> int:
    if not args.olds and not args.none:
        raise ValueError("--from で前年度の部（課）を指定するか、新設なら --none を指定してください")
    if args.olds and args.none:
        raise ValueError("--from と --none は同時に指定できません")
    with exclusive_session(args, MENU) as session:
        department = session.department(args.year, args.department).name
        if args.section is None:
            session.set_department_predecessors(args.year, department, args.olds)
            what = f"{department}"
        else:
            session.set_section_predecessors(args.year, department, args.section, [_section(name) for name in args.olds])
            what = f"{department}の{args.section}"
    print(f"{what}: " + ("新設として記録しました。" if args.none else f"{'・'.join(args.olds)}を引き継ぐと記録しました。"))
    return 0


def _section(text: str) -> tuple[str, str]:
    department, slash, section = text.replace("／", "/").partition("/")
    if not slash or not department.strip() or not section.strip():
        raise ValueError(f"課は「部/課」の形で指定してください（「{text}」）")
    return department.strip(), section.strip()
