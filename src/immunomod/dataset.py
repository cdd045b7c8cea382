"""A dataset as a whole: the packaged one, or a user's own loaded with :func:`load`."""

from __future__ import annotations

import os

from importlib_resources.abc import Traversable

from immunomod.catalog import Catalog
from immunomod.collection import (
    AdverseEffectCollection,
    ConditionCollection,
    DrugClassCollection,
    DrugCollection,
    MonitoringTestCollection,
)
from immunomod.loading import build_catalog, packaged_data, read_source
from immunomod.reading import DEPRECATIONS, KINDS, Problems, RawData, RawRecord, read_folder
from immunomod.readonly import ReadOnly

__all__ = ["Dataset", "load"]


class Dataset(ReadOnly):
    """A validated dataset and its five collections, like the packaged ``immunomod.drugs``."""

    __slots__ = (
        "adverse_effects",
        "catalog",
        "conditions",
        "drug_classes",
        "drugs",
        "monitoring_tests",
    )

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        """The validated records and their indexes."""
        self.drugs = DrugCollection(self._get_catalog)
        self.drug_classes = DrugClassCollection(self._get_catalog)
        self.adverse_effects = AdverseEffectCollection(self._get_catalog)
        self.conditions = ConditionCollection(self._get_catalog)
        self.monitoring_tests = MonitoringTestCollection(self._get_catalog)
        self._seal()

    def _get_catalog(self) -> Catalog:
        return self.catalog

    def __repr__(self) -> str:
        return (
            f"<Dataset of {len(self.drugs)} drugs, {len(self.drug_classes)} classes,"
            f" checksum {self.catalog.checksum[:12]}>"
        )


def _layered(base: RawData, top: RawData) -> RawData:
    """``top``'s records over ``base``'s: a record with the same id replaces the base one."""
    records: dict[str, list[RawRecord]] = {}
    for kind in (*KINDS, DEPRECATIONS):
        merged: dict[object, RawRecord] = {}
        for position, item in enumerate([*base.records.get(kind, []), *top.records.get(kind, [])]):
            record_id = item.data.get("id") if isinstance(item.data, dict) else None
            key = record_id if isinstance(record_id, str) else ("position", position)
            merged.pop(key, None)
            merged[key] = item
        records[kind] = list(merged.values())
    return RawData(records, f"{base.checksum}+{top.checksum}")


def load(path: str | os.PathLike[str] | Traversable, *, extend: bool = False) -> Dataset:
    """Validate a data folder or single JSON file and return it as a :class:`Dataset`.

    The folder is laid out like the packaged data (``drug_classes.json``,
    ``adverse_effects.json``, ``conditions.json``, ``monitoring_tests.json``,
    ``drugs/<id>.json``, optionally ``deprecations.json`` and ``manifest.json``); a single
    file holds the same lists under those names. With ``extend=True`` the records are
    layered over the packaged data: a record with a packaged id replaces it, a new id adds
    one. Everything is validated with the packaged rules; any problem raises one
    :class:`~immunomod.DataError` listing every problem found. No code in a file is run.
    """
    problems = Problems()
    raw = read_source(path, problems)
    if extend:
        raw = _layered(read_folder(packaged_data(), problems, require_manifest=True), raw)
    return Dataset(build_catalog(raw, problems))
