"""A dataset's validated records and indexes, bundled as one immutable :class:`Catalog`.

Whatever built it (full validation of a data folder, or the pre-validated bundle), a catalog
offers the same indexes; the class hierarchy and filter indexes are computed on first use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from immunomod.index import RecordIndex
from immunomod.models import (
    AdverseEffect,
    Condition,
    Deprecation,
    Drug,
    DrugClass,
    MonitoringTest,
)

if TYPE_CHECKING:
    from immunomod.external import ExternalIndex
    from immunomod.filters import FilterIndex

__all__ = ["MODELS", "Catalog"]

MODELS: Mapping[str, type[BaseModel]] = MappingProxyType(
    {
        "drug_classes": DrugClass,
        "adverse_effects": AdverseEffect,
        "conditions": Condition,
        "monitoring_tests": MonitoringTest,
        "drugs": Drug,
        "deprecations": Deprecation,
    }
)
"""The model of each kind of record, by the kind's name in data files."""


class Catalog:
    """The validated dataset with its look-up indexes; immutable once built."""

    drugs: RecordIndex[Drug]
    drug_classes: RecordIndex[DrugClass]
    adverse_effects: RecordIndex[AdverseEffect]
    conditions: RecordIndex[Condition]
    monitoring_tests: RecordIndex[MonitoringTest]
    checksum: str
    """SHA-256 over every data file's path and bytes."""
    _descendants: dict[str, frozenset[str]]

    def __init__(
        self,
        *,
        drugs: RecordIndex[Drug],
        drug_classes: RecordIndex[DrugClass],
        adverse_effects: RecordIndex[AdverseEffect],
        conditions: RecordIndex[Condition],
        monitoring_tests: RecordIndex[MonitoringTest],
        checksum: str,
    ) -> None:
        values = {
            "drugs": drugs,
            "drug_classes": drug_classes,
            "adverse_effects": adverse_effects,
            "conditions": conditions,
            "monitoring_tests": monitoring_tests,
            "checksum": checksum,
            "_descendants": {},
        }
        self.__dict__.update(values)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Catalog is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a Catalog is immutable; cannot delete {name!r}")

    def __repr__(self) -> str:
        return f"<Catalog of {len(self.drugs.ids)} drugs, checksum {self.checksum[:12]}>"

    @classmethod
    def of(cls, indexes: Mapping[str, RecordIndex[Any]], checksum: str) -> Catalog:
        """A catalog from one index per kind, keyed by the kinds' names in data files."""
        return cls(
            drugs=indexes["drugs"],
            drug_classes=indexes["drug_classes"],
            adverse_effects=indexes["adverse_effects"],
            conditions=indexes["conditions"],
            monitoring_tests=indexes["monitoring_tests"],
            checksum=checksum,
        )

    @cached_property
    def _children(self) -> Mapping[str, tuple[str, ...]]:
        children: dict[str, list[str]] = {}
        for drug_class in self.drug_classes.records:
            for parent in drug_class.parents:
                children.setdefault(parent, []).append(drug_class.id)
        return MappingProxyType({key: tuple(value) for key, value in children.items()})

    @cached_property
    def external(self) -> ExternalIndex:
        """Drug ids by external code (built on the first ``drugs.lookup``)."""
        from immunomod.external import ExternalIndex  # loaded on first use only

        return ExternalIndex(self.drugs.records)

    @cached_property
    def filters(self) -> FilterIndex:
        """The precomputed indexes behind ``drugs.filter`` (built on first use)."""
        from immunomod.filters import FilterIndex  # loaded on first use only

        return FilterIndex(self.drugs.records)

    def members(self, class_id: str) -> frozenset[str]:
        """Ids of the drugs in a class or any class below it (cached)."""
        key = f"members:{class_id}"
        found = self._descendants.get(key)
        if found is None:
            filters = self.filters
            found = frozenset().union(
                *(filters.ids("class", below) for below in self.descendants(class_id))
            )
            self._descendants[key] = found
        return found

    def descendants(self, class_id: str) -> frozenset[str]:
        """A class id and every class id below it, through every parent (linear, cached)."""
        found = self._descendants.get(class_id)
        if found is None:
            found = frozenset(_reachable(class_id, self._children))
            self._descendants[class_id] = found
        return found


def _reachable(start: str, edges: Mapping[str, Iterable[str]]) -> list[str]:
    """``start`` and every node reachable from it along ``edges``, breadth first."""
    found = {start: None}
    queue = [start]
    for node in queue:
        for neighbour in edges.get(node, ()):
            if neighbour not in found:
                found[neighbour] = None
                queue.append(neighbour)
    return list(found)
