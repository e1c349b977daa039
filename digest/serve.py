"""`digest serve`: build, serve the output folder on 127.0.0.1, rebuild when inputs change.

The server only ever reads the output folder, which the build replaces whole (see
digest/site.py), so a reader gets the complete previous site or the complete new one,
never a half-written mix. A failed rebuild leaves the last good site in place.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from digest.build import build
from digest.config import Config
from digest.errors import DigestError

HOST = "127.0.0.1"
SWAP_WAIT_SECONDS = 2.0
"""How long a request waits for the output folder while a build swaps it in."""

Snapshot = tuple[tuple[str, int, int], ...]


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """Return (path, mtime_ns, size) of every file under `paths`, sorted; missing ones add none."""
    found = []
    for root in paths:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            found.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(found))


def watched_paths(config: Config, config_path: Path | None) -> list[Path]:
    """Return what a rebuild depends on: seeds, user templates, the config and events files."""
    paths = [config.seeds, config.templates, config_path, config.events_file]
    return [p for p in paths if p is not None and p.exists()]


class _Handler(SimpleHTTPRequestHandler):
    """Serve files from the output folder; quiet; never cached, so a rebuild shows at once."""

    def translate_path(self, path: str) -> str:
        deadline = time.monotonic() + SWAP_WAIT_SECONDS
        while not Path(self.directory).is_dir() and time.monotonic() < deadline:
            time.sleep(0.02)
        return super().translate_path(path)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def make_server(out: Path, port: int) -> ThreadingHTTPServer:
    """Return an HTTP server for the folder `out` on 127.0.0.1:`port` (0: any free port)."""
    handler = functools.partial(_Handler, directory=str(out.resolve()))
    server = ThreadingHTTPServer((HOST, port), handler)
    server.daemon_threads = True
    return server


@dataclass
class Watcher:
    """Rebuilds the site when the watched inputs change."""

    load_config: Callable[[], Config]
    config_path: Path | None
    say: Callable[[str], None]
    last: Snapshot = ()

    def paths(self, config: Config) -> list[Path]:
        return watched_paths(config, self.config_path)

    def rebuild(self) -> bool:
        """Build once; report the result; True when the site was written."""
        started = time.perf_counter()
        try:
            config = self.load_config()
            self.last = snapshot(self.paths(config))
            report = build(config)
        except DigestError as err:
            self.say(f"build failed, still serving the last good site: {err}")
            return False
        seconds = time.perf_counter() - started
        self.say(f"built {report.articles} articles, {report.events} events in {seconds:.2f} s")
        return True

    def changed(self) -> bool:
        try:
            paths = self.paths(self.load_config())
        except DigestError:
            paths = [p for p in (self.config_path,) if p is not None]
        return snapshot(paths) != self.last


def serve(
    watcher: Watcher,
    out: Path,
    port: int,
    interval_seconds: float,
    stop: threading.Event,
    on_ready: Callable[[str], None],
) -> None:
    """Build, then serve `out` until `stop` is set, rebuilding whenever the inputs change."""
    watcher.rebuild()
    out.mkdir(parents=True, exist_ok=True)
    server = make_server(out, port)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    on_ready(f"http://{HOST}:{server.server_address[1]}/")
    try:
        while not stop.wait(interval_seconds):
            if watcher.changed():
                watcher.rebuild()
    finally:
        server.shutdown()
        server.server_close()
