"""The code that the fast per-article functions replaced, kept verbatim as the reference.

tests/test_text_fast.py checks that the fast functions in digest/ give exactly what these
give, on every labelled corpus and on generated text. Only names were changed (the helpers
these call come from digest itself, unchanged).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from digest import dates
from digest.clean import LINE_RULES, is_dateline_only
from digest.dates import (
    _AFTER_UNIT,
    _BEFORE_UNIT,
    _MONTH_SET,
    _STANDALONE_RELATIVE,
    _TOKEN,
    _UNIT_WORDS,
    _WEEKDAY_SET,
)
from digest.model import Article, DateMention, DateValue, Name, TimelineEntry
from digest.text import (
    _ABBREVIATIONS,
    _MONEY,
    _SENTENCE_END,
    NAME_CONNECTORS,
    PLACE_NAMES,
    STOPWORDS,
    TERM_FOLDING,
    _is_subsequence,
    fold_words,
    name_kind,
    strip_dateline,
    tokenize,
)
from digest.timeline import (
    _DATE_WORDS,
    TOPIC_SHARE,
    _axis_key,
    _Dated,
    _dated_sentences,
    _happenings,
    event_span,
    is_background,
    story_sentences,
    trim_text,
    trust,
)


def capitalised_runs(sentence: str) -> list[tuple[list[str], bool]]:
    """Return runs of capitalised words in `sentence`, each with 'starts the sentence'.

    After a dateline ("GARUT - ", "Jakarta (ANTARA) - "), the story's sentence starts again
    (the thirty-second session read every dateline `strip_dateline` reads, here as there)."""
    story = strip_dateline(sentence)
    if len(story) < len(sentence):
        head = sentence[: len(sentence) - len(story)]
        return capitalised_runs(head) + capitalised_runs(story)
    runs: list[tuple[list[str], bool]] = []
    current: list[str] = []
    at_start = True
    run_at_start = False
    for m in re.finditer(r"[\w'’.-]+|[^\w\s]", sentence):
        token = m.group(0).strip(".")
        is_cap = bool(token) and token[0].isupper() and any(c.isalpha() for c in token)
        is_cap = is_cap and not _MONEY.match(token)  # "Rp700": an amount
        if is_cap:
            if not current:
                run_at_start = at_start
            current.append(token)
        elif current and token.lower() in NAME_CONNECTORS and token.islower():
            current.append(token)
        else:
            while current and current[-1].lower() in NAME_CONNECTORS:
                current.pop()
            if current:
                runs.append((current, run_at_start))
            current = []
        if token and token not in '"“‘(':
            at_start = False
    while current and current[-1].lower() in NAME_CONNECTORS:
        current.pop()
    if current:
        runs.append((current, run_at_start))
    return runs


def fold_aliases(
    counts: Counter[str], first_seen: dict[str, int], lowercase: frozenset[str]
) -> list[Name]:
    """Fold each name into the unique longer name that contains all its words.

    A known place stays itself: "Rusia" is not short for "Federasi Rusia".
    """
    containing: dict[str, list[str]] = defaultdict(list)
    names = sorted(counts, key=lambda n: (-len(n.split()), n))
    for short in names:
        short_words = short.split()
        for long in names:
            long_words = long.split()
            if len(long_words) > len(short_words) and _is_subsequence(short_words, long_words):
                containing[short].append(long)
    merged: Counter[str] = Counter()
    for name in names:
        targets = [] if name.lower() in PLACE_NAMES else containing.get(name, [])
        longest = [t for t in targets if not containing.get(t)]
        target = longest[0] if len(longest) == 1 else name
        merged[target] += counts[name]
        first_seen[target] = min(first_seen[target], first_seen[name])
    ordered = sorted(merged, key=lambda n: (-merged[n], first_seen[n], n))
    return [Name(n, name_kind(n, lowercase), merged[n], first_seen[n]) for n in ordered]


def has_relative(words: Sequence[str]) -> bool:
    """True when a relative phrase can be there: "pekan lalu", "last week", "kemarin"."""
    named = _UNIT_WORDS | _WEEKDAY_SET | _MONTH_SET
    for index, word in enumerate(words):
        if word in _STANDALONE_RELATIVE:
            return True
        if word in _AFTER_UNIT and index > 0 and words[index - 1] in named:
            return True
        if word in _BEFORE_UNIT and index + 1 < len(words) and words[index + 1] in named:
            return True
    return False


@dataclass(frozen=True)
class _Cues:
    """Which kinds of words a text holds."""

    numbers: int
    year: bool
    month: bool
    weekday: bool
    relative: bool

    @classmethod
    def of(cls, text: str) -> _Cues:
        tokens = _TOKEN.findall(text)
        lower = [t.lower() for t in tokens]
        words = set(lower)
        numbers = [t for t in tokens if t.isdigit()]
        return cls(
            numbers=len(numbers),
            year=any(len(n) == 4 and n[:2] in ("19", "20") for n in numbers),
            month=not words.isdisjoint(_MONTH_SET),
            weekday=not words.isdisjoint(_WEEKDAY_SET),
            relative=has_relative(lower),
        )


def find_expressions(text: str, dayfirst: bool = True) -> list[dates.Expression]:
    """dates.find_expressions as it was, with the old cues."""
    cues = _Cues.of(text)
    candidates: list[tuple[int, dates.Expression]] = []
    if cues.numbers:
        candidates.extend((0, e) for e in dates._expressions_full(text, dayfirst, cues))
    if cues.year or cues.month:
        candidates.extend((1, e) for e in dates._expressions_month_year(text, cues))
    if cues.weekday or cues.relative:
        candidates.extend((2, e) for e in dates._expressions_relative(text, cues))
    # A span's first day takes the year written after its last (added since; the same
    # step follows either set of cues).
    return dates._spans_year(text, dates._choose(candidates))


def find_mentions(article: Article, anchor: DateValue | None = None) -> tuple[DateMention, ...]:
    """Return the dated expressions of an article, resolved against `anchor` or its own date.

    A paragraph that is only a dateline is the article's date, not a happening: skipped.
    """
    anchor = anchor if anchor is not None else article.published
    dayfirst = not dates.is_month_first(article.language, article.paragraphs)
    mentions: list[DateMention] = []
    for p_index, paragraph in enumerate(article.paragraphs):
        if dates.is_dateline(paragraph):
            continue
        for s_index, sentence in enumerate(split_sentences(paragraph)):
            for expression in find_expressions(sentence, dayfirst):
                value = dates.resolve(expression, anchor)
                if value is None:
                    continue
                is_past = anchor is None or dates.period_end(value) <= dates.period_end(anchor)
                mentions.append(
                    DateMention(expression.text, value, p_index, s_index, expression.start, is_past)
                )
    return tuple(mentions)


def words_of(sentence: str) -> frozenset[str]:
    """Content words read as the clusterer reads terms: possessives without "'s", then
    Indonesian news words and places in English."""
    tokens = [t.removesuffix("'s").removesuffix("’s") for t in tokenize(sentence)]
    folded = fold_words(tokens, TERM_FOLDING)
    return frozenset(
        w for w in folded if len(w) >= 3 and w not in STOPWORDS and w not in _DATE_WORDS
    )


def normalise_line(line: str) -> str:
    """Return `line` lower-cased with runs of non-word characters collapsed, for comparing."""
    return re.sub(r"\W+", " ", line.lower()).strip()


def topic_words(members: Sequence[Article]) -> frozenset[str]:
    sentences = [words_of(s) for a in members for s in story_sentences(a.paragraphs)]
    counts: dict[str, int] = defaultdict(int)
    for words in sentences:
        for word in words:
            counts[word] += 1
    limit = max(2.0, TOPIC_SHARE * len(sentences))
    return frozenset(w for w, n in counts.items() if n >= limit)


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
        if background or len(found) == 1:
            groups = [list(found)]
        else:
            if topic is None:  # costly, and only needed here
                topic = topic_words(members)
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


def line_rule(line: str) -> str | None:
    """Return the name of the first boilerplate rule `line` matches, or None; a leading
    bullet is not part of what the rules read."""
    stripped = line.lstrip()
    if stripped and stripped[0] in "●•▪◆►▶■":
        line = stripped[1:]
    for name, pattern in LINE_RULES:
        if pattern.search(line):
            return name
    if is_dateline_only(line):
        return "dateline"
    return None


def split_sentences(paragraph: str) -> list[str]:
    """Return the sentences of `paragraph`; abbreviations such as "Dr." do not end one."""
    parts = _SENTENCE_END.split(paragraph.strip())
    sentences: list[str] = []
    for part in parts:
        if sentences and _ABBREVIATIONS.search(sentences[-1]):
            sentences[-1] = f"{sentences[-1]} {part}"
        elif part:
            sentences.append(part)
    return sentences
