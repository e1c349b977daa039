"""Datelines without a year: read when the article's own full dates fix the year."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import run_digest

from digest import timeline, yearless
from digest.model import DateSource, DateValue, Granularity

INFERRED_YEAR = DateSource.DATELINE_INFERRED_YEAR

REUTERS = [
    "MOSCOW, Nov 29 (Reuters) - Russia's defence minister arrived in Pyongyang on Friday for "
    "talks on military cooperation, the ministry said.",
    "The visit comes after the upper house of parliament ratified the partnership treaty on "
    "Nov. 6, 2024, and President Vladimir Putin signed it into law days later.",
]
KOMPAS = [
    "JAKARTA, Jumat (29/11) - Menteri Pertahanan Rusia tiba di Pyongyang untuk membahas "
    "kerja sama militer dengan Korea Utara.",
    "Kunjungan itu dilakukan setelah parlemen Rusia meratifikasi perjanjian kemitraan pada "
    "6 November 2024.",
]
ANTARA = [
    "Jakarta (ANTARA) - Pemerintah menyalurkan bantuan bagi korban banjir di Kabupaten Bekasi, "
    "Jawa Barat, Kamis (2/1).",
    "Hujan deras mengguyur wilayah itu sejak Senin, 30 Desember 2024, hingga sungai meluap.",
    "Sebanyak 1.200 warga mengungsi ke balai desa, kata petugas.",
]


def own(lines: list[str]) -> DateValue | None:
    return timeline.own_date(None, lines, lines)


@pytest.mark.parametrize(
    "lines, expected",
    [
        (REUTERS, date(2024, 11, 29)),
        (KOMPAS, date(2024, 11, 29)),
        (ANTARA, date(2025, 1, 2)),  # across the new year: Thursday 2 January 2025
        (
            [
                "WASHINGTON - April 27 - The Senate passed the spending bill late on Wednesday.",
                "The House approved its version on April 20, 2011 after a long debate.",
            ],
            date(2011, 4, 27),
        ),
    ],
)
def test_yearless_dateline_takes_the_year_of_the_articles_full_dates(
    lines: list[str], expected: date
) -> None:
    assert own(lines) == DateValue(expected, Granularity.DAY, INFERRED_YEAR)


def test_an_outlet_and_a_place_before_the_opening_sentence() -> None:
    """Kontan opens "KONTAN.CO.ID - JAKARTA." before its story: the place stands as a
    sentence of its own after the outlet's name, and the day is the next sentence's."""
    lead = (
        "KONTAN.CO.ID - JAKARTA. Rapat Umum Pemegang Saham Luar Biasa PT Menara Gandawira "
        "Tbk yang digelar Selasa (19/5) menyetujui rencana penggabungan usaha."
    )
    assert yearless.find_yearless_dateline([lead]) == yearless.YearlessDateline(5, 19, 1)


def test_a_weekday_that_disagrees_means_no_dateline() -> None:
    """29 November 2024 is a Friday: "Kamis (29/11)" cannot be it, so the dateline is unused."""
    wrong = [KOMPAS[0].replace("Jumat", "Kamis"), KOMPAS[1]]
    found = own(wrong)
    assert found is None or found.source is not INFERRED_YEAR


@pytest.mark.parametrize(
    "second_paragraph",
    [
        "Kedua negara menandatangani perjanjian itu di Pyongyang pada Juni lalu.",  # no full date
        "The summit will be held on December 15, 2030, officials said.",  # future only
        "The treaty was first signed on June 19, 2023 in Pyongyang.",  # too long before
    ],
)
def test_no_year_without_a_close_full_date(second_paragraph: str) -> None:
    lead = "MOSCOW, Nov 29 (Reuters) - Talks began in Pyongyang on Friday."
    found = own([lead, second_paragraph])
    assert found is None or found.source is not INFERRED_YEAR


@pytest.mark.parametrize(
    "lead",
    [
        "MOSCOW, Nov 29 (Reuters) - Russia's defence minister arrived in Pyongyang for talks.",
        "MOSCOW, Nov 29 (Reuters) - The minister, who arrived on Thursday, met Kim on Friday.",
        "MOSCOW, Nov 29 (Reuters) - Russia's defence minister arrived in Pyongyang on Thursday.",
    ],
    ids=["no weekday", "two weekdays", "another weekday"],
)
def test_no_year_without_one_weekday_that_agrees(lead: str) -> None:
    """Without a weekday the latest date is too often last year's background (see
    benchmarks/yearless_dates.py), so the year is never taken from it alone."""
    found = own([lead, REUTERS[1]])
    assert found is None or found.source is not INFERRED_YEAR


def test_a_weekday_alone_gives_no_dateline() -> None:
    lines = [
        "WASHINGTON (AP) — The Senate passed the spending bill on Friday after a long debate.",
        "The House approved its version on November 20, 2024.",
    ]
    found = own(lines)
    assert found is None or found.source is not INFERRED_YEAR


def test_a_full_dateline_still_wins() -> None:
    lines = ["MOSCOW, Nov 29 (Reuters) - Talks began.", "Published 28/11/2024 10:15 WIB"]
    assert own(lines) == DateValue(date(2024, 11, 28), Granularity.DAY, DateSource.DATELINE)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("MOSCOW, Nov 29 (Reuters) - Russia said", yearless.YearlessDateline(11, 29, None)),
        ("MOSCOW, Nov 29 (Reuters) - Talks on Friday.", yearless.YearlessDateline(11, 29, 4)),
        ("JAKARTA, Jumat (29/11) - Menteri tiba", yearless.YearlessDateline(11, 29, 4)),
        ("Mumbai, Nov 11 -", yearless.YearlessDateline(11, 11, None)),
        ("Saturday, Sep 14", yearless.YearlessDateline(9, 14, 5)),
        ("Jakarta (ANTARA) - Warga mengungsi, Kamis (2/1).", yearless.YearlessDateline(1, 2, 3)),
        ("Saturday, Sep 14, Monday", None),  # two weekdays: nothing to trust
        # a weekday with its written day and month in the opening sentence
        (
            "BATAM — Singapore and Indonesia agreed on Thursday (March 5) to set up a panel.",
            yearless.YearlessDateline(3, 5, 3),
        ),
        (
            "JAKARTA — Coach Kenta Shimizu resigned on Wednesday, April 22, three days after a "
            "home defeat.",
            yearless.YearlessDateline(4, 22, 2),
        ),
        (
            "KUALA LUMPUR - Two ministers were sworn in on Friday (Feb. 20).",
            yearless.YearlessDateline(2, 20, 4),
        ),
        ("DENPASAR - A levy will apply from Thursday, October 1, officials said.", None),  # a plan
        (
            "PADANG — Malut United drew 1-1 on Thursday, September 25, but will be without Rivero.",
            yearless.YearlessDateline(9, 25, 3),
        ),
        ("JAKARTA - Talks that began on Monday, March 2, ended on Friday.", None),  # two weekdays
        ("The army moved in on Nov 29 after talks failed.", None),  # a happening, not a dateline
        # a state agency's dateline ends with a full stop, not a dash
        (
            "YEREVAN, APRIL 29, ARMENPRESS. Foreign Minister Hakobyan paid a visit to Baku.",
            yearless.YearlessDateline(4, 29, None),
        ),
        ("Talks ended. On April 29, the envoy left.", None),  # a sentence is no dateline
        # an abbreviation before a dash ends no sentence: the date after it is read
        (
            "LA RONGE, Sask. — Residents began returning home on Tuesday, July 21, after a fire.",
            yearless.YearlessDateline(7, 21, 1),
        ),
        # a place standing as a sentence before the story (Jakarta Globe style)
        (
            "Batu Bara, North Sumatra. The minister broke ground on Thursday (Sept. 24) on a mill.",
            yearless.YearlessDateline(9, 24, 3),
        ),
        (
            "Jakarta. The KPK on Thursday, March 5, named and detained four suspects.",
            yearless.YearlessDateline(3, 5, 3),
        ),
        # a short sentence that is not a place is still the first sentence
        ("Talks ended. On Thursday, March 5, the envoy left.", None),
    ],
)
def test_find_yearless_dateline(line: str, expected: yearless.YearlessDateline | None) -> None:
    assert yearless.find_yearless_dateline([line]) == expected


def write_article(folder: Path, name: str, dateline: str, tail: str) -> None:
    (folder / name).write_text(
        "Menhan Rusia bertemu Kim Jong Un di Pyongyang\n"
        f"PYONGYANG, {dateline} - Menteri Pertahanan Rusia bertemu pemimpin Korea Utara Kim "
        "Jong Un di Pyongyang untuk membahas kerja sama militer kedua negara.\n"
        "Keduanya membahas pelaksanaan perjanjian kemitraan strategis dan latihan militer "
        f"bersama, kata kantor berita KCNA. {tail}\n",
        encoding="utf-8",
    )


def test_yearless_datelines_date_articles_and_keep_two_visits_apart(tmp_path: Path) -> None:
    """Two reports alike but for their year-less datelines, two weeks apart: two events."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    tail = "Parlemen Rusia meratifikasi perjanjian itu pada 6 November 2024."
    write_article(seeds, "first.txt", "Jumat (15/11)", tail)
    write_article(seeds, "second.txt", "Jumat (29/11)", tail)
    result = run_digest("build", "--seeds", "seeds", "--out", "site", "--no-cache", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "site" / "events.json").read_text(encoding="utf-8"))
    dated = {a["file"]: (a["published"], a["published_source"]) for a in data["articles"]}
    assert dated == {
        "first.txt": ("2024-11-15", "dateline-inferred-year"),
        "second.txt": ("2024-11-29", "dateline-inferred-year"),
    }
    assert sorted(len(e["articles"]) for e in data["events"]) == [1, 1]


