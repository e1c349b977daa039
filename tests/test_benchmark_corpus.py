"""The benchmark corpus generator is deterministic and writes articles digest can read."""

from __future__ import annotations

from pathlib import Path

from conftest import corpus_module

from digest import load

REPO = Path(__file__).resolve().parent.parent


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_arguments_give_the_same_bytes(tmp_path: Path) -> None:
    generate = corpus_module().generate
    first = generate(tmp_path / "a", 12, seed=5)
    second = generate(tmp_path / "b", 12, seed=5)
    generate(tmp_path / "c", 12, seed=6)
    assert first == second
    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert files(tmp_path / "a") != files(tmp_path / "c")


def test_articles_are_readable_and_grouped_into_planted_events(tmp_path: Path) -> None:
    gold = corpus_module().generate(tmp_path, 40, seed=2, fmt="mixed")
    assert sorted(gold) == sorted(p.name for p in tmp_path.iterdir())
    assert 1 < len(set(gold.values())) < 40
    raws, skipped = load.read_sources(tmp_path)
    assert len(raws) == 40 and skipped == []
    words = [sum(len(line.split()) for line in raw.lines) for raw in raws]
    assert min(words) > 500
    markdown = [raw for raw in raws if raw.path.endswith(".md")]
    assert markdown and all(raw.published is not None and raw.title for raw in markdown)
    assert {raw.language for raw in markdown} == {"id", "en"}


def test_benchmark_prints_each_goal_with_its_verdict() -> None:
    """`benchmarks/run.py` checks issue 8's goals against what it measured."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(
        "benchmark_run", Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"
    )
    run = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("benchmark_run", run)  # dataclasses look their module up
    spec.loader.exec_module(run)
    runs = {
        "digest": [run.Run(100.0, 150.0, 900.0)],
        "pelican": [run.Run(60.0, 60.0, 130.0)],
        "hugo": [run.Run(5.0, 6.0, 600.0)],
        "digest +1": [run.Run(1.5, 1.5, 900.0)],
    }
    lines = run.goals(10_000, runs)
    assert len(lines) == 3
    assert "0.60x" in lines[0] and lines[0].endswith("NOT met")
    assert "20.00x" in lines[1] and lines[1].endswith("NOT met")
    assert "1.5 s" in lines[2] and lines[2].endswith(": met")
    big = run.goals(100_000, {"digest": [run.Run(250.0, 300.0, 800.0)]})
    assert [line.rsplit(": ", 1)[1] for line in big] == ["met", "met"]
