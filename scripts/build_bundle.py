"""Compile the packaged data into the bundle the runtime reads (src/immunomod/_bundle/).

Run after any change to the data (after scripts/build_manifest.py):
    python scripts/build_bundle.py
It validates and cross-checks every record first, so a bundle is only ever written from
valid data; tests/test_bundle.py fails while the committed bundle is stale.
"""

from __future__ import annotations

import pathlib

from immunomod.building import compile_folder
from immunomod.bundle import BUNDLE_DIR

PACKAGE = pathlib.Path(__file__).resolve().parent.parent / "src" / "immunomod"


def bundle_files() -> dict[str, bytes]:
    """The bundle files the source data compile to."""
    return compile_folder(PACKAGE / "data")


def main() -> None:
    """Rewrite the bundle files."""
    folder = PACKAGE / BUNDLE_DIR
    folder.mkdir(exist_ok=True)
    for name, data in bundle_files().items():
        (folder / name).write_bytes(data)


if __name__ == "__main__":
    main()
