"""Pages kept in the build cache are served only while everything they read is unchanged."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import fields, replace
from datetime import date
from pathlib import Path

import jinja2
import pytest
from conftest import SEEDS, corpus_module

from digest import views
from digest.build import Digest, assemble
from digest.cache import BuildCache
from digest.config import Config
from digest.markup import json_visible
from digest.model import Article, BuildReport, DateValue
from digest.render import (
    PLAIN_DATA,
    Fingerprints,
    PagePlan,
    Period,
    article_languages,
    events_json,
    render_pages,
)

TEMPLATES = {
    "one.html": "{{ site }}: {{ anchors[name] }} / {{ source_names.get(other, 'none') }}",
    "all.html": "{{ anchors | length }} names",
    "parts.html": "{% for n in names %}[{{ fragment('part.html', name=n) }}]{% endfor %}",
    "part.html": "{{ site }} {{ name | tally }}={{ anchors[name] }}",
    "nosy.html": "{{ fragment('peek.html') }}",
    "peek.html": "{{ name }}",
}


def render(
    tmp_path: Path,
    common: dict,
    template: str = "one.html",
    cached: bool = True,
    rendered: list[str] | None = None,
    **own: object,
) -> tuple[str, int]:
    """Render one page with a cache kept in `tmp_path`; return it and the cache hits.

    `rendered` gets the name of every `part.html` fragment rendered (not from the cache).
    """
    env = jinja2.Environment(
        loader=jinja2.DictLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )
    tally = rendered if rendered is not None else []
    env.filters["tally"] = lambda name: tally.append(name) or name
    cache = BuildCache.open(tmp_path / "cache", "v1")
    context = {"name": "A", "other": "z", **own}
    plan = PagePlan("events/e.html", template, context, cached=cached)
    pages = {page.path: page.data() for page in render_pages([plan], env, common, cache)}
    hits = cache.hits
    cache.close()
    return pages["events/e.html"].decode(), hits


def common(**changes: object) -> dict:
    base = {"site": "S", "anchors": {"A": "n-a", "B": "n-b"}, "source_names": {"y": "Y"}}
    return {**base, **changes}


def test_a_page_is_reused_while_the_entries_it_read_hold(tmp_path: Path) -> None:
    assert render(tmp_path, common()) == ("S: n-a / none", 0)
    assert render(tmp_path, common()) == ("S: n-a / none", 1)
    # Entries the page never looked at may change.
    assert render(tmp_path, common(anchors={"A": "n-a", "B": "n-b-2"})) == ("S: n-a / none", 1)


def test_a_changed_entry_the_page_read_renders_it_again(tmp_path: Path) -> None:
    render(tmp_path, common())
    assert render(tmp_path, common(anchors={"A": "n-a-2"}))[0] == "S: n-a-2 / none"
    # A key that was missing when the page was made, and is there now, counts too.
    assert render(tmp_path, common(anchors={"A": "n-a-2"}, source_names={"z": "Z"}))[0] == (
        "S: n-a-2 / Z"
    )


def test_shared_context_outside_the_tables_is_part_of_the_key(tmp_path: Path) -> None:
    render(tmp_path, common())
    assert render(tmp_path, common(site="T")) == ("S: n-a / none".replace("S", "T"), 0)


def test_a_page_that_read_a_whole_table_depends_on_all_of_it(tmp_path: Path) -> None:
    assert render(tmp_path, common(), "all.html") == ("2 names", 0)
    assert render(tmp_path, common(), "all.html") == ("2 names", 1)
    grown = common(anchors={"A": "n-a", "B": "n-b", "C": "n-c"})
    assert render(tmp_path, grown, "all.html")[0] == "3 names"


def test_fragments_are_reused_while_their_data_and_entries_hold(tmp_path: Path) -> None:
    """A whole-site page made of fragments renders again only the fragments whose own
    data or table entries changed; the page is the same as rendered whole."""

    def parts(common: dict, names: list[str]) -> tuple[str, list[str]]:
        rendered: list[str] = []
        html, _ = render(tmp_path, common, "parts.html", False, rendered, names=names)
        return html, rendered

    assert parts(common(), ["A", "B"]) == ("[S A=n-a][S B=n-b]", ["A", "B"])
    assert parts(common(), ["A", "B"]) == ("[S A=n-a][S B=n-b]", [])
    changed = common(anchors={"A": "n-a", "B": "n-b-2"})
    assert parts(changed, ["A", "B"]) == ("[S A=n-a][S B=n-b-2]", ["B"])
    with pytest.raises(jinja2.UndefinedError):  # a missing entry, noted as read
        parts(changed, ["A", "C"])
    assert parts(common(anchors={"C": "n-c"}), ["C"]) == ("[S C=n-c]", ["C"])
    assert parts(common(site="T"), ["A", "B"]) == ("[T A=n-a][T B=n-b]", ["A", "B"])


def test_a_fragment_sees_only_its_arguments_and_the_shared_context(tmp_path: Path) -> None:
    with pytest.raises(jinja2.UndefinedError):
        render(tmp_path, common(), "nosy.html", False)


def test_a_cached_page_depends_on_what_its_fragments_read(tmp_path: Path) -> None:
    """A fragment served from the cache still counts its table entries as the page's."""
    rendered: list[str] = []
    assert render(tmp_path, common(), "parts.html", True, rendered, names=["A"]) == (
        "[S A=n-a]",
        0,
    )
    assert render(tmp_path, common(), "parts.html", True, rendered, names=["A"]) == (
        "[S A=n-a]",
        1,
    )
    assert rendered == ["A"]
    new = common(anchors={"A": "n-a-2"})
    assert render(tmp_path, new, "parts.html", True, rendered, names=["A"])[0] == "[S A=n-a-2]"


