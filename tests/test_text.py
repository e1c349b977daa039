"""Names: what kind of name each is, and titles and countries split from people."""

from __future__ import annotations

import pytest

from digest.model import NameKind
from digest.text import extract_names, name_kind, name_tokens, split_place_prefix


@pytest.mark.parametrize(
    "name, kind",
    [
        ("Korea Utara", NameKind.PLACE),
        ("North Korea", NameKind.PLACE),
        ("Pyongyang", NameKind.PLACE),
        ("Provinsi Jawa Barat", NameKind.PLACE),
        ("Kementerian Pertahanan", NameKind.ORGANISATION),
        ("Defence Ministry", NameKind.ORGANISATION),
        ("KCNA", NameKind.ORGANISATION),
        ("Kim Jong Un", NameKind.PERSON),
        ("Mark Rutte", NameKind.PERSON),
        ("Barat", NameKind.OTHER),
        # parts of a larger place, in either language's word order
        ("East Nusa Tenggara", NameKind.PLACE),
        ("Nusa Tenggara Timur", NameKind.PLACE),
        ("South China Sea", NameKind.PLACE),
        ("China Sea", NameKind.PLACE),
        ("Pasar Kosambi", NameKind.PLACE),
        ("Masjid Baitul Makmur", NameKind.PLACE),
        ("Kursk Rusia", NameKind.PLACE),
        ("Muara Teweh", NameKind.PLACE),
        ("Bandar Lampung", NameKind.PLACE),
        ("Kuala Tungkal", NameKind.PLACE),
        ("Distrik Sinak", NameKind.PLACE),
        ("Mapolres Purwakarta", NameKind.PLACE),  # the police station's compound
        # Indonesia's regencies and cities (data/id-places.txt), of one word or two
        ("Malang", NameKind.PLACE),
        ("Deli Serdang", NameKind.PLACE),
        ("Kutai Kartanegara", NameKind.PLACE),
        ("Raja Ampat", NameKind.PLACE),
        ("Palangka Raya", NameKind.PLACE),  # the spelling outlets use ("Palangkaraya" listed)
        ("Bima Arya", NameKind.PERSON),  # "Bima" is left out of the list: a given name too
        # a name that ends in an Indonesian place is its office, club or agency, not a person
        ("Kapolres Cianjur", NameKind.ORGANISATION),
        ("Persib Bandung", NameKind.ORGANISATION),
        ("Walhi Jambi", NameKind.ORGANISATION),
        ("Fransiska Samosir", NameKind.PERSON),  # a regency that is also a family name
        ("Bogor Utara", NameKind.PLACE),
        ("Binjai Megah Plaza", NameKind.PLACE),
        ("Banjarmasin Health Polytechnic", NameKind.ORGANISATION),
        ("Kejari Sijunjung", NameKind.ORGANISATION),
        ("Perum Bulog", NameKind.ORGANISATION),
        ("Balai Taman Nasional Komodo", NameKind.ORGANISATION),
        ("Ilmu Pengetahuan", NameKind.OTHER),  # capitalised in a list of fields: science
        # an agency's first word outranks a place word inside its name
        ("Badan Keamanan Laut", NameKind.ORGANISATION),
        ("Bursa Efek Indonesia", NameKind.ORGANISATION),
        ("East Lombok General Elections Commission", NameKind.ORGANISATION),
        ("Laboratorium Forensik Polda Jawa Timur", NameKind.ORGANISATION),
        # place words that are also names keep people people
        ("Park Geun Hye", NameKind.PERSON),
        ("Kanye West", NameKind.PERSON),
        ("Michael Jordan", NameKind.PERSON),
    ],
)
def test_name_kind(name: str, kind: NameKind) -> None:
    assert name_kind(name) is kind


def kinds(title: str, paragraphs: list[str]) -> dict[str, NameKind]:
    """Return the names `extract_names` finds, each with its kind."""
    return {n.text: n.kind for n in extract_names(title, paragraphs)}


def test_a_run_the_article_also_writes_in_lower_case_is_not_a_person() -> None:
    assert name_kind("Perang Dingin", frozenset({"perang"})) is NameKind.OTHER


