"""Which step of a known sequence of happenings a report is about: a trial's charges,
hearing of witnesses, prosecutors' demand and verdict; two governments' talks and the
signing of an agreement; an election's vote, its official result and the swearing-in.

Each step is a separate happening with the same actors, the same place and much the same
words: a verdict's report repeats the demand, a result's report repeats the vote. When the
reports carry no dates (scraped English wire copy often says only "on Wednesday"), nothing
else tells them apart. The step a report is about is read from its headline and first
sentence, which name what just happened; a later step's report names the earlier ones
("six years, lighter than the prosecutors' demand"), an earlier step's cannot name the
later, so the latest step named is the report's.

A sequence counts only where the same text names its setting (a court, a prosecutor; a
minister, a memorandum; an election, its commission): "Persija ditahan imbang" is a draw,
not a detention, "tuntutan buruh" are workers' demands and a club signs a player. Talks and
a signing count only outside a summit or forum: its talks and the declaration signed at its
close are one happening.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digest.text import split_sentences


@dataclass(frozen=True)
class Sequence:
    name: str
    setting: re.Pattern[str]
    """Words that place a text in this sequence's setting."""
    step_names: tuple[str, ...]
    """How `digest explain` names each step."""
    steps: tuple[re.Pattern[str], ...]
    """Words that name each step, in the order the steps happen."""
    apart_from: re.Pattern[str] | None = None
    """Words of a larger happening the steps are parts of (a summit's talks and the
    declaration signed at its close are one event): where they appear, no step is read."""


def _words(forms: str) -> re.Pattern[str]:
    """Return the pattern of any of the space-separated `forms` as a word ("_" for a space
    inside one: "quick_count")."""
    alternatives = (form.replace("_", r"\s+") for form in forms.split())
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


SEQUENCES = (
    Sequence(
        "trial",
        _words(
            "court courts judges? prosecutors? prosecution defendant trial pengadilan "
            "hakim jaksa JPU penuntut terdakwa sidang persidangan majelis tipikor"
        ),
        ("trial's charges", "trial's hearing of witnesses", "trial's demand", "trial's verdict"),
        (
            _words(
                "charged indicted indictment arraigned didakwa dakwaan mendakwa dakwa "
                "sidang_perdana first_hearing opening_hearing"
            ),
            _words("testified testimony witness witnesses saksi kesaksian"),
            _words("seeks? sought demands? demanded tuntut dituntut menuntut tuntutan"),
            _words(
                "sentenced jails jailed convicted convicts acquitted acquits verdict "
                "vonis divonis memvonis dihukum menghukum dibebaskan membebaskan"
            ),
        ),
    ),
    Sequence(
        "talks",
        _words(
            "ministers? minister's menteri menlu menhan president presiden prime_minister "
            "foreign luar_negeri bilateral delegation delegasi counterpart ambassador duta_besar "
            "memorandums? MoU pacts? agreements? treaty perjanjian kesepakatan nota_kesepahaman"
        ),
        ("meeting", "signing"),
        (
            _words(
                "meets? met meeting talks bertemu pertemuan temui menemui bahas membahas "
                "discuss discussed berbincang"
            ),
            _words(
                "signs? signed signing teken meneken menandatangani ditandatangani "
                "penandatanganan tandatangani"
            ),
        ),
        _words(
            "forum summit KTT konferensi conference ministerial kongres congress muktamar "
            "declaration deklarasi"
        ),
    ),
    Sequence(
        "election",
        _words(
            "elections? electoral polls? ballots? voters? rerun pemilu pilkada "
            "pilpres pileg PSU KPU pemungutan pemilihan"
        ),
        ("election's vote", "election's official result", "election's swearing-in"),
        (
            _words(
                "voting voted votes vote turnout pencoblosan mencoblos coblos nyoblos "
                "hitung_cepat quick_count partisipasi"
            ),
            _words(
                "declared certified official_results? rekapitulasi tetapkan ditetapkan "
                "menetapkan penetapan pleno"
            ),
            _words("sworn inaugurated inauguration dilantik melantik pelantikan"),
        ),
    ),
)


def opening(title: str, paragraphs: tuple[str, ...] | list[str]) -> str:
    """Return the text a report's step is read from: its headline and first sentence."""
    sentences = split_sentences(paragraphs[0]) if paragraphs else []
    return "\n".join([title, *sentences[:1]])


def step_of(text: str) -> tuple[str, int] | None:
    """Return the sequence and the latest step of it that `text` names, or None.

    >>> step_of("Court jails ex-official for six years, less than prosecutors sought")
    ('trial', 3)
    >>> step_of("KPK Tuntut Hendra Wiratama 8,5 Tahun Penjara di Pengadilan Tipikor")
    ('trial', 2)
    >>> step_of("Persija Ditahan Imbang PSM Makassar") is None
    True
    """
    for sequence in SEQUENCES:
        if not sequence.setting.search(text):
            continue
        if sequence.apart_from is not None and sequence.apart_from.search(text):
            continue
        named = [k for k, step in enumerate(sequence.steps) if step.search(text)]
        if named:
            return (sequence.name, named[-1])
    return None


def step_name(sequence: str, step: int) -> str:
    """Return how `explain` names a step: "trial's verdict"."""
    return next(s.step_names[step] for s in SEQUENCES if s.name == sequence)


def different_steps(a: tuple[str, int] | None, b: tuple[str, int] | None) -> bool:
    """Whether two reports are about different steps of one sequence."""
    return a is not None and b is not None and a[0] == b[0] and a[1] != b[1]
