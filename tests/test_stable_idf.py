"""benchmarks/stable_idf.py: the stable IDF it measures, and its count of moved articles."""

from __future__ import annotations

import math
from pathlib import Path

from conftest import benchmark_module

from digest import evaluate, features


def test_stable_idf_is_the_exact_one_at_each_octave_of_a_small_folder() -> None:
    bench = benchmark_module("stable_idf")
    for n in (5, 70, 999):
        for df in (1, 2, 4, 8):
            assert bench.stable(df, n) == features.idf(df, n)
        assert bench.stable(3, n) == math.log((n + 1) / (2**1.5 + 0.5))  # 3 is in 2.83's step


def test_stable_idf_moves_only_where_a_frequency_or_the_folder_crosses_a_step() -> None:
    bench = benchmark_module("stable_idf")
    assert bench.stable(16, 5000) == bench.stable(17, 5000) == bench.stable(19, 5000)
    assert bench.stable(19, 5000) != bench.stable(20, 5000)  # 2 ** 4.25 = 19.03
    assert bench.stable(1, 5000) == bench.stable(1, 5001)  # n moves a step every ~4%
    assert bench.stable(1, 5000) != bench.stable(1, 5300)
    assert features.idf(1, 5000) != features.idf(1, 5001)


def test_an_added_article_moves_only_the_articles_that_share_a_term_crossing_a_step() -> None:
    bench = benchmark_module("stable_idf")
    empty: frozenset[str] = frozenset()
    rest = [(empty, frozenset({"filler"}), empty)] * 1100
    rest[:16] = [(empty, frozenset({"common"}), empty)] * 16  # 16 → 17: the same step
    rest[16:19] = [(frozenset({"rare"}), empty, empty)] * 3  # 3 → 4: the next step
    added = (frozenset({"rare"}), frozenset({"common"}), frozenset({"kim"}))
    sets = [*rest, added]
    assert bench.changed_articles(sets, len(sets) - 1, bench.stable) == (3, False)
    assert bench.changed_articles(sets, len(sets) - 1, bench.exact) == (1100, True)


def test_term_sets_read_each_articles_lead_body_and_names() -> None:
    bench = benchmark_module("stable_idf")
    articles = evaluate.load_articles(Path(__file__).parent / "corpora" / "seeds" / "articles")
    sets = bench.term_sets(articles)
    assert len(sets) == len(articles) == 5
    for (lead, body, names), article in zip(sets, articles, strict=True):
        assert lead <= body and lead and names
        assert set(features.read_article(article).body) == body
    assert all("belousov" in names for _, _, names in sets[:2])
