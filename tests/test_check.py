"""`digest check` and `digest build --strict`: every problem at once, nothing written."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run_digest, snapshot

from digest import check, cli

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder: the seeds plus a bad-file mix, no settings file yet."""
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    (tmp_path / "seeds" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "seeds" / "bad.md").write_text("---\ndate: yesterday\n---\n# T\n\nBody.\n")
    (tmp_path / "seeds" / ".DS_Store").write_bytes(b"\x00\x01")
    return tmp_path


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the CLI in-process from `cwd`, as a user in that folder would."""
    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(args)
    finally:
        os.chdir(previous)
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def run_process(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_digest(*args, cwd=cwd, timeout=120)


def test_check_on_the_seeds_is_clean(tmp_path: Path, capsys) -> None:
    code = cli.main(["check", "--seeds", str(REPO / "seeds"), "--out", str(tmp_path / "site")])
    out = capsys.readouterr()
    assert code == 0
    assert "5 articles, 0 errors, 0 warnings" in out.out and out.err == ""


def test_check_reports_every_seed_problem_and_writes_nothing(project: Path) -> None:
    before = snapshot(project)
    result = run(["check"], cwd=project)
    assert result.returncode == 0, result.stderr  # warnings alone are not errors
    lines = result.stderr.splitlines()
    assert any(line.startswith("photo.png: warning: unknown file type") for line in lines)
    date_warning = "bad.md:2: warning: front matter 'date' on line 2 is not"
    assert any(line.startswith(date_warning) for line in lines)
    assert any(line.startswith(".DS_Store: note: hidden") for line in lines)
    assert "6 articles, 0 errors, 2 warnings, 1 notes" in result.stdout
    assert snapshot(project) == before
    assert sorted(p.name for p in project.iterdir()) == ["seeds"]


def test_check_strict_fails_on_warnings(project: Path) -> None:
    assert run(["check", "--strict"], cwd=project).returncode == 1


def test_build_strict_fails_on_warnings_and_writes_nothing(project: Path) -> None:
    result = run_process(["build", "--strict"], cwd=project)
    assert result.returncode == 1
    assert "photo.png" in result.stderr and "--strict" in result.stderr
    assert not (project / "site").exists()
    (project / "seeds" / "photo.png").unlink()
    (project / "seeds" / "bad.md").unlink()
    result = run(["build", "--strict"], cwd=project)
    assert result.returncode == 0, result.stderr
    assert ".DS_Store" in result.stderr  # a note, shown, not fatal
    assert (project / "site" / "index.html").is_file()


def test_check_reports_all_settings_problems_with_lines(project: Path) -> None:
    (project / "digest.yaml").write_text(
        "site:\n  title: My digest\n  language: fr\ncluster:\n  min_similarity: 3\n"
        "  max_gap_days: soon\n  colour: red\nextra: 1\n",
        encoding="utf-8",
    )
    result = run(["check"], cwd=project)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert any(e.startswith("digest.yaml:3: error:") and "site.language" in e for e in errors)
    assert any(e.startswith("digest.yaml:5: error:") and "min_similarity" in e for e in errors)
    assert any(e.startswith("digest.yaml:6: error:") and "max_gap_days" in e for e in errors)
    assert any(e.startswith("digest.yaml:7: error:") and "colour" in e for e in errors)
    assert any(e.startswith("digest.yaml:8: error:") and "extra" in e for e in errors)
    assert "photo.png: warning" in result.stderr  # the seeds are checked all the same


def test_check_yaml_syntax_error_has_its_line(tmp_path: Path) -> None:
    path = tmp_path / "digest.yaml"
    path.write_text("site:\n  title: [unclosed\ncluster: {}\n", encoding="utf-8")
    (finding,) = check.check_config_file(path)
    assert finding.line in (2, 3) and "not valid YAML" in finding.message


def test_check_events_file(project: Path) -> None:
    (project / "events.yaml").write_text("merge:\n  - [a, b\n", encoding="utf-8")
    result = run(["check"], cwd=project)
    assert result.returncode == 1
    assert any(
        line.startswith("events.yaml:") and "not valid YAML" in line
        for line in result.stderr.splitlines()
    )


def test_check_missing_seeds_and_refused_output(tmp_path: Path, capsys) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "keep.txt").write_text("mine")
    code = cli.main(["check", "--seeds", str(tmp_path / "nope"), "--out", str(tmp_path / "docs")])
    err = capsys.readouterr().err
    assert code == 1
    assert "nope" in err and "seeds folder not found" in err
    assert "docs" in err and "not written by digest" in err


def test_check_events_file_sections_and_rules(project: Path) -> None:
    (project / "events.yaml").write_text("merj:\n  - [a, b]\n", encoding="utf-8")
    result = run(["check"], cwd=project)
    assert result.returncode == 1
    assert any(
        line.startswith("events.yaml:1: error:") and "merj" in line
        for line in result.stderr.splitlines()
    )
    assert "photo.png: warning" in result.stderr  # the seeds are still checked
    (project / "events.yaml").write_text("exclude:\n  - no-such-article\n", encoding="utf-8")
    result = run(["check"], cwd=project)
    assert result.returncode == 0
    assert "no-such-article" in result.stderr and ": warning: " in result.stderr


def test_check_gives_the_line_of_every_yaml_error_at_once(project: Path) -> None:
    """Broken digest.yaml, events.yaml and front matter: each reported with its line."""
    (project / "digest.yaml").write_text(
        "site:\n  title: x\ncluster:\n  min_similarity: [0.5\n", encoding="utf-8"
    )
    (project / "events.yaml").write_text("merge:\n  - [a, b]\n  - [c, d\nexclude: []\n")
    (project / "seeds" / "bad-yaml.md").write_text(
        "---\ntitle: ok\noutlet: [oops\ndate: 2024-01-01\n---\n# Headline\n\nBody text.\n"
    )
    result = run_process(["check"], cwd=project)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    expected = [
        ("digest.yaml:5: error: not valid YAML", "flow sequence that starts on line 4"),
        ("events.yaml:4: error: not valid YAML", "flow sequence that starts on line 3"),
        ("bad-yaml.md:4: warning: front matter is not valid YAML on line 4", "starts on line 3"),
    ]
    for start, detail in expected:
        assert any(line.startswith(start) and detail in line for line in lines), (start, lines)
    assert "photo.png: warning" in result.stderr  # the seeds are checked all the same


def test_check_reports_each_events_section_problem_with_its_line(project: Path) -> None:
    (project / "events.yaml").write_text(
        "merge:\n  - [a, b]\nrename:\n  some-event: [1]\nexclude: 5\nmerj: []\n",
        encoding="utf-8",
    )
    result = run(["check"], cwd=project)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert [e.split(": error: ")[0] for e in errors] == [
        "events.yaml:3",
        "events.yaml:5",
        "events.yaml:6",
    ], errors
    assert "'rename'" in errors[0] and "'exclude'" in errors[1] and "merj" in errors[2]


def test_exit_codes_are_documented_in_help_and_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("| exit code | meaning |", 1)[1].split("\n\n", 1)[0]
    documented = [row.split("|")[1].strip() for row in table.splitlines()[2:]]
    help_text = run_process(["check", "--help"], cwd=REPO).stdout
    shown = [line.split()[0] for line in help_text.split("exit codes:", 1)[1].splitlines()[1:]]
    assert documented == ["0", "1", "2", "3"]
    assert [code for code in shown if code.isdigit()] == documented


def test_a_digest_with_no_readable_article_is_a_warning(tmp_path: Path) -> None:
    """Seeds that all fail to read must not silently replace a published site with nothing."""
    seeds = tmp_path / "seeds"
    shutil.copytree(REPO / "seeds", seeds)
    assert run(["build", "--quiet"], cwd=tmp_path).returncode == 0
    before = snapshot(tmp_path / "site")
    for path in seeds.iterdir():
        path.write_bytes(b"")  # a bad checkout: every file empty
    result = run(["build", "--strict"], cwd=tmp_path)
    assert result.returncode == 1
    assert "warning: seeds: no readable articles; the digest is empty" in result.stderr
    assert snapshot(tmp_path / "site") == before
    result = run(["check"], cwd=tmp_path)
    assert "seeds: warning: no readable articles; the digest is empty" in result.stderr
