"""Timelines: dated sentences per event, merged across articles, and one axis for all events.

Order of work for one event: `infer_dates` gives undated articles the date other reports pin
(applied after clustering, never before), `find_mentions` resolves every date expression
against its article's date, `build_entries` groups the dated sentences into happenings.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from digest import dates
from digest.model import (
    Article,
    DateMention,
    DateSource,
    DateValue,
    Event,
    Granularity,
    Removed,
    Source,
    StoryEntry,
    TimelineEntry,
)
from digest.text import (
    STOPWORDS,
    TERM_FOLDING,
    WORD,
    fold_words,
    split_sentences,
    strip_dateline,
    without_possessive,
)
from digest.yearless import find_yearless_dateline, fix_year, latest_full_date, lead_weekday

BACKGROUND_DAYS = 14
"""A happening that ended this many days before the event's first report is background."""

MIN_SHARED_WORDS = 2
"""Content words two sentences must share to be about the same happening."""

_TRUST = {
    DateSource.FRONT_MATTER: 0,
    DateSource.DATELINE: 1,
    DateSource.EXPLICIT: 2,
    DateSource.DATELINE_INFERRED_YEAR: 3,
    DateSource.RELATIVE: 4,
    DateSource.ESTIMATED: 5,
    DateSource.INFERRED: 6,
}
_DATE_WORDS = frozenset(dates.MONTHS) | frozenset(dates.WEEKDAYS) | {
    "hari", "pekan", "minggu", "bulan", "tahun", "lalu", "ini", "pada", "tanggal", "day", "week",
    "month", "year", "last", "this", "next", "awal", "akhir", "early", "late",
}  # fmt: skip


def trust(value: DateValue) -> int:
    """Return how far `value` is from being read off the page: 0 front matter … 6 inferred."""
    return _TRUST[value.source]


# --- an article's own date ------------------------------------------------------------------


def _weekday_reading(
    dateline: DateValue, opening: Sequence[str], paragraphs: Sequence[str]
) -> DateValue:
    """Return the day-first reading of a page's stamp read month first ("06/05/2026" on
    an English page) where the story's first sentence names a weekday that only that
    reading explains: AFP's and France 24's English pages write their stamps day first
    ("Issued on: 06/05/2026" over "... sources said Wednesday": 6 May 2026 was a
    Wednesday, 5 June a Friday). The month-first reading stays where the lead's weekday is
    its day or the day before it (a report of the day before), or where no weekday is named.
    """
    day, month = dateline.value.day, dateline.value.month
    if day > 12 or day == month or not paragraphs:
        return dateline  # one reading only: no numbers to swap
    other = dates.parse_dateline(opening, dayfirst=True, lead=False)
    if other is None or other.value == dateline.value:
        return dateline
    first = dates._SENTENCE_END.split(paragraphs[0].strip(), maxsplit=1)[0]
    weekday = None if dates._FUTURE.search(first) else lead_weekday(paragraphs[0])
    if weekday is None or other.value.weekday() != weekday:  # none, or one still to come
        return dateline
    if weekday in (dateline.value.weekday(), (dateline.value.weekday() - 1) % 7):
        return dateline
    return other


def own_date(
    published: DateValue | None,
    lines: Sequence[str],
    paragraphs: Sequence[str],
    removed: Sequence[Removed] = (),
    language: str | None = None,
) -> DateValue | None:
    """Return an article's own date: front matter, else dateline, else an estimate, else None.

    A dateline without a year ("MOSCOW, Nov 29 (Reuters)") counts when the story's own full
    dates fix its year (`digest.yearless`; marked DATELINE_INFERRED_YEAR), and so does a
    weekday-confirmed full date in the lead (`dates.lead_date`: "digerebek ... pada Rabu, 28
    Oktober 2026"), the later of the two where both are. The estimate
    (month precision, ESTIMATED) comes from the latest full date the story reports; photo
    captions the cleaner removed may supply the year for "6 November". A year-less dateline
    left undated here may still be dated by its folder once the whole folder is read
    (`build.dated_by_folder`).
    """
    if published is not None:
        return published
    dayfirst = not dates.is_month_first(language, paragraphs)
    opening = [line for line in lines if line.strip()]
    dateline = dates.parse_dateline(opening, dayfirst=dayfirst, lead=False)
    if dateline is not None and not dayfirst:
        dateline = _weekday_reading(dateline, opening, paragraphs)
    if dateline is None:
        dateline = _stamp_under_page_top(opening, removed, dayfirst)
    if dateline is not None:
        return dateline
    captions = [r.text for r in removed if r.rule.startswith("photo")]
    story = story_sentences(paragraphs)
    yearless = find_yearless_dateline(opening, dayfirst=dayfirst)
    resolved = None
    if yearless is not None:
        resolved = fix_year(yearless, latest_full_date([*story, *captions]))
    # Of a year-less dateline and a dated weekday in the lead, the later is the news: "...,
    # Kamis (2/1)" with "hujan sejak Senin, 30 Desember 2024" after it; "sejak Senin (21/7)
    # ... berakhir ... Rabu (23/7/2025)". On the same day, the date read in full wins.
    found = [d for d in (dates.lead_date(opening), resolved) if d is not None]
    if found:
        return max(found, key=lambda d: d.value)
    closing = _closing_date(opening, dayfirst)
    if closing is not None:
        return closing
    return dates.estimate_published(story, captions)


