"""Boilerplate removal: per-line rules plus lines repeated across many articles."""

from __future__ import annotations

import hashlib
import itertools
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from digest import dates, markup
from digest.load import Skipped
from digest.model import NameKind, RawArticle, Removed
from digest.text import (
    DATELINE,
    DOMAIN_END,
    SHOWN_DATELINE,
    is_title_case,
    name_kind,
    split_sentences,
)

_LABEL = (
    r"(?:breaking news|berita terkini|sumber|source|iklan|advertisement|advertisment|"
    r"scroll to continue(?: with content)?|gulir untuk melanjutkan|lanjut(?:kan)? membaca|"
    r"lanjutkan membaca artikel di bawah(?: ini)?|"
    r"scroll (?:ke bawah )?untuk melanjutkan membaca|"
    r"continue reading|(?:baca )?halaman (?:berikutnya|selanjutnya)|next page|"
    r"halaman \d+ dari \d+|page \d+ of \d+|lihat foto|video rekomendasi|baca berikutnya|"
    r"scroll untuk melanjutkan|most viewed|reuse this content|loading\.{0,3}|daftarkan email|"
    r"share options|keep reading with a free account|log in to continue reading|premium|"
    r"explore more on these topics|terms of use|privacy policy|"
    r"story continues below(?: (?:the )?advertisement)?|continue reading (?:the )?main story|"
    r"skip to (?:main )?content|listen to (?:this )?article|dengarkan (?:berita|artikel) ini|"
    r"(?:reading time|waktu baca|estimasi baca)\s*:?\s*\d+\s*(?:min(?:utes?)?|menit)|"
    r"\d+\s*(?:min|mins|minutes?|menit)\s+(?:read|baca))"
)
"""Scraped labels; a line of nothing else ("Advertisement · Scroll to continue") is dropped."""

_ROLES = r"penulis|editor|reporter|pewarta|penyunting"
_ROLE = rf"(?:{_ROLES})"
"""Who made a story, as an Indonesian page credits them: "Penulis X | Editor Y"."""

_CREDIT = (
    rf"(?:{_ROLES}|redaktur|writer|written by|editing by|reporting by|translator|"
    r"translated by|penerjemah|alih bahasa|kontributor|red|rep|fotografer|photographer|"
    r"videografer)"
)
"""Who made a story, as a page credits them after a colon ("Translator: X", "Red: Y");
several may share the line, split by "|"."""

_MENU_ITEM = r"[^\s|]+(?:[ \t]+[^\s|]+){0,3}"
"""An item of a scraped menu bar, a share bar or a ticker: one to four words; three or more
of them between "|" make the line ("Home | Jatim | Surabaya | Nganjuk | Sport | Video")."""
_CRUMB = r"[^\W\d_][^\s>›»\d]*(?:[ \t]+[^\W\d_][^\s>›»\d]*){0,2}"
"""A part of a breadcrumb trail ("Regional > Jawa Timur", "Home > News > Disaster"): one to
three words, no digits."""

_OUTLET_CREDIT = (
    r"[(\[]?\s*(?-i:(?:[A-Z]{3,}\s)?[A-Z]{5,}[A-Z0-9]*(?:\.com|\.co\.id|\.id)?"
    r"|[A-Z][A-Za-z]+\.(?:com|co\.id|id)|ANTARA FOTO)"
    r"/\s*(?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,5})\s*[)\]]?\s*$"
)
"""A photo's credit that ends its caption: the outlet, in capitals or as a domain, and the
photographer: "(KOMPAS.com/NADIA PUSPITALOKA)", "TEMPO/Imam Sukamto", "[Suara.com/Alfian]",
"(TRIBUN MEDAN/BONIFASIUS TARIGAN)"; no space before the slash ("Kompas.com / Megapolitan"
is a site's trail)."""

