"""What changed between two versions of a Japanese text, as runs of kept, deleted and inserted text.

Japanese has no spaces, so the diff works on characters; a character diff alone, though,
shreds a rewording into confetti (「推進」→「促進」 keeps 「進」, and two rewritten clauses
keep their shared 「の」 and 「を」). So a change is widened to whole words where the script
shows them (a run of kanji, of katakana, of Latin letters and digits), and kept text
shorter than a phrase between two changes is folded into the change: a reader sees
「推進」 struck and 「促進」 inserted, as a person would mark it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

EQUAL = "equal"
DELETE = "delete"
INSERT = "insert"

# Kept text this short between two changes reads as part of the change.
MIN_KEPT = 3


@dataclass(frozen=True)
class Run:
    op: str  # EQUAL, DELETE or INSERT
    text: str


def diff_runs(old: str, new: str) -> list[Run]:
    """``old`` → ``new`` as runs; the EQUAL and DELETE runs spell ``old``, EQUAL and INSERT ``new``.

    Where both a deletion and an insertion replace the same place, the deletion comes first.
    """
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    kept = [(a, b, size) for a, b, size in matcher.get_matching_blocks() if size]
    kept = _phrase_blocks(kept, len(old), len(new))
    pieces: list[list[str]] = []  # [kept] or [deleted, inserted], alternating
    at_old = at_new = 0
    for a, b, size in kept + [(len(old), len(new), 0)]:
        if a > at_old or b > at_new:
            pieces.append([old[at_old:a], new[at_new:b]])
        if size:
            pieces.append([old[a:a + size]])
        at_old, at_new = a + size, b + size
    _widen_to_words(pieces)
    runs: list[Run] = []
    deleted = inserted = ""  # a change goes on until kept text ends it
    for piece in pieces:
        if len(piece) == 2:
            deleted, inserted = deleted + piece[0], inserted + piece[1]
        elif piece[0]:
            _append(runs, DELETE, deleted)
            _append(runs, INSERT, inserted)
            deleted = inserted = ""
            _append(runs, EQUAL, piece[0])
    _append(runs, DELETE, deleted)
    _append(runs, INSERT, inserted)
    return runs


def script(ch: str) -> str | None:
    """The kind of run a word is written in, or None where words do not continue (kana, punctuation)."""
    if ch == "々" or "CJK UNIFIED" in unicodedata.name(ch, "") or "CJK COMPATIBILITY IDEOGRAPH" in unicodedata.name(ch, ""):
        return "kanji"
    if ch == "ー" or "KATAKANA" in unicodedata.name(ch, ""):
        return "katakana"
    if unicodedata.normalize("NFKC", ch).isascii() and unicodedata.normalize("NFKC", ch).isalnum():
        return "latin"
    return None


def _widen_to_words(pieces: list[list[str]]) -> None:
    """Move the part of a word that a replacement cuts through from the kept text into the change."""
    for k, piece in enumerate(pieces):
        if len(piece) != 2:
            continue
        deleted, inserted = piece
        if not deleted or not inserted:
            continue  # a pure insertion or deletion falls between words already
        if k > 0 and len(pieces[k - 1]) == 1:
            kept = pieces[k - 1][0]
            kinds = {script(t[0]) for t in (deleted, inserted) if t} - {None}
            cut = len(kept)
            while cut > 0 and script(kept[cut - 1]) in kinds:
                cut -= 1
            if cut < len(kept):
                head = kept[cut:]
                pieces[k - 1][0] = kept[:cut]
                deleted, inserted = head + deleted, head + inserted
        if k + 1 < len(pieces) and len(pieces[k + 1]) == 1:
            kept = pieces[k + 1][0]
            kinds = {script(t[-1]) for t in (deleted, inserted) if t} - {None}
            cut = 0
            while cut < len(kept) and script(kept[cut]) in kinds:
                cut += 1
            if cut:
                tail = kept[:cut]
                pieces[k + 1][0] = kept[cut:]
                deleted, inserted = deleted + tail, inserted + tail
        piece[:] = [deleted, inserted]


def _phrase_blocks(blocks: list[tuple[int, int, int]], old_end: int, new_end: int) -> list[tuple[int, int, int]]:
    """Drop kept blocks shorter than a phrase that sit between changes (not at either end of the text)."""
    result: list[tuple[int, int, int]] = []
    for a, b, size in blocks:
        at_start = a == 0 and b == 0
        at_end = a + size == old_end and b + size == new_end
        touches_kept = result and result[-1][0] + result[-1][2] == a and result[-1][1] + result[-1][2] == b
        if size >= MIN_KEPT or at_start or at_end or touches_kept:
            result.append((a, b, size))
    return result


def _append(runs: list[Run], op: str, text: str) -> None:
    if not text:
        return
    if runs and runs[-1].op == op:
        runs[-1] = Run(op, runs[-1].text + text)
    else:
        runs.append(Run(op, text))


def old_text(runs: list[Run]) -> str:
    return "".join(r.text for r in runs if r.op != INSERT)


def new_text(runs: list[Run]) -> str:
    return "".join(r.text for r in runs if r.op != DELETE)


def changed(runs: list[Run]) -> bool:
    return any(r.op != EQUAL for r in runs)