def test_plain_data_records_hold_no_article_or_event() -> None:
    """Records hashed by their repr (`PLAIN_DATA`) must not hold an Article or Event,
    whose hashes come from their build-cache keys: every field's annotation is checked."""
    plain_names = {t.__name__ for t in PLAIN_DATA}
    for kind in PLAIN_DATA:
        for item in fields(kind):
            words = set(re.findall(r"[A-Za-z_]+", str(item.type)))
            records = {w for w in words if w[0].isupper()} - {"None"}
            assert records <= plain_names | {"Granularity", "DateSource", "date"}, (kind, item)
    period = Period("November 2024", "2024-11", ())
    assert Fingerprints().of(period) == Fingerprints().of(Period("November 2024", "2024-11", ()))
    assert Fingerprints().of(period) != Fingerprints().of(Period("Desember", "2024-12", ()))


def test_an_article_is_hashed_by_its_origin_and_what_changed_since() -> None:
    """A page's key covers an article through its cache key plus every field changed since
    cleaning made it: a changed date or copy list changes the key, an untouched article
    costs no hashing of its text."""
    article = Article(id="a", path="a.txt", title="T", paragraphs=("Text.",))
    origins = {"a": (article, "key-1")}
    same = Fingerprints(origins).of(article)
    assert same == Fingerprints(origins).of(replace(article))  # equal fields, same objects
    assert same != Fingerprints({"a": (article, "key-2")}).of(article)
    dated = replace(article, published=DateValue(date(2024, 11, 29)))
    assert Fingerprints(origins).of(dated) not in (same, Fingerprints().of(dated))
    other = replace(dated, published=DateValue(date(2024, 11, 30)))
    assert Fingerprints(origins).of(other) != Fingerprints(origins).of(dated)
    assert Fingerprints().of(article) != same  # without an origin: the whole record


def test_events_json_from_the_cache_is_the_plain_encoding(tmp_path: Path) -> None:
    """events.json laid out from cached pieces is byte for byte json.dumps(indent=1)."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    corpus_module().generate(seeds, 10, seed=3)
    digest = assemble(replace(Config(), seeds=seeds, output=tmp_path / "site"), BuildReport())
    texts, hits = [], []
    for _ in range(2):
        cache = BuildCache.open(tmp_path / "cache", "v1")
        texts.append(events_json(digest, cache))
        hits.append(cache.hits)
        cache.close()
    plain = json_visible(json.dumps(json.loads(texts[0]), ensure_ascii=False, indent=1)) + "\n"
    assert texts == [plain, plain]
    assert hits == [0, len(digest.articles) + len(digest.events)]
    empty = events_json(Digest((), {}))
    assert empty == json.dumps({"articles": [], "events": [], "changes": []}, indent=1) + "\n"


def test_article_languages_read_by_clustering_are_the_guessed_ones(tmp_path: Path) -> None:
    """The site's `lang` attributes take each article's language from clustering's records
    (`Digest.languages`) instead of guessing it again; for English and Indonesian articles,
    with and without a `language` field, it is what `views.article_language` guesses, and
    an article whose text changed after cleaning is guessed from its new text."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)  # Indonesian, no language field
    corpus_module().generate(seeds, 12, seed=5)  # English and Indonesian-like, front matter
    digest = assemble(replace(Config(), seeds=seeds, output=tmp_path / "site"), BuildReport())
    articles = list(digest.articles.values())
    assert set(digest.languages) == set(digest.articles)
    guessed = {a.id: views.article_language(a) for a in articles}
    assert {"id", "en"} <= set(guessed.values())
    assert article_languages(articles, digest.origins, None, digest.languages) == guessed
    first = next(a for a in articles if a.language is None and guessed[a.id] == "id")
    wrong = "fr"
    retold = replace(first, paragraphs=("The minister said the talks went well.",) * 3)
    known = {**digest.languages, first.id: wrong}  # a stale reading is not used for new text
    assert article_languages([retold], digest.origins, None, known) == {first.id: "en"}
    assert article_languages([first], digest.origins, None, known) == {first.id: wrong}
