"""Writing the site: refusals, safe paths, the lock, and builds killed halfway."""

from __future__ import annotations

import contextlib
import io
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import children, is_launcher, run_in_child, snapshot, start_time

from digest import cli, site
from digest.errors import OutputError

REPO = Path(__file__).resolve().parent.parent


def test_write_site_replaces_whole_folder(tmp_path: Path) -> None:
    out = tmp_path / "site"
    site.write_site({"index.html": b"one", "events/a.html": b"a"}, out)
    site.write_site({"index.html": b"two"}, out)
    assert snapshot(out) == {"index.html": b"two", site.MARKER: snapshot(out)[site.MARKER]}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.mark.parametrize(
    "rel", ["../evil.html", "/etc/passwd", "a/../../b", "", ".hidden", "a\\b", "a/\nb"]
)
def test_paths_that_leave_the_folder_are_refused(tmp_path: Path, rel: str) -> None:
    with pytest.raises(OutputError):
        site.write_site({rel: b"x"}, tmp_path / "site")
    assert not (tmp_path / "evil.html").exists()
    assert not (tmp_path / "site").exists()


def test_paths_differing_only_in_case_are_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="case"):
        site.write_site({"a.html": b"1", "A.html": b"2"}, tmp_path / "site")


@pytest.mark.parametrize(
    "where",
    [
        "root",
        "home",
        "seeds",
        "inside-seeds",
        "holds-seeds",
        "foreign",
        "file",
        "link-to-home",
        "link-to-seeds",
        "link-to-root",
    ],
)
def test_refused_output_folders(tmp_path: Path, where: str, capsys) -> None:
    seeds = tmp_path / "work" / "seeds"
    shutil.copytree(REPO / "seeds", seeds)
    foreign = tmp_path / "docs"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine")
    (tmp_path / "afile").write_text("x")
    (tmp_path / "home-link").symlink_to(Path.home())
    (tmp_path / "seeds-link").symlink_to(seeds)
    (tmp_path / "root-link").symlink_to("/")
    out = {
        "root": Path("/"),
        "home": Path.home(),
        "seeds": seeds,
        "inside-seeds": seeds / "site",
        "holds-seeds": tmp_path / "work",
        "foreign": foreign,
        "file": tmp_path / "afile",
        "link-to-home": tmp_path / "home-link",
        "link-to-seeds": tmp_path / "seeds-link",
        "link-to-root": tmp_path / "root-link",
    }[where]
    before = snapshot(tmp_path)
    code = cli.main(["build", "--seeds", str(seeds), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 3
    assert str(out) in err and len(err.strip().splitlines()) == 1
    assert snapshot(tmp_path) == before


def test_output_from_the_settings_file_is_refused_too(tmp_path: Path, capsys) -> None:
    """`output:` in digest.yaml gets the same checks as --out: here it names the seeds."""
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    (tmp_path / "digest.yaml").write_text("seeds: seeds\noutput: seeds\n", encoding="utf-8")
    before = snapshot(tmp_path)
    code = cli.main(["build", "--config", str(tmp_path / "digest.yaml")])
    err = capsys.readouterr().err
    assert code == 3 and "seeds folder" in err, err
    assert snapshot(tmp_path) == before


def test_previous_digest_folder_may_be_replaced(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert cli.main(["build", "--seeds", str(REPO / "seeds"), "--out", str(out), "--quiet"]) == 0
    (out / "stale.html").write_text("old page")
    assert cli.main(["build", "--seeds", str(REPO / "seeds"), "--out", str(out), "--quiet"]) == 0
    assert not (out / "stale.html").exists() and (out / "index.html").is_file()


HOLD_LOCK = """
import sys, time
from pathlib import Path
from digest import site
with site.output_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(60)
"""


def test_second_build_fails_clearly_while_another_process_holds_the_lock(
    tmp_path: Path, capsys
) -> None:
    out = tmp_path / "site"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(out)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        code = cli.main(["build", "--seeds", str(REPO / "seeds"), "--out", str(out)])
    finally:
        holder.kill()
        holder.wait()
    err = capsys.readouterr().err
    assert code == 3 and "another digest build" in err and f"pid {holder.pid}" in err
    assert not out.exists()
    assert cli.main(["build", "--seeds", str(REPO / "seeds"), "--out", str(out), "--quiet"]) == 0


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def test_workers_outliving_a_killed_build_do_not_block_the_next(tmp_path: Path) -> None:
    """Worker processes forked by a build must not keep its lock after it is killed."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for index in range(200):
        (seeds / f"{index:03d}.txt").write_text(
            f"Headline {index}\nThe minister met officials in city {index} on Friday.\n",
            encoding="utf-8",
        )
    out = tmp_path / "site"
    build = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "digest",
            "build",
            "--seeds",
            str(seeds),
            "--out",
            str(out),
            "--jobs",
            "2",
            "--no-cache",
            "--quiet",
        ],
        cwd=tmp_path,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while len(workers) < 2 and build.poll() is None and time.monotonic() < deadline:
        workers |= set(_children(build.pid))  # the pool forks its two workers one by one
        workers = {pid for pid in workers if not is_launcher(pid)}
        time.sleep(0.002)
    workers |= {pid for pid in _children(build.pid) if not is_launcher(pid)}
    build.send_signal(signal.SIGKILL)
    build.wait()
    try:
        if not workers:
            pytest.skip("the build finished before it started worker processes")
        with site.output_lock(out):
            pass
    finally:
        for pid in workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def test_concurrent_cli_builds_never_interleave(tmp_path: Path, many_seeds: Path) -> None:
    out = tmp_path / "site"
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "digest",
                "build",
                "--seeds",
                str(many_seeds),
                "--out",
                str(out),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [(r.wait(timeout=120), r.stderr.read()) for r in runs]
    codes = sorted(code for code, _ in results)
    assert codes[0] == 0
    if codes[1] != 0:  # the loser must say why
        assert codes[1] == 3
        assert any("another digest build" in err for _, err in results)
    assert (out / "events.json").is_file()


def test_failed_render_leaves_previous_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    site.write_site({"index.html": b"old"}, out)
    before = snapshot(out)
    with pytest.raises(OutputError):
        site.write_site({"index.html": b"new", "../x": b""}, out)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_leftovers_of_a_killed_build_are_cleaned_and_site_restored(tmp_path: Path) -> None:
    out = tmp_path / "site"
    site.write_site({"index.html": b"old"}, out)
    # What the two-rename fallback leaves when killed between its renames:
    os.rename(out, tmp_path / f"{site.OLD_PREFIX}site-999")
    (tmp_path / f"{site.STAGING_PREFIX}site-abc").mkdir()
    with site.output_lock(out):
        site.recover(out)
    assert (out / "index.html").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.digest-lock", "site"]


def _build_process(seeds: Path, out: Path, *options: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "digest", "build", "--seeds", str(seeds), "--out", str(out)]
    return subprocess.Popen(
        [*command, *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _kill_when(process: subprocess.Popen[bytes], ready) -> None:
    deadline = time.monotonic() + 60
    while not ready() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.0005)
    process.send_signal(signal.SIGKILL)
    process.wait()


def test_killed_builds_leave_old_or_new_site_whole(tmp_path: Path, many_seeds: Path) -> None:
    """Kill real builds at several moments; `site/` is always the old or the new site, whole."""
    out = tmp_path / "site"
    assert cli.main(["build", "--seeds", str(REPO / "seeds"), "--out", str(out), "--quiet"]) == 0
    old = snapshot(out)
    reference = tmp_path / "reference"
    shutil.copytree(out, reference)
    started = time.monotonic()
    assert cli.main(["build", "--seeds", str(many_seeds), "--out", str(reference), "--quiet"]) == 0
    new = snapshot(reference)
    seconds = time.monotonic() - started + 0.3  # plus the interpreter start of a subprocess
    assert new != old

    def staging_exists() -> bool:
        return any(p.name.startswith(site.STAGING_PREFIX) for p in tmp_path.iterdir())

    def staging_has_pages() -> bool:
        return any((p / "articles").is_dir() for p in tmp_path.glob(f"{site.STAGING_PREFIX}*"))

    moments = [(f"{f:.0%} of a build", f * seconds, None) for f in (0.5, 0.9)]

    def staging_complete() -> bool:  # the marker is written last, just before the swap
        return any((p / site.MARKER).is_file() for p in tmp_path.glob(f"{site.STAGING_PREFIX}*"))

    moments += [
        ("staging created", None, staging_exists),
        ("pages", None, staging_has_pages),
        ("at the swap", None, staging_complete),
    ]
    outcomes = []
    for label, delay, ready in moments:
        if snapshot(out) != old:  # a build finished: restart from the old site
            shutil.rmtree(out)
            site.write_site({k: v for k, v in old.items() if k != site.MARKER}, out)
        process = _build_process(many_seeds, out)
        if ready is None:
            begin = time.monotonic()
            _kill_when(process, lambda b=begin, d=delay: time.monotonic() - b >= d)
        else:
            _kill_when(process, ready)
        now = snapshot(out)
        assert now in (old, new), f"site/ is neither the old nor the new site after kill {label}"
        outcomes.append(now == new)
    print("kills that found the new site:", outcomes, f"build ~{seconds:.2f} s")
    # The next build cleans up whatever the killed ones left and publishes the new site.
    assert cli.main(["build", "--seeds", str(many_seeds), "--out", str(out), "--quiet"]) == 0
    assert snapshot(out) == new
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".reference.digest-lock",
        ".site.digest-lock",
        "reference",
        "site",
    ]
    assert not all(outcomes), "every build finished before its kill: nothing was tested"


def _pagefind_child(pid: int) -> tuple[int, str] | None:
    """Return the id and start time of a running Pagefind below `pid`, if there is one (the
    build starts it through its launcher's helper process: see `digest.launcher`)."""
    below = children(pid)
    below += [grandchild for child in below for grandchild in children(child)]
    for child in below:
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        started = start_time(child)
        if b"pagefind" in command and started is not None:
            return child, started
    return None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_build_killed_while_indexing_leaves_nothing_the_next_build_keeps(
    tmp_path: Path, many_seeds: Path
) -> None:
    """Kill a real build while Pagefind runs: Pagefind dies too, the next build tidies up."""
    out = tmp_path / "site"
    # Without a cache: search bundles of earlier builds of the same pages would be reused.
    process = _build_process(many_seeds, out, "--no-cache")
    found = None
    deadline = time.monotonic() + 60
    while found is None and process.poll() is None and time.monotonic() < deadline:
        found = _pagefind_child(process.pid)
        time.sleep(0.0005)
    if found is not None:  # stopped, it cannot finish on its own: only the kernel ends it
        os.kill(found[0], signal.SIGSTOP)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert found is not None, "the build ended before Pagefind started: nothing was tested"
    pagefind, started = found
    deadline = time.monotonic() + 10
    while start_time(pagefind) == started and time.monotonic() < deadline:
        time.sleep(0.01)
    if start_time(pagefind) == started:
        os.kill(pagefind, signal.SIGKILL)
        pytest.fail("Pagefind outlived the killed build")
    scratch = [p.name for p in tmp_path.iterdir() if p.name.startswith(site.SEARCH_PREFIX)]
    assert scratch, "the killed build left no search scratch folder beside site/"
    assert not out.exists()
    assert cli.main(["build", "--seeds", str(many_seeds), "--out", str(out), "--quiet"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.digest-lock", "site"]
    assert (out / "pagefind" / "pagefind.js").is_file()


def test_leftovers_of_other_output_folders_are_kept(tmp_path: Path) -> None:
    """'site-2' and 'site[1]' beside 'site' are other outputs: their folders are not ours."""
    out = tmp_path / "site"
    others = [
        site.temp_folder(tmp_path / name, prefix)
        for name in ("site-2", "site[1]", "site-x-y")
        for prefix in (site.STAGING_PREFIX, site.SEARCH_PREFIX)
    ]
    others.append(tmp_path / f"{site.OLD_PREFIX}site-2-123")
    others[-1].mkdir()
    ours = [site.temp_folder(out, site.STAGING_PREFIX), site.temp_folder(out, site.SEARCH_PREFIX)]
    with site.output_lock(out):
        site.recover(out)
    assert not out.exists(), "another output's old site was taken for this one's"
    assert all(folder.is_dir() for folder in others)
    assert not any(folder.exists() for folder in ours)


def test_no_input_writes_outside_the_output_folder(tmp_path: Path, capsys) -> None:
    """Odd file names and a forged previous events.json with '../' ids stay inside site/."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    names = ["..txt", "....md", "%2e%2e%2fevil.txt", "-.txt", "CON.txt", "sub/..txt"]
    for index, name in enumerate(names):
        (seeds / name).parent.mkdir(exist_ok=True)
        (seeds / name).write_text(f"Headline {index}\nA story {index} about the harbour.\n")
    out = tmp_path / "site"
    assert cli.main(["build", "--seeds", str(seeds), "--out", str(out), "--quiet"]) == 0
    data = (out / "events.json").read_text(encoding="utf-8")
    forged = data.replace('"event": "', '"event": "../../evil-')  # each article's event id
    (tmp_path / "forged.json").write_text(forged, encoding="utf-8")
    (out / "events.json").write_text(forged, encoding="utf-8")
    before = {p for p in snapshot(tmp_path) if not p.startswith("site/")}
    capsys.readouterr()
    previous = ["--previous", str(tmp_path / "forged.json")]
    assert cli.main(["build", "--seeds", str(seeds), "--out", str(out), *previous]) == 2
    assert "forged.json: not an events.json written by digest" in capsys.readouterr().err
    assert cli.main(["build", "--seeds", str(seeds), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"warning: {out / 'events.json'}: not an events.json written by digest" in err
    assert {p for p in snapshot(tmp_path) if not p.startswith("site/")} == before
    pages = sorted(p.name for p in (out / "articles").iterdir())
    visible = [n for n in names if not Path(n).name.startswith(".")]  # the rest: hidden files
    assert len(pages) == len(visible) == 3 and all(not p.startswith(".") for p in pages)


def test_user_asset_with_an_unsafe_name_is_a_clear_error(tmp_path: Path, capsys) -> None:
    """A theme file the site cannot hold is named, with the fix; the old site stays."""
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "my logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    out = tmp_path / "site"
    assert cli.main(["build", "--seeds", str(REPO / "seeds"), "--out", str(out), "--quiet"]) == 0
    before = snapshot(out)
    (tmp_path / "digest.yaml").write_text(
        f"seeds: {REPO / 'seeds'}\noutput: site\ntemplates: theme\n", encoding="utf-8"
    )
    capsys.readouterr()
    assert cli.main(["build", "--config", str(tmp_path / "digest.yaml"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert f"{theme / 'my logo.png'}: a site file name may use only" in err, err
    assert snapshot(out) == before


def _in_child_with_file_size_limit(function, limit_bytes: int) -> list:
    """Return `function()` run in a forked child that may write no file over `limit_bytes`.

    RLIMIT_FSIZE makes the kernel refuse a write past the limit (EFBIG), as a full disk
    or a quota would; SIGXFSZ is ignored so the write fails instead of killing the child.
    """

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return run_in_child(function, limit)


def test_a_write_that_fails_is_one_clear_error_and_the_old_site_stays(tmp_path: Path) -> None:
    out = tmp_path / "site"
    site.write_site({"index.html": b"old"}, out)

    def write_big() -> list:
        try:
            site.write_site({"index.html": b"new", "big.html": b"x" * 200_000}, out)
        except OutputError as err:
            return [str(err)]
        return []

    (message,) = _in_child_with_file_size_limit(write_big, 100_000)
    assert message.startswith(f"{out.resolve()}: cannot write the new site (File too large)")
    assert snapshot(out) == {"index.html": b"old", site.MARKER: snapshot(out)[site.MARKER]}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_build_that_cannot_write_fails_clearly_and_keeps_the_old_site(tmp_path: Path) -> None:
    """A real build whose pages hit a file size limit: one line, exit 3, old site whole."""
    seeds = tmp_path / "seeds"
    shutil.copytree(REPO / "seeds", seeds)
    out = tmp_path / "site"
    assert cli.main(["build", "--seeds", str(seeds), "--out", str(out), "--quiet"]) == 0
    before = snapshot(out)
    paragraphs = [
        f"Paragraph {i}: the harbour talks went on, said official number {i} on the day."
        for i in range(2_000)
    ]
    (seeds / "long.txt").write_text("A very long report\n" + "\n".join(paragraphs) + "\n")

    def build_it() -> list:
        err = io.StringIO()
        args = ["build", "--seeds", str(seeds), "--out", str(out), "--no-cache", "--quiet"]
        with contextlib.redirect_stderr(err):
            code = cli.main(args)
        return [code, err.getvalue()]

    code, stderr = _in_child_with_file_size_limit(build_it, 120_000)
    assert code == 3, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"digest: error: {out}: cannot write")
    assert lines[0].endswith("(File too large); the previous site is unchanged")
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.digest-lock", "seeds", "site"]


def test_an_output_folder_that_cannot_be_written_is_one_clear_error(
    tmp_path: Path, as_nobody
) -> None:
    parent = tmp_path / "readonly"
    parent.mkdir()
    parent.chmod(0o555)  # for root, this is how it looks to 'nobody' (not the owner)
    out = parent / "site"

    def build_it() -> list:
        err = io.StringIO()
        args = ["build", "--seeds", str(REPO / "seeds"), "--out", str(out), "--no-cache"]
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = cli.main(args)
        return [code, err.getvalue()]

    code, stderr = as_nobody(build_it, tmp_path) if os.geteuid() == 0 else build_it()
    assert code == 3, stderr
    assert stderr.strip() == (
        f"digest: error: {out}: cannot create the lock file .site.digest-lock beside it "
        f"(Permission denied); check that you may write to {parent}"
    )
    assert list(parent.iterdir()) == []