STAMP_LINES = 10
"""How far down a page a stamp the cleaner took off (rule "dateline") still dates it: under
a site's trail, the headline again, a photo's caption and a byline ("Diperbarui 15 Mar
2026, 00:37 WIB" as the sixth line), beyond the first lines a dateline is looked for in."""


def _stamp_under_page_top(
    lines: Sequence[str], removed: Sequence[Removed], dayfirst: bool
) -> DateValue | None:
    """Return the date of the first of the page's top `STAMP_LINES` lines that the cleaner
    took off as a page stamp, or None."""
    stamps = {r.text for r in removed if r.rule == "dateline"}
    for line in lines[:STAMP_LINES]:
        if line.strip() in stamps:
            value = dates.dateline_date(line.strip(), dayfirst)
            if value is not None:
                return value
    return None


CLOSING_LINES = 3
"""How many of an article's last lines may hold a page's date stamp."""


def _closing_date(lines: Sequence[str], dayfirst: bool) -> DateValue | None:
    """Return the date of a line that is only a date among an article's last few lines (a
    page stamp a scrape leaves at the foot: "August 10, 2026", "Posted 4 Aug 2025"), or
    None; only where nothing at the top dates the article."""
    for line in reversed(lines[-CLOSING_LINES:]):
        value = dates.dateline_date(line, dayfirst)
        if value is not None:
            return value
    return None


def story_sentences(paragraphs: Sequence[str]) -> list[str]:
    """Return the sentences of the story, leaving out lines that are only a dateline."""
    return [s for p in paragraphs if not dates.is_dateline(p) for s in split_sentences(p)]


# --- mentions -------------------------------------------------------------------------------


def find_mentions(article: Article, anchor: DateValue | None = None) -> tuple[DateMention, ...]:
    """Return the dated expressions of an article, resolved against `anchor` or its own date.

    A paragraph that is only a dateline is the article's date, not a happening: skipped.
    """
    anchor = anchor if anchor is not None else article.published
    dayfirst = not dates.is_month_first(article.language, article.paragraphs)
    mentions: list[DateMention] = []
    for p_index, paragraph in enumerate(article.paragraphs):
        if not dates.may_hold_dates(paragraph) or dates.is_dateline(paragraph):
            continue
        for s_index, sentence in enumerate(split_sentences(paragraph)):
            for expression in dates.find_expressions(sentence, dayfirst):
                value = dates.resolve(expression, anchor)
                if value is None:
                    continue
                is_past = anchor is None or dates.period_end(value) <= dates.period_end(anchor)
                mentions.append(
                    DateMention(expression.text, value, p_index, s_index, expression.start, is_past)
                )
    return tuple(mentions)


def sentence_of(article: Article, mention: DateMention) -> str:
    return split_sentences(article.paragraphs[mention.paragraph])[mention.sentence]


_NOT_CONTENT = STOPWORDS | _DATE_WORDS


def _words(sentence: str) -> frozenset[str]:
    """Return the content words of `sentence` that are not date words (see `content_words`).

    Read as the clusterer reads terms (`TERM_FOLDING`: "Oktober" = "October", "lawatan" =
    "visit"), possessives without their "'s": an English and an Indonesian sentence telling
    of one happening share their words."""
    lowered = [without_possessive(w.lower()) for w in WORD.findall(sentence)]
    words = set(fold_words(lowered, TERM_FOLDING))
    words -= _NOT_CONTENT
    return frozenset([w for w in words if len(w) >= 3])


