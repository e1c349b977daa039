"""The built site as files: links, headings, languages, CSP, escaping, theme overrides."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from conftest import make_article
from sitecheck import SEEDS, Element, Page, build_site, parse, resolve

from digest import evaluate, views
from digest.build import event_name_kinds, event_names
from digest.config import ClusterParams
from digest.grouping import group_articles
from digest.model import Name, NameKind


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("pages"), language="en")


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def test_every_relative_link_and_fragment_resolves(site: Path) -> None:
    pages = html_pages(site)
    assert len(pages) >= 3 + 5 + 3
    ids = {p.resolve(): parse(p).ids for p in pages}
    for page_path in pages:
        for href in parse(page_path).hrefs():
            target = resolve(page_path, href, site)
            if target is None:
                continue
            path, fragment = target
            assert path.is_file(), f"{page_path.name}: broken link {href}"
            if fragment and path.suffix == ".html":
                assert fragment in ids[path], f"{page_path.name}: no #{fragment} in {href}"


def test_pages_link_nothing_external_but_article_sources(site: Path) -> None:
    for page_path in html_pages(site):
        for href in parse(page_path).hrefs():
            if re.match(r"^[a-z]+:", href):
                assert page_path.parent.name == "articles", f"{page_path}: external {href}"


def test_csp_and_no_inline_scripts_or_styles(site: Path) -> None:
    for page_path in html_pages(site):
        page = parse(page_path)
        csp = [
            m for m in page.find("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"
        ]
        assert len(csp) == 1 and "default-src 'self'" in csp[0].attrs["content"]
        assert "unsafe-inline" not in csp[0].attrs["content"]
        assert all("src" in s.attrs for s in page.find("script")), page_path
        assert not page.find("style"), page_path
        assert not [e for e in page.elements if "style" in e.attrs], page_path
        assert not [e for e in page.elements if any(a.startswith("on") for a in e.attrs)]


def test_one_h1_and_headings_never_skip_a_level(site: Path) -> None:
    for page_path in html_pages(site):
        levels = [
            int(e.tag[1]) for e in parse(page_path).elements if re.fullmatch(r"h[1-6]", e.tag)
        ]
        assert levels[0] == 1 and levels.count(1) == 1, page_path
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, f"{page_path.name}: h{before} then h{after}"


def test_ui_language_on_html_and_article_language_on_text(site: Path) -> None:
    index = parse(site / "index.html")
    assert index.find("html")[0].attrs["lang"] == "en"
    for article_path in (site / "articles").glob("*.html"):
        page = parse(article_path)
        assert page.find("html")[0].attrs["lang"] == "en"
        assert page.find("article")[0].attrs.get("lang") == "id", "the seeds are Indonesian"
    summaries = [e for e in index.elements if e.tag == "span" and "p.summary" in e.parents]
    assert summaries and all(s.attrs.get("lang") == "id" for s in summaries)


def test_indonesian_ui_needs_no_extra_lang(tmp_path: Path) -> None:
    site = build_site(tmp_path, language="id")
    page = parse(next((site / "articles").glob("*.html")))
    assert page.find("html")[0].attrs["lang"] == "id"
    assert "lang" not in page.find("article")[0].attrs
    assert "Peristiwa" in page.find("nav")[0].text


def test_index_lists_events_newest_first_with_summary_and_counts(site: Path) -> None:
    data = json.loads((site / "events.json").read_text(encoding="utf-8"))
    index = parse(site / "index.html")
    cards = [
        e for e in index.elements if e.tag == "article" and "event-card" in e.attrs.get("class", "")
    ]
    assert len(cards) == len(data["events"])
    titles = [e.text for e in index.find("h3")]
    assert titles == [e["title"] for e in data["events"]]
    first = data["events"][0]
    assert any(str(len(first["articles"])) + " article" in c.text for c in cards[:1])
    assert index.find("time"), "dated events carry <time datetime>"


def test_article_page_has_paragraph_anchors_and_folded_boilerplate(site: Path) -> None:
    data = json.loads((site / "events.json").read_text(encoding="utf-8"))
    for article in data["articles"]:
        page = parse(site / "articles" / f"{article['id']}.html")
        paragraphs = [e for e in page.find("p") if re.fullmatch(r"p\d+", e.attrs.get("id", ""))]
        assert paragraphs, article["id"]
        assert any(
            a.attrs.get("href") == f"../events/{article['event']}.html" for a in page.find("a")
        )
    removed = [parse(p).find("details") for p in (site / "articles").glob("*.html")]
    assert any(removed), "the seeds carry boilerplate, so some article shows what was removed"


def test_names_index_links_every_event_name(site: Path) -> None:
    data = json.loads((site / "events.json").read_text(encoding="utf-8"))
    names = parse(site / "names.html")
    listed = {e.text.strip() for e in names.find("dt")}
    assert listed == {n for e in data["events"] for n in e["names"]}
    assert {e.attrs["id"] for e in names.find("dt")} == set(views.name_anchors(listed).values())
    kinds = {e.text.strip() for e in names.find("dd") if e.attrs.get("class") == "kind"}
    shown = {k for e in data["events"] for k in e["name_kinds"] if k != "other"}
    assert kinds and len(kinds) == len(shown)


def test_markup_in_article_renders_as_text(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "evil.txt").write_text(
        "Breaking <script>alert(1)</script> news\n\n"
        'The mayor said <img src=x onerror="alert(2)"> that the bridge will open on Monday.\n',
        encoding="utf-8",
    )
    site = build_site(tmp_path, seeds=seeds, language="en")
    for page_path in html_pages(site):
        page = parse(page_path)
        assert all(s.attrs.get("src") for s in page.find("script")), page_path
        assert not page.find("img"), page_path
        assert not [e for e in page.elements if "onerror" in e.attrs], page_path
    article = parse(site / "articles" / "evil.html")
    assert "<script>alert(1)</script>" in article.find("h1")[0].text
    assert 'onerror="alert(2)"' in article.find("article")[0].text


def test_an_event_whose_outlet_is_unknown_says_so_not_zero_outlets(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "plain.txt").write_text(
        "Bridge reopens after repairs\n\nThe city reopened the old bridge on Monday.\n",
        encoding="utf-8",
    )
    site = build_site(tmp_path, seeds=seeds, language="en")
    (event_page,) = (site / "events").glob("*.html")
    for page in (parse(event_page), parse(site / "index.html")):
        meta = " ".join(e.text for e in page.elements if "meta" in e.attrs.get("class", ""))
        assert "unknown outlet" in meta
        assert "0 outlets" not in meta


def test_what_each_source_says_quotes_a_copys_sentence_once(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    body = (
        "SEMARANG - Banjir merendam ribuan rumah di Kecamatan Genuk, Semarang, Senin "
        "(13/1/2025), setelah hujan deras mengguyur kota itu sejak Minggu malam.\n\n"
        "Badan Penanggulangan Bencana Daerah Kota Semarang mengevakuasi ratusan warga.\n"
    )
    (seeds / "a.txt").write_text("Banjir Rendam Ribuan Rumah di Semarang\n\n" + body)
    (seeds / "b.txt").write_text("Ribuan Rumah di Genuk Terendam Banjir\n\n" + body)
    (seeds / "c.txt").write_text(
        "Banjir Genuk: Warga Mengungsi ke Masjid\n\n"
        "SEMARANG - Warga Kecamatan Genuk, Semarang, mengungsi ke masjid setelah banjir "
        "merendam rumah mereka, Senin (13/1/2025). Badan Penanggulangan Bencana Daerah "
        "Kota Semarang mencatat ribuan rumah terendam banjir setinggi satu meter.\n"
    )
    site = build_site(tmp_path, seeds=seeds, language="id")
    (event_page,) = (site / "events").glob("*.html")
    quotes = [
        q.text
        for q in parse(event_page).find("q")
        if any(p.startswith("details.source-sentences") for p in q.parents)
    ]
    assert len(quotes) >= 2, "the copies' day is told in two different sentences"
    assert len(quotes) == len(set(quotes)), quotes


def _storm_event_page(tmp_path: Path, reports: list[tuple[str, str, str]]) -> Page:
    """Build a site from storm reports (houses damaged, outlet, date) and return the one
    event's page."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    body = "A storm hit the coastal city of Port Elms, {n} houses were damaged, officials said."
    for k, (houses, outlet, day) in enumerate(reports):
        (seeds / f"{k}.md").write_text(
            f"---\ntitle: Storm damages houses in Port Elms\noutlet: {outlet}\n"
            f"date: {day}\n---\n"
            f"{body.format(n=houses)}\n\nRescue teams reached Port Elms after the storm.\n",
            encoding="utf-8",
        )
    site = build_site(tmp_path, seeds=seeds, language="en")
    data = json.loads((site / "events.json").read_text(encoding="utf-8"))
    assert len(data["events"]) == 1
    return parse(site / "events" / f"{data['events'][0]['id']}.html")


