"""Which step of a known sequence of happenings a report is about: a trial's charges,
hearing of witnesses, prosecutors' demand and verdict; two governments' talks and the
signing of an agreement; an election's vote, its official result and the swearing-in; an
incident the police work on and the suspects' arrest on a later day; a share offering
priced and its first day of trading; a merger announced, approved by the shareholders and
cleared by the competition authority; a ceasefire agreed, signed and breached; a suspension
or ban and its lifting; drugs seized and destroyed; a crew detained and freed; which game a
sports report is about, by its final score and round; which session a market report is
about, by its move; what kind of happening (`ACTIONS`) or disaster (`DISASTERS`) a
headline names; and an official's visit to a disaster's place (`VISIT`).

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
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from digest.dates import MONTHS
from digest.text import split_sentences
from digest.yearless import place_only


@dataclass(frozen=True)
class StepSequence:
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
    dated: bool = False
    """Its steps are two happenings only on two different days: a shooting and the gunman's
    arrest that evening are one event, the owner's arrest three days after a fire another."""
    in_headline: bool = False
    """Its setting counts only in the headline: a suspension lifted is the news only where
    the headline says so, not where a report of a shooting says the gunman "had been
    suspended"."""


def _words(forms: str) -> re.Pattern[str]:
    """Return the pattern of any of the space-separated `forms` as a word ("_" for a space
    inside one: "quick_count")."""
    alternatives = (form.replace("_", r"\s+") for form in forms.split())
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


_SEIZED = _words(
    "ditahan(?!_imbang) disandera menyandera diculik menculik seized seizes detained detains "
    "captured kidnapped abducted held_(?:by|over|in|captive|hostage)"
)
_FREED = _words(
    r"dibebaskan membebaskan bebaskan bebas_dari_tahanan akhirnya_bebas bebas_(?:lewat|dengan) "
    r"freed frees free(?=\s+\d) walk_free"
)
_HOME = _words(
    r"pulang dipulangkan tiba_di_tanah_air sambut disambut reunited returns?_home repatriated "
    r"welcomed_home"
)
_CUSTODY = re.compile(f"{_SEIZED.pattern}|{_FREED.pattern}", re.IGNORECASE)
"""A crew or hostages seized or detained, their release, and their homecoming are three
happenings: days or weeks apart, with the same people, the same captors and the same
background ("Kidnapped tanker crew freed in Nigeria", "Four sailors held by pirates return
home")."""

_ENVOY_SUMMONED = (
    r"(?:summons|summoned|summoning)_(?:\w+_){0,3}(?:envoy|ambassador|charg\w+) "
    r"(?:panggil|memanggil|dipanggil)_(?:\w+_){0,3}(?:dubes|duta_besar|kuasa_usaha)"
)
"""An envoy summoned (`_words` forms): a diplomatic protest's setting and its first step."""


_TRADING_DAY = "melantai first_day_of_trading hari_pertama_(?:perdagangan|melantai|diperdagangkan)"
"""`_words` forms of a listed share's first day of trading: a share offering's setting and
its last step."""


