"""Where a line may not end: inside a number with its unit, and inside a name (課, 部).

One rule for the app's own layout: the PDF and the printout (``layout``) set each such span as
one unbreakable piece, and the goal table's column widths (``widths``) give a name room.

The .docx cannot carry the rule, as measured with LibreOffice 7 here (tests/export/paper_check.py
counts the splits of a rendered city): in text of the language ja-JP LibreOffice breaks a line
between any two characters outside its kinsoku list, and ignores U+2060 (word joiner), U+200D
(what Word inserts as 「幅なし改行なし」), U+FEFF and a document's own kinsoku lists
(w:noLineBreaksBefore / w:noLineBreaksAfter) alike; the joiners kept lines whole only in text
of a Western language. OOXML has no run property that forbids a line break (w:noBreakHyphen
replaces a hyphen, w:noWrap holds a whole cell on one line). Word cannot be run here, and invisible
characters would also stop Word's search from finding 「4月」 or 「政策部」 in the file: the Word
files carry none. What the .docx can do, it does: the 担当課 column is as wide as its longest
name, up to ``NAME_WHOLE`` characters.

A name longer than a short line may wrap, at a sensible point only: after its kana
(子ども｜子育て支援課, まちづくり｜計画課) or before a word it ends with (選挙管理｜委員会｜事務局).
"""

from __future__ import annotations

import re
from functools import lru_cache

# A number with its separators, its unit (a per-cent sign, a Latin unit such as m, km, kWh, a unit
# symbol such as ㎡, ℃) and one unit character (1,500件, 80%, 1月, 12時, 850m, 1,234.5㎡), numbers
# joined by hyphens (a section goal's No. 12-1, a phone number), and Latin words.
UNBREAKABLE = re.compile(r"[0-9０-９]+(?:[,，.．:：\-－][0-9０-９]+)*"
                         r"(?:[%％‰℃]|[A-Za-zＡ-Ｚａ-ｚ]+[0-9²³]?|[\u3300-\u33ff])?[\u4e00-\u9fff々ヶ]?"
                         r"|[A-Za-zＡ-Ｚａ-ｚ][A-Za-zＡ-Ｚａ-ｚ0-9０-９'’\-]*")
NAME_WHOLE = 6  # characters: a name this short never wraps
JOINER = "\u2060"  # WORD JOINER: no line break on either side, no width
HELD_LANGUAGE = "ja-JP-x-nobreak"  # Japanese, privately marked: see the module's docstring
NAME_ENDINGS = ("委員会", "事務局")


def _kana(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff" and ch != "ー"


@lru_cache(maxsize=1024)
def name_words(name: str) -> tuple[str, ...]:
    """The parts of a name a line may end between: the whole name when it is short."""
    if len(name) <= NAME_WHOLE:
        return (name,)
    cuts = {i for i in range(1, len(name)) if _kana(name[i - 1]) and not _kana(name[i])}
    cuts |= {i for i in range(1, len(name)) for word in NAME_ENDINGS if name.startswith(word, i)}
    words, start = [], 0
    for cut in sorted(cuts) + [len(name)]:
        words.append(name[start:cut])
        start = cut
    return tuple(part for word in words for part in _halves(word))


def _halves(word: str) -> tuple[str, ...]:
    """An all-kanji part still too long: its last three characters (推進課, 計画課) stand apart."""
    if len(word) <= NAME_WHOLE:
        return (word,)
    return (*_halves(word[:-3]), word[-3:])


@lru_cache(maxsize=64)
def _pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """The names (longest first, so that the longer of two overlapping names wins), then the numbers."""
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True) if name)
    return re.compile(f"(?P<name>{alternatives})|{UNBREAKABLE.pattern}" if alternatives else UNBREAKABLE.pattern)


@lru_cache(maxsize=8192)
def spans(text: str, names: tuple[str, ...] = ()) -> tuple[tuple[int, int], ...]:
    """(start, end) of each piece of ``text`` a line may not end inside, in order, not overlapping.

    ``names`` are the 課 and 部 of the document; a long name gives one span per word (``name_words``).
    """
    found: list[tuple[int, int]] = []
    for match in _pattern(names).finditer(text):
        if names and match.group("name"):
            at = match.start()
            for word in name_words(match.group()):
                found.append((at, at + len(word)))
                at += len(word)
        else:
            found.append(match.span())
    return tuple(found)


def held_pieces(text: str, names: tuple[str, ...] = ()) -> list[tuple[str, bool]]:
    """``text`` cut into the pieces a .docx writes as runs of their own: (piece, held). A held piece is
    a span with a non-ASCII character (「4月」「1,500件」「政策第3課」; 「2024」 or 「No.12-1」 need no
    help), its characters joined by ``JOINER`` where one of the two is not ASCII."""
    text = text.replace(JOINER, "")
    pieces: list[tuple[str, bool]] = []
    at = 0
    for start, end in spans(text, names):
        piece = text[start:end]
        if len(piece) < 2 or piece.isascii():
            continue
        if start > at:
            pieces.append((text[at:start], False))
        pieces.append((_joined(piece), True))
        at = end
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces


def _joined(piece: str) -> str:
    out = [piece[0]]
    for before, ch in zip(piece, piece[1:]):
        if not (before.isascii() and ch.isascii()):
            out.append(JOINER)
        out.append(ch)
    return "".join(out)
