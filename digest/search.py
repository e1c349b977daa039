"""The client-side search index: Pagefind run over the planned pages, offline, in bundles.

Pagefind (from PyPI as `pagefind[bin]`, whose wheel carries the binary) reads the HTML pages
and writes a chunked index plus a small JavaScript/WebAssembly search library, so search works
on any static host with no server. Only elements marked `data-pagefind-body` (event and
article pages) are indexed.

Pagefind has no incremental mode, and indexing costs a few milliseconds a page. So the pages
are split into bundles by a stable hash (of their event, for the pages of an event of up to
`EVENT_BUNDLE_PAGES` pages, else of their path), each bundle is indexed on its own and
kept in the build cache under a hash of exactly what Pagefind read, and a rebuild runs
Pagefind only for the bundles whose pages changed. The search page merges the bundles in
the browser (Pagefind's `mergeIndex`): the first non-empty bundle, with the search library,
is `pagefind/`, the others are `pagefind/<n>/`, listed in `pagefind/bundles.json`.

What Pagefind reads of a page is its "search view": the page without the elements it would
ignore anyway (`data-pagefind-ignore`, such as the related-events list that shifts whenever
any event is added). A bundle is a function of its pages' views alone, so a bundle from the
cache is byte for byte the bundle a clean build makes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from digest.cache import BuildCache, key_of
from digest.errors import DigestError, OutputError
from digest.launcher import Launched, Launcher
from digest.site import SEARCH_PREFIX, temp_folder

BUNDLE = "pagefind"
"""The folder, relative to the site root, that holds the index and search library."""
MANIFEST = f"{BUNDLE}/bundles.json"
"""Lists the bundles search.js merges into the one at `pagefind/`."""
CACHE_KIND = "search"
UNUSED_PREFIXES = (
    "pagefind-ui",
    "pagefind-modular-ui",
    "pagefind-component-ui",
    "pagefind-highlight",
)
"""Pagefind's ready-made UIs; our own search.js uses the plain API, so these are left out."""
LIBRARY_PREFIXES = ("pagefind.js", "pagefind-worker.js", "wasm.")
"""The search library, the same in every bundle: kept only in the first one."""
MAX_BUNDLES = 256
"""Each bundle costs the browser a few requests per search; beyond this, bundles grow."""
PAGEFIND_ENV = {"RAYON_NUM_THREADS": "1"}
"""Pagefind runs its work on one thread a process: the build runs as many processes as it
has cores, and Pagefind's idle threads waiting for work cost CPU time (600 pages: 2.6-3.1 ->
2.2-2.5 user s, the same bytes); several threads per process gain nothing here."""
TIMEOUT_SECONDS = 300
TIMEOUT_PER_PAGE = 0.1
"""Pagefind needs a few milliseconds a page; a big site gets time in proportion."""

_BODY = re.compile(rb"<[A-Za-z][^<>]*?\sdata-pagefind-body(?=[\s=/>])")
_IGNORED = re.compile(
    rb"<([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*?\sdata-pagefind-ignore"
    rb"(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?(?=[\s/>])[^<>]*>"
)
"""Both are matched only at the '<' before an occurrence of the attribute's name: matching
them from every '<' of a page costs more than Pagefind saves."""


class SearchIndexError(DigestError):
    """The search index could not be built."""


