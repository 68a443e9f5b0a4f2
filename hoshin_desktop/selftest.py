"""``hoshin-desktop --self-test``: does this copy of the program work on this PC?

Run by the build script on the frozen program and by IT after installing. Everything happens in a
temporary folder: the bundled data is opened there, a sample plan is written, exported as .docx
and PDF, and the files are checked. One Japanese line per check; exit 0 when all pass, 1 with the
reason at the first failure. The user's own data folder is never opened.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from . import __version__, paths

if TYPE_CHECKING:
    from .domain.models import Plan, PolicyDocument
    from .services.session import Session

SAMPLE_CODES = ("1(2)", "3(6)")
SAMPLE_GOAL_TITLE = "自己診断用の目標：窓口手続のオンライン化を進める"
SAMPLE_ANSWER = "自己診断用の部の方針：市民の利便性向上に取り組む。"
MIN_PDF_BYTES = 2000  # an empty one-page PDF from Qt is well under this


class CheckFailed(Exception):
    """A check found something wrong; the message says what, for the person running it."""


Made = TypeVar("Made")


def _earlier(made: Made | None) -> Made:
    """What an earlier check made: the checks run in order, each only after the ones before it passed."""
    if made is None:
        raise CheckFailed("前の確認が済んでいないため、この確認はできません")
    return made


@dataclass
class Context:
    """What the checks hand on to each other."""

    folder: Path
    session: Session | None = None
    plan: Plan | None = None
    policy: PolicyDocument | None = None
    closers: list[Callable[[], None]] = field(default_factory=list)


def run() -> int:
    _readable_output()
    _say(f"hoshin-desktop {__version__} 自己診断")
    _say(f"情報: 通常の起動で使う作業データの保存先: {paths.default_user_data_dir()}")
    with tempfile.TemporaryDirectory(prefix="hoshin-selftest-", ignore_cleanup_errors=True) as tmp:
        context = Context(Path(tmp))
        try:
            for check in CHECKS:
                _say(f"合格: {check(context)}")
        except Exception as exc:  # every failure becomes one line for the person running it
            reason = str(exc) if isinstance(exc, CheckFailed) else f"{type(exc).__name__}: {exc}"
            _say(f"失敗: {reason}")
            if paths.is_frozen():
                _say("プログラムのファイルが欠けているか壊れています。配布元のファイルから入れ直してください。")
            return 1
        finally:
            for close in reversed(context.closers):
                close()
    _say("自己診断はすべて合格しました。")
    return 0


# --- the checks, in order; each returns the line to print ------------------------------------


def open_bundled_data(context: Context) -> str:
    from .services.session import Session

    reference = paths.reference_db_path()
    if not reference.is_file():
        raise CheckFailed(f"同梱データベースがありません: {reference}")
    context.session = Session.open(context.folder / "data")
    context.closers.append(context.session.close)
    years = context.session.fiscal_years()
    if not years:
        raise CheckFailed("同梱データに基本方針が1件もありません")
    context.policy = context.session.policy(years[-1])
    return (f"同梱データを一時フォルダーに開きました"
            f"（{context.policy.title}、{len(context.policy.directives)}項目）")


def make_sample_plan(context: Context) -> str:
    session, policy = _earlier(context.session), _earlier(context.policy)
    missing = [code for code in SAMPLE_CODES if policy.directive(code) is None]
    if missing:
        raise CheckFailed(f"基本方針に項目 {'・'.join(missing)} がありません")
    department = session.departments(policy.fiscal_year)[0].name
    editor = session.editor(policy.fiscal_year, department)
    goal_id = editor.add_goal().select
    if goal_id is None:
        raise CheckFailed("見本の目標を追加できませんでした")
    editor.set_goal_field(goal_id, "title", SAMPLE_GOAL_TITLE)
    for code in SAMPLE_CODES:
        editor.pin(goal_id, code)
    editor.set_answer(SAMPLE_CODES[0], SAMPLE_ANSWER)
    plan = context.plan = _earlier(session.load_plan(policy.fiscal_year, department))  # as stored, not as edited
    goal = plan.goal(goal_id)
    if goal is None or goal.title != SAMPLE_GOAL_TITLE or list(goal.directives) != list(SAMPLE_CODES):
        raise CheckFailed("見本の目標が作業データベースに正しく保存されませんでした")
    if plan.answer(SAMPLE_CODES[0]) != SAMPLE_ANSWER:
        raise CheckFailed("見本の部の方針が作業データベースに正しく保存されませんでした")
    return f"見本の計画を作りました（{plan_title(plan)}、目標を {'・'.join(SAMPLE_CODES)} に関連付け）"


def export_docx(context: Context) -> str:
    from .export.docx_writer import write_docx

    plan = _earlier(context.plan)
    path = write_docx(plan, _earlier(context.policy), context.folder / "selftest.docx")
    text = docx_text(Path(path))
    for expected in (plan_title(plan), SAMPLE_GOAL_TITLE):
        if _squeeze(expected) not in text:
            raise CheckFailed(f"書き出した Word 文書に「{expected}」が見つかりません")
    return f"Word 文書を書き出して確認しました（{Path(path).name}、{_kilobytes(path)}）"


def export_pdf(context: Context) -> str:
    from .export.pdf_writer import write_pdf

    path = Path(write_pdf(_earlier(context.plan), _earlier(context.policy), context.folder / "selftest.pdf"))
    pages = check_pdf(path.read_bytes())
    return f"PDF を書き出して確認しました（{pages}ページ、{_kilobytes(path)}）"


def runs_from_bundle(context: Context) -> str:
    """Frozen: every module loaded so far came from inside the program folder.

    Modules embedded in a library (shiboken's, with a relative __file__) have no file to check.
    """
    if not paths.is_frozen():
        return f"開発環境から実行しています（{paths.data_dir().parent}）"
    bundle = paths.resources_dir().parent.resolve()  # the program folder (PyInstaller's _internal)
    files = {name: Path(file) for name, module in list(sys.modules.items())
             if isinstance(file := getattr(module, "__file__", None), str)}
    strays = sorted(name for name, file in files.items() if file.is_absolute() and not _is_inside(file, bundle))
    if strays:
        raise CheckFailed(f"プログラムの外のファイルを読み込んでいます: {', '.join(strays[:5])}")
    return f"プログラムのフォルダーの中のファイルだけで動いています（{paths.program_dir()}）"


CHECKS: tuple[Callable[[Context], str], ...] = (
    open_bundled_data, make_sample_plan, export_docx, export_pdf, runs_from_bundle,
)


# --- helpers -------------------------------------------------------------------------------------


def plan_title(plan) -> str:
    """The title line of the submission format: 令和6年度政策部の運営方針・組織目標."""
    from .domain.wareki import fiscal_year_label

    return f"{fiscal_year_label(plan.fiscal_year)}{plan.department}の運営方針・組織目標"


def docx_text(path: Path) -> str:
    """All text of the document body, whitespace and the invisible no-break characters removed (the layout
    may letter-space titles; export.nobreak keeps 「政策部」 whole with them)."""
    import docx

    from .export.nobreak import unheld

    document = docx.Document(str(path))
    return _squeeze(unheld("\n".join(p.text for p in _all_paragraphs(document))))


def _all_paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def check_pdf(data: bytes) -> int:
    """A PDF worth printing: the header, at least one page, embedded fonts. Returns the page count."""
    if not data.startswith(b"%PDF-"):
        raise CheckFailed("書き出した PDF の形式が正しくありません")
    if len(data) < MIN_PDF_BYTES:
        raise CheckFailed(f"書き出した PDF が小さすぎます（{len(data)} バイト）: 中身が空の可能性があります")
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    if pages < 1:
        raise CheckFailed("書き出した PDF にページがありません")
    if b"/FontFile" not in data:
        raise CheckFailed("書き出した PDF にフォントが埋め込まれていません: 日本語のフォントが見つからない可能性があります")
    return pages


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _is_inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder)
        return True
    except ValueError:
        return False


def _kilobytes(path) -> str:
    return f"{max(1, round(os.path.getsize(path) / 1024))} KB"


def _readable_output() -> None:
    """Japanese lines must survive a pipe on any Windows code page: UTF-8 when not a console."""
    stream = sys.stdout
    if stream is not None and not stream.isatty() and hasattr(stream, "reconfigure"):
        stream.reconfigure(encoding="utf-8")


def _say(line: str) -> None:
    if sys.stdout is not None:  # the windowed Windows executable has no console
        print(line, flush=True)
