"""`build(config)`: wire the stages in order, collect warnings and timings."""

from __future__ import annotations

import gc
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import NamedTuple

import numpy as np

from digest import changes, clean, cluster, duplicates, load, render, site, summary, timeline
from digest.cache import BuildCache, cached_map, key_of
from digest.config import Config
from digest.errors import StrictError
from digest.features import ArticleTerms, TermStore, read_article
from digest.grouping import cluster_of, group_articles
from digest.launcher import Launcher
from digest.model import Article, BuildReport, DateValue, Event, NameKind, RawArticle, Removed
from digest.overrides import read_overrides
from digest.progress import Progress, Silent
from digest.text import PLACE_NAMES, extract_names, without_outlet, without_possessive
from digest.workers import Workers, release_memory

MAX_EVENT_NAMES = 12
UNSHOWN_NAMES = frozenset({"rp", "pasal", "nomor", "ii", "iii", "iv", "v", "vi"})
"""Capitalised words that clustering keeps among a report's names but that name nothing a
reader can follow: a currency and a law's article or a decree's number before their figure
("Rp 90 ribu", "Pasal 2", "Nomor 561"), a grade alone ("eselon II dan III"). "Rp" and
"Pasal", in a tenth of the labelled reports, taken out of their names cost the mean F1 alone
0.9470 → 0.9465 (thirty-first session), so these are only left off the names events show."""
READ_BLOCK = 1024
"""Files read per block: their bytes are held only while the block is parsed."""


@dataclass(frozen=True)
class Digest:
    """Everything the renderer needs: events newest first, and articles by id."""

    events: tuple[Event, ...]
    articles: Mapping[str, Article]
    changes: tuple[changes.ChangeSet, ...] = ()
    """What recent builds changed, newest first (see digest/changes.py)."""
    origins: Mapping[str, tuple[Article, str]] = field(default_factory=dict)
    """Each article as cleaning made it, and its build-cache key (see render.Fingerprints)."""
    event_origins: Mapping[str, tuple[Event, str]] = field(default_factory=dict)
    """Each event as `attach_events` made it, and the key it was made (or cached) under: a
    hash of all it is made from (see render.Fingerprints)."""
    languages: Mapping[str, str | None] = field(default_factory=dict)
    """Each article's language as clustering read it, for the articles as cleaning made
    them (`origins`): `views.article_language`, kept on its clustering record."""


def to_article(cleaned: clean.Cleaned) -> Article:
    """Return the Article record for a cleaned text: own date, names and date mentions."""
    raw = cleaned.raw
    # A first line that is only the page's date, not its headline, is read as a dateline
    # like the lines below it ("April 27, 2009" above "Biologists Call on Obama ...").
    stamp = Removed(raw.title, "dateline") in cleaned.removed
    published = timeline.own_date(
        raw.published,
        (raw.title, *raw.lines) if stamp else raw.lines,
        cleaned.paragraphs,
        cleaned.removed,
        raw.language,
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
        names=without_outlet(extract_names(cleaned.title, cleaned.paragraphs), cleaned.outlet),
        digest=raw.digest,
        is_markdown=raw.is_markdown,
        duplicates=raw.duplicates,
        paragraphs_html=cleaned.paragraphs_html,
    )
    return replace(article, mentions=timeline.find_mentions(article))


def possessive_bases(members: Sequence[Article]) -> dict[str, str]:
    """Return each possessive name of the articles ("Australia's") → the name it is a form
    of, where the articles also name that ("Australia") or it is a known place
    ("Indonesia's" alone): an index entry for the country, not one for each form. A name
    that is only ever written so ("McDonald's") stays."""
    written = {name.text for article in members for name in article.names}
    bases = {}
    for text in written:
        base = without_possessive(text)
        if base != text and (base in written or base.lower() in PLACE_NAMES):
            bases[text] = base
    return bases