@pytest.mark.parametrize(
    "words, place, rest",
    [
        ("Rusia Vladimir Putin", "Rusia", "Vladimir Putin"),
        ("Korea Utara Kim", "Korea Utara", "Kim"),
        ("Amerika Serikat", "", "Amerika Serikat"),
        ("Jakarta Post", "", "Jakarta Post"),
        ("Indonesia Airlines Group", "", "Indonesia Airlines Group"),
        # a province is one place, not its island and a compass word glued to the name
        ("Jawa Barat Dedi Mulyadi", "Jawa Barat", "Dedi Mulyadi"),
        ("Sulawesi Tenggara Andi Sumangerukka", "Sulawesi Tenggara", "Andi Sumangerukka"),
        ("Papua Barat Daya Elisa Kambu", "Papua Barat Daya", "Elisa Kambu"),
        ("Jawa Barat", "", "Jawa Barat"),
        ("Kalimantan Timur Police", "", "Kalimantan Timur Police"),
        # a regency or city before a name, and one with a compass word (a part of it)
        ("Malang Sutiaji", "Malang", "Sutiaji"),
        ("Mesuji Hendro Susilo", "Mesuji", "Hendro Susilo"),
        ("Bogor Utara", "", "Bogor Utara"),
        ("Kupang State Polytechnic", "", "Kupang State Polytechnic"),
    ],
)
def test_split_place_prefix(words: str, place: str, rest: str) -> None:
    head, tail = split_place_prefix(words.split())
    assert " ".join(head) == place and " ".join(tail) == rest


def test_role_and_religious_titles_are_not_part_of_a_name() -> None:
    found = kinds(
        "Ibadah di Jayapura",
        [
            "Pendeta Elias Karoba memimpin ibadah, didampingi Ustaz Ilham Syaifudin. "
            "Terdakwa Lim Siew Kheng tidak hadir."
        ],
    )
    for person in ("Elias Karoba", "Ilham Syaifudin", "Lim Siew Kheng"):
        assert found.get(person) is NameKind.PERSON, found


def test_titles_and_countries_are_split_from_people() -> None:
    names = extract_names(
        "Menhan bertemu mitra",
        [
            "Menteri Pertahanan Rusia Andrei Belyakov bertemu Presiden Korea Utara Park Sun Ho "
            "pada Jumat. Belyakov memuji kerja sama kedua negara.",
        ],
    )
    found = {n.text: n.kind for n in names}
    assert found["Andrei Belyakov"] is NameKind.PERSON
    assert found["Park Sun Ho"] is NameKind.PERSON
    assert found["Rusia"] is NameKind.PLACE and found["Korea Utara"] is NameKind.PLACE
    assert "Jumat" not in found


def test_a_title_alone_counts_for_the_person_the_article_gives_it_to() -> None:
    names = extract_names(
        "Menhan Rusia tiba di Pyongyang untuk membahas kerja sama militer",
        [
            "Menteri Pertahanan (Menhan) Rusia Andrei Belyakov bertemu Park Sun Ho pada Jumat.",
            "Menhan Rusia memuji kerja sama. Menteri Pertahanan Rusia juga menemui Park.",
            "Presiden bertemu Menteri lain.",
        ],
    )
    found = {n.text: n for n in names}
    # Named once; "Menhan Rusia" (twice, the headline included) and "Menteri Pertahanan
    # Rusia" are the same person, as "(Menhan)" defines.
    assert found["Andrei Belyakov"].count == 4
    assert found["Andrei Belyakov"].first_paragraph == 0
    assert "Menhan" not in found and "Presiden" not in found


def test_a_title_two_people_hold_stays_unresolved() -> None:
    names = extract_names(
        "Dua menteri",
        [
            "Menteri Luar Negeri Jepang Takeshi Iwaya dan Menteri Luar Negeri Jepang Taro Kono.",
            "Menteri Luar Negeri Jepang menolak berkomentar.",
        ],
    )
    found = {n.text: n.count for n in names}
    assert found["Takeshi Iwaya"] == 1 and found["Taro Kono"] == 1


