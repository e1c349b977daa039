"""What clustering holds: the ways it reads less at once give exactly what reading all does.

(docs/history.md, "Memory, fifth round": rows read once are not kept, the heaviest lead terms are
chosen a block of articles at a time, and the features are made taking each record out of
the store as it is read.)
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from digest import cluster, evaluate, features, pairwise
from digest.config import ClusterParams
from digest.features import Row, read_once
from digest.model import Article
from digest.workers import Workers

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    with Workers(1) as workers:
        found = evaluate.load_articles(REPO / "tests/corpora/hardcases/articles", workers)
    return sorted(found, key=lambda a: a.id)


def test_a_row_read_once_gives_its_dict_and_keeps_nothing(articles) -> None:
    fs, _, _ = features.featurize_corpus(articles, ClusterParams())
    rows = [f.body for f in fs]
    assert all(isinstance(r, Row) for r in rows)
    once = [read_once(r) for r in rows]
    assert all(r._dict is None for r in rows)  # nothing kept
    assert [list(d.items()) for d in once] == [list(r.items()) for r in rows]  # same order
    assert all(r._dict is not None for r in rows)  # read as usual: kept
    again = read_once(rows[0])
    assert again == rows[0] and again is not rows[0]._dict  # a copy, not the kept dict
    plain = {"a": 1.0}
    assert read_once(plain) is plain


def test_group_similarities_keep_no_dicts_on_the_rows(articles) -> None:
    params = ClusterParams()
    fs, _, _ = features.featurize_corpus(articles, params)
    members = list(range(min(len(fs), 40)))
    matrix = cluster.group_similarities(fs, params, members)
    assert all(fs[i].lead._dict is None and fs[i].body._dict is None for i in members)
    as_dicts = [replace(f, lead=dict(f.lead.items()), body=dict(f.body.items())) for f in fs]
    expected = cluster.group_similarities(as_dicts, params, members)
    assert matrix.tolist() == expected.tolist()
    assert (matrix > 0).sum() > len(members)  # the comparison means something


def reference_heaviest(leads: features.Vectors, top: int) -> tuple[np.ndarray, np.ndarray]:
    """The heaviest lead entries of all articles at once (the code before the blocks)."""
    n = len(leads.sizes)
    owner = np.repeat(np.arange(n, dtype=np.int64), leads.sizes)
    order = features._heaviest_first(owner, leads.weights, leads.ids)
    starts = np.cumsum(leads.sizes) - leads.sizes
    place = np.arange(len(order)) - np.repeat(starts, leads.sizes)
    chosen = order[place < top]
    return chosen, owner[chosen]


@pytest.mark.parametrize("block", [pairwise.INDEX_BLOCK, 1, 7])
def test_heaviest_lead_terms_chosen_in_blocks_are_those_chosen_at_once(
    articles, block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    params = ClusterParams()
    fs, leads, _ = features.featurize_corpus(articles, params)
    monkeypatch.setattr(pairwise, "INDEX_BLOCK", block)
    chosen, owner = pairwise._heaviest_entries(leads, cluster.INDEX_TERMS)
    expected = reference_heaviest(leads, cluster.INDEX_TERMS)
    assert chosen.tolist() == expected[0].tolist() and owner.tolist() == expected[1].tolist()
    assert len(chosen) < len(leads.ids)  # some articles have more terms than are chosen
    plain = cluster.candidate_table(fs, params.max_gap_days)
    assert cluster.candidate_table(fs, params.max_gap_days, leads).tolist() == plain.tolist()


def test_heaviest_lead_terms_of_no_articles() -> None:
    empty = features.tfidf_arrays([])
    chosen, owner = pairwise._heaviest_entries(empty, cluster.INDEX_TERMS)
    assert chosen.tolist() == owner.tolist() == []


def test_features_made_taking_the_records_equal_those_of_a_kept_store(articles) -> None:
    """Taking each record out of the store as it is read (`consume`, as a build does)
    gives the features of a store left whole, which still gives back every record."""
    params = ClusterParams()
    records = {a.id: features.read_article(a) for a in articles}
    kept, taken = features.TermStore(), features.TermStore(keep_lower=False)
    for store in (kept, taken):
        store.add_many(records.items())
    whole = features.featurize_corpus(articles, params, kept)[0]
    assert features.featurize_corpus(articles, params, taken, consume=True)[0] == whole
    assert len(taken) == 0
    assert all(kept.record(aid) == record for aid, record in records.items())
    assert whole == features.featurize(articles, params)
    assert any(f.lead_people for f in whole) and any(f.names for f in whole)


def test_a_taken_record_is_gone_from_the_store(articles) -> None:
    store = features.TermStore()
    store.add_many((a.id, features.read_article(a)) for a in articles[:3])
    row = store.row(articles[1].id)
    record = store.rest(row)
    assert store.take_rest(row) is record
    assert store.rest(row) is not record and not store.rest(row).name_tokens


def reference_posting_pairs(keys, max_posting, days, max_gap_days) -> list[list[int]]:
    """Pairs of articles sharing a key that 2 to `max_posting` hold, dates within reach."""
    postings: dict[str, list[int]] = {}
    for i, held in enumerate(keys):
        for key in held:
            postings.setdefault(key, []).append(i)
    pairs = set()
    for members in postings.values():
        if 1 < len(members) <= max_posting:
            for x, i in enumerate(members):
                for j in members[x + 1 :]:
                    if days[i] is None or days[j] is None or abs(days[i] - days[j]) <= max_gap_days:
                        pairs.add((i, j))
    return [list(p) for p in sorted(pairs)]


@pytest.mark.parametrize("chunk", [pairwise.PAIR_CHUNK, 1, 5, 64])
def test_candidate_pairs_made_in_chunks_are_all_pairs_at_once(
    articles, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    fs, _, _ = features.featurize_corpus(articles, ClusterParams())
    keys = [cluster.index_terms(f) for f in fs]
    days = [cluster.own_day(f) for f in fs]
    monkeypatch.setattr(pairwise, "PAIR_CHUNK", chunk)
    found = pairwise.posting_pairs(keys, cluster.MAX_POSTING, days, 3).tolist()
    assert found == reference_posting_pairs(keys, cluster.MAX_POSTING, days, 3)
    assert len(found) > 10
    assert pairwise.posting_pairs([[], []], 5).tolist() == []


def test_vectors_keep_term_numbers_as_32_bit_numbers(articles) -> None:
    fs, leads, bodies = features.featurize_corpus(articles, ClusterParams())
    assert leads.ids.dtype == bodies.ids.dtype == np.int32
    assert bodies.as_dicts() == [dict(f.body.items()) for f in fs]
    assert leads.ids.max() == len(leads.terms) - 1  # every term used, numbered from 0
