from __future__ import annotations

import copy
import pickle

import pytest

from immunomod.errors import (
    DataError,
    ImmunomodError,
    InvalidArgumentError,
    InvalidKeyError,
    NotFoundError,
    Problem,
)

ERRORS: list[ImmunomodError] = [
    NotFoundError("drug", "azathiprine", ("azathioprine", "mercaptopurine")),
    InvalidKeyError("key must be a string, got int"),
    InvalidArgumentError("route must be one of 'oral'; got 'x'"),
    DataError("unknown class 'x'", file="drugs/a.json", record="a", field="classes.0"),
    DataError.from_problems(
        [
            Problem("first", file="a.json", record="a", field="f"),
            Problem("second", file="b.json"),
        ]
    ),
]
ATTRIBUTES = ("args", "kind", "key", "suggestions", "file", "record", "field", "problems")


def state(error: BaseException) -> dict[str, object]:
    return {name: getattr(error, name) for name in ATTRIBUTES if hasattr(error, name)}


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
@pytest.mark.parametrize(
    "clone",
    [lambda e: pickle.loads(pickle.dumps(e)), copy.copy, copy.deepcopy],
    ids=["pickle", "copy", "deepcopy"],
)
def test_errors_survive_pickle_and_copy(error: ImmunomodError, clone: object) -> None:
    again = clone(error)  # type: ignore[operator]
    assert type(again) is type(error)
    assert str(again) == str(error)
    assert state(again) == state(error)


def test_not_found_error_is_a_key_error_with_a_bounded_message() -> None:
    error = NotFoundError("drug", "x" * 1_000_000)
    assert isinstance(error, KeyError)
    assert len(str(error)) < 120
    assert error.key == "x" * 1_000_000


def test_data_error_lists_every_problem() -> None:
    error = ERRORS[-1]
    assert isinstance(error, DataError)
    assert [p.message for p in error.problems] == ["first", "second"]
    assert (error.file, error.record, error.field) == ("a.json", "a", "f")
    assert str(error) == "a.json, record 'a', field 'f': first (and 1 more problems)"
