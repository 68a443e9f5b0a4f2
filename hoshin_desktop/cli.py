"""Headless commands: the same program without a window. Exit 0 on success, else 1 with a reason.

One ``_add_*`` function declares each command and one handler runs it, so a new command
is two short functions. Handlers print what they did; ``run`` turns the failures a user can
cause or meet (a missing plan, a bad file, a locked target) into one line on stderr.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import cli_organisation, cli_year, interrupts, paths
from .cli_common import cycle_plan as _cycle_plan
from .cli_common import exclusive_lock as _exclusive_lock
from .cli_common import exclusive_session as _exclusive_session
from .cli_common import fiscal_year as _fiscal_year
from .cli_common import message as _message
from .cli_common import open_session as _open_session


def add_commands(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="command", metavar="コマンド")
    _add_build_reference(commands)
    _add_import_policy(commands)
    _add_import_plan(commands)
    _add_import_word(commands)
    _add_export_plan(commands)
    _add_export_document(commands, "export-docx", "Word 文書（.docx）", ".docx")
    _add_export_document(commands, "export-pdf", "PDF", ".pdf")
    _add_year_cycle(commands)
    cli_year.add_commands(commands)
    cli_organisation.add_commands(commands)
    _add_year_end_commands(commands)
    _add_lineage_commands(commands)
    _add_check(commands)
    _add_backup_commands(commands)
    _add_collection_commands(commands)


def run(args: argparse.Namespace) -> int:
    _never_fail_on_output()
    try:
        return args.handler(args) or 0
    except Exception as exc:  # one line for the user; the traceback is not for them
        if isinstance(exc, BrokenPipeError) or not isinstance(exc, _user_facing_errors()) or interrupts.happened():
            raise  # a reader that went away, or Ctrl+C, is app.main's to handle, for every command alike
        print(f"エラー: {_message(exc)}", file=sys.stderr)
        details = getattr(exc, "problems", [])
        if len(details) > 1:
            # a problem's second line (where in the file, for support staff) is indented under it
            print("\n".join("  " + str(problem).replace("\n", "\n    ") for problem in details), file=sys.stderr)
        hint = _restore_hint(exc, args)
        if hint:
            print(hint, file=sys.stderr)
        return 1


def _never_fail_on_output() -> None:
    """A console or pipe in a legacy code page (cp932) cannot show every character of a plan:
    show a replacement character rather than fail after the work is done."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def _user_facing_errors() -> tuple[type[BaseException], ...]:
    from .domain.policy_parser import PolicyParseError
    from .export.atomic import ExportError
    from .export.docx_writer import TemplateError
    from .export.fonts import FontMissing
    from .storage.errors import StorageError

    return (StorageError, PolicyParseError, ExportError, TemplateError, FontMissing, ValueError, LookupError,
            OSError)




# --- build-reference -------------------------------------------------------------------------------

def _add_build_reference(commands) -> None:
    build = commands.add_parser("build-reference", help="data/sources から同梱データベースを作り直す（開発者向け）")
    build.add_argument("--sources", type=Path, default=None)
    build.add_argument("--out", type=Path, default=None)
    build.set_defaults(handler=_build_reference)


def _build_reference(args: argparse.Namespace) -> int:
    from .storage.reference import build_reference

    sources = args.sources or paths.data_dir() / "sources"
    out = build_reference(sources, args.out or paths.reference_db_path())
    print(f"同梱データベースを作成しました: {out}")
    return 0


# --- plan files ------------------------------------------------------------------------------------

def _add_import_plan(commands) -> None:
    command = commands.add_parser(
        "import-plan", help="計画ファイル（JSON）を取り込み、その部・年度の計画を置き換える（先にバックアップします）")
    command.add_argument("file", type=Path, metavar="FILE", help="計画ファイル（.json）")
    command.add_argument("--unlock", action="store_true",
                         help="取り込み先の計画が確定しているとき、確定を解除して置き換える（解除は記録されます）")
    command.add_argument("--no-new-sections", action="store_true",
                         help="この作業データのその部にない課がファイルにあれば、課を追加せずに取り込みをやめる")
    command.set_defaults(handler=_import_plan)


def _import_plan(args: argparse.Namespace) -> int:
    from .services.plan_files import import_plan_file, read_plan_file
    from .services.plan_versions import older_than_held

    with _exclusive_session(args, "計画ファイルの取り込み") as session:
        arriving = read_plan_file(session, args.file)
        older = older_than_held(session, arriving.plan, arriving.updated_at)
        result = import_plan_file(session, args.file, new_sections=not args.no_new_sections,
                                  unlock=args.unlock)
    if older:  # the backup taken before the import has the newer plan
        print(f"注意: {older}この作業データでのその後の変更は、置き換えた今の計画にはありません。"
              f"戻すには、バックアップ {result.backup.name} を restore-backup で復元してください。")
    for warning in result.warnings:
        print(f"注意: {warning}")
    if result.added_sections:
        print(result.added_text())
    print(result.summary())
    return 0


