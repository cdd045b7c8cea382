"""Look-up and search indexes over one kind of record, built once per dataset."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Generic, Protocol, TypeVar

from immunomod.readonly import ReadOnly
from immunomod.text import QueryScorer, deletions, fold, normalize

__all__ = ["MAX_CANDIDATES", "SEARCH_CUTOFF", "NameClash", "RecordIndex"]

SEARCH_CUTOFF = 0.45
"""Lowest score a fuzzy match needs to be returned by search (see ``QueryScorer``)."""
MAX_CANDIDATES = 200
"""Most names sharing letter pairs with a query that one search scores."""


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=_HasId)


@dataclass(frozen=True)
class NameClash:
    """Two records whose look-up names fold to the same key."""

    key: str
    name: str
    field: str
    first: str
    second: str


class _Records(Mapping[str, R]):
    """Records by id; a lazy index builds each record on first access and keeps it."""

    __slots__ = ("_build", "_built", "_id_set", "_ids")

    def __init__(
        self, ids: tuple[str, ...], built: dict[str, R], build: Callable[[str], R] | None
    ) -> None:
        self._ids = ids
        self._id_set = frozenset(ids)
        self._built = built
        self._build = build

    def __getitem__(self, record_id: str) -> R:
        record = self._built.get(record_id)
        if record is None:
            if self._build is None or record_id not in self._id_set:
                raise KeyError(record_id)
            # setdefault keeps one record per id even when two threads build it at once.
            record = self._built.setdefault(record_id, self._build(record_id))
        return record

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._id_set

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


class _ByKey(Mapping[str, R]):
    """Records by folded look-up name, resolved through the records by id."""

    __slots__ = ("_keys", "_records")

    def __init__(self, keys: Mapping[str, str], records: Mapping[str, R]) -> None:
        self._keys = keys
        self._records = records

    def __getitem__(self, key: str) -> R:
        return self._records[self._keys[key]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


class RecordIndex(ReadOnly, Generic[R]):
    """Records of one kind by id, by every look-up name, and for fuzzy search; read-only.

    Built either from validated records (``RecordIndex(records, names, replaced)``) or, for
    a pre-validated bundle, from ids and folded names with a function that builds a record
    on first access (:meth:`from_names`). ``names`` maps a record to ``(field, name)``
    pairs, e.g. ``("brand_names", "Imuran")``; ``replaced`` maps deprecated ids to the ids
    of the records that replace them.
    """

    __slots__ = (
        "_keys",
        "_lazy",
        "_search_keys",
        "by_id",
        "by_key",
        "clashes",
        "ids",
        "replaced",
    )

    def __init__(
        self,
        records: Iterable[R],
        names: Callable[[R], Iterable[tuple[str, str]]],
        replaced: Mapping[str, str] | None = None,
    ) -> None:
        ordered = sorted(records, key=lambda record: record.id)
        keys: dict[str, str] = {}
        clashes: list[NameClash] = []
        search_keys: list[tuple[str, str]] = []
        for record in ordered:
            for field, name in (("id", record.id), *names(record)):
                key = normalize(name)
                if not key:
                    continue
                owner = keys.setdefault(key, record.id)
                if owner != record.id:
                    clashes.append(NameClash(key, name, field, owner, record.id))
                    continue
                search_keys.append((key, record.id))
        self._setup(
            tuple(r.id for r in ordered),
            {r.id: r for r in ordered},
            None,
            keys,
            search_keys,
            replaced or {},
            tuple(clashes),
        )

    @classmethod
    def from_names(
        cls,
        ids: Iterable[str],
        search_keys: Iterable[tuple[str, str]],
        build: Callable[[str], R],
        replaced: Mapping[str, str] | None = None,
    ) -> RecordIndex[R]:
        """An index over records not built yet: ``build(id)`` makes one on first access.

        ``search_keys`` are ``(folded name, id)`` pairs, each folded name naming one record
        (the build step checked that no two records share one).
        """
        index: RecordIndex[R] = cls.__new__(cls)
        pairs = list(search_keys)
        index._setup(tuple(sorted(ids)), {}, build, dict(pairs), pairs, replaced or {}, ())
        return index

    def _setup(
        self,
        ids: tuple[str, ...],
        built: dict[str, R],
        build: Callable[[str], R] | None,
        keys: dict[str, str],
        search_keys: Iterable[tuple[str, str]],
        replaced: Mapping[str, str],
        clashes: tuple[NameClash, ...],
    ) -> None:
        self.ids: tuple[str, ...] = ids
        self.by_id: Mapping[str, R] = _Records(ids, built, build)
        self._keys: Mapping[str, str] = MappingProxyType(keys)
        self.by_key: Mapping[str, R] = _ByKey(self._keys, self.by_id)
        self.clashes: tuple[NameClash, ...] = clashes
        self._search_keys: tuple[tuple[str, str], ...] = tuple(dict.fromkeys(search_keys))
        self._lazy: dict[str, object] = {}
        self.replaced: Mapping[str, str] = MappingProxyType(
            {normalize(old): new for old, new in replaced.items() if new in set(ids)}
        )
        self._seal()

    def folded_names(self) -> tuple[tuple[str, str], ...]:
        """Every ``(folded look-up name, id)`` pair, ids included (for the bundle)."""
        return self._search_keys

    @property
    def records(self) -> tuple[R, ...]:
        """Every record, sorted by id (a lazy index builds the rest in one pass)."""
        found = self._lazy.get("records")
        if found is None:
            found = self._lazy.setdefault("records", tuple(self.by_id[i] for i in self.ids))
        return found  # type: ignore[return-value]

    def exact(self, key: str) -> R | None:
        """The record whose id is exactly ``key``, or None (the fast path of a look-up)."""
        records = self.by_id
        assert isinstance(records, _Records)
        record = records._built.get(key)
        if record is None and key in records._id_set:
            record = records[key]
        return record

    def lookup(self, key: str, folded: str | None = None) -> R | None:
        """Return the record whose id or name folds to the same key, or None.

        ``folded`` is ``fold(key)`` when the caller has it already.
        """
        record = self.exact(key)
        if record is not None:
            return record
        return self.named(fold(key) if folded is None else folded)

    def named(self, folded: str) -> R | None:
        """The record one of whose names folds to ``folded``, or None."""
        record_id = self._keys.get(folded) if folded else None
        return None if record_id is None else self.by_id[record_id]

    def replacement(self, folded: str) -> R | None:
        """The record replacing a deprecated id that folds to ``folded``, or None."""
        new_id = self.replaced.get(folded) if folded else None
        return None if new_id is None else self.by_id[new_id]

    def search(self, query: str, limit: int, folded: str | None = None) -> tuple[R, ...]:
        """Return up to ``limit`` records ranked by fuzzy match, best first.

        Only names sharing at least half of the query's letter pairs are scored (all
        names containing it do), which keeps search fast on a large dataset. A query
        longer than ``MAX_KEY_LENGTH`` matches nothing.
        """
        scorer = QueryScorer(fold(query) if folded is None else folded)
        if not scorer.query:
            return ()
        best: dict[str, float] = {}
        for position in self._candidates(scorer.query):
            key, record_id = self._search_keys[position]
            floor = max(SEARCH_CUTOFF, best.get(record_id, 0.0))
            score = scorer.score(key, floor)
            if score >= floor and score > best.get(record_id, 0.0):
                best[record_id] = score
        ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
        return tuple(self.by_id[record_id] for record_id, _ in ranked[:limit])

    def _candidates(self, query: str) -> list[int]:
        """Positions of the search keys worth scoring for a normalised query.

        Keys sharing at least half the query's letter pairs (the :data:`MAX_CANDIDATES`
        sharing most, so the cost stays bounded on a large dataset), plus keys within one
        typo of it (found through their deletion variants).
        """
        grams = _bigrams(query)
        if not grams:
            return [i for i, (key, _) in enumerate(self._search_keys) if query in key]
        shared: dict[int, int] = {}
        index = self._gram_index()
        for gram in grams:
            for position in index.get(gram, ()):
                shared[position] = shared.get(position, 0) + 1
        needed = (len(grams) + 1) // 2
        ranked = [(count, -position) for position, count in shared.items() if count >= needed]
        if len(ranked) > MAX_CANDIDATES:
            ranked = heapq.nlargest(MAX_CANDIDATES, ranked)
        found = {-negative for _, negative in ranked}
        if len(query) >= 4:
            variants = self._deletion_index()
            for variant in deletions(query):
                hit = variants.get(hash(variant))
                if isinstance(hit, int):
                    found.add(hit)
                elif hit is not None:
                    found.update(hit)
        return sorted(found)

    def _gram_index(self) -> Mapping[str, tuple[int, ...]]:
        """Positions of the search keys by letter pair, built on the first search."""
        index = self._lazy.get("grams")
        if index is None:
            grams: dict[str, list[int]] = {}
            for position, (key, _) in enumerate(self._search_keys):
                for gram in _bigrams(key):
                    grams.setdefault(gram, []).append(position)
            index = self._lazy.setdefault(
                "grams", MappingProxyType({g: tuple(p) for g, p in grams.items()})
            )
        return index  # type: ignore[return-value]

    def _deletion_index(self) -> Mapping[int, int | tuple[int, ...]]:
        """Search-key positions by the hash of their deletion variants (first typo search).

        Hashes instead of the variant strings, and a bare position where only one key has
        the variant, keep the index small; a hash collision only adds a candidate, which
        scoring then weighs like any other.
        """
        index = self._lazy.get("deletions")
        if index is None:
            variants: dict[int, list[int]] = {}
            for position, (key, _) in enumerate(self._search_keys):
                for variant in deletions(key):
                    variants.setdefault(hash(variant), []).append(position)
            compact = {k: v[0] if len(v) == 1 else tuple(v) for k, v in variants.items()}
            index = self._lazy.setdefault("deletions", MappingProxyType(compact))
        return index  # type: ignore[return-value]


def _bigrams(text: str) -> frozenset[str]:
    """The set of adjacent character pairs of ``text``."""
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))
