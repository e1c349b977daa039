"""The fast clustering machinery gives exactly what straightforward code gives, on real corpora.

Each fast part (TF-IDF vectors without a full sort, near-duplicates from one sorted array,
date-gated candidate pairs from the index, the heap linkage) is checked against a plain
reimplementation on every labelled corpus in tests/corpora and on a synthetic one, and the
whole clustering against a shuffled input and a different number of workers.
"""

from __future__ import annotations

import math
import os
import pickle
import random
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from digest import cluster, duplicates, evaluate, features
from digest.config import ClusterParams
from digest.features import featurize_corpus
from digest.model import Article, NameKind
from digest.text import (
    STOPWORDS,
    TERM_FOLDING,
    extract_names,
    fold_words,
    name_tokens,
    number_tokens,
    raw_words,
    tokenize,
)
from digest.workers import Workers

REPO = Path(__file__).resolve().parent.parent
CORPORA = sorted(p.parent.name for p in (REPO / "tests" / "corpora").glob("*/gold.json"))


@pytest.fixture(scope="module")
def corpora() -> dict[str, list[Article]]:
    with Workers(2) as workers:
        loaded = {
            name: evaluate.load_articles(REPO / "tests" / "corpora" / name / "articles", workers)
            for name in CORPORA
        }
    loaded["synthetic"] = synthetic_articles(150)
    return loaded