# A line matching one of these is never story text. Each rule has a name kept on the record.
# A rule searched for anywhere in the line may list "needles" after its pattern: lower-case
# words of which a matching line must hold one (see `line_rule`).
_RULE_SOURCES: tuple[tuple[str, ...], ...] = (
    ("read-also", r"^\s*(baca|lihat|simak|cek)\s+(juga|pula|lainnya)\b\s*[:\-–]?"),
    ("read-also", r"^\s*(read|see)\s+(also|more)\s*[:\-–]"),
    ("read-also", r"^\s*(also read|also see|baca)\s*:\s*\S"),  # ANTARA English, detik
    ("read-also", r"^\s*(simak|tonton|lihat|saksikan)\s+(juga\s+)?video\b"),
    ("read-also", r"^\s*(watch|video)\s*:"),
    ("read-also", r"^\s*baca artikel\b.{0,200}\bselengkapnya\b"),
    ("read-also", r"^\s*(simak|baca) selengkapnya\b.{0,40}$"),
    ("read-also", r"^\s*(related|recommended)\s*(articles?|stories|story|news|reading)?\s*:"),
    (
        "read-also",  # "Simak berita lainnya seputar topik ini", "BACA BERITA LAINNYA:"
        r"^\s*(baca|simak|lihat)\s+(berita|artikel)\s+([\w.+-]+\s+){0,3}lainnya\b.{0,100}$",
    ),
    (
        "read-also",  # a linked headline under a label: "Pilihan Editor: ...", "Read: ..."
        r"^\s*(pilihan editor|editor['’]?s['’]?\s+(choice|picks?)|artikel terkait|berita terkait|"
        r"read|next|klik untuk baca(\s+juga)?)\s*:\s*\S",
    ),
    ("read-also", r"^\s*saksikan\s+live\b[^.!?]{0,40}$"),  # "Saksikan Live Liputan6 Pagi:"
    ("comment", r"^\s*(tinggalkan|tulis|berikan)\s+komentar\b"),
    ("comment", r"^\s*(leave|post|add)\s+a\s+comment\b"),
    ("source", r"^\s*(sumber|source)\s*:\s*\S.{0,60}$"),
    ("source", r"^\s*\(\s*(sumber|source)\s*:[^()]{1,60}\)\s*$"),
    (
        "label",
        rf"^\s*{_LABEL}(?:\s*[·•|\-–—/]\s*{_LABEL})*\s*:?\s*$",
    ),
    (
        "byline",
        rf"^\s*{_CREDIT}\s*:\s*\S.{{0,80}}(\|\s*{_CREDIT}\s*:\s*\S.{{0,80}})*$",
    ),
    (
        "byline",
        r"^\s*[(\[]?\s*(?:additional\s+)?(reporting|writing|editing|compiled|translated)"
        r"\s+by\s+[A-Z][^.]{0,160}$",
    ),
    ("byline", r"^\s*our standards\s*:"),
    ("promo", r"^\s*(sign up|subscribe|berlangganan)\b.{0,100}$"),
    (
        "cookie",
        r"\bcookies?\b.{0,240}\b(accept(\s+all)?|settings|learn more|manage preferences|"
        r"ok|got it|setuju|terima)\s*$",
        "cookie",
    ),
    ("comment", r"^\s*(\d+\s+(comments?|komentar)\b|komentar\s*\(\d+\)).{0,40}$"),
    (
        "cookie",
        r"^\s*(we|this (web)?site|our (web)?site|situs ini)\s+(uses?|menggunakan)\s+"
        r"cookies?\b.{0,240}$",
        "cookie",
    ),
    (
        "cookie",
        r"^\s*by (using|continuing to (use|browse))\b.{0,160}\b(cookies?|privacy policy|"
        r"terms)\b.{0,80}$",
        *("cookie", "privacy", "terms"),
    ),
    (
        "promo",
        r"^\s*(already a subscriber\b|this (content|article|story) is (only )?(for|available to) "
        r"subscribers\b|subscribe (now )?to (read|continue|unlock)\b).{0,100}$",
    ),
    ("share", r"^\s*(share|bagikan)\s+(on|ke|via)\s+[\w.]+\s*$"),
    ("pager", r"^\s*(halaman|page)(\s+\d+)+(\s+(selanjutnya|berikutnya|next))?\s*[»›>]?\s*$"),
    ("currency-note", r"^\s*\(\s*\$\s*1\s*=\s*[\d.,]+\s+[\w ]{2,30}\)\s*$"),
    ("menu", rf"^\s*{_MENU_ITEM}( +\| +{_MENU_ITEM}){{2,}}\s*$", " | "),
    ("menu", rf"^\s*{_CRUMB}( +[>›»] +{_CRUMB})+\s*$", " > ", " › ", " » "),
    ("promo", r"^\s*(download|unduh)\s+(the\s+)?([\w.]+\s+){0,3}(apps?|aplikasi)\b.{0,80}$"),
    (
        "promo",  # "Ikuti terus berita Bali United hanya di Pulau Dewata Sport."
        r"^\s*ikuti\s+(terus\s+)?(berita|update|informasi|perkembangan)\b.{0,100}\bdi\s+\S.{0,60}$",
    ),
    ("promo", r"^\s*(like|follow)\s+(and\s+(like|follow|share)\s+)?(us|our page)\b.{0,80}$"),
    (
        "byline",  # Bloomberg's footer, before the reporters' names
        r"^\s*to contact the (reporters?|editors?) (on|responsible for) this story\b.{0,40}$",
    ),
    ("byline", r"^\s*article published by\s+[A-Z][^.!?]{1,60}$"),
    ("promo", r"^\s*dapatkan\s+(update|informasi|berita)\b.{0,100}$"),
    ("promo", r"^\s*(klik di sini|click here)\b.{0,100}$"),
    (
        "promo",  # "Baca berita lengkap dan menarik lainnya di Google News CNN Indonesia."
        r"^\s*(baca|simak|ikuti|dapatkan|cek)\b.{0,60}\b(lainnya|pilihan|yang lain)\b.{0,20}"
        r"\b(di|dari)\s+"
        r"(google news|wa channel|whatsapp|ponselmu|[\w-]+\.com)\b.{0,40}$",
    ),
    ("stub", r"^\s*(berita|informasi) selengkapnya menyusul\W*$"),
    ("promo", r"^\s*get (our|the)\b.{0,60}\bnewsletter\b.{0,40}$"),
    ("promo", r"^\s*gabung\b.{0,60}\b(whatsapp|telegram|channel|saluran)\b.{0,40}$"),
    ("promo", r"^\W*fakta atau hoaks\b.{0,200}\b(cek fakta|whatsapp)\b"),
    ("promo", r"^\s*follow\b.{0,60}\bcoverage\b.{0,20}https?://\S+\s*$"),
    ("byline", r"^\s*rep\s*:\s*[A-Z][^:]{0,60}\bred\s*:\s*[A-Z].{0,60}$"),
    (
        "syndication",
        r"^\s*this (article|story) (was )?(originally|first) (published|appeared)\b.{0,120}$",
    ),
    (
        "tags",
        r"^\s*(tags?|topik|topics?|kata kunci|keywords?|explore more|posted in|filed under|"
        r"newspaper section)(\s*/\s*(keywords?|kata kunci|topics?))?\s*:\s*[^.!?]{1,200}$",
    ),
    (
        "dateline",  # a page's stamp: "Published: 07 November 2026 18:20 | Politics"
        r"^\s*(published|updated|last updated|posted|diperbarui|diterbitkan|dipublikasikan)"
        r"\s*:\s*[^.!?]{0,40}\d[^!?]{0,120}$",
    ),
    ("disclaimer", r"^\s*disclaimer\s*:"),
    (
        "wire-note",  # a wire story's revision note: "(Adds quotes from minister, share moves)"
        r"^\s*\(\s*(adds?|updates?|recasts?|corrects?|changes|rewrites|refiles|repeats|fixes|"
        r"removes|clarifies|inserts|this (story|article) (has been|was) "
        r"(refiled|corrected|updated|amended))\b[^()]{0,160}\)\s*$",
    ),
    ("initials", r"^\s*(burs?-)?[a-z]{2,4}(-[a-z]{2,4})?(/[a-z]{2,4}){1,4}\s*$"),  # AFP: "kjm/ach"
    ("promo", r"^\s*get the latest\b.{0,60}\b(inbox|e-?mail|newsletter)\b.{0,20}$"),
    ("reference", r"^\s*(nomor|no\.?|number)\s*:\s*[\w./-]*\d[\w./-]*\s*$"),  # "Nomor: 41/SP/XII"
    (
        "dateline",  # a stamp of the time alone: "Updated 16:05 EAT", "Updated 5: 40 p. m. ET"
        r"^\s*(updated|last updated|diperbarui)\s*:?\s*\d{1,2}\s*[:.]\s*\d{2}"
        r"(\s*[ap]\.?\s*m\.?)?(\s+[A-Z]{1,4})?\s*$",
    ),
    (
        "photo-caption",  # "Ilustrasi gempa. (SHUTTERSTOCK/TRIFF)", "Ilustrasi ... Foto: Dok. KKP",
        # "Ilustrasi bus Transjakarta. [Suara.com/Alfian]"
        r"^\s*(ilustrasi|illustration)\b.{0,160}(\(\s*[\w .'’-]{2,40}/[^()]{2,60}\)|"
        r"\[\s*[\w .'’-]{2,40}/[^\[\]]{2,60}\]|"
        r"\b(foto|photo)\s*:\s*[^.]{1,40}(\.\s*[^.]{1,40})?)\s*$",
    ),
    ("embed", r"^\s*\[\s*gambas\s*:[^\]]*\]\s*$"),
    (
        "embed",  # a social post's frame: its signature and labels
        r"^\s*[—–-]\s*[^()]{1,80}\(@\w{1,30}\)\s+[A-Z][a-z]+\s+\d{1,2},\s+\d{4}\s*$|"
        r"^\s*(view this post on (instagram|twitter|x|tiktok|facebook)|"
        r"lihat postingan ini di instagram)\s*$|"
        r"^\s*(a post shared by|sebuah kiriman dibagikan oleh)\b.{0,80}\(@[\w.]{1,30}\)\s*$",
    ),
    ("promo", r"^\s*baca berita (dengan sedikit|tanpa) iklan\b.{0,60}$"),
    ("initials", r"^\s*\(\s*(\*|[a-z]{2,5}(\s*/\s*[a-z]{2,5})*)\s*\)\s*$"),
    ("initials", r"^\s*\(\s*[a-z]{2,5}\d{0,3}\s*/\s*[a-z0-9.-]{2,40}\s*\)\s*$"),  # (cr3/x.com)
    (
        "tags",  # a line of hashtags: "#Lewotobi #FloresTimur #Volcano #NTT" (one may hold a space)
        r"^\s*#\w[\w'-]*(?:[\s,]+#\w[\w'-]*)+\s*$|"
        r"^(?=(?:[^#]*#\w){3})\s*#\w[\w'-]*(?:[\s,]+#?\w[\w'-]*)*\s*$",
    ),
    (
        "byline",  # "(Penulis: X | Editor: Y)", "(Laporan Wartawan Pos-Kupang.com, Name)"
        r"^\s*\(\s*([\w.]{1,10}\s*/\s*)?(penulis|reporter|editor|pewarta|kontributor|"
        r"laporan wartawan)\b[^()]{1,160}"
        r"\)\s*$",
    ),
    ("byline", r"^\s*\(\s*(reuters|ap|afp|antara|bernama|xinhua|kyodo)\s*\)\s*$"),
    ("read-also", r"^\s*most read from(\s+[\w.&'’-]+){1,3}\s*$"),  # Bloomberg's, mid-story
    (
        "byline",  # "--With assistance from Priya Raman.", "—With a report from Inquirer Research"
        r"^\s*[-—–]{1,2}\s*with (additional )?(assistance|reporting|a report) (from|by)\b"
        r"[^!?]{1,120}$",
    ),
    (
        "byline",  # a sign-off after a dash: "— The Jakarta Post", "— Asia Cyber Watch | Briefs"
        r"^\s*[—–]\s*[A-Z][^\d.!?:;\"“”]{1,60}$",
    ),
    ("byline", r"^\s*kontributor\s+[A-Z][\w .-]{1,40},\s*[A-Z][\w .'-]{2,60}$"),
    (
        "byline",  # a reporter's sign-off after the outlet's site: "(Tribunpontianak.co.id/Name)"
        r"^\s*\(\s*[\w-]+(\.[\w-]+)*\.(com|co\.id|id|net|org|co|tv)\s*/\s*[^()/\d]{2,60}\)\s*$",
    ),
    (
        "byline",
        rf"^\s*{_ROLE}\s*:?\s+[A-Z][\w.,'’ -]{{1,60}}"
        rf"(\s*[|,]\s*{_ROLE}\s*:?\s+[A-Z][\w.,'’ -]{{1,60}})*$",
    ),
    ("byline", r"^\s*laporan\s+(wartawan|reporter|koresponden)\b.{0,80}$"),
    ("syndication", r"^\s*artikel ini (telah|sudah) (tayang|terbit|dimuat|diterbitkan)\s+di\b"),
    ("promo", r"^\s*(klik dan dapatkan|jangan lewatkan)\b.{0,40}\b(info|berita|update)\b.{0,60}$"),
    (
        "byline",
        r"^\s*[^.]{0,120}\b(contributed to|contributed reporting to) this "
        r"(report|story)\.?\s*$",
        "contributed",
    ),
    (
        "promo",
        r"whatsapp\.com/channel|t\.me/|news\.google\.com",
        *("whatsapp.com/channel", "t.me/", "news.google.com"),
    ),
    (
        "promo",  # an invitation to a channel; "said on its Telegram channel" is the story's
        r"^(?=.{0,300}$)(?=.*\b(join|follow|ikuti|gabung|bergabung|simak|dapatkan|subscribe|"
        r"klik|click|akses)\b).*\b((whatsapp|telegram) channel|(saluran|kanal) whatsapp|"
        r"grup telegram)\b",
        *("whatsapp", "telegram"),
    ),
    (
        "share",
        r"^\s*(share|bagikan|follow|ikuti)\b.{0,60}\b(facebook|twitter|whatsapp|"
        r"telegram|google news|instagram|tiktok|x\.com|channel|saluran)\b",
    ),
    (
        "share",
        r"^\s*(share|share this (article|story)|bagikan|bagikan artikel( ini)?( melalui| via)?|"
        r"x|facebook|"
        r"linkedin|email|e-mail|link|copy link|salin (link|tautan)|whatsapp|telegram|"
        r"twitter|print|cetak|purchase licensing rights|reprints?|url telah tercopy|"
        r"link (telah )?(disalin|tersalin)|link copied)\s*:?\s*$",
    ),
    (
        "byline",
        r"^\s*(by|oleh)\s*:?\s+[A-Z][\w.'’-]*(,?\s+(and\s+|dan\s+)?[A-Z][\w.'’-]*){0,7}"
        r"(\s*[(\[]\s*[\w.+-]+@[\w-]+(\.[\w-]+)+\s*[)\]])?"  # "(jane@example.com)", "[...]"
        # a role or an outlet after a dash: "- Correspondent / Philippine Daily Inquirer"
        r"(\s+[-–—]\s+(?-i:[A-Z][\w.'’-]*(\s+(/\s+)?[A-Z][\w.'’-]*){0,6}))?\s*$",
    ),
    (
        "byline",
        r"^\s*([-—–]{1,2}\s*)?(the\s+)?(reuters|thomson reuters|associated press|"
        r"agence france-presse|afp|bloomberg|antara|xinhua|bernama|kyodo news|yonhap)\s*$",
    ),
    ("gallery", r"^\s*item \d+ of \d+\s"),
    (
        "caption",
        r"(?-i:\b(ANTARA FOTO|ANTARA|REUTERS|AFP|AP Photo|EPA|KCNA)(\s+via\s+[A-Z]+)?/)"
        r"[\w .'’/-]{1,40}\.?\s*$",
        "/",
    ),
    (
        "copyright",
        r"^\s*(copyright|hak cipta)\b|©|all rights reserved",
        *("copyright", "hak cipta", "©", "all rights reserved"),
    ),
    ("copyright", r"^\s*dilarang keras mengambil konten\b"),
    (
        "photo-credit",  # "[Caption: Warga mengevakuasi barang ... KOMPAS.com/HENDRA]" too
        r"^\s*[(\[]?\s*(foto|photo|photograph|ilustrasi|illustration|image|gambar|caption|"
        r"keterangan foto)\s*:",
    ),
    ("photo-credit", r"^\s*(image (source|caption)|sumber gambar|keterangan gambar)\s*,"),
    (
        "photo-credit",  # "Dok. Kementerian Pertahanan", "Tangkapan layar video KCNA"
        r"^\s*\(?\s*(dok\.|dokumentasi\b|tangkapan layar\b|screenshot\b)[^.!?]{0,80}\)?\s*$",
    ),
    ("photo-credit", r"\((foto|photo)\s*:[^)]*\)\s*$"),
    ("photo-credit", r"\[[^\]]*\b(photo|foto|via (ap|afp|reuters)|getty|pool)\b[^\]]*\]\s*$"),
    (
        "photo-credit",
        r"\(\s*(ap|afp|reuters|antara|epa)(\s+(photo|foto))?\s*/[^)]{2,80}\)\s*$",
        "/",
    ),
    (
        "photo-credit",
        r"\b(reuters|afp|ap photo|antara foto|getty images|epa)/[\w .'’-]{2,60}$",
        "/",
    ),
)
LINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I)) for name, pattern, *_ in _RULE_SOURCES
)
_RULE_NEEDLES: tuple[tuple[str, ...], ...] = tuple(tuple(n) for _, _, *n in _RULE_SOURCES)
_AT_START = tuple(
    not n and p.pattern.startswith("^") for (_, p), n in zip(LINE_RULES, _RULE_NEEDLES, strict=True)
)
"""Rules that can match only at the start of a line (no needles; `^` and no `|` outside a group)."""
_ANY_AT_START = re.compile(
    "|".join(
        f"(?:{p.pattern})" for (_, p), start in zip(LINE_RULES, _AT_START, strict=True) if start
    ),
    re.I,
)
_ELSEWHERE = re.compile(
    "|".join(
        f"(?:{p.pattern})"
        for (_, p), n, start in zip(LINE_RULES, _RULE_NEEDLES, _AT_START, strict=True)
        if not n and not start
    ),
    re.I,
)
"""The rules without needles that may match anywhere in a line, tried together."""
_ALL_NEEDLES = tuple(dict.fromkeys(n for needles in _RULE_NEEDLES for n in needles))
_BULLETS = frozenset("●•▪◆►▶■")
"""Characters a scraped list sets before its items; `line_rule` reads a line without one."""
_CASE_TWINS = re.compile("[\u0130\u0131\u017f\u212a]")
"""The only characters besides ASCII ones that an ASCII letter matches under re.I (İ, ı, ſ,
Kelvin K): a line holding one is searched with every rule, needles or not."""

