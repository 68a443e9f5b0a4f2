"""Where a line may not end: inside a number with its unit, and inside a name (課, 部).

One rule for every renderer. The app's own layout (the PDF and the printout, ``layout``) sets each
such span as one unbreakable piece, and the goal table's column widths (``widths``) give a name room.

The writers of the city's papers (the plan, the booklet, the review sheets and the 指示事項 list;
not the comparison of versions with its tracked changes, nor the reports) make each span worth
holding a run of its own (``held_pieces``, ``ooxml.hold_spans``): its characters joined by
``JOINER`` (U+2060, no line break on either side, no width), ``BREAK`` (U+200B) before it, and its
East Asian language ``HELD_LANGUAGE``, a private-use tag of Japanese. Measured with LibreOffice 7
here (tests/export/paper_check.py counts the splits of a rendered city):
LibreOffice breaks text of the languages ja, zh and ko by its own rule, a break anywhere outside
the kinsoku list, which ignores U+2060, U+200D, U+FEFF and the document's kinsoku lists
(w:noLineBreaksBefore / After, which it does not import); text of any other language it breaks by
the Unicode rule, which honours the joiner. The language must still read as Japanese to the font
fallback: with en-US, LibreOffice draws the span's kanji in another face (a Gothic for ＭＳ 明朝),
and ja-Jpan-JP it reads as ja-JP; the private-use tag keeps the same fonts and glyphs. A joiner is
needed between every two characters but two ASCII ones: the seam of a half-width digit and a kanji
is exactly where LibreOffice split before (「10｜月」). The break before the span: once a line
overflows inside a held run, LibreOffice looks for the line's end by the Unicode rule over the whole
line, and without the zero width space it found none in 「、1,500件、10月」 and cut the span (9 such
cuts in a city of 14 departments × 30 goals). The one visible change: LibreOffice puts no autospace
between a kanji and a digit with an invisible character between them (「年4回」「令和6年」, as in
the app's PDF; 「年 4 回」 before). A span longer than its line still breaks where it must.

Word cannot be run here: w:lang is the proofing language (ECMA-376 17.3.2.20), so Word at most
skips proofing those few characters; whether Word's Japanese line breaking honours U+2060 is not
known, and Word's search for 「4月」 will likely not see through the joiner. The app's own reading of a
.docx and its text gate drop both characters (services.docx_text.run_text, domain.text.clean_text).

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
BREAK = "\u200b"  # ZERO WIDTH SPACE: a line may end here
OPENING = "「『（［｛【〔〈《“‘([{"  # brackets a line may not end with
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
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """The names, longest first: the longer of two overlapping names wins. Kept apart from ``UNBREAKABLE``,
    whose character classes cost 3 ms to compile again for each department's names."""
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True) if name)
    return re.compile(alternatives) if alternatives else None


@lru_cache(maxsize=8192)
def spans(text: str, names: tuple[str, ...] = ()) -> tuple[tuple[int, int], ...]:
    """(start, end) of each piece of ``text`` a line may not end inside, in order, not overlapping: the
    leftmost name or number, a name before a number found at the same place, then on from its end.

    ``names`` are the 課 and 部 of the document; a long name gives one span per word (``name_words``).
    """
    found: list[tuple[int, int]] = []
    named = _names_pattern(names)
    at = 0
    while True:
        name = named.search(text, at) if named else None
        number = UNBREAKABLE.search(text, at)
        if name and (number is None or name.start() <= number.start()):
            at = name.start()
            for word in name_words(name.group()):
                found.append((at, at + len(word)))
                at += len(word)
        elif number:
            found.append(number.span())
            at = number.end()
        else:
            return tuple(found)


def held_pieces(text: str, names: tuple[str, ...] = ()) -> list[tuple[str, bool]]:
    """``text`` cut into the pieces a .docx writes as runs of their own: (piece, held). A held piece is
    a span with a non-ASCII character (「4月」「1,500件」「政策第3課」; 「2024」 or 「No.12-1」 need no
    help), its characters joined by ``JOINER`` where one of the two is not ASCII, and a line may end
    just before it (``BREAK``, before the brackets that open it). A ``BREAK`` already in ``text`` stays:
    it belongs to the held run after it (the booklet holds its plans' runs a second time)."""
    text = text.replace(JOINER, "")
    pieces: list[tuple[str, bool]] = []
    at = 0
    for start, end in spans(text, names):
        piece = text[start:end]
        if not _worth_holding(piece):
            continue
        opened = start
        while opened > at and text[opened - 1] in OPENING:
            opened -= 1
        before = text[at:opened] + (BREAK if opened else "") + text[opened:start]
        if before:
            pieces.append((before, False))
        pieces.append((_joined(piece), True))
        at = end
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces


def holds(text: str, names: tuple[str, ...] = ()) -> bool:
    """Whether ``held_pieces`` would hold a piece of ``text``: most runs of a paper hold none."""
    text = text.replace(JOINER, "")
    return any(_worth_holding(text[start:end]) for start, end in spans(text, names))


def _worth_holding(piece: str) -> bool:
    return len(piece) > 1 and not piece.isascii()


def unheld(text: str) -> str:
    """``text`` without the invisible characters ``held_pieces`` puts in: what a reader sees."""
    return text.replace(JOINER, "").replace(BREAK, "")


def _joined(piece: str) -> str:
    out = [piece[0]]
    for before, ch in zip(piece, piece[1:]):
        if not (before.isascii() and ch.isascii()):
            out.append(JOINER)
        out.append(ch)
    return "".join(out)
