"""Write a deterministic synthetic news corpus with planted events, for benchmarks.

    python benchmarks/corpus.py OUT_DIR --articles 10000 [--seed 1] [--format mixed|md|txt]

Articles (~600 words each) are grouped into planted events: the members of one event share
actors, a place, a handful of event words and a date within a few days, and differ in
headline, outlet, wording and background paragraphs. Roughly 70% are Indonesian-like and 30%
English-like text: real function words of each language around a Zipf-distributed vocabulary
of made-up content words, so term statistics behave like news text. Each file carries typical
web boilerplate ("Baca juga:" lines, an editor line, a "Terkini Lainnya" list).

`--format md` writes Markdown with YAML front matter (title, date, outlet, url, language);
`txt` writes plain text as scraped (headline on the first line, a dateline in the lead);
`mixed` (the default) alternates. OUT_DIR/gold.json maps each file name to its planted
event (the format of the clustering quality harness).
The same arguments always give byte-identical files.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

WORDS_PER_ARTICLE = 600
VOCABULARY_SIZE = 30_000
FIRST_DAY = date(2022, 1, 3)
DAYS_SPANNED = 3 * 365


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


ID_FUNCTION = _words(
    "yang dan di ke dari untuk dengan pada ini itu dalam tidak akan juga sudah telah oleh "
    "sebagai karena atau bahwa ada mereka kami kita dia ia para lebih saat setelah masih "
    "hanya bisa dapat harus sangat antara seperti hingga namun tetapi jika secara menjadi"
)
EN_FUNCTION = _words(
    "the of and to in a is that for on with as was by at from it be has have had are were "
    "this which or an not but its their they after said also been more than who will would "
    "about into over while during against between under could should may since"
)
ID_VERBS = (
    "bertemu dengan",
    "menandatangani kesepakatan dengan",
    "mengunjungi",
    "membahas kerja sama dengan",
    "menolak usulan",
    "mengumumkan rencana bersama",
)
EN_VERBS = (
    "met",
    "signed an agreement with",
    "visited",
    "held talks with",
    "rejected a proposal by",
    "announced a joint plan with",
)
ID_WEEKDAYS = _words("Senin Selasa Rabu Kamis Jumat Sabtu Minggu")
EN_WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
ID_MONTHS = _words(
    "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
)
EN_MONTHS = _words(
    "January February March April May June July August September October November December"
)
OUTLETS = (
    "Warta Kini",
    "Kabar Nusantara",
    "Harian Timur",
    "Daily Ledger",
    "The Courier",
    "Suara Pagi",
    "Metro Pos",
    "Global Wire",
    "Berita Satu Jam",
    "Evening Herald",
)
SYLLABLES = _words(
    "ka ba ra ma sa ta la na pa da ki ri mi si ti ni ku ru mu su tu ko ro mo so "
    "to be re me se ga gu ja ju wa ya ha an ar en in ol"
)


@dataclass(frozen=True)
class Event:
    """A planted happening: who, where, what, when."""

    number: int
    actors: tuple[str, str]
    place: str
    words: tuple[str, ...]
    day: date
    verb: int


def made_up_word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables))


def vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    """Return made-up content words and cumulative Zipf weights (most frequent first)."""
    words: dict[str, None] = {}
    while len(words) < VOCABULARY_SIZE:
        words[made_up_word(rng, rng.randint(2, 4))] = None
    weights = itertools.accumulate(1.0 / (rank + 10) for rank in range(VOCABULARY_SIZE))
    return list(words), list(weights)


def proper_name(rng: random.Random) -> str:
    return made_up_word(rng, rng.randint(2, 3)).capitalize()


def plan_events(rng: random.Random, articles: int, vocab: list[str]) -> list[tuple[Event, int]]:
    """Return (event, number of articles) pairs adding up to `articles`; sizes 1..15, skewed."""
    sizes = list(range(1, 16))
    weights = [1.0 / s**1.3 for s in sizes]
    plan: list[tuple[Event, int]] = []
    total = 0
    rare = vocab[VOCABULARY_SIZE // 3 :]
    while total < articles:
        size = min(rng.choices(sizes, weights)[0], articles - total)
        event = Event(
            number=len(plan),
            actors=(
                f"{proper_name(rng)} {proper_name(rng)}",
                f"{proper_name(rng)} {proper_name(rng)}",
            ),
            place=proper_name(rng),
            words=tuple(rng.sample(rare, 6)),
            day=FIRST_DAY + timedelta(days=rng.randrange(DAYS_SPANNED)),
            verb=rng.randrange(len(ID_VERBS)),
        )
        plan.append((event, size))
        total += size
    return plan


class Writer:
    """Makes the text of one article at a time from a shared vocabulary."""

    def __init__(self, rng: random.Random, vocab: list[str], cum_weights: list[float]) -> None:
        self.rng = rng
        self.vocab = vocab
        self.cum_weights = cum_weights

    def sentence(self, event: Event, is_id: bool, length: int) -> str:
        rng = self.rng
        function = ID_FUNCTION if is_id else EN_FUNCTION
        content = rng.choices(self.vocab, cum_weights=self.cum_weights, k=length)
        words = []
        for word in content:
            roll = rng.random()
            if roll < 0.06:
                word = rng.choice(event.words)
            elif roll < 0.08:
                word = rng.choice(event.actors).split()[-1]
            words.append(word)
            if rng.random() < 0.55:
                words.append(rng.choice(function))
        words[0] = words[0].capitalize()
        return " ".join(words) + "."

    def date_phrase(self, day: date, is_id: bool) -> str:
        if is_id:
            return f"{ID_WEEKDAYS[day.weekday()]} ({day.day}/{day.month}/{day.year})"
        return f"{EN_WEEKDAYS[day.weekday()]}, {EN_MONTHS[day.month - 1]} {day.day}, {day.year}"

    def headline(self, event: Event, is_id: bool) -> str:
        rng = self.rng
        a, b = event.actors
        verb = (ID_VERBS if is_id else EN_VERBS)[event.verb]
        extra = " ".join(rng.sample(event.words, 2))
        place = f"di {event.place}" if is_id else f"in {event.place}"
        return f"{a.split()[-1]} {verb} {b} {place}, {extra}"

    def paragraphs(
        self, event: Event, is_id: bool, day: date, outlet: str, undated: bool
    ) -> list[str]:
        rng = self.rng
        a, b = event.actors
        verb = (ID_VERBS if is_id else EN_VERBS)[event.verb]
        when = self.date_phrase(event.day, is_id)
        if undated:
            when = (ID_WEEKDAYS if is_id else EN_WEEKDAYS)[event.day.weekday()]
        place = event.place.upper()
        lead = (
            f"{place}, {outlet.upper().replace(' ', '')}.com - {a} {verb} {b} di {event.place}, "
            f"{when}. {self.sentence(event, is_id, 12)}"
            if is_id
            else f"{place} ({outlet}) - {a} {verb} {b} in {event.place} on {when}. "
            f"{self.sentence(event, is_id, 12)}"
        )
        body = [lead]
        words = len(lead.split())
        while words < WORDS_PER_ARTICLE:
            paragraph = " ".join(
                self.sentence(event, is_id, rng.randint(8, 16)) for _ in range(rng.randint(1, 3))
            )
            if rng.random() < 0.15:
                months = ID_MONTHS if is_id else EN_MONTHS
                earlier = day - timedelta(days=rng.randint(1, 400))
                said = "pada" if is_id else "on"
                paragraph += f" {said.capitalize()} {earlier.day} {months[earlier.month - 1]} "
                paragraph += f"{earlier.year} {rng.choice(event.words)} {self.vocab[7]}."
            body.append(paragraph)
            words += len(paragraph.split())
        return body

    def boilerplate(self, is_id: bool) -> tuple[list[str], list[str]]:
        """Return (lines to scatter in the body, lines to put after it)."""
        rng = self.rng

        def other_headline() -> str:
            return " ".join(w.capitalize() for w in rng.sample(self.vocab[:3000], 6))

        label = "Baca juga:" if is_id else "Read also:"
        scattered = [f"{label} {other_headline()}" for _ in range(2)]
        after = [f"Editor: {proper_name(rng)} {proper_name(rng)}"]
        if is_id and rng.random() < 0.6:
            after += ["Terkini Lainnya", *(f"- {other_headline()}" for _ in range(5))]
        return scattered, after


def render_file(
    writer: Writer, event: Event, number: int, as_markdown: bool, undated_share: float = 0.0
) -> tuple[str, str, str]:
    """Return (file name, text, language) of article `number` about `event`.

    A share `undated_share` of articles carries no date the loader can read.
    """
    rng = writer.rng
    is_id = rng.random() < 0.7
    undated = undated_share > 0 and rng.random() < undated_share
    day = event.day + timedelta(days=rng.randint(0, 3))
    outlet = rng.choice(OUTLETS)
    title = writer.headline(event, is_id)
    paragraphs = writer.paragraphs(event, is_id, day, outlet, undated)
    scattered, after = writer.boilerplate(is_id)
    for line in scattered:
        paragraphs.insert(rng.randint(2, len(paragraphs)), line)
    paragraphs += after
    language = "id" if is_id else "en"
    stem = f"{number:06d}_{rng.getrandbits(32):08x}"
    if not as_markdown:
        if not is_id and not undated:
            # English pages as scraped carry a time stamp line under the headline.
            paragraphs.insert(0, f"{day.day} {EN_MONTHS[day.month - 1][:3]} {day.year}, 09:15")
        return f"{stem}.txt", "\n".join([title, *paragraphs]) + "\n", language
    front = [
        "---",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        *([] if undated else [f"date: {day.isoformat()}"]),
        f"outlet: {json.dumps(outlet)}",
        f"url: https://example.org/{language}/{stem}",
        f"language: {language}",
        "---",
    ]
    return f"{stem}.md", "\n".join(front) + "\n\n" + "\n\n".join(paragraphs) + "\n", language


def generate(
    out: Path, articles: int, seed: int = 1, fmt: str = "mixed", undated_share: float = 0.0
) -> dict[str, str]:
    """Write `articles` files into `out` and return file name → planted event label."""
    rng = random.Random(seed)
    vocab, cum_weights = vocabulary(rng)
    plan = plan_events(rng, articles, vocab)
    slots = [event for event, size in plan for _ in range(size)]
    rng.shuffle(slots)
    writer = Writer(rng, vocab, cum_weights)
    out.mkdir(parents=True, exist_ok=True)
    truth: dict[str, str] = {}
    for number, event in enumerate(slots):
        as_markdown = fmt == "md" or (fmt == "mixed" and number % 2 == 0)
        name, text, _ = render_file(writer, event, number, as_markdown, undated_share)
        (out / name).write_text(text, encoding="utf-8")
        truth[name] = f"event-{event.number:06d}"
    return truth


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the articles into")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=("mixed", "md", "txt"), default="mixed")
    parser.add_argument(
        "--undated", type=float, default=0.0, help="share of articles with no readable date"
    )
    args = parser.parse_args(argv)
    truth = generate(args.out / "articles", args.articles, args.seed, args.format, args.undated)
    (args.out / "gold.json").write_text(json.dumps(truth, indent=0, sort_keys=True) + "\n")
    events = len(set(truth.values()))
    print(f"wrote {len(truth)} articles in {events} planted events to {args.out / 'articles'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
