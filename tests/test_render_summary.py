"""Summaries, related events, names index and disagreements, on small articles written here."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import make_article

from digest import summary
from digest.model import DateMention, DateValue, Event


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("PYONGYANG, - Menteri bertemu Kim.", "Menteri bertemu Kim."),
        ("LOGIC.co.id – Pemimpin Korea Utara berbicara.", "Pemimpin Korea Utara berbicara."),
        ("JAKARTA, KOMPAS.com - Presiden tiba.", "Presiden tiba."),
        ("The minister arrived - late - on Friday.", "The minister arrived - late - on Friday."),
    ],
)
def test_strip_dateline(sentence: str, expected: str) -> None:
    assert summary.strip_dateline(sentence) == expected


@pytest.mark.parametrize(
    "number, multiplier, value",
    [("10.000", None, 10000), ("10,000", None, 10000), ("1,5", "juta", 1.5e6),
     ("2.5", "million", 2.5e6), ("12", None, 12), ("1.234.567", None, 1234567)],
)  # fmt: skip
def test_parse_figure(number: str, multiplier: str | None, value: float) -> None:
    assert summary.parse_figure(number, multiplier) == value


def test_summary_is_the_lead_sentence_then_another_articles_new_sentence() -> None:
    a = make_article(
        id="a",
        title="Flood hits river town",
        body="RIVERTON, - A flood hit the river town on Monday after days of heavy rain. "
        "Officials said roads were closed.\n\nA local bakery stayed open all week long.",
    )
    b = make_article(
        id="b",
        title="River town flooded, hundreds evacuated",
        body="Hundreds of residents were evacuated from the flooded river town by boat.",
    )
    chosen = summary.summarize([b, a])
    assert [s.article for s in chosen] == ["a", "b"] or [s.article for s in chosen] == ["b", "a"]
    assert chosen[0].sentence.startswith(("A flood hit", "Hundreds of residents"))
    assert all(not s.sentence.startswith("RIVERTON") for s in chosen)
    assert len(chosen) == 2


def test_summary_of_article_without_sentences_is_empty() -> None:
    assert summary.summarize([make_article(body="Short.")]) == ()


def test_figure_disagreement_shows_both_figures_with_sources() -> None:
    a = make_article(id="a", body="Korea Utara mengirim 10.000 tentara ke Rusia untuk berperang.")
    b = make_article(id="b", body="Korea Utara telah mengirim 12.000 tentara ke Rusia, kata Seoul.")
    c = make_article(id="c", body="Korea Utara mengirim 10.000 tentara ke Rusia bulan lalu.")
    found = summary.figure_disagreements([a, b, c])
    assert len(found) == 1
    claims = found[0].claims
    assert found[0].subject == "tentara"
    assert {cl.value for cl in claims} == {"10.000 tentara", "12.000 tentara"}
    assert {cl.source.article for cl in claims} <= {"a", "b", "c"}
    assert "b" in {cl.source.article for cl in claims}


def test_same_figure_or_unrelated_figures_are_no_disagreement() -> None:
    a = make_article(id="a", body="The army sent 10,000 troops to the border on Monday.")
    b = make_article(id="b", body="About 10,000 troops were sent to the border, officials said.")
    c = make_article(
        id="c", body="The stadium holds 40,000 troops of fans every weekend in spring."
    )
    assert summary.figure_disagreements([a, b]) == []
    assert summary.figure_disagreements([a, c]) == []


def _dated(id: str, body: str, day: date) -> object:
    mention = DateMention("x", DateValue(day), paragraph=0, sentence=0)
    return make_article(id=id, body=body, mentions=(mention,))


def test_date_disagreement_between_similar_sentences() -> None:
    a = _dated(
        "a", "The minister arrived in the capital for talks on 28 November.", date(2024, 11, 28)
    )
    b = _dated(
        "b", "The minister arrived in the capital for talks on 29 November.", date(2024, 11, 29)
    )
    c = _dated("c", "A bridge opened to traffic in a distant city.", date(2024, 11, 1))
    found = summary.date_disagreements([a, b, c])
    assert len(found) == 1 and found[0].kind == "date"
    assert {cl.source.article for cl in found[0].claims} == {"a", "b"}


def test_related_events_share_rare_names_not_common_ones() -> None:
    events = [
        Event(id="e1", title="1", article_ids=(), names=("Rusia", "Belousov", "Pyongyang")),
        Event(id="e2", title="2", article_ids=(), names=("Rusia", "Belousov")),
        Event(id="e3", title="3", article_ids=(), names=("Rusia", "Putin")),
    ]
    related = summary.related_events(events)
    assert [r.event.id for r in related["e1"]] == ["e2"]
    assert related["e1"][0].shared == ("Belousov",)
    assert related["e3"] == ()


def test_names_index_is_alphabetical_with_events() -> None:
    e1 = Event(id="e1", title="1", article_ids=(), names=("beta", "Alpha"))
    e2 = Event(id="e2", title="2", article_ids=(), names=("Alpha",))
    index = summary.names_index([e1, e2])
    assert [(name, [e.id for e in evs]) for name, evs in index] == [
        ("Alpha", ["e1", "e2"]),
        ("beta", ["e1"]),
    ]
