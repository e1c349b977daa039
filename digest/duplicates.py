"""Near-duplicates: one story syndicated by several outlets is one report, not several.

Two articles are near-duplicates when most of their word 5-grams ("shingles") are shared:
boilerplate lines, a different outlet name or a changed headline do not hide a copy.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from digest.model import Article
from digest.text import tokenize

SHINGLE_WORDS = 5
MIN_OVERLAP = 0.6
"""Share of the smaller article's shingles the other must hold to count as its copy."""
MAX_POSTING = 20
"""A shingle in more articles than this is a stock phrase, not evidence of copying."""


def shingles(article: Article) -> frozenset[int]:
    """Return hashes of the article's overlapping word 5-grams over all its paragraphs.

    Every 5-gram is kept, so the overlap is exact and the same in every run (Python's string
    hash changes between runs, but only equality within one run matters here).
    """
    words = [w for p in article.paragraphs for w in tokenize(p)]
    return frozenset(map(hash, zip(*(words[k:] for k in range(SHINGLE_WORDS)), strict=False)))


def near_duplicate_pairs(articles: Sequence[Article]) -> list[tuple[str, str]]:
    """Return id pairs (sorted, smaller id first) of articles that copy each other.

    Every (shingle, article) occurrence goes into two flat arrays that are sorted once, so
    each run of equal shingles is a posting list; the shared-shingle counts of all pairs
    come from that sort, never from a dict of every shingle (the memory of 10,000 articles'
    shingles would be gigabytes as Python objects, and is 12 bytes an occurrence here).
    """
    ordered = sorted(articles, key=lambda a: a.id)
    sizes = np.zeros(len(ordered), dtype=np.int64)
    parts: list[np.ndarray] = []
    for index, article in enumerate(ordered):
        grams = shingles(article)
        sizes[index] = len(grams)
        parts.append(np.fromiter(grams, dtype=np.int64, count=len(grams)))
    shared = shared_counts(parts, sizes)
    pairs: list[tuple[str, str]] = []
    for (i, j), count in sorted(shared.items()):
        smaller = min(int(sizes[i]), int(sizes[j]))
        if smaller and count / smaller >= MIN_OVERLAP:
            pairs.append((ordered[i].id, ordered[j].id))
    return pairs


def shared_counts(parts: Sequence[np.ndarray], sizes: np.ndarray) -> dict[tuple[int, int], int]:
    """Return (i, j) -> number of shingles articles i < j share, over shingles that at most
    `MAX_POSTING` articles hold; `parts[i]` holds article i's distinct shingle hashes."""
    if not parts:
        return {}
    hashes = np.concatenate(parts)
    owners = np.repeat(np.arange(len(parts), dtype=np.int32), sizes)
    order = np.argsort(hashes, kind="stable")  # stable: owners ascend within a run
    hashes, owners = hashes[order], owners[order]
    del order
    starts = np.flatnonzero(np.concatenate(([True], hashes[1:] != hashes[:-1])))
    lengths = np.diff(np.append(starts, len(hashes)))
    kept = np.repeat((lengths > 1) & (lengths <= MAX_POSTING), lengths)
    hashes, owners = hashes[kept], owners[kept].astype(np.int64)
    codes: list[np.ndarray] = []
    n = len(parts)
    for gap in range(1, MAX_POSTING):
        same = hashes[:-gap] == hashes[gap:]
        if not same.any():
            break
        codes.append(owners[:-gap][same] * n + owners[gap:][same])
    if not codes:
        return {}
    pair_codes, counts = np.unique(np.concatenate(codes), return_counts=True)
    return {
        (int(c) // n, int(c) % n): int(k)
        for c, k in zip(pair_codes.tolist(), counts.tolist(), strict=True)
    }


def copy_groups(articles: Sequence[Article]) -> list[list[str]]:
    """Return groups (2+ ids, sorted) of articles that are copies of one story."""
    parent = {a.id: a.id for a in articles}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in near_duplicate_pairs(articles):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = defaultdict(list)
    for aid in sorted(parent):
        groups[root(aid)].append(aid)
    return [g for g in groups.values() if len(g) > 1]


def mark_copies(
    articles: Sequence[Article], groups: Sequence[Sequence[str]] | None = None
) -> list[Article]:
    """Return the articles with `copies` listing the ids of their near-duplicate copies.

    `groups` are the articles' `copy_groups`, when the caller already has them.
    (Exact copies of a file are folded by the loader and listed in `duplicates`.)
    """
    copies: dict[str, tuple[str, ...]] = {}
    for group in copy_groups(articles) if groups is None else groups:
        for aid in group:
            copies[aid] = tuple(other for other in group if other != aid)
    return [replace(a, copies=copies[a.id]) if a.id in copies else a for a in articles]
