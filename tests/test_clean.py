"""Boilerplate removal and outlet detection, on the seeds and on small texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest import build, clean, cluster, evaluate, load, yearless
from digest.config import ClusterParams
from digest.model import RawArticle

REPO = Path(__file__).resolve().parent.parent


def raw(text: str, path: str = "a.txt") -> RawArticle:
    return load.parse_text(Path(path).stem, path, text, path.endswith(".md"))


def cleaned(text: str, path: str = "a.txt") -> clean.Cleaned:
    return clean.clean_corpus([raw(text, path)])[0]


@pytest.fixture(scope="module")
def seeds() -> dict[str, clean.Cleaned]:
    raws, _ = load.read_sources(REPO / "seeds")
    return {c.raw.id[:3]: c for c in clean.clean_corpus(raws)}


def removed_rules(item: clean.Cleaned) -> dict[str, str]:
    return {r.text: r.rule for r in item.removed}


def test_seed_boilerplate_is_removed(seeds: dict[str, clean.Cleaned]) -> None:
    every_kept = [p for c in seeds.values() for p in c.paragraphs]
    for marker in (
        "Baca juga",
        "Baca Juga",
        "Terkini Lainnya",
        "Topik",
        "Tinggalkan komentar",
        "Breaking News",
        "(Foto:",
        "Baca Selengkapnya",
        "Kremlin Pool Photo",
        "Jelang Pelantikan Donald Trump",
        "cara menyimpan tomat",
    ):
        assert not any(marker in p for p in every_kept), marker
    assert "Sumber" not in every_kept
    assert "12 - Nov - 2024, 04:00" in removed_rules(seeds["003"])
    rules_004 = removed_rules(seeds["004"])
    assert rules_004["Breaking News"] == "label"
    assert "repeated-headline" in rules_004.values()
    assert seeds["004"].title.startswith("Menteri Pertahanan Rusia mengunjungi Korea Utara")
    assert seeds["002"].title.endswith("semakin erat")


def test_no_seed_story_paragraph_is_dropped(seeds: dict[str, clean.Cleaned]) -> None:
    for key, item in seeds.items():
        story = [line.strip() for line in item.raw.lines if clean.is_story_paragraph(line.strip())]
        dropped = [r for r in item.removed if r.text in story and r.rule != "after-end-marker"]
        assert dropped == [], key
    # The last story lines survive in every seed, and the leads are the datelined paragraphs.
    assert seeds["000"].paragraphs[0].startswith("PYONGYANG, - Menteri Pertahanan")
    assert seeds["003"].paragraphs[0].startswith("JATIMTIMES - Korea Utara")
    assert seeds["002"].paragraphs[-1] == "Tujuan dari delegasi tersebut belum jelas."
    assert seeds["003"].paragraphs[-1].startswith("Jumlah warga Korea Utara")


def test_seed_outlets_from_datelines(seeds: dict[str, clean.Cleaned]) -> None:
    assert seeds["001"].outlet == "LOGIC.co.id"
    assert seeds["003"].outlet == "JATIMTIMES"
    assert seeds["000"].outlet is None  # "PYONGYANG, -" names a place, not an outlet


@pytest.mark.parametrize(
    ("lead", "outlet"),
    [
        ("JAKARTA, KOMPAS.com - Presiden bertemu menteri pada Senin.", "KOMPAS.com"),
        ("MOSCOW (Reuters) - The minister flew to Pyongyang on Friday.", "Reuters"),
        ("Detik.com – Pemerintah mengumumkan kebijakan baru hari ini.", "Detik.com"),
        ("SEOUL, - The army said on Friday that troops moved.", None),
        ("The minister flew to Pyongyang on Friday - officials said.", None),
        ("SEOUL, Nov 5 (Reuters) - North Korea fired a missile on Tuesday.", "Reuters"),
        ("MOSCOW, Nov 29 - Russia said on Friday it had struck a plant.", None),
        ("jpnn.com, JAKARTA - Presiden bertemu menteri pada Senin.", "jpnn.com"),
        ("Medcom.id, Jakarta: Presiden bertemu menteri pada Senin.", "Medcom.id"),
        ("MEDAN (Waspada): Keluarga korban menolak permintaan maaf terdakwa.", "Waspada"),
        ("KBRN, Manggar: Warga masih bertahan di tenda pengungsian.", None),
        ("KUALA LUMPUR: The minister arrived on Friday.", None),
        ("MAGETAN, Indonesia, Nov 7 (Reuters) - At least five people were hurt.", "Reuters"),
        ("BATAM, Riau Islands, Jan 5 (AFP) - A ferry ran aground on Monday.", "AFP"),
        ("MAGETAN, East Java, Nov 7 - At least five people were hurt.", None),
    ],
)
def test_detect_outlet(lead: str, outlet: str | None) -> None:
    assert clean.detect_outlet([lead]) == outlet


def test_detiks_byline_names_the_outlet_its_dateline_does_not() -> None:
    item = cleaned(
        "Banjir Rendam Tiga Kecamatan di Kabupaten Bandung\nTim detikJabar - detikJabar\n"
        "Senin, 12 Jan 2026 14:05 WIB\nBandung - Banjir merendam tiga kecamatan di Kabupaten "
        "Bandung sejak Minggu malam. Ribuan warga mengungsi ke tempat yang lebih tinggi.\n"
        "Kepala BPBD mengatakan ketinggian air mencapai satu setengah meter di beberapa titik.\n"
    )
    assert item.outlet == "detikJabar"
    assert item.paragraphs[0].startswith("Bandung - Banjir merendam")
    # An outlet and its section after a bar name the outlet first, not "News".
    globe = cleaned(
        "Flood hits Bandung\nJakarta Globe | News\nFloods hit three districts of "
        "Bandung on Sunday night and thousands of residents fled their homes.\n"
    )
    assert globe.outlet == "Jakarta Globe"
    # The Jakarta Post's page names itself above the story, and nowhere else.
    post = cleaned(
        "Road deaths fall during holiday operation\nThe Jakarta Post\n"
        "Jakarta ● Tue, November 24, 2026\nRoad deaths fell by 12.7 percent during this "
        "year's two-week operation, the National Police said on Monday.\n"
    )
    assert post.outlet == "The Jakarta Post"


def test_front_matter_outlet_wins(tmp_path: Path) -> None:
    item = cleaned("---\noutlet: Antara\n---\n# T\n\nLOGIC.co.id – Body text here.\n", "a.md")
    assert item.outlet == "Antara"


@pytest.mark.parametrize(
    "line",
    [
        "Baca juga: Something else happened",
        "BACA JUGA : Something else",
        "Read also: another story",
        "Tinggalkan komentar",
        "Leave a comment",
        "Sumber",
        "Sumber: Reuters",
        "Breaking News",
        "Editor: Jane Doe",
        "Copyright © 2024 Example Media. All rights reserved.",
        "Ikuti berita terkini di Google News",
        "Jumat, 29 November 2024 | 10:00 WIB",
        "Foto: AFP/KCNA",
        "-----",
        "Advertisement · Scroll to continue",
        "Reporting by Hyonhee Shin and Josh Smith; Editing by Ed Davies",
        "(Additional reporting by Jane Roe in Jakarta; Writing by John Doe)",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "Sign up here.",
        "Simak breaking news dan berita pilihan kami langsung di ponselmu. Pilih saluran "
        "andalanmu akses berita Kompas.com WhatsApp Channel : "
        "https://www.whatsapp.com/channel/0029VaFPbedBPzjZrk13HO3D",
        "[Gambas:Video 20detik]",
        "(idn/idn)",
        "(ant)",
        'Simak Video "Momen Menlu Tiba di Beijing"',
        'Baca artikel detiknews, "Menlu Bertemu Menlu China" selengkapnya https://news.detik.com/x',
        "Download Apps Detikcom Sekarang https://apps.detik.com/detik/",
        "BACA HALAMAN BERIKUTNYA",
        "Associated Press writer Aamer Madhani contributed to this report.",
        "Image source, Getty Images",
        "Image caption, The minister took office in October",
        "By Reuters",
        "By Ju-min Park and Josh Smith",
        "Oleh: Dian Sari",
        "Associated Press",
        "Share",
        "Linkedin",
        "Purchase Licensing Rights",
        "November 30, 20244:12 AM GMT+7Updated 2 hours ago",
        "Senin, 02 Des 2024 10:00 WIB - 2 jam lalu",
        "Item 1 of 2 North Korean leader Kim Jong Un meets Russian Defence Minister Andrei "
        "Belousov in Pyongyang, North Korea, in this picture released by the Korean Central "
        "News Agency on November 30, 2024. KCNA via REUTERS/File Photo",
        "Kim Jong Un greets the minister at the airport (AP Photo/Ahn Young-joon)",
        "Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com.",
        "Tag: sawit, uni eropa, malaysia",
        "Tags: Indonesia, Malaysia, palm oil",
        "Topik: Pemilu 2024",
        "Lihat Foto",
        "Scroll untuk melanjutkan",
        "Klik di sini untuk mendapatkan update berita terkini",
        "Gabung sekarang juga di grup WhatsApp kami",
        "* Fakta atau Hoaks? Untuk mengetahui kebenaran informasi yang beredar, silakan "
        "WhatsApp ke nomor Cek Fakta Liputan6.com 0811 9787 670 hanya dengan ketik kata kunci "
        "yang diinginkan.",
        "Rep: Budi Santoso Red: Ani Rahma",
        "Get our free Headlines newsletter",
        "Follow AP's coverage at https://apnews.com/hub/indonesia",
        "Photograph: Willy Kurniawan/Reuters",
        "This article was originally published on Example News.",
        "Reuse this content",
        "Privacy Policy",
        # A scraped page's bars: menus, breadcrumbs, cookies, comments, pagers, tickers.
        "Beranda | Nasional | Daerah | Ekonomi | Bola | Video",
        "The Example Times | World | Politics | Business | Sign In | Subscribe",
        "Share: Facebook | X | LinkedIn | Copy link",
        "Regional > Jawa Tengah",
        "Home > News > Asia Pacific",
        "We use cookies to give you the best experience. By browsing on, you accept our use of "
        "cookies. Accept all | Manage preferences",
        "27 comments",
        "Komentar (12)",
        "Share on X",
        "Halaman 1 2 3 Selanjutnya",
        "($1 = 16,250 rupiah)",
        "Sign up for our Evening Digest newsletter. Your email address | Subscribe",
        "Story continues below advertisement",
        "Continue reading the main story",
        "Listen to this article",
        "Waktu baca: 4 menit",
        "5 min read",
        "This website uses cookies to improve your experience.",
        "By continuing to browse you agree to our use of cookies and our privacy policy.",
        "Already a subscriber? Sign in",
        # a linked headline under a label, bylines after a colon, a page's stamps and tags
        "Pilihan Editor: Kontrak Kawasan Yudikatif IKN Diteken, Apa Saja yang Dibangun?",
        "Editor's Choice: Health Ministry to Rotate 140 Specialists to Border Hospitals",
        "Berita Terkait: Jadwal Timnas Berikutnya | Klasemen Terbaru",
        "Read: Police Seize Porsche, Houses From Gemala Founder",
        "NEXT: Stok Beras Bulog Menipis, Pemerintah Buka Opsi Impor",
        "Klik untuk baca: Sidang Vonis Digelar Hari Ini",
        "Saksikan Live Liputan6 Pagi:",
        "Translator: Rendra Pandu Wijanarko, Yuniar Kartikasari",
        "Translated by: Ardi Saputro",
        "Red: Agung Prasetyo Widodo",
        "Rep: Syifa Nurul Izzah",
        "Kontributor : Ayu Larasati Pramesti",
        "Penulis: Kontributor Musi Banyuasin, Agus Setiawan Rahmatullah | Editor: Putri Wulandari "
        "Sembiring",
        "PUBLISHED : 14 Oct 2026 at 15:10   |   UPDATED : 14 Oct 2026 at 18:32",
        "Last Updated: Monday, 28 November 2005, 02: 24 GMT",
        "Posted: Jul 07, 2012 7: 40 PM ET",
        "Explore more: Indonesia, corruption, Kalimantan",
        "Posted in: Environment",
        "NEWSPAPER SECTION: BUSINESS",
        "Disclaimer: Artikel ini bukan rekomendasi jual atau beli saham.",
        "Baca berita lengkap dan menarik lainnya di Google News CNN Indonesia.",
        "Simak berita Liputan6.com lainnya di Google News.",
        "Ikuti berita terkini dan pilihan dari Kompas.com di Google News.",
        "Simak breaking news dan berita pilihan kami langsung di ponselmu.",
        "(Sumber: ANTARA)",
        "(cr17/tribun-medan.com)",
        "Berita selengkapnya menyusul.",
        # twenty-third session: shapes the labelled sets' pages showed as a first paragraph
        "Penulis Kontributor Palu, Irma Lamadjido | Editor Sari Handayani",
        "By Shin Ye-rim (yrshin@heraldcorp.com)",
        "(Adds quotes from minister, prime minister, opposition, share moves)",
        "(Updates death toll in paragraph 2)",
        "Nomor: 412/SP/XII/2025",
        "NOMOR: SP.612/SJ.5/XI/2026",
        "Updated 16:05 EAT",
        "Updated 5: 40 p. m. ET",
        "Ilustrasi gempa bumi. (SHUTTERSTOCK/TRIFF)",
        "Ilustrasi pelabuhan perikanan. Foto: Dok. KKP",
        "ANTARA FOTO/Yeremias Sinlaeloe/nym.",
        "(/)",
        "●",
        # an invitation to an outlet's channel or group, with or without its link
        "Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com. Mari "
        'bergabung di Grup Telegram "Kompas.com News Update", caranya klik link, kemudian join.',
        "Join ST's Telegram channel and get the latest breaking news delivered to you.",
        "Ikuti berita terkini Belitung di kanal WhatsApp kami.",
        "Info lengkap: https://t.me/examplenews",
        # a reporter's sign-off after the site's name, and a stamp at the foot of the page
        "(Tribunpontianak.co.id/Yulianus Ding)",
        "(POS-KUPANG.COM/Oktovianus Lenggu)",
        "Okezone.com / Senin, 16 November 2026 - 07:20 WIB",
        "Liputan6.com / 16 Nov 2026, 19:42 WIB",
        # hashtags, sign-offs and credits at the foot of a page
        "#Lewotobi #FloresTimur #Volcano #NTT",
        "#Bombana #Polda Sultra #KematianTahanan #Jumardin",
        "(Penulis: Nur Aini | Editor: Rudi Hartono)",
        "(Laporan Wartawan Pos-Kupang.com, Yohanes Gebo Dhiu)",
        "(Reuters)",
        "--With assistance from Priya Raman.",
        "—With a report from Inquirer Research",
        "— The Jakarta Post",
        "— Asia Cyber Watch | Briefs",
        "Kontributor Baubau, Muhammad Iksan Buton",
        "Most Read from Bloomberg",
        # BBC Indonesia's captions, ad placeholders, prompts and credits of Indonesian sites
        "Sumber gambar, Getty Images",
        "Keterangan gambar, Presiden Joko Widodo saat tiba di Beijing",
        "Lanjutkan membaca artikel di bawah",
        "Scroll ke bawah untuk melanjutkan membaca",
        "Cek Berita dan Artikel yang lain di Google News dan WA Channel",
        "Simak selengkapnya di sini",
        "Dok. Kementerian Pertahanan",
        "Tangkapan layar video KCNA",
        # a social post's frame, Kompas's fewer-ads prompt, a loading label
        "— KCNA Watch (@KCNAWatch) November 29, 2024",
        "View this post on Instagram",
        "A post shared by Kementerian Pertahanan RI (@kemhanri)",
        "Baca berita dengan sedikit iklan, klik di sini",
        "Daftarkan email",
        "Loading...",
        "Also read: Indonesia, Japan agree to boost maritime cooperation",  # ANTARA English
        "Baca: Harga Minyak Dunia Naik, Brent Tembus US$88 per Barel",  # detik
        # wires' notes, editors' initials and sign-offs
        "(This story has been refiled to correct a typo in paragraph 3)",
        "burs-kjm/ach/gle",
        "ft-jm/ser",
        "-- AFP",
        "Thomson Reuters",
        "Get the latest news delivered to your inbox",
        "Share options",
        "Log in to continue reading",
        "Artikel ini sudah tayang di VOI.id",
        "Klik dan dapatkan info terkini seputar Sulawesi di sini",
        "Jangan lewatkan berita terbaru dari kami",
        # site footers and inline linked headlines the labelled pages kept (thirty-second
        # session: 188 lines of 179 labelled pages)
        "● Related: Dengue cases climb as rainy season begins",
        "● Read more: Nickel boom reshapes Southeast Sulawesi's politics",
        "• Watch: Floodwaters sweep through Medan's old quarter",  # any rule, behind a bullet
        "▶ Simak juga video: Banjir rendam 300 rumah di Lebak",
        "RELATED STORY: What is heat index and why it matters",
        "Editor’s Choice: Two Indonesian Crew Still Missing After Jeju Capsizing",
        "Simak berita lainnya seputar topik artikel ini, di sini:",
        "Simak berita menarik lainnya di kanal Bola Liputan6.com.",
        "Baca berita Kompas.com lainnya tanpa iklan. Gabung Kompas.com+ sekarang.",
        "Baca berita tanpa iklan. Gabung Kompas.com+",
        "Ikuti terus berita terbaru seputar Bengkulu hanya di RAFFLESIAKINI.COM",
        "Download The Star app to get the latest news on the go.",
        "Like and follow our page for more news from Sorsogon.",
        "To contact the reporter on this story: Evelyn Tan Rui in Beijing",
        "Article published by Melinda Hartoyo Sutanto",
        "(T2/Editor: Rudi Hartawan Wibowo)",
        "Tags / Keywords: Singapore, MRT, SMRT, Transport",
        "Bagikan artikel ini melalui:",
    ],
)
def test_boilerplate_line_is_removed(line: str) -> None:
    story = "The minister met the leader in the capital on Friday to discuss ties."
    item = cleaned(f"Headline\n{story}\n{line}\n{story} Again.\n")
    assert line.strip() not in item.paragraphs
    assert line.strip() in removed_rules(item)
    assert len(item.paragraphs) == 2


@pytest.mark.parametrize(
    "line",
    [
        "Baca juga laporan kami: menteri itu bertemu pemimpin Korea Utara di Pyongyang pada "
        "Jumat. Keduanya sepakat meningkatkan kerja sama militer antara kedua negara.",
        "Hak cipta lagu itu dimiliki oleh label rekaman besar di Jakarta sejak lama. Penyanyi "
        "itu mengatakan ia akan menggugat perusahaan tersebut pekan depan di pengadilan.",
        "Sumber: seorang pejabat senior yang tidak mau disebutkan namanya mengatakan bahwa "
        "pertemuan itu berlangsung selama tiga jam. Ia menambahkan bahwa hasilnya positif.",
        "Reporting by the BBC showed the minister had met the envoy, according to documents.",
        "Daftar pemain timnas diumumkan pelatih pada Senin di Jakarta.",
        "Dapatkan bantuan hukum gratis, warga diminta mendaftar ke kantor desa sebelum akhir "
        "bulan ini, kata kepala desa kepada wartawan di Garut pada Senin.",
        "Topik: pertemuan itu membahas kerja sama militer. Kedua menteri juga membahas "
        "latihan bersama pada tahun depan, kata juru bicara kementerian.",
        "Gabung dengan partai koalisi, politisi itu kini memimpin grup kerja parlemen.",
        "Klik, bunyi kamera terdengar saat menteri itu tiba di bandara pada Jumat pagi.",
        "The regulator said sites that set cookies must let visitors refuse them as easily as "
        "they accept, and fined two retailers on Monday.",
        "Skor akhir 2-1 | gol Rifqi menit 23 | kartu merah menit 80 untuk bek tamu.",
        "Red Cross volunteers reached the village on Friday with food and tents.",
        "Updated figures from the agency show 12 people died and 40 were injured.",
        "Posted at the border since 2019, the soldiers said they had not been paid.",
        "Read the full statement, the spokesman told reporters on Monday in Jakarta.",
        "Ikuti aturan lainnya di desa itu, kata kepala desa kepada warga pada Senin pagi.",
        "(Sumber dana proyek itu dipertanyakan anggota DPRD pada rapat Senin, 3 Maret.)",
        "(Adds to the pressure on the minister, who faces a vote on Friday in parliament.) He "
        "denies wrongdoing.",
        "Nomor: 3 of the list, the striker, scored twice in the final on Sunday in Jakarta.",
        "Ilustrasi itu dibuat oleh seniman lokal dan dipamerkan di galeri kota pada Senin.",
        # a story that names a channel is no promotion of one (a lead was dropped as one)
        "Police have detained three people after photos of the mathematics paper appeared on a "
        "Telegram channel less than 40 minutes after the national exam began this morning.",
        "The general arrived in the capital late Monday, the Defence Ministry said in a "
        "statement on its Telegram channel.",
        "Polisi menyebut data itu dijual lewat saluran WhatsApp sejak awal bulan.",
        # hashtags and dashes inside a story
        "#1 seed Jannik Sinner beat #2 Carlos Alcaraz in the final",
        "— Kata dia, pemerintah akan membantu warga yang rumahnya rusak.",
        "- Jalan Jenderal Sudirman",
        "Dokumentasi rapat itu diserahkan kepada penyidik pada Senin.",
        "Cek kesehatan gratis digelar di puskesmas yang lain di Bogor pada Sabtu pagi.",
        "A post shared on social media showed the minister arriving at the airport on Friday.",
        "Warga boleh memilih dan/atau menolak tawaran itu, kata kepala desa pada Senin.",
        "Related talks between the two ministers continue next week in Jakarta.",
        "Ikuti aturan lalu lintas, kata Kapolres, karena kecelakaan sering terjadi di jalur itu.",
        "Readers who follow the case say the court will rule on Monday.",
    ],
)
def test_story_paragraph_that_looks_like_boilerplate_is_kept(line: str) -> None:
    item = cleaned(f"Headline\n{line}\n")
    assert item.paragraphs == (line,)


def test_trailing_photo_credit_is_cut_from_a_story_paragraph() -> None:
    line = (
        "Kim met the minister in Pyongyang on Friday, state media said. The two men "
        "discussed military cooperation for several hours at the ministry. (Foto: KCNA)"
    )
    item = cleaned(f"Headline\n{line}\n")
    assert item.paragraphs == (line.removesuffix(" (Foto: KCNA)"),)
    assert removed_rules(item)["(Foto: KCNA)"] == "photo-credit"


def test_a_one_sentence_line_ending_in_a_photo_credit_is_a_caption_removed_whole() -> None:
    caption = (
        "Menteri Pertahanan Sjafrie Sjamsoeddin (kiri) berjabat tangan dengan Menteri "
        "Pertahanan Nasional Turki Yasar Guler seusai pertemuan bilateral di kantor "
        "kementerian di Ankara. (Foto: Biro Humas Setjen Kemhan)"
    )
    story = "ANKARA - Menteri Pertahanan RI bertemu Menteri Pertahanan Turki, Selasa (11/2/2025)."
    item = cleaned(f"Headline\n{caption}\n{story}\n")
    assert item.paragraphs == (story,)
    assert removed_rules(item)[caption] == "photo-caption"


@pytest.mark.parametrize(
    ("caption", "credit"),
    [
        ("Genangan air di Jalan Kemang Raya, Selasa malam.", "(KOMPAS.com/GILANG PRASETYO)"),
        ("Koordinator KPIP menunjukkan bukti laporan di Gedung KPK.", "TEMPO/Imam Sukamto"),
        ("Bus Transjakarta terbakar di Pancoran, Selasa malam.", "[Suara.com/Alfian]"),
        ("Warga melihat lubang di Jalan Brigjen Katamso.", "(TRIBUN MEDAN/BONIFASIUS TARIGAN)"),
    ],
)
def test_an_outlets_photo_credit_is_cut_from_its_caption(caption: str, credit: str) -> None:
    """A caption ending in an outlet's credit keeps its words; the credit goes (thirty-fourth
    session: 28 labelled pages). A line that ends on two names parted by a slash is no
    credit: "TNI/Polri", and a site's trail, "Kompas.com / Megapolitan". (An illustration's
    caption, "Ilustrasi bus Transjakarta. [Suara.com/Alfian]", goes whole, as one with its
    credit in round brackets does: thirty-fifth session.)"""
    story = "JAKARTA - Banjir merendam dua kecamatan di Jakarta Selatan pada Selasa malam."
    item = cleaned(f"Banjir Jakarta\n{story}\n{caption} {credit}\n")
    assert item.paragraphs == (story, caption)
    assert removed_rules(item)[credit] == "photo-credit"
    kept = "Personel gabungan TNI/Polri berjaga di lokasi sejak Selasa malam bersama warga."
    assert cleaned(f"Banjir Jakarta\n{story}\n{kept}\n").paragraphs == (story, kept)


def test_an_outlet_in_brackets_after_the_writer_is_the_outlet() -> None:
    story = "Organizers of the volleyball league overturned a five-set victory on Wednesday."
    item = cleaned(f"Proliga strips Popsivo of win\nAnggita Wuisan (The Jakarta Post)\n\n{story}\n")
    assert (item.paragraphs, item.outlet) == ((story,), "The Jakarta Post")


def test_an_outlets_name_before_a_stamp_above_the_story_is_its_outlet() -> None:
    story = "BOYOLALI - Polres Boyolali menangkap tiga orang penjual kunci jawaban ujian desa."
    stamp = "BOYOLALIUPDATE.COM - Jumat, 20 Februari 2026 | 06:15"
    item = cleaned(f"Sekdes di Boyolali Ditangkap Polisi\n\n{stamp}\n\n{story}\n")
    assert (item.paragraphs, item.outlet) == ((story,), "BOYOLALIUPDATE.COM")


def test_a_more_from_heading_ends_the_story() -> None:
    story = (
        "A landslide buried six houses in a hillside village on Sunday night, officials said.\n"
        "Rescuers were still searching for three missing residents on Monday morning.\n"
    )
    item = cleaned(
        f"Landslide kills four\n{story}MORE FROM THE ISLAND HERALD\n"
        "- Bali tourism arrivals hit record in February\n- Ferry services resume\n"
    )
    assert item.paragraphs == tuple(story.splitlines())
    assert removed_rules(item)["- Bali tourism arrivals hit record in February"] == (
        "after-end-marker"
    )


def test_headlines_listed_under_a_bare_read_also_line_are_removed() -> None:
    story = (
        "Kebakaran melanda permukiman padat di Simokerto, Surabaya, Minggu dini hari.\n"
        "Sebanyak 35 rumah hangus dan 120 warga mengungsi ke balai RW setempat.\n"
    )
    item = cleaned(
        f"Kebakaran di Simokerto\n{story}Baca juga:\n"
        "- Pemkot Surabaya Bagikan Alat Pemadam Api Ringan ke Kampung Padat\n"
        "- Hujan Diprediksi Mulai Turun di Surabaya Oktober\n"
        "Warga berharap bantuan segera datang untuk membangun kembali rumah mereka.\n"
    )
    assert item.paragraphs == (
        *story.splitlines(),
        "Warga berharap bantuan segera datang untuk membangun kembali rumah mereka.",
    )
    assert removed_rules(item)["- Hujan Diprediksi Mulai Turun di Surabaya Oktober"] == (
        "read-also"
    )
    # a list in the story, with no "Baca juga:" above it, stays
    listed = cleaned(f"Kebakaran\n{story}- Sebanyak 35 rumah hangus\n")
    assert "- Sebanyak 35 rumah hangus" in listed.paragraphs


def test_headlines_without_bullets_under_a_bare_read_also_line_are_removed() -> None:
    # b118-013's ending: a scraped page lost the list's bullets.
    story = (
        "Kebakaran melanda Pasar Sentral Salakan, Banggai Kepulauan, Minggu dini hari.\n"
        "Pemerintah daerah berencana menyiapkan lokasi penampungan sementara bagi pedagang.\n"
    )
    item = cleaned(
        f"Pasar Salakan terbakar\n{story}Baca Juga:\n"
        "Harga Cabai Rawit di Palu Tembus Rp 90 Ribu per Kilogram\n"
        "Banjir Rendam Ratusan Rumah di Parigi Moutong\n"
    )
    assert item.paragraphs == tuple(story.splitlines())
    assert removed_rules(item)["Banjir Rendam Ratusan Rumah di Parigi Moutong"] == "read-also"
    # Under the list, after a blank line, the story resumes: an introduction to a list.
    resumed = cleaned(
        f"Pasar Salakan terbakar\n{story}Baca Juga:\n"
        "Harga Cabai Rawit di Palu Tembus Rp 90 Ribu per Kilogram\n\n"
        "Berikut langkah mendaftar bantuan\n\n"
        "Pedagang diminta membawa KTP ke kantor kecamatan.\n"
    )
    assert resumed.paragraphs[-2:] == (
        "Berikut langkah mendaftar bantuan",
        "Pedagang diminta membawa KTP ke kantor kecamatan.",
    )
    # A sentence right under the marker is story, as is an introduction to a list.
    kept = cleaned(
        f"Pasar Salakan terbakar\n{story}Baca Juga:\nBerikut langkah mendaftar bantuan:\n"
        "Pedagang diminta membawa KTP ke kantor kecamatan.\n"
    )
    assert kept.paragraphs[-2:] == (
        "Berikut langkah mendaftar bantuan:",
        "Pedagang diminta membawa KTP ke kantor kecamatan.",
    )


def test_end_marker_needs_story_before_it() -> None:
    item = cleaned("Headline\nTopik\nA short stub of a story that stays here.\n")
    # Not an end marker here (nothing would be left), only a label above the story.
    assert item.paragraphs == ("A short stub of a story that stays here.",)
    assert {r.text: r.rule for r in item.removed} == {"Topik": "furniture"}


def test_lines_repeated_across_articles_are_removed_but_not_story() -> None:
    footer = "Redaksi menerima kiriman tulisan pembaca setiap hari"
    story = "The minister met the leader on Friday and both sides praised the new treaty."
    raws = [
        raw(
            f"Title {i}\nStory number {i} is told here in full today.\n{story}\n{footer}\n",
            f"{i}.txt",
        )
        for i in range(4)
    ]
    for item in clean.clean_corpus(raws):
        assert footer not in item.paragraphs
        assert story in item.paragraphs
        assert removed_rules(item)[footer] == "repeated-across-articles"


def test_only_boilerplate_is_skipped_and_headline_only_is_kept() -> None:
    junk = cleaned("Breaking News\nBaca juga: Other story\nTinggalkan komentar\n", "junk.txt")
    stub = cleaned("A real headline about the treaty\nBaca juga: Other story\n", "stub.txt")
    kept, remarks = clean.readable([junk, stub])
    assert [k.raw.path for k in kept] == ["stub.txt"]
    why = {r.path: r.reason for r in remarks}
    assert "only boilerplate" in why["junk.txt"] and "headline only" in why["stub.txt"]


def test_markdown_paragraphs_render_sanitized_html() -> None:
    item = cleaned(
        "# Title\n\nKim met **Putin** in [Moscow](https://example.org/m).\n\n"
        "<script>alert(1)</script>\n\nA [bad link](javascript:alert(1)) and "
        "<img src=x onerror=alert(1)> here.\n\n- Baca juga: [Other](https://x.example)\n",
        "a.md",
    )
    assert item.paragraphs == ("Kim met Putin in Moscow.", "A bad link and here.")
    first, second = item.paragraphs_html
    assert "<strong>Putin</strong>" in first and 'href="https://example.org/m"' in first
    assert 'rel="nofollow noopener noreferrer"' in first
    assert "javascript" not in second and "onerror" not in second and "<img" not in second


@pytest.mark.parametrize(
    ("above", "outlet"),
    [
        ("Internasional", None),
        ("EKSKLUSIF", None),
        ("Menu", None),
        ("Kompas.com", "Kompas.com"),
        ("Jakarta Globe | News", "Jakarta Globe"),  # its first field (thirty-fourth session)
        ("News › Internasional", None),
        ("Berita Utama", None),
        ("Sign in", None),
        # a site's name over its sections (thirty-third session: 14 of blind147's 68 pages)
        ("detikBali\nBerita Bali › Karangasem", "detikBali"),
        ("The Bali Sun\nBali News", "The Bali Sun"),
        ("The Bali Sun\nCulture | North Bali", "The Bali Sun"),
        ("InsideLombok\nEkonomi", "InsideLombok"),
        ("TIMES Indonesia\nJawa Timur › Malang", "TIMES Indonesia"),
        # a trail parted by slashes (thirty-fourth session: 90 pages of blind152, 153 and 158)
        ("BEKASIHARIINI.COM / Berita Bekasi", "BEKASIHARIINI.COM"),
        ("The Jakarta Post / Indonesia › City", "The Jakarta Post"),
        ("PIKIRAN RAKYAT / Jabar / Majalengka", None),  # no outlet's shape
        (
            "The Jakarta Post / Business › Finance\nJakarta ● Tue, November 18, 2025",
            "The Jakarta Post",
        ),  # and The Jakarta Post's stamp under it
        ("CNBC Indonesia / Tech\n19 November 2025 17:05", None),  # a stamp under a trail
        ("kumparanBOLA", "kumparanBOLA"),  # kumparan's section brands, as detik's
    ],
)
def test_a_label_or_site_name_above_the_headline_is_not_the_headline(
    above: str, outlet: str | None
) -> None:
    """A scraped page's section, button or site name on the first lines was read as the
    headline, and the real headline, title-cased, was then dropped as a masthead line."""
    headline = "Menhan Rusia Bertemu Kim Jong Un di Pyongyang"
    story = "PYONGYANG - Menteri Pertahanan Rusia bertemu Kim Jong Un pada Jumat (29/11/2024)."
    page = f"{above}\n\n{headline}\n\n{story}\n\nKeduanya membahas kerja sama.\n"
    assert_headline_story_outlet(page, headline, story, outlet)


def assert_headline_story_outlet(page: str, headline: str, story: str, outlet: str | None) -> None:
    item = cleaned(page)
    assert (item.title, item.paragraphs[0], item.outlet) == (headline, story, outlet)


def test_a_title_cased_question_under_a_sites_labels_is_the_headline() -> None:
    headline = "Ekskavator Robohkan Tungku Penyulingan, Warga Bayung Lencir: Kami Mau Kerja Apa?"
    story = "SRIPOKU.COM, BAYUNG LENCIR - Ekskavator menghancurkan drum-drum penyulingan itu."
    item = cleaned(f"SRIPOKU.COM\nSumsel › Muba\n\n{headline}\n{story}\n\nAsap masih keluar.\n")
    assert (item.title, item.paragraphs[0], item.outlet) == (headline, story, "SRIPOKU.COM")


def test_an_agencys_regional_name_over_a_headline_and_its_stamp_is_not_the_headline() -> None:
    headline = "BPBD: 120 hektare lahan di lereng Sumbing terbakar"
    story = "Wonosobo (ANTARA) - Kebakaran di lereng Gunung Sumbing menghanguskan 120 hektare."
    stamp = "Senin, 8 September 2025 14:40 WIB"
    item = cleaned(f"ANTARA Jateng\n\n{headline}\n{stamp}\n\n{story}\n\nApi belum padam.\n")
    assert item.title == headline
    assert item.paragraphs[0] == story
    # A short headline with an acronym, over a subhead and no page stamp, stays the headline.
    subhead = "Bupati Morowali Utara ditahan usai diperiksa sepuluh jam"
    short = cleaned(f"KPK Tahan Bupati\n{subhead}\n{story}\n")
    assert short.title == "KPK Tahan Bupati"


@pytest.mark.parametrize(
    ("short", "below"),
    [("Denpasar Darurat Sampah", "Warga Resah"), ("Deputy Sheriff", "In Memoriam")],
)
def test_a_short_headline_over_a_short_line_stays_the_headline(short: str, below: str) -> None:
    """Neither line names a site or a section: the first is the headline."""
    story = "Sampah menumpuk di sudut kota sejak pekan lalu\nIni ceritanya."
    item = cleaned(f"{short}\n{below}\n{story}\n")
    assert item.title == short


@pytest.mark.parametrize("short", ["Deputy Sheriff", "Saham TMKA Disuspensi", "Brexit"])
def test_a_short_headline_over_a_subhead_stays_the_headline(short: str) -> None:
    subhead = "End of Watch: Friday, June 24, 2005" if short != "Brexit" else "Deal agreed."
    story = "A deputy was killed on duty on Friday, the sheriff's office said in a statement."
    item = cleaned(f"{short}\n{subhead}\n{story}\n")
    assert item.title == short


@pytest.mark.parametrize(
    "above", ["Kompas.com - 05/11/2024, 10:15 WIB", "CNN Indonesia | Selasa, 05/11/2024 10:15 WIB"]
)
def test_an_outlet_and_date_line_above_the_headline_is_not_the_headline(above: str) -> None:
    item = cleaned(
        f"{above}\n\nKorea Utara Tembakkan Rudal Balistik ke Laut\n\n"
        "SEOUL, KOMPAS.com - Korea Utara menembakkan rudal balistik pada Selasa (5/11/2024).\n"
    )
    assert item.title == "Korea Utara Tembakkan Rudal Balistik ke Laut"
    assert item.paragraphs[0].startswith("SEOUL, KOMPAS.com - Korea Utara")


@pytest.mark.parametrize(
    ("above", "day"),
    [
        ("April 27, 2009", "2009-04-27"),
        ("21 July 2013 Last updated at 11: 11 GMT", "2013-07-21"),
        ("Posted: Nov 27, 2005 8: 20 AM ET Last Updated: Nov 27, 2005 8: 10 PM ET", "2005-11-27"),
    ],
)
def test_a_page_stamp_above_the_headline_is_the_date_not_the_headline(above: str, day: str) -> None:
    """ECB+ copies of real pages open with the page's stamp: it is the article's date, and
    the line under it the headline (31 of its 462 articles lacked their own date so)."""
    item = cleaned(
        f"{above}\nWaitrose fire in Wellington town centre tackled\n"
        "Firefighters tackled a blaze at a supermarket in the town centre on Sunday morning.\n"
    )
    assert item.title == "Waitrose fire in Wellington town centre tackled"
    article = build.to_article(item)
    assert article.published is not None and article.published.iso() == day


@pytest.mark.parametrize(
    "stamp",
    [
        "Jakarta ● Wed, November 4, 2026",  # The Jakarta Post's place and day
        "Wed 4 Nov 2026, 09:15 WIB",
        "Wednesday, 4 Nov 2026 4:05 PM MYT",
        "PUBLISHED NOV 4, 2026, 5:00 PM SGT",
        "Jakarta Globe / Nov 4, 2026 | 6:20 pm",
        "oleh Stenly Pontoh [Manado] di 4 November 2026",
        "4 November 2026 | Mongabay Series: Indonesian Forests",
        "Dipublikasikan pada 4 November 2026",
        "4 November 2026 | Peace and Security",  # UN News: the date and the section
        "Terakhir diperbarui pada Rabu, 4 November 2026 10:15 WIB",
    ],
)
def test_a_page_stamp_above_the_story_is_its_date_not_its_first_paragraph(stamp: str) -> None:
    """A stamp between the headline and the story's first sentence is the page's date:
    it dates the article, and is no paragraph of the story (388 labelled articles showed
    one as their first paragraph, and clustering read it as their lead)."""
    story = "Banjir merendam dua kecamatan di Kota Padang pada Selasa pagi, kata BPBD setempat."
    item = cleaned(f"Banjir Rendam Padang\n\nRina Sari - detikSumbar\n{stamp}\n\n{story}\n")
    assert item.paragraphs == (story,)
    assert clean.Removed(stamp, "dateline") in item.removed
    article = build.to_article(item)
    assert article.published is not None and article.published.iso() == "2026-11-04"


def test_a_dated_line_inside_the_story_stays() -> None:
    """Only a stamp above the first sentence goes: a short dated line between paragraphs
    (a subhead, a list's date) is the story's. (A line of date words alone, "Wed 4 Nov 2026,
    09:15 WIB", is a stamp anywhere: the `dateline` line rule; since the thirty-fourth
    session it knows the weekdays' short forms, as it knew the months'.)"""
    first = "Banjir merendam dua kecamatan di Kota Padang pada Selasa pagi, kata BPBD setempat."
    then = "Warga mengungsi ke masjid dan sekolah terdekat sejak Senin malam, kata lurah."
    dated = "4 November 2026 | Evakuasi Tahap Kedua"
    item = cleaned(f"Banjir Rendam Padang\n{first}\n{dated}\n{then}\n")
    assert item.paragraphs == (first, dated, then)
    above = cleaned(f"Banjir Rendam Padang\n{dated}\n{first}\n{then}\n")
    assert above.paragraphs == (first, then)  # the same line above the story is its stamp


def test_bbc_related_topics_end_the_story() -> None:
    story = "The minister met the leader in the capital on Friday to discuss ties."
    item = cleaned(f"Headline\n{story}\n{story} Again.\nRelated Topics\nAsia\nIndonesia\n")
    assert item.paragraphs == (story, f"{story} Again.")


REUTERS_PAGE = """Russia's defence minister Belousov meets Kim Jong Un in Pyongyang
By Reuters
November 30, 20244:12 AM GMT+7Updated 2 hours ago
Item 1 of 2 North Korean leader Kim Jong Un meets Russian Defence Minister Andrei Belousov \
in Pyongyang, North Korea, in this picture released by the Korean Central News Agency on \
November 30, 2024. KCNA via REUTERS/File Photo
SEOUL, Nov 30 (Reuters) - North Korean leader Kim Jong Un met Russian Defence Minister \
Andrei Belousov in Pyongyang and the two agreed to expand military cooperation, state media \
KCNA said on Saturday.
Belousov arrived in Pyongyang on Friday for talks on military-technical cooperation.
Reporting by Ju-min Park; Editing by William Mallard
Our Standards: The Thomson Reuters Trust Principles., opens new tab
Suggested Topics:
Asia Pacific
Share
X
Facebook
Linkedin
Email
Link
Purchase Licensing Rights
"""


def test_a_wire_page_copied_from_the_web_keeps_its_story_outlet_and_date() -> None:
    """A page as a browser copies it: byline, a glued timestamp, a gallery caption that
    reads like story, share buttons and topic links around two story paragraphs."""
    from digest.timeline import own_date

    item = cleaned(REUTERS_PAGE)
    assert [p[:20] for p in item.paragraphs] == ["SEOUL, Nov 30 (Reute", "Belousov arrived in "]
    assert item.outlet == "Reuters"
    published = own_date(None, item.raw.lines, item.paragraphs, item.removed, None)
    assert published is not None and published.iso() == "2024-11-30"
    assert published.source.value == "dateline"  # the timestamp, not a guess


INDONESIAN_PAGES = {
    "cnn.txt": """CNN Indonesia
Sabtu, 30 Nov 2024 09:12 WIB
Kim Jong Un Sambut Menhan Rusia di Pyongyang
Bagikan:
url telah tercopy
Pemimpin Korea Utara Kim Jong Un menyambut Menteri Pertahanan Rusia di Pyongyang. (AFP/STR)
Jakarta, CNN Indonesia -- Pemimpin Korea Utara Kim Jong Un bertemu Menteri Pertahanan Rusia \
Andrei Belousov di Pyongyang, Jumat (29/11).
Menurut KCNA, keduanya membahas peningkatan kerja sama pertahanan.
(rds/rds)
""",
    "kompas.txt": """Menhan Rusia Bertemu Kim Jong Un di Pyongyang
Kompas.com - 30/11/2024, 10:15 WIB
Penulis Aditya Jaya Iswara | Editor Aditya Jaya Iswara
PYONGYANG, KOMPAS.com - Pemimpin Korea Utara Kim Jong Un bertemu Menteri Pertahanan Rusia \
Andrei Belousov di Pyongyang, Jumat (29/11/2024).
Keduanya sepakat untuk memperluas kerja sama militer, kata kantor berita KCNA.
Baca juga: Korea Utara Kirim Tentara ke Rusia
""",
    "tribun.txt": """Kim Jong Un Terima Kunjungan Menhan Rusia Andrei Belousov
Laporan Wartawan Tribunnews.com, Febri Prasetyo
TRIBUNNEWS.COM, PYONGYANG - Pemimpin Korea Utara Kim Jong Un menerima kunjungan Menteri \
Pertahanan Rusia Andrei Belousov di Pyongyang pada Jumat (29/11/2024).
Dalam pertemuan itu, Kim menyatakan dukungan kepada Rusia dalam perang di Ukraina.
Artikel ini telah tayang di Tribunnews.com dengan judul Kim Jong Un Terima Kunjungan Menhan \
Rusia, https://www.tribunnews.com/internasional/2024/11/30/kim-jong-un-terima-kunjungan
Editor: Muhammad Zulfikar
""",
}


@pytest.mark.parametrize(
    ("name", "title", "outlet"),
    [
        ("cnn.txt", "Kim Jong Un Sambut Menhan Rusia di Pyongyang", "CNN Indonesia"),
        ("kompas.txt", "Menhan Rusia Bertemu Kim Jong Un di Pyongyang", "KOMPAS.com"),
        (
            "tribun.txt",
            "Kim Jong Un Terima Kunjungan Menhan Rusia Andrei Belousov",
            "TRIBUNNEWS.COM",
        ),
    ],
)
def test_indonesian_pages_copied_from_the_web_keep_headline_story_and_outlet(
    name: str, title: str, outlet: str
) -> None:
    """Outlet and date above the headline, share buttons, credits as Indonesian sites print
    them ("Penulis X | Editor Y", "Laporan Wartawan ...", "Artikel ini telah tayang di ...")."""
    item = cleaned(INDONESIAN_PAGES[name], name)
    assert item.title == title
    assert item.outlet == outlet
    assert len(item.paragraphs) == 2
    assert "Kim Jong Un" in item.paragraphs[0] and "Belousov" in item.paragraphs[0]


def test_a_short_headline_over_a_date_and_the_story_stays_the_headline() -> None:
    story = "Gempa bermagnitudo 5,6 mengguncang Garut pada Selasa pagi. Ratusan rumah rusak."
    for headline in ("Gempa Garut", "BMKG Catat Gempa"):
        item = cleaned(f"{headline}\nSelasa, 3 Desember 2024 08:00 WIB\n{story}\n")
        assert item.title == headline
        assert item.paragraphs == (story,)


MORE_PAGES = {
    "detik.txt": """detikNews
Internasional
Kim Jong Un Gelar Pertemuan dengan Menhan Rusia
Rita Uli Hutapea - detikNews
Sabtu, 30 Nov 2024 08:31 WIB
Foto: Kim Jong Un bertemu Menhan Rusia Andrei Belousov (dok. KCNA via REUTERS)
Pyongyang - Pemimpin Korea Utara Kim Jong Un bertemu Menteri Pertahanan Rusia Andrei \
Belousov di Pyongyang. Keduanya membahas kerja sama militer.
"Kim Jong Un menerima Belousov di markas besar partai," kata kantor berita KCNA seperti \
dilansir AFP, Sabtu (30/11/2024).
Halaman 2 dari 2
Simak Video "Video: Kim Jong Un Pamer Rudal Baru"
(ita/ita)
kim jong un
korea utara
""",
    "antara.txt": """Kim Jong Un terima kunjungan Menhan Rusia di Pyongyang
Sabtu, 30 November 2024 09:45 WIB
Pemimpin Korea Utara Kim Jong Un (kanan) menerima Menteri Pertahanan Rusia Andrei Belousov \
di Pyongyang, Korea Utara, Jumat (29/11/2024). ANTARA/KCNA via REUTERS/aa.
Seoul (ANTARA) - Pemimpin Korea Utara Kim Jong Un menerima kunjungan Menteri Pertahanan \
Rusia Andrei Belousov di Pyongyang pada Jumat, kata media pemerintah KCNA.
Keduanya sepakat memperluas kerja sama militer antara kedua negara.
Pewarta: Yoanita Hastryka Djohan
Copyright © ANTARA 2024
Dilarang keras mengambil konten, melakukan crawling atau pengindeksan otomatis untuk AI di \
situs web ini tanpa izin tertulis dari Kantor Berita ANTARA.
""",
    "bbc.txt": """Kim Jong Un meets Russian defence minister in Pyongyang
30 November 2024
Share
Save
Jean Mackenzie
Seoul correspondent
Getty Images
North Korean leader Kim Jong Un has met Russia's defence minister, Andrei Belousov, in \
Pyongyang, state media reported on Saturday.
The two discussed expanding military co-operation, according to the KCNA news agency.
Related
North Korea ratifies defence pact with Russia
""",
}


@pytest.mark.parametrize(
    ("name", "title", "first"),
    [
        ("detik.txt", "Kim Jong Un Gelar Pertemuan dengan Menhan Rusia", "Pyongyang - Pemimpin"),
        ("antara.txt", "Kim Jong Un terima kunjungan Menhan Rusia di Pyongyang", "Seoul (ANTARA)"),
        ("bbc.txt", "Kim Jong Un meets Russian defence minister in Pyongyang", "North Korean"),
    ],
)
def test_page_furniture_around_the_story_is_dropped(name: str, title: str, first: str) -> None:
    """Sections, bylines, credits, buttons and tags: short lines that end no sentence, above
    the story's first sentence or below its last; a gallery caption credited to an agency."""
    item = cleaned(MORE_PAGES[name], name)
    assert item.title == title
    assert len(item.paragraphs) == 2
    assert item.paragraphs[0].startswith(first)
    bylines = ("Mackenzie", "Hutapea", "Djohan", "correspondent")
    assert not any(n in p for p in item.paragraphs for n in bylines)


@pytest.mark.parametrize(
    "masthead",
    [
        "Arya Dhanu Susanto (The Jakarta Post)",
        "Harbourline News | Explainer",
        "News - Raditya Sasradipoera, CNBC Indonesia",
        "I Gede Wiranata Putra - detikBali",
        "Jakarta Post correspondent Dian Septiani Nugroho",
        "KEMENTERIAN KELAUTAN DAN PERIKANAN",
        "Home / Business / Markets",
        "Sam Jones in Madrid and Laura Méndez in Ourense",  # the Guardian's: nine words
    ],
)
def test_a_writers_or_outlets_line_above_the_story_is_dropped(masthead: str) -> None:
    """Longer than `_is_furniture`'s three words, but only names, an outlet and a section
    (shapes from the labelled sets' pages): no paragraph of the story, nor its lead."""
    story = "Banjir merendam dua kecamatan di Kota Padang pada Selasa pagi, kata BPBD setempat."
    item = cleaned(f"Banjir Rendam Padang\n{masthead}\n{story}\n{story} Lagi.\n")
    assert item.paragraphs == (story, f"{story} Lagi.")
    assert {r.rule for r in item.removed} <= {"masthead", "furniture"}


@pytest.mark.parametrize(
    "kept",
    [
        "Indonesia e-commerce deal brings delivery in-house",  # a subhead: words in lower case
        "Persijap Jepara 2-1 Barito Putera",  # a score
        "Prabowo Meets Xi in Beijing and Albanese Meets Modi in Delhi",  # no byline's shape
    ],
)
def test_a_subhead_or_score_above_the_story_is_kept(kept: str) -> None:
    story = "Banjir merendam dua kecamatan di Kota Padang pada Selasa pagi, kata BPBD setempat."
    item = cleaned(f"Banjir Rendam Padang\n{kept}\n{story}\n")
    assert item.paragraphs == (kept, story)


@pytest.mark.parametrize(
    "dateline",
    ["Jakarta, CNN Indonesia --", "Surabaya, CNN Indonesia --", "Mumbai, Nov 11 -"],
)
def test_a_dateline_alone_on_its_line_opens_the_first_paragraph(dateline: str) -> None:
    """The page shows "Jakarta, CNN Indonesia -- Banjir ..." as one paragraph; scraped, the
    dateline is a line of its own. Joined, it is neither a paragraph of its own nor the lead
    the clusterer reads, and the outlet is read from it (twenty-third session: 18 labelled
    pages opened with it alone, and "CNN" was read as the first name of their leads)."""
    story = "Banjir merendam dua kecamatan di Kota Padang pada Selasa pagi, kata BPBD setempat."
    item = cleaned(f"Banjir Rendam Padang\n{dateline}\n{story}\n{story} Lagi.\n")
    assert item.paragraphs == (f"{dateline} {story}", f"{story} Lagi.")
    if "CNN" in dateline:
        assert item.outlet == "CNN Indonesia"


def test_a_state_agencys_place_day_and_name_opens_the_first_paragraph() -> None:
    """AZERTAC's pages put "Baku, 15 April, AZERTAC" on a line of its own: it was read as
    the lead (blind19's b19-025). Joined with a dash like "JAKARTA, Aug 18", the story's
    first sentence is the lead and the year-less dateline is read from it."""
    story = "The foreign ministers of Azerbaijan and Armenia met in Abu Dhabi on 14 April."
    item = cleaned(f"Ministers Meet in Abu Dhabi\nBaku, 15 April, AZERTAC\n{story}\nMore.\n")
    assert item.paragraphs[0] == f"Baku, 15 April, AZERTAC - {story}"
    found = yearless.find_yearless_dateline(item.paragraphs)
    assert found is not None and (found.month, found.day) == (4, 15)


@pytest.mark.parametrize("dateline", ["JAKARTA, Aug 18", "Jakarta, 18 Agustus"])
def test_a_place_and_day_alone_on_its_line_dates_the_report_by_its_folder(
    tmp_path: Path, dateline: str
) -> None:
    """A wire page's "JAKARTA, Aug 18" under the byline has no dash: its line end stood for
    one. Joined to the story with a dash, it is the year-less dateline the clusterer reads,
    and the folder gives its year when the lead's weekday agrees (18 August 2026 was a
    Tuesday); alone on its line it was read as the lead and gave no date (blind10's b10-030)."""
    story = "The company confirmed on Tuesday that a vendor's system had been breached."
    page = f"Records offered for sale\nBy Priya Raman, TechAsia Insider\n{dateline}\n{story}\n"
    item = cleaned(f"{page}More text follows here.\n")
    assert item.paragraphs[0] == f"{dateline} - {story}"
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(page, encoding="utf-8")
    (seeds / "b.txt").write_text(
        "Hospital group confirms breach\nJAKARTA, KOMPAS.com - Rumah sakit itu mengakui "
        "kebocoran data pada Selasa (18/8/2026).\n",
        encoding="utf-8",
    )
    arts = sorted(evaluate.load_articles(seeds), key=lambda a: a.id)
    dated = cluster.cluster_with_copies(arts, ClusterParams()).folder_dated
    assert dated["a"] is not None and dated["a"].iso() == "2026-08-18"


@pytest.mark.parametrize(
    ("headline", "rule"),
    [
        ("Video: Evakuasi Jenazah Pendaki di Arjuno Makan Waktu 9 Jam", "read-also"),
        ("FOTO: Rumah Warga Sabu Raijua Rusak Diterjang Siklon Belimbing", "photo-credit"),
    ],
)
def test_a_video_or_photo_pages_labelled_headline_stays_its_headline(
    headline: str, rule: str
) -> None:
    """A rule reads "Video: ..." as a link to a video, and a headline line it matched was
    passed over as a label; on a video page it is the headline, and the story's first
    sentence became the headline instead (three labelled pages, one left with no story)."""
    assert clean.line_rule(headline) == rule
    story = "Tim SAR gabungan menandu jenazah pendaki asal Malang menuruni jalur Tretes yang licin."
    item = cleaned(f"{headline}\n\n{story}\n")
    assert (item.title, item.paragraphs) == (headline, (story,))
    # A label over the real headline is still passed over.
    labelled = cleaned(f"Breaking News\nBanjir Rendam Padang\n{story}\n")
    assert (labelled.title, labelled.paragraphs) == ("Banjir Rendam Padang", (story,))


def test_short_lines_inside_the_story_and_stubs_are_kept() -> None:
    story = "The minister met the leader in the capital on Friday to discuss ties."
    item = cleaned(f"Headline\n{story}\nJerry Ortiz\n{story} Again.\n")
    assert item.paragraphs == (story, "Jerry Ortiz", f"{story} Again.")
    stub = cleaned("Headline\nJean Mackenzie\nSeoul correspondent\n")
    assert stub.paragraphs == ("Jean Mackenzie", "Seoul correspondent")


def test_a_page_counter_is_a_label_not_the_end_of_the_story() -> None:
    """Both pages of a two-page story copied together: "Halaman 1 dari 2" between them."""
    first = "Menteri itu tiba di Pyongyang pada Jumat untuk membahas kerja sama militer."
    second = "Keduanya juga membahas latihan bersama, kata kantor berita KCNA pada Sabtu."
    item = cleaned(f"Judul\n{first}\n{first} Lagi.\nHalaman 1 dari 2\n{second}\nHalaman 2 dari 2\n")
    assert item.paragraphs == (first, f"{first} Lagi.", second)


def test_headline_lists_below_the_story_are_dropped_and_lists_inside_it_kept() -> None:
    """A "most read" block under any heading: numbered or bulleted headlines after the
    story's last sentence. A list between the story's sentences, and a numbered figure
    ("1. 386 kasus"), stay."""
    story = "The minister met the leader in the capital on Friday to discuss ties."
    inside = ["1. Tiga kelurahan terparah", "2. Fogging serentak akhir pekan"]
    page = "\n".join(
        ["Headline", story, *inside, f"{story} Again.", "PALING DIBACA",
         "1. Harga Beras di Pasar Induk Naik Lagi", "2. Jadwal Kereta yang Terlambat Akibat Banjir",
         "- Timnas U-23 Umumkan Skuad", "1. 386 kasus dalam 18 hari"]
    )  # fmt: skip
    item = cleaned(page)
    assert item.paragraphs == (story, *inside, f"{story} Again.", "1. 386 kasus dalam 18 hari")
    assert removed_rules(item)["- Timnas U-23 Umumkan Skuad"] == "headline-list"


@pytest.mark.parametrize(
    "marker",
    [
        "Most viewed",
        "Explore more on these topics",
        "Video Rekomendasi",
        "Baca berikutnya",
        "BERITA POPULER",
        "Trending in Asia Tech",
        "Trending now",
        "Latest news",
        "Recommended for you",
        "Rekomendasi untuk Anda",
        "Editor's Picks",
        "Berita Terkini",
        "Komentar (3)",
        "12 comments",
        "To contact the reporter on this story:",  # Bloomberg: the names under it go too
    ],
)
def test_list_headings_after_the_story_end_it(marker: str) -> None:
    """What follows such a heading is other stories' headlines (or readers' comments), not
    this story."""
    story = "The minister met the leader in the capital on Friday to discuss ties."
    other = "Floods kill three in Sumatra as rivers burst their banks after heavy rain."
    item = cleaned(f"Headline\n{story}\n{story} Again.\n{marker}\n{other}\n")
    assert item.paragraphs == (story, f"{story} Again.")
    assert removed_rules(item)[marker] == "end-marker"


def test_a_read_more_link_in_the_middle_of_a_story_does_not_end_it() -> None:
    """The Jakarta Globe puts "Read more:" and one linked headline between two of a story's
    paragraphs: the link goes, the story after it stays. At a page's foot the same marker
    over one headline and tags, or over a list, still ends the story."""
    story = "Rescuers found the last of nine miners buried by the landslide on Sunday."
    more = "Police have questioned eleven witnesses, including the pit supervisor, police said."
    resumed = (
        "The energy minister, who visited the site on Saturday, has said the company could "
        "lose its license if negligence is proven."
    )
    link = "Gov't Sends Mine Inspectors After Deadly Kalimantan Landslide"
    item = cleaned(f"Headline\n{story}\n{more}\nRead more:\n{link}\n\n{resumed}\nTags: coal\n")
    assert item.paragraphs == (story, more, resumed)
    assert removed_rules(item)["Read more:"] == "read-also"
    assert removed_rules(item)[link] == "read-also"
    at_foot = cleaned(f"Headline\n{story}\n{more}\nRead more:\n{link}\nTags: coal\n")
    assert at_foot.paragraphs == (story, more)
    assert removed_rules(at_foot)["Read more:"] == "end-marker"
    listed = cleaned(f"Headline\n{story}\n{more}\nRead more:\n{link}\n{link} Again\n{resumed}\n")
    assert listed.paragraphs == (story, more)
    notice = (
        "Copyright 2026 The Jakarta Globe. All rights reserved and no part may be reproduced "
        "without permission."
    )
    other = "Rupiah Slips as the Dollar Firms Before BI Meeting"
    footer = cleaned(f"Headline\n{story}\n{more}\nRead more:\n{link}\n{notice}\n{other}\n")
    assert footer.paragraphs == (story, more)  # a footer's notice is no story going on


def test_a_markdown_table_is_no_menu_bar() -> None:
    """A Markdown table's rows have a menu bar's shape, but the table is one block of
    several lines: it stays. A lone line of short items between bars is a menu, in
    Markdown too (pages saved as Markdown keep their share bars)."""
    story = "The minister met the leader in the capital on Friday to discuss ties."
    table = "Kota | Korban | Pengungsi\n--- | --- | ---\nGarut | 3 | 120"
    bar = "Share this article: Facebook | X | LinkedIn | WhatsApp"
    page = f"---\ntitle: Headline\n---\n\n{story}\n\n{table}\n\n{bar}\n\n{story} Again.\n"
    item = cleaned(page, "a.md")
    assert any("Garut | 3 | 120" in p for p in item.paragraphs)
    assert bar not in item.paragraphs and removed_rules(item)[bar] == "menu"


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        ("Kim meets minister in Pyongyang | World News", "Kim meets minister in Pyongyang"),
        (
            "Menhan Rusia Bertemu Kim di Pyongyang - Kompas.com",
            "Menhan Rusia Bertemu Kim di Pyongyang",
        ),
        (
            "Menhan Rusia Bertemu Kim di Pyongyang : Okezone News",
            "Menhan Rusia Bertemu Kim di Pyongyang",
        ),
        (
            "Menhan Rusia Bertemu Kim di Pyongyang - ANTARA News",
            "Menhan Rusia Bertemu Kim di Pyongyang",
        ),
        (
            "Menhan Rusia Bertemu Kim di Pyongyang - Halaman all",
            "Menhan Rusia Bertemu Kim di Pyongyang",
        ),
        (
            "Menhan Rusia Bertemu Kim di Pyongyang halaman 2 - Kompas.com",
            "Menhan Rusia Bertemu Kim di Pyongyang",
        ),
        (
            "Russian minister meets Kim in Pyongyang | News | Al Jazeera",
            "Russian minister meets Kim in Pyongyang",
        ),
        (
            "Russian minister meets Kim in Pyongyang - The Korea Herald",
            "Russian minister meets Kim in Pyongyang",
        ),
        # a dash or colon inside the headline itself stays
        ("Kim Jong Un - Putin Summit: What We Know", "Kim Jong Un - Putin Summit: What We Know"),
        ("Banjir: Warga Mengungsi", "Banjir: Warga Mengungsi"),
        (
            "Kapolda Sulsel Tinjau Lokasi : Kami Dirikan Pos",
            "Kapolda Sulsel Tinjau Lokasi : Kami Dirikan Pos",
        ),
        (
            "Menteri Komunikasi dan Digital : Hoaks Menyebar Lewat Media",
            "Menteri Komunikasi dan Digital : Hoaks Menyebar Lewat Media",
        ),
        (
            "Jokowi: Indonesia Tak Akan Terpengaruh Perang Dagang",
            "Jokowi: Indonesia Tak Akan Terpengaruh Perang Dagang",
        ),
    ],
)
def test_a_sites_name_after_the_headline_is_cut(title: str, headline: str) -> None:
    """A page's <title> carries its site: "... - Kompas.com", "... : Okezone News". Kept, it
    titled the event and put the outlet's name among the headline's words, which every report
    of that outlet shares."""
    item = cleaned(
        f"{title}\nSEOUL - Menteri itu tiba di Pyongyang pada Jumat pagi untuk kunjungan.\n"
    )
    assert item.title == headline


