"""The `digest eval` and `digest explain` subcommands: measure and explain the clusterer."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from digest import cluster, evaluate, explain
from digest.config import Config, load_config
from digest.errors import DigestError
from digest.workers import Workers, default_jobs


def add_quality_commands(commands: argparse._SubParsersAction) -> None:
    """Add `eval` and `explain` to the `digest` command's subparsers."""
    e = commands.add_parser("eval", help="score the clustering of a labelled folder")
    e.add_argument("--gold", type=Path, required=True, help="JSON: file name -> event label")
    e.add_argument("--seeds", type=Path, help="folder of articles (default: beside GOLD)")
    e.add_argument("--config", type=Path, help="settings file (default: digest.yaml if present)")
    e.add_argument("--threshold", type=float, help="override cluster.min_similarity")
    e.add_argument(
        "--jobs", type=int, default=default_jobs(), help="worker processes for reading articles"
    )
    e.add_argument(
        "--errors",
        action="store_true",
        help="also list each merged and each split gold event, with a pair to explain",
    )
    x = commands.add_parser("explain", help="show why two articles are or are not one event")
    x.add_argument("a", help="an article id or file name")
    x.add_argument("b", help="another article id or file name")
    x.add_argument("--seeds", type=Path, help="folder of article files (default: seeds/)")
    x.add_argument("--config", type=Path, help="settings file (default: digest.yaml if present)")


def _config(path: Path | None) -> Config:
    if path is None and Path("digest.yaml").is_file():
        path = Path("digest.yaml")
    return load_config(path)


def run_eval(args: argparse.Namespace) -> int:
    """Print the quality of the clustering of `--seeds` against `--gold`."""
    config = _config(args.config)
    params = config.cluster
    if args.threshold is not None:
        params = replace(params, min_similarity=args.threshold)
    folder = args.seeds or evaluate.default_articles_dir(args.gold)
    gold_files = evaluate.read_gold(args.gold)
    with Workers(args.jobs) as workers:
        articles = evaluate.load_articles(folder, workers)
    gold = evaluate.gold_by_article(gold_files, articles)
    missing = len(articles) - len(gold)
    groups = cluster.cluster_articles(articles, params)
    s = evaluate.bcubed(gold, evaluate.labels_of(groups))
    print(f"corpus     {folder} ({s.articles} labelled articles, {missing} unlabelled)")
    print(f"threshold  {params.min_similarity:.3f}")
    print(f"B-cubed    P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}")
    print(f"pairwise   P {s.pair_precision:.3f}  R {s.pair_recall:.3f}  F1 {s.pair_f1:.3f}")
    print(f"events     gold {s.gold_events}  predicted {s.predicted_events}")
    if args.errors:
        for line in evaluate.mistakes(gold, groups):
            print(line)
    return 0


def run_explain(args: argparse.Namespace) -> int:
    """Print the evidence for and against two articles of `--seeds` being one event."""
    config = _config(args.config)
    articles = evaluate.load_articles(args.seeds or config.seeds)
    explanation = explain.explain_pair(articles, args.a, args.b, config.cluster)
    for line in explain.format_explanation(explanation, config.cluster):
        print(line)
    return 0


def run_quality_command(args: argparse.Namespace) -> int:
    """Run `eval` or `explain`; a DigestError becomes a one-line message and exit code."""
    try:
        if args.command == "explain":
            return run_explain(args)
        return run_eval(args)
    except DigestError as err:
        print(f"digest: error: {err}", file=sys.stderr)
        return err.exit_code