WIRE_LEADS = (
    "Russia's defence minister held talks with North Korean leader Kim Jong Un in Pyongyang "
    "on military cooperation, state media said.",
    "Kim Jong Un met Russia's defence minister in Pyongyang, where the two discussed "
    "military cooperation between their countries, state media reported.",
)


def write_wire_copy(folder: Path, name: str, dateline: str, lead: str) -> None:
    """A wire report whose year nothing fixes: no full date, no weekday."""
    (folder / name).write_text(
        "Russian defence minister holds talks with Kim Jong Un in Pyongyang\n"
        f"PYONGYANG, {dateline} (Reuters) - {lead}\n"
        "The strategic partnership treaty and joint exercises were on the agenda, according "
        "to the KCNA news agency.\n",
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    ("first", "second", "events"),
    [
        ("Nov 15", "Nov 29", [1, 1]),  # a fortnight apart in any year: two visits
        ("Nov 29", "Nov 30", [2]),  # a day apart, or years: the words decide (one event)
        ("Dec 31", "Jan 2", [2]),  # across the new year, two days apart
    ],
)
def test_yearless_datelines_keep_apart_what_no_year_brings_together(
    tmp_path: Path, first: str, second: str, events: list[int]
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    write_wire_copy(seeds, "first.txt", first, WIRE_LEADS[0])
    write_wire_copy(seeds, "second.txt", second, WIRE_LEADS[1])
    result = run_digest("build", "--seeds", "seeds", "--out", "site", "--no-cache", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "site" / "events.json").read_text(encoding="utf-8"))
    assert {a["published"] for a in data["articles"]} == {None}  # no year was guessed
    assert sorted(len(e["articles"]) for e in data["events"]) == events


