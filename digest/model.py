"""The records that flow between stages: plain, frozen, typed data."""

from __future__ import annotations

import enum
import pickle
import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date


class Granularity(enum.StrEnum):
    """How precisely a date is known; ordered from finest to coarsest."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"

    @property
    def rank(self) -> int:
        return _GRANULARITY_RANK[self]


_GRANULARITY_RANK = {
    Granularity.DAY: 0,
    Granularity.WEEK: 1,
    Granularity.MONTH: 2,
    Granularity.YEAR: 3,
}


class DateSource(enum.StrEnum):
    """Where a date came from, from most to least trustworthy."""

    FRONT_MATTER = "front-matter"
    DATELINE = "dateline"
    EXPLICIT = "explicit"
    DATELINE_INFERRED_YEAR = "dateline-inferred-year"
    """Day and month from a dateline without a year; the year from the article's full dates
    and a weekday (`digest.yearless`), else the one year the folder's read days allow
    (`features.folder_dates`). For a report with no dateline at all, the latest day its first
    paragraph dates after a weekday (`yearless.lead_bound_day`), its year from the folder
    only."""
    RELATIVE = "relative"
    ESTIMATED = "estimated"
    INFERRED = "inferred"


_READ_SOURCES = frozenset({
    DateSource.FRONT_MATTER, DateSource.DATELINE, DateSource.EXPLICIT,
    DateSource.DATELINE_INFERRED_YEAR,
})  # fmt: skip


@dataclass(frozen=True, order=True)
class DateValue:
    """A date at a granularity, with its provenance.

    `value` is the first day of the period (the Monday of a week, the 1st of a month,
    1 January of a year), so values of any granularity sort on one axis.
    """

    value: date
    granularity: Granularity = Granularity.DAY
    source: DateSource = DateSource.EXPLICIT

    @property
    def is_exact(self) -> bool:
        return self.granularity is Granularity.DAY

    @property
    def is_certain(self) -> bool:
        """True when the date was read, not resolved, estimated or inferred.

        A dateline without a year counts: its year is only taken when a weekday proves it
        (see `digest.yearless`) or when one year alone puts it among the folder's read days
        (`features.folder_dates`), so it is as sure as a dateline and keeps events apart too.
        """
        return self.source in _READ_SOURCES

    def iso(self) -> str:
        """Return the ISO form at this granularity: 2024-11-29, 2024-W48, 2024-11 or 2024."""
        if self.granularity is Granularity.DAY:
            return self.value.isoformat()
        if self.granularity is Granularity.WEEK:
            year, week, _ = self.value.isocalendar()
            return f"{year}-W{week:02d}"
        if self.granularity is Granularity.MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return f"{self.value.year:04d}"

    def json_date(self) -> str:
        """Return the date as events.json shows it: YYYY-MM-DD, YYYY-MM or YYYY (weeks as days)."""
        if self.granularity in (Granularity.DAY, Granularity.WEEK):
            return self.value.isoformat()
        return self.iso()


@dataclass(frozen=True)
class DateMention:
    """A date expression found in an article's text."""

    text: str
    date: DateValue
    paragraph: int
    sentence: int
    start: int = 0
    is_past: bool = True


class NameKind(enum.StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"
    OTHER = "other"


@dataclass(frozen=True)
class Name:
    """A proper name mentioned in an article, normalised to its longest form."""

    text: str
    kind: NameKind = NameKind.OTHER
    count: int = 1
    first_paragraph: int = 0


@dataclass(frozen=True)
class RawArticle:
    """An article as read from disk, before cleaning."""

    id: str
    path: str
    title: str
    lines: tuple[str, ...]
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    published: DateValue | None = None
    is_markdown: bool = False
    digest: str = ""
    warnings: tuple[str, ...] = ()
    markdown: tuple[str, ...] = ()
    """For Markdown files: the source of each entry of `lines`, which hold its plain text."""
    duplicates: tuple[str, ...] = ()
    """Paths of other files with exactly the same text, read as this one."""


@dataclass(frozen=True)
class Removed:
    """A line the cleaner dropped, with the rule that dropped it."""

    text: str
    rule: str


class Packed(Sequence):
    """A tuple held compressed: one of an article's texts between the stages that read them.

    The texts of one article (`PACKED_FIELDS`) are compressed together into one blob (the
    HTML of a paragraph repeats its text: together it costs little more); each is a
    `Packed` of that blob and its place in it. It reads like the tuple it was made from
    (items, slices that are tuples, length, equality with tuples and packs, the tuple's
    repr, pickling as a pack); a read unpacks the blob, and the last `UNPACKED_KEPT`
    blobs unpacked are kept, so a stage reading one article's texts many times unpacks
    them once.
    """

    __slots__ = ("blob", "part", "size")

    def __init__(self, blob: bytes, part: int, size: int) -> None:
        self.blob = blob
        self.part = part
        self.size = size

    @classmethod
    def of(cls, values: Sequence[tuple]) -> tuple[Packed, ...]:
        """Return each of `values` as a `Packed` of one blob holding them all."""
        blob = zlib.compress(pickle.dumps(tuple(values), protocol=5), 1)
        return tuple(cls(blob, part, len(value)) for part, value in enumerate(values))

    def unpacked(self) -> tuple:
        blob = self.blob
        with _UNPACKED_LOCK:
            found = _UNPACKED.get(blob)
            if found is not None:
                _UNPACKED.move_to_end(blob)
                return found[self.part]
        found = pickle.loads(zlib.decompress(blob))
        with _UNPACKED_LOCK:
            _UNPACKED[blob] = found
            if len(_UNPACKED) > UNPACKED_KEPT:
                _UNPACKED.popitem(last=False)
        return found[self.part]

    def __getitem__(self, index):  # type: ignore[override]
        return self.unpacked()[index]

    def __len__(self) -> int:
        return self.size

    def __bool__(self) -> bool:
        return self.size > 0

    def __iter__(self) -> Iterator:
        return iter(self.unpacked())

    def __contains__(self, item: object) -> bool:
        return item in self.unpacked()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Packed):
            if self.blob is other.blob and self.part == other.part:
                return True
            return self.unpacked() == other.unpacked()
        if isinstance(other, tuple):
            return self.unpacked() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.unpacked())

    def __repr__(self) -> str:
        return repr(self.unpacked())

    def __add__(self, other: object) -> tuple:
        return self.unpacked() + other  # type: ignore[operator]

    def __radd__(self, other: object) -> tuple:
        return other + self.unpacked()  # type: ignore[operator]

    def __reduce__(self) -> tuple:
        return (Packed, (self.blob, self.part, self.size))


