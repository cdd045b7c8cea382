"""Ids never silently disappear: every id a release shipped must still resolve.

``released_ids.json`` maps the id of every record shipped (or about to ship) to the version
that first shipped it. When a record is renamed or merged, its old id must be listed in
``deprecations.json`` with ``replaced_by`` (it then resolves to the replacement with a
DeprecationWarning); when ids are added in a release, add them to the file in that release.
"""

from __future__ import annotations

import json
import pathlib
import warnings
from typing import Any

import pytest

import immunomod
from immunomod import adverse_effects, conditions, drug_classes, drugs, monitoring_tests
from immunomod.collection import Collection

RELEASED = json.loads((pathlib.Path(__file__).parent / "released_ids.json").read_text("utf-8"))
COLLECTIONS: dict[str, Collection[Any]] = {
    "drugs": drugs,
    "drug_classes": drug_classes,
    "adverse_effects": adverse_effects,
    "conditions": conditions,
    "monitoring_tests": monitoring_tests,
}


@pytest.mark.parametrize("kind", sorted(COLLECTIONS))
def test_every_released_id_still_resolves(kind: str) -> None:
    collection = COLLECTIONS[kind]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # a deprecated id still resolves
        missing = [rid for rid in RELEASED.get(kind, []) if rid not in collection]
    assert not missing, f"{kind} ids shipped in a release no longer resolve: {missing}"


def test_released_ids_cover_the_current_release() -> None:
    # Until the next release, the list and the data are the same: a new id is added to the
    # list when it is released, so nothing shipped can be forgotten.
    for kind, collection in COLLECTIONS.items():
        released = set(RELEASED.get(kind, []))
        assert set(collection) <= released, (
            f"new {kind} ids are not in tests/released_ids.json: "
            f"{sorted(set(collection) - released)}"
        )


def test_data_changes_come_with_a_new_version() -> None:
    # data_checksums.json records the data checksum of each version: changing the data
    # without bumping the version (and adding the new checksum) fails here.
    recorded = json.loads(
        (pathlib.Path(__file__).parent / "data_checksums.json").read_text(encoding="utf-8")
    )
    assert immunomod.__version__ in recorded, "bump the version and record the data checksum"
    assert recorded[immunomod.__version__] == immunomod.dataset_info().checksum, (
        "the data changed: bump the version, add a CHANGELOG line and record the new checksum"
    )


def test_citation_file_names_the_current_version() -> None:
    citation = (pathlib.Path(__file__).parent.parent / "CITATION.cff").read_text("utf-8")
    assert f'version: "{immunomod.__version__}"' in citation
