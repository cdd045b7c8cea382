from __future__ import annotations

import pytest

from immunomod import InvalidArgumentError
from immunomod.arguments import ALIASES, did_you_mean, enum_member
from immunomod.errors import MAX_SHOWN, shown
from immunomod.vocabularies import Direction, Frequency, LiveVaccineAdvice, Route


@pytest.mark.parametrize(
    ("enum", "value", "member"),
    [
        (Route, "SC", Route.SUBCUTANEOUS),
        (Route, "s.c.", Route.SUBCUTANEOUS),
        (Route, "IV", Route.INTRAVENOUS),
        (Route, "by mouth", Route.ORAL),
        (Route, "Intra-articular", Route.INTRA_ARTICULAR),
        (Route, "INTRA_ARTICULAR", Route.INTRA_ARTICULAR),
        (Route, Route.ORAL, Route.ORAL),
        (Frequency, "very common", Frequency.VERY_COMMON),
        (Frequency, "VERY_COMMON", Frequency.VERY_COMMON),
        (Direction, "immunostimulant", Direction.STIMULATE),
        (LiveVaccineAdvice, "not stated", LiveVaccineAdvice.NOT_STATED),
    ],
)
def test_enum_member_accepts_any_spelling(enum: type, value: object, member: object) -> None:
    assert enum_member(enum, value, "x") is member


def test_every_alias_names_a_member() -> None:
    for enum, aliases in ALIASES.items():
        for alias, value in aliases.items():
            assert enum(value), alias


def test_enum_member_rejects_with_suggestions() -> None:
    with pytest.raises(InvalidArgumentError, match="did you mean 'intravenous'"):
        enum_member(Route, "intravenus", "route")
    with pytest.raises(InvalidArgumentError, match="route must be one of"):
        enum_member(Route, 3, "route")
    with pytest.raises(InvalidArgumentError) as caught:
        enum_member(Route, "o" * 1_000_000, "route")
    assert len(str(caught.value)) < 400


def test_did_you_mean() -> None:
    assert did_you_mean("oral", ["oral", "rectal"]).startswith("; did you mean 'oral'")
    assert did_you_mean("zzz", ["oral"]) == ""


def test_shown_cuts_long_values() -> None:
    assert shown("abc") == "'abc'"
    assert len(shown("x" * 1000)) == MAX_SHOWN
    assert len(shown(["x"] * 1000)) == MAX_SHOWN
