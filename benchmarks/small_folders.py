"""Score the clusterer on small folders drawn from the labelled corpora.

    python benchmarks/small_folders.py [--corpora tests/corpora] [--seed 7]

A newsroom trying the tool drops two, three or five articles into seeds/; the labelled
corpora are folders of 25 to 462. For every labelled folder with at least two events of two
or more reports, this draws folders of 2 to 9 reports from one, two or three of its events
(six draws per size and count, a fixed seed), clusters each alone with the default settings
and prints the mean B-cubed precision, recall and F1 per folder size and event count. Then
every subset of 2 to 5 of the seeds (one topic, three events: the hard case of a small
folder), with how many of them join two events. Nothing here is a test: it prints figures
(README, "Tiny folders").
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import cluster_quality  # noqa: E402  (beside this script)

from digest import cluster, duplicates, evaluate, features  # noqa: E402
from digest.config import ClusterParams  # noqa: E402

SIZES = (2, 3, 4, 5, 6, 8, 9)
DRAWS = 6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=cluster_quality.CORPORA)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--fewest", type=int, default=features.FEWEST_ARTICLES,
        help="count smaller folders as this many articles (features.FEWEST_ARTICLES)",
    )  # fmt: skip
    args = parser.parse_args()
    features.FEWEST_ARTICLES = args.fewest
    rng = random.Random(args.seed)
    params = ClusterParams()
    scores: dict[tuple[int, int], list[evaluate.Scores]] = defaultdict(list)
    corpora = cluster_quality.load_corpora(args.corpora)
    for _, (articles, gold) in sorted(corpora.items()):
        by_event = defaultdict(list)
        for article in articles:
            by_event[gold[article.id]].append(article)
        events = sorted(e for e, members in by_event.items() if len(members) >= 2)
        if len(events) < 2:
            continue
        for _ in range(DRAWS):
            for size in SIZES:
                count = rng.choice((1, 2, 3))
                pool = [a for e in rng.sample(events, min(count, len(events))) for a in by_event[e]]
                if len(pool) < size:
                    continue
                folder = rng.sample(pool, size)
                found, _ = _score(folder, gold, params)
                scores[(size, len({gold[a.id] for a in folder}))].append(found)
    print("| reports | events | folders | precision | recall | F1 |")
    print("| --- | --- | --- | --- | --- | --- |")
    for (size, count), found in sorted(scores.items()):
        fields = ("precision", "recall", "f1")
        mean = [sum(getattr(s, f) for s in found) / len(found) for f in fields]
        print(f"| {size} | {count} | {len(found)} | " + " | ".join(f"{m:.3f}" for m in mean) + " |")
    seeds, gold = corpora["seeds"]
    subsets = [s for k in range(2, len(seeds) + 1) for s in itertools.combinations(seeds, k)]
    results = [_score(list(subset), gold, params) for subset in subsets]
    mean_f1 = sum(found.f1 for found, _ in results) / len(results)
    joined = sum(joined for _, joined in results)
    print(f"seeds: {len(subsets)} subsets of 2 to {len(seeds)}, mean F1 {mean_f1:.3f}, "
          f"{joined} join two events")  # fmt: skip


def _score(
    folder: list, gold: dict[str, str], params: ClusterParams
) -> tuple[evaluate.Scores, bool]:
    """Cluster `folder` alone; return its scores and whether a group joins two events."""
    found = cluster.cluster_events(folder, params, duplicates.copy_groups(folder))
    predicted = {aid: str(k) for k, group in enumerate(found.groups) for aid in group}
    truth = {a.id: gold[a.id] for a in folder}
    joined = any(len({gold[aid] for aid in group}) > 1 for group in found.groups)
    return evaluate.bcubed(truth, predicted), joined


if __name__ == "__main__":
    main()
