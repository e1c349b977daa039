"""Date expressions: table tests per phrase class, in Indonesian and English."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
import yaml
from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from digest import build, clean, dates, load, timeline
from digest.model import DateSource, DateValue, Granularity
from digest.yearless import find_yearless_dateline

DAY, WEEK, MONTH, YEAR = Granularity.DAY, Granularity.WEEK, Granularity.MONTH, Granularity.YEAR
EXPLICIT, RELATIVE = DateSource.EXPLICIT, DateSource.RELATIVE
# A Friday, as a dateline gives it.
ANCHOR = DateValue(date(2024, 11, 29), DAY, DateSource.DATELINE)


def one(text: str, anchor: DateValue | None = ANCHOR) -> DateValue | None:
    found = dates.find_dates(text, anchor)
    assert len(found) <= 1, [f.text for f in found]
    return found[0].date if found else None


@pytest.mark.parametrize(
    "text, value, granularity, source",
    [
        # numeric
        ("bertemu Kim Jong Un, Jumat (29/11/2024).", date(2024, 11, 29), DAY, EXPLICIT),
        ("KCNA pada Sabtu (30/11/2024).", date(2024, 11, 30), DAY, EXPLICIT),
        ("kata KCNA pada hari Selasa (12/11).", date(2024, 11, 12), DAY, EXPLICIT),
        ("Data per 01-10-2024 menunjukkan", date(2024, 10, 1), DAY, EXPLICIT),
        ("Rapat tanggal 5/11 ditunda.", date(2024, 11, 5), DAY, EXPLICIT),
        ("dirilis 2024-11-05 pagi", date(2024, 11, 5), DAY, EXPLICIT),
        # day + month name, with and without year, Indonesian and English
        ("diratifikasi pada 6 November", date(2024, 11, 6), DAY, EXPLICIT),
        ("ditandatangani pada 19 Juni 2024", date(2024, 6, 19), DAY, EXPLICIT),
        ("12 - Nov - 2024, 04:00", date(2024, 11, 12), DAY, EXPLICIT),
        ("sejak 17 Agu 2024", date(2024, 8, 17), DAY, EXPLICIT),
        ("pada 2 Des", date(2024, 12, 2), DAY, EXPLICIT),
        ("pada 25 Jan", date(2024, 1, 25), DAY, EXPLICIT),
        ("The vote on Nov. 6 passed.", date(2024, 11, 6), DAY, EXPLICIT),
        ("signed on June 19, 2024, in Pyongyang", date(2024, 6, 19), DAY, EXPLICIT),
        ("December 15th, 2008, 7: 35 am", date(2008, 12, 15), DAY, EXPLICIT),
        ("on Friday, Nov. 22 the talks", date(2024, 11, 22), DAY, EXPLICIT),
        ("on 7 July 2012 the", date(2012, 7, 7), DAY, EXPLICIT),
        # months
        ("sejak invasi pada Februari 2022", date(2022, 2, 1), MONTH, EXPLICIT),
        ("perjanjian pada bulan Juni", date(2024, 6, 1), MONTH, EXPLICIT),
        ("pertemuan puncak pada September tahun lalu", date(2023, 9, 1), MONTH, EXPLICIT),
        ("di Pyongyang pada bulan Juni tahun ini", date(2024, 6, 1), MONTH, EXPLICIT),
        ("signed in June last year", date(2023, 6, 1), MONTH, EXPLICIT),
        ("the summit last June", date(2024, 6, 1), MONTH, EXPLICIT),
        ("in March of 2019", date(2019, 3, 1), MONTH, EXPLICIT),
        ("pada Desember", date(2023, 12, 1), MONTH, EXPLICIT),
        # years
        ("sejak invasi pada tahun 2022,", date(2022, 1, 1), YEAR, EXPLICIT),
        ("has lived there since 2014.", date(2014, 1, 1), YEAR, EXPLICIT),
        # weekdays
        ("Belousov tiba pada hari Jumat", date(2024, 11, 29), DAY, RELATIVE),
        ("ditandatangani pada hari Senin", date(2024, 11, 25), DAY, RELATIVE),
        ("The minister arrived on Friday.", date(2024, 11, 29), DAY, RELATIVE),
        ("They met last Friday.", date(2024, 11, 22), DAY, RELATIVE),
        ("Talks resume next Monday.", date(2024, 12, 2), DAY, RELATIVE),
        ("pada Minggu pagi", date(2024, 11, 24), DAY, RELATIVE),
        ("Jumat lalu", date(2024, 11, 22), DAY, RELATIVE),
        # a plan's weekday is the next one (the anchor is a Friday)
        ("Sugiono dijadwalkan kembali ke Jakarta pada Selasa.", date(2024, 12, 3), DAY, RELATIVE),
        ("Kedua menteri akan bertemu lagi pada hari Senin", date(2024, 12, 2), DAY, RELATIVE),
        ("The talks will resume on Monday.", date(2024, 12, 2), DAY, RELATIVE),
        (
            "the minister would also meet them before returning on Monday",
            date(2024, 12, 2),
            DAY,
            RELATIVE,
        ),
        ("Presiden bakal meresmikan bendungan itu pada Senin", date(2024, 12, 2), DAY, RELATIVE),
        ("The minister is due to arrive on Friday.", date(2024, 11, 29), DAY, RELATIVE),
        ("Kim, who met Putin on Monday, will visit", date(2024, 11, 25), DAY, RELATIVE),
        ("He said on Monday that he will return", date(2024, 11, 25), DAY, RELATIVE),
        ("Talks that will end next Monday", date(2024, 12, 2), DAY, RELATIVE),
        # relative phrases
        ("tiba kemarin", date(2024, 11, 28), DAY, RELATIVE),
        ("arrived yesterday", date(2024, 11, 28), DAY, RELATIVE),
        ("hari ini", date(2024, 11, 29), DAY, RELATIVE),
        ("said on television last night", date(2024, 11, 28), DAY, RELATIVE),
        ("dua hari lalu", date(2024, 11, 27), DAY, RELATIVE),
        ("three days ago", date(2024, 11, 26), DAY, RELATIVE),
        ("bentrokan di Kursk pekan lalu", date(2024, 11, 18), WEEK, RELATIVE),
        ("minggu lalu", date(2024, 11, 18), WEEK, RELATIVE),
        ("last week", date(2024, 11, 18), WEEK, RELATIVE),
        ("earlier this week", date(2024, 11, 25), WEEK, RELATIVE),
        ("Mark Rutte bulan lalu", date(2024, 10, 1), MONTH, RELATIVE),
        ("last month", date(2024, 10, 1), MONTH, RELATIVE),
        ("Pada awal bulan ini, Korea Utara", date(2024, 11, 1), MONTH, RELATIVE),
        ("akhir bulan lalu", date(2024, 10, 1), MONTH, RELATIVE),
        ("earlier this month", date(2024, 11, 1), MONTH, RELATIVE),
        ("Tahun lalu, Kim menjadi tuan rumah", date(2023, 1, 1), YEAR, RELATIVE),
        ("late last year", date(2023, 1, 1), YEAR, RELATIVE),
        ("tahun depan", date(2025, 1, 1), YEAR, RELATIVE),
        ("two years ago", date(2022, 1, 1), YEAR, RELATIVE),
    ],
)
def test_phrase_resolves(text: str, value: date, granularity: Granularity, source) -> None:
    assert one(text) == DateValue(value, granularity, source)


@pytest.mark.parametrize(
    "text",
    [
        "mengirim lebih dari 10.000 tentara untuk membantu Rusia",
        "Rusia Kembalikan 502 Jenazah Tentara Ukraina",
        "mengikuti pertemuan ke-11 dari Komite Antarpemerintah",
        "hingga 12.000 tentara Korea Utara telah dikirim",
        "523.000 Pelanggan Tak Teraliri Listrik",
        "Pagar Sepanjang 48 Km Didirikan",
        "Kedalaman 49,7 Meter di Bawah Air",
        "Rangkuman Hari Ke-1.010 Serangan Rusia",
        "Peristiwa itu terjadi beberapa minggu sebelum Kim melakukan perjalanan",
        "dalam beberapa pekan terakhir",
        "perang yang telah berlangsung hampir tiga tahun",
        "11 Pesawat Militer China dan Rusia Mendekat",
        "an eight - year, $200 million offer",
        "a career .290 hitter, 3/4 of the votes",
        "Officials may 5 times revise the figure",
        "Jan Egeland said the aid was late",
        "The score was 2-1 after 90 minutes",
        "Black Friday sales rose 3 percent",
        "tahun 2022 orang",
        "lebih dari 2000 peserta hadir",
        "donations from 2000 residents",
        # the year of a numbered law or regulation is no time of a happening
        "dijerat Pasal 98 UU Nomor 32 Tahun 2009 tentang PPLH",
        "Peraturan Bupati Nomor 41 Tahun 2025 tentang tarif",
        "Perpres No. 12 tahun 2021",
        "PP 28 Tahun 2024 tentang Kesehatan",
    ],
)
def test_non_dates_are_not_dates(text: str) -> None:
    assert dates.find_dates(text, ANCHOR) == []


@pytest.mark.parametrize(
    "text", ["menjabat antara 2019 dan 2024", "served from 2019 to 2024", "Between 2019 and 2024,"]
)
def test_year_ranges(text: str) -> None:
    assert [f.date.iso() for f in dates.find_dates(text, None)] == ["2019", "2024"]


def test_a_law_numbers_year_is_dropped_and_other_years_in_its_sentence_are_kept() -> None:
    text = "UU Nomor 32 Tahun 2009 disahkan dan sejak tahun 2010 berlaku."
    assert [f.date.iso() for f in dates.find_dates(text, None)] == ["2010"]


def test_dateline_and_weekday_are_one_expression() -> None:
    found = dates.find_expressions("Kim bertemu Belousov, Jumat (29/11/2024).")
    assert [(e.text, e.kind) for e in found] == [("Jumat (29/11/2024)", dates.Kind.DATE)]


def test_unanchored_expressions_wait_for_an_anchor() -> None:
    found = dates.find_expressions("tiba pada hari Jumat, bukan pada 6 November")
    assert [e.kind for e in found] == [dates.Kind.WEEKDAY, dates.Kind.DAY_MONTH]
    assert all(dates.resolve(e, None) is None for e in found)


@pytest.mark.parametrize("source", [DateSource.ESTIMATED, DateSource.INFERRED])
def test_resolved_dates_are_as_uncertain_as_their_anchor(source: DateSource) -> None:
    anchor = DateValue(date(2024, 11, 29), DAY, source)
    assert one("pada 6 November", anchor) == DateValue(date(2024, 11, 6), DAY, source)
    assert one("pada hari Jumat", anchor) == DateValue(date(2024, 11, 29), DAY, source)
    assert one("Februari 2022", anchor) == DateValue(date(2022, 2, 1), MONTH, EXPLICIT)


def test_weekday_against_a_month_is_only_that_month() -> None:
    anchor = DateValue(date(2024, 11, 1), MONTH, DateSource.ESTIMATED)
    assert one("pada hari Selasa", anchor) == DateValue(
        date(2024, 11, 1), MONTH, DateSource.ESTIMATED
    )
    assert one("bulan lalu", anchor) == DateValue(date(2024, 10, 1), MONTH, DateSource.ESTIMATED)


def test_day_month_without_year_near_new_year() -> None:
    january = DateValue(date(2025, 1, 3), DAY, DateSource.DATELINE)
    assert one("pada 28 Desember", january) == DateValue(date(2024, 12, 28), DAY, EXPLICIT)
    assert one("pada 10 Januari", january) == DateValue(date(2025, 1, 10), DAY, EXPLICIT)


def test_a_planned_day_and_month_months_ahead_is_this_years() -> None:
    """A day and month more than a month after the article is last year's, unless the clause
    tells of a plan: "the next meeting is scheduled for September 14" in a July report."""
    july = DateValue(date(2026, 7, 16), DAY, DateSource.DATELINE)
    planned = "The MPC's next meeting is scheduled for September 14."
    assert one(planned, july) == DateValue(date(2026, 9, 14), DAY, EXPLICIT)
    assert one("Komando bersama akan beroperasi 1 September", july).value == date(2026, 9, 1)
    assert one("The MPC met on September 14.", july).value == date(2025, 9, 14)
    assert one("His navy would assign four ships in September.", july).value == date(2026, 9, 1)
    assert one("His navy assigned four ships in September.", july).value == date(2025, 9, 1)
    # The end of a period that runs on after the report: this year's too.
    assert one("Musim pendakian berlangsung hingga 10 September.", july).value == date(2026, 9, 10)
    assert one("The filing deadline was extended until Sept. 30.", july).value == date(2026, 9, 30)
    assert one("Dia ditahan hingga 10 Maret.", july).value == date(2026, 3, 10)
    # A plan's date earlier in the year than the article stays this year's, as before.
    assert one("The talks, scheduled for March 3, were put off.", july).value == date(2026, 3, 3)


def test_a_plan_or_a_periods_end_far_before_the_article_is_next_years() -> None:
    """In a December report, "until January" and "will meet again in January" are the coming
    January, not the one eleven months before; a plain "in January" is still the past one."""
    december = DateValue(date(2026, 12, 2), DAY, DateSource.DATELINE)
    rain = "Musim hujan di wilayah Bicol masih berlangsung hingga Januari."
    assert one(rain, december).value == date(2027, 1, 1)
    talks = "The diplomats agreed to hold another round in January, both sides said."
    assert one(talks, december).value == date(2027, 1, 1)
    assert one("Perbaikan dijadwalkan pada 14 Januari.", december).value == date(2027, 1, 14)
    assert one("Banjir melanda kota itu pada 14 Januari.", december).value == date(2026, 1, 14)
    assert one("The law was passed in January.", december).value == date(2026, 1, 1)
    # Up to half a year back, a plan's date is still the article's year (see above).
    assert one("Dia ditahan hingga 10 Juli.", december).value == date(2026, 7, 10)
    month = DateValue(date(2026, 12, 1), MONTH, DateSource.ESTIMATED)
    assert one(rain, month).value == date(2027, 1, 1)
    # An agreed meeting's weekday is no plan: the talks were held since.
    friday = DateValue(date(2026, 7, 31), DAY, DateSource.DATELINE)
    resumed = "After the minister intervened, they agreed to resume talks on Wednesday."
    assert one(resumed, friday).value == date(2026, 7, 29)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The next MPC meeting is scheduled for Jan 20 and 21, 2027.", date(2027, 1, 20)),
        ("The summit is scheduled for January 20 and 21, 2027.", date(2027, 1, 20)),
        ("The summit is scheduled for Jan. 20-21, 2027.", date(2027, 1, 20)),
        ("The talks were held between March 3 and 5, 2025.", date(2025, 3, 3)),
        ("The talks ran from March 3 to 5, 2025, in Doha.", date(2025, 3, 3)),
        ("She was killed at a house between Sept 1 and 12, 2026.", date(2026, 9, 1)),
        ("Festival berlangsung Maret 3–5, 2025 di Doha.", date(2025, 3, 3)),
    ],
)
def test_a_year_after_two_days_of_a_month_is_the_first_days_too(text, expected) -> None:
    """In "Jan 20 and 21, 2027" the year written after the second day is the first day's too
    (the first day is read, as "Jan 20" alone was), not the anchor's year, nor one after it.
    The anchors' years (2024; 2028, as an estimate from "Budget 2027" put one report) are not
    the written one, so a first day read without the year would show."""
    for year in (2024, 2028):
        anchor = DateValue(date(year, 10, 15), MONTH, DateSource.ESTIMATED)
        found = dates.find_dates(text, anchor)
        assert [f.date.value for f in found] == [expected], [f.text for f in found]
        assert found[0].date.source is EXPLICIT  # the year is written: no estimate in it
    _assert_one_expression_of_days(text, expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("KTT dijadwalkan pada 20-21 Januari 2027.", date(2027, 1, 21)),
        ("Pertemuan berlangsung 3 hingga 5 Maret 2025 di Doha.", date(2025, 3, 5)),
    ],
)
def test_two_days_before_a_month_and_year_keep_the_written_year(text, expected) -> None:
    """Day first, a range of one month ("20-21 Januari 2027"): the second day is read with
    the month and year written after it, as before: the year is right there, whatever the
    anchor's. (The first day is not read: read as the range's day instead, 133 mentions in
    119 labelled reports would move to their span's first day and blind84 would fall below
    its floor. Two days joined by "dan"/"and" are a list: see the lists below.)"""
    for year in (2024, 2028):
        anchor = DateValue(date(year, 10, 15), MONTH, DateSource.ESTIMATED)
        assert [f.date.value for f in dates.find_dates(text, anchor)] == [expected]


@pytest.mark.parametrize(
    "text, first, last",
    [
        ("The meeting is set for Jan 30-Feb 2, 2027.", date(2027, 1, 30), date(2027, 2, 2)),
        ("It runs from Jan. 30 to Feb. 2, 2027 in Geneva.", date(2027, 1, 30), date(2027, 2, 2)),
        ("The summit runs Nov 28 – Dec 1, 2026, in Lima.", date(2026, 11, 28), date(2026, 12, 1)),
        ("KTT berlangsung 30 Januari-2 Februari 2027.", date(2027, 1, 30), date(2027, 2, 2)),
        ("KTT digelar 30 Januari hingga 2 Februari 2027.", date(2027, 1, 30), date(2027, 2, 2)),
        ("KTT digelar 30 Januari - 2 Februari 2027.", date(2027, 1, 30), date(2027, 2, 2)),
        ("The fair runs 30 Jan - 2 Feb 2027 in Oslo.", date(2027, 1, 30), date(2027, 2, 2)),
        ("The fair runs 30 Jan–2 Feb 2027 in Oslo.", date(2027, 1, 30), date(2027, 2, 2)),
        ("Libur sekolah 28 Des - 2 Jan 2027.", date(2026, 12, 28), date(2027, 1, 2)),
        ("The office is shut 28 Dec. to 2 Jan. 2027.", date(2026, 12, 28), date(2027, 1, 2)),
        ("Voting ran 30 May - 2 Jun 2026.", date(2026, 5, 30), date(2026, 6, 2)),
        ("Diskon berlaku 1 Juni–31 Juli 2026.", date(2026, 6, 1), date(2026, 7, 31)),
        ("Libur dari 28 Desember hingga 2 Januari 2027.", date(2026, 12, 28), date(2027, 1, 2)),
        ("The office is shut Dec 28-Jan 2, 2027.", date(2026, 12, 28), date(2027, 1, 2)),
    ],
)
def test_a_span_over_two_months_gives_its_first_day_the_written_year(text, first, last) -> None:
    """In "Jan 30-Feb 2, 2027" the year written after the last day is the first day's too (the
    year before it where the first month comes later: "Dec 28-Jan 2, 2027"); both days are
    read, each with its own month, as before. The anchors' years are not the written one."""
    for year in (2024, 2028):
        anchor = DateValue(date(year, 10, 15), MONTH, DateSource.ESTIMATED)
        found = dates.find_dates(text, anchor)
        assert [f.date.value for f in found] == [first, last], [f.text for f in found]
        assert {f.date.source for f in found} == {EXPLICIT}
    opening, closing = dates.find_expressions(text)
    assert opening.kind is dates.Kind.DATE and opening.opens_span
    assert not closing.opens_span and closing.text.endswith(str(last.year))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The talks were held March 3, 4 and 5, 2025.", date(2025, 3, 3)),
        ("The talks were held March 3, 4, and 5, 2025.", date(2025, 3, 3)),
        ("Strikes hit on Sept 1, 2, 3 and 4, 2026 in Lyon.", date(2026, 9, 1)),
    ],
)
def test_a_year_after_a_list_of_days_of_a_month_is_the_first_days_too(text, expected) -> None:
    """A list of one month's days, month first ("March 3, 4 and 5, 2025"), is one expression
    of its first day with the year written after the last, as two days are."""
    anchor = DateValue(date(2028, 10, 15), MONTH, DateSource.ESTIMATED)
    assert [f.date.value for f in dates.find_dates(text, anchor)] == [expected]
    _assert_one_expression_of_days(text, expected)