def _add_import_word(commands) -> None:
    command = commands.add_parser(
        "import-word", help="市の提出様式の Word 文書（.docx）から部の計画を読み取り、下書きとして取り込む（先にバックアップします）")
    command.add_argument("path", type=Path, metavar="PATH", help="Word 文書（.docx）、またはそれらのあるフォルダー")
    command.add_argument("--year", type=_fiscal_year, help="年度（表題から読み取れないとき。例: 2024 または 令和6年度）")
    command.add_argument("--department", help="部の名前（表題から読み取れないとき。ファイル1つのときだけ）")
    command.add_argument("--replace", action="store_true", help="その部・年度の計画がすでにあるとき、置き換える")
    command.add_argument("--unlock", action="store_true", help="置き換える計画が確定しているとき、確定を解除する（解除は記録されます）")
    command.add_argument("--accept-proposals", action="store_true",
                         help="基本方針の項目番号のない目標に、文章の近さから提案した関連付けをそのまま付ける")
    command.add_argument("--no-new-sections", action="store_true", help="その部にない課を名前に持つ文書は取り込まない")
    command.add_argument("--check-only", action="store_true", help="読み取った結果を表示するだけで、取り込まない")
    command.set_defaults(handler=_import_word)


def _import_word(args: argparse.Namespace) -> int:
    from .services.word_plan_import import word_files

    files = word_files(args.path)
    if args.department and len(files) > 1:
        raise ValueError("--department はファイルを1つ指定したときだけ使えます（フォルダーのときは各文書の表題から読み取ります）")
    failed = 0
    with _exclusive_session(args, "Word 文書から取り込み") as session:
        for path in files:
            failed += not _import_one_word_file(session, path, args)
    print(f"{len(files) - failed}件を{'確かめました' if args.check_only else '取り込みました'}"
          + (f"（{failed}件は取り込めませんでした）" if failed else "") + "。")
    return 1 if failed else 0


def _import_one_word_file(session, path: Path, args: argparse.Namespace) -> bool:
    """Read, report and (unless --check-only) store one file; False when it could not be."""
    from .domain.wareki import fiscal_year_label
    from .services.word_plan_import import WordPlanError, read_word_plan, store_word_plan

    try:
        read = read_word_plan(session, path, args.year, args.department)
    except (WordPlanError, LookupError) as error:
        print(f"× {path.name}: {error}", file=sys.stderr)
        return False
    plan = read.plan
    print(f"{path.name}: {fiscal_year_label(plan.fiscal_year)} {plan.department} — 目標{len(plan.goals)}件、"
          f"部の方針{len(plan.answers)}項目")
    for line in read.report():
        print(f"  {line}")
    for proposal in read.proposals:
        print(f"  関連付けの提案: No.{proposal.number}「{proposal.title}」→ {'、'.join(proposal.codes)}"
              + ("" if args.accept_proposals else "（--accept-proposals で関連付けます）"))
    if read.new_sections:
        print(f"  {plan.department}にない課（取り込むと課の一覧に加えます）: {'、'.join(read.new_sections)}")
    if args.check_only:
        return True
    held = session.plan_stamp(plan.fiscal_year, plan.department) is not None
    if held and not args.replace or read.new_sections and args.no_new_sections:
        why = ("計画がすでにあります（置き換えるには --replace）" if held and not args.replace
               else "その部にない課があります（--no-new-sections）")
        print(f"× {path.name}: {fiscal_year_label(plan.fiscal_year)} {plan.department}の{why}", file=sys.stderr)
        return False
    accepted = {p.goal for p in read.proposals} if args.accept_proposals else set()
    _change, backup = store_word_plan(session, read, accepted, unlock=args.unlock)
    print(f"  取り込みました（取り込む前のデータのバックアップ: {backup.name}）")
    return True




# --- basic policy ------------------------------------------------------------------------------

def _add_import_policy(commands) -> None:
    command = commands.add_parser(
        "import-policy", help="市政運営の基本方針（.txt または .docx）を取り込む（新しい年度を追加、または --replace で訂正）")
    command.add_argument("file", type=Path, metavar="FILE", help="基本方針のテキスト（UTF-8 またはシフトJIS）または Word 文書")
    command.add_argument("--replace", action="store_true",
                         help="その年度の基本方針がすでにあるとき、訂正版で置き換える（関連付けと部の方針は、"
                              "番号が変わっても対応する項目へ引き継ぎます）")
    command.add_argument("--allow-lost-pins", action="store_true",
                         help="--replace で、訂正版に引き継ぐ項目のない項目の関連付けと部の方針が失われてもよい")
    command.set_defaults(handler=_import_policy)


