"""Why two articles are, or are not, in one event: the evidence behind their similarity."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from digest import cluster
from digest.config import ClusterParams
from digest.errors import InputError
from digest.features import (
    Features,
    cosine,
    english_side,
    featurize,
    headline_place_sides,
    name_coverage,
    office_sides,
    shared_names,
)
from digest.model import Article
from digest.stages import (
    AGAIN,
    KIND_TABLES,
    MARKET,
    OFFICES,
    SESSION,
    SUBSTANCE,
    VISIT,
    Steps,
    conflicting_steps,
    kind_names,
    step_name,
)

TOP_TERMS = 8
TOP_NAMES = 16


@dataclass(frozen=True)
class Explanation:
    """The parts of one pair's similarity, with the terms that contributed most."""

    a: str
    b: str
    similarity: float
    threshold: float
    lead: float
    body: float
    names: float
    coverage: tuple[float | None, float | None]
    gap_days: int | None
    gap_is_least: bool
    """The gap is a least number of days: a dateline without its year is involved."""
    is_gated: bool
    event_gap_days: int | None
    """When the articles are in different events: the widest gap between a dated member of
    one and a dated member of the other (None if either event has no read date)."""
    lead_terms: tuple[tuple[str, float], ...]
    body_terms: tuple[tuple[str, float], ...]
    shared: tuple[str, ...]
    only_a: tuple[str, ...]
    only_b: tuple[str, ...]
    same_event: bool
    set_apart: tuple[str, cluster.Release] | None = None
    """One of the two, if it was set apart as ambiguous between two events."""
    split: cluster.SplitIds | None = None
    """The cut that put the two articles apart: a blend of two events halved, or one report
    of another event cut out of their group (`split.odd`)."""
    places: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    """The countries each article leads with that the other never names (both non-empty: the
    pair's similarity was weakened, `features.place_conflict`)."""
    headlines: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    """The countries each headline names that the other article's headline and lead do not
    (both non-empty: the pair's similarity was weakened, `features.place_conflict`)."""
    offices: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    """The offices each headline names that the other report's opening does not (both
    non-empty: the pair's similarity was weakened, `features.office_conflict`)."""
    regions: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    """The provinces each article's headline and first paragraph name, when neither shares
    one with the other (both non-empty: the pair's similarity was weakened,
    `features.place_conflict`)."""
    languages: tuple[str | None, str | None] = (None, None)
    """Each article's language; two different ones raise the similarity
    (`cluster.CROSS_LANGUAGE`)."""
    steps: tuple[Steps, Steps] = ((), ())
    """The steps of known sequences each article's opening names (`stages.report_steps`)."""
    days: tuple[int | None, int | None] = (None, None)
    """Each article's own day (`cluster.own_day`): some steps differ only on two days."""
    weekdays: tuple[int | None, int | None] = (None, None)
    """The one weekday each lead's first sentence names (`Features.lead_weekday`)."""
    weekday_conflict: bool = False
    """One report has no own day and its lead's weekday does not fit the other's day, or
    neither has one and their leads' weekdays do not fit (`cluster.weekday_conflict`)."""
    roundups: tuple[bool, bool] = (False, False)
    """Whether each headline labels an opinion or a round-up (`features.is_roundup`)."""


WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _with_article(name: str) -> str:
    """Return `name` after "a" or "an": "an emergency declared", "a dismissal"."""
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def find_article(articles: Sequence[Article], ref: str) -> int:
    """Return the index of the article whose id, file name, path or stem is `ref`.

    A prefix of exactly one article id works too ("007" for "007_1a2b3c4d5e6f7a8b").
    """
    for index, article in enumerate(articles):
        path = Path(article.path)
        if ref in (article.id, article.path, path.name, path.stem):
            return index
    prefixed = [i for i, a in enumerate(articles) if a.id.startswith(ref)]
    if len(prefixed) == 1:
        return prefixed[0]
    raise InputError(f"{ref}: no such article (give an article id or file name)")


