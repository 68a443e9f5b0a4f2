"""Which of last year's directives each of this year's continues: the proposal the user reviews.

Japanese has no spaces between words, so texts are compared as bags of character 2- and
3-grams after NFKC folding (full-/half-width, "，" and "、" alike), weighted by how rare each
n-gram is across both years' directives: stock phrases such as 「すること」 or 「職員一人一人」
count little, the words that carry a directive's topic count much. The similarity is the
cosine of those weighted bags, 0..1.

Pairs are then chosen one-to-one by an optimal assignment (Hungarian method) that
maximises the total similarity above a threshold, so no new directive ever continues two
old ones: a merger is something only the user can say. Ties lean towards the same number
and the same section, which is where a directive usually stays.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from .codes import code_sort_key

SAME = "same"
REWORDED = "reworded"
MOVED = "moved"
DROPPED = "dropped"
NEW = "new"

KIND_LABELS = {SAME: "同文", REWORDED: "修正", MOVED: "移動", DROPPED: "廃止", NEW: "新規"}

# Below this similarity two directives are different directives. Unrelated directives score
# up to about 0.13 (shared officialese); a rewording that keeps half of the phrases scores
# about 0.3 to 0.4, one that keeps 40% about 0.2 to 0.3. See tests/test_policy_mapping.py.
THRESHOLD = 0.2
# Only breaks near-ties: far smaller than the gap between a rewording and an unrelated item.
_SAME_CODE_BONUS = 0.04
_SAME_SECTION_BONUS = 0.02

_NOT_TEXT = re.compile(r"[\W_]+")


class HasCodeAndText(Protocol):  # read only: a Directive's code and text are properties
    @property
    def code(self) -> str: ...

    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class MappingLine:
    """One line of a mapping: ``old`` continued by ``new``; ``old`` None = 新規, ``new`` None = 廃止.

    ``score`` is the similarity of the two texts; on a 廃止 or 新規 line, the best similarity
    to any directive of the other year (the lower, the surer).
    """

    old: str | None
    new: str | None
    kind: str
    score: float
    reworded: bool = False  # a 移動 whose text changed too (the kind says 移動; the label says both)

    @property
    def label(self) -> str:
        """「同文」「修正」「移動」「移動・修正」「廃止」「新規」."""
        return KIND_LABELS[self.kind] + ("・" + KIND_LABELS[REWORDED] if self.reworded else "")

    def as_json(self) -> dict:
        return {"from": self.old, "to": self.new, "kind": self.kind, "score": round(self.score, 3)}


def normalize(text: str) -> str:
    """The text as compared: NFKC-folded, case-folded, without spaces, punctuation or line breaks."""
    return _NOT_TEXT.sub("", unicodedata.normalize("NFKC", text).casefold())


def same_text(a: str, b: str) -> bool:
    """同文: equal but for spacing, line breaks and full-/half-width forms (a changed word or
    punctuation mark is a change)."""
    return _unspaced(a) == _unspaced(b)


def _unspaced(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _ngrams(text: str) -> Counter:
    grams = Counter(text[i:i + 2] for i in range(len(text) - 1))
    grams.update(text[i:i + 3] for i in range(len(text) - 2))
    if not grams and text:
        grams[text] = 1
    return grams


def _weighted(bags: list[Counter]) -> list[dict[str, float]]:
    """Unit vectors of tf-idf weights; idf over every directive of both years."""
    df = Counter(gram for bag in bags for gram in bag)
    n = len(bags)
    vectors = []
    for bag in bags:
        vector = {g: (1 + math.log(c)) * math.log((n + 1) / df[g]) for g, c in bag.items()}
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        vectors.append({g: w / norm for g, w in vector.items() if w})
    return vectors


def similarity_matrix(old_texts: Sequence[str], new_texts: Sequence[str]) -> list[list[float]]:
    """Cosine similarity of every old text (rows) to every new text (columns), 0..1."""
    normal_old = [normalize(t) for t in old_texts]
    normal_new = [normalize(t) for t in new_texts]
    vectors = _weighted([_ngrams(t) for t in normal_old + normal_new])
    old_vectors, new_vectors = vectors[:len(old_texts)], vectors[len(old_texts):]
    postings: dict[str, list[tuple[int, float]]] = {}
    for j, vector in enumerate(new_vectors):
        for gram, weight in vector.items():
            postings.setdefault(gram, []).append((j, weight))
    matrix = []
    for i, vector in enumerate(old_vectors):
        row = [0.0] * len(new_texts)
        for gram, weight in vector.items():
            for j, other in postings.get(gram, ()):
                row[j] += weight * other
        for j in range(len(row)):
            row[j] = 1.0 if normal_old[i] == normal_new[j] else min(1.0, row[j])
        matrix.append(row)
    return matrix


def assign(gain: list[list[float]]) -> list[int | None]:
    """For each row the column it is assigned to (or None), maximising the total gain.

    Hungarian method with potentials, O(n²m); zero-gain pairs count as unassigned.
    """
    rows = len(gain)
    cols = len(gain[0]) if rows else 0
    if not rows or not cols:
        return [None] * rows
    transpose = rows > cols
    if transpose:
        gain = [list(column) for column in zip(*gain)]
        rows, cols = cols, rows
    cost = [[-g for g in row] for row in gain]
    u = [0.0] * (rows + 1)
    v = [0.0] * (cols + 1)
    owner = [0] * (cols + 1)  # owner[j]: the row (1-based) holding column j
    way = [0] * (cols + 1)
    for i in range(1, rows + 1):
        owner[0] = i
        j0 = 0
        least = [math.inf] * (cols + 1)
        used = [False] * (cols + 1)
        while True:
            used[j0] = True
            i0 = owner[j0]
            delta, j1 = math.inf, 0
            cost_row = cost[i0 - 1]
            for j in range(1, cols + 1):
                if not used[j]:
                    current = cost_row[j - 1] - u[i0] - v[j]
                    if current < least[j]:
                        least[j], way[j] = current, j0
                    if least[j] < delta:
                        delta, j1 = least[j], j
            for j in range(cols + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    result: list[int | None] = [None] * rows
    for j in range(1, cols + 1):
        if owner[j] and gain[owner[j] - 1][j - 1] > 0:
            result[owner[j] - 1] = j - 1
    if not transpose:
        return result
    back: list[int | None] = [None] * cols
    for column, row in enumerate(result):
        if row is not None:
            back[row] = column
    return back


def _prior(old_code: str, new_code: str) -> float:
    if old_code == new_code:
        return _SAME_CODE_BONUS
    if code_sort_key(old_code)[0] == code_sort_key(new_code)[0]:
        return _SAME_SECTION_BONUS
    return 0.0


def kind_of(old: HasCodeAndText, new: HasCodeAndText) -> str:
    if old.code != new.code:
        return MOVED
    return SAME if same_text(old.text, new.text) else REWORDED


def propose_mapping(old: Sequence[HasCodeAndText], new: Sequence[HasCodeAndText]) -> list[MappingLine]:
    """Last year's directives ``old`` against this year's ``new``: one line per old directive
    (its continuation or 廃止) and one per new directive that continues none (新規)."""
    scores = similarity_matrix([d.text for d in old], [d.text for d in new])
    gain = [
        [max(0.0, s + _prior(o.code, n.code) - THRESHOLD) if s >= THRESHOLD else 0.0 for s, n in zip(row, new)]
        for row, o in zip(scores, old)
    ]
    pairs = [(old[i].code, new[j].code) for i, j in enumerate(assign(gain)) if j is not None]
    return _lines(old, new, pairs, scores)


def mapping_lines(old: Sequence[HasCodeAndText], new: Sequence[HasCodeAndText],
                  pairs: Sequence[tuple[str, str]]) -> list[MappingLine]:
    """The lines of a mapping the user confirmed as (old code, new code) pairs.

    Two pairs may share a new code (directives merged into one); an old directive in no pair
    is 廃止, a new one 新規. Pairs naming a code that is not in ``old`` or ``new`` are ignored.
    """
    scores = similarity_matrix([d.text for d in old], [d.text for d in new])
    return _lines(old, new, pairs, scores)


def _lines(old, new, pairs, scores) -> list[MappingLine]:
    """Lines in last year's order, each 新規 line right after the line of the directive it follows this year."""
    old_at = {d.code: i for i, d in enumerate(old)}
    new_at = {d.code: j for j, d in enumerate(new)}
    continued_by: dict[int, list[int]] = {}
    for old_code, new_code in pairs:
        if old_code in old_at and new_code in new_at:
            continued_by.setdefault(old_at[old_code], []).append(new_at[new_code])
    lines: list[tuple[MappingLine, int | None]] = []
    for i, directive in enumerate(old):
        targets = sorted(set(continued_by.get(i, [])))
        if not targets:
            lines.append((MappingLine(directive.code, None, DROPPED, max(scores[i], default=0.0)), None))
        for j in targets:
            kind = kind_of(directive, new[j])
            reworded = kind == MOVED and not same_text(directive.text, new[j].text)
            lines.append((MappingLine(directive.code, new[j].code, kind, scores[i][j], reworded), j))
    continued = {j for targets in continued_by.values() for j in targets}
    for j, directive in enumerate(new):
        if j in continued:
            continue
        line = MappingLine(None, directive.code, NEW, max((row[j] for row in scores), default=0.0))
        at = max((k + 1 for k, (_, to) in enumerate(lines) if to is not None and to < j), default=0)
        lines.insert(at, (line, j))
    return [line for line, _ in lines]


