"""`timeline._merge_background` through its word index gives what comparing each entry with
every earlier one gives (the code it replaced, kept here)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

import pytest

from digest import timeline
from digest.model import DateSource, DateValue, Granularity, Source, StoryEntry

WORDS = [
    "gempa",
    "bumi",
    "jakarta",
    "banjir",
    "menteri",
    "visit",
    "summit",
    "treaty",
    "talks",
    "harbour",
    "rain",
    "fire",
]


def pairwise_merge(group: list[StoryEntry]) -> list[StoryEntry]:
    clusters: list[list[StoryEntry]] = []
    words_of: list[list[frozenset[str]]] = []
    for item in sorted(group, key=lambda s: (timeline.trust(s.date), s.events, s.text)):
        words = timeline._words(item.text)
        for cluster, known in zip(clusters, words_of, strict=True):
            if any(len(words & other) >= timeline.MIN_SHARED_WORDS for other in known):
                cluster.append(item)
                known.append(words)
                break
        else:
            clusters.append([item])
            words_of.append([words])
    result = []
    for cluster in clusters:
        event_ids = tuple(dict.fromkeys(e for s in cluster for e in s.events))
        sources = tuple(dict.fromkeys(src for s in cluster for src in s.sources))
        result.append(replace(cluster[0], events=event_ids, sources=sources))
    return result


@pytest.mark.parametrize("seed", range(40))
def test_word_index_merge_equals_pairwise_merge(seed: int) -> None:
    rng = random.Random(seed)
    sources = [DateSource.EXPLICIT, DateSource.ESTIMATED, DateSource.INFERRED]
    group = [
        StoryEntry(
            DateValue(date(2024, 5, 1), Granularity.MONTH, rng.choice(sources)),
            " ".join(rng.sample(WORDS, rng.randint(0, 5))) + f" {n}.",
            (Source(f"a{rng.randint(0, 9)}", "s", rng.randint(0, 3)),),
            True,
            (f"e{rng.randint(0, 12)}",),
        )
        for n in range(rng.randint(0, 40))
    ]
    assert timeline._merge_background(group) == pairwise_merge(group)
