"""related_events through a name index gives what comparing every pair of events gives."""

from __future__ import annotations

import math
import random
from collections import Counter

import pytest

from digest import summary
from digest.model import Event


def naive_related_events(events):
    spread = Counter(n for e in events for n in set(e.names))
    weight = {name: math.log(len(events) / count) for name, count in spread.items()}
    related = {}
    for event in events:
        scored = []
        for other in events:
            if other.id == event.id:
                continue
            common = set(event.names) & set(other.names)
            shared = sorted((n for n in common if weight[n] > 0), key=lambda n: (-weight[n], n))
            score = 0.0  # added up in order, rarest first (Python 3.12's `sum` compensates)
            for name in shared:
                score += weight[name]
            if score > 0:
                scored.append((-score, other.id, summary.Related(other, tuple(shared))))
        related[event.id] = tuple(r for *_, r in sorted(scored)[: summary.RELATED_LIMIT])
    return related


@pytest.mark.parametrize("seed", range(15))
def test_related_events_match_the_all_pairs_version(seed: int) -> None:
    rng = random.Random(seed)
    names = [f"Name {k}" for k in range(rng.randint(1, 25))]
    events = [
        Event(
            id=f"e{i:03d}",
            title=f"Event {i}",
            article_ids=(f"a{i}",),
            names=tuple(rng.sample(names, rng.randint(0, min(5, len(names))))),
        )
        for i in range(rng.randint(1, 40))
    ]
    rng.shuffle(events)
    assert summary.related_events(events) == naive_related_events(events)


@pytest.mark.parametrize("seed", range(3))
def test_related_events_match_with_many_ties_and_common_names(seed: int) -> None:
    """Hundreds of events, some names in most of them: many equal scores at the limit."""
    rng = random.Random(seed)
    common = [f"Outlet {k}" for k in range(4)]
    rare = [f"Person {k}" for k in range(60)]
    events = [
        Event(
            id=f"e{i:04d}",
            title=f"Event {i}",
            article_ids=(f"a{i}",),
            names=tuple(
                rng.sample(common, rng.randint(0, 4)) + rng.sample(rare, rng.randint(0, 3))
            ),
        )
        for i in range(300)
    ]
    rng.shuffle(events)
    assert summary.related_events(events) == naive_related_events(events)
