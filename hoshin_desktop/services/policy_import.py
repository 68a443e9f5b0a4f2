"""Importing a year's 市政運営の基本方針 from a text file or a Word document.

Every file is untrusted: its size is bounded before it is read, a .docx is checked for
zip bombs and XML entity tricks before any XML is parsed, and the text goes through the
same parser as the bundled data. Nothing is written unless the whole policy is valid.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..domain.codes import code_sort_key
from ..domain.cycle import INSTRUCTIONS_TITLE
from ..domain.models import PolicyDocument
from ..domain.policy_mapping import propose_mapping
from ..domain.policy_parser import PolicyParseError, parse_policy
from ..domain.wareki import fiscal_year_label
from . import docx_text
from .docx_package import UNREADABLE_KINDS, DocxError, docx_parts
from .input_files import ZIP, InputFileError, file_kind, read_limited
from .session import Session

MAX_FILE_BYTES = 10 * 1024 * 1024


class PolicyImportError(ValueError):
    """The file cannot be imported; the message says why and what to do."""


class PolicyExists(PolicyImportError):
    def __init__(self, fiscal_year: int):
        super().__init__(f"{fiscal_year_label(fiscal_year)}の基本方針はすでに登録されています。"
                         "訂正版で置き換える場合は、置き換えを指定してください（コマンドでは --replace）。")
        self.fiscal_year = fiscal_year


def read_policy_file(path: Path) -> PolicyDocument:
    """Read and parse a .txt or .docx basic policy; raises PolicyImportError or PolicyParseError.

    The file must be a regular file within the size limit (checked before it is opened, so a
    FIFO or a device cannot hang the import); its bytes are read once, bounded.
    """
    path = Path(path)
    try:
        raw = read_limited(path, MAX_FILE_BYTES, "基本方針のテキスト（.txt）または Word 文書（.docx）")
    except InputFileError as exc:
        raise PolicyImportError(str(exc)) from None
    kind = file_kind(raw)
    if kind in UNREADABLE_KINDS:
        raise PolicyImportError(f"「{path.name}」は{UNREADABLE_KINDS[kind]}")
    is_docx = kind == ZIP or path.suffix.lower() == ".docx"  # a Word document renamed .txt is still one
    text = _docx_text(raw, path.name) if is_docx else _decode(raw, path.name)
    try:  # Word's paragraphs and table rows are the writer's: read as written
        return parse_policy(text, as_written=is_docx)
    except PolicyParseError:
        mistaken = what_else(text)
        if mistaken is None:
            raise
        raise PolicyImportError(f"「{path.name}」は基本方針ではなく、{mistaken}") from None


# Documents a user may pick by mistake (most of them this app's own), told by their title, with the way to go.
_EXCEL_BOOK = "xl/workbook.xml"  # an Excel book is a zip too
_PICK_POLICY = "基本方針の取り込みには、市長の「令和N年度市政運営の基本方針」の文書（Word 文書かテキスト）を選んでください。"
_OTHER_DOCUMENTS = (
    (re.compile(r"各部の運営方針・組織目標"), "すべての部の計画をまとめた冊子", ""),
    (re.compile(r"運営方針・組織目標（.+の比較）"), "計画の比較（前年度との比較・版の比較）の文書", ""),
    (re.compile(r"組織目標\s*(中間確認|年度末評価)"), "目標の評価表（中間確認・年度末評価）", ""),
    (re.compile(INSTRUCTIONS_TITLE), "面談の指示事項の一覧", ""),
    (re.compile(r"^(令和|平成)\S*年度\s*\S+の運営方針・組織目標$"), "部の運営方針・組織目標（計画）の Word 文書",
     "ほかの PC の計画を取り込むときは、「ファイル」→「計画ファイルの取り込み」で計画ファイル（.json）を選びます。"),
)
_POLICY_TITLE = re.compile(r"^\S*年度\s*市政運営の基本方針$")
_TITLE_LINES = 12  # a document's title is among its first lines (after the date and a document number)


def what_else(text: str) -> str | None:
    """What a text that is not a basic policy is, when it is recognisable, and what to pick instead; None otherwise."""
    if '"hoshin-plan"' in text[:2000] and text.lstrip().startswith(("{", "[")):
        return "計画ファイル（.json）です。計画を取り込むときは「ファイル」→「計画ファイルの取り込み」を使います。\n" + _PICK_POLICY
    lines = [line.strip() for line in text.splitlines() if line.strip()][:_TITLE_LINES]
    if any(_POLICY_TITLE.match(line) for line in lines):
        return None  # a policy the parser could not read: its own message says where
    for line in lines:
        for title, kind, advice in _OTHER_DOCUMENTS:
            if title.search(line):
                return f"{kind}です（表題「{line[:40]}」）。{advice}\n{_PICK_POLICY}"
    return None


def _decode(raw: bytes, name: str) -> str:
    encodings: tuple[str, ...]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "cp932")
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PolicyImportError(f"ファイル「{name}」の文字コードを判別できません。UTF-8 またはシフトJISのテキストで保存してください。")


def _docx_text(raw: bytes, name: str) -> str:
    """Paragraph texts of a Word document with Word's list numbers, its ruby written as ｜base《reading》."""
    try:
        parts = docx_parts(raw, name, _DOCX_PARTS + (_EXCEL_BOOK,))
    except DocxError as exc:
        raise PolicyImportError(str(exc)) from None
    document, numbering, styles = (parts[part] for part in _DOCX_PARTS)
    if document is None:
        if parts[_EXCEL_BOOK] is not None:  # the matrix as Excel, say
            raise PolicyImportError(f"「{name}」は Excel ブックです。{_PICK_POLICY}")
        raise PolicyImportError(f"「{name}」は Word 文書（.docx）として読めません。ファイルが壊れていないか確認してください。")
    return "\n".join(docx_text.paragraphs(document, docx_text.read_numbering(numbering, styles)))


