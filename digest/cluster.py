"""Group articles into events: sparse similarities, average linkage, stable ids."""

from __future__ import annotations

import functools
import hashlib
import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import combinations, pairwise
from typing import TypeVar

import numpy as np

from digest import duplicates
from digest.config import ClusterParams
from digest.contrast import Split, split_blended, split_odd
from digest.features import (
    ArticleTerms,
    Features,
    Row,
    TermStore,
    Vectors,
    bulk_cosines,
    cosine,
    featurize_corpus,
    idf,
    office_conflict,
    office_conflicts,
    place_conflict,
    place_conflicts,
    read_once,
    shared_names,
    sparse_cosines,
)
from digest.load import slugify
from digest.model import Article, DateSource, DateValue, Granularity
from digest.pairwise import NameShares, entry_pairs, index_entries, posting_pairs
from digest.stages import (
    DATED_STEPS,
    KIND_TABLES,
    MARKET,
    SESSION,
    different_steps,
    step_conflicts,
    step_name,
)

MAX_POSTING = 100
"""Terms in more articles than this are not used to find candidate pairs (too common)."""
INDEX_TERMS = 12
"""Each article is indexed under its this-many heaviest headline-and-lead terms and its
lead names: one event's reports share some of these, while common words stay out."""
CROSS_LANGUAGE = 1.5
"""An English and an Indonesian report share only names, numbers and the listed news words,
so the similarity of such a pair is multiplied by this (at most 1). Measured on all labelled
corpora with both languages (2026-12-04): English-Indonesian pairs score about two thirds of
same-language pairs, alike for one event's pairs (median 0.262 against 0.370) and for
different events' (90th percentile 0.151 against 0.225), so 1.5 puts both on one scale
(README, Clustering)."""
DATE_PENALTY = 0.5
"""Share of a pair's similarity lost as their date gap grows to `max_gap_days`."""
PLACE_FACTOR = 0.5
"""A pair whose articles each lead with a country the other never names keeps this share of
its similarity (`features.place_conflict`)."""
OFFICE_FACTOR = 0.25
"""A pair whose headlines each name an office the other report does not open on keeps this
share of its similarity (`features.office_conflict`)."""
STEP_FACTOR = 0.25
"""A pair whose reports are about different steps of one sequence (a trial's demand and
verdict, talks and a signing, a ceasefire agreed and breached, a company's results and its
shares' fall, an election's vote and result) or about games with different final scores
keeps this share (`stages.report_steps`; 0.5 parted fewer of them: see README)."""
WEEKDAY_FACTOR = 0.25
"""A pair of a report with its own day and one without whose lead names a weekday two to
five days from that day keeps this share (`weekday_conflict`; 0.5 gained less: README)."""
SEPARATION = 0.45
"""Two clusters merge only when they are at least this share as similar to each other as
each of several reports is inside (`linkage_merges`). Measured (README): 0.42 to 0.45 lose
nothing on any corpus; 0.47 and above cost the random 30- and 40-event folders and, from 0.5,
ECB+."""
PAIR_BLOCK = 200_000
"""Candidate pairs scored at once: the arrays of one block's shared terms stay a few hundred
MB (all pairs of 100,000 articles at once needed over 12 GB); each pair's score is the same."""


def date_span(value: DateValue | None) -> tuple[int, int] | None:
    """Return the first and last day (ordinals) a date read from the article can mean.

    A day is one day; a week, month or year is every day in it. None for no date or an
    estimated one: a guess from the dates an article mentions can be decades off (an
    obituary names a birthday), too weak to keep two articles apart.

    >>> from datetime import date
    >>> from digest.model import Granularity
    >>> first, last = date_span(DateValue(date(2024, 2, 1), Granularity.MONTH))
    >>> last - first
    28
    """
    if value is None or not value.is_certain:
        return None
    start = value.value
    if value.granularity is Granularity.DAY:
        end = start
    elif value.granularity is Granularity.WEEK:
        end = start + timedelta(days=6)
    elif value.granularity is Granularity.MONTH:
        end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    else:
        end = start.replace(month=12, day=31)
    return start.toordinal(), end.toordinal()


def span_gap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> int | None:
    """Return the fewest days between two spans (0 when they overlap), or None if unknown."""
    if a is None or b is None:
        return None
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def date_gap_days(a: Features, b: Features) -> int | None:
    """Return the fewest days between two articles' own dates, or None if either is unknown.

    Dates of any precision count: an article of March 2011 and one of 5 May 2011 are at
    least 35 days apart. A year-less dateline counts too, for what it shows whatever the
    year: "Nov 29" is at least 17 days from "Nov 12" or from 12 November 2024 (and more in
    another year), but "Nov 29" and "Nov 30" may be a day or years apart: None.
    """
    sa, sb = date_span(a.date), date_span(b.date)
    if sa is not None and sb is not None:
        return span_gap(sa, sb)
    ya, yb = _year_days(sa, a.month_day), _year_days(sb, b.month_day)
    if ya is None or yb is None:
        return None
    return _circle_gap(ya, yb) or None


_YEAR = 366
"""Days of the year circle year-less dates are placed on (a leap year: 29 February fits)."""


def _year_days(
    span: tuple[int, int] | None, month_day: tuple[int, int] | None
) -> tuple[int, int] | None:
    """Return the days of the year (first, count) a date covers whatever its year, or None."""
    if span is not None:
        first = date.fromordinal(span[0])
        return _day_of_year(first.month, first.day), span[1] - span[0] + 1
    if month_day is not None:
        return _day_of_year(*month_day), 1
    return None


def _day_of_year(month: int, day: int) -> int:
    return (date(2000, month, day) - date(2000, 1, 1)).days


def _circle_gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Return the fewest days between two stretches of the year in any years, less one for
    the leap day (a lower bound: 1 March follows 28 February by one day or two)."""
    if a[1] >= _YEAR - 1 or b[1] >= _YEAR - 1:
        return 0
    gaps = []
    for (first, count), (other, _) in ((a, b), (b, a)):
        after = (other - first) % _YEAR  # days from a stretch's first day to the other's
        gaps.append(max(0, after - count + 1))
    return max(0, min(gaps) - 1)


def soft_gap_days(a: Features, b: Features) -> int | None:
    """Return the days between two articles' own or estimated dates, or None if unknown."""
    da, db = _soft_day(a), _soft_day(b)
    return None if da is None or db is None else abs(da - db)


def date_factor(gap_days: int | None, max_gap_days: int) -> float:
    """Return how much a date gap weakens a pair: 1 on the same day, 0.5 at `max_gap_days`.

    >>> date_factor(0, 7), date_factor(None, 7), round(date_factor(7, 7), 3)
    (1.0, 1.0, 0.562)
    """
    if gap_days is None:
        return 1.0
    return 1.0 - DATE_PENALTY * min(gap_days / (max_gap_days + 1), 1.0)


def similarity(
    a: Features, b: Features, params: ClusterParams, cosines: tuple[float, float] | None = None
) -> float:
    """Return how likely two articles report one happening, 0..1.

    A weighted sum of lead cosine, body cosine and shared names, weakened by the gap between
    the articles' dates (own or estimated); 0 when both own dates are known and further
    apart than `max_gap_days`. `cosines`: the lead and body cosines when the caller has
    them (`features.bulk_cosines`, the same bits).
    """
    gap = date_gap_days(a, b)
    if (gap is not None and gap > params.max_gap_days) or a.roundup or b.roundup:
        return 0.0
    lead, body = cosines or (cosine(a.lead, b.lead), cosine(a.body, b.body))
    weighted = evidence(lead, body, shared_names(a, b), params)
    if place_conflict(a, b):
        weighted *= PLACE_FACTOR
    if office_conflict(a, b):
        weighted *= OFFICE_FACTOR
    if different_steps(a.steps, b.steps, (own_day(a), own_day(b))):
        weighted *= STEP_FACTOR
    if weekday_conflict(a, b):
        weighted *= WEEKDAY_FACTOR
    if a.language and b.language and a.language != b.language:
        weighted = min(1.0, weighted * CROSS_LANGUAGE)
    return weighted * date_factor(soft_gap_days(a, b), params.max_gap_days)


Number = TypeVar("Number", float, np.ndarray)


def evidence(lead: Number, body: Number, names: Number, params: ClusterParams) -> Number:
    """Return the weighted sum of a pair's lead cosine, body cosine and shared names.

    Floats for one pair, or numpy arrays for many (`pair_similarities`): numpy adds and
    multiplies float64 exactly as Python does, so both give the same bits.
    """
    return params.lead_share * lead + params.body_share * body + params.names_share * names


def own_day(f: Features) -> int | None:
    """Return the day number of an article's own day-precise date, else None."""
    return f.date.value.toordinal() if f.date is not None and f.date.is_exact else None


HAPPENING_DAYS_BACK = 2
"""How many days before a report's own day its lead's weekday may name the day of what it
tells (a page stamped the morning after, or two)."""
LEAD_DAYS_BACK = 3
"""How many days before a report's own day its lead's date may fall and be the day of what
it tells: a page dated on the third day after, "Rabu (17/7/2024)" in its first sentence, tells
of the 17th (the default `max_gap_days`: a report further from its happening is not held to
it by the date limit either)."""