ALWAYS_RULES = frozenset({"promo", "gallery", "syndication", "caption", "cookie"})
"""Rules that drop a line even when it reads like story text (a long channel promotion, a
photo gallery's caption: "Item 1 of 2 North Korean leader ... REUTERS/File Photo", "Artikel
ini telah tayang di ... dengan judul ...")."""

# A line that is only one of these ends the story: what follows is lists and promotion.
END_MARKERS = re.compile(
    r"^\s*(terkini lainnya|berita terkait|berita lainnya|artikel terkait|baca selengkapnya|"
    r"topik|tag|tags|topics|more stories|related stories|related articles|most read|"
    r"terpopuler|rekomendasi|populer|more on this story|related topics|related internet links|"
    r"suggested topics|related|most viewed|explore more on these topics|video rekomendasi|"
    r"baca berikutnya|more from(?:\s+[\w.&'’-]+){0,5}|read more|you may also like|lihat juga|"
    r"simak juga|berita pilihan|berita populer|berita terbaru|latest news|latest stories|"
    r"trending(?:\s+now|\s+(?:in|di)(?:\s+[\w.&'’-]+){1,4})?|recommended for you|"
    r"rekomendasi untuk anda|editor'?s picks?|pilihan redaksi|berita terkini|terkini|popular|"
    r"populer hari ini|load more|show comments|lihat semua|"
    r"(?:\d+\s+)?(?:comments?|komentar)(?:\s*\(\d+\))?|(?:leave|post) a comment|"
    r"(?:tinggalkan|tulis) komentar|"
    r"to contact the (?:reporters?|editors?) (?:on|responsible for) this story)"  # Bloomberg
    r"\s*:?\s*$",
    re.I,
)
MIN_STORY_BEFORE_END = 2
"""An end marker counts only after this many story paragraphs, so a short stub stays."""

REPEATED_MIN_ARTICLES = 3
REPEATED_MAX_WORDS = 40


DATE_WORDS = frozenset(
    (
        *dates.MONTHS,
        *dates.WEEKDAYS,
        *dates.WEEKDAY_ABBREVIATIONS,  # "Jakarta ● Tue, November 18, 2025"
        "wib",
        "wita",
        "wit",
        "gmt",
        "utc",
        "am",
        "pm",
        "pukul",
        "jam",
        "diperbarui",
        "updated",
        "published",
        "dipublikasikan",
        "diterbitkan",
        "posted",
        "on",
        "at",
        "pada",
        "tanggal",
        "hari",
        "ago",
        "hour",
        "hours",
        "minute",
        "minutes",
        "mins",
        "lalu",
        "menit",
    )
)
"""Words a dateline line may hold besides numbers: "Jumat, 29 Nov 2024 10:00 WIB"."""
STORY_MIN_WORDS = 20
"""A line with this many words and two sentences is story: line rules never drop it."""


@dataclass(frozen=True)
class Cleaned:
    """An article's story paragraphs and the lines removed from it."""

    raw: RawArticle
    title: str
    paragraphs: tuple[str, ...]
    removed: tuple[Removed, ...]
    outlet: str | None
    paragraphs_html: tuple[str, ...] = ()
    """For Markdown articles: each kept paragraph rendered and sanitized."""


_NON_WORD = re.compile(r"\W+")
_ASCII_WORD = frozenset(f"{string.ascii_letters}{string.digits}_".encode("ascii"))
_ASCII_NON_WORD_TO_SPACE = bytes(c if c in _ASCII_WORD else 0x20 for c in range(256))


def normalise_line(line: str) -> str:
    """Return `line` lower-cased with runs of non-word characters collapsed, for comparing.

    Every line of every article is normalised while reading and again while cleaning, and
    the regular expression takes 10-20 µs a line: an ASCII line, whose non-word characters
    are known, has them replaced through a byte table and its words joined again, the same
    result in about a quarter of the time (tests/test_text_fast.py checks they agree).
    >>> normalise_line("  Baca juga: Kim -- tiba!")
    'baca juga kim tiba'
    """
    lower = line.lower()
    if lower.isascii():
        words = lower.encode("ascii").translate(_ASCII_NON_WORD_TO_SPACE).split()
        return b" ".join(words).decode("ascii")
    return _NON_WORD.sub(" ", lower).strip()


def line_rule(line: str) -> str | None:
    """Return the name of the first boilerplate rule `line` matches, or None.

    The rules that match only at the start of a line are tried together first, with one
    match, and when neither they, nor the needles, nor the other rules tried together
    find anything, no rule is tried on its own; a rule with needles is searched only when
    the lower-case line holds one of them (a substring test is ~50x cheaper than a search
    from every position). That skips no match, since a pattern's literal letters match
    under re.I only their own two cases or a character of `_CASE_TWINS`.

    A leading bullet is not part of what a rule reads: "● Related: Dengue cases climb" is
    "Related: ..." as a list of links prints it.
    >>> line_rule("● Read more: Dengue cases climb"), line_rule("• Baca juga: Banjir surut")
    ('read-also', 'read-also')
    """
    if line and (line[0] in _BULLETS or (line[0].isspace() and line.lstrip()[:1] in _BULLETS)):
        line = line.lstrip()[1:]
    lower = None if _CASE_TWINS.search(line) else line.lower()
    start = _ANY_AT_START.match(line) is not None
    if (
        not start
        and lower is not None
        and not any(n in lower for n in _ALL_NEEDLES)
        and not _ELSEWHERE.search(line)
    ):  # no rule can match: most lines
        return "dateline" if is_dateline_only(line) else None
    for (name, pattern), needles, at_start in zip(
        LINE_RULES, _RULE_NEEDLES, _AT_START, strict=True
    ):
        if at_start and not start:
            continue
        if needles and lower is not None and not any(n in lower for n in needles):
            continue
        if pattern.search(line):
            return name
    if is_dateline_only(line):
        return "dateline"
    return None


