"""`digest serve` for real: a subprocess on 127.0.0.1 that rebuilds when a seed changes."""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from sitecheck import SEEDS

from digest import serve


def fetch(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read()


def read_lines(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line)


def wait_for(lines: queue.Queue, pattern: str, seconds: float) -> re.Match:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(0.05, deadline - time.monotonic()))
        except queue.Empty:
            break
        if m := re.search(pattern, line):
            return m
    raise AssertionError(f"no line matching {pattern!r} within {seconds} s")


def stopped_within(process: subprocess.Popen, seconds: float) -> bool:
    """Wait for `process`; kill it and return False if it is still running after `seconds`."""
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return False
    return True


def test_serve_rebuilds_on_change_and_never_serves_a_partial_site(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    config = tmp_path / "digest.yaml"
    config.write_text("site:\n  title: Served\n", encoding="utf-8")
    command = [sys.executable, "-m", "digest", "serve", "--port", "0", "--interval", "0.2"]
    command += ["--seeds", str(seeds), "--out", str(tmp_path / "site"), "--config", str(config)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=tmp_path)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=read_lines, args=(process.stdout, lines), daemon=True).start()
    try:
        url = wait_for(lines, r"serving (http://127\.0\.0\.1:\d+/)", 90).group(1)
        status, body = fetch(url + "index.html")
        assert status == 200 and body.rstrip().endswith(b"</html>")

        seed = sorted(seeds.glob("*.txt"))[0]
        seed.write_text("Judul Sangat Baru Untuk Tes\n" + seed.read_text(encoding="utf-8"))
        seen_new = False
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not seen_new:
            status, body = fetch(url + "index.html")
            assert status == 200 and body.rstrip().endswith(b"</html>"), "a whole page, always"
            for href in re.findall(rb'href="(events/[^"]+\.html)"', body):
                assert fetch(url + href.decode())[0] == 200, "its links point into the same site"
            seen_new = b"Judul Sangat Baru Untuk Tes" in body
        assert seen_new, "the change was rebuilt and served"

        config.write_text("site: [not, a, mapping\n", encoding="utf-8")
        wait_for(lines, r"build failed", 30)
        assert b"Judul Sangat Baru" in fetch(url + "index.html")[1], "last good site stays up"
    finally:
        process.send_signal(signal.SIGINT)
        if not stopped_within(process, 20):
            said = []
            while not lines.empty():
                said.append(lines.get())
            # Raised inside `finally`: any failure above is kept as this error's context.
            raise AssertionError("serve ignored Ctrl-C for 20 s; it said:\n" + "".join(said))
    assert process.returncode == 0


def test_snapshot_sees_edits_additions_and_removals(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    before = serve.snapshot([tmp_path, tmp_path / "missing.yaml"])
    (tmp_path / "b.txt").write_text("two", encoding="utf-8")
    added = serve.snapshot([tmp_path])
    assert added != before
    (tmp_path / "a.txt").write_text("one, longer", encoding="utf-8")
    assert serve.snapshot([tmp_path]) != added
    (tmp_path / "b.txt").unlink()
    assert len(serve.snapshot([tmp_path])) == 1


def test_serve_refuses_an_output_folder_a_build_may_not_replace(tmp_path: Path) -> None:
    """A refused --out (here the home folder) must stop serve, not be served instead."""
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "id_ed25519").write_text("secret key")
    command = [sys.executable, "-m", "digest", "serve", "--port", "0", "--interval", "0.2"]
    command += ["--seeds", str(SEEDS), "--out", str(home)]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "HOME": str(home)},
    )
    try:
        out, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        raise AssertionError(f"serve kept running on a refused folder: {out}") from None
    assert process.returncode == 3, (out, err)
    assert "serving" not in out and str(home) in err and "home folder" in err
    assert sorted(p.name for p in home.iterdir()) == [".ssh"]


@pytest.mark.parametrize("stop_with", [signal.SIGINT, signal.SIGTERM])
def test_serve_stops_even_when_started_with_ctrl_c_ignored(tmp_path: Path, stop_with) -> None:
    # A background job of a shell script starts with SIGINT ignored, and Python then
    # never raises KeyboardInterrupt: serve must still stop on Ctrl-C (and on SIGTERM).
    def ignore_ctrl_c() -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)

    command = [sys.executable, "-m", "digest", "serve", "--port", "0", "--interval", "0.2"]
    command += ["--seeds", str(SEEDS), "--out", str(tmp_path / "site")]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, text=True, cwd=tmp_path, preexec_fn=ignore_ctrl_c
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=read_lines, args=(process.stdout, lines), daemon=True).start()
    wait_for(lines, r"serving http://", 90)
    process.send_signal(stop_with)
    assert stopped_within(process, 20), "serve ignored the signal"
    assert process.returncode == 0
