"""Cluster quality against gold labels: B-cubed and pairwise precision, recall and F1.

B-cubed (Bagga & Baldwin 1998) scores every article: precision is the share of its predicted
event that shares its gold event, recall the share of its gold event that shares its predicted
event; both are averaged over articles. Pairwise scores count article pairs put together.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from digest import clean, load
from digest.errors import InputError
from digest.model import Article
from digest.workers import Workers


@dataclass(frozen=True)
class Scores:
    """Quality of one predicted clustering against gold labels."""

    precision: float
    recall: float
    f1: float
    pair_precision: float
    pair_recall: float
    pair_f1: float
    articles: int
    gold_events: int
    predicted_events: int


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def bcubed(gold: Mapping[str, str], predicted: Mapping[str, str]) -> Scores:
    """Return the scores of `predicted` (article → event) against `gold` (article → event).

    Only articles present in both mappings count.
    >>> bcubed({"a": "x", "b": "x", "c": "y"}, {"a": "1", "b": "2", "c": "2"}).f1
    0.6666666666666666
    """
    ids = sorted(set(gold) & set(predicted))
    gold_sets: dict[str, set[str]] = defaultdict(set)
    pred_sets: dict[str, set[str]] = defaultdict(set)
    for i in ids:
        gold_sets[gold[i]].add(i)
        pred_sets[predicted[i]].add(i)
    precision = recall = 0.0
    for i in ids:
        g, p = gold_sets[gold[i]], pred_sets[predicted[i]]
        both = len(g & p)
        precision += both / len(p)
        recall += both / len(g)
    n = len(ids) or 1
    precision, recall = precision / n, recall / n
    joint: Counter[tuple[str, str]] = Counter((gold[i], predicted[i]) for i in ids)
    together = sum(c * (c - 1) // 2 for c in joint.values())
    pred_pairs = sum(len(s) * (len(s) - 1) // 2 for s in pred_sets.values())
    gold_pairs = sum(len(s) * (len(s) - 1) // 2 for s in gold_sets.values())
    pair_p = together / pred_pairs if pred_pairs else 1.0
    pair_r = together / gold_pairs if gold_pairs else 1.0
    return Scores(
        precision,
        recall,
        _f1(precision, recall),
        pair_p,
        pair_r,
        _f1(pair_p, pair_r),
        len(ids),
        len(gold_sets),
        len(pred_sets),
    )


def read_gold(path: Path) -> dict[str, str]:
    """Return file name → gold event label from a gold JSON file.

    Values are either the label itself or an object with an "event" key:
    {"a.txt": "visit"} or {"a.txt": {"event": "visit", "source": "..."}}.
    """
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: gold file not found") from None
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise InputError(f"{path}: not a readable JSON gold file: {err}") from None
    if not isinstance(raw, dict):
        raise InputError(f"{path}: must map file names to event labels")
    gold: dict[str, str] = {}
    for name, value in raw.items():
        label = value.get("event") if isinstance(value, dict) else value
        if not isinstance(label, str | int):
            raise InputError(f"{path}: '{name}' has no event label")
        gold[str(name)] = str(label)
    return gold


def default_articles_dir(gold_path: Path) -> Path:
    """Return the folder the gold file labels: its sibling `articles/`, else its own folder."""
    sibling = gold_path.parent / "articles"
    return sibling if sibling.is_dir() else gold_path.parent


def load_articles(folder: Path, workers: Workers | None = None) -> list[Article]:
    """Return the cleaned articles of `folder`, exactly as `digest build` sees them.

    With `workers`, each article's dates and names are found in the worker processes.
    """
    from digest.build import to_article

    raws, _ = load.read_sources(folder)
    return list((workers or Workers(1)).map(to_article, clean.clean_corpus(raws)))


def gold_by_article(gold: Mapping[str, str], articles: Sequence[Article]) -> dict[str, str]:
    """Return article id → gold label, matching gold keys to paths, file names or stems."""
    result: dict[str, str] = {}
    for article in articles:
        name = Path(article.path).name
        for key in (article.path, name, Path(article.path).stem, article.id):
            if key in gold:
                result[article.id] = gold[key]
                break
    return result


def labels_of(groups: Sequence[Sequence[str]]) -> dict[str, str]:
    """Return article id → predicted label for groups of article ids."""
    return {aid: str(index) for index, group in enumerate(groups) for aid in group}


def mistakes(gold: Mapping[str, str], groups: Sequence[Sequence[str]]) -> list[str]:
    """Return one line per clustering mistake against `gold` (article id → label): each found
    event that holds reports of several gold events ("merged"), then each gold event whose
    reports are spread over several found events ("split"), with two article ids to hand to
    `digest explain`. Unlabelled articles are left out.

    >>> for line in mistakes({"a": "x", "b": "x", "c": "y"}, [["a", "c"], ["b"]]):
    ...     print(line)
    merged: x (a) + y (c)  -> digest explain a c
    split: x into (a) | (b)  -> digest explain a b
    """
    lines = []
    for group in groups:
        by_label: dict[str, list[str]] = {}
        for aid in group:
            if aid in gold:
                by_label.setdefault(gold[aid], []).append(aid)
        if len(by_label) > 1:
            parts = " + ".join(f"{label} ({', '.join(ids)})" for label, ids in by_label.items())
            first, second = (ids[0] for ids in list(by_label.values())[:2])
            lines.append(f"merged: {parts}  -> digest explain {first} {second}")
    spread: dict[str, list[list[str]]] = {}
    for group in groups:
        for label in dict.fromkeys(gold[aid] for aid in group if aid in gold):
            spread.setdefault(label, []).append([aid for aid in group if gold.get(aid) == label])
    for label, parts in spread.items():
        if len(parts) > 1:
            shown = " | ".join(f"({', '.join(ids)})" for ids in parts)
            lines.append(
                f"split: {label} into {shown}  -> digest explain {parts[0][0]} {parts[1][0]}"
            )
    return lines