def test_indonesian_place_names_fold_to_their_english_form() -> None:
    from digest.text import WORLD_NAMES, fold_words, name_tokens

    assert name_tokens("Korea Utara") == name_tokens("North Korea") == ["north", "korea"]
    assert name_tokens("Amerika Serikat") == name_tokens("United States")
    assert fold_words(["menlu", "rusia", "tiba", "di", "moskow", "dan", "jepang"]) == (
        ["menlu", "russia", "tiba", "di", "moscow", "dan", "japan"]
    )
    # English is never changed: every English form folds to itself, and so does plain text.
    for english in set(WORLD_NAMES.values()):
        assert fold_words(list(english)) == list(english)
    english_text = ["the", "russian", "minister", "met", "greece's", "president", "in", "athens"]
    assert fold_words(english_text) == english_text
    # Folding is whole-word: a word that merely starts like a place name stays.
    assert fold_words(["rusiawan", "korea"]) == ["rusiawan", "korea"]


def test_indonesian_state_bodies_fold_to_the_english_news_name() -> None:
    """ "DPR" and "Dewan Perwakilan Rakyat" are the House of Representatives English reports
    name; a ministry folds only by its Indonesian short form ("Kemlu"), because "Kementerian
    Pertahanan Rusia" is Russia's."""
    from digest.text import name_tokens

    house = name_tokens("House of Representatives")
    assert name_tokens("Dewan Perwakilan Rakyat") == name_tokens("DPR") == house
    assert name_tokens("Kemlu") == name_tokens("Kemenlu") == name_tokens("Foreign Ministry")
    assert name_tokens("Kementerian Pertahanan") == ["kementerian", "pertahanan"]


def test_indonesian_news_words_are_compared_in_english_but_names_are_not() -> None:
    from digest.text import NEWS_WORDS, TERM_FOLDING, fold_words, name_tokens

    words = [
        "kedua",
        "menteri",
        "menandatangani",
        "nota",
        "kesepahaman",
        "setelah",
        "gempa",
        "bumi",
        "di",
        "jepang",
    ]
    assert fold_words(words, TERM_FOLDING) == (
        ["kedua", "minister", "signed", "memorandum", "setelah", "earthquake", "di", "japan"]
    )
    # Places only, by default: names keep their titles as written (the corpus's lower-case
    # words decide which of them are titles).
    assert fold_words(["menteri", "rusia"]) == ["menteri", "russia"]
    assert name_tokens("Menteri Pertahanan Rusia") == ["menteri", "pertahanan", "russia"]
    # English is never changed: no English word is an Indonesian variant.
    english = {w for value in NEWS_WORDS.values() for w in value}
    assert not english & {w for key in NEWS_WORDS for w in key}
    text = [
        "the",
        "minister",
        "signed",
        "a",
        "memorandum",
        "after",
        "the",
        "earthquake",
        "killed",
        "residents",
    ]
    assert fold_words(text, TERM_FOLDING) == text
    # The longest listed phrase wins: "pemutusan hubungan kerja" is layoffs, not "ties".
    layoffs = ["pemutusan", "hubungan", "kerja", "dan", "gencatan", "senjata", "hubungan"]
    assert fold_words(layoffs, TERM_FOLDING) == ["layoffs", "dan", "ceasefire", "ties"]


def test_an_english_and_an_indonesian_report_share_what_happened(tmp_path) -> None:
    from digest.config import ClusterParams
    from digest.features import cosine, featurize
    from digest.text import NEWS_WORDS

    articles = load_files(
        tmp_path,
        {
            "en.md": "---\ntitle: Earthquake kills 12 in Garut\n---\n"
            "An earthquake of magnitude 5.9 killed 12 residents and damaged 300 houses in "
            "Garut on Tuesday, police said. Hundreds were evacuated to a hospital.\n",
            "id.md": "---\ntitle: Gempa Garut tewaskan 12 orang\n---\n"
            "Gempa bumi magnitudo 5,9 menewaskan 12 warga dan merusak 300 rumah di Garut, "
            "Selasa, kata polisi. Ratusan orang dievakuasi ke rumah sakit.\n",
            "other.md": "---\ntitle: Persib menang 2-0 atas Persija\n---\n"
            "Persib Bandung menang 2-0 atas Persija Jakarta dalam laga Liga 1, Sabtu.\n",
        },
    )
    en, id_, other = featurize(articles, ClusterParams())
    shared = set(en.body) & set(id_.body)
    assert {"earthquake", "magnitude", "residents", "houses", "police", "hospital"} <= shared
    assert cosine(en.body, id_.body) > 0.3 and cosine(en.body, other.body) == 0.0
    # Without the news words the two share the place alone: a third of that.
    news = {w for value in NEWS_WORDS.values() for w in value}
    assert sum(w * id_.body.get(t, 0.0) for t, w in en.body.items() if t not in news) < 0.11


