"""Reading, validating and cross-checking the packaged data files.

Data flows one way: JSON files -> validated frozen models -> integrity checks ->
indexes, bundled in a :class:`Catalog`. The default catalog is built on first use,
under a lock, and then shared by the whole process.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import Any, TypeVar

import importlib_resources
from importlib_resources.abc import Traversable
from pydantic import BaseModel, ValidationError

from immunomod.errors import DataError
from immunomod.index import RecordIndex
from immunomod.models import AdverseEffect, Condition, Drug, DrugClass, MonitoringTest

__all__ = [
    "ADVERSE_EFFECTS_FILE",
    "CONDITIONS_FILE",
    "DRUGS_DIR",
    "DRUG_CLASSES_FILE",
    "MONITORING_TESTS_FILE",
    "Catalog",
    "canonical_json",
    "default_catalog",
    "load_catalog",
]

DRUG_CLASSES_FILE = "drug_classes.json"
ADVERSE_EFFECTS_FILE = "adverse_effects.json"
CONDITIONS_FILE = "conditions.json"
MONITORING_TESTS_FILE = "monitoring_tests.json"
DRUGS_DIR = "drugs"

M = TypeVar("M", bound=BaseModel)
AnyRecord = Drug | DrugClass | AdverseEffect | Condition | MonitoringTest


def canonical_json(value: object) -> str:
    """Return the one accepted text of a data file holding ``value``."""
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _names(record: AnyRecord) -> Iterator[tuple[str, str]]:
    yield "name", record.name
    for synonym in record.synonyms:
        yield "synonyms", synonym
    if isinstance(record, Drug):
        for brand in record.brand_names:
            yield "brand_names", brand


@dataclass(frozen=True)
class Catalog:
    """The validated dataset with its look-up indexes; immutable once built."""

    drugs: RecordIndex[Drug]
    drug_classes: RecordIndex[DrugClass]
    adverse_effects: RecordIndex[AdverseEffect]
    conditions: RecordIndex[Condition]
    monitoring_tests: RecordIndex[MonitoringTest]
    checksum: str
    """SHA-256 over every data file's path and bytes."""

    @cached_property
    def class_descendants(self) -> Mapping[str, frozenset[str]]:
        """Each class id mapped to itself and every class below it, through every parent."""
        children: dict[str, list[str]] = {}
        for drug_class in self.drug_classes.records:
            for parent in drug_class.parents:
                children.setdefault(parent, []).append(drug_class.id)
        return MappingProxyType(
            {
                class_id: frozenset(_reachable(class_id, children))
                for class_id in self.drug_classes.by_id
            }
        )


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


def _read_json(root: Traversable, relative: str, digest: Any) -> Any:
    resource = root.joinpath(*relative.split("/"))
    try:
        data = resource.read_bytes()
    except FileNotFoundError:
        raise DataError("data file is missing", file=relative) from None
    digest.update(relative.encode() + b"\0" + data + b"\0")
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(f"not valid UTF-8 JSON ({exc})", file=relative) from None


def _validate(model: type[M], raw: object, file: str) -> M:
    record_id = raw.get("id") if isinstance(raw, dict) else None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        location = ".".join(str(part) for part in first["loc"]) or None
        more = f" (and {exc.error_count() - 1} more errors)" if exc.error_count() > 1 else ""
        raise DataError(
            f"{first['msg']}{more}",
            file=file,
            record=str(record_id) if record_id is not None else None,
            field=location,
        ) from None


def _validate_list(model: type[M], root: Traversable, file: str, digest: Any) -> list[M]:
    raw = _read_json(root, file, digest)
    if not isinstance(raw, list):
        raise DataError("expected a JSON list of records", file=file)
    return [_validate(model, item, file) for item in raw]


def _read_drugs(root: Traversable, digest: Any) -> list[tuple[str, Drug]]:
    folder = root.joinpath(DRUGS_DIR)
    if not folder.is_dir():
        raise DataError("data folder is missing", file=DRUGS_DIR)
    names = sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".json"))
    drugs = []
    for name in names:
        file = f"{DRUGS_DIR}/{name}"
        drug = _validate(Drug, _read_json(root, file, digest), file)
        if f"{drug.id}.json" != name:
            raise DataError(f"id {drug.id!r} does not match the file name", file=file, field="id")
        drugs.append((file, drug))
    return drugs


def _unique(records: Iterable[tuple[str, AnyRecord]], kind: str) -> None:
    seen: dict[str, str] = {}
    for file, record in records:
        record_id: str = record.id
        if record_id in seen:
            raise DataError(
                f"duplicate {kind} id (also in {seen[record_id]})",
                file=file,
                record=record_id,
                field="id",
            )
        seen[record_id] = file


def _check_clashes(index: RecordIndex[Any], file_of: dict[str, str], kind: str) -> None:
    if index.clashes:
        clash = index.clashes[0]
        raise DataError(
            f"name {clash.name!r} is also a name of {kind} {clash.first!r}",
            file=file_of[clash.second],
            record=clash.second,
            field=clash.field,
        )


