"""Make synthetic data folders of any size from the packaged records, for scale benchmarks.

Each extra drug is a copy of a real record under a new id and new names, so the records keep
the real shape (sizes, vocabularies, references) while the names stay unique.
"""

from __future__ import annotations

import json
import pathlib
import shutil

import immunomod
from immunomod.reading import MANIFEST_FILE, canonical_json, manifest_of

DATA = pathlib.Path(immunomod.__file__).parent / "data"
SUFFIXES = "abcdefghijklmnopqrstuvwxyz"


def _tag(n: int) -> str:
    """A short letters-only tag for copy ``n`` (``"ab"``, ``"ac"``, ...)."""
    letters = ""
    n += len(SUFFIXES)
    while n:
        n, rest = divmod(n, len(SUFFIXES))
        letters = SUFFIXES[rest] + letters
    return letters


def synthetic_folder(target: pathlib.Path, size: int) -> pathlib.Path:
    """Copy the packaged data folder and add renamed copies until it holds ``size`` drugs."""
    shutil.copytree(DATA, target)
    originals = sorted((target / "drugs").glob("*.json"))
    count = len(originals)
    n = 0
    while count < size:
        raw = json.loads(originals[n % len(originals)].read_text(encoding="utf-8"))
        tag = _tag(n)
        n += 1
        raw["id"] = f"{raw['id']}-{tag}"
        raw["name"] = f"{raw['name']} {tag}"
        raw["synonyms"] = [f"{s} {tag}" for s in raw.get("synonyms", [])]
        raw["brand_names"] = [f"{b} {tag}" for b in raw.get("brand_names", [])]
        raw["co_therapy"] = []
        raw.pop("review", None)
        (target / "drugs" / f"{raw['id']}.json").write_text(canonical_json(raw), "utf-8")
        count += 1
    contents = {
        p.relative_to(target).as_posix(): p.read_bytes()
        for p in sorted(target.rglob("*.json"))
        if p.name != MANIFEST_FILE
    }
    (target / MANIFEST_FILE).write_text(canonical_json(manifest_of(contents)), "utf-8")
    return target
