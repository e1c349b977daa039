"""Print how often datelines without a year are read, and how often their year is right.

    python benchmarks/yearless_dates.py [--corpora DIR]

For every labelled corpus under tests/corpora/ (or DIR): how many articles have a dateline
with its year (the usual case), a dateline without one that is now read (and with what
year-fixing evidence), and, as a check of the year rule on real text, a simulation: each
dateline *with* a year is written again without it ("December 15th, 2008" -> "December
15th"), the article's date is read once more, and the year found is compared with the one
the outlet printed. For comparison, each such article also gets a line saying what the
latest full date alone (no weekday needed) would have given. Figures, not pass/fail.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

from digest import clean, dates, load, timeline, yearless
from digest.model import DateSource

CORPORA = Path(__file__).resolve().parent.parent / "tests" / "corpora"


def _dateline_line(lines: list[str], dayfirst: bool) -> int | None:
    """Return the index of the line that gives the article its dateline date, or None."""
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > 4:
            return None
        if dates.parse_dateline([line], dayfirst=dayfirst) is not None:
            return index
    return None


def _without_year(line: str, year: int) -> str | None:
    """Return the line with the dateline's year removed, or None if it cannot be removed."""
    if re.search(rf"{year}-\d{{1,2}}-\d{{1,2}}", line):
        return None  # an ISO date has no year-less form
    short = f"{year % 100:02d}" if str(year) not in line else str(year)
    pattern = rf"(?:\s*[,/.]\s*|\s+){short}(?!\d)"
    stripped, count = re.subn(pattern, "", line, count=1)
    return stripped if count else None


def _latest_alone(read: yearless.YearlessDateline, paragraphs: list[str], printed: date) -> str:
    """Return how the year comes out from the latest full date alone, weekday ignored."""
    latest = yearless.latest_full_date(timeline.story_sentences(paragraphs))
    if latest is None:
        return "latest date alone: no full date in the story"
    for weekday in range(7):
        found = yearless.fix_year(replace(read, weekday=weekday), latest)
        if found is not None:
            verdict = "right" if found.value == printed else f"WRONG ({found.value})"
            return f"latest date alone ({latest}): {verdict} year for {printed}"
    return f"latest date alone ({latest}): no year fits for {printed}"


def simulate(cleaned: clean.Cleaned, notes: list[str]) -> str:
    """Return how a dateline with a year does when its year is taken away.

    Appends to `notes` what the latest full date alone would give, where the story has one.
    """
    raw = cleaned.raw
    dayfirst = not dates.is_month_first(raw.language, cleaned.paragraphs)
    index = _dateline_line(list(raw.lines), dayfirst)
    if raw.published is not None or index is None:
        return "no dateline with a year"
    printed = dates.parse_dateline([raw.lines[index]], dayfirst=dayfirst)
    stripped = _without_year(raw.lines[index], printed.value.year)
    if stripped is None:
        return "year cannot be removed (ISO)"
    original = raw.lines[index]
    lines = [stripped if line == original else line for line in raw.lines]
    paragraphs = [stripped if p == original else p for p in cleaned.paragraphs]
    found = timeline.own_date(None, lines, paragraphs, cleaned.removed, raw.language)
    read = yearless.find_yearless_dateline([x for x in lines if x.strip()], dayfirst=dayfirst)
    weekday = "no weekday" if read is None or read.weekday is None else "weekday"
    if read is None:
        return "not read: no year-less form"
    if found is not None and found.source is DateSource.DATELINE:
        return "another line has a full dateline"
    notes.append(f"{raw.path}: {_latest_alone(read, paragraphs, printed.value)}")
    if found is None or found.source is not DateSource.DATELINE_INFERRED_YEAR:
        latest = yearless.latest_full_date(timeline.story_sentences(paragraphs))
        why = "no full date in the story" if latest is None else "no year fits"
        return f"not read: {why} ({weekday})"
    if found.value == printed.value:
        return "read: right year"
    return f"read: WRONG year ({found.value} for {printed.value})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    args = parser.parse_args()
    for folder in sorted(p.parent / "articles" for p in args.corpora.glob("*/gold.json")):
        raws, _ = load.read_sources(folder)
        cleaned_all = clean.clean_corpus(raws)
        own: Counter[str] = Counter()
        sim: Counter[str] = Counter()
        notes: list[str] = []
        for cleaned in cleaned_all:
            raw = cleaned.raw
            value = timeline.own_date(
                raw.published, raw.lines, cleaned.paragraphs, cleaned.removed, raw.language
            )
            own[value.source.value if value else "none"] += 1
            sim[simulate(cleaned, notes)] += 1
        print(f"# {folder.parent.name}: {len(cleaned_all)} articles")
        print("  own date by provenance: " + ", ".join(f"{k} {v}" for k, v in sorted(own.items())))
        print("  year removed from datelines that have one:")
        for key, count in sorted(sim.items()):
            print(f"    {count:4d}  {key}")
        for note in notes:
            print(f"    {note}")


if __name__ == "__main__":
    main()