def _import_policy(args: argparse.Namespace) -> int:
    from .domain.wareki import fiscal_year_label
    from .services.policy_import import import_policy

    with _exclusive_session(args, "基本方針の取り込み") as session:
        document = import_policy(session, args.file, replace=args.replace, allow_lost_pins=args.allow_lost_pins)
    print(f"{fiscal_year_label(document.fiscal_year)}の基本方針を取り込みました"
          f"（項目 {len(document.directives)} 件、見出し {len(document.sections)} 件）。")
    return 0


def _add_export_plan(commands) -> None:
    command = commands.add_parser("export-plan", help="1つの部・年度の計画を計画ファイル（JSON）に書き出す")
    command.add_argument("--year", type=_fiscal_year, required=True, help="年度（例: 2024 または 令和6年度）")
    command.add_argument("--department", required=True, help="部の名前（例: 政策部）")
    command.add_argument("--out", type=Path, required=True, metavar="FILE", help="書き出すファイル、またはフォルダー")
    command.set_defaults(handler=_export_plan)


def _export_plan(args: argparse.Namespace) -> int:
    from .export.filenames import plan_data_file_name
    from .services.plan_files import export_plan_file

    session = _open_session(args)
    try:
        session.department(args.year, args.department)  # a clear message for a misspelt name
        target = _target(args.out, plan_data_file_name(args.year, args.department))
        export_plan_file(session, args.year, args.department, target)
    finally:
        session.close()
    print(f"書き出しました: {target}")
    return 0


# --- Word and PDF ----------------------------------------------------------------------------------

def _add_export_document(commands, name: str, what: str, suffix: str) -> None:
    command = commands.add_parser(name, help=f"計画を市の提出様式の{what}に書き出す")
    command.add_argument("--year", type=_fiscal_year, required=True, help="年度（例: 2024 または 令和6年度）")
    which = command.add_mutually_exclusive_group(required=True)
    which.add_argument("--department", help="部の名前（例: 政策部）")
    which.add_argument("--all", action="store_true", help="その年度に計画があるすべての部")
    command.add_argument("--out", type=Path, required=True, metavar="PATH",
                         help="書き出すファイル（--all のときはフォルダー）")
    command.add_argument("--layout", choices=("stacked", "columns"), default="stacked",
                         help="stacked: A4縦で基本方針と部の方針を上下に（既定）、columns: A4横で左右2列に")
    command.add_argument("--font", choices=("ms", "bizud"), default="ms",
                         help="ms: ＭＳ 明朝／ＭＳ ゴシック（既定）、bizud: BIZ UD明朝／BIZ UDゴシック")
    command.add_argument("--review-columns", action="store_true",
                         help="組織目標の表に中間確認・年度末評価の空欄を付ける（表は A4横になります）")
    command.add_argument("--goals-landscape", action="store_true", help="組織目標の表を A4横にする")
    command.add_argument("--direction-column", action="store_true",
                         help="組織目標の表の No. の次に方向性（継続・拡充・新規など）の列を付ける")
    command.add_argument("--answer-form", choices=("paragraphs", "numbered"), default="paragraphs",
                         help="部の方針を paragraphs:「＊」の段落で（市の様式、既定）、numbered: 基本方針の項目番号を付けて")
    command.set_defaults(handler=_export_documents, suffix=suffix)


def _target(out: Path, default_name: str, suffixes: tuple[str, ...] = ()) -> Path:
    """``out`` itself, or the default file name inside ``out`` when it is a folder. A file named for
    another kind (``export-pdf --out 計画.docx``) is refused before anything is written: the writer
    would follow the command, not the name, and the file would not open."""
    if out.is_dir():
        return out / default_name
    suffixes = suffixes or (Path(default_name).suffix,)
    if out.suffix.lower() not in suffixes:
        raise ValueError(f"書き出すファイルの拡張子は {' か '.join(suffixes)} にしてください（「{out.name}」）")
    return out


def _export_documents(args: argparse.Namespace) -> int:
    from .export.options import ExportOptions

    options = ExportOptions(layout=args.layout, font=args.font, review_columns=args.review_columns,
                            goals_landscape=args.goals_landscape, direction_column=args.direction_column,
                            answer_form=args.answer_form)
    session = _open_session(args)
    try:
        if args.all:
            return _export_all(session, args, options)
        _export_one(session, args, options)
        return 0
    finally:
        session.close()


def _export_one(session, args: argparse.Namespace, options) -> None:
    from .domain.wareki import fiscal_year_label
    from .export.filenames import plan_file_name
    from .services.exports import export_document

    session.department(args.year, args.department)
    plan = session.load_plan(args.year, args.department)
    if plan is None:
        raise LookupError(f"{fiscal_year_label(args.year)}の{args.department}の計画はまだありません")
    target = _target(args.out, plan_file_name(args.year, args.department, args.suffix))
    from .services.exports import portrait_table_warning

    export_document(session, plan, target, options)
    for finding in _findings(session, plan):  # what `check` lists: the paper went out with these
        print(f"注意: {finding.line()}")
    warning = portrait_table_warning(plan, session.policy(args.year), options)
    if warning:
        print(f"注意: {warning}（--goals-landscape で A4横）")
    print(f"書き出しました: {target}")


