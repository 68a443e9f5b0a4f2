"""Text rules: what may enter the app, how it is counted and how it is searched."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Longest text one field accepts. A whole basic policy is about 5,000 characters; this
# is twenty times the longest field seen, and keeps the app responsive on a huge paste.
MAX_FIELD_CHARS = 100_000

# Characters Word's XML cannot hold, or that only arrive by accident (Excel's \x0b,
# NUL, other C0/C1 controls, lone surrogates, the non-characters U+FFFE/U+FFFF), and the
# invisible characters a copy from the app's own Word files carries in and before 「4月」 and
# 「政策部」 (export.nobreak: U+2060 word joiner, U+200B zero width space; a stray BOM U+FEFF).
_UNWANTED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u200b\u2060\ufeff]"
)


class TextTooLong(ValueError):
    def __init__(self, length: int, limit: int = MAX_FIELD_CHARS):
        super().__init__(
            f"文字数が多すぎます（{length:,}文字）。1つの欄には{limit:,}文字まで入力できます。"
        )
        self.length = length


def clean_text(text: str, *, limit: int | None = MAX_FIELD_CHARS) -> str:
    """The one gate for text entering the app: unify line ends, drop unwanted characters.

    Printable characters, including CJK compatibility ideographs, stay exactly as typed
    (no Unicode normalisation: a name written with 﨑 must stay 﨑).
    """
    if not isinstance(text, str):
        raise TypeError(f"文字列が必要です（{type(text).__name__} が渡されました）")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\x0b", "\n").replace("\x0c", "\n")  # Excel cell line breaks
    text = _UNWANTED.sub("", text)
    if limit is not None and len(text) > limit:
        raise TextTooLong(len(text), limit)
    return text


# What clean_text changes beyond Windows' own CR LF, in the words of an import's report.
_ODD_BREAKS = re.compile("\r(?!\n)|[\x0b\x0c\u2028]")
_NONCHARACTERS = re.compile("[\ufffe\uffff]")


def cleaning_notes(text: str) -> list[str]:
    """What ``clean_text`` changes in ``text`` (before it does): 「制御文字 2文字を削除」 and the like;
    empty when it changes nothing but CR LF line ends."""
    notes = []
    breaks = len(_ODD_BREAKS.findall(text))
    if breaks:
        notes.append(f"改行以外の区切り（CR・垂直タブ・改ページなど）{breaks}か所を改行に")
    removed = _UNWANTED.findall(text)
    nonchars = len(_NONCHARACTERS.findall("".join(removed)))
    controls = len(removed) - nonchars - sum(1 for ch in removed if ch in "\x0b\x0c")
    if controls:
        notes.append(f"制御文字など{controls}文字を削除")
    if nonchars:
        notes.append(f"文字でない符号（U+FFFE・U+FFFF）{nonchars}文字を削除")
    return notes


def readable_name(name: str) -> str:
    """A file name (or path) as the system gave it, safe to show and to store.

    A name that is not valid UTF-8 (written in Shift_JIS on an old share or a USB stick) reaches
    Python with its bytes escaped as lone surrogates, which no file, console or database takes:
    the bytes are read as Shift_JIS where they can be, else shown as U+FFFD.
    """
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        pass
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate of a Windows name: no bytes to read again
        return name.encode("utf-8", "replace").decode("utf-8")
    try:
        shift_jis = raw.decode("cp932")
    except UnicodeDecodeError:
        shift_jis = ""
    if shift_jis and not any("\ue000" <= ch <= "\uf8ff" for ch in shift_jis):  # bytes no Shift_JIS text has
        return shift_jis
    return raw.decode("utf-8", "replace")


def first_line(text: str) -> str:
    """The first line that is not blank, stripped: what a one-line list shows of a goal's title."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def name_key(name: str) -> str:
    """What names of 部 and 課 are compared by: ｾｲｻｸ課 and セイサク課, ＩＴ推進課 and IT推進課 are one 課."""
    return unicodedata.normalize("NFKC", name).strip()


def normalize_for_search(text: str) -> str:
    """Fold full-/half-width variants and case so that ＡＢＣ, abc and ABC match."""
    return unicodedata.normalize("NFKC", text).casefold()


def zenkaku_length(text: str) -> float:
    """Length as Japanese offices count it: full-width 1, half-width 0.5, line breaks 0."""
    return sum(map(_zenkaku_units, text))


@cache  # the export measures every character of a plan several times
def _zenkaku_units(ch: str) -> float:
    if ch == "\n":
        return 0.0
    return 1.0 if unicodedata.east_asian_width(ch) in "FWA" else 0.5


def format_zenkaku_length(text: str) -> str:
    n = zenkaku_length(text)
    return f"{n:g}文字" if n != int(n) else f"{int(n)}文字"