SEQUENCES = (
    StepSequence(
        "strike",
        _words(
            r"buruh pekerja guru serikat_(?:\w+_)?pekerja karyawan pegawai sopir TKBM dokter "
            r"perawat pilot workers dockworkers teachers employees unions? truckers drivers "
            r"doctors nurses pilots staff"
        ),
        ("strike", "strike's end"),
        (
            _words(
                r"mogok pemogokan (?<!air\s)(?<!drone\s)(?<!missile\s)strikes?"
                r"(?!_(?:a|an|the|partial|deals?|truces?|pacts?|agreements?|on)\b) striking "
                r"walk_out walkout walks_out walked_out"
            ),
            _words(
                r"mogok_(?:\w+_){0,3}(?:berakhir|dihentikan|dicabut|selesai) "
                r"(?:akhiri|mengakhiri|diakhiri|hentikan|menghentikan|cabut|mencabut|batalkan|"
                r"membatalkan)_(?:\w+_){0,2}mogok batal_mogok "
                r"(?<!-)(?:ends?|ended|ending|suspends?|suspended|suspending|calls?_off|called_off)_"
                r"(?:\S+_){0,3}strike strike_is_over strike_over(?!\s+\w) strike_ends "
                r"back_to_work returns?_to_work"
            ),
        ),
        dated=True,
    ),
    StepSequence(
        "trial",
        _words(
            "court courts judges? prosecutors? prosecution defendant trial pengadilan "
            "hakim jaksa JPU penuntut terdakwa sidang persidangan majelis tipikor jury juri "
            "didakwa dakwaan eksepsi pledoi pleidoi replik duplik vonis divonis memvonis bersaksi "
            r"^saksi(?!\s+mata) saksi_ahli keterangan_(?:\w+_)?saksi sidang_(?:\w+_)?saksi "
            "verdict sentenced dituntut_(?:\\w+_){0,3}(?:penjara|bui|kurungan|hukuman|pidana|mati) "
            "on_trial courthouse acquittal"
        ),
        (
            "trial's charges",
            "trial's exception",
            "trial's interlocutory ruling",
            "trial's hearing of witnesses",
            "trial's demand",
            "trial's defence plea",
            "trial's replies",
            "trial's jury verdict",
            "trial's verdict",
            "trial's appeal",
        ),
        (
            _words(
                "charged indicted indictment arraigned didakwa (?<!dari\\s)dakwaan mendakwa dakwa "
                "sidang_perdana first_hearing opening_hearing (?:goes|go|went|gone)_on_trial "
                "(?:opens|opened|opening)_(?:the_)?trial(?!s) trial_(?:opens|opened) "
                "pleads?_not_guilty pleaded_not_guilty"
            ),
            _words("eksepsi nota_keberatan"),
            _words(
                "putusan_sela interlocutory (?:tolak|menolak|terima|menerima|kabulkan|"
                "mengabulkan)_(?:\\w+_){0,3}eksepsi eksepsi_(?:\\w+_){0,3}(?:ditolak|diterima|"
                "dikabulkan)"
            ),
            _words(
                "testified testify testifies testifying testimony witness witnesses saksi "
                "kesaksian bersaksi"
            ),
            _words(
                "seeks? sought demands? demanded tuntut dituntut menuntut "
                "(?<!dari\\s)(?<!segala\\s)tuntutan "
                "(?:minta|meminta)_(?:\\w+_){0,5}(?:dihukum|divonis|dijatuhi|dipenjara)"
            ),
            _words(
                "pledoi pleidoi nota_pembelaan (?:menyampaikan|sampaikan|membacakan|bacakan|"
                "isi)_(?:\\w+_){0,2}pembelaan closing_arguments "
                "(?:minta|meminta|memohon|mohon)_(?:\\w+_){0,3}(?:dibebaskan|membebaskan|bebaskan) "
                "(?:pleads?|pleaded|pleading)_for_(?:\\w+_){0,2}acquittal"
            ),
            _words("replik duplik"),
            _words(
                "jury_(?:\\w+_){0,4}(?:guilty|convicted|convicts|acquitted|acquits|verdict) "
                "juri_(?:\\w+_){0,8}bersalah guilty_verdict"
            ),
            _words(
                "sentenced sentences_(?:\\S+_){1,4}to jails jailed convicted convicts acquitted "
                "acquits verdict vonis divonis memvonis dihukum menghukum dibebaskan membebaskan "
                "diganjar dipenjara dijatuhi_(?:\\w+_){0,2}(?:hukuman|pidana|vonis|putusan) "
                "(?:jatuhkan|menjatuhkan)_(?:\\w+_){0,3}(?:hukuman|pidana|putusan|vonis) "
                "hakim_(?:\\w+_){0,2}hukum putus(?:an)?_(?:lepas|bebas) "
                "(?:lepas|lolos)_dari_(?:segala_)?tuntutan dari_segala_tuntutan "
                "(?:hakim|majelis|pengadilan|PN)_(?:\\w+_){0,3}(?:lepaskan|melepaskan|bebaskan) "
                "(?:court|judges?|jury|hakim|pengadilan)_(?:\\w+_){0,3}(?:frees|freed|releases|"
                "released|clears|cleared|fines|fined|mendenda) "
                "gets?_(?:\\S+_){0,3}(?:years?|months?|days?)_(?:in_)?(?:jail|prison) "
                "suspended_(?:jail_|prison_)?(?:term|sentence)"
            ),
            _words(
                "(?<!langsung\\s)(?<!nyatakan\\s)(?<!menyatakan\\s)banding kasasi appealed "
                "appeals?_court court_of_appeals? "
                "(?:files?|filed|lodges?|lodged|launch(?:es|ed)?)_(?:an_)?appeal "
                "(?<!to\\s)appeals?_(?:against_)?(?:the_)?(?:\\S+_){0,2}"
                "(?:verdict|sentences?|ruling|conviction|acquittal)"
            ),
        ),
    ),
    StepSequence(
        "diplomatic protest",
        _words(
            r"nota_protes nota_diplomatik protest_note diplomatic_protest diplomatic_note "
            rf"{_ENVOY_SUMMONED} (?:lodges?|lodged|lodging)_(?:\w+_){{0,2}}protest "
            r"(?:tolak|menolak|ditolak|rejects?|rejected|rejecting|reply|replies|replied|"
            r"response|responds?|responded)_(?:\w+_){0,4}(?:nota_)?(?:protes|protest)"
        ),
        ("protest lodged", "protest answered"),
        (
            _words(
                rf"{_ENVOY_SUMMONED} (?:lodges?|lodged|hands?|handed|delivers?|delivered|sends?|"
                r"sent|files?|filed)_(?:\w+_){0,3}(?:protest|note) (?:layangkan|melayangkan|"
                r"serahkan|menyerahkan|sampaikan|menyampaikan|kirim|mengirim|kirimkan|"
                r"mengirimkan)_(?:\w+_){0,3}nota_(?:protes|diplomatik)"
            ),
            _words(
                r"(?:tolak|menolak|ditolak|rejects?|rejected|rejecting|dismiss(?:es|ed|ing)?)_"
                r"(?:\w+_){0,4}(?:nota_)?(?:protes|protest|protests|note) "
                r"(?:reply|replies|replied|replying|response|responds?|responded|answers?|"
                r"answered)_(?:\w+_){0,4}(?:protes|protest|note) "
                r"(?:balas|membalas|tanggapi|menanggapi|jawab|menjawab)_(?:\w+_){0,3}"
                r"(?:nota_)?protes nota_balasan"
            ),
        ),
    ),
    StepSequence(
        "merger",
        _words(
            "merge mergers? merging penggabungan peleburan melebur akuisisi mengakuisisi "
            "acquisition acquire acquires takeover caplok mencaplok"
        ),
        ("merger's announcement", "merger's shareholder vote", "merger's clearance"),
        (
            _words(
                "to_(?:absorb|merge|acquire|buy) would_(?:absorb|merge|acquire|buy) "
                "agreed_to_(?:merge|acquire|buy) akan_(?:\\w+_){0,2}(?:melebur|penggabungan|"
                "merger|mengakuisisi|akuisisi|bergabung) gabung bergabung "
                "untuk_(?:mengakuisisi|melebur) (?:teken|meneken|menandatangani|signs?|signed)_"
                "(?:\\w+_){0,3}(?:perjanjian|agreement|deal)"
            ),
            _words(
                "RUPS RUPSLB EGM rapat_umum_pemegang_saham pemegang_saham_(?:\\w+_){0,3}"
                "(?:setujui|menyetujui|restui|merestui) shareholders_(?:\\w+_){0,2}"
                "(?:approve|approved|back|backed|vote|voted)"
            ),
            _words(
                "KPPU antitrust (?:competition|persaingan)_(?:commission|watchdog|regulator|"
                "authority|usaha) clears cleared"
            ),
        ),
        # a government acquiring arms: its talks and the contract are the talks sequence
        apart_from=_words(
            "jets? fighters? warships? submarines? frigates? helicopters? missiles? weapons? "
            "arms alutsista pesawat_tempur kapal_selam fregat rudal senjata"
        ),
    ),
    StepSequence(
        "talks",
        _words(
            "ministers? minister's menteri menlu menhan president presiden prime_minister "
            "heads?_of_state kepala_negara kapolri kapolda panglima police_chiefs? "
            "kepala_kepolisian "
            "governors? gubernur pemprov rakor rapat_koordinasi "
            "foreign luar_negeri bilateral delegation delegasi counterpart ambassador duta_besar "
            "memorandums? MoU pacts? agreements? treaty perjanjian kesepakatan nota_kesepahaman "
            "contracts? kontrak "
            "mergers? penggabungan akuisisi acquisitions? takeover "
            # two countries joined in a headline: "RI-Kroasia Bahas ...", "Indonesia-Suriname"
            # (case kept: "Indonesia-based" is no second country)
            "(?-i:(?:RI|Indonesia)[-–][A-Z][a-z]+)"
        ),
        ("meeting", "signing"),
        (
            _words(
                "meets? met meeting talks bertemu pertemuan temui menemui bahas membahas "
                "discuss discussed berbincang rakor rapat_koordinasi dialog dialogue "
                "konsultasi consultations? agree agreed agrees sepakat bersepakat "
                "menerima_kunjungan menerima_delegasi kunjungan_kehormatan courtesy_call "
                "audiensi beraudiensi hosted "
                "hosts_(?:\\S+_){0,2}(?:counterparts?|ministers?|delegation|president|leaders?) "
                "receive[sd]_(?:the_|his_|her_|its_|a_)?(?:visiting_)?(?:[A-Z]\\S*_)?(?:visit|"
                "delegation|counterparts?|president|prime_minister|ministers?|king|queen) "
                "(?:menerima|terima)_(?:kunjungan|delegasi|presiden|perdana_menteri|menteri|menlu|"
                "raja|ratu|dubes|duta_besar)"
            ),
            _words(
                r"signs? signed signing teken diteken meneken menandatangani ditandatangani "
                r"penandatanganan tandatangani inks? inked "
                r"seal(?:s|ed)?_(?:\S+_){0,4}(?:deals?|pacts?|agreements?|package|accord|MoU)"
            ),
        ),
        _words(
            "forum summit KTT konferensi conference ministerial kongres congress muktamar "
            "declaration deklarasi"
        ),
    ),
    StepSequence(
        "ceasefire",
        _words("ceasefire cease-fire truce gencatan_senjata jeda_kemanusiaan"),
        ("ceasefire's agreement", "ceasefire's signing", "ceasefire's breach"),
        (
            _words(
                "agree agreed agrees agreement deal reached sepakat sepakati disepakati "
                "menyepakati kesepakatan tercapai"
            ),
            _words(
                "sign signs signed signing teken diteken meneken menandatangani "
                "ditandatangani penandatanganan tandatangani"
            ),
            _words(
                "breach breached breaches violation violations violated violate pelanggaran "
                "melanggar dilanggar shelling shelled shells attack attacked serangan "
                "menyerang penembakan collapse collapsed runtuh"
            ),
        ),
    ),
    StepSequence(
        "suspension",
        _words(
            "suspensi disuspensi suspend suspends suspension halt halts halted trading_halt "
            "larangan ban bans moratorium jam_malam curfew lockdown embargo block blokir "
            "blokiran pemblokiran akses bandara airports? penerbangan flights "
            "one[-\\s]+way contraflow ganjil[-\\s]+genap"
        ),
        ("suspension or ban", "suspension or ban lifted"),
        (
            _words(
                "suspensi disuspensi menyuspensi suspend suspends suspended suspension halt "
                "halts halted hentikan dihentikan menghentikan larang dilarang melarang ban "
                "bans banned imposes imposed berlakukan memberlakukan diberlakukan blokir "
                "diblokir memblokir blocks blocked ditutup closed closes shut shuts"
            ),
            _words(
                "cabut dicabut mencabut pencabutan lift lifts lifted lifting resume resumes "
                "resumed kembali_diperdagangkan dibuka_kembali dibuka_lagi kembali_dibuka reopen "
                "reopens "
                "reopened unblocked ends_(?:\\w+_){0,2}(?:ban|suspension|curfew|lockdown) "
                "buka_blokir membuka_blokir dibuka_blokirnya diakses_(?:lagi|kembali) "
                "normalisasi_akses akses_dipulihkan pulihkan_akses dibuka_dari_suspensi "
                "suspensi_(?:\\w+_){0,3}dibuka longgarkan melonggarkan dilonggarkan "
                "eases?_(?:\\w+_){0,3}(?:ban|curbs?|restrictions?|suspension|curfew|lockdown)"
            ),
        ),
        in_headline=True,
    ),
    StepSequence(
        "share offering",
        _words(
            f"IPO initial_public_offering penawaran_umum_perdana bookbuilding {_TRADING_DAY} "
            "debut_di_bursa (?:trading|market|stock_market|share|bourse)_debut"
        ),
        ("share offering's price", "share offering's first trading day"),
        (
            _words(
                "prices priced pricing bookbuilding oversubscribed harga_(?:final|IPO|penawaran) "
                "(?:tetapkan|menetapkan|ditetapkan|patok|mematok|dipatok)_(?:\\w+_){0,3}harga "
                "harga_(?:\\w+_){0,3}(?:dipatok|ditetapkan)"
            ),
            _words(f"debut debuts debuted pencatatan_perdana {_TRADING_DAY}"),
        ),
    ),
    StepSequence(
        "company",
        _words("Tbk PT emiten company company's firm maker produsen perusahaan"),
        ("company's results", "market's reaction"),
        (
            _words(
                "profit profits earnings revenue laba pendapatan membukukan net_income "
                "quarterly kuartal"
            ),
            # "pemegang saham" are the shareholders, not the market's shares
            _words("shares stock (?<!pemegang\\s)saham ARB ARA brokers brokerages sekuritas"),
        ),
    ),
    StepSequence(
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
                "declared declares certified official_results? wins?_(?:\\w+_){0,2}(?:count|tally) "
                "rekapitulasi tetapkan ditetapkan "
                "menetapkan penetapan pleno final_results? final_(?:vote_)?count final_tally "
                "seat_count hasil_akhir hasil_resmi results?_confirmed "
                "confirms_(?:\\w+_){0,2}results?"
            ),
            _words("sworn inaugurated inauguration dilantik melantik pelantikan"),
        ),
    ),
    StepSequence(
        "drugs",
        _words(
            "sabu sabu-sabu narkoba narkotika meth methamphetamine metamfetamina syabu ganja "
            "cannabis marijuana cocaine kokain heroin ekstasi ecstasy drugs narcotics"
        ),
        ("drugs seized", "seized drugs destroyed"),
        (
            _words(
                "seize seizes seized seizure sita disita menyita gagalkan digagalkan "
                "menggagalkan ditangkap tangkap menangkap arrest arrested arrests bust busted "
                "intercept intercepted diamankan diringkus dibekuk ungkap mengungkap"
            ),
            _words(
                "musnahkan memusnahkan dimusnahkan pemusnahan destroy destroys destroyed "
                "incinerate incinerates incinerated"
            ),
        ),
    ),
    StepSequence(
        "police",
        _words(
            "police polisi polda polres polsek polresta polrestabes kepolisian officers? "
            "detectives? investigators? penyidik"
        ),
        ("deadly or criminal incident", "suspects' arrest or naming"),
        (
            _words(
                "killed kills killing dead died dies death deaths tewas meninggal menewaskan "
                "injured injuring terluka fire blaze kebakaran terbakar explosion exploded "
                "ledakan meledak collapse collapsed collapses longsor ambruk runtuh shooting "
                "shootings shot penembakan ditembak tertembak stabbing stabbed penusukan "
                "ditusuk stolen stole theft heist robbery robbed pencurian dicuri perampokan "
                "dirampok"
            ),
            _words(
                r"arrest arrests arrested detain detains detained nab nabs nabbed custody "
                r"ditangkap menangkap tangkap dibekuk membekuk diringkus meringkus diamankan "
                r"ditahan(?!_imbang) sebagai_tersangka "
                r"named_(?:[\w-]+_){0,8}suspects? names?_(?:[\w-]+_){0,8}suspects? jadi_tersangka "
                r"(?:tetapkan|menetapkan|ditetapkan)_(?:[\w-]+_){0,4}tersangka"
            ),
        ),
        dated=True,
    ),
    StepSequence(
        "prosecution",
        _words(
            "kejati kejari kejaksaan jaksa KPK prosecutors? prosecution attorney's "
            "attorney_general anti-graft antikorupsi"
        ),
        ("suspects named", "suspects detained", "pretrial ruling"),
        (
            _words(
                r"tersangka tetapkan menetapkan ditetapkan named_suspects? named_as_suspects? "
                r"names?_(?:\w+_){0,3}suspects?"
            ),
            _words("ditahan tahan menahan penahanan detain detains detained custody"),
            _words(
                r"(?:tolak|menolak|ditolak|rejects?|rejected|dismiss(?:es|ed)?)_(?:\w+_){0,3}"
                r"(?:praperadilan|pretrial|pre-trial) praperadilan pretrial pre-trial"
            ),
        ),
        dated=True,
    ),
    StepSequence(
        "custody",
        _CUSTODY,
        ("seizure or detention", "release", "homecoming"),
        (_SEIZED, _FREED, _HOME),
        in_headline=True,
    ),
    StepSequence(
        "appointment",
        _words(
            r"fit_and_proper uji_kelayakan deputy_governor deputi_gubernur DGBI nominee nominees "
            r"calon_kapolri kapolri calon_panglima panglima_TNI police_chief armed_forces_chief"
        ),
        ("nominee's vetting", "committee's vote", "plenary's approval"),
        (
            _words(
                r"fit_and_proper uji_kelayakan dicecar hearing vetting jalani_(?:\w+_){0,2}test"
            ),
            _words(
                r"voting pilih memilih terpilih picks? picked elects? elected vote votes "
                r"komisi_(?:\w+_){0,2}(?:setujui|menyetujui) (?:committee|commission|panel)_"
                r"(?:\w+_){0,2}(?:endorses|endorsed|approves|approved|backs|backed)"
            ),
            _words(
                r"paripurna_(?:\w+_){0,2}(?:setujui|menyetujui|tetapkan|sahkan) "
                r"(?<![\dIVX]\s)DPR_(?:\w+_){0,2}(?:setujui|menyetujui|tetapkan) "
                r"(?:house|parliament|plenary)_(?!(?:commission|committee|panel)\b)"
                r"(?:\w+_){0,2}(?:endorses|endorsed|approves|approved|confirms|confirmed)"
            ),
        ),
    ),
    StepSequence(
        "bill",
        _words(
            r"RUU UU undang-undang bills? law laws legislation legislative panja paripurna "
            r"plenary"
        ),
        (
            "bill's deliberation",
            "bill's adoption as the House's initiative",
            "bill's committee approval",
            "bill's passage",
        ),
        (
            _words(
                r"DIM daftar_inventarisasi_masalah bentuk_panja membentuk_panja RDPU "
                r"rapat_dengar_pendapat dengar_pendapat hearing hearings deliberat\w* "
                r"harmonisasi harmonization harmonisation"
            ),
            _words(
                r"usul_inisiatif usulan_inisiatif inisiatif_DPR RUU_inisiatif "
                r"(?:as|its)_(?:own_)?initiative own_initiative House_initiative "
                r"initiative_bill"
            ),
            _words(
                r"tingkat_(?:I|1|satu) (?:di)?bawa_(?:\w+_){0,5}ke_(?:rapat_)?paripurna "
                r"committee_(?:\w+_){0,2}"
                r"(?:clears|cleared|approves|approved|endorses|endorsed) "
                r"(?:panja|komisi_(?:\w+_){0,2})(?:setujui|menyetujui|sepakati|ketok_palu) "
                r"ketok_palu_di_komisi"
            ),
            _words(
                r"sahkan disahkan mengesahkan pengesahan passes passed diundangkan "
                r"jadi_(?:undang-undang|UU) becomes?_law became_law new_law aklamasi"
            ),
        ),
    ),
)
DATED_STEPS = frozenset(s.name for s in SEQUENCES if s.dated)
"""Sequences whose steps differ only between reports of different days (`StepSequence.dated`)."""


