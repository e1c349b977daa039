"""Date expressions in Indonesian and English news text.

Two steps: `find_expressions` reads what a text says ("pada hari Jumat", "6 November",
"September tahun lalu") without deciding the date; `resolve` turns an expression into a
`DateValue` against an anchor (the article's own date). A resolved date is only as certain as
its anchor: against a front-matter or dateline date it is explicit or relative, against an
estimated or inferred date it keeps that provenance.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta

from digest.model import DateSource, DateValue, Granularity

MONTHS = {
    # English
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
    # Indonesian
    "januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "mei": 5, "juni": 6, "juli": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "oktober": 10, "okt": 10, "desember": 12,
    "des": 12, "nopember": 11, "nop": 11, "peb": 2, "mrt": 3,
}  # fmt: skip

WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4,
    "jum’at": 4, "sabtu": 5, "minggu": 6, "ahad": 6,
}  # fmt: skip

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "se": 1, "satu": 1, "dua": 2, "tiga": 3,
    "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9, "sepuluh": 10,
}  # fmt: skip

MIN_YEAR = 1900
MAX_YEAR = 2100
FUTURE_SLACK_DAYS = 31
"""A day and month without a year may lie this far after the anchor before it is read as last
year's (news reports the past, but announces the coming weeks too)."""
AHEAD_BACK_DAYS = 183
"""A day or month of a plan or of a period's end ("hingga Januari", "will meet again in
January") may lie this far before the anchor and still be the anchor year's ("the talks,
scheduled for March 3, were put off" in July); further back, it is next year's: "the rainy
season lasts until January" in a December report is the coming January."""

_NO_DEFAULT = datetime(1, 1, 1)


class Kind(enum.StrEnum):
    """What an expression states, before it is resolved against an anchor."""

    DATE = "date"  # day, month and year: "29/11/2024", "6 November 2024"
    DAY_MONTH = "day-month"  # "6 November", "Nov. 6", "(12/11)"
    MONTH = "month"  # "Februari 2022", "bulan Juni", "September tahun lalu"
    YEAR = "year"  # "tahun 2022", "in 2014"
    WEEKDAY = "weekday"  # "pada hari Jumat", "last Friday"
    RELATIVE = "relative"  # "kemarin", "pekan lalu", "awal bulan ini", "two weeks ago"


@dataclass(frozen=True)
class Expression:
    """A date expression as written: what it fixes, and what it needs from an anchor.

    `shift` counts `unit`s from the anchor for RELATIVE ("pekan lalu": -1 week); for WEEKDAY
    it is -1 for "last Friday", +1 for "next Friday", 0 for "on Friday"; for MONTH and
    DAY_MONTH without a year it is the year offset ("tahun lalu": -1) or None for "the most
    recent one". `ahead`: a plain weekday of a plan ("will meet on Friday", "dijadwalkan
    kembali pada Selasa"), the anchor's day or the next one on that weekday, not the last;
    a day and month of a plan ("is scheduled for September 14") or the end of a period
    ("berlangsung hingga 10 September") later in the anchor's year than `FUTURE_SLACK_DAYS`
    allows, or a month of one ("will assign ships in September") after the anchor's, is
    still that year's, not the year before's; and one more than `AHEAD_BACK_DAYS` before
    the anchor is next year's ("hingga Januari" in December). `last_day`: the last day of
    days of one month written with their month and year once ("Jan 20 and 21, 2027", "March
    3, 4 and 5, 2025"); the expression is read as its first day, `day`. `opens_span`: the
    first day of a span or a list whose year is written once, after its last day ("Jan 30"
    of "Jan 30-Feb 2, 2027", "30 Jan" of "30 Jan - 2 Feb 2027", "3" of "3 dan 4 Maret 2025",
    "3, 4" of "3, 4 dan 5 Maret 2025"), read with that year; the last day is an expression
    of its own. Without a year ("3" of "pada 3 dan 4 Maret"), a day and month whose
    `last_day` is its list's last: it takes the year that day takes. Neither is an
    article's date (a dateline's).
    """

    text: str
    start: int
    kind: Kind
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    unit: Granularity | None = None
    shift: int | None = None
    ahead: bool = False
    last_day: int | None = None
    opens_span: bool = False

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def needs_anchor(self) -> bool:
        return self.kind in (Kind.WEEKDAY, Kind.RELATIVE) or self.year is None


@dataclass(frozen=True)
class Found:
    """A date expression matched in a text, resolved."""

    text: str
    start: int
    date: DateValue


def _day(year: int, month: int, day: int) -> date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


_NAMED_WEEKDAY = re.compile(r"([^\W\d_][\w'’]*)\W{0,3}$")


def _numeric_date(first: int, second: int, year: int, dayfirst: bool, before: str) -> date | None:
    """Return the day of a numeric date "first/second/year": day first where `dayfirst`
    (numbers above 12 settle it either way), unless the weekday named just before it fits
    only the other reading: "Sunday (4/10/2026)" in an English translation of an
    Indonesian report is 4 October (a Sunday), not 10 April (a Friday). A weekday with the
    date in brackets after it is the Indonesian press's way ("Sabtu (7/11/2026)"): day
    first there, where the weekday fits both readings.

    >>> _numeric_date(4, 10, 2026, False, "on Sunday (")
    datetime.date(2026, 10, 4)
    >>> _numeric_date(7, 11, 2026, False, "Saturday (")
    datetime.date(2026, 11, 7)
    >>> _numeric_date(4, 10, 2026, False, "on ")
    datetime.date(2026, 4, 10)
    """
    named = _NAMED_WEEKDAY.search(before[-16:])
    weekday = WEEKDAYS.get(named.group(1).lower()) if named else None
    dayfirst = dayfirst or (weekday is not None and before.rstrip().endswith("("))
    day, month = (first, second) if dayfirst or second > 12 else (second, first)
    if month > 12:
        day, month = month, day
    read = _day(year, month, day)
    if weekday is None or (read is not None and read.weekday() == weekday):
        return read
    other = _day(year, day, month)
    return other if other is not None and other.weekday() == weekday else read


def _full_year(text: str) -> int:
    value = int(text)
    return value + 2000 if value < 100 else value


def resolve_weekday(word: str, anchor: date) -> date | None:
    """Return the most recent `anchor`-or-earlier date falling on weekday `word`.

    `word` is an Indonesian or English weekday ("Jumat", "friday"); None if unknown.
    >>> resolve_weekday("Jumat", date(2024, 1, 10))
    datetime.date(2024, 1, 5)
    """
    weekday = WEEKDAYS.get(word.lower())
    if weekday is None:
        return None
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


# --- patterns -------------------------------------------------------------------------------

_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_WEEKDAY = "|".join(sorted((re.escape(w) for w in WEEKDAYS), key=len, reverse=True))
WEEKDAY_PATTERN = _WEEKDAY
"""Any weekday's name, English or Indonesian, as a pattern's alternatives."""
_NUM_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_DAYTIME = (
    r"(?:\s+(?:pagi|siang|sore|petang|malam|subuh|dini\s+hari|morning|afternoon|evening|night))?"
)
"""A time of day between a weekday and its date: "Kamis malam (26/11)", "Sabtu dini hari
(21/11/2026)", "Friday night (Nov. 20)"."""
# A weekday written just before a full date ("Jumat (29/11/2024)", "Friday, Nov. 6"), a time
# of day between them or not, belongs to that date: it is absorbed instead of being resolved
# on its own.
_WD_BEFORE = re.compile(rf"\b(?:{_WEEKDAY}){_DAYTIME}\s*,?\s*\(?\s*$", re.I)
_WD_BEFORE_REACH = 24
"""How far before a date `_WD_BEFORE` looks: "Minggu dini hari (" is 18 characters."""
_ORD = r"(?:st|nd|rd|th)?"
_I = re.I