_STAMP_WORDS = re.compile(
    r"\d:\s?\d\d|\b(?:updated|posted|published|diperbarui|diterbitkan|dipublikasikan|terbit)\b",
    re.IGNORECASE,
)


def is_page_stamp(line: str) -> bool:
    """True for a page's date stamp with its time or its "Updated" / "Posted" word, as a
    scraped page puts it above the headline: "21 July 2013 Last updated at 11: 11 GMT",
    "Posted: Nov 27, 2005 8: 20 AM ET" (`dates.dateline_date` reads its date). Without such
    a word a title-case headline with a date ("Pilkada Serentak 27 November 2024") would
    pass for one.
    >>> is_page_stamp("Updated: November 11, 2011 20: 09 IST")
    True
    >>> is_page_stamp("Pilkada Serentak 27 November 2024")
    False
    """
    return _STAMP_WORDS.search(line) is not None and dates.dateline_date(line) is not None


def is_dateline_only(line: str) -> bool:
    """True for a line that holds only a date and time: "12 - Nov - 2024, 04:00".

    >>> is_dateline_only("Jumat, 29 November 2024 | 10:00 WIB")
    True
    >>> is_dateline_only("Kompas.com - 05/11/2024, 10:15 WIB")
    True
    >>> is_dateline_only("CNN Indonesia | Jumat, 29/11/2024 10:00 WIB")
    True
    >>> is_dateline_only("Okezone.com / Senin, 16 November 2026 - 07:20 WIB")
    True
    >>> is_dateline_only("Jakarta ● Mon, November 10, 2025")
    True
    >>> is_dateline_only("Dar es Salaam. Thursday, May 21, 2026")
    True
    >>> is_dateline_only("Jakarta - Menteri tiba 29/11/2024")
    False
    >>> is_dateline_only("Judul UTF-16"), is_dateline_only("Laporan - 16")
    (False, False)
    """
    outlet = _OUTLET_PREFIX.match(line)
    if outlet:
        line = line[outlet.end() :]
        if not re.search(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|[^\W\d_]{3,}", line):
            return False  # "Judul UTF - 16": a number alone is not a date
    if len(line) > 60 or not re.search(r"\d", line):
        return False
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", line.lower())
    return all(w in DATE_WORDS for w in words)


def _is_story(line: str) -> bool:
    return len(line.split()) >= 8 and bool(re.search(r"[.!?\"”’]\s*$", line))


def is_story_paragraph(line: str) -> bool:
    """True for a line that is surely story text: long, and at least two sentences."""
    return len(line.split()) >= STORY_MIN_WORDS and len(split_sentences(line)) >= 2


_LINK_ITEM = re.compile(r"^\s*[-–•*»·]\s+\S")
LINK_ITEM_MAX_WORDS = 20
"""A list item this short under a bare "Baca juga:" is a linked headline, not story; so is
a line this short right under the marker or another such headline that ends no sentence
and no introduction (`_SENTENCE_END`): scraped pages lose the list's bullets ("Baca Juga:",
then "Banjir Rendam Ratusan Rumah di Parigi Moutong" on a line of its own)."""
_SENTENCE_END = re.compile(r"[.!?…:;,]['\"”’)]*\s*$")
BARE_MARKER_WORDS = 3
"""A read-also line of at most this many words ("Baca juga:", "Read more:") names no
headline itself: the headlines it points to follow as a list."""
CAPTION_MAX_WORDS = 40
"""A line of one sentence of at most this many words ending in a photo credit ("... berjabat
tangan di Ankara. (Foto: Biro Humas Kemhan)") is the picture's caption, not the story: removed
whole. A longer one is a paragraph with a credit pasted on: only the credit goes."""
_TRAILING_CREDIT = re.compile(rf"\s*\((?:foto|photo)\s*:[^)]*\)\s*$|\s{_OUTLET_CREDIT}", re.I)
_TITLE_SUFFIX = re.compile(r"\s+\|\s+[^|]{1,60}$")
_SITE_SUFFIX = re.compile(r"\s+(?P<mark>[-–—:])\s+(?P<site>[^-–—:|]{2,40})$")
"""A site's name after a dash or colon, as a page's <title> carries it: "... - Kompas.com",
"... - ANTARA News", "... : Okezone News" (`_is_site_suffix` decides it is a site's)."""
_COLON_SITE = re.compile(r"\.(com|co\.id|id|net|org|tv)\b|\bnews$", re.I)
"""After a colon only a domain or a "... News" is a site: "Kapolda ... : Kami Dirikan Pos"
(a spaced colon, as some outlets set it) quotes."""


def _one_short_sentence(caption: str) -> bool:
    """Whether a line before its photo credit is a caption's length: one sentence of at
    most `CAPTION_MAX_WORDS` words."""
    return len(caption.split()) <= CAPTION_MAX_WORDS and len(split_sentences(caption)) == 1


def _is_site_suffix(found: re.Match[str]) -> bool:
    """Whether a `_SITE_SUFFIX` match is a site's name: at most four words, shaped as an
    outlet's (`_OUTLET_SHAPE`); after a colon, a domain or a name ending in "News" only."""
    site = found.group("site").strip()
    if len(site.split()) > 4:
        return False
    shape = _COLON_SITE if found.group("mark") == ":" else _OUTLET_SHAPE
    return shape.search(site) is not None


_PAGE_SUFFIX = re.compile(r"\s+(?:[-–—]\s+)?halaman\s+(?:all|semua|\d{1,2})$", re.I)
"""Kompas's page marker in a <title>: "... - Halaman all", "... halaman 2"."""


def clean_title(title: str) -> tuple[str, list[Removed]]:
    """Return `title` without trailing " | Section or Site" parts, a site's name after a dash
    or colon, or a page marker, and what was cut.

    >>> clean_title("Kim meets minister in Pyongyang | World News")[0]
    'Kim meets minister in Pyongyang'
    >>> clean_title("Menhan Rusia Bertemu Kim di Pyongyang halaman 2 - Kompas.com")[0]
    'Menhan Rusia Bertemu Kim di Pyongyang'
    >>> clean_title("Russian minister meets Kim in Pyongyang | News | Al Jazeera")[0]
    'Russian minister meets Kim in Pyongyang'
    >>> clean_title("Kim Jong Un - Putin Summit: What We Know")[0]
    'Kim Jong Un - Putin Summit: What We Know'
    """
    cut = title
    for _ in range(3):
        m = _TITLE_SUFFIX.search(cut)
        site = _SITE_SUFFIX.search(cut) if m is None else None
        if site is not None and not _is_site_suffix(site):
            site = None
        page = _PAGE_SUFFIX.search(cut) if m is None and site is None else None
        found = m or site or page
        if found is None or len(cut[: found.start()].split()) < 4:
            break
        cut = cut[: found.start()].strip()
    if cut != title:
        return cut, [Removed(title, "title-suffix")]
    return title, []


def _rule_for(line: str, key: str, context: tuple[str, frozenset[str], bool]) -> str | None:
    """The rule that removes `line` (`key`: its `normalise_line`), or None. `context`: the
    headline's key, the lines repeated across the folder's articles, and whether a story
    line is kept above this one (a line that is the headline again, under a site's trail
    left above it, is the page's headline; further down it is the story's)."""
    title_key, repeated, story_above = context
    rule = line_rule(line)
    if rule is not None and rule not in ALWAYS_RULES and is_story_paragraph(line):
        return None
    if rule is None and not story_above and key == title_key:
        rule = "repeated-headline"
    if rule is None and key in repeated and not _is_story(line):
        rule = "repeated-across-articles"
    if rule is None and not any(c.isalnum() for c in line):  # "---", "• • •", "(/)"
        rule = "separator"
    return rule


def _headline(raw: RawArticle, lines: list[str]) -> tuple[str, int, list[Removed]]:
    """Return the headline, the index of the first body line, and scraped labels above it."""
    removed: list[Removed] = []
    title, start = raw.title, 0
    headline = _headline_below_labels(title, lines)
    named = headline is not None  # an outlet's name heads the labels
    if headline is None:
        headline = _headline_below_label(title, lines)
        named = len(title.split()) == 1 and _OUTLET_SHAPE.search(title) is not None
    if headline is not None:
        rules = ("outlet" if named else "label", *("label" for _ in range(headline)))
        for line, rule in zip((title, *filter(None, lines[:headline])), rules, strict=False):
            removed.append(Removed(line, line_rule(line) or rule))
        title, start = lines[headline], headline + 1
    while line_rule(title) is not None or is_page_stamp(title):
        # A scraped "Breaking News" label, or the page's date stamp, above the real headline:
        # the next line is the title (`build.to_article` reads the stamp as the date).
        nxt = next((i for i in range(start, len(lines)) if lines[i]), None)
        if nxt is None or _is_labelled_headline(title, lines[nxt]):
            break
        removed.append(Removed(title, line_rule(title) or "dateline"))
        title, start = lines[nxt], nxt + 1
    title, cut = clean_title(title)
    return title, start, removed + cut


HEADLINE_LABEL_RULES = frozenset({"read-also", "photo-credit"})
"""Rules whose line may be a video or photo page's own headline ("Video: ...", "FOTO: ...")."""
LABELLED_HEADLINE_WORDS = 5
"""Words from which a first line that a rule reads as a label ("Video: ...", "FOTO: ...")
is the page's own headline, when the line after it is the story's first sentence."""


def _is_labelled_headline(line: str, after: str) -> bool:
    """Whether `line`, which a rule reads as a label or link, is the headline of a video or
    photo page: long enough to say something ("Video: Evakuasi Jenazah Pendaki di Arjuno
    Makan Waktu 9 Jam"), over a sentence, not over another headline.
    >>> _is_labelled_headline("Video: Evakuasi Jenazah Pendaki di Arjuno Makan Waktu 9 Jam",
    ...     "Tim SAR gabungan menandu jenazah pendaki asal Malang menuruni jalur Tretes.")
    True
    >>> _is_labelled_headline("Breaking News", "Tim SAR gabungan menandu jenazah pendaki.")
    False
    >>> _is_labelled_headline("Baca juga: Banjir rendam tiga desa di Kudus pagi ini",
    ...     "Gempa Magnitudo 5,6 Guncang Cianjur")
    False
    """
    return (
        len(line.split()) >= LABELLED_HEADLINE_WORDS
        and line_rule(line) in HEADLINE_LABEL_RULES
        and _is_sentence(after)
    )


def _headline_below_labels(title: str, lines: list[str]) -> int | None:
    """Return the index of the real headline when `title` is an outlet's name over page
    labels, else None.

    What a page shows above its headline, copied with it: a short outlet-like name
    ("CNN Indonesia", "detikNews", `_outlet_like`), then section names, a trail of them or a
    date ("Internasional", "Berita Bali › Karangasem", "Sabtu, 30 Nov 2024 09:12 WIB"), then
    a headline-shaped line (4 to 25 words, not ending a sentence). Any short name counts
    where the line under it is a trail or names a section ("The Bali Sun" over "Bali
    News"). A short headline over a date and then the story stays the headline.
    """
    if not _is_label(title):
        return None
    outlet = _outlet_like(title)
    seen = 0
    for index, line in enumerate(lines):
        if not line:
            continue
        if seen and _is_headline_shaped(line, 4):
            return index
        crumb = _is_crumb(line)
        if seen == 3 or not (_is_label(line) or crumb or is_dateline_only(line)):
            return None
        if not (seen or outlet or crumb or _names_a_section(line)):
            return None  # a short headline over a short line: neither is a page's label
        seen += 1
    return None


def _is_crumb(line: str) -> bool:
    """Whether a line is a page's trail of sections: "Berita Bali › Karangasem", "Culture |
    North Bali" (fields of one to three words parted by bars or arrows)."""
    if line_rule(line) == "menu":
        return True
    fields = _FIELDS.split(line)
    return len(fields) > 1 and all(_is_label(f) and f.strip() for f in fields)


def _outlet_like(title: str) -> bool:
    """Whether a short first line looks like a site's name: "Kompas.com", "detikBali",
    "TIMES Indonesia", "InsideLombok" (one word), "ANTARA Jateng"."""
    words = title.split()
    return bool(
        _OUTLET_SHAPE.search(title)
        or len(words) == 1
        or any(w.isupper() and len(w) > 1 for w in words)
    )


def _is_section(name: str) -> bool:
    """Whether a name is only a site's section or a media word alone ("News", "World News"),
    no outlet's name."""
    words = name.lower().split()
    return all(w in _SECTION_WORDS for w in words)


def _names_a_section(line: str) -> bool:
    """Whether a short line names a site's section: "Bali News", "Ekonomi", "Berita Utama"
    (ends on a section's word; not "In Memoriam")."""
    last = line.split()[-1].lower()
    return len(last) > 2 and last in _SECTION_WORDS


_FIELDS = re.compile(r"\s[|›»>/]\s")
_SECTION_WORDS = frozenset({
    "berita", "utama", "terkini", "terbaru", "nasional", "internasional", "regional", "daerah",
    "dunia", "ekonomi", "bisnis", "politik", "hukum", "olahraga", "hiburan", "teknologi",
    "tekno", "otomotif", "gaya", "hidup", "kesehatan", "pendidikan", "opini", "ikuti", "kami",
    "masuk", "daftar", "cari", "beranda", "news", "world", "business", "politics", "sport",
    "sports", "opinion", "home", "sign", "in", "up", "log", "login", "search", "menu", "top",
    "stories", "latest", "breaking", "follow", "us", "more", "asia", "pacific", "local",
})  # fmt: skip
"""Words of a page's sections and buttons: a line of two or three of them only ("Berita
Utama", "Sign in", "Ikuti Kami") is a label, not a headline."""


TITLE_FIELD_WORDS = 4
"""A first line whose first field (before " | ") has this many words is a page's <title>,
its headline and then its site or section, not a label over the headline: the site's trail
under it ("GridOto.com - Home > Motorsport > ARRC") is no headline."""


def _headline_below_label(title: str, lines: list[str]) -> int | None:
    """Return the index of the real headline when `title` is a page's label over it, else
    None: one word ("Internasional", "Menu", "EKSKLUSIF"), a site's name ("Kompas.com") or
    fields parted by bars ("Jakarta Globe | News"), over a headline-shaped line (5 to 25
    words, not ending a sentence) with a line after it. A headline of two or three words
    ("Deputy Sheriff", "Saham TMKA Disuspensi") stays the headline.
    >>> _headline_below_label("Internasional", ["Menhan Rusia Bertemu Kim Jong Un di Pyongyang",
    ...     "PYONGYANG - Menhan Rusia bertemu Kim Jong Un pada Jumat."])
    0
    >>> _headline_below_label("Deputy Sheriff", ["End of Watch: Friday, June 24, 2005", "x"])
    """
    words = title.split()
    if not _is_label(title) and not _FIELDS.search(title):
        return None
    if len(_FIELDS.split(title)[0].split()) >= TITLE_FIELD_WORDS:
        return None  # a page's <title>: its headline, then its site ("... | GridOto.com")
    # the page's stamp between its label and its headline ("CNBC Indonesia / Tech", then
    # "19 November 2025 17:05") is no headline; only the first two other lines are read
    shown = [i for i, line in enumerate(lines) if line]
    found = list(itertools.islice((i for i in shown if not is_dateline_only(lines[i])), 2))
    if len(found) < 2:
        return None
    fields = [f.split() for f in _FIELDS.split(title)]
    if not (
        len(words) == 1
        or _is_section(title)
        or _OUTLET_SHAPE.search(title)
        or (len(fields) > 1 and all(len(f) <= 3 for f in fields))
        # "ANTARA Jateng" over a headline and its page stamp ("Senin, 8 September 2025
        # 14:40 WIB"); without the stamp an acronym's short headline over a subhead stays
        or (_outlet_like(title) and is_page_stamp(lines[shown[1]]))
    ):
        return None
    return found[0] if _is_headline_shaped(lines[found[0]], 5) else None


def _is_headline_shaped(line: str, least: int) -> bool:
    """A line of `least` to 25 words that ends no sentence: a headline, not a story's line.
    A title-cased line may end on a question or an exclamation ("Warga Bayung Lencir: Kami
    Mau Kerja Apa?").
    >>> _is_headline_shaped("Ekskavator Robohkan Tungku, Warga: Kami Mau Kerja Apa?", 4)
    True
    >>> _is_headline_shaped("Warga bertanya, kami mau kerja apa setelah tungku ditutup?", 4)
    False
    """
    if not least <= len(line.split()) <= 25 or line.endswith("."):
        return False
    return not re.search(r"[!?][\"”’]?$", line) or is_title_case(line)


def _is_label(line: str) -> bool:
    """A line of at most three words that ends no sentence: a name, a section, a tag."""
    return len(line.split()) <= 3 and not re.search(r"[.!?,:;\"“”]$", line.strip())


_SIGNED = re.compile(r"(.+?)\s+[-–—|]\s+(\S+)\s*$")


def _signed_outlet(removed: Sequence[Removed]) -> str | None:
    """Return the outlet a byline of the page names after its writer ("Rita Uli Hutapea -
    detikNews", "Tim detikJabar - detikJabar"), among the lines taken off as the page
    around the story; None if none does. detik's pages name their outlet nowhere else: the
    story opens on the place alone ("Bandung - Banjir merendam ...").

    >>> _signed_outlet([Removed("Bagikan", "share"), Removed("W. Putra - detikNews", "furniture")])
    'detikNews'
    >>> _signed_outlet([Removed("Foto - Antara", "furniture")]) is None
    True
    >>> _signed_outlet([Removed("Jakarta Globe | News", "masthead")]) is None
    True
    """
    for r in removed:
        if r.rule not in _PAGE_RULES or "|" in r.text:  # "Jakarta Globe | News": a section
            continue
        signed = _SIGNED.match(r.text)
        if signed and _OUTLET_SHAPE.search(outlet := signed.group(2)) and len(outlet) > 6:
            return outlet  # not a bare "News" or "Post"
    return None


_STAMPED = re.compile(r"\s*([\w.-]+(?:\s[\w.-]+){0,2})\s+[-–—|/]\s+\S")
"""A name before a dash, bar or slash: a page's stamp or its section ("BOYOLALIUPDATE.COM -
Jumat, 20 Februari 2026 | 06:15", "RADARJOMBANG.ID - Politik")."""


_OUTLET_AND_PLACE = re.compile(
    r"\s*([\w.-]+(?:\s[\w.-]+){0,2}),\s+[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,2}\s*"
)
"""An outlet's name and its place, alone on a line above the story ("Liputan6.com,
Jakarta"): the dateline of a page that puts its stamp on the next line."""


def _outlet_and_place(line: str) -> bool:
    """Whether a line is only an outlet's name and a place (`_OUTLET_AND_PLACE`).
    >>> _outlet_and_place("Liputan6.com, Jakarta"), _outlet_and_place("Jakarta, NU Online")
    (True, False)
    """
    m = _OUTLET_AND_PLACE.fullmatch(line)
    return m is not None and _OUTLET_SHAPE.search(m.group(1)) is not None


_STAMP_RULES = frozenset({"dateline", "masthead", "furniture", "label"})
"""The rules of the lines above a story that may hold the outlet's name before a stamp."""


_BRACKETED_OUTLET = re.compile(r"\(([^()]{2,40})\)\s*$")
"""A writer's line that names the outlet in brackets: "Anggita Wuisan (The Jakarta Post)"."""


def _stamped_outlet(removed: Sequence[Removed]) -> str | None:
    """Return the outlet a line taken off above the story names before its stamp or
    section, or in brackets after its writer, when the name is shaped like an outlet's
    (`_OUTLET_SHAPE`), else None.

    >>> _stamped_outlet([Removed("RADARJOMBANG.ID - Politik", "masthead")])
    'RADARJOMBANG.ID'
    >>> _stamped_outlet([Removed("Jakarta - Senin, 2 Februari 2026", "dateline")]) is None
    True
    >>> _stamped_outlet([Removed("Anggita Wuisan (The Jakarta Post)", "masthead")])
    'The Jakarta Post'
    >>> _stamped_outlet([Removed("News | Disaster", "furniture")]) is None  # a section
    True
    >>> _stamped_outlet([Removed("Liputan6.com, Manado", "masthead")])
    'Liputan6.com'
    """
    for r in removed:
        if r.rule not in _STAMP_RULES:
            continue
        for m in (
            _STAMPED.match(r.text),
            _BRACKETED_OUTLET.search(r.text),
            _OUTLET_AND_PLACE.fullmatch(r.text),
        ):
            if m and _OUTLET_SHAPE.search(m.group(1)) and not _is_section(m.group(1)):
                return m.group(1)
    return None


def _masthead_outlet(head: Sequence[str]) -> str | None:
    """Return the outlet a line above the story is the name of ("The Jakarta Post",
    "kumparanNEWS", "Jakarta Globe | Health": its first field), or None: at most four words,
    each capitalised (or one word, "kumparanNEWS", "suarasurabaya.net"), no figure, no
    address, no sentence's end, shaped like an outlet's name (`_OUTLET_SHAPE`).

    >>> _masthead_outlet(["", "The Jakarta Post", "Jakarta ● Sat, May 9, 2026"])
    'The Jakarta Post'
    >>> _masthead_outlet(["Breaking: floods hit Jakarta", "research@cnbcindonesia.com"]) is None
    True
    >>> _masthead_outlet(["By The Associated Press"])
    'The Associated Press'
    """
    for line in head:
        first = _FIELDS.split(line.split("|", 1)[0], 1)[0]  # "Jakarta Globe / News": a field
        name = re.sub(r"^(?:by|oleh)\s+", "", first.strip(), flags=re.I)
        words = name.split()
        if not 1 <= len(words) <= 4 or re.search(r"[\d@,:;]|[.!?]$", name):
            continue  # not "NEWSPAPER SECTION: News", "Jakarta, NU Online", an address
        if (len(words) == 1 or all(w[:1].isupper() for w in words)) and _OUTLET_SHAPE.search(
            words[-1]
        ):
            return name
    return None


_PAGE_RULES = frozenset({"furniture", "masthead", "repeated-across-articles"})
"""The rules of the lines around a story that may name its writer and outlet."""


def _is_furniture(line: str) -> bool:
    """A short line (three words at most, no digits) that ends no sentence: a byline, a
    section name, a credit, a tag, a button. Above the story's first sentence or below its
    last, it is the page around the story, not the story. (Up to six words took subheads
    and a victim's name with them in ECB+: 0.878 -> 0.875.)"""
    signed = _SIGNED.match(line)  # "Rita Uli Hutapea - detikNews": a name and its outlet
    if signed and _OUTLET_SHAPE.search(signed.group(2)):
        line = signed.group(1)
    return (
        len(line.split()) <= 3
        and not re.search(r"[.!?\"”’)]\s*$", line)
        and not re.search(r"\d", line)  # a date or a figure: datelines are read from here
    )


_NAME_LINE_WORDS = frozenset({
    "by", "oleh", "in", "di", "and", "dan", "with", "of", "from", "dari", "correspondent",
    "reporter", "koresponden", "wartawan",
})  # fmt: skip
"""Lower-case words a writer's or outlet's line may hold: "Oliver Tennant in Canberra",
"Jakarta Post correspondent Dian Nugroho", "DAILY SABAH WITH AA"."""
MASTHEAD_MAX_WORDS = 8
_CAPITALISED = r"[A-Z][\w.'’-]*"
_WRITER_IN_PLACE = rf"{_CAPITALISED}\s+{_CAPITALISED}\s+in\s+{_CAPITALISED}(?:\s+{_CAPITALISED})?"
"""A writer of two names in a place: "Sam Jones in Madrid" (not three words, which a title-case
headline's "Prabowo Meets Xi in Beijing" has)."""
_BYLINE_PLACES = re.compile(rf"(?:By\s+)?{_WRITER_IN_PLACE}(?:,?\s+and\s+{_WRITER_IN_PLACE})+")
"""Writers each in their own place: "Sam Jones in Madrid and Laura Méndez in Ourense" (the
Guardian's byline), longer than `MASTHEAD_MAX_WORDS` allows a page's line."""
BYLINE_MAX_WORDS = 16


def _is_masthead(line: str) -> bool:
    """A short line above the story's first sentence that names its writer, outlet or
    section: fields parted by bars ("Harbourline News | Explainer"), or capitalised words
    only ("Arya Dhanu Susanto (The Jakarta Post)", "News - Raditya Sasradipoera, CNBC
    Indonesia", "KEMENTERIAN KELAUTAN DAN PERIKANAN", "Travel · Peru · Guides"). The page
    around the story, like `_is_furniture`'s lines, which hold at most three words. Not a
    line with a figure or a date, a sentence's end, or a dash that a story's first words
    follow on the next line ("Jakarta, CNN Indonesia --": its outlet is read from it).
    >>> _is_masthead("Nusantara Post | Business"), _is_masthead("Arya Susanto (The Jakarta Post)")
    (True, True)
    >>> _is_masthead("Menlu (kiri) bertemu Kim"), _is_masthead("Harga cabai | naik 20%")
    (False, False)
    >>> _is_masthead("Jakarta, CNN Indonesia --"), _is_masthead("Persijap Jepara 2-1 Barito")
    (False, False)
    """
    words = line.split()
    longer = len(words) > MASTHEAD_MAX_WORDS  # only a byline of writers in places may be
    if (longer and not _BYLINE_PLACES.fullmatch(line)) or len(words) > BYLINE_MAX_WORDS:
        return False
    if re.search(r"\d|[-–—.!?\"”’:;]\s*$", line):
        return False
    signed = _SIGNED.match(line)  # "I Gede Wiranata Putra - detikBali"
    if signed and _OUTLET_SHAPE.search(signed.group(2)):
        words = signed.group(1).split()
    return "|" in line or all(
        not w[:1].isalpha() or w[:1].isupper() or w in _NAME_LINE_WORDS
        for w in (word.lstrip("([\"'“‘") or word for word in words)
    )


def _is_sentence(line: str) -> bool:
    return len(line.split()) >= 8 and bool(re.search(r"[.!?\"”’]\s*$", line))


_READ_MORE = re.compile(r"^\s*(?:read more|lihat juga|simak juga)\s*:?\s*$", re.I)
RESUMED_STORY_WORDS = 15
"""A paragraph of at least this many words that ends a sentence, right under the one
headline a bare "Read more:" points to, is the story going on (`_story_resumes`)."""


def _story_resumes(lines: Sequence[str], index: int) -> int | None:
    """For a bare "Read more:" end marker at `index`: the index of the one headline it
    points to when the story goes on under that headline, else None.

    Some sites put "Read more:" and one linked headline in the middle of a story (the
    Jakarta Globe); at the foot of a page it heads a list of headlines, or one headline
    and then tags, a sign-off or nothing. So the story goes on only when the line after
    the headline is a paragraph of `RESUMED_STORY_WORDS` words or more that ends a sentence.
    >>> _story_resumes(["Read more:", "Gov't Sends Inspectors After Deadly Landslide", "",
    ...     "The minister, who visited the site on Saturday, has said the company could "
    ...     "lose its license."], 0)
    1
    >>> _story_resumes(["Read more:", "Rupiah Slips as Dollar Firms", "Tags: IDX, BI"], 0)
    """
    if not _READ_MORE.match(lines[index]):
        return None
    after = [k for k in range(index + 1, min(len(lines), index + 6)) if lines[k]][:2]
    if len(after) < 2:
        return None
    headline, story = (lines[k] for k in after)
    if (
        _is_story(headline)
        or len(headline.split()) > LINK_ITEM_MAX_WORDS
        or re.search(r"[.!?:;]\s*$", headline)
    ):
        return None
    resumes = _is_story(story) and len(story.split()) >= RESUMED_STORY_WORDS
    return after[0] if resumes and line_rule(story) is None else None  # not a footer's notice


def clean_lines(raw: RawArticle, repeated: frozenset[str]) -> Cleaned:
    """Return `raw`'s story paragraphs; every dropped line is kept in `removed` with its rule.

    Rules never drop a line that is surely story (see `is_story_paragraph`); a caption's
    trailing "(Foto: ...)" is cut from such a line instead.
    """
    lines = [line.strip() for line in raw.lines]
    title, start, removed = _headline(raw, lines)
    title_key = normalise_line(title)
    kept: list[int] = []
    texts: dict[int, str] = {}
    story_kept = False  # the headline again is the page's own only above the story
    ended = False
    links = False  # under a bare "Baca juga:" line: its list of headlines
    next_link = -1  # the line index a headline without a bullet must be at
    headline_under = None  # the one headline a mid-story "Read more:" points to
    for index in range(start, len(lines)):
        line = lines[index]
        if not line:
            continue
        if ended:
            removed.append(Removed(line, "after-end-marker"))
            continue
        if (
            links
            and len(line.split()) <= LINK_ITEM_MAX_WORDS
            and (
                _LINK_ITEM.match(line)
                or (  # right under the marker or a headline, its bullet lost in scraping
                    index == next_link
                    and _SENTENCE_END.search(line) is None
                    and _rule_for(line, normalise_line(line), (title_key, repeated, story_kept))
                    is None
                )
            )
        ):
            removed.append(Removed(line, "read-also"))
            next_link = index + 1
            continue
        links = False
        if index == headline_under:
            removed.append(Removed(line, "read-also"))
            continue
        if (
            END_MARKERS.match(line)
            and sum(_is_story(texts[i]) for i in kept) >= MIN_STORY_BEFORE_END
        ):
            headline_under = _story_resumes(lines, index)
            if headline_under is not None:
                removed.append(Removed(line, "read-also"))
                continue
            ended = True
            removed.append(Removed(line, "end-marker"))
            continue
        rule = _rule_for(line, normalise_line(line), (title_key, repeated, story_kept))
        if rule == "menu" and raw.markdown and "\n" in raw.markdown[index]:
            rule = None  # a Markdown table: its rows are one block, a bar is one line
        if rule is not None:
            removed.append(Removed(line, rule))
            links = rule == "read-also" and len(line.split()) <= BARE_MARKER_WORDS
            next_link = index + 1
            continue
        # most lines hold neither, and are not searched
        credit = _TRAILING_CREDIT.search(line) if "(" in line or "/" in line else None
        if credit:
            # A short line with a photo's credit is the picture's whole caption; an outlet's
            # credit ends one only above the story ("Diogo merayakan gol ... di Stadion
            # Manahan. (Bola.com/Ridho)"): further down it goes alone.
            if _one_short_sentence(line[: credit.start()]) and (
                line_rule(line) == "photo-credit" or not story_kept
            ):
                removed.append(Removed(line, "photo-caption"))
                continue
            removed.append(Removed(credit.group(0).strip(), "photo-credit"))
            line = line[: credit.start()]
        kept.append(index)
        texts[index] = line
        story_kept = story_kept or _is_story(line)
    if not kept:
        kept, removed = _restore_soft(lines, removed, texts)
    if not raw.is_markdown:  # a page as scraped; Markdown is written for us
        kept = _without_furniture(kept, texts, removed)
        kept = _dateline_joined(kept, texts)
    return Cleaned(
        raw,
        title,
        tuple(texts[i] for i in kept),
        tuple(removed),
        raw.outlet
        or detect_outlet([texts[i] for i in kept])
        or next((r.text for r in removed if r.rule == "outlet"), None)
        or _signed_outlet(removed)
        or _stamped_outlet(removed)
        or _masthead_outlet(lines[start : kept[0]] if kept else []),
        _render(raw, kept, texts),
    )


_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-–•*»·])\s+[^\d\s]")
"""A list's numbered or bulleted line; not "5. 9 Earthquake Jolts Iran" (a magnitude)."""


