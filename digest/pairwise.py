"""Candidate pairs and their shared-names share for a whole corpus at once, in numpy.

Each function gives, bit for bit, what the per-pair code in `digest.cluster` and
`digest.features` gives for every pair (`tests/test_pairwise.py` compares): the index
pairs come out in the same sorted order, and every sum of weights is the correctly rounded
one, as `math.fsum`'s is (`features._rounded_sums`, with `math.fsum` itself for the rare sum
too close to call).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from itertools import chain, pairwise

import numpy as np

from digest.features import Vectors, _heaviest_first, _rounded_sums


def _numbered(keys: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
    """Return each article's keys as numbers (one number per distinct key, in order of
    first occurrence), all articles one after another, and how many each article has."""
    sizes = np.fromiter(map(len, keys), np.int64, len(keys))
    number: dict[str, int] = {}
    ids = np.fromiter(
        map(number.setdefault, chain.from_iterable(keys), itertools.count()),
        np.int64,
        int(sizes.sum()),
    )
    return ids, sizes


def _within(lengths: np.ndarray) -> np.ndarray:
    """Return 0..L-1 for each length L, one run after another."""
    return np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)


def posting_pairs(
    keys: Sequence[Sequence[str]],
    max_posting: int,
    days: Sequence[int | None] | None = None,
    max_gap_days: int | None = None,
) -> np.ndarray:
    """Return the sorted distinct rows (i, j), i < j, of articles sharing a key that 2 to
    `max_posting` articles hold (`keys[i]`: article i's distinct keys).

    With `days` (an article's day number, or None) and `max_gap_days`, pairs of two dated
    articles further apart than that are left out.
    """
    ids, sizes = _numbered(keys)
    owner = np.repeat(np.arange(len(keys), dtype=np.int64), sizes)
    return entry_pairs(ids, owner, len(keys), max_posting, days, max_gap_days)


PAIR_CHUNK = 1 << 16
"""Pairs of posting lists made at once by `entry_pairs` (a few MB of arrays)."""


def entry_pairs(
    ids: np.ndarray,
    owner: np.ndarray,
    n: int,
    max_posting: int,
    days: Sequence[int | None] | None = None,
    max_gap_days: int | None = None,
) -> np.ndarray:
    """Return `posting_pairs` of `n` articles whose keys are given as numbers: article
    `owner[k]` holds key `ids[k]`, each (owner, key) at most once."""
    order = np.lexsort((owner, ids))  # by key, owners ascending within each key
    ids, owner = ids[order], owner[order]
    starts = np.flatnonzero(np.concatenate(([True], ids[1:] != ids[:-1])))
    lengths = np.diff(np.append(starts, len(ids)))
    used = (lengths > 1) & (lengths <= max_posting)
    starts, lengths = starts[used], lengths[used]
    gate = None
    if days is not None and max_gap_days is not None:
        dated = np.array([d is not None for d in days], dtype=bool)
        gate = dated, np.array([d or 0 for d in days], dtype=np.int64), max_gap_days
    # The posting lists' pairs, about PAIR_CHUNK at a time (each chunk's distinct): all of
    # them at once were several arrays of 8 bytes a pair, most pairs met under several keys.
    pairs = lengths * (lengths - 1) // 2
    chunk = (np.cumsum(pairs) - pairs) // PAIR_CHUNK
    cuts = [0, *(np.flatnonzero(chunk[1:] != chunk[:-1]) + 1).tolist(), len(starts)]
    found = [np.zeros(0, np.int64)]
    for first, last in pairwise(cuts):
        begin, size = starts[first:last], lengths[first:last]
        place = np.repeat(begin, size) + _within(size)
        later = np.repeat(begin + size, size) - place - 1  # members after it in its list
        left = np.repeat(place, later)
        right = left + 1 + _within(later)
        a, b = owner[left], owner[right]
        if gate is not None:
            dated, day, gap = gate
            far = dated[a] & dated[b] & (np.abs(day[a] - day[b]) > gap)
            a, b = a[~far], b[~far]
        found.append(np.unique(a * n + b))
    codes = np.unique(np.concatenate(found))
    return np.stack((codes // n, codes % n), axis=1) if n else np.zeros((0, 2), np.int64)


def index_entries(
    leads: Vectors, lead_names: Sequence[Mapping[str, str | float]], top: int
) -> tuple[np.ndarray, np.ndarray]:
    """Return the (key number, owner) entries of each article's index terms: the `top`
    heaviest terms of its lead vector (ties: the first term in order) and its lead names,
    as `cluster.index_terms` gives them (a name that is also a term is one key)."""
    n = len(leads.sizes)
    chosen, chosen_owner = _heaviest_entries(leads, top)
    number = {t: k for k, t in enumerate(leads.terms)}
    name_ids = np.fromiter(
        (number.setdefault(t, len(number)) for names in lead_names for t in names), np.int64
    )
    name_sizes = np.fromiter(map(len, lead_names), np.int64, n)
    ids = np.concatenate((leads.ids[chosen], name_ids))
    owners = np.concatenate((chosen_owner, np.repeat(np.arange(n, dtype=np.int64), name_sizes)))
    width = max(len(number), 1)
    codes = np.unique(owners * width + ids)
    return codes % width, codes // width


INDEX_BLOCK = 1000
"""Articles whose heaviest lead terms are chosen at once (`_heaviest_entries`): the sort's
arrays for all articles at once were about ten of 8 bytes a lead entry, a peak of the
clustering stage; each article's choice is its own, so the entries chosen are the same."""


def _heaviest_entries(leads: Vectors, top: int) -> tuple[np.ndarray, np.ndarray]:
    """Return the positions in `leads`' arrays of each article's `top` heaviest entries
    (ties: the first term in order), article after article, and each one's article."""
    n = len(leads.sizes)
    ends = np.cumsum(leads.sizes)
    starts = ends - leads.sizes
    positions, owners = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
    for a in range(0, n, INDEX_BLOCK):
        b = min(n, a + INDEX_BLOCK)
        first, last = int(starts[a]), int(ends[b - 1])
        sizes = leads.sizes[a:b]
        owner = np.repeat(np.arange(b - a, dtype=np.int64), sizes)
        order = _heaviest_first(owner, leads.weights[first:last], leads.ids[first:last])
        place = np.arange(len(order)) - np.repeat(starts[a:b] - first, sizes)
        chosen = order[place < top]
        positions.append(chosen + first)
        owners.append(owner[chosen] + a)
    return np.concatenate(positions), np.concatenate(owners)


def name_shares(
    lead_names: Sequence[Mapping[str, float]],
    names: Sequence[frozenset[str]],
    pairs: np.ndarray,
    languages: Sequence[str | None] | None = None,
) -> np.ndarray:
    """Return `features.shared_names` of each row (i, j) of `pairs`, with the same bits.

    `lead_names[i]`: article i's lead name tokens and their weights (each >= 0);
    `names[i]`: every name token of article i; `languages[i]`: its language (None: every
    language unknown).
    """
    return NameShares(lead_names, names, languages)(pairs)


class NameShares:
    """`name_shares` of any rows of pairs, the articles' name tokens numbered once."""

    def __init__(
        self,
        lead_names: Sequence[Mapping[str, float]],
        names: Sequence[frozenset[str]],
        languages: Sequence[str | None] | None = None,
    ) -> None:
        codes = languages or [None] * len(names)
        self.known = np.array([bool(code) for code in codes], dtype=bool)
        self.english = np.array([code == "en" for code in codes], dtype=bool)
        number: dict[str, int] = {}
        for tokens in names:
            for token in tokens:
                number.setdefault(token, len(number))
        for lead in lead_names:
            for token in lead:
                number.setdefault(token, len(number))
        self.width = width = max(len(number), 1)
        self.named = np.sort(
            np.fromiter(
                (i * width + number[t] for i, tokens in enumerate(names) for t in tokens),
                np.int64,
            )
        )
        self.lead_sizes = np.fromiter(map(len, lead_names), np.int64, len(lead_names))
        self.lead_ids = np.fromiter((number[t] for lead in lead_names for t in lead), np.int64)
        self.lead_weights = np.fromiter(
            chain.from_iterable(w.values() for w in lead_names), np.float64
        )
        totals = np.array([math.fsum(lead.values()) for lead in lead_names])
        self.has_lead = totals > 0
        self.safe = np.where(self.has_lead, totals, 1.0)
        self.starts = np.cumsum(self.lead_sizes) - self.lead_sizes

    def __call__(self, pairs: np.ndarray) -> np.ndarray:
        if len(pairs) == 0:
            return np.zeros(0)
        i, j = pairs[:, 0], pairs[:, 1]
        both = self.has_lead[i] & self.has_lead[j]
        ij, ji = self._coverage(i, j), self._coverage(j, i)
        shares = np.minimum(ij, ji)
        # English and another language: the mean with the English lead's coverage
        # (`features.english_side`), in the same operations as `features.shared_names`.
        mixed = self.known[i] & self.known[j] & (self.english[i] != self.english[j])
        english = np.where(self.english[i], ij, ji)
        shares = np.where(mixed, (shares + english) / 2, shares)
        return np.where(both, shares, 0.0)

    def _coverage(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        m = len(a)
        named = self.named
        lengths = self.lead_sizes[a]
        entries = np.repeat(self.starts[a], lengths) + _within(lengths)
        wanted = np.repeat(b, lengths) * self.width + self.lead_ids[entries]
        spot = np.minimum(np.searchsorted(named, wanted), max(len(named) - 1, 0))
        found = (named[spot] == wanted) if len(named) else np.zeros(len(wanted), bool)
        weights = self.lead_weights[entries][found]
        owner = np.repeat(np.arange(m), lengths)[found]
        sums = _rounded_sums(weights, np.bincount(owner, minlength=m))
        for k in np.flatnonzero(np.isnan(sums)).tolist():
            sums[k] = math.fsum(weights[owner == k].tolist())
        return sums / self.safe[a]
