"""What the clusterer sees: weighted lead and body terms, name tokens, and a date.

Three kinds of evidence are kept apart so each can be measured and explained:
- `lead`: headline and lead terms, TF-IDF; news names its event at the top;
- `body`: every term of the article (lead included), TF-IDF; background weighs little;
- names: the tokens of proper names. Names are shared across languages, so an English and an
  Indonesian report of one event meet here even when no word is shared.
"""

from __future__ import annotations

import itertools
import math
import os
import pickle
import re
import sys
from array import array
from collections import Counter
from collections.abc import Callable, ItemsView, Iterable, Iterator, KeysView, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import chain, pairwise
from operator import mul
from pathlib import Path

import numpy as np

from digest.config import ClusterParams
from digest.dates import is_month_first
from digest.duplicates import Hashes, SpilledHashes, shingle_hashes
from digest.model import Article, DateMention, DateSource, DateValue, NameKind
from digest.stages import offices_named, report_steps
from digest.text import (
    POSSESSIVES,
    STOPWORDS,
    TERM_FOLDING,
    fold_words,
    name_tokens,
    number_tokens,
    raw_words,
    read_foldings,
    read_forms,
    read_word_list,
    split_sentences,
    without_possessive,
)
from digest.views import article_language
from digest.yearless import (
    FOLDER_SLACK_DAYS,
    YearlessDateline,
    find_yearless_dateline,
    lead_bound_day,
    lead_plain_day,
    lead_weekday,
    month_from_folder,
    year_from_folder,
)

LEAD_WORDS = 60
"""Body paragraphs that start within this many words count as the lead, with the headline."""
BODY_TERMS = 150
"""Body vectors keep their this-many heaviest terms (memory stays flat with article length)."""
LEAD_NAME_PARAGRAPHS = 3
"""Names first seen in the headline or the first this-many paragraphs are the lead's names."""
LEAD_SENTENCES = 2
"""A report's lead day and lead weekday are read in its first this-many sentences, the first
that has one: the lead day in the story's (the second paragraph's first sentence is the
second where the first paragraph is one sentence: `lead_day`), the weekday in the first
paragraph's (`yearless.lead_weekday`). A report that opens on a scene or a finding says the
day in the sentence after ("Belum sepekan berlalu, ... . Kamis dini hari, ..."). Measured
(docs/history.md, "Twenty-fifth session"; mean alone / together / realistic12): first sentence only
0.9446 / 0.9283 / 0.9035; the weekday in two 0.9461 / 0.9295 / 0.9043 (three: the same);
and the day in the first paragraph's two 0.9463 / 0.9297 / 0.9043; **the day in the story's
two 0.9468 / 0.9301 / 0.9058**; the weekday in the story's two as well, 0.9478 / 0.9317 /
0.9037 (a bare weekday in the second paragraph is read right, yet the realistic sets lose)."""
COMMON_SHARE = 0.1
"""A word is no name (a title, an ordinary word: "pertahanan", "navy") when the articles
that write it in lower case number at least this share of those that name with it."""


@dataclass(frozen=True)
class Features:
    """An article as the clusterer sees it: unit-length sparse vectors, names and a date."""

    article_id: str
    lead: Mapping[str, float]
    body: Mapping[str, float]
    lead_names: dict[str, float]
    """Name tokens of the headline and lead → their IDF weight."""
    names: frozenset[str]
    """Every name token of the article."""
    date: DateValue | None
    estimated: DateValue | None = None
    """For an article without its own date, or with only a month its text suggests: the
    latest past day it mentions, else None."""
    month_day: tuple[int, int] | None = None
    """For an article without a certain date of its own: the month and day of its year-less
    dateline ("MOSCOW, Nov 29 (Reuters)"), else None (see `cluster.date_gap_days`)."""
    lead_places: frozenset[str] = frozenset()
    """Countries the lead names (`place_forms`; not adjectives: "a Ukrainian boxer" tells
    where he is from, not where the fight was)."""
    places: frozenset[str] = frozenset()
    """Countries the article names anywhere, adjectives and possessives included."""
    lead_people: tuple[frozenset[str], ...] = ()
    """The people the article is about: each person named in the headline or lead and
    mentioned at least twice, as the name's tokens among `names` (`lead_people`)."""
    language: str | None = None
    """'id', 'en' or None: its own field, else guessed (`views.article_language`)."""
    steps: tuple[tuple[str, int], ...] = ()
    """The steps of known sequences the report is about: a trial's verdict, a tournament's
    final, a game's final score (`stages.report_steps`)."""
    dateline_weekday: int | None = None
    """The weekday (0 = Monday) that goes with `month_day`: the dateline's own, else the
    one its lead's first sentence names (`yearless.YearlessDateline.weekday`)."""
    lead_regions: frozenset[str] = frozenset()
    """Provinces the headline and first paragraph name (`text_regions`)."""
    lead_weekday: int | None = None
    """The one weekday its lead's first sentence names ("arrived on Friday"), or its second
    where the first names none (`LEAD_SENTENCES`, `yearless.lead_weekday`), else None: for a
    report with no own day, the day of the week of what it reports
    (`cluster.weekday_conflicts`)."""
    title_places: frozenset[str] = frozenset()
    """Countries the headline names (`headline_places`)."""
    title_offices: int = 0
    """The offices the headline names, as bits of `stages.OFFICES` (`offices_named`)."""
    lead_offices: int = 0
    """The offices the headline and first two paragraphs name, as bits of `stages.OFFICES`."""
    roundup: bool = False
    """Its headline labels it an opinion column or a round-up of several happenings
    (`is_roundup`): it reports no one happening, so it joins none."""
    lead_day: int | None = None
    """The day (an ordinal) its story's first sentence dates (or its second, where the first
    dates none: `LEAD_SENTENCES`), read and not estimated ("Rabu (17/7/2024)", "on Saturday,
    October 8, 2022", "pada Minggu"), else None (`lead_day`):
    for a report of its own day, the day of what it tells when that is a few days before
    (`cluster.happening_day`)."""


ROUNDUP = re.compile(
    r"^\W*(?:\d+\s+)?(?:opinion|opini|editorial|tajuk(?:\s+rencana)?|kolom|column|"
    r"commentary|(?:the\s+)?(?:morning|evening|daily|weekly)\s+(?:brief(?:ing)?|wrap)|"
    r"(?:[^\W\d_]+\s+)?briefs|newsletter|week\s+in\s+review|"
    r"rangkuman(?:\s+(?:sepekan|pekan\s+ini|hari\s+ini))?|"
    r"berita\s+terpopuler(?:\s+hari\s+ini)?|top\s+stories|timeline|linimasa)"
    r"\s*[:|–—-]\s"
    r"|^\W*(?:prakiraan\s+cuaca|weather\s+forecast)\b",
    re.IGNORECASE,
)
"""Headline labels of what reports no one happening: an opinion ("OPINION: ...", "KOLOM:
..."), a round-up ("The Morning Brief: ...", "5 Berita Terpopuler Hari Ini: ...", "Week in
review: ...", "Rangkuman Sepekan: ...", "Timeline: how two banks became one", "Asia briefs:
Five charged in ...; Sabah reopens schools; ..."; not "In brief: ...", one story told
short), a weather outlook. An analysis or an explainer is about one happening and is not
one of these, nor is a "Kronologi" (Indonesian outlets tell one crash's minutes so)."""


def is_roundup(title: str) -> bool:
    """Whether a headline labels its article an opinion or a round-up (`ROUNDUP`).

    >>> is_roundup("OPINION: The deadline needs a runway"), is_roundup("Rangkuman Sepekan: X")
    (True, True)
    >>> is_roundup("Analysis: Why the bank blinked"), is_roundup("Sepekan Diburu, Buaya Tertangkap")
    (False, False)
    >>> is_roundup("Asia briefs: Five charged"), is_roundup("In brief: UN backs ceasefire call")
    (True, False)
    """
    return ROUNDUP.search(title) is not None


def dateline_day(article: Article) -> YearlessDateline | None:
    """Return the year-less dateline (month, day and weekday) of an article that has no
    certain date of its own (its year could not be fixed: see `digest.yearless`), else None.

    Read from the story as cleaned: the cleaner keeps a dateline at the head of the lead.
    A report with no dateline at all gets the latest day its first paragraph dates after a
    weekday ("... meraih sejuta penonton per Senin (23/11) siang": `lead_bound_day`), which
    its folder can fix a year for like a dateline's (twenty-seventh session: 32 labelled
    articles; of the 30 whose event's label names its day, 28 on it, one a day off and one
    three days off).
    """
    if article.published is not None and article.published.is_certain:
        return None
    dayfirst = not is_month_first(article.language, article.paragraphs)
    if not article.paragraphs:
        return None
    lead = article.paragraphs[0]
    return (
        find_yearless_dateline(article.paragraphs[:4], dayfirst=dayfirst)
        or lead_bound_day(lead, dayfirst)
        or lead_plain_day(lead, dayfirst)
    )


def estimate_date(article: Article) -> DateValue | None:
    """Return the latest past day-precise date an undated article mentions, or None.

    News reports what just happened, so the latest day it names is close to its own date.
    """
    if article.published is not None and article.published.source is not DateSource.ESTIMATED:
        return None
    days = [m.date for m in article.mentions if m.is_past and m.date.is_exact]
    return max(days, key=lambda d: d.value) if days else None


