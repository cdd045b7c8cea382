"""Exceptions raised by immunomod; all derive from :class:`ImmunomodError`."""

from __future__ import annotations

__all__ = [
    "DataError",
    "ImmunomodError",
    "InvalidArgumentError",
    "InvalidKeyError",
    "NotFoundError",
]


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
        self.suggestions = suggestions
        message = f"no {kind} matches {key!r}"
        if suggestions:
            message += "; did you mean " + ", ".join(repr(s) for s in suggestions) + "?"
        super().__init__(message)

    def __str__(self) -> str:
        # KeyError.__str__ would repr() the message and wrap it in quotes.
        return str(self.args[0])


class InvalidKeyError(ImmunomodError, TypeError):
    """A look-up key was not a string (e.g. ``drugs[3]``)."""


class InvalidArgumentError(ImmunomodError, ValueError):
    """A query argument had a value outside its allowed set (e.g. an unknown route)."""


class DataError(ImmunomodError, ValueError):
    """A packaged data file is malformed or breaks referential integrity.

    ``file``, ``record`` and ``field`` say where; they are ``None`` when not applicable.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        record: str | None = None,
        field: str | None = None,
    ) -> None:
        self.file = file
        self.record = record
        self.field = field
        where = ", ".join(
            part
            for part in (
                file,
                f"record {record!r}" if record is not None else None,
                f"field {field!r}" if field is not None else None,
            )
            if part
        )
        super().__init__(f"{where}: {message}" if where else message)
