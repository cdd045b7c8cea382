"""Reading data sources safely: bounded size, strict JSON, every problem collected.

A data source is a folder laid out like the packaged data (four vocabulary files and
``drugs/<id>.json``), or one JSON file holding the same lists under the keys
``drug_classes``, ``adverse_effects``, ``conditions``, ``monitoring_tests`` and ``drugs``.
Reading turns a source into :class:`RawData`: the decoded records, the file each came
from, and a checksum. Nothing here validates a record; nothing here runs code from a file.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from importlib_resources.abc import Traversable

from immunomod.errors import DataError, Problem

__all__ = [
    "DEPRECATIONS",
    "DRUGS_DIR",
    "INVALID",
    "KINDS",
    "MANIFEST_FILE",
    "MAX_FILE_BYTES",
    "MAX_PROBLEMS",
    "Problems",
    "RawData",
    "RawRecord",
    "canonical_json",
    "manifest_of",
    "parse_json",
    "read_bundle",
    "read_folder",
]

KINDS = ("drug_classes", "adverse_effects", "conditions", "monitoring_tests", "drugs")
"""The kinds of record in a data source, in the order they are read."""
DEPRECATIONS = "deprecations"
"""Optional list of deprecated ids (``deprecations.json`` or the bundle key)."""
DRUGS_DIR = "drugs"
MANIFEST_FILE = "manifest.json"
"""Names every data file of a folder with its SHA-256; required for the packaged data."""
MAX_FILE_BYTES = 16 * 2**20
"""Largest data file read (16 MiB); a larger one is a problem, not a memory spike."""
MAX_PROBLEMS = 100
"""Most problems one :class:`DataError` lists; the count of the rest is added."""

INVALID: Any = object()
"""What :func:`parse_json` returns for a file it could not decode (a problem is recorded)."""


def canonical_json(value: object) -> str:
    """Return the one accepted text of a data file holding ``value``."""
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class Problems:
    """Collects the problems of one load, keeping the first :data:`MAX_PROBLEMS`."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.more = 0

    def add(
        self,
        message: str,
        *,
        file: str | None = None,
        record: str | None = None,
        field: str | None = None,
    ) -> None:
        """Record one problem."""
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(Problem(message, file=file, record=record, field=field))
        else:
            self.more += 1

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        """Raise one :class:`DataError` listing every problem, if there is any."""
        if self.items:
            items = list(self.items)
            if self.more:
                items.append(Problem(f"... and {self.more} more problems not listed"))
            raise DataError.from_problems(items)


class RawRecord(NamedTuple):
    """One decoded record, the file it came from and, for a drug file, the file's stem."""

    file: str
    data: Any
    stem: str | None = None


@dataclass(frozen=True)
class RawData:
    """Decoded records of every kind and a SHA-256 over the source's files."""

    records: dict[str, list[RawRecord]]
    checksum: str


class _DuplicateKeyError(ValueError):
    pass


def _object_without_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(f"duplicate key {key[:60]!r}")
        result[key] = value
    return result


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number {text[:30]} is out of range")
    return value


def parse_json(data: bytes, file: str, problems: Problems) -> Any:
    """Decode strict JSON, or record why not and return :data:`INVALID`.

    Refused: files over :data:`MAX_FILE_BYTES`, invalid UTF-8, duplicate keys, NaN and
    Infinity (and numbers that overflow to them), and nesting too deep to decode.
    """
    if len(data) > MAX_FILE_BYTES:
        problems.add(f"file is larger than {MAX_FILE_BYTES} bytes", file=file)
        return INVALID
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.add(f"not valid UTF-8 ({exc.reason} at byte {exc.start})", file=file)
        return INVALID
    try:
        return json.loads(
            text,
            object_pairs_hook=_object_without_duplicate_keys,
            parse_constant=_reject_constant,
            parse_float=_finite_float,
        )
    except json.JSONDecodeError as exc:
        problems.add(f"not valid JSON ({exc.msg} at line {exc.lineno})", file=file)
    except ValueError as exc:  # duplicate keys, NaN or Infinity, overflowing numbers
        problems.add(f"not valid JSON data: {exc}", file=file)
    except RecursionError:
        problems.add("JSON is nested too deeply", file=file)
    return INVALID


def _read_bytes(entry: Traversable, file: str, problems: Problems) -> bytes | None:
    try:
        if not entry.is_file():
            problems.add("data file is missing or not a file", file=file)
            return None
        with entry.open("rb") as stream:
            data: bytes = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        problems.add(f"cannot read the file ({type(exc).__name__})", file=file)
        return None
    return data


