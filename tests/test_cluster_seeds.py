"""The seeds cluster into their three events by general rules, whatever else is in the folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest import cluster, evaluate
from digest.config import ClusterParams, load_config

REPO = Path(__file__).resolve().parent.parent
GOLD = {
    "000_80ec8643e48c639e": "visit",
    "001_41cd93c7232de1f8": "visit",
    "004_74c5f399bd71f4d7": "visit",
    "002_f4365ef5523ea724": "kozlov",
    "003_47c8d720653f142a": "treaty",
}


@pytest.fixture(scope="module")
def seed_articles():
    return evaluate.load_articles(REPO / "seeds")


def as_sets(groups) -> set[frozenset[str]]:
    return {frozenset(g) for g in groups}


def expected(ids) -> set[frozenset[str]]:
    by_label: dict[str, set[str]] = {}
    for aid in ids:
        by_label.setdefault(GOLD[aid], set()).add(aid)
    return {frozenset(s) for s in by_label.values()}


def test_seeds_give_exactly_the_three_events(seed_articles) -> None:
    params = load_config(REPO / "digest.yaml").cluster
    groups = cluster.cluster_articles(seed_articles, params)
    assert as_sets(groups) == expected(GOLD)
    assert evaluate.bcubed(GOLD, evaluate.labels_of(groups)).f1 == 1.0


def test_repository_setting_is_the_documented_default() -> None:
    assert load_config(REPO / "digest.yaml").cluster == ClusterParams()


@pytest.mark.parametrize("left_out", sorted(GOLD))
def test_any_four_seeds_still_cluster_by_event(seed_articles, left_out: str) -> None:
    rest = [a for a in seed_articles if a.id != left_out]
    assert as_sets(cluster.cluster_articles(rest, ClusterParams())) == expected(a.id for a in rest)


def test_input_order_does_not_matter(seed_articles) -> None:
    forward = cluster.cluster_articles(seed_articles, ClusterParams())
    backward = cluster.cluster_articles(list(reversed(seed_articles)), ClusterParams())
    assert forward == backward