ISO = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?!\d)")
NUMERIC_FULL = re.compile(
    r"(?<![\d.,/-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|[.,]\d)\)?",
    _I,
)
# Without a year, d/m is a date only in brackets or after a weekday: "Selasa (12/11)".
NUMERIC_PARTIAL = re.compile(
    rf"(?:(?:{_WEEKDAY})\s*,?\s*)?\(\s*(\d{{1,2}})/(\d{{1,2}})\s*\)|"
    rf"(?:\b(?:{_WEEKDAY})\s*,?\s*|\btanggal\s+)(\d{{1,2}})/(\d{{1,2}})(?![\d/]|[.,]\d)",
    _I,
)
DAY_MONTH = re.compile(
    rf"(?<![\w.,])(\d{{1,2}}){_ORD}(?:\s+of)?\s*[-\s]\s*({_MONTH})\b\.?"
    rf"(?:\s*[-,\s]\s*(\d{{4}})(?!\d))?",
    _I,
)
MONTH_DAY = re.compile(
    rf"\b({_MONTH})\b\.?\s+(\d{{1,2}}){_ORD}\b(?![:.,]\d)(?:,?\s+(\d{{4}})(?!\d))?",
    _I,
)
# Two or more days of one month, the month first and the year once after the last day:
# "Jan 20 and 21, 2027", "Jan. 20-21, 2027", "between March 3 and 5, 2025", "March 3, 4 and
# 5, 2025". The year is all the days'; they are one expression, read as the first day, as
# "Jan 20" alone was read before.
_DAYS_JOIN = (
    r"(?:\s*[-–—]\s*|\s+(?:and|to|through|thru|until|till|hingga|sampai(?:\s+dengan)?|dan|"
    r"s\.d\.?|s/d)\s+)"
)
MONTH_DAYS = re.compile(
    rf"\b({_MONTH})\b\.?\s+(\d{{1,2}}){_ORD}(?:,\s*\d{{1,2}}{_ORD})*,?{_DAYS_JOIN}(\d{{1,2}}){_ORD}"
    rf"\b(?![:.,]\d),?\s+(\d{{4}})(?!\d)",
    _I,
)
# Two or more days of one month, day first, the month (and the year) once after the last
# day: "3 dan 4 Maret 2025", "3, 4, dan 5 Maret 2025", "on 3 and 4 March". The last day is
# read with them (`DAY_MONTH`), as before; the days before it ("3", "3, 4") are an expression
# of the first day. (A range, "20-21 Januari 2027", "3 hingga 5 Maret", is the last day's
# alone: see `test_two_days_before_a_month_and_year_keep_the_written_year`.)
DAYS_MONTH = re.compile(
    rf"(?<![\w.,])(\d{{1,2}}){_ORD}(?:,\s*\d{{1,2}}{_ORD})*(?=,?\s+(?:and|dan)\s+"
    rf"(\d{{1,2}}){_ORD}(?:\s+of)?\s*[-\s]\s*({_MONTH})\b\.?(?:\s*[-,\s]\s*(\d{{4}})(?!\d))?)",
    _I,
)
_SPAN_JOIN = re.compile(_DAYS_JOIN, _I)
MONTH_YEAR = re.compile(
    rf"\b(?:(?:bulan|month of)\s+)?({_MONTH})\b\.?(?:\s+of)?,?\s+(?:tahun\s+)?(\d{{4}})(?!\d)", _I
)
MONTH_RELATIVE_YEAR = re.compile(
    rf"\b(?:bulan\s+)?({_MONTH})\b\.?\s+(tahun\s+(?:lalu|ini|depan|kemarin)|"
    r"(?:of\s+)?(?:last|this|next)\s+year)\b|"
    rf"\b(last|this|next)\s+({_MONTH})\b",
    _I,
)
MONTH_ALONE = re.compile(
    rf"\b(?:(bulan|month of)\s+)?({_MONTH})\b\.?(\s+(?:lalu|ini|kemarin))?", _I
)
YEAR = re.compile(
    r"(?:\b(?:(?:pada\s+)?tahun|pada|sejak|since|in|hingga|sampai|until|by|during|selama|"
    r"awal|akhir|early|late|mid-?)\s+(\d{4})|"
    # "from"/"dari" and "between"/"antara" only open a range: "lebih dari 2000 peserta" is no year
    r"\b(?:from|dari|between|antara)\s+(\d{4})(?=\s+(?:to|and|hingga|sampai|dan|-)\s+\d{4}\b)|"
    r"(?<=\d{4} )(?:and|dan|to|hingga|sampai|-)\s+(\d{4}))"
    r"(?!\d|[.,/-]\d|\s*(?:orang|tentara|persen|%|people|soldiers))",
    _I,
)
WEEKDAY = re.compile(
    rf"\b(?:(last|next|this|on|pada|hari)\s+)?(?:hari\s+)?({_WEEKDAY})\b(\s+(?:lalu|kemarin|depan|ini|"
    r"mendatang|pekan lalu|minggu lalu))?",
    _I,
)
_DAY_UNITS = r"hari|days?"
_WEEK_UNITS = r"pekan|minggu|weeks?"
_MONTH_UNITS = r"bulan|months?"
_YEAR_UNITS = r"tahun|years?"
RELATIVE = re.compile(
    r"\b(?:"
    r"(?P<yesterday>kemarin lusa|kemarin|yesterday|tadi malam|last night)|"
    r"(?P<today>hari ini|today|tonight|malam ini|pagi ini|this morning|tadi pagi)|"
    r"(?P<tomorrow>besok|tomorrow)|"
    rf"(?P<n>\d{{1,2}}|{_NUM_WORD})\s+(?P<unit>{_DAY_UNITS}|{_WEEK_UNITS}|{_MONTH_UNITS}|"
    rf"{_YEAR_UNITS})\s+(?:yang\s+)?(?P<ago>lalu|silam|ago)|"
    r"(?:(?P<part>awal|akhir|pertengahan|early|late|earlier|later|mid|end of|beginning of)"
    r"\s+(?:(?:in|of)\s+)?)?"
    rf"(?P<unit2>{_WEEK_UNITS}|{_MONTH_UNITS}|{_YEAR_UNITS}|akhir pekan|weekend)\s+"
    r"(?P<which>lalu|kemarin|ini|depan|mendatang)|"
    r"(?:(?P<part2>early|late|earlier|later|mid|end of|beginning of)\s+)?"
    r"(?P<which2>last|this|next|(?<=end of )the|(?<=beginning of )the)\s+"
    r"(?P<unit3>week|weekend|month|year)"
    r")\b",
    _I,
)
# "Minggu" is Sunday and also "week"; "Mei"/"May", "Mar" and "Jan" are also words and names.
_WEEK_WORDS = re.compile(r"\b(?:beberapa|dalam|per|sepekan|seminggu|\d+|\w+an)\s+$", _I)
_AMBIGUOUS_MONTHS = frozenset({"may", "mar", "jan", "des", "dec", "jun", "jul", "sep", "agu"})
_MONTH_CONTEXT = re.compile(
    r"\b(?:bulan|pada|sejak|hingga|sampai|since|in|on|until|by|during|early|late|mid|awal|akhir|"
    r"pertengahan|of|di|last|this|next)\s+$",
    _I,
)


# Cheap word tests that decide which of the patterns above can match at all: most sentences
# hold no month, weekday or relative word, and then the costly patterns never run.
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_MONTH_SET = frozenset(MONTHS)
_WEEKDAY_SET = frozenset(WEEKDAYS) | {"jum"}  # "Jum'at" splits at the apostrophe
_STANDALONE_RELATIVE = frozenset({
    "kemarin", "yesterday", "today", "tonight", "besok", "tomorrow",
})  # fmt: skip
_UNIT_WORDS = frozenset({
    "hari", "pekan", "minggu", "bulan", "tahun", "malam", "pagi", "day", "days", "week", "weeks",
    "weekend", "month", "months", "year", "years", "night", "morning", "yang",
})  # fmt: skip
_AFTER_UNIT = frozenset({"ini", "lalu", "depan", "mendatang", "silam", "kemarin", "ago"})
_BEFORE_UNIT = frozenset({"last", "this", "next", "tadi", "the"})


_NAMED = _UNIT_WORDS | _WEEKDAY_SET | _MONTH_SET
_RELATIVE_CUES = _STANDALONE_RELATIVE | _AFTER_UNIT | _BEFORE_UNIT


def _has_relative(words: Sequence[str], distinct: frozenset[str] | set[str] | None = None) -> bool:
    """True when a relative phrase can be there: "pekan lalu", "last week", "kemarin".

    `distinct` is the set of `words` when the caller has it (it saves making it again).
    """
    distinct = set(words) if distinct is None else distinct
    # Set tests first: most texts hold none of these words, and then no pair can match.
    if distinct.isdisjoint(_RELATIVE_CUES):
        return False
    if not distinct.isdisjoint(_STANDALONE_RELATIVE):
        return True
    if distinct.isdisjoint(_NAMED):
        return False
    for index, word in enumerate(words):
        if word in _AFTER_UNIT and index > 0 and words[index - 1] in _NAMED:
            return True
        if word in _BEFORE_UNIT and index + 1 < len(words) and words[index + 1] in _NAMED:
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
        lower = list(map(str.lower, tokens))
        words = set(lower)
        numbers = list(filter(str.isdigit, tokens))
        return cls(
            numbers=len(numbers),
            year=any(len(n) == 4 and n[:2] in ("19", "20") for n in numbers),
            month=not words.isdisjoint(_MONTH_SET),
            weekday=not words.isdisjoint(_WEEKDAY_SET),
            relative=_has_relative(lower, words),
        )

    @property
    def is_empty(self) -> bool:
        """True when no pattern can match: then the text holds no date expression."""
        return not (self.numbers or self.month or self.weekday or self.relative)


