"""Untrusted text made safe: invisible-character removal, Markdown to sanitized HTML."""

from __future__ import annotations

import functools
import html
import re
import unicodedata

import markdown
import markupsafe
import nh3

# Bidi embeddings, overrides and isolates can reorder what a reader sees ("Trojan Source");
# zero-width spaces, word joiners and stray BOMs make equal-looking lines compare unequal.
# ZWJ/ZWNJ (U+200C, U+200D) stay: Persian, Indic scripts and emoji need them.
INVISIBLE = (
    "\u200b\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
# C0/C1 control characters other than tab and the line breaks: terminal escapes, NUL, DEL.
CONTROLS = "".join(
    chr(c) for c in (*range(0, 9), *range(14, 32), *range(0x7F, 0x85), *range(0x86, 0xA0))
)
LINE_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_REPLACEMENTS = {
    **dict.fromkeys(INVISIBLE + CONTROLS, ""),
    **dict.fromkeys(LINE_BREAKS, "\n"),
    "\t": " ",
}
_SPECIAL = re.compile("[" + re.escape("".join(_REPLACEMENTS)) + "]")

ALLOWED_TAGS = frozenset(
    (
        "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h2", "h3", "h4", "h5",
        "h6", "hr", "i", "li", "ol", "p", "pre", "q", "s", "strong", "sub", "sup", "ul",
    )
)  # fmt: skip
"""What Markdown may render to. No images, iframes, forms, styles or scripts; h1 is the page's."""
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "q": {"cite"}}
URL_SCHEMES = frozenset(("http", "https"))
LINK_REL = "nofollow noopener noreferrer"


def clean_text(text: str) -> str:
    """Return `text` NFC-normalised, with '\\n' line ends, tabs as spaces, no invisible controls.

    >>> clean_text("a\\u202eb\\r\\nc\\td")
    'ab\\nc d'
    """
    text = text.replace("\r\n", "\n")
    if _SPECIAL.search(text):
        text = _SPECIAL.sub(lambda m: _REPLACEMENTS[m.group()], text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def printable(text: str) -> str:
    """Return `text` safe to print on a terminal: control characters shown as escapes.

    Invisible format characters (bidi overrides, zero-width spaces) are shown too, and the
    undecodable bytes of a file name (Python's surrogate escapes) as `\\xNN`.
    >>> printable("bad\\nname\\x1b[31m.txt")
    'bad\\\\nname\\\\x1b[31m.txt'
    >>> printable("evil\\u202etxt.md")
    'evil\\\\u202etxt.md'
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " else _escape(ch) for ch in text)


def _escape(ch: str) -> str:
    if "\udc80" <= ch <= "\udcff":  # a byte that was not UTF-8, as os.fsdecode keeps it
        return f"\\x{ord(ch) - 0xDC00:02x}"
    return ch.encode("unicode_escape", "backslashreplace").decode("ascii")


_JSON_HIDDEN = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff" + INVISIBLE + "]")


def json_visible(json_text: str) -> str:
    """Return JSON text with invisible and control characters written as `\\uXXXX` escapes.

    The data is unchanged (a JSON reader gets the same strings back), but a file name with
    a bidi override or a stray byte can no longer hide in, or break, the file's bytes.
    >>> json_visible('{"file": "a\\u202eb.txt"}')
    '{"file": "a\\\\u202eb.txt"}'
    """
    return _JSON_HIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)


def sanitize_html(fragment: str) -> str:
    """Return `fragment` with everything outside a small safe set of tags and links removed.

    Scripts and styles lose their content; event handlers, `style` attributes and links that
    are not http(s) (javascript:, data:, vbscript:) are dropped.
    """
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )


_KEPT_AS_IS = re.compile("<p>[^<>&\r\x00\u00a0]*</p>")
"""One paragraph of text the sanitizer returns unchanged: no markup, entity, carriage return,
NUL or no-break space (the only characters it rewrites in text; a test tries them all)."""


def safe_html(fragment: str) -> markupsafe.Markup:
    """Return `fragment` sanitized and marked safe for Jinja2 (the `sanitized` filter).

    A plain paragraph, what most articles' HTML is, is what the sanitizer would return.
    """
    if _KEPT_AS_IS.fullmatch(fragment):
        return markupsafe.Markup(fragment)
    return markupsafe.Markup(sanitize_html(fragment))


_MARKDOWN_INLINE = re.compile(r"[\n\\`*_\[\]!<>&\x00-\x1f\x7f]")
"""Markdown's inline syntax characters (code, escapes, emphasis, links, images, HTML,
entities), a line break or a control character: anywhere, they may make it do more than
wrap a line in <p>."""
_MARKDOWN_BLOCK_START = re.compile(r"[\s#>+=-]|\d+\.")
"""So may a block marker at the start (heading, quote, list, rule, setext line, indent,
numbered list); and a space at the end."""


NO_BREAK_SPACE = "\u00a0"


LIST_ITEM = "- "
"""A one-item list of plain text ("- Related headline"): Markdown makes it `<ul><li>`."""


@functools.cache
def _markdown() -> markdown.Markdown:
    """Return this process's Markdown converter (made once: building one costs ~0.3 ms)."""
    return markdown.Markdown(output_format="html")