def event_names(members: Sequence[Article]) -> tuple[str, ...]:
    """Return the names most of an event's articles mention, most widely shared first."""
    bases = possessive_bases(members)
    spread: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    for article in members:
        texts = Counter()
        for name in article.names:
            if name.text.lower() not in UNSHOWN_NAMES:
                texts[bases.get(name.text, name.text)] += name.count
        for text, count in texts.items():
            spread[text] += 1
            mentions[text] += count
    ranked = sorted(spread, key=lambda n: (-spread[n], -mentions[n], n))
    return tuple(ranked[:MAX_EVENT_NAMES])


def event_name_kinds(members: Sequence[Article], names: Sequence[str]) -> tuple[NameKind, ...]:
    """Return the kind of each of `names`: the one most of the articles gave it."""
    bases = possessive_bases(members)
    votes: dict[str, Counter[NameKind]] = {n: Counter() for n in names}
    for article in members:
        for name in article.names:
            text = bases.get(name.text, name.text)
            if text in votes:
                votes[text][name.kind] += 1
    return tuple(min(votes[n], key=lambda k: (-votes[n][k], k.value)) for n in names)


def make_events(
    articles: Sequence[Article],
    config: Config,
    previous: Mapping[str, str],
    report: BuildReport | None = None,
    copies: Sequence[Sequence[str]] | None = None,
    known: Mapping[str, ArticleTerms] | TermStore | None = None,
    consume: bool = False,
    folder_dated: dict[str, DateValue | None] | None = None,
    languages: dict[str, str | None] | None = None,
    clustering: cluster.Clustering | None = None,
) -> list[Event]:
    """Return the events of `articles`, with stable ids and titles (see `grouping`).

    Articles excluded in events.yaml are in no event; overrides that match nothing are
    reported as warnings on the events file. With `consume`, `known` is emptied once read.
    `folder_dated` gets the dates clustering took from the folder (`features.folder_dates`),
    `languages` each article's language as clustering read it. `clustering`: these
    articles' clustering where the caller has it (`group_articles`).
    """
    overrides = read_overrides(config.events_file)
    grouping = group_articles(
        articles, config.cluster, previous, overrides, copies, known, consume,
        language=config.site.language, clustering=clustering,
    )  # fmt: skip
    if report is not None:
        for message in grouping.warnings:
            report.warn(str(config.events_file), message)
    if folder_dated is not None:
        folder_dated.update(grouping.folder_dated)
    if languages is not None:
        languages.update(grouping.languages)
    return [
        Event(
            id=event_id,
            title=title,
            article_ids=tuple(sorted(a.id for a in members)),
            names=(names := event_names(members)),
            name_kinds=event_name_kinds(members, names),
        )
        for event_id, title, members in zip(
            grouping.ids, grouping.titles, grouping.groups, strict=True
        )
    ]


def dated_by_folder(
    by_id: Mapping[str, Article], folder_dated: Mapping[str, DateValue | None]
) -> dict[str, Article]:
    """Return the articles with the dates clustering took from the folder (a year-less
    dateline's day, an estimated month's year: `features.folder_dates`) as their own: an
    article has one only when it had no certain date of its own (none, or a month estimated
    from its text), so front matter, a full dateline and a year-less one its story dates
    keep winning; and an estimate after the folder's days is dropped (None: the article is
    then undated, and dated from its event like any other). The page, the event's
    timeline and span, feeds and JSON then show the date clustering used.

    The date depends on the whole folder, not only on the article's file: the keys of what
    is made from an article after this (`attach_events`, `render.Fingerprints`) hash its
    date, not only its file's key.
    """
    return {
        aid: timeline.with_own_date(a, folder_dated[aid]) if aid in folder_dated else a
        for aid, a in by_id.items()
    }


def newest_first(events: Sequence[Event]) -> tuple[Event, ...]:
    def key(e: Event) -> tuple:
        end = e.end.value.toordinal() if e.end else 0
        return (-end, e.id)

    return tuple(sorted(events, key=key))


@dataclass
class Helpers:
    """What makes a build faster or shows its progress; none of it changes a byte of output."""

    cache: BuildCache = field(default_factory=BuildCache.disabled)
    workers: Workers = field(default_factory=lambda: Workers(1))
    progress: Progress = field(default_factory=Silent)


