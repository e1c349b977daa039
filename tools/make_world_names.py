"""Write digest/data/world-names.txt: the English spelling of Indonesian place names.

Countries and territories come from the Unicode CLDR data (via Babel: `pip install babel`),
the rest (demonyms, news abbreviations, capitals, international bodies) from EXTRA below.
Run once when the list should change: `python tools/make_world_names.py`.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel import Locale

# The English form an Indonesian name folds to, where CLDR's English name is not the news's.
CANONICAL = {"türkiye": "turkey", "czechia": "czech republic", "myanmar (burma)": "myanmar"}

EXTRA = """
# Other Indonesian spellings and abbreviations
korut = north korea
korsel = south korea
cina = china
rrt = china
perancis = france
inggris = united kingdom
britania raya = united kingdom
turki = turkey
ceko = czech republic
uea = united arab emirates
pbb = united nations
perserikatan bangsa-bangsa = united nations
uni eropa = european union
bank dunia = world bank
dana moneter internasional = imf
organisasi kesehatan dunia = world health organization
mahkamah internasional = international court of justice
mahkamah pidana internasional = international criminal court
dewan keamanan = security council
gedung putih = white house
# Regions
eropa = europe
afrika = africa
amerika latin = latin america
timur tengah = middle east
asia tenggara = southeast asia
asia pasifik = asia pacific
laut china selatan = south china sea
laut cina selatan = south china sea
laut tiongkok selatan = south china sea
semenanjung korea = korean peninsula
# Capitals and cities with their own Indonesian spelling
moskow = moscow
kiew = kyiv
peking = beijing
den haag = hague
jenewa = geneva
wina = vienna
roma = rome
athena = athens
kairo = cairo
yerusalem = jerusalem
teheran = tehran
bagdad = baghdad
damaskus = damascus
tepi barat = west bank
jalur gaza = gaza strip
kota vatikan = vatican city
hongkong = hong kong
mekah = mecca
makkah = mecca
madinah = medina
# Indonesia's provinces and regions, as English news names them
sumatera = sumatra
jawa = java
dki jakarta = jakarta
daerah khusus jakarta = jakarta
jakarta pusat = central jakarta
daerah istimewa yogyakarta = yogyakarta
kepulauan riau = riau islands
kepri = riau islands
kepulauan bangka belitung = bangka belitung islands
papua pegunungan = highland papua
kepulauan seribu = thousand islands
# Indonesia's state bodies, as English news names them ("the House of Representatives",
# "the Corruption Eradication Commission (KPK)"); an abbreviation English news keeps as it
# is (KPK, KPU, OJK, BNPB, TNI) is left alone. A ministry only by its Indonesian short form
# ("Kemlu"): "Kementerian Luar Negeri" may be any country's
dewan perwakilan rakyat = house of representatives
dpr = house of representatives
majelis permusyawaratan rakyat = people's consultative assembly
mpr = people's consultative assembly
dewan perwakilan daerah = regional representative council
komisi pemberantasan korupsi = corruption eradication commission
komisi pemilihan umum = general elections commission
badan pengawas pemilu = elections supervisory agency
badan nasional penanggulangan bencana = national disaster management agency
badan meteorologi klimatologi dan geofisika = meteorology climatology and geophysics agency
badan pencarian dan pertolongan = search and rescue agency
otoritas jasa keuangan = financial services authority
lembaga penjamin simpanan = deposit insurance corporation
badan pusat statistik = statistics indonesia
badan pemeriksa keuangan = supreme audit agency
badan keamanan laut = maritime security agency
badan pengawas obat dan makanan = food and drug monitoring agency
mahkamah konstitusi = constitutional court
mahkamah agung = supreme court
kejaksaan agung = attorney general's office
kepolisian negara republik indonesia = national police
polri = national police
tentara nasional indonesia = indonesian military
kemlu = foreign ministry
kemenlu = foreign ministry
kemenkeu = finance ministry
kemhan = defence ministry
kemenhan = defence ministry
kemendagri = home affairs ministry
kemenkes = health ministry
kemenperin = industry ministry
kemendag = trade ministry
kementan = agriculture ministry
kemenhub = transportation ministry
kemenag = religious affairs ministry
kemnaker = manpower ministry
kemenaker = manpower ministry
kemensos = social affairs ministry
# One country's two English names ('Türkiye' in one English report, 'Turkey' or 'Turki' in another)
türkiye = turkey
turkiye = turkey
czechia = czech republic
burma = myanmar
swaziland = eswatini
"""

# Indonesian places named by their part of a larger one ("Jawa Barat", "Lombok Timur"), which
# English news names compass first ("West Java", "East Lombok"): each base below with each
# compass word. Bases: islands, provinces and regencies or cities that are split this way.
COMPASS = {
    "utara": "north",
    "selatan": "south",
    "timur": "east",
    "barat": "west",
    "tengah": "central",
    "tenggara": "southeast",
    "barat daya": "southwest",
    "barat laut": "northwest",
    "timur laut": "northeast",
}
COMPASS_BASES = {
    "jawa": "java",
    "sumatera": "sumatra",
    "sulawesi": "sulawesi",
    "kalimantan": "kalimantan",
    "nusa tenggara": "nusa tenggara",
    "papua": "papua",
    "maluku": "maluku",
    "jakarta": "jakarta",
    "bandung": "bandung",
    "lombok": "lombok",
    "sumba": "sumba",
    "aceh": "aceh",
    "timor": "timor",
    "flores": "flores",
    "halmahera": "halmahera",
    "seram": "seram",
    "kutai": "kutai",
    "manggarai": "manggarai",
    "lampung": "lampung",
    "tangerang": "tangerang",
    "tapanuli": "tapanuli",
    "nias": "nias",
    "minahasa": "minahasa",
    "konawe": "konawe",
    "buton": "buton",
    "bolaang mongondow": "bolaang mongondow",
    "ogan komering": "ogan komering",
    "labuhanbatu": "labuhanbatu",
    "pesisir": "pesisir",
}


def main() -> None:
    english, indonesian = Locale("en").territories, Locale("id").territories
    pairs: dict[str, str] = {}
    for code, name in sorted(english.items()):
        if not re.fullmatch(r"[A-Z]{2}", code) or code not in indonesian:
            continue
        canonical = CANONICAL.get(name.lower(), name.lower())
        local = indonesian[code].lower()
        if "(" in local or " - " in local or "&" in canonical or "(" in canonical:
            continue
        if local != canonical:
            pairs[local] = canonical
    for base, english_base in COMPASS_BASES.items():
        for compass, english_compass in COMPASS.items():
            pairs.setdefault(f"{base} {compass}", f"{english_compass} {english_base}")
    lines = [
        "# Indonesian names of places and international bodies -> their English name, folded",
        "# before clustering compares words and names, so an Indonesian and an English report",
        "# share them ('Korea Utara' = 'North Korea'). English text is left as it is. Generated",
        "# by tools/make_world_names.py: countries and territories from the Unicode CLDR data",
        "# (Unicode licence), the rest written by us.",
        "# variant = canonical",
        *(f"{variant} = {canonical}" for variant, canonical in sorted(pairs.items())),
        EXTRA.strip(),
    ]
    out = Path(__file__).resolve().parent.parent / "digest" / "data" / "world-names.txt"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out} ({len(pairs)} CLDR pairs)")


if __name__ == "__main__":
    main()
