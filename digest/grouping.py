"""From articles to titled event groups: copies, clustering, editor overrides, stable ids."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from digest import cluster, duplicates
from digest.config import ClusterParams
from digest.features import ArticleTerms, TermStore
from digest.model import Article, DateValue
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
    folder_dated: dict[str, DateValue] = field(default_factory=dict)
    """The dates clustering took from the folder (`cluster.Clustering.folder_dated`)."""
    languages: dict[str, str | None] = field(default_factory=dict)
    """Each article's language as clustering read it (`cluster.Clustering.languages`)."""


def in_language(
    members: Sequence[Article], language: str | None, languages: Mapping[str, str | None]
) -> list[str] | None:
    """Return the ids of the members written in `language` (the site's) when some, not all,
    are: an event reported in English and Indonesian is titled in the readers' language.
    None when that leaves no choice to make. `languages`: each article's by id, as
    clustering read it (`cluster.Clustering.languages`)."""
    if language is None or len(members) < 2:
        return None
    found = [a.id for a in members if languages[a.id] == language]
    return found if 0 < len(found) < len(members) else None


def cluster_of(
    articles: Sequence[Article],
    params: ClusterParams,
    copies: Sequence[Sequence[str]] | None = None,
    known: Mapping[str, ArticleTerms] | TermStore | None = None,
    consume: bool = False,
) -> cluster.Clustering:
    """Return the clustering of `articles` (`cluster.cluster_events`), finding their copies
    first where the caller has not (`copies`, `known`, `consume`: see `group_articles`)."""
    if copies is None:
        copies = duplicates.copy_groups(
            articles,
            known.shingle_arrays()
            if isinstance(known, TermStore)
            else {k: t.shingle_array() for k, t in (known or {}).items()},
        )
    return cluster.cluster_events(articles, params, copies, known, consume)


def group_articles(
    articles: Sequence[Article],
    params: ClusterParams,
    previous: Mapping[str, str],
    overrides: Overrides | None = None,
    copies: Sequence[Sequence[str]] | None = None,
    known: Mapping[str, ArticleTerms] | TermStore | None = None,
    consume: bool = False,
    language: str | None = None,
    clustering: cluster.Clustering | None = None,
) -> Grouping:
    """Return the events of `articles`: clustered, corrected by `overrides`, with stable ids.

    `previous` maps article id -> event id of the last build. An event's title is its
    editor's rename, else the headline of its most central member (among those in the
    site's `language`, when some are). `copies` are the
    articles' near-duplicate groups when the caller has them (found here otherwise), `known`
    their `features.read_article` records (read here otherwise; with `consume`, emptied
    once read: see `cluster.cluster_events`). `clustering`: the clustering of exactly these
    articles where the caller has it (a rebuild whose articles did not change: `build`);
    the overrides, ids and titles are still worked out here.
    """
    overrides = overrides or Overrides()
    by_id = {a.id: a for a in articles}
    if clustering is None:
        clustering = cluster_of(articles, params, copies, known, consume)
    id_groups, warnings = apply_overrides(clustering.groups, overrides, previous)
    groups = [[by_id[aid] for aid in g] for g in id_groups]
    ids = cluster.assign_ids(groups, previous)
    titles = []
    for event_id, members in zip(ids, groups, strict=True):
        among = in_language(members, language, clustering.languages)
        centre = by_id[cluster.central_member([a.id for a in members], clustering.sims, among)]
        titles.append(overrides.rename.get(event_id) or centre.title or centre.id)
    kept = {aid for g in id_groups for aid in g}
    excluded = tuple(sorted(aid for aid in by_id if aid not in kept))
    return Grouping(
        groups,
        ids,
        titles,
        excluded,
        [*warnings, *unused_renames(overrides, ids)],
        clustering.folder_dated,
        clustering.languages,
    )
