"""What clustering holds: the ways it reads less at once give exactly what reading all does.

(README, "Memory, fifth round": rows read once are not kept.)
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from digest import cluster, evaluate, features
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
