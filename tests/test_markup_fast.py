"""The Markdown shortcut for plain paragraphs gives exactly what Markdown gives."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from conftest import corpus_module
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


MARKDOWN_SYNTAX = re.compile(r"[\n\\`*_\[\]!<>&\x00-\x1f\x7f]|\A(?:[\s#>+=-]|\d+\.)|\s\Z")
"""The single expression `Converter.is_plain` was written with first."""


@settings(max_examples=400, deadline=None)
@given(st.one_of(TEXT, st.text(max_size=20)))
def test_plain_test_matches_the_single_expression(source: str) -> None:
    assert markup.Converter.is_plain(source) == bool(source and not MARKDOWN_SYNTAX.search(source))


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


def check_plain_shortcuts(source: str) -> None:
    """Text and sanitized HTML of a block match what the sanitizer makes of Markdown's HTML."""
    converter = markup.new_converter()
    html = converter.html(source)
    assert markup.markdown_to_text(source, converter) == markup.html_to_text(html)
    assert markup.render_markdown(source, converter) == markup.sanitize_html(html).strip()


# Any text but lone surrogates (decoding never makes them): most draws are plain paragraphs.
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=400, deadline=None)
@given(st.one_of(TEXT, ANY_TEXT))
def test_plain_shortcuts_match_the_sanitizer_on_any_text(source: str) -> None:
    check_plain_shortcuts(source)


def test_plain_shortcuts_match_the_sanitizer_on_every_corpus_block(tmp_path: Path) -> None:
    corpus_module().generate(tmp_path, 20, seed=3, fmt="md")
    folders = [ROOT / "seeds", *sorted((ROOT / "tests" / "corpora").glob("*/articles")), tmp_path]
    blocks = [
        block
        for folder in folders
        for path in sorted(folder.iterdir())
        if path.suffix in (".md", ".txt")
        for text in [markup.clean_text(path.read_text(encoding="utf-8"))]
        for block in (load.markdown_blocks(text) + text.split("\n"))
    ]
    assert sum(map(markup.Converter.is_plain, blocks)) > 1000, "most blocks take the shortcut"
    for block in blocks:
        check_plain_shortcuts(block)


@settings(max_examples=400, deadline=None)
@given(st.one_of(TEXT, ANY_TEXT).map(lambda text: f"- {text}"))
def test_list_item_shortcut_matches_markdown_on_any_text(source: str) -> None:
    """A block starting "- " (a related-links line): the one-item list shortcut, or Markdown."""
    assert markup.new_converter().html(source) == reference(source)
    check_plain_shortcuts(source)


def test_the_sanitizer_keeps_every_character_a_plain_paragraph_may_hold() -> None:
    """The `sanitized` filter's shortcut passes a `<p>` of text through untouched when it
    holds none of the characters the sanitizer rewrites: every other code point, in runs
    of 512, comes back from the sanitizer unchanged."""
    allowed = [
        chr(c)
        for c in range(0x110000)
        if not 0xD800 <= c <= 0xDFFF and markup._KEPT_AS_IS.fullmatch(f"<p>{chr(c)}</p>")
    ]
    assert len(allowed) == 0x110000 - 0x800 - 6
    for start in range(0, len(allowed), 512):
        fragment = f"<p>{''.join(allowed[start : start + 512])}</p>"
        assert markup.sanitize_html(fragment) == fragment


@settings(max_examples=400, deadline=None)
@given(st.one_of(TEXT, ANY_TEXT))
def test_sanitized_filter_matches_the_sanitizer_on_any_paragraph(text: str) -> None:
    for fragment in (f"<p>{text}</p>", text):
        assert markup.safe_html(fragment) == markup.sanitize_html(fragment)
