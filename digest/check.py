"""`digest check`: every problem with the settings and the seeds, found at once, nothing written."""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from digest import build, config, markup, overrides, site
from digest.config import ClusterParams, Config, SiteParams
from digest.errors import ConfigError, DigestError
from digest.frontmatter import locate_yaml_error
from digest.model import BuildReport, Problem

TOP_LEVEL_KEYS = ("site", "cluster", "seeds", "output", "templates", "events")
SECTIONS: dict[str, type] = {"site": SiteParams, "cluster": ClusterParams}


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True)
class Finding:
    """One problem: the file, the line when known, how bad, and what to do."""

    path: str
    message: str
    severity: Severity = Severity.ERROR
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{markup.printable(where)}: {self.severity}: {markup.printable(self.message)}"


def _key_lines(text: str) -> dict[tuple[str, ...], int]:
    """Return the 1-based line of each key in a YAML mapping, nested keys as tuples."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return {}
    lines: dict[tuple[str, ...], int] = {}

    def walk(node: yaml.Node, prefix: tuple[str, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = (*prefix, str(key.value))
                lines[name] = key.start_mark.line + 1
                walk(value, name)

    if root is not None:
        walk(root, ())
    return lines


def _without_path(message: str, path: Path) -> str:
    prefix = f"{path}: "
    return message[len(prefix) :] if message.startswith(prefix) else message


def _section_findings(raw: dict, path: Path, lines: dict[tuple[str, ...], int]) -> list[Finding]:
    findings: list[Finding] = []
    for name, cls in SECTIONS.items():
        values = raw.get(name)
        if values is None:
            continue
        if not isinstance(values, dict):
            findings.append(
                Finding(
                    str(path), f"'{name}' must be a mapping of settings", line=lines.get((name,))
                )
            )
            continue
        for key, value in values.items():
            try:
                section = config._section({name: {key: value}}, name, cls, path)
                config._check(replace(Config(), **{name: section}), path)
            except ConfigError as err:
                where = lines.get((name, str(key)))
                findings.append(Finding(str(path), _without_path(str(err), path), line=where))
    return findings


def check_config_file(path: Path) -> list[Finding]:
    """Return every problem in the settings file at `path`, each with its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return [Finding(str(path), f"cannot read the settings file: {err}")]
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as err:
        return [_syntax_finding(path, err)]
    if raw is None:
        return []
    if not isinstance(raw, dict):
        return [Finding(str(path), "must be a mapping of settings (key: value)", line=1)]
    lines = _key_lines(text)
    findings = [
        Finding(
            str(path),
            f"unknown setting '{key}'; known: {', '.join(TOP_LEVEL_KEYS)}",
            line=lines.get((str(key),)),
        )
        for key in raw
        if key not in TOP_LEVEL_KEYS
    ]
    for key in ("seeds", "output", "templates", "events"):
        if key in raw and raw[key] is not None and not isinstance(raw[key], str):
            findings.append(Finding(str(path), f"'{key}' must be a path", line=lines.get((key,))))
    findings += _section_findings(raw, path, lines)
    if not findings:
        try:
            config.load_config(path, environ={})
        except ConfigError as err:
            findings.append(Finding(str(path), _without_path(str(err), path)))
    return findings


def _syntax_finding(path: Path, err: yaml.YAMLError) -> Finding:
    line, problem = locate_yaml_error(err)
    return Finding(str(path), f"not valid YAML: {problem}", line=line)


def check_events_file(path: Path) -> list[Finding]:
    """Return the problems of events.yaml: YAML syntax, or each section's, with its line."""
    try:
        text = path.read_text(encoding="utf-8")
        raw = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError) as err:
        return [Finding(str(path), f"cannot read: {err}")]
    except yaml.YAMLError as err:
        return [_syntax_finding(path, err)]
    if raw is None:
        return []
    if not isinstance(raw, dict):
        sections = ", ".join(overrides.SECTIONS)
        return [Finding(str(path), f"must be a mapping with sections {sections}", line=1)]
    lines = _key_lines(text)
    findings = []
    for key, value in raw.items():
        try:
            overrides.from_mapping({key: value}, path)
        except ConfigError as err:
            where = lines.get((str(key),))
            findings.append(Finding(str(path), _without_path(str(err), path), line=where))
    return findings


_LINE_IN_MESSAGE = re.compile(r"\bon line (\d+)\b")


def _finding(problem: Problem, severity: Severity) -> Finding:
    m = _LINE_IN_MESSAGE.search(problem.message)
    return Finding(problem.path, problem.message, severity, int(m.group(1)) if m else None)


def check_seeds(cfg: Config) -> tuple[int, list[Finding]]:
    """Return how many articles the build would show, and a finding per warning and note.

    Runs everything a build runs before rendering (load, clean, cluster, events.yaml,
    timelines), and writes nothing.
    """
    report = BuildReport()
    try:
        build.assemble(cfg, report)
    except DigestError as err:
        where = str(err).split(": ", 1)
        return 0, [Finding(where[0], where[-1])]
    findings = [_finding(p, Severity.WARNING) for p in report.warnings]
    findings += [_finding(p, Severity.NOTE) for p in report.notes]
    findings.sort(key=lambda f: (f.path, f.severity != Severity.WARNING, f.line or 0))
    return report.articles, findings


def check_all(cfg: Config, config_path: Path | None) -> tuple[int, list[Finding]]:
    """Return the article count and every finding for `cfg`: settings, events, output, seeds."""
    findings: list[Finding] = []
    if config_path is not None:
        findings += check_config_file(config_path)
    if cfg.events_file is not None:
        events_findings = check_events_file(cfg.events_file)
        findings += events_findings
        if events_findings:  # still check the seeds, without the broken corrections
            cfg = replace(cfg, events_file=None)
    try:
        site.check_output(cfg.output, cfg.seeds)
    except DigestError as err:
        findings.append(Finding(str(cfg.output), str(err).removeprefix(f"{cfg.output}: ")))
    count, seed_findings = check_seeds(cfg)
    return count, findings + seed_findings


def count(findings: Sequence[Finding], severity: Severity) -> int:
    return sum(f.severity is severity for f in findings)