@contextmanager
def _timed(
    report: BuildReport, stage: str, helpers: Helpers | None = None, total: int | None = None
) -> Iterator[None]:
    if helpers is not None:
        helpers.progress.start(stage, total)
    started = time.perf_counter()
    yield
    release_memory()  # what the stage freed, given back before the next one grows
    report.seconds[stage] = report.seconds.get(stage, 0.0) + time.perf_counter() - started
    if helpers is not None:
        helpers.progress.finish()


def _parse_one(
    item: tuple[load.SourceFile, bytes],
) -> tuple[RawArticle | load.Skipped, clean.LineKeys | None]:
    raw = load.parse_bytes(*item)
    return raw, (None if isinstance(raw, load.Skipped) else clean.line_keys(raw))


STAT_KIND = "stat"
SETTLED_NS = 3 * 10**9
"""A file's stat is trusted only if it was last changed this long before the build began."""


def stat_key(source: load.SourceFile) -> str | None:
    """Return the key under which a build notes the record of `source`'s file as the scan
    saw it (path, article id, format, device, inode, size, modification and change times),
    or None when the scan did not give them."""
    seen = source.seen
    if seen is None or seen.ctime_ns < 0:
        return None
    facts = (seen.target, seen.device, seen.inode, seen.size, seen.mtime_ns, seen.ctime_ns)
    return key_of(STAT_KIND, source.rel, source.id, str(source.is_markdown), repr(facts))


def cached_reader(
    helpers: Helpers,
    file_keys: dict[str, str],
    line_keys: dict[str, clean.LineKeys] | None = None,
) -> Callable[[Sequence[load.SourceFile]], list[RawArticle | load.Skipped]]:
    """Return a file reader for `load.read_sources` that reuses records of unchanged files.

    A record's key hashes the file's bytes, path, article id and format; `file_keys` gets
    the key of every file read, for the keys of the records made from it, and `line_keys`
    what boilerplate detection reads of it (`clean.line_keys`, kept with the record).

    Like git's index, the reader trusts a file's stat: a file whose path, id, device,
    inode, size and modification and change times (ns) are those noted by an earlier build
    is not read again; the record made from its bytes then is used. The change time (ctime)
    is set by the system on every write, rename or change of times and cannot be set by a
    program, so an edited file is read again even when its size and modification time were
    kept (`cp -p`, `touch -d`, `rsync -t`). A stat is noted only for files last changed
    `SETTLED_NS` before the build began, so an edit made within the clock's granularity of
    the one the build saw still gives another stat (git's "racily clean" files). What this
    trusts: that the clock does not go back, and that the file system keeps a ctime (some
    network and FAT file systems do not); `--no-cache` or deleting the cache reads all.
    """
    began = time.time_ns()

    def read(sources: Sequence[load.SourceFile]) -> list[RawArticle | load.Skipped]:
        results: list[RawArticle | load.Skipped] = []
        cache = helpers.cache
        for start in range(0, len(sources), READ_BLOCK):
            block = sources[start : start + READ_BLOCK]
            stats = {s.rel: stat_key(s) for s in block} if cache.is_enabled else {}
            noted = cache.get_many(STAT_KIND, [k for k in stats.values() if k is not None])
            trusted = {rel: noted[k] for rel, k in stats.items() if k in noted}
            kept = cache.get_many("raw", trusted.values())  # type: ignore[arg-type]
            known = {rel: kept[k] for rel, k in trusted.items() if k in kept}
            unread = object()
            found = [
                (s, unread if s.rel in known else load.read_bytes(s.path, s.rel, s.seen))
                for s in block
            ]
            todo = [(s, d) for s, d in found if isinstance(d, bytes)]
            keys = [key_of("raw", s.rel, s.id, str(s.is_markdown), d) for s, d in todo]
            file_keys.update((s.rel, k) for (s, _), k in zip(todo, keys, strict=True))
            file_keys.update((rel, trusted[rel]) for rel in known)  # type: ignore[misc]
            records = cached_map(cache, "raw", _parse_one, todo, keys,
                                 helpers.workers, helpers.progress)  # fmt: skip
            settled = began - SETTLED_NS
            cache.put_many(STAT_KIND, {
                stats[s.rel]: key for (s, _), key in zip(todo, keys, strict=True)
                if stats.get(s.rel) is not None and s.seen is not None
                and max(s.seen.mtime_ns, s.seen.ctime_ns) < settled
            })  # fmt: skip
            made = {s.rel: record for (s, _), record in zip(todo, records, strict=True)}
            made.update(known)  # type: ignore[arg-type]
            helpers.progress.advance(len(known))
            if line_keys is not None:
                line_keys.update(
                    (rel, lines) for rel, (_, lines) in made.items() if lines is not None
                )
            results += [d if isinstance(d, load.Skipped) else made[s.rel][0] for s, d in found]
            del found, todo, records, made
            release_memory()  # the block's bytes and pickles, between records that stay
        return results

    return read