def synthetic_articles(count: int) -> list[Article]:
    """Articles from benchmarks/corpus.py, as the cluster benchmark makes them."""
    import importlib.util

    path = REPO / "benchmarks" / "cluster_bench.py"
    spec = importlib.util.spec_from_file_location("cluster_bench_for_tests", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    articles, _ = module.make_articles(count, seed=7)
    return articles


ALL = [*CORPORA, "synthetic"]


def reference_tfidf(counts, max_terms=None):
    """The first implementation: sort every weighted term, keep the head, sort by term."""
    df = features.document_frequencies(c.keys() for c in counts)
    n = len(counts)
    vectors = []
    for count in counts:
        vector = {
            t: (1.0 + math.log(c)) * features.idf(df[t], n) for t, c in count.items() if c > 0
        }
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        kept = sorted(vector.items(), key=lambda tv: (-tv[1], tv[0]))[:max_terms]
        vectors.append({t: v / norm for t, v in sorted(kept) if v > 0})
    return vectors


def reference_copies(articles: Sequence[Article]) -> list[tuple[str, str]]:
    """Shared 5-grams counted in a dict of every 5-gram, all of them."""
    ordered = sorted(articles, key=lambda a: a.id)
    sets = []
    for a in ordered:
        words = [w for p in a.paragraphs for w in tokenize(p)]
        sets.append({tuple(words[i : i + 5]) for i in range(len(words) - 4)})
    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, grams in enumerate(sets):
        for g in grams:
            postings[g].append(index)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for members in postings.values():
        if 1 < len(members) <= duplicates.MAX_POSTING:
            for x, i in enumerate(members):
                for j in members[x + 1 :]:
                    shared[(i, j)] += 1
    return [
        (ordered[i].id, ordered[j].id)
        for (i, j), count in sorted(shared.items())
        if count / min(len(sets[i]), len(sets[j])) >= duplicates.MIN_OVERLAP
    ]


def reference_similarities(fs: Sequence[features.Features], params: ClusterParams):
    """Every pair that shares an index term, no date gate, scored by `similarity`."""
    postings: dict[str, list[int]] = defaultdict(list)
    for index, f in enumerate(fs):
        for term in cluster.index_terms(f):
            postings[term].append(index)
    pairs = {
        (i, j)
        for members in postings.values()
        if len(members) <= cluster.MAX_POSTING
        for x, i in enumerate(members)
        for j in members[x + 1 :]
    }
    sims = {}
    for i, j in sorted(pairs):
        s = cluster.similarity(fs[i], fs[j], params)
        if s > 0:
            sims[(i, j)] = s
    return sims


def reference_read_terms(article: Article):
    """The first implementation: every word filtered and counted one by one."""
    lead: Counter[str] = Counter()
    body: Counter[str] = Counter()
    lower: set[str] = set()
    seen = 0
    for index, paragraph in enumerate((article.title, *article.paragraphs)):
        written = raw_words(paragraph)
        lower.update({w for w in written if w.islower()})
        folded = fold_words([w.lower() for w in written], TERM_FOLDING)
        content = [w for w in folded if len(w) > 2 and w not in STOPWORDS]
        (lead if index == 0 or seen < features.LEAD_WORDS else body).update(content)
        if index > 0:
            seen += len(written)
    body.update(lead)
    return lead, body, lower


def reference_name_tokens(article: Article, common: set[str]):
    """The first implementation: each name's tokens minus the common words, then numbers."""
    lead: set[str] = set()
    every: set[str] = set()
    for name in article.names:
        tokens = set(name_tokens(name.text)) - common
        every |= tokens
        if name.first_paragraph <= features.LEAD_NAME_PARAGRAPHS:
            lead |= tokens
    for index, paragraph in enumerate((article.title, *article.paragraphs)):
        numbers = set(number_tokens(paragraph))
        every |= numbers
        if index <= features.LEAD_NAME_PARAGRAPHS:
            lead |= numbers
    return lead, every


@pytest.mark.parametrize("name", ALL)
def test_read_article_matches_the_plain_word_loops(corpora, name: str) -> None:
    articles = corpora[name]
    records = [features.read_article(a) for a in articles]
    common: set[str] = set()
    for article, terms in zip(articles, records, strict=True):
        lead, body, lower = reference_read_terms(article)
        assert list(terms.lead.items()) == list(lead.items())  # same order: the norm's sum
        assert list(terms.body.items()) == list(body.items())
        assert terms.lower == tuple(sorted(lower))
        assert terms.estimated == features.estimate_date(article)
        common |= lower
    for article, terms in zip(articles, records, strict=True):
        expected = reference_name_tokens(article, common)
        assert features.article_name_tokens(article, common, terms) == expected
        assert features.article_name_tokens(article, common) == expected
        people = {
            tokens
            for name in article.names
            if name.kind is NameKind.PERSON
            and name.count >= features.PERSON_MENTIONS
            and name.first_paragraph <= features.LEAD_NAME_PARAGRAPHS
            and (tokens := frozenset(name_tokens(name.text)) & expected[1])
        }
        assert features.lead_people(terms, expected[1]) == tuple(sorted(people, key=sorted))


@pytest.mark.parametrize("name", ALL)
def test_shingles_count_every_distinct_five_gram(corpora, name: str) -> None:
    for article in corpora[name]:
        words = [w for p in article.paragraphs for w in tokenize(p)]
        distinct = {tuple(words[i : i + 5]) for i in range(len(words) - 4)}
        grams = duplicates.shingles(article)
        assert len(grams) == len(distinct)
        assert len(set(grams.tolist())) == len(grams)
        assert grams.tobytes() == features.read_article(article).shingles


def test_shingle_hashes_are_the_same_in_every_process() -> None:
    """The cache keeps them between builds, and Python's own str hash changes per run."""
    words = ["gempa", "garut", "x" * 33, "x" * 34, "é" * 20, "y" * 32, "gempa", "garut", "ok"]
    script = (
        "import sys; from digest import duplicates; "
        f"sys.stdout.write(duplicates.shingle_hashes({words!r}).tobytes().hex())"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert runs == {duplicates.shingle_hashes(words).tobytes().hex()}
    hashes = duplicates.word_hashes(words)
    assert len(set(hashes.tolist())) == len(set(words))  # long words too: not cut at 32 bytes
    assert len(duplicates.shingle_hashes(words)) == 5
    assert len(duplicates.shingle_hashes(words[:4])) == 0


@pytest.mark.parametrize("name", ALL)
def test_featurize_with_known_records_equals_reading_everything(corpora, name: str) -> None:
    params = ClusterParams()
    ordered = sorted(corpora[name], key=lambda a: a.id)
    known = {a.id: features.read_article(a) for a in ordered[::2]}
    assert features.featurize(ordered, params, known) == features.featurize(ordered, params)


@pytest.mark.parametrize("block", [features.TFIDF_BLOCK, 1, 7])
@pytest.mark.parametrize("name", ALL)
def test_tfidf_vectors_match_the_plain_computation(
    corpora, name: str, block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Also when the articles are weighed in blocks of any size (a large corpus's are)."""
    monkeypatch.setattr(features, "TFIDF_BLOCK", block)
    counts = [reference_read_terms(a) for a in sorted(corpora[name], key=lambda a: a.id)]
    for part, cap in ((0, None), (1, features.BODY_TERMS), (1, 20)):
        got = features.tfidf_vectors([c[part] for c in counts], cap)
        expected = reference_tfidf([c[part] for c in counts], cap)
        assert got == expected
        assert [list(v) for v in got] == [list(v) for v in expected]  # same term order


def test_tfidf_vectors_of_nothing() -> None:
    assert features.tfidf_vectors([]) == []
    odd = [Counter(), Counter({"gempa": 2, "garut": 1}), Counter({"gempa": 1, "tiada": 0})]
    assert features.tfidf_vectors(odd, 1) == reference_tfidf(odd, 1)
    assert features.tfidf_vectors(odd) == reference_tfidf(odd)


def test_tfidf_blocks_with_empty_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(features, "TFIDF_BLOCK", 1)
    odd = [Counter(), Counter({"gempa": 2, "garut": 1}), Counter(), Counter({"gempa": 1})]
    assert features.tfidf_vectors(odd) == reference_tfidf(odd)
    assert features.tfidf_vectors(odd, 1) == reference_tfidf(odd, 1)


@pytest.mark.parametrize("name", ALL)
def test_near_duplicates_match_a_dict_of_every_shingle(corpora, name: str) -> None:
    assert duplicates.near_duplicate_pairs(corpora[name]) == reference_copies(corpora[name])


def reference_counted_entries(hashes: np.ndarray, owners: np.ndarray):
    """`duplicates._counted_entries` as it was: an index of every run's start."""
    ordered = np.sort(hashes)
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    lengths = np.diff(np.append(starts, len(ordered)))
    counted = ordered[starts[(lengths > 1) & (lengths <= duplicates.MAX_POSTING)]]
    keep = np.isin(hashes, counted)
    return hashes[keep], owners[keep]


@pytest.mark.parametrize("seed", range(6))
def test_counted_entries_match_the_plain_runs(monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    monkeypatch.setattr(duplicates, "LOOKUP_BLOCK", 7)  # blocks of the lookup too
    rng = np.random.default_rng(seed)
    size = int(rng.integers(0, 400))
    # Few distinct values (runs of every length, some past MAX_POSTING), colliding low bits.
    pool = rng.integers(-(2**62), 2**62, size=max(1, size // 20)) | (1 << 30)
    hashes = rng.choice(pool, size=size).astype(np.int64)
    hashes[: size // 3] = rng.integers(-(2**62), 2**62, size=size // 3)  # mostly unique ones
    sizes = np.bincount(rng.integers(0, 50, size=size), minlength=50)  # some articles empty
    owners = np.repeat(np.arange(50, dtype=np.int32), sizes)
    found, expected = (
        duplicates._counted_entries(hashes, sizes),
        reference_counted_entries(hashes, owners),
    )
    assert np.array_equal(found[0], expected[0]) and np.array_equal(found[1], expected[1])
    spilled = duplicates.SpilledHashes()  # the same read back from a scratch file
    for at in range(0, size, 13):
        spilled.append(hashes[at : at + 13].tobytes())
    found = duplicates._counted_entries(spilled, sizes)
    assert np.array_equal(found[0], expected[0]) and np.array_equal(found[1], expected[1])
    spilled.close()


def test_the_corpora_hold_copies_for_the_comparison_to_mean_something(corpora) -> None:
    assert len(duplicates.near_duplicate_pairs(corpora["ecbplus-dev"])) >= 10
    assert duplicates.copy_groups(corpora["hardcases"])


@pytest.mark.parametrize("name", ALL)
def test_pair_similarities_match_similarity_on_every_index_pair(corpora, name: str) -> None:
    params = ClusterParams()
    fs = features.featurize(sorted(corpora[name], key=lambda a: a.id), params)
    got = cluster.pair_similarities(fs, params)
    expected = reference_similarities(fs, params)
    assert got == expected  # same pairs, same bits: the bulk cosines are exact


@pytest.mark.parametrize("name", ALL)
def test_clustering_ignores_input_order(corpora, name: str) -> None:
    params = ClusterParams()
    articles = corpora[name]
    shuffled = list(articles)
    random.Random(5).shuffle(shuffled)
    first = cluster.cluster_events(articles, params, duplicates.copy_groups(articles))
    second = cluster.cluster_events(shuffled, params, duplicates.copy_groups(shuffled))
    assert first.groups == second.groups
    assert first.sims == second.sims


def test_a_rebuild_reads_the_clustering_records_from_the_cache(corpora, tmp_path: Path) -> None:
    from digest.build import Helpers, read_for_clustering
    from digest.cache import BuildCache

    articles = corpora["hardcases"]
    keys = {a.id: f"key-{a.id}" for a in articles}
    first = BuildCache.open(tmp_path, "v1")
    fresh = read_for_clustering(articles, keys, Helpers(cache=first))
    assert (first.hits, first.misses) == (0, len(articles))
    first.close()
    kept = (tmp_path / features.STORE_FILE).stat()
    second = BuildCache.open(tmp_path, "v1")
    again = read_for_clustering(articles, keys, Helpers(cache=second))
    assert (second.hits, second.misses) == (0, 0)  # the kept store had every record
    unchanged = (tmp_path / features.STORE_FILE).stat()  # nothing to write again
    assert (unchanged.st_ino, unchanged.st_mtime_ns) == (kept.st_ino, kept.st_mtime_ns)
    second.close()
    (tmp_path / features.STORE_FILE).unlink()
    third = BuildCache.open(tmp_path, "v1")
    once_more = read_for_clustering(articles, keys, Helpers(cache=third))
    assert (third.hits, third.misses) == (len(articles), 0)  # kept in the database too
    third.close()
    # The store gives them back (a build's counts the lower-case words, keeps them not).
    plain = {a.id: replace(features.read_article(a), lower=()) for a in articles}
    assert dict(again.items()) == dict(fresh.items()) == dict(once_more.items()) == plain


def _store_outputs(store: features.TermStore, articles: Sequence[Article]) -> tuple:
    """Return all a build reads from a store: features, vectors, copies."""
    rows = np.array([store.row(a.id) for a in articles])
    lower = store.lower_counts(rows)
    fs, leads, bodies = featurize_corpus(articles, ClusterParams(), store)
    copies = duplicates.copy_groups_of(*store.take_all_shingles())
    arrays = [v.tolist() for vs in (leads, bodies) for v in (vs.ids, vs.weights, vs.sizes)]
    return lower, fs, leads.terms, bodies.terms, arrays, copies


def test_a_kept_store_after_changes_gives_what_a_fresh_one_gives(corpora, tmp_path: Path) -> None:
    """Articles added, changed and removed since the store was kept: the kept store, with
    the old records taken out and the new ones added, gives the same bits as a fresh one."""
    from digest.build import Helpers, read_for_clustering
    from digest.cache import BuildCache

    articles = sorted(corpora["hardcases"], key=lambda a: a.id)
    before = articles[:-4]  # the last four are new in the second build
    first = BuildCache.open(tmp_path, "v1")
    read_for_clustering(before, {a.id: f"key-{a.id}" for a in before}, Helpers(cache=first))
    first.close()
    changed = replace(articles[3], title=articles[9].title, paragraphs=articles[9].paragraphs)
    after = [*articles[:3], changed, *articles[4:5], *articles[7:]]  # two gone, one changed
    keys = {a.id: f"key-{a.id}" for a in after} | {changed.id: "key-changed"}
    second = BuildCache.open(tmp_path, "v1")
    kept = read_for_clustering(after, keys, Helpers(cache=second))
    second.close()
    assert kept.removed == 3  # the changed record and the two gone ones
    assert (second.hits, second.misses) == (0, 5)  # only the new and the changed were read
    fresh = read_for_clustering(after, keys, Helpers())  # no cache: made afresh
    assert fresh.removed == 0
    assert duplicates.copy_groups(after), "the corpus holds copies for the comparison"
    assert _store_outputs(kept, after) == _store_outputs(fresh, after)


def test_a_kept_store_is_made_afresh_when_much_is_gone_or_of_another_version(
    corpora, tmp_path: Path
) -> None:
    articles = sorted(corpora["hardcases"], key=lambda a: a.id)
    keys = {a.id: f"key-{a.id}" for a in articles}
    store = features.TermStore(spill=True, keep_lower=False, folder=tmp_path)
    store.add_many((a.id, features.read_article(a)) for a in articles)
    assert store.save(keys, "v1")
    half = dict(list(keys.items())[: len(keys) // 2])
    assert features.TermStore.resume(tmp_path, half, "v1", 0.25) is None
    assert features.TermStore.resume(tmp_path, keys, "v2", 0.25) is None
    resumed = features.TermStore.resume(tmp_path, half, "v1", 0.6)
    assert resumed is not None and len(resumed) == len(half)
    assert resumed.removed == len(articles) - len(half)
    resumed.close()
    # Kept in an older layout of the files (format 1, or none: int64 lower-case words).
    path = tmp_path / features.STORE_FILE
    with open(path, "rb") as source:
        meta, tail = pickle.load(source), source.read()
    older = {**meta, "format": features.STORE_FORMAT - 1}
    for old in (older, {name: v for name, v in meta.items() if name != "format"}):
        path.write_bytes(pickle.dumps(old) + tail)
        assert features.TermStore.resume(tmp_path, keys, "v1", 0.25) is None
    path.write_bytes(pickle.dumps(meta) + tail)  # the same bytes in the layout of today
    again = features.TermStore.resume(tmp_path, keys, "v1", 0.25)
    assert again is not None and dict(again.items()) == dict(store.items())
    again.close()
    path.write_bytes(b"damaged")
    assert features.TermStore.resume(tmp_path, keys, "v1", 0.25) is None


def test_a_kept_store_holds_its_lower_case_words_as_4_byte_numbers(
    corpora, tmp_path: Path, monkeypatch
) -> None:
    """`terms.lower` holds each record's lower-case words as int32 word numbers, one
    record after another (half the file int64 numbers made); past int32, a clear error."""
    articles = sorted(corpora["hardcases"], key=lambda a: a.id)
    records = [(a.id, features.read_article(a)) for a in articles]
    store = features.TermStore(spill=True, keep_lower=False, folder=tmp_path)
    store.add_many(records)
    assert store.save({a.id: a.id for a in articles}, "v1")
    lower = [word for _, terms in records for word in terms.lower]
    assert len(lower) > 500
    assert (tmp_path / features.LOWER_FILE).stat().st_size == 4 * len(lower)
    numbers = np.fromfile(tmp_path / features.LOWER_FILE, dtype=np.int32)
    assert [store.words[n] for n in numbers.tolist()] == lower
    store.close()
    monkeypatch.setattr(features, "MOST_WORDS", 100)
    with pytest.raises(ValueError, match="too many to number as int32"):
        features.TermStore().add_many(records)


def test_the_term_store_gives_the_features_of_the_records(corpora) -> None:
    """A build's records in a `TermStore` (read in any order, with records of articles
    not featurized) give the features of the plain records, and are emptied with consume."""
    params = ClusterParams()
    articles = sorted(corpora["hardcases"], key=lambda a: a.id)
    plain = features.featurize_corpus(articles, params)
    store = features.TermStore()
    shuffled = list(articles)
    random.Random(3).shuffle(shuffled)
    store.add_many((a.id, features.read_article(a)) for a in shuffled[:-5])
    fs, leads, bodies = features.featurize_corpus(articles, params, store)
    assert fs == plain[0] and len(store) == len(articles)  # the missing five were added
    assert (leads.terms, leads.ids.tolist(), leads.weights.tolist(), leads.sizes.tolist()) == (
        plain[1].terms,
        plain[1].ids.tolist(),
        plain[1].weights.tolist(),
        plain[1].sizes.tolist(),
    )
    assert bodies.ids.tolist() == plain[2].ids.tolist()
    assert bodies.weights.tolist() == plain[2].weights.tolist()
    shingles = store.shingle_arrays()
    assert all(shingles[a.id].tolist() == duplicates.shingles(a).tolist() for a in articles)
    ids = [a.id for a in articles]
    hashes, sizes = store.take_shingles(ids)
    assert hashes.tolist() == np.concatenate([shingles[i] for i in ids]).tolist()
    assert duplicates.copy_groups_of(ids, hashes, sizes) == duplicates.copy_groups(articles)
    assert duplicates.copy_groups(articles)  # the comparison means something
    part, _, _ = features.featurize_corpus(articles[: len(articles) // 2], params, store, True)
    assert part == features.featurize(articles[: len(articles) // 2], params)
    assert len(store) == 0


def test_a_store_that_counts_lower_case_words_gives_the_same_features(corpora) -> None:
    """A store that counts each word's lower-case writers as records come (`keep_lower`
    off, as a build's) gives the counts and features of one that keeps the words, and
    refuses to count a part of its records."""
    params = ClusterParams()
    articles = sorted(corpora["ecbplus-dev"], key=lambda a: a.id)
    stores = []
    for keep in (True, False):
        store = features.TermStore(keep_lower=keep)
        for start in range(0, len(articles), 100):
            block = articles[start : start + 100]
            store.add_many((a.id, features.read_article(a)) for a in block)
        stores.append(store)
    rows = np.arange(len(articles))[::-1].copy()
    counted = stores[1].lower_counts(rows)
    assert counted == stores[0].lower_counts(rows)
    assert list(counted) == list(stores[0].lower_counts(rows))  # in the same order too
    with pytest.raises(ValueError):
        stores[1].lower_counts(rows[:10])
    plain = features.featurize_corpus(articles, params)[0]
    assert features.featurize_corpus(articles, params, stores[1])[0] == plain


@pytest.mark.parametrize("spill", [False, True])
def test_the_term_store_hands_over_its_shingles_in_the_order_they_came(corpora, spill) -> None:
    """`TermStore.take_all_shingles` (in memory or spilled to a scratch file) gives each
    record's 5-grams as they were added, and the copy groups of the plain copy finder."""
    articles = list(corpora["ecbplus-dev"])
    random.Random(5).shuffle(articles)
    store = features.TermStore(spill=spill)
    for start in range(0, len(articles), 100):  # several blocks
        store.add_many((a.id, features.read_article(a)) for a in articles[start : start + 100])
    assert dict(store.items()) == {a.id: features.read_article(a) for a in articles}
    ids, hashes, sizes = store.take_all_shingles()
    assert ids == [a.id for a in articles]
    flat = hashes.read(0, len(hashes)) if spill else hashes
    expected = [duplicates.shingles(a) for a in articles]
    assert flat.tolist() == np.concatenate(expected).tolist()
    assert sizes.tolist() == [len(x) for x in expected]
    assert duplicates.copy_groups_of(ids, hashes, sizes) == duplicates.copy_groups(articles)
    assert duplicates.copy_groups(articles)  # the comparison means something


@pytest.mark.parametrize("name", ALL)
def test_release_looks_only_at_groups_with_a_similar_article(corpora, name, monkeypatch) -> None:
    """The plain rule compares each undated report with every other group; groups where it
    has no similar article average 0, so the result must not change."""
    params = ClusterParams()
    articles = corpora[name]
    copies = duplicates.copy_groups(articles)
    fast = cluster.cluster_events(articles, params, copies)

    def every_group(groups, sims):
        return defaultdict(lambda: set(range(len(groups))))

    monkeypatch.setattr(cluster, "_groups_near", every_group)
    plain = cluster.cluster_events(articles, params, copies)
    assert fast == plain


def test_tfidf_vectors_of_long_articles_sum_their_norm_by_python() -> None:
    """Beyond `LOOP_TERMS` terms an article's norm is summed by Python's `sum` itself."""
    rng = random.Random(3)
    words = [f"kata{i}" for i in range(features.LOOP_TERMS + 500)]
    counts = [
        Counter({w: rng.randint(1, 9) for w in rng.sample(words, size)})
        for size in (features.LOOP_TERMS + 400, features.LOOP_TERMS, 3, 0, 700)
    ]
    for cap in (None, features.BODY_TERMS):
        got = features.tfidf_vectors(counts, cap)
        assert got == reference_tfidf(counts, cap)
        assert [list(v) for v in got] == [list(v) for v in reference_tfidf(counts, cap)]


@pytest.mark.parametrize("name", ALL)
def test_bulk_cosines_have_the_bits_of_cosine(corpora, name: str) -> None:
    fs = features.featurize(sorted(corpora[name], key=lambda a: a.id), ClusterParams())
    pairs = sorted({(i, j) for i in range(len(fs)) for j in range(i + 1, min(len(fs), i + 40))})
    table = np.array(pairs, dtype=np.int64)
    for part in ("lead", "body"):
        vectors = [getattr(f, part) for f in fs]
        expected = [features.cosine(vectors[i], vectors[j]) for i, j in pairs]
        assert features.bulk_cosines(vectors, table).tolist() == expected
    assert len(features.bulk_cosines([], np.zeros((0, 2), dtype=np.int64))) == 0


def test_rounded_sums_are_fsum_or_unsure() -> None:
    """Sums built to sit on rounding boundaries: each is fsum's result, or NaN (unsure)."""
    rng = random.Random(11)
    runs = [[], [0.0, 0.0], [1.0, 2.0**-53], [1.0, 2.0**-53, 2.0**-106], [2.0**-53, 1.0]]
    runs += [[0.5, 2.0**-54, 2.0**-54], [2.0**-1074] * 3, [0.25, 0.25, 2.0**-55]]
    for _ in range(3000):
        size = rng.randint(1, 30)
        run = [rng.random() * 10.0 ** rng.randint(-12, 0) for _ in range(size)]
        if rng.random() < 0.3:
            run += [2.0 ** rng.randint(-3, 0), 2.0 ** rng.randint(-60, -50)]
        runs.append(run)
    values = np.array([x for run in runs for x in run])
    sizes = np.array([len(run) for run in runs])
    got = features._rounded_sums(values, sizes).tolist()
    unsure = [g for g in got if math.isnan(g)]
    assert [g for g, run in zip(got, runs, strict=True) if g != math.fsum(run)] == unsure
    assert len(unsure) < len(runs) // 10


def test_rounded_sums_decide_ties_when_no_error_was_lost() -> None:
    """Two terms whose exact sum lies halfway between two floats: fsum rounds to even, and
    so does the bulk sum, since its errors were summed exactly (nothing left unsure)."""
    runs = [[1.0, 2.0**-53], [1.0 + 2.0**-52, 2.0**-53], [0.75, 0.5 + 2.0**-52], [0.5, 0.25]]
    values = np.array([x for run in runs for x in run])
    got = features._rounded_sums(values, np.array([len(run) for run in runs])).tolist()
    assert got == [math.fsum(run) for run in runs]


def test_linkage_of_the_linked_parts_alone_is_linkage_of_all_pairs() -> None:
    rng = random.Random(4)
    values = [0.05, 0.1, 0.13, 0.14, 0.2, 0.3, 0.6]
    sims = {(i, j): rng.choice(values) for i in range(60) for j in range(i + 1, 60)
            if rng.random() < 0.1}  # fmt: skip
    part = cluster.linked_parts(60, sims, 0.14)
    assert len(set(part)) > 1  # some pairs do lie between parts
    merges = cluster.linkage_merges(60, sims, 0.14)
    assert cluster.average_linkage(60, sims, 0.14) == cluster.cut(60, merges, 0.14)


@pytest.mark.parametrize("name", ALL)
def test_pairs_from_the_array_vectors_are_the_pairs_from_the_dicts(corpora, name) -> None:
    params = ClusterParams()
    ordered = sorted(corpora[name], key=lambda a: a.id)
    fs, leads, bodies = features.featurize_corpus(ordered, params)
    assert fs == features.featurize(ordered, params)
    assert leads.as_dicts() == [f.lead for f in fs]
    assert bodies.as_dicts() == [f.body for f in fs]
    plain = cluster.candidate_table(fs, params.max_gap_days)
    assert cluster.candidate_table(fs, params.max_gap_days, leads).tolist() == plain.tolist()
    fast = cluster.pair_similarities(fs, params, (leads, bodies))
    assert fast == cluster.pair_similarities(fs, params)
    assert len(fast) > 0


def test_rows_read_as_their_dicts_and_pickle_as_them() -> None:
    import pickle

    counts = [Counter({"gempa": 2, "garut": 1}), Counter({"gempa": 1, "banjir": 3})]
    vectors = features.tfidf_arrays(counts)
    for row, plain in zip(vectors.rows(), vectors.as_dicts(), strict=True):
        assert dict(row) == plain and list(row) == list(plain) and len(row) == len(plain)
        assert row == plain and row.keys() == plain.keys()
        assert pickle.loads(pickle.dumps(row)) == plain
        assert type(pickle.loads(pickle.dumps(row))) is dict


def _named_article(i: int, title: str, text: str) -> Article:
    paragraphs = (text,)
    return Article(
        id=f"n{i:02d}", path=f"n{i:02d}.md", title=title, paragraphs=paragraphs,
        language="en", names=extract_names(title, paragraphs),
    )  # fmt: skip


def test_a_name_one_report_writes_in_lower_case_stays_a_name() -> None:
    """Words the corpus writes in lower case are titles and ordinary words, not names; but
    one sloppy report ("land teixeira") must not take a name from every other report."""
    articles = [
        _named_article(i, f"Offer number {i} for a first baseman",
                       f"The Red Sox made Mark Teixeira an offer on day {i}. Teixeira waits.")
        for i in range(12)
    ]  # fmt: skip
    articles.append(_named_article(12, "Sloppy", "they are in good position to land teixeira."))
    found, _, _ = featurize_corpus(articles, ClusterParams())
    assert all("teixeira" in f.names for f in found[:12])
    # A title some reports write in lower case stays out of the names (1 in 3 here).
    titled = [
        _named_article(i, "Visit", f"Menteri Pertahanan Andrei Petrov tiba pada hari {i}.")
        for i in range(3)
    ]
    titled.append(_named_article(3, "Visit", "Ia menjadi menteri pertahanan sejak Mei."))
    found, _, _ = featurize_corpus(titled, ClusterParams())
    assert all("petrov" in f.names and "pertahanan" not in f.names for f in found[:3])


def test_a_term_count_past_16_bits_is_kept(corpora) -> None:
    """The store keeps counts as 16-bit numbers until one does not fit."""
    terms = features.read_article(corpora["hardcases"][0])
    big = replace(terms, body={**terms.body, "zzz": 70_000})
    store = features.TermStore()
    store.add_many([("a", terms), ("b", big), ("c", terms)])
    assert (store.record("a"), store.record("b"), store.record("c")) == (terms, big, terms)


def test_without_a_writable_temporary_folder_the_store_holds_its_shingles(monkeypatch) -> None:
    """A scratch file is a saving, not a need: where none can be made, the hashes stay in
    memory and the store hands over the same ones."""
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError("no writable temporary folder")

    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    store = features.TermStore(spill=True)
    assert not isinstance(store._shingles, duplicates.SpilledHashes)
    article = Article(
        "a1",
        "a1.txt",
        "Banjir di Samarinda",
        ("Banjir merendam sembilan kecamatan di Samarinda pada Sabtu pagi.",),
    )
    store.add_many([("a1", features.read_article(article))])
    assert len(store) == 1