def test_a_yearless_dateline_is_at_least_as_far_as_its_day_of_the_year() -> None:
    from digest.cluster import date_gap_days
    from digest.features import Features

    def article(value: DateValue | None = None, month_day: tuple[int, int] | None = None):
        return Features("x", {}, {}, {}, frozenset(), value, None, month_day)

    day = DateValue(date(2024, 11, 12), Granularity.DAY, DateSource.FRONT_MATTER)
    month = DateValue(date(2024, 11, 1), Granularity.MONTH, DateSource.FRONT_MATTER)
    assert date_gap_days(article(day), article(month_day=(11, 29))) == 16  # 17, less the leap day
    assert date_gap_days(article(month_day=(11, 29)), article(day)) == 16
    assert date_gap_days(article(month), article(month_day=(11, 29))) is None  # inside November
    assert date_gap_days(article(month), article(month_day=(12, 20))) == 19
    assert date_gap_days(article(month_day=(12, 30)), article(month_day=(1, 3))) == 3
    assert date_gap_days(article(month_day=(3, 1)), article(month_day=(3, 1))) is None
    assert date_gap_days(article(), article(month_day=(3, 1))) is None


@pytest.mark.parametrize(
    ("month_day", "first", "last", "expected"),
    [
        ((2, 25), date(2025, 11, 9), date(2026, 7, 22), date(2026, 2, 25)),
        ((12, 20), date(2026, 1, 3), date(2026, 1, 9), date(2025, 12, 20)),  # slack before
        ((1, 5), date(2025, 12, 1), date(2025, 12, 30), date(2026, 1, 5)),  # slack after
        ((2, 25), date(2024, 11, 9), date(2026, 7, 22), None),  # two Feb 25ths in the folder
        ((6, 1), date(2025, 11, 9), date(2026, 2, 1), None),  # none
        ((2, 29), date(2024, 1, 1), date(2024, 3, 1), date(2024, 2, 29)),
        ((2, 29), date(2025, 1, 1), date(2025, 3, 1), None),
    ],
)
def test_year_from_folder(
    month_day: tuple[int, int], first: date, last: date, expected: date | None
) -> None:
    assert yearless.year_from_folder(month_day, first, last) == expected


