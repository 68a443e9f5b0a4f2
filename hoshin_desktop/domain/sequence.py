"""Comparing two orders of the same things: what may stay where it is when one becomes the other."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Any


def longest_rising(keys: Sequence[Any]) -> list[int]:
    """The indices of a longest subsequence of ``keys`` whose keys strictly rise, in order.

    Of a list put in a new order, with ``keys`` each item's new place, these are the items that
    can stay put while the others move (O(n log n): a plan may have 10,000 goals)."""
    one_off = _all_but_one(keys)
    if one_off is not None:
        return one_off
    tails: list[Any] = []  # tails[k]: the least key that ends a rising run of k + 1
    ends: list[int] = []  # the index of that run's last item
    before = [-1] * len(keys)  # the item before each one in its run
    for i, key in enumerate(keys):
        k = bisect_left(tails, key)
        if k == len(tails):
            tails.append(key)
            ends.append(i)
        else:
            tails[k], ends[k] = key, i
        before[i] = ends[k - 1] if k else -1
    run, i = [], ends[-1] if ends else -1
    while i >= 0:
        run.append(i)
        i = before[i]
    return run[::-1]


def _all_but_one(keys: Sequence[Any]) -> list[int] | None:
    """The indices of all keys (already rising) or of all but one (one item put elsewhere: the
    common case, found in linear time); None otherwise."""
    n = len(keys)
    first = next((i for i in range(1, n) if not keys[i - 1] < keys[i]), n)  # where the rise first breaks
    if first == n:
        return list(range(n))
    for left in (first - 1, first):  # the item out of place is before the break or after it
        rest = [*range(left), *range(left + 1, n)]
        if all(keys[a] < keys[b] for a, b in zip(rest, rest[1:])):
            return rest
    return None
