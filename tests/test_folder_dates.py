"""A year-less dateline dated by its folder: the date clustering uses is the article's own
date on the site too, and a rebuild with the cache writes what a clean build writes when
a change elsewhere in the folder moves, makes or takes away that date."""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from conftest import snapshot

from digest import cli
from digest.build import Digest, assemble
from digest.cluster import cluster_events
from digest.config import ClusterParams, Config
from digest.features import Features, dated_by_folder, folder_dates
from digest.model import BuildReport, DateSource, DateValue, Granularity

INFERRED_YEAR = DateSource.DATELINE_INFERRED_YEAR

BRIDGE = (
    "Jembatan Mahakam baru diresmikan\n\n"
    "Samarinda, 12 Januari 2026 - Pemerintah meresmikan jembatan baru di atas Sungai "
    "Mahakam yang menghubungkan dua kabupaten di Kalimantan Timur.\n\n"
    "Jembatan sepanjang 800 meter itu dibangun selama tiga tahun dengan biaya Rp 1,2 "
    "triliun.\n\n"
    "Warga berharap waktu tempuh ke ibu kota provinsi menjadi lebih singkat.\n"
)
RICE = (
    "Harga beras medium turun di pasar Jawa\n\n"
    "Jakarta, 16 Januari 2026 - Harga beras medium di pasar tradisional Jawa turun untuk "
    "pekan kedua berturut-turut setelah panen raya di sejumlah daerah.\n\n"
    "Pedagang di Pasar Induk Cipinang mencatat penurunan sekitar Rp 500 per kilogram.\n\n"
    "Badan Pangan Nasional memperkirakan harga stabil hingga akhir bulan.\n"
)
OLDER = (
    "Banjir rendam ratusan rumah di Demak\n\n"
    "Demak, 9 Januari 2025 - Banjir merendam ratusan rumah di tiga kecamatan setelah "
    "tanggul Sungai Wulan jebol akibat hujan deras.\n\n"
    "Warga mengungsi ke masjid dan balai desa, kata petugas penanggulangan bencana.\n\n"
    "Pemerintah kabupaten menyiapkan dapur umum bagi para pengungsi.\n"
)
LITHIUM_TITLE = "Chile picks consortium for Maricunga lithium project"
LITHIUM_LEAD = (
    "Chile's government chose a consortium led by a local miner and a South Korean battery "
    "materials group to develop lithium in the Maricunga salt flat, part of a state-led "
    "strategy for the critical mineral."
)
LITHIUM_BODY = (
    "The consortium will partner with a state company, which will hold a 51% stake in the "
    "project. Production is expected to start in 2031 at an initial capacity of 40,000 "
    "tonnes a year, the mining ministry said.\n\n"
    "Four consortiums had bid for the project. The ministry did not disclose the financial "
    "terms of the winning offer.\n"
)
LITHIUM = f"{LITHIUM_TITLE}\n\nSANTIAGO, Jan 21 (Reuters) - {LITHIUM_LEAD}\n\n{LITHIUM_BODY}"
"""No year in its dateline and none its story fixes: its own date is a month estimated
from the target year it names, "≈ January 2031"."""

ESTIMATE = DateValue(date(2031, 1, 1), Granularity.MONTH, DateSource.ESTIMATED)
FOLDER_DAY = DateValue(date(2026, 1, 21), Granularity.DAY, INFERRED_YEAR)


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def assembled(tmp_path: Path, files: dict[str, str]) -> Digest:
    """Return the digest a build of `files` makes (written to `tmp_path`/seeds)."""
    seeds = write(tmp_path / "seeds", files)
    return assemble(Config(seeds=seeds, output=tmp_path / "site"), BuildReport())


def own_dates(tmp_path: Path, files: dict[str, str]) -> dict[str, DateValue | None]:
    """Return every article's own date as a build gives it to the site, by article id."""
    return {a.id: a.published for a in assembled(tmp_path, files).articles.values()}


def test_a_yearless_dateline_takes_the_date_its_folder_gives(tmp_path: Path) -> None:
    digest = assembled(tmp_path, {"bridge.txt": BRIDGE, "rice.txt": RICE, "lithium.txt": LITHIUM})
    assert digest.articles["lithium"].published == FOLDER_DAY
    event = next(e for e in digest.events if "lithium" in e.article_ids)
    assert event.start == FOLDER_DAY and event.end == FOLDER_DAY
    # The same date clustering read, from the same rule.
    cleaned = [digest.origins[i][0] for i in sorted(digest.origins)]
    clustering = cluster_events(cleaned, ClusterParams())
    assert clustering.folder_dated == {"lithium": FOLDER_DAY}
    # Its mentions are resolved again against that day: "Jan 21" is the day, not a month.
    assert [m.date.iso() for m in digest.articles["lithium"].mentions] == ["2026-01-21", "2031"]


