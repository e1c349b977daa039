"""Datelines without a year, and the year the article's own full dates give them.

Wire copy and Indonesian outlets often date a report without its year: "MOSCOW, Nov 29
(Reuters) -", "JAKARTA, Jumat (29/11) -", "Jakarta (ANTARA) - ... , Jumat (29/11).". The day
and month are read off the page; the year is taken from the latest full date the story
reports (a report is written on or after what it reports), and only when a weekday confirms
it:

- the weekday the dateline names ("Jumat (29/11)", "Saturday, Sep 14"), or, when it names
  none, the one weekday the lead's first sentence names ("... arrived on Friday"), must fall
  on the date; if it does not, or if there is no weekday at all, nothing is read. A day and
  month fall on the same weekday again only after five years or more, so a weekday settles
  the year; without one, a story's latest full date is too often last year's background
  (`benchmarks/yearless_dates.py`: on ECB+, 6 of 6 datelines whose year was taken away got
  the wrong year back from the latest date alone);
- the dateline must fall at most `MAX_DAYS_BEFORE` days before that date (a little slack
  for time zones and dates announced ahead) and at most `MAX_DAYS_AFTER` after it.

The result is marked `DateSource.DATELINE_INFERRED_YEAR`, never plain `DATELINE`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from digest import dates
from digest.model import DateSource, DateValue, Granularity

MAX_DAYS_BEFORE = 2
"""A dateline may precede the article's latest reported full date by this many days."""
MAX_DAYS_AFTER = 300
"""A dateline may follow that date by at most this many days (one year fits at most)."""

_WEEKDAY_WORDS = {
    **dates.WEEKDAYS,
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
    "sat": 5, "sun": 6, "sen": 0, "sel": 1, "rab": 2, "kam": 3, "jum": 4, "sab": 5, "min": 6,
}  # fmt: skip
_DASH = re.compile(dates.DASH)


@dataclass(frozen=True)
class YearlessDateline:
    """A dateline's day and month, and the weekday that must fall on it (0 = Monday).

    `weekday` is the one the dateline names, else the one the lead's first sentence names,
    else None.
    """

    month: int
    day: int
    weekday: int | None


