"""Pairs scored in bulk (digest/pairwise.py) have the bits of the per-pair code."""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date, timedelta

import numpy as np
import pytest

from digest import cluster, pairwise
from digest.config import ClusterParams
from digest.features import Features, Vectors, shared_names
from digest.model import DateSource, DateValue, Granularity


def plain_posting_pairs(
    members: Sequence[int], days: Sequence[int | None], max_gap_days: int | None
) -> Iterator[tuple[int, int]]:
    """The first implementation: every pair of one posting list, minus dated pairs too far."""
    for x, i in enumerate(members):
        for j in members[x + 1 :]:
            di, dj = days[i], days[j]
            if max_gap_days is None or di is None or dj is None or abs(di - dj) <= max_gap_days:
                yield (min(i, j), max(i, j))


def plain_candidates(keys, max_posting, days, max_gap_days) -> list[tuple[int, int]]:
    postings: dict[str, list[int]] = defaultdict(list)
    for index, own in enumerate(keys):
        for key in own:
            postings[key].append(index)
    pairs: set[tuple[int, int]] = set()
    for members in postings.values():
        if 1 < len(members) <= max_posting:
            pairs.update(plain_posting_pairs(members, days, max_gap_days))
    return sorted(pairs)


@pytest.mark.parametrize("seed", range(30))
def test_posting_pairs_are_the_plain_ones(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(0, 80)
    vocabulary = [f"k{x}" for x in range(rng.randint(1, 40))]
    keys = [sorted(set(rng.sample(vocabulary, rng.randint(0, min(6, len(vocabulary))))))
            for _ in range(n)]  # fmt: skip
    days = [rng.choice([None, 738000 + rng.randint(0, 30)]) for _ in range(n)]
    max_posting = rng.choice([2, 5, 100])
    for gap in (None, 0, 3):
        got = pairwise.posting_pairs(keys, max_posting, days, gap)
        assert got.shape[1:] == (2,)
        assert [tuple(p) for p in got.tolist()] == plain_candidates(keys, max_posting, days, gap)


def random_features(rng: random.Random, n: int) -> list[Features]:
    """Articles with own, estimated, year-less or no dates of every precision, and lead names whose
    weights include zero (an article with no lead name weight shares nothing)."""
    words = [f"w{x}" for x in range(30)]
    people = [f"p{x}" for x in range(12)]
    start = date(2024, 3, 1)
    result = []
    for i in range(n):
        chosen = rng.sample(words, rng.randint(1, 8))
        lead = {t: rng.random() for t in sorted(chosen[:4])}
        body = {t: rng.random() for t in sorted(chosen)}
        every = frozenset(rng.sample(people, rng.randint(0, 6)))
        lead_names = {t: rng.choice([0.0, 0.5, 1.7, rng.random()]) for t in sorted(every)[:3]}
        day = start + timedelta(days=rng.randint(0, 25))
        own = rng.choice([
            None,
            DateValue(day),
            DateValue(day.replace(day=1), Granularity.MONTH),
            DateValue(day, Granularity.WEEK),
            DateValue(day, Granularity.DAY, DateSource.INFERRED),
        ])  # fmt: skip
        estimated = DateValue(day, Granularity.DAY, DateSource.ESTIMATED) if own is None else None
        if rng.random() < 0.3:
            estimated = None
        # A year-less dateline's day, on articles without a certain date of their own.
        month_day = None
        if (own is None or not own.is_certain) and rng.random() < 0.4:
            month_day = (rng.choice([3, 12, 1]), rng.randint(1, 28))
        # Places: some articles lead with one, some name others (place_conflict's cases).
        places = frozenset(rng.sample(["tokyo", "beijing", "japan", "china"], rng.randint(0, 2)))
        lead_places = frozenset(p for p in places if rng.random() < 0.7)
        language = rng.choice([None, "en", "id"])  # an English-Indonesian pair gains
        steps = rng.choice([
            (), (), (("trial", 2),), (("trial", 3),), (("round", 1), ("match", 2001)),
            (("action", 0b011),), (("action", 0b100),), (("trial", 3), ("action", 0b001)),
        ])  # fmt: skip
        result.append(Features(f"a{i}", lead, body, lead_names, every, own, estimated, month_day,
                               lead_places, places, language=language, steps=steps))  # fmt: skip
    return result


@pytest.mark.parametrize("seed", range(30))
@pytest.mark.parametrize("block", [cluster.PAIR_BLOCK, 1, 7])
def test_bulk_similarities_are_similarity_for_every_pair(
    seed: int, block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Also when the pairs are scored in blocks of any size (a large corpus's are)."""
    monkeypatch.setattr(cluster, "PAIR_BLOCK", block)
    rng = random.Random(seed)
    features = random_features(rng, rng.randint(2, 50))
    params = ClusterParams(max_gap_days=rng.choice([0, 2, 5, 9]))
    table = cluster.candidate_table(features, params.max_gap_days)
    expected = {}
    for i, j in table.tolist():
        s = cluster.similarity(features[i], features[j], params)
        if s > 0:
            expected[(i, j)] = s
    got = cluster.pair_similarities(features, params)
    assert got == expected
    assert list(got) == list(expected)  # in pair order
    names = pairwise.name_shares(
        [f.lead_names for f in features],
        [f.names for f in features],
        table,
        [f.language for f in features],
    )
    assert names.tolist() == [shared_names(features[i], features[j]) for i, j in table.tolist()]


def test_nothing_to_pair() -> None:
    assert pairwise.posting_pairs([], 5).shape == (0, 2)
    assert pairwise.posting_pairs([["a"], ["b"]], 5).shape == (0, 2)
    empty = np.zeros((0, 2), dtype=np.int64)
    assert len(pairwise.name_shares([], [], empty)) == 0
    assert cluster.pair_similarities([], ClusterParams()) == {}


def test_an_english_and_an_indonesian_report_weigh_more_than_the_same_words_in_one_language() -> (
    None
):
    def report(language: str | None, names: int = 10) -> Features:
        terms = {"w1": 0.6, "w2": 0.8}
        lead_names = {f"p{k}": 1.0 for k in range(names)}
        return Features("a", terms, terms, lead_names, frozenset({"p0"}), None,
                        language=language)  # fmt: skip

    params = ClusterParams()
    one_language = cluster.similarity(report("en"), report("en"), params)
    unknown = cluster.similarity(report("en"), report(None), params)
    assert 0 < one_language == unknown < 1 / cluster.CROSS_LANGUAGE
    assert cluster.similarity(report("en"), report("id"), params) == (
        one_language * cluster.CROSS_LANGUAGE
    )
    # a similarity stays at most 1
    assert cluster.similarity(report("en", 1), report("id", 1), params) == 1.0


def as_vectors(dicts: Sequence[dict[str, float]]) -> Vectors:
    """The dicts (each in term order) as a `Vectors`, as `featurize_corpus` gives them."""
    terms = sorted({t for d in dicts for t in d})
    number = {t: k for k, t in enumerate(terms)}
    return Vectors(
        terms,
        np.array([number[t] for d in dicts for t in d], dtype=np.int64),
        np.array([w for d in dicts for w in d.values()], dtype=np.float64),
        np.array([len(d) for d in dicts], dtype=np.int64),
    )


@pytest.mark.parametrize("seed", range(20))
def test_groups_scored_at_once_are_scored_as_one_at_a_time(seed: int) -> None:
    """`group_matrices` weighs every group's vectors again in numpy and scores all their
    pairs at once; each matrix has the bits of weighing one group in Python
    (`_group_weighed`) and scoring its pairs one by one with `similarity`."""
    rng = random.Random(seed)
    features = random_features(rng, rng.randint(4, 60))
    params = ClusterParams(max_gap_days=rng.choice([0, 3, 9]))
    order = rng.sample(range(len(features)), len(features))
    groups, start = [], 0
    while len(order) - start >= 1:
        size = rng.randint(1, 12)
        groups.append(sorted(order[start : start + size]))
        start += size
    vectors = (as_vectors([f.lead for f in features]), as_vectors([f.body for f in features]))
    got = cluster.group_matrices(features, params, groups, vectors)
    plain = cluster.group_matrices(features, params, groups)
    for members, matrix, same in zip(groups, got, plain, strict=True):
        weighed = cluster._group_weighed([features[i] for i in members])
        expected = np.zeros((len(members), len(members)))
        for a, b in itertools.combinations(range(len(members)), 2):
            expected[a, b] = expected[b, a] = cluster.similarity(weighed[a], weighed[b], params)
        assert matrix.tobytes() == expected.tobytes()
        assert same.tobytes() == expected.tobytes()
    assert sum(map(np.count_nonzero, got)) > 0  # some pairs score
