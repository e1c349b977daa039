"""Errors a user can fix. The CLI prints them in one line and exits non-zero."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from digest.model import BuildReport


class DigestError(Exception):
    """A problem the user must fix; the message names the file, the field and the fix."""

    exit_code = 2


class ConfigError(DigestError):
    """digest.yaml or events.yaml is invalid."""


class InputError(DigestError):
    """The seeds folder cannot be read at all."""


class OutputError(DigestError):
    """The output folder cannot be written safely."""

    exit_code = 3


class StrictError(DigestError):
    """`--strict` was given and the build or check found warnings; nothing was written."""

    exit_code = 1

    def __init__(self, report: BuildReport) -> None:
        count = len(report.warnings)
        super().__init__(f"{count} warning(s) and --strict was given; nothing was written")
        self.report = report