def happening_day(f: Features) -> int | None:
    """Return the day of what a report tells: its own day, or the day its lead's first
    sentence dates when that is at most `LEAD_DAYS_BACK` days before it (`Features.lead_day`:
    a page of the 20th opening "... signed on Wednesday (17/7/2024)" tells of the 17th), or
    where its lead names another weekday, that weekday at most `HAPPENING_DAYS_BACK` days
    before it ("Tangerang, Thu, July 16: ... opened a fair on Wednesday" tells of the 15th);
    None where the lead's weekday is none of those days. Only for the rules that let a day
    go first (the step split, dated parts, the gap in the days, strays), not for the date
    limit.
    >>> from dataclasses import replace
    >>> from datetime import date
    >>> stamp = DateValue(date(2026, 7, 16), Granularity.DAY)
    >>> thursday = Features("a", {}, {}, {}, frozenset(), stamp)
    >>> [happening_day(replace(thursday, lead_weekday=w)) - 739813 for w in (None, 3, 2)]
    [0, 0, -1]
    >>> happening_day(replace(thursday, lead_weekday=5)) is None  # Saturday: not in 2 days
    True
    >>> [happening_day(replace(thursday, lead_day=739813 - b)) - 739813 for b in (0, 3, 4, -1)]
    [0, -3, 0, 0]
    """
    day = own_day(f)
    if day is not None and f.lead_day is not None and 0 <= day - f.lead_day <= LEAD_DAYS_BACK:
        return f.lead_day
    if day is None or f.lead_weekday is None:
        return day
    for back in range(HAPPENING_DAYS_BACK + 1):
        if (day - back - 1) % 7 == f.lead_weekday:  # ordinal 1 is a Monday
            return day - back
    return None


def weekday_conflict(a: Features, b: Features) -> bool:
    """Whether one report has an own day and the other none but a lead weekday two to five
    days from it: "erupted on Sunday" is not the eruption of a Wednesday, nor its report of
    the next day; or neither has a day and their leads' weekdays are two to five days apart
    ("kandas Kamis malam", "barred the ferry on Tuesday"). `weekday_conflicts` of many pairs
    at once; one pair here, without arrays: `group_similarities` asks for every pair of a
    group."""
    for undated, dated in ((a, b), (b, a)):
        told, day = undated.lead_weekday, own_day(dated)
        if told is None or day is None or own_day(undated) is not None:
            continue
        lead = dated.lead_weekday
        if _far(told - (day - 1) % 7) and (lead is None or _far(told - lead)):
            return True
    if own_day(a) is None and own_day(b) is None:  # neither has a day: their weekdays
        x, y = a.lead_weekday, b.lead_weekday
        return x is not None and y is not None and _far(x - y)
    return False


def _far(offset: int) -> bool:
    """Whether weekdays `offset` days apart (mod 7) are two to five days apart."""
    return 2 <= offset % 7 <= 5


def weekday_conflicts(
    own_days: np.ndarray, weekdays: np.ndarray, i: np.ndarray, j: np.ndarray
) -> np.ndarray:
    """Return `weekday_conflict` of each pair (`i[k]`, `j[k]`), all at once: `own_days` are
    day numbers (-1: none), `weekdays` the lead weekdays (0 = Monday, -1: none).

    A report with no own day often still says on which weekday its happening was ("on
    Friday", "pada Minggu pagi"). Against a report of a known day, that weekday fits on the
    day or one day either side of it (an evening's news told the next morning), or one
    day either side of the weekday the dated report's own lead names (a report dated by
    its page two days after "pada Kamis"); two to five days off both, the two reports
    tell of different days."""
    conflict = np.zeros(len(i), dtype=bool)
    for undated, dated in ((i, j), (j, i)):
        told = weekdays[undated]
        known = (own_days[undated] < 0) & (told >= 0) & (own_days[dated] >= 0)
        off_day = (told - (own_days[dated] - 1) % 7) % 7  # day number 1 was a Monday
        off_lead = (told - weekdays[dated]) % 7
        far_lead = (weekdays[dated] < 0) | ((off_lead >= 2) & (off_lead <= 5))
        conflict |= known & (off_day >= 2) & (off_day <= 5) & far_lead
    # Neither has an own day: their leads' weekdays two to five days apart either way.
    neither = (own_days[i] < 0) & (own_days[j] < 0) & (weekdays[i] >= 0) & (weekdays[j] >= 0)
    off = (weekdays[i] - weekdays[j]) % 7
    return conflict | (neither & (off >= 2) & (off <= 5))


def index_terms(f: Features) -> list[str]:
    """Return the terms an article is indexed under: its heaviest lead terms and lead names."""
    heaviest = sorted(f.lead, key=lambda t: (-f.lead[t], t))[:INDEX_TERMS]
    return sorted(set(heaviest) | set(f.lead_names))


def candidate_table(
    features: Sequence[Features], max_gap_days: int | None = None, leads: Vectors | None = None
) -> np.ndarray:
    """Return the sorted index pairs (rows i < j) that share at least one not-too-common
    index term (`index_terms`, held by at most `MAX_POSTING` articles).

    With `max_gap_days`, pairs of day-precise articles further apart are left out: their
    similarity is 0 anyway, and skipping them avoids comparing a corpus's years all-pairs.
    `leads`: the features' lead vectors as arrays, when the caller has them (faster).
    """
    days = [own_day(f) for f in features]
    if leads is None:
        return posting_pairs([index_terms(f) for f in features], MAX_POSTING, days, max_gap_days)
    ids, owner = index_entries(leads, [f.lead_names for f in features], INDEX_TERMS)
    return entry_pairs(ids, owner, len(features), MAX_POSTING, days, max_gap_days)


def candidate_pairs(
    features: Sequence[Features], max_gap_days: int | None = None
) -> set[tuple[int, int]]:
    """Return `candidate_table` as a set of (i, j) tuples."""
    return set(map(tuple, candidate_table(features, max_gap_days).tolist()))


def pair_similarities(
    features: Sequence[Features],
    params: ClusterParams,
    vectors: tuple[Vectors, Vectors] | None = None,
) -> dict[tuple[int, int], float]:
    """Return the nonzero similarities of the candidate pairs, in pair order.

    All pairs at once in numpy, with the bits `similarity` gives each pair: the cosines and
    shared names are correctly rounded sums (`features.bulk_cosines`,
    `pairwise.NameShares`), the weights are `evidence` itself, and the date factor of each
    whole-day gap is `date_factor`'s (`tests/test_pairwise.py` compares with `similarity`).
    `vectors`: the features' lead and body vectors as arrays (`featurize_corpus`), when
    the caller has them; the same result, faster.
    """
    table = candidate_table(features, params.max_gap_days, vectors[0] if vectors else None)
    sims = table_scores(features, params, table, vectors)
    kept = np.flatnonzero(sims > 0)
    return dict(zip(map(tuple, table[kept].tolist()), sims[kept].tolist(), strict=True))


def table_scores(
    features: Sequence[Features],
    params: ClusterParams,
    table: np.ndarray,
    vectors: tuple[Vectors, Vectors] | None = None,
) -> np.ndarray:
    """Return `similarity` of each index pair of `table` (rows i < j), in its order, 0
    included, with the bits `similarity` gives (see `pair_similarities`)."""
    if len(table) == 0:
        return np.zeros(0)
    shares = NameShares(
        [f.lead_names for f in features],
        [f.names for f in features],
        [f.language for f in features],
    )
    leads, bodies = [f.lead for f in features], [f.body for f in features]
    weighted = np.empty(len(table))
    for start in range(0, len(table), PAIR_BLOCK):
        block = table[start : start + PAIR_BLOCK]
        if vectors is None:
            lead, body = bulk_cosines(leads, block), bulk_cosines(bodies, block)
        else:
            lead, body = _cosines(vectors[0], leads, block), _cosines(vectors[1], bodies, block)
        weighted[start : start + len(block)] = evidence(lead, body, shares(block), params)
    i, j = table[:, 0], table[:, 1]
    placed = np.array(
        [bool(f.lead_places or f.lead_regions or f.title_places) for f in features], dtype=bool
    )
    both = np.flatnonzero(placed[i] & placed[j])  # pairs both leading with a place
    weighted[both[place_conflicts(features, i[both], j[both])]] *= PLACE_FACTOR
    weighted[office_conflicts(features, i, j)] *= OFFICE_FACTOR
    own_days = np.array([own_day(f) or -1 for f in features], dtype=np.int64)
    weighted[step_conflicts([f.steps for f in features], i, j, own_days)] *= STEP_FACTOR
    weekdays = np.array([-1 if f.lead_weekday is None else f.lead_weekday for f in features])
    weighted[weekday_conflicts(own_days, weekdays, i, j)] *= WEEKDAY_FACTOR
    language = np.array([f.language or "" for f in features])
    known = language != ""  # an English and an Indonesian report: see CROSS_LANGUAGE
    cross = np.flatnonzero((language[i] != language[j]) & known[i] & known[j])
    weighted[cross] = np.minimum(1.0, weighted[cross] * CROSS_LANGUAGE)
    g = params.max_gap_days
    spans = [date_span(f.date) for f in features]
    dated = np.array([s is not None for s in spans], dtype=bool)
    first = np.array([s[0] if s else 0 for s in spans], dtype=np.int64)
    last = np.array([s[1] if s else 0 for s in spans], dtype=np.int64)
    gap = np.maximum(first[i], first[j]) - np.minimum(last[i], last[j])
    apart = dated[i] & dated[j] & (gap > g)
    yearless = np.array([f.month_day is not None for f in features], dtype=bool)
    for k in np.flatnonzero((yearless[i] | yearless[j]) & ~(dated[i] & dated[j])).tolist():
        far = date_gap_days(features[i[k]], features[j[k]])  # rare: one by one
        apart[k] = far is not None and far > g
    soft = [_soft_day(f) for f in features]
    has_day = np.array([d is not None for d in soft], dtype=bool)
    day = np.array([d or 0 for d in soft], dtype=np.int64)
    factors = np.array([date_factor(k, g) for k in range(g + 2)])  # g + 1 on: all the same
    soft_gap = np.minimum(np.abs(day[i] - day[j]), g + 1)
    factor = np.where(has_day[i] & has_day[j], factors[soft_gap], 1.0)
    roundup = np.array([f.roundup for f in features], dtype=bool)
    apart |= roundup[i] | roundup[j]  # an opinion or a round-up joins no event
    return np.where(apart, 0.0, weighted * factor)


