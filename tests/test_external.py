from __future__ import annotations

import json
import pathlib
import re

import pytest

import immunomod
from immunomod import Drug, InvalidKeyError, NotFoundError, drugs

ROOT = pathlib.Path(__file__).resolve().parent.parent
DRUGS = sorted(drugs.values(), key=lambda d: d.id)


@pytest.mark.parametrize("drug", DRUGS, ids=lambda d: d.id)
def test_every_identifier_finds_its_drug_bare_and_as_a_curie(drug: Drug) -> None:
    for curie in drug.identifiers.curies():
        prefix, _, code = curie.partition(":")
        assert drug in drugs.lookup(curie), curie
        assert drug in drugs.lookup(code), code
        assert drug in drugs.lookup(f"  {curie.upper()} "), curie
        if prefix != "atc":
            assert drugs.lookup(curie) == (drug,), curie


def test_atc_groups_give_every_member_sorted() -> None:
    found = drugs.lookup("atc:L04AB")
    assert {d.id for d in found} >= {"adalimumab", "infliximab", "etanercept"}
    assert [d.id for d in found] == sorted(d.id for d in found)
    assert {d.id for d in drugs.lookup("L04AF")} == {"tofacitinib", "baricitinib", "upadacitinib"}


def test_an_atc_code_shared_by_two_forms_of_one_substance_finds_both() -> None:
    found = [d.id for d in drugs.lookup("atc:L04AA06")]
    assert found == ["mycophenolate-mofetil", "mycophenolic-acid"]


@pytest.mark.parametrize("code", ["nope", "drugbank:DB99999", "unii:", "", "x" * 10_000])
def test_unknown_codes_raise_not_found(code: str) -> None:
    with pytest.raises(NotFoundError):
        drugs.lookup(code)


def test_codes_must_be_strings() -> None:
    with pytest.raises(InvalidKeyError):
        drugs.lookup(993)  # type: ignore[arg-type]


def test_curies_and_urls_use_bioregistry_prefixes() -> None:
    identifiers = drugs["azathioprine"].identifiers
    assert "drugbank:DB00993" in identifiers.curies()
    assert "unii:MRK240IY2L" in identifiers.curies()
    assert "https://bioregistry.io/drugbank:DB00993" in identifiers.urls()
    for curie in (c for d in DRUGS for c in d.identifiers.curies()):
        assert re.fullmatch(
            r"(atc|unii|drugbank|rxnorm|chembl\.compound|pubchem\.compound|mesh):\S+", curie
        )


def test_json_schema_is_the_committed_one() -> None:
    committed = json.loads((ROOT / "docs" / "schema.json").read_text(encoding="utf-8"))
    assert immunomod.json_schema() == committed