def may_hold_dates(text: str) -> bool:
    """False when `text` surely holds no date expression (no number, month, weekday or
    relative phrase); then neither does any sentence of it, so callers skip its sentences.

    The same answer as `not _Cues.of(text).is_empty`, each cue tested only while none is
    found, and each distinct word lower-cased once (most paragraphs hold no date).
    """
    if _DIGIT.search(text):  # a digit is a token of its own: a number
        return True
    if text.isascii():
        lower = _ascii_words(text)
        words = set(lower)
    else:
        tokens = _TOKEN.findall(text)
        if any(map(str.isdigit, tokens)):
            return True
        words = set(map(str.lower, set(tokens)))
        lower = None
    if not (words.isdisjoint(_MONTH_SET) and words.isdisjoint(_WEEKDAY_SET)):
        return True
    return not words.isdisjoint(_RELATIVE_CUES) and _has_relative(
        lower if lower is not None else list(map(str.lower, tokens)), words
    )


_DIGIT = re.compile(r"\d")
_ASCII_LETTERS_LOWERED = bytes(
    c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 0x20 for c in range(256)
)


def _ascii_words(text: str) -> list[str]:
    """Return the `_TOKEN`s of an ASCII `text` without digits, lower-cased.

    Every paragraph of every article is tested (`may_hold_dates`), and a table of bytes
    finds its words in about a third of the time of the expression.
    >>> _ascii_words("Kim's visit, last-WEEK")
    ['kim', 's', 'visit', 'last', 'week']
    """
    return text.encode("ascii").translate(_ASCII_LETTERS_LOWERED).decode("ascii").split()


# --- reading --------------------------------------------------------------------------------


def _expressions_full(text: str, dayfirst: bool, cues: _Cues) -> list[Expression]:
    found: list[Expression] = []
    for m in ISO.finditer(text) if cues.year and "-" in text else ():
        d = _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            found.append(Expression(m.group(0), m.start(), Kind.DATE, d.year, d.month, d.day))
    for m in NUMERIC_FULL.finditer(text) if cues.numbers >= 3 else ():
        first, second = int(m.group(1)), int(m.group(3))
        # Dots part a date day first in every language that writes them: "08.05.2026"
        # (Anadolu), "4.11.2026" (Yle), also on English pages; slashes follow the language.
        dotted = m.group(2) == "."
        d = _numeric_date(
            first, second, _full_year(m.group(4)), dayfirst or dotted, text[: m.start()]
        )
        if d and (not dotted or len(m.group(4)) == 4):
            found.append(_expr(m, Kind.DATE, d.year, d.month, d.day))
    for m in DAY_MONTH.finditer(text) if cues.month else ():
        month = MONTHS[m.group(2).lower()]
        if m.group(3):
            d = _day(int(m.group(3)), month, int(m.group(1)))
            if d:
                found.append(_expr(m, Kind.DATE, d.year, d.month, d.day))
        elif _day(2000, month, int(m.group(1))) and (
            _month_word_ok(text, m.start(), m.group(2))
            or _opens_dated_span(text, m, month, int(m.group(1)))
        ):
            found.append(_expr(m, Kind.DAY_MONTH, None, month, int(m.group(1))))
    for m in MONTH_DAY.finditer(text) if cues.month else ():
        if not _month_word_ok(text, m.start(), m.group(1), strict=True):
            continue
        month = MONTHS[m.group(1).lower()]
        year = int(m.group(3)) if m.group(3) else None
        if _day(year or 2000, month, int(m.group(2))):
            kind = Kind.DATE if year else Kind.DAY_MONTH
            found.append(_expr(m, kind, year, month, int(m.group(2))))
    for m in MONTH_DAYS.finditer(text) if cues.month and cues.year and cues.numbers >= 3 else ():
        found.extend(_month_days(text, m))
    for m in DAYS_MONTH.finditer(text) if cues.month and cues.numbers >= 2 else ():
        found.extend(_days_month(text, m))
    for m in NUMERIC_PARTIAL.finditer(text) if "/" in text else ():
        day = int(m.group(1) or m.group(3))
        month = int(m.group(2) or m.group(4))
        if _day(2000, month, day):
            found.append(_expr(m, Kind.DAY_MONTH, None, month, day))
    return found


def _month_days(text: str, m: re.Match) -> list[Expression]:
    """Days of one month with the year written once after the last (`MONTH_DAYS`), as one
    expression of the first day with that year: "Jan 20 and 21, 2027" and "March 3, 4 and
    5, 2025" are 20 January 2027 and 3 March 2025, not days of the anchor's year (the first
    day alone was read so before). The last day must come after the first and be a day of
    the month ("Jan 20 and 5, 2027" is left as it was read)."""
    if not _month_word_ok(text, m.start(), m.group(1), strict=True):
        return []
    month, year = MONTHS[m.group(1).lower()], int(m.group(4))
    first, second = int(m.group(2)), int(m.group(3))
    if first >= second or not _day(year, month, second):
        return []
    return [_expr(m, Kind.DATE, year, month, first, last_day=second)]


def _days_month(text: str, m: re.Match) -> list[Expression]:
    """The days before the last of one month's days, day first (`DAYS_MONTH`), as an
    expression of the first day with the month and year written after the last: in "3 dan 4
    Maret 2025" and "3, 4 dan 5 Maret 2025" the 3rd was not read at all (the last day is,
    as before). The last day must come after the first and be a day of the month.

    Without a year ("pada 3 dan 4 Maret"), the first day is a day and month that takes the
    year the last day takes (`last_day`; its plan or period's end too, `ahead`), and only
    where the last day is read: an ambiguous month word ("3 and 4 May") needs its context
    before the last day, as the last day alone does (`DAY_MONTH`)."""
    month, first, last = MONTHS[m.group(3).lower()], int(m.group(1)), int(m.group(2))
    if m.group(4):
        year = int(m.group(4))
        if first >= last or not _day(year, month, last):
            return []
        return [_expr(m, Kind.DATE, year, month, first, opens_span=True)]
    if first >= last or not _day(2000, month, last):
        return []
    if not _month_word_ok(text, m.start(2), m.group(3)):
        return []
    ahead = _is_planned(text, m.start(2), agreed=True) or bool(_UNTIL.search(text, 0, m.start(2)))
    return [_expr(m, Kind.DAY_MONTH, None, month, first, opens_span=True, last_day=last,
                  ahead=ahead)]  # fmt: skip


_SPAN_TAIL = re.compile(
    rf"{_DAYS_JOIN}(\d{{1,2}}){_ORD}(?:\s+of)?\s*[-\s]\s*({_MONTH})\b\.?\s*[-,\s]\s*(\d{{4}})(?!\d)",
    _I,
)
"""A span's join and its last day with a year, after its first day: " - 2 Feb 2027"."""


def _opens_dated_span(text: str, m: re.Match, month: int, day: int) -> bool:
    """Whether a day and month (`DAY_MONTH`'s `m`) with an ambiguous month word ("30 Jan",
    "28 Des") opens a span whose last day has its year written: "30 Jan - 2 Feb 2027",
    "28 Des - 2 Jan 2027". The word is a month there, as "Jan" of "Jan 30-Feb 2, 2027" is;
    the span must be one `_spans_year` gives the first day its year in (in order, and no
    longer than `AHEAD_BACK_DAYS` over the new year)."""
    if not m.group(2)[0].isupper():
        return False
    tail = _SPAN_TAIL.match(text, m.end())
    if tail is None:
        return False
    end = _day(int(tail.group(3)), MONTHS[tail.group(2).lower()], int(tail.group(1)))
    return end is not None and _span_start_year(month, day, end) is not None