@dataclass(frozen=True)
class ArticleTerms:
    """What the clusterer reads from one article alone: the per-word work of `featurize`.

    It depends on the article and nothing else, so a build keeps it in its cache by the
    article's key and a rebuild reads no article's words again.
    """

    lead: dict[str, int]
    """Term counts of the headline and lead, in the order the terms first occur."""
    body: dict[str, int]
    """Term counts of the whole article (lead included), in `read_terms` order."""
    lower: tuple[str, ...]
    """Words the article writes in lower case, sorted (a tuple: a tenth of a set's memory)."""
    lead_name_tokens: frozenset[str]
    """Tokens of the names first seen in the headline or lead (common words not yet out)."""
    name_tokens: frozenset[str]
    """Tokens of every name of the article (common words not yet out)."""
    lead_numbers: frozenset[str]
    numbers: frozenset[str]
    estimated: DateValue | None
    month_day: tuple[int, int] | None
    shingles: bytes
    """The article's `duplicates.shingles`, as the bytes of the int64 array."""
    language: str | None = None
    """`views.article_language` (guessing a language costs more than reading a cached one)."""
    people: tuple[frozenset[str], ...] = ()
    """The tokens of each person the article may be about (`lead_people`, common words not
    yet out), sorted."""
    steps: tuple[tuple[str, int], ...] = ()
    """The steps of known sequences its opening names (`stages.report_steps`)."""
    dateline_weekday: int | None = None
    """The weekday of its year-less dateline (`Features.dateline_weekday`)."""
    lead_regions: frozenset[str] = frozenset()
    """`Features.lead_regions`."""
    lead_weekday: int | None = None
    """`Features.lead_weekday`."""
    title_places: frozenset[str] = frozenset()
    """`Features.title_places`."""
    title_offices: int = 0
    """`Features.title_offices`."""
    lead_offices: int = 0
    """`Features.lead_offices`."""
    lead_day: int | None = None
    """`Features.lead_day`."""

    def shingle_array(self) -> np.ndarray:
        return np.frombuffer(self.shingles, dtype=np.int64)


def _interned(fields: dict) -> dict:
    """Return the fields of an `ArticleTerms` with each word replaced by its interned copy:
    one string per word for a whole corpus read in one process, not one per article.
    (Records unpickled from the cache or a worker are not interned again: that would cost
    a rebuild more time than it saves memory.)"""
    intern = sys.intern
    fields = dict(fields)
    for name in ("lead", "body"):
        fields[name] = dict(zip(map(intern, fields[name]), fields[name].values(), strict=True))
    fields["lower"] = tuple(map(intern, fields["lower"]))
    for name in ("lead_name_tokens", "name_tokens"):
        fields[name] = frozenset(map(intern, fields[name]))
    return fields


def read_terms(article: Article) -> tuple[Counter[str], Counter[str], set[str]]:
    """Return the term counts of the headline plus lead and of the whole article, and the
    words the article writes in lower case (one pass over the text)."""
    terms = read_article(article)
    return Counter(terms.lead), Counter(terms.body), set(terms.lower)


PERSON_MENTIONS = 2
"""A person named in the lead is who the article is about when it names them this often."""


def read_article(article: Article) -> ArticleTerms:
    """Return everything `featurize` and the copy finder read from `article` alone.

    One pass over the words. Each paragraph's words are counted once (in C) and the
    counts added per distinct word, which keeps the order in which terms first occur: the
    order the plain word-by-word loop gives (`tests/test_cluster_scale.py` compares).
    """
    lead: dict[str, int] = {}
    body: dict[str, int] = {}
    lower: set[str] = set()
    words: list[str] = []
    seen = 0
    for index, paragraph in enumerate((article.title, *article.paragraphs)):
        written = raw_words(paragraph)
        lowered = list(map(str.lower, written))
        lower.update(filter(str.islower, set(written)))
        target = lead if index == 0 or seen < LEAD_WORDS else body
        get = target.get
        for word, count in Counter(fold_words(lowered, TERM_FOLDING)).items():
            if len(word) > 2 and word not in STOPWORDS:
                target[word] = get(word, 0) + count
        if index > 0:
            seen += len(written)
            words += lowered
    get = body.get
    for word, count in lead.items():
        body[word] = get(word, 0) + count
    lead_tokens: set[str] = set()
    every: set[str] = set()
    people: set[frozenset[str]] = set()
    for name in article.names:
        tokens = name_tokens(name.text)
        every.update(tokens)
        if name.first_paragraph <= LEAD_NAME_PARAGRAPHS:
            lead_tokens.update(tokens)
            if name.kind is NameKind.PERSON and name.count >= PERSON_MENTIONS and tokens:
                people.add(frozenset(tokens))
    lead_numbers: set[str] = set()
    numbers: set[str] = set()
    for index, paragraph in enumerate((article.title, *article.paragraphs)):
        found = number_tokens(paragraph)
        numbers.update(found)
        if index <= LEAD_NAME_PARAGRAPHS:
            lead_numbers.update(found)
    dateline = dateline_day(article)
    fields = {
        "lead": lead,
        "body": body,
        "lower": tuple(sorted(lower)),
        "lead_name_tokens": frozenset(lead_tokens),
        "name_tokens": frozenset(every),
        "lead_numbers": frozenset(lead_numbers),
        "numbers": frozenset(numbers),
        "estimated": estimate_date(article),
        "month_day": None if dateline is None else (dateline.month, dateline.day),
        "dateline_weekday": None if dateline is None else dateline.weekday,
        "shingles": shingle_hashes(words).tobytes(),
        "language": article_language(article),
        "people": tuple(sorted(people, key=sorted)),
        "steps": report_steps(article.title, article.paragraphs),
        "lead_regions": text_regions((article.title, *article.paragraphs[:1])),
        "lead_weekday": (
            lead_weekday(article.paragraphs[0], LEAD_SENTENCES) if article.paragraphs else None
        ),
        "title_places": headline_places(article.title),
        "title_offices": (title_offices := offices_named(article.title)),
        "lead_offices": title_offices | offices_named(" ".join(article.paragraphs[:2])),
        "lead_day": lead_day(article),
    }
    return ArticleTerms(**_interned(fields))


_LEAD_DAY_SOURCES = frozenset({DateSource.EXPLICIT, DateSource.DATELINE, DateSource.RELATIVE})


def lead_day(article: Article) -> int | None:
    """Return the day (an ordinal) of the first date the story's first sentence mentions (or,
    where it mentions none, its second: `LEAD_SENTENCES`; the second paragraph's first where
    the first paragraph is one sentence), when that date is a day in the past read from the
    text (a full date, or a weekday counted back from the article's own date), else None
    (`Features.lead_day`)."""
    found = [
        m
        for m in article.mentions
        if m.paragraph < 2 and m.is_past and m.date.is_exact and m.date.source in _LEAD_DAY_SOURCES
    ]
    # The first paragraph's sentences are counted only where the second paragraph has a date.
    first = len(split_sentences(article.paragraphs[0])) if any(m.paragraph for m in found) else 0

    def story_sentence(m: DateMention) -> int:
        return m.sentence if m.paragraph == 0 else first + m.sentence

    found = [m for m in found if story_sentence(m) < LEAD_SENTENCES]
    if not found:
        return None
    return min(found, key=lambda m: (story_sentence(m), m.start)).date.value.toordinal()


STORE_FILE = "terms.store"
SHINGLE_FILE = "terms.shingles"
LOWER_FILE = "terms.lower"
"""The files a `TermStore` keeps in a build cache's folder (`TermStore.save`)."""
STORE_FORMAT = 2
"""The layout of those files, kept with them: a store kept in another is made afresh
(`TermStore.resume`). 2: `terms.lower` holds word numbers as int32 (before: int64)."""
STORE_BLOCK = 2000
"""`TermStore.save` pickles this many records at a time."""
WORD_NUMBER = np.int32
"""The type of a `TermStore`'s word numbers (its arrays of them are `array("i")`)."""
MOST_WORDS = int(np.iinfo(WORD_NUMBER).max) + 1
"""How many words a `TermStore` can number (0 to 2**31 - 1): far more than a corpus that
fits in memory holds (each word is a Python string in `TermStore.words`)."""


def _shingle_buffer(
    spill: bool, folder: Path | None = None, name: str = "", dtype: type[np.integer] = np.int64
) -> array | SpilledHashes:
    """Return a scratch file for 5-gram hashes (or numbers of `dtype`) when `spill` asks
    and the system gives one (`name` in `folder`, kept, when a folder is given); else an
    array in memory (a system without a writable temporary folder still builds, with the
    hashes held as before the scratch file)."""
    if spill:
        try:
            return SpilledHashes(None if folder is None else folder / name, dtype=dtype)
        except OSError:
            pass
    return array("q")


_TAKEN = ArticleTerms(
    {}, {}, (), frozenset(), frozenset(), frozenset(), frozenset(), None, None, b""
)
"""What `TermStore.take_rest` leaves in a record's place."""


