"""The search index in bundles: what Pagefind reads of a page, and which bundles a rebuild redoes.

Pagefind really runs here (it ships with the test dependencies); the pages are the seeds' site
built by the real CLI.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from sitecheck import SEEDS, build_site

from digest import search
from digest.cache import BuildCache


@pytest.mark.parametrize(
    "page, expected",
    [
        (b"<p>a</p><div data-pagefind-ignore><p>b</p></div><p>c</p>", b"<p>a</p><p>c</p>"),
        (  # nested elements of the same name end where the ignored one ends
            b'<section class="x" data-pagefind-ignore="index"><section>b</section>c</section>d',
            b"d",
        ),
        (  # metadata inside an element ignored for indexing only: Pagefind still reads it
            b'<div data-pagefind-ignore><span data-pagefind-meta="x">m</span></div>',
            b'<div data-pagefind-ignore><span data-pagefind-meta="x">m</span></div>',
        ),
        (  # "all" ignores the metadata too
            b'<div data-pagefind-ignore="all"><span data-pagefind-meta="x">m</span></div>e',
            b"e",
        ),
        (b"<div data-pagefind-ignore><p>unclosed", b"<div data-pagefind-ignore><p>unclosed"),
        (b"<p>data-pagefind-ignore as text</p>", b"<p>data-pagefind-ignore as text</p>"),
        (b"<div data-pagefind-ignored>other</div>", b"<div data-pagefind-ignored>other</div>"),
    ],
)  # fmt: skip
def test_search_view_drops_what_pagefind_ignores(page: bytes, expected: bytes) -> None:
    assert search.search_view(page) == expected


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The seeds' site, HTML pages only (relative path → bytes)."""
    site = build_site(tmp_path_factory.mktemp("search"), language="en")
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*.html"))
        if "pagefind" not in p.parts
    }


def test_an_article_pages_view_does_not_hold_its_events_title(pages: dict[str, bytes]) -> None:
    """An event is titled by one of its reports' headlines, so a new report can retitle it;
    its reports' pages name it (the breadcrumb, "Part of"), but those are left out of what
    Pagefind reads (`data-pagefind-ignore`), so a retitled event's reports' bundles are not
    indexed again (a 10,000-article rebuild: 8 bundles of 1,623 pages -> 3 of 616)."""
    articles = {rel: data for rel, data in pages.items() if rel.startswith("articles/")}
    assert articles
    for data in articles.values():
        link = re.search(rb'href="\.\./(events/[^"]+\.html)"', data)
        assert link is not None  # the page links its event (twice: breadcrumb, "Part of")
        assert link.group(1) not in search.search_view(data)


def run_pagefind(folder: Path, pages: dict[str, bytes]) -> dict[str, bytes]:
    for rel, data in pages.items():
        (folder / "site" / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / "site" / rel).write_bytes(data)
    binary = str(search.pagefind_binary())
    command = [binary, "--site", str(folder / "site"), "--output-path", str(folder / "out")]
    subprocess.run([*command, "--silent"], check=True)
    out = folder / "out"
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_pagefind_indexes_a_view_exactly_as_its_page(tmp_path: Path, pages: dict[str, bytes]):
    """The views leave out only what Pagefind ignores: the same pages give the same index."""
    views = search.indexed_views(pages)
    changed = [rel for rel in views if views[rel] != pages[rel]]
    assert any(rel.startswith("events/") for rel in changed), "no related-events list cut"
    assert any(rel.startswith("articles/") for rel in changed), "no removed-lines list cut"
    assert not any(rel in views for rel in ("index.html", "names.html", "search.html"))
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    whole = run_pagefind(tmp_path / "a", {rel: pages[rel] for rel in views})
    assert run_pagefind(tmp_path / "b", views) == whole


def index(pages: dict[str, bytes], out: Path, folder: Path) -> tuple[dict[str, bytes], int]:
    """Return the search files of `pages` with the cache in `folder`, and bundles indexed."""
    cache = BuildCache.open(folder, "test")
    try:
        files = search.index_files(pages, out, cache, pages_per_bundle=2, jobs=2)
        return files, cache.misses
    finally:
        cache.close()


def test_a_changed_page_reindexes_only_its_bundle(tmp_path: Path, pages: dict[str, bytes]):
    out = tmp_path / "site"
    first, made = index(pages, out, tmp_path / "cache")
    merged = re.findall(rb'"(\d+)/"', first[search.MANIFEST])
    assert len(merged) >= 2 and made == len(merged) + 1
    assert "pagefind/pagefind.js" in first
    assert not any(f"pagefind/{n.decode()}/pagefind.js" in first for n in merged)

    again, made = index(pages, out, tmp_path / "cache")
    assert (again, made) == (first, 0)

    article = next(rel for rel in pages if rel.startswith("articles/"))
    edited = dict(pages)
    edited[article] = pages[article].replace(b"</h1>", b" Zanzibar</h1>", 1)
    rebuilt, made = index(edited, out, tmp_path / "cache")
    assert made == 1, "only the edited page's bundle is indexed again"
    assert rebuilt == index(edited, out, tmp_path / "clean")[0], "same bytes as a clean build"
    assert rebuilt != first

    event = next(rel for rel in pages if b'aria-labelledby="related"' in pages[rel])
    related = dict(edited)
    related[event] = re.sub(
        rb'(<ul class="related">).*?(</ul>)',
        rb"\1<li>another list</li>\2",
        pages[event],
        count=1,
        flags=re.S,
    )
    assert related[event] != pages[event]
    assert index(related, out, tmp_path / "cache") == (rebuilt, 0), "ignored parts cost nothing"
    assert not list(tmp_path.glob(".digest-search-*")), "the scratch folders are removed"


