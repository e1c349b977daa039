"""Helpers for the site tests: build a real site, parse its pages, resolve its links."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from digest import cli

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


def build_site(
    tmp: Path,
    *,
    language: str = "id",
    base_url: str | None = None,
    seeds: Path = SEEDS,
    templates: Path | None = None,
    name: str = "site",
    site_settings: tuple[str, ...] = (),
) -> Path:
    """Build `seeds` with the real CLI (in-process) into tmp/name and return that folder.

    `site_settings` are more lines of the `site:` section, such as "search_pages_per_bundle: 2".
    """
    lines = ["site:", f"  title: Test digest {language}", f"  language: {language}"]
    lines += [f"  {line}" for line in site_settings]
    if base_url:
        lines.append(f"  base_url: {base_url}")
    if templates is not None:
        lines.append(f"templates: {templates}")
    config = tmp / f"{name}.yaml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp / name
    code = cli.main(
        ["build", "--config", str(config), "--seeds", str(seeds), "--out", str(out), "--quiet"]
    )
    assert code == 0
    return out


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    parents: tuple[str, ...] = ()
    """The enclosing elements as "tag.class" (class empty when none), outermost first."""


@dataclass
class Page:
    elements: list[Element] = field(default_factory=list)

    def find(self, tag: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag]

    @property
    def ids(self) -> set[str]:
        return {e.attrs["id"] for e in self.elements if "id" in e.attrs}

    def hrefs(self) -> list[str]:
        found = []
        for e in self.elements:
            for attr in ("href", "src"):
                if e.attrs.get(attr) is not None and not (
                    e.tag == "link" and e.attrs.get("rel") == "canonical"
                ):
                    found.append(e.attrs[attr])
        return found


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(
            tag,
            {k: v or "" for k, v in attrs},
            parents=tuple(f"{e.tag}.{e.attrs.get('class', '')}" for e in self.stack),
        )
        self.page.elements.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for element in self.stack:
            element.text += data


def parse(path: Path) -> Page:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.page


def resolve(page_path: Path, href: str, site: Path) -> tuple[Path, str] | None:
    """Return the file and fragment a relative `href` on `page_path` points to; None if external."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    target = page_path if not parts.path else (page_path.parent / unquote(parts.path)).resolve()
    assert target.is_relative_to(site.resolve()), f"{page_path}: {href} leaves the site"
    return target, unquote(parts.fragment)
