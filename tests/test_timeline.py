"""Timelines on the seeds (events built directly, so this does not depend on the clusterer)
and on small articles written here."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import SEEDS, make_article, run_digest

from digest import build, clean, load, timeline
from digest.model import Article, DateSource, DateValue, Event, Granularity

FIXTURE = Path(__file__).parent / "fixtures" / "seed_dates.yaml"


def _seed_articles() -> dict[str, Article]:
    raws, _ = load.read_sources(SEEDS)
    articles = [build.to_article(c) for c in clean.clean_corpus(raws)]
    return {a.id.split("_")[0]: a for a in articles}


@pytest.fixture(scope="module")
def expected() -> dict:
    return yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seeds(expected) -> tuple[list[Event], dict[str, Article]]:
    """The seed events as the fixture groups them, with timelines; articles by short id."""
    articles = _seed_articles()
    events = [
        Event(id=f"e{n}", title=f"e{n}", article_ids=tuple(articles[f"{i:03d}"].id for i in g))
        for n, g in enumerate(expected["events"])
    ]
    events, by_id = timeline.attach_all(events, {a.id: a for a in articles.values()})
    return events, {aid.split("_")[0]: a for aid, a in by_id.items()}


def _event_of(events: list[Event], short_id: str) -> Event:
    return next(e for e in events if any(a.startswith(short_id) for a in e.article_ids))


def test_belousov_visit_has_29_november_from_several_articles(seeds) -> None:
    events, _ = seeds
    event = _event_of(events, "000")
    days = [e for e in event.timeline if e.date.iso() == "2024-11-29"]
    assert len(days) == 1
    assert days[0].date.is_certain and not days[0].is_background
    assert len({s.article for s in days[0].sources}) > 1


def test_article_004_date_is_inferred_from_its_event(seeds) -> None:
    _, articles = seeds
    published = articles["004"].published
    assert published == DateValue(date(2024, 11, 29), Granularity.DAY, DateSource.INFERRED)


def test_inference_needs_the_event(expected) -> None:
    """Alone, 004 has no date: the inference comes from the other reports, not from 004."""
    articles = _seed_articles()
    assert articles["004"].published is None
    alone = timeline.infer_dates([articles["004"]])
    assert alone[0].published is None


def test_ratification_event_has_11_or_12_november(seeds) -> None:
    events, _ = seeds
    days = {e.date.iso() for e in _event_of(events, "003").timeline if not e.is_background}
    assert days & {"2024-11-11", "2024-11-12"}


def test_june_signing_is_background(seeds) -> None:
    events, _ = seeds
    for short_id in ("000", "003"):
        june = [e for e in _event_of(events, short_id).timeline if e.date.iso() == "2024-06"]
        assert june and all(e.is_background for e in june), short_id
        assert any("Juni" in s.sentence for e in june for s in e.sources)


def test_article_dates_match_the_fixture(seeds, expected) -> None:
    _, articles = seeds
    for short_id, want in expected["published"].items():
        got = articles[short_id].published
        assert got is not None, short_id
        assert (got.json_date()[: len(want["date"])], got.granularity.value, got.source.value) == (
            want["date"],
            want["precision"],
            want["provenance"],
        ), short_id


def _matches(want: dict, article: Article, mention) -> bool:
    sentence = timeline.sentence_of(article, mention)
    return (
        (want["phrase"] in mention.text or mention.text in want["phrase"])
        and want["sentence"] in sentence
        and mention.date.json_date()[: len(want["date"])] == want["date"]
        and len(mention.date.json_date()) >= len(want["date"])
        and mention.date.granularity.value == want["precision"]
    )


def test_seed_date_phrases_precision_and_recall(seeds, expected) -> None:
    _, articles = seeds
    found = [(sid, a, m) for sid, a in sorted(articles.items()) for m in a.mentions]
    wanted = expected["phrases"]
    hits = [
        w for w in wanted if any(_matches(w, a, m) for sid, a, m in found if sid == w["article"])
    ]
    true = [
        f for f in found if any(_matches(w, f[1], f[2]) for w in wanted if w["article"] == f[0])
    ]
    recall = len(hits) / len(wanted)
    precision = len(true) / len(found)
    missed = [(w["article"], w["phrase"], w["date"]) for w in wanted if w not in hits]
    extra = [(sid, m.text, m.date.iso()) for sid, _, m in found if (sid, _, m) not in true]
    assert recall >= 0.95, missed
    assert precision >= 0.95, extra


def test_timeline_is_ordered_with_periods_before_their_days(seeds) -> None:
    events, _ = seeds
    for event in events:
        keys = [(e.date.value, -e.date.granularity.rank) for e in event.timeline]
        assert keys == sorted(keys)


def test_timeline_is_deterministic_and_input_order_independent(expected) -> None:
    articles = _seed_articles()
    ids = tuple(articles[f"{i:03d}"].id for i in expected["events"][0])
    by_id = {a.id: a for a in articles.values()}
    forward = timeline.attach(Event("e", "e", ids), by_id)
    backward = timeline.attach(Event("e", "e", tuple(reversed(ids))), by_id)
    assert forward.timeline == backward.timeline


def test_same_happening_in_two_articles_merges() -> None:
    a = make_article(
        "a",
        body="JAKARTA - Menteri Luar Negeri Retno Marsudi tiba di Kairo, Senin (4/3/2024).",
        published=DateValue(date(2024, 3, 4), Granularity.DAY, DateSource.DATELINE),
    )
    b = make_article(
        "b",
        body="Retno Marsudi tiba di Kairo pada hari Senin untuk membahas gencatan senjata.",
        published=DateValue(date(2024, 3, 5), Granularity.DAY, DateSource.FRONT_MATTER),
    )
    members = [replace_mentions(a), replace_mentions(b)]
    entries = timeline.build_entries(members)
    march_4 = [e for e in entries if e.date.iso() == "2024-03-04"]
    assert len(march_4) == 1
    assert [s.article for s in march_4[0].sources] == ["a", "b"]
    assert march_4[0].date.source is DateSource.EXPLICIT


def _dated(id: str, body: str, day: date) -> Article:
    published = DateValue(day, Granularity.DAY, DateSource.DATELINE)
    return replace_mentions(make_article(id, body=body, published=published))


def test_a_day_after_its_reports_own_is_expected_until_a_later_report_tells_it() -> None:
    plan = _dated(
        "a",
        "Menlu tiba di Dakar, Selasa (3/11/2026).\n\n"
        "Menlu dijadwalkan kembali ke Jakarta pada Rabu (4/11/2026).\n\n"
        "Kedua menteri akan bertemu lagi pada 2027. Kunjungan ini yang kedua bulan ini.",
        date(2026, 11, 3),
    )
    entries = {e.date.iso(): e for e in timeline.build_entries([plan])}
    assert entries["2026-11-04"].is_planned and entries["2027"].is_planned
    assert not entries["2026-11-03"].is_planned  # its own day
    assert not entries["2026-11"].is_planned  # "this month" holds its own day
    told = _dated("b", "Menlu tiba kembali di Jakarta pada Rabu (4/11/2026).", date(2026, 11, 5))
    entries = {e.date.iso(): e for e in timeline.build_entries([plan, told])}
    assert not entries["2026-11-04"].is_planned  # a later report tells it as done


def test_expected_entries_are_tagged_on_the_page_and_in_events_json(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(
        "Menlu RI tiba di Dakar\n\nDAKAR - Menteri Luar Negeri tiba di Dakar, Selasa "
        "(3/11/2026).\n\nIa dijadwalkan menuju Pretoria pada Rabu (18/11/2026).\n",
        encoding="utf-8",
    )
    run_digest("build", "--seeds", str(seeds), "--out", str(tmp_path / "site"), "--quiet",
               "--no-cache", cwd=tmp_path)  # fmt: skip
    site = tmp_path / "site"
    (event,) = json.loads((site / "events.json").read_text(encoding="utf-8"))["events"]
    planned = {t["date"]: t["planned"] for t in event["timeline"]}
    assert planned == {"2026-11-03": False, "2026-11-18": True}
    (page,) = (site / "events").glob("*.html")
    assert page.read_text(encoding="utf-8").count('class="tag planned"') == 1


def test_different_happenings_in_one_month_stay_apart() -> None:
    body = (
        "Parlemen mengesahkan undang-undang pemilu pada awal bulan ini.\n\n"
        "Sebuah badai besar melanda pesisir timur pada bulan ini dan merusak ratusan rumah."
    )
    article = replace_mentions(
        make_article(
            body=body, published=DateValue(date(2024, 5, 20), Granularity.DAY, DateSource.DATELINE)
        )
    )
    entries = timeline.build_entries([article])
    assert [e.date.iso() for e in entries] == ["2024-05", "2024-05"]


def test_one_happening_told_in_english_and_indonesian_is_one_entry() -> None:
    """Within a month, sentences join on shared words; an English and an Indonesian sentence
    share them once read as the clusterer reads terms ("lawatan" = "visit", "Oktober" =
    "October", "Sugiono's" = "Sugiono")."""
    day = DateValue(date(2024, 11, 4), Granularity.DAY, DateSource.DATELINE)
    english = make_article(
        "en",
        body="Sugiono met his Japanese counterpart Takeshi Iwaya on Monday.\n\n"
        "The two discussed maritime security and trade.\n\n"
        "Iwaya praised the partnership.\n\n"
        "Officials said more talks were planned.\n\n"
        "The Tokyo trip is Sugiono's first visit abroad since he took office in October.",
        published=day,
    )
    indonesian = make_article(
        "id",
        body="Sugiono bertemu Menlu Jepang Takeshi Iwaya pada Senin.\n\n"
        "Keduanya membahas keamanan maritim dan perdagangan.\n\n"
        "Iwaya memuji kemitraan kedua negara.\n\n"
        "Pejabat mengatakan pembicaraan lanjutan sedang disiapkan.\n\n"
        "Kunjungan ke Tokyo ini merupakan lawatan pertama Sugiono sejak dilantik "
        "pada Oktober.",
        published=day,
    )
    entries = timeline.build_entries([replace_mentions(english), replace_mentions(indonesian)])
    october = [e for e in entries if e.date.iso() == "2024-10"]
    assert len(october) == 1
    assert [s.article for s in october[0].sources] == ["en", "id"]


def test_background_is_measured_from_the_first_report() -> None:
    body = "Kedua negara menandatangani perjanjian pada 19 Juni 2024.\n\nKunjungan dimulai kemarin."
    article = replace_mentions(
        make_article(
            body=body, published=DateValue(date(2024, 11, 29), Granularity.DAY, DateSource.DATELINE)
        )
    )
    entries = timeline.build_entries([article])
    assert [(e.date.iso(), e.is_background) for e in entries] == [
        ("2024-06-19", True),
        ("2024-11-28", False),
    ]


def test_inference_requires_a_matching_sentence_on_that_weekday() -> None:
    dated = replace_mentions(
        make_article(
            "a",
            body="Presiden Prabowo membuka pameran dirgantara di Kemayoran, Rabu (6/11/2024).",
            published=DateValue(date(2024, 11, 6), Granularity.DAY, DateSource.DATELINE),
        )
    )
    same = replace_mentions(make_article("b", body="Prabowo membuka pameran dirgantara pada Rabu."))
    other_weekday = replace_mentions(make_article("c", body="Prabowo membuka pameran pada Kamis."))
    unrelated = replace_mentions(make_article("d", body="Harga cabai naik tajam pada Rabu."))
    result = {
        a.id: a.published for a in timeline.infer_dates([dated, same, other_weekday, unrelated])
    }
    assert result["b"] == DateValue(date(2024, 11, 6), Granularity.DAY, DateSource.INFERRED)
    assert result["c"] is None
    assert result["d"] is None


def test_inferred_anchor_makes_resolved_mentions_inferred(seeds) -> None:
    _, articles = seeds
    sources = {m.text: m.date.source for m in articles["004"].mentions}
    assert sources["pada hari Jumat"] is DateSource.INFERRED
    assert sources["bulan Mei"] is DateSource.INFERRED
    assert sources["pada tahun 2022"] is DateSource.EXPLICIT


def test_story_puts_all_events_on_one_axis(seeds) -> None:
    events, _ = seeds
    story = timeline.story(events)
    keys = [(s.date.value, -s.date.granularity.rank) for s in story]
    assert keys == sorted(keys)
    assert {e for s in story for e in s.events} == {e.id for e in events}
    shared = [s for s in story if s.is_background and len(s.events) > 1]
    assert shared, "the June signing is background to more than one event"
    own = [s for s in story if not s.is_background]
    assert all(len(s.events) == 1 for s in own)


@pytest.mark.parametrize(
    "sentence, phrase, expected",
    [
        (
            '"Ini hak kami," kata Kim seperti dikutip dari AFP.',
            "",
            '"Ini hak kami," kata Kim.',
        ),
        (
            "PYONGYANG, - Menteri Pertahanan Rusia tiba di Pyongyang, Jumat (29/11/2024).",
            "Jumat (29/11/2024)",
            "Menteri Pertahanan Rusia tiba di Pyongyang, Jumat (29/11/2024).",
        ),
        (
            "Tirawuta (ANTARA) - DPRD Kolaka Timur pada Rabu (21/1) menyetujui usulan itu.",
            "Rabu (21/1)",
            "DPRD Kolaka Timur pada Rabu (21/1) menyetujui usulan itu.",
        ),
        (  # the date is in the dateline: the entry shows it anyway
            "JAKARTA, Jan 5 (Reuters) - A nickel miner sent 870 workers home on Monday.",
            "Jan 5",
            "A nickel miner sent 870 workers home on Monday.",
        ),
        (
            "Sebelumnya, Putin dan Kim menandatangani perjanjian pada Juni, menurut KCNA.",
            "Juni",
            "Putin dan Kim menandatangani perjanjian pada Juni.",
        ),
        (
            "The minister arrived on Friday, according to state media.",
            "on Friday",
            "The minister arrived on Friday.",
        ),
        (
            "Kim met Kozlov on Tuesday, KCNA said on Wednesday.",
            "on Wednesday",
            "Kim met Kozlov on Tuesday, KCNA said on Wednesday.",
        ),
    ],
)
def test_trim_text(sentence: str, phrase: str, expected: str) -> None:
    assert timeline.trim_text(sentence, phrase) == expected


def replace_mentions(article: Article) -> Article:
    from dataclasses import replace

    return replace(article, mentions=timeline.find_mentions(article))


def test_background_period_is_one_entry_with_every_source(seeds) -> None:
    events, _ = seeds
    for event in events:
        keys = [(e.date.value, e.date.granularity) for e in event.timeline if e.is_background]
        assert len(keys) == len(set(keys)), event.id
    june = next(e for e in _event_of(events, "003").timeline if e.date.iso() == "2024-06")
    assert len(june.sources) == 3


def test_sentence_that_points_back_gets_its_context() -> None:
    body = (
        "Kedua menteri sepakat memperluas kerja sama pertanian.\n\n"
        "Hal itu disampaikan kementerian pada Sabtu (30/11/2024)."
    )
    article = replace_mentions(make_article(body=body))
    (entry,) = timeline.build_entries([article])
    assert entry.text.startswith("Kedua menteri sepakat")
    assert entry.sources[0].sentence == "Hal itu disampaikan kementerian pada Sabtu (30/11/2024)."


def test_yesterday_pins_the_day_after_the_stated_day() -> None:
    dated = replace_mentions(
        make_article(
            "a",
            body="Gempa magnitudo 6,1 mengguncang Cianjur pada Senin (21/11/2022) siang.",
            published=DateValue(date(2022, 11, 21), Granularity.DAY, DateSource.DATELINE),
        )
    )
    undated = replace_mentions(
        make_article(
            "b", body="Gempa magnitudo 6,1 yang mengguncang Cianjur kemarin merusak rumah."
        )
    )
    result = {a.id: a.published for a in timeline.infer_dates([dated, undated])}
    assert result["b"] == DateValue(date(2022, 11, 22), Granularity.DAY, DateSource.INFERRED)


def test_contradicting_pins_give_no_date() -> None:
    first = replace_mentions(
        make_article(
            "a",
            body="Presiden meresmikan bendungan Jatigede, Senin (4/3/2024).",
            published=DateValue(date(2024, 3, 4), Granularity.DAY, DateSource.DATELINE),
        )
    )
    second = replace_mentions(
        make_article(
            "b",
            body="Presiden meninjau banjir Demak, Selasa (19/3/2024).",
            published=DateValue(date(2024, 3, 19), Granularity.DAY, DateSource.DATELINE),
        )
    )
    undated = replace_mentions(
        make_article(
            "c",
            body="Presiden meresmikan bendungan Jatigede pada Senin.\n\n"
            "Presiden meninjau banjir Demak pada Selasa.",
        )
    )
    result = {a.id: a.published for a in timeline.infer_dates([first, second, undated])}
    assert result["c"] is None


def test_seed_facts_through_the_real_cli(tmp_path: Path) -> None:
    """The same seed facts, from `digest build` in a subprocess with the real clusterer."""
    import json

    out = tmp_path / "site"
    result = run_digest("build", "--seeds", str(SEEDS), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads((out / "events.json").read_text(encoding="utf-8"))
    published = {a["id"][:3]: (a["published"], a["published_source"]) for a in data["articles"]}
    assert published["004"] == ("2024-11-29", "inferred")
    event_of = {aid[:3]: e for e in data["events"] for aid in e["articles"]}
    visit = event_of["000"]["timeline"]
    day = [t for t in visit if t["date"] == "2024-11-29"]
    assert day and len({s["article"] for s in day[0]["sources"]}) > 1
    ratification = event_of["003"]["timeline"]
    assert {t["date"] for t in ratification} & {"2024-11-11", "2024-11-12"}
    june = [t for t in ratification + visit if t["date"] == "2024-06"]
    assert june and all(t["background"] for t in june)
    assert (out / "timeline.html").is_file()


@pytest.mark.parametrize(("estimated_month", "inferred"), [(3, True), (5, False)])
def test_an_estimate_in_the_wrong_year_lets_the_event_date_a_report(
    estimated_month: int, inferred: bool
) -> None:
    """A report dated only by "on Sunday", whose month was estimated from its text in a year
    its background names (2024), is dated by another report of the event that states the
    Sunday: the estimate's month must hold that day, its year need not. In another month the
    estimate still refuses the day."""
    stated = make_article(
        "a",
        "Rafi/Gilang juara All England",
        "Rafi/Gilang juara All England usai menang di final, Minggu (8/3/2026).",
        language="id",
    )
    read = DateValue(date(2026, 3, 8), Granularity.DAY, DateSource.DATELINE)
    stated = replace(stated, published=read)
    stated = replace(stated, mentions=timeline.find_mentions(stated))
    guessed = DateValue(date(2024, estimated_month, 1), Granularity.MONTH, DateSource.ESTIMATED)
    report = make_article(
        "b",
        "Rafi/Gilang win All England",
        "Rafi/Gilang won the All England final on Sunday, a year after losing it in 2024.",
        language="en",
        published=guessed,
    )
    dated = timeline.infer_dates([stated, report])[1].published
    if inferred:
        assert dated == DateValue(date(2026, 3, 8), Granularity.DAY, DateSource.INFERRED)
    else:
        assert dated == guessed