def _folder_files(root: Traversable, problems: Problems) -> dict[str, Traversable]:
    """Every data file of a folder by its relative path; anything unexpected is a problem."""
    files: dict[str, Traversable] = {}
    if not root.is_dir():
        problems.add("data folder is missing")
        return files
    expected_top = {f"{kind}.json" for kind in KINDS if kind != "drugs"}
    expected_top |= {MANIFEST_FILE, f"{DEPRECATIONS}.json"}
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name == DRUGS_DIR and entry.is_dir():
            continue
        if entry.name not in expected_top:
            problems.add("unexpected entry in the data folder", file=entry.name)
            continue
        files[entry.name] = entry
    drugs = root.joinpath(DRUGS_DIR)
    if not drugs.is_dir():
        problems.add("data folder is missing", file=DRUGS_DIR)
        return files
    for entry in sorted(drugs.iterdir(), key=lambda e: e.name):
        relative = f"{DRUGS_DIR}/{entry.name}"
        if not entry.name.endswith(".json") or not entry.is_file():
            problems.add("unexpected entry in the drugs folder (not a .json file)", file=relative)
            continue
        files[relative] = entry
    return files


def manifest_of(contents: dict[str, bytes]) -> dict[str, Any]:
    """The manifest of a folder's data files: each relative path with its SHA-256."""
    return {
        "files": {
            path: hashlib.sha256(data).hexdigest()
            for path, data in sorted(contents.items())
            if path != MANIFEST_FILE
        }
    }


def _check_manifest(contents: dict[str, bytes], required: bool, problems: Problems) -> None:
    data = contents.get(MANIFEST_FILE)
    if data is None:
        if required:
            problems.add("the data manifest is missing", file=MANIFEST_FILE)
        return
    manifest = parse_json(data, MANIFEST_FILE, problems)
    listed = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(listed, dict):
        if manifest is not INVALID:
            problems.add("expected an object with a 'files' object", file=MANIFEST_FILE)
        return
    actual = manifest_of(contents)["files"]
    for path in sorted(set(listed) | set(actual)):
        if path not in actual:
            problems.add("a file the manifest lists is missing", file=str(path)[:200])
        elif path not in listed:
            problems.add("a file the manifest does not list is present", file=path)
        elif listed[path] != actual[path]:
            problems.add("the file differs from the manifest (damaged or edited)", file=path)


def read_folder(root: Traversable, problems: Problems, require_manifest: bool) -> RawData:
    """Read every data file of a folder, recording problems instead of raising."""
    entries = _folder_files(root, problems)
    contents: dict[str, bytes] = {}
    for relative, entry in entries.items():
        data = _read_bytes(entry, relative, problems)
        if data is not None:
            contents[relative] = data
    _check_manifest(contents, require_manifest, problems)
    records: dict[str, list[RawRecord]] = {kind: [] for kind in (*KINDS, DEPRECATIONS)}
    for kind in (*KINDS[:-1], DEPRECATIONS):
        file = f"{kind}.json"
        if file not in contents:
            if file not in entries and kind != DEPRECATIONS:
                problems.add("data file is missing", file=file)
            continue
        records[kind] = list(
            _records_of_list(parse_json(contents[file], file, problems), file, problems)
        )
    for relative in sorted(path for path in contents if path.startswith(f"{DRUGS_DIR}/")):
        raw = parse_json(contents[relative], relative, problems)
        if raw is not INVALID:
            stem = relative[len(DRUGS_DIR) + 1 : -len(".json")]
            records["drugs"].append(RawRecord(relative, raw, stem))
    return RawData(records, _checksum(contents))


def read_bundle(data: bytes, name: str, problems: Problems) -> RawData:
    """Read a single-file data source (an object of the five record lists)."""
    raw = parse_json(data, name, problems)
    records: dict[str, list[RawRecord]] = {kind: [] for kind in (*KINDS, DEPRECATIONS)}
    if raw is INVALID:
        return RawData(records, _checksum({name: data}))
    if not isinstance(raw, dict):
        problems.add(f"expected a JSON object with the keys {', '.join(KINDS)}", file=name)
        return RawData(records, _checksum({name: data}))
    for key in sorted(set(raw) - {*KINDS, DEPRECATIONS}):
        problems.add(f"unexpected key {key[:60]!r}", file=name)
    for kind in (*KINDS, DEPRECATIONS):
        if kind not in raw:
            if kind == DEPRECATIONS:
                continue
            problems.add(f"the key {kind!r} is missing", file=name)
            continue
        records[kind] = list(_records_of_list(raw[kind], f"{name}:{kind}", problems))
    return RawData(records, _checksum({name: data}))


def _records_of_list(raw: Any, file: str, problems: Problems) -> Iterator[RawRecord]:
    if raw is INVALID:
        return
    if not isinstance(raw, list):
        problems.add("expected a JSON list of records", file=file)
        return
    for item in raw:
        yield RawRecord(file, item)


def _checksum(contents: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for path, data in sorted(contents.items()):
        if path != MANIFEST_FILE:
            digest.update(path.encode() + b"\0" + data + b"\0")
    return digest.hexdigest()
