"""Tokens, sentences, stopwords and proper names in Indonesian and English text."""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

from digest.model import Name, NameKind


def data_lines(name: str) -> list[str]:
    """Return the lines of the data file `name` shipped in digest/data, comments cut off."""
    text = resources.files("digest").joinpath("data", name).read_text(encoding="utf-8")
    return [line.split("#", 1)[0].strip() for line in text.splitlines()]


def read_forms(name: str) -> dict[str, str]:
    """Return the forms of the "keys: form | form" lines of the data file `name` (lower
    case, words joined by one space), each with its line's keys ("south-papua papua")."""
    keys: dict[str, str] = {}
    for line in data_lines(name):
        key, _, rest = line.partition(":")
        for form in rest.split("|") if rest.strip() else ():
            keys[" ".join(form.lower().split())] = key.strip()
    return keys


def read_word_list(name: str, phrases: bool = False) -> frozenset[str]:
    """Return the lower-case words of the data file `name` shipped in digest/data.

    With `phrases`, each line is one entry ("korea utara") instead of several words.
    """
    lines = data_lines(name)
    if phrases:
        return frozenset(" ".join(line.lower().split()) for line in lines if line)
    return frozenset(w.lower() for line in lines for w in line.split())


STOPWORDS = read_word_list("stopwords.txt")

# Words that precede a name as a title; dropped from the front of a name.
TITLE_WORDS = read_word_list("title-words.txt")

# Capitalised words that are never names (months, weekdays).
NOT_NAMES = read_word_list("not-names.txt")

# Lower-case words allowed inside a name ("Partai Buruh Korea", "Bank of America").
NAME_CONNECTORS = frozenset(
    ("of", "de", "van", "von", "der", "da", "bin", "binti", "al", "el", "le")
)

WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?", re.U)
"""A word: a letter, then letters, digits, apostrophes or hyphens, ending in a letter or digit."""
_WORD = WORD
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
_ABBREVIATIONS = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Gen|Lt|Col|Sgt|Capt|No|Vol|Jan|Feb|Mar|Apr|Jun|Jul|Aug|"
    r"Sep|Sept|Oct|Nov|Dec|Agu|Des|Okt|U\.S|U\.N|a\.m|p\.m|e\.g|i\.e|dll|dsb|Tn|Ny|Sdr|H|Hj|Tbk|"
    r"[A-Z])\.$"
)
_ABBREVIATION_TAIL = 7
"""`_ABBREVIATIONS` can only match in a sentence's last characters (a word of at most four
letters, the dot, a line end) after a word boundary, which a search from there still sees."""


def tokenize(text: str) -> list[str]:
    """Return the lower-case words of `text`, numbers and punctuation dropped.

    >>> tokenize("Kim Jong Un bertemu Menhan Rusia, Jumat (29/11/2024).")
    ['kim', 'jong', 'un', 'bertemu', 'menhan', 'rusia', 'jumat']
    """
    return [w.lower() for w in _WORD.findall(text)]


def raw_words(text: str) -> list[str]:
    """Return the words of `text` as written (case kept), numbers and punctuation dropped."""
    return _WORD.findall(text)


