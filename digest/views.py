"""What each page shows, decided in Python so templates only loop and print.

Builders here turn the digest's records into small view records: an event with its
articles, outlets, summary and language; the index grouped by month; the names index.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from digest import summary
from digest.model import Article, DateValue, Event, Granularity, Source
from digest.text import tokenize

_ENGLISH = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "in",
        "is",
        "that",
        "was",
        "for",
        "with",
        "on",
        "by",
        "said",
        "as",
        "at",
        "from",
        "has",
        "have",
        "were",
        "are",
        "it",
        "a",
        "an",
        "he",
        "his",
        "its",
        "be",
        "been",
        "this",
        "which",
        "who",
        "after",
        "not",
        "will",
        "would",
        "their",
        "they",
        "but",
        "had",
        "also",
        "about",
    ]
)
_INDONESIAN = frozenset(
    [
        "yang",
        "dan",
        "di",
        "ke",
        "dari",
        "untuk",
        "dengan",
        "ini",
        "itu",
        "pada",
        "dalam",
        "tidak",
        "akan",
        "adalah",
        "juga",
        "oleh",
        "telah",
        "kata",
        "bahwa",
        "tersebut",
        "para",
        "sebagai",
        "karena",
        "saat",
        "sudah",
        "atau",
        "ada",
        "kepada",
        "setelah",
        "menurut",
        "seperti",
        "hingga",
        "namun",
        "mereka",
        "ia",
        "dia",
        "sejak",
        "bagi",
        "serta",
        "masih",
        "belum",
        "bisa",
        "dapat",
        "agar",
        "yakni",
        "sebuah",
    ]
)
MIN_LANGUAGE_WORDS = 5
"""Function words a text needs to be called one language when it holds some of the other's."""
MIN_SHORT_WORDS = 2
"""Function words enough for a short text that holds none of the other language's: a web
copy of two sentences ("... bertemu ... di Pyongyang. Keduanya sepakat untuk ...")."""
LANGUAGE_PARAGRAPHS = 6
"""An article's language is guessed from its title and this many first paragraphs."""


def guess_language(text: str) -> str | None:
    """Return 'id' or 'en' for `text` by its commonest function words; None if unclear.

    >>> guess_language("Menteri itu tiba di Pyongyang pada hari Jumat dan bertemu dengan Kim.")
    'id'
    >>> guess_language("Retno bertemu Wang di Beijing. Keduanya sepakat untuk bekerja sama.")
    'id'
    >>> guess_language("Wang Yi di Beijing"), guess_language("Retno met Wang in Beijing")
    (None, None)
    """
    words = tokenize(text)
    en = sum(w in _ENGLISH for w in words)
    id_ = sum(w in _INDONESIAN for w in words)
    if en == id_ or max(en, id_) < (MIN_SHORT_WORDS if min(en, id_) == 0 else MIN_LANGUAGE_WORDS):
        return None
    return "id" if id_ > en else "en"


def article_language(article: Article) -> str | None:
    """Return the article's language: its own field without a region or script ("en" for
    front matter's "en-US": one language to the clusterer, the summary and the pages'
    `lang`; the region still decides the order of numeric dates, `dates.is_month_first`),
    else guessed from its text."""
    if article.language:
        return article.language.split("-", 1)[0]
    return guess_language(" ".join((article.title, *article.paragraphs[:LANGUAGE_PARAGRAPHS])))


