"""Both install modes find the templates, run from any folder: a wheel and an editable install.

These tests make a real virtual environment and install the project into it with pip, so they
take tens of seconds; they are what proves the README's install command works.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def run(*cmd: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, f"{cmd}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project's source, so installs never touch the checkout."""
    src = tmp_path_factory.mktemp("src")
    for name in ("digest", "templates"):
        shutil.copytree(REPO / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, src / name)
    return src


@pytest.fixture(scope="module")
def python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment holding the project's runtime dependencies and hatchling."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=True)
    exe = env_dir / "bin" / "python"
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    # editables: what hatchling needs for an editable install without build isolation.
    deps = [*project["project"]["dependencies"], *project["build-system"]["requires"], "editables"]
    run(exe, "-m", "pip", "install", "-q", "--disable-pip-version-check", *deps, cwd=env_dir)
    return exe


def build_and_check(python: Path, workdir: Path) -> None:
    """Run `python -m digest build` and the `digest` script in a folder outside the project."""
    seeds = workdir / "seeds"
    shutil.copytree(REPO / "seeds", seeds)
    run(python, "-m", "digest", "build", "--out", workdir / "site-a", cwd=workdir)
    script = python.parent / "digest"
    run(script, "build", "--seeds", seeds, "--out", workdir / "site-b", cwd=workdir)
    for out in ("site-a", "site-b"):
        assert (workdir / out / "index.html").is_file()
        data = json.loads((workdir / out / "events.json").read_text(encoding="utf-8"))
        assert len(data["articles"]) == len(list(seeds.glob("*.txt")))


def imported_from(python: Path, cwd: Path) -> Path:
    code = "import digest.render as r; print(r.builtin_templates_dir())"
    return Path(run(python, "-c", code, cwd=cwd).stdout.strip())


def test_wheel_carries_templates_and_builds_from_any_folder(
    python: Path, source: Path, tmp_path: Path
) -> None:
    dist = tmp_path / "dist"
    run(python, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", dist,
        source, cwd=tmp_path)  # fmt: skip
    (wheel,) = dist.glob("digest-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert "digest/templates/base.html" in names
    assert "digest/templates/style.css" in names
    run(python, "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", wheel, cwd=tmp_path)
    templates = imported_from(python, tmp_path)
    assert templates.parent.name == "digest" and "site-packages" in str(templates)
    build_and_check(python, tmp_path)


def test_editable_install_finds_top_level_templates(
    python: Path, source: Path, tmp_path: Path
) -> None:
    run(python, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "-e", source,
        cwd=tmp_path)  # fmt: skip
    assert imported_from(python, tmp_path) == source / "templates"
    build_and_check(python, tmp_path)


def test_running_interpreter_uses_checkout_templates() -> None:
    from digest.render import builtin_templates_dir

    assert (builtin_templates_dir() / "base.html").is_file()
    assert sys.version_info >= (3, 11)