def prepare_article(
    item: tuple[RawArticle, frozenset[int]],
) -> tuple[Article | None, tuple[load.Skipped, ...]]:
    """Return the Article of one raw text (None when only boilerplate is left) and remarks.

    `item` is the raw text and the hashes of the corpus-wide repeated lines that occur in
    it (`clean.repeated_keys`).
    """
    raw, found = item
    kept, remarks = clean.readable([clean.clean_lines(raw, clean.found_lines(raw, found))])
    # Its texts are held compressed from here to the end of the build (`Article.packed`):
    # every later stage reads a few articles' texts at a time (a block, an event, a page).
    return (to_article(kept[0]).packed() if kept else None), tuple(remarks)


def prepare_articles(
    raws: list[RawArticle],
    file_keys: Mapping[str, str],
    helpers: Helpers,
    article_keys: dict[str, str] | None = None,
    line_keys: Mapping[str, clean.LineKeys] | None = None,
) -> tuple[list[Article], list[load.Skipped]]:
    """Return the cleaned articles of `raws` in order, and the remarks on thin ones.

    `article_keys` gets each article's cache key (a hash of everything it was made from);
    `line_keys` holds `clean.line_keys` of the raws the reader has them for.

    Consumes `raws`: the list is emptied block by block as its articles are made, so the
    corpus text is held about once, not twice. An article's cache key covers its file, its
    copies and the repeated lines it contains: everything cleaning reads besides the text.
    """
    known = line_keys or {}
    keys_of = [known[raw.path] if raw.path in known else clean.line_keys(raw) for raw in raws]
    found_of = clean.repeated_keys(keys_of, clean.REPEATED_MIN_ARTICLES)
    del keys_of
    articles: list[Article] = []
    remarks: list[load.Skipped] = []
    raws.reverse()
    found_of.reverse()
    while raws:
        items, keys = [], []
        for raw in (raws.pop() for _ in range(min(READ_BLOCK, len(raws)))):
            found = found_of.pop()
            items.append((raw, found))
            file_key = file_keys.get(raw.path) or key_of(repr(raw))
            lines = (str(h) for h in sorted(found))
            keys.append(key_of("article", file_key, *raw.duplicates, "", *lines))
        results = cached_map(helpers.cache, "article", prepare_article, items, keys,
                             helpers.workers, helpers.progress)  # fmt: skip
        articles += [article for article, _ in results if article is not None]
        remarks += [remark for _, thin in results for remark in thin]
        if article_keys is not None:
            pairs = zip(results, keys, strict=True)
            article_keys.update((a.id, k) for (a, _), k in pairs if a is not None)
        del items, results
        release_memory()  # the block's raw texts, between articles that stay
    return articles, remarks


STORE_MOST_REMOVED = 0.25
"""A kept `TermStore` with more of its rows removed than this is made afresh instead."""