MATCH = "match"
"""A game's final score is its step: two reports of one club's games with different scores
are two games ("Persija menang 2-1" a week before "ditahan imbang 1-1")."""
_SPORT = _words(
    "match matches game games pertandingan laga derbi derby liga league menang kalah imbang "
    "draw drew beat beats won win wins defeat defeated tekuk menekuk taklukkan bungkam gol "
    "goals? skor score scored kekalahan kemenangan tumbang poin points winning mengalahkan "
    "kalahkan tumbangkan menumbangkan singkirkan menyingkirkan knocked_out knocks_out "
    "tournament turnamen singles tunggal_putra tunggal_putri ganda_putra ganda_putri "
    "ganda_campuran doubles badminton bulutangkis bulu_tangkis seeds seeded unggulan beating "
    "atletik athletics sprinter sprinters pelari lari_gawang hurdles maraton marathon "
    "jalan_cepat race_walk(?:er)? balapan pembalap riders? sirkuit circuit"
)
_SCORE = re.compile(
    r"(?<![\d/.,:–-])(\d{1,2}) ?[-–] ?(\d{1,2})(?![\d/:%–-]|[.,]\d)"
    r"(?!\s*(?:" + "|".join(map(re.escape, MONTHS)) + r")\b)",  # "21-22 Oktober": days
    re.IGNORECASE,
)


def final_score(text: str) -> int | None:
    """Return the first score a sports text gives, as one number (3-1 and 1-3: 1003), or None.

    >>> final_score("Persija Curi Tiga Poin di Markas Bali United, Menang 2-1")
    2001
    >>> final_score("Juku Eja mencuri satu poin lewat hasil imbang 1-1.")
    1001
    >>> final_score("RDG BI 21-22 Oktober 2025 menahan suku bunga") is None
    True
    """
    if not _SPORT.search(text):
        return None
    found = _SCORE.search(text)
    if found is None:
        return None
    low, high = sorted((int(found.group(1)), int(found.group(2))))
    return high * 1000 + low


MAGNITUDE = "magnitude"
"""An earthquake's magnitude is a step, in tenths: two quake reports whose magnitudes differ
by `MAGNITUDE_GAP` or more are two quakes (one island's quakes three years apart, with the
same towns and the same words). Agencies differ by a few tenths on one quake (BMKG's 6.2
beside USGS's 5.9); an aftershock's report is about the quake it follows and gives no step."""
MAGNITUDE_GAP = 5
_QUAKE = re.compile(r"\b(?:gempa|lindu|quakes?|earthquakes?|temblor)\b", re.IGNORECASE)
_AFTERSHOCK = re.compile(r"\b(?:susulan|aftershocks?)\b", re.IGNORECASE)
_MAGNITUDE = re.compile(
    r"\b(?:M|Mw|magnitudo|magnitude|berkekuatan)\s*-?\s*(\d(?:[.,]\d)?)\b(?![.,]?\d|\s*(?:km|persen|%))"
    r"|\b(\d[.,]\d)\s*-?\s*(?:magnitude|SR|skala\s+richter)\b",
    re.IGNORECASE,
)


