"""Summaries, related events, names index and disagreements, on small articles written here."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import make_article

from digest import summary, text
from digest.model import DateMention, DateValue, Event


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("PYONGYANG, - Menteri bertemu Kim.", "Menteri bertemu Kim."),
        ("LOGIC.co.id – Pemimpin Korea Utara berbicara.", "Pemimpin Korea Utara berbicara."),
        ("JAKARTA, KOMPAS.com - Presiden tiba.", "Presiden tiba."),
        (
            "Jakarta (NNA) - Bank Indonesia menahan suku bunga.",
            "Bank Indonesia menahan suku bunga.",
        ),
        ("JAKARTA (PNW) — A landslide buried six houses.", "A landslide buried six houses."),
        ("CIANJUR, West Java — The agency chief visited.", "The agency chief visited."),
        ("The minister arrived - late - on Friday.", "The minister arrived - late - on Friday."),
        # Wire and portal datelines a summary line used to keep (thirtieth session):
        ("Kendari, SE Sulawesi (ANTARA) - The governor visited.", "The governor visited."),
        (
            "SAMARINDA, Indonesia, Jan 22 (Reuters) - The province set wages.",
            "The province set wages.",
        ),
        ("Liputan6.com, Balangan - Operasi pencarian berlanjut.", "Operasi pencarian berlanjut."),
        (
            "Jakarta, CNN Indonesia -- Sebanyak 14 penambang terjebak.",
            "Sebanyak 14 penambang terjebak.",
        ),
        ("BINTULU: Three workers were killed.", "Three workers were killed."),
        # A name and an aside between dashes are no dateline:
        (
            "Presiden Prabowo Subianto - Wakil Presiden hadir.",
            "Presiden Prabowo Subianto - Wakil Presiden hadir.",
        ),
        (
            "Bank Indonesia - the central bank - held rates.",
            "Bank Indonesia - the central bank - held rates.",
        ),
    ],
)
def test_strip_dateline(sentence: str, expected: str) -> None:
    assert text.strip_dateline(sentence) == expected


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


def test_summary_stays_in_the_language_of_its_first_sentence() -> None:
    """An English and an Indonesian report lead with the same fact: the second sentence is
    taken from a report in the first one's language, or left out, never the translation
    of the first."""
    en = make_article(
        id="en",
        title="Sugiono meets Japan's Iwaya in Tokyo",
        body="Indonesian Foreign Minister Sugiono met his Japanese counterpart Takeshi Iwaya in "
        "Tokyo on Monday, officials said.\n\nThe two agreed to deepen maritime security "
        "cooperation in the region.",
        language="en",
    )
    id_ = make_article(
        id="id",
        title="Menlu Sugiono bertemu Menlu Jepang Takeshi Iwaya di Tokyo",
        body="Menlu Sugiono bertemu dengan Menlu Jepang Takeshi Iwaya di Tokyo pada hari Senin, "
        "kata para pejabat.",
        language="id",
    )
    chosen = summary.summarize([en, id_])
    assert chosen
    assert len({s.article for s in chosen}) == 1, chosen  # one report per language here


def test_summary_is_in_the_language_of_the_report_that_titles_the_event() -> None:
    """An event titled by its Indonesian report (the site's language) is summed up in
    Indonesian too, even when its English report's lead scores higher."""
    en = make_article(
        id="en",
        title="Sugiono meets Japan's Iwaya in Tokyo",
        body="Indonesian Foreign Minister Sugiono met Japanese Foreign Minister Takeshi Iwaya "
        "in Tokyo on Monday to discuss maritime security cooperation, officials said.",
        language="en",
    )
    id_ = make_article(
        id="id",
        title="Menlu Sugiono bertemu Menlu Jepang di Tokyo",
        body="Menlu Sugiono bertemu dengan Menlu Jepang di Tokyo pada hari Senin.",
        language="id",
    )
    assert summary.summarize([en, id_])[0].article == "en"  # the richer lead, untitled
    assert [s.article for s in summary.summarize([en, id_], title_from="id")] == ["id"]
    event = Event("e", id_.title, ("en", "id"))
    assert summary.attach_summary(event, {"en": en, "id": id_}).summary[0].article == "id"


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


def test_a_figure_that_changed_between_days_is_an_update_earliest_first() -> None:
    """A toll that rose from one day's report to the next is not two reports disagreeing;
    reports of one day (or undated) that differ still are."""
    body = "The disaster agency said {n} people were killed by the quake in the province."
    day = {"a": date(2026, 9, 16), "b": date(2026, 9, 14), "c": date(2026, 9, 14)}
    a, b, c = (
        make_article(id=i, body=body.format(n=n), published=DateValue(day[i]))
        for i, n in (("a", 31), ("b", 4), ("c", 12))
    )
    (update,) = summary.figure_disagreements([a, b])
    assert update.kind == "update"
    assert [cl.value for cl in update.claims] == ["4 people", "31 people"]  # earliest first
    (same_day,) = summary.figure_disagreements([b, c])
    assert same_day.kind == "figure"
    (undated,) = summary.figure_disagreements([a, make_article(id="d", body=body.format(n=12))])
    assert undated.kind == "figure"


def test_same_figure_or_unrelated_figures_are_no_disagreement() -> None:
    a = make_article(id="a", body="The army sent 10,000 troops to the border on Monday.")
    b = make_article(id="b", body="About 10,000 troops were sent to the border, officials said.")
    c = make_article(
        id="c", body="The stadium holds 40,000 troops of fans every weekend in spring."
    )
    assert summary.figure_disagreements([a, b]) == []
    assert summary.figure_disagreements([a, c]) == []


def _dated(id: str, body: str, said: str, day: date) -> object:
    mention = DateMention(said, DateValue(day), paragraph=0, sentence=0)
    return make_article(id=id, body=body, mentions=(mention,))


def test_date_disagreement_between_similar_sentences() -> None:
    said_a, said_b = "28 November 2024", "29 November 2024"
    a = _dated(
        "a",
        f"The minister arrived in the capital for talks on {said_a}.",
        said_a,
        date(2024, 11, 28),
    )
    b = _dated(
        "b",
        f"The minister arrived in the capital for talks on {said_b}.",
        said_b,
        date(2024, 11, 29),
    )
    c = _dated(
        "c", "A bridge opened to traffic in a distant city.", "1 November 2024", date(2024, 11, 1)
    )
    found = summary.date_disagreements([a, b, c])
    assert len(found) == 1 and found[0].kind == "date"
    assert {cl.source.article for cl in found[0].claims} == {"a", "b"}
    assert {cl.value for cl in found[0].claims} == {said_a, said_b}


def test_dates_without_a_written_year_are_not_held_against_a_report() -> None:
    a = _dated(
        "a",
        "Elections planned for December 15, 2013 will have two parties.",
        "December 15, 2013",
        date(2013, 12, 15),
    )
    b = _dated(
        "b",
        "Elections planned for December 15 will have two parties.",
        "December 15",
        date(2012, 12, 15),
    )
    assert summary.date_disagreements([a, b]) == []


def test_times_and_bare_multipliers_are_not_figures() -> None:
    a = make_article(id="a", body="The fire service was called at 06: 00 BST to the store in town.")
    b = make_article(id="b", body="By about 09: 30 BST the fire was out at the store in town.")
    c = make_article(
        id="c", body="The film has already brought in over $363 million worldwide now."
    )
    d = make_article(id="d", body="The director was reportedly paid $3 million. He is happy, yes.")
    assert summary.figure_disagreements([a, b]) == []
    assert summary.figure_disagreements([c, d]) == []


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
