"""The build cache: versioned, keyed by inputs, pruned, safe to delete or damage."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

from digest import cli
from digest.cache import BuildCache, cache_version, cached_map, key_of
from digest.config import Config, SiteParams
from digest.progress import Silent
from digest.workers import Workers

REPO = Path(__file__).resolve().parent.parent


def square(n: int) -> int:
    return n * n


def test_records_survive_reopening_with_the_same_version(tmp_path: Path) -> None:
    cache = BuildCache.open(tmp_path, "v1")
    cache.put_many("raw", {"k1": ("record", 1), "k2": ["other"]})
    cache.close()
    again = BuildCache.open(tmp_path, "v1")
    assert again.get_many("raw", ["k1", "k2", "k3"]) == {"k1": ("record", 1), "k2": ["other"]}
    assert (again.hits, again.misses) == (2, 1)
    again.close()


def test_a_new_version_drops_every_record(tmp_path: Path) -> None:
    cache = BuildCache.open(tmp_path, "v1")
    cache.put_many("raw", {"k1": 1})
    cache.close()
    assert BuildCache.open(tmp_path, "v2").get_many("raw", ["k1"]) == {}


def test_records_not_used_by_a_build_are_pruned(tmp_path: Path) -> None:
    cache = BuildCache.open(tmp_path, "v1")
    cache.put_many("raw", {"old": 1, "kept": 2})
    cache.close()
    second = BuildCache.open(tmp_path, "v1")
    assert second.get_many("raw", ["kept"]) == {"kept": 2}
    second.close()
    db = sqlite3.connect(tmp_path / "cache.sqlite")
    assert [k for (k,) in db.execute("SELECT key FROM entries")] == ["kept"]
    db.close()


def test_a_damaged_cache_file_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "cache.sqlite").write_bytes(b"not a database at all" * 100)
    cache = BuildCache.open(tmp_path, "v1")
    assert cache.get_many("raw", ["k"]) == {}
    cache.put_many("raw", {"k": 1})
    cache.close()
    assert BuildCache.open(tmp_path, "v1").get_many("raw", ["k"]) == {"k": 1}


def test_disabled_cache_remembers_nothing() -> None:
    cache = BuildCache.disabled()
    cache.put_many("raw", {"k": 1})
    assert cache.get_many("raw", ["k"]) == {}
    cache.close()


def test_version_follows_settings_not_the_output_templates_or_events(tmp_path: Path) -> None:
    """The settings version the cache; the templates and events.yaml do not (what is made
    from them is keyed by them: `render.TemplateKeys`, and events by their ids and titles), so
    an edited template re-renders pages without reading every article again."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "base.html").write_text("<html>{% block body %}{% endblock %}</html>")
    config = Config(templates=templates)
    version = cache_version(config)
    assert cache_version(config) == version
    assert cache_version(replace(config, output=tmp_path / "elsewhere")) == version
    assert cache_version(replace(config, seeds=tmp_path / "moved")) == version
    events = tmp_path / "events.yaml"
    events.write_text("rename: {a: b}\n")
    assert cache_version(replace(config, events_file=events)) == version
    retitled = replace(config, site=replace(SiteParams(), title="Another title"))
    assert cache_version(retitled) != version
    (templates / "base.html").write_text("<html>changed</html>")
    assert cache_version(config) == version  # pages are keyed by it: render.TemplateKeys


def test_key_of_is_unambiguous() -> None:
    assert key_of("ab", "c") != key_of("a", "bc")
    assert key_of("a", b"b") == key_of("a", "b")


def test_cached_map_computes_only_what_is_missing(tmp_path: Path) -> None:
    calls: list[int] = []

    def tracked(n: int) -> int:
        calls.append(n)
        return n * 10

    cache = BuildCache.open(tmp_path, "v1")
    keys = [key_of(str(n)) for n in range(5)]
    assert cached_map(cache, "t", tracked, range(5), keys, Workers(1), Silent()) == [
        0, 10, 20, 30, 40
    ]  # fmt: skip
    cache.close()
    calls.clear()
    cache = BuildCache.open(tmp_path, "v1")
    items = [*range(5), 7]
    result = cached_map(cache, "t", tracked, items, [*keys, key_of("7")], Workers(1), Silent())
    assert result == [0, 10, 20, 30, 40, 70]
    assert calls == [7]
    cache.close()


def test_worker_processes_give_the_serial_results_in_order() -> None:
    items = list(range(500))
    with Workers(2) as workers:
        assert list(workers.map(square, items)) == [n * n for n in items]


def test_a_failed_build_leaves_the_cache_usable_in_the_same_process(tmp_path: Path) -> None:
    """`digest serve` rebuilds in one process: a build that failed must not break the next."""
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "my logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # fails the build in render
    (tmp_path / "digest.yaml").write_text("templates: theme\n", encoding="utf-8")
    args = ["build", "--config", str(tmp_path / "digest.yaml"), "--quiet"]
    args += ["--cache", str(tmp_path / "cache")]
    assert cli.main(args) == 2
    other = sqlite3.connect(tmp_path / "cache" / "cache.sqlite", timeout=0)
    other.execute("BEGIN IMMEDIATE")  # 'database is locked' if the failed build still holds it
    other.rollback()
    other.close()
    (theme / "my logo.png").rename(theme / "my-logo.png")
    assert cli.main(args) == 0
    assert (tmp_path / "site" / "my-logo.png").is_file()
