"""Read article files from the seeds folder into RawArticle records.

Nothing here trusts the input: the walk never follows a link out of the seeds folder, a
file's size is checked before it is read, every byte sequence decodes to something, and
each file that is passed over is reported with the reason and what to do about it.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from digest import markup
from digest.errors import InputError
from digest.fileguard import FileChangedError, FileSeen, is_inside, open_seen
from digest.frontmatter import parse_front_matter
from digest.model import RawArticle

SUFFIXES = (".txt", ".md", ".markdown")
MARKDOWN_SUFFIXES = (".md", ".markdown")
MAX_BYTES = 2 * 1024 * 1024
"""Larger files are skipped unread, so memory stays bounded. A long news article is ~100 KB."""
MAX_LINE_CHARS = 20_000
"""Longer lines (a whole article on one line) are split into paragraphs at sentence ends."""
MAX_TITLE_CHARS = 300
"""A first line longer than this is a paragraph, not a headline; its first sentence is used."""
BINARY_SIGNATURES = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"RIFF",
    b"BZh", b"\x7fELF", b"II*\x00", b"MM\x00*", b"\x00\x00\x01\x00",
)  # fmt: skip
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_SLUG_UNSAFE = re.compile(r"[^a-z0-9_-]+")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"”’)]*\s+")


@dataclass(frozen=True)
class Skipped:
    """A file that was not read (or was read with a remark), and why.

    `is_warning` False marks a note: something passed over on purpose (hidden files, editor
    backups) that needs no fixing and does not fail `--strict`.
    """

    path: str
    reason: str
    is_warning: bool = True


def slugify(text: str, max_length: int = 80) -> str:
    """Return a lower-case ASCII slug: letters, digits, '-' and '_' only ('' if none).

    >>> slugify("Kim Jong Un bertemu Menhan!")
    'kim-jong-un-bertemu-menhan'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _SLUG_UNSAFE.sub("-", ascii_text.lower()).strip("-")
    return slug[:max_length].strip("-")


def is_hidden(name: str) -> bool:
    return name.startswith(".")


def is_backup(name: str) -> bool:
    """True for editor backup, swap and lock files: `x~`, `#x#`, `.#x`, `x.bak`, `x.swp`."""
    lower = name.lower()
    return (
        name.startswith(("#", "~", ".#"))
        or name.endswith(("~", "#"))
        or lower.endswith((".bak", ".swp", ".swo", ".tmp", ".orig", ".part", ".crdownload"))
    )


def _classify(entry: os.DirEntry[str], rel: str, root: str) -> Skipped | FileSeen | str:
    """Return 'dir', what the scan saw of an article file, or the reason `entry` is passed over."""
    name = entry.name
    shown = markup.printable(rel)
    if is_hidden(name) and not name.startswith(".#"):
        return Skipped(shown, "hidden; skipped", is_warning=False)
    if is_backup(name):
        return Skipped(shown, "editor backup or temporary file; skipped", is_warning=False)
    try:
        info = os.stat(entry.path)
    except OSError as err:
        if entry.is_symlink():
            return Skipped(shown, "broken symbolic link or link loop; skipped (remove the link)")
        return Skipped(shown, f"cannot be read: {err.strerror or err}; skipped")
    target = entry.path
    if entry.is_symlink():
        target = os.path.realpath(entry.path)
        if not is_inside(target, root):
            return Skipped(shown, "symbolic link to something outside the seeds folder; skipped")
        if stat.S_ISDIR(info.st_mode):
            return Skipped(shown, "symbolic link to a folder; not followed", is_warning=False)
    if stat.S_ISDIR(info.st_mode):
        return "dir"
    if not stat.S_ISREG(info.st_mode):
        return Skipped(shown, "not a regular file (a pipe, socket or device); skipped")
    if Path(name).suffix.lower() not in SUFFIXES:
        suffix = Path(name).suffix or "no suffix"
        return Skipped(shown, f"unknown file type ({suffix}); reads {', '.join(SUFFIXES)}; skipped")
    return FileSeen.of(target, info, root)