def read_foldings(name: str) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Return the "variant = canonical" lines of a data file as token tuples."""
    pairs: dict[tuple[str, ...], tuple[str, ...]] = {}
    for line in data_lines(name):
        variant, _, canonical = line.partition("=")
        if canonical.strip():
            pairs[tuple(tokenize(variant))] = tuple(tokenize(canonical))
    return pairs


@dataclass(frozen=True)
class Folding:
    """A table of "variant = canonical" word sequences, with what finding them needs."""

    table: Mapping[tuple[str, ...], tuple[str, ...]]
    starts: frozenset[str]
    longest: int

    @classmethod
    def of(cls, *tables: Mapping[tuple[str, ...], tuple[str, ...]]) -> Folding:
        table = {k: v for t in tables for k, v in t.items()}
        return cls(table, frozenset(k[0] for k in table), max(map(len, table), default=1))


WORLD_NAMES = read_foldings("world-names.txt")
"""Indonesian names of places and international bodies → their English form."""
NEWS_WORDS = read_foldings("news-words.txt")
"""Indonesian news words ("gempa", "menandatangani") → their usual English translation."""
PLACE_FOLDING = Folding.of(WORLD_NAMES)
TERM_FOLDING = Folding.of(WORLD_NAMES, NEWS_WORDS)
"""What the clusterer folds in the words it compares: places and news words. Names fold
places only: "Menteri" in a name is a title, and the corpus's lower-case words (which
decide what is a title) are not folded."""


POSSESSIVES = ("'s", "’s")


def without_possessive(word: str) -> str:
    """Return `word` without an English possessive ending ("Australia's" → "Australia").

    >>> without_possessive("korea’s"), without_possessive("Paris")
    ('korea', 'Paris')
    """
    for ending in POSSESSIVES:
        if word.endswith(ending):
            return word[: -len(ending)]
    return word


def fold_words(words: Sequence[str], folding: Folding = PLACE_FOLDING) -> list[str]:
    """Return lower-case `words` with Indonesian names of places in their English form, so an
    Indonesian and an English report share them. English words are left as they are.
    With `TERM_FOLDING`, Indonesian news words are read in English too.

    Measured: folding English demonyms ("Greek" = "Greece") or possessives ("Greece's")
    too made two Greek stories of different years one event in ECB+ (0.877 -> 0.858).
    >>> fold_words(["korea", "utara", "dan", "rusia"])
    ['north', 'korea', 'dan', 'russia']
    >>> fold_words(["north", "korea's", "ally"])
    ['north', "korea's", 'ally']
    >>> fold_words(["gempa", "bumi", "di", "jepang"], TERM_FOLDING)
    ['earthquake', 'di', 'japan']
    """
    if not folding.starts.intersection(words):
        return list(words)
    table, starts = folding.table, folding.starts
    out: list[str] = []
    i = 0
    while i < len(words):
        size, folded = 1, (words[i],)
        if words[i] in starts:  # the longest variant starting here wins
            for n in range(min(folding.longest, len(words) - i), 0, -1):
                if (canonical := table.get(tuple(words[i : i + n]))) is not None:
                    size, folded = n, canonical
                    break
        out.extend(folded)
        i += size
    return out


def content_words(text: str) -> list[str]:
    """Return the tokens of `text` that carry meaning: no stopwords, at least 3 letters."""
    return [w for w in tokenize(text) if len(w) >= 3 and w not in STOPWORDS]


def name_tokens(name: str) -> list[str]:
    """Return the lower-case tokens of a proper name that can identify it (2+ letters).

    >>> name_tokens("Kim Jong Un")
    ['kim', 'jong', 'un']
    """
    words = fold_words(tokenize(name))
    return [w for w in words if len(w) >= 2 and w not in STOPWORDS and w not in NOT_NAMES]


_DATE_LIKE = re.compile(r"\b\d{1,4}[/-]\d{1,2}(?:[/-]\d{2,4})?\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def number_tokens(text: str) -> list[str]:
    """Return the numbers of `text` as language-neutral tokens, separators removed.

    "5,6" (Indonesian) and "5.6" (English) give the same token, as do "3.200" and "3,200";
    dates such as 29/11/2024 and one-digit numbers are left out.
    >>> number_tokens("Gempa 5,6 merusak 3.200 rumah pada 3/12/2024")
    ['#56', '#3200']
    """
    text = _DATE_LIKE.sub(" ", text)
    tokens = (re.sub(r"[.,]", "", m) for m in _NUMBER.findall(text))
    return [f"#{t.lstrip('0') or '0'}" for t in tokens if len(t) >= 2]


def split_sentences(paragraph: str) -> list[str]:
    """Return the sentences of `paragraph`; abbreviations such as "Dr." do not end one."""
    parts = _SENTENCE_END.split(paragraph.strip())
    sentences: list[str] = []
    for part in parts:
        last = sentences[-1] if sentences else ""
        if last and _ABBREVIATIONS.search(last, max(0, len(last) - _ABBREVIATION_TAIL)):
            sentences[-1] = f"{sentences[-1]} {part}"
        elif part:
            sentences.append(part)
    return sentences


_MONEY = re.compile(r"(?:Rp|RM)\d")
_RUN_TOKEN = re.compile(r"[\w'’.-]+|[^\w\s]")
_OTHER, _CAPITALISED, _CONNECTOR = 0, 1, 2


@functools.lru_cache(maxsize=1 << 16)
def _token_class(raw: str) -> tuple[str, int, bool]:
    """Return a token without its dots, whether it is capitalised or a name connector, and
    whether it moves past the start of a sentence (an opening quote or bracket does not).
    Most tokens recur from article to article: the last 65,536 are remembered."""
    token = raw.strip(".")
    if not token:
        return token, _OTHER, False
    first = token[0]
    if _MONEY.match(token):
        kind = _OTHER  # "Rp700", "RM5": an amount, not a name
    elif first.isupper() and (first.isalpha() or any(c.isalpha() for c in token)):
        kind = _CAPITALISED
    elif token in NAME_CONNECTORS or (token.lower() in NAME_CONNECTORS and token.islower()):
        kind = _CONNECTOR
    else:
        kind = _OTHER
    return token, kind, token not in '"“‘('


DOMAIN_END = r"\.(?:co\.id|com|id|net|org|co|news|tv)\b"
"""How a site's name ends ("jpnn.com", "Liputan6.com", "Medcom.id")."""


