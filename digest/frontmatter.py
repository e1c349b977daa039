"""YAML front matter of Markdown articles, read field by field with typed checks.

A bad field is a warning naming the field and is ignored; the article is still read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import yaml

from digest import dates
from digest.model import DateSource, DateValue, Granularity

FIELDS = ("title", "date", "outlet", "url", "language")
MAX_FIELD_CHARS = 500
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML was built with it (about 6x faster on front matter,
the largest cost of reading a Markdown corpus), else the pure-Python safe loader."""
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_URL = re.compile(r"https?://[^\s<>\"'`\\]+\Z", re.I)
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*\Z")


@dataclass(frozen=True)
class FrontMatter:
    """The known fields of a front matter block, each None when absent or invalid."""

    title: str | None = None
    published: DateValue | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None


def describe(value: object) -> str:
    """Return a short, safe description of a YAML value for a message (never a huge repr)."""
    if isinstance(value, str):
        return repr(value[:60] + ("…" if len(value) > 60 else ""))
    if isinstance(value, (bool, int, float)) or value is None:
        return repr(value)
    return f"a {type(value).__name__}"


def as_date(value: object) -> DateValue | None:
    """Return a front matter `date` as a DateValue within sane years, or None."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        if not dates.MIN_YEAR <= value.year <= dates.MAX_YEAR:
            return None
        return DateValue(value, Granularity.DAY, DateSource.FRONT_MATTER)
    if isinstance(value, int) and not isinstance(value, bool):
        if dates.MIN_YEAR <= value <= dates.MAX_YEAR:
            return DateValue(date(value, 1, 1), Granularity.YEAR, DateSource.FRONT_MATTER)
        return None
    if isinstance(value, str) and len(value) <= 100:
        found = dates.parse_standalone(value)
        if found is not None:
            return DateValue(found.value, found.granularity, DateSource.FRONT_MATTER)
    return None


def _text(meta: dict, key: str, warnings: list[str]) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = " ".join(str(value).split())
        if len(text) > MAX_FIELD_CHARS:
            warnings.append(
                f"front matter '{key}' is longer than {MAX_FIELD_CHARS} characters; shortened"
            )
            text = text[:MAX_FIELD_CHARS]
        return text or None
    warnings.append(f"front matter '{key}' must be text, got {describe(value)}; ignored")
    return None


def _checked(
    value: str | None, pattern: re.Pattern[str], key: str, what: str, warnings: list[str]
) -> str | None:
    if value is None or pattern.match(value):
        return value
    warnings.append(f"front matter '{key}' is not {what}: {describe(value)}; ignored")
    return None


def read_fields(meta: dict) -> tuple[FrontMatter, list[str]]:
    """Return the typed fields of a parsed front matter mapping, and a warning per bad field."""
    warnings: list[str] = []
    published = None
    if meta.get("date") is not None:
        published = as_date(meta["date"])
        if published is None:
            warnings.append(
                f"front matter 'date' is not a date between {dates.MIN_YEAR} and "
                f"{dates.MAX_YEAR}: {describe(meta['date'])}; ignored (use YYYY-MM-DD)"
            )
    url = _checked(_text(meta, "url", warnings), _URL, "url", "an http(s) link", warnings)
    language = _text(meta, "language", warnings)
    language = _checked(
        language, _LANGUAGE, "language", "a language code like 'id' or 'en'", warnings
    )
    fields = FrontMatter(
        title=_text(meta, "title", warnings),
        published=published,
        outlet=_text(meta, "outlet", warnings),
        url=url,
        language=language.lower() if language else None,
    )
    return fields, warnings


def locate_yaml_error(err: yaml.YAMLError, first_line: int = 1) -> tuple[int | None, str]:
    """Return the file line of a YAML syntax error (None if unknown) and what is wrong.

    `first_line` is the file's line number of the YAML text's first line. When the error
    is noticed after the construct that caused it (an unclosed '[' or quote), the message
    also names the line where that construct starts: usually the line to fix.
    """
    mark = getattr(err, "problem_mark", None)
    context_mark = getattr(err, "context_mark", None)
    problem = getattr(err, "problem", None) or "not valid YAML"
    context = getattr(err, "context", None)
    line = mark.line + first_line if mark is not None else None
    if context and context_mark is not None and (mark is None or context_mark.line != mark.line):
        problem += f", {context} that starts on line {context_mark.line + first_line}"
    return line, problem


def _yaml_problem(err: yaml.YAMLError) -> str:
    # The block starts on the file's line 2, after the opening '---'.
    line, problem = locate_yaml_error(err, first_line=2)
    where = f" on line {line}" if line is not None else ""
    return f"front matter is not valid YAML{where} ({problem}); ignored, the body is still read"


def parse_front_matter(text: str) -> tuple[FrontMatter | None, str, list[str]]:
    """Return (fields or None, body, warnings) for the text of a Markdown file."""
    match = _FRONT_MATTER.match(text)
    if not match:
        if re.match(r"\A---[ \t]*\n", text):
            return (
                None,
                text,
                ["front matter starts with '---' but has no closing '---'; read as text"],
            )
        return None, text, []
    body = text[match.end() :]
    try:
        meta = yaml.load(match.group(1) or "", Loader=YAML_LOADER)
    except yaml.YAMLError as err:
        return None, body, [_yaml_problem(err)]
    if meta is None:
        return None, body, []
    if not isinstance(meta, dict):
        return (
            None,
            body,
            [f"front matter must be a mapping of fields, got {describe(meta)}; ignored"],
        )
    fields, warnings = read_fields(meta)
    return fields, body, with_lines(warnings, match.group(1) or "")


_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:", re.M)
_FIELD_WARNING = re.compile(r"\Afront matter '([\w-]+)'")


def with_lines(warnings: list[str], block: str) -> list[str]:
    """Return `warnings` about fields with the field's file line added ('on line N').

    `block` is the front matter text between the '---' lines; it starts on the file's
    line 2. A key written in an unusual way (quoted, nested) keeps its warning as it was.
    >>> with_lines(["front matter 'date' is not a date"], "title: T\\ndate: x\\n")
    ["front matter 'date' on line 3 is not a date"]
    """
    if not warnings:
        return warnings
    lines = {}
    for m in _TOP_KEY.finditer(block):
        lines.setdefault(m.group(1), block.count("\n", 0, m.start()) + 2)
    result = []
    for warning in warnings:
        m = _FIELD_WARNING.match(warning)
        line = lines.get(m.group(1)) if m else None
        result.append(
            warning if line is None else f"{m.group()} on line {line}{warning[m.end() :]}"
        )
    return result
