from __future__ import annotations

import pytest

from immunomod.vocabularies import Direction, Frequency, Route


def test_frequency_order_runs_from_unknown_to_very_common() -> None:
    ordered = sorted(Frequency, key=lambda f: f.rank)
    assert ordered == [
        Frequency.UNKNOWN,
        Frequency.VERY_RARE,
        Frequency.RARE,
        Frequency.UNCOMMON,
        Frequency.COMMON,
        Frequency.VERY_COMMON,
    ]
    assert sorted(Frequency) == ordered


def test_frequency_at_least_common() -> None:
    at_least_common = {f for f in Frequency if f >= Frequency.COMMON}
    assert at_least_common == {Frequency.COMMON, Frequency.VERY_COMMON}
    assert Frequency.RARE < Frequency.UNCOMMON <= Frequency.UNCOMMON
    assert Frequency.VERY_COMMON > Frequency.UNKNOWN


def test_frequency_compares_with_member_values_by_rank_not_alphabet() -> None:
    assert Frequency.COMMON > "rare"
    assert Frequency.VERY_RARE < "uncommon"


@pytest.mark.parametrize("other", ["often", 3, None])
def test_frequency_refuses_to_compare_with_non_members(other: object) -> None:
    with pytest.raises(TypeError, match="cannot compare a Frequency"):
        _ = Frequency.COMMON < other  # noqa: SIM300


@pytest.mark.parametrize(
    ("percent", "band"),
    [
        (100, Frequency.VERY_COMMON),
        (10, Frequency.VERY_COMMON),
        (9.99, Frequency.COMMON),
        (1, Frequency.COMMON),
        (0.5, Frequency.UNCOMMON),
        (0.1, Frequency.UNCOMMON),
        (0.05, Frequency.RARE),
        (0.01, Frequency.RARE),
        (0.001, Frequency.VERY_RARE),
        (0, Frequency.VERY_RARE),
    ],
)
def test_frequency_from_percent(percent: float, band: Frequency) -> None:
    assert Frequency.from_percent(percent) is band


@pytest.mark.parametrize("percent", [-1, 100.5])
def test_frequency_from_percent_rejects_out_of_range(percent: float) -> None:
    with pytest.raises(ValueError, match="between 0 and 100"):
        Frequency.from_percent(percent)


def test_enums_equal_their_values() -> None:
    assert Route.ORAL == "oral"  # type: ignore[comparison-overlap]
    assert Direction("stimulate") is Direction.STIMULATE
