"""Write the site atomically: build in a temporary folder beside the output, then swap."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from digest.errors import OutputError

MARKER = ".digest-site"
"""A file in every output folder we write, so we never replace a folder that is not ours."""


def safe_relative(rel: str) -> PurePosixPath:
    """Return `rel` as a relative path that cannot leave the output folder."""
    path = PurePosixPath(rel)
    if path.is_absolute() or not path.parts or any(p in ("..", "") for p in path.parts):
        raise OutputError(f"refusing to write outside the output folder: {rel!r}")
    return path


def check_output(out: Path) -> None:
    """Raise OutputError if `out` is a folder we must not replace."""
    resolved = out.resolve()
    if resolved == Path("/") or resolved == Path.home().resolve():
        raise OutputError(f"{out}: refusing to write the site to / or the home folder")
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise OutputError(
            f"{out}: folder is not empty and was not written by digest; "
            "choose another --out or empty it"
        )


def write_site(files: Mapping[str, bytes], out: Path) -> None:
    """Write `files` (relative path → bytes) as the folder `out`, replacing it whole."""
    check_output(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".digest-build-{out.name}-", dir=out.parent))
    try:
        for rel, data in files.items():
            target = staging / safe_relative(rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        (staging / MARKER).write_text("written by digest; safe to delete\n", encoding="utf-8")
        os.chmod(staging, 0o755)
        old = None
        if out.exists():
            old = out.parent / f".digest-old-{out.name}-{os.getpid()}"
            os.rename(out, old)
        os.rename(staging, out)
        if old is not None:
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
