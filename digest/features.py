"""What the clusterer sees: weighted terms and names from headline and lead, and a date."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from digest.config import ClusterParams
from digest.model import Article, DateValue
from digest.text import content_words

LEAD_WORDS = 60
"""How many body words count as the lead (with the headline) and weigh `lead_weight`."""
NAME_PREFIX = "@"
"""Name tokens are kept apart from plain words, so 'Kim' the name is not 'kim' the word."""


@dataclass(frozen=True)
class Features:
    """An article as a unit-length sparse vector of weighted terms, plus its date."""

    article_id: str
    vector: dict[str, float]
    date: DateValue | None


def raw_weights(article: Article, params: ClusterParams) -> Counter[str]:
    """Return term → weight before corpus statistics: lead terms and names weigh more."""
    weights: Counter[str] = Counter()
    for word in content_words(article.title):
        weights[word] += params.lead_weight
    seen = 0
    for paragraph in article.paragraphs:
        words = content_words(paragraph)
        in_lead = seen < LEAD_WORDS
        for word in words:
            weights[word] += params.lead_weight if in_lead else 1.0
        seen += len(paragraph.split())
    for name in article.names:
        boost = params.lead_weight if name.first_paragraph <= 1 else 1.0
        for token in content_words(name.text):
            weights[NAME_PREFIX + token] += boost * min(name.count, 3)
    return weights


def document_frequencies(weights: Sequence[Counter[str]]) -> Counter[str]:
    df: Counter[str] = Counter()
    for w in weights:
        df.update(w.keys())
    return df


def featurize(articles: Sequence[Article], params: ClusterParams) -> list[Features]:
    """Return one unit-length TF-IDF vector per article, in input order.

    Term frequency is sublinear (1 + log w) and IDF is log((N + 1) / df), so a term that
    every article shares weighs almost nothing: topic words cannot glue events together.
    """
    weights = [raw_weights(a, params) for a in articles]
    df = document_frequencies(weights)
    n = len(articles)
    result: list[Features] = []
    for article, w in zip(articles, weights, strict=True):
        vector = {
            term: (1.0 + math.log(value)) * math.log((n + 1) / df[term])
            for term, value in w.items()
            if value > 0
        }
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vector = {t: v / norm for t, v in sorted(vector.items()) if v > 0}
        result.append(Features(article.id, vector, article.published))
    return result


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Return the dot product of two unit vectors over the terms they share.

    The shared terms come from a C-level key intersection, and fsum is correctly rounded,
    so the result does not depend on the order the terms come in.
    """
    return math.fsum(a[t] * b[t] for t in a.keys() & b.keys())
