"""Regenerate the README screenshots (docs/*.png) from a fresh build of seeds/.

    python scripts/screenshots.py [--out docs]

Builds the site into a temporary folder, opens it from disk in Debian's headless Chromium
(driven by Playwright) and saves the index and the largest event page at phone and desktop
widths.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
SIZES = {"phone": (390, 844), "desktop": (1280, 900)}


def build(out: Path) -> Path:
    """Build seeds/ with the repository's digest.yaml into `out` and return it."""
    command = [sys.executable, "-m", "digest", "build", "--config", str(REPO / "digest.yaml")]
    subprocess.run([*command, "--out", str(out), "--quiet"], cwd=REPO, check=True)
    return out


def biggest_event(site: Path) -> str:
    events = json.loads((site / "events.json").read_text(encoding="utf-8"))["events"]
    return max(events, key=lambda e: (len(e["articles"]), e["id"]))["id"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as p:
        site = build(Path(scratch) / "site")
        pages = {
            "index": site / "index.html",
            "event": site / "events" / f"{biggest_event(site)}.html",
        }
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for size_name, (width, height) in SIZES.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            for page_name, path in pages.items():
                page.goto(path.as_uri())
                target = args.out / f"{page_name}-{size_name}.png"
                page.screenshot(path=str(target))
                print(target.relative_to(REPO) if target.is_relative_to(REPO) else target)
            context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
