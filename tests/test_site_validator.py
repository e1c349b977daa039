"""Every generated page passes the W3C Nu HTML Checker (vnu-jar from npm, run with Java)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from sitecheck import REPO, build_site

VNU_JAR = Path(os.environ.get("DIGEST_VNU_JAR", REPO / "node_modules/vnu-jar/build/dist/vnu.jar"))


def require_vnu() -> tuple[str, Path]:
    java = shutil.which("java")
    if java and VNU_JAR.is_file():
        return java, VNU_JAR
    message = f"needs java and {VNU_JAR} (bash .ci/run installs both)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def test_every_page_and_the_stylesheet_validate_with_zero_errors(tmp_path: Path) -> None:
    java, jar = require_vnu()
    evil = tmp_path / "evil-seeds"
    evil.mkdir()
    (evil / "x.txt").write_text(
        'Title <script>alert(1)</script> "quoted" & more\n\nBody <b onmouseover=x>text</b>.\n',
        encoding="utf-8",
    )
    for name, houses in (("storm-a", "1,200"), ("storm-b", "1,500")):  # a disagreement section
        (evil / f"{name}.md").write_text(
            f"---\ntitle: Storm damages houses in Port Elms\noutlet: {name}\ndate: 2024-03-04\n"
            f"---\nA storm hit the coastal city of Port Elms on Monday, {houses} houses were "
            "damaged.\n\nRescue teams reached Port Elms after the storm.\n",
            encoding="utf-8",
        )
    sites = [
        build_site(tmp_path, language="id", name="id"),
        build_site(tmp_path, language="en", base_url="https://example.org/sub/", name="en"),
        build_site(tmp_path, language="en", seeds=evil, name="evil"),
    ]
    files = [str(p) for s in sites for p in sorted(s.rglob("*.html")) if "pagefind" not in p.parts]
    files += [str(s / "style.css") for s in sites[:1]]
    assert len(files) > 20
    event_pages = (sites[2] / "events").glob("*.html")
    assert any('class="disagreements"' in p.read_text(encoding="utf-8") for p in event_pages)
    result = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--also-check-css", "--format", "gnu", *files],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert result.stderr.strip() == ""
