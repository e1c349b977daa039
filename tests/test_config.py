"""digest.yaml: defaults, validation messages that name the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.config import build_date_from_env, load_config
from digest.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "digest.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_gives_defaults() -> None:
    config = load_config(None, environ={})
    assert config.site.language == "en"
    assert 0 < config.cluster.min_similarity < 1
    assert config.site.build_date == "1970-01-01T00:00:00Z"


def test_values_are_read_and_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "site:\n  title: My news\n  language: id\nseeds: articles\n")
    config = load_config(path, environ={})
    assert config.site.title == "My news"
    assert config.site.language == "id"
    assert config.seeds == tmp_path / "articles"


def test_int_threshold_is_accepted_as_float(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "cluster:\n  min_similarity: 1\n"), environ={})
    assert config.cluster.min_similarity == 1.0


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("cluster:\n  min_similarity: 3\n", "cluster.min_similarity"),
        ("cluster:\n  min_similarity: high\n", "cluster.min_similarity"),
        ("site:\n  language: fr\n", "site.language"),
        ("site:\n  colour: red\n", "site.colour"),
        ("site:\n  base_url: example.com\n", "site.base_url"),
        ("nonsense: 1\n", "nonsense"),
        ("site: [unclosed\n", "not valid YAML"),
        ("- a list\n", "mapping"),
    ],
)
def test_bad_settings_name_the_file_and_field(tmp_path: Path, text: str, fragment: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_config(path, environ={})
    message = str(err.value)
    assert str(path) in message and fragment in message
    assert "\n" not in message


def test_missing_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "absent.yaml", environ={})


def test_source_date_epoch_sets_the_build_date() -> None:
    assert build_date_from_env({"SOURCE_DATE_EPOCH": "1732838400"}) == "2024-11-29T00:00:00Z"
    with pytest.raises(ConfigError, match="SOURCE_DATE_EPOCH"):
        build_date_from_env({"SOURCE_DATE_EPOCH": "yesterday"})


def test_repository_config_is_valid() -> None:
    repo = Path(__file__).resolve().parent.parent
    config = load_config(repo / "digest.yaml", environ={})
    assert config.site.language in ("en", "id")