@pytest.mark.parametrize(
    "text, first, last",
    [
        ("Pertemuan digelar 3, 4, dan 5 Maret 2025.", date(2025, 3, 3), date(2025, 3, 5)),
        ("Pertemuan digelar 3, 4 dan 5 Maret 2025.", date(2025, 3, 3), date(2025, 3, 5)),
        ("Talks were held on 3, 4 and 5 March 2025.", date(2025, 3, 3), date(2025, 3, 5)),
        ("Sidang 12, 13, 14 dan 16 Januari 2027 ditunda.", date(2027, 1, 12), date(2027, 1, 16)),
        ("KTT digelar 3 dan 4 Maret 2025.", date(2025, 3, 3), date(2025, 3, 4)),
        ("The ministers met on 3 and 4 March 2025 in Geneva.", date(2025, 3, 3), date(2025, 3, 4)),
        ("Rapat pada tanggal 20 dan 21 Januari 2027.", date(2027, 1, 20), date(2027, 1, 21)),
        ("Kapal sandar pada 6 dan 13 Oktober 2026.", date(2026, 10, 6), date(2026, 10, 13)),
        ("The votes on the 3rd and 4th of March 2025.", date(2025, 3, 3), date(2025, 3, 4)),
    ],
)
def test_a_list_of_days_before_a_month_and_year_gives_its_first_day(text, first, last) -> None:
    """Day first, a list of two or more days ("3 dan 4 Maret 2025", "3, 4 dan 5 Maret 2025")
    gives its first day with the month and year written after the last; the last day is read
    as before. (Two days were the last day's alone.)"""
    for year in (2024, 2028):
        anchor = DateValue(date(year, 10, 15), MONTH, DateSource.ESTIMATED)
        found = dates.find_dates(text, anchor)
        assert [f.date.value for f in found] == [first, last], [f.text for f in found]
    opening, closing = dates.find_expressions(text)
    assert opening.opens_span and opening.text.startswith(str(first.day))
    assert closing.day == last.day and not closing.opens_span
    assert closing.text.startswith(str(last.day)) and closing.text.endswith(str(last.year))


