"""Look-up and search indexes over one kind of record, built once per dataset."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from immunomod.text import QueryScorer, normalize

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


class RecordIndex(Generic[R]):
    """Records of one kind by id, by every look-up name, and for fuzzy search.

    ``names`` maps a record to ``(field, name)`` pairs, e.g. ``("brand_names", "Imuran")``.
    """

    def __init__(
        self,
        records: Iterable[R],
        names: Callable[[R], Iterable[tuple[str, str]]],
    ) -> None:
        self.records: tuple[R, ...] = tuple(sorted(records, key=lambda record: record.id))
        self.by_id: dict[str, R] = {record.id: record for record in self.records}
        self.by_key: dict[str, R] = {}
        self.clashes: list[NameClash] = []
        search_keys: list[tuple[str, R]] = []
        for record in self.records:
            for field, name in (("id", record.id), *names(record)):
                key = normalize(name)
                if not key:
                    continue
                owner = self.by_key.setdefault(key, record)
                if owner is not record:
                    self.clashes.append(NameClash(key, name, field, owner.id, record.id))
                    continue
                search_keys.append((key, record))
        self._search_keys = tuple(dict.fromkeys(search_keys))

    def lookup(self, key: str) -> R | None:
        """Return the record whose id or name folds to the same key, or None."""
        record = self.by_id.get(key)
        if record is not None:
            return record
        return self.by_key.get(normalize(key))

    def search(self, query: str, limit: int) -> tuple[R, ...]:
        """Return up to ``limit`` records ranked by fuzzy match, best first."""
        scorer = QueryScorer(normalize(query))
        if not scorer.query:
            return ()
        best: dict[str, float] = {}
        for key, record in self._search_keys:
            floor = max(SEARCH_CUTOFF, best.get(record.id, 0.0))
            score = scorer.score(key, floor)
            if score >= floor and score > best.get(record.id, 0.0):
                best[record.id] = score
        ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
        return tuple(self.by_id[record_id] for record_id, _ in ranked[:limit])
