"""A group that blends two events of one kind is cut in two, and only such a group."""

from __future__ import annotations

import itertools
import shutil
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from conftest import apart_in_days, explain_cli, explain_line

from digest import cluster, contrast, evaluate
from digest.config import ClusterParams
from digest.features import Features
from digest.model import Article, DateValue, Granularity

ECB = Path(__file__).parent / "corpora" / "ecbplus-dev"


def _features(i: int, body: dict[str, float], names: set[str]) -> Features:
    lead = {"#" + str(i): 1.0}
    return Features(f"a{i:02d}", lead, body, {n: 1.0 for n in names}, frozenset(names), None)


def _blend() -> tuple[list[Features], dict[tuple[int, int], float]]:
    """Eight reports of one kind: the first four name Rahman, the last four Thompson.

    Every report shares the topic's words; each half has words of its own. Similarities:
    0.4 within a half, 0.2 across (linkage at 0.14 would keep all eight together).
    """
    topic = {"heavyweight": 0.5, "title": 0.5, "round": 0.5}
    features = []
    for i in range(8):
        first = i < 4
        own = {"mannheim": 0.4, "seventh": 0.3} if first else {"bern": 0.4, "sixth": 0.3}
        body = {**topic, **own, f"word{i}": 0.2}
        names = {"klitschko", "rahman" if first else "thompson", f"witness{i}"}
        features.append(_features(i, body, names))
    sims = {
        (i, j): 0.4 if (i < 4) == (j < 4) else 0.2 for i, j in itertools.combinations(range(8), 2)
    }
    return features, sims


def test_halves_finds_two_blocks() -> None:
    similar = np.full((6, 6), 0.1)
    for block in ([0, 2, 4], [1, 3, 5]):
        for i, j in itertools.product(block, block):
            similar[i, j] = 0.9
    assert contrast.halves(similar) == ([0, 2, 4], [1, 3, 5])


def test_a_blend_of_two_protagonists_is_cut_in_two() -> None:
    features, sims = _blend()
    groups, splits = contrast.split_blended([list(range(8))], sims, features, [None] * 8, 5)
    assert groups == [[0, 1, 2, 3], [4, 5, 6, 7]]
    (split,) = splits
    assert set(split.names) == {"rahman", "thompson"}
    assert split.between == pytest.approx(0.2)
    assert split.within == pytest.approx(0.4)


def test_one_event_is_not_cut() -> None:
    features, sims = _blend()
    # Both halves name both fighters: nothing holds either half apart.
    both = [
        Features(f.article_id, f.lead, f.body, f.lead_names, f.names | {"rahman", "thompson"}, None)
        for f in features
    ]
    assert contrast.split_blended([list(range(8))], sims, both, [None] * 8, 5)[1] == []
    # The halves are nearly as similar to each other as within: angles of one event.
    close = {pair: 0.4 if s == 0.4 else 0.3 for pair, s in sims.items()}
    assert contrast.split_blended([list(range(8))], close, features, [None] * 8, 5)[1] == []
    # Too small: halves of three are angles as often as events.
    small = [features[i] for i in (0, 1, 2, 4, 5, 6)]
    small_sims = {
        (a, b): sims[(i, j)]
        for (a, i), (b, j) in itertools.combinations(enumerate((0, 1, 2, 4, 5, 6)), 2)
    }
    assert contrast.split_blended([list(range(6))], small_sims, small, [None] * 6, 5)[1] == []


def test_languages_and_copies_are_not_cut_apart() -> None:
    features, sims = _blend()
    # Each half in its own language: the names differ by language, not by event.
    by_language = ["en"] * 4 + ["id"] * 4
    assert contrast.split_blended([list(range(8))], sims, features, by_language, 5)[1] == []
    # A story syndicated into both halves stays in one event.
    copies = [[0, 7]]
    assert contrast.split_blended([list(range(8))], sims, features, [None] * 8, 5, copies)[1] == []


def test_halves_dated_to_the_same_days_stay_one_event() -> None:
    features, sims = _blend()
    day = DateValue(date(2024, 11, 20))
    dated = [replace(f, date=replace(day, value=day.value + timedelta(days=i % 3))) for i, f in
             enumerate(features)]  # fmt: skip
    assert contrast.split_blended([list(range(8))], sims, dated, [None] * 8, 5)[1] == []
    # A month is no day: it cannot show the halves are the same few days.
    month = [replace(f, date=DateValue(date(2024, 11, 1), Granularity.MONTH)) if i < 4 else f
             for i, f in enumerate(dated)]  # fmt: skip
    assert len(contrast.split_blended([list(range(8))], sims, month, [None] * 8, 5)[1]) == 1


