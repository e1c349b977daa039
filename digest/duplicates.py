"""Near-duplicates: one story syndicated by several outlets is one report, not several.

Two articles are near-duplicates when most of their word 5-grams ("shingles") are shared:
boilerplate lines, a different outlet name or a changed headline do not hide a copy.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from digest.model import Article
from digest.text import tokenize

SHINGLE_WORDS = 5
MIN_OVERLAP = 0.6
"""Share of the smaller article's shingles the other must hold to count as its copy."""
MAX_POSTING = 20
"""A shingle in more articles than this is a stock phrase, not evidence of copying."""
SAMPLE_EVERY = 4
"""Only shingles whose hash is divisible by this are kept: the same ones in every copy."""


def shingles(article: Article) -> frozenset[int]:
    """Return hashes of the article's overlapping word 5-grams over all its paragraphs.

    Python's string hash varies between runs, but only equality within one run matters.
    """
    words = [w for p in article.paragraphs for w in tokenize(p)]
    hashes = (hash(tuple(words[i : i + SHINGLE_WORDS])) for i in range(len(words) - 4))
    return frozenset(h for h in hashes if h % SAMPLE_EVERY == 0)


def near_duplicate_pairs(articles: Sequence[Article]) -> list[tuple[str, str]]:
    """Return id pairs (sorted, smaller id first) of articles that copy each other."""
    ordered = sorted(articles, key=lambda a: a.id)
    sets = [shingles(a) for a in ordered]
    postings: dict[int, list[int]] = defaultdict(list)
    for index, grams in enumerate(sets):
        for g in grams:
            postings[g].append(index)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for members in postings.values():
        if 1 < len(members) <= MAX_POSTING:
            for x, i in enumerate(members):
                for j in members[x + 1 :]:
                    shared[(i, j)] += 1
    pairs: list[tuple[str, str]] = []
    for (i, j), count in sorted(shared.items()):
        smaller = min(len(sets[i]), len(sets[j]))
        if smaller and count / smaller >= MIN_OVERLAP:
            pairs.append((ordered[i].id, ordered[j].id))
    return pairs


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


def mark_copies(articles: Sequence[Article]) -> list[Article]:
    """Return the articles with `copies` listing the ids of their near-duplicate copies.

    (Exact copies of a file are folded by the loader and listed in `duplicates`.)
    """
    copies: dict[str, tuple[str, ...]] = {}
    for group in copy_groups(articles):
        for aid in group:
            copies[aid] = tuple(other for other in group if other != aid)
    return [replace(a, copies=copies[a.id]) if a.id in copies else a for a in articles]
