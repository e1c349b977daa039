"""Shared fixtures: the repository's paths and a factory for small articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.model import Article

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


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
    """A seeds folder of 30 distinct articles made from the five seeds (a slower build)."""
    folder = tmp_path_factory.mktemp("many-seeds")
    seeds = sorted(SEEDS.glob("*.txt"))
    for index in range(30):
        src = seeds[index % len(seeds)]
        text = _variant(src.read_text(encoding="utf-8"), index)
        (folder / f"{index:03d}-{src.name}").write_text(text, encoding="utf-8")
    return folder
