from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from immunomod.errors import DataError, ImmunomodError
from immunomod.loading import canonical_json, load_catalog
from immunomod.packaged import default_catalog

from .conftest import DataFolder


def test_valid_folder_loads(data_folder: DataFolder) -> None:
    catalog = data_folder.load()
    assert tuple(catalog.drugs.by_id) == ("alphamab", "betapurine")
    assert catalog.descendants("biologic") == {"biologic", "tnf-inhibitor"}
    assert re.fullmatch(r"[0-9a-f]{64}", catalog.checksum)


def test_catalog_indexes_are_read_only(data_folder: DataFolder) -> None:
    catalog = data_folder.load()
    with pytest.raises(TypeError):
        catalog.drugs.by_id["x"] = catalog.drugs.records[0]  # type: ignore[index]
    assert isinstance(catalog.drugs.records, tuple)


def test_checksum_follows_content(data_folder: DataFolder) -> None:
    first = data_folder.load().checksum
    assert data_folder.load().checksum == first
    data_folder.effects[0]["description"] = "Feeling sick."
    assert data_folder.load().checksum != first


def alphamab(folder: DataFolder) -> dict[str, Any]:
    return folder.drugs["alphamab"]


def betapurine(folder: DataFolder) -> dict[str, Any]:
    return folder.drugs["betapurine"]


def rename_alphamab_file(folder: DataFolder) -> None:
    folder.drugs["gammamab"] = folder.drugs.pop("alphamab")
    folder.drugs["betapurine"]["co_therapy"] = []


# Each case: how to break the synthetic data, the expected message, and where the error
# must say the problem is (file, record, field).
INTEGRITY_CASES: dict[
    str, tuple[Callable[[DataFolder], object], str, str, str | None, str | None]
] = {
    "unknown drug class": (
        lambda f: alphamab(f).update(classes=["tnf-inhibitor", "nope"]),
        "unknown drug class 'nope'",
        "drugs/alphamab.json",
        "alphamab",
        "classes.1",
    ),
    "unknown adverse effect": (
        lambda f: betapurine(f)["adverse_effects"][0].update(effect="hiccups"),
        "unknown adverse effect 'hiccups'",
        "drugs/betapurine.json",
        "betapurine",
        "adverse_effects.0.effect",
    ),
    "unknown condition": (
        lambda f: alphamab(f)["indications"][0].update(condition="gout"),
        "unknown condition 'gout'",
        "drugs/alphamab.json",
        "alphamab",
        "indications.0.condition",
    ),
    "unknown co-therapy drug": (
        lambda f: betapurine(f)["co_therapy"][0].update(drug="gammanib"),
        "unknown drug 'gammanib'",
        "drugs/betapurine.json",
        "betapurine",
        "co_therapy.0.drug",
    ),
    "unknown co-therapy class": (
        lambda f: betapurine(f).update(
            co_therapy=[
                {
                    "kind": "bridging",
                    "drug_class": "corticosteroid",
                    "notes": "n",
                    "sources": ["us-label"],
                }
            ]
        ),
        "unknown drug class 'corticosteroid'",
        "drugs/betapurine.json",
        "betapurine",
        "co_therapy.0.drug_class",
    ),
    "own co-therapy": (
        lambda f: betapurine(f)["co_therapy"][0].update(drug="betapurine"),
        "its own co-therapy",
        "drugs/betapurine.json",
        "betapurine",
        "co_therapy.0.drug",
    ),
    "unknown parent class": (
        lambda f: f.classes[1].update(parents=["biologic", "protein"]),
        "unknown parent class 'protein'",
        "drug_classes.json",
        "tnf-inhibitor",
        "parents.1",
    ),
    "class cycle": (
        lambda f: f.classes[0].update(parents=["tnf-inhibitor"]),
        "class hierarchy has a cycle",
        "drug_classes.json",
        "biologic",
        "parents",
    ),
    "class cycle through a second parent": (
        lambda f: f.classes.__setitem__(
            slice(None),
            [
                {"id": "a", "name": "A", "description": "d", "parents": ["c"]},
                {"id": "b", "name": "B", "description": "d", "parents": ["a"]},
                {"id": "c", "name": "C", "description": "d", "parents": ["root", "b"]},
                {"id": "root", "name": "Root", "description": "d"},
                *f.classes,
            ],
        ),
        "class hierarchy has a cycle",
        "drug_classes.json",
        "a",
        "parents",
    ),
    "unknown monitoring test": (
        lambda f: alphamab(f)["monitoring"][0].update(test="x-ray-vision"),
        "unknown monitoring test 'x-ray-vision'",
        "drugs/alphamab.json",
        "alphamab",
        "monitoring.0.test",
    ),
    "dangling source reference": (
        lambda f: betapurine(f)["adverse_effects"][0].update(sources=["us-label", "eu-smpc"]),
        "adverse_effects.0 cites unknown source 'eu-smpc'",
        "drugs/betapurine.json",
        "betapurine",
        None,
    ),
    "missing source reference": (
        lambda f: alphamab(f)["boxed_warning"].update(sources=[]),
        "at least 1 item",
        "drugs/alphamab.json",
        "alphamab",
        "boxed_warning.sources",
    ),
    "review against a non-label source": (
        lambda f: alphamab(f).update(
            sources=[
                *alphamab(f)["sources"],
                {
                    "id": "atc",
                    "kind": "database",
                    "title": "WHO ATC",
                    "url": "https://atcddd.fhi.no/",
                    "accessed": "2026-11-30",
                },
            ],
            review={"date": "2026-11-30", "labels": ["us-label", "atc"]},
        ),
        "review.labels: 'atc' is not a label source",
        "drugs/alphamab.json",
        "alphamab",
        None,
    ),
    "duplicate monitoring test test": (
        lambda f: alphamab(f)["monitoring"].append(dict(alphamab(f)["monitoring"][0])),
        "lists 'tb-screening (before)' twice",
        "drugs/alphamab.json",
        "alphamab",
        "monitoring",
    ),
    "duplicate id": (
        lambda f: f.effects.append(dict(f.effects[0])),
        "duplicate adverse effect id",
        "adverse_effects.json",
        "nausea",
        "id",
    ),
    "name of two drugs": (
        lambda f: betapurine(f).update(brand_names=["ALPHIX"]),
        "name 'ALPHIX' is also a name of drug 'alphamab'",
        "drugs/betapurine.json",
        "betapurine",
        "brand_names",
    ),
    "name clash ignores case, accents, spaces": (
        lambda f: betapurine(f).update(synonyms=["Álpha Mab"]),
        "also a name of drug 'alphamab'",
        "drugs/betapurine.json",
        "betapurine",
        "synonyms",
    ),
    "invalid enum value": (
        lambda f: alphamab(f).update(routes=["oral", "by mouth"]),
        "Input should be 'oral'",
        "drugs/alphamab.json",
        "alphamab",
        "routes.1",
    ),
    "invalid vocabulary record": (
        lambda f: f.conditions[0].update(mesh="X1"),
        "should match pattern",
        "conditions.json",
        "crohns-disease",
        "mesh",
    ),
    "file name differs from id": (
        rename_alphamab_file,
        "does not match the file name",
        "drugs/gammamab.json",
        None,
        "id",
    ),
}


