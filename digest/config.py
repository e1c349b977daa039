"""Settings from `digest.yaml`, validated, with a default for every knob."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from pathlib import Path

import yaml

from digest.errors import ConfigError

UI_LANGUAGES = ("en", "id")


@dataclass(frozen=True)
class ClusterParams:
    """What the clusterer needs."""

    min_similarity: float = 0.13
    """Two groups of articles join one event when their average similarity is at least this
    (0..1). Chosen by sweeping every labelled corpus in tests/corpora (see README)."""
    max_gap_days: int = 3
    """Articles whose own dates are further apart than this are never one event."""
    lead_share: float = 0.2
    """Share of the similarity that comes from headline-and-lead terms."""
    body_share: float = 0.4
    """Share of the similarity that comes from all terms of the article."""
    names_share: float = 0.4
    """Share of the similarity that comes from shared names (IDF-weighted lead names)."""


@dataclass(frozen=True)
class SiteParams:
    """What the renderer needs."""

    title: str = "Digest"
    description: str = "What happened, when, and who reported it."
    language: str = "en"
    """UI language: 'en' or 'id'."""
    base_url: str | None = None
    """Absolute URL the site is published under, for canonical links and feeds."""
    build_date: str = "1970-01-01T00:00:00Z"
    """When the site was built; from SOURCE_DATE_EPOCH, never from the clock by default."""
    search_pages_per_bundle: int = 256
    """About how many pages share one search bundle: a rebuild re-indexes the bundles of
    changed pages only; smaller bundles index faster, more bundles cost searchers requests."""


@dataclass(frozen=True)
class Config:
    seeds: Path = Path("seeds")
    output: Path = Path("site")
    templates: Path | None = None
    """A folder of user templates that override the built-in ones by file name."""
    events_file: Path | None = None
    previous: str | None = None
    """The previous build's events.json (a path or an http(s) URL) to compare with;
    None: the events.json already in the output folder, if any."""
    site: SiteParams = field(default_factory=SiteParams)
    cluster: ClusterParams = field(default_factory=ClusterParams)


def build_date_from_env(environ: dict[str, str] | None = None) -> str:
    """Return the build time from SOURCE_DATE_EPOCH as ISO 8601 UTC (epoch 0 if unset)."""
    env = os.environ if environ is None else environ
    raw = env.get("SOURCE_DATE_EPOCH", "0")
    try:
        seconds = int(raw)
    except ValueError:
        raise ConfigError(f"SOURCE_DATE_EPOCH must be whole seconds, got {raw!r}") from None
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _section(raw: dict, name: str, cls: type, path: Path):
    values = raw.get(name) or {}
    if not isinstance(values, dict):
        raise ConfigError(f"{path}: '{name}' must be a mapping")
    known = {f.name: f for f in fields(cls)}
    kwargs = {}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(
                f"{path}: unknown setting '{name}.{key}'; known: {', '.join(sorted(known))}"
            )
        default = getattr(cls(), key)
        expected = type(default) if default is not None else str
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if value is not None and not isinstance(value, expected):
            raise ConfigError(f"{path}: '{name}.{key}' must be {expected.__name__}, got {value!r}")
        kwargs[key] = value
    return cls(**kwargs)


def _check(config: Config, path: Path) -> None:
    c = config.cluster
    if not 0.0 <= c.min_similarity <= 1.0:
        raise ConfigError(
            f"{path}: 'cluster.min_similarity' must be between 0 and 1, got {c.min_similarity!r}"
        )
    if c.max_gap_days < 0:
        raise ConfigError(f"{path}: 'cluster.max_gap_days' must be >= 0")
    if config.site.search_pages_per_bundle < 1:
        raise ConfigError(f"{path}: 'site.search_pages_per_bundle' must be at least 1")
    if config.site.language not in UI_LANGUAGES:
        raise ConfigError(
            f"{path}: 'site.language' must be one of {', '.join(UI_LANGUAGES)}, "
            f"got {config.site.language!r}"
        )
    base = config.site.base_url
    if base is not None and not base.startswith(("http://", "https://")):
        raise ConfigError(f"{path}: 'site.base_url' must start with http:// or https://")


def normalize_base_url(url: str | None) -> str | None:
    """Return `url` ending in exactly one "/", so page paths can be appended; "" → None.

    >>> normalize_base_url("https://example.github.io/digest")
    'https://example.github.io/digest/'
    """
    if not url:
        return None
    return url.rstrip("/") + "/"


def load_config(path: Path | None, environ: dict[str, str] | None = None) -> Config:
    """Read `digest.yaml` at `path` (None or a missing default file gives all defaults).

    Relative paths inside the file are relative to the file's folder.
    """
    raw: dict = {}
    root = Path(".")
    if path is not None:
        root = path.parent
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError(f"{path}: config file not found") from None
        except (OSError, UnicodeDecodeError) as err:
            raise ConfigError(f"{path}: cannot read config: {err}") from None
        try:
            raw = yaml.safe_load(text) or {}
        except yaml.YAMLError as err:
            raise ConfigError(f"{path}: not valid YAML: {err}".replace("\n", " ")) from None
        if not isinstance(raw, dict):
            raise ConfigError(f"{path}: must be a mapping of settings")
        unknown = set(raw) - {"site", "cluster", "seeds", "output", "templates", "events"}
        if unknown:
            raise ConfigError(f"{path}: unknown setting(s) {', '.join(sorted(unknown))}")
    site = _section(raw, "site", SiteParams, path or Path("digest.yaml"))
    site = replace(
        site,
        build_date=build_date_from_env(environ),
        base_url=normalize_base_url(site.base_url),
    )
    cluster = _section(raw, "cluster", ClusterParams, path or Path("digest.yaml"))

    def rel(key: str, default: Path | None) -> Path | None:
        value = raw.get(key)
        if value is None:
            return default
        if not isinstance(value, str):
            raise ConfigError(f"{path}: '{key}' must be a path")
        return root / value

    templates_default = root / "templates" if (root / "templates").is_dir() else None
    events_default = root / "events.yaml" if (root / "events.yaml").is_file() else None
    config = Config(
        seeds=rel("seeds", root / "seeds"),
        output=rel("output", root / "site"),
        templates=rel("templates", templates_default),
        events_file=rel("events", events_default),
        site=site,
        cluster=cluster,
    )
    _check(config, path or Path("digest.yaml"))
    return config
