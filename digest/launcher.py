"""Start the build's programs (Pagefind) from a small helper process, not the build itself.

Starting a program forks the process that starts it, and the copy shares every page of the
build until it runs the program. Nothing is copied, but for that moment the build's memory
is counted twice by any tool that adds up the proportional set size (PSS) of a process
tree, since it cannot read all the processes at one instant: sampled through a
50,000-article build, Pagefind's starts from the build (about 870 MB then) showed as peaks
of up to 1,383 MB that no page of memory backed. The helper is started once, while the
build is small, and forks only itself (about 10 MB) for each program.

The helper (`_launch_helper.py`, run by this Python with `-I`, so it imports only the
standard library) dies with the build, and the programs it starts die with it; the build
talks to it through its standard input and output, a line of JSON a message.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO

from digest.workers import child_setup

HELPER = Path(__file__).with_name("_launch_helper.py")


class Launched:
    """A program the helper started: `poll`, `wait` and `kill` as `subprocess.Popen`'s."""

    def __init__(self, launcher: Launcher, number: int, argv: Sequence[str], pid: int) -> None:
        self.launcher = launcher
        self.number = number
        self.args = list(argv)
        self.pid = pid

    def poll(self) -> int | None:
        return self.launcher._exit_code(self.number, timeout=0.0)

    def wait(self, timeout: float | None = None) -> int:
        code = self.launcher._exit_code(self.number, timeout)
        if code is None:
            raise subprocess.TimeoutExpired(self.args, timeout or 0.0)
        return code

    def kill(self) -> None:
        if self.poll() is None:
            self.launcher._send({"kill": self.number})


class Launcher:
    """Starts programs through the helper process once `start` has started it (Linux);
    otherwise, or if the helper cannot be started, from this process as before.

    Used as a context manager: leaving it ends the helper, and so any program still
    running (the helper's programs die with it).
    """

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.replies: dict[int, dict[str, object]] = {}
        self.exits: dict[int, int] = {}
        self.changed = threading.Condition()
        self.number = 0
        self.gone = False
        self.reader: threading.Thread | None = None

    def __enter__(self) -> Launcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        """Start the helper (on Linux), from this thread: call it while the build is small."""
        if self.process is not None or not sys.platform.startswith("linux"):
            return
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-I", str(HELPER), str(os.getpid())],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                preexec_fn=child_setup(),  # dies with the build
            )
        except OSError:
            return  # programs are started from this process instead
        self.reader = threading.Thread(target=self._read, args=(self.process.stdout,))
        self.reader.daemon = True
        self.reader.start()

    def run(
        self, argv: Sequence[str], env: Mapping[str, str], output: Path
    ) -> Launched | subprocess.Popen[bytes]:
        """Start `argv` with `env`, no input, and its output and errors written to the file
        `output`; it dies with the build. Raises OSError if it cannot be started."""
        if self.process is None:
            with output.open("wb") as out:
                return subprocess.Popen(
                    list(argv),
                    stdin=subprocess.DEVNULL,
                    env=dict(env),
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    preexec_fn=child_setup(),  # only prctl and getppid, prepared beforehand
                )
        self.number += 1
        number = self.number
        self._send({"run": number, "argv": list(argv), "env": dict(env), "output": str(output)})
        with self.changed:
            self.changed.wait_for(lambda: number in self.replies or self.gone)
            reply = self.replies.pop(number, {"error": "the helper process ended"})
        if "error" in reply:
            raise OSError(str(reply["error"]))
        return Launched(self, number, argv, int(reply["pid"]))  # type: ignore[call-overload]

    def close(self) -> None:
        """End the helper; any program it still runs is killed with it."""
        if self.process is None:
            return
        process, self.process = self.process, None
        # Killed, not asked: it has nothing to finish, and a worker forked from the build
        # may still hold its input open, so it would not see the end of it.
        process.kill()
        process.wait()
        if process.stdin is not None:
            with contextlib.suppress(OSError):  # nobody reads it any more
                process.stdin.close()
        if self.reader is not None:
            self.reader.join()
        if process.stdout is not None:
            process.stdout.close()

    def _send(self, message: Mapping[str, object]) -> None:
        process = self.process
        if process is None or process.stdin is None:
            raise OSError("the helper process has ended")
        try:
            process.stdin.write(json.dumps(message).encode("utf-8") + b"\n")
            process.stdin.flush()
        except (OSError, ValueError) as err:
            raise OSError(f"the helper process has ended ({err})") from None

    def _read(self, stream: IO[bytes]) -> None:
        for line in stream:
            message = json.loads(line)
            with self.changed:
                if "exit" in message:
                    self.exits[message["id"]] = message["exit"]
                else:
                    self.replies[message["id"]] = message
                self.changed.notify_all()
        with self.changed:
            self.gone = True
            self.changed.notify_all()

    def _exit_code(self, number: int, timeout: float | None) -> int | None:
        with self.changed:
            self.changed.wait_for(lambda: number in self.exits or self.gone, timeout)
            if number in self.exits:
                return self.exits[number]
            return -9 if self.gone else None  # the helper ended, and its programs with it
