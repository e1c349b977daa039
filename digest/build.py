"""`build(config)`: wire the stages in order, collect warnings and timings."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

from digest import changes, clean, cluster, load, render, site, summary, timeline
from digest.config import Config
from digest.errors import StrictError
from digest.model import Article, BuildReport, Event
from digest.text import extract_names

MAX_EVENT_NAMES = 12


@dataclass(frozen=True)
class Digest:
    """Everything the renderer needs: events newest first, and articles by id."""

    events: tuple[Event, ...]
    articles: Mapping[str, Article]
    changes: tuple[changes.ChangeSet, ...] = ()
    """What recent builds changed, newest first (see digest/changes.py)."""


def to_article(cleaned: clean.Cleaned) -> Article:
    """Return the Article record for a cleaned text: own date, names and date mentions."""
    raw = cleaned.raw
    published = timeline.own_date(
        raw.published, raw.lines, cleaned.paragraphs, cleaned.removed, raw.language
    )
    article = Article(
        id=raw.id,
        path=raw.path,
        title=cleaned.title,
        paragraphs=cleaned.paragraphs,
        removed=cleaned.removed,
        outlet=cleaned.outlet,
        url=raw.url,
        language=raw.language,
        published=published,
        names=extract_names(cleaned.title, cleaned.paragraphs),
        digest=raw.digest,
        is_markdown=raw.is_markdown,
        duplicates=raw.duplicates,
        paragraphs_html=cleaned.paragraphs_html,
    )
    return replace(article, mentions=timeline.find_mentions(article))


def event_names(members: Sequence[Article]) -> tuple[str, ...]:
    """Return the names most of an event's articles mention, most widely shared first."""
    spread: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    for article in members:
        for name in article.names:
            spread[name.text] += 1
            mentions[name.text] += name.count
    ranked = sorted(spread, key=lambda n: (-spread[n], -mentions[n], n))
    return tuple(ranked[:MAX_EVENT_NAMES])


def make_events(
    articles: Sequence[Article], config: Config, previous: Mapping[str, str]
) -> list[Event]:
    """Return the events of `articles`, with stable ids and titles, newest first later."""
    by_id = {a.id: a for a in articles}
    groups = [[by_id[i] for i in g] for g in cluster.cluster_articles(articles, config.cluster)]
    ids = cluster.assign_ids(groups, previous)
    events = []
    for event_id, members in zip(ids, groups, strict=True):
        founder = cluster.founding_article(members)
        events.append(
            Event(
                id=event_id,
                title=founder.title or founder.id,
                article_ids=tuple(sorted(a.id for a in members)),
                names=event_names(members),
            )
        )
    return events


def newest_first(events: Sequence[Event]) -> tuple[Event, ...]:
    def key(e: Event) -> tuple:
        end = e.end.value.toordinal() if e.end else 0
        return (-end, e.id)

    return tuple(sorted(events, key=key))


@contextmanager
def _timed(report: BuildReport, stage: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    report.seconds[stage] = report.seconds.get(stage, 0.0) + time.perf_counter() - started


def assemble(config: Config, report: BuildReport) -> Digest:
    """Return the digest of the seeds folder: load, clean, cluster, timeline."""
    with _timed(report, "load"):
        raws, skipped = load.read_sources(config.seeds)
    with _timed(report, "clean"):
        cleaned, thin = clean.readable(clean.clean_corpus(raws))
        articles = [to_article(c) for c in cleaned]
    remarks = [load.Skipped(r.path, m) for r in raws for m in r.warnings]
    for item in sorted([*skipped, *thin, *remarks], key=lambda s: s.path):
        (report.warn if item.is_warning else report.note)(item.path, item.reason)
    previous = changes.find_previous(config.previous, config.output, report)
    with _timed(report, "cluster"):
        events = make_events(articles, config, previous.assignments if previous else {})
    by_id = {a.id: a for a in articles}
    with _timed(report, "timeline"):
        # Dates inferred from an event are applied here, after clustering, never before.
        events, by_id = timeline.attach_all(events, by_id)
    events = [summary.attach_summary(e, by_id) for e in events]
    report.articles = len(articles)
    report.events = len(events)
    ordered = newest_first(events)
    change = changes.diff(previous, ordered, by_id, config.site.build_date) if previous else None
    return Digest(ordered, by_id, changes.record(previous, change))


def build(config: Config, strict: bool = False) -> BuildReport:
    """Build the site for `config` into its output folder and return what happened.

    One build at a time per output folder (a lock); the old site stays until the new one is
    complete. With `strict`, any warning stops the build before anything is written.
    """
    site.check_output(config.output, config.seeds)
    with site.output_lock(config.output):
        report = BuildReport()
        digest = assemble(config, report)
        if strict and report.warnings:
            raise StrictError(report)
        with _timed(report, "render"):
            pages = render.render_site(digest, config)
        with _timed(report, "write"):
            site.write_site(pages, config.output)
        report.pages = len(pages)
    return report