MIN_HEADLINE_LIST = 2
"""List lines outside the story that make a list of headlines (`_without_furniture`)."""


def _is_list_item(line: str) -> bool:
    """A numbered or bulleted line of at most `LINK_ITEM_MAX_WORDS` words that ends no
    sentence with a full stop: a headline in a "most read" or "related" list."""
    return (
        _LIST_ITEM.match(line) is not None
        and len(line.split()) <= LINK_ITEM_MAX_WORDS
        and not line.rstrip().endswith(".")
    )


def _without_furniture(kept: list[int], texts: dict[int, str], removed: list[Removed]) -> list[int]:
    """Return `kept` without the short non-sentence lines (see `_is_furniture`) above the
    story's first sentence and below its last, and the lists of headlines below its last
    (`_is_list_item`), adding them to `removed`. A text with no sentence at all is left as
    it is."""
    sentences = [i for i in kept if _is_sentence(texts[i])]
    if not sentences:
        return kept
    first, last = sentences[0], sentences[-1]
    # One bulleted line after the story may be its last fact; a list of them is a block.
    # (Above the story, a list is more often its key points: "• Both sides agree ...".)
    lists = [i for i in kept if i > last and _is_list_item(texts[i])]
    lists = lists if len(lists) >= MIN_HEADLINE_LIST else []
    out = []
    for i in kept:
        # Between the headline and the first sentence, a line of only a date is the page's
        # stamp, with or without the "Updated" word `is_page_stamp` asks of a first line
        # (there a dated title-case line may be the headline); it still dates the article.
        if i < first and dates.dateline_date(texts[i]) is not None:
            removed.append(Removed(texts[i], "dateline"))
        elif (i < first or i > last) and _is_furniture(texts[i]):
            removed.append(Removed(texts[i], "furniture"))
        elif i < first and _is_masthead(texts[i]):
            removed.append(Removed(texts[i], "masthead"))
        elif i < first and _is_crumb(texts[i]):  # "detikFinance / Berita Ekonomi Bisnis"
            removed.append(Removed(texts[i], "menu"))
        elif i < first and _outlet_and_place(texts[i]):  # "Liputan6.com, Jakarta"
            removed.append(Removed(texts[i], "masthead"))
        elif i in lists:
            removed.append(Removed(texts[i], "headline-list"))
        else:
            out.append(i)
    return out