def test_a_span_or_lists_first_day_is_no_dateline() -> None:
    """A line of a span over two months is dated by its last day, as before (the first day
    was a day and month without a year then); lists and pairs of one month are no dateline;
    the days must come in order ("Jan 30-Jan 20, 2027" is left as it was read), and a span
    over the new year be short ("Feb 2-Jan 30, 2027" is too)."""
    assert dates.dateline_date("Jan 30-Feb 2, 2027").iso() == "2027-02-02"
    assert dates.dateline_date("GENEVA, Nov 28 – Dec 1, 2026").iso() == "2026-12-01"
    assert dates.dateline_date("March 3, 4 and 5, 2025") is None
    assert dates.dateline_date("3, 4 dan 5 Maret 2025") is None
    for text in ("The votes of Jan 30-Jan 20, 2027.", "The votes of Feb 2-Jan 30, 2027."):
        first, last = dates.find_expressions(text)
        assert (first.kind, first.year, first.opens_span) == (dates.Kind.DAY_MONTH, None, False)
        assert last.kind is dates.Kind.DATE and last.year == 2027
    assert dates.dateline_date("3 dan 4 Maret 2025") is None
    pair = dates.find_expressions("KTT digelar 3 dan 4 Maret 2025.")
    assert [(e.text, e.opens_span) for e in pair] == [("3", True), ("4 Maret 2025", False)]


