#!/usr/bin/env python3
"""Run the publishing workflow's build job on this machine, in a fresh clone of HEAD.

The steps are read from .github/workflows/digest.yml, so what runs here is what runs on
GitHub: every `run:` step executes as GitHub runs it (`bash -e -o pipefail`, with the
step's `env:` and a $GITHUB_ENV file). The official actions have local stand-ins:

  actions/checkout               git clone of HEAD (commit first: uncommitted work is not included)
  actions/setup-python           a new virtual environment from pythonX.Y (or this interpreter)
  actions/cache                  nothing (a fresh clone has no build cache)
  actions/configure-pages        base_url output from --base-url (empty: like a pull request)
  actions/upload-pages-artifact  checks the folder exists and holds no links, prints its size

The deploy job never runs locally. Usage: `make ci`, or
  python scripts/ci_local.py [--workdir .ci-local] [--base-url URL] [--skip STEP]...
Exit status: 0 when every step passed, else the failing step's status.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

try:
    import yaml
except ImportError:  # the runner only needs PyYAML, which `pip install -e .` brings
    sys.exit("ci_local: PyYAML is missing; run `pip install -e .` first (or `make ci`).")

REPO = Path(__file__).resolve().parent.parent
WORKFLOW = Path(".github/workflows/digest.yml")
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


class StepFailed(Exception):
    def __init__(self, name: str, status: int) -> None:
        super().__init__(f"step {name!r} failed with status {status}")
        self.status = status


@dataclass
class Runner:
    """The state that carries from step to step: folders, environment, step outputs."""

    workdir: Path
    base_url: str
    skip: frozenset[str]
    use_venv: bool = True
    env: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def clone(self) -> Path:
        return self.workdir / "repo"

    @property
    def github_env(self) -> Path:
        return self.workdir / "github_env"


def read_workflow(path: Path) -> dict:
    """Return the workflow file as data (PyYAML reads the key `on` as True)."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def build_steps(workflow: Mapping) -> list[dict]:
    """Return the steps of the job that builds the site (the one uploading it)."""
    for job in workflow["jobs"].values():
        steps = job.get("steps", [])
        if any(str(s.get("uses", "")).startswith("actions/upload-pages-artifact") for s in steps):
            return steps
    raise SystemExit(f"ci_local: no job in {WORKFLOW} uploads a Pages artifact")


def evaluate(text: str, runner: Runner) -> str:
    """Return `text` with `${{ steps.ID.outputs.NAME }}` filled in; other expressions → ''.

    Expressions that combine values (`a && format(...) || ''`) evaluate to '' unless every
    step output they name is non-empty, in which case the `format()` is applied.
    """

    def one(match: re.Match[str]) -> str:
        expr = match.group(1)
        refs = re.findall(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expr)
        values = [runner.outputs.get(step, {}).get(name, "") for step, name in refs]
        if not refs or not all(values):
            return ""
        fmt = re.search(r"format\('([^']*)',", expr)
        return fmt.group(1).replace("{0}", values[0]) if fmt else values[0]

    return EXPRESSION.sub(one, text)


def read_github_env(path: Path) -> dict[str, str]:
    """Return NAME=VALUE lines a step appended to $GITHUB_ENV."""
    if not path.exists():
        return {}
    pairs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        name, sep, value = line.partition("=")
        if sep:
            pairs[name.strip()] = value
    return pairs


def run_script(step: Mapping, runner: Runner) -> None:
    env = dict(runner.env)
    env.update(read_github_env(runner.github_env))
    env.update({k: evaluate(str(v), runner) for k, v in (step.get("env") or {}).items()})
    env["GITHUB_ENV"] = str(runner.github_env)
    env["CI"] = "true"
    script = step["run"]
    print(f"$ {script.strip()}", flush=True)
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", script],
        cwd=runner.clone,
        env=env,
        check=False,
    )
    if result.returncode != 0:
        raise StepFailed(step.get("name", script), result.returncode)


def checkout(step: Mapping, runner: Runner) -> None:
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if dirty.strip():
        print("note: uncommitted changes are not part of the clone; commit to include them")
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(runner.clone)], check=True)


def setup_python(step: Mapping, runner: Runner) -> None:
    if not runner.use_venv:
        print("(--no-venv: using the tools already on PATH)")
        return
    version = str((step.get("with") or {}).get("python-version", "3"))
    python = shutil.which(f"python{version}") or sys.executable
    if shutil.which(f"python{version}") is None:
        print(f"note: python{version} not found; using {sys.executable}")
    venv = runner.workdir / "venv"
    subprocess.run([python, "-m", "venv", str(venv)], check=True)
    runner.env["PATH"] = f"{venv / 'bin'}{os.pathsep}{runner.env.get('PATH', '')}"
    runner.env["VIRTUAL_ENV"] = str(venv)
    runner.env.pop("PYTHONHOME", None)


def configure_pages(step: Mapping, runner: Runner) -> None:
    runner.outputs[step.get("id", "pages")] = {"base_url": runner.base_url.rstrip("/")}
    print(f"base_url = {runner.base_url or '(none, as in a pull request)'}")


def upload_pages_artifact(step: Mapping, runner: Runner) -> None:
    folder = runner.clone / str((step.get("with") or {}).get("path", "_site"))
    if not (folder / "index.html").is_file():
        raise StepFailed(step.get("name", "upload"), 1)
    files = [p for p in folder.rglob("*") if not p.is_dir()]
    links = [p for p in files if p.is_symlink()]
    if links:
        print(f"GitHub Pages refuses links in the artifact: {links[0]}")
        raise StepFailed(step.get("name", "upload"), 1)
    size = sum(p.stat().st_size for p in files)
    print(f"site ready: {folder} ({len(files)} files, {size / 1024:.0f} KiB)")


def do_nothing(step: Mapping, runner: Runner) -> None:
    print("(nothing to do locally)")


ACTIONS = {
    "actions/checkout": checkout,
    "actions/setup-python": setup_python,
    "actions/cache": do_nothing,
    "actions/configure-pages": configure_pages,
    "actions/upload-pages-artifact": upload_pages_artifact,
}


def run_step(step: Mapping, runner: Runner) -> None:
    name = step.get("name") or step.get("uses") or step.get("run", "").strip()
    if name in runner.skip:
        print(f"--- {name}: skipped (--skip)", flush=True)
        return
    print(f"--- {name}", flush=True)
    if "run" in step:
        run_script(step, runner)
        return
    action = str(step["uses"]).split("@", 1)[0]
    if action not in ACTIONS:
        raise SystemExit(f"ci_local: no local stand-in for {step['uses']}")
    ACTIONS[action](step, runner)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=REPO / ".ci-local")
    parser.add_argument("--base-url", default="", help="what configure-pages would report")
    parser.add_argument(
        "--skip", action="append", default=[], help="a step name to skip (repeatable)"
    )
    parser.add_argument(
        "--no-venv",
        action="store_true",
        help="use the tools already on PATH instead of a new virtual environment",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    workflow = read_workflow(REPO / WORKFLOW)
    workdir = args.workdir.resolve()
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    runner = Runner(
        workdir=workdir,
        base_url=args.base_url,
        skip=frozenset(args.skip),
        use_venv=not args.no_venv,
    )
    try:
        for step in build_steps(workflow):
            run_step(step, runner)
    except StepFailed as failure:
        print(f"ci_local: {failure}", file=sys.stderr)
        return failure.status
    print(f"ci_local: every step passed; the site is in {runner.clone / 'site'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