# --- inference from the event ---------------------------------------------------------------


@dataclass(frozen=True)
class _Pin:
    """A day another report of the event states, with the words of its sentence."""

    day: date
    words: frozenset[str]
    article: str


def _pins(members: Sequence[Article]) -> list[_Pin]:
    pins = []
    for article in members:
        for mention in article.mentions:
            value = mention.date
            if value.granularity is Granularity.DAY and trust(value) <= trust(
                DateValue(value.value, source=DateSource.RELATIVE)
            ):
                pins.append(_Pin(value.value, _words(sentence_of(article, mention)), article.id))
    return pins


def infer_published(article: Article, pins: Sequence[_Pin]) -> DateValue | None:
    """Return the day other reports pin for an article not dated to the day, or None.

    Each weekday the article names ("tiba pada hari Jumat") is matched to a day on that weekday
    that another report states in a sentence sharing at least MIN_SHARED_WORDS content words;
    "kemarin"/"yesterday" and the like match any day, with one more shared word. Each match
    bounds the article's date (a Friday it reports lies 0-6 days before it; "yesterday" exactly
    one); the article is dated the earliest day within every bound, and contradicting bounds
    give None. A coarse date the article already has must contain the inferred day (`_within`).
    """
    if article.published is not None and article.published.granularity is Granularity.DAY:
        return None
    lower: date | None = None
    upper: date | None = None
    for paragraph in article.paragraphs:
        if not dates.may_hold_dates(paragraph):
            continue
        for sentence in split_sentences(paragraph):
            for expression in dates.find_expressions(sentence):
                bounds = _offset_bounds(expression)
                if bounds is None:
                    continue
                day = _best_pin(expression, _words(sentence), pins, article.id)
                if day is None:
                    continue
                first, last = day + timedelta(days=bounds[0]), day + timedelta(days=bounds[1])
                lower = first if lower is None else max(lower, first)
                upper = last if upper is None else min(upper, last)
    if lower is None or upper is None or lower > upper:
        return None
    estimate = article.published
    if estimate is not None and not _within(lower, estimate):
        return None
    return DateValue(lower, Granularity.DAY, DateSource.INFERRED)


def _within(day: date, coarse: DateValue) -> bool:
    """True when `day` falls in the period of `coarse` or up to six days before it (a week
    reported at its start). A month only estimated from the text (`dates.estimate_published`)
    is taken for its month in any year: its year is the latest the text names, which a
    background or target year ("last year's final", "by 2030") can make wrong, while its
    month is a day and month the text states."""
    candidates = [coarse]
    if coarse.source is DateSource.ESTIMATED and coarse.granularity is Granularity.MONTH:
        month = coarse.value.month  # the month's first day: a day every year has
        candidates += [replace(coarse, value=date(y, month, 1)) for y in (day.year, day.year + 1)]
    return any(c.value - timedelta(days=6) <= day <= dates.period_end(c) for c in candidates)


def _offset_bounds(expression: dates.Expression) -> tuple[int, int] | None:
    """Return how many days after the day an expression names its article can be written."""
    if expression.kind is dates.Kind.WEEKDAY:
        return {0: (0, 6), -1: (1, 7), 1: (-7, -1)}.get(expression.shift or 0)
    if expression.kind is dates.Kind.RELATIVE and expression.unit is Granularity.DAY:
        shift = expression.shift or 0
        return (-shift, -shift)
    return None


def _best_pin(
    expression: dates.Expression, words: frozenset[str], pins: Sequence[_Pin], article_id: str
) -> date | None:
    """Return the stated day that best matches `expression` in a sentence with `words`."""
    is_weekday = expression.kind is dates.Kind.WEEKDAY
    needed = MIN_SHARED_WORDS if is_weekday else MIN_SHARED_WORDS + 1
    scored = [
        (len(words & pin.words), pin.day)
        for pin in pins
        if pin.article != article_id and (not is_weekday or pin.day.weekday() == expression.weekday)
    ]
    scored = [(shared, day) for shared, day in scored if shared >= needed]
    if not scored:
        return None
    return max(scored)[1]