def _cosines(
    vectors: Vectors, dicts: Sequence[Mapping[str, float]], table: np.ndarray
) -> np.ndarray:
    """Return the cosine of each pair of `table` from the array vectors (`cosine` of their
    dicts for a sum too close to a rounding boundary to call)."""
    result = sparse_cosines(vectors.ids, vectors.weights, vectors.sizes, table)
    for k in np.flatnonzero(np.isnan(result)).tolist():
        result[k] = cosine(dicts[int(table[k, 0])], dicts[int(table[k, 1])])
    return result


def _soft_day(f: Features) -> int | None:
    """Return the day number `soft_gap_days` reads from one article, or None."""
    value = f.date if f.date is not None and f.date.is_exact else f.estimated
    return value.value.toordinal() if value is not None and value.is_exact else None


def linkage_merges(
    n: int,
    sims: Mapping[tuple[int, int], float],
    floor: float,
    spans: Sequence[tuple[int, int] | None] | None = None,
    max_gap_days: int | None = None,
    copies: Mapping[int, int] | None = None,
) -> list[tuple[float, int, int]]:
    """Return the merges of average linkage over 0..n-1, best first, down to `floor`.

    Each merge is (average similarity, kept cluster, absorbed cluster), clusters named by
    their smallest member. Pairs missing from `sims` count as 0, so only pairs with some
    similarity can ever merge. Ties break on the smallest indices: no dict-order effects.
    Average linkage never inverts, so cutting the list at any threshold >= `floor` gives
    the clustering at that threshold.

    With `spans` (each item's date span, or None) and `max_gap_days`, two clusters never
    merge when a member of one is dated more than `max_gap_days` from a member of the
    other: the pairwise date gate holds for the whole event, not only for linked pairs.
    A refused pair stays refused (clusters only grow), so there are still no inversions.

    Two clusters merge only when their average similarity to each other is at least
    `SEPARATION` of the lower of their averages within (of those of several items;
    `_kept_apart`): two tight groups held together by weak links are two happenings of one
    topic, each report of which retells the other, and a lone report that only weakly
    resembles a tight group is left for `attach_strays` to place. Such a pair is skipped at
    that level and may merge later, when a cluster has grown; a later merge may then score
    higher than an earlier one, so the list is meant to be cut at `floor` itself
    (`average_linkage` does).

    `copies` (item → its copy group, for items that are copies of one story, whose pairs
    `sims` scores 1): a cluster of one story's copies alone has no average within, as a
    single item has none. Its 1s say the story was syndicated, not that two reports agree:
    otherwise an Indonesian story carried by two outlets and an English one carried by two
    others (cross-language pairs score lower) were kept apart as two tight groups.
    """
    size = dict.fromkeys(range(n), 1)
    within = dict.fromkeys(range(n), 0.0)  # each cluster's sum of similarities inside it
    distinct = dict.fromkeys(range(n), 0)  # its pairs that are not copies of one story
    copied: dict[int, Counter[int]] = {i: Counter((g,)) for i, g in (copies or {}).items()}
    bounds: dict[int, tuple[int, int] | None] = {}
    if spans is not None and max_gap_days is not None:
        bounds = {i: span for i, span in enumerate(spans) if span is not None}
    links: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), s in sims.items():
        if i == j:
            continue
        links[i][j] = links[i].get(j, 0.0) + s
        links[j][i] = links[j].get(i, 0.0) + s
    heap = [(-total, min(i, j), max(i, j)) for i in links for j, total in links[i].items() if i < j]
    heapq.heapify(heap)
    merges: list[tuple[float, int, int]] = []
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in size or b not in size or links[a].get(b) is None:
            continue
        average = links[a][b] / (size[a] * size[b])
        if abs(-negative - average) > 1e-12:
            continue
        if average < floor:
            break
        joined = _joined_bounds(bounds.get(a), bounds.get(b))
        if max_gap_days is not None and joined is not None and joined[0] - joined[1] > max_gap_days:
            continue
        if _kept_apart(average, within, size, distinct, a, b):
            continue
        if joined is not None:
            bounds[a] = joined
        bounds.pop(b, None)
        merges.append((average, a, b))
        twice = _copy_pairs(copied.get(a), copied.get(b))
        within[a] += within.pop(b) + links[a][b]
        distinct[a] += distinct.pop(b) + size[a] * size[b] - twice
        if b in copied:
            copied.setdefault(a, Counter()).update(copied.pop(b))
        _absorb(a, b, size, links, heap)
    return merges


def _copy_pairs(a: Counter[int] | None, b: Counter[int] | None) -> int:
    """Return how many pairs between two clusters are copies of one story (`a`, `b`: each
    cluster's copies, by copy group)."""
    if not a or not b:
        return 0
    return sum(count * b[group] for group, count in a.items() if group in b)


def _kept_apart(
    average: float,
    within: Mapping[int, float],
    size: Mapping[int, int],
    distinct: Mapping[int, int],
    a: int,
    b: int,
) -> bool:
    """Whether clusters `a` and `b` are less than `SEPARATION` as similar to each other
    (`average`) as the less close of them is inside (of those with a pair of different
    stories inside, `distinct`: a single item, or one story's copies alone, has no inside)."""
    inside = [within[x] / (size[x] * (size[x] - 1) / 2) for x in (a, b) if distinct[x] > 0]
    return bool(inside) and average < SEPARATION * min(inside)


def _joined_bounds(a: tuple[int, int] | None, b: tuple[int, int] | None) -> tuple[int, int] | None:
    """Return (latest first day, earliest last day) of two clusters' dated members.

    Every pair of members is within g days of each other exactly when the latest first day
    minus the earliest last day is at most g.
    """
    if a is None or b is None:
        return a or b
    return max(a[0], b[0]), min(a[1], b[1])


def _absorb(
    a: int,
    b: int,
    size: dict[int, int],
    links: dict[int, dict[int, float]],
    heap: list[tuple[float, int, int]],
) -> None:
    """Merge cluster `b` into `a`, updating link totals and pushing the new averages."""
    size[a] += size.pop(b)
    for x, total in links.pop(b).items():
        del links[x][b]
        if x == a:
            continue
        links[a][x] = links[a].get(x, 0.0) + total
        links[x][a] = links[a][x]
    for x, total in links[a].items():
        heapq.heappush(heap, (-total / (size[a] * size[x]), min(a, x), max(a, x)))