def pagefind_binary() -> Path:
    """Return the Pagefind executable shipped by the `pagefind_bin` wheel."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexError(
            "Pagefind is not installed: pip install 'pagefind[bin]' (it ships the binary)"
        ) from None
    return Path(get_executable())


def tool_version(binary: Path) -> str:
    """Return what identifies the Pagefind that makes the bundles (its release and size)."""
    try:
        release = metadata.version("pagefind_bin")
    except metadata.PackageNotFoundError:
        release = "unknown"
    try:
        size = binary.stat().st_size
    except OSError:
        size = -1
    return f"{release}:{size}"


def _element_end(html: bytes, tag: bytes, start: int) -> int | None:
    """Return the offset just past the end tag closing the `tag` element opened before
    `start`, counting nested elements of the same name; None if it is never closed."""
    pattern = re.compile(rb"<(/?)" + re.escape(tag) + rb"(?=[\s/>])[^<>]*>", re.IGNORECASE)
    depth = 1
    for found in pattern.finditer(html, start):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            return found.end()
    return None


def _tags_with(html: bytes, attribute: bytes, pattern: re.Pattern[bytes]) -> Iterator[re.Match]:
    """Yield the matches of `pattern` at the start of each tag that holds `attribute`."""
    position = html.find(attribute)
    while position >= 0:
        opening = html.rfind(b"<", 0, position)
        if opening >= 0 and html.find(b">", opening, position) < 0:
            found = pattern.match(html, opening)
            if found is not None:
                yield found
        position = html.find(attribute, position + len(attribute))


def search_view(html: bytes) -> bytes:
    """Return `html` without the elements Pagefind ignores (`data-pagefind-ignore`).

    An element ignored for indexing only ("index", or no value) is kept when it holds
    other Pagefind attributes (metadata, filters): Pagefind still reads those. An element
    that is never closed is kept.
    >>> search_view(b'<p>kept</p><div data-pagefind-ignore><p>gone</p></div><p>too</p>')
    b'<p>kept</p><p>too</p>'
    """
    parts: list[bytes] = []
    position = 0
    for found in _tags_with(html, b"data-pagefind-ignore", _IGNORED):
        if found.start() < position:
            continue  # inside an element already removed
        end = _element_end(html, found.group(1), found.end())
        if end is None:
            continue
        value = next((g for g in found.groups()[1:] if g is not None), b"index")
        if value.strip().lower() != b"all" and b"data-pagefind-" in html[found.end() : end]:
            continue
        parts.append(html[position : found.start()])
        position = end
    if not parts:
        return html
    parts.append(html[position:])
    return b"".join(parts)


def indexed_views(pages: Mapping[str, bytes]) -> dict[str, bytes]:
    """Return the search view of every page Pagefind indexes, by relative path.

    Pagefind indexes only the pages with a `data-pagefind-body` element when any page has
    one, and every HTML page otherwise.
    """
    # One page at a time: `pages` may be read from disk (`site.Staging.files`), and only the
    # views are kept, not a second copy of every page.
    marked: dict[str, bytes] = {}
    unmarked: list[str] = []
    for rel in [rel for rel in pages if rel.endswith(".html")]:
        data = pages[rel]
        if next(_tags_with(data, b"data-pagefind-body", _BODY), None) is not None:
            marked[rel] = search_view(data)
        else:
            unmarked.append(rel)
    if marked:
        return dict(sorted(marked.items()))
    return {rel: search_view(pages[rel]) for rel in sorted(unmarked)}


ViewInfo = tuple[bool, str]
"""What bundling needs of a page: whether it has a `data-pagefind-body` element, and a
hash of its search view. The build keeps it with each cached page (see render.py), so a
rebuild need not read unchanged pages again."""


def view_info(html: bytes) -> ViewInfo:
    """Return the `ViewInfo` of one HTML page."""
    marked = next(_tags_with(html, b"data-pagefind-body", _BODY), None) is not None
    return marked, hashlib.sha256(search_view(html)).hexdigest()


def indexed_digests(
    pages: Mapping[str, bytes], infos: Mapping[str, ViewInfo] | None = None
) -> dict[str, str]:
    """Return the hash of the search view of every page Pagefind indexes, by path (sorted).

    `infos` gives the `ViewInfo` of HTML pages; the others are read from `pages`. Pagefind
    indexes only the pages with a `data-pagefind-body` element when any page has one, and
    every HTML page otherwise (see `indexed_views`).
    """
    known = infos or {}
    every = {
        rel: known[rel] if rel in known else view_info(pages[rel])
        for rel in pages
        if rel.endswith(".html")
    }
    marked = {rel: digest for rel, (is_marked, digest) in every.items() if is_marked}
    chosen = marked or {rel: digest for rel, (_, digest) in every.items()}
    return dict(sorted(chosen.items()))


def bundle_count(pages: int, pages_per_bundle: int) -> int:
    """Return how many bundles `pages` pages are split into: a power of two, at most
    `MAX_BUNDLES`, so a rebuild changes it only when the site doubles or halves.

    >>> [bundle_count(n, 100) for n in (0, 100, 101, 250, 10**9)]
    [1, 1, 2, 4, 256]
    """
    wanted = max(1, -(-pages // max(1, pages_per_bundle)))
    return min(MAX_BUNDLES, 1 << (wanted - 1).bit_length())


def bundle_of(key: str, count: int) -> int:
    """Return the bundle of a page whose bundle key (its path, or its event's: see
    `bundle_keys`) is `key`: a hash, the same in any process."""
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big") % count


def bundle_for(rel: str, count: int, keys: Mapping[str, str]) -> int:
    """Return the bundle of the page at `rel`: by its entry in `keys` (`bundle_keys`), else
    by its path."""
    return bundle_of(keys.get(rel, rel), count)


@dataclass(frozen=True)
class Bundle:
    """The pages of one bundle (relative paths, sorted) and its cache key."""

    number: int
    pages: tuple[str, ...]
    key: str


EVENT_BUNDLE_PAGES = 4
"""An event's page and its reports' pages share a bundle while they number at most this many
(an event of up to three reports: `bundle_keys`); a larger event's pages are bundled each by
its own path. The bundles' sizes stay near even: at 50,000 articles the largest bundle's
pages decide Pagefind's memory while the build's is at its peak (measured peaks: by path
975 MB, a cap of 4 pages 986, of 8 995, of 16 1,017; README, "Twenty-ninth session")."""


def bundle_keys(events: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Return what each page's bundle is hashed from: for each event (its id → the relative
    paths of its page and its reports' pages) of at most `EVENT_BUNDLE_PAGES` pages, the
    event; pages not listed are hashed by their path (see `bundle_of`).

    A new report changes its event's page and its own, and a retitled event its reports'
    pages: with an event's pages in one bundle, a rebuild indexes one bundle again where
    by path it indexed several. The cap keeps the bundles' sizes even (a bundle's pages are
    what one Pagefind run holds in memory), and the keys are a function of the final
    events, so a clean and an incremental build bundle alike.
    >>> bundle_keys({"e1": ["events/e1.html", "articles/a.html"]})["articles/a.html"]
    'event:e1'
    """
    keys: dict[str, str] = {}
    for event_id, pages in events.items():
        if len(pages) <= EVENT_BUNDLE_PAGES:
            keys.update(dict.fromkeys(pages, f"event:{event_id}"))
    return keys