def _findings(session, plan) -> list:
    from .services.submission import findings

    return findings(plan, session.policy(plan.fiscal_year), marks=session.review_marks())


def _export_all(session, args: argparse.Namespace, options) -> int:
    """Every department with a plan, one progress line each; a failure does not stop the others."""
    from .domain.wareki import fiscal_year_label
    from .services.exports import export_year_documents, year_departments

    departments = year_departments(session, args.year)
    if args.out.exists() and not args.out.is_dir():
        raise ValueError(f"--all の --out にはフォルダーを指定してください（「{args.out}」はファイルです）")

    def written(number: int, total: int, result) -> None:
        if result.ok:
            print(f"[{number}/{total}] {result.department}: {result.path.name}", flush=True)
        else:
            print(f"[{number}/{total}] {result.department}: 失敗しました（{result.error}）", file=sys.stderr, flush=True)

    results = export_year_documents(session, args.year, departments, args.out, options, args.suffix, written=written)
    failures = [result.department for result in results if not result.ok]
    if failures:
        print(f"エラー: {len(failures)}件を書き出せませんでした（{'、'.join(failures)}）", file=sys.stderr)
        return 1
    print(f"{fiscal_year_label(args.year)}の{len(departments)}部を書き出しました: {args.out}")
    return 0


# --- directive lineage between years ------------------------------------------------------

def _add_lineage_commands(commands) -> None:
    mapping = commands.add_parser(
        "policy-mapping", help="2つの年度の基本方針の項目の対応表（確定したもの、なければ提案）を表示する")
    mapping.add_argument("--from", dest="from_year", type=_fiscal_year, required=True, help="前の年度（例: 2024）")
    mapping.add_argument("--to", dest="to_year", type=_fiscal_year, required=True, help="後の年度（例: 2025）")
    mapping.add_argument("--json", action="store_true", help="JSON で出力する")
    mapping.set_defaults(handler=_policy_mapping)
    carry = commands.add_parser(
        "carry-over", help="前年度の部の計画を今年度に引き継ぐ（関連付けと部の方針は基本方針の対応表で付け替える）")
    carry.add_argument("--from", dest="from_year", type=_fiscal_year, required=True, help="引き継ぐ計画の年度")
    carry.add_argument("--to", dest="to_year", type=_fiscal_year, required=True, help="引き継ぎ先の年度")
    carry.add_argument("--department", required=True, help="引き継ぎ先の年度の部の名前（例: 政策部）")
    carry.add_argument("--from-department", action="append", default=[], metavar="部",
                       help="引き継ぐ前年度の部（組織改正で名前が変わった・統合した部。省略すると組織の引き継ぎ"
                            "（organisation）のとおり）。何度でも指定可")
    carry.add_argument("--direction", action="append", default=[], metavar="N=方向性",
                       help="前年度の目標N（印刷の番号: 1、2、1-1 …。いくつかの部から引き継ぐときは 部:N）の方向性"
                            "（継続・拡充・縮小・廃止・完了、統合は N=統合:M）。既定は継続（分割した部の目標で担当課から"
                            "引き継ぎ先が決まらないものは、方向性を指定したときだけ引き継ぐ）")
    carry.set_defaults(handler=_carry_over)
    redline = commands.add_parser(
        "export-redline", help="部の計画の前年度との比較、または版の比較（変更履歴つきの Word 文書）を書き出す")
    redline.add_argument("--year", type=_fiscal_year, required=True, help="年度（例: 2025 または 令和7年度）")
    redline.add_argument("--department", required=True, help="部の名前（例: 政策部）")
    redline.add_argument("--out", type=Path, required=True, help="書き出す .docx（フォルダーならその中に既定の名前で）")
    redline.add_argument("--from-revision", type=int, metavar="N",
                         help="前年度ではなく、この版（記録した第N版）からの変更を書き出す")
    redline.add_argument("--to-revision", type=int, metavar="M",
                         help="--from-revision とともに: 比較する版（省略すると現在の内容）")
    redline.add_argument("--author", default="", help="変更履歴に記す作成者名（既定: 部の名前）")
    redline.set_defaults(handler=_export_redline)


def _policy_mapping(args: argparse.Namespace) -> int:
    import json

    from .domain.wareki import fiscal_year_label
    from .services.lineage import directive_mapping

    session = _open_session(args)
    try:
        mapping = directive_mapping(session, args.from_year, args.to_year)
    finally:
        session.close()
    if args.json:
        print(json.dumps(mapping.as_json(), ensure_ascii=False, indent=2))
        return 0
    state = "確定済み" if mapping.confirmed else "提案・未確認"
    print(f"{fiscal_year_label(args.from_year)} → {fiscal_year_label(args.to_year)} の基本方針の対応表（{state}）")
    for line in mapping.lines:
        print(f"  {line.old or '新規'} → {line.new or '廃止'}\t{line.label}\t類似度 {line.score:.2f}")
    return 0