def read_for_clustering(
    articles: Sequence[Article], article_keys: Mapping[str, str], helpers: Helpers
) -> TermStore:
    """Return what the clusterer reads from each article alone (its terms, names and
    5-grams: `features.read_article`) as a `TermStore`. Each record is kept in the build
    cache by the article's key, so a rebuild reads the words of new and changed articles
    only. The records are read and stored `READ_BLOCK` at a time: as dicts of strings they
    are about 26 KB an article, in the store about a third of that.

    The store itself is kept in the cache's folder too (`TermStore.save`), and a rebuild
    starts from it (`TermStore.resume`): the records of the articles that are gone or
    changed are taken out and the new ones added, instead of every record being read from
    the database and added again (2 of a 10,000-article rebuild's 12 s). It gives the
    same vectors, counts and copies as a store made afresh; more than
    `STORE_MOST_REMOVED` of its rows removed, it is made afresh.
    """
    keys = {a.id: key_of("terms", article_keys.get(a.id) or repr(a)) for a in articles}
    folder = helpers.cache.claim_files()
    store = None
    if folder is not None:
        store = TermStore.resume(folder, keys, helpers.cache.version, STORE_MOST_REMOVED)
    if store is None:
        # The 5-grams wait for clustering in a scratch file; lower-case words are counted.
        store = TermStore(spill=True, keep_lower=False, folder=folder)
    else:
        kept = [keys[a.id] for a in articles if a.id in store]
        helpers.cache.keep("terms", kept)
        helpers.progress.advance(len(kept))
    todo = [a for a in articles if a.id not in store]
    for start in range(0, len(todo), READ_BLOCK):
        block = todo[start : start + READ_BLOCK]
        block_keys = [keys[a.id] for a in block]
        results = cached_map(helpers.cache, "terms", read_article, block, block_keys,
                             helpers.workers, helpers.progress)  # fmt: skip
        store.add_many(zip((a.id for a in block), results, strict=True))
        del results
        release_memory()  # the block's records as dicts, between what stays
    store.save(keys, helpers.cache.version)
    return store


EventWork = tuple[Event, tuple[Article, ...]]


def _attach_event(item: EventWork) -> tuple[Event, tuple[Article, ...]]:
    """Return the event with timeline and summary, and the members whose dates it changed."""
    event, members = item
    dated = timeline.infer_dates(members)
    attached = summary.attach_summary(
        timeline.attach_members(event, dated), {a.id: a for a in dated}
    )
    return attached, tuple(new for old, new in zip(members, dated, strict=True) if new != old)


def attach_events(
    events: Sequence[Event],
    by_id: Mapping[str, Article],
    article_keys: Mapping[str, str],
    helpers: Helpers,
    event_keys: dict[str, str] | None = None,
) -> tuple[list[Event], dict[str, Article]]:
    """Return every event with its timeline and summary, and the articles with the dates
    inferred from their event applied (see `timeline.attach_all`).

    Each event's result is kept in the build cache, keyed by the event and the keys of its
    members (their cache key, date and copies: all an article is made from); `event_keys`
    gets each event's key by id.
    """
    items = [(e, tuple(by_id[i] for i in e.article_ids)) for e in events]
    # An article's key covers its file; its date may also come from the folder
    # (`dated_by_folder`), so the date is hashed too (its mentions follow from the two).
    keys = [
        key_of(
            "event",
            repr(event),
            *(
                key_of(article_keys.get(a.id) or repr(a), repr(a.published), *a.copies)
                for a in members
            ),
        )
        for event, members in items
    ]
    # In this process: the workers are retired after features (`assemble`, docs/history.md
    # "Twelfth session").
    results = cached_map(helpers.cache, "event", _attach_event, items, keys,
                         helpers.workers, helpers.progress)  # fmt: skip
    if event_keys is not None:
        event_keys.update((e.id, k) for (e, _), k in zip(results, keys, strict=True))
    articles = dict(by_id)
    for _, changed in results:
        articles.update((a.id, a) for a in changed)
    return [event for event, _ in results], articles


def clustering_key(articles: Sequence[Article], article_keys: Mapping[str, str]) -> str:
    """Return the key of a folder's clustering: every article's id and cache key (a hash of
    all it was made from; its `repr` where it has none), in id order. The clustering reads
    nothing else but the settings, which version the whole cache, so a rebuild whose
    articles are all unchanged (a template, `events.yaml` or nothing edited) takes the
    last build's clustering as it is; one new, changed or removed article makes it afresh,
    since each changes the corpus-wide weights of every pair (README, "A stable IDF")."""
    ordered = sorted(articles, key=lambda a: a.id)
    return key_of("clustering", *(f"{a.id}\n{article_keys.get(a.id) or repr(a)}" for a in ordered))