NOV_20, DEC_26 = date(2026, 11, 20), date(2025, 12, 26)


@pytest.mark.parametrize(
    "text, anchor, first, last",
    [
        ("Rapat digelar pada 3 dan 4 Maret.", NOV_20, date(2026, 3, 3), date(2026, 3, 4)),
        ("They met on 3 and 4 March.", NOV_20, date(2026, 3, 3), date(2026, 3, 4)),
        ("Rapat pada tanggal 3 dan 4 Maret.", NOV_20, date(2026, 3, 3), date(2026, 3, 4)),
        ("Sidang 3, 4 dan 5 Maret lalu.", NOV_20, date(2026, 3, 3), date(2026, 3, 5)),
        # the last day lies more than a month after the anchor: last year's, and so the first
        ("Mereka tiba pada 3 dan 5 Maret.", date(2026, 2, 1), date(2025, 3, 3), date(2025, 3, 5)),
        # a plan's days are the coming ones; the first day is read as the last is, even
        # where "hingga" is before the first alone
        ("Arus balik akan memuncak 3 dan 4 Januari.", DEC_26, date(2026, 1, 3), date(2026, 1, 4)),
        ("Tiket berlaku hingga 3 dan 4 Januari.", DEC_26, date(2025, 1, 3), date(2025, 1, 4)),
    ],
)  # fmt: skip
def test_a_list_of_days_without_a_year_takes_its_last_days_year(text, anchor, first, last) -> None:
    """Day first without a year ("pada 3 dan 4 Maret", "3, 4 dan 5 Maret"), the first day is
    read too (it was not), in the year its last day is read in, whatever the anchor puts
    between them: "3 dan 5 Maret" in a report of 1 February is 2025's for both days, where
    "3 Maret" alone would be 2026's."""
    found = dates.find_dates(text, anchor)
    assert [f.date.value for f in found] == [first, last], [f.text for f in found]
    opening, closing = dates.find_expressions(text)
    assert opening.kind is dates.Kind.DAY_MONTH and opening.opens_span
    assert opening.last_day == last.day and opening.text.startswith(str(first.day))
    assert not closing.opens_span and closing.day == last.day


