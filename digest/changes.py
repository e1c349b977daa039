"""What changed since the previous build: new events, events that grew, articles added.

The previous build is its `events.json`: a file, an http(s) URL (the published site), or the
one left in the output folder. The new `events.json` carries the recent change sets under
"changes", so the record survives from build to build, and a rebuild that changes nothing
keeps the record it found (so rebuilding is idempotent).
"""

from __future__ import annotations

import hashlib
import json
import re
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from digest import i18n
from digest.errors import DigestError
from digest.model import Article, BuildReport, Event

KEEP_CHANGE_SETS = 20
"""How many change sets the site keeps (newest first); older ones drop off."""
FETCH_TIMEOUT_SECONDS = 30
NO_DATE = "1970-01-01T00:00:00Z"
_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]{0,200}\Z")
"""What an article or event id digest writes looks like: it also names a page file."""
"""The build date when SOURCE_DATE_EPOCH is unset: a change set made then has no date to show."""


class PreviousBuildError(DigestError):
    """The previous build's events.json cannot be read or is not one of ours."""


@dataclass(frozen=True)
class EventRef:
    """An event as a change set names it: its id and its title at the time."""

    id: str
    title: str


@dataclass(frozen=True)
class GrownEvent:
    """An event that already existed and gained articles."""

    id: str
    title: str
    added: tuple[str, ...]
    """Ids of the articles that joined it."""
    articles: int
    """How many articles it has now."""


@dataclass(frozen=True)
class ArticleRef:
    """An article as a change set names it: id, title and the event it joined."""

    id: str
    title: str
    event: str


@dataclass(frozen=True)
class ChangeSet:
    """What one build changed compared with the build before it."""

    id: str
    """A short hash of the content and of the change set before it; stable across rebuilds."""
    built: str
    """The build date (ISO 8601 UTC) of the build that found these changes."""
    new_events: tuple[EventRef, ...] = ()
    grown_events: tuple[GrownEvent, ...] = ()
    new_articles: tuple[ArticleRef, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.new_events or self.grown_events or self.new_articles)

    @property
    def day(self) -> str | None:
        """Return the build's day (YYYY-MM-DD), or None when the build had no date."""
        return None if self.built == NO_DATE else self.built[:10]


@dataclass(frozen=True)
class PreviousBuild:
    """What a later build needs from the previous one."""

    source: str
    assignments: Mapping[str, str]
    """Article id → event id."""
    events: Mapping[str, tuple[str, ...]]
    """Event id → its article ids."""
    log: tuple[ChangeSet, ...] = ()
    """The change sets that build recorded, newest first."""


def diff(
    previous: PreviousBuild,
    events: Sequence[Event],
    articles: Mapping[str, Article],
    built: str,
) -> ChangeSet:
    """Return what `events` and `articles` add to `previous`, in the order of `events`."""
    new_events: list[EventRef] = []
    grown: list[GrownEvent] = []
    for event in events:
        before = previous.events.get(event.id)
        if before is None:
            new_events.append(EventRef(event.id, event.title))
            continue
        added = tuple(a for a in event.article_ids if a not in before)
        if added:
            grown.append(GrownEvent(event.id, event.title, added, len(event.article_ids)))
    event_of = {a: e.id for e in events for a in e.article_ids}
    new_articles = tuple(
        ArticleRef(aid, articles[aid].title, event_of[aid])
        for aid in sorted(articles)
        if aid not in previous.assignments and aid in event_of
    )
    parent = previous.log[0].id if previous.log else ""
    change = ChangeSet("", built, tuple(new_events), tuple(grown), new_articles)
    return _with_id(change, parent)


def _with_id(change: ChangeSet, parent: str) -> ChangeSet:
    content = json.dumps([parent, change_json(change, with_id=False)], sort_keys=True)
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:12]
    return replace(change, id=digest)


def record(previous: PreviousBuild | None, change: ChangeSet | None) -> tuple[ChangeSet, ...]:
    """Return the change log to publish: `change` in front of the previous log, if any.

    An empty change keeps the previous log as it was; no previous build gives an empty log.
    """
    if previous is None:
        return ()
    if change is None or change.is_empty:
        return previous.log
    return (change, *previous.log)[:KEEP_CHANGE_SETS]


def headline(change: ChangeSet, language: str) -> str:
    """Return a change set's one-line summary: "What's new: New events (1), Articles added (2)"."""
    t = i18n.strings(language)
    counts = (
        ("new_events", len(change.new_events)),
        ("grown_events", len(change.grown_events)),
        ("new_articles", len(change.new_articles)),
    )
    return f"{t['whats_new']}: " + ", ".join(f"{t[key]} ({n})" for key, n in counts if n)


