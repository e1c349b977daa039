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