def test_a_list_of_days_is_read_where_its_last_day_is() -> None:
    """An ambiguous month word after days without a year ("3 and 4 May") is read where the
    last day alone is: not after "and" (so neither day, as before), and a line of days is no
    dateline; the first day of days before a weekday's line ("Senin dan Selasa, 3 dan 4
    November") gives no year-less dateline (the weekday may be the last day's)."""
    assert dates.find_expressions("They met 3 and 4 May.") == []
    assert dates.find_expressions("Kami bertemu 5 dan 3 Maret.")[0].text == "3 Maret"
    assert dates.dateline_date("3 dan 4 Maret") is None
    assert dates.dateline_expression("3 dan 4 Maret", with_year=False) is None
    lead = ["JAKARTA - Sidang digelar pada Senin dan Selasa, 3 dan 4 November, kata jaksa."]
    assert find_yearless_dateline(lead) is None


def test_an_ambiguous_month_word_opens_a_dated_span_only() -> None:
    """ "Jan", "Des", "May" after a day are read as months without a word such as "pada"
    before them only where they open a span whose last day has its year ("30 Jan - 2 Feb
    2027"), in order and not over half a year across the new year; elsewhere as before."""
    for text, expected in [
        ("Top 30 Jan Kowalski - 2 Feb 2027.", ["2 Feb 2027"]),
        ("Ranked 2 Jul - 30 Jan 2027.", ["30 Jan 2027"]),
        ("Members 30 Jan, 2 Feb 2027.", ["2 Feb 2027"]),
        ("Points: 30 Jan - 2 Feb.", ["2 Feb."]),
    ]:
        assert [e.text for e in dates.find_expressions(text)] == expected
    assert dates.dateline_date("30 Jan - 2 Feb 2027").iso() == "2027-02-02"


def test_two_days_of_a_month_are_no_dateline_and_no_score() -> None:
    """A line of a span ("Jan 20-21, 2027") is no article date, as before; the second day must
    follow the first ("Jan 20 and 5, 2027" is not a pair: "Jan 20" alone, as before)."""
    assert dates.dateline_date("Jan 20-21, 2027") is None
    assert dates.dateline_expression("GENEVA, Jan 20-21, 2027", with_year=False) is None
    assert dates.dateline_date("Jan 20, 2027").iso() == "2027-01-20"
    found = dates.find_expressions("The votes of Jan 20 and 5, 2027 were close.")
    assert [(e.text, e.kind) for e in found] == [("Jan 20", dates.Kind.DAY_MONTH)]


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["12 - Nov - 2024, 04:00"], date(2024, 11, 12)),
        (
            ["PYONGYANG, - Menteri bertemu Kim, Jumat (29/11/2024). Keduanya sepakat."],
            date(2024, 11, 29),
        ),
        (["December 15th, 2008, 7: 35 am", "Dan Patrick reported"], date(2008, 12, 15)),
        (["Senin, 4 Maret 2024 10:15 WIB"], date(2024, 3, 4)),
        (["Global Desk | Americas", "April 14, 2026 · 6 min read"], date(2026, 4, 14)),
        (["Rabu, 28 Oktober 2026 | Baca 3 menit"], date(2026, 10, 28)),
        (["Jakarta, 29 November 2024 - Menteri bertemu presiden pada Jumat."], date(2024, 11, 29)),
        (["WASHINGTON, Nov. 29, 2024 — The talks began."], date(2024, 11, 29)),
        # an em dash with no space either side, as TATOLI's wire writes it; the line is long
        # enough not to be a dateline of its own
        (
            [
                "DILI, 19 February 2026 (TATOLI)—The Maritime Police Unit of the National "
                "Police of Timor-Leste detained an Indonesian fishing boat with six crew "
                "members early this morning."
            ],
            date(2026, 2, 19),
        ),
        # two hyphens for a dash, as WAM writes it (the same dash a year-less dateline takes)
        (
            [
                "ABU DHABI, 23rd November, 2026 (WAM) -- The President of the UAE received "
                "the President of the Republic of Indonesia at Qasr Al Watan in Abu Dhabi."
            ],
            date(2026, 11, 23),
        ),
        (
            ["By Jane Doe | November 29, 2024 at 3:15 p.m. EST", "The minister met"],
            date(2024, 11, 29),
        ),
        (["Oleh Budi Santoso - 29/11/2024, 10:15 WIB"], date(2024, 11, 29)),
        # a stamp of fields parted by bars, outlet and author first (the Phnom Penh Post's)
        (
            ["Phnom Penh Post | Mon Chanmony | Publication date 18 November 2026 | 17:20 ICT"],
            date(2026, 11, 18),
        ),
        (["2024-11-29T08:00:00+07:00", "Menteri bertemu presiden."], date(2024, 11, 29)),
        # a lead that dates its happening in its second sentence, weekday and all
        (
            [
                "Jaksa Dituntut",
                "BANDUNG - Jaksa menuntut Hendra 8 tahun. Tuntutan dibacakan "
                "dalam sidang, Rabu (15/1/2025). Vonis dijadwalkan Rabu (22/1/2025).",
            ],
            date(2025, 1, 15),
        ),
        # a weekday before a written full date in the lead, either language
        (
            [
                "Pabrik Kosmetik Ilegal Digerebek",
                "SIDOARJO, Lintas Jatim - Sebuah pabrik digerebek BPOM pada Rabu, "
                "28 Oktober 2026. Pabrik itu menempati bekas gudang.",
            ],
            date(2026, 10, 28),
        ),
        (
            [
                "Startup raises $42 million",
                "Kirana Labs said on Tuesday, March 10, 2026, it had raised $42 million.",
            ],
            date(2026, 3, 10),
        ),
        # the opening sentence retells the crime, then dates the arrest: the latest is its own
        (
            [
                "Empat Perampok Juragan Karet Ditangkap",
                "PRINGSEWU - Empat pelaku perampokan pada Jumat (8/5/2026) dini hari "
                "akhirnya ditangkap polisi, Rabu (13/5/2026).",
            ],
            date(2026, 5, 13),
        ),
        # ... but not the end of a span, nor a plan's date
        (
            [
                "Ratusan Warga Saksikan Gerhana Bulan",
                "Jakarta - Warga memadati planetarium, Minggu (7/9/2025) malam hingga Senin "
                "(8/9/2025) dini hari.",
            ],
            date(2025, 9, 7),
        ),
        (
            [
                "Sidang Ditunda",
                "MEDAN - Sidang yang digelar Senin (13/1/2025) akan dilanjutkan Senin (20/1/2025).",
            ],
            date(2025, 1, 13),
        ),
        (
            [
                "Reid checked herself in",
                "Reid checked in on Tuesday, Dec. 9, 2008, her lawyer said.",
            ],
            date(2008, 12, 9),
        ),
    ],
)
def test_parse_dateline(lines: list[str], expected: date) -> None:
    assert dates.parse_dateline(lines) == DateValue(expected, DAY, DateSource.DATELINE)


