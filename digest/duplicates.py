"""Near-duplicates: one story syndicated by several outlets is one report, not several.

Two articles are near-duplicates when most of their word 5-grams ("shingles") are shared:
boilerplate lines, a different outlet name or a changed headline do not hide a copy.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from digest.model import Article
from digest.text import tokenize

SHINGLE_WORDS = 5
MIN_OVERLAP = 0.6
"""Share of the smaller article's shingles the other must hold to count as its copy."""
MAX_POSTING = 20
"""A shingle in more articles than this is a stock phrase, not evidence of copying."""


WORD_BYTES = 32
"""Words up to this many UTF-8 bytes are hashed in one numpy pass; longer ones one by one."""
_ODD = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
     0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53],
    dtype=np.uint64,
)  # fmt: skip
"""Odd multipliers whose pairwise differences hold 2 at most three times (see
`shingle_hashes`)."""


def _mix(x: np.ndarray) -> np.ndarray:
    """Return the splitmix64 finaliser of each value: a bijection that spreads every bit."""
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def word_hashes(words: Sequence[str]) -> np.ndarray:
    """Return a 64-bit hash of each word, the same in every run and on every machine.

    A word's UTF-8 bytes, zero-padded to `WORD_BYTES` (words hold neither a zero byte nor a
    space), are read as four 64-bit lanes, combined with odd multipliers and spread by
    `_mix`; a longer word is hashed with BLAKE2b.
    """
    encoded = " ".join(words).encode("utf-8").split(b" ") if words else []
    lanes = np.array(encoded, dtype=f"S{WORD_BYTES}").view("<u8").reshape(-1, WORD_BYTES // 8)
    result = _mix(lanes @ _ODD[: WORD_BYTES // 8])  # arrays wrap around silently
    lengths = np.fromiter(map(len, encoded), np.int64, len(encoded))
    for index in np.flatnonzero(lengths > WORD_BYTES).tolist():
        digest = hashlib.blake2b(encoded[index], digest_size=8).digest()
        result[index] = int.from_bytes(digest, "little")
    return result


def shingle_hashes(words: Sequence[str]) -> np.ndarray:
    """Return the distinct hashes (as int64) of the overlapping 5-grams of `words`.

    Stable across runs, so they can be kept in the build cache. A 5-gram's hash is the sum
    of its word hashes times odd multipliers (mod 2**64): two different 5-grams collide with
    a chance of at most about 2**-61 (Python's own hash of the tuple is 64 bits too).
    """
    if len(words) < SHINGLE_WORDS:
        return np.zeros(0, dtype=np.int64)
    codes = word_hashes(words)
    windows = np.lib.stride_tricks.sliding_window_view(codes, SHINGLE_WORDS)
    return np.unique(windows @ _ODD[:SHINGLE_WORDS]).view(np.int64)


def article_words(article: Article) -> list[str]:
    """Return the lower-case words of the article's paragraphs, in order."""
    return [w for p in article.paragraphs for w in tokenize(p)]


def shingles(article: Article) -> np.ndarray:
    """Return the distinct hashes of the article's word 5-grams over all its paragraphs.

    Every 5-gram is kept, so the overlap is exact (see `shingle_hashes`).
    """
    return shingle_hashes(article_words(article))


def near_duplicate_pairs(
    articles: Sequence[Article], known: Mapping[str, np.ndarray] | None = None
) -> list[tuple[str, str]]:
    """Return id pairs (sorted, smaller id first) of articles that copy each other.

    `known` maps article id -> its `shingles`, for the articles whose shingles the caller
    has (a build keeps them in its cache); the others' are computed here.

    Every (shingle, article) occurrence goes into two flat arrays that are sorted once, so
    each run of equal shingles is a posting list; the shared-shingle counts of all pairs
    come from that sort, never from a dict of every shingle (the memory of 10,000 articles'
    shingles would be gigabytes as Python objects, and is 12 bytes an occurrence here).
    """
    ordered = sorted(articles, key=lambda a: a.id)
    sizes = np.zeros(len(ordered), dtype=np.int64)
    parts: list[np.ndarray] = []
    known = known or {}
    for index, article in enumerate(ordered):
        grams = known[article.id] if article.id in known else shingles(article)
        sizes[index] = len(grams)
        parts.append(grams)
    hashes = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    del parts
    return _copied_pairs([a.id for a in ordered], hashes, sizes)


def _copied_pairs(ids: Sequence[str], hashes: Hashes, sizes: np.ndarray) -> list[tuple[str, str]]:
    """Return `near_duplicate_pairs` of the articles `ids` (sorted), whose shingles are
    `hashes`, article after article, `sizes[i]` of them for `ids[i]`."""
    first, second, count = _shared_count_arrays_flat(hashes, sizes)  # sorted by pair
    smaller = np.minimum(sizes[first], sizes[second])
    copied = (smaller > 0) & (count / np.maximum(smaller, 1) >= MIN_OVERLAP)
    return [
        (ids[i], ids[j])
        for i, j in zip(first[copied].tolist(), second[copied].tolist(), strict=True)
    ]


BUCKET_BITS = 24
LOOKUP_BLOCK = 1 << 20
"""Entries looked up in the flags at once (their low bits are a copy: 8 MB, not 8 bytes an
entry of the corpus)."""
"""`_counted_entries` marks the counted shingles in a table of 2**BUCKET_BITS flags."""


class SpilledHashes:
    """64-bit hashes appended to an unnamed scratch file and read back a block at a time.

    The copy finder only scans the corpus's 5-grams (`_counted_entries`), so a build need
    not hold them (8 bytes each, about 5 KB an article) from the `features` stage, where
    they are read, to clustering, where they are compared (see `features.TermStore`).
    The file is the system's (`tempfile`) and is gone when this is closed or freed; or, with
    `path`, that file, kept (a build cache's: `features.TermStore.save`), its first `keep`
    hashes kept and the rest cut off (what a build that failed appended). With `dtype`,
    numbers of that type instead (a store's word numbers: `np.int32`).
    """

    def __init__(
        self, path: Path | None = None, keep: int = 0, dtype: type[np.integer] = np.int64
    ) -> None:
        self._dtype = np.dtype(dtype)
        size = self._dtype.itemsize
        if path is None:
            self._file = tempfile.TemporaryFile()  # noqa: SIM115  (open until `close`)
        else:
            self._file = open(path, "r+b" if keep else "w+b")  # noqa: SIM115
            if os.fstat(self._file.fileno()).st_size < keep * size:
                self._file.close()
                raise ValueError(f"{path}: shorter than its {keep} numbers")
            self._file.truncate(keep * size)
            self._file.seek(keep * size)
        self.count = keep

    def __len__(self) -> int:
        return self.count

    def append(self, data: bytes) -> None:
        """Append the hashes of `data` (int64 bytes; or of the file's `dtype`)."""
        self._file.write(data)
        self.count += len(data) // self._dtype.itemsize

    def read(self, start: int, stop: int) -> np.ndarray:
        """Return hashes `start` to `stop` - 1."""
        self._file.flush()
        size = self._dtype.itemsize
        data = os.pread(self._file.fileno(), (stop - start) * size, start * size)
        return np.frombuffer(data, dtype=self._dtype)

    def blocks(self, size: int) -> Iterator[np.ndarray]:
        """Yield every hash, `size` at a time."""
        for at in range(0, self.count, size):
            yield self.read(at, min(self.count, at + size))

    def flush(self) -> None:
        """Hand what was appended to the system (for a kept file: before it is named)."""
        self._file.flush()

    def close(self) -> None:
        self._file.close()


Hashes = np.ndarray | SpilledHashes


def _blocks(hashes: Hashes) -> Iterator[np.ndarray]:
    """Yield `hashes` `LOOKUP_BLOCK` at a time."""
    if isinstance(hashes, SpilledHashes):
        return hashes.blocks(LOOKUP_BLOCK)
    return (hashes[at : at + LOOKUP_BLOCK] for at in range(0, len(hashes), LOOKUP_BLOCK))


NO_HASHES = np.zeros(0, dtype=np.int64)
SORT_PARTS = 8
"""The hashes are sorted a part at a time (by their low bits): a sorted copy of all of
them was 8 bytes an entry of the corpus on top of the hashes, the clustering stage's peak."""


def _repeated(hashes: Hashes, part: int) -> np.ndarray:
    """Return the distinct hashes of `hashes` whose low bits give `part` (of `SORT_PARTS`)
    and that occur 2 to `MAX_POSTING` times, sorted."""
    low = np.int64(SORT_PARTS - 1)
    ordered = np.concatenate([b[(b & low) == part] for b in _blocks(hashes)] or [NO_HASHES])
    ordered.sort()
    # Runs of a repeated shingle, found from where "equal to the next" turns on and off:
    # a few bytes an entry, where an index of every run's start was 16 (most shingles
    # occur once, so there are about as many runs as entries).
    same = (ordered[1:] == ordered[:-1]).view(np.int8)
    edges = np.flatnonzero(np.diff(same, prepend=np.int8(0), append=np.int8(0)))
    del same
    starts, ends = edges[0::2], edges[1::2]  # ordered[start : end + 1] are equal
    lengths = ends - starts + 1
    return ordered[starts[lengths <= MAX_POSTING]]


def _counted_entries(hashes: Hashes, sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the entries (hash, owner) whose shingle 2 to `MAX_POSTING` articles hold;
    `hashes` holds article i's `sizes[i]` shingles after those of article i - 1.

    Most shingles of a corpus occur in one article only and can never count. A plain sort
    of the hashes (no owners: several times faster than sorting the entries) finds the
    counted shingles; a table of flags by their low bits then picks out their entries,
    checked exactly, so the expensive sort of entries only sees those (the hashes are
    sorted a part at a time: `SORT_PARTS`). Their owners are
    found from where each article's entries end (an owner for every entry was 4 bytes an
    entry at the stage's peak).
    """
    counted = np.sort(np.concatenate([_repeated(hashes, part) for part in range(SORT_PARTS)]))
    if not len(counted):
        return NO_HASHES, np.zeros(0, dtype=np.int32)
    mask = np.int64((1 << BUCKET_BITS) - 1)
    flags = np.zeros(1 << BUCKET_BITS, dtype=bool)
    flags[counted & mask] = True
    places, found = [], []
    at = 0
    for block in _blocks(hashes):
        hit = np.flatnonzero(flags[block & mask])
        places.append(hit + at)
        found.append(block[hit])
        at += len(block)
    maybe = np.concatenate(places)
    hashes = np.concatenate(found)
    spot = np.searchsorted(counted, hashes)
    spot[spot == len(counted)] = 0
    exact = counted[spot] == hashes
    maybe = maybe[exact]
    owners = np.searchsorted(np.cumsum(sizes), maybe, side="right").astype(np.int32)
    return hashes[exact], owners


def shared_counts(parts: Sequence[np.ndarray], sizes: np.ndarray) -> dict[tuple[int, int], int]:
    """Return (i, j) -> number of shingles articles i < j share, over shingles that at most
    `MAX_POSTING` articles hold; `parts[i]` holds article i's distinct shingle hashes."""
    first, second, count = _shared_count_arrays(parts, sizes)
    return dict(zip(zip(first.tolist(), second.tolist(), strict=True), count.tolist(), strict=True))


def _shared_count_arrays(
    parts: Sequence[np.ndarray], sizes: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return `shared_counts` as three arrays (i, j, count), sorted by (i, j)."""
    if not parts:
        none = np.zeros(0, dtype=np.int64)
        return none, none, none
    return _shared_count_arrays_flat(np.concatenate(parts), sizes)


def _shared_count_arrays_flat(
    hashes: Hashes, sizes: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return `_shared_count_arrays` of article i's `sizes[i]` shingles, one article after
    another in `hashes`."""
    none = np.zeros(0, dtype=np.int64)
    if not len(sizes):
        return none, none, none
    hashes, owners = _counted_entries(hashes, sizes)
    order = np.argsort(hashes, kind="stable")  # stable: owners ascend within a run
    hashes, owners = hashes[order], owners[order].astype(np.int64)
    del order
    codes: list[np.ndarray] = []
    n = len(sizes)
    for gap in range(1, MAX_POSTING):
        same = hashes[:-gap] == hashes[gap:]
        if not same.any():
            break
        codes.append(owners[:-gap][same] * n + owners[gap:][same])
    if not codes:
        return none, none, none
    pair_codes, counts = np.unique(np.concatenate(codes), return_counts=True)
    return pair_codes // n, pair_codes % n, counts


def copy_groups(
    articles: Sequence[Article], known: Mapping[str, np.ndarray] | None = None
) -> list[list[str]]:
    """Return groups (2+ ids, sorted) of articles that are copies of one story.

    `known` maps article ids to their `shingles` where the caller has them."""
    return _groups([a.id for a in articles], near_duplicate_pairs(articles, known))


def copy_groups_of(ids: Sequence[str], hashes: Hashes, sizes: np.ndarray) -> list[list[str]]:
    """Return `copy_groups` of the articles `ids` (in any order: the groups are the same)
    from their `shingles`: `sizes[i]` of them for `ids[i]`, one article after another in
    `hashes` (as `TermStore.take_shingles` gives them, or a scratch file of them: see
    `SpilledHashes`; no copy of them is made)."""
    return _groups(ids, _copied_pairs(ids, hashes, sizes))


def _groups(ids: Sequence[str], pairs: Sequence[tuple[str, str]]) -> list[list[str]]:
    """Return the groups (2+ ids, sorted) that `pairs` of `ids` join."""
    parent = {aid: aid for aid in ids}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
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