def plan_bundles(
    digests: Mapping[str, str],
    pages_per_bundle: int,
    version: str,
    keys: Mapping[str, str] | None = None,
) -> list[Bundle]:
    """Return the non-empty bundles of the pages in `digests` (relative path → hash of its
    search view), in order of their number; a bundle's key hashes its pages' views. A page
    goes to the bundle of its entry in `keys` (`bundle_keys`), else of its path."""
    count = bundle_count(len(digests), pages_per_bundle)
    keys = keys or {}
    groups: dict[int, dict[str, str]] = {}
    for rel in sorted(digests):
        groups.setdefault(bundle_for(rel, count, keys), {})[rel] = digests[rel]
    return [make_bundle(number, groups[number], version) for number in sorted(groups)]


def make_bundle(number: int, digests: Mapping[str, str], version: str) -> Bundle:
    """Return bundle `number` of the pages in `digests` (path → hash of its search view)."""
    group = sorted(digests)
    parts = (part for rel in group for part in (rel, digests[rel]))
    return Bundle(number, tuple(group), key_of(CACHE_KIND, version, *parts))


def index_files(
    pages: Mapping[str, bytes],
    out: Path,
    cache: BuildCache | None = None,
    pages_per_bundle: int = 256,
    jobs: int = 1,
) -> dict[str, bytes]:
    """Return the Pagefind bundles for the HTML in `pages`, as relative path → bytes.

    See `indexing`, which lets other work run while Pagefind does.
    """
    with indexing(pages, out, cache, pages_per_bundle, jobs) as files:
        return files()


@contextmanager
def indexing(
    pages: Mapping[str, bytes],
    out: Path,
    cache: BuildCache | None = None,
    pages_per_bundle: int = 256,
    jobs: int = 1,
    infos: Mapping[str, ViewInfo] | None = None,
) -> Iterator[Callable[[], dict[str, bytes]]]:
    """Start indexing the HTML in `pages`; yield a function that returns the bundles'
    files (relative path → bytes) once Pagefind is done.

    Bundles found in `cache` are reused; the others are indexed by up to `jobs` Pagefind
    processes at once (the first of them start at once, in the background), each reading
    its pages from a hidden scratch folder beside the output folder `out` (nothing is
    written to `out` itself). Leaving the block stops any Pagefind still running and
    removes the scratch folder; if the build is killed, Pagefind dies with it and the next
    build of `out` removes the folder (`site.recover`). `infos` may give the `ViewInfo`
    of pages, so that only pages of bundles Pagefind must index again are read.
    """
    with Indexer(out, cache, jobs) as indexer:
        bundles = plan_bundles(indexed_digests(pages, infos), pages_per_bundle, indexer.version)
        for bundle in bundles:
            indexer.submit(bundle, pages)
        yield lambda: indexer.files(bundles, pages)


