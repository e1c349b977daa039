"""The Markdown shortcut for plain paragraphs gives exactly what Markdown gives."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest import load, markup

ROOT = Path(__file__).resolve().parent.parent


def reference(source: str) -> str:
    return markdown.Markdown(output_format="html").convert(source)


# Letters, digits, spaces and every ASCII punctuation mark, plus a few non-ASCII letters
# and spaces: most draws contain some Markdown syntax, many contain none.
TEXT = st.text(
    alphabet=st.sampled_from(
        [*"abcXYZ019 .,;:'\"()?/%$@^{}|~=+-#>*_`\\[]!<&\n\t", "é", "\u00a0", "ü", "—"]
    ),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_converter_matches_markdown_on_any_text(source: str) -> None:
    assert markup.new_converter().html(source) == reference(source)


@pytest.mark.parametrize(
    "source",
    [
        "Kim met the minister on Friday.",
        "12 people were hurt, police said.",
        "1986. The treaty was signed",
        "# A heading",
        "- a list item",
        "> a quote",
        "Tom & Jerry",
        "a *word* in bold",
        "trailing space ",
        "",
    ],
)
def test_converter_matches_markdown_on_shapes(source: str) -> None:
    assert markup.new_converter().html(source) == reference(source)


def test_converter_matches_markdown_on_every_seed_block() -> None:
    converter = markup.new_converter()
    for path in sorted((ROOT / "seeds").iterdir()):
        text = markup.clean_text(path.read_text(encoding="utf-8"))
        for block in load.markdown_blocks(text):
            assert converter.html(block) == reference(block), (path.name, block)
