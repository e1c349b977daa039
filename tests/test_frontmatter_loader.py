"""Front matter reads the same with libyaml's loader as with the pure-Python safe loader."""

from __future__ import annotations

import re

import pytest
import yaml

from digest import frontmatter

FRONT_MATTERS = [
    "title: Plain\ndate: 2024-11-29\n",
    'title: "Quoted: with colon"\ndate: 2024-11-29T10:00:00\noutlet: Kompas\n',
    "title: Kim Jong Un bertemu Menhan Rusia\nlanguage: id\nurl: https://example.org/a\n",
    "title: [a, list]\ndate: not a date\n",
    "title: 'Ünïcödé — “quotes”'\ndate: 2024\n",
    "title: x\n  bad: indentation\n",
    "title: {unclosed\n",
    "- just\n- a list\n",
    "",
    "title: !!python/object:os.system ls\n",
]


@pytest.mark.parametrize("block", FRONT_MATTERS)
def test_front_matter_is_read_as_the_safe_loader_reads_it(
    block: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = f"---\n{block}---\nBody line.\n"
    fast = frontmatter.parse_front_matter(text)
    monkeypatch.setattr(frontmatter, "YAML_LOADER", yaml.SafeLoader)
    slow = frontmatter.parse_front_matter(text)
    assert fast[0] == slow[0] and fast[1] == slow[1]
    # libyaml words some syntax errors differently; the warning and its line are the same.
    assert [shape(w) for w in fast[2]] == [shape(w) for w in slow[2]]


def shape(warning: str) -> tuple[str, list[str]]:
    return warning.split(" (")[0], re.findall(r"on line \d+", warning)


def test_the_loader_is_a_safe_one() -> None:
    assert issubclass(frontmatter.YAML_LOADER, (yaml.SafeLoader, getattr(yaml, "CSafeLoader", ())))
