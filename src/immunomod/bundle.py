"""The shipped bundle: the packaged data, validated at build time, read lazily at run time.

Building (:mod:`immunomod.building`, run by ``scripts/build_bundle.py`` and checked by a test)
reads the source data folder, runs the full validation and cross-checks, and writes the
bundle into the package:

- ``_bundle/records.json``: every record's canonical JSON, one after another;
- ``_bundle/names.json``: per kind, shards of about :data:`NAMES_PER_SHARD` look-up names
  each: the folded names that fall in a shard with the ids they name, and the ids that fall
  in it with their record's byte span and SHA-256 (a stable hash of the name or id picks
  the shard, see :func:`shard_of`);
- ``_bundle/index.json``: per kind, each shard's byte span and SHA-256 and the deprecated
  ids, plus the source data's checksum; ``_bundle/index.sha256`` holds its SHA-256.

At run time :func:`open_bundle` reads only the small index. A look-up reads and checks the
one shard its name falls in, then the record, checked against its SHA-256 and assembled
(:func:`immunomod.prebuilt.build`); listing or searching reads every shard once. So the
first answer costs the same at any size. A damaged or edited index, shard or record is
refused with a :class:`~immunomod.DataError`.
"""

from __future__ import annotations

import hashlib
import json
import threading
import zlib
from collections.abc import Callable, Collection, Iterator, Mapping
from typing import Any

import importlib_resources
from importlib_resources.abc import Traversable

from immunomod.catalog import MODELS, Catalog
from immunomod.errors import DataError
from immunomod.index import RecordIndex
from immunomod.models import MAX_ID_LENGTH
from immunomod.prebuilt import build

__all__ = [
    "BUNDLE_DIR",
    "DIGEST_FILE",
    "FORMAT",
    "INDEX_FILE",
    "KINDS",
    "NAMES_FILE",
    "NAMES_PER_SHARD",
    "RECORDS_FILE",
    "open_bundle",
    "packaged_bundle",
    "shard_of",
]

BUNDLE_DIR = "_bundle"
INDEX_FILE = "index.json"
DIGEST_FILE = "index.sha256"
"""The SHA-256 of the index: an edited or damaged index is refused as a whole."""
RECORDS_FILE = "records.json"
NAMES_FILE = "names.json"
FORMAT = 2
"""Version of the bundle layout; a bundle of another format is refused."""
NAMES_PER_SHARD = 64
"""About how many look-up names one shard holds: a first look-up parses one shard."""


def shard_of(text: str, shards: int) -> int:
    """The shard a folded name or an id falls in: a CRC-32, the same in every process."""
    return zlib.crc32(text.encode("utf-8")) % shards


KINDS = ("drug_classes", "adverse_effects", "conditions", "monitoring_tests", "drugs")
"""The kinds of record a bundle holds."""


class _SpanFile:
    """A bundle file read by span: single spans alone, bulk access through a window.

    The first reads fetch just their span. After :attr:`SINGLE_READS` of them (bulk access
    has begun) each read fetches a :attr:`WINDOW` of the file from the span on, so a pass
    over every record or shard costs a few large reads while only one window is held in
    memory.
    """

    SINGLE_READS = 16
    WINDOW = 1 << 20

    def __init__(self, resource: Traversable, name: str) -> None:
        self._resource = resource
        self._name = name
        self._reads = 0
        self._window = b""
        self._window_start = 0
        self._lock = threading.Lock()

    def _bytes(self, start: int, length: int) -> bytes:
        with self._lock:
            offset = start - self._window_start
            if offset >= 0 and offset + length <= len(self._window):
                return self._window[offset : offset + length]
            self._reads += 1
            size = length if self._reads <= self.SINGLE_READS else max(length, self.WINDOW)
            try:
                with self._resource.open("rb") as stream:
                    stream.seek(start)
                    data = stream.read(size)
            except OSError as exc:
                raise DataError(
                    f"cannot read the bundle ({type(exc).__name__})",
                    file=f"{BUNDLE_DIR}/{self._name}",
                ) from None
            if size > length:
                self._window, self._window_start = data, start
            return data[:length]

    def checked(self, span: list[Any], record: str | None = None) -> bytes:
        """The bytes at ``span`` (start, length, SHA-256), refused if they differ."""
        start, length, digest = span
        text = self._bytes(start, length)
        if hashlib.sha256(text).hexdigest() != digest:
            raise DataError(
                f"the {self._name} file differs from the bundle index (damaged or edited install)",
                file=f"{BUNDLE_DIR}/{self._name}",
                record=record,
            )
        return text


