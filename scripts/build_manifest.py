"""Write src/immunomod/data/manifest.json: every data file with its SHA-256.

Run after any change to the data:
    python scripts/build_manifest.py
The packaged data loads only when the manifest matches the files exactly (no file missing,
added or changed), so a damaged or edited installation is refused, never half served.
"""

from __future__ import annotations

import pathlib

from immunomod.reading import MANIFEST_FILE, canonical_json, manifest_of

DATA = pathlib.Path(__file__).resolve().parent.parent / "src" / "immunomod" / "data"


def data_files(root: pathlib.Path = DATA) -> dict[str, bytes]:
    """Every file below the data folder (the manifest excluded) by its relative path."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.name != MANIFEST_FILE and "__pycache__" not in path.parts
    }


def manifest_text(root: pathlib.Path = DATA) -> str:
    """The manifest the data folder should have, as canonical JSON."""
    return canonical_json(manifest_of(data_files(root)))


def main() -> None:
    """Rewrite the manifest."""
    (DATA / MANIFEST_FILE).write_text(manifest_text(), encoding="utf-8")


if __name__ == "__main__":
    main()
