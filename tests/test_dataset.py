"""immunomod.load: a user's own data, validated by the packaged rules."""

from __future__ import annotations

import json
import pathlib
import warnings

import pytest

import immunomod
from immunomod import DataError, Dataset, NotFoundError, load

from .conftest import CLASSES, CONDITIONS, DRUGS, EFFECTS, TESTS, DataFolder


def bundle(tmp_path: pathlib.Path, **changes: object) -> pathlib.Path:
    data: dict[str, object] = {
        "drug_classes": CLASSES,
        "adverse_effects": EFFECTS,
        "conditions": CONDITIONS,
        "monitoring_tests": TESTS,
        "drugs": list(DRUGS.values()),
    }
    data.update(changes)
    path = tmp_path / "mydata.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_load_a_folder(data_folder: DataFolder) -> None:
    dataset = load(data_folder.write())
    assert isinstance(dataset, Dataset)
    assert list(dataset.drugs) == ["alphamab", "betapurine"]
    assert dataset.drugs["Alphix"].id == "alphamab"
    assert [c.id for c in dataset.drug_classes.of("alphamab")] == ["tnf-inhibitor"]
    assert [d.id for d in dataset.drugs.filter(monitoring="TB screening")] == ["alphamab"]
    assert "Dataset of 2 drugs" in repr(dataset)


def test_load_a_single_file(tmp_path: pathlib.Path) -> None:
    dataset = load(bundle(tmp_path))
    assert list(dataset.drugs) == ["alphamab", "betapurine"]
    assert str(tmp_path) not in dataset.catalog.checksum


def test_loaded_data_does_not_touch_the_packaged_collections(tmp_path: pathlib.Path) -> None:
    before = len(immunomod.drugs)
    load(bundle(tmp_path))
    assert len(immunomod.drugs) == before
    assert "alphamab" not in immunomod.drugs


def test_extend_layers_over_the_packaged_data(tmp_path: pathlib.Path) -> None:
    packaged = immunomod.drugs["azathioprine"]
    own = packaged.model_dump(mode="json")
    own["brand_names"] = [*own["brand_names"], "Azamune"]
    data = {
        "drug_classes": [],
        "adverse_effects": [],
        "conditions": [],
        "monitoring_tests": [],
        "drugs": [own],
    }
    path = tmp_path / "override.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    dataset = load(path, extend=True)
    assert len(dataset.drugs) == len(immunomod.drugs)
    assert dataset.drugs["Azamune"].id == "azathioprine"
    assert "Azamune" not in immunomod.drugs


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"drugs": "none"}, "expected a JSON list"),
        ({"colour": []}, "unexpected key 'colour'"),
        ({"drugs": [{"id": 3}]}, "Input should be a valid string"),
        ({"drugs": [DRUGS["alphamab"], DRUGS["alphamab"]]}, "duplicate drug id"),
        ({"drugs": [DRUGS["betapurine"]]}, "unknown drug 'alphamab'"),
        ({"drugs": [{**DRUGS["alphamab"], "__class__": "os.system"}]}, "Extra inputs"),
    ],
)
def test_broken_user_data_lists_its_problems(
    tmp_path: pathlib.Path, changes: dict[str, object], message: str
) -> None:
    with pytest.raises(DataError, match=message) as caught:
        load(bundle(tmp_path, **changes))
    assert caught.value.problems


def test_missing_keys_and_sources(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "empty.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(path)
    assert len(caught.value.problems) == 5
    with pytest.raises(DataError, match="cannot read the data source"):
        load(tmp_path / "nowhere.json")


def test_deprecated_ids_resolve_to_their_replacement(tmp_path: pathlib.Path) -> None:
    deprecations = [
        {
            "kind": "drugs",
            "id": "alphazumab",
            "replaced_by": "alphamab",
            "since": "0.2.0",
            "reason": "renamed",
        }
    ]
    dataset = load(bundle(tmp_path, deprecations=deprecations))
    for _ in range(2):  # a deprecated id warns on every look-up, not only the first
        with pytest.warns(DeprecationWarning, match="'alphazumab' is deprecated; use 'alphamab'"):
            assert dataset.drugs["alphazumab"].id == "alphamab"
    with pytest.warns(DeprecationWarning, match="deprecated"):
        assert dataset.drugs.get("Alphazumab") is dataset.drugs["alphamab"]
    with pytest.warns(DeprecationWarning, match="deprecated"):
        assert "alphazumab" in dataset.drugs
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert list(dataset.drugs) == ["alphamab", "betapurine"]
    with pytest.raises(NotFoundError):
        dataset.drugs["alphazumabx"]


@pytest.mark.parametrize(
    ("deprecation", "message"),
    [
        ({"id": "alphamab", "replaced_by": "betapurine"}, "still the id of a record"),
        ({"id": "gone", "replaced_by": "nothing"}, "is not a record of drugs"),
        ({"kind": "genes"}, "Input should be"),
    ],
)
def test_deprecations_are_checked(
    tmp_path: pathlib.Path, deprecation: dict[str, str], message: str
) -> None:
    entry = {"kind": "drugs", "id": "old", "replaced_by": "alphamab", "since": "0.2.0"}
    entry |= {"reason": "renamed", **deprecation}
    with pytest.raises(DataError, match=message):
        load(bundle(tmp_path, deprecations=[entry]))