def test_bundles_are_powers_of_two_from_the_page_count() -> None:
    assert [search.bundle_count(n, 256) for n in (1, 256, 257, 1300, 13_000)] == [1, 1, 2, 8, 64]
    assert search.bundle_count(10**7, 256) == search.MAX_BUNDLES
    paths = [f"articles/{n}.html" for n in range(2000)]
    spread = {search.bundle_of(p, 8) for p in paths}
    assert spread == set(range(8))


def test_bundles_go_to_pagefind_while_other_pages_are_still_rendered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bundle is indexed as soon as its pages are rendered, before the whole-site pages
    exist; the site is byte for byte the one a build that indexes at the end writes."""
    started: list[tuple[tuple[str, ...], bool]] = []
    real_start = search._start_pagefind

    def spy(binary, bundle, folder, pages, *rest):  # type: ignore[no-untyped-def]
        started.append((bundle.pages, "index.html" in pages))
        return real_start(binary, bundle, folder, pages, *rest)

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(search, "_start_pagefind", spy)
    streamed = build_site(tmp_path, site_settings=("search_pages_per_bundle: 2",))
    assert len(started) >= 3, "the seeds' 8 search pages make several bundles"
    assert not started[0][1], "the first bundle started before index.html was rendered"
    indexed = [rel for pages, _ in started for rel in pages]
    assert len(indexed) == len(set(indexed)), "no bundle indexed twice"

    # The same build with every bundle planned and indexed after rendering.
    class AtTheEnd(search.Indexer):
        def submit(self, bundle, pages):  # type: ignore[no-untyped-def]
            if "index.html" in pages:
                super().submit(bundle, pages)

    monkeypatch.setattr(search, "Indexer", AtTheEnd)
    (tmp_path / "late").mkdir()
    monkeypatch.chdir(tmp_path / "late")
    late = build_site(tmp_path / "late", site_settings=("search_pages_per_bundle: 2",))
    files = sorted(p.relative_to(streamed).as_posix() for p in streamed.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(late).as_posix() for p in late.rglob("*") if p.is_file())
    assert any(f.startswith("pagefind/") for f in files)
    for rel in files:
        assert (streamed / rel).read_bytes() == (late / rel).read_bytes(), rel


def test_an_events_pages_share_a_bundle_up_to_a_cap() -> None:
    small = ["events/e.html"] + [f"articles/a{n}.html" for n in range(3)]
    big = ["events/big.html"] + [f"articles/b{n}.html" for n in range(search.EVENT_BUNDLE_PAGES)]
    keys = search.bundle_keys({"e": small, "big": big})
    assert {keys[rel] for rel in small} == {"event:e"}
    assert not set(big) & set(keys), "a larger event's pages are bundled by their paths"
    digests = {rel: "h" for rel in [*small, *big]}
    bundles = search.plan_bundles(digests, 2, "v", keys)
    holding = [b for b in bundles if set(small) & set(b.pages)]
    assert len(holding) == 1 and set(small) <= set(holding[0].pages)
    spread = {b.number for b in search.plan_bundles(digests, 2, "v") if set(small) & set(b.pages)}
    assert len(spread) > 1, "by path alone these four pages fall in several bundles"


def test_a_new_report_of_an_event_indexes_one_bundle_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report added to an event changes its event's page and adds its own: both are in the
    event's bundle, so a rebuild runs Pagefind once, and its search index is what a clean
    build of the same files writes."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in SEEDS.iterdir():
        (seeds / path.name).write_bytes(path.read_bytes())
    started: list[tuple[str, ...]] = []
    real_start = search._start_pagefind

    def spy(binary, bundle, folder, pages, *rest):  # type: ignore[no-untyped-def]
        started.append(bundle.pages)
        return real_start(binary, bundle, folder, pages, *rest)

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(search, "_start_pagefind", spy)
    settings = ("search_pages_per_bundle: 2",)
    first = build_site(tmp_path, seeds=seeds, site_settings=settings)
    assert len(started) > 1, "the seeds' eight search pages make several bundles"
    events = json.loads((first / "events.json").read_text(encoding="utf-8"))["events"]
    visit = min(events, key=lambda e: (len(e["articles"]), e["id"]))  # a one-report event
    source = next(p for p in seeds.iterdir() if p.stem == visit["articles"][0])
    lines = source.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0] + " (republished)"
    (seeds / "zz_copy.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    started.clear()
    rebuilt = build_site(tmp_path, seeds=seeds, site_settings=settings)
    events = json.loads((rebuilt / "events.json").read_text(encoding="utf-8"))["events"]
    joined = next(e for e in events if "zz_copy" in e["articles"])
    assert joined["id"] == visit["id"], "the copy joined the event of the report it copies"
    assert len(started) == 1, started
    assert "articles/zz_copy.html" in started[0] and f"events/{visit['id']}.html" in started[0]
    (tmp_path / "clean").mkdir()
    monkeypatch.chdir(tmp_path / "clean")  # its own, empty cache
    clean = build_site(tmp_path / "clean", seeds=seeds, site_settings=settings)

    def listed(site: Path) -> list[str]:
        return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())

    files = listed(clean)
    assert files == listed(rebuilt)
    differ = [rel for rel in files if (clean / rel).read_bytes() != (rebuilt / rel).read_bytes()]
    # Only what the first build makes news of differs: the "What's new" list and its feed.
    assert sorted(differ) == ["changes.html", "events.json", "feed.xml", "index.html"]
