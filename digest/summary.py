"""What the pages say about an event beyond its articles: summary, related events, disagreements.

Everything here is taken from the articles' own sentences, each with its source, so a reader
can check it. Nothing depends on a particular language beyond a few number words.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from digest.model import Article, DateMention, Event, Source
from digest.text import content_words, split_sentences, strip_dateline

SUMMARY_SENTENCES = 2
SUMMARY_MAX_CHARS = 420
"""A second sentence joins the summary only while the two stay under this many characters."""
MIN_SENTENCE_WORDS = 6
RELATED_LIMIT = 5
DISAGREEMENT_LIMIT = 4
MIN_FIGURE_WORDS = 8
CONTEXT_WORDS = 3
"""Two figures are about the same thing only if the words this close to them overlap."""
MIN_FIGURE_SIMILARITY = 0.2
"""Two sentences about one kind of thing (troops, victims) must share this share of words."""
MIN_DATE_SIMILARITY = 0.3
"""Two sentences giving different days must share this share of words to be about one happening."""

_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
_MULTIPLIERS = {
    "ribu": 1e3,
    "thousand": 1e3,
    "juta": 1e6,
    "million": 1e6,
    "miliar": 1e9,
    "milyar": 1e9,
    "billion": 1e9,
    "triliun": 1e12,
    "trillion": 1e12,
}
_FIGURE = re.compile(
    r"(?<![\w.,/:-])(\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?)(?![\w/:-]|[.,]\d)"
    r"(?:\s+(" + "|".join(_MULTIPLIERS) + r"))?\s+([^\W\d_]{3,})",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
"""Every `_FIGURE` starts with one: a paragraph or sentence without it holds no figure."""


@dataclass(frozen=True)
class Claim:
    """One article's version of a disputed figure or date."""

    value: str
    source: Source


@dataclass(frozen=True)
class Disagreement:
    """Articles of one event that give different figures or dates for the same thing."""

    kind: str
    """'figure', 'date', or 'update': a figure reports of different days give differently
    (a death toll that rose), its claims earliest first."""
    subject: str
    """What the figure counts ('tentara', 'troops') or the day the date is about."""
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Related:
    event: Event
    shared: tuple[str, ...]


def _candidates(article: Article) -> list[Source]:
    """Return the article's first few real sentences, in reading order."""
    found: list[Source] = []
    for p_index, paragraph in enumerate(article.paragraphs[:4]):
        for sentence in split_sentences(paragraph)[:2]:
            text = strip_dateline(sentence).strip()
            if len(text.split()) >= MIN_SENTENCE_WORDS:
                found.append(Source(article.id, text, p_index))
    return found[:4]


def _centroid(members: Sequence[Article]) -> Counter[str]:
    terms: Counter[str] = Counter()
    for article in members:
        terms.update(set(content_words(article.title)))
        terms.update(set(content_words(article.lead)))
    return terms


POSITION_WEIGHTS = (1.6, 1.25, 1.0, 1.0)
"""News is an inverted pyramid: an article's first sentence says the most."""


def _score(source: Source, rank: int, centroid: Counter[str]) -> float:
    words = set(content_words(source.sentence))
    if not words:
        return 0.0
    coverage = sum(centroid[w] for w in words) / math.sqrt(len(words) + 4)
    return coverage * POSITION_WEIGHTS[rank]


def _overlap(a: str, b: str) -> float:
    wa, wb = set(content_words(a)), set(content_words(b))
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def _in_language_of(
    first: Source, candidates: Sequence[Source], members: Sequence[Article]
) -> list[Source]:
    """Return the candidates from articles in the language of `first`'s article.

    An English and an Indonesian report of one event lead with the same fact, and their
    words barely overlap: the second summary sentence would repeat the first in the other
    language. Articles whose language is unknown, or a first sentence of unknown language,
    exclude nothing."""
    from digest.views import article_language  # views imports this module

    by_id = {a.id: a for a in members}
    languages: dict[str, str | None] = {}

    def language(article_id: str) -> str | None:
        if article_id not in languages:
            languages[article_id] = article_language(by_id[article_id])
        return languages[article_id]

    if all(s.article == first.article for s in candidates):
        return list(candidates)  # one report (a third of all events): nothing to guess
    wanted = language(first.article)
    if wanted is None:
        return list(candidates)
    return [
        s for s in candidates if s.article == first.article or language(s.article) in (wanted, None)
    ]


