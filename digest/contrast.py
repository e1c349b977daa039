"""Split a group that blends two events of one kind: the same action, different protagonists.

Average linkage joins reports whose average similarity reaches the threshold. Two events of
one kind (two title fights of one boxer, a coach fired and the same coach hired years
before, two pirate attacks foiled by one navy) share so much vocabulary that, when their
reports carry no dates to keep them apart, the two can average above it and become one
group. Inside such a group the words every report uses say nothing; what is left (each
report's words weighed against the group's own frequencies) falls into two halves, each
held together by a protagonist the other half never names.

Where both halves are dated to the same few days this is left alone: one developing story
has such halves too (early reports name the company, later ones the victim), and the dates
say the halves may well be one happening. So in practice the split separates reports
without dates (or with only a month or a year) from others, where dates cannot.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from digest.features import Features
from digest.model import Granularity

MIN_SIDE = 4
"""A group splits only into halves of at least this many reports each: a few reports that
differ from the rest are an angle of one event as often as another event."""
NAME_MARGIN = 0.75
"""Each half must have a name (not a number) that this much larger a share of its reports
mentions than of the other half's (0.75: in 80% of one half and 5% of the other)."""
CROSS_RATIO = 0.6
"""...and the halves' average similarity to each other must be at most this share of their
average similarity within (one event's angles stay close to each other)."""
MAX_GROUP = 400
"""Larger groups are left as they are: halving one costs the cube of its size."""


@dataclass(frozen=True)
class Split:
    """A group `split_blended` cut in two, with the evidence (article indexes)."""

    first: tuple[int, ...]
    second: tuple[int, ...]
    names: tuple[str, str]
    """The name that holds each half together and that the other half (nearly) never names."""
    within: float
    """The halves' mean similarity within each of them, averaged."""
    between: float
    """Their mean similarity to each other."""
    odd: bool = False
    """A report cut from the rest of its group (`split_odd`), not a blend halved: `first`
    is that report."""
    local: bool = False
    """Halves found by scoring the group among itself, each term weighed by how rare it is
    inside the group (`cluster.split_local`); `names` is empty."""
    parts: int = 2
    """How many parts the group was cut into (two, or more by `cluster.dated_parts`; a
    split records two of them)."""
    dated: bool = False
    """Parts told apart by their dates too (`cluster.dated_parts`), not `try_local`'s halves."""
    day_gap: bool = False
    """Halves told apart by days with no report between them (`cluster.day_gap_halves`);
    `within` averages the likeness inside each half of two or more reports with a day."""
    stepped: bool = False
    """Parts told apart by the step of one sequence their reports are about (`cluster.
    split_steps`: a meeting and the signing that followed it); `names` are the two steps."""


def local_vectors(members: Sequence[int], features: Sequence[Features]) -> np.ndarray:
    """Return one unit row per member: its body terms weighed by how rare each is inside
    the group (log of the group's size over the term's members), so that words every
    report uses weigh nothing and what sets reports apart weighs most."""
    n = len(members)
    counts = Counter(t for i in members for t in features[i].body)
    columns = {t: c for c, t in enumerate(sorted(t for t, k in counts.items() if k < n))}
    matrix = np.zeros((n, max(1, len(columns))))
    for row, i in enumerate(members):
        for term, weight in features[i].body.items():
            column = columns.get(term)
            if column is not None:
                matrix[row, column] = weight * math.log(n / counts[term])
    norms = np.linalg.norm(matrix, axis=1)
    norms[norms == 0] = 1.0
    return matrix / norms[:, None]


def halves(similar: np.ndarray, min_side: int = 1) -> tuple[list[int], list[int]]:
    """Return the two parts (row indexes, each sorted) of the square similarity matrix
    `similar` that average linkage joins last while each holds at least `min_side` rows.

    The very last merge of average linkage often just adds one odd report to all the rest;
    the two parts wanted are the last two *substantial* ones.
    Ties between pairs go to the first pair in row order. Returns two empty lists when no
    merge joins two parts that large, and leaves out the rows of neither part (odd reports
    joined later).
    """
    n = len(similar)
    totals = similar.astype(float).copy()
    sizes = np.ones(n)
    alive = np.ones(n, dtype=bool)
    groups: list[list[int]] = [[i] for i in range(n)]
    upper = np.triu(np.ones((n, n), dtype=bool), k=1)
    last: tuple[list[int], list[int]] = ([], [])
    for _ in range(n - 1):
        average = np.round(totals / np.outer(sizes, sizes), 12)
        average[~(upper & alive[:, None] & alive[None, :])] = -np.inf
        a, b = divmod(int(np.argmax(average)), n)
        if min(len(groups[a]), len(groups[b])) >= min_side:
            last = (list(groups[a]), list(groups[b]))
        totals[a, :] += totals[b, :]
        totals[:, a] += totals[:, b]
        sizes[a] += sizes[b]
        alive[b] = False
        groups[a] += groups[b]
    first, second = last
    return sorted(first), sorted(second)


def _mean(values: list[float]) -> float:
    return math.fsum(values) / len(values) if values else 0.0