@pytest.fixture(scope="module")
def ecb() -> tuple[list[Article], dict[str, str]]:
    articles = evaluate.load_articles(ECB / "articles")
    return articles, evaluate.gold_by_article(evaluate.read_gold(ECB / "gold.json"), articles)


def test_ecb_splits_only_cut_between_events(ecb: tuple[list[Article], dict[str, str]]) -> None:
    """On all 462 real ECB+ articles, every split separates two gold events, or two stretches
    of days of one (`apart_in_days`: ECB+ labels a story's arc one event, the brief its
    happenings), and no gold event is cut otherwise: the split of one star's rehab story
    (the clinic in some reports, her lawyer in others, all dated to the same two days) is
    what the date guard stops."""
    articles, labels = ecb
    by_id = {a.id: a for a in articles}
    clustering = cluster.cluster_with_copies(articles, ClusterParams())
    assert len(clustering.splits) >= 3
    between = 0
    for split in clustering.splits:
        if {labels[a] for a in split.first} & {labels[a] for a in split.second}:
            assert apart_in_days(split.first, split.second, by_id), split.first
        else:
            between += 1
    assert between >= 3


def test_ecb_topics_of_two_events_come_apart(ecb: tuple[list[Article], dict[str, str]]) -> None:
    """ECB+ topics 5, 7 and 12 alone: the older reports carry no date, and linkage alone
    kept topic 7's two events together (a boxer's two title fights four years apart).

    Topic 5 is here as company, and is not held to its gold: since a page's stamp is no
    longer its lead (thirtieth session), topic 5's one page on a player's signing (dated
    July 2005) joins its undated coach's firing of 2008 at 0.134, the threshold being 0.130
    (`digest explain 5_9ecbplus 5_14ecb` on these three topics). With all 462 articles the
    two stay apart (`test_labelled_corpora_keep_their_scores`)."""
    articles, labels = ecb
    chosen = [a for a in articles if Path(a.path).name.split("_")[0] in {"5", "7", "12"}]
    clustering = cluster.cluster_with_copies(chosen, ClusterParams())
    mixed = [g for g in clustering.groups if len({labels[a] for a in g}) > 1]
    assert [g for g in mixed if any(not a.startswith("5_") for a in g)] == []
    assert clustering.splits