def _expr(m: re.Match, kind: Kind, year: int | None, month: int | None, day: int | None,
          **more: object) -> Expression:  # fmt: skip
    raw, start = m.group(0), m.start()
    if kind in (Kind.DATE, Kind.DAY_MONTH):
        before = _WD_BEFORE.search(m.string, max(0, start - _WD_BEFORE_REACH), start)
        if before is not None:
            raw, start = m.string[before.start() : m.end()], before.start()
    stripped = raw.rstrip(" ,")
    if stripped.endswith(".") and re.search(r"[^\W\d]{5,}\.$", stripped):
        stripped = stripped[:-1]  # a full month name ends the sentence: "pada Juni."
    if stripped.endswith(")") and "(" not in stripped:
        stripped = stripped[:-1]
    lead = len(raw) - len(raw.lstrip())
    if (
        kind in (Kind.DAY_MONTH, Kind.MONTH)
        and year is None
        and more.get("shift") is None
        and "ahead" not in more
    ):
        # "is scheduled for September 14"; "berlangsung hingga 10 September" (a period that
        # runs until then)
        more["ahead"] = _is_planned(m.string, start, agreed=True) or bool(
            _UNTIL.search(m.string, 0, start)
        )
    return Expression(stripped.strip(), start + lead, kind, year, month, day, **more)  # type: ignore[arg-type]


def _month_word_ok(text: str, start: int, word: str, strict: bool = False) -> bool:
    """True unless an ambiguous month word ("May", "Jan", "Mar") is probably not a month;
    `start` is where its date begins (the words before it may make it one: "pada 2 Des")."""
    if not word[0].isupper() and strict:
        return False
    if word.lower() not in _AMBIGUOUS_MONTHS:
        return True
    return word[0].isupper() and (strict or bool(_MONTH_CONTEXT.search(text[:start])))


def _expressions_month_year(text: str, cues: _Cues) -> list[Expression]:
    found: list[Expression] = []
    if not cues.month:
        return _expressions_year(text) if cues.year else []
    for m in MONTH_YEAR.finditer(text) if cues.year else ():
        word = m.group(1)
        year = int(m.group(2))
        if word[0].isupper() and MIN_YEAR <= year <= MAX_YEAR:
            found.append(_expr(m, Kind.MONTH, year, MONTHS[word.lower()], None))
    for m in MONTH_RELATIVE_YEAR.finditer(text) if cues.relative else ():
        word = m.group(1) or m.group(4)
        if not word[0].isupper():
            continue
        which = (m.group(2) or m.group(3)).lower()
        shift = -1 if ("lalu" in which or "last" in which or "kemarin" in which) else 0
        shift = 1 if ("depan" in which or "next" in which) else shift
        if m.group(3) and which == "last":
            shift = None  # "last June": the most recent June before the anchor
        found.append(_expr(m, Kind.MONTH, None, MONTHS[word.lower()], None, shift=shift))
    for m in MONTH_ALONE.finditer(text):
        word = m.group(2)
        if not word[0].isupper():
            continue
        if word.lower() in _AMBIGUOUS_MONTHS and not (
            m.group(1) or _MONTH_CONTEXT.search(text[: m.start()])
        ):
            continue
        found.append(_expr(m, Kind.MONTH, None, MONTHS[word.lower()], None))
    return found + (_expressions_year(text) if cues.year else [])


_NUMBERED = re.compile(
    r"\b(?:nomor|nomer|no\.?|uu|undang-undang|perppu|perpu|perpres|pp|perda|permen\w*|"
    r"keppres|inpres)\s*\d+[a-z]?\s*$",
    _I,
)
"""What comes before the year of a numbered law or regulation ("UU Nomor 32 Tahun 2009")."""


def _expressions_year(text: str) -> list[Expression]:
    """Return the years `text` names as a time ("pada tahun 2022", "since 2014"); the year
    of a numbered law ("Undang-Undang Nomor 32 Tahun 2009") names no happening."""
    found: list[Expression] = []
    for m in YEAR.finditer(text):
        year = int(m.group(1) or m.group(2) or m.group(3))
        numbered = _NUMBERED.search(text, max(0, m.start() - 40), m.start())
        if MIN_YEAR <= year <= MAX_YEAR and numbered is None:
            found.append(_expr(m, Kind.YEAR, year, None, None))
    return found


def _is_week_word(text: str, m: re.Match) -> bool:
    """True when "Minggu"/"minggu" here means "week", not Sunday."""
    word = m.group(2)
    if word.lower() != "minggu":
        return False
    if m.group(3) or _WEEK_WORDS.search(text[: m.start(2)]):
        return True
    return not word[0].isupper() and not m.group(1)


_PLAN = re.compile(
    r"\b(akan|bakal|hendak|dijadwalkan|direncanakan|rencananya|berencana|will|would|scheduled|"
    r"(?:is|are) (?:due|expected|set) to|plans? to|planned)\b",
    re.I,
)
_CLAUSE_END = re.compile(r"[,;:.!?()]")
_AGREED = re.compile(
    r"\b(?:agreed|agrees?) to (?:hold|meet|resume|reconvene)\b|"
    r"\bsepakat (?:untuk )?(?:bertemu|menggelar|melanjutkan)\b",
    re.I,
)
"""A meeting agreed on, for a month or a day and month: "agreed to hold another round in
January" in a December report is the coming January. (Not for a weekday: "agreed to resume
talks on Wednesday" in a Friday report tells of talks held since.)"""


_UNTIL = re.compile(r"\b(?:hingga|sampai|until|till|through)\s+(?:dengan\s+|tanggal\s+)?$", re.I)
"""The words before a date that ends a period ("hingga 10 September", "until Sept. 30")."""


def _is_planned(text: str, start: int, agreed: bool = False) -> bool:
    """Whether the clause before `start` tells of a plan: "Sugiono akan bertemu Iwaya pada
    Senin", "the talks will resume on Friday". Only the words before the weekday in its own
    clause count: in "Kim, who met Putin on Monday, will ..." the Monday is past. With
    `agreed` (a month or a day and month, not a weekday: see `_AGREED`), a meeting agreed
    on counts too."""
    clause = _CLAUSE_END.split(text[:start])[-1]
    return _PLAN.search(clause) is not None or (agreed and _AGREED.search(clause) is not None)


def _expressions_relative(text: str, cues: _Cues) -> list[Expression]:
    found: list[Expression] = []
    for m in WEEKDAY.finditer(text) if cues.weekday else ():
        word = m.group(2)
        if _is_week_word(text, m):
            continue
        if not word[0].isupper() and (m.group(1) or "").lower() not in ("pada", "hari"):
            continue
        if re.search(r"\b(?:good|black|cyber|holy)\s+$", text[: m.start(2)], _I):
            continue
        which = ((m.group(1) or "") + " " + (m.group(3) or "")).lower()
        shift = -1 if re.search(r"\b(last|lalu|kemarin)\b", which) else 0
        shift = 1 if re.search(r"\b(next|depan|mendatang)\b", which) else shift
        ahead = shift == 0 and _is_planned(text, m.start())
        found.append(_expr(m, Kind.WEEKDAY, None, None, None, weekday=WEEKDAYS[word.lower()],
                           shift=shift, ahead=ahead))  # fmt: skip
    for m in RELATIVE.finditer(text) if cues.relative else ():
        expression = _relative_expression(m)
        if expression is not None:
            found.append(expression)
    return found


_UNITS = (
    (Granularity.DAY, re.compile(r"hari|days?|yesterday|today|tomorrow", _I)),
    (Granularity.WEEK, re.compile(r"pekan|minggu|weeks?|weekend", _I)),
    (Granularity.MONTH, re.compile(r"bulan|months?", _I)),
    (Granularity.YEAR, re.compile(r"tahun|years?", _I)),
)


def _unit(word: str) -> Granularity:
    for unit, pattern in _UNITS:
        if pattern.search(word):
            return unit
    raise ValueError(word)


def _relative_expression(m: re.Match) -> Expression | None:
    def make(unit: Granularity, shift: int) -> Expression:
        return _expr(m, Kind.RELATIVE, None, None, None, unit=unit, shift=shift)

    if m.group("yesterday"):
        return make(Granularity.DAY, -2 if "lusa" in m.group("yesterday").lower() else -1)
    if m.group("today"):
        return make(Granularity.DAY, 0)
    if m.group("tomorrow"):
        return make(Granularity.DAY, 1)
    if m.group("n"):
        n = m.group("n").lower()
        count = int(n) if n.isdigit() else NUMBER_WORDS[n]
        return make(_unit(m.group("unit")), -count)
    word = (m.group("which") or m.group("which2")).lower()
    shift = {"lalu": -1, "kemarin": -1, "last": -1, "depan": 1, "mendatang": 1, "next": 1}
    unit = _unit(m.group("unit2") or m.group("unit3"))
    return make(unit, shift.get(word, 0))


def _choose(candidates: Sequence[tuple[int, Expression]]) -> list[Expression]:
    """Return non-overlapping expressions: earlier patterns first, then longer, then leftmost."""
    chosen: list[Expression] = []
    spans: list[tuple[int, int]] = []
    for _, expression in sorted(candidates, key=lambda c: (c[0], -len(c[1].text), c[1].start)):
        start, end = expression.start, expression.end
        if all(end <= s or start >= e for s, e in spans):
            spans.append((start, end))
            chosen.append(expression)
    return sorted(chosen, key=lambda e: e.start)


