"""Clustering speed and memory at 1k, 10k and 100k synthetic articles (planted events).

    python benchmarks/cluster_bench.py                 # 1000 10000 100000
    python benchmarks/cluster_bench.py 1000 10000      # chosen sizes

Each size runs in a fresh subprocess: articles are generated in memory with
benchmarks/corpus.py (Indonesian-like and English-like text, planted events, dates), turned
into Article records (headline, paragraphs, names, date), then clustered exactly as
`digest build` does (near-duplicate check, features, candidate pairs, average linkage).
Printed: seconds (wall and CPU) and articles/second for the clustering alone, peak memory
of the process (RSS high-water mark) before and after clustering, B-cubed F1 against the
planted events, and the machine's load average when the size finished (the machine is
shared: wall time grows with load, CPU time much less). Last, the same articles are
clustered again as a rebuild does, with every article's clustering record
(`features.read_article`: terms, names, 5-gram hashes) unpickled, as the build cache keeps
them (the unpickling's CPU seconds are printed apart); the result must be the same
clustering. `--jobs N` parses the generated
articles on N processes (default 2); the clustering itself runs on one.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import resource
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _to_article(item: tuple[str, str, str]):
    """Return the Article the loader and name finder make of one generated file's text."""
    from digest.load import parse_text
    from digest.model import Article
    from digest.text import extract_names
    from digest.timeline import find_mentions

    article_id, text, language = item
    raw = parse_text(article_id, f"{article_id}.md", text, True)
    paragraphs = tuple(line.strip() for line in raw.lines if line.strip())
    article = Article(
        id=article_id,
        path=raw.path,
        title=raw.title,
        paragraphs=paragraphs,
        language=language,
        published=raw.published,
        names=extract_names(raw.title, paragraphs),
    )
    # the dates it mentions, as a build reads them: its lead's is the day it tells of
    return replace(article, mentions=find_mentions(article))


def make_articles(count: int, seed: int = 1, jobs: int = 1):
    """Return (articles, planted event per article id) for `count` synthetic articles.

    The texts come from one random stream (the same corpus whatever `jobs`); parsing them
    and finding names, the slow part, runs on `jobs` processes.
    """
    sys.path.insert(0, str(HERE))
    import corpus

    from digest.workers import Workers

    rng = random.Random(seed)
    vocab, weights = corpus.vocabulary(rng)
    plan = corpus.plan_events(rng, count, vocab)
    slots = [event for event, size in plan for _ in range(size)]
    rng.shuffle(slots)
    writer = corpus.Writer(rng, vocab, weights)
    items, truth = [], {}
    for number, event in enumerate(slots):
        _, text, language = corpus.render_file(writer, event, number, True, 0.2)
        article_id = f"a{number:06d}"
        items.append((article_id, text, language))
        truth[article_id] = f"event-{event.number}"
    with Workers(jobs) as workers:
        articles = list(workers.map(_to_article, items))
    return articles, truth


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cluster(articles, known):
    """Return the clustering of `articles` from their `read_article` records, as a build."""
    from digest import duplicates
    from digest.cluster import cluster_events
    from digest.config import ClusterParams

    shingles = {aid: terms.shingle_array() for aid, terms in known.items()}
    copies = duplicates.copy_groups(articles, shingles)
    return cluster_events(articles, ClusterParams(), copies, known)


def run_one(count: int, jobs: int) -> dict:
    """Cluster `count` synthetic articles in this process and return the figures."""
    from digest import evaluate
    from digest.features import read_article

    articles, truth = make_articles(count, jobs=jobs)
    before = peak_mib()
    # As `digest build` does: each article's record (terms, names, 5-gram hashes) is read
    # once (the build's `features` stage), then copies and events come from the records.
    started, cpu = time.perf_counter(), time.process_time()
    known = {a.id: read_article(a) for a in articles}
    clustering = _cluster(articles, known)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    after = peak_mib()
    scores = evaluate.bcubed(truth, evaluate.labels_of(clustering.groups))
    # A rebuild: the records come from the build cache (pickled, as the cache keeps them);
    # the rest is redone.
    stored = [pickle.dumps(terms, protocol=pickle.HIGHEST_PROTOCOL) for terms in known.values()]
    again, cpu_again = time.perf_counter(), time.process_time()
    cached = dict(zip(known, map(pickle.loads, stored), strict=True))
    cpu_read = time.process_time() - cpu_again
    rebuilt = _cluster(articles, cached)
    again, cpu_again = time.perf_counter() - again, time.process_time() - cpu_again
    assert rebuilt == clustering
    return {
        "articles": count,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "load": round(os.getloadavg()[0], 1),
        "articles_per_second": round(count / seconds),
        "rebuild_seconds": round(again, 2),
        "rebuild_cpu_seconds": round(cpu_again, 2),
        "rebuild_read_cpu_seconds": round(cpu_read, 2),
        "peak_mib_before": round(before),
        "peak_mib_after": round(after),
        "events_planted": scores.gold_events,
        "events_found": scores.predicted_events,
        "bcubed_f1": round(scores.f1, 3),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("sizes", type=int, nargs="*", default=[1000, 10_000, 100_000])
    parser.add_argument("--jobs", type=int, default=2, help="processes that parse articles")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.sizes[0], args.jobs)))
        return 0
    print(
        f"{'articles':>9} {'seconds':>8} {'cpu s':>7} {'art/s':>7} "
        f"{'peak MiB (gen -> +cluster)':>27} "
        f"{'events planted/found':>21} {'B3 F1':>6} {'load':>5} "
        f"{'rebuild s / cpu s (of which unpickling)':>40}"
    )
    for size in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--jobs", str(args.jobs)],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(out.stdout)
        print(
            f"{r['articles']:>9} {r['seconds']:>8} {r['cpu_seconds']:>7} "
            f"{r['articles_per_second']:>7} "
            f"{r['peak_mib_before']:>13} -> {r['peak_mib_after']:>8} "
            f"{r['events_planted']:>10}/{r['events_found']:<10} {r['bcubed_f1']:>6} {r['load']:>5} "
            f"{r['rebuild_seconds']:>9} / {r['rebuild_cpu_seconds']} "
            f"({r['rebuild_read_cpu_seconds']})",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