def quake_magnitude(lead: str) -> int | None:
    """Return the magnitude, in tenths, of the quake a report's headline and first paragraph
    (`lead`) tell of, or None: none named, no quake, or an aftershock.

    >>> quake_magnitude("Gempa M6,4 Guncang Halmahera Barat, 4 Orang Meninggal Dunia")
    64
    >>> quake_magnitude("A strong 5.6-magnitude earthquake jolted Qeshm island")
    56
    >>> quake_magnitude("Strong aftershock rattles quake-hit North Tapanuli, M5.1") is None
    True
    """
    if _QUAKE.search(lead) is None or _AFTERSHOCK.search(lead.partition("\n")[0]):
        return None
    for found in _MAGNITUDE.finditer(lead):
        value = float((found.group(1) or found.group(2)).replace(",", "."))
        if 2.0 <= value <= 9.9:
            return round(value * 10)
    return None


ROUND = "round"
"""A tournament's round is a step: the semi-final and the final two days later are two games
with the same team, the same venue and the same words."""
_ROUNDS = (
    _words("quarter-finals? quarterfinals? quarter_finals? perempat_final perempatfinal"),
    _words("semi-finals? semifinals? semi_finals? semifinal semi-final semis"),
    re.compile(  # not "semi-final", nor an election's "final results" or a summit's "final day"
        r"(?<![-\w])(?<!semi )(?<!perempat )finals?\b(?!\s+(?:results?|count|tally|votes?|"
        r"elections?|day|report|decision|ruling|hearing|verdict|warning|figures?|list|deadline|"
        r"approval)\b)",
        re.IGNORECASE,
    ),
)
_ONWARD = re.compile(
    r"\b(?:ke|menuju|tiket|tempat|lolos|melaju|tembus|menembus|into|to|reach|reached|reaches|"
    r"for|set\s+up|face|faces|reaching|"
    r"meet|meets|play|plays|menghadapi|bertemu|jumpa|menantang|melawan|advance|advances|"
    r"advanced|progress|progressed)"
    r"(?:\s+(?:the|a|babak|laga|partai|[\w'’]+)){0,5}?\s+"
    r"(?P<to>semi[- ]?finals?|semifinal|semis|perempat\s*final|quarter[- ]?finals?|final|finals)\b",
    re.IGNORECASE,
)
"""The round a team goes on to ("melaju ke final", "into the AFF Futsal final") is not the
one the report is about; where the report names no other, it is the round before it."""
EARLIER_ROUND = len(_ROUNDS)
"""A round before the quarter-finals: one a report names ("second round", "babak 16 besar"),
or the one before the quarter-finals a team went on to."""
_EARLY = re.compile(
    r"\b(?:(?:first|second|third|opening)\s+round|round\s+of\s+(?:16|32|64)|"
    r"babak\s+(?:pertama|kedua|ketiga|(?:16|32|64)\s+besar)|"
    r"heats?(?![-\s]*(?:waves?|stroke|index)))\b",  # a sprint's heat, before its semi-final
    re.IGNORECASE,
)


def round_of(text: str) -> int | None:
    """Return the latest tournament round a sports text is about, not counting the round
    it says a team goes on to, or None.

    >>> round_of("Indonesia Tekuk Vietnam 3-2, Melaju ke Final Piala AFF pada laga semifinal")
    1
    >>> round_of("Indonesia beat Thailand 2-1 in the final")
    2
    >>> round_of("Late strike sends Indonesia into AFF final after 3-2 semi-final win")
    1
    >>> round_of("Indonesia beat Vietnam in the semi-final and face Thailand in Sunday's final")
    1
    >>> round_of("The final day of the summit") is None
    True
    """
    if not _SPORT.search(text):
        return None
    played = _ONWARD.sub(" ", text)
    named = [k for k, words in enumerate(_ROUNDS) if words.search(played)]
    if named:
        return named[-1]
    if _EARLY.search(played):
        return EARLIER_ROUND
    onward = _ONWARD.search(text)
    if onward is None:
        return None
    to = next(k for k, words in enumerate(_ROUNDS) if words.fullmatch(onward["to"]))
    return to - 1 if to else EARLIER_ROUND


RACE = "race"
"""A motor race's number on its weekend is a step: "Race 1" on Saturday and "Race 2" on
Sunday are two races of one class, at one circuit, with the same riders and words."""
_MOTORSPORT = _words(
    "balapan pembalap riders? racers? sirkuit circuit laps? motogp moto2 moto3 superbike "
    "supersport wsbk arrc formula_\\d f1 grand_prix podium pole_position"
)
_ORDINALS = {"1": 1, "2": 2, "3": 3, "pertama": 1, "pembuka": 1, "first": 1, "opening": 1,
             "kedua": 2, "second": 2, "ketiga": 3, "third": 3}  # fmt: skip
_RACE_NUMBER = re.compile(
    r"\brace\s*(?P<n>[123])\b|\b(?:balapan|race)\s+(?P<id>pertama|pembuka|kedua|ketiga)\b"
    r"|\b(?P<en>first|opening|second|third)\s+(?:(?-i:[A-Z0-9])[\w-]*\s+){0,3}race\b",
    re.IGNORECASE,
)


def race_number(text: str) -> int | None:
    """Return the number of the race a motorsport text is about ("Race 2", "balapan
    pembuka", "the first Supersport 600 race"), or None.

    >>> race_number("Galang Menang Race 1 SS600 dari Pole Position, pembalap Honda")
    1
    >>> race_number("Galang won the first Supersport 600 race at the Chang circuit")
    1
    >>> race_number("Ia dijatuhkan saat memimpin balapan kedua kelas SS600.")
    2
    >>> race_number("The second race of the presidential primaries") is None
    True
    >>> race_number("Shimazaki dropped to third place after the race on a tyre penalty") is None
    True
    """
    if not _MOTORSPORT.search(text):
        return None
    found = _RACE_NUMBER.search(text)
    if found is None:
        return None
    return _ORDINALS[(found["n"] or found["id"] or found["en"]).lower()]


MARKET = "market"
"""A market report is about one session, and the way its headline says the market moved is
its step: "IHSG ditutup menguat" on Monday and "IHSG berbalik melemah" on Tuesday are two
sessions in the same words."""
_MARKET = _words(
    "IHSG JCI index indeks stocks shares saham bursa rupiah currency dollar dolar yen ringgit "
    "yuan bonds obligasi yields"
)
_DIRECTION = re.compile(
    r"\b(?:(?P<up>naik|menguat|melonjak|melesat|meroket|rebound|berbalik_menguat|jump|jumps|"
    r"jumped|rise|rises|rose|gain|gains|gained|climb|climbs|climbed|rally|rallies|rallied|"
    r"rebounds|rebounded|strengthens|strengthened|firms|firmed|up)"
    r"|(?P<down>turun|melemah|terkoreksi|anjlok|ambles|merosot|tergelincir|terjun|slip|slips|"
    r"slipped|fall|falls|fell|drop|drops|dropped|decline|declines|declined|weakens|weakened|weaker|"
    r"slide|slides|slid|tumble|tumbles|tumbled|sink|sinks|sank|lost|loses|down))\b".replace(
        "_", r"\s+"
    ),
    re.IGNORECASE,
)


def market_move(title: str) -> int | None:
    """Return 0 when a market report's headline says the market rose, 1 when it fell (the
    first such word after the first market word), or None for any other headline.

    >>> market_move("IHSG Berbalik Melemah 0,8 Persen, Investor Ambil Untung")
    1
    >>> market_move("Rupiah rebounds 0.5% as Treasury yields ease")
    0
    >>> market_move("Harga beras naik menjelang Lebaran") is None
    True
    >>> market_move("Kirana Pangan profit falls 38% on weak rupiah") is None
    True
    """
    market = _MARKET.search(title)
    if market is None:
        return None
    found = _DIRECTION.search(title, market.end())  # what moved comes first: not "profit
    if found is None:  # falls on weak rupiah"
        return None
    return 0 if found.group("up") else 1


SESSION = "market session"
"""The day a dated market report is about: one group's market reports of different days are
as many sessions (`cluster.split_steps`); the step is the day's number (`date.toordinal`)."""