NAME_STEM = 6
"""Names are compared by their first this-many letters: one company written "Distributors"
in some reports and "Distribution" in others, or one man "Zelensky" and "Zelenskyy", is
one name, not a protagonist of each half."""


def _stems(i: int, features: Sequence[Features]) -> set[str]:
    return {t[:NAME_STEM] for t in features[i].names if not t.startswith("#")}


def _binding_name(
    side: Sequence[int], other: Sequence[int], features: Sequence[Features]
) -> tuple[float, str]:
    """Return the name (not a number) most common in `side` against `other`, and its margin:
    the share of `side` that names it minus the share of `other` that does (names compared
    by `NAME_STEM`). Of names with the same margin, the one most of `side` leads with is
    given (then the first in order)."""
    here = Counter(t for i in side for t in _stems(i, features))
    there = Counter(t for i in other for t in _stems(i, features))
    full = Counter(t for i in side for t in features[i].names if not t.startswith("#"))
    leads = Counter(t for i in side for t in features[i].lead_names)
    if not full:
        return 0.0, ""
    margin, _, _, name = min(
        (-(here[t[:NAME_STEM]] - there[t[:NAME_STEM]] * len(side) / len(other)) / len(side),
         -leads[t], -c, t)
        for t, c in full.items()
    )  # fmt: skip
    return -margin, name


def _days(side: Sequence[int], features: Sequence[Features]) -> list[int]:
    """Return the days (ordinals) of the reports of `side` that are dated to a day."""
    return [
        f.date.value.toordinal()
        for f in (features[i] for i in side)
        if f.date is not None and f.date.granularity is Granularity.DAY
    ]


def same_days(
    first: Sequence[int], second: Sequence[int], features: Sequence[Features], max_gap_days: int
) -> bool:
    """Whether both halves hold reports dated to a day, no more than `max_gap_days` apart."""
    a, b = _days(first, features), _days(second, features)
    if not a or not b:
        return False
    return max(min(b) - max(a), min(a) - max(b), 0) <= max_gap_days


def _may_split(members: Sequence[int], features: Sequence[Features], max_gap_days: int) -> bool:
    """Whether any two halves could pass `try_split`'s tests on names and dates (cheap tests
    first: most groups are one event whose reports all name the same people).

    Each half needs a name in at least `NAME_MARGIN` of its reports and at most
    1 - `NAME_MARGIN` of the other's, so in at least `NAME_MARGIN` * `MIN_SIDE` reports and
    at most all but that many: two such names are needed. And if every report is dated to
    a day, all within `max_gap_days`, any two halves are dated to the same few days.
    """
    n = len(members)
    least = math.ceil(NAME_MARGIN * MIN_SIDE)
    counts = Counter(t for i in members for t in _stems(i, features))
    if sum(1 for c in counts.values() if least <= c <= n - least) < 2:
        return False
    days = _days(members, features)
    return not (len(days) == n and max(days) - min(days) <= max_gap_days)


def try_split(
    members: Sequence[int],
    sims: Mapping[tuple[int, int], float],
    features: Sequence[Features],
    languages: Sequence[str | None],
    copies: Mapping[int, int],
    max_gap_days: int,
) -> Split | None:
    """Return how `members` (article indexes, sorted) splits into two events, or None."""
    if not 2 * MIN_SIDE <= len(members) <= MAX_GROUP or not _may_split(
        members, features, max_gap_days
    ):
        return None
    vectors = local_vectors(members, features)
    first_rows, second_rows = halves(vectors @ vectors.T, MIN_SIDE)
    if not first_rows:
        return None
    first = [members[r] for r in first_rows]
    second = [members[r] for r in second_rows]

    def sim(i: int, j: int) -> float:
        return sims.get((min(i, j), max(i, j)), 0.0)

    placed = set(first) | set(second)
    odd = [i for i in members if i not in placed]
    for i in odd:  # odd reports go to the half they are more similar to (the clusterer's own)
        closer = _mean([sim(i, j) for j in first]) >= _mean([sim(i, j) for j in second])
        (first if closer else second).append(i)
    first.sort()
    second.sort()
    # Copies of one story stay together; halves that are one language each differ in the
    # names each language writes ("Indonesia's" against "RI"), not in the event.
    if {copies.get(i) for i in first} & {copies.get(i) for i in second} - {None}:
        return None
    first_languages = {languages[i] for i in first}
    second_languages = {languages[i] for i in second}
    if len(first_languages) == len(second_languages) == 1 and first_languages != second_languages:
        return None
    # Halves dated to the same few days are angles of one happening as often as two
    # happenings (a star's rehab: the clinic in some reports, her lawyer in others); the
    # words cannot tell which, and the dates say they may well be one.
    if same_days(first, second, features, max_gap_days):
        return None
    (margin_a, name_a), (margin_b, name_b) = (
        _binding_name(first, second, features),
        _binding_name(second, first, features),
    )
    if min(margin_a, margin_b) < NAME_MARGIN:
        return None
    within = _mean(
        [
            _mean([sim(i, j) for x, i in enumerate(side) for j in side[x + 1 :]])
            for side in (first, second)
        ]
    )
    between = _mean([sim(i, j) for i in first for j in second])
    if between > CROSS_RATIO * within:
        return None
    return Split(tuple(first), tuple(second), (name_a, name_b), within, between)