def _top(a: dict[str, float], b: dict[str, float]) -> tuple[tuple[str, float], ...]:
    parts = sorted(((a[t] * b[t], t) for t in a.keys() & b.keys()), reverse=True)
    return tuple((t, v) for v, t in parts[:TOP_TERMS])


def _names(a: Features, b: Features) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    def by_weight(d: dict[str, float], keep: set[str]) -> tuple[str, ...]:
        return tuple(t for t in sorted(d, key=lambda t: (-d[t], t)) if t in keep)[:TOP_NAMES]

    shared = by_weight({**a.lead_names, **b.lead_names}, set(a.lead_names) & b.names)
    only_a = by_weight(a.lead_names, set(a.lead_names) - b.names)
    only_b = by_weight(b.lead_names, set(b.lead_names) - a.names)
    return shared, only_a, only_b


def explain_pair(
    articles: Sequence[Article], ref_a: str, ref_b: str, params: ClusterParams
) -> Explanation:
    """Return the evidence for and against `ref_a` and `ref_b` being one event in `articles`."""
    ordered = sorted(articles, key=lambda a: a.id)
    i, j = find_article(ordered, ref_a), find_article(ordered, ref_b)
    features = featurize(ordered, params)
    fa, fb = features[i], features[j]
    gap = cluster.date_gap_days(fa, fb)
    clustering = cluster.cluster_with_copies(ordered, params)
    groups = clustering.groups
    released = dict(clustering.released)
    group_of = {aid: index for index, g in enumerate(groups) for aid in g}
    shared, only_a, only_b = _names(fa, fb)
    ga, gb = group_of[fa.article_id], group_of[fb.article_id]
    index = {f.article_id: f for f in features}
    return Explanation(
        a=fa.article_id,
        b=fb.article_id,
        similarity=cluster.similarity(fa, fb, params),
        threshold=params.min_similarity,
        lead=cosine(fa.lead, fb.lead),
        body=cosine(fa.body, fb.body),
        names=shared_names(fa, fb),
        coverage=(name_coverage(fa, fb), name_coverage(fb, fa)),
        gap_days=gap,
        gap_is_least=None in (cluster.date_span(fa.date), cluster.date_span(fb.date)),
        is_gated=gap is not None and gap > params.max_gap_days,
        event_gap_days=None
        if ga == gb
        else _widest_gap([index[x] for x in groups[ga]], [index[x] for x in groups[gb]]),
        lead_terms=_top(fa.lead, fb.lead),
        body_terms=_top(fa.body, fb.body),
        shared=shared,
        only_a=only_a,
        only_b=only_b,
        same_event=group_of[fa.article_id] == group_of[fb.article_id],
        set_apart=next(
            ((x, released[x]) for x in (fa.article_id, fb.article_id) if x in released), None
        ),
        split=_split_between(clustering.splits, fa.article_id, fb.article_id),
        places=(
            tuple(sorted(fa.lead_places - fb.places)),
            tuple(sorted(fb.lead_places - fa.places)),
        ),
        headlines=tuple(tuple(sorted(side)) for side in headline_place_sides(fa, fb)),
        offices=tuple(kind_names(OFFICES, side) for side in office_sides(fa, fb)),
        regions=((), ())
        if fa.lead_regions & fb.lead_regions
        else (tuple(sorted(fa.lead_regions)), tuple(sorted(fb.lead_regions))),
        languages=(fa.language, fb.language),
        steps=(fa.steps, fb.steps),
        days=(cluster.own_day(fa), cluster.own_day(fb)),
        weekdays=(fa.lead_weekday, fb.lead_weekday),
        weekday_conflict=cluster.weekday_conflict(fa, fb),
        roundups=(fa.roundup, fb.roundup),
    )


def _split_between(splits: Sequence[cluster.SplitIds], a: str, b: str) -> cluster.SplitIds | None:
    """Return the split whose two halves hold `a` and `b`, one each, if there is one."""
    for split in splits:
        if (a in split.first and b in split.second) or (b in split.first and a in split.second):
            return split
    return None


