"""Measure what a *stable* IDF would cost in quality and buy in locality (issue 8).

    python benchmarks/stable_idf.py [--synthetic 10000] [--adds 40] [--skip-quality]

A rebuild after one new article cannot stay under 2 s while every similarity is redone,
and every similarity is redone because the IDF (`features.idf`, log((n + 1) / (df + 0.5)))
moves with every article: n changes, and so does the document frequency of each of the
new article's terms, and every vector holding one of those terms changes its weights and
its length. A stable IDF is a pure function of the corpus (a clean build and an
incremental one still agree to the bit) that changes for few terms when one article
comes: here document frequencies rounded down to quarter-octave steps (df 1, 2, 3, 4, 5,
6.7, 8, 9.5, 11.3, 13.5, 16, ...) and, from 1,000 articles on, the article count rounded
up to 1/16-octave steps (it then moves once every ~4% of growth, when a rebuild redoes
everything as now).

For each scheme the script prints:
- quality: the mean B-cubed F1 of the labelled folders in tests/corpora, each clustered
  alone and all of them together (`benchmarks/cluster_quality.py`'s two figures), ECB+'s
  and the seeds';
- locality: for `--adds` articles, each taken out of the corpus and added again, how many
  articles' lead, body or name weights change when it comes (they, and the pairs they
  are in, are what an incremental build would score again); on all labelled articles as
  one corpus and on a `benchmarks/corpus.py` corpus of `--synthetic` articles.

Nothing here changes the clusterer: the schemes are applied by replacing `features.idf`
for the duration of a run. Not a test.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from unittest import mock

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import cluster_quality  # noqa: E402  (beside this script: corpora and their scores)
import corpus as corpus_module  # noqa: E402  (the generator beside this script)

from digest import evaluate, features  # noqa: E402
from digest.config import ClusterParams  # noqa: E402

DF_STEPS = 4
"""Steps per doubling of a document frequency."""
N_STEPS = 16
"""Steps per doubling of the article count, from `N_FROM` articles on."""
N_FROM = 1000

Idf = Callable[[int, int], float]
exact: Idf = features.idf


def _df_step(df: int) -> float:
    return 2 ** (math.floor(DF_STEPS * math.log2(df)) / DF_STEPS) if df > 0 else 0.0


def _n_step(n: int) -> float:
    return 2 ** (math.ceil(N_STEPS * math.log2(n + 1)) / N_STEPS) if n >= N_FROM else n


def df_steps(df: int, n: int) -> float:
    """Document frequency in quarter-octave steps, the article count exact."""
    return math.log((n + 1) / (_df_step(df) + 0.5))


def stable(df: int, n: int) -> float:
    """Document frequency in quarter-octave steps, the article count in 1/16-octave ones
    from `N_FROM` articles on."""
    return math.log((_n_step(n) + 1) / (_df_step(df) + 0.5))


SCHEMES: dict[str, Idf] = {"exact": exact, "df in steps": df_steps, "stable": stable}


def quality(corpora: dict[str, tuple[list, dict[str, str]]]) -> dict[str, float]:
    alone, mixed = cluster_quality.score_corpora(corpora, ClusterParams())
    return {
        "alone": sum(x.f1 for x in alone.values()) / len(alone),
        "together": sum(x.f1 for x in mixed.values()) / len(mixed),
        "ecbplus-dev": alone["ecbplus-dev"].f1 if "ecbplus-dev" in alone else math.nan,
        "seeds": alone["seeds"].f1 if "seeds" in alone else math.nan,
    }


def term_sets(articles: Sequence) -> list[tuple[frozenset[str], frozenset[str], frozenset[str]]]:
    """Each article's lead terms, body terms and name tokens (common words not taken out:
    an upper bound on what an incremental build would look at)."""
    out = []
    for article in articles:
        terms = features.read_article(article)
        out.append((frozenset(terms.lead), frozenset(terms.body), terms.name_tokens))
    return out


def frequencies(sets: Sequence[tuple[frozenset[str], ...]]) -> list[Counter[str]]:
    """Return the document frequency of every term in each part (lead, body, names)."""
    return [Counter(t for s in sets for t in s[part]) for part in range(3)]


def changed_articles(
    sets: Sequence[tuple[frozenset[str], ...]],
    added: int,
    idf: Idf,
    df: Sequence[Counter[str]] | None = None,
) -> tuple[int, bool]:
    """Return how many of the other articles have a lead, body or name weight that moves
    when article `added` joins the rest, and whether every weight moved (n's step).
    `df`: `frequencies(sets)`, when the caller has it (the added article counted in)."""
    n = len(sets) - 1
    if idf(1, n) != idf(1, n + 1):
        return n, True
    df = df or frequencies(sets)
    moved = [
        {t for t in sets[added][part] if idf(df[part][t] - 1, n) != idf(df[part][t], n + 1)}
        for part in range(3)
    ]
    affected = sum(
        1
        for k, s in enumerate(sets)
        if k != added and any(moved[part] & s[part] for part in range(3))
    )
    return affected, False


def locality(label: str, articles: Sequence, adds: int) -> None:
    sets = term_sets(articles)
    picks = random.Random(8).sample(range(len(sets)), min(adds, len(sets)))
    df = frequencies(sets)
    for name, idf in SCHEMES.items():
        counts, whole = [], 0
        for k in picks:
            affected, all_moved = changed_articles(sets, k, idf, df)
            counts.append(affected)
            whole += all_moved
        counts.sort()
        print(
            f"  {label:28s} {name:12s} articles whose weights move when one comes: "
            f"median {counts[len(counts) // 2]:,}, largest {counts[-1]:,} of {len(sets) - 1:,}"
            f" (all of them in {whole} of {len(picks)} additions)",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=cluster_quality.CORPORA)
    parser.add_argument("--synthetic", type=int, default=10000)
    parser.add_argument("--adds", type=int, default=40)
    parser.add_argument("--skip-quality", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    corpora = cluster_quality.load_corpora(args.corpora)
    print(
        f"# {len(corpora)} labelled folders, {sum(len(a) for a, _ in corpora.values()):,} articles"
    )
    if not args.skip_quality:
        print("quality (mean B-cubed F1):")
        for name, idf in SCHEMES.items():
            with mock.patch.object(features, "idf", idf):
                q = quality(corpora)
            print(
                f"  {name:12s} alone {q['alone']:.4f}  together {q['together']:.4f}  "
                f"ECB+ {q['ecbplus-dev']:.3f}  seeds {q['seeds']:.3f}",
                flush=True,
            )
    print("locality:")
    labelled = [a for articles, _ in corpora.values() for a in articles]
    locality("all labelled articles", labelled, args.adds)
    if args.synthetic:
        with tempfile.TemporaryDirectory() as scratch:
            corpus_module.generate(Path(scratch), args.synthetic, 1, "md")
            synthetic = evaluate.load_articles(Path(scratch))
        locality(f"synthetic, {args.synthetic:,} articles", synthetic, args.adds)
    print(f"# {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