def summarize(members: Sequence[Article], title_from: str | None = None) -> tuple[Source, ...]:
    """Return one or two sentences from the articles that best say what the event is.

    Sentences come from the first paragraphs (news puts the event there) and are scored by
    how many of the event's headline-and-lead words they carry. The second sentence comes
    from another article when there is one, and must add something new. `title_from`: the
    member whose headline titles the event; the summary is in its language when another
    member writes in it too (the title is in the site's language: `grouping.in_language`).
    """
    centroid = _centroid(members)
    ordered = sorted(members, key=lambda a: a.id)
    pool = [
        (s, _score(s, rank, centroid)) for a in ordered for rank, s in enumerate(_candidates(a))
    ]
    if not pool:
        return ()
    ranked = [s for s, _ in sorted(pool, key=lambda item: -item[1])]
    if title_from is not None:
        titled = next((s for s in pool if s[0].article == title_from), None)
        if titled is not None:
            ranked = _in_language_of(titled[0], ranked, ordered)
    chosen = [ranked[0]]
    rest = _in_language_of(ranked[0], ranked[1:], ordered)
    others = [s for s in rest if s.article != chosen[0].article] or rest
    for source in others:
        if len(chosen) >= SUMMARY_SENTENCES:
            break
        fits = len(chosen[0].sentence) + len(source.sentence) <= SUMMARY_MAX_CHARS
        if fits and _overlap(source.sentence, chosen[0].sentence) < 0.5:
            chosen.append(source)
    if chosen[-1].article == chosen[0].article:
        chosen.sort(key=lambda s: [c for c, _ in pool].index(s))
    return tuple(chosen)


def attach_summary(event: Event, by_id: Mapping[str, Article]) -> Event:
    """Return `event` with its summary filled from its articles, in its title's language."""
    members = [by_id[i] for i in event.article_ids]
    title_from = next(
        (a.id for a in sorted(members, key=lambda a: a.id) if a.title == event.title), None
    )
    return replace(event, summary=summarize(members, title_from))


def related_events(events: Sequence[Event]) -> dict[str, tuple[Related, ...]]:
    """Return, for each event id, the other events that share its rarer names, closest first.

    A name every event mentions says nothing (weight 0); one shared by two events of many
    says a lot (weight log(N / events naming it)). An event's score is the sum of the
    weights of the names it shares, added rarest first (by weight, then name); ties go by
    event id.

    The scores of all events are summed at once with numpy, through an index of names: each
    of an event's names, rarest first, adds its weight to the events that name it, so each
    score is added up in the same order as the plain sum (the same bits). The closest are
    then picked from the scores (`_closest`), without a Python step per candidate: many
    events that share only a common name tie, and scoring each of them again was quadratic
    (17 s of a 50,000-article rebuild, 14,095 events).
    """
    spread: Counter[str] = Counter(n for e in events for n in set(e.names))
    total = len(events)
    weight = {name: math.log(total / count) for name, count in spread.items()}

    def rarest_first(name: str) -> tuple[float, str]:
        return -weight[name], name

    named = [tuple(sorted({n for n in e.names if weight[n] > 0}, key=rarest_first)) for e in events]
    naming: dict[str, list[int]] = defaultdict(list)
    for index, names in enumerate(named):
        for name in names:
            naming[name].append(index)
    members = {name: np.array(found, dtype=np.intp) for name, found in naming.items()}
    id_rank = np.empty(total, dtype=np.int64)
    id_rank[sorted(range(total), key=lambda i: events[i].id)] = np.arange(total)
    scores = np.zeros(total)
    related: dict[str, tuple[Related, ...]] = {}
    for index, event in enumerate(events):
        for name in named[index]:
            scores[members[name]] += weight[name]
        scores[index] = 0.0
        own = frozenset(named[index])
        related[event.id] = tuple(
            Related(events[other], tuple(n for n in named[other] if n in own))
            for other in _closest(scores, id_rank)
        )
        for name in named[index]:
            scores[members[name]] = 0.0
    return related


