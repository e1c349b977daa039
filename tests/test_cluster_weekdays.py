"""A report with no own day still often says on which weekday its happening was ("on
Tuesday", "pada Minggu pagi"): against a report of a known day two to five days off that
weekday, the two are likely two happenings (`cluster.weekday_conflicts`)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from conftest import explain_cli, explain_line, without_lone_dated_side, without_weekday_rule

from digest import cluster, evaluate, features
from digest.config import ClusterParams
from digest.features import Features, read_article
from digest.model import DateValue, Granularity
from digest.yearless import lead_weekday

BLIND15 = Path(__file__).parent / "corpora" / "blind15" / "articles"
RESCUE, CLOSURE = ("b15-025", "b15-035"), ("b15-062", "b15-068")
"""blind15's climbers rescued on Mount Fuji (Sun 26 Jul, both dated) and the typhoon's
closure of its trails two days later (b15-068 says only "pada Selasa")."""

BLIND103 = Path(__file__).parent / "corpora" / "blind103"
SIGNING = "b103-014"

SUNDAY = date(2026, 7, 26).toordinal()


def _report(day: int | None = None, weekday: int | None = None) -> Features:
    dated = None if day is None else DateValue(date.fromordinal(day), Granularity.DAY)
    plain = Features("x", {"fuji": 1.0}, {"fuji": 1.0}, {"fuji": 1.0}, frozenset({"fuji"}), dated)
    return replace(plain, lead_weekday=weekday)


@pytest.mark.parametrize(
    ("told", "conflict"),
    [(6, False), (0, False), (5, False), (1, True), (2, True), (3, True), (4, True)],
)
def test_a_weekday_two_to_five_days_off_the_other_reports_day_conflicts(
    told: int, conflict: bool
) -> None:
    """Against a Sunday report: Sunday, the Saturday before and the Monday after fit (an
    evening's news told the next morning); Tuesday to Friday do not."""
    dated, undated = _report(SUNDAY), _report(weekday=told)
    assert cluster.weekday_conflict(dated, undated) == conflict
    assert cluster.weekday_conflict(undated, dated) == conflict


@pytest.mark.parametrize(
    ("other", "conflict"),
    [(1, False), (0, False), (2, False), (3, True), (4, True), (5, True), (6, True)],
)
def test_two_reports_without_a_day_conflict_when_their_weekdays_are_two_to_five_apart(
    other: int, conflict: bool
) -> None:
    """Neither report has a day of its own: "ran aground on Thursday" and "barred the ferry
    on Tuesday" are two happenings (two or five days apart); the same weekday or the days
    either side of it fit (an evening's news told the next morning)."""
    tuesday, told = _report(weekday=1), _report(weekday=other)
    assert cluster.weekday_conflict(tuesday, told) == conflict
    assert cluster.weekday_conflict(told, tuesday) == conflict


def test_no_conflict_without_weekdays_to_compare() -> None:
    tuesday = _report(weekday=1)
    assert not cluster.weekday_conflict(tuesday, _report())  # nothing to compare
    # Both dated: their days decide (`date_gap_days`), not a weekday in a lead.
    assert not cluster.weekday_conflict(_report(SUNDAY + 2, weekday=1), _report(SUNDAY))


def test_the_dated_reports_own_lead_weekday_fits_too() -> None:
    """A report dated by its page on Tuesday whose lead says "pada Minggu" is of Sunday's
    happening: an undated "on Sunday" report fits it."""
    page_dated = _report(SUNDAY + 2, weekday=6)
    assert not cluster.weekday_conflict(page_dated, _report(weekday=6))
    assert cluster.weekday_conflict(page_dated, _report(weekday=3))


def test_weekday_conflicts_of_many_pairs_at_once_is_weekday_conflict_of_each() -> None:
    rng = random.Random(11)
    reports = [
        _report(rng.choice([None, SUNDAY + rng.randint(-9, 9)]), rng.choice([None, *range(7)]))
        for _ in range(50)
    ]
    own = np.array([cluster.own_day(f) or -1 for f in reports])
    told = np.array([-1 if f.lead_weekday is None else f.lead_weekday for f in reports])
    pairs = np.array([(a, b) for a in range(50) for b in range(a + 1, 50)])
    found = cluster.weekday_conflicts(own, told, pairs[:, 0], pairs[:, 1])
    expected = [cluster.weekday_conflict(reports[a], reports[b]) for a, b in pairs.tolist()]
    assert found.tolist() == expected
    assert 0 < sum(expected) < len(expected)


def test_the_lead_weekday_is_the_one_weekday_of_the_first_sentence() -> None:
    assert lead_weekday("Typhoon Kanmuri forced the closure on Tuesday. More on Friday.") == 1
    assert lead_weekday("Gunung Raung meletus pada Minggu pagi, kata PVMBG.") == 6
    # Two weekdays in one sentence are ambiguous; "last Friday" is no own weekday.
    assert lead_weekday("The head visited on Tuesday the site of Sunday's landslide.") is None
    assert lead_weekday("Police said last Friday's raid found nothing.") is None


def test_a_place_standing_as_the_first_sentence_is_the_dateline_not_the_lead() -> None:
    """ "Denpasar. A tourist was arrested on Saturday ..." (the Jakarta Globe's style) and a
    wire dateline cut at its abbreviation ("MEMPHIS, Tenn. (AP) — ... on Tuesday") name
    their weekday in the sentence after the place; a first sentence of more than a place
    is still read alone."""
    assert lead_weekday("Denpasar. A tourist was arrested at the airport on Saturday.") == 5
    assert lead_weekday("MEMPHIS, Tenn. (AP) — Police on Tuesday arrested a man.") == 1
    assert lead_weekday("SEOUL, Sept. 21 (Yonhap) -- Marines began a drill on Monday.") == 0
    assert lead_weekday("Police in Bali arrested a tourist. He had flown in on Saturday.") is None
    assert lead_weekday("Denpasar. A man was arrested. He had flown in on Saturday.") is None


@pytest.mark.parametrize(
    ("opening", "weekday"),
    [
        (
            "Otoritas setempat menutup semua jalur pendakian pada Selasa karena topan mendekat.\n"
            "Pendaki diminta turun sebelum malam.",
            1,
        ),
        (  # the second sentence, where the first names no weekday (`LEAD_SENTENCES`)
            "Asap hitam masih mengepul dari deretan kios yang hangus. Kebakaran terjadi Kamis "
            "malam dan baru padam tiga jam kemudian. Pedagang mengaku rugi sejak Senin.\n"
            "Polisi menyelidiki penyebabnya.",
            3,
        ),
    ],
)
def test_read_from_an_article_file(tmp_path: Path, opening: str, weekday: int) -> None:
    (tmp_path / "report.txt").write_text(f"Berita Hari Ini\n\n{opening}\n", encoding="utf-8")
    (article,) = evaluate.load_articles(tmp_path)
    assert read_article(article).lead_weekday == weekday


def test_the_second_sentence_is_read_where_the_first_names_no_weekday() -> None:
    """`lead_weekday(lead, 2)`, as features read a report (`LEAD_SENTENCES`): a
    report that opens on a scene or a finding says the day in the sentence after; the first
    sentence's weekday still wins, two in the sentence read are still none, and a third
    sentence is not read."""
    scene = "Warga panik melihat asap hitam. Kebakaran terjadi Kamis malam. Api padam Jumat."
    assert lead_weekday(scene) is None
    assert lead_weekday(scene, 2) == 3
    assert lead_weekday("Ships collided on Monday. Talks resumed on Friday.", 2) == 0
    assert lead_weekday("A ship sank. It left on Monday and sank on Friday.", 2) is None
    assert lead_weekday("A ship sank. Its crew are safe. It sank on Friday.", 2) is None


def test_a_weekday_in_the_second_sentence_parts_an_undated_report(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """blind103: the minister signs the teachers' redistribution in Mamuju "Rabu sore" (b103-014
    has no date; the day is in its lead's second sentence). Read, it is a Wednesday report,
    and the Monday and Tuesday school visits of the same tour (dated) are not its event; read
    from the first sentence only, it has no weekday and the linkage mixes four events."""
    folder = BLIND103 / "articles"
    articles = evaluate.load_articles(folder)
    gold = evaluate.gold_by_article(evaluate.read_gold(BLIND103 / "gold.json"), articles)

    def events_with_signing() -> set[str]:
        (group,) = [g for g in cluster.cluster_articles(articles, ClusterParams()) if SIGNING in g]
        return {gold[aid] for aid in group}

    assert events_with_signing() == {gold[SIGNING]}
    monkeypatch.setattr(features, "LEAD_SENTENCES", 1)
    assert len(events_with_signing()) > 1


@pytest.mark.parametrize(
    "weekday, lone_side, apart", [(True, True, True), (True, False, True), (False, True, True),
                                  (False, False, True)]
)  # fmt: skip
def test_a_rescue_and_a_closure_two_days_later_are_two_events(
    weekday: bool, lone_side: bool, apart: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """blind15's rescue and the typhoon closure two days later, on the same mountain, are
    two events by the weekday rule, and, without it, by the gap in their days (one closure
    report whose lead says its day is a side of its own: `cluster.lead_dates`). Without
    both they were one event until the twenty-fourth session: each event's two reports are
    an English and an Indonesian one, whose pair now scores higher inside (the English
    lead's names count: docs/history.md, "Twenty-fourth session"), so linkage keeps the events apart
    even then."""
    if not weekday:
        without_weekday_rule(monkeypatch)
    if not lone_side:
        without_lone_dated_side(monkeypatch)
    groups = cluster.cluster_articles(evaluate.load_articles(BLIND15), ClusterParams())
    (rescue,) = [set(g) for g in groups if RESCUE[0] in g]
    assert set(RESCUE) <= rescue
    assert rescue.isdisjoint(CLOSURE) == apart


def test_explain_names_the_weekday_and_the_day() -> None:
    out = explain_cli(RESCUE[0], CLOSURE[1], BLIND15)
    line = explain_line(out, "weekday")
    assert "Tuesday" in line and "Sunday 2026-07-26" in line and "x 0.25" in line


def test_explain_names_both_weekdays_when_neither_report_has_a_day() -> None:
    """blind22's ferry aground "Kamis malam" and the harbour master's ban "on Tuesday"."""
    folder = Path(__file__).parent / "corpora" / "blind22" / "articles"
    out = explain_cli("b22-037", "b22-057", folder)
    line = explain_line(out, "weekday")
    assert "neither has an own day" in line and "Thursday" in line and "Tuesday" in line