ACTION = "action"
"""What a headline says happened, by kind: an attack, a fine, a launch, a swearing-in. Two
reports whose headlines name kinds of happening and no kind in common are two happenings:
a drone strike on a city and the Security Council's emergency meeting about it, a company's
EU fine and its layoffs, a reshuffle and the new ministers' swearing-in, share the actors,
the place and the background, and only the headline's verb tells them apart."""
_POLICY_RATE = r"(?:suku_bunga|BI-Rate|BI_Rate)"
"""A central bank's policy rate, by its Indonesian words or Bank Indonesia's name for it."""
ACTIONS = (
    ("attack", r"(?<!di\s)(?<!ke\s)(?<!dari\s)(?<!PN\s)(?<!Kota\s)(?<!Kabupaten\s)"
     r"(?<!Polres\s)(?<!Polresta\s)(?<!Kab\.\s)serang(?!,?\s+Banten) "
     r"serangan menyerang gempur bombardir attack attacks attacked drone_strike "
     r"missile_strike air_strike airstrike shelling bombing (?:drone|rudal|misil|mortir|"
     r"artileri|roket|bom)_(?:[\w-]+_){0,2}(?:hantam|menghantam)"),
    ("council meeting", "rapat_darurat security_council dewan_keamanan"),
    ("fine", "denda didenda mendenda fine fines fined"),
    ("layoffs", "PHK layoffs lay_off cut_jobs job_cuts"),
    ("launch", "luncurkan meluncurkan meluncur peluncuran launch launches launched unveil "
     "unveils unveiled"),
    ("swearing-in", r"lantik dilantik melantik pelantikan sworn swears sumpah_jabatan "
     r"oath_of_office takes?_(?:the_)?oath took_(?:the_)?oath installs?_(?:\w+_){1,4}as "
     r"installed_as"),
    ("handover", "sertijab serah_terima_jabatan"),
    ("vetting", "uji_kelayakan fit_and_proper vetting"),
    ("election of a leader", r"terpilih elected (?:wins?|won)_(?:[\w-]+_){0,2}(?:seats?|vote|"
     r"election|re-election|poll)"),
    ("reshuffle", "reshuffle dicopot copot shake-up replaces"),
    ("dismissal", r"sack sacks sacked sacking pecat dipecat memecat pemecatan depak didepak "
     r"mendepak dismissed_(?:by|from)_(?:the_)?(?:\w+_){0,2}(?:panel|council|commission|board|"
     r"court|tribunal|force|post|office|service|ranks|job|club)"),
    ("crash", r"crash crashes crashed crash-lands crash-landed "
     r"(?:pesawat|helikopter|heli)_(?:[\w-]+_){0,4}jatuh"),
    ("grounding", r"grounds grounded grounding kandangkan dikandangkan larang_terbang "
     r"dilarang_terbang (?:setop|stop|hentikan|menghentikan)_(?:sementara_)?(?:\w+_){0,2}"
     r"(?:pesawat|penerbangan)"),
    ("appointment", r"appoint appoints appointed appointment tunjuk menunjuk ditunjuk penunjukan "
     r"names?_(?:\w+_){1,3}as_(?:new_)?(?:manager|coach|head_coach|chief|ceo)"),
    ("ratification", "sahkan mengesahkan disahkan ratifikasi meratifikasi ratifies ratified"),
    ("phone call", "telepon ditelepon menelepon bertelepon sambungan_telepon phone_call "
     "phone_calls phone_talks phoned telephone_call telephoned"),
    ("visit", "kunjungi mengunjungi kunjungan berkunjung tiba visit visits visited arrives "
     "arrived tinjau meninjau"),
    ("exchange", "tukar pertukaran swap swaps exchange exchanged"),
    ("protest", "demo unjuk_rasa protest protests protesters berdemo"),
    ("evacuation", "evakuasi mengungsi dievakuasi evacuate evacuates evacuated evacuation"),
    ("aid", "bantuan aid pledge pledges pledged"),
    ("award", "juara penghargaan award awards prize menang wins won"),
    ("opening", "dibuka pembukaan opens opening dibukanya"),
    ("raid", "geledah menggeledah digeledah penggeledahan raid raids raided"),
    ("resignation", "mundur mengundurkan_diri pengunduran_diri resign resigns resigned "
     "resignation quit quits "
     "step_down steps_down stepped_down"),
    ("rate cut", r"rate_cuts? (?:cuts?|lowers?|lowered|trims?|trimmed|slashe?s?|slashed)_"
     r"(?:\w+_){0,2}(?:rates?|suku_bunga) "
     rf"(?:pangkas|memangkas|turunkan|menurunkan|penurunan)_{_POLICY_RATE} "
     rf"{_POLICY_RATE}_(?:\w+_){{0,2}}(?:dipangkas|diturunkan|turun)"),
    ("rate rise", r"(?:rate|emergency)_(?:hikes?|rises?|increases?) "
     r"(?:hikes?|hiked|raises?|raised|lifts?|lifted|increases?|increased)_"
     r"(?:\w+_){0,2}(?:rates?|suku_bunga) (?:naikkan|menaikkan|kenaikan|kerek|mengerek)_suku_bunga "
     rf"{_POLICY_RATE}_(?:\w+_){{0,2}}(?:dinaikkan|naik)"),
    ("rate hold", r"(?:holds?|held|keeps?|kept|leaves?|left)_(?:\w+_){0,2}(?:rates?|BI-Rate)"
     r"(?:_\w+)?_(?:steady|unchanged|on_hold|at) (?:tahan|menahan|pertahankan|mempertahankan)_"
     rf"{_POLICY_RATE} {_POLICY_RATE}_(?:\w+_){{0,2}}(?:tetap|tidak_berubah|ditahan)"),
    ("apology", "minta_maaf meminta_maaf apologise apologises apologised apologize apologizes "
     "apologized apology"),
    ("reconciliation", "islah berdamai deklarasi_damai ikrar_damai reconcile reconciles "
     "reconciled reconciliation"),
    ("demolition", "pembongkaran dibongkar_paksa gusur digusur menggusur penggusuran "
     "dirobohkan merobohkan demolish demolishes demolished demolition razed"),
    ("rehearsal", "gladi gladi_bersih gladi_resik rehearsal rehearsals"),
    ("funeral", "dimakamkan pemakaman dikebumikan funeral laid_to_rest"),
    ("qualifying", r"pole_position rebut_pole (?:claims?|takes?|took|grabs?|seals?)_(?:\w+_){0,3}"
     r"pole hasil_kualifikasi_(?:motogp|f1|formula)"),
    ("sprint", r"sprint_race (?:menangi|juara|wins?|won)_(?:\w+_){0,3}sprint"),
    ("market report", r"(?!)"),  # no words: a headline's market move (`market_move`) sets it
)  # fmt: skip
_ACTION_WORDS = tuple(_words(forms) for _, forms in ACTIONS)
MARKET_REPORT = 1 << next(k for k, (name, _) in enumerate(ACTIONS) if name == "market report")
"""The kind of a headline that says how a market moved: a session's report is not the rate
cut that moved it ("Rupiah slides to two-month low after surprise rate cut")."""


DISASTER = "disaster"
"""What kind of disaster a headline names: a fire, a flood, a quake. Two reports whose
headlines name disasters and none in common are two happenings: a house fire and the flood
that hits the same street a month later share the street, the residents and the officials.
Apart from `ACTIONS`: a flood's report and its evacuation's are one happening."""
DISASTERS = (
    ("fire", r"kebakaran terbakar hangus ludes dilalap_api blaze ablaze gutted "
     r"(?<!under\s)(?<!opened\s)(?<!open\s)(?<!drawing\s)(?<!draws\s)(?<!drew\s)"
     r"(?<!mortar\s)(?<!stray\s)(?<!gunmen\s)fire(?!_(?:tear|water|rubber|warning|shots)\b)"),
    ("flood", "banjir meluap terendam merendam flood floods flooded flooding floodwaters"),
    ("earthquake", "gempa earthquake earthquakes quake quakes"),
    ("landslide", "longsor landslide landslides mudslide mudslides"),
    ("eruption", "erupsi meletus letusan erupts erupted eruption steam_blasts? phreatic "
     "spews? spewed spewing memuntahkan hujan_abu abu_vulkanik volcanic_ash ashfall"),
    ("poisoning", "keracunan poisoning poisoned"),
    ("emergency declared", r"tanggap_darurat status_darurat status_keadaan_darurat "
     r"(?:state|status)_of_(?:[\w-]+_)?emergency declares?_(?:[\w-]+_){0,3}emergency "
     r"declared_(?:[\w-]+_){0,3}emergency (?:[\w-]+_)?emergency_declared"),
    ("search ended", r"(?:pencarian|operasi_sar|operasi_pencarian)_(?:\w+_){0,4}"
     r"(?:dihentikan|ditutup|diakhiri|berakhir) (?:hentikan|tutup|akhiri)_"
     r"(?:operasi_sar|pencarian|operasi_pencarian) (?:ends?|ended|calls?_off|called_off|halts?|"
     r"halted|suspends?|suspended)_(?:\w+_){0,3}search search_(?:\w+_){0,2}(?:called_off|"
     r"ends|ended|halted|suspended) penutupan_operasi_(?:sar|pencarian)"),
    ("alert changed", r"status_(?:\w+_){0,4}(?:awas|siaga|waspada) level_(?:i{1,3}|iv|[1-4]) "
     r"alert_(?:\w+_){0,2}(?:raised|lowered) (?:raises?|raised|lowers?|lowered)_(?:\w+_){0,3}"
     r"alert (?:naikkan|turunkan|menaikkan|menurunkan|dinaikkan|diturunkan)_(?:\w+_){0,2}status"),
    ("cause found", r"(?:ungkap|mengungkap|terungkap|temukan|menemukan)_(?:\w+_){0,2}penyebab "
     r"penyebab_(?:\w+_){0,4}(?:terungkap|diketahui|ditemukan) cause_of_(?:[\w-]+_){0,4}"
     r"(?:revealed|found|determined|identified) (?:reveals?|revealed|finds?|found|determines?|"
     r"determined|identifies|identified|blames?|blamed)_(?:\w+_){0,2}cause"),
)  # fmt: skip
_DISASTER_WORDS = tuple(_words(forms) for _, forms in DISASTERS)
_RESPONSES = sum(
    1 << k
    for k, (name, _) in enumerate(DISASTERS)
    if name in ("emergency declared", "search ended", "alert changed", "cause found")
)
"""Decisions about a disaster, each a happening of its own on a later day: where a headline
names one, the disaster it names is its background ("Bupati Tetapkan Status Tanggap Darurat
Banjir" is the declaration, not the flood). On the disaster's own day they are part of it
("Gunung Raung Erupsi, Status Naik ke Siaga"): such kinds differ only where both reports
have days of their own, different ones (`conflicting_steps`)."""