def load_files(folder, files: dict[str, str]) -> list:
    """Write `files` (name -> text) into `folder` and load them as the build does, by id."""
    from digest.evaluate import load_articles

    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return load_articles(folder)


def test_an_indonesian_and_an_english_report_share_their_places(tmp_path) -> None:
    from digest.config import ClusterParams
    from digest.features import featurize

    found = load_files(
        tmp_path,
        {
            "id.md": "Korea Utara dan Rusia perkuat kerja sama\n\nPYONGYANG - Pejabat Korea "
            "Utara dan Rusia bertemu di Pyongyang.\n",
            "en.md": "North Korea and Russia deepen cooperation\n\nPYONGYANG - Officials of "
            "North Korea and Russia met in Pyongyang.\n",
        },
    )
    en, idn = featurize(found, ClusterParams())  # in id order: en, id
    assert {"north", "korea", "russia"} <= set(en.lead_names) & set(idn.lead_names)
    assert {"north", "korea", "russia"} <= en.lead.keys() & idn.lead.keys()


def test_the_outlet_of_a_dateline_is_not_a_name_of_the_story(tmp_path) -> None:
    a, b = load_files(
        tmp_path,
        {
            "a.txt": "Missile launch\n\nSEOUL, Nov 5 (Reuters) - North Korea fired a missile, "
            "Reuters reported, citing officials in Seoul.\n",
            "b.txt": "Rudal\n\nSEOUL, KOMPAS.com - Korea Utara menembakkan rudal, kata Kompas "
            "mengutip pejabat di Seoul.\n",
        },
    )
    assert (a.outlet, b.outlet) == ("Reuters", "KOMPAS.com")
    assert "Seoul" in {n.text for n in a.names} and "Seoul" in {n.text for n in b.names}
    assert not {n.text.lower() for n in a.names} & {"reuters"}
    assert not {n.text.lower() for n in b.names} & {"kompas", "kompas.com"}


def test_an_indonesian_report_confirms_english_adjectives_and_possessives(tmp_path) -> None:
    """Indonesian "Rusia" is Russia and Russian alike: an English lead's "Russian" and
    "Korea's" are confirmed by an Indonesian report; English pairs stay as written."""
    from digest.config import ClusterParams
    from digest.features import featurize, name_coverage

    english = (
        "---\ntitle: Russian minister meets Kim\n---\n"
        "North Korea's leader Kim Jong Un met the Russian defence minister Andrei Belousov "
        "in Pyongyang.\n"
    )
    articles = load_files(
        tmp_path,
        {
            "en.md": english,
            "en2.md": "---\ntitle: Kim meets minister\n---\nKim Jong Un met Andrei Belousov "
            "of Russia in Pyongyang, North Korea said.\n",
            "id.md": "---\ntitle: Kim Jong Un bertemu Menhan Rusia\nlanguage: id\n---\n"
            "Pemimpin Korea Utara Kim Jong Un bertemu Menteri Pertahanan Rusia Andrei "
            "Belousov di Pyongyang, Jumat.\n",
        },
    )
    en, en2, id_ = featurize(articles, ClusterParams())
    assert "russian" in en.lead_names and {"russian", "russia's", "russia"} <= id_.names
    assert name_coverage(en, id_) == 1.0
    assert "russian" not in en2.names and name_coverage(en, en2) < 1.0