@pytest.mark.parametrize(
    ("month_day", "weekday", "expected"),
    [
        ((4, 14), 1, date(2026, 4, 14)),  # a Tuesday in 2026, a Monday in 2025
        ((4, 14), 0, date(2025, 4, 14)),
        ((4, 14), 4, None),  # a Friday in neither year
        ((4, 14), None, None),  # two years fit, nothing tells them apart
        ((1, 5), 0, date(2026, 1, 5)),  # one year fits, on its weekday
        ((1, 5), 6, None),  # one year fits, but 5 January 2026 is no Sunday: another year's
        ((1, 5), None, date(2026, 1, 5)),  # one year fits, no weekday to check
    ],
)
def test_a_weekday_picks_the_year_where_a_folder_holds_two(
    month_day: tuple[int, int], weekday: int | None, expected: date | None
) -> None:
    first, last = date(2025, 3, 16), date(2026, 4, 27)
    if month_day == (1, 5):  # a folder of December 2025
        first, last = date(2025, 12, 1), date(2025, 12, 30)
    assert yearless.year_from_folder(month_day, first, last, weekday) == expected


def test_a_multi_year_folder_dates_wire_copy_by_its_weekday(tmp_path: Path) -> None:
    from digest import evaluate, features
    from digest.config import ClusterParams

    (tmp_path / "a.txt").write_text(
        "Planter holds annual meeting\nJAKARTA, Selasa (15/4/2025) - Rapat pemegang saham "
        "PT Sawit Contoh digelar di Jakarta.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "Planter buys rival\nJAKARTA, Senin (27/4/2026) - PT Sawit Contoh membeli kebun.\n",
        encoding="utf-8",
    )
    (tmp_path / "c.txt").write_text(
        "Planter raises dividend\n\nJAKARTA, April 14 (Reuters) - Shareholders of palm oil "
        "producer Sawit Contoh approved on Tuesday a higher dividend, the company said.\n",
        encoding="utf-8",
    )
    got = {
        f.article_id: f.date
        for f in features.featurize(evaluate.load_articles(tmp_path), ClusterParams())
    }
    assert got["c"] == DateValue(date(2026, 4, 14), Granularity.DAY, INFERRED_YEAR)