def _closest(scores: np.ndarray, id_rank: np.ndarray) -> list[int]:
    """Return the indices of the `RELATED_LIMIT` highest positive `scores`, highest first,
    ties by `id_rank` (each event's id's place in sorted order)."""
    found = np.flatnonzero(scores > 0)
    if len(found) > RELATED_LIMIT:
        values = scores[found]
        limit = np.partition(values, -RELATED_LIMIT)[-RELATED_LIMIT]
        above = found[values > limit]  # fewer than the limit's count
        tied = found[values == limit]
        tied = tied[np.argsort(id_rank[tied], kind="stable")[: RELATED_LIMIT - len(above)]]
        found = np.concatenate((above, tied))
    return found[np.lexsort((id_rank[found], -scores[found]))].tolist()


def names_index(events: Iterable[Event]) -> list[tuple[str, tuple[Event, ...]]]:
    """Return every name with the events that mention it, names in alphabetical order."""
    by_name: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        for name in event.names:
            by_name[name].append(event)
    return [
        (name, tuple(by_name[name])) for name in sorted(by_name, key=lambda n: (n.casefold(), n))
    ]


def parse_figure(number: str, multiplier: str | None) -> float:
    """Return the value of a written figure; "10.000" and "10,000" are both ten thousand.

    >>> parse_figure("1,5", "juta")
    1500000.0
    """
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", number):
        value = float(re.sub(r"[.,]", "", number))
    else:
        value = float(number.replace(",", "."))
    return value * _MULTIPLIERS.get((multiplier or "").lower(), 1.0)


@dataclass(frozen=True)
class _Figure:
    noun: str
    value: float
    text: str
    source: Source
    context: frozenset[str]
    """Content words near the figure ("injured", "sent"): what is being counted about it."""


def _context(sentence: str, start: int, end: int, noun: str) -> frozenset[str]:
    before = content_words(sentence[:start])[-CONTEXT_WORDS:]
    after = content_words(sentence[end:])[:CONTEXT_WORDS]
    return frozenset(before + after) - {noun}


def _overlap_in(cache: dict[str, frozenset[str]], a: str, b: str) -> float:
    """Return the Jaccard overlap of two sentences' content words, memoised in `cache`."""
    for sentence in (a, b):
        if sentence not in cache:
            cache[sentence] = frozenset(content_words(sentence))
    wa, wb = cache[a], cache[b]
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def _figures(article: Article) -> list[_Figure]:
    """Return the counted things in an article: "10.000 tentara", "1,500 houses".

    Times ("06: 00 BST"), bare multipliers ("$3 million.") and sentence fragments too short
    to say what is counted are left out.
    """
    found = []
    for p_index, paragraph in enumerate(article.paragraphs):
        if not _DIGIT.search(paragraph):  # most paragraphs: not even split into sentences
            continue
        for sentence in split_sentences(paragraph):
            if not _DIGIT.search(sentence) or len(sentence.split()) < MIN_FIGURE_WORDS:
                continue
            for m in _FIGURE.finditer(sentence):
                noun = m.group(3).lower()
                is_time = sentence[: m.start()].rstrip().endswith(":")
                is_code = m.group(3).isupper()  # GMT, BST, km: a unit or zone, not a thing
                if is_time or is_code or noun in _MULTIPLIERS or noun not in content_words(noun):
                    continue
                value = parse_figure(m.group(1), m.group(2))
                source = Source(article.id, sentence, p_index)
                context = _context(sentence, m.start(), m.end(), noun)
                found.append(_Figure(noun, value, m.group(0), source, context))
    return found