def test_a_two_sentence_indonesian_copy_is_known_as_indonesian(tmp_path) -> None:
    """A short web copy with no `language` field holds few function words; with none of
    English's, two of Indonesian's are enough, so its names confirm an English lead's."""
    from digest.config import ClusterParams
    from digest.features import featurize, name_coverage
    from digest.views import article_language

    articles = load_files(
        tmp_path,
        {
            "en.md": "---\ntitle: Russian minister meets Kim\n---\nNorth Korea's leader Kim "
            "Jong Un met the Russian defence minister Andrei Belousov in Pyongyang.\n",
            "id.txt": "Menhan Rusia Bertemu Kim Jong Un di Pyongyang\n\nPemimpin Korea Utara Kim "
            "Jong Un bertemu Menteri Pertahanan Rusia Andrei Belousov di Pyongyang. Keduanya "
            "sepakat untuk memperluas kerja sama militer.\n",
            "mixed.txt": "Kim Jong Un di Pyongyang\n\nKim met Belousov in the capital.\n",
        },
    )
    assert [article_language(a) for a in articles] == ["en", "id", None]
    features = featurize(articles, ClusterParams())
    assert name_coverage(features[0], features[1]) == 1.0


@pytest.mark.parametrize(
    "sentence, name",
    [
        ("Pada Senin Menkeu Sri Mulyani Indrawati tiba di Jakarta.", "Sri Mulyani Indrawati"),
        ("Hari ini Menteri Ketenagakerjaan Yassierli bertemu wartawan.", "Yassierli"),
        ("Kemarin Menaker Yassierli tiba.", "Yassierli"),
        ("Saat itu Menteri Kelautan dan Perikanan Sakti Wahyu Trenggono datang.", None),
    ],
)
def test_indonesian_ministers_short_titles_and_portfolios_are_not_names(sentence, name) -> None:
    """ "Menkeu", "Menaker" and portfolios such as "Ketenagakerjaan" are titles: the person's
    name is what follows them (a one-word name is confirmed by a later mention)."""
    later = f"Hal itu disampaikan {name} kepada wartawan."
    found = [n.text for n in extract_names("Judul", [sentence, later])]
    if name is None:
        assert not any("Kelautan" in n or "Perikanan" in n for n in found)
    else:
        assert name in found
        assert not any(n != name and name in n for n in found), found


def test_the_word_after_a_dateline_starts_the_sentence() -> None:
    """ "GARUT - Gempa bumi ...": "Gempa" opens the story's sentence, so a lone capitalised
    word there is no name unless the article also capitalises it mid-sentence; a name
    after a title ("Menteri Ketenagakerjaan Yassierli") is one wherever the sentence starts."""
    names = {
        n.text
        for n in extract_names(
            "Gempa guncang Garut",
            [
                "GARUT - Gempa bumi bermagnitudo 5,6 mengguncang Garut pada Selasa.",
                "SEMARANG, KOMPAS.com - Hujan deras merendam rumah warga di Semarang.",
                "PUTRAJAYA — Menteri Ketenagakerjaan Yassierli menyampaikan keluhan.",
                # An agency in brackets, an outlet after a comma, a site's domain, a wire's
                # place, country and date: each ends where the story's sentence starts.
                "Jakarta (ANTARA) - Korban meninggal dunia bertambah menjadi empat orang.",
                "Jakarta, CNBC Indonesia - Harga minyak mentah menguat pada Jumat.",
                "Liputan6.com, Salatiga - Sekitar 300 warga mendatangi Gedung DPRD Salatiga.",
                "MAGETAN, Indonesia, Nov 7 (Reuters) - Rescuers found two more bodies.",
                "Korban lain dirawat di RSUD Magetan; harga sembako naik, kata rescuers.",
            ],
        )
    }
    assert not names & {"Gempa", "Hujan", "Korban", "Harga", "Sekitar", "Rescuers"}
    assert {"Garut", "Semarang", "Yassierli", "RSUD Magetan"} <= names