SUBSTANCE = "substance"
"""What drug or contraband a headline names: methamphetamine, ecstasy, cannabis, bootleg
liquor. Two reports whose headlines name such goods and none in common are two happenings:
the same police unit's ecstasy lab raid and its synthetic-tobacco raid three days later, or
the same airport's cocaine and hashish catches, share the unit, its director, the place and
every word of the trade but the goods. Of the 1,674 pairs of labelled headlines that both
name goods (113 headlines of the 94 folders), the 76 of one event all share one; 874 of the
1,598 of two events share none."""
SUBSTANCES = (
    ("methamphetamine", "sabu sabu-sabu shabu methamphetamine meth crystal_meth"),
    ("ecstasy", "ekstasi ecstasy"),
    ("cannabis", "ganja cannabis marijuana"),
    ("cocaine", "kokain cocaine"),
    ("heroin", "heroin"),
    ("hashish", "hasis hashish"),
    ("synthetic cannabinoids", r"tembakau_sintetis tembakau_gorila synthetic_(?:tobacco|"
     r"cannabinoids?|marijuana)"),
    ("pills", "pil_koplo tramadol"),
    ("liquor", "miras minuman_keras oplosan bootleg_(?:liquor|alcohol)"),
)  # fmt: skip
_SUBSTANCE_WORDS = tuple(_words(forms) for _, forms in SUBSTANCES)


def headline_substances(title: str) -> int:
    """Return the drugs or contraband a headline names, as bits of `SUBSTANCES` (0: none);
    named at all, not only as its news: "Polisi Sita 5 Kg Sabu Jelang Tahun Baru" is about
    methamphetamine whatever else it says.

    >>> kind_names(SUBSTANCES, headline_substances("Bea Cukai Gagalkan Sabu dan Ekstasi"))
    ('methamphetamine', 'ecstasy')
    """
    return _rows_named(_SUBSTANCE_WORDS, _ANY_SUBSTANCE, title)


KIND_TABLES = {ACTION: ACTIONS, DISASTER: DISASTERS, SUBSTANCE: SUBSTANCES}
"""The steps that are sets of kinds a headline names, as bits of a table: two reports
differ when both name kinds of one table and none in common."""


def kind_names(table: Sequence[tuple[str, str]], bits: int) -> tuple[str, ...]:
    """Return the names of the rows of `table` (`ACTIONS`, `OFFICES`) that `bits` holds."""
    return tuple(name for k, (name, _) in enumerate(table) if bits >> k & 1)


OFFICES = (
    ("defence minister", r"menhan menteri_pertahanan defen[cs]e_(?:minister|secretary|chief) "
     r"minister_of_defen[cs]e secretary_of_defen[cs]e pentagon_chief"),
    ("foreign minister", r"menlu menteri_luar_negeri foreign_(?:minister|secretary) "
     r"minister_of_foreign secretary_of_state top_diplomat"),
    ("trade minister", "mendag menteri_perdagangan trade_minister commerce_minister"),
    ("home minister", r"mendagri menteri_dalam_negeri home_(?:affairs_)?minister "
     r"interior_minister"),
    ("finance minister", "menkeu menteri_keuangan finance_minister treasury_secretary"),
    ("energy minister", "menteri_esdm menteri_energi energy_minister"),
    ("health minister", "menkes menteri_kesehatan health_minister"),
    ("transport minister", "menhub menteri_perhubungan transport_minister"),
    ("agriculture minister", "mentan menteri_pertanian agriculture_minister"),
    ("president", "presiden president"),
    ("prime minister", "perdana_menteri prime_minister pm"),
    ("king", "raja king"),
    ("emir", "emir"),
    ("governor", "gubernur governor"),
)  # fmt: skip
"""Offices a headline names by title, in English and Indonesian: who acted, where a report
names the office and not the person ("Menhan Rusia", "Indonesian defence minister")."""
_OFFICE_WORDS = tuple(_words(forms) for _, forms in OFFICES)


def _any_of(patterns: Sequence[re.Pattern[str]]) -> re.Pattern[str]:
    """Return one pattern that matches wherever any of `patterns` (each `_words`, so
    IGNORECASE) does: one search that finds nothing spares searching each of them."""
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE)


_ANY_OFFICE = _any_of(_OFFICE_WORDS)


def offices_named(text: str) -> int:
    """Return the offices `text` names, as bits of `OFFICES` (0: none).

    >>> kind_names(OFFICES, offices_named("Menhan Sudarmaji ke Praha, Temui Presiden Ceko"))
    ('defence minister', 'president')
    """
    return _rows_named(_OFFICE_WORDS, _ANY_OFFICE, text)


def _rows_named(table: tuple[re.Pattern[str], ...], any_row: re.Pattern[str], text: str) -> int:
    """Return the rows of `table` whose words `text` names anywhere, as bits (`any_row`:
    `_any_of(table)`, one search that finds nothing spares searching each row)."""
    if any_row.search(text) is None:
        return 0
    return sum(1 << k for k, words in enumerate(table) if words.search(text))


def headline_actions(title: str) -> int:
    """Return the kinds of happening a headline names, as bits of `ACTIONS` (0: none).

    >>> [ACTIONS[k][0] for k in range(len(ACTIONS)) if headline_actions(
    ...     "UN Security Council meets on Ukraine after deadly Kharkiv strike") >> k & 1]
    ['council meeting']
    """
    return _headline_kinds(_ACTION_WORDS, _ANY_ACTION, title)


def headline_disasters(title: str) -> int:
    """Return the kinds of disaster a headline names, as bits of `DISASTERS` (0: none).

    >>> kind_names(DISASTERS, headline_disasters("Kebakaran Pasar Kotabaru, Ratusan Kios Ludes"))
    ('fire',)
    """
    kinds = _headline_kinds(_DISASTER_WORDS, _ANY_DISASTER, title)
    return kinds & _RESPONSES or kinds


_ANY_ACTION, _ANY_DISASTER = _any_of(_ACTION_WORDS), _any_of(_DISASTER_WORDS)
_ANY_SUBSTANCE = _any_of(_SUBSTANCE_WORDS)


def _headline_kinds(
    table: tuple[re.Pattern[str], ...], any_row: re.Pattern[str], title: str
) -> int:
    """Return the rows of `table` a headline names as its news (`_NOT_NEWS`), as bits
    (`any_row`: `_any_of(table)`)."""
    if any_row.search(title) is None:
        return 0
    return sum(1 << k for k, words in enumerate(table) if _named_as_done(words, title, _NOT_NEWS))


DATELINE_WORDS = 2
"""A first "sentence" this short is a dateline ("Jakarta.", "Kuala Lumpur.")."""


def opening(title: str, paragraphs: tuple[str, ...] | list[str]) -> str:
    """Return the text a report's step is read from: its headline and first sentence."""
    sentences = split_sentences(paragraphs[0]) if paragraphs else []
    # A dateline cut off as a sentence of its own ("Jakarta. Police on Thursday named ...",
    # "KONTAN.CO.ID - JAKARTA. Rapat umum ...") is no opening: the sentence after it is.
    first = (
        2
        if sentences and (len(sentences[0].split()) <= DATELINE_WORDS or place_only(sentences[0]))
        else 1
    )
    return "\n".join([title, *sentences[:first]])


