"""Where a line may not end: inside a number with its unit, and inside a name (課, 部).

One rule for every renderer. The PDF and the printout (``layout``) set each such span as one
unbreakable piece; the .docx marks it for Word and LibreOffice with a no-width non-break
character between its letters (``glue``), since OOXML has no run property that forbids a line
break (w:noBreakHyphen only replaces a hyphen, w:noWrap holds a whole cell on one line).

Which character: U+200D is what Word itself inserts as 「幅なし改行なし」 (No-Width Non Break,
Insert ▸ Symbol ▸ Special Characters), meant for keeping East Asian words together; Unicode's
line-breaking rules (UAX #14, rules LB8a and LB9) forbid a break before and after it, and
LibreOffice follows them: measured on LibreOffice 7 here (a narrow cell of 「年12回」「政策経営課」
splits without it and never with it; tests/export/test_paper_reading.py counts the splits of a
rendered city). U+2060 (word joiner) keeps LibreOffice's lines whole as well, but Word documents
no handling of it and a font without the glyph shows a box there, so it is not used. Word cannot be
run here: its side rests on its documented character.

A name longer than a short line may still wrap, at a sensible point only: after its kana
(子ども｜子育て支援課, まちづくり｜計画課) or before a word it ends with (選挙管理｜委員会｜事務局).
"""

from __future__ import annotations

import re
from functools import lru_cache

GLUE = "\u2060"

# A number with its separators, its unit (a per-cent sign, a Latin unit such as m, km, kWh, a unit
# symbol such as ㎡, ℃) and one unit character (1,500件, 80%, 1月, 12時, 850m, 1,234.5㎡), numbers
# joined by hyphens (a section goal's No. 12-1, a phone number), and Latin words.
UNBREAKABLE = re.compile(r"[0-9０-９]+(?:[,，.．:：\-－][0-9０-９]+)*"
                         r"(?:[%％‰℃]|[A-Za-zＡ-Ｚａ-ｚ]+[0-9²³]?|[\u3300-\u33ff])?[\u4e00-\u9fff々ヶ]?"
                         r"|[A-Za-zＡ-Ｚａ-ｚ][A-Za-zＡ-Ｚａ-ｚ0-9０-９'’\-]*")
GLUED_MAX = 10  # characters: a longer piece (a pasted URL) may break where a line must
NAME_WHOLE = 6  # characters: a name this short never wraps
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


@lru_cache(maxsize=8192)
def spans(text: str, names: tuple[str, ...] = ()) -> tuple[tuple[int, int], ...]:
    """(start, end) of each piece of ``text`` a line may not end inside, in order, not overlapping.

    ``names`` are the 課 and 部 of the document, longest first.
    """
    found: list[tuple[int, int]] = []
    taken = [False] * len(text)
    for name in names:
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if not any(taken[start:end]):
                at = start
                for word in name_words(name):
                    found.append((at, at + len(word)))
                    at += len(word)
                taken[start:end] = [True] * len(name)
            start = text.find(name, end)
    for match in UNBREAKABLE.finditer(text):
        if not any(taken[match.start():match.end()]):
            found.append(match.span())
    return tuple(sorted(found))


def glue(text: str, names: tuple[str, ...] = ()) -> str:
    """``text`` with a no-width non-break between the letters of each short unbreakable piece (the .docx)."""
    text = text.replace(GLUE, "")
    out, pos = [], 0
    for start, end in spans(text, names):
        if end - start < 2 or end - start > GLUED_MAX or not _worth_gluing(text[start:end]):
            continue
        out.append(text[pos:start])
        out.append(GLUE.join(text[start:end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _worth_gluing(piece: str) -> bool:
    """Word and LibreOffice keep a Latin word whole by themselves; a number or a kanji name they split."""
    return not piece.isascii() or any(ch.isdigit() for ch in piece)