VERDICT = (
    "Verdict in Samarinda crew case tests Indonesia's resolve on labour abuse\n\n"
    "SAMARINDA, Indonesia — When the verdict came on January 14, many of the 21 former "
    "deckhands in the courtroom had waited two years since returning home unpaid.\n\n"
    "Judges gave the recruiter ten years in prison. The crew had come home in March 2024, "
    "after a year at sea without wages.\n"
)
"""No dateline and no weekday: the day its lead's first sentence writes, without a year,
is the one its folder gives a year (its story's "March 2024" is background)."""


def test_a_leads_plain_day_takes_the_year_its_folder_gives(tmp_path: Path) -> None:
    dated = own_dates(tmp_path, {"bridge.txt": BRIDGE, "rice.txt": RICE, "verdict.txt": VERDICT})
    assert dated["verdict"] == DateValue(date(2026, 1, 14), Granularity.DAY, INFERRED_YEAR)
    # Alone it has no folder to date it: its January in the year its story names (March
    # 2024) is only an estimate, a month and no day.
    alone = own_dates(tmp_path / "alone", {"verdict.txt": VERDICT})["verdict"]
    assert alone == DateValue(date(2024, 1, 1), Granularity.MONTH, DateSource.ESTIMATED)


def test_front_matter_wins(tmp_path: Path) -> None:
    markdown = (
        f"---\ntitle: {LITHIUM_TITLE}\ndate: 2026-01-19\n---\n\n"
        f"SANTIAGO, Jan 21 (Reuters) - {LITHIUM_LEAD}\n\n{LITHIUM_BODY}"
    )
    dates = own_dates(tmp_path, {"bridge.txt": BRIDGE, "rice.txt": RICE, "lithium.md": markdown})
    assert dates["lithium"] == DateValue(date(2026, 1, 19), source=DateSource.FRONT_MATTER)


def test_a_full_dateline_wins(tmp_path: Path) -> None:
    text = LITHIUM.replace("Jan 21 (Reuters)", "Jan 20, 2026 (Reuters)")
    dates = own_dates(tmp_path, {"bridge.txt": BRIDGE, "rice.txt": RICE, "lithium.txt": text})
    assert dates["lithium"] == DateValue(date(2026, 1, 20), source=DateSource.DATELINE)


def test_a_year_its_story_fixes_wins(tmp_path: Path) -> None:
    """The story's own full date and the weekday fix 2025; the folder would say 2026."""
    text = LITHIUM.replace("government chose", "government on Tuesday chose").replace(
        "Four consortiums had bid", "The bids were opened on Jan. 6, 2025. Four consortiums had bid"
    )
    dates = own_dates(tmp_path, {"bridge.txt": BRIDGE, "rice.txt": RICE, "lithium.txt": text})
    assert dates["lithium"] == DateValue(date(2025, 1, 21), source=INFERRED_YEAR)


@pytest.mark.parametrize(
    "others",
    [
        {"bridge.txt": BRIDGE, "rice.txt": RICE, "older.txt": OLDER},  # 21 January twice
        {"bridge.txt": BRIDGE.replace("12 Januari", "12 Juni")},  # no 21 January near
        {},  # no read day at all
    ],
)
def test_no_folder_date_keeps_the_articles_own(tmp_path: Path, others: dict[str, str]) -> None:
    """Its own is the month estimated from "2031"; a folder whose read days end years before
    that drops it (`test_an_estimate_after_the_folders_days_is_dropped`)."""
    dates = own_dates(tmp_path, {**others, "lithium.txt": LITHIUM})
    assert dates["lithium"] == (ESTIMATE if not others else None)


def test_folder_dates_by_article_id() -> None:
    def article(aid: str, value: DateValue | None, month_day: tuple[int, int] | None = None):
        return Features(aid, {}, {}, {}, frozenset(), value, None, month_day)

    read = DateValue(date(2026, 1, 12), source=DateSource.DATELINE)
    undated = [article("a", ESTIMATE, (1, 21)), article("b", None, (9, 1))]
    assert folder_dates([article("r", read), *undated]) == {"a": FOLDER_DAY}
    assert folder_dates(undated) == {}
    older = article("o", DateValue(date(2025, 1, 9), source=DateSource.DATELINE))
    # A year's news: 21 January twice, 1 September once.
    assert folder_dates([article("r", read), older, *undated]) == {
        "b": DateValue(date(2025, 9, 1), source=INFERRED_YEAR)
    }


# --- rebuilds with the cache ----------------------------------------------------------------


def build(root: Path, out: str, *options: str) -> None:
    args = ["build", "--seeds", str(root / "seeds"), "--out", str(root / out)]
    assert cli.main([*args, "--cache", str(root / "cache"), *options]) == 0