def test_no_dateline_in_a_story_sentence() -> None:
    assert dates.parse_dateline(["Kim meets Putin.", "They signed a pact in June 2024."]) is None
    # A date before a dash inside a sentence is not a dateline; nor is a date without a year.
    assert dates.parse_dateline(["Sugiono said on 29 November 2024 - after talks - that"]) is None
    assert dates.parse_dateline(["MOSCOW, Nov 29 (Reuters) - Belousov met Kim."]) is None
    # a weekday that is not the date's own is no evidence of the day (15/1/2025 is a Wednesday)
    assert (
        dates.parse_dateline(["BANDUNG - Jaksa menuntut Hendra. Ia ditangkap Kamis (15/1/2025)."])
        is None
    )
    # nor a written date on another weekday (28 October 2026 is a Wednesday), or a plan
    assert dates.parse_dateline(["Pabrik digerebek pada Kamis, 28 Oktober 2026."]) is None
    assert (
        dates.parse_dateline(["Sidang akan digelar pada Rabu, 28 Oktober 2026, kata jaksa."])
        is None
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2024-11-29", DateValue(date(2024, 11, 29))),
        ("2024-11", DateValue(date(2024, 11, 1), MONTH)),
        ("2024", DateValue(date(2024, 1, 1), YEAR)),
        ("29/11/2024", DateValue(date(2024, 11, 29))),
        ("29 November 2024", DateValue(date(2024, 11, 29))),
        ("Nov 29, 2024", DateValue(date(2024, 11, 29))),
        ("yesterday", None),
    ],
)
def test_parse_standalone(text: str, expected: DateValue | None) -> None:
    assert dates.parse_standalone(text) == expected


def test_estimate_from_latest_full_date_is_a_month() -> None:
    story = [
        "Perjanjian diratifikasi parlemen pada 6 November.",
        "Perjanjian ditandatangani pada 19 Juni.",
        "Pada awal bulan ini, Korea Utara meratifikasi perjanjian.",
    ]
    caption = ["Putin dan Kim di Pyongyang pada 19 Juni 2024 (Foto: AP)"]
    assert dates.estimate_published(story, caption) == DateValue(
        date(2024, 11, 1), MONTH, DateSource.ESTIMATED
    )
    assert dates.estimate_published(story) is None  # no year anywhere: unknown


def test_estimate_ignores_years_and_future_plans() -> None:
    assert dates.estimate_published(["Sejak invasi pada tahun 2022, sanksi berlaku."]) is None
    story = ["Rapat digelar 3 Maret 2024.", "KTT akan digelar pada 20 Desember 2024."]
    assert dates.estimate_published(story) == DateValue(
        date(2024, 3, 1), MONTH, DateSource.ESTIMATED
    )


def test_period_end() -> None:
    assert dates.period_end(DateValue(date(2024, 11, 18), WEEK)) == date(2024, 11, 24)
    assert dates.period_end(DateValue(date(2024, 1, 1), YEAR)) == date(2024, 12, 31)


