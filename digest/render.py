"""Jinja2 environment, filters, the page plan and events.json."""

from __future__ import annotations

import io
import itertools
import json
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import jinja2.meta
from markupsafe import Markup

from digest import changes, feeds, i18n, search, summary, timeline, views
from digest.cache import BuildCache, key_of
from digest.config import Config, SiteParams
from digest.errors import ConfigError, OutputError
from digest.launcher import Launcher
from digest.markup import json_visible, printable, safe_html
from digest.model import (
    Article,
    DateSource,
    DateValue,
    Event,
    Granularity,
    Source,
    StoryEntry,
    TimelineEntry,
)
from digest.site import Staging, content_hash, safe_relative
from digest.workers import release_memory

if TYPE_CHECKING:
    from digest.build import Digest

STATIC_FILES = ("style.css", "search.js", "favicon.svg")
ASSET_SUFFIXES = frozenset(
    (".css", ".js", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff", ".woff2")
)
"""Files in a user's templates folder with these suffixes are copied into the site."""


def builtin_templates_dir() -> Path:
    """Return the folder of the built-in templates.

    A wheel carries them as digest/templates; an editable install or a checkout has them in
    templates/ beside the digest package.
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / "base.html").is_file():
            return candidate
    raise FileNotFoundError(f"built-in templates not found next to {here}")


def make_environment(user_templates: Path | None) -> jinja2.Environment:
    """Return the Jinja2 environment: user templates first, then ours.

    `{% extends "default:base.html" %}` in a user template reaches the built-in one.
    """
    builtin = jinja2.FileSystemLoader(str(builtin_templates_dir()))
    loaders: list[jinja2.BaseLoader] = []
    if user_templates is not None and user_templates.resolve() != builtin_templates_dir():
        loaders.append(jinja2.FileSystemLoader(str(user_templates)))
    loaders.append(jinja2.PrefixLoader({"default": builtin}, delimiter=":"))
    loaders.append(builtin)
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["date_label"] = date_label
    env.filters["date_note"] = date_note
    env.filters["entry_date_label"] = entry_date_label
    env.filters["date_class"] = date_class
    env.filters["iso"] = lambda d: d.iso() if d else ""
    env.filters["sanitized"] = safe_html
    env.filters["printable"] = printable
    return env


def date_label(value: DateValue | None, language: str = "en") -> str:
    """Return a date for people, in the UI language, at its precision and honesty.

    Dates worked out from a weekday or a relative phrase show the weekday; estimates start
    with "≈"; dates inferred from other reports say so.
    >>> date_label(DateValue(date(2024, 11, 29)), "id")
    '29 November 2024'
    >>> date_label(DateValue(date(2024, 11, 29), source=DateSource.INFERRED), "en")
    'Friday (29 November 2024, inferred)'
    >>> date_label(DateValue(date(2024, 11, 1), Granularity.MONTH, DateSource.ESTIMATED), "id")
    '≈ November 2024'
    """
    if value is None:
        return i18n.text(language, "date_unknown")
    d = value.value
    month = i18n.month_name(language, d.month)
    if value.granularity is Granularity.DAY:
        label = f"{d.day} {month} {d.year}"
    elif value.granularity is Granularity.WEEK:
        label = i18n.text(language, "week_of").format(date=f"{d.day} {month} {d.year}")
    elif value.granularity is Granularity.MONTH:
        label = f"{month} {d.year}"
    else:
        label = str(d.year)
    weekday = i18n.weekday_name(language, d.weekday())
    is_day = value.granularity is Granularity.DAY
    if value.source is DateSource.INFERRED:
        inferred = i18n.text(language, "inferred")
        return f"{weekday} ({label}, {inferred})" if is_day else f"{label} ({inferred})"
    if value.source is DateSource.ESTIMATED:
        return f"≈ {label}"
    if value.source is DateSource.RELATIVE and is_day:
        return f"{weekday}, {label}"
    return label


def entry_date_label(entry: TimelineEntry | StoryEntry, language: str = "en") -> str:
    """Return an entry's date label, naming the weekday the text gives when the date is coarser.

    >>> entry = TimelineEntry(DateValue(date(2024, 11, 1), Granularity.MONTH,
    ...     DateSource.ESTIMATED), "…", (), weekday=1)
    >>> entry_date_label(entry, "id")
    'Selasa (≈ November 2024)'
    """
    label = date_label(entry.date, language)
    if entry.weekday is None or entry.date.granularity is Granularity.DAY:
        return label
    return f"{i18n.weekday_name(language, entry.weekday)} ({label})"


def date_note(value: DateValue | None, language: str = "en") -> str:
    """Return how precise a date is and where it came from, for a tooltip.

    >>> date_note(DateValue(date(2024, 11, 1), Granularity.MONTH, DateSource.ESTIMATED))
    "known to the month; estimated from the article's text; not stated"
    """
    if value is None:
        return i18n.text(language, "date_unknown")
    precision = i18n.text(language, f"precision_{value.granularity.value}")
    return f"{precision}; {i18n.text(language, f'provenance_{value.source.value}')}"


def date_class(value: DateValue | None) -> str:
    """Return CSS classes naming a date's precision and provenance: "date day inferred"."""
    if value is None:
        return "date unknown"
    certainty = "certain" if value.is_certain else "uncertain"
    return f"date {value.granularity.value} {value.source.value} {certainty}"


def source_name(article: Article, max_length: int = 48) -> str:
    """Return how a source is named in a timeline: its outlet, else its shortened title."""
    if article.outlet:
        return article.outlet
    title = article.title or article.id
    return title if len(title) <= max_length else title[: max_length - 1].rstrip() + "…"


@dataclass(frozen=True)
class Period:
    """A heading on the timeline of all events (a month, or a year) and its entries."""

    label: str
    iso: str
    entries: tuple[StoryEntry, ...]


def story_periods(entries: Sequence[StoryEntry], language: str) -> list[Period]:
    """Group entries already on the date axis under month headings (year for whole years).

    Each period's entries are collected in a list and made a tuple once: growing the tuple
    entry by entry copied it each time, quadratic in a month's entries (a month of a
    100,000-article digest holds thousands).
    """
    headings: list[tuple[str, str]] = []
    grouped: list[list[StoryEntry]] = []
    for entry in entries:
        d = entry.date.value
        if entry.date.granularity is Granularity.YEAR:
            label, iso = str(d.year), f"{d.year:04d}"
        else:
            label, iso = f"{i18n.month_name(language, d.month)} {d.year}", f"{d:%Y-%m}"
        if headings and headings[-1][1] == iso:
            grouped[-1].append(entry)
        else:
            headings.append((label, iso))
            grouped.append([entry])
    return [
        Period(label, iso, tuple(group))
        for (label, iso), group in zip(headings, grouped, strict=True)
    ]


def span_label(start: DateValue | None, end: DateValue | None, language: str) -> str:
    if start is None:
        return i18n.text(language, "date_unknown")
    if end is None or (end.value, end.granularity) == (start.value, start.granularity):
        return date_label(start, language)  # one day, however many reports tell it
    return f"{date_label(start, language)} – {date_label(end, language)}"


def events_json(
    digest: Digest, cache: BuildCache | None = None, fingerprints: Fingerprints | None = None
) -> str:
    """Return the whole digest as JSON: every article once, every event with its timeline.

    The text is `json.dumps(payload, ensure_ascii=False, indent=1)`, made visible. With an
    indent, Python's encoder runs in Python, so each article's and event's text is kept in
    `cache` under a hash of what it is made from (`fingerprints` of the record, and for an
    article its event and copies), and only new ones are laid out.
    """
    return events_json_bytes(digest, cache, fingerprints).decode("utf-8")


def events_json_bytes(
    digest: Digest, cache: BuildCache | None = None, fingerprints: Fingerprints | None = None
) -> bytes:
    """Return `events_json` encoded as UTF-8 (`events_json_pieces` joined)."""
    return b"".join(events_json_pieces(digest, cache, fingerprints))


def events_json_pieces(
    digest: Digest, cache: BuildCache | None = None, fingerprints: Fingerprints | None = None
) -> list[bytes]:
    """Return `events_json` encoded as UTF-8, in pieces: each article's and event's text
    is encoded as it is laid out (the text of all of them, joined into lists, the whole
    and then encoded, was four copies of the file at once, about 100 MB at 10,000
    articles). A build writes the pieces to the file one after the other
    (`site.Staging.add_pieces`): joined, they were the file twice (90 MB at 50,000)."""
    cache = cache or BuildCache.disabled()
    fingerprints = fingerprints or Fingerprints(digest.origins, digest.event_origins)
    event_of = {aid: e.id for e in digest.events for aid in e.article_ids}
    articles = sorted(digest.articles.values(), key=lambda a: a.id)
    copies = {a.id: [c for c in a.copies if c in digest.articles] for a in articles}
    keys = [
        key_of(JSON_KIND, "article", fingerprints.of(a), event_of[a.id], *copies[a.id])
        for a in articles
    ]
    keys += [key_of(JSON_KIND, "event", fingerprints.of(e)) for e in digest.events]
    fresh: dict[str, str] = {}
    made: set[str] = set()  # keys laid out by this call (stored in batches)

    def encoded(pairs: Iterable[tuple[str, Callable[[], object]]]) -> list[bytes]:
        """Return the text of each (key, item) encoded, `JSON_BATCH` at a time."""
        nonlocal fresh
        pairs = list(pairs)
        out: list[bytes] = []
        for start in range(0, len(pairs), JSON_BATCH):
            batch = pairs[start : start + JSON_BATCH]
            found = cache.get_many(JSON_KIND, [k for k, _ in batch]) if cache.is_enabled else {}
            for key, item in batch:
                known = found.get(key) or fresh.get(key)
                if known is None and key in made:  # laid out earlier, stored since
                    known = cache.get_many(JSON_KIND, [key]).get(key)
                if known is None:
                    known = fresh[key] = _json_text(item(), 2)
                    made.add(key)
                out.append(known.encode("utf-8"))  # type: ignore[union-attr]
            cache.put_many(JSON_KIND, fresh)
            fresh = {}
        return out

    article_texts = encoded(
        (key, lambda a=a: _article_json(a, event_of[a.id], copies[a.id]))
        for a, key in zip(articles, keys, strict=False)
    )
    event_texts = encoded(
        (key, lambda e=e: _event_json(e))
        for e, key in zip(digest.events, keys[len(articles) :], strict=True)
    )
    changed = [changes.change_json(c) for c in digest.changes]
    return [
        b'{\n "articles": ',
        *_json_list_bytes(article_texts),
        b',\n "events": ',
        *_json_list_bytes(event_texts),
        b',\n "changes": ',
        _json_text(changed, 1).encode("utf-8"),
        b"\n}\n",
    ]


JSON_BATCH = 1000
"""Articles' and events' JSON texts read from and stored in the cache at once."""


def _json_list_bytes(items: Sequence[bytes]) -> list[bytes]:
    """Return the pieces of `_json_list(items)`, encoded."""
    if not items:
        return [b"[]"]
    pieces = [b"[\n  "]
    for index, item in enumerate(items):
        if index:
            pieces.append(b",\n  ")
        pieces.append(item)
    pieces.append(b"\n ]")
    return pieces


def _article_json(a: Article, event: str, copies: list[str]) -> dict[str, object]:
    return {
        "id": a.id,
        "file": a.path,
        "title": a.title,
        "outlet": a.outlet,
        "url": a.url,
        "language": a.language,
        "published": a.published.json_date() if a.published else None,
        "published_precision": a.published.granularity.value if a.published else None,
        "published_source": a.published.source.value if a.published else None,
        "published_certain": a.published.is_certain if a.published else None,
        "event": event,
        "duplicates": list(a.duplicates),
        "copies": copies,
    }


def _event_json(e: Event) -> dict[str, object]:
    return {
        "id": e.id,
        "title": e.title,
        "articles": list(e.article_ids),
        "start": e.start.json_date() if e.start else None,
        "end": e.end.json_date() if e.end else None,
        "names": list(e.names),
        "name_kinds": [k.value for k in e.name_kinds],
        "timeline": [
            {
                "date": t.date.json_date(),
                "precision": t.date.granularity.value,
                "certain": t.date.is_certain,
                "provenance": t.date.source.value,
                "background": t.is_background,
                "planned": t.is_planned,
                "weekday": i18n.weekday_name("en", t.weekday).lower()
                if t.weekday is not None
                else None,
                "text": t.text,
                "sources": [
                    {"article": s.article, "sentence": s.sentence, "paragraph": s.paragraph}
                    for s in t.sources
                ],
            }
            for t in e.timeline
        ],
    }


JSON_KIND = "json"


def _json_text(value: object, depth: int) -> str:
    """Return `value` as json.dumps(indent=1) writes it `depth` levels down, made visible.

    JSON strings hold no raw line breaks, so every line break is one of the layout's.
    """
    text = json_visible(json.dumps(value, ensure_ascii=False, indent=1))
    return text.replace("\n", "\n" + " " * depth)


def _json_list(items: Sequence[str]) -> str:
    """Return a list at depth 1 of items already laid out at depth 2."""
    return "[\n  " + ",\n  ".join(items) + "\n ]" if items else "[]"


PAGE_KIND = "page"
PUT_BATCH = 256
"""Rendered pages' records are stored in the cache this many at a time, not held to the end."""
GET_BATCH = 1024
"""Cached pages' records are read from the cache this many at a time, as the pages come:
read all at once, a 20,000-article rebuild held about 100 MB of them."""
TRACKED = ("anchors", "source_names", "event_titles")
"""Shared lookup tables (one entry per name, per article) that pages read a few entries of:
a cached page depends on the entries it read, not on the whole table."""


@dataclass(frozen=True)
class PagePlan:
    """One HTML page to render: its path, template and own context.

    `derived` adds context that is a pure function of `context` (computed only when the
    page is rendered, not when it is found in the cache). With `cached`, the page's bytes
    are kept in the build cache under a key of its inputs (see `render_pages`).
    """

    path: str
    template: str
    context: Mapping[str, object]
    derived: Callable[[], Mapping[str, object]] | None = None
    cached: bool = False
    searched: bool = False
    """The page is meant for the search index (its template marks `data-pagefind-body`)."""


class ReadLog(Mapping[str, object]):
    """A read-only view of a mapping that notes which keys a template looked up.

    Iterating or sizing it counts as reading all of it.
    """

    def __init__(self, data: Mapping[str, object]) -> None:
        self.data = data
        self.looked: dict[str, tuple[bool, object]] = {}
        self.whole = False

    def __getitem__(self, key: str) -> object:
        try:
            value = self.data[key]
        except KeyError:
            self.looked[key] = (False, None)
            raise
        self.looked[key] = (True, value)
        return value

    def __iter__(self) -> Iterator[str]:
        self.whole = True
        return iter(self.data)

    def __len__(self) -> int:
        self.whole = True
        return len(self.data)


ARTICLE_FIELDS = tuple(f.name for f in fields(Article))
SCALARS = frozenset((str, int, float, bool, type(None)))
PLAIN_DATA: frozenset[type] = frozenset((DateValue, Source, TimelineEntry, StoryEntry, Period))
"""Records whose repr is all their data and that hold no Article or Event (a test checks
their fields): hashed by their repr in one step, not field by field."""


@dataclass
class Fingerprints:
    """Hashes of page inputs; an article's or event's is computed once per build.

    `origins` maps an article id to the article as cleaning made it and its build-cache
    key (a hash of everything it was made from): an article is then hashed by that key and
    the fields changed since (dates inferred from its event, its copies), not by all its
    text. `events` maps an event id to the event as the build made it (with its timeline
    and summary) and the key it was made under (`build.attach_events`): that very event
    is hashed by its key, not by the repr of its timeline and summary.
    """

    origins: Mapping[str, tuple[Article, str]] = field(default_factory=dict)
    events: Mapping[str, tuple[Event, str]] = field(default_factory=dict)
    memo: dict[int, tuple[object, str]] = field(default_factory=dict)

    def of(self, value: object) -> str:
        """Return a hash of `value`'s data: equal data, equal hash, in any process.

        Functions count as code (the cache's version covers them), not as data.
        """
        if type(value) in SCALARS:
            return repr(value)
        if callable(value) and not is_dataclass(value):
            return "code"
        if is_dataclass(value):  # records are often shared by pages: hashed once per build
            found = self.memo.get(id(value))
            if found is None:
                found = self.memo[id(value)] = (value, self._record_key(value))
            return found[1]
        if isinstance(value, (tuple, list)):
            if all(type(item) in SCALARS for item in value):
                return key_of("scalars", repr(tuple(value)))
            return key_of("seq", *(self.of(item) for item in value))
        if isinstance(value, Mapping):
            pairs = tuple(value.items())
            if all(type(k) in SCALARS and type(v) in SCALARS for k, v in pairs):
                return key_of("scalar map", repr(pairs))
            return key_of("map", *(self.of(item) for pair in pairs for item in pair))
        return repr(value)

    def forget_since(self, count: int) -> None:
        """Drop the memo's entries after its first `count` (in the order they were made):
        the memo holds the records it hashed, and a whole-site page's own records (the
        timeline's periods, the names' letters) are not needed once the page is made."""
        for known in list(itertools.islice(self.memo, count, None)):
            del self.memo[known]

    def _record_key(self, value: object) -> str:
        if isinstance(value, Event):
            made = self.events.get(value.id)
            if made is not None and made[0] is value:
                return key_of("made event", made[1])
            return key_of(type(value).__qualname__, repr(value))
        if type(value) in PLAIN_DATA:
            return key_of(type(value).__qualname__, repr(value))
        if not isinstance(value, Article):
            parts = (self.of(getattr(value, f.name)) for f in fields(value))  # type: ignore[arg-type]
            return key_of(type(value).__qualname__, *parts)
        origin = self.origins.get(value.id)
        if origin is None:
            return key_of(repr(value))
        original, key = origin
        changed = (
            name for name in ARTICLE_FIELDS if getattr(value, name) is not getattr(original, name)
        )
        return key_of(
            "article",
            key,
            *(part for name in changed for part in (name, repr(getattr(value, name)))),
        )


@dataclass
class Tables:
    """The `TRACKED` tables of this build, and their hashes once asked for."""

    tables: Mapping[str, Mapping[str, object]]
    hashes: dict[str, str] = field(default_factory=dict)

    def hash(self, name: str) -> str:
        if name not in self.hashes:
            self.hashes[name] = key_of(repr(sorted(self.tables[name].items())))
        return self.hashes[name]

    def still_hold(self, reads: Mapping[str, object]) -> bool:
        """True when every table entry a cached page read is the same now."""
        for name, read in reads.items():
            if isinstance(read, str):  # the page read the whole table: its hash
                if read != self.hash(name):
                    return False
                continue
            table = self.tables[name]
            for key, (present, value) in read:  # type: ignore[union-attr]
                if (key in table) != present or (present and table[key] != value):
                    return False
        return True


def _reads_of(logs: Mapping[str, ReadLog], tables: Tables) -> dict[str, object]:
    """Return what a render read of each table: its hash if all of it, else the entries."""
    return {
        name: tables.hash(name) if log.whole else tuple(sorted(log.looked.items()))
        for name, log in logs.items()
    }


def _note_reads(logs: Mapping[str, ReadLog], reads: Mapping[str, object]) -> None:
    """Add `reads` (of a fragment) to the logs of the page that includes it."""
    for name, read in reads.items():
        if isinstance(read, str):
            logs[name].whole = True
        else:
            logs[name].looked.update(read)  # type: ignore[arg-type]


FRAGMENT_KIND = "fragment"


class TemplateKeys:
    """The key of each template as a page or a fragment is rendered with it: a hash of its
    source and of those of the templates it extends, includes or imports, as Jinja's own
    parse finds them (`jinja2.meta.find_referenced_templates`). A page's bytes depend on
    those templates alone, so an edited `event.html` re-renders the event pages, and an
    edited `style.css` (copied, never rendered) no page. A template that names another by
    a variable, or calls `fragment` (whose template is an argument), is keyed by every
    template the environment can load (`everything`), as is any template that leads to one.
    """

    def __init__(self, env: jinja2.Environment) -> None:
        self.env = env
        self.keys: dict[str, str] = {}
        self._everything: str | None = None

    def __call__(self, name: str) -> str:
        if name not in self.keys:
            self.keys[name] = self._key(name, ())
        return self.keys[name]

    def _key(self, name: str, within: tuple[str, ...]) -> str:
        loader = self.env.loader
        if name in within or loader is None:  # a cycle, which Jinja itself would refuse
            return self.everything()
        try:
            source = loader.get_source(self.env, name)[0]
        except jinja2.TemplateNotFound:  # `{% include ... ignore missing %}`: none yet
            return key_of("no template", name)
        named = set(jinja2.meta.find_referenced_templates(self.env.parse(source)))
        if None in named or "fragment" in source:
            return self.everything()
        parts = [self._key(other, (*within, name)) for other in sorted(named)]  # type: ignore[type-var]
        if self._everything is not None and self._everything in parts:
            return self._everything
        return key_of("template", name, source, *parts)

    def everything(self) -> str:
        """Return a hash of every template the environment can load, by name and source."""
        if self._everything is None:
            loader = self.env.loader
            parts = []
            for name in sorted(loader.list_templates()) if loader is not None else []:
                try:
                    parts.append(f"{name}\0{loader.get_source(self.env, name)[0]}")  # type: ignore[union-attr]
                except UnicodeDecodeError:  # an image: no template can hold it
                    continue
            self._everything = key_of("templates", *parts)
        return self._everything


class Fragments:
    """`fragment(template, **args)` for templates: a part of a page rendered on its own.

    A fragment is rendered from the shared context, the `TRACKED` tables and `args` only
    (anything else is undefined, so it cannot depend on more), and kept in the build cache
    under a hash of its template, the shared context and `args`, with the table entries it
    read (as pages are: see `render_pages`). A whole-site page (the index, the timeline, the
    names) made of fragments re-renders only the parts whose data changed; the rest are
    joined as they were. The entries a fragment read count as read by its page.
    """

    def __init__(
        self,
        env: jinja2.Environment,
        shared: Mapping[str, object],
        tables: Tables,
        fingerprints: Fingerprints,
        cache: BuildCache,
        template_keys: TemplateKeys | None = None,
    ) -> None:
        self.env = env
        self.template_keys = template_keys or TemplateKeys(env)
        self.shared = shared
        self.shared_key = fingerprints.of(shared)
        self.tables = tables
        self.fingerprints = fingerprints
        self.cache = cache
        self.fresh: dict[str, object] = {}
        self.fresh_size = 0
        """Characters of the fragments in `fresh`."""
        self.page_logs: Mapping[str, ReadLog] = {}

    def __call__(self, template: str, **args: object) -> Markup:
        key = key_of(
            FRAGMENT_KIND,
            template,
            self.template_keys(template),
            self.shared_key,
            self.fingerprints.of(args),
        )
        record = self.fresh.get(key) or self.cache.get_many(FRAGMENT_KIND, [key]).get(key)
        if record is not None and self.tables.still_hold(record[0]):  # type: ignore[index]
            reads, html = record  # type: ignore[misc]
        else:
            logs = {name: ReadLog(table) for name, table in self.tables.tables.items()}
            context = {**self.shared, **logs, "fragment": self, **args}
            html = self.env.get_template(template).render(**context)
            reads = _reads_of(logs, self.tables)
            if self.cache.is_enabled:
                self.fresh[key] = (reads, html)
                self.fresh_size += len(html)
        _note_reads(self.page_logs, reads)
        return Markup(html)

    def flush(self) -> bool:
        """Store the fragments rendered since the last flush in the cache (where a later
        page that uses one finds it), instead of holding them to the end of render: a
        whole-site page's fragments are about its size again. True if there were any."""
        if not self.fresh:
            return False
        self.cache.put_many(FRAGMENT_KIND, self.fresh)
        self.fresh = {}
        self.fresh_size = 0
        return True

    def close(self) -> None:
        """Keep the fragments rendered for the next build."""
        self.flush()


@dataclass(frozen=True)
class RenderedPage:
    """A page rendered, or found in the cache (then its bytes stay packed until asked for)."""

    path: str
    digest: str
    """`site.content_hash` of the bytes."""
    search: search.ViewInfo
    html: bytes | None = None
    packed: bytes | None = None
    """The bytes compressed with zlib, as the cache keeps them, when `html` is None."""

    def data(self) -> bytes:
        return self.html if self.html is not None else zlib.decompress(self.packed or b"")


def render_pages(
    plans: Sequence[PagePlan],
    env: jinja2.Environment,
    common: Mapping[str, object],
    cache: BuildCache,
    origins: Mapping[str, tuple[Article, str]] | None = None,
    fingerprints: Fingerprints | None = None,
) -> Iterator[RenderedPage]:
    """Yield every planned page, in order.

    A cached page's key hashes its path, template, own context and the shared context
    except the `TRACKED` tables; its record holds the bytes (with their hash and search
    view's `ViewInfo`) and the table entries it read, and it is served only when those
    entries still hold. Code and settings are covered by the cache's version, the
    templates by the key of the page's own (`TemplateKeys`). `origins`: see
    `Fingerprints`. Templates may render parts of a page as `fragment`s (see `Fragments`). Each
    plan is dropped once its page is done (a caller that keeps no other reference to `plans`
    frees them one by one); the whole-site pages (not `cached`) are encoded a piece at a time
    (see `_encoded`).
    """
    fingerprints = fingerprints or Fingerprints(origins or {})
    template_keys = TemplateKeys(env)
    shared = {k: v for k, v in common.items() if k not in TRACKED}
    shared_key = fingerprints.of(shared)
    keys = {
        plan.path: key_of(
            PAGE_KIND,
            plan.path,
            plan.template,
            template_keys(plan.template),
            shared_key,
            fingerprints.of(plan.context),
        )
        for plan in plans
        if plan.cached and cache.is_enabled
    }
    pending = list(keys.values())  # in page order: read GET_BATCH at a time, as needed
    asked: set[str] = set()
    read = 0  # how many of `pending` are asked
    found: dict[str, object] = {}
    tables = Tables(
        {name: common[name] for name in TRACKED if isinstance(common.get(name), Mapping)}
    )  # type: ignore[misc]
    fragments = Fragments(env, shared, tables, fingerprints, cache, template_keys)
    fresh: dict[str, object] = {}
    todo = list(reversed(plans))  # each plan dropped once its page is done
    del plans
    while todo:
        plan = todo.pop()
        key = keys.get(plan.path)
        while key is not None and key not in asked and read < len(pending):
            batch = pending[read : read + GET_BATCH]
            read += len(batch)
            asked.update(batch)
            found.update(cache.get_many(PAGE_KIND, batch))
        record = found.pop(key, None) if key else None  # each page's record read once
        if record is not None and tables.still_hold(record[0]):  # type: ignore[index]
            _, packed, digest, info = record  # type: ignore[misc]
            yield RenderedPage(plan.path, digest, info, packed=packed)
            continue
        logs = {name: ReadLog(table) for name, table in tables.tables.items()}
        fragments.page_logs = logs
        context = {
            **common,
            **logs,
            "fragment": fragments,
            **plan.context,
            **(plan.derived() if plan.derived else {}),
        }
        template = env.get_template(plan.template)
        if plan.cached:
            html = template.render(**context).encode("utf-8")
        else:  # a whole-site page, as big as 76 MB at 50,000 articles: see `_encoded`
            known = len(fingerprints.memo)
            html = _encoded(template.generate(**context), fragments)
            fingerprints.forget_since(known)  # its own records (periods, letters), freed
        path = plan.path
        del context, plan
        if fragments.flush():
            release_memory()  # a whole-site page: its fragments and text, freed
        digest, info = content_hash(html), search.view_info(html)
        if key is not None:
            fresh[key] = (_reads_of(logs, tables), zlib.compress(html, 1), digest, info)
            if len(fresh) >= PUT_BATCH:  # stored as they come, not held to the end
                cache.put_many(PAGE_KIND, fresh)
                fresh = {}
                release_memory()
        yield RenderedPage(path, digest, info, html=html)
    cache.put_many(PAGE_KIND, fresh)
    fragments.close()


def _encoded(pieces: Iterator[str], fragments: Fragments) -> bytes:
    """Return the text of `pieces` (a template's `generate()`) encoded as UTF-8, each piece
    encoded as it comes into one growing buffer, and the fragments rendered meanwhile
    stored in the cache once they hold `FRAGMENT_FLUSH` characters: the same bytes as
    `render().encode()`, which held the pieces, the joined text, its fragments and the
    bytes at once (about 5 times the page: the timeline page of 50,000 articles is 76 MB).
    """
    buffer = io.BytesIO()
    for piece in pieces:
        buffer.write(piece.encode("utf-8"))
        if fragments.fresh_size >= FRAGMENT_FLUSH:
            fragments.flush()
    return buffer.getvalue()


FRAGMENT_FLUSH = 4_000_000
"""Characters of fresh fragments a whole-site page holds before storing them in the cache."""


def event_page(event_id: str) -> str:
    """Return the path of an event's page, relative to the site's root."""
    return f"events/{event_id}.html"


def article_page(article_id: str) -> str:
    """Return the path of an article's page, relative to the site's root."""
    return f"articles/{article_id}.html"


def render_site(
    digest: Digest,
    config: Config,
    cache: BuildCache | None = None,
    jobs: int = 1,
    staging: Staging | None = None,
    launcher: Launcher | None = None,
) -> Mapping[str, bytes]:
    """Return every output file as relative path → bytes; the pages are planned first.

    With `staging`, each file is written there as soon as it is rendered (so no more than one
    page is held in memory) and the mapping reads them back from it; without, they are kept
    in memory. With a `cache`, event and article pages whose inputs did not change since a
    build that used it are taken from it instead of rendered again, and so are the search
    bundles of unchanged pages (the same bytes). Up to `jobs` Pagefind processes index the
    others, started by `launcher` (see `digest.launcher`) if given.
    """
    env = make_environment(config.templates)
    site: SiteParams = config.site
    lang = site.language
    event_of: Mapping[str, Event] = {aid: e for e in digest.events for aid in e.article_ids}
    languages = article_languages(digest.articles.values(), digest.origins, cache, digest.languages)
    event_views = {e.id: views.event_view(e, digest.articles, languages) for e in digest.events}
    anchors = views.name_anchors(n for e in digest.events for n in e.names)
    names = {a.id: source_name(a) for a in digest.articles.values()}
    common = {
        "site": site,
        "lang": lang,
        "t": i18n.strings(lang),
        "span_label": span_label,
        "anchors": anchors,
        "source_names": names,
        "event_titles": {e.id: e.title for e in digest.events},
    }

    plans: list[PagePlan] = []

    def page(
        path: str,
        template: str,
        derived: Callable[[], Mapping[str, object]] | None = None,
        cached: bool = False,
        **context: object,
    ) -> None:
        root = "../" * path.count("/")
        canonical = feeds.absolute(path, site.base_url) if site.base_url else None
        own = {"root": root, "path": path, "canonical": canonical, **context}
        plans.append(PagePlan(path, template, own, derived, cached, searched=cached))

    # The whole-site pages' own data is made when the page is rendered (`derived`), and
    # dropped once it is done, not held while every other page is rendered.
    ordered = [event_views[e.id] for e in digest.events]
    page(
        "index.html",
        "index.html",
        derived=lambda ordered=ordered: {"groups": views.by_month(ordered)},
        events=ordered,
        latest_change=changes.headline(digest.changes[0], lang) if digest.changes else None,
    )
    page(
        "names.html",
        "names.html",
        derived=lambda anchors=anchors: {"letters": views.names_view(digest.events, anchors)},
    )
    page("search.html", "search.html")
    related = summary.related_events(digest.events)
    for event in digest.events:
        members = tuple(digest.articles[i] for i in event.article_ids)
        page(
            event_page(event.id),
            "event.html",
            derived=lambda members=members: {"disagreements": summary.disagreements(members)},
            cached=True,
            view=event_views[event.id],
            event=event,
            articles=event_views[event.id].articles,
            related=related[event.id],
            members=members,
        )
    page(
        "timeline.html",
        "timeline.html",
        derived=lambda: {"periods": story_periods(timeline.story(digest.events), lang)},
        events_by_id={e.id: e for e in digest.events},
    )
    for article in digest.articles.values():
        page(
            article_page(article.id),
            "article.html",
            cached=True,
            article=article,
            article_lang=languages[article.id],
            event=event_of[article.id],
        )
    page(
        "changes.html",
        "changes.html",
        changes=digest.changes,
        events_by_id={e.id: e for e in digest.events},
        article_ids=set(digest.articles),
        day_label=lambda day: date_label(DateValue(date.fromisoformat(day)), lang),
    )
    kept: dict[str, bytes] = {}
    add = staging.add if staging is not None else kept.__setitem__
    pages = staging.files() if staging is not None else kept
    cache = cache or BuildCache.disabled()
    stamps_key = key_of(SITE_KIND, str(config.output.resolve()))
    if staging is not None:
        old = cache.get_many(SITE_KIND, [stamps_key]).get(stamps_key)
        staging.old_stamps = old if isinstance(old, dict) else {}  # type: ignore[assignment]
    infos: dict[str, search.ViewInfo] = {}
    fingerprints = Fingerprints(digest.origins, digest.event_origins)
    per_bundle = site.search_pages_per_bundle
    bundle_keys = search.bundle_keys(
        {
            e.id: [event_page(e.id), *(article_page(aid) for aid in e.article_ids)]
            for e in digest.events
        }
    )
    in_order, streamed = _search_order(plans, per_bundle, bundle_keys)
    plans.clear()
    rendered = render_pages(in_order, env, common, cache, fingerprints=fingerprints)
    del in_order  # only `render_pages` holds the plans now, each until its page is done
    with search.Indexer(config.output, cache, jobs, reserved=1, launcher=launcher) as indexer:
        # Each bundle of search pages goes to Pagefind as soon as its last page is rendered
        # (see `_search_order`), so Pagefind runs while the rest is rendered.
        for page in rendered:
            infos[page.path] = page.search
            if staging is not None:
                staging.add_known(page.path, page.digest, page.data)
            else:
                kept[page.path] = page.data()
            bundle = streamed.rendered(page.path, page.search, indexer.version)
            if bundle is not None:
                indexer.submit(bundle, pages)
        # What only the pages read, dropped before the last bundles are indexed: the views
        # and the records the fingerprints memo holds (events.json hashes its own again).
        del rendered, page, common, event_views, ordered, anchors, names, related, languages
        fingerprints.memo.clear()
        release_memory()
        for rel, data in static_files(config.templates).items():
            add(rel, data)
        # The bundles as planned from all pages: the streamed ones again (taken once), or
        # others if the templates mark other pages for search than `searched` says.
        bundles = search.plan_bundles(
            search.indexed_digests(pages, infos), per_bundle, indexer.version, bundle_keys
        )
        for bundle in bundles:
            indexer.submit(bundle, pages)
        json_pieces = events_json_pieces(digest, cache, fingerprints)
        if staging is not None:
            staging.add_pieces("events.json", json_pieces)
        else:
            add("events.json", b"".join(json_pieces))
        del json_pieces
        for rel, data in machine_files(digest, pages, site).items():
            add(rel, data)
        for rel, data in indexer.site_files(bundles, pages):
            add(rel, data)
    if staging is not None:
        cache.put_many(SITE_KIND, {stamps_key: staging.stamps})
    return pages if staging is not None else dict(sorted(pages.items()))


class _StreamedBundles:
    """Tells when the last page of a bundle of `searched` pages has been rendered."""

    def __init__(
        self, searched: Sequence[str], pages_per_bundle: int, keys: Mapping[str, str]
    ) -> None:
        self.count = search.bundle_count(len(searched), pages_per_bundle)
        self.number = {rel: search.bundle_for(rel, self.count, keys) for rel in searched}
        self.left = Counter(self.number.values())
        self.digests: dict[int, dict[str, str]] = {}

    def rendered(self, rel: str, info: search.ViewInfo, version: str) -> search.Bundle | None:
        """Note page `rel`; return its bundle when it was the bundle's last page and all
        its pages are marked for search (otherwise the plan from all pages decides)."""
        number = self.number.get(rel)
        if number is None:
            return None
        marked, digest = info
        group = self.digests.setdefault(number, {})
        group[rel] = digest if marked else ""
        self.left[number] -= 1
        if self.left[number] or not all(group.values()):
            return None
        return search.make_bundle(number, group, version)


def _search_order(
    plans: Sequence[PagePlan], pages_per_bundle: int, keys: Mapping[str, str]
) -> tuple[list[PagePlan], _StreamedBundles]:
    """Return `plans` with the search pages first, bundle by bundle, and the tracker that
    hands each bundle to Pagefind when its pages are done (`keys`: `search.bundle_keys`).
    Which page is rendered when changes no byte of any page."""
    searched = [plan for plan in plans if plan.searched]
    streamed = _StreamedBundles([plan.path for plan in searched], pages_per_bundle, keys)
    searched.sort(key=lambda plan: streamed.number[plan.path])  # stable: plan order inside
    return [*searched, *(plan for plan in plans if not plan.searched)], streamed


LANGUAGE_KIND = "language"
SITE_KIND = "site"
"""The stamps of the files the last build put in an output folder (see `site.FileStamp`)."""


def article_languages(
    articles: Iterable[Article],
    origins: Mapping[str, tuple[Article, str]],
    cache: BuildCache | None,
    known: Mapping[str, str | None] | None = None,
) -> dict[str, str | None]:
    """Return `views.article_language` of every article by id, from `cache` when known.

    The key is the article's build-cache key while its language, title and text are those
    cleaning made (`origins`), else a hash of exactly what the language is guessed from.
    `known`: the languages of the articles as cleaning made them (`build.Digest.languages`),
    used while an article's language, title and text are still those (a full build of
    10,000 articles guessed them all again: 0.8 s).
    """
    cache = cache or BuildCache.disabled()
    known = known or {}
    articles = list(articles)
    languages: dict[str, str | None] = dict.fromkeys(a.id for a in articles)  # in their order
    keys: dict[str, str] = {}
    for article in articles:
        original, key = origins.get(article.id, (None, ""))
        same = original is not None and all(
            getattr(article, name) is getattr(original, name)
            for name in ("language", "title", "paragraphs")
        )
        if same and article.id in known:
            languages[article.id] = known[article.id]
            continue
        if same:
            keys[article.id] = key_of(LANGUAGE_KIND, key)
            continue
        guessed_from = (article.title, *article.paragraphs[: views.LANGUAGE_PARAGRAPHS])
        keys[article.id] = key_of(LANGUAGE_KIND, "text", repr(article.language), *guessed_from)
    found = cache.get_many(LANGUAGE_KIND, keys.values()) if cache.is_enabled else {}
    fresh: dict[str, str | None] = {}
    for article in articles:
        if article.id not in keys:
            continue
        key = keys[article.id]
        if key in found:
            languages[article.id] = found[key]  # type: ignore[assignment]
        else:
            languages[article.id] = fresh[key] = views.article_language(article)
    cache.put_many(LANGUAGE_KIND, fresh)
    return languages


def static_files(user_templates: Path | None) -> dict[str, bytes]:
    """Return the stylesheet, scripts and icon, plus a user's own assets; theirs win by name.

    Any file in the user's templates folder with an asset suffix (.css, .js, images, fonts)
    is copied to the same relative path in the site.
    """
    files = {name: (builtin_templates_dir() / name).read_bytes() for name in STATIC_FILES}
    if user_templates is None or not user_templates.is_dir():
        return files
    for path in sorted(user_templates.rglob("*")):
        rel = path.relative_to(user_templates)
        hidden = any(part.startswith(".") for part in rel.parts)
        if path.is_file() and path.suffix.lower() in ASSET_SUFFIXES and not hidden:
            try:
                safe_relative(rel.as_posix())
            except OutputError:
                raise ConfigError(
                    f"{path}: a site file name may use only letters, digits, '.', '_' and '-' "
                    "(no spaces); rename it, and the links to it"
                ) from None
            files[rel.as_posix()] = path.read_bytes()
    return files


def machine_files(digest: Digest, pages: Mapping[str, bytes], site: SiteParams) -> dict[str, bytes]:
    """Return feed.xml, sitemap.xml and robots.txt for the planned `pages`."""
    dated = {event_page(e.id): e.end for e in digest.events if e.end is not None}
    dated.update({article_page(a.id): a.published for a in digest.articles.values() if a.published})
    html = [name for name in pages if name.endswith(".html")]
    return {
        "feed.xml": feeds.atom_feed(digest.events, digest.articles, site, digest.changes),
        "sitemap.xml": feeds.sitemap(html, dated, site),
        "robots.txt": feeds.robots(site),
    }