# --- the year after the interview: reviews and 指示事項 ---------------------------------------------

def _add_year_cycle(commands) -> None:
    review = commands.add_parser("export-review", help="組織目標の表を中間確認・年度末評価の欄を埋めて Word 文書に書き出す")
    instructions = commands.add_parser("export-instructions", help="「面談における指示事項と対応状況」を Word 文書に書き出す")
    for command in (review, instructions):
        command.add_argument("--year", type=_fiscal_year, required=True, help="年度（例: 2024 または 令和6年度）")
        command.add_argument("--department", required=True, help="部の名前（例: 政策部）")
        command.add_argument("--out", type=Path, required=True, metavar="PATH", help="書き出すファイル（.docx）、またはフォルダー")
    review.add_argument("--stage", choices=("interim", "final"), required=True,
                        help="interim: 中間確認の欄まで、final: 年度末評価の欄まで")
    review.add_argument("--orientation", choices=("landscape", "portrait"), default="landscape",
                        help="landscape: A4横（既定）、portrait: A4縦")
    review.set_defaults(handler=_export_review)
    instructions.set_defaults(handler=_export_instructions)


def _export_review(args: argparse.Namespace) -> int:
    from .export.filenames import review_sheet_file_name
    from .export.review_sheets import review_sheet_findings, write_review_docx

    session = _open_session(args)
    try:
        plan = _cycle_plan(session, args)
        target = _target(args.out, review_sheet_file_name(args.year, args.department, args.stage))
        marks = session.review_marks()
        write_review_docx(plan, session.policy(args.year), target, args.stage, marks,
                          landscape=args.orientation == "landscape")
        for finding in review_sheet_findings(plan, args.stage, marks):
            print(f"注意: {finding}")
    finally:
        session.close()
    print(f"書き出しました: {target}")
    return 0


def _export_instructions(args: argparse.Namespace) -> int:
    from .export.filenames import instructions_file_name
    from .export.review_sheets import write_instructions_docx

    session = _open_session(args)
    try:
        plan = _cycle_plan(session, args)
        target = _target(args.out, instructions_file_name(args.year, args.department))
        write_instructions_docx(plan, session.policy(args.year), target)
    finally:
        session.close()
    print(f"書き出しました: {target}")
    return 0


# --- 事務引継ぎ and the year-end summary -------------------------------------------------------------

def _add_year_end_commands(commands) -> None:
    handover = commands.add_parser(
        "export-handover", help="事務引継書（引継ぎメモ、目標と評価、指示事項、来年度の準備状況、組織）を Word 文書に書き出す")
    handover.add_argument("--year", type=_fiscal_year, required=True, help="年度（例: 2024 または 令和6年度）")
    which = handover.add_mutually_exclusive_group(required=True)
    which.add_argument("--department", help="部の名前（例: 政策部）")
    which.add_argument("--all", action="store_true", help="その年度に計画があるすべての部")
    handover.add_argument("--out", type=Path, required=True, metavar="PATH",
                          help="書き出すファイル（.docx）、またはフォルダー（--all のときはフォルダー）")
    handover.add_argument("--font", choices=("ms", "bizud"), default="ms",
                          help="ms: ＭＳ 明朝／ＭＳ ゴシック（既定）、bizud: BIZ UD明朝／BIZ UDゴシック")
    handover.set_defaults(handler=_export_handover)
    summary = commands.add_parser(
        "export-year-summary", help="その年度の各部の評価を全庁で集計し（評価ごとの件数、△・×の目標と理由、未完了の指示事項、"
                                    "△・×が多い基本方針の項目）、Word 文書・CSV・Excel ブックに書き出す")
    summary.add_argument("--year", type=_fiscal_year, required=True, help="年度（例: 2024 または 令和6年度）")
    summary.add_argument("--out", type=Path, required=True, metavar="PATH",
                         help="書き出すファイル（.docx、.csv、.xlsx）、またはフォルダー（.docx で書き出します）")
    summary.set_defaults(handler=_export_year_summary)


def _export_handover(args: argparse.Namespace) -> int:
    from .services.handover import export_all_handovers, export_handover, handover_file_name

    session = _open_session(args)
    try:
        if args.all:
            if args.out.exists() and not args.out.is_dir():
                raise ValueError(f"--all の --out にはフォルダーを指定してください（「{args.out}」はファイルです）")
            paths = export_all_handovers(session, args.year, args.out, args.font, written=lambda number, total, name, path:
                                         print(f"[{number}/{total}] {name}: {path.name}", flush=True))
            print(f"{len(paths)}部の事務引継書を書き出しました: {args.out}")
            return 0
        session.department(args.year, args.department)
        target = _target(args.out, handover_file_name(args.year, args.department))
        export_handover(session, args.year, args.department, target, args.font)
    finally:
        session.close()
    print(f"書き出しました: {target}")
    return 0