def _check_class_graph(classes: dict[str, DrugClass]) -> None:
    """Every parent exists and no class is its own ancestor (the hierarchy is a DAG)."""
    for drug_class in classes.values():
        for i, parent in enumerate(drug_class.parents):
            if parent not in classes:
                raise DataError(
                    f"unknown parent class {parent!r}",
                    file=DRUG_CLASSES_FILE,
                    record=drug_class.id,
                    field=f"parents.{i}",
                )
    # Kahn's algorithm: whatever cannot be ordered lies on a cycle.
    waiting = {class_id: len(c.parents) for class_id, c in classes.items()}
    children: dict[str, list[str]] = {}
    for drug_class in classes.values():
        for parent in drug_class.parents:
            children.setdefault(parent, []).append(drug_class.id)
    ready = [class_id for class_id, count in waiting.items() if count == 0]
    for class_id in ready:
        for child in children.get(class_id, ()):
            waiting[child] -= 1
            if waiting[child] == 0:
                ready.append(child)
    if len(ready) < len(classes):
        on_cycle = min(class_id for class_id, count in waiting.items() if count > 0)
        raise DataError(
            "class hierarchy has a cycle",
            file=DRUG_CLASSES_FILE,
            record=on_cycle,
            field="parents",
        )


def _check_drug_references(
    file: str,
    drug: Drug,
    drug_ids: set[str],
    class_ids: set[str],
    effect_ids: set[str],
    condition_ids: set[str],
    test_ids: set[str],
) -> None:
    def fail(message: str, location: str) -> DataError:
        return DataError(message, file=file, record=drug.id, field=location)

    for i, class_id in enumerate(drug.classes):
        if class_id not in class_ids:
            raise fail(f"unknown drug class {class_id!r}", f"classes.{i}")
    for i, effect in enumerate(drug.adverse_effects):
        if effect.effect not in effect_ids:
            raise fail(f"unknown adverse effect {effect.effect!r}", f"adverse_effects.{i}.effect")
    for i, indication in enumerate(drug.indications):
        if indication.condition not in condition_ids:
            raise fail(f"unknown condition {indication.condition!r}", f"indications.{i}.condition")
    for i, item in enumerate(drug.monitoring):
        if item.test not in test_ids:
            raise fail(f"unknown monitoring test {item.test!r}", f"monitoring.{i}.test")
    for i, partner in enumerate(drug.co_therapy):
        if partner.drug is not None and partner.drug not in drug_ids:
            raise fail(f"unknown drug {partner.drug!r}", f"co_therapy.{i}.drug")
        if partner.drug == drug.id:
            raise fail("a drug cannot be its own co-therapy", f"co_therapy.{i}.drug")
        if partner.drug_class is not None and partner.drug_class not in class_ids:
            raise fail(f"unknown drug class {partner.drug_class!r}", f"co_therapy.{i}.drug_class")


def load_catalog(root: Traversable | None = None) -> Catalog:
    """Read, validate and cross-check a data folder and return its catalog.

    ``root`` defaults to the data packaged with immunomod. Any problem raises
    :class:`~immunomod.errors.DataError` naming the file, the record and the field.
    """
    if root is None:
        root = importlib_resources.files("immunomod") / "data"
    digest = hashlib.sha256()
    classes = _validate_list(DrugClass, root, DRUG_CLASSES_FILE, digest)
    effects = _validate_list(AdverseEffect, root, ADVERSE_EFFECTS_FILE, digest)
    conditions = _validate_list(Condition, root, CONDITIONS_FILE, digest)
    tests = _validate_list(MonitoringTest, root, MONITORING_TESTS_FILE, digest)
    drugs = _read_drugs(root, digest)

    _unique(((DRUG_CLASSES_FILE, c) for c in classes), "drug class")
    _unique(((ADVERSE_EFFECTS_FILE, e) for e in effects), "adverse effect")
    _unique(((CONDITIONS_FILE, c) for c in conditions), "condition")
    _unique(((MONITORING_TESTS_FILE, t) for t in tests), "monitoring test")
    _unique(drugs, "drug")
    classes_by_id = {c.id: c for c in classes}
    _check_class_graph(classes_by_id)
    drug_ids = {drug.id for _, drug in drugs}
    effect_ids = {e.id for e in effects}
    class_ids = set(classes_by_id)
    condition_ids = {c.id for c in conditions}
    test_ids = {t.id for t in tests}
    for file, drug in drugs:
        _check_drug_references(file, drug, drug_ids, class_ids, effect_ids, condition_ids, test_ids)

    catalog = Catalog(
        drugs=RecordIndex((drug for _, drug in drugs), _names),
        drug_classes=RecordIndex(classes, _names),
        adverse_effects=RecordIndex(effects, _names),
        conditions=RecordIndex(conditions, _names),
        monitoring_tests=RecordIndex(tests, _names),
        checksum=digest.hexdigest(),
    )
    _check_clashes(catalog.drugs, {drug.id: file for file, drug in drugs}, "drug")
    _check_clashes(catalog.drug_classes, dict.fromkeys(class_ids, DRUG_CLASSES_FILE), "class")
    _check_clashes(
        catalog.adverse_effects, dict.fromkeys(effect_ids, ADVERSE_EFFECTS_FILE), "effect"
    )
    _check_clashes(catalog.conditions, dict.fromkeys(condition_ids, CONDITIONS_FILE), "condition")
    _check_clashes(
        catalog.monitoring_tests, dict.fromkeys(test_ids, MONITORING_TESTS_FILE), "monitoring test"
    )
    return catalog


_default: Catalog | None = None
_default_lock = threading.Lock()


def default_catalog() -> Catalog:
    """Return the packaged catalog, loading it on first call (thread-safe)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = load_catalog()
    return _default
