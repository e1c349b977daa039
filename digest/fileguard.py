"""Open an article file only if it is still the file the folder scan found.

The scan of the seeds folder refuses links that lead out of it, but a file can be replaced
after the scan and before the read: by a link to a file outside, a pipe, or another file
through a swapped folder. The read therefore opens without following a link in the last
step (O_NOFOLLOW), without blocking on a pipe (O_NONBLOCK), and then checks the open file
itself: it must be a regular file with the device and inode the scan saw, and (where Linux
tells, through /proc/self/fd) it must lie inside the seeds folder.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass

_OPEN_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


@dataclass(frozen=True)
class FileSeen:
    """What the folder scan saw of an article file.

    `target` is the path to open: the file itself, or, for a link inside the seeds folder,
    the real path of the file it leads to. `root` is the seeds folder's real path.
    """

    target: str
    device: int
    inode: int
    root: str
    size: int = -1
    mtime_ns: int = -1
    ctime_ns: int = -1
    """Size and times as the scan saw them (-1: not known), for `build.cached_reader`,
    which trusts an unchanged file's record as git trusts its index (see there)."""

    @classmethod
    def of(cls, target: str, info: os.stat_result, root: str) -> FileSeen:
        return cls(
            target, info.st_dev, info.st_ino, root, info.st_size, info.st_mtime_ns, info.st_ctime_ns
        )


class FileChangedError(Exception):
    """The file at a scanned path is no longer the file the scan found (str: why)."""


def is_inside(target: str, root: str) -> bool:
    """True if the path `target` is `root` or lies under it (both real, absolute paths)."""
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _opened_path(fd: int) -> str | None:
    """Return the path the kernel holds for the open file `fd`, or None where it does not tell."""
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return None


def _check_open_file(fd: int, seen: FileSeen) -> os.stat_result:
    """Return the status of the open file `fd`; raise FileChangedError unless it is `seen`."""
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        raise FileChangedError("replaced by something that is not a regular file")
    if (info.st_dev, info.st_ino) != (seen.device, seen.inode):
        raise FileChangedError("replaced by another file")
    opened = _opened_path(fd)
    if opened is not None and not is_inside(opened, seen.root):
        raise FileChangedError("now leads outside the seeds folder")
    return info


def open_seen(seen: FileSeen) -> tuple[int, os.stat_result]:
    """Open the file the scan saw; return its descriptor (the caller closes it) and status.

    Raises FileChangedError when the path now holds a link, another file or anything else,
    and OSError when it cannot be opened at all (permissions, removed).
    """
    try:
        fd = os.open(seen.target, _OPEN_FLAGS)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise FileChangedError("replaced by a symbolic link") from err
        raise
    try:
        return fd, _check_open_file(fd, seen)
    except BaseException:
        os.close(fd)
        raise
