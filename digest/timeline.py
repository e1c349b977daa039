"""Timeline entries per event: dated sentences, merged across articles."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import timedelta

from digest import dates
from digest.model import Article, DateMention, DateValue, Event, Source, TimelineEntry
from digest.text import split_sentences

BACKGROUND_DAYS = 14
"""A happening this many days before the event's first report is background."""


def find_mentions(article: Article) -> tuple[DateMention, ...]:
    """Return the date expressions in an article's paragraphs, resolved against its date."""
    anchor = article.published.value if article.published else None
    mentions: list[DateMention] = []
    for p_index, paragraph in enumerate(article.paragraphs):
        for s_index, sentence in enumerate(split_sentences(paragraph)):
            for found in dates.find_dates(sentence, anchor):
                mentions.append(DateMention(found.text, found.date, p_index, s_index, found.start))
    return tuple(mentions)


def _sentence(article: Article, mention: DateMention) -> str:
    return split_sentences(article.paragraphs[mention.paragraph])[mention.sentence]


def event_span(members: Sequence[Article]) -> tuple[DateValue | None, DateValue | None]:
    """Return the first and last own dates of an event's articles (None when none is known)."""
    known = sorted(a.published for a in members if a.published is not None)
    if not known:
        return None, None
    return known[0], known[-1]


def build_entries(members: Sequence[Article]) -> tuple[TimelineEntry, ...]:
    """Return the event's dated sentences as entries, one per date, sorted by date.

    Sentences of several articles that name the same date at the same precision merge into
    one entry with several sources; the entry's text is the first source's sentence.
    """
    start, _ = event_span(members)
    by_date: dict[tuple, list[tuple[DateValue, Source]]] = defaultdict(list)
    for article in sorted(members, key=lambda a: a.id):
        for mention in article.mentions:
            sentence = _sentence(article, mention)
            key = (mention.date.value, mention.date.granularity)
            by_date[key].append((mention.date, Source(article.id, sentence, mention.paragraph)))
    entries: list[TimelineEntry] = []
    for key in sorted(by_date, key=lambda k: (k[0], -k[1].rank)):
        found = by_date[key]
        best = min((d for d, _ in found), key=lambda d: (not d.is_certain, d.source))
        sources = tuple(dict.fromkeys(s for _, s in found))
        is_background = start is not None and best.value < start.value - timedelta(
            days=BACKGROUND_DAYS
        )
        entries.append(TimelineEntry(best, sources[0].sentence, sources, is_background))
    return tuple(entries)


def attach(event: Event, by_id: Mapping[str, Article]) -> Event:
    """Return `event` with its span and timeline filled from its articles."""
    members = [by_id[i] for i in event.article_ids]
    start, end = event_span(members)
    entries = build_entries(members)
    own = [e.date for e in entries if not e.is_background and e.date.is_exact]
    if start is None and own:
        start, end = min(own), max(own)
    return Event(
        id=event.id,
        title=event.title,
        article_ids=event.article_ids,
        start=start,
        end=end,
        names=event.names,
        keywords=event.keywords,
        summary=event.summary,
        timeline=entries,
    )
