"""Render holds less at once: whole-site pages encoded a piece at a time, plans and
records dropped once their page is done; the bytes are the same."""

from __future__ import annotations

import gc
import weakref
from datetime import date
from pathlib import Path

import jinja2
import pytest
from markupsafe import Markup
from sitecheck import build_site

from digest import render, site
from digest.cache import BuildCache
from digest.model import DateValue
from digest.render import Fingerprints, PagePlan, render_pages

TEMPLATES = {
    "whole.html": "<h1>{{ title }}</h1>"
    "{% for n in names %}{{ fragment('part.html', n=n) }}{% endfor %}",
    "part.html": "<p>{{ n }} · ünï ✓ {{ n * 3 }}</p>\n",
}


def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.DictLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )


def _site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_a_whole_site_page_is_the_bytes_render_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Encoded piece by piece, with its fragments stored mid-page (a tiny flush size),
    a page is the bytes of Jinja's `render()` encoded, and a second build reads the
    stored fragments back into the same bytes."""
    names = [f"name {i}" for i in range(300)]
    whole = _env().get_template("whole.html")
    expected = whole.render(
        title="T", names=names, fragment=lambda t, **a: Markup(_env().get_template(t).render(**a))
    ).encode("utf-8")
    monkeypatch.setattr(render, "FRAGMENT_FLUSH", 50)
    for _ in range(2):  # fresh, then with every fragment from the cache
        cache = BuildCache.open(tmp_path / "cache", "v1")
        plan = PagePlan("whole.html", "whole.html", {"title": "T", "names": names})
        pages = list(render_pages([plan], _env(), {}, cache))
        hits = cache.hits
        cache.close()
        assert [p.data() for p in pages] == [expected]
    assert hits == len(names), "the second build read every fragment from the cache"


def test_the_site_is_the_same_with_fragments_stored_mid_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The seeds' site with the whole-site pages' fragments stored every few characters is
    byte for byte the site of a build that renders those pages in one string."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(render, "FRAGMENT_FLUSH", 10)
    pieces = build_site(tmp_path, name="pieces")
    monkeypatch.setattr(render, "FRAGMENT_FLUSH", render.FRAGMENT_FLUSH)
    monkeypatch.setattr(render, "_encoded", lambda parts, _: "".join(parts).encode("utf-8"))
    whole = build_site(tmp_path, name="whole")
    files = _site_files(pieces)
    assert "timeline.html" in files and "names.html" in files
    assert files == _site_files(whole)


def test_each_plan_is_dropped_once_its_page_is_done(tmp_path: Path) -> None:
    cache = BuildCache.open(tmp_path / "cache", "v1")

    class Context(dict):  # a dict that can be watched
        pass

    contexts = [Context(title=f"T{i}", names=["a"]) for i in range(3)]
    watched = [weakref.ref(c) for c in contexts]
    plans = [PagePlan(f"p{i}.html", "whole.html", c) for i, c in enumerate(contexts)]
    del contexts
    pages = render_pages(plans, _env(), {}, cache)
    plans = []
    first = next(pages)
    gc.collect()
    assert first.path == "p0.html"
    assert [w() is None for w in watched] == [True, False, False]
    rest = list(pages)
    assert [p.path for p in rest] == ["p1.html", "p2.html"]
    assert all(w() is None for w in watched)
    cache.close()


def test_fingerprints_forget_only_what_came_after() -> None:
    prints = Fingerprints()
    kept, dropped = DateValue(date(2024, 1, 1)), DateValue(date(2024, 1, 1))
    first = prints.of(kept)
    count = len(prints.memo)
    second = prints.of(dropped)
    prints.forget_since(count)
    assert [value for value, _ in prints.memo.values()] == [kept]
    assert prints.of(dropped) == second == first  # the same data, the same hash


def test_a_file_added_in_pieces_is_the_file_added_whole(tmp_path: Path) -> None:
    """`Staging.add_pieces` writes the pieces one after the other, under the hash of their
    bytes; a previous site's file with the same bytes is linked, not written again."""
    pieces = [b'{\n "a": ', "ünï ✓".encode(), b"x" * 70_000, b"\n}\n"]
    whole = b"".join(pieces)
    out = tmp_path / "site"
    first = site.Staging(out)
    first.add_pieces("events.json", pieces)
    first.add("same.json", whole)
    assert first.stamps["events.json"][0] == site.content_hash(whole)
    assert first.stamps["events.json"][0] == first.stamps["same.json"][0]
    first.commit()
    assert (out / "events.json").read_bytes() == whole

    again = site.Staging(out)  # no stamps: the bytes are compared, a piece at a time
    again.add_pieces("events.json", pieces)
    changed = [b"z" * len(p) if i == 2 else p for i, p in enumerate(pieces)]
    again.add_pieces("same.json", changed)
    assert again.changed == {"events.json": False, "same.json": True}
    again.commit()
    assert (out / "same.json").read_bytes() == b"".join(changed)
    assert (out / "events.json").read_bytes() == whole
