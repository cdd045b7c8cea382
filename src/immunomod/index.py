"""Look-up and search indexes over one kind of record, built once per dataset."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Generic, Protocol, TypeVar

from immunomod.readonly import ReadOnly
from immunomod.text import QueryScorer, deletions, fold, normalize

__all__ = ["SEARCH_CUTOFF", "NameClash", "RecordIndex"]

SEARCH_CUTOFF = 0.45
"""Lowest score a fuzzy match needs to be returned by search (see ``QueryScorer``)."""


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


class RecordIndex(ReadOnly, Generic[R]):
    """Records of one kind by id, by every look-up name, and for fuzzy search; read-only.

    ``names`` maps a record to ``(field, name)`` pairs, e.g. ``("brand_names", "Imuran")``;
    ``replaced`` maps deprecated ids to the ids of the records that replace them.
    """

    __slots__ = (
        "_grams",
        "_lazy",
        "_search_keys",
        "by_id",
        "by_key",
        "clashes",
        "records",
        "replaced",
    )

    def __init__(
        self,
        records: Iterable[R],
        names: Callable[[R], Iterable[tuple[str, str]]],
        replaced: Mapping[str, str] | None = None,
    ) -> None:
        self.records: tuple[R, ...] = tuple(sorted(records, key=lambda record: record.id))
        self.by_id: Mapping[str, R] = MappingProxyType({r.id: r for r in self.records})
        by_key: dict[str, R] = {}
        clashes: list[NameClash] = []
        search_keys: list[tuple[str, R]] = []
        for record in self.records:
            for field, name in (("id", record.id), *names(record)):
                key = normalize(name)
                if not key:
                    continue
                owner = by_key.setdefault(key, record)
                if owner is not record:
                    clashes.append(NameClash(key, name, field, owner.id, record.id))
                    continue
                search_keys.append((key, record))
        self.by_key: Mapping[str, R] = MappingProxyType(by_key)
        self.clashes: tuple[NameClash, ...] = tuple(clashes)
        self._search_keys = tuple(dict.fromkeys(search_keys))
        grams: dict[str, list[int]] = {}
        for position, (key, _) in enumerate(self._search_keys):
            for gram in _bigrams(key):
                grams.setdefault(gram, []).append(position)
        self._grams: Mapping[str, tuple[int, ...]] = MappingProxyType(
            {gram: tuple(positions) for gram, positions in grams.items()}
        )
        self._lazy: dict[str, Mapping[str, tuple[int, ...]]] = {}
        self.replaced: Mapping[str, R] = MappingProxyType(
            {
                normalize(old): self.by_id[new]
                for old, new in (replaced or {}).items()
                if new in self.by_id
            }
        )
        self._seal()

    def lookup(self, key: str, folded: str | None = None) -> R | None:
        """Return the record whose id or name folds to the same key, or None.

        ``folded`` is ``fold(key)`` when the caller has it already.
        """
        record = self.by_id.get(key)
        if record is not None:
            return record
        folded = fold(key) if folded is None else folded
        return self.by_key.get(folded) if folded else None

    def replacement(self, folded: str) -> R | None:
        """The record replacing a deprecated id that folds to ``folded``, or None."""
        return self.replaced.get(folded) if folded else None

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
            key, record = self._search_keys[position]
            floor = max(SEARCH_CUTOFF, best.get(record.id, 0.0))
            score = scorer.score(key, floor)
            if score >= floor and score > best.get(record.id, 0.0):
                best[record.id] = score
        ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
        return tuple(self.by_id[record_id] for record_id, _ in ranked[:limit])

    def _candidates(self, query: str) -> list[int]:
        """Positions of the search keys worth scoring for a normalised query.

        Keys sharing at least half the query's letter pairs, plus keys within one typo of
        it (found through their one-deletion variants).
        """
        grams = _bigrams(query)
        if not grams:
            return [i for i, (key, _) in enumerate(self._search_keys) if query in key]
        shared: dict[int, int] = {}
        for gram in grams:
            for position in self._grams.get(gram, ()):
                shared[position] = shared.get(position, 0) + 1
        needed = (len(grams) + 1) // 2
        found = {position for position, count in shared.items() if count >= needed}
        if len(query) >= 4:
            variants = self._deletion_index()
            for variant in deletions(query):
                found.update(variants.get(variant, ()))
        return sorted(found)

    def _deletion_index(self) -> Mapping[str, tuple[int, ...]]:
        """One-deletion variants of every search key, built on the first typo search."""
        index = self._lazy.get("deletions")
        if index is None:
            variants: dict[str, list[int]] = {}
            for position, (key, _) in enumerate(self._search_keys):
                for variant in deletions(key):
                    variants.setdefault(variant, []).append(position)
            index = MappingProxyType({k: tuple(v) for k, v in variants.items()})
            self._lazy["deletions"] = index
        return index


def _bigrams(text: str) -> frozenset[str]:
    """The set of adjacent character pairs of ``text``."""
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))
