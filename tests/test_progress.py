"""Progress: a bar on a terminal, one line per stage in a log, nothing with --quiet."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

from digest import progress

REPO = Path(__file__).resolve().parent.parent
STAGES = ("load", "clean", "features", "cluster", "timeline", "render", "write")


def build_command(tmp_path: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "digest", "build", "--seeds", str(REPO / "seeds"),
            "--out", str(tmp_path / "site"), "--no-cache", *options]  # fmt: skip


def test_a_log_gets_one_line_per_stage(tmp_path: Path) -> None:
    result = subprocess.run(
        build_command(tmp_path), capture_output=True, text=True, timeout=300, check=True
    )
    lines = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("digest: ")]
    assert tuple(lines[: len(STAGES)]) == STAGES
    assert "5 articles" in result.stdout.splitlines()[-1]


def test_quiet_prints_nothing(tmp_path: Path) -> None:
    result = subprocess.run(
        build_command(tmp_path, "--quiet"), capture_output=True, text=True, timeout=300, check=True
    )
    assert result.stdout == "" and result.stderr == ""


def test_a_terminal_gets_a_bar_per_stage(tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        build_command(tmp_path), stdout=follower, stderr=subprocess.PIPE, close_fds=True
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closes when the build exits
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert process.wait(timeout=300) == 0
    os.close(leader)
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert "clean" in screen and "5/5" in screen and "100%" in screen


def test_lines_report_count_and_rate() -> None:
    stream = io.StringIO()
    lines = progress.Lines(stream)
    lines.start("clean", 3)
    lines.advance(3)
    lines.finish()
    assert stream.getvalue().startswith("digest: clean    3 in ")
    assert progress.rate_label(10, 2.0) == "10 in 2.00 s (5/s)"