def _spans_year(text: str, found: list[Expression]) -> list[Expression]:
    """Give the first day of a span its year where that is written once, after the last day:
    "Jan 30-Feb 2, 2027", "30 Januari hingga 2 Februari 2027", "Nov 28 – Dec 1, 2026". The
    first day is read alone as a day and month (the last is a full date) and took a year
    from the anchor instead. `found` is `_choose`'s: without overlaps, left to right."""
    for index in range(len(found) - 1):
        year = _span_year(text, found[index], found[index + 1])
        if year is not None:
            found[index] = replace(found[index], kind=Kind.DATE, year=year, ahead=False,
                                   opens_span=True)  # fmt: skip
    return found


def _span_year(text: str, first: Expression, last: Expression) -> int | None:
    """Return the year of `first`, a day and month, where only a span's join parts it from
    `last`, a full date after it; else None. The first day's month is its own, and its year
    the one before the last day's where that month comes later ("Dec 28-Jan 2, 2027"): such
    a span over the new year is no longer than `AHEAD_BACK_DAYS` ("Feb 2-Jan 30, 2027" is
    left as it was read)."""
    if first.kind is not Kind.DAY_MONTH or last.kind is not Kind.DATE or last.last_day:
        return None
    if last.year is None or _SPAN_JOIN.fullmatch(text, first.end, last.start) is None:
        return None
    end = _day(last.year, last.month or 1, last.day or 1)
    return None if end is None else _span_start_year(first.month or 1, first.day or 1, end)


def _span_start_year(month: int, day: int, end: date) -> int | None:
    """Return the year of a span's first day, `day` of `month`, whose last day is `end`: the
    last day's, or the one before where `month` comes later; None where the first day does
    not come before `end`, or lies more than `AHEAD_BACK_DAYS` before it over the new year."""
    year = end.year - 1 if month > end.month else end.year
    start = _day(year, month, day)
    if start is None or start >= end:
        return None
    return year if year == end.year or (end - start).days <= AHEAD_BACK_DAYS else None


def find_expressions(text: str, dayfirst: bool = True) -> list[Expression]:
    """Return the date expressions in `text`, left to right, without overlaps.

    Full dates win over partial ones, dates over months, months over years, and all of
    them over weekdays and relative phrases. `dayfirst` reads 11/12/2024 as 11 December.
    >>> [e.text for e in find_expressions("Kim bertemu Petrov, Jumat (29/11/2024).")]
    ['Jumat (29/11/2024)']
    """
    cues = _Cues.of(text)
    if cues.is_empty:
        return []
    candidates: list[tuple[int, Expression]] = []
    if cues.numbers:
        candidates.extend((0, e) for e in _expressions_full(text, dayfirst, cues))
    if cues.year or cues.month:
        candidates.extend((1, e) for e in _expressions_month_year(text, cues))
    if cues.weekday or cues.relative:
        candidates.extend((2, e) for e in _expressions_relative(text, cues))
    return _spans_year(text, _choose(candidates))


# --- resolving ------------------------------------------------------------------------------


def _resolved_source(anchor: DateValue | None, fallback: DateSource) -> DateSource:
    """A date that needed the anchor is only as certain as the anchor."""
    if anchor is None or anchor.is_certain:
        return fallback
    return anchor.source


def _period_end(value: DateValue) -> date:
    d = value.value
    if value.granularity is Granularity.DAY:
        return d
    if value.granularity is Granularity.WEEK:
        return d + timedelta(days=6)
    if value.granularity is Granularity.MONTH:
        return d + relativedelta(months=1, days=-1)
    return date(d.year, 12, 31)


def period_end(value: DateValue) -> date:
    """Return the last day of the period `value` covers (itself for a day).

    >>> period_end(DateValue(date(2024, 2, 1), Granularity.MONTH))
    datetime.date(2024, 2, 29)
    """
    return _period_end(value)


def resolve(expression: Expression, anchor: DateValue | None) -> DateValue | None:
    """Return the date `expression` means for an article dated `anchor`, or None.

    Expressions that need an anchor finer than the anchor is (a weekday against a month) come
    back at the anchor's granularity, marked estimated; without an anchor they are None.
    """
    kind = expression.kind
    if kind is Kind.DATE:
        d = _day(expression.year or 0, expression.month or 1, expression.day or 1)
        return DateValue(d, Granularity.DAY, DateSource.EXPLICIT) if d else None
    if kind is Kind.YEAR:
        d = _day(expression.year or 0, 1, 1)
        return DateValue(d, Granularity.YEAR, DateSource.EXPLICIT) if d else None
    if kind is Kind.MONTH and expression.year is not None:
        d = _day(expression.year, expression.month or 1, 1)
        return DateValue(d, Granularity.MONTH, DateSource.EXPLICIT) if d else None
    if anchor is None:
        return None
    if kind is Kind.DAY_MONTH:
        return _resolve_day_month(expression, anchor)
    if kind is Kind.MONTH:
        return _resolve_month(expression, anchor)
    if kind is Kind.WEEKDAY:
        return _resolve_weekday(expression, anchor)
    return _resolve_relative(expression, anchor)


def _resolve_day_month(expression: Expression, anchor: DateValue) -> DateValue | None:
    """A day and month without a year: the anchor's year, or the one before or after (see
    `Expression.ahead`). The first of a list's days without a year ("3" of "3 dan 4 Maret")
    takes the year its last day (`last_day`) takes."""
    month, day = expression.month or 1, expression.day or 1
    year = anchor.value.year
    # the day whose year is decided: the last of a list's days, else this one
    last = expression.last_day if expression.opens_span and expression.last_day else day
    probe = _day(year, month, last)
    if probe is not None and anchor.granularity is not Granularity.YEAR:
        limit = _period_end(anchor) + timedelta(days=FUTURE_SLACK_DAYS)
        if probe > limit and not expression.ahead:
            year -= 1
        elif expression.ahead and _too_far_back(probe, anchor):
            year += 1
    d = _day(year, month, day) if probe is not None else None
    if d is None:
        return None
    return DateValue(d, Granularity.DAY, _resolved_source(anchor, DateSource.EXPLICIT))


def _resolve_month(expression: Expression, anchor: DateValue) -> DateValue | None:
    month = expression.month or 1
    year = anchor.value.year
    if expression.shift is not None:
        year += expression.shift
    elif anchor.granularity is not Granularity.YEAR:
        # The most recent such month: "bulan Juni" in a November article is this June;
        # "last June" said in June is the year before.
        end = _period_end(anchor)
        strict = expression.text.lower().startswith("last")
        latest = (end.year, end.month)
        if ((year, month) > latest and not expression.ahead) or (
            strict and (year, month) == latest
        ):
            year -= 1  # (a month of a plan, "will assign ships in September", is this year's)
        elif expression.ahead and _too_far_back(date(year, month, 1), anchor, month_end=True):
            year += 1  # "musim hujan masih berlangsung hingga Januari" in December
    d = _day(year, month, 1)
    if d is None:
        return None
    return DateValue(d, Granularity.MONTH, _resolved_source(anchor, DateSource.EXPLICIT))


def _too_far_back(day: date, anchor: DateValue, month_end: bool = False) -> bool:
    """Whether `day` (with `month_end`: the last day of its month) lies more than
    `AHEAD_BACK_DAYS` before `anchor` (an expression `ahead`: next year's then)."""
    if month_end:
        day = day + relativedelta(months=1) - timedelta(days=1)
    return (anchor.value - day).days > AHEAD_BACK_DAYS


def _coarse(anchor: DateValue) -> DateValue:
    """An expression finer than its anchor: the anchor's period, marked as an estimate."""
    source = DateSource.ESTIMATED if anchor.is_certain else anchor.source
    return DateValue(anchor.value, anchor.granularity, source)


def _resolve_weekday(expression: Expression, anchor: DateValue) -> DateValue | None:
    if anchor.granularity is not Granularity.DAY:
        return _coarse(anchor)
    weekday = expression.weekday or 0
    a = anchor.value
    if expression.shift == 1:
        d = a + timedelta(days=(weekday - a.weekday() - 1) % 7 + 1)
    elif expression.ahead:
        d = a + timedelta(days=(weekday - a.weekday()) % 7)
    else:
        back = (a.weekday() - weekday) % 7
        if expression.shift == -1 and back == 0:
            back = 7
        d = a - timedelta(days=back)
    return DateValue(d, Granularity.DAY, _resolved_source(anchor, DateSource.RELATIVE))


