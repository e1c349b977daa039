"""The build cache: records of earlier builds, keyed by a hash of everything they came from.

The cache is a SQLite file in `.digest-cache/` (the default; ignored by git), beside the
clustering records of the last build as one store (`features.TermStore.save`). It is
safe to delete at any time: a build without it gives the same bytes, only slower. It is
versioned by the digest release, the code and data of the installed package, the settings
and the templates: when any of them changes, the whole cache is dropped, so a stale record
can never be served. Within one version, every entry's key is a hash of its inputs (a file's
bytes, path and article id; the corpus-wide facts the record depends on), so a changed
input simply misses. Values are pickled records that this program wrote itself; never point
`--cache` at a folder you did not create with digest.
"""

from __future__ import annotations

import fcntl
import hashlib
import itertools
import os
import pickle
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from digest import __version__
from digest.config import Config
from digest.errors import OutputError
from digest.progress import Progress
from digest.workers import Workers

Item = TypeVar("Item")
Result = TypeVar("Result")

DEFAULT_FOLDER = Path(".digest-cache")
FILE_NAME = "cache.sqlite"
LOCK_NAME = "files.lock"
README = "Build cache of digest: safe to delete; rebuilt by the next `digest build`.\n"
BATCH = 500
"""SQLite allows a limited number of '?' parameters per statement."""


