"""Print how the date reader does on real text: datelines found, expressions by kind, speed.

    python benchmarks/dates_report.py [--corpus DIR] [--repeat 3]

DIR defaults to tests/corpora/ecbplus-dev/articles (462 English articles, CC BY 3.0); the
seeds are always measured too. Figures, not pass/fail: the seed precision and
recall thresholds live in tests/test_timeline.py.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from digest import dates
from digest.text import split_sentences

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO / "tests" / "corpora" / "ecbplus-dev" / "articles"


def measure(name: str, folder: Path, repeat: int) -> None:
    files = sorted(p for p in folder.glob("*.txt"))
    if not files:
        print(f"{name}: no .txt files in {folder}")
        return
    texts = [p.read_text(encoding="utf-8", errors="replace").splitlines() for p in files]
    with_dateline = 0
    for lines in texts:
        month_first = dates.is_month_first(None, lines[:6])
        if dates.parse_dateline(lines[1:], dayfirst=not month_first) is not None:
            with_dateline += 1
    sentences = [s for lines in texts for line in lines[1:] for s in split_sentences(line)]
    kinds: Counter[str] = Counter()
    for sentence in sentences:
        kinds.update(e.kind.value for e in dates.find_expressions(sentence))
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        for sentence in sentences:
            dates.find_expressions(sentence)
        best = min(best, time.process_time() - started)
    print(f"{name}: {len(files)} articles, {with_dateline} with a dateline in their first lines")
    print(f"  {len(sentences)} sentences, {sum(kinds.values())} date expressions:")
    for kind, count in sorted(kinds.items()):
        print(f"    {kind:10} {count}")
    rate = len(sentences) / best if best else float("inf")
    print(f"  reading: {best:.3f} CPU s, best of {repeat} ({rate:,.0f} sentences/s, one core)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    measure("seeds", REPO / "seeds", args.repeat)
    if args.corpus.is_dir():
        measure(args.corpus.name, args.corpus, args.repeat)


if __name__ == "__main__":
    main()
