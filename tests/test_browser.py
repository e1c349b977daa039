"""The seeds' site in a real browser: Debian's Chromium driven by Playwright.

One browser for the module. The site is opened from file:// and over HTTP from a sub-path;
every link is followed, search is run, axe-core checks accessibility, and screenshots at
phone and desktop widths are kept in tests/artifacts/.
"""

from __future__ import annotations

import functools
import html
import json
import os
import re
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from sitecheck import REPO, build_site

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
AXE = Path(os.environ.get("DIGEST_AXE_JS", REPO / "node_modules/axe-core/axe.min.js"))
ARTIFACTS = REPO / "tests" / "artifacts"
SUBPATH = "digest-sub"
SMALL_BUNDLES = ("search_pages_per_bundle: 2",)


def _missing(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.is_file():
        _missing(f"needs {CHROMIUM} (bash .ci/run installs Debian's chromium)")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    # Bundles of about two pages: the seeds' index is split into several, as a big site's is.
    return build_site(root, language="id", name=SUBPATH, site_settings=SMALL_BUNDLES)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def http_root(site: Path) -> Iterator[str]:
    """Serve the folder above the site, so the site lives under a sub-path."""
    handler = functools.partial(_QuietHandler, directory=str(site.parent))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{SUBPATH}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.errors = errors
    yield page
    context.close()


LINKS_JS = """() => Array.from(document.querySelectorAll('a[href], link[href], script[src]'))
  .filter(e => e.rel !== 'canonical')
  .map(e => e.href || e.src)"""


IDS_JS = "() => Array.from(document.querySelectorAll('[id]')).map(e => e.id)"


def crawl(page, start: str, within: str) -> dict[str, int]:
    """Open every page reachable from `start` under `within`; return url → times linked.

    HTML pages are opened once each; other files are fetched (or, from file://, looked up).
    Every #fragment must name an element of its page.
    """
    seen: dict[str, int] = {}
    ids: dict[str, set[str]] = {}
    fragments: list[tuple[str, str]] = []
    queue = [start]
    while queue:
        url = queue.pop()
        base, _, fragment = url.partition("#")
        if fragment:
            fragments.append((base, fragment))
        seen[base] = seen.get(base, 0) + 1
        if seen[base] > 1:
            continue
        if base.endswith(".html"):
            response = page.goto(base)
            assert response is None or response.ok, f"{base}: {response.status}"
            ids[base] = set(page.evaluate(IDS_JS))
            queue.extend(u for u in page.evaluate(LINKS_JS) if u.startswith(within))
        elif base.startswith("file:"):
            assert Path(unquote(urlsplit(base).path)).is_file(), base
        else:
            response = page.request.get(base)
            assert response.ok, f"{base}: {response.status}"
    missing = [f"{b}#{f}" for b, f in fragments if b in ids and f not in ids[b]]
    assert missing == []
    return seen


def test_every_link_works_from_file(page, site: Path) -> None:
    seen = crawl(page, (site / "index.html").as_uri(), site.as_uri())
    reached = {u for u in seen if u.endswith(".html")}
    on_disk = {p.as_uri() for p in site.rglob("*.html") if "pagefind" not in p.parts}
    assert reached == on_disk, "every page is reachable by links from the index"
    assert not [e for e in page.errors if "Content Security Policy" in e]


def test_every_link_works_over_http_from_a_sub_path(page, http_root: str) -> None:
    seen = crawl(page, http_root + "index.html", http_root)
    assert http_root + "feed.xml" in seen and http_root + "style.css" in seen
    assert page.errors == []


def test_search_over_http_announces_results(page, http_root: str) -> None:
    page.goto(http_root + "search.html")
    assert page.is_hidden("#search-nojs")
    page.fill("#q", "Belousov")
    page.press("#q", "Enter")
    page.wait_for_selector("#search-results li a")
    status = page.locator("#search-status")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    shown = page.locator("#search-results li").count()
    assert shown >= 2, "Belousov is in several seed articles"
    assert str(shown) in status.inner_text()
    assert page.locator("#search-results mark").count() >= 1
    page.click("#search-results li a >> nth=0")
    page.wait_for_load_state()
    assert "/events/" in page.url or "/articles/" in page.url
    assert page.errors == []


def test_search_merges_the_bundles_and_finds_every_article(page, http_root: str, site: Path):
    """Each article is found by its title, and the results come from several bundles."""
    merged = json.loads((site / "pagefind" / "bundles.json").read_text(encoding="utf-8"))
    assert len(merged["merge"]) >= 2, "the seeds' index should be split for this test"
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(http_root + "search.html")
    articles = sorted((site / "articles").glob("*.html"))
    for path in articles:
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", path.read_text(encoding="utf-8"), re.S)
        page.fill("#q", html.unescape(heading.group(1)))
        page.press("#q", "Enter")
        found = page.locator(f'#search-results a[href$="/{SUBPATH}/articles/{path.name}"]')
        found.first.wait_for(timeout=10_000)
    fragment = re.compile(rf"/{SUBPATH}/pagefind/(?:(\d+)/)?fragment/")
    bundles = {m.group(1) for m in map(fragment.search, fetched) if m}
    assert len(bundles) >= 2, f"results came from bundles {bundles} only"
    assert page.errors == []


def test_search_from_a_query_in_the_url_and_no_match(page, http_root: str) -> None:
    from playwright.sync_api import expect

    page.goto(http_root + "search.html?q=zzzqqqxx")
    expect(page.locator("#search-status")).to_contain_text("zzzqqqxx")
    assert page.locator("#search-results li").count() == 0


def test_search_from_file_explains_why_it_cannot_run(page, site: Path) -> None:
    from playwright.sync_api import expect

    page.goto((site / "search.html").as_uri() + "?q=Kim")
    expect(page.locator("#search-status")).to_contain_text("HTTP")


def test_readable_without_javascript(browser, site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((site / "index.html").as_uri())
    assert page.locator("article.event-card h3 a").count() >= 3
    assert page.locator("article.event-card .summary").first.is_visible()
    page.goto((site / "search.html").as_uri())
    assert page.is_visible("#search-nojs")
    context.close()


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious(browser, http_root: str, site: Path, scheme: str) -> None:
    if not AXE.is_file():
        _missing(f"needs {AXE} (bash .ci/run installs axe-core from npm)")
    context = browser.new_context(bypass_csp=True, color_scheme=scheme)
    page = context.new_page()
    event = sorted((site / "events").glob("*.html"))[0].name
    article = sorted((site / "articles").glob("*.html"))[0].name
    pages = ["index.html", f"events/{event}", f"articles/{article}", "names.html"]
    pages.append("search.html?q=Kim")
    found = {}
    # Dark mode changes colours only: check its contrast on the two busiest pages.
    for rel in pages if scheme == "light" else pages[:2]:
        page.goto(http_root + rel)
        if rel.startswith("search"):
            page.wait_for_selector("#search-results li")
        problems = run_axe(page)
        if problems:
            found[rel] = [(v["id"], v["impact"], len(v["nodes"])) for v in problems]
    context.close()
    assert found == {}


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 900)])
def test_screenshots_and_no_sideways_scrolling(browser, site: Path, width: int, height: int):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    events = json.loads((site / "events.json").read_text(encoding="utf-8"))["events"]
    biggest = max(events, key=lambda e: len(e["articles"]))["id"]
    shown = {"index": site / "index.html", "event": site / "events" / f"{biggest}.html"}
    for name, path in shown.items():
        page.goto(path.as_uri())
        shot = ARTIFACTS / f"{name}-{width}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        font_px = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert font_px >= 16, "body text stays readable without zooming"
    context.close()


def test_markup_in_an_article_stays_text_in_the_browser(browser, tmp_path: Path) -> None:
    seeds = tmp_path / "evil-seeds"
    seeds.mkdir()
    (seeds / "evil.txt").write_text(
        "Breaking <script>alert(1)</script> news\n\n"
        'The mayor said <img src=x onerror="alert(2)"> the bridge opens on Monday next week.\n',
        encoding="utf-8",
    )
    site = build_site(tmp_path, seeds=seeds, language="en")
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in (site / "index.html", site / "articles" / "evil.html"):
        page.goto(path.as_uri())
        assert page.locator("img").count() == 0
    assert "<script>alert(1)</script>" in page.locator("h1").inner_text()
    assert 'onerror="alert(2)"' in page.locator("article").inner_text()
    assert dialogs == []
    context.close()