@dataclass(frozen=True)
class Correction:
    """An old directive the user sent elsewhere than proposed: ``proposed`` and ``chosen`` are the
    codes continuing it (empty = 廃止)."""

    old: str
    proposed: tuple[str, ...]
    chosen: tuple[str, ...]


def corrections(proposed: Sequence[MappingLine], chosen: Sequence[MappingLine]) -> list[Correction]:
    """The old directives whose continuation differs between two mappings, in ``chosen``'s order."""
    before, after = _continuations(proposed), _continuations(chosen)
    return [Correction(old, before.get(old, ()), targets) for old, targets in after.items()
            if before.get(old, ()) != targets]


def _continuations(lines: Sequence[MappingLine]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for line in lines:
        if line.old is not None:
            found.setdefault(line.old, []).extend([line.new] if line.new else [])
    return {old: tuple(sorted(news, key=code_sort_key)) for old, news in found.items()}


def counts(lines: Sequence[MappingLine]) -> dict[str, int]:
    """How many lines of each kind, and ``merged``: this year's directives continuing two or more."""
    tally = Counter(line.kind for line in lines)
    continuing = Counter(line.new for line in lines if line.old and line.new)
    return {**{kind: tally.get(kind, 0) for kind in KIND_LABELS}, "merged": sum(1 for n in continuing.values() if n > 1)}