def anchor(name: str) -> str:
    """Return an HTML id for a name: ASCII letters, digits and dashes.

    >>> anchor("Kim Jong-un (KCNA)")
    'n-kim-jong-un-kcna'
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return f"n-{slug or 'x'}"


def name_anchors(names: Iterable[str]) -> dict[str, str]:
    """Return a unique anchor for every name; clashes get -2, -3, ... in sorted order."""
    anchors: dict[str, str] = {}
    used: set[str] = set()
    for name in sorted(set(names)):
        base = candidate = anchor(name)
        suffix = 2
        while candidate in used:
            candidate, suffix = f"{base}-{suffix}", suffix + 1
        anchors[name] = candidate
        used.add(candidate)
    return anchors


@dataclass(frozen=True)
class Quote:
    """A sentence from an article, with what a reader needs to check it."""

    text: str
    article: Article
    paragraph: int
    language: str | None


@dataclass(frozen=True)
class EventView:
    event: Event
    articles: tuple[Article, ...]
    outlets: tuple[str, ...]
    summary: tuple[Quote, ...]
    languages: Mapping[str, str | None]
    """Article id → its language, for `lang` attributes."""
    outlet_of: Mapping[str, str]
    """Article id → its outlet, or its id when the outlet is unknown."""
    title_language: str | None

    @property
    def published_of(self) -> dict[str, DateValue | None]:
        """Article id → its date, for figures that changed between reports of different
        days."""
        return {a.id: a.published for a in self.articles}


def quote(
    source: Source, by_id: Mapping[str, Article], languages: Mapping[str, str | None]
) -> Quote:
    article = by_id[source.article]
    known = article.id in languages
    language = languages[article.id] if known else article_language(article)
    return Quote(source.sentence, article, source.paragraph, language)


def event_view(
    event: Event,
    by_id: Mapping[str, Article],
    languages: Mapping[str, str | None] | None = None,
) -> EventView:
    """Return what the pages show of `event`; `languages` may give `article_language` of
    its articles by id (worked out here when it does not)."""
    members = tuple(by_id[i] for i in event.article_ids)
    if languages is None:
        languages = {a.id: article_language(a) for a in members}
    ordered = tuple(sorted(members, key=lambda a: (a.published is None, a.published, a.id)))
    return EventView(
        event=event,
        articles=ordered,
        outlets=tuple(sorted({a.outlet for a in members if a.outlet})),
        summary=tuple(quote(s, by_id, languages) for s in event.summary),
        languages={a.id: languages[a.id] for a in members},
        outlet_of={a.id: a.outlet or a.id for a in members},
        title_language=next((languages[a.id] for a in ordered if a.title == event.title), None),
    )


@dataclass(frozen=True)
class MonthGroup:
    """Events whose latest date falls in one month; `key` is YYYY-MM, or '' when undated."""

    key: str
    month: DateValue | None
    events: tuple[EventView, ...]


def by_month(views: Sequence[EventView]) -> list[MonthGroup]:
    """Return the events grouped by the month of their last date, in the given order.

    Undated events come last, in one group.
    """
    groups: dict[str, list[EventView]] = {}
    for view in views:
        end = view.event.end or view.event.start
        key = f"{end.value.year:04d}-{end.value.month:02d}" if end else ""
        groups.setdefault(key, []).append(view)
    keys = sorted((k for k in groups if k), reverse=True) + ([""] if "" in groups else [])
    return [MonthGroup(k, _month(k), tuple(groups[k])) for k in keys]


def _month(key: str) -> DateValue | None:
    if not key:
        return None
    year, month = key.split("-")
    return DateValue(date(int(year), int(month), 1), Granularity.MONTH)


@dataclass(frozen=True)
class NameEntry:
    name: str
    anchor: str
    events: tuple[Event, ...]
    kind: str = "other"


def names_view(events: Sequence[Event], anchors: Mapping[str, str]) -> list[tuple[str, list]]:
    """Return the names index as (first letter, entries) groups in alphabetical order."""
    groups: dict[str, list[NameEntry]] = {}
    kinds = {n: k.value for e in events for n, k in zip(e.names, e.name_kinds, strict=False)}
    for name, named in summary.names_index(events):
        letter = unicodedata.normalize("NFKD", name[:1]).upper()[:1]
        letter = letter if letter.isalpha() else "#"
        groups.setdefault(letter, []).append(
            NameEntry(name, anchors[name], named, kinds.get(name, "other"))
        )
    return sorted(groups.items())
