"""Validating and cross-checking data into a :class:`Catalog`, whole or not at all.

Data flows one way: a source read by :mod:`immunomod.reading` -> validated frozen models
-> integrity checks -> indexes, bundled in a :class:`Catalog`. Every problem found is
collected, and any problem fails the whole load with one :class:`DataError` that lists
them all: a partial dataset is never served. (The packaged catalog is opened from the pre-validated
bundle by :mod:`immunomod.packaged`.)
"""

from __future__ import annotations

import os
import pathlib
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

import importlib_resources
from importlib_resources.abc import Traversable
from pydantic import BaseModel, ValidationError

from immunomod.catalog import MODELS, Catalog
from immunomod.index import RecordIndex
from immunomod.models import (
    AdverseEffect,
    Condition,
    Deprecation,
    Drug,
    DrugClass,
    MonitoringTest,
)
from immunomod.reading import (
    DEPRECATIONS,
    DRUGS_DIR,
    KINDS,
    MANIFEST_FILE,
    MAX_FILE_BYTES,
    Problems,
    RawData,
    RawRecord,
    canonical_json,
    read_bundle,
    read_folder,
)

__all__ = [
    "ADVERSE_EFFECTS_FILE",
    "CONDITIONS_FILE",
    "DRUGS_DIR",
    "DRUG_CLASSES_FILE",
    "MANIFEST_FILE",
    "MONITORING_TESTS_FILE",
    "Catalog",
    "build_catalog",
    "canonical_json",
    "load_catalog",
    "packaged_data",
    "read_source",
]

DRUG_CLASSES_FILE = "drug_classes.json"
ADVERSE_EFFECTS_FILE = "adverse_effects.json"
CONDITIONS_FILE = "conditions.json"
MONITORING_TESTS_FILE = "monitoring_tests.json"

M = TypeVar("M", bound=BaseModel)
AnyRecord = Drug | DrugClass | AdverseEffect | Condition | MonitoringTest
KIND_NAMES = MappingProxyType(
    {
        "drug_classes": "drug class",
        "adverse_effects": "adverse effect",
        "conditions": "condition",
        "monitoring_tests": "monitoring test",
        "drugs": "drug",
        DEPRECATIONS: "deprecation",
    }
)


def _names(record: AnyRecord) -> Iterator[tuple[str, str]]:
    yield "name", record.name
    for synonym in record.synonyms:
        yield "synonyms", synonym
    if isinstance(record, Drug):
        for brand in record.brand_names:
            yield "brand_names", brand


def _validate(kind: str, raw: RawRecord, problems: Problems) -> Any:
    record_id = raw.data.get("id") if isinstance(raw.data, dict) else None
    shown_id = str(record_id)[:80] if record_id is not None else None
    try:
        return MODELS[kind].model_validate(raw.data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False, include_input=False):
            location = ".".join(str(part) for part in error["loc"]) or None
            problems.add(error["msg"], file=raw.file, record=shown_id, field=location)
    except RecursionError:
        problems.add("record is nested too deeply", file=raw.file, record=shown_id)
    return None


def _unique(records: list[tuple[str, Any]], kind: str, problems: Problems) -> dict[str, Any]:
    seen: dict[str, tuple[str, Any]] = {}
    for file, record in records:
        record_id = f"{record.kind}:{record.id}" if kind == DEPRECATIONS else record.id
        if record_id in seen:
            problems.add(
                f"duplicate {KIND_NAMES[kind]} id (also in {seen[record_id][0]})",
                file=file,
                record=record.id,
                field="id",
            )
        else:
            seen[record_id] = (file, record)
    return seen


def _check_deprecations(
    deprecations: Mapping[str, tuple[str, Deprecation]],
    active: Mapping[str, Mapping[str, Any]],
    problems: Problems,
) -> dict[str, dict[str, str]]:
    """Deprecated ids must be retired and point at a live record; returns them by kind."""
    replaced: dict[str, dict[str, str]] = {}
    for file, deprecation in deprecations.values():
        ids = active[deprecation.kind]
        if deprecation.id in ids:
            problems.add(
                "a deprecated id is still the id of a record",
                file=file,
                record=deprecation.id,
                field="id",
            )
        elif deprecation.replaced_by not in ids:
            problems.add(
                f"replaced_by {deprecation.replaced_by!r} is not a record of {deprecation.kind}",
                file=file,
                record=deprecation.id,
                field="replaced_by",
            )
        else:
            replaced.setdefault(deprecation.kind, {})[deprecation.id] = deprecation.replaced_by
    return replaced


def _check_class_graph(classes: dict[str, tuple[str, DrugClass]], problems: Problems) -> None:
    """Every parent exists and no class is its own ancestor: linear time (Kahn's algorithm)."""
    children: dict[str, list[str]] = {}
    waiting: dict[str, int] = {}
    for class_id, (file, drug_class) in classes.items():
        waiting[class_id] = 0
        for i, parent in enumerate(drug_class.parents):
            if parent not in classes:
                problems.add(
                    f"unknown parent class {parent!r}",
                    file=file,
                    record=class_id,
                    field=f"parents.{i}",
                )
                continue
            waiting[class_id] += 1
            children.setdefault(parent, []).append(class_id)
    ready = [class_id for class_id, count in waiting.items() if count == 0]
    for class_id in ready:
        for child in children.get(class_id, ()):
            waiting[child] -= 1
            if waiting[child] == 0:
                ready.append(child)
    if len(ready) < len(classes):
        on_cycle = min(class_id for class_id, count in waiting.items() if count > 0)
        problems.add(
            "class hierarchy has a cycle",
            file=classes[on_cycle][0],
            record=on_cycle,
            field="parents",
        )


