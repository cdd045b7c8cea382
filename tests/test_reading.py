"""Damaged and hostile data: every read problem is a DataError naming where it is."""

from __future__ import annotations

import json
import pathlib
import re
from collections.abc import Callable

import pytest

from immunomod.errors import DataError
from immunomod.loading import load_catalog
from immunomod.reading import MAX_FILE_BYTES, MAX_PROBLEMS, canonical_json, manifest_of

from .conftest import DataFolder


def with_manifest(root: pathlib.Path) -> pathlib.Path:
    contents = {
        p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()
    }
    (root / "manifest.json").write_text(canonical_json(manifest_of(contents)), encoding="utf-8")
    return root


def drug_file(root: pathlib.Path) -> pathlib.Path:
    return root / "drugs" / "alphamab.json"


# Each case damages a written folder; the load must fail naming the file.
DAMAGE: dict[str, tuple[Callable[[pathlib.Path], object], str, str]] = {
    "deleted drug file": (lambda r: drug_file(r).unlink(), "manifest lists is missing", "drugs/"),
    "renamed to .json.bak": (
        lambda r: drug_file(r).rename(r / "drugs" / "alphamab.json.bak"),
        "not a .json file",
        "drugs/alphamab.json.bak",
    ),
    "renamed to .JSON": (
        lambda r: drug_file(r).rename(r / "drugs" / "alphamab.JSON"),
        "not a .json file",
        "drugs/alphamab.JSON",
    ),
    "edited file": (
        lambda r: drug_file(r).write_text(drug_file(r).read_text().replace("Binds", "Bind")),
        "differs from the manifest",
        "drugs/alphamab.json",
    ),
    "extra drug file": (
        lambda r: (r / "drugs" / "extra.json").write_text("{}"),
        "does not list",
        "drugs/extra.json",
    ),
    "directory named like a file": (
        lambda r: (r / "drugs" / "x.json").mkdir(),
        "not a .json file",
        "drugs/x.json",
    ),
    "stray top-level file": (
        lambda r: (r / "notes.txt").write_text("hi"),
        "unexpected entry",
        "notes.txt",
    ),
    "manifest removed": (
        lambda r: (r / "manifest.json").unlink(),
        "manifest is missing",
        "manifest.json",
    ),
}


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_a_damaged_install_is_refused_whole(data_folder: DataFolder, case: str) -> None:
    damage, message, file = DAMAGE[case]
    root = with_manifest(data_folder.write())
    load_catalog(root, require_manifest=True)  # intact: loads
    damage(root)
    with pytest.raises(DataError, match=re.escape(message)) as caught:
        load_catalog(root, require_manifest=True)
    assert any(p.file is not None and p.file.startswith(file) for p in caught.value.problems)


HOSTILE_JSON: dict[str, tuple[str, str]] = {
    "duplicate keys": ('{"id": "alphamab", "id": "other"}', "duplicate key 'id'"),
    "NaN": ('{"id": NaN}', "NaN is not allowed"),
    "Infinity": ('{"id": -Infinity}', "-Infinity is not allowed"),
    "overflowing number": ('{"id": 1e999}', "out of range"),
    "deep nesting": ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    "invalid UTF-8": ("\udcff", "not valid UTF-8"),
    "not JSON": ("{not json", "not valid JSON"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_JSON))
def test_hostile_json_is_a_data_error(data_folder: DataFolder, case: str) -> None:
    text, message = HOSTILE_JSON[case]
    root = data_folder.write()
    drug_file(root).write_bytes(text.encode("utf-8", errors="surrogateescape"))
    with pytest.raises(DataError, match=re.escape(message)) as caught:
        load_catalog(root)
    assert caught.value.file == "drugs/alphamab.json"


def test_an_oversized_file_is_refused_without_reading_it_all(data_folder: DataFolder) -> None:
    root = data_folder.write()
    drug_file(root).write_bytes(b" " * (MAX_FILE_BYTES + 10))
    with pytest.raises(DataError, match="larger than"):
        load_catalog(root)


@pytest.mark.parametrize("character", ["\x00", "\u202e", "\u2066", "\x1b"])
def test_control_and_bidi_characters_are_refused_in_text(
    data_folder: DataFolder, character: str
) -> None:
    data_folder.drugs["alphamab"]["brand_names"] = [f"Alph{character}ix"]
    with pytest.raises(DataError, match="control character") as caught:
        data_folder.load()
    assert caught.value.field == "brand_names.0"


def test_every_problem_is_listed_not_just_the_first(data_folder: DataFolder) -> None:
    data_folder.drugs["alphamab"]["routes"] = ["by mouth"]
    data_folder.drugs["betapurine"]["classes"] = ["nope"]
    data_folder.effects[0]["organ_system"] = "soul"
    with pytest.raises(DataError) as caught:
        data_folder.load()
    where = {(p.file, p.field) for p in caught.value.problems}
    assert ("drugs/alphamab.json", "routes.0") in where
    assert ("drugs/betapurine.json", "classes.0") in where
    assert ("adverse_effects.json", "organ_system") in where
    assert "more problems" in str(caught.value)


def test_problem_lists_are_bounded(data_folder: DataFolder) -> None:
    data_folder.effects = [
        {"id": f"e{i}", "name": f"E {i}", "organ_system": "soul", "description": "d"}
        for i in range(MAX_PROBLEMS * 3)
    ]
    with pytest.raises(DataError) as caught:
        data_folder.load()
    assert len(caught.value.problems) == MAX_PROBLEMS + 1
    assert "more problems not listed" in caught.value.problems[-1].message


def test_a_deep_class_chain_loads_and_queries_without_recursion(data_folder: DataFolder) -> None:
    depth = 20_000
    data_folder.classes = [{"id": "c0", "name": "C 0", "description": "d"}] + [
        {"id": f"c{i}", "name": f"C {i}", "description": "d", "parents": [f"c{i - 1}"]}
        for i in range(1, depth)
    ]
    data_folder.drugs["alphamab"]["classes"] = [f"c{depth - 1}"]
    data_folder.drugs["betapurine"]["classes"] = ["c0"]
    catalog = data_folder.load()
    assert len(catalog.descendants("c0")) == depth
    from immunomod.collection import DrugClassCollection, DrugCollection

    drugs = DrugCollection(lambda: catalog)
    classes = DrugClassCollection(lambda: catalog)
    assert [d.id for d in drugs.filter(drug_class="c0")] == ["alphamab", "betapurine"]
    assert len(classes.ancestors(f"c{depth - 1}")) == depth - 1


def test_manifest_must_be_well_formed(data_folder: DataFolder) -> None:
    root = data_folder.write()
    (root / "manifest.json").write_text(json.dumps({"files": []}), encoding="utf-8")
    with pytest.raises(DataError, match="expected an object"):
        load_catalog(root)