def _export_year_summary(args: argparse.Namespace) -> int:
    from .services.year_summary import SUFFIXES, summary_file_name, year_summary

    session = _open_session(args)
    try:
        summary = year_summary(session, args.year)
        target = summary.write(_target(args.out, summary_file_name(args.year), SUFFIXES))
    finally:
        session.close()
    held = len(summary.plans)
    print(f"書き出しました: {target}（{len(summary.departments)}部のうち計画あり {held}部"
          + ("" if summary.reviewed else "。評価はまだ入力されていません") + "）")
    return 0


# --- messages --------------------------------------------------------------------------------------

def _restore_hint(exc: BaseException, args: argparse.Namespace) -> str:
    """After damaged or missing data: which backup to restore, and the command that does it."""
    from .storage.errors import DatabaseCorrupt

    if not isinstance(exc, DatabaseCorrupt):
        return ""
    from .storage.backups import newest_good_backup

    newest = newest_good_backup(args.data_dir)
    if newest is None:
        return "復元できるバックアップはありません。"
    return (f"最新の正常なバックアップ: {newest.path.name}（{newest.label}）\n"
            f"復元するには: hoshin-desktop restore-backup {newest.path.name}"
            "（バックアップの一覧は hoshin-desktop backups）")


# --- backups ----------------------------------------------------------------------------

def _add_backup_commands(commands) -> None:
    listing = commands.add_parser("backups", help="バックアップの一覧（新しい順。日時・理由・中身）")
    listing.set_defaults(handler=_list_backups)
    restore = commands.add_parser(
        "restore-backup", help="バックアップから作業データを復元する（今のデータも先にバックアップします）")
    restore.add_argument("file", metavar="FILE", help="バックアップのファイル名（backups の一覧の名前）またはパス")
    restore.set_defaults(handler=_restore_backup)


def _list_backups(args: argparse.Namespace) -> int:
    from .services.restore import backup_entries

    entries = backup_entries(args.data_dir)
    if not entries:
        print(f"バックアップはありません（{args.data_dir / 'backups'}）。")
        return 0
    for entry in entries:
        print(f"{entry.backup.path.name}\t{entry.backup.label}\t{entry.summary}")
    return 0


def _restore_backup(args: argparse.Namespace) -> int:
    """A good backup of the app's data is restored whatever state the working data is in;
    any other file is refused before anything is changed."""
    from .services.restore import find_backup, restore_backup, restore_files
    from .services.session import Session
    from .storage import backups

    path = find_backup(args.data_dir, args.file)
    backups.check_backup(path, thorough=True)
    with _exclusive_lock(args, "バックアップから復元"):
        try:
            session = Session.open(args.data_dir)
        except _unopenable():  # the files are moved aside, never deleted
            opened, aside = restore_files(args.data_dir, path)
            opened.close()
            print(f"復元しました: {path.name}" + (f"（それまでのファイルは {aside} に残しています）" if aside else ""))
            return 0
        try:
            before = restore_backup(session, path)
        finally:
            session.close()
    print(f"復元しました: {path.name}（復元する前のデータはバックアップしました: {before.name}）")
    return 0


def _unopenable() -> tuple[type[BaseException], ...]:
    """Working data that restoring a backup replaces rather than opens: damaged, missing, not the
    app's, from a newer version, or in a state SQLite or a migration cannot handle."""
    import sqlite3

    from .storage.errors import DatabaseCorrupt, DatabaseTooNew

    return (DatabaseCorrupt, DatabaseTooNew, sqlite3.DatabaseError)


# --- the planning office: every department's plan together --------------------------------------

def _add_collection_commands(commands) -> None:
    plans = commands.add_parser(
        "import-plans", help="フォルダーにある各部の計画ファイルをまとめて確かめ、新しいものを取り込む（先にバックアップします）")
    plans.add_argument("folder", type=Path, metavar="DIR", help="計画ファイル（.json）のあるフォルダー（例: 共有フォルダーの「提出」）")
    plans.add_argument("--include", action="append", default=[], metavar="FILE",
                       help="古い・同じ・重複のため既定では除くファイルも取り込む（ファイル名。何度でも指定可）")
    plans.add_argument("--no-new-sections", action="store_true",
                       help="この作業データのその部にない課があるファイルは、課を追加せずに取り込めないものとする")
    plans.add_argument("--check-only", action="store_true", help="確かめて一覧を表示するだけで、取り込まない")
    plans.set_defaults(handler=_import_plans)

    matrix = commands.add_parser("export-matrix", help="基本方針の項目 × 部の対応状況（関連付けた目標の数と部の方針の有無）を書き出す")
    matrix.add_argument("--year", type=_fiscal_year, required=True, help="年度（例: 2024 または 令和6年度）")
    matrix.add_argument("--out", type=Path, required=True, metavar="FILE",
                        help="書き出すファイル（.csv: Excel で開ける UTF-8（BOM 付き）、.xlsx: Excel ブック）")
    matrix.set_defaults(handler=_export_matrix)

    booklet = commands.add_parser(
        "export-booklet", help="その年度のすべての部の計画を1つの Word 文書（表紙・目次・各部の計画・対応状況の表）に書き出す")
    booklet.add_argument("--year", type=_fiscal_year, required=True, help="年度（例: 2024 または 令和6年度）")
    booklet.add_argument("--out", type=Path, required=True, metavar="PATH",
                         help="書き出すファイル（.docx、または .pdf）、またはフォルダー（.docx で書き出します）")
    booklet.add_argument("--font", choices=("ms", "bizud"), default="ms",
                         help="ms: ＭＳ 明朝／ＭＳ ゴシック（既定）、bizud: BIZ UD明朝／BIZ UDゴシック")
    booklet.set_defaults(handler=_export_booklet)