def find_sources(seeds: Path) -> tuple[list[tuple[Path, FileSeen]], list[Skipped]]:
    """Return the article files under `seeds` in a stable order, and the entries passed over.

    Each file comes with what the scan saw of it, so the read can refuse a file replaced
    since. Subfolders are read too; symbolic links are followed only to files inside `seeds`.
    """
    found, skipped = _scan(seeds)
    return [(path, seen) for _, path, seen in found], skipped


def _inside(path: Path, seeds: Path) -> str:
    """Return `path.relative_to(seeds).as_posix()` for a path under `seeds`, from the text
    of both when it starts with the folder's (10,000 `relative_to` calls cost 0.2 s)."""
    text, folder = os.fspath(path), os.fspath(seeds)
    if os.sep == "/" and folder not in (".", "/") and text.startswith(folder + "/"):
        return text[len(folder) + 1 :]
    return path.relative_to(seeds).as_posix()


def _scan(seeds: Path) -> tuple[list[tuple[str, Path, FileSeen]], list[Skipped]]:
    """Return `find_sources`, each file with its path inside `seeds` ('/'-separated: what
    `relative_to(seeds).as_posix()` gives, made as the folders are walked)."""
    root = os.path.realpath(seeds)
    found: list[tuple[str, Path, FileSeen]] = []
    skipped: list[Skipped] = []
    pending: list[tuple[Path, str]] = [(seeds, "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as err:
            reason = f"folder cannot be read ({err.strerror or err}); skipped"
            skipped.append(Skipped(markup.printable(prefix or "."), reason))
            continue
        subfolders = []
        for entry in entries:
            rel = f"{prefix}{entry.name}"
            kind = _classify(entry, rel, root)
            if kind == "dir":
                if Path(entry.name).suffix.lower() in SUFFIXES:
                    reason = "a folder named like an article file; read as a folder"
                    skipped.append(Skipped(markup.printable(rel), reason, is_warning=False))
                subfolders.append((folder / entry.name, f"{rel}/"))
            elif isinstance(kind, FileSeen):
                found.append((rel, folder / entry.name, kind))
            elif isinstance(kind, Skipped):
                skipped.append(kind)
        pending.extend(reversed(subfolders))
    found.sort(key=lambda item: item[0])
    return found, skipped


def _utf16_without_bom(data: bytes) -> str | None:
    """Return the codec name when `data` looks like BOM-less UTF-16 (NULs on one side)."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> bool:
    """True for images, archives and other non-text data: a known signature or NUL bytes."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return False
    if _utf16_without_bom(data):
        return False
    if data.startswith(BINARY_SIGNATURES):
        return True
    sample = data[:8192]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return b"\x00" in sample or controls > 0.05 * max(len(sample), 1)


def _first_bad_line(data: bytes, err: UnicodeDecodeError) -> int:
    return data[: err.start].count(b"\n") + 1


def decode(data: bytes) -> tuple[str, str | None]:
    """Return the text of `data` and a warning when its encoding had to be guessed.

    UTF-8 (a BOM is dropped) is read as such, also when cut off mid-character; UTF-16 with
    a BOM or with the telltale NUL pattern is read as UTF-16; anything else as Windows-1252,
    which maps every byte that Latin-1 does. Line ends (CRLF, CR, LF, mixed) become '\\n'.
    """
    remark = None
    utf16 = _utf16_without_bom(data)
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16:
        text = data.decode(utf16 or "utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            if err.reason == "unexpected end of data" and err.end == len(data):
                # Cut off mid-character (a file still being written): the rest is UTF-8.
                text = data[: err.start].decode("utf-8")
                remark = (
                    "ends in the middle of a character (a half-written file?); "
                    "the incomplete last character was dropped"
                )
                return markup.clean_text(text), remark
            line = _first_bad_line(data, err)
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
            remark = (
                f"not valid UTF-8 (first bad byte on line {line}); decoded as Windows-1252 "
                "(Latin-1); check the accents, or save the file as UTF-8"
            )
    return markup.clean_text(text), remark


def split_long_line(line: str, max_chars: int = MAX_LINE_CHARS) -> list[str]:
    """Return `line` cut into pieces of at most `max_chars`, at sentence ends where possible.

    No character is lost: joining the pieces with single spaces gives back the line with
    its whitespace runs at the cuts collapsed.
    """
    if len(line) <= max_chars:
        return [line]
    pieces: list[str] = []
    rest = line
    while len(rest) > max_chars:
        window = rest[:max_chars]
        cut = max((m.end() for m in _SENTENCE_BREAK.finditer(window)), default=0)
        if cut < max_chars // 4:
            cut = window.rfind(" ") + 1
        if cut < max_chars // 4:
            cut = max_chars
        pieces.append(rest[:cut].strip())
        rest = rest[cut:]
    pieces.append(rest.strip())
    return [p for p in pieces if p]


def split_title(line: str) -> tuple[str, str | None]:
    """Return (headline, rest) for a first line; a very long line keeps its text as `rest`."""
    if len(line) <= MAX_TITLE_CHARS:
        return line, None
    first = _SENTENCE_BREAK.split(line, maxsplit=1)[0]
    if len(first) > MAX_TITLE_CHARS:
        first = first[:MAX_TITLE_CHARS].rsplit(" ", 1)[0] + "…"
    return first, line


_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_LIST_ITEM = re.compile(r"^\s{0,3}([-*+]|\d{1,9}[.)])\s+")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(\s|$)")


def markdown_blocks(body: str) -> list[str]:
    """Return the Markdown source of each block of `body`: paragraphs, headings, list items.

    Blocks are separated by blank lines; each list item and each heading is a block of its
    own, so a "Baca juga" item can be dropped without its neighbours; a fenced code block
    stays whole.
    """
    blocks: list[str] = []
    current: list[str] = []
    in_fence = False

    def flush() -> None:
        if current:
            blocks.append("\n".join(current))
            current.clear()

    for line in body.split("\n"):
        if _FENCE.match(line):
            if not in_fence:
                flush()
            current.append(line)
            in_fence = not in_fence
            if not in_fence:
                flush()
            continue
        if in_fence:
            current.append(line)
        elif not line.strip():
            flush()
        elif _HEADING.match(line) or _LIST_ITEM.match(line):
            flush()
            current.append(line)
            if _HEADING.match(line):
                flush()
        else:
            current.append(line)
    flush()
    return blocks


def _body_lines(text: str, is_markdown: bool) -> tuple[list[str], list[str]]:
    """Return (plain text lines, Markdown sources); sources is empty for plain text."""
    if not is_markdown:
        return [line.strip() for line in text.split("\n")], []
    converter = markup.new_converter()
    lines: list[str] = []
    sources: list[str] = []
    for block in markdown_blocks(text):
        plain = markup.markdown_to_text(block, converter)
        if plain:
            lines.append(plain)
            sources.append(block)
    return lines, sources


def _split_long(lines: list[str], sources: list[str]) -> tuple[list[str], list[str], int]:
    """Return the lines with long ones split (their sources become the plain pieces)."""
    out_lines: list[str] = []
    out_sources: list[str] = []
    long_count = 0
    for index, line in enumerate(lines):
        pieces = split_long_line(line)
        long_count += len(pieces) > 1
        out_lines.extend(pieces)
        if sources:
            out_sources.extend([sources[index]] if len(pieces) == 1 else pieces)
    return out_lines, out_sources, long_count


def parse_text(article_id: str, rel: str, text: str, is_markdown: bool) -> RawArticle:
    """Return the RawArticle for the decoded `text` of one file."""
    meta, body, warnings = parse_front_matter(text) if is_markdown else (None, text, [])
    lines, sources = _body_lines(body, is_markdown)
    title = meta.title if meta else None
    if title is None:
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is not None:
            title, rest = split_title(lines[first].strip())
            keep = [rest] if rest else []
            lines = [*keep, *lines[first + 1 :]]
            sources = [*keep, *sources[first + 1 :]] if sources else []
            if rest:
                warnings.append("first line is too long for a headline; its first sentence is used")
    lines, sources, long_count = _split_long(lines, sources)
    if long_count:
        warnings.append(
            f"{long_count} line(s) longer than {MAX_LINE_CHARS} characters; split at sentence ends"
        )
    return RawArticle(
        id=article_id,
        path=rel,
        title=title or "",
        lines=tuple(lines),
        outlet=meta.outlet if meta else None,
        url=meta.url if meta else None,
        language=meta.language if meta else None,
        published=meta.published if meta else None,
        is_markdown=is_markdown,
        digest=text_digest(text),
        warnings=tuple(warnings),
        markdown=tuple(sources),
    )


def article_ids(paths: Iterable[str]) -> dict[str, str]:
    """Map each relative path to a unique slug id made from its stem (suffixed on clashes).

    A stem with no ASCII letters or digits ("北朝鮮.txt") gets "article-" and a short hash
    of its name, so the id is stable and never empty.
    """
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for rel in paths:
        stem = Path(rel).stem
        base = slugify(stem)
        if not base:
            base = (
                "article-" + hashlib.sha256(rel.encode("utf-8", "surrogateescape")).hexdigest()[:8]
            )
        candidate = base
        if candidate in taken:
            candidate = f"{base}-{slugify(Path(rel).suffix) or 'x'}"
        serial = 2
        while candidate in taken:
            candidate = f"{base}-{serial}"
            serial += 1
        taken.add(candidate)
        ids[rel] = candidate
    return ids


def read_bytes(path: Path, rel: str, seen: FileSeen | None = None) -> bytes | Skipped:
    """Return the bytes of `path`, or why not: too large, unreadable, binary, empty or replaced.

    `seen` is what the folder scan saw of the file; without it, `path` is taken as scanned.
    """
    shown = markup.printable(rel)
    limit = f"{MAX_BYTES // 2**20} MB"
    try:
        fd, info = open_seen(seen or _seen_now(path))
        with os.fdopen(fd, "rb") as handle:
            if info.st_size > MAX_BYTES:
                reason = f"larger than {limit}, too large for one article; skipped unread"
                return Skipped(shown, f"{reason}; split it into one file per article")
            data = handle.read(MAX_BYTES + 1)
    except FileChangedError as err:
        return Skipped(shown, f"{err} after the folder was scanned; not read; build again")
    except OSError as err:
        reason = f"cannot be read ({err.strerror or err}); skipped"
        return Skipped(shown, f"{reason}; check the file's permissions")
    if len(data) > MAX_BYTES:
        return Skipped(shown, f"larger than {limit}; skipped")
    if looks_binary(data):
        return Skipped(shown, "binary data (an image or archive?), not text; skipped")
    if not data.strip():
        return Skipped(shown, "empty file; skipped")
    return data


def _seen_now(path: Path) -> FileSeen:
    """Return a FileSeen of `path` as it is now, inside its own folder (for unscanned reads)."""
    target = os.path.realpath(path)
    return FileSeen.of(target, os.stat(target), os.path.dirname(target))


def text_name(name: str) -> str:
    """Return a file name as text: bytes that are not UTF-8 become visible `\\xNN` escapes.

    `os` keeps such bytes as lone surrogates, which no page or JSON file can hold.
    >>> text_name("caf\\udce9.txt")
    'caf\\\\xe9.txt'
    """
    if not any("\udc80" <= ch <= "\udcff" for ch in name):
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def name_remark(rel: str, name: str) -> Skipped | None:
    """Return a remark on a file name that cannot be shown as it is, else None.

    `name` is the name as the system gave it, `rel` the same as `text_name` made it.
    """
    if rel != name:
        reason = "file name is not valid UTF-8 (shown with \\x escapes); read; rename the file"
        return Skipped(markup.printable(rel), reason)
    if not rel.isprintable():
        reason = "file name holds control or invisible characters (shown escaped); read"
        return Skipped(markup.printable(rel), reason, is_warning=False)
    return None


def text_digest(text: str) -> str:
    """Return the SHA-256 of a decoded text: equal for files with exactly the same text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _with_duplicates(raws: list[RawArticle]) -> tuple[list[RawArticle], list[Skipped]]:
    """Return one record per distinct text; the copies are listed on the first one."""
    first_of: dict[str, int] = {}
    copies: dict[int, list[str]] = {}
    kept: list[RawArticle] = []
    remarks: list[Skipped] = []
    for raw in raws:
        if raw.digest in first_of:
            index = first_of[raw.digest]
            copies.setdefault(index, []).append(raw.path)
            original = markup.printable(kept[index].path)
            reason = f"same text as {original}; listed once, under that file"
            remarks.append(Skipped(markup.printable(raw.path), reason))
            continue
        first_of[raw.digest] = len(kept)
        kept.append(raw)
    for index, paths in copies.items():
        kept[index] = replace(kept[index], duplicates=tuple(paths))
    return kept, remarks


@dataclass(frozen=True)
class SourceFile:
    """An article file to read: where it is, its path in the seeds folder, its article id.

    `seen` is what the folder scan saw of it (None: read the path as it is then).
    """

    path: Path
    rel: str
    id: str
    seen: FileSeen | None = None

    @property
    def is_markdown(self) -> bool:
        return self.path.suffix.lower() in MARKDOWN_SUFFIXES


def parse_bytes(source: SourceFile, data: bytes) -> RawArticle | Skipped:
    """Return the RawArticle for the bytes of one file, or why it was passed over."""
    text, remark = decode(data)
    if not text.strip():
        return Skipped(markup.printable(source.rel), "only whitespace; skipped")
    raw = parse_text(source.id, source.rel, text, source.is_markdown)
    if remark:
        raw = replace(raw, warnings=(remark, *raw.warnings))
    return raw


def read_one(source: SourceFile) -> RawArticle | Skipped:
    """Return the RawArticle of one file, or why it was passed over."""
    data = read_bytes(source.path, source.rel, source.seen)
    return data if isinstance(data, Skipped) else parse_bytes(source, data)


def read_each(sources: Sequence[SourceFile]) -> list[RawArticle | Skipped]:
    return [read_one(source) for source in sources]


def read_sources(
    seeds: Path, parse: Callable[[Sequence[SourceFile]], Sequence[RawArticle | Skipped]] = read_each
) -> tuple[list[RawArticle], list[Skipped]]:
    """Read every article file under `seeds`; whatever cannot be read is reported, not fatal.

    `parse` reads a list of files in order (one by one by default; the build passes one that
    uses its cache and worker processes).
    """
    if not seeds.is_dir():
        raise InputError(f"{seeds}: seeds folder not found; pass --seeds DIR")
    found, skipped = find_sources(seeds)
    names = [_inside(path, seeds) for path, _ in found]
    rels = [text_name(name) for name in names]
    skipped += [r for r in map(name_remark, rels, names) if r is not None]
    ids = article_ids(rels)
    raws: list[RawArticle] = []
    stems: dict[str, str] = {}
    sources = [
        SourceFile(path, rel, ids[rel], seen) for (path, seen), rel in zip(found, rels, strict=True)
    ]
    for source, raw in zip(sources, parse(sources), strict=True):
        rel = source.rel
        if isinstance(raw, Skipped):
            skipped.append(raw)
            continue
        stem = str(Path(rel).with_suffix(""))
        if stem in stems:
            reason = f"same name as {stems[stem]} with another suffix; read as article {raw.id!r}"
            skipped.append(Skipped(markup.printable(rel), reason, is_warning=False))
        stems.setdefault(stem, markup.printable(rel))
        raws.append(raw)
    raws, remarks = _with_duplicates(raws)
    return raws, skipped + remarks