class KeptClustering(NamedTuple):
    """A clustering as the cache keeps it (`kept_clustering`): what a build reads of it."""

    groups: list[list[str]]
    ids: tuple[str, ...]
    """Every article some similarity is kept for, sorted."""
    pairs: np.ndarray
    """(n, 2) int32: each pair's two positions in `ids`."""
    values: np.ndarray
    """float64: each pair's similarity, in the order of `pairs`."""
    folder_dated: dict[str, DateValue | None]
    languages: dict[str, str | None]


def kept_clustering(clustering: cluster.Clustering) -> KeptClustering:
    """Return what a build reads of a clustering (`grouping.group_articles`): its groups,
    similarities, folder dates and languages, without the explanations of its splits and
    releases, which only `digest explain` shows. The similarities are kept as arrays of
    the pairs' positions among the ids and their values (a dict of 100,000s of pairs of
    strings pickled at once holds the pickler's memo of every one of them)."""
    ids = tuple(sorted({aid for pair in clustering.sims for aid in pair}))
    at = {aid: k for k, aid in enumerate(ids)}
    count = len(clustering.sims)
    positions = (k for a, b in clustering.sims for k in (at[a], at[b]))  # no list of pairs
    pairs = np.fromiter(positions, dtype=np.int32, count=2 * count).reshape(-1, 2)
    values = np.fromiter(clustering.sims.values(), dtype=np.float64, count=count)
    return KeptClustering(
        clustering.groups, ids, pairs, values, clustering.folder_dated, clustering.languages
    )


def clustering_of(kept: KeptClustering) -> cluster.Clustering:
    """Return the clustering `kept_clustering` kept: the same groups, and the same
    similarity of each pair to the bit, in the same order."""
    ids = kept.ids
    sims = {
        (ids[i], ids[j]): value
        for (i, j), value in zip(kept.pairs.tolist(), kept.values.tolist(), strict=True)
    }
    return cluster.Clustering(
        kept.groups, sims, folder_dated=kept.folder_dated, languages=kept.languages
    )


def clustered(
    articles: Sequence[Article],
    article_keys: Mapping[str, str],
    known: TermStore,
    config: Config,
    cache: BuildCache,
) -> tuple[list[Article], cluster.Clustering]:
    """Return the articles with their copies marked (`duplicates.mark_copies`) and their
    clustering: the last build's, kept in `cache` under `clustering_key`, where every
    article is unchanged; else made here from `known` (emptied once read: the clustering
    records are the build's largest data) and kept for the next build."""
    key = clustering_key(articles, article_keys)
    kept = cache.get_many("clustering", [key]).get(key)
    if kept is not None:
        copies, held = kept  # type: ignore[misc]
        return duplicates.mark_copies(articles, copies), clustering_of(held)
    ids, hashes, sizes = known.take_all_shingles()  # the store's own, not a copy
    copies = duplicates.copy_groups_of(ids, hashes, sizes)
    del ids, hashes, sizes
    release_memory()
    marked = duplicates.mark_copies(articles, copies)
    clustering = cluster_of(marked, config.cluster, copies, known, True)
    cache.put_many("clustering", {key: (copies, kept_clustering(clustering))})
    return marked, clustering