_DOCX_PARTS = ("word/document.xml", "word/numbering.xml", "word/styles.xml")


class PinsWouldBeLost(PolicyImportError):
    """A corrected text has no directive continuing some that plans answer or pin goals to."""

    def __init__(self, fiscal_year: int, lost: list[str]):
        super().__init__(
            f"{fiscal_year_label(fiscal_year)}の訂正版には、項目 {'、'.join(lost)} を引き継ぐ項目が見つかりません。"
            "置き換えると、これらの項目への目標の関連付けと部の方針が失われます（置き換える前にバックアップを取ります）。"
            "失われてもよい場合は、そのことを指定して置き換えてください（コマンドでは --allow-lost-pins）。")
        self.fiscal_year = fiscal_year
        self.lost = lost


def import_policy(session: Session, path: Path, *, replace: bool = False,
                  allow_lost_pins: bool = False) -> PolicyDocument:
    """Add the policy of ``path`` to the working data; with ``replace``, update that year's in place."""
    document = read_policy_file(path)
    store_policy(session, document, replace=replace, allow_lost_pins=allow_lost_pins)
    return document


def store_policy(session: Session, document: PolicyDocument, *, replace: bool = False,
                 allow_lost_pins: bool = False) -> Path:
    """Store a read policy after a backup of the data as it was; returns that backup (「取り込む前に戻す」).

    A replacement keeps every directive's identity through the same mapping as between years
    (so a renumbered or reworded directive keeps its answers and pinned goals), and is refused
    with PinsWouldBeLost when a directive that some plan uses continues into none, unless
    ``allow_lost_pins``.
    """
    year = document.fiscal_year
    exists = year in session.fiscal_years()
    if exists and not replace:
        raise PolicyExists(year)
    continued = None
    if exists:
        continued, lost = _continued(session, document)
        if lost and not allow_lost_pins:
            raise PinsWouldBeLost(year, lost)
    backup = session.backup("before-import")

    session.store_policy(document, replace=exists, continued=continued)
    return backup


def _continued(session: Session, document: PolicyDocument) -> tuple[dict[str, int], list[str]]:
    """New code → the stored directive it continues, and the used codes that nothing continues."""
    year = document.fiscal_year
    pairs = {line.new: line.old for line in propose_mapping(session.policy(year).directives, document.directives)
             if line.old and line.new}
    ids = session.directive_ids(year)
    continued = {new: ids[old] for new, old in pairs.items()}
    lost = sorted(session.codes_in_use(year) - set(pairs.values()), key=code_sort_key)
    return continued, lost


__all__ = ["PinsWouldBeLost", "PolicyExists", "PolicyImportError", "PolicyParseError", "import_policy", "read_policy_file",
           "store_policy"]