_NOT_DONE = re.compile(
    r"\b(?:ahead\s+of|before|prior\s+to|jelang|menjelang|sebelum|akan|bakal|segera|will|"
    r"(?:agreed?|agrees|set|due|expected|plans?|planned|poised|ready|leading|is|are)\s+to|"
    r"dijadwalkan|direncanakan|rencana|berencana|"
    r"tolak|menolak|enggan|tidak|tak|refuses?|refused|rejects?|rejected|resists?|not|no|"
    r"won't|(?:lanjut|berlanjut)\s+ke|langsung\s+masuk|"
    r"(?:moves?|proceeds?)\s+(?:straight\s+)?to|"
    r"calls?\s+(?:for\s+)?|urges?|urged|demands?|demanded|desak|desakan|didesak|mendesak|"
    r"tuntutan|tunggu|menunggu|awaits?|awaiting|pending|"
    r"siapkan|menyiapkan|disiapkan|prepares?|preparing|"
    r"asks?|asked|requests?|requested)"
    r"\s+(?:\w+\s+){0,2}$|"
    r"\b(?:minta|meminta|tuntut|menuntut)\s+(?:\w+\s+){0,5}$|"  # asked for, up to five words
    r"(?<!\bwins\s)(?<!\bwon\s)"
    r"\b(?:bids?|seeks?|seeking|aims?|aiming|tries|trying|wants?|hopes?|hoping)\s+to\s+"
    r"(?:[\w'’-]+\s+){0,6}$|"
    r"\b(?:agar|supaya)\s+(?:[\w'’-]+\s+){0,6}$|"
    r"\buntuk\s+$",
    re.IGNORECASE,
)
"""Words before a step or a kind of happening (at most two words between; five after
"minta" or "tuntut", "Jaksa Minta Direktur Agensi ABK Dihukum 12 Tahun" (a demand, not the
verdict); six after a purpose, "seeks to have a ban on its app lifted", but not "wins bid
to") that say it has
not happened: still to come ("talks ahead of signing", "akan menandatangani", "segera
dilantik", "agreed to sign", "will be signed", "jelang penandatanganan"), refused ("tolak
mundur", "rejects calls to quit", "Tak Ajukan Eksepsi", "no eksepsi"), demanded ("tuntut
menteri mundur"), asked for ("minta bantuan", "asks for aid"), or the stage a case goes on
to ("Sidang Lanjut ke Saksi", "Langsung Masuk Saksi", "trial moves straight to
witnesses"). A bare "to" is not one: "police use Taser to arrest suspect", "voters began to
vote". Awaited is still to come: "Aryo Seno Tinggal Tunggu Pelantikan" (approved, the
swearing-in to come). "untuk" right before one is a purpose: "dibawa ke rapat paripurna
untuk disahkan" (to be passed); with words between it is not ("bantuan untuk korban
banjir" is aid for a flood's victims)."""


