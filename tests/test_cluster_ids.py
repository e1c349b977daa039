"""Stable event ids: joining articles and unrelated additions never change a published id."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

from conftest import make_article, run_digest

from digest import cluster
from digest.model import DateSource, DateValue, Granularity

HARD = Path(__file__).resolve().parent / "corpora" / "hardcases" / "articles"


def test_group_keeps_the_id_of_the_previous_event_it_holds() -> None:
    a, b, c = make_article("a"), make_article("b"), make_article("c")
    previous = {"a": "old-event", "b": "old-event"}
    assert cluster.assign_ids([[a, b, c]], previous) == ["old-event"]


def test_split_event_keeps_its_id_on_the_larger_part() -> None:
    a, b, c = make_article("a"), make_article("b"), make_article("c")
    previous = {"a": "e1", "b": "e1", "c": "e1"}
    ids = cluster.assign_ids([[c], [a, b]], previous)
    assert ids[1] == "e1"
    assert ids[0] != "e1"


def test_new_event_id_comes_from_its_founding_article_only() -> None:
    a = make_article("a", title="Gempa guncang Garut")
    b = make_article("b", title="Banjir di Medan")
    first = cluster.assign_ids([[a]], {})
    assert cluster.assign_ids([[b], [a]], {}) == [cluster.new_event_id(b), first[0]]
    assert first[0].startswith("gempa-guncang-garut-")


def test_founder_states_its_date_before_a_guessed_earlier_one() -> None:
    # b118-039's case: a report guessed to November from a background letter's date, in an
    # event of January that its other reports date themselves.
    guessed = DateValue(date(2025, 11, 1), Granularity.MONTH, DateSource.ESTIMATED)
    stated = DateValue(date(2026, 1, 21), Granularity.DAY, DateSource.DATELINE)
    weekday = DateValue(date(2026, 1, 20), Granularity.DAY, DateSource.INFERRED)
    background = make_article("a", title="Surat lama", published=guessed)
    report = make_article("b", title="Sidang paripurna", published=stated)
    later = make_article("c", title="Sidang lanjutan", published=stated)
    assert cluster.founding_article([background, later, report]) is report
    assert cluster.founding_article([background, make_article("d")]) is background
    assert cluster.founding_article([make_article("e", published=weekday), background]).id == "a"
    assert cluster.founding_article([make_article("f"), make_article("e")]).id == "e"


def build(seeds: Path, out: Path) -> dict[str, str]:
    result = run_digest("build", "--seeds", str(seeds), "--out", str(out), cwd=seeds.parent)
    assert result.returncode == 0, result.stderr
    data = json.loads((out / "events.json").read_text(encoding="utf-8"))
    return {a["id"]: a["event"] for a in data["articles"]}


def test_rebuild_with_added_files_keeps_every_event_id(tmp_path: Path) -> None:
    seeds, out = tmp_path / "seeds", tmp_path / "site"
    seeds.mkdir()
    first_batch = ["menlu-tokyo-id1.md", "gempa-garut-id1.md", "banjir-semarang-id1.md"]
    for name in first_batch:
        shutil.copy(HARD / name, seeds / name)
    before = build(seeds, out)
    assert len(set(before.values())) == 3
    # Reports joining existing events, an earlier-dated one among them, and unrelated news.
    for name in ["menlu-tokyo-en1.md", "gempa-garut-en1.md", "banjir-semarang-id2.md"]:
        shutil.copy(HARD / name, seeds / name)
    for name in ["ihsg-id1.md", "persib-id1.md", "menlu-canberra-id1.md"]:
        shutil.copy(HARD / name, seeds / name)
    after = build(seeds, out)
    assert {aid: after[aid] for aid in before} == before
    assert after["menlu-tokyo-en1"] == before["menlu-tokyo-id1"]
    assert after["gempa-garut-en1"] == before["gempa-garut-id1"]
    assert after["ihsg-id1"] not in before.values()
    assert after["menlu-canberra-id1"] != before["menlu-tokyo-id1"]
