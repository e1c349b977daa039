"""The machine-facing files: the Atom feed of events, sitemap.xml and robots.txt.

Links are relative unless `site.base_url` is set; then they are absolute URLs under it, as
feed readers and search engines expect.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence

from digest import changes, i18n
from digest.changes import ChangeSet
from digest.config import SiteParams
from digest.model import Article, DateValue, Event

ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
FEED_LIMIT = 50
"""The feed carries the newest this many events; the site keeps them all."""


def absolute(href: str, base_url: str | None) -> str:
    """Return `href` (relative to the site root) under `base_url`, or unchanged without one.

    >>> absolute("events/a.html", "https://example.org/news")
    'https://example.org/news/events/a.html'
    """
    if not base_url:
        return href
    return base_url.rstrip("/") + "/" + href.lstrip("/")


def timestamp(value: DateValue | None, fallback: str) -> str:
    """Return an RFC 3339 time for a date (midnight UTC), or `fallback` when unknown."""
    return f"{value.value.isoformat()}T00:00:00Z" if value is not None else fallback


def _tag_id(site: SiteParams, kind: str, key: str) -> str:
    if site.base_url:
        return absolute(key, site.base_url)
    # Without a base URL an entry still needs a stable, unique IRI: name it by the site title.
    site_key = hashlib.sha1(site.title.encode("utf-8")).hexdigest()[:12]
    return f"urn:digest:{site_key}:{kind}:{key}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def atom_feed(
    events: Sequence[Event],
    articles: Mapping[str, Article],
    site: SiteParams,
    change_sets: Sequence[ChangeSet] = (),
) -> bytes:
    """Return the Atom feed of the newest events (as ordered), each with its summary.

    Each change set (what a build added) is one more entry, linking to "What's new".
    """
    ET.register_namespace("", ATOM_NS)
    shown = list(events)[:FEED_LIMIT]
    updated = [timestamp(e.end or e.start, site.build_date) for e in shown]
    updated_changes = [c.built for c in change_sets]
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"xml:lang": site.language})
    _sub(feed, "title", site.title)
    _sub(feed, "subtitle", site.description)
    _sub(feed, "id", _tag_id(site, "feed", "feed.xml"))
    _sub(feed, "updated", max(updated + updated_changes, default=site.build_date))
    _sub(
        feed,
        "link",
        rel="self",
        type="application/atom+xml",
        href=absolute("feed.xml", site.base_url),
    )
    _sub(
        feed, "link", rel="alternate", type="text/html", href=absolute("index.html", site.base_url)
    )
    author = _sub(feed, "author")
    _sub(author, "name", site.title)
    _sub(feed, "generator", "digest")
    for event, when in zip(shown, updated, strict=True):
        href = absolute(f"events/{event.id}.html", site.base_url)
        entry = _sub(feed, "entry")
        _sub(entry, "title", event.title)
        _sub(entry, "id", _tag_id(site, "event", f"events/{event.id}.html"))
        _sub(entry, "link", rel="alternate", type="text/html", href=href)
        _sub(entry, "updated", when)
        if event.start is not None:
            _sub(entry, "published", timestamp(event.start, site.build_date))
        for outlet in sorted({articles[i].outlet or "" for i in event.article_ids} - {""}):
            _sub(_sub(entry, "contributor"), "name", outlet)
        summary = " ".join(s.sentence for s in event.summary)
        _sub(entry, "summary", summary or event.title)
        for name in event.names:
            _sub(entry, "category", term=name)
    for change in change_sets:
        _change_entry(feed, change, site)
    return _xml(feed)


def _change_entry(feed: ET.Element, change: ChangeSet, site: SiteParams) -> None:
    t = i18n.strings(site.language)
    href = f"changes.html#c-{change.id}"
    entry = _sub(feed, "entry")
    _sub(entry, "title", changes.headline(change, site.language))
    _sub(entry, "id", _tag_id(site, "changes", href))
    _sub(entry, "link", rel="alternate", type="text/html", href=absolute(href, site.base_url))
    _sub(entry, "updated", change.built)
    lines = [f"{t['new_articles']}: " + "; ".join(a.title for a in change.new_articles)]
    lines += [f"{t['new_events']}: " + "; ".join(e.title for e in change.new_events)]
    lines += [f"{t['grown_events']}: " + "; ".join(e.title for e in change.grown_events)]
    _sub(entry, "summary", "\n".join(line for line in lines if not line.endswith(": ")))


def sitemap(pages: Sequence[str], dated: Mapping[str, DateValue], site: SiteParams) -> bytes:
    """Return sitemap.xml listing `pages` (relative paths), with a lastmod where known."""
    ET.register_namespace("", SITEMAP_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for page in sorted(pages):
        url = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = absolute(page, site.base_url)
        if page in dated:
            ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = dated[page].value.isoformat()
    return _xml(root)


def robots(site: SiteParams) -> bytes:
    """Return robots.txt: everything may be crawled; the sitemap is named when its URL is known."""
    lines = ["User-agent: *", "Allow: /"]
    if site.base_url:
        lines.append(f"Sitemap: {absolute('sitemap.xml', site.base_url)}")
    return ("\n".join(lines) + "\n").encode("utf-8")