def split_blended(
    groups: Sequence[Sequence[int]],
    sims: Mapping[tuple[int, int], float],
    features: Sequence[Features],
    languages: Sequence[str | None],
    max_gap_days: int,
    copies: Sequence[Sequence[int]] = (),
) -> tuple[list[list[int]], list[Split]]:
    """Return `groups` with every blend of two events cut in two (again, while a half is
    itself a blend), sorted by first member, and the splits made.

    A group is cut when the two halves that its reports' distinctive words make (average
    linkage on `local_vectors`) are each held together by a name that the other half
    (nearly) never mentions, and are much less similar to each other than within
    themselves. Copies of one story (`copies`, article indexes) are never cut apart.
    """
    copy_of = {i: g for g, group in enumerate(copies) if len(group) > 1 for i in group}
    todo = [sorted(g) for g in groups]
    done: list[list[int]] = []
    splits: list[Split] = []
    while todo:
        members = todo.pop()
        split = try_split(members, sims, features, languages, copy_of, max_gap_days)
        if split is None:
            done.append(members)
            continue
        splits.append(split)
        todo += [list(split.first), list(split.second)]
    return sorted(done, key=lambda m: m[0]), sorted(
        splits, key=lambda s: min(s.first[0], s.second[0])
    )


ODD_RATIO = 0.5
"""A report is cut from its group only when its mean similarity to the others, scored as if
the group were the whole folder (`LocalSimilarity`), is at most this share of theirs to
each other."""


def _longest(tokens: set[str] | frozenset[str]) -> str:
    return min(tokens, key=lambda t: (-len(t), t))


def _odd_people(
    x: int, rest: Sequence[int], features: Sequence[Features]
) -> tuple[str, str] | None:
    """Return a name of a person report `x` is about whom no other report names, and of a
    person every other report is about whom `x` never names (`Features.lead_people`), or
    None when there are no such two."""
    own = [p for p in features[x].lead_people if not any(p & features[i].names for i in rest)]
    if not own:
        return None
    people = ({t for p in features[i].lead_people for t in p} for i in rest)
    shared = set.intersection(*people) - features[x].names
    return (_longest(own[0]), _longest(shared)) if shared else None


LocalSimilarity = Callable[[Sequence[int]], np.ndarray]
"""Given article indexes, their similarities as the clusterer scores them in a folder of
those articles alone (so words all of them use weigh little): a square matrix."""


def try_odd(
    members: Sequence[int],
    features: Sequence[Features],
    languages: Sequence[str | None],
    copies: Mapping[int, int],
    max_gap_days: int,
    local: LocalSimilarity,
) -> Split | None:
    """Return the cut of one report from `members` (article indexes, sorted) that reports
    another event, or None: the report is about a person none of the others names, all the
    others are about a person it never names, and, scored as if the group were the whole
    folder (`local`), it is much less similar to them than they are to each other. Not when
    it is a copy of one of them, the only report in its language, or dated to the same
    few days as them."""
    if not 3 <= len(members) <= MAX_GROUP:
        return None
    similar: np.ndarray | None = None
    best: tuple[float, Split] | None = None
    for row, x in enumerate(members):
        rest = [i for i in members if i != x]
        people = _odd_people(x, rest, features)
        if people is None or languages[x] not in {languages[i] for i in rest}:
            continue
        if copies.get(x) is not None and copies.get(x) in {copies.get(i) for i in rest}:
            continue
        if same_days([x], rest, features, max_gap_days):
            continue
        if similar is None:
            similar = local(members)
        others = [r for r in range(len(members)) if r != row]
        within = _mean(
            [float(similar[a, b]) for k, a in enumerate(others) for b in others[k + 1 :]]
        )
        between = _mean([float(similar[row, b]) for b in others])
        if within <= 0 or between > ODD_RATIO * within:
            continue
        if best is None or between / within < best[0]:
            best = (between / within, Split((x,), tuple(rest), people, within, between, odd=True))
    return best[1] if best else None


def split_odd(
    groups: Sequence[Sequence[int]],
    features: Sequence[Features],
    languages: Sequence[str | None],
    max_gap_days: int,
    local: LocalSimilarity,
    copies: Sequence[Sequence[int]] = (),
) -> tuple[list[list[int]], list[Split]]:
    """Return `groups` with every report of another event cut out (`try_odd`, again on the
    rest while one is found), sorted by first member, and the cuts made."""
    copy_of = {i: g for g, group in enumerate(copies) if len(group) > 1 for i in group}
    done: list[list[int]] = []
    cuts: list[Split] = []
    for group in groups:
        members = sorted(group)
        while cut := try_odd(members, features, languages, copy_of, max_gap_days, local):
            cuts.append(cut)
            done.append(list(cut.first))
            members = list(cut.second)
        done.append(members)
    return sorted(done, key=lambda m: m[0]), sorted(cuts, key=lambda s: s.first[0])
