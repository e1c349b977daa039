"""An incremental build (with the cache of the last build) writes exactly a clean build's bytes.

Each case builds a corpus once (filling the cache), changes one thing, then builds twice from
the same previous site: once reusing the cache, once with no cache. Both sites must be
byte-identical, and the incremental one must really have reused records.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from conftest import corpus_module, snapshot

from digest import cli, cluster, render
from digest.build import clustering_of, kept_clustering
from digest.model import DateSource, DateValue, Granularity
from digest.render import builtin_templates_dir

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project (seeds plus synthetic articles in both formats, templates, settings) with
    its site and cache built once per module; tests work on copies of it."""
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(REPO / "seeds", root / "seeds")
    corpus_module().generate(root / "seeds", 10, seed=7)
    shutil.copytree(builtin_templates_dir(), root / "templates")
    (root / "digest.yaml").write_text(
        # Search bundles of about two pages: a change re-indexes some bundles, reuses others.
        "site:\n  title: Old title\n  search_pages_per_bundle: 2\n"
        "seeds: seeds\ntemplates: templates\n",
        encoding="utf-8",
    )
    build(root, "site")
    return root


def copy_project(built: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(built, root)
    return root


def build(root: Path, out: str, *options: str, capsys=None) -> str:
    args = ["build", "--config", str(root / "digest.yaml"), "--out", str(root / out)]
    code = cli.main([*args, "--cache", str(root / "cache"), *options])
    printed = capsys.readouterr().out if capsys else ""
    assert code == 0, printed
    return printed


def edit_file(root: Path) -> None:
    path = sorted((root / "seeds").glob("*.md"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\nSebuah paragraf baru ditambahkan oleh editor.\n", encoding="utf-8")


def add_file(root: Path) -> None:
    source = sorted((root / "seeds").glob("*.txt"))[-1]
    text = source.read_text(encoding="utf-8")
    (root / "seeds" / "zz-added.txt").write_text(text + "\nA new closing line.\n", encoding="utf-8")


def delete_file(root: Path) -> None:
    sorted((root / "seeds").glob("0*.txt"))[0].unlink()


def rename_file(root: Path) -> None:
    path = sorted((root / "seeds").glob("*.md"))[-1]
    path.rename(path.with_name("renamed-" + path.name))


def change_settings(root: Path) -> None:
    config = root / "digest.yaml"
    config.write_text(config.read_text().replace("Old title", "New title"), encoding="utf-8")


def change_template(root: Path) -> None:
    base = root / "templates" / "base.html"
    base.write_text(re.sub("<body", "<!-- edited -->\n<body", base.read_text(), count=1))


def change_event_template(root: Path) -> None:
    page = root / "templates" / "event.html"
    page.write_text(page.read_text().replace("{% block main %}", "{% block main %}<!-- e -->"))


def change_stylesheet(root: Path) -> None:
    style = root / "templates" / "style.css"
    style.write_text(style.read_text() + "\nbody { margin: 0 auto; }\n")


def change_events(root: Path) -> None:
    """An editor merges two seeds' events (000 and 003 are two events) in events.yaml."""
    first, _, _, fourth = (p.stem for p in sorted((root / "seeds").glob("00*.txt"))[:4])
    (root / "events.yaml").write_text(f"merge:\n  - [{first}, {fourth}]\n", encoding="utf-8")


@pytest.mark.parametrize(
    "change",
    [add_file, edit_file, delete_file, rename_file, change_settings, change_template,
     change_event_template, change_stylesheet, change_events],
)  # fmt: skip
def test_incremental_build_equals_clean_build(
    built: Path, tmp_path: Path, change: Callable[[Path], None], capsys
) -> None:
    root = copy_project(built, tmp_path)
    shutil.copytree(root / "site", root / "clean")
    before = snapshot(root / "site")
    change(root)
    capsys.readouterr()
    printed = build(root, "site", "--jobs", "2", capsys=capsys)
    build(root, "clean", "--no-cache")
    incremental, clean = snapshot(root / "site"), snapshot(root / "clean")
    assert sorted(incremental) == sorted(clean)
    different = [name for name in clean if incremental[name] != clean[name]]
    assert different == []
    reused = int(re.search(r"cache: (\d+) records reused", printed).group(1))
    if change is change_settings:
        assert reused == 0  # a new version of the cache: nothing old may be served
    elif change in (change_template, change_event_template, change_stylesheet, change_events):
        # The articles' records and the clustering are reused; the pages are made again
        # where the templates or the events changed them.
        assert reused >= 2 * (len(list((root / "seeds").iterdir())) - 2)
        made = int(re.search(r"reused, (\d+) made", printed).group(1))
        after = snapshot(root / "site")
        pages = [n for n in after if n.endswith(".html")]
        # What a rebuild with nothing changed makes (the first rebuild settles "What's new").
        idle = copy_project(built, tmp_path / "idle")
        made_idle = int(re.search(r"reused, (\d+) made", build(idle, "site", capsys=capsys))[1])
        if change is change_stylesheet:  # no page holds the stylesheet's bytes
            assert after["style.css"] != before["style.css"] and made == made_idle
        elif change is change_event_template:  # the event pages alone are made again
            events = [n for n in pages if n.startswith("events/")]
            assert [n for n in pages if after[n] != before[n]] == events
            assert made_idle < made < made_idle + 3 * len(events)  # pages, search bundles
        else:
            assert after["index.html"] != before["index.html"]
        if change is change_events:
            assert "names nothing" not in printed  # the merge named two real events
    else:
        assert reused >= 2 * (len(list((root / "seeds").iterdir())) - 2)
        assert len(json.loads(clean["pagefind/bundles.json"])["merge"]) >= 2


def test_deleting_the_cache_changes_nothing(built: Path, tmp_path: Path) -> None:
    root = copy_project(built, tmp_path)
    first = snapshot(root / "site")
    shutil.rmtree(root / "cache")
    build(root, "site")
    assert snapshot(root / "site") == first


def test_only_changed_pages_are_written(built: Path, tmp_path: Path, capsys) -> None:
    root = copy_project(built, tmp_path)
    before = snapshot(root / "site")
    inodes = {name: (root / "site" / name).stat().st_ino for name in before}
    edit_file(root)
    capsys.readouterr()
    printed = build(root, "site", capsys=capsys)
    after = snapshot(root / "site")
    changed = {name for name in after if before.get(name) != after[name]}
    kept = {name for name in after if (root / "site" / name).stat().st_ino == inodes.get(name)}
    assert changed and kept
    assert kept == set(after) - changed - {".digest-site"}
    assert f"({len(changed)} changed)" in printed


def test_cached_pages_read_a_few_at_a_time_give_the_same_site(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """The rebuild reads cached pages `GET_BATCH` at a time, not all at once: with batches
    of three it reuses just as many records and writes the clean build's bytes."""
    reused, default = {}, render.GET_BATCH
    for batch in (default, 3):
        monkeypatch.setattr(render, "GET_BATCH", batch)
        root = copy_project(built, tmp_path / str(batch))
        shutil.copytree(root / "site", root / "clean")  # the same previous build
        add_file(root)
        capsys.readouterr()
        printed = build(root, "site", capsys=capsys)
        reused[batch] = int(re.search(r"cache: (\d+) records reused", printed).group(1))
        build(root, "clean", "--no-cache")
        assert snapshot(root / "site") == snapshot(root / "clean")
    assert reused[3] == reused[default] > 3 * 3


def test_a_rebuild_of_the_same_articles_reuses_their_clustering(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing in the seeds changed (a template or events.yaml may have): the clustering is
    the last build's, read from the cache, and the site is what clustering afresh gives."""
    root = copy_project(built, tmp_path)
    first = snapshot(root / "site")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("clustered again with the same articles")

    monkeypatch.setattr(cluster, "cluster_events", refuse)
    build(root, "site")
    assert snapshot(root / "site") == first
    add_file(root)  # one new article: its weights change every pair's, so it clusters again
    with pytest.raises(AssertionError, match="clustered again"):
        build(root, "site")


def test_a_kept_clustering_reads_back_the_same_to_the_bit() -> None:
    sims = {("a", "c"): 0.1 + 0.2, ("b", "c"): 1 / 3, ("a", "b"): 2.0**-40}
    dated = {"c": DateValue(date(2026, 3, 1), Granularity.DAY, DateSource.DATELINE)}
    made = cluster.Clustering([["a", "c"], ["b"]], sims, folder_dated=dated, languages={"a": "id"})
    back = clustering_of(kept_clustering(made))
    assert list(back.sims.items()) == list(sims.items())
    assert (back.groups, back.folder_dated, back.languages) == (
        made.groups, made.folder_dated, made.languages,
    )  # fmt: skip