def _resolve_relative(expression: Expression, anchor: DateValue) -> DateValue | None:
    unit = expression.unit or Granularity.DAY
    shift = expression.shift or 0
    if unit.rank < anchor.granularity.rank:
        return _coarse(anchor)
    a = anchor.value
    source = _resolved_source(anchor, DateSource.RELATIVE)
    if unit is Granularity.DAY:
        return DateValue(a + timedelta(days=shift), unit, source)
    if unit is Granularity.WEEK:
        monday = a - timedelta(days=a.weekday()) + timedelta(weeks=shift)
        return DateValue(monday, unit, source)
    if unit is Granularity.MONTH:
        return DateValue(a.replace(day=1) + relativedelta(months=shift), unit, source)
    year = a.year + shift
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    return DateValue(date(year, 1, 1), unit, source)


def find_dates(text: str, anchor: date | DateValue | None, dayfirst: bool = True) -> list[Found]:
    """Return the date expressions in `text` resolved against `anchor`, left to right.

    A plain `date` anchor counts as a certain day. Expressions that cannot be resolved (a
    weekday with no anchor) are left out.
    >>> [(f.text, f.date.iso()) for f in find_dates("pada 6 November", date(2024, 11, 20))]
    [('6 November', '2024-11-06')]
    """
    if isinstance(anchor, date):
        anchor = DateValue(anchor, Granularity.DAY, DateSource.DATELINE)
    found: list[Found] = []
    for expression in find_expressions(text, dayfirst):
        value = resolve(expression, anchor)
        if value is not None:
            found.append(Found(expression.text, expression.start, value))
    return found


# --- an article's own date ------------------------------------------------------------------

_DATELINE_NUMERIC = re.compile(
    rf"(?:(?:{_WEEKDAY})\s*,?\s*\(?\s*)?\b(\d{{1,2}})/(\d{{1,2}})/(\d{{4}})\)?", _I
)
_TIME = re.compile(
    r"\b\d{1,2}[:.]\s?\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s*m\b\.?)?|\b\d{1,2}\s*[ap]\.?\s*m\b\.?", _I
)
_WEEKDAY_FIRST = re.compile(rf"({_WEEKDAY})\b", _I)
_A_WEEKDAY = re.compile(rf"\b(?:{_WEEKDAY})\b", _I)
_YEAR_DIGITS = re.compile(r"\d{4}")


def opening_weekday(expression: Expression) -> int | None:
    """Return the weekday (0 = Monday) a date expression's text opens with ("Rabu (15/1/2025)",
    "Rabu, 28 Oktober 2026", "Thursday (March 5"), or None: the weekday written just before a
    date belongs to it (`find_expressions` takes it in)."""
    named = _WEEKDAY_FIRST.match(expression.text)
    return None if named is None else WEEKDAYS[named.group(1).lower()]


def names_weekday(text: str) -> bool:
    """Whether `text` names a weekday at all: a cheap test before `find_expressions`."""
    return _A_WEEKDAY.search(text) is not None


_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\b[A-Z]\.)(?<!\b[A-Z][a-z]\.)\s+(?![—–-])")
"""Where a sentence ends, roughly: enough to find a dateline's opening sentence. Not before
a dash: "LA RONGE, Sask. — Residents ... on Tuesday, July 21, ..." is one sentence; nor
after an initial or a two-letter abbreviation ("Ma. Consuelo Villaruz", "Dr. Siti", "Jl.
Sudirman", "J. Smith")."""
DASH = r"(?:\s+[-–—]+\s+|\s*[–—]+\s*)"
"""A dash parting a dateline from the story: a hyphen with spaces either side ("Jakarta -
Menteri"), an em or en dash with or without them ("(TATOLI)—The", "(AP) — The")."""
_DATELINE_DASH = re.compile(rf"(.{{6,60}}?){DASH}\S")
"""A place-and-date opening before a dash: "Jakarta, 29 November 2024 - Menteri ..."."""
_TZ_OFFSET = re.compile(r"[+-]\s*\d{1,2}(?::?\d{2})?")
_DATELINE_WORDS = frozenset({
    "posted", "published", "updated", "last", "first", "originally", "on", "at", "time",
    "story", "created", "edited", "article", "modified", "date", "hrs", "am", "pm",
    "diterbitkan", "diperbarui", "dipublikasikan", "terbit", "pukul", "jam", "tanggal",
    "by", "oleh", "com", "co", "id", "reporter", "editor", "penulis", "pewarta", "redaktur",
    "writer", "author", "wib", "wita", "wit", "publication", "update", "net", "section",
    "pada", "terakhir", "diupdate",
})  # fmt: skip
_BYLINE_PLACE_WORDS = frozenset({"di", "in", "from", "dari"})
"""Words between a byline's name and its date: "by Jane Doe in Ubud on 9 May 2026"."""
_SECTION_JOINERS = frozenset({"and", "of", "the", "dan"})
"""Small words of a section's name in a stamp of fields parted by bars: "18 November 2026 |
Peace and Security"."""
_AGO = re.compile(
    r"\b(?:about\s+|sekitar\s+)?\d+\s*(?:hours?|hrs?|minutes?|mins?|days?|jam|menit|hari)\s+"
    r"(?:yang\s+)?(?:ago|lalu)\b|\bpage\s*[a-z]?\d{1,3}\b|"
    r"\b\d+\s*(?:-\s*)?(?:minutes?|mins?|menit)\s+(?:read|baca)\b|"
    r"\b(?:waktu\s+)?baca\s*:?\s*\d+\s*menit\b",
    _I,
)
"""How old a page says it is ("Updated about 2 hours ago", "2 jam lalu"), a print page
("page2"), or how long it takes to
read ("6 min read", "Baca 3 menit"): no date, nothing else."""
WEEKDAY_ABBREVIATIONS = frozenset({
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "sen", "sel", "rab", "kam", "jum", "sab", "min",
})  # fmt: skip
"""Weekdays' short forms in English and Indonesian, as page stamps write them."""
_ENGLISH_WORDS = frozenset({"the", "and", "of", "to", "in", "was", "is", "for", "that", "with"})
_INDONESIAN_WORDS = frozenset(
    {"yang", "dan", "di", "dengan", "untuk", "dari", "ini", "itu", "pada"}
)


def is_month_first(language: str | None, texts: Sequence[str] = ()) -> bool:
    """True when numeric dates read month first (US English "11/27/2005").

    Front-matter `language` decides; without it, English text (by its commonest words) is
    read month first and everything else day first. Numbers above 12 settle it either way.
    """
    if language:
        return language.lower().replace("_", "-") in ("en-us", "en")
    words = [w for t in texts[:6] for w in re.findall(r"[a-z]+", t.lower())]
    english = sum(w in _ENGLISH_WORDS for w in words)
    indonesian = sum(w in _INDONESIAN_WORDS for w in words)
    return english > indonesian


_MONTH_COMMA_DAY = re.compile(rf"\b({_MONTH}),\s*(\d{{1,2}})/((?:19|20)\d\d)\b", _I)
"""A stamp's month, then its day and year parted by a slash ("Update: October, 13/2026 -
21:05", as one news agency's English pages read)."""


def _tidy_numbers(line: str) -> str:
    """Close up spaced numbers as scrapers leave them: "7: 35" → "7:35", "4 / 9" → "4/9";
    an ISO timestamp's "T" becomes a space ("2024-11-29T08:00" → "2024-11-29 08:00"), and a
    year glued to the time after it is parted ("November 30, 20244:12 AM GMT+7Updated 2 hours
    ago", as one site's page reads when copied) → "2024 4:12"."""
    line = re.sub(r"\b(\d{4}-\d{1,2}-\d{1,2})T(?=\d)", r"\1 ", line)
    line = re.sub(r"\b((?:19|20)\d\d)(?=\d{1,2}:\d\d)", r"\1 ", line)  # "20244:12 AM"
    line = re.sub(r"(?<=\d)\s*([:/])\s*(?=\d)", r"\1", line)
    line = _MONTH_COMMA_DAY.sub(r"\1 \2, \3", line)  # "October, 13/2026" → "October 13, 2026"
    return re.sub(r"(?<=\d)\s+-\s+(?=\d)", "-", line)