def _root(parent: list[int], i: int) -> int:
    """Return the root of `i` in the union-find forest `parent`, halving the path to it."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def cut(n: int, merges: Sequence[tuple[float, int, int]], threshold: float) -> list[list[int]]:
    """Return the clusters of 0..n-1 after the merges whose average is >= `threshold`."""
    parent = list(range(n))
    root = functools.partial(_root, parent)
    for average, a, b in merges:
        if average < threshold:
            break
        parent[root(b)] = root(a)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[root(i)].append(i)
    return sorted(groups.values(), key=lambda c: c[0])


STRAY_SIZE = 1
"""Groups of at most this many articles left after linkage may join a larger event (1, 2
and 3 measured: 1 is best on every labelled corpus)."""


def attach_strays(
    groups: Sequence[Sequence[int]],
    sims: Mapping[tuple[int, int], float],
    threshold: float,
    spans: Sequence[tuple[int, int] | None],
    max_gap_days: int,
    days: Sequence[int | None] | None = None,
) -> list[list[int]]:
    """Return `groups` with each stray (a group of at most `STRAY_SIZE` articles) moved into
    the larger group holding its most similar article, when that pair reaches `threshold`
    and the dates allow it; a stray of one day that so matches several groups, only one of
    them holding a report of that day, joins that one (`days`: each article's
    `happening_day`; without them, the days of `spans`).

    Average linkage asks a lone report to match a whole event on average; a big event's
    reports cover different angles, so a report matching one of them well can still fall
    short of the average. A stray never joins another stray, so nothing chains.
    """
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    large = {g for g, members in enumerate(groups) if len(members) > STRAY_SIZE}
    bounds = {g: _bounds_of(groups[g], spans) for g in large}
    neighbours: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (i, j), s in sims.items():
        if s >= threshold:
            neighbours[i].append((s, j))
            neighbours[j].append((s, i))
    result = [list(members) for members in groups]
    told = [{_day_of([j], spans, days) for j in members} for members in groups]
    for g, members in enumerate(groups):
        if g in large:
            continue
        choices = sorted(
            (-s, group_of[j]) for i in members for s, j in neighbours[i] if group_of[j] in large
        )
        own = _bounds_of(members, spans)
        day = _day_of(members, spans, days)
        if day is not None:  # the one candidate event with a report of its own day first
            on_day = {t for _, t in choices if day in told[t]}
            if len(on_day) == 1:
                choices.sort(key=lambda c: c[1] not in on_day)
        for _, target in choices:
            if not _too_far(bounds[target], own, max_gap_days):
                bounds[target] = _joined_bounds(bounds[target], own)
                result[target].extend(members)
                result[g] = []
                break
    return sorted((sorted(m) for m in result if m), key=lambda m: m[0])


def _day_of(
    members: Sequence[int],
    spans: Sequence[tuple[int, int] | None],
    days: Sequence[int | None] | None,
) -> int | None:
    """Return the one day `members` tell of (`days`, else their spans when of one day), or
    None where they tell of none or of several."""
    found = {days[i] if days is not None else _one_day(spans[i]) for i in members}
    return found.pop() if len(found) == 1 else None


def _one_day(span: tuple[int, int] | None) -> int | None:
    return span[0] if span is not None and span[0] == span[1] else None


def _day_first(on_day: Sequence[int], likeliest: int) -> int:
    """Return the one option told on a report's own day (`on_day`: the options that are),
    if only one is, else the `likeliest` by its words: where the dates say which happening
    a report tells of, they go before its words (`split_steps`, `dated_parts`;
    `attach_strays` orders its choices so)."""
    return on_day[0] if len(on_day) == 1 else likeliest


AMBIGUOUS_RATIO = 0.9
"""An undated report matching a differently dated event at least this share as well as its
own is ambiguous between them (see `release_ambiguous`)."""
OWN_NAMES_COVERED = 0.6
"""...and is set apart only if its own event names less than this share of its lead's names."""


@dataclass(frozen=True)
class Release:
    """An undated report `release_ambiguous` set apart from the event linkage put it in."""

    article: int
    own: float
    """Its average similarity to the rest of the event it was in."""
    rival: float
    """Its average similarity to the best event dated too far from that one."""
    covered: float
    """IDF-weighted share of its lead's names that the rest of its event names."""
    missing: tuple[str, ...]
    """Its lead names the rest of its event never names, heaviest first."""
    moved_to: int | None = None
    """The rival event (index into the groups) it joined, when that event names at least
    `OWN_NAMES_COVERED` of its lead's names; None when it became its own event."""


def _average_to(i: int, members: Sequence[int], sims: Mapping[tuple[int, int], float]) -> float:
    return math.fsum(sims.get((min(i, j), max(i, j)), 0.0) for j in members) / len(members)


def release_ambiguous(
    groups: Sequence[Sequence[int]],
    sims: Mapping[tuple[int, int], float],
    features: Sequence[Features],
    spans: Sequence[tuple[int, int] | None],
    max_gap_days: int,
    copies: frozenset[int] = frozenset(),
) -> tuple[list[list[int]], list[Release]]:
    """Return `groups` with ambiguous undated reports set apart, and what was set apart.

    An undated report sits in event E by topic alone when it matches E no better than an
    event F whose reports are dated too far from E's to be one happening: what it shares
    with E, it shares just as much with F. If E also leaves out most of the names the report
    leads with (its own protagonist, "Petrov visited" beside "Ivanov visited"), the report
    is not E's. It joins the rival event that names at least `OWN_NAMES_COVERED` of its
    lead's names (linkage met the wrong event first), or else tells of a third happening
    and becomes its own event. Dated reports are placed by their dates, and copies of one
    story (`copies`) stay together.
    """
    bounds = [_bounds_of(g, spans) for g in groups]
    near = _groups_near(groups, sims)
    kept: list[list[int]] = []
    released: list[Release] = []
    joins: dict[int, list[int]] = defaultdict(list)
    for g, members in enumerate(groups):
        stay = list(members)
        for i in members:
            if len(members) < 2 or spans[i] is not None or i in copies:
                continue
            rest = [j for j in members if j != i]
            own_bounds = _bounds_of(rest, spans)
            lead = features[i].lead_names
            total = math.fsum(lead.values())
            if own_bounds is None or total <= 0:
                continue
            named = _names_of(rest, features)
            covered = _share(lead, total, named)
            if covered >= OWN_NAMES_COVERED:
                continue
            own = _average_to(i, rest, sims)
            # Linkage and strays only group articles with a similarity, so own > 0, and a
            # group holding no article similar to i (average 0) can never be a rival.
            rivals = [
                h
                for h in sorted(near[i])
                if h != g
                and _too_far(own_bounds, bounds[h], max_gap_days)
                and _average_to(i, groups[h], sims) >= AMBIGUOUS_RATIO * own
            ]
            if not rivals:
                continue
            stay.remove(i)
            # The rival event that names most of what the report leads with (the first on
            # ties) is where it belongs, if it names enough of it.
            shares = {h: _share(lead, total, _names_of(groups[h], features)) for h in rivals}
            home = max(rivals, key=lambda h: (shares[h], -h))
            moved_to = home if shares[home] >= OWN_NAMES_COVERED else None
            if moved_to is not None:
                joins[moved_to].append(i)
            rival = max(_average_to(i, groups[h], sims) for h in rivals)
            missing = sorted((t for t in lead if t not in named), key=lambda t: (-lead[t], t))
            released.append(Release(i, own, rival, covered, tuple(missing), moved_to))
        kept.append(stay)
    for h, extra in joins.items():
        kept[h].extend(extra)
    singles = [[r.article] for r in released if r.moved_to is None]
    return sorted((sorted(m) for m in kept + singles if m), key=lambda m: m[0]), released


def _names_of(members: Sequence[int], features: Sequence[Features]) -> frozenset[str]:
    """Return every name token the articles `members` mention."""
    return frozenset().union(*(features[j].names for j in members))


def _share(lead: Mapping[str, float], total: float, named: frozenset[str]) -> float:
    """Return the IDF-weighted share of a report's lead names (weights `lead`, summing to
    `total`) found in `named`."""
    return math.fsum(w for t, w in lead.items() if t in named) / total


def _groups_near(
    groups: Sequence[Sequence[int]], sims: Mapping[tuple[int, int], float]
) -> dict[int, set[int]]:
    """Return article -> the groups holding an article it has a similarity with.

    Pairs not in `sims` count as 0, so only these groups can have an average above 0 with
    it: looking at them alone keeps `release_ambiguous` linear in the pairs, not quadratic
    in the corpus (every undated report against every event).
    """
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    near: dict[int, set[int]] = defaultdict(set)
    for i, j in sims:
        if j in group_of:
            near[i].add(group_of[j])
        if i in group_of:
            near[j].add(group_of[i])
    return near


def _bounds_of(
    members: Sequence[int], spans: Sequence[tuple[int, int] | None]
) -> tuple[int, int] | None:
    joined: tuple[int, int] | None = None
    for i in members:
        joined = _joined_bounds(joined, spans[i])
    return joined


def _too_far(a: tuple[int, int] | None, b: tuple[int, int] | None, max_gap_days: int) -> bool:
    """Whether two events' dated reports are further apart than one event may span."""
    if a is None or b is None:
        return False
    joined = _joined_bounds(a, b)
    return joined is not None and joined[0] - joined[1] > max_gap_days


def average_linkage(
    n: int,
    sims: Mapping[tuple[int, int], float],
    threshold: float,
    spans: Sequence[tuple[int, int] | None] | None = None,
    max_gap_days: int | None = None,
    copies: Mapping[int, int] | None = None,
) -> list[list[int]]:
    """Return clusters of 0..n-1 merged while the best average similarity >= `threshold`
    (and, with `spans`, while every member pair's dates are within `max_gap_days`;
    `copies`: see `linkage_merges`).

    Only the pairs inside one `linked_parts` part are linked: see there why the others
    change nothing.
    """
    part = linked_parts(n, sims, threshold)
    inside = {pair: s for pair, s in sims.items() if part[pair[0]] == part[pair[1]]}
    return cut(n, linkage_merges(n, inside, threshold, spans, max_gap_days, copies), threshold)


