"""Reading rendered pages the way a reader at the interview would, and counting what reads badly.

Every document kind is rendered to PDF (LibreOffice for the .docx, the app's own writer for its
PDF) and its text layer read page by page with poppler's ``pdftotext``. Counted:

- **splits**: a number parted from its unit or a name parted inside a word across a line end
  (「10｜月」「年4｜回」「政策第3｜課」「子ど｜も家｜庭部」);
- **lonely closings**: a page holding nothing but 「以上」 (and its footer);
- **empty contents numbers**: a line of the booklet's 目次 without its page number.

``pdftotext`` puts a line of a table cell after the line before it in the same cell, so two
consecutive lines are the end of one line and the start of the next. It also writes a space
where LibreOffice draws a half-width digit in a Latin face next to a kanji: spaces are dropped
before matching (a space the drafter typed is full-width and stays).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

from hoshin_desktop.export.content import DIRECTION_COLUMN, GOAL_COLUMNS, REVIEW_COLUMNS
from hoshin_desktop.export.nobreak import name_words
from hoshin_desktop.export.review_sheets import INSTRUCTION_COLUMNS

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")

# A number with its unit: the tokens the app's layout never breaks (export.layout._UNBREAKABLE)
# that hold a digit, short enough to fit any column.
NUMBER_UNIT = re.compile(r"[0-9０-９]+(?:[,，.．:：\-－][0-9０-９]+)*"
                         r"(?:[%％‰℃]|[A-Za-zＡ-Ｚａ-ｚ]+|[\u3300-\u33ff])?[\u4e00-\u9fff々ヶ]?")
FOOTER = re.compile(r"^(\d+ / \d+|第\d+版.*|確定.*)$")


@dataclass
class Findings:
    splits: list[str] = field(default_factory=list)  # 「左｜右」 around each bad line end
    lonely_closings: list[int] = field(default_factory=list)  # page numbers (1-based)
    empty_toc_numbers: list[str] = field(default_factory=list)
    wrong_toc_numbers: list[str] = field(default_factory=list)  # 「title: 12 shown, on 13」

    def counts(self) -> dict[str, int]:
        return {"splits": len(self.splits), "lonely_closings": len(self.lonely_closings),
                "empty_toc_numbers": len(self.empty_toc_numbers), "wrong_toc_numbers": len(self.wrong_toc_numbers)}


def render_with_libreoffice(documents: list[Path], out: Path, profile: Path) -> list[Path]:
    """PDFs of ``documents`` by LibreOffice, in one start of it (a profile of its own)."""
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *map(str, documents)], capture_output=True, check=True, timeout=900)
    return [out / f"{path.stem}.pdf" for path in documents]


def page_texts(pdf: Path) -> list[str]:
    done = subprocess.run([PDFTOTEXT, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8").split("\f")[:-1]


def _lines(page: str) -> list[str]:
    return [line.replace(" ", "").replace("\u200d", "").replace("\u2060", "") for line in page.split("\n")]


def line_end_splits(page: str, names: list[str], source: str) -> list[str]:
    """「…｜…」 for each line end inside a number with its unit or inside a name.

    ``source`` is the document's text, paragraph by paragraph: two lines whose junction is not in
    it are two paragraphs (「現状値：70%」 over 「目標値：100%」), not one paragraph wrapped.
    """
    found = []
    lines = _lines(page)
    for left, right in zip(lines, lines[1:]):
        if not left or not right or f"{left[-8:]}{right[:8]}" not in source:
            continue  # a paragraph's or a cell's end
        joined, end = left + right, len(left)
        bad = any(match.start() < end < match.end() for match in NUMBER_UNIT.finditer(joined))
        for name in names:
            start = joined.find(name, max(0, end - len(name) + 1))
            bad = bad or (0 <= start < end < start + len(name) and not _broken_at_a_word(name, end - start))
        if bad:
            found.append(f"{left[-8:]}｜{right[:8]}")
    return found


def _broken_at_a_word(name: str, at: int) -> bool:
    """A long name may wrap between the words ``nobreak.name_words`` gives (子ども｜子育て支援課)."""
    return at in accumulate(len(word) for word in name_words(name))


# The titles of the tables' columns: a header row repeated above a lonely 以上 does not keep it company.
HEADER_WORDS = {part for column in (*GOAL_COLUMNS, *REVIEW_COLUMNS, DIRECTION_COLUMN) for part in column.title.split("\n")}
HEADER_WORDS |= {column.title for column in INSTRUCTION_COLUMNS} | {"組織目標"}


def lonely_closings(pages: list[str]) -> list[int]:
    """Pages whose text, without the footer and a repeated table header, is only 以上."""
    return [number for number, page in enumerate(pages, start=1)
            if [line for line in _lines(page) if line and not FOOTER.match(line) and line not in HEADER_WORDS]
            == ["以上"]]


def toc_entries(pages: list[str]) -> list[str]:
    """The lines of the 目次 that name a plan or the matrix."""
    for page in pages[:3]:
        lines = [line for line in _lines(page) if line]
        if "目次" in lines:
            return [line for line in lines[lines.index("目次") + 1:] if "運営方針" in line or "対応状況" in line]
    return []


def empty_toc_numbers(pages: list[str]) -> list[str]:
    """Lines of the 目次 that name a title but end in no page number (and are not 未提出)."""
    return [line for line in toc_entries(pages) if not re.search(r"(\d+|未提出)$", line)] or \
        ([] if toc_entries(pages) else ["目次がありません"])


def wrong_toc_numbers(pages: list[str]) -> list[str]:
    """Entries of the 目次 whose number is not the page where the title stands."""
    wrong = []
    for entry in toc_entries(pages):
        found = re.match(r"^(.*?)[.…・]*(\d+)$", entry)
        if not found:
            continue
        title, shown = found.group(1), int(found.group(2))
        on = next((number for number, page in enumerate(pages, start=1)
                   if number > 2 and title in _lines(page)[:6]), None)
        if on != shown:
            wrong.append(f"{title}: {shown} shown, on {on}")
    return wrong


def check(pdf: Path, names: list[str], source: list[str], *, booklet: bool = False) -> Findings:
    """What reads badly in ``pdf``, rendered from a document whose paragraphs are ``source``."""
    pages = page_texts(pdf)
    findings = Findings()
    text = "\n".join(paragraph.replace(" ", "").replace("\u200d", "").replace("\u2060", "") for paragraph in source)
    for page in pages:
        findings.splits += line_end_splits(page, names, text)
    findings.lonely_closings = lonely_closings(pages)
    if booklet:
        findings.empty_toc_numbers = empty_toc_numbers(pages)
        findings.wrong_toc_numbers = wrong_toc_numbers(pages)
    return findings
