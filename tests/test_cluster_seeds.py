"""The seeds cluster into their three events by general rules, whatever else is in the folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest import cluster, evaluate, explain
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


@pytest.mark.parametrize("threshold", [0.001, 0.02, 0.05])
def test_no_event_spans_reports_dated_further_apart_than_the_gap(seed_articles, threshold) -> None:
    # Far below the default every seed pair is similar enough to merge; the dates still
    # keep the treaty report (12 Nov) and the visit report (29 Nov) in different events.
    params = ClusterParams(min_similarity=threshold)
    groups = cluster.cluster_articles(seed_articles, params)
    dated = {a.id: cluster.date_span(a.published) for a in seed_articles}
    for group in groups:
        spans = [dated[aid] for aid in group if dated[aid] is not None]
        assert all(cluster.span_gap(x, y) <= params.max_gap_days for x in spans for y in spans)
    event_of = {aid: i for i, g in enumerate(groups) for aid in g}
    assert event_of["000_80ec8643e48c639e"] != event_of["003_47c8d720653f142a"]


def test_explain_names_the_date_rule_that_keeps_two_events_apart(seed_articles) -> None:
    params = ClusterParams(min_similarity=0.001)
    found = explain.explain_pair(seed_articles, "000", "003", params)
    lines = "\n".join(explain.format_explanation(found, params))
    assert "DIFFERENT events" in lines
    assert "gap 17 days; limit 3 days" in lines
    assert "dated 17 days apart" in lines


@pytest.fixture(scope="module")
def mixed_folder() -> tuple[list, dict[str, str]]:
    """Every labelled corpus in one folder: topic words rare, as in a real archive."""
    articles, gold = [], {}
    for gold_path in sorted((REPO / "tests" / "corpora").glob("*/gold.json")):
        found = evaluate.load_articles(evaluate.default_articles_dir(gold_path))
        labels = evaluate.gold_by_article(evaluate.read_gold(gold_path), found)
        articles += found
        gold |= {aid: f"{gold_path.parent.name}/{label}" for aid, label in labels.items()}
    return articles, gold


def test_in_a_mixed_folder_the_dates_keep_same_topic_events_apart(mixed_folder) -> None:
    articles, gold = mixed_folder
    groups = cluster.cluster_articles(articles, ClusterParams())
    event_of = {aid: i for i, g in enumerate(groups) for aid in g}
    # The Belousov visit (29 Nov) and the treaty report (12 Nov) share every topic name.
    visit = {event_of[a] for a in ("000_80ec8643e48c639e", "001_41cd93c7232de1f8")}
    assert len(visit) == 1 and event_of["003_47c8d720653f142a"] not in visit
    # The undated Kozlov report matches the visit and the treaty report alike, and neither
    # names its minister: it is its own event, not a member of whichever scored higher.
    kozlov = event_of["002_f4365ef5523ea724"]
    assert kozlov not in visit and kozlov != event_of["003_47c8d720653f142a"]
    assert sum(event_of[a] == kozlov for a in event_of) == 1
    # The same minister's two visits, a week apart, stay two events.
    tokyo = {event_of[a] for a, label in gold.items() if label.endswith("/menlu-tokyo")}
    canberra = {event_of[a] for a, label in gold.items() if label.endswith("/menlu-canberra")}
    assert len(tokyo) == 1 and len(canberra) == 1 and tokyo != canberra


def test_explain_says_why_an_ambiguous_report_was_set_apart(mixed_folder) -> None:
    articles, _ = mixed_folder
    params = ClusterParams()
    clustering = cluster.cluster_with_copies(articles, params)
    alone = [(aid, r) for aid, r in clustering.released if r.moved_to is None]
    assert alone, "the mixed folder holds an undated report set apart as its own event"
    aid, release = alone[0]
    partner = max(
        (pair for pair in clustering.sims if aid in pair), key=lambda pair: clustering.sims[pair]
    )
    other = partner[1] if partner[0] == aid else partner[0]
    found = explain.explain_pair(articles, aid, other, params)
    lines = "\n".join(explain.format_explanation(found, params))
    assert "DIFFERENT events" in lines
    assert f"{aid} has no read date" in lines
    assert release.missing[0] in lines.split("apart  ", 1)[1]