def infer_dates(members: Sequence[Article]) -> list[Article]:
    """Return an event's articles, undated ones dated by the others, mentions re-resolved.

    Only days read or resolved from certain dates pin; inferred dates never pin others.
    """
    pins = _pins(members)
    result = []
    for article in members:
        inferred = infer_published(article, pins)
        if inferred is not None:
            article = with_own_date(article, inferred)
        result.append(article)
    return result


def with_own_date(article: Article, value: DateValue | None) -> Article:
    """Return `article` dated `value` (None: undated), its date mentions resolved again
    against that date."""
    article = replace(article, published=value)
    return replace(article, mentions=find_mentions(article))


# --- entries --------------------------------------------------------------------------------

_LEAD_CONNECTOR = re.compile(
    r"^(?:sebelumnya|diketahui|sementara itu|sementara|selain itu|adapun|namun|meanwhile|"
    r"earlier|previously|however|also)\s*,\s*",
    re.I,
)
_ATTRIBUTION = re.compile(
    r"(?:,\s*|\s+)(?:(?:demikian\s+\S+\s+mengatakan|menurut|seperti (?:yang )?dikutip(?: dari)?|"
    r"dikutip dari|seperti (?:yang )?dilaporkan(?: oleh)?|dilansir(?: dari)?|according to|"
    r"as reported by|citing)\b[^,;]*?)(?=[.!?”\"]*$)",
    re.I,
)
"""Where a sentence says which outlet it came from; the speaker ("kata Kim") stays."""


def trim_text(sentence: str, phrase: str = "") -> str:
    """Return `sentence` without a leading dateline (`text.strip_dateline`), connector or
    trailing attribution.

    What is trimmed never contains `phrase` (the date expression the entry is about), but for
    the dateline: the entry shows its date, and "JAKARTA, Jan 5 (Reuters) -" says no more.
    >>> trim_text("JAKARTA - Sebelumnya, Kim bertemu Putin pada Juni, menurut KCNA.", "Juni")
    'Kim bertemu Putin pada Juni.'
    >>> trim_text("JAKARTA - Sebelumnya, Kim bertemu Putin pada Juni, kata KCNA.", "Juni")
    'Kim bertemu Putin pada Juni, kata KCNA.'
    """
    text = sentence.strip()
    story = strip_dateline(text)  # even when it holds the date: the entry shows its date
    if len(story) > 20:
        text = story
    m = _LEAD_CONNECTOR.match(text)
    if m and not (phrase and phrase in m.group(0)) and len(text) - m.end() > 20:
        text = text[m.end() :]
        text = text[:1].upper() + text[1:]
    m = _ATTRIBUTION.search(text)
    if m and not (phrase and phrase in m.group(0)) and m.start() > 20:
        end = text[m.end() :].strip()
        text = text[: m.start()].rstrip(" ,") + (end if end else ".")
        if not text.endswith((".", "!", "?", "”", '"')):
            text += "."
    return text


@dataclass(frozen=True)
class _Dated:
    value: DateValue
    source: Source
    words: frozenset[str]
    phrase: str
    weekday: int | None
    context: str = ""
    ahead: bool = False
    """Its period starts after its report's own date (`_after`)."""


def _after(value: DateValue, published: DateValue | None) -> bool:
    """Whether the period of `value` starts after the last day of `published`: "next week",
    "on Sept. 15" in a report of Sept. 8, "in 2027"; not "this month" nor "this year", which
    hold the report's own day."""
    return published is not None and value.value > dates.period_end(published)


_ANAPHOR = re.compile(
    r"^[\"“‘(]*(?:hal (?:itu|ini|tersebut)|itu|ini|keduanya|mereka|it|this|that|these|they)\b",
    re.I,
)
"""Openers that point back to the sentence before ("Hal itu dikatakan KCNA pada Sabtu")."""


def context_before(article: Article, mention: DateMention) -> str:
    """Return the sentence before a mention's sentence when that one only points back to it."""
    sentence = sentence_of(article, mention)
    if not _ANAPHOR.match(sentence):
        return ""
    if mention.sentence > 0:
        return split_sentences(article.paragraphs[mention.paragraph])[mention.sentence - 1]
    for paragraph in reversed(article.paragraphs[: mention.paragraph]):
        if not dates.is_dateline(paragraph) and split_sentences(paragraph):
            return split_sentences(paragraph)[-1]
    return ""


TOPIC_SHARE = 0.25
"""A word in at least this share of an event's sentences is its topic, not a happening's."""


