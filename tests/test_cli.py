"""The real CLI, in a subprocess and in-process, on real folders."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import run_digest

from digest import cli

REPO = Path(__file__).resolve().parent.parent


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_digest(*args, cwd=cwd)


def test_build_seeds_in_subprocess_writes_site_and_json(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run_cli("build", "--seeds", str(REPO / "seeds"), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "5 articles" in result.stdout
    data = json.loads((out / "events.json").read_text(encoding="utf-8"))
    ids = [a["id"] for a in data["articles"]]
    assert sorted(ids) == sorted(p.stem for p in (REPO / "seeds").glob("*.txt"))
    members = [aid for e in data["events"] for aid in e["articles"]]
    assert sorted(members) == sorted(ids)
    assert (out / "index.html").is_file()


def test_missing_seeds_folder_is_one_line_error(tmp_path: Path, capsys) -> None:
    code = cli.main(["build", "--seeds", str(tmp_path / "nope"), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code != 0
    assert "nope" in err and len(err.strip().splitlines()) == 1