def test_a_title_case_dateline_ends_where_the_story_starts() -> None:
    """ "Warta Sumatra - Suasana ruang sidang ...", "Banda Aceh - Hujan ...": an outlet's or a
    city's dateline in Title Case, as many Indonesian sites write it."""
    names = {
        n.text
        for n in extract_names(
            "Sidang perdana",
            [
                "Warta Sumatra - Suasana ruang sidang Pengadilan Negeri Medan memanas.",
                "Banda Aceh - Hujan deras merendam rumah warga di Aceh Besar.",
            ],
        )
    }
    assert "Suasana" not in names and "Hujan" not in names
    assert {"Warta Sumatra", "Banda Aceh", "Pengadilan Negeri Medan"} <= names


def test_time_zones_are_not_names() -> None:
    """ "pukul 10.00 WIB", "06:00 GMT": a time zone ties together every report that gives a
    time, whatever happened."""
    names = {
        n.text
        for n in extract_names(
            "Gunung Raung meletus",
            ["Letusan terjadi pukul 06.54 WIB dan 07.10 WITA, kata Suparman.",
             "The blast came at 23:54 GMT, the observatory said."],
        )
    }  # fmt: skip
    assert not names & {"WIB", "WITA", "GMT"}
    assert "Suparman" in names


def test_an_amount_and_a_quoted_opening_word_are_not_names() -> None:
    """ "Rp700 juta" is money; "Kalau" ("if") opening a quote is an ordinary word."""
    names = {
        n.text
        for n in extract_names(
            "Nasabah",
            [
                '"Uang pensiun Rp700 juta habis," kata Rosmawati Tarigan. RM5 juta hilang.',
                '"Kalau BI memotong sekarang, modal keluar," ujar Wulan Pratiwi.',
            ],
        )
    }
    assert names == {"Rosmawati Tarigan", "Wulan Pratiwi"}


def test_a_portfolio_before_a_title_is_not_part_of_the_name() -> None:
    """ "Human Resources Minister Steven Sim" is Steven Sim; a one-word place or nationality
    before the title stays a name of its own ("Greek"); "Ministry of Foreign Affairs" and
    "Prime Minister Anwar Ibrahim" read as before."""
    names = [
        n.text
        for n in extract_names(
            "Talks",
            [
                "He met Malaysian Human Resources Minister Steven Sim and Greek Prime Minister "
                "Costas Karamanlis.",
                "The Ministry of Foreign Affairs said Prime Minister Anwar Ibrahim agreed.",
            ],
        )
    ]
    assert {"Steven Sim", "Costas Karamanlis", "Greek", "Anwar Ibrahim"} <= set(names)
    assert "Ministry of Foreign Affairs" in names
    assert not [n for n in names if "Minister" in n or "Resources" in n]


def test_an_ordinary_word_opening_a_sentence_is_not_part_of_a_name() -> None:
    """ "Warga Waingapu berhamburan": "Warga" (residents) is capitalised only because it
    opens the sentence, and the article writes "warga" too; "Actress Lindsay Lohan" alike.
    A name with a connector ("Office of Management") or seen mid-sentence stays whole."""
    names = {
        n.text
        for n in extract_names(
            "Gempa di Sumba",
            [
                "Warga Waingapu berhamburan keluar rumah. Para warga panik.",
                "Actress Lindsay Lohan arrived. The actress smiled.",
                "Office of Management staff left the office early.",
                "Pulau Sumba diguncang gempa. Gempa terasa di Pulau Sumba.",
            ],
        )
    }
    assert {"Waingapu", "Lindsay Lohan", "Office of Management", "Pulau Sumba"} <= names
    assert not {"Warga Waingapu", "Actress Lindsay Lohan"} & names


def test_a_function_word_opening_a_sentence_is_no_name() -> None:
    """ "Lewat MoU itu, ..." ("through that MoU"): "lewat", like "melalui", is a function
    word, and the article need not write it in lower case for it to be none."""
    names = {
        n.text
        for n in extract_names(
            "RI-Malaysia Teken MoU Perdagangan Perbatasan",
            ["Lewat MoU itu, batas belanja warga perbatasan dinaikkan.",
             "Via Bank Negara Malaysia, the payment link opens in June."],
        )
    }  # fmt: skip
    assert not {n for n in names if n.startswith(("Lewat", "Via"))}, names