def _disagreements(page: Page) -> Element:
    (section,) = [e for e in page.find("section") if "disagreements" in e.attrs.get("class", "")]
    return section


def test_disagreeing_figures_are_shown_with_both_sources(tmp_path: Path) -> None:
    reports = [("1,200", "Daily One", "2024-03-04"), ("1,500", "Paper Two", "2024-03-04")]
    section = _disagreements(_storm_event_page(tmp_path, reports))
    assert "1,200 houses" in section.text and "1,500 houses" in section.text
    assert "Daily One" in section.text and "Paper Two" in section.text
    assert "updated between reports" not in section.text  # one day: they disagree


def test_a_figure_that_rose_between_days_is_shown_as_an_update_with_dates(tmp_path: Path) -> None:
    reports = [("1,500", "Paper A", "2024-03-05"), ("1,200", "Paper B", "2024-03-04")]
    page = _storm_event_page(tmp_path, reports)
    assert "updated between reports" in _disagreements(page).text
    claims = [li.text for li in page.find("li") if "ul.claims" in li.parents]
    assert "1,200 houses" in claims[0] and "4 March 2024" in claims[0]  # the earlier first
    assert "1,500 houses" in claims[1] and "5 March 2024" in claims[1]


def test_user_templates_override_and_extend_the_builtin_base(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "base.html").write_text(
        '{% extends "default:base.html" %}\n'
        '{% block head %}<meta name="theme" content="mine">'
        '<link rel="stylesheet" href="{{ root }}my-theme.css">{% endblock %}\n',
        encoding="utf-8",
    )
    (theme / "names.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>My own names page</h1>{% endblock %}\n',
        encoding="utf-8",
    )
    (theme / "style.css").write_text("body { color: green; }\n", encoding="utf-8")
    (theme / "my-theme.css").write_text("h1 { color: teal; }\n", encoding="utf-8")
    site = build_site(tmp_path, templates=theme, language="en")
    for page_path in html_pages(site):
        assert [m for m in parse(page_path).find("meta") if m.attrs.get("name") == "theme"]
    assert parse(site / "names.html").find("h1")[0].text == "My own names page"
    assert parse(site / "index.html").find("h3"), "pages not overridden keep the built-in template"
    assert (site / "style.css").read_text(encoding="utf-8") == "body { color: green; }\n"
    assert (site / "my-theme.css").read_text(encoding="utf-8") == "h1 { color: teal; }\n"
    assert not (site / "base.html").exists(), "templates are rendered, not copied"


