"""The loader on real files written to disk: walking, decoding, front matter, ids."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest

from digest import load
from digest.model import DateSource, Granularity


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def reasons(skipped: list[load.Skipped]) -> dict[str, str]:
    return {s.path: s.reason for s in skipped}


STORY = "Headline of a story\nThe minister arrived in the capital on Friday for talks.\n"


def test_reads_txt_headline_and_body(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "\n\n  My headline  \nFirst line of the body.\n\nSecond one.\n")
    raws, skipped = load.read_sources(tmp_path)
    assert skipped == []
    (raw,) = raws
    assert raw.title == "My headline"
    assert [line for line in raw.lines if line] == ["First line of the body.", "Second one."]
    assert raw.id == "a" and raw.path == "a.txt" and not raw.is_markdown


def test_subfolders_are_read_in_stable_order(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", STORY)
    write(tmp_path, "sub/a.txt", STORY.replace("Friday", "Monday"))
    write(tmp_path, "a.txt", STORY.replace("Friday", "Sunday"))
    raws, _ = load.read_sources(tmp_path)
    assert [r.path for r in raws] == ["a.txt", "b.txt", "sub/a.txt"]
    assert len({r.id for r in raws}) == 3


@pytest.mark.parametrize(
    "data",
    [
        "Judul\nIsi berita.\n".encode("utf-8-sig"),
        b"Judul\r\nIsi berita.\r\n",
        b"Judul\rIsi berita.\r",
        "Judul\nIsi berita.\n".encode("utf-16"),
        "Judul\nIsi berita.\n".encode("utf-16-le"),
        "Judul\nIsi berita.\n".encode("utf-16-be"),
    ],
    ids=["utf8-bom", "crlf", "cr", "utf16-bom", "utf16le-no-bom", "utf16be-no-bom"],
)
def test_lossless_encodings_read_without_warning(tmp_path: Path, data: bytes) -> None:
    write(tmp_path, "a.txt", data)
    raws, skipped = load.read_sources(tmp_path)
    assert skipped == []
    assert raws[0].title == "Judul"
    assert raws[0].lines == ("Isi berita.", "")
    assert raws[0].warnings == ()


def test_cp1252_is_decoded_with_a_warning_naming_the_line(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", b"Caf\xe9 headline\nSecond line \x93quoted\x94.\n")
    (raw,), _ = load.read_sources(tmp_path)
    assert raw.title == "Café headline"
    assert raw.lines[0] == "Second line “quoted”."
    assert "Windows-1252" in raw.warnings[0] and "line 1" in raw.warnings[0]


@pytest.mark.parametrize("cut", [1, 2])
def test_utf8_cut_off_mid_character_keeps_its_accents(tmp_path: Path, cut: int) -> None:
    """A half-written UTF-8 file is UTF-8, not Windows-1252 mojibake ('cafÃ©')."""
    data = "Kafe di Jakarta\nKunjungan ke kafé déjà vu, kata menteri 🇮🇩".encode()
    write(tmp_path, "a.txt", data[:-cut])
    (raw,), _ = load.read_sources(tmp_path)
    assert raw.lines[0].startswith("Kunjungan ke kafé déjà vu, kata menteri")
    assert "Ã" not in raw.lines[0] and len(raw.warnings) == 1
    assert "middle of a character" in raw.warnings[0]


def test_undefined_cp1252_bytes_still_decode(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", b"Title \x81\x8d\nBody \xff.\n")
    (raw,), _ = load.read_sources(tmp_path)
    assert raw.title.startswith("Title") and raw.lines[0] == "Body ÿ."


def test_mixed_line_ends_and_invisible_controls(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "T\u200bitle\r\none\rtwo\nthree\u2028four\x1b[31m\r\n")
    (raw,), _ = load.read_sources(tmp_path)
    assert raw.title == "Title"
    assert raw.lines[:4] == ("one", "two", "three", "four[31m")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\t\r\n  \n", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
        ("nul.md", b"Title\nbody\x00\x00more", "binary"),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "unknown file type (.jpg)"),
        ("notes.docx", b"PK\x03\x04", "unknown file type (.docx)"),
    ],
)
def test_unreadable_content_is_skipped_with_reason(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    write(tmp_path, name, content)
    write(tmp_path, "good.txt", STORY)
    raws, skipped = load.read_sources(tmp_path)
    assert [r.path for r in raws] == ["good.txt"]
    assert reason in reasons(skipped)[name]


@pytest.mark.parametrize(
    "name", [".DS_Store", ".hidden.txt", "a.txt~", ".#a.txt", "#a.txt#", "a.txt.swp", "a.md.bak"]
)
def test_hidden_and_backup_files_are_notes_not_warnings(tmp_path: Path, name: str) -> None:
    write(tmp_path, name, STORY)
    write(tmp_path, "good.txt", STORY)
    raws, skipped = load.read_sources(tmp_path)
    assert [r.path for r in raws] == ["good.txt"]
    (item,) = skipped
    assert item.path == name and not item.is_warning


def test_hidden_folder_is_not_entered(tmp_path: Path) -> None:
    write(tmp_path, ".git/a.txt", STORY)
    raws, skipped = load.read_sources(tmp_path)
    assert raws == [] and [s.path for s in skipped] == [".git"]


@pytest.mark.parametrize("size", [load.MAX_BYTES + 1, 200 * 1024 * 1024])
def test_too_large_file_is_refused_before_reading(tmp_path: Path, size: int) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.write(b"Headline\n" + b"Text. " * 1000)
        handle.truncate(size)  # sparse: costs no disk
    tracemalloc.start()
    try:
        raws, skipped = load.read_sources(tmp_path)
        _, peak_bytes = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert raws == [] and "larger than" in reasons(skipped)["big.txt"]
    assert peak_bytes < 1024 * 1024, f"{peak_bytes} bytes allocated: the file was read"


def test_long_line_is_split_at_sentence_ends_without_losing_text(tmp_path: Path) -> None:
    sentence = "Kim met the minister in Pyongyang on Friday. "
    line = sentence * (load.MAX_LINE_CHARS // len(sentence) * 3)
    write(tmp_path, "long.txt", "Title\n" + line)
    (raw,), _ = load.read_sources(tmp_path)
    assert len(raw.lines) >= 3
    assert all(len(p) <= load.MAX_LINE_CHARS for p in raw.lines)
    assert all(p.endswith("Friday.") for p in raw.lines)
    assert " ".join(raw.lines) == line.strip()
    assert any("split" in w for w in raw.warnings)


def test_first_line_too_long_for_a_headline_keeps_its_text(tmp_path: Path) -> None:
    first = "This is a first sentence. " + "word " * 200
    write(tmp_path, "a.txt", first + "\nNext.\n")
    (raw,), _ = load.read_sources(tmp_path)
    assert raw.title == "This is a first sentence."
    assert raw.lines[0] == first.strip()


def test_markdown_front_matter_fields(tmp_path: Path) -> None:
    write(
        tmp_path,
        "a.md",
        "---\ntitle: Kim meets minister\ndate: 2024-11-29\noutlet: KCNA Watch\n"
        "url: https://example.org/a\nlanguage: EN\n---\n\nThe *first* paragraph,\nwrapped.\n\n"
        "- Baca juga: [Other](https://x.example/b)\n- second item\n",
    )
    (raw,), skipped = load.read_sources(tmp_path)
    assert skipped == [] and raw.warnings == ()
    assert raw.title == "Kim meets minister"
    assert raw.published.value.isoformat() == "2024-11-29"
    assert raw.published.source is DateSource.FRONT_MATTER
    assert (raw.outlet, raw.url, raw.language) == ("KCNA Watch", "https://example.org/a", "en")
    assert raw.lines == ("The first paragraph, wrapped.", "Baca juga: Other", "second item")
    assert raw.markdown[0] == "The *first* paragraph,\nwrapped."


def test_markdown_heading_is_the_title_without_front_matter(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "# The headline\n\nBody text here.\n")
    (raw,), _ = load.read_sources(tmp_path)
    assert raw.title == "The headline" and raw.lines == ("Body text here.",)


@pytest.mark.parametrize(
    ("front", "warning"),
    [
        ("title: [unclosed\n", "not valid YAML"),
        ("title: 'a\n  b: c: d\n", "not valid YAML"),
        ("- just\n- a list\n", "must be a mapping"),
        ("date: yesterday\n", "'date' on line 2 is not a date"),
        ("date: 0001-01-01\n", "'date' on line 2 is not a date"),
        ("title: [1, 2]\n", "'title' on line 2 must be text, got a list"),
        ("outlet: {a: 1}\n", "'outlet' on line 2 must be text"),
        ("url: javascript:alert(1)\n", "'url' on line 2 is not an http(s) link"),
        ("url: ftp://example.org/a\n", "'url' on line 2 is not an http(s) link"),
        ("url: 'https://x.org/\"><script>'\n", "'url' on line 2 is not an http(s) link"),
        ("language: '\"><b>'\n", "'language' on line 2 is not a language code"),
        (
            "a: &a [1]\nb: &b [*a, *a, *a, *a]\ntitle: [*b, *b, *b, *b]\n",
            "'title' on line 4 must be text",
        ),
    ],
)
def test_bad_front_matter_is_a_warning_and_the_body_is_read(
    tmp_path: Path, front: str, warning: str
) -> None:
    write(tmp_path, "a.md", f"---\n{front}---\n# Fallback title\n\nBody.\n")
    (raw,), _ = load.read_sources(tmp_path)
    assert any(warning in w for w in raw.warnings), raw.warnings
    assert raw.lines[-1] == "Body."
    assert raw.url is None or raw.url.startswith("https://")


def test_yaml_syntax_error_names_the_file_line(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\ntitle: ok\ndate: [2024\n---\nBody.\n")
    (raw,), _ = load.read_sources(tmp_path)
    assert "line" in raw.warnings[0]


def test_front_matter_without_end_is_read_as_text(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\ntitle: x\n\nBody.\n")
    (raw,), _ = load.read_sources(tmp_path)
    assert "no closing" in raw.warnings[0]


def test_front_matter_year_and_month_precision(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\ndate: 2024\n---\nT\n\nB.\n")
    write(tmp_path, "b.md", "---\ndate: '2024-11'\n---\nT\n\nB2.\n")
    a, b = load.read_sources(tmp_path)[0]
    assert a.published.granularity is Granularity.YEAR
    assert b.published.granularity is Granularity.MONTH


def test_ids_are_unique_slugs_for_odd_names(tmp_path: Path) -> None:
    names = [
        "x.txt",
        "x.md",
        "with space.txt",
        "; rm -rf ~.txt",
        "北朝鮮.txt",
        "$(boom).md",
        "Ünïcode Ñame.txt",
        "-dash.txt",
    ]
    for index, name in enumerate(names):
        write(tmp_path, name, f"Title {index}\nBody {index}.\n")
    raws, skipped = load.read_sources(tmp_path)
    ids = {r.path: r.id for r in raws}
    assert len(ids) == len(names) and len(set(ids.values())) == len(names)
    assert all(load.slugify(i) == i for i in ids.values())
    assert ids["x.md"] == "x-md" or ids["x.txt"] == "x-txt"
    assert ids["北朝鮮.txt"].startswith("article-")
    assert [s.path for s in skipped] == ["x.txt"] and not skipped[0].is_warning


def test_identical_files_are_read_once_and_listed(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", STORY)
    write(tmp_path, "copy of a.txt", STORY)
    raws, skipped = load.read_sources(tmp_path)
    (raw,) = raws
    assert raw.path == "a.txt" and raw.duplicates == ("copy of a.txt",)
    assert "same text as a.txt" in reasons(skipped)["copy of a.txt"]


def test_symlinks_inside_outside_broken_and_loops(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    write(seeds, "real.txt", STORY)
    write(tmp_path, "secret.txt", "Secret\nOutside text.\n")
    (seeds / "inside.txt").symlink_to(seeds / "real.txt")
    (seeds / "outside.txt").symlink_to(tmp_path / "secret.txt")
    (seeds / "broken.txt").symlink_to(seeds / "missing.txt")
    (seeds / "loop.txt").symlink_to(seeds / "loop.txt")
    (seeds / "dirlink").symlink_to(tmp_path)
    (seeds / "sub").mkdir()
    (seeds / "innerlink").symlink_to(seeds / "sub")
    raws, skipped = load.read_sources(seeds)
    assert [r.path for r in raws] == ["inside.txt"]  # real.txt is its duplicate
    assert raws[0].duplicates == ("real.txt",)
    why = reasons(skipped)
    assert "outside the seeds folder" in why["outside.txt"]
    assert "broken" in why["broken.txt"] and "loop" in why["loop.txt"]
    assert "outside the seeds folder" in why["dirlink"]
    assert "not followed" in why["innerlink"]
    assert all("Outside text" not in line for r in raws for line in r.lines)


def test_unreadable_file_is_skipped(tmp_path: Path, as_nobody) -> None:
    seeds = tmp_path / "seeds"
    write(seeds, "locked.txt", STORY)
    write(seeds, "good.txt", STORY.replace("Friday", "Monday"))
    (seeds / "locked.txt").chmod(0)
    if os.geteuid() != 0:
        raws, skipped = load.read_sources(seeds)
        result = ([r.path for r in raws], reasons(skipped)["locked.txt"])
    else:  # root reads anything: load as the unprivileged user 'nobody' instead

        def load_seeds() -> tuple[list[str], str]:
            raws, skipped = load.read_sources(seeds)
            return [r.path for r in raws], reasons(skipped)["locked.txt"]

        result = tuple(as_nobody(load_seeds, tmp_path))
    assert result[0] == ["good.txt"]
    assert "cannot be read" in result[1] and "permissions" in result[1]


def test_folder_named_like_an_article_is_read_as_a_folder(tmp_path: Path) -> None:
    write(tmp_path, "story.txt/inner.txt", STORY)
    raws, skipped = load.read_sources(tmp_path)
    assert [r.path for r in raws] == ["story.txt/inner.txt"]
    assert "folder named like an article" in reasons(skipped)["story.txt"]


def test_fifo_is_skipped_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    raws, skipped = load.read_sources(tmp_path)
    assert raws == [] and "not a regular file" in reasons(skipped)["pipe.txt"]


def test_missing_seeds_folder_is_an_input_error(tmp_path: Path) -> None:
    from digest.errors import InputError

    with pytest.raises(InputError, match="nope"):
        load.read_sources(tmp_path / "nope")


def swap_for_outside_link(seeds: Path, outside: Path) -> None:
    """Replace seeds/a.txt by a link to a file outside, in one atomic rename."""
    (seeds / "a.tmp-link").symlink_to(outside / "secret.txt")
    os.replace(seeds / "a.tmp-link", seeds / "a.txt")


def swap_link_target_for_outside_link(seeds: Path, outside: Path) -> None:
    """seeds/a.txt is a link to seeds/real/a.txt (inside); that file becomes a link outside."""
    (seeds / "real" / "a.tmp-link").symlink_to(outside / "secret.txt")
    os.replace(seeds / "real" / "a.tmp-link", seeds / "real" / "a.txt")


def swap_folder_for_outside_link(seeds: Path, outside: Path) -> None:
    """seeds/sub/ is moved away and replaced by a link to a folder outside holding a.txt."""
    (outside / "a.txt").write_text("Secret headline\nOutside text in a folder.\n")
    (seeds / "real").rename(seeds.parent / "moved-away")
    (seeds / "real").symlink_to(outside)


def swap_for_pipe(seeds: Path, outside: Path) -> None:
    (seeds / "a.txt").unlink()
    os.mkfifo(seeds / "a.txt")


SWAPS = {
    "file swapped for a link outside": (swap_for_outside_link, "a.txt", "symbolic link"),
    "link target swapped for a link outside": (
        swap_link_target_for_outside_link,
        "a.txt",
        "symbolic link",
    ),
    "folder swapped for a link outside": (
        swap_folder_for_outside_link,
        "real/a.txt",
        "another file",
    ),
    "file swapped for a pipe": (swap_for_pipe, "a.txt", "not a regular file"),
}


@pytest.mark.parametrize("name", SWAPS)
def test_file_replaced_between_scan_and_read_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    swap, rel, fragment = SWAPS[name]
    seeds, outside = tmp_path / "seeds", tmp_path / "outside"
    write(outside, "secret.txt", "Secret headline\nOutside text.\n")
    write(seeds, "good.txt", STORY)
    if swap is swap_for_outside_link or swap is swap_for_pipe:
        write(seeds, "a.txt", STORY.replace("Friday", "Monday"))
    else:
        write(seeds, "real/a.txt", STORY.replace("Friday", "Monday"))
        if swap is swap_link_target_for_outside_link:
            (seeds / "a.txt").symlink_to(seeds / "real" / "a.txt")
    scan = load.find_sources

    def scan_then_swap(folder: Path) -> tuple[list, list[load.Skipped]]:
        found = scan(folder)
        assert rel in [p.relative_to(folder).as_posix() for p, _ in found[0]]
        swap(seeds, outside)
        return found

    monkeypatch.setattr(load, "find_sources", scan_then_swap)
    raws, skipped = load.read_sources(seeds)
    assert "good.txt" in [r.path for r in raws] and rel not in [r.path for r in raws]
    assert all("Outside text" not in line for r in raws for line in r.lines)
    why = reasons(skipped)[rel]
    assert fragment in why and "after the folder was scanned" in why, why


def test_file_read_through_a_link_inside_is_still_read(tmp_path: Path) -> None:
    """The guard opens a link's target as the scan resolved it; nothing changed, so it reads."""
    write(tmp_path, "real/a.txt", STORY)
    (tmp_path / "a.txt").symlink_to(tmp_path / "real" / "a.txt")
    raws, skipped = load.read_sources(tmp_path)
    assert [r.path for r in raws] == ["a.txt"] and raws[0].duplicates == ("real/a.txt",)
    assert ["same text as a.txt" in s.reason for s in skipped] == [True]
