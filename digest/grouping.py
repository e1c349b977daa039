"""From articles to titled event groups: copies, clustering, editor overrides, stable ids."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from digest import cluster, duplicates
from digest.config import ClusterParams
from digest.features import ArticleTerms
from digest.model import Article
from digest.overrides import Overrides, apply_overrides, unused_renames


@dataclass(frozen=True)
class Grouping:
    """The events of a corpus before timelines: members, ids and titles, in step."""

    groups: list[list[Article]]
    ids: list[str]
    titles: list[str]
    excluded: tuple[str, ...]
    """Article ids an editor excluded; they are in no event and not on the site."""
    warnings: list[str]
    """Overrides that named nothing, one message each."""


def group_articles(
    articles: Sequence[Article],
    params: ClusterParams,
    previous: Mapping[str, str],
    overrides: Overrides | None = None,
    copies: Sequence[Sequence[str]] | None = None,
    known: Mapping[str, ArticleTerms] | None = None,
    consume: bool = False,
) -> Grouping:
    """Return the events of `articles`: clustered, corrected by `overrides`, with stable ids.

    `previous` maps article id -> event id of the last build. An event's title is its
    editor's rename, else the headline of its most central member. `copies` are the
    articles' near-duplicate groups when the caller has them (found here otherwise), `known`
    their `features.read_article` records (read here otherwise; with `consume`, emptied
    once read: see `cluster.cluster_events`).
    """
    overrides = overrides or Overrides()
    by_id = {a.id: a for a in articles}
    if copies is None:
        copies = duplicates.copy_groups(
            articles, {k: t.shingle_array() for k, t in (known or {}).items()}
        )
    clustering = cluster.cluster_events(articles, params, copies, known, consume)
    id_groups, warnings = apply_overrides(clustering.groups, overrides, previous)
    groups = [[by_id[aid] for aid in g] for g in id_groups]
    ids = cluster.assign_ids(groups, previous)
    titles = []
    for event_id, members in zip(ids, groups, strict=True):
        centre = by_id[cluster.central_member([a.id for a in members], clustering.sims)]
        titles.append(overrides.rename.get(event_id) or centre.title or centre.id)
    kept = {aid for g in id_groups for aid in g}
    excluded = tuple(sorted(aid for aid in by_id if aid not in kept))
    return Grouping(groups, ids, titles, excluded, [*warnings, *unused_renames(overrides, ids)])
