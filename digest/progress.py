"""Progress of a build: a bar on a terminal, one line per stage in logs, or nothing."""

from __future__ import annotations

import shutil
import time
from typing import IO, Protocol


class Progress(Protocol):
    """What the build reports while it runs; the CLI decides how (or whether) to show it."""

    def start(self, stage: str, total: int | None = None) -> None: ...

    def advance(self, count: int = 1) -> None: ...

    def finish(self) -> None: ...


class Silent:
    """Shows nothing (`--quiet`, tests, library use)."""

    def start(self, stage: str, total: int | None = None) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass


def rate_label(count: int, seconds: float) -> str:
    """Return '1234 in 2.50 s (494/s)' or '2.50 s' when nothing was counted.

    >>> rate_label(10, 2.0)
    '10 in 2.00 s (5/s)'
    """
    if count <= 0:
        return f"{seconds:.2f} s"
    return f"{count} in {seconds:.2f} s ({count / max(seconds, 1e-9):.0f}/s)"


class Lines:
    """One plain line per finished stage, for CI logs and other non-terminals.

    The CLI writes these to stdout with the build's report, so that stderr holds only
    problems (an error stays one line).
    """

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.stage = ""
        self.count = 0
        self.started = 0.0

    def start(self, stage: str, total: int | None = None) -> None:
        self.stage, self.count, self.started = stage, 0, time.perf_counter()

    def advance(self, count: int = 1) -> None:
        self.count += count

    def finish(self) -> None:
        seconds = time.perf_counter() - self.started
        print(f"digest: {self.stage:<8} {rate_label(self.count, seconds)}", file=self.stream)
        self.stream.flush()


class Bar:
    """A live tqdm bar per stage: stage, count, rate and time left, on a terminal."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.bar = None

    def start(self, stage: str, total: int | None = None) -> None:
        from tqdm import tqdm

        self.finish()
        size = shutil.get_terminal_size()
        self.bar = tqdm(
            total=total,
            desc=f"{stage:<8}",
            unit=" items",
            file=self.stream,
            leave=True,
            # A terminal that reports no size (some CI pseudo-terminals) would hide the bar.
            ncols=size.columns,
            nrows=size.lines,
            mininterval=0.2,
        )

    def advance(self, count: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(count)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def for_stream(stream: IO[str], quiet: bool) -> Progress:
    """Return the progress display for `stream`: a bar on a terminal, else plain lines."""
    if quiet:
        return Silent()
    if stream.isatty():
        return Bar(stream)
    return Lines(stream)