@pytest.mark.parametrize(
    ("under", "outlet"),
    [
        # a trail under the headline, over the page's stamp (thirty-fifth session: blind172)
        ("detikFinance / Berita Ekonomi Bisnis\nRabu, 01 Okt 2025 11:32 WIB", "detikFinance"),
        # an outlet and its place alone on a line over the stamp (blind169, blind173)
        ("Liputan6.com, Jakarta\n15 Jul 2026, 06:10 WIB", "Liputan6.com"),
        # a site's name, then its section: the section is no outlet (blind173)
        (
            "Jakarta Globe\nNews | Disaster\nBy Karina Wulandita | February 8, 2026 | 9:12 pm",
            "Jakarta Globe",
        ),
        # an illustration's caption with the outlet's credit in square brackets (blind174)
        ("Ilustrasi keterbukaan informasi publik. [Suara.com/Ema Rohimah]", None),
    ],
)
def test_the_lines_between_a_headline_and_its_story_are_the_page(
    under: str, outlet: str | None
) -> None:
    headline = "BPS: Inflasi September 2025 Capai 2,58 Persen, Emas Perhiasan Jadi Pemicu"
    story = "Jakarta - Badan Pusat Statistik mencatat inflasi tahunan September sebesar 2,58%."
    page = f"{headline}\n{under}\n\n{story}\n\nAngka itu naik dari Agustus.\n"
    assert_headline_story_outlet(page, headline, story, outlet)


