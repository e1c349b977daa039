"""Publishing through the real CLI: a site under a sub-path over HTTP, and "What's new"."""

from __future__ import annotations

import contextlib
import functools
import json
import shutil
import socket
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse
from xml.etree import ElementTree as ET

import feedparser
import pytest
from conftest import run_digest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
ADDED = "004_74c5f399bd71f4d7"
"""The seed article the tests hold back and then add."""


def run_cli(*args: str, cwd: Path, epoch: int = 1732924800) -> subprocess.CompletedProcess[str]:
    return run_digest(*args, cwd=cwd, env={"SOURCE_DATE_EPOCH": str(epoch)})


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def http_root(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """Serve a folder on 127.0.0.1 with Python's plain http.server; yield (folder, URL)."""
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.canonical: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and found.get("rel") == "canonical":
            self.canonical = found.get("href")
        for name in ("href", "src"):
            if found.get(name):
                self.hrefs.append(found[name])


class ClassText(HTMLParser):
    """Collect the text inside elements having a given class."""

    def __init__(self, cls: str) -> None:
        super().__init__()
        self.cls = cls
        self.depth = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.depth += 1
        elif self.cls in (dict(attrs).get("class") or "").split():
            self.depth = 1
            self.texts.append("")

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.texts[-1] += data


def class_texts(html_path: Path, cls: str) -> list[str]:
    parser = ClassText(cls)
    parser.feed(html_path.read_text(encoding="utf-8"))
    return parser.texts


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200, url
        return response.read()


def crawl(start: str, root_url: str, root_dir: Path) -> dict[str, Links]:
    """Follow every same-site link from `start`; return the parsed links of each HTML page."""
    seen: dict[str, Links] = {}
    queue = [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        body = fetch(url)
        # A real file, so a host without rewrites or directory indexes serves it too.
        assert (root_dir / urlparse(url).path.lstrip("/")).is_file(), url
        links = Links()
        if url.endswith(".html"):
            links.feed(body.decode("utf-8"))
        seen[url] = links
        for href in links.hrefs:
            target = urldefrag(urljoin(url, href)).url
            assert not href.startswith("/"), f"{url}: root-relative link {href}"
            if target.startswith(root_url):
                queue.append(target)
    return seen


def test_site_works_served_from_a_sub_path_with_a_base_url(
    http_root: tuple[Path, str], tmp_path: Path
) -> None:
    root_dir, server_url = http_root
    base = server_url + "someone/digest/"
    out = root_dir / "someone" / "digest"
    result = run_cli(
        "build",
        "--seeds",
        str(SEEDS),
        "--out",
        str(out),
        "--base-url",
        base.rstrip("/"),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr

    pages = crawl(base + "index.html", base, root_dir)
    html_pages = [u for u in pages if u.endswith(".html")]
    assert len(html_pages) >= 1 + 5 + 1  # index, the five articles, What's new, the events
    assert base + "changes.html" in pages
    for url in html_pages:
        assert pages[url].canonical == url  # absolute, under the sub-path
        assert all(not h.startswith(server_url) for h in pages[url].hrefs if h != url)

    feed = feedparser.parse(fetch(base + "feed.xml"))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.entries
    for entry in feed.entries:
        assert entry.link.startswith(base)
        fetch(urldefrag(entry.link).url)

    sitemap = ET.fromstring(fetch(base + "sitemap.xml"))
    locs = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert sorted(locs) == sorted(html_pages)
    assert f"Sitemap: {base}sitemap.xml" in fetch(base + "robots.txt").decode("utf-8")


def event_of(site: Path) -> dict[str, str]:
    data = json.loads((site / "events.json").read_text(encoding="utf-8"))
    return {a["id"]: a["event"] for a in data["articles"]}


def whats_new_links(site: Path) -> list[str]:
    links = Links()
    links.feed((site / "changes.html").read_text(encoding="utf-8"))
    return links.hrefs


def test_adding_an_article_shows_it_as_new_and_keeps_event_ids(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    held_back = next(seeds.glob(f"{ADDED}.*"))
    held_back.rename(tmp_path / held_back.name)
    site = tmp_path / "site"
    first = run_cli("build", "--seeds", str(seeds), "--out", str(site), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    ids_before = event_of(site)
    assert f"articles/{ADDED}.html" not in whats_new_links(site)
    assert class_texts(site / "index.html", "latest-change") == []

    (tmp_path / held_back.name).rename(held_back)
    second = run_cli(
        "build", "--seeds", str(seeds), "--out", str(site), cwd=tmp_path, epoch=1733011200
    )
    assert second.returncode == 0, second.stderr
    ids_after = event_of(site)
    assert {a: ids_after[a] for a in ids_before} == ids_before
    assert f"articles/{ADDED}.html" in whats_new_links(site)
    (latest,) = class_texts(site / "index.html", "latest-change")
    assert latest.startswith("What's new: ") and "Articles added (1)" in latest

    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    (news,) = [e for e in feed.entries if "changes.html#" in e.link]
    title = json.loads((site / "events.json").read_text(encoding="utf-8"))["changes"][0]
    assert title["new_articles"][0]["id"] == ADDED
    assert title["new_articles"][0]["title"] in news.summary
    assert news.updated.startswith("2024-12-01")

    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    third = run_cli(
        "build", "--seeds", str(seeds), "--out", str(site), cwd=tmp_path, epoch=1733097600
    )
    assert third.returncode == 0, third.stderr
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    # A rebuild that adds nothing keeps What's new as it was; only the feed's fallback dates
    # for undated events follow the new SOURCE_DATE_EPOCH.
    feed_before, feed_after = before.pop(Path("feed.xml")), after.pop(Path("feed.xml"))
    assert after == before
    assert change_entries(feed_after) == change_entries(feed_before) != []


def change_entries(feed_xml: bytes) -> list[tuple[str, str, str]]:
    feed = feedparser.parse(feed_xml)
    return [(e.id, e.updated, e.summary) for e in feed.entries if "changes.html#" in e.link]


def test_ci_shaped_build_compares_with_the_published_site_over_http(
    http_root: tuple[Path, str], tmp_path: Path
) -> None:
    root_dir, server_url = http_root
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    held_back = next(seeds.glob(f"{ADDED}.*"))
    held_back.rename(tmp_path / held_back.name)
    published = root_dir / "repo"
    base = server_url + "repo"
    previous = base + "/events.json"
    never = run_cli(
        "build", "--seeds", str(seeds), "--out", str(published), "--previous", previous,
        cwd=tmp_path,
    )  # fmt: skip
    assert never.returncode == 0, never.stderr  # 404: the first publication

    (tmp_path / held_back.name).rename(held_back)
    fresh = tmp_path / "ci" / "site"  # CI starts from an empty output folder
    result = run_cli(
        "build", "--seeds", str(seeds), "--out", str(fresh), "--base-url", base,
        "--previous", base + "/events.json", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    ids_before = event_of(published)
    assert {a: event_of(fresh)[a] for a in ids_before} == ids_before
    assert f"articles/{ADDED}.html" in whats_new_links(fresh)
    feed = feedparser.parse((fresh / "feed.xml").read_bytes())
    (news,) = [e for e in feed.entries if "changes.html#" in e.link]
    assert news.link.startswith(base + "/changes.html#c-")
    assert news.id == news.link


@contextlib.contextmanager
def closed_port() -> Iterator[int]:
    """Yield a local port that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    yield port


def test_unreachable_previous_build_stops_the_build_with_one_line(tmp_path: Path) -> None:
    with closed_port() as port:
        result = run_cli(
            "build", "--seeds", str(SEEDS), "--out", str(tmp_path / "site"),
            "--previous", f"http://127.0.0.1:{port}/events.json", cwd=tmp_path,
        )  # fmt: skip
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1
    assert f"127.0.0.1:{port}/events.json" in result.stderr
    assert not (tmp_path / "site").exists()


def test_bad_base_url_is_one_line_naming_the_option(tmp_path: Path) -> None:
    result = run_cli("build", "--seeds", str(SEEDS), "--base-url", "example.org/x", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "digest: error: --base-url must start with http:// or https://, got 'example.org/x'"
    )
    # An empty value (an unset CI variable) means "use digest.yaml's", not an error.
    ok = run_cli("build", "--seeds", str(SEEDS), "--base-url", "", "--previous", "", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr


def test_urllib_sees_404_as_never_published(http_root: tuple[Path, str]) -> None:
    from digest import changes

    _, server_url = http_root
    assert changes.read_previous(server_url + "nothing/events.json") is None
    with pytest.raises(urllib.error.HTTPError):
        fetch(server_url + "nothing/events.json")


def republished_copy(seed: Path) -> str:
    """Return `seed` as another outlet republishes it a day later: own headline, same story."""
    story = [line for line in seed.read_text(encoding="utf-8").splitlines()[1:8] if line.strip()]
    front = "---\ntitle: Menhan Rusia dan Kim Jong Un sepakati kerja sama militer\n"
    return front + "date: 2024-11-30\noutlet: Contoh News\n---\n" + "\n\n".join(story) + "\n"


def test_an_earlier_report_joining_an_event_keeps_the_event_id(tmp_path: Path) -> None:
    """The earliest article names an event; a new earlier report must not change its id."""
    seed = next(SEEDS.glob("000_*"))
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "republished.md").write_text(republished_copy(seed), encoding="utf-8")
    site = tmp_path / "site"
    assert run_cli("build", "--seeds", str(seeds), "--out", str(site), cwd=tmp_path).returncode == 0
    (original,) = set(event_of(site).values())

    shutil.copy(seed, seeds)  # the original report, dated a day earlier, arrives later
    ci_out = tmp_path / "ci" / "site"
    for out, previous in ((site, ()), (ci_out, ("--previous", str(site / "events.json")))):
        result = run_cli("build", "--seeds", str(seeds), "--out", str(out), *previous, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert set(event_of(out).values()) == {original}, "the report joins the same event"
        grown = json.loads((out / "events.json").read_text(encoding="utf-8"))["changes"][0]
        assert [e["id"] for e in grown["grown_events"]] == [original]
        assert [a["id"] for a in grown["new_articles"]] == [seed.stem]
        assert grown["new_events"] == []

    # Without the previous build the event would be named after its new founder.
    fresh = tmp_path / "fresh"
    assert (
        run_cli("build", "--seeds", str(seeds), "--out", str(fresh), cwd=tmp_path).returncode == 0
    )
    assert set(event_of(fresh).values()) != {original}