def change_json(change: ChangeSet, with_id: bool = True) -> dict:
    """Return a change set as events.json holds it."""
    data: dict = {"id": change.id} if with_id else {}
    data["built"] = change.built
    data["new_events"] = [{"id": e.id, "title": e.title} for e in change.new_events]
    data["grown_events"] = [
        {"id": e.id, "title": e.title, "added": list(e.added), "articles": e.articles}
        for e in change.grown_events
    ]
    data["new_articles"] = [
        {"id": a.id, "title": a.title, "event": a.event} for a in change.new_articles
    ]
    return data


def _change_from_json(item: Mapping) -> ChangeSet:
    return ChangeSet(
        id=str(item["id"]),
        built=str(item["built"]),
        new_events=tuple(EventRef(str(e["id"]), str(e["title"])) for e in item["new_events"]),
        grown_events=tuple(
            GrownEvent(
                str(e["id"]), str(e["title"]), tuple(map(str, e["added"])), int(e["articles"])
            )
            for e in item["grown_events"]
        ),
        new_articles=tuple(
            ArticleRef(str(a["id"]), str(a["title"]), str(a["event"])) for a in item["new_articles"]
        ),
    )


def _log_from_json(items: Sequence) -> tuple[ChangeSet, ...]:
    """Return the change sets of a previous events.json, leaving out any it cannot read.

    The log only feeds "What's new": an entry written by another version of digest must not
    stop a build (the articles and events, which keep ids stable, are read strictly).
    """
    log = []
    for item in items:
        try:
            log.append(_change_from_json(item))
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return tuple(log)


_READ_KEYS = frozenset(
    {"articles", "events", "changes", "id", "event", "title", "built", "new_events",
     "grown_events", "new_articles", "added"}
)  # fmt: skip
"""The keys of events.json a later build reads (`parse_previous`, `_change_from_json`)."""


def _read_keys_only(item: dict) -> dict:
    """`json.loads`' object hook: each object with the keys a later build reads, and only
    those. The events' timelines and the articles' other fields are dropped as each object
    is read: parsed whole, a 20,000-article events.json (37 MB) held 88 MB of objects at
    once, at the start of a rebuild's clustering stage, its peak."""
    return {k: v for k, v in item.items() if k in _READ_KEYS}


def parse_previous(text: str, source: str) -> PreviousBuild:
    """Return the previous build described by the events.json `text` read from `source`."""
    try:
        data = json.loads(text, object_hook=_read_keys_only)
        assignments = {str(a["id"]): str(a["event"]) for a in data["articles"]}
        events = {str(e["id"]): tuple(map(str, e["articles"])) for e in data["events"]}
        log = _log_from_json(data.get("changes") or [])
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise PreviousBuildError(
            f"{source}: not an events.json written by digest ({type(err).__name__}: {err}); "
            "point --previous at the events.json of the published site"
        ) from None
    ids = [*assignments, *assignments.values(), *events]
    strange = next((i for i in ids if not _ID.match(i)), None)
    if strange is not None:
        raise PreviousBuildError(
            f"{source}: not an events.json written by digest (id {strange[:80]!r} is not a "
            "digest id); point --previous at the events.json of the published site"
        )
    return PreviousBuild(source, assignments, events, log)


def fetch_text(url: str, timeout: float = FETCH_TIMEOUT_SECONDS) -> str | None:
    """Return the body at an http(s) `url`, or None when the server says it is not there."""
    request = urllib.request.Request(url, headers={"User-Agent": "digest"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        if err.code in (404, 410):
            return None
        raise PreviousBuildError(f"{url}: the previous build could not be fetched: {err}") from None
    except (urllib.error.URLError, OSError, UnicodeDecodeError) as err:
        raise PreviousBuildError(f"{url}: the previous build could not be fetched: {err}") from None


def read_previous(source: str) -> PreviousBuild | None:
    """Return the previous build at `source` (a path or an http(s) URL).

    A URL that answers 404 means "never published": None. A missing file is an error,
    because the user named it.
    """
    if source.startswith(("http://", "https://")):
        text = fetch_text(source)
        return None if text is None else parse_previous(text, source)
    path = Path(source)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PreviousBuildError(f"{source}: previous events.json not found") from None
    except (OSError, UnicodeDecodeError) as err:
        raise PreviousBuildError(f"{source}: cannot read the previous build: {err}") from None
    return parse_previous(text, source)


def find_previous(source: str | None, output: Path, report: BuildReport) -> PreviousBuild | None:
    """Return the previous build: `source` if given, else the events.json in `output`.

    A damaged events.json in the output folder is a warning (the build compares with
    nothing); a damaged or missing `source` is an error, because the user asked for it.
    """
    if source:
        return read_previous(source)
    path = output / "events.json"
    if not path.is_file():
        return None
    try:
        return read_previous(str(path))
    except PreviousBuildError as err:
        report.warn(str(path), f"{str(err).removeprefix(f'{path}: ')}; nothing to compare with")
        return None
