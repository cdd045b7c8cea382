"""The shipped bundle: the packaged data, validated at build time, read lazily at run time.

Building (:mod:`immunomod.building`, run by ``scripts/build_bundle.py`` and checked by a test)
reads the source data folder, runs the full validation and cross-checks, and writes two
files into the package:

- ``_bundle/records.json``: every record's canonical JSON, one after another;
- ``_bundle/index.json``: per kind, each record's id, byte span and SHA-256, the folded
  look-up names and deprecated ids, plus the source data's checksum.

At run time :func:`open_bundle` reads only the small index; a record is read, checked
against its SHA-256 and assembled (:func:`immunomod.prebuilt.build`) on first access. A
damaged or edited record is refused with a :class:`~immunomod.DataError`.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Mapping
from typing import Any

import importlib_resources
from importlib_resources.abc import Traversable

from immunomod.catalog import MODELS, Catalog
from immunomod.errors import DataError
from immunomod.index import RecordIndex
from immunomod.prebuilt import build

__all__ = [
    "BUNDLE_DIR",
    "DIGEST_FILE",
    "FORMAT",
    "INDEX_FILE",
    "KINDS",
    "RECORDS_FILE",
    "open_bundle",
    "packaged_bundle",
]

BUNDLE_DIR = "_bundle"
INDEX_FILE = "index.json"
DIGEST_FILE = "index.sha256"
"""The SHA-256 of the index: an edited or damaged index is refused as a whole."""
RECORDS_FILE = "records.json"
FORMAT = 1
"""Version of the bundle layout; a bundle of another format is refused."""
KINDS = ("drug_classes", "adverse_effects", "conditions", "monitoring_tests", "drugs")
"""The kinds of record a bundle holds."""


class _RecordFile:
    """The records file, read by span: single records alone, bulk access through a window.

    The first reads fetch just their record. After :attr:`SINGLE_READS` of them (bulk access
    has begun) each read fetches a :attr:`WINDOW` of the file from the record on, so a pass
    over every record costs a few large reads while only one window is held in memory.
    """

    SINGLE_READS = 16
    WINDOW = 1 << 20

    def __init__(self, resource: Traversable) -> None:
        self._resource = resource
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
                    file=f"{BUNDLE_DIR}/{RECORDS_FILE}",
                ) from None
            if size > length:
                self._window, self._window_start = data, start
            return data[:length]

    def record(self, kind: str, record_id: str, span: list[Any]) -> Any:
        """The record at ``span``, checked against its SHA-256 and assembled."""
        start, length, digest = span
        text = self._bytes(start, length)
        if hashlib.sha256(text).hexdigest() != digest:
            raise DataError(
                "the record differs from the bundle index (damaged or edited install)",
                file=f"{BUNDLE_DIR}/{RECORDS_FILE}",
                record=record_id,
            )
        return build(MODELS[kind], json.loads(text))


def _builder(file: _RecordFile, kind: str, spans: Mapping[str, list[Any]]) -> Callable[[str], Any]:
    return lambda record_id: file.record(kind, record_id, spans[record_id])


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
    file = _RecordFile(folder.joinpath(RECORDS_FILE))
    indexes: dict[str, RecordIndex[Any]] = {}
    for kind in KINDS:
        part = index["kinds"][kind]
        spans = part["spans"]
        indexes[kind] = RecordIndex.from_names(
            spans,
            part["names"],
            _builder(file, kind, spans),
            part["replaced"],
        )
    return Catalog.of(indexes, index["checksum"])


def packaged_bundle() -> Traversable:
    """The bundle folder that ships inside the package."""
    return importlib_resources.files("immunomod") / BUNDLE_DIR
