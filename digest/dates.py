"""Date expressions in Indonesian and English news text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil import parser as dateutil_parser

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
    "des": 12, "nopember": 11,
}  # fmt: skip

WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4,
    "sabtu": 5, "minggu": 6, "ahad": 6,
}  # fmt: skip

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_RE = "|".join(sorted((re.escape(w) for w in WEEKDAYS), key=len, reverse=True))

_NO_DEFAULT = datetime(1, 1, 1)

MIN_YEAR = 1900
MAX_YEAR = 2100


@dataclass(frozen=True)
class Found:
    """A date expression matched in a text."""

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


def _year(text: str | None, anchor: date | None) -> int | None:
    if text:
        value = int(text)
        return value + 2000 if value < 100 else value
    return anchor.year if anchor else None


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


# Patterns in order of preference; each yields (granularity, needs_anchor).
_NUMERIC = re.compile(r"(?<![\d.,/-])(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?![\d/]|\.\d)")
_ISO = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d])")
_DAY_MONTH = re.compile(
    rf"(?<![\w.])(\d{{1,2}})(?:st|nd|rd|th)?\s*[-\s]\s*({_MONTH_RE})\.?(?:\s*[-,\s]\s*(\d{{4}}))?\b",
    re.I,
)
_MONTH_DAY = re.compile(
    rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?(?![\d:.,]\d)", re.I
)
_MONTH_YEAR = re.compile(rf"\b(?:bulan\s+)?({_MONTH_RE})\.?(?:\s+(?:tahun\s+)?(\d{{4}}))?\b", re.I)
_WEEKDAY = re.compile(rf"\b(?:hari\s+)?({_WEEKDAY_RE})\b", re.I)
_RELATIVE = re.compile(
    r"\b(kemarin|yesterday|today|hari ini|pekan lalu|minggu lalu|last week|bulan lalu|"
    r"last month|tahun lalu|last year)\b",
    re.I,
)
# Words that make a bare "Mei"/"May"/"Mar" not a month: modal verbs, names.
_AMBIGUOUS_MONTHS = {"may", "mar", "jan", "des", "dec", "jun", "jul", "sep", "agu"}


def _relative(phrase: str, anchor: date) -> DateValue:
    p = phrase.lower()
    if p in ("kemarin", "yesterday"):
        return DateValue(anchor - timedelta(days=1), Granularity.DAY, DateSource.RELATIVE)
    if p in ("today", "hari ini"):
        return DateValue(anchor, Granularity.DAY, DateSource.RELATIVE)
    if p in ("pekan lalu", "minggu lalu", "last week"):
        monday = anchor - timedelta(days=anchor.weekday() + 7)
        return DateValue(monday, Granularity.WEEK, DateSource.RELATIVE)
    if p in ("bulan lalu", "last month"):
        first = anchor.replace(day=1) - timedelta(days=1)
        return DateValue(first.replace(day=1), Granularity.MONTH, DateSource.RELATIVE)
    return DateValue(date(anchor.year - 1, 1, 1), Granularity.YEAR, DateSource.RELATIVE)


def find_dates(text: str, anchor: date | None) -> list[Found]:
    """Return the date expressions in `text`, left to right, without overlaps.

    Expressions without a year, weekdays and relative phrases need `anchor` (the article's
    date) and are skipped when it is None. Month-only expressions with no year take the
    anchor's year, moved back a year if that would put them after the anchor.
    """
    spans: list[tuple[int, int]] = []
    found: list[Found] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in spans)

    def add(m: re.Match, value: DateValue | None) -> None:
        if value is not None and free(m.start(), m.end()):
            spans.append((m.start(), m.end()))
            found.append(Found(m.group(0).strip(), m.start(), value))

    for m in _ISO.finditer(text):
        d = _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        add(m, DateValue(d) if d else None)
    for m in _NUMERIC.finditer(text):
        year = _year(m.group(3), anchor)
        d = _day(year, int(m.group(2)), int(m.group(1))) if year else None
        add(m, DateValue(d) if d else None)
    for m in _DAY_MONTH.finditer(text):
        year = _year(m.group(3), anchor)
        d = _day(year, MONTHS[m.group(2).lower()], int(m.group(1))) if year else None
        if d and not m.group(3) and anchor and d > anchor + timedelta(days=31):
            d = _day(d.year - 1, d.month, d.day)
        add(m, DateValue(d) if d else None)
    for m in _MONTH_DAY.finditer(text):
        if m.group(1).lower() in _AMBIGUOUS_MONTHS and not m.group(0)[0].isupper():
            continue
        year = _year(m.group(3), anchor)
        d = _day(year, MONTHS[m.group(1).lower()], int(m.group(2))) if year else None
        add(m, DateValue(d) if d else None)
    for m in _MONTH_YEAR.finditer(text):
        word = m.group(1)
        if not word[0].isupper() or (word.lower() in _AMBIGUOUS_MONTHS and not m.group(2)):
            continue
        year = _year(m.group(2), anchor)
        if year is None:
            continue
        month = MONTHS[word.lower()]
        if not m.group(2) and anchor and (year, month) > (anchor.year, anchor.month):
            year -= 1
        d = _day(year, month, 1)
        add(m, DateValue(d, Granularity.MONTH) if d else None)
    if anchor is not None:
        for m in _WEEKDAY.finditer(text):
            d = resolve_weekday(m.group(1), anchor)
            add(m, DateValue(d, Granularity.DAY, DateSource.RELATIVE) if d else None)
        for m in _RELATIVE.finditer(text):
            add(m, _relative(m.group(1), anchor))
    found.sort(key=lambda f: f.start)
    return found


_DATELINE_NUMERIC = re.compile(
    rf"(?:(?:{_WEEKDAY_RE})\s*,?\s*\(?\s*)?\b(\d{{1,2}})/(\d{{1,2}})/(\d{{4}})\)?", re.I
)
_DATELINE_NAMED = re.compile(
    rf"^\s*(?:(?:{_WEEKDAY_RE}),?\s+)?(\d{{1,2}})\s*[-\s]\s*({_MONTH_RE})\.?\s*[-\s,]\s*(\d{{4}})"
    r"(?:\s*[,|]?\s*\d{1,2}[:.]\d{2})?",
    re.I,
)


def parse_dateline(lines: list[str] | tuple[str, ...], max_lines: int = 4) -> DateValue | None:
    """Return the article's date from a dateline in its first lines, or None.

    A dateline is a line that is only a date ("12 - Nov - 2024, 04:00") or a full numeric
    date in the opening sentence ("PYONGYANG - ... Jumat (29/11/2024)").
    >>> parse_dateline(["12 - Nov - 2024, 04:00"])
    DateValue(value=datetime.date(2024, 11, 12), granularity=<Granularity.DAY: 'day'>, \
source=<DateSource.DATELINE: 'dateline'>)
    """
    seen = 0
    for line in lines:
        if not line.strip():
            continue
        seen += 1
        if seen > max_lines:
            break
        m = _DATELINE_NAMED.match(line)
        if m and len(line.strip()) <= 40:
            d = _day(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
            if d:
                return DateValue(d, Granularity.DAY, DateSource.DATELINE)
        first_sentence = re.split(r"(?<=[.!?])\s+", line.strip(), maxsplit=1)[0]
        m = _DATELINE_NUMERIC.search(first_sentence)
        if m:
            d = _day(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if d:
                return DateValue(d, Granularity.DAY, DateSource.DATELINE)
    return None


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
    hits = find_dates(text, None)
    if hits and len(hits[0].text) >= len(text) * 0.5:
        return hits[0].date
    try:
        parsed = dateutil_parser.parse(text, dayfirst=True, default=_NO_DEFAULT)
    except (ValueError, OverflowError, TypeError):
        return None
    d = _day(parsed.year, parsed.month, parsed.day)
    return DateValue(d) if d else None