def assemble(config: Config, report: BuildReport, helpers: Helpers | None = None) -> Digest:
    """Return the digest of the seeds folder: load, clean, cluster, timeline."""
    helpers = helpers or Helpers()
    file_keys: dict[str, str] = {}
    article_keys: dict[str, str] = {}
    line_keys: dict[str, clean.LineKeys] = {}
    with _timed(report, "load", helpers):
        reader = cached_reader(helpers, file_keys, line_keys)
        raws, skipped = load.read_sources(config.seeds, reader)
    remarks = [load.Skipped(r.path, m) for r in raws for m in r.warnings]
    with _timed(report, "clean", helpers, len(raws)):
        articles, thin = prepare_articles(raws, file_keys, helpers, article_keys, line_keys)
    # Read by cleaning alone (the articles' keys cover them): not held to the end.
    file_keys.clear()
    line_keys.clear()
    origins = {a.id: (a, article_keys[a.id]) for a in articles if a.id in article_keys}
    with _timed(report, "features", helpers, len(articles)):
        known = read_for_clustering(articles, article_keys, helpers)
    # Nothing after this runs in the workers: end them so their memory is free.
    helpers.workers.retire()
    release_memory()
    for item in sorted([*skipped, *thin, *remarks], key=lambda s: s.path):
        (report.warn if item.is_warning else report.note)(item.path, item.reason)
    previous = changes.find_previous(config.previous, config.output, report)
    with _timed(report, "cluster", helpers):
        articles, clustering = clustered(articles, article_keys, known, config, helpers.cache)
        del known
        assignments = previous.assignments if previous else {}
        folder_dated: dict[str, DateValue | None] = {}
        languages: dict[str, str | None] = {}
        events = make_events(
            articles, config, assignments, report, None, None, False, folder_dated, languages,
            clustering,
        )  # fmt: skip
    in_events = {aid for e in events for aid in e.article_ids}
    by_id = dated_by_folder({a.id: a for a in articles if a.id in in_events}, folder_dated)
    with _timed(report, "timeline", helpers):
        # Dates inferred from an event are applied here, after clustering, never before.
        event_keys: dict[str, str] = {}
        events, by_id = attach_events(events, by_id, article_keys, helpers, event_keys)
    event_origins = {e.id: (e, event_keys[e.id]) for e in events}
    report.articles = len(articles)
    if not articles:  # an empty digest would replace the published one: say so (--strict stops)
        report.warn(str(config.seeds), "no readable articles; the digest is empty")
    report.events = len(events)
    ordered = newest_first(events)
    change = changes.diff(previous, ordered, by_id, config.site.build_date) if previous else None
    return Digest(
        ordered, by_id, changes.record(previous, change), origins, event_origins, languages
    )


def build(config: Config, strict: bool = False, helpers: Helpers | None = None) -> BuildReport:
    """Build the site for `config` into its output folder and return what happened.

    One build at a time per output folder (a lock); the old site stays until the new one is
    complete. With `strict`, any warning stops the build before anything is written.
    `helpers` (cache, worker processes, progress display) change speed, never the output.
    """
    helpers = helpers or Helpers()
    site.check_output(config.output, config.seeds)
    try:
        with _few_full_collections():
            return _build_locked(config, strict, helpers)
    finally:
        helpers.cache.release()  # after a failure; a finished build has closed it already


FULL_COLLECTION_EVERY = 1000
"""Collections of the middle generation between full ones during a build (Python: 10)."""


@contextmanager
def _few_full_collections() -> Iterator[None]:
    """Let the garbage collector rarely walk every object while a build runs.

    Most of what a build makes (records, articles, events, pages' data) lives to its end,
    and each full pass walks all of it again: a 10,000-article rebuild made 13 such passes,
    a sixth of its CPU time. The young generations are still collected as usual (where
    most cycles die), and everything is freed by reference counting as before; cycles that
    outlive them wait for the end of the build.
    """
    before = gc.get_threshold()
    gc.set_threshold(before[0], before[1], max(before[2], FULL_COLLECTION_EVERY))
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _build_locked(config: Config, strict: bool, helpers: Helpers) -> BuildReport:
    with site.output_lock(config.output), helpers.workers, Launcher() as launcher:
        site.recover(config.output.resolve())  # what killed builds left; the lock proves it
        launcher.start()  # now, while the build is small (see `digest.launcher`)
        report = BuildReport()
        digest = assemble(config, report, helpers)
        if strict and report.warnings:
            raise StrictError(report)
        staging = site.Staging(config.output)  # pages go to disk as they are rendered
        try:
            with _timed(report, "render", helpers):
                pages = render.render_site(
                    digest, config, helpers.cache, helpers.workers.jobs, staging, launcher
                )
            with _timed(report, "write", helpers, len(pages)):
                report.pages = len(pages)
                report.written = staging.commit()
                helpers.progress.advance(len(pages))
        finally:
            staging.discard()
        helpers.cache.close()
    return report
