"""The client-side search index: Pagefind run over the planned pages, offline.

Pagefind (from PyPI as `pagefind[bin]`, whose wheel carries the binary) reads the HTML pages
and writes a chunked index plus a small JavaScript/WebAssembly search library, so search works
on any static host with no server. Only elements marked `data-pagefind-body` (event and
article pages) are indexed.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

from digest.errors import DigestError, OutputError
from digest.site import SEARCH_PREFIX, temp_folder
from digest.workers import child_setup

log = logging.getLogger(__name__)

BUNDLE = "pagefind"
"""The folder, relative to the site root, that holds the index and search library."""
UNUSED_PREFIXES = (
    "pagefind-ui",
    "pagefind-modular-ui",
    "pagefind-component-ui",
    "pagefind-highlight",
)
"""Pagefind's ready-made UIs; our own search.js uses the plain API, so these are left out."""
TIMEOUT_SECONDS = 300
TIMEOUT_PER_PAGE = 0.1
"""Pagefind needs a few milliseconds a page; a big site gets time in proportion."""


class SearchIndexError(DigestError):
    """The search index could not be built."""


def pagefind_binary() -> Path:
    """Return the Pagefind executable shipped by the `pagefind_bin` wheel."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexError(
            "Pagefind is not installed: pip install 'pagefind[bin]' (it ships the binary)"
        ) from None
    return Path(get_executable())


def index_files(pages: Mapping[str, bytes], out: Path) -> dict[str, bytes]:
    """Return the Pagefind bundle for the HTML in `pages`, as relative path → bytes.

    The pages are copied to a hidden scratch folder beside the output folder `out` for
    Pagefind to read; nothing is written to `out` itself. If the build is killed, Pagefind
    dies with it and the next build of `out` removes the scratch folder (`site.recover`).
    """
    binary = pagefind_binary()
    scratch = temp_folder(out.resolve(), SEARCH_PREFIX)
    try:
        return _run_pagefind(binary, pages, scratch)
    except OSError as err:  # a full disk, a file size limit, a quota
        raise OutputError(
            f"{out}: cannot write the search index beside it ({err.strerror or err}); "
            "the previous site is unchanged"
        ) from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _run_pagefind(binary: Path, pages: Mapping[str, bytes], scratch: Path) -> dict[str, bytes]:
    site_dir, bundle_dir = scratch / "site", scratch / "bundle"
    html = [rel for rel in pages if rel.endswith(".html")]
    timeout = TIMEOUT_SECONDS + TIMEOUT_PER_PAGE * len(html)
    for rel, content in pages.items():
        if rel.endswith(".html"):
            target = site_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
    command = [
        str(binary),
        "--site", str(site_dir),
        "--output-path", str(bundle_dir),
        "--silent",
    ]  # fmt: skip
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            preexec_fn=child_setup(),  # only prctl and getppid, prepared beforehand
        )
    except OSError as err:
        raise SearchIndexError(f"cannot run Pagefind ({binary}): {err}") from None
    except subprocess.TimeoutExpired:
        raise SearchIndexError(
            f"Pagefind did not finish indexing {len(html)} pages in {timeout:.0f} s"
        ) from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise SearchIndexError(f"Pagefind failed: {detail[-1] if detail else 'no output'}")
    return {
        f"{BUNDLE}/{path.relative_to(bundle_dir).as_posix()}": path.read_bytes()
        for path in sorted(bundle_dir.rglob("*"))
        if path.is_file() and not path.name.startswith(UNUSED_PREFIXES)
    }
