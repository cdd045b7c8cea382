from __future__ import annotations

import enum

import pytest

import immunomod
from immunomod import drug_classes, drugs, vocabularies

ENUMS = [
    value
    for value in vars(vocabularies).values()
    if isinstance(value, type) and issubclass(value, enum.Enum) and list(value)
]


@pytest.mark.parametrize("vocabulary", ENUMS, ids=lambda e: e.__name__)
def test_every_enum_prints_as_its_value(vocabulary: type[enum.Enum]) -> None:
    for member in vocabulary:
        assert str(member) == member.value
        assert f"{member}" == member.value
        assert f"{member:>3}" == format(member.value, ">3")


def test_record_reprs_are_short_and_readable() -> None:
    for drug in drugs.values():
        text = repr(drug)
        assert text.startswith(f"Drug(id={drug.id!r}")
        assert len(text) < 400, drug.id
        assert str(drug)
    aza = drugs["azathioprine"]
    assert "routes=('oral'" in repr(aza)
    assert len(repr(aza.adverse_effects[0])) < 200
    assert repr(drug_classes["tnf-inhibitor"]).startswith("DrugClass(id='tnf-inhibitor'")


def test_html_cards_escape_and_summarise() -> None:
    card = drugs["azathioprine"]._repr_html_()
    assert card.startswith("<div><strong>Drug: azathioprine</strong>")
    assert "Imuran" in card
    assert "<script" not in card
    assert drug_classes["biologic"]._repr_html_().count("<tr>") >= 2
    listing = drugs._repr_html_()
    assert f"{len(drugs)} drug records" in listing
    assert "more" in listing


def test_iteration_yields_ids_and_values_yield_records() -> None:
    assert next(iter(drugs)) == sorted(drugs)[0]
    assert next(iter(drugs.values())) is drugs[sorted(drugs)[0]]
    assert isinstance(immunomod.Route.ORAL, str)
