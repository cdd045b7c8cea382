"""Exceptions raised by immunomod; all derive from :class:`ImmunomodError`.

Every exception keeps its attributes through ``pickle`` and ``copy``, so errors raised in a
worker process reach the parent intact.
"""

from __future__ import annotations

import functools
from typing import Any

__all__ = [
    "DataError",
    "ImmunomodError",
    "InvalidArgumentError",
    "InvalidKeyError",
    "NotFoundError",
    "Problem",
]

MAX_SHOWN = 60
"""Longest excerpt of a caller's value that an error message repeats."""


def shown(value: object) -> str:
    """``repr(value)``, cut to :data:`MAX_SHOWN` characters for an error message."""
    text = repr(value) if not isinstance(value, str) else repr(value[: MAX_SHOWN + 1])
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 3] + "..."


class ImmunomodError(Exception):
    """Base class of every exception immunomod raises on purpose."""


class NotFoundError(ImmunomodError, KeyError):
    """A look-up key matched no record.

    It is a :class:`KeyError`, so ``except KeyError`` keeps working; ``suggestions``
    holds the ids of the closest matches, best first.
    """

    def __init__(self, kind: str, key: str, suggestions: tuple[str, ...] = ()) -> None:
        self.kind = kind
        self.key = key
        self.suggestions = tuple(suggestions)
        message = f"no {kind} matches {shown(key)}"
        if self.suggestions:
            message += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(message)

    def __str__(self) -> str:
        # KeyError.__str__ would repr() the message and wrap it in quotes.
        return str(self.args[0])

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.kind, self.key, self.suggestions))


class InvalidKeyError(ImmunomodError, TypeError):
    """A look-up key was not a string (e.g. ``drugs[3]``)."""


class InvalidArgumentError(ImmunomodError, ValueError):
    """A query argument had a value outside its allowed set (e.g. an unknown route)."""


class Problem:
    """One problem found in a data folder: where it is and what is wrong."""

    __slots__ = ("field", "file", "message", "record")

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        record: str | None = None,
        field: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.record = record
        self.field = field

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                self.file,
                f"record {shown(self.record)}" if self.record is not None else None,
                f"field {shown(self.field)}" if self.field is not None else None,
            )
            if part
        )
        return f"{where}: {self.message}" if where else self.message

    def __repr__(self) -> str:
        return f"Problem({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def _key(self) -> tuple[str, str | None, str | None, str | None]:
        return (self.message, self.file, self.record, self.field)

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            functools.partial(Problem, file=self.file, record=self.record, field=self.field),
            (self.message,),
        )


class DataError(ImmunomodError, ValueError):
    """A data file is missing, malformed or breaks referential integrity.

    ``file``, ``record`` and ``field`` say where the first problem is (``None`` when not
    applicable); ``problems`` lists every problem found, the first one included.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        record: str | None = None,
        field: str | None = None,
        problems: tuple[Problem, ...] = (),
    ) -> None:
        first = Problem(message, file=file, record=record, field=field)
        self.message = message
        self.file = file
        self.record = record
        self.field = field
        self.problems: tuple[Problem, ...] = tuple(problems) or (first,)
        text = str(first)
        if len(self.problems) > 1:
            text += f" (and {len(self.problems) - 1} more problems)"
        super().__init__(text)

    @classmethod
    def from_problems(cls, problems: list[Problem] | tuple[Problem, ...]) -> DataError:
        """One error reporting every problem, located at the first."""
        first = problems[0]
        return cls(
            first.message,
            file=first.file,
            record=first.record,
            field=first.field,
            problems=tuple(problems),
        )

    def __reduce__(self) -> tuple[Any, ...]:
        rebuild = functools.partial(
            type(self),
            file=self.file,
            record=self.record,
            field=self.field,
            problems=self.problems,
        )
        return (rebuild, (self.message,))
