"""`features.FEWEST_ARTICLES`: how a folder of a few articles is weighed (README, "Tiny
folders"). Left at 1 (a folder is weighed as what it holds): these two real reports of one
event (ECB+, CC BY 3.0), alone in a folder, are then two events; counted as 10 articles
they are one, the trade measured by benchmarks/small_folders.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from digest import cluster, duplicates, evaluate, features
from digest.config import ClusterParams

CORPORA = Path(__file__).resolve().parent / "corpora"


def test_a_folder_of_two_reports_of_one_event_is_weighed_as_it_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("10_1ecb.txt", "10_2ecb.txt"):  # the Angels' offer to Teixeira
        shutil.copy(CORPORA / "ecbplus-dev" / "articles" / name, tmp_path / name)
    articles = evaluate.load_articles(tmp_path)
    copies = duplicates.copy_groups(articles)
    assert not copies and features.FEWEST_ARTICLES == 1
    assert len(cluster.cluster_events(articles, ClusterParams(), copies).groups) == 2
    monkeypatch.setattr(features, "FEWEST_ARTICLES", 10)
    assert len(cluster.cluster_events(articles, ClusterParams(), copies).groups) == 1


def test_the_weights_are_the_plain_idf_at_or_above_the_fewest() -> None:
    assert all(features.corpus_idf(df, 2) == features.idf(df, 2) for df in (1, 2))
    assert all(features.corpus_idf(df, 40) == features.idf(df, 40) for df in range(1, 41))