class Indexer:
    """Runs Pagefind over bundles as they are handed in, up to `jobs` processes at once
    (each on one thread: see `PAGEFIND_ENV`).

    A build hands in each bundle as soon as its pages are rendered (`render.render_site`),
    so Pagefind indexes the first bundles while the main process renders the others. A
    bundle found in the build cache is not indexed again. Leaving the `with` block stops
    any Pagefind still running and removes the scratch folder beside `out`.
    """

    def __init__(
        self,
        out: Path,
        cache: BuildCache | None = None,
        jobs: int = 1,
        reserved: int = 0,
        launcher: Launcher | None = None,
    ) -> None:
        self.out = out
        self.launcher = launcher or Launcher()
        """Starts Pagefind (see `digest.launcher`); without one, this process does."""
        self.cache = cache or BuildCache.disabled()
        self.jobs = max(1, jobs)
        self.reserved = reserved
        """Cores left to the caller until `files` is called (it is still rendering pages)."""
        self.binary = pagefind_binary()
        self.version = tool_version(self.binary)
        self.found: set[str] = set()
        """Keys of the bundles kept in the cache (read from it when their files are asked
        for: all bundles' files held to the end were about 8 KB an article)."""
        self.made: dict[str, Path] = {}
        """Key -> the folder of the bundle Pagefind made (read again at the end)."""
        self.queue: list[Bundle] = []
        self.submitted: set[str] = set()
        self.runs: list[tuple[Bundle, _Run]] = []
        self.scratch: Path | None = None

    def __enter__(self) -> Indexer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def submit(self, bundle: Bundle, pages: Mapping[str, bytes]) -> None:
        """Take `bundle` from the cache, or index it as soon as a Pagefind process is free;
        a bundle handed in again (the same key) is taken once."""
        if bundle.key in self.submitted:
            return
        self.submitted.add(bundle.key)
        if self.cache.is_enabled and self.cache.has(CACHE_KIND, bundle.key):
            self.found.add(bundle.key)
            return
        self.queue.append(bundle)
        self._step(pages, wait=False)

    def files(self, bundles: Sequence[Bundle], pages: Mapping[str, bytes]) -> dict[str, bytes]:
        """Wait for Pagefind; return the files of `bundles` (all submitted) at their place
        in the site, with the manifest, and keep the bundles indexed in the build cache."""
        return dict(self.site_files(bundles, pages))

    def site_files(
        self, bundles: Sequence[Bundle], pages: Mapping[str, bytes]
    ) -> Iterator[tuple[str, bytes]]:
        """Wait for Pagefind; return `files` as (path, bytes), read one bundle at a time."""
        self.reserved = 0
        while self.queue or self.runs:
            self._step(pages, wait=True)
        return _site_files(bundles, self._bundle_files)

    def _bundle_files(self, key: str) -> Mapping[str, bytes]:
        folder = self.made.get(key)
        if folder is not None:
            return _read_bundle(folder)
        return self.cache.load(CACHE_KIND, key)  # type: ignore[return-value]

    def _step(self, pages: Mapping[str, bytes], wait: bool) -> None:
        """Collect the finished runs (with `wait`, at least the oldest), then start queued
        bundles while fewer than `jobs` run."""
        with _writing_beside(self.out):
            oldest = self.runs[0] if wait and self.runs else None
            for entry in list(self.runs):
                bundle, run = entry
                if entry is oldest or run.process.poll() is not None:
                    folder = self._folder(bundle)
                    # Stored now, one bundle pickled at a time (all at the end were a copy
                    # of the whole index beside it), and read again from its folder at
                    # the end.
                    self.cache.put_many(CACHE_KIND, {bundle.key: _finish_pagefind(run, folder)})
                    kept = folder.parent / f"made-{len(self.made)}"  # a folder per run
                    os.replace(folder / "bundle", kept)
                    self.made[bundle.key] = kept
                    self.runs.remove(entry)
                    shutil.rmtree(folder, ignore_errors=True)
            while self.queue and len(self.runs) < max(1, self.jobs - self.reserved):
                bundle = self.queue.pop(0)
                run = _start_pagefind(
                    self.binary, bundle, self._folder(bundle), pages, self.launcher
                )
                self.runs.append((bundle, run))

    def _folder(self, bundle: Bundle) -> Path:
        if self.scratch is None:
            self.scratch = temp_folder(self.out.resolve(), SEARCH_PREFIX)
        return self.scratch / str(bundle.number)

    def close(self) -> None:
        """Stop any Pagefind still running (after a failure) and remove the scratch folder."""
        for _, run in self.runs:
            if run.process.poll() is None:
                run.process.kill()
                run.process.wait()
        self.runs.clear()
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)


