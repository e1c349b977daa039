"""Boilerplate removal: per-line rules plus lines repeated across many articles."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from digest.model import RawArticle, Removed

# A line matching one of these is never story text. Each rule has a name kept on the record.
LINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in (
        ("read-also", r"^\s*(baca|lihat|simak|cek)\s+(juga|pula|lainnya)\b\s*[:\-–]?"),
        ("read-also", r"^\s*(read|see)\s+(also|more)\s*[:\-–]"),
        ("read-also", r"^\s*(related|recommended)\s*(articles?|stories|news)?\s*:"),
        ("comment", r"^\s*(tinggalkan|tulis|berikan)\s+komentar\b"),
        ("comment", r"^\s*(leave|post|add)\s+a\s+comment\b"),
        ("label", r"^\s*(breaking news|berita terkini|sumber|source|iklan|advertisement|"
                  r"advertisment|scroll to continue(?: with content)?|"
                  r"gulir untuk melanjutkan|lanjut(?:kan)? membaca|continue reading)\s*:?\s*$"),
        ("byline", r"^\s*(editor|penulis|reporter|pewarta|redaktur|penyunting|writer|"
                   r"written by|editing by|reporting by)\s*:\s*\S.{0,80}$"),
        ("share", r"^\s*(share|bagikan|follow|ikuti)\b.{0,60}\b(facebook|twitter|whatsapp|"
                  r"telegram|google news|instagram|tiktok|x\.com|channel|saluran)\b"),
        ("copyright", r"^\s*(copyright|hak cipta)\b|©|all rights reserved"),
        ("photo-credit", r"^\s*\(?\s*(foto|photo|ilustrasi|illustration|image|gambar)\s*:"),
        ("photo-credit", r"\((foto|photo)\s*:[^)]*\)\s*$"),
        ("photo-credit", r"\[[^\]]*\b(photo|foto|via (ap|afp|reuters)|getty|pool)\b[^\]]*\]\s*$"),
    )
)  # fmt: skip

# A line that is only one of these ends the story: what follows is lists and promotion.
END_MARKERS = re.compile(
    r"^\s*(terkini lainnya|berita terkait|berita lainnya|artikel terkait|baca selengkapnya|"
    r"topik|tag|tags|topics|more stories|related stories|related articles|most read|"
    r"terpopuler|rekomendasi|populer)\s*:?\s*$",
    re.I,
)
MIN_STORY_BEFORE_END = 2
"""An end marker counts only after this many story paragraphs, so a short stub stays."""

REPEATED_MIN_ARTICLES = 3
REPEATED_MAX_WORDS = 40


@dataclass(frozen=True)
class Cleaned:
    """An article's story paragraphs and the lines removed from it."""

    raw: RawArticle
    title: str
    paragraphs: tuple[str, ...]
    removed: tuple[Removed, ...]
    outlet: str | None


def normalise_line(line: str) -> str:
    """Return `line` lower-cased with runs of non-word characters collapsed, for comparing."""
    return re.sub(r"\W+", " ", line.lower()).strip()


def line_rule(line: str) -> str | None:
    """Return the name of the first boilerplate rule `line` matches, or None."""
    for name, pattern in LINE_RULES:
        if pattern.search(line):
            return name
    return None


def _is_story(line: str) -> bool:
    return len(line.split()) >= 8 and bool(re.search(r"[.!?\"”’]\s*$", line))


def clean_lines(raw: RawArticle, repeated: frozenset[str]) -> Cleaned:
    """Return `raw`'s story paragraphs; every dropped line is kept in `removed` with its rule."""
    kept: list[str] = []
    removed: list[Removed] = []
    title, lines = raw.title, [line.strip() for line in raw.lines]
    while line_rule(title) is not None and any(lines):
        # A scraped "Breaking News" label above the real headline: the next line is the title.
        removed.append(Removed(title, line_rule(title) or "label"))
        title = next(line for line in lines if line)
        lines = lines[lines.index(title) + 1 :]
    title_key = normalise_line(title)
    ended = False
    for line in lines:
        if not line:
            continue
        if ended:
            removed.append(Removed(line, "after-end-marker"))
            continue
        if END_MARKERS.match(line) and sum(map(_is_story, kept)) >= MIN_STORY_BEFORE_END:
            ended = True
            removed.append(Removed(line, "end-marker"))
            continue
        key = normalise_line(line)
        rule = line_rule(line)
        if rule is None and not kept and key == title_key:
            rule = "repeated-headline"
        if rule is None and key in repeated and not _is_story(line):
            rule = "repeated-across-articles"
        if rule is None and re.fullmatch(r"[-–—•*·|=_~.\s]+", line):
            rule = "separator"
        if rule is not None:
            removed.append(Removed(line, rule))
        else:
            kept.append(line)
    if not kept:
        kept = [r.text for r in removed if r.rule in ("repeated-across-articles", "label")][:1]
        removed = [r for r in removed if r.text not in kept]
    return Cleaned(raw, title, tuple(kept), tuple(removed), raw.outlet or detect_outlet(kept))


_DATELINE = re.compile(
    r"^\s*(?P<head>[A-Z][\w.&'’]*(?:[ .][A-Z][\w.&'’]*){0,3})\s*"
    r"(?:,\s*(?P<after>[A-Za-z][\w.&'’]*(?:\s[A-Z][\w.&'’]*){0,2})?)?"
    r"\s*(?:\((?P<paren>[^)]{2,40})\))?\s*[-–—]{1,2}\s+\S"
)
_OUTLET_SHAPE = re.compile(
    r"(\.(com|co\.id|id|net|org|co|news|tv)\b|(times|news|post|online|daily|press|media|tv|"
    r"today|herald|tribune|pos|kompas|detik)$)",
    re.I,
)


def detect_outlet(paragraphs: Sequence[str]) -> str | None:
    """Return the outlet a dateline in the first paragraphs names, or None.

    "LOGIC.co.id – ..." and "JATIMTIMES - ..." name outlets; "PYONGYANG, - ..." names only
    a place; "JAKARTA, KOMPAS.com - ..." and "MOSCOW (Reuters) - ..." name both.
    """
    for paragraph in paragraphs[:2]:
        m = _DATELINE.match(paragraph)
        if not m:
            continue
        if m.group("paren"):
            return m.group("paren").strip()
        if m.group("after"):
            return m.group("after").strip()
        head = m.group("head")
        has_comma = "," in paragraph[: m.end()]
        if not has_comma and _OUTLET_SHAPE.search(head):
            return head
        return None
    return None


def repeated_lines(raws: Sequence[RawArticle], min_articles: int) -> frozenset[str]:
    """Return the normalised short lines that occur in at least `min_articles` articles.

    Articles with the same normalised title count once, so syndicated copies of one story
    do not turn its own sentences into boilerplate.
    """
    counts: Counter[str] = Counter()
    seen_titles: set[str] = set()
    for raw in raws:
        title_key = normalise_line(raw.title)
        if title_key in seen_titles:
            continue
        seen_titles.add(title_key)
        keys = {normalise_line(line) for line in raw.lines if line.strip()}
        counts.update(k for k in keys if k and len(k.split()) <= REPEATED_MAX_WORDS)
    return frozenset(k for k, n in counts.items() if n >= min_articles)


def clean_corpus(raws: Sequence[RawArticle]) -> list[Cleaned]:
    """Return every article cleaned, in input order."""
    repeated = repeated_lines(raws, REPEATED_MIN_ARTICLES)
    return [clean_lines(raw, repeated) for raw in raws]