def _check_drug_references(
    file: str, drug: Drug, ids: Mapping[str, set[str]], problems: Problems
) -> None:
    def fail(message: str, location: str) -> None:
        problems.add(message, file=file, record=drug.id, field=location)

    for i, class_id in enumerate(drug.classes):
        if class_id not in ids["drug_classes"]:
            fail(f"unknown drug class {class_id!r}", f"classes.{i}")
    for i, effect in enumerate(drug.adverse_effects):
        if effect.effect not in ids["adverse_effects"]:
            fail(f"unknown adverse effect {effect.effect!r}", f"adverse_effects.{i}.effect")
    for i, indication in enumerate(drug.indications):
        if indication.condition not in ids["conditions"]:
            fail(f"unknown condition {indication.condition!r}", f"indications.{i}.condition")
    for i, item in enumerate(drug.monitoring):
        if item.test not in ids["monitoring_tests"]:
            fail(f"unknown monitoring test {item.test!r}", f"monitoring.{i}.test")
    for i, partner in enumerate(drug.co_therapy):
        if partner.drug is not None and partner.drug not in ids["drugs"]:
            fail(f"unknown drug {partner.drug!r}", f"co_therapy.{i}.drug")
        if partner.drug == drug.id:
            fail("a drug cannot be its own co-therapy", f"co_therapy.{i}.drug")
        if partner.drug_class is not None and partner.drug_class not in ids["drug_classes"]:
            fail(f"unknown drug class {partner.drug_class!r}", f"co_therapy.{i}.drug_class")


def _check_clashes(
    index: RecordIndex[Any], files: Mapping[str, tuple[str, Any]], kind: str, problems: Problems
) -> None:
    for clash in index.clashes:
        problems.add(
            f"name {clash.name[:80]!r} is also a name of {KIND_NAMES[kind]} {clash.first!r}",
            file=files[clash.second][0],
            record=clash.second,
            field=clash.field,
        )


def build_catalog(raw: RawData, problems: Problems) -> Catalog:
    """Validate and cross-check decoded records; raise one DataError listing every problem."""
    valid: dict[str, list[tuple[str, Any]]] = {}
    for kind, records in raw.records.items():
        valid[kind] = []
        for item in records:
            record = _validate(kind, item, problems)
            if record is None:
                continue
            if item.stem is not None and record.id != item.stem:
                problems.add(
                    f"id {record.id!r} does not match the file name",
                    file=item.file,
                    field="id",
                )
                continue
            valid[kind].append((item.file, record))
    by_kind = {kind: _unique(records, kind, problems) for kind, records in valid.items()}
    _check_class_graph(by_kind["drug_classes"], problems)
    # A reference to a record that failed validation is not reported again as unknown.
    referable = {
        kind: set(by_kind[kind])
        | {str(r.data.get("id")) for r in records if isinstance(r.data, dict)}
        for kind, records in raw.records.items()
    }
    for file, drug in by_kind["drugs"].values():
        _check_drug_references(file, drug, referable, problems)
    replaced = _check_deprecations(by_kind.pop(DEPRECATIONS, {}), by_kind, problems)
    indexes = {
        kind: RecordIndex((record for _, record in records.values()), _names, replaced.get(kind))
        for kind, records in by_kind.items()
    }
    for kind, index in indexes.items():
        _check_clashes(index, by_kind[kind], kind, problems)
    problems.raise_if_any()
    return Catalog.of(indexes, raw.checksum)


def packaged_data() -> Traversable:
    """The data folder that ships inside the package."""
    return importlib_resources.files("immunomod") / "data"


def read_source(source: Traversable | os.PathLike[str] | str, problems: Problems) -> RawData:
    """Read a data folder or a single-file bundle; a folder's manifest is checked if present."""
    if not isinstance(source, (str, os.PathLike)):
        return read_folder(source, problems, require_manifest=False)
    path = pathlib.Path(source)
    if path.is_dir():
        return read_folder(path, problems, require_manifest=False)
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        problems.add(f"cannot read the data source ({type(exc).__name__})", file=path.name)
        return RawData({kind: [] for kind in (*KINDS, DEPRECATIONS)}, "")
    return read_bundle(data, path.name, problems)


def load_catalog(root: Traversable | None = None, *, require_manifest: bool = False) -> Catalog:
    """Read, validate and cross-check a data folder and return its catalog.

    ``root`` defaults to the data packaged with immunomod, whose manifest must list every
    file with its hash (``require_manifest`` asks the same of another folder; a folder's
    manifest is always checked when present). Any problem raises one
    :class:`~immunomod.errors.DataError` listing every problem found, each with its file,
    record and field.
    """
    problems = Problems()
    if root is None:
        root, require_manifest = packaged_data(), True
    return build_catalog(read_folder(root, problems, require_manifest), problems)
