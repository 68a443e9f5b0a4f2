"""Importing a year's 市政運営の基本方針 from a text file or a Word document.

Every file is untrusted: its size is bounded before it is read, a .docx is checked for
zip bombs and XML entity tricks before any XML is parsed, and the text goes through the
same parser as the bundled data. Nothing is written unless the whole policy is valid.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from ..domain.codes import code_sort_key
from ..domain.models import PolicyDocument
from ..domain.policy_mapping import propose_mapping
from ..domain.policy_parser import PolicyParseError, parse_policy
from ..domain.wareki import fiscal_year_label
from .session import Session

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_DOCX_UNPACKED = 50 * 1024 * 1024
MAX_DOCX_ENTRIES = 2000
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class PolicyImportError(ValueError):
    """The file cannot be imported; the message says why and what to do."""


class PolicyExists(PolicyImportError):
    def __init__(self, fiscal_year: int):
        super().__init__(f"{fiscal_year_label(fiscal_year)}の基本方針はすでに登録されています。"
                         "訂正版で置き換える場合は、置き換えを指定してください（コマンドでは --replace）。")
        self.fiscal_year = fiscal_year


def read_policy_file(path: Path) -> PolicyDocument:
    """Read and parse a .txt or .docx basic policy; raises PolicyImportError or PolicyParseError."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise PolicyImportError(f"ファイル「{path}」が見つかりません。場所と名前を確かめてください。") from None
    except OSError:
        raise PolicyImportError(f"ファイル「{path}」を開けません。読み取りの権限があるか確かめてください。") from None
    if size > MAX_FILE_BYTES:
        raise PolicyImportError(f"ファイル「{path.name}」が大きすぎます（{size // 1024:,} KB）。基本方針の本文だけのファイルを選んでください。")
    text = _docx_text(path) if path.suffix.lower() == ".docx" else _decode(path.read_bytes(), path.name)
    return parse_policy(text)


def _decode(raw: bytes, name: str) -> str:
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


def _docx_text(path: Path) -> str:
    """Paragraph texts of a Word document, with its ruby written as ｜base《reading》."""
    bad = PolicyImportError(f"「{path.name}」は Word 文書（.docx）として読めません。ファイルが壊れていないか確認してください。")
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_DOCX_ENTRIES or sum(e.file_size for e in entries) > MAX_DOCX_UNPACKED:
                raise PolicyImportError(f"「{path.name}」は展開後の大きさが異常なため、読み込みません。")
            xml = archive.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, NotImplementedError):
        raise bad from None
    if re.search(rb"<!(DOCTYPE|ENTITY)", xml[:4096] + xml[-4096:]) or b"<!ENTITY" in xml:
        raise PolicyImportError(f"「{path.name}」には Word 文書にない定義（DOCTYPE/ENTITY）が含まれているため、読み込みません。")
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        raise bad from None
    return "\n".join(_paragraph_text(p) for p in root.iter(f"{_W}p"))


def _paragraph_text(paragraph) -> str:
    parts: list[str] = []

    def walk(node) -> None:
        for child in node:
            tag = child.tag
            if tag == f"{_W}ruby":
                base = "".join(t.text or "" for t in child.iter(f"{_W}t") if _inside(child, t, "rubyBase"))
                reading = "".join(t.text or "" for t in child.iter(f"{_W}t") if _inside(child, t, "rt"))
                parts.append(f"｜{base}《{reading}》" if reading else base)
            elif tag == f"{_W}t":
                parts.append(child.text or "")
            elif tag == f"{_W}tab":
                parts.append("\u3000")
            elif tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
            elif tag != f"{_W}pPr":
                walk(child)

    walk(paragraph)
    return "".join(parts)


def _inside(ruby, text_node, part: str) -> bool:
    container = ruby.find(f"{_W}{part}")
    return container is not None and any(node is text_node for node in container.iter())


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
    """Add the policy of ``path`` to the working data; with ``replace``, update that year's in place.

    A replacement keeps every directive's identity through the same mapping as between years
    (so a renumbered or reworded directive keeps its answers and pinned goals), and is refused
    with PinsWouldBeLost when a directive that some plan uses continues into none, unless
    ``allow_lost_pins``.
    """
    document = read_policy_file(path)
    year = document.fiscal_year
    exists = year in session.fiscal_years()
    if exists and not replace:
        raise PolicyExists(year)
    continued = None
    if exists:
        continued, lost = _continued(session, document)
        if lost and not allow_lost_pins:
            raise PinsWouldBeLost(year, lost)
        session.backup("before-import")

    session.store_policy(document, replace=exists, continued=continued)
    return document


def _continued(session: Session, document: PolicyDocument) -> tuple[dict[str, int], list[str]]:
    """New code → the stored directive it continues, and the used codes that nothing continues."""
    year = document.fiscal_year
    pairs = {line.new: line.old for line in propose_mapping(session.policy(year).directives, document.directives)
             if line.old and line.new}
    ids = session.directive_ids(year)
    continued = {new: ids[old] for new, old in pairs.items()}
    lost = sorted(session.codes_in_use(year) - set(pairs.values()), key=code_sort_key)
    return continued, lost


__all__ = ["PinsWouldBeLost", "PolicyExists", "PolicyImportError", "PolicyParseError", "import_policy", "read_policy_file"]
