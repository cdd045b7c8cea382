"""Look-up and search indexes over one kind of record, built once per dataset."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Generic, NamedTuple, Protocol, TypeVar

from immunomod.readonly import ReadOnly
from immunomod.text import QueryScorer, deletions, fold, normalize

__all__ = ["MAX_CANDIDATES", "RECENT_KEYS", "SEARCH_CUTOFF", "NameClash", "RecordIndex"]

SEARCH_CUTOFF = 0.45
"""Lowest score a fuzzy match needs to be returned by search (see ``QueryScorer``)."""
MAX_CANDIDATES = 200
"""Most names sharing letter pairs with a query that one search scores."""
RECENT_KEYS = 4096
"""Most look-up names an index remembers in their exact spelling (see ``RecordIndex.remember``)."""


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=_HasId)


class NameClash(NamedTuple):
    """Two records whose look-up names fold to the same key."""

    key: str
    name: str
    field: str
    first: str
    second: str


class _Records(Mapping[str, R]):
    """Records by id; a lazy index builds each record on first access and keeps it.

    ``known`` answers which ids exist (a set, or a bundle's sharded ids that read only the
    shard asked about); ``ordered`` gives every id, sorted, when iteration needs them.
    """

    __slots__ = ("_build", "_built", "_known", "_ordered")

    def __init__(
        self,
        known: Collection[str],
        ordered: Callable[[], tuple[str, ...]],
        built: dict[str, R],
        build: Callable[[str], R] | None,
    ) -> None:
        self._known = known
        self._ordered = ordered
        self._built = built
        self._build = build

    def __getitem__(self, record_id: str) -> R:
        record = self._built.get(record_id)
        if record is None:
            if self._build is None or record_id not in self._known:
                raise KeyError(record_id)
            # setdefault keeps one record per id even when two threads build it at once.
            record = self._built.setdefault(record_id, self._build(record_id))
        return record

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._known

    def __iter__(self) -> Iterator[str]:
        return iter(self._ordered())

    def __len__(self) -> int:
        return len(self._known)


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
        "_known",
        "_lazy",
        "_recent",
        "by_id",
        "by_key",
        "clashes",
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
        for record in ordered:
            for field, name in (("id", record.id), *names(record)):
                key = normalize(name)
                if not key:
                    continue
                owner = keys.setdefault(key, record.id)
                if owner != record.id:
                    clashes.append(NameClash(key, name, field, owner, record.id))
                    continue
        self._setup(
            frozenset(r.id for r in ordered),
            {r.id: r for r in ordered},
            None,
            MappingProxyType(keys),
            replaced or {},
            tuple(clashes),
        )
        self._lazy["ids"] = tuple(r.id for r in ordered)

    @classmethod
    def from_names(
        cls,
        ids: Collection[str],
        names: Mapping[str, str],
        build: Callable[[str], R],
        replaced: Mapping[str, str] | None = None,
    ) -> RecordIndex[R]:
        """An index over records not built yet: ``build(id)`` makes one on first access.

        ``names`` maps each folded look-up name to the id it names (the build step checked
        that no two records share one). ``ids`` and ``names`` may be lazy (a bundle's
        shards): a look-up asks them about one id or name, and only listing or searching
        goes through all of them.
        """
        index: RecordIndex[R] = cls.__new__(cls)
        index._setup(ids, {}, build, names, replaced or {}, ())
        return index

    def _setup(
        self,
        known: Collection[str],
        built: dict[str, R],
        build: Callable[[str], R] | None,
        keys: Mapping[str, str],
        replaced: Mapping[str, str],
        clashes: tuple[NameClash, ...],
    ) -> None:
        self._known: Collection[str] = known
        self._lazy: dict[str, object] = {}
        self.by_id: Mapping[str, R] = _Records(known, lambda: self.ids, built, build)
        self._keys: Mapping[str, str] = keys
        self.by_key: Mapping[str, R] = _ByKey(self._keys, self.by_id)
        self.clashes: tuple[NameClash, ...] = clashes
        self._recent: dict[str, R] = {}
        self.replaced: Mapping[str, str] = MappingProxyType(
            {normalize(old): new for old, new in replaced.items() if new in known}
        )
        self._seal()

    @property
    def ids(self) -> tuple[str, ...]:
        """Every id, sorted (a lazy index lists them on first use)."""
        ids = self._lazy.get("ids")
        if ids is None:
            ids = self._lazy.setdefault("ids", tuple(sorted(self._known)))
        return ids  # type: ignore[return-value]

    def folded_names(self) -> tuple[tuple[str, str], ...]:
        """Every ``(folded look-up name, id)`` pair, ids included, sorted by name.

        Built on first use (search needs it; a look-up needs only the names' mapping).
        """
        pairs = self._lazy.get("pairs")
        if pairs is None:
            pairs = self._lazy.setdefault("pairs", tuple(sorted(self._keys.items())))
        return pairs  # type: ignore[return-value]

    @property
    def records(self) -> tuple[R, ...]:
        """Every record, sorted by id (a lazy index builds the rest in one pass)."""
        found = self._lazy.get("records")
        if found is None:
            found = self._lazy.setdefault("records", tuple(self.by_id[i] for i in self.ids))
        return found  # type: ignore[return-value]

    def records_for(self, ids: Iterable[str]) -> tuple[R, ...]:
        """The records of known ``ids``, in the given order (built ones at C speed)."""
        records = self.by_id
        assert isinstance(records, _Records)
        ids = tuple(ids)
        try:
            return tuple(map(records._built.__getitem__, ids))
        except KeyError:  # some are not built yet: build them on the way
            return tuple(records[record_id] for record_id in ids)

    def exact(self, key: str) -> R | None:
        """The record whose id is ``key``, or that ``key`` named before, or None (the fast path).

        Only the exact string is matched: an id, or a name a look-up resolved before
        (see :meth:`remember`); anything else goes through folding and :meth:`named`.
        """
        record = self._recent.get(key)
        if record is None:
            records = self.by_id
            assert isinstance(records, _Records)
            record = records._built.get(key)
            if record is None and key in records._known:
                record = records[key]
        return record

    def remember(self, key: str, record: R) -> None:
        """Let :meth:`exact` find ``record`` by ``key``, a name a look-up resolved to it.

        At most :data:`RECENT_KEYS` keys are kept, so the memory stays bounded whatever
        callers look up. Deprecated ids are never remembered: they warn on every look-up.
        """
        if len(self._recent) < RECENT_KEYS:
            self._recent[key] = record

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
        pairs = self.folded_names()
        best: dict[str, float] = {}
        top: list[float] = []  # min-heap of the ``limit`` best scores of distinct records
        for position in self._candidates(scorer.query):
            key, record_id = pairs[position]
            # A name that cannot reach the limit-th best score so far cannot be returned.
            bar = top[0] if len(top) == limit else SEARCH_CUTOFF
            floor = max(SEARCH_CUTOFF, bar, best.get(record_id, 0.0))
            score = scorer.score(key, floor)
            if score < floor or score <= best.get(record_id, 0.0):
                continue
            old = best.get(record_id)
            if old is not None and old in top:  # equal scores are interchangeable here
                top.remove(old)
                heapq.heapify(top)
            heapq.heappush(top, score)
            if len(top) > limit:
                heapq.heappop(top)
            best[record_id] = score
        ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
        return tuple(self.by_id[record_id] for record_id, _ in ranked[:limit])

    def _candidates(self, query: str) -> list[int]:
        """Positions of the search keys worth scoring for a normalised query, likeliest first.

        Keys within one typo of the query (found through their deletion variants), then
        keys sharing at least half the query's letter pairs, most shared first, at most
        :data:`MAX_CANDIDATES` of them (so the cost stays bounded on a large dataset).
        """
        grams = _bigrams(query)
        if not grams:
            return [i for i, (key, _) in enumerate(self.folded_names()) if query in key]
        found: dict[int, None] = {}
        if len(query) >= 4:
            variants = self._deletion_index()
            for variant in deletions(query):
                hit = variants.get(hash(variant))
                if isinstance(hit, int):
                    found[hit] = None
                elif hit is not None:
                    found.update(dict.fromkeys(hit))
        index = self._gram_index()
        at_least = [*_at_least([index.get(gram, 0) for gram in grams]), 0]
        kept: list[int] = []
        for shared in range(len(grams), (len(grams) + 1) // 2 - 1, -1):
            kept += _positions(at_least[shared] & ~at_least[shared + 1])
            if len(kept) >= MAX_CANDIDATES:
                break
        found.update(dict.fromkeys(kept[:MAX_CANDIDATES]))
        return list(found)

    def _gram_index(self) -> Mapping[str, int]:
        """Search-key positions by letter pair, as a bit set each (built on the first search)."""
        index = self._lazy.get("grams")
        if index is None:
            grams: dict[str, bytearray] = {}
            size = (len(self.folded_names()) + 7) // 8
            for position, (key, _) in enumerate(self.folded_names()):
                byte, bit = divmod(position, 8)
                for gram in _bigrams(key):
                    bits = grams.get(gram)
                    if bits is None:
                        bits = grams[gram] = bytearray(size)
                    bits[byte] |= 1 << bit
            index = self._lazy.setdefault(
                "grams",
                MappingProxyType({g: int.from_bytes(b, "little") for g, b in grams.items()}),
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
            for position, (key, _) in enumerate(self.folded_names()):
                for variant in deletions(key):
                    variants.setdefault(hash(variant), []).append(position)
            compact = {k: v[0] if len(v) == 1 else tuple(v) for k, v in variants.items()}
            index = self._lazy.setdefault("deletions", MappingProxyType(compact))
        return index  # type: ignore[return-value]


def _at_least(sets: list[int]) -> list[int]:
    """``result[k]``: the bit set of positions found in at least ``k`` of ``sets``."""
    result = [-1] + [0] * len(sets)  # -1: every position is in at least none of them
    for done, bits in enumerate(sets, 1):
        for k in range(done, 0, -1):
            result[k] |= result[k - 1] & bits
    return result


_BITS = tuple(tuple(i for i in range(8) if byte >> i & 1) for byte in range(256))
"""The set bits of each byte value."""


def _positions(bits: int) -> list[int]:
    """The positions of the set bits of a non-negative ``bits``, ascending."""
    data = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    return [
        byte_index * 8 + bit for byte_index, byte in enumerate(data) if byte for bit in _BITS[byte]
    ]


def _bigrams(text: str) -> frozenset[str]:
    """The set of adjacent character pairs of ``text``."""
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))