def test_explain_names_the_split(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for topic in ("5", "7", "12"):
        for path in sorted((ECB / "articles").glob(f"{topic}_*")):
            shutil.copy(path, seeds / path.name)
    out = explain_cli("7_1ecb", "7_1ecbplus", seeds)
    assert "DIFFERENT events" in out
    line = explain_line(out, "split")
    assert "'rahman'" in line and "cut in two" in line


def test_spelling_variants_are_one_name() -> None:
    features, sims = _blend()
    # The second half writes the first half's protagonist another way ("Rahmann"): a
    # name both halves mention, so nothing holds the first half apart.
    variants = [
        replace(f, names=f.names | {"rahmann"}) if i >= 4 else f for i, f in enumerate(features)
    ]
    assert contrast.split_blended([list(range(8))], sims, variants, [None] * 8, 5)[1] == []


def test_without_the_date_guard_one_story_would_be_cut(
    ecb: tuple[list[Article], dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the date guard is for, on real articles: ignoring the dates, one ECB+ event
    (18 reports of one rehab check-in, all dated to the same two days) is cut in two."""
    articles, labels = ecb
    by_id = {a.id: a for a in articles}
    monkeypatch.setattr(contrast, "same_days", lambda *args: False)
    clustering = cluster.cluster_with_copies(articles, ClusterParams())
    cut = [
        s
        for s in clustering.splits
        if {labels[a] for a in s.first} & {labels[a] for a in s.second}
        and not apart_in_days(s.first, s.second, by_id)  # (a story's arc: see above)
    ]
    assert len(cut) == 1


def test_cheap_checks_agree_with_the_full_ones() -> None:
    """`_may_split` only skips groups `try_split` would keep whole."""
    features, sims = _blend()
    members = list(range(8))
    assert contrast._may_split(members, features, 5)
    both = [replace(f, names=f.names | {"rahman", "thompson"}) for f in features]
    assert not contrast._may_split(members, both, 5)
    day = DateValue(date(2024, 11, 20))
    dated = [replace(f, date=day) for f in features]
    assert not contrast._may_split(members, dated, 5)
    for variant in (both, dated):
        assert contrast.try_split(members, sims, variant, [None] * 8, {}, 5) is None


# A report of another event cut from its group (`contrast.split_odd`).

SEEDS = Path(__file__).parent / "corpora" / "seeds"
HARDCASES = Path(__file__).parent / "corpora" / "hardcases"


def _visit(i: int, person: str, day: int | None = None) -> Features:
    """A report whose lead is about `person` (met by "kim"), dated to a day or not."""
    people = (frozenset({person}), frozenset({"kim"}))
    names = frozenset({person, "kim", "pyongyang"})
    dated = DateValue(date(2024, 11, day)) if day else None
    return replace(_features(i, {"visit": 1.0}, set(names)), lead_people=people, date=dated)


def _local(value: float) -> contrast.LocalSimilarity:
    """Local similarities: 0.5 among the first members, `value` from the last to them."""

    def similar(members: list[int]) -> np.ndarray:
        n = len(members)
        matrix = np.full((n, n), 0.5)
        matrix[-1, :] = matrix[:, -1] = value
        return matrix

    return similar


def test_a_report_about_another_person_is_cut_from_its_group() -> None:
    features = [_visit(0, "belousov", 29), _visit(1, "belousov"), _visit(2, "belousov"),
                _visit(3, "kozlov")]  # fmt: skip
    groups, cuts = contrast.split_odd([[0, 1, 2, 3]], features, ["id"] * 4, 5, _local(0.1))
    assert groups == [[0, 1, 2], [3]]
    assert [(c.first, c.second, c.names, c.odd) for c in cuts] == [
        ((3,), (0, 1, 2), ("kozlov", "belousov"), True)
    ]


@pytest.mark.parametrize(
    "change",
    ["names the others' person", "much like the others", "alone in its language",
     "same days", "a copy"],
)  # fmt: skip
def test_a_report_stays_when_any_test_fails(change: str) -> None:
    features = [_visit(0, "belousov", 29), _visit(1, "belousov"), _visit(2, "belousov"),
                _visit(3, "kozlov")]  # fmt: skip
    languages: list[str | None] = ["id"] * 4
    local, copies = _local(0.1), []
    if change == "names the others' person":  # e.g. "after Belousov's visit, Kozlov ..."
        features[3] = replace(features[3], names=features[3].names | {"belousov"})
    elif change == "much like the others":
        local = _local(0.3)  # more than half the others' 0.5 to each other
    elif change == "alone in its language":
        languages[3] = "en"
    elif change == "same days":
        features[3] = replace(features[3], date=DateValue(date(2024, 11, 27)))
    else:
        copies = [[2, 3]]
    groups, cuts = contrast.split_odd([[0, 1, 2, 3]], features, languages, 5, local, copies)
    assert groups == [[0, 1, 2, 3]] and cuts == []


def test_two_visits_of_one_topic_stay_apart_in_a_mixed_folder(tmp_path: Path) -> None:
    """The seeds without their third event (real reports: a defence minister's visit to
    Pyongyang, three reports, and another minister's meeting with Kim, one undated report),
    in a folder with the hardcases. Words every report of the topic shares ("Rusia",
    "Korea Utara", "Kim") are rare in the folder, so they make the two events similar
    (0.35-0.39 a pair); the meeting's report is about a minister the visit's reports never
    name, and scored among the four alone it is far less like them than they are to each
    other. Before the cut, the two events were one whenever any other articles were in the
    folder; alone, the four were apart."""
    gold = {
        name: event
        for name, event in evaluate.read_gold(SEEDS / "gold.json").items()
        if event != "north-korea-ratifies-treaty"
    }
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in gold:
        shutil.copy(SEEDS / "articles" / name, folder / name)
    for path in (HARDCASES / "articles").iterdir():
        shutil.copy(path, folder / path.name)
    articles = evaluate.load_articles(folder)
    seeds = evaluate.gold_by_article(gold, articles)
    clustering = cluster.cluster_with_copies(articles, ClusterParams())
    labels = evaluate.labels_of(clustering.groups)
    assert evaluate.bcubed(seeds, {a: labels[a] for a in seeds}).f1 == 1.0
    assert [s.split.odd for s in clustering.splits] == [True]