@pytest.mark.parametrize("case", sorted(INTEGRITY_CASES))
def test_integrity_error_names_file_record_and_field(data_folder: DataFolder, case: str) -> None:
    breaks, message, file, record, field = INTEGRITY_CASES[case]
    breaks(data_folder)
    with pytest.raises(DataError, match=re.escape(message)) as caught:
        data_folder.load()
    error = caught.value
    assert isinstance(error, ImmunomodError)
    assert (error.file, error.record, error.field) == (file, record, field)
    text = str(error)
    assert text.startswith(file)
    for part in (record, field):
        if part is not None:
            assert repr(part) in text


def test_missing_file(data_folder: DataFolder) -> None:
    (data_folder.write() / "conditions.json").unlink()
    with pytest.raises(DataError, match=r"conditions\.json: data file is missing"):
        load_catalog(data_folder.root)


def test_missing_drugs_folder(data_folder: DataFolder) -> None:
    data_folder.drugs = {}
    root = data_folder.write()
    (root / "drugs").rmdir()
    with pytest.raises(DataError, match="drugs: data folder is missing"):
        load_catalog(root)


def test_invalid_json(data_folder: DataFolder) -> None:
    root = data_folder.write()
    (root / "drugs" / "alphamab.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(DataError, match=r"drugs/alphamab\.json: not valid JSON"):
        load_catalog(root)


def test_vocabulary_must_be_a_list(data_folder: DataFolder) -> None:
    root = data_folder.write()
    (root / "drug_classes.json").write_text(json.dumps({"id": "x"}), encoding="utf-8")
    with pytest.raises(DataError, match=r"drug_classes\.json: expected a JSON list"):
        load_catalog(root)


def test_canonical_json() -> None:
    assert canonical_json({"b": 1, "a": "é"}) == '{\n  "a": "é",\n  "b": 1\n}\n'


def test_default_catalog_is_loaded_once() -> None:
    assert default_catalog() is default_catalog()
