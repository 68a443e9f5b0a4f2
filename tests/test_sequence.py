"""Reordering with few writes: the goals that stay put (domain/sequence.py), the positions the
storage writes (repository.new_positions) and the rows the goal list moves (ui/goal_rows.row_edits)."""

from __future__ import annotations

import random

import pytest

from hoshin_desktop.domain.sequence import longest_rising
from hoshin_desktop.storage.repository import GOAL_GAP, new_positions


def _longest_by_trying_all(keys: list[int]) -> int:
    best = [1] * len(keys)
    for i in range(len(keys)):
        for j in range(i):
            if keys[j] < keys[i]:
                best[i] = max(best[i], best[j] + 1)
    return max(best, default=0)


def _reordered(rng: random.Random, n: int) -> list[int]:
    """0..n-1 shuffled, or with one item moved, or two neighbours swapped (what users do)."""
    keys = list(range(n))
    kind = rng.choice(["shuffle", "move", "swap", "none"])
    if kind == "shuffle":
        rng.shuffle(keys)
    elif kind == "move" and n > 1:
        keys.insert(rng.randrange(n), keys.pop(rng.randrange(n)))
    elif kind == "swap" and n > 1:
        i = rng.randrange(n - 1)
        keys[i], keys[i + 1] = keys[i + 1], keys[i]
    return keys


@pytest.mark.parametrize("seed", range(6))
def test_longest_rising_finds_a_longest_rising_run(seed):
    rng = random.Random(seed)
    for _ in range(300):
        keys = _reordered(rng, rng.randint(0, 11))
        kept = longest_rising(keys)
        assert kept == sorted(set(kept))
        assert all(keys[a] < keys[b] for a, b in zip(kept, kept[1:]))
        assert len(kept) == _longest_by_trying_all(keys), keys


def _order_after(order: list[int], now: dict[int, int]) -> list[int]:
    """The order the storage reads: ORDER BY position, id, with ``new_positions`` written."""
    written = {**now, **new_positions(order, now)}
    return sorted(order, key=lambda goal: (written[goal], goal))


@pytest.mark.parametrize("seed", range(6))
def test_new_positions_give_the_order_asked_for(seed):
    rng = random.Random(seed)
    for _ in range(200):
        n = rng.randint(0, 30)
        ids = rng.sample(range(1, 1000), n)
        spacing = rng.choice([1, GOAL_GAP, 3])
        now = {goal: position * spacing for position, goal in enumerate(sorted(ids))}
        order = [sorted(ids)[i] for i in _reordered(rng, n)]
        assert _order_after(order, now) == order


def test_adding_a_goal_between_two_others_writes_only_its_own_row():
    now = {goal: n * GOAL_GAP for n, goal in enumerate(range(1, 3001))}
    now[3001] = 1500  # a new goal, stored for the moment at its index
    order = [*range(1, 1501), 3001, *range(1501, 3001)]
    written = new_positions(order, now)
    assert list(written) == [3001]
    assert _order_after(order, now) == order


def test_without_room_every_goal_is_numbered_again_with_room_between():
    now = {1: 0, 2: 1, 3: 2, 4: 1}  # consecutive positions, as plans were stored before; 4 is new
    order = [1, 4, 2, 3]
    written = new_positions(order, now)
    assert _order_after(order, now) == order
    assert sorted({**now, **written}.values()) == [0, GOAL_GAP, 2 * GOAL_GAP, 3 * GOAL_GAP]