def _import_plans(args: argparse.Namespace) -> int:
    from .services.plan_collection import check_folder, import_submissions

    with _exclusive_session(args, "提出された計画の取り込み") as session:
        submissions = check_folder(session, args.folder, new_sections=not args.no_new_sections)
        _include(submissions, args.include)
        for line in _submission_lines(submissions):
            print(line)
        if args.check_only:  # a file that cannot be read is a failure a script must see
            return 1 if any(not s.readable for s in submissions) else 0
        result = import_submissions(session, submissions)
    for submission in result.imported:
        if submission.new_sections:
            print(f"{submission.department}に課を追加しました: {'、'.join(submission.new_sections)}")
    for note in result.notes():
        print(f"注意: {note}")
    print(result.summary())
    return 1 if result.unreadable else 0


def _include(submissions, names: list[str]) -> None:
    """Choose the files named by --include (and no other file of their department)."""
    by_name = {name: s for s in submissions for name in {s.path.name, s.name}}
    unknown = [name for name in names if name not in by_name or not by_name[name].readable]
    if unknown:
        raise LookupError(f"--include のファイルがフォルダーにないか、取り込めないファイルです（{'、'.join(unknown)}）")
    for name in names:
        chosen = by_name[name]
        for other in submissions:
            other.chosen = other is chosen or (other.chosen and other.key != chosen.key)


def _submission_lines(submissions) -> list[str]:
    """One line per file: 取り込む/除く, department, 版, last edit, fingerprint, goals, 課 to add; problems below."""
    lines = []
    for s in submissions:
        if not s.readable:
            lines.append(f"× {s.name}: 取り込めません")
            lines += ["    " + problem.replace("\n", "\n      ") for problem in s.problems]
            continue
        mark = "○" if s.chosen else "－"
        edited = f"最終更新 {s.edited_at.replace('T', ' ')}" if s.edited_at else "最終更新 不明"
        added = f"、追加する課 {'、'.join(s.new_sections)}" if s.new_sections else ""
        note = f"（{s.note}）" if s.note else ""
        lines.append(f"{mark} {s.name}: {s.plan_label} 第{s.revision}版 {edited} [{s.fingerprint}] "
                     f"目標{s.goals}件{added} — {s.status}{note}")
    return lines


def _export_matrix(args: argparse.Namespace) -> int:
    from .services.matrix import coverage_matrix, export_matrix

    session = _open_session(args)
    try:
        target = export_matrix(session, args.year, args.out)
        matrix = coverage_matrix(session, args.year)
    finally:
        session.close()
    print(f"書き出しました: {target}")
    print(f"項目 {len(matrix.rows)}、部 {len(matrix.departments)}（計画あり {sum(matrix.submitted)}）、"
          f"関連付けた目標 延べ{matrix.goals}件、どの部も対応していない項目 {len(matrix.unaddressed)}")
    return 0


def _export_booklet(args: argparse.Namespace) -> int:
    from .export.options import ExportOptions
    from .services.booklet import booklet_file_name, export_booklet

    session = _open_session(args)
    try:
        target = _target(args.out, booklet_file_name(args.year), (".docx", ".pdf"))
        export_booklet(session, args.year, target, ExportOptions(font=args.font))
        held, total = len(session.plan_keys(args.year)), len(session.departments(args.year))
    finally:
        session.close()
    print(f"書き出しました: {target}（{total}部のうち計画あり {held}部、未提出 {total - held}部）")
    return 0