def fingerprint_folder(folder: Path | None) -> str:
    """Return a hash of every file's relative path and bytes under `folder` ('' if none)."""
    if folder is None or not folder.is_dir():
        return ""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def cache_version(config: Config) -> str:
    """Return the version of the cache for this program and these settings.

    Folders enter by content, not by name: the output folder is left out, and the seeds
    folder counts by what it holds (records are keyed by each file's path inside it), so a
    project that moves keeps its cache. The templates and `events.yaml` do not version the
    cache: what is made from them is keyed by them (a page and a fragment by the templates
    it is rendered with, `render.TemplateKeys`; an event by its editor-given title, id and
    members), so a template edited, or an event renamed, re-renders pages and leaves every
    article's records, the clustering and the timelines to be reused.
    """
    package = Path(__file__).resolve().parent
    settings = replace(config, seeds=Path("."), output=Path("."), templates=None, events_file=None)
    parts = (__version__, fingerprint_folder(package), repr(settings))
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def key_of(*parts: str | bytes) -> str:
    """Return a hex key for `parts`, unambiguous however the parts are split."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def _connect(path: Path, version: str) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=60)
    try:
        db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
        row = db.execute("SELECT value FROM meta WHERE name = 'version'").fetchone()
        if row is None or row[0] != version:
            db.execute("DROP TABLE IF EXISTS entries")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (version,))
        db.execute(
            "CREATE TABLE IF NOT EXISTS entries "
            "(kind TEXT, key TEXT, value BLOB, PRIMARY KEY (kind, key))"
        )
        db.commit()
    except sqlite3.Error:
        db.close()
        raise
    return db


class BuildCache:
    """Records of earlier builds by kind and key; entries not used by a build are pruned."""

    def __init__(
        self, db: sqlite3.Connection | None, folder: Path | None = None, version: str = ""
    ) -> None:
        self.db = db
        self.is_enabled = db is not None
        self.folder = folder
        """The cache's folder (None when disabled), for what is kept beside the database."""
        self.version = version
        self.used: dict[str, set[str]] = {}
        self.hits = 0
        self.misses = 0
        self._lock: int | None = None

    @classmethod
    def disabled(cls) -> BuildCache:
        """Return a cache that remembers nothing (`--no-cache`)."""
        return cls(None)

    @classmethod
    def open(cls, folder: Path, version: str) -> BuildCache:
        """Open (or create) the cache in `folder`; drop it whole if its version differs.

        A damaged cache file is deleted and started afresh: it only ever holds copies.
        """
        try:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "README.txt").write_text(README, encoding="utf-8")
            (folder / ".gitignore").write_text("*\n", encoding="utf-8")
            try:
                return cls(_connect(folder / FILE_NAME, version), folder, version)
            except sqlite3.DatabaseError:
                (folder / FILE_NAME).unlink(missing_ok=True)
                return cls(_connect(folder / FILE_NAME, version), folder, version)
        except (OSError, sqlite3.Error) as err:
            raise OutputError(
                f"{folder}: cannot use the build cache ({err}); "
                "delete the folder or pass --no-cache"
            ) from None

    def get_many(self, kind: str, keys: Iterable[str]) -> dict[str, object]:
        """Return the cached values of `kind` for those `keys` that are present."""
        wanted = list(dict.fromkeys(keys))
        self.used.setdefault(kind, set()).update(wanted)
        found: dict[str, object] = {}
        if self.db is not None:
            for start in range(0, len(wanted), BATCH):
                batch = wanted[start : start + BATCH]
                marks = ",".join("?" * len(batch))
                rows = self.db.execute(
                    f"SELECT key, value FROM entries WHERE kind = ? AND key IN ({marks})",
                    (kind, *batch),
                )
                found.update((key, pickle.loads(value)) for key, value in rows)
        self.hits += len(found)
        self.misses += len(wanted) - len(found)
        return found

    def keep(self, kind: str, keys: Iterable[str]) -> None:
        """Keep the entries of `kind` under `keys` from pruning without reading them (a
        build that has their values from elsewhere: `features.TermStore.resume`)."""
        self.used.setdefault(kind, set()).update(keys)

    def claim_files(self) -> Path | None:
        """Return the folder for files kept beside the database while this build holds
        them alone, or None (no cache, or another build holds them now: it then builds
        with scratch files, as without a cache). Held until `close` or `release`."""
        if self.folder is None or self.db is None:
            return None
        if self._lock is None:
            try:
                fd = os.open(self.folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError:
                return None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                return None
            self._lock = fd
        return self.folder

    def _unlock(self) -> None:
        if self._lock is not None:
            os.close(self._lock)  # closing the descriptor lets go of its lock
            self._lock = None

    def has(self, kind: str, key: str) -> bool:
        """Return whether a value of `kind` is kept under `key`, without reading it (counted
        and kept from pruning as `get_many` does); `load` reads it later."""
        self.used.setdefault(kind, set()).add(key)
        found = self.db is not None and (
            self.db.execute(
                "SELECT 1 FROM entries WHERE kind = ? AND key = ?", (kind, key)
            ).fetchone()
            is not None
        )
        self.hits += found
        self.misses += not found
        return found

    def load(self, kind: str, key: str) -> object:
        """Return the value `has` found (KeyError when there is none)."""
        row = None
        if self.db is not None:
            row = self.db.execute(
                "SELECT value FROM entries WHERE kind = ? AND key = ?", (kind, key)
            ).fetchone()
        if row is None:
            raise KeyError(key)
        return pickle.loads(row[0])

    def put_many(self, kind: str, values: Mapping[str, object]) -> None:
        """Remember `values` (key → record) of `kind` for later builds."""
        self.used.setdefault(kind, set()).update(values)
        if self.db is None or not values:
            return
        # Pickled a batch at a time: all of a stage's records pickled at once were a copy
        # of them (about 15 KB an article for the clustering records).
        items = iter(values.items())
        while rows := [
            (kind, k, pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL))
            for k, v in itertools.islice(items, BATCH)
        ]:
            self.db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)", rows)

    def release(self) -> None:
        """Save what was stored and close, pruning nothing: the end of a build that failed.

        Without it the failed build's open transaction would outlive it, and the next build
        in the same process (`digest serve`) would find the cache locked or broken.
        """
        self._unlock()
        if self.db is None:
            return
        db, self.db = self.db, None
        try:
            db.commit()
        except sqlite3.Error:
            pass  # the records are only copies; closing rolls back what was not saved
        finally:
            db.close()

    def close(self) -> None:
        """Drop entries this build did not use, then save; the cache stays small."""
        self._unlock()
        if self.db is None:
            return
        db = self.db
        # The unused entries are found here rather than by SQLite against a table of the
        # used keys: filling that table cost more than reading every key once.
        stale = [
            (kind, key)
            for kind, key in db.execute("SELECT kind, key FROM entries")
            if key not in self.used.get(kind, ())
        ]
        db.executemany("DELETE FROM entries WHERE kind = ? AND key = ?", stale)
        db.commit()
        db.close()
        self.db = None


def cached_map(
    cache: BuildCache,
    kind: str,
    func: Callable[[Item], Result],
    items: Sequence[Item],
    keys: Sequence[str],
    workers: Workers,
    progress: Progress,
) -> list[Result]:
    """Return `func(item)` for every item, reusing cached results under the item's key.

    `keys[i]` must be a hash of everything `func(items[i])` depends on. Missing results are
    computed by `workers` (in parallel where it pays) and stored for the next build.
    """
    found = cache.get_many(kind, keys)
    progress.advance(len(found))
    missing = [i for i, key in enumerate(keys) if key not in found]
    fresh: dict[str, Result] = {}
    for index, result in zip(missing, workers.map(func, [items[i] for i in missing]), strict=True):
        fresh[keys[index]] = result
        progress.advance()
    cache.put_many(kind, fresh)
    return [found[key] if key in found else fresh[key] for key in keys]  # type: ignore[misc]
