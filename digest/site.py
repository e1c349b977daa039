"""Write the site safely: one build at a time, built aside, swapped in whole.

The new site is written to a hidden staging folder next to the output folder and swapped
in with one atomic `renameat2(RENAME_EXCHANGE)` on Linux, so a reader (or a build killed at
any instant) sees either the whole previous site or the whole new one. Where the exchange
is unavailable, two renames are used and the next build repairs the tiny window between
them. A lock file beside the output folder keeps a second build from interleaving.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import os
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from digest.errors import OutputError

MARKER = ".digest-site"
"""A file in every output folder we write, so we never replace a folder that is not ours."""
STAGING_PREFIX = ".digest-build-"
OLD_PREFIX = ".digest-old-"
SEARCH_PREFIX = ".digest-search-"
"""Pagefind's scratch folder, beside the output folder so a killed build's is found again."""
LOCK_SUFFIX = ".digest-lock"
_SAFE_PART = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,200}\Z")
_PLAIN_PATH = re.compile(
    r"[A-Za-z0-9_][A-Za-z0-9._-]{0,200}(?:/[A-Za-z0-9_][A-Za-z0-9._-]{0,200})*"
)
"""A relative path every part of which is a plain name (what `safe_relative` accepts)."""
_TEMP_TAIL = re.compile(r"[a-z0-9_]+")
"""What tempfile.mkdtemp appends; never a '-', so 'site-2's folders never pass for 'site's."""
_PID_TAIL = re.compile(r"[0-9]+")
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def safe_relative(rel: str) -> PurePosixPath:
    """Return `rel` as a relative path that cannot leave the output folder.

    Every part must be a plain name of letters, digits, '.', '_' and '-' not starting with
    a dot: no '..', no absolute paths, no hidden files, no separators or control characters.
    """
    path = PurePosixPath(rel)
    if path.is_absolute() or not path.parts or not all(_SAFE_PART.match(p) for p in path.parts):
        raise OutputError(f"refusing to write outside the output folder: {rel!r}")
    if ".." in path.parts or "\\" in rel:
        raise OutputError(f"refusing to write outside the output folder: {rel!r}")
    return path


def _is_within(inner: Path, outer: Path) -> bool:
    return inner == outer or outer in inner.parents


def check_output(out: Path, seeds: Path | None = None) -> None:
    """Raise OutputError if `out` is a folder the build must not replace.

    Refused: '/', the home folder, the seeds folder (or a folder inside it or holding it),
    a file, and a non-empty folder that does not carry the marker of a previous digest.
    """
    resolved = out.resolve()
    if resolved == Path(resolved.anchor) or resolved == Path.home().resolve():
        raise OutputError(
            f"{out}: refusing to write the site to / or the home folder; "
            "pass --out with a folder of its own, such as site/"
        )
    if seeds is not None:
        seeds_real = seeds.resolve()
        if _is_within(resolved, seeds_real) or _is_within(seeds_real, resolved):
            raise OutputError(
                f"{out}: refusing to write the site into or over the seeds "
                f"folder {seeds}; choose another --out"
            )
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: exists and is not a folder; choose another --out")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise OutputError(
            f"{out}: folder is not empty and was not written by digest; "
            "choose another --out or empty it"
        )


def _lock_path(out: Path) -> Path:
    return out.parent / f".{out.name}{LOCK_SUFFIX}"


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold the lock on building `out`; raise OutputError at once if another build holds it.

    The lock is a file beside `out` with a POSIX record lock (lockf): the kernel releases it
    when this process ends, however it ends, so a killed build never leaves a stale lock.
    Unlike flock(2), the lock is not shared with forked worker processes, so workers that
    outlive a killed build cannot block the next one.
    """
    out = out.resolve()
    path = _lock_path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:
        raise OutputError(
            f"{out}: cannot create the lock file {path.name} beside it ({err.strerror or err}); "
            f"check that you may write to {out.parent}"
        ) from None
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except (BlockingIOError, PermissionError):
            owner = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise OutputError(
                f"{out}: another digest build (pid {owner}) is writing this folder; "
                "wait for it to finish, then run the build again"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(fd)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap the folders `a` and `b`; False where the system cannot do it."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OutputError(f"{b}: cannot swap in the new site: {os.strerror(code)}")


def temp_folder(out: Path, prefix: str) -> Path:
    """Return a new, empty hidden folder beside `out` that `recover(out)` will know as its own."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f"{prefix}{out.name}-", dir=out.parent))
    except OSError as err:
        raise OutputError(
            f"{out}: cannot create a working folder beside it ({err.strerror or err}); "
            f"check that you may write to {out.parent}"
        ) from None


def _leftovers(out: Path, prefix: str, tail: re.Pattern[str]) -> list[Path]:
    """Return the folders beside `out` named `prefix` + `out`'s name + '-' + `tail`, sorted."""
    start = f"{prefix}{out.name}-"
    try:
        names = [p.name for p in out.parent.iterdir()]
    except OSError:
        return []
    found = [n for n in names if n.startswith(start) and tail.fullmatch(n[len(start) :])]
    return [out.parent / n for n in sorted(found)]


def recover(out: Path) -> None:
    """Put back the previous site if a build died between its two renames; remove leftovers.

    Leftovers are the staging, search-index and old-site folders of builds of `out` that
    were killed. Call only while holding `output_lock(out)`: the lock proves that no other
    build owns these folders. Folders of another output ('site-2' beside 'site') are kept.
    """
    old_sites = _leftovers(out, OLD_PREFIX, _PID_TAIL)
    if not out.exists() and old_sites:
        os.rename(old_sites.pop(), out)
    temporary = _leftovers(out, STAGING_PREFIX, _TEMP_TAIL) + _leftovers(
        out, SEARCH_PREFIX, _TEMP_TAIL
    )
    for folder in old_sites + temporary:
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)


