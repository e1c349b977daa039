"""Shared fixtures: the repository's paths and a factory for small articles."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from digest.model import Article

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file under `folder` (relative POSIX path -> bytes), to compare builds."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run_digest(
    *args: str, cwd: Path, env: Mapping[str, str] | None = None, timeout: int = 300
) -> subprocess.CompletedProcess[str]:
    """Run the real CLI (`python -m digest ARGS`) in a subprocess and return what it did."""
    return subprocess.run(
        [sys.executable, "-m", "digest", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env=None if env is None else {**os.environ, **env},
    )


def explain_cli(a: str, b: str, seeds: Path) -> str:
    """Return what `digest explain A B --seeds SEEDS` prints, run as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "digest", "explain", a, b, "--seeds", str(seeds)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def explain_line(out: str, label: str) -> str:
    """Return the one line of `explain_cli`'s output that starts with `label`."""
    (line,) = [x for x in out.splitlines() if x.strip().startswith(label)]
    return line


def without_weekday_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """Turn the clusterer's weekday rule off (`cluster.weekday_conflict(s)`), both forms."""
    from digest import cluster

    monkeypatch.setattr(
        cluster, "weekday_conflicts", lambda own, told, i, j: np.zeros(len(i), dtype=bool)
    )
    monkeypatch.setattr(cluster, "weekday_conflict", lambda a, b: False)


def without_lone_dated_side(monkeypatch: pytest.MonkeyPatch) -> None:
    """Turn off the gap in the days' side of one report whose lead says its day
    (`cluster.lead_dates`): no report counts as such."""
    from digest import cluster

    monkeypatch.setattr(cluster, "lead_dates", lambda f, day: False)


def apart_in_days(
    first: Sequence[str], second: Sequence[str], articles: Mapping[str, Article]
) -> bool:
    """Whether the reports of two sides (article ids) with days of their own fall on
    different days, all of one side's before all of the other's: two happenings by the
    brief ("same actors, same action, same few days"), where ECB+ labels a story's whole arc
    one event (a killing and the sentence two years later; scientists' call to overturn a
    rule and the government overturning it the next day)."""

    def days(side: Sequence[str]) -> list[int]:
        dates = (articles[a].published for a in side)
        return [d.value.toordinal() for d in dates if d is not None and d.is_exact]

    x, y = sorted(days(first)), sorted(days(second))
    if not x or not y:
        return False
    return y[0] > x[-1] or x[0] > y[-1]


def benchmark_module(name: str) -> ModuleType:
    """Return benchmarks/<name>.py imported as a module (registered as benchmark_<name>)."""
    spec = importlib.util.spec_from_file_location(
        f"benchmark_{name}", REPO / "benchmarks" / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(f"benchmark_{name}", module)
    spec.loader.exec_module(module)
    return module


def corpus_module() -> ModuleType:
    """Return benchmarks/corpus.py (the synthetic corpus generator) imported as a module."""
    return benchmark_module("corpus")


def make_article(
    id: str = "a", title: str = "A headline", body: str = "A first paragraph.", **fields
) -> Article:
    """Return an Article with paragraphs split from `body` on blank lines."""
    paragraphs = tuple(p.strip() for p in body.split("\n\n") if p.strip())
    return Article(id=id, path=f"{id}.txt", title=title, paragraphs=paragraphs, **fields)


def _variant(text: str, index: int) -> str:
    """Return a seed text made distinct: a numbered headline and a numbered closing line."""
    title, _, body = text.partition("\n")
    return f"{title} ({index})\n{body}\nCatatan redaksi nomor {index} untuk arsip ini.\n"


@pytest.fixture(scope="session")
def many_seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seeds folder of 15 distinct articles made from the five seeds (a slower build)."""
    folder = tmp_path_factory.mktemp("many-seeds")
    seeds = sorted(SEEDS.glob("*.txt"))
    for index in range(15):
        src = seeds[index % len(seeds)]
        text = _variant(src.read_text(encoding="utf-8"), index)
        (folder / f"{index:03d}-{src.name}").write_text(text, encoding="utf-8")
    return folder


def run_in_child(function: Callable[[], object], setup: Callable[[], None]) -> object:
    """Return `function()` as run in a forked child after `setup()` changed that child
    (dropped privileges, lowered a limit); the parent stays as it was. The result travels
    back as JSON."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            os.close(reader)
            setup()
            os.write(writer, json.dumps(function()).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        output = pipe.read()
    _, status = os.waitpid(pid, 0)
    assert status == 0, "the child failed"
    return json.loads(output)


def run_as_nobody(function: Callable[[], object], tmp_path: Path) -> object:
    """Return `function()` as run in a forked child that dropped root for the user 'nobody'.

    Root reads any file whatever its permissions; this is how a test running as root can
    still see what an ordinary user gets.
    """
    for folder in (tmp_path, *tmp_path.parents):
        folder.chmod(folder.stat().st_mode | 0o005)

    def drop_root() -> None:
        os.setgid(65534)
        os.setuid(65534)

    return run_in_child(function, drop_root)


@pytest.fixture
def as_nobody() -> Callable[[Callable[[], object], Path], object]:
    return run_as_nobody


def children(pid: int) -> list[int]:
    """Return the ids of the child processes of `pid` (Linux /proc; [] once it is gone)."""
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def is_launcher(pid: int) -> bool:
    """True for a build's launcher helper (`digest.launcher`), a child besides its workers."""
    try:
        return b"_launch_helper" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def start_time(pid: int) -> str | None:
    """Return the kernel's start time of a live process, None once it is gone or a zombie.

    The start time tells a worker from a later process that happens to reuse its id.
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return None if fields[0] in ("Z", "X") else fields[19]