def _widest_gap(left: Sequence[Features], right: Sequence[Features]) -> int | None:
    """Return the widest gap in days between a dated article of `left` and one of `right`."""
    gaps = [
        cluster.span_gap(cluster.date_span(a.date), cluster.date_span(b.date))
        for a in left
        for b in right
    ]
    known = [g for g in gaps if g is not None]
    return max(known) if known else None


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def _counted(e: Explanation) -> str:
    """Say which of the two coverages the names score is (`features.shared_names`)."""
    if None in e.coverage:
        return "a lead without names: none count"
    side = english_side(*e.languages)
    if side is None:
        return "the lower counts"
    return (
        f"{e.languages[0]} and {e.languages[1]}: the mean of the lower and the English "
        f"lead's ({_pct(e.coverage[side])}), since names of offices are translated"
    )


def format_explanation(e: Explanation, params: ClusterParams) -> list[str]:
    """Return the lines `digest explain` prints for one pair."""
    verdict = "the SAME event" if e.same_event else "DIFFERENT events"
    terms = ", ".join(f"{t} {v:.3f}" for t, v in e.lead_terms) or "none"
    body = ", ".join(f"{t} {v:.3f}" for t, v in e.body_terms) or "none"
    gap = "unknown (a date is missing)" if e.gap_days is None else f"{e.gap_days} days"
    if e.gap_days is not None and e.gap_is_least:
        gap = f"at least {gap} (a dateline without its year)"
    lines = [
        f"{e.a}  vs  {e.b}: {verdict}",
        f"similarity {e.similarity:.3f}  (threshold {e.threshold:.3f}: pairs at or above it "
        "pull their groups together; groups join on their average, two groups of several "
        f"reports only when it is at least {cluster.SEPARATION:.0%} of their averages inside)",
        f"  lead   {e.lead:.3f} x {params.lead_share:g}   top shared terms: {terms}",
        f"  body   {e.body:.3f} x {params.body_share:g}   top shared terms: {body}",
        f"  names  {e.names:.3f} x {params.names_share:g}   (share of each lead's names the "
        f"other confirms: {_pct(e.coverage[0])} / {_pct(e.coverage[1])}; {_counted(e)})",
        f"    both name: {', '.join(e.shared) or 'nothing'}",
        f"    only {e.a}: {', '.join(e.only_a) or 'nothing'}",
        f"    only {e.b}: {', '.join(e.only_b) or 'nothing'}",
        f"  dates  gap {gap}; limit {params.max_gap_days} days"
        + ("  -> too far apart, never one event" if e.is_gated else ""),
    ]
    if all(e.places):
        lines.append(
            f"  places {e.a} leads with {', '.join(e.places[0])}, {e.b} with "
            f"{', '.join(e.places[1])}, and neither names the other's: two countries, likely two "
            f"happenings; the similarity above is already x {cluster.PLACE_FACTOR:g} for it"
        )
    if all(e.headlines) and not all(e.places):
        lines.append(
            f"  places {e.a}'s headline names {', '.join(e.headlines[0])}, {e.b}'s "
            f"{', '.join(e.headlines[1])}, and neither opens on the other's: two countries, "
            f"likely two happenings; the similarity above is already x {cluster.PLACE_FACTOR:g}"
            " for it"
        )
    if all(e.regions) and not all(e.places) and not all(e.headlines):
        lines.append(
            f"  places {e.a} opens on {', '.join(e.regions[0])}, {e.b} on "
            f"{', '.join(e.regions[1])}: two provinces, likely two happenings; the similarity "
            f"above is already x {cluster.PLACE_FACTOR:g} for it"
        )
    if all(e.offices):
        lines.append(
            f"  people {e.a}'s headline names the {', '.join(e.offices[0])}, {e.b}'s the "
            f"{', '.join(e.offices[1])}, and neither report opens on the other's: two people "
            f"acting, likely two happenings; the similarity above is already x "
            f"{cluster.OFFICE_FACTOR:g} for it"
        )
    if any(e.roundups):
        labelled = e.a if e.roundups[0] else e.b
        lines.append(
            f"  genre  {labelled}'s headline labels it an opinion or a round-up of several "
            "happenings: it reports no one happening and joins no event (similarity 0)"
        )
    conflict = conflicting_steps(*e.steps, e.days)
    if conflict is not None and conflict[0] == conflict[1] and conflict[0][0] == MARKET:
        lines.append(
            f"  steps  {e.a} and {e.b} are market reports of two different days: two "
            f"sessions; the similarity above is already x {cluster.STEP_FACTOR:g} for it"
        )
    elif conflict is not None and conflict[0][0] == AGAIN:
        again, earlier = (e.a, e.b) if conflict[0][1] else (e.b, e.a)
        lines.append(
            f"  steps  {again}'s headline says its happening came again, and {earlier}'s own "
            f"day is {abs(e.days[0] - e.days[1])} days before its: two happenings; the "  # type: ignore[operator]
            f"similarity above is already x {cluster.STEP_FACTOR:g} for it"
        )
    elif conflict is not None and VISIT in (conflict[0][0], conflict[1][0]):
        visitor, other = (e.a, e.b) if conflict[0][0] == VISIT else (e.b, e.a)
        disaster = step_name(*(conflict[1] if conflict[0][0] == VISIT else conflict[0]))
        lines.append(
            f"  steps  {visitor} opens on an official's visit, {other}'s headline names a "
            f"{disaster} and no visit, and their own days are "
            f"{abs(e.days[0] - e.days[1])} apart: two happenings; the "  # type: ignore[operator]
            f"similarity above is already x {cluster.STEP_FACTOR:g} for it"
        )
    elif conflict is not None:
        if conflict[0][0] == SUBSTANCE:
            first, second = (step_name(*s) for s in conflict)
            told = f"{e.a}'s headline names {first}, {e.b}'s {second}: two kinds of goods, "
            told += "two seizures or cases"
        else:
            first, second = (_with_article(step_name(*s)) for s in conflict)
            kinds = conflict[0][0] != conflict[1][0] or conflict[0][0] in KIND_TABLES
            what = "two kinds of happening" if kinds else "two steps of one sequence"
            told = f"{e.a} opens on {first}, {e.b} on {second}: {what}, two happenings"
        lines.append(
            f"  steps  {told}; the similarity above is already x {cluster.STEP_FACTOR:g} for it"
        )
    if e.weekday_conflict:
        undated = 0 if e.days[0] is None else 1
        dated = 1 - undated
        told = WEEKDAY_NAMES[e.weekdays[undated]]
        if e.days[dated] is None:  # neither has a day: their leads' weekdays
            other = f"{(e.a, e.b)[dated]}'s says {WEEKDAY_NAMES[e.weekdays[dated]]}"
            lines.append(f"  weekday neither has an own day; {e.a}'s lead says {told}, {other}: ")
        else:
            own = date.fromordinal(e.days[dated])
            lines.append(
                f"  weekday {(e.a, e.b)[undated]} has no own day but its lead says {told}; "
                f"{(e.a, e.b)[dated]} is of {WEEKDAY_NAMES[own.weekday()]} {own.isoformat()}: "
            )
        lines[-1] += (
            "two to five days apart, likely two "
            f"happenings; the similarity above is already x {cluster.WEEKDAY_FACTOR:g} for it"
        )
    if all(e.languages) and e.languages[0] != e.languages[1]:
        lines.append(
            f"  languages {e.languages[0]} and {e.languages[1]}: such a pair shares only names, "
            f"numbers and listed news words, so the similarity above is x "
            f"{cluster.CROSS_LANGUAGE:g} (at most 1)"
        )
    if e.event_gap_days is not None and e.event_gap_days > params.max_gap_days:
        lines.append(
            f"  events their two events hold reports dated {e.event_gap_days} days apart: "
            "an event never spans more than the limit, so they stay apart"
        )
    if e.set_apart is not None:
        aid, r = e.set_apart
        lines.append(
            f"  apart  {aid} has no read date; it matched the event linkage put it in "
            f"({r.own:.3f} on average) about as well as an event dated too far from that one "
            f"({r.rival:.3f}), and the event it was in names only {r.covered:.0%} of its "
            f"lead's names (missing: {', '.join(r.missing[:TOP_TERMS]) or 'none'}): "
            + (
                "set apart as its own event"
                if r.moved_to is None
                else "moved to the event dated apart that names them"
            )
        )
    if e.split is not None and e.split.split.odd:
        first, second = e.split.split.names
        lines.append(
            f"  split  linkage put them in one group of {len(e.split.second) + 1} reports, but "
            f"one is about {first!r}, whom the others never name, and all the others are about "
            f"{second!r}, whom it never names; scored among the group alone it is "
            f"{e.split.split.between:.3f} similar to them against {e.split.split.within:.3f} "
            "among them: cut out as another event"
        )
    elif (
        e.split is not None and e.split.split.stepped and e.split.split.names[0].startswith(SESSION)
    ):
        first, second = e.split.split.names
        lines.append(
            f"  split  linkage put them in one group, but it holds market reports of two days, "
            f"the {first} and the {second} (a report without a day joins the part it is most "
            "like): cut apart"
        )
    elif e.split is not None and e.split.split.stepped:
        first, second = e.split.split.names
        lines.append(
            "  split  linkage put them in one group, but two or more of its reports are about "
            f"the {first} and two or more about the {second}, two steps of one sequence, two "
            "happenings (a report naming neither joins the part it is most like): cut apart"
        )
    elif e.split is not None and e.split.split.day_gap:
        lines.append(
            "  split  linkage put them in one group whose reports with a day fall on two "
            f"stretches of days at least {cluster.DAY_GAP} apart, with none between, and "
            f"{cluster.DATED_SIDE} or more on each, or on one side a single report whose "
            "lead says its day (a report without a day joins the side it is most like); "
            "scored among that group alone, the sides are "
            f"{e.split.split.between:.3f} similar to each other, less than each side of "
            f"two or more is inside ({e.split.split.within:.3f} on average): cut apart"
        )
    elif e.split is not None and e.split.split.dated:
        more = e.split.split.parts - 2
        lines.append(
            "  split  linkage put them in one group; scored among that group alone (words "
            f"all of them use weigh little), it falls into {e.split.split.parts} parts of "
            "several reports each"
            + (f" ({more} besides these two)" if more else "")
            + " (a lone report joins the part it is most like), all of one part's dates "
            f"before all of the other's; these two are {e.split.split.between:.3f} similar "
            f"to each other against {e.split.split.within:.3f} within, under "
            f"{cluster.SEPARATION:.0%}: cut apart"
        )
    elif e.split is not None and e.split.split.local:
        lines.append(
            f"  split  linkage put them in one group of {len(e.split.first)} + "
            f"{len(e.split.second)} reports; scored among that group alone (words all of "
            "them use weigh little), it falls into these two, "
            f"{e.split.split.between:.3f} similar to each other against "
            f"{e.split.split.within:.3f} within, under {cluster.SEPARATION:.0%}: cut in two"
        )
    elif e.split is not None:
        first, second = e.split.split.names
        lines.append(
            f"  split  linkage put them in one group of {len(e.split.first)} + "
            f"{len(e.split.second)} reports that blends two events of one kind: one half is "
            f"held together by {first!r}, the other by {second!r}, names the other half "
            f"(nearly) never mentions, and the halves are {e.split.split.between:.3f} similar "
            f"to each other against {e.split.split.within:.3f} within: cut in two"
        )
    return lines
