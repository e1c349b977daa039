"""A folder of a few articles: the corpus-wide weights count it as `FEWEST_ARTICLES`.

In a folder of two, every word two reports of one event share is in all of it, and the plain
IDF weighs it as noise; these pairs of real labelled reports (ECB+, CC BY 3.0; blind104, an
English and an Indonesian report of one flood) were two events each before.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import run_digest

from digest import cluster, duplicates, evaluate, features
from digest.config import ClusterParams

CORPORA = Path(__file__).resolve().parent / "corpora"
PAIRS = [
    ("ecbplus-dev", "10_1ecb.txt", "10_2ecb.txt"),  # the Angels' offer to Teixeira
    ("blind104", "b104-010.txt", "b104-040.txt"),  # Aceh Tamiang floods, English + Indonesian
]


def _folder(tmp_path: Path, corpus: str, *names: str) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in names:
        shutil.copy(CORPORA / corpus / "articles" / name, seeds / name)
    return seeds


@pytest.mark.parametrize(("corpus", "a", "b"), PAIRS)
def test_two_reports_of_one_event_alone_in_a_folder_are_one_event(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus: str, a: str, b: str
) -> None:
    articles = evaluate.load_articles(_folder(tmp_path, corpus, a, b))
    copies = duplicates.copy_groups(articles)
    assert not copies  # two reports, not one story twice
    assert len(cluster.cluster_events(articles, ClusterParams(), copies).groups) == 1
    # What joins them is the rule: weighed as a folder of two, they were two events.
    monkeypatch.setattr(features, "FEWEST_ARTICLES", 1)
    assert len(cluster.cluster_events(articles, ClusterParams(), copies).groups) == 2


def test_a_folder_of_two_reports_builds_one_event(tmp_path: Path) -> None:
    seeds = _folder(tmp_path, *PAIRS[1])
    result = run_digest("build", "--seeds", str(seeds), "--out", "site", "--no-cache", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    events = json.loads((tmp_path / "site" / "events.json").read_text(encoding="utf-8"))["events"]
    assert [sorted(e["articles"]) for e in events] == [["b104-010", "b104-040"]]


def test_the_weights_of_ten_or_more_articles_are_the_plain_idf() -> None:
    for n in (10, 11, 462):
        assert all(features.corpus_idf(df, n) == features.idf(df, n) for df in range(1, n + 1))
    assert features.corpus_idf(2, 2) == features.idf(2, features.FEWEST_ARTICLES)
    assert features.corpus_idf(2, 2) > features.idf(2, 2)
