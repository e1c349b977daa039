"""Score a labelled corpus against its gold events split by the clusterer's date rule.

    python benchmarks/gold_by_dates.py [tests/corpora/ecbplus-dev/gold.json]

ECB+ counts follow-ups weeks or years later (a trial after a shooting) as one event; digest
never puts two reports whose own dates lie more than `max_gap_days` apart in one event. This
splits each gold event where its reports' own dates (front matter or dateline) leave such a
gap, puts undated reports in the largest part, and prints B-cubed against both golds: how
much of the score lost is the definition of an event rather than the clusterer.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from digest import cluster, evaluate
from digest.config import ClusterParams

DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "corpora" / "ecbplus-dev" / "gold.json"


def split_by_dates(
    gold: dict[str, str], spans: dict[str, tuple[int, int] | None], gap: int
) -> dict[str, str]:
    """Return `gold` with each event cut where its dated reports lie more than `gap` days apart."""
    members: dict[str, list[str]] = defaultdict(list)
    for article, event in sorted(gold.items()):
        members[event].append(article)
    result: dict[str, str] = {}
    for event, articles in members.items():
        parts: list[list[tuple[int, str]]] = []
        for day, article in sorted((spans[a][0], a) for a in articles if spans[a]):
            if parts and day - parts[-1][-1][0] <= gap:
                parts[-1].append((day, article))
            else:
                parts.append([(day, article)])
        for k, part in enumerate(parts):
            result.update((a, f"{event}#{k}") for _, a in part)
        largest = max(range(len(parts)), key=lambda k: len(parts[k]), default=0)
        result.update((a, f"{event}#{largest}") for a in articles if not spans[a])
    return result


def main() -> None:
    gold_path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    articles = evaluate.load_articles(evaluate.default_articles_dir(gold_path))
    gold = evaluate.gold_by_article(evaluate.read_gold(gold_path), articles)
    params = ClusterParams()
    spans = {a.id: cluster.date_span(a.published) for a in articles}
    by_dates = split_by_dates(gold, spans, params.max_gap_days)
    labels = evaluate.labels_of(cluster.cluster_articles(articles, params))
    print(f"gold events {len(set(gold.values()))}, split by dates {len(set(by_dates.values()))}")
    print(f"against the gold:          {evaluate.bcubed(gold, labels)}")
    print(f"against the gold by dates: {evaluate.bcubed(by_dates, labels)}")


if __name__ == "__main__":
    main()