def _same_file(previous: Path, data: bytes | Sequence[bytes]) -> bool:
    """True when `previous` is a plain file (not a link) holding exactly `data` (bytes, or
    pieces of bytes one after the other, compared a piece at a time)."""
    pieces = [data] if isinstance(data, bytes) else data
    try:
        info = os.lstat(previous)
        if not stat.S_ISREG(info.st_mode) or info.st_size != sum(map(len, pieces)):
            return False
        if isinstance(data, bytes):
            return previous.read_bytes() == data
        with open(previous, "rb") as old:
            return all(old.read(len(piece)) == piece for piece in pieces)
    except OSError:
        return False


FileStamp = tuple[str, int, int, int]
"""What a build knows of a file it put in the site: a hash of its bytes (`content_hash`),
and its inode, modification time (ns) and size, which stay the same while nobody
replaces or edits the file."""


def content_hash(data: bytes) -> str:
    """Return the hash by which a site file's bytes are known (see `FileStamp`)."""
    return hashlib.sha256(data).hexdigest()


def _stamp(digest: str, info: os.stat_result) -> FileStamp:
    return (digest, info.st_ino, info.st_mtime_ns, info.st_size)


def _place(target: Path, data: bytes | Sequence[bytes], previous: Path | None) -> bool:
    """Put `data` at `target`; return False when the previous site's identical file was reused.

    An unchanged file is hard-linked from the previous site, so it keeps its inode and
    modification time and deploy tools see only what really changed; the staging folder is
    still complete before the swap.
    """
    if previous is not None and _same_file(previous, data):
        try:
            os.link(previous, target)
            return False
        except OSError:
            pass  # another file system, or no hard links there: write a copy instead
    if isinstance(data, bytes):
        target.write_bytes(data)
    else:
        with open(target, "wb") as out:
            out.writelines(data)
    return True