class Converter:
    """A Markdown converter; reuse one per article, it is reset before each block.

    Most news paragraphs contain no Markdown syntax at all, and most of the rest are one-line
    list items of plain text: for those, `html` returns the very same HTML Markdown would
    (one `<p>`, or one `<ul>` of one `<li>`) without running it; tests check they agree.
    """

    @staticmethod
    def is_plain(source: str) -> bool:
        """True when Markdown makes `source` one `<p>` holding the text as it is."""
        # Three tests, not one expression with three branches: that tried the start and
        # end branches at every character (1.6 -> 0.4 CPU s for 220,000 paragraphs).
        return not (
            not source
            or _MARKDOWN_INLINE.search(source)
            or _MARKDOWN_BLOCK_START.match(source)
            or source[-1].isspace()
        )

    @classmethod
    def is_plain_item(cls, source: str) -> bool:
        """True when Markdown makes `source` a list of one item holding the text after "- "."""
        return source.startswith(LIST_ITEM) and cls.is_plain(source[len(LIST_ITEM) :])

    def html(self, source: str) -> str:
        """Return Markdown's (unsanitized) HTML for one block."""
        if self.is_plain(source):
            return f"<p>{source}</p>"
        if self.is_plain_item(source):
            return f"<ul>\n<li>{source[len(LIST_ITEM) :]}</li>\n</ul>"
        converter = _markdown()
        converter.reset()
        return converter.convert(source)


def new_converter() -> Converter:
    """Return a Markdown converter; reuse one per article, it is reset before each block."""
    return Converter()


def render_markdown(source: str, converter: Converter) -> str:
    """Return the sanitized HTML of one Markdown block."""
    if converter.is_plain(source):
        # What the sanitizer gives for a plain paragraph (no `&`, `<` or `>` to escape; it
        # writes no-break spaces as entities); tests/test_markup_fast.py checks they agree.
        return f"<p>{source.replace(NO_BREAK_SPACE, '&nbsp;')}</p>"
    if converter.is_plain_item(source):
        return converter.html(source).replace(NO_BREAK_SPACE, "&nbsp;")
    return sanitize_html(converter.html(source)).strip()


def html_to_text(fragment: str) -> str:
    """Return the visible text of an HTML fragment: tags and script bodies gone, spaces collapsed.

    >>> html_to_text("<p>Kim <em>met</em> Putin &amp; aides<script>x()</script></p>")
    'Kim met Putin & aides'
    """
    stripped = nh3.clean(fragment, tags=set(), strip_comments=True)
    return " ".join(html.unescape(stripped).split())


def markdown_to_text(source: str, converter: Converter) -> str:
    """Return the plain text a reader sees for one Markdown block."""
    if converter.is_plain(source):
        text = " ".join(source.split())  # what html_to_text gives for a plain paragraph
        return source if text == source else text  # the same string: held once, not twice
    if converter.is_plain_item(source):
        return " ".join(source[len(LIST_ITEM) :].split())
    return html_to_text(converter.html(source))