def _dateline_pattern(more_places: int) -> re.Pattern[str]:
    """Return the `DATELINE` pattern with up to `more_places` further places or dates after
    the first comma's ("BANJARMASIN, Indonesia, May 1 (Reuters) -" needs one)."""
    place = r"[A-Za-z][\w.&'’-]*(?:\s(?:[A-Z][\w.&'’-]*|\d{1,2})){0,2}"
    return re.compile(
        rf"^\s*(?P<head>(?:[A-Z][\w.&'’-]*|[a-z][\w-]*{DOMAIN_END})"
        r"(?:[ .][A-Z][\w.&'’-]*){0,3})\s*"
        rf"(?:,\s*(?P<after>{place})?(?:,\s*{place}){{0,{more_places}}})?"
        r"\s*(?:\([^)]{2,40}\)\s*\((?P<paren2>[^)]{2,40})\)|\((?P<paren>[^)]{2,40})\))?"
        r"\s*(?P<sep>[-–—]{1,2}|:)\s+\S"
    )


DATELINE = _dateline_pattern(0)
"""A dateline: a place in capitals (or a site's name in lower case: "jpnn.com"), an outlet or
region after a comma, an outlet in brackets (after a country in brackets: "Batam (Indonesia)
(AFP) -"), then a dash or a colon ("Medcom.id, Jakarta: ...")."""
SHOWN_DATELINE = _dateline_pattern(2)
"""`DATELINE` with a wire's place, country and date ("SAMARINDA, Indonesia, Jan 22
(Reuters) -"), for `strip_dateline`, and for `detect_outlet` only the agency in brackets:
read from these longer datelines, 118 of the 8,847 labelled reports gain their agency as
outlet, all rightly (README, "Thirty-first session")."""
_LETTERS = re.compile(r"[^\W\d_]+")
_DOMAIN = re.compile(DOMAIN_END, re.I)


def strip_dateline(sentence: str) -> str:
    """Return `sentence` without the dateline it opens with, to show it as a happening or a
    summary line: `SHOWN_DATELINE`, where the story after it starts with a capital, a
    number or a quote, and a head of more than two words, or one before a colon, shows it
    is a dateline (a comma, the agency in brackets, a word in capitals or a site's domain).

    >>> strip_dateline("Kendari, SE Sulawesi (ANTARA) - The governor visited Wawonii.")
    'The governor visited Wawonii.'
    >>> strip_dateline("BANJARMASIN, Indonesia, May 1 (Reuters) - Rescuers found two more.")
    'Rescuers found two more.'
    >>> strip_dateline("Liputan6.com, Balangan - Operasi pencarian berlanjut.")
    'Operasi pencarian berlanjut.'
    >>> strip_dateline("BINTULU: Three workers were killed.")
    'Three workers were killed.'
    >>> strip_dateline("Bank Indonesia - the central bank - held rates.")
    'Bank Indonesia - the central bank - held rates.'
    >>> strip_dateline("Ketua Umum Partai Amanat - Zulkifli Hasan - hadir.")
    'Ketua Umum Partai Amanat - Zulkifli Hasan - hadir.'
    """
    m = SHOWN_DATELINE.match(sentence)
    if m is None:
        return sentence
    story = m.end() - 1
    if not (sentence[story].isupper() or sentence[story].isdigit() or sentence[story] in "\"“‘'("):
        return sentence
    head = sentence[:story]
    shown = (
        "," in head
        or "(" in head
        or _DOMAIN.search(head) is not None
        or any(len(w) > 1 and w.isupper() for w in _LETTERS.findall(head))
    )
    if not shown and (len(head.split()) > 3 or m.group("sep") == ":"):  # a dash is a word
        return sentence  # "Mobile Legends: Bang Bang ..."
    return sentence[story:]


def _capitalised_runs(
    sentence: str, classes: dict[str, tuple[str, int, bool]] | None = None
) -> list[tuple[list[str], bool]]:
    """Return runs of capitalised words in `sentence`, each with 'starts the sentence'.

    `classes` remembers each token's class across the sentences of one article (most tokens
    recur); pass the same dict for every sentence of an article, or None.
    """
    classes = {} if classes is None else classes
    story = strip_dateline(sentence)
    if len(story) < len(sentence):
        # "GARUT - Gempa bumi ...", "Jakarta (ANTARA) - Korban ...": the story's sentence
        # starts after the dateline.
        head = sentence[: len(sentence) - len(story)]
        return _capitalised_runs(head, classes) + _capitalised_runs(story, classes)
    runs: list[tuple[list[str], bool]] = []
    current: list[str] = []
    at_start = True
    run_at_start = False
    for raw in _RUN_TOKEN.findall(sentence):
        found = classes.get(raw)
        if found is None:
            found = classes[raw] = _token_class(raw)
        token, kind, moves = found
        if kind == _CAPITALISED:
            if not current:
                run_at_start = at_start
            current.append(token)
        elif current:
            if kind == _CONNECTOR:
                current.append(token)
            else:
                while current and current[-1].lower() in NAME_CONNECTORS:
                    current.pop()
                if current:
                    runs.append((current, run_at_start))
                current = []
        if moves:
            at_start = False
    while current and current[-1].lower() in NAME_CONNECTORS:
        current.pop()
    if current:
        runs.append((current, run_at_start))
    return runs


