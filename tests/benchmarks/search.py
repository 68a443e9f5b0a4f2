"""Search across 10 years of basic policies and plans (services.search.SearchIndex).

The figure is the median time of the slowest of a few typical queries (short words with
thousands of hits, two words, full-width letters, a word found nowhere). The reference is
a plain Python substring scan of the same texts for the same words. The index is read
from the database once, at the first search of a session; that time is in the note.
"""

from __future__ import annotations

import time

from hoshin_desktop.domain.models import GOAL_TEXT_FIELDS
from hoshin_desktop.services.search import SearchIndex
from hoshin_desktop.services.session import Session

from .measure import Context, Figure, median, time_calls

BUDGET_MS = 20.0
QUERIES = ("防災", "オンライン 申請", "ＤＸ", "人材育成", "個人情報の適正管理", "該当しない語句")


def run(ctx: Context) -> list[Figure]:
    session = Session.open(ctx.city)
    try:
        index = SearchIndex(session)
        start = time.perf_counter()
        index.ensure_built()
        build_ms = (time.perf_counter() - start) * 1000
        texts = _texts(session)
    finally:
        session.close()
    runs = ctx.runs(30, 10)
    ours, theirs = {}, {}
    for query in QUERIES:
        words = query.split()
        ours[query] = median(time_calls(lambda _, query=query: index.search(query), runs)) * 1000
        theirs[query] = median(time_calls(lambda _, words=words: [t for t in texts if all(w in t for w in words)], runs)) * 1000
    slowest = max(QUERIES, key=ours.get)
    figure = Figure("search, 10 years (slowest query)", ours[slowest], "ms", runs,
                    reference="plain substring scan", reference_value=theirs[slowest],
                    budget=f"< {BUDGET_MS:g} ms",
                    note=f"slowest 「{slowest}」 of {len(QUERIES)} queries over {len(texts):,} texts; "
                         f"index built once in {build_ms:.0f} ms")
    figure.passed = figure.value < BUDGET_MS
    return [figure]


def _texts(session: Session) -> list[str]:
    """Every text the index covers, as stored."""
    texts = []
    for year in session.fiscal_years():
        for section in session.policy(year).sections:
            texts += [section.title, section.body.text] + [d.text for d in section.directives]
    for year, department, _ in session.plan_keys():
        plan = session.load_plan(year, department)
        texts += [answer.text for answer in plan.answers]
        for goal in plan.goals:
            texts += [getattr(goal, name) for name in GOAL_TEXT_FIELDS] + ["、".join(goal.owner_sections)]
    return [t for t in texts if t]