UNPACKED_KEPT = 256
"""Packs kept unpacked (the most recently read): a few events' articles' texts."""
_UNPACKED: OrderedDict[bytes, tuple] = OrderedDict()
_UNPACKED_LOCK = threading.Lock()


@dataclass(frozen=True)
class Article:
    """A cleaned article: the unit the clusterer and the site work with."""

    id: str
    path: str
    title: str
    paragraphs: tuple[str, ...]
    removed: tuple[Removed, ...] = ()
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    published: DateValue | None = None
    mentions: tuple[DateMention, ...] = ()
    names: tuple[Name, ...] = ()
    digest: str = ""
    duplicates: tuple[str, ...] = ()
    copies: tuple[str, ...] = ()
    """Ids of other articles carrying the same story (syndicated near-duplicates)."""
    is_markdown: bool = False
    paragraphs_html: tuple[str, ...] = ()
    """For Markdown files: each paragraph rendered and sanitized (nh3); safe to show as HTML."""

    @property
    def lead(self) -> str:
        return self.paragraphs[0] if self.paragraphs else ""

    def packed(self) -> Article:
        """Return this article with its texts (`PACKED_FIELDS`: paragraphs, their HTML, the
        lines cleaning removed, the date mentions) held compressed in one blob (`Packed`):
        they read the same."""
        values = [getattr(self, name) for name in PACKED_FIELDS]
        if any(isinstance(value, Packed) for value in values):
            return self
        return replace(self, **dict(zip(PACKED_FIELDS, Packed.of(values), strict=True)))


PACKED_FIELDS = ("paragraphs", "removed", "paragraphs_html", "mentions")


@dataclass(frozen=True)
class Source:
    """Where a timeline entry or summary sentence is attested."""

    article: str
    sentence: str
    paragraph: int = 0


@dataclass(frozen=True)
class TimelineEntry:
    date: DateValue
    text: str
    sources: tuple[Source, ...]
    is_background: bool = False
    weekday: int | None = None
    """The weekday (0 = Monday) the text names when the date is coarser than a day."""
    is_planned: bool = False
    """Every report naming it names a day after its own: announced or expected ("will
    resume on Sept. 15", "dijadwalkan menuju Pretoria"), not yet reported as happened."""


@dataclass(frozen=True)
class StoryEntry:
    """A timeline entry on the axis of all events, with the events that tell it."""

    date: DateValue
    text: str
    sources: tuple[Source, ...]
    is_background: bool
    events: tuple[str, ...]
    weekday: int | None = None
    is_planned: bool = False
    """`TimelineEntry.is_planned` of the event's entry it shows."""


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    article_ids: tuple[str, ...]
    start: DateValue | None = None
    end: DateValue | None = None
    names: tuple[str, ...] = ()
    name_kinds: tuple[NameKind, ...] = ()
    """The kind of each of `names`, in the same order (person, organisation, place, other)."""
    summary: tuple[Source, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()


@dataclass(frozen=True)
class Problem:
    """A problem with one input that did not stop the build."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class BuildReport:
    """What a build did: counts, warnings and the seconds each stage took."""

    articles: int = 0
    events: int = 0
    pages: int = 0
    written: int = 0
    """Output files whose bytes changed; the others were kept as they were."""
    warnings: list[Problem] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    notes: list[Problem] = field(default_factory=list)
    """Things passed over on purpose (hidden files, editor backups): shown, never fatal."""

    def warn(self, path: str, message: str) -> None:
        self.warnings.append(Problem(path, message))

    def note(self, path: str, message: str) -> None:
        self.notes.append(Problem(path, message))
