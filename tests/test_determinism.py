"""Same input, same bytes: builds compared file by file, in separate processes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import snapshot

REPO = Path(__file__).resolve().parent.parent
EXTRA_MD = (
    "---\ntitle: Parlemen meratifikasi perjanjian\noutlet: Contoh News\n"
    "url: https://example.org/ratifikasi\nlanguage: id\n---\n\n"
    "JAKARTA - Parlemen meratifikasi perjanjian itu pada **Selasa** (12/11/2024).\n\n"
    "- Baca juga: [Berita lain](https://example.org/lain)\n"
)


def run_build(seeds: Path, out: Path, cwd: Path, env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "digest", "build", "--seeds", str(seeds), "--out", str(out)],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def make_seeds(folder: Path) -> Path:
    shutil.copytree(REPO / "seeds", folder)
    (folder / "extra.md").write_text(EXTRA_MD, encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return folder


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    """Different folders, working directories and hash seeds; every byte must match."""
    first = make_seeds(tmp_path / "a" / "seeds")
    second = make_seeds(tmp_path / "b" / "deeper" / "input")
    run_build(first, tmp_path / "a" / "site", tmp_path / "a", {"PYTHONHASHSEED": "1"})
    run_build(second, tmp_path / "out2", tmp_path, {"PYTHONHASHSEED": "2"})
    one, two = snapshot(tmp_path / "a" / "site"), snapshot(tmp_path / "out2")
    assert sorted(one) == sorted(two)
    different = [name for name in one if one[name] != two[name]]
    assert different == []
    every_byte = b"".join(one.values())
    assert str(tmp_path).encode() not in every_byte  # no absolute paths leak into the site
    # A rebuild in place reads the previous events.json (stable ids) and changes nothing.
    run_build(first, tmp_path / "a" / "site", tmp_path, {"PYTHONHASHSEED": "3"})
    assert snapshot(tmp_path / "a" / "site") == one


def test_source_date_epoch_is_the_only_date_that_changes(tmp_path: Path) -> None:
    """An undated article forces the feed to show the build date: SOURCE_DATE_EPOCH's."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "undated.txt").write_text("A headline with no date\nA body with no date.\n")
    stamps = {"1700000000": "2023-11-14T22:13:20Z", "1800000000": "2027-01-15T08:00:00Z"}
    sites = {}
    for epoch in stamps:
        run_build(seeds, tmp_path / epoch, tmp_path, {"SOURCE_DATE_EPOCH": epoch})
        sites[epoch] = snapshot(tmp_path / epoch)
    a, b = sites["1700000000"], sites["1800000000"]
    assert any(stamps["1700000000"].encode() in data for data in a.values())
    for name in a:
        normal_a = a[name].replace(stamps["1700000000"].encode(), b"<BUILD>")
        normal_b = b[name].replace(stamps["1800000000"].encode(), b"<BUILD>")
        assert normal_a.replace(b"2023-11-14", b"<DAY>") == normal_b.replace(
            b"2027-01-15", b"<DAY>"
        ), name