def dateline_date(line: str, dayfirst: bool = True) -> DateValue | None:
    """Return the date of a line that is only a dateline, or None.

    Besides the date, such a line holds only times, time zones, weekdays, capitalised place
    names and words such as "Published", "Updated", "Diperbarui" ("Updated: November 11, 2011
    18: 50 IST", "12 - Nov - 2024, 04:00"). The first full date on it counts.
    >>> dateline_date("Published on: Fri, 11 Nov 2011 at 09: 56 IST").iso()
    '2011-11-11'
    >>> dateline_date("April 14, 2026 · 6 min read").iso()
    '2026-04-14'
    >>> dateline_date("Terakhir diperbarui pada 29 November 2024, 10:15 WIB").iso()
    '2024-11-29'
    >>> dateline_date("18 November 2026 | Peace and Security").iso()
    '2026-11-18'
    >>> dateline_date("Published September 12, 2026 Updated about 6 hours ago").iso()
    '2026-09-12'
    >>> dateline_date("Fri, Oct 09, 2026 page2").iso()  # a print edition's page
    '2026-10-09'
    >>> dateline_date("Update: October, 13/2026 - 21:05").iso()
    '2026-10-13'
    """
    expression = dateline_expression(line, dayfirst)
    value = resolve(expression, None) if expression is not None else None
    return DateValue(value.value, Granularity.DAY, DateSource.DATELINE) if value else None


def dateline_expression(
    line: str, dayfirst: bool = True, with_year: bool = True
) -> Expression | None:
    """Return the first full date of a line that is only a dateline (see `dateline_date`).

    With `with_year` False, a day and month without a year count too: "MOSCOW, Nov 29
    (Reuters)", "JAKARTA, Jumat (29/11)" (the caller must fix the year).
    """
    if len(line) > 120 or _Cues.of(line).numbers < (2 if with_year else 1):
        return None
    tidy = _tidy_numbers(line).strip()
    if not tidy or len(tidy) > 100:
        return None
    # Two days ("Jan 20-21, 2027") are a span, no article's date: their digits stay in the
    # line, which is then no dateline, as when only the first day was read. A span's first
    # day ("Jan 30-Feb 2, 2027") is no dateline's date either, but is a date in the line.
    found = [e for e in find_expressions(tidy, dayfirst) if e.last_day is None]
    kinds = (Kind.DATE,) if with_year else (Kind.DATE, Kind.DAY_MONTH)
    full = [e for e in found if e.kind in kinds and not e.opens_span]
    if not full:
        return None
    rest = tidy
    for expression in reversed(found):
        rest = rest[: expression.start] + " " + rest[expression.end :]
    rest = _TZ_OFFSET.sub(" ", _TIME.sub(" ", _AGO.sub(" ", rest)))
    # "By Jane Doe |", or a stamp of fields parted by bars: "Phnom Penh Post | Mon Chanmony |
    # Publication date 18 November 2026 | 17:20 ICT"
    byline = re.match(r"\s*(?:by|oleh)\b", rest, re.I) is not None or "|" in rest
    words = re.findall(r"[^\W_]+", rest)  # "Liputan6" is one word
    for token in words:
        low = token.lower()
        if low in _DATELINE_WORDS or low in WEEKDAYS or low in WEEKDAY_ABBREVIATIONS:
            continue
        if byline and (low in _BYLINE_PLACE_WORDS or low in _SECTION_JOINERS):
            continue  # "oleh Stenly Pontoh [Manado] di 2 November 2026", "| Peace and Security"
        if low in MONTHS or (token.isupper() and token.isalpha()):
            continue  # time zones (IST, WIB) and place datelines (PYONGYANG, WASHINGTON)
        capitalised = token[:1].isupper() or any(c.isupper() for c in token[1:])
        if capitalised and (byline or len(words) <= 6):
            continue  # names, places, outlets: "By Jane Doe |", "CNN Indonesia |", "detikNews"
        return None
    return full[0]


def is_dateline(line: str) -> bool:
    """True when `line` is only a date, perhaps with a time ("12 - Nov - 2024, 04:00")."""
    return dateline_date(line) is not None


def parse_dateline(
    lines: Sequence[str], max_lines: int = 4, dayfirst: bool = True, lead: bool = True
) -> DateValue | None:
    """Return the article's date from a dateline in its first lines, or None.

    A dateline is a line that is only a date (see `dateline_date`) or a full numeric date
    in the opening sentence ("PYONGYANG - ... Jumat (29/11/2024)"); failing those, and
    with `lead`, a weekday-confirmed date further into the lead (`lead_date`).
    >>> parse_dateline(["12 - Nov - 2024, 04:00"]).iso()
    '2024-11-12'
    >>> parse_dateline(["Jakarta, 29 November 2024 - Menteri bertemu presiden."]).iso()
    '2024-11-29'
    >>> parse_dateline(["By Jane Doe | November 29, 2024 at 3:15 p.m. EST"]).iso()
    '2024-11-29'
    >>> parse_dateline(["2024-11-29T08:00:00+07:00"]).iso()
    '2024-11-29'
    >>> parse_dateline(["Duka. Wafat, Rabu (6/5/2026).", "Berangkat Sabtu (25/4/2026)."]).iso()
    '2026-05-06'
    """
    opening_lines = [line for line in lines if line.strip()][:max_lines]
    for line in opening_lines:
        value = dateline_date(line, dayfirst)
        if value is not None:
            return value
        first_sentence = _SENTENCE_END.split(line.strip(), maxsplit=1)[0]
        opening = _DATELINE_DASH.match(line.strip())
        if opening:
            value = dateline_date(opening.group(1), dayfirst)
            if value is not None:
                return value
        d = _opening_sentence_date(first_sentence, dayfirst)
        if d is None and len(first_sentence) < len(line.strip()):
            # The story's first paragraph, opening with a sentence of no date ("Kabar duka
            # datang dari Tanah Suci. Seorang jemaah ... wafat di Makkah, Rabu (6/5/2026)."):
            # its weekday-confirmed date is the news, not the next paragraph's first date
            # ("... yang berangkat ... pada Sabtu (25/4/2026)").
            d = _lead_weekday_date(line)
        if d:
            return DateValue(d, Granularity.DAY, DateSource.DATELINE)
    # Only when no line gives a dateline: a weekday-confirmed date further into the lead.
    return lead_date(lines, max_lines) if lead else None


_RANGE_END = re.compile(r"(?:\b(?:hingga|sampai|until|s\.d\.?)\s*(?:\w+\s*){0,2}|[-–—]\s*)$", _I)
"""What comes before a date that ends a span ("Minggu (7/9) malam hingga Senin (8/9)")."""


def _opening_sentence_date(sentence: str, dayfirst: bool) -> date | None:
    """Return the latest full numeric date of a story's opening sentence that is not in a
    clause of a plan nor the end of a span, or None: "perampokan ... pada Jumat (8/5/2026)
    dini hari, akhirnya ditangkap polisi, Rabu (13/5/2026)" is a report of the 13th (the
    first date in it is the crime it retells); "Minggu (7/9/2025) malam hingga Senin
    (8/9/2025) dini hari" of the 7th. With only such dates, the first, as before.

    >>> _opening_sentence_date("Dirampok Jumat (8/5/2026), ditangkap Rabu (13/5/2026).", True)
    datetime.date(2026, 5, 13)
    >>> _opening_sentence_date("Sidang Senin (13/1/2025) akan lanjut Senin (20/1/2025).", True)
    datetime.date(2025, 1, 13)
    >>> _opening_sentence_date("Begadang Minggu (7/9/2025) malam hingga Senin (8/9/2025)", True)
    datetime.date(2025, 9, 7)
    """
    found: list[tuple[bool, date]] = []
    for m in _DATELINE_NUMERIC.finditer(sentence):
        first, second = int(m.group(1)), int(m.group(2))
        d = _numeric_date(first, second, int(m.group(3)), dayfirst, sentence[: m.start(1)])
        if d:
            before = sentence[: m.start()]
            later = _is_planned(sentence, m.start()) or _takes_effect(sentence, m.start())
            found.append((later or bool(_RANGE_END.search(before)), d))
    past = [d for later, d in found if not later]
    return max(past) if past else (found[0][1] if found else None)


def lead_date(lines: Sequence[str], max_lines: int = 4) -> DateValue | None:
    """Return the first weekday-confirmed full date of the first lines (`_lead_weekday_date`),
    as a DATELINE date, or None: where no line holds a dateline of its own."""
    opening_lines = [line for line in lines if line.strip()][:max_lines]
    found = [d for line in opening_lines if (d := _lead_weekday_date(line)) is not None]
    return DateValue(found[0], Granularity.DAY, DateSource.DATELINE) if found else None


