from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from pydantic import ValidationError

from immunomod.models import (
    CoTherapy,
    Drug,
    DrugAdverseEffect,
    DrugClass,
    Identifiers,
    Indication,
    Mechanism,
    Onset,
    Source,
    Vaccines,
    direction_of,
)
from immunomod.vocabularies import Direction, LiveVaccineAdvice, Regulator, SourceKind

from .conftest import CITED, DRUGS, SOURCE


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
            [{"effect": "nausea", "frequency": "common", "serious": False, "sources": CITED}] * 2,
        ),
        ("indications", [{"condition": "crohns-disease", "sources": CITED}] * 2),
        ("sources", [SOURCE, {**SOURCE, "url": "https://example.org/other"}]),
    ],
)
def test_duplicates_are_rejected(field: str, value: object) -> None:
    with pytest.raises(ValidationError, match="twice"):
        Drug.model_validate(drug_data(**{field: value}))


def onset(**changes: Any) -> Onset:
    return Onset.model_validate({"min_weeks": 2, "max_weeks": 4, "sources": CITED, **changes})


def test_onset_min_must_not_exceed_max() -> None:
    assert onset(min_weeks=12, max_weeks=26, reassess_weeks=16).reassess_weeks == 16
    with pytest.raises(ValidationError, match="must not exceed"):
        onset(min_weeks=6, max_weeks=2)
    with pytest.raises(ValidationError, match="greater than or equal to 0"):
        onset(min_weeks=-1, max_weeks=2)
    with pytest.raises(ValidationError, match="finite"):
        onset(max_weeks=float("inf"))


def test_co_therapy_names_exactly_one_partner() -> None:
    with pytest.raises(ValidationError, match="exactly one"):
        CoTherapy.model_validate({"kind": "bridging", "notes": "n", "sources": CITED})
    with pytest.raises(ValidationError, match="exactly one"):
        CoTherapy.model_validate(
            {"kind": "bridging", "drug": "a", "drug_class": "b", "notes": "n", "sources": CITED}
        )


def test_class_cannot_be_its_own_parent() -> None:
    assert DrugClass(id="a", name="A", description="d", parents=("b", "c")).parents == ("b", "c")
    with pytest.raises(ValidationError, match="own parent"):
        DrugClass(id="a", name="A", description="d", parents=("b", "a"))
    with pytest.raises(ValidationError, match="twice"):
        DrugClass(id="a", name="A", description="d", parents=("b", "b"))


def source(**changes: Any) -> Source:
    return Source.model_validate({**SOURCE, **changes})


def test_source_needs_a_web_url_a_kind_and_a_reading_date() -> None:
    assert source(url="http://example.org").url == "http://example.org"
    for bad in ("ftp://example.org", "example.org", "https://exa mple.org"):
        with pytest.raises(ValidationError, match="url"):
            source(url=bad)
    with pytest.raises(ValidationError, match="title"):
        source(title="  ")
    with pytest.raises(ValidationError, match="kind"):
        source(kind="blog")
    with pytest.raises(ValidationError, match="accessed"):
        source(accessed="yesterday")
    assert source(revision=None).revision is None
    assert SourceKind.EU_SMPC.is_label
    assert not SourceKind.PAPER.is_label


def effect(**changes: Any) -> dict[str, Any]:
    return {
        "effect": "nausea",
        "frequency": "common",
        "serious": False,
        "sources": CITED,
        **changes,
    }


def test_adverse_effect_figures() -> None:
    assert DrugAdverseEffect.model_validate(effect(percent=4.5)).percent == 4.5
    for bad in (-1, 101, float("nan")):
        with pytest.raises(ValidationError, match="percent"):
            DrugAdverseEffect.model_validate(effect(percent=bad))


def test_unknown_frequency_needs_its_reason() -> None:
    with pytest.raises(ValidationError, match="needs notes"):
        DrugAdverseEffect.model_validate(effect(frequency="unknown"))
    with pytest.raises(ValidationError, match="cannot be 'unknown'"):
        DrugAdverseEffect.model_validate(effect(frequency="unknown", notes="n", percent=3))
    assert DrugAdverseEffect.model_validate(effect(frequency="unknown", notes="No figure."))


@pytest.mark.parametrize(
    "fact",
    [
        "indications.0",
        "adverse_effects.0",
        "monitoring.0",
        "boxed_warning",
        "pregnancy",
        "vaccines",
    ],
)
def test_every_fact_must_cite_a_listed_source(fact: str) -> None:
    data = drug_data()
    parent, _, index = fact.partition(".")
    target = data[parent][int(index)] if index else data[parent]
    target["sources"] = ["eu-smpc"]
    with pytest.raises(ValidationError, match=f"{re.escape(fact)} cites unknown source 'eu-smpc'"):
        Drug.model_validate(data)
    target["sources"] = []
    with pytest.raises(ValidationError, match="at least 1 item"):
        Drug.model_validate(data)
    del target["sources"]
    with pytest.raises(ValidationError, match="Field required"):
        Drug.model_validate(data)


def test_citations_list_every_sourced_fact() -> None:
    drug = Drug.model_validate(drug_data(onset={"min_weeks": 1, "max_weeks": 2, "sources": CITED}))
    assert [location for location, _ in drug.citations()] == [
        "indications.0",
        "adverse_effects.0",
        "monitoring.0",
        "boxed_warning",
        "onset",
        "pregnancy",
        "vaccines",
    ]


def test_monitoring_or_a_note_saying_why_not() -> None:
    with pytest.raises(ValidationError, match="monitoring_note"):
        Drug.model_validate(drug_data(monitoring=[]))
    drug = Drug.model_validate(drug_data(monitoring=[], monitoring_note="The label asks none."))
    assert drug.monitoring == ()


def indication(**changes: Any) -> Indication:
    return Indication.model_validate({"condition": "crohns-disease", "sources": CITED, **changes})


def test_indication_population_and_labels() -> None:
    assert not indication().labelled
    use = indication(regulators=["us", "eu"], children=True, min_age_years=6)
    assert use.labelled
    assert use.regulators == (Regulator.US, Regulator.EU)
    with pytest.raises(ValidationError, match="adults, children or both"):
        indication(adults=False)
    with pytest.raises(ValidationError, match="children=True"):
        indication(min_age_years=12)
    with pytest.raises(ValidationError, match="twice"):
        indication(regulators=["us", "us"])
    with pytest.raises(ValidationError, match="regulators"):
        indication(regulators=["fda"])


def test_vaccine_advice_vocabulary() -> None:
    advice = Vaccines.model_validate({"live": "avoid", "window": "3 months", "sources": CITED})
    assert advice.live is LiveVaccineAdvice.AVOID
    with pytest.raises(ValidationError, match="live"):
        Vaccines.model_validate({"live": "never", "sources": CITED})


def test_review_names_label_sources() -> None:
    drug = Drug.model_validate(drug_data(review={"date": "2026-11-30", "labels": ["us-label"]}))
    assert drug.review is not None
    assert drug.review.date.isoformat() == "2026-11-30"
    with pytest.raises(ValidationError, match="not a label source"):
        Drug.model_validate(drug_data(review={"date": "2026-11-30", "labels": ["eu-smpc"]}))


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
