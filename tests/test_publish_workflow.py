"""The publishing workflow: valid for GitHub, triggered by the right files, same as the README."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
WORKFLOW = REPO / ".github" / "workflows" / "digest.yml"
OFFICIAL_ACTIONS = {
    "actions/checkout",
    "actions/setup-python",
    "actions/cache",
    "actions/configure-pages",
    "actions/upload-pages-artifact",
    "actions/deploy-pages",
}


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def triggers() -> dict:
    data = workflow()
    return data.get("on", data.get(True))  # YAML 1.1 reads the bare key `on` as True


def build_job() -> dict:
    return workflow()["jobs"]["build"]


def run_steps() -> list[dict]:
    return [s for s in build_job()["steps"] if "run" in s]


def step_named(name: str) -> dict:
    (step,) = [s for s in build_job()["steps"] if s.get("name") == name]
    return step


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_workflow_passes_the_github_workflow_schema() -> None:
    result = validate(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = workflow()
    del broken["jobs"]["build"]["runs-on"]
    path = tmp_path / "broken.yml"
    path.write_text(yaml.safe_dump(broken), encoding="utf-8")
    result = validate(path)
    assert result.returncode != 0
    assert "runs-on" in result.stdout


def github_glob(pattern: str) -> re.Pattern[str]:
    """Return a regex for a GitHub `paths` filter: `**` crosses folders, `*` does not."""
    parts = re.split(r"(\*\*|\*)", pattern)
    regex = "".join(".*" if p == "**" else "[^/]*" if p == "*" else re.escape(p) for p in parts)
    return re.compile(regex + r"\Z")


@pytest.mark.parametrize("event", ["push", "pull_request"])
def test_triggers_cover_every_input_of_the_build(event: str) -> None:
    paths = triggers()[event]["paths"]
    for required in ("seeds/**", "templates/**", "digest.yaml", "events.yaml", "digest/**"):
        assert required in paths
    patterns = [github_glob(p) for p in paths]
    inputs = [
        *(REPO / "seeds").iterdir(),
        *(REPO / "templates").iterdir(),
        *(REPO / "digest").rglob("*.py"),
        REPO / "pyproject.toml",
        REPO / "constraints.txt",
        WORKFLOW,
    ]
    for path in inputs:
        rel = path.relative_to(REPO).as_posix()
        assert any(p.match(rel) for p in patterns), f"{rel} does not trigger a rebuild"
    assert not any(p.match("tests/test_cli.py") or p.match("README.md") for p in patterns)


def test_push_deploys_only_from_main_and_can_be_started_by_hand() -> None:
    on = triggers()
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on
    deploy = workflow()["jobs"]["deploy"]
    assert "pull_request" in deploy["if"] and "refs/heads/main" in deploy["if"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    (step,) = deploy["steps"]
    assert step["uses"].startswith("actions/deploy-pages@")


def test_pull_requests_build_and_upload_without_deploying() -> None:
    build = build_job()
    assert "if" not in build  # the build job runs for pull requests too
    uses = [s["uses"].split("@")[0] for s in build["steps"] if "uses" in s]
    assert uses[-1] == "actions/upload-pages-artifact"
    assert step_named("Upload the site")["with"]["path"].rstrip("/") == "site"
    assert "deploy-pages" not in yaml.safe_dump(build)


def test_actions_are_official_and_pinned_to_a_release() -> None:
    jobs = workflow()["jobs"].values()
    uses = [s["uses"] for job in jobs for s in job["steps"] if "uses" in s]
    assert {u.split("@")[0] for u in uses} == OFFICIAL_ACTIONS
    for ref in uses:
        version = ref.split("@", 1)[1]
        assert re.fullmatch(r"v\d+\.\d+\.\d+|[0-9a-f]{40}", version), ref


def test_pip_and_build_caches_are_kept() -> None:
    setup = next(s for s in build_job()["steps"] if s.get("uses", "").startswith("actions/setup"))
    assert setup["with"]["python-version"] == "3.11"
    assert setup["with"]["cache"] == "pip"
    assert "constraints.txt" in setup["with"]["cache-dependency-path"]
    cache = next(s for s in build_job()["steps"] if s.get("uses", "").startswith("actions/cache"))
    assert cache["with"]["path"] == ".digest-cache"
    assert ".digest-cache/" in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_install_step_pins_every_runtime_dependency() -> None:
    assert step_named("Install")["run"] == "python -m pip install -c constraints.txt ."
    pins = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonical(name)] = version
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for requirement in project["dependencies"]:
        name = canonical(re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0])
        assert name in pins, f"{name} is not pinned in constraints.txt (see its header)"


def readme_section(title: str) -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


def code_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```[a-z]*\n(.*?)^```", markdown, re.M | re.S)


def test_build_step_is_the_readme_build_command() -> None:
    quick_start = code_blocks(readme_section("Quick start (Python 3.11, fresh machine)"))[0]
    build_line = next(line for line in quick_start.splitlines() if "digest build" in line)
    readme_build = build_line.split("&&")[-1].strip()
    assert readme_build == "digest build"
    build = step_named("Build")["run"].strip()
    assert build.startswith(readme_build + " ")
    assert "--strict" in build.split()
    assert step_named("Check")["run"].strip() == "digest check"


def test_readme_publishing_lists_the_workflow_commands_in_order() -> None:
    blocks = code_blocks(readme_section("Publishing"))
    listed = [line.strip() for line in blocks[0].splitlines() if line.strip()]
    commands = [s["run"].strip() for s in run_steps()]
    assert [c for c in listed if not c.startswith("#")] == commands


def load_runner():
    spec = importlib.util.spec_from_file_location("ci_local", REPO / "scripts" / "ci_local.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


def test_local_runner_fills_the_pages_expressions_like_github() -> None:
    ci_local = load_runner()
    env = step_named("Build")["env"]
    runner = ci_local.Runner(workdir=REPO, base_url="", skip=frozenset())
    runner.outputs["pages"] = {"base_url": "https://someone.github.io/news"}
    assert ci_local.evaluate(env["BASE_URL"], runner) == "https://someone.github.io/news"
    assert (
        ci_local.evaluate(env["PREVIOUS"], runner) == "https://someone.github.io/news/events.json"
    )
    runner.outputs["pages"] = {"base_url": ""}
    assert ci_local.evaluate(env["PREVIOUS"], runner) == ""
    assert ci_local.build_steps(workflow()) == build_job()["steps"]


def test_local_upload_stand_in_refuses_what_pages_refuses(tmp_path: Path) -> None:
    ci_local = load_runner()
    runner = ci_local.Runner(workdir=tmp_path, base_url="", skip=frozenset())
    site = runner.clone / "site"
    site.mkdir(parents=True)
    step = step_named("Upload the site")
    with pytest.raises(ci_local.StepFailed):  # no index.html: nothing to publish
        ci_local.upload_pages_artifact(step, runner)
    (site / "index.html").write_text("<!doctype html>", encoding="utf-8")
    ci_local.upload_pages_artifact(step, runner)
    (site / "link.html").symlink_to(site / "index.html")
    with pytest.raises(ci_local.StepFailed):
        ci_local.upload_pages_artifact(step, runner)