def _topic_words(members: Sequence[Article]) -> frozenset[str]:
    sentences = [_words(s) for a in members for s in story_sentences(a.paragraphs)]
    counts: Counter[str] = Counter()
    for words in sentences:
        counts.update(words)
    limit = max(2.0, TOPIC_SHARE * len(sentences))
    return frozenset(w for w, n in counts.items() if n >= limit)


def _weekday(mention: DateMention) -> int | None:
    """The weekday a coarse date was read from ("pada hari Selasa" in a month-dated article)."""
    if mention.date.granularity is Granularity.DAY:
        return None
    found = dates.find_expressions(mention.text)
    return found[0].weekday if found and found[0].kind is dates.Kind.WEEKDAY else None


def _dated_sentences(members: Sequence[Article]) -> list[_Dated]:
    found: list[_Dated] = []
    for article in sorted(members, key=lambda a: a.id):
        for mention in article.mentions:
            sentence = sentence_of(article, mention)
            source = Source(article.id, sentence, mention.paragraph)
            words = _words(sentence)
            context = context_before(article, mention)
            found.append(
                _Dated(mention.date, source, words, mention.text, _weekday(mention), context,
                       _after(mention.date, article.published))
            )  # fmt: skip
    return found


def _happenings(found: Sequence[_Dated], topic: frozenset[str]) -> list[list[_Dated]]:
    """Group the sentences of one date into happenings.

    One day in one event is one happening. Within a week, month or year, sentences are linked
    when they share MIN_SHARED_WORDS words that are not the event's topic words.
    """
    if found and found[0].value.granularity is Granularity.DAY:
        return [list(found)]
    groups: list[list[_Dated]] = []
    for item in found:
        words = item.words - topic
        joined = [g for g in groups if any(len(words & o.words) >= MIN_SHARED_WORDS for o in g)]
        if not joined:
            groups.append([item])
            continue
        merged = [x for g in joined for x in g] + [item]
        groups = [g for g in groups if g not in joined] + [merged]
    return groups


def event_span(members: Sequence[Article]) -> tuple[DateValue | None, DateValue | None]:
    """Return the first and last own dates of an event's articles (None when none is known).

    A month estimated from what a report's text mentions (`dates.estimate_published`) counts
    only when no report of the event has a date read, resolved or inferred: a year in a
    report's background ("since 2024", "avenge their 2025 loss") can put the estimate years
    off, and the event would then seem to span them.
    """
    dated = [a.published for a in members if a.published is not None]
    firm = [v for v in dated if v.source is not DateSource.ESTIMATED]
    known = sorted(firm or dated, key=_axis_key)
    if not known:
        return None, None
    last = _axis_key(known[-1])[:2]
    # The most trusted of the dates on the last day: a dateline's, not another report's guess.
    return known[0], next(v for v in known if _axis_key(v)[:2] == last)


def _axis_key(value: DateValue) -> tuple:
    """Sort key on one axis: by first day, a period before the days it contains."""
    return (value.value, -value.granularity.rank, trust(value))


def is_background(value: DateValue, start: DateValue | None) -> bool:
    """True when the period of `value` ended BACKGROUND_DAYS or more before `start`."""
    if start is None:
        return False
    return dates.period_end(value) < start.value - timedelta(days=BACKGROUND_DAYS)


def build_entries(members: Sequence[Article]) -> tuple[TimelineEntry, ...]:
    """Return the event's dated happenings as entries, ordered on the date axis.

    Sentences naming the same date at the same precision merge into one entry listing every
    source when they are about one happening (see `_happenings`; background periods always
    merge); its date is the most trustworthy reading among them and its text the first
    source's sentence at that trust, trimmed.
    """
    start, _ = event_span(members)
    topic: frozenset[str] | None = None
    by_key: dict[tuple, list[_Dated]] = defaultdict(list)
    for item in _dated_sentences(members):
        by_key[(item.value.value, item.value.granularity, item.weekday)].append(item)
    entries: list[TimelineEntry] = []
    for key in sorted(by_key, key=lambda k: (k[0], -k[1].rank, k[2] is not None, k[2] or 0)):
        found = by_key[key]
        background = is_background(found[0].value, start)
        # Background is context: one entry per period is enough, with every source.
        if background or len(found) == 1 or key[1] is Granularity.DAY:
            groups = [list(found)]  # one day in one event is one happening (`_happenings`)
        else:
            if topic is None:  # costly, and only needed here
                topic = _topic_words(members)
            groups = _happenings(found, topic)
        for group in groups:
            best = min(group, key=lambda x: trust(x.value))
            sources = tuple(dict.fromkeys(x.source for x in group))
            text = trim_text(best.source.sentence, best.phrase)
            if best.context:
                text = f"{trim_text(best.context)} {text}"
            planned = not background and all(x.ahead for x in group)
            entries.append(
                TimelineEntry(best.value, text, sources, background, best.weekday, planned)
            )
    # A stable sort keeps, within one period, the order built above: the period itself
    # ("awal bulan ini") before days known only by weekday, Monday before Tuesday, then
    # sources in article and paragraph order.
    return tuple(sorted(entries, key=lambda e: _axis_key(e.date)))