# Real first lines of English articles from ECB+ (CC BY 3.0, Cybulska & Vossen 2014), as
# ../shared/corpora/ecbplus-dev holds them (tokens re-joined, hence "7: 35 am").
@pytest.mark.parametrize(
    "line, month_first, expected",
    [
        ("Updated: November 11, 2011 18: 50 IST", False, date(2011, 11, 11)),
        ("Published on: Fri, 11 Nov 2011 at 09: 56 IST", False, date(2011, 11, 11)),
        ("26 September 2013, 10: 00 (GMT+05: 00)", False, date(2013, 9, 26)),
        ("Sat Nov 12 2011, 01: 19 hrs", False, date(2011, 11, 12)),
        ("PUBLISHED: WEDNESDAY, MARCH 13, 2013, 2: 29 PM", False, date(2013, 3, 13)),
        ("9: 53 AM, MON 22 JUL 2013", False, date(2013, 7, 22)),
        ("2013 - 09 - 26", False, date(2013, 9, 26)),
        ("Updated 11 / 27 / 2005 3: 41 PM", True, date(2005, 11, 27)),
        ("8: 13 AM PDT 8 / 2 / 2013", True, date(2013, 8, 2)),
        ("WASHINGTON, DC, April 28, 2009", False, date(2009, 4, 28)),
        ("Diperbarui Senin, 4 Maret 2024 10:15 WIB", False, date(2024, 3, 4)),
        # Shapes Indonesian and English news sites print (written for this test).
        ("CNN Indonesia | Jumat, 29/11/2024 10:15 WIB", False, date(2024, 11, 29)),
        ("detikNews | Jumat, 29 Nov 2024 10:15 WIB", False, date(2024, 11, 29)),
        ("Reporter: Budi | Editor: Ani | Jumat, 29 November 2024", False, date(2024, 11, 29)),
        ("The Jakarta Post | Jakarta | Fri, November 29, 2024", False, date(2024, 11, 29)),
        # an outlet whose name holds a digit, before its place and a dash
        ("Liputan6.com, Jakarta - Minggu, 28 Desember 2025 17:22 WIB", False, date(2025, 12, 28)),
        ("Last update on: Thu Nov 19, 2026 05:02 PM", True, date(2026, 11, 19)),
        ("INQUIRER.net / 11:52 AM October 13, 2026", True, date(2026, 10, 13)),
        (
            "BANGKOK POST | Published: 24 Nov 2026 at 18:45 | Newspaper section: News",
            False,
            date(2026, 11, 24),
        ),
        # a byline with the writer's place before the date (Mongabay Indonesia's)
        ("oleh Stenly Pontoh [Manado] di 2 November 2026", False, date(2026, 11, 2)),
        ("by Ketut Wirasana Yasa in Ubud on 9 September 2026", False, date(2026, 9, 9)),
    ],
)
def test_dateline_shapes(line: str, month_first: bool, expected: date) -> None:
    assert dates.dateline_date(line, dayfirst=not month_first) == DateValue(
        expected, DAY, DateSource.DATELINE
    )


@pytest.mark.parametrize(
    "line",
    [
        "Reid checked herself in on Tuesday, December 9, 2008.",
        "End of Watch: Friday, June 24, 2005",
        "Posted 1 year, 160 days ago [downloaded on 2 October 2013]",
        "Page was born on April 22, 1923, in Nashville, Tenn.",
        "Kunjungan dimulai pada 29 November 2024 di Pyongyang.",
        # "di" counts only after a byline's "oleh": here it opens a place in a sentence
        "Rapat di Jakarta 27 November 2024",
        "Warga 6 RT di Jakarta 27 November 2024",
    ],
)
def test_story_lines_are_not_datelines(line: str) -> None:
    assert dates.dateline_date(line) is None


def test_month_first_follows_language() -> None:
    assert dates.is_month_first("en", []) is True
    assert dates.is_month_first("id", ["The minister said"]) is False
    assert dates.is_month_first(None, ["The minister said that the talks went well."]) is True
    assert (
        dates.is_month_first(None, ["Menteri mengatakan bahwa pembicaraan itu berjalan baik."])
        is False
    )
    assert dates.find_dates("on 11/12/2024", None, dayfirst=False)[0].date.value == date(
        2024, 11, 12
    )
    assert dates.find_dates("pada 11/12/2024", None)[0].date.value == date(2024, 12, 11)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An English translation of an Indonesian report keeps its day-first dates: the
        # weekday named before the date settles which reading it is.
        ("shook North Tapanuli on Sunday (4/10/2026) at 02.17", date(2026, 10, 4)),
        ("shook North Tapanuli on Sunday, 4/10/2026, at 02.17", date(2026, 10, 4)),
        # Both readings are Saturdays: the weekday with the date in brackets after it is
        # the Indonesian press's way, day first.
        ("killed three people on Saturday (7/11/2026) ago", date(2026, 11, 7)),
        # No weekday, or one that fits the month-first reading: month first, as before.
        ("the meeting on 4/10/2026 in Washington", date(2026, 4, 10)),
        ("on Friday, 4/10/2026, in Washington", date(2026, 4, 10)),
    ],
)
def test_a_weekday_settles_a_numeric_dates_order(text: str, expected: date) -> None:
    assert dates.find_dates(text, None, dayfirst=False)[0].date.value == expected


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("08.05.2026 - Update : 08.05.2026", date(2026, 5, 8)),  # Anadolu's English pages
        ("4.11.2026 15:22", date(2026, 11, 4)),  # Yle News
        ("11.27.2005", date(2005, 11, 27)),  # a number above 12 still settles it
    ],
)
def test_a_dotted_date_is_day_first_on_an_english_page(stamp: str, expected: date) -> None:
    """Dots part a date day first wherever they are used; only slashes follow the page's
    language (blind97's b97-042 was dated 5 August for 8 May, blind65's b65-015 11 April
    for 4 November)."""
    found = dates.dateline_date(stamp, dayfirst=False)
    assert found is not None and found.value == expected


@pytest.mark.parametrize(
    ("stamp", "lead", "expected"),
    [
        # AFP's English page: 6 May 2026 was a Wednesday, 5 June a Friday
        (
            "Issued on: 06/05/2026 - 17:32",
            "Gunmen kidnapped five workers, sources said Wednesday.",
            date(2026, 5, 6),
        ),
        # the lead's weekday the day before the month-first reading: a report of the day
        # before, as often (7 June was a Sunday, 6 July a Monday): month first stays
        ("07/06/2026 - 11:42", "Students began the exam on Sunday.", date(2026, 7, 6)),
        ("06/05/2026", "The minister spoke to reporters in the capital.", date(2026, 6, 5)),
        # a weekday still to come says nothing of the report's own day
        (
            "06/05/2026",
            "Leaders will meet in Geneva on Wednesday, officials said.",
            date(2026, 6, 5),
        ),
    ],
)
def test_a_leads_weekday_settles_an_english_pages_numeric_stamp(
    stamp: str, lead: str, expected: date
) -> None:
    from digest.timeline import own_date

    published = own_date(None, ["Headline", stamp, lead], [lead], (), "en")
    assert published is not None and published.value == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # A time of day between the weekday and its date: the weekday is still the date's,
        # and confirms it.
        (["Sebelas orang tewas dalam kebakaran, Sabtu dini hari (21/11/2026)."], "2026-11-21"),
        (["A fire broke out on Saturday afternoon, November 21, 2026, at the landfill."],
         "2026-11-21"),
        (["Polisi menggerebek gudang itu pada Jumat malam 20 November 2026."], "2026-11-20"),
        # ... and a weekday that does not fall on it, none
        (["Polisi menggerebek gudang itu pada Kamis malam 20 November 2026."], None),
    ],
)  # fmt: skip
def test_a_time_of_day_between_a_weekday_and_its_date(lines: list[str], expected) -> None:
    found = dates.parse_dateline(lines)
    assert (found.iso() if found else None) == expected


