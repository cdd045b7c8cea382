"""The build step: compile a source data folder, validated in full, into bundle files.

Run by ``scripts/build_bundle.py``; :mod:`immunomod.bundle` reads what it writes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from importlib_resources.abc import Traversable

from immunomod.bundle import (
    DIGEST_FILE,
    FORMAT,
    INDEX_FILE,
    KINDS,
    NAMES_FILE,
    NAMES_PER_SHARD,
    RECORDS_FILE,
    shard_of,
)
from immunomod.index import RecordIndex
from immunomod.loading import build_catalog
from immunomod.reading import Problems, RawData, read_folder

__all__ = ["compile_bundle", "compile_folder"]


def _record_text(record: Any) -> bytes:
    return json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def _shards(names: Mapping[str, str], spans: Mapping[str, list[Any]]) -> list[bytes]:
    """One kind's names and spans split into shards by :func:`shard_of`, as JSON texts."""
    count = max(1, -(-len(names) // NAMES_PER_SHARD))
    shards: list[dict[str, dict[str, Any]]] = [{"names": {}, "spans": {}} for _ in range(count)]
    for folded, record_id in names.items():
        shards[shard_of(folded, count)]["names"][folded] = record_id
    for record_id, span in spans.items():
        shards[shard_of(record_id, count)]["spans"][record_id] = span
    return [_record_text(shard) for shard in shards]


def compile_bundle(raw: RawData) -> dict[str, bytes]:
    """Validate decoded source data in full and return the bundle's files by name."""
    problems = Problems()
    catalog = build_catalog(raw, problems)  # raises DataError on any problem
    records = bytearray()
    names = bytearray()
    index: dict[str, Any] = {"format": FORMAT, "checksum": catalog.checksum, "kinds": {}}
    indexes: Mapping[str, RecordIndex[Any]] = {
        "drug_classes": catalog.drug_classes,
        "adverse_effects": catalog.adverse_effects,
        "conditions": catalog.conditions,
        "monitoring_tests": catalog.monitoring_tests,
        "drugs": catalog.drugs,
    }
    for kind in KINDS:
        by_id = {item.data["id"]: item.data for item in raw.records[kind]}
        spans: dict[str, list[Any]] = {}
        for record_id in sorted(by_id):
            text = _record_text(by_id[record_id])
            spans[record_id] = [len(records), len(text), hashlib.sha256(text).hexdigest()]
            records += text
        table = []
        for text in _shards(dict(indexes[kind].folded_names()), spans):
            table.append([len(names), len(text), hashlib.sha256(text).hexdigest()])
            names += text
        index["kinds"][kind] = {"shards": table, "replaced": dict(indexes[kind].replaced)}
    index_bytes = (json.dumps(index, sort_keys=True, separators=(",", ":")) + "\n").encode()
    return {
        INDEX_FILE: index_bytes,
        DIGEST_FILE: (hashlib.sha256(index_bytes).hexdigest() + "\n").encode(),
        NAMES_FILE: bytes(names),
        RECORDS_FILE: bytes(records),
    }


def compile_folder(root: Traversable) -> dict[str, bytes]:
    """Compile a data folder (with its manifest) into bundle files."""
    problems = Problems()
    raw = read_folder(root, problems, require_manifest=True)
    problems.raise_if_any()
    return compile_bundle(raw)
