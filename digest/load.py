"""Read article files from the seeds folder into RawArticle records."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import yaml

from digest import dates
from digest.model import DateSource, DateValue, Granularity, RawArticle

SUFFIXES = (".txt", ".md", ".markdown")
MAX_BYTES = 50 * 1024 * 1024
"""Files larger than this are skipped with a message, so memory stays bounded."""

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_SLUG_UNSAFE = re.compile(r"[^a-z0-9_-]+")


@dataclass(frozen=True)
class Skipped:
    """A file that was not read, and why."""

    path: str
    reason: str


def slugify(text: str, max_length: int = 80) -> str:
    """Return a lower-case ASCII slug: letters, digits, '-' and '_' only ('' if none).

    >>> slugify("Kim Jong Un bertemu Menhan!")
    'kim-jong-un-bertemu-menhan'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _SLUG_UNSAFE.sub("-", ascii_text.lower()).strip("-")
    return slug[:max_length].strip("-")


def is_candidate(path: Path) -> bool:
    """True for a file name the loader reads: a known suffix, not hidden, not a backup."""
    name = path.name
    return (
        path.suffix.lower() in SUFFIXES
        and not name.startswith((".", "#", "~"))
        and not name.endswith(("~", "#"))
    )


def find_sources(seeds: Path) -> tuple[list[Path], list[Skipped]]:
    """Return the article files under `seeds` in a stable order, and the files passed over."""
    found: list[Path] = []
    skipped: list[Skipped] = []
    for path in sorted(seeds.rglob("*"), key=lambda p: p.relative_to(seeds).as_posix()):
        rel = path.relative_to(seeds).as_posix()
        if any(part.startswith(".") for part in path.relative_to(seeds).parts[:-1]):
            continue
        if path.is_dir():
            continue
        if not is_candidate(path):
            if not path.name.startswith("."):
                skipped.append(Skipped(rel, f"not an article file (reads {', '.join(SUFFIXES)})"))
            continue
        found.append(path)
    return found, skipped


def decode(data: bytes) -> tuple[str, str | None]:
    """Return the text of `data` and a warning when it was not plain UTF-8.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are read as such; anything else is
    read as cp1252, which maps every byte, with a warning. Line ends become '\\n'.
    """
    warning = None
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
        warning = "decoded as UTF-16"
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            warning = "not valid UTF-8; decoded as Windows-1252 (Latin-1)"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, warning


def looks_binary(data: bytes) -> bool:
    """True when `data` holds NUL bytes outside a UTF-16 text, as images and archives do."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return b"\x00" in data[:8192]


def _as_date(value: object) -> DateValue | None:
    if isinstance(value, datetime):
        return DateValue(value.date(), Granularity.DAY, DateSource.FRONT_MATTER)
    if isinstance(value, date):
        return DateValue(value, Granularity.DAY, DateSource.FRONT_MATTER)
    if isinstance(value, int) and 1000 <= value <= 9999:
        return DateValue(date(value, 1, 1), Granularity.YEAR, DateSource.FRONT_MATTER)
    if isinstance(value, str):
        found = dates.parse_standalone(value)
        if found is not None:
            return DateValue(found.value, found.granularity, DateSource.FRONT_MATTER)
    return None


def _meta_text(meta: dict, key: str, warnings: list[str]) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = str(value).strip()
        return text or None
    warnings.append(f"front matter '{key}' must be text, got {type(value).__name__}; ignored")
    return None


def split_front_matter(text: str) -> tuple[dict, str, list[str]]:
    """Return (front matter, body, warnings) for a Markdown text."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, []
    try:
        meta = yaml.safe_load(match.group(1) or "") or {}
    except yaml.YAMLError as err:
        where = getattr(err, "problem_mark", None)
        line = f" (line {where.line + 2})" if where is not None else ""
        return {}, text[match.end() :], [f"front matter is not valid YAML{line}; ignored"]
    if not isinstance(meta, dict):
        return {}, text[match.end() :], ["front matter is not a mapping; ignored"]
    return meta, text[match.end() :], []


def _safe_url(url: str | None, warnings: list[str]) -> str | None:
    if url is None:
        return None
    if re.match(r"https?://[^\s<>\"']+\Z", url, re.I):
        return url
    warnings.append(f"front matter 'url' is not an http(s) link; ignored: {url[:80]!r}")
    return None


def parse_text(article_id: str, rel: str, text: str, is_markdown: bool) -> RawArticle:
    """Return the RawArticle for the decoded `text` of one file."""
    warnings: list[str] = []
    meta: dict = {}
    if is_markdown:
        meta, text, warnings = split_front_matter(text)
    lines = [line.rstrip() for line in text.split("\n")]
    title = _meta_text(meta, "title", warnings)
    if title is None:
        for index, line in enumerate(lines):
            if line.strip():
                title = line.strip().lstrip("#").strip() if is_markdown else line.strip()
                lines = lines[index + 1 :]
                break
    published = None
    if "date" in meta:
        published = _as_date(meta["date"])
        if published is None:
            warnings.append(f"front matter 'date' is not a date: {meta['date']!r}; ignored")
    return RawArticle(
        id=article_id,
        path=rel,
        title=title or "",
        lines=tuple(lines),
        outlet=_meta_text(meta, "outlet", warnings),
        url=_safe_url(_meta_text(meta, "url", warnings), warnings),
        language=_meta_text(meta, "language", warnings),
        published=published,
        is_markdown=is_markdown,
        digest=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        warnings=tuple(warnings),
    )


def article_ids(paths: Iterable[str]) -> dict[str, str]:
    """Map each relative path to a unique slug id made from its stem (suffixed on clashes)."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for rel in paths:
        stem = Path(rel).stem
        base = slugify(stem) or "article"
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


def read_sources(seeds: Path) -> tuple[list[RawArticle], list[Skipped]]:
    """Read every article file under `seeds`; unreadable files are skipped with a reason."""
    if not seeds.is_dir():
        from digest.errors import InputError

        raise InputError(f"{seeds}: seeds folder not found; pass --seeds DIR")
    paths, skipped = find_sources(seeds)
    rels = [p.relative_to(seeds).as_posix() for p in paths]
    ids = article_ids(rels)
    raws: list[RawArticle] = []
    for path, rel in zip(paths, rels, strict=True):
        try:
            if path.stat().st_size > MAX_BYTES:
                skipped.append(Skipped(rel, f"larger than {MAX_BYTES // 2**20} MB; skipped"))
                continue
            data = path.read_bytes()
        except OSError as err:
            skipped.append(Skipped(rel, f"cannot be read: {err.strerror or err}"))
            continue
        if looks_binary(data):
            skipped.append(Skipped(rel, "binary data, not text; skipped"))
            continue
        text, warning = decode(data)
        if not text.strip():
            skipped.append(Skipped(rel, "empty file; skipped"))
            continue
        raw = parse_text(ids[rel], rel, text, path.suffix.lower() != ".txt")
        if warning:
            raw = RawArticle(**{**raw.__dict__, "warnings": (warning, *raw.warnings)})
        raws.append(raw)
    return raws, skipped
