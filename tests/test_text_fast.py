"""The fast per-article functions (names, date cues, mentions, words) give exactly what the
code they replaced gives (tests/reference_text.py), on every labelled corpus in tests/corpora,
on a synthetic corpus from benchmarks/corpus.py, and on generated text."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import corpus_module
from hypothesis import given, settings
from hypothesis import strategies as st

from digest import clean, dates, evaluate, text, timeline
from digest.model import Article
from digest.workers import Workers

sys.path.insert(0, str(Path(__file__).resolve().parent))
import reference_text as reference

REPO = Path(__file__).resolve().parent.parent
CORPORA = sorted(p.parent.name for p in (REPO / "tests" / "corpora").glob("*/gold.json"))


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Article]]:
    folders = {name: REPO / "tests" / "corpora" / name / "articles" for name in CORPORA}
    folders["synthetic"] = tmp_path_factory.mktemp("synthetic")
    corpus_module().generate(folders["synthetic"], 60, seed=11, undated_share=0.3)
    with Workers(2) as workers:
        return {name: evaluate.load_articles(folder, workers) for name, folder in folders.items()}


ALL = [*CORPORA, "synthetic"]


def texts_of(articles: list[Article]) -> list[str]:
    """Every headline, paragraph and sentence of `articles`."""
    paragraphs = [p for a in articles for p in (a.title, *a.paragraphs)]
    return paragraphs + [s for p in paragraphs for s in text.split_sentences(p)]


# Letters of both cases, digits, name connectors, month and weekday words, relative phrases,
# quotes, brackets, dots and odd letters (a Roman numeral, a dotted capital I).
PIECES = """Kim Jong Un of de Al van Menteri Pertahanan Rusia ( ) “ ” ‘ " . ... , - ’ 's
Jumat Friday Mei May 6 29/11/2024 2024 tahun lalu pekan ini last week the kemarin yesterday
minggu Minggu bulan depan next year on pada hari Nov. 12 Dr. U.S. İstanbul Ⅻ é ß"""
WORDS = st.sampled_from(PIECES.split())
SENTENCES = st.lists(WORDS, max_size=24).map(" ".join)


@pytest.mark.parametrize("name", ALL)
def test_capitalised_runs_match_the_reference(corpora, name: str) -> None:
    classes: dict[str, tuple[str, int, bool]] = {}
    for sentence in texts_of(corpora[name]):
        assert text._capitalised_runs(sentence, classes) == reference.capitalised_runs(sentence)


@settings(max_examples=200, deadline=None)
@given(st.lists(SENTENCES, min_size=1, max_size=4))
def test_capitalised_runs_match_the_reference_on_any_text(sentences: list[str]) -> None:
    classes: dict[str, tuple[str, int, bool]] = {}  # shared, as within one article
    for sentence in sentences:
        assert text._capitalised_runs(sentence, classes) == reference.capitalised_runs(sentence)


@pytest.mark.parametrize("name", ALL)
def test_names_match_the_reference(corpora, name: str, monkeypatch) -> None:
    articles = corpora[name]
    fast = [text.extract_names(a.title, a.paragraphs) for a in articles]
    monkeypatch.setattr(text, "_capitalised_runs", lambda s, _=None: reference.capitalised_runs(s))
    monkeypatch.setattr(text, "_fold_aliases", reference.fold_aliases)
    assert fast == [text.extract_names(a.title, a.paragraphs) for a in articles]
    assert any(fast), "the corpus holds names"


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.lists(WORDS, min_size=1, max_size=4).map(" ".join), st.integers(1, 5)))
def test_alias_folding_matches_the_reference(counts: dict[str, int]) -> None:
    counts = {" ".join(n.split()): c for n, c in counts.items() if n.split()}
    first = {n: i for i, n in enumerate(sorted(counts))}
    expected = reference.fold_aliases(Counter(counts), dict(first), frozenset({"of"}))
    assert text._fold_aliases(Counter(counts), dict(first), frozenset({"of"})) == expected


@pytest.mark.parametrize("name", ALL)
def test_date_expressions_match_the_reference(corpora, name: str) -> None:
    found = 0
    for piece in texts_of(corpora[name]):
        expected = reference.find_expressions(piece)
        assert dates.find_expressions(piece) == expected
        found += len(expected)
        if "/" in piece:  # the only patterns that read day and month order
            assert dates.find_expressions(piece, False) == reference.find_expressions(piece, False)
        assert dates.may_hold_dates(piece) == (not dates._Cues.of(piece).is_empty)
        if not dates.may_hold_dates(piece):
            assert not expected
    assert found, "the corpus holds dates"


@settings(max_examples=200, deadline=None)
@given(SENTENCES)
def test_date_cues_match_the_reference_on_any_text(sentence: str) -> None:
    assert dates.find_expressions(sentence) == reference.find_expressions(sentence)
    lower = [t.lower() for t in dates._TOKEN.findall(sentence)]
    assert dates._has_relative(lower) == reference.has_relative(lower)


@settings(max_examples=200, deadline=None)
@given(st.lists(SENTENCES, min_size=1, max_size=4).map(". ".join))
def test_a_paragraph_without_date_cues_has_no_dated_sentence(paragraph: str) -> None:
    assert dates.may_hold_dates(paragraph) == (not dates._Cues.of(paragraph).is_empty)
    if not dates.may_hold_dates(paragraph):
        assert not any(dates.find_expressions(s) for s in text.split_sentences(paragraph))


ASCII_WORDS = st.sampled_from([p for p in PIECES.split() if p.isascii()] + ["MEI", "Last", "_"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(ASCII_WORDS, max_size=12).map(" ".join), min_size=1, max_size=3))
def test_ascii_paragraphs_take_the_byte_table_with_the_same_answer(sentences: list[str]) -> None:
    paragraph = ". ".join(sentences)
    assert dates.may_hold_dates(paragraph) == (not dates._Cues.of(paragraph).is_empty)
    without_digits = "".join(c for c in paragraph if not c.isdigit())
    lower = [t.lower() for t in dates._TOKEN.findall(without_digits)]
    assert dates._ascii_words(without_digits) == lower


@pytest.mark.parametrize("name", ALL)
def test_mentions_match_the_reference(corpora, name: str) -> None:
    for article in corpora[name]:
        assert timeline.find_mentions(article) == reference.find_mentions(article)


@pytest.mark.parametrize("name", ALL)
def test_sentence_words_and_line_keys_match_the_reference(corpora, name: str) -> None:
    for piece in texts_of(corpora[name]):
        assert timeline._words(piece) == reference.words_of(piece)
        assert clean.normalise_line(piece) == reference.normalise_line(piece)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"aZ09_ -.:/\t\n\x0b\x1c\x7f\u212a\u0130é“ß"])))
def test_line_keys_match_the_reference_on_any_text(line: str) -> None:
    # ASCII lines take a byte table, others the expression; the Kelvin sign lower-cases
    # to ASCII, the dotted capital I to two characters.
    assert clean.normalise_line(line) == reference.normalise_line(line)


@pytest.mark.parametrize("name", ALL)
def test_sentences_match_the_reference(corpora, name: str) -> None:
    for article in corpora[name]:
        for paragraph in (article.title, *article.paragraphs):
            assert text.split_sentences(paragraph) == reference.split_sentences(paragraph)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*PIECES.split(), "Mr.", "Sept.", "U.S.", "a.m.", "X.", "\n"])))
def test_sentences_match_the_reference_on_any_text(words: list[str]) -> None:
    paragraph = " ".join(words)
    assert text.split_sentences(paragraph) == reference.split_sentences(paragraph)


@pytest.mark.parametrize("name", ALL)
def test_line_rules_match_the_reference(corpora, name: str) -> None:
    """Every kept and every removed line: the screened rules pick the same rule as trying
    each rule in turn."""
    removed = [r.text for a in corpora[name] for r in a.removed]
    for line in texts_of(corpora[name]) + removed:
        assert clean.line_rule(line) == reference.line_rule(line)
    assert any(clean.line_rule(line) for line in removed), "the corpus has boilerplate"


# Words of the boilerplate rules, in odd cases and with the letters that match ASCII ones
# under re.I (dotted and dotless i, long s, Kelvin sign), and the bullets a list sets first.
BOILERPLATE = """Copyright copyrİght © All rights reserved hak cipta Baca juga : Read also
WhatsApp whatſapp Telegram channel saluran t.me/x news.google.com Editor contributed
contriButed to this report story Sumber (Foto: AP) [Getty] Jumat, 29/11/2024 10:00 WIB |
Ķ K ı İ Share Facebook subscribe ● • ▶"""
BOILERPLATE_LINES = st.lists(st.sampled_from(BOILERPLATE.split() + PIECES.split()), max_size=12)


@settings(max_examples=300, deadline=None)
@given(BOILERPLATE_LINES.map(" ".join))
def test_line_rules_match_the_reference_on_any_text(line: str) -> None:
    assert clean.line_rule(line) == reference.line_rule(line)


@settings(max_examples=200, deadline=None)
@given(SENTENCES)
def test_sentence_words_match_the_reference_on_any_text(sentence: str) -> None:
    assert timeline._words(sentence) == reference.words_of(sentence)


@pytest.mark.parametrize("name", CORPORA)
def test_timelines_match_the_reference(corpora, name: str) -> None:
    """Each gold event's timeline, built by the fast and the old code."""
    gold = evaluate.gold_by_article(
        evaluate.read_gold(REPO / "tests" / "corpora" / name / "gold.json"), corpora[name]
    )
    events: dict[str, list[Article]] = {}
    for article in corpora[name]:
        events.setdefault(gold.get(article.id, article.id), []).append(article)
    entries = 0
    for members in events.values():
        dated = timeline.infer_dates(members)
        expected = reference.build_entries(dated)
        assert timeline.build_entries(dated) == expected
        entries += len(expected)
    assert entries, "the corpus has timelines"
