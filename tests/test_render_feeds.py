"""feed.xml, sitemap.xml and robots.txt of the seeds' real build, parsed by real parsers."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import feedparser
import pytest
from conftest import make_article

from digest import feeds, render
from digest.build import assemble
from digest.config import SiteParams, load_config
from digest.model import BuildReport, Event

REPO = Path(__file__).resolve().parent.parent
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def build_files(base_url: str | None = None) -> tuple[dict[str, bytes], object]:
    config = replace(load_config(None), seeds=REPO / "seeds")
    config = replace(config, site=replace(config.site, base_url=base_url))
    digest = assemble(config, BuildReport())
    return render.render_site(digest, config), digest


@pytest.fixture(scope="module")
def plain():
    return build_files()


@pytest.fixture(scope="module")
def based():
    return build_files("https://example.org/news/")


def test_feed_parses_with_one_entry_per_event_linking_to_real_pages(plain) -> None:
    files, digest = plain
    feed = feedparser.parse(files["feed.xml"])
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert len(feed.entries) == len(digest.events)
    assert len({e.id for e in feed.entries}) == len(feed.entries)
    for entry, event in zip(feed.entries, digest.events, strict=True):
        assert entry.title == event.title
        assert entry.link in files, entry.link
        assert entry.summary, "every entry carries a summary"
        assert entry.summary.split(".")[0] in " ".join(s.sentence for s in event.summary)


def test_feed_entries_newest_first(plain) -> None:
    feed = feedparser.parse(plain[0]["feed.xml"])
    updated = [e.updated for e in feed.entries]
    assert updated == sorted(updated, reverse=True)


def test_base_url_makes_feed_and_sitemap_absolute(based) -> None:
    files, _ = based
    feed = feedparser.parse(files["feed.xml"])
    assert not feed.bozo
    assert all(e.link.startswith("https://example.org/news/events/") for e in feed.entries)
    assert feed.entries[0].id == feed.entries[0].link
    locs = [u.findtext(f"{SITEMAP}loc") for u in ET.fromstring(files["sitemap.xml"])]
    assert locs and all(loc.startswith("https://example.org/news/") for loc in locs)
    assert "Sitemap: https://example.org/news/sitemap.xml" in files["robots.txt"].decode()


def test_sitemap_lists_every_page_and_only_pages(plain) -> None:
    files, _ = plain
    root = ET.fromstring(files["sitemap.xml"])
    locs = {u.findtext(f"{SITEMAP}loc") for u in root}
    assert locs == {name for name in files if name.endswith(".html")}


def test_robots_allows_all_without_guessing_a_sitemap_url(plain) -> None:
    text = plain[0]["robots.txt"].decode()
    assert text.splitlines()[:2] == ["User-agent: *", "Allow: /"]
    assert "Sitemap" not in text


def test_feed_escapes_markup_in_titles() -> None:
    article = make_article(id="x", title="<script>alert(1)</script> & co")
    event = Event(id="e", title=article.title, article_ids=("x",))
    xml = feeds.atom_feed([event], {"x": article}, SiteParams())
    feed = feedparser.parse(xml)
    assert not feed.bozo
    assert feed.entries[0].title == "<script>alert(1)</script> & co"
    assert b"<script>" not in xml


def test_absolute_joins_without_double_slashes() -> None:
    assert feeds.absolute("index.html", None) == "index.html"
    assert feeds.absolute("index.html", "https://a.org/x/") == "https://a.org/x/index.html"
    assert feeds.absolute("/index.html", "https://a.org") == "https://a.org/index.html"