def test_two_builds_are_byte_identical(tmp_path: Path, site: Path) -> None:
    again = build_site(tmp_path, language="en")
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_search_index_covers_events_and_articles(site: Path) -> None:
    bundle = site / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    manifest = json.loads((bundle / "bundles.json").read_text(encoding="utf-8"))
    folders = [bundle, *(bundle / name for name in manifest["merge"])]
    pages = 0
    for folder in folders:
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        pages += sum(lang["page_count"] for lang in entry["languages"].values())
    assert pages == len(list((site / "events").glob("*.html"))) + len(list(SEEDS.glob("*.txt")))


def test_an_events_names_fold_possessives_into_the_name_they_are_a_form_of() -> None:
    """The names index lists "Australia" once, not also "Australia's"; a name only ever
    written with "'s" (a shop called "McDonald's") stays as written."""
    place = NameKind.PLACE
    a = make_article("a", names=(Name("Australia", place, 2), Name("McDonald's", count=1)))
    b = make_article("b", names=(Name("Australia's", place, 1), Name("Canberra", place, 1)))
    names = event_names([a, b])
    assert names[0] == "Australia"  # both reports name it
    assert set(names) == {"Australia", "Canberra", "McDonald's"}
    assert event_name_kinds([a, b], names)[0] is place
    # A known place's possessive alone ("Indonesia's central bank") is the place too.
    c = make_article("c", names=(Name("Indonesia's", place, 1), Name("Jakarta's", place, 1)))
    assert set(event_names([c])) == {"Indonesia", "Jakarta"}
    # A currency or a law's article before its figure names nothing to follow.
    d = make_article("d", names=(Name("Rp", count=5), Name("Pasal", count=3), Name("KPK", count=1)))
    assert event_names([d]) == ("KPK",)


def test_an_event_in_two_languages_is_titled_in_the_sites_language() -> None:
    """The hardcases' Tokyo visit, two Indonesian reports and one English: its title is an
    Indonesian headline on an Indonesian site and the English one on an English site."""
    articles = evaluate.load_articles(Path(__file__).parent / "corpora" / "hardcases" / "articles")
    tokyo = {a.id: a for a in articles if a.id.startswith("menlu-tokyo-")}
    for language in ("id", "en"):
        grouping = group_articles(articles, ClusterParams(), {}, language=language)
        (title,) = [
            t
            for g, t in zip(grouping.groups, grouping.titles, strict=True)
            if "menlu-tokyo-en1" in {a.id for a in g}
        ]
        assert title in {a.title for a in tokyo.values() if a.language == language}