@contextmanager
def _writing_beside(out: Path) -> Iterator[None]:
    """Turn a failure to write the scratch folder (a full disk, a quota) into OutputError."""
    try:
        yield
    except OSError as err:
        raise OutputError(
            f"{out}: cannot write the search index beside it ({err.strerror or err}); "
            "the previous site is unchanged"
        ) from None


def _site_files(
    bundles: Sequence[Bundle], files: Callable[[str], Mapping[str, bytes]]
) -> Iterator[tuple[str, bytes]]:
    """Yield every bundle's files at their place in the site (`files(key)` gives a
    bundle's, one bundle held at a time), then the manifest."""
    merged: list[str] = []
    for index, bundle in enumerate(bundles):
        folder = BUNDLE if index == 0 else f"{BUNDLE}/{bundle.number}"
        if index:
            merged.append(f"{bundle.number}/")
        for rel, data in files(bundle.key).items():
            if index == 0 or not rel.startswith(LIBRARY_PREFIXES):
                yield f"{folder}/{rel}", data
    manifest = {"merge": merged}
    yield MANIFEST, (json.dumps(manifest, indent=1) + "\n").encode("utf-8")


@dataclass
class _Run:
    process: subprocess.Popen[bytes] | Launched
    pages: int
    timeout: float
    deadline: float


def _start_pagefind(
    binary: Path,
    bundle: Bundle,
    folder: Path,
    pages: Mapping[str, bytes],
    launcher: Launcher | None = None,
) -> _Run:
    site_dir = folder / "site"
    for rel in bundle.pages:
        target = site_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(search_view(pages[rel]))
    command = [
        str(binary),
        "--site", str(site_dir),
        "--output-path", str(folder / "bundle"),
        "--silent",
    ]  # fmt: skip
    timeout = TIMEOUT_SECONDS + TIMEOUT_PER_PAGE * len(bundle.pages)
    try:
        env = {**os.environ, **PAGEFIND_ENV}
        process = (launcher or Launcher()).run(command, env, folder / "output.txt")
    except OSError as err:
        raise SearchIndexError(f"cannot run Pagefind ({binary}): {err}") from None
    return _Run(process, len(bundle.pages), timeout, time.monotonic() + timeout)


def _finish_pagefind(run: _Run, folder: Path) -> dict[str, bytes]:
    """Wait for one Pagefind run and return its bundle as relative path → bytes."""
    try:
        code = run.process.wait(timeout=max(0.0, run.deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        raise SearchIndexError(
            f"Pagefind did not finish indexing {run.pages} pages in {run.timeout:.0f} s"
        ) from None
    if code != 0:
        said = (folder / "output.txt").read_text(encoding="utf-8", errors="replace")
        detail = said.strip().splitlines()
        raise SearchIndexError(f"Pagefind failed: {detail[-1] if detail else 'no output'}")
    return _read_bundle(folder / "bundle")


def _read_bundle(bundle_dir: Path) -> dict[str, bytes]:
    """Return the bundle Pagefind wrote in `bundle_dir` as relative path → bytes."""
    return {
        path.relative_to(bundle_dir).as_posix(): path.read_bytes()
        for path in sorted(bundle_dir.rglob("*"))
        if path.is_file() and not path.name.startswith(UNUSED_PREFIXES)
    }