def linked_parts(n: int, sims: Mapping[tuple[int, int], float], threshold: float) -> list[int]:
    """Return, for each of 0..n-1, the smallest item joined to it by pairs >= `threshold`.

    Two groups can only merge when their average similarity reaches the threshold, so when
    some pair between them does: every merge stays inside one part, and pairs between two
    parts only add to link totals that never reach the threshold. Leaving them out gives
    the same merges, in the same order, with the same averages (most candidate pairs of a
    large corpus are such weak links between events).
    """
    parent = list(range(n))
    root = functools.partial(_root, parent)
    for (i, j), s in sims.items():
        if s >= threshold:
            a, b = root(i), root(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return [root(i) for i in range(n)]


@dataclass(frozen=True)
class Clustering:
    """Groups of article ids, one per event, and the similarities that made them."""

    groups: list[list[str]]
    sims: dict[tuple[str, str], float]
    """Similarity of candidate pairs (smaller id first); pairs not listed count as 0."""
    released: tuple[tuple[str, Release], ...] = ()
    """Undated reports set apart as ambiguous (see `release_ambiguous`), by article id."""
    splits: tuple[SplitIds, ...] = ()
    """Groups cut in two as blends of two events (see `contrast.split_blended`)."""
    folder_dated: dict[str, DateValue | None] = field(default_factory=dict)
    """The dates clustering took from the folder (`features.folder_dates`: year-less
    datelines, estimated months moved to the folder's year; None for an estimate after the
    folder's days, dropped), by article id: a build gives them to the articles too."""
    languages: dict[str, str | None] = field(default_factory=dict)
    """Each article's language as clustering read it (`views.article_language`, kept on
    its record: guessing it again from the text cost a 10,000-article rebuild 0.7 s)."""


@dataclass(frozen=True)
class SplitIds:
    """A `contrast.Split` with its halves as article ids."""

    first: tuple[str, ...]
    second: tuple[str, ...]
    split: Split


def local_similarities(
    articles: Sequence[Article], params: ClusterParams, members: Sequence[int]
) -> np.ndarray:
    """Return the similarity of each two of `articles[i] for i in members` as this module
    scores them in a folder of those articles alone (`contrast.LocalSimilarity`)."""
    features, leads, bodies = featurize_corpus([articles[i] for i in members], params)
    matrix = np.zeros((len(members), len(members)))
    for (a, b), value in pair_similarities(features, params, (leads, bodies)).items():
        matrix[a, b] = matrix[b, a] = value
    return matrix


def group_similarities(
    features: Sequence[Features], params: ClusterParams, members: Sequence[int]
) -> np.ndarray:
    """Return the similarity of each two of `features[i] for i in members` (a square
    matrix) as `similarity` scores them, with each lead and body term and each name weighed
    again by how rare it is inside the group (`features.idf` over the group alone): words
    all of them use weigh little, what only some share weighs most.

    Read from the features, not the articles' texts (`local_similarities` reads those
    again: a few ms an article, on every group of a 10,000-article folder); on every
    labelled corpus `split_local` cuts the same groups either way.
    """
    return group_matrices(features, params, [members])[0]


def group_matrices(
    features: Sequence[Features],
    params: ClusterParams,
    groups: Sequence[Sequence[int]],
    vectors: tuple[Vectors, Vectors] | None = None,
) -> list[np.ndarray]:
    """Return `group_similarities` of each of `groups`, every pair of them scored at once
    (`table_scores`, the bits `similarity` gives). `vectors`: the features' lead and
    body vectors as arrays (`featurize_corpus`), when the caller has them: each group's
    are then weighed again in numpy (`_group_rows`), with `_reweighed`'s bits. On a
    10,000-article rebuild, weighing and scoring the groups one pair at a time in Python
    took 1.3 s."""
    starts = np.cumsum([0, *map(len, groups)])[:-1].tolist()
    arrays = None if vectors is None else tuple(_group_rows(v, groups) for v in vectors)
    rows = [] if arrays is None else [_rows(a) for a in arrays]
    scored = [
        weighed
        for members, start in zip(groups, starts, strict=True)
        for weighed in _group_weighed(
            [features[i] for i in members],
            None if arrays is None else [r[start : start + len(members)] for r in rows],
        )
    ]
    inside = [np.triu_indices(len(members), 1) for members in groups]
    table = np.concatenate(
        [np.zeros((0, 2), dtype=np.int64)]
        + [np.stack(pair, axis=1) + start for pair, start in zip(inside, starts, strict=True)]
    ).astype(np.int64)
    sims = table_scores(scored, params, table, arrays)
    matrices = []
    done = 0
    for pair, members in zip(inside, groups, strict=True):
        matrix = np.zeros((len(members), len(members)))
        matrix[pair] = sims[done : done + len(pair[0])]
        done += len(pair[0])
        matrices.append(matrix + matrix.T)
    return matrices


def _rows(vectors: Vectors) -> list[Row]:
    """Return `vectors`' rows over its own term list (a row's dict is made only for a
    cosine too close to call, `_cosines`: `Vectors.rows` would intern the whole vocabulary
    again for every block of groups)."""
    bounds = np.concatenate(([0], np.cumsum(vectors.sizes))).tolist()
    return [Row(vectors, vectors.terms, start, end) for start, end in pairwise(bounds)]


def _group_rows(vectors: Vectors, groups: Sequence[Sequence[int]]) -> Vectors:
    """Return the vectors of `groups`' members, group after group, each weight times its
    term's IDF inside its group, at unit length again: `_reweighed`'s bits (the same
    products and quotients; each length summed by Python in term order, as there)."""
    members = np.array([i for g in groups for i in g], dtype=np.int64)
    sizes = vectors.sizes[members]
    offsets = np.concatenate(([0], np.cumsum(vectors.sizes)))[members]
    total = int(sizes.sum())
    row = np.repeat(np.arange(len(members)), sizes)
    entry = offsets[row] + np.arange(total) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    ids, weights = vectors.ids[entry], vectors.weights[entry]
    group = np.repeat(np.arange(len(groups)), [len(g) for g in groups])[row]
    _, where, counts = np.unique(
        group * len(vectors.terms) + ids, return_inverse=True, return_counts=True
    )
    count = counts[where.reshape(-1)]
    largest = max(map(len, groups))
    table = np.zeros((largest + 1, largest + 1))
    for n in {len(g) for g in groups}:
        table[n, : n + 1] = [idf(k, n) for k in range(n + 1)]
    group_size = np.array([len(g) for g in groups], dtype=np.int64)[group]
    weighed = weights * table[group_size, count]
    squares = weighed * weighed
    ends = np.cumsum(sizes).tolist()
    lengths = [
        math.sqrt(sum(squares[start:end].tolist())) or 1.0
        for start, end in zip([0, *ends[:-1]], ends, strict=True)
    ]
    return Vectors(vectors.terms, ids, weighed / np.repeat(lengths, sizes), sizes)


GROUP_BLOCK = 500
"""`GroupScores` weighs and scores this many articles' groups at once: their reweighed
vectors are held only while their block is scored. A 10,000-article rebuild's peak memory
(sampled every 20 ms, in clustering): 253 MB on main before, 267 MB with blocks of 2,000,
248-252 MB with 500; clustering 3.2-3.3 s either way."""


class GroupScores:
    """`group_similarities` of the groups `split_local` will score, made a block of groups
    at a time (`group_matrices`) as it asks for them, in the order of `groups`; a group
    not among them is scored alone. `vectors`: see `group_matrices`."""

    def __init__(
        self,
        features: Sequence[Features],
        params: ClusterParams,
        groups: Sequence[Sequence[int]],
        vectors: tuple[Vectors, Vectors] | None = None,
    ) -> None:
        self.features = features
        self.params = params
        self.vectors = vectors
        self.pending = [sorted(g) for g in groups if 4 <= len(g) <= MAX_LOCAL]
        self.next = 0
        self.made: dict[tuple[int, ...], np.ndarray] = {}

    def __call__(self, members: Sequence[int]) -> np.ndarray:
        key = tuple(members)
        if (
            key not in self.made
            and self.next < len(self.pending)
            and (key == tuple(self.pending[self.next]))
        ):
            block, size = [], 0
            while self.next < len(self.pending) and (not block or size < GROUP_BLOCK):
                block.append(self.pending[self.next])
                size += len(self.pending[self.next])
                self.next += 1
            made = group_matrices(self.features, self.params, block, self.vectors)
            self.made.update((tuple(g), m) for g, m in zip(block, made, strict=True))
        found = self.made.pop(key, None)
        if found is None:
            return group_similarities(self.features, self.params, members)
        return found


def _group_weighed(
    group: Sequence[Features], weighed: Sequence[Sequence[Mapping[str, float]]] | None = None
) -> list[Features]:
    """Return the features of one group's members with each lead and body term and each
    lead name weighed again by how rare it is inside the group (see `group_similarities`).
    `weighed`: the members' lead and body vectors already weighed so (`_group_rows`), when
    the caller has them; else they are weighed here (`_reweighed`)."""
    n = len(group)
    names = Counter(t for f in group for t in f.names)
    weight = [idf(k, n) for k in range(n + 1)]  # by in how many members a term is
    if weighed is None:
        # Read once each, not kept: every group's members' dicts, kept on their `Row`s, were
        # about 2 KB an article held to the end of clustering (docs/history.md, fifth memory
        # round).
        lead_of = [read_once(f.lead) for f in group]
        body_of = [read_once(f.body) for f in group]
        leads = Counter(t for lead in lead_of for t in lead)
        bodies = Counter(t for body in body_of for t in body)
        weighed = (
            [_reweighed(lead, leads, weight) for lead in lead_of],
            [_reweighed(body, bodies, weight) for body in body_of],
        )
    return [
        replace(f, lead=lead, body=body, lead_names={t: weight[names[t]] for t in f.lead_names})
        for f, lead, body in zip(group, *weighed, strict=True)
    ]


def _reweighed(
    vector: Mapping[str, float], counts: Mapping[str, int], weight: Sequence[float]
) -> dict[str, float]:
    """Return `vector` with each weight times its term's IDF in the group (`counts`: in how
    many members each term is; `weight`: the IDF of each count), at unit length again."""
    weighed = {t: w * weight[counts[t]] for t, w in vector.items()}
    length = math.sqrt(sum(w * w for w in weighed.values())) or 1.0
    return {t: w / length for t, w in weighed.items()}


def local_parts(
    members: Sequence[int],
    local: Callable[[Sequence[int]], np.ndarray],
    threshold: float,
    copies: Mapping[int, int],
) -> tuple[dict[tuple[int, int], float], list[list[int]]]:
    """Return the similarity of each two of `members` scored among themselves (`local`,
    by position in `members`: (a, b) with a < b), and the groups average linkage forms
    from them at `threshold`. Copies of one story (`copies`: article index → copy group)
    count as fully similar, so linkage never parts them; and here a group of copies alone
    is kept apart as tight (unlike the folder's linkage, `linkage_merges`' `copies`): a
    syndicated report of a final and the coach's resignation it retells are parted among
    themselves by that (blind7, 0.855 against 0.821)."""
    similar = local(members)
    n = len(members)
    sims = {(a, b): float(similar[a, b]) for a in range(n) for b in range(a + 1, n)}
    copy_group = [copies.get(i) for i in members]
    for a, b in sims:
        if copy_group[a] is not None and copy_group[a] == copy_group[b]:
            sims[(a, b)] = 1.0
    return sims, average_linkage(n, {k: v for k, v in sims.items() if v > 0}, threshold)


def _mean(sims: Mapping[tuple[int, int], float], pairs: Iterable[tuple[int, int]]) -> float:
    values = [sims[(min(a, b), max(a, b))] for a, b in pairs]
    return sum(values) / len(values)


def _inside(sims: Mapping[tuple[int, int], float], part: Sequence[int]) -> float:
    return _mean(sims, ((a, b) for x, a in enumerate(part) for b in part[x + 1 :]))


def _between(sims: Mapping[tuple[int, int], float], p: Sequence[int], q: Sequence[int]) -> float:
    return _mean(sims, ((a, b) for a in p for b in q))


def _one_language_each(
    parts: Sequence[Sequence[int]], members: Sequence[int], languages: Sequence[str | None] | None
) -> bool:
    """True when `parts` are two, each of one language, different ones."""
    if languages is None or len(parts) != 2:
        return False
    tongues = [{languages[members[r]] for r in part} for part in parts]
    return len(tongues[0]) == len(tongues[1]) == 1 and tongues[0] != tongues[1]


def try_local(
    members: Sequence[int],
    local: Callable[[Sequence[int]], np.ndarray],
    threshold: float,
    copies: Mapping[int, int],
    languages: Sequence[str | None] | None = None,
    scored: tuple[dict[tuple[int, int], float], list[list[int]]] | None = None,
) -> Split | None:
    """Return the halves of `members` (article indexes, sorted) when, scored among
    themselves (`local`: `group_similarities`, words all of them use weigh little), they
    fall into exactly two groups of several reports each that keep apart as
    `linkage_merges` keeps groups apart (their average to each other under `SEPARATION` of
    each one's average inside); else None. Not when the parts are one language each
    (`languages`, by article index), different ones: reports in two languages share only
    names and numbers, so among themselves they fall apart by language. Copies of one story
    (`copies`: article index → copy group) count as fully similar, so linkage never parts
    them. `scored`: `local_parts` of these members, when the caller has it.

    A topic's happenings a few days apart (a raid, the minister's resignation, the suspects
    named) retell each other, so scored among the whole folder the topic's words hold them
    in one group; among themselves those words weigh little and what each happening's
    reports share (its action, its people, its figures) is what is left.
    """
    if not 4 <= len(members) <= MAX_LOCAL:
        return None
    sims, parts = scored or local_parts(members, local, threshold, copies)
    if len(parts) != 2 or min(map(len, parts)) < 2:
        return None
    if _one_language_each(parts, members, languages):
        return None
    first, second = parts
    inside = [_inside(sims, p) for p in parts]
    between = _between(sims, first, second)
    if between >= SEPARATION * min(inside):
        return None
    return Split(
        tuple(members[r] for r in first),
        tuple(members[r] for r in second),
        ("", ""),
        sum(inside) / 2,
        between,
        local=True,
    )


def dated_parts(
    members: Sequence[int],
    sims: Mapping[tuple[int, int], float],
    parts: Sequence[Sequence[int]],
    spans: Sequence[tuple[int, int] | None],
    languages: Sequence[str | None] | None = None,
    days: Sequence[int | None] | None = None,
) -> tuple[list[list[int]], list[Split]] | None:
    """Return `members` cut into the happenings they fall into among themselves (`sims`
    and `parts`: `local_parts`), where `try_local`'s two halves are too narrow a rule: two
    or more parts of several reports each, each lone report joined to the one part whose
    dates hold its day (`days`: each article's `happening_day`; without them, its span's
    one day), else to the part it is most like on average. Only when every two of
    those parts keep apart as `try_local` asks (under `SEPARATION` of each one's average
    inside) and the dates tell them apart too:
    each part holds a report with a date of its own (`spans`: each article's `date_span`,
    by index), and every two parts' dates do not overlap or interleave (all of one part's
    before all of the other's). Else None. The splits record each two parts.

    A follow-up, a second happening and a lone angle in one group (the vaccine's arrival
    two days before the WHO's statement, with a report on the cases between) are left
    whole by the two-halves rule; one event's reports that fall apart among themselves by
    their wording (ECB+) carry the same days, so the date rule keeps them together.

    More lone reports than parts are angles of one happening, not happenings, unless their
    days place them (`_placed_by_day`): reports worded independently, as different
    newsrooms write, often share too little among themselves to pair up, and a hospital
    fire's lone reports all of the fire's day beside two reports of the president's visit
    the next day are the fire's.
    """
    several = [list(p) for p in parts if len(p) >= 2]
    if len(several) < 2 or _one_language_each(several, members, languages):
        return None
    inside = [_inside(sims, p) for p in several]
    ranges = []
    for part in several:
        dated = [spans[members[r]] for r in part if spans[members[r]] is not None]
        if not dated:
            return None
        ranges.append((min(s[0] for s in dated), max(s[1] for s in dated)))
    lone = [members[p[0]] for p in parts if len(p) == 1]
    placed = [[members[r] for r in part] for part in several]
    if len(lone) > len(several) and not _placed_by_day(lone, placed, spans, days):
        return None  # more lone reports than parts, their days no guide: angles
    pairs = list(combinations(range(len(several)), 2))
    between = [_between(sims, several[x], several[y]) for x, y in pairs]
    for (x, y), apart in zip(pairs, between, strict=True):
        if apart >= SEPARATION * min(inside[x], inside[y]):
            return None
        if not (ranges[x][1] < ranges[y][0] or ranges[y][1] < ranges[x][0]):
            return None
    for part in parts:
        if len(part) == 1:
            (r,) = part
            own = _day_of([members[r]], spans, days)
            nearest = _day_first(
                [k for k, (lo, hi) in enumerate(ranges) if own is not None and lo <= own <= hi],
                max(range(len(several)), key=lambda k: (_between(sims, [r], several[k]), -k)),
            )
            several[nearest] = sorted([*several[nearest], r])
    cut = [[members[r] for r in part] for part in several]
    splits = [  # the figures the parts were cut on, before lone reports joined them
        Split(
            tuple(members[r] for r in several[x]),
            tuple(members[r] for r in several[y]),
            ("", ""),
            (inside[x] + inside[y]) / 2,
            apart,
            local=True,
            parts=len(several),
            dated=True,
        )
        for (x, y), apart in zip(pairs, between, strict=True)
    ]
    return cut, splits


def _placed_by_day(
    lone: Sequence[int],
    parts: Sequence[Sequence[int]],
    spans: Sequence[tuple[int, int] | None],
    days: Sequence[int | None] | None,
) -> bool:
    """Whether lone reports are placed by their days among `parts` (article indexes): every
    lone report with a day (`_day_of`: the day it tells of) falls between the first and
    the last day of exactly one part's reports, and one at least has a day. A lone report
    without a day goes by its words (`dated_parts`). The days, not the page dates: pages
    stamped one to three days after what their leads date would place a report by when it
    was published."""
    ranges = []
    for part in parts:
        told = [d for i in part if (d := _day_of([i], spans, days)) is not None]
        ranges.append((min(told), max(told)) if told else (1, 0))
    held = []
    for r in lone:
        own = _day_of([r], spans, days)
        if own is not None:
            held.append(sum(lo <= own <= hi for lo, hi in ranges))
    return bool(held) and all(count == 1 for count in held)


DAY_GAP = 2
"""`day_gap_halves` cuts where a group's dated reports leave at least this many days from
one side's last to the other's first (a day or more with no report between)."""
DATED_SIDE = 2
"""`day_gap_halves` cuts only where each side holds at least this many reports with a day,
or one side a single report whose lead says its day (`lead_dates`) and the other this many."""


def lead_dates(f: Features, day: int | None) -> bool:
    """Whether a report's lead says on which day what it tells happened: its happening day
    (`day`: its `happening_day`, as the caller has it) is its lead's date, or its lead names
    that day's weekday ("Menteri ... meresmikan ..., Kamis (19/11)", "... declared an
    outbreak on Wednesday"). A page about a story published days later, without a day in
    its first sentence, does not.
    >>> from dataclasses import replace
    >>> from datetime import date
    >>> page = Features("a", {}, {}, {}, frozenset(), DateValue(date(2026, 7, 16), Granularity.DAY))
    >>> [lead_dates(p, happening_day(p)) for p in (page, replace(page, lead_weekday=2))]
    [False, True]
    """
    return day is not None and (f.lead_day == day or f.lead_weekday is not None)


def day_gap_halves(
    members: Sequence[int],
    sims: Mapping[tuple[int, int], float],
    spans: Sequence[tuple[int, int] | None],
    days: Sequence[int | None] | None,
    copies: Mapping[int, int],
    languages: Sequence[str | None] | None = None,
    told: Collection[int] = frozenset(),
) -> tuple[list[list[int]], list[Split]] | None:
    """Return `members` (article indexes, sorted) cut in two where their days leave a gap,
    and the split made; else None. The reports with a day of their own (`days`: each
    article's `happening_day`; without them, its span's one day) are parted at a day
    boundary where the later side begins `DAY_GAP` days or more after the earlier side ends
    and each side holds `DATED_SIDE` of them, or one side a single report whose lead says
    its day (`told`: article indexes, `lead_dates`), and only where, scored among the group
    (`sims`, by position in `members`: `local_parts`), the sides are less alike to each
    other than each side of two or more is inside. Of several such boundaries, the one
    whose sides are least alike (their similarity to each other for their lesser likeness
    inside). A report without a day joins the side it is more like on average (the earlier
    on a tie). Never where one story's copies (`copies`: article index → copy group) would
    be parted, nor into one language each.

    `dated_parts` asks the group to fall into parts among itself first; reports worded
    independently, as different newsrooms write, often share too little to pair up among
    themselves, so a protest and the suspects named two days later, each told by two or
    three outlets, stayed one group. The dates alone would cut too much: one event's
    coverage runs over days with a report on each (ECB+ keeps such reports one event), so
    the rule asks for a day with no report between the sides, as well as for the sides to
    hold apart in words. A lone report a side must say its day in its lead: ECB+'s reports
    of one story over days include pages published days later that give no day of their
    own, and such a page is no happening of its own.
    """
    day = [_day_of([m], spans, days) for m in members]
    known = sorted({d for d in day if d is not None})
    best: tuple[float, list[int], list[int], float, float] | None = None
    for last, first in pairwise(known):
        if first - last < DAY_GAP:
            continue
        early = [r for r, d in enumerate(day) if d is not None and d <= last]
        late = [r for r, d in enumerate(day) if d is not None and d >= first]
        short = [side for side in (early, late) if len(side) < DATED_SIDE]
        if len(short) > 1 or any(len(s) > 1 or members[s[0]] not in told for s in short):
            continue
        insides = [_inside(sims, side) for side in (early, late) if len(side) > 1]
        apart = _between(sims, early, late)
        if apart >= min(insides):
            continue
        ratio = apart / min(insides)
        if best is None or ratio < best[0]:
            best = (ratio, early, late, sum(insides) / len(insides), apart)
    if best is None:
        return None
    _, early, late, within, apart = best
    for r, d in enumerate(day):
        if d is None:
            (early if _between(sims, [r], early) >= _between(sims, [r], late) else late).append(r)
    sides = [sorted(members[r] for r in early), sorted(members[r] for r in late)]
    groups = [{copies.get(i) for i in side} - {None} for side in sides]
    if groups[0] & groups[1] or _one_language_each([early, late], members, languages):
        return None
    sides.sort()
    split = Split(tuple(sides[0]), tuple(sides[1]), ("", ""), within, apart, local=True,
                  dated=True, day_gap=True)  # fmt: skip
    return sides, [split]


MAX_LOCAL = 400
"""Larger groups are not scored among themselves (`split_local`): scoring and linkage cost
the square of the group's size."""


def split_local(
    groups: Sequence[Sequence[int]],
    local: Callable[[Sequence[int]], np.ndarray],
    threshold: float,
    copies: Sequence[Sequence[int]] = (),
    languages: Sequence[str | None] | None = None,
    spans: Sequence[tuple[int, int] | None] | None = None,
    days: Sequence[int | None] | None = None,
    told: Collection[int] = frozenset(),
) -> tuple[list[list[int]], list[Split]]:
    """Return `groups` with each that falls into two happenings among itself cut in two
    (`try_local`; once: the halves are not tried again), or, failing that and given each
    article's `spans`, into the dated happenings it falls into (`dated_parts`), or at a
    gap in its days (`day_gap_halves`, with `told`), sorted by first member, and the
    splits made.
    Copies of one story (`copies`) are never cut apart, and a group is not cut into one
    part of each language (`languages`: each article's, by index)."""
    copy_of = {i: g for g, group in enumerate(copies) if len(group) > 1 for i in group}
    done: list[list[int]] = []
    splits: list[Split] = []
    for group in groups:
        members = sorted(group)
        if not 4 <= len(members) <= MAX_LOCAL:
            done.append(members)
            continue
        scored = local_parts(members, local, threshold, copy_of)
        split = try_local(members, local, threshold, copy_of, languages, scored)
        if split is not None:
            splits.append(split)
            done += [list(split.first), list(split.second)]
            continue
        found = None if spans is None else dated_parts(members, *scored, spans, languages, days)
        if found is None and spans is not None:
            found = day_gap_halves(members, scored[0], spans, days, copy_of, languages, told)
        if found is None:
            done.append(members)
            continue
        done += found[0]
        splits += found[1]
    return sorted(done, key=lambda m: m[0]), splits


STEP_REPORTS = 2
"""`split_steps` cuts a group only where each step is told by at least this many reports."""


def _step_parts(
    members: Sequence[int], features: Sequence[Features]
) -> tuple[str, dict[int, list[int]]] | None:
    """Return the first sequence (by name) of which `members` hold two or more steps, each
    told by `STEP_REPORTS` reports or more, and those reports by step; else None. Before
    any, market sessions (`stages.SESSION`): market reports with days of their own on two
    days or more are two sessions or more, however few report each (the days say it)."""
    sessions: dict[int, list[int]] = defaultdict(list)
    for i in members:
        if any(sequence == MARKET for sequence, _ in features[i].steps):
            day = own_day(features[i])
            if day is not None:
                sessions[day].append(i)
    if len(sessions) >= 2:
        return SESSION, dict(sessions)
    told: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i in members:
        for sequence, step in features[i].steps:
            if sequence not in KIND_TABLES:  # headline kinds are sets of kinds, not steps
                told[sequence][step].append(i)
    for sequence in sorted(told):
        parts = {step: own for step, own in told[sequence].items() if len(own) >= STEP_REPORTS}
        if len(parts) >= 2 and (sequence not in DATED_STEPS or _days_in_order(parts, features)):
            return sequence, parts
    return None


def _days_in_order(parts: Mapping[int, Sequence[int]], features: Sequence[Features]) -> bool:
    """Whether each step's reports carry days of their own, each step's all before the next
    step's (a `DATED_STEPS` sequence: an arrest the evening of the shooting is its event)."""
    days = [[d for i in parts[step] if (d := own_day(features[i])) is not None]
            for step in sorted(parts)]  # fmt: skip
    return all(days) and all(max(a) < min(b) for a, b in pairwise(days))


def split_steps(
    groups: Sequence[Sequence[int]],
    features: Sequence[Features],
    sims: Mapping[tuple[int, int], float],
    copies: Sequence[Sequence[int]] = (),
    days: Sequence[int | None] | None = None,
) -> tuple[list[list[int]], list[Split]]:
    """Return `groups` with each that holds two or more steps of one sequence, each told by
    several reports (`_step_parts`: a meeting's reports and the signing's that followed it
    the same afternoon), cut into one part per step; a report that names no step of it joins
    the one part told on its own day, if only one is (a crash's report that names no police
    goes with the crash, not with the driver named two days later), else the part it is most
    like on average (`sims`: the folder's pair similarities). Not where copies of one story
    would be parted. The splits record each two parts. `days`: each report's
    `happening_day`, where the caller has them.

    Pairs of reports about different steps are already weighed down (`STEP_FACTOR`), but a
    report that names no step ("... asked his counterpart on Sunday to confirm ...") is like
    both and holds them in one group; two reports or more on each side are what say that
    both happenings took place.
    """
    copy_of = {i: g for g, group in enumerate(copies) if len(group) > 1 for i in group}
    if days is None:
        days = [happening_day(f) for f in features]
    done: list[list[int]] = []
    splits: list[Split] = []
    for group in groups:
        members = sorted(group)
        found = _step_parts(members, features)
        if found is None:
            done.append(members)
            continue
        sequence, told = found
        steps = sorted(told)
        parts = {step: list(told[step]) for step in steps}
        placed = {i for step in steps for i in told[step]}
        if len(placed) != sum(map(len, told.values())):  # a report told as two steps
            done.append(members)
            continue
        told_days = {step: {days[j] for j in told[step]} - {None} for step in steps}
        for i in members:
            if i not in placed:
                day = days[i]
                best = _day_first(
                    [step for step in steps if day is not None and day in told_days[step]],
                    max(
                        steps,
                        key=lambda step: (_mean_or_zero(sims, ((i, j) for j in told[step])), -step),
                    ),
                )
                parts[best].append(i)
        owner = {i: step for step, part in parts.items() for i in part}
        copied = [i for i in members if i in copy_of]
        if any(copy_of[i] == copy_of[j] and owner[i] != owner[j] for i in copied for j in copied):
            done.append(members)
            continue
        cut = [sorted(parts[step]) for step in steps]
        done += cut
        for (x, first), (y, second) in combinations(zip(steps, cut, strict=True), 2):
            inside = [_mean_or_zero(sims, combinations(part, 2)) for part in (first, second)]
            splits.append(
                Split(
                    tuple(first),
                    tuple(second),
                    (step_name(sequence, x), step_name(sequence, y)),
                    sum(inside) / 2,
                    _mean_or_zero(sims, ((a, b) for a in first for b in second)),
                    parts=len(cut),
                    stepped=True,
                )
            )
    return sorted(done, key=lambda m: m[0]), splits


def _mean_or_zero(sims: Mapping[tuple[int, int], float], pairs: Iterable[tuple[int, int]]) -> float:
    """`_mean` over the folder's similarities, where a pair never scored counts 0."""
    values = [sims.get((min(a, b), max(a, b)), 0.0) for a, b in pairs]
    return sum(values) / len(values) if values else 0.0


def cluster_events(
    articles: Sequence[Article],
    params: ClusterParams,
    together: Sequence[Sequence[str]] = (),
    known: Mapping[str, ArticleTerms] | TermStore | None = None,
    consume: bool = False,
) -> Clustering:
    """Return the events of `articles`, deterministic and independent of input order.

    Every group in `together` (near-duplicate copies of one story) ends in one event: its
    pairs count as fully similar. `known`: the articles' `features.read_article` records
    where the caller has them (see `featurize`), or a `features.TermStore` of them. With
    `consume`, `known` is emptied once the features are made: the records are a build's
    largest data, and the rest of clustering never reads them.
    """
    ordered = sorted(articles, key=lambda a: a.id)
    index = {a.id: i for i, a in enumerate(ordered)}
    features, leads, bodies = featurize_corpus(ordered, params, known, consume)
    if consume and isinstance(known, dict):
        known.clear()
    # A feature's date is its article's own, or the one its folder gave it (None: an
    # estimate after the folder's days, dropped: `features.dated_by_folder`).
    folder_dated = {
        a.id: f.date for a, f in zip(ordered, features, strict=True) if f.date != a.published
    }
    sims = pair_similarities(features, params, (leads, bodies))
    languages = [f.language for f in features]
    copy_groups = [sorted(index[aid] for aid in group if aid in index) for group in together]
    for members in copy_groups:
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                sims[(i, j)] = 1.0
    spans = [date_span(f.date) for f in features]
    copy_of = {i: k for k, members in enumerate(copy_groups) if len(members) > 1 for i in members}
    groups = average_linkage(
        len(ordered), sims, params.min_similarity, spans, params.max_gap_days, copy_of
    )
    days = [happening_day(f) for f in features]
    groups = attach_strays(groups, sims, params.min_similarity, spans, params.max_gap_days, days)
    copied = frozenset(i for members in copy_groups if len(members) > 1 for i in members)
    groups, released = release_ambiguous(groups, sims, features, spans, params.max_gap_days, copied)
    groups, splits = split_blended(
        groups, sims, features, languages, params.max_gap_days, copy_groups
    )
    local = functools.partial(local_similarities, ordered, params)
    groups, cuts = split_odd(groups, features, languages, params.max_gap_days, local, copy_groups)
    splits += cuts
    within = GroupScores(features, params, groups, (leads, bodies))
    told = frozenset(
        i for i, (f, d) in enumerate(zip(features, days, strict=True)) if lead_dates(f, d)
    )
    groups, cuts = split_local(
        groups, within, params.min_similarity, copy_groups, languages, spans, days, told
    )
    splits += cuts
    groups, cuts = split_steps(groups, features, sims, copy_groups, days)
    splits += cuts
    return Clustering(
        [[ordered[i].id for i in group] for group in groups],
        {(ordered[i].id, ordered[j].id): s for (i, j), s in sims.items()},
        tuple((ordered[r.article].id, r) for r in released),
        tuple(
            SplitIds(
                tuple(ordered[i].id for i in split.first),
                tuple(ordered[i].id for i in split.second),
                split,
            )
            for split in splits
        ),
        folder_dated,
        {a.id: language for a, language in zip(ordered, languages, strict=True)},
    )


def cluster_with_copies(articles: Sequence[Article], params: ClusterParams) -> Clustering:
    """Return the events as `digest build` forms them: copies of one story kept together
    (see `cluster_events`). `digest eval` and `explain` use this, so they measure and
    explain the clusterer the site uses."""
    return cluster_events(articles, params, duplicates.copy_groups(articles))


def cluster_articles(articles: Sequence[Article], params: ClusterParams) -> list[list[str]]:
    """Return groups of article ids, one per event (see `cluster_with_copies`)."""
    return cluster_with_copies(articles, params).groups


def central_member(
    group: Sequence[str],
    sims: Mapping[tuple[str, str], float],
    among: Sequence[str] | None = None,
) -> str:
    """Return the member most similar to the rest of its group (ties: the smallest id),
    chosen `among` some members only when given.

    Its headline is the best title for the event: it says what most members report.
    """

    def closeness(aid: str) -> float:
        return sum(sims.get((min(aid, o), max(aid, o)), 0.0) for o in group if o != aid)

    return min(sorted(among or group), key=lambda aid: -closeness(aid))


GUESSED = frozenset({DateSource.ESTIMATED, DateSource.INFERRED})
"""Dates a report does not state but are guessed from its text (a month from background
mentions, a day from a weekday): an event is not named after such a report while a member
states its own date."""


def founding_article(members: Sequence[Article]) -> Article:
    """Return the member an event is named after: the earliest of those that state their
    own date, else the earliest with a guessed one (`GUESSED`), then the smallest id.

    A report guessed to November from a background "letter dated November 20" would
    otherwise name an event of January that its own reports date.
    """

    def rank(a: Article) -> tuple:
        if a.published is None:
            return (2, None, a.id)
        return (a.published.source in GUESSED, a.published.value, a.id)

    return min(members, key=rank)


def new_event_id(founder: Article) -> str:
    """Return a permalink slug from the founder's headline plus a short content hash."""
    slug = slugify(founder.title, max_length=60) or "event"
    short = hashlib.sha256(founder.id.encode("utf-8")).hexdigest()[:6]
    return f"{slug}-{short}"


def assign_ids(
    groups: Sequence[Sequence[Article]], previous: Mapping[str, str] | None = None
) -> list[str]:
    """Return an id per group, reusing the id of the previous event it overlaps most.

    `previous` maps article id → event id from the last build. A group keeps an old id when
    it holds articles of that event and no other group holds more of them; otherwise the id
    comes from its founding article, so adding unrelated articles changes nothing.
    """
    previous = previous or {}
    claims: list[tuple[int, str, int]] = []
    for index, group in enumerate(groups):
        counts: dict[str, int] = defaultdict(int)
        for article in group:
            if article.id in previous:
                counts[previous[article.id]] += 1
        claims.extend((-n, old, index) for old, n in counts.items())
    ids: dict[int, str] = {}
    used: set[str] = set()
    for _, old, index in sorted(claims):
        if index not in ids and old not in used:
            ids[index] = old
            used.add(old)
    result: list[str] = []
    for index, group in enumerate(groups):
        event_id = ids.get(index) or new_event_id(founding_article(group))
        while event_id in used and ids.get(index) != event_id:
            event_id = f"{event_id}-x"
        used.add(event_id)
        result.append(event_id)
    return result