class TermStore:
    """The clustering records (`ArticleTerms`) of a corpus, held compactly as they arrive.

    A record's term counts are most of its memory as dicts of strings (about 15 of its
    26 KB, with its lower-case words 3 KB more). Here each word is numbered once for the
    corpus, and an article's lead and body terms are kept as numbers and counts in flat
    arrays (in the order they occur in its dicts, which is the order `tfidf_arrays` sums
    in), its lower-case words as numbers, and its 5-gram hashes in one buffer (a build's
    in a scratch file: `spill`): about 8 bytes a term, 4 a word and 8 a 5-gram, with no
    object per article. The rest of a record (names, numbers, dates: small) is kept as it is.
    `record` gives back the record exactly as it was added.
    """

    def __init__(
        self, spill: bool = False, keep_lower: bool = True, folder: Path | None = None
    ) -> None:
        folder = folder if spill else None
        lower_file = _shingle_buffer(not keep_lower, folder, LOWER_FILE, WORD_NUMBER)
        self._start(
            words=[],
            ids={part: array("i") for part in ("lead", "body", "lower")},
            counts={part: array("H") for part in ("lead", "body")},
            folder=folder,
            lower_file=lower_file,
            keep_lower=keep_lower or not isinstance(lower_file, SpilledHashes),
            lower_seen=np.zeros(0, dtype=np.int64),
            ends={part: array("q", [0]) for part in ("lead", "body", "lower")},
            shingles=_shingle_buffer(spill, folder, SHINGLE_FILE),
            shingle_ends=array("q", [0]),
            rows={},
            rest=[],
            saved=False,
        )

    def _start(
        self,
        *,
        words: list[str],
        ids: dict[str, array],
        counts: dict[str, array],
        folder: Path | None,
        lower_file: array | SpilledHashes,
        keep_lower: bool,
        lower_seen: np.ndarray,
        ends: dict[str, array],
        shingles: array | SpilledHashes,
        shingle_ends: array,
        rows: dict[str, int],
        rest: list[ArticleTerms],
        saved: bool,
    ) -> None:
        """Set the store's attributes: an empty store's (`__init__`) or a kept one's (`resume`)."""
        self.words = words
        """Every word the records hold, by its number."""
        self._number = {word: k for k, word in enumerate(words)}
        self._ids = ids
        self._counts = counts
        """Counts as 16-bit numbers (an array of 32-bit ones once a count does not fit)."""
        self._folder = folder
        """Where the scratch files are kept for a later build (`save`), or None."""
        self._lower_file = lower_file
        self._keep_lower = keep_lower
        """Without it, each word's lower-case writers are counted as the records come and
        the words themselves go to a scratch file (`lower_counts` then counts all records,
        once; `remove` reads a record's back to uncount them)."""
        self._lower_seen = lower_seen
        self._ends = ends
        self._shingles = shingles
        """Every record's 5-gram hashes, one after another: one buffer that grows in
        place (not blocks joined at the end, which held them twice), or with `spill` a
        scratch file (the copy finder reads them a block at a time)."""
        self._shingle_ends = shingle_ends
        self._rows = rows
        self._rest = rest
        """Every row's record without its terms; a removed row's is `_TAKEN`."""
        self._saved = saved
        """Whether the store's files hold it as it is (`resume`d, nothing added or removed)."""

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._rows

    def __len__(self) -> int:
        return len(self._rows)

    def _numbers(self, words: Iterable[str]) -> list[int]:
        """Return the number of each of `words` (distinct), numbering new ones in order.

        The known words are looked up in one pass in C (`map`); only a record's new words,
        a few once the corpus's common words are in, are numbered one by one."""
        number = self._number
        words = list(words)
        found: list = list(map(number.get, words))
        if None in found:
            for k, (word, known) in enumerate(zip(words, found, strict=True)):
                if known is None:
                    found[k] = number[word] = len(self.words)
                    self.words.append(word)
            if len(self.words) > MOST_WORDS:
                raise ValueError(f"more than {MOST_WORDS:,} words: too many to number as int32")
        return found  # every word numbered now

    def add_many(self, records: Iterable[tuple[str, ArticleTerms]]) -> None:
        """Add each (article id, record); an id added again replaces its record (`remove`)."""
        grams: list[bytes] = []
        lower: list[int] = []

        def flush() -> None:
            if lower:
                numbers = np.array(lower, dtype=WORD_NUMBER)
                assert isinstance(self._lower_file, SpilledHashes)
                self._lower_file.append(numbers.tobytes())
                seen = np.bincount(numbers, minlength=len(self.words))
                seen[: len(self._lower_seen)] += self._lower_seen
                self._lower_seen = seen
                lower.clear()
            if grams and isinstance(self._shingles, SpilledHashes):
                self._shingles.append(b"".join(grams))
            elif grams:
                try:
                    self._shingles.frombytes(b"".join(grams))
                except BufferError:  # a view of them is still held (`shingle_arrays`)
                    self._shingles = array("q", self._shingles)
                    self._shingles.frombytes(b"".join(grams))
            grams.clear()

        for article_id, terms in records:
            self._saved = False
            if article_id in self._rows:
                flush()  # its record may be among those not yet written
                self.remove(article_id)
            self._rows[article_id] = len(self._rest)
            for part in ("lead", "body"):
                counts: dict[str, int] = getattr(terms, part)
                self._ids[part].extend(self._numbers(counts))
                before = len(self._counts[part])
                try:
                    self._counts[part].extend(counts.values())
                except OverflowError:  # a count past 16 bits: 32 from here on (the
                    # extend stopped at it, having added the counts before it)
                    self._counts[part] = array("i", self._counts[part][:before])
                    self._counts[part].extend(counts.values())
                self._ends[part].append(len(self._ids[part]))
            numbers = self._numbers(terms.lower)
            if self._keep_lower:
                self._ids["lower"].extend(numbers)
            else:
                lower += numbers
            self._ends["lower"].append(self._ends["lower"][-1] + len(numbers))
            grams.append(terms.shingles)
            self._shingle_ends.append(self._shingle_ends[-1] + len(terms.shingles) // 8)
            self._rest.append(replace(terms, lead={}, body={}, lower=(), shingles=b""))
        flush()

    def remove(self, article_id: str) -> None:
        """Take the record of `article_id` out (its row stays, unused, until the store is
        made afresh: `resume` counts such rows)."""
        row = self._rows.pop(article_id)
        self._saved = False
        if not self._keep_lower:
            assert isinstance(self._lower_file, SpilledHashes)
            ends = self._ends["lower"]
            np.subtract.at(self._lower_seen, self._lower_file.read(ends[row], ends[row + 1]), 1)
        self._rest[row] = _TAKEN

    @property
    def removed(self) -> int:
        """How many rows `remove` left unused."""
        return len(self._rest) - len(self._rows)

    def save(self, keys: Mapping[str, str], version: str) -> bool:
        """Keep the store in its folder (`folder` given and `spill`) for `resume`, with each
        article's key (`keys`, by id: what its record was read from) and the cache's
        `version`; return whether it was kept. Written whole to a new file that then takes
        the old one's place, so a build that fails leaves the last store whole. A store
        `resume`d and not changed since is already there: not written again."""
        folder = self._folder
        if folder is None or not isinstance(self._shingles, SpilledHashes):
            return False
        if self._saved:
            return True
        assert isinstance(self._lower_file, SpilledHashes)
        self._shingles.flush()
        self._lower_file.flush()
        meta = {
            "format": STORE_FORMAT,
            "version": version,
            "keys": {aid: keys[aid] for aid in self._rows},
            "words": self.words,
            "rows": self._rows,
            "rest": len(self._rest),
            "ends": {part: ends.tobytes() for part, ends in self._ends.items()},
            "shingle_ends": self._shingle_ends.tobytes(),
            "lower_seen": self._lower_seen,
            "sizes": {part: len(self._ids[part]) for part in ("lead", "body")},
            "codes": {part: self._counts[part].typecode for part in ("lead", "body")},
            "files": (self._shingles.count, self._lower_file.count),
        }
        fresh = folder / f"{STORE_FILE}.new"
        try:
            with open(fresh, "wb") as out:
                pickle.dump(meta, out, protocol=pickle.HIGHEST_PROTOCOL)
                # The records' rest a block at a time: pickled at once, the pickler's memo of
                # every object in them was about 100 MB more at 50,000 articles (0 in blocks).
                for start in range(0, len(self._rest), STORE_BLOCK):
                    block = self._rest[start : start + STORE_BLOCK]
                    pickle.dump(block, out, protocol=pickle.HIGHEST_PROTOCOL)
                for part in ("lead", "body"):  # the large arrays as they are, no copy
                    self._ids[part].tofile(out)
                    self._counts[part].tofile(out)
            os.replace(fresh, folder / STORE_FILE)
            self._saved = True
        except OSError:
            fresh.unlink(missing_ok=True)
            (folder / STORE_FILE).unlink(missing_ok=True)
            return False
        return True

    @classmethod
    def resume(
        cls, folder: Path, keys: Mapping[str, str], version: str, most_removed: float
    ) -> TermStore | None:
        """Return the store `save` kept in `folder`, with the records whose article is
        gone or whose key differs from `keys` (by article id) removed; or None when there
        is none, it is of another `version` or damaged, or more than `most_removed` of its
        rows would then be unused (a store made afresh is smaller and faster).

        The store then gives the same vectors, counts and copies as one made afresh from
        the same records: the words' numbers and the rows' order differ, but nothing read
        from it depends on them (see `weigh_terms`, `lower_counts`, `take_all_shingles`).
        """
        store = cls.__new__(cls)
        try:
            with open(folder / STORE_FILE, "rb") as source:
                meta = pickle.load(source)
                if meta.get("format") != STORE_FORMAT or meta["version"] != version:
                    return None
                rest: list[ArticleTerms] = []
                while len(rest) < meta["rest"]:
                    rest += pickle.load(source)
                ids, counts = {"lower": array("i")}, {}
                for part in ("lead", "body"):
                    ids[part] = array("i")
                    ids[part].fromfile(source, meta["sizes"][part])
                    counts[part] = array(meta["codes"][part])
                    counts[part].fromfile(source, meta["sizes"][part])
            shingles, lower = meta["files"]
            store._start(
                words=meta["words"],
                ids=ids,
                counts=counts,
                folder=folder,
                shingles=SpilledHashes(folder / SHINGLE_FILE, keep=shingles),
                lower_file=SpilledHashes(folder / LOWER_FILE, keep=lower, dtype=WORD_NUMBER),
                keep_lower=False,
                lower_seen=meta["lower_seen"],
                ends={part: array("q", ends) for part, ends in meta["ends"].items()},
                shingle_ends=array("q", meta["shingle_ends"]),
                rows=meta["rows"],
                rest=rest,
                saved=True,
            )
        except Exception:  # only a copy: any damage means "make it afresh"
            return None
        for article_id, key in meta["keys"].items():
            if keys.get(article_id) != key:
                store.remove(article_id)
        if store.removed > most_removed * len(store._rest):
            store.close()
            return None
        return store

    def close(self) -> None:
        """Close the store's scratch files (a kept one stays on disk for `resume`)."""
        for buffer in (self._shingles, self._lower_file):
            if isinstance(buffer, SpilledHashes):
                buffer.close()

    def row(self, article_id: str) -> int:
        return self._rows[article_id]

    def take_rest(self, row: int) -> ArticleTerms:
        """Return `rest(row)` and let the store drop it (`record` of that row cannot be
        given any more: for a reader that clears the store once done)."""
        rest, self._rest[row] = self._rest[row], _TAKEN
        return rest

    def rest(self, row: int) -> ArticleTerms:
        """Return the record of `row` without its terms, lower-case words and 5-grams."""
        return self._rest[row]

    def _span(self, part: str, row: int) -> slice:
        ends = self._ends[part]
        return slice(ends[row], ends[row + 1])

    def _shingles_of(self, row: int) -> np.ndarray:
        ends = self._shingle_ends
        if isinstance(self._shingles, SpilledHashes):
            return self._shingles.read(ends[row], ends[row + 1])
        return np.frombuffer(self._shingles, dtype=np.int64)[ends[row] : ends[row + 1]]

    def shingle_arrays(self) -> dict[str, np.ndarray]:
        """Return article id -> its 5-gram hashes (views, no copies, unless spilled)."""
        return {aid: self._shingles_of(row) for aid, row in self._rows.items()}

    def take_shingles(self, article_ids: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Return the 5-gram hashes of `article_ids`, one article after another, and how
        many each has; the store's own are freed (the copy finder is their only reader),
        so they are held once, not twice."""
        rows = [self._rows[aid] for aid in article_ids]
        ends = self._shingle_ends
        sizes = np.fromiter((ends[r + 1] - ends[r] for r in rows), np.int64, len(rows))
        hashes = np.empty(int(sizes.sum()), dtype=np.int64)
        at = 0
        for row in rows:
            grams = self._shingles_of(row)
            hashes[at : at + len(grams)] = grams
            at += len(grams)
        self._drop_shingles()
        return hashes, sizes

    def _drop_shingles(self, close: bool = True) -> None:
        """Let the store drop its 5-gram hashes (they were taken: every row has none now),
        closing its scratch file unless `close` is False (the file itself was handed over)."""
        if close and isinstance(self._shingles, SpilledHashes):
            self._shingles.close()
        self._shingles = array("q")
        self._shingle_ends = array("q", [0] * (len(self._rest) + 1))

    def take_all_shingles(self) -> tuple[list[str], Hashes, np.ndarray]:
        """Return the ids of the store's articles in the order they were added, their
        5-gram hashes one article after another and how many each has, as `take_shingles`
        gives them but without a copy: the store hands over its own buffer (or scratch
        file, with `spill`). (When an id was added twice, `take_shingles` of the ids in
        sorted order.)"""
        ids = sorted(self._rows, key=self._rows.__getitem__)
        if self.removed and isinstance(self._shingles, SpilledHashes):
            # The rows in use copied to a scratch file, one after another (not to memory).
            live = SpilledHashes()
            for row in map(self._rows.__getitem__, ids):
                live.append(self._shingles_of(row).tobytes())
            sizes = np.diff(np.frombuffer(self._shingle_ends, dtype=np.int64))
            self._drop_shingles()
            return ids, live, sizes[[self._rows[aid] for aid in ids]]
        if self.removed:
            ids.sort()
            return ids, *self.take_shingles(ids)
        hashes = (
            self._shingles
            if isinstance(self._shingles, SpilledHashes)
            else np.frombuffer(self._shingles, dtype=np.int64)
        )
        sizes = np.diff(np.frombuffer(self._shingle_ends, dtype=np.int64))
        self._drop_shingles(close=False)  # handed over
        return ids, hashes, sizes

    def record(self, article_id: str) -> ArticleTerms:
        """Return the record of `article_id` as it was added."""
        row = self._rows[article_id]
        words = self.words
        parts = {
            part: dict(
                zip(
                    map(words.__getitem__, self._ids[part][self._span(part, row)]),
                    self._counts[part][self._span(part, row)],
                    strict=True,
                )
            )
            for part in ("lead", "body")
        }
        lower = (
            tuple(map(words.__getitem__, self._ids["lower"][self._span("lower", row)]))
            if self._keep_lower
            else ()
        )
        shingles = self._shingles_of(row).tobytes()
        return replace(self._rest[row], **parts, lower=lower, shingles=shingles)

    def items(self) -> Iterator[tuple[str, ArticleTerms]]:
        """Yield (article id, `record`) for every article (for tests and tools)."""
        for article_id in self._rows:
            yield article_id, self.record(article_id)

    def _gather(self, part: str, rows: np.ndarray) -> np.ndarray:
        """Return the entries' positions of `rows` in `part`'s arrays, row after row."""
        ends = np.frombuffer(self._ends[part], dtype=np.int64)
        starts = ends[rows]
        lengths = ends[rows + 1] - starts
        return np.repeat(starts, lengths) + _within(lengths)

    def lower_counts(self, rows: np.ndarray) -> dict[str, int]:
        """Return word -> how many of `rows` write it in lower case (words they do)."""
        ids = np.frombuffer(self._ids["lower"], dtype=np.int32)
        count = np.zeros(len(self.words), dtype=np.int64)
        if not self._keep_lower:
            every = len(rows) == len(self._rows) and set(rows.tolist()) == set(self._rows.values())
            if not every:
                raise ValueError("a store without its lower-case words counts all records")
            count[: len(self._lower_seen)] = self._lower_seen
            rows = rows[:0]
        # A block of rows at a time: the positions of all rows' words at once were about
        # 8 KB an article of int64 arrays, a peak of the clustering stage.
        for a in range(0, len(rows), TFIDF_BLOCK):
            at = self._gather("lower", rows[a : a + TFIDF_BLOCK])
            count += np.bincount(ids[at], minlength=len(self.words))
        found = np.flatnonzero(count)
        words = map(self.words.__getitem__, found.tolist())
        return dict(zip(words, count[found].tolist(), strict=True))

    def vectors(self, part: str, rows: np.ndarray, max_terms: int | None = None) -> Vectors:
        """Return `tfidf_arrays` of the `part` ("lead" or "body") counts of `rows`."""
        ids = np.frombuffer(self._ids[part], dtype=np.int32)
        counts = np.frombuffer(self._counts[part], dtype=self._counts[part].typecode)
        ends = np.frombuffer(self._ends[part], dtype=np.int64)
        sizes = ends[rows + 1] - ends[rows]

        def entries(a: int, b: int) -> tuple[np.ndarray, np.ndarray]:
            at = self._gather(part, rows[a:b])
            return ids[at], counts[at]

        return weigh_terms(self.words, entries, sizes, max_terms)

    def clear(self) -> None:
        """Drop every record (clustering has read them)."""
        self.__init__()  # type: ignore[misc]


def article_name_tokens(
    article: Article, common: frozenset[str] | set[str], terms: ArticleTerms | None = None
) -> tuple[frozenset[str], frozenset[str]]:
    """Return the name tokens of the headline and lead, and of the whole article.

    Tokens in `common` (words the corpus also writes in lower case, such as "pertahanan" or
    "navy") are titles and ordinary words, not names, and are left out; numbers stay.
    """
    terms = terms or read_article(article)
    return (
        (terms.lead_name_tokens - common) | terms.lead_numbers,
        (terms.name_tokens - common) | terms.numbers,
    )


DEMONYMS = read_foldings("demonyms.txt")
"""English adjectives of places ("russia" -> "russian"), by the place's tokens."""


def english_forms(names: frozenset[str]) -> frozenset[str]:
    """Return an Indonesian article's name tokens with the English forms that mean them:
    possessives ("korea's") and adjectives of places ("russian" for "russia").

    Indonesian writes "Rusia" for Russia and Russian alike, and has no possessive "'s", so
    an English lead's "Russian" or "Korea's" is confirmed by an Indonesian report that
    names "Rusia" or "Korea". Only Indonesian articles get these: English articles are
    compared as written (folding them for English pairs too cost ECB+ 0.016).
    >>> sorted(english_forms(frozenset({"korea", "north"})))
    ['korea', "korea's", 'korean', 'korea’s', 'north', "north's", 'north’s']
    """
    extra = {f"{t}{mark}" for t in names for mark in ("'s", "’s")}
    for place, adjectives in DEMONYMS.items():
        if names.issuperset(place):
            extra.update(adjectives)
    return names | frozenset(extra)


COUNTRIES = read_word_list("countries.txt")
"""One-word names of countries, English and Indonesian (`tools/make_countries.py`)."""
PLACE_OF_ADJECTIVE = {
    form: place[0]
    for place, adjectives in DEMONYMS.items()
    if len(place) == 1
    for adjective in adjectives
    for form in (adjective, f"{adjective}s")
}
"""English adjectives of one-word places, and their plurals as nouns for the people, → the
place ("japanese" → "japan", "indians" → "india": "the crew, 10 Indians and seven
Indonesians" names India)."""


COUNTRY_PHRASES = (
    ("papua new guinea", ("papua", "guinea")),
    ("saudi arabia", ("saudi", "arabia")),
    ("sri lanka", ("sri", "lanka")),
    ("new zealand", ("zealand",)),
    ("costa rica", ("costa", "rica")),
    ("puerto rico", ("puerto", "rico")),
    ("sierra leone", ("sierra", "leone")),
    ("burkina faso", ("burkina", "faso")),
    ("bosnia and herzegovina", ("bosnia", "herzegovina")),
    ("trinidad and tobago", ("trinidad", "tobago")),
)
"""Countries of several words, each known by the words of its name no other place has
(Indonesian names read in English first: "Papua Nugini" is "Papua New Guinea"). Left out:
names whose distinctive word is a country or a continent of its own ("South Korea", "South
Africa", "South Sudan") or a common word ("United States", "United Kingdom")."""


def _region_pattern(*names: str) -> tuple[re.Pattern[str], dict[str, str], frozenset[str]]:
    """Return a pattern finding the forms of the "keys: form | form" lines of data files in
    lower-case text (whole words, a space or hyphen between words, longest first), each
    form's keys (by the form's words joined by spaces), and the words a form can start with
    (a text without any has no form: most paragraphs are passed over without the pattern)."""
    keys = {form: key for name in names for form, key in read_forms(name).items()}
    forms = sorted(keys, key=lambda f: (-len(f), f))
    alternatives = "|".join(r"[\s-]+".join(map(re.escape, f.split())) for f in forms)
    starts = {f.split()[0] for f in forms} | {"-".join(f.split()) for f in forms}
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"), keys, frozenset(starts)


_REGION_PATTERN, _REGION_KEYS, _REGION_STARTS = _region_pattern("regions.txt", "region-places.txt")
"""First-level regions (Indonesia's provinces): every way of writing one or one of its
regencies and cities ("Garut" is West Java), its keys ("-" for a form that is no region:
"Papua New Guinea"), and the words a form starts with."""
_REGION_WORD = re.compile(r"[^\W\d_][\w-]*")
"""A word as a form may start with it: "aceh's" gives "aceh" (`text.WORD` keeps the "'s")."""


def text_regions(texts: Iterable[str]) -> frozenset[str]:
    """Return the regions `texts` name (case ignored).

    >>> sorted(text_regions(["Gubernur Kalimantan Barat", "UMP Kalbar", "North Sumatra's"]))
    ['north-sumatra', 'west-kalimantan']
    >>> sorted(text_regions(["Papua New Guinea's", "Bangka-Belitung", "Papua Barat Daya"]))
    ['bangka-belitung', 'papua', 'southwest-papua']
    >>> sorted(text_regions(["GARUT - Banjir", "in East Lombok", "Alor Setar, Kedah"]))
    ['west-java', 'west-nusa-tenggara']
    """
    found: set[str] = set()
    for text in texts:
        lower = text.lower()
        if _REGION_STARTS.isdisjoint(_REGION_WORD.findall(lower)):
            continue
        for match in _REGION_PATTERN.findall(lower):
            found.update(_REGION_KEYS[" ".join(match.replace("-", " ").split())].split())
    found.discard("-")
    return frozenset(found)


def place_forms(names: Iterable[str], adjectives: bool = True) -> frozenset[str]:
    """Return the countries among name tokens, possessives read as the country ("japan's" →
    "japan"), and with `adjectives`, adjectives too ("japanese" → "japan").

    Countries only: a report that leads with a province or a city ("Garut", "West Java")
    and one that leads with its country ("Indonesia") tell of one place, and no list here
    says which place lies in which.
    >>> sorted(place_forms(["japan's", "indians", "ukrainian"]))
    ['india', 'japan', 'ukraine']
    """
    found = set()
    bases = set()
    for name in names:
        base = without_possessive(name)
        bases.add(base)
        if base in COUNTRIES:
            found.add(base)
        elif adjectives and PLACE_OF_ADJECTIVE.get(base) in COUNTRIES:
            found.add(PLACE_OF_ADJECTIVE[base])
    found.update(country for country, words in COUNTRY_PHRASES if bases.issuperset(words))
    return frozenset(found)


def office_sides(a: Features, b: Features) -> tuple[int, int]:
    """The offices each headline names that the other report's headline and first two
    paragraphs never name, as bits of `stages.OFFICES`."""
    return a.title_offices & ~b.lead_offices, b.title_offices & ~a.lead_offices


def office_conflict(a: Features, b: Features) -> bool:
    """Whether each headline names an office that the other report's opening never names
    (`office_sides`): the defence minister's visit and the foreign minister's signing in
    one capital, the President's meeting and the governor's: two happenings."""
    return all(office_sides(a, b))


def office_conflicts(features: Sequence[Features], i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Return `office_conflict` of each pair (`i[k]`, `j[k]`) of `features`, all at once."""
    title = np.array([f.title_offices for f in features], dtype=np.int64)
    lead = np.array([f.lead_offices for f in features], dtype=np.int64)
    return ((title[i] & ~lead[j]) != 0) & ((title[j] & ~lead[i]) != 0)


_HEADLINE_WORD = re.compile(r"[^\W\d_]+(?:['’]s)?")
"""A word of a headline as `place_forms` reads it: "RI-Mauritius" gives "ri", "mauritius"."""


def headline_places(title: str) -> frozenset[str]:
    """Return the countries a headline names (not adjectives, as for the lead).

    >>> sorted(headline_places("Presiden Bertemu PM India di Sela KTT IORA, Rusia Hadir"))
    ['india', 'russia']
    >>> sorted(headline_places("RI-Mauritius Teken Perjanjian; Kenya's minister"))
    ['kenya', 'mauritius']
    """
    return place_forms(fold_words(_HEADLINE_WORD.findall(title.lower())), adjectives=False)


def headline_place_sides(a: Features, b: Features) -> tuple[frozenset[str], frozenset[str]]:
    """The countries each headline names that neither the other headline nor the other
    lead names (`place_conflict` when both are non-empty)."""
    return (
        a.title_places - b.lead_places - b.title_places,
        b.title_places - a.lead_places - a.title_places,
    )


def possessed_countries(names: frozenset[str]) -> frozenset[str]:
    """Return the countries an English article names only in the possessive ("China's" →
    "china"), so that it confirms an Indonesian lead's "China" (Indonesian has no "'s").

    Countries only: folding every English possessive ("Greece's", "Teixeira's") into the
    bare name cost ECB+ 0.016, while this leaves every labelled corpus's score as it was.
    >>> sorted(possessed_countries(frozenset({"china's", "wang", "japanese"})))
    ['china']
    """
    return place_forms((n for n in names if n.endswith(POSSESSIVES)), adjectives=False)


def lead_people(terms: ArticleTerms, names: frozenset[str]) -> tuple[frozenset[str], ...]:
    """Return the people an article is about: each person it names in the headline or lead
    (`LEAD_NAME_PARAGRAPHS`) at least `PERSON_MENTIONS` times (`ArticleTerms.people`), as
    the tokens of the name that are among `names` (its name tokens, common words out);
    sorted. Read from the cached record: the article's names are not walked again."""
    found = {tokens for person in terms.people if (tokens := person & names)}
    return tuple(sorted(found, key=sorted))


def place_conflict(a: Features, b: Features) -> bool:
    """Whether each article leads with a country the other never names ("Sugiono meets
    Japan's minister" against "Sugiono meets China's"): two visits, two quakes, two
    summits, not one; or whether both open on provinces (headline and first paragraph,
    `text_regions`) and on none in common: two provinces' wages set a day apart."""
    return (
        (bool(a.lead_places - b.places) and bool(b.lead_places - a.places))
        or all(headline_place_sides(a, b))
        or (bool(a.lead_regions and b.lead_regions) and not a.lead_regions & b.lead_regions)
    )


PLACE_BLOCK = 200_000
"""Pairs whose countries are compared at once by `place_conflicts`."""


def place_conflicts(features: Sequence[Features], i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Return `place_conflict` of each pair (`i[k]`, `j[k]`) of `features`, all at once.

    Each article's places become bits of a few 64-bit words (one bit a place that some
    article names), so the set tests are bitwise ands over arrays."""
    lead = _place_bits([f.lead_places for f in features], [f.places for f in features])
    named = _place_bits([f.places for f in features], [f.lead_places for f in features])
    opens = _place_bits([f.lead_regions for f in features])
    title = _place_bits([f.title_places for f in features], [f.lead_places for f in features])
    led = _place_bits(
        [f.lead_places | f.title_places for f in features], [f.title_places for f in features]
    )
    result = np.empty(len(i), dtype=bool)
    for start in range(0, len(i), PLACE_BLOCK):  # the pairs' words, a block at a time
        a, b = i[start : start + PLACE_BLOCK], j[start : start + PLACE_BLOCK]
        countries = (lead[a] & ~named[b]).any(axis=1) & (lead[b] & ~named[a]).any(axis=1)
        countries |= (title[a] & ~led[b]).any(axis=1) & (title[b] & ~led[a]).any(axis=1)
        regions = opens[a].any(axis=1) & opens[b].any(axis=1) & ~(opens[a] & opens[b]).any(axis=1)
        result[start : start + len(a)] = countries | regions
    return result


def _place_bits(
    sets: Sequence[frozenset[str]], others: Sequence[frozenset[str]] = ()
) -> np.ndarray:
    """Return each of `sets` as the bits of a few 64-bit words, numbered over the places of
    `sets` and `others` together (so that two tables of one numbering can be compared)."""
    numbered = sorted(set().union(*sets, *others))
    bit = {place: k for k, place in enumerate(numbered)}
    table = np.zeros((len(sets), max(1, -(-len(numbered) // 64))), dtype=np.uint64)
    for row, places in enumerate(sets):
        for place in places:
            k = bit[place]
            table[row, k // 64] |= np.uint64(1 << (k % 64))
    return table


def document_frequencies(term_sets: Iterable[Iterable[str]]) -> Counter[str]:
    df: Counter[str] = Counter()
    for terms in term_sets:
        df.update(set(terms))
    return df


def idf(df: int, n: int) -> float:
    """Return the inverse document frequency of a term in `df` of `n` articles.

    A term every article has weighs almost nothing: topic words cannot glue events together.
    """
    return math.log((n + 1) / (df + 0.5))


FEWEST_ARTICLES = 1
"""`corpus_idf` weighs the terms of a folder of fewer articles as if it held this many
(1: as many as it holds). Measured at 10 and not adopted (README, "Tiny folders"): two
reports of one event alone in a folder are put together 96% of the time instead of 52%, but
12 of the seeds' 26 small subsets then join two of their events instead of 2."""


def corpus_idf(df: int, n: int) -> float:
    """Return the corpus-wide weight of a term in `df` of `n` articles: `idf`, with a folder
    of fewer than `FEWEST_ARTICLES` counted as that many, the others holding none of its
    terms (`benchmarks/small_folders.py --fewest N` measures other values).
    >>> corpus_idf(2, 2) == idf(2, 2)
    True
    """
    return idf(df, max(n, FEWEST_ARTICLES))


SUM_IN_ORDER = sys.version_info < (3, 12)
"""Python's `sum` of floats adds them one by one in order until 3.12 (then compensated)."""
LOOP_TERMS = 2000
"""Articles with more distinct terms than this have their norm summed by Python itself."""


@dataclass(frozen=True)
class Vectors:
    """Unit vectors of a corpus as arrays: article i's entries are the next `sizes[i]` of
    `ids` (numbers of `terms`, which is sorted, so ascending ids are terms in order) and
    `weights`."""

    terms: list[str]
    ids: np.ndarray
    weights: np.ndarray
    sizes: np.ndarray

    def rows(self) -> list[Row]:
        """Return each article's vector as a read-only mapping term -> weight (`Row`), made
        into a dict only when read: the clusterer reads the arrays, and a dict per article
        (about 10 KB) is only needed for the few articles `digest explain` or a close call
        looks at."""
        words = [sys.intern(t) for t in self.terms]
        bounds = np.concatenate(([0], np.cumsum(self.sizes))).tolist()
        return [Row(self, words, start, end) for start, end in pairwise(bounds)]

    def as_dicts(self) -> list[dict[str, float]]:
        """Return each article's vector as a dict term -> weight, in term order."""
        return [dict(row.items()) for row in self.rows()]


class Row(Mapping[str, float]):
    """One article's vector of a `Vectors`, read as a dict term -> weight in term order
    (the dict is made on first use and kept)."""

    __slots__ = ("_dict", "_end", "_start", "_vectors", "_words")

    def __init__(self, vectors: Vectors, words: list[str], start: int, end: int) -> None:
        self._vectors, self._words, self._start, self._end = vectors, words, start, end
        self._dict: dict[str, float] | None = None

    def _read(self) -> dict[str, float]:
        if self._dict is None:
            self._dict = self.unkept()
        return self._dict

    def unkept(self) -> dict[str, float]:
        """Return the dict this row reads as, without keeping it (a caller that reads many
        rows once each: kept, every article's dicts would be held to the end of clustering)."""
        if self._dict is not None:
            return dict(self._dict)
        ids = self._vectors.ids[self._start : self._end].tolist()
        weights = self._vectors.weights[self._start : self._end].tolist()
        return dict(zip(map(self._words.__getitem__, ids), weights, strict=True))

    def __getitem__(self, term: str) -> float:
        return self._read()[term]

    def __iter__(self) -> Iterator[str]:
        return iter(self._read())

    def __len__(self) -> int:
        return self._end - self._start

    def keys(self) -> KeysView[str]:
        return self._read().keys()

    def items(self) -> ItemsView[str, float]:
        return self._read().items()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and self._read() == dict(other.items())

    __hash__ = None  # type: ignore[assignment]  # mutable-looking, like a dict

    def __repr__(self) -> str:
        return repr(self._read())

    def __reduce__(self) -> tuple[type, tuple[dict[str, float]]]:
        """Pickled as the plain dict it reads as, not with the whole corpus's arrays."""
        return dict, (self._read(),)


def read_once(vector: Mapping[str, float]) -> Mapping[str, float]:
    """Return `vector` to be read once: a `Row` as a dict it does not keep (`Row.unkept`),
    anything else as it is."""
    return vector.unkept() if isinstance(vector, Row) else vector


def tfidf_vectors(
    counts: Sequence[Mapping[str, int]], max_terms: int | None = None
) -> list[dict[str, float]]:
    """Return `tfidf_arrays` as one dict term -> weight per article, in term order."""
    return tfidf_arrays(counts, max_terms).as_dicts()


TFIDF_BLOCK = 250
"""Articles weighed at once after the corpus-wide pass: the per-entry arrays of a block are
about 10 MB (38 MB at 1,000 articles a block, no faster: 3,000 synthetic articles' body
vectors, tracemalloc), where all articles' at once were about 28 KB an article (1.4 GB at
50,000), the peak of a whole build; every weight is the same."""


def tfidf_arrays(counts: Sequence[Mapping[str, int]], max_terms: int | None = None) -> Vectors:
    """Return unit vectors, sublinear term frequency (1 + log count) times IDF.

    With `max_terms`, only the heaviest terms are kept (after normalising): the tail of a
    long article adds little to any cosine but most of the memory (ties go to the term
    first in sorted order). The terms are numbered and counted over the whole corpus in
    one pass; then the articles are weighed through numpy `TFIDF_BLOCK` at a time (each
    article's weights depend on its own counts and the IDF alone), and the arithmetic is
    the plain one, operation for operation, so every weight has the bits of the
    straightforward per-article code (`tests/test_cluster_scale.py` compares): products
    and quotients round the same in numpy, and each norm is summed in term order.
    """
    n = len(counts)
    if not n:
        return Vectors([], np.zeros(0, np.int64), np.zeros(0), np.zeros(0, np.int64))
    sizes = np.fromiter(map(len, counts), np.int64, n)
    total = int(sizes.sum())
    # One pass over the terms: each is numbered by the place it first occurs.
    first: dict[str, int] = {}
    place = np.fromiter(
        map(first.setdefault, chain.from_iterable(counts), itertools.count()), np.int64, total
    )
    words = list(first)
    del first
    is_first = place == np.arange(total)  # a term's first place holds its own number
    number = np.cumsum(is_first) - 1
    del is_first
    numbers = number[place]
    del place, number
    count = np.fromiter(chain.from_iterable(c.values() for c in counts), np.int64, total)
    ends = np.concatenate(([0], np.cumsum(sizes))).tolist()

    def entries(a: int, b: int) -> tuple[np.ndarray, np.ndarray]:
        return numbers[ends[a] : ends[b]], count[ends[a] : ends[b]]

    return weigh_terms(words, entries, sizes, max_terms)


def weigh_terms(
    words: Sequence[str],
    entries: Callable[[int, int], tuple[np.ndarray, np.ndarray]],
    sizes: np.ndarray,
    max_terms: int | None = None,
) -> Vectors:
    """Return `tfidf_arrays` of articles given as term numbers and counts.

    `entries(a, b)` returns the term numbers (into `words`, each at most once per
    article) and counts of articles a to b - 1, one article after another in the order
    its terms first occur in it, `sizes[i]` entries for article i. Any numbering will do:
    the vectors number the terms the articles use by their rank in sorted order, as
    `tfidf_arrays` does, so a corpus-wide vocabulary (`TermStore`) gives the same arrays
    as dicts of strings.
    """
    n = len(sizes)
    if not n:
        return Vectors([], np.zeros(0, np.int64), np.zeros(0), np.zeros(0, np.int64))
    df = np.zeros(len(words), dtype=np.int64)
    most = 0
    for a in range(0, n, TFIDF_BLOCK):
        numbers, count = entries(a, min(n, a + TFIDF_BLOCK))
        df += np.bincount(numbers, minlength=len(words))
        most = max(most, int(count.max(initial=0)))
    # The terms the articles use, renumbered by their rank in sorted order (ties on
    # weight break on that rank alone).
    used = sorted(np.flatnonzero(df).tolist(), key=words.__getitem__)
    terms = [words[k] for k in used]
    rank = np.zeros(len(words), dtype=np.int64)
    rank[used] = np.arange(len(used))
    weight = np.array([corpus_idf(d, n) for d in df[used].tolist()])
    del df
    sublinear = np.array([0.0, *(1.0 + math.log(c) for c in range(1, most + 1))])
    # Each block's result is appended to buffers that grow in place: a list of blocks
    # joined at the end held the vectors twice (the body vectors about 2.4 KB an article).
    # Term numbers are kept as 32-bit numbers (a vocabulary of 2**31 terms is far off):
    # 4 bytes an entry less, about 1 KB an article of lead and body vectors.
    kept_ids, kept_weights, kept_sizes = array("i"), array("d"), array("q")
    for a in range(0, n, TFIDF_BLOCK):
        b = min(n, a + TFIDF_BLOCK)
        numbers, count = entries(a, b)
        ids, values, counts = _weigh_block(
            count, sizes[a:b], rank[numbers], weight, sublinear, len(terms), max_terms
        )
        kept_ids.frombytes(ids.astype(np.int32).tobytes())
        kept_weights.frombytes(values.tobytes())
        kept_sizes.frombytes(counts.tobytes())
    return Vectors(
        terms,
        np.frombuffer(kept_ids, dtype=np.int32),
        np.frombuffer(kept_weights, dtype=np.float64),
        np.frombuffer(kept_sizes, dtype=np.int64),
    )


def _weigh_block(
    count: np.ndarray,
    sizes: np.ndarray,
    ids: np.ndarray,
    weight: np.ndarray,
    sublinear: np.ndarray,
    vocabulary: int,
    max_terms: int | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the term ids, unit weights and sizes of a block of articles (see
    `tfidf_arrays`; `ids` numbers their terms and `count` counts them, `weight` is each
    term's IDF)."""
    n = len(sizes)
    count = count.astype(np.int64)
    owner = np.repeat(np.arange(n), sizes)
    positive = count > 0
    ids, count, owner = ids[positive], count[positive], owner[positive]
    values = sublinear[count] * weight[ids]
    del count
    norms = _norms(values, np.bincount(owner, minlength=n))
    # Order by article, then term.
    order = np.argsort(owner * vocabulary + ids)  # the keys are distinct
    ids, values, owner = ids[order], values[order], owner[order]
    if max_terms is not None:  # heaviest first, ties by term
        order = _heaviest_first(owner, values, ids)
        per_article = np.bincount(owner, minlength=n)
        starts = np.cumsum(per_article) - per_article
        place = np.arange(len(order)) - np.repeat(starts, per_article)
        keep = np.sort(order[place < max_terms])  # back in article-then-term order
        ids, values, owner = ids[keep], values[keep], owner[keep]
    kept = values > 0
    ids, owner = ids[kept], owner[kept]
    return ids, values[kept] / norms[owner], np.bincount(owner, minlength=n)


def _heaviest_first(owner: np.ndarray, values: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Return the order of the entries by article, then weight (heaviest first), then term.

    The three are packed into one integer key (the weight by its rank among the distinct
    weights) when they fit in 63 bits, as they do far beyond 100,000 articles: one plain
    integer sort instead of a three-key lexsort.
    """
    by_weight = np.argsort(-values)
    heavier = values[by_weight]
    distinct = np.cumsum(np.concatenate(([True], heavier[1:] != heavier[:-1]))) - 1
    weight_rank = np.empty(len(values), dtype=np.int64)
    weight_rank[by_weight] = distinct
    widths = [
        int(x).bit_length() for x in (owner[-1:].sum(), distinct[-1:].sum(), ids.max(initial=0))
    ]
    if sum(widths) > 63:
        return np.lexsort((ids, weight_rank, owner))
    key = (owner << (widths[1] + widths[2])) | (weight_rank << widths[2]) | ids
    return np.argsort(key)  # the keys are distinct


def _norms(values: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Return the length of each article's vector (1 for an empty one); `values` holds the
    articles' weights one after another, `sizes[i]` of them for article i.

    Each sum of squares is added up in order, as `math.sqrt(sum(v * v for v in vector))`
    does: one numpy step per term position over every article that long (Python's `sum`
    itself for very long articles, and on Python 3.12 and later, where it is compensated).
    """
    squares = values * values
    starts = np.cumsum(sizes) - sizes
    sums = np.zeros(len(sizes))
    looped = sizes <= (LOOP_TERMS if SUM_IN_ORDER else -1)
    for i in np.flatnonzero(~looped).tolist():
        sums[i] = sum(squares[starts[i] : starts[i] + sizes[i]].tolist())
    articles = np.flatnonzero(looped)
    articles = articles[np.argsort(-sizes[articles], kind="stable")]  # longest first
    longest = int(sizes[articles[0]]) if len(articles) else 0
    active = len(articles) - np.searchsorted(sizes[articles][::-1], np.arange(longest), "right")
    first = starts[articles]
    partial = np.zeros(len(articles))
    for position, reach in enumerate(active.tolist()):
        partial[:reach] += squares[first[:reach] + position]
    sums[articles] = partial
    norms = np.sqrt(sums)
    norms[norms == 0] = 1.0
    return norms


def featurize(
    articles: Sequence[Article],
    params: ClusterParams,
    known: Mapping[str, ArticleTerms] | None = None,
) -> list[Features]:
    """Return the features of each article, in input order, with corpus-wide IDF.

    `known` maps article ids to their `read_article` records where the caller has them (a
    build keeps them in its cache); the others are read here.
    """
    return featurize_corpus(articles, params, known)[0]


def featurize_corpus(
    articles: Sequence[Article],
    params: ClusterParams,
    known: Mapping[str, ArticleTerms] | TermStore | None = None,
    consume: bool = False,
) -> tuple[list[Features], Vectors, Vectors]:
    """Return `featurize`, and the lead and body vectors of all articles as arrays (for
    the bulk code: the same weights as the features' dicts).

    `known` may be a `TermStore` (a build's: the records of a whole corpus, compact);
    articles it lacks are read and added to it. With `consume`, the records are taken out
    of `known` (a dict) as they are stored, or the store is cleared once read."""
    del params  # the weights apply in `cluster.similarity`; kept for a stable signature
    if isinstance(known, TermStore):
        store = known
        store.add_many((a.id, read_article(a)) for a in articles if a.id not in store)
    else:
        records = known or {}
        take = records.pop if consume and isinstance(records, dict) else records.__getitem__
        store = TermStore()
        store.add_many((a.id, take(a.id) if a.id in records else read_article(a)) for a in articles)
    rows = np.fromiter((store.row(a.id) for a in articles), np.int64, len(articles))
    # Words the corpus writes in lower case are titles and ordinary words, not names; but
    # a name one sloppy report writes in lower case ("teixeira") stays one.
    written = store.lower_counts(rows)
    named = Counter(chain.from_iterable(store.rest(row).name_tokens for row in rows.tolist()))
    common = {word for word, n in written.items() if n >= COMMON_SHARE * named[word]}
    del written, named
    leads = store.vectors("lead", rows)
    bodies = store.vectors("body", rows, BODY_TERMS)
    clear = consume or store is not known
    terms, tokens = _names_of_records(store, rows, articles, common, take=clear)
    if clear:
        store.clear()
    name_df = document_frequencies(every for _, every in tokens)
    n = len(articles)
    features = [
        Features(
            article.id,
            lead,
            body,
            {t: corpus_idf(name_df[t], n) for t in sorted(lead_names)},
            every,
            article.published,
            t.estimated,
            t.month_day,
            place_forms(lead_names, adjectives=False),
            place_forms(every),
            t.people,
            t.language,
            t.steps,
            t.dateline_weekday,
            t.lead_regions,
            t.lead_weekday,
            t.title_places,
            t.title_offices,
            t.lead_offices,
            is_roundup(article.title),
            t.lead_day,
        )
        for article, t, lead, body, (lead_names, every) in zip(
            articles, terms, leads.rows(), bodies.rows(), tokens, strict=True
        )
    ]
    return dated_by_folder(features), leads, bodies


def _names_of_records(
    store: TermStore, rows: np.ndarray, articles: Sequence[Article], common: set[str], take: bool
) -> tuple[list[ArticleTerms], list[tuple[frozenset[str], frozenset[str]]]]:
    """Return, for each of `rows`, its record without its name and number tokens, with its
    `people` as `lead_people` reads them; and its lead's and whole article's name tokens
    (`article_name_tokens`, with `english_forms` for an Indonesian article and
    `possessed_countries` for another).

    With `take`, each record is dropped from the store once read (`TermStore.take_rest`):
    the records' token sets (about 3 KB an article) go as the features' ones are made,
    instead of all of both being held at once.
    """
    read = store.take_rest if take else store.rest
    slim, tokens = [], []
    for article, row in zip(articles, rows.tolist(), strict=True):
        t = read(row)
        lead, every = article_name_tokens(article, common, t)
        every = english_forms(every) if t.language == "id" else every | possessed_countries(every)
        tokens.append((lead, every))
        none: frozenset[str] = frozenset()
        slim.append(
            replace(
                t,
                lead_name_tokens=none,
                name_tokens=none,
                lead_numbers=none,
                numbers=none,
                people=lead_people(t, every),
            )
        )
    return slim, tokens


def folder_dates(features: Sequence[Features]) -> dict[str, DateValue]:
    """Return, by article id, the date of each year-less dateline (`Features.month_day`)
    that the folder's read days date: the one year that puts it within them
    (`yearless.year_from_folder`; the read days run from the first to the last day-precise
    certain date of any report). Day precision, `DateSource.DATELINE_INFERRED_YEAR`. And of
    each month *estimated* from a report's text that lies outside those days: the same
    month in the one year that puts it within them (`yearless.month_from_folder`; still an
    estimate, at month precision).

    Measured (README, "Dates and timelines"): wire copy dated "Feb 25 (Reuters)" is otherwise
    left undated, and a group of undated reports can bridge a bank's February cut and its
    April hold. One rule for clustering (`dated_by_folder`) and the site (a build gives
    these dates to the articles themselves after clustering: `cluster.Clustering.folder_dated`),
    so the two never disagree. It depends on the whole folder: a report added from another
    year can widen the read days so that two years fit, and the date is no longer read.
    """
    return {
        f.article_id: g.date
        for f, g in zip(features, dated_by_folder(list(features)), strict=True)
        if g.date is not None and g.date != f.date
    }


def _read_days(features: Sequence[Features]) -> tuple[date, date] | None:
    """Return the first and last day-precise certain date of any of `features`, or None."""
    days = [f.date.value for f in features if f.date and f.date.is_certain and f.date.is_exact]
    return (min(days), max(days)) if days else None


def _folder_date(f: Features, first: date, last: date) -> DateValue | None:
    """Return the date the folder's read days (`first` to `last`) give `f` (`folder_dates`)."""
    if f.month_day is not None:
        day = year_from_folder(f.month_day, first, last, f.dateline_weekday)
        if day is not None:
            return DateValue(day, source=DateSource.DATELINE_INFERRED_YEAR)
    if f.date is not None and f.date.source is DateSource.ESTIMATED:
        month = month_from_folder(f.date.value, first, last)
        if month is not None:
            return replace(f.date, value=month)
    return None


def dated_by_folder(features: list[Features]) -> list[Features]:
    """Return `features` with the dates their folder gives them (`folder_dates`): a
    year-less dateline's, as certain as a dateline, so it keeps events apart; an estimated
    month moved to the folder's year, still an estimate; and no estimate that lies after the
    folder's last read day (`_after_folder`)."""
    read = _read_days(features)
    if read is None:
        return list(features)
    out = []
    for f in features:
        d = _folder_date(f, *read)
        if d is not None and d.source is DateSource.DATELINE_INFERRED_YEAR:
            f = replace(f, date=d, month_day=None, dateline_weekday=None)
        elif d is not None:
            f = replace(f, date=d)
        if _after_folder(f.estimated, read[1]):
            f = replace(f, estimated=None)
        if f.date and f.date.source is DateSource.ESTIMATED and _after_folder(f.date, read[1]):
            f = replace(f, date=None)
        out.append(f)
    return out


def _after_folder(value: DateValue | None, last: date) -> bool:
    """Whether an estimate from a report's text lies more than `FOLDER_SLACK_DAYS` after the
    folder's last read day: in a folder of November 2026 news, a report whose latest full
    date is "1 Februari 2027" ("untuk keberangkatan mulai 1 Februari 2027": a timetable
    from then on) tells of a plan, not of its own day. Reports are written on or after what
    they tell, so such a date is no guess of the report's day: the report is left undated.

    Measured (README, "Dates and timelines"): 140 of the 8,296 labelled reports had such an
    estimate; with it, each of the 48 without a day of their own was held at the date
    penalty's full weight from its own event's dated reports (blind114's new train timetable
    from its launch).
    >>> _after_folder(DateValue(date(2027, 2, 1)), date(2026, 11, 30))
    True
    >>> _after_folder(DateValue(date(2026, 12, 20)), date(2026, 11, 30))
    False
    """
    return value is not None and value.value > last + timedelta(days=FOLDER_SLACK_DAYS)


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Return the dot product of two unit vectors over the terms they share.

    The shared terms come from a C-level key intersection, and fsum is correctly rounded,
    so the result does not depend on the order the terms come in.
    """
    shared = a.keys() & b.keys()
    return math.fsum(map(mul, map(a.__getitem__, shared), map(b.__getitem__, shared)))


def name_coverage(a: Features, b: Features) -> float | None:
    """Return the IDF-weighted share of `a`'s lead names that `b` names anywhere.

    None when `a` has no lead names. "Ivanov met Kim" and "Petrov met Kim" share Kim but
    each misses the other's rare protagonist, so their coverage stays low.
    """
    total = math.fsum(a.lead_names.values())
    if total <= 0:
        return None
    return math.fsum(w for t, w in a.lead_names.items() if t in b.names) / total


def english_side(a: str | None, b: str | None) -> int | None:
    """Return 0 or 1, which of two reports' languages is English when the other is another
    known language, else None (one language, or either unknown)."""
    if not a or not b or (a == "en") == (b == "en"):
        return None
    return 0 if a == "en" else 1


def shared_names(a: Features, b: Features) -> float:
    """Return the lower of the two coverages (0 when either article has no lead names).

    An English report and one in another language: the mean of that and the English lead's
    coverage. An Indonesian lead names institutions in capitalised Indonesian words
    ("Kepolisian Resor Kendal", "Satuan Pelayanan Pemenuhan Gizi") that an English report
    of the same event translates into common words ("Kendal police", "kitchen"), so that
    side of the pair stays low for one event's reports; people and places, which an
    English lead's names mostly are, keep their names in both languages. The mean, not the
    English side alone: a short English lead naming only a place would be wholly confirmed
    by any report from there (docs/history.md, "Twenty-fourth session: names across languages").
    """
    ab, ba = name_coverage(a, b), name_coverage(b, a)
    if ab is None or ba is None:
        return 0.0
    lower = min(ab, ba)
    side = english_side(a.language, b.language)
    if side is None:
        return lower
    return (lower + (ab if side == 0 else ba)) / 2


def bulk_cosines(vectors: Sequence[Mapping[str, float]], pairs: np.ndarray) -> np.ndarray:
    """Return `cosine(vectors[i], vectors[j])` for each row (i, j) of `pairs`, same bits.

    The shared terms' products come from numpy (`sparse_cosines`); each sum is then
    accumulated exactly enough (a sum and its rounding errors, `_rounded_sums`) to tell the
    correctly rounded result, which is what `math.fsum` gives. The rare sum too close to
    call is left to `math.fsum` itself.
    """
    m = len(pairs)
    if m == 0:
        return np.zeros(0)
    sizes = np.fromiter(map(len, vectors), np.int64, len(vectors))
    total = int(sizes.sum())
    first: dict[str, int] = {}
    term = np.fromiter(
        map(first.setdefault, chain.from_iterable(vectors), itertools.count()), np.int64, total
    )
    del first
    value = np.fromiter(chain.from_iterable(v.values() for v in vectors), np.float64, total)
    result = sparse_cosines(term, value, sizes, pairs)
    for k in np.flatnonzero(np.isnan(result)).tolist():
        i, j = int(pairs[k, 0]), int(pairs[k, 1])
        result[k] = cosine(vectors[i], vectors[j])
    return result


def sparse_cosines(
    term: np.ndarray, value: np.ndarray, sizes: np.ndarray, pairs: np.ndarray
) -> np.ndarray:
    """Return the correctly rounded dot product of each row (i, j) of `pairs`, or NaN where
    it is too close to a rounding boundary to tell (see `_rounded_sums`).

    Article i's vector is `sizes[i]` entries (term number, weight) of `term` and `value`,
    one article after another, each term at most once per article, weights above 0. One
    article i at a time, its weights are spread by term into a dense table, and all its
    partners' entries look their terms up there.
    """
    m = len(pairs)
    starts = np.cumsum(sizes) - sizes
    order = np.lexsort((pairs[:, 1], pairs[:, 0]))
    left, right = pairs[order, 0], pairs[order, 1]
    cut = np.flatnonzero(np.concatenate(([True], left[1:] != left[:-1], [True])))
    dense = np.zeros(int(term.max(initial=-1)) + 1)
    products: list[np.ndarray] = []
    owners: list[np.ndarray] = []
    for a, b in pairwise(cut.tolist()):
        i = int(left[a])
        own = slice(int(starts[i]), int(starts[i] + sizes[i]))
        dense[term[own]] = value[own]
        partners = right[a:b]
        lengths = sizes[partners]
        entries = np.repeat(starts[partners], lengths) + _within(lengths)
        mine = dense[term[entries]]
        shared = mine != 0
        products.append(mine[shared] * value[entries][shared])
        owners.append(np.repeat(order[a:b], lengths)[shared])
        dense[term[own]] = 0.0
    product = np.concatenate(products)
    owner = np.concatenate(owners)
    grouped = np.argsort(owner, kind="stable")
    return _rounded_sums(product[grouped], np.bincount(owner, minlength=m))


def _within(lengths: np.ndarray) -> np.ndarray:
    """Return 0..L-1 for each length L, one run after another."""
    return np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)


def _rounded_sums(values: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Return the correctly rounded sum of each run of non-negative `values` (`sizes[k]` of
    them for sum k), or NaN where the sum is too close to a rounding boundary to tell.

    Each run is added in order with Knuth's TwoSum, which keeps every rounding error; the
    errors are summed apart. The exact sum is then within a known bound of the result plus
    its final rounding residue, and when that residue stays clear of half a unit in the
    last place, the rounded result is the correctly rounded sum (as `math.fsum`'s is).
    When no error was lost summing the errors (checked with TwoSum too), the bound is 0
    and even a tie (a residue of exactly half a unit) is rounded as `math.fsum` rounds it.
    """
    n = len(sizes)
    starts = np.cumsum(sizes) - sizes
    runs = np.argsort(-sizes, kind="stable")  # longest first
    longest = int(sizes[runs[0]]) if n else 0
    active = n - np.searchsorted(sizes[runs][::-1], np.arange(longest), "right")
    first = starts[runs]
    high = np.zeros(n)
    low = np.zeros(n)
    inexact = np.zeros(n, dtype=bool)
    for position, reach in enumerate(active.tolist()):
        x = values[first[:reach] + position]
        h = high[:reach]
        s = h + x
        back = s - h
        error = (h - (s - back)) + (x - back)
        high[:reach] = s
        before = low[:reach]
        after = before + error
        back = after - before
        inexact[:reach] |= ((before - (after - back)) + (error - back)) != 0
        low[:reach] = after
    result = high + low
    back = result - high
    residue = (high - (result - back)) + (low - back)
    # The errors' own sum is off by at most gamma(k) * sum|e|, and each |e| <= u * (sum so
    # far) <= u * total: a bound of about k**2 * u**2 * total, doubled for safety.
    count = sizes[runs].astype(np.float64)
    unit = np.finfo(np.float64).eps / 2
    bound = 2 * (count * unit / (1 - count * unit)) * count * unit * (high + np.abs(low))
    half = np.spacing(result) / 2
    half[np.frexp(result)[0] == 0.5] /= 4  # a power of two: the unit below is half as big
    # Where the errors were summed without rounding, high + low is the exact sum, and its
    # rounding `result` is correctly rounded (ties to even, as fsum) whatever the residue.
    unsure = (np.abs(residue) + bound >= half) & (result != 0) & inexact  # 0: all terms 0
    result[unsure] = np.nan
    out = np.empty(n)
    out[runs] = result
    return out