def shown_date(site: Path, article_id: str) -> str:
    """Return the date an article's page shows as its own (the site's language: Indonesian)."""
    page = (site / "articles" / f"{article_id}.html").read_text(encoding="utf-8")
    found = re.search(r"<dd><time datetime=\"([^\"]+)\"[^>]*>([^<]+)</time>", page)
    return f"{found.group(1)} {html.unescape(found.group(2))}" if found else UNDATED


UNDATED = "undated"
"""What `shown_date` returns for a page that shows no date of its own."""


def add_the_first_read_day(seeds: Path) -> None:
    write(seeds, {"bridge.txt": BRIDGE})


def add_a_report_of_another_year(seeds: Path) -> None:
    write(seeds, {"older.txt": OLDER})


def redate_the_read_reports(seeds: Path, old: str, new: str) -> None:
    write(seeds, {"bridge.txt": BRIDGE.replace(old, new), "rice.txt": RICE.replace(old, new)})


def move_the_read_days_a_year_back(seeds: Path) -> None:
    redate_the_read_reports(seeds, "2026", "2025")


def move_the_read_days_away(seeds: Path) -> None:
    redate_the_read_reports(seeds, "Januari", "Juni")


@pytest.mark.parametrize(
    ("before", "change", "shown_before", "shown_after"),
    [
        ({}, add_the_first_read_day, "2031-01 ≈ Januari 2031", "2026-01-21 21 Januari 2026"),
        (
            {"bridge.txt": BRIDGE, "rice.txt": RICE},
            add_a_report_of_another_year,
            "2026-01-21 21 Januari 2026",
            UNDATED,  # "Jan 21" fits two years; the 2031 estimate lies after the folder
        ),
        (
            {"bridge.txt": BRIDGE, "rice.txt": RICE},
            move_the_read_days_a_year_back,
            "2026-01-21 21 Januari 2026",
            "2025-01-21 21 Januari 2025",
        ),
        (
            {"bridge.txt": BRIDGE, "rice.txt": RICE},
            move_the_read_days_away,
            "2026-01-21 21 Januari 2026",
            UNDATED,
        ),
    ],
)
def test_a_rebuild_follows_the_folder_date_byte_for_byte(
    tmp_path: Path,
    before: dict[str, str],
    change: Callable[[Path], None],
    shown_before: str,
    shown_after: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The year-less report's own file never changes: only the folder around it does."""
    root = tmp_path / "project"
    seeds = write(root / "seeds", {**before, "lithium.txt": LITHIUM})
    build(root, "site")
    assert shown_date(root / "site", "lithium") == shown_before
    shutil.copytree(root / "site", root / "clean")
    change(seeds)
    capsys.readouterr()
    build(root, "site")
    reused = int(re.search(r"cache: (\d+) records reused", capsys.readouterr().out).group(1))
    assert reused >= 3  # at least the unchanged report's record, article and terms
    build(root, "clean", "--no-cache")
    incremental, clean = snapshot(root / "site"), snapshot(root / "clean")
    assert sorted(incremental) == sorted(clean)
    assert [name for name in clean if incremental[name] != clean[name]] == []
    assert shown_date(root / "clean", "lithium") == shown_after
    data = json.loads(clean["events.json"])
    event = next(e for e in data["events"] if "lithium" in e["articles"])
    only = None if shown_after == UNDATED else shown_after.split()[0]  # its only report
    assert event["start"] == event["end"] == only


# --- an estimated month the folder puts in its year ------------------------------------------

NO_DAY = LITHIUM.replace("SANTIAGO, Jan 21 (Reuters)", "SANTIAGO (Reuters)").replace(
    "strategy for the critical mineral.",
    "strategy for the critical mineral. The choice was announced on 20 January.",
)
"""No day of its own at all: its month is estimated from "20 January" and the year 2031.
(The day is in the lead's second sentence: in its first, its folder would date it, as
`test_a_leads_plain_day_takes_the_year_its_folder_gives` shows.)"""


def test_an_estimated_month_takes_the_folders_year(tmp_path: Path) -> None:
    dates = own_dates(tmp_path, {"bridge.txt": BRIDGE, "rice.txt": RICE, "lithium.txt": NO_DAY})
    assert dates["lithium"] == DateValue(date(2026, 1, 1), Granularity.MONTH, DateSource.ESTIMATED)


def test_an_estimated_month_stays_where_no_folder_dates_anything(tmp_path: Path) -> None:
    dates = own_dates(tmp_path, {"lithium.txt": NO_DAY})
    assert dates["lithium"] == DateValue(date(2031, 1, 1), Granularity.MONTH, DateSource.ESTIMATED)


@pytest.mark.parametrize(
    "others",
    [
        {"bridge.txt": BRIDGE, "rice.txt": RICE, "older.txt": OLDER},  # January twice
        {"bridge.txt": BRIDGE.replace("12 Januari", "12 Juni")},  # no January near
    ],
)
def test_an_estimate_after_the_folders_days_is_dropped(
    tmp_path: Path, others: dict[str, str]
) -> None:
    """No one year puts January in the folder's days, and 2031 lies years after its last
    read day: a target year, not the report's ("Production is expected to start in 2031").
    A report is written on or after what it tells, so it is left undated (twenty-third
    session; it was shown as "≈ Januari 2031" and kept at the date penalty's full weight
    from every dated report of its folder). Clustering and the site agree."""
    digest = assembled(tmp_path, {**others, "lithium.txt": NO_DAY})
    assert digest.articles["lithium"].published is None
    cleaned = [origin[0] for _, origin in sorted(digest.origins.items())]
    clustering = cluster_events(cleaned, ClusterParams())
    assert "lithium" in clustering.folder_dated and clustering.folder_dated["lithium"] is None


def test_an_estimate_within_a_month_of_the_folders_last_day_stays() -> None:
    read = DateValue(date(2026, 1, 12), source=DateSource.DATELINE)
    later = DateValue(date(2026, 2, 1), Granularity.MONTH, DateSource.ESTIMATED)
    features = [
        Features("r", {}, {}, {}, frozenset(), read),
        Features("l", {}, {}, {}, frozenset(), later, estimated=DateValue(date(2026, 2, 10))),
        Features("f", {}, {}, {}, frozenset(), None, estimated=DateValue(date(2026, 3, 1))),
    ]
    dated = {f.article_id: (f.date, f.estimated) for f in dated_by_folder(features)}
    assert dated["l"] == (later, DateValue(date(2026, 2, 10)))  # 29 days after: kept
    assert dated["f"] == (None, None)  # 48 days after: a plan, not the report's day


def test_folder_dates_move_an_estimated_month_only_when_outside() -> None:
    read = DateValue(date(2026, 1, 12), source=DateSource.DATELINE)
    outside = DateValue(date(2031, 1, 1), Granularity.MONTH, DateSource.ESTIMATED)
    inside = DateValue(date(2026, 1, 1), Granularity.MONTH, DateSource.ESTIMATED)
    features = [
        Features("r", {}, {}, {}, frozenset(), read),
        Features("o", {}, {}, {}, frozenset(), outside),
        Features("i", {}, {}, {}, frozenset(), inside),
    ]
    assert folder_dates(features) == {"o": inside}


def test_a_rebuild_follows_the_folders_year_for_an_estimate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "project"
    seeds = write(root / "seeds", {"lithium.txt": NO_DAY})
    build(root, "site")
    assert shown_date(root / "site", "lithium") == "2031-01 ≈ Januari 2031"
    shutil.copytree(root / "site", root / "clean")
    write(seeds, {"bridge.txt": BRIDGE})
    build(root, "site")
    build(root, "clean", "--no-cache")
    incremental, clean = snapshot(root / "site"), snapshot(root / "clean")
    assert [name for name in clean if incremental.get(name) != clean[name]] == []
    assert sorted(incremental) == sorted(clean)
    assert shown_date(root / "clean", "lithium") == "2026-01 ≈ Januari 2026"


def test_a_date_stamp_at_the_foot_dates_an_article_nothing_at_the_top_dates(
    tmp_path: Path,
) -> None:
    """A scrape that leaves the page's stamp at the foot ("August 10, 2026"): it is the
    article's date where nothing at the top is; a dateline at the top still wins."""
    body = (
        "Houthi video shows armed men on seized ship\n\n"
        "Yemen's Houthi rebels released video on Monday showing fighters on a bulk carrier.\n\n"
        "The ship was seen anchored off the port of Ras Isa.\n\n"
        "India said ten of the sailors were Indian.\n\n"
        "Indonesia said seven were Indonesian.\n\n"
        "Insurers raised war-risk premiums for the strait.\n\n"
    )
    top = body.replace("Yemen's", "SANAA, Aug 9, 2026 (AP) — Yemen's")
    foot = DateValue(date(2026, 8, 10), Granularity.DAY, DateSource.DATELINE)
    assert own_dates(tmp_path / "a", {"foot.txt": body + "August 10, 2026\n"}) == {"foot": foot}
    found = own_dates(tmp_path / "b", {"top.txt": top + "August 10, 2026\n"})
    assert found["top"].value == date(2026, 8, 9)
    assert own_dates(tmp_path / "c", {"none.txt": body + "(Reporting by A. Writer)\n"}) == {
        "none": None
    }
