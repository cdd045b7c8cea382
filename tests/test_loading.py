from __future__ import annotations

import json
import re

import pytest

from immunomod.errors import DataError, ImmunomodError
from immunomod.loading import canonical_json, default_catalog, load_catalog

from .conftest import DataFolder


def test_valid_folder_loads(data_folder: DataFolder) -> None:
    catalog = data_folder.load()
    assert tuple(catalog.drugs.by_id) == ("alphamab", "betapurine")
    assert catalog.class_descendants["biologic"] == {"biologic", "tnf-inhibitor"}
    assert re.fullmatch(r"[0-9a-f]{64}", catalog.checksum)


def test_checksum_follows_content(data_folder: DataFolder) -> None:
    first = data_folder.load().checksum
    assert data_folder.load().checksum == first
    data_folder.effects[0]["description"] = "Feeling sick."
    assert data_folder.load().checksum != first


def expect_error(
    data_folder: DataFolder,
    message: str,
    *,
    file: str,
    record: str | None = None,
    field: str | None = None,
) -> DataError:
    with pytest.raises(DataError, match=message) as caught:
        data_folder.load()
    error = caught.value
    assert isinstance(error, ImmunomodError)
    assert (error.file, error.record, error.field) == (file, record, field)
    assert file in str(error)
    if record is not None:
        assert repr(record) in str(error)
    if field is not None:
        assert repr(field) in str(error)
    return error


def test_unknown_drug_class(data_folder: DataFolder) -> None:
    data_folder.drugs["alphamab"]["classes"] = ["tnf-inhibitor", "nope"]
    expect_error(
        data_folder,
        "unknown drug class 'nope'",
        file="drugs/alphamab.json",
        record="alphamab",
        field="classes.1",
    )


def test_unknown_adverse_effect(data_folder: DataFolder) -> None:
    data_folder.drugs["betapurine"]["adverse_effects"][0]["effect"] = "hiccups"
    expect_error(
        data_folder,
        "unknown adverse effect 'hiccups'",
        file="drugs/betapurine.json",
        record="betapurine",
        field="adverse_effects.0.effect",
    )


def test_unknown_condition(data_folder: DataFolder) -> None:
    data_folder.drugs["alphamab"]["indications"][0]["condition"] = "gout"
    expect_error(
        data_folder,
        "unknown condition 'gout'",
        file="drugs/alphamab.json",
        record="alphamab",
        field="indications.0.condition",
    )


def test_unknown_co_therapy_drug(data_folder: DataFolder) -> None:
    data_folder.drugs["betapurine"]["co_therapy"][0]["drug"] = "gammanib"
    expect_error(
        data_folder,
        "unknown drug 'gammanib'",
        file="drugs/betapurine.json",
        record="betapurine",
        field="co_therapy.0.drug",
    )


def test_unknown_co_therapy_class(data_folder: DataFolder) -> None:
    data_folder.drugs["betapurine"]["co_therapy"] = [
        {"kind": "bridging", "drug_class": "corticosteroid", "notes": "n"}
    ]
    expect_error(
        data_folder,
        "unknown drug class 'corticosteroid'",
        file="drugs/betapurine.json",
        record="betapurine",
        field="co_therapy.0.drug_class",
    )


def test_drug_cannot_be_its_own_co_therapy(data_folder: DataFolder) -> None:
    data_folder.drugs["betapurine"]["co_therapy"][0]["drug"] = "betapurine"
    expect_error(
        data_folder,
        "its own co-therapy",
        file="drugs/betapurine.json",
        record="betapurine",
        field="co_therapy.0.drug",
    )


def test_unknown_parent_class(data_folder: DataFolder) -> None:
    data_folder.classes[1]["parent"] = "protein"
    expect_error(
        data_folder,
        "unknown parent class 'protein'",
        file="drug_classes.json",
        record="tnf-inhibitor",
        field="parent",
    )


def test_class_cycle(data_folder: DataFolder) -> None:
    data_folder.classes[0]["parent"] = "tnf-inhibitor"
    error = expect_error(
        data_folder, "cycle", file="drug_classes.json", record="biologic", field="parent"
    )
    assert "cycle" in str(error)


def test_duplicate_ids(data_folder: DataFolder) -> None:
    data_folder.effects.append(dict(data_folder.effects[0]))
    expect_error(
        data_folder,
        "duplicate adverse effect id",
        file="adverse_effects.json",
        record="nausea",
        field="id",
    )


def test_lookup_name_mapping_to_two_drugs(data_folder: DataFolder) -> None:
    data_folder.drugs["betapurine"]["brand_names"] = ["ALPHIX"]
    expect_error(
        data_folder,
        "name 'ALPHIX' is also a name of drug 'alphamab'",
        file="drugs/betapurine.json",
        record="betapurine",
        field="brand_names",
    )


def test_lookup_name_clash_ignores_case_accents_and_spaces(data_folder: DataFolder) -> None:
    data_folder.drugs["betapurine"]["synonyms"] = ["Álpha Mab"]
    expect_error(
        data_folder,
        "also a name of drug 'alphamab'",
        file="drugs/betapurine.json",
        record="betapurine",
        field="synonyms",
    )


def test_validation_error_names_file_record_and_field(data_folder: DataFolder) -> None:
    data_folder.drugs["alphamab"]["routes"] = ["oral", "by mouth"]
    error = expect_error(
        data_folder,
        "Input should be",
        file="drugs/alphamab.json",
        record="alphamab",
        field="routes.1",
    )
    assert "'oral'" in str(error)


def test_vocabulary_validation_error(data_folder: DataFolder) -> None:
    data_folder.conditions[0]["mesh"] = "X1"
    expect_error(
        data_folder,
        "should match pattern",
        file="conditions.json",
        record="crohns-disease",
        field="mesh",
    )


def test_file_name_must_match_id(data_folder: DataFolder) -> None:
    data_folder.drugs["gammamab"] = data_folder.drugs.pop("alphamab")
    data_folder.drugs["betapurine"]["co_therapy"] = []
    expect_error(
        data_folder, "does not match the file name", file="drugs/gammamab.json", field="id"
    )


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
    with pytest.raises(DataError, match=r"drugs/alphamab\.json: not valid UTF-8 JSON"):
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