_PLACE_HEAD = r"[A-Z][\w.&'’-]*(?:[ .][A-Z][\w.&'’-]*){0,3}"
"""A dateline's place: one to four capitalised words ("JAKARTA", "Kuala Lumpur")."""
_BARE_DATELINE = re.compile(
    rf"{_PLACE_HEAD}\s*(?:,\s*[A-Za-z0-9][\w.&'’ ]{{0,40}}|\([^()]{{2,40}}\))\s*[-–—]{{1,2}}"
)
"""A dateline alone on its line, ending in its dash: "Jakarta, CNN Indonesia --", "Mumbai, Nov
11 -", "Batam (ANTARA) -"."""
_MONTH_NAMES = "|".join(sorted(dates.MONTHS, key=len, reverse=True))
_BARE_DAY_DATELINE = re.compile(
    rf"{_PLACE_HEAD}\s*,\s*(?:(?i:{_MONTH_NAMES})\.?\s+\d{{1,2}}|\d{{1,2}}\s+(?i:{_MONTH_NAMES})\.?)"
    r"(?:\s*\([^()]{2,40}\)|,\s*[A-Z][A-Z.&-]+(?:\s+[A-Z][A-Z.&-]+){0,2})?\s*[-–—]{0,2}\s*"
)
"""A place and a day without its dash or year, alone on its line: "JAKARTA, Aug 18",
"Jakarta, 18 Agustus", "Baku, 15 April, AZERTAC" (a state agency's name in capitals)."""