def _weekdays_in(text: str) -> set[int]:
    """Return the weekdays (0 = Monday) `text` names, written out or abbreviated."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    return {_WEEKDAY_WORDS[w] for w in words if w in _WEEKDAY_WORDS}


def _from_dateline_text(text: str, dayfirst: bool) -> YearlessDateline | None:
    """Return the year-less date of `text` if it is only a dateline ("MOSCOW, Nov 29 (Reuters)")."""
    expression = dates.dateline_expression(text, dayfirst, with_year=False)
    if expression is None or expression.kind is not dates.Kind.DAY_MONTH:
        return None
    weekdays = _weekdays_in(text)
    if len(weekdays) > 1 or expression.month is None or expression.day is None:
        return None  # two different weekdays: nothing to trust
    return YearlessDateline(expression.month, expression.day, next(iter(weekdays), None))


def _openings(line: str) -> Iterable[tuple[str, str]]:
    """Yield (opening, rest): the whole line, then each part before a dash in its first 80
    characters with the text after that dash, then the part before its first full stop
    there ("YEREVAN, APRIL 29, ARMENPRESS. Foreign Minister ...": state agencies' style)."""
    yield line, ""
    for m in _DASH.finditer(line[:80]):
        yield line[: m.start()], line[m.end() :]
    stop = dates._SENTENCE_END.search(line[:80])  # matches the space after the full stop
    if stop is not None:
        yield line[: stop.start()].rstrip(".!?"), line[stop.end() :]


def lead_weekday(lead: str, sentences: int = 1) -> int | None:
    """Return the one weekday the first sentence of `lead` names as is ("on Friday"), else None.

    "last Friday" or "next Friday" is not the dateline's day, and two weekdays are ambiguous.
    A place standing as a sentence of its own is the dateline, and the sentence after it is
    the first ("Denpasar. A man was arrested on Saturday ..."). With `sentences` above 1, the
    first of that many opening sentences that names a weekday is read instead (a feature's
    opening scene, then "Pada Kamis dini hari, ..."); the sentences after it are not.
    >>> lead_weekday("Denpasar. Customs officers found 340 grams on Saturday. He came Friday.")
    5
    >>> scene = "Warga panik. Kebakaran terjadi Kamis malam. Api padam Jumat."
    >>> lead_weekday(scene), lead_weekday(scene, 2)
    (None, 3)
    """
    opening = dates._SENTENCE_END.split(lead.strip(), maxsplit=sentences + 1)
    if len(opening) > 1 and place_only(opening[0]):
        opening = opening[1:]
    for sentence in opening[:sentences]:
        if not dates.names_weekday(sentence):
            continue
        named = {
            e.weekday
            for e in dates.find_expressions(sentence)
            if e.kind is dates.Kind.WEEKDAY and not e.shift
        }
        return named.pop() if len(named) == 1 else None
    return None


_PLACE_ONLY = re.compile(
    r"(?:[A-Z][\w.]*\s+[-–—]+\s+)?[A-Z][\w'’-]*\.?(?:,?\s+[A-Z][\w'’-]*\.?){0,3}\s*\Z"
)
"""A "sentence" of one to four capitalised words: a place as the dateline ("Jakarta.",
"Batu Bara, North Sumatra."), after the outlet's name and a dash where the outlet puts it
first ("KONTAN.CO.ID - JAKARTA.")."""


def place_only(sentence: str) -> bool:
    """Whether a first "sentence" is only the dateline's place (`_PLACE_ONLY`)."""
    return _PLACE_ONLY.match(sentence) is not None


def _day_months(text: str, dayfirst: bool) -> list[dates.Expression]:
    """Return the days and months of `text` without a year or a shift, in order; not the
    first of a list's days ("3" of "Monday and Tuesday, 3 and 4 November": a weekday
    before it may be the last day's)."""
    return [
        e
        for e in dates.find_expressions(text, dayfirst)
        if e.kind is dates.Kind.DAY_MONTH
        and e.shift is None
        and e.month
        and e.day
        and not e.opens_span
    ]


def _first_sentence_end(text: str, found: Sequence[dates.Expression]) -> int:
    """Return where the first sentence of `text` ends: not at a full stop inside one of the
    dates `found` ("Nov. 5"), and after a place standing as a sentence of its own before
    the story ("Batu Bara, North Sumatra. Minister X broke ground on Thursday ...")."""
    inside = [range(e.start, e.end) for e in found]
    ends = [
        m.start()
        for m in dates._SENTENCE_END.finditer(text)
        if not any(m.start() in span for span in inside)
    ]
    if ends and place_only(text[: ends[0]]):
        ends = ends[1:]
    return ends[0] if ends else len(text)


def _from_opening_sentence(line: str, dayfirst: bool) -> YearlessDateline | None:
    """Return the first day and month of a line's first sentence written right after their
    weekday, as a year-less dateline, else None: "..., Jumat (29/11).", "... agreed on
    Thursday (March 5) to ...", "... resigned on Wednesday, April 22, three days after ...".

    Not where the sentence says before the date that it will happen ("will take effect on
    Thursday, October 1"; "drew on Thursday, September 25, but will be without ..." counts),
    nor in one that names two weekdays.
    >>> _from_opening_sentence("BATAM — They agreed on Thursday (March 5) to set up a panel.", True)
    YearlessDateline(month=3, day=5, weekday=3)
    >>> _from_opening_sentence("KL — Two were sworn in on Friday (Feb. 20), filling posts.", True)
    YearlessDateline(month=2, day=20, weekday=4)
    >>> _from_opening_sentence("CAIRNS — Ma. Consuelo Reyes and he met on Thursday (Nov. 5).", True)
    YearlessDateline(month=11, day=5, weekday=3)

    A place standing as a sentence of its own before the story is its dateline, and the
    sentence after it is the first:
    >>> _from_opening_sentence("Medan, North Sumatra. He broke ground on Friday (Sept. 25).", True)
    YearlessDateline(month=9, day=25, weekday=4)
    """
    text = line.strip()
    if not dates.names_weekday(text):
        return None
    found = _day_months(text, dayfirst)
    first_end = _first_sentence_end(text, found)
    if len(_weekdays_in(text[:first_end])) > 1:
        return None  # two weekdays: nothing to trust
    for e in found:
        if e.start >= first_end:
            break
        weekday = dates.opening_weekday(e)
        if weekday is None or dates._day(2000, e.month, e.day) is None:
            continue
        if dates._FUTURE.search(text, 0, e.start):
            return None  # "will apply from Thursday, October 1"; a later "but will be" is not
        return YearlessDateline(e.month, e.day, weekday)
    return None


def find_yearless_dateline(
    lines: Sequence[str], max_lines: int = 4, dayfirst: bool = True
) -> YearlessDateline | None:
    """Return a dateline without a year in the first `max_lines` non-empty lines, or None.

    Read like `dates.parse_dateline`, but a day and month without a year count: a line that
    is only a dateline, a place and date before a dash, or a weekday with a bracketed day and
    month in the opening sentence. The weekday is the dateline's own, else the lead's.
    >>> find_yearless_dateline(["MOSCOW, Nov 29 (Reuters) - Russia said on Friday that ..."])
    YearlessDateline(month=11, day=29, weekday=4)
    >>> find_yearless_dateline(["Jakarta (ANTARA) - Menhan tiba di Pyongyang, Jumat (29/11)."])
    YearlessDateline(month=11, day=29, weekday=4)
    """
    texts = [line.strip() for line in lines if line.strip()][: max_lines + 1]
    for index, line in enumerate(texts[:max_lines]):
        for opening, rest in _openings(line):
            found = _from_dateline_text(opening, dayfirst)
            if found is not None and found.weekday is None:
                lead = rest or (texts[index + 1] if index + 1 < len(texts) else "")
                found = replace(found, weekday=lead_weekday(lead))
            if found is not None:
                return found
        found = _from_opening_sentence(line, dayfirst)
        if found is not None:
            return found
    return None


_BEFORE = re.compile(r"\b(?:sebelumnya|terdahulu|previous(?:ly)?|earlier|prior)\b", re.I)
"""A word that sets the day after it before what the story tells: "Berbeda dengan rapat
sebelumnya pada Selasa (10/11) ..." (`lead_bound_day`)."""
_COMING = re.compile(r"^\W{0,3}\s*(?:mendatang|depan|besok|next|ini\s+akan)\b", re.I)
"""Words right after a day that say it is still to come: "Senin (30/11) mendatang"."""
_CLAUSE = {
    True: re.compile(r"\b(?:setelah|usai|seusai|pasca)\b", re.I),
    False: re.compile(r",\s|\b(?:after|following|when)\b", re.I),
}
"""Where the clause that holds a day begins, by whether the page writes dates day first: a
future word before it tells of something else ("... will get a HK$140 increase in their
minimum monthly wage, the government announced on Tuesday (Sept 29)"). An Indonesian
sentence's comma is no such border ("Pemerintah akan menggelar rapat, Senin (30/11)")."""


def _not_the_days_own(lead: str, e: dates.Expression, sentence: int, clause: int) -> bool:
    """Whether the words around the day `e` of `lead` make it another day than the one the
    story tells of: one to come (a future word from `clause` on, a rule taking effect,
    "mendatang" after it), a span's end, or an earlier one ("sebelumnya" just before it).
    `sentence` and `clause` are where the day's sentence and clause begin."""
    return bool(
        dates._FUTURE.search(lead, clause, e.start)
        or dates._takes_effect(lead, e.start)
        or dates._RANGE_END.search(lead[sentence : e.start])
        or _COMING.search(lead[e.end : e.end + 20])
        or _BEFORE.search(lead, max(sentence, e.start - 30), e.start)
    )


def lead_bound_day(lead: str, dayfirst: bool = True) -> YearlessDateline | None:
    """Return the latest day and month that a story's first paragraph writes right after
    their weekday, in any of its sentences ("... per Senin (23/11) siang, lima hari sejak ...
    pada Kamis (19/11)"), else None. For a report with no dateline at all: what it tells is
    on that day or the latest of them, and the weekday lets its folder fix the year.
    >>> lead_bound_day("KONTAN.CO.ID - JAKARTA. Harga emas menguat. Mengutip situs Logam "
    ...     "Mulia, Senin (23/11), harga emas naik.")
    YearlessDateline(month=11, day=23, weekday=0)
    >>> lead_bound_day("Film itu meraih sejuta penonton per Senin (23/11), lima hari "
    ...     "sejak tayang pada Kamis (19/11).")
    YearlessDateline(month=11, day=23, weekday=0)

    Not a day its sentence says will come (before it in its clause, `_CLAUSE`, or after
    it), nor the end of a span, nor the day a rule takes effect (the day the report tells
    of comes first), nor a day the words just before it call an earlier one:
    >>> lead_bound_day("Polisi menangkap pelaku, Senin (23/11). Ia akan diperiksa Selasa (24/11).")
    YearlessDateline(month=11, day=23, weekday=0)
    >>> lead_bound_day("Rapat digelar Senin (23/11). Sidang lanjut Senin (30/11) mendatang.")
    YearlessDateline(month=11, day=23, weekday=0)
    >>> lead_bound_day("PSBB diperpanjang, Kamis (19/11), hingga Minggu (6/12).")
    YearlessDateline(month=11, day=19, weekday=3)
    >>> lead_bound_day("Schools will be closed for a week from Friday (Nov 13).", False)
    >>> lead_bound_day("Helpers will get a rise, the government said on Tuesday (Sept 29).", False)
    YearlessDateline(month=9, day=29, weekday=1)
    >>> lead_bound_day("Berbeda dengan rapat sebelumnya pada Selasa (10/11), kali ini ...")
    """
    ends = [m.start() for m in dates._SENTENCE_END.finditer(lead)]
    bound = []
    for e in _day_months(lead, dayfirst):
        weekday = dates.opening_weekday(e)
        if weekday is None or dates._day(2000, e.month, e.day) is None:
            continue
        sentence = max((x for x in ends if x < e.start), default=0)
        clause = max((m.end() for m in _CLAUSE[dayfirst].finditer(lead, sentence, e.start)),
                     default=sentence)  # fmt: skip
        if _not_the_days_own(lead, e, sentence, clause):
            continue
        bound.append((e, weekday))
    if not bound:
        return None
    wraps = {1, 12} <= {e.month for e, _ in bound}  # late December and early January
    e, weekday = max(bound, key=lambda b: (b[0].month + 12 * (wraps and b[0].month < 6), b[0].day))
    return YearlessDateline(e.month, e.day, weekday)


def lead_plain_day(lead: str, dayfirst: bool = True) -> YearlessDateline | None:
    """Return the first day and month without a year that a story's first sentence writes
    with no weekday, as a year-less dateline with no weekday, else None: "When the verdict
    came on June 17, ...". Its folder alone can give it a year (`year_from_folder`, one
    year within the folder's read days); its story cannot (`fix_year` needs a weekday).

    >>> lead_plain_day("PEMALANG — When the verdict came on June 17, many waited.", False)
    YearlessDateline(month=6, day=17, weekday=None)
    >>> lead_plain_day("Jakarta - Polisi menangkap dua pelaku pada 14 Maret lalu di Bekasi.")
    YearlessDateline(month=3, day=14, weekday=None)

    Not where the sentence names a weekday or a day before or after the report's
    ("yesterday", "kemarin") other than the date's own ("at his hearing yesterday (June
    19)"): that is the day it tells of, and a date beside it is background; nor a day
    the sentence says will come or calls an earlier one, nor the end of a span, nor a day
    after the first sentence:
    >>> lead_plain_day("KSOP on Monday suspended the ship, which ran aground on Nov 26.", False)
    >>> lead_plain_day("The cabinet yesterday approved the pact signed on October 20.", False)
    >>> lead_plain_day("MAKASSAR: He spoke at his hearing yesterday (June 19).", False)
    YearlessDateline(month=6, day=19, weekday=None)
    >>> lead_plain_day("The rule will take effect on July 1, the ministry said.", False)
    >>> lead_plain_day("Unlike the previous talks on May 3, this round was closed.", False)
    >>> lead_plain_day("Jalan ditutup hingga 20 Juni. Polisi berjaga pada 14 Juni.")
    """
    found = _day_months(lead, dayfirst)
    first_end = _first_sentence_end(lead, found)
    days = [e for e in found if e.start < first_end and dates._day(2000, e.month, e.day)]
    if not days:
        return None  # most leads: nothing more to read
    e = days[0]
    first = lead[:first_end]
    # Another day the sentence tells of: a weekday, or a day before or after the report's
    # ("yesterday"; "today" is the report's own), unless it is the date's own ("yesterday
    # (June 19)").
    other_days = [
        e.end
        for e in dates.find_expressions(first, dayfirst)
        if e.kind is dates.Kind.WEEKDAY or (e.kind is dates.Kind.RELATIVE and e.shift)
    ]
    if any(not 0 <= e.start - end <= 3 for end in other_days) or (
        not other_days and _weekdays_in(first)
    ):
        return None  # "on Monday suspended the ship, which ran aground on Nov 26"
    if _not_the_days_own(lead, e, 0, 0):
        return None
    return YearlessDateline(e.month, e.day, None)


def latest_full_date(texts: Iterable[str]) -> date | None:
    """Return the latest full date (day, month and year) in texts not about the future."""
    found = [
        value.value
        for text in texts
        if not dates._FUTURE.search(text)
        for expression in dates.find_expressions(text)
        if expression.kind is dates.Kind.DATE
        and (value := dates.resolve(expression, None)) is not None
    ]
    return max(found, default=None)


def fix_year(dateline: YearlessDateline, latest: date | None) -> DateValue | None:
    """Return the dateline's date in the year that puts it on or after `latest`, or None.

    None without a weekday, when no year fits the limits (see the module docstring), or
    when the weekday falls on no such date.
    >>> fix_year(YearlessDateline(11, 29, 4), date(2024, 11, 6)).iso()
    '2024-11-29'
    >>> fix_year(YearlessDateline(1, 2, 3), date(2024, 12, 30)).iso()
    '2025-01-02'
    >>> fix_year(YearlessDateline(11, 29, 3), date(2024, 11, 6)) is None
    True
    """
    if latest is None or dateline.weekday is None:
        return None
    for year in (latest.year - 1, latest.year, latest.year + 1):
        day = dates._day(year, dateline.month, dateline.day)
        if day is None or not -MAX_DAYS_BEFORE <= (day - latest).days <= MAX_DAYS_AFTER:
            continue
        if day.weekday() == dateline.weekday:
            return DateValue(day, Granularity.DAY, DateSource.DATELINE_INFERRED_YEAR)
        return None  # the one year in the window, on another weekday
    return None


FOLDER_SLACK_DAYS = 31
"""`year_from_folder` looks this many days before the folder's first read day and after
its last."""


def year_from_folder(
    month_day: tuple[int, int], first: date, last: date, weekday: int | None = None
) -> date | None:
    """Return the one date of `month_day` (month, day) from `FOLDER_SLACK_DAYS` before
    `first` to as many after `last`, or None when there are none or several. With the
    dateline's `weekday` (0 = Monday; `YearlessDateline.weekday`), only a date on it.

    A dateline without a year that its own story cannot date ("BANGKOK, Feb 25 (Reuters)")
    is taken to be of the folder's time when only one year puts it there: in a folder whose
    reports read dates from November 2025 to July 2026, "Feb 25" is 25 February 2026. A
    folder of more than a year's news gives two or more such dates; a weekday then tells
    them apart ("JAKARTA, April 14 (Reuters) - ... said on Tuesday": 14 April was a Tuesday
    in 2026, a Monday in 2025), since a day and month fall on the same weekday again only
    after five years or more; and where one year fits, a weekday that does not fall on it
    says the report is of another year (a 2025 report in a folder of 2026 news).

    >>> year_from_folder((2, 25), date(2025, 11, 9), date(2026, 7, 22))
    datetime.date(2026, 2, 25)
    >>> year_from_folder((2, 25), date(2024, 11, 9), date(2026, 7, 22)) is None
    True
    >>> year_from_folder((4, 14), date(2025, 3, 16), date(2026, 4, 27), weekday=1)
    datetime.date(2026, 4, 14)
    """
    month, day = month_day
    start = first - timedelta(days=FOLDER_SLACK_DAYS)
    end = last + timedelta(days=FOLDER_SLACK_DAYS)
    years = range(start.year, end.year + 1)  # 29 February: only in leap years (`dates._day`)
    found = [d for y in years if (d := dates._day(y, month, day)) and start <= d <= end]
    if weekday is not None:
        found = [d for d in found if d.weekday() == weekday]
    return found[0] if len(found) == 1 else None


def month_from_folder(month: date, first: date, last: date) -> date | None:
    """Return the first day of `month`'s month in the one year that puts it within
    `FOLDER_SLACK_DAYS` of the folder's read days (`first` to `last`), or None: when the
    month is already there, or when no year or several do.

    A month *estimated* from what a report's text mentions (`dates.estimate_published`)
    takes its month from a day the text states and its year from the latest year it names,
    which is often a target or background year ("production is expected to start in 2031",
    "since 2015"): in a folder of 2026 news, "≈ March 2035" is March 2026.

    >>> month_from_folder(date(2035, 3, 1), date(2026, 2, 2), date(2026, 4, 27))
    datetime.date(2026, 3, 1)
    >>> month_from_folder(date(2026, 3, 1), date(2026, 2, 2), date(2026, 4, 27)) is None
    True
    >>> month_from_folder(date(2030, 4, 1), date(2025, 3, 16), date(2026, 4, 27)) is None
    True
    """
    start = first - timedelta(days=FOLDER_SLACK_DAYS)
    end = last + timedelta(days=FOLDER_SLACK_DAYS)
    if start <= month <= end:
        return None
    months = (
        DateValue(date(year, month.month, 1), Granularity.MONTH)
        for year in range(start.year, end.year + 1)
    )
    found = [m.value for m in months if dates.period_end(m) >= start and m.value <= end]
    return found[0] if len(found) == 1 else None
