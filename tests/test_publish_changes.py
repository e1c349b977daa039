"""digest/changes.py: what a build adds to the previous one, and how the record carries on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import make_article

from digest import changes, cli
from digest.model import BuildReport, Event

BUILT = "2026-11-21T10:00:00Z"


def previous_build(events: dict[str, list[str]], log=()) -> changes.PreviousBuild:
    assignments = {a: e for e, members in events.items() for a in members}
    return changes.PreviousBuild("test", assignments, {e: tuple(m) for e, m in events.items()}, log)


def articles(*ids: str) -> dict:
    return {i: make_article(id=i, title=f"Title {i}") for i in ids}


def test_diff_finds_new_events_grown_events_and_added_articles() -> None:
    before = previous_build({"visit": ["a", "b"], "treaty": ["c"]})
    events = [
        Event("meeting", "A meeting", ("e",)),
        Event("visit", "The visit", ("a", "b", "d")),
        Event("treaty", "The treaty", ("c",)),
    ]
    change = changes.diff(before, events, articles("a", "b", "c", "d", "e"), BUILT)
    assert change.new_events == (changes.EventRef("meeting", "A meeting"),)
    assert change.grown_events == (changes.GrownEvent("visit", "The visit", ("d",), 3),)
    assert [(a.id, a.event) for a in change.new_articles] == [("d", "visit"), ("e", "meeting")]
    assert change.built == BUILT and change.day == "2026-11-21"
    assert len(change.id) == 12


def test_nothing_new_is_an_empty_change_that_keeps_the_previous_record() -> None:
    older = changes.ChangeSet(
        "abc123abc123", BUILT, new_articles=(changes.ArticleRef("a", "t", "v"),)
    )
    before = previous_build({"visit": ["a"]}, log=(older,))
    change = changes.diff(before, [Event("visit", "The visit", ("a",))], articles("a"), BUILT)
    assert change.is_empty
    assert changes.record(before, change) == (older,)
    assert changes.record(None, None) == ()


def test_record_puts_the_newest_first_and_keeps_a_bounded_log() -> None:
    log = tuple(
        changes.ChangeSet(f"{i:012d}", BUILT, new_articles=(changes.ArticleRef(str(i), "t", "e"),))
        for i in range(changes.KEEP_CHANGE_SETS)
    )
    before = previous_build({"e": [str(i) for i in range(changes.KEEP_CHANGE_SETS)]}, log)
    events = [Event("e", "E", (*before.events["e"], "new"))]
    change = changes.diff(before, events, articles(*before.events["e"], "new"), BUILT)
    recorded = changes.record(before, change)
    assert recorded[0] == change
    assert len(recorded) == changes.KEEP_CHANGE_SETS
    assert recorded[1:] == log[:-1]


def test_change_ids_are_deterministic_and_chain_on_the_previous_change() -> None:
    events = [Event("e", "E", ("a", "b"))]
    first = changes.diff(previous_build({"e": ["a"]}), events, articles("a", "b"), BUILT)
    again = changes.diff(previous_build({"e": ["a"]}), events, articles("a", "b"), BUILT)
    assert first == again
    chained = changes.diff(
        previous_build({"e": ["a"]}, (first,)), events, articles("a", "b"), BUILT
    )
    assert chained.id != first.id


def test_events_json_round_trip_keeps_the_log() -> None:
    change = changes.ChangeSet(
        "0123456789ab",
        BUILT,
        new_events=(changes.EventRef("m", "Meeting"),),
        grown_events=(changes.GrownEvent("v", "Visit", ("d",), 3),),
        new_articles=(changes.ArticleRef("d", "Title <d>", "v"),),
    )
    text = json.dumps(
        {
            "articles": [{"id": "d", "event": "v"}],
            "events": [{"id": "v", "articles": ["d"]}],
            "changes": [changes.change_json(change)],
        }
    )
    parsed = changes.parse_previous(text, "site/events.json")
    assert parsed.assignments == {"d": "v"}
    assert parsed.events == {"v": ("d",)}
    assert parsed.log == (change,)


@pytest.mark.parametrize(
    "text", ["not json", "[]", '{"articles": [{"id": "a"}], "events": []}', '{"events": 3}']
)
def test_a_file_that_is_not_our_events_json_is_an_error_naming_it(text: str) -> None:
    with pytest.raises(changes.PreviousBuildError, match=r"old/events\.json: not an events\.json"):
        changes.parse_previous(text, "old/events.json")


def test_explicit_previous_file_must_exist(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    with pytest.raises(
        changes.PreviousBuildError, match=r"nope\.json: previous events\.json not found"
    ):
        changes.find_previous(str(missing), tmp_path, BuildReport())


def test_damaged_events_json_in_the_output_folder_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "events.json").write_text("{broken", encoding="utf-8")
    report = BuildReport()
    assert changes.find_previous(None, tmp_path, report) is None
    assert [p.path for p in report.warnings] == [str(tmp_path / "events.json")]
    assert changes.find_previous(None, tmp_path / "empty", BuildReport()) is None


@pytest.mark.parametrize(
    "language, expected",
    [
        ("en", "What's new: Events with new reports (1), Articles added (2)"),
        ("id", "Yang baru: Peristiwa dengan laporan baru (1), Artikel yang ditambahkan (2)"),
    ],
)
def test_headline_counts_what_changed_in_the_ui_language(language: str, expected: str) -> None:
    change = changes.ChangeSet(
        "0123456789ab",
        BUILT,
        grown_events=(changes.GrownEvent("v", "Visit", ("d", "e"), 4),),
        new_articles=(changes.ArticleRef("d", "D", "v"), changes.ArticleRef("e", "E", "v")),
    )
    assert changes.headline(change, language) == expected


def test_an_unreadable_change_entry_is_left_out_but_ids_still_come_through() -> None:
    good = changes.ChangeSet("0123456789ab", BUILT, new_events=(changes.EventRef("v", "Visit"),))
    text = json.dumps(
        {
            "articles": [{"id": "a", "event": "v"}],
            "events": [{"id": "v", "articles": ["a"]}],
            "changes": [{"id": "x", "built": BUILT, "new_events": 7}, changes.change_json(good)],
        }
    )
    parsed = changes.parse_previous(text, "events.json")
    assert parsed.log == (good,)
    assert parsed.assignments == {"a": "v"}


def test_a_built_sites_events_json_is_read_as_whole_but_keeps_only_what_it_needs(
    tmp_path: Path, seeds_dir: Path
) -> None:
    """The previous build is read with each object cut to the keys a build reads: the same
    assignments, events and log as reading the whole file, and nothing else kept."""
    site = tmp_path / "site"
    cli.main(["build", "--seeds", str(seeds_dir), "--out", str(site), "--no-cache", "--quiet"])
    text = (site / "events.json").read_text(encoding="utf-8")
    whole = json.loads(text)
    assert any("timeline" in e for e in whole["events"])  # what reading it whole would hold
    parsed = changes.parse_previous(text, "site/events.json")
    assert parsed.assignments == {a["id"]: a["event"] for a in whole["articles"]}
    assert parsed.events == {e["id"]: tuple(e["articles"]) for e in whole["events"]}
    assert parsed.log == changes._log_from_json(whole["changes"])
    assert len(parsed.events) == 3
    slim = json.loads(text, object_hook=changes._read_keys_only)
    assert all(set(e) <= {"id", "title", "articles"} for e in slim["events"])