class Staging:
    """A new site written file by file into a hidden folder beside `out`, then swapped in whole.

    Each file goes to disk as soon as it is added, so a build holds no more than one page in
    memory; until `commit` nothing in `out` changes, and `discard` (after an error) removes
    the folder and leaves the previous site as it was. An unchanged file is hard-linked from
    the previous site (see `_place`).
    """

    def __init__(self, out: Path, stamps: Mapping[str, FileStamp] | None = None) -> None:
        """`stamps`: the files of the previous site as the build that wrote it left them
        (see `FileStamp`); a file whose stamp still matches and whose bytes are the same
        is linked without being read (see `add_known`)."""
        check_output(out)
        self.out = out.resolve()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        recover(self.out)
        self.folder: Path | None = temp_folder(self.out, STAGING_PREFIX)
        self.previous = self.out if self.out.is_dir() else None
        self.changed: dict[str, bool] = {}
        """Relative path -> written (True) or linked from the previous site, in the order added."""
        self._cased: dict[str, str] = {}
        self._folders: set[str] = set()
        self.old_stamps: Mapping[str, FileStamp] = stamps or {}
        self.stamps: dict[str, FileStamp] = {}
        """Relative path -> stamp of each file added, for the next build's `Staging`."""

    def add(self, rel: str, data: bytes) -> None:
        """Write `data` as the site file `rel`; a second `add` of the same path replaces it."""
        self.add_known(rel, content_hash(data), lambda: data)

    def add_pieces(self, rel: str, pieces: Sequence[bytes]) -> None:
        """`add` the bytes of `pieces` one after the other, never joined (a file as big as
        events.json, 90 MB at 50,000 articles, is not held twice)."""
        digest = hashlib.sha256()
        for piece in pieces:
            digest.update(piece)
        self.add_known(rel, digest.hexdigest(), lambda: pieces)

    def add_known(self, rel: str, digest: str, load: Callable[[], bytes | Sequence[bytes]]) -> None:
        """Put the site file `rel` whose bytes have the hash `digest` (`content_hash`);
        `load` returns the bytes (or their pieces, in order), and is called only when the
        previous site's file cannot be linked: when its stamp from the previous build no
        longer matches (replaced, edited) or its bytes differ."""
        target, inside = self._target(rel)
        try:
            if rel in self.changed:
                os.unlink(target)
            folder = os.path.dirname(target)
            if folder not in self._folders:
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
            if self._link_unchanged(rel, digest, target, inside):
                self.changed[rel] = False
                return
            previous = self.previous / inside if self.previous else None
            self.changed[rel] = _place(Path(target), load(), previous)
            self.stamps[rel] = _stamp(digest, os.lstat(target))
        except OSError as err:  # a full disk, a file size limit, a quota
            raise self._cannot_write(err) from None

    def _target(self, rel: str) -> tuple[str, str]:
        """Return where the file `rel` goes and its path inside the site ('/'-separated,
        normalised), refusing unsafe names and case clashes. Paths are plain strings: a
        site has tens of thousands of files, and `pathlib` costs more than the system calls."""
        inside = rel
        if not _PLAIN_PATH.fullmatch(rel) or ".." in rel.split("/"):
            inside = str(safe_relative(rel))  # raises for what is unsafe
        folded = rel.casefold()
        if self._cased.setdefault(folded, rel) != rel:
            raise OutputError(
                f"two output files differ only in case: {self._cased[folded]!r}, {rel!r}"
            )
        assert self.folder is not None, "add after commit or discard"
        return f"{os.fspath(self.folder)}/{inside}", inside

    def _link_unchanged(self, rel: str, digest: str, target: str, inside: str) -> bool:
        """Link the previous site's `rel` (at `inside` it) if its stamp says it holds
        exactly `digest`."""
        old = self.old_stamps.get(rel)
        if old is None or old[0] != digest or self.previous is None:
            return False
        previous = f"{os.fspath(self.previous)}/{inside}"
        try:
            info = os.lstat(previous)
            if not stat.S_ISREG(info.st_mode) or _stamp(digest, info) != old:
                return False
            os.link(previous, target)
        except OSError:
            return False
        self.stamps[rel] = old
        return True

    def files(self) -> Mapping[str, bytes]:
        """Return the files added so far (read back from disk on access), in the order added."""
        assert self.folder is not None, "files after commit or discard"
        return _StagedFiles(self.folder, self.changed)

    def commit(self) -> int:
        """Swap the folder in as `out`; return how many files were written, not linked."""
        staging, out = self.folder, self.out
        assert staging is not None, "commit after commit or discard"
        try:
            (staging / MARKER).write_text("written by digest; safe to delete\n", encoding="utf-8")
            os.chmod(staging, 0o755)
        except OSError as err:
            raise self._cannot_write(err) from None
        if not out.exists():
            os.rename(staging, out)
        elif _exchange(staging, out):
            shutil.rmtree(staging)
        else:
            old = out.parent / f"{OLD_PREFIX}{out.name}-{os.getpid()}"
            os.rename(out, old)
            os.rename(staging, out)
            shutil.rmtree(old)
        self.folder = None
        return sum(self.changed.values())

    def discard(self) -> None:
        """Remove the folder unless it was committed; `out` stays as it was."""
        if self.folder is not None and self.folder.exists():
            shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None

    def _cannot_write(self, err: OSError) -> OutputError:
        return OutputError(
            f"{self.out}: cannot write the new site ({err.strerror or err}); "
            "the previous site is unchanged"
        )


class _StagedFiles(Mapping[str, bytes]):
    """The files of a staging folder as relative path -> bytes, read when looked up."""

    def __init__(self, folder: Path, names: Mapping[str, bool]) -> None:
        self.folder = folder
        self.names = names

    def __getitem__(self, rel: str) -> bytes:
        if rel not in self.names:
            raise KeyError(rel)
        return (self.folder / safe_relative(rel)).read_bytes()

    def __iter__(self) -> Iterator[str]:
        return iter(list(self.names))

    def __len__(self) -> int:
        return len(self.names)


def write_site(files: Mapping[str, bytes], out: Path) -> int:
    """Write `files` (relative path → bytes) as the folder `out`, replacing it whole.

    Until the final swap nothing in `out` changes; after it, `out` holds exactly `files`.
    Returns how many files were written; the others were unchanged and are the very same
    files (hard links) as in the previous site.
    """
    staging = Staging(out)
    try:
        for rel, data in files.items():
            staging.add(rel, data)
        return staging.commit()
    finally:
        staging.discard()
