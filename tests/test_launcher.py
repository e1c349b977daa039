"""The launcher: the build's programs are started by a small helper process, not the build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import children, start_time

from digest.launcher import Launched, Launcher

LINUX = sys.platform.startswith("linux")


def _pss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


@pytest.mark.skipif(not LINUX, reason="the helper is started on Linux only")
def test_programs_run_as_children_of_the_helper(tmp_path: Path) -> None:
    with Launcher() as launcher:
        launcher.start()
        helper = launcher.process
        assert helper is not None
        assert _pss_kb(helper.pid) < 40_000, "the helper is a small process of its own"
        out = tmp_path / "out.txt"
        command = [sys.executable, "-c", "import os, sys; print(os.getppid()); sys.exit(3)"]
        program = launcher.run(command, dict(os.environ), out)
        assert isinstance(program, Launched)
        assert program.wait(timeout=30) == 3
        assert program.poll() == 3
        assert int(out.read_text()) == helper.pid, "started by the helper, not by this process"

        waiting = launcher.run(["sleep", "30"], dict(os.environ), tmp_path / "sleep.txt")
        assert waiting.pid in children(helper.pid)
        assert waiting.poll() is None
        with pytest.raises(subprocess.TimeoutExpired):
            waiting.wait(timeout=0.05)
        waiting.kill()
        assert waiting.wait(timeout=10) == -signal.SIGKILL

        with pytest.raises(OSError):
            launcher.run([str(tmp_path / "no-such-program")], dict(os.environ), out)
    assert helper.poll() is not None, "leaving the block ends the helper"


def test_without_the_helper_programs_start_from_this_process(tmp_path: Path) -> None:
    launcher = Launcher()  # not started: as before the launcher
    out = tmp_path / "out.txt"
    program = launcher.run([sys.executable, "-c", "print('hi')"], dict(os.environ), out)
    assert isinstance(program, subprocess.Popen)
    assert program.wait(timeout=30) == 0
    assert out.read_text().strip() == "hi"


@pytest.mark.skipif(not LINUX, reason="the parent-death signal is a Linux feature")
def test_programs_die_with_a_killed_build(tmp_path: Path) -> None:
    """SIGKILL a process that started a program through its launcher: the helper and the
    program die too (only the kernel can end them then)."""
    script = textwrap.dedent(
        """
        import os, sys, time
        from pathlib import Path
        from digest.launcher import Launcher
        launcher = Launcher()
        launcher.start()
        program = launcher.run(["sleep", "60"], dict(os.environ), Path(sys.argv[1]))
        print(launcher.process.pid, program.pid, flush=True)
        time.sleep(60)
        """
    )
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root)}
    build = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path / "out.txt")],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert build.stdout is not None
    helper, program = (int(p) for p in build.stdout.readline().split())
    started = {pid: start_time(pid) for pid in (helper, program)}
    assert None not in started.values()
    build.send_signal(signal.SIGKILL)
    build.wait()
    build.stdout.close()
    deadline = time.monotonic() + 10
    alive = dict(started)
    while alive and time.monotonic() < deadline:
        alive = {pid: t for pid, t in alive.items() if start_time(pid) == t}
        time.sleep(0.01)
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    assert alive == {}, "the helper or its program outlived the killed build"