def is_title_case(text: str) -> bool:
    """True when most words of `text` longer than three letters start with a capital."""
    words = [w for w in _WORD.findall(text) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


INDONESIAN_PLACES = read_word_list("id-places.txt", phrases=True)
PLACE_NAMES = read_word_list("places.txt", phrases=True) | INDONESIAN_PLACES
"""Countries and the world's large cities (places.txt), and Indonesia's provinces, regencies and
cities (id-places.txt), lower case."""
ORG_WORDS = read_word_list("org-words.txt")
_REGION_FORMS = frozenset(form for form, key in read_forms("regions.txt").items() if key != "-")
"""Indonesia's provinces as outlets write them ("Jawa Barat", "Kaltim", "West Java"); not
the forms that are no region ("Papua New Guinea")."""
PLACE_HEADS = frozenset(
    (
        "provinsi",
        "kabupaten",
        "kota",
        "pulau",
        "gunung",
        "laut",
        "teluk",
        "selat",
        "danau",
        "sungai",
        "jalan",
        "desa",
        "kecamatan",
        "province",
        "county",
        "city",
        "island",
        "mount",
        "gulf",
        "strait",
        "lake",
        "river",
        "street",
        "village",
        "district",
    )
)
PLACE_TAILS = frozenset(
    ("sea", "ocean", "bay", "peninsula", "valley", "airport", "park", "square", "bridge",
     "stadium", "station", "mosque", "church", "temple", "palace", "region", "regency",
     "highway", "avenue", "road", "harbour", "harbor", "port", "coast", "strait", "plaza",
     "mall")
)  # fmt: skip
"""English place words that end a place's name ("South China Sea", "Soekarno-Hatta
Airport"); at the start they may be a person's name ("Park Geun-hye")."""
PLACE_LEADS = frozenset(
    ("samudra", "samudera", "semenanjung", "tanjung", "lembah", "pasar", "masjid", "gereja",
     "pura", "vihara", "istana", "stadion", "bandara", "pelabuhan", "stasiun", "terminal",
     "kampung", "dusun", "kelurahan", "taman", "jembatan", "alun-alun", "wilayah", "kawasan",
     "tol", "pantai", "hutan", "lapangan", "gedung", "menara", "kepulauan", "perairan",
     "bukit", "muara", "kuala", "bandar", "distrik", "puskesmas", "mapolda", "mapolres",
     "mapolresta", "mapolsek")
)  # fmt: skip
"""Indonesian place words that start a place's name ("Pasar Kosambi", "Masjid Istiqlal",
"Muara Teweh", "Mapolres Maros": a police station's compound)."""
COMPASS_LEADS = frozenset(
    ("east", "west", "north", "south", "central", "southeast", "southwest", "northeast",
     "northwest", "eastern", "western", "northern", "southern")
)  # fmt: skip
"""A place named by its part of a larger one, English style ("East Java", "South Sumba")."""
COMPASS_TAILS = frozenset(("timur", "barat", "utara", "selatan", "tengah", "tenggara", "daya"))
"""...and Indonesian style ("Jawa Timur", "Nusa Tenggara Timur", "Sumba Barat Daya")."""
_ACRONYM = re.compile(r"[A-Z]{3,}")
_NAMING_WORDS = ORG_WORDS | PLACE_HEADS | PLACE_LEADS
"""Words that make an organisation's or a place's name: part of it even opening a sentence."""
_NEWS_WORD_TOKENS = frozenset(w for variant in NEWS_WORDS for w in variant)
"""Indonesian news words ("ilmu", "pengetahuan", "perdagangan"): no one's name."""


SURNAME_PLACES = frozenset(("samosir", "lingga", "karo", "sarmi", "muna"))
"""Regencies whose names are also family or given names ("Fransiska Samosir")."""


def _ends_in_indonesian_place(lower: list[str]) -> bool:
    """Whether a name of two or more words (lower case) ends in an Indonesian province,
    regency or city: an office, a club or an agency of that place ("Kapolres Cianjur",
    "Persik Kediri", "Dinkes Balikpapan"), not a person, whom Indonesian news does not name
    after a regency (the ones that are also family names aside: `SURNAME_PLACES`)."""
    return len(lower) > 1 and any(
        " ".join(lower[k:]) in INDONESIAN_PLACES and " ".join(lower[k:]) not in SURNAME_PLACES
        for k in range(1, len(lower))
    )


def name_kind(name: str, lowercase: frozenset[str] | set[str] = frozenset()) -> NameKind:
    """Return whether `name` is a person, an organisation or a place, by general word rules.

    Places come from a list of countries and cities in both languages or a place word
    ("Provinsi", "Island"); organisations from an organisation word ("Kementerian",
    "Ministry") or an acronym ("KCNA"); a run of two to four capitalised words that is neither
    is a person, unless the article also writes one of its words in lower case ("Perang
    Dingin" next to "perang"). Anything else stays OTHER.
    >>> [name_kind(n).value for n in ("Korea Utara", "Kementerian Pertahanan", "Kim Jong Un")]
    ['place', 'organisation', 'person']
    """
    words = name.split()
    lower = [w.lower() for w in words]
    if name.lower() in PLACE_NAMES or (len(words) > 1 and all(w in PLACE_NAMES for w in lower)):
        return NameKind.PLACE  # "Kursk Rusia": a place and the country it is in
    if lower[0] in ORG_WORDS:  # "Badan Keamanan Laut" is an agency, not a sea
        return NameKind.ORGANISATION
    if lower[0] in PLACE_HEADS or lower[-1] in PLACE_HEADS:
        return NameKind.PLACE
    if any(w in ORG_WORDS for w in lower) or (len(words) == 1 and _ACRONYM.fullmatch(name)):
        return NameKind.ORGANISATION  # "East Lombok General Elections Commission"
    if len(words) > 1 and (
        lower[0] in PLACE_LEADS
        or lower[-1] in PLACE_TAILS
        or lower[0] in COMPASS_LEADS
        or lower[-1] in COMPASS_TAILS
    ):
        return NameKind.PLACE
    if len(words) > 2 and lower[-1] in PLACE_NAMES:  # "Bursa Efek Indonesia", not a person
        return NameKind.ORGANISATION
    if _ends_in_indonesian_place(lower):  # "Persib Bandung", "Polrestabes Medan", "Walhi Jambi"
        return NameKind.ORGANISATION
    if (
        2 <= len(words) <= 4
        and all(w[:1].isupper() and w[1:].islower() for w in words)
        and not any(w in lowercase for w in lower)
        and not all(w in _NEWS_WORD_TOKENS for w in lower)  # "Ilmu Pengetahuan": science
    ):
        return NameKind.PERSON
    return NameKind.OTHER


def split_place_prefix(words: list[str]) -> tuple[list[str], list[str]]:
    """Return (place, rest) when `words` starts with a known place followed by a name.

    "Rusia Vladimir Putin" is the country of a title ("Presiden Rusia") and a person.
    >>> split_place_prefix(["Korea", "Utara", "Kim", "Jong", "Un"])
    (['Korea', 'Utara'], ['Kim', 'Jong', 'Un'])
    >>> split_place_prefix(["Indonesia's", "National", "Disaster", "Mitigation", "Agency"])
    (['Indonesia'], ['National', 'Disaster', 'Mitigation', 'Agency'])
    """
    if " ".join(words).lower() in PLACE_NAMES or (
        len(words) == 2 and words[1].lower() in COMPASS_TAILS
    ):
        return [], words  # "Bogor Utara": a part of Bogor, not Bogor and "Utara"
    for size in (3, 2, 1):
        head, rest = words[:size], words[size:]
        if not rest:
            continue
        if size < 3 and " ".join(words[: size + 1]).lower() in _REGION_FORMS:
            continue  # "Jawa Barat Dedi Mulyadi": the province, not "Jawa" and "Barat ..."
        if " ".join(head).lower() in _REGION_FORMS and not any(
            w.lower() in ORG_WORDS or w.lower() in PLACE_HEADS for w in rest
        ):
            return head, rest
        base = without_possessive(head[-1])
        if base != head[-1] and " ".join([*head[:-1], base]).lower() in PLACE_NAMES:
            return [*head[:-1], base], rest  # "Ethiopia's Meseret Alemu": whose, then who
        if " ".join(head).lower() in PLACE_NAMES:
            lower_rest = [w.lower() for w in rest]
            if (
                " ".join(lower_rest) not in PLACE_NAMES
                and not any(w in ORG_WORDS or w in PLACE_HEADS for w in lower_rest)
                and (len(rest) >= 2 or rest[0][1:].islower())
            ):
                return head, rest
    return [], words


HEAD_TITLES = frozenset({
    "minister", "menteri", "president", "presiden", "secretary", "sekretaris", "governor",
    "gubernur", "ambassador", "spokesman", "spokeswoman", "spokesperson", "mayor", "chairman",
    "commander", "panglima",
    # Indonesian police and military ranks: "Kapolres Bangka Barat AKBP Reno Hardiansyah"
    "akp", "akbp", "kompol", "kombes", "iptu", "ipda", "aiptu", "aipda", "bripka", "briptu",
    "bripda", "irjen", "brigjen", "komjen", "letkol", "mayjen", "letjen", "laksda", "laksma",
    "laksdya", "marsma", "marsda", "marsdya",
})  # fmt: skip
"""Titles that end a portfolio written before them: "Human Resources Minister Steven Sim"."""
_TITLE_OR_STOP = TITLE_WORDS | STOPWORDS


def _head_title_at(words: list[str]) -> int | None:
    """Return where the last head title inside a run stands ("Human Resources Minister
    Steven Sim": 2), or None when none stands within its first four words with one to four
    words after it."""
    for k in range(min(len(words) - 1, 4), 0, -1):
        if words[k].lower() in HEAD_TITLES and 1 <= len(words) - k - 1 <= 4:
            return k
    return None


def _leads_with_place(words: list[str]) -> bool:
    """Whether `words` start with a known place of two to four words: "Raja Ampat" is a
    regency, not a king (`_strip_titles`)."""
    return any(" ".join(words[:size]).lower() in PLACE_NAMES for size in (2, 3, 4))


def _strip_titles(words: list[str]) -> list[str]:
    if (k := _head_title_at(words)) is not None:
        words = words[k + 1 :]  # "Human Resources Minister Steven Sim" -> "Steven Sim"
    while (
        words
        and (words[0].lower() in TITLE_WORDS or words[0].lower() in STOPWORDS)
        and not _leads_with_place(words)
    ):
        words = words[1:]
    while words and words[-1].lower() in STOPWORDS:
        words = words[:-1]
    return words


def without_outlet(names: Sequence[Name], outlet: str | None) -> tuple[Name, ...]:
    """Return `names` without the outlet's own name ("Reuters", "KOMPAS.com" or "Kompas"):
    a dateline's outlet says who reported, not what happened, and would tie together every
    story one outlet filed.

    >>> [n.text for n in without_outlet(extract_names("T", ["JAKARTA, KOMPAS.com - Kompas "
    ...     "mencatat Presiden Joko Widodo tiba."]), "KOMPAS.com")]
    ['Joko Widodo']
    """
    if not outlet:
        return tuple(names)
    full = " ".join(tokenize(outlet))
    stem = " ".join(tokenize(outlet.split(".", 1)[0]))
    return tuple(n for n in names if " ".join(tokenize(n.text)) not in (full, stem))


def extract_names(title: str, paragraphs: Sequence[str]) -> tuple[Name, ...]:
    """Return the proper names in an article, short forms folded into their full form.

    A name is a run of capitalised words with leading titles and a leading country removed
    ("Menteri Pertahanan Rusia Andrei Petrov" gives the place "Rusia" and "Andrei Petrov").
    A one-word mention ("Kim") that is a word of exactly one longer name in the same article
    ("Kim Jong Un") counts as that name. Sentence-initial single words count only when the
    same word also appears capitalised mid-sentence. Sorted by count, then first position.
    """
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    mid_sentence: set[str] = set()
    opening: set[str] = set()  # names of several words seen opening a sentence
    inside: set[str] = set()  # and names seen anywhere else
    initial_only: list[tuple[str, int]] = []
    abbreviations = _title_abbreviations((title, *paragraphs))
    holders: dict[tuple[str, ...], set[str]] = defaultdict(set)
    role_mentions: list[tuple[tuple[str, ...], int]] = []
    classes: dict[str, tuple[str, int, bool]] = {}
    parts_of: dict[tuple[str, ...], _RunParts] = {}  # most runs recur within an article
    after_title: set[str] = set()  # names written after a title ("Bupati Garut ...")
    for index, paragraph in enumerate((title, *paragraphs)):
        for sentence in split_sentences(paragraph):
            # A Title Case headline capitalises every word: its runs are not evidence of names.
            in_title_case = index == 0 and is_title_case(sentence)
            if abbreviations and "(" in sentence:
                # "Menteri Luar Negeri (Menlu) Jepang Taro X": the title runs on to the name.
                sentence = _ABBREVIATION.sub(
                    lambda m: m.group(1) if m.group(2).lower() in abbreviations else m.group(0),
                    sentence,
                )
            for words, at_start in _capitalised_runs(sentence, classes):
                if in_title_case:
                    continue
                parts = parts_of.get(key := tuple(words))
                if parts is None:
                    parts = parts_of[key] = _run_parts(words, abbreviations)
                place, place_role, role, name, single, titled = parts
                if place:
                    counts[place] += 1
                    first_seen.setdefault(place, index)
                    mid_sentence.add(place)
                if place_role is not None:
                    role_mentions.append((place_role, index))  # "Menlu Jepang"
                if not name:
                    if role:
                        role_mentions.append((role, index))
                    continue
                if role:
                    holders[role].add(name)
                if single and at_start and not role:
                    # A lone capitalised first word ("Gempa", "Shortly") may be any word;
                    # "Menteri Luar Negeri Sugiono" at a sentence's start names Sugiono.
                    initial_only.append((name, index))
                    continue
                if at_start and not role and key[0] == name.split(" ", 1)[0]:
                    opening.add(name)  # "Warga Waingapu berhamburan ..."
                else:
                    inside.add(name)
                mid_sentence.add(name)
                counts[name] += 1
                first_seen.setdefault(name, index)
                if titled and not place:
                    after_title.add(name)
    for role, index in role_mentions:
        # "Menlu Jepang" alone is the one person the article calls "Menlu Jepang" by name.
        if len(holders.get(role, ())) == 1:
            (name,) = holders[role]
            if name in counts:
                counts[name] += 1
                first_seen[name] = min(first_seen[name], index)
    for name, _index in initial_only:
        if name in mid_sentence:
            counts[name] += 1
    for name in [n for n in counts if n.lower() in NOT_NAMES]:
        del counts[name]
    _split_office_places(counts, first_seen, after_title)
    # No word runs across a line break: one search over all the text finds the same words.
    lowercase = frozenset(filter(str.islower, set(_WORD.findall("\n".join((title, *paragraphs))))))
    _drop_opening_words(counts, first_seen, opening - inside, lowercase)
    _fold_case_twins(counts, first_seen)
    return tuple(_fold_aliases(counts, first_seen, lowercase))


_UNIT_WORDS = _NAMING_WORDS | NOT_NAMES
"""Words before a place's own name in an office's or a unit's ("Kabupaten Garut", "Polres
Garut", "Pemkab Garut", "Pasar Garut")."""


def _split_office_places(
    counts: Counter[str], first_seen: dict[str, int], after_title: set[str]
) -> None:
    """Split the place of an office off the name of who holds it: "Bupati Garut Abdusy
    Syakur" and "Gubernur Jawa Barat Dedi Mulyadi" are read as the runs "Garut Abdusy Syakur"
    and "Jawa Barat Dedi Mulyadi" once the title is taken off, and they are a place and a
    person. A run's first one or two words are the office's place when the article shows
    them as one elsewhere: after a unit's word ("Kabupaten Garut", "Polres Garut"), alone in
    capitals (the dateline "GARUT"; an organisation's acronym, "Ketua PGRI Budi Santoso",
    splits the same way), or as a province or a known place. A short form of the person's
    own name ("kata Abdusy") is no such evidence: it is not a place's mention."""
    if not after_title:
        return
    places = set()
    for name in counts:
        words = name.split()
        if len(words) >= 2 and words[0].lower() in _UNIT_WORDS:
            places.add(" ".join(words[1:]).lower())
        elif name.isupper() and len(name) > 3:
            places.add(name.lower())
    for name in sorted(after_title & counts.keys()):
        words = name.split()
        for size in (2, 1):
            head, rest = " ".join(words[:size]), words[size:]
            lower = head.lower()
            shown = lower in places or lower in _REGION_FORMS or lower in PLACE_NAMES
            if not rest or not shown:
                continue
            if " ".join(words[: size + 1]).lower() in _REGION_FORMS:
                continue  # "Gubernur Jawa Barat": the province, not "Jawa" and "Barat"
            if any(w.lower() in _UNIT_WORDS or w.lower() in TITLE_WORDS for w in rest):
                continue  # "Jawa Barat Bagian Selatan": a place's part, not a person
            count, seen = counts.pop(name), first_seen.pop(name)
            for part in (head, " ".join(rest)):
                counts[part] += count
                first_seen[part] = min(first_seen.get(part, seen), seen)
            break


def _fold_case_twins(counts: Counter[str], first_seen: dict[str, int]) -> None:
    """Count a name written in capitals ("BANGKA BARAT", a dateline's) as the same name
    written in ordinary case in the article ("Bangka Barat"): one name, listed once. An
    acronym with no such twin ("PGRI") stays."""
    written: dict[str, list[str]] = defaultdict(list)
    for name in counts:
        written[name.lower()].append(name)
    for forms in written.values():
        ordinary = sorted((n for n in forms if not n.isupper()), key=lambda n: (-counts[n], n))
        if len(forms) < 2 or not ordinary:
            continue
        for name in forms:
            if name.isupper():
                counts[ordinary[0]] += counts.pop(name)
                seen = [first_seen.pop(n) for n in (name, ordinary[0]) if n in first_seen]
                if seen:
                    first_seen[ordinary[0]] = min(seen)


def _drop_opening_words(
    counts: Counter[str], first_seen: dict[str, int], names: set[str], lowercase: frozenset[str]
) -> None:
    """Take the first word off names only ever seen opening a sentence when the article
    also writes that word in lower case: "Warga Waingapu berhamburan" names Waingapu, and
    "warga" is an ordinary word ("residents") capitalised by the sentence. An organisation's
    or place's word ("Museum", "Pasar") stays: it is the name's own."""
    for name in sorted(names & counts.keys()):  # not those split or folded already
        first, _, rest = name.partition(" ")
        if not rest or first.lower() not in lowercase or any(w.islower() for w in rest.split()):
            continue  # "Office of Management": a connector makes it an organisation's name
        if first.lower() in _NAMING_WORDS:
            continue  # "Museum Nasional Indonesia", "Pasar Kosambi": the word makes the name
        rest = " ".join(_strip_titles(rest.split()))
        count, seen = counts.pop(name), first_seen.pop(name)
        if rest and rest.lower() not in NOT_NAMES:
            counts[rest] += count
            first_seen[rest] = min(first_seen.get(rest, seen), seen)


_RunParts = tuple[str, tuple[str, ...] | None, tuple[str, ...], str, bool, bool]


def _run_parts(words: list[str], abbreviations: Mapping[str, tuple[str, ...]]) -> _RunParts:
    """Return what a run of capitalised words gives: the place in front ("" if none), the
    role it names when the rest is a place (else None), the role's key, the name ("" if
    none), whether the name is one word and whether a title stood before it."""
    k = _head_title_at(words)
    prefix = words[:k] if k is not None else []
    while prefix and prefix[-1].lower() in TITLE_WORDS:  # "Greek Prime Minister": "Greek"
        prefix = prefix[:-1]
    stripped = _strip_titles(words)
    titled = len(stripped) < len(words) or k is not None
    role = _role(words[: len(words) - len(stripped)], abbreviations)
    place, words = split_place_prefix(stripped)
    if not place and len(prefix) == 1 and prefix[0].lower() not in _TITLE_OR_STOP:
        place = prefix  # "Greek Prime Minister X", "Qeshm Governor Y": where they are from
    words = _strip_titles(words)
    name = " ".join(words)
    place_role = None
    if role and not place and name.lower() in PLACE_NAMES:
        place_role = _role_key(role, words)
    return " ".join(place), place_role, _role_key(role, place), name, len(words) == 1, titled


_ABBREVIATION = re.compile(r"((?:[A-Z][\w-]*\s+){1,5})\(([A-Z][\w-]{2,})\)")


def _title_abbreviations(texts: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Return the title abbreviations an article defines: "Menteri Luar Negeri (Menlu)"
    gives "menlu" → ("menteri", "luar", "negeri")."""
    found: dict[str, tuple[str, ...]] = {}
    for text in texts:
        if "(" not in text:
            continue
        for m in _ABBREVIATION.finditer(text):
            words = m.group(1).split()
            while words and words[0].lower() not in TITLE_WORDS:
                words = words[1:]
            if words and all(w.lower() in TITLE_WORDS for w in words):
                found[m.group(2).lower()] = tuple(w.lower() for w in words)
    return found


def _role(titles: Sequence[str], abbreviations: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Return a run's leading title words, abbreviations spelled out."""
    words = [w.lower() for w in titles if w.lower() in TITLE_WORDS]
    return tuple(part for w in words for part in abbreviations.get(w, (w,)))


def _role_key(titles: tuple[str, ...], place: Sequence[str]) -> tuple[str, ...]:
    """Return the key of a role ("menteri pertahanan" + "rusia"), or () when it is too vague
    to stand for one person: a bare "Menteri" or "President" without a country."""
    if not titles or (len(titles) < 2 and not place):
        return ()
    return (*titles, *(w.lower() for w in place))


def _fold_aliases(
    counts: Counter[str], first_seen: dict[str, int], lowercase: frozenset[str]
) -> list[Name]:
    """Fold each name into the unique longer name that contains all its words.

    A known place stays itself: "Rusia" is not short for "Federasi Rusia".
    """
    containing: dict[str, list[str]] = defaultdict(list)
    names = sorted(counts, key=lambda n: (-len(n.split()), n))
    words_of = {name: name.split() for name in names}
    # Only a name holding the short name's first word can contain it: look those up.
    holding: dict[str, list[str]] = defaultdict(list)
    for name in names:
        for word in dict.fromkeys(words_of[name]):
            holding[word].append(name)
    for short in names:
        short_words = words_of[short]
        for long in holding[short_words[0]] if short_words else names:
            long_words = words_of[long]
            if len(long_words) > len(short_words) and _is_subsequence(short_words, long_words):
                containing[short].append(long)
    merged: Counter[str] = Counter()
    for name in names:
        targets = [] if name.lower() in PLACE_NAMES else containing.get(name, [])
        longest = [t for t in targets if not containing.get(t)]
        target = longest[0] if len(longest) == 1 else name
        merged[target] += counts[name]
        first_seen[target] = min(first_seen[target], first_seen[name])
    ordered = sorted(merged, key=lambda n: (-merged[n], first_seen[n], n))
    return [Name(n, name_kind(n, lowercase), merged[n], first_seen[n]) for n in ordered]


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))
