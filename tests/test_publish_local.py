"""`make ci`'s runner: the workflow's own steps, run here on a fresh clone, build the site."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run_runner(*args: str, workdir: Path) -> subprocess.CompletedProcess[str]:
    # The tools of this test environment stand in for the workflow's fresh virtual
    # environment; installing from PyPI on every test run would be slow.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        [sys.executable, str(REPO / "scripts" / "ci_local.py"), "--workdir", str(workdir), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )


def test_workflow_steps_build_the_seeds_in_a_fresh_clone(tmp_path: Path) -> None:
    workdir = tmp_path / "ci"
    result = run_runner("--no-venv", "--skip", "Install", workdir=workdir)
    assert result.returncode == 0, result.stdout + result.stderr
    for step in ("Check out", "Check", "Build", "Upload the site"):
        assert f"--- {step}\n" in result.stdout
    assert "--- Install: skipped" in result.stdout
    site = workdir / "repo" / "site"
    data = json.loads((site / "events.json").read_text(encoding="utf-8"))
    seeds = sorted(p.stem for p in (workdir / "repo" / "seeds").iterdir())
    assert sorted(a["id"] for a in data["articles"]) == seeds
    assert (site / "index.html").is_file() and (site / "changes.html").is_file()


def test_a_failing_step_fails_the_run_with_its_name(tmp_path: Path) -> None:
    workdir = tmp_path / "ci"
    bad_url = ("--base-url", "not-a-url")
    result = run_runner("--no-venv", "--skip", "Install", *bad_url, workdir=workdir)
    assert result.returncode != 0
    assert "step 'Build' failed" in result.stderr
    assert "--base-url must start with http:// or https://" in result.stderr
    assert not (workdir / "repo" / "site").exists()