def _lead_weekday_date(paragraph: str) -> date | None:
    """Return the latest past day a paragraph gives as a full date right after the weekday
    that date falls on ("Rabu (15/1/2025)", "Rabu, 28 Oktober 2026", "Wednesday, Oct. 28,
    2026"), or None.

    Indonesian reports date their happening so in the lead, not always in its first
    sentence ("... menuntut Hendra 8,5 tahun. Tuntutan dibacakan ..., Rabu (15/1/2025).").
    The weekday confirms the date (a day-first reading of the right day); a sentence about
    what will happen ("dijadwalkan", "akan") is left out, and the latest day is the news.
    >>> _lead_weekday_date("Jaksa menuntut Hendra. Tuntutan dibacakan Rabu (15/1/2025).")
    datetime.date(2025, 1, 15)
    >>> _lead_weekday_date("Pabrik itu digerebek pada Rabu, 28 Oktober 2026.")
    datetime.date(2026, 10, 28)
    >>> _lead_weekday_date("Police raided it on Wednesday, Oct. 28, 2026, officials said.")
    datetime.date(2026, 10, 28)
    >>> _lead_weekday_date("Sidang vonis dijadwalkan Rabu (22/1/2025).") is None
    True
    >>> _lead_weekday_date("Ia ditangkap Kamis (15/1/2025).") is None  # 15/1/2025 is a Wednesday
    True
    """
    if _YEAR_DIGITS.search(paragraph) is None or not names_weekday(paragraph):
        return None
    ends = [m.start() for m in _SENTENCE_END.finditer(paragraph)]
    found = []
    for e in find_expressions(paragraph):
        weekday = opening_weekday(e) if e.kind is Kind.DATE else None
        if weekday is None or e.year is None or e.month is None or e.day is None:
            continue
        # its sentence: a full stop inside the date ("Oct. 28") does not end it
        start = max((x for x in ends if x < e.start), default=0)
        end = min((x for x in ends if x >= e.end), default=len(paragraph))
        if _FUTURE.search(paragraph, start, end) or _takes_effect(paragraph, e.start):
            continue
        d = _day(e.year, e.month, e.day)
        if d is not None and d.weekday() == weekday:
            found.append(d)
    return max(found, default=None)


def parse_standalone(text: str) -> DateValue | None:
    """Return the date a field such as front matter `date` holds, at its precision.

    Accepts ISO forms ("2024-11-29", "2024-11", "2024"), numeric day-first dates and named
    months in both languages; anything python-dateutil reads as a full date is a day.
    """
    text = text.strip()
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        if MIN_YEAR <= year <= MAX_YEAR:
            return DateValue(date(year, 1, 1), Granularity.YEAR, DateSource.EXPLICIT)
        return None
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if m:
        d = _day(int(m.group(1)), int(m.group(2)), 1)
        return DateValue(d, Granularity.MONTH) if d else None
    hits = [e for e in find_expressions(text) if not e.needs_anchor]
    if hits and len(hits[0].text) >= len(text) * 0.5:
        return resolve(hits[0], None)
    try:
        parsed = dateutil_parser.parse(text, dayfirst=True, default=_NO_DEFAULT)
    except (ValueError, OverflowError, TypeError):
        return None
    d = _day(parsed.year, parsed.month, parsed.day)
    return DateValue(d) if d else None


_FUTURE = re.compile(
    r"\b(akan|bakal|will|dijadwalkan|direncanakan|berencana|scheduled|planned|plans?\s+to|"
    r"(?:is|are)\s+(?:due|expected|set)\s+to|rencananya|mendatang|menargetkan|ditargetkan)\b",
    _I,
)
"""Words of a text about what is still to come: its dates are no happening of the past
("pemerintah menargetkan IEU-CEPA berlaku efektif pada 1 Januari 2027")."""
_TAKES_EFFECT = re.compile(
    r"\b(?:mulai\s+berlaku|berlaku\s+(?:mulai|pada|efektif)|jatuh\s+pada|takes?\s+effect|"
    r"(?:effective|efektif)\s+(?:from|on|pada|mulai)|falls?\s+on)\b",
    _I,
)
"""Words before a day a rule takes effect or a holiday falls on ("Aturan itu mulai berlaku
pada Minggu, 1 Maret 2026", "Idul Adha jatuh pada Rabu, 27 Mei 2026"): no happening of the
past. Read in the date's own clause only: "diumumkan pada Senin (2/11/2026) dan berlaku
mulai 16 November 2026" was announced on the 2nd."""


def _takes_effect(text: str, start: int) -> bool:
    """Whether the clause before `start` names the day a rule takes effect or a holiday
    falls on (`_TAKES_EFFECT`).

    >>> text = "Diumumkan Senin (2/11/2026) dan berlaku mulai 16 November 2026."
    >>> _takes_effect(text, text.index("Senin")), _takes_effect(text, text.index("16"))
    (False, True)
    >>> text = "Aturan itu mulai berlaku pada Minggu, 1 Maret 2026."
    >>> _takes_effect(text, text.index("1 Maret")), _takes_effect(text, text.index("Minggu"))
    (True, True)
    >>> text = "Idul Adha 1447 H jatuh pada Rabu (27/5/2026), helikopter jatuh pada Kamis (9/7)."
    >>> _takes_effect(text, text.index("Rabu")), _takes_effect(text, text.index("Kamis"))
    (True, False)
    """
    if _TAKES_EFFECT.search(text, 0, start) is None:  # most texts: no clause to split
        return False
    clauses = _CLAUSE_END.split(text[:start])
    clause = clauses[-1]
    if len(clauses) > 1 and clause.strip().lower() in ("", *WEEKDAYS):
        clause = clauses[-2] + " " + clause  # "berlaku pada Minggu, 1 Maret": the weekday's
    found = [m.group(0) for m in _TAKES_EFFECT.finditer(clause)]
    if found and all(_FALLS_ON.fullmatch(f) for f in found):
        # a holiday or deadline falls on the day, not a helicopter: a calendar word in the
        # sentence before it ("Lebaran tahun ini, kata Menag, jatuh pada Jumat (20/3/2026)")
        # (or after the sentence's previous "jatuh pada": each names its own subject)
        falls = [m.end() for m in _FALLS_ON.finditer(text, 0, start)]
        since = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
        since = max([since, *falls[:-1]])
        return _CALENDAR_DAY.search(text, since, start) is not None
    return bool(found)


_FALLS_ON = re.compile(r"jatuh\s+pada", _I)
"""The one phrase of `_TAKES_EFFECT` that also tells of a fall or a crash."""
_CALENDAR_DAY = re.compile(
    r"\b(?:idul\s*(?:fitri|adha)|hari\s+raya|lebaran|natal|imlek|nyepi|waisak|paskah|"
    r"tahun\s+baru|syawal|ramadh?an|zulhijj?ah|dzulhijj?ah|muharr?am|hijriah|arafah|libur|"
    r"cuti\s+bersama|batas\s+waktu|tenggat|puncak\s+(?:arus|musim|perayaan)|"
    r"hari\s+(?:pertama|terakhir))(?:nya)?\b|\d\s*(?-i:H)\b",
    _I,
)
"""What "jatuh pada" dates when it names a day that falls on a date, a holiday, a deadline
or a season's peak ("Idul Adha 1447 H jatuh pada Rabu (27/5/2026)"), not a fall or crash."""


def estimate_published(texts: Sequence[str], year_texts: Sequence[str] = ()) -> DateValue | None:
    """Return a month-precision estimate of an article's date from what its text reports.

    The article was written after the latest dated happening it reports as past: the latest
    full date (day, month and year) gives its month. A day and month without a year count when
    some text of the article names a year (`year_texts` may add captions for that). Years
    alone and months of past years are too weak ("since 2022") and give None. Marked
    ESTIMATED, never a day. A text that tells of a plan or a target has no past dates:
    >>> estimate_published(["Perjanjian itu diteken pada 12 Oktober 2026."]).value
    datetime.date(2026, 10, 1)
    >>> estimate_published(["Pemerintah menargetkan IEU-CEPA berlaku pada 1 Januari 2027."])
    """
    per_text = [(t, find_expressions(t)) for t in texts]
    expressions = [
        e
        for t, found in per_text
        if not _FUTURE.search(t)
        for e in found
        if not _takes_effect(t, e.start)
    ]
    years = [e.year for _, found in per_text for e in found if e.year]
    years += [e.year for t in year_texts for e in find_expressions(t) if e.year]
    latest: date | None = None
    for expression in expressions:
        if expression.kind is Kind.DATE:
            candidate = resolve(expression, None)
        elif expression.kind is Kind.DAY_MONTH and years:
            year_anchor = DateValue(date(max(years), 12, 31), Granularity.DAY)
            candidate = resolve(expression, year_anchor)
        else:
            continue
        if candidate is not None and (latest is None or candidate.value > latest):
            latest = candidate.value
    if latest is None:
        return None
    return DateValue(latest.replace(day=1), Granularity.MONTH, DateSource.ESTIMATED)
