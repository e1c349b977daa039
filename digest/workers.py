"""Run a pure function over many items in worker processes, results in input order."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_ITEMS_PER_JOB = 32
"""Below this many items per worker, starting processes costs more than it saves."""
MAX_CHUNK = 64
_PR_SET_PDEATHSIG = 1


def _libc(name: str, use_errno: bool = False) -> Callable[..., int] | None:
    """Return the C library's function `name` on Linux, else None (other C libraries lack
    glibc's own, such as malloc_trim; other systems)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return getattr(ctypes.CDLL(None, use_errno=use_errno), name)
    except (OSError, AttributeError):
        return None


def _prctl() -> Callable[..., int] | None:
    """Return libc's prctl on Linux, else None."""
    return _libc("prctl", use_errno=True)


_TRIM = _libc("malloc_trim")


def release_memory() -> None:
    """Give the C heap's free pages back to the system (glibc only; elsewhere nothing).

    Text longer than a few hundred bytes lives in the C heap, and glibc keeps the pages of
    freed blocks unless they are at the top of the heap: the raw texts, clustering records
    and worker results a stage frees sit between the articles that stay, so without this a
    build's resident memory kept the high-water mark of every stage (a third more than its
    live data at 2,000 articles). It changes no value, only which pages are resident.
    """
    if _TRIM is not None:
        _TRIM(0)


def die_with_parent(parent_pid: int) -> None:
    """Ask the kernel to kill this process when its parent `parent_pid` ends; Linux only.

    A build killed with SIGKILL cannot stop its children itself, and orphaned workers or
    Pagefind runs would hold memory and write into folders the next build cleans up. The
    signal is tied to the parent *thread* that started this process, so pools and Pagefind
    are started from the build's own thread. Elsewhere this does nothing: workers end on
    their own once their pipe to the parent is gone.
    """
    prctl = _prctl()
    if prctl is None:
        return
    prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before the request was made
        os._exit(1)


def child_setup() -> Callable[[], None] | None:
    """Return a `preexec_fn` that makes a subprocess die with this process (None off Linux).

    Everything that may take a lock is resolved here, in the parent, so the function only
    only makes system calls between fork and exec.
    """
    prctl = _prctl()
    if prctl is None:
        return None
    parent_pid = os.getpid()

    def setup() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent_pid:
            os._exit(1)

    return setup


def default_jobs() -> int:
    """Return the number of cores this process may use (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def _context() -> multiprocessing.context.BaseContext:
    # fork starts workers in milliseconds with every module already imported; elsewhere
    # (macOS, Windows) spawn is the safe default.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class Workers:
    """Up to `jobs` worker processes, started on first use and kept for the whole build."""

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self.pool: ProcessPoolExecutor | None = None
        self.retired = False

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None

    def retire(self) -> None:
        """End the workers for good: any later `map` runs in this process.

        A pool started late in a build forks a process that holds the whole corpus, and
        is kept to the end: a 10,000-article build's peak memory rose 359 -> 530 MB so.
        """
        self.close()
        self.retired = True

    def map(self, func: Callable[[Item], Result], items: Sequence[Item]) -> Iterator[Result]:
        """Yield `func(item)` for each item, in order.

        `func` must be a module-level function (or a functools.partial of one) and pure: the
        result must not depend on which process ran it. With one job, or too few items to
        be worth it, everything runs in this process.
        """
        if self.jobs <= 1 or self.retired or len(items) < 2 * MIN_ITEMS_PER_JOB:
            yield from map(func, items)
            return
        if self.pool is None:
            self.pool = ProcessPoolExecutor(
                max_workers=self.jobs,
                mp_context=_context(),
                initializer=die_with_parent,
                initargs=(os.getpid(),),
            )
        chunk = max(1, min(MAX_CHUNK, len(items) // (self.jobs * 8)))
        yield from self.pool.map(func, items, chunksize=chunk)