def test_a_yearless_date_after_a_weekday_and_a_time_of_day_is_a_dateline() -> None:
    """ "DPRD ... mengesahkan APBD 2027 dalam rapat paripurna, Kamis malam (26/11)." was
    read as no date at all: the bracketed day is the report's, on the Thursday it names."""
    line = "DPRD Provinsi NTB mengesahkan APBD 2027 dalam rapat paripurna, Kamis malam (26/11)."
    found = find_yearless_dateline([line])
    assert (found.month, found.day, found.weekday) == (11, 26, 3)
    (expression,) = dates.find_expressions(line)
    assert expression.text == "Kamis malam (26/11)"


_PIECES = [
    "Jumat", "(29/11/2024)", "pada", "hari", "Selasa", "(12/11)", "6", "November", "Nov.",
    "2024", "bulan", "Juni", "tahun", "lalu", "ini", "pekan", "minggu", "Minggu", "kemarin",
    "last", "week", "on", "Friday", "10.000", "tentara", "ke-11", "12", "-", "Nov", "-", ",",
    "04:00", "awal", "May", "may", "Jan", "since", "2014", "two", "days", "ago", "yang", ".",
]  # fmt: skip


@settings(deadline=None, max_examples=150)  # no deadline: this machine is shared and slow
@given(st.lists(st.sampled_from(_PIECES), max_size=14), st.booleans())
def test_expressions_are_spans_of_the_text_and_do_not_overlap(words, dayfirst) -> None:
    text = " ".join(words)
    found = dates.find_expressions(text, dayfirst)
    previous_end = 0
    for expression in found:
        assert text[expression.start : expression.end] == expression.text
        assert expression.start >= previous_end
        previous_end = expression.end
        for anchor in (None, ANCHOR, DateValue(date(2024, 11, 1), MONTH, DateSource.ESTIMATED)):
            value = dates.resolve(expression, anchor)
            assert value is None or dates.MIN_YEAR <= value.value.year <= dates.MAX_YEAR


def test_english_ecbplus_phrases_precision_and_recall(tmp_path) -> None:
    """Hand-labelled date phrases of six real English articles (fixtures/ecbplus_dates.yaml)."""
    fixture = yaml.safe_load(
        (REPO / "tests" / "fixtures" / "ecbplus_dates.yaml").read_text(encoding="utf-8")
    )
    corpus = REPO / "tests" / "corpora" / "ecbplus-dev" / "articles"
    for name in fixture["published"]:
        shutil.copy(corpus / f"{name}.txt", tmp_path / f"{name}.txt")
    raws, _ = load.read_sources(tmp_path)
    articles = {a.id: a for a in (build.to_article(c) for c in clean.clean_corpus(raws))}
    for name, published in fixture["published"].items():
        assert articles[name].published.iso() == published, name

    def matches(want: dict, article, mention) -> bool:
        sentence = timeline.sentence_of(article, mention)
        return (
            (want["phrase"] in mention.text or mention.text in want["phrase"])
            and want["sentence"] in sentence
            and mention.date.json_date()[: len(want["date"])] == want["date"]
            and mention.date.granularity.value == want["precision"]
        )

    found = [(a.id, a, m) for a in articles.values() for m in a.mentions]
    wanted = fixture["phrases"]
    hits = [w for w in wanted if any(matches(w, a, m) for i, a, m in found if i == w["article"])]
    true = [f for f in found if any(matches(w, f[1], f[2]) for w in wanted if w["article"] == f[0])]
    missed = [(w["article"], w["phrase"]) for w in wanted if w not in hits]
    extra = [(i, m.text, m.date.iso()) for i, a, m in found if (i, a, m) not in true]
    # Two phrases count from other phrases ("the next night"), which the reader leaves alone.
    print(f"ECB+ English: recall {len(hits)}/{len(wanted)}, precision {len(true)}/{len(found)}")
    assert len(hits) / len(wanted) >= 0.9, missed
    assert len(true) / len(found) >= 0.95, extra


def _assert_one_expression_of_days(text: str, expected: date) -> None:
    """`text` holds one date expression: days of one month read as the first, `expected`,
    with the last day kept and the year written after it."""
    (expression,) = dates.find_expressions(text)
    assert expression.kind is dates.Kind.DATE and expression.day == expected.day
    assert expression.last_day is not None and expression.last_day > expected.day
    assert expression.text.endswith(str(expected.year))


def test_a_crash_on_a_day_is_no_holiday_falling_on_it() -> None:
    """ "jatuh pada" dates a holiday ("Idul Adha jatuh pada Rabu, 27 Mei 2026": no happening
    of the past), but "helikopter itu jatuh pada Kamis (9/7/2026)" is the crash itself: the
    weekday-confirmed date of the lead."""
    crash = "Kabar duka datang dari Kanada. Helikopter itu jatuh pada Kamis (9/7/2026) sore."
    assert dates._lead_weekday_date(crash) == date(2026, 7, 9)
    for holiday in (
        "Pemerintah menetapkan Idul Adha 1447 H jatuh pada Rabu, 27 Mei 2026.",
        "Lebaran tahun ini, kata Menag, jatuh pada Jumat (20/3/2026).",
        "Idul Adha 1447 Hijriah (10 Zulhijah) jatuh pada Rabu (27/5/2026).",
    ):
        assert dates._lead_weekday_date(holiday) is None, holiday


def test_a_yearless_dateline_before_an_em_dash_with_no_spaces() -> None:
    """ "DILI, Feb 19 (TATOLI)—The ..." opens on its dateline as "DILI, Feb 19 (TATOLI) —
    The ..." does: an em or en dash needs no spaces (a hyphen does: "Timor-Leste")."""
    for dash in ("—", " — ", "–"):
        line = f"DILI, Feb 19 (TATOLI){dash}The Maritime Police of Timor-Leste detained a boat."
        found = find_yearless_dateline([line])
        assert found is not None and (found.month, found.day) == (2, 19), dash
