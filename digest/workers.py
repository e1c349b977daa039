"""Run a pure function over many items in worker processes, results in input order."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_ITEMS_PER_JOB = 32
"""Below this many items per worker, starting processes costs more than it saves."""
MAX_CHUNK = 64


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

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None

    def map(self, func: Callable[[Item], Result], items: Sequence[Item]) -> Iterator[Result]:
        """Yield `func(item)` for each item, in order.

        `func` must be a module-level function (or a functools.partial of one) and pure: the
        result must not depend on which process ran it. With one job, or too few items to
        be worth it, everything runs in this process.
        """
        if self.jobs <= 1 or len(items) < 2 * MIN_ITEMS_PER_JOB:
            yield from map(func, items)
            return
        if self.pool is None:
            self.pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=_context())
        chunk = max(1, min(MAX_CHUNK, len(items) // (self.jobs * 8)))
        yield from self.pool.map(func, items, chunksize=chunk)
