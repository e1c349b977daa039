"""Editorial control: `events.yaml` renames, pins, splits, merges and excludes, after clustering.

    rename:                 # event id -> the title to show
      kim-meets-minister-3f2a1c: "Kim meets Russia's defence minister"
    pin:                    # article id -> the event it belongs in (an event id or an article id)
      014_visit-report: 011_visit-first-report
    split:                  # each list leaves its event and becomes an event of its own
      - [012_other-meeting]
    merge:                  # each list of events (event ids or article ids) becomes one event
      - [event-a-123456, event-b-654321]
    exclude:                # articles left out of the digest
      - 005_unrelated

Events are named by the ids of the previous build (as on the site) or by any article they hold.
A rule that names nothing that exists is reported as a warning, never silently dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from digest.errors import ConfigError

SECTIONS = ("rename", "pin", "split", "merge", "exclude")


@dataclass(frozen=True)
class Overrides:
    """An editor's corrections, as read from events.yaml."""

    rename: Mapping[str, str] = field(default_factory=dict)
    pin: Mapping[str, str] = field(default_factory=dict)
    split: tuple[tuple[str, ...], ...] = ()
    merge: tuple[tuple[str, ...], ...] = ()
    exclude: tuple[str, ...] = ()


def _id_list(path: Path, section: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise ConfigError(f"{path}: '{section}' entries must be lists of ids, got {value!r}")
    return tuple(str(v) for v in value)


def _mapping(path: Path, section: str, value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: '{section}' must map ids to values")
    if not all(isinstance(v, str | int) for v in value.values()):
        raise ConfigError(f"{path}: '{section}' values must be text")
    return {str(k): str(v) for k, v in value.items()}


def read_overrides(path: Path | None) -> Overrides:
    """Return the overrides in `path` (None gives none); a malformed file is a ConfigError."""
    if path is None:
        return Overrides()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise ConfigError(f"{path}: events file not found") from None
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read events file: {err}") from None
    except yaml.YAMLError as err:
        raise ConfigError(f"{path}: not valid YAML: {err}".replace("\n", " ")) from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: must be a mapping with sections {', '.join(SECTIONS)}")
    return from_mapping(raw, path)


def from_mapping(raw: dict, path: Path) -> Overrides:
    """Return the overrides of a parsed events file; the first problem is a ConfigError."""
    unknown = sorted(set(map(str, raw)) - set(SECTIONS))
    if unknown:
        raise ConfigError(
            f"{path}: unknown section(s) {', '.join(unknown)}; known: {', '.join(SECTIONS)}"
        )
    split = raw.get("split") or []
    merge = raw.get("merge") or []
    if not isinstance(split, list) or not isinstance(merge, list):
        raise ConfigError(f"{path}: 'split' and 'merge' must be lists of lists of ids")
    return Overrides(
        rename=_mapping(path, "rename", raw.get("rename") or {}),
        pin=_mapping(path, "pin", raw.get("pin") or {}),
        split=tuple(_id_list(path, "split", s) for s in split),
        merge=tuple(_id_list(path, "merge", m) for m in merge),
        exclude=_id_list(path, "exclude", raw.get("exclude") or []),
    )


def _locate(groups: list[list[str]], previous: Mapping[str, str], ref: str) -> int | None:
    """Return the index of the group that `ref` (an article id or old event id) names."""
    for index, group in enumerate(groups):
        if ref in group:
            return index
    for index, group in enumerate(groups):
        if any(previous.get(aid) == ref for aid in group):
            return index
    return None


def apply_overrides(
    groups: Sequence[Sequence[str]],
    overrides: Overrides,
    previous: Mapping[str, str],
) -> tuple[list[list[str]], list[str]]:
    """Return the groups of article ids after exclude, split, pin and merge, and warnings.

    Applied in that order. `previous` maps article id -> event id of the last build, so an
    editor can name an event by the id the site shows. Empty groups are dropped.
    """
    result = [list(g) for g in groups]
    warnings: list[str] = []
    known = {aid for g in result for aid in g}
    for aid in overrides.exclude:
        if aid not in known:
            warnings.append(f"exclude: no article {aid!r}")
    result = [[a for a in g if a not in set(overrides.exclude)] for g in result]
    for ids in overrides.split:
        present = [a for a in ids if a in known and a not in overrides.exclude]
        if len(present) < len(ids):
            missing = sorted(set(ids) - set(present))
            warnings.append(f"split: no article {', '.join(map(repr, missing))}")
        if present:
            result = [[a for a in g if a not in present] for g in result] + [present]
    for aid, target in sorted(overrides.pin.items()):
        source = _locate(result, {}, aid)
        to = _locate(result, previous, target)
        if source is None or to is None:
            warnings.append(f"pin: {aid!r} -> {target!r} names nothing that exists")
            continue
        if source != to:
            result[source].remove(aid)
            result[to].append(aid)
    for refs in overrides.merge:
        found = [_locate(result, previous, r) for r in refs]
        missing = [r for r, i in zip(refs, found, strict=True) if i is None]
        if missing:
            warnings.append(f"merge: {', '.join(map(repr, missing))} names nothing that exists")
        indices = sorted({i for i in found if i is not None})
        if len(indices) > 1:
            first = indices[0]
            for i in indices[1:]:
                result[first].extend(result[i])
                result[i] = []
    return [sorted(g) for g in result if g], warnings


def unused_renames(overrides: Overrides, event_ids: Sequence[str]) -> list[str]:
    """Return a warning per rename whose event id is not among `event_ids`."""
    ids = set(event_ids)
    return [f"rename: no event {old!r}" for old in sorted(overrides.rename) if old not in ids]