def test_indonesian_regions_named_by_compass_read_as_english_news_names_them() -> None:
    from digest.text import fold_words

    assert fold_words(["gempa", "di", "jawa", "barat"]) == ["gempa", "di", "west", "java"]
    assert fold_words(["nusa", "tenggara", "timur"]) == ["east", "nusa", "tenggara"]
    assert fold_words(["lombok", "timur", "dan", "sumba", "barat", "daya"]) == [
        "east", "lombok", "dan", "southwest", "sumba",
    ]  # fmt: skip
    assert fold_words(["west", "java"]) == ["west", "java"]  # English is left as it is


def test_a_countrys_possessive_before_a_name_is_the_place_not_part_of_the_name() -> None:
    names = {n.text: n.kind for n in extract_names(
        "Kiprono wins marathon",
        ["Ethiopia's Meseret Alemu finished second, ahead of Kenya's Josphat Kemboi and the "
         "champion Meseret Alemu thanked Indonesia's National Disaster Mitigation Agency."],
    )}  # fmt: skip
    assert names.get("Meseret Alemu") is NameKind.PERSON
    assert names.get("National Disaster Mitigation Agency") is NameKind.ORGANISATION
    assert not [n for n in names if "'s" in n], names


def test_an_organisations_word_opening_a_sentence_stays_in_its_name() -> None:
    names = extract_names(
        "Pameran keris dibuka",
        ["JAKARTA - Museum Nasional Indonesia membuka pameran keris. Pengunjung museum itu "
         "ramai. Warga Bandung datang berombongan, dan para warga antre sejak pagi."],
    )  # fmt: skip
    found = {n.text: n.kind for n in names}
    assert found.get("Museum Nasional Indonesia") is NameKind.ORGANISATION
    assert "Nasional Indonesia" not in found
    assert "Bandung" in found and "Warga Bandung" not in found  # an ordinary word still goes


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("Kecamatan Tarik", ["tarik"]),
        ("Kepala Pelaksana BPBD Kerinci", ["kerinci"]),
        ("Polres Nganjuk", ["nganjuk"]),
        ("Semarang Regency", ["semarang"]),
        ("Leicester City", ["leicester"]),
    ],
)
def test_name_tokens_leave_out_the_units_and_offices_every_region_has(name, tokens) -> None:
    """Two regencies' floods both name "Kecamatan ..." and "BPBD": only the units' own
    names tell them apart, so only those are compared."""
    assert name_tokens(name) == tokens


def test_a_name_in_capitals_counts_as_its_ordinary_spelling() -> None:
    """A dateline writes the place in capitals; the story in ordinary case: one name, shown
    once, counted twice. An acronym with no ordinary spelling stays as it is."""
    names = extract_names(
        "Guru dianiaya wali murid",
        [
            "BANGKAPOS.COM, BANGKA BARAT - Seorang guru di Bangka Barat dianiaya. Ia anggota "
            "PGRI. Polisi di Bangka Barat menahan pelaku."
        ],
    )
    found = {n.text: n.count for n in names}
    assert "BANGKA BARAT" not in found
    assert found["Bangka Barat"] == 3
    assert "PGRI" in found


def test_the_place_of_an_office_is_split_off_its_holders_name() -> None:
    """ "Bupati Garut Abdusy Syakur Amin": once the title is off, the run's first word is the
    regency (the article writes "Pemkab Garut" and the dateline GARUT), not a first name. A
    short form of the person's own name ("kata Abdusy") is no evidence of a place: "Presiden
    Joko Widodo ... kata Joko" stays whole."""
    names = kinds(
        "Banjir rendam Garut",
        [
            "GARUT - Bupati Garut Abdusy Syakur Amin meninjau lokasi banjir. Pemkab Garut "
            "menyiapkan dana darurat, kata Abdusy.",
            "Presiden Joko Widodo meminta bantuan segera dikirim, kata Joko kepada "
            "wartawan. Wakil Bupati Garut Rudi Hartono Saputra menyiagakan relawan.",
        ],
    )
    assert names["Abdusy Syakur Amin"] is NameKind.PERSON
    assert names["Rudi Hartono Saputra"] is NameKind.PERSON
    assert names["Joko Widodo"] is NameKind.PERSON
    assert not any(n.startswith("Garut ") for n in names)


