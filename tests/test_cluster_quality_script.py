"""`benchmarks/cluster_quality.py --save/--compare`: a change's effect on every labelled
corpus, measured against a saved run (the script run as a user would, on real corpora)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "cluster_quality.py"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=ROOT
    )


def test_save_then_compare_lists_what_moved(tmp_path: Path) -> None:
    corpora = tmp_path / "corpora"
    for name in ("seeds", "hardcases"):
        shutil.copytree(ROOT / "tests" / "corpora" / name, corpora / name)
    saved = tmp_path / "before.json"
    done = _run("--corpora", str(corpora), "--save", str(saved))
    assert done.returncode == 0, done.stderr
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert set(data["corpora"]) == {"seeds", "hardcases"}
    assert data["corpora"]["seeds"]["alone"] == 1.0
    assert set(data["means"]) == {"alone", "together"}  # no realistic or arrival set here
    assert "# means: alone 1.0000, together 1.0000" in done.stdout
    # As if the seeds had scored 0.5 before a change, and a corpus had been taken away.
    data["corpora"]["seeds"]["alone"] = 0.5
    data["corpora"]["gone"] = dict(data["corpora"]["seeds"])
    data["means"]["alone"] = 0.75
    saved.write_text(json.dumps(data), encoding="utf-8")
    done = _run("--corpora", str(corpora), "--compare", str(saved))
    assert done.returncode == 0, done.stderr
    moved = [line for line in done.stdout.splitlines() if line.startswith("# moved: ")]
    assert moved == [
        "# moved: seeds alone 0.500 -> 1.000",
        "# moved: gone is gone",
        "# moved: alone: 1 up, 0 down",
        "# moved: together: 0 up, 0 down",
        "# moved: mean alone 0.7500 -> 1.0000",
        "# moved: mean together 1.0000 -> 1.0000",
    ]


def test_save_with_a_sweep_is_refused(tmp_path: Path) -> None:
    done = _run("--sweep", "0.1", "0.2", "0.1", "--save", str(tmp_path / "x.json"))
    assert done.returncode == 2 and "leave out --sweep" in done.stderr
    assert not (tmp_path / "x.json").exists()


def test_means_of_the_realistic_and_arrival_sets_are_their_own(tmp_path: Path) -> None:
    corpora = tmp_path / "corpora"
    for name in ("seeds", "blind104", "blind118"):
        shutil.copytree(ROOT / "tests" / "corpora" / name, corpora / name)
    saved = tmp_path / "scores.json"
    done = _run("--corpora", str(corpora), "--save", str(saved))
    assert done.returncode == 0, done.stderr
    data = json.loads(saved.read_text(encoding="utf-8"))
    scores, means = data["corpora"], data["means"]
    assert means["realistic"] == scores["blind104"]["alone"]
    assert means["arrival"] == scores["blind118"]["alone"]
    assert means["alone"] == sum(s["alone"] for s in scores.values()) / 3
    assert f"arrival {means['arrival']:.4f}" in done.stdout
