"""The directive-mapping proposal (domain.policy_mapping) for 30 × 30 directives.

Last year's 30 directives are the bundled 令和6年度 ones and nine more; this year's are the
same shuffled, a third of them reworded, five dropped and five new. The reference is the
obvious alternative: difflib's quick_ratio for every pair of texts, without any assignment.
"""

from __future__ import annotations

import difflib
import random

from hoshin_desktop.domain.models import Directive, RubyText
from hoshin_desktop.domain.policy_mapping import propose_mapping

from ..policy_variants import SEED
from .measure import Context, Figure, median, time_calls

BUDGET_MS = 100.0
SIZE = 30


def _policies() -> tuple[list[Directive], list[Directive]]:
    rng = random.Random(15)
    seed = [d.text for d in SEED.directives]
    old_texts = seed + [f"{seed[k][len(seed[k]) // 2:]}{seed[k + 1][:len(seed[k + 1]) // 2]}" for k in range(SIZE - len(seed))]
    kept = rng.sample(old_texts, SIZE - 5)
    reworded = [text[:len(text) // 3] + "より一層" + text[len(text) // 3 + 4:] if n % 3 == 0 else text
                for n, text in enumerate(kept)]
    new_texts = reworded + [f"新たな取組{n}として、{seed[n][::-1]}" for n in range(5)]
    rng.shuffle(new_texts)
    return _numbered(old_texts), _numbered(new_texts)


def _numbered(texts: list[str]) -> list[Directive]:
    return [Directive(n // 10 + 1, n % 10 + 1, RubyText(text)) for n, text in enumerate(texts)]


def run(ctx: Context) -> list[Figure]:
    old, new = _policies()
    runs = ctx.runs(30, 10)
    ours = median(time_calls(lambda _: propose_mapping(old, new), runs)) * 1000
    pairs = [(o.text, n.text) for o in old for n in new]
    theirs = median(time_calls(lambda _: [difflib.SequenceMatcher(None, a, b).quick_ratio() for a, b in pairs],
                               runs)) * 1000
    figure = Figure(f"directive mapping, {SIZE} × {SIZE}", ours, "ms", runs,
                    reference="difflib quick_ratio of every pair", reference_value=theirs,
                    budget=f"< {BUDGET_MS:g} ms", note="n-gram similarity, tf-idf weights and the assignment")
    figure.passed = figure.value < BUDGET_MS
    return [figure]