def _dateline_joined(kept: list[int], texts: dict[int, str]) -> list[int]:
    """Return `kept` with a dateline alone on the first line (`_BARE_DATELINE`) joined to the
    story's first paragraph, as the page shows it: "Jakarta, CNN Indonesia -- Presiden ..."
    is one paragraph, and the first is the lead the clusterer reads. A place and day with no
    dash ("JAKARTA, Aug 18", `_BARE_DAY_DATELINE`), whose line end stood for it, get one, so
    that the lead reads as the wire's "JAKARTA, Aug 18 - ..." and its day is read."""
    if len(kept) < 2:
        return kept
    first = texts[kept[0]]
    if _BARE_DATELINE.fullmatch(first):
        texts[kept[1]] = f"{first} {texts[kept[1]]}"
    elif _BARE_DAY_DATELINE.fullmatch(first):
        dash = "" if first.rstrip().endswith(("-", "–", "—")) else " -"
        texts[kept[1]] = f"{first.rstrip()}{dash} {texts[kept[1]]}"
    else:
        return kept
    return kept[1:]


SOFT_RULES = ("repeated-headline", "repeated-across-articles")
"""Rules that judge a line by its company, not its shape: undone if they would empty a text."""


def _restore_soft(
    lines: list[str], removed: list[Removed], texts: dict[int, str]
) -> tuple[list[int], list[Removed]]:
    """Return the lines that soft rules removed, kept after all, and what stays removed."""
    restored = {r.text for r in removed if r.rule in SOFT_RULES}
    kept = [i for i, line in enumerate(lines) if line in restored and i not in texts]
    texts.update((i, lines[i]) for i in kept)
    return kept, [r for r in removed if r.rule not in SOFT_RULES]


def _render(raw: RawArticle, kept: Sequence[int], texts: dict[int, str]) -> tuple[str, ...]:
    """Return the sanitized HTML of each kept Markdown block ('' for plain text articles)."""
    if not raw.markdown:
        return ()
    converter = markup.new_converter()
    return tuple(
        markup.render_markdown(
            raw.markdown[i] if texts[i] == raw.lines[i].strip() else texts[i], converter
        )
        for i in kept
    )


