"""An opinion column or a round-up of several happenings joins no event (`features.ROUNDUP`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import explain_cli

from digest import cluster, evaluate
from digest.config import ClusterParams

REPORT = """Banjir Bandang Terjang Kerinci, Empat Warga Meninggal

Kerinci - Banjir bandang menerjang Desa Lempur di Kecamatan Gunung Raya, Kerinci, Jambi,
Selasa (20/10/2026) sore. Empat warga meninggal dan tiga hilang, kata Kepala BPBD Kerinci.
Tim SAR gabungan mencari korban hilang di sepanjang Sungai Batang Merangin.
"""
OTHER = """Flash flood kills four in Indonesia's Kerinci, three missing

JAKARTA, Oct 20 (Reuters) - A flash flood swept through Lempur village in Kerinci regency
on the island of Sumatra on Tuesday, killing four people, the disaster agency said. Three
people were missing and rescuers searched the Batang Merangin river.
"""
ROUNDUP = """{label} Banjir Kerinci, Kebakaran Tambora, hingga Persija Menang

Banjir bandang menerjang Desa Lempur di Kecamatan Gunung Raya, Kerinci, Selasa sore:
empat warga meninggal dan tiga hilang. Kebakaran di Tambora menewaskan tiga orang. Persija
menang 2-1 atas Borneo FC di Jakarta.
"""


def _groups(tmp_path: Path, label: str) -> list[set[str]]:
    for name, text in {"a": REPORT, "b": OTHER, "c": ROUNDUP.format(label=label)}.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    articles = evaluate.load_articles(tmp_path)
    return [set(g) for g in cluster.cluster_articles(articles, ClusterParams())]


@pytest.mark.parametrize(
    "label", ["5 Berita Terpopuler Hari Ini:", "Rangkuman Sepekan:", "OPINI:", "KOLOM:"]
)
def test_a_roundup_stays_alone_however_much_it_shares(tmp_path: Path, label: str) -> None:
    groups = _groups(tmp_path, label)
    assert {"a", "b"} in groups and {"c"} in groups


def test_the_same_text_as_a_report_joins_its_event(tmp_path: Path) -> None:
    """Without the label the round-up's opening is the flood's, and it joins the flood."""
    groups = _groups(tmp_path, "Detik-detik")
    assert {"a", "b", "c"} in groups


def test_explain_says_a_roundup_joins_no_event(tmp_path: Path) -> None:
    _groups(tmp_path, "Rangkuman Sepekan:")
    out = explain_cli("a", "c", tmp_path)
    assert "DIFFERENT events" in out.splitlines()[0]
    assert any(x.strip().startswith("genre  c's headline") for x in out.splitlines())