def _directions(texts: list[str], numbers: dict[str, int]) -> tuple[dict[int, str], dict[int, int]]:
    """--direction 3=廃止 / 2=統合:1 / 1-1=完了 → (directions, merges) by last year's goal ids.

    ``numbers``: a goal's number on last year's paper (1, 2, 1-1 …) → its id."""
    directions: dict[int, str] = {}
    merges: dict[int, int] = {}

    def goal(number: str) -> int:
        if number.strip() not in numbers:
            raise ValueError(f"前年度の計画に目標{number.strip()}がありません（{'、'.join(numbers)}）")
        return numbers[number.strip()]

    given: dict[int, str] = {}  # goal id → what was given for it
    for text in texts:
        number, _, direction = text.partition("=")
        direction, _, into = direction.strip().partition(":")
        said = f"{direction}:{into.strip()}" if into else direction
        goal_id = goal(number)
        if given.get(goal_id, said) != said:
            raise ValueError(f"前年度の目標{number.strip()}に、違う方向性が2つ指定されています"
                             f"（{given[goal_id]} と {said}）。--direction は1つの目標に1つにしてください")
        given[goal_id] = said
        if into:
            merges[goal_id] = goal(into)
        else:
            directions[goal_id] = direction
    return directions, merges


def _source_numbers(session, source) -> dict[str, int]:
    """Last year's goals by the number printed on their 部's paper (1, 2, 1-1 …); when they come from several
    部 (組織改正), as 「部:番号」 (総務部:3), and plainly where the number is of one 部 only."""
    from .domain.models import stored_id
    from .domain.numbering import paper_order

    departments = list(dict.fromkeys([source.department] + [offer.department for offer in source.offered.values()]))
    offered = {goal.id for goal in source.goals}
    numbers: dict[str, int] = {}
    for name in departments:
        plan = source if len(departments) == 1 else session.load_plan(source.fiscal_year, name)
        for number, goal in paper_order(plan):
            if goal.id in offered:
                numbers[f"{name}:{number}" if len(departments) > 1 else number] = stored_id(goal)
    return numbers


def _carry_over(args: argparse.Namespace) -> int:
    from .domain.wareki import fiscal_year_label
    from .services.carry_over import report
    from .services.organisation import carry_source

    with _exclusive_session(args, "前年度の計画を引き継ぐ") as session:
        department = session.department(args.to_year, args.department).name
        source = carry_source(session, args.to_year, department, args.from_department or None, args.from_year)
        if source is None:
            then = {d.name for d in session.departments(args.from_year)}
            raise LookupError(f"{fiscal_year_label(args.from_year)}の{args.department}の計画がありません。" + (
                "" if department in then else "名前の変わった部・統合した部なら --from-department で前年度の部を"
                "指定するか、organisation / set-predecessors で組織の引き継ぎを記録してください。"))
        editor = session.editor(args.to_year, department)
        if editor.plan.goals:
            raise ValueError(f"{fiscal_year_label(args.to_year)}の{args.department}の計画にはすでに目標があります。"
                             "引き継ぎは目標のない計画にだけ行えます。")
        directions, merges = _directions(args.direction, _source_numbers(session, source))
        _change, work = editor.carry_over(source, directions, merges)
    print("\n".join(report(work)))
    return 0


def _export_redline(args: argparse.Namespace) -> int:
    from .domain.wareki import fiscal_year_label
    from .export.filenames import sanitize
    from .services.redline import export_year_redline
    from .services.snapshots import export_revision_redline

    if args.from_revision is None:
        if args.to_revision is not None:
            raise ValueError("--to-revision は --from-revision とともに指定してください")
        name = sanitize(f"{fiscal_year_label(args.year)}_{args.department}_前年度との比較") + ".docx"
    else:
        name = sanitize(f"{fiscal_year_label(args.year)}_{args.department}_版の比較") + ".docx"
    session = _open_session(args)
    try:
        if args.from_revision is None:
            written = export_year_redline(session, args.year, args.department, _target(args.out, name),
                                          author=args.author)
        else:
            written = export_revision_redline(session, _cycle_plan(session, args), args.from_revision,
                                              args.to_revision, _target(args.out, name), author=args.author)
    finally:
        session.close()
    print(f"書き出しました: {written}")
    return 0


# --- 提出前の確認 ------------------------------------------------------------------------------------

def _add_check(commands) -> None:
    command = commands.add_parser("check", help="提出前の確認: 受け取る側が差し戻しそうな点を一覧する（見つかれば終了コード 1）")
    command.add_argument("--year", type=_fiscal_year, required=True, help="年度（例: 2024 または 令和6年度）")
    command.add_argument("--department", required=True, help="部の名前（例: 政策部）")
    command.set_defaults(handler=_check)


def _check(args: argparse.Namespace) -> int:
    from .domain.wareki import fiscal_year_label

    session = _open_session(args)
    try:
        session.department(args.year, args.department)
        plan = session.load_plan(args.year, args.department)
        if plan is None:
            raise LookupError(f"{fiscal_year_label(args.year)}の{args.department}の計画はまだありません")
        found = _findings(session, plan)
    finally:
        session.close()
    label = f"{fiscal_year_label(args.year)} {args.department}"
    if not found:
        print(f"{label}: 提出前の確認で気になる点は見つかりませんでした。")
        return 0
    print(f"{label}: 提出前の確認で{len(found)}件見つかりました。")
    for finding in found:
        print(f"・{finding.line()}")
    return 1