_OUTLET_PREFIX = re.compile(
    r"\s*((?=[\w.]*[^\W\d_])[\w.]+(?:\s[\w.]+){0,2})"
    rf"(?:\s+[-–—|/●•]|\.(?=\s+(?:{dates.WEEKDAY_PATTERN})\b))\s+(?=.*\d)",
    re.I,
)
"""A short name before a date: "Kompas.com - 05/11/2024", "CNN Indonesia | Jumat, ...",
"Okezone.com / Senin, 16 November 2026 - 07:20 WIB" (a stamp at the foot of the page),
"Jakarta ● Mon, November 10, 2025" (The Jakarta Post's place and date), "Dar es Salaam.
Thursday, May 21, 2026" (a place and a full stop before the weekday)."""
_OUTLET_SHAPE = re.compile(
    rf"({DOMAIN_END}|(times|news|post|online|daily|press|media|tv|"
    r"today|herald|tribune|globe|pos|kompas|detik)$|^(detik|times|kumparan))",
    re.I,
)


def _names_an_outlet(after: str) -> bool:
    """Whether what follows a dateline's place is an outlet's name: one word ("Tempo",
    "Liputan6"), or words shaped like an outlet's ("Cenderawasih Pos") or holding an acronym
    ("CNN Indonesia"); not a province the place lists do not know ("Camarines Norte")."""
    words = after.split()
    return len(words) == 1 or any(
        (w.isupper() and len(w) > 1) or w.lower() in _MEDIA_WORDS or _OUTLET_SHAPE.search(w)
        for w in words
    )


_MEDIA_WORDS = frozenset({
    "radar", "tribun", "warta", "kabar", "lintas", "jurnal", "harian", "suara", "kanal",
    "jejak", "berita", "info", "agency", "radio", "ekspres", "express", "pers", "gazette",
})  # fmt: skip
"""Words outlets' names are made of besides those `_OUTLET_SHAPE` reads ("Radar
Mojokerto", "Kabar Timur Raya", "Bahrain News Agency")."""


def detect_outlet(paragraphs: Sequence[str]) -> str | None:
    """Return the outlet a dateline in the first paragraphs names, or None.

    "LOGIC.co.id – ..." and "JATIMTIMES - ..." name outlets; "PYONGYANG, - ..." names only
    a place; "JAKARTA, KOMPAS.com - ..." and "MOSCOW (Reuters) - ..." name both.
    >>> detect_outlet(["SEOUL, Nov 5 (Reuters) - North Korea fired a missile."])
    'Reuters'
    >>> detect_outlet(["MOSCOW, Nov 29 - Russia said on Friday it had struck."]) is None
    True
    >>> detect_outlet(["MAGELANG, Central Java — Kiprono won the race."]) is None
    True
    >>> detect_outlet(["MAKASSAR, Tribun-Timur.com - Banjir merendam dua kecamatan."])
    'Tribun-Timur.com'
    >>> detect_outlet(["Pangkalpinang (Indonesia) (AFP) - A crocodile killed a miner."])
    'AFP'
    >>> detect_outlet(["jpnn.com, JAKARTA - Ia tiba."])
    'jpnn.com'
    >>> detect_outlet(["Medcom.id, Bogor: Ia tiba."])
    'Medcom.id'
    >>> detect_outlet(["KUALA LUMPUR: The minister arrived."]) is None
    True
    >>> detect_outlet(["KBRN, Manggar: Warga bertahan."]) is None
    True
    >>> detect_outlet(["SAMARINDA, Indonesia, Jan 22 (Reuters) - Rescuers found two."])
    'Reuters'
    >>> detect_outlet(["TIMESINDONESIA, MALANG – Warga berkumpul."])
    'TIMESINDONESIA'
    >>> detect_outlet(["DAET, Camarines Norte — Floodwaters rose overnight."]) is None
    True
    """
    for paragraph in paragraphs[:2]:
        m = DATELINE.match(paragraph)
        if not m:
            wire = SHOWN_DATELINE.match(paragraph)
            if wire and (paren := wire.group("paren") or wire.group("paren2")):
                return paren.strip()  # "SAMARINDA, Indonesia, Jan 22 (Reuters) -"
            continue
        if paren := m.group("paren") or m.group("paren2"):
            return paren.strip()
        head = m.group("head")
        if _OUTLET_SHAPE.search(head):  # "TRIBUNNEWS.COM, PYONGYANG - ..."
            return head
        after = m.group("after")
        if m.group("sep") == ":":  # "Medcom.id, Jakarta:"; "KBRN, Manggar:" names no outlet
            return after.strip() if after and _OUTLET_SHAPE.search(after) else None
        if (
            after
            and after.split()[0].lower().rstrip(".") not in DATE_WORDS
            and name_kind(after.strip()) is not NameKind.PLACE  # "CIANJUR, West Java —"
            and _names_an_outlet(after.strip())  # not "DAET, Camarines Norte —"
        ):
            return after.strip()
        has_comma = "," in paragraph[: m.end()]
        if not has_comma and _OUTLET_SHAPE.search(head):
            return head
        return None
    return None


LineKeys = tuple[int, "np.ndarray"]
"""An article's normalised title and short lines as 64-bit hashes (`line_hash`); the
lines' hashes sorted and unique in an unsigned 64-bit array."""


def line_hash(key: str) -> int:
    """Return a 64-bit hash of a normalised line, the same in every process and run."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big")


def line_keys(raw: RawArticle) -> LineKeys:
    """Return what boilerplate detection reads of one article: its normalised title and
    the normalised lines short enough to count as boilerplate (`REPEATED_MAX_WORDS`).

    Lines are kept as hashes, a few bytes each, not as text: a build keeps these for every
    file (see `build.cached_reader`), so a rebuild normalises only new files' lines.
    """
    keys = {normalise_line(line) for line in raw.lines if line.strip()}
    short = {line_hash(k) for k in keys if k and len(k.split()) <= REPEATED_MAX_WORDS}
    lines = np.array(sorted(short), dtype=np.uint64)
    return line_hash(normalise_line(raw.title)), lines


def repeated_keys(keys: Sequence[LineKeys], min_articles: int) -> list[frozenset[int]]:
    """Return, for each article of `keys` (`line_keys` of each, in order), the hashes of
    its title and lines that occur among the short lines of at least `min_articles`
    articles. Articles with the same normalised title count once, so syndicated copies of
    one story do not turn its own sentences into boilerplate.
    """
    seen_titles: set[int] = set()
    counted = []
    for title, lines in keys:
        if title not in seen_titles:
            seen_titles.add(title)
            counted.append(lines)
    every = np.concatenate(counted) if counted else np.zeros(0, dtype=np.uint64)
    values, counts = np.unique(every, return_counts=True)
    repeated = values[counts >= min_articles]
    if not len(keys):
        return []
    lines = np.concatenate([lines for _, lines in keys])
    inside = np.isin(lines, repeated, assume_unique=False)
    titles = np.isin(np.array([t for t, _ in keys], dtype=np.uint64), repeated)
    found: list[frozenset[int]] = []
    start = 0
    for (title, own), title_in in zip(keys, titles.tolist(), strict=True):
        end = start + len(own)
        hits = set(lines[start:end][inside[start:end]].tolist())
        found.append(frozenset(hits | {title} if title_in else hits))
        start = end
    return found


def repeated_lines(raws: Sequence[RawArticle], min_articles: int) -> frozenset[str]:
    """Return the normalised short lines that occur in at least `min_articles` articles.

    Articles with the same normalised title count once (see `repeated_keys`).
    """
    hits = repeated_keys([line_keys(raw) for raw in raws], min_articles)
    return frozenset(
        key
        for raw, found in zip(raws, hits, strict=True)
        for key in map(normalise_line, (raw.title, *raw.lines))
        if line_hash(key) in found
    )


def found_lines(raw: RawArticle, found: frozenset[int]) -> frozenset[str]:
    """Return the normalised title and lines of `raw` whose hashes are in `found`."""
    if not found:  # no repeated line in this article: nothing to look up
        return frozenset()
    keys = map(normalise_line, (raw.title, *raw.lines))
    return frozenset(key for key in keys if line_hash(key) in found)


def clean_corpus(raws: Sequence[RawArticle]) -> list[Cleaned]:
    """Return every article cleaned, in input order."""
    repeated = repeated_lines(raws, REPEATED_MIN_ARTICLES)
    return [clean_lines(raw, repeated) for raw in raws]


def readable(cleaned: Sequence[Cleaned]) -> tuple[list[Cleaned], list[Skipped]]:
    """Return the articles worth showing, and a remark for each that is passed over or thin.

    A text with neither a headline nor a story line left (only boilerplate) is passed over;
    one with a headline but no story left is kept, with a warning.
    """
    kept: list[Cleaned] = []
    remarks: list[Skipped] = []
    for item in cleaned:
        shown = markup.printable(item.raw.path)
        if item.paragraphs:
            kept.append(item)
        elif item.title and line_rule(item.title) is None:
            kept.append(item)
            remarks.append(
                Skipped(
                    shown,
                    "no story text left after removing boilerplate; shown with its headline only",
                )
            )
        else:
            count = len(item.removed)
            remarks.append(
                Skipped(
                    shown,
                    f"only boilerplate ({count} line(s) such as "
                    "'Baca juga', labels, link lists); skipped",
                )
            )
    return kept, remarks
