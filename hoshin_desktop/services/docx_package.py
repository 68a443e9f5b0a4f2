"""Opening a Word document (.docx) from outside safely: the parts asked for, each parsed without DTDs.

Every .docx a user brings (a basic policy, last year's plan typed in Word) is untrusted: the
archive is checked for zip bombs (too many entries, too large unpacked) before a part is read,
and every XML part is parsed by a parser that refuses any DTD or entity declaration, whatever
its encoding or padding. Old Word files, RTF and PDF are told apart by their first bytes so that
the message can say what to do with them.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree

from .input_files import OLE, PDF, RTF

MAX_DOCX_UNPACKED = 50 * 1024 * 1024
MAX_DOCX_ENTRIES = 2000

_SAVE_AS_DOCX = "Word で開き、「名前を付けて保存」で「Word 文書 (*.docx)」を選んで保存してから取り込んでください。"
# Kinds of file that arrive where a .docx is expected and that the app cannot read, with the way out.
UNREADABLE_KINDS = {
    OLE: "古い形式の Word 文書（.doc）です。" + _SAVE_AS_DOCX,
    RTF: "リッチテキスト（.rtf）です。" + _SAVE_AS_DOCX,
    PDF: " PDF です。PDF は取り込めません。元の Word 文書（.docx）を使うか、PDF の文章をすべてコピーして"
         "メモ帳に貼り付け、テキスト（.txt）として保存してから取り込んでください。",
}


class DocxError(ValueError):
    """The document cannot be read; the message names the file and says why."""


def docx_parts(raw: bytes, name: str, wanted: tuple[str, ...], *, prefixes: tuple[str, ...] = ()) -> dict:
    """The parsed XML roots of the parts ``wanted`` (None for a part the archive lacks) and of every
    part whose name starts with one of ``prefixes`` (footers, say), from the archive bytes ``raw``.
    Raises DocxError for a damaged archive, a zip bomb or an XML part with DTD or entities."""
    bad = DocxError(f"「{name}」は Word 文書（.docx）として読めません。ファイルが壊れていないか確認してください。")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_DOCX_ENTRIES or sum(e.file_size for e in entries) > MAX_DOCX_UNPACKED:
                raise DocxError(f"「{name}」は展開後の大きさが異常なため、読み込みません。")
            names = archive.namelist()
            chosen = list(wanted) + sorted(n for n in names if n.startswith(prefixes) and n not in wanted)
            raw_parts = {part: archive.read(part) if part in names else None for part in chosen}
    except DocxError:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, NotImplementedError, EOFError, ValueError):
        raise bad from None
    return {part: _parse_xml(xml, name, bad) for part, xml in raw_parts.items()}


def _parse_xml(xml: bytes | None, name: str, bad: DocxError):
    if xml is None:
        return None
    try:
        return SafeElementTree.fromstring(xml, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise DocxError(f"「{name}」には Word 文書にない定義（DOCTYPE/ENTITY）が含まれているため、読み込みません。") from None
    except (ElementTree.ParseError, ValueError):
        raise bad from None