class _Shards:
    """One kind's shards of the names file, each read, checked and parsed on first use."""

    def __init__(self, file: _SpanFile, table: list[list[Any]]) -> None:
        self._file = file
        self._table = table
        self._parsed: dict[int, dict[str, dict[str, Any]]] = {}
        self._every: dict[str, dict[str, Any]] = {}

    def _shard(self, number: int) -> dict[str, dict[str, Any]]:
        found = self._parsed.get(number)
        if found is None:
            text = self._file.checked(self._table[number])
            found = self._parsed.setdefault(number, json.loads(text))
        return found

    def part(self, part: str, key: str) -> dict[str, Any]:
        """The ``names`` or ``spans`` of the shard ``key`` (a folded name or an id) falls in."""
        return self._shard(shard_of(key, len(self._table)))[part]

    def every(self, part: str) -> dict[str, Any]:
        """The ``names`` or ``spans`` of every shard, merged (read once)."""
        found = self._every.get(part)
        if found is None:
            merged: dict[str, Any] = {}
            for number in range(len(self._table)):
                merged.update(self._shard(number)[part])
            found = self._every.setdefault(part, merged)
        return found


class _ShardedNames(Mapping[str, str]):
    """Folded look-up name -> id, reading only the shard a name falls in."""

    def __init__(self, shards: _Shards) -> None:
        self._shards = shards

    def __getitem__(self, folded: str) -> str:
        record_id: str = self._shards.part("names", folded)[folded]
        return record_id

    def __iter__(self) -> Iterator[str]:
        return iter(self._shards.every("names"))

    def __len__(self) -> int:
        return len(self._shards.every("names"))


class _ShardedIds(Collection[str]):
    """The ids of one kind, with their record spans, reading only the shard an id falls in."""

    def __init__(self, shards: _Shards) -> None:
        self._shards = shards

    def __contains__(self, record_id: object) -> bool:
        return (
            isinstance(record_id, str)
            and len(record_id) <= MAX_ID_LENGTH  # a longer key is no id: no shard to read
            and record_id in self._shards.part("spans", record_id)
        )

    def __iter__(self) -> Iterator[str]:
        return iter(self._shards.every("spans"))

    def __len__(self) -> int:
        return len(self._shards.every("spans"))

    def span(self, record_id: str) -> list[Any]:
        """The record's byte span and SHA-256 in the records file."""
        span: list[Any] = self._shards.part("spans", record_id)[record_id]
        return span


def _builder(records: _SpanFile, kind: str, ids: _ShardedIds) -> Callable[[str], Any]:
    def build_record(record_id: str) -> Any:
        text = records.checked(ids.span(record_id), record_id)
        return build(MODELS[kind], json.loads(text))

    return build_record


def open_bundle(folder: Traversable) -> Catalog:
    """A catalog over a bundle folder whose records are built on first access."""
    where = f"{BUNDLE_DIR}/{INDEX_FILE}"
    try:
        raw = folder.joinpath(INDEX_FILE).read_bytes()
        digest = folder.joinpath(DIGEST_FILE).read_text(encoding="ascii").strip()
    except (OSError, ValueError) as exc:
        raise DataError(
            f"cannot read the bundle index ({type(exc).__name__})", file=where
        ) from None
    if hashlib.sha256(raw).hexdigest() != digest:
        raise DataError(
            "the bundle index differs from its digest (damaged or edited install)", file=where
        )
    try:
        index = json.loads(raw)
    except ValueError as exc:
        raise DataError(
            f"cannot read the bundle index ({type(exc).__name__})", file=where
        ) from None
    if not isinstance(index, dict) or index.get("format") != FORMAT:
        raise DataError("the bundle index has an unknown format", file=f"{BUNDLE_DIR}/{INDEX_FILE}")
    records = _SpanFile(folder.joinpath(RECORDS_FILE), RECORDS_FILE)
    names = _SpanFile(folder.joinpath(NAMES_FILE), NAMES_FILE)
    indexes: dict[str, RecordIndex[Any]] = {}
    for kind in KINDS:
        part = index["kinds"][kind]
        shards = _Shards(names, part["shards"])
        ids = _ShardedIds(shards)
        indexes[kind] = RecordIndex.from_names(
            ids, _ShardedNames(shards), _builder(records, kind, ids), part["replaced"]
        )
    return Catalog.of(indexes, index["checksum"])


def packaged_bundle() -> Traversable:
    """The bundle folder that ships inside the package."""
    return importlib_resources.files("immunomod") / BUNDLE_DIR
