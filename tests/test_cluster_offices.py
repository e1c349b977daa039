"""Two headlines naming two offices (the defence minister, the foreign minister) that the other
report never opens on tell of two people acting: likely two happenings."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import numpy as np
import pytest
from conftest import explain_cli, explain_line

from digest import cluster
from digest.config import ClusterParams
from digest.features import Features, office_conflict, office_conflicts
from digest.stages import OFFICES, kind_names, offices_named

CORPORA = Path(__file__).parent / "corpora"


@pytest.mark.parametrize(
    ("text", "offices"),
    [
        ("Menhan Rusia Kunjungi Pyongyang", {"defence minister"}),
        ("Indonesian defence minister in Prague, signs letter of intent", {"defence minister"}),
        ("Menteri Luar Negeri RI Temui Menlu Kenya di Port Louis", {"foreign minister"}),
        ("Presiden Bertemu PM India di Sela KTT", {"president", "prime minister"}),
        ("Gubernur Sulbar Tetapkan Status Tanggap Darurat", {"governor"}),
        ("President, Qatar's Emir discuss investment platform", {"president", "emir"}),
        ("Harga Cabai Naik Jelang Lebaran", set()),
        ("Kingdom of Tonga's vanilla growers", set()),  # a word, not a part of one
    ],
)
def test_offices_named_reads_titles_in_both_languages(text: str, offices: set[str]) -> None:
    assert set(kind_names(OFFICES, offices_named(text))) == offices


def _article(title: int, lead: int) -> Features:
    body = {"minister": 0.6, "talks": 0.8}
    plain = Features("x", body, body, {"prague": 1.0}, frozenset({"prague"}), None)
    return dataclasses.replace(plain, title_offices=title, lead_offices=title | lead)


def test_conflict_needs_each_headline_to_name_an_office_the_other_does_not_open_on() -> None:
    defence, foreign, president = 1 << 0, 1 << 1, 1 << 9
    assert office_conflict(_article(defence, 0), _article(foreign, 0))
    # The other report opens on the defence minister too: one happening, told two ways.
    assert not office_conflict(_article(defence, 0), _article(foreign, defence))
    # A headline naming no office conflicts with nothing.
    assert not office_conflict(_article(0, foreign), _article(defence, 0))
    # Both headlines share the president and each adds nothing the other lacks: no conflict.
    assert not office_conflict(_article(president, foreign), _article(president | foreign, 0))


def test_office_conflicts_of_many_pairs_at_once_is_office_conflict_of_each() -> None:
    rng = random.Random(9)
    bits = [0, *(1 << k for k in range(len(OFFICES)))]
    articles = [_article(rng.choice(bits) | rng.choice(bits), rng.choice(bits)) for _ in range(50)]
    pairs = np.array([(a, b) for a in range(50) for b in range(a + 1, 50)])
    found = office_conflicts(articles, pairs[:, 0], pairs[:, 1])
    expected = [office_conflict(articles[a], articles[b]) for a, b in pairs.tolist()]
    assert found.tolist() == expected
    assert 0 < sum(expected) < len(expected)


def test_similarity_keeps_the_office_factor_share() -> None:
    params = ClusterParams()
    a, b = _article(1 << 0, 0), _article(1 << 1, 0)
    alone = cluster.similarity(dataclasses.replace(a, title_offices=0), b, params)
    assert alone > 0
    assert cluster.similarity(a, b, params) == pytest.approx(alone * cluster.OFFICE_FACTOR)


def test_explain_names_the_two_offices() -> None:
    out = explain_cli("b26-006", "b26-007", CORPORA / "blind26" / "articles")
    line = explain_line(out, "people")
    assert "foreign minister" in line and "prime minister" in line
    assert f"x {cluster.OFFICE_FACTOR:g}" in line
