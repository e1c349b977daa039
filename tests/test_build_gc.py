"""A build raises the garbage collector's full-pass threshold while it runs (most of what
it makes lives to its end) and gives the caller back the thresholds it had, even when the
build fails: `digest serve` runs many builds in one process."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from digest import build as build_module
from digest import cli


def test_thresholds_are_raised_during_a_build_and_restored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[int, int, int]] = []
    assemble = build_module.assemble

    def watched(*args: object, **kwargs: object) -> object:
        seen.append(gc.get_threshold())
        return assemble(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(build_module, "assemble", watched)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Headline\nSome text of the story.\n")
    before = gc.get_threshold()
    args = ["build", "--seeds", str(tmp_path / "seeds"), "--out", str(tmp_path / "site")]
    assert cli.main([*args, "--no-cache", "--quiet"]) == 0
    assert gc.get_threshold() == before
    assert seen and seen[0][2] >= build_module.FULL_COLLECTION_EVERY

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("stage failed")

    monkeypatch.setattr(build_module, "assemble", broken)
    with pytest.raises(RuntimeError):
        cli.main([*args, "--no-cache", "--quiet"])
    assert gc.get_threshold() == before
