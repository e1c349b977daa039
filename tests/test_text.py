"""Names: what kind of name each is, and titles and countries split from people."""

from __future__ import annotations

import pytest

from digest.model import NameKind
from digest.text import extract_names, name_kind, split_place_prefix


@pytest.mark.parametrize(
    "name, kind",
    [
        ("Korea Utara", NameKind.PLACE),
        ("North Korea", NameKind.PLACE),
        ("Pyongyang", NameKind.PLACE),
        ("Provinsi Jawa Barat", NameKind.PLACE),
        ("Kementerian Pertahanan", NameKind.ORGANISATION),
        ("Defence Ministry", NameKind.ORGANISATION),
        ("KCNA", NameKind.ORGANISATION),
        ("Kim Jong Un", NameKind.PERSON),
        ("Mark Rutte", NameKind.PERSON),
        ("Barat", NameKind.OTHER),
    ],
)
def test_name_kind(name: str, kind: NameKind) -> None:
    assert name_kind(name) is kind


def test_a_run_the_article_also_writes_in_lower_case_is_not_a_person() -> None:
    assert name_kind("Perang Dingin", frozenset({"perang"})) is NameKind.OTHER


@pytest.mark.parametrize(
    "words, place, rest",
    [
        ("Rusia Vladimir Putin", "Rusia", "Vladimir Putin"),
        ("Korea Utara Kim", "Korea Utara", "Kim"),
        ("Amerika Serikat", "", "Amerika Serikat"),
        ("Jakarta Post", "", "Jakarta Post"),
        ("Indonesia Airlines Group", "", "Indonesia Airlines Group"),
    ],
)
def test_split_place_prefix(words: str, place: str, rest: str) -> None:
    head, tail = split_place_prefix(words.split())
    assert " ".join(head) == place and " ".join(tail) == rest


def test_titles_and_countries_are_split_from_people() -> None:
    names = extract_names(
        "Menhan bertemu mitra",
        [
            "Menteri Pertahanan Rusia Andrei Belyakov bertemu Presiden Korea Utara Park Sun Ho "
            "pada Jumat. Belyakov memuji kerja sama kedua negara.",
        ],
    )
    found = {n.text: n.kind for n in names}
    assert found["Andrei Belyakov"] is NameKind.PERSON
    assert found["Park Sun Ho"] is NameKind.PERSON
    assert found["Rusia"] is NameKind.PLACE and found["Korea Utara"] is NameKind.PLACE
    assert "Jumat" not in found
