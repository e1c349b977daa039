"""Dates as readers see them: labels in both languages, <time> elements, links to sentences,
and the date fields of events.json. The seed events are built directly (see test_timeline)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser

import pytest
from conftest import SEEDS, make_article

from digest import build, clean, load, render, timeline
from digest.config import load_config
from digest.model import DateSource, DateValue, Event, Granularity

DAY, WEEK, MONTH, YEAR = Granularity.DAY, Granularity.WEEK, Granularity.MONTH, Granularity.YEAR
S = DateSource


@pytest.mark.parametrize(
    "value, language, expected",
    [
        (DateValue(date(2024, 11, 29), DAY, S.DATELINE), "en", "29 November 2024"),
        (DateValue(date(2024, 8, 17), DAY, S.EXPLICIT), "id", "17 Agustus 2024"),
        (DateValue(date(2024, 11, 25), DAY, S.RELATIVE), "en", "Monday, 25 November 2024"),
        (DateValue(date(2024, 11, 25), DAY, S.RELATIVE), "id", "Senin, 25 November 2024"),
        (
            DateValue(date(2024, 11, 29), DAY, S.INFERRED),
            "en",
            "Friday (29 November 2024, inferred)",
        ),
        (
            DateValue(date(2024, 11, 29), DAY, S.INFERRED),
            "id",
            "Jumat (29 November 2024, disimpulkan)",
        ),
        (DateValue(date(2024, 11, 1), MONTH, S.ESTIMATED), "en", "≈ November 2024"),
        (DateValue(date(2024, 12, 1), MONTH, S.ESTIMATED), "id", "≈ Desember 2024"),
        (DateValue(date(2024, 6, 1), MONTH, S.INFERRED), "en", "June 2024 (inferred)"),
        (DateValue(date(2024, 11, 18), WEEK, S.RELATIVE), "en", "week of 18 November 2024"),
        (DateValue(date(2024, 11, 18), WEEK, S.RELATIVE), "id", "pekan 18 November 2024"),
        (DateValue(date(2023, 1, 1), YEAR, S.RELATIVE), "en", "2023"),
        (None, "id", "tanggal tidak diketahui"),
    ],
)
def test_date_label(value: DateValue | None, language: str, expected: str) -> None:
    assert render.date_label(value, language) == expected


def test_date_class_and_note_name_precision_and_provenance() -> None:
    value = DateValue(date(2024, 11, 29), DAY, S.INFERRED)
    assert render.date_class(value).split() == ["date", "day", "inferred", "uncertain"]
    assert render.date_note(value, "en") == (
        "known to the day; inferred from other reports of the same event; not stated"
    )
    assert "disimpulkan" in render.date_note(value, "id")
    month = DateValue(date(2024, 11, 1), MONTH, S.ESTIMATED)
    assert render.date_note(month, "id").startswith("diketahui bulannya")


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.times: list[dict[str, str | None]] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "time":
            self.times.append(found)
        if tag == "a" and found.get("href"):
            self.links.append(found["href"] or "")
        if found.get("id"):
            self.ids.add(found["id"] or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: bytes) -> _Collect:
    parser = _Collect()
    parser.feed(html.decode("utf-8"))
    return parser


@pytest.fixture(scope="module", params=["en", "id"])
def site(request) -> tuple[dict[str, bytes], str]:
    """The seed site rendered with the three seed events, in English and in Indonesian."""
    config = replace(load_config(None), seeds=SEEDS)
    config = replace(config, site=replace(config.site, language=request.param))
    raws, _ = load.read_sources(SEEDS)
    articles = {a.id: a for a in (build.to_article(c) for c in clean.clean_corpus(raws))}
    short = {aid.split("_")[0]: aid for aid in articles}
    groups = [("000", "001", "004"), ("003",), ("002",)]
    events = [
        Event(id=f"event-{n}", title=f"Event {n}", article_ids=tuple(short[i] for i in g))
        for n, g in enumerate(groups)
    ]
    events, articles = timeline.attach_all(events, articles)
    digest = build.Digest(build.newest_first(events), articles)
    return render.render_site(digest, config), request.param


ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")


def test_every_time_element_carries_an_iso_datetime(site) -> None:
    files, _ = site
    for name, content in files.items():
        if name.endswith(".html"):
            for attrs in _parse(content).times:
                assert ISO.match(attrs.get("datetime") or ""), (name, attrs)


def test_timeline_links_reach_events_and_article_paragraphs(site) -> None:
    files, _ = site
    for name in ["timeline.html", *[n for n in files if n.startswith("events/")]]:
        base = name.rsplit("/", 1)[0] + "/" if "/" in name else ""
        for href in _parse(files[name]).links:
            if href.startswith(("http", "#")) or href.endswith(".json"):
                continue
            target, _, anchor = href.partition("#")
            path = re.sub(r"[^/]+/\.\./", "", base + target)
            assert path in files, (name, href)
            if anchor:
                assert anchor in _parse(files[path]).ids, (name, href)


def test_month_names_and_inferred_marks_follow_the_ui_language(site) -> None:
    files, language = site
    page = " ".join(_parse(files["events/event-0.html"]).text)
    if language == "id":
        assert "Jumat (29 November 2024, disimpulkan)" in page or "29 November 2024" in page
        assert "Juni 2024" in page
    else:
        assert "June 2024" in page
    story = " ".join(_parse(files["timeline.html"]).text)
    assert ("≈ November 2024" in story) or ("≈ November 2024" in page)


def test_article_with_inferred_date_says_so(site) -> None:
    files, language = site
    name = next(n for n in files if n.startswith("articles/004_"))
    text = " ".join(_parse(files[name]).text)
    marker = "disimpulkan" if language == "id" else "inferred"
    assert f"29 November 2024, {marker}" in text


def test_events_json_carries_precision_provenance_and_background(site) -> None:
    files, _ = site
    data = json.loads(files["events.json"])
    for article in data["articles"]:
        assert article["published"] is not None
        assert article["published_precision"] in ("day", "week", "month", "year")
        assert article["published_source"] in [s.value for s in DateSource]
        assert isinstance(article["published_certain"], bool)
    entries = [t for e in data["events"] for t in e["timeline"]]
    assert entries
    for entry in entries:
        assert {
            "date",
            "precision",
            "certain",
            "provenance",
            "background",
            "text",
            "sources",
        } <= set(entry)
        assert entry["sources"] and all({"article", "sentence"} <= set(s) for s in entry["sources"])
    by_id = {a["id"].split("_")[0]: a for a in data["articles"]}
    assert (by_id["004"]["published"], by_id["004"]["published_source"]) == (
        "2024-11-29",
        "inferred",
    )
    assert by_id["004"]["published_certain"] is False


def test_entry_known_only_by_weekday_and_month_names_the_weekday(site) -> None:
    files, language = site
    data = json.loads(files["events.json"])
    kozlov = next(e for e in data["events"] if any(a.startswith("002") for a in e["articles"]))
    tuesday = [t for t in kozlov["timeline"] if t["weekday"] == "tuesday"]
    assert tuesday and tuesday[0]["precision"] == "month"
    assert tuesday[0]["provenance"] == "estimated"
    page = " ".join(_parse(files[f"events/{kozlov['id']}.html"]).text)
    expected = "Selasa (≈ November 2024)" if language == "id" else "Tuesday (≈ November 2024)"
    assert expected in page


def test_an_event_of_one_day_shows_that_day_once() -> None:
    """Two reports of one day, one dated by its dateline and one only inferred: the span is
    that day, as the dateline gives it, not "4 November 2024 – Monday (4 November 2024,
    inferred)"; the end of a longer span is the most trusted date of its last day."""
    dateline = DateValue(date(2024, 11, 4), Granularity.DAY, DateSource.DATELINE)
    inferred = DateValue(date(2024, 11, 4), Granularity.DAY, DateSource.INFERRED)
    members = [make_article("a", published=inferred), make_article("b", published=dateline)]
    start, end = timeline.event_span(members)
    assert start == end == dateline
    assert render.span_label(dateline, inferred, "en") == render.date_label(dateline, "en")
    earlier = DateValue(date(2024, 11, 3), Granularity.DAY, DateSource.FRONT_MATTER)
    _, end = timeline.event_span([*members, make_article("c", published=earlier)])
    assert end == dateline
    label = render.span_label(earlier, inferred, "en")
    assert label.startswith(render.date_label(earlier, "en")) and "–" in label


def test_an_estimated_month_years_off_does_not_stretch_an_event_read_from_datelines() -> None:
    """A report whose month was only estimated from its text (a background year put it two
    years early) does not make the event start then; alone, its estimate is all there is."""
    read = DateValue(date(2026, 3, 8), Granularity.DAY, DateSource.DATELINE)
    guessed = DateValue(date(2024, 3, 1), Granularity.MONTH, DateSource.ESTIMATED)
    members = [make_article("a", published=read), make_article("b", published=guessed)]
    assert timeline.event_span(members) == (read, read)
    assert timeline.event_span([make_article("b", published=guessed)]) == (guessed, guessed)
