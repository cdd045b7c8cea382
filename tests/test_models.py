from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from immunomod.models import (
    CoTherapy,
    Drug,
    DrugClass,
    Identifiers,
    Mechanism,
    Onset,
    Source,
    direction_of,
)
from immunomod.vocabularies import Direction

from .conftest import DRUGS


def drug_data(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(DRUGS["alphamab"])
    data.update(changes)
    return data


def mechanism(direction: str) -> dict[str, str]:
    return {"target": "X", "action": "modulator", "direction": direction, "description": "d"}


def test_valid_drug_round_trips() -> None:
    drug = Drug.model_validate(drug_data())
    assert drug.id == "alphamab"
    assert Drug.model_validate(drug.model_dump(mode="json")) == drug


@pytest.mark.parametrize("bad_id", ["Alphamab", "alpha_mab", "alpha mab", "-alpha", "alpha-", ""])
def test_bad_ids_are_rejected(bad_id: str) -> None:
    with pytest.raises(ValidationError, match="id"):
        Drug.model_validate(drug_data(id=bad_id))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("routes", ["by mouth"]),
        ("direction", "up"),
        ("mechanisms", [{**mechanism("suppress"), "action": "zaps"}]),
        ("adverse_effects", [{"effect": "nausea", "frequency": "often", "serious": False}]),
    ],
)
def test_bad_enum_values_are_rejected(field: str, value: object) -> None:
    with pytest.raises(ValidationError, match=field):
        Drug.model_validate(drug_data(**{field: value}))


def test_unknown_fields_are_forbidden() -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        Drug.model_validate(drug_data(colour="blue"))


@pytest.mark.parametrize("field", ["classes", "mechanisms", "routes", "sources"])
def test_required_tuples_must_not_be_empty(field: str) -> None:
    with pytest.raises(ValidationError, match=field):
        Drug.model_validate(drug_data(**{field: []}))


def test_models_are_frozen_and_use_tuples() -> None:
    drug = Drug.model_validate(drug_data())
    with pytest.raises(ValidationError, match="frozen"):
        drug.name = "other"  # type: ignore[misc]
    assert isinstance(drug.classes, tuple)
    assert isinstance(drug.mechanisms[0], Mechanism)
    with pytest.raises(ValidationError, match="frozen"):
        drug.mechanisms[0].target = "Y"  # type: ignore[misc]


def test_direction_must_match_mechanisms() -> None:
    with pytest.raises(ValidationError, match="mechanisms give 'suppress'"):
        Drug.model_validate(drug_data(direction="stimulate"))


def test_mixed_direction_when_mechanisms_disagree() -> None:
    both = [mechanism("suppress"), mechanism("stimulate")]
    drug = Drug.model_validate(drug_data(mechanisms=both, direction="mixed"))
    assert drug.direction is Direction.MIXED
    with pytest.raises(ValidationError, match="mechanisms give 'mixed'"):
        Drug.model_validate(drug_data(mechanisms=both, direction="suppress"))


def test_a_mechanism_cannot_be_mixed() -> None:
    with pytest.raises(ValidationError, match="not 'mixed'"):
        Mechanism.model_validate(mechanism("mixed"))


def test_direction_of() -> None:
    stimulate = Mechanism.model_validate(mechanism("stimulate"))
    suppress = Mechanism.model_validate(mechanism("suppress"))
    assert direction_of((stimulate, stimulate)) is Direction.STIMULATE
    assert direction_of((stimulate, suppress)) is Direction.MIXED


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("classes", ["thiopurine", "thiopurine"]),
        ("routes", ["oral", "oral"]),
        ("brand_names", ["A", "A"]),
        (
            "adverse_effects",
            [{"effect": "nausea", "frequency": "common", "serious": False}] * 2,
        ),
        ("indications", [{"condition": "crohns-disease"}] * 2),
    ],
)
def test_duplicates_are_rejected(field: str, value: object) -> None:
    with pytest.raises(ValidationError, match="twice"):
        Drug.model_validate(drug_data(**{field: value}))


def test_onset_min_must_not_exceed_max() -> None:
    assert Onset(min_weeks=12, max_weeks=26).max_weeks == 26
    with pytest.raises(ValidationError, match="must not exceed"):
        Onset(min_weeks=6, max_weeks=2)
    with pytest.raises(ValidationError, match="greater than or equal to 0"):
        Onset(min_weeks=-1, max_weeks=2)


def test_co_therapy_names_exactly_one_partner() -> None:
    with pytest.raises(ValidationError, match="exactly one"):
        CoTherapy.model_validate({"kind": "bridging", "notes": "n"})
    with pytest.raises(ValidationError, match="exactly one"):
        CoTherapy.model_validate({"kind": "bridging", "drug": "a", "drug_class": "b", "notes": "n"})


def test_class_cannot_be_its_own_parent() -> None:
    with pytest.raises(ValidationError, match="own parent"):
        DrugClass(id="a", name="A", description="d", parent="a")


def test_source_needs_a_web_url() -> None:
    assert Source(title="t", url="http://example.org").url == "http://example.org"
    for bad in ("ftp://example.org", "example.org", "https://exa mple.org"):
        with pytest.raises(ValidationError, match="url"):
            Source(title="t", url=bad)
    with pytest.raises(ValidationError, match="title"):
        Source(title="  ", url="https://example.org")


GOOD_IDENTIFIERS: list[dict[str, Any]] = [
    {"atc": ["L04AX01"]},
    {"atc": ["L04AB02", "L01FF01"]},
    {"unii": "MRK240IY2L"},
    {"drugbank": "DB00993"},
    {"rxcui": "1256"},
    {"chembl": "CHEMBL1542"},
    {"pubchem_cid": 2265},
    {"mesh": "D001379"},
    {"mesh": "C000603933"},
]
BAD_IDENTIFIERS: list[dict[str, Any]] = [
    {"atc": ["L04AX1"]},
    {"atc": ["l04ax01"]},
    {"atc": ["L04AX01", "L04AX01"]},
    {"unii": "MRK240IY2"},
    {"unii": "mrk240iy2l"},
    {"drugbank": "DB0993"},
    {"drugbank": "BTD00993"},
    {"rxcui": "0125"},
    {"rxcui": "RX1256"},
    {"chembl": "CHEMBL"},
    {"chembl": "chembl1542"},
    {"pubchem_cid": 0},
    {"mesh": "D1379"},
    {"mesh": "Q000009"},
]


@pytest.mark.parametrize("value", GOOD_IDENTIFIERS)
def test_good_identifiers_are_accepted(value: dict[str, Any]) -> None:
    assert Identifiers.model_validate(value)


@pytest.mark.parametrize("value", BAD_IDENTIFIERS)
def test_bad_identifiers_are_rejected(value: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match=next(iter(value))):
        Identifiers.model_validate(value)