def test_a_folders_read_days_date_its_yearless_datelines() -> None:
    from digest.features import Features, dated_by_folder

    def article(value: DateValue | None = None, month_day: tuple[int, int] | None = None):
        return Features("x", {}, {}, {}, frozenset(), value, None, month_day)

    read = DateValue(date(2026, 3, 3), Granularity.DAY, DateSource.DATELINE)
    guess = DateValue(date(2022, 2, 1), Granularity.MONTH, DateSource.ESTIMATED)
    month = DateValue(date(2026, 1, 1), Granularity.MONTH, DateSource.EXPLICIT)
    folder = [article(read), article(guess, (2, 25)), article(month), article(None, (9, 1))]
    dated = dated_by_folder(folder)
    assert dated[1].date == DateValue(date(2026, 2, 25), Granularity.DAY, INFERRED_YEAR)
    assert dated[1].month_day is None
    assert dated[0] == folder[0] and dated[2] == folder[2]
    assert dated[3] == folder[3]  # 1 September is outside the folder's time in any year
    assert dated_by_folder(folder[1:]) == folder[1:]  # only estimates and a month: no days


def test_a_dated_wire_copy_keeps_groups_apart(tmp_path: Path) -> None:
    """Two wire reports a fortnight apart and an undated one like both: without a year the
    fortnight parts only the pair, and the undated report can join all three; a folder
    whose other reports are of that November dates both, and an event never holds two
    reports dated that far apart."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    write_wire_copy(seeds, "first.txt", "Nov 15", WIRE_LEADS[0])
    write_wire_copy(seeds, "second.txt", "Nov 29", WIRE_LEADS[1])
    (seeds / "undated.txt").write_text(
        "Kim Jong Un and Russia's defence minister talk military cooperation in Pyongyang\n"
        "North Korea's leader Kim Jong Un and the Russian defence minister discussed "
        "military cooperation during talks in Pyongyang, the KCNA agency reported.\n"
        "Joint exercises and the partnership treaty between the two countries were "
        "discussed, state media said.\n",
        encoding="utf-8",
    )
    flood = "\n".join(ANTARA).replace("Kamis (2/1)", "Kamis (21/11/2024)")
    (seeds / "flood.txt").write_text(
        "Banjir Bekasi, ribuan warga mengungsi\n" + flood + "\n", encoding="utf-8"
    )
    result = run_digest("build", "--seeds", "seeds", "--out", "site", "--no-cache", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "site" / "events.json").read_text(encoding="utf-8"))
    files = {a["id"]: a["file"] for a in data["articles"]}
    events = [sorted(files[a] for a in e["articles"]) for e in data["events"]]
    wire = [e for e in events if "first.txt" in e or "second.txt" in e]
    assert len(wire) == 2, events


def test_of_a_yearless_dateline_and_a_dated_weekday_in_the_lead_the_later_is_the_news() -> None:
    # the opening sentence's "Senin (21/7)" is when the protest began; it ended on Wednesday
    started = [
        "Jakarta (ANTARA) - Aksi unjuk rasa yang berlangsung sejak Senin (21/7) berakhir "
        "pada Rabu malam.",
        '"Kami bubar dengan tertib," kata ketua massa di lokasi, Rabu (23/7/2025).',
    ]
    assert own(started) == DateValue(date(2025, 7, 23), Granularity.DAY, DateSource.DATELINE)
    # and a dated weekday before the dateline's day is background (the rain since Monday)
    flood = [
        "Jakarta (ANTARA) - Pemerintah menyalurkan bantuan banjir, Kamis (2/1).",
        "Hujan deras mengguyur sejak Senin, 30 Desember 2024, hingga sungai meluap.",
    ]
    assert own(flood) == DateValue(date(2025, 1, 2), Granularity.DAY, INFERRED_YEAR)

    # the same day both ways: the date read in full is the one kept (DATELINE, not inferred)
    same = [
        "Jakarta (ANTARA) - Pemerintah menyalurkan bantuan banjir, Kamis (2/1).",
        "Bantuan diserahkan di Bekasi pada Kamis, 2 Januari 2025, kata petugas.",
    ]
    assert own(same) == DateValue(date(2025, 1, 2), Granularity.DAY, DateSource.DATELINE)


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        # the latest of its weekday-bound days, in any sentence of the first paragraph
        (
            "Jakarta, CNN Indonesia -- Film itu meraih 1.020.000 penonton per Senin (23/11) "
            "siang, lima hari sejak mulai tayang di bioskop pada Kamis (19/11).",
            (11, 23, 0),
        ),
        (
            "KONTAN.CO.ID - JAKARTA. Harga emas Antam menguat. Mengutip situs Logam Mulia, "
            "Senin (23/11), harga emas naik Rp 9.000.",
            (11, 23, 0),
        ),
        ("Both sides met on Tuesday (Dec 29) and again on Saturday (Jan 2).", (1, 2, 5)),
        ("Schools will be closed for a week from Friday (Nov 13).", None),  # to come
        ("Berbeda dengan rapat sebelumnya pada Selasa (10/11), kali ini Menhub datang.", None),
        ("Harga emas naik pada Senin, 23 November.", (11, 23, 0)),
        ("Harga emas naik pada 23/11.", None),  # no weekday
    ],
)
def test_a_leads_weekday_and_date(lead: str, expected: tuple[int, int, int] | None) -> None:
    found = yearless.lead_bound_day(lead, dayfirst=True)
    assert (found and (found.month, found.day, found.weekday)) == expected


@pytest.mark.parametrize(
    ("lead", "dayfirst", "expected"),
    [
        # a future word in an earlier clause tells of something else (b80-063, b79-037)
        (
            "Hong Kong's foreign domestic helpers will get a HK$140 increase in their minimum "
            "monthly wage, the government announced on Tuesday (Sept 29).",
            False,
            (9, 29, 1),
        ),
        (
            "The by-election will see a three-cornered contest after the Election Commission "
            "accepted the papers of three candidates on Saturday (Oct 3).",
            False,
            (10, 3, 5),
        ),
        # in the day's own clause it still sets the day to come
        ("The talks, the ministry said, will resume on Friday (Nov 13).", False, None),
        # an Indonesian comma is no clause border: the meeting is still to come
        ("Pemerintah akan menggelar rapat, Senin (30/11).", True, None),
        ("Pasien akan dirawat setelah dievakuasi pada Senin (23/11).", True, (11, 23, 0)),
    ],
)
def test_a_future_word_counts_only_in_its_days_clause(
    lead: str, dayfirst: bool, expected: tuple[int, int, int] | None
) -> None:
    found = yearless.lead_bound_day(lead, dayfirst=dayfirst)
    assert (found and (found.month, found.day, found.weekday)) == expected


def test_a_report_without_a_dateline_is_dated_by_its_leads_weekday_and_date(
    tmp_path: Path,
) -> None:
    """A report with no stamp and no dateline whose first paragraph says "per Senin (23/11)"
    is dated 23 November of the year its folder's dated reports allow (the weekday agrees
    only with 2026 among them), and stands apart from a report of the same film's premiere
    twelve days earlier (blind109's b109-011 went with the premiere's reports undated)."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "count.txt").write_text(
        "Film Horor Kebun Teh Tembus Sejuta Penonton\n"
        "Jakarta, CNN Indonesia -- Film horor Kebun Teh karya sutradara Rangga meraih sejuta "
        "penonton per Senin (23/11) siang, lima hari sejak tayang pada Kamis (19/11).\n"
        "Film horor Kebun Teh dibintangi Nadine dan diproduksi Layar Kabut Pictures.\n",
        encoding="utf-8",
    )
    (seeds / "premiere.txt").write_text(
        "Gala Premiere Film Horor Kebun Teh di Jakarta\n"
        "Jakarta - Film horor Kebun Teh karya sutradara Rangga menggelar gala premiere di "
        "Jakarta, Rabu (11/11/2026) malam.\n"
        "Film horor Kebun Teh dibintangi Nadine dan diproduksi Layar Kabut Pictures.\n",
        encoding="utf-8",
    )
    result = run_digest("build", "--seeds", "seeds", "--out", "site", "--no-cache", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "site" / "events.json").read_text(encoding="utf-8"))
    dated = {a["file"]: (a["published"], a["published_source"]) for a in data["articles"]}
    assert dated["count.txt"] == ("2026-11-23", "dateline-inferred-year")
    assert sorted(len(e["articles"]) for e in data["events"]) == [1, 1]
