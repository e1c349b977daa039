"""The build trusts an unchanged file's stat, as git trusts its index (`build.cached_reader`):
an unchanged file is not read again, an edited one always is, even when the edit kept its
size and modification time, and a file changed just before a build is not trusted."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import corpus_module, snapshot

from digest import build as build_module
from digest import cli, load


@pytest.fixture
def project(tmp_path: Path) -> Path:
    corpus_module().generate(tmp_path / "seeds", 8, seed=11)
    return tmp_path


def run(root: Path, out: str, *options: str) -> None:
    args = ["build", "--seeds", str(root / "seeds"), "--out", str(root / out), "--quiet"]
    assert cli.main([*args, "--cache", str(root / "cache"), "--jobs", "1", *options]) == 0


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The article files read from disk, by path in the seeds folder."""
    read: list[str] = []
    original = load.read_bytes

    def counted(path: Path, rel: str, seen: object = None) -> object:
        read.append(rel)
        return original(path, rel, seen)  # type: ignore[arg-type]

    monkeypatch.setattr(load, "read_bytes", counted)
    return read


def test_unchanged_files_are_not_read_again(
    project: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build_module, "SETTLED_NS", 0)  # the files were written just now
    run(project, "site")
    files = sorted(p.name for p in (project / "seeds").iterdir())
    assert sorted(reads) == files
    reads.clear()
    run(project, "site")
    assert reads == []
    run(project, "clean", "--no-cache")
    assert snapshot(project / "site") == snapshot(project / "clean")


def test_an_edit_that_keeps_size_and_time_is_read(
    project: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build_module, "SETTLED_NS", 0)
    run(project, "site")
    path = sorted((project / "seeds").glob("*.md"))[0]
    text = path.read_text(encoding="utf-8")
    info = path.stat()
    word = next(w for w in text.split() if w.isalpha() and len(w) > 4 and w.islower())
    edited = text.replace(word, word[::-1].upper(), 1)
    assert len(edited.encode("utf-8")) == info.st_size and edited != text
    path.write_text(edited, encoding="utf-8")  # in place: the same inode
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # the old time, as `cp -p` would
    assert (path.stat().st_ino, path.stat().st_size, path.stat().st_mtime_ns) == (
        info.st_ino,
        info.st_size,
        info.st_mtime_ns,
    )
    reads.clear()
    run(project, "site")
    assert reads == [path.name]
    run(project, "clean", "--no-cache")
    assert snapshot(project / "site") == snapshot(project / "clean")


def test_files_changed_just_before_a_build_are_not_trusted(project: Path, reads: list[str]) -> None:
    run(project, "site")  # the files are seconds old: their stats are not noted
    reads.clear()
    run(project, "site")
    assert len(reads) == len(list((project / "seeds").iterdir()))


@pytest.mark.parametrize("seeds", ["seeds", "seeds/", "./seeds", "seeds/./sub/..", "."])
def test_paths_inside_the_seeds_folder_as_relative_to_gives_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seeds: str
) -> None:
    monkeypatch.chdir(tmp_path)
    for rel in ("b.md", "a/z.txt", "a-b.md", "a/b/c.md", "A.txt", "a.b/x.md"):
        (tmp_path / "seeds" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "seeds" / rel).write_text("Headline\nText.\n", encoding="utf-8")
    (tmp_path / "seeds" / "sub").mkdir()
    folder = Path(seeds) if seeds != "." else Path(".")
    if seeds == ".":
        monkeypatch.chdir(tmp_path / "seeds")
    found, _ = load.find_sources(folder)
    expected = sorted(p.relative_to(folder).as_posix() for p, _ in found)
    assert [load._inside(p, folder) for p, _ in found] == expected
    assert [p.relative_to(folder).as_posix() for p, _ in found] == expected
