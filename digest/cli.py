"""The `digest` command: parse arguments, call the build, report."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from digest import __version__, check, progress, site
from digest.build import Helpers, build
from digest.cache import DEFAULT_FOLDER, BuildCache, cache_version
from digest.config import Config, load_config, normalize_base_url
from digest.errors import ConfigError, DigestError, StrictError
from digest.markup import printable
from digest.model import BuildReport
from digest.quality_cli import add_quality_commands, run_quality_command
from digest.workers import Workers, default_jobs

EXIT_OK = 0
EXIT_PROBLEMS = 1
"""`digest check` found errors, or --strict found warnings (nothing was written)."""
EXIT_ERROR = 2
EXIT_CODES = """exit codes:
  0  success (check: no errors; with --strict, no warnings either)
  1  check found errors, or --strict found warnings; nothing was written
  2  a problem to fix: bad digest.yaml or events.yaml, missing seeds folder, bad arguments
  3  the output folder is refused (/, home, seeds, someone else's files), cannot be
     written (permissions, a full disk), or another build is writing it"""
"""Shown by --help; README.md has the same table."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="digest",
        description="Turn a folder of news articles into a static event digest.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"digest {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    b = commands.add_parser(
        "build",
        help="build the site from the seeds folder",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    b.add_argument("--seeds", type=Path, help="folder of article files (default: seeds/)")
    b.add_argument("--out", type=Path, help="output folder (default: site/)")
    b.add_argument("--config", type=Path, help="settings file (default: digest.yaml if present)")
    b.add_argument(
        "--base-url",
        metavar="URL",
        help="absolute URL the site is published under, for canonical links, feed and sitemap "
        "(default: site.base_url in digest.yaml; empty: that default)",
    )
    b.add_argument(
        "--previous",
        metavar="FILE_OR_URL",
        help="the previous build's events.json, a path or an http(s) URL, for stable ids and "
        '"What\'s new" (default: the events.json in the output folder; empty: that default)',
    )
    b.add_argument("--quiet", action="store_true", help="print nothing but errors")
    b.add_argument("--strict", action="store_true", help="fail on any warning; write nothing")
    b.add_argument(
        "--jobs",
        type=int,
        default=default_jobs(),
        metavar="N",
        help="worker processes for reading and cleaning (default: the number of cores)",
    )
    b.add_argument(
        "--cache",
        type=Path,
        default=DEFAULT_FOLDER,
        metavar="DIR",
        help="build cache folder; safe to delete (default: .digest-cache)",
    )
    b.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    b.add_argument(
        "--timings", action="store_true", help="print the seconds each stage took, as one line"
    )
    c = commands.add_parser(
        "check",
        help="report every problem in settings and seeds; write nothing",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    c.add_argument("--seeds", type=Path, help="folder of article files (default: seeds/)")
    c.add_argument("--out", type=Path, help="output folder to check (default: site/)")
    c.add_argument("--config", type=Path, help="settings file (default: digest.yaml if present)")
    c.add_argument("--strict", action="store_true", help="exit non-zero on warnings too")
    c.set_defaults(base_url=None, previous=None)
    add_quality_commands(commands)
    s = commands.add_parser(
        "serve", help="build, serve the site on 127.0.0.1 and rebuild when inputs change"
    )
    s.add_argument("--seeds", type=Path, help="folder of article files (default: seeds/)")
    s.add_argument("--out", type=Path, help="output folder (default: site/)")
    s.add_argument("--config", type=Path, help="settings file (default: digest.yaml if present)")
    s.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (0: any free port)")
    s.add_argument("--interval", type=float, default=1.0, help="seconds between checks for changes")
    s.set_defaults(base_url=None, previous=None)
    return parser


def run_serve(args: argparse.Namespace) -> int:
    """Serve until interrupted; print one line per rebuild."""
    import signal
    import threading

    from digest import serve

    def say(message: str) -> None:
        print(f"digest serve: {printable(message)}", flush=True)

    config_path = args.config
    if config_path is None and Path("digest.yaml").is_file():
        config_path = Path("digest.yaml")
    try:
        config = resolve_config(args)
        # A refused folder (/, home, seeds, someone's files) fails every build: never serve it.
        site.check_output(config.output, config.seeds)
        out = config.output
    except DigestError as err:
        print(f"digest: error: {printable(str(err))}", file=sys.stderr)
        return err.exit_code
    watcher = serve.Watcher(lambda: resolve_config(args), config_path, say)
    stop = threading.Event()
    # Ctrl-C and SIGTERM stop the server even when it was started with SIGINT ignored (a
    # background job of a script inherits that, and Python then never raises
    # KeyboardInterrupt).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        serve.serve(watcher, out, args.port, args.interval, stop, lambda url: say(f"serving {url}"))
    except OSError as err:
        print(f"digest: error: cannot serve on 127.0.0.1:{args.port}: {err}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        stop.set()
    return EXIT_OK


def resolve_config(args: argparse.Namespace) -> Config:
    """Return the config from --config (or ./digest.yaml) with command-line paths applied."""
    path = args.config
    if path is None and Path("digest.yaml").is_file():
        path = Path("digest.yaml")
    config = load_config(path)
    if args.seeds is not None:
        config = replace(config, seeds=args.seeds)
    if args.out is not None:
        config = replace(config, output=args.out)
    if args.base_url:
        if not args.base_url.startswith(("http://", "https://")):
            raise ConfigError(
                f"--base-url must start with http:// or https://, got {args.base_url!r}"
            )
        config = replace(
            config, site=replace(config.site, base_url=normalize_base_url(args.base_url))
        )
    if args.previous:
        config = replace(config, previous=args.previous)
    return config


def _print_problems(report: BuildReport) -> None:
    for problem in report.notes:
        print(f"note: {printable(str(problem))}", file=sys.stderr)
    for problem in report.warnings:
        print(f"warning: {printable(str(problem))}", file=sys.stderr)


def run_check(args: argparse.Namespace) -> int:
    """Print every finding of `digest check`, one per line, then a summary; return the exit code."""
    config_path = args.config
    if config_path is None and Path("digest.yaml").is_file():
        config_path = Path("digest.yaml")
    findings: list[check.Finding] = []
    try:
        config = resolve_config(args)
    except ConfigError as err:
        config = Config()
        config = replace(config, seeds=args.seeds or config.seeds, output=args.out or config.output)
        events = (config_path or Path("digest.yaml")).parent / "events.yaml"
        if events.is_file():  # still checked when the settings that name it are broken
            config = replace(config, events_file=events)
        if config_path is None or not check.check_config_file(config_path):
            findings.append(check.Finding(str(config_path or "settings"), str(err)))
    articles, found = check.check_all(config, config_path)
    findings += found
    for finding in findings:
        print(finding, file=sys.stderr)
    errors = check.count(findings, check.Severity.ERROR)
    warnings = check.count(findings, check.Severity.WARNING)
    print(
        f"digest check: {articles} articles, {errors} errors, {warnings} warnings, "
        f"{check.count(findings, check.Severity.NOTE)} notes"
    )
    return EXIT_PROBLEMS if errors or (args.strict and warnings) else EXIT_OK


def cache_label(cache: BuildCache) -> str:
    """Return "; cache: 9 records reused, 1 made" for a cache in use, "" otherwise."""
    if not cache.is_enabled or cache.hits + cache.misses == 0:
        return ""
    return f"; cache: {cache.hits} records reused, {cache.misses} made"


def make_helpers(args: argparse.Namespace, config: Config) -> Helpers:
    """Return the cache, workers and progress display that the build options ask for."""
    if args.jobs < 1:
        raise ConfigError(f"--jobs must be at least 1, got {args.jobs}")
    if args.no_cache:
        cache = BuildCache.disabled()
    else:
        cache = BuildCache.open(args.cache, cache_version(config))
    return Helpers(cache, Workers(args.jobs), progress.for_stream(sys.stdout, args.quiet))


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "check":
        return run_check(args)
    if args.command in ("eval", "explain"):
        return run_quality_command(args)
    if args.command == "serve":
        return run_serve(args)
    started = time.perf_counter()
    try:
        config = resolve_config(args)
        helpers = make_helpers(args, config)
        report = build(config, strict=args.strict, helpers=helpers)
    except StrictError as err:
        _print_problems(err.report)
        print(f"digest: error: {err}", file=sys.stderr)
        return err.exit_code
    except DigestError as err:
        print(f"digest: error: {printable(str(err))}", file=sys.stderr)
        return err.exit_code
    if not args.quiet:
        _print_problems(report)
        seconds = time.perf_counter() - started
        print(
            f"digest: {report.articles} articles, {report.events} events, "
            f"{len(report.warnings)} warnings, {report.pages} files "
            f"({report.written} changed) in {config.output} "
            f"({seconds:.2f} s{cache_label(helpers.cache)})"
        )
    if args.timings:
        stages = " ".join(f"{name}={value:.3f}" for name, value in report.seconds.items())
        print(f"timings: {stages}")
    return EXIT_OK