@pytest.mark.parametrize(
    "trail",
    [
        "GridOto.com - Home > Motorsport > ARRC",  # a site's trail (thirty-sixth session: blind180)
        "Bola.com | Home > Indonesia > Liga 2",
        "Kompas.com / Regional / Sulawesi Utara",  # blind172
    ],
)
def test_a_pages_title_over_its_trail_and_headline_is_read_whole(trail: str) -> None:
    """A scraped page opens with its <title> (the headline, then " | " and the site), the
    site's trail and the headline again. The trail was read as the headline (the title's
    site made it look like a label over one), and the headline stayed as the story's first
    paragraph. Now the headline is the headline, and its repeat, its caption, its byline
    and its stamp (the sixth line, further down than a dateline is looked for) are all the
    page: the stamp dates it."""
    headline = "Galang Permana Menang Race 1 SS600 dari Pole Position di Buriram"
    story = "Buriram - Galang Adhiyaksa Permana membuka musim ARRC 2026 dengan kemenangan."
    page = (
        f"{headline} | GridOto.com\n{trail}\n{headline}\n\n"
        "Galang merayakan kemenangan di podium Chang International Circuit. (GridOto.com/Dok)\n\n"
        "Penulis: Yusuf Alfarisi | Editor: Hendra Wiratmoko\n"
        "Diperbarui 7 Mar 2026, 17:28 WIB\n\n"
        f"{story}\n\nIa start dari pole position setelah memecahkan rekor lap.\n"
    )
    item = cleaned(page)
    assert (item.title, item.paragraphs[0]) == (headline, story)
    assert ("repeated-headline", headline) in {(r.rule, r.text) for r in item.removed}
    published = build.to_article(item).published
    assert published is not None and published.value.isoformat() == "2026-03-07"
