"""User-interface strings in English and Indonesian."""

from __future__ import annotations

from collections.abc import Mapping

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember"),
}  # fmt: skip

WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
}

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "events": "Events",
        "event": "Event",
        "articles": "Articles",
        "article": "Article",
        "outlets": "outlets",
        "n_articles": "{n} articles",
        "n_article": "1 article",
        "n_outlets": "{n} outlets",
        "n_outlet": "1 outlet",
        "timeline": "Timeline",
        "background": "background",
        "planned": "expected",
        "names": "Names",
        "kind_person": "person",
        "kind_organisation": "organisation",
        "kind_place": "place",
        "sources": "Sources",
        "published": "Published",
        "outlet": "Outlet",
        "unknown_outlet": "unknown outlet",
        "date_unknown": "date unknown",
        "week_of": "week of {date}",
        "part_of": "Part of the event",
        "removed": "Removed boilerplate",
        "original": "Original",
        "file": "File",
        "skip": "Skip to content",
        "home": "All events",
        "data": "Data (JSON)",
        "no_events": "No events yet: add article files to the seeds folder and rebuild.",
        "inferred": "inferred",
        "whats_new": "What's new",
        "new_events": "New events",
        "grown_events": "Events with new reports",
        "new_articles": "Articles added",
        "grew_by": "+{n}, now {total} articles",
        "changes_undated": "A build without a date",
        "no_changes": "Nothing recorded yet. Each build compares itself with the previous one "
        "and lists here what it added.",
        "no_longer": "no longer in the digest",
        "in_event": "in",
        "changes_intro": "What each build added to the digest, newest first.",
        "story": "Timeline of all events",
        "story_lede": (
            "Every event's days on one axis. Background is folded away, once even when several "
            "events recall it."
        ),
        "n_sources": "{n} sources",
        "source_sentences": "What each source says",
        "precision_day": "known to the day",
        "precision_week": "known to the week",
        "precision_month": "known to the month",
        "precision_year": "known to the year",
        "provenance_front-matter": "date from the article's metadata",
        "provenance_dateline": "date from the article's dateline",
        "provenance_explicit": "date as written in the article",
        "provenance_dateline-inferred-year": (
            "day and month from the article's dateline (or its first paragraph's weekday "
            "and date); the year from dates in its text, or else from the dates of the "
            "other reports in its folder"
        ),
        "provenance_relative": (
            "worked out from a weekday or relative phrase and the article's date"
        ),
        "provenance_estimated": "estimated from the article's text; not stated",
        "provenance_inferred": "inferred from other reports of the same event; not stated",
        "locale": "en_US",
        "site_nav": "Site",
        "search": "Search",
        "footer": "Built by digest from the articles in the seeds folder",
        "feed": "Feed (Atom)",
        "summary": "Summary",
        "source": "source",
        "disagreements": "Where the reports differ",
        "disagreements_intro": "These articles give different figures or dates in similar sentences. Both are shown with their source: check whether they describe the same thing. A figure from reports of different days may have changed in between (a rising toll): those are marked as updates, earliest first.",
        "disagree_figure": "Figure",
        "disagree_date": "Date",
        "disagree_update": "Figure, updated between reports",
        "no_timeline": "No dated happenings were found in these articles.",
        "related": "Related events",
        "shares": "shares",
        "breadcrumb": "You are here",
        "language": "Language",
        "paragraph": "Link to paragraph",
        "names_intro": "Every person, organisation and place the events are about, with the events that mention it.",
        "letters": "Letters",
        "months": "Months",
        "search_label": "Search events and articles",
        "search_results": "{n} results for “{q}”",
        "search_result": "1 result for “{q}”",
        "search_none": "No results for “{q}”",
        "search_offline": "Search is not available here: it needs the site served over HTTP (a static host, or `digest serve`).",
        "search_loading": "Searching…",
        "search_nojs": "Search needs JavaScript. Everything else works without it: browse",
    },
    "id": {
        "events": "Peristiwa",
        "event": "Peristiwa",
        "articles": "Artikel",
        "article": "Artikel",
        "outlets": "media",
        "n_articles": "{n} artikel",
        "n_article": "1 artikel",
        "n_outlets": "{n} media",
        "n_outlet": "1 media",
        "timeline": "Linimasa",
        "background": "latar",
        "planned": "rencana",
        "names": "Nama",
        "kind_person": "orang",
        "kind_organisation": "organisasi",
        "kind_place": "tempat",
        "sources": "Sumber",
        "published": "Terbit",
        "outlet": "Media",
        "unknown_outlet": "media tidak diketahui",
        "date_unknown": "tanggal tidak diketahui",
        "week_of": "pekan {date}",
        "part_of": "Bagian dari peristiwa",
        "removed": "Teks tambahan yang dibuang",
        "original": "Asli",
        "file": "Berkas",
        "skip": "Langsung ke isi",
        "home": "Semua peristiwa",
        "data": "Data (JSON)",
        "no_events": "Belum ada peristiwa: tambahkan berkas artikel ke folder seeds, lalu bangun.",
        "inferred": "disimpulkan",
        "whats_new": "Yang baru",
        "new_events": "Peristiwa baru",
        "grown_events": "Peristiwa dengan laporan baru",
        "new_articles": "Artikel yang ditambahkan",
        "grew_by": "+{n}, kini {total} artikel",
        "changes_undated": "Pembangunan tanpa tanggal",
        "no_changes": "Belum ada catatan. Setiap pembangunan membandingkan dirinya dengan "
        "pembangunan sebelumnya dan mencantumkan di sini apa yang ditambahkan.",
        "no_longer": "tidak lagi ada di digest",
        "in_event": "dalam",
        "changes_intro": "Apa yang ditambahkan setiap pembangunan ke digest, yang terbaru dulu.",
        "story": "Linimasa semua peristiwa",
        "story_lede": (
            "Hari-hari setiap peristiwa pada satu sumbu. Latar dilipat, sekali saja walau "
            "disebut beberapa peristiwa."
        ),
        "n_sources": "{n} sumber",
        "source_sentences": "Kata setiap sumber",
        "precision_day": "diketahui harinya",
        "precision_week": "diketahui pekannya",
        "precision_month": "diketahui bulannya",
        "precision_year": "diketahui tahunnya",
        "provenance_front-matter": "tanggal dari metadata artikel",
        "provenance_dateline": "tanggal dari dateline artikel",
        "provenance_explicit": "tanggal seperti tertulis di artikel",
        "provenance_dateline-inferred-year": (
            "tanggal dan bulan dari dateline artikel (atau nama hari dan tanggal di paragraf "
            "pertamanya); tahunnya dari tanggal dalam teksnya, atau dari tanggal laporan lain "
            "di foldernya"
        ),
        "provenance_relative": "dihitung dari nama hari atau frasa relatif dan tanggal artikel",
        "provenance_estimated": "diperkirakan dari teks artikel; tidak disebutkan",
        "provenance_inferred": (
            "disimpulkan dari laporan lain tentang peristiwa yang sama; tidak disebutkan"
        ),
        "locale": "id_ID",
        "site_nav": "Situs",
        "search": "Cari",
        "footer": "Dibuat oleh digest dari artikel di folder seeds",
        "feed": "Umpan (Atom)",
        "summary": "Ringkasan",
        "source": "sumber",
        "disagreements": "Perbedaan antarlaporan",
        "disagreements_intro": "Artikel-artikel ini menyebut angka atau tanggal yang berbeda dalam kalimat yang mirip. Keduanya ditampilkan beserta sumbernya: periksa apakah keduanya membicarakan hal yang sama. Angka dari laporan pada hari yang berbeda bisa saja berubah di antaranya (jumlah korban yang bertambah): angka seperti itu ditandai sebagai pembaruan, dari yang paling awal.",
        "disagree_figure": "Angka",
        "disagree_date": "Tanggal",
        "disagree_update": "Angka, berubah antarlaporan",
        "no_timeline": "Tidak ada kejadian bertanggal yang ditemukan dalam artikel ini.",
        "related": "Peristiwa terkait",
        "shares": "sama-sama menyebut",
        "breadcrumb": "Lokasi Anda",
        "language": "Bahasa",
        "paragraph": "Tautan ke paragraf",
        "names_intro": "Semua orang, organisasi, dan tempat yang dibahas, beserta peristiwa yang menyebutnya.",
        "letters": "Huruf",
        "months": "Bulan",
        "search_label": "Cari peristiwa dan artikel",
        "search_results": "{n} hasil untuk “{q}”",
        "search_result": "1 hasil untuk “{q}”",
        "search_none": "Tidak ada hasil untuk “{q}”",
        "search_offline": "Pencarian tidak tersedia di sini: situs harus disajikan lewat HTTP (hosting statis, atau `digest serve`).",
        "search_loading": "Mencari…",
        "search_nojs": "Pencarian memerlukan JavaScript. Selebihnya tetap bisa dibaca tanpanya: lihat",
    },
}


def strings(language: str) -> Mapping[str, str]:
    """Return the UI strings for `language` ('en' or 'id'), English for anything else."""
    return STRINGS.get(language, STRINGS["en"])


def text(language: str, key: str) -> str:
    return strings(language)[key]


def month_name(language: str, month: int) -> str:
    return MONTHS.get(language, MONTHS["en"])[month - 1]


def weekday_name(language: str, weekday: int) -> str:
    """Return the name of `weekday` (0 = Monday) in `language`, English for anything else."""
    return WEEKDAYS.get(language, WEEKDAYS["en"])[weekday]
