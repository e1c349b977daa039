"""An English and an Indonesian report of one event: an Indonesian lead names offices in
Indonesian words the English report translates, so the names score of such a pair is the
mean of the lower coverage and the English lead's (`features.shared_names`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import explain_cli, explain_line

from digest import cluster, dates, evaluate, features, views
from digest.config import ClusterParams
from digest.features import Features, english_side, name_coverage, shared_names

BLIND115 = Path(__file__).parent / "corpora" / "blind115" / "articles"
INDONESIAN, ENGLISH = ("b115-026", "b115-049"), "b115-029"
"""blind115's police naming two kitchen staff suspects in Kendal's school-meal poisoning
(20 Nov): "Polres Kendal tetapkan dua tersangka kasus keracunan MBG Weleri" twice (two
outlets) and Reuters-style "Indonesian police name two kitchen staff as suspects". The
Indonesian lead names "Kepolisian Resor", "Satuan Pelayanan Pemenuhan Gizi", "SPPG", which
the English report writes as "police" and "kitchen"."""


def _report(language: str | None, lead: dict[str, float], names: set[str]) -> Features:
    terms = {"w": 1.0}
    return Features("x", terms, terms, lead, frozenset(names), None, language=language)


def test_the_english_lead_counts_half_across_languages_only() -> None:
    english = _report("en", {"kendal": 1.0, "police": 1.0}, {"kendal", "police"})
    indonesian = _report("id", {"kendal": 1.0, "kepolisian": 3.0}, {"kendal", "kepolisian"})
    lower = 0.25  # the Indonesian lead: only "kendal", a quarter of its weight
    english_lead = 0.5  # the English lead: "kendal", not "police" (a word in Indonesian)
    assert name_coverage(indonesian, english) == lower
    assert name_coverage(english, indonesian) == english_lead
    assert shared_names(english, indonesian) == shared_names(indonesian, english)
    assert shared_names(english, indonesian) == (lower + english_lead) / 2
    # One language, an unknown one, or two languages neither of which is English: the lower.
    for first, second in (("id", "id"), ("en", "en"), ("en", None), (None, "id"), ("id", "ms")):
        a = _report(first, english.lead_names, english.names)
        b = _report(second, indonesian.lead_names, indonesian.names)
        assert english_side(first, second) is None
        assert shared_names(a, b) == lower


def test_a_short_english_lead_naming_a_place_is_not_wholly_confirmed() -> None:
    """The English lead alone would make any report from the place its full match."""
    english = _report("en", {"kendal": 1.0}, {"kendal"})
    other_story = _report("id", {"kendal": 1.0, "bupati": 1.0, "banjir": 2.0}, {"kendal"})
    assert name_coverage(english, other_story) == 1.0
    assert shared_names(english, other_story) == (0.25 + 1.0) / 2


def _pair() -> tuple[Features, Features, Features]:
    articles = sorted(evaluate.load_articles(BLIND115), key=lambda a: a.id)
    made = cluster.featurize_corpus(articles, ClusterParams(), None, False)[0]
    by_id = dict(zip([a.id for a in articles], made, strict=True))
    return by_id[INDONESIAN[0]], by_id[INDONESIAN[1]], by_id[ENGLISH]


def test_the_police_reports_in_two_languages_are_one_event(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first, second, english = _pair()
    assert (first.language, second.language, english.language) == ("id", "id", "en")
    assert name_coverage(first, english) < 0.2 < 0.7 < name_coverage(english, first)
    threshold = ClusterParams().min_similarity
    assert cluster.similarity(first, english, ClusterParams()) > threshold
    groups = cluster.cluster_articles(evaluate.load_articles(BLIND115), ClusterParams())
    (group,) = [set(g) for g in groups if ENGLISH in g]
    assert set(INDONESIAN) <= group
    # With the lower coverage alone (as before the twenty-fourth session) it scores less; it
    # fell under the threshold until the thirty-ninth session's everyday news words
    # ("keracunan" = "poisoning", "makanan" = "food", "telur" = "eggs") gave the two reports
    # more words in common.
    with_rule = cluster.similarity(first, english, ClusterParams())
    monkeypatch.setattr(features, "english_side", lambda a, b: None)
    assert cluster.similarity(first, english, ClusterParams()) < with_rule - 0.05


def test_explain_says_the_english_lead_counts() -> None:
    line = explain_line(explain_cli(INDONESIAN[0], ENGLISH, BLIND115), "names")
    assert "id and en: the mean of the lower and the English lead's" in line
    same = explain_line(explain_cli(INDONESIAN[0], INDONESIAN[1], BLIND115), "names")
    assert "the lower counts" in same


def test_a_language_with_its_region_is_that_language(tmp_path: Path) -> None:
    """Front matter may write "en-US" or "en-GB": one language with "en" to the clusterer
    (no cross-language factor, no English-lead rule between them) and to the pages; the
    region still orders numeric dates."""
    story = "A flash flood hit Kendal on Friday, and the Kendal regent visited the villages."
    for name, code in (("us.md", "en-US"), ("plain.md", "en"), ("gb.md", "en-GB")):
        text = f"---\ntitle: Flash flood hits Kendal\nlanguage: {code}\n---\n{story}\n"
        (tmp_path / name).write_text(text, encoding="utf-8")
    articles = sorted(evaluate.load_articles(tmp_path), key=lambda a: a.id)
    assert [a.language for a in articles] == ["en-gb", "en", "en-us"]
    assert [views.article_language(a) for a in articles] == ["en", "en", "en"]
    made = cluster.featurize_corpus(articles, ClusterParams(), None, False)[0]
    assert {f.language for f in made} == {"en"}  # (each comparison reads `Features.language`)
    assert dates.is_month_first(articles[2].language) and not dates.is_month_first("en-gb")


def test_explain_says_when_a_lead_names_nothing(tmp_path: Path) -> None:
    texts = {
        "a.txt": "the flood rose again\n\nthe water rose overnight; people left, officials said.",
        "b.txt": "Flood hits Kendal as river rises\n\nThe Bodri river burst its banks in "
        "Kendal on Friday, the Kendal disaster agency said.",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    line = explain_line(explain_cli("a", "b", tmp_path), "names")
    assert line.split()[1] == "0.000" and "n/a" in line and "a lead without names" in line
