"""Measure the loader on hostile volumes: 10,000 files in one folder, a 200 MB file, a 60 MB line.

    python benchmarks/bad_input.py [--files 10000] [--keep DIR]

Prints seconds (wall and CPU) and the peak memory of a child process that loads the folder,
then of one that loads and cleans it. The files are small distinct articles, one sparse
200 MB file and one real 60 MB single-line file; both large files must be refused unread.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

STORY = "Parliament ratified the treaty on Tuesday after a short debate in the chamber. "


def make_folder(folder: Path, files: int) -> None:
    """Write `files` distinct small articles, a sparse 200 MB file and a real 60 MB line."""
    for index in range(files):
        (folder / f"{index:05d}.txt").write_text(
            f"Headline number {index}\n{STORY}Story {index} continues here.\n", encoding="utf-8"
        )
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    with (folder / "oneline.txt").open("wb") as handle:
        chunk = STORY.encode() * 1000
        for _ in range(60 * 1024 * 1024 // len(chunk)):
            handle.write(chunk)


def measure(folder: Path, stage: str) -> None:
    """Run one stage in a child process and print its wall seconds, CPU seconds and peak RSS."""
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        from digest import clean, load

        raws, skipped = load.read_sources(folder)
        if stage == "load+clean":
            clean.clean_corpus(raws)
        print(f"  {len(raws)} articles read, {len(skipped)} files skipped or noted")
        sys.stdout.flush()
        os._exit(0)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - started
    cpu = usage.ru_utime + usage.ru_stime
    peak_mib = usage.ru_maxrss / 1024
    print(
        f"{stage:>10}: {wall:6.2f} s wall, {cpu:6.2f} s CPU, peak {peak_mib:6.1f} MiB "
        f"(exit {os.waitstatus_to_exitcode(status)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="write the folder here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        make_folder(folder, args.files)
        print(f"wrote {args.files} files + 200 MB + 60 MB in {time.perf_counter() - started:.2f} s")
        for stage in ("load", "load+clean"):
            measure(folder, stage)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"(this script itself peaked at {own:.1f} MiB)")


if __name__ == "__main__":
    main()