def attach(event: Event, by_id: Mapping[str, Article]) -> Event:
    """Return `event` with its span and timeline filled from its articles."""
    return attach_members(event, infer_dates([by_id[i] for i in event.article_ids]))


def attach_members(event: Event, members: Sequence[Article]) -> Event:
    """Return `event` with span and timeline from `members` (already dated by `infer_dates`)."""
    start, end = event_span(members)
    entries = build_entries(members)
    own = [e.date for e in entries if not e.is_background and e.date.is_exact]
    if start is None and own:
        start, end = min(own, key=_axis_key), max(own, key=_axis_key)
    return replace(event, start=start, end=end, timeline=entries)


def attach_all(
    events: Iterable[Event], by_id: Mapping[str, Article]
) -> tuple[list[Event], dict[str, Article]]:
    """Return every event with its timeline, and the articles with inferred dates applied."""
    articles = dict(by_id)
    result = []
    for event in events:
        members = infer_dates([by_id[i] for i in event.article_ids])
        articles.update((a.id, a) for a in members)
        result.append(attach_members(event, members))
    return result, articles


# --- one axis for all events ----------------------------------------------------------------


def story(events: Sequence[Event]) -> tuple[StoryEntry, ...]:
    """Return every event's entries on one axis, background repeated across events merged.

    An event's own entries stay one per event, so the reader sees events follow each other;
    a background happening that several events recall (the same date, sharing words) is
    shown once, linked to each event.
    """
    items: list[StoryEntry] = []
    for event in events:
        for entry in event.timeline:
            items.append(StoryEntry(entry.date, entry.text, entry.sources, entry.is_background,
                                    (event.id,), entry.weekday, entry.is_planned))  # fmt: skip
    merged: list[StoryEntry] = []
    by_key: dict[tuple, list[StoryEntry]] = defaultdict(list)
    for item in items:
        if not item.is_background:
            merged.append(item)
            continue
        by_key[(item.date.value, item.date.granularity)].append(item)
    for group in by_key.values():
        merged.extend(_merge_background(group))
    return tuple(sorted(merged, key=lambda s: (*_axis_key(s.date), s.events, s.text)))


def _merge_background(group: Sequence[StoryEntry]) -> list[StoryEntry]:
    # An entry joins the first cluster holding an entry that shares MIN_SHARED_WORDS words
    # with it. The words shared with each earlier entry are counted through an index of
    # word -> entries (numbered as placed), not by comparing it with every earlier entry.
    clusters: list[list[StoryEntry]] = []
    cluster_of: list[int] = []  # entry number -> its cluster
    holding: dict[str, list[int]] = {}  # word -> the entries that have it
    for item in sorted(group, key=lambda s: (trust(s.date), s.events, s.text)):
        words = _words(item.text)
        shared: dict[int, int] = {}
        for word in words:
            for entry in holding.get(word, ()):
                shared[entry] = shared.get(entry, 0) + 1
        joins = [cluster_of[entry] for entry, count in shared.items() if count >= MIN_SHARED_WORDS]
        if joins:
            number = min(joins)
            clusters[number].append(item)
        else:
            number = len(clusters)
            clusters.append([item])
        for word in words:
            holding.setdefault(word, []).append(len(cluster_of))
        cluster_of.append(number)
    result = []
    for cluster in clusters:
        first = cluster[0]
        event_ids = tuple(dict.fromkeys(e for s in cluster for e in s.events))
        sources = tuple(dict.fromkeys(src for s in cluster for src in s.sources))
        result.append(replace(first, events=event_ids, sources=sources))
    return result
