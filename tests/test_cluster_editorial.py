"""events.yaml overrides, near-duplicates and `digest explain`, on real files and the real CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_article

from digest import cli, duplicates, overrides
from digest.errors import ConfigError

REPO = Path(__file__).resolve().parent.parent
HARD = REPO / "tests" / "corpora" / "hardcases" / "articles"
SEEDS = REPO / "seeds"
VISIT = ("000_80ec8643e48c639e", "001_41cd93c7232de1f8", "004_74c5f399bd71f4d7")
KOZLOV = "002_f4365ef5523ea724"
TREATY = "003_47c8d720653f142a"


def build(seeds: Path, out: Path, events_yaml: str | None = None) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "digest", "build", "--seeds", str(seeds), "--out", str(out)]
    if events_yaml is not None:
        config = out.parent / "digest.yaml"
        (out.parent / "events.yaml").write_text(events_yaml, encoding="utf-8")
        config.write_text("events: events.yaml\n", encoding="utf-8")
        args += ["--config", str(config)]
    return subprocess.run(args, capture_output=True, text=True, timeout=300, check=False)


def events_of(out: Path) -> dict:
    return json.loads((out / "events.json").read_text(encoding="utf-8"))


def groups_of(data: dict) -> set[frozenset[str]]:
    return {frozenset(e["articles"]) for e in data["events"]}


def test_overrides_rename_pin_split_merge_exclude_in_a_real_build(tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = build(SEEDS, out)
    assert first.returncode == 0, first.stderr
    treaty_event = next(a["event"] for a in events_of(out)["articles"] if a["id"] == TREATY)
    yaml_text = f"""
rename:
  {treaty_event}: "Pyongyang ratifies the treaty"
  no-such-event: "Nothing"
pin:
  {VISIT[2]}: {KOZLOV}
exclude: [{VISIT[1]}, ghost-article]
"""
    second = build(SEEDS, out, yaml_text)
    assert second.returncode == 0, second.stderr
    data = events_of(out)
    assert groups_of(data) == {
        frozenset({VISIT[0]}),
        frozenset({VISIT[2], KOZLOV}),
        frozenset({TREATY}),
    }
    assert VISIT[1] not in {a["id"] for a in data["articles"]}
    titles = {e["id"]: e["title"] for e in data["events"]}
    assert titles[treaty_event] == "Pyongyang ratifies the treaty"
    assert "no-such-event" in second.stderr and "ghost-article" in second.stderr

    third = build(SEEDS, out, f"merge:\n  - [{VISIT[0]}, {treaty_event}]\nsplit:\n  - [{KOZLOV}]\n")
    assert third.returncode == 0, third.stderr
    assert frozenset({VISIT[0], VISIT[1], VISIT[2], TREATY}) in groups_of(events_of(out))
    assert frozenset({KOZLOV}) in groups_of(events_of(out))


@pytest.mark.parametrize(
    "text, problem",
    [("rename: [a, b]\n", "rename"), ("colour: red\n", "colour"), ("- a\n", "mapping")],
)
def test_malformed_events_file_names_file_and_section(tmp_path: Path, text, problem) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=problem) as err:
        overrides.read_overrides(path)
    assert "events.yaml" in str(err.value)


def test_syndicated_copies_are_marked_and_kept_together(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("gempa-garut-id1.md", "gempa-garut-id2.md", "gempa-sumba-id1.md", "ihsg-id1.md"):
        shutil.copy(HARD / name, seeds / name)
    out = tmp_path / "site"
    result = build(seeds, out)
    assert result.returncode == 0, result.stderr
    data = events_of(out)
    assert frozenset({"gempa-garut-id1", "gempa-garut-id2"}) in groups_of(data)
    by_id = {a["id"]: a for a in data["articles"]}
    assert by_id["gempa-garut-id1"]["copies"] == ["gempa-garut-id2"]
    assert by_id["gempa-garut-id2"]["copies"] == ["gempa-garut-id1"]
    assert by_id["gempa-sumba-id1"]["copies"] == []


def test_near_duplicates_need_most_of_the_text() -> None:
    story = " ".join(f"gempa{k}x mengguncang garut{k}y pada malam{k}z." for k in range(40))
    other = " ".join(f"banjir{k}x melanda kota{k}y sejak pagi{k}z." for k in range(40))
    a = make_article("a", body=story + "\n\nBaca juga: berita lain")
    b = make_article("b", body="Ikuti kami di media sosial.\n\n" + story)
    c = make_article("c", body=story[: len(story) // 4] + " " + other)
    assert duplicates.near_duplicate_pairs([c, b, a]) == [("a", "b")]


def test_explain_prints_the_evidence_and_the_verdict(capsys) -> None:
    code = cli.main(["explain", VISIT[0], VISIT[2], "--seeds", str(SEEDS)])
    out = capsys.readouterr().out
    assert code == 0
    assert "SAME event" in out and "threshold" in out
    assert "belousov" in out
    code = cli.main(["explain", VISIT[0], KOZLOV, "--seeds", str(SEEDS)])
    out = capsys.readouterr().out
    assert "DIFFERENT events" in out
    assert "kozlov" in out.split(f"only {KOZLOV}:")[1].splitlines()[0]


def test_explain_unknown_article_is_one_line_error(capsys) -> None:
    assert cli.main(["explain", "nope", VISIT[0], "--seeds", str(SEEDS)]) != 0
    assert "nope" in capsys.readouterr().err
