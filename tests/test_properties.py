"""Property tests (Hypothesis): no crash on any input, nothing lost, dates within bounds."""

from __future__ import annotations

import string
from datetime import date

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from digest import build, clean, dates, frontmatter, load, markup
from digest.config import Config
from digest.model import BuildReport

FAST = settings(max_examples=150, deadline=None)
SLOW = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

WORDS = (
    "minister",
    "leader",
    "capital",
    "treaty",
    "talks",
    "army",
    "border",
    "officials",
    "agreed",
    "visited",
    "signed",
    "warned",
    "meeting",
    "country",
    "troops",
    "week",
    "pemimpin",
    "menteri",
    "perjanjian",
    "negara",
    "bertemu",
    "kerja",
    "sama",
    "militer",
)
BOILERPLATE = (
    "Baca juga: Harga emas naik lagi",
    "Baca Juga : Gunung api naik status",
    "Tinggalkan komentar",
    "Sumber",
    "Breaking News",
    "Terkini Lainnya",
    "Topik",
    "(Foto: AFP/KCNA)",
    "Editor: Jane Doe",
    "Ikuti kami di Google News",
    "Copyright © 2024 Media",
    "- Link headline in a list",
    "Read also: other news",
    "12 - Nov - 2024, 04:00",
    "Advertisement",
    "Scroll to continue with content",
)


def sentence() -> st.SearchStrategy[str]:
    words = st.lists(st.sampled_from(WORDS), min_size=6, max_size=14)
    return words.map(lambda w: " ".join(w).capitalize() + ".")


def paragraph() -> st.SearchStrategy[str]:
    return st.lists(sentence(), min_size=1, max_size=4).map(" ".join)


any_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=400)
NASTY_PIECES = [
    *"ab \n\r\t.:-–|#*>[]()!/\\<>\"'`",
    *markup.INVISIBLE,
    "\x00",
    "\x1b",
    "\u2028",
    "é",
    "北",
    "ß",
    "---\n",
    "Baca juga:",
    "Topik",
    "12/11/2024",
    "<script>",
    "[x](y)",
]
nasty_text = st.lists(st.sampled_from(NASTY_PIECES), max_size=120).map("".join)


@FAST
@given(st.binary(max_size=2000))
def test_decode_never_fails_and_leaves_no_controls(data: bytes) -> None:
    text, _ = load.decode(data)
    assert "\r" not in text and not set(text) & set(markup.INVISIBLE + markup.CONTROLS)
    assert isinstance(load.looks_binary(data), bool)


@FAST
@given(st.one_of(any_text, nasty_text), st.booleans())
def test_parse_text_never_fails(text: str, is_markdown: bool) -> None:
    raw = load.parse_text(
        "a", "a.md" if is_markdown else "a.txt", markup.clean_text(text), is_markdown
    )
    assert isinstance(raw.title, str) and all(isinstance(line, str) for line in raw.lines)
    assert not raw.markdown or len(raw.markdown) == len(raw.lines)
    assert raw.url is None or raw.url.startswith(("http://", "https://"))
    cleaned = clean.clean_corpus([raw])[0]
    assert len(cleaned.paragraphs_html) in (0, len(cleaned.paragraphs))
    assert all("<script" not in h for h in cleaned.paragraphs_html)


@FAST
@given(
    st.dictionaries(
        st.sampled_from((*frontmatter.FIELDS, "x")),
        st.recursive(
            st.none()
            | st.booleans()
            | st.integers()
            | st.floats()
            | st.text(max_size=30)
            | st.dates(),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(st.text(max_size=5), inner, max_size=3)
            ),
            max_leaves=8,
        ),
    )
)
def test_front_matter_fields_never_fail(meta: dict) -> None:
    fields, warnings = frontmatter.read_fields(meta)
    assert all(isinstance(w, str) and len(w) < 400 for w in warnings)
    if fields.published is not None:
        assert dates.MIN_YEAR <= fields.published.value.year <= dates.MAX_YEAR
    assert fields.url is None or fields.url.startswith(("http://", "https://"))


