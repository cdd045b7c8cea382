"""Precomputed indexes for ``drugs.filter``: each criterion is a set of drug ids.

A filter intersects the sets of its criteria, smallest first, so its cost grows with the
number of results rather than the number of drugs. The index is built once per catalog,
on the first filter, from the validated records.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from types import MappingProxyType

from immunomod.models import Drug
from immunomod.readonly import ReadOnly
from immunomod.vocabularies import Frequency

__all__ = ["ANY", "FilterIndex", "matching"]

ANY = "*"
"""The key of a criterion that holds for any condition (e.g. any labelled use)."""

Key = tuple[Hashable, ...]


class FilterIndex(ReadOnly):
    """Drug ids by criterion value, and the frequency rank of every drug-effect pair."""

    __slots__ = ("_ids", "all_ids", "effect_ranks", "top_ranks")

    def __init__(self, drugs: Iterable[Drug]) -> None:
        sets: dict[Key, set[str]] = {}
        effect_ranks: dict[str, dict[str, int]] = {}
        top_ranks: dict[str, int] = {}

        def add(key: Key, drug_id: str) -> None:
            sets.setdefault(key, set()).add(drug_id)

        ids: list[str] = []
        for drug in drugs:
            ids.append(drug.id)
            add(("direction", drug.direction.value), drug.id)
            for class_id in drug.classes:
                add(("class", class_id), drug.id)
            for route in drug.routes:
                add(("route", route.value), drug.id)
            for use in drug.indications:
                for condition in (use.condition, ANY):
                    add(("use", condition, False), drug.id)
                    if use.labelled:
                        add(("use", condition, True), drug.id)
                        if use.children:
                            add(("children", condition), drug.id)
            if drug.boxed_warning is not None:
                add(("boxed",), drug.id)
            for item in drug.monitoring:
                add(("monitoring", item.test), drug.id)
            if drug.pregnancy is not None:
                add(("pregnancy", drug.pregnancy.contraindicated), drug.id)
            if drug.vaccines is not None:
                add(("live", drug.vaccines.live.value), drug.id)
            for effect in drug.adverse_effects:
                ranks = effect_ranks.setdefault(effect.effect, {})
                ranks[drug.id] = max(ranks.get(drug.id, 0), effect.frequency.rank)
                top_ranks[drug.id] = max(top_ranks.get(drug.id, 0), effect.frequency.rank)
        self.all_ids: frozenset[str] = frozenset(ids)
        self._ids: Mapping[Key, frozenset[str]] = MappingProxyType(
            {key: frozenset(value) for key, value in sets.items()}
        )
        self.effect_ranks: Mapping[str, Mapping[str, int]] = MappingProxyType(
            {effect: MappingProxyType(ranks) for effect, ranks in effect_ranks.items()}
        )
        self.top_ranks: Mapping[str, int] = MappingProxyType(top_ranks)
        self._seal()

    def ids(self, *key: Hashable) -> frozenset[str]:
        """The ids of the drugs meeting one criterion, e.g. ``ids("route", "oral")``."""
        return self._ids.get(key, frozenset())

    def with_effect(self, effect_id: str | None, floor: Frequency | None) -> frozenset[str]:
        """Drugs listing ``effect_id`` (any effect if None) at least as frequent as ``floor``."""
        ranks = self.top_ranks if effect_id is None else self.effect_ranks.get(effect_id, {})
        lowest = 0 if floor is None else floor.rank
        return frozenset(drug_id for drug_id, rank in ranks.items() if rank >= lowest)


def matching(
    required: list[frozenset[str]], excluded: list[frozenset[str]], every: frozenset[str]
) -> list[str]:
    """Ids in every required set and no excluded set, sorted; cost follows the smallest set."""
    if required:
        required = sorted(required, key=len)
        found = set(required[0])
        for ids in required[1:]:
            found.intersection_update(ids)
            if not found:
                break
    else:
        found = set(every)
    for ids in excluded:
        found.difference_update(ids)
    return sorted(found)