def test_a_province_after_an_office_stays_one_place() -> None:
    """ "Gubernur Kalimantan Timur menetapkan ...": the run after the title is the province,
    not the island "Kalimantan" and a name "Timur" (b118-011's chips); with the governor
    named, the province and the person."""
    names = kinds(
        "Upah minimum naik",
        [
            "Samarinda (ANTARA) - Gubernur Kalimantan Timur menetapkan upah minimum. "
            "Gubernur Jawa Barat Dedi Mulyadi menyusul, dan Gubernur Sulawesi Tenggara "
            "meresmikan sistem air bersih."
        ],
    )
    assert names["Kalimantan Timur"] is NameKind.PLACE
    assert names["Sulawesi Tenggara"] is NameKind.PLACE
    assert names["Jawa Barat"] is NameKind.PLACE
    assert names["Dedi Mulyadi"] is NameKind.PERSON
    assert not {"Timur", "Tenggara", "Barat", "Kalimantan", "Jawa", "Sulawesi"} & names.keys()


def test_a_compass_word_starts_a_place_not_a_place_of_its_own() -> None:
    """ "North Toraja", "South China Sea", "West Nusa Tenggara": one place each, not a place
    "North" before the rest (the time-zone names once listed North, South and West)."""
    names = {
        n.text
        for n in extract_names(
            "Longsor",
            [
                "The deadliest was a landslide in North Toraja regency on Monday. A boat broke "
                "down in the South China Sea, and rain fell across West Nusa Tenggara."
            ],
        )
    }
    assert {"North Toraja", "South China Sea", "West Nusa Tenggara"} <= names
    assert not {"North", "South", "West", "Toraja", "China Sea", "Nusa Tenggara"} & names
    # A city's newspaper is one name too ("the Jakarta Globe" gave "Jakarta" and "Globe").
    (globe,) = extract_names("T", ["Sources told the Jakarta Globe by phone on Monday."])
    assert (globe.text, globe.kind) == ("Jakarta Globe", NameKind.ORGANISATION)
    # and a city's club: "Bali United" gave "Bali" and "United".
    club = {
        n.text for n in extract_names("T", ["Supporters waited as Bali United trained on Friday."])
    }
    assert club == {"Bali United"}


def test_police_and_military_ranks_are_titles() -> None:
    """ "Kapolres Bangka Barat AKBP Reno Hardiansyah": the rank stands between the office
    and the name, and "Letkol Inf" (rank and corps) before it; neither is part of the name."""
    names = kinds(
        "Pelaku ditahan",
        [
            "Kapolres Bangka Barat AKBP Reno Hardiansyah mengatakan pelaku ditahan. "
            "Imbauan disampaikan Komandan Kodim 0909/Kutai Timur, Letkol Inf Sapto Hadi "
            "Nugroho, seusai upacara. Kasat Reskrim AKP Yoga Pratama hadir di Bangka Barat."
        ],
    )
    assert names["Reno Hardiansyah"] is NameKind.PERSON
    assert names["Sapto Hadi Nugroho"] is NameKind.PERSON
    assert names["Yoga Pratama"] is NameKind.PERSON
    assert not [n for n in names if n.split()[0] in {"AKBP", "AKP", "Letkol", "Inf", "Komandan"}]


def test_a_listed_companys_tbk_does_not_end_the_sentence() -> None:
    """Bisnis.com writes "PT X Tbk." inside its sentences: the sentence goes on."""
    from digest.text import split_sentences

    first = "Bisnis.com, JAKARTA — Emiten PT Menara Gandawira Tbk. (MGDW) akan melakukan merger."
    assert split_sentences(f"{first} Setelah merger, MGDW menjadi entitas penerima.") == [
        first,
        "Setelah merger, MGDW menjadi entitas penerima.",
    ]
