"""Errors a user can fix. The CLI prints them in one line and exits non-zero."""


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