_BEFORE = re.compile(
    r"\b(?:after|following|usai|seusai|setelah|sesudah|pasca|buntut|imbas|"
    r"in\s+the\s+wake\s+of)"
    r"\s+(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
"""Words before a kind of happening (at most three words between) that make it what came
before the news: "grounds fleet after deadly crash", "sack coach a day after semi-final
exit", "Polisi Tangkap Pelaku usai Penembakan", "Buntut Kericuhan, ..." (its aftermath)."""


_NOT_NEWS = re.compile(f"(?:{_NOT_DONE.pattern})|(?:{_BEFORE.pattern})", re.IGNORECASE)
"""What a headline names that is not its news: not done (`_NOT_DONE`), or what came before
it (`_BEFORE`)."""


def _named_as_done(step: re.Pattern[str], text: str, not_done: re.Pattern[str] = _NOT_DONE) -> bool:
    """Whether `text` names `step` as done, not only as still to come, refused or demanded
    (`not_done`): "ministers discuss power link ahead of signing" is a report of the talks."""
    return any(
        not_done.search(text, max(0, m.start() - 40), m.start()) is None
        for m in step.finditer(text)
    )


_SIDELINES = re.compile(
    r"\b(?:di\s+)?(?:sela(?:-sela)?|(?:on|at)\s+the\s+(?:sidelines?|margins?)\s+of)\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:KTT|summit|forum|konferensi|conference|kongres|congress)\b",
    re.IGNORECASE,
)
"""A summit named as where two leaders met ("di sela KTT IORA", "on the sidelines of the
BRICS summit"): their talks and their signing are each a happening of their own, not parts
of the summit (`StepSequence.apart_from`)."""


def step_of(text: str) -> tuple[str, int] | None:
    """Return the sequence and the latest step of it that `text` (a headline, then the
    first sentence) names, or None. Where the headline names steps, the latest of those: it
    says what the news is, and a later step in the sentence is what was asked for ("KPK
    Tuntut ... / Jaksa menuntut mantan direktur, Heru ..., dihukum 10 tahun") or recalled.

    >>> step_of("Court jails ex-official for six years, less than prosecutors sought")
    ('trial', 8)
    >>> step_of("KPK Tuntut Hendra Wiratama 8,5 Tahun Penjara di Pengadilan Tipikor")
    ('trial', 4)
    >>> step_of("Persija Ditahan Imbang PSM Makassar") is None
    True
    """
    beside = _SIDELINES.sub(" ", text)  # what `apart_from` reads: no summit met beside
    for sequence in SEQUENCES:
        if not sequence.setting.search(text.partition("\n")[0] if sequence.in_headline else text):
            continue
        if sequence.apart_from is not None and sequence.apart_from.search(beside):
            continue
        named = [k for k, step in enumerate(sequence.steps) if _named_as_done(step, text)]
        if named:
            headline = text.partition("\n")[0]
            in_headline = [k for k in named if _named_as_done(sequence.steps[k], headline)]
            return (sequence.name, (in_headline or named)[-1])
    return None


AGAIN = "again"
"""A headline that says its happening came again ("Banjir Bandang Kembali Landa
Mojokerto", "Merapi erupts again", "Another quake strikes Cianjur"): the report is about
a repeat, so a report of an earlier own day is about an earlier happening, whatever it
shares with it (`conflicting_steps`)."""
AGAIN_DAYS = 2
"""The least gap between the repeat's own day and the earlier report's: a page stamped the
morning after is a day late (a second batch of jets landing on the 12th, one report of it
stamped the 13th, the other dated the 12th, is one happening)."""
_AGAIN = re.compile(
    r"\bkembali\s+(?!(?:dibuka|beroperasi|diperdagangkan|normal|aktif|bertugas|bekerja|"
    r"berlaga|bermain|tampil|pulih|masuk|bersekolah|sekolah)\b)(?:me|di|ter|ber)\w+"
    r"|\bkembali\s+(?:terjadi|naik|turun|landa|guncang|rendam|terjang|tetapkan|tangkap|"
    r"periksa|panggil|gelar|pecah|serang|mogok|demo|bentrok|ricuh|erupsi|meletus|banjir|"
    r"longsor|gempa)\b"
    r"|\bagain\b|\banother\s+(?:(?:deadly|strong|powerful|major)\s+)?(?:quake|earthquake|"
    r"flood|flash\s+flood|landslide|eruption|blast|explosion|fire|attack|strike|shooting)s?\b",
    re.IGNORECASE,
)


VISIT = "visit"
"""A report that opens on an official's visit or inspection, in its headline or first
sentence ("Gubernur Kalteng Tinjau Banjir Buntok", "Sri Lankan president visits flood-hit
Batticaloa", "... Gubernur Jawa Barat meninjau lokasi longsor ..."): the visit is a happening
of its own, whatever disaster it names, so where another report's headline names a disaster
and its opening no visit, and the two have different days of their own, they are two
happenings (`_visit_apart`): the flood and the governor at its evacuees' tents three days
later share the place, the toll and every word of it. On one day they may be one (a regent
at the fire that evening)."""
_VISIT = _words(
    "tinjau meninjau ditinjau kunjungi mengunjungi dikunjungi berkunjung kunjungan sidak "
    "blusukan visit visits visited inspects inspected tours toured"
)


def names_visit(text: str) -> bool:
    """Whether `text` (a headline, then the first sentence) names a visit as done (`VISIT`).

    >>> names_visit("Gubernur Tinjau Banjir Buntok"), names_visit("Presiden Akan Kunjungi Buntok")
    (True, False)
    """
    return _named_as_done(_VISIT, text, _NOT_NEWS)


def _visit_apart(visit_a, visit_b, disaster_b, two_days):  # bools or arrays of them
    """Whether report a opens on a visit (`VISIT`) and report b's headline names a disaster
    and its opening no visit, on two different days of their own."""
    return visit_a & (visit_b == 0) & disaster_b & two_days


def says_again(title: str) -> bool:
    """Whether a headline says its happening came again (`AGAIN`).

    >>> says_again("Banjir Bandang Kembali Landa Mojokerto"), says_again("Merapi erupts again")
    (True, True)
    >>> says_again("Presiden Kembali ke Jakarta"), says_again("Pasar Kembali Dibuka")
    (False, False)
    """
    return _AGAIN.search(title) is not None


def report_steps(
    title: str, paragraphs: tuple[str, ...] | list[str]
) -> tuple[tuple[str, int], ...]:
    """Return the steps a report is about: of a sequence, from its headline and first
    sentence (`step_of`); a tournament's round (`round_of`) and its game's final score, from
    its headline and first paragraph (a match report may open with the mood and give the
    round and the score a sentence later); the kinds of happening its headline names;
    whether the headline says it happened again (`AGAIN`); and whether the opening names an
    official's visit (`VISIT`)."""
    text = opening(title, paragraphs)
    lead = "\n".join([title, *paragraphs[:1]])
    found = []
    step = step_of(text)
    if step is not None:
        found.append(step)
    played = round_of(lead)
    if played is not None:
        found.append((ROUND, played))
    race = race_number(lead)
    if race is not None:
        found.append((RACE, race))
    move = market_move(title)
    if move is not None:
        found.append((MARKET, move))
    score = final_score(lead)
    if score is not None:
        found.append((MATCH, score))
    magnitude = quake_magnitude(lead)
    if magnitude is not None:
        found.append((MAGNITUDE, magnitude))
    actions = headline_actions(title) | (MARKET_REPORT if move is not None else 0)
    if actions:
        found.append((ACTION, actions))
    disasters = headline_disasters(title)
    if disasters:
        found.append((DISASTER, disasters))
    substances = headline_substances(title)
    if substances:
        found.append((SUBSTANCE, substances))
    if says_again(title):
        found.append((AGAIN, 1))
    if names_visit(text):
        found.append((VISIT, 1))
    return tuple(found)


def step_name(sequence: str, step: int) -> str:
    """Return how `explain` names a step: "trial's verdict", "match ending 2-1"."""
    if sequence == MATCH:
        return f"match ending {step // 1000}-{step % 1000}"
    if sequence in KIND_TABLES:
        return " or ".join(kind_names(KIND_TABLES[sequence], step))
    if sequence == MARKET:
        return ("market report of a rise", "market report of a fall")[step]
    if sequence == SESSION:
        return f"market session of {date.fromordinal(step).isoformat()}"
    if sequence == VISIT:
        return "official's visit"
    if sequence == AGAIN:
        return ("earlier day's report", "headline saying it happened again")[step]
    if sequence == MAGNITUDE:
        return f"earthquake of magnitude {step / 10:.1f}"
    if sequence == ROUND:
        return ("quarter-final", "semi-final", "final", "round before the quarter-finals")[step]
    if sequence == RACE:
        return f"race {step} of the weekend"
    return next(s.step_names[step] for s in SEQUENCES if s.name == sequence)


Steps = tuple[tuple[str, int], ...]


def conflicting_steps(
    a: Steps, b: Steps, days: tuple[int | None, int | None] = (None, None)
) -> tuple[tuple[str, int], tuple[str, int]] | None:
    """Return a step of each of two reports that are different steps of one sequence, or
    headlines naming kinds of happening with none in common (two happenings), or a report
    saying its happening came again and one of `AGAIN_DAYS` or more before it (`AGAIN`),
    or None. `days`: each report's own day (a day number, or None); a `DATED_STEPS`
    sequence's steps differ only where the report of the later step is of a later day (a
    report of the shooting two days after the arrest's is later coverage of one event)."""
    if None not in days and abs(days[0] - days[1]) >= AGAIN_DAYS:  # type: ignore[operator]
        later = int(days[1] > days[0])  # type: ignore[operator]
        if (AGAIN, 1) in (a, b)[later]:  # the later report says its happening came again
            return ((AGAIN, 0), (AGAIN, 1)) if later else ((AGAIN, 1), (AGAIN, 0))
    for x in a:
        for y in b:
            if x[0] == AGAIN or y[0] == AGAIN:
                continue
            if x[0] != y[0] or (x[0] in DATED_STEPS and not _in_order(x[1], y[1], days)):
                continue
            if x[0] == MARKET and None not in days and days[0] != days[1]:
                return x, y  # two sessions: each market report is about its own day's
            if x[0] == DISASTER and (x[1] | y[1]) & _RESPONSES and not _two_days(days):
                continue  # a decision on the disaster's own day is part of it
            if x[0] == MAGNITUDE:
                if abs(x[1] - y[1]) >= MAGNITUDE_GAP:
                    return x, y
                continue
            if (x[1] & y[1] == 0) if x[0] in KIND_TABLES else (x[1] != y[1]):
                return x, y
    kinds = [dict(a), dict(b)]
    for x, y in ((0, 1), (1, 0)):
        visit, other = kinds[x].get(VISIT, 0), kinds[y].get(VISIT, 0)
        disaster = kinds[y].get(DISASTER, 0)
        if _visit_apart(visit == 1, other, disaster != 0, _two_days(days)):
            found = ((VISIT, 1), (DISASTER, disaster))
            return found if x == 0 else found[::-1]
    own = [(k.get(ACTION, 0), _procedure(steps)) for k, steps in zip(kinds, (a, b), strict=True)]
    for x, y in ((0, 1), (1, 0)):
        step = own[y][1]
        if step is not None and _post_change_apart(own[x][0], own[y][0], step[1]):
            found = ((ACTION, own[x][0]), step)
            return found if x == 0 else found[::-1]
    return None


PROCEDURES = (MATCH, "trial", "prosecution", "police")
"""Steps of a game or a case: a coach sacked or an official resigning is not the match, the
hearing, the suspects named or the arrest that led to it (`_post_change_apart`)."""


def _procedure(steps: Steps) -> tuple[str, int] | None:
    """Return the report's step of a game or a case (`PROCEDURES`), or None."""
    return next((s for s in steps if s[0] in PROCEDURES), None)


PERSONNEL = frozenset({"appointment", "dismissal", "resignation"})
"""Kinds of news about who holds a post: a coach sacked or appointed is not the match that
led to it or followed it, a minister's resignation not the suspects named in his ministry
(`_post_change_apart`)."""
_PERSONNEL = sum(1 << k for k, (name, _) in enumerate(ACTIONS) if name in PERSONNEL)


def _post_change_apart(action_a, action_b, procedure_b):  # ints or arrays of them
    """Whether report a's headline names a coach's (or an official's) sacking, appointment
    or resignation, and report b is about a step of a game or a case (`PROCEDURES`;
    `procedure_b` >= 0: a final score, a trial's, the prosecution's or the police's step,
    -1 for none) and names no such change: "Bontang Etam name Andreas Wenas as head coach"
    and "Debut Manis Andreas Wenas, Bontang Etam Tundukkan Luwu Raya 2-1" are two
    happenings, as are "Indonesian transport minister quits after graft raid" and "KPK
    names transport ministry official as graft suspect"."""
    return ((action_a & _PERSONNEL) != 0) & (procedure_b >= 0) & ((action_b & _PERSONNEL) == 0)


def _two_days(days: tuple[int | None, int | None]) -> bool:
    """Whether both reports have days of their own, different ones."""
    return None not in days and days[0] != days[1]


def _in_order(x: int, y: int, days: tuple[int | None, int | None]) -> bool:
    """Whether the later of steps `x` and `y` was told on the later of `days` (both known)."""
    first, second = days
    return first is not None and second is not None and (x - y) * (first - second) > 0


def different_steps(a: Steps, b: Steps, days: tuple[int | None, int | None] = (None, None)) -> bool:
    """Whether two reports are about different steps of one sequence (`days`: see
    `conflicting_steps`)."""
    return (bool(a) or bool(b)) and conflicting_steps(a, b, days) is not None


def step_conflicts(
    steps: Sequence[Steps], i: np.ndarray, j: np.ndarray, days: np.ndarray | None = None
) -> np.ndarray:
    """Return `different_steps` of each pair (`steps[i[k]]`, `steps[j[k]]`), all at once
    (`days`: each report's own day number, -1 where none; without it no `DATED_STEPS`
    sequence's steps differ; see `conflicting_steps`).

    One array per kind of step: each report's value, -1 where it has none (the headline
    kinds as bits, 0 where none), so the pairs are compared as arrays, not one by one."""
    conflict = np.zeros(len(i), dtype=bool)
    both_dated = (
        (days[i] >= 0) & (days[j] >= 0) if days is not None else np.zeros(len(i), dtype=bool)
    )
    two_days = both_dated & (days[i] != days[j]) if days is not None else both_dated
    kinds = sorted({kind for own in steps for kind, _ in own} - {AGAIN})
    again = _bits(steps, AGAIN)
    if days is not None:
        conflict |= both_dated & (
            ((again[j] == 1) & (days[j] - days[i] >= AGAIN_DAYS))
            | ((again[i] == 1) & (days[i] - days[j] >= AGAIN_DAYS))
        )
    actions = _bits(steps, ACTION)  # read by the kinds and by the post-change rule
    for kind in kinds:
        value = actions if kind == ACTION else _bits(steps, kind, 0 if kind in KIND_TABLES else -1)
        a, b = value[i], value[j]
        if kind in KIND_TABLES:
            found = (a != 0) & (b != 0) & ((a & b) == 0)
            if kind == DISASTER:  # decisions only on another day (`_RESPONSES`)
                found &= (((a | b) & _RESPONSES) == 0) | two_days
            conflict |= found
        elif kind in DATED_STEPS:  # see `_in_order`; without days, no two steps differ
            if days is not None:
                conflict |= (a >= 0) & (b >= 0) & both_dated & ((a - b) * (days[i] - days[j]) > 0)
        elif kind == MAGNITUDE:  # two quakes (`MAGNITUDE_GAP`)
            conflict |= (a >= 0) & (b >= 0) & (np.abs(a - b) >= MAGNITUDE_GAP)
        else:
            conflict |= (a >= 0) & (b >= 0) & (a != b)
            if kind == MARKET:  # two sessions (`conflicting_steps`)
                conflict |= (a >= 0) & (b >= 0) & two_days
    visits = _bits(steps, VISIT) == 1
    disasters = _bits(steps, DISASTER) != 0
    conflict |= _visit_apart(visits[i], visits[j], disasters[j], two_days)
    conflict |= _visit_apart(visits[j], visits[i], disasters[i], two_days)
    procedures = np.array([-1 if _procedure(own) is None else 0 for own in steps])
    conflict |= _post_change_apart(actions[i], actions[j], procedures[j])
    conflict |= _post_change_apart(actions[j], actions[i], procedures[i])
    return conflict


def _bits(steps: Sequence[Steps], kind: str, empty: int = 0) -> np.ndarray:
    """Return each report's value of `kind`, `empty` where it has none."""
    return np.array([dict(own).get(kind, empty) for own in steps], dtype=np.int64)
