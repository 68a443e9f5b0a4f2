"""Reads the text of a 市政運営の基本方針 into a PolicyDocument.

The same parser builds the bundled data and imports next year's policy, so it accepts
what such texts look like in practice: OCR copies whose sentences are broken across
page breaks, page numbers and the title repeated at the head of each page, stray "- "
before items, headings numbered 「1 」「1.」「１．」「第1 」, half- or full-width digits and
brackets, and furigana written as ``強靱^{じん}`` or ``｜強靱《きょうじん》``. Lines that
begin a list entry (・, ①, ア, (ア), ○, ※ …) stay lines of their own. It never changes the
mayor's wording or punctuation; it only undoes the damage of copying.

A text read from a Word document is taken as written: each paragraph, table row and line break
there was chosen by the writer, so its lines are never joined, whatever they end with.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from . import wareki
from .models import Directive, PolicyDocument, PolicySection, Ruby, RubyText
from .text import clean_text

MAX_POLICY_CHARS = 1_000_000

_DIGITS = "0-9０-９"
# Any space but a line break: Word's no-break space and the en/em spaces of a PDF copy count too.
_SPACE = r"[^\S\n]"
# 「1 見出し」, 「1. 見出し」, 「１．見出し」, 「第1 見出し」; a dot before a digit is a decimal (1.5倍).
_SECTION = re.compile(rf"^第?([{_DIGITS}]{{1,2}})(?:[.．](?![{_DIGITS}]){_SPACE}*|{_SPACE}+)(\S.*)$")
# 「(1)」「（１）」, or 「⑴」 as one character (Word's decimalEnclosedParen, and what OCR reads).
_ITEM = re.compile(rf"^(?:[-‐－−•]{_SPACE}*)?([（(][{_DIGITS}]{{1,3}}[)）]|[\u2474-\u2487]){_SPACE}*(.*)$")
# 「(1000)」: an item number beyond what an item can have; refused, never glued onto the item before.
_ITEM_TOO_FAR = re.compile(rf"^(?:[-‐－−•]{_SPACE}*)?[（(]([{_DIGITS}]{{4,}})[)）]")
MAX_ITEMS = 999
# A line that begins an entry of a list under an item: never the continuation of the line before.
_LIST_ENTRY = re.compile(r"^(?:[・･●○◯◎■□◆◇▪▫★☆※\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]"
                         r"|[ア-ヶ][ \u3000.．)）]|[（(][ア-ヶa-zA-Zａ-ｚＡ-Ｚ][)）])")
# What a scan leaves at a page break, alone on its line (after NFKC): 「2」「- 2 -」「2 / 5」「P.2」「3ページ」.
_PAGE_NUMBER = re.compile(r"^(?:[-‐−–—―~〜]\s*)?(?:p\.?\s*)?[0-9]{1,3}(?:\s*/\s*[0-9]{1,3})?(?:\s*(?:ページ|頁))?"
                          r"(?:\s*[-‐−–—―~〜])?$", re.IGNORECASE)
# The title, also as a notice names it: 「…基本方針について（通知）」, 「…基本方針（案）」.
_TITLE = re.compile(r"^(\S.{0,40}年度.{0,40}基本方針)(?:について)?(?:[（(][^（）()]{1,6}[)）])?$")
# The date line, also with its weekday 「（金）」 or the Western year 「令和7年（2025年）3月21日」.
_DATE_LINE = re.compile(r"令和[^。]{0,12}年[^。]{0,8}月[^。]{0,8}日(?:[（(][月火水木金土日][）)])?")
_WESTERN_YEAR = re.compile(rf"[（(]{_SPACE}*[{_DIGITS}]{{4}}{_SPACE}*年?{_SPACE}*[）)]")
# Characters that take no room (zero-width space, word joiner, a stray BOM): a copy's noise, not words.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff]")
# What a notice carries above its title and is not the mayor's text: its number (「政経発第123号」)
# and whom it is addressed to (「各部長　様」「各部長殿」「部長各位」).
_DOC_NUMBER = re.compile(rf"^\S{{0,15}}第{_SPACE}*[{_DIGITS}]+{_SPACE}*号$")
_ADDRESSEE = re.compile(r"^\S.{0,24}(?:様|殿|各位)$")
_KI = re.compile(rf"^記{_SPACE}*$")
# 「以上」 closes an official document; what follows it (a contact box: 担当 政策経営課 内線…) is not the policy.
_END = re.compile(rf"^以{_SPACE}*上$")
_ISSUER = re.compile(rf"^\S{{0,20}}(?:市|区|町|村)長{_SPACE}+\S.{{0,20}}$")
# A heading is one short line; a longer line under it is the section's own text.
_HEADING_CHARS = 40
_SENTENCE_END = re.compile(r"[。．.！？!?][」』）)]*$")
_PLAN_TITLE = re.compile(r"『([^『』\n]{1,100})』")

# Ruby notations: ｜base《reading》, kanji《reading》 and char^{reading}.
_RUBY = re.compile(
    r"[｜|](?P<bar_base>[^｜|《》\n]+)《(?P<bar_reading>[^《》\n]*)》"
    r"|(?P<run_base>[\u3400-\u9fff\uf900-\ufaff々〆ヶ]+)《(?P<run_reading>[^《》\n]*)》"
    r"|(?P<caret_base>[^\s^{}])\^\{(?P<caret_reading>[^{}\n]*)\}"
)
_LEFTOVER_RUBY = re.compile(r"\^\{|《|》")


class PolicyParseError(ValueError):
    """The text is not a basic policy this parser can read; says where and why."""

    def __init__(self, line: int | None, message: str):
        self.line = line
        self.message = message
        super().__init__(f"{line}行目: {message}" if line else message)


@dataclass
class _Paragraph:
    text: str
    line: int  # where it starts, for error messages


@dataclass
class _Item:
    number: int
    line: int
    paragraphs: list[_Paragraph] = field(default_factory=list)


@dataclass
class _Section:
    number: int
    title: str
    line: int
    body: list[_Paragraph] = field(default_factory=list)
    items: list[_Item] = field(default_factory=list)


def _digits(text: str) -> int:
    """The number of 「１」「(1)」「（１）」「⑴」."""
    return int(unicodedata.normalize("NFKC", text).strip("()"))


def _ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def _join(before: str, after: str) -> str:
    """Join a sentence broken by a page or line break: no space in Japanese text."""
    if before[-1:].isascii() and before[-1:].isalnum() and after[:1].isascii() and after[:1].isalnum():
        return f"{before} {after}"
    return before + after


def _add_line(paragraphs: list[_Paragraph], text: str, line: int, as_written: bool) -> None:
    """Append a line: a copy's line continues the last paragraph unless that one ended a sentence or
    it begins a list entry; a line as written is always a paragraph of its own."""
    if not as_written and paragraphs and not _ends_sentence(paragraphs[-1].text) and not _LIST_ENTRY.match(text):
        paragraphs[-1].text = _join(paragraphs[-1].text, text)
    else:
        paragraphs.append(_Paragraph(text, line))


def parse_ruby(text: str, line: int | None = None) -> RubyText:
    """Turn inline ruby notation into plain text with structured Ruby."""
    plain: list[str] = []
    ruby: list[Ruby] = []
    pos = length = 0
    for match in _RUBY.finditer(text):
        before = text[pos:match.start()]
        plain.append(before)
        length += len(before)
        base = match.group("bar_base") or match.group("run_base") or match.group("caret_base")
        reading = match.group("bar_reading") or match.group("run_reading") or match.group("caret_reading")
        if not reading or not reading.strip():
            raise PolicyParseError(line, f"ふりがなが空です: 「{match.group(0)}」")
        ruby.append(Ruby(length, len(base), reading.strip()))
        plain.append(base)
        length += len(base)
        pos = match.end()
    plain.append(text[pos:])
    result = "".join(plain)
    leftover = _LEFTOVER_RUBY.search(result)
    if leftover:
        raise PolicyParseError(line, f"ふりがなの書き方が正しくありません: 「{result[max(0, leftover.start() - 5):leftover.end() + 5]}」")
    return RubyText(result, tuple(ruby))


def _ruby_paragraphs(paragraphs: list[_Paragraph]) -> RubyText:
    parts = [parse_ruby(p.text, p.line) for p in paragraphs]
    text: list[str] = []
    ruby: list[Ruby] = []
    offset = 0
    for part in parts:
        text.append(part.text)
        ruby.extend(Ruby(r.start + offset, r.length, r.reading) for r in part.ruby)
        offset += len(part.text) + 1
    return RubyText("\n".join(text), tuple(ruby))


def _is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(unicodedata.normalize("NFKC", text)))


def _same_line(a: str, b: str) -> bool:
    """The same words whatever the widths and spaces (a running title as a scan repeats it)."""
    def key(text: str) -> str:
        return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))

    return key(a) == key(b)


def _lines(source: str) -> list[tuple[int, str]]:
    if len(source) > MAX_POLICY_CHARS:
        raise PolicyParseError(None, f"文章が長すぎます（{len(source):,}文字）。基本方針の本文だけを読み込んでください。")
    source = _INVISIBLE.sub("", clean_text(source, limit=None))
    return [(n, line.strip()) for n, line in enumerate(source.split("\n"), start=1)]


class _Reader:
    """Walks the lines once, header first, then sections and items."""

    def __init__(self, source: str, as_written: bool):
        self.lines = [(n, text) for n, text in _lines(source) if text and not _is_page_number(text)]
        self.as_written = as_written
        self.issued_on: date | None = None
        self.title: str | None = None
        self.title_line: int | None = None
        self.issuer: str | None = None
        self.preamble: list[_Paragraph] = []
        self.sections: list[_Section] = []

    def read(self) -> PolicyDocument:
        if not self.lines:
            raise PolicyParseError(None, "文章が空です。基本方針の本文を読み込んでください。")
        rest = self._read_header()
        self._read_body(rest)
        return self._document()

    def _read_header(self) -> list[tuple[int, str]]:
        joined_title = None  # the index of a title's second line, read with the first
        for index, (n, text) in enumerate(self.lines):
            if index == joined_title:
                continue
            if self.title is None and "年度" in text and index + 1 < len(self.lines):
                after = self.lines[index + 1][1]  # a title set in two lines: 「令和7年度」/「市政運営の基本方針」
                if (not _TITLE.match(text) and not _TITLE.match(after) and not _DATE_LINE.search(text)
                        and _TITLE.match(_join(text, after))):
                    text, joined_title = _join(text, after), index + 1
            if _KI.match(text):
                return self.lines[index + 1:]
            if self._is_section_start(text, 1):
                return self.lines[index:]
            if self.title is not None and _same_line(text, self.title):
                continue  # the title again at the head of the next page
            if self.issued_on is None and _DATE_LINE.fullmatch(text):
                self.issued_on = self._date(text, n)
            elif self.title is None and (title := _TITLE.match(text)):
                self.title, self.title_line = title.group(1), n
            elif self.issuer is None and _ISSUER.match(text):
                self.issuer = text
            elif _DOC_NUMBER.match(text) or _ADDRESSEE.match(text):
                continue  # the notice's number and addressee
            else:
                _add_line(self.preamble, text, n, self.as_written)
        raise PolicyParseError(None, "「記」または「1 …」で始まる本文が見つかりません。")

    @staticmethod
    def _date(text: str, line: int) -> date:
        try:
            return wareki.parse_date(_WESTERN_YEAR.sub("", text))
        except ValueError as exc:
            raise PolicyParseError(line, f"日付として読めません: 「{text}」（{exc}）") from None

    @staticmethod
    def _is_section_start(text: str, expected: int) -> bool:
        match = _SECTION.match(text)
        return bool(match and _digits(match.group(1)) == expected and not _ends_sentence(text))

    def _read_body(self, lines: list[tuple[int, str]]) -> None:
        lines = [(n, text) for n, text in lines if self.title is None or not _same_line(text, self.title)]
        for index, (n, text) in enumerate(lines):
            if _END.match(text) and self.sections:
                break
            section_match = _SECTION.match(text)
            if section_match and self._is_section_start(text, len(self.sections) + 1):
                self.sections.append(_Section(_digits(section_match.group(1)), section_match.group(2).strip(), n))
                continue
            if section_match and not _ends_sentence(text) and len(text) <= _HEADING_CHARS and self.sections:
                raise PolicyParseError(
                    n, f"見出しの番号が{len(self.sections) + 1}のはずですが「{section_match.group(1)}」になっています: 「{text}」"
                )
            if not self.sections:
                raise PolicyParseError(n, f"見出し「1 …」の前に本文があります: 「{text[:30]}」")
            section = self.sections[-1]
            if self._continues_heading(section, text, lines[index + 1:index + 2]):
                section.title = _join(section.title, text)
                continue
            too_far = _ITEM_TOO_FAR.match(text)
            if too_far:
                raise PolicyParseError(n, f"項目番号({too_far.group(1)})は読み取れません（1つの見出しの項目は({MAX_ITEMS})まで）: "
                                          f"「{text[:30]}」")
            item_match = _ITEM.match(text)
            if item_match:
                number = _digits(item_match.group(1))
                if number != len(section.items) + 1:
                    raise PolicyParseError(
                        n, f"{section.number}の項目番号が({len(section.items) + 1})のはずですが({number})になっています"
                    )
                section.items.append(_Item(number, n))
                if item_match.group(2).strip():
                    _add_line(section.items[-1].paragraphs, item_match.group(2).strip(), n, self.as_written)
                continue
            target = section.items[-1].paragraphs if section.items else section.body
            _add_line(target, text, n, self.as_written)

    @staticmethod
    def _continues_heading(section: _Section, text: str, following: list[tuple[int, str]]) -> bool:
        """A heading too long for its line (「1 施政方針を」/「踏まえた対応」): a short line right under
        it that ends no sentence, followed at once by the first item (1)."""
        return (not section.body and not section.items and not _ends_sentence(text)
                and not _LIST_ENTRY.match(text) and not _ITEM.match(text)
                and len(section.title) + len(text) <= _HEADING_CHARS
                and bool(following) and bool(_ITEM.match(following[0][1])))

    def _document(self) -> PolicyDocument:
        if self.title is None:
            raise PolicyParseError(None, "表題（例: 令和6年度市政運営の基本方針）が見つかりません。")
        try:
            fiscal_year = wareki.parse_fiscal_year(self.title)
        except ValueError as exc:
            raise PolicyParseError(self.title_line, f"表題から年度が読み取れません: 「{self.title}」（{exc}）") from None
        if self.issued_on is None:
            raise PolicyParseError(None, "発行日（例: 令和6年3月21日）が見つかりません。")
        if not self.sections:
            raise PolicyParseError(None, "見出し「1 …」が見つかりません。")
        sections = tuple(self._section(s) for s in self.sections)
        if not any(section.directives for section in sections):
            raise PolicyParseError(None, "項目「(1) …」が1つもありません。見出しの下に項目を番号付きで書いてください。")
        document = PolicyDocument(
            fiscal_year=fiscal_year,
            issued_on=self.issued_on,
            title=parse_ruby(self.title, self.title_line).text,
            issuer=self.issuer or "",
            preamble=_ruby_paragraphs(self.preamble),
            sections=sections,
        )
        return _with_references(document)

    @staticmethod
    def _section(section: _Section) -> PolicySection:
        for item in section.items:
            if not item.paragraphs:
                raise PolicyParseError(item.line, f"項目{section.number}({item.number})に本文がありません")
        if not section.items and not section.body:
            raise PolicyParseError(section.line, f"見出し「{section.number} {section.title}」の下に本文がありません")
        directives = tuple(
            Directive(section.number, item.number, _ruby_paragraphs(item.paragraphs)) for item in section.items
        )
        return PolicySection(
            number=section.number,
            title=parse_ruby(section.title, section.line).text,
            directives=directives,
            body=_ruby_paragraphs(section.body),
        )


def _with_references(document: PolicyDocument) -> PolicyDocument:
    texts = [document.preamble.text]
    for section in document.sections:
        texts.append(section.title)
        texts.append(section.body.text)
        texts.extend(d.text for d in section.directives)
    seen: dict[str, None] = {}
    for text in texts:
        for match in _PLAN_TITLE.finditer(text):
            seen.setdefault(match.group(1), None)
    return PolicyDocument(**{**document.__dict__, "references": tuple(seen)})


def parse_policy(source: str, *, as_written: bool = False) -> PolicyDocument:
    """Parse the whole text of a basic policy. Raises PolicyParseError naming the line.

    ``as_written``: every line end in ``source`` is the writer's (the paragraphs of a Word
    document), so no line is joined to the next as a sentence a copy broke."""
    return _Reader(source, as_written).read()