def figure_disagreements(members: Sequence[Article]) -> list[Disagreement]:
    """Return figures of the same thing that the event's articles give differently: as
    disagreements, or as updates where the two reports are dated to different days."""
    by_noun: dict[str, list[_Figure]] = defaultdict(list)
    for article in sorted(members, key=lambda a: a.id):
        for figure in _figures(article):
            by_noun[figure.noun].append(figure)
    day = {
        a.id: a.published.value
        for a in members
        if a.published is not None and a.published.is_exact and a.published.is_certain
    }
    cache: dict[str, frozenset[str]] = {}
    found = []
    for noun in sorted(by_noun):
        figures = by_noun[noun]
        pairs = [
            (_overlap_in(cache, a.source.sentence, b.source.sentence), a, b)
            for i, a in enumerate(figures)
            for b in figures[i + 1 :]
            if a.source.article != b.source.article
            and abs(a.value - b.value) > 0.02 * max(a.value, b.value)
            # One sentence giving both figures counts two things, not a disagreement.
            and b.text not in a.source.sentence
            and a.text not in b.source.sentence
            and a.context & b.context
        ]
        pairs = [p for p in pairs if p[0] >= MIN_FIGURE_SIMILARITY]
        if pairs:
            _, a, b = max(pairs, key=lambda p: p[0])
            first, second = day.get(a.source.article), day.get(b.source.article)
            kind = "figure"
            if first is not None and second is not None and first != second:
                kind = "update"  # reports of different days: the later one may know more
                a, b = (a, b) if first < second else (b, a)
            claims = (Claim(a.text, a.source), Claim(b.text, b.source))
            found.append(Disagreement(kind, noun, claims))
    return found


def _dated_sentences(members: Sequence[Article]) -> list[tuple[DateMention, Source]]:
    """Return the day-exact, read-not-resolved dates that name their year, with sentences."""
    dated = []
    for article in sorted(members, key=lambda a: a.id):
        for mention in article.mentions:
            has_year = _YEAR.search(mention.text) is not None
            if not (mention.date.is_exact and mention.date.is_certain and has_year):
                continue
            sentences = split_sentences(article.paragraphs[mention.paragraph])
            if mention.sentence < len(sentences):
                source = Source(article.id, sentences[mention.sentence], mention.paragraph)
                dated.append((mention, source))
    return dated


def date_disagreements(members: Sequence[Article]) -> list[Disagreement]:
    """Return happenings that two articles date to different days in similar sentences.

    Only dates written out with their year count: a weekday or "December 15" resolved
    against an article's own date may be the resolver's mistake, not the reporter's.
    """
    dated = _dated_sentences(members)
    cache: dict[str, frozenset[str]] = {}
    found = []
    seen: set[tuple] = set()
    for i, (ma, sa) in enumerate(dated):
        for mb, sb in dated[i + 1 :]:
            if sa.article == sb.article or ma.date.value == mb.date.value:
                continue
            key = (sa.article, sb.article, ma.date.value, mb.date.value)
            if key in seen or _overlap_in(cache, sa.sentence, sb.sentence) < MIN_DATE_SIMILARITY:
                continue
            seen.add(key)
            claims = (Claim(ma.text, sa), Claim(mb.text, sb))
            found.append(Disagreement("date", ma.date.value.isoformat(), claims))
    return found


def disagreements(members: Sequence[Article]) -> tuple[Disagreement, ...]:
    """Return where an event's articles disagree on a figure or a date, a few at most.

    Both kinds compare two different articles: an event of one article has none.
    """
    if len(members) < 2:
        return ()
    found = figure_disagreements(members) + date_disagreements(members)
    return tuple(found[:DISAGREEMENT_LIMIT])