@FAST
@given(st.lists(st.one_of(any_text, nasty_text, st.sampled_from(BOILERPLATE)), max_size=12))
def test_cleaner_never_fails_on_any_lines(lines: list[str]) -> None:
    raw = load.parse_text("a", "a.txt", markup.clean_text("\n".join(lines)), False)
    (cleaned,) = clean.clean_corpus([raw])
    kept, remarks = clean.readable([cleaned])
    assert len(kept) + len([r for r in remarks if "skipped" in r.reason]) == 1
    assert set(cleaned.paragraphs) <= {line.strip() for line in raw.lines} | {
        p for p in cleaned.paragraphs if any(p in line for line in raw.lines)
    }


@FAST
@given(
    title=sentence(),
    story=st.lists(paragraph(), min_size=1, max_size=6),
    noise=st.lists(st.sampled_from(BOILERPLATE), max_size=8),
    order=st.randoms(use_true_random=False),
)
def test_cleaning_never_removes_every_paragraph_of_a_real_article(title, story, noise, order):
    lines = [*story, *noise]
    order.shuffle(lines)
    raw = load.parse_text("a", "a.txt", "\n".join([title, *lines]), False)
    (cleaned,) = clean.clean_corpus([raw])
    assert cleaned.paragraphs, "every story paragraph was removed"
    ends = [i for i, line in enumerate(lines) if clean.END_MARKERS.match(line)]
    before_end = lines[: ends[0]] if ends else lines
    for paragraph_text in story:
        if paragraph_text in before_end and paragraph_text != title:
            assert paragraph_text in cleaned.paragraphs


@FAST
@given(
    any_text | nasty_text,
    st.dates(date(dates.MIN_YEAR + 1, 1, 1), date(dates.MAX_YEAR - 1, 12, 31)) | st.none(),
)
def test_dates_found_in_any_text_are_within_bounds(text: str, anchor: date | None) -> None:
    for found in dates.find_dates(text, anchor):
        assert dates.MIN_YEAR <= found.date.value.year <= dates.MAX_YEAR
    for value in (dates.parse_standalone(text[:100]), dates.parse_dateline(text.split("\n"))):
        assert value is None or dates.MIN_YEAR <= value.value.year <= dates.MAX_YEAR


@FAST
@given(st.integers(0, 99), st.integers(0, 99), st.integers(0, 9999), st.sampled_from(WORDS))
def test_numeric_and_named_dates_within_bounds(day: int, month: int, year: int, word: str) -> None:
    for text in (
        f"{word} ({day}/{month}/{year})",
        f"{day} - Nov - {year}, 04:00",
        f"{year}-{month:02d}-{day:02d}",
        f"{day} Desember {year}",
        f"Nov {day}, {year}",
    ):
        for found in dates.find_dates(text, None):
            assert dates.MIN_YEAR <= found.date.value.year <= dates.MAX_YEAR
        value = dates.parse_standalone(text)
        assert value is None or dates.MIN_YEAR <= value.value.year <= dates.MAX_YEAR


file_names = st.text(
    alphabet=string.ascii_letters + string.digits + " -_.é北$;", min_size=1, max_size=12
).filter(lambda n: n.strip(". ") == n and "/" not in n)
file_bodies = st.one_of(
    st.tuples(sentence(), st.lists(paragraph(), min_size=1, max_size=3)).map(
        lambda t: "\n".join([t[0], *t[1]])
    ),
    st.lists(st.sampled_from(BOILERPLATE), max_size=4).map("\n".join),
    any_text,
)


@SLOW
@given(
    st.dictionaries(
        file_names,
        st.tuples(st.sampled_from([".txt", ".md", ".pdf", "~"]), file_bodies),
        min_size=1,
        max_size=7,
    )
)
def test_every_readable_article_is_in_exactly_one_event(tmp_path_factory, files) -> None:
    seeds = tmp_path_factory.mktemp("corpus")
    for name, (suffix, body) in files.items():
        path = seeds / f"{name}{suffix}"
        assume(not path.exists())
        path.write_text(body, encoding="utf-8")
    report = BuildReport()
    digest = build.assemble(Config(seeds=seeds, output=seeds.parent / "unused"), report)
    members = [aid for event in digest.events for aid in event.article_ids]
    assert sorted(members) == sorted(digest.articles)  # each article in exactly one event
    accounted = {a.path for a in digest.articles.values()}
    accounted |= {d for a in digest.articles.values() for d in a.duplicates}
    reported = {p.path for p in [*report.warnings, *report.notes]}
    for path in seeds.iterdir():
        rel = path.name
        assert rel in accounted or markup.printable(rel) in reported, f"{rel!r} was lost"
