"""Worker processes: results in order, and no worker outlives a build that was killed."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import children, is_launcher, start_time

from digest.workers import MIN_ITEMS_PER_JOB, Workers

LINUX = sys.platform.startswith("linux")
PR_GET_PDEATHSIG = 2


def death_signal(_: int) -> tuple[int, int]:
    """Return this process's id and the signal it gets when its parent dies (0: none)."""
    value = ctypes.c_int(0)
    ctypes.CDLL(None, use_errno=True).prctl(PR_GET_PDEATHSIG, ctypes.byref(value), 0, 0, 0)
    return os.getpid(), value.value


@pytest.mark.skipif(not LINUX, reason="the parent-death signal is a Linux feature")
def test_worker_processes_are_set_to_die_with_the_build() -> None:
    items = list(range(4 * MIN_ITEMS_PER_JOB))
    with Workers(2) as workers:
        results = list(workers.map(death_signal, items))
    pids = {pid for pid, _ in results}
    assert os.getpid() not in pids, "the work ran in this process: no worker was tested"
    assert {sig for _, sig in results} == {signal.SIGKILL}


def write_corpus(seeds: Path, count: int) -> None:
    seeds.mkdir()
    for index in range(count):
        (seeds / f"{index:04d}.txt").write_text(
            f"Headline {index}\nThe minister met officials in city {index} on Friday.\n"
            f"Talks on trade number {index} went on late into the night.\n",
            encoding="utf-8",
        )


@pytest.mark.skipif(not LINUX, reason="reads /proc")
def test_no_worker_survives_a_killed_build(tmp_path: Path) -> None:
    """SIGKILL a real `digest build --jobs 2` while its workers run; none may live on."""
    seeds = tmp_path / "seeds"
    write_corpus(seeds, 400)
    command = [sys.executable, "-m", "digest", "build", "--seeds", str(seeds)]
    command += ["--out", str(tmp_path / "site"), "--jobs", "2", "--no-cache", "--quiet"]
    build = subprocess.Popen(command, cwd=tmp_path)
    workers: dict[int, str] = {}
    deadline = time.monotonic() + 60
    while len(workers) < 2 and build.poll() is None and time.monotonic() < deadline:
        for pid in children(build.pid):  # the pool forks its two workers one by one
            started = start_time(pid)
            if started is not None:
                workers.setdefault(pid, started)
        workers = {pid: t for pid, t in workers.items() if not is_launcher(pid)}
        time.sleep(0.002)
    build.send_signal(signal.SIGKILL)
    build.wait()
    try:
        assert len(workers) == 2, "the build ended before both workers started: nothing tested"
        deadline = time.monotonic() + 10
        alive = dict(workers)
        while alive and time.monotonic() < deadline:
            alive = {pid: t for pid, t in alive.items() if start_time(pid) == t}
            time.sleep(0.01)
        assert alive == {}, f"workers outlived the killed build: {sorted(alive)}"
    finally:
        for pid, started in workers.items():
            if start_time(pid) == started:
                os.kill(pid, signal.SIGKILL)


def test_retired_workers_run_later_work_in_this_process() -> None:
    items = list(range(4 * MIN_ITEMS_PER_JOB))
    with Workers(2) as workers:
        before = {pid for pid, _ in workers.map(death_signal, items)}
        workers.retire()
        after = {pid for pid, _ in workers.map(death_signal, items)}
        assert workers.pool is None, "a retired pool was started again"
        assert workers.jobs == 2, "the job count still sizes other work (Pagefind)"
    assert os.getpid() not in before, "the work ran in this process before: nothing was tested"
    assert after == {os.getpid()}
